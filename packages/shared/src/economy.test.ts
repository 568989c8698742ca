import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  baseValue,
  chineseOrdinalNumber,
  contributionTo,
  cumulativeDecrease,
  decimalsOf,
  fixed,
  growthPhrase,
  increaseOf,
  neighboursOf,
  parseFigureValue,
  parseGrowth,
  parsePeriodLabel,
  periodEndMonth,
  periodForMonth,
  periodLabel,
  periodOrdinal,
  periodProblem,
  periodsBetween,
  periodsOfYearTo,
  previousPeriodInYear,
  pullOnCity,
  pullPhrase,
  quarterLabel,
  rankRegions,
  type RankEntry,
  rankText,
  round,
  samePeriodLastYear,
  shareOfCity,
  sharePhrase,
  targetCompletion,
  targetGapPhrase,
  thresholdStatus,
  type Thresholds,
} from './economy.ts';

// Every expected number below is worked out by hand in the comment beside it, so that a reader can check the rule
// without trusting the code. Floating-point results are compared with toBeCloseTo at the precision that matters.

const fig = (value: number | null, growth: number | null) => ({ value, growth });
const entries = (pairs: Record<string, number | null>): RankEntry[] => Object.entries(pairs).map(([regionId, key]) => ({ regionId, key }));

// ---- numbers ---------------------------------------------------------------------------------------------------

describe('parseGrowth (percent, at most two decimals)', () => {
  it('reads numbers and text in percent', () => {
    expect(parseGrowth(18.1)).toEqual({ ok: true, value: 18.1 });
    expect(parseGrowth('18.1')).toEqual({ ok: true, value: 18.1 });
    expect(parseGrowth(' 18.1% ')).toEqual({ ok: true, value: 18.1 });
    expect(parseGrowth('18.1 ％')).toEqual({ ok: true, value: 18.1 });
    expect(parseGrowth('－3.2')).toEqual({ ok: true, value: -3.2 }); // full-width minus
    expect(parseGrowth('−3.2')).toEqual({ ok: true, value: -3.2 }); // U+2212 minus sign
    expect(parseGrowth('+5')).toEqual({ ok: true, value: 5 });
    expect(parseGrowth(0)).toEqual({ ok: true, value: 0 });
    expect(parseGrowth(-0.05)).toEqual({ ok: true, value: -0.05 }); // two decimals are allowed
  });

  it('refuses 0.181 as a ratio and says what to write instead', () => {
    const r = parseGrowth(0.181);
    expect(r.ok).toBe(false);
    // 0.181 × 100 = 18.1
    if (!r.ok) {
      expect(r.message).toMatch(/ratio/);
      expect(r.message).toContain('18.1');
    }
    const negative = parseGrowth('-0.032');
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.message).toMatch(/ratio.*-3\.2/);
  });

  it('refuses a percentage with three decimals without calling it a ratio', () => {
    const r = parseGrowth(18.123);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/two decimals/);
      expect(r.message).not.toMatch(/ratio/); // 18.123 is no ratio: "write 1812.3" would be wrong advice
    }
  });

  it('reads a percent-formatted spreadsheet cell: 0.181 there means 18.1 %', () => {
    // 0.181 × 100 = 18.099999999999998 in floating point, which must come back as exactly 18.1
    expect(parseGrowth(0.181, true)).toEqual({ ok: true, value: 18.1 });
    expect(parseGrowth(-0.032, true)).toEqual({ ok: true, value: -3.2 });
    // a percent sign in the text already says percent: no second × 100
    expect(parseGrowth('18.1%', true)).toEqual({ ok: true, value: 18.1 });
    // 0.18149 × 100 = 18.149 → rounded to the two stored decimals: 18.15
    expect(parseGrowth(0.18149, true)).toEqual({ ok: true, value: 18.15 });
  });

  it('refuses growth outside −100 … 10 000 %', () => {
    expect(parseGrowth(-100)).toEqual({ ok: true, value: -100 });
    expect(parseGrowth(10_000)).toEqual({ ok: true, value: 10_000 });
    for (const bad of [-100.5, 10_000.01, '20000']) {
      const r = parseGrowth(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/outside/);
    }
    // 150 in a percent cell = 15 000 %
    expect(parseGrowth(150, true).ok).toBe(false);
  });

  it('refuses empty input and garbage with a message', () => {
    for (const bad of [null, undefined, '', '   ', 'abc', '18.1.2', '1,234', '18..1', true, {}, Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = parseGrowth(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
    }
    const r = parseGrowth('abc');
    if (!r.ok) expect(r.message).toContain('"abc" is not a number');
  });
});

