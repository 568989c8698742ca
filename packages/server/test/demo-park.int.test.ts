// The demo closed park on a migrated database with the demo zone: checkpoints of every kind with their devices,
// carriers, valid plates, people, lists, geofences inside the park, appointments in every state that name vehicles of
// their carrier, terminals, the vehicles and people in the park with their passes and positions, open alarms, the
// simulator's part of the device file (private), and a second run that adds nothing.
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isValidPlate, normalizePlate } from '@zoneops/shared';
import { queryRows } from '../src/platform/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { BOUNDARY } from '../src/db/seed/demo-data.ts';
import { seedDemoPark, type DemoDevicesFileWithPark, type DemoParkResult } from '../src/db/seed/demo-park.ts';
import { bboxOf } from '../src/db/seed/demo-park-plan.ts';
import { sha256 } from '../src/platform/auth/tokens.ts';
import { GATE_TOKEN_SETTING } from '../src/modules/park/gate/gate-intake.ts';
import { parseIsapiPost, parsePlatformPost } from '../src/modules/park/gate/gate-parse.ts';
import { distanceToLineM, insideRing, type LonLat } from '../src/db/seed/demo-park-geo.ts';
import { Drive, zonesOf } from '../../../bench/vehicles/drive.ts';
import { acsJson, anprMultipart, platformAcs, platformMpc } from '../../../bench/vehicles/gate-events.ts';
import { createEnv, engines, FIXED_NOW, PASSWORD, type TestEnv } from './harness.ts';

const COUNTED = [
  'checkpoints',
  'checkpoint_devices',
  'carriers',
  'park_vehicles',
  'park_people',
  'park_access_lists',
  'geofences',
  'entry_appointments',
  'position_terminals',
  'park_visits',
  'gate_event_spool',
  'gate_passes',
  'vehicle_positions',
  'safety_alarms',
  'safety_alarm_events',
];

