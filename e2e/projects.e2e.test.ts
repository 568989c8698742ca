// One key project's monthly investment report in a real browser (issue 4, "Done when"): the owner enterprise files
// the missing report of the last finished month, the responsible department approves it from its queue; the
// project's figures move and its light turns from yellow (report late) to green; the three lists, the dashboard and
// the battle map show it. The demo seed leaves exactly this report unfiled (demo-projects.ts, the 'missing' flag).
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centsToMoney, moneyToCents, periodOfDay, previousPeriod, projectLightReasonText, type ProjectLightReason } from '@zoneops/shared';
import { createEnv, NEW_PASSWORD, PASSWORD, type TestEnv } from '../packages/server/test/harness.ts';
import type { App } from '../packages/server/src/app.ts';
import { seedDemo } from '../packages/server/src/db/seed/index.ts';
import { seedDemoProjectPlay } from '../packages/server/src/db/seed/demo-project-play.ts';
import { localDate } from '../packages/server/src/platform/clock.ts';
import { queryRows } from '../packages/server/src/platform/database.ts';
import { formatWan } from '../packages/web/src/modules/projects/format.ts';
import { formatYi, projectLightColours } from '../packages/web/src/modules/project-views/views-ui.ts';
import { haveChromium, launch, SCREENSHOTS, demoSessions, apiGet } from './browser.ts';

/** The screenshots of the docs (docs/screenshots/projects-*.png); failures go to test-results/ like the others. */
const DOCS = new URL('../docs/screenshots/', import.meta.url).pathname;
const NAME = '古雷炼化一体化二期乙烯下游深加工项目';
/** The report filed, in 万元 (near the project's earlier months, so the year stays on plan). */
const PLANNED = '26500.00';
const COMPLETED = '26800.00';
const PROGRESS = 'EVA装置主体结构封顶，聚丙烯装置设备安装完成约60%';

interface Detail {
  id: string;
  light: string;
  lightReasons: { code: string }[];
  ytdPlanned: string;
  ytdCompleted: string;
  completedTotal: string;
  lastApprovedPeriod: string | null;
}
interface Report {
  id: string;
  period: string;
  status: string;
  completed: string;
}
interface Dashboard {
  totals: { count: number; ytdCompleted: string };
  monthly: { month: number; planned: string; completed: string }[];
  byLight: { key: string; count: number }[];
}
type Point = [string, string, number, number, string, string];

/** Leaflet's pixel of a place at a zoom (EPSG:3857, 256-pixel tiles). */
function worldPixel(lat: number, lng: number, zoom: number): { x: number; y: number } {
  const scale = 256 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return { x: scale * (0.5 + lng / 360), y: scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) };
}

const plus = (a: string, b: string) => centsToMoney(moneyToCents(a) + moneyToCents(b));
const lightCount = (d: Dashboard, light: string) => d.byLight.find((b) => b.key === light)?.count ?? 0;

