// Demo figures of economic performance (经济运行, DOMAIN §6): the Gulei zone, its city (Zhangzhou) and seven peer
// districts and counties, with reported cumulative values and growth for every indicator of the catalogue from
// January 2024 to October 2026, and the zone's annual targets for 2025 and 2026. Pure and deterministic like
// demo-data.ts (no clock, no Math.random): buildDemoEconomy makes plain rows; seedDemoEconomy inserts them once.
//
// The story behind the numbers. Each indicator has a 2023 annual level per region (the city's other counties as one
// more, hidden region) and a growth rate per region and year: the zone, a petrochemical base coming on stream, grows
// fast on industry, investment, trade, power and tax, slowly on retail, and its foreign capital falls back in 2026
// after two big years; the peers draw their rates around the indicator's typical one. A year's level is spread over
// the months (or quarters) by a seasonal profile with some noise; the reported value is the cumulative sum from
// January, rounded as the statistics bureau publishes it. The city is the sum of all regions (a weighted mean for the
// per-capita income). Growth is the value against the same period of the year before (one decimal), minus a price
// deflator where the official growth is at comparable prices. Nothing below says who ranks where: the ranks, shares
// and alerts of the bulletin follow from these parameters.
import { eq } from 'drizzle-orm';
import { periodOrdinal, round, type RegionKind, type TargetKind } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/database.ts';
import { economyFigures, economyIndicators, economyRegions, economyTargets, roles, units, userRoles, users } from '../schema.ts';
import { buildDemoZone, mulberry32, type Rng } from './demo-data.ts';

/** The last month with figures; the figures of DRAFT_CODES for it wait for approval. */
export const DEMO_ECONOMY_LAST_MONTH = '2026-10';
export const DEMO_ECONOMY_FIRST_YEAR = 2024;
/** Indicators whose figures of the last month are drafts (the leading ones, reported early). */
export const DEMO_ECONOMY_DRAFT_CODES: readonly string[] = ['industrialPower', 'taxRevenue'];
const BASE_YEAR = DEMO_ECONOMY_FIRST_YEAR - 1;
const LAST_YEAR = Number(DEMO_ECONOMY_LAST_MONTH.slice(0, 4));
const LAST_MONTH = Number(DEMO_ECONOMY_LAST_MONTH.slice(5, 7));
const TARGET_YEARS = [LAST_YEAR - 1, LAST_YEAR] as const;

export interface DemoRegion {
  name: string;
  nameEn: string;
  aliases: string[];
  kind: RegionKind;
  sort: number;
}

/** The zone first, then the city, then the peers in the order of the statistics bureau's tables. */
export const DEMO_ECONOMY_REGIONS: DemoRegion[] = [
  {
    name: '古雷港经济开发区',
    nameEn: 'Gulei Port Economic Development Zone',
    aliases: ['古雷开发区', '古雷港开发区', '古雷石化基地', '古雷'],
    kind: 'zone',
    sort: 10,
  },
  { name: '漳州市', nameEn: 'Zhangzhou City', aliases: ['全市', '漳州', '漳州全市'], kind: 'city', sort: 20 },
  { name: '芗城区', nameEn: 'Xiangcheng District', aliases: ['芗城'], kind: 'peer', sort: 30 },
  { name: '龙文区', nameEn: 'Longwen District', aliases: ['龙文'], kind: 'peer', sort: 40 },
  { name: '龙海区', nameEn: 'Longhai District', aliases: ['龙海', '龙海市'], kind: 'peer', sort: 50 },
  { name: '长泰区', nameEn: 'Changtai District', aliases: ['长泰', '长泰县'], kind: 'peer', sort: 60 },
  { name: '漳浦县', nameEn: 'Zhangpu County', aliases: ['漳浦'], kind: 'peer', sort: 70 },
  { name: '云霄县', nameEn: 'Yunxiao County', aliases: ['云霄'], kind: 'peer', sort: 80 },
  { name: '东山县', nameEn: 'Dongshan County', aliases: ['东山'], kind: 'peer', sort: 90 },
];
const CITY = '漳州市';
/** The regions whose figures are generated, in the order of the profiles' arrays; the city's other counties come last. */
const LISTED = DEMO_ECONOMY_REGIONS.filter((r) => r.kind !== 'city').map((r) => r.name);