describe('parseFigureValue', () => {
  it('reads numbers, tolerating thousands separators, spaces, full-width digits and minus', () => {
    expect(parseFigureValue(1234.5)).toEqual({ ok: true, value: 1234.5 });
    expect(parseFigureValue('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseFigureValue('1，234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseFigureValue(' 1 234 567 ')).toEqual({ ok: true, value: 1234567 });
    expect(parseFigureValue('１２３４.５')).toEqual({ ok: true, value: 1234.5 });
    expect(parseFigureValue('１２３４．５')).toEqual({ ok: true, value: 1234.5 });
    // a formula's binary noise is not a fifth decimal: 0.1 + 0.2 = 0.30000000000000004 → 0.3
    expect(parseFigureValue(0.1 + 0.2)).toEqual({ ok: true, value: 0.3 });
    expect(parseGrowth('１８．１％')).toEqual({ ok: true, value: 18.1 });
    expect(parseFigureValue('－12.5')).toEqual({ ok: true, value: -12.5 });
    expect(parseFigureValue('0')).toEqual({ ok: true, value: 0 });
  });

  it('accepts four decimals and refuses more', () => {
    expect(parseFigureValue('1.2345')).toEqual({ ok: true, value: 1.2345 });
    const r = parseFigureValue('1.23456');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/four decimals/);
    expect(parseFigureValue(0.00001).ok).toBe(false); // String(0.00001) = "0.00001": five decimals
  });

  it('refuses empty, garbage and too large values', () => {
    for (const bad of [null, undefined, '', 'abc', '12a', '1.2.3', '18.1%', true]) expect(parseFigureValue(bad).ok, String(bad)).toBe(false);
    expect(parseFigureValue('99999999999999')).toEqual({ ok: true, value: 99_999_999_999_999 }); // 1e14 − 1
    const r = parseFigureValue('100000000000000'); // 1e14
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too large/);
  });
});

describe('decimalsOf, round, fixed', () => {
  it('counts decimals, also in exponent notation', () => {
    expect(decimalsOf(18)).toBe(0);
    expect(decimalsOf(18.1)).toBe(1);
    expect(decimalsOf(0.181)).toBe(3);
    expect(decimalsOf(1e-7)).toBe(7); // "1e-7"
    expect(decimalsOf(1.5e-7)).toBe(8); // "1.5e-7" = 0.00000015
    expect(decimalsOf(1e21)).toBe(0); // "1e+21"
    expect(decimalsOf(Number.NaN)).toBe(0);
  });

  it('rounds half away from zero, immune to binary representation', () => {
    expect(round(18.15, 1)).toBe(18.2); // 18.15 is stored as 18.1499999…: still 18.2
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(-18.15, 1)).toBe(-18.2);
    expect(round(18.14, 1)).toBe(18.1);
    expect(round(18.06, 1)).toBe(18.1);
    expect(round(2.345, 0)).toBe(2);
  });

  it('fixed keeps the decimals and never prints −0', () => {
    expect(fixed(2.3, 2)).toBe('2.30');
    expect(fixed(5, 1)).toBe('5.0');
    expect(fixed(-3.25, 1)).toBe('-3.3');
    expect(fixed(-0.04, 1)).toBe('0.0');
  });
});

// ---- periods ---------------------------------------------------------------------------------------------------

describe('periodProblem', () => {
  it('accepts the periods of the frequency', () => {
    expect(periodProblem('month', '2026-01')).toBeNull();
    expect(periodProblem('month', '2026-12')).toBeNull();
    expect(periodProblem('quarter', '2026-Q1')).toBeNull();
    expect(periodProblem('quarter', '2026-Q4')).toBeNull();
  });

  it('explains what is wrong for a monthly indicator', () => {
    expect(periodProblem('month', '2026-Q3')).toBe('a monthly indicator takes months (YYYY-MM), not 2026-Q3');
    expect(periodProblem('month', '2026-13')).toBe('"2026-13" is not a month (YYYY-MM)');
    expect(periodProblem('month', '2026-1')).toMatch(/not a month/);
  });

  it('explains what is wrong for a quarterly indicator', () => {
    // June ends the second quarter: the message names the quarter and its label
    expect(periodProblem('quarter', '2026-06')).toBe('a quarterly indicator takes quarters: 2026-Q2 (上半年), not 2026-06');
    expect(periodProblem('quarter', '2026-09')).toContain('2026-Q3 (前三季度)');
    // May ends no quarter: there is no quarterly figure for 1–5 月 at all
    expect(periodProblem('quarter', '2026-05')).toBe('a quarterly indicator has no figure for 1–5 月; its periods are 2026-Q1 … 2026-Q4');
    expect(periodProblem('quarter', '2026-Q5')).toBe('"2026-Q5" is not a quarter (YYYY-Qn)');
    expect(periodProblem('quarter', 'garbage')).toMatch(/not a quarter/);
  });
});

describe('periodEndMonth, periodOrdinal, samePeriodLastYear, quarterLabel', () => {
  it('knows the last month a period covers', () => {
    expect(periodEndMonth('2026-10')).toEqual({ year: 2026, month: 10 });
    expect(periodEndMonth('2026-Q3')).toEqual({ year: 2026, month: 9 });
    expect(() => periodEndMonth('2026')).toThrow(/not a period/);
  });

  it('orders periods by year × 12 + last month', () => {
    expect(periodOrdinal('2026-10')).toBe(2026 * 12 + 10); // 24 322
    expect(periodOrdinal('2026-Q3')).toBe(periodOrdinal('2026-09')); // a quarter sorts with its last month
    expect(periodOrdinal('2025-12')).toBeLessThan(periodOrdinal('2026-01'));
  });

  it('finds the same period a year earlier', () => {
    expect(samePeriodLastYear('2026-10')).toBe('2025-10');
    expect(samePeriodLastYear('2026-Q3')).toBe('2025-Q3');
  });

  it('names the quarters as the statistics bureau does', () => {
    expect([1, 2, 3, 4].map(quarterLabel)).toEqual(['一季度', '上半年', '前三季度', '全年']);
  });
});

