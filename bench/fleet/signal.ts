// Realistic readings of one monitoring point, deterministic for a given random stream: a slow mean-reverting random
// walk around the set point (tank levels, pressures, environmental factors), plus a daily swing for temperatures
// (warmest in the early afternoon, Beijing time), and gas concentrations near zero with noise. Normal values stay
// inside the point's range and inside its thresholds by the deadband and a margin, so they never raise an alarm.
// An excursion ramps the value past one threshold (h, hh, l or ll), holds it there longer than the point's minimum
// duration plus three reporting intervals (so the platform raises exactly one alarm), then ramps back into the normal
// band past the deadband (so the alarm clears).
import type { PointKind, PointThresholds, ThresholdBand } from '@zoneops/shared';
import type { Rng } from '../../packages/server/src/db/seed/demo-data.ts';

export interface SignalSpec {
  kind: PointKind;
  range: [number, number];
  thresholds: PointThresholds;
  deadband: number;
  minDurationS: number;
  /** Where the process normally runs (null: the middle of the normal band, or its floor for gases). */
  setPoint?: number | null;
  /** Digits after the decimal point (default: from the range's span). */
  decimals?: number;
}

export interface Excursion {
  band: ThresholdBand;
  target: number;
  /** Times in ms: the ramp out ends at riseEnd, the hold at fallStart, the ramp back at end. */
  start: number;
  riseEnd: number;
  fallStart: number;
  end: number;
  from: number;
}

const DAY_MS = 86_400_000;
/** Mean reversion of the walk: about a quarter of an hour. */
const THETA_PER_S = 1 / 900;
/** Excursion bands and how often each is chosen (among the thresholds a point has). */
const BAND_WEIGHTS: [ThresholdBand, number][] = [
  ['h', 0.5],
  ['hh', 0.25],
  ['l', 0.15],
  ['ll', 0.1],
];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A standard normal deviate (Box–Muller) from a uniform stream. */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Where normal values live: inside the range, and inside each threshold by the deadband plus a 10 % margin. */
export function normalBand(spec: SignalSpec): { lo: number; hi: number } {
  const t = spec.thresholds;
  const [rangeLow, rangeHigh] = spec.range;
  const low = t.l ?? t.ll;
  const high = t.h ?? t.hh;
  let lo = low === null ? rangeLow : low + spec.deadband;
  let hi = high === null ? rangeHigh : high - spec.deadband;
  const margin = Math.max(0, hi - lo) * 0.1;
  if (low !== null) lo += margin;
  if (high !== null) hi -= margin;
  if (hi < lo) lo = hi = (lo + hi) / 2;
  return { lo: Math.max(lo, rangeLow), hi: Math.min(hi, rangeHigh) };
}

/** The thresholds an excursion can cross. */
export function excursionBands(t: PointThresholds): ThresholdBand[] {
  return BAND_WEIGHTS.filter(([b]) => t[b] !== null).map(([b]) => b);
}

function defaultDecimals(range: [number, number]): number {
  const span = range[1] - range[0];
  return span >= 100 ? 1 : span >= 10 ? 2 : 3;
}

export class PointSignal {
  readonly band: { lo: number; hi: number };
  private readonly centre: number;
  /** Stationary spread of the walk. */
  private readonly spread: number;
  private readonly swing: number;
  private readonly factor: number;
  private x: number;
  private last: number | null = null;
  private current: Excursion | null = null;

  constructor(
    readonly spec: SignalSpec,
    private readonly rng: Rng,
  ) {
    this.band = normalBand(spec);
    const { lo, hi } = this.band;
    const gas = spec.kind === 'combustibleGas' || spec.kind === 'toxicGas';
    this.centre = clamp(spec.setPoint ?? (gas ? lo : (lo + hi) / 2), lo, hi);
    const room = Math.min(hi - this.centre, this.centre - lo);
    this.spread = gas ? (hi - lo) * 0.02 : Math.max(room * 0.25, (hi - lo) * 0.03);
    this.swing = spec.kind === 'temperature' ? room * 0.35 : 0;
    this.factor = 10 ** (spec.decimals ?? defaultDecimals(spec.range));
    this.x = this.centre + (gas ? 0 : gaussian(rng) * this.spread * 0.5);
  }

  get excursion(): Excursion | null {
    return this.current;
  }

