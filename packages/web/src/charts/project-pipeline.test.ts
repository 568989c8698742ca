import { describe, expect, it } from 'vitest';
import { pipelineChartOption, pipelineRows, stageAtIndex } from './project-pipeline.ts';

const labels = {
  stage: (s: string) => s,
  red: '红灯',
  yellow: '黄灯',
  other: '其他',
  investment: '总投资（亿元）',
  count: '项目数',
  noData: '暂无项目',
};

describe('pipeline chart', () => {
  const stages = [
    { stage: 'construction' as const, count: 10, totalInvestment: '1234567.89', red: 2, yellow: 3 },
    { stage: 'planned' as const, count: 4, totalInvestment: '5000.00', red: 0, yellow: 0 },
    { stage: 'listed' as const, count: 1, totalInvestment: '0.00', red: 2, yellow: 0 },
  ];

  it('lists every stage in lifecycle order with the rest of the lights', () => {
    const rows = pipelineRows(stages);
    expect(rows.map((r) => r.stage)).toEqual(['planned', 'reserve', 'nominated', 'listed', 'preparation', 'construction', 'completed', 'production']);
    expect(rows[5]).toMatchObject({ count: 10, red: 2, yellow: 3, other: 5, investmentYi: 123.46 });
    expect(rows[0]).toMatchObject({ other: 4, investmentYi: 0.5 });
    // never negative, whatever the answer says
    expect(rows[3]!.other).toBe(0);
    expect(rows[1]).toMatchObject({ count: 0, other: 0, investmentYi: 0 });
  });

  it('stacks the counts and draws the investment on its own axis', () => {
    const option = pipelineChartOption(stages, labels) as { series: { type: string; stack?: string; yAxisIndex?: number; data: number[] }[] };
    expect(option.series.map((s) => s.type)).toEqual(['bar', 'bar', 'bar', 'line']);
    expect(option.series.slice(0, 3).every((s) => s.stack === 'count')).toBe(true);
    expect(option.series[3]!.yAxisIndex).toBe(1);
    expect(option.series[0]!.data[5]).toBe(2);
  });

  it('says so when there is no project, and maps a click back to its stage', () => {
    expect((pipelineChartOption([], labels) as { title: { text: string } }).title.text).toBe('暂无项目');
    expect(stageAtIndex(0)).toBe('planned');
    expect(stageAtIndex(7)).toBe('production');
    expect(stageAtIndex(8)).toBeUndefined();
  });
});
