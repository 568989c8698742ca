// The live hub without a database or sockets: a LatestValues stub, stub sockets that record what they are sent, and
// stub look-ups. Backpressure (latest values skipped, alarms never; a hopeless socket ended), values only when changed
// and the newer of this instance's and the stored value, watches limited to visible points (the newest request wins),
// heartbeats, session re-checks, and invalid messages counted without harm.
import { describe, expect, it } from 'vitest';
import type { AlarmSummary } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import type { LiveCredential, LiveSocket, RecheckResult } from '../../platform/live-socket.ts';
import { LiveHub, type LiveHubParts } from './live-hub.ts';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const E1 = U(101);
const E2 = U(102);
const STREET = { id: U(201), path: `/${U(200)}/${U(201)}/` };

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
    permissions: new Set(['safety.read']),
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
  sent: unknown[];
  pings: number;
  closedWith: [number, string] | null;
  terminated: boolean;
  bufferedAmount: number;
}

function socket(): StubSocket {
  const s: StubSocket = {
    sent: [],
    pings: 0,
    closedWith: null,
    terminated: false,
    bufferedAmount: 0,
    get open() {
      return !s.closedWith && !s.terminated;
    },
    send: (data) => s.sent.push(JSON.parse(data)),
    ping: () => {
      s.pings++;
    },
    close: (code, reason) => {
      s.closedWith = [code, reason];
    },
    terminate: () => {
      s.terminated = true;
    },
  };
  return s;
}

const alarm = (id: number, enterpriseId: string | null): AlarmSummary => ({
  id: U(id),
  pointId: U(300),
  pointTag: 'LT-1',
  pointName: '液位',
  unit: 'm',
  deviceId: null,
  deviceName: null,
  enterpriseId,
  enterpriseName: enterpriseId ? '企业' : null,
  majorHazardId: null,
  majorHazardName: null,
  plate: null,
  checkpointName: null,
  geofenceName: null,
  lat: null,
  lon: null,
  rule: 'threshold',
  level: 'red',
  band: 'hh',
  status: 'raised',
  value: 9.5,
  threshold: 9,
  peakValue: 9.5,
  occurrences: 1,
  raisedAt: '2026-11-23T01:00:00.000Z',
  clearedAt: null,
  acknowledgedAt: null,
  handledAt: null,
  closedAt: null,
  escalation: 0,
  hazardItemId: null,
  updatedAt: '2026-11-23T01:00:00.000Z',
});

function hubWith(over: Partial<LiveHubParts> = {}) {
  const memory = new Map<string, { ts: number; value: number }>();
  const stored = new Map<string, { ts: number; value: number }>();
  const visible = new Set<string>([U(1), U(2), U(3)]);
  const rechecks = new Map<string, RecheckResult>();
  const streetLoads: string[][] = [];
  const errors: string[] = [];
  const hub = new LiveHub({
    latest: { get: (id) => memory.get(id) },
    now: () => new Date('2026-11-23T01:00:00Z'),
    loadStreets: async (ids) => {
      streetLoads.push(ids);
      return new Map(ids.map((id) => [id, id === E1 ? STREET : null]));
    },
    visiblePoints: async (_p, ids) => ids.filter((id) => visible.has(id)),
    recheck: async (c: LiveCredential) => rechecks.get(c.kind === 'session' ? c.sessionId : c.secret) ?? principal(),
    loadStoredLatest: async (ids) => new Map(ids.filter((id) => stored.has(id)).map((id) => [id, stored.get(id)!])),
    onError: (_err, what) => errors.push(what),
    ...over,
  });
  return { hub, memory, stored, visible, rechecks, streetLoads, errors };
}

const session = (sessionId = 'sid'): LiveCredential => ({ kind: 'session', sessionId });
const settle = () => new Promise((r) => setTimeout(r, 0));
const ofType = (s: StubSocket, type: string) => s.sent.filter((m) => (m as { type: string }).type === type);

