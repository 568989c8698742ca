// Promotion reports (DOMAIN §5): the teams' scoreboard of a period (and its workbook), and the screening rejections
// counted by failed criterion and by industry. Periods are inclusive Asia/Shanghai calendar days; money is 万元 summed
// in SQL numeric and answered as exact strings.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { addCalendarDays, scoreboardRowSchema, type rejectionReportSchema, type scoreboardSchema } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { visibleCondition } from '../../platform/access/scope.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { validationError } from '../../platform/errors.ts';
import { writeSheet, type SheetSpec } from '../../platform/sheets.ts';
import { LEAD_ENTITY } from './lead.service.ts';
import { TEAM_ENTITY } from './team.service.ts';

type Scoreboard = z.infer<typeof scoreboardSchema>;
type ScoreRow = z.infer<typeof scoreboardRowSchema>;
type RejectionReport = z.infer<typeof rejectionReportSchema>;

/** The instants bounding the Shanghai days from..to: [start, end). */
export function shanghaiBounds(from: string, to: string): [string, string] {
  return [`${from}T00:00:00+08:00`, `${addCalendarDays(to, 1)}T00:00:00+08:00`];
}

const scoreboardSpec = (from: string, to: string): SheetSpec<ScoreRow> => ({
  id: 'promotion-scoreboard',
  version: 1,
  title: `招商组团业绩（${from} 至 ${to}）`,
  sheetName: '招商组团业绩',
  schema: scoreboardRowSchema,
  naturalKey: (r) => r.teamId,
  columns: [
    { key: 'teamName', header: '组团', headerEn: 'Team', kind: 'text', width: 24 },
    { key: 'leads', header: '新增线索', headerEn: 'Leads', kind: 'integer', sum: true },
    { key: 'trips', header: '外出招商', headerEn: 'Trips', kind: 'integer', sum: true },
    { key: 'receptions', header: '接待客商', headerEn: 'Receptions', kind: 'integer', sum: true },
    { key: 'signings', header: '签约项目', headerEn: 'Signings', kind: 'integer', sum: true },
    { key: 'signedInvestment', header: '签约金额（万元）', headerEn: 'Signed (10k CNY)', kind: 'number', decimals: 2, sum: true },
    { key: 'capitalInPlace', header: '到位资金（万元）', headerEn: 'Capital in place (10k CNY)', kind: 'number', decimals: 2, sum: true },
  ],
});

export function createPromotionReports(deps: Deps) {
  const { db, audit } = deps;

  /**
   * The teams' figures of a period. With `p`, the lead figures count only the leads the caller sees (as the leaders'
   * cockpit shows them); the scoreboard page itself counts every lead.
   */
  async function scoreboard(from: string, to: string, p?: Principal): Promise<Scoreboard> {
    if (from > to) throw validationError([{ path: 'querystring.to', message: 'the end is before the start' }]);
    const [start, end] = shanghaiBounds(from, to);
    const visible = p ? visibleCondition(LEAD_ENTITY, p, { unitId: sql`l.owner_unit_id`, createdBy: sql`l.owner_user_id` }) : undefined;
    const lead = sql`l.team_id = t.id and l.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`;
    const money = (expr: ReturnType<typeof sql>) => sql`coalesce(sum(${expr}), 0)::numeric(20,2)::text`;
    const rows = await queryRows<ScoreRow>(
      db,
      sql`select t.id as "teamId", t.name as "teamName",
        (select count(*) from promotion_leads l where ${lead} and l.registered_on between ${from} and ${to})::int as leads,
        (select count(*) from promotion_trips a where a.team_id = t.id and a.deleted_at is null and a.start_on between ${from} and ${to})::int as trips,
        (select count(*) from promotion_receptions a where a.team_id = t.id and a.deleted_at is null and a.held_on between ${from} and ${to})::int as receptions,
        (select count(*) from promotion_leads l where ${lead} and l.signed_on between ${from} and ${to})::int as signings,
        (select ${money(sql`l.signed_amount`)} from promotion_leads l where ${lead} and l.signed_on between ${from} and ${to}) as "signedInvestment",
        (select ${money(sql`l.capital_in_place`)} from promotion_leads l where ${lead} and exists (select 1 from promotion_lead_events e
          where e.lead_id = l.id and e.kind = 'stage' and e.to_value = 'capitalInPlace' and e.at >= ${start}::timestamptz and e.at < ${end}::timestamptz)
        ) as "capitalInPlace"
        from promotion_teams t where t.active order by t.name`,
    );
    return { from, to, rows };
  }

  return {
    scoreboard,

    /** The scoreboard as a workbook; the download is audited. */
    async scoreboardExport(ctx: RequestContext, from: string, to: string): Promise<{ filename: string; buffer: Buffer }> {
      const board = await scoreboard(from, to);
      const spec = scoreboardSpec(from, to);
      const buffer = await writeSheet(spec, board.rows, { spareRows: 0 });
      await audit.record(null, ctx, { action: 'promotion.scoreboard.export', entityType: TEAM_ENTITY, diff: { from, to, rows: board.rows.length } });
      return { filename: `${spec.title}.xlsx`, buffer };
    },

    /**
     * Leads screened out in the period: the latest assessment of each lead, when it is a rejection assessed on a
     * Shanghai day of the period; leads the caller sees. byMeasure counts the failed criteria, byIndustry the leads.
     */
    async rejections(p: Principal, from: string, to: string): Promise<RejectionReport> {
      if (from > to) throw validationError([{ path: 'querystring.to', message: 'the end is before the start' }]);
      const [start, end] = shanghaiBounds(from, to);
      const visible = visibleCondition(LEAD_ENTITY, p, { unitId: sql`l.owner_unit_id`, createdBy: sql`l.owner_user_id` });
      const items = await queryRows<RejectionReport['items'][number]>(
        db,
        sql`select l.id as "leadId", l.code, l.company, l.industry, to_char((a.assessed_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as "on",
          coalesce((select array_agg(r->>'measure' order by ord) from jsonb_array_elements(a.results) with ordinality as x(r, ord)
            where (r->>'pass')::boolean is false), '{}') as failed, a.reasons
          from promotion_assessments a join promotion_leads l on l.id = a.lead_id
          where a.decision = 'reject' and a.assessed_at >= ${start}::timestamptz and a.assessed_at < ${end}::timestamptz
            and not exists (select 1 from promotion_assessments b where b.lead_id = a.lead_id and (b.assessed_at, b.id) > (a.assessed_at, a.id))
            and l.deleted_at is null ${visible ? sql`and ${visible}` : sql``}
          order by a.assessed_at desc, l.code`,
      );
      const tally = (keys: string[]) => {
        const counts = new Map<string, number>();
        for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
        return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      };
      return {
        total: items.length,
        byMeasure: tally(items.flatMap((i) => i.failed)).map(([measure, count]) => ({ measure, count })),
        byIndustry: tally(items.map((i) => i.industry)).map(([industry, count]) => ({ industry, count })),
        items,
      };
    },
  };
}

export type PromotionReports = ReturnType<typeof createPromotionReports>;
