// Delivery log of the external channels: status, attempts, last error.
import { useTranslation } from 'react-i18next';
import { Button, Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Delivery } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';
import { useServerTable } from '../../app/use-server-table.ts';

const statusColours: Record<Delivery['status'], string> = { pending: 'gold', sent: 'green', failed: 'red' };
const statuses: Delivery['status'][] = ['pending', 'sent', 'failed'];

export function DeliveriesTable() {
  const { t } = useTranslation();
  const table = useServerTable<Delivery>('/api/notification-deliveries', { sort: '-createdAt' });

  const columns: TableColumnsType<Delivery> = [
    {
      title: t('channels.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: table.sortOrder('createdAt'),
      render: (v: string) => formatDateTime(v),
    },
    { title: t('channels.name'), dataIndex: 'channelName', key: 'channelName' },
    { title: t('channels.title'), dataIndex: 'title', key: 'title' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: Delivery['status']) => <Tag color={statusColours[s]}>{t(`deliveryStatus.${s}`)}</Tag>,
    },
    { title: t('channels.attempts'), dataIndex: 'attempts', key: 'attempts' },
    {
      title: t('channels.lastError'),
      dataIndex: 'lastError',
      key: 'lastError',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('channels.sentAt'),
      dataIndex: 'sentAt',
      key: 'sentAt',
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('channels.nextAttemptAt'),
      dataIndex: 'nextAttemptAt',
      key: 'nextAttemptAt',
      render: (v: string | null) => formatDateTime(v),
    },
  ];

  return (
    <Card
      title={t('channels.deliveries')}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ width: 120 }}
            value={table.state.filters.status}
            onChange={(v?: string) => table.setFilter('status', v)}
            options={statuses.map((s) => ({ value: s, label: t(`deliveryStatus.${s}`) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
        </Space>
      }
    >
      <Table<Delivery> rowKey="id" columns={columns} {...table.tableProps} data-testid="deliveries-table" />
    </Card>
  );
}