// Seasonal profiles: the share of a year's total in each month (or quarter); normalised when used.
const EVEN = [0.075, 0.065, 0.085, 0.082, 0.085, 0.087, 0.082, 0.083, 0.086, 0.088, 0.088, 0.094];
const INVEST = [0.06, 0.06, 0.085, 0.08, 0.085, 0.09, 0.08, 0.082, 0.09, 0.085, 0.088, 0.105];
const FISCAL = [0.13, 0.06, 0.085, 0.095, 0.08, 0.08, 0.085, 0.07, 0.075, 0.09, 0.07, 0.08];
const RETAIL = [0.095, 0.08, 0.08, 0.078, 0.083, 0.082, 0.078, 0.08, 0.082, 0.088, 0.085, 0.089];
const GDP_QUARTERS = [0.23, 0.25, 0.25, 0.27];
const INCOME_QUARTERS = [0.31, 0.21, 0.22, 0.26];

type Three = [number, number, number];

interface Profile {
  code: string;
  /** The demo unit (demo-data.ts key) that leads it; its head owns it ('statistics': the statistician). */
  lead: string;
  decimals: number;
  /** 2023 annual level: zone, the seven peers, the rest of the city. */
  base: number[];
  /** The peers' typical growth (percent, nominal); each peer draws around it by ± spread, each year by ± yearly. */
  typical: number;
  spread: number;
  yearly: number;
  /** The zone's growth in 2024, 2025, 2026 (nominal); drawn by ± yearly / 2 around it. */
  zone: Three;
  season: number[];
  /** Relative noise of one month's (quarter's) value. */
  noise: number;
  /** Price rise taken off nominal growth where the official growth is at comparable prices, per year. */
  deflator?: Three;
  /** Per-capita indicator: rural population (10,000) per region, the weights of the city's mean. */
  population?: number[];
  /** The zone's annual targets for the last two years: growth in percent, or a value = last year × (1 + rate), rounded to `step`. */
  target: { kind: 'growth'; values: [number, number] } | { kind: 'value'; rates: [number, number]; step: number };
}

