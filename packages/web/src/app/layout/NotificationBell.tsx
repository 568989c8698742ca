// The bell: unread count and the five latest unread notifications, polled while the user is active.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Badge, Button, Dropdown, Empty, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import type { AppNotification, NotificationPage } from '../contract.ts';
import { formatDateTime } from '../format.ts';
import { useApiGet } from '../use-api.ts';
import { useEvery } from '../use-every.ts';
import { useReportError } from '../use-report-error.ts';
import { useLastActivity } from './use-activity.ts';

const POLL_MS = 60_000;
const QUERY = { unread: 'true', pageSize: 5, sort: '-createdAt' };

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const report = useReportError();
  const { data, reload } = useApiGet<NotificationPage>('/api/notifications', QUERY, { report: false });
  const lastActivity = useLastActivity();

  // Paused while the tab is hidden; an idle user's bell is not read again.
  useEvery(() => {
    if (Date.now() - lastActivity.current < POLL_MS) reload();
  }, POLL_MS);

  const markRead = async (n: AppNotification) => {
    try {
      await api.post(`/api/notifications/${n.id}/read`);
      reload();
    } catch (err) {
      report(err);
    }
  };

  const open = (n: AppNotification) => {
    void markRead(n);
    if (n.link?.startsWith('/')) void navigate(n.link);
  };

  const items = data?.items ?? [];
  const panel = (
    <div style={{ width: 360, background: '#fff', borderRadius: 6, boxShadow: '0 6px 16px rgba(0,0,0,0.12)' }} data-testid="notification-panel">
      <div style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0', fontWeight: 600 }}>{t('header.notifications')}</div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('header.noUnread')} style={{ padding: 16 }} />
      ) : (
        items.map((n) => (
          <div key={n.id} style={{ display: 'flex', gap: 8, padding: '10px 16px', borderBottom: '1px solid #f5f5f5' }}>
            <div style={{ flex: 1, minWidth: 0, cursor: 'pointer' }} onClick={() => open(n)}>
              <Typography.Text strong ellipsis style={{ display: 'block' }}>
                {n.title}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                {n.body}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(n.createdAt, false)}
              </Typography.Text>
            </div>
            <Button size="small" type="link" onClick={() => void markRead(n)}>
              {t('header.markRead')}
            </Button>
          </div>
        ))
      )}
      <div style={{ padding: '8px 16px', textAlign: 'center' }}>
        <Link to="/notifications" data-testid="notifications-all">
          {t('header.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Dropdown trigger={['click']} popupRender={() => panel} placement="bottomRight" onOpenChange={(o) => o && reload()}>
      <Button type="text" aria-label={t('header.notifications')} data-testid="notification-bell" style={{ color: '#fff' }}>
        <Badge count={data?.unread ?? 0} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
