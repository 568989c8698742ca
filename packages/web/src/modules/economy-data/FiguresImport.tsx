// Import of a statistics bureau table (indicators in rows, regions in columns, value and growth side by side):
// download the month's sheet as the template → upload the filled workbook (progress while it is sent) → preview: the
// region columns matched, each indicator row with its figures and changes, warnings, errors with their cells →
// download the workbook with the bad cells marked → commit, only when there is no error (all or nothing).
// POST /api/economy/figures/import?month=&mode=preview|annotate|commit with the xlsx as the body, like the ledger's import.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Flex, Modal, Progress, Radio, Result, Space, Statistic, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { XLSX_MIME, type FigureImportResult } from '@zoneops/shared';
import { isApiError, upload, uploadRaw } from '../../app/api.ts';
import { downloadExport, fileNameFromDisposition, saveBlob } from '../../app/download.ts';
import { useErrorText, useReportError } from '../../app/use-report-error.ts';
import { WorkbookDrop } from '../../app/components/WorkbookDrop.tsx';

const PATH = '/api/economy/figures/import';
type ImportRow = FigureImportResult['rows'][number];
type ImportError = FigureImportResult['errors'][number];
type Mode = 'preview' | 'annotate' | 'commit';

interface Props {
  open: boolean;
  /** The month of the page: the default month of the table. */
  month: string;
  /** Unsaved cells on the page (they are kept, but the grid reloads under them). */
  dirty: boolean;
  onClose: () => void;
  onImported: () => void;
}

