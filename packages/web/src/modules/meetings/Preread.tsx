// The pre-read (会前材料) of a meeting: the snapshot's sections as tables (previous commitments, red or overdue items,
// reports under review, counts by light); generated and sent to the chair and attendees before the meeting.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Space, Statistic, Table, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { MeetingPreread, PrereadItem } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { ItemStatus } from '../ledger/item-columns.tsx';
import { LightBadge, LightDot } from '../ledger/LightBadge.tsx';

function PrereadTable({ items, testId }: { items: PrereadItem[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<PrereadItem>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      locale={{ emptyText: t('common.none') }}
      columns={[
        { title: t('ledger.col.code'), dataIndex: 'code', width: 120, render: (c: string, r) => <Link to={`/supervision/items/${r.id}`}>{c}</Link> },
        {
          title: t('ledger.col.title'),
          dataIndex: 'title',
          width: 240,
          render: (v: string) => (
            <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 240 }}>
              {v}
            </Typography.Text>
          ),
        },
        { title: t('ledger.col.leadUnit'), dataIndex: 'leadUnitName', width: 120 },
        { title: t('ledger.col.owner'), dataIndex: 'ownerName', width: 80, render: (v: string | null) => v ?? '—' },
        {
          title: t('ledger.col.deadline'),
          dataIndex: 'deadline',
          width: 100,
          render: (d: string, r) => (r.overdueDays > 0 ? <Typography.Text type="danger">{d}</Typography.Text> : d),
        },
        {
          title: t('ledger.col.progress'),
          key: 'progress',
          width: 220,
          render: (_, r) => (
            <Typography.Text
              ellipsis={{ tooltip: r.lastProgressText ?? undefined }}
              style={{ maxWidth: 220 }}
              type={r.lastProgressText ? undefined : 'secondary'}
            >
              {r.progress}% {r.lastProgressText ?? t('ledger.noProgress')}
            </Typography.Text>
          ),
        },
        {
          title: t('ledger.col.status'),
          key: 'status',
          width: 90,
          render: (_, r) => <ItemStatus item={{ status: r.status, closedAt: null, ledgerKind: 'supervision', noticeEndsOn: null }} />,
        },
        { title: t('ledger.col.light'), key: 'light', width: 160, render: (_, r) => <LightBadge light={r.light} reasons={r.lightReasons} /> },
      ]}
    />
  );
}

export function Preread({ meetingId, canGenerate, onSent }: { meetingId: string; canGenerate: boolean; onSent: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, error, loading, mutate } = useApiGet<MeetingPreread>(`/api/meetings/${meetingId}/preread`, undefined, { report: false });
  const missing = !data && isApiError(error, 'NOT_FOUND');
  const generate = async () => {
    try {
      const next = await api.post<MeetingPreread>(`/api/meetings/${meetingId}/preread`);
      mutate(() => next);
      void message.success(t('meetings.preread.sent', { count: next.recipients }));
      onSent();
    } catch (err) {
      report(err);
    }
  };
  const section = (title: string, total: number, items: PrereadItem[], testId: string) => (
    <div>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {title}
        <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
          {items.length < total ? t('meetings.preread.someOf', { shown: items.length, total }) : t('meetings.preread.count', { total })}
        </Typography.Text>
      </Typography.Title>
      <PrereadTable items={items} testId={testId} />
    </div>
  );
  return (
    <Card
      size="small"
      title={t('meetings.preread.title')}
      loading={loading && !data && !error}
      extra={
        canGenerate && (
          <Popconfirm title={data ? t('meetings.preread.regenerateConfirm') : t('meetings.preread.generateConfirm')} onConfirm={() => void generate()}>
            <Button type="primary" icon={<SendOutlined />} data-testid="preread-generate">
              {data ? t('meetings.preread.regenerate') : t('meetings.preread.generate')}
            </Button>
          </Popconfirm>
        )
      }
      data-testid="preread"
    >
      {missing || !data ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.preread.none')} />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            title={t('meetings.preread.asOf', { asOf: data.asOf, at: formatDateTime(data.generatedAt, false), count: data.recipients })}
          />
          <Flex gap={28} wrap style={{ marginTop: 12 }}>
            <Statistic title={t('meetings.preread.open')} value={data.lightCounts.open} />
            {(['red', 'yellow', 'green', 'none'] as const).map((l) => (
              <Statistic
                key={l}
                title={
                  <Space size={4}>
                    <LightDot light={l} size={8} />
                    {t(`ledgerLight.${l}`)}
                  </Space>
                }
                value={data.lightCounts[l]}
              />
            ))}
          </Flex>
          {data.previousMeeting &&
            section(
              t('meetings.preread.commitments', { seq: data.previousMeeting.seq, date: data.previousMeeting.scheduledOn }),
              data.commitments.length,
              data.commitments,
              'preread-commitments',
            )}
          {section(t('meetings.preread.redOrOverdue'), data.redOrOverdue.total, data.redOrOverdue.items, 'preread-red')}
          {section(t('meetings.preread.underReview'), data.underReview.total, data.underReview.items, 'preread-review')}
          {data.projectBlockers && section(t('meetings.preread.projectBlockers'), data.projectBlockers.total, data.projectBlockers.items, 'preread-blockers')}
        </>
      )}
    </Card>
  );
}
