// The cockpit's key projects tile: projects by traffic light as a donut, the total in the hole. Pure: counts, labels
// and the light colours in (the page passes the ProjectLight badges' colours so that the two agree), option out.
import type { EChartsCoreOption } from 'echarts/core';
import type { Light } from '@zoneops/shared';
import { donutTotalTitle, noDataTitle } from './chart-titles.ts';

export interface LightCount {
  light: Light;
  count: number;
}

export interface CockpitLightLabels {
  /** the name of each light ("红灯" …) */
  light: Record<Light, string>;
  /** the caption under the total ("个项目") */
  total: string;
  noData: string;
  /** a count as the page writes numbers */
  number: (n: number) => string;
}

/** The legend's order: the lights that need attention first. */
export const cockpitLightOrder: readonly Light[] = ['red', 'yellow', 'green', 'none'];

/** Projects by light (donut); lights without projects are left out; an empty answer says so. */
export function cockpitLightDonutOption(byLight: readonly LightCount[], labels: CockpitLightLabels, colours: Record<Light, string>): EChartsCoreOption {
  const data = cockpitLightOrder
    .map((light) => ({
      light,
      name: labels.light[light],
      value: byLight.filter((b) => b.light === light).reduce((n, b) => n + b.count, 0),
      itemStyle: { color: colours[light] },
    }))
    .filter((d) => d.value > 0);
  const total = data.reduce((n, d) => n + d.value, 0);
  return {
    title: total === 0 ? noDataTitle(labels.noData) : donutTotalTitle(labels.number(total), labels.total, { left: '34%', top: '36%' }),
    tooltip: {
      trigger: 'item',
      formatter: (p: { name?: string; value?: unknown; percent?: number }) => `${p.name ?? ''}: ${labels.number(Number(p.value ?? 0))} (${p.percent ?? 0}%)`,
    },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { fontSize: 12 },
      formatter: (name: string) => {
        const d = data.find((x) => x.name === name);
        return d ? `${name}  ${labels.number(d.value)}` : name;
      },
    },
    series: [
      {
        type: 'pie',
        radius: ['50%', '78%'],
        center: ['35%', '50%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: false },
        data,
      },
    ],
  };
}
