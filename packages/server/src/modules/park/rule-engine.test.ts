// The rule engine driven without a database: an in-memory RuleSource and a recording ParkAlarms. Checks every rule's
// raise and clear, de-duplication, the restart rebuild from openKeys, and that evaluating 10,000 positions against
// 200 geofences reads nothing and writes nothing when no rule changes (counts calls; no timings).
import { describe, expect, it } from 'vitest';
import { defaultParkRuleSettings, type LonLat } from '@zoneops/shared';
import { ManualClock } from '../../platform/clock.ts';
import type { ParkAlarmKey, ParkAlarmRaise, ParkAlarms, StoredPosition } from './contracts.ts';
import { ParkRuleEngine } from './rule-engine.ts';
import type { RuleData, RuleSource } from './rule-source.ts';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const MIN = 60_000;
const LON0 = 117.6;
const LAT0 = 23.8;
const M_LAT = 1 / 111_195;
const M_LON = M_LAT / Math.cos((LAT0 * Math.PI) / 180);
/** A position x metres east and y metres north of the origin. */
const at = (x: number, y: number): LonLat => [LON0 + x * M_LON, LAT0 + y * M_LAT];
const rect = (x0: number, y0: number, x1: number, y1: number): LonLat[][] => [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]];
const poly = (id: string, kind: string, r: LonLat[][], extra: { speedLimitKmh?: number } = {}) => ({
  id,
  kind,
  geometry: { type: 'Polygon', coordinates: r },
  widthM: null,
  speedLimitKmh: extra.speedLimitKmh ?? null,
});

const V1 = '00000000-0000-4000-8000-000000000001';
const V2 = '00000000-0000-4000-8000-000000000002';
const ENT = '00000000-0000-4000-8000-0000000000e1';

function baseData(): RuleData {
  return {
    settings: { ...defaultParkRuleSettings },
    geofences: [
      poly('boundary', 'boundary', rect(0, 0, 5000, 5000)),
      poly('zone', 'speedZone', rect(1000, 0, 2000, 1000), { speedLimitKmh: 20 }),
      poly('restricted', 'restricted', rect(3000, 3000, 3500, 3500)),
      poly('lot', 'parking', rect(4000, 0, 4500, 500)),
      { id: 'route', kind: 'route', geometry: { type: 'LineString', coordinates: [at(0, 100), at(4000, 100)] }, widthM: 40, speedLimitKmh: null },
    ],
    vehicles: [
      { id: V1, plate: '闽E12345', enterpriseId: null },
      { id: V2, plate: '闽E67890', enterpriseId: ENT },
    ],
    appointments: [
      {
        id: 'ap1',
        vehicleId: V1,
        enterpriseId: ENT,
        routeId: 'route',
        status: 'approved',
        windowStart: new Date(T0 - 60 * MIN),
        windowEnd: new Date(T0 + 60 * MIN),
      },
    ],
    visits: [],
    bound: [],
  };
}

class Recording implements ParkAlarms {
  raises: ParkAlarmRaise[] = [];
  clears: ParkAlarmKey[] = [];
  open: { plate: string; rule: string; cleared: boolean }[] = [];
  raise(r: ParkAlarmRaise) {
    this.raises.push(r);
    return Promise.resolve({ alarmId: String(this.raises.length), created: true });
  }
  clear(key: ParkAlarmKey) {
    this.clears.push(key);
    return Promise.resolve(true);
  }
  openKeys() {
    return Promise.resolve(this.open);
  }
}

function setup(data = baseData(), alarms = new Recording()) {
  const calls = { load: 0, last: 0 };
  const source: RuleSource = {
    load: () => {
      calls.load++;
      return Promise.resolve(data);
    },
    lastPositions: () => {
      calls.last++;
      return Promise.resolve(new Map());
    },
  };
  const clock = new ManualClock(new Date(T0));
  const log = { warn: () => undefined, error: () => undefined } as never;
  const engine = new ParkRuleEngine(source, alarms, { clock, log });
  return { engine, alarms, calls, clock, data };
}

