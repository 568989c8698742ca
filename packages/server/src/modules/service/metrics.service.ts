// The service metrics (DOMAIN §9) per handling unit and period: handling rounds whose start falls on a Shanghai day
// in [from, to], grouped by the round's unit, counted in one aggregate query over the rounds' start index with exactly
// the definitions of requestMetrics (packages/shared/src/enterprise-service.ts) as of now; refusals per refusing unit
// in the period; a total row. The rates are count / of × 100 as there.
import { shanghaiDay, type metricsQuery, type metricsSchema, metricRate } from '@zoneops/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { writeSheet, type SheetColumn } from '../../platform/sheets.ts';
import { REQUEST_ENTITY, scopeOver } from './service-common.ts';

type Metrics = z.infer<typeof metricsSchema>;
type MetricsRow = Metrics['rows'][number];

interface CountRow {
  unitId: string | null;
  rounds: number;
  requests: number;
  responseOf: number;
  responseOk: number;
  completionOf: number;
  completionOk: number;
  rated: number;
  satisfied: number;
  resolvedOf: number;
  resolvedOk: number;
}

/** The total row: the units' counts added up (every round has exactly one unit). */
function sumCounts(rows: readonly CountRow[]): CountRow {
  const total: CountRow = {
    unitId: null,
    rounds: 0,
    requests: 0,
    responseOf: 0,
    responseOk: 0,
    completionOf: 0,
    completionOk: 0,
    rated: 0,
    satisfied: 0,
    resolvedOf: 0,
    resolvedOk: 0,
  };
  for (const r of rows) for (const k of Object.keys(total) as (keyof CountRow)[]) if (k !== 'unitId') total[k] += r[k];
  return total;
}

/** The instant a Shanghai day starts. */
const dayStart = (day: string) => `${day}T00:00:00+08:00`;

interface SheetRow {
  unitName: string;
  rounds: number;
  requests: number;
  onTimeResponse: string;
  onTimeCompletion: string;
  satisfaction: string;
  resolved: string;
  refusals: number;
}
const pct = (r: { count: number; of: number; rate: number | null }) => (r.rate === null ? '—' : `${r.rate.toFixed(1)}% (${r.count}/${r.of})`);
const sheetColumns: SheetColumn<SheetRow>[] = [
  { key: 'unitName', header: '承办单位', kind: 'text', width: 24 },
  { key: 'rounds', header: '办理轮次', kind: 'integer', width: 10 },
  { key: 'requests', header: '诉求件数', kind: 'integer', width: 10 },
  { key: 'onTimeResponse', header: '按时响应率', kind: 'text', width: 18 },
  { key: 'onTimeCompletion', header: '按时办结率', kind: 'text', width: 18 },
  { key: 'satisfaction', header: '满意率', kind: 'text', width: 18 },
  { key: 'resolved', header: '解决率', kind: 'text', width: 18 },
  { key: 'refusals', header: '退回次数', kind: 'integer', width: 10 },
];

