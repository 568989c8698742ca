// The synthetic park of the vehicles benchmark, shared by the platform child (which stores the geofences, vehicles
// and terminals) and the terminal generator (which drives them): a 10 × 9 km box; the geofences (boundary,
// restricted areas in a northern strip, route corridors, parking lots and speed zones in the rest); each terminal's
// phone number, plate and track (a circle of 200 m at 25 km/h, south of the restricted strip, so that normal traffic
// never breaks a rule); each violator's restricted area and the points just outside and just inside it.

export const PARK = { west: 117.5, east: 117.6, south: 23.7, north: 23.78 };
/** Normal traffic stays south of this latitude; restricted areas lie north of it. */
const STRIP_SOUTH = 23.765;
const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((23.74 * Math.PI) / 180);
export const NORMAL_SPEED_KMH = 25;
export const SPEED_LIMIT_KMH = 60;
export const ZONE_LIMIT_KMH = 40;
const TRACK_RADIUS_M = 200;

export interface GeofenceSpec {
  kind: 'boundary' | 'restricted' | 'route' | 'parking' | 'speedZone';
  name: string;
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'LineString'; coordinates: number[][] };
  widthM: number | null;
  speedLimitKmh: number | null;
  capacity: number | null;
}

const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

/** Deterministic pseudo-random in [0, 1) from an integer. */
function hash01(i: number, salt: number): number {
  let x = (i * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x45d9f3b) >>> 0;
  x ^= x >>> 16;
  return x / 2 ** 32;
}

/** Restricted squares of 200 m in the northern strip, on a grid. */
function restrictedSquare(j: number): { w: number; s: number; e: number; n: number } {
  const cols = 17;
  const c = j % cols;
  const r = Math.floor(j / cols) % 3;
  const w = PARK.west + 0.004 + c * 0.0055;
  const s = STRIP_SOUTH + 0.002 + r * 0.0045;
  return { w, s, e: w + 200 / M_PER_DEG_LON, n: s + 200 / M_PER_DEG_LAT };
}

/** `total` geofences: 1 boundary, ¼ restricted (at most 51), ¼ route corridors, ⅕ parking lots, the rest speed zones. */
export function geofenceSpecs(total: number): GeofenceSpec[] {
  const out: GeofenceSpec[] = [
    {
      kind: 'boundary',
      name: '压测园区边界',
      geometry: rect(PARK.west, PARK.south, PARK.east, PARK.north),
      widthM: null,
      speedLimitKmh: SPEED_LIMIT_KMH,
      capacity: null,
    },
  ];
  const restricted = Math.min(51, Math.max(1, Math.round(total / 4)));
  const routes = Math.round(total / 4);
  const parking = Math.round(total / 5);
  for (let j = 0; j < restricted && out.length < total; j++) {
    const q = restrictedSquare(j);
    out.push({ kind: 'restricted', name: `压测禁区${j + 1}`, geometry: rect(q.w, q.s, q.e, q.n), widthM: null, speedLimitKmh: null, capacity: null });
  }
  for (let j = 0; j < routes && out.length < total; j++) {
    const lat = PARK.south + 0.003 + ((j * 0.055) / Math.max(1, routes)) * 1;
    const bend = 0.002 * (j % 2 ? 1 : -1);
    out.push({
      kind: 'route',
      name: `压测危化品路线${j + 1}`,
      geometry: {
        type: 'LineString',
        coordinates: [
          [PARK.west + 0.002, lat],
          [(PARK.west + PARK.east) / 2, lat + bend],
          [PARK.east - 0.002, lat],
        ],
      },
      widthM: 40,
      speedLimitKmh: null,
      capacity: null,
    });
  }
  for (let j = 0; j < parking && out.length < total; j++) {
    const w = PARK.west + 0.005 + hash01(j, 11) * 0.085;
    const s = PARK.south + 0.003 + hash01(j, 12) * 0.05;
    out.push({
      kind: 'parking',
      name: `压测危化品停车场${j + 1}`,
      geometry: rect(w, s, w + 0.0015, s + 0.0012),
      widthM: null,
      speedLimitKmh: null,
      capacity: 50,
    });
  }
  for (let j = 0; out.length < total; j++) {
    const w = PARK.west + 0.005 + hash01(j, 21) * 0.08;
    const s = PARK.south + 0.003 + hash01(j, 22) * 0.05;
    out.push({
      kind: 'speedZone',
      name: `压测限速区${j + 1}`,
      geometry: rect(w, s, w + 0.005, s + 0.0045),
      widthM: null,
      speedLimitKmh: ZONE_LIMIT_KMH,
      capacity: null,
    });
  }
  return out;
}

/** Restricted areas the violators use (as placed by geofenceSpecs). */
export function restrictedCount(totalGeofences: number): number {
  return Math.max(0, Math.min(51, Math.max(1, Math.round(totalGeofences / 4)), totalGeofences - 1));
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Terminal k (0-based): phone number (11 digits), plate and protocol version (every fourth one 2019). */
export function terminalOf(k: number): { phone: string; plate: string; version: '2013' | '2019'; terminalId: string } {
  return {
    phone: String(13_900_000_000 + k),
    plate: `闽E${LETTERS[Math.floor(k / 10_000) % LETTERS.length]}${String(k % 10_000).padStart(4, '0')}`,
    version: k % 4 === 0 ? '2019' : '2013',
    terminalId: `B${String(k).padStart(6, '0')}`,
  };
}

export interface Fix {
  ts: number;
  lat: number;
  lon: number;
  speedKmh: number;
  course: number;
}

/** Where normal terminal k is at device time ts (ms): on its circle, counter-clockwise at 25 km/h. */
export function normalFix(k: number, ts: number): Fix {
  const cLon = PARK.west + 0.01 + hash01(k, 1) * 0.08;
  const cLat = PARK.south + 0.005 + hash01(k, 2) * (STRIP_SOUTH - 0.01 - PARK.south - 0.005);
  const omega = NORMAL_SPEED_KMH / 3.6 / TRACK_RADIUS_M;
  const theta = hash01(k, 3) * 2 * Math.PI + omega * (ts / 1000);
  const course = ((Math.atan2(-Math.sin(theta), Math.cos(theta)) * 180) / Math.PI + 360) % 360;
  return {
    ts,
    lat: cLat + (TRACK_RADIUS_M * Math.sin(theta)) / M_PER_DEG_LAT,
    lon: cLon + (TRACK_RADIUS_M * Math.cos(theta)) / M_PER_DEG_LON,
    speedKmh: NORMAL_SPEED_KMH,
    course,
  };
}

/** Violator v: 10 m south of its restricted area (outside, creeping east and back), or 10 m inside it. */
export function violatorFix(v: number, restricted: number, ts: number, inside: boolean): Fix {
  const q = restrictedSquare(v % Math.max(1, restricted));
  const wobble = (Math.floor(ts / 1000) % 2) * 2; // 2 m back and forth
  const lon = (q.w + q.e) / 2 + wobble / M_PER_DEG_LON;
  const lat = inside ? q.s + 10 / M_PER_DEG_LAT : q.s - 10 / M_PER_DEG_LAT;
  return { ts, lat, lon, speedKmh: 8, course: inside ? 0 : 90 };
}
