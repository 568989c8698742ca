// External notification channels (WeCom / DingTalk robot webhooks, email) and their delivery log.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { Page } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import type { Channel } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { ChannelFormModal } from './ChannelFormModal.tsx';
import { DeliveriesTable } from './DeliveriesTable.tsx';

export default function ChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  // The contract says "channelSchema" for the list; accept a bare array or a page.
  const { data, loading, reload } = useApiGet<Channel[] | Page<Channel>>('/api/notification-channels');
  const channels = Array.isArray(data) ? data : (data?.items ?? []);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [open, setOpen] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);

  const sendTest = async (c: Channel) => {
    setTesting(c.id);
    try {
      await api.post(`/api/notification-channels/${c.id}/test`);
      void message.success(t('channels.testSent'));
    } catch (err) {
      report(err);
    } finally {
      setTesting(null);
    }
  };

  const columns: TableColumnsType<Channel> = [
    { title: t('channels.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('channels.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: Channel['kind']) => <Tag>{t(`channelKind.${k}`)}</Tag>,
    },
    {
      title: t('channels.target'),
      dataIndex: 'target',
      key: 'target',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 320 }} className="zo-mono">
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('channels.hasSecret'),
      dataIndex: 'hasSecret',
      key: 'hasSecret',
      render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
    },
    {
      title: t('channels.enabled'),
      dataIndex: 'enabled',
      key: 'enabled',
      render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('common.enabled') : t('common.disabled')}</Tag>,
    },
    {
      title: t('channels.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => formatDateTime(v, false),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(c);
              setOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" icon={<SendOutlined />} loading={testing === c.id} onClick={() => void sendTest(c)}>
            {t('channels.sendTest')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('menu.channels')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            {t('channels.create')}
          </Button>
        }
      >
        <Table<Channel> rowKey="id" size="middle" columns={columns} dataSource={channels} loading={loading} pagination={false} data-testid="channels-table" />
      </Card>
      <DeliveriesTable />
      <ChannelFormModal
        open={open}
        channel={editing}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          void message.success(t('common.saved'));
          reload();
        }}
      />
    </Space>
  );
}
