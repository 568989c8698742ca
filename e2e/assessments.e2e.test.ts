// Assessments and competitions (issue 9, "Done when") in a real browser, on the demo zone. The assessment office
// (kaohe) writes a quarterly scheme in the editor (a panel dimension and an automatic one, four bureaus, the panel of
// itself and the zone leader) and starts 2026-Q3. The panel scores in the grid: kaohe's own department is greyed out
// and cannot be scored; publication waits until every score is in. The ranking shows the red flag on the top unit;
// a row opens its breakdown (the system's automatic score with its inputs, the members' scores with their comments).
// A member of 招商局 appeals within the window; the office accepts it with new points; after the window no appeal
// can be filed and the office locks the results. The red flag enters the history, and the bulletin downloads as Word
// with the ranking. Pictures for review go to /tmp/issue9-shots (outside the repository); failures to test-results/.
import { mkdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import PizZip from 'pizzip';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentAppeal, AssessmentBreakdown, AssessmentRun, AssessmentScheme } from '@zoneops/shared';
import { createEnv, FIXED_NOW, NEW_PASSWORD, PASSWORD, type TestEnv } from '../packages/server/test/harness.ts';
import type { App } from '../packages/server/src/app.ts';
import { seedDemo } from '../packages/server/src/db/seed/index.ts';
import { queryRows } from '../packages/server/src/platform/database.ts';
import { haveChromium, launch, SCREENSHOTS, demoSessions, apiGet, antInput, antPick } from './browser.ts';

/** Screenshots for the lead to look at; not part of the repository. */
const SHOTS = '/tmp/issue9-shots/';
const DAY = 86_400_000;
const SCHEME = '“三百”劳动竞赛（季度）';
const PANEL_DIM = '现场观摩评比';
const AUTO_DIM = '督办事项按期办结';

/** The participating bureaus (demo unit codes) and the panel points each member gives them. */
const BUREAUS = {
  economy: { code: 'GL-ECO', kaohe: 85, leader: 90 },
  promotion: { code: 'GL-PRO', kaohe: 40, leader: 40 },
  construction: { code: 'GL-CON', kaohe: 20, leader: 20 },
  // kaohe's own department (考核科 is under it): only the leader scores it
  personnel: { code: 'GL-PER', kaohe: null, leader: 70 },
} as const;
type Bureau = keyof typeof BUREAUS;

