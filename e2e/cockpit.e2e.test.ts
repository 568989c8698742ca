// The leaders' cockpit (issue 9) in a real browser, on the whole demo zone as `npm start` loads it. The zone leader
// opens 领导驾驶舱 from the menu: every tile of GET /api/cockpit is there and shows the answer's figures (read through
// the page's own session), a tile's title leads to its module, the big screen button opens /screen in a new tab.
// A department head (建设局, scope: their unit tree) sees the cockpit too, without the tiles of modules they may not
// read. The screenshot of the docs (docs/screenshots/cockpit.png, 1920×1080) is the leader's; failures go to
// test-results/.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearListKinds, type Cockpit } from '@zoneops/shared';
import { NEW_PASSWORD, PASSWORD, type TestEnv } from '../packages/server/test/harness.ts';
import { formatValue } from '../packages/web/src/modules/economy/economy-ui.ts';
import { formatYi } from '../packages/web/src/modules/project-views/views-ui.ts';
import {
  alarmLevelOrder,
  formatGrowth,
  formatNumber,
  formatPercent,
  presentTiles,
  rankOf,
  rateCircle,
  tileKeys,
  vehiclesByCategory,
} from '../packages/web/src/modules/cockpit/cockpit-ui.ts';
import { haveChromium, launch, SCREENSHOTS, demoSessions, apiGet } from './browser.ts';
import { seedDemoModules, startDemoPlatform } from './demo-platform.ts';

/** The screenshot of the docs; failures go to test-results/ like the others. */
const DOCS = new URL('../docs/screenshots/', import.meta.url).pathname;
const num = (n: number) => formatNumber(n, 'zh');

