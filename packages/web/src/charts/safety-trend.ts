// The trend of one monitoring point (GET /api/safety/points/:id/series, with live values appended from the socket):
// the value line, its min–max band for roll-ups (minute and hour averages), and the thresholds as horizontal lines
// (high-high and low-low red, high orange, low yellow). The value axis always takes the thresholds in, so a line far
// from the readings is still drawn. Pure: series and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';

/** [ts ms, value (avg for roll-ups), min, max], as the series answer carries them. */
export type TrendPoint = readonly [number, number, number, number];
export type TrendResolution = 'raw' | 'minute' | 'hour';
export type ThresholdBand = 'hh' | 'h' | 'l' | 'll';
export type Thresholds = Record<ThresholdBand, number | null>;

export interface TrendSeries {
  resolution: TrendResolution;
  points: readonly TrendPoint[];
  thresholds: Thresholds;
  unit: string;
  /** The span asked for (ms): the time axis shows all of it, and live values past its end. */
  span?: { from: number; to: number };
}

export interface TrendLabels {
  /** The value line: "数值" for raw readings, "均值" for roll-ups. */
  value: string;
  band: string;
  min: string;
  max: string;
  noData: string;
  threshold: Record<ThresholdBand, string>;
  /** A time on the tooltip. */
  time: (ms: number) => string;
}

export const thresholdColours: Record<ThresholdBand, string> = { hh: '#cf1322', h: '#fa8c16', l: '#d4b106', ll: '#cf1322' };
export const trendColours = { line: '#1b4d89', band: 'rgba(27, 77, 137, 0.15)' } as const;

const bands: readonly ThresholdBand[] = ['hh', 'h', 'l', 'll'];

/** The points with live values [ts, value] appended after the last one (older or repeated ones are left out). */
export function appendLive(points: readonly TrendPoint[], live: readonly (readonly [number, number])[]): TrendPoint[] {
  const out = [...points];
  let last = out.length ? out[out.length - 1]![0] : -Infinity;
  for (const [ts, v] of [...live].sort((a, b) => a[0] - b[0])) {
    if (ts <= last || !Number.isFinite(v)) continue;
    out.push([ts, v, v, v]);
    last = ts;
  }
  return out;
}

/** A round step near `x`: 1, 2 or 5 times a power of ten. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  const f = x / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** The value axis' extent: the readings (min and max of roll-ups) and every threshold, with a margin, on round numbers. */
export function valueExtent(points: readonly TrendPoint[], thresholds: Thresholds): { min: number; max: number } | null {
  const values: number[] = [];
  for (const p of points) values.push(p[2], p[3], p[1]);
  for (const b of bands) if (thresholds[b] !== null) values.push(thresholds[b]!);
  if (!values.length) return null;
  let min = Math.min(...values);
  let max = Math.max(...values);
  const pad = max > min ? (max - min) * 0.08 : Math.abs(max) * 0.1 || 1;
  min -= pad;
  max += pad;
  const step = niceStep((max - min) / 8);
  const round = (v: number) => Number(v.toPrecision(12));
  return { min: round(Math.floor(min / step) * step), max: round(Math.ceil(max / step) * step) };
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3))));

export function safetyTrendOption(series: TrendSeries, labels: TrendLabels): EChartsCoreOption {
  const { points, thresholds, unit } = series;
  const rollup = series.resolution !== 'raw';
  const extent = valueExtent(points, thresholds);
  const markLines = bands
    .filter((b) => thresholds[b] !== null)
    .map((b) => ({
      name: labels.threshold[b],
      yAxis: thresholds[b],
      lineStyle: { color: thresholdColours[b], type: 'dashed', width: 1.5 },
      label: { formatter: `${labels.threshold[b]} ${fmt(thresholds[b]!)}`, position: 'insideStartTop', color: thresholdColours[b] },
    }));
  const line = {
    name: labels.value,
    type: 'line',
    data: points.map((p) => [p[0], p[1]]),
    showSymbol: points.length <= 60,
    symbolSize: 4,
    lineStyle: { width: 1.5, color: trendColours.line },
    itemStyle: { color: trendColours.line },
    z: 3,
    markLine: { silent: true, symbol: 'none', data: markLines },
  };
  // min–max band: an invisible line at the minimum and the range stacked on it as a filled area
  const band = rollup
    ? [
        {
          name: labels.min,
          type: 'line',
          stack: 'band',
          stackStrategy: 'all',
          data: points.map((p) => [p[0], p[2]]),
          symbol: 'none',
          lineStyle: { opacity: 0 },
          tooltip: { show: false },
        },
        {
          name: labels.band,
          type: 'line',
          stack: 'band',
          stackStrategy: 'all',
          data: points.map((p) => [p[0], p[3] - p[2]]),
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color: trendColours.band },
          tooltip: { show: false },
        },
      ]
    : [];
  const byTs = new Map(points.map((p) => [p[0], p]));
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 28, bottom: 32 },
    title: points.length
      ? undefined
      : { text: labels.noData, left: 'center', top: 'middle', textStyle: { fontSize: 13, color: '#8c8c8c', fontWeight: 'normal' } },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params : [params])[0] as { value?: [number, number] } | undefined;
        const ts = first?.value?.[0];
        if (ts === undefined) return '';
        const p = byTs.get(ts);
        if (!p) return labels.time(ts);
        const rows = [labels.time(ts), `${labels.value}: ${fmt(p[1])} ${unit}`];
        if (rollup) rows.push(`${labels.min}: ${fmt(p[2])} ${unit}`, `${labels.max}: ${fmt(p[3])} ${unit}`);
        return rows.join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      ...(series.span ? { min: series.span.from, max: Math.max(series.span.to, points.length ? points[points.length - 1]![0] : 0) } : {}),
    },
    yAxis: { type: 'value', name: unit, scale: true, ...(extent ?? {}) },
    series: [...band, line],
  };
}