describe('periodLabel', () => {
  it('says what a period covers in Chinese', () => {
    expect(periodLabel('2026-10')).toBe('1-10月');
    expect(periodLabel('2026-01')).toBe('1月'); // not "1-1月"
    expect(periodLabel('2026-10', 'point')).toBe('10月');
    expect(periodLabel('2026-Q1')).toBe('一季度');
    expect(periodLabel('2026-Q2')).toBe('上半年');
    expect(periodLabel('2026-Q3')).toBe('前三季度');
    expect(periodLabel('2026-Q4')).toBe('全年');
    expect(periodLabel('2026-10', 'cumulative', 'zh', true)).toBe('2026年1-10月');
    expect(periodLabel('2026-Q3', 'cumulative', 'zh', true)).toBe('2026年前三季度');
  });

  it('says it in English', () => {
    expect(periodLabel('2026-10', 'cumulative', 'en')).toBe('Jan–Oct');
    expect(periodLabel('2026-01', 'cumulative', 'en')).toBe('Jan');
    expect(periodLabel('2026-10', 'point', 'en')).toBe('Oct');
    expect(periodLabel('2026-Q3', 'cumulative', 'en')).toBe('Q1–Q3');
    expect(periodLabel('2026-Q4', 'cumulative', 'en', true)).toBe('full year 2026');
    expect(periodLabel('2026-10', 'cumulative', 'en', true)).toBe('Jan–Oct 2026');
  });
});

describe('parsePeriodLabel', () => {
  it('reads cumulative month headers with any dash', () => {
    expect(parsePeriodLabel('1-10月', 2026, 'month')).toBe('2026-10');
    expect(parsePeriodLabel('1—10月', 2026, 'month')).toBe('2026-10'); // em dash
    expect(parsePeriodLabel('1－10月', 2026, 'month')).toBe('2026-10'); // full-width hyphen
    expect(parsePeriodLabel('1 ~ 10 月', 2026, 'month')).toBe('2026-10');
    expect(parsePeriodLabel('1至10月', 2026, 'month')).toBe('2026-10');
    expect(parsePeriodLabel('1-10月累计', 2026, 'month')).toBe('2026-10');
    expect(parsePeriodLabel('10月', 2026, 'month')).toBe('2026-10');
    expect(parsePeriodLabel('10月份', 2026, 'month')).toBe('2026-10');
  });

  it('takes the year from the header when it has one', () => {
    expect(parsePeriodLabel('2026年1-6月', 2025, 'month')).toBe('2026-06');
    expect(parsePeriodLabel('2026年1-6月', 2025, 'quarter')).toBe('2026-Q2'); // 1–6 月 = 上半年
    expect(parsePeriodLabel('2025年前三季度', 2026, 'quarter')).toBe('2025-Q3');
  });

  it('reads quarter words for either frequency', () => {
    expect(parsePeriodLabel('前三季度', 2026, 'quarter')).toBe('2026-Q3');
    expect(parsePeriodLabel('前三季度', 2026, 'month')).toBe('2026-09'); // 1–9 月
    expect(parsePeriodLabel('全年', 2026, 'quarter')).toBe('2026-Q4');
    expect(parsePeriodLabel('全年', 2026, 'month')).toBe('2026-12');
    expect(parsePeriodLabel('一季度', 2026, 'quarter')).toBe('2026-Q1');
    expect(parsePeriodLabel('上半年', 2026, 'month')).toBe('2026-06');
  });

  it('passes a quarterly header that ends no quarter through as a month, for periodProblem to explain', () => {
    expect(parsePeriodLabel('1-9月', 2026, 'quarter')).toBe('2026-Q3');
    expect(parsePeriodLabel('1-5月', 2026, 'quarter')).toBe('2026-05');
  });

  it('accepts the period code itself and refuses what is no period', () => {
    expect(parsePeriodLabel('2026-10', 2025, 'month')).toBe('2026-10');
    expect(parsePeriodLabel('2026-Q3', 2025, 'quarter')).toBe('2026-Q3');
    for (const bad of ['', '地区生产总值', '1-13月', '0月', '3-10月', '2026年', '第三季度']) expect(parsePeriodLabel(bad, 2026, 'month'), bad).toBeNull();
  });
});

describe('periodForMonth', () => {
  it('is the month itself for a monthly indicator', () => {
    expect(periodForMonth('month', '2026-05')).toBe('2026-05');
  });

  it('is the latest quarter ended by the month for a quarterly indicator', () => {
    expect(periodForMonth('quarter', '2026-02')).toBeNull(); // no quarter has ended in February
    expect(periodForMonth('quarter', '2026-03')).toBe('2026-Q1');
    expect(periodForMonth('quarter', '2026-05')).toBe('2026-Q1'); // floor(5 / 3) = 1
    expect(periodForMonth('quarter', '2026-06')).toBe('2026-Q2');
    expect(periodForMonth('quarter', '2026-11')).toBe('2026-Q3');
    expect(periodForMonth('quarter', '2026-12')).toBe('2026-Q4');
  });
});

