// The cockpit's promotion tile: the pipeline as a funnel, one layer per stage in the pipeline's order (lead → in
// production) sized by the leads at that stage now, with the planned investment in the tooltip. Pure: data and
// labels in, ECharts option out. Amounts arrive in 万元 as strings; the tooltip shows 亿元 and 万元.
import type { EChartsCoreOption } from 'echarts/core';
import { leadStages, sumMoney, type LeadStage } from '@zoneops/shared';
import { moneyTip, type MoneyLabels } from './project-dashboard.ts';
import { noDataTitle } from './chart-titles.ts';

export interface FunnelStage {
  stage: LeadStage;
  count: number;
  plannedInvestment: string;
}

export interface FunnelLabels extends MoneyLabels {
  stage: (s: LeadStage) => string;
  /** "线索数" */
  count: string;
  /** "计划投资" */
  investment: string;
  noData: string;
  number: (n: number) => string;
}

/** Blue to green along the pipeline (a later stage is further along). */
export const funnelColours = ['#1b4d89', '#2f6aa8', '#3a7dc9', '#5fa8d3', '#2e9d8f', '#5bb381', '#8cc084'];

/** Every stage of the pipeline in order, missing ones as zero. */
export function funnelStages(funnel: readonly FunnelStage[]): FunnelStage[] {
  return leadStages.map((stage) => {
    const rows = funnel.filter((f) => f.stage === stage);
    return { stage, count: rows.reduce((n, r) => n + r.count, 0), plannedInvestment: sumMoney(rows.map((r) => r.plannedInvestment)) };
  });
}

export function promotionFunnelOption(funnel: readonly FunnelStage[], labels: FunnelLabels): EChartsCoreOption {
  const stages = funnelStages(funnel);
  const empty = stages.every((s) => s.count === 0);
  const max = Math.max(1, ...stages.map((s) => s.count));
  return {
    title: empty ? noDataTitle(labels.noData) : undefined,
    color: funnelColours,
    tooltip: {
      trigger: 'item',
      formatter: (p: { name?: string; value?: unknown; data?: { wan?: string } }) =>
        `${p.name ?? ''}<br/>${labels.count}: ${labels.number(Number(p.value ?? 0))}<br/>${labels.investment}: ${moneyTip(p.data?.wan, labels)}`,
    },
    series: empty
      ? []
      : [
          {
            type: 'funnel',
            // the pipeline's order, not sorted by size: a stage keeps its place whatever its count
            sort: 'none',
            left: '6%',
            right: '6%',
            top: 8,
            bottom: 8,
            min: 0,
            max,
            minSize: '30%',
            maxSize: '100%',
            gap: 2,
            label: {
              show: true,
              position: 'inside',
              color: '#fff',
              fontSize: 12,
              formatter: (p: { name?: string; value?: unknown }) => `${p.name ?? ''}  ${labels.number(Number(p.value ?? 0))}`,
            },
            itemStyle: { borderColor: '#fff', borderWidth: 1 },
            data: stages.map((s) => ({ name: labels.stage(s.stage), value: s.count, wan: s.plannedInvestment, stage: s.stage })),
          },
        ],
  };
}
