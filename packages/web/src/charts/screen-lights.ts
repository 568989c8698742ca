// The big screen's donut of projects by light (dark background). Pure: counts and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';
import type { Light } from '@zoneops/shared';

export const screenLightColours: Record<Light, string> = { red: '#ff4d4f', yellow: '#fadb14', green: '#52c41a', none: '#8c9bb0' };
const order: readonly Light[] = ['red', 'yellow', 'green', 'none'];

export interface ScreenLightLabels {
  light: Record<Light, string>;
  /** the caption under the total in the hole */
  total: string;
  noData: string;
}

export function screenLightsOption(byLight: readonly { light: Light; count: number }[], labels: ScreenLightLabels): EChartsCoreOption {
  const counts = new Map(byLight.map((b) => [b.light, b.count]));
  const data = order.map((l) => ({ name: labels.light[l], value: counts.get(l) ?? 0, itemStyle: { color: screenLightColours[l] } })).filter((d) => d.value > 0);
  const total = data.reduce((s, d) => s + d.value, 0);
  return {
    backgroundColor: 'transparent',
    animationDurationUpdate: 600,
    title: {
      text: total === 0 ? labels.noData : String(total),
      subtext: total === 0 ? '' : labels.total,
      left: '34%',
      top: total === 0 ? 'middle' : '36%',
      textAlign: 'center',
      textStyle: { color: '#e6f4ff', fontSize: total === 0 ? 14 : 26, fontWeight: 600 },
      subtextStyle: { color: '#7fa6c9', fontSize: 12 },
      itemGap: 2,
    },
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: {
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: '#b7d4f0', fontSize: 13 },
      formatter: (name: string) => `${name}  ${data.find((d) => d.name === name)?.value ?? 0}`,
    },
    series: [
      {
        type: 'pie',
        radius: ['52%', '78%'],
        center: ['35%', '50%'],
        itemStyle: { borderColor: '#0a1a33', borderWidth: 2 },
        label: { show: false },
        data,
      },
    ],
  };
}
