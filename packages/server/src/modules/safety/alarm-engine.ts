// The alarm engine (issue 7: alarms without storms). Durable readings arrive from the ingest path in commit order,
// thousands a second; each is evaluated in memory against its point's rules with the pure functions of
// packages/shared/src/alarms.ts (threshold with minimum duration and deadband, level changing in place; rate of
// change). Only an event — a raise, a level change, a return to normal — touches the database, and the events of one
// batch of readings share one transaction: one open alarm per point (or device) and rule, an event row per change and
// a pg_notify per change that the live page pushes.
//
// Choices (documented in docs/ARCHITECTURE.md by the lead):
// - rate-of-change alarms are yellow; they are raised at the first step above the limit and clear once the rate has
//   stayed within it for a minute (or the point's minimum duration, if longer), so a noisy point does not flap;
// - stale data (no reading for expected interval × staleAfterIntervals) is a blue alarm: one point is blind; a silent
//   device, gateway or station (3 intervals) is a yellow offline alarm: all its points are blind. Points of an offline
//   device or gateway get no stale alarm of their own (one alarm, not one per point);
// - a suppression window stops raising, not the alarms already raised; a condition that still holds when the window
//   ends is raised then (at the next reading, or by the escalation job for a silent point);
// - an alarm that changes while open (also once cleared, until a person closes it) is updated: occurrences + 1;
// - after a restart, a sender or point counts as silent only once its intervals have passed since the engine started
//   (a platform that was down does not raise an offline alarm for every device before they reconnect);
// - closed-park alarms (issue 8, keyed by plate) share the table but not this engine: it never loads, clears or
//   counts them (its keys all have a null plate), and ignores their notices.
import {
  defaultBandLevels,
  evaluateThreshold,
  initialThresholdState,
  isStale,
  rateExceeded,
  type AlarmEvent,
  type AlarmLevel,
  type SafetyAlarmEventKind,
  type ThresholdRule,
  type ThresholdState,
} from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import {
  alarmRepository as repo,
  keyOf,
  type AlarmKey,
  type ChangeRow,
  type ClearRow,
  type EventRow,
  type RaiseRow,
  type WindowRow,
} from './alarm.repository.ts';
import type { PointDef, ReadingSink, StoredReading } from './contracts.ts';
import type { SafetyEvent, SafetyEvents } from './safety-events.ts';

export const RATE_LEVEL: AlarmLevel = 'yellow';
export const STALE_LEVEL: AlarmLevel = 'blue';
export const OFFLINE_LEVEL: AlarmLevel = 'yellow';
/** A device, gateway or station is offline after this many expected intervals without a message. */
export const OFFLINE_AFTER_INTERVALS = 3;
const RATE_CALM_MS = 60_000;

type Action = ({ op: 'raise' } & RaiseRow) | ({ op: 'change'; at: Date } & ChangeRow) | ({ op: 'clear'; note?: string } & ClearRow);

interface PointState {
  def: PointDef;
  th: ThresholdState;
  lastTs: number | null;
  lastValue: number | null;
  rateActive: boolean;
  /** Since when the rate has been within its limit while its alarm is raised. */
  rateCalmSince: number | null;
}

interface Window {
  enterpriseId: string;
  majorHazardId: string | null;
  pointIds: ReadonlySet<string>;
  startsAt: number;
  endsAt: number;
}

const hasThresholds = (d: PointDef) => d.thresholds.hh !== null || d.thresholds.h !== null || d.thresholds.l !== null || d.thresholds.ll !== null;
const ruleOf = (d: PointDef): ThresholdRule => ({ thresholds: d.thresholds, levels: defaultBandLevels, deadband: d.deadband, minDurationMs: d.minDurationMs });
const pointKey = (pointId: string, rule: 'threshold' | 'rate' | 'stale'): AlarmKey => ({ pointId, deviceId: null, rule });
const deviceKey = (deviceId: string): AlarmKey => ({ pointId: null, deviceId, rule: 'offline' });

