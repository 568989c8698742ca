// The live vehicle page (issue 8): the snapshot (vehicles with an open visit and their appointment's cargo, vehicles
// seen only by position, counts by category and hazmat class, people in the park, hazmat parking occupancy, open
// closed-park alarms, geofences, the configured map CRS), a vehicle's card (driver and escort masked without the field
// permissions), the track (range limits, thinned to at most 5,000 points keeping both ends, time order), who may see
// it (401 / 403 / 404), and the WebSocket: refused without park.read, `positions` after the sink hears positions,
// `alarm` for a closed-park alarm notice (not for a sensor alarm), `counts` after a visits notice.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eq, sql } from 'drizzle-orm';
import {
  completeUscc,
  parkLiveEventSchema,
  TRACK_MAX_POINTS,
  type AlarmSummary,
  type ParkLiveEvent,
  type ParkLiveSnapshot,
  type VehicleCard,
  type VehicleTrack,
} from '@zoneops/shared';
import type { App } from '../src/app.ts';
import type { StoredPosition } from '../src/modules/park/contracts.ts';
import {
  carriers,
  enterprises,
  entryAppointments,
  geofences,
  parkPeople,
  parkVehicles,
  parkVisits,
  positionTerminals,
  roles,
  safetyAlarms,
  userRoles,
  users,
} from '../src/db/schema.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Live {
  ws: WebSocket;
  messages: ParkLiveEvent[];
  next<T extends ParkLiveEvent['type']>(type: T, match?: (e: Extract<ParkLiveEvent, { type: T }>) => boolean): Promise<Extract<ParkLiveEvent, { type: T }>>;
}

const portOf = (app: App) => (app.app.server.address() as AddressInfo).port;
const wsUrl = (app: App) => `ws://127.0.0.1:${portOf(app)}/api/park/live/ws`;

function upgradeStatus(app: App, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(app), { headers });
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
  const ws = new WebSocket(wsUrl(app), { headers: { cookie: `zo_sid=${client.cookie}` } });
  const messages: ParkLiveEvent[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    // every message the server sends must follow the shared contract
    messages.push(parkLiveEventSchema.parse(JSON.parse(String(data))));
    for (const w of waiters.splice(0)) w();
  });
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
  return { ws, messages, next };
}

/** A square around (lat, lon) of half-side d degrees, as GeoJSON rings. */
const square = (lat: number, lon: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});