describe('previousPeriodInYear and periodsOfYearTo', () => {
  it('steps back within the year; cumulative figures restart in January', () => {
    expect(previousPeriodInYear('2026-10')).toBe('2026-09');
    expect(previousPeriodInYear('2026-02')).toBe('2026-01');
    expect(previousPeriodInYear('2026-01')).toBeNull();
    expect(previousPeriodInYear('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriodInYear('2026-Q1')).toBeNull();
    expect(previousPeriodInYear('nonsense')).toBeNull();
  });

  it('lists the periods of the year up to a period', () => {
    expect(periodsOfYearTo('2026-03')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(periodsOfYearTo('2026-01')).toEqual(['2026-01']);
    expect(periodsOfYearTo('2026-Q3')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(periodsOfYearTo('2026-12')).toHaveLength(12);
  });
});

describe('periodsBetween', () => {
  it('crosses a year boundary for a monthly indicator', () => {
    expect(periodsBetween('month', '2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('lists the quarters ending inside the range for a quarterly indicator', () => {
    // months 2025-08 … 2026-07: quarter ends 2025-09, 2025-12, 2026-03, 2026-06
    expect(periodsBetween('quarter', '2025-08', '2026-07')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodsBetween('quarter', '2026-04', '2026-05')).toEqual([]);
  });

  it('is empty when the range is reversed and one period when it is a single month', () => {
    expect(periodsBetween('month', '2026-03', '2026-01')).toEqual([]);
    expect(periodsBetween('month', '2026-03', '2026-03')).toEqual(['2026-03']);
  });
});

// ---- derived measures -------------------------------------------------------------------------------------------

describe('shareOfCity (占全市比重)', () => {
  it('is zone / city × 100', () => {
    expect(shareOfCity(197, 1000)).toBeCloseTo(19.7, 10); // 197 / 1000 × 100 = 19.7
    expect(shareOfCity(0, 1000)).toBe(0);
  });

  it('is null without a figure or with a city value of zero', () => {
    expect(shareOfCity(null, 1000)).toBeNull();
    expect(shareOfCity(197, null)).toBeNull();
    expect(shareOfCity(197, 0)).toBeNull();
  });
});

describe('baseValue and increaseOf (Δ = v − v / (1 + g))', () => {
  it('back-calculates the base-period value', () => {
    expect(baseValue(118.1, 18.1)).toBeCloseTo(100, 10); // 118.1 / 1.181 = 100
    expect(baseValue(90, -10)).toBeCloseTo(100, 10); // 90 / 0.9 = 100
    expect(baseValue(50, 0)).toBe(50);
    expect(baseValue(50, -100)).toBeNull(); // 1 + g = 0: no base
    expect(baseValue(50, -120)).toBeNull();
    expect(baseValue(null, 5)).toBeNull();
    expect(baseValue(50, null)).toBeNull();
  });

  it('back-calculates the increase, approximate only for real growth', () => {
    // v = 236.2, g = 18.1 %: base = 236.2 / 1.181 = 200; Δ = 236.2 − 200 = 36.2
    const nominal = increaseOf(236.2, 18.1, 'nominal');
    expect(nominal?.increase).toBeCloseTo(36.2, 10);
    expect(nominal?.approximate).toBe(false);
    const real = increaseOf(236.2, 18.1, 'real');
    expect(real?.increase).toBeCloseTo(36.2, 10);
    expect(real?.approximate).toBe(true);
  });

  it('is negative for a decline and null without meaning', () => {
    // v = 90, g = −10 %: base = 90 / 0.9 = 100; Δ = 90 − 100 = −10
    expect(increaseOf(90, -10, 'nominal')?.increase).toBeCloseTo(-10, 10);
    expect(increaseOf(100, 0, 'nominal')).toEqual({ increase: 0, approximate: false });
    expect(increaseOf(null, 18.1, 'real')).toBeNull();
    expect(increaseOf(236.2, null, 'real')).toBeNull();
    expect(increaseOf(236.2, -100, 'real')).toBeNull();
  });
});

describe('pullOnCity (拉动, percentage points)', () => {
  // zone: v = 236.2, g = 18.1 % → base 200, Δ = 36.2
  const zone = fig(236.2, 18.1);

  it('is zone increase / city base-period value × 100', () => {
    // city: v = 1100, g = 10 % → base 1100 / 1.1 = 1000; pull = 36.2 / 1000 × 100 = 3.62 points
    expect(pullOnCity(zone, fig(1100, 10))).toBeCloseTo(3.62, 10);
  });

  it('exists when the city declined (negative city increase)', () => {
    // city: v = 950, g = −5 % → base 950 / 0.95 = 1000, Δcity = −50; pull = 36.2 / 1000 × 100 = 3.62 points
    expect(pullOnCity(zone, fig(950, -5))).toBeCloseTo(3.62, 10);
  });

  it('is negative when the zone declined', () => {
    // zone: v = 90, g = −10 % → base 100, Δ = −10; city base 1000; pull = −10 / 1000 × 100 = −1 point
    expect(pullOnCity(fig(90, -10), fig(1100, 10))).toBeCloseTo(-1, 10);
  });

  it('adds up to the city growth over all parts of the city', () => {
    // zone base 200 → 236.2 (Δ 36.2); rest of the city base 800, g = 7.5 % → 860 (Δ 60)
    // city base 1000 → 1096.2, g = 9.62 %; pulls 3.62 + 6.00 = 9.62 = city growth
    const city = fig(1096.2, 9.62);
    const sum = pullOnCity(zone, city)! + pullOnCity(fig(860, 7.5), city)!;
    expect(sum).toBeCloseTo(9.62, 10);
  });

  it('is null without figures or without a city base', () => {
    expect(pullOnCity(fig(null, 18.1), fig(1100, 10))).toBeNull();
    expect(pullOnCity(zone, fig(1100, null))).toBeNull();
    expect(pullOnCity(fig(0, -100), fig(1100, 10))).toBeNull();
    expect(pullOnCity(zone, fig(0, 10))).toBeNull(); // city base 0 / 1.1 = 0
  });
});

describe('contributionTo (贡献率)', () => {
  const zone = fig(236.2, 18.1); // Δ = 36.2 (see above)

  it('is zone increase / city increase × 100', () => {
    // city: v = 1100, g = 10 % → base 1000, Δcity = 100; contribution = 36.2 / 100 × 100 = 36.2 %
    const c = contributionTo(zone, fig(1100, 10));
    expect(c?.contribution).toBeCloseTo(36.2, 10);
    expect(c?.cityDeclined).toBe(false);
  });

  it('flags a city that declined: the ratio exists but reads as no contribution to growth', () => {
    // city: v = 950, g = −5 % → base 1000, Δcity = −50; 36.2 / −50 × 100 = −72.4 %
    const c = contributionTo(zone, fig(950, -5));
    expect(c?.contribution).toBeCloseTo(-72.4, 10);
    expect(c?.cityDeclined).toBe(true);
    // both declined: zone Δ −10, city Δ −50 → −10 / −50 × 100 = 20 %, still a declined city
    const both = contributionTo(fig(90, -10), fig(950, -5));
    expect(both?.contribution).toBeCloseTo(20, 10);
    expect(both?.cityDeclined).toBe(true);
  });

  it('is null when the city increase is zero or a figure is missing', () => {
    expect(contributionTo(zone, fig(1000, 0))).toBeNull(); // Δcity = 1000 − 1000 / 1 = 0
    expect(contributionTo(fig(null, 18.1), fig(1100, 10))).toBeNull();
    expect(contributionTo(zone, fig(1100, null))).toBeNull();
    expect(contributionTo(zone, fig(1100, -100))).toBeNull();
  });

  it('contributions of all parts of the city add up to 100 %', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: -9_000, max: 30_000 }),
        fc.integer({ min: -9_000, max: 30_000 }),
        (zoneBase, restBase, zoneG100, restG100) => {
          const zg = zoneG100 / 100;
          const rg = restG100 / 100;
          const zoneValue = zoneBase * (1 + zg / 100);
          const restValue = restBase * (1 + rg / 100);
          const cityValue = zoneValue + restValue;
          const cityGrowth = (cityValue / (zoneBase + restBase) - 1) * 100;
          const city = fig(cityValue, cityGrowth);
          // the pulls add up to the city growth …
          expect(pullOnCity(fig(zoneValue, zg), city)! + pullOnCity(fig(restValue, rg), city)!).toBeCloseTo(cityGrowth, 6);
          // … and, when the city moved visibly, the contributions to 100 %
          if (Math.abs(cityValue - (zoneBase + restBase)) > 1) {
            const sum = contributionTo(fig(zoneValue, zg), city)!.contribution + contributionTo(fig(restValue, rg), city)!.contribution;
            expect(sum).toBeCloseTo(100, 4);
          }
        },
      ),
    );
  });
});

describe('rankRegions (competition ranking at the published precision)', () => {
  it('gives tied regions the same rank and skips the next (1, 1, 3)', () => {
    const r = rankRegions(entries({ a: 20.1, b: 20.1, c: 15 }), true);
    expect(r).toEqual([
      { regionId: 'a', rank: 1, tiedWith: 2, of: 3 },
      { regionId: 'b', rank: 1, tiedWith: 2, of: 3 },
      { regionId: 'c', rank: 3, tiedWith: 1, of: 3 },
    ]);
  });

  it('ties keys that are equal at one decimal: 18.14 and 18.06 are both 18.1', () => {
    const r = rankRegions(entries({ zone: 18.14, peer1: 18.06, peer2: 20.0, peer3: 12.3 }), true);
    expect(r).toEqual([
      { regionId: 'zone', rank: 2, tiedWith: 2, of: 4 },
      { regionId: 'peer1', rank: 2, tiedWith: 2, of: 4 },
      { regionId: 'peer2', rank: 1, tiedWith: 1, of: 4 },
      { regionId: 'peer3', rank: 4, tiedWith: 1, of: 4 },
    ]);
    // at two decimals they are apart: 18.14 > 18.06
    const precise = rankRegions(entries({ zone: 18.14, peer1: 18.06 }), true, 2);
    expect(precise.map((x) => x.rank)).toEqual([1, 2]);
  });

  it('ranks lowest first when lower is better', () => {
    // energy use per unit of output: −5 % is best, then −3 %, then +1 %
    const r = rankRegions(entries({ a: -3, b: 1, c: -5 }), false);
    expect(r.map((x) => [x.regionId, x.rank])).toEqual([
      ['a', 2],
      ['b', 3],
      ['c', 1],
    ]);
  });

  it('leaves regions without a figure unranked and out of the count', () => {
    const r = rankRegions(entries({ a: 5, b: null, c: 7 }), true);
    expect(r).toEqual([
      { regionId: 'a', rank: 2, tiedWith: 1, of: 2 },
      { regionId: 'b', rank: null, tiedWith: 0, of: 2 },
      { regionId: 'c', rank: 1, tiedWith: 1, of: 2 },
    ]);
    expect(rankRegions(entries({ a: null }), true)).toEqual([{ regionId: 'a', rank: null, tiedWith: 0, of: 0 }]);
    expect(rankRegions([], true)).toEqual([]);
  });

  it('rank = 1 + the number of regions strictly better; tiedWith = the number equal, at one decimal', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -500, max: 500 }), { nil: null }), { maxLength: 12 }), fc.boolean(), (keys100, higher) => {
        const list = keys100.map((k, i) => ({ regionId: `r${i}`, key: k === null ? null : k / 20 }));
        const result = rankRegions(list, higher);
        const withKey = list.filter((e) => e.key !== null).map((e) => round(e.key!, 1));
        list.forEach((e, i) => {
          const res = result[i]!;
          expect(res.regionId).toBe(e.regionId);
          expect(res.of).toBe(withKey.length);
          if (e.key === null) return expect(res.rank).toBeNull();
          const k = round(e.key, 1);
          expect(res.rank).toBe(1 + withKey.filter((o) => (higher ? o > k : o < k)).length);
          expect(res.tiedWith).toBe(withKey.filter((o) => o === k).length);
        });
      }),
    );
  });
});

