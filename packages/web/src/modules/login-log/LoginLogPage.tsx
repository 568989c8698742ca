// Sign-in attempts: who, when, from where, success or the reason of failure.
import { useTranslation } from 'react-i18next';
import { Button, Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { LoginLogEntry } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';
import { useServerTable } from '../../app/use-server-table.ts';

export default function LoginLogPage() {
  const { t, i18n } = useTranslation();
  const table = useServerTable<LoginLogEntry>('/api/login-log');

  const columns: TableColumnsType<LoginLogEntry> = [
    { title: t('loginLog.at'), dataIndex: 'at', key: 'at', render: (v: string) => formatDateTime(v) },
    { title: t('loginLog.username'), dataIndex: 'username', key: 'username' },
    {
      title: t('loginLog.result'),
      dataIndex: 'success',
      key: 'success',
      render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? t('loginLog.success') : t('loginLog.failure')}</Tag>,
    },
    {
      title: t('loginLog.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (v: string | null) => (v ? (i18n.exists(`errors.${v}`) ? `${t(`errors.${v}`)} (${v})` : v) : '—'),
    },
    { title: t('loginLog.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => v ?? '—' },
    {
      title: t('loginLog.userAgent'),
      dataIndex: 'userAgent',
      key: 'userAgent',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 320, fontSize: 12 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Card title={t('menu.loginLog')} extra={<Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('loginLog.searchPlaceholder')} style={{ width: 220 }} onSearch={table.setQ} />
        <Select
          allowClear
          placeholder={t('loginLog.result')}
          style={{ width: 120 }}
          value={table.state.filters.success}
          onChange={(v?: string) => table.setFilter('success', v)}
          options={[
            { value: 'true', label: t('loginLog.success') },
            { value: 'false', label: t('loginLog.failure') },
          ]}
          data-testid="login-log-success"
        />
      </Space>
      <Table<LoginLogEntry> rowKey="id" columns={columns} {...table.tableProps} data-testid="login-log-table" />
    </Card>
  );
}
