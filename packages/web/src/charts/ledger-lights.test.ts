import { describe, expect, it } from 'vitest';
import { ledgerLightsOption, lightCountsOf } from './ledger-lights.ts';

const labels = { red: '红灯', yellow: '黄灯', green: '绿灯', none: '无灯', noData: '暂无事项', total: '事项' };

describe('ledger light donut', () => {
  it('counts the items without a light as the rest of the total', () => {
    expect(lightCountsOf({ total: 10, red: 2, yellow: 3 }, 4)).toEqual({ red: 2, yellow: 3, green: 4, none: 1 });
    expect(lightCountsOf({ total: 1, red: 1, yellow: 1 }, 1)).toEqual({ red: 1, yellow: 1, green: 1, none: 0 });
  });

  it('draws the non-empty colours with the total in the hole', () => {
    const option = ledgerLightsOption({ red: 2, yellow: 0, green: 5, none: 1 }, labels) as {
      series: { data: { name: string; value: number }[] }[];
      title: { text: string };
    };
    expect(option.series[0]!.data.map((d) => d.name)).toEqual(['红灯', '绿灯', '无灯']);
    expect(option.title.text).toBe('8');
  });

  it('says so when there is nothing', () => {
    const option = ledgerLightsOption({ red: 0, yellow: 0, green: 0, none: 0 }, labels) as { series: { data: unknown[] }[]; title: { text: string } };
    expect(option.series[0]!.data).toEqual([]);
    expect(option.title.text).toBe('暂无事项');
  });
});
