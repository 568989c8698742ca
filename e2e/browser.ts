// Headless Chromium for the browser tests (Debian's /usr/bin/chromium through playwright-core).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = new URL('../test-results/', import.meta.url).pathname;

/** Whether browser tests can run here; with REQUIRE_SERVICES=1 a missing Chromium is an error, not a skip. */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 but no Chromium at ${CHROMIUM}`);
  console.warn(`[skip] no Chromium at ${CHROMIUM}: browser tests skipped`);
  return false;
}

/** Chromium at `executablePath` (default CHROMIUM), headless, with the flags the tests and the benchmarks run it with. */
export function launch(executablePath = CHROMIUM, extraArgs: readonly string[] = []): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export interface DemoPasswords {
  /** The seeded password of the demo accounts. */
  password: string;
  /** What the first sign-in changes it to. */
  newPassword: string;
}

/**
 * Signs a demo user in on `page`. A demo account's first sign-in must change its seeded password: done once per
 * username (`changed` remembers it across pages).
 */
export async function signInDemo(page: Page, base: string, username: string, pw: DemoPasswords, changed = new Set<string>()): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(changed.has(username) ? pw.newPassword : pw.password);
  await page.getByTestId('login-submit').click();
  if (!changed.has(username)) {
    await page.getByTestId('password-current').fill(pw.password);
    await page.getByTestId('password-new').fill(pw.newPassword);
    await page.getByTestId('password-confirm').fill(pw.newPassword);
    await page.getByTestId('password-submit').click();
    changed.add(username);
  }
  await page.getByTestId('menu-workbench').waitFor();
}

/**
 * Fresh browser contexts (Chinese, Asia/Shanghai, the clock fixed at the server's time), each signed in as a demo
 * user: `as(username)` opens one, `closeAll()` closes them.
 */
export function demoSessions(browser: () => Browser, o: DemoPasswords & { base: () => string; now: () => Date; viewport?: { width: number; height: number } }) {
  const contexts: BrowserContext[] = [];
  const changed = new Set<string>();
  return {
    async as(username: string): Promise<Page> {
      const context = await browser().newContext({ viewport: o.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      await context.clock.setFixedTime(o.now());
      const page = await context.newPage();
      await signInDemo(page, o.base(), username, o, changed);
      return page;
    },
    async closeAll(): Promise<void> {
      for (const c of contexts.splice(0)) await c.close();
    },
  };
}

/** A GET of the API with the page's session (to compare the page with what the server holds). */
export const apiGet = <T>(page: Page, path: string): Promise<T> =>
  page.evaluate(async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  }, path) as Promise<T>;

/** An input by its test id, whether antd put the id on the input itself or on its wrapper. */
export const antInput = (page: Page | Locator, testId: string): Locator =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Chooses an option of an antd select (typing narrows searchable ones). */
export async function antPick(page: Page, testId: string, text: string, search = true): Promise<void> {
  const select = page.getByTestId(testId);
  const chosen = async () => ((await select.textContent()) ?? '').includes(text);
  // a click during the dropdown's opening animation can be lost: the choice is checked and made again once
  for (let attempt = 0; attempt < 2 && !(await chosen()); attempt++) {
    await select.click();
    if (search) {
      await page.keyboard.type(text);
      await page.locator('.ant-select-item-option').filter({ hasText: text, visible: true }).first().waitFor();
      await page.keyboard.press('Enter');
    } else {
      await page.locator('.ant-select-item-option').filter({ hasText: text, visible: true }).first().click();
    }
    await expect
      .poll(chosen, { timeout: 3_000 })
      .toBe(true)
      .catch(() => page.keyboard.press('Escape'));
  }
  expect(await chosen(), `${testId}: ${text}`).toBe(true);
}
