// The live feed of the vehicle page (WebSocket /api/park/live/ws), shaped like the safety page's (safety/live-hub.ts):
// - `positions`: durable positions handed to this instance's PositionSink are batched (newest per vehicle) and sent
//   at most once a second. LIMITATION: only the positions this instance received reach its sockets — a terminal
//   connected to another instance is not heard here (positions are not sent through pg_notify: thousands per second
//   would flood it). With several instances, terminals (TCP 808 / OsmAnd) and page users should be routed to the
//   same instance, or the page reloads the snapshot, which reads positions.latest() of its instance only too.
// - `alarm`: closed-park alarm changes (SafetyEvents {kind:'alarm'} whose alarm has a plate / a closed-park rule),
//   heard by every instance through pg_notify, sent to park-wide principals (park.read, not an enterprise's user).
// - `counts`: on {kind:'park', what:'visits'} (heard by every instance through pg_notify) the counts are read again
//   and sent to every socket, so they are right across instances.
//
// Transport rules as on the safety page: a ping every 30 s (no pong by the next one: ended); `positions` batches are
// held back while a socket's send buffer is above the high-water mark (what it missed is merged, newest per vehicle,
// into its next batch), alarms never are: a socket whose buffer passes the hard limit is ended instead (the client
// reconnects and reloads the snapshot). The session (or API token) behind each socket is checked again every minute
// without counting as activity: logged out, expired, disabled or without park.read any more → closed (4401 / 4403).
// Client messages are not expected: they are ignored and counted.
import { alarmSummarySchema, positionRules, type LivePositionTuple, type LiveCounts, type ParkLiveEvent } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { principalFromToken, toPrincipal } from '../../platform/auth/principal.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { parsePolicy } from '../../platform/settings.repository.ts';
import type { LiveCredential, LiveSocket, RecheckResult } from '../safety/live-hub.ts';
import type { SafetyEvent } from '../safety/safety-events.ts';
import type { StoredPosition } from './contracts.ts';

export interface ParkHubLimits {
  highWaterBytes: number;
  hardLimitBytes: number;
  positionsEveryMs: number;
  pingEveryMs: number;
  recheckEveryMs: number;
}

export const defaultParkHubLimits: ParkHubLimits = {
  highWaterBytes: 256 * 1024,
  hardLimitBytes: 8 * 1024 * 1024,
  positionsEveryMs: 1_000,
  pingEveryMs: 30_000,
  recheckEveryMs: 60_000,
};

export interface ParkHubParts {
  now(): Date;
  counts(): Promise<LiveCounts>;
  recheck(credential: LiveCredential): Promise<RecheckResult>;
  onError?(err: unknown, what: string): void;
  limits?: Partial<ParkHubLimits>;
}

export interface ParkHubStats {
  connections: number;
  invalidMessages: number;
  positionBatchesSent: number;
  positionBatchesHeld: number;
  alarmsSent: number;
  countsSent: number;
  ended: number;
}

const PARK_RULES = new Set<string>(['gate', ...positionRules]);

/** Who sees the whole park's vehicles and closed-park alarms: park.read and not an enterprise's own user. */
export function parkWide(p: Principal): boolean {
  return !p.enterpriseId && p.permissions.has('park.read');
}

/** The key of a position on the page: its vehicle, else its terminal (positions.latest() keys the same way). */
export const positionKey = (p: Pick<StoredPosition, 'vehicleId' | 'terminalId'>): string => p.vehicleId ?? p.terminalId;

export function toTuple(p: StoredPosition): LivePositionTuple {
  return [positionKey(p), p.ts, p.lat, p.lon, p.speedKmh, p.course];
}

export class ParkLiveConnection {
  alive = true;
  closed = false;
  /** Positions held back while the socket was slow (newest per vehicle), sent with the next batch. */
  behind: Map<string, LivePositionTuple> | null = null;

  constructor(
    private readonly hub: ParkLiveHub,
    readonly socket: LiveSocket,
    public principal: Principal,
    readonly credential: LiveCredential,
  ) {}

  /** A client message: none is expected. */
  receive(_text: string | null): void {
    this.hub.countInvalid();
  }

  pong(): void {
    this.alive = true;
  }

