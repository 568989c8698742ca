// Closed-park registry (issue 8): checkpoints with lanes and devices, carriers, vehicles (plates normalised and
// checked, new-energy plates accepted), people (qualification required for drivers and escorts), white/black lists
// and position terminals (one active terminal per vehicle and protocol). Unique conflicts answer their codes and
// change nothing; contact data is masked for a reader without field permissions; every write is audited and
// announces {kind:'park', what:'registry'}; enterprise users may not change the registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  completeUscc,
  type AccessListEntry,
  type Carrier,
  type Page,
  type ParkCheckpoint,
  type ParkPerson,
  type ParkVehicle,
  type PositionTerminal,
} from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, roles, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { eq } from 'drizzle-orm';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const R = '/api/park/registry';

for (const engine of engines()) {
  describe(`park registry on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let reader: Client;
    let firm: Client;
    const ids = { e1: '', carrier: '', vehicle: '', driver: '', checkpoint: '' };
    const notices: string[] = [];

    const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(env.database.db, q))[0]!.n;

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const d = env.database.db;
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const [e1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA4000001') })
        .returning();
      ids.e1 = e1!.id;
      await d.insert(roles).values({ code: 'parkReader', name: '只读', permissions: ['park.read'], dataScope: 'all' });
      await buildUser(d, { username: 'fengbi2', unitId: root.id, roles: ['parkOfficer'] });
      await buildUser(d, { username: 'preader', unitId: root.id, roles: ['parkReader'] });
      const f = await buildUser(d, { username: 'pfirm', unitId: root.id, roles: ['enterpriseUser'] });
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, f.id));
      officer = await login(app.app, 'fengbi2');
      reader = await login(app.app, 'preader');
      firm = await login(app.app, 'pfirm');
      app.safety.events.on((e) => {
        if (e.kind === 'park') notices.push(e.what);
      });
    });
    afterAll(() => env?.close());

    it('checkpoints: default categories by kind, lanes, devices on a lane, unique code and serial number', async () => {
      const res = await officer.send('POST', `${R}/checkpoints`, {
        code: 'KK-01',
        name: '1号危化品专用卡口',
        kind: 'dedicated',
        lanes: [
          { code: 'L1', name: '入口车道', direction: 'in' },
          { code: 'L2', name: '出口车道', direction: 'out' },
        ],
      });
      expect(res.statusCode).toBe(200);
      const cp = res.json<ParkCheckpoint>();
      expect(cp.allowedCategories).toEqual(['hazmat', 'hazardousWaste', 'emergency']);
      expect(cp.open).toBe(true);
      ids.checkpoint = cp.id;
      const emergency = (await officer.send('POST', `${R}/checkpoints`, { code: 'KK-09', name: '应急通道', kind: 'emergency' })).json<ParkCheckpoint>();
      expect(emergency.open).toBe(false);
      const dup = await officer.send('POST', `${R}/checkpoints`, { code: 'KK-01', name: 'x', kind: 'general' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'CHECKPOINT_CODE_TAKEN', details: [{ path: 'body.code' }] });

      const dev = { checkpointId: cp.id, laneCode: 'L1', kind: 'anpr', serialNo: 'DS-2CD001', direction: 'in', name: '入口抓拍' };
      expect((await officer.send('POST', `${R}/devices`, dev)).statusCode).toBe(200);
      const taken = await officer.send('POST', `${R}/devices`, { ...dev, laneCode: 'L2', direction: 'out' });
      expect(taken.json()).toMatchObject({ code: 'GATE_DEVICE_TAKEN' });
      const wrongLane = await officer.send('POST', `${R}/devices`, { ...dev, serialNo: 'X2', direction: 'out' });
      expect(wrongLane.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.direction' }] });
      const list = (await reader.get(`${R}/checkpoints?kind=dedicated`)).json<Page<ParkCheckpoint>>();
      expect(list.total).toBe(1);
      expect(list.items[0]!.devices.map((x) => x.serialNo)).toEqual(['DS-2CD001']);
      // a lane carrying a device cannot be removed
      const drop = await officer.send('PATCH', `${R}/checkpoints/${cp.id}`, { lanes: [{ code: 'L2', name: '出口车道', direction: 'out' }] });
      expect(drop.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.lanes' }] });
    });

    it('carriers: unique licence; vehicles: plates normalised and checked (new-energy accepted), unique', async () => {
      const c = await officer.send('POST', `${R}/carriers`, {
        name: '漳州危运物流有限公司',
        licenceNo: '闽交运管许可漳字350600001号',
        licenceExpiresOn: '2026-12-10',
        contactName: '李四',
        contactPhone: '13800001111',
      });
      expect(c.statusCode).toBe(200);
      expect(c.json<Carrier>().licenceState).toBe('expiring');
      ids.carrier = c.json<Carrier>().id;
      const dupLicence = await officer.send('POST', `${R}/carriers`, { name: '另一家', licenceNo: '闽交运管许可漳字350600001号' });
      expect(dupLicence.statusCode).toBe(409);
      expect(dupLicence.json()).toMatchObject({ code: 'CARRIER_LICENCE_TAKEN' });

      const bad = await officer.send('POST', `${R}/vehicles`, { plate: '闽E-12O45', category: 'hazmat' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ code: 'PLATE_INVALID', details: [{ path: 'body.plate' }] });
      const ok = await officer.send('POST', `${R}/vehicles`, {
        plate: '闽e·12345',
        category: 'hazmat',
        body: 'tank',
        carrierId: ids.carrier,
        hazmatClasses: ['3', '8'],
        transportCertNo: '350600123456',
        transportCertExpiresOn: '2027-06-30',
      });
      expect(ok.statusCode).toBe(200);
      const v = ok.json<ParkVehicle>();
      expect(v).toMatchObject({ plate: '闽E12345', plateKind: 'ordinary', certState: 'valid', carrierName: '漳州危运物流有限公司' });
      ids.vehicle = v.id;
      const ne = await officer.send('POST', `${R}/vehicles`, { plate: '闽ED12345', category: 'ordinary' });
      expect(ne.statusCode).toBe(200);
      expect(ne.json<ParkVehicle>().plateKind).toBe('newEnergy');
      const taken = await officer.send('POST', `${R}/vehicles`, { plate: '闽E 12345', category: 'cargo' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'PLATE_TAKEN', details: [{ path: 'body.plate' }] });
      expect(await count(sql`select count(*)::int as n from park_vehicles`)).toBe(2);
      const filtered = (await reader.get(`${R}/vehicles?hazmatClass=3&carrierId=${ids.carrier}`)).json<Page<ParkVehicle>>();
      expect(filtered.items.map((x) => x.plate)).toEqual(['闽E12345']);
    });

    it('people: drivers need a qualification; person codes unique; masking for a reader without field permissions', async () => {
      const missing = await officer.send('POST', `${R}/people`, { kind: 'driver', name: '王五', carrierId: ids.carrier });
      expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(missing.json<{ details: { path: string }[] }>().details.map((x) => x.path)).toEqual(['body.qualificationNo', 'body.qualificationExpiresOn']);
      const res = await officer.send('POST', `${R}/people`, {
        kind: 'driver',
        name: '王五',
        idNumber: '350623199001011234',
        phone: '13900002222',
        carrierId: ids.carrier,
        qualificationNo: 'CY350600001',
        qualificationExpiresOn: '2026-11-01',
        personCode: 'P0001',
      });
      expect(res.statusCode).toBe(200);
      const person = res.json<ParkPerson>();
      expect(person.qualificationState).toBe('expired');
      // the park officer holds field.phone and field.personName but not field.uscc
      expect(person.name).toBe('王五');
      expect(person.idNumber).toBe('3506**********1234');
      ids.driver = person.id;
      const dup = await officer.send('POST', `${R}/people`, { kind: 'visitor', name: '访客', personCode: 'P0001' });
      expect(dup.json()).toMatchObject({ code: 'PERSON_CODE_TAKEN' });
      const seen = (await reader.get(`${R}/people`)).json<Page<ParkPerson>>().items[0]!;
      expect(seen).toMatchObject({ name: '王*', phone: '139****2222', idNumber: '3506**********1234' });
      const carrier = (await reader.get(`${R}/carriers/${ids.carrier}`)).json<Carrier>();
      expect(carrier).toMatchObject({ contactName: '李*', contactPhone: '138****1111', vehicles: 1, people: 1 });
      // sending the mask back keeps the stored value; another masked value is refused
      const keep = await officer.send('PATCH', `${R}/people/${ids.driver}`, { idNumber: '3506**********1234', qualificationExpiresOn: '2027-12-31' });
      expect(keep.statusCode).toBe(200);
      const [stored] = await queryRows<{ idNumber: string }>(env.database.db, sql`select id_number as "idNumber" from park_people where id = ${ids.driver}`);
      expect(stored!.idNumber).toBe('350623199001011234');
      const refused = await officer.send('PATCH', `${R}/people/${ids.driver}`, { idNumber: '1234**********9999' });
      expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.idNumber' }] });
      const expired = (await reader.get(`${R}/people?qualificationState=expired`)).json<Page<ParkPerson>>();
      expect(expired.total).toBe(0);
    });

    it('white and black lists: reason and validity, effective, revoke', async () => {
      const bad = await officer.send('POST', `${R}/lists`, { list: 'black', subjectKind: 'vehicle', plate: 'ABC', reason: '违规' });
      expect(bad.json()).toMatchObject({ code: 'PLATE_INVALID' });
      const noReason = await officer.send('POST', `${R}/lists`, { list: 'black', subjectKind: 'vehicle', plate: '闽E12345', reason: '' });
      expect(noReason.statusCode).toBe(400);
      const now = env.clock.now().getTime();
      const e = await officer.send('POST', `${R}/lists`, {
        list: 'black',
        subjectKind: 'vehicle',
        plate: '闽e12345',
        reason: '多次违规停放',
        validTo: new Date(now + 7 * 86_400_000).toISOString(),
      });
      expect(e.statusCode).toBe(200);
      const entry = e.json<AccessListEntry>();
      expect(entry).toMatchObject({ plate: '闽E12345', effective: true });
      const future = await officer.send('POST', `${R}/lists`, {
        list: 'white',
        subjectKind: 'person',
        personId: ids.driver,
        reason: '驻场司机',
        validFrom: new Date(now + 86_400_000).toISOString(),
      });
      expect(future.json<AccessListEntry>()).toMatchObject({ effective: false, personName: '王五' });
      expect((await reader.get(`${R}/lists?effective=true`)).json<Page<AccessListEntry>>().total).toBe(1);
      const revoked = await officer.send('POST', `${R}/lists/${entry.id}/revoke`);
      expect(revoked.json<AccessListEntry>()).toMatchObject({ effective: false });
      expect(revoked.json<AccessListEntry>().revokedAt).not.toBeNull();
      expect((await reader.get(`${R}/lists?effective=true`)).json<Page<AccessListEntry>>().total).toBe(0);
    });

    it('terminals: an OsmAnd phone bound at the gate; one active terminal per vehicle and protocol; unbind, revoke', async () => {
      const t = await officer.send('POST', `${R}/terminals`, { identifier: 'gate-phone-01', vehicleId: ids.vehicle });
      expect(t.statusCode).toBe(200);
      const term = t.json<PositionTerminal>();
      expect(term).toMatchObject({ protocol: 'osmand', plate: '闽E12345', revokedAt: null });
      const again = await officer.send('POST', `${R}/terminals`, { identifier: 'gate-phone-01', vehicleId: ids.vehicle });
      expect(again.json()).toMatchObject({ code: 'TERMINAL_TAKEN', details: [{ path: 'body.identifier' }] });
      const second = await officer.send('POST', `${R}/terminals`, { identifier: 'gate-phone-02', vehicleId: ids.vehicle });
      expect(second.json()).toMatchObject({ code: 'TERMINAL_TAKEN', details: [{ path: 'body.vehicleId' }] });
      expect((await reader.get(`${R}/vehicles/${ids.vehicle}`)).json<ParkVehicle>().terminals).toEqual([
        { id: term.id, protocol: 'osmand', identifier: 'gate-phone-01' },
      ]);
      expect((await officer.send('POST', `${R}/terminals/${term.id}/unbind`)).json<PositionTerminal>().vehicleId).toBeNull();
      const bound = await officer.send('POST', `${R}/terminals`, { identifier: 'gate-phone-02', vehicleId: ids.vehicle });
      expect(bound.statusCode).toBe(200);
      const rebind = await officer.send('POST', `${R}/terminals/${term.id}/bind`, { vehicleId: ids.vehicle });
      expect(rebind.json()).toMatchObject({ code: 'TERMINAL_TAKEN' });
      const rev = await officer.send('POST', `${R}/terminals/${bound.json<PositionTerminal>().id}/revoke`);
      expect(rev.json<PositionTerminal>().revokedAt).not.toBeNull();
      expect((await officer.send('POST', `${R}/terminals/${term.id}/bind`, { vehicleId: ids.vehicle })).statusCode).toBe(200);
      expect((await reader.get(`${R}/terminals?protocol=osmand&revoked=false`)).json<Page<PositionTerminal>>().total).toBe(1);
    });

    it('writes are the park officer’s: readers get 403, enterprise users too; exports; audit and notices', async () => {
      expect((await reader.send('POST', `${R}/carriers`, { name: 'x', licenceNo: 'y' })).statusCode).toBe(403);
      expect((await firm.get(`${R}/vehicles`)).statusCode).toBe(403);
      const xlsx = await reader.get(`${R}/people/export`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((await reader.get(`${R}/vehicles/export?category=hazmat`)).statusCode).toBe(200);
      expect((await reader.get(`${R}/checkpoints/export`)).statusCode).toBe(200);
      expect((await reader.get(`${R}/carriers/export`)).statusCode).toBe(200);
      expect((await reader.get(`${R}/lists/export`)).statusCode).toBe(200);
      expect((await reader.get(`${R}/terminals/export`)).statusCode).toBe(200);
      const actions = await queryRows<{ action: string }>(
        env.database.db,
        sql`select distinct action from audit_log where action like 'park.%' and result = 'success' order by action`,
      );
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'park.carrier.create',
          'park.checkpoint.create',
          'park.device.create',
          'park.list.create',
          'park.list.revoke',
          'park.person.create',
          'park.person.update',
          'park.terminal.create',
          'park.terminal.unbind',
          'park.terminal.revoke',
          'park.terminal.bind',
          'park.vehicle.create',
          'park.person.export',
        ]),
      );
      // soft delete: the plate is free again
      const v = (await reader.get(`${R}/vehicles?q=ED12345`)).json<Page<ParkVehicle>>().items[0]!;
      expect((await officer.send('DELETE', `${R}/vehicles/${v.id}`)).statusCode).toBe(200);
      expect((await officer.send('POST', `${R}/vehicles`, { plate: '闽ED12345', category: 'ordinary' })).statusCode).toBe(200);
      expect((await officer.send('DELETE', `${R}/carriers/${ids.carrier}`)).statusCode).toBe(409);
      // notices arrive on commit (pg_notify through the LISTEN connection)
      for (let i = 0; i < 50 && !notices.includes('registry'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(notices).toContain('registry');
    });
  });
}
