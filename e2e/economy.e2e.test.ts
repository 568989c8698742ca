// Economic performance (经济运行, issue 5) in a real browser, on the demo zone's figures (demo-economy.ts: January 2024
// to October 2026, the October figures of 税收 and 工业用电量 still drafts). The statistician reads the dashboard and
// one indicator, enters October's figures in the grid (a growth written as a ratio is refused on its cell and nothing
// is sent; a percent is saved as a draft), approves the month, reads the bulletin and downloads it as Word; the pages
// work in English too. Pictures for review go to /tmp/econ-shots (outside the repository); failures to test-results/.
import { mkdirSync, readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { round, type EconomyBulletin, type EconomyDashboard, type FigureGrid, type IndicatorSeries } from '@zoneops/shared';
import { createEnv, NEW_PASSWORD, PASSWORD, type TestEnv } from '../packages/server/test/harness.ts';
import type { App } from '../packages/server/src/app.ts';
import { seedDemo } from '../packages/server/src/db/seed/index.ts';
import { DEMO_ECONOMY_DRAFT_CODES, DEMO_ECONOMY_LAST_MONTH, seedDemoEconomy } from '../packages/server/src/db/seed/demo-economy.ts';
import { haveChromium, launch, SCREENSHOTS, demoSessions, apiGet } from './browser.ts';

/** Screenshots for the lead to look at; not part of the repository. */
const SHOTS = '/tmp/econ-shots/';
const MONTH = DEMO_ECONOMY_LAST_MONTH;
const TITLE = '古雷港经济开发区2026年1-10月经济运行情况通报';
/** The indicator whose zone growth is entered in the grid (a draft of the demo's last month). */
const EDITED = 'taxRevenue';

describe.skipIf(!haveChromium())('economic performance in Chromium', () => {
  let env: TestEnv;
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    env = await createEnv('pglite');
    await seedDemo(env.database.db, PASSWORD);
    app = await env.start();
    // the economic figures, as `npm start` loads them on the demo zone
    expect(await seedDemoEconomy(app.deps)).not.toBeNull();
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await env?.close();
  });

  const { as, closeAll } = demoSessions(() => browser, { base: () => base, now: () => env.clock.now(), password: PASSWORD, newPassword: NEW_PASSWORD });

  const get = apiGet;
  /**
   * Lets the charts' animations end before a screenshot: ECharts times them with Date, which the fixed clock holds
   * still, so the fixed time moves on a few seconds (the same morning) and the next frames draw the last one.
   */
  let later = 0;
  const settle = async (page: Page) => {
    later += 5_000;
    await page.context().clock.setFixedTime(env.clock.now().getTime() + later);
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  };
  /** Lets the messages of the last steps go before a screenshot (they time out by Date, held still by the fixed clock). */
  const quiet = async (page: Page) => {
    await settle(page);
    await expect.poll(async () => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  const failShot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}economy-${name}.png`, fullPage: true });
  /** An antd message with this text. */
  const notice = (page: Page, text: string) => page.locator('.ant-message-notice').filter({ hasText: text });
  /** The table cell around a grid input. */
  const tdOf = (input: Locator) => input.locator('xpath=ancestor::td[1]');
  const classOf = async (l: Locator) => (await l.getAttribute('class')) ?? '';

  it('shows the dashboard and an indicator, takes figures, approves the month and writes the bulletin', { timeout: 300_000 }, async () => {
    const page = await as('statistician');
    try {
      // ---- (1) the dashboard: KPI cards, the overview's first places; a card opens its indicator -------------------
      await page.getByTestId('menu-economy').click();
      await page.getByTestId('economy-dashboard').waitFor();
      expect(new URL(page.url()).pathname).toBe('/economy');
      const dash = await get<EconomyDashboard>(page, '/api/economy/dashboard');
      // the latest month with approved figures; 税收 and 工业用电量 of that month are not in it yet
      expect({ month: dash.month, latest: dash.latestMonth }).toEqual({ month: MONTH, latest: MONTH });
      const firsts = dash.indicators.filter((m) => m.rank?.rank === 1);
      expect(dash.summary.first).toBe(firsts.length);
      expect(dash.summary.first).toBeGreaterThanOrEqual(1);
      const summary = page.getByTestId('economy-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('2026年1-10月运行概况');
      expect(await page.getByTestId('economy-summary-first').textContent()).toBe(`位居第一 ${dash.summary.first} 项`);
      expect(await page.getByTestId('economy-summary-second').textContent()).toBe(`位居第二 ${dash.summary.second} 项`);
      const cards = page.locator('[data-testid^="economy-kpi-"]');
      expect(await cards.count()).toBe(dash.indicators.length);
      for (const m of dash.indicators) await page.getByTestId(`economy-kpi-${m.indicator.code}`).waitFor();
      // the cards say the same first places as the overview
      const ranks = await page.getByTestId('economy-rank').allTextContents();
      expect(ranks.filter((r) => r.startsWith('第1/')).length).toBe(dash.summary.first);
      for (const m of firsts) expect(await page.getByTestId(`economy-kpi-${m.indicator.code}`).getByTestId('economy-rank').textContent()).toMatch(/^第1\//);
      // drafts do not count: 税收 has only drafts for October, so its card has no figure
      const tax = dash.indicators.find((m) => m.indicator.code === EDITED)!;
      expect({ period: tax.period, zone: tax.zone, rank: tax.rank }).toEqual({ period: MONTH, zone: null, rank: null });
      expect(await page.getByTestId(`economy-kpi-${EDITED}`).textContent()).toContain('本期暂无数据');
      await page.getByTestId('economy-panel').locator('canvas').first().waitFor();
      await settle(page);
      await shot(page, 'dashboard');

      const gdp = dash.indicators.find((m) => m.indicator.code === 'gdp')!;
      await page.getByTestId('economy-kpi-gdp').getByTestId('economy-value').click();
      await page.getByTestId('economy-indicator').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/economy/indicators/${gdp.indicator.id}`);
      const series = await get<IndicatorSeries>(page, `/api/economy/indicators/${gdp.indicator.id}/series`);
      const meta = page.getByTestId('economy-indicator-meta');
      await meta.waitFor();
      const metaText = (await meta.textContent()) ?? '';
      for (const text of [
        series.indicator.code,
        series.indicator.nameZh,
        series.indicator.nameEn,
        series.indicator.leadUnitName!,
        series.indicator.ownerName!,
      ]) {
        expect(text).toBeTruthy();
        expect(metaText).toContain(text);
      }
      expect(metaText).toContain('季度');
      expect(await page.getByTestId('economy-indicator').locator('.ant-card-head-title').first().textContent()).toContain('地区生产总值');
      await page.getByTestId('economy-indicator-chart').locator('canvas').first().waitFor();
      // the history lists the approved quarters, the latest first
      expect(await page.getByTestId('economy-history').locator('tbody tr.ant-table-row').first().textContent()).toContain('2026年前三季度');
      await settle(page);
      await shot(page, 'indicator');

      // ---- (2) the figures of October: a ratio is refused on its cell, a percent is saved, the month approved -----
      await page.getByTestId('menu-economyFigures').click();
      const gridEl = page.getByTestId('figures-grid');
      await gridEl.waitFor();
      expect(await page.getByTestId('figures-month').inputValue()).toBe(MONTH);
      const grid = await get<FigureGrid>(page, `/api/economy/figures?month=${MONTH}`);
      const zone = grid.regions.find((r) => r.kind === 'zone')!;
      const drafted = grid.rows.filter((r) => r.cells.some((c) => c.status === 'draft')).map((r) => r.indicator.code);
      expect(drafted.sort()).toEqual([...DEMO_ECONOMY_DRAFT_CODES].sort());
      for (const row of grid.rows) {
        const tag = page.getByTestId(`fig-status-${row.indicator.code}`);
        const want = DEMO_ECONOMY_DRAFT_CODES.includes(row.indicator.code) ? '草稿' : row.cells.length ? '已审核' : '未填报';
        expect(await tag.textContent(), row.indicator.code).toBe(want);
      }
      expect(await page.getByTestId(`fig-row-taxRevenue`).textContent()).toContain('税收');
      expect(await page.getByTestId(`fig-row-industrialPower`).textContent()).toContain('工业用电量');
      const draftCount = grid.rows.reduce((n, r) => n + r.cells.filter((c) => c.status === 'draft').length, 0);
      expect(draftCount).toBe(DEMO_ECONOMY_DRAFT_CODES.length * grid.regions.length);

      const taxRow = grid.rows.find((r) => r.indicator.code === EDITED)!;
      const stored = taxRow.cells.find((c) => c.regionId === zone.id)!;
      expect(stored.status).toBe('draft');
      const cell = page.getByTestId(`fig-${EDITED}-${zone.id}-growth`);
      expect(await cell.inputValue()).toBe(String(stored.growth));
      expect(await classOf(tdOf(cell))).toContain('zo-fig-draft');

      const puts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'PUT' && new URL(r.url()).pathname === '/api/economy/figures') puts.push(r.postData() ?? '');
      });
      // 0.181 looks like a ratio (18.1 %): the cell turns red, the save is refused in the page and nothing is sent
      await cell.fill('0.181');
      await expect.poll(async () => classOf(tdOf(cell))).toContain('zo-fig-error');
      expect((await tdOf(cell).getAttribute('title')) ?? '').not.toBe('');
      const problems = page.getByTestId('figures-problems');
      await problems.waitFor();
      expect(await problems.textContent()).toContain(`税收 · ${zone.name} · 比增(%)`);
      await page.getByTestId('figures-save').click();
      await notice(page, '有 1 个单元格的内容无法识别').waitFor();
      await shot(page, 'grid-error');
      expect(puts).toEqual([]);
      const untouched = await get<FigureGrid>(page, `/api/economy/figures?month=${MONTH}`);
      expect(untouched.rows.find((r) => r.indicator.code === EDITED)!.cells.find((c) => c.regionId === zone.id)).toEqual(stored);

      // a growth in percent: saved as a draft (the whole figure, value unchanged)
      const growth = round(stored.growth! + 0.5, 1);
      await cell.fill(growth.toFixed(1));
      await expect.poll(async () => classOf(tdOf(cell))).toContain('zo-fig-changed');
      await problems.waitFor({ state: 'detached' });
      expect(await page.getByTestId('figures-save').textContent()).toContain('保存（1 处修改）');
      await page.getByTestId('figures-save').click();
      try {
        await notice(page, '已保存：新增或修改 1 项，删除 0 项，未变 0 项').waitFor({ timeout: 10_000 });
      } catch (err) {
        await failShot(page, 'save');
        throw err;
      }
      expect(puts).toHaveLength(1);
      expect(JSON.parse(puts[0]!)).toEqual({
        entries: [
          {
            indicatorId: taxRow.indicator.id,
            regionId: zone.id,
            period: MONTH,
            value: stored.value,
            growth,
            monthValue: stored.monthValue,
            monthGrowth: stored.monthGrowth,
          },
        ],
      });
      await expect.poll(async () => classOf(tdOf(cell))).toContain('zo-fig-draft');
      expect(await cell.inputValue()).toBe(String(growth));
      const saved = await get<FigureGrid>(page, `/api/economy/figures?month=${MONTH}`);
      expect(saved.rows.find((r) => r.indicator.code === EDITED)!.cells.find((c) => c.regionId === zone.id)).toMatchObject({
        growth,
        value: stored.value,
        status: 'draft',
      });

      // the month's approval: a confirmation naming the drafts, then every cell approved
      const approveButton = page.getByTestId('figures-approve');
      expect(await approveButton.textContent()).toContain(`审核（${draftCount}）`);
      await approveButton.click();
      const confirm = page.getByTestId('approve-confirm');
      await confirm.waitFor();
      const confirmText = (await confirm.textContent()) ?? '';
      expect(confirmText).toContain(`将审核 ${DEMO_ECONOMY_DRAFT_CODES.length} 个指标的 ${draftCount} 项草稿数据`);
      expect(confirmText).toContain(`税收：${grid.regions.length} 项`);
      expect(confirmText).toContain(`工业用电量：${grid.regions.length} 项`);
      const approvePosts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/economy/figures/approve') approvePosts.push(r.postData() ?? '');
      });
      // the dialog's zoom-in over before the click (a click during it was once lost)
      const dialog = page.locator('.ant-modal-confirm');
      await expect.poll(async () => classOf(dialog)).not.toContain('zoom-appear');
      await dialog.getByRole('button', { name: '审核通过' }).click();
      await notice(page, `已审核 ${draftCount} 项数据`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      expect(approvePosts.map((b) => JSON.parse(b) as unknown)).toEqual([{ month: MONTH }]);
      for (const code of DEMO_ECONOMY_DRAFT_CODES) {
        await expect.poll(async () => page.getByTestId(`fig-status-${code}`).textContent(), { timeout: 10_000 }).toBe('已审核');
      }
      await expect.poll(async () => classOf(tdOf(cell))).toContain('zo-fig-approved');
      for (const r of grid.regions) expect(await classOf(tdOf(page.getByTestId(`fig-industrialPower-${r.id}-value`))), r.name).toContain('zo-fig-approved');
      expect(await approveButton.isDisabled()).toBe(true);
      const approved = await get<FigureGrid>(page, `/api/economy/figures?month=${MONTH}`);
      expect(approved.rows.flatMap((r) => r.cells).filter((c) => c.status !== 'approved')).toEqual([]);
      expect(approved.rows.find((r) => r.indicator.code === EDITED)!.cells.find((c) => c.regionId === zone.id)).toMatchObject({ growth, status: 'approved' });
      await quiet(page);
      await shot(page, 'grid');

      // the dashboard takes the approved figures now: 税收's card shows October with the growth entered
      const after = await get<EconomyDashboard>(page, `/api/economy/dashboard?month=${MONTH}`);
      const taxAfter = after.indicators.find((m) => m.indicator.code === EDITED)!;
      expect({ period: taxAfter.period, growth: taxAfter.zone?.growth }).toEqual({ period: MONTH, growth });

      // ---- (3) the bulletin of October: the document preview and its Word file ------------------------------------
      await page.getByTestId('menu-economyBulletin').click();
      await page.getByTestId('economy-bulletin').waitFor();
      // the default month: the latest with approved figures
      await expect.poll(async () => page.getByTestId('economy-bulletin-month').inputValue()).toBe(MONTH);
      const title = page.getByTestId('economy-bulletin-title');
      await title.waitFor();
      expect(await title.textContent()).toBe(TITLE);
      const bulletin = await get<EconomyBulletin>(page, `/api/economy/bulletin?month=${MONTH}`);
      expect(bulletin.title).toBe(TITLE);
      const sheet = page.getByTestId('economy-bulletin-sheet');
      const firstPlace = sheet.locator('p').filter({ hasText: '位居全市第一' });
      expect(await firstPlace.count()).toBeGreaterThanOrEqual(1);
      // every paragraph of the server's blocks is on the sheet, in order
      const paragraphs = bulletin.blocks.flatMap((b) => (b.kind === 'p' ? b.text.split(/\r?\n/) : []));
      expect(await sheet.locator('p').allTextContents()).toEqual(paragraphs);
      // the approved 税收 is in the text with the growth entered
      expect(paragraphs.some((p) => p.includes('税收') && p.includes(`${growth.toFixed(1)}%`))).toBe(true);
      await quiet(page);
      await shot(page, 'bulletin');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('economy-bulletin-download').click()]);
      expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
      const file = readFileSync(await download.path());
      expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
      const plain = new PizZip(file)
        .file('word/document.xml')!
        .asText()
        .replace(/<[^>]+>/g, '');
      expect(plain).toContain(TITLE);
      expect(plain).toContain((await firstPlace.first().textContent())!);

      // ---- (4) in English ----------------------------------------------------------------------------------------
      await page.getByTestId('lang-switch').click();
      await expect.poll(async () => page.getAttribute('html', 'lang')).toBe('en');
      await expect.poll(async () => page.locator('.ant-card-head-title').first().textContent()).toBe('Bulletin');
      await page.getByTestId('menu-economy').click();
      await page.getByTestId('economy-summary').waitFor();
      expect(await page.locator('.ant-card-head-title').first().textContent()).toBe('Economic performance');
      expect(await page.getByTestId('economy-summary').textContent()).toContain('Overview,');
      expect(await page.getByTestId('economy-kpi-gdp').textContent()).toContain(gdp.indicator.nameEn);
      await page.getByTestId('menu-economyFigures').click();
      await page.getByTestId('figures-grid').waitFor();
      expect(await page.getByTestId('figures-page').locator('.ant-card-head-title').first().textContent()).toBe('Indicator figures');
      expect(await page.getByTestId(`fig-status-${EDITED}`).textContent()).toBe('Approved');
    } catch (err) {
      await failShot(page, 'failed').catch(() => undefined);
      throw err;
    }
  });
});
