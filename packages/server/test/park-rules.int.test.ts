// The rule engine on positions (issue 8) over the database, through app.park.rules (the position pipeline's sink)
// and the real ParkAlarms: a vehicle driven off its designated route raises ONE offRoute alarm however many positions
// it sends off the corridor, and back in the corridor clears it; overspeed in a speed zone; a restricted area;
// stopped outside a parking lot for N minutes found by checkTimers with the manual clock; overstay past the
// appointment window and its clear when the visit closes; position lost and its clear by the next position; a second
// instance on the same database (a restart) raises nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { completeUscc, type LonLat } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { carriers, enterprises, entryAppointments, geofences, parkPeople, parkVehicles, parkVisits, positionTerminals } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import type { StoredPosition } from '../src/modules/park/contracts.ts';
import { createEnv, engines, FIXED_NOW, type TestEnv } from './harness.ts';

const MIN = 60_000;
const T0 = FIXED_NOW.getTime();
const LON0 = 117.6;
const LAT0 = 23.8;
const M_LAT = 1 / 111_195;
const M_LON = M_LAT / Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number): LonLat => [LON0 + x * M_LON, LAT0 + y * M_LAT];
const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]],
});
const PLATES = { route: '闽E12345', speed: '闽E67890', parked: '闽E11111', stay: '闽E22222', lost: '闽E33333' } as const;
type Who = keyof typeof PLATES;

