// Bulk import of monitoring points from an enterprise's workbook: download the template → drop the filled workbook
// (progress while it is sent, then while it is checked) → preview: every row with its errors by column, and the
// workbook with the bad cells marked → commit, only when every row is valid (all or nothing, one transaction).
// POST /api/safety/points/import?mode=preview|annotate|commit with the xlsx as the body.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Flex, Modal, Progress, Result, Space, Statistic, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { XLSX_MIME, type ImportError } from '@zoneops/shared';
import { upload, uploadRaw } from '../../../app/api.ts';
import { WorkbookDrop } from '../../../app/components/WorkbookDrop.tsx';
import { downloadExport, fileNameFromDisposition, saveBlob } from '../../../app/download.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { errorsByRow } from './registry-ui.ts';
import type { PointImportCommit, PointImportPreview } from './registry-types.ts';

const PATH = '/api/safety/points/import';
type Row = PointImportPreview['rows'][number];

/** The preview: counts, the errors by row and column, and every row (those with errors first). */
export function PointPreviewView({ preview }: { preview: PointImportPreview }) {
  const { t } = useTranslation();
  const i = (k: string, o?: Record<string, unknown>) => t(`safetyRegistry.import.${k}`, o);
  const byRow = errorsByRow(preview.errors);
  const errorRows = byRow.size;
  const rows = [...preview.rows].sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0) || a.rowNumber - b.rowNumber);
  const text = (v: string | null) => v ?? '—';
  return (
    <div data-testid="point-import-preview">
      <Flex gap={24} wrap style={{ marginBottom: 12 }}>
        <Statistic title={i('total')} value={preview.total} />
        <Statistic title={i('valid')} value={preview.valid} />
        <Statistic title={i('errorRows')} value={errorRows} styles={{ content: errorRows ? { color: '#e5484d' } : undefined }} />
      </Flex>
      {preview.errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={i('hasErrors', { count: preview.errors.length, rows: errorRows })}
          data-testid="point-import-has-errors"
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={i('noErrors')} />
      )}
      <Tabs
        items={[
          ...(preview.errors.length
            ? [
                {
                  key: 'errors',
                  label: `${i('errors')} (${preview.errors.length})`,
                  children: (
                    <Table<ImportError>
                      rowKey={(e) => `${e.rowNumber}-${e.cell ?? e.column ?? ''}-${e.message}`}
                      size="small"
                      pagination={{ pageSize: 8, hideOnSinglePage: true }}
                      dataSource={preview.errors}
                      columns={[
                        { title: i('row'), dataIndex: 'rowNumber', width: 70 },
                        { title: i('column'), dataIndex: 'column', width: 150, render: (v: string | null) => v ?? i('wholeRow') },
                        { title: i('cell'), dataIndex: 'cell', width: 80, render: (v: string | null) => v ?? '—' },
                        { title: i('message'), dataIndex: 'message' },
                      ]}
                      data-testid="point-import-errors"
                    />
                  ),
                },
              ]
            : []),
          {
            key: 'rows',
            label: `${i('rows')} (${preview.rows.length})`,
            children: (
              <Table<Row>
                rowKey="rowNumber"
                size="small"
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                dataSource={rows}
                scroll={{ x: 'max-content' }}
                onRow={(r) => (r.errors ? { style: { background: '#fff1f0' } } : {})}
                columns={[
                  { title: i('row'), dataIndex: 'rowNumber', width: 60 },
                  { title: t('safetyRegistry.points.col.enterprise'), dataIndex: 'enterprise', width: 160, ellipsis: true, render: text },
                  { title: t('safetyRegistry.points.col.majorHazard'), dataIndex: 'majorHazard', width: 110, render: text },
                  { title: t('safetyRegistry.points.col.device'), dataIndex: 'device', width: 140, render: text },
                  { title: t('safetyRegistry.points.col.tag'), dataIndex: 'tag', width: 110, render: text },
                  { title: t('safetyRegistry.points.col.name'), dataIndex: 'name', width: 150, ellipsis: true, render: text },
                  {
                    title: t('safetyRegistry.points.col.kind'),
                    dataIndex: 'kind',
                    width: 90,
                    render: (k: string | null) => (k ? t(`safetyRegistry.pointKinds.${k}`) : '—'),
                  },
                  { title: t('safetyRegistry.points.col.unit'), dataIndex: 'unit', width: 70, render: text },
                  {
                    title: i('errors'),
                    key: 'errors',
                    render: (_: unknown, r: Row) =>
                      r.errors ? (
                        <Typography.Text type="danger">
                          {(byRow.get(r.rowNumber) ?? []).map((e) => (e.column ? `${e.column}：${e.message}` : e.message)).join(t('common.listSeparator'))}
                        </Typography.Text>
                      ) : (
                        <Tag color="green">{i('ok')}</Tag>
                      ),
                  },
                ]}
                data-testid="point-import-rows"
              />
            ),
          },
        ]}
      />
    </div>
  );
}

