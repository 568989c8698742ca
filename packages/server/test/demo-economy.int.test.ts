// The demo figures of economic performance on a migrated database with the demo zone: every region and period of
// every active indicator, loaded once, statistically consistent (cumulative values rise within a year, the city is
// more than its listed districts, growth agrees with last year's same period), drafts only where the approval flow
// needs them, and a zone whose ranks, shares and alerts give the bulletin something to say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  periodOrdinal,
  periodsBetween,
  rankRegions,
  round,
  shareOfCity,
  targetCompletion,
  thresholdStatus,
  type IndicatorFrequency,
  type IndicatorValueKind,
} from '@zoneops/shared';
import { queryRows } from '../src/platform/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { DEMO_ECONOMY_DRAFT_CODES, DEMO_ECONOMY_LAST_MONTH, seedDemoEconomy, type DemoEconomySeedResult } from '../src/db/seed/demo-economy.ts';
import { createEnv, engines, PASSWORD, type TestEnv } from './harness.ts';

interface Indicator {
  id: string;
  code: string;
  frequency: IndicatorFrequency;
  valueKind: IndicatorValueKind;
  growthKind: 'real' | 'nominal';
  rankBy: 'growth' | 'value';
  unit: string;
  alertLevel: number | null;
  excellentLevel: number | null;
  active: boolean;
  leadUnit: string | null;
  owner: string | null;
}
interface Figure {
  code: string;
  region: string;
  kind: string;
  period: string;
  ordinal: number;
  value: number;
  growth: number;
  monthValue: number | null;
  monthGrowth: number | null;
  status: string;
  approvedAt: Date | string | null;
  approvedBy: string | null;
}

const ZONE = '古雷港经济开发区';
const CITY = '漳州市';
/** Per-capita indicators: the city's figure is a mean, not a sum. */
const PER_CAPITA = ['ruralIncome'];