describe('neighboursOf', () => {
  // ranking by growth: p1 20.3, p2 19.0, zone 18.1 = p3 18.14 (tied at one decimal), p4 15.2, p5 without a figure
  const list = entries({ p1: 20.3, p2: 19.0, zone: 18.1, p3: 18.14, p4: 15.2, p5: null });

  it('finds the region just ahead and just behind, with the gap; a tied region is neither', () => {
    expect(neighboursOf(list, 'zone', true)).toEqual({
      ahead: { regionId: 'p2', gap: 0.9 }, // 19.0 − 18.1 = 0.9
      behind: { regionId: 'p4', gap: 2.9 }, // 18.1 − 15.2 = 2.9
    });
    // p3 (18.14 → 18.1) sees the same neighbours, not the zone
    expect(neighboursOf(list, 'p3', true)).toEqual({ ahead: { regionId: 'p2', gap: 0.9 }, behind: { regionId: 'p4', gap: 2.9 } });
  });

  it('has nobody ahead of the leader, nobody behind the last, and nobody for a region tied with all', () => {
    expect(neighboursOf(list, 'p1', true)).toEqual({ ahead: null, behind: { regionId: 'p2', gap: 1.3 } }); // 20.3 − 19.0
    expect(neighboursOf(list, 'p4', true)).toEqual({ ahead: { regionId: 'zone', gap: 2.9 }, behind: null });
    expect(neighboursOf(entries({ a: 5.01, b: 4.98 }), 'a', true)).toEqual({ ahead: null, behind: null }); // both 5.0
  });

  it('takes the first of two regions tied just ahead', () => {
    expect(neighboursOf(entries({ me: 10, x: 12, y: 12, z: 14 }), 'me', true)).toEqual({ ahead: { regionId: 'x', gap: 2 }, behind: null });
  });

  it('reverses when lower is better', () => {
    // lower is better: ahead means lower; 18.1 has p4 (15.2) ahead and p2 (19.0) behind
    expect(neighboursOf(list, 'zone', false)).toEqual({ ahead: { regionId: 'p4', gap: 2.9 }, behind: { regionId: 'p2', gap: 0.9 } });
  });

  it('is empty for a region without a figure or unknown', () => {
    expect(neighboursOf(list, 'p5', true)).toEqual({ ahead: null, behind: null });
    expect(neighboursOf(list, 'nobody', true)).toEqual({ ahead: null, behind: null });
  });
});

