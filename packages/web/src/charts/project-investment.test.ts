import { describe, expect, it } from 'vitest';
import { investmentChartOption, monthlyInvestment } from './project-investment.ts';

const labels = { planned: '计划投资', completed: '完成投资', cumulative: '年度累计完成', unit: '万元', noData: '暂无', month: (m: number) => `${m}月` };

describe('monthly investment of a project', () => {
  const reports = [
    { period: '2026-01', planned: '100.00', completed: '80.50', status: 'approved' },
    { period: '2026-02', planned: '100.00', completed: '120.00', status: 'submitted' },
    { period: '2026-03', planned: '100.00', completed: '999.00', status: 'draft' },
    { period: '2026-04', planned: '100.00', completed: '999.00', status: 'returned' },
    { period: '2025-12', planned: '100.00', completed: '999.00', status: 'approved' },
  ];

  it('sums the filed reports of the year per month, with the running total', () => {
    const m = monthlyInvestment(reports, 2026);
    expect(m.months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(m.planned.slice(0, 4)).toEqual(['100.00', '100.00', '0.00', '0.00']);
    expect(m.completed.slice(0, 3)).toEqual(['80.50', '120.00', '0.00']);
    expect(m.cumulative.slice(0, 3)).toEqual(['80.50', '200.50', null]);
    expect(m.cumulative[11]).toBeNull();
    expect(m.empty).toBe(false);
  });

  it('adds the three 旬 of a month up exactly', () => {
    const m = monthlyInvestment(
      [
        { period: '2026-05-1', planned: '0.10', completed: '0.10', status: 'approved' },
        { period: '2026-05-2', planned: '0.20', completed: '0.20', status: 'approved' },
        { period: '2026-05-3', planned: '0.30', completed: '0.30', status: 'approved' },
      ],
      2026,
    );
    expect(m.completed[4]).toBe('0.60');
    // the running total covers the months before the last reported one, empty months included
    expect(m.cumulative.slice(0, 6)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.60', null]);
  });

  it('draws bars and a line, or says there is nothing', () => {
    const option = investmentChartOption(monthlyInvestment(reports, 2026), labels) as {
      series: { type: string; name: string; data: number[] }[];
      xAxis: { data: string[] };
      title?: unknown;
    };
    expect(option.series.map((s) => s.type)).toEqual(['bar', 'bar', 'line']);
    expect(option.series[1]!.data.slice(0, 2)).toEqual([80.5, 120]);
    expect(option.xAxis.data[0]).toBe('1月');
    expect(option.title).toBeUndefined();
    const empty = investmentChartOption(monthlyInvestment([], 2026), labels) as { title: { text: string } };
    expect(empty.title.text).toBe('暂无');
  });
});
