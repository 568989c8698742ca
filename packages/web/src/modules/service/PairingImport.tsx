// Bulk assignment of pairings from a workbook: download the template → drop the filled workbook (progress while it is
// sent) → preview: each row with its errors → commit, only when every row is valid (all or nothing).
// POST /api/service/pairings/import/preview and /import with the xlsx as the body.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Flex, Modal, Progress, Result, Space, Statistic, Steps, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { XLSX_MIME } from '@zoneops/shared';
import { upload } from '../../app/api.ts';
import { WorkbookDrop } from '../../app/components/WorkbookDrop.tsx';
import { downloadExport } from '../../app/download.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { importCommittable } from './service-ui.ts';
import type { PairingImportResult, PairingPreview } from './service-types.ts';

type Row = PairingPreview['rows'][number];

/** The preview's rows, those with errors first, each error naming its column. */
export function PairingPreviewTable({ preview }: { preview: PairingPreview }) {
  const { t } = useTranslation();
  const rows = [...preview.rows].sort((a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || a.row - b.row);
  return (
    <div data-testid="pairing-import-preview">
      <Flex gap={24} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('service.import.valid')} value={preview.valid} />
        <Statistic title={t('service.import.invalid')} value={preview.invalid} styles={{ content: preview.invalid ? { color: '#e5484d' } : undefined }} />
        <Statistic title={t('service.import.unchanged')} value={preview.unchanged} />
      </Flex>
      {preview.invalid > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('service.import.hasErrors', { count: preview.invalid })}
          data-testid="pairing-import-has-errors"
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('service.import.noErrors')} />
      )}
      <Table<Row>
        rowKey="row"
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={rows}
        onRow={(r) => (r.errors.length ? { style: { background: '#fff1f0' } } : {})}
        columns={[
          { title: t('service.import.row'), dataIndex: 'row', width: 60 },
          { title: t('service.import.username'), dataIndex: 'username', width: 110 },
          { title: t('service.import.enterprise'), dataIndex: 'enterprise', ellipsis: true },
          { title: t('service.import.role'), dataIndex: 'role', width: 100 },
          { title: t('service.import.startsOn'), dataIndex: 'startsOn', width: 100 },
          { title: t('service.import.endsOn'), dataIndex: 'endsOn', width: 100, render: (v: string | null) => v ?? '—' },
          {
            title: t('service.import.errors'),
            dataIndex: 'errors',
            render: (errors: Row['errors']) =>
              errors.length ? (
                <Typography.Text type="danger">{errors.map((e) => `${e.column}：${e.message}`).join(t('common.listSeparator'))}</Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
        data-testid="pairing-import-rows"
      />
    </div>
  );
}

export function PairingImport({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<{ commit: boolean; percent: number } | null>(null);
  const [preview, setPreview] = useState<PairingPreview | null>(null);
  const [result, setResult] = useState<PairingImportResult | null>(null);
  const step = result ? 2 : preview ? 1 : 0;

  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
  };
  const close = () => {
    if (sending) return;
    reset();
    onClose();
  };

  const send = async <T,>(path: string, f: File, commit: boolean): Promise<T | undefined> => {
    setSending({ commit, percent: 0 });
    try {
      return await upload<T>('POST', path, f, { contentType: XLSX_MIME, onProgress: (percent) => setSending({ commit, percent }) });
    } catch (err) {
      report(err);
      return undefined;
    } finally {
      setSending(null);
    }
  };

  const runPreview = async (f: File) => {
    setFile(f);
    const answer = await send<PairingPreview>('/api/service/pairings/import/preview', f, false);
    if (answer) setPreview(answer);
  };
  const commit = async () => {
    if (!file) return;
    const answer = await send<PairingImportResult>('/api/service/pairings/import', file, true);
    if (answer) {
      setResult(answer);
      onImported();
    }
  };
  const template = () => void downloadExport('/api/service/pairings/template', {}, t('service.import.templateName')).catch(report);

  return (
    <Modal
      open={open}
      title={t('service.import.title')}
      width={900}
      onCancel={close}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Space>
          {step === 1 && preview && (
            <>
              <Button onClick={reset} disabled={!!sending}>
                {t('service.import.another')}
              </Button>
              <Button
                type="primary"
                disabled={!importCommittable(preview)}
                loading={sending?.commit}
                onClick={() => void commit()}
                data-testid="pairing-import-commit"
              >
                {t('service.import.commit')}
              </Button>
            </>
          )}
          {step !== 1 && (
            <Button type={step === 2 ? 'primary' : 'default'} onClick={close} disabled={!!sending}>
              {step === 2 ? t('common.close') : t('common.cancel')}
            </Button>
          )}
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={(['upload', 'preview', 'done'] as const).map((s) => ({ title: t(`service.import.steps.${s}`) }))}
      />
      {sending && (
        <Progress
          percent={sending.percent}
          status="active"
          format={(p) => (p === 100 ? t('service.import.checking') : `${p}%`)}
          style={{ marginBottom: 12 }}
          data-testid="pairing-import-progress"
        />
      )}
      {step === 0 && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('service.import.hint')} />
          <Button icon={<DownloadOutlined />} onClick={template} style={{ marginBottom: 12 }} data-testid="pairing-import-template">
            {t('service.import.template')}
          </Button>
          <WorkbookDrop
            disabled={!!sending}
            onFile={(f) => void runPreview(f)}
            text={t('service.import.drop')}
            hint={t('service.import.dropHint')}
            testId="pairing-import-file"
          />
        </>
      )}
      {step === 1 && preview && <PairingPreviewTable preview={preview} />}
      {step === 2 && result && (
        <Result
          status="success"
          title={t('service.import.done', { created: result.created, unchanged: result.unchanged })}
          data-testid="pairing-import-result"
        />
      )}
    </Modal>
  );
}
