import { describe, expect, it } from 'vitest';
import { cockpitLightDonutOption, type CockpitLightLabels } from './cockpit-projects.ts';

const labels: CockpitLightLabels = {
  light: { red: '红灯', yellow: '黄灯', green: '绿灯', none: '不亮灯' },
  total: '个项目',
  noData: '暂无数据',
  number: (n) => n.toLocaleString('en-US'),
};
const colours = { red: '#r', yellow: '#y', green: '#g', none: '#n' };

type Option = {
  title: { text: string; subtext?: string };
  series: { data: { name: string; value: number; itemStyle: { color: string } }[] }[];
  legend: { formatter: (name: string) => string };
  tooltip: { formatter: (p: unknown) => string };
};

describe('projects by light', () => {
  it('draws the lights in the legend order with their colours and the total in the hole', () => {
    const option = cockpitLightDonutOption(
      [
        { light: 'green', count: 1200 },
        { light: 'red', count: 3 },
        { light: 'none', count: 0 },
        { light: 'yellow', count: 9 },
      ],
      labels,
      colours,
    ) as Option;
    expect(option.series[0]!.data.map((d) => [d.name, d.value, d.itemStyle.color])).toEqual([
      ['红灯', 3, '#r'],
      ['黄灯', 9, '#y'],
      ['绿灯', 1200, '#g'],
    ]);
    expect(option.title).toMatchObject({ text: '1,212', subtext: '个项目' });
    expect(option.legend.formatter('绿灯')).toBe('绿灯  1,200');
    expect(option.tooltip.formatter({ name: '红灯', value: 3, percent: 0.25 })).toBe('红灯: 3 (0.25%)');
  });

  it('says so when there are no projects', () => {
    const option = cockpitLightDonutOption([{ light: 'none', count: 0 }], labels, colours) as Option;
    expect(option.series[0]!.data).toEqual([]);
    expect(option.title.text).toBe('暂无数据');
  });
});
