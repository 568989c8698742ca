// Closed-park flow end to end (issue 8, third "Done when"): a hazmat vehicle with an approved appointment naming a
// designated route (all set up through the API) carries a JT/T 808 2019 terminal that registers (bound by plate),
// authenticates and reports single and batch locations over TCP: along the route's corridor, then off it. The first
// position off the corridor raises ONE offRoute alarm with the route as geofence; while the vehicle is still off
// route the platform is closed mid-stream and a new one is started on the same database; the terminal reconnects,
// authenticates with its code, sends again what was not acknowledged (blind-area supplement) and keeps reporting off
// route: the alarm is not raised again (the new engine rebuilds its open rules from the alarms); back in the
// corridor the same alarm is cleared. Every position answered with a success 0x8001 is stored with its coordinates,
// and no other rule fired.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc, type EntryAppointmentDetail, type Geofence, type LonLat } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises } from '../src/db/schema.ts';
import { RESULT } from '../src/ingest/jt808/codec.ts';
import { buildBatch, buildLocation, type LocationInput, type TerminalIdentity } from '../src/ingest/jt808/terminal.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';
import { Jt808TestTerminal } from './jt808-fixtures.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = FIXED_NOW.getTime();
// A local metric frame around the park: x east, y north, in metres.
const LON0 = 117.6;
const LAT0 = 23.8;
const M_LAT = 1 / 111_195;
const M_LON = M_LAT / Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number): LonLat => [LON0 + x * M_LON, LAT0 + y * M_LAT];
const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]],
});
/** JT/T 808 carries millionths of a degree: the coordinates as stored. */
const r6 = (deg: number) => Math.round(deg * 1e6) / 1e6;

const PLATE = '闽E6F808';
const ROUTE_Y = 100; // the route runs along y = 100 m, 30 m wide (15 m each side)
const OFF_Y = 250; // 150 m aside
/** Device times 5 s apart, 10 m apart along x (7.2 km/h, reported 15 km/h): far from any speed limit and any impossible jump. */
const STEP_MS = 5_000;
const STEP_X = 10;
const SPEED_KMH = 15;
const START = T0 - 2 * HOUR;

/** One position the terminal reports (and, once answered with success, expects stored). */
interface Fix {
  time: number;
  lat: number;
  lon: number;
  y: number;
}

interface StoredRow {
  ms: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  flags: string[];
}

interface AlarmRow {
  id: string;
  rule: string;
  level: string;
  occurrences: number;
  raisedMs: number;
  clearedMs: number | null;
  closed: boolean;
  geofenceId: string | null;
  appointmentId: string | null;
  vehicleId: string | null;
  enterpriseId: string | null;
  lat: number | null;
  lon: number | null;
  value: number | null;
  threshold: number | null;
}

