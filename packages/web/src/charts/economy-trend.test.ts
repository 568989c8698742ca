import { describe, expect, it } from 'vitest';
import { growthTrendOption, tooltipOf, trendColours, trendTable, valueGrowthOption, type SeriesPoint, type TrendRegion } from './economy-trend.ts';

const regions: TrendRegion[] = [
  { id: 'p1', name: '龙海区', kind: 'peer' },
  { id: 'c', name: '漳州市', kind: 'city' },
  { id: 'z', name: '开发区', kind: 'zone' },
  { id: 'p2', name: '长泰区', kind: 'peer' },
  { id: 'p3', name: '无数据县', kind: 'peer' },
];

const points: SeriesPoint[] = [
  ['2026-02', 'z', 20, 12.5],
  ['2026-01', 'z', 10, 18.1],
  ['2026-01', 'c', 50, 6],
  ['2026-02', 'c', 101, 6.5],
  ['2026-01', 'p1', 8, -2],
  ['2025-12', 'z', 150, 9],
  ['2026-03', 'z', 31, 11],
  ['2026-02', 'p2', 7, 3],
];

const labels = { growthAxis: '增速（%）', noData: '暂无数据', period: (p: string) => `P${p}` };

interface Line {
  name: string;
  type: string;
  data: (number | null)[];
  yAxisIndex: number;
  lineStyle: { width: number; type: string; color: string };
}

describe('the trend table', () => {
  it('lays the points out by period (oldest first) and region', () => {
    const t = trendTable(points);
    expect(t.periods).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(t.growth.get('z')).toEqual([9, 18.1, 12.5, 11]);
    expect(t.value.get('c')).toEqual([null, 50, 101, null]);
    expect(t.growth.get('p2')).toEqual([null, null, 3, null]);
    expect(t.growth.has('p3')).toBe(false);
  });

  it('stops at the dashboard month, quarters by their last month', () => {
    expect(trendTable(points, { to: '2026-02' }).periods).toEqual(['2025-12', '2026-01', '2026-02']);
    const quarters: SeriesPoint[] = [
      ['2026-Q1', 'z', 1, 5],
      ['2025-Q4', 'z', 4, 6],
      ['2026-Q2', 'z', 2, 7],
    ];
    expect(trendTable(quarters, { to: '2026-05' }).periods).toEqual(['2025-Q4', '2026-Q1']);
  });
});

describe('the growth trend', () => {
  it('draws the zone and the city strong, the peers thin, regions without figures left out', () => {
    const o = growthTrendOption(trendTable(points), regions, labels) as { series: Line[]; xAxis: { data: string[] }; title?: unknown };
    expect(o.series.map((s) => s.name)).toEqual(['开发区', '漳州市', '龙海区', '长泰区']);
    const [zone, city, p1, p2] = o.series;
    expect(zone!.lineStyle).toMatchObject({ width: 3, type: 'solid', color: trendColours.zone });
    expect(city!.lineStyle).toMatchObject({ width: 3, type: 'dashed', color: trendColours.city });
    expect(p1!.lineStyle.width).toBe(1);
    expect(p2!.lineStyle.width).toBe(1);
    expect(p1!.lineStyle.color).not.toBe(p2!.lineStyle.color);
    expect(zone!.data).toEqual([9, 18.1, 12.5, 11]);
    expect(o.xAxis.data).toEqual(['P2025-12', 'P2026-01', 'P2026-02', 'P2026-03']);
    expect(o.title).toBeUndefined();
  });

  it('says when there is nothing to draw', () => {
    const o = growthTrendOption(trendTable([]), regions, labels) as { series: unknown[]; title: { text: string } };
    expect(o.series).toEqual([]);
    expect(o.title.text).toBe('暂无数据');
  });
});

describe('the value and growth chart', () => {
  const vlabels = {
    ...labels,
    valueAxis: '亿元',
    zoneValue: '开发区累计值',
    growthOf: (n: string) => `${n}增速`,
    valueText: (v: number) => `${v.toFixed(2)}亿元`,
  };

  it('puts the zone value as bars on the left axis and every growth line on the right', () => {
    const o = valueGrowthOption(trendTable(points), regions, vlabels) as { series: Line[]; yAxis: { name: string }[] };
    expect(o.series[0]).toMatchObject({ type: 'bar', name: '开发区累计值', yAxisIndex: 0, data: [150, 10, 20, 31] });
    expect(o.series.slice(1).map((s) => [s.name, s.yAxisIndex])).toEqual([
      ['开发区增速', 1],
      ['漳州市增速', 1],
      ['龙海区增速', 1],
      ['长泰区增速', 1],
    ]);
    expect(o.yAxis.map((a) => a.name)).toEqual(['亿元', '增速（%）']);
  });

  it('leaves the bars out when the zone has no value', () => {
    const o = valueGrowthOption(trendTable([['2026-01', 'c', 5, 1]]), regions, vlabels) as { series: Line[] };
    expect(o.series.map((s) => s.type)).toEqual(['line']);
  });

  it('formats the tooltip: values in the unit, growth with one decimal', () => {
    const html = tooltipOf(
      [
        { axisValueLabel: '26.10', seriesName: '开发区累计值', seriesType: 'bar', value: 123.456, marker: '' },
        { axisValueLabel: '26.10', seriesName: '<b>增速', seriesType: 'line', value: 18.15, marker: '' },
        { axisValueLabel: '26.10', seriesName: '全市增速', seriesType: 'line', value: null, marker: '' },
      ],
      (v) => `${v.toFixed(2)}亿元`,
    );
    expect(html).toBe('26.10<br/>开发区累计值: 123.46亿元<br/>&lt;b&gt;增速: 18.2%<br/>全市增速: —');
    expect(tooltipOf([], String)).toBe('');
  });
});
