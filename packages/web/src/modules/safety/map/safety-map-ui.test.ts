import { describe, expect, it } from 'vitest';
import { alarmSummarySchema, safetyMapSchema, type AlarmSummary } from '@zoneops/shared';
import { reconnectDelay, liveUrl } from '../use-safety-live.ts';
import { initialLiveView, liveReducer, MAX_LIST, seriesQuery, worstOf, type LiveView } from './safety-map-ui.ts';
import type { OpenAlarmList } from './types.ts';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const E1 = U(101);
const E2 = U(102);
const P1 = U(201);
const P2 = U(202);

const alarm = (n: number, over: Partial<AlarmSummary> = {}): AlarmSummary =>
  alarmSummarySchema.parse({
    id: U(n),
    pointId: P1,
    pointTag: 'LT-1',
    pointName: '液位',
    unit: 'm',
    deviceId: null,
    deviceName: null,
    enterpriseId: E1,
    enterpriseName: '古雷石化',
    majorHazardId: null,
    majorHazardName: null,
    plate: null,
    checkpointName: null,
    geofenceName: null,
    lat: null,
    lon: null,
    rule: 'threshold',
    level: 'yellow',
    band: 'l',
    status: 'raised',
    value: 1.5,
    threshold: 2,
    peakValue: 1.5,
    occurrences: 1,
    raisedAt: `2026-11-23T01:0${n % 10}:00.000Z`,
    clearedAt: null,
    acknowledgedAt: null,
    handledAt: null,
    closedAt: null,
    escalation: 0,
    hazardItemId: null,
    updatedAt: `2026-11-23T01:0${n % 10}:00.000Z`,
    ...over,
  });

const map = safetyMapSchema.parse({
  enterprises: [
    { id: E1, name: '古雷石化', lng: 117.6, lat: 23.76, majorHazards: [], points: 2, openAlarms: 1, level: 'yellow' },
    { id: E2, name: '腾龙芳烃', lng: 117.62, lat: 23.78, majorHazards: [], points: 0, openAlarms: 0, level: null },
  ],
  points: [
    {
      id: P1,
      tag: 'LT-1',
      name: '液位',
      kind: 'level',
      unit: 'm',
      enterpriseId: E1,
      majorHazardId: null,
      lng: 117.6,
      lat: 23.76,
      value: 1.5,
      ts: null,
      level: 'yellow',
    },
    {
      id: P2,
      tag: 'LT-2',
      name: '液位',
      kind: 'level',
      unit: 'm',
      enterpriseId: E1,
      majorHazardId: null,
      lng: 117.6,
      lat: 23.76,
      value: 3,
      ts: null,
      level: null,
    },
  ],
  counts: { red: 0, orange: 0, yellow: 1, blue: 0 },
});

const loaded = (items: AlarmSummary[], total = items.length, since = 0, base: LiveView = initialLiveView): LiveView => {
  const counts = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const a of items) counts[a.level]++;
  const alarms: OpenAlarmList = { items, total, counts };
  return liveReducer(base, { type: 'loaded', map, alarms, since });
};
const on = (view: LiveView, change: string, a: AlarmSummary) => liveReducer(view, { type: 'alarm', change, alarm: a });