describe.skipIf(!haveChromium())('a key project in Chromium', () => {
  let env: TestEnv;
  let app: App;
  let base: string;
  let browser: Browser;
  let projectId: string;
  /** The last finished month on the fixed clock: the one the seed left unfiled. */
  let period: string;

  beforeAll(async () => {
    env = await createEnv('pglite');
    await seedDemo(env.database.db, PASSWORD);
    app = await env.start();
    // the key projects, their reports and lights, as `npm start` loads them on the demo zone
    await seedDemoProjectPlay(app.deps, app.projects);
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launch();
    mkdirSync(DOCS, { recursive: true });
    const [row] = await queryRows<{ id: string }>(env.database.db, sql`select id from projects where name = ${NAME}`);
    projectId = row!.id;
    period = previousPeriod(periodOfDay(localDate(env.clock.now()), 'month'));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const { as, closeAll } = demoSessions(() => browser, { base: () => base, now: () => env.clock.now(), password: PASSWORD, newPassword: NEW_PASSWORD });

  const get = apiGet;
  const detailOf = (page: Page) => get<Detail>(page, `/api/projects/${projectId}`);
  const reasonsOf = (d: Detail) => d.lightReasons.map((r) => projectLightReasonText(r as ProjectLightReason, 'zh'));
  /**
   * Lets the charts' animations end before a screenshot: ECharts times them with Date, which the fixed clock holds
   * still, so the fixed time moves on a few seconds (the same morning) and the next frame draws the last one.
   */
  let later = 0;
  const settle = async (page: Page) => {
    later += 5_000;
    await page.context().clock.setFixedTime(env.clock.now().getTime() + later);
    await page.waitForTimeout(500);
  };
  const docShot = (page: Page, name: string) => page.screenshot({ path: `${DOCS}projects-${name}.png`, fullPage: true });
  const failShot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}projects-${name}.png`, fullPage: true });

  /** Types into a search box (antd puts the test id on the box's wrapper) and runs the search. */
  const search = async (page: Page, testId: string, text: string) => {
    const input = page.getByTestId(testId).locator('input');
    await input.fill(text);
    await input.press('Enter');
  };
  const openProject = async (page: Page, tab?: string) => {
    await page.goto(`${base}/projects/${projectId}${tab ? `?tab=${tab}` : ''}`);
    await page.getByTestId('project-detail').waitFor();
  };
  /** The light in the project's head once it is this colour; its text (every reason). */
  const headLight = async (page: Page, light: string) => {
    const badge = page.locator(`[data-testid="project-light"][data-light="${light}"]`);
    await badge.waitFor();
    return (await badge.textContent()) ?? '';
  };

  it('files, approves and shows a monthly investment report', { timeout: 300_000 }, async () => {
    // ---- the seed's story on the fixed clock -----------------------------------------------------------------------
    const [seeded] = await queryRows<{ light: string; reasons: ProjectLightReason[]; filed: number }>(
      env.database.db,
      sql`select light, light_reasons as reasons, (select count(*)::int from investment_reports r where r.project_id = p.id and r.period = ${period}) as filed
          from projects p where p.id = ${projectId}`,
    );
    expect(period).toBe('2026-10');
    expect(seeded).toMatchObject({ light: 'yellow', filed: 0 });
    expect(seeded!.reasons.map((r) => r.code)).toEqual(['reportLate']);

    // ---- (1) the owner's liaison files the report of the last finished month --------------------------------------
    const ent = await as('enterprise');
    await ent.goto(`${base}/projects`);
    await ent.getByTestId('projects-table').waitFor();
    await search(ent, 'project-filter-q', NAME);
    const listed = ent.locator(`[data-testid="projects-table"] tr[data-row-key="${projectId}"]`);
    await listed.locator('[data-light="yellow"]').waitFor();
    await ent.getByTestId(`project-link-${projectId}`).click();
    await ent.getByTestId('project-detail').waitFor();
    const before = await detailOf(ent);
    expect(before.lastApprovedPeriod).toBe('2026-09');
    const lateText = await headLight(ent, 'yellow');
    expect(reasonsOf(before)).toEqual([expect.stringContaining(`${period}投资月报逾期`)]);
    expect(lateText).toContain(reasonsOf(before)[0]);
    expect(await ent.getByTestId('figure-ytd').textContent()).toContain(formatWan(before.ytdCompleted));

    await ent.getByTestId('project-tabs').getByRole('tab', { name: '投资填报' }).click();
    await ent.getByTestId('investment-tab').waitFor();
    expect(new URL(ent.url()).searchParams.get('tab')).toBe('investment');
    await ent.getByTestId('report-file').click();
    await ent.getByTestId('report-form').waitFor();
    await ent.getByTestId('report-month').click();
    await ent.getByTestId('report-month').fill(period);
    await ent.keyboard.press('Enter');
    expect(await ent.getByTestId('report-month').inputValue()).toBe(period);
    await ent.getByTestId('report-planned').fill(PLANNED);
    await ent.getByTestId('report-completed').fill(COMPLETED);
    await ent.getByTestId('report-progress').fill(PROGRESS);
    await ent.getByTestId('report-submit').click();
    try {
      await ent.getByTestId('report-form').waitFor({ state: 'hidden', timeout: 10_000 });
    } catch (err) {
      const said = await ent.locator('.ant-form-item-explain-error, .ant-message-notice, .ant-alert').allTextContents();
      await failShot(ent, 'stuck-report-form');
      throw new Error(`the report form stayed open (${said.join(' | ') || 'no message'})`, { cause: err });
    }
    const reportRow = ent.getByTestId('investment-reports-table').locator('tr').filter({ hasText: '2026年10月' });
    await reportRow.locator('[data-testid="report-status"][data-status="submitted"]').waitFor();
    expect(await reportRow.getByTestId('report-status').textContent()).toBe('已报送');
    const reports = await get<{ items: Report[] }>(ent, `/api/projects/${projectId}/reports`);
    const filed = reports.items.find((r) => r.period === period)!;
    expect(filed).toMatchObject({ status: 'submitted', completed: COMPLETED });
    // Submitted is not approved: the month still counts as missing, the light stays yellow.
    expect(await headLight(ent, 'yellow')).toContain(`${period}投资月报逾期`);
    await closeAll();

    // ---- (2) the responsible department approves it from its queue -----------------------------------------------
    const con = await as('construction');
    const dashBefore = await get<Dashboard>(con, '/api/projects/dashboard');
    await con.goto(`${base}/projects?tab=reports`);
    await con.getByTestId('report-queue').waitFor();
    await search(con, 'report-queue-search', NAME);
    const queued = con.locator(`[data-testid="report-queue-table"] tr[data-row-key="${filed.id}"]`);
    await queued.waitFor();
    expect(await con.getByTestId('report-queue-table').locator('tbody tr[data-row-key]').count()).toBe(1);
    await queued.getByTestId('report-approve').click();
    await con.getByTestId('report-approve-confirm').click();
    await con.locator('.ant-message-notice').filter({ hasText: '已审核通过' }).waitFor();
    await queued.waitFor({ state: 'detached' });
    const approved = await get<{ items: Report[] }>(con, `/api/projects/${projectId}/reports`);
    expect(approved.items.find((r) => r.id === filed.id)?.status).toBe('approved');

    // ---- (3) the project's figures and light --------------------------------------------------------------------
    await openProject(con, 'investment');
    const after = await detailOf(con);
    expect(after.ytdCompleted).toBe(plus(before.ytdCompleted, COMPLETED));
    expect(after.completedTotal).toBe(plus(before.completedTotal, COMPLETED));
    expect(after.lastApprovedPeriod).toBe(period);
    expect(after.light).toBe('green');
    expect(after.lightReasons.map((r) => r.code)).toEqual(['onTrack']);
    const greenText = await headLight(con, 'green');
    expect(greenText).toContain('按计划推进');
    expect(greenText).not.toContain('逾期');
    expect(await con.getByTestId('figure-ytd').textContent()).toContain(formatWan(after.ytdCompleted));
    expect(await con.getByTestId('figure-since-start').textContent()).toContain(formatWan(after.completedTotal));
    expect(await con.getByTestId('project-header').textContent()).toContain(`投资数据截至 ${period}`);
    await con
      .getByTestId('investment-reports-table')
      .locator('tr')
      .filter({ hasText: '2026年10月' })
      .locator('[data-testid="report-status"][data-status="approved"]')
      .waitFor();
    await con.getByTestId('investment-chart').locator('canvas').first().waitFor();
    await settle(con);
    await docShot(con, 'approved');

    // ---- (4) the three lists and the dashboard --------------------------------------------------------------------
    // 三张清单: started this year (2026-02), so on the year's 新动工 list; narrowed to its industry to find its row.
    await con.goto(`${base}/projects?tab=yearLists`);
    await con.getByTestId('year-lists').waitFor();
    await con.getByTestId('year-lists-industry').click();
    await con.keyboard.type('石油化工');
    await con.keyboard.press('Enter');
    const yearRow = con.locator(`[data-testid="year-list-table"] tr[data-row-key="${projectId}"]`);
    await yearRow.locator('[data-light="green"]').waitFor();
    expect(await yearRow.textContent()).toContain(formatWan(after.ytdCompleted));
    await con.keyboard.press('Escape');
    // the year's figures and the light are the last columns: scrolled into view for the picture
    await yearRow.locator('[data-light="green"]').scrollIntoViewIfNeeded();
    await docShot(con, 'year-lists');

    // 项目库: the same row in the ledger.
    await con.goto(`${base}/projects`);
    await search(con, 'project-filter-q', NAME);
    const ledgerRow = con.locator(`[data-testid="projects-table"] tr[data-row-key="${projectId}"]`);
    await ledgerRow.locator('[data-light="green"]').waitFor();
    expect(await ledgerRow.textContent()).toContain(formatWan(after.ytdCompleted));

    const dashAfter = await get<Dashboard>(con, '/api/projects/dashboard');
    expect(dashAfter.totals.ytdCompleted).toBe(plus(dashBefore.totals.ytdCompleted, COMPLETED));
    const october = (d: Dashboard) => d.monthly.find((m) => m.month === 10)!;
    expect(october(dashAfter).completed).toBe(plus(october(dashBefore).completed, COMPLETED));
    expect(october(dashAfter).planned).toBe(plus(october(dashBefore).planned, PLANNED));
    expect(lightCount(dashAfter, 'yellow')).toBe(lightCount(dashBefore, 'yellow') - 1);
    expect(lightCount(dashAfter, 'green')).toBe(lightCount(dashBefore, 'green') + 1);
    await con.goto(`${base}/projects/dashboard`);
    await con.getByTestId('project-dashboard').waitFor();
    await expect.poll(async () => con.getByTestId('dashboard-ytd').textContent(), { timeout: 10_000 }).toContain(formatYi(dashAfter.totals.ytdCompleted));
    expect(formatYi(dashAfter.totals.ytdCompleted)).not.toBe(formatYi(dashBefore.totals.ytdCompleted));
    expect(await con.getByTestId('dashboard-count').textContent()).toContain(String(dashAfter.totals.count));
    await con.getByTestId('dashboard-monthly-chart').locator('canvas').first().waitFor();
    await settle(con);
    await docShot(con, 'dashboard');

    // ---- (5) the battle map: the project's dot in its new colour ---------------------------------------------------
    const map = await get<{ points: Point[] }>(con, '/api/projects/map');
    const point = map.points.find((p) => p[0] === projectId)!;
    expect(point[4]).toBe('green');
    await con.goto(`${base}/projects/map`);
    const container = con.locator(`[data-testid="battle-map"][data-marker-count="${map.points.length}"]`);
    await container.waitFor({ timeout: 20_000 });
    await con.waitForTimeout(500);
    await docShot(con, 'battle-map');

    // Zoom in on the project's place with the mouse wheel (the place under the pointer stays put) until its dot
    // leaves the cluster.
    const box = (await container.boundingBox())!;
    const view = async () => ((await container.getAttribute('data-view')) ?? '').split(',').map(Number) as [number, number, number];
    const [cLat, cLng, zoom] = await view();
    const c = worldPixel(cLat, cLng, zoom);
    const p = worldPixel(point[3], point[2], zoom);
    const at = { x: box.x + box.width / 2 + (p.x - c.x), y: box.y + box.height / 2 + (p.y - c.y) };
    expect(at.x).toBeGreaterThan(box.x);
    expect(at.x).toBeLessThan(box.x + box.width);
    expect(at.y).toBeGreaterThan(box.y);
    expect(at.y).toBeLessThan(box.y + box.height);
    const marker = con.locator(`.leaflet-marker-icon[data-project-id="${projectId}"]`);
    await con.mouse.move(at.x, at.y);
    for (let step = 0; step < 8 && !(await marker.count()); step++) {
      if ((await view())[2] >= 18) break; // the map's deepest zoom: the dot should be out by now
      const was = await container.getAttribute('data-view');
      await con.mouse.wheel(0, -480);
      await expect.poll(async () => container.getAttribute('data-view'), { timeout: 5_000 }).not.toBe(was);
      await con.waitForTimeout(400); // the clusters' split animation
    }
    await marker.waitFor();
    expect(await marker.getAttribute('title')).toBe(NAME);
    const dot = marker.locator('[data-light]');
    expect(await dot.getAttribute('data-light')).toBe('green');
    const colour = await dot.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(projectLightColours.green.slice(i, i + 2), 16));
    expect(colour).toBe(`rgb(${r}, ${g}, ${b})`);

    await docShot(con, 'battle-map-zoomed');

    // Its card opens on a click, with the same light.
    await marker.click();
    const card = con.getByTestId('project-card');
    await card.locator('[data-light="green"]').waitFor();
    expect(await card.locator('.ant-drawer-title').textContent()).toBe(NAME);
    expect(await card.textContent()).toContain('按计划推进');
    await con.waitForTimeout(400); // the drawer's slide
    await docShot(con, 'battle-map-project');
    await closeAll();
  });

  // README: the 'enterprise' account "sees only its own enterprise". Its liaison sits in a street's unit, so this also
  // checks that the street's projects do not come with it.
  it("shows the enterprise user only its own enterprise's projects", async () => {
    const [own] = await queryRows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from projects p join users u on u.enterprise_id = p.owner_enterprise_id where u.username = 'enterprise' and p.deleted_at is null`,
    );
    expect(own!.n).toBeGreaterThanOrEqual(2);
    const ent = await as('enterprise');
    await ent.goto(`${base}/projects`);
    await ent.getByTestId('projects-table').waitFor();
    const seen = await get<{ total: number; items: { ownerName: string }[] }>(ent, '/api/projects?pageSize=100');
    const others = seen.items.filter((p) => p.ownerName !== '福建古雷石化有限公司').length;
    expect({ total: seen.total, others }).toEqual({ total: own!.n, others: 0 });
    await expect.poll(async () => ent.locator('.ant-table-row').count()).toBe(own!.n);
    await expect.poll(async () => ent.getByText(`共 ${own!.n} 条`).count()).toBe(1);
    await closeAll();
  });
});
