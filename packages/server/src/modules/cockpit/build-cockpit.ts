// The leaders' cockpit (驾驶舱, issue 9, ADR 0003): one answer with a tile per module the caller may read, each tile
// asked of the module's own services so that the cockpit never disagrees with the module's page. A tile is absent
// (not empty) without the module's read permission; each tile keeps the data scope of the module's page. Tiles are
// computed side by side.
import { lights, sumMoney, yearListKinds, type Cockpit, type LedgerKind } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import type { AssessmentService } from '../assessments/index.ts';
import type { EconomyService } from '../economy/economy.service.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { ParkModule } from '../park/index.ts';
import type { ProjectsModule } from '../projects/index.ts';
import type { LeadService } from '../promotion/lead.service.ts';
import { createPromotionReports } from '../promotion/promotion-reports.service.ts';
import type { SafetyModule } from '../safety/index.ts';
import { createSafetyMapService } from '../safety/map.service.ts';
import type { RequestService } from '../service/index.ts';
import { createMetricsService } from '../service/metrics.service.ts';
import { cockpitRepository } from './cockpit.repository.ts';

/** The modules the cockpit reads (app.ts hands over the instances it registered). */
export interface CockpitSources {
  projects: ProjectsModule;
  economy: EconomyService;
  promotion: LeadService;
  ledger: LedgerService;
  service: RequestService;
  safety: SafetyModule;
  park: ParkModule;
  assessments: AssessmentService;
}

type Tiles = Required<Omit<Cockpit, 'at'>>;
export type TileKey = keyof Tiles;

/** "Today" of a cockpit answer: the Shanghai day and its year. */
interface Day {
  day: string;
  year: number;
}

/**
 * The supervision tile's ledgers: supervised tasks (督查督办: meeting decisions, leader instructions, assignments from
 * above) and rectification problems (整改: inspection feedback). Both are the supervision office's chase lists of
 * DOMAIN §7 with the same light and closure (销号), and an overdue rectification is as much a leader's concern as an
 * overdue task. Blockers, enterprise requests and hazards are left out: the projects, service and safety tiles show
 * them.
 */
export const SUPERVISION_KINDS: readonly LedgerKind[] = ['supervision', 'rectification'];
const TOP_DELAYED = 5;
const TOP_UNITS = 10;
const RED_ITEMS = 10;
const ROWS_PER_TRACK = 10;

/** The read permission of each tile's module. */
export const tilePermission: Record<TileKey, string> = {
  economy: 'economy.read',
  projects: 'projects.read',
  promotion: 'promotion.read',
  supervision: 'ledger.read',
  service: 'service.read',
  safety: 'safety.read',
  park: 'park.read',
  competition: 'assessment.read',
};