describe('the live view of the safety map', () => {
  it('adds a raised alarm first in the list, counts it, makes its point and enterprise worse and flashes them', () => {
    const start = loaded([alarm(1)]);
    const red = alarm(5, { level: 'red', band: 'hh', pointId: P2 });
    const v = on(start, 'raised', red);
    expect(v.alarms.map((a) => a.id)).toEqual([U(5), U(1)]);
    expect(v.counts).toEqual({ red: 1, orange: 0, yellow: 1, blue: 0 });
    expect(v.total).toBe(2);
    expect(v.map!.enterprises[0]).toMatchObject({ level: 'red', openAlarms: 2 });
    expect(v.map!.points.find((p) => p.id === P2)!.level).toBe('red');
    expect(v.flashes.map((f) => f.alarm.id)).toEqual([U(5)]);
  });

  it('lists and counts a park-level vehicle alarm (no enterprise, no point) without touching the map', () => {
    const start = loaded([alarm(1)]);
    const vehicle = alarm(6, {
      level: 'red',
      band: null,
      rule: 'overspeed',
      pointId: null,
      pointTag: null,
      pointName: null,
      enterpriseId: null,
      enterpriseName: null,
      plate: '闽E12345',
      geofenceName: '危化品专用道',
    });
    const v = on(start, 'raised', vehicle);
    expect(v.alarms.map((a) => a.id)).toEqual([U(6), U(1)]);
    expect(v.counts.red).toBe(1);
    expect(v.map!.enterprises).toEqual(start.map!.enterprises);
    expect(v.map!.points).toEqual(start.map!.points);
  });

  it('changes an alarm in place: a level change moves its count; an acknowledgement does not flash', () => {
    const start = loaded([alarm(1)]);
    const worse = on(start, 'levelChanged', alarm(1, { level: 'orange', updatedAt: '2026-11-23T01:30:00.000Z' }));
    expect(worse.counts).toEqual({ red: 0, orange: 1, yellow: 0, blue: 0 });
    expect(worse.alarms).toHaveLength(1);
    expect(worse.flashes).toHaveLength(1);
    expect(worse.map!.enterprises[0]).toMatchObject({ level: 'orange', openAlarms: 1 });
    const acked = on(worse, 'acknowledged', alarm(1, { level: 'orange', status: 'acknowledged', updatedAt: '2026-11-23T01:31:00.000Z' }));
    expect(acked.alarms[0]!.status).toBe('acknowledged');
    expect(acked.counts.orange).toBe(1);
    expect(acked.flashes).toHaveLength(1);
  });

  it('removes a closed alarm and its count', () => {
    const start = loaded([alarm(1), alarm(2, { level: 'blue' })]);
    const v = on(start, 'closed', alarm(1, { status: 'closed', closedAt: '2026-11-23T02:00:00.000Z', updatedAt: '2026-11-23T02:00:00.000Z' }));
    expect(v.alarms.map((a) => a.id)).toEqual([U(2)]);
    expect(v.counts).toEqual({ red: 0, orange: 0, yellow: 0, blue: 1 });
    expect(v.total).toBe(1);
  });

  it('counts alarms beyond a truncated list without double counting', () => {
    const start = loaded([alarm(1)], 5);
    expect(start.total).toBe(5);
    // an escalation of an alarm beyond the list: shown, not counted again
    const escalated = on(start, 'escalated', alarm(3, { escalation: 1 }));
    expect(escalated.total).toBe(5);
    expect(escalated.counts.yellow).toBe(1);
    // one beyond the list closes: one fewer
    const closed = on(start, 'closed', alarm(4, { status: 'closed', closedAt: '2026-11-23T02:00:00.000Z' }));
    expect(closed.total).toBe(4);
  });

  it('replays changes heard during a reload over its answer, once, without flashing again', () => {
    let v = loaded([alarm(1)]);
    const since = v.seq;
    const red = alarm(6, { level: 'red', pointId: P2 });
    v = on(v, 'raised', red);
    // the reload's answer was read before the alarm was raised
    const replayed = loaded([alarm(1)], 1, since, v);
    expect(replayed.alarms.map((a) => a.id)).toEqual([U(6), U(1)]);
    expect(replayed.counts).toEqual({ red: 1, orange: 0, yellow: 1, blue: 0 });
    expect(replayed.flashes).toHaveLength(1);
    // … or after: the answer has it already, nothing is counted twice
    const after = loaded([red, alarm(1)], 2, since, v);
    expect(after.counts).toEqual({ red: 1, orange: 0, yellow: 1, blue: 0 });
    expect(after.total).toBe(2);
    expect(after.map!.enterprises[0]!.openAlarms).toBe(1);
    // an older state of an alarm does not overwrite a newer answer
    const newer = alarm(1, { status: 'handled', updatedAt: '2026-11-23T03:00:00.000Z' });
    const kept = on(loaded([newer]), 'acknowledged', alarm(1, { status: 'acknowledged', updatedAt: '2026-11-23T02:00:00.000Z' }));
    expect(kept.alarms[0]!.status).toBe('handled');
  });

  it('keeps at most MAX_LIST alarms, newest first', () => {
    let v = loaded([]);
    const base = alarm(0);
    for (let i = 0; i < MAX_LIST + 5; i++) {
      const at = new Date(Date.UTC(2026, 10, 23, 0, 0, i)).toISOString();
      v = on(v, 'raised', { ...base, id: U(1000 + i), raisedAt: at, updatedAt: at });
    }
    expect(v.alarms).toHaveLength(MAX_LIST);
    expect(v.total).toBe(MAX_LIST + 5);
    expect(v.alarms[0]!.id).toBe(U(1000 + MAX_LIST + 4));
  });
});

describe('helpers of the live page', () => {
  it('takes the worst level', () => {
    expect(worstOf(['blue', null, 'orange', 'yellow'])).toBe('orange');
    expect(worstOf([])).toBeNull();
  });

  it('asks the series of a range ending now', () => {
    const now = Date.UTC(2026, 10, 23, 1);
    expect(seriesQuery('6h', now)).toEqual({ from: '2026-11-22T19:00:00.000Z', to: '2026-11-23T01:00:00.000Z' });
    expect(seriesQuery('30d', now).from).toBe('2026-10-24T01:00:00.000Z');
  });

  it('reconnects after 1 s doubling up to 30 s, with jitter, on the page’s own origin', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => reconnectDelay(n, 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(reconnectDelay(0, 0)).toBe(500);
    expect(liveUrl({ protocol: 'https:', host: 'zone.example:8443' })).toBe('wss://zone.example:8443/api/safety/live');
    expect(liveUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/api/safety/live');
  });
});
