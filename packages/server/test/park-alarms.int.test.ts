// Closed-park alarms (issue 8) through the shared safety alarm machinery: ParkAlarms raises and clears alarms keyed by
// plate and rule (one open alarm: a second raise counts, a new level changes it in place, a raise after a clear
// returns it), in the caller's transaction; a park-level alarm (no enterprise) is seen only by park-wide principals
// (lists, detail, live feed) and escalates straight to the duty officers; an enterprise's vehicle alarm is seen by
// that enterprise; the lifecycle (acknowledge, handle, close, batch acknowledge) works through the API and is
// audited; the sensor engine ignores closed-park alarms; lists search, filter and export them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { completeUscc, XLSX_MIME, type AlarmSummary, type Page, type SafetyAlarmDetail } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { checkpoints, enterprises, geofences, parkVehicles, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import type { ParkAlarms } from '../src/modules/park/contracts.ts';
import { createParkAlarms } from '../src/modules/safety/park-alarms.ts';
import type { SafetyEvent } from '../src/modules/safety/safety-events.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const MINUTE = 60_000;

for (const engine of engines()) {
  describe(`closed-park alarms on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let alarms: ParkAlarms;
    let park: Client;
    let officer: Client;
    let firm: Client;
    let streetUser: Client;
    const ids = { e1: '', vehicle: '', checkpoint: '', geofence: '', park: '', officer: '', firm: '', street: '' };
    const heard: SafetyEvent[] = [];

    const db = () => env.database.db;
    const now = () => env.clock.now();
    const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db(), q))[0]!.n;
    const eventsOf = async (alarmId: string) =>
      (
        await queryRows<{ kind: string; note: string | null }>(db(), sql`select kind, note from safety_alarm_events where alarm_id = ${alarmId} order by id`)
      ).map((r) => r.kind);
    const rowOf = async (id: string) =>
      (
        await queryRows<{ level: string; occurrences: number; peak: number | null; cleared: boolean; closed: boolean; enterpriseId: string | null }>(
          db(),
          sql`select level, occurrences, peak_value as peak, cleared_at is not null as cleared, closed_at is not null as closed,
              enterprise_id as "enterpriseId" from safety_alarms where id = ${id}`,
        )
      )[0]!;
    const loginAll = async () => {
      [park, officer, firm, streetUser] = (await Promise.all(['fengbi1', 'anjian1', 'firm1', 'jiedao1'].map((u) => login(app.app, u)))) as [
        Client,
        Client,
        Client,
        Client,
      ];
    };
    const listIds = async (c: Client, query = '') => (await c.get(`/api/safety/alarms?pageSize=100${query}`)).json<Page<AlarmSummary>>().items.map((a) => a.id);

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      alarms = createParkAlarms(app.deps);
      app.safety.events.on((e) => heard.push(e));
      const d = db();
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const bureau = await buildUnit(d, { name: '应急管理局', parentId: root.id });
      const street = await buildUnit(d, { name: '古雷街道', parentId: root.id, kind: 'street' });
      const [x1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA3000001'), streetId: street.id })
        .returning();
      ids.e1 = x1!.id;
      ids.park = (await buildUser(d, { username: 'fengbi1', unitId: bureau.id, roles: ['parkOfficer'], displayName: '封闭化管理员' })).id;
      ids.officer = (await buildUser(d, { username: 'anjian1', unitId: bureau.id, roles: ['safetyOfficer'], displayName: '安监员' })).id;
      ids.firm = (await buildUser(d, { username: 'firm1', unitId: street.id, roles: ['enterpriseUser'], displayName: '古雷安全员' })).id;
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, ids.firm));
      // a street's safety officer: the street's enterprises only (a data scope limited to the street)
      const [streetRole] = await queryRows<{ id: string }>(
        d,
        sql`insert into roles (code, name, data_scope, permissions) values ('streetSafety', '街道安全员', 'unitTree', ${sql.param(['safety.read', 'safety.handle'])}::text[])
            returning id`,
      );
      ids.street = (await buildUser(d, { username: 'jiedao1', unitId: street.id, displayName: '街道安全员' })).id;
      await queryRows(d, sql`insert into user_roles (user_id, role_id) values (${ids.street}, ${streetRole!.id}) returning user_id`);
      const [v] = await d
        .insert(parkVehicles)
        .values({ plate: '闽E12345', category: 'hazmat', body: 'tank', hazmatClasses: ['3'], enterpriseId: ids.e1 })
        .returning();
      ids.vehicle = v!.id;
      const [cp] = await d.insert(checkpoints).values({ code: 'KK-01', name: '1号卡口', kind: 'dedicated' }).returning();
      ids.checkpoint = cp!.id;
      const [g] = await d
        .insert(geofences)
        .values({
          kind: 'route',
          name: '危化品专用道',
          geometry: {
            type: 'LineString',
            coordinates: [
              [117.8, 23.7],
              [117.81, 23.71],
            ],
          },
          widthM: 30,
        })
        .returning();
      ids.geofence = g!.id;
      await loginAll();
    });
    afterAll(() => env?.close());

    it('raise twice is one alarm counted twice; a new level changes it in place; the peak is the largest value', async () => {
      heard.length = 0;
      const base = { plate: '闽E12345', rule: 'overspeed' as const, vehicleId: ids.vehicle, enterpriseId: ids.e1, geofenceId: ids.geofence, threshold: 30 };
      const first = await alarms.raise({ ...base, level: 'yellow', at: now(), value: 42, lat: 23.705, lon: 117.805 });
      expect(first.created).toBe(true);
      const again = await alarms.raise({ ...base, level: 'yellow', at: now(), value: 38 });
      expect(again).toEqual({ alarmId: first.alarmId, created: false });
      let row = await rowOf(first.alarmId);
      expect(row).toMatchObject({ level: 'yellow', occurrences: 2, peak: 42, cleared: false });
      await alarms.raise({ ...base, level: 'orange', at: now(), value: 55 });
      row = await rowOf(first.alarmId);
      expect(row).toMatchObject({ level: 'orange', occurrences: 3, peak: 55 });
      expect(await eventsOf(first.alarmId)).toEqual(['raised', 'levelChanged']);
      expect(await count(sql`select count(*)::int as n from safety_alarms where plate = '闽E12345' and rule = 'overspeed'`)).toBe(1);
      // notices arrive through LISTEN after each commit: wait until all three are in
      const alarmNotices = () => heard.filter((e): e is Extract<SafetyEvent, { kind: 'alarm' }> => e.kind === 'alarm');
      await expect.poll(() => alarmNotices().map((e) => e.change), { timeout: 10_000 }).toEqual(['raised', 'occurred', 'levelChanged']);
      const notices = alarmNotices();
      expect(notices[0]!.alarm).toMatchObject({
        plate: '闽E12345',
        geofenceName: '危化品专用道',
        enterpriseName: '古雷石化有限公司',
        lat: 23.705,
        lon: 117.805,
      });
      expect(await alarms.openKeys()).toEqual([{ plate: '闽E12345', rule: 'overspeed', cleared: false }]);
    });

    it('clear then raise returns the same alarm; a clear with nothing open answers false', async () => {
      expect(await alarms.clear({ plate: '闽E12345', rule: 'overspeed' }, now())).toBe(true);
      expect(await alarms.clear({ plate: '闽E12345', rule: 'overspeed' }, now())).toBe(false);
      expect(await alarms.clear({ plate: '闽E99999', rule: 'offRoute' }, now())).toBe(false);
      expect(await alarms.openKeys()).toEqual([{ plate: '闽E12345', rule: 'overspeed', cleared: true }]);
      const back = await alarms.raise({
        plate: '闽E12345',
        rule: 'overspeed',
        level: 'orange',
        at: now(),
        vehicleId: ids.vehicle,
        enterpriseId: ids.e1,
        value: 50,
      });
      expect(back.created).toBe(false);
      expect(await rowOf(back.alarmId)).toMatchObject({ cleared: false, occurrences: 4 });
      expect(await eventsOf(back.alarmId)).toEqual(['raised', 'levelChanged', 'cleared', 'returned']);
    });

    it("writes in the caller's transaction: a rolled-back raise leaves nothing", async () => {
      await expect(
        db().transaction(async (tx) => {
          await alarms.raise({ plate: '闽E77777', rule: 'restrictedArea', level: 'red', at: now(), vehicleId: null, enterpriseId: null }, tx);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await count(sql`select count(*)::int as n from safety_alarms where plate = '闽E77777'`)).toBe(0);
      expect(
        await count(sql`select count(*)::int as n from safety_alarm_events ev join safety_alarms a on a.id = ev.alarm_id where a.plate = '闽E77777'`),
      ).toBe(0);
    });

    it('concurrent raises of one plate and rule open one alarm', async () => {
      const r = { plate: '闽E55555', rule: 'offRoute' as const, level: 'orange' as const, at: now(), vehicleId: null, enterpriseId: null };
      const results = await Promise.all([alarms.raise(r), alarms.raise(r), alarms.raise(r)]);
      expect(new Set(results.map((x) => x.alarmId)).size).toBe(1);
      expect(results.filter((x) => x.created)).toHaveLength(1);
      expect(await count(sql`select count(*)::int as n from safety_alarms where plate = '闽E55555'`)).toBe(1);
      expect((await rowOf(results[0]!.alarmId)).occurrences).toBe(3);
    });

    it('a park-level gate alarm is seen by the park only: invisible to the enterprise and the street, visible to a park officer', async () => {
      const gate = await alarms.raise({
        plate: '闽D88888',
        rule: 'gate',
        level: 'red',
        at: now(),
        vehicleId: null,
        enterpriseId: null,
        checkpointId: ids.checkpoint,
        findings: [
          { code: 'noAppointment', message: '无有效预约' },
          { code: 'unknownVehicle', message: '未备案车辆' },
        ],
      });
      await loginAll();
      expect(await listIds(park)).toContain(gate.alarmId);
      expect(await listIds(officer)).toContain(gate.alarmId);
      expect(await listIds(firm)).not.toContain(gate.alarmId);
      expect(await listIds(streetUser)).not.toContain(gate.alarmId);
      expect((await firm.get(`/api/safety/alarms/${gate.alarmId}`)).statusCode).toBe(404);
      expect((await streetUser.get(`/api/safety/alarms/${gate.alarmId}`)).statusCode).toBe(404);
      expect((await firm.send('POST', `/api/safety/alarms/${gate.alarmId}/acknowledge`, {})).statusCode).toBe(404);
      const detail = (await park.get(`/api/safety/alarms/${gate.alarmId}`)).json<SafetyAlarmDetail>();
      expect(detail).toMatchObject({
        plate: '闽D88888',
        rule: 'gate',
        checkpointName: '1号卡口',
        enterpriseId: null,
        enterpriseName: null,
        pointId: null,
        deviceId: null,
      });
      expect(detail.can.openHazard).toBe(false);
      // the findings read in the timeline (and in `findings` once the detail schema carries them)
      expect(detail.events[0]).toMatchObject({ kind: 'raised', note: '无有效预约；未备案车辆' });
      // the open alarms of the live page and the map do not break on it
      const open = await park.get('/api/safety/map/alarms');
      expect(open.statusCode).toBe(200);
      expect(open.json<{ items: AlarmSummary[] }>().items.map((a) => a.id)).toContain(gate.alarmId);
      expect((await firm.get('/api/safety/map/alarms')).json<{ items: AlarmSummary[] }>().items.map((a) => a.id)).not.toContain(gate.alarmId);
      expect((await park.get('/api/safety/map')).statusCode).toBe(200);
      // search by plate or checkpoint, filter by rule
      expect(await listIds(park, `&q=${encodeURIComponent('D888')}`)).toEqual([gate.alarmId]);
      expect(await listIds(park, `&q=${encodeURIComponent('1号卡口')}`)).toEqual([gate.alarmId]);
      expect(await listIds(park, '&rule=gate')).toEqual([gate.alarmId]);
      // no hazard from a park-level alarm (a hazard belongs to an enterprise)
      expect((await park.send('POST', `/api/safety/alarms/${gate.alarmId}/hazard`, { grade: 'general' })).statusCode).toBe(400);
    });

    it("an enterprise's vehicle alarm is seen by that enterprise and its street", async () => {
      const [a] = await queryRows<{ id: string }>(db(), sql`select id from safety_alarms where plate = '闽E12345' and rule = 'overspeed'`);
      await loginAll();
      expect(await listIds(firm)).toContain(a!.id);
      expect(await listIds(streetUser)).toContain(a!.id);
      expect(await listIds(park)).toContain(a!.id);
      const detail = (await firm.get(`/api/safety/alarms/${a!.id}`)).json<SafetyAlarmDetail>();
      expect(detail).toMatchObject({ plate: '闽E12345', enterpriseName: '古雷石化有限公司', geofenceName: '危化品专用道' });
    });

    it('a park-level alarm escalates straight to the duty officers; an enterprise vehicle alarm to the enterprise first', async () => {
      const saved = await officer.send('PUT', '/api/safety/escalation', { enterpriseMinutes: 5, dutyMinutes: 15, dutyUserIds: [] });
      expect(saved.statusCode).toBe(200);
      const lost = await alarms.raise({ plate: '闽D66666', rule: 'positionLost', level: 'yellow', at: now(), vehicleId: null, enterpriseId: null, value: 12 });
      const own = await alarms.raise({
        plate: '闽E12345',
        rule: 'parkedOutside',
        level: 'yellow',
        at: now(),
        vehicleId: ids.vehicle,
        enterpriseId: ids.e1,
        value: 20,
        threshold: 15,
      });
      // everything else raised earlier is acknowledged out of the way
      await queryRows(
        db(),
        sql`update safety_alarms set status = 'acknowledged' where id <> all(${sql.param([lost.alarmId, own.alarmId])}::uuid[]) returning id`,
      );
      const inbox = (userId: string, alarmId: string) =>
        count(sql`select count(*)::int as n from notifications where user_id = ${userId} and link = ${`/safety/alarms?alarm=${alarmId}`}`);
      env.clock.advance(4 * MINUTE);
      await app.safety.alarms.escalate(now());
      expect(await inbox(ids.officer, lost.alarmId)).toBe(0);
      env.clock.advance(2 * MINUTE);
      await app.safety.alarms.escalate(now());
      expect(await inbox(ids.officer, lost.alarmId)).toBe(1);
      expect(await inbox(ids.firm, lost.alarmId)).toBe(0);
      expect(await inbox(ids.firm, own.alarmId)).toBe(1);
      expect(await inbox(ids.officer, own.alarmId)).toBe(0);
      const escalated = await queryRows<{ note: string }>(
        db(),
        sql`select note from safety_alarm_events where alarm_id = ${lost.alarmId} and kind = 'escalated' order by id`,
      );
      expect(escalated.map((e) => e.note)).toEqual(['2']);
      const [note] = await queryRows<{ title: string }>(
        db(),
        sql`select title from notifications where user_id = ${ids.officer} and link like ${`%${lost.alarmId}`}`,
      );
      expect(note!.title).toContain('闽D66666');
      env.clock.advance(10 * MINUTE);
      await app.safety.alarms.escalate(now());
      expect(await inbox(ids.officer, lost.alarmId)).toBe(1);
      expect(await inbox(ids.officer, own.alarmId)).toBe(1);
      expect(await inbox(ids.firm, own.alarmId)).toBe(1);
    });

    it('acknowledge, handle and close through the API, audited; batch acknowledge; a raise after closing is a new alarm', async () => {
      await loginAll();
      const gate = await alarms.raise({
        plate: '闽D12121',
        rule: 'gate',
        level: 'orange',
        at: now(),
        vehicleId: null,
        enterpriseId: null,
        checkpointId: ids.checkpoint,
      });
      const ack = await park.send('POST', `/api/safety/alarms/${gate.alarmId}/acknowledge`, { note: '已通知卡口' });
      expect(ack.statusCode).toBe(200);
      expect(ack.json<SafetyAlarmDetail>()).toMatchObject({ status: 'acknowledged', acknowledgedByName: '封闭化管理员' });
      const handled = await park.send('POST', `/api/safety/alarms/${gate.alarmId}/handle`, { note: '车辆已劝返' });
      expect(handled.json<SafetyAlarmDetail>()).toMatchObject({ status: 'handled', handleNote: '车辆已劝返' });
      // the condition still holds: not closed
      expect((await park.send('POST', `/api/safety/alarms/${gate.alarmId}/close`, {})).statusCode).toBe(409);
      expect(await alarms.clear({ plate: '闽D12121', rule: 'gate' }, now())).toBe(true);
      const closed = await park.send('POST', `/api/safety/alarms/${gate.alarmId}/close`, { note: '已处理' });
      expect(closed.statusCode).toBe(200);
      expect(closed.json<SafetyAlarmDetail>()).toMatchObject({ status: 'closed', closeNote: '已处理' });
      for (const action of ['acknowledge', 'handle', 'close'])
        expect(await count(sql`select count(*)::int as n from audit_log where action = ${`safety.alarm.${action}`} and entity_id = ${gate.alarmId}`)).toBe(1);
      expect(await alarms.openKeys()).not.toContainEqual(expect.objectContaining({ plate: '闽D12121' }));
      const again = await alarms.raise({ plate: '闽D12121', rule: 'gate', level: 'orange', at: now(), vehicleId: null, enterpriseId: null });
      expect(again.created).toBe(true);
      expect(again.alarmId).not.toBe(gate.alarmId);

      // batch acknowledge: the enterprise user may not touch a park-level alarm; the park officer acknowledges both
      const other = await alarms.raise({ plate: '闽D34343', rule: 'overstay', level: 'blue', at: now(), vehicleId: null, enterpriseId: null, value: 45 });
      expect((await firm.send('POST', '/api/safety/alarms/acknowledge', { ids: [again.alarmId, other.alarmId] })).statusCode).toBe(404);
      const batch = await park.send('POST', '/api/safety/alarms/acknowledge', { ids: [again.alarmId, other.alarmId], note: '批量确认' });
      expect(batch.statusCode).toBe(200);
      expect(batch.json<{ acknowledged: string[] }>().acknowledged.sort()).toEqual([again.alarmId, other.alarmId].sort());
    });

    it('an enterprise user opens a hazard from its own vehicle alarm', async () => {
      const [a] = await queryRows<{ id: string }>(db(), sql`select id from safety_alarms where plate = '闽E12345' and rule = 'parkedOutside'`);
      await loginAll();
      const res = await firm.send('POST', `/api/safety/alarms/${a!.id}/hazard`, { grade: 'general' });
      expect(res.statusCode).toBe(200);
      expect(res.json<SafetyAlarmDetail>().hazardItemId).not.toBeNull();
    });

    it('the sensor engine ignores closed-park alarms: its jobs and a restart leave them alone', async () => {
      const before = await queryRows<{ id: string; cleared: boolean; closed: boolean }>(
        db(),
        sql`select id, cleared_at is not null as cleared, closed_at is not null as closed from safety_alarms where plate is not null order by id`,
      );
      await app.safety.alarms.checkStale(now());
      await app.safety.alarms.escalate(now());
      const second = await env.start();
      await second.safety.alarms.checkStale(now());
      await second.safety.alarms.engine.idle();
      const after = await queryRows<{ id: string; cleared: boolean; closed: boolean }>(
        db(),
        sql`select id, cleared_at is not null as cleared, closed_at is not null as closed from safety_alarms where plate is not null order by id`,
      );
      expect(after).toEqual(before);
    });

    it('exports closed-park alarms with plate, checkpoint and findings', async () => {
      await loginAll();
      const res = await park.get('/api/safety/alarms/export?rule=gate');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX_MIME);
    });
  });
}
