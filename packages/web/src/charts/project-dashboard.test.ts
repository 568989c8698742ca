import { describe, expect, it } from 'vitest';
import { projectStages } from '@zoneops/shared';
import {
  axisTip,
  bucketBarOption,
  cumulative,
  fullYear,
  industryPieOption,
  lightDonutOption,
  moneyTip,
  monthlyInvestmentOption,
  orderBuckets,
  topBuckets,
  wanText,
  yiOf,
  type Bucket,
  type BucketLabels,
} from './project-dashboard.ts';

const money = { yi: '亿元', wan: '万元' };
const labels: BucketLabels = {
  ...money,
  count: '项目数',
  investment: '总投资',
  nameOf: (b) => b.name ?? `#${b.key}`,
  other: '其他',
  noData: '暂无数据',
};

interface Series {
  type: string;
  name: string;
  data: (number | null | { value: number; wan: string; name?: string })[];
  yAxisIndex?: number;
  xAxisIndex?: number;
}
type Option = { series: Series[]; title?: { text: string }; xAxis: unknown; yAxis: unknown; tooltip: { formatter: (p: unknown) => string } };

describe('money in charts', () => {
  it('draws 亿元 with two decimals and keeps 万元 for tooltips', () => {
    expect(yiOf('123456.00')).toBe(12.35);
    expect(yiOf('102000000.00')).toBe(10200);
    expect(yiOf('oops')).toBe(0);
    expect(wanText('1234567.8')).toBe('1,234,567.80');
    expect(wanText('0')).toBe('0.00');
    expect(moneyTip('123456.00', money)).toBe('12.35 亿元（123,456.00 万元）');
  });

  it('adds up running totals exactly', () => {
    expect(cumulative(['0.10', '0.20', '0.30'])).toEqual(['0.10', '0.30', '0.60']);
    expect(cumulative([])).toEqual([]);
  });

  it('fills the twelve months', () => {
    const months = fullYear([
      { month: 3, planned: '10.00', completed: '5.00' },
      { month: 3, planned: '1.00', completed: '0.50' },
    ]);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: 1, planned: '0.00', completed: '0.00' });
    expect(months[2]).toEqual({ month: 3, planned: '11.00', completed: '5.50' });
  });
});

