// The totals of one track as horizontal bars (the ranking tab): best on top, the red-flag holders in red, each bar
// labelled with its total and its rank (并列 when tied). Pure: rows and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';

export interface TotalsRow {
  name: string;
  total: number;
  rank: number;
  tied: boolean;
  redFlag: boolean;
}

export interface TotalsLabels {
  /** 第1名 / 并列第2名 / 1st / tied 2nd */
  rank: (rank: number, tied: boolean) => string;
  noData: string;
}

export const totalsColours = { flag: '#cf1322', other: '#1b4d89' } as const;

/** Rows in rank order; the chart's height is the caller's (about 28 px a row). */
export function totalsOption(rows: readonly TotalsRow[], labels: TotalsLabels): EChartsCoreOption {
  const ordered = [...rows].sort((a, b) => a.rank - b.rank || b.total - a.total);
  return {
    title: ordered.length
      ? undefined
      : { text: labels.noData, left: 'center', top: 'middle', textStyle: { color: '#999', fontSize: 13, fontWeight: 'normal' } },
    tooltip: { show: false },
    grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', inverse: true, data: ordered.map((r) => r.name), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: ordered.map((r) => ({
          value: r.total,
          itemStyle: { color: r.redFlag ? totalsColours.flag : totalsColours.other },
          label: { show: true, position: 'right', formatter: `${r.total}  ${labels.rank(r.rank, r.tied)}`, color: r.redFlag ? totalsColours.flag : '#595959' },
        })),
      },
    ],
  };
}