describe('targetCompletion', () => {
  it('compares a cumulative value with the annual target and with the time elapsed (序时进度)', () => {
    // 1–10 月: 850 of 1000 = 85 %; 序时进度 = 10 / 12 × 100 = 83.33 %; ahead by 85 − 83.33 = 1.67 points
    const c = targetCompletion({ kind: 'value', value: 1000 }, fig(850, 12), '2026-10', 'cumulative');
    expect(c?.kind).toBe('value');
    if (c?.kind !== 'value') return;
    expect(c.completion).toBeCloseTo(85, 10);
    expect(c.timeProgress).toBeCloseTo(83.33, 2);
    expect(c.aheadOfTime).toBeCloseTo(1.67, 2);
    expect(c.met).toBe(true);
  });

  it('misses the time elapsed when behind it, and meets it exactly on schedule', () => {
    // 800 of 1000 = 80 % < 83.33 %: behind by 3.33 points
    const behind = targetCompletion({ kind: 'value', value: 1000 }, fig(800, 12), '2026-10', 'cumulative');
    expect(behind?.kind === 'value' && behind.aheadOfTime).toBeCloseTo(-3.33, 2);
    expect(behind?.met).toBe(false);
    // 1000 of 1200 = 83.33 % = 10 / 12: exactly on schedule
    const onTime = targetCompletion({ kind: 'value', value: 1200 }, fig(1000, 12), '2026-10', 'cumulative');
    expect(onTime?.kind === 'value' && onTime.aheadOfTime).toBe(0);
    expect(onTime?.met).toBe(true);
  });

  it('uses the quarter end for a quarterly figure', () => {
    // 前三季度 = 9 months: 序时进度 = 9 / 12 × 100 = 75 %; 700 of 1000 = 70 % → behind by 5 points
    const c = targetCompletion({ kind: 'value', value: 1000 }, fig(700, 8), '2026-Q3', 'cumulative');
    expect(c).toMatchObject({ kind: 'value', timeProgress: 75, met: false });
    expect(c?.kind === 'value' && c.aheadOfTime).toBeCloseTo(-5, 10);
  });

  it('compares a point value with the target itself', () => {
    // a balance: 1050 of 1000 = 105 %, no 序时进度
    expect(targetCompletion({ kind: 'value', value: 1000 }, fig(1050, 3), '2026-10', 'point')).toEqual({
      kind: 'value',
      completion: 105,
      timeProgress: null,
      aheadOfTime: null,
      met: true,
    });
    expect(targetCompletion({ kind: 'value', value: 1000 }, fig(950, 3), '2026-10', 'point')?.met).toBe(false);
  });

  it('reverses the value rule when lower is better', () => {
    // an energy-use ceiling of 1000: 800 by October = 80 % < 83.33 % → within budget
    expect(targetCompletion({ kind: 'value', value: 1000 }, fig(800, 1), '2026-10', 'cumulative', false)?.met).toBe(true);
    // 900 = 90 % > 83.33 % → over the budget's pace
    expect(targetCompletion({ kind: 'value', value: 1000 }, fig(900, 1), '2026-10', 'cumulative', false)?.met).toBe(false);
  });

  it('gives the gap to a growth target in points', () => {
    // 18.1 % against a target of 10 %: 18.1 − 10 = 8.1 points above
    const above = targetCompletion({ kind: 'growth', value: 10 }, fig(500, 18.1), '2026-10', 'cumulative');
    expect(above?.kind === 'growth' && above.gapPoints).toBeCloseTo(8.1, 10);
    expect(above?.met).toBe(true);
    // 9.5 % against 10 %: 0.5 points below
    const below = targetCompletion({ kind: 'growth', value: 10 }, fig(500, 9.5), '2026-10', 'cumulative');
    expect(below?.kind === 'growth' && below.gapPoints).toBeCloseTo(-0.5, 10);
    expect(below?.met).toBe(false);
    expect(targetCompletion({ kind: 'growth', value: 10 }, fig(null, 10), '2026-10', 'cumulative')).toEqual({ kind: 'growth', gapPoints: 0, met: true });
  });

  it('reverses the growth rule when lower is better', () => {
    // target −3 % (a cut): −3.5 % is 0.5 points better; −2 % is 1 point short
    expect(targetCompletion({ kind: 'growth', value: -3 }, fig(1, -3.5), '2026-10', 'cumulative', false)).toMatchObject({ met: true });
    expect(targetCompletion({ kind: 'growth', value: -3 }, fig(1, -2), '2026-10', 'cumulative', false)).toEqual({ kind: 'growth', gapPoints: 1, met: false });
  });

  it('is null without a target, without the figure it needs, or against a zero target', () => {
    expect(targetCompletion(null, fig(850, 12), '2026-10', 'cumulative')).toBeNull();
    expect(targetCompletion({ kind: 'value', value: 1000 }, fig(null, 12), '2026-10', 'cumulative')).toBeNull();
    expect(targetCompletion({ kind: 'growth', value: 10 }, fig(850, null), '2026-10', 'cumulative')).toBeNull();
    expect(targetCompletion({ kind: 'value', value: 0 }, fig(850, 12), '2026-10', 'cumulative')).toBeNull();
  });
});

