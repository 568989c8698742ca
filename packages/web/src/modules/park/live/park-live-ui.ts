// Pure parts of the live vehicle page: marker colours by hazmat class, applying live messages to the page's state
// (positions move markers, alarms enter or leave the list, counts replace), display coordinates (GCJ-02 base maps get
// converted points; stored data stays WGS-84), the pixel width of a route corridor, and track playback positions.
import { toDisplay, type AlarmSummary, type LiveCounts, type LivePositionTuple, type LiveVehicle, type MapCrs, type ParkLiveSnapshot } from '@zoneops/shared';

/** Colours of the GB 190 / GB 13392 hazard labels (the main class, divisions of class 2 apart). */
const classColours: Record<string, string> = {
  '1': '#fa8c16',
  '2.1': '#f5222d',
  '2.2': '#52c41a',
  '2.3': '#722ed1',
  '2': '#f5222d',
  '3': '#cf1322',
  '4': '#d46b08',
  '5': '#fadb14',
  '6': '#9254de',
  '7': '#fadb14',
  '8': '#262626',
  '9': '#8c8c8c',
};
/** Vehicles without hazmat cargo: blue; vehicles the registry does not know: grey. */
export const NON_HAZMAT_COLOUR = '#1677ff';
export const UNKNOWN_COLOUR = '#bfbfbf';

/** The most severe class of a cargo list (lowest class number first: explosives before gases before liquids …). */
export function mainClass(classes: readonly string[]): string | null {
  if (!classes.length) return null;
  return [...classes].sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b) || a.localeCompare(b))[0]!;
}

export function hazmatColour(classes: readonly string[]): string {
  const c = mainClass(classes);
  if (!c) return NON_HAZMAT_COLOUR;
  return classColours[c] ?? classColours[c.split('.')[0]!] ?? UNKNOWN_COLOUR;
}

export function vehicleColour(v: Pick<LiveVehicle, 'hazmatClasses' | 'category'>): string {
  if (v.hazmatClasses.length) return hazmatColour(v.hazmatClasses);
  return v.category === null ? UNKNOWN_COLOUR : NON_HAZMAT_COLOUR;
}

/** A stored point as drawn on the base map. */
export function displayLatLng(crs: MapCrs, lat: number, lon: number): [number, number] {
  return toDisplay(crs, lat, lon);
}

/** Positions from the socket: markers move; a key the page does not know yet appears as a vehicle seen by position. */
export function applyPositions(vehicles: readonly LiveVehicle[], positions: readonly LivePositionTuple[]): LiveVehicle[] {
  const byKey = new Map(positions.map((p) => [p[0], p]));
  const out = vehicles.map((v) => {
    const p = byKey.get(v.key);
    if (!p) return v;
    byKey.delete(v.key);
    if (v.position && Date.parse(v.position.ts) > p[1]) return v;
    return { ...v, position: { ts: new Date(p[1]).toISOString(), lat: p[2], lon: p[3], speedKmh: p[4], course: p[5] } };
  });
  for (const p of byKey.values()) {
    out.push({
      key: p[0],
      vehicleId: null,
      plate: null,
      category: null,
      carrierName: null,
      hazmatClasses: [],
      unNumbers: [],
      appointmentId: null,
      appointmentCode: null,
      inPark: false,
      enteredAt: null,
      positionOnly: true,
      position: { ts: new Date(p[1]).toISOString(), lat: p[2], lon: p[3], speedKmh: p[4], course: p[5] },
    });
  }
  return out;
}

/** An alarm change: open ones (not closed) are kept newest first, closed ones leave the list. */
export function applyAlarm(alarms: readonly AlarmSummary[], alarm: AlarmSummary): AlarmSummary[] {
  const rest = alarms.filter((a) => a.id !== alarm.id);
  if (alarm.status === 'closed' || alarm.closedAt) return rest;
  return [alarm, ...rest].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id));
}

export function applyCounts(s: ParkLiveSnapshot, counts: LiveCounts): ParkLiveSnapshot {
  return { ...s, counts };
}

/** Metres per pixel of Web Mercator at a latitude and zoom. */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / 2 ** (zoom + 8);
}

/** The stroke width (px) that draws a corridor of `widthM` metres at this zoom (at least 2 px so it stays visible). */
export function corridorWeight(widthM: number | null, lat: number, zoom: number): number {
  if (!widthM) return 3;
  return Math.max(2, Math.min(200, widthM / metresPerPixel(lat, zoom)));
}

/** The index of the last track point at or before `ts` (0 before the first). */
export function trackIndexAt(points: readonly (readonly [number, ...unknown[]])[], ts: number): number {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0 || ts <= points[0]![0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid]![0] <= ts) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Playback: how many points one tick advances, so a whole track plays in about `seconds` at 1× (ticks of `tickMs`). */
export function playbackStep(points: number, speed: number, seconds = 60, tickMs = 200): number {
  return Math.max(1, Math.round((points / ((seconds * 1000) / tickMs)) * speed));
}
