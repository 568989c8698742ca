// The big screen's bars of open alarms by level (dark background). Pure: counts and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';
import type { AlarmLevel } from '@zoneops/shared';

export const screenLevelColours: Record<AlarmLevel, string> = { red: '#ff4d4f', orange: '#fa8c16', yellow: '#fadb14', blue: '#1890ff' };
const order: readonly AlarmLevel[] = ['red', 'orange', 'yellow', 'blue'];

export function screenAlarmsOption(counts: Record<AlarmLevel, number>, levelName: Record<AlarmLevel, string>): EChartsCoreOption {
  return {
    backgroundColor: 'transparent',
    animationDurationUpdate: 600,
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: 'rgba(120,170,220,0.12)' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: order.map((l) => levelName[l]),
      axisLine: { lineStyle: { color: 'rgba(120,170,220,0.4)' } },
      axisTick: { show: false },
      axisLabel: { color: '#b7d4f0', fontSize: 13 },
    },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: order.map((l) => ({ value: counts[l] ?? 0, itemStyle: { color: screenLevelColours[l], borderRadius: [0, 7, 7, 0] } })),
        label: { show: true, position: 'right', color: '#e6f4ff', fontSize: 13, fontWeight: 600 },
        showBackground: true,
        backgroundStyle: { color: 'rgba(120,170,220,0.08)', borderRadius: [0, 7, 7, 0] },
      },
    ],
  };
}
