// Gate events (issue 8) in the vendors' real formats (gate-fixtures.ts): an ISAPI ANPR multipart with two JPEGs
// becomes one pass with its images, a replay is answered 200 and not processed again, broken multipart / XML / JSON
// are refused with nothing stored, an image over the limit is dropped and noted, face events count people in and
// out, platform checkpoint passes are checked against appointments, the blacklist and qualifications (one `gate`
// alarm per plate, occurrences counted), visits open and close with the in-park counts, and spool rows left pending
// by a crash are processed by drain() on a new instance.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { completeUscc, type GatePass, type GatePassDetail, type Page, type ParkCounts, type ParkVisit } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import {
  carriers,
  checkpointDevices,
  checkpoints,
  enterprises,
  entryAppointments,
  gateEventSpool,
  parkAccessLists,
  parkPeople,
  parkVehicles,
} from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { accessControllerEvent, anprMultipart, anprXml, jpegBytes, multipartBody, onEventNotifyAcs, onEventNotifyMpc } from './gate-fixtures.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const MAX_IMAGE = 8192;
const MAX_BYTES = 131_072;

for (const engine of engines()) {
  describe(`gate events on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let token = '';
    const ids = { cpDedicated: '', cpGeneral: '', e1: '', carrier: '', okDriver: '', expiredDriver: '', escort: '' };

    const db = () => env.database.db;
    const post = (path: 'isapi' | 'platform', payload: Buffer | string, contentType: string, tok = token) =>
      app.app.inject({ method: 'POST', url: `/api/gate/${tok}/${path}`, headers: { 'content-type': contentType }, payload });
    const postJson = (path: 'isapi' | 'platform', body: unknown) => post(path, JSON.stringify(body), 'application/json');
    const settle = () => app.park.gate.drain();
    const count = async (table: string) => (await queryRows<{ n: number }>(db(), sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
    const passesOf = async (plate: string) => (await officer.get(`/api/park/passes?plate=${encodeURIComponent(plate)}`)).json<Page<GatePass>>().items;
    const counts = async () => (await officer.get('/api/park/visits/counts')).json<ParkCounts>();
    const gateAlarms = (plate: string) =>
      queryRows<{ level: string; occurrences: number; checkpointId: string | null; appointmentId: string | null; enterpriseId: string | null }>(
        db(),
        sql`select level, occurrences, checkpoint_id as "checkpointId", appointment_id as "appointmentId", enterprise_id as "enterpriseId"
          from safety_alarms where rule = 'gate' and plate = ${plate}`,
      );

    async function vehicle(plate: string, category: string) {
      const [v] = await db()
        .insert(parkVehicles)
        .values({ plate, category, carrierId: ids.carrier, hazmatClasses: ['3'], transportCertExpiresOn: '2028-01-01' })
        .returning();
      return v!.id;
    }
    async function appointment(plate: string, vehicleId: string, driverId: string, status = 'approved', code = `YY${plate}`) {
      await db()
        .insert(entryAppointments)
        .values({
          code,
          carrierId: ids.carrier,
          vehicleId,
          plate,
          driverId,
          escortId: ids.escort,
          cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
          waybillNo: `WB${plate}`,
          enterpriseId: ids.e1,
          windowStart: new Date('2026-11-23T00:00:00Z'),
          windowEnd: new Date('2026-11-23T04:00:00Z'),
          status,
        });
    }

    beforeAll(async () => {
      env = await createEnv(engine, { GATE_MAX_IMAGE_BYTES: String(MAX_IMAGE), GATE_MAX_BYTES: String(MAX_BYTES) });
      app = await env.start();
      const d = db();
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const street = await buildUnit(d, { name: '古雷街道', parentId: root.id, kind: 'street' });
      await buildUser(d, { username: 'fengbi1', unitId: root.id, roles: ['parkOfficer'], displayName: '卡口管理员' });
      officer = await login(app.app, 'fengbi1');
      const [e1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA3000001'), streetId: street.id })
        .returning();
      ids.e1 = e1!.id;
      const [cpD] = await d.insert(checkpoints).values({ code: 'KK01', name: '危化品专用卡口', kind: 'dedicated' }).returning();
      const [cpG] = await d.insert(checkpoints).values({ code: 'KK02', name: '综合卡口', kind: 'general' }).returning();
      ids.cpDedicated = cpD!.id;
      ids.cpGeneral = cpG!.id;
      await d.insert(checkpointDevices).values([
        {
          checkpointId: ids.cpGeneral,
          kind: 'anpr',
          vendor: 'hikvisionIsapi',
          serialNo: '44:19:b6:6f:2b:1c',
          direction: 'in',
          name: '综合卡口入口抓拍',
          laneCode: 'L1',
        },
        { checkpointId: ids.cpGeneral, kind: 'face', vendor: 'hikvisionIsapi', serialNo: 'a4:d5:c2:11:22:33', direction: 'in', name: '入口人脸门禁' },
        { checkpointId: ids.cpGeneral, kind: 'face', vendor: 'hikvisionIsapi', serialNo: 'a4:d5:c2:11:22:34', direction: 'out', name: '出口人脸门禁' },
        { checkpointId: ids.cpDedicated, kind: 'anpr', vendor: 'hikvisionPlatform', serialNo: 'mpc-in-01', direction: 'in', name: '专用卡口入口' },
        { checkpointId: ids.cpDedicated, kind: 'anpr', vendor: 'hikvisionPlatform', serialNo: 'mpc-out-01', direction: 'out', name: '专用卡口出口' },
        { checkpointId: ids.cpDedicated, kind: 'accessControl', vendor: 'hikvisionPlatform', serialNo: 'door-01', direction: 'in', name: '专用卡口门禁' },
      ]);
      const [c] = await d
        .insert(carriers)
        .values({ name: '漳州危运有限公司', licenceNo: '闽交运管许可漳字350600001号', licenceExpiresOn: '2027-12-31' })
        .returning();
      ids.carrier = c!.id;
      const people = await d
        .insert(parkPeople)
        .values([
          { kind: 'driver', name: '王师傅', carrierId: ids.carrier, qualificationNo: 'Q1', qualificationExpiresOn: '2028-06-30' },
          { kind: 'driver', name: '赵师傅', carrierId: ids.carrier, qualificationNo: 'Q2', qualificationExpiresOn: '2026-11-01' },
          { kind: 'escort', name: '钱押运', carrierId: ids.carrier, qualificationNo: 'Q3', qualificationExpiresOn: '2028-06-30' },
          { kind: 'staff', name: '孙工', personCode: 'EMP1001' },
        ])
        .returning();
      ids.okDriver = people[0]!.id;
      ids.expiredDriver = people[1]!.id;
      ids.escort = people[2]!.id;

      const res = await officer.send('POST', '/api/park/gate/token', {});
      expect(res.statusCode).toBe(200);
      token = res.json<{ token: string }>().token;
      expect((await officer.get('/api/park/gate/token')).json()).toMatchObject({ configured: true, hint: token.slice(-4) });
    });

    afterAll(async () => {
      await env?.close();
    });

    it('refuses an unknown token with 401 and counts it', async () => {
      const { body, contentType } = anprMultipart({ plate: '闽A88888', uuid: 'tok-1' });
      const res = await post('isapi', body, contentType, 'zsg_not-the-token');
      expect(res.statusCode).toBe(401);
      await app.park.gate.intake.flush();
      const rej = (await officer.get('/api/park/gate/rejections?reason=unknownToken')).json<Page<{ count: number }>>();
      expect(rej.items[0]!.count).toBeGreaterThanOrEqual(1);
      expect(await count('gate_event_spool')).toBe(0);
    });

    it('stores an ANPR multipart with two JPEGs as one pass with its images; a replay is answered 200 and not processed again', async () => {
      const images = [jpegBytes(1500, 0x41), jpegBytes(2500, 0x42)];
      const { body, contentType } = anprMultipart({ plate: '闽A88888', uuid: 'anpr-1', images });
      const res = await post('isapi', body, contentType);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, stored: 1, duplicates: 0, unsupported: 0 });
      await settle();
      const [pass] = await passesOf('闽A88888');
      expect(pass).toMatchObject({
        source: 'isapiAnpr',
        kind: 'vehicle',
        result: 'allowed',
        direction: 'in',
        plate: '闽A88888',
        checkpointId: ids.cpGeneral,
        laneCode: 'L1',
        confidence: 96,
        imageCount: 2,
        imagesDropped: 0,
        deviceTime: FIXED_NOW.toISOString(),
        findings: [],
      });
      const img = await officer.get(`/api/park/passes/${pass!.id}/images/1`);
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(img.rawPayload, images[1]!)).toBe(0);
      expect((await officer.get(`/api/park/passes/${pass!.id}/images/2`)).statusCode).toBe(404);
      expect(existsSync(join(env.config.dataDir, 'gate-images'))).toBe(true);

      const again = await post('isapi', body, contentType);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ stored: 0, duplicates: 1 });
      await settle();
      expect(await passesOf('闽A88888')).toHaveLength(1);
      expect((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from gate_event_spool where source = 'isapiAnpr'`))[0]!.n).toBe(1);
      // The replay's images were never written: two files on disk.
      const files = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === '.tmp' ? [] : files(join(dir, e.name))) : [e.name]));
      expect(files(join(env.config.dataDir, 'gate-images'))).toHaveLength(2);
      // A pass without images needs park.read to be seen at all.
      expect((await app.app.inject({ method: 'GET', url: `/api/park/passes/${pass!.id}/images/0` })).statusCode).toBe(401);
    });

    it('refuses broken multipart, XML and JSON with 400 GATE_EVENT_INVALID and stores nothing', async () => {
      const before = await count('gate_event_spool');
      const { body, contentType } = anprMultipart({ plate: '闽A66666', uuid: 'broken-1' });
      const truncated = body.subarray(0, body.length - 400);
      const brokenXml = anprXml({ plate: '闽A66666', uuid: 'broken-2' }).replace('</ANPR>', '</ANPRX>');
      const cases = [
        await post('isapi', truncated, contentType),
        await post('isapi', body, 'multipart/form-data'),
        await post(
          'isapi',
          multipartBody([{ name: 'anpr.xml', filename: 'anpr.xml', contentType: 'text/xml', data: brokenXml }]).body,
          multipartBody([]).contentType,
        ),
        await post('isapi', brokenXml, 'application/xml'),
        await post('isapi', '{"eventType":"AccessControllerEvent",', 'application/json'),
        await post('platform', '{"method":"OnEventNotify","params":{"ability":"event_mpc","events":[{', 'application/json'),
        await postJson('platform', { method: 'OnEventNotify', params: { ability: 'event_mpc', events: [{ eventType: 1157632001 }] } }),
        await post('isapi', '<!DOCTYPE x [<!ENTITY a "aaaa">]><EventNotificationAlert>&a;</EventNotificationAlert>', 'application/xml'),
      ];
      for (const res of cases) {
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'GATE_EVENT_INVALID' });
      }
      expect(await count('gate_event_spool')).toBe(before);
      await app.park.gate.intake.flush();
      const rej = (await officer.get('/api/park/gate/rejections?reason=invalid')).json<Page<{ count: number }>>();
      expect(rej.items.reduce((s, r) => s + r.count, 0)).toBeGreaterThanOrEqual(cases.length);
    });

    it('drops an image over the limit and notes it on the pass; a body over the limit is a 413', async () => {
      const { body, contentType } = anprMultipart({ plate: '闽A77777', uuid: 'big-1', images: [jpegBytes(1200), jpegBytes(MAX_IMAGE + 500)] });
      expect((await post('isapi', body, contentType)).statusCode).toBe(200);
      await settle();
      const [pass] = await passesOf('闽A77777');
      expect(pass).toMatchObject({ imageCount: 1, imagesDropped: 1 });
      const detail = (await officer.get(`/api/park/passes/${pass!.id}`)).json<GatePassDetail>();
      expect(detail.droppedImages).toEqual([{ name: 'detectionPicture.jpg', reason: 'tooLarge', bytes: MAX_IMAGE + 500 }]);

      const huge = anprMultipart({ plate: '闽A77778', uuid: 'huge-1', images: Array.from({ length: 20 }, () => jpegBytes(MAX_IMAGE - 100)) });
      expect(huge.body.length).toBeGreaterThan(MAX_BYTES);
      const res = await post('isapi', huge.body, huge.contentType);
      expect(res.statusCode).toBe(413);
      expect(await passesOf('闽A77778')).toHaveLength(0);
    });

    it('counts a person in and out from face events (ISAPI AccessControllerEvent and the platform event_acs)', async () => {
      const base = (await counts()).people;
      const inn = await postJson('isapi', accessControllerEvent({ employeeNo: 'EMP1001', serialNo: 3001, name: '孙工' }));
      expect(inn.statusCode).toBe(200);
      await settle();
      expect((await counts()).people).toBe(base + 1);
      // Replayed (same device and serial number): nothing changes.
      expect((await postJson('isapi', accessControllerEvent({ employeeNo: 'EMP1001', serialNo: 3001 }))).json()).toMatchObject({ duplicates: 1 });
      const visits = (await officer.get('/api/park/visits?kind=person')).json<Page<ParkVisit>>();
      expect(visits.items.find((v) => v.personCode === 'EMP1001')).toMatchObject({ personName: '孙工', entryCheckpointName: '综合卡口' });
      const out = await postJson(
        'isapi',
        accessControllerEvent({ employeeNo: 'EMP1001', serialNo: 88, macAddress: 'a4:d5:c2:11:22:34', dateTime: '2026-11-23T09:30:00+08:00' }),
      );
      expect(out.statusCode).toBe(200);
      await settle();
      expect((await counts()).people).toBe(base);

      // The platform: face authentication passed (196893) in; a door opening (198913) is acknowledged, not processed.
      expect((await postJson('platform', onEventNotifyAcs({ eventId: 'ACS-1', srcIndex: 'door-01', personNo: 'V2001' }))).statusCode).toBe(200);
      const door = await postJson('platform', onEventNotifyAcs({ eventId: 'ACS-2', srcIndex: 'door-01', personNo: 'V2001', eventType: 198913 }));
      expect(door.json()).toMatchObject({ stored: 0, unsupported: 1 });
      await settle();
      expect((await counts()).people).toBe(base + 1);
      const persons = (await officer.get('/api/park/passes?kind=person&sort=-receivedAt')).json<Page<GatePass>>();
      expect(persons.items.map((p) => p.personCode)).toContain('V2001');
    });

    it('raises one gate alarm for a hazmat plate without appointment at the dedicated checkpoint; a repeat counts occurrences', async () => {
      await vehicle('闽E12345', 'hazmat');
      expect((await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-1', plate: '闽E12345', srcIndex: 'mpc-in-01' }))).statusCode).toBe(200);
      await settle();
      const [pass] = await passesOf('闽E12345');
      expect(pass).toMatchObject({ source: 'platform', result: 'flagged', direction: 'in', checkpointId: ids.cpDedicated });
      expect(pass!.findings.map((f) => f.code)).toEqual(['noAppointment']);
      let alarms = await gateAlarms('闽E12345');
      expect(alarms).toHaveLength(1);
      expect(alarms[0]).toMatchObject({ level: 'red', occurrences: 1, checkpointId: ids.cpDedicated });

      // The same eventId again: a replay; a new crossing: the same alarm, occurrences 2.
      expect((await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-1', plate: '闽E12345', srcIndex: 'mpc-in-01' }))).json()).toMatchObject({
        duplicates: 1,
      });
      await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-2', plate: '闽E12345', srcIndex: 'mpc-in-01', crossTime: '2026-11-23T09:05:00.000+08:00' }));
      await settle();
      alarms = await gateAlarms('闽E12345');
      expect(alarms).toHaveLength(1);
      expect(alarms[0]!.occurrences).toBe(2);
      expect(await passesOf('闽E12345')).toHaveLength(2);
    });

    it('lets a vehicle with an approved appointment in its window in, opens the visit, counts it, and closes it on exit', async () => {
      const v = await vehicle('闽E23456', 'hazmat');
      await appointment('闽E23456', v, ids.okDriver);
      const before = await counts();
      await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-10', plate: '闽E23456', srcIndex: 'mpc-in-01' }));
      await settle();
      const [pass] = await passesOf('闽E23456');
      expect(pass).toMatchObject({ result: 'allowed', findings: [], appointmentCode: 'YY闽E23456', vehicleCategory: 'hazmat' });
      expect(pass!.visitId).not.toBeNull();
      expect(await gateAlarms('闽E23456')).toHaveLength(0);
      const after = await counts();
      expect(after.vehicles).toBe(before.vehicles + 1);
      expect(after.vehiclesByCategory.find((c) => c.category === 'hazmat')?.count).toBe(
        (before.vehiclesByCategory.find((c) => c.category === 'hazmat')?.count ?? 0) + 1,
      );
      const open = (await officer.get('/api/park/visits?plate=闽E23456')).json<Page<ParkVisit>>();
      expect(open.items).toHaveLength(1);
      expect(open.items[0]).toMatchObject({ appointmentCode: 'YY闽E23456', entryCheckpointName: '危化品专用卡口', exitedAt: null });

      await postJson(
        'platform',
        onEventNotifyMpc({ eventId: 'MPC-11', plate: '闽E23456', srcIndex: 'mpc-out-01', crossTime: '2026-11-23T11:00:00.000+08:00' }),
      );
      await settle();
      expect((await counts()).vehicles).toBe(before.vehicles);
      const closed = (await officer.get('/api/park/visits?plate=闽E23456&open=false')).json<Page<ParkVisit>>();
      expect(closed.items[0]).toMatchObject({ exitedAt: '2026-11-23T03:00:00.000Z', exitCheckpointName: '危化品专用卡口' });

      // Outside the window: flagged, orange.
      await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-12', plate: '闽E23456', srcIndex: 'mpc-in-01', crossTime: '2026-11-23T20:00:00.000+08:00' }));
      await settle();
      const late = (await passesOf('闽E23456')).find((p) => p.deviceTime === '2026-11-23T12:00:00.000Z');
      expect(late).toMatchObject({ result: 'flagged' });
      expect(late!.findings.map((f) => f.code)).toEqual(['outsideWindow']);
      expect(await gateAlarms('闽E23456')).toMatchObject([{ level: 'orange', enterpriseId: ids.e1 }]);
    });

    it('denies a blacklisted vehicle (no visit, red alarm)', async () => {
      const v = await vehicle('闽E34567', 'hazmat');
      await appointment('闽E34567', v, ids.okDriver);
      await db()
        .insert(parkAccessLists)
        .values({ list: 'black', subjectKind: 'vehicle', plate: '闽E34567', reason: '违规装卸', validFrom: new Date('2026-01-01T00:00:00Z') });
      const before = (await counts()).vehicles;
      await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-20', plate: '闽E34567', srcIndex: 'mpc-in-01' }));
      await settle();
      const [pass] = await passesOf('闽E34567');
      expect(pass).toMatchObject({ result: 'denied', visitId: null });
      expect(pass!.findings.map((f) => f.code)).toContain('blacklisted');
      expect((await counts()).vehicles).toBe(before);
      expect(await gateAlarms('闽E34567')).toMatchObject([{ level: 'red', occurrences: 1 }]);
    });

    it('flags an expired driver qualification (orange alarm with the appointment)', async () => {
      const v = await vehicle('闽E45678', 'hazmat');
      await appointment('闽E45678', v, ids.expiredDriver);
      await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-30', plate: '闽E45678', srcIndex: 'mpc-in-01' }));
      await settle();
      const [pass] = await passesOf('闽E45678');
      expect(pass).toMatchObject({ result: 'flagged' });
      expect(pass!.findings).toEqual([{ code: 'qualificationExpired', message: expect.stringContaining('2026-11-01') }]);
      const [alarm] = await gateAlarms('闽E45678');
      expect(alarm).toMatchObject({ level: 'orange', enterpriseId: ids.e1 });
      expect(alarm!.appointmentId).toBe(pass!.appointmentId);
    });

    it('keeps a pass from an unregistered device with no checkpoint and a finding', async () => {
      await postJson('platform', onEventNotifyMpc({ eventId: 'MPC-40', plate: '闽A12121', srcIndex: 'nobody', direction: 'out' }));
      await settle();
      const [pass] = await passesOf('闽A12121');
      expect(pass).toMatchObject({ checkpointId: null, direction: 'out', result: 'allowed' });
      expect(pass!.findings.map((f) => f.code)).toEqual(['unknownDevice']);
    });

    it('exports the filtered passes', async () => {
      const res = await officer.get('/api/park/passes/export?kind=vehicle');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    });

    it('processes spool rows left pending by a crash on a new instance', async () => {
      const now = new Date('2026-11-23T01:30:00Z');
      const payload = (eventId: string, plate: string) => ({
        source: 'platform' as const,
        vendor: 'hikvisionPlatform' as const,
        dedupKey: `platform:${eventId}`,
        deviceKeys: ['mpc-in-01'],
        kind: 'vehicle' as const,
        eventType: '1157632001',
        allowedByDevice: true,
        plate,
        personCode: null,
        personName: null,
        deviceTime: now.toISOString(),
        direction: null,
        confidence: null,
        raw: {},
        droppedImages: [],
      });
      await db()
        .insert(gateEventSpool)
        .values([
          { source: 'platform', dedupKey: 'platform:CRASH-1', receivedAt: now, payload: payload('CRASH-1', '闽A50001') },
          { source: 'platform', dedupKey: 'platform:CRASH-2', receivedAt: now, payload: payload('CRASH-2', '闽A50002') },
        ]);
      const second = await env.start();
      await second.park.gate.drain();
      expect(await passesOf('闽A50001')).toHaveLength(1);
      expect(await passesOf('闽A50002')).toHaveLength(1);
      const pending = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from gate_event_spool where status <> 'done'`);
      expect(pending[0]!.n).toBe(0);
      // Draining again processes nothing twice.
      await app.park.gate.drain();
      expect(await passesOf('闽A50001')).toHaveLength(1);
    });
  });
}
