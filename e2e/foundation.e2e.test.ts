// The foundation's main path in a real browser: a department head signs in (forced password change), sees only
// the menus of the role, creates a user in their own unit, cannot see another unit's users; the auditor then sees
// exactly those writes, verifies the chain, and is told where it breaks after a record is altered in the database.
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnv, NEW_PASSWORD, PASSWORD, type TestEnv } from '../packages/server/test/harness.ts';
import { seedDemo } from '../packages/server/src/db/seed/index.ts';
import { haveChromium, launch, SCREENSHOTS, signInDemo } from './browser.ts';

describe.skipIf(!haveChromium())('foundation in Chromium', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    env = await createEnv('pglite');
    await seedDemo(env.database.db, PASSWORD);
    const { app } = await env.start();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const signIn = (page: Page, username: string) => signInDemo(page, base, username, { password: PASSWORD, newPassword: NEW_PASSWORD });

  it('runs the department head and auditor paths', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${base}/login`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.screenshot({ path: `${SCREENSHOTS}login.png` });

    await signIn(page, 'construction');
    for (const key of ['workbench', 'units', 'users', 'enterprises']) expect(await page.getByTestId(`menu-${key}`).count()).toBe(1);
    for (const key of ['roles', 'audit', 'loginLog', 'dictionaries', 'security']) expect(await page.getByTestId(`menu-${key}`).count()).toBe(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOTS}workbench.png` });

    await page.getByTestId('menu-users').click();
    const table = page.getByTestId('users-table');
    await table.getByText('construction', { exact: true }).waitFor();
    expect(await table.getByText('emergency', { exact: true }).count()).toBe(0);

    await page.getByTestId('user-create').click();
    await page.getByTestId('user-form-username').fill('e2eclerk');
    await page.getByTestId('user-form-displayName').fill('端到端科员');
    await page.getByTestId('user-form-unit').click();
    await page.keyboard.type('建设局');
    await page.keyboard.press('Enter');
    await page.getByTestId('user-form-phone').fill('13700001234');
    await page.getByTestId('user-form-submit').click();
    const secret = page.getByTestId('user-initial-password');
    await secret.waitFor();
    expect((await secret.textContent())?.length).toBe(12);
    await page.screenshot({ path: `${SCREENSHOTS}user-created.png` });
    await page.keyboard.press('Escape');
    await table.getByText('e2eclerk', { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}users.png` });

    // The API refuses what the page does not offer: another unit's users stay invisible.
    const other = await page.evaluate(async () => (await fetch('/api/users?q=emergency')).json());
    expect(other.total).toBe(0);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();

    await signIn(page, 'auditor');
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-table').waitFor();
    const byConstruction = await page.evaluate(async () => (await (await fetch('/api/audit?q=construction&pageSize=100&sort=seq')).json()).items);
    const writes = (byConstruction as { action: string; username: string | null }[]).filter((e) => e.username === 'construction').map((e) => e.action);
    expect(writes).toEqual(['auth.login', 'auth.password.change', 'user.create', 'auth.logout']);
    await page.getByTestId('audit-table').getByText('user.create').first().waitFor();

    await page.getByTestId('audit-verify').click();
    await expect.poll(async () => page.getByTestId('audit-verify-result').getAttribute('data-ok')).toBe('true');
    await page.screenshot({ path: `${SCREENSHOTS}audit.png` });

    const rows = (await env.database.db.execute(sql`select seq from audit_log where action = 'user.create' order by seq desc limit 1`)) as unknown as {
      rows: { seq: number }[];
    };
    const seq = Number(rows.rows[0]!.seq);
    await env.database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await env.database.db.execute(sql`update audit_log set entity_id = 'tampered' where seq = ${seq}`);
    await env.database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    await page.getByTestId('audit-verify').click();
    await expect.poll(async () => page.getByTestId('audit-verify-result').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('audit-verify-result').textContent()).toContain(String(seq));
    await page.screenshot({ path: `${SCREENSHOTS}audit-broken.png` });

    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: `${SCREENSHOTS}audit-en.png` });
  });
});