for (const engine of engines()) {
  describe(`park rules on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    const v = {} as Record<Who, string>;
    const f = { boundary: '', zone: '', restricted: '', lot: '', route: '' };
    const appt = { route: '', stay: '', lost: '' };
    let e1 = '';
    let stayVisit = '';
    const db = () => env.database.db;
    const last = new Map<Who, number>();
    /** Positions of one vehicle, one a second after its last (or at the clock). */
    const drive = async (who: Who, points: [number, number, number][], rules = app.park.rules) => {
      const out: StoredPosition[] = points.map(([x, y, speed]) => {
        const ts = Math.max((last.get(who) ?? 0) + 1000, env.clock.now().getTime());
        last.set(who, ts);
        const [lon, lat] = at(x, y);
        return {
          protocol: 'jt808',
          identifier: '13800000000',
          ts,
          lat,
          lon,
          speedKmh: speed,
          course: 90,
          altitudeM: null,
          accuracyM: null,
          alarmFlags: 0,
          status: 0,
          terminalId: '00000000-0000-4000-8000-000000000000',
          vehicleId: v[who],
          receivedAt: ts,
          flags: [],
        };
      });
      await rules.onPositions(out);
      await rules.idle();
    };
    const alarmsOf = (who: Who, rule: string) =>
      queryRows<{
        id: string;
        level: string;
        occurrences: number;
        cleared: boolean;
        value: number | null;
        threshold: number | null;
        geofenceId: string | null;
        appointmentId: string | null;
        enterpriseId: string | null;
        vehicleId: string | null;
      }>(
        db(),
        sql`select id, level, occurrences, cleared_at is not null as cleared, value, threshold, geofence_id as "geofenceId",
              appointment_id as "appointmentId", enterprise_id as "enterpriseId", vehicle_id as "vehicleId"
            from safety_alarms where plate = ${PLATES[who]} and rule = ${rule} order by raised_at`,
      );
    const eventCount = async () => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from safety_alarm_events`))[0]!.n;

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const d = db();
      const [e] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA3000001') })
        .returning();
      e1 = e!.id;
      const [c] = await d.insert(carriers).values({ name: '漳州危运', licenceNo: '闽交运管许可漳字350600001号' }).returning();
      const [driver] = await d.insert(parkPeople).values({ kind: 'driver', name: '张三', qualificationNo: 'Q1' }).returning();
      for (const who of Object.keys(PLATES) as Who[]) {
        const [row] = await d
          .insert(parkVehicles)
          .values({ plate: PLATES[who], category: 'hazmat', body: 'tank', hazmatClasses: ['3'], carrierId: c!.id })
          .returning();
        v[who] = row!.id;
      }
      const fence = async (kind: string, name: string, geometry: unknown, extra: { widthM?: number; speedLimitKmh?: number; capacity?: number } = {}) =>
        (
          await d
            .insert(geofences)
            .values({ kind, name, geometry, ...extra })
            .returning()
        )[0]!.id;
      f.boundary = await fence('boundary', '园区', rect(0, 0, 5000, 5000));
      f.zone = await fence('speedZone', '厂前区', rect(1000, 0, 2000, 1000), { speedLimitKmh: 20 });
      f.restricted = await fence('restricted', '罐区', rect(3000, 3000, 3500, 3500));
      f.lot = await fence('parking', '停车场', rect(4000, 0, 4500, 500), { capacity: 20 });
      f.route = await fence('route', '专用道', { type: 'LineString', coordinates: [at(0, 100), at(4000, 100)] }, { widthM: 40 });
      const appointment = async (who: Who, start: number, end: number, routeId: string | null) =>
        (
          await d
            .insert(entryAppointments)
            .values({
              code: `A-${who}`,
              carrierId: c!.id,
              vehicleId: v[who],
              plate: PLATES[who],
              driverId: driver!.id,
              cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 20, unit: 't' }],
              waybillNo: `W-${who}`,
              enterpriseId: e1,
              routeId,
              windowStart: new Date(start),
              windowEnd: new Date(end),
              status: 'approved',
            })
            .returning()
        )[0]!.id;
      appt.route = await appointment('route', T0 - 60 * MIN, T0 + 600 * MIN, f.route);
      appt.stay = await appointment('stay', T0 - 180 * MIN, T0 - 10 * MIN, null);
      appt.lost = await appointment('lost', T0 - 60 * MIN, T0 + 600 * MIN, null);
      const [visit] = await d
        .insert(parkVisits)
        .values({ subjectKind: 'vehicle', plate: PLATES.stay, vehicleId: v.stay, appointmentId: appt.stay, enteredAt: new Date(T0 - 120 * MIN) })
        .returning();
      stayVisit = visit!.id;
      await d
        .insert(parkVisits)
        .values({ subjectKind: 'vehicle', plate: PLATES.lost, vehicleId: v.lost, appointmentId: appt.lost, enteredAt: new Date(T0 - 30 * MIN) });
      await d.insert(positionTerminals).values({ protocol: 'jt808', identifier: '13800000005', vehicleId: v.lost });
      // loads the engine and judges the timers once (the overstaying vehicle is raised now)
      await app.park.rules.checkTimers(env.clock.now());
    });
    afterAll(() => env?.close());

    it('a vehicle driven off its route raises one offRoute alarm; back on the route clears it', async () => {
      await drive('route', [
        [100, 100, 30],
        [300, 105, 30],
        [500, 95, 30],
      ]);
      expect(await alarmsOf('route', 'offRoute')).toEqual([]);
      const off: [number, number, number][] = [];
      for (let i = 0; i < 30; i++) off.push([600 + i * 10, 130 + i * 20, 30]);
      await drive('route', off.slice(0, 10));
      await drive('route', off.slice(10));
      const [a, ...more] = await alarmsOf('route', 'offRoute');
      expect(more).toEqual([]);
      expect(a).toMatchObject({
        level: 'red',
        occurrences: 1,
        cleared: false,
        geofenceId: f.route,
        appointmentId: appt.route,
        enterpriseId: e1,
        vehicleId: v.route,
        threshold: 20,
      });
      await drive('route', [[1000, 110, 30]]);
      expect(await alarmsOf('route', 'offRoute')).toMatchObject([{ id: a!.id, cleared: true, occurrences: 1 }]);
    });

    it('overspeed in a speed zone, cleared under the limit with hysteresis', async () => {
      await drive('speed', [
        [1200, 500, 18],
        [1300, 500, 28],
        [1400, 500, 31],
        [1500, 500, 27],
      ]);
      const [a] = await alarmsOf('speed', 'overspeed');
      expect(a).toMatchObject({ level: 'orange', occurrences: 1, cleared: false, geofenceId: f.zone, value: 28, threshold: 20 });
      await drive('speed', [
        [1600, 500, 14],
        [1700, 500, 12],
      ]);
      expect(await alarmsOf('speed', 'overspeed')).toMatchObject([{ cleared: true }]);
    });

    it('restricted area: raised inside, cleared on leaving, returned on entering again', async () => {
      await drive('speed', [
        [3100, 3100, 10],
        [3200, 3200, 10],
      ]);
      expect(await alarmsOf('speed', 'restrictedArea')).toMatchObject([{ level: 'red', cleared: false, geofenceId: f.restricted }]);
      await drive('speed', [[3600, 3200, 10]]);
      expect(await alarmsOf('speed', 'restrictedArea')).toMatchObject([{ cleared: true }]);
      await drive('speed', [[3400, 3200, 10]]);
      expect(await alarmsOf('speed', 'restrictedArea')).toMatchObject([{ cleared: false, occurrences: 2 }]);
    });

    it('overstay: raised once past the window', async () => {
      const [a] = await alarmsOf('stay', 'overstay');
      expect(a).toMatchObject({ level: 'orange', cleared: false, appointmentId: appt.stay, enterpriseId: e1, value: 10, threshold: 0 });
      await app.park.rules.checkTimers(env.clock.now());
      expect(await alarmsOf('stay', 'overstay')).toMatchObject([{ occurrences: 1 }]);
    });

    it('a second instance on the same database (a restart) raises nothing again', async () => {
      const second = await env.start();
      const before = await eventCount();
      await drive('speed', [[3300, 3300, 10]], second.park.rules);
      await second.park.rules.checkTimers(env.clock.now());
      expect(await eventCount()).toBe(before);
      expect(await alarmsOf('speed', 'restrictedArea')).toMatchObject([{ occurrences: 2, cleared: false }]);
      expect(await alarmsOf('stay', 'overstay')).toMatchObject([{ occurrences: 1 }]);
      await drive('speed', [[3700, 3300, 10]], second.park.rules);
      expect(await alarmsOf('speed', 'restrictedArea')).toMatchObject([{ cleared: true }]);
    });

    it('position lost after N minutes (checkTimers), cleared by the next position', async () => {
      await drive('lost', [[4200, 200, 0]]);
      env.clock.advance(4 * MIN);
      await app.park.rules.checkTimers(env.clock.now());
      expect(await alarmsOf('lost', 'positionLost')).toEqual([]);
      env.clock.advance(2 * MIN);
      await app.park.rules.checkTimers(env.clock.now());
      expect(await alarmsOf('lost', 'positionLost')).toMatchObject([{ level: 'yellow', cleared: false, value: 6, threshold: 5, appointmentId: appt.lost }]);
      await drive('lost', [[4210, 200, 0]]);
      expect(await alarmsOf('lost', 'positionLost')).toMatchObject([{ cleared: true }]);
    });

    it('stopped outside a parking lot for more than N minutes (checkTimers); none inside the lot; cleared when moving', async () => {
      await drive('parked', [[2500, 2500, 0]]);
      env.clock.advance(9 * MIN);
      await app.park.rules.checkTimers(env.clock.now());
      expect(await alarmsOf('parked', 'parkedOutside')).toEqual([]);
      env.clock.advance(2 * MIN);
      await app.park.rules.checkTimers(env.clock.now());
      await app.park.rules.checkTimers(env.clock.now());
      expect(await alarmsOf('parked', 'parkedOutside')).toMatchObject([{ level: 'orange', cleared: false, value: 11, threshold: 10, occurrences: 1 }]);
      await drive('parked', [[2550, 2500, 25]]);
      expect(await alarmsOf('parked', 'parkedOutside')).toMatchObject([{ cleared: true }]);
      // the vehicle waiting for the lost one (stopped in the lot for 11 minutes) raised nothing
      expect(await alarmsOf('lost', 'parkedOutside')).toEqual([]);
    });

    it('overstay clears when the visit closes', async () => {
      await queryRows(db(), sql`update park_visits set exited_at = ${env.clock.now()} where id = ${stayVisit} returning id`);
      await app.park.rules.checkTimers(env.clock.now());
      expect(await alarmsOf('stay', 'overstay')).toMatchObject([{ cleared: true }]);
    });
  });
}
