// Import of tasks and progress from the ledger sheet: download the template → upload the filled workbook (progress
// while it is sent) → preview: every error by row and column, what each row would do → download the workbook with
// the bad cells marked → commit (all rows, or only the valid rows after an explicit confirmation) → result.
// The same wizard imports another module's sheet (the project ledger) through an ImportTarget.
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, App, Button, Flex, Modal, Progress, Result, Space, Statistic, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { XLSX_MIME, type ImportCommit, type ImportPreview } from '@zoneops/shared';
import { upload, uploadRaw, type Query } from '../../app/api.ts';
import type { Ledger } from '../../app/contract.ts';
import { downloadExport, fileNameFromDisposition, saveBlob } from '../../app/download.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { WorkbookDrop } from '../../app/components/WorkbookDrop.tsx';

type Row = ImportPreview['rows'][number];
type RowError = ImportPreview['errors'][number];

const actionColours: Record<Row['action'], string> = { create: 'green', update: 'blue', unchanged: 'default' };

/** Where the workbook goes and the words of the wizard that depend on what is imported. */
export interface ImportTarget {
  title: string;
  hint: string;
  /** GET: the empty sheet to fill in. */
  templatePath: string;
  /** Base of the downloaded file names. */
  fileName: string;
  /** How the workbook is sent: as the request body (the ledger) or as the part "file" of a multipart form. */
  body: 'raw' | 'multipart';
  preview: { path: string; query?: Query };
  /** The same file back with the bad cells marked (xlsx), when the server offers it. */
  annotate?: { path: string; query?: Query };
  commit: (onlyValid: boolean) => { path: string; query?: Query };
  /** The page of a created or updated record. */
  linkOf: (id: string) => string;
  /** Column titles of the rows' code and name, the word for an updated row, and the result line. */
  codeLabel: string;
  nameLabel: string;
  updateLabel: string;
  done: (created: number, updated: number) => string;
}

/** The supervision ledger's own sheet: POST /api/ledgers/:id/import?mode=preview|annotate|commit with the xlsx as the body. */
export function ledgerImportTarget(ledger: Ledger, t: TFunction): ImportTarget {
  const path = `/api/ledgers/${ledger.id}/import`;
  return {
    title: t('ledger.import.title', { ledger: ledger.name }),
    hint: t('ledger.import.hint'),
    templatePath: `/api/ledgers/${ledger.id}/import-template`,
    fileName: ledger.name,
    body: 'raw',
    preview: { path, query: { mode: 'preview' } },
    annotate: { path, query: { mode: 'annotate' } },
    commit: (onlyValid) => ({ path, query: { mode: 'commit', onlyValid: String(onlyValid) } }),
    linkOf: (id) => `/supervision/items/${id}`,
    codeLabel: t('ledger.col.code'),
    nameLabel: t('ledger.col.title'),
    updateLabel: t('ledger.import.actions.update'),
    done: (created, updated) => t('ledger.import.done', { created, updated }),
  };
}

/** The workbook as the body of the request. */
function bodyOf(target: ImportTarget, file: File): FormData | Blob {
  if (target.body === 'raw') return file;
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

type WizardProps = { open: boolean; onClose: () => void; onImported: () => void } & ({ ledger: Ledger } | { target: ImportTarget });

export function ImportWizard(props: WizardProps) {
  const { open, onClose, onImported } = props;
  const { t } = useTranslation();
  const target = 'target' in props ? props.target : ledgerImportTarget(props.ledger, t);
  const contentType = target.body === 'raw' ? XLSX_MIME : undefined;
  const { modal } = App.useApp();
  const report = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<{ what: 'preview' | 'annotate' | 'commit'; percent: number } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportCommit | null>(null);
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
    const { path, query } = target.preview;
    const answer = await send('preview', (o) => upload<ImportPreview>('POST', path, bodyOf(target, f), { query, contentType, ...o }));
    if (answer) setPreview(answer);
  };

  const annotate = async () => {
    if (!file || !target.annotate) return;
    const { path, query } = target.annotate;
    const res = await send('annotate', (o) => uploadRaw('POST', path, bodyOf(target, file), { query, contentType, ...o }));
    if (res) saveBlob(res.blob, fileNameFromDisposition(res.disposition, `${target.fileName}-errors.xlsx`));
  };

  const commit = async (onlyValid: boolean) => {
    if (!file) return;
    const { path, query } = target.commit(onlyValid);
    const answer = await send('commit', (o) => upload<ImportCommit>('POST', path, bodyOf(target, file), { query, contentType, ...o }));
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
      render: (a: Row['action']) => <Tag color={actionColours[a]}>{a === 'update' ? target.updateLabel : t(`ledger.import.actions.${a}`)}</Tag>,
    },
    { title: target.codeLabel, dataIndex: 'code', width: 130, render: (v: string | null) => v ?? '—' },
    { title: target.nameLabel, dataIndex: 'title', ellipsis: true },
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
      title={target.title}
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
              {preview.errors.length > 0 && target.annotate && (
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
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={target.hint} />
          <Button
            icon={<DownloadOutlined />}
            style={{ marginBottom: 12 }}
            onClick={() => void downloadExport(target.templatePath, {}, `${target.fileName}.xlsx`).catch(report)}
            data-testid="import-template"
          >
            {t('ledger.import.template')}
          </Button>
          <WorkbookDrop
            disabled={!!sending}
            onFile={(f) => void runPreview(f)}
            text={t('ledger.import.drop')}
            hint={t('ledger.import.dropHint')}
            testId="import-file"
          />
        </>
      )}

      {step === 1 && preview && (
        <div data-testid="import-preview">
          <Flex gap={24} wrap style={{ marginBottom: 12 }}>
            <Statistic title={t('ledger.import.total')} value={preview.total} />
            <Statistic title={t('ledger.import.valid')} value={preview.valid} />
            <Statistic title={t('ledger.import.errorRows')} value={errorRows} styles={{ content: errorRows ? { color: '#e5484d' } : undefined }} />
            <Statistic title={t('ledger.import.actions.create')} value={preview.counts.create} />
            <Statistic title={target.updateLabel} value={preview.counts.update} />
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
          title={target.done(result.created.length, result.updated.length)}
          subTitle={result.errors.length ? t('ledger.import.skipped', { rows: new Set(result.errors.map((e) => e.rowNumber)).size }) : undefined}
          extra={
            <Typography.Paragraph style={{ textAlign: 'left', maxHeight: 180, overflow: 'auto' }}>
              {result.created.map((c) => (
                <Link key={c.id} to={target.linkOf(c.id)} style={{ marginRight: 8 }} onClick={close}>
                  <Tag color="green">{c.code}</Tag>
                </Link>
              ))}
              {result.updated.map((c) => (
                <Link key={c.id} to={target.linkOf(c.id)} style={{ marginRight: 8 }} onClick={close}>
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