export class AlarmEngine implements ReadingSink {
  private queue: Promise<unknown> = Promise.resolve();
  private loaded = false;
  private readonly points = new Map<string, PointState>();
  /** Threshold alarms open and not cleared when the engine loaded, for points not seen since. */
  private readonly loadedBands = new Map<string, { band: NonNullable<ThresholdState['active']>; peak: number | null }>();
  private readonly loadedRate = new Set<string>();
  private readonly staleActive = new Set<string>();
  private readonly offlineActive = new Set<string>();
  private readonly deviceSeen = new Map<string, number>();
  /** Points whose raise a suppression window held back (re-judged when windows end). */
  private readonly heldBack = new Set<string>();
  private windows: Window[] = [];
  /** When this engine first loaded its state (ms). */
  private startedAt = 0;

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'clock' | 'log'>,
    private readonly events: SafetyEvents,
  ) {}

  // ---- ReadingSink ----

  onReadings(readings: readonly StoredReading[]): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      const actions: Action[] = [];
      for (const r of readings) this.evaluate(r, actions);
      // the readings are stored whatever happens here; a failed write is logged and the state reloaded
      await this.write(actions).catch(() => undefined);
    });
  }

  onDeviceSeen(deviceId: string, at: number): void {
    const prev = this.deviceSeen.get(deviceId);
    if (prev === undefined || at > prev) this.deviceSeen.set(deviceId, at);
    if (!this.offlineActive.has(deviceId)) return;
    this.offlineActive.delete(deviceId);
    void this.enqueue(() => this.write([{ op: 'clear', ...deviceKey(deviceId), value: null, at: new Date(at) }])).catch(() => undefined);
  }

  // ---- jobs ----

  /** Stale points and offline devices at `now`: raised once, cleared when data comes back. */
  checkStale(now: Date): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      const { db } = this.deps;
      const t = now.getTime();
      const [points, devices, retired] = await Promise.all([repo.stalePoints(db), repo.offlineDevices(db), repo.unclearedOfRetiredPoints(db)]);
      const actions: Action[] = [];
      const offline = new Set<string>();
      const watched = new Set<string>();
      for (const d of devices) {
        watched.add(d.id);
        const seen = this.sinceStart(Math.max(d.lastSeenMs ?? -Infinity, this.deviceSeen.get(d.id) ?? -Infinity));
        const silent = isStale(seen, t, d.expectedIntervalS * 1000, OFFLINE_AFTER_INTERVALS);
        if (silent) offline.add(d.id);
        if (silent && !this.offlineActive.has(d.id) && !this.coversEnterprise(d.enterpriseId, t)) {
          this.offlineActive.add(d.id);
          actions.push({
            op: 'raise',
            ...deviceKey(d.id),
            enterpriseId: d.enterpriseId,
            majorHazardId: null,
            level: OFFLINE_LEVEL,
            band: null,
            value: null,
            threshold: null,
            at: now,
          });
        } else if (!silent && this.offlineActive.has(d.id)) {
          this.offlineActive.delete(d.id);
          actions.push({ op: 'clear', ...deviceKey(d.id), value: null, at: now });
        }
      }
      // revoked, deleted or moved behind a gateway since: no longer watched
      for (const id of [...this.offlineActive].filter((id) => !watched.has(id))) {
        this.offlineActive.delete(id);
        actions.push({ op: 'clear', ...deviceKey(id), value: null, at: now, note: 'retired' });
      }
      const enabled = new Set<string>();
      for (const p of points) {
        enabled.add(p.id);
        const last = this.sinceStart(Math.max(p.latestMs ?? -Infinity, this.points.get(p.id)?.lastTs ?? -Infinity));
        const stale = isStale(last, t, p.expectedIntervalS * 1000, p.staleAfterIntervals);
        const deviceDown = (p.deviceId !== null && offline.has(p.deviceId)) || (p.gatewayId !== null && offline.has(p.gatewayId));
        if (stale && !deviceDown && !this.staleActive.has(p.id) && !this.covers(p, p.id, t)) {
          this.staleActive.add(p.id);
          actions.push({
            op: 'raise',
            ...pointKey(p.id, 'stale'),
            enterpriseId: p.enterpriseId,
            majorHazardId: p.majorHazardId,
            level: STALE_LEVEL,
            band: null,
            value: null,
            threshold: null,
            at: now,
          });
        } else if (!stale && this.staleActive.has(p.id)) {
          this.staleActive.delete(p.id);
          actions.push({ op: 'clear', ...pointKey(p.id, 'stale'), value: null, at: now });
        }
      }
      for (const id of [...this.staleActive].filter((id) => !enabled.has(id))) {
        this.staleActive.delete(id);
        actions.push({ op: 'clear', ...pointKey(id, 'stale'), value: null, at: now, note: 'retired' });
      }
      for (const k of retired) {
        this.forgetPoint(k.pointId!);
        actions.push({ op: 'clear', ...k, value: null, at: now, note: 'retired' });
      }
      await this.write(actions);
    });
  }

  /**
   * Windows that ended are dropped; a raise they held back is judged again on the point's last value (a point that
   * reports rarely raises now rather than at its next reading).
   */
  endWindows(now: Date): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      const t = now.getTime();
      this.windows = this.windows.filter((w) => w.endsAt > t - 86_400_000);
      const actions: Action[] = [];
      for (const id of [...this.heldBack]) {
        const s = this.points.get(id);
        if (!s || !s.th.pending || s.lastValue === null || s.lastTs === null) {
          this.heldBack.delete(id);
          continue;
        }
        if (this.covers(s.def, id, t)) continue;
        this.heldBack.delete(id);
        const { state, event } = evaluateThreshold(s.th, s.lastValue, Math.max(t, s.lastTs), ruleOf(s.def));
        const peak = s.th.peak;
        s.th = state;
        if (event) actions.push(this.thresholdAction(s.def, event, new Date(t), peak));
      }
      await this.write(actions);
    });
  }

  /** Reloads the suppression windows (on registry events and after a suppression is filed or cancelled). */
  async reloadWindows(): Promise<void> {
    const rows = await repo.loadWindows(this.deps.db, new Date(this.deps.clock.now().getTime() - 86_400_000));
    this.windows = rows.map(toWindow);
  }

  /** Keeps the stale and offline sets in step with alarms changed by other instances or by people. */
  onEvent(e: SafetyEvent): void {
    if (e.kind === 'registry') {
      void this.reloadWindows().catch((err: unknown) => this.deps.log.warn({ err }, 'suppression windows not reloaded'));
      return;
    }
    if (e.kind !== 'alarm' || e.alarm.plate !== null) return;
    const a = e.alarm;
    const set = a.rule === 'stale' ? this.staleActive : a.rule === 'offline' ? this.offlineActive : null;
    const id = a.rule === 'offline' ? a.deviceId : a.pointId;
    if (!set || !id || !this.loaded) return;
    if (e.change === 'raised' || e.change === 'returned') set.add(id);
    else if (e.change === 'cleared' || e.change === 'closed') set.delete(id);
  }

  /** Waits for the work queued so far (app close, tests). */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  // ---- evaluation ----

  private evaluate(r: StoredReading, actions: Action[]): void {
    const def = r.point;
    let s = this.points.get(def.id);
    if (!s) {
      const held = this.loadedBands.get(def.id);
      this.loadedBands.delete(def.id);
      s = {
        def,
        th: held ? { active: held.band, pending: null, peak: held.peak } : initialThresholdState,
        lastTs: null,
        lastValue: null,
        rateActive: this.loadedRate.delete(def.id),
        rateCalmSince: null,
      };
      this.points.set(def.id, s);
    }
    s.def = def;
    if (!def.enabled || !Number.isFinite(r.value) || (s.lastTs !== null && r.ts <= s.lastTs)) return;
    const at = new Date(r.ts);
    if (hasThresholds(def) || s.th.active) {
      const { state, event } = evaluateThreshold(s.th, r.value, r.ts, ruleOf(def));
      if (event?.kind === 'raise' && this.covers(def, def.id, r.ts)) {
        // held back: the condition keeps counting and is raised once the window is over
        s.th = { active: null, pending: { band: event.band, since: event.since }, peak: null };
        this.heldBack.add(def.id);
      } else {
        const peak = s.th.peak;
        s.th = state;
        if (event) actions.push(this.thresholdAction(def, event, at, peak));
      }
    }
    if (def.rateLimitPerMin !== null && s.lastTs !== null && s.lastValue !== null) {
      const prev = { value: s.lastValue, ts: s.lastTs };
      const rate = (Math.abs(r.value - prev.value) / (r.ts - prev.ts)) * 60_000;
      if (rateExceeded(prev, r.value, r.ts, def.rateLimitPerMin)) {
        s.rateCalmSince = null;
        if (!s.rateActive && !this.covers(def, def.id, r.ts)) {
          s.rateActive = true;
          actions.push({ op: 'raise', ...this.pointRaise(def, 'rate'), level: RATE_LEVEL, band: null, value: rate, threshold: def.rateLimitPerMin, at });
        }
      } else if (s.rateActive) {
        s.rateCalmSince ??= r.ts;
        if (r.ts - s.rateCalmSince >= Math.max(RATE_CALM_MS, def.minDurationMs)) {
          s.rateActive = false;
          s.rateCalmSince = null;
          actions.push({ op: 'clear', ...pointKey(def.id, 'rate'), value: rate, at });
        }
      }
    } else if (def.rateLimitPerMin === null && s.rateActive) {
      s.rateActive = false;
      actions.push({ op: 'clear', ...pointKey(def.id, 'rate'), value: null, at });
    }
    if (this.staleActive.delete(def.id)) actions.push({ op: 'clear', ...pointKey(def.id, 'stale'), value: r.value, at });
    s.lastTs = r.ts;
    s.lastValue = r.value;
    if (def.deviceId) {
      const seen = this.deviceSeen.get(def.deviceId);
      if (seen === undefined || r.ts > seen) this.deviceSeen.set(def.deviceId, r.ts);
    }
  }

  private pointRaise(def: PointDef, rule: 'threshold' | 'rate' | 'stale') {
    return { ...pointKey(def.id, rule), enterpriseId: def.enterpriseId, majorHazardId: def.majorHazardId };
  }

  /** `peak`: the most extreme value while raised, kept on the alarm when it clears. */
  private thresholdAction(def: PointDef, e: AlarmEvent, at: Date, peak: number | null): Action {
    if (e.kind === 'clear') return { op: 'clear', ...pointKey(def.id, 'threshold'), value: e.value, at, peak };
    const threshold = def.thresholds[e.band];
    if (e.kind === 'change') return { op: 'change', ...pointKey(def.id, 'threshold'), level: e.level, band: e.band, value: e.value, threshold, at, peak };
    return { op: 'raise', ...this.pointRaise(def, 'threshold'), level: e.level, band: e.band, value: e.value, threshold, at };
  }

  /** Whether a window covers the point at time t. */
  private covers(p: { enterpriseId: string; majorHazardId: string | null }, pointId: string, t: number): boolean {
    for (const w of this.windows) {
      if (w.enterpriseId !== p.enterpriseId || t < w.startsAt || t >= w.endsAt) continue;
      if (w.majorHazardId && w.majorHazardId !== p.majorHazardId) continue;
      if (w.pointIds.size && !w.pointIds.has(pointId)) continue;
      return true;
    }
    return false;
  }

  /** An enterprise-wide window (no hazard source, no points) also silences the enterprise's devices. */
  private coversEnterprise(enterpriseId: string, t: number): boolean {
    return this.windows.some((w) => w.enterpriseId === enterpriseId && !w.majorHazardId && !w.pointIds.size && t >= w.startsAt && t < w.endsAt);
  }

  /**
   * The last time heard from, but not before this engine started: after a restart, senders get their intervals to
   * come back before they count as silent (no storm of offline alarms for a whole park). Null: never heard from.
   */
  private sinceStart(last: number): number | null {
    return Number.isFinite(last) ? Math.max(last, this.startedAt) : null;
  }

  private forgetPoint(pointId: string): void {
    this.points.delete(pointId);
    this.loadedBands.delete(pointId);
    this.loadedRate.delete(pointId);
    this.heldBack.delete(pointId);
  }

  // ---- state and writes ----

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loaded) return;
    const { db, clock } = this.deps;
    const [open, windows] = await Promise.all([repo.loadOpen(db), repo.loadWindows(db, new Date(clock.now().getTime() - 86_400_000))]);
    this.points.clear();
    this.loadedBands.clear();
    this.loadedRate.clear();
    this.staleActive.clear();
    this.offlineActive.clear();
    this.heldBack.clear();
    for (const a of open) {
      if (a.cleared) continue;
      if (a.rule === 'threshold' && a.pointId && a.band) this.loadedBands.set(a.pointId, { band: a.band, peak: a.peakValue });
      else if (a.rule === 'rate' && a.pointId) this.loadedRate.add(a.pointId);
      else if (a.rule === 'stale' && a.pointId) this.staleActive.add(a.pointId);
      else if (a.rule === 'offline' && a.deviceId) this.offlineActive.add(a.deviceId);
    }
    this.windows = windows.map(toWindow);
    this.startedAt ||= clock.now().getTime();
    this.loaded = true;
  }

  /**
   * Writes a batch's events in one transaction: consecutive raises in one statement, clears likewise, level changes
   * one by one; then the event rows, and one notice per change with the alarm as it now is. On failure the state
   * is reloaded from the database before the next batch.
   */
  private async write(actions: Action[]): Promise<void> {
    if (!actions.length) return;
    const { db, clock, log } = this.deps;
    try {
      await db.transaction(async (tx) => {
        const now = clock.now();
        const changes: EventRow[] = [];
        for (let i = 0; i < actions.length;) {
          const op = actions[i]!.op;
          // a run of the same operation on distinct keys goes in one statement
          let j = i;
          const keys = new Set<string>();
          while (j < actions.length && actions[j]!.op === op && op !== 'change' && !keys.has(keyOf(actions[j]!))) keys.add(keyOf(actions[j++]!));
          if (op === 'change') {
            const a = actions[i] as Extract<Action, { op: 'change' }>;
            const id = await repo.changeLevel(tx, a, now);
            if (id) changes.push({ alarmId: id, at: a.at, kind: 'levelChanged', level: a.level, value: a.value });
            i++;
            continue;
          }
          const run = actions.slice(i, j);
          if (op === 'raise') {
            const rows = run as Extract<Action, { op: 'raise' }>[];
            const byKey = new Map(rows.map((r) => [keyOf(r), r]));
            for (const res of await repo.raise(tx, rows, now)) {
              const r = byKey.get(res.key)!;
              const kind: SafetyAlarmEventKind = res.occurrences === 1 ? 'raised' : 'returned';
              changes.push({ alarmId: res.id, at: r.at, kind, level: r.level, value: r.value });
            }
          } else {
            const rows = run as Extract<Action, { op: 'clear' }>[];
            const byKey = new Map(rows.map((r) => [keyOf(r), r]));
            for (const res of await repo.clear(tx, rows, now)) {
              const r = byKey.get(res.key)!;
              changes.push({ alarmId: res.id, at: r.at, kind: 'cleared', level: null, value: r.value, note: r.note ?? null });
            }
          }
          i = j;
        }
        if (!changes.length) return;
        await repo.insertEvents(tx, changes);
        const summaries = await repo.summaries(tx, [...new Set(changes.map((c) => c.alarmId))]);
        for (const c of changes) await this.events.notify(tx, { kind: 'alarm', change: c.kind, alarm: summaries.get(c.alarmId)! });
      });
    } catch (err) {
      log.error({ err }, 'alarm events not written; alarm state reloads from the database');
      this.loaded = false;
      throw err;
    }
  }
}

function toWindow(w: WindowRow): Window {
  return {
    enterpriseId: w.enterpriseId,
    majorHazardId: w.majorHazardId,
    pointIds: new Set(w.pointIds),
    startsAt: w.startsAt.getTime(),
    endsAt: w.endsAt.getTime(),
  };
}