for (const engine of engines()) {
  describe(`closed-park flow (off route across a restart) on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let port = 0;
    const ids = { enterprise: '', carrier: '', vehicle: '', driver: '', escort: '', boundary: '', route: '', appointment: '' };
    const identity: TerminalIdentity = { phone: '00000000013800008808', version: '2019' };
    const terminals: Jt808TestTerminal[] = [];
    const db = () => env.database.db;

    // ---- the drive ----
    let seq = 0;
    /** The next position, 10 m further east at height y (m north of the park's origin). */
    const next = (y: number): Fix => {
      const i = seq++;
      const [lon, lat] = at(i * STEP_X, y);
      return { time: START + i * STEP_MS, lat: r6(lat), lon: r6(lon), y };
    };
    const path = (n: number, y: (i: number) => number) => Array.from({ length: n }, (_, i) => next(y(i)));
    const offRoute = (n: number) => path(n, () => OFF_Y);
    const loc = (f: Fix): LocationInput => ({ lat: f.lat, lon: f.lon, time: f.time, speedKmh: SPEED_KMH, course: 90 });
    /** Every position sent, and those answered with success, by device time. */
    const sent = new Map<number, Fix>();
    const acked = new Map<number, Fix>();
    const note = (fixes: readonly Fix[], ok: boolean) => {
      for (const f of fixes) {
        sent.set(f.time, f);
        if (ok) acked.set(f.time, f);
      }
    };
    const single = async (t: Jt808TestTerminal, f: Fix) => {
      const result = await t.location(loc(f));
      note([f], result === RESULT.ok);
      expect(result).toBe(RESULT.ok);
    };
    const batch = async (t: Jt808TestTerminal, fixes: readonly Fix[], type = 0) => {
      const result = await t.batch(fixes.map(loc), type);
      note(fixes, result === RESULT.ok);
      expect(result).toBe(RESULT.ok);
    };
    /** Sends without waiting (a single location or a batch); the answer, when one comes, is noted in `pending`. */
    const fire = (t: Jt808TestTerminal, fixes: readonly Fix[], pending: Promise<void>[]) => {
      note(fixes, false);
      if (t.closed) return;
      const serial = t.nextSerial();
      const frame = fixes.length === 1 ? buildLocation(t.identity, serial, loc(fixes[0]!)) : buildBatch(t.identity, serial, fixes.map(loc));
      pending.push(
        t.answerTo(serial, 5_000).then(
          (a) => {
            if (a.kind === 'general' && a.result === RESULT.ok) note(fixes, true);
          },
          () => undefined,
        ),
      );
      void t.write(frame).catch(() => undefined);
    };
    const connect = async (p: number) => {
      const t = await Jt808TestTerminal.connect(p, identity);
      terminals.push(t);
      return t;
    };

    // ---- what is stored ----
    const stored = () =>
      queryRows<StoredRow>(
        db(),
        sql`select (extract(epoch from ts) * 1000)::float8 as ms, lat, lon, speed_kmh as "speedKmh", flags
          from vehicle_positions where vehicle_id = ${ids.vehicle} order by ts`,
      );
    /** Every acknowledged position is stored, once, with its coordinates. */
    const expectAckedStored = async () => {
      const rows = await stored();
      const byMs = new Map(rows.map((r) => [r.ms, r]));
      expect(byMs.size).toBe(rows.length);
      const missing = [...acked.values()].filter((f) => {
        const r = byMs.get(f.time);
        return !r || r.lat !== f.lat || r.lon !== f.lon;
      });
      expect(missing).toEqual([]);
      return rows;
    };
    const alarms = () =>
      queryRows<AlarmRow>(
        db(),
        sql`select id, rule, level, occurrences, (extract(epoch from raised_at) * 1000)::float8 as "raisedMs",
              (extract(epoch from cleared_at) * 1000)::float8 as "clearedMs", closed_at is not null as closed,
              geofence_id as "geofenceId", appointment_id as "appointmentId", vehicle_id as "vehicleId", enterprise_id as "enterpriseId",
              lat, lon, value, threshold
            from safety_alarms where plate = ${PLATE} or vehicle_id = ${ids.vehicle} order by raised_at`,
      );
    const eventsOf = async (alarmId: string) =>
      (await queryRows<{ kind: string }>(db(), sql`select kind from safety_alarm_events where alarm_id = ${alarmId} order by id`)).map((e) => e.kind);
    /** Waits until what was acknowledged has gone through the rule engine (and its alarm writes are committed). */
    const settle = async (a = app) => {
      await a.park.positions.flush();
      await a.park.rules.idle();
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const d = db();
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      await buildUser(d, { username: 'fengbi8', unitId: root.id, roles: ['parkOfficer'], displayName: '封闭化管理员' });
      officer = await login(app.app, 'fengbi8');
      // the destination enterprise (no park API creates enterprises)
      const [e] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA8000001') })
        .returning();
      ids.enterprise = e!.id;

      const post = async <T extends { id: string }>(url: string, body: unknown): Promise<T> => {
        const res = await officer.send('POST', url, body);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        return res.json<T>();
      };
      const R = '/api/park/registry';
      ids.carrier = (
        await post(`${R}/carriers`, { name: '漳州危运物流有限公司', licenceNo: '闽交运管许可漳字350600808号', licenceExpiresOn: '2027-12-31' })
      ).id;
      ids.vehicle = (await post(`${R}/vehicles`, { plate: PLATE, category: 'hazmat', body: 'tank', carrierId: ids.carrier, hazmatClasses: ['3'] })).id;
      const person = (kind: string, name: string) => ({
        kind,
        name,
        carrierId: ids.carrier,
        qualificationNo: `Q-${name}`,
        qualificationExpiresOn: '2027-12-31',
        phone: '13900008808',
      });
      ids.driver = (await post(`${R}/people`, person('driver', '王师傅'))).id;
      ids.escort = (await post(`${R}/people`, person('escort', '李押运'))).id;

      ids.boundary = (await post<Geofence>('/api/park/geofences', { kind: 'boundary', name: '古雷园区', geometry: rect(-1000, -1000, 6000, 2000) })).id;
      ids.route = (
        await post<Geofence>('/api/park/geofences', {
          kind: 'route',
          name: '危化品专用道',
          geometry: { type: 'LineString', coordinates: [at(-500, ROUTE_Y), at(5500, ROUTE_Y)] },
          widthM: 30,
        })
      ).id;

      const A = '/api/park/appointments';
      const appt = await post<EntryAppointmentDetail>(A, {
        carrierId: ids.carrier,
        vehicleId: ids.vehicle,
        driverId: ids.driver,
        escortId: ids.escort,
        cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
        waybillNo: 'YD2026112300808',
        enterpriseId: ids.enterprise,
        routeId: ids.route,
        windowStart: new Date(T0 - 3 * HOUR).toISOString(),
        windowEnd: new Date(T0 + 6 * HOUR).toISOString(),
      });
      ids.appointment = appt.id;
      await post<EntryAppointmentDetail>(`${A}/${appt.id}/enterprise-approve`, undefined);
      const approved = await post<EntryAppointmentDetail>(`${A}/${appt.id}/approve`, undefined);
      expect(approved).toMatchObject({ status: 'approved', routeId: ids.route, plate: PLATE });

      port = (await app.park.positions.start({ jt808Port: 0, osmandPort: 0 })).jt808Port!;
    });
    afterAll(async () => {
      for (const t of terminals) await t.close();
      await env?.close();
    });

    let terminal: Jt808TestTerminal;
    let offRouteId = '';
    let firstOff: Fix;

    it('a 2019 terminal registers with the plate (bound to the vehicle), authenticates and drives in the corridor: no alarm', async () => {
      terminal = await connect(port);
      const reg = await terminal.register({ plate: PLATE, plateColor: 2 });
      expect(reg.result).toBe(0);
      expect(await terminal.authenticate()).toBe(RESULT.ok);
      const [bound] = await queryRows<{ vehicleId: string | null; version: string }>(
        db(),
        sql`select vehicle_id as "vehicleId", protocol_version as version from position_terminals where protocol = 'jt808' and registered_plate = ${PLATE}`,
      );
      expect(bound).toEqual({ vehicleId: ids.vehicle, version: '2019' });

      // along the route, a few metres either side of its line (single and batch)
      const jitter = (i: number) => ROUTE_Y + ((i % 3) - 1) * 5;
      for (const f of path(6, jitter)) await single(terminal, f);
      await batch(terminal, path(5, jitter));
      await settle();
      expect(await alarms()).toEqual([]);
      await expectAckedStored();
    });

    it('off the route: the first position beyond the corridor raises ONE offRoute alarm, however many follow', async () => {
      // veering off: 30 m further north each step; the first one (30 m from the line) is already out of the corridor
      const veer = path(5, (i) => ROUTE_Y + 30 * (i + 1));
      firstOff = veer[0]!;
      await single(terminal, firstOff);
      await settle();
      const [a, ...others] = await alarms();
      expect(others).toEqual([]);
      expect(a).toMatchObject({
        rule: 'offRoute',
        level: 'red',
        occurrences: 1,
        raisedMs: firstOff.time,
        clearedMs: null,
        closed: false,
        geofenceId: ids.route,
        appointmentId: ids.appointment,
        vehicleId: ids.vehicle,
        enterpriseId: ids.enterprise,
        lat: firstOff.lat,
        lon: firstOff.lon,
        value: 30,
        threshold: 15,
      });
      offRouteId = a!.id;

      for (const f of veer.slice(1)) await single(terminal, f);
      for (let b = 0; b < 3; b++) await batch(terminal, offRoute(5));
      for (const f of offRoute(4)) await single(terminal, f);
      await settle();
      expect(await alarms()).toMatchObject([{ id: offRouteId, rule: 'offRoute', occurrences: 1, clearedMs: null }]);
      expect(await eventsOf(offRouteId)).toEqual(['raised']);
      await expectAckedStored();
    });

    it('the platform closed mid-stream and started again on the same database loses no acknowledged position and raises nothing again', async () => {
      // a stream of single and batch locations, still off route, not waiting for the answers
      const pending: Promise<void>[] = [];
      const ackedBefore = acked.size;
      const some = (i: number) => (i % 10 === 9 ? offRoute(4) : [next(OFF_Y)]);
      for (let i = 0; i < 40; i++) fire(terminal, some(i), pending);
      await pending[0]; // some answers have arrived
      for (let i = 0; i < 40; i++) fire(terminal, some(i), pending); // and these are on their way
      // the platform closes while the terminal goes on sending, one frame per turn, until its connection is closed
      const closing = app.app.close();
      for (let i = 0; i < 300 && !terminal.closed; i++) {
        fire(terminal, some(i), pending);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await closing;
      await Promise.all(pending);
      expect(acked.size).toBeGreaterThan(ackedBefore);
      await expectAckedStored();
      // the terminal did not hear about some of what it sent: it sends those again once reconnected (some may have
      // been stored without an answer reaching the terminal: sent again, they are duplicates and stored once)
      const unanswered = [...sent.values()].filter((f) => !acked.has(f.time)).sort((a, b) => a.time - b.time);
      const alarmsBefore = await alarms();
      expect(alarmsBefore).toMatchObject([{ id: offRouteId, occurrences: 1, clearedMs: null }]);

      // a new platform on the same database; the terminal reconnects and authenticates with the code it was given
      const app2 = await env.start();
      app = app2;
      port = (await app2.park.positions.start({ jt808Port: 0, osmandPort: 0 })).jt808Port!;
      const again = await connect(port);
      again.authCode = terminal.authCode;
      terminal = again;
      expect(await terminal.authenticate()).toBe(RESULT.ok);
      for (let i = 0; i < unanswered.length; i += 20) await batch(terminal, unanswered.slice(i, i + 20), 1);
      // still off route: singles and a batch
      for (const f of offRoute(6)) await single(terminal, f);
      await batch(terminal, offRoute(5));
      await settle();

      // everything sent is acknowledged now, and stored once
      expect([...sent.keys()].filter((ms) => !acked.has(ms))).toEqual([]);
      const rows = await expectAckedStored();
      expect(rows).toHaveLength(sent.size);
      // the same alarm, not raised again by the new platform's rule engine
      expect(await alarms()).toMatchObject([{ id: offRouteId, rule: 'offRoute', occurrences: 1, raisedMs: firstOff.time, clearedMs: null }]);
      expect(await eventsOf(offRouteId)).toEqual(['raised']);
    });

    it('back in the corridor the same alarm is cleared; every acknowledged position is stored; no other rule fired', async () => {
      const back = path(5, (i) => OFF_Y - 30 * (i + 1)); // 220, 190, 160, 130, 100
      const firstIn = back.find((f) => Math.abs(f.y - ROUTE_Y) <= 15)!;
      expect(firstIn.y).toBe(ROUTE_Y);
      for (const f of back.slice(0, 3)) await single(terminal, f);
      await batch(terminal, back.slice(3));
      await settle();
      expect(await alarms()).toMatchObject([{ id: offRouteId, rule: 'offRoute', occurrences: 1, clearedMs: firstIn.time, closed: false }]);
      // on along the route: nothing more
      for (const f of path(4, () => ROUTE_Y)) await single(terminal, f);
      await settle();
      await app.park.rules.checkTimers(env.clock.now());
      await app.park.rules.idle();

      const all = await alarms();
      expect(all.map((a) => [a.rule, a.id])).toEqual([['offRoute', offRouteId]]);
      expect(all[0]!.clearedMs).toBe(firstIn.time);
      expect(await eventsOf(offRouteId)).toEqual(['raised', 'cleared']);
      expect((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from safety_alarms`))[0]!.n).toBe(1);

      const rows = await expectAckedStored();
      expect(rows).toHaveLength(sent.size);
      expect(acked.size).toBe(sent.size);
      expect(rows.every((r) => r.speedKmh === SPEED_KMH && r.flags.length === 0)).toBe(true);
      // the drive stayed inside the accepted device-time window
      expect(Math.max(...sent.keys())).toBeLessThanOrEqual(T0);
    });
  });
}