const PROFILES: Profile[] = [
  {
    code: 'gdp',
    lead: 'statistics',
    decimals: 2,
    base: [320, 760, 420, 1250, 420, 780, 330, 330, 1150],
    typical: 6.5,
    spread: 1.5,
    yearly: 1,
    zone: [12.5, 14, 15.5],
    season: GDP_QUARTERS,
    noise: 0.015,
    deflator: [1.2, 0.8, 1.0],
    target: { kind: 'growth', values: [11, 12] },
  },
  {
    code: 'industrialOutput',
    lead: 'economy',
    decimals: 2,
    base: [1100, 330, 520, 2050, 880, 620, 240, 290, 1500],
    typical: 7,
    spread: 3,
    yearly: 2,
    zone: [18, 21, 22],
    season: EVEN,
    noise: 0.04,
    target: { kind: 'value', rates: [16, 16], step: 50 },
  },
  {
    code: 'industrialValueAdded',
    lead: 'statistics',
    decimals: 2,
    base: [240, 86, 135, 530, 230, 160, 62, 75, 390],
    typical: 7,
    spread: 2.5,
    yearly: 1.5,
    zone: [15, 17, 18],
    season: EVEN,
    noise: 0.04,
    deflator: [1.5, 1.0, 1.3],
    target: { kind: 'growth', values: [15, 16] },
  },
  {
    code: 'fixedAssetInvestment',
    lead: 'economy',
    decimals: 2,
    base: [420, 260, 220, 520, 300, 380, 170, 160, 600],
    typical: 4,
    spread: 5,
    yearly: 3,
    zone: [10, 12, 14],
    season: INVEST,
    noise: 0.05,
    target: { kind: 'value', rates: [10, 10], step: 5 },
  },
  {
    code: 'industrialInvestment',
    lead: 'economy',
    decimals: 2,
    base: [330, 40, 70, 210, 150, 140, 50, 45, 180],
    typical: 8,
    spread: 6,
    yearly: 4,
    zone: [15, 18, 20],
    season: INVEST,
    noise: 0.05,
    target: { kind: 'growth', values: [15, 16] },
  },
  {
    code: 'techUpgradeInvestment',
    lead: 'economy',
    decimals: 2,
    base: [60, 12, 25, 80, 55, 35, 15, 14, 60],
    typical: 10,
    spread: 7,
    yearly: 4,
    zone: [12, 10, 13],
    season: INVEST,
    noise: 0.06,
    target: { kind: 'growth', values: [10, 10] },
  },
  {
    code: 'budgetRevenue',
    lead: 'finance',
    decimals: 2,
    base: [28, 30, 18, 42, 20, 25, 9, 12, 34],
    typical: 4,
    spread: 3,
    yearly: 2,
    zone: [7, 7.5, 6.5],
    season: FISCAL,
    noise: 0.04,
    target: { kind: 'value', rates: [6, 6], step: 0.5 },
  },
  {
    code: 'retailSales',
    lead: 'economy',
    decimals: 2,
    base: [75, 420, 190, 330, 95, 210, 110, 120, 380],
    typical: 6,
    spread: 1.2,
    yearly: 0.8,
    zone: [5, 4.5, 3.5],
    season: RETAIL,
    noise: 0.02,
    target: { kind: 'growth', values: [8, 8] },
  },
  {
    code: 'foreignTrade',
    lead: 'promotion',
    decimals: 2,
    base: [420, 120, 90, 380, 110, 85, 35, 60, 200],
    typical: 4,
    spread: 6,
    yearly: 4,
    zone: [12, 15, 14],
    season: EVEN,
    noise: 0.06,
    target: { kind: 'growth', values: [10, 12] },
  },
  {
    code: 'foreignInvestment',
    lead: 'promotion',
    decimals: 0,
    base: [82000, 26000, 31000, 58000, 24000, 20000, 8000, 12000, 45000],
    typical: 5,
    spread: 10,
    yearly: 6,
    zone: [22, 10, -16],
    season: EVEN,
    noise: 0.12,
    target: { kind: 'value', rates: [10, 10], step: 1000 },
  },
  {
    code: 'constructionOutput',
    lead: 'construction',
    decimals: 2,
    base: [95, 260, 130, 310, 90, 150, 60, 55, 290],
    typical: 6,
    spread: 3,
    yearly: 2,
    zone: [9, 8, 8],
    season: INVEST,
    noise: 0.04,
    target: { kind: 'growth', values: [6, 6] },
  },
  {
    code: 'ruralIncome',
    lead: 'statistics',
    decimals: 0,
    base: [25800, 28600, 27900, 27300, 26400, 24600, 23500, 25900, 23000],
    typical: 6.5,
    spread: 0.5,
    yearly: 0.3,
    zone: [7.5, 7.6, 7.6],
    season: INCOME_QUARTERS,
    noise: 0.005,
    population: [6, 8, 4, 45, 15, 55, 30, 15, 120],
    target: { kind: 'growth', values: [7, 7] },
  },
  {
    code: 'industrialPower',
    lead: 'economy',
    decimals: 2,
    base: [62, 8, 14, 48, 22, 16, 6, 7, 40],
    typical: 5,
    spread: 3,
    yearly: 2,
    zone: [14, 17, 16],
    season: EVEN,
    noise: 0.03,
    target: { kind: 'growth', values: [12, 12] },
  },
  {
    code: 'taxRevenue',
    lead: 'finance',
    decimals: 2,
    base: [48, 38, 26, 62, 30, 33, 12, 16, 60],
    typical: 3.5,
    spread: 4,
    yearly: 3,
    zone: [9, 11, 12],
    season: EVEN,
    noise: 0.04,
    target: { kind: 'value', rates: [9, 10], step: 1 },
  },
];

