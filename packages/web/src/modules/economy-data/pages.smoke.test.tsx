// The figures page, the settings tabs and the figures grid render (server-side, first paint) in both languages with no
// i18n key left untranslated. Effects do not run here (no requests): the grid is rendered with a month as the API
// answers it, with typed, unreadable and refused cells.
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureGrid, Indicator, Me } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../app/test-fixtures.tsx';
import { fieldKey } from './economy-data-ui.ts';
import EconomySettingsPage from './EconomySettingsPage.tsx';
import { FiguresGrid } from './FiguresGrid.tsx';
import FiguresPage from './FiguresPage.tsx';

const me: Me = { ...adminMe, username: 'stats', displayName: '统计员', unitName: '经济发展局', roles: ['statistician'] };

const render = (node: ReactElement, path = '/') => renderAs(me, node, path);

const indicator = (n: number, over: Partial<Indicator>): Indicator => ({
  id: U(100 + n),
  code: `ind${n}`,
  nameZh: `指标${n}`,
  nameEn: `Indicator ${n}`,
  aliases: [],
  unit: '亿元',
  unitEn: '100 million yuan',
  frequency: 'month',
  valueKind: 'cumulative',
  growthKind: 'nominal',
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
  sort: n,
  can: { enter: true, approve: true, manage: true },
  ...over,
});

const cell = (regionId: string, value: number, growth: number, status: 'draft' | 'approved') => ({
  regionId,
  value,
  growth,
  monthValue: null,
  monthGrowth: null,
  status,
  revisionReason: status === 'draft' ? '统计局修订' : null,
  updatedAt: '2026-11-05T02:00:00.000Z',
  updatedByName: '统计员',
  approvedAt: null,
});

const gdp = indicator(1, { code: 'gdp', nameZh: '地区生产总值', frequency: 'quarter', growthKind: 'real' });
const power = indicator(2, { code: 'power', nameZh: '工业用电量', unit: '亿千瓦时', leading: true });
const tax = indicator(3, { code: 'tax', can: { enter: false, approve: false, manage: false } });
const grid: FigureGrid = {
  month: '2026-09',
  regions: [
    { id: U(3), name: '丙区', nameEn: 'Peer C', aliases: [], kind: 'peer', active: true, sort: 10 },
    { id: U(2), name: '某市', nameEn: 'City', aliases: [], kind: 'city', active: true, sort: 1 },
    { id: U(1), name: '本区', nameEn: 'Zone', aliases: [], kind: 'zone', active: true, sort: 1 },
  ],
  rows: [
    {
      indicator: gdp,
      period: '2026-Q3',
      periodLabel: '前三季度',
      cells: [cell(U(1), 456.7, 18.1, 'approved'), cell(U(2), 2345, 6.1, 'draft')],
      previousZoneValue: 300,
    },
    { indicator: power, period: '2026-09', periodLabel: '1-9月', cells: [], previousZoneValue: null },
    { indicator: tax, period: '2026-09', periodLabel: '1-9月', cells: [cell(U(1), 12, 3, 'draft')], previousZoneValue: null },
  ],
};

describe.each(['zh-CN', 'en-US'] as const)('economy data pages in %s', (lang) => {
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  const untranslated = /economyData\.[a-zA-Z.]+/;

  it('renders the figures page with its tools and the growth convention', () => {
    const html = render(<FiguresPage />, '/economy/figures?month=2026-09');
    for (const id of ['figures-page', 'figures-month', 'figures-export', 'figures-import', 'figures-approve', 'figures-hint', 'figures-legend']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain('2026-09');
    expect(html).toContain('18.1');
    expect(html).not.toMatch(untranslated);
  });

  it.each(['indicators', 'regions', 'targets'])('renders the %s settings tab', (tab) => {
    const html = render(<EconomySettingsPage />, `/economy/settings?tab=${tab}`);
    expect(html).toContain('data-testid="economy-settings-page"');
    expect(html).toContain(`data-testid="${{ indicators: 'indicator-table', regions: 'region-table', targets: 'target-table' }[tab]}"`);
    expect(html).not.toMatch(untranslated);
  });

  it('renders the grid: regions in order, sub-columns, statuses, typed and refused cells', () => {
    const drafts = new Map([
      [fieldKey(power.id, U(1), 'value'), '88.5'],
      [fieldKey(power.id, U(1), 'growth'), '0.181'],
    ]);
    const html = render(
      <FiguresGrid
        grid={grid}
        showMonth
        drafts={drafts}
        changed={new Set(drafts.keys())}
        invalid={new Map([[fieldKey(power.id, U(1), 'growth'), 'looks like a ratio']])}
        serverErrors={new Map([[fieldKey(power.id, U(2), 'value'), ['unknown or inactive region']]])}
        onEdit={() => undefined}
        onPasted={() => undefined}
      />,
    );
    expect(html).not.toMatch(untranslated);
    // the zone, the city, then the peer
    const zoneAt = html.indexOf(lang === 'zh-CN' ? '本区</' : 'Zone</');
    expect(zoneAt).toBeGreaterThan(0);
    expect(html.indexOf(lang === 'zh-CN' ? '某市' : 'City')).toBeGreaterThan(zoneAt);
    expect(html.indexOf(lang === 'zh-CN' ? '丙区' : 'Peer C')).toBeGreaterThan(html.indexOf(lang === 'zh-CN' ? '某市' : 'City'));
    // typed cells show their text, the stored ones their figure
    expect(html).toMatch(/data-testid="fig-power-[^"]+-value"[^>]*value="88.5"|value="88.5"[^>]*data-testid="fig-power-/);
    expect(html).toContain('value="456.7"');
    // a quarterly indicator has no 当月 inputs; the read-only indicator none at all
    expect(html).not.toContain(`data-testid="fig-gdp-${U(1)}-monthValue"`);
    expect(html).toContain(`data-testid="fig-power-${U(1)}-monthValue"`);
    expect(html).not.toContain('data-testid="fig-tax-');
    // approved, draft, changed and error cells look different
    for (const cls of ['zo-fig-approved', 'zo-fig-draft', 'zo-fig-changed', 'zo-fig-error', 'zo-fig-locked']) expect(html).toContain(cls);
    expect(html).toContain('looks like a ratio');
    expect(html).toContain('unknown or inactive region');
    expect(html).toContain(lang === 'zh-CN' ? '前三季度' : 'Q1–Q3');
    expect(html).toContain(lang === 'zh-CN' ? '1-9月' : 'Jan–Sep');
  });
});