  /**
   * Starts an excursion at `ts` past `band` (default: drawn among the point's thresholds) unless one is running.
   * `intervalMs` is how often the point reports: the hold lasts the minimum duration plus 3 to 5 intervals.
   */
  startExcursion(ts: number, intervalMs: number, band?: ThresholdBand): Excursion | null {
    if (this.current) return null;
    const bands = excursionBands(this.spec.thresholds);
    const chosen = band ?? this.drawBand(bands);
    if (!chosen || !bands.includes(chosen)) return null;
    const from = this.last ?? this.normal(ts, intervalMs);
    const hold = this.spec.minDurationS * 1000 + intervalMs * (3 + 2 * this.rng());
    const riseEnd = ts + intervalMs;
    const fallStart = riseEnd + hold;
    this.current = { band: chosen, target: this.target(chosen), start: ts, riseEnd, fallStart, end: fallStart + intervalMs, from };
    return this.current;
  }

  /** The reading at `ts` (calls in time order); `dtMs` since the previous reading drives the walk. */
  next(ts: number, dtMs: number): number {
    const e = this.current;
    let v: number;
    if (e && ts < e.end) {
      if (ts < e.riseEnd) v = e.from + ((e.target - e.from) * (ts - e.start)) / (e.riseEnd - e.start);
      else if (ts < e.fallStart) v = e.target + this.holdNoise(e);
      else v = e.target + ((e.from - e.target) * (ts - e.fallStart)) / (e.end - e.fallStart);
    } else {
      if (e) {
        // back where it left, inside the normal band
        this.current = null;
        this.x = clamp(e.from, this.band.lo, this.band.hi);
      }
      v = this.normal(ts, dtMs);
    }
    const [rangeLow, rangeHigh] = this.spec.range;
    const out = Math.round(clamp(v, rangeLow, rangeHigh) * this.factor) / this.factor;
    this.last = out;
    return out;
  }

  private normal(ts: number, dtMs: number): number {
    const { lo, hi } = this.band;
    const kind = this.spec.kind;
    if (kind === 'combustibleGas' || kind === 'toxicGas') return clamp(this.centre + Math.abs(gaussian(this.rng)) * this.spread, lo, hi);
    // Ornstein–Uhlenbeck step, reflected into the band
    const decay = Math.exp(-THETA_PER_S * Math.max(0, dtMs) * 1e-3);
    let x = this.centre + (this.x - this.centre) * decay + this.spread * Math.sqrt(1 - decay * decay) * gaussian(this.rng);
    // warmest at 06:00 UTC (14:00 in Gulei)
    const wave = this.swing * Math.sin((2 * Math.PI * (ts % DAY_MS)) / DAY_MS);
    if (x + wave > hi) x = 2 * (hi - wave) - x;
    if (x + wave < lo) x = 2 * (lo - wave) - x;
    this.x = clamp(x, lo - wave, hi - wave);
    return clamp(this.x + wave, lo, hi);
  }

  private target(band: ThresholdBand): number {
    const t = this.spec.thresholds;
    const [rangeLow, rangeHigh] = this.spec.range;
    switch (band) {
      case 'h':
        return t.h! + 0.4 * ((t.hh ?? rangeHigh) - t.h!);
      case 'hh':
        return t.hh! + 0.35 * (rangeHigh - t.hh!);
      case 'l':
        return t.l! - 0.4 * (t.l! - (t.ll ?? rangeLow));
      case 'll':
        return t.ll! - 0.35 * (t.ll! - rangeLow);
    }
  }

  /** A little noise while held, never enough to leave the band. */
  private holdNoise(e: Excursion): number {
    const t = this.spec.thresholds;
    const [rangeLow, rangeHigh] = this.spec.range;
    const edges: Record<ThresholdBand, [number, number]> = {
      h: [t.h ?? e.target, t.hh ?? rangeHigh],
      hh: [t.hh ?? e.target, rangeHigh],
      l: [t.ll ?? rangeLow, t.l ?? e.target],
      ll: [rangeLow, t.ll ?? e.target],
    };
    const [a, b] = edges[e.band];
    const room = Math.min(e.target - a, b - e.target);
    return (this.rng() * 2 - 1) * room * 0.2;
  }

  private drawBand(bands: ThresholdBand[]): ThresholdBand | null {
    const weights = BAND_WEIGHTS.filter(([b]) => bands.includes(b));
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = this.rng() * total;
    for (const [b, w] of weights) if ((r -= w) < 0) return b;
    return weights.at(-1)?.[0] ?? null;
  }
}
