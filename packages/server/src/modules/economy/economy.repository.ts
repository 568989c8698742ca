// All SQL of economic performance: the catalogue, regions, figures and targets. Numeric columns are read as float8
// for arithmetic (values are stored exactly as numeric; the API exchanges numbers).
import { sql, type SQL } from 'drizzle-orm';
import type { FigureStatus, GrowthKind, IndicatorFrequency, IndicatorValueKind, RankKey, RegionKind, TargetKind } from '@zoneops/shared';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export interface IndicatorRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  aliases: string[];
  unit: string;
  unitEn: string;
  frequency: IndicatorFrequency;
  valueKind: IndicatorValueKind;
  growthKind: GrowthKind;
  higherIsBetter: boolean;
  rankBy: RankKey;
  additive: boolean;
  alertLevel: number | null;
  excellentLevel: number | null;
  leadUnitId: string | null;
  leadUnitName: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  source: string | null;
  notes: string | null;
  leading: boolean;
  active: boolean;
  sort: number;
}

export interface RegionRow {
  id: string;
  name: string;
  nameEn: string;
  aliases: string[];
  kind: RegionKind;
  active: boolean;
  sort: number;
}

export interface FigureRow {
  id: string;
  indicatorId: string;
  regionId: string;
  period: string;
  value: number | null;
  growth: number | null;
  monthValue: number | null;
  monthGrowth: number | null;
  status: FigureStatus;
  revisionReason: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  approvedAt: Date | null;
}

export interface TargetRow {
  id: string;
  indicatorId: string;
  year: number;
  kind: TargetKind;
  value: number;
  setOn: string;
  note: string | null;
  updatedAt: Date;
}

const indicatorColumns = sql`i.id, i.code, i.name_zh as "nameZh", i.name_en as "nameEn", i.aliases, i.unit, i.unit_en as "unitEn",
  i.frequency, i.value_kind as "valueKind", i.growth_kind as "growthKind", i.higher_is_better as "higherIsBetter",
  i.rank_by as "rankBy", i.additive, i.alert_level::float8 as "alertLevel", i.excellent_level::float8 as "excellentLevel",
  i.lead_unit_id as "leadUnitId", u.name as "leadUnitName", i.owner_user_id as "ownerUserId", o.display_name as "ownerName",
  i.source, i.notes, i.leading, i.active, i.sort`;

const figureColumns = sql`f.id, f.indicator_id as "indicatorId", f.region_id as "regionId", f.period,
  f.value::float8 as value, f.growth::float8 as growth, f.month_value::float8 as "monthValue", f.month_growth::float8 as "monthGrowth",
  f.status, f.revision_reason as "revisionReason", f.updated_at as "updatedAt", uu.display_name as "updatedByName", f.approved_at as "approvedAt"`;

const toDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const figureOf = (r: FigureRow): FigureRow => ({ ...r, updatedAt: toDate(r.updatedAt)!, approvedAt: toDate(r.approvedAt) });

