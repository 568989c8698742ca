import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { chainDetailSchema, type ChainDetail } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import {
  boardColumns,
  canConvert,
  chainTree,
  chainTreeHeight,
  chainTreeLayout,
  chainTreeOption,
  clockBadge,
  clockColours,
  criterionValueText,
  itemsOf,
  labelWidth,
  leadBody,
  leadFiltersOf,
  leadViewOf,
  periodOf,
  periodPresets,
  presetOf,
  rejectionOption,
  scoreboardOption,
  stageMoveFields,
  treeNodes,
  wanNumber,
  type LeadFormValues,
} from './promotion-ui.ts';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('clocks and stages', () => {
  it('colours a clock red when overdue, orange when due today, green when done', () => {
    expect(clockColours.overdue).toBe('red');
    expect(clockColours.dueToday).toBe('orange');
    expect(clockColours.done).toBe('green');
    expect(clockBadge('overdue')).toEqual({ color: 'red', state: 'overdue' });
    expect(clockBadge('dueToday')).toEqual({ color: 'orange', state: 'dueToday' });
    expect(clockBadge('open')).toBeNull();
    expect(clockBadge('done')).toBeNull();
  });

  it('converts only signed, active leads without a project', () => {
    expect(canConvert({ stage: 'signed', outcome: 'active', projectId: null })).toBe(true);
    expect(canConvert({ stage: 'production', outcome: 'active', projectId: null })).toBe(true);
    expect(canConvert({ stage: 'negotiating', outcome: 'active', projectId: null })).toBe(false);
    expect(canConvert({ stage: 'signed', outcome: 'active', projectId: U(1) })).toBe(false);
    expect(canConvert({ stage: 'signed', outcome: 'withdrawn', projectId: null })).toBe(false);
  });

  it('asks a forward move for the facts of every stage up to the target and requires the missing ones', () => {
    const lead = { stage: 'signed' as const, signedOn: '2026-03-01', signedAmount: '5000' };
    expect(stageMoveFields(lead, 'started')).toEqual({
      back: false,
      fields: ['signedOn', 'signedAmount', 'plannedStartOn', 'startedOn'],
      required: ['plannedStartOn', 'startedOn'],
    });
    expect(stageMoveFields({ stage: 'lead' }, 'signed').required).toEqual(['signedOn', 'signedAmount']);
    // a zero amount is no amount
    expect(stageMoveFields({ stage: 'lead', signedOn: '2026-01-01', signedAmount: '0' }, 'signed').required).toEqual(['signedAmount']);
    expect(stageMoveFields(lead, 'negotiating')).toEqual({ back: true, fields: [], required: [] });
  });
});

describe('kanban', () => {
  it('gives all seven columns in pipeline order with the leads beyond the cards', () => {
    const cols = boardColumns([
      { stage: 'signed', count: 25, plannedInvestment: '1000.00', cards: Array.from({ length: 20 }, (_, i) => i) },
      { stage: 'lead', count: 1, plannedInvestment: '5.00', cards: [0] },
    ]);
    expect(cols.map((c) => c.stage)).toEqual(['lead', 'negotiating', 'signed', 'preStart', 'started', 'capitalInPlace', 'production']);
    expect(cols[2]).toMatchObject({ count: 25, more: 5 });
    expect(cols[1]).toMatchObject({ count: 0, plannedInvestment: '0.00', cards: [], more: 0 });
  });

  it('reads the view and the filters from the URL', () => {
    const p = new URLSearchParams('view=board&stage=signed&teamId=x&q=%20&foo=1');
    expect(leadViewOf(p)).toBe('board');
    expect(leadViewOf(new URLSearchParams('view=nonsense'))).toBe('list');
    expect(leadFiltersOf(p)).toEqual({ stage: 'signed', teamId: 'x' });
  });
});

