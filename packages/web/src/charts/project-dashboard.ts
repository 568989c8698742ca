// Charts of the key project dashboard (GET /api/projects/dashboard): projects and investment by stage, industry and
// unit (bars), by light (donut), and the year's monthly completed vs planned investment (bars, cumulative lines).
// Pure: data and labels in, ECharts option out. Amounts arrive in 万元 as strings; charts draw 亿元 (numbers, two
// decimals) and tooltips show both.
import type { EChartsCoreOption } from 'echarts/core';
import { centsToMoney, moneyToCents, sumMoney } from '@zoneops/shared';
import { donutTotalTitle, noDataTitle } from './chart-titles.ts';

export interface Bucket {
  key: string;
  name?: string;
  count: number;
  totalInvestment: string;
}

export interface MoneyLabels {
  /** "亿元" */
  yi: string;
  /** "万元" */
  wan: string;
}

export interface BucketLabels extends MoneyLabels {
  /** the series of project counts ("项目数") */
  count: string;
  /** the series of total investment ("总投资") */
  investment: string;
  /** the display name of a bucket (a stage, an industry's dictionary label, a unit's name) */
  nameOf: (b: Bucket) => string;
  /** the bucket merging the rest ("其他") */
  other: string;
  noData: string;
}

export const projectChartPalette = ['#1b4d89', '#3a7dc9', '#5fa8d3', '#2e9d8f', '#8cc084', '#e3b448', '#d9823b', '#b5534f', '#8a6fb0', '#9aa5b1'];
const COUNT_COLOUR = '#3a7dc9';
const MONEY_COLOUR = '#e3b448';

// ---- numbers -------------------------------------------------------------------------------------------------------

function safeCents(s: string | null | undefined): bigint {
  try {
    return s == null || s === '' ? 0n : moneyToCents(s);
  } catch {
    return 0n;
  }
}

/** 万元 (string) → 亿元 (number, two decimals). */
export function yiOf(wan: string | null | undefined): number {
  const n = Number(wan);
  return Number.isFinite(n) ? Math.round(n / 100) / 100 : 0;
}

