import { describe, expect, it } from 'vitest';
import type { IndicatorMeasures, IndicatorSeries } from '@zoneops/shared';
import {
  compareNullable,
  csvCell,
  formatGrowth,
  formatPercent,
  formatValue,
  formatValueUnit,
  groupIndicators,
  growthTone,
  hasFigures,
  historyCsvRows,
  historyRangeOf,
  historyRows,
  langOf,
  monthOf,
  monthTitle,
  officialDate,
  periodAxisLabel,
  periodText,
  previousMonth,
  rankView,
  selectedIndicator,
  seriesFrom,
  sortedTargets,
  targetView,
  thresholdRules,
  tiesOf,
  toCsv,
} from './economy-ui.ts';

describe('the month in the URL', () => {
  it('takes a real month and drops anything else', () => {
    expect(monthOf(new URLSearchParams('month=2026-10'))).toBe('2026-10');
    expect(monthOf(new URLSearchParams('month= 2026-01 '))).toBe('2026-01');
    for (const bad of ['2026-13', '2026-00', '2026-1', '1999-12', '2101-01', '2026-Q3', 'x', '']) {
      expect(monthOf(new URLSearchParams({ month: bad })), bad).toBeUndefined();
    }
    expect(monthOf(new URLSearchParams())).toBeUndefined();
  });

  it('knows the month before a day, across the new year', () => {
    expect(previousMonth('2026-11-23')).toBe('2026-10');
    expect(previousMonth('2026-01-05')).toBe('2025-12');
  });

  it('names months and periods as the statistics tables do', () => {
    expect(monthTitle('2026-10', 'zh')).toBe('2026年1-10月');
    expect(monthTitle('2026-01', 'zh')).toBe('2026年1月');
    expect(monthTitle('2026-10', 'en')).toBe('Jan–Oct 2026');
    expect(periodText('2026-Q3', { valueKind: 'cumulative' }, 'zh')).toBe('2026年前三季度');
    expect(periodText('2026-10', { valueKind: 'point' }, 'zh')).toBe('2026年10月');
    expect(periodText('2026-Q2', { valueKind: 'cumulative' }, 'en', false)).toBe('H1');
    expect(periodAxisLabel('2026-10')).toBe('26.10');
    expect(periodAxisLabel('2026-Q3')).toBe('26.Q3');
  });

  it('reads the language', () => {
    expect(langOf('en-US')).toBe('en');
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf(undefined)).toBe('zh');
  });
});

describe('numbers', () => {
  it('shows values with two decimals below 10 000, none from there, grouped', () => {
    expect(formatValue(123.456)).toBe('123.46');
    expect(formatValue(88)).toBe('88.00');
    expect(formatValue(9999.996)).toBe('10,000.00');
    expect(formatValue(12345.6)).toBe('12,346');
    expect(formatValue(-1234.5)).toBe('-1,234.50');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(Number.NaN)).toBe('—');
    expect(formatValueUnit(123.4, '亿元', 'zh')).toBe('123.40亿元');
    expect(formatValueUnit(123.4, '100 million yuan', 'en')).toBe('123.40 100 million yuan');
    expect(formatValueUnit(null, '亿元', 'zh')).toBe('—');
  });

  it('shows growth with one decimal and %, no negative zero', () => {
    expect(formatGrowth(18.1)).toBe('18.1%');
    expect(formatGrowth(18.15)).toBe('18.2%');
    expect(formatGrowth(-3.24)).toBe('-3.2%');
    expect(formatGrowth(-0.04)).toBe('0.0%');
    expect(formatGrowth(0)).toBe('0.0%');
    expect(formatGrowth(null)).toBe('—');
    expect(formatPercent(19.84)).toBe('19.8%');
    expect(formatPercent(null)).toBe('—');
  });

  it('colours growth by the indicator direction', () => {
    expect(growthTone(5, true)).toEqual({ direction: 'up', tone: 'good' });
    expect(growthTone(-2, true)).toEqual({ direction: 'down', tone: 'bad' });
    expect(growthTone(5, false)).toEqual({ direction: 'up', tone: 'bad' });
    expect(growthTone(-2, false)).toEqual({ direction: 'down', tone: 'good' });
    // flat at the published precision
    expect(growthTone(0.04, true)).toEqual({ direction: 'flat', tone: 'neutral' });
    expect(growthTone(null, true)).toEqual({ direction: 'flat', tone: 'neutral' });
  });
});

