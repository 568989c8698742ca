// Pure helpers of the enterprise service pages: the lifecycle step of a request, late marks of a round, rates as
// "85.7% (6/7)", the metrics periods (this year, quarter, month), the metrics chart and the import's commit rule.
import type { EChartsCoreOption } from 'echarts/core';
import { requestCategories, shanghaiDay, type RequestCategory, type RequestStatus } from '@zoneops/shared';
import { formatDate, formatDateTime } from '../../app/format.ts';

// ---- the lifecycle -------------------------------------------------------------------------------------------------

/** 登记 · 分派 · 办理 · 评价 · 回访 */
export const requestSteps = ['register', 'dispatch', 'handle', 'rate', 'followUp'] as const;

/**
 * The step a request is at (antd Steps `current`): the first one not yet done. Registered waits for its dispatch,
 * dispatched/accepted/reopened are being handled, answered waits for its rating, closed for the follow-up call; a
 * closed request with its follow-up has done every step (steps.length).
 */
export function requestStep(status: RequestStatus, followedUp: boolean): number {
  switch (status) {
    case 'registered':
      return 1;
    case 'dispatched':
    case 'accepted':
    case 'reopened':
      return 2;
    case 'answered':
      return 3;
    case 'closed':
      return followedUp ? requestSteps.length : 4;
  }
}

export const isOpenRequest = (status: RequestStatus) => status !== 'closed';

export const statusColours: Record<RequestStatus, string> = {
  registered: 'default',
  dispatched: 'blue',
  accepted: 'processing',
  answered: 'gold',
  reopened: 'volcano',
  closed: 'green',
};

export const ratingColours = { satisfied: 'green', basicallySatisfied: 'cyan', dissatisfied: 'red' } as const;

export const requestPath = (r: { id: string }) => `/service/requests/${r.id}`;
export const portalRequestPath = (r: { id: string }) => `/portal/requests/${r.id}`;
/** The ledger item a request is (its timeline and reminders). */
export const ledgerItemPath = (itemId: string) => `/supervision/items/${itemId}`;

// ---- late marks ---------------------------------------------------------------------------------------------------

export interface RoundClock {
  responseDueAt: string;
  respondedAt: string | null;
  completionDueOn: string;
  completedOn: string | null;
}

/** Whether a round's response and completion are late: done after the deadline, or not done and the deadline passed. */
export function roundLateness(r: RoundClock, now: Date): { response: boolean; completion: boolean } {
  const due = Date.parse(r.responseDueAt);
  const response = r.respondedAt ? Date.parse(r.respondedAt) > due : now.getTime() > due;
  const completion = r.completedOn ? r.completedOn > r.completionDueOn : shanghaiDay(now) > r.completionDueOn;
  return { response, completion };
}

/**
 * A response deadline in Shanghai time, to the minute. A deadline at the very end of a day is the next day's midnight
 * as an instant (2026-11-27T00:00+08:00); it is shown as that day's 24:00 ("2026-11-26 24:00"), not as a day later.
 */
export function formatDueAt(value: string | null | undefined): string {
  const full = formatDateTime(value);
  if (!full.endsWith(' 00:00:00')) return formatDateTime(value, false);
  return `${formatDate(new Date(Date.parse(value!) - 1))} 24:00`;
}

// ---- rates ---------------------------------------------------------------------------------------------------------

export interface Rate {
  count: number;
  of: number;
  rate: number | null;
}

/** "85.7%" with one decimal, or an em dash when nothing was counted. */
export const formatPercent = (rate: number | null) => (rate === null ? '—' : `${rate.toFixed(1)}%`);

/** "85.7% (6/7)", or "— (0/0)" when nothing was counted. */
export const formatRate = (r: Rate) => `${formatPercent(r.rate)} (${r.count}/${r.of})`;

// ---- periods -------------------------------------------------------------------------------------------------------

export const periodPresets = ['year', 'quarter', 'month'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of a month (1..12) of a year. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** This year, quarter or month of a day (YYYY-MM-DD), first to last day. */
export function periodOf(preset: PeriodPreset, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (preset === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  const first = preset === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const last = preset === 'quarter' ? first + 2 : month;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

/** The preset a period is for a day, or 'custom'. */
export function presetOf(period: Period, today: string): PeriodPreset | 'custom' {
  return (
    periodPresets.find((p) => {
      const x = periodOf(p, today);
      return x.from === period.from && x.to === period.to;
    }) ?? 'custom'
  );
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The period of the page's URL (?from&to), this year when absent or unreadable. */
export function periodFromParams(from: string | null, to: string | null, today: string): Period {
  if (from && to && ISO_DAY.test(from) && ISO_DAY.test(to) && from <= to) return { from, to };
  return periodOf('year', today);
}

// ---- the metrics chart ---------------------------------------------------------------------------------------------

export const metricKeys = ['onTimeResponse', 'onTimeCompletion', 'satisfaction', 'resolved'] as const;
export type MetricKey = (typeof metricKeys)[number];

export interface MetricsChartRow extends Record<MetricKey, Rate> {
  unitName: string;
}

export const metricColours: Record<MetricKey, string> = {
  onTimeResponse: '#1b4d89',
  onTimeCompletion: '#5b8fd1',
  satisfaction: '#3aa76d',
  resolved: '#e3b448',
};

/** The four rates of each unit as grouped bars (0–100%); a rate with nothing counted draws no bar. */
export function metricsChartOption(rows: readonly MetricsChartRow[], labels: { metric: (k: MetricKey) => string; noData: string }): EChartsCoreOption {
  return {
    title: rows.length ? undefined : { text: labels.noData, left: 'center', top: 'middle', textStyle: { color: '#999', fontSize: 13, fontWeight: 'normal' } },
    color: metricKeys.map((k) => metricColours[k]),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPercent(v) : '—') },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.unitName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
    series: metricKeys.map((k) => ({
      name: labels.metric(k),
      type: 'bar',
      barMaxWidth: 14,
      data: rows.map((r) => (r[k].rate === null ? null : Math.round(r[k].rate * 10) / 10)),
    })),
  };
}

// ---- routes, pairings, imports -------------------------------------------------------------------------------------

/** Every category with its route (or none yet), in the order of the categories. */
export function routeTable<R extends { category: RequestCategory }>(routes: readonly R[]): { category: RequestCategory; route: R | null }[] {
  return requestCategories.map((category) => ({ category, route: routes.find((r) => r.category === category) ?? null }));
}

/** Days since the last visit (YYYY-MM-DD), or null when never visited. */
export function daysSince(day: string | null, today: string): number | null {
  if (!day) return null;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** An import is committed all or nothing: only when every row is valid and something is new. */
export const importCommittable = (p: { valid: number; invalid: number }) => p.invalid === 0 && p.valid > 0;
