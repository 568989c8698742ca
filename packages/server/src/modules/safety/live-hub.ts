// The live feed of the safety page (WebSocket /api/safety/live). Every instance hears every alarm change through
// SafetyEvents (pg_notify on commit) and pushes it to its own sockets whose principal may see the enterprise
// (safetyCanSee; the street of an enterprise is cached here, loaded on demand). A client may watch up to 200 points
// it sees ({"watch": [id…]}) and then receives their newest values at most once a second, only when changed.
//
// Transport rules: a ping every 30 s (no pong by the next one: the socket is ended); 'latest' messages are dropped
// while a socket's send buffer is above the high-water mark (the next tick sends the newest values anyway), alarms
// never are: a socket whose buffer passes the hard limit is ended instead (the client reconnects and reloads the open
// alarms). The session (or API token) behind each socket is checked again every minute, without counting as activity:
// logged out, expired, disabled or without safety.read any more → closed (4401 / 4403); otherwise its principal
// (permissions, scope) is refreshed. Client messages that are not a valid watch are ignored and counted.
import { z } from 'zod';
import { alarmSummarySchema, type SafetyLiveEvent } from '@zoneops/shared';
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
import type { LatestValues } from './contracts.ts';
import { mapRepository } from './map.repository.ts';
import { safetyCanSee, safetyVisibleCondition } from './safety-access.ts';
import type { SafetyEvent } from './safety-events.ts';

export type Street = { id: string; path: string } | null;

/** highWaterBytes: 'latest' messages are skipped above it; hardLimitBytes: the socket is ended (alarms never dropped). */
export interface LiveHubLimits extends LiveSocketLimits {
  maxWatch: number;
  latestEveryMs: number;
  /** How often the stored latest values of watched points are read (values ingested by other instances). */
  storedLatestEveryMs: number;
  streetTtlMs: number;
  maxMessageChars: number;
}

export const defaultLiveLimits: LiveHubLimits = {
  ...defaultLiveSocketLimits,
  maxWatch: 200,
  latestEveryMs: 1_000,
  storedLatestEveryMs: 5_000,
  streetTtlMs: 5 * 60_000,
  maxMessageChars: 16 * 1024,
};

export interface LiveHubParts extends LiveSocketParts {
  latest: LatestValues;
  loadStreets(enterpriseIds: string[]): Promise<Map<string, Street>>;
  visiblePoints(p: Principal, ids: string[]): Promise<string[]>;
  /** Latest values stored by any instance (optional: without it only this instance's values are pushed). */
  loadStoredLatest?(pointIds: string[]): Promise<Map<string, { ts: number; value: number }>>;
  limits?: Partial<LiveHubLimits>;
}

export interface LiveHubStats {
  connections: number;
  invalidMessages: number;
  alarmsSent: number;
  latestSent: number;
  latestDropped: number;
  ended: number;
}

const watchMessage = z.object({ watch: z.array(z.uuid()) }).strict();

/** One socket: its principal, what it watches and what it was last sent. */
export class LiveConnection extends LiveSocketConnection<LiveHub> {
  watch: string[] = [];
  /** pointId → "ts:value" last sent */
  readonly sent = new Map<string, string>();
  invalid = 0;
  private watchSeq = 0;
  private pendingWatch: string[] | null = null;
  private resolving = false;

  /** A client message (null for binary frames). Never throws. */
  receive(text: string | null): void {
    if (this.closed) return;
    const watch = this.hub.parseWatch(text);
    if (!watch) {
      this.invalid++;
      this.hub.countInvalid();
      return;
    }
    this.pendingWatch = watch;
    void this.resolveWatch();
  }

  /** Applies the newest requested watch list once its points are known visible (requests arriving meanwhile coalesce). */
  private async resolveWatch(): Promise<void> {
    if (this.resolving) return;
    this.resolving = true;
    try {
      while (this.pendingWatch && !this.closed) {
        const wanted = this.pendingWatch;
        this.pendingWatch = null;
        const seq = ++this.watchSeq;
        const visible = wanted.length ? new Set(await this.hub.parts.visiblePoints(this.principal, wanted)) : new Set<string>();
        if (seq !== this.watchSeq) continue;
        this.setWatch(wanted.filter((id) => visible.has(id)));
      }
    } catch (err) {
      this.hub.parts.onError?.(err, 'watch');
    } finally {
      this.resolving = false;
    }
  }

  setWatch(ids: string[]): void {
    const keep = new Set(ids);
    for (const id of this.sent.keys()) if (!keep.has(id)) this.sent.delete(id);
    this.watch = ids;
  }

  /** Re-checks the principal's view of the watched points (its scope may have narrowed). */
  async refilterWatch(): Promise<void> {
    if (!this.watch.length) return;
    const before = this.watch;
    const visible = new Set(await this.hub.parts.visiblePoints(this.principal, before));
    if (this.watch === before) this.setWatch(before.filter((id) => visible.has(id)));
  }
}

export class LiveHub extends LiveSocketHub<LiveConnection, LiveHubParts, LiveHubLimits> {
  private readonly streets = new Map<string, { street: Street; at: number }>();
  private stored = new Map<string, { ts: number; value: number }>();
  private readonly counters = { alarmsSent: 0, latestSent: 0, latestDropped: 0 };

  constructor(parts: LiveHubParts) {
    super(parts, { ...defaultLiveLimits, ...parts.limits });
  }