describe('the live hub', () => {
  it('greets a new socket', () => {
    const { hub } = hubWith();
    const s = socket();
    hub.accept(s, principal(), session());
    expect(s.sent).toEqual([{ type: 'hello', at: '2026-11-23T01:00:00.000Z' }]);
    expect(hub.stats.connections).toBe(1);
  });

  it('sends alarms to those who see the enterprise: the park, its enterprise, its street; the street loaded once', async () => {
    const { hub, streetLoads } = hubWith();
    const park = socket();
    const own = socket();
    const other = socket();
    const street = socket();
    const elsewhere = socket();
    hub.accept(park, principal(), session('a'));
    hub.accept(own, principal({ enterpriseId: E1, scope: { all: false, unitIds: [], unitTreePaths: [], self: true } }), session('b'));
    hub.accept(other, principal({ enterpriseId: E2, scope: { all: false, unitIds: [], unitTreePaths: [], self: true } }), session('c'));
    hub.accept(street, principal({ scope: { all: false, unitIds: [], unitTreePaths: [STREET.path], self: false } }), session('d'));
    hub.accept(elsewhere, principal({ scope: { all: false, unitIds: [U(999)], unitTreePaths: [], self: false } }), session('e'));
    hub.onEvent({ kind: 'alarm', change: 'raised', alarm: alarm(1, E1) });
    hub.onEvent({ kind: 'alarm', change: 'acknowledged', alarm: { ...alarm(1, E1), status: 'acknowledged' } });
    await hub.drained();
    for (const s of [park, own, street]) expect(ofType(s, 'alarm').map((m) => (m as { change: string }).change)).toEqual(['raised', 'acknowledged']);
    for (const s of [other, elsewhere]) expect(ofType(s, 'alarm')).toEqual([]);
    expect(streetLoads).toEqual([[E1]]);
    // a registry change forgets the cached streets
    hub.onEvent({ kind: 'registry' });
    hub.onEvent({ kind: 'alarm', change: 'closed', alarm: alarm(1, E1) });
    await hub.drained();
    expect(streetLoads).toEqual([[E1], [E1]]);
  });

  it('sends a park-level alarm (no enterprise) to park-wide principals only, without loading a street', async () => {
    const { hub, streetLoads } = hubWith();
    const park = socket();
    const own = socket();
    const street = socket();
    hub.accept(park, principal(), session('a'));
    hub.accept(own, principal({ enterpriseId: E1, scope: { all: false, unitIds: [], unitTreePaths: [], self: true } }), session('b'));
    hub.accept(street, principal({ scope: { all: false, unitIds: [], unitTreePaths: [STREET.path], self: false } }), session('d'));
    const vehicle: AlarmSummary = { ...alarm(5, null), pointId: null, pointTag: null, pointName: null, unit: null, plate: '浙A12345', rule: 'overspeed' };
    hub.onEvent({ kind: 'alarm', change: 'raised', alarm: vehicle });
    hub.onEvent({ kind: 'park', what: 'visits' });
    await hub.drained();
    expect(ofType(park, 'alarm')).toHaveLength(1);
    for (const s of [own, street]) expect(ofType(s, 'alarm')).toEqual([]);
    expect(streetLoads).toEqual([]);
  });

  it('drops an alarm whose payload breaks the contract, and keeps going', async () => {
    const { hub, errors } = hubWith();
    const s = socket();
    hub.accept(s, principal(), session());
    hub.onEvent({ kind: 'alarm', change: 'raised', alarm: { ...alarm(1, E1), level: 'purple' as never } });
    hub.onEvent({ kind: 'alarm', change: 'raised', alarm: alarm(2, E1) });
    await hub.drained();
    expect(ofType(s, 'alarm').map((m) => (m as { alarm: { id: string } }).alarm.id)).toEqual([U(2)]);
    expect(errors).toEqual(['alarm payload']);
  });

  it('pushes watched visible points only when changed, the newer of memory and the stored table', async () => {
    const { hub, memory, stored } = hubWith();
    const s = socket();
    const c = hub.accept(s, principal(), session());
    c.receive(JSON.stringify({ watch: [U(1), U(2), U(9)] }));
    await settle();
    expect(c.watch).toEqual([U(1), U(2)]);
    hub.pushLatest();
    expect(ofType(s, 'latest')).toEqual([]);
    memory.set(U(1), { ts: 1000, value: 1.5 });
    stored.set(U(2), { ts: 500, value: 7 });
    await hub.refreshStoredLatest();
    hub.pushLatest();
    expect(ofType(s, 'latest')).toEqual([
      {
        type: 'latest',
        values: [
          [U(1), 1000, 1.5],
          [U(2), 500, 7],
        ],
      },
    ]);
    hub.pushLatest();
    expect(ofType(s, 'latest')).toHaveLength(1);
    // another instance stored a newer value of U(1): it wins over this instance's older one
    stored.set(U(1), { ts: 2000, value: 2.5 });
    await hub.refreshStoredLatest();
    hub.pushLatest();
    expect(ofType(s, 'latest').at(-1)).toEqual({ type: 'latest', values: [[U(1), 2000, 2.5]] });
  });

  it('skips latest values while the socket is backed up, never alarms; ends a socket past the hard limit', async () => {
    const { hub, memory } = hubWith({ limits: { highWaterBytes: 1000, hardLimitBytes: 10_000 } });
    const s = socket();
    const c = hub.accept(s, principal(), session());
    c.receive(JSON.stringify({ watch: [U(1)] }));
    await settle();
    memory.set(U(1), { ts: 1, value: 1 });
    s.bufferedAmount = 5000;
    hub.pushLatest();
    expect(ofType(s, 'latest')).toEqual([]);
    expect(hub.stats.latestDropped).toBe(1);
    hub.onEvent({ kind: 'alarm', change: 'raised', alarm: alarm(1, E1) });
    await hub.drained();
    expect(ofType(s, 'alarm')).toHaveLength(1);
    // drained: the newest value goes out (not the skipped one)
    memory.set(U(1), { ts: 2, value: 2 });
    s.bufferedAmount = 0;
    hub.pushLatest();
    expect(ofType(s, 'latest')).toEqual([{ type: 'latest', values: [[U(1), 2, 2]] }]);
    s.bufferedAmount = 20_000;
    hub.onEvent({ kind: 'alarm', change: 'levelChanged', alarm: alarm(1, E1) });
    await hub.drained();
    expect(s.terminated).toBe(true);
    expect(hub.stats.connections).toBe(0);
  });

  it('takes the newest watch request and drops points that are not visible or too many; counts invalid messages', async () => {
    const { hub } = hubWith();
    const s = socket();
    const c = hub.accept(s, principal(), session());
    c.receive(JSON.stringify({ watch: [U(1)] }));
    c.receive(JSON.stringify({ watch: [U(2), U(3), U(2)] }));
    await settle();
    await settle();
    expect(c.watch).toEqual([U(2), U(3)]);
    for (const bad of [null, 'nope', '{"watch":[1]}', '{"watch":["x"]}', '[]', '{"watch":[],"x":1}', 'x'.repeat(20_000)]) c.receive(bad);
    c.receive(JSON.stringify({ watch: Array.from({ length: 201 }, (_, i) => U(1000 + i)) }));
    await settle();
    expect(c.invalid).toBe(8);
    expect(hub.stats.invalidMessages).toBe(8);
    expect(c.watch).toEqual([U(2), U(3)]);
    c.receive(JSON.stringify({ watch: [] }));
    await settle();
    expect(c.watch).toEqual([]);
    expect(s.closedWith).toBeNull();
  });

  it('ends a socket that did not answer the previous ping', () => {
    const { hub } = hubWith();
    const quiet = socket();
    const lively = socket();
    hub.accept(quiet, principal(), session('q'));
    const l = hub.accept(lively, principal(), session('l'));
    hub.heartbeat();
    l.pong();
    hub.heartbeat();
    expect(quiet.terminated).toBe(true);
    expect(lively.terminated).toBe(false);
    expect(lively.pings).toBe(2);
    expect(hub.stats).toMatchObject({ connections: 1, ended: 1 });
  });

  it('closes sockets whose session ended or lost safety.read, refreshes the others and their watches', async () => {
    const { hub, rechecks, visible } = hubWith();
    const gone = socket();
    const denied = socket();
    const kept = socket();
    hub.accept(gone, principal(), session('gone'));
    hub.accept(denied, principal(), session('denied'));
    const k = hub.accept(kept, principal(), session('kept'));
    k.receive(JSON.stringify({ watch: [U(1), U(2)] }));
    await settle();
    rechecks.set('gone', 'expired');
    rechecks.set('denied', 'forbidden');
    const narrowed = principal({ enterpriseId: E1 });
    rechecks.set('kept', narrowed);
    visible.delete(U(2));
    await hub.recheckAll();
    expect(gone.closedWith).toEqual([4401, 'session expired']);
    expect(denied.closedWith).toEqual([4403, 'forbidden']);
    expect(kept.closedWith).toBeNull();
    expect(k.principal).toBe(narrowed);
    expect(k.watch).toEqual([U(1)]);
    expect(hub.stats.connections).toBe(1);
  });

  it('keeps sockets when the session cannot be checked (database down)', async () => {
    const { hub, errors } = hubWith({
      recheck: async () => {
        throw new Error('connection refused');
      },
    });
    const s = socket();
    hub.accept(s, principal(), session());
    await hub.recheckAll();
    expect(s.closedWith).toBeNull();
    expect(errors).toEqual(['recheck']);
  });

  it('closes every socket when it stops', () => {
    const { hub } = hubWith();
    const s = socket();
    hub.accept(s, principal(), session());
    hub.stop();
    expect(s.closedWith).toEqual([1001, 'server shutting down']);
  });
});
