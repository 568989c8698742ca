// One meeting series: its people and ledger, its meetings (held, scheduled, missed in red), scheduling the next one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Descriptions, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { MeetingDetail, MeetingSeriesDetail, MeetingSummary } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDateTime } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { MeetingStatusTag } from './meeting-ui.tsx';

export default function SeriesDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useAuth();
  const report = useReportError();
  const { data: series, error, mutate } = useApiGet<MeetingSeriesDetail>(id ? `/api/meeting-series/${id}` : null);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  if (!series) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  const manage = can('meetings.manage');
  const nextDate = date ?? dayjs(series.nextDefaultOn);

  const schedule = async () => {
    setBusy(true);
    try {
      const m = await api.post<MeetingDetail>(`/api/meeting-series/${series.id}/meetings`, { scheduledOn: nextDate.format('YYYY-MM-DD') });
      void message.success(t('meetings.scheduled', { date: m.meeting.scheduledOn }));
      void navigate(`/meetings/${m.meeting.id}`);
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  const setActive = async (active: boolean) => {
    try {
      const next = await api.patch<MeetingSeriesDetail>(`/api/meeting-series/${series.id}`, { active });
      mutate(() => next);
    } catch (err) {
      report(err);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to="/meetings">
              <ArrowLeftOutlined />
            </Link>
            {series.name}
            <Tag color="blue">{t(`meetings.cadences.${series.cadence}`)}</Tag>
          </Space>
        }
        extra={
          manage && (
            <Space>
              <Typography.Text type="secondary">{t('meetings.active')}</Typography.Text>
              <Switch checked={series.active} onChange={(v) => void setActive(v)} data-testid="series-active" />
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'unit', label: t('meetings.unit'), children: series.unitName },
            { key: 'chair', label: t('meetings.chair'), children: series.chairName ?? '—' },
            { key: 'ledger', label: t('meetings.ledger'), children: <Link to="/supervision">{`${series.ledgerCode} · ${series.ledgerName}`}</Link> },
            { key: 'first', label: t('meetings.firstOn'), children: series.firstOn },
            {
              key: 'attendees',
              label: t('meetings.attendees'),
              span: 4,
              children: series.attendees.length ? series.attendees.map((a) => a.name).join(t('common.listSeparator')) : '—',
            },
            { key: 'held', label: t('meetings.held'), children: series.counts.held },
            {
              key: 'missed',
              label: t('meetings.missed'),
              children: series.counts.missed ? (
                <Typography.Text type="danger" strong>
                  {series.counts.missed}
                </Typography.Text>
              ) : (
                0
              ),
            },
            { key: 'next', label: t('meetings.next'), children: series.nextScheduledOn ?? t('meetings.notScheduled', { date: series.nextDefaultOn }) },
            { key: 'last', label: t('meetings.lastHeld'), children: series.lastHeldOn ?? '—' },
          ]}
        />
        {series.missed.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t('meetings.missedAlert', { count: series.missed.length })}
            description={series.missed.map((m) => t('meetings.missedOne', { seq: m.seq, date: m.scheduledOn })).join(t('common.listSeparator'))}
            data-testid="series-missed-alert"
          />
        )}
      </Card>
      <Card
        title={t('meetings.meetings')}
        extra={
          manage &&
          series.active && (
            <Space>
              <DatePicker value={nextDate} allowClear={false} onChange={setDate} data-testid="meeting-schedule-date" />
              <Popconfirm title={t('meetings.scheduleConfirm', { date: nextDate.format('YYYY-MM-DD') })} onConfirm={() => void schedule()}>
                <Button type="primary" icon={<PlusOutlined />} loading={busy} data-testid="meeting-schedule">
                  {t('meetings.schedule')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Table<MeetingSummary>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...series.meetings].sort((a, b) => b.seq - a.seq)}
          onRow={(m) => ({ style: m.status === 'missed' ? { background: '#fff1f0' } : undefined })}
          data-testid="meetings-table"
          columns={[
            {
              title: t('meetings.seq'),
              dataIndex: 'seq',
              width: 80,
              render: (seq: number, m) => <Link to={`/meetings/${m.id}`}>{t('meetings.seqLabel', { seq })}</Link>,
            },
            { title: t('meetings.date'), dataIndex: 'scheduledOn', width: 120 },
            { title: t('common.status'), dataIndex: 'status', width: 100, render: (_: string, m) => <MeetingStatusTag status={m.status} /> },
            { title: t('meetings.heldAt'), dataIndex: 'heldAt', width: 160, render: (v: string | null) => formatDateTime(v, false) },
            { title: t('meetings.prereadSent'), dataIndex: 'prereadSentAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v, false) : '—') },
            { title: t('meetings.decisions'), dataIndex: 'decisionCount', width: 90 },
            {
              title: t('common.actions'),
              key: 'open',
              width: 90,
              render: (_, m) => (
                <Link to={`/meetings/${m.id}`} data-testid={`meeting-link-${m.seq}`}>
                  {t('meetings.open')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