describe('rank, target and thresholds', () => {
  it('states the rank and whether it is shared', () => {
    expect(rankView({ rank: 1, tiedWith: 1, of: 9 })).toEqual({ rank: 1, of: 9, tied: false });
    expect(rankView({ rank: 2, tiedWith: 2, of: 9 })).toEqual({ rank: 2, of: 9, tied: true });
    expect(rankView(null)).toBeNull();
  });

  it('groups tied regions by rank', () => {
    const ranking = [
      { name: 'A', rank: 1, tiedWith: 1 },
      { name: 'B', rank: 2, tiedWith: 3 },
      { name: 'C', rank: 2, tiedWith: 3 },
      { name: 'D', rank: 2, tiedWith: 3 },
      { name: 'E', rank: 5, tiedWith: 2 },
      { name: 'F', rank: 5, tiedWith: 2 },
      { name: 'G', rank: null, tiedWith: 0 },
    ];
    expect(tiesOf(ranking)).toEqual([
      { rank: 2, names: ['B', 'C', 'D'] },
      { rank: 5, names: ['E', 'F'] },
    ]);
    expect(tiesOf(ranking.slice(0, 1))).toEqual([]);
  });

  it('says a value target as completion against the time elapsed', () => {
    // 1-10月: 835 of 1000 → 83.5 %, time 83.3 %, 0.2 points ahead
    const v = targetView({ kind: 'value', target: 1000, completion: 83.5, timeProgress: (10 / 12) * 100, aheadOfTime: 83.5 - (10 / 12) * 100, met: true });
    expect(v).toEqual({ kind: 'value', met: true, completion: '83.5', timeProgress: '83.3', ahead: 'above', points: '0.2' });
    const behind = targetView({ kind: 'value', target: 1000, completion: 70, timeProgress: 75, aheadOfTime: -5, met: false });
    expect(behind).toMatchObject({ ahead: 'below', points: '5.0', met: false });
    // a point value has no time progress
    expect(targetView({ kind: 'value', target: 50, completion: 104, timeProgress: null, aheadOfTime: null, met: true })).toMatchObject({
      timeProgress: null,
      ahead: null,
      points: null,
    });
  });

  it('says a growth target in points above or below', () => {
    expect(targetView({ kind: 'growth', target: 8, gapPoints: 1.2, met: true })).toEqual({
      kind: 'growth',
      met: true,
      target: '8.0',
      gap: 'above',
      points: '1.2',
    });
    expect(targetView({ kind: 'growth', target: 8, gapPoints: -0.8, met: false })).toMatchObject({ gap: 'below', points: '0.8' });
    expect(targetView({ kind: 'growth', target: 8, gapPoints: 0.02, met: true })).toMatchObject({ gap: 'equal', points: '0.0' });
    expect(targetView(null)).toBeNull();
  });

  it('explains the thresholds by direction', () => {
    expect(thresholdRules({ alertLevel: 0, excellentLevel: 8, higherIsBetter: true })).toEqual([
      { kind: 'alert', side: 'below', level: '0.0' },
      { kind: 'excellent', side: 'atLeast', level: '8.0' },
    ]);
    expect(thresholdRules({ alertLevel: 5, excellentLevel: null, higherIsBetter: false })).toEqual([{ kind: 'alert', side: 'above', level: '5.0' }]);
    expect(thresholdRules({ alertLevel: null, excellentLevel: null, higherIsBetter: true })).toEqual([]);
  });
});

const indicator = (id: string, sort: number, leading = false) =>
  ({ id, sort, leading, code: id, nameZh: id, nameEn: id }) as unknown as IndicatorMeasures['indicator'];
const measures = (id: string, sort: number, opts: { leading?: boolean; zone?: boolean } = {}) =>
  ({
    indicator: indicator(id, sort, opts.leading),
    zone: opts.zone ? { value: 1, growth: 1, monthValue: null, monthGrowth: null } : null,
    city: null,
    ranking: [],
  }) as unknown as IndicatorMeasures;

