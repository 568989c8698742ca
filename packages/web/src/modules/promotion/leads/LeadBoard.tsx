// 看板: seven columns, one per stage (GET /api/promotion/board with the list's filters), each with its count and the
// planned investment; a card shows the company, the owner, the planned investment and the clock badge, and opens the
// lead.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Card, Empty, Flex, Spin, Typography } from 'antd';
import type { LeadCard as LeadCardData, LeadStage } from '@zoneops/shared';
import type { Query } from '../../../app/api.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { formatWan } from '../../projects/format.ts';
import { ClockBadge } from '../LeadTags.tsx';
import { boardColumns, leadStageColours, type BoardColumn } from '../promotion-ui.ts';
import { leadPath } from './LeadList.tsx';

export interface LeadBoardAnswer {
  columns: BoardColumn<LeadCardData>[];
}

const headColours: Record<string, string> = {
  default: '#8c8c8c',
  cyan: '#13a8a8',
  blue: '#1677ff',
  geekblue: '#2f54eb',
  purple: '#722ed1',
  gold: '#d89614',
  green: '#389e0d',
};

export function LeadCard({ lead, onOpen }: { lead: LeadCardData; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      onClick={() => onOpen(lead.id)}
      styles={{ body: { padding: 8 } }}
      style={{ borderLeft: lead.clockState === 'overdue' ? '3px solid #e5484d' : lead.clockState === 'dueToday' ? '3px solid #fa8c16' : undefined }}
      data-testid={`lead-card-${lead.id}`}
    >
      <Typography.Text strong ellipsis={{ tooltip: lead.company }} style={{ display: 'block' }}>
        {lead.company}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {lead.code} · {lead.ownerName}
      </Typography.Text>
      <Flex justify="space-between" align="center" style={{ marginTop: 4 }}>
        <span style={{ fontVariantNumeric: 'tabular-nums', fontSize: 12 }}>
          {lead.plannedInvestment ? `${formatWan(lead.plannedInvestment)} ${t('promotion.wan')}` : '—'}
        </span>
        <ClockBadge state={lead.clockState} testId={`lead-card-clock-${lead.id}`} />
      </Flex>
    </Card>
  );
}

/** The board as the server answers it (pure: rendered by the smoke test too). */
export function LeadBoardView({ board, onOpen, moreLink }: { board: LeadBoardAnswer; onOpen: (id: string) => void; moreLink: (stage: LeadStage) => string }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(180px, 1fr))', gap: 8, overflowX: 'auto' }} data-testid="lead-board">
      {boardColumns(board.columns).map((col) => (
        <div key={col.stage} style={{ background: '#f5f7fa', borderRadius: 6, padding: 8, minHeight: 240 }} data-testid={`board-column-${col.stage}`}>
          <div style={{ borderTop: `3px solid ${headColours[leadStageColours[col.stage]] ?? '#8c8c8c'}`, paddingTop: 6, marginBottom: 8 }}>
            <Flex justify="space-between">
              <Typography.Text strong>{t(`promotion.stage.${col.stage}`)}</Typography.Text>
              <Typography.Text type="secondary" data-testid={`board-count-${col.stage}`}>
                {col.count}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`board-sum-${col.stage}`}>
              {t('promotion.board.sum', { amount: formatWan(col.plannedInvestment) })}
            </Typography.Text>
          </div>
          <Flex vertical gap={6}>
            {col.cards.map((l) => (
              <LeadCard key={l.id} lead={l} onOpen={onOpen} />
            ))}
            {col.count === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('promotion.board.empty')} />}
            {col.more > 0 && (
              <Link to={moreLink(col.stage)} style={{ fontSize: 12, textAlign: 'center' }} data-testid={`board-more-${col.stage}`}>
                {t('promotion.board.more', { count: col.more })}
              </Link>
            )}
          </Flex>
        </div>
      ))}
    </div>
  );
}

export function LeadBoard({ query, moreLink }: { query: Query; moreLink: (stage: LeadStage) => string }) {
  const navigate = useNavigate();
  const { data, loading } = useApiGet<LeadBoardAnswer>('/api/promotion/board', query);
  if (!data) return <Spin spinning={loading}>{<div style={{ minHeight: 240 }} />}</Spin>;
  return (
    <Spin spinning={loading}>
      <LeadBoardView board={data} onOpen={(id) => void navigate(leadPath(id))} moreLink={moreLink} />
    </Spin>
  );
}
