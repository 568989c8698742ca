// Alarms without storms (issue 7), driven through the alarm engine's reading sink with points inserted directly:
// a threshold alarm raised only after its minimum duration, changing level in place, cleared only past the deadband,
// and updated (not duplicated) when the condition returns before anyone closed it; a value flapping around its
// threshold raising one alarm; rate of change; stale points and offline gateways with the clock advanced (no stale
// alarm per point behind an offline gateway); a restart that does not raise again; suppression windows; escalation
// to the enterprise then to the duty officers, once each; the lifecycle with notes, actors and audit; the enterprise
// user seeing and acting on its own enterprise's alarms only; live notices for every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { completeUscc, XLSX_MIME, type AlarmSummary, type Page, type SafetyAlarmDetail, type SafetySuppression } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, majorHazards, monitoringPoints, safetyDevices, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import type { PointDef, StoredReading } from '../src/modules/safety/contracts.ts';
import type { SafetyEvent } from '../src/modules/safety/safety-events.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

for (const engine of engines()) {
  describe(`safety alarms on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let firm1: Client;
    let firm2: Client;
    const ids = { officer: '', firm1: '', firm2: '', e1: '', e2: '', hs1: '', dev1: '', gw1: '', dev2: '', devE2: '' };
    const pt: Record<'temp' | 'flap' | 'rate' | 'stale' | 'behindGw' | 'supp' | 'esc' | 'e2', PointDef> = {} as never;
    const heard: SafetyEvent[] = [];

    const db = () => env.database.db;
    /** Sessions idle out as the clock is advanced: sign in again after each jump. */
    const loginAll = async () => {
      [officer, firm1, firm2] = (await Promise.all(['anjian1', 'firm1', 'firm2'].map((u) => login(app.app, u)))) as [Client, Client, Client];
    };
    const now = () => env.clock.now().getTime();
    const feed = async (point: PointDef, values: [number, number][]) => {
      await app.safety.alarms.sink.onReadings(values.map(([ts, value]): StoredReading => ({ point, ts, value })));
    };
    const alarmsOf = (pointId: string, rule = 'threshold') =>
      queryRows<{
        id: string;
        level: string;
        band: string | null;
        status: string;
        value: number | null;
        threshold: number | null;
        peak: number | null;
        occurrences: number;
        cleared: boolean;
        closed: boolean;
      }>(
        db(),
        sql`select id, level, band, status, value, threshold, peak_value as peak, occurrences, cleared_at is not null as cleared, closed_at is not null as closed
            from safety_alarms where point_id = ${pointId} and rule = ${rule} order by raised_at, id`,
      );
    const eventsOf = async (alarmId: string) =>
      (await queryRows<{ kind: string }>(db(), sql`select kind from safety_alarm_events where alarm_id = ${alarmId} order by id`)).map((r) => r.kind);
    const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db(), q))[0]!.n;

    async function addPoint(
      key: keyof typeof pt,
      o: {
        enterpriseId: string;
        deviceId: string | null;
        tag: string;
        h?: number;
        hh?: number;
        deadband?: number;
        minS?: number;
        rate?: number;
        intervalS?: number;
        majorHazardId?: string | null;
      },
    ) {
      const [row] = await db()
        .insert(monitoringPoints)
        .values({
          enterpriseId: o.enterpriseId,
          majorHazardId: o.majorHazardId ?? null,
          deviceId: o.deviceId,
          tag: o.tag,
          name: `${o.tag} 监测点`,
          kind: 'temperature',
          unit: '℃',
          h: o.h ?? null,
          hh: o.hh ?? null,
          deadband: o.deadband ?? 0,
          minDurationS: o.minS ?? 0,
          rateLimitPerMin: o.rate ?? null,
          expectedIntervalS: o.intervalS ?? 3600,
          staleAfterIntervals: 3,
        })
        .returning();
      pt[key] = {
        id: row!.id,
        enterpriseId: o.enterpriseId,
        majorHazardId: o.majorHazardId ?? null,
        deviceId: o.deviceId,
        tag: o.tag,
        name: row!.name,
        unit: '℃',
        thresholds: { hh: o.hh ?? null, h: o.h ?? null, l: null, ll: null },
        deadband: o.deadband ?? 0,
        minDurationMs: (o.minS ?? 0) * SECOND,
        rateLimitPerMin: o.rate ?? null,
        expectedIntervalMs: (o.intervalS ?? 3600) * SECOND,
        staleAfterIntervals: 3,
        enabled: true,
      };
    }

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      app.safety.events.on((e) => heard.push(e));
      const d = db();
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const bureau = await buildUnit(d, { name: '应急管理局', parentId: root.id });
      const street = await buildUnit(d, { name: '古雷街道', parentId: root.id, kind: 'street' });
      const [x1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA3000001'), streetId: street.id })
        .returning();
      const [x2] = await d
        .insert(enterprises)
        .values({ name: '腾龙芳烃有限公司', uscc: completeUscc('91350623MA3000002'), streetId: street.id })
        .returning();
      ids.e1 = x1!.id;
      ids.e2 = x2!.id;
      ids.officer = (await buildUser(d, { username: 'anjian1', unitId: bureau.id, roles: ['safetyOfficer'], displayName: '安监员' })).id;
      ids.firm1 = (await buildUser(d, { username: 'firm1', unitId: street.id, roles: ['enterpriseUser'], displayName: '古雷安全员' })).id;
      ids.firm2 = (await buildUser(d, { username: 'firm2', unitId: street.id, roles: ['enterpriseUser'], displayName: '腾龙安全员' })).id;
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, ids.firm1));
      await d.update(users).set({ enterpriseId: ids.e2 }).where(eq(users.id, ids.firm2));
      const [hs] = await d
        .insert(majorHazards)
        .values({
          code: 'HS-001',
          name: '1号罐区',
          enterpriseId: ids.e1,
          level: 2,
          responsible: {
            main: { name: '张三', phone: '13800000001' },
            technical: { name: '李四', phone: '13800000002' },
            operational: { name: '王五', phone: '13800000003' },
          },
        })
        .returning();
      ids.hs1 = hs!.id;
      const device = async (o: { kind: string; name: string; enterpriseId: string; gatewayId?: string; intervalS?: number }) =>
        (
          await d
            .insert(safetyDevices)
            .values({ kind: o.kind, name: o.name, enterpriseId: o.enterpriseId, gatewayId: o.gatewayId ?? null, expectedIntervalS: o.intervalS ?? 600 })
            .returning()
        )[0]!.id;
      ids.dev1 = await device({ kind: 'device', name: 'DTU-1', enterpriseId: ids.e1 });
      ids.gw1 = await device({ kind: 'gateway', name: 'GW-1', enterpriseId: ids.e1, intervalS: 60 });
      ids.dev2 = await device({ kind: 'device', name: 'PLC-2', enterpriseId: ids.e1, gatewayId: ids.gw1 });
      ids.devE2 = await device({ kind: 'device', name: 'DTU-E2', enterpriseId: ids.e2 });
      await addPoint('temp', { enterpriseId: ids.e1, majorHazardId: ids.hs1, deviceId: ids.dev1, tag: 'TI-101', h: 80, hh: 90, deadband: 2, minS: 10 });
      await addPoint('flap', { enterpriseId: ids.e1, deviceId: ids.dev1, tag: 'TI-102', h: 50, deadband: 1, minS: 5 });
      await addPoint('rate', { enterpriseId: ids.e1, deviceId: ids.dev1, tag: 'PI-201', rate: 5 });
      await addPoint('stale', { enterpriseId: ids.e1, deviceId: ids.dev1, tag: 'LI-301', intervalS: 10 });
      await addPoint('behindGw', { enterpriseId: ids.e1, deviceId: ids.dev2, tag: 'LI-302', intervalS: 10 });
      await addPoint('supp', { enterpriseId: ids.e1, majorHazardId: ids.hs1, deviceId: ids.dev1, tag: 'TI-401', h: 80, minS: 10 });
      await addPoint('esc', { enterpriseId: ids.e1, majorHazardId: ids.hs1, deviceId: ids.dev1, tag: 'AI-501', h: 25 });
      await addPoint('e2', { enterpriseId: ids.e2, deviceId: ids.devE2, tag: 'AI-601', h: 25 });
      await loginAll();
    });
    afterAll(() => env?.close());

    it('raises a threshold alarm only after the minimum duration, then changes its level in place and clears past the deadband', async () => {
      const t0 = now();
      await feed(pt.temp, [
        [t0, 85],
        [t0 + 5 * SECOND, 86],
      ]);
      expect(await alarmsOf(pt.temp.id)).toEqual([]);
      await feed(pt.temp, [[t0 + 10 * SECOND, 85]]);
      let [a] = await alarmsOf(pt.temp.id);
      expect(a).toMatchObject({ level: 'orange', band: 'h', status: 'raised', value: 85, threshold: 80, occurrences: 1, cleared: false });
      // worse: the same alarm turns red
      await feed(pt.temp, [[t0 + 20 * SECOND, 92]]);
      const all = await alarmsOf(pt.temp.id);
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ id: a!.id, level: 'red', band: 'hh', value: 92, threshold: 90, peak: 92 });
      // 95 is worse within the same band (no event; the peak follows), 89 is still high-high (within the deadband of
      // 2), 79 eases to high, 77.9 is past the deadband: cleared, keeping the peak
      await feed(pt.temp, [
        [t0 + 25 * SECOND, 95],
        [t0 + 30 * SECOND, 89],
        [t0 + 40 * SECOND, 79],
      ]);
      [a] = await alarmsOf(pt.temp.id);
      expect(a).toMatchObject({ level: 'orange', band: 'h', cleared: false, peak: 95 });
      await feed(pt.temp, [[t0 + 50 * SECOND, 77.9]]);
      [a] = await alarmsOf(pt.temp.id);
      expect(a).toMatchObject({ cleared: true, value: 77.9, status: 'raised', peak: 95 });
      expect(await eventsOf(a!.id)).toEqual(['raised', 'levelChanged', 'levelChanged', 'cleared']);
    });

    it('a condition returning before anyone closed the alarm updates the same alarm (occurrences 2)', async () => {
      const t0 = now() + MINUTE;
      await feed(pt.temp, [
        [t0, 84],
        [t0 + 10 * SECOND, 84.5],
      ]);
      const all = await alarmsOf(pt.temp.id);
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ occurrences: 2, cleared: false, level: 'orange', value: 84.5, peak: 95 });
      expect((await eventsOf(all[0]!.id)).at(-1)).toBe('returned');
      await feed(pt.temp, [[t0 + 20 * SECOND, 70]]);
      expect((await alarmsOf(pt.temp.id))[0]).toMatchObject({ cleared: true });
    });

    it('a value flapping around its threshold within the deadband raises one alarm, not dozens', async () => {
      const t0 = now() + 2 * MINUTE;
      const values: [number, number][] = Array.from({ length: 200 }, (_, i) => [t0 + i * SECOND, i % 2 ? 49.6 : 50.4]);
      for (let i = 0; i < values.length; i += 20) await feed(pt.flap, values.slice(i, i + 20));
      const all = await alarmsOf(pt.flap.id);
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ occurrences: 1, cleared: false });
      expect(await eventsOf(all[0]!.id)).toEqual(['raised']);
    });

    it('announces every change on the live channel (events.notify → events.on)', async () => {
      const [temp] = await alarmsOf(pt.temp.id);
      await expect
        .poll(() => heard.filter((e) => e.kind === 'alarm' && e.alarm.id === temp!.id).map((e) => (e.kind === 'alarm' ? e.change : '')), {
          timeout: 3000,
          interval: 20,
        })
        .toEqual(['raised', 'levelChanged', 'levelChanged', 'cleared', 'returned', 'cleared']);
      const raised = heard.find((e) => e.kind === 'alarm' && e.alarm.id === temp!.id) as Extract<SafetyEvent, { kind: 'alarm' }>;
      expect(raised.alarm).toMatchObject({
        pointTag: 'TI-101',
        enterpriseName: '古雷石化有限公司',
        majorHazardName: '1号罐区',
        deviceName: 'DTU-1',
        rule: 'threshold',
      });
    });

    it('a restarted instance loads the open alarms and does not raise them again', async () => {
      const second = await env.start();
      const t0 = now() + 6 * MINUTE;
      await second.safety.alarms.sink.onReadings([0, 1, 2, 3].map((i) => ({ point: pt.flap, ts: t0 + i * SECOND, value: 50.5 })));
      const all = await alarmsOf(pt.flap.id);
      expect(all).toHaveLength(1);
      expect(all[0]!.occurrences).toBe(1);
      expect(await eventsOf(all[0]!.id)).toEqual(['raised']);
      // and it clears it when the value comes back
      await second.safety.alarms.sink.onReadings([{ point: pt.flap, ts: t0 + 10 * SECOND, value: 48 }]);
      expect((await alarmsOf(pt.flap.id))[0]).toMatchObject({ cleared: true });
      // the first instance has not seen that reading: bring it to the same value
      await feed(pt.flap, [[t0 + 11 * SECOND, 48]]);
    });

    it('rate of change: raised at a jump above the limit (yellow), cleared after a calm minute', async () => {
      const t0 = now() + 10 * MINUTE;
      await feed(pt.rate, [
        [t0, 10],
        [t0 + MINUTE, 11],
      ]);
      expect(await alarmsOf(pt.rate.id, 'rate')).toEqual([]);
      await feed(pt.rate, [[t0 + 2 * MINUTE, 30]]);
      const [a] = await alarmsOf(pt.rate.id, 'rate');
      expect(a).toMatchObject({ level: 'yellow', value: 19, threshold: 5, cleared: false });
      await feed(pt.rate, [
        [t0 + 3 * MINUTE, 30.5],
        [t0 + 3 * MINUTE + 30 * SECOND, 31],
      ]);
      expect((await alarmsOf(pt.rate.id, 'rate'))[0]!.cleared).toBe(false);
      await feed(pt.rate, [[t0 + 4 * MINUTE, 31]]);
      expect(await alarmsOf(pt.rate.id, 'rate')).toEqual([expect.objectContaining({ cleared: true, occurrences: 1 })]);
    });

    it('stale points and offline gateways: raised once with the clock advanced, cleared when data comes back; no stale alarm behind an offline gateway; no offline alarm right after a restart', async () => {
      const t0 = now();
      // heard from a day ago, before this instance started: it gets its intervals since the start to come back
      await db()
        .update(safetyDevices)
        .set({ lastSeenAt: new Date(t0 - 86_400_000) })
        .where(eq(safetyDevices.id, ids.devE2));
      await feed(pt.stale, [[t0, 5]]);
      await feed(pt.behindGw, [[t0, 5]]);
      app.safety.alarms.sink.onDeviceSeen(ids.gw1, t0);
      env.clock.advance(20 * SECOND);
      await app.safety.alarms.checkStale(env.clock.now());
      expect(await alarmsOf(pt.stale.id, 'stale')).toEqual([]);
      env.clock.advance(20 * SECOND); // 40 s > 3 × 10 s
      app.safety.alarms.sink.onDeviceSeen(ids.gw1, now());
      await app.safety.alarms.checkStale(env.clock.now());
      await app.safety.alarms.checkStale(env.clock.now());
      expect(await alarmsOf(pt.stale.id, 'stale')).toEqual([expect.objectContaining({ level: 'blue', occurrences: 1, cleared: false })]);
      expect(await alarmsOf(pt.behindGw.id, 'stale')).toHaveLength(1);
      // data back: the stale alarm of that point clears
      await feed(pt.stale, [[now(), 6]]);
      expect((await alarmsOf(pt.stale.id, 'stale'))[0]!.cleared).toBe(true);
      expect((await alarmsOf(pt.behindGw.id, 'stale'))[0]!.cleared).toBe(false);
      await feed(pt.behindGw, [[now(), 6]]);

      // the gateway goes silent for more than 3 × 60 s: one offline alarm for it, none for the point behind it
      env.clock.advance(4 * MINUTE);
      app.safety.alarms.sink.onDeviceSeen(ids.dev1, now());
      await feed(pt.stale, [[now(), 6]]);
      await app.safety.alarms.checkStale(env.clock.now());
      const offline = await queryRows<{ id: string; level: string; pointId: string | null; cleared: boolean }>(
        db(),
        sql`select id, level, point_id as "pointId", cleared_at is not null as cleared from safety_alarms where device_id = ${ids.gw1} and rule = 'offline'`,
      );
      expect(offline).toEqual([expect.objectContaining({ level: 'yellow', pointId: null, cleared: false })]);
      expect(await alarmsOf(pt.behindGw.id, 'stale')).toEqual([expect.objectContaining({ cleared: true })]);
      expect(await count(sql`select count(*)::int as n from safety_alarms where rule = 'offline' and device_id <> ${ids.gw1}`)).toBe(0);
      // heard from again: cleared
      app.safety.alarms.sink.onDeviceSeen(ids.gw1, now());
      await app.safety.alarms.engine.idle();
      expect(
        (await queryRows<{ cleared: boolean }>(db(), sql`select cleared_at is not null as cleared from safety_alarms where id = ${offline[0]!.id}`))[0]!
          .cleared,
      ).toBe(true);
    });

    it('suppression windows: nothing is raised for covered points while a window lasts; its end allows it; enterprises file only their own', async () => {
      const start = new Date(now() - MINUTE).toISOString();
      const end = new Date(now() + 30 * MINUTE).toISOString();
      const bad = await firm2.send('POST', '/api/safety/suppressions', {
        enterpriseId: ids.e1,
        kind: 'maintenance',
        startsAt: start,
        endsAt: end,
        reason: '检修',
      });
      expect(bad.statusCode).toBe(403);
      const foreign = await firm1.send('POST', '/api/safety/suppressions', {
        pointIds: [pt.e2.id],
        kind: 'maintenance',
        startsAt: start,
        endsAt: end,
        reason: '检修',
      });
      expect(foreign.statusCode).toBe(400);
      const res = await firm1.send('POST', '/api/safety/suppressions', {
        pointIds: [pt.supp.id],
        kind: 'maintenance',
        startsAt: start,
        endsAt: end,
        reason: '1号罐区检修',
      });
      expect(res.statusCode).toBe(200);
      const win = res.json<SafetySuppression>();
      expect(win).toMatchObject({ enterpriseId: ids.e1, state: 'active', pointIds: [pt.supp.id] });
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'safety.suppression.create'`)).toBe(1);

      const t0 = now();
      await feed(
        pt.supp,
        Array.from({ length: 10 }, (_, i): [number, number] => [t0 + i * 10 * SECOND, 85]),
      );
      await feed(pt.esc, [[t0, 30]]); // not covered: raised at once (no minimum duration)
      expect(await alarmsOf(pt.supp.id)).toEqual([]);
      expect(await alarmsOf(pt.esc.id)).toHaveLength(1);
      await feed(pt.esc, [[t0 + SECOND, 10]]);

      // the window ends: the condition still holds, so the next reading raises it
      env.clock.set(new Date(Date.parse(end) + SECOND));
      await loginAll();
      await feed(pt.supp, [[now(), 85]]);
      expect(await alarmsOf(pt.supp.id)).toEqual([expect.objectContaining({ occurrences: 1, level: 'orange' })]);
      await feed(pt.supp, [[now() + SECOND, 60]]);

      // a window cancelled early no longer holds anything back
      const second = await officer.send('POST', '/api/safety/suppressions', {
        enterpriseId: ids.e1,
        majorHazardId: ids.hs1,
        kind: 'startup',
        startsAt: new Date(now()).toISOString(),
        endsAt: new Date(now() + 60 * MINUTE).toISOString(),
        reason: '开车',
      });
      expect(second.statusCode).toBe(200);
      const list = await firm1.get('/api/safety/suppressions?state=active');
      expect(list.json<Page<SafetySuppression>>().items.map((s) => s.id)).toEqual([second.json<SafetySuppression>().id]);
      expect((await firm2.get('/api/safety/suppressions')).json<Page<SafetySuppression>>().total).toBe(0);
      await feed(pt.esc, [[now() + 2 * SECOND, 30]]);
      expect(await alarmsOf(pt.esc.id)).toEqual([expect.objectContaining({ occurrences: 1, cleared: true })]);
      const cancelled = await firm1.send('POST', `/api/safety/suppressions/${second.json<SafetySuppression>().id}/cancel`, { note: '提前完成' });
      expect(cancelled.json<SafetySuppression>().state).toBe('cancelled');
      expect((await firm1.send('POST', `/api/safety/suppressions/${second.json<SafetySuppression>().id}/cancel`, {})).statusCode).toBe(409);
      await feed(pt.esc, [[now() + 3 * SECOND, 31]]);
      expect(await alarmsOf(pt.esc.id)).toEqual([expect.objectContaining({ occurrences: 2, cleared: false })]);
    });

    it('escalation: the enterprise after 5 minutes, the duty officers after 15, each once; the setting is audited', async () => {
      await loginAll();
      expect((await firm1.get('/api/safety/escalation')).statusCode).toBe(403);
      expect((await officer.send('PUT', '/api/safety/escalation', { enterpriseMinutes: 10, dutyMinutes: 5, dutyUserIds: [] })).statusCode).toBe(400);
      const saved = await officer.send('PUT', '/api/safety/escalation', { enterpriseMinutes: 5, dutyMinutes: 15, dutyUserIds: [] });
      expect(saved.statusCode).toBe(200);
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'safety.escalation.update'`)).toBe(1);

      // a fresh alarm: the one of AI-501 returned just now; start its clock from a new raise
      const [esc] = await alarmsOf(pt.esc.id);
      await queryRows(db(), sql`update safety_alarms set raised_at = ${env.clock.now()} where id = ${esc!.id}`);
      const link = `/safety/alarms?alarm=${esc!.id}`;
      const inbox = (userId: string) => count(sql`select count(*)::int as n from notifications where user_id = ${userId} and link = ${link}`);
      const escalate = async (minutes: number) => {
        env.clock.advance(minutes * MINUTE);
        app.safety.alarms.sink.onDeviceSeen(ids.dev1, now());
        app.safety.alarms.sink.onDeviceSeen(ids.gw1, now());
        await app.safety.alarms.escalate(env.clock.now());
      };
      await escalate(4);
      expect(await inbox(ids.firm1)).toBe(0);
      await escalate(2);
      expect(await inbox(ids.firm1)).toBe(1);
      expect(await inbox(ids.officer)).toBe(0);
      const [note] = await queryRows<{ body: string }>(db(), sql`select body from notifications where user_id = ${ids.firm1} and link = ${link}`);
      expect(note!.body).toContain('张三');
      expect(note!.body).toContain('13800000001');
      await escalate(1);
      expect(await inbox(ids.firm1)).toBe(1);
      await escalate(9);
      expect(await inbox(ids.officer)).toBe(1);
      await escalate(1);
      expect(await inbox(ids.firm1)).toBe(1);
      expect(await inbox(ids.officer)).toBe(1);
      expect(await inbox(ids.firm2)).toBe(0);
      const [row] = await alarmsOf(pt.esc.id);
      expect((await eventsOf(row!.id)).filter((k) => k === 'escalated')).toHaveLength(2);
      await loginAll();
      const detail = (await officer.get(`/api/safety/alarms/${esc!.id}`)).json<SafetyAlarmDetail>();
      expect(detail.escalation).toBe(2);
      expect(detail.events.filter((e) => e.kind === 'escalated').map((e) => e.note)).toEqual(['1', '2']);
    });

    it('lifecycle: acknowledged, handled with a note, closed once cleared — who did what, audited; a new raise after closing is a new alarm', async () => {
      const [temp] = await alarmsOf(pt.temp.id);
      const ack = await firm1.send('POST', `/api/safety/alarms/${temp!.id}/acknowledge`, { note: '已通知班组' });
      expect(ack.statusCode).toBe(200);
      expect(ack.json<SafetyAlarmDetail>()).toMatchObject({ status: 'acknowledged', acknowledgedByName: '古雷安全员' });
      expect((await firm1.send('POST', `/api/safety/alarms/${temp!.id}/acknowledge`, {})).statusCode).toBe(409);
      expect((await firm1.send('POST', `/api/safety/alarms/${temp!.id}/handle`, {})).statusCode).toBe(400);
      const handled = await officer.send('POST', `/api/safety/alarms/${temp!.id}/handle`, { note: '降温处理，温度恢复' });
      expect(handled.json<SafetyAlarmDetail>()).toMatchObject({ status: 'handled', handledByName: '安监员', handleNote: '降温处理，温度恢复' });
      const closed = await firm1.send('POST', `/api/safety/alarms/${temp!.id}/close`, { note: '确认恢复正常' });
      expect(closed.statusCode).toBe(200);
      const d = closed.json<SafetyAlarmDetail>();
      expect(d).toMatchObject({ status: 'closed', closedByName: '古雷安全员', closeNote: '确认恢复正常' });
      expect(d.events.map((e) => [e.kind, e.byName])).toEqual([
        ['raised', null],
        ['levelChanged', null],
        ['levelChanged', null],
        ['cleared', null],
        ['returned', null],
        ['cleared', null],
        ['acknowledged', '古雷安全员'],
        ['handled', '安监员'],
        ['closed', '古雷安全员'],
      ]);
      expect(
        (
          await queryRows<{ action: string }>(
            db(),
            sql`select action from audit_log where entity_id = ${temp!.id} and action like 'safety.alarm.%' order by seq`,
          )
        ).map((r) => r.action),
      ).toEqual(['safety.alarm.acknowledge', 'safety.alarm.handle', 'safety.alarm.close']);
      // an alarm whose condition still holds is not closed
      const [esc] = await alarmsOf(pt.esc.id);
      const notYet = await officer.send('POST', `/api/safety/alarms/${esc!.id}/close`, {});
      expect(notYet.statusCode).toBe(409);
      // after closing, the next excursion is a new alarm
      const t0 = now();
      await feed(pt.temp, [
        [t0, 95],
        [t0 + 10 * SECOND, 95],
      ]);
      const all = await alarmsOf(pt.temp.id);
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({ level: 'red', occurrences: 1, status: 'raised' });
      expect(all[1]!.id).not.toBe(temp!.id);
    });

    it("an enterprise user sees and acts on its own enterprise's alarms only", async () => {
      const t0 = now();
      await feed(pt.e2, [[t0, 40]]);
      const [e2alarm] = await alarmsOf(pt.e2.id);
      const mine = (await firm1.get('/api/safety/alarms?pageSize=100')).json<Page<AlarmSummary>>();
      expect(mine.items.length).toBeGreaterThan(0);
      expect(mine.items.every((a) => a.enterpriseId === ids.e1)).toBe(true);
      const theirs = (await firm2.get('/api/safety/alarms')).json<Page<AlarmSummary>>();
      expect(theirs.items.map((a) => a.id)).toEqual([e2alarm!.id]);
      const [temp] = await alarmsOf(pt.temp.id);
      expect((await firm2.get(`/api/safety/alarms/${temp!.id}`)).statusCode).toBe(404);
      expect((await firm2.send('POST', `/api/safety/alarms/${temp!.id}/acknowledge`, {})).statusCode).toBe(404);
      expect((await firm2.send('POST', '/api/safety/alarms/acknowledge', { ids: [e2alarm!.id, temp!.id] })).statusCode).toBe(404);
      expect((await alarmsOf(pt.e2.id))[0]!.status).toBe('raised');
      // the safety officer sees both; a batch acknowledges those still raised and names the others
      const [flap] = await alarmsOf(pt.flap.id);
      const batch = await officer.send('POST', '/api/safety/alarms/acknowledge', { ids: [e2alarm!.id, flap!.id, temp!.id] });
      expect(batch.statusCode).toBe(200);
      const result = batch.json<{ acknowledged: string[]; skipped: string[] }>();
      expect(result.acknowledged.sort()).toEqual([e2alarm!.id, flap!.id].sort());
      expect(result.skipped).toEqual([temp!.id]);
      expect((await alarmsOf(pt.e2.id))[0]!.status).toBe('acknowledged');
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'safety.alarm.acknowledgeMany'`)).toBe(1);
    });

    it('lists with filters and sorts, and exports', async () => {
      const open = (await officer.get('/api/safety/alarms?open=true&rule=threshold&sort=-level&pageSize=50')).json<Page<AlarmSummary>>();
      expect(open.items.every((a) => a.closedAt === null && a.rule === 'threshold')).toBe(true);
      expect(open.items[0]!.level).toBe('red');
      const stale = (await officer.get('/api/safety/alarms?rule=stale')).json<Page<AlarmSummary>>();
      expect(stale.items.map((a) => a.pointTag).sort()).toEqual(['LI-301', 'LI-302']);
      const byPoint = (await officer.get(`/api/safety/alarms?pointId=${pt.temp.id}&status=closed`)).json<Page<AlarmSummary>>();
      expect(byPoint.total).toBe(1);
      expect((await officer.get('/api/safety/alarms?level=purple')).statusCode).toBe(400);
      const xlsx = await officer.get('/api/safety/alarms/export?open=true');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe(XLSX_MIME);
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'safety.alarm.export'`)).toBe(1);
    });
  });
}
