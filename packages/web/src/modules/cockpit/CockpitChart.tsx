// The cockpit's charts, loaded lazily with ECharts (the page's first paint does not wait for it). The funnel is not
// among the parts EChart.tsx registers, so it is registered here (echarts.use is global and idempotent).
import * as echarts from 'echarts/core';
import { FunnelChart } from 'echarts/charts';
import { EChart } from '../../app/EChart.tsx';

echarts.use([FunnelChart]);

export default function CockpitChart({ option, height, testId }: { option: echarts.EChartsCoreOption; height: number; testId: string }) {
  return <EChart option={option} height={height} testId={testId} />;
}