describe('thresholdStatus', () => {
  it('higher is better: alert below the alert level, excellent at or above the excellence level', () => {
    const t: Thresholds = { alertLevel: 0, excellentLevel: 15, higherIsBetter: true };
    expect(thresholdStatus(-0.5, t)).toBe('alert');
    expect(thresholdStatus(0, t)).toBe('normal'); // growth below 0 is the alert: 0 itself is not
    expect(thresholdStatus(10, t)).toBe('normal');
    expect(thresholdStatus(15, t)).toBe('excellent');
    expect(thresholdStatus(18.1, t)).toBe('excellent');
  });

  it('lower is better: alert above the alert level, excellent at or below the excellence level', () => {
    const t: Thresholds = { alertLevel: 3, excellentLevel: -2, higherIsBetter: false };
    expect(thresholdStatus(3.5, t)).toBe('alert');
    expect(thresholdStatus(3, t)).toBe('normal');
    expect(thresholdStatus(0, t)).toBe('normal');
    expect(thresholdStatus(-2, t)).toBe('excellent');
    expect(thresholdStatus(-4, t)).toBe('excellent');
  });

  it('works with one level only and answers none without growth or levels', () => {
    expect(thresholdStatus(-1, { alertLevel: 0, excellentLevel: null, higherIsBetter: true })).toBe('alert');
    expect(thresholdStatus(50, { alertLevel: 0, excellentLevel: null, higherIsBetter: true })).toBe('normal');
    expect(thresholdStatus(-50, { alertLevel: null, excellentLevel: 15, higherIsBetter: true })).toBe('normal');
    expect(thresholdStatus(20, { alertLevel: null, excellentLevel: 15, higherIsBetter: true })).toBe('excellent');
    expect(thresholdStatus(null, { alertLevel: 0, excellentLevel: 15, higherIsBetter: true })).toBe('none');
    expect(thresholdStatus(5, { alertLevel: null, excellentLevel: null, higherIsBetter: true })).toBe('none');
  });
});