export interface DemoFigure {
  code: string;
  region: string;
  period: string;
  value: number;
  growth: number;
  monthValue: number | null;
  monthGrowth: number | null;
  draft: boolean;
  /** When it was entered and, unless a draft, approved: after the statistics are out, in the month after the period. */
  enteredAt: Date;
  approvedAt: Date | null;
}

export interface DemoTarget {
  code: string;
  year: number;
  kind: TargetKind;
  value: number;
  setOn: string;
  note: string;
}

export interface DemoEconomy {
  regions: DemoRegion[];
  figures: DemoFigure[];
  targets: DemoTarget[];
  /** Indicator code → lead unit key (demo-data.ts). */
  leads: Record<string, string>;
}

const between = (rng: Rng, min: number, max: number) => min + rng() * (max - min);
const around = (rng: Rng, mid: number, spread: number) => mid + (rng() * 2 - 1) * spread;
const growthOf = (value: number, last: number) => round((value / last - 1) * 100, 1);

/** The figures, targets and lead units of the demo: the same on every call. */
export function buildDemoEconomy(): DemoEconomy {
  // The peers' general momentum, shared by all indicators (the rest of the city is close to typical).
  const momentum = mulberry32(0x5eed0e00);
  const bias = LISTED.map((_, r) => (r === 0 ? 0 : around(momentum, 0, 1.5)));
  bias.push(around(momentum, 0, 0.5));
  const figures: DemoFigure[] = [];
  const targets: DemoTarget[] = [];
  // One stream per indicator, so that adding one does not reshuffle the others.
  PROFILES.forEach((p, index) => {
    const rng = mulberry32(0x5eed0e01 + index);
    const { figures: f, targets: t } = buildIndicator(p, rng, bias);
    figures.push(...f);
    targets.push(...t);
  });
  return { regions: DEMO_ECONOMY_REGIONS, figures, targets, leads: Object.fromEntries(PROFILES.map((p) => [p.code, p.lead])) };
}

