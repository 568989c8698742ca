// The big screen renders (server-side, first paint) in both languages: the page itself before any answer (the title
// bar, the map's place), and its panels with a cockpit answer parsed by the shared schema (a change of the contract
// breaks this test) and a live alarm feed. Effects do not run here: no socket, no fetch, no Leaflet, no ECharts.
import { beforeAll, describe, expect, it } from 'vitest';
import { cockpitSchema, menuCatalogue, type AlarmSummary, type Me } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../app/test-fixtures.tsx';
import BigScreenPage from './BigScreenPage.tsx';
import { LeftColumn, RightColumn, TitleBar } from './ScreenBoard.tsx';
import type { FeedItem } from './screen-ui.ts';

const cockpit = cockpitSchema.parse({
  at: '2026-11-23T01:00:00.000Z',
  economy: {
    month: '2026-10',
    indicators: [
      {
        id: U(20),
        code: 'GDP',
        nameZh: '地区生产总值',
        nameEn: 'Gross regional product',
        unit: '亿元',
        unitEn: '100M CNY',
        periodLabel: '1-10月',
        value: 353.27,
        growth: 13.1,
        rank: { rank: 1, tiedWith: 0, of: 11 },
        target: null,
        threshold: 'normal',
      },
    ],
    summary: { first: 1, second: 0, ranked: 1, belowTarget: 0, alert: 0 },
  },
  projects: {
    year: 2026,
    count: 900,
    annualPlan: '18543000.00',
    ytdCompleted: '14296600.00',
    annualPercent: 77.1,
    byLight: [
      { light: 'red', count: 105 },
      { light: 'yellow', count: 154 },
      { light: 'green', count: 304 },
      { light: 'none', count: 337 },
    ],
    yearLists: {
      newlyStarted: { count: 3, totalInvestment: '1000.00' },
      newlyProducing: { count: 2, totalInvestment: '800.00' },
      newReserve: { count: 4, totalInvestment: '1200.00' },
    },
    topDelayed: [],
  },
  promotion: { funnel: [], signings: { year: 2026, count: 5, signedInvestment: '2185000.00', capitalInPlace: '0.00' } },
  supervision: {
    open: 12,
    red: 1,
    yellow: 2,
    overdueByUnit: [],
    redItems: [{ id: U(30), ledgerKind: 'supervision', title: '港区疏港公路二期沿线征迁交地', unitName: '古雷镇', dueOn: '2026-11-13', overdueDays: 10 }],
  },
  service: {
    from: '2026-01-01',
    to: '2026-11-23',
    requests: 10,
    open: 2,
    onTimeResponse: { count: 9, of: 10, rate: 90 },
    onTimeCompletion: { count: 8, of: 10, rate: 80 },
    satisfaction: { count: 4, of: 5, rate: 80 },
  },
  safety: { openAlarms: { red: 2, orange: 3, yellow: 3, blue: 1 } },
  park: { at: '2026-11-23T01:00:00.000Z', vehicles: 17, vehiclesByCategory: [{ category: 'hazmat', count: 17 }], people: 6 },
  competition: null,
});

const alarm = {
  id: U(10),
  pointId: U(11),
  pointTag: 'AT-2101',
  pointName: '急冷压缩区硫化氢检测器1#',
  unit: 'ppm',
  deviceId: null,
  deviceName: null,
  enterpriseId: U(12),
  enterpriseName: '福建古雷石化有限公司',
  majorHazardId: null,
  majorHazardName: null,
  plate: null,
  checkpointName: null,
  geofenceName: null,
  lat: null,
  lon: null,
  rule: 'threshold',
  level: 'red',
  band: 'hh',
  status: 'raised',
  value: 21,
  threshold: 20,
  peakValue: 21,
  occurrences: 1,
  raisedAt: '2026-11-23T00:58:00.000Z',
  clearedAt: null,
  acknowledgedAt: null,
  handledAt: null,
  closedAt: null,
  escalation: 0,
  hazardItemId: null,
  updatedAt: '2026-11-23T00:58:00.000Z',
} as AlarmSummary;
const feed: FeedItem[] = [{ key: alarm.id, alarm, at: alarm.updatedAt }];

/** A leader's session: the cockpit, no module reads (the panels of the unread modules are not drawn). */
const cockpitOnly: Me = {
  ...adminMe,
  roles: ['leader'],
  permissions: ['cockpit.view'],
  menus: menuCatalogue.filter((m) => m.key === 'bigScreen').map((m) => m.key),
};

describe.each(['zh-CN', 'en-US'] as const)('big screen (%s)', (lang) => {
  beforeAll(async () => {
    await initI18n();
    await setLanguage(lang);
  });
  const zh = lang === 'zh-CN';

  it('paints the stage before any answer', () => {
    const html = renderAs(adminMe, <BigScreenPage />, '/screen');
    expect(html).toContain('data-testid="screen-stage"');
    expect(html).toContain(zh ? '古雷港经济开发区' : 'Gulei Port Economic Development Zone');
    expect(html).toContain(zh ? '数据加载中' : 'Loading data');
    expect(html).toContain('data-testid="screen-map"');
    expect(html).toContain(zh ? '未关闭报警' : 'Open alarms');
  });

  it('draws the cockpit figures, the charts, the feed and the red items', () => {
    const html = renderAs(
      adminMe,
      <>
        <TitleBar dataAt={cockpit.at} live="open" />
        <LeftColumn cockpit={cockpit} liveCounts={null} />
        <RightColumn cockpit={cockpit} feed={feed} showFeed />
      </>,
      '/screen',
    );
    expect(html).toContain('data-testid="screen-counter-projects" data-value="900"');
    expect(html).toContain('data-testid="screen-counter-investment" data-value="1429.66"');
    expect(html).toContain('aria-label="1,429.66"');
    expect(html).toContain('data-testid="screen-counter-alarms" data-value="9"');
    expect(html).toContain('data-testid="screen-counter-vehicles" data-value="17"');
    expect(html).toContain('data-testid="screen-lights-chart"');
    expect(html).toContain('data-testid="screen-alarms-chart"');
    expect(html).toContain(zh ? '地区生产总值' : 'Gross regional product');
    expect(html).toContain('福建古雷石化有限公司');
    expect(html).toContain('港区疏港公路二期沿线征迁交地');
    expect(html).toContain(zh ? '超期 10 天' : '10 days overdue');
    expect(html).toContain(zh ? '实时推送' : 'Live');
    expect(html).toContain(zh ? '完成年度计划 77.1%' : '77.1% of the annual plan');
  });

  it('leaves out what the caller may not read', () => {
    const only = cockpitSchema.parse({ at: cockpit.at, park: cockpit.park });
    const html = renderAs(
      cockpitOnly,
      <>
        <LeftColumn cockpit={only} liveCounts={{ vehicles: 18, people: 7 }} />
        <RightColumn cockpit={only} feed={[]} showFeed={false} />
      </>,
      '/screen',
    );
    expect(html).toContain('data-testid="screen-counter-vehicles" data-value="18"');
    expect(html).not.toContain('screen-counter-projects');
    expect(html).not.toContain('screen-lights-chart');
    expect(html).not.toContain('screen-feed');
    expect(html).not.toContain('screen-red-items');
    expect(renderAs(cockpitOnly, <BigScreenPage />, '/screen')).not.toContain(zh ? '未关闭报警' : 'Open alarms');
  });
});
