// The cockpit's supervision tile: open red (overdue) items per responsible unit as horizontal bars, the unit with the
// most on top; the tooltip adds the unit's open items. Pure: rows and labels in, ECharts option out.
import type { EChartsCoreOption } from 'echarts/core';
import { noDataTitle } from './chart-titles.ts';

export interface OverdueUnit {
  unitId: string;
  unitName: string;
  open: number;
  red: number;
}

export interface OverdueLabels {
  /** "超期（红灯）" */
  red: string;
  /** "在办" */
  open: string;
  noData: string;
  number: (n: number) => string;
}

export const OVERDUE_COLOUR = '#e5484d';

/** Units with red items, most first (the server's order for equal counts). */
export function overdueUnits(rows: readonly OverdueUnit[]): OverdueUnit[] {
  return rows
    .map((r, i) => ({ r, i }))
    .filter((x) => x.r.red > 0)
    .sort((a, b) => b.r.red - a.r.red || a.i - b.i)
    .map((x) => x.r);
}

/** A chart height that gives each unit a bar of readable size. */
export const overdueChartHeight = (units: number) => Math.max(110, Math.min(10, units) * 22 + 40);

export function overdueByUnitOption(rows: readonly OverdueUnit[], labels: OverdueLabels): EChartsCoreOption {
  const units = overdueUnits(rows);
  return {
    title: units.length === 0 ? noDataTitle(labels.noData) : undefined,
    color: [OVERDUE_COLOUR],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex?: number } | { dataIndex?: number }[]) => {
        const p = Array.isArray(params) ? params[0] : params;
        const u = p?.dataIndex === undefined ? undefined : units[p.dataIndex];
        return u ? `${u.unitName}<br/>${labels.red}: ${labels.number(u.red)}<br/>${labels.open}: ${labels.number(u.open)}` : '';
      },
    },
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { show: true }, axisLabel: { formatter: (v: number) => labels.number(v) } },
    yAxis: { type: 'category', inverse: true, data: units.map((u) => u.unitName), axisTick: { show: false }, axisLabel: { width: 110, overflow: 'truncate' } },
    series:
      units.length === 0
        ? []
        : [
            {
              type: 'bar',
              name: labels.red,
              data: units.map((u) => u.red),
              barMaxWidth: 16,
              label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => labels.number(Number(p.value ?? 0)) },
            },
          ],
  };
}