function buildIndicator(p: Profile, rng: Rng, bias: number[]): { figures: DemoFigure[]; targets: DemoTarget[] } {
  if (p.base.length !== LISTED.length + 1 || (p.population && p.population.length !== p.base.length)) throw new Error(`${p.code}: one base per region`);
  const steps = p.season.length;
  const monthly = steps === 12;
  const seasonSum = p.season.reduce((s, x) => s + x, 0);
  const years = LAST_YEAR - BASE_YEAR + 1;
  // cumulative[r][y][s], unrounded: r over LISTED and the rest of the city, y from BASE_YEAR.
  const cumulative = p.base.map((base, r) => {
    const mean = p.typical + (bias[r] ?? 0) + (r === LISTED.length ? 0 : around(rng, 0, p.spread));
    let annual = base * between(rng, 0.97, 1.03);
    const out: number[][] = [];
    for (let y = 0; y < years; y++) {
      if (y > 0) {
        const g = r === 0 ? around(rng, p.zone[y - 1] ?? p.zone[2], p.yearly / 2) : around(rng, mean, p.yearly);
        annual *= 1 + g / 100;
      }
      let sum = 0;
      out.push(p.season.map((w) => (sum += (annual * w * around(rng, 1, p.noise)) / seasonSum)));
    }
    return out;
  });
  // Reported values: the listed regions as rounded, the city as the sum (weighted mean) of all regions.
  const reported = new Map<string, number[][]>();
  LISTED.forEach((name, r) =>
    reported.set(
      name,
      cumulative[r]!.map((year) => year.map((v) => round(v, p.decimals))),
    ),
  );
  const population = p.population;
  const totalPopulation = population?.reduce((s, x) => s + x, 0) ?? 1;
  reported.set(
    CITY,
    cumulative[0]!.map((year, y) =>
      year.map((_, s) => {
        const total = cumulative.reduce((sum, c, r) => sum + c[y]![s]! * (population ? population[r]! : 1), 0);
        return round(total / totalPopulation, p.decimals);
      }),
    ),
  );
  // The deflator of each region and year (real growth only).
  const deflator = new Map<string, number[]>();
  for (const name of [...LISTED, CITY]) deflator.set(name, p.deflator ? p.deflator.map((d) => d + between(rng, 0, 0.5)) : [0, 0, 0]);

  const figures: DemoFigure[] = [];
  const drafts = DEMO_ECONOMY_DRAFT_CODES.includes(p.code);
  for (let y = 1; y < years; y++) {
    const year = BASE_YEAR + y;
    for (let s = 0; s < steps; s++) {
      const endMonth = monthly ? s + 1 : (s + 1) * 3;
      if (year * 12 + endMonth > LAST_YEAR * 12 + LAST_MONTH) break;
      const period = monthly ? `${year}-${String(endMonth).padStart(2, '0')}` : `${year}-Q${s + 1}`;
      const draft = drafts && period === DEMO_ECONOMY_LAST_MONTH;
      const released = Date.UTC(year, endMonth, 1); // the first of the next month
      for (const region of DEMO_ECONOMY_REGIONS) {
        const values = reported.get(region.name)!;
        const d = deflator.get(region.name)![y - 1]!;
        const value = values[y]![s]!;
        const growth = round(growthOf(value, values[y - 1]![s]!) - d, 1);
        let monthValue: number | null = null;
        let monthGrowth: number | null = null;
        if (monthly) {
          monthValue = s === 0 ? value : round(value - values[y]![s - 1]!, p.decimals);
          const lastMonth = s === 0 ? values[y - 1]![0]! : values[y - 1]![s]! - values[y - 1]![s - 1]!;
          monthGrowth = round(growthOf(monthValue, lastMonth) - d, 1);
        }
        // Entered in the second week of the next month, approved a few days later; the drafts wait.
        const enteredAt = new Date(released + (9 + (s % 3)) * 86_400_000 + (1 + (figures.length % 7)) * 3_600_000);
        figures.push({
          code: p.code,
          region: region.name,
          period,
          value,
          growth,
          monthValue,
          monthGrowth,
          draft,
          enteredAt,
          approvedAt: draft ? null : new Date(released + 14 * 86_400_000 + 2 * 3_600_000),
        });
      }
    }
  }

  // The zone's targets, set in February: growth as planned, or a value from last year's full-year figure.
  const zone = reported.get(LISTED[0]!)!;
  const targets = TARGET_YEARS.map((year, i): DemoTarget => {
    const setOn = `${year}-02-${String(16 + i * 3).padStart(2, '0')}`;
    const note = `${year}年党工委经济工作会议确定的年度预期目标`;
    if (p.target.kind === 'growth') return { code: p.code, year, kind: 'growth', value: p.target.values[i]!, setOn, note };
    const lastYear = zone[year - 1 - BASE_YEAR]!;
    const value = Math.round((lastYear[steps - 1]! * (1 + p.target.rates[i]! / 100)) / p.target.step) * p.target.step;
    return { code: p.code, year, kind: 'value', value: round(value, p.decimals), setOn, note };
  });
  return { figures, targets };
}

export interface DemoEconomySeedResult {
  regions: number;
  figures: number;
  drafts: number;
  targets: number;
}

const CHUNK = 1000;
const fixed = (x: number, decimals: number) => x.toFixed(decimals);

/**
 * Loads the demo figures once, after the demo zone: regions, lead units and owners of the catalogue's indicators,
 * figures and targets, in one transaction. Does nothing (null) when regions exist or the demo zone is not loaded.
 */
