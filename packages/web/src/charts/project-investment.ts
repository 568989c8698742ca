// A project's investment by month of its plan year: planned and completed bars, and the year's cumulative completed
// investment as a line. Pure: reports and labels in, option out. Sums go through integer hundredths of 万元.
import type { EChartsCoreOption } from 'echarts/core';
import { centsToMoney, isMoney, moneyToCents } from '@zoneops/shared';
import { noDataTitle } from './chart-titles.ts';

export interface PeriodFigures {
  /** "YYYY-MM" or "YYYY-MM-1/2/3" */
  period: string;
  planned: string;
  completed: string;
  status: string;
}

export interface MonthlyInvestment {
  /** 1..12 */
  months: number[];
  /** 万元 with two decimals, per month */
  planned: string[];
  completed: string[];
  /** completed from January up to each month, null after the last month with a report */
  cumulative: (string | null)[];
  /** whether any report of the year counted */
  empty: boolean;
}

/** Statuses whose figures are drawn: what has been filed with the department (a draft is still the reporter's). */
export const chartedStatuses: readonly string[] = ['submitted', 'approved'];

const cents = (s: string) => (isMoney(s) ? moneyToCents(s) : 0n);

/** The reports of a year summed per month (ten-day reports add up to their month). */
export function monthlyInvestment(reports: readonly PeriodFigures[], year: number, statuses: readonly string[] = chartedStatuses): MonthlyInvestment {
  const planned = Array.from({ length: 12 }, () => 0n);
  const completed = Array.from({ length: 12 }, () => 0n);
  let last = 0;
  const prefix = `${year}-`;
  for (const r of reports) {
    if (!r.period.startsWith(prefix) || !statuses.includes(r.status)) continue;
    const m = Number(r.period.slice(5, 7));
    if (!(m >= 1 && m <= 12)) continue;
    planned[m - 1]! += cents(r.planned);
    completed[m - 1]! += cents(r.completed);
    last = Math.max(last, m);
  }
  let run = 0n;
  const cumulative = completed.map((c, i) => (i < last ? centsToMoney((run += c)) : null));
  return {
    months: planned.map((_, i) => i + 1),
    planned: planned.map(centsToMoney),
    completed: completed.map(centsToMoney),
    cumulative,
    empty: last === 0,
  };
}

export interface InvestmentChartLabels {
  planned: string;
  completed: string;
  cumulative: string;
  /** axis name, e.g. "万元" */
  unit: string;
  noData: string;
  /** the label of a month on the axis */
  month: (m: number) => string;
}

export const investmentColours = { planned: '#9bb8d9', completed: '#1b4d89', cumulative: '#e3b448' } as const;

export function investmentChartOption(data: MonthlyInvestment, labels: InvestmentChartLabels): EChartsCoreOption {
  const num = (xs: (string | null)[]) => xs.map((x) => (x === null ? null : Number(x)));
  return {
    title: data.empty ? noDataTitle(labels.noData) : undefined,
    color: [investmentColours.planned, investmentColours.completed, investmentColours.cumulative],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: data.months.map(labels.month), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: labels.unit, nameTextStyle: { align: 'left' }, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      { name: labels.planned, type: 'bar', barMaxWidth: 14, data: num(data.planned) },
      { name: labels.completed, type: 'bar', barMaxWidth: 14, data: num(data.completed) },
      { name: labels.cumulative, type: 'line', smooth: false, symbolSize: 5, data: num(data.cumulative) },
    ],
  };
}