let seq = 0;
const pos = (vehicleId: string | null, p: LonLat, ts: number, speedKmh: number | null, flags: string[] = []): StoredPosition => ({
  protocol: 'jt808',
  identifier: '1',
  ts,
  lat: p[1],
  lon: p[0],
  speedKmh,
  course: null,
  altitudeM: null,
  accuracyM: null,
  alarmFlags: 0,
  status: 0,
  terminalId: `t${seq++}`,
  vehicleId,
  receivedAt: ts,
  flags,
});
const rules = (a: Recording) => a.raises.map((r) => `${r.plate}:${r.rule}`);

describe('park rule engine', () => {
  it('off route: one alarm for many positions off the corridor, cleared back on it', async () => {
    const { engine, alarms } = setup();
    const drive: StoredPosition[] = [];
    for (let i = 0; i < 10; i++) drive.push(pos(V1, at(200 + i * 50, 100), T0 + i * 1000, 30)); // on the route
    await engine.onPositions(drive);
    expect(alarms.raises).toEqual([]);
    const off: StoredPosition[] = [];
    for (let i = 0; i < 20; i++) off.push(pos(V1, at(800, 100 + 30 + i * 10), T0 + 20_000 + i * 1000, 30));
    await engine.onPositions(off.slice(0, 5));
    await engine.onPositions(off.slice(5));
    expect(rules(alarms)).toEqual(['闽E12345:offRoute']);
    expect(alarms.raises[0]).toMatchObject({ level: 'red', geofenceId: 'route', appointmentId: 'ap1', enterpriseId: ENT, threshold: 20 });
    await engine.onPositions([pos(V1, at(900, 105), T0 + 60_000, 30)]);
    expect(alarms.clears).toEqual([{ plate: '闽E12345', rule: 'offRoute' }]);
  });

  it('overspeed in a speed zone with hysteresis; the park default elsewhere; jumps ignored', async () => {
    const { engine, alarms } = setup();
    let t = T0;
    const feed = (x: number, speed: number, flags: string[] = []) => engine.onPositions([pos(V2, at(x, 500), (t += 1000), speed, flags)]);
    await feed(1500, 25);
    await feed(1500, 30);
    expect(alarms.raises).toMatchObject([{ rule: 'overspeed', value: 25, threshold: 20, geofenceId: 'zone', level: 'orange', enterpriseId: ENT }]);
    await feed(1500, 17); // under the limit but within the hysteresis
    await feed(1500, 14);
    expect(alarms.clears).toEqual([]);
    await feed(1500, 12);
    expect(alarms.clears).toEqual([{ plate: '闽E67890', rule: 'overspeed' }]);
    await feed(2500, 99, ['jump']);
    expect(alarms.raises).toHaveLength(1);
    await feed(2500, 45); // the park default, 40
    expect(alarms.raises[1]).toMatchObject({ rule: 'overspeed', threshold: 40, geofenceId: 'boundary' });
    await feed(6000, 80); // outside the park: no limit; counts as calm
    await feed(6100, 80);
    expect(alarms.clears).toHaveLength(2);
  });

  it('restricted area raised on entering, cleared on leaving', async () => {
    const { engine, alarms } = setup();
    await engine.onPositions([pos(V2, at(3100, 3100), T0, 10), pos(V2, at(3200, 3100), T0 + 1000, 10), pos(V2, at(3300, 3100), T0 + 2000, 10)]);
    expect(alarms.raises).toMatchObject([{ rule: 'restrictedArea', level: 'red', geofenceId: 'restricted' }]);
    await engine.onPositions([pos(V2, at(3600, 3100), T0 + 3000, 10)]);
    expect(alarms.clears).toEqual([{ plate: '闽E67890', rule: 'restrictedArea' }]);
  });

  it('parked outside a lot for N minutes via checkTimers; not in a lot; cleared when moving', async () => {
    const { engine, alarms, clock } = setup();
    await engine.onPositions([pos(V2, at(2500, 2500), T0, 0)]);
    clock.advance(9 * MIN);
    await engine.checkTimers(clock.now());
    expect(alarms.raises).toEqual([]);
    clock.advance(2 * MIN);
    await engine.checkTimers(clock.now());
    await engine.checkTimers(clock.now());
    expect(alarms.raises).toMatchObject([{ rule: 'parkedOutside', value: 11, threshold: 10, level: 'orange' }]);
    await engine.onPositions([pos(V2, at(2510, 2500), T0 + 11 * MIN + 1000, 20)]);
    expect(alarms.clears).toEqual([{ plate: '闽E67890', rule: 'parkedOutside' }]);
    // stopped inside the lot: nothing
    await engine.onPositions([pos(V2, at(4200, 200), T0 + 12 * MIN, 0)]);
    clock.advance(30 * MIN);
    await engine.checkTimers(clock.now());
    expect(alarms.raises).toHaveLength(1);
  });

  it('overstay and position lost from checkTimers', async () => {
    const data = baseData();
    data.visits = [{ id: 'visit1', vehicleId: V1, plate: '闽E12345', appointmentId: 'ap1', enteredAt: new Date(T0 - 30 * MIN) }];
    data.bound = [V1];
    const { engine, alarms, clock, calls } = setup(data);
    await engine.onPositions([pos(V1, at(500, 100), T0, 20)]);
    clock.advance(4 * MIN);
    await engine.checkTimers(clock.now());
    expect(alarms.raises).toEqual([]);
    clock.advance(2 * MIN);
    await engine.checkTimers(clock.now());
    expect(alarms.raises).toMatchObject([{ rule: 'positionLost', level: 'yellow', value: 6, threshold: 5, appointmentId: 'ap1' }]);
    await engine.onPositions([pos(V1, at(600, 100), clock.now().getTime(), 20)]);
    expect(alarms.clears).toEqual([{ plate: '闽E12345', rule: 'positionLost' }]);
    expect(calls.last).toBe(0);
    // the window ends at T0 + 60 min
    clock.set(new Date(T0 + 61 * MIN));
    await engine.onPositions([pos(V1, at(600, 100), clock.now().getTime(), 20)]);
    await engine.checkTimers(clock.now());
    expect(rules(alarms)).toEqual(['闽E12345:positionLost', '闽E12345:overstay']);
    expect(alarms.raises[1]).toMatchObject({ value: 1, threshold: 0, enterpriseId: ENT });
    await engine.checkTimers(clock.now());
    expect(alarms.raises).toHaveLength(2);
    data.visits = [];
    await engine.checkTimers(clock.now());
    expect(alarms.clears.at(-1)).toEqual({ plate: '闽E12345', rule: 'overstay' });
  });

  it('a restarted engine rebuilds the active rules from openKeys and does not raise again', async () => {
    const alarms = new Recording();
    alarms.open = [
      { plate: '闽E67890', rule: 'restrictedArea', cleared: false },
      { plate: '闽E67890', rule: 'overspeed', cleared: true },
      { plate: '闽E67890', rule: 'gate', cleared: false },
    ];
    const { engine } = setup(baseData(), alarms);
    await engine.onPositions([pos(V2, at(3100, 3100), T0, 10)]);
    expect(alarms.raises).toEqual([]);
    await engine.onPositions([pos(V2, at(1500, 500), T0 + 1000, 30)]);
    expect(rules(alarms)).toEqual(['闽E67890:overspeed']);
    expect(alarms.clears).toEqual([{ plate: '闽E67890', rule: 'restrictedArea' }]);
  });

  it('10,000 positions against 200 geofences: no read and no write when no rule changes', async () => {
    const data = baseData();
    // 200 fences: 40 of each area kind in a grid away from the drive, plus the boundary
    data.geofences = [poly('boundary', 'boundary', rect(-100, -100, 20_000, 20_000))];
    for (let i = 0; i < 199; i++) {
      const x = 1000 + (i % 20) * 900;
      const y = 2000 + Math.floor(i / 20) * 900;
      const kind = ['speedZone', 'parking', 'restricted'][i % 3]!;
      data.geofences.push(poly(`f${i}`, kind, rect(x, y, x + 500, y + 500), kind === 'speedZone' ? { speedLimitKmh: 60 } : {}));
    }
    const { engine, alarms, calls } = setup(data);
    const batch: StoredPosition[] = [];
    for (let i = 0; i < 10_000; i++) {
      const x = (i * 37) % 18_000;
      // moving at 30 km/h on a road (y 500 or 1500) or between the fences
      batch.push(pos(i % 2 ? V1 : V2, at(x, i % 4 < 2 ? 500 : 1500), T0 + i * 1000, 30));
    }
    for (let i = 0; i < batch.length; i += 500) await engine.onPositions(batch.slice(i, i + 500));
    expect(calls.load).toBe(1);
    expect(alarms.clears).toEqual([]);
    expect(calls.last).toBe(0);
    expect(alarms.raises).toEqual([]);
  });
});