  /** Starts the timers: latest values, pings, session checks, stored latest values. */
  override start(): void {
    this.every(this.limits.latestEveryMs, () => this.pushLatest());
    super.start();
    if (this.parts.loadStoredLatest) this.every(this.limits.storedLatestEveryMs, () => this.refreshStoredLatest());
  }

  get stats(): LiveHubStats {
    return { connections: this.connections.size, ...this.socketCounters, ...this.counters };
  }

  /** A new socket of an authenticated principal: it is greeted at once. */
  accept(socket: LiveSocket, principal: Principal, credential: LiveCredential): LiveConnection {
    return this.add(new LiveConnection(this, socket, principal, credential));
  }

  /** The watch list of a client message, or null when the message is not one. */
  parseWatch(text: string | null): string[] | null {
    if (text === null || text.length > this.limits.maxMessageChars) return null;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return null;
    }
    const parsed = watchMessage.safeParse(body);
    if (!parsed.success) return null;
    const ids = [...new Set(parsed.data.watch.map((id) => id.toLowerCase()))];
    return ids.length > this.limits.maxWatch ? null : ids;
  }

  /** A safety event heard from the database (any instance): alarms go out in the order they came. */
  onEvent(event: SafetyEvent): void {
    if (event.kind === 'registry') {
      this.streets.clear();
      return;
    }
    if (event.kind !== 'alarm') return;
    this.enqueue(() => this.deliver(event), 'alarm');
  }

  private async deliver(event: Extract<SafetyEvent, { kind: 'alarm' }>): Promise<void> {
    if (!this.connections.size) return;
    const alarm = alarmSummarySchema.safeParse(event.alarm);
    if (!alarm.success) {
      this.parts.onError?.(alarm.error, 'alarm payload');
      return;
    }
    const enterpriseId = alarm.data.enterpriseId;
    // a park-level alarm (no enterprise) goes to park-wide principals only (safetyCanSee)
    const needsStreet = enterpriseId !== null && [...this.connections].some((c) => !c.principal.enterpriseId && !c.principal.scope.all);
    const street = needsStreet && enterpriseId !== null ? await this.streetOf(enterpriseId) : null;
    const message = JSON.stringify({ type: 'alarm', change: String(event.change), alarm: alarm.data } satisfies SafetyLiveEvent);
    this.counters.alarmsSent += this.broadcast(message, (c) => safetyCanSee(c.principal, enterpriseId, street));
  }

  private async streetOf(enterpriseId: string): Promise<Street> {
    const now = Date.now();
    const hit = this.streets.get(enterpriseId);
    if (hit && now - hit.at < this.limits.streetTtlMs) return hit.street;
    const loaded = await this.parts.loadStreets([enterpriseId]);
    const street = loaded.get(enterpriseId) ?? null;
    if (this.streets.size > 10_000) this.streets.clear();
    this.streets.set(enterpriseId, { street, at: now });
    return street;
  }

  private latestOf(pointId: string): { ts: number; value: number } | undefined {
    const mem = this.parts.latest.get(pointId);
    const stored = this.stored.get(pointId);
    if (!stored) return mem;
    if (!mem) return stored;
    return mem.ts >= stored.ts ? mem : stored;
  }

  /** One tick of the latest values: each socket gets the watched points whose value changed since it was last sent. */
  pushLatest(): void {
    for (const c of this.connections) {
      if (c.closed || !c.watch.length) continue;
      const values: [string, number, number][] = [];
      const keys: [string, string][] = [];
      for (const id of c.watch) {
        const v = this.latestOf(id);
        if (!v) continue;
        const key = `${v.ts}:${v.value}`;
        if (c.sent.get(id) === key) continue;
        values.push([id, v.ts, v.value]);
        keys.push([id, key]);
      }
      if (!values.length) continue;
      if (this.slow(c)) {
        // a slow client: skip this tick (what is not marked sent goes out with the next one, newest values only)
        this.counters.latestDropped++;
        continue;
      }
      c.send(JSON.stringify({ type: 'latest', values } satisfies SafetyLiveEvent));
      for (const [id, key] of keys) c.sent.set(id, key);
      this.counters.latestSent++;
    }
  }

  protected override async rechecked(c: LiveConnection): Promise<void> {
    await c.refilterWatch().catch((err: unknown) => this.parts.onError?.(err, 'watch'));
  }

  /** Reads the stored latest values of every watched point (values another instance ingested). */
  async refreshStoredLatest(): Promise<void> {
    if (!this.parts.loadStoredLatest) return;
    const ids = new Set<string>();
    for (const c of this.connections) for (const id of c.watch) ids.add(id);
    if (!ids.size) {
      this.stored = new Map();
      return;
    }
    this.stored = await this.parts.loadStoredLatest([...ids]);
  }
}

/** The hub of this instance over the database. */
export function createLiveHub(deps: Deps, latest: LatestValues, limits?: Partial<LiveHubLimits>): LiveHub {
  const { db } = deps;
  return new LiveHub({
    latest,
    now: () => deps.clock.now(),
    loadStreets: (ids) => mapRepository.findStreets(db, ids),
    visiblePoints: (p, ids) => mapRepository.findVisiblePointIds(db, ids, (col) => safetyVisibleCondition(p, col)),
    // the session or token behind a socket, checked again without counting as activity
    recheck: (credential) => recheckLiveCredential(deps, credential, (p) => p.permissions.has('safety.read')),
    loadStoredLatest: (ids) => mapRepository.findLatest(db, ids),
    onError: (err, what) => deps.log.warn({ err }, `safety live: ${what} failed`),
    ...(limits ? { limits } : {}),
  });
}
