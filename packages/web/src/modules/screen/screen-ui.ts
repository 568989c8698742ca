// Pure parts of the big screen (数据大屏): fitting the 1920 × 1080 stage into any window, bounded lists for the
// scrolling alarm feed, the digits of a flip counter, the headline figures read from the cockpit answer, and the
// vehicle positions kept for the map (one entry per vehicle, dropped when it leaves or goes quiet).
import type { AlarmSummary, Cockpit, LivePositionTuple, LiveVehicle } from '@zoneops/shared';

export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

export interface StageFit {
  scale: number;
  /** Offsets (px of the window) that centre the scaled stage. */
  left: number;
  top: number;
}

/** The scale that fits the stage into a window (min of both ratios), centred. */
export function fitStage(width: number, height: number, stageWidth = STAGE_WIDTH, stageHeight = STAGE_HEIGHT): StageFit {
  if (!(width > 0) || !(height > 0)) return { scale: 1, left: 0, top: 0 };
  const scale = Math.min(width / stageWidth, height / stageHeight);
  return { scale, left: Math.round((width - stageWidth * scale) / 2), top: Math.round((height - stageHeight * scale) / 2) };
}

/**
 * Puts `item` first, dropping an older entry with the same key, and keeps at most `max` entries (the newest).
 * Returns a new array; the input is not changed.
 */
export function pushBounded<T>(list: readonly T[], item: T, max: number, keyOf: (x: T) => string): T[] {
  const key = keyOf(item);
  const out = [item];
  for (const x of list) {
    if (out.length >= max) break;
    if (keyOf(x) !== key) out.push(x);
  }
  return out;
}

/** The characters of a counter: digits, with grouping commas and a decimal point; at least `minDigits` integer digits. */
export function counterDigits(value: number | null | undefined, decimals = 0, minDigits = 1): string[] {
  if (value === null || value === undefined || !Number.isFinite(value)) return ['—'];
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const padded = int.padStart(minDigits, '0');
  const grouped = padded.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = (negative ? '-' : '') + grouped + (frac ? `.${frac}` : '');
  return [...text];
}

/** 万元 → 亿元 (the big screen's unit for investment). */
export function wanToYi(wan: string | number | null | undefined): number | null {
  if (wan === null || wan === undefined || wan === '') return null;
  const n = typeof wan === 'number' ? wan : Number(wan);
  return Number.isFinite(n) ? n / 10_000 : null;
}

export type HeadlineKey = 'projects' | 'investment' | 'signings' | 'alarms' | 'vehicles' | 'people' | 'redItems' | 'satisfaction';

export interface Headline {
  key: HeadlineKey;
  value: number | null;
  decimals: number;
}

/** The figures shown as counters, in order; a figure of a tile the caller may not read is left out. */
export function headlines(c: Cockpit | null | undefined, live?: { vehicles: number; people: number } | null): Headline[] {
  if (!c) return [];
  const out: Headline[] = [];
  if (c.projects) {
    out.push({ key: 'projects', value: c.projects.count, decimals: 0 });
    out.push({ key: 'investment', value: wanToYi(c.projects.ytdCompleted), decimals: 2 });
  }
  if (c.promotion) out.push({ key: 'signings', value: c.promotion.signings.count, decimals: 0 });
  if (c.safety) {
    const a = c.safety.openAlarms;
    out.push({ key: 'alarms', value: a.red + a.orange + a.yellow + a.blue, decimals: 0 });
  }
  if (c.park) {
    out.push({ key: 'vehicles', value: live?.vehicles ?? c.park.vehicles, decimals: 0 });
    out.push({ key: 'people', value: live?.people ?? c.park.people, decimals: 0 });
  }
  if (c.supervision) out.push({ key: 'redItems', value: c.supervision.red, decimals: 0 });
  if (c.service && c.service.satisfaction.rate !== null) out.push({ key: 'satisfaction', value: c.service.satisfaction.rate, decimals: 1 });
  return out;
}

/** Alarm changes that put an alarm (back) at the top of the feed. */
export const FEED_CHANGES: ReadonlySet<string> = new Set(['raised', 'returned', 'levelChanged']);
export const FEED_MAX = 50;

export interface FeedItem {
  /** The alarm id and its occurrence: a returned alarm is a new line. */
  key: string;
  alarm: AlarmSummary;
  /** When the line went to the top (the time shown): raised for the first read, the change's time for a live one. */
  at: string;
}

/** The feed from a read of the open alarms (newest raised first): each line shows when it was raised, so the
 *  times fall down the list even when an alarm was escalated or acknowledged later. */
export function feedFromList(alarms: readonly AlarmSummary[], max = FEED_MAX): readonly FeedItem[] {
  return alarms.slice(0, max).map((alarm) => ({ key: alarm.id, alarm, at: alarm.raisedAt }));
}

/** A live alarm change applied to the feed: raised / returned / worse ones go first; others update a line in place. */
export function applyFeed(feed: readonly FeedItem[], change: string, alarm: AlarmSummary, max = FEED_MAX): readonly FeedItem[] {
  if (FEED_CHANGES.has(change)) {
    return pushBounded(feed, { key: alarm.id, alarm, at: alarm.updatedAt }, max, (x) => x.key);
  }
  const i = feed.findIndex((x) => x.key === alarm.id);
  if (i < 0) return feed;
  const next = feed.slice();
  next[i] = { ...feed[i]!, alarm };
  return next;
}