describe('periods', () => {
  it('offers this and the last year, quarter and month', () => {
    const p = periodPresets('2026-11-23');
    expect(p.thisYear).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(p.thisQuarter).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(p.thisMonth).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(p.lastYear).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(p.lastQuarter).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(p.lastMonth).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('crosses the year back and knows February', () => {
    const p = periodPresets('2028-01-15');
    expect(p.lastQuarter).toEqual({ from: '2027-10-01', to: '2027-12-31' });
    expect(p.lastMonth).toEqual({ from: '2027-12-01', to: '2027-12-31' });
    expect(periodPresets('2028-02-10').thisMonth.to).toBe('2028-02-29');
    expect(periodPresets('2026-02-10').thisMonth.to).toBe('2026-02-28');
    expect(periodPresets('2026-05-10').thisQuarter).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });

  it('names a preset or custom, and takes ?from&to only when valid and in order', () => {
    expect(presetOf({ from: '2026-10-01', to: '2026-12-31' }, '2026-11-23')).toBe('thisQuarter');
    expect(presetOf({ from: '2026-10-02', to: '2026-12-31' }, '2026-11-23')).toBe('custom');
    expect(periodOf(new URLSearchParams('from=2026-02-01&to=2026-03-15'), '2026-11-23')).toEqual({ from: '2026-02-01', to: '2026-03-15' });
    expect(periodOf(new URLSearchParams('from=2026-04-01&to=2026-03-15'), '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf(new URLSearchParams('from=2026-13-01&to=2026-12-15'), '2026-11-23').from).toBe('2026-01-01');
  });
});

describe('the lead form', () => {
  const base: LeadFormValues = {
    company: ' 华东恒远石化股份有限公司 ',
    countryRegion: 'cn',
    industry: 'petrochemical',
    money: 'cny',
    plannedInvestment: '1200000',
    currency: 'USD',
    foreignAmount: '100',
    fxRate: '7.1',
    source: '以商引商',
    uscc: ' ',
    contacts: [{ name: '张三', phone: '13800000000' }, { name: ' ' }, {}],
    registeredOn: '2026-11-20',
  };

  it('sends 万元 for a yuan investment and blanks as null', () => {
    const b = leadBody(base);
    expect(b).toMatchObject({
      company: '华东恒远石化股份有限公司',
      countryRegion: 'CN',
      plannedInvestment: '1200000',
      currency: null,
      foreignAmount: null,
      fxRate: null,
    });
    expect(b.uscc).toBeNull();
    expect(b.fortune500).toBe(false);
    expect(b.contacts).toEqual([{ name: '张三', title: null, phone: '13800000000', email: null }]);
  });

  it('sends the currency, amount and rate of a foreign investment, leaving the conversion to the server', () => {
    const b = leadBody({ ...base, money: 'foreign', currency: 'usd' });
    expect(b).toMatchObject({ plannedInvestment: null, currency: 'USD', foreignAmount: '100', fxRate: '7.1' });
  });
});

describe('charts', () => {
  it('draws the scoreboard as counts and amounts, with a title when empty', () => {
    const labels = {
      leads: 'L',
      trips: 'T',
      receptions: 'R',
      signings: 'S',
      signedInvestment: 'SI',
      capitalInPlace: 'C',
      count: 'n',
      wan: 'w',
      noData: 'none',
    };
    const o = scoreboardOption(
      [{ teamName: 'A', leads: 3, trips: 1, receptions: 2, signings: 1, signedInvestment: '12345.67', capitalInPlace: '0.00' }],
      labels,
    ) as { series: { name: string; data: number[] }[]; title?: unknown };
    expect(o.series.map((s) => s.name)).toEqual(['L', 'T', 'R', 'S', 'SI', 'C']);
    expect(o.series[4]!.data).toEqual([12345.67]);
    expect(o.title).toBeUndefined();
    expect((scoreboardOption([], labels) as { title?: { text: string } }).title?.text).toBe('none');
    expect(wanNumber('bad')).toBe(0);
  });

  it('orders rejections by count', () => {
    const o = rejectionOption(
      [
        { measure: 'taxPerMu', count: 1 },
        { measure: 'investmentIntensity', count: 4 },
      ],
      { measure: (m) => m.toUpperCase(), count: 'n', noData: 'none' },
    ) as { xAxis: { data: string[] }; series: { data: number[] }[] };
    expect(o.xAxis.data).toEqual(['INVESTMENTINTENSITY', 'TAXPERMU']);
    expect(o.series[0]!.data).toEqual([4, 1]);
  });

  const company = (n: number, segmentId: string, over: Partial<ChainDetail['segments'][number]['companies'][number]> = {}) => ({
    id: U(n),
    segmentId,
    kind: 'zone' as const,
    enterpriseId: U(900 + n),
    name: `企业${n}`,
    leadId: null,
    leadCode: null,
    leadStage: null,
    chainLeader: false,
    note: null,
    ...over,
  });
  const segment = (n: number, name: string, position: number, parentId: string | null, gap: boolean, companies: ReturnType<typeof company>[]) => ({
    id: U(n),
    chainId: U(1),
    parentId,
    name,
    position,
    description: null,
    gap,
    companies,
    leadCount: 0,
  });
  const chain: ChainDetail = chainDetailSchema.parse({
    id: U(1),
    name: '芳烃-聚酯',
    description: null,
    chiefUserId: null,
    chiefName: null,
    sort: 0,
    segmentCount: 4,
    gapCount: 1,
    zoneEnterpriseCount: 2,
    targetCount: 1,
    segments: [
      segment(12, 'PTA', 1, null, false, [company(21, U(12)), company(22, U(12), { chainLeader: true, name: '链主企业' })]),
      segment(11, 'PX', 0, null, false, []),
      segment(13, '聚酯', 2, null, true, [
        company(23, U(13), { kind: 'target', enterpriseId: null, leadId: U(99), leadCode: 'ZS-2026-001', leadStage: 'negotiating' }),
      ]),
      // its parent is gone: it hangs on the chain
      segment(14, '涤纶', 3, U(77), false, []),
      segment(15, '瓶片', 0, U(12), false, []),
    ],
  });

  it('nests the segments by parent and position, marks gaps red and chain leaders', () => {
    const root = chainTree(chain, { chainLeader: '（链主）', gap: '（缺失）' });
    expect(root.name).toBe('芳烃-聚酯');
    expect(root.children!.map((c) => c.name)).toEqual(['PX', 'PTA', '聚酯（缺失）', '涤纶']);
    const pta = root.children![1]!;
    // a sub-segment first, then the companies, the chain leader before the others
    expect(pta.children!.map((c) => c.name)).toEqual(['瓶片', '链主企业（链主）', '企业21']);
    expect(pta.children![1]!.symbol).toBe('diamond');
    const gap = root.children![2]!;
    expect(gap.itemStyle.color).toBe('#e5484d');
    expect(gap.label?.color).toBe('#e5484d');
    expect(pta.itemStyle.color).not.toBe('#e5484d');
    expect(gap.children![0]!.name).toBe('企业23 · ZS-2026-001');
    expect(gap.children![0]!.symbol).toBe('emptyCircle');
  });

  it('numbers the nodes in pre-order so that a click finds its lead or segment', () => {
    const root = chainTree(chain, { chainLeader: '', gap: '' });
    const nodes = treeNodes(root);
    expect(nodes.map((n) => n.kind)).toEqual(['chain', 'segment', 'segment', 'segment', 'company', 'company', 'segment', 'company', 'segment']);
    expect(nodes[7]).toEqual({ kind: 'company', id: U(23), segmentId: U(13), leadId: U(99) });
    expect(nodes[3]).toMatchObject({ kind: 'segment', id: U(15) });
    const option = chainTreeOption(root) as { series: { type: string; data: unknown[]; expandAndCollapse: boolean }[] };
    expect(option.series[0]!.type).toBe('tree');
    expect(option.series[0]!.data).toEqual([{ ...root, label: expect.objectContaining({ color: root.label!.color }) as unknown }]);
    expect(option.series[0]!.expandAndCollapse).toBe(false);
  });

  it('leaves room for the name of the chain on the left and every leaf label on the right', () => {
    expect(labelWidth('台商联成', 12)).toBe(48);
    expect(labelWidth('ZS-1', 10)).toBe(25);
    const long = chainDetailSchema.parse({
      ...chain,
      name: '芳烃-聚酯产业链',
      segments: [
        segment(12, 'PTA', 1, null, false, [
          company(21, U(12), {
            kind: 'target',
            enterpriseId: null,
            name: '台商联成光伏材料股份有限公司',
            leadId: U(98),
            leadCode: 'ZS-2026-0012',
            leadStage: 'lead',
          }),
        ]),
        segment(13, '瓶片与薄膜', 2, null, true, []),
      ],
    });
    const root = chainTree(long, { chainLeader: '（链主）', gap: '（缺失）' });
    const layout = chainTreeLayout(root);
    const option = chainTreeOption(root) as {
      series: { left: number; right: number; data: { label: { width: number } }[]; leaves: { label: { width: number; overflow: string } } }[];
    };
    const series = option.series[0]!;
    // the root's label (drawn left of its node) and the longest leaf (right of its node) fit in the margins
    expect(series.left).toBe(layout.left);
    expect(series.left).toBeGreaterThanOrEqual(labelWidth('芳烃-聚酯产业链', 13) + 8);
    expect(series.data[0]!.label.width).toBeGreaterThanOrEqual(labelWidth('芳烃-聚酯产业链', 13));
    expect(series.right).toBeGreaterThanOrEqual(labelWidth('台商联成光伏材料股份有限公司 · ZS-2026-0012') + 8);
    expect(series.leaves.label.width).toBeGreaterThanOrEqual(labelWidth('台商联成光伏材料股份有限公司 · ZS-2026-0012'));
    expect(layout.wrapped).toBe(0);
    // a name beyond the cap wraps instead of widening the margin without end, and its row is taller
    const huge = chainTree(
      chainDetailSchema.parse({ ...long, segments: [segment(12, 'PTA', 1, null, false, [company(21, U(12), { name: '很'.repeat(40) })])] }),
      { chainLeader: '', gap: '' },
    );
    const hugeOption = chainTreeOption(huge) as typeof option;
    expect(hugeOption.series[0]!.right).toBeLessThanOrEqual(320);
    expect(hugeOption.series[0]!.leaves.label.overflow).toBe('break');
    expect(chainTreeLayout(huge).wrapped).toBe(1);
    expect(chainTreeHeight(huge)).toBeGreaterThanOrEqual(360);
  });

  it('reads a list answer as a bare array or {items}', () => {
    expect(itemsOf([1, 2])).toEqual([1, 2]);
    expect(itemsOf({ items: [3] })).toEqual([3]);
    expect(itemsOf(undefined)).toEqual([]);
  });
});

describe('assessment values', () => {
  it('names the environmental category, says yes or no and groups figures with their unit', async () => {
    initI18n();
    await setLanguage('zh-CN');
    const t = i18n.t.bind(i18n) as never;
    expect(criterionValueText(t, 'environmentalCategory', 'report')).toBe('报告书');
    expect(criterionValueText(t, 'environmentalCategory', 'reportForm')).toBe('报告表');
    expect(criterionValueText(t, 'environmentalCategory', 'registration')).toBe('登记表');
    expect(criterionValueText(t, 'environmentalCategory', 'other')).toBe('other');
    expect(criterionValueText(t, 'chainFit', true)).toBe('是');
    expect(criterionValueText(t, 'chainFit', false)).toBe('否');
    expect(criterionValueText(t, 'investmentIntensity', 1333.33333)).toBe('1,333.33 万元/亩');
    expect(criterionValueText(t, 'energyIntensity', 0.184615)).toBe('0.185 吨标准煤/万元');
    expect(criterionValueText(t, 'somethingNew', 12345.6)).toBe('12,345.6');
    expect(criterionValueText(t, 'taxPerMu', null)).toBe('—');
    await setLanguage('en-US');
    expect(criterionValueText(t, 'environmentalCategory', 'reportForm')).toBe('Report form');
    expect(criterionValueText(t, 'chainFit', true)).toBe('Yes');
    expect(criterionValueText(t, 'taxPerMu', 60)).toBe('60 10k yuan/mu');
    await setLanguage('zh-CN');
  });
});
