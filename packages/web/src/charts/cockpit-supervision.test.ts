import { describe, expect, it } from 'vitest';
import { overdueByUnitOption, overdueChartHeight, overdueUnits, type OverdueLabels, type OverdueUnit } from './cockpit-supervision.ts';

const labels: OverdueLabels = { red: '超期', open: '在办', noData: '暂无超期事项', number: (n) => n.toLocaleString('en-US') };
const unit = (name: string, red: number, open = red + 1): OverdueUnit => ({ unitId: name, unitName: name, open, red });

type Option = {
  title?: { text: string };
  yAxis: { data: string[]; inverse: boolean };
  series: { data: number[] }[];
  tooltip: { formatter: (p: unknown) => string };
};

describe('overdue items by unit', () => {
  it('keeps units with red items, most first, equal counts in the server order', () => {
    expect(overdueUnits([unit('甲', 1), unit('乙', 0), unit('丙', 3), unit('丁', 1)]).map((u) => u.unitName)).toEqual(['丙', '甲', '丁']);
  });

  it('draws horizontal bars, the most on top, and the open items in the tooltip', () => {
    const option = overdueByUnitOption([unit('甲', 1, 5), unit('丙', 3, 4)], labels) as Option;
    expect(option.yAxis).toMatchObject({ data: ['丙', '甲'], inverse: true });
    expect(option.series[0]!.data).toEqual([3, 1]);
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toBe('甲<br/>超期: 1<br/>在办: 5');
    expect(option.title).toBeUndefined();
  });

  it('says so when nothing is overdue', () => {
    const option = overdueByUnitOption([unit('甲', 0)], labels) as Option;
    expect(option.series).toEqual([]);
    expect(option.title?.text).toBe('暂无超期事项');
  });

  it('gives each unit room', () => {
    expect(overdueChartHeight(0)).toBe(110);
    expect(overdueChartHeight(10)).toBe(260);
    expect(overdueChartHeight(30)).toBe(260);
  });
});
