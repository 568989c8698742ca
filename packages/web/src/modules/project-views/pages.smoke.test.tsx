// The battle map and the dashboard render (server-side, first paint) in both languages, with the filters of the URL.
// Effects do not run here (no Leaflet, no ECharts): this catches render-time mistakes and untranslated keys.
import type { ComponentType } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe, renderAs } from '../../app/test-fixtures.tsx';
import BattleMapPage from './BattleMapPage.tsx';
import ProjectDashboardPage from './ProjectDashboardPage.tsx';

const render = (Page: ComponentType, path: string) => renderAs(adminMe, <Page />, path);

const pages: [string, ComponentType, string][] = [
  ['battle map', BattleMapPage, '/projects/map?stage=construction,listed&light=red'],
  ['milestone board', BattleMapPage, '/projects/map?tab=board&page=2&pageSize=20'],
  ['dashboard', ProjectDashboardPage, '/projects/dashboard?year=2025'],
];

describe.each(['zh-CN', 'en-US'] as const)('project views in %s', (lang) => {
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each(pages)('%s renders', (_name, Page, path) => {
    const html = render(Page, path);
    expect(html.length).toBeGreaterThan(100);
    expect(html).not.toMatch(/>projectViews\.[a-zA-Z.]+</);
  });

  it('shows the chosen filters and tab', () => {
    const html = render(BattleMapPage, '/projects/map?tab=board&light=red');
    expect(html).toContain('data-testid="project-view-filters"');
    expect(html).toContain('data-testid="milestone-board"');
    // a filter from the URL is active
    expect(html).toContain('data-testid="project-view-filter-reset"');
    expect(render(BattleMapPage, '/projects/map?light=bogus')).not.toContain('data-testid="project-view-filter-reset"');
  });

  it('shows the dashboard headline cards and the year', () => {
    const html = render(ProjectDashboardPage, '/projects/dashboard?year=2025');
    for (const id of ['dashboard-count', 'dashboard-total-investment', 'dashboard-annual-plan', 'dashboard-ytd', 'dashboard-focus', 'dashboard-year']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain('2025');
  });
});
