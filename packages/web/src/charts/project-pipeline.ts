// The project pipeline by lifecycle stage (谋划 … 投产): stacked counts (red, yellow, the rest) and the total
// investment in 亿元 as a line. Pure: the pipeline's stages and labels in, option out.
import type { EChartsCoreOption } from 'echarts/core';
import { isMoney, moneyToCents, projectStages, type ProjectStage } from '@zoneops/shared';
import { noDataTitle } from './chart-titles.ts';

export interface StageFigures {
  stage: ProjectStage;
  count: number;
  totalInvestment: string;
  red: number;
  yellow: number;
}

export interface PipelineLabels {
  stage: (s: ProjectStage) => string;
  red: string;
  yellow: string;
  other: string;
  /** series name of the investment line, e.g. "总投资（亿元）" */
  investment: string;
  count: string;
  noData: string;
}

export const pipelineColours = { red: '#e5484d', yellow: '#f5a623', other: '#3a7dc9', investment: '#2e9d8f' } as const;

/** 万元 → 亿元 for drawing, two decimals. */
const toYi = (wan: string) => (isMoney(wan) ? Math.round(Number(moneyToCents(wan)) / 10_000) / 100 : 0);

/** Every stage in lifecycle order, zero where the answer has none; the rest = count − red − yellow (never negative). */
export function pipelineRows(stages: readonly StageFigures[]): (StageFigures & { other: number; investmentYi: number })[] {
  const byStage = new Map(stages.map((s) => [s.stage, s]));
  return projectStages.map((stage) => {
    const s = byStage.get(stage) ?? { stage, count: 0, totalInvestment: '0.00', red: 0, yellow: 0 };
    return { ...s, other: Math.max(0, s.count - s.red - s.yellow), investmentYi: toYi(s.totalInvestment) };
  });
}

export function pipelineChartOption(stages: readonly StageFigures[], labels: PipelineLabels): EChartsCoreOption {
  const rows = pipelineRows(stages);
  const empty = rows.every((r) => r.count === 0);
  const bar = (name: string, key: 'red' | 'yellow' | 'other', colour: string) => ({
    name,
    type: 'bar',
    stack: 'count',
    barMaxWidth: 36,
    itemStyle: { color: colour },
    emphasis: { focus: 'series' },
    data: rows.map((r) => r[key]),
  });
  return {
    title: empty ? noDataTitle(labels.noData) : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => labels.stage(r.stage)), axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', name: labels.count, minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', name: labels.investment, splitLine: { show: false } },
    ],
    series: [
      bar(labels.red, 'red', pipelineColours.red),
      bar(labels.yellow, 'yellow', pipelineColours.yellow),
      bar(labels.other, 'other', pipelineColours.other),
      {
        name: labels.investment,
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 6,
        itemStyle: { color: pipelineColours.investment },
        data: rows.map((r) => r.investmentYi),
      },
    ],
  };
}

/** The stage of a clicked category (the option's x axis is in lifecycle order). */
export const stageAtIndex = (index: number): ProjectStage | undefined => projectStages[index];