export function PointImport({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<{ what: 'preview' | 'annotate' | 'commit'; percent: number } | null>(null);
  const [preview, setPreview] = useState<PointImportPreview | null>(null);
  const [result, setResult] = useState<PointImportCommit | null>(null);
  const step = result ? 2 : preview ? 1 : 0;
  const i = (k: string, o?: Record<string, unknown>) => t(`safetyRegistry.import.${k}`, o);

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

  /** One upload of the workbook with its progress; a failure is reported and answers undefined. */
  const send = async <T,>(what: 'preview' | 'annotate' | 'commit', run: (onProgress: (p: number) => void) => Promise<T>): Promise<T | undefined> => {
    setSending({ what, percent: 0 });
    try {
      return await run((percent) => setSending({ what, percent }));
    } catch (err) {
      report(err);
      return undefined;
    } finally {
      setSending(null);
    }
  };

  const runPreview = async (f: File) => {
    setFile(f);
    const answer = await send('preview', (onProgress) =>
      upload<PointImportPreview>('POST', PATH, f, { query: { mode: 'preview' }, contentType: XLSX_MIME, onProgress }),
    );
    if (answer) setPreview(answer);
  };
  const annotate = async () => {
    if (!file) return;
    const res = await send('annotate', (onProgress) => uploadRaw('POST', PATH, file, { query: { mode: 'annotate' }, contentType: XLSX_MIME, onProgress }));
    if (res) saveBlob(res.blob, fileNameFromDisposition(res.disposition, i('annotatedName')));
  };
  const commit = async () => {
    if (!file) return;
    const answer = await send('commit', (onProgress) =>
      upload<PointImportCommit>('POST', PATH, file, { query: { mode: 'commit' }, contentType: XLSX_MIME, onProgress }),
    );
    if (answer) {
      setResult(answer);
      onImported();
    }
  };

  return (
    <Modal
      open={open}
      title={i('title')}
      width={960}
      onCancel={close}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Space>
          {step === 1 && preview && (
            <>
              <Button onClick={reset} disabled={!!sending}>
                {i('another')}
              </Button>
              {preview.annotatedAvailable && (
                <Button icon={<DownloadOutlined />} onClick={() => void annotate()} loading={sending?.what === 'annotate'} data-testid="point-import-annotated">
                  {i('annotated')}
                </Button>
              )}
              <Button
                type="primary"
                disabled={preview.errors.length > 0 || preview.valid === 0}
                loading={sending?.what === 'commit'}
                onClick={() => void commit()}
                data-testid="point-import-commit"
              >
                {i('commit', { count: preview.valid })}
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
        items={(['upload', 'preview', 'done'] as const).map((s) => ({ title: i(`steps.${s}`) }))}
      />
      {sending && (
        <Progress
          percent={sending.percent}
          status="active"
          format={(p) => (p === 100 ? (sending.what === 'commit' ? i('committing') : i('checking')) : `${p}%`)}
          style={{ marginBottom: 12 }}
          data-testid="point-import-progress"
        />
      )}
      {step === 0 && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={i('hint')} />
          <Button
            icon={<DownloadOutlined />}
            style={{ marginBottom: 12 }}
            onClick={() => void downloadExport(`${PATH}/template`, {}, i('templateName')).catch(report)}
            data-testid="point-import-template"
          >
            {i('template')}
          </Button>
          <WorkbookDrop disabled={!!sending} onFile={(f) => void runPreview(f)} text={i('drop')} hint={i('dropHint')} testId="point-import-file" />
        </>
      )}
      {step === 1 && preview && <PointPreviewView preview={preview} />}
      {step === 2 && result && <Result status="success" title={i('done', { count: result.created })} data-testid="point-import-result" />}
    </Modal>
  );
}
