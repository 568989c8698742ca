import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Query } from '../api.ts';
import { downloadExport } from '../download.ts';
import { useReportError } from '../use-report-error.ts';

/** Downloads …/export with the list's current query (the server applies masking and the data scope). */
export function ExportButton({ path, query, fileName, testId = 'export' }: { path: string; query: Query; fileName: string; testId?: string }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      // an export takes the list's filters and sort, not its page
      const exportQuery = { ...query, page: undefined, pageSize: undefined };
      await downloadExport(path, exportQuery, fileName);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {busy ? t('common.exporting') : t('common.export')}
    </Button>
  );
}
