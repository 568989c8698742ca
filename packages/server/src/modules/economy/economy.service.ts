// Economic performance (DOMAIN §6): the catalogue, regions, reported figures (draft → approved), targets, and the
// read models (grid, dashboard, series). Visibility: the data scope 'all' or economy.manage sees every indicator;
// others see the indicators their units lead or they own. Every write is audited in its transaction.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  cumulativeDecrease,
  periodEndMonth,
  periodForMonth,
  periodLabel,
  periodOrdinal,
  periodProblem,
  previousPeriodInYear,
  type EconomyDashboard,
  type FigureGrid,
  type Indicator,
  type IndicatorSeries,
  type Region,
  type Target,
  figureApproveSchema,
  figuresSaveSchema,
  indicatorCreateSchema,
  indicatorUpdateSchema,
  regionCreateSchema,
  regionUpdateSchema,
  seriesQuery,
  targetUpsertSchema,
} from '@zoneops/shared';
import { economyIndicators, economyRegions, economyTargets } from '../../db/schema.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { registerVisibility, visibleCondition } from '../../platform/access/scope.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import { today } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError, type FieldIssue } from '../../platform/errors.ts';
import { measuresOf, type PeriodFigure } from './economy-measures.ts';
import { economyRepository as repo, type FigureRow, type IndicatorRow, type RegionRow, type TargetRow } from './economy.repository.ts';

export const INDICATOR_ENTITY = 'economyIndicator';

/** An indicator's owner sees it wherever their unit stands. */
export function economyVisibility(): void {
  registerVisibility(INDICATOR_ENTITY, (p) => sql`i.owner_user_id = ${p.userId}`);
}

const seesAll = (p: Principal) => p.scope.all || p.permissions.has('economy.manage');

/** The SQL condition on `economy_indicators i` for what the caller may see; undefined = everything. */
export function indicatorVisible(p: Principal): SQL | undefined {
  if (seesAll(p)) return undefined;
  return visibleCondition(INDICATOR_ENTITY, p, { unitId: sql`i.lead_unit_id` });
}

function indicatorOut(p: Principal, r: IndicatorRow): Indicator {
  const manage = p.permissions.has('economy.manage');
  return {
    ...r,
    can: {
      enter: p.permissions.has('economy.enter'),
      approve: p.permissions.has('economy.approve') && (manage || r.ownerUserId === p.userId),
      manage,
    },
  };
}

const regionOut = (r: RegionRow): Region => r;
const targetOut = (t: TargetRow): Target => ({ ...t, updatedAt: t.updatedAt.toISOString() });

/** Field-by-field difference for the audit record. */
function diffOf<T extends object>(before: T | null, after: Partial<T>): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const b = before ? (before as Record<string, unknown>)[k] : null;
    if (JSON.stringify(b ?? null) !== JSON.stringify(v ?? null)) out[k] = { before: b ?? null, after: v ?? null };
  }
  return out;
}

/** The periods a month shows: the month, and the latest quarter ended by it (quarterly indicators: 1-10月 shows 前三季度). */
export function periodsOfMonth(month: string): string[] {
  const q = periodForMonth('quarter', month);
  return q ? [month, q] : [month];
}

const monthOfOrdinal = (o: number) => {
  const year = Math.floor((o - 1) / 12);
  const month = o - year * 12;
  return `${year}-${String(month).padStart(2, '0')}`;
};

type SaveInput = z.output<typeof figuresSaveSchema>;

