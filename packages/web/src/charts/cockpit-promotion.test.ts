import { describe, expect, it } from 'vitest';
import { leadStages } from '@zoneops/shared';
import { funnelStages, promotionFunnelOption, type FunnelLabels } from './cockpit-promotion.ts';

const labels: FunnelLabels = {
  yi: '亿元',
  wan: '万元',
  stage: (s) => `stage:${s}`,
  count: '线索数',
  investment: '计划投资',
  noData: '暂无线索',
  number: (n) => n.toLocaleString('en-US'),
};

type Option = {
  title?: { text: string };
  series: { type: string; sort: string; data: { name: string; value: number; wan: string }[]; label: { formatter: (p: unknown) => string } }[];
  tooltip: { formatter: (p: unknown) => string };
};

describe('the promotion funnel', () => {
  it('keeps every stage in the pipeline order, missing ones as zero, the same stage given twice added', () => {
    const stages = funnelStages([
      { stage: 'signed', count: 2, plannedInvestment: '1000.50' },
      { stage: 'lead', count: 10, plannedInvestment: '50000.00' },
      { stage: 'signed', count: 1, plannedInvestment: '0.50' },
    ]);
    expect(stages.map((s) => s.stage)).toEqual([...leadStages]);
    expect(stages[0]).toEqual({ stage: 'lead', count: 10, plannedInvestment: '50000.00' });
    expect(stages[1]).toEqual({ stage: 'negotiating', count: 0, plannedInvestment: '0.00' });
    expect(stages[2]).toEqual({ stage: 'signed', count: 3, plannedInvestment: '1001.00' });
  });

  it('draws a funnel that is not re-sorted by size, with counts in the layers and money in the tooltip', () => {
    const option = promotionFunnelOption(
      [
        { stage: 'lead', count: 4, plannedInvestment: '20000.00' },
        { stage: 'negotiating', count: 6, plannedInvestment: '123456.00' },
      ],
      labels,
    ) as Option;
    const series = option.series[0]!;
    expect(series.type).toBe('funnel');
    expect(series.sort).toBe('none');
    expect(series.data.map((d) => d.name)).toEqual(leadStages.map((s) => `stage:${s}`));
    expect(series.data[1]).toMatchObject({ value: 6, wan: '123456.00' });
    expect(series.label.formatter({ name: 'stage:lead', value: 1234 })).toBe('stage:lead  1,234');
    expect(option.tooltip.formatter({ name: 'stage:negotiating', value: 6, data: series.data[1] })).toBe(
      'stage:negotiating<br/>线索数: 6<br/>计划投资: 12.35 亿元（123,456.00 万元）',
    );
    expect(option.title).toBeUndefined();
  });

  it('says so when the pipeline is empty', () => {
    const option = promotionFunnelOption([], labels) as Option;
    expect(option.series).toEqual([]);
    expect(option.title?.text).toBe('暂无线索');
  });
});