export function FiguresImport({ open, month, dirty, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const report = useReportError();
  const errorText = useErrorText();
  /** A refused request with the server's reasons (a commit refused for a cumulative decrease names its cells). */
  const [failure, setFailure] = useState<{ title: string; details: string[] } | null>(null);
  const [monthFrom, setMonthFrom] = useState<'page' | 'title'>('page');
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<{ mode: Mode; percent: number } | null>(null);
  const [preview, setPreview] = useState<FigureImportResult | null>(null);
  const [result, setResult] = useState<FigureImportResult | null>(null);
  const step = result ? 2 : preview ? 1 : 0;
  const query = (mode: Mode) => ({ mode, month: monthFrom === 'page' ? month : undefined });

  const reset = () => {
    setFailure(null);
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
  const send = async <T,>(mode: Mode, run: (onProgress: (p: number) => void) => Promise<T>): Promise<T | undefined> => {
    setSending({ mode, percent: 0 });
    setFailure(null);
    try {
      return await run((percent) => setSending({ mode, percent }));
    } catch (err) {
      report(err);
      const details =
        isApiError(err) && Array.isArray(err.details)
          ? err.details.flatMap((d: unknown) => (d && typeof d === 'object' && 'message' in d ? [String(d.message)] : []))
          : [];
      if (details.length) setFailure({ title: errorText(err), details });
      return undefined;
    } finally {
      setSending(null);
    }
  };

  const runPreview = async (f: File) => {
    setFile(f);
    const answer = await send('preview', (onProgress) =>
      upload<FigureImportResult>('POST', PATH, f, { query: query('preview'), contentType: XLSX_MIME, onProgress }),
    );
    if (answer) setPreview(answer);
  };

  const annotate = async () => {
    if (!file) return;
    const res = await send('annotate', (onProgress) => uploadRaw('POST', PATH, file, { query: query('annotate'), contentType: XLSX_MIME, onProgress }));
    if (res) saveBlob(res.blob, fileNameFromDisposition(res.disposition, t('economyData.import.annotatedName', { month: preview?.month ?? month })));
  };

  const commit = async () => {
    if (!file || !preview) return;
    // the month the preview found, so that the commit writes exactly what was checked
    const answer = await send('commit', (onProgress) =>
      upload<FigureImportResult>('POST', PATH, file, { query: { mode: 'commit', month: preview.month }, contentType: XLSX_MIME, onProgress }),
    );
    if (answer) {
      setResult(answer);
      onImported();
    }
  };

  const template = () => void downloadExport('/api/economy/figures/export.xlsx', { month }, t('economyData.exportName', { month })).catch(report);

  const figures = preview?.rows.reduce((n, r) => n + r.figures, 0) ?? 0;
  const changed = preview?.rows.reduce((n, r) => n + r.changed, 0) ?? 0;
  const warnings = preview?.rows.reduce((n, r) => n + r.warnings.length, 0) ?? 0;
  const errorRows = preview ? new Set(preview.errors.map((e) => e.rowNumber)).size : 0;

  const errorColumns = [
    { title: t('economyData.import.row'), dataIndex: 'rowNumber', width: 70 },
    { title: t('economyData.import.cell'), dataIndex: 'cell', width: 80, render: (v: string | null) => v ?? '—' },
    { title: t('economyData.import.column'), dataIndex: 'column', width: 140, render: (v: string | null) => v ?? t('economyData.import.wholeRow') },
    { title: t('economyData.import.message'), dataIndex: 'message' },
  ];
  const rowColumns = [
    { title: t('economyData.import.row'), dataIndex: 'rowNumber', width: 70 },
    { title: t('economyData.import.indicator'), dataIndex: 'indicatorName', ellipsis: true },
    { title: t('economyData.import.period'), dataIndex: 'period', width: 100 },
    { title: t('economyData.import.figures'), dataIndex: 'figures', width: 90 },
    {
      title: t('economyData.import.changed'),
      dataIndex: 'changed',
      width: 90,
      render: (v: number) => (v ? <Tag color="blue">{v}</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
    },
    {
      title: t('economyData.import.warnings'),
      dataIndex: 'warnings',
      render: (w: string[]) => (w.length ? <Typography.Text type="warning">{w.join(t('common.listSeparator'))}</Typography.Text> : '—'),
    },
  ];

  return (
    <Modal
      open={open}
      title={t('economyData.import.title')}
      width={960}
      onCancel={close}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Space>
          {step === 1 && preview && (
            <>
              <Button onClick={reset} disabled={!!sending}>
                {t('economyData.import.another')}
              </Button>
              {preview.errors.length > 0 && (
                <Button icon={<DownloadOutlined />} onClick={() => void annotate()} loading={sending?.mode === 'annotate'} data-testid="fig-import-annotated">
                  {t('economyData.import.annotated')}
                </Button>
              )}
              <Button
                type="primary"
                disabled={preview.errors.length > 0 || figures === 0}
                loading={sending?.mode === 'commit'}
                onClick={() => void commit()}
                data-testid="fig-import-commit"
              >
                {t('economyData.import.commit', { count: changed })}
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
        items={[
          { title: t('economyData.import.steps.upload') },
          { title: t('economyData.import.steps.preview') },
          { title: t('economyData.import.steps.done') },
        ]}
      />
      {sending && (
        <Progress
          percent={sending.percent}
          status="active"
          format={(p) => (p === 100 ? t('economyData.import.checking') : `${p}%`)}
          style={{ marginBottom: 12 }}
          data-testid="fig-import-progress"
        />
      )}

      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={failure.title}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
              {failure.details.slice(0, 50).map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          }
          data-testid="fig-import-failure"
        />
      )}

      {step === 0 && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('economyData.import.hint')} description={t('economyData.growthHint')} />
          {dirty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('economyData.import.dirty')} />}
          <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
            <Button icon={<DownloadOutlined />} onClick={template} data-testid="fig-import-template">
              {t('economyData.import.template', { month })}
            </Button>
            <Radio.Group
              value={monthFrom}
              onChange={(e) => setMonthFrom(e.target.value as 'page' | 'title')}
              options={[
                { value: 'page', label: t('economyData.import.monthPage', { month }) },
                { value: 'title', label: t('economyData.import.monthTitle') },
              ]}
              data-testid="fig-import-month"
            />
          </Flex>
          <WorkbookDrop
            disabled={!!sending}
            onFile={(f) => void runPreview(f)}
            text={t('economyData.import.drop')}
            hint={t('economyData.import.dropHint')}
            testId="fig-import-file"
          />
        </>
      )}

      {step === 1 && preview && (
        <div data-testid="fig-import-preview">
          <Flex gap={24} wrap style={{ marginBottom: 12 }}>
            <Statistic title={t('economyData.import.month')} value={preview.month} />
            <Statistic title={t('economyData.import.regions')} value={preview.regions.length} />
            <Statistic title={t('economyData.import.rows')} value={preview.rows.length} />
            <Statistic title={t('economyData.import.figures')} value={figures} />
            <Statistic title={t('economyData.import.changed')} value={changed} />
            <Statistic title={t('economyData.import.warnings')} value={warnings} styles={{ content: warnings ? { color: '#d48806' } : undefined }} />
            <Statistic
              title={t('economyData.import.errors')}
              value={preview.errors.length}
              styles={{ content: preview.errors.length ? { color: '#e5484d' } : undefined }}
            />
          </Flex>
          {preview.errors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('economyData.import.hasErrors', { count: preview.errors.length, rows: errorRows })}
              data-testid="fig-import-has-errors"
            />
          ) : (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('economyData.import.noErrors')} />
          )}
          <div style={{ marginBottom: 8 }} data-testid="fig-import-regions">
            <Typography.Text type="secondary">{t('economyData.import.matched')}</Typography.Text>{' '}
            {preview.regions.map((r) => (
              <Tag key={`${r.column}-${r.regionId}`}>
                {r.column} → {r.name}
              </Tag>
            ))}
          </div>
          <Tabs
            items={[
              ...(preview.errors.length
                ? [
                    {
                      key: 'errors',
                      label: `${t('economyData.import.errors')} (${preview.errors.length})`,
                      children: (
                        <Table<ImportError>
                          rowKey={(e) => `${e.rowNumber}-${e.cell ?? e.column ?? ''}-${e.message}`}
                          size="small"
                          pagination={{ pageSize: 8, hideOnSinglePage: true }}
                          dataSource={preview.errors}
                          columns={errorColumns}
                          data-testid="fig-import-errors"
                        />
                      ),
                    },
                  ]
                : []),
              {
                key: 'rows',
                label: `${t('economyData.import.rows')} (${preview.rows.length})`,
                children: (
                  <Table<ImportRow>
                    rowKey={(r) => `${r.rowNumber}-${r.indicatorId}`}
                    size="small"
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    dataSource={preview.rows}
                    columns={rowColumns}
                    data-testid="fig-import-rows"
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
          title={t('economyData.import.done', { count: result.saved, month: result.month })}
          subTitle={t('economyData.import.doneHint')}
          data-testid="fig-import-result"
        />
      )}
    </Modal>
  );
}