describe.skipIf(!haveChromium())('the cockpit in Chromium', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    // every module's demo data, as `npm start` loads it (server.ts)
    ({ env, base } = await startDemoPlatform((app) => seedDemoModules(app)));
    browser = await launch();
    mkdirSync(DOCS, { recursive: true });
  }, 600_000);
  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await env?.close();
  });

  const { as, closeAll } = demoSessions(() => browser, {
    base: () => base,
    now: () => env.clock.now(),
    password: PASSWORD,
    newPassword: NEW_PASSWORD,
    viewport: { width: 1920, height: 1080 },
  });

  /**
   * Lets the charts' animations end before a screenshot: ECharts times them with Date, which the fixed clock holds
   * still, so the fixed time moves on a few seconds (the same morning) and the next frame draws the last one.
   */
  let later = 0;
  const settle = async (page: Page) => {
    later += 5_000;
    await page.context().clock.setFixedTime(env.clock.now().getTime() + later);
    await page.waitForTimeout(600);
  };
  const failShot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}cockpit-${name}.png`, fullPage: true });
  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  /** Every tile of the answer is on the page and no other; each shows the answer's figures. */
  async function expectFigures(page: Page, data: Cockpit) {
    const present = presentTiles(data);
    for (const k of tileKeys) {
      expect(await page.getByTestId(`cockpit-tile-${k}`).count(), k).toBe(present.includes(k) ? 1 : 0);
    }
    if (data.economy) {
      for (const i of data.economy.indicators) {
        expect(await text(page, `economy-value-${i.code}`), i.code).toBe(formatValue(i.value));
        expect(await text(page, `economy-growth-${i.code}`), i.code).toBe(formatGrowth(i.growth, 'zh'));
        const rank = rankOf(i.rank);
        if (rank) expect(await text(page, `economy-rank-${i.code}`), i.code).toBe(`${rank.text}${rank.tied ? '并列' : ''}`);
      }
    }
    if (data.projects) {
      const p = data.projects;
      expect(await text(page, 'projects-count')).toBe(num(p.count));
      expect(await text(page, 'projects-annual-percent')).toBe(formatPercent(p.annualPercent, 'zh'));
      expect(await text(page, 'projects-ytd')).toContain(formatYi(p.ytdCompleted));
      expect(await text(page, 'projects-plan')).toContain(formatYi(p.annualPlan));
      for (const k of yearListKinds) {
        const l = p.yearLists[k];
        if (l) expect(await text(page, `projects-list-${k}`)).toBe(`${num(l.count)} 个 · ${formatYi(l.totalInvestment)} 亿元`);
      }
      for (const d of p.topDelayed) await page.getByTestId(`projects-delayed-${d.id}`).waitFor();
    }
    if (data.promotion) {
      const s = data.promotion.signings;
      expect(await text(page, 'promotion-signed')).toBe(num(s.count));
      expect(await text(page, 'promotion-signed-investment')).toBe(formatYi(s.signedInvestment));
      expect(await text(page, 'promotion-capital')).toBe(formatYi(s.capitalInPlace));
      await page.getByTestId('promotion-funnel').locator('canvas').waitFor();
    }
    if (data.supervision) {
      const s = data.supervision;
      expect(await text(page, 'supervision-open')).toBe(num(s.open));
      expect(await text(page, 'supervision-red')).toBe(num(s.red));
      expect(await text(page, 'supervision-yellow')).toBe(num(s.yellow));
      for (const item of s.redItems) await page.getByTestId(`supervision-item-${item.id}`).waitFor();
    }
    if (data.service) {
      const s = data.service;
      for (const k of ['onTimeResponse', 'onTimeCompletion', 'satisfaction'] as const) {
        expect(await text(page, `service-${k}`), k).toBe(rateCircle(s[k], 'zh').text);
      }
      expect(await text(page, 'service-requests')).toBe(num(s.requests));
      expect(await text(page, 'service-open-requests')).toBe(num(s.open));
    }
    if (data.safety) {
      for (const l of alarmLevelOrder) expect(await text(page, `safety-${l}`), l).toBe(num(data.safety.openAlarms[l]));
    }
    if (data.park) {
      expect(await text(page, 'park-vehicles')).toBe(num(data.park.vehicles));
      expect(await text(page, 'park-people')).toBe(num(data.park.people));
      for (const c of vehiclesByCategory(data.park.vehiclesByCategory)) expect(await text(page, `park-category-${c.category}`), c.category).toBe(num(c.count));
    }
    if (data.competition) {
      expect(await text(page, 'competition-scheme')).toBe(data.competition.schemeName);
      for (const r of data.competition.rows) {
        expect(await text(page, `competition-total-${r.participantId}`), r.name).toBe(formatNumber(r.total, 'zh', 2));
        expect(await text(page, `competition-rank-${r.participantId}`), r.name).toBe(`${num(r.rank)}${r.tied ? '并列' : ''}`);
      }
    } else if (data.competition === null) {
      await page.getByTestId('competition-none').waitFor();
    }
  }

  it('shows the leader every tile with the answer’s figures, links to the modules and the big screen', { timeout: 300_000 }, async () => {
    const page = await as('leader');
    try {
      await page.getByTestId('menu-cockpit').click();
      await page.getByTestId('cockpit-tiles').waitFor();
      const data = await apiGet<Cockpit>(page, '/api/cockpit');
      // the leader reads every module: every tile, each with real demo figures
      expect(presentTiles(data)).toEqual([...tileKeys]);
      expect(data.economy!.indicators.length).toBeGreaterThan(0);
      expect(data.projects!.count).toBeGreaterThan(0);
      expect(data.competition).not.toBeNull();
      expect(await page.getByTestId('cockpit-at').getAttribute('data-at')).toBe(data.at);
      await expectFigures(page, data);

      // the big screen opens in a new tab
      const screen = page.getByTestId('cockpit-big-screen');
      expect(await screen.getAttribute('href')).toBe('/screen');
      expect(await screen.getAttribute('target')).toBe('_blank');

      await settle(page);
      await page.screenshot({ path: `${DOCS}cockpit.png` });

      // a tile's title leads to its module; the competition's to its run
      expect(await page.getByTestId('cockpit-link-competition').getAttribute('href')).toBe(`/assessments/runs/${data.competition!.runId}`);
      await page.getByTestId('cockpit-link-projects').click();
      await page.getByTestId('project-dashboard').waitFor();
      expect(new URL(page.url()).pathname).toBe('/projects/dashboard');
      await page.goBack();
      await page.getByTestId('cockpit-tiles').waitFor();
      await page.getByTestId('cockpit-link-economy').click();
      await page.waitForURL((u) => u.pathname === '/economy');
    } catch (err) {
      await failShot(page, 'leader').catch(() => undefined);
      throw err;
    }
  });

  it('shows a department head their cockpit without the modules they may not read', { timeout: 300_000 }, async () => {
    const page = await as('construction');
    try {
      await page.getByTestId('menu-cockpit').click();
      await page.getByTestId('cockpit-tiles').waitFor();
      const data = await apiGet<Cockpit>(page, '/api/cockpit');
      // no safety.read and no park.read for department heads
      expect(data.safety).toBeUndefined();
      expect(data.park).toBeUndefined();
      expect(presentTiles(data)).toContain('projects');
      await expectFigures(page, data);
    } catch (err) {
      await failShot(page, 'dept-head').catch(() => undefined);
      throw err;
    }
  });
});
