// OsmAnd / Traccar Client over HTTP (issue 8): the query form on the OsmAnd port and the JSON form (single, array,
// `locations`) on the main app at /api/osmand are stored once committed (speed knots or m/s → km/h); an unknown or
// revoked id is refused (403); bad numbers, bad timestamps, broken JSON and (0, 0) are refused (400) and counted;
// an impossible jump is stored flagged. Also: the vehicle_positions partitions (created ahead, rows moved out of the
// default partition, dropped beyond retention) and the status route (park.read).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { listPartitions } from '../src/ingest/partitions.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type TestEnv } from './harness.ts';

const T0 = FIXED_NOW.getTime();

for (const engine of engines()) {
  describe(`OsmAnd positions on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let osmandPort = 0;
    let vehicleId = '';
    const db = () => env.database.db;

    const terminal = async (identifier: string, opts: { vehicleId?: string | null; revoked?: boolean } = {}) => {
      const id = randomUUID();
      await db().execute(
        sql`insert into position_terminals (id, protocol, identifier, vehicle_id, revoked_at) values (${id}, 'osmand', ${identifier}, ${opts.vehicleId ?? null}, ${opts.revoked ? FIXED_NOW : null})`,
      );
      return id;
    };
    const positionsOf = (terminalId: string) =>
      queryRows<{
        ms: number;
        lat: number;
        lon: number;
        speedKmh: number | null;
        course: number | null;
        altitudeM: number | null;
        accuracyM: number | null;
        vehicleId: string | null;
        flags: string[];
      }>(
        db(),
        sql`select (extract(epoch from ts) * 1000)::float8 as ms, lat, lon, speed_kmh as "speedKmh", course, altitude_m as "altitudeM", accuracy_m as "accuracyM",
            vehicle_id as "vehicleId", flags from vehicle_positions where terminal_id = ${terminalId} order by ts`,
      );
    const get = (query: string) => fetch(`http://127.0.0.1:${osmandPort}/?${query}`);
    const post = (payload: unknown) =>
      app.app.inject({
        method: 'POST',
        url: '/api/osmand',
        headers: { 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      vehicleId = randomUUID();
      await db().execute(sql`insert into park_vehicles (id, plate, category) values (${vehicleId}, '苏E77777', 'hazmat')`);
      const ports = await app.park.positions.start({ jt808Port: 0, osmandPort: 0 });
      osmandPort = ports.osmandPort!;
    });
    afterAll(async () => {
      await env.close();
    });

    it('stores the query form (GET on the OsmAnd port; speed in knots, unix seconds) once committed', async () => {
      const tid = await terminal('phone-1', { vehicleId });
      await app.park.positions.reloadTerminals();
      const res = await get(`id=phone-1&lat=31.25&lon=120.55&timestamp=${(T0 - 60_000) / 1000}&speed=10&bearing=45.5&altitude=8&accuracy=5&batt=80`);
      expect(res.status).toBe(200);
      const rows = await positionsOf(tid);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ ms: T0 - 60_000, lat: 31.25, lon: 120.55, course: 45.5, altitudeM: 8, accuracyM: 5, vehicleId, flags: [] });
      expect(rows[0]!.speedKmh).toBeCloseTo(18.52, 6);
      // POST with the parameters in the URL (Traccar Client) and an ISO timestamp, on the main port.
      const r2 = await app.app.inject({
        method: 'POST',
        url: `/api/osmand?id=phone-1&lat=31.2501&lon=120.5501&timestamp=${new Date(T0 - 50_000).toISOString()}`,
      });
      expect(r2.statusCode).toBe(200);
      expect((await positionsOf(tid)).map((r) => r.ms)).toEqual([T0 - 60_000, T0 - 50_000]);
      expect(app.park.positions.latest().get(vehicleId)).toMatchObject({ ts: T0 - 50_000, protocol: 'osmand', identifier: 'phone-1' });
    });

    it('stores the JSON form: one location, an array, and `locations` (speed in m/s)', async () => {
      const tid = await terminal('phone-2');
      await app.park.positions.reloadTerminals();
      const loc = (ms: number, lat: number) => ({
        timestamp: new Date(ms).toISOString(),
        coords: { latitude: lat, longitude: 120.6, speed: 10, heading: 90, altitude: 3, accuracy: 4 },
        battery: { level: 0.8 },
      });
      expect((await post({ device_id: 'phone-2', location: loc(T0 - 40_000, 31.3) })).statusCode).toBe(200);
      expect((await post([{ device_id: 'phone-2', location: loc(T0 - 30_000, 31.3001) }])).statusCode).toBe(200);
      expect((await post({ device_id: 'phone-2', locations: [loc(T0 - 20_000, 31.3002), loc(T0 - 10_000, 31.3003)] })).statusCode).toBe(200);
      const rows = await positionsOf(tid);
      expect(rows.map((r) => r.ms)).toEqual([T0 - 40_000, T0 - 30_000, T0 - 20_000, T0 - 10_000]);
      expect(rows[0]).toMatchObject({ lat: 31.3, lon: 120.6, speedKmh: 36, course: 90, vehicleId: null });
      // The same position again: acknowledged, stored once.
      expect((await post({ device_id: 'phone-2', location: loc(T0 - 40_000, 31.3) })).statusCode).toBe(200);
      expect(await positionsOf(tid)).toHaveLength(4);
    });

    it('refuses unknown and revoked ids, bad numbers, bad timestamps, broken JSON and (0, 0), and counts them', async () => {
      await terminal('phone-revoked', { revoked: true });
      const tid = await terminal('phone-3');
      await app.park.positions.reloadTerminals();
      const ts = (T0 - 5_000) / 1000;
      expect((await get(`id=nobody&lat=31.2&lon=120.2&timestamp=${ts}`)).status).toBe(403);
      expect((await get(`id=phone-revoked&lat=31.2&lon=120.2&timestamp=${ts}`)).status).toBe(403);
      const badNumber = await get(`id=phone-3&lat=31.2x&lon=120.2&timestamp=${ts}`);
      expect(badNumber.status).toBe(400);
      expect(await badNumber.text()).toMatch(/^badNumber/);
      expect((await get(`id=phone-3&lat=31.2&lon=120.2&timestamp=yesterday`)).status).toBe(400);
      expect((await get(`id=phone-3&lat=31.2&timestamp=${ts}`)).status).toBe(400);
      expect((await get(`id=phone-3&lat=0&lon=0&timestamp=${ts}`)).status).toBe(400);
      expect((await get(`id=phone-3&lat=95&lon=120&timestamp=${ts}`)).status).toBe(400);
      expect((await post('{"device_id": "phone-3", ')).statusCode).toBe(400);
      expect((await post({ device_id: 'phone-3', location: { timestamp: 'x', coords: { latitude: 31, longitude: 120 } } })).statusCode).toBe(400);
      expect(
        (await post({ device_id: 'phone-3', location: { timestamp: new Date(T0).toISOString(), coords: { latitude: 'north', longitude: 120 } } })).statusCode,
      ).toBe(400);
      expect(await positionsOf(tid)).toEqual([]);
      await app.park.positions.flush();
      const rows = await queryRows<{ senderKey: string; reason: string; count: number }>(
        db(),
        sql`select sender_key as "senderKey", reason, count from ingest_rejections where channel = 'osmand' order by 1, 2`,
      );
      // Broken JSON names no device: counted against the peer address.
      expect(rows.map((r) => `${r.senderKey} ${r.reason} ${r.count}`)).toEqual([
        'ip:127.0.0.1 malformedJson 1',
        'osmand:nobody unknownTerminal 1',
        'osmand:phone-3 badNumber 2',
        'osmand:phone-3 badShape 1',
        'osmand:phone-3 badTimestamp 2',
        'osmand:phone-3 outOfRange 1',
        'osmand:phone-3 zeroPosition 1',
        'osmand:phone-revoked revoked 1',
      ]);
    });

    it('stores an impossible jump flagged', async () => {
      const tid = await terminal('phone-4');
      await app.park.positions.reloadTerminals();
      expect((await get(`id=phone-4&lat=31.2&lon=120.2&timestamp=${(T0 - 120_000) / 1000}`)).status).toBe(200);
      expect((await get(`id=phone-4&lat=31.9&lon=120.2&timestamp=${(T0 - 60_000) / 1000}`)).status).toBe(200);
      expect((await get(`id=phone-4&lat=31.9001&lon=120.2&timestamp=${(T0 - 50_000) / 1000}`)).status).toBe(200);
      expect((await positionsOf(tid)).map((r) => r.flags)).toEqual([[], ['jump'], []]);
    });

    it('keeps daily vehicle_positions partitions: created ahead, rows moved out of the default partition, old ones dropped', async () => {
      const parts = await listPartitions(db(), 'vehicle_positions');
      expect(parts).toContain('vehicle_positions_p20261123');
      expect(parts).toContain('vehicle_positions_p20261125');
      // A row for a day without a partition lands in the default partition, and is moved when the day comes.
      const tid = await terminal('phone-5');
      const later = Date.UTC(2026, 10, 27, 3);
      await db().execute(
        sql`insert into vehicle_positions (terminal_id, ts, received_at, lat, lon) values (${tid}, ${new Date(later)}, ${FIXED_NOW}, 31, 120)`,
      );
      env.clock.set(new Date(Date.UTC(2026, 10, 26, 1)));
      const result = await app.park.positions.maintainPartitions(env.clock.now());
      expect(result.created).toContain('vehicle_positions_p20261127');
      expect(result.moved).toBe(1);
      const [n] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from vehicle_positions_p20261127`);
      expect(Number(n!.n)).toBe(1);
      // Retention: 400 days on, the early partitions are dropped.
      const far = new Date(Date.UTC(2027, 11, 31, 1));
      const r2 = await app.park.positions.maintainPartitions(far);
      expect(r2.dropped).toContain('vehicle_positions_p20261123');
      env.clock.set(FIXED_NOW);
    });

    it('shows the listeners, counters and rejections to park.read', async () => {
      const unit = await buildUnit(db());
      await buildUser(db(), { username: 'h3reader', unitId: unit.id, roles: ['safetyOfficer'] });
      await buildUser(db(), { username: 'h3nobody', unitId: unit.id, roles: [] });
      const reader = await login(app.app, 'h3reader');
      const res = await reader.get('/api/park/positions/status');
      expect(res.statusCode).toBe(200);
      const s = res.json<{ listeners: { osmand: { port: number } }; counters: { accepted: number }; rejectedByReason: { reason: string }[] }>();
      expect(s.listeners.osmand.port).toBe(osmandPort);
      expect(s.counters.accepted).toBeGreaterThan(0);
      expect(s.rejectedByReason.map((r) => r.reason)).toContain('badNumber');
      const nobody = await login(app.app, 'h3nobody');
      expect((await nobody.get('/api/park/positions/status')).statusCode).toBe(403);
    });
  });
}