  closedBySocket(): void {
    this.closed = true;
    this.hub.remove(this);
  }

  send(data: string): void {
    if (this.closed || !this.socket.open) return;
    try {
      this.socket.send(data);
    } catch (err) {
      this.hub.parts.onError?.(err, 'send');
    }
  }

  end(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.remove(this);
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  terminate(): void {
    this.closed = true;
    this.hub.remove(this);
    this.socket.terminate();
  }
}

export class ParkLiveHub {
  readonly limits: ParkHubLimits;
  private readonly connections = new Set<ParkLiveConnection>();
  /** Positions since the last batch, newest per key. */
  private pending = new Map<string, LivePositionTuple>();
  private queue: Promise<void> = Promise.resolve();
  private countsWanted = false;
  private countsRunning: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private rechecking = false;
  private readonly counters = { invalidMessages: 0, positionBatchesSent: 0, positionBatchesHeld: 0, alarmsSent: 0, countsSent: 0, ended: 0 };

  constructor(readonly parts: ParkHubParts) {
    this.limits = { ...defaultParkHubLimits, ...parts.limits };
  }

  start(): void {
    const every = (ms: number, run: () => unknown) => {
      const t = setInterval(() => {
        try {
          const r = run();
          if (r instanceof Promise) r.catch((err: unknown) => this.parts.onError?.(err, 'timer'));
        } catch (err) {
          this.parts.onError?.(err, 'timer');
        }
      }, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.limits.positionsEveryMs, () => this.flush());
    every(this.limits.pingEveryMs, () => this.heartbeat());
    every(this.limits.recheckEveryMs, () => this.recheckAll());
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const c of [...this.connections]) c.end(1001, 'server shutting down');
  }

  get stats(): ParkHubStats {
    return { connections: this.connections.size, ...this.counters };
  }

  accept(socket: LiveSocket, principal: Principal, credential: LiveCredential): ParkLiveConnection {
    const c = new ParkLiveConnection(this, socket, principal, credential);
    this.connections.add(c);
    c.send(JSON.stringify({ type: 'hello', at: this.parts.now().toISOString() } satisfies ParkLiveEvent));
    return c;
  }

  remove(c: ParkLiveConnection): void {
    this.connections.delete(c);
  }

  countInvalid(): void {
    this.counters.invalidMessages++;
  }

  /** Durable positions of this instance (the PositionSink side): kept for the next batch, newest per vehicle. */
  onPositions(positions: readonly StoredPosition[]): void {
    if (!this.connections.size) return;
    for (const p of positions) {
      const key = positionKey(p);
      const had = this.pending.get(key);
      if (!had || had[1] <= p.ts) this.pending.set(key, toTuple(p));
    }
  }

  /** Sends the pending positions as one batch (the timer calls it every second; tests call it directly). */
  flush(): void {
    const batch = this.pending;
    if (!batch.size && ![...this.connections].some((c) => c.behind)) return;
    this.pending = new Map();
    const shared = batch.size ? JSON.stringify({ type: 'positions', positions: [...batch.values()] } satisfies ParkLiveEvent) : null;
    for (const c of [...this.connections]) {
      if (c.closed || !parkWide(c.principal)) continue;
      if (c.socket.bufferedAmount > this.limits.highWaterBytes) {
        // a slow client: hold back, newest per vehicle (bounded by the number of vehicles)
        c.behind ??= new Map();
        for (const [k, t] of batch) c.behind.set(k, t);
        this.counters.positionBatchesHeld++;
        continue;
      }
      if (c.behind) {
        const merged = c.behind;
        c.behind = null;
        for (const [k, t] of batch) merged.set(k, t);
        c.send(JSON.stringify({ type: 'positions', positions: [...merged.values()] } satisfies ParkLiveEvent));
      } else if (shared) c.send(shared);
      else continue;
      this.counters.positionBatchesSent++;
    }
  }

