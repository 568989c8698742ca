// Donut of a ledger's top-level items by light (red, yellow, green, and none: closed or under public notice).
// Pure: counts and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';
import { donutTotalTitle, noDataTitle } from './chart-titles.ts';

export interface LightCounts {
  red: number;
  yellow: number;
  green: number;
  none: number;
}

export interface LightLabels {
  red: string;
  yellow: string;
  green: string;
  none: string;
  noData: string;
  /** the caption under the total in the hole */
  total: string;
}

export const lightChartColours = { red: '#e5484d', yellow: '#f5a623', green: '#3aa655', none: '#b8bec6' } as const;

/** The light counts of a ledger from its summary and the number of green items (clamped at zero). */
export function lightCountsOf(counts: { total: number; red: number; yellow: number }, green: number): LightCounts {
  const none = Math.max(0, counts.total - counts.red - counts.yellow - green);
  return { red: counts.red, yellow: counts.yellow, green, none };
}

export function ledgerLightsOption(counts: LightCounts, labels: LightLabels): EChartsCoreOption {
  const keys = ['red', 'yellow', 'green', 'none'] as const;
  const data = keys.map((k) => ({ name: labels[k], value: counts[k], itemStyle: { color: lightChartColours[k] } }));
  const total = keys.reduce((sum, k) => sum + counts[k], 0);
  return {
    title: total === 0 ? noDataTitle(labels.noData) : donutTotalTitle(String(total), labels.total, { left: '29%', top: '36%' }),
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 4, top: 'middle', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    series: [
      {
        type: 'pie',
        radius: ['48%', '76%'],
        center: ['30%', '50%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: false },
        data: total === 0 ? [] : data.filter((d) => d.value > 0),
      },
    ],
  };
}
