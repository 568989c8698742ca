// Bulk data of the economic-performance benchmark (issue 5): the demo zone (units, users: the statistician, staff),
// 30 active indicators (the seeded catalogue topped up with bench indicators: monthly and quarterly, cumulative and
// point values, real and nominal growth, one lower-is-better, some ranked by value), 20 regions (the zone, the city
// and 18 peers), approved figures for every indicator, region and period of 120 months (2017-01 … 2026-12; quarterly
// indicators 40 quarters) and a target for every indicator and year; then VACUUM ANALYZE. Used by bench/economy.ts.
//
// The figures are generated here (deterministic: mulberry32) and inserted in period order, as an office enters them
// month after month, with one text[] per column (`insert … select … from unnest(…)`), 20,000 rows a statement, as
// bench/projects-data.ts does.
import { sql } from 'drizzle-orm';
import { periodOrdinal, round } from '@zoneops/shared';
import { queryRows, type Db } from '../packages/server/src/platform/database.ts';
import { isDemoSeeded, seedDemo } from '../packages/server/src/db/seed/index.ts';
import { mulberry32, type Rng } from '../packages/server/src/db/seed/demo-data.ts';

export const ECONOMY_FIRST_YEAR = 2017;
export const ECONOMY_YEARS = 10;
const INDICATORS = 30;
const PEERS = 18;

export interface EconomyBenchOptions {
  /** Password of every demo account; they are made ready to sign in (no forced change). */
  password?: string;
  /** Rows per INSERT statement (default 20,000). */
  chunkRows?: number;
}

export interface EconomyBenchData {
  indicators: number;
  monthly: number;
  quarterly: number;
  regions: number;
  figures: number;
  targets: number;
  /** The statistician (role statistician, data scope all) and a staff member (unit scope) with the indicators they see. */
  logins: { statistician: string; staff: string; staffIndicators: number };
  ms: { zone: number; generate: number; insert: number; analyze: number; total: number };
}

interface BenchIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  frequency: 'month' | 'quarter';
  valueKind: 'cumulative' | 'point';
  growthKind: 'real' | 'nominal';
  higherIsBetter: boolean;
  rankBy: 'growth' | 'value';
  leading?: boolean;
}

const YI = { unit: '亿元', unitEn: '100 million yuan' };
const m = { frequency: 'month', valueKind: 'cumulative', growthKind: 'nominal', higherIsBetter: true, rankBy: 'growth' } as const;
const q = { ...m, frequency: 'quarter' } as const;
/** Added to the seeded catalogue until there are 30 active indicators. */
const EXTRA: BenchIndicator[] = [
  { ...m, code: 'benchIndustrialRevenue', nameZh: '规模以上工业营业收入', nameEn: 'Industrial revenue above designated size', ...YI },
  { ...m, code: 'benchIndustrialProfit', nameZh: '规模以上工业利润总额', nameEn: 'Industrial profit above designated size', ...YI },
  { ...m, code: 'benchWholesale', nameZh: '限额以上批发零售业销售额', nameEn: 'Wholesale and retail sales above quota', ...YI },
  { ...m, code: 'benchExports', nameZh: '出口总额', nameEn: 'Exports', ...YI },
  { ...m, code: 'benchImports', nameZh: '进口总额', nameEn: 'Imports', ...YI },
  { ...m, code: 'benchRealEstate', nameZh: '房地产开发投资', nameEn: 'Real-estate development investment', ...YI },
  { ...m, code: 'benchInfrastructure', nameZh: '基础设施投资', nameEn: 'Infrastructure investment', ...YI },
  { ...m, code: 'benchPower', nameZh: '全社会用电量', nameEn: 'Electricity consumption', unit: '亿千瓦时', unitEn: '100 million kWh', leading: true },
  {
    ...m,
    code: 'benchEnergy',
    nameZh: '规模以上工业综合能源消费量',
    nameEn: 'Industrial energy consumption',
    unit: '万吨标准煤',
    unitEn: '10,000 t of coal equivalent',
    higherIsBetter: false,
  },
  { ...m, code: 'benchPort', nameZh: '港口货物吞吐量', nameEn: 'Port cargo throughput', unit: '万吨', unitEn: '10,000 t', growthKind: 'real' },
  { ...m, code: 'benchDeposits', nameZh: '金融机构人民币存款余额', nameEn: 'RMB deposits of financial institutions', ...YI, valueKind: 'point' },
  { ...m, code: 'benchLoans', nameZh: '金融机构人民币贷款余额', nameEn: 'RMB loans of financial institutions', ...YI, valueKind: 'point' },
  { ...q, code: 'benchSecondary', nameZh: '第二产业增加值', nameEn: 'Value added of the secondary industry', ...YI, growthKind: 'real' },
  { ...q, code: 'benchTertiary', nameZh: '第三产业增加值', nameEn: 'Value added of the tertiary industry', ...YI, growthKind: 'real' },
  {
    ...q,
    code: 'benchUrbanIncome',
    nameZh: '城镇居民人均可支配收入',
    nameEn: 'Per capita disposable income of urban residents',
    unit: '元',
    unitEn: 'yuan',
    rankBy: 'value',
  },
  { ...q, code: 'benchServices', nameZh: '规模以上服务业营业收入', nameEn: 'Services revenue above designated size', ...YI },
];

