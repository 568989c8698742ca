// The ingest administration (safety.manage): this instance's listeners, rates, counters and write queue, read again
// every few seconds, and the rejections of every instance counted per sender and reason.
import { useTranslation } from 'react-i18next';
import { Card, Space, Typography } from 'antd';
import { useApiGet } from '../../app/use-api.ts';
import { useEvery } from '../../app/use-every.ts';
import { IngestStatusView } from './ingest/IngestStatusView.tsx';
import { RejectionTable } from './ingest/RejectionTable.tsx';
import { STATUS_REFRESH_MS, type IngestStatus } from './ingest/ingest-ui.ts';

export default function IngestPage() {
  const { t } = useTranslation();
  const status = useApiGet<IngestStatus>('/api/safety/ingest/status', undefined, { report: false });
  useEvery(status.reload, STATUS_REFRESH_MS);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="ingest-page">
      <Card
        title={t('safetyIngest.title')}
        extra={<Typography.Text type="secondary">{t('safetyIngest.autoRefresh', { seconds: STATUS_REFRESH_MS / 1000 })}</Typography.Text>}
      >
        <Typography.Paragraph type="secondary">{t('safetyIngest.note')}</Typography.Paragraph>
        <IngestStatusView status={status.data} />
      </Card>
      <Card title={t('safetyIngest.rejections.title')}>
        <RejectionTable />
      </Card>
    </Space>
  );
}