/** "1234567.8" → "1,234,567.80" (万元 with separators). */
export function wanText(wan: string | null | undefined): string {
  const c = safeCents(wan);
  const a = c < 0n ? -c : c;
  const int = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${c < 0n ? '-' : ''}${int}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** "12.35 亿元（123,456.00 万元）" */
export function moneyTip(wan: string | null | undefined, labels: MoneyLabels): string {
  return `${yiOf(wan).toFixed(2)} ${labels.yi}（${wanText(wan)} ${labels.wan}）`;
}

/** Running totals of amounts in 万元, exact (bigint hundredths). */
export function cumulative(amounts: readonly string[]): string[] {
  let total = 0n;
  return amounts.map((a) => {
    total += safeCents(a);
    return centsToMoney(total);
  });
}

/** Buckets sorted by a key order (unknown keys last, in their order), or as given. */
export function orderBuckets(buckets: readonly Bucket[], order?: readonly string[]): Bucket[] {
  if (!order) return [...buckets];
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return buckets
    .map((b, i) => ({ b, i }))
    .sort((x, y) => rank(x.b.key) - rank(y.b.key) || x.i - y.i)
    .map((x) => x.b);
}

/** The largest buckets by investment (then count); beyond `max` the rest merge into one "other" bucket. */
export function topBuckets(buckets: readonly Bucket[], max: number, otherName: string): Bucket[] {
  const sorted = [...buckets].sort((a, b) => {
    const d = safeCents(b.totalInvestment) - safeCents(a.totalInvestment);
    return d > 0n ? 1 : d < 0n ? -1 : b.count - a.count;
  });
  if (sorted.length <= max) return sorted;
  const head = sorted.slice(0, max - 1);
  const rest = sorted.slice(max - 1);
  return [
    ...head,
    {
      key: '__other',
      name: otherName,
      count: rest.reduce((n, b) => n + b.count, 0),
      totalInvestment: sumMoney(rest.map((b) => b.totalInvestment)),
    },
  ];
}

interface TipParam {
  seriesName?: string;
  name?: string;
  marker?: unknown;
  value?: unknown;
  data?: unknown;
  percent?: number;
  axisValueLabel?: string;
}

const wanOfData = (d: unknown): string | undefined =>
  d && typeof d === 'object' && 'wan' in d && typeof (d as { wan: unknown }).wan === 'string' ? (d as { wan: string }).wan : undefined;

/** An axis tooltip: the category, then each series, money series as 亿元 (万元). */
export function axisTip(params: TipParam | TipParam[], labels: MoneyLabels): string {
  const list = Array.isArray(params) ? params : [params];
  const head = list[0]?.axisValueLabel ?? list[0]?.name ?? '';
  const lines = list
    .filter((p) => p.value != null && p.value !== '-')
    .map((p) => {
      const wan = wanOfData(p.data);
      const marker = typeof p.marker === 'string' ? p.marker : '';
      return `${marker}${p.seriesName ?? ''}: ${wan !== undefined ? moneyTip(wan, labels) : String(p.value ?? '')}`;
    });
  return [head, ...lines].join('<br/>');
}

// ---- by stage, by unit: counts and investment ------------------------------------------------------------------------

export interface BucketBarOptions {
  /** horizontal bars (units), the first bucket on top */
  horizontal?: boolean;
  /** key order (stages) */
  order?: readonly string[];
  /** at most this many bars, the rest merged (units) */
  max?: number;
}

/** Project counts and total investment (亿元) per bucket, on two value axes. */
export function bucketBarOption(buckets: readonly Bucket[], labels: BucketLabels, opts: BucketBarOptions = {}): EChartsCoreOption {
  const list = opts.max ? topBuckets(buckets, opts.max, labels.other) : orderBuckets(buckets, opts.order);
  const names = list.map((b) => (b.key === '__other' ? labels.other : labels.nameOf(b)));
  const empty = list.every((b) => b.count === 0 && safeCents(b.totalInvestment) === 0n);
  const counts = list.map((b) => b.count);
  const money = list.map((b) => ({ value: yiOf(b.totalInvestment), wan: b.totalInvestment }));
  const category = {
    type: 'category',
    data: names,
    inverse: !!opts.horizontal,
    axisLabel: opts.horizontal ? { width: 120, overflow: 'truncate' } : { interval: 0, hideOverlap: true },
    axisTick: { alignWithLabel: true },
  };
  // axis names: under and over the bars when horizontal, above each side's labels (kept inside) when vertical
  const axisName = opts.horizontal
    ? (_side: 'start' | 'end') => ({ nameLocation: 'middle', nameGap: 22 })
    : (side: 'start' | 'end') => ({ nameTextStyle: { align: side === 'start' ? 'left' : 'right' } });
  const values = [
    { type: 'value', name: labels.count, minInterval: 1, splitLine: { show: true }, ...axisName('start') },
    { type: 'value', name: labels.yi, splitLine: { show: false }, ...axisName('end') },
  ];
  const axisIndex = (i: number) => (opts.horizontal ? { xAxisIndex: i } : { yAxisIndex: i });
  return {
    title: empty ? noDataTitle(labels.noData) : undefined,
    color: [COUNT_COLOUR, MONEY_COLOUR],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: TipParam | TipParam[]) => axisTip(p, labels) },
    legend: { top: 0, itemWidth: 12, itemHeight: 10 },
    grid: opts.horizontal ? { left: 8, right: 16, top: 72, bottom: 28, containLabel: true } : { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? values : category,
    yAxis: opts.horizontal ? category : values,
    series: empty
      ? []
      : [
          { type: 'bar', name: labels.count, data: counts, barMaxWidth: 22, ...axisIndex(0) },
          { type: 'bar', name: labels.investment, data: money, barMaxWidth: 22, ...axisIndex(1) },
        ],
  };
}

// ---- by industry: pie ------------------------------------------------------------------------------------------------