export async function seedDemoEconomy(deps: Deps): Promise<DemoEconomySeedResult | null> {
  const db = deps.db;
  const [existing] = await db.select({ id: economyRegions.id }).from(economyRegions).limit(1);
  if (existing) return null;
  const zone = buildDemoZone();
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units);
  const unitByCode = new Map(unitRows.map((u) => [u.code, u.id]));
  const unitIds = new Map(zone.units.flatMap((u) => (unitByCode.has(u.code) ? [[u.key, unitByCode.get(u.code)!] as const] : [])));
  if (!unitIds.has('admin')) return null;
  const people = await db
    .select({ id: users.id, username: users.username, unitId: users.unitId, role: roles.code })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId));
  people.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  const statistician = (people.find((u) => u.username === 'statistician') ?? people.find((u) => u.role === 'statistician'))?.id ?? null;
  const ownerOf = (unitKey: string): string | null => {
    const head = people.find((u) => u.role === 'deptAdmin' && u.unitId === unitIds.get(unitKey))?.id ?? null;
    return unitKey === 'statistics' ? (statistician ?? head) : head;
  };
  const indicatorRows = await db.select({ id: economyIndicators.id, code: economyIndicators.code, active: economyIndicators.active }).from(economyIndicators);
  const indicators = new Map(indicatorRows.map((i) => [i.code, i]));
  const data = buildDemoEconomy();
  const decimals = new Map(PROFILES.map((p) => [p.code, p.decimals]));
  const owners = new Map(Object.entries(data.leads).map(([code, key]) => [code, ownerOf(key)]));

  let result: DemoEconomySeedResult = { regions: 0, figures: 0, drafts: 0, targets: 0 };
  await db.transaction(async (tx: Tx) => {
    const regionRows = await tx
      .insert(economyRegions)
      .values(data.regions.map((r) => ({ name: r.name, nameEn: r.nameEn, aliases: r.aliases, kind: r.kind, sort: r.sort })))
      .returning({ id: economyRegions.id, name: economyRegions.name });
    const regionIds = new Map(regionRows.map((r) => [r.name, r.id]));
    for (const [code, key] of Object.entries(data.leads)) {
      const indicator = indicators.get(code);
      if (!indicator) continue;
      await tx
        .update(economyIndicators)
        .set({ leadUnitId: unitIds.get(key) ?? null, ownerUserId: owners.get(code) ?? null })
        .where(eq(economyIndicators.id, indicator.id));
    }
    const rows = data.figures.flatMap((f) => {
      const indicator = indicators.get(f.code);
      if (!indicator?.active) return [];
      const d = decimals.get(f.code) ?? 2;
      return [
        {
          indicatorId: indicator.id,
          regionId: regionIds.get(f.region)!,
          period: f.period,
          periodOrdinal: periodOrdinal(f.period),
          value: fixed(f.value, d),
          growth: fixed(f.growth, 1),
          monthValue: f.monthValue === null ? null : fixed(f.monthValue, d),
          monthGrowth: f.monthGrowth === null ? null : fixed(f.monthGrowth, 1),
          status: f.draft ? 'draft' : 'approved',
          createdAt: f.enteredAt,
          updatedAt: f.approvedAt ?? f.enteredAt,
          updatedBy: owners.get(f.code) ?? statistician,
          approvedAt: f.approvedAt,
          approvedBy: f.approvedAt ? statistician : null,
        },
      ];
    });
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(economyFigures).values(rows.slice(i, i + CHUNK));
    const targetRows = data.targets.flatMap((t) => {
      const indicator = indicators.get(t.code);
      if (!indicator) return [];
      const at = new Date(`${t.setOn}T02:00:00.000Z`);
      return [
        {
          indicatorId: indicator.id,
          year: t.year,
          kind: t.kind,
          value: fixed(t.value, 4),
          setOn: t.setOn,
          note: t.note,
          createdAt: at,
          updatedAt: at,
          createdBy: statistician,
        },
      ];
    });
    if (targetRows.length) await tx.insert(economyTargets).values(targetRows);
    result = { regions: regionRows.length, figures: rows.length, drafts: rows.filter((r) => r.status === 'draft').length, targets: targetRows.length };
  });
  return result;
}
