// A ledger's counts (open, red, yellow, closed) as small statistic cards, and its light distribution as a donut.
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import type { Page } from '@zoneops/shared';
import type { Query } from '../../app/api.ts';
import type { Ledger, LedgerItem } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';
import { lightCountsOf } from '../../charts/ledger-lights.ts';
import { lightColours } from './ledger-ui.ts';

const LightDonut = lazy(() => import('./LightDonut.tsx'));

/** Sums the counts of several ledgers (the summary of "all ledgers"). */
export function sumCounts(ledgers: readonly Ledger[]): Ledger['counts'] {
  const out = { total: 0, open: 0, red: 0, yellow: 0, closed: 0 };
  for (const l of ledgers) for (const k of Object.keys(out) as (keyof typeof out)[]) out[k] += l.counts[k];
  return out;
}

export type SummaryPick = Record<'light' | 'open' | 'status', string | undefined>;

/**
 * counts: of the ledger(s) shown; scope: the list filter of the same ledger(s) ({ledgerId} or {kind}), to count the
 * green items the summary does not carry. Clicking a card filters the list.
 */
export function LedgerSummary({ counts, scope, onPick }: { counts: Ledger['counts']; scope: Query; onPick?: (filter: SummaryPick) => void }) {
  const { t } = useTranslation();
  // top-level items, as the summary counts them
  const { data: green } = useApiGet<Page<LedgerItem>>('/api/ledger-items', { ...scope, parentId: 'root', light: 'green', pageSize: 1 }, { report: false });
  const lights = useMemo(() => lightCountsOf(counts, green?.total ?? 0), [counts, green]);
  const stats = [
    { key: 'open', value: counts.open, color: undefined, filter: { open: 'true', light: undefined, status: undefined } },
    { key: 'red', value: counts.red, color: lightColours.red, filter: { light: 'red', open: 'true', status: undefined } },
    { key: 'yellow', value: counts.yellow, color: lightColours.yellow, filter: { light: 'yellow', open: 'true', status: undefined } },
    { key: 'closed', value: counts.closed, color: lightColours.green, filter: { status: 'closed,ongoing', open: undefined, light: undefined } },
  ] as const;
  return (
    <Row gutter={[12, 12]} align="stretch" data-testid="ledger-summary">
      {stats.map((s) => (
        <Col xs={12} md={6} xl={4} key={s.key}>
          <Card
            size="small"
            hoverable={!!onPick}
            onClick={onPick ? () => onPick(s.filter) : undefined}
            style={{ height: '100%', borderTop: s.color ? `3px solid ${s.color}` : '3px solid #1b4d89' }}
            data-testid={`ledger-count-${s.key}`}
          >
            <Statistic title={t(`ledger.summary.${s.key}`)} value={s.value} styles={{ content: { color: s.color, fontSize: 26 } }} />
          </Card>
        </Col>
      ))}
      <Col xs={24} xl={8}>
        <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '4px 8px' } }}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
            <LightDonut counts={lights} height={112} />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}
