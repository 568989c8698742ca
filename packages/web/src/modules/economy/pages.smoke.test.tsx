// The economy pages render (server-side, first paint) in both languages, without data (effects do not run here, so
// nothing is fetched) and, for the parts that take data, with a month of figures: the cards, the overview, the
// analysis panel, the indicator page and the bulletin sheet. This catches render-time mistakes and untranslated keys.
import type { ComponentType, ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EconomyBulletin, EconomyDashboard, Indicator, IndicatorMeasures, IndicatorSeries } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe, renderAs } from '../../app/test-fixtures.tsx';
import { BulletinSheet } from './BulletinSheet.tsx';
import DashboardPanel from './DashboardPanel.tsx';
import EconomyBulletinPage from './EconomyBulletinPage.tsx';
import EconomyDashboardPage, { KpiGroup, SummaryLine } from './EconomyDashboardPage.tsx';
import IndicatorDetailPage, { IndicatorView } from './IndicatorDetailPage.tsx';
import { KpiCard } from './KpiCard.tsx';

const html = (element: ReactElement, path = '/economy') => renderAs(adminMe, element, path);

// ---- a month of figures ---------------------------------------------------------------------------------------------

const id = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;
const zone = { id: id(1), name: '开发区', nameEn: 'Development Zone', aliases: [], kind: 'zone' as const, active: true, sort: 1 };
const city = { id: id(2), name: '漳州市', nameEn: 'Zhangzhou', aliases: [], kind: 'city' as const, active: true, sort: 2 };
const peer = { id: id(3), name: '龙海区', nameEn: 'Longhai', aliases: [], kind: 'peer' as const, active: true, sort: 3 };

function indicator(over: Partial<Indicator>): Indicator {
  return {
    id: id(50),
    code: 'gdp',
    nameZh: '地区生产总值',
    nameEn: 'Gross domestic product (GDP)',
    aliases: ['GDP'],
    unit: '亿元',
    unitEn: '100 million yuan',
    frequency: 'quarter',
    valueKind: 'cumulative',
    growthKind: 'real',
    higherIsBetter: true,
    rankBy: 'growth',
    additive: true,
    alertLevel: 0,
    excellentLevel: 8,
    leadUnitId: null,
    leadUnitName: '经济发展局',
    ownerUserId: null,
    ownerName: '张三',
    source: '区统计局',
    notes: '季度核算',
    leading: false,
    active: true,
    sort: 10,
    can: { enter: true, approve: true, manage: true },
    ...over,
  };
}

const gdp: IndicatorMeasures = {
  indicator: indicator({}),
  period: '2026-Q3',
  periodLabel: '前三季度',
  zone: { value: 456.78, growth: 18.1, monthValue: null, monthGrowth: null },
  city: { value: 2300, growth: 6.2, monthValue: null, monthGrowth: null },
  rank: { rank: 1, tiedWith: 1, of: 9 },
  share: 19.86,
  pull: 2.31,
  contribution: { contribution: 55.2, cityDeclined: false },
  increase: { increase: 70, approximate: true },
  target: { kind: 'growth', target: 8, gapPoints: 10.1, met: true },
  threshold: 'excellent',
  ahead: null,
  behind: { regionId: peer.id, name: peer.name, gap: 3.2 },
  ranking: [
    { regionId: zone.id, name: zone.name, kind: 'zone', value: 456.78, growth: 18.1, rank: 1, tiedWith: 1, share: 19.86 },
    { regionId: peer.id, name: peer.name, kind: 'peer', value: 300, growth: 14.9, rank: 2, tiedWith: 1, share: 13 },
  ],
};

const tax: IndicatorMeasures = {
  ...gdp,
  indicator: indicator({
    id: id(51),
    code: 'tax',
    nameZh: '税收收入',
    nameEn: 'Tax revenue',
    frequency: 'month',
    growthKind: 'nominal',
    leading: true,
    sort: 200,
  }),
  period: '2026-10',
  periodLabel: '1-10月',
  zone: { value: 88.5, growth: -3.4, monthValue: 9, monthGrowth: -1 },
  rank: { rank: 2, tiedWith: 2, of: 9 },
  increase: { increase: -3.1, approximate: false },
  target: { kind: 'value', target: 120, completion: 73.75, timeProgress: 83.33, aheadOfTime: -9.58, met: false },
  threshold: 'alert',
  ahead: { regionId: peer.id, name: peer.name, gap: 0.5 },
  behind: null,
  ranking: [
    { regionId: zone.id, name: zone.name, kind: 'zone', value: 88.5, growth: -3.4, rank: 2, tiedWith: 2, share: 10 },
    { regionId: peer.id, name: peer.name, kind: 'peer', value: 90, growth: -3.4, rank: 2, tiedWith: 2, share: 10 },
  ],
};

