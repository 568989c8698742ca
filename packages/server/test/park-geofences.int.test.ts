// Geofences (issue 8) through the API: create / update / delete by park.manage with the geometry and the fields of
// each kind checked (GEOFENCE_INVALID naming the bad part, nothing written), the list with filters and its export for
// park.read, audit records and the reload notice, the rule settings (defaults, validation, audited change).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { XLSX_MIME, type Geofence, type Page, type ParkRuleSettings } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import type { SafetyEvent } from '../src/modules/safety/safety-events.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const square = (x: number, y: number, d = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

for (const engine of engines()) {
  describe(`park geofences on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let park: Client;
    let officer: Client;
    const heard: SafetyEvent[] = [];
    const db = () => env.database.db;
    const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db(), q))[0]!.n;

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      app.safety.events.on((e) => heard.push(e));
      const d = db();
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const bureau = await buildUnit(d, { name: '应急管理局', parentId: root.id });
      await buildUser(d, { username: 'fengbi1', unitId: bureau.id, roles: ['parkOfficer'] });
      await buildUser(d, { username: 'anjian1', unitId: bureau.id, roles: ['safetyOfficer'] });
      park = await login(app.app, 'fengbi1');
      officer = await login(app.app, 'anjian1');
    });
    afterAll(() => env?.close());

    it('creates each kind; bad geometry and missing fields answer GEOFENCE_INVALID with the path and write nothing', async () => {
      const ok = async (body: unknown) => {
        const res = await park.send('POST', '/api/park/geofences', body);
        expect(res.statusCode, res.body).toBe(200);
        return res.json<Geofence>();
      };
      const boundary = await ok({ kind: 'boundary', name: '园区边界', geometry: square(117.5, 23.7, 0.2), speedLimitKmh: 40 });
      expect(boundary).toMatchObject({ kind: 'boundary', speedLimitKmh: 40, active: true, bbox: [117.5, 23.7, 117.7, 23.9] });
      await ok({ kind: 'restricted', name: '罐区禁入', geometry: square(117.6, 23.8) });
      await ok({ kind: 'parking', name: '危化品停车场', geometry: square(117.52, 23.72), capacity: 30 });
      await ok({ kind: 'speedZone', name: '厂前区限速', geometry: square(117.55, 23.75), speedLimitKmh: 20 });
      const route = await ok({
        kind: 'route',
        name: '危化品专用道',
        geometry: {
          type: 'LineString',
          coordinates: [
            [117.51, 23.71],
            [117.6, 23.71, 5],
          ],
        },
        widthM: 40,
      });
      expect(route.geometry.coordinates).toEqual([
        [117.51, 23.71],
        [117.6, 23.71],
      ]);
      // heard when the transactions commit (over LISTEN on PostgreSQL: a moment later)
      await vi.waitFor(() => expect(heard.filter((e) => e.kind === 'park' && e.what === 'geofences')).toHaveLength(5));
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'park.geofence.create'`)).toBe(5);

      const before = await count(sql`select count(*)::int as n from geofences`);
      const bad = async (body: unknown, path: string) => {
        const res = await park.send('POST', '/api/park/geofences', body);
        expect(res.statusCode, res.body).toBe(422);
        const json = res.json<{ code: string; details: { path: string }[] }>();
        expect(json.code).toBe('GEOFENCE_INVALID');
        expect(json.details.map((x) => x.path)).toContain(path);
      };
      const open = square(117.5, 23.7);
      open.coordinates[0]![4] = [117.5001, 23.7];
      await bad({ kind: 'restricted', name: 'x', geometry: open }, 'body.geometry.coordinates.0.4');
      const outOfRange = square(117.5, 23.7);
      outOfRange.coordinates[0]![2] = [117.51, 95];
      await bad({ kind: 'restricted', name: 'x', geometry: outOfRange }, 'body.geometry.coordinates.0.2.1');
      await bad(
        {
          kind: 'restricted',
          name: 'x',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [117.5, 23.7],
                [117.6, 23.7],
                [117.5, 23.7],
              ],
            ],
          },
        },
        'body.geometry.coordinates.0',
      );
      const bow = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      };
      await bad({ kind: 'parking', name: 'x', geometry: bow, capacity: 3 }, 'body.geometry.coordinates.0.2');
      await bad({ kind: 'route', name: 'x', geometry: square(117.5, 23.7), widthM: 40 }, 'body.geometry.type');
      const line = {
        type: 'LineString',
        coordinates: [
          [117.5, 23.7],
          [117.6, 23.7],
        ],
      };
      await bad({ kind: 'route', name: 'x', geometry: line }, 'body.widthM');
      await bad({ kind: 'route', name: 'x', geometry: line, widthM: 600 }, 'body.widthM');
      await bad({ kind: 'route', name: 'x', geometry: line, widthM: 5 }, 'body.widthM');
      await bad({ kind: 'speedZone', name: 'x', geometry: square(117.5, 23.7) }, 'body.speedLimitKmh');
      await bad({ kind: 'parking', name: 'x', geometry: square(117.5, 23.7) }, 'body.capacity');
      await bad({ kind: 'restricted', name: 'x', geometry: square(117.5, 23.7), widthM: 30 }, 'body.widthM');
      expect(await count(sql`select count(*)::int as n from geofences`)).toBe(before);
      // the permission: a safety officer reads but does not draw
      expect((await officer.send('POST', '/api/park/geofences', { kind: 'restricted', name: 'x', geometry: square(117.5, 23.7) })).statusCode).toBe(403);
    });

    it('lists with filters and exports for park.read', async () => {
      const all = (await officer.get('/api/park/geofences?pageSize=50')).json<Page<Geofence>>();
      expect(all.total).toBe(5);
      const routes = (await officer.get('/api/park/geofences?kind=route')).json<Page<Geofence>>();
      expect(routes.items.map((g) => g.name)).toEqual(['危化品专用道']);
      const byName = (await officer.get(`/api/park/geofences?q=${encodeURIComponent('停车')}`)).json<Page<Geofence>>();
      expect(byName.items.map((g) => g.kind)).toEqual(['parking']);
      const xlsx = await officer.get('/api/park/geofences/export?kind=route');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain(XLSX_MIME);
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'park.geofence.export'`)).toBe(1);
    });

    it('updates (merged values checked; kind kept), deactivates and deletes; a route in use is not deleted', async () => {
      const list = (await park.get('/api/park/geofences?pageSize=50')).json<Page<Geofence>>().items;
      const zone = list.find((g) => g.kind === 'speedZone')!;
      const route = list.find((g) => g.kind === 'route')!;
      let res = await park.send('PATCH', `/api/park/geofences/${zone.id}`, { speedLimitKmh: 30, active: false });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Geofence>()).toMatchObject({ speedLimitKmh: 30, active: false });
      expect((await park.get('/api/park/geofences?active=false')).json<Page<Geofence>>().items.map((g) => g.id)).toEqual([zone.id]);
      res = await park.send('PATCH', `/api/park/geofences/${zone.id}`, { speedLimitKmh: null });
      expect(res.json<{ code: string; details: { path: string }[] }>()).toMatchObject({ code: 'GEOFENCE_INVALID', details: [{ path: 'body.speedLimitKmh' }] });
      res = await park.send('PATCH', `/api/park/geofences/${route.id}`, { geometry: { type: 'LineString', coordinates: [[117.5, 23.7]] } });
      expect(res.json<{ details: { path: string }[] }>().details[0]!.path).toBe('body.geometry.coordinates');
      res = await park.send('PATCH', `/api/park/geofences/${route.id}`, { widthM: 60, name: '危化品专用道（拓宽）' });
      expect(res.json<Geofence>()).toMatchObject({ widthM: 60, name: '危化品专用道（拓宽）' });
      const [audit] = await queryRows<{ diff: { before: { widthM: number }; after: { widthM: number } } }>(
        db(),
        sql`select diff from audit_log where action = 'park.geofence.update' and entity_id = ${route.id} order by seq desc limit 1`,
      );
      expect(audit!.diff).toMatchObject({ before: { widthM: 40 }, after: { widthM: 60 } });
      expect((await park.send('PATCH', `/api/park/geofences/${route.id}`, { kind: 'restricted' })).statusCode).toBe(400);

      // a route named by an appointment not yet over is kept
      const [e] = await queryRows<{ id: string }>(db(), sql`insert into enterprises (name, uscc) values ('古雷石化', '91350623MA30000010') returning id`);
      const [c] = await queryRows<{ id: string }>(db(), sql`insert into carriers (name, licence_no) values ('运输公司', '闽交运001') returning id`);
      const [v] = await queryRows<{ id: string }>(db(), sql`insert into park_vehicles (plate, category) values ('闽E12345', 'hazmat') returning id`);
      const [p] = await queryRows<{ id: string }>(db(), sql`insert into park_people (kind, name) values ('driver', '张三') returning id`);
      await queryRows(
        db(),
        sql`insert into entry_appointments (code, carrier_id, vehicle_id, plate, driver_id, cargo, waybill_no, enterprise_id, route_id, window_start, window_end, status)
            values ('A1', ${c!.id}, ${v!.id}, '闽E12345', ${p!.id}, '[]'::jsonb, 'W1', ${e!.id}, ${route.id}, ${env.clock.now()}, ${new Date(env.clock.now().getTime() + 3_600_000)}, 'approved')
            returning id`,
      );
      res = await park.send('DELETE', `/api/park/geofences/${route.id}`);
      expect(res.statusCode).toBe(409);
      res = await park.send('DELETE', `/api/park/geofences/${zone.id}`);
      expect(res.statusCode).toBe(200);
      expect((await park.get(`/api/park/geofences/${zone.id}`)).statusCode).toBe(404);
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'park.geofence.delete'`)).toBe(1);
      expect((await officer.send('DELETE', `/api/park/geofences/${route.id}`)).statusCode).toBe(403);
    });

    it('rule settings: defaults, validation, an audited change by park.manage only', async () => {
      expect((await officer.get('/api/park/rule-settings')).json<ParkRuleSettings>()).toEqual({
        defaultSpeedLimitKmh: 40,
        parkedOutsideMinutes: 10,
        positionLostMinutes: 5,
        overstayGraceMinutes: 0,
      });
      const next = { defaultSpeedLimitKmh: 30, parkedOutsideMinutes: 15, positionLostMinutes: 3, overstayGraceMinutes: 10 };
      expect((await officer.send('PUT', '/api/park/rule-settings', next)).statusCode).toBe(403);
      expect((await park.send('PUT', '/api/park/rule-settings', { ...next, parkedOutsideMinutes: 0 })).statusCode).toBe(400);
      const res = await park.send('PUT', '/api/park/rule-settings', next);
      expect(res.statusCode, res.body).toBe(200);
      expect((await officer.get('/api/park/rule-settings')).json<ParkRuleSettings>()).toEqual(next);
      expect(await count(sql`select count(*)::int as n from audit_log where action = 'park.rules.update'`)).toBe(1);
    });
  });
}