describe('the dashboard indicators', () => {
  const items = [
    measures('tax', 5, { leading: true, zone: true }),
    measures('gdp', 10),
    measures('fai', 20, { zone: true }),
    measures('power', 1, { leading: true }),
  ];

  it('puts the main indicators first, then the leading ones, each in catalogue order', () => {
    const g = groupIndicators(items);
    expect(g.main.map((m) => m.indicator.id)).toEqual(['gdp', 'fai']);
    expect(g.leading.map((m) => m.indicator.id)).toEqual(['power', 'tax']);
  });

  it('selects the chosen indicator, else the first with a zone figure', () => {
    expect(selectedIndicator(items, 'tax')?.indicator.id).toBe('tax');
    expect(selectedIndicator(items, 'unknown')?.indicator.id).toBe('fai');
    expect(selectedIndicator(items, null)?.indicator.id).toBe('fai');
    expect(selectedIndicator([measures('a', 1)], null)?.indicator.id).toBe('a');
    expect(selectedIndicator([], null)).toBeUndefined();
  });

  it('knows when a month has nothing approved', () => {
    expect(hasFigures([measures('gdp', 1)])).toBe(false);
    expect(hasFigures([measures('gdp', 1, { zone: true })])).toBe(true);
    const peerOnly = { ...measures('gdp', 1), ranking: [{ value: null, growth: 3.1 }] } as unknown as IndicatorMeasures;
    expect(hasFigures([peerOnly])).toBe(true);
    expect(hasFigures([])).toBe(false);
  });
});

describe('the history of an indicator', () => {
  const series = {
    regions: [
      { id: 'z', kind: 'zone' },
      { id: 'c', kind: 'city' },
      { id: 'p', kind: 'peer' },
    ],
    points: [
      ['2025-12', 'z', 180, 10.5],
      ['2025-12', 'c', 900, 6.2],
      ['2026-01', 'z', 20, -1.5],
      ['2026-01', 'p', 30, 2],
      ['2026-02', 'c', 120, 4],
      ['2025-11', 'z', 160, 9.9],
      ['2025-11', 'c', 0, 5],
    ],
  } as unknown as Pick<IndicatorSeries, 'regions' | 'points'>;

  it('pairs the zone and the city by period, latest first, with the share', () => {
    const rows = historyRows(series);
    expect(rows.map((r) => r.period)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(rows[0]).toMatchObject({ zoneValue: null, zoneGrowth: null, cityValue: 120, cityGrowth: 4, share: null });
    expect(rows[1]).toMatchObject({ zoneValue: 20, zoneGrowth: -1.5, cityValue: null, share: null });
    expect(rows[2]).toMatchObject({ zoneValue: 180, cityValue: 900, share: 20 });
    // a city value of zero gives no share
    expect(rows[3]!.share).toBeNull();
  });

  it('writes it as CSV rows with raw numbers', () => {
    const rows = historyCsvRows(historyRows(series), (p) => `P${p}`);
    expect(rows[2]).toEqual(['P2025-12', 180, 10.5, 900, 6.2, 20]);
    expect(rows[0]).toEqual(['P2026-02', null, null, 120, 4, null]);
  });

  it('escapes CSV cells and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-3.2')).toBe('-3.2');
    expect(csvCell(-3.2)).toBe('-3.2');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['期间', '值'], [['1-10月', 1.5]])).toBe('\uFEFF期间,值\r\n1-10月,1.5\r\n');
  });

  it('sorts empty figures last in both directions', () => {
    const xs = [3, null, 1, 2];
    const asc = [...xs].sort((a, b) => compareNullable(a, b, false));
    expect(asc).toEqual([1, 2, 3, null]);
    // antd negates the comparison for a descending column
    const desc = [...xs].sort((a, b) => -compareNullable(a, b, true));
    expect(desc).toEqual([3, 2, 1, null]);
  });

  it('reads the range and its start', () => {
    expect(historyRangeOf(new URLSearchParams('years=5'))).toBe(5);
    expect(historyRangeOf(new URLSearchParams('years=7'))).toBe(3);
    expect(historyRangeOf(new URLSearchParams())).toBe(3);
    expect(seriesFrom(3, '2026-11-23')).toBeUndefined();
    expect(seriesFrom(5, '2026-11-23')).toBe('2022-01');
    expect(seriesFrom(10, '2026-11-23')).toBe('2017-01');
  });

  it('lists targets latest year first', () => {
    const t = sortedTargets([
      { year: 2025, kind: 'value' },
      { year: 2026, kind: 'value' },
      { year: 2026, kind: 'growth' },
    ]);
    expect(t).toEqual([
      { year: 2026, kind: 'growth' },
      { year: 2026, kind: 'value' },
      { year: 2025, kind: 'value' },
    ]);
  });
});

describe('the bulletin preview', () => {
  it('writes the date officially', () => {
    expect(officialDate('2026-01-05')).toBe('2026年1月5日');
    expect(officialDate('soon')).toBe('soon');
  });
});
