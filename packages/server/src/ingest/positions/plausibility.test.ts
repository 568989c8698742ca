// Plausibility of positions: (0, 0) and out-of-range refused, the accepted window, impossible jumps flagged.
import { describe, expect, it } from 'vitest';
import { checkPosition, distanceM } from './plausibility.ts';

const NOW = Date.UTC(2026, 10, 23, 1);
const W = { futureMs: 300_000, pastMs: 7 * 86_400_000 };

describe('position plausibility', () => {
  it('refuses (0, 0), out-of-range coordinates and times outside the window', () => {
    expect(checkPosition({ lat: 0, lon: 0, ts: NOW }, undefined, NOW, W)).toMatchObject({ ok: false, reason: 'zeroPosition' });
    expect(checkPosition({ lat: 91, lon: 0, ts: NOW }, undefined, NOW, W)).toMatchObject({ ok: false, reason: 'outOfRange' });
    expect(checkPosition({ lat: 31, lon: -181, ts: NOW }, undefined, NOW, W)).toMatchObject({ ok: false, reason: 'outOfRange' });
    expect(checkPosition({ lat: 31, lon: 120, ts: NOW + 600_000 }, undefined, NOW, W)).toMatchObject({ ok: false, reason: 'outOfWindow' });
    expect(checkPosition({ lat: 31, lon: 120, ts: NOW - 8 * 86_400_000 }, undefined, NOW, W)).toMatchObject({ ok: false, reason: 'outOfWindow' });
    expect(checkPosition({ lat: 31, lon: 120, ts: NOW }, undefined, NOW, W, false)).toEqual({ ok: true, flags: ['noFix'] });
  });

  it('flags a jump above 300 km/h, not a fast drive or GNSS noise', () => {
    const prev = { lat: 31, lon: 120, ts: NOW - 60_000 };
    // 0.045° of latitude ≈ 5 km in a minute = 300 km/h.
    expect(checkPosition({ lat: 31.06, lon: 120, ts: NOW }, prev, NOW, W)).toEqual({ ok: true, flags: ['jump'] });
    expect(checkPosition({ lat: 31.02, lon: 120, ts: NOW }, prev, NOW, W)).toEqual({ ok: true, flags: [] });
    expect(checkPosition({ lat: 31.003, lon: 120, ts: NOW - 60_000 }, prev, NOW, W)).toEqual({ ok: true, flags: [] });
    expect(checkPosition({ lat: 31.01, lon: 120, ts: NOW - 60_000 }, prev, NOW, W)).toEqual({ ok: true, flags: ['jump'] });
  });

  it('measures great-circle distances', () => {
    expect(distanceM(31, 120, 32, 120)).toBeCloseTo(111_195, -1);
  });
});