for (const engine of engines()) {
  describe(`demo closed park on ${engine}`, () => {
    let env: TestEnv;
    let deps: Deps;
    let result: DemoParkResult;
    let file: DemoDevicesFileWithPark;
    let before: Record<string, number>;
    const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.database.db, q);
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const t of COUNTED) out[t] = (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`)))[0]!.n;
      return out;
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      await seedDemo(env.database.db, PASSWORD);
      deps = (await env.start()).deps;
      result = await seedDemoPark(deps);
      file = JSON.parse(readFileSync(result.file!, 'utf8')) as DemoDevicesFileWithPark;
      before = await counts();
    });
    afterAll(() => env?.close());

    it('creates the expected counts', () => {
      expect(result.seeded).toBe(true);
      expect(before).toMatchObject({
        checkpoints: 4,
        carriers: 8,
        park_vehicles: 60,
        safety_alarms: 6,
      });
      expect(before.checkpoint_devices).toBeGreaterThanOrEqual(12);
      expect(before.park_people).toBeGreaterThanOrEqual(60);
      expect(before.park_access_lists).toBeGreaterThanOrEqual(6);
      expect(before.geofences).toBe(11);
      expect(before.entry_appointments).toBeGreaterThanOrEqual(20);
      expect(before.position_terminals).toBeGreaterThanOrEqual(40);
      expect(before.park_visits).toBeGreaterThanOrEqual(18);
      expect(before.gate_passes).toBe(before.gate_event_spool);
      expect(before.vehicle_positions).toBe(result.positions);
      expect(result.positions).toBeGreaterThan(1000);
    });

    it('has checkpoints of all four kinds with in and out devices, the emergency one closed', async () => {
      const cps = await rows<{ kind: string; open: boolean; ins: number; outs: number; lanes: unknown[] }>(
        sql`select c.kind, c.open, c.lanes, count(*) filter (where d.direction = 'in')::int as ins, count(*) filter (where d.direction = 'out')::int as outs
            from checkpoints c join checkpoint_devices d on d.checkpoint_id = c.id group by c.id order by c.code`,
      );
      expect(cps.map((c) => c.kind).sort()).toEqual(['dedicated', 'emergency', 'general', 'unattended']);
      for (const c of cps) {
        expect(c.ins).toBeGreaterThan(0);
        expect(c.outs).toBeGreaterThan(0);
        expect(c.lanes.length).toBeGreaterThan(0);
        expect(c.open).toBe(c.kind !== 'emergency');
      }
    });

    it('writes only valid, normalised plates; trucks yellow; some new-energy plates; one expired carrier licence', async () => {
      const vs = await rows<{ plate: string; color: string; category: string; classes: string[] }>(
        sql`select plate, plate_color as color, category, hazmat_classes as classes from park_vehicles`,
      );
      for (const v of vs) {
        expect(isValidPlate(v.plate), v.plate).toBe(true);
        expect(normalizePlate(v.plate)).toBe(v.plate);
      }
      const plates = [
        ...vs.map((v) => v.plate),
        ...(await rows<{ plate: string }>(sql`select plate from park_access_lists where plate is not null`)).map((r) => r.plate),
        ...(await rows<{ plate: string }>(sql`select plate from park_visits where plate is not null`)).map((r) => r.plate),
        ...(await rows<{ plate: string }>(sql`select plate from gate_passes where plate is not null`)).map((r) => r.plate),
        ...(await rows<{ plate: string }>(sql`select plate from safety_alarms where plate is not null`)).map((r) => r.plate),
      ];
      for (const p of plates) expect(isValidPlate(p), p).toBe(true);
      expect(vs.filter((v) => v.plate.length === 8).length).toBeGreaterThanOrEqual(3);
      for (const v of vs.filter((x) => ['hazmat', 'hazardousWaste', 'cargo'].includes(x.category))) expect(['yellow', 'yellowGreen']).toContain(v.color);
      const classes = new Set(vs.filter((v) => v.category === 'hazmat').flatMap((v) => v.classes));
      for (const c of ['2.1', '3', '6.1', '8']) expect(classes).toContain(c);
      expect(new Set(vs.map((v) => v.category))).toEqual(new Set(['hazmat', 'hazardousWaste', 'cargo', 'ordinary', 'emergency']));
      const [expired] = await rows<{ n: number }>(sql`select count(*)::int as n from carriers where licence_expires_on < ${FIXED_NOW.toISOString()}::date`);
      expect(expired!.n).toBe(1);
      const [q] = await rows<{ expired: number; soon: number }>(
        sql`select count(*) filter (where qualification_expires_on < ${FIXED_NOW.toISOString()}::date)::int as expired,
          count(*) filter (where qualification_expires_on between ${FIXED_NOW.toISOString()}::date and ${FIXED_NOW.toISOString()}::date + 30)::int as soon
          from park_people where kind in ('driver', 'escort')`,
      );
      expect(q!.expired).toBeGreaterThanOrEqual(2);
      expect(q!.soon).toBeGreaterThanOrEqual(2);
    });

    it('has appointments in every state that name vehicles, drivers and escorts of their carrier', async () => {
      const appts = await rows<{ status: string; ok: boolean; start: Date; end: Date; route: string | null }>(
        sql`select a.status, a.window_start as start, a.window_end as "end", g.kind as route,
              (v.carrier_id = a.carrier_id and v.plate = a.plate and d.carrier_id = a.carrier_id and d.kind = 'driver'
                and (a.escort_id is null or (e.carrier_id = a.carrier_id and e.kind = 'escort'))) as ok
            from entry_appointments a join park_vehicles v on v.id = a.vehicle_id join park_people d on d.id = a.driver_id
            left join park_people e on e.id = a.escort_id left join geofences g on g.id = a.route_id`,
      );
      for (const a of appts) {
        expect(a.ok).toBe(true);
        expect(a.route).toBe('route');
        expect(new Date(a.end).getTime()).toBeGreaterThan(new Date(a.start).getTime());
      }
      expect(new Set(appts.map((a) => a.status))).toEqual(new Set(['approved', 'enterpriseApproved', 'submitted', 'rejected']));
      // one live appointment per vehicle at a time (as the appointment service requires); UN numbers as the API takes them
      const [overlaps] = await rows<{ n: number }>(
        sql`select count(*)::int as n from entry_appointments a join entry_appointments b on b.vehicle_id = a.vehicle_id and b.id <> a.id
            where a.status in ('submitted', 'enterpriseApproved', 'approved') and b.status in ('submitted', 'enterpriseApproved', 'approved')
              and a.window_start < b.window_end and b.window_start < a.window_end`,
      );
      expect(overlaps!.n).toBe(0);
      const un = await rows<{ un: string }>(sql`select c->>'unNumber' as un from entry_appointments, jsonb_array_elements(cargo) c`);
      expect(un.length).toBeGreaterThan(0);
      for (const u of un) expect(u.un).toMatch(/^\d{4}$/);
      const now = FIXED_NOW.getTime();
      expect(appts.filter((a) => a.status === 'approved' && +new Date(a.start) <= now && +new Date(a.end) > now).length).toBeGreaterThanOrEqual(10);
      // one whose window has ended while its vehicle is still in the park
      const [overstay] = await rows<{ n: number }>(
        sql`select count(*)::int as n from park_visits v join entry_appointments a on a.id = v.appointment_id
            where v.exited_at is null and a.window_end < ${FIXED_NOW.toISOString()}::timestamptz`,
      );
      expect(overstay!.n).toBe(1);
    });

    it('puts the route geofences inside the park as valid LineStrings of 30 m corridors', async () => {
      const fences = await rows<{
        kind: string;
        geometry: { type: string; coordinates: number[][] | number[][][] };
        width: number | null;
        capacity: number | null;
        limit: number | null;
      }>(sql`select kind, geometry, width_m as width, capacity, speed_limit_kmh as "limit" from geofences`);
      const [x0, y0, x1, y1] = bboxOf(BOUNDARY);
      const kinds = fences.map((f) => f.kind);
      expect(kinds.filter((k) => k === 'boundary')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'route')).toHaveLength(3);
      expect(kinds.filter((k) => k === 'parking')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'speedZone')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'restricted').length).toBeGreaterThanOrEqual(2);
      for (const f of fences) {
        const pts = f.geometry.type === 'LineString' ? (f.geometry.coordinates as number[][]) : (f.geometry.coordinates as number[][][])[0]!;
        if (f.kind === 'route') {
          expect(f.geometry.type).toBe('LineString');
          expect(f.width).toBe(30);
          expect(pts.length).toBeGreaterThanOrEqual(2);
        } else {
          expect(f.geometry.type).toBe('Polygon');
          expect(pts.length).toBeGreaterThanOrEqual(4);
          expect(pts[0]).toEqual(pts.at(-1));
        }
        for (const [lon, lat] of pts) {
          expect(Number.isFinite(lon) && Number.isFinite(lat)).toBe(true);
          expect(lon).toBeGreaterThanOrEqual(x0);
          expect(lon).toBeLessThanOrEqual(x1);
          expect(lat).toBeGreaterThanOrEqual(y0);
          expect(lat).toBeLessThanOrEqual(y1);
        }
        if (f.kind === 'parking') expect(f.capacity).toBeGreaterThan(0);
        if (f.kind === 'speedZone') expect(f.limit).toBeGreaterThan(0);
      }
    });

    it('has vehicles and people in the park with their passes, positions along the way and open alarms', async () => {
      const [v] = await rows<{ vehicles: number; people: number; passless: number }>(
        sql`select count(*) filter (where subject_kind = 'vehicle')::int as vehicles, count(*) filter (where subject_kind = 'person')::int as people,
              count(*) filter (where not exists (select 1 from gate_passes p where p.visit_id = park_visits.id and p.direction = 'in'))::int as passless
            from park_visits where exited_at is null`,
      );
      expect(v!.vehicles).toBeGreaterThanOrEqual(12);
      expect(v!.people).toBeGreaterThanOrEqual(4);
      expect(v!.passless).toBe(0);
      // as the gate processor does: a flagged pass (the camera saw it pass) opens a visit, a denied one (blacklist) none
      const failed = await rows<{ result: string; open: boolean }>(
        sql`select p.result, (v.id is not null and v.exited_at is null) as open from gate_passes p left join park_visits v on v.id = p.visit_id
            where p.result <> 'allowed' order by p.result`,
      );
      expect(failed.map((f) => [f.result, f.open])).toEqual([
        ['denied', false],
        ['flagged', true],
      ]);
      const [s] = await rows<{ pending: number }>(sql`select count(*) filter (where status <> 'done')::int as pending from gate_event_spool`);
      expect(s!.pending).toBe(0);
      const [p] = await rows<{ n: number; future: number; unbound: number; outside: number }>(
        sql`select count(*)::int as n, count(*) filter (where ts > ${FIXED_NOW.toISOString()}::timestamptz)::int as future,
              count(*) filter (where vehicle_id is null)::int as unbound,
              count(*) filter (where lon < 117.57 or lon > 117.66 or lat < 23.72 or lat > 23.82)::int as outside
            from vehicle_positions`,
      );
      expect(p!.n).toBeGreaterThan(1000);
      expect(p!.future).toBe(0);
      expect(p!.unbound).toBe(0);
      expect(p!.outside).toBe(0);
      const alarms = await rows<{ rule: string; status: string }>(sql`select rule, status from safety_alarms where plate is not null`);
      expect(alarms.filter((a) => a.status !== 'closed').length).toBeGreaterThanOrEqual(4);
      expect(new Set(alarms.map((a) => a.rule))).toEqual(new Set(['gate', 'overstay', 'overspeed', 'parkedOutside', 'offRoute']));
    });

    it('writes the terminals, phones and gate devices to the private device file', async () => {
      expect(statSync(result.file!).mode & 0o777).toBe(0o600);
      const park = file.park!;
      expect(file.version).toBe(1);
      expect(Array.isArray(file.devices) && Array.isArray(file.stations)).toBe(true);
      const terms = await rows<{ protocol: string; identifier: string; auth: string | null }>(
        sql`select protocol, identifier, auth_code as auth from position_terminals`,
      );
      expect(park.terminals.map((t) => `${t.protocol}/${t.identifier}/${t.authCode}`).sort()).toEqual(
        terms.map((t) => `${t.protocol}/${t.identifier}/${t.auth}`).sort(),
      );
      const jt = park.terminals.filter((t) => t.protocol === 'jt808');
      expect(new Set(jt.map((t) => t.version))).toEqual(new Set(['2013', '2019']));
      for (const t of jt) expect(t.authCode).toMatch(/^[A-Z0-9]{8,}$/);
      expect(park.terminals.filter((t) => t.protocol === 'osmand').length).toBeGreaterThanOrEqual(4);
      for (const role of ['speeding', 'offRoute', 'parkedOutside'] as const)
        expect(park.terminals.filter((t) => t.role === role && t.inPark && t.path)).toHaveLength(1);
      const [devs] = await rows<{ n: number }>(sql`select count(*)::int as n from checkpoint_devices`);
      expect(park.devices).toHaveLength(devs!.n);
      expect(park.jt808.port).toBe(deps.config.ports.jt808);
      // the gate token the seed issued: only its hash is stored
      const [setting] = await rows<{ value: { hash: string; hint: string } }>(sql`select value from settings where key = ${GATE_TOKEN_SETTING}`);
      expect(park.gate.token).toMatch(/^zsg_/);
      expect(setting!.value.hash).toBe(sha256(park.gate.token!));
      expect(setting!.value.hint).toBe(park.gate.token!.slice(-4));
    });

    it("builds gate events the gate's parser reads, naming seeded devices", () => {
      const park = file.park!;
      const at = FIXED_NOW.getTime();
      const anprIn = park.devices.find((d) => d.kind === 'anpr' && d.vendor === 'hikvisionIsapi' && d.direction === 'in')!;
      const face = park.devices.find((d) => d.kind === 'face' && d.direction === 'out')!;
      const mpc = park.devices.find((d) => d.vendor === 'hikvisionPlatform' && d.kind === 'anpr')!;
      const door = park.devices.find((d) => d.vendor === 'hikvisionPlatform' && d.kind === 'accessControl')!;
      const plate = park.vehicles[0]!.plate;
      const { body, contentType } = anprMultipart({ serialNo: anprIn.serialNo, ip: '10.35.1.2', plate, at, direction: 'in' });
      const a = parseIsapiPost(body, contentType, '10.35.1.2');
      expect(a.events).toHaveLength(1);
      expect(a.events[0]).toMatchObject({ kind: 'vehicle', plate, direction: 'in', deviceTime: FIXED_NOW.toISOString() });
      expect(a.events[0]!.deviceKeys[0]).toBe(anprIn.serialNo);
      expect(a.images).toHaveLength(2);
      expect(a.notJpeg).toHaveLength(0);
      const person = park.people[0]!;
      const f = parseIsapiPost(
        acsJson({ serialNo: face.serialNo, ip: '10.35.1.3', personCode: person.personCode, name: person.name, at, direction: 'out', serial: 7 }),
        'application/json',
        null,
      );
      expect(f.events[0]).toMatchObject({ kind: 'person', personCode: person.personCode, direction: 'out', allowedByDevice: true });
      expect(f.events[0]!.deviceKeys[0]).toBe(face.serialNo);
      const m = parsePlatformPost(platformMpc({ srcIndex: mpc.serialNo, checkpointName: mpc.checkpointName, plate, at }));
      expect(m.events[0]).toMatchObject({ kind: 'vehicle', plate });
      expect(m.events[0]!.deviceKeys[0]).toBe(mpc.serialNo);
      const d = parsePlatformPost(platformAcs({ srcIndex: door.serialNo, personCode: person.personCode, name: person.name, at, direction: 'in', seq: 3 }));
      expect(d.events[0]).toMatchObject({ kind: 'person', personCode: person.personCode, direction: 'in' });
      expect(d.events[0]!.deviceKeys[0]).toBe(door.serialNo);
    });

    it("drives the simulator's scenario vehicles as planned: speeding in a zone, off the route, parked outside a lot", () => {
      const park = file.park!;
      const zones = zonesOf(park.geofences);
      const run = (role: 'speeding' | 'offRoute' | 'parkedOutside') => {
        const t = park.terminals.find((x) => x.role === role)!;
        const drive = new Drive(t.path!, role, zones, 1, t.last);
        const out: { lon: number; lat: number; speedKmh: number; at: number }[] = [];
        // two hours of simulated time, a position every 5 s
        for (let k = 1, now = FIXED_NOW.getTime(); k <= 1440; k++) {
          now += 5000;
          out.push({ ...drive.advance(now, 5000), at: now });
        }
        return { t, out };
      };
      const s = run('speeding');
      expect(s.out.some((p) => zones.speed.some((z) => insideRing([p.lon, p.lat], z.ring) && p.speedKmh > z.limit + 10))).toBe(true);
      const o = run('offRoute');
      expect(Math.max(...o.out.map((p) => distanceToLineM([p.lon, p.lat], o.t.path!)))).toBeGreaterThan(150);
      const p = run('parkedOutside');
      let longest = 0;
      let since: number | null = null;
      for (const x of p.out) {
        const still = x.speedKmh === 0 && !zones.parking.some((r) => insideRing([x.lon, x.lat], r as LonLat[]));
        since = still ? (since ?? x.at) : null;
        if (since !== null) longest = Math.max(longest, x.at - since);
      }
      expect(longest).toBeGreaterThanOrEqual(15 * 60_000);
      // every other vehicle keeps to its route and below the limits
      for (const t of park.terminals.filter((x) => x.inPark && x.path && !x.role)) {
        const drive = new Drive(t.path!, null, zones, 2, t.last);
        for (let k = 1, now = FIXED_NOW.getTime(); k <= 240; k++) {
          now += 5000;
          const q = drive.advance(now, 5000);
          expect(distanceToLineM([q.lon, q.lat], t.path!)).toBeLessThan(15);
          const limit = zones.speed.find((z) => insideRing([q.lon, q.lat], z.ring))?.limit ?? zones.parkLimit;
          expect(q.speedKmh).toBeLessThanOrEqual(limit);
        }
      }
    });

    it('is written once: a second run adds nothing', async () => {
      const again = await seedDemoPark(deps);
      expect(again.seeded).toBe(false);
      expect(await counts()).toEqual(before);
    });
  });
}
