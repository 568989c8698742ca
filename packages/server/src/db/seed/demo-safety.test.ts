// The demo safety plan (pure) and the simulator's signals over its points (bench/fleet): normal readings stay in
// range and never raise an alarm under the platform's own rule; an excursion raises exactly one alarm past the
// threshold it aims at, then clears; the same seed gives the same readings; station frames parse.
import { describe, expect, it } from 'vitest';
import { buildFrame, defaultBandLevels, evaluateThreshold, initialThresholdState, parseFrame, type AlarmEvent, type ThresholdRule } from '@zoneops/shared';
import { excursionBands, normalBand, PointSignal, realtimeSegment, sendersOf } from '../../../../../bench/fleet/index.ts';
import { buildDemoZone, BOUNDARY, insidePolygon, mulberry32 } from './demo-data.ts';
import { buildDemoSafetyPlan, type DemoDevicesFile, type PlanPoint } from './demo-safety.ts';

const zone = buildDemoZone();
const plan = buildDemoSafetyPlan(zone, '2026-11-23');
const T0 = Date.parse('2026-11-23T00:00:00Z');
const ruleOf = (p: PlanPoint): ThresholdRule => ({
  thresholds: p.thresholds,
  levels: defaultBandLevels,
  deadband: p.deadband,
  minDurationMs: p.minDurationS * 1000,
});

/** Readings of a signal from t0 every interval for `ms`, with the alarm events the platform's rule gives them. */
function run(signal: PointSignal, p: PlanPoint, t0: number, ms: number, intervalMs = p.intervalS * 1000) {
  let state = initialThresholdState;
  const values: number[] = [];
  const events: AlarmEvent[] = [];
  for (let ts = t0; ts < t0 + ms; ts += intervalMs) {
    const v = signal.next(ts, intervalMs);
    values.push(v);
    const r = evaluateThreshold(state, v, ts, ruleOf(p));
    state = r.state;
    if (r.event) events.push(r.event);
  }
  return { values, events };
}