  /** A safety event heard from the database (any instance): closed-park alarms and visit changes. */
  onEvent(event: SafetyEvent): void {
    if (event.kind === 'alarm') {
      this.queue = this.queue.then(
        () => this.deliverAlarm(event),
        () => this.deliverAlarm(event),
      );
      this.queue.catch((err: unknown) => this.parts.onError?.(err, 'alarm'));
    } else if (event.kind === 'park' && event.what === 'visits') {
      this.countsWanted = true;
      this.queue = this.queue.then(
        () => this.deliverCounts(),
        () => this.deliverCounts(),
      );
      this.queue.catch((err: unknown) => this.parts.onError?.(err, 'counts'));
    }
  }

  /** Resolves when every event heard so far has been delivered. */
  drained(): Promise<void> {
    return this.queue.catch(() => undefined);
  }

  private deliverAlarm(event: Extract<SafetyEvent, { kind: 'alarm' }>): void {
    if (!this.connections.size) return;
    const alarm = alarmSummarySchema.safeParse(event.alarm);
    if (!alarm.success) {
      this.parts.onError?.(alarm.error, 'alarm payload');
      return;
    }
    if (alarm.data.plate === null && !PARK_RULES.has(alarm.data.rule)) return;
    const message = JSON.stringify({ type: 'alarm', change: String(event.change), alarm: alarm.data } satisfies ParkLiveEvent);
    for (const c of [...this.connections]) {
      if (c.closed || !parkWide(c.principal)) continue;
      if (c.socket.bufferedAmount > this.limits.hardLimitBytes) {
        this.counters.ended++;
        c.terminate();
        continue;
      }
      c.send(message);
      this.counters.alarmsSent++;
    }
  }

  /** Reads the counts once for however many visit notices arrived meanwhile, and sends them to every socket. */
  private async deliverCounts(): Promise<void> {
    if (!this.countsWanted) return;
    this.countsWanted = false;
    if (!this.connections.size) return;
    const counts = await this.parts.counts();
    const message = JSON.stringify({ type: 'counts', counts } satisfies ParkLiveEvent);
    for (const c of [...this.connections]) {
      if (c.closed || !parkWide(c.principal)) continue;
      if (c.socket.bufferedAmount > this.limits.hardLimitBytes) {
        this.counters.ended++;
        c.terminate();
        continue;
      }
      c.send(message);
      this.counters.countsSent++;
    }
  }

  heartbeat(): void {
    for (const c of [...this.connections]) {
      if (!c.alive) {
        this.counters.ended++;
        c.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.socket.ping();
      } catch {
        c.terminate();
      }
    }
  }

  async recheckAll(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      for (const c of [...this.connections]) {
        if (c.closed) continue;
        let result: RecheckResult;
        try {
          result = await this.parts.recheck(c.credential);
        } catch (err) {
          this.parts.onError?.(err, 'recheck');
          continue;
        }
        if (result === 'expired') c.end(4401, 'session expired');
        else if (result === 'forbidden') c.end(4403, 'forbidden');
        else c.principal = result;
      }
    } finally {
      this.rechecking = false;
    }
  }
}

/** The session or token behind a socket, checked again without counting as activity (park.read, park-wide). */
export async function recheckParkCredential(deps: Pick<Deps, 'db' | 'clock'>, credential: LiveCredential): Promise<RecheckResult> {
  let p: Principal;
  if (credential.kind === 'token') {
    try {
      p = await principalFromToken(deps.db, deps.clock, credential.secret);
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') return 'expired';
      throw err;
    }
  } else {
    const row = await authRepository.findPrincipalBySession(deps.db, credential.sessionId);
    if (!row || row.status !== 'active' || !row.lastSeenAt) return 'expired';
    const idleMs = parsePolicy(row.policy).idleTimeoutMinutes * 60_000;
    if (deps.clock.now().getTime() - new Date(row.lastSeenAt).getTime() > idleMs) return 'expired';
    p = toPrincipal(row, 'session');
  }
  if (p.sessionState !== 'full' || !parkWide(p)) return 'forbidden';
  return p;
}

export function createParkLiveHub(deps: Deps, counts: () => Promise<LiveCounts>, limits?: Partial<ParkHubLimits>): ParkLiveHub {
  return new ParkLiveHub({
    now: () => deps.clock.now(),
    counts,
    recheck: (credential) => recheckParkCredential(deps, credential),
    onError: (err, what) => deps.log.warn({ err }, `park live: ${what} failed`),
    ...(limits ? { limits } : {}),
  });
}