export const economyRepository = {
  /** Indicators, in catalogue order; `visible` limits them to what the caller may see. */
  async indicators(db: DbOrTx, opts: { visible?: SQL; includeInactive?: boolean; ids?: readonly string[] } = {}): Promise<IndicatorRow[]> {
    const where: SQL[] = [sql`true`];
    if (opts.visible) where.push(opts.visible);
    if (!opts.includeInactive) where.push(sql`i.active`);
    if (opts.ids) where.push(sql`i.id = any(${sql.param(opts.ids)}::uuid[])`);
    return queryRows<IndicatorRow>(
      db,
      sql`select ${indicatorColumns} from economy_indicators i
        left join units u on u.id = i.lead_unit_id left join users o on o.id = i.owner_user_id
        where ${sql.join(where, sql` and `)} order by i.sort, i.code`,
    );
  },

  async codeTaken(db: DbOrTx, code: string, exceptId?: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from economy_indicators where lower(code) = lower(${code}) ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    );
    return rows.length > 0;
  },

  async hasFigures(db: DbOrTx, indicatorId: string): Promise<boolean> {
    const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from economy_figures where indicator_id = ${indicatorId} limit 1`);
    return rows.length > 0;
  },

  async regions(db: DbOrTx, includeInactive = true): Promise<RegionRow[]> {
    return queryRows<RegionRow>(
      db,
      sql`select id, name, name_en as "nameEn", aliases, kind, active, sort from economy_regions
        ${includeInactive ? sql`` : sql`where active`}
        order by case kind when 'zone' then 0 when 'city' then 1 else 2 end, sort, name`,
    );
  },

  /** Figures of the given indicators and periods (both lists), drafts included unless `approvedOnly`. */
  async figures(db: DbOrTx, indicatorIds: readonly string[], periods: readonly string[], approvedOnly: boolean): Promise<FigureRow[]> {
    if (!indicatorIds.length || !periods.length) return [];
    const rows = await queryRows<FigureRow>(
      db,
      sql`select ${figureColumns} from economy_figures f left join users uu on uu.id = f.updated_by
        where f.period = any(${sql.param(periods)}::text[]) and f.indicator_id = any(${sql.param(indicatorIds)}::uuid[])
        ${approvedOnly ? sql`and f.status = 'approved'` : sql``}`,
    );
    return rows.map(figureOf);
  },

  /** Approved figures of one indicator between two period ordinals, as compact tuples. */
  async series(db: DbOrTx, indicatorId: string, fromOrdinal: number, toOrdinal: number): Promise<[string, string, number | null, number | null][]> {
    const rows = await queryRows<{ period: string; regionId: string; value: number | null; growth: number | null }>(
      db,
      sql`select period, region_id as "regionId", value::float8 as value, growth::float8 as growth from economy_figures
        where indicator_id = ${indicatorId} and status = 'approved' and period_ordinal between ${fromOrdinal} and ${toOrdinal}
        order by period_ordinal`,
    );
    return rows.map((r) => [r.period, r.regionId, r.value, r.growth]);
  },

  /** The latest period ordinal with an approved figure of the region among the given indicators. */
  async latestOrdinal(db: DbOrTx, regionId: string, indicatorIds?: readonly string[]): Promise<number | null> {
    const [row] = await queryRows<{ o: number | null }>(
      db,
      sql`select max(period_ordinal) as o from economy_figures where region_id = ${regionId} and status = 'approved'
        ${indicatorIds ? sql`and indicator_id = any(${sql.param(indicatorIds)}::uuid[])` : sql``}`,
    );
    return row?.o ?? null;
  },

  /** The latest period ordinal with an approved figure of the indicator (any region). */
  async latestOrdinalOf(db: DbOrTx, indicatorId: string): Promise<number | null> {
    const [row] = await queryRows<{ o: number | null }>(
      db,
      sql`select max(period_ordinal) as o from economy_figures where indicator_id = ${indicatorId} and status = 'approved'`,
    );
    return row?.o ?? null;
  },

  async targets(db: DbOrTx, opts: { year?: number; indicatorIds?: readonly string[] }): Promise<TargetRow[]> {
    const where: SQL[] = [sql`true`];
    if (opts.year !== undefined) where.push(sql`year = ${opts.year}`);
    if (opts.indicatorIds) where.push(sql`indicator_id = any(${sql.param(opts.indicatorIds)}::uuid[])`);
    const rows = await queryRows<TargetRow>(
      db,
      sql`select id, indicator_id as "indicatorId", year, kind, value::float8 as value, set_on::text as "setOn", note, updated_at as "updatedAt"
        from economy_targets where ${sql.join(where, sql` and `)} order by year, indicator_id`,
    );
    return rows.map((r) => ({ ...r, updatedAt: toDate(r.updatedAt)! }));
  },

  async target(db: DbOrTx, id: string): Promise<TargetRow | undefined> {
    const rows = await queryRows<TargetRow>(
      db,
      sql`select id, indicator_id as "indicatorId", year, kind, value::float8 as value, set_on::text as "setOn", note, updated_at as "updatedAt"
        from economy_targets where id = ${id}`,
    );
    return rows.map((r) => ({ ...r, updatedAt: toDate(r.updatedAt)! }))[0];
  },

  /** Upserts figures in one statement (UNNEST of arrays); answers nothing. */
  async upsertFigures(
    tx: DbOrTx,
    rows: readonly {
      indicatorId: string;
      regionId: string;
      period: string;
      periodOrdinal: number;
      value: number | null;
      growth: number | null;
      monthValue: number | null;
      monthGrowth: number | null;
      revisionReason: string | null;
    }[],
    userId: string,
    at: Date,
  ): Promise<void> {
    if (!rows.length) return;
    const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
    await tx.execute(sql`insert into economy_figures
        (indicator_id, region_id, period, period_ordinal, value, growth, month_value, month_growth, revision_reason, status, updated_by, updated_at, created_at)
      select t.indicator_id, t.region_id, t.period, t.period_ordinal, t.value, t.growth, t.month_value, t.month_growth, t.revision_reason,
        'draft', ${userId}, ${at}, ${at}
      from unnest(${col('indicatorId')}::uuid[], ${col('regionId')}::uuid[], ${col('period')}::text[], ${col('periodOrdinal')}::int[],
        ${col('value')}::numeric[], ${col('growth')}::numeric[], ${col('monthValue')}::numeric[], ${col('monthGrowth')}::numeric[],
        ${col('revisionReason')}::text[])
        as t(indicator_id, region_id, period, period_ordinal, value, growth, month_value, month_growth, revision_reason)
      on conflict (indicator_id, region_id, period) do update set value = excluded.value, growth = excluded.growth,
        month_value = excluded.month_value, month_growth = excluded.month_growth, revision_reason = excluded.revision_reason,
        status = 'draft', approved_at = null, approved_by = null, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
  },

  async deleteFigures(tx: DbOrTx, ids: readonly string[]): Promise<void> {
    if (ids.length) await tx.execute(sql`delete from economy_figures where id = any(${sql.param(ids)}::uuid[])`);
  },

  /** Approves the drafts of the given indicators and periods; answers what was approved. */
  async approve(
    tx: DbOrTx,
    indicatorIds: readonly string[],
    periods: readonly string[],
    regionIds: readonly string[],
    userId: string,
    at: Date,
  ): Promise<{ id: string; indicatorId: string; regionId: string; period: string; value: number | null; growth: number | null }[]> {
    if (!indicatorIds.length || !periods.length) return [];
    return queryRows(
      tx,
      sql`update economy_figures set status = 'approved', approved_by = ${userId}, approved_at = ${at}
        where status = 'draft' and indicator_id = any(${sql.param(indicatorIds)}::uuid[]) and period = any(${sql.param(periods)}::text[])
          and region_id = any(${sql.param(regionIds)}::uuid[])
        returning id, indicator_id as "indicatorId", region_id as "regionId", period, value::float8 as value, growth::float8 as growth`,
    );
  },
};
