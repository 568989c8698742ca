// The history of one economic indicator (GET /api/economy/indicators/:id/series) as charts: cumulative growth by
// period for the zone against the city and the peers (the zone and the city drawn strong, the peers thin), and on the
// indicator's page the zone's value as bars beside the growth lines. Pure: points and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';
import { periodOrdinal, round, type RegionKind } from '@zoneops/shared';
import { noDataTitle } from './chart-titles.ts';

/** [period, regionId, value, growth], as the series answer carries them. */
export type SeriesPoint = readonly [string, string, number | null, number | null];

export interface TrendRegion {
  id: string;
  name: string;
  kind: RegionKind;
}

export interface TrendTable {
  /** The periods with a figure of any region, oldest first. */
  periods: string[];
  /** Per region, aligned with periods (null where it has no figure). */
  value: Map<string, (number | null)[]>;
  growth: Map<string, (number | null)[]>;
}

/** Points laid out by period and region; `to` (a month) drops later periods (a dashboard looking at an earlier month). */
export function trendTable(points: readonly SeriesPoint[], opts: { to?: string } = {}): TrendTable {
  const limit = opts.to ? periodOrdinal(opts.to) : Infinity;
  const kept = points.filter((p) => periodOrdinal(p[0]) <= limit);
  const periods = [...new Set(kept.map((p) => p[0]))].sort((a, b) => periodOrdinal(a) - periodOrdinal(b));
  const index = new Map(periods.map((p, i) => [p, i]));
  const value = new Map<string, (number | null)[]>();
  const growth = new Map<string, (number | null)[]>();
  const row = (m: Map<string, (number | null)[]>, id: string) => {
    let r = m.get(id);
    if (!r) {
      r = periods.map(() => null);
      m.set(id, r);
    }
    return r;
  };
  for (const [period, regionId, v, g] of kept) {
    const i = index.get(period)!;
    row(value, regionId)[i] = v;
    row(growth, regionId)[i] = g;
  }
  return { periods, value, growth };
}

export const trendColours = {
  zone: '#1b4d89',
  city: '#d4380d',
  zoneBar: '#9bb8d9',
  peers: ['#8c8c8c', '#7fa37a', '#b38db0', '#b5a66b', '#6fa3a8', '#c0896f', '#8f8fc2', '#9aaf6b', '#a0a0a0', '#c7a1a1'],
} as const;

export interface TrendLabels {
  /** The name of the growth axis, e.g. "增速（%）". */
  growthAxis: string;
  noData: string;
  /** A period's label on the axis. */
  period: (period: string) => string;
}

const order: Record<RegionKind, number> = { zone: 0, city: 1, peer: 2 };

/** The zone first, the city second, then the peers in their given order; regions with no figure at all left out. */
function drawnRegions(regions: readonly TrendRegion[], rows: Map<string, (number | null)[]>): TrendRegion[] {
  return regions
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => rows.get(r.id)?.some((x) => x !== null))
    .sort((a, b) => order[a.r.kind] - order[b.r.kind] || a.i - b.i)
    .map(({ r }) => r);
}

const percentText = (v: unknown) => (typeof v === 'number' ? `${round(v, 1).toFixed(1)}%` : '—');

function growthLine(r: TrendRegion, data: (number | null)[], peerIndex: number, yAxisIndex = 0) {
  const strong = r.kind !== 'peer';
  const colour = r.kind === 'zone' ? trendColours.zone : r.kind === 'city' ? trendColours.city : trendColours.peers[peerIndex % trendColours.peers.length]!;
  return {
    name: r.name,
    type: 'line',
    yAxisIndex,
    data,
    connectNulls: false,
    z: r.kind === 'zone' ? 5 : r.kind === 'city' ? 4 : 2,
    symbol: strong ? 'circle' : 'none',
    symbolSize: strong ? 6 : 0,
    lineStyle: { width: strong ? 3 : 1, type: r.kind === 'city' ? 'dashed' : 'solid', color: colour, opacity: strong ? 1 : 0.7 },
    itemStyle: { color: colour },
  };
}

/** Cumulative growth by period: one line per region, the zone and the city emphasised, the peers thin. */
export function growthTrendOption(table: TrendTable, regions: readonly TrendRegion[], labels: TrendLabels): EChartsCoreOption {
  const drawn = drawnRegions(regions, table.growth);
  let peer = 0;
  const series = drawn.map((r) => growthLine(r, table.growth.get(r.id)!, r.kind === 'peer' ? peer++ : 0));
  return {
    title: series.length ? undefined : noDataTitle(labels.noData),
    tooltip: { trigger: 'axis', valueFormatter: percentText },
    // the legend on its own line above the axis name (a long English legend would run into it)
    legend: { top: 0, type: 'scroll', itemWidth: 16, itemHeight: 8, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 16, top: 56, bottom: 4, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: table.periods.map(labels.period) },
    yAxis: {
      type: 'value',
      name: labels.growthAxis,
      nameTextStyle: { align: 'left' },
      axisLabel: { formatter: '{value}%' },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    series,
  };
}

export interface ValueGrowthLabels extends TrendLabels {
  /** The name of the value axis (the unit). */
  valueAxis: string;
  /** The legend name of the zone's value bars. */
  zoneValue: string;
  /** The legend name of a region's growth line. */
  growthOf: (name: string) => string;
  valueText: (v: number) => string;
}

/** The indicator's page: the zone's value as bars (left axis), and growth lines of the zone, the city and the peers (right). */
export function valueGrowthOption(table: TrendTable, regions: readonly TrendRegion[], labels: ValueGrowthLabels): EChartsCoreOption {
  const zone = regions.find((r) => r.kind === 'zone');
  const zoneValues = zone ? table.value.get(zone.id) : undefined;
  const drawn = drawnRegions(regions, table.growth);
  let peer = 0;
  const lines = drawn.map((r) => ({ ...growthLine(r, table.growth.get(r.id)!, r.kind === 'peer' ? peer++ : 0, 1), name: labels.growthOf(r.name) }));
  const bars =
    zone && zoneValues?.some((v) => v !== null)
      ? [{ name: labels.zoneValue, type: 'bar', yAxisIndex: 0, barMaxWidth: 18, data: zoneValues, itemStyle: { color: trendColours.zoneBar } }]
      : [];
  const series = [...bars, ...lines];
  return {
    title: series.length ? undefined : noDataTitle(labels.noData),
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => tooltipOf(params as TooltipItem[], labels.valueText),
    },
    legend: { top: 0, type: 'scroll', itemWidth: 16, itemHeight: 8, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 8, top: 56, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: table.periods.map(labels.period) },
    yAxis: [
      { type: 'value', name: labels.valueAxis, nameTextStyle: { align: 'left' }, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', name: labels.growthAxis, nameTextStyle: { align: 'right' }, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series,
  };
}

interface TooltipItem {
  axisValueLabel?: string;
  seriesName?: string;
  seriesType?: string;
  value?: unknown;
  marker?: string;
}

/** The tooltip of the value-and-growth chart: values in the unit's format, growth with one decimal and %. */
export function tooltipOf(items: readonly TooltipItem[], valueText: (v: number) => string): string {
  if (!items.length) return '';
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines = items.map((p) => {
    const v = p.value;
    const text = typeof v !== 'number' ? '—' : p.seriesType === 'bar' ? valueText(v) : percentText(v);
    return `${p.marker ?? ''}${esc(p.seriesName ?? '')}: ${text}`;
  });
  return [esc(items[0]!.axisValueLabel ?? ''), ...lines].join('<br/>');
}
