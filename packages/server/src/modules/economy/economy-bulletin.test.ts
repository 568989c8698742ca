// The bulletin's sentences from hand-chosen figures (measures assembled by measuresOf, text by bulletinOf).
import { describe, expect, it } from 'vitest';
import type { EconomyDashboard, Indicator, Region } from '@zoneops/shared';
import { measuresOf, type PeriodFigure } from './economy-measures.ts';
import { bulletinOf, indicatorSentence, rankSentence } from './economy-bulletin.ts';

const region = (id: string, name: string, kind: Region['kind']): Region => ({ id, name, nameEn: id, aliases: [], kind, active: true, sort: 0 });
const regions = [
  region('z', '古雷', 'zone'),
  region('c', '漳州市', 'city'),
  region('a', '龙海区', 'peer'),
  region('b', '芗城区', 'peer'),
  region('d', '漳浦县', 'peer'),
];

const indicator = (over: Partial<Indicator>): Indicator => ({
  id: 'gdp',
  code: 'gdp',
  nameZh: '地区生产总值',
  nameEn: 'GDP',
  aliases: [],
  unit: '亿元',
  unitEn: '100M yuan',
  frequency: 'quarter',
  valueKind: 'cumulative',
  growthKind: 'real',
  higherIsBetter: true,
  rankBy: 'growth',
  additive: true,
  alertLevel: 0,
  excellentLevel: 10,
  leadUnitId: null,
  leadUnitName: null,
  ownerUserId: null,
  ownerName: null,
  source: null,
  notes: null,
  leading: false,
  active: true,
  sort: 1,
  can: { enter: true, approve: true, manage: true },
  ...over,
});

const fig = (regionId: string, value: number | null, growth: number | null): PeriodFigure => ({ regionId, value, growth, monthValue: null, monthGrowth: null });

function dashboard(indicators: EconomyDashboard['indicators']): EconomyDashboard {
  return {
    month: '2026-09',
    latestMonth: '2026-09',
    zone: regions[0]!,
    city: regions[1]!,
    indicators,
    summary: { first: 0, second: 0, ranked: 0, belowTarget: 0, alert: 0 },
  };
}

describe('economy bulletin', () => {
  // GDP 前三季度: zone 500 亿元 +18.1 %, city 2520 +6.0 %; peers 12.0, 9.5, 7.2.
  // share = 500 / 2520 = 19.84 % → 近20%; zone base = 500 / 1.181 = 423.370, increase 76.630;
  // city base = 2520 / 1.06 = 2377.358; pull = 76.630 / 2377.358 × 100 = 3.22 points.
  const gdp = measuresOf(
    indicator({}),
    '2026-Q3',
    regions,
    [fig('z', 500, 18.1), fig('c', 2520, 6), fig('a', 800, 12), fig('b', 700, 9.5), fig('d', 300, 7.2)],
    {
      kind: 'growth',
      value: 12,
    },
  );

  it('states growth, rank, lead over the second, share, pull and target of an indicator', () => {
    expect(indicatorSentence(gdp, 'z')).toBe(
      '地区生产总值前三季度完成500.00亿元，比增18.1%，高于全市平均12.1个百分点，增幅位居全市第一，领先第二位龙海区6.1个百分点，占全市近20%，拉动全市增长3.22个百分点，高于目标6.1个百分点（年度目标增长12.0%）。',
    );
  });

  it('names the tie and the gap to the region ahead', () => {
    const tied = measuresOf(indicator({}), '2026-Q3', regions, [fig('z', 500, 12.04), fig('c', 2520, 6), fig('a', 800, 11.96), fig('b', 700, 13)], null);
    // 12.04 and 11.96 are both 12.0 at the published precision: tied second behind 芗城区 (13.0), 1.0 point behind.
    expect(rankSentence(tied, 'z')).toBe('增幅与龙海区并列全市第二，落后第一位芗城区1.0个百分点');
  });

  it('says 拉低 when the zone shrinks, and counts first places from the data', () => {
    // 社零: zone 90 −2.0 %, city 1000 −1.0 %: zone base 91.837, increase −1.837; city base 1010.101; pull −0.18.
    const retail = measuresOf(
      indicator({ id: 'retail', code: 'retail', nameZh: '社会消费品零售总额', frequency: 'month', growthKind: 'nominal', sort: 2 }),
      '2026-09',
      regions,
      [fig('z', 90, -2), fig('c', 1000, -1), fig('a', 300, 1.5), fig('b', 280, 0.5), fig('d', 100, -3)],
      null,
    );
    expect(indicatorSentence(retail, 'z')).toContain('下降2.0%，低于全市平均1.0个百分点，增幅位居全市第三');
    expect(indicatorSentence(retail, 'z')).toContain('拉低全市增长0.18个百分点');
    const text = bulletinOf(dashboard([gdp, retail]), '古雷港经济开发区');
    expect(text.title).toBe('古雷港经济开发区2026年1-9月经济运行情况通报');
    const all = text.blocks.map((b) => ('text' in b ? b.text : b.rows.flat().join(' '))).join('\n');
    expect(all).toContain('有1项指标增幅位居全市第一（地区生产总值）');
    expect(all).toContain('1项指标增幅低于预警线');
    expect(all).toContain('社会消费品零售总额下降2.0%，低于预警线（0.0%）');
    expect(all).toContain('注：地区生产总值增速按可比价格计算');
  });

  it('changes with the data: a peer overtaking the zone changes the rank sentence', () => {
    const overtaken = measuresOf(indicator({}), '2026-Q3', regions, [fig('z', 500, 18.1), fig('c', 2520, 6), fig('a', 800, 19.3), fig('b', 700, 9.5)], null);
    expect(rankSentence(overtaken, 'z')).toBe('增幅位居全市第二，落后第一位龙海区1.2个百分点');
    const text = bulletinOf(dashboard([overtaken]), '古雷');
    const all = text.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(all).toContain('1项指标增幅位居全市第二（地区生产总值）');
    expect(all).not.toContain('位居全市第一（');
  });

  it('says that nothing is published when no approved figure exists', () => {
    const empty = measuresOf(indicator({}), '2026-Q3', regions, [], null);
    const text = bulletinOf(dashboard([empty]), '古雷');
    expect(text.blocks).toEqual([{ kind: 'p', text: '截至目前，2026年1-9月主要经济指标数据尚未审核发布。' }]);
  });
});