/** Projects per industry (pie of counts; the tooltip adds the investment). The smallest merge into "other". */
export function industryPieOption(buckets: readonly Bucket[], labels: BucketLabels, maxSlices = 8): EChartsCoreOption {
  const byCount = [...buckets].filter((b) => b.count > 0).sort((a, b) => b.count - a.count);
  const head = byCount.slice(0, byCount.length > maxSlices ? maxSlices - 1 : maxSlices);
  const rest = byCount.slice(head.length);
  const slices = head.map((b) => ({ name: labels.nameOf(b), value: b.count, wan: b.totalInvestment }));
  if (rest.length) slices.push({ name: labels.other, value: rest.reduce((n, b) => n + b.count, 0), wan: sumMoney(rest.map((b) => b.totalInvestment)) });
  return {
    color: projectChartPalette,
    title: slices.length === 0 ? noDataTitle(labels.noData) : undefined,
    tooltip: {
      trigger: 'item',
      formatter: (p: TipParam) =>
        `${p.name ?? ''}<br/>${labels.count}: ${String(p.value ?? '')} (${p.percent ?? 0}%)<br/>${labels.investment}: ${moneyTip(wanOfData(p.data), labels)}`,
    },
    legend: { type: 'scroll', orient: 'horizontal', bottom: 0, left: 'center', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    series: [
      {
        type: 'pie',
        radius: ['0%', '62%'],
        center: ['50%', '46%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        label: { formatter: '{d}%' },
        data: slices,
      },
    ],
  };
}

// ---- by light: donut -------------------------------------------------------------------------------------------------

export interface LightDonutLabels extends MoneyLabels {
  red: string;
  yellow: string;
  green: string;
  none: string;
  noData: string;
  /** the caption under the total in the hole */
  total: string;
  investment: string;
}

export const projectLightChartColours = { red: '#e5484d', yellow: '#f5a623', green: '#3aa655', none: '#b8bec6' } as const;

export function lightDonutOption(buckets: readonly Bucket[], labels: LightDonutLabels): EChartsCoreOption {
  const keys = ['red', 'yellow', 'green', 'none'] as const;
  const data = keys.map((k) => {
    const b = buckets.find((x) => x.key === k);
    return { name: labels[k], value: b?.count ?? 0, wan: b?.totalInvestment ?? '0.00', itemStyle: { color: projectLightChartColours[k] } };
  });
  const total = data.reduce((n, d) => n + d.value, 0);
  return {
    title: total === 0 ? noDataTitle(labels.noData) : donutTotalTitle(String(total), labels.total, { left: '29%', top: '38%' }),
    tooltip: {
      trigger: 'item',
      formatter: (p: TipParam) =>
        `${p.name ?? ''}: ${String(p.value ?? '')} (${p.percent ?? 0}%)<br/>${labels.investment}: ${moneyTip(wanOfData(p.data), labels)}`,
    },
    legend: { orient: 'vertical', right: 4, top: 'middle', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    series: [
      {
        type: 'pie',
        radius: ['48%', '76%'],
        center: ['30%', '52%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: false },
        data: total === 0 ? [] : data.filter((d) => d.value > 0),
      },
    ],
  };
}

// ---- monthly investment ---------------------------------------------------------------------------------------------

export interface MonthlyLabels extends MoneyLabels {
  planned: string;
  completed: string;
  cumulativePlanned: string;
  cumulativeCompleted: string;
  /** "3月" / "Mar" */
  month: (m: number) => string;
  /** the right axis ("累计") */
  cumulative: string;
  noData: string;
}

export interface MonthAmounts {
  month: number;
  planned: string;
  completed: string;
}

/** Twelve months in order, missing ones as zero (amounts of a month given twice are added). */
export function fullYear(monthly: readonly MonthAmounts[]): MonthAmounts[] {
  return Array.from({ length: 12 }, (_, i) => {
    const rows = monthly.filter((m) => m.month === i + 1);
    return { month: i + 1, planned: sumMoney(rows.map((r) => r.planned)), completed: sumMoney(rows.map((r) => r.completed)) };
  });
}

/** Monthly planned and completed investment (bars, 亿元), with the cumulative totals as lines on a second axis. */
export function monthlyInvestmentOption(monthly: readonly MonthAmounts[], labels: MonthlyLabels): EChartsCoreOption {
  const months = fullYear(monthly);
  // the planned line likewise stops at the last month with planned figures (plans come with the monthly reports)
  const lastPlanned = months.reduce((last, m) => (safeCents(m.planned) !== 0n ? m.month : last), 0);
  const cumPlanned = cumulative(months.map((m) => m.planned)).map((wan, i) => (i < lastPlanned ? wan : null));
  // the completed line stops at the last month with completed investment (later months are not reported yet)
  const lastCompleted = months.reduce((last, m) => (safeCents(m.completed) !== 0n ? m.month : last), 0);
  const cumCompleted = cumulative(months.map((m) => m.completed)).map((wan, i) => (i < lastCompleted ? wan : null));
  const empty = months.every((m) => safeCents(m.planned) === 0n && safeCents(m.completed) === 0n);
  const money = (xs: readonly (string | null)[]) => xs.map((wan) => (wan === null ? null : { value: yiOf(wan), wan }));
  return {
    title: empty ? noDataTitle(labels.noData) : undefined,
    color: ['#9fc3e7', '#1b4d89', '#d9823b', '#2e9d8f'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: TipParam | TipParam[]) => axisTip(p, labels) },
    legend: { top: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => labels.month(m.month)), axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', name: labels.yi, splitLine: { show: true }, nameTextStyle: { align: 'left' } },
      { type: 'value', name: `${labels.cumulative}（${labels.yi}）`, splitLine: { show: false }, nameTextStyle: { align: 'right' } },
    ],
    series: empty
      ? []
      : [
          { type: 'bar', name: labels.planned, data: money(months.map((m) => m.planned)), barMaxWidth: 16, yAxisIndex: 0 },
          { type: 'bar', name: labels.completed, data: money(months.map((m) => m.completed)), barMaxWidth: 16, yAxisIndex: 0 },
          { type: 'line', name: labels.cumulativePlanned, data: money(cumPlanned), yAxisIndex: 1, symbolSize: 5, lineStyle: { type: 'dashed' } },
          { type: 'line', name: labels.cumulativeCompleted, data: money(cumCompleted), yAxisIndex: 1, symbolSize: 5 },
        ],
  };
}