export function createCockpit(deps: Deps, sources: CockpitSources) {
  const promotionReports = createPromotionReports(deps);
  const metrics = createMetricsService(deps);
  const safetyMap = createSafetyMapService(deps, sources.safety.ingest.latest);

  const tiles: { [K in TileKey]: (p: Principal, d: Day) => Promise<Tiles[K]> } = {
    /** The zone's key indicators of the latest month with an approved zone figure (the dashboard's default month). */
    async economy(p) {
      const board = await sources.economy.dashboard(p);
      if (!board.latestMonth) return { month: null, indicators: [], summary: { first: 0, second: 0, ranked: 0, belowTarget: 0, alert: 0 } };
      return {
        month: board.month,
        indicators: board.indicators.map((m) => ({
          id: m.indicator.id,
          code: m.indicator.code,
          nameZh: m.indicator.nameZh,
          nameEn: m.indicator.nameEn,
          unit: m.indicator.unit,
          unitEn: m.indicator.unitEn,
          periodLabel: m.periodLabel,
          value: m.zone?.value ?? null,
          growth: m.zone?.growth ?? null,
          rank: m.rank,
          target: m.target,
          threshold: m.threshold,
        })),
        summary: board.summary,
      };
    },

    /** The projects dashboard's headline of this year (totals, lights, the most delayed) and the three year lists' headlines. */
    async projects(p, { year }) {
      const board = await sources.projects.views.headline(p, year, TOP_DELAYED);
      const byLight = new Map(board.byLight.map((b) => [b.key, b.count]));
      return {
        year,
        count: board.totals.count,
        // Money as 万元 with two decimals (the module's sums say '0' when nothing is summed).
        annualPlan: sumMoney([board.totals.annualPlan]),
        ytdCompleted: sumMoney([board.totals.ytdCompleted]),
        annualPercent: board.totals.annualPercent,
        byLight: lights.map((light) => ({ light, count: byLight.get(light) ?? 0 })),
        yearLists: Object.fromEntries(
          yearListKinds.map((k) => [k, { count: board.yearLists[k].count, totalInvestment: sumMoney([board.yearLists[k].totalInvestment]) }]),
        ) as Tiles['projects']['yearLists'],
        topDelayed: board.topDelayed.map(({ id, name, leadUnitName, light, overdueDays }) => ({ id, name, leadUnitName, light, overdueDays })),
      };
    },

    /** The kanban's columns as a funnel, and this year's signings summed over the teams' scoreboard. */
    async promotion(p, { day, year }) {
      const [board, scores] = await Promise.all([sources.promotion.board(p, {}), promotionReports.scoreboard(`${year}-01-01`, day, p)]);
      return {
        funnel: board.columns.map(({ stage, count, plannedInvestment }) => ({ stage, count, plannedInvestment })),
        signings: {
          year,
          count: scores.rows.reduce((n, r) => n + r.signings, 0),
          signedInvestment: sumMoney(scores.rows.map((r) => r.signedInvestment)),
          capitalInPlace: sumMoney(scores.rows.map((r) => r.capitalInPlace)),
        },
      };
    },

    /** Open supervised items (see SUPERVISION_KINDS): lights, the units with most red items, the longest overdue. */
    async supervision(p, { day }) {
      const { byUnit, red } = await sources.ledger.openSummary(p, SUPERVISION_KINDS, day, RED_ITEMS);
      const sum = (k: 'open' | 'red' | 'yellow') => byUnit.reduce((n, u) => n + u[k], 0);
      return {
        open: sum('open'),
        red: sum('red'),
        yellow: sum('yellow'),
        overdueByUnit: byUnit
          .sort((a, b) => b.red - a.red || b.open - a.open || a.unitName.localeCompare(b.unitName, 'zh-CN'))
          .slice(0, TOP_UNITS)
          .map(({ unitId, unitName, open, red }) => ({ unitId, unitName, open, red })),
        redItems: red,
      };
    },

    /** This year to today: the metrics' total row (the caller's units) and the requests not closed now. */
    async service(p, { day, year }) {
      const from = `${year}-01-01`;
      const [m, open] = await Promise.all([metrics.metrics(p, { from, to: day }, true), sources.service.openCount(p)]);
      const { requests, onTimeResponse, onTimeCompletion, satisfaction } = m.total;
      return { from, to: day, requests, open, onTimeResponse, onTimeCompletion, satisfaction };
    },

    async safety(p) {
      return { openAlarms: await safetyMap.openCounts(p) };
    },

    async park() {
      return sources.park.gate.service.counts();
    },

    /** The latest run (by period end, then started) of a scheme not deleted, at most ten rows per track. */
    async competition(p) {
      const id = await cockpitRepository.latestRunId(deps.db);
      if (!id) return null;
      const run = await sources.assessments.getRun(p, id);
      const perTrack = new Map<string | null, number>();
      const rows = run.results.filter((r) => {
        const n = perTrack.get(r.track) ?? 0;
        perTrack.set(r.track, n + 1);
        return n < ROWS_PER_TRACK;
      });
      return {
        runId: run.id,
        schemeId: run.schemeId,
        schemeName: run.schemeName,
        period: run.period,
        status: run.status,
        rows: rows.map(({ participantId, name, track, total, rank, tied, redFlag }) => ({ participantId, name, track, total, rank, tied, redFlag })),
      };
    },
  };

  const dayOf = (): Day => {
    const day = todayOf(deps.clock);
    return { day, year: Number(day.slice(0, 4)) };
  };

  return {
    tiles,
    dayOf,
    /** The cockpit of the caller: the tiles of the modules they may read, computed side by side. */
    async build(p: Principal): Promise<Cockpit> {
      const at = deps.clock.now().toISOString();
      const d = dayOf();
      const keys = (Object.keys(tiles) as TileKey[]).filter((k) => p.permissions.has(tilePermission[k]));
      const values = await Promise.all(keys.map((k) => (tiles[k] as (p: Principal, d: Day) => Promise<unknown>)(p, d)));
      return Object.assign({ at }, Object.fromEntries(keys.map((k, i) => [k, values[i]]))) as Cockpit;
    },
  };
}

export type CockpitService = ReturnType<typeof createCockpit>;
