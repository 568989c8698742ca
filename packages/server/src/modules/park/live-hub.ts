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
import type { Deps } from '../../platform/deps.ts';
import {
  defaultLiveSocketLimits,
  LiveSocketConnection,
  LiveSocketHub,
  recheckLiveCredential,
  type LiveCredential,
  type LiveSocket,
  type LiveSocketLimits,
  type LiveSocketParts,
} from '../../platform/live-socket.ts';
import type { SafetyEvent } from '../safety/safety-events.ts';
import type { StoredPosition } from './contracts.ts';

export interface ParkHubLimits extends LiveSocketLimits {
  positionsEveryMs: number;
}

export const defaultParkHubLimits: ParkHubLimits = { ...defaultLiveSocketLimits, positionsEveryMs: 1_000 };

export interface ParkHubParts extends LiveSocketParts {
  counts(): Promise<LiveCounts>;
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

export class ParkLiveConnection extends LiveSocketConnection<ParkLiveHub> {
  /** Positions held back while the socket was slow (newest per vehicle), sent with the next batch. */
  behind: Map<string, LivePositionTuple> | null = null;

  /** A client message: none is expected. */
  receive(_text: string | null): void {
    this.hub.countInvalid();
  }
}

export class ParkLiveHub extends LiveSocketHub<ParkLiveConnection, ParkHubParts, ParkHubLimits> {
  /** Positions since the last batch, newest per key. */
  private pending = new Map<string, LivePositionTuple>();
  private countsWanted = false;
  private readonly counters = { positionBatchesSent: 0, positionBatchesHeld: 0, alarmsSent: 0, countsSent: 0 };

  constructor(parts: ParkHubParts) {
    super(parts, { ...defaultParkHubLimits, ...parts.limits });
  }

  override start(): void {
    this.every(this.limits.positionsEveryMs, () => this.flush());
    super.start();
  }

  get stats(): ParkHubStats {
    return { connections: this.connections.size, ...this.socketCounters, ...this.counters };
  }

  accept(socket: LiveSocket, principal: Principal, credential: LiveCredential): ParkLiveConnection {
    return this.add(new ParkLiveConnection(this, socket, principal, credential));
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
      if (this.slow(c)) {
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
    if (event.kind === 'alarm') this.enqueue(() => this.deliverAlarm(event), 'alarm');
    else if (event.kind === 'park' && event.what === 'visits') {
      this.countsWanted = true;
      this.enqueue(() => this.deliverCounts(), 'counts');
    }
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
    this.counters.alarmsSent += this.broadcast(message, (c) => parkWide(c.principal));
  }

  /** Reads the counts once for however many visit notices arrived meanwhile, and sends them to every socket. */
  private async deliverCounts(): Promise<void> {
    if (!this.countsWanted) return;
    this.countsWanted = false;
    if (!this.connections.size) return;
    const counts = await this.parts.counts();
    const message = JSON.stringify({ type: 'counts', counts } satisfies ParkLiveEvent);
    this.counters.countsSent += this.broadcast(message, (c) => parkWide(c.principal));
  }
}

export function createParkLiveHub(deps: Deps, counts: () => Promise<LiveCounts>, limits?: Partial<ParkHubLimits>): ParkLiveHub {
  return new ParkLiveHub({
    now: () => deps.clock.now(),
    counts,
    // the session or token behind a socket, checked again without counting as activity (park.read, park-wide)
    recheck: (credential) => recheckLiveCredential(deps, credential, parkWide),
    onError: (err, what) => deps.log.warn({ err }, `park live: ${what} failed`),
    ...(limits ? { limits } : {}),
  });
}
