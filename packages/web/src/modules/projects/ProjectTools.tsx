// The spreadsheet tools of the project ledger: export (the list's filters, the offices' ledger layout), import
// (template → preview with row errors → commit, through the ledger's import wizard) and the monthly report
// (重点项目月报表) of a chosen month.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, DatePicker, Popover, Space } from 'antd';
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import type { Query } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import { downloadExport } from '../../app/download.ts';
import { shanghaiToday } from '../../app/format.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { ImportWizard, type ImportTarget } from '../ledger/ImportWizard.tsx';

/** GET /api/projects/import/template.xlsx; POST /api/projects/import?mode=preview|annotate|commit with the workbook as the body. */
export function projectImportTarget(t: TFunction): ImportTarget {
  const path = '/api/projects/import';
  return {
    title: t('projects.import.title'),
    hint: t('projects.import.hint'),
    templatePath: '/api/projects/import/template.xlsx',
    fileName: t('projects.import.fileName'),
    body: 'raw',
    preview: { path, query: { mode: 'preview' } },
    annotate: { path, query: { mode: 'annotate' } },
    commit: (onlyValid) => ({ path, query: { mode: 'commit', onlyValid: String(onlyValid) } }),
    linkOf: (id) => `/projects/${id}`,
    codeLabel: t('projects.col.code'),
    nameLabel: t('projects.col.name'),
    updateLabel: t('projects.import.update'),
    done: (created, updated) => t('projects.import.done', { created, updated }),
  };
}

/** The month before today's: the last one whose reports are due. */
const lastMonth = () => dayjs(shanghaiToday()).subtract(1, 'month');

function MonthlyReport() {
  const { t } = useTranslation();
  const report = useReportError();
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState<Dayjs>(lastMonth);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    const period = month.format('YYYY-MM');
    setBusy(true);
    try {
      await downloadExport('/api/projects/monthly-report.xlsx', { period }, t('projects.monthly.fileName', { period }));
      setOpen(false);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('projects.monthly.title')}
      content={
        <Space>
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(d) => d && setMonth(d)}
            disabledDate={(d) => d.isAfter(dayjs(shanghaiToday()), 'month')}
            data-testid="monthly-report-month"
          />
          <Button type="primary" loading={busy} onClick={() => void download()} data-testid="monthly-report-download">
            {t('projects.monthly.download')}
          </Button>
        </Space>
      }
    >
      <Button icon={<FileExcelOutlined />} data-testid="monthly-report-button">
        {t('projects.monthly.button')}
      </Button>
    </Popover>
  );
}

export function ProjectTools({ query, onImported }: { query: Query; onImported: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [importing, setImporting] = useState(false);
  return (
    <>
      <ExportButton path="/api/projects/export.xlsx" query={query} fileName={t('projects.exportName')} testId="project-export" />
      {can('projects.write') && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="project-import">
          {t('projects.import.button')}
        </Button>
      )}
      <MonthlyReport />
      {importing && <ImportWizard target={projectImportTarget(t)} open={importing} onClose={() => setImporting(false)} onImported={onImported} />}
    </>
  );
}
