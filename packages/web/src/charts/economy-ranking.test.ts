import { describe, expect, it } from 'vitest';
import { rankingColours, rankingHeight, rankingOption, shareOption, type RankingRow } from './economy-ranking.ts';

const rows: RankingRow[] = [
  { regionId: 'a', name: '长泰区', kind: 'peer', key: 12.3, rank: 1, tiedWith: 1 },
  { regionId: 'z', name: '开发区', kind: 'zone', key: 10.1, rank: 2, tiedWith: 2 },
  { regionId: 'b', name: '龙海区', kind: 'peer', key: 10.1, rank: 2, tiedWith: 2 },
  { regionId: 'c', name: '南靖县', kind: 'peer', key: -1.5, rank: 4, tiedWith: 1 },
  { regionId: 'd', name: '平和县', kind: 'peer', key: null, rank: null, tiedWith: 0 },
];

const labels = {
  rank: (rank: number, tied: boolean) => `${tied ? '并列' : ''}第${rank}`,
  keyText: (v: number) => `${v.toFixed(1)}%`,
  cityNote: '（全市）',
  noData: '暂无数据',
};

interface Item {
  value: number | null;
  itemStyle?: { color: string };
  label: { show: boolean; formatter?: string };
}
type Option = {
  yAxis: { data: string[]; inverse: boolean; axisLabel: { formatter: (v: string) => string } };
  series: { data: Item[] }[];
  title?: { text: string };
};

describe('the ranking bars', () => {
  it('keeps the order, highlights the zone, states ties and the missing figure', () => {
    const o = rankingOption(rows, { name: '漳州市', key: 7.4 }, labels) as Option;
    expect(o.yAxis.inverse).toBe(true);
    expect(o.yAxis.data).toEqual(['长泰区', '开发区', '龙海区', '南靖县', '平和县', '', '漳州市（全市）']);
    const data = o.series[0]!.data;
    expect(data.map((d) => d.value)).toEqual([12.3, 10.1, 10.1, -1.5, null, null, 7.4]);
    expect(data[1]!.itemStyle!.color).toBe(rankingColours.zone);
    expect(data[0]!.itemStyle!.color).toBe(rankingColours.peer);
    expect(data[6]!.itemStyle!.color).toBe(rankingColours.city);
    expect(data.map((d) => d.label.formatter)).toEqual(['12.3%  第1', '10.1%  并列第2', '10.1%  并列第2', '-1.5%  第4', '—', undefined, '7.4%']);
    expect(data[5]!.label.show).toBe(false);
    // the zone's name in bold on the axis
    expect(o.yAxis.axisLabel.formatter('开发区')).toBe('{zone|开发区}');
    expect(o.yAxis.axisLabel.formatter('长泰区')).toBe('长泰区');
    expect(o.title).toBeUndefined();
  });

  it('leaves the city out without its figure, and says when nothing is ranked', () => {
    const o = rankingOption(rows, { name: '漳州市', key: null }, labels) as Option;
    expect(o.yAxis.data).not.toContain('漳州市（全市）');
    const empty = rankingOption([{ ...rows[4]! }], null, labels) as Option;
    expect(empty.title!.text).toBe('暂无数据');
  });

  it('grows with the rows within bounds', () => {
    expect(rankingHeight(0)).toBe(220);
    expect(rankingHeight(9)).toBe(354);
    expect(rankingHeight(100)).toBe(640);
  });
});

describe('the share of the city', () => {
  it('draws one bar per indicator, the selected one highlighted', () => {
    const o = shareOption(
      [
        { id: 'gdp', name: '地区生产总值', share: 19.84, selected: false },
        { id: 'fai', name: '固定资产投资', share: 25.1, selected: true },
      ],
      { noData: '暂无数据', shareText: (v) => `${v.toFixed(1)}%` },
    ) as Option;
    expect(o.yAxis.data).toEqual(['地区生产总值', '固定资产投资']);
    const data = o.series[0]!.data;
    expect(data.map((d) => d.label.formatter)).toEqual(['19.8%', '25.1%']);
    expect(data[1]!.itemStyle!.color).toBe(rankingColours.zone);
    expect(data[0]!.itemStyle!.color).toBe(rankingColours.peer);
    expect((shareOption([], { noData: '暂无数据', shareText: String }) as Option).title!.text).toBe('暂无数据');
  });
});
