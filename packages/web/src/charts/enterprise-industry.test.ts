import { describe, expect, it } from 'vitest';
import { enterpriseIndustryOption, industrySlices, type IndustryLabels } from './enterprise-industry.ts';

const labels: IndustryLabels = {
  labelOf: (k) => ({ petrochem: '石化', chem: '化工新材料', port: '港口物流' })[k] ?? k,
  unknown: '未分类',
  other: '其他',
  noData: '暂无数据',
};

describe('industrySlices', () => {
  it('labels, sorts and drops empty counts', () => {
    expect(
      industrySlices(
        [
          { key: 'chem', count: 3 },
          { key: 'petrochem', count: 10 },
          { key: 'port', count: 0 },
          { key: null, count: 2 },
          { key: '', count: 1 },
        ],
        labels,
      ),
    ).toEqual([
      { name: '石化', value: 10 },
      { name: '化工新材料', value: 3 },
      { name: '未分类', value: 3 },
    ]);
  });

  it('merges the smallest slices into "other"', () => {
    const data = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, count: 10 - i }));
    const slices = industrySlices(data, labels, 4);
    expect(slices.map((s) => s.name)).toEqual(['k0', 'k1', 'k2', '其他']);
    expect(slices[3]?.value).toBe(7 + 6 + 5 + 4 + 3 + 2 + 1);
  });
});

describe('enterpriseIndustryOption', () => {
  it('builds a doughnut with the total in the middle', () => {
    const option = enterpriseIndustryOption([{ key: 'petrochem', count: 4 }], labels) as {
      series: { type: string; data: unknown[] }[];
      title: { text: string };
    };
    expect(option.series[0]?.type).toBe('pie');
    expect(option.series[0]?.data).toEqual([{ name: '石化', value: 4 }]);
    expect(option.title.text).toBe('4');
  });

  it('says so when there is no data', () => {
    const option = enterpriseIndustryOption([], labels) as { series: { data: unknown[] }[]; title: { text: string } };
    expect(option.series[0]?.data).toEqual([]);
    expect(option.title.text).toBe('暂无数据');
  });
});
