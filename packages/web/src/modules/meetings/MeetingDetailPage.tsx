// One meeting: the pre-read (generate and send, its sections), the previous meeting's commitments as they stand, the
// minutes and the decisions taken (tasks in the supervision ledger), and holding the meeting.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, List, Progress, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined } from '@ant-design/icons';
import type { MeetingDetail } from '@zoneops/shared';
import { isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import type { LedgerItem } from '../../app/contract.ts';
import { formatDateTime } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { itemPath, ItemStatus } from '../ledger/item-columns.tsx';
import { LightBadge } from '../ledger/LightBadge.tsx';
import { HoldMeetingModal } from './HoldMeetingModal.tsx';
import { MeetingStatusTag } from './meeting-ui.tsx';
import { Preread } from './Preread.tsx';

function ItemRows({ items, testId, empty }: { items: LedgerItem[]; testId: string; empty: string }) {
  const { t } = useTranslation();
  return (
    <List<LedgerItem>
      size="small"
      dataSource={items}
      locale={{ emptyText: empty }}
      data-testid={testId}
      renderItem={(i) => (
        <List.Item actions={[<ItemStatus key="s" item={i} />, <LightBadge key="l" light={i.light} reasons={i.lightReasons} />]}>
          <List.Item.Meta
            title={
              <Link to={itemPath(i)} data-testid={`decision-link-${i.code}`}>
                {i.code} {i.title}
              </Link>
            }
            description={
              <Space size={12} wrap>
                <span>{i.leadUnitName}</span>
                <span>{i.ownerName ?? '—'}</span>
                <span>
                  {t('ledger.col.deadline')} {i.deadline}
                </span>
                <Progress percent={i.progress} size="small" format={(p) => `${p}%`} style={{ width: 140, margin: 0 }} />
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

export default function MeetingDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { data: detail, error, reload, mutate } = useApiGet<MeetingDetail>(id ? `/api/meetings/${id}` : null);
  const [holding, setHolding] = useState(false);
  if (!detail) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  const { meeting, series } = detail;
  const manage = can('meetings.manage');
  const scheduled = meeting.status === 'scheduled';

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="meeting-detail">
      <Card
        title={
          <Space>
            <Link to={`/meetings/series/${series.id}`}>
              <ArrowLeftOutlined />
            </Link>
            {series.name} · {t('meetings.seqLabel', { seq: meeting.seq })}
            <MeetingStatusTag status={meeting.status} />
          </Space>
        }
        extra={
          manage &&
          scheduled && (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setHolding(true)} data-testid="meeting-hold">
              {t('meetings.hold.open')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'date', label: t('meetings.date'), children: meeting.scheduledOn },
            { key: 'chair', label: t('meetings.chair'), children: series.chairName ?? '—' },
            { key: 'held', label: t('meetings.heldAt'), children: formatDateTime(meeting.heldAt, false) },
            { key: 'preread', label: t('meetings.prereadSent'), children: meeting.prereadSentAt ? formatDateTime(meeting.prereadSentAt, false) : '—' },
            { key: 'ledger', label: t('meetings.ledger'), children: series.ledgerName },
            {
              key: 'previous',
              label: t('meetings.previous'),
              children: detail.previousMeeting ? (
                <Link to={`/meetings/${detail.previousMeeting.id}`}>
                  {t('meetings.previousLabel', { seq: detail.previousMeeting.seq, date: detail.previousMeeting.scheduledOn })}
                </Link>
              ) : (
                '—'
              ),
            },
          ]}
        />
      </Card>

      {scheduled && <Preread meetingId={meeting.id} canGenerate={manage} onSent={reload} />}

      {detail.previousMeeting && (
        <Card size="small" title={t('meetings.previousCommitments', { seq: detail.previousMeeting.seq })}>
          <ItemRows items={detail.previousCommitments} testId="previous-commitments" empty={t('meetings.noDecisions')} />
        </Card>
      )}

      {meeting.minutes && (
        <Card size="small" title={t('meetings.hold.minutes')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="meeting-minutes-text">
            {meeting.minutes}
          </Typography.Paragraph>
        </Card>
      )}

      <Card size="small" title={t('meetings.decisionsTitle', { count: detail.decisions.length })}>
        <ItemRows items={detail.decisions} testId="meeting-decisions" empty={scheduled ? t('meetings.decisionsLater') : t('meetings.noDecisions')} />
      </Card>

      {!scheduled && meeting.status === 'held' && <Preread meetingId={meeting.id} canGenerate={false} onSent={reload} />}

      <HoldMeetingModal
        detail={detail}
        open={holding}
        onClose={() => setHolding(false)}
        onHeld={(next) => {
          setHolding(false);
          mutate(() => next);
          void message.success(t('meetings.hold.done', { count: next.decisions.length }));
        }}
      />
    </Space>
  );
}