interface IndicatorRef {
  id: string;
  code: string;
  frequency: 'month' | 'quarter';
  valueKind: 'cumulative' | 'point';
  growthKind: 'real' | 'nominal';
  rankBy: 'growth' | 'value';
}

/** A text[] literal (node-postgres' own array serialisation is slow at this size). */
function textArray(cells: (string | null)[]): string {
  return `{${cells.map((c) => (c === null ? 'NULL' : `"${c.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** INSERT … SELECT … FROM unnest(one text[] per column), each cast to its type; `chunk` rows a statement. */
async function insertUnnest(db: Db, table: string, columns: [string, string][], rows: (string | null)[][], chunk: number): Promise<void> {
  const names = columns.map(([c]) => `"${c}"`).join(', ');
  const select = columns.map(([, type], j) => `c${j}::${type}`).join(', ');
  const alias = columns.map((_, j) => `c${j}`).join(', ');
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const arrays = columns.map((_, j) => sql`${textArray(part.map((r) => r[j] ?? null))}::text[]`);
    await db.execute(
      sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(select)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(alias)})`,
    );
  }
}

const around = (rng: Rng, mid: number, spread: number) => mid + (rng() * 2 - 1) * spread;

/** Expects a migrated database with the base seed (seedBase: the catalogue); loads the demo zone if it is not there yet. */
export async function loadEconomyBenchData(db: Db, opts: EconomyBenchOptions = {}): Promise<EconomyBenchData> {
  const password = opts.password ?? 'Bench#2026pw';
  const chunk = opts.chunkRows ?? 20_000;
  const t0 = performance.now();
  let last = t0;
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };

  if (!(await isDemoSeeded(db))) {
    await seedDemo(db, password);
    await db.execute(sql`update users set must_change_password = false, password_changed_at = now()`);
  }
  const [stat] = await queryRows<{ id: string; username: string; unitId: string; path: string }>(
    db,
    sql`select u.id, u.username, u.unit_id as "unitId", un.path from users u join units un on un.id = u.unit_id
        join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
        where r.code = 'statistician' order by u.username limit 1`,
  );
  if (!stat) throw new Error('no statistician in the demo zone');
  // A staff member (data scope: own unit) outside the statistics unit: sees the indicators their unit leads.
  const [staff] = await queryRows<{ id: string; username: string; unitId: string }>(
    db,
    sql`select u.id, u.username, u.unit_id as "unitId" from users u join units un on un.id = u.unit_id
        join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
        where r.code = 'staff' and u.unit_id <> ${stat.unitId} and ${stat.path} not like un.path || '%'
        order by u.username limit 1`,
  );
  if (!staff) throw new Error('no staff member outside the statistics unit');
  const zone = lap();

  // ---- indicators: the catalogue, topped up to 30; lead unit and owner: statistics, 4 led by the staff's unit ----
  const [{ n: seeded } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from economy_indicators where active`);
  const extra = EXTRA.slice(0, Math.max(0, INDICATORS - seeded));
  if (seeded + extra.length < INDICATORS) throw new Error(`only ${seeded + extra.length} indicators`);
  for (const [k, i] of extra.entries()) {
    await db.execute(sql`insert into economy_indicators (code, name_zh, name_en, unit, unit_en, frequency, value_kind, growth_kind,
        higher_is_better, rank_by, alert_level, excellent_level, source, "leading", sort)
      values (${i.code}, ${i.nameZh}, ${i.nameEn}, ${i.unit}, ${i.unitEn}, ${i.frequency}, ${i.valueKind}, ${i.growthKind},
        ${i.higherIsBetter}, ${i.rankBy}, 0, 10, '基准测试', ${i.leading ?? false}, ${200 + k * 10})
      on conflict (code) do nothing`);
  }
  await db.execute(sql`update economy_indicators set lead_unit_id = ${stat.unitId}, owner_user_id = ${stat.id}`);
  const staffCodes = ['benchExports', 'benchImports', 'benchPort', 'benchServices'].filter((c) => extra.some((e) => e.code === c));
  if (staffCodes.length)
    await db.execute(
      sql`update economy_indicators set lead_unit_id = ${staff.unitId}, owner_user_id = null where code = any(${sql.param(staffCodes)}::text[])`,
    );
  const indicators = await queryRows<IndicatorRef>(
    db,
    sql`select id, code, frequency, value_kind as "valueKind", growth_kind as "growthKind", rank_by as "rankBy"
        from economy_indicators where active order by sort, code`,
  );

  // ---- regions: zone, city, 18 peers ----
  const regionNames: [string, string, string][] = [
    ['基准开发区', 'Bench zone', 'zone'],
    ['基准市', 'Bench city', 'city'],
    ...Array.from({ length: PEERS }, (_, i): [string, string, string] => [`同行区县${String(i + 1).padStart(2, '0')}`, `Peer ${i + 1}`, 'peer']),
  ];
  const regions = await queryRows<{ id: string; kind: string }>(
    db,
    sql`insert into economy_regions (name, name_en, kind, sort, created_by)
        select n, e, k, s * 10, ${stat.id}::uuid from unnest(${sql.param(regionNames.map((r) => r[0]))}::text[], ${sql.param(regionNames.map((r) => r[1]))}::text[],
          ${sql.param(regionNames.map((r) => r[2]))}::text[]) with ordinality as t(n, e, k, s)
        returning id, kind`,
  );
  if (regions.length !== 20) throw new Error(`${regions.length} regions`);

  // ---- figures and targets ----
  const rng = mulberry32(0x5eed0e55);
  const figureRows: (string | null)[][] = [];
  const targetRows: (string | null)[][] = [];
  const fmt = (x: number, d: number) => x.toFixed(d);
  for (const ind of indicators) {
    const steps = ind.frequency === 'month' ? 12 : 4;
    const perCapita = ind.rankBy === 'value';
    const scale = perCapita ? 30_000 : 50 + rng() * 500;
    // Per region: the level of the year before the first (unrounded) and a growth path; the city is the sum of the
    // listed regions and a hidden rest (a mean for per-capita figures).
    const peers = regions.filter((r) => r.kind !== 'city');
    const paths = peers.map(() => {
      const mean = around(rng, 6, 4);
      let level = scale * (perCapita ? around(rng, 1, 0.15) : 0.3 + rng() * 2.5);
      const levels: number[] = [];
      for (let y = 0; y <= ECONOMY_YEARS; y++) {
        if (y > 0) level *= 1 + around(rng, mean, 3) / 100;
        levels.push(level);
      }
      return levels;
    });
    const rest = paths[0]!.map((_, y) => paths.reduce((s, p) => s + p[y]!, 0) * (perCapita ? 1 / paths.length : 0.25));
    // cumulative (or point) value per region index (peers…, city last), year (0 = the year before), step.
    const values = [...paths, rest].map((levels) =>
      levels.map((annual) => {
        let sum = 0;
        return Array.from({ length: steps }, (_, s) => {
          if (ind.valueKind === 'point') return annual * (1 + ((s + 1) / steps) * 0.05) * around(rng, 1, 0.01);
          return (sum += (annual / steps) * around(rng, 1, 0.05));
        });
      }),
    );
    const city = values
      .at(-1)!
      .map((year, y) =>
        year.map((_, s) => (perCapita ? values.reduce((acc, v) => acc + v[y]![s]!, 0) / values.length : values.reduce((acc, v) => acc + v[y]![s]!, 0))),
      );
    const byRegion = [...values.slice(0, -1), city];
    const regionOrder = [...peers, regions.find((r) => r.kind === 'city')!];
    const decimals = perCapita ? 0 : 2;
    regionOrder.forEach((region, r) => {
      const v = byRegion[r]!;
      for (let y = 1; y <= ECONOMY_YEARS; y++) {
        const year = ECONOMY_FIRST_YEAR + y - 1;
        for (let s = 0; s < steps; s++) {
          const endMonth = steps === 12 ? s + 1 : (s + 1) * 3;
          const period = steps === 12 ? `${year}-${String(endMonth).padStart(2, '0')}` : `${year}-Q${s + 1}`;
          const deflator = ind.growthKind === 'real' ? 1.2 : 0;
          const value = round(v[y]![s]!, decimals);
          const growth = round((v[y]![s]! / v[y - 1]![s]! - 1) * 100 - deflator, 1);
          let monthValue: string | null = null;
          let monthGrowth: string | null = null;
          if (steps === 12 && ind.valueKind === 'cumulative') {
            const mv = s === 0 ? v[y]![0]! : v[y]![s]! - v[y]![s - 1]!;
            const lv = s === 0 ? v[y - 1]![0]! : v[y - 1]![s]! - v[y - 1]![s - 1]!;
            monthValue = fmt(round(mv, decimals), decimals);
            monthGrowth = fmt(round((mv / lv - 1) * 100 - deflator, 1), 1);
          }
          const released = Date.UTC(year, endMonth, 10);
          const entered = new Date(released).toISOString();
          const approved = new Date(released + 4 * 86_400_000).toISOString();
          figureRows.push([
            ind.id,
            region.id,
            period,
            String(periodOrdinal(period)),
            fmt(value, decimals),
            fmt(growth, 1),
            monthValue,
            monthGrowth,
            'approved',
            entered,
            approved,
            stat.id,
            approved,
            stat.id,
          ]);
        }
      }
    });
    // Targets: growth for most; a value (last year's full figure × 1.08) for those ranked by value and point values.
    for (let y = 1; y <= ECONOMY_YEARS; y++) {
      const year = ECONOMY_FIRST_YEAR + y - 1;
      const valueTarget = ind.rankBy === 'value' || ind.valueKind === 'point';
      const zoneLast = byRegion[0]![y - 1]![steps - 1]!;
      targetRows.push([
        ind.id,
        String(year),
        valueTarget ? 'value' : 'growth',
        valueTarget ? fmt(round(zoneLast * 1.08, decimals), 4) : fmt(Math.round(around(rng, 8, 3)), 4),
        `${year}-02-16`,
        `${year}年度预期目标`,
        stat.id,
      ]);
    }
  }
  // In period order, as a statistics office enters them month after month (the rows of a month lie together).
  figureRows.sort((a, b) => Number(a[3]) - Number(b[3]));
  const generate = lap();

  await insertUnnest(
    db,
    'economy_figures',
    [
      ['indicator_id', 'uuid'],
      ['region_id', 'uuid'],
      ['period', 'text'],
      ['period_ordinal', 'int'],
      ['value', 'numeric'],
      ['growth', 'numeric'],
      ['month_value', 'numeric'],
      ['month_growth', 'numeric'],
      ['status', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
      ['updated_by', 'uuid'],
      ['approved_at', 'timestamptz'],
      ['approved_by', 'uuid'],
    ],
    figureRows,
    chunk,
  );
  await insertUnnest(
    db,
    'economy_targets',
    [
      ['indicator_id', 'uuid'],
      ['year', 'int'],
      ['kind', 'text'],
      ['value', 'numeric'],
      ['set_on', 'date'],
      ['note', 'text'],
      ['created_by', 'uuid'],
    ],
    targetRows,
    chunk,
  );
  const insert = lap();
  await db.execute(sql`vacuum analyze economy_indicators, economy_regions, economy_figures, economy_targets, users, units`);
  const analyze = lap();

  const result: EconomyBenchData = {
    indicators: indicators.length,
    monthly: indicators.filter((i) => i.frequency === 'month').length,
    quarterly: indicators.filter((i) => i.frequency === 'quarter').length,
    regions: regions.length,
    figures: figureRows.length,
    targets: targetRows.length,
    logins: { statistician: stat.username, staff: staff.username, staffIndicators: staffCodes.length },
    ms: { zone, generate, insert, analyze, total: Math.round(performance.now() - t0) },
  };
  console.error(
    `economy bench data: ${result.indicators} indicators (${result.monthly} monthly, ${result.quarterly} quarterly), ${result.regions} regions, ` +
      `${result.figures.toLocaleString('en')} figures, ${result.targets} targets in ${(result.ms.total / 1000).toFixed(1)} s ` +
      `(zone ${zone} ms, generate ${generate} ms, insert ${insert} ms, vacuum analyze ${analyze} ms)`,
  );
  return result;
}

/** The accounts of a loaded database (BENCH_DB reuse): the statistician, and the staff member whose unit leads bench indicators. */
export async function readEconomyBenchLogins(db: Db): Promise<{ statistician: string; staff: string; staffIndicators: number }> {
  const [row] = await queryRows<{ statistician: string; staff: string; staffIndicators: number }>(
    db,
    sql`select (select u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
                where r.code = 'statistician' order by u.username limit 1) as statistician,
               (select u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
                where r.code = 'staff' and u.unit_id = (select lead_unit_id from economy_indicators where code = 'benchExports')
                order by u.username limit 1) as staff,
               (select count(*)::int from economy_indicators where active and lead_unit_id = (select lead_unit_id from economy_indicators where code = 'benchExports'))
                 as "staffIndicators"`,
  );
  if (!row?.statistician || !row.staff) throw new Error('not an economy bench database');
  return row;
}