for (const engine of engines()) {
  describe(`the live vehicle page on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    const c = {} as Record<'officer' | 'viewer' | 'firm' | 'firmReader', Client>;
    const ids = {
      e1: '',
      carrier: '',
      v1: '',
      v2: '',
      v3: '',
      v4: '',
      v5: '',
      driver: '',
      escort: '',
      ap1: '',
      ap2: '',
      lot: '',
      route: '',
      term1: '',
      alarm: '',
    };
    const db = () => env.database.db;
    const pos = (
      vehicleId: string | null,
      lat: number,
      lon: number,
      tsOffsetMs = 0,
      speedKmh: number | null = 30,
      course: number | null = 90,
    ): StoredPosition => ({
      protocol: 'jt808',
      identifier: '13800000001',
      ts: FIXED_NOW.getTime() + tsOffsetMs,
      lat,
      lon,
      speedKmh,
      course,
      altitudeM: null,
      accuracyM: null,
      alarmFlags: 0,
      status: 0,
      terminalId: ids.term1,
      vehicleId,
      receivedAt: FIXED_NOW.getTime() + tsOffsetMs,
      flags: [],
    });

    beforeAll(async () => {
      env = await createEnv(engine, { MAP_CRS: 'gcj02' });
      app = await env.start();
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      const d = db();
      const root = (await buildUnit(d, { name: '管委会', kind: 'committee' })).id;
      const [e1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化', uscc: completeUscc('91350623MA2000021'), lng: 117.6, lat: 23.76 })
        .returning();
      ids.e1 = e1!.id;
      const [viewerRole] = await d
        .insert(roles)
        .values({ code: 'parkViewer', name: '园区查看', permissions: ['park.read'], dataScope: 'all' })
        .returning();
      const [firmReadRole] = await d
        .insert(roles)
        .values({ code: 'firmParkRead', name: '企业园区查看', permissions: ['park.read'], dataScope: 'self' })
        .returning();
      await buildUser(d, { username: 'fengbi2', unitId: root, roles: ['parkOfficer'] });
      const viewer = await buildUser(d, { username: 'viewer1', unitId: root, roles: [] });
      await d.insert(userRoles).values({ userId: viewer.id, roleId: viewerRole!.id });
      const firm = await buildUser(d, { username: 'firm1', unitId: root, roles: ['enterpriseUser'] });
      const firmReader = await buildUser(d, { username: 'firm2', unitId: root, roles: ['enterpriseUser'] });
      await d.insert(userRoles).values({ userId: firmReader.id, roleId: firmReadRole!.id });
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, firm.id));
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, firmReader.id));
      c.officer = await login(app.app, 'fengbi2');
      c.viewer = await login(app.app, 'viewer1');
      c.firm = await login(app.app, 'firm1');
      c.firmReader = await login(app.app, 'firm2');

      const [carrier] = await d.insert(carriers).values({ name: '漳州危运', licenceNo: '闽交运管许可漳字350600001号' }).returning();
      ids.carrier = carrier!.id;
      const vehicle = async (plate: string, category: string, hazmatClasses: string[] = []) =>
        (await d.insert(parkVehicles).values({ plate, category, carrierId: ids.carrier, hazmatClasses, body: 'tank' }).returning())[0]!.id;
      ids.v1 = await vehicle('闽E12345', 'hazmat', ['3']);
      ids.v2 = await vehicle('闽E23456', 'hazmat', ['2', '8']);
      ids.v3 = await vehicle('闽E34567', 'cargo');
      ids.v4 = await vehicle('闽E45678', 'hazmat', ['3']);
      ids.v5 = await vehicle('闽E56789', 'ordinary');
      const [driver] = await d
        .insert(parkPeople)
        .values({ kind: 'driver', name: '张三丰', phone: '13912340001', qualificationNo: 'QC-001', qualificationExpiresOn: '2027-06-30' })
        .returning();
      const [escort] = await d.insert(parkPeople).values({ kind: 'escort', name: '李四', phone: '13912340002', qualificationNo: 'QC-002' }).returning();
      ids.driver = driver!.id;
      ids.escort = escort!.id;

      const [lot] = await d
        .insert(geofences)
        .values({ kind: 'parking', name: '危化品停车场', geometry: square(23.76, 117.6, 0.001), capacity: 10 })
        .returning();
      ids.lot = lot!.id;
      const [route] = await d
        .insert(geofences)
        .values({
          kind: 'route',
          name: '危化品专用道',
          geometry: {
            type: 'LineString',
            coordinates: [
              [117.59, 23.75],
              [117.61, 23.77],
            ],
          },
          widthM: 30,
        })
        .returning();
      ids.route = route!.id;
      await d.insert(geofences).values({ kind: 'restricted', name: '已删除', geometry: square(23.7, 117.5, 0.001), deletedAt: FIXED_NOW });

      const window = { windowStart: new Date(FIXED_NOW.getTime() - 2 * HOUR), windowEnd: new Date(FIXED_NOW.getTime() + 4 * HOUR) };
      const [ap1] = await d
        .insert(entryAppointments)
        .values({
          code: 'AP-0001',
          carrierId: ids.carrier,
          vehicleId: ids.v1,
          plate: '闽E12345',
          driverId: ids.driver,
          escortId: ids.escort,
          cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
          waybillNo: 'WB-1',
          enterpriseId: ids.e1,
          routeId: ids.route,
          status: 'approved',
          ...window,
        })
        .returning();
      ids.ap1 = ap1!.id;
      const [ap2] = await d
        .insert(entryAppointments)
        .values({
          code: 'AP-0002',
          carrierId: ids.carrier,
          vehicleId: ids.v2,
          plate: '闽E23456',
          driverId: ids.driver,
          cargo: [
            { unNumber: '1075', name: '液化石油气', hazmatClass: '2.1', quantity: 20, unit: 't' },
            { unNumber: '1789', name: '盐酸', hazmatClass: '8', quantity: 5, unit: 't' },
          ],
          waybillNo: 'WB-2',
          enterpriseId: ids.e1,
          status: 'approved',
          ...window,
        })
        .returning();
      ids.ap2 = ap2!.id;
      // v4's appointment is not approved: its cargo does not count
      await d.insert(entryAppointments).values({
        code: 'AP-0003',
        carrierId: ids.carrier,
        vehicleId: ids.v4,
        plate: '闽E45678',
        driverId: ids.driver,
        cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
        waybillNo: 'WB-3',
        enterpriseId: ids.e1,
        status: 'submitted',
        ...window,
      });

      const entered = new Date(FIXED_NOW.getTime() - HOUR);
      await d.insert(parkVisits).values([
        // v1 has no appointment on its visit: the approved one in window is found
        { subjectKind: 'vehicle', plate: '闽E12345', vehicleId: ids.v1, enteredAt: entered },
        { subjectKind: 'vehicle', plate: '闽E23456', vehicleId: ids.v2, appointmentId: ids.ap2, enteredAt: entered },
        { subjectKind: 'vehicle', plate: '闽E34567', vehicleId: ids.v3, enteredAt: entered },
        // an unregistered plate
        { subjectKind: 'vehicle', plate: '粤B99999', enteredAt: entered },
        // v5 left
        { subjectKind: 'vehicle', plate: '闽E56789', vehicleId: ids.v5, enteredAt: entered, exitedAt: FIXED_NOW },
        { subjectKind: 'person', personCode: 'P1', enteredAt: entered },
        { subjectKind: 'person', personCode: 'P2', enteredAt: entered },
        { subjectKind: 'person', personCode: 'P3', enteredAt: entered, exitedAt: FIXED_NOW },
      ]);
      const [term] = await d.insert(positionTerminals).values({ protocol: 'jt808', identifier: '13800000001', vehicleId: ids.v1 }).returning();
      ids.term1 = term!.id;

      // open closed-park alarms (one without an enterprise), a closed one, and a sensor alarm (no plate)
      const [a1] = await d
        .insert(safetyAlarms)
        .values({
          rule: 'overspeed',
          level: 'orange',
          plate: '闽E12345',
          vehicleId: ids.v1,
          enterpriseId: ids.e1,
          raisedAt: FIXED_NOW,
          value: 62,
          threshold: 40,
          lat: 23.76,
          lon: 117.6,
        })
        .returning();
      ids.alarm = a1!.id;
      await d.insert(safetyAlarms).values({ rule: 'gate', level: 'red', plate: '粤B99999', raisedAt: new Date(FIXED_NOW.getTime() - MINUTE) });
      await d.insert(safetyAlarms).values({ rule: 'offRoute', level: 'yellow', plate: '闽E23456', raisedAt: FIXED_NOW, closedAt: FIXED_NOW, status: 'closed' });
      await d.insert(safetyAlarms).values({ rule: 'threshold', level: 'red', enterpriseId: ids.e1, raisedAt: FIXED_NOW });

      // latest positions as the sink hears them: v1 and v4 (no visit) in the lot, v2 outside, v1's older one ignored,
      // v5's last one from before it left (not shown)
      app.park.live.onPositions([
        pos(ids.v1, 23.7601, 117.6001, -MINUTE),
        pos(ids.v1, 23.7602, 117.6002, 0, 12.5, 270),
        pos(ids.v2, 23.77, 117.62),
        pos(ids.v4, 23.7599, 117.5999),
        pos(ids.v5, 23.78, 117.63, -MINUTE),
      ]);

      // v1's stored track: 12,000 positions a second apart over the last 3.3 hours, and one 8 days ago
      await d.execute(sql`insert into vehicle_positions (terminal_id, vehicle_id, ts, received_at, lat, lon, speed_kmh, course)
        select ${ids.term1}::uuid, ${ids.v1}::uuid, ${FIXED_NOW}::timestamptz - make_interval(secs => g), ${FIXED_NOW}::timestamptz, 23.76 + g * 1e-7, 117.6, 20, 45
          from generate_series(0, 11999) g`);
      await d.execute(sql`insert into vehicle_positions (terminal_id, vehicle_id, ts, received_at, lat, lon)
        values (${ids.term1}::uuid, ${ids.v1}::uuid, ${new Date(FIXED_NOW.getTime() - 8 * DAY)}, ${FIXED_NOW}, 23.7, 117.5)`);
    }, 120_000);

    afterAll(async () => {
      await env?.close();
    });

    it('gives the snapshot: vehicles, counts by category and hazmat class, people, occupancy, alarms, geofences', async () => {
      const res = await c.officer.get('/api/park/live');
      expect(res.statusCode).toBe(200);
      const s = res.json<ParkLiveSnapshot>();
      expect(s.at).toBe(FIXED_NOW.toISOString());
      expect(s.mapCrs).toBe('gcj02');
      const byPlate = new Map(s.vehicles.map((v) => [v.plate, v]));
      expect(s.vehicles).toHaveLength(5);
      const v1 = byPlate.get('闽E12345')!;
      expect(v1).toMatchObject({
        key: ids.v1,
        vehicleId: ids.v1,
        category: 'hazmat',
        carrierName: '漳州危运',
        hazmatClasses: ['3'],
        unNumbers: ['1203'],
        appointmentId: ids.ap1,
        appointmentCode: 'AP-0001',
        inPark: true,
        positionOnly: false,
        position: { ts: FIXED_NOW.toISOString(), lat: 23.7602, lon: 117.6002, speedKmh: 12.5, course: 270 },
      });
      expect(byPlate.get('闽E23456')).toMatchObject({ hazmatClasses: ['2.1', '8'], unNumbers: ['1075', '1789'], appointmentId: ids.ap2 });
      expect(byPlate.get('闽E34567')).toMatchObject({ category: 'cargo', hazmatClasses: [], position: null, inPark: true });
      expect(byPlate.get('粤B99999')).toMatchObject({ vehicleId: null, category: null, inPark: true });
      // seen by position, no open visit; its appointment is not approved
      expect(byPlate.get('闽E45678')).toMatchObject({ key: ids.v4, inPark: false, positionOnly: true, hazmatClasses: [], appointmentId: null });
      expect(byPlate.has('闽E56789')).toBe(false);

      expect(s.counts).toEqual({ vehicles: 4, byCategory: { hazmat: 2, cargo: 1, unknown: 1 }, byHazmatClass: { '3': 1, '2.1': 1, '8': 1 }, people: 2 });
      expect(s.parking).toEqual([
        { geofenceId: ids.lot, name: '危化品停车场', capacity: 10, occupied: 2, vehicleKeys: expect.arrayContaining([ids.v1, ids.v4]) as string[] },
      ]);
      expect(s.alarms.map((a) => [a.plate, a.rule])).toEqual([
        ['粤B99999', 'gate'],
        ['闽E12345', 'overspeed'],
      ]);
      expect(s.alarms[1]).toMatchObject({ id: ids.alarm, value: 62, threshold: 40, lat: 23.76, lon: 117.6 });
      expect(s.geofences.map((g) => [g.kind, g.name, g.widthM, g.capacity])).toEqual([
        ['parking', '危化品停车场', null, 10],
        ['route', '危化品专用道', 30, null],
      ]);
    });

    it('gives a vehicle card, masking driver and escort without the field permissions', async () => {
      const res = await c.officer.get(`/api/park/vehicles/${ids.v1}`);
      expect(res.statusCode).toBe(200);
      const card = res.json<VehicleCard>();
      expect(card).toMatchObject({
        plate: '闽E12345',
        category: 'hazmat',
        carrier: { id: ids.carrier, name: '漳州危运' },
        appointment: {
          id: ids.ap1,
          code: 'AP-0001',
          waybillNo: 'WB-1',
          cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
          enterprise: { id: ids.e1, name: '古雷石化' },
          route: { id: ids.route, name: '危化品专用道' },
        },
        driver: { name: '张三丰', phone: '13912340001', qualificationNo: 'QC-001', qualificationExpiresOn: '2027-06-30' },
        escort: { name: '李四', phone: '13912340002' },
        terminals: [{ id: ids.term1, protocol: 'jt808', identifier: '13800000001' }],
        position: { lat: 23.7602, lon: 117.6002 },
      });
      expect(card.visit?.enteredAt).toBe(new Date(FIXED_NOW.getTime() - HOUR).toISOString());
      expect(card.openAlarms.map((a) => a.id)).toEqual([ids.alarm]);

      const masked = (await c.viewer.get(`/api/park/vehicles/${ids.v1}`)).json<VehicleCard>();
      expect(masked.driver).toMatchObject({ name: '张*丰', phone: '139****0001', qualificationNo: 'QC-001' });
      expect(masked.escort).toMatchObject({ name: '李*', phone: '139****0002' });
      // a vehicle without a position in memory falls back to the stored one; without an appointment: nulls
      const v3 = (await c.officer.get(`/api/park/vehicles/${ids.v3}`)).json<VehicleCard>();
      expect(v3).toMatchObject({ appointment: null, driver: null, escort: null, position: null, openAlarms: [] });
    });

    it('refuses enterprise users (403) and unknown vehicles (404)', async () => {
      for (const client of [c.firm, c.firmReader]) {
        expect((await client.get('/api/park/live')).statusCode).toBe(403);
        expect((await client.get(`/api/park/vehicles/${ids.v1}`)).statusCode).toBe(403);
        expect((await client.get(`/api/park/vehicles/${ids.v1}/track?from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z`)).statusCode).toBe(403);
      }
      const unknown = '00000000-0000-4000-8000-000000000001';
      expect((await c.officer.get(`/api/park/vehicles/${unknown}`)).statusCode).toBe(404);
      expect((await c.officer.get(`/api/park/vehicles/${unknown}/track?from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z`)).statusCode).toBe(404);
      expect((await app.app.inject({ method: 'GET', url: '/api/park/live' })).statusCode).toBe(401);
    });

    it('gives a track in time order, thinned to at most 5,000 points keeping both ends, within 7 days', async () => {
      const from = new Date(FIXED_NOW.getTime() - 6 * HOUR).toISOString();
      const to = FIXED_NOW.toISOString();
      const res = await c.officer.get(`/api/park/vehicles/${ids.v1}/track?from=${from}&to=${to}`);
      expect(res.statusCode).toBe(200);
      const t = res.json<VehicleTrack>();
      expect(t.total).toBe(12_000);
      expect(t.downsampled).toBe(true);
      expect(t.points.length).toBeLessThanOrEqual(TRACK_MAX_POINTS);
      expect(t.points.length).toBeGreaterThan(TRACK_MAX_POINTS / 2);
      expect(t.points[0]![0]).toBe(FIXED_NOW.getTime() - 11_999_000);
      expect(t.points.at(-1)).toEqual([FIXED_NOW.getTime(), 23.76, 117.6, 20, 45]);
      for (let i = 1; i < t.points.length; i++) expect(t.points[i]![0]).toBeGreaterThan(t.points[i - 1]![0]);

      // a short range comes back whole
      const short = (
        await c.officer.get(`/api/park/vehicles/${ids.v1}/track?from=${new Date(FIXED_NOW.getTime() - 99_000).toISOString()}&to=${to}`)
      ).json<VehicleTrack>();
      expect(short).toMatchObject({ total: 100, downsampled: false });
      expect(short.points).toHaveLength(100);

      // more than 7 days, or from after to: refused
      const long = await c.officer.get(`/api/park/vehicles/${ids.v1}/track?from=${new Date(FIXED_NOW.getTime() - 8 * DAY).toISOString()}&to=${to}`);
      expect(long.statusCode).toBe(400);
      expect(long.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
      expect((await c.officer.get(`/api/park/vehicles/${ids.v1}/track?from=${to}&to=${from}`)).statusCode).toBe(400);
    });

    it('refuses the WebSocket without a session (401) and without park.read (403)', async () => {
      expect(await upgradeStatus(app)).toBe(401);
      expect(await upgradeStatus(app, { cookie: `zo_sid=${c.firm.cookie}` })).toBe(403);
    });

    it('pushes positions, closed-park alarms and counts', async () => {
      const live = await connect(app, c.officer);
      try {
        await live.next('hello');
        app.park.live.onPositions([pos(ids.v2, 23.771, 117.621, 5_000, 48, 135), pos(ids.v2, 23.772, 117.622, 6_000, 50, 140)]);
        app.park.live.hub.flush();
        const p = await live.next('positions');
        expect(p.positions).toEqual([[ids.v2, FIXED_NOW.getTime() + 6_000, 23.772, 117.622, 50, 140]]);

        const snapshot = (await c.officer.get('/api/park/live')).json<ParkLiveSnapshot>();
        const parkAlarm = snapshot.alarms.find((a) => a.id === ids.alarm)!;
        const sensor: AlarmSummary = { ...parkAlarm, id: '00000000-0000-4000-8000-0000000000aa', plate: null, rule: 'threshold' };
        await app.safety.events.notify(db(), { kind: 'alarm', change: 'raised', alarm: sensor });
        await app.safety.events.notify(db(), { kind: 'alarm', change: 'acknowledged', alarm: { ...parkAlarm, status: 'acknowledged' } });
        const a = await live.next('alarm');
        expect(a).toMatchObject({ change: 'acknowledged', alarm: { id: ids.alarm, plate: '闽E12345', rule: 'overspeed' } });
        expect(live.messages.some((m) => m.type === 'alarm')).toBe(false);

        await db().insert(parkVisits).values({ subjectKind: 'person', personCode: 'P9', enteredAt: FIXED_NOW });
        await app.safety.events.notify(db(), { kind: 'park', what: 'visits' });
        const counts = await live.next('counts');
        expect(counts.counts).toMatchObject({ vehicles: 4, people: 3 });
      } finally {
        live.ws.close();
      }
    });

    it('shows a vehicle that has left again only by a position newer than its exit', async () => {
      const shown = async () => (await c.officer.get('/api/park/live')).json<ParkLiveSnapshot>().vehicles.find((v) => v.key === ids.v5);
      app.park.live.onPositions([pos(ids.v5, 23.781, 117.631, 0)]); // at the exit
      expect(await shown()).toBeUndefined();
      app.park.live.onPositions([pos(ids.v5, 23.782, 117.632, 1_000)]);
      expect(await shown()).toMatchObject({ plate: '闽E56789', inPark: false, positionOnly: true, position: { lat: 23.782, lon: 117.632 } });
    });
  });
}