export function createMetricsService(deps: Deps) {
  const { db, audit, clock } = deps;

  /**
   * `scoped`: only rounds and refusals of units in the caller's data scope (scope all or service.manage: every unit),
   * as the leaders' cockpit shows them; the metrics page itself shows every unit.
   */
  async function metrics(p: Principal, q: z.output<typeof metricsQuery>, scoped = false): Promise<Metrics> {
    const now = clock.now();
    const today = shanghaiDay(now);
    const start = dayStart(q.from);
    const end = sql`(${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;
    const inScope = scoped && !p.scope.all && !p.permissions.has('service.manage');
    const unitFilter = (col: string) =>
      sql`${q.unitId ? sql`and ${sql.raw(col)} in (select id from units where path like (select path from units where id = ${q.unitId}) || '%')` : sql``}
        ${inScope ? sql`and ${scopeOver(p, sql.raw(col))}` : sql``}`;
    // One pass over the rounds started in the period (index on started_at), grouped by unit with a grand total.
    const counts = await queryRows<CountRow>(
      db,
      sql`select x.unit_id as "unitId", count(*)::int as rounds, count(*) filter (where x.round = 1)::int as requests,
          count(*) filter (where x.responded_at is not null or ${now.toISOString()}::timestamptz > x.response_due_at)::int as "responseOf",
          count(*) filter (where x.responded_at is not null and x.responded_at <= x.response_due_at)::int as "responseOk",
          count(*) filter (where x.completed_on is not null or ${today}::date > x.completion_due_on)::int as "completionOf",
          count(*) filter (where x.completed_on is not null and x.completed_on <= x.completion_due_on)::int as "completionOk",
          count(*) filter (where x.rating is not null)::int as rated,
          count(*) filter (where x.rating is not null and x.rating <> 'dissatisfied')::int as satisfied,
          count(*) filter (where x.completed_on is not null and x.resolved is not null)::int as "resolvedOf",
          count(*) filter (where x.completed_on is not null and x.resolved)::int as "resolvedOk"
          from service_request_rounds x
          where x.started_at >= ${start}::timestamptz and x.started_at < ${end} ${unitFilter('x.unit_id')}
          group by x.unit_id`,
    );
    const refusals = await queryRows<{ unitId: string; n: number }>(
      db,
      sql`select f.unit_id as "unitId", count(*)::int as n from service_request_refusals f
          where f.at >= ${start}::timestamptz and f.at < ${end} ${unitFilter('f.unit_id')} group by f.unit_id`,
    );
    const refusalsOf = new Map(refusals.map((r) => [r.unitId, r.n]));
    const byUnit = new Map(counts.map((c) => [c.unitId!, c]));
    const totalCounts = sumCounts(counts);
    const unitIds = [...new Set([...byUnit.keys(), ...refusalsOf.keys()])];
    const units = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from units where id = any(${sql.param(unitIds)}::uuid[]) order by sort, name`,
    );
    const row = (unitId: string | null, unitName: string, c: CountRow | undefined, refused: number): MetricsRow => ({
      unitId,
      unitName,
      rounds: c?.rounds ?? 0,
      requests: c?.requests ?? 0,
      onTimeResponse: metricRate(c?.responseOk ?? 0, c?.responseOf ?? 0),
      onTimeCompletion: metricRate(c?.completionOk ?? 0, c?.completionOf ?? 0),
      satisfaction: metricRate(c?.satisfied ?? 0, c?.rated ?? 0),
      resolved: metricRate(c?.resolvedOk ?? 0, c?.resolvedOf ?? 0),
      refusals: refused,
    });
    return {
      from: q.from,
      to: q.to,
      rows: units.map((u) => row(u.id, u.name, byUnit.get(u.id), refusalsOf.get(u.id) ?? 0)),
      total: row(
        null,
        '合计',
        totalCounts,
        refusals.reduce((s, r) => s + r.n, 0),
      ),
    };
  }

  return {
    metrics,

    async exportXlsx(ctx: RequestContext, p: Principal, q: z.output<typeof metricsQuery>) {
      const m = await metrics(p, q);
      const toSheet = (r: MetricsRow): SheetRow => ({
        unitName: r.unitName,
        rounds: r.rounds,
        requests: r.requests,
        onTimeResponse: pct(r.onTimeResponse),
        onTimeCompletion: pct(r.onTimeCompletion),
        satisfaction: pct(r.satisfaction),
        resolved: pct(r.resolved),
        refusals: r.refusals,
      });
      const buffer = await writeSheet(
        {
          id: 'service-metrics',
          version: 1,
          title: `企业服务指标（${q.from} 至 ${q.to}）`,
          sheetName: '企业服务指标',
          columns: sheetColumns,
          schema: z.any() as z.ZodType<SheetRow>,
          naturalKey: (r) => r.unitName,
        },
        [...m.rows, m.total].map(toSheet),
        { spareRows: 0, totals: false },
      );
      await audit.record(null, ctx, {
        action: 'service.metrics.export',
        entityType: REQUEST_ENTITY,
        diff: { from: q.from, to: q.to, unitId: q.unitId ?? null },
      });
      return { filename: `企业服务指标-${q.from}-${q.to}.xlsx`, buffer };
    },
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
