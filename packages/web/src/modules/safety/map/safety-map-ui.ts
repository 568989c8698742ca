// The rules of the live safety page, pure: level colours and order, and the page's state — the map answer and the
// open alarms, with the alarm changes pushed over the socket applied on top (counts per level kept, the list newest
// first, the map's enterprises and points made worse at once; what only a reload can tell, such as the next worst
// alarm after one closes, comes with the reload the page schedules after changes). Changes heard while a reload was
// under way are replayed over its answer, so none is lost.
import { worseLevel, type AlarmLevel } from '@zoneops/shared';
import type { AlarmSummary, LevelCounts, OpenAlarmList, SafetyMap } from './types.ts';

export const levelOrder = ['red', 'orange', 'yellow', 'blue'] as const satisfies readonly AlarmLevel[];
export type LevelOrNone = AlarmLevel | 'none';

/** Marker colours: the four warning levels, green without an open alarm. */
export const levelColours: Record<LevelOrNone, string> = { red: '#cf1322', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff', none: '#52c41a' };
/** antd Tag colours of the same. */
export const levelTagColours: Record<LevelOrNone, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue', none: 'green' };

const rank: Record<AlarmLevel, number> = { red: 4, orange: 3, yellow: 2, blue: 1 };

/** The worst of some levels (null for none). */
export const worstOf = (levels: readonly (AlarmLevel | null)[]): AlarmLevel | null => levels.reduce<AlarmLevel | null>((w, l) => worseLevel(w, l), null);

/** The trend ranges of the point drawer and their spans. */
export const trendRanges = ['1h', '6h', '24h', '7d', '30d'] as const;
export type TrendRange = (typeof trendRanges)[number];
const HOUR = 3_600_000;
export const trendSpanMs: Record<TrendRange, number> = { '1h': HOUR, '6h': 6 * HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

/** The series query of a range ending at `now`. */
export function seriesQuery(range: TrendRange, now: number): { from: string; to: string } {
  return { from: new Date(now - trendSpanMs[range]).toISOString(), to: new Date(now).toISOString() };
}

export interface LiveEvent {
  seq: number;
  change: string;
  alarm: AlarmSummary;
}

export interface LiveView {
  map: SafetyMap | null;
  /** Open alarms, newest first. */
  alarms: AlarmSummary[];
  /** Open alarms in all (the list may hold fewer). */
  total: number;
  counts: LevelCounts;
  /** The newest changes heard, replayed over an answer that may predate them. */
  recent: LiveEvent[];
  /** Alarms raised or made worse while the page is open, newest last: their markers flash. */
  flashes: LiveEvent[];
  seq: number;
}

export type LiveAction = { type: 'loaded'; map: SafetyMap; alarms: OpenAlarmList; since: number } | { type: 'alarm'; change: string; alarm: AlarmSummary };

export const MAX_LIST = 1000;
const KEEP_RECENT = 300;
const KEEP_FLASHES = 20;

export const emptyCounts = (): LevelCounts => ({ red: 0, orange: 0, yellow: 0, blue: 0 });

export const initialLiveView: LiveView = { map: null, alarms: [], total: 0, counts: emptyCounts(), recent: [], flashes: [], seq: 0 };

const isOpen = (a: AlarmSummary) => a.closedAt === null && a.status !== 'closed';
const newestFirst = (a: AlarmSummary, b: AlarmSummary) => (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : a.id.localeCompare(b.id));

function applyToMap(map: SafetyMap | null, alarm: AlarmSummary, added: boolean): SafetyMap | null {
  if (!map || !isOpen(alarm)) return map;
  return {
    ...map,
    enterprises: map.enterprises.map((e) =>
      e.id === alarm.enterpriseId ? { ...e, level: worseLevel(e.level, alarm.level), openAlarms: e.openAlarms + (added ? 1 : 0) } : e,
    ),
    points: alarm.pointId ? map.points.map((p) => (p.id === alarm.pointId ? { ...p, level: worseLevel(p.level, alarm.level) } : p)) : map.points,
  };
}

/** One alarm change applied to the view (`live`: heard now, not replayed: it may flash). */
function applyAlarm(view: LiveView, change: string, alarm: AlarmSummary, live: boolean): LiveView {
  const prev = view.alarms.find((a) => a.id === alarm.id);
  // an older state of an alarm already shown (a replay over a newer answer)
  if (prev && Date.parse(prev.updatedAt) > Date.parse(alarm.updatedAt)) return view;
  const complete = view.total <= view.alarms.length;
  const counts = { ...view.counts };
  let total = view.total;
  const open = isOpen(alarm);
  if (prev) {
    counts[prev.level]--;
    total--;
  } else if (!open && !complete) {
    // closing one of the open alarms beyond the list
    counts[alarm.level] = Math.max(0, counts[alarm.level] - 1);
    total = Math.max(0, total - 1);
  }
  // an open alarm not in the list is new when it was just raised, or when the list holds every open alarm
  const counted = open && (!!prev || change === 'raised' || complete);
  if (counted) {
    counts[alarm.level]++;
    total++;
  }
  const rest = view.alarms.filter((a) => a.id !== alarm.id);
  let alarms = rest;
  if (open) {
    // the list is kept newest first: the alarm goes before the first older one
    const at = rest.findIndex((a) => newestFirst(alarm, a) < 0);
    alarms = at < 0 ? [...rest, alarm] : [...rest.slice(0, at), alarm, ...rest.slice(at)];
    if (alarms.length > MAX_LIST) alarms = alarms.slice(0, MAX_LIST);
  }
  const worse = open && (!prev ? change === 'raised' : rank[alarm.level] > rank[prev.level]);
  return {
    ...view,
    alarms,
    total: Math.max(total, alarms.length),
    counts,
    map: applyToMap(view.map, alarm, !prev && counted),
    flashes: live && worse ? [...view.flashes, { seq: view.seq, change, alarm }].slice(-KEEP_FLASHES) : view.flashes,
  };
}

export function liveReducer(view: LiveView, action: LiveAction): LiveView {
  if (action.type === 'alarm') {
    const seq = view.seq + 1;
    const next = applyAlarm({ ...view, seq }, action.change, action.alarm, true);
    return { ...next, recent: [...view.recent, { seq, change: action.change, alarm: action.alarm }].slice(-KEEP_RECENT) };
  }
  let fresh: LiveView = {
    ...view,
    map: action.map,
    alarms: [...action.alarms.items].sort(newestFirst),
    total: action.alarms.total,
    counts: { ...action.alarms.counts },
  };
  for (const e of view.recent) if (e.seq > action.since) fresh = applyAlarm(fresh, e.change, e.alarm, false);
  return fresh;
}