describe('cumulativeDecrease', () => {
  it('answers the previous value when a cumulative figure went down', () => {
    expect(cumulativeDecrease('cumulative', 90, 100)).toBe(100);
    expect(cumulativeDecrease('cumulative', 100, 100)).toBeNull();
    expect(cumulativeDecrease('cumulative', 110, 100)).toBeNull();
  });

  it('says nothing for a point value or without both values', () => {
    expect(cumulativeDecrease('point', 90, 100)).toBeNull(); // a balance may fall
    expect(cumulativeDecrease('cumulative', null, 100)).toBeNull();
    expect(cumulativeDecrease('cumulative', 90, null)).toBeNull();
  });
});

// ---- the committee's idiom --------------------------------------------------------------------------------------

describe('growthPhrase', () => {
  it('says 比增 / 下降 / 持平 at one decimal', () => {
    expect(growthPhrase(18.1)).toBe('比增18.1%');
    expect(growthPhrase(18.14)).toBe('比增18.1%');
    expect(growthPhrase(18.15)).toBe('比增18.2%');
    expect(growthPhrase(5)).toBe('比增5.0%');
    expect(growthPhrase(-3.2)).toBe('下降3.2%');
    expect(growthPhrase(0)).toBe('与上年同期持平');
    expect(growthPhrase(0.04)).toBe('与上年同期持平'); // 0.0 at one decimal
    expect(growthPhrase(-0.04)).toBe('与上年同期持平');
  });
});

describe('sharePhrase', () => {
  it('says 近 just below and 超 just above a multiple of five, else one decimal', () => {
    expect(sharePhrase(19.7)).toBe('近20%'); // 20 − 19.7 = 0.3 ≤ 0.5
    expect(sharePhrase(19.5)).toBe('近20%'); // 0.5: still within half a point
    expect(sharePhrase(20.3)).toBe('超20%');
    expect(sharePhrase(18.3)).toBe('18.3%'); // 1.7 from 20
    expect(sharePhrase(19.4)).toBe('19.4%'); // 0.6 from 20
    expect(sharePhrase(20)).toBe('20.0%'); // exactly on it
    expect(sharePhrase(20.04)).toBe('20.0%'); // within the rounding: no 超
    expect(sharePhrase(4.8)).toBe('近5%');
    expect(sharePhrase(0.3)).toBe('0.3%'); // nearest multiple is 0: no "超0%"
  });
});

describe('pullPhrase', () => {
  it('says 拉动 for a positive pull and 拉低 for a negative one, at two decimals', () => {
    expect(pullPhrase(2.31)).toBe('拉动全市增长2.31个百分点');
    expect(pullPhrase(3.6249)).toBe('拉动全市增长3.62个百分点');
    expect(pullPhrase(-0.4)).toBe('拉低全市增长0.40个百分点');
    expect(pullPhrase(0)).toBe('拉动全市增长0.00个百分点');
  });
});

describe('targetGapPhrase', () => {
  it('says 高于 / 低于 / 与目标持平 at one decimal', () => {
    expect(targetGapPhrase(1.2)).toBe('高于目标1.2个百分点');
    expect(targetGapPhrase(-0.8)).toBe('低于目标0.8个百分点');
    expect(targetGapPhrase(0)).toBe('与目标持平');
    expect(targetGapPhrase(0.04)).toBe('与目标持平');
    expect(targetGapPhrase(8.100000000000001)).toBe('高于目标8.1个百分点'); // 18.1 − 10 in floating point
  });
});

describe('rankText and chineseOrdinalNumber', () => {
  it('writes ranks the way officials do', () => {
    expect(rankText(1, 1)).toBe('第一');
    expect(rankText(1, 2)).toBe('并列第一');
    expect(rankText(3, 1)).toBe('第三');
    expect(rankText(12, 1)).toBe('第十二');
  });

  it('writes numbers up to 99 in Chinese', () => {
    expect(chineseOrdinalNumber(0)).toBe('零');
    expect(chineseOrdinalNumber(1)).toBe('一');
    expect(chineseOrdinalNumber(10)).toBe('十');
    expect(chineseOrdinalNumber(12)).toBe('十二');
    expect(chineseOrdinalNumber(20)).toBe('二十');
    expect(chineseOrdinalNumber(35)).toBe('三十五');
    expect(chineseOrdinalNumber(99)).toBe('九十九');
    expect(chineseOrdinalNumber(100)).toBe('100');
    expect(chineseOrdinalNumber(-1)).toBe('-1');
    expect(chineseOrdinalNumber(1.5)).toBe('1.5');
  });
});
