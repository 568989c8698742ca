// Plausibility of a reported position: coordinates at (0, 0) (a terminal without a fix) and outside the WGS-84 range
// are refused; a device time outside the accepted window (config.ingest.window) is refused; a position implying more
// than MAX_KMH from the terminal's previous one is an impossible jump: it is STORED with the flag 'jump' (the
// terminal did send it, and a track shows it) and the rule engine ignores it. The next position is compared with
// the jump, so a single glitch flags the way out and the way back, and a terminal moved to another place recovers
// after one flagged position. A position without a GNSS fix (JT/T 808 status bit 1 clear) is stored flagged 'noFix'.
import type { PositionReport } from '../../modules/park/contracts.ts';
import type { PositionRejectReason } from './tallies.ts';

export const MAX_KMH = 300;
/** Below this distance no jump is flagged (GNSS noise on timestamps a second apart). */
const MIN_JUMP_M = 500;

export interface Previous {
  ts: number;
  lat: number;
  lon: number;
}

export type Plausibility = { ok: true; flags: string[] } | { ok: false; reason: PositionRejectReason; detail: string };

const R = 6_371_008.8;
const rad = Math.PI / 180;

/** Great-circle distance in metres. */
export function distanceM(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function checkPosition(
  r: Pick<PositionReport, 'lat' | 'lon' | 'ts'>,
  prev: Previous | undefined,
  now: number,
  window: { futureMs: number; pastMs: number },
  fixed = true,
): Plausibility {
  if (!Number.isFinite(r.lat) || !Number.isFinite(r.lon) || Math.abs(r.lat) > 90 || Math.abs(r.lon) > 180) {
    return { ok: false, reason: 'outOfRange', detail: `(${r.lat}, ${r.lon}) is outside the WGS-84 range` };
  }
  if (Math.abs(r.lat) < 1e-6 && Math.abs(r.lon) < 1e-6) return { ok: false, reason: 'zeroPosition', detail: 'position (0, 0): no fix' };
  if (!Number.isFinite(r.ts)) return { ok: false, reason: 'badTimestamp', detail: 'no valid device time' };
  if (r.ts > now + window.futureMs || r.ts < now - window.pastMs) {
    return { ok: false, reason: 'outOfWindow', detail: `device time ${new Date(r.ts).toISOString()} is outside the accepted window` };
  }
  const flags: string[] = [];
  if (!fixed) flags.push('noFix');
  if (prev) {
    const d = distanceM(prev.lat, prev.lon, r.lat, r.lon);
    if (d > MIN_JUMP_M) {
      const hours = Math.abs(r.ts - prev.ts) / 3_600_000;
      if (hours === 0 || d / 1000 / hours > MAX_KMH) flags.push('jump');
    }
  }
  return { ok: true, flags };
}
