import { describe, expect, it } from 'vitest';
import {
  defaultBandLevels,
  evaluateThreshold,
  initialThresholdState,
  isStale,
  rateExceeded,
  type AlarmEvent,
  type ThresholdRule,
  type ThresholdState,
} from './alarms.ts';

// A tank level in metres: high 8.0, high-high 9.0, low 1.0, low-low 0.5; deadband 0.2 m; held 10 s before raising.
const rule: ThresholdRule = { thresholds: { hh: 9, h: 8, l: 1, ll: 0.5 }, levels: defaultBandLevels, deadband: 0.2, minDurationMs: 10_000 };

/** Feeds readings one a second from t = 0; returns the events with their second. */
function run(values: number[], r: ThresholdRule = rule): [number, AlarmEvent][] {
  let state: ThresholdState = initialThresholdState;
  const events: [number, AlarmEvent][] = [];
  values.forEach((v, i) => {
    const next = evaluateThreshold(state, v, i * 1000, r);
    state = next.state;
    if (next.event) events.push([i, next.event]);
  });
  return events;
}

describe('threshold alarms without storms', () => {
  it('raises only after the condition held the minimum duration, with the time it began', () => {
    const events = run([7, 8.1, 8.2, 8.1, 8.3, 8.2, 8.4, 8.3, 8.2, 8.1, 8.2, 8.3]);
    expect(events).toEqual([[11, { kind: 'raise', band: 'h', level: 'orange', value: 8.3, since: 1000 }]]);
  });

  it('ignores a short excursion', () => {
    expect(run([7, 8.5, 8.6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7])).toEqual([]);
  });

  it('raises one alarm for a value flapping around the threshold, and clears it only past the deadband', () => {
    const flapping = [8.1, ...Array.from({ length: 60 }, (_, i) => (i % 2 ? 7.9 : 8.05))];
    const events = run(flapping);
    expect(events.filter(([, e]) => e.kind === 'raise')).toHaveLength(1);
    expect(events.filter(([, e]) => e.kind === 'clear')).toHaveLength(0);
    const thenDown = run([...Array.from({ length: 12 }, () => 8.2), 7.9, 7.85, 7.79]);
    expect(thenDown.map(([i, e]) => [i, e.kind])).toEqual([
      [10, 'raise'],
      [14, 'clear'],
    ]);
  });

  it('changes the open alarm’s level in place when it worsens and when it eases, never a second alarm', () => {
    const events = run([...Array.from({ length: 11 }, () => 8.5), 9.2, 9.5, 8.7, 8.5, 7.5]);
    expect(events.map(([i, e]) => [i, e.kind, 'level' in e ? e.level : null])).toEqual([
      [10, 'raise', 'orange'],
      [11, 'change', 'red'],
      [13, 'change', 'orange'],
      [15, 'clear', null],
    ]);
  });

  it('watches the low side the same way', () => {
    const events = run([...Array.from({ length: 11 }, () => 0.9), 0.4, 1.1, 1.3]);
    expect(events.map(([i, e]) => [i, e.kind, 'band' in e ? e.band : null])).toEqual([
      [10, 'raise', 'l'],
      [11, 'change', 'll'],
      // 1.1 is out of low-low by its deadband but still within low's (1.0 + 0.2)
      [12, 'change', 'l'],
      [13, 'clear', null],
    ]);
  });

  it('raises at once when no minimum duration is set, at the worst band seen', () => {
    expect(run([9.3], { ...rule, minDurationMs: 0 })).toEqual([[0, { kind: 'raise', band: 'hh', level: 'red', value: 9.3, since: 0 }]]);
  });
});

describe('rate of change and stale data', () => {
  it('compares the change per minute with the limit', () => {
    expect(rateExceeded({ value: 10, ts: 0 }, 12, 30_000, 3)).toBe(true);
    expect(rateExceeded({ value: 10, ts: 0 }, 11, 30_000, 3)).toBe(false);
    expect(rateExceeded(null, 100, 1, 3)).toBe(false);
    expect(rateExceeded({ value: 10, ts: 5 }, 99, 5, 3)).toBe(false);
  });
  it('calls a point stale after the missed intervals', () => {
    expect(isStale(0, 31_000, 10_000)).toBe(true);
    expect(isStale(0, 30_000, 10_000)).toBe(false);
    expect(isStale(null, 1e9, 10_000)).toBe(false);
  });
});
