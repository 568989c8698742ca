// The live safety page (issue 7): the WebSocket feed (refused without a session or without safety.read; hello; alarm
// changes pushed as they are notified, only to those who see the enterprise; across two instances on PostgreSQL;
// watched points' latest values, only visible ones, only when changed; invalid messages ignored; closed when the
// session ends or idles out), the map (counts and worst levels per enterprise and point, fallback locations spread
// apart, latest values, visibility), a point's detail (404 outside visibility) and its series (resolution by span,
// roll-ups completed from raw readings, raw aggregated when the roll-up is empty, span limits).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { completeUscc, safetyLiveEventSchema, type AlarmSummary, type PointSeries, type SafetyLiveEvent, type SafetyMap } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import {
  enterprises,
  majorHazards,
  monitoringPoints,
  roles,
  safetyAlarms,
  safetyDevices,
  telemetryLatest,
  telemetryMinute,
  telemetryReadings,
  userRoles,
  users,
} from '../src/db/schema.ts';
import type { PointDetail } from '@zoneops/shared';
import { sha256 } from '../src/platform/auth/tokens.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Live {
  ws: WebSocket;
  messages: SafetyLiveEvent[];
  closed: Promise<number>;
  next<T extends SafetyLiveEvent['type']>(
    type: T,
    match?: (e: Extract<SafetyLiveEvent, { type: T }>) => boolean,
  ): Promise<Extract<SafetyLiveEvent, { type: T }>>;
}

const portOf = (app: App) => (app.app.server.address() as AddressInfo).port;

