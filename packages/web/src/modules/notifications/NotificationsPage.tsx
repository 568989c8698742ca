// Inbox: all notifications of the user, unread first-class; mark one or all read.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { App, Badge, Button, Card, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { api } from '../../app/api.ts';
import type { AppNotification, NotificationPage } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { useServerTable } from '../../app/use-server-table.ts';

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const table = useServerTable<AppNotification>('/api/notifications', { sort: '-createdAt' });
  const unread = (table.data as NotificationPage | undefined)?.unread ?? 0;

  const markRead = async (n: AppNotification) => {
    try {
      await api.post(`/api/notifications/${n.id}/read`);
      table.reload();
    } catch (err) {
      report(err);
    }
  };

  const markAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      void message.success(t('notifications.allRead'));
      table.reload();
    } catch (err) {
      report(err);
    }
  };

  const columns: TableColumnsType<AppNotification> = [
    {
      title: t('notifications.title'),
      key: 'title',
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Space size={6}>
            {!n.readAt && <Badge status="processing" />}
            <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {n.body}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.at'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: table.sortOrder('createdAt'),
      width: 180,
      render: (v: string) => formatDateTime(v, false),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, n) => (
        <Space size={0}>
          {n.link?.startsWith('/') && (
            <Link to={n.link} onClick={() => !n.readAt && void markRead(n)}>
              <Button type="link" size="small">
                {t('notifications.open')}
              </Button>
            </Link>
          )}
          {!n.readAt && (
            <Button type="link" size="small" onClick={() => void markRead(n)}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space>
          {t('notifications.title')}
          <Badge count={unread} />
        </Space>
      }
      extra={
        <Space>
          <Switch size="small" checked={table.state.filters.unread === 'true'} onChange={(on) => table.setFilter('unread', on ? 'true' : undefined)} />
          <Typography.Text>{t('notifications.unreadOnly')}</Typography.Text>
          <Button onClick={() => void markAll()} disabled={unread === 0} data-testid="notifications-read-all">
            {t('notifications.markAllRead')}
          </Button>
        </Space>
      }
    >
      <Table<AppNotification>
        rowKey="id"
        columns={columns}
        {...table.tableProps}
        locale={{ emptyText: t('notifications.empty') }}
        data-testid="notifications-table"
      />
    </Card>
  );
}