describe.skipIf(!haveChromium())('assessments in Chromium', () => {
  let env: TestEnv;
  let app: App;
  let base: string;
  let browser: Browser;
  const units = {} as Record<Bureau, { id: string; name: string }>;
  const displayName = new Map<string, string>();

  beforeAll(async () => {
    env = await createEnv('pglite');
    await seedDemo(env.database.db, PASSWORD);
    app = await env.start();
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
    const rows = await queryRows<{ id: string; name: string; code: string }>(
      env.database.db,
      sql`select id, name, code from units where code in ('GL-ECO', 'GL-PRO', 'GL-CON', 'GL-PER')`,
    );
    for (const key of Object.keys(BUREAUS) as Bureau[]) {
      const row = rows.find((r) => r.code === BUREAUS[key].code);
      expect(row, BUREAUS[key].code).toBeDefined();
      units[key] = { id: row!.id, name: row!.name };
    }
    const users = await queryRows<{ username: string; displayName: string }>(
      env.database.db,
      sql`select username, display_name as "displayName" from users where username in ('kaohe', 'leader', 'zsstaff')`,
    );
    for (const u of users) displayName.set(u.username, u.displayName);
  }, 180_000);
  afterAll(async () => {
    await closeAll();
    await browser?.close();
    await env?.close();
  });

  const { as, closeAll } = demoSessions(() => browser, { base: () => base, now: () => env.clock.now(), password: PASSWORD, newPassword: NEW_PASSWORD });

  const get = apiGet;

  /** Lets messages end before a screenshot: they are timed with Date, which the fixed clock holds still. */
  let later = 0;
  const settle = async (page: Page) => {
    later += 5_000;
    await page.context().clock.setFixedTime(env.clock.now().getTime() + later);
    await page.waitForTimeout(400);
    await expect.poll(async () => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  };
  const shot = async (page: Page, name: string) => {
    await settle(page);
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  };
  const failShot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}issue9-${name}.png`, fullPage: true });

  const input = antInput;
  const pick = antPick;
  /** Adds an option to a multiple select by clicking it (Enter would toggle whichever option is active). */
  async function pickMore(page: Page, testId: string, text: string) {
    const select = page.getByTestId(testId);
    await select.click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-item-option').filter({ hasText: text, visible: true }).first().click();
    await expect.poll(async () => (await select.textContent()) ?? '', { timeout: 5_000 }).toContain(text);
    await page.keyboard.press('Escape');
  }
  /** Chooses units in a multiple unit tree select, searching each by name. */
  async function checkUnits(page: Page, testId: string, names: string[]) {
    const select = page.getByTestId(testId);
    for (const name of names) {
      await select.click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-tree-title').filter({ hasText: name, visible: true }).first().click();
      await page.keyboard.press('Escape');
    }
  }
  /** Clicks a dialog's submit button and waits until the dialog is gone; says why when it stays open. */
  async function submitted(page: Page, testId: string) {
    env.clock.advance(60_000);
    await page.getByTestId(testId).click();
    try {
      await page.getByTestId(testId).waitFor({ state: 'hidden', timeout: 30_000 });
    } catch (err) {
      const said = await page.locator('.ant-form-item-explain-error, .ant-message-notice').allTextContents();
      await failShot(page, `stuck-${testId}`);
      throw new Error(`${testId}: the dialog stayed open (${said.join(' | ') || 'no message'})`, { cause: err });
    }
  }
  const attr = (l: Locator, name: string) => l.getAttribute(name);

  let schemeId = '';
  let runId = '';
  const pid = {} as Record<Bureau, string>;

  /** The panel grid of the run for this member: each participant's panel points with a comment, saved row by row. */
  async function scoreAll(page: Page, member: 'kaohe' | 'leader') {
    await page.goto(`${base}/assessments/runs/${runId}?tab=scoring`);
    await page.getByTestId('score-grid').waitFor();
    const progress = page.getByTestId('scoring-progress');
    for (const key of Object.keys(BUREAUS) as Bureau[]) {
      const points = BUREAUS[key][member];
      const row = page.getByTestId(`score-row-${pid[key]}`);
      if (points === null) {
        // the member's own department: greyed out, nothing to save
        expect(await attr(row, 'data-own-unit')).toBe('true');
        expect(await page.getByTestId(`score-save-${pid[key]}`).count()).toBe(0);
        expect(await input(page, `score-${pid[key]}-d1-points`).isDisabled()).toBe(true);
        continue;
      }
      expect(await attr(row, 'data-own-unit')).toBeNull();
      const before = Number(await attr(progress, 'data-entered'));
      await input(page, `score-${pid[key]}-d1-points`).fill(String(points));
      await page.getByTestId(`score-${pid[key]}-d1-comment`).fill(`${units[key].name}现场观摩：按评分细则评定 ${points} 分`);
      env.clock.advance(60_000);
      await page.getByTestId(`score-save-${pid[key]}`).click();
      await expect.poll(async () => Number(await attr(progress, 'data-entered')), { timeout: 15_000 }).toBe(before + 1);
    }
  }

  it('writes a scheme, starts the quarter, lets the panel score and publishes the ranking with the red flag', { timeout: 300_000 }, async () => {
    expect(env.clock.now().toISOString()).toBe(FIXED_NOW.toISOString());
    const office = await as('kaohe');
    try {
      // ---- the scheme, in the editor --------------------------------------------------------------------------------
      await office.getByTestId('menu-assessments').click();
      await office.getByTestId('assessments-page').waitFor();
      await office.getByTestId('scheme-create').click();
      await office.getByTestId('scheme-form').waitFor();
      await office.getByTestId('scheme-name').fill(SCHEME);
      // one dimension to start with: the panel's, 90 points
      await office.getByTestId('dim-name-0').fill(PANEL_DIM);
      await input(office, 'dim-weight-0').fill('90');
      const total = office.getByTestId('weight-total');
      await expect.poll(() => attr(total, 'data-ok')).toBe('false');
      expect(await total.textContent()).toContain('权重合计 90 分，须为 100 分');
      // and an automatic one, 10 points: supervision tasks on time
      await office.getByTestId('dim-add').click();
      await office.getByTestId('dim-name-1').fill(AUTO_DIM);
      await input(office, 'dim-weight-1').fill('10');
      await pick(office, 'dim-method-1', '自动计算', false);
      await pick(office, 'dim-metric-1', '督办事项按期办结率', false);
      // the metric's usual scoring comes with it
      await expect.poll(async () => office.getByTestId('dim-scoring-1').textContent()).toContain('按完成率');
      await expect.poll(() => attr(total, 'data-ok')).toBe('true');
      // the four bureaus from the unit tree
      await checkUnits(
        office,
        'participant-units',
        (Object.keys(BUREAUS) as Bureau[]).map((k) => units[k].name),
      );
      await office.getByTestId('participant-add').click();
      for (const key of Object.keys(BUREAUS) as Bureau[]) await office.getByTestId('participants-table').getByText(units[key].name, { exact: true }).waitFor();
      // the panel: the office itself and the zone leader
      await pickMore(office, 'scheme-panel', displayName.get('kaohe')!);
      await pickMore(office, 'scheme-panel', displayName.get('leader')!);
      for (const name of [displayName.get('kaohe')!, displayName.get('leader')!])
        expect(await office.getByTestId('scheme-panel').textContent()).toContain(name);
      await shot(office, 'scheme-editor');
      env.clock.advance(60_000);
      await office.getByTestId('scheme-save').click();
      await office.getByTestId('scheme-page').waitFor();
      schemeId = new URL(office.url()).pathname.split('/').pop()!;
      expect(await office.getByTestId('scheme-title').textContent()).toBe(SCHEME);
      const scheme = await get<AssessmentScheme>(office, `/api/assessments/schemes/${schemeId}`);
      expect(scheme.dimensions.map((d) => [d.id, d.name, d.weight, d.method, d.metric ?? null])).toEqual([
        ['d1', PANEL_DIM, 90, 'panel', null],
        ['d2', AUTO_DIM, 10, 'auto', 'tasksOnTime'],
      ]);
      expect(scheme.participants.map((p) => p.unitId).sort()).toEqual(
        Object.values(units)
          .map((u) => u.id)
          .sort(),
      );
      expect(scheme.panel.map((m) => m.name).sort()).toEqual([displayName.get('kaohe')!, displayName.get('leader')!].sort());

      // ---- the quarter: 2026-Q3, the last one ended, offered first ---------------------------------------------------
      await office.getByTestId('run-start').click();
      expect(await office.getByTestId('run-start-period').textContent()).toContain('2026年三季度');
      await submitted(office, 'run-start-submit');
      await office.getByTestId('run-page').waitFor();
      runId = new URL(office.url()).pathname.split('/').pop()!;
      expect(await office.getByTestId('run-title').textContent()).toBe('2026年三季度');
      expect(await attr(office.getByTestId('run-steps'), 'data-step')).toBe('0');
      const run = await get<AssessmentRun>(office, `/api/assessments/runs/${runId}`);
      for (const key of Object.keys(BUREAUS) as Bureau[]) pid[key] = run.participants.find((p) => p.unitId === units[key].id)!.id;
      // two members, four units, kaohe's own department left out: 7 scores
      expect(run.progress).toEqual({ entered: 0, expected: 7 });
      // publication waits for the panel
      expect(await office.getByTestId('run-publish').isDisabled()).toBe(true);
      await shot(office, 'run-provisional');

      // ---- the panel scores ------------------------------------------------------------------------------------------
      await scoreAll(office, 'kaohe');
      await shot(office, 'run-scoring-grid');
    } catch (err) {
      await failShot(office, 'scheme-and-scores').catch(() => undefined);
      throw err;
    }
    const leader = await as('leader');
    try {
      await scoreAll(leader, 'leader');
      const scored = await get<AssessmentRun>(leader, `/api/assessments/runs/${runId}`);
      expect(scored.progress).toEqual({ entered: 7, expected: 7 });
    } catch (err) {
      await failShot(leader, 'leader-scores').catch(() => undefined);
      throw err;
    }

    // ---- publication: the appeal window opens; the ranking with the red flag ----------------------------------------
    try {
      await office.goto(`${base}/assessments/runs/${runId}`);
      await office.getByTestId('run-page').waitFor();
      await office.getByTestId('run-publish').click();
      await office.getByTestId('run-highlights-input').fill('经济发展局现场观摩评比第一，流动红旗。');
      await submitted(office, 'run-publish-submit');
      await office.locator('[data-testid="run-header"] [data-status="appeal"]').waitFor();
      expect(await attr(office.getByTestId('run-steps'), 'data-step')).toBe('1');
      const run = await get<AssessmentRun>(office, `/api/assessments/runs/${runId}`);
      expect(run.status).toBe('appeal');
      expect(run.appealEndsOn! > '2026-11-23').toBe(true);
      expect(await office.getByTestId('run-steps').textContent()).toContain(`申诉期（至 ${run.appealEndsOn}）`);
      // the panel points decide: 经济发展局 first whatever the automatic 10 points, the only red flag
      const byUnit = Object.fromEntries(run.results.map((r) => [r.participantId, r]));
      expect(byUnit[pid.economy]).toMatchObject({ rank: 1, redFlag: true, tied: false });
      expect(byUnit[pid.economy]!.dimensions.d1).toBe(87.5);
      expect(byUnit[pid.personnel]).toMatchObject({ rank: 2, redFlag: false });
      expect(byUnit[pid.personnel]!.dimensions.d1).toBe(70);
      expect(run.results.filter((r) => r.redFlag)).toHaveLength(1);
      const top = office.getByTestId(`result-row-${pid.economy}`);
      expect(await attr(top, 'data-red-flag')).toBe('true');
      expect(await top.getByTestId('red-flag').count()).toBe(1);
      for (const key of ['promotion', 'construction', 'personnel'] as const) {
        expect(await attr(office.getByTestId(`result-row-${pid[key]}`), 'data-red-flag')).toBeNull();
      }
      // each row shows the rank the server gave it
      for (const r of run.results) expect(await office.getByTestId(`rank-${r.participantId}`).textContent()).toContain(String(r.rank));
      await office.getByTestId('totals-chart-all').waitFor();
      await shot(office, 'run-ranking');

      // ---- a row opens its breakdown: the automatic score with its inputs, the members' scores ----------------------
      await top.click();
      const breakdown = office.getByTestId('breakdown');
      await breakdown.waitFor();
      const b = await get<AssessmentBreakdown>(office, `/api/assessments/runs/${runId}/participants/${pid.economy}/breakdown`);
      expect(await office.getByTestId('breakdown-total').textContent()).toBe(String(b.total));
      const d1 = b.dimensions.find((d) => d.dimensionId === 'd1')!;
      expect(d1.lost).toBe(2.5);
      expect(await attr(office.getByTestId('lost-d1'), 'data-lost')).toBe('true');
      expect(await breakdown.textContent()).toContain('经济发展局现场观摩：按评分细则评定 85 分');
      expect(await breakdown.textContent()).toContain(displayName.get('leader')!);
      expect(await breakdown.textContent()).toContain('系统计算');
      await shot(office, 'run-breakdown');
    } catch (err) {
      await failShot(office, 'publish').catch(() => undefined);
      throw err;
    }
    await closeAll();
  });

  it('takes an appeal within the window, answers it, refuses appeals after it and locks the results', { timeout: 300_000 }, async () => {
    expect(runId).not.toBe('');
    // ---- a member of 招商局 contests the panel points of their bureau ------------------------------------------------
    const staff = await as('zsstaff');
    let appealId = '';
    try {
      await staff.goto(`${base}/assessments/runs/${runId}?tab=appeals`);
      await staff.getByTestId('appeals').waitFor();
      await staff.getByTestId('appeal-file').click();
      // their own bureau is the only choice, chosen already
      expect(await staff.getByTestId('appeal-participant').textContent()).toContain(units.promotion.name);
      await pick(staff, 'appeal-dimension', PANEL_DIM, false);
      await staff.getByTestId('appeal-reason').fill('观摩当日二期厂房已封顶，评分时未计入，请复核。');
      await submitted(staff, 'appeal-file-submit');
      const list = await get<{ items: AssessmentAppeal[] }>(staff, `/api/assessments/runs/${runId}/appeals`);
      expect(list.items).toHaveLength(1);
      appealId = list.items[0]!.id;
      expect(list.items[0]).toMatchObject({ participantId: pid.promotion, dimensionId: 'd1', status: 'open' });
      await staff.locator(`[data-testid="appeal-status-${appealId}"][data-status="open"]`).waitFor();
      // a participant's member does not answer
      expect(await staff.getByTestId(`appeal-answer-${appealId}`).count()).toBe(0);
      await shot(staff, 'appeal-filed');
    } catch (err) {
      await failShot(staff, 'appeal').catch(() => undefined);
      throw err;
    }

    // ---- the office accepts it with new points ------------------------------------------------------------------------
    const office = await as('kaohe');
    try {
      await office.goto(`${base}/assessments/runs/${runId}?tab=appeals`);
      await office.getByTestId(`appeal-answer-${appealId}`).click();
      await office.getByTestId('appeal-decision').getByText('采纳，调整得分').click();
      await input(office, 'appeal-points').fill('50');
      await office.getByTestId('appeal-answer-text').fill('经复核，二期厂房已封顶，调整为 50 分。');
      await submitted(office, 'appeal-answer-submit');
      await office.locator(`[data-testid="appeal-status-${appealId}"][data-status="accepted"]`).waitFor();
      expect(await office.getByTestId('appeals-table').textContent()).toContain('40 → 50');
      const answered = await get<{ items: AssessmentAppeal[] }>(office, `/api/assessments/runs/${runId}/appeals`);
      expect(answered.items[0]).toMatchObject({ status: 'accepted', pointsBefore: 40, pointsAfter: 50 });
      const run = await get<AssessmentRun>(office, `/api/assessments/runs/${runId}`);
      expect(run.results.find((r) => r.participantId === pid.promotion)!.dimensions.d1).toBe(50);
      // still the same order: the appeal does not reach 组织人事部's 70
      expect(run.results.find((r) => r.participantId === pid.economy)).toMatchObject({ rank: 1, redFlag: true });
      // the lock waits for the end of the window
      await office.goto(`${base}/assessments/runs/${runId}`);
      expect(await office.getByTestId('run-lock').isDisabled()).toBe(true);
      await shot(office, 'appeal-answered');
    } catch (err) {
      await failShot(office, 'answer').catch(() => undefined);
      throw err;
    }
    const { appealEndsOn } = await get<AssessmentRun>(office, `/api/assessments/runs/${runId}`);
    await closeAll();

    // ---- the day after the window: no appeal can be filed; the office locks ------------------------------------------
    env.clock.set(new Date(Date.parse(`${appealEndsOn}T01:00:00Z`) + DAY));
    const lateStaff = await as('zsstaff');
    try {
      await lateStaff.goto(`${base}/assessments/runs/${runId}?tab=appeals`);
      await lateStaff.getByTestId('appeals').waitFor();
      expect(await lateStaff.getByTestId('appeals').textContent()).toContain('申诉期已结束');
      expect(await lateStaff.getByTestId('appeal-file').count()).toBe(0);
      const refused = await lateStaff.evaluate(
        async ({ runId, participantId }) => {
          const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
          const res = await fetch(`/api/assessments/runs/${runId}/appeals`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({ participantId, dimensionId: 'd1', reason: '逾期申诉' }),
          });
          return { status: res.status, code: ((await res.json()) as { code: string }).code };
        },
        { runId, participantId: pid.promotion },
      );
      expect(refused).toEqual({ status: 409, code: 'APPEAL_WINDOW_CLOSED' });
    } catch (err) {
      await failShot(lateStaff, 'late-appeal').catch(() => undefined);
      throw err;
    }
    const lateOffice = await as('kaohe');
    try {
      await lateOffice.goto(`${base}/assessments/runs/${runId}`);
      await lateOffice.getByTestId('run-page').waitFor();
      await lateOffice.getByTestId('run-lock').click();
      env.clock.advance(60_000);
      await lateOffice.locator('.ant-popconfirm .ant-btn-primary').click();
      await lateOffice.locator('[data-testid="run-header"] [data-status="locked"]').waitFor();
      expect(await attr(lateOffice.getByTestId('run-steps'), 'data-step')).toBe('2');
      await shot(lateOffice, 'run-locked');

      // ---- the red flag history ------------------------------------------------------------------------------------
      await lateOffice.goto(`${base}/assessments?tab=redFlags`);
      const flags = lateOffice.getByTestId('red-flags-table');
      await flags.getByText(units.economy.name).waitFor();
      expect(await flags.textContent()).toContain('2026年三季度');
      expect(await flags.getByTestId('red-flag').count()).toBe(1);
      await shot(lateOffice, 'red-flags');

      // ---- the bulletin: GB/T 9704 Word with the ranking -----------------------------------------------------------
      await lateOffice.goto(`${base}/assessments/runs/${runId}`);
      await lateOffice.getByTestId('run-bulletin').click();
      const [download] = await Promise.all([lateOffice.waitForEvent('download'), lateOffice.getByTestId('run-bulletin-submit').click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const file = readFileSync(await download.path());
      expect(file.subarray(0, 2).toString()).toBe('PK');
      const xml = new PizZip(file).file('word/document.xml')!.asText();
      for (const key of Object.keys(BUREAUS) as Bureau[]) expect(xml).toContain(units[key].name);
      expect(xml).toContain(SCHEME);
    } catch (err) {
      await failShot(lateOffice, 'lock').catch(() => undefined);
      throw err;
    }
  });
});
