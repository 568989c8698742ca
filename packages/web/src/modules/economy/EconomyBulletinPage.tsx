// The economic performance bulletin (经济运行通报) of a month (/economy/bulletin?month=): title and document number
// (发文字号) to put on it, the text generated from the approved figures (GET /api/economy/bulletin?month=) shown as a
// document, and the Word file (the same request with format=docx). Without ?month= the latest month with approved
// figures is taken (from the dashboard's answer).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Empty, Input, Space, Spin, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import type { EconomyBulletin, EconomyDashboard } from '@zoneops/shared';
import { downloadExport } from '../../app/download.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { BulletinSheet } from './BulletinSheet.tsx';
import { MonthPicker, useMonthParam } from './MonthPicker.tsx';

/** Whether the blocks say anything beyond "not yet approved": a heading or a table. */
const hasContent = (b: EconomyBulletin) => b.blocks.some((x) => x.kind !== 'p');

export default function EconomyBulletinPage() {
  const { t } = useTranslation();
  const report = useReportError();
  const [chosen, setMonth] = useMonthParam();
  // the default month: the latest with approved figures, as the dashboard answers it
  const latest = useApiGet<EconomyDashboard>(chosen ? null : '/api/economy/dashboard');
  const defaultMonth = latest.data ? (latest.data.latestMonth ?? latest.data.month) : undefined;
  const month = chosen ?? defaultMonth;
  const { data, loading } = useApiGet<EconomyBulletin>(month ? '/api/economy/bulletin' : null, { month });
  const [title, setTitle] = useState('');
  const [docNumber, setDocNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const shown = data && data.month === month ? data : undefined;

  const download = async () => {
    if (!month) return;
    setBusy(true);
    try {
      const name = title.trim() || shown?.title || t('economy.bulletin.title');
      await downloadExport(
        '/api/economy/bulletin',
        { month, format: 'docx', title: title.trim() || undefined, docNumber: docNumber.trim() || undefined },
        `${name}.docx`,
      );
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="economy-bulletin">
      <Card
        title={t('economy.bulletin.title')}
        extra={<MonthPicker value={month} onChange={(m) => setMonth(m, latest.data?.latestMonth)} testId="economy-bulletin-month" />}
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('economy.bulletin.generated')} data-testid="economy-bulletin-note" />
          <Space wrap align="end" size={12}>
            <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <Typography.Text type="secondary">{t('economy.bulletin.docTitle')}</Typography.Text>
              <Input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                maxLength={200}
                placeholder={shown ? t('economy.bulletin.docTitlePlaceholder', { title: shown.title }) : undefined}
                style={{ width: 420 }}
                allowClear
                data-testid="economy-bulletin-doc-title"
              />
            </label>
            <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              <Typography.Text type="secondary">{t('economy.bulletin.docNumber')}</Typography.Text>
              <Input
                value={docNumber}
                onChange={(e) => setDocNumber(e.target.value)}
                maxLength={100}
                placeholder={t('economy.bulletin.docNumberPlaceholder')}
                style={{ width: 240 }}
                allowClear
                data-testid="economy-bulletin-doc-number"
              />
            </label>
            <Button
              type="primary"
              icon={<FileWordOutlined />}
              loading={busy}
              disabled={!month}
              onClick={() => void download()}
              data-testid="economy-bulletin-download"
            >
              {t('economy.bulletin.download')}
            </Button>
          </Space>
        </Space>
      </Card>
      <Card size="small" title={t('economy.bulletin.preview')} styles={{ body: { background: '#f0f2f5', padding: 24 } }}>
        <Spin spinning={loading || latest.loading}>
          {shown ? (
            <>
              {!hasContent(shown) && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('economy.bulletin.empty')} style={{ marginBottom: 16 }} />}
              <BulletinSheet bulletin={shown} title={title.trim()} docNumber={docNumber.trim()} />
            </>
          ) : (
            <div style={{ minHeight: 320 }} />
          )}
        </Spin>
      </Card>
    </Space>
  );
}
