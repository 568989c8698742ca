// Alarm rules of monitoring points (DOMAIN §10; issue 7), without storms: a threshold alarm is raised only after the
// condition has held for a minimum duration, stays raised until the value comes back past the threshold by the
// deadband (hysteresis), and changes level in place (one open alarm per point and rule, updated, never duplicated).
// Also the rate of change and stale data. Pure functions over a small per-point state kept by the ingest worker.

/** 红 / 橙 / 黄 / 蓝: 重大 / 较大 / 一般 / 较低. */
export const alarmLevels = ['red', 'orange', 'yellow', 'blue'] as const;
export type AlarmLevel = (typeof alarmLevels)[number];
const rank: Record<AlarmLevel, number> = { red: 4, orange: 3, yellow: 2, blue: 1 };
export const worseLevel = (a: AlarmLevel | null, b: AlarmLevel | null): AlarmLevel | null => (!a ? b : !b ? a : rank[a] >= rank[b] ? a : b);

/** The four thresholds of a point (high-high, high, low, low-low); null where not set. */
export interface PointThresholds {
  hh: number | null;
  h: number | null;
  l: number | null;
  ll: number | null;
}
export type ThresholdBand = keyof PointThresholds;

export interface ThresholdRule {
  thresholds: PointThresholds;
  /** Level of each band (default: hh and ll red, h orange, l yellow). */
  levels: Record<ThresholdBand, AlarmLevel>;
  /** Hysteresis, in the point's unit: a raised alarm clears only when the value is this far back inside. */
  deadband: number;
  /** The condition must hold this long before the alarm is raised (ms). */
  minDurationMs: number;
}
export const defaultBandLevels: Record<ThresholdBand, AlarmLevel> = { hh: 'red', h: 'orange', l: 'yellow', ll: 'red' };

/** Which band a value is in, ignoring hysteresis: the most severe exceeded. */
export function bandOf(value: number, t: PointThresholds): ThresholdBand | null {
  if (t.hh !== null && value >= t.hh) return 'hh';
  if (t.ll !== null && value <= t.ll) return 'll';
  if (t.h !== null && value >= t.h) return 'h';
  if (t.l !== null && value <= t.l) return 'l';
  return null;
}

/** Whether a value is still in `band` once raised: it must come back past the threshold by the deadband to leave. */
function stillIn(value: number, band: ThresholdBand, t: PointThresholds, deadband: number): boolean {
  const limit = t[band];
  if (limit === null) return false;
  return band === 'hh' || band === 'h' ? value > limit - deadband : value < limit + deadband;
}

/** What the evaluator remembers per point and rule. */
export interface ThresholdState {
  /** The raised alarm's band, or null. */
  active: ThresholdBand | null;
  /** A condition seen but not yet held long enough: its band and since when. */
  pending: { band: ThresholdBand; since: number } | null;
  /** The most extreme value while raised (for the alarm record). */
  peak: number | null;
}
export const initialThresholdState: ThresholdState = { active: null, pending: null, peak: null };

export type AlarmEvent =
  | { kind: 'raise'; band: ThresholdBand; level: AlarmLevel; value: number; since: number }
  | { kind: 'change'; band: ThresholdBand; level: AlarmLevel; value: number }
  | { kind: 'clear'; value: number };

/**
 * One reading against a threshold rule: the next state and at most one event. Readings must come in time order
 * (the ingest worker drops older ones for alarms; they are still stored).
 */
export function evaluateThreshold(state: ThresholdState, value: number, ts: number, rule: ThresholdRule): { state: ThresholdState; event: AlarmEvent | null } {
  const t = rule.thresholds;
  const band = bandOf(value, t);
  if (state.active) {
    const high = state.active === 'hh' || state.active === 'h';
    const peak = state.peak === null ? value : high ? Math.max(state.peak, value) : Math.min(state.peak, value);
    if (stillIn(value, state.active, t, rule.deadband)) {
      // worse on the same side (h → hh, l → ll): the open alarm changes level in place
      if (band && band !== state.active && sameSide(band, state.active) && worseBand(band, state.active) === band)
        return { state: { active: band, pending: null, peak }, event: { kind: 'change', band, level: rule.levels[band], value } };
      return { state: { ...state, peak }, event: null };
    }
    // back inside by the deadband; a lesser band may still hold (hh → h, with its own deadband) without a gap
    const lesser: ThresholdBand | null = state.active === 'hh' ? 'h' : state.active === 'll' ? 'l' : null;
    const next = band ?? (lesser && stillIn(value, lesser, t, rule.deadband) ? lesser : null);
    if (next) return { state: { active: next, pending: null, peak: value }, event: { kind: 'change', band: next, level: rule.levels[next], value } };
    return { state: initialThresholdState, event: { kind: 'clear', value } };
  }
  // a pending condition survives a dip within the deadband (a value flapping around the threshold keeps counting)
  if (!band && state.pending && stillIn(value, state.pending.band, t, rule.deadband)) {
    if (ts - state.pending.since >= rule.minDurationMs) {
      const raised = state.pending.band;
      return {
        state: { active: raised, pending: null, peak: value },
        event: { kind: 'raise', band: raised, level: rule.levels[raised], value, since: state.pending.since },
      };
    }
    return { state, event: null };
  }
  if (!band) return { state: initialThresholdState, event: null };
  const since = state.pending && sameSide(state.pending.band, band) ? state.pending.since : ts;
  const pendingBand = state.pending && sameSide(state.pending.band, band) ? worseBand(state.pending.band, band) : band;
  if (ts - since >= rule.minDurationMs) {
    const raised = worseBand(pendingBand, band);
    return {
      state: { active: raised, pending: null, peak: value },
      event: { kind: 'raise', band: raised, level: rule.levels[raised], value, since },
    };
  }
  return { state: { active: null, pending: { band: pendingBand, since }, peak: null }, event: null };
}

const sameSide = (a: ThresholdBand, b: ThresholdBand) => (a === 'h' || a === 'hh') === (b === 'h' || b === 'hh');
const worseBand = (a: ThresholdBand, b: ThresholdBand): ThresholdBand => (a === 'hh' || a === 'll' ? a : b === 'hh' || b === 'll' ? b : a);

/** Rate of change: |Δvalue| per minute between two readings above the limit. */
export function rateExceeded(prev: { value: number; ts: number } | null, value: number, ts: number, maxPerMinute: number): boolean {
  if (!prev || ts <= prev.ts) return false;
  return (Math.abs(value - prev.value) / (ts - prev.ts)) * 60_000 > maxPerMinute;
}

/** Stale data: no reading for `missed` expected intervals. */
export function isStale(lastTs: number | null, now: number, intervalMs: number, missed = 3): boolean {
  return lastTs === null ? false : now - lastTs > intervalMs * missed;
}