describe('buckets', () => {
  const b = (key: string, count: number, totalInvestment: string, name?: string): Bucket => ({ key, count, totalInvestment, name });

  it('orders stages by the lifecycle, unknown keys last', () => {
    const list = [b('construction', 1, '1'), b('zzz', 1, '1'), b('planned', 1, '1')];
    expect(orderBuckets(list, projectStages).map((x) => x.key)).toEqual(['planned', 'construction', 'zzz']);
  });

  it('keeps the largest by investment and merges the rest', () => {
    const list = [b('a', 1, '10.00'), b('b', 2, '30.00'), b('c', 3, '20.00'), b('d', 4, '5.50')];
    const top = topBuckets(list, 3, '其他');
    expect(top.map((x) => x.key)).toEqual(['b', 'c', '__other']);
    expect(top[2]).toMatchObject({ name: '其他', count: 5, totalInvestment: '15.50' });
    expect(topBuckets(list, 4, '其他')).toHaveLength(4);
  });

  it('draws counts and investment on two axes', () => {
    const option = bucketBarOption(
      [b('listed', 3, '25000.00'), b('planned', 2, '10000.00')],
      { ...labels, nameOf: (x) => x.key },
      { order: projectStages },
    ) as Option;
    expect((option.xAxis as { data: string[] }).data).toEqual(['planned', 'listed']);
    expect(option.series[0]!.data).toEqual([2, 3]);
    expect(option.series[1]!.data).toEqual([
      { value: 1, wan: '10000.00' },
      { value: 2.5, wan: '25000.00' },
    ]);
    expect(option.series[1]!.yAxisIndex).toBe(1);
    expect(option.title).toBeUndefined();
  });

  it('draws units as horizontal bars, the largest on top', () => {
    const option = bucketBarOption([b('u1', 1, '1.00', '甲'), b('u2', 1, '9.00', '乙')], labels, { horizontal: true, max: 10 }) as Option;
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['乙', '甲'], inverse: true });
    expect(option.series[1]!.xAxisIndex).toBe(1);
  });

  it('says so when there is nothing', () => {
    const option = bucketBarOption([], labels) as Option;
    expect(option.series).toEqual([]);
    expect(option.title?.text).toBe('暂无数据');
  });

  it('shows money as 亿元 and 万元 in the axis tooltip', () => {
    const text = axisTip(
      [
        { axisValueLabel: '在建', seriesName: '项目数', value: 3, marker: '' },
        { axisValueLabel: '在建', seriesName: '总投资', value: 2.5, data: { value: 2.5, wan: '25000.00' }, marker: '' },
      ],
      money,
    );
    expect(text).toBe('在建<br/>项目数: 3<br/>总投资: 2.50 亿元（25,000.00 万元）');
    // a month without a point is left out
    expect(axisTip([{ axisValueLabel: '5月', seriesName: '累计完成', value: undefined, data: null, marker: '' }], money)).toBe('5月');
  });

  it('pies industries by count, merging the smallest', () => {
    const list = Array.from({ length: 10 }, (_, i) => b(`i${i}`, 10 - i, '100.00', `行业${i}`));
    const option = industryPieOption(list, labels, 4) as Option;
    const data = option.series[0]!.data as { name: string; value: number; wan: string }[];
    expect(data.map((d) => d.name)).toEqual(['行业0', '行业1', '行业2', '其他']);
    expect(data[3]).toMatchObject({ value: 7 + 6 + 5 + 4 + 3 + 2 + 1, wan: '700.00' });
    expect(option.tooltip.formatter({ name: '行业0', value: 10, percent: 18.2, data: data[0] })).toContain('0.01 亿元（100.00 万元）');
  });

  it('draws the light donut with the total in the hole', () => {
    const option = lightDonutOption([b('red', 2, '1.00'), b('green', 5, '2.00'), b('none', 0, '0.00')], {
      ...money,
      red: '红灯',
      yellow: '黄灯',
      green: '绿灯',
      none: '不亮灯',
      noData: '暂无',
      total: '项目',
      investment: '总投资',
    }) as Option;
    expect((option.series[0]!.data as { name: string }[]).map((d) => d.name)).toEqual(['红灯', '绿灯']);
    expect(option.title?.text).toBe('7');
  });
});

describe('monthly investment', () => {
  const monthlyLabels = {
    ...money,
    planned: '计划',
    completed: '完成',
    cumulativePlanned: '累计计划',
    cumulativeCompleted: '累计完成',
    month: (m: number) => `${m}月`,
    cumulative: '累计',
    noData: '暂无',
  };

  it('bars each month and lines the running totals on the second axis', () => {
    const option = monthlyInvestmentOption(
      [
        { month: 1, planned: '10000.00', completed: '8000.00' },
        { month: 2, planned: '20000.00', completed: '25000.00' },
      ],
      monthlyLabels,
    ) as Option;
    expect((option.xAxis as { data: string[] }).data[11]).toBe('12月');
    expect(option.series.map((s) => [s.type, s.name, s.yAxisIndex])).toEqual([
      ['bar', '计划', 0],
      ['bar', '完成', 0],
      ['line', '累计计划', 1],
      ['line', '累计完成', 1],
    ]);
    expect(option.series[3]!.data[1]).toEqual({ value: 3.3, wan: '33000.00' });
    // both lines stop where the reports stop (no plan figure is shown for months nobody reported)
    expect(option.series[3]!.data[2]).toBeNull();
    expect(option.series[2]!.data[1]).toEqual({ value: 3, wan: '30000.00' });
    expect(option.series[2]!.data[11]).toBeNull();
  });

  it('says so when the year has no figures', () => {
    const option = monthlyInvestmentOption([], monthlyLabels) as Option;
    expect(option.series).toEqual([]);
    expect(option.title?.text).toBe('暂无');
  });
});
