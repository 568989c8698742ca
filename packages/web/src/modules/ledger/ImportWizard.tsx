// Import of tasks and progress from the ledger sheet: download the template → upload the filled workbook (progress
// while it is sent) → preview: every error by row and column, what each row would do → download the workbook with
// the bad cells marked → commit (all rows, or only the valid rows after an explicit confirmation) → result.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, App, Button, Flex, Modal, Progress, Result, Space, Statistic, Steps, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { XLSX_MIME, type ImportCommit, type ImportPreview } from '@zoneops/shared';
import { upload, uploadRaw } from '../../app/api.ts';
import type { Ledger } from '../../app/contract.ts';
import { downloadExport, fileNameFromDisposition, saveBlob } from '../../app/download.ts';
import { useReportError } from '../../app/use-report-error.ts';

type Row = ImportPreview['rows'][number];
type RowError = ImportPreview['errors'][number];

const actionColours: Record<Row['action'], string> = { create: 'green', update: 'blue', unchanged: 'default' };

export function ImportWizard({ ledger, open, onClose, onImported }: { ledger: Ledger; open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const report = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<{ what: 'preview' | 'annotate' | 'commit'; percent: number } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportCommit | null>(null);
  const url = `/api/ledgers/${ledger.id}/import`;
  const step = result ? 2 : preview ? 1 : 0;

  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setSending(null);
  };
  const close = () => {
    if (sending) return;
    reset();
    onClose();
  };

  /** Runs one upload of the workbook, with its progress shown; a failure is reported and answers undefined. */
  const send = async <T,>(what: 'preview' | 'annotate' | 'commit', run: (opts: { onProgress: (p: number) => void }) => Promise<T>): Promise<T | undefined> => {
    setSending({ what, percent: 0 });
    try {
      return await run({ onProgress: (percent) => setSending({ what, percent }) });
    } catch (err) {
      report(err);
      return undefined;
    } finally {
      setSending(null);
    }
  };

  const runPreview = async (f: File) => {
    setFile(f);
    const answer = await send('preview', (o) => upload<ImportPreview>('POST', url, f, { query: { mode: 'preview' }, contentType: XLSX_MIME, ...o }));
    if (answer) setPreview(answer);
  };

  const annotate = async () => {
    if (!file) return;
    const res = await send('annotate', (o) => uploadRaw('POST', url, file, { query: { mode: 'annotate' }, contentType: XLSX_MIME, ...o }));
    if (res) saveBlob(res.blob, fileNameFromDisposition(res.disposition, `${ledger.name}-errors.xlsx`));
  };

  const commit = async (onlyValid: boolean) => {
    if (!file) return;
    const answer = await send('commit', (o) =>
      upload<ImportCommit>('POST', url, file, { query: { mode: 'commit', onlyValid: String(onlyValid) }, contentType: XLSX_MIME, ...o }),
    );
    if (answer) {
      setResult(answer);
      onImported();
    }
  };

  const confirmOnlyValid = () => {
    if (!preview) return;
    const skipped = new Set(preview.errors.map((e) => e.rowNumber)).size;
    modal.confirm({
      title: t('ledger.import.onlyValidTitle'),
      content: t('ledger.import.onlyValidConfirm', { valid: preview.valid, skipped }),
      okText: t('ledger.import.onlyValid'),
      okButtonProps: { 'data-testid': 'import-only-valid-confirm' } as never,
      onOk: () => commit(true),
    });
  };

  const errorColumns = [
    { title: t('ledger.import.row'), dataIndex: 'rowNumber', width: 70 },
    { title: t('ledger.import.column'), dataIndex: 'column', width: 120, render: (v: string | null) => v ?? t('ledger.import.wholeRow') },
    { title: t('ledger.import.cell'), dataIndex: 'cell', width: 70, render: (v: string | null) => v ?? '—' },
    { title: t('ledger.import.message'), dataIndex: 'message' },
  ];
  const rowColumns = [
    { title: t('ledger.import.row'), dataIndex: 'rowNumber', width: 70 },
    {
      title: t('ledger.import.action'),
      dataIndex: 'action',
      width: 100,
      render: (a: Row['action']) => <Tag color={actionColours[a]}>{t(`ledger.import.actions.${a}`)}</Tag>,
    },
    { title: t('ledger.col.code'), dataIndex: 'code', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('ledger.col.title'), dataIndex: 'title', ellipsis: true },
    {
      title: t('ledger.import.note'),
      key: 'note',
      render: (_: unknown, r: Row) =>
        [r.note, r.ignored.length ? t('ledger.import.ignored', { columns: r.ignored.join(t('common.listSeparator')) }) : null]
          .filter(Boolean)
          .join(t('ledger.reasonSeparator')) || '—',
    },
  ];

  const errorRows = preview ? new Set(preview.errors.map((e) => e.rowNumber)).size : 0;

  return (
    <Modal
      open={open}
      title={t('ledger.import.title', { ledger: ledger.name })}
      width={920}
      onCancel={close}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Space>
          {step === 1 && preview && (
            <>
              <Button onClick={reset} disabled={!!sending}>
                {t('ledger.import.another')}
              </Button>
              {preview.errors.length > 0 && (
                <Button icon={<DownloadOutlined />} onClick={() => void annotate()} loading={sending?.what === 'annotate'} data-testid="import-annotated">
                  {t('ledger.import.annotated')}
                </Button>
              )}
              {preview.errors.length > 0 && preview.valid > 0 && (
                <Button danger onClick={confirmOnlyValid} loading={sending?.what === 'commit'} data-testid="import-only-valid">
                  {t('ledger.import.onlyValid')}
                </Button>
              )}
              <Button
                type="primary"
                disabled={preview.errors.length > 0 || preview.valid === 0}
                loading={sending?.what === 'commit'}
                onClick={() => void commit(false)}
                data-testid="import-commit"
              >
                {t('ledger.import.commit', { count: preview.counts.create + preview.counts.update })}
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
        items={[{ title: t('ledger.import.steps.upload') }, { title: t('ledger.import.steps.preview') }, { title: t('ledger.import.steps.done') }]}
      />
      {sending && (
        <Progress
          percent={sending.percent}
          status="active"
          format={(p) => (p === 100 ? t('ledger.import.checking') : `${p}%`)}
          style={{ marginBottom: 12 }}
          data-testid="import-progress"
        />
      )}

      {step === 0 && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ledger.import.hint')} />
          <Button
            icon={<DownloadOutlined />}
            style={{ marginBottom: 12 }}
            onClick={() => void downloadExport(`/api/ledgers/${ledger.id}/import-template`, {}, `${ledger.name}.xlsx`).catch(report)}
            data-testid="import-template"
          >
            {t('ledger.import.template')}
          </Button>
          <div data-testid="import-file">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              disabled={!!sending}
              beforeUpload={(f) => {
                void runPreview(f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('ledger.import.drop')}</p>
              <p className="ant-upload-hint">{t('ledger.import.dropHint')}</p>
            </Upload.Dragger>
          </div>
        </>
      )}

      {step === 1 && preview && (
        <div data-testid="import-preview">
          <Flex gap={24} wrap style={{ marginBottom: 12 }}>
            <Statistic title={t('ledger.import.total')} value={preview.total} />
            <Statistic title={t('ledger.import.valid')} value={preview.valid} />
            <Statistic title={t('ledger.import.errorRows')} value={errorRows} styles={{ content: errorRows ? { color: '#e5484d' } : undefined }} />
            <Statistic title={t('ledger.import.actions.create')} value={preview.counts.create} />
            <Statistic title={t('ledger.import.actions.update')} value={preview.counts.update} />
            <Statistic title={t('ledger.import.actions.unchanged')} value={preview.counts.unchanged} />
          </Flex>
          {preview.errors.length > 0 ? (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('ledger.import.hasErrors', { count: preview.errors.length, rows: errorRows })} />
          ) : (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('ledger.import.noErrors')} />
          )}
          <Tabs
            items={[
              ...(preview.errors.length
                ? [
                    {
                      key: 'errors',
                      label: `${t('ledger.import.errors')} (${preview.errors.length})`,
                      children: (
                        <Table<RowError>
                          rowKey={(e) => `${e.rowNumber}-${e.cell ?? e.column ?? ''}-${e.message}`}
                          size="small"
                          pagination={{ pageSize: 8, hideOnSinglePage: true }}
                          dataSource={preview.errors}
                          columns={errorColumns}
                          data-testid="import-errors"
                        />
                      ),
                    },
                  ]
                : []),
              {
                key: 'rows',
                label: `${t('ledger.import.rows')} (${preview.rows.length})`,
                children: (
                  <Table<Row>
                    rowKey="rowNumber"
                    size="small"
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    dataSource={preview.rows}
                    columns={rowColumns}
                  />
                ),
              },
            ]}
          />
        </div>
      )}

      {step === 2 && result && (
        <Result
          status="success"
          title={t('ledger.import.done', { created: result.created.length, updated: result.updated.length })}
          subTitle={result.errors.length ? t('ledger.import.skipped', { rows: new Set(result.errors.map((e) => e.rowNumber)).size }) : undefined}
          extra={
            <Typography.Paragraph style={{ textAlign: 'left', maxHeight: 180, overflow: 'auto' }}>
              {result.created.map((c) => (
                <Link key={c.id} to={`/supervision/items/${c.id}`} style={{ marginRight: 8 }} onClick={close}>
                  <Tag color="green">{c.code}</Tag>
                </Link>
              ))}
              {result.updated.map((c) => (
                <Link key={c.id} to={`/supervision/items/${c.id}`} style={{ marginRight: 8 }} onClick={close}>
                  <Tag color="blue">{c.code}</Tag>
                </Link>
              ))}
            </Typography.Paragraph>
          }
          data-testid="import-result"
        />
      )}
    </Modal>
  );
}
