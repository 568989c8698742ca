// The vehicle page's hub without a database or sockets: positions batched newest per vehicle, held back for a slow
// socket and merged into its next batch; closed-park alarms only (not sensor alarms) and only to park-wide
// principals; a hopeless socket ended on an alarm; counts read once per burst of visit notices; session re-checks.
import { describe, expect, it } from 'vitest';
import type { AlarmSummary, LiveCounts } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import type { LiveSocket, RecheckResult } from '../../platform/live-socket.ts';
import type { StoredPosition } from './contracts.ts';
import { ParkLiveHub } from './live-hub.ts';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOW = Date.parse('2026-11-23T01:00:00.000Z');

function principal(over: Partial<Principal> = {}): Principal {
  return {
    userId: U(1),
    username: 'u',
    displayName: 'U',
    unitId: U(200),
    unitName: '管委会',
    unitPath: `/${U(200)}/`,
    enterpriseId: null,
    roles: [],
    permissions: new Set(['park.read']),
    scope: { all: true, unitIds: [], unitTreePaths: [], self: false },
    via: 'session',
    sessionId: 'sid',
    sessionState: 'full',
    csrfToken: null,
    totpEnabled: false,
    requireTotp: false,
    ...over,
  };
}

interface StubSocket extends LiveSocket {
  sent: { type: string; [k: string]: unknown }[];
  closedWith: [number, string] | null;
  terminated: boolean;
  bufferedAmount: number;
}

function socket(): StubSocket {
  const s: StubSocket = {
    sent: [],
    closedWith: null,
    terminated: false,
    bufferedAmount: 0,
    get open() {
      return !s.closedWith && !s.terminated;
    },
    send: (data) => s.sent.push(JSON.parse(data) as StubSocket['sent'][number]),
    ping: () => undefined,
    close: (code, reason) => {
      s.closedWith = [code, reason];
    },
    terminate: () => {
      s.terminated = true;
    },
  };
  return s;
}

const pos = (vehicleId: string | null, ts: number, lat = 23.76): StoredPosition => ({
  protocol: 'jt808',
  identifier: '1',
  ts,
  lat,
  lon: 117.6,
  speedKmh: 30,
  course: 90,
  altitudeM: null,
  accuracyM: null,
  alarmFlags: 0,
  status: 0,
  terminalId: U(900),
  vehicleId,
  receivedAt: ts,
  flags: [],
});

const alarm = (over: Partial<AlarmSummary> = {}): AlarmSummary => ({
  id: U(50),
  pointId: null,
  pointTag: null,
  pointName: null,
  unit: null,
  deviceId: null,
  deviceName: null,
  enterpriseId: null,
  enterpriseName: null,
  majorHazardId: null,
  majorHazardName: null,
  plate: '闽E12345',
  checkpointName: null,
  geofenceName: null,
  lat: null,
  lon: null,
  rule: 'overspeed',
  level: 'orange',
  band: null,
  status: 'raised',
  value: 60,
  threshold: 40,
  peakValue: 60,
  occurrences: 1,
  raisedAt: '2026-11-23T01:00:00.000Z',
  clearedAt: null,
  acknowledgedAt: null,
  handledAt: null,
  closedAt: null,
  escalation: 0,
  hazardItemId: null,
  updatedAt: '2026-11-23T01:00:00.000Z',
  ...over,
});

function hub(over: { counts?: () => Promise<LiveCounts>; recheck?: () => Promise<RecheckResult> } = {}) {
  return new ParkLiveHub({
    now: () => new Date(NOW),
    counts: over.counts ?? (() => Promise.resolve({ vehicles: 1, byCategory: {}, byHazmatClass: {}, people: 2 })),
    recheck: over.recheck ?? (() => Promise.resolve(principal())),
    limits: { highWaterBytes: 100, hardLimitBytes: 1000 },
  });
}

