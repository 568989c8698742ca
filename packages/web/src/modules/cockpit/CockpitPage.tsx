// The leaders' cockpit (领导驾驶舱, GET /api/cockpit): a tile per module the caller may read, each linking to its
// module, under a header with the time of the data and the big screen (数据大屏, in a new tab). The answer reloads
// every minute while the page is visible; the previous figures stay while the next answer loads.
import { useTranslation } from 'react-i18next';
import { Button, Card, Flex, Result, Space, Spin, Tooltip, Typography } from 'antd';
import { FundProjectionScreenOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Cockpit } from '@zoneops/shared';
import { formatDateTime } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useEvery } from '../../app/use-every.ts';
import { CockpitView } from './CockpitView.tsx';
import { REFRESH_MS } from './cockpit-ui.ts';

export default function CockpitPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useApiGet<Cockpit>('/api/cockpit');
  useEvery(reload, REFRESH_MS);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="cockpit-page">
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('cockpit.title')}
          </Typography.Title>
          <Space size={12} wrap>
            <Typography.Text type="secondary" data-testid="cockpit-at" data-at={data?.at}>
              {data ? t('cockpit.dataAt', { at: formatDateTime(data.at) }) : ''}
            </Typography.Text>
            <Typography.Text type="secondary">{t('cockpit.autoRefresh')}</Typography.Text>
            <Tooltip title={t('cockpit.refresh')}>
              <Button icon={<ReloadOutlined />} loading={loading && !!data} onClick={reload} aria-label={t('cockpit.refresh')} data-testid="cockpit-refresh" />
            </Tooltip>
            <Tooltip title={t('cockpit.bigScreenHint')}>
              <Button type="primary" icon={<FundProjectionScreenOutlined />} href="/screen" target="_blank" rel="noopener" data-testid="cockpit-big-screen">
                {t('cockpit.bigScreen')}
              </Button>
            </Tooltip>
          </Space>
        </Flex>
      </Card>
      {data ? (
        <CockpitView data={data} />
      ) : error && !loading ? (
        <Result
          status="warning"
          title={t('cockpit.loadFailed')}
          extra={
            <Button onClick={reload} data-testid="cockpit-retry">
              {t('cockpit.retry')}
            </Button>
          }
        />
      ) : (
        <Spin style={{ display: 'block', padding: 64 }} />
      )}
    </Space>
  );
}