// ---- live alarm spots ----

/** An open alarm heard on the socket, kept for the map until a read of the map data covers it. */
export interface LiveSpot {
  alarm: AlarmSummary;
  /** When it was heard (ms). */
  at: number;
}

/** Live alarm spots kept at most (a flood cannot grow the page; the next read of the map shows the rest). */
export const MAX_LIVE_SPOTS = 200;

const isOpenAlarm = (a: AlarmSummary) => a.status !== 'closed' && a.closedAt === null;

/** A live alarm change: an open alarm goes first (replacing its older line), a closed one leaves. */
export function applyLiveSpot(spots: readonly LiveSpot[], alarm: AlarmSummary, at: number, max = MAX_LIVE_SPOTS): readonly LiveSpot[] {
  const rest = spots.filter((s) => s.alarm.id !== alarm.id);
  return isOpenAlarm(alarm) ? [{ alarm, at }, ...rest].slice(0, max) : rest;
}

/**
 * Drops the live spots that a later read shows anyway: located alarms (the closed park's, with lat/lon) once the park
 * snapshot was asked for after they were heard, the others once the safety map was. An alarm that is cleared but not
 * closed stays open for days; without this the page would keep every alarm it ever heard (up to the cap).
 * `safetyAskedAt` / `parkAskedAt`: when the read that gave the current answer was sent (null: no answer, or none read).
 */
export function dropCoveredSpots(spots: readonly LiveSpot[], safetyAskedAt: number | null, parkAskedAt: number | null): readonly LiveSpot[] {
  const covered = (s: LiveSpot) => {
    const readAt = s.alarm.lat !== null && s.alarm.lon !== null ? parkAskedAt : safetyAskedAt;
    return readAt !== null && readAt >= s.at;
  };
  return spots.some(covered) ? spots.filter((s) => !covered(s)) : spots;
}

// ---- vehicles on the map ----

export interface VehicleSpot {
  lat: number;
  lon: number;
  course: number | null;
  /** ms of the position */
  ts: number;
  /** Marker colour (from the snapshot; vehicles first seen by position are grey). */
  colour: string | null;
}

/** At most this many vehicles are kept (a park holds far fewer; a flood of unknown keys cannot grow the map). */
export const MAX_VEHICLES = 2000;
/** A vehicle not heard of for this long leaves the map. */
export const VEHICLE_QUIET_MS = 15 * 60_000;

/**
 * The vehicles drawn on the map, by key. `replace` takes a snapshot (vehicles in the park), `apply` the socket's
 * positions, `sweep` drops the quiet ones. Each call returns the keys whose spot changed and those removed.
 */
export type SpotsListener = (changed: readonly string[], removed: readonly string[]) => void;

export class VehicleSpots {
  readonly spots = new Map<string, VehicleSpot>();
  private readonly listeners = new Set<SpotsListener>();

  constructor(private readonly max = MAX_VEHICLES) {}

  /** Called after each change with the keys moved or added and those removed; returns the unsubscribe. */
  subscribe(fn: SpotsListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(d: { changed: string[]; removed: string[] }): { changed: string[]; removed: string[] } {
    if (d.changed.length || d.removed.length) for (const fn of this.listeners) fn(d.changed, d.removed);
    return d;
  }

  replace(vehicles: readonly Pick<LiveVehicle, 'key' | 'position'>[], colourOf: (v: LiveVehicle) => string): { changed: string[]; removed: string[] } {
    const keep = new Set<string>();
    const changed: string[] = [];
    for (const v of vehicles) {
      if (!v.position || keep.size >= this.max) continue;
      keep.add(v.key);
      const ts = Date.parse(v.position.ts);
      const had = this.spots.get(v.key);
      if (had && had.ts > ts) continue;
      this.spots.set(v.key, { lat: v.position.lat, lon: v.position.lon, course: v.position.course, ts, colour: colourOf(v as LiveVehicle) });
      changed.push(v.key);
    }
    const removed: string[] = [];
    for (const key of this.spots.keys()) {
      if (!keep.has(key)) {
        this.spots.delete(key);
        removed.push(key);
      }
    }
    return this.emit({ changed, removed });
  }

  apply(positions: readonly LivePositionTuple[]): { changed: string[]; removed: string[] } {
    const changed: string[] = [];
    for (const [key, ts, lat, lon, , course] of positions) {
      const had = this.spots.get(key);
      if (had && had.ts > ts) continue;
      if (!had && this.spots.size >= this.max) continue;
      this.spots.set(key, { lat, lon, course, ts, colour: had?.colour ?? null });
      changed.push(key);
    }
    return this.emit({ changed, removed: [] });
  }

  sweep(now: number, quietMs = VEHICLE_QUIET_MS): { changed: string[]; removed: string[] } {
    const removed: string[] = [];
    for (const [key, s] of this.spots) {
      if (now - s.ts > quietMs) {
        this.spots.delete(key);
        removed.push(key);
      }
    }
    return this.emit({ changed: [], removed });
  }
}