for (const engine of engines()) {
  describe(`demo economy on ${engine}`, () => {
    let env: TestEnv;
    let seeded: DemoEconomySeedResult | null;
    let deps: Deps;
    let indicators: Indicator[];
    let figures: Figure[];
    const byKey = new Map<string, Figure>();
    const key = (code: string, region: string, period: string) => `${code}|${region}|${period}`;
    const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number | string }>(env.database.db, query))[0]!.n);

    beforeAll(async () => {
      env = await createEnv(engine);
      await seedDemo(env.database.db, PASSWORD);
      deps = (await env.start()).deps;
      seeded = await seedDemoEconomy(deps);
      indicators = await queryRows<Indicator>(
        env.database.db,
        sql`select i.id, i.code, i.frequency, i.value_kind as "valueKind", i.growth_kind as "growthKind", i.rank_by as "rankBy", i.unit,
                   i.alert_level::float8 as "alertLevel", i.excellent_level::float8 as "excellentLevel", i.active,
                   u.code as "leadUnit", us.username as owner
            from economy_indicators i left join units u on u.id = i.lead_unit_id left join users us on us.id = i.owner_user_id
            order by i.sort`,
      );
      figures = await queryRows<Figure>(
        env.database.db,
        sql`select i.code, r.name as region, r.kind, f.period, f.period_ordinal as ordinal, f.value::float8 as value, f.growth::float8 as growth,
                   f.month_value::float8 as "monthValue", f.month_growth::float8 as "monthGrowth", f.status, f.approved_at as "approvedAt",
                   ap.username as "approvedBy"
            from economy_figures f join economy_indicators i on i.id = f.indicator_id join economy_regions r on r.id = f.region_id
            left join users ap on ap.id = f.approved_by
            order by i.code, r.name, f.period_ordinal`,
      );
      for (const f of figures) byKey.set(key(f.code, f.region, f.period), f);
    });
    afterAll(() => env?.close());

    const regions = () => [...new Set(figures.map((f) => f.region))];
    const seriesOf = (code: string, region: string) => figures.filter((f) => f.code === code && f.region === region);

    it('loads the zone, its city and seven peers with every period of every active indicator, once', async () => {
      expect(seeded).not.toBeNull();
      const regionRows = await queryRows<{ name: string; kind: string; aliases: string[] }>(
        env.database.db,
        sql`select name, kind, aliases from economy_regions order by sort`,
      );
      expect(regionRows.map((r) => r.kind)).toEqual(['zone', 'city', 'peer', 'peer', 'peer', 'peer', 'peer', 'peer', 'peer']);
      expect(regionRows[0]!.name).toBe(ZONE);
      expect(regionRows[1]!.name).toBe(CITY);
      for (const r of regionRows) expect(r.aliases.length, r.name).toBeGreaterThan(0);

      const active = indicators.filter((i) => i.active);
      expect(active.length).toBeGreaterThanOrEqual(14);
      let expected = 0;
      for (const i of active) {
        const periods = periodsBetween(i.frequency, '2024-01', DEMO_ECONOMY_LAST_MONTH);
        expect(periods.length, i.code).toBe(i.frequency === 'month' ? 34 : 11);
        for (const r of regionRows) {
          for (const p of periods) {
            const f = byKey.get(key(i.code, r.name, p));
            expect(f, `${i.code} ${r.name} ${p}`).toBeDefined();
            expect(f!.ordinal).toBe(periodOrdinal(p));
          }
        }
        expected += periods.length * regionRows.length;
      }
      expect(figures).toHaveLength(expected);
      expect(seeded).toEqual({ regions: 9, figures: expected, drafts: seeded!.drafts, targets: active.length * 2 });

      expect(await seedDemoEconomy(deps)).toBeNull();
      expect(await count(sql`select count(*) n from economy_figures`)).toBe(expected);
      expect(await count(sql`select count(*) n from economy_regions`)).toBe(9);
      expect(await count(sql`select count(*) n from economy_targets`)).toBe(active.length * 2);
    });

    it('keeps cumulative values rising month by month within a year, restarting in January', () => {
      let checked = 0;
      for (const i of indicators.filter((x) => x.valueKind === 'cumulative')) {
        for (const region of regions()) {
          const series = seriesOf(i.code, region);
          for (let k = 1; k < series.length; k++) {
            const [before, now] = [series[k - 1]!, series[k]!];
            const sameYear = before.period.slice(0, 4) === now.period.slice(0, 4);
            if (sameYear) expect(now.value, `${i.code} ${region} ${now.period}`).toBeGreaterThanOrEqual(before.value);
            else expect(now.value, `${i.code} ${region} ${now.period} restarts`).toBeLessThan(before.value);
            checked++;
          }
          // The month value of a monthly indicator is the difference of the cumulative values.
          if (i.frequency === 'month') {
            for (let k = 0; k < series.length; k++) {
              const now = series[k]!;
              const previous = now.period.endsWith('-01') ? 0 : series[k - 1]!.value;
              expect(now.monthValue, `${i.code} ${region} ${now.period}`).toBeCloseTo(now.value - previous, 4);
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(3000);
    });

    it('makes the city larger than the sum of its listed districts (the mean for per-capita figures)', () => {
      const listed = regions().filter((r) => r !== CITY);
      expect(listed).toHaveLength(8);
      for (const i of indicators) {
        for (const city of seriesOf(i.code, CITY)) {
          const values = listed.map((r) => byKey.get(key(i.code, r, city.period))!.value);
          const sum = values.reduce((s, v) => s + v, 0);
          if (PER_CAPITA.includes(i.code)) {
            expect(city.value, `${i.code} ${city.period}`).toBeGreaterThan(Math.min(...values) * 0.8);
            expect(city.value, `${i.code} ${city.period}`).toBeLessThan(Math.max(...values));
          } else {
            expect(city.value, `${i.code} ${city.period}`).toBeGreaterThan(sum * 1.1);
            expect(city.value, `${i.code} ${city.period}`).toBeLessThan(sum * 1.5);
          }
        }
      }
    });

    it('reports growth between −100 and 100 %, agreeing with the same period of last year (real: a little below)', () => {
      let compared = 0;
      for (const f of figures) {
        for (const g of [f.growth, f.monthGrowth]) {
          if (g === null) continue;
          expect(g, `${f.code} ${f.region} ${f.period}`).toBeGreaterThan(-100);
          expect(g, `${f.code} ${f.region} ${f.period}`).toBeLessThan(100);
          expect(round(g, 1)).toBe(g);
        }
        const last = byKey.get(key(f.code, f.region, `${Number(f.period.slice(0, 4)) - 1}${f.period.slice(4)}`));
        if (!last) continue;
        const nominal = round((f.value / last.value - 1) * 100, 1);
        const kind = indicators.find((i) => i.code === f.code)!.growthKind;
        if (kind === 'nominal') expect(f.growth, `${f.code} ${f.region} ${f.period}`).toBeCloseTo(nominal, 1);
        else {
          expect(f.growth, `${f.code} ${f.region} ${f.period}`).toBeLessThan(nominal);
          expect(f.growth, `${f.code} ${f.region} ${f.period}`).toBeGreaterThan(nominal - 3);
        }
        compared++;
      }
      expect(compared).toBeGreaterThan(2000);
    });

    it(`leaves only the ${DEMO_ECONOMY_LAST_MONTH} figures of 税收 and 工业用电量 as drafts; the others approved by the statistician`, () => {
      const drafts = figures.filter((f) => f.status === 'draft');
      expect(drafts).toHaveLength(DEMO_ECONOMY_DRAFT_CODES.length * 9);
      expect(seeded!.drafts).toBe(drafts.length);
      expect(new Set(drafts.map((f) => f.period))).toEqual(new Set([DEMO_ECONOMY_LAST_MONTH]));
      expect(new Set(drafts.map((f) => f.code))).toEqual(new Set(['taxRevenue', 'industrialPower']));
      for (const f of drafts) expect(f.approvedAt).toBeNull();
      for (const f of figures.filter((x) => x.status !== 'draft')) {
        expect(f.status).toBe('approved');
        expect(f.approvedAt, `${f.code} ${f.period}`).not.toBeNull();
        expect(f.approvedBy).toBe('statistician');
      }
    });

    it('gives every indicator a lead unit and an owner (GDP: the statistics bureau and the statistician)', () => {
      for (const i of indicators) {
        expect(i.leadUnit, i.code).not.toBeNull();
        expect(i.owner, i.code).not.toBeNull();
      }
      const byCode = new Map(indicators.map((i) => [i.code, i]));
      expect(byCode.get('gdp')).toMatchObject({ leadUnit: 'GL-STA', owner: 'statistician' });
      expect(byCode.get('fixedAssetInvestment')?.leadUnit).toBe('GL-ECO');
      expect(byCode.get('budgetRevenue')?.leadUnit).toBe('GL-FIN');
      expect(byCode.get('taxRevenue')?.leadUnit).toBe('GL-FIN');
      expect(byCode.get('foreignInvestment')?.leadUnit).toBe('GL-PRO');
      expect(byCode.get('constructionOutput')).toMatchObject({ leadUnit: 'GL-CON', owner: 'construction' });
    });

    it('sets the 2025 and 2026 targets in February of their year', async () => {
      const targets = await queryRows<{ code: string; year: number; kind: string; value: number; setOn: string }>(
        env.database.db,
        sql`select i.code, t.year, t.kind, t.value::float8 as value, t.set_on::text as "setOn" from economy_targets t join economy_indicators i on i.id = t.indicator_id`,
      );
      for (const t of targets) {
        expect([2025, 2026]).toContain(t.year);
        expect(t.setOn.slice(0, 7)).toBe(`${t.year}-02`);
        expect(t.value).toBeGreaterThan(0);
      }
      expect(targets.find((t) => t.code === 'gdp' && t.year === 2026)).toMatchObject({ kind: 'growth' });
      expect(targets.find((t) => t.code === 'fixedAssetInvestment' && t.year === 2026)).toMatchObject({ kind: 'value' });
    });

    it('gives the bulletin a story: the zone first or second on several indicators, plausible shares, something in alert or below target', async () => {
      const targets = await queryRows<{ code: string; kind: 'value' | 'growth'; value: number }>(
        env.database.db,
        sql`select i.code, t.kind, t.value::float8 as value from economy_targets t join economy_indicators i on i.id = t.indicator_id where t.year = 2026`,
      );
      let topTwo = 0;
      let troubled = 0;
      const shares = new Map<string, number>();
      for (const i of indicators) {
        const period = i.frequency === 'month' ? DEMO_ECONOMY_LAST_MONTH : '2026-Q3';
        const ranked = regions()
          .filter((r) => r !== CITY)
          .map((r) => byKey.get(key(i.code, r, period))!)
          .filter((f) => f.status === 'approved');
        if (!ranked.length) continue;
        const zone = ranked.find((f) => f.region === ZONE)!;
        const rank = rankRegions(
          ranked.map((f) => ({ regionId: f.region, key: i.rankBy === 'growth' ? f.growth : f.value })),
          true,
        ).find((r) => r.regionId === ZONE)!;
        if (rank.rank! <= 2) topTwo++;
        const target = targets.find((t) => t.code === i.code) ?? null;
        const completion = targetCompletion(target, zone, period, i.valueKind);
        const alert = thresholdStatus(zone.growth, { alertLevel: i.alertLevel, excellentLevel: i.excellentLevel, higherIsBetter: true }) === 'alert';
        if (alert || completion?.met === false) troubled++;
        shares.set(i.code, shareOfCity(zone.value, byKey.get(key(i.code, CITY, period))!.value)!);
      }
      expect(topTwo).toBeGreaterThanOrEqual(4);
      expect(troubled).toBeGreaterThanOrEqual(1);
      expect(troubled).toBeLessThanOrEqual(3);
      expect(shares.get('industrialOutput')).toBeGreaterThanOrEqual(15);
      expect(shares.get('industrialOutput')).toBeLessThanOrEqual(25);
      expect(shares.get('retailSales')).toBeGreaterThanOrEqual(3);
      expect(shares.get('retailSales')).toBeLessThanOrEqual(6);
    });
  });
}
