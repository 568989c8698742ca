// The big screen (数据大屏, issue 9) in a real browser on the whole demo zone (projects, economy, promotion, ledgers,
// service, safety monitoring, the closed park, assessments): the demo leader opens /screen at 1920 × 1080 and sees the
// zone map with the project dots, counters equal to GET /api/cockpit's figures, a vehicle's marker move when its
// JT/T 808 terminal reports, and a gate alarm appear in the live alarm feed, both without a reload; no request leaves
// 127.0.0.1 (the map is the bundled vector layer). The picture goes to docs/screenshots/big-screen.png.
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cockpit } from '@zoneops/shared';
import { FIXED_NOW, NEW_PASSWORD, PASSWORD, type TestEnv } from '../packages/server/test/harness.ts';
import { Jt808TestTerminal } from '../packages/server/test/jt808-fixtures.ts';
import { saveGateToken } from '../packages/server/src/modules/park/gate/gate-intake.ts';
import { queryRows } from '../packages/server/src/platform/database.ts';
import { LANG_STORAGE_KEY } from '../packages/web/src/app/i18n.ts';
import { apiGet, haveChromium, launch, SCREENSHOTS, signInDemo } from './browser.ts';
import { postCheckpointPass, seedDemoModules, startDemoPlatform } from './demo-platform.ts';

const DOCS_SHOT = new URL('../docs/screenshots/big-screen.png', import.meta.url).pathname;
const LEADER = 'leader';
const DEDICATED = 'GL-KK-01';
const GATE_TOKEN = 'zsg_e2e-screen-gate-token-0123456789abcdef';