export function createEconomyService(deps: Deps) {
  const { db, audit, clock } = deps;

  async function visibleIndicators(p: Principal, opts: { includeInactive?: boolean; ids?: readonly string[] } = {}, tx: DbOrTx = db) {
    const visible = indicatorVisible(p);
    return repo.indicators(tx, { ...(visible ? { visible } : {}), ...opts });
  }

  async function requireIndicator(p: Principal, id: string): Promise<IndicatorRow> {
    const [row] = await visibleIndicators(p, { includeInactive: true, ids: [id] });
    if (!row) throw notFound('indicator');
    return row;
  }

  function requireManage(p: Principal) {
    if (!p.permissions.has('economy.manage')) throw forbidden('you may not manage the indicator catalogue');
  }

  async function checkRegionKinds(tx: DbOrTx, changed: { id?: string; kind: string; active: boolean }) {
    if (changed.kind === 'peer' || !changed.active) return;
    const rows = await repo.regions(tx, false);
    const other = rows.find((r) => r.kind === changed.kind && r.id !== changed.id);
    if (other) {
      throw validationError([{ path: 'body.kind', message: `there is already an active ${changed.kind} region (${other.name}); deactivate it first` }]);
    }
  }

  const service = {
    // ---- catalogue -------------------------------------------------------------------------------------------

    async indicators(p: Principal, includeInactive = false): Promise<Indicator[]> {
      return (await visibleIndicators(p, { includeInactive })).map((r) => indicatorOut(p, r));
    },

    async indicator(p: Principal, id: string): Promise<Indicator> {
      return indicatorOut(p, await requireIndicator(p, id));
    },

    async createIndicator(ctx: RequestContext, p: Principal, input: z.output<typeof indicatorCreateSchema>): Promise<Indicator> {
      requireManage(p);
      if (await repo.codeTaken(db, input.code)) throw new AppError('INDICATOR_CODE_TAKEN', `indicator code ${input.code} is taken`);
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(economyIndicators)
          .values({
            ...input,
            alertLevel: input.alertLevel === null || input.alertLevel === undefined ? null : String(input.alertLevel),
            excellentLevel: input.excellentLevel === null || input.excellentLevel === undefined ? null : String(input.excellentLevel),
            createdBy: p.userId,
          })
          .returning({ id: economyIndicators.id });
        await audit.record(tx, ctx, { action: 'economy.indicator.create', entityType: INDICATOR_ENTITY, entityId: row!.id, diff: diffOf(null, input) });
        return row!.id;
      });
      return service.indicator(p, id);
    },

    async updateIndicator(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof indicatorUpdateSchema>): Promise<Indicator> {
      requireManage(p);
      const before = await requireIndicator(p, id);
      if (input.code && (await repo.codeTaken(db, input.code, id))) throw new AppError('INDICATOR_CODE_TAKEN', `indicator code ${input.code} is taken`);
      if (input.frequency && input.frequency !== before.frequency && (await repo.hasFigures(db, id))) {
        throw validationError([{ path: 'body.frequency', message: 'figures exist for this indicator: its frequency cannot change' }]);
      }
      const diff = diffOf(before, input);
      if (Object.keys(diff).length) {
        await db.transaction(async (tx) => {
          const { alertLevel, excellentLevel, ...rest } = input;
          await tx
            .update(economyIndicators)
            .set({
              ...rest,
              ...(alertLevel !== undefined ? { alertLevel: alertLevel === null ? null : String(alertLevel) } : {}),
              ...(excellentLevel !== undefined ? { excellentLevel: excellentLevel === null ? null : String(excellentLevel) } : {}),
              updatedAt: clock.now(),
            })
            .where(eq(economyIndicators.id, id));
          await audit.record(tx, ctx, { action: 'economy.indicator.update', entityType: INDICATOR_ENTITY, entityId: id, diff });
        });
      }
      return service.indicator(p, id);
    },

    // ---- regions ---------------------------------------------------------------------------------------------

    async regions(): Promise<Region[]> {
      return (await repo.regions(db)).map(regionOut);
    },

    async createRegion(ctx: RequestContext, p: Principal, input: z.output<typeof regionCreateSchema>): Promise<Region> {
      requireManage(p);
      const all = await repo.regions(db);
      if (all.some((r) => r.name === input.name)) throw validationError([{ path: 'body.name', message: `a region named ${input.name} exists` }]);
      await checkRegionKinds(db, input);
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(economyRegions)
          .values({ ...input, createdBy: p.userId })
          .returning({ id: economyRegions.id });
        await audit.record(tx, ctx, { action: 'economy.region.create', entityType: 'economyRegion', entityId: row!.id, diff: diffOf(null, input) });
        return row!.id;
      });
      return regionOut((await repo.regions(db)).find((r) => r.id === id)!);
    },

    async updateRegion(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof regionUpdateSchema>): Promise<Region> {
      requireManage(p);
      const all = await repo.regions(db);
      const before = all.find((r) => r.id === id);
      if (!before) throw notFound('region');
      if (input.name && all.some((r) => r.name === input.name && r.id !== id)) {
        throw validationError([{ path: 'body.name', message: `a region named ${input.name} exists` }]);
      }
      await checkRegionKinds(db, { id, kind: input.kind ?? before.kind, active: input.active ?? before.active });
      const diff = diffOf(before, input);
      if (Object.keys(diff).length) {
        await db.transaction(async (tx) => {
          await tx
            .update(economyRegions)
            .set({ ...input, updatedAt: clock.now() })
            .where(eq(economyRegions.id, id));
          await audit.record(tx, ctx, { action: 'economy.region.update', entityType: 'economyRegion', entityId: id, diff });
        });
      }
      return regionOut((await repo.regions(db)).find((r) => r.id === id)!);
    },

    // ---- figures ---------------------------------------------------------------------------------------------

    /** The grid of one month: every visible active indicator at its period for the month, drafts included. */
    async grid(p: Principal, month: string): Promise<FigureGrid> {
      const [indicators, regions] = await Promise.all([visibleIndicators(p), repo.regions(db, false)]);
      const periods = periodsOfMonth(month);
      const previous = periods.map(previousPeriodInYear).filter((x): x is string => !!x);
      const figures = await repo.figures(
        db,
        indicators.map((i) => i.id),
        [...periods, ...previous],
        false,
      );
      const zone = regions.find((r) => r.kind === 'zone');
      const key = (i: string, r: string, period: string) => `${i}|${r}|${period}`;
      const byKey = new Map(figures.map((f) => [key(f.indicatorId, f.regionId, f.period), f]));
      return {
        month,
        regions: regions.map(regionOut),
        rows: indicators.map((i) => {
          const period = periodForMonth(i.frequency, month);
          const current = period && periods.includes(period) ? period : null;
          const prev = current ? previousPeriodInYear(current) : null;
          return {
            indicator: indicatorOut(p, i),
            period: current,
            periodLabel: current ? periodLabel(current, i.valueKind) : null,
            cells: current
              ? regions.flatMap((r) => {
                  const f = byKey.get(key(i.id, r.id, current));
                  return f ? [cellOut(f)] : [];
                })
              : [],
            previousZoneValue: prev && zone ? (byKey.get(key(i.id, zone.id, prev))?.value ?? null) : null,
          };
        }),
      };
    },

    /** Saves figures from the grid or an import: all or nothing, drafts, one audit record listing every change. */
    async saveFigures(
      ctx: RequestContext,
      p: Principal,
      input: SaveInput,
      action = 'economy.figures.save',
    ): Promise<{ saved: number; removed: number; unchanged: number }> {
      const { upserts, removals, changes, unchanged } = await service.checkFigures(p, input);
      if (upserts.length || removals.length) {
        await db.transaction(async (tx) => {
          await repo.upsertFigures(tx, upserts, p.userId, clock.now());
          await repo.deleteFigures(
            tx,
            removals.map((r) => r.id),
          );
          await audit.record(tx, ctx, { action, entityType: 'economyFigures', diff: { changes } });
        });
      }
      return { saved: upserts.length, removed: removals.length, unchanged };
    },

    /** Checks figures as saveFigures would (types, periods, regions, the cumulative rule) and answers the plan. */
    async checkFigures(p: Principal, input: SaveInput) {
      if (!p.permissions.has('economy.enter')) throw forbidden('you may not enter figures');
      const entries = input.entries;
      const indicatorIds = [...new Set(entries.map((e) => e.indicatorId))];
      const [indicators, regions] = await Promise.all([visibleIndicators(p, { includeInactive: true, ids: indicatorIds }), repo.regions(db)]);
      const indicatorOf = new Map(indicators.map((i) => [i.id, i]));
      const regionOf = new Map(regions.map((r) => [r.id, r]));
      const issues: FieldIssue[] = [];
      const seen = new Set<string>();
      // A period is reported after it ends; the current month may be entered as it closes (flash figures).
      const thisMonth = periodOrdinal(today(clock).slice(0, 7));
      entries.forEach((e, n) => {
        const at = `body.entries.${n}`;
        const ind = indicatorOf.get(e.indicatorId);
        if (!ind) issues.push({ path: `${at}.indicatorId`, message: 'unknown indicator, or one you may not see' });
        if (!regionOf.get(e.regionId)?.active) issues.push({ path: `${at}.regionId`, message: 'unknown or inactive region' });
        const problem = ind ? periodProblem(ind.frequency, e.period) : null;
        if (problem) issues.push({ path: `${at}.period`, message: problem });
        else if (periodOrdinal(e.period) > thisMonth) issues.push({ path: `${at}.period`, message: `${e.period} has not ended yet` });
        const k = `${e.indicatorId}|${e.regionId}|${e.period}`;
        if (seen.has(k)) issues.push({ path: at, message: 'the same indicator, region and period twice' });
        seen.add(k);
        if (ind && ind.frequency === 'quarter' && (e.monthValue != null || e.monthGrowth != null)) {
          issues.push({ path: `${at}.monthValue`, message: 'a quarterly indicator has no monthly value' });
        }
      });
      if (issues.length) throw validationError(issues);

      // What is stored for these keys, and the previous period of each (the cumulative check).
      const periods = [...new Set(entries.map((e) => e.period))];
      const previousPeriods = periods.map(previousPeriodInYear).filter((x): x is string => !!x);
      const stored = await repo.figures(db, indicatorIds, [...new Set([...periods, ...previousPeriods])], false);
      const key = (i: string, r: string, period: string) => `${i}|${r}|${period}`;
      const storedOf = new Map(stored.map((f) => [key(f.indicatorId, f.regionId, f.period), f]));
      const incoming = new Map(entries.map((e) => [key(e.indicatorId, e.regionId, e.period), e]));
      const decreases: (FieldIssue & { previous: number })[] = [];
      const upserts: Parameters<typeof repo.upsertFigures>[1][number][] = [];
      const removals: FigureRow[] = [];
      const changes: unknown[] = [];
      let unchanged = 0;
      entries.forEach((e, n) => {
        const ind = indicatorOf.get(e.indicatorId)!;
        const before = storedOf.get(key(e.indicatorId, e.regionId, e.period));
        const after = {
          value: e.value,
          growth: e.growth,
          monthValue: e.monthValue ?? null,
          monthGrowth: e.monthGrowth ?? null,
          revisionReason: e.revisionReason ?? null,
        };
        const label = { indicator: ind.code, region: regionOf.get(e.regionId)!.name, period: e.period };
        if (after.value === null && after.growth === null && after.monthValue === null && after.monthGrowth === null) {
          if (before) {
            removals.push(before);
            changes.push({ ...label, before: pickFigure(before), after: null });
          } else unchanged++;
          return;
        }
        const prevPeriod = previousPeriodInYear(e.period);
        const prevKey = prevPeriod ? key(e.indicatorId, e.regionId, prevPeriod) : null;
        const prevValue = prevKey ? (incoming.has(prevKey) ? incoming.get(prevKey)!.value : (storedOf.get(prevKey)?.value ?? null)) : null;
        const dropped = cumulativeDecrease(ind.valueKind, after.value, prevValue);
        if (dropped !== null && !after.revisionReason) {
          decreases.push({
            path: `body.entries.${n}.value`,
            message: `${ind.nameZh} ${label.region} ${e.period}: ${after.value} is below ${prevPeriod}'s cumulative ${dropped}; give a revision reason`,
            previous: dropped,
          });
        }
        if (before && sameFigure(before, after)) {
          unchanged++;
          return;
        }
        upserts.push({ indicatorId: e.indicatorId, regionId: e.regionId, period: e.period, periodOrdinal: periodOrdinal(e.period), ...after });
        changes.push({ ...label, before: before ? pickFigure(before) : null, after: { ...after, status: 'draft' } });
      });
      if (decreases.length) {
        throw new AppError('CUMULATIVE_DECREASE', 'a cumulative value is below the previous period of the same year', decreases);
      }
      return { upserts, removals, changes, unchanged };
    },

    async approve(ctx: RequestContext, p: Principal, input: z.output<typeof figureApproveSchema>): Promise<{ approved: number }> {
      if (!p.permissions.has('economy.approve')) throw forbidden('you may not approve figures');
      const visible = await visibleIndicators(p, input.indicatorIds ? { ids: input.indicatorIds } : {});
      const approvable = visible.filter((i) => indicatorOut(p, i).can.approve);
      if (input.indicatorIds && approvable.length < input.indicatorIds.length) throw forbidden('you may not approve the figures of some of these indicators');
      const periods = periodsOfMonth(input.month);
      // The grid shows the active regions: only their drafts are approved.
      const regions = (await repo.regions(db, false)).map((r) => r.id);
      return db.transaction(async (tx) => {
        const rows = await repo.approve(
          tx,
          approvable.map((i) => i.id),
          periods,
          regions,
          p.userId,
          clock.now(),
        );
        if (rows.length) {
          await audit.record(tx, ctx, {
            action: 'economy.figures.approve',
            entityType: 'economyFigures',
            diff: {
              month: input.month,
              figures: rows.map((r) => ({
                indicatorId: r.indicatorId,
                regionId: r.regionId,
                period: r.period,
                value: r.value,
                growth: r.growth,
                status: { before: 'draft', after: 'approved' },
              })),
            },
          });
        }
        return { approved: rows.length };
      });
    },

    // ---- targets ---------------------------------------------------------------------------------------------

    async targets(p: Principal, year: number): Promise<Target[]> {
      const ids = (await visibleIndicators(p, { includeInactive: true })).map((i) => i.id);
      return (await repo.targets(db, { year, indicatorIds: ids })).map(targetOut);
    },

    async upsertTarget(ctx: RequestContext, p: Principal, input: z.output<typeof targetUpsertSchema>): Promise<Target> {
      requireManage(p);
      const ind = await requireIndicator(p, input.indicatorId);
      if (input.kind === 'growth' && input.value > 10_000) throw validationError([{ path: 'body.value', message: 'a growth target is in percent' }]);
      const [before] = await repo.targets(db, { year: input.year, indicatorIds: [ind.id] });
      const values = { kind: input.kind, value: String(input.value), setOn: input.setOn, note: input.note ?? null };
      const id = await db.transaction(async (tx) => {
        let id: string;
        if (before) {
          await tx
            .update(economyTargets)
            .set({ ...values, updatedAt: clock.now() })
            .where(eq(economyTargets.id, before.id));
          id = before.id;
        } else {
          const [row] = await tx
            .insert(economyTargets)
            .values({ indicatorId: ind.id, year: input.year, ...values, createdBy: p.userId })
            .returning({ id: economyTargets.id });
          id = row!.id;
        }
        await audit.record(tx, ctx, {
          action: before ? 'economy.target.update' : 'economy.target.create',
          entityType: 'economyTarget',
          entityId: id,
          diff: {
            indicator: ind.code,
            year: input.year,
            ...diffOf(before ?? null, { kind: input.kind, value: input.value, setOn: input.setOn, note: input.note ?? null }),
          },
        });
        return id;
      });
      return targetOut((await repo.target(db, id))!);
    },

    async deleteTarget(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      requireManage(p);
      const t = await repo.target(db, id);
      if (!t) throw notFound('target');
      await requireIndicator(p, t.indicatorId);
      await db.transaction(async (tx) => {
        await tx.delete(economyTargets).where(and(eq(economyTargets.id, id)));
        await audit.record(tx, ctx, { action: 'economy.target.delete', entityType: 'economyTarget', entityId: id, diff: { before: targetOut(t) } });
      });
    },

    // ---- read models -----------------------------------------------------------------------------------------

    /** The latest month with an approved figure of the zone among the visible indicators. */
    async latestMonth(p: Principal, known?: { indicators: IndicatorRow[]; regions: RegionRow[] }): Promise<string | null> {
      const regions = known?.regions ?? (await repo.regions(db, false));
      const zone = regions.find((r) => r.kind === 'zone');
      if (!zone) return null;
      const ids = indicatorVisible(p) ? (known?.indicators ?? (await visibleIndicators(p))).map((i) => i.id) : undefined;
      const o = await repo.latestOrdinal(db, zone.id, ids);
      return o === null ? null : monthOfOrdinal(o);
    },

    /** Every visible active indicator's measures for one month (approved figures only). */
    async dashboard(p: Principal, month?: string): Promise<EconomyDashboard> {
      const [rows, regionRows] = await Promise.all([visibleIndicators(p), repo.regions(db, false)]);
      const latestMonth = await service.latestMonth(p, { indicators: rows, regions: regionRows });
      const shown = month ?? latestMonth ?? today(clock).slice(0, 7);
      const regions = regionRows.map(regionOut);
      const periods = periodsOfMonth(shown);
      const ids = rows.map((i) => i.id);
      const [figures, targets] = await Promise.all([
        repo.figures(db, ids, periods, true),
        repo.targets(db, { year: periodEndMonth(shown).year, indicatorIds: ids }),
      ]);
      const figuresOf = new Map<string, PeriodFigure[]>();
      for (const f of figures) {
        const k = `${f.indicatorId}|${f.period}`;
        figuresOf.set(k, [...(figuresOf.get(k) ?? []), f]);
      }
      const targetOf = new Map(targets.map((t) => [t.indicatorId, t]));
      const indicators = rows.flatMap((i) => {
        const period = periodForMonth(i.frequency, shown);
        if (!period || !periods.includes(period)) return [];
        const t = targetOf.get(i.id);
        return [measuresOf(indicatorOut(p, i), period, regions, figuresOf.get(`${i.id}|${period}`) ?? [], t ? { kind: t.kind, value: t.value } : null)];
      });
      const summary = { first: 0, second: 0, ranked: 0, belowTarget: 0, alert: 0 };
      for (const m of indicators) {
        if (m.rank) summary.ranked++;
        if (m.rank?.rank === 1) summary.first++;
        if (m.rank?.rank === 2) summary.second++;
        if (m.target && !m.target.met) summary.belowTarget++;
        if (m.threshold === 'alert') summary.alert++;
      }
      return {
        month: shown,
        latestMonth,
        zone: regions.find((r) => r.kind === 'zone') ?? null,
        city: regions.find((r) => r.kind === 'city') ?? null,
        indicators,
        summary,
      };
    },

    /** An indicator's approved history for every active region (default: 36 months to the latest figure). */
    async series(p: Principal, id: string, query: z.output<typeof seriesQuery>): Promise<IndicatorSeries> {
      const ind = await requireIndicator(p, id);
      const regions = (await repo.regions(db, false)).map(regionOut);
      let to = query.to ? periodOrdinal(query.to) : null;
      if (to === null) {
        to = (await repo.latestOrdinalOf(db, id)) ?? periodOrdinal(today(clock).slice(0, 7));
      }
      const from = query.from ? periodOrdinal(query.from) : to - 35;
      const active = new Set(regions.map((r) => r.id));
      const points = (await repo.series(db, id, from, to)).filter((x) => active.has(x[1]));
      const targets = (await repo.targets(db, { indicatorIds: [id] })).map(targetOut);
      return { indicator: indicatorOut(p, ind), regions, points, targets };
    },

    /** Indicators and regions for the spreadsheet import (what the caller may enter). */
    async importContext(p: Principal) {
      if (!p.permissions.has('economy.enter')) throw forbidden('you may not enter figures');
      const [indicators, regions] = await Promise.all([visibleIndicators(p), repo.regions(db, false)]);
      return { indicators, regions };
    },
  };
  return service;
}

function cellOut(f: FigureRow) {
  return {
    regionId: f.regionId,
    value: f.value,
    growth: f.growth,
    monthValue: f.monthValue,
    monthGrowth: f.monthGrowth,
    status: f.status,
    revisionReason: f.revisionReason,
    updatedAt: f.updatedAt.toISOString(),
    updatedByName: f.updatedByName,
    approvedAt: f.approvedAt?.toISOString() ?? null,
  };
}

const pickFigure = (f: FigureRow) => ({ value: f.value, growth: f.growth, monthValue: f.monthValue, monthGrowth: f.monthGrowth, status: f.status });

function sameFigure(
  a: FigureRow,
  b: { value: number | null; growth: number | null; monthValue: number | null; monthGrowth: number | null; revisionReason: string | null },
) {
  return (
    a.value === b.value &&
    a.growth === b.growth &&
    a.monthValue === b.monthValue &&
    a.monthGrowth === b.monthGrowth &&
    (a.revisionReason ?? null) === b.revisionReason
  );
}

export type EconomyService = ReturnType<typeof createEconomyService>;