/** The status of a refused upgrade (or 101 when it is accepted). */
function upgradeStatus(app: App, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${portOf(app)}/api/safety/live`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (err) => reject(err));
  });
}

async function connect(app: App, client: Client): Promise<Live> {
  const ws = new WebSocket(`ws://127.0.0.1:${portOf(app)}/api/safety/live`, { headers: { cookie: `zo_sid=${client.cookie}` } });
  const messages: SafetyLiveEvent[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    // every message the server sends must follow the shared contract
    messages.push(safetyLiveEventSchema.parse(JSON.parse(String(data))));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next: Live['next'] = (type, match) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message`)), 5_000);
      let seen = 0;
      const look = () => {
        for (; seen < messages.length; seen++) {
          const m = messages[seen]!;
          if (m.type === type && (!match || match(m as never))) {
            clearTimeout(timer);
            messages.splice(seen, 1);
            resolve(m as never);
            return;
          }
        }
        waiters.push(look);
      };
      look();
    });
  return { ws, messages, closed, next };
}

for (const engine of engines()) {
  describe(`the live safety page on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    const ids = { street1: '', street2: '', e1: '', e2: '', hs1: '', p1: '', p2: '', p3: '', p4: '', p5: '', pOff: '' };
    const c = {} as Record<'officer' | 'firm1' | 'firm2' | 'street' | 'staff', Client>;
    const alarms: Record<'red' | 'yellow' | 'closedOrange' | 'blue', string> = { red: '', yellow: '', closedOrange: '', blue: '' };
    const db = () => env.database.db;

    const insertAlarm = async (values: Partial<typeof safetyAlarms.$inferInsert> & { enterpriseId: string; level: string }) => {
      const [row] = await db()
        .insert(safetyAlarms)
        .values({ rule: 'threshold', raisedAt: new Date(FIXED_NOW.getTime() - 10 * MINUTE), ...values })
        .returning();
      return row!.id;
    };
    const summaryOf = async (id: string): Promise<AlarmSummary> => {
      const res = await c.officer.get('/api/safety/map/alarms?limit=1000');
      expect(res.statusCode).toBe(200);
      const found = res.json<{ items: AlarmSummary[] }>().items.find((a) => a.id === id);
      if (!found) throw new Error(`alarm ${id} is not open`);
      return found;
    };
    const notify = (target: App, alarm: AlarmSummary, change = 'raised') => target.safety.events.notify(env.database.db, { kind: 'alarm', change, alarm });

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      const d = db();
      const root = (await buildUnit(d, { name: '管委会', kind: 'committee' })).id;
      ids.street1 = (await buildUnit(d, { name: '古雷街道', parentId: root, kind: 'street' })).id;
      ids.street2 = (await buildUnit(d, { name: '杜浔镇', parentId: root, kind: 'street' })).id;
      const [e1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化', uscc: completeUscc('91350623MA2000011'), lng: 117.6, lat: 23.76, streetId: ids.street1 })
        .returning();
      const [e2] = await d
        .insert(enterprises)
        .values({ name: '腾龙芳烃', uscc: completeUscc('91350623MA2000012'), streetId: ids.street2 })
        .returning();
      // an enterprise with nothing to monitor stays off the safety map
      await d.insert(enterprises).values({ name: '无危险源企业', uscc: completeUscc('91350623MA2000013'), streetId: ids.street1 });
      ids.e1 = e1!.id;
      ids.e2 = e2!.id;
      const [hs1] = await d
        .insert(majorHazards)
        .values({ code: 'HS-001', name: '苯罐区', enterpriseId: ids.e1, level: 1, lng: 117.61, lat: 23.77 })
        .returning();
      ids.hs1 = hs1!.id;
      const point = async (v: Partial<typeof monitoringPoints.$inferInsert> & { enterpriseId: string; tag: string }) => {
        const [row] = await d
          .insert(monitoringPoints)
          .values({ name: `位号 ${v.tag}`, kind: 'level', unit: 'm', hh: 9, h: 8, l: 2, ll: 1, ...v })
          .returning();
        return row!.id;
      };
      ids.p1 = await point({ enterpriseId: ids.e1, majorHazardId: ids.hs1, tag: 'LT-101', lng: 117.605, lat: 23.765 });
      ids.p2 = await point({ enterpriseId: ids.e1, majorHazardId: ids.hs1, tag: 'LT-102' });
      ids.p5 = await point({ enterpriseId: ids.e1, majorHazardId: ids.hs1, tag: 'LT-103' });
      ids.p3 = await point({ enterpriseId: ids.e1, tag: 'PT-201', kind: 'pressure', unit: 'MPa' });
      ids.p4 = await point({ enterpriseId: ids.e2, tag: 'AT-301', kind: 'toxicGas', unit: 'ppm' });
      ids.pOff = await point({ enterpriseId: ids.e2, tag: 'OFF-1', enabled: false });

      const [streetRole] = await d
        .insert(roles)
        .values({ code: 'streetSafety', name: '街道安全员', permissions: ['safety.read'], dataScope: 'unitTree' })
        .returning();
      await buildUser(d, { username: 'anjian2', unitId: root, roles: ['safetyOfficer'] });
      const firm1 = await buildUser(d, { username: 'firm1', unitId: ids.street1, roles: ['enterpriseUser'] });
      const firm2 = await buildUser(d, { username: 'firm2', unitId: ids.street2, roles: ['enterpriseUser'] });
      await buildUser(d, { username: 'streetsafe', unitId: ids.street1, roles: [] });
      await buildUser(d, { username: 'staff1', unitId: root, roles: ['staff'] });
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, firm1.id));
      await d.update(users).set({ enterpriseId: ids.e2 }).where(eq(users.id, firm2.id));
      const [streetUser] = await d.select().from(users).where(eq(users.username, 'streetsafe'));
      await d.insert(userRoles).values({ userId: streetUser!.id, roleId: streetRole!.id });

      c.officer = await login(app.app, 'anjian2');
      c.firm1 = await login(app.app, 'firm1');
      c.firm2 = await login(app.app, 'firm2');
      c.street = await login(app.app, 'streetsafe');
      c.staff = await login(app.app, 'staff1');

      alarms.red = await insertAlarm({ enterpriseId: ids.e1, pointId: ids.p1, majorHazardId: ids.hs1, level: 'red', band: 'hh', value: 9.4, threshold: 9 });
      alarms.yellow = await insertAlarm({
        enterpriseId: ids.e1,
        pointId: ids.p2,
        majorHazardId: ids.hs1,
        level: 'yellow',
        band: 'l',
        value: 1.8,
        threshold: 2,
        raisedAt: new Date(FIXED_NOW.getTime() - 9 * MINUTE),
      });
      alarms.closedOrange = await insertAlarm({
        enterpriseId: ids.e1,
        pointId: ids.p3,
        level: 'orange',
        band: 'h',
        status: 'closed',
        closedAt: new Date(FIXED_NOW.getTime() - 5 * MINUTE),
      });
      alarms.blue = await insertAlarm({
        enterpriseId: ids.e2,
        pointId: ids.p4,
        level: 'blue',
        rule: 'stale',
        raisedAt: new Date(FIXED_NOW.getTime() - MINUTE),
      });
      await d.insert(telemetryLatest).values({ pointId: ids.p1, ts: new Date(FIXED_NOW.getTime() - 30_000), value: 9.4 });
    });
    afterAll(() => env?.close());

    describe('the WebSocket feed', () => {
      it('refuses an upgrade without a session (401) or without safety.read (403), before upgrading', async () => {
        expect(await upgradeStatus(app)).toBe(401);
        expect(await upgradeStatus(app, { cookie: 'zo_sid=not-a-session' })).toBe(401);
        expect(await upgradeStatus(app, { cookie: `zo_sid=${c.staff.cookie}` })).toBe(403);
        expect(await upgradeStatus(app, { cookie: `zo_sid=${c.officer.cookie}` })).toBe(101);
      });

      it('greets, then pushes notified alarm changes only to those who see the enterprise, in order', async () => {
        const officer = await connect(app, c.officer);
        const firm1 = await connect(app, c.firm1);
        const firm2 = await connect(app, c.firm2);
        const street = await connect(app, c.street);
        for (const l of [officer, firm1, firm2, street]) {
          const hello = await l.next('hello');
          expect(hello.at).toBe(FIXED_NOW.toISOString());
        }

        const e2Alarm = await summaryOf(alarms.blue);
        const e1Alarm = await summaryOf(alarms.red);
        await notify(app, e2Alarm, 'raised');
        await notify(app, { ...e1Alarm, status: 'acknowledged' }, 'acknowledged');

        // the officer (whole park) hears both, in order
        const first = await officer.next('alarm');
        const second = await officer.next('alarm');
        expect([first.alarm.id, second.alarm.id]).toEqual([alarms.blue, alarms.red]);
        expect(second.change).toBe('acknowledged');
        expect(second.alarm.status).toBe('acknowledged');
        // each enterprise hears its own only: firm1's first alarm is E1's (E2's came first and was not sent)
        expect((await firm1.next('alarm')).alarm.id).toBe(alarms.red);
        expect((await firm2.next('alarm')).alarm.id).toBe(alarms.blue);
        // the street's officer sees the enterprises of its street (E1), not those of another street
        expect((await street.next('alarm')).alarm.id).toBe(alarms.red);
        // and once more the other way round: E1's change does not reach firm2, whose next alarm is E2's
        await notify(app, e1Alarm, 'escalated');
        await notify(app, e2Alarm, 'escalated');
        expect((await firm1.next('alarm')).change).toBe('escalated');
        const firm2Next = await firm2.next('alarm');
        expect([firm2Next.alarm.id, firm2Next.change]).toEqual([alarms.blue, 'escalated']);
        expect((await street.next('alarm')).change).toBe('escalated');
        expect((await officer.next('alarm')).alarm.id).toBe(alarms.red);
        expect((await officer.next('alarm')).alarm.id).toBe(alarms.blue);
        for (const l of [firm1, firm2, street]) expect(l.messages.filter((m) => m.type === 'alarm')).toEqual([]);
        for (const l of [officer, firm1, firm2, street]) l.ws.close();
      });

      it('pushes the latest values of watched visible points, only when changed, and ignores invalid messages', async () => {
        const hub = app.safety.live;
        const live = await connect(app, c.firm2);
        await live.next('hello');
        const invalidBefore = hub.stats.invalidMessages;
        live.ws.send('not json');
        live.ws.send(JSON.stringify({ watch: 'x' }));
        live.ws.send(JSON.stringify({ watch: [ids.p4], extra: 1 }));
        live.ws.send(JSON.stringify({ watch: Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) }));
        live.ws.send(Buffer.from([1, 2, 3]));
        // firm2 asks for a point of E1 (not its own) and its own P4
        live.ws.send(JSON.stringify({ watch: [ids.p1, ids.p4] }));
        await db()
          .insert(telemetryLatest)
          .values({ pointId: ids.p4, ts: new Date(FIXED_NOW.getTime() - 5_000), value: 3.5 });
        const tick = async () => {
          await hub.refreshStoredLatest();
          hub.pushLatest();
        };
        await expect
          .poll(
            async () => {
              await tick();
              return live.messages.some((m) => m.type === 'latest');
            },
            { timeout: 5_000, interval: 50 },
          )
          .toBe(true);
        const first = await live.next('latest');
        expect(first.values).toEqual([[ids.p4, FIXED_NOW.getTime() - 5_000, 3.5]]);
        expect(hub.stats.invalidMessages - invalidBefore).toBe(5);
        expect(live.ws.readyState).toBe(WebSocket.OPEN);

        // unchanged: nothing more; changed: the new value
        await tick();
        await db()
          .update(telemetryLatest)
          .set({ ts: new Date(FIXED_NOW.getTime() - 1_000), value: 3.9 })
          .where(eq(telemetryLatest.pointId, ids.p4));
        await tick();
        const second = await live.next('latest');
        expect(second.values).toEqual([[ids.p4, FIXED_NOW.getTime() - 1_000, 3.9]]);
        expect(live.messages.filter((m) => m.type === 'latest')).toEqual([]);
        live.ws.close();
      });

      it('pushes a value ingested over HTTP to a socket watching its point', async () => {
        const token = 'zsd_liveHubTestToken0000000000000001';
        const [device] = await db()
          .insert(safetyDevices)
          .values({ kind: 'device', name: 'DTU-LIVE', enterpriseId: ids.e1, tokenHash: sha256(token), tokenHint: token.slice(-4), tokenIssuedAt: FIXED_NOW })
          .returning();
        const [pt] = await db()
          .insert(monitoringPoints)
          .values({ enterpriseId: ids.e1, deviceId: device!.id, tag: 'LT-601', name: '储罐液位', kind: 'level', unit: 'm', hh: 9, h: 8 })
          .returning();
        await app.safety.ingest.reload();
        const live = await connect(app, c.firm1);
        await live.next('hello');
        live.ws.send(JSON.stringify({ watch: [pt!.id] }));
        const ts = FIXED_NOW.getTime() - 2_000;
        const res = await app.app.inject({ method: 'POST', url: `/api/v1/${token}/telemetry`, payload: { ts, values: { 'LT-601': 4.25 } } });
        expect(res.statusCode, res.body).toBe(200);
        expect(app.safety.ingest.latest.get(pt!.id)).toEqual({ ts, value: 4.25 });
        await expect
          .poll(
            () => {
              app.safety.live.pushLatest();
              return live.messages.some((m) => m.type === 'latest');
            },
            { timeout: 5_000, interval: 50 },
          )
          .toBe(true);
        expect((await live.next('latest')).values).toEqual([[pt!.id, ts, 4.25]]);
        live.ws.close();
        // (off the map again: the map tests count E1's points)
        await db().update(monitoringPoints).set({ deletedAt: FIXED_NOW }).where(eq(monitoringPoints.id, pt!.id));
      });

      it('closes the socket when the session is logged out or idles out', async () => {
        const hub = app.safety.live;
        const firm = await login(app.app, 'firm1');
        const live = await connect(app, firm);
        await live.next('hello');
        await hub.recheckAll();
        expect(live.ws.readyState).toBe(WebSocket.OPEN);
        expect((await firm.send('POST', '/api/auth/logout')).statusCode).toBeLessThan(300);
        await hub.recheckAll();
        expect(await live.closed).toBe(4401);

        const idle = await login(app.app, 'streetsafe');
        const idleLive = await connect(app, idle);
        await idleLive.next('hello');
        env.clock.advance(31 * MINUTE);
        try {
          await hub.recheckAll();
          expect(await idleLive.closed).toBe(4401);
        } finally {
          env.clock.set(FIXED_NOW);
        }
      });
    });

    (engine === 'postgres' ? it : it.skip)('pushes an alarm notified through instance A to a socket on instance B', async () => {
      const b = await env.start();
      await b.app.listen({ port: 0, host: '127.0.0.1' });
      const onB = await connect(b, c.officer);
      await onB.next('hello');
      await notify(app, await summaryOf(alarms.yellow), 'levelChanged');
      const got = await onB.next('alarm');
      expect(got.alarm.id).toBe(alarms.yellow);
      expect(got.change).toBe('levelChanged');
      onB.ws.close();
    });

    describe('the map', () => {
      it('counts open alarms per level and colours enterprises and points by their worst open alarm', async () => {
        const res = await c.officer.get('/api/safety/map');
        expect(res.statusCode).toBe(200);
        const map = res.json<SafetyMap>();
        expect(map.counts).toEqual({ red: 1, orange: 0, yellow: 1, blue: 1 });
        expect(map.enterprises.map((e) => e.name).sort()).toEqual(['古雷石化', '腾龙芳烃']);
        const e1 = map.enterprises.find((e) => e.id === ids.e1)!;
        expect(e1).toMatchObject({ level: 'red', openAlarms: 2, points: 4, lng: 117.6, lat: 23.76 });
        expect(e1.majorHazards).toEqual([{ id: ids.hs1, name: '苯罐区', level: 1 }]);
        const e2 = map.enterprises.find((e) => e.id === ids.e2)!;
        expect(e2).toMatchObject({ level: 'blue', openAlarms: 1, points: 1, lng: null, lat: null });
        const byId = new Map(map.points.map((p) => [p.id, p]));
        expect(byId.has(ids.pOff)).toBe(false);
        expect(byId.get(ids.p1)).toMatchObject({
          level: 'red',
          lng: 117.605,
          lat: 23.765,
          value: 9.4,
          ts: new Date(FIXED_NOW.getTime() - 30_000).toISOString(),
        });
        expect(byId.get(ids.p2)!.level).toBe('yellow');
        // the closed orange alarm counts nowhere
        expect(byId.get(ids.p3)!.level).toBeNull();
        expect(byId.get(ids.p4)).toMatchObject({ level: 'blue', lng: null, lat: null });
      });

      it('places points without a location around their hazard source or enterprise, apart and the same every time', async () => {
        const map = (await c.officer.get('/api/safety/map')).json<SafetyMap>();
        const again = (await c.officer.get('/api/safety/map')).json<SafetyMap>();
        expect(again.points).toEqual(map.points);
        const at = (id: string) => map.points.find((p) => p.id === id)!;
        const metres = (a: { lng: number | null; lat: number | null }, b: { lng: number; lat: number }) =>
          Math.hypot((a.lng! - b.lng) * 111_320 * Math.cos((b.lat * Math.PI) / 180), (a.lat! - b.lat) * 111_320);
        const source = { lng: 117.61, lat: 23.77 };
        for (const id of [ids.p2, ids.p5]) {
          expect(metres(at(id), source)).toBeGreaterThan(5);
          expect(metres(at(id), source)).toBeLessThan(60);
        }
        expect(metres(at(ids.p2), { lng: at(ids.p5).lng!, lat: at(ids.p5).lat! })).toBeGreaterThan(5);
        const e1 = { lng: 117.6, lat: 23.76 };
        expect(metres(at(ids.p3), e1)).toBeGreaterThan(5);
        expect(metres(at(ids.p3), e1)).toBeLessThan(60);
      });

      it('shows each user only what they see', async () => {
        for (const who of ['firm1', 'street'] as const) {
          const map = (await c[who].get('/api/safety/map')).json<SafetyMap>();
          expect(map.enterprises.map((e) => e.id)).toEqual([ids.e1]);
          expect(map.points.every((p) => p.enterpriseId === ids.e1)).toBe(true);
          expect(map.counts).toEqual({ red: 1, orange: 0, yellow: 1, blue: 0 });
        }
        const firm2 = (await c.firm2.get('/api/safety/map')).json<SafetyMap>();
        expect(firm2.enterprises.map((e) => e.id)).toEqual([ids.e2]);
        expect(firm2.counts).toEqual({ red: 0, orange: 0, yellow: 0, blue: 1 });
        const open = (await c.firm2.get('/api/safety/map/alarms')).json<{ items: AlarmSummary[]; total: number }>();
        expect(open).toMatchObject({ total: 1 });
        expect(open.items.map((a) => a.id)).toEqual([alarms.blue]);
        const all = (await c.officer.get('/api/safety/map/alarms?limit=2')).json<{ items: AlarmSummary[]; total: number; counts: SafetyMap['counts'] }>();
        // newest first, the total beyond the page
        expect(all.items.map((a) => a.id)).toEqual([alarms.blue, alarms.yellow]);
        expect(all.total).toBe(3);
        expect(all.counts).toEqual({ red: 1, orange: 0, yellow: 1, blue: 1 });
        expect((await c.staff.get('/api/safety/map')).statusCode).toBe(403);
      });
    });

    describe('a point', () => {
      it('answers its detail with thresholds, latest value and alarms; 404 outside visibility', async () => {
        const res = await c.firm1.get(`/api/safety/points/${ids.p1}/detail`);
        expect(res.statusCode).toBe(200);
        const d = res.json<PointDetail>();
        expect(d.point).toMatchObject({ tag: 'LT-101', thresholds: { hh: 9, h: 8, l: 2, ll: 1 }, unit: 'm' });
        expect(d.enterprise).toEqual({ id: ids.e1, name: '古雷石化' });
        expect(d.majorHazard).toMatchObject({ id: ids.hs1, code: 'HS-001', level: 1 });
        expect(d.latest).toEqual({ ts: new Date(FIXED_NOW.getTime() - 30_000).toISOString(), value: 9.4 });
        expect(d.level).toBe('red');
        expect(d.openAlarms.map((a) => a.id)).toEqual([alarms.red]);
        const p3 = (await c.firm1.get(`/api/safety/points/${ids.p3}/detail`)).json<PointDetail>();
        expect(p3.openAlarms).toEqual([]);
        expect(p3.recentAlarms.map((a) => [a.id, a.status])).toEqual([[alarms.closedOrange, 'closed']]);
        expect(p3.point.lng).toBe(117.6);

        expect((await c.firm2.get(`/api/safety/points/${ids.p1}/detail`)).statusCode).toBe(404);
        expect((await c.firm2.get(`/api/safety/points/${ids.p1}/series?from=2026-11-23T00:00:00Z&to=2026-11-23T01:00:00Z`)).statusCode).toBe(404);
        expect((await c.officer.get(`/api/safety/points/00000000-0000-4000-8000-000000000999/detail`)).statusCode).toBe(404);
        expect((await c.staff.get(`/api/safety/points/${ids.p1}/detail`)).statusCode).toBe(403);
      });

      it('chooses the series resolution by span and completes or replaces empty roll-ups from the raw readings', async () => {
        const d = db();
        const now = FIXED_NOW.getTime();
        // two readings a minute over the last 3 hours (values 10 and 20 in each minute), and a few 5 days ago
        const rows: { pointId: string; ts: Date; value: number }[] = [];
        for (let m = 1; m <= 180; m++) {
          const minute = now - m * MINUTE;
          rows.push({ pointId: ids.p2, ts: new Date(minute), value: 10 }, { pointId: ids.p2, ts: new Date(minute + 30_000), value: 20 });
        }
        for (let i = 0; i < 4; i++) rows.push({ pointId: ids.p2, ts: new Date(now - 5 * DAY + i * MINUTE), value: 5 + i });
        await d.insert(telemetryReadings).values(rows);
        const series = async (from: number, to: number, resolution?: string) => {
          const q = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}${resolution ? `&resolution=${resolution}` : ''}`;
          const res = await c.officer.get(`/api/safety/points/${ids.p2}/series?${q}`);
          expect(res.statusCode, res.body).toBe(200);
          return res.json<PointSeries>();
        };

        const hour = await series(now - HOUR, now);
        expect(hour.resolution).toBe('raw');
        expect(hour.points).toHaveLength(120);
        expect(hour.points[0]).toEqual([now - 60 * MINUTE, 10, 10, 10]);
        expect(hour.thresholds).toEqual({ hh: 9, h: 8, l: 2, ll: 1 });
        expect(hour.unit).toBe('m');

        // a day: minutes; the minute table is empty, so the raw readings are aggregated on the fly
        const day = await series(now - DAY, now);
        expect(day.resolution).toBe('minute');
        expect(day.points).toHaveLength(180);
        expect(day.points[0]).toEqual([now - 180 * MINUTE, 15, 10, 20]);

        // roll-ups stored for the first two hours: used as stored, the rest still from the raw readings
        const stored: (typeof telemetryMinute.$inferInsert)[] = [];
        for (let m = 61; m <= 180; m++) stored.push({ pointId: ids.p2, bucket: new Date(now - m * MINUTE), n: 2, sum: 100, min: 40, max: 60 });
        await d.insert(telemetryMinute).values(stored);
        const mixed = await series(now - DAY, now);
        expect(mixed.points).toHaveLength(180);
        expect(mixed.points[0]).toEqual([now - 180 * MINUTE, 50, 40, 60]);
        expect(mixed.points[119]).toEqual([now - 61 * MINUTE, 50, 40, 60]);
        expect(mixed.points[120]).toEqual([now - 60 * MINUTE, 15, 10, 20]);
        // strictly increasing time
        expect(mixed.points.every((p, i) => i === 0 || p[0] > mixed.points[i - 1]![0])).toBe(true);

        // ten days: hours (empty hour table: aggregated from the raw readings)
        const tenDays = await series(now - 10 * DAY, now);
        expect(tenDays.resolution).toBe('hour');
        const fiveDaysAgo = tenDays.points.find((p) => p[0] === Math.floor((now - 5 * DAY) / HOUR) * HOUR)!;
        expect(fiveDaysAgo).toEqual([Math.floor((now - 5 * DAY) / HOUR) * HOUR, 6.5, 5, 8]);
        expect(tenDays.points.at(-1)![0]).toBe(now - HOUR);

        // explicit resolutions and their limits
        expect((await series(now - HOUR, now, 'minute')).resolution).toBe('minute');
        const bad = async (q: string) => (await c.officer.get(`/api/safety/points/${ids.p2}/series?${q}`)).statusCode;
        expect(await bad(`from=${new Date(now).toISOString()}&to=${new Date(now - HOUR).toISOString()}`)).toBe(400);
        expect(await bad(`from=${new Date(now - 2 * DAY).toISOString()}&to=${new Date(now).toISOString()}&resolution=raw`)).toBe(400);
        expect(await bad(`from=x&to=y`)).toBe(400);
      });
    });
  });
}
