import { describe, expect, it } from 'vitest';
import { screenAlarmsOption, screenLevelColours } from './screen-alarms.ts';
import { screenLightColours, screenLightsOption } from './screen-lights.ts';

const labels = { light: { red: '红灯', yellow: '黄灯', green: '绿灯', none: '不亮灯' }, total: '项目总数', noData: '暂无项目' };

describe('big screen: projects by light', () => {
  it('draws the non-empty lights in their colours with the total in the hole', () => {
    const option = screenLightsOption(
      [
        { light: 'green', count: 304 },
        { light: 'red', count: 105 },
        { light: 'yellow', count: 0 },
        { light: 'none', count: 337 },
      ],
      labels,
    ) as { series: { data: { name: string; value: number; itemStyle: { color: string } }[] }[]; title: { text: string }; backgroundColor: string };
    expect(option.series[0]!.data.map((d) => [d.name, d.value])).toEqual([
      ['红灯', 105],
      ['绿灯', 304],
      ['不亮灯', 337],
    ]);
    expect(option.series[0]!.data[0]!.itemStyle.color).toBe(screenLightColours.red);
    expect(option.title.text).toBe('746');
    expect(option.backgroundColor).toBe('transparent');
  });

  it('says so when there are no projects', () => {
    const option = screenLightsOption([], labels) as { series: { data: unknown[] }[]; title: { text: string } };
    expect(option.series[0]!.data).toEqual([]);
    expect(option.title.text).toBe('暂无项目');
  });
});

describe('big screen: open alarms by level', () => {
  it('has one bar per level, most severe first, in the level colours', () => {
    const option = screenAlarmsOption({ red: 2, orange: 3, yellow: 0, blue: 1 }, { red: '红', orange: '橙', yellow: '黄', blue: '蓝' }) as {
      yAxis: { data: string[] };
      series: { data: { value: number; itemStyle: { color: string } }[] }[];
    };
    expect(option.yAxis.data).toEqual(['红', '橙', '黄', '蓝']);
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([2, 3, 0, 1]);
    expect(option.series[0]!.data.map((d) => d.itemStyle.color)).toEqual([
      screenLevelColours.red,
      screenLevelColours.orange,
      screenLevelColours.yellow,
      screenLevelColours.blue,
    ]);
  });
});
