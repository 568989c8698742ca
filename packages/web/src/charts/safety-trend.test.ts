import { describe, expect, it } from 'vitest';
import { pointSeriesSchema } from '@zoneops/shared';
import { appendLive, safetyTrendOption, thresholdColours, valueExtent, type TrendLabels, type TrendPoint } from './safety-trend.ts';

const labels: TrendLabels = {
  value: '均值',
  band: '最小–最大',
  min: '最小值',
  max: '最大值',
  noData: '暂无数据',
  threshold: { hh: '高高限', h: '高限', l: '低限', ll: '低低限' },
  time: (ms) => `T${ms}`,
};

const T0 = Date.UTC(2026, 10, 23, 0, 0);
const minute = pointSeriesSchema.parse({
  pointId: '00000000-0000-4000-8000-000000000001',
  resolution: 'minute',
  points: [
    [T0, 5, 4, 6],
    [T0 + 60_000, 6, -1, 7],
  ],
  thresholds: { hh: 9, h: 8, l: null, ll: 1 },
  unit: 'm',
});

interface Series {
  name: string;
  type: string;
  data: [number, number][];
  stack?: string;
  stackStrategy?: string;
  areaStyle?: unknown;
  markLine?: { data: { name: string; yAxis: number; lineStyle: { color: string }; label: { formatter: string } }[] };
}
type Option = { series: Series[]; yAxis: { min: number; max: number; name: string }; title?: { text: string }; tooltip: { formatter: (p: unknown) => string } };

describe('the safety trend chart', () => {
  it('draws the thresholds that are set as coloured lines: high-high and low-low red, high orange', () => {
    const option = safetyTrendOption(minute, labels) as Option;
    const line = option.series.at(-1)!;
    expect(line.name).toBe('均值');
    expect(line.data).toEqual([
      [T0, 5],
      [T0 + 60_000, 6],
    ]);
    const marks = line.markLine!.data;
    expect(marks.map((m) => [m.name, m.yAxis, m.lineStyle.color])).toEqual([
      ['高高限', 9, thresholdColours.hh],
      ['高限', 8, thresholdColours.h],
      ['低低限', 1, thresholdColours.ll],
    ]);
    expect(thresholdColours.hh).toBe(thresholdColours.ll);
    expect(new Set([thresholdColours.hh, thresholdColours.h, thresholdColours.l]).size).toBe(3);
    expect(marks[0]!.label.formatter).toBe('高高限 9');
  });

  it('draws the min–max band of roll-ups as a range stacked on the minimum, negative minimums included', () => {
    const option = safetyTrendOption(minute, labels) as Option;
    const [base, band] = option.series;
    expect(base!.data).toEqual([
      [T0, 4],
      [T0 + 60_000, -1],
    ]);
    expect(band!.data).toEqual([
      [T0, 2],
      [T0 + 60_000, 8],
    ]);
    expect(base!.stack).toBe(band!.stack);
    expect(band!.stackStrategy).toBe('all');
    expect(band!.areaStyle).toBeDefined();
    // raw readings have no band
    const raw = safetyTrendOption({ ...minute, resolution: 'raw' }, labels) as Option;
    expect(raw.series).toHaveLength(1);
  });

  it('keeps every threshold on the value axis, and says when there is nothing to draw', () => {
    const option = safetyTrendOption(minute, labels) as Option;
    expect(option.yAxis.name).toBe('m');
    expect(option.yAxis.min).toBeLessThan(-1);
    expect(option.yAxis.max).toBeGreaterThan(9);
    expect(valueExtent([[T0, 100, 100, 100]], { hh: null, h: null, l: null, ll: null })).toEqual({ min: 90, max: 110 });
    expect(valueExtent([], { hh: null, h: null, l: null, ll: null })).toBeNull();
    const empty = safetyTrendOption({ ...minute, points: [] }, labels) as Option;
    expect(empty.title?.text).toBe('暂无数据');
    expect(option.title).toBeUndefined();
    // thresholds alone still give the axis, on round numbers
    expect(valueExtent([], { hh: 10, h: null, l: 0, ll: null })).toEqual({ min: -2, max: 12 });
    expect(valueExtent([[T0, 5, 0.36, 9.64]], { hh: null, h: null, l: null, ll: null })).toEqual({ min: -2, max: 12 });
  });

  it('shows the whole span asked for, and live values past its end', () => {
    const span = { from: T0 - 3_600_000, to: T0 + 30_000 };
    expect((safetyTrendOption({ ...minute, span }, labels) as { xAxis: object }).xAxis).toEqual({ type: 'time', min: span.from, max: T0 + 60_000 });
    expect((safetyTrendOption({ ...minute, span: { from: T0 - 1, to: T0 + 120_000 } }, labels) as { xAxis: object }).xAxis).toMatchObject({
      max: T0 + 120_000,
    });
    expect((safetyTrendOption(minute, labels) as { xAxis: object }).xAxis).toEqual({ type: 'time' });
  });

  it('shows the value, minimum and maximum with the unit in the tooltip', () => {
    const option = safetyTrendOption(minute, labels) as Option;
    expect(option.tooltip.formatter([{ value: [T0 + 60_000, 6] }])).toBe(`T${T0 + 60_000}<br/>均值: 6 m<br/>最小值: -1 m<br/>最大值: 7 m`);
  });

  it('appends live values after the last point only, in time order', () => {
    const points: TrendPoint[] = [[T0, 5, 5, 5]];
    expect(
      appendLive(points, [
        [T0 + 2000, 7],
        [T0 - 1000, 1],
        [T0 + 1000, 6],
        [T0 + 1000, 6.5],
        [T0 + 3000, Number.NaN],
      ]),
    ).toEqual([
      [T0, 5, 5, 5],
      [T0 + 1000, 6, 6, 6],
      [T0 + 2000, 7, 7, 7],
    ]);
    expect(appendLive([], [[T0, 1]])).toEqual([[T0, 1, 1, 1]]);
    expect(points).toHaveLength(1);
  });
});