describe.skipIf(!haveChromium())('big screen in Chromium', () => {
  let env: TestEnv;
  let base: string;
  let jt808Port = 0;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const db = () => env.database.db;

  beforeAll(async () => {
    ({ env, base } = await startDemoPlatform(async (app, env) => {
      // the whole demo, as `npm start` loads it
      await seedDemoModules(app);
      await saveGateToken(env.database.db, GATE_TOKEN, env.clock.now());
      jt808Port = (await app.park.positions.start({ jt808Port: 0, osmandPort: 0 })).jt808Port ?? 0;
    }));
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await env?.close();
  });

  /** The server's clock moves on (device times must be inside its window); the browser's follows. */
  async function tick(ms: number) {
    env.clock.advance(ms);
    await context.clock.setFixedTime(env.clock.now());
  }

  const counter = async (key: string) => Number(await page.getByTestId(`screen-counter-${key}`).getAttribute('data-value'));

  it('shows the zone map, the cockpit figures, moving vehicles and live alarms, all from 127.0.0.1', { timeout: 240_000 }, async () => {
    expect(env.clock.now().toISOString()).toBe(FIXED_NOW.toISOString());
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.clock.setFixedTime(env.clock.now());
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    try {
      await signInDemo(page, base, LEADER, { password: PASSWORD, newPassword: NEW_PASSWORD });
      await page.goto(`${base}/screen`);
      // outside the app layout: no side menu, the stage scaled to the window (1 at 1920 × 1080)
      await page.locator('[data-testid="screen-stage"][data-ready="true"]').waitFor();
      expect(await page.getByTestId('menu-workbench').count()).toBe(0);
      expect(Number(await page.getByTestId('screen-stage').getAttribute('data-scale'))).toBe(1);
      await expect(page.getByTestId('screen-zone-name').textContent()).resolves.toContain('古雷港经济开发区');

      // ---- the zone map with the located projects ----
      const map = page.getByTestId('screen-map');
      await expect.poll(async () => Number(await map.getAttribute('data-project-count')), { timeout: 20_000 }).toBeGreaterThan(0);
      const located = await apiGet<{ points: unknown[] }>(page, '/api/projects/map');
      expect(Number(await map.getAttribute('data-project-count'))).toBe(located.points.length);

      // ---- the counters are the cockpit's figures ----
      const cockpit = await apiGet<Cockpit>(page, '/api/cockpit');
      expect(cockpit.projects && cockpit.safety && cockpit.park && cockpit.supervision && cockpit.promotion, 'a leader reads every tile').toBeTruthy();
      expect(await counter('projects')).toBe(cockpit.projects!.count);
      expect(await counter('investment')).toBeCloseTo(Number(cockpit.projects!.ytdCompleted) / 10_000, 6);
      expect(await counter('signings')).toBe(cockpit.promotion!.signings.count);
      const open = cockpit.safety!.openAlarms;
      expect(await counter('alarms')).toBe(open.red + open.orange + open.yellow + open.blue);
      expect(await counter('vehicles')).toBe(cockpit.park!.vehicles);
      expect(await counter('people')).toBe(cockpit.park!.people);
      expect(await counter('redItems')).toBe(cockpit.supervision!.red);
      expect(await page.getByTestId('screen-red-list').getAttribute('data-count')).toBe(String(cockpit.supervision!.redItems.length));

      // ---- live: both sockets open ----
      await expect.poll(() => page.getByTestId('screen-live').getAttribute('data-state'), { timeout: 15_000 }).toBe('open');
      await expect.poll(async () => Number(await map.getAttribute('data-vehicle-count')), { timeout: 15_000 }).toBeGreaterThan(0);

      // ---- a vehicle in the park reports a position: its marker moves without a reload ----
      await page.evaluate(() => {
        (window as unknown as { __noReload: string }).__noReload = 'still here';
      });
      const [v] = await queryRows<{ vehicleId: string; terminal: string; authCode: string; version: string | null; lat: number; lon: number }>(
        db(),
        sql`select v.id as "vehicleId", t.identifier as terminal, t.auth_code as "authCode", t.protocol_version as version,
              p.lat::float8 as lat, p.lon::float8 as lon
            from park_vehicles v
            join position_terminals t on t.vehicle_id = v.id and t.protocol = 'jt808'
            join park_visits pv on pv.vehicle_id = v.id and pv.exited_at is null
            join lateral (select lat, lon from vehicle_positions vp where vp.vehicle_id = v.id order by vp.ts desc limit 1) p on true
            order by v.plate limit 1`,
      );
      expect(v, 'a vehicle in the park with a JT/T 808 terminal and a position').toBeDefined();
      const marker = page.locator(`[data-vehicle-key="${v!.vehicleId}"]`);
      await marker.waitFor({ state: 'attached' });
      const term = await Jt808TestTerminal.connect(jt808Port, { phone: v!.terminal, version: v!.version === '2019' ? '2019' : '2013' });
      const to = { lat: Math.round((v!.lat + 0.0004) * 1e6) / 1e6, lon: Math.round((v!.lon + 0.0003) * 1e6) / 1e6 };
      try {
        term.authCode = v!.authCode;
        expect(await term.authenticate()).toBe(0);
        await tick(5_000);
        expect(await term.location({ ...to, time: env.clock.now(), speedKmh: 12, course: 40 })).toBe(0);
        await expect.poll(() => marker.getAttribute('data-latlng'), { timeout: 10_000 }).toBe(`${to.lat.toFixed(6)},${to.lon.toFixed(6)}`);
      } finally {
        await term.close();
      }

      // ---- a gate alarm (a hazmat truck without an appointment at the dedicated checkpoint) appears in the feed ----
      const [dev] = await queryRows<{ serialNo: string }>(
        db(),
        sql`select d.serial_no as "serialNo" from checkpoint_devices d join checkpoints c on c.id = d.checkpoint_id
          where c.code = ${DEDICATED} and d.vendor = 'hikvisionPlatform' and d.kind = 'anpr' and d.direction = 'in' order by d.serial_no limit 1`,
      );
      const [s] = await queryRows<{ plate: string }>(
        db(),
        sql`select v.plate from park_vehicles v where v.category = 'hazmat'
          and not exists (select 1 from park_visits pv where pv.vehicle_id = v.id and pv.exited_at is null)
          and not exists (select 1 from park_access_lists l where l.plate = v.plate)
          and not exists (select 1 from entry_appointments a where a.vehicle_id = v.id and a.status = 'approved')
          order by v.plate limit 1`,
      );
      expect(dev && s, 'a dedicated checkpoint device and a hazmat vehicle without an appointment').toBeTruthy();
      await tick(10_000);
      const passed = await postCheckpointPass(base, GATE_TOKEN, {
        eventId: `e2e-screen-${s!.plate}`,
        plate: s!.plate,
        srcIndex: dev!.serialNo,
        at: env.clock.now(),
      });
      expect(passed.ok).toBe(true);
      const [alarm] = await queryRows<{ id: string }>(
        db(),
        sql`select id from safety_alarms where rule = 'gate' and plate = ${s!.plate} and status <> 'closed'`,
      );
      expect(alarm, 'the gate raised an alarm').toBeDefined();
      const row = page.getByTestId('screen-feed-list').locator(`[data-alarm-id="${alarm!.id}"]`).first();
      await row.waitFor({ state: 'attached', timeout: 10_000 });
      expect(await row.textContent()).toContain(s!.plate);
      expect(await page.evaluate(() => (window as unknown as { __noReload?: string }).__noReload)).toBe('still here');

      // ---- nothing left 127.0.0.1 ----
      const origin = new URL(base).origin;
      const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
      expect(foreign).toEqual([]);
      expect(sockets.length).toBeGreaterThan(0);
      for (const u of sockets) expect(new URL(u).host).toBe(new URL(base).host);

      // ---- the picture (the counters' reels and the charts settle first) ----
      await page.waitForTimeout(1500);
      await page.screenshot({ path: DOCS_SHOT });

      // ---- in English (the language kept by the app), for review only ----
      await page.evaluate((key) => localStorage.setItem(key, 'en-US'), LANG_STORAGE_KEY);
      await page.reload();
      await page.locator('[data-testid="screen-stage"][data-ready="true"]').waitFor();
      await expect(page.getByTestId('screen-zone-name').textContent()).resolves.toContain('Gulei Port Economic Development Zone');
      expect(await counter('projects')).toBe(cockpit.projects!.count);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${SCREENSHOTS}big-screen-en.png` });
    } catch (err) {
      await page?.screenshot({ path: `${SCREENSHOTS}issue9-big-screen.png` });
      throw err;
    }
  });
});