describe('the vehicle page hub', () => {
  it('batches the newest position per vehicle, holds back for a slow socket and merges later', () => {
    const h = hub();
    const fast = socket();
    const slow = socket();
    h.accept(fast, principal(), { kind: 'session', sessionId: 'a' });
    h.accept(slow, principal(), { kind: 'session', sessionId: 'b' });
    expect(fast.sent[0]).toMatchObject({ type: 'hello' });
    slow.bufferedAmount = 500;
    h.onPositions([pos(U(1), NOW + 2000, 23.2), pos(U(1), NOW + 1000, 23.1), pos(null, NOW)]);
    h.flush();
    expect(fast.sent[1]).toEqual({
      type: 'positions',
      positions: [
        [U(1), NOW + 2000, 23.2, 117.6, 30, 90],
        [U(900), NOW, 23.76, 117.6, 30, 90],
      ],
    });
    expect(slow.sent).toHaveLength(1);
    expect(h.stats.positionBatchesHeld).toBe(1);
    // nothing new: the fast socket gets nothing; the slow one, caught up, gets what it missed merged with the new
    slow.bufferedAmount = 0;
    h.onPositions([pos(U(2), NOW + 3000)]);
    h.flush();
    expect(fast.sent[2]).toEqual({ type: 'positions', positions: [[U(2), NOW + 3000, 23.76, 117.6, 30, 90]] });
    expect((slow.sent[1]!.positions as unknown[][]).map((p) => p[0])).toEqual([U(1), U(900), U(2)]);
    h.flush();
    expect(fast.sent).toHaveLength(3);
    expect(slow.sent).toHaveLength(2);
  });

  it('pushes closed-park alarms to park-wide principals only, never drops them, ends a hopeless socket', async () => {
    const h = hub();
    const officer = socket();
    const firm = socket();
    const behind = socket();
    h.accept(officer, principal(), { kind: 'session', sessionId: 'a' });
    h.accept(firm, principal({ enterpriseId: U(7) }), { kind: 'session', sessionId: 'b' });
    h.accept(behind, principal(), { kind: 'session', sessionId: 'c' });
    behind.bufferedAmount = 5000;
    h.onEvent({ kind: 'alarm', change: 'raised', alarm: alarm({ id: U(51), plate: null, rule: 'threshold', enterpriseId: U(7), enterpriseName: 'x' }) });
    h.onEvent({ kind: 'alarm', change: 'raised', alarm: alarm() });
    await h.drained();
    expect(officer.sent.filter((m) => m.type === 'alarm')).toEqual([{ type: 'alarm', change: 'raised', alarm: alarm() }]);
    expect(firm.sent.filter((m) => m.type === 'alarm')).toEqual([]);
    expect(behind.terminated).toBe(true);
    expect(h.stats.connections).toBe(2);
  });

  it('reads the counts once per burst of visit notices', async () => {
    let reads = 0;
    const h = hub({
      counts: () => {
        reads++;
        return Promise.resolve({ vehicles: 3, byCategory: { hazmat: 3 }, byHazmatClass: { '3': 3 }, people: reads });
      },
    });
    const s = socket();
    h.accept(s, principal(), { kind: 'session', sessionId: 'a' });
    h.onEvent({ kind: 'park', what: 'visits' });
    h.onEvent({ kind: 'park', what: 'visits' });
    h.onEvent({ kind: 'park', what: 'geofences' });
    await h.drained();
    expect(reads).toBe(1);
    expect(s.sent.filter((m) => m.type === 'counts')).toEqual([
      { type: 'counts', counts: { vehicles: 3, byCategory: { hazmat: 3 }, byHazmatClass: { '3': 3 }, people: 1 } },
    ]);
  });

  it('ends sockets whose session expired or lost park.read', async () => {
    const results: RecheckResult[] = ['expired', 'forbidden', principal()];
    const h = hub({ recheck: () => Promise.resolve(results.shift()!) });
    const [a, b, c] = [socket(), socket(), socket()];
    h.accept(a, principal(), { kind: 'session', sessionId: 'a' });
    h.accept(b, principal(), { kind: 'session', sessionId: 'b' });
    h.accept(c, principal(), { kind: 'session', sessionId: 'c' });
    await h.recheckAll();
    expect(a.closedWith?.[0]).toBe(4401);
    expect(b.closedWith?.[0]).toBe(4403);
    expect(c.closedWith).toBeNull();
    expect(h.stats.connections).toBe(1);
  });
});
