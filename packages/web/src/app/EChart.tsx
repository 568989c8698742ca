// The one React host of an ECharts instance in the web client, with the parts the pages draw (bars, lines, pies) and
// an optional click on a data item (the pipeline's stage links). Option builders live in src/charts/ (pure).
import { useEffect, useEffectEvent, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export interface ChartClick {
  /** the category's index on the x axis */
  dataIndex: number;
  seriesName?: string;
  name?: string;
}

export function EChart({
  option,
  height = 300,
  testId,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  testId?: string;
  onClick?: (e: ChartClick) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useEffectEvent((e: ChartClick) => onClick?.(e));

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el);
    chart.current = instance;
    instance.on('click', (p) => {
      const e = p as { dataIndex?: number; seriesName?: string; name?: string };
      if (typeof e.dataIndex === 'number') clicked({ dataIndex: e.dataIndex, seriesName: e.seriesName, name: e.name });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid={testId} />;
}