const empty: IndicatorMeasures = {
  ...gdp,
  indicator: indicator({ id: id(52), code: 'fdi', nameZh: '实际利用外资', nameEn: 'FDI', alertLevel: null, excellentLevel: null, sort: 100 }),
  zone: null,
  city: null,
  rank: null,
  share: null,
  pull: null,
  contribution: null,
  increase: null,
  target: null,
  threshold: 'none',
  ahead: null,
  behind: null,
  ranking: [],
};

const dashboard: EconomyDashboard = {
  month: '2026-10',
  latestMonth: '2026-10',
  zone,
  city,
  indicators: [gdp, tax, empty],
  summary: { first: 1, second: 1, ranked: 2, belowTarget: 1, alert: 1 },
};

const series: IndicatorSeries = {
  indicator: gdp.indicator,
  regions: [zone, city, peer],
  points: [
    ['2026-Q3', zone.id, 456.78, 18.1],
    ['2026-Q3', city.id, 2300, 6.2],
    ['2026-Q2', zone.id, 300, 15],
    ['2026-Q3', peer.id, 300, 14.9],
  ],
  targets: [
    {
      id: id(60),
      indicatorId: gdp.indicator.id,
      year: 2026,
      kind: 'growth',
      value: 8,
      setOn: '2026-02-15',
      note: '区政府工作报告',
      updatedAt: '2026-02-15T00:00:00.000Z',
    },
  ],
};

const bulletin: EconomyBulletin = {
  month: '2026-10',
  title: '开发区2026年1-10月经济运行情况通报',
  issuer: '开发区管理委员会',
  date: '2026-11-20',
  blocks: [
    { kind: 'p', text: '现将2026年1-10月开发区主要经济指标运行情况通报如下。' },
    { kind: 'h1', text: '一、总体情况' },
    { kind: 'p', text: '地区生产总值前三季度完成456.78亿元，比增18.1%，增幅位居全市第一。' },
    { kind: 'h2', text: '（一）先行指标' },
    { kind: 'table', columns: ['序号', '指标'], rows: [[1, '地区生产总值']], widths: [1, 4] },
  ],
};

// ---- the pages ------------------------------------------------------------------------------------------------------

const pages: [string, ComponentType, string][] = [
  ['dashboard', EconomyDashboardPage, '/economy?month=2026-10&indicator=x'],
  ['dashboard (bad month)', EconomyDashboardPage, '/economy?month=2026-13'],
  ['bulletin', EconomyBulletinPage, '/economy/bulletin?month=2026-10'],
  ['bulletin (default month)', EconomyBulletinPage, '/economy/bulletin'],
  ['indicator', IndicatorDetailPage, '/economy/indicators/abc?years=5'],
];

