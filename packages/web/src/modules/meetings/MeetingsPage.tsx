// 会议协调: the meeting series with cadence, chair, next date, held and missed counts (a missed meeting is red: the
// cadence is the mechanism).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { MeetingSeries } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { SeriesFormModal } from './SeriesFormModal.tsx';

export default function MeetingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { data, loading, reload } = useApiGet<MeetingSeries[]>('/api/meeting-series');
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('menu.meetings')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          {can('meetings.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="series-create">
              {t('meetings.createSeries')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<MeetingSeries>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="series-table"
        columns={[
          {
            title: t('meetings.name'),
            dataIndex: 'name',
            render: (name: string, s) => (
              <Space>
                <Link to={`/meetings/series/${s.id}`} data-testid={`series-link-${s.id}`}>
                  {name}
                </Link>
                {!s.active && <Tag>{t('meetings.inactive')}</Tag>}
              </Space>
            ),
          },
          { title: t('meetings.cadence'), dataIndex: 'cadence', width: 120, render: (c: string) => <Tag color="blue">{t(`meetings.cadences.${c}`)}</Tag> },
          { title: t('meetings.unit'), dataIndex: 'unitName', width: 140 },
          { title: t('meetings.chair'), dataIndex: 'chairName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('meetings.ledger'), dataIndex: 'ledgerName', width: 180 },
          {
            title: t('meetings.next'),
            key: 'next',
            width: 130,
            render: (_, s) =>
              s.nextScheduledOn ? (
                <Typography.Text strong>{s.nextScheduledOn}</Typography.Text>
              ) : (
                <Tooltip title={t('meetings.notScheduledHint')}>
                  <Typography.Text type="secondary">{t('meetings.notScheduled', { date: s.nextDefaultOn })}</Typography.Text>
                </Tooltip>
              ),
          },
          { title: t('meetings.lastHeld'), dataIndex: 'lastHeldOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('meetings.held'), key: 'held', width: 80, render: (_, s) => s.counts.held },
          {
            title: t('meetings.missed'),
            key: 'missed',
            width: 80,
            render: (_, s) =>
              s.counts.missed ? (
                <Tag color="red" data-testid="series-missed">
                  {s.counts.missed}
                </Tag>
              ) : (
                <Typography.Text type="secondary">0</Typography.Text>
              ),
          },
        ]}
      />
      <SeriesFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          void message.success(t('common.created'));
          void navigate(`/meetings/series/${s.id}`);
        }}
      />
    </Card>
  );
}
