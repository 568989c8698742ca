// Verifies the hash chain of the audit trail (GET /api/audit/verify).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Space, Tag } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../app/api.ts';
import type { AuditVerify as VerifyResult } from '../../app/contract.ts';
import { useReportError } from '../../app/use-report-error.ts';

export function AuditVerify() {
  const { t } = useTranslation();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);

  const run = async () => {
    setBusy(true);
    try {
      setResult(await api.get<VerifyResult>('/api/audit/verify'));
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
      {result && (
        <Tag
          color={result.ok ? 'success' : 'error'}
          icon={result.ok ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
          data-testid="audit-verify-result"
          data-ok={String(result.ok)}
          style={{ whiteSpace: 'normal' }}
        >
          {result.ok
            ? t('audit.verifyOk', { checked: result.checked })
            : t('audit.verifyBroken', {
                seq: result.firstBrokenSeq ?? '?',
                reason: result.reason ? t(`audit.brokenReason.${result.reason}`) : '—',
                checked: result.checked,
              })}
        </Tag>
      )}
    </Space>
  );
}
