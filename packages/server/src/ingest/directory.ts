// The ingest path's read model of the registry, in memory: who a token, a gateway's device name or an HJ 212 MN is,
// and which point a tag names. Loaded from safety_devices and monitoring_points (not deleted), reloaded when a
// registry event arrives (debounced) and every minute while the event feed is down, so a revoked or rotated token
// stops working at the next reload on every instance.
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceKind } from '@zoneops/shared';
import type { DeviceDef, PointDef } from '../modules/safety/contracts.ts';
import type { SafetyEvents } from '../modules/safety/safety-events.ts';
import type { Db } from '../platform/database.ts';
import { sha256 } from '../platform/auth/tokens.ts';
import { telemetryRepository, type DeviceRow, type PointRow } from './telemetry.repository.ts';

const RELOAD_DEBOUNCE_MS = 250;
const RELOAD_WHEN_NOT_LIVE_MS = 60_000;

const deviceDef = (r: DeviceRow): DeviceDef => ({
  id: r.id,
  kind: r.kind as DeviceKind,
  name: r.name,
  enterpriseId: r.enterpriseId,
  gatewayId: r.gatewayId,
  mn: r.mn,
  revoked: r.revoked,
  expectedIntervalMs: r.expectedIntervalS * 1000,
});

const pointDef = (r: PointRow): PointDef => ({
  id: r.id,
  enterpriseId: r.enterpriseId,
  majorHazardId: r.majorHazardId,
  deviceId: r.deviceId,
  tag: r.tag,
  name: r.name,
  unit: r.unit,
  thresholds: { hh: r.hh, h: r.h, l: r.l, ll: r.ll },
  deadband: r.deadband,
  minDurationMs: r.minDurationS * 1000,
  rateLimitPerMin: r.rateLimitPerMin,
  expectedIntervalMs: r.expectedIntervalS * 1000,
  staleAfterIntervals: r.staleAfterIntervals,
  enabled: r.enabled,
});

const EMPTY_TAGS: ReadonlyMap<string, PointDef> = new Map();

interface Snapshot {
  byTokenHash: Map<string, DeviceDef>;
  byId: Map<string, DeviceDef>;
  /** gateway id → device name → device */
  children: Map<string, Map<string, DeviceDef>>;
  byMn: Map<string, DeviceDef>;
  /** device id → tag → point */
  tags: Map<string, Map<string, PointDef>>;
  points: Map<string, PointDef>;
  loadedAt: Date | null;
}

const emptySnapshot = (): Snapshot => ({
  byTokenHash: new Map(),
  byId: new Map(),
  children: new Map(),
  byMn: new Map(),
  tags: new Map(),
  points: new Map(),
  loadedAt: null,
});

export class Directory {
  private snap: Snapshot = emptySnapshot();
  private loading: Promise<void> | null = null;
  private first: Promise<void> | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date,
  ) {}

  /** Follows registry events (and polls while the feed is down). */
  follow(events: SafetyEvents): void {
    if (this.unsubscribe) return;
    this.unsubscribe = events.on((e) => {
      if (e.kind !== 'registry') return;
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        this.debounce = null;
        void this.reload().catch((err: unknown) => this.log.error({ err }, 'ingest directory reload failed'));
      }, RELOAD_DEBOUNCE_MS);
      this.debounce.unref();
    });
    this.timer = setInterval(() => {
      if (!events.isLive) void this.reload().catch((err: unknown) => this.log.error({ err }, 'ingest directory reload failed'));
    }, RELOAD_WHEN_NOT_LIVE_MS);
    this.timer.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.timer) clearInterval(this.timer);
    this.debounce = this.timer = null;
  }

  /** Resolves once the directory has been loaded at least once. */
  ready(): Promise<void> {
    return (this.first ??= this.reload().catch((err: unknown) => {
      this.first = null; // the next caller tries again
      throw err;
    }));
  }

  get isLoaded(): boolean {
    return this.snap.loadedAt !== null;
  }

  /** Loads the registry again (a reload asked for while one runs runs once more after it). */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          this.snap = await this.load();
        } while (this.again);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    const devices = await telemetryRepository.loadDevices(this.db);
    const points = await telemetryRepository.loadPoints(this.db);
    const s = emptySnapshot();
    for (const row of devices) {
      const d = deviceDef(row);
      s.byId.set(d.id, d);
      if (row.tokenHash) s.byTokenHash.set(row.tokenHash, d);
      if (d.mn) s.byMn.set(d.mn, d);
    }
    for (const d of s.byId.values()) {
      if (!d.gatewayId) continue;
      let names = s.children.get(d.gatewayId);
      if (!names) s.children.set(d.gatewayId, (names = new Map()));
      names.set(d.name, d);
    }
    for (const row of points) {
      const p = pointDef(row);
      s.points.set(p.id, p);
      if (!p.deviceId) continue;
      let tags = s.tags.get(p.deviceId);
      if (!tags) s.tags.set(p.deviceId, (tags = new Map()));
      tags.set(p.tag, p);
    }
    s.loadedAt = this.now();
    return s;
  }

  /** The sender of an access token (revoked ones included: check `revoked`). */
  byToken(token: string): DeviceDef | undefined {
    return this.snap.byTokenHash.get(sha256(token));
  }

  byId(id: string): DeviceDef | undefined {
    return this.snap.byId.get(id);
  }

  /** A device carried by a gateway, by the name the gateway's payload uses. */
  child(gatewayId: string, name: string): DeviceDef | undefined {
    return this.snap.children.get(gatewayId)?.get(name);
  }

  byMn(mn: string): DeviceDef | undefined {
    return this.snap.byMn.get(mn);
  }

  /** The points of a device by tag. */
  tagsOf(deviceId: string): ReadonlyMap<string, PointDef> {
    return this.snap.tags.get(deviceId) ?? EMPTY_TAGS;
  }

  point(id: string): PointDef | undefined {
    return this.snap.points.get(id);
  }

  get stats(): { devices: number; points: number; loadedAt: Date | null } {
    return { devices: this.snap.byId.size, points: this.snap.points.size, loadedAt: this.snap.loadedAt };
  }
}