describe('demo safety plan', () => {
  it('is deterministic for a day and has about 2,000 points on twelve sources', () => {
    expect(buildDemoSafetyPlan(zone, '2026-11-23')).toEqual(plan);
    expect(plan.sources).toHaveLength(12);
    expect(plan.points.length).toBeGreaterThan(1900);
    expect(plan.points.length).toBeLessThan(2100);
    expect(plan.devices.filter((d) => d.kind === 'station').map((d) => d.mn)).toEqual(['35062300GL00000000000001', '35062300GL00000000000002']);
  });

  it('gives every point sound thresholds, a unique tag on its device and a place inside the zone', () => {
    const ring = [...BOUNDARY, BOUNDARY[0]!];
    const tags = new Set<string>();
    for (const p of plan.points) {
      const key = `${p.device}|${p.tag}`;
      expect(tags.has(key), key).toBe(false);
      tags.add(key);
      expect(p.tag).toMatch(/^([A-Z]{2}-\d{4}|[aw]\d{5})$/);
      const t = [p.thresholds.ll, p.thresholds.l, p.thresholds.h, p.thresholds.hh].filter((x): x is number => x !== null);
      for (let i = 1; i < t.length; i++) expect(t[i - 1]!, p.tag).toBeLessThan(t[i]!);
      expect(Math.min(...t)).toBeGreaterThan(p.range[0]);
      expect(Math.max(...t)).toBeLessThan(p.range[1]);
      expect(p.setPoint).toBeGreaterThanOrEqual(p.thresholds.l ?? p.range[0]);
      expect(p.setPoint).toBeLessThan(p.thresholds.h!);
      expect(insidePolygon(p.lng, p.lat, ring)).toBe(true);
    }
    // every device but a gateway carries points; a gateway's devices have distinct names
    const carrying = new Set(plan.points.map((p) => p.device));
    for (const d of plan.devices) expect(carrying.has(d.key), d.name).toBe(d.kind !== 'gateway');
    for (const g of plan.devices.filter((d) => d.kind === 'gateway')) {
      const names = plan.devices.filter((d) => d.gateway === g.key).map((d) => d.name);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe('simulator signals over the demo points', () => {
  it('keep normal readings in range and inside the thresholds for three hours: no alarm at all', () => {
    const rng = mulberry32(1);
    for (const p of plan.points) {
      const signal = new PointSignal(p, mulberry32(Math.floor(rng() * 2 ** 32)));
      const { values, events } = run(signal, p, T0, 3 * 3_600_000);
      expect(events, p.tag).toEqual([]);
      // the band normal values live in lies inside each threshold by more than the deadband
      const band = normalBand(p);
      const { h, l } = p.thresholds;
      if (h !== null) expect(band.hi, p.tag).toBeLessThan(h - p.deadband);
      if (l !== null) expect(band.lo, p.tag).toBeGreaterThan(l + p.deadband);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(Math.max(p.range[0], band.lo - 1e-9));
      expect(Math.max(...values)).toBeLessThanOrEqual(Math.min(p.range[1], band.hi + 1e-9));
    }
  });

  it('are the same for the same seed', () => {
    const p = plan.points[5]!;
    const a = run(new PointSignal(p, mulberry32(42)), p, T0, 3_600_000).values;
    const b = run(new PointSignal(p, mulberry32(42)), p, T0, 3_600_000).values;
    const c = run(new PointSignal(p, mulberry32(43)), p, T0, 3_600_000).values;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('swing temperatures with the day and keep gases near zero', () => {
    const tt = plan.points.find((p) => p.kind === 'temperature')!;
    const signal = new PointSignal(tt, mulberry32(7));
    const { values } = run(signal, tt, T0, 10 * 86_400_000, 600_000);
    const at = (hourUtc: number) => {
      const picked = values.filter((_, i) => Math.floor(((i * 600_000) % 86_400_000) / 3_600_000) === hourUtc);
      return picked.reduce((s, v) => s + v, 0) / picked.length;
    };
    expect(at(6)).toBeGreaterThan(at(18));
    const gas = plan.points.find((p) => p.kind === 'combustibleGas')!;
    const g = run(new PointSignal(gas, mulberry32(8)), gas, T0, 3_600_000).values;
    expect(Math.max(...g)).toBeLessThan(gas.thresholds.h! / 4);
  });

  it('raise exactly one alarm past the aimed threshold for each excursion, and clear it afterwards', () => {
    const rng = mulberry32(2);
    const sample = plan.points.filter((_, i) => i % 7 === 0);
    let checked = 0;
    for (const p of sample) {
      for (const band of excursionBands(p.thresholds)) {
        const signal = new PointSignal(p, mulberry32(Math.floor(rng() * 2 ** 32)));
        const intervalMs = p.intervalS * 1000;
        const before = run(signal, p, T0, 10 * intervalMs);
        const start = T0 + 10 * intervalMs;
        const e = signal.startExcursion(start, intervalMs, band)!;
        expect(e.band).toBe(band);
        expect(signal.startExcursion(start, intervalMs)).toBeNull(); // one at a time
        const after = run(signal, p, start, e.end - start + 20 * intervalMs);
        const events = [...before.events, ...after.events];
        const raises = events.filter((x) => x.kind === 'raise');
        expect(raises, `${p.tag} ${band}`).toHaveLength(1);
        expect(raises[0]).toMatchObject({ band });
        expect(events.at(-1)?.kind, `${p.tag} ${band}`).toBe('clear');
        expect(Math.min(...after.values)).toBeGreaterThanOrEqual(p.range[0]);
        expect(Math.max(...after.values)).toBeLessThanOrEqual(p.range[1]);
        expect(signal.excursion).toBeNull();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('simulator senders and stations', () => {
  const point = plan.points[0]!;
  const fp = { id: 'p', tag: point.tag, name: point.name, kind: point.kind, unit: point.unit, range: point.range, thresholds: point.thresholds };
  const filePoint = { ...fp, deadband: point.deadband, minDurationS: point.minDurationS, intervalS: point.intervalS, setPoint: point.setPoint };
  const file: DemoDevicesFile = {
    version: 1,
    generatedAt: '2026-11-23T01:00:00.000Z',
    baseUrl: 'http://localhost:3000',
    mqtt: { port: 1883, url: null },
    hj212: { port: 6012 },
    devices: [
      {
        id: 'g',
        name: 'GW',
        kind: 'gateway',
        enterprise: 'E',
        token: 'tg',
        points: [],
        children: ['A', 'B'].map((n) => ({ id: n, name: n, points: [filePoint] })),
      },
      { id: 'd', name: 'D', kind: 'device', enterprise: 'E', token: 'td', points: [filePoint] },
    ],
    stations: [],
  };

  it('connect per gateway by default, or each device of a gateway with the gateway token', () => {
    expect(sendersOf(file).map((s) => [s.kind, s.name, s.token, s.devices.map((d) => d.name)])).toEqual([
      ['gateway', 'GW', 'tg', ['A', 'B']],
      ['device', 'D', 'td', ['D']],
    ]);
    expect(sendersOf(file, 'device').map((s) => [s.kind, s.name, s.token, s.devices.map((d) => d.name)])).toEqual([
      ['gateway', 'A', 'tg', ['A']],
      ['gateway', 'B', 'tg', ['B']],
      ['device', 'D', 'td', ['D']],
    ]);
  });

  it('send HJ 212 real-time frames that the platform parser reads back', () => {
    const at = Date.parse('2026-11-23T01:00:30.250Z');
    const r = parseFrame(buildFrame(realtimeSegment({ mn: '35062300GL00000000000001', st: '22', pw: '123456' }, at, { a34004: 34.2, a21005: 0.81 })));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frame).toMatchObject({ cn: '2011', st: '22', mn: '35062300GL00000000000001', kind: 'realtime', qn: '20261123090030250', flag: 5 });
    expect(r.frame.dataTime?.toISOString()).toBe('2026-11-23T01:00:30.000Z');
    expect(r.frame.factors).toEqual({ a34004: { Rtd: 34.2, Flag: 'N' }, a21005: { Rtd: 0.81, Flag: 'N' } });
  });
});