describe.each(['zh-CN', 'en-US'] as const)('economy pages in %s', (lang) => {
  const l = lang === 'en-US' ? 'en' : 'zh';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  const untranslated = /economy\.[a-zA-Z]+\.[a-zA-Z.]+/;

  it.each(pages)('%s renders without data', (_name, Page, path) => {
    const out = html(<Page />, path);
    expect(out.length).toBeGreaterThan(100);
    expect(out).not.toMatch(untranslated);
  });

  it('shows the month and the bulletin fields', () => {
    const dash = html(<EconomyDashboardPage />, '/economy?month=2026-10');
    expect(dash).toContain('data-testid="economy-month"');
    expect(dash).toContain('2026-10');
    const page = html(<EconomyBulletinPage />, '/economy/bulletin?month=2026-10');
    for (const t of [
      'economy-bulletin-month',
      'economy-bulletin-doc-title',
      'economy-bulletin-doc-number',
      'economy-bulletin-download',
      'economy-bulletin-note',
    ]) {
      expect(page).toContain(`data-testid="${t}"`);
    }
  });

  it('renders the cards with rank, ties, target, thresholds, share, pull and the approximate increase', () => {
    const out = html(<KpiCard m={gdp} lang={l} />);
    expect(out).toContain('data-testid="economy-kpi-gdp"');
    expect(out).toContain('456.78');
    expect(out).toContain('18.1%');
    expect(out).toContain('19.9%');
    expect(out).toContain('2.31');
    expect(out).toContain('data-testid="economy-approximate"');
    expect(out).toContain('data-testid="economy-threshold-excellent"');
    expect(out).toContain(lang === 'zh-CN' ? '第1/9' : '1 of 9');
    expect(out).toContain(lang === 'zh-CN' ? '高于目标 10.1 个百分点（目标增长 8.0%）' : '10.1 points above target (target growth 8.0%)');
    expect(out).toContain(lang === 'zh-CN' ? '2026年前三季度' : 'Q1–Q3 2026');
    expect(out).not.toMatch(untranslated);

    const taxCard = html(<KpiCard m={tax} lang={l} />);
    expect(taxCard).toContain(lang === 'zh-CN' ? '第2/9 并列' : '2 of 9 tied');
    expect(taxCard).toContain('-3.4%');
    expect(taxCard).toContain('data-testid="economy-threshold-alert"');
    expect(taxCard).toContain(lang === 'zh-CN' ? '完成年度目标 73.8%' : '73.8% of the annual target');
    expect(taxCard).toContain(lang === 'zh-CN' ? '序时进度 83.3%，低于序时进度 9.6 个百分点' : 'time elapsed 83.3%, 9.6 points behind time');
    // a nominal growth: the increase is exact
    expect(taxCard).not.toContain('data-testid="economy-approximate"');

    const none = html(<KpiCard m={empty} lang={l} />);
    expect(none).toContain(lang === 'zh-CN' ? '本期暂无数据' : 'No figure for this period');
    expect(none).toContain('data-testid="economy-threshold-none"');
  });

  it('renders the overview and the groups, leading indicators apart', () => {
    const out = html(
      <>
        <SummaryLine data={dashboard} lang={l} />
        <KpiGroup title="main" items={[gdp, empty]} lang={l} selectedId={gdp.indicator.id} onAnalyse={() => undefined} testId="economy-main-indicators" />
        <KpiGroup title="leading" items={[tax]} lang={l} selectedId={undefined} onAnalyse={() => undefined} testId="economy-leading-indicators" />
        <KpiGroup title="none" items={[]} lang={l} selectedId={undefined} onAnalyse={() => undefined} testId="economy-no-group" />
      </>,
    );
    expect(out).toContain(lang === 'zh-CN' ? '位居第一 1 项' : '1 ranked first');
    expect(out).toContain(lang === 'zh-CN' ? '2026年1-10月运行概况' : 'Overview, Jan–Oct 2026');
    expect(out).toContain('data-testid="economy-leading-indicators"');
    expect(out).not.toContain('data-testid="economy-no-group"');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the analysis panel with the ranking, the ties and the neighbours', () => {
    const out = html(<DashboardPanel data={dashboard} selected={tax} lang={l} onSelect={() => undefined} />);
    for (const t of ['economy-ranking-chart', 'economy-share-chart', 'economy-trend-chart', 'economy-panel-indicator', 'economy-ties']) {
      expect(out).toContain(`data-testid="${t}"`);
    }
    expect(out).toContain(lang === 'zh-CN' ? '并列第2：开发区、龙海区' : 'Tied No. 2: Development Zone, 龙海区');
    expect(out).toContain(lang === 'zh-CN' ? '落后前一位龙海区 0.5 个百分点' : '0.5 percentage points behind 龙海区');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the indicator page with its metadata, targets and history', () => {
    const out = html(<IndicatorView series={series} lang={l} range={3} onRange={() => undefined} />, `/economy/indicators/${gdp.indicator.id}`);
    for (const t of ['economy-indicator-meta', 'economy-indicator-targets', 'economy-history', 'economy-history-export', 'economy-indicator-range']) {
      expect(out).toContain(`data-testid="${t}"`);
    }
    expect(out).toContain('经济发展局');
    expect(out).toContain('区政府工作报告');
    expect(out).toContain('2,300');
    expect(out).toContain(lang === 'zh-CN' ? '可比价（实际增速）' : 'Comparable prices (real growth)');
    expect(out).toContain(lang === 'zh-CN' ? '增速低于 0.0%' : 'growth below 0.0%');
    expect(out).toContain(lang === 'zh-CN' ? '增速不低于 8.0%' : 'growth of at least 8.0%');
    expect(out).toContain(lang === 'zh-CN' ? '增长 8.0%' : 'growth 8.0%');
    expect(out).toContain(lang === 'zh-CN' ? '是（全市数为各地之和' : 'Yes (the city’s figure is the sum');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the bulletin as a document with the server’s numbered headings, the title and number given', () => {
    const out = html(<BulletinSheet bulletin={bulletin} docNumber="开管〔2026〕12号" />);
    expect(out).toContain('开发区2026年1-10月经济运行情况通报');
    expect(out).toContain('一、总体情况');
    expect(out).toContain('（一）先行指标');
    expect(out).toContain('开管〔2026〕12号');
    expect(out).toContain('2026年11月20日');
    expect(out).toContain('<table');
    const titled = html(<BulletinSheet bulletin={bulletin} title="专题通报" />);
    expect(titled).toContain('专题通报');
    expect(titled).not.toContain('经济运行情况通报</h1>');
  });
});
