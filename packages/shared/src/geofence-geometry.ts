// Geofence geometry (issue 8), pure and shared by server and web: validation of GeoJSON Polygon / LineString in
// WGS-84 ([lon, lat] positions), bounding boxes, point in polygon (ray casting, holes by the even-odd rule), the
// distance from a point to a polyline in metres and corridor membership. Distances use a local equirectangular
// projection around the point: at park scale (a few kilometres) the error is far below a GPS fix's.
import type { GeofenceKind } from './closed-park.ts';

export type LonLat = [number, number];
export interface GeoPolygon {
  type: 'Polygon';
  coordinates: LonLat[][];
}
export interface GeoLineString {
  type: 'LineString';
  coordinates: LonLat[];
}
export type GeofenceGeometry = GeoPolygon | GeoLineString;
/** [minLon, minLat, maxLon, maxLat] */
export type Bbox = [number, number, number, number];

export interface GeometryIssue {
  /** Dotted path from the geometry, e.g. `geometry.coordinates.0.3.1`. */
  path: string;
  message: string;
}

/** Positions per ring / line accepted (the self-intersection check is quadratic). */
export const MAX_GEOFENCE_POSITIONS = 2000;
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** The geometry type each kind takes: a route is a line (its corridor is width_m around it), the rest are areas. */
export function geometryTypeOf(kind: GeofenceKind): 'Polygon' | 'LineString' {
  return kind === 'route' ? 'LineString' : 'Polygon';
}

function positionIssue(p: unknown, path: string): GeometryIssue | null {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return { path, message: 'a position is [longitude, latitude]' };
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || !Number.isFinite(lon)) return { path: `${path}.0`, message: 'longitude is not a number' };
  if (typeof lat !== 'number' || !Number.isFinite(lat)) return { path: `${path}.1`, message: 'latitude is not a number' };
  if (lon < -180 || lon > 180) return { path: `${path}.0`, message: 'longitude out of range (−180…180)' };
  if (lat < -90 || lat > 90) return { path: `${path}.1`, message: 'latitude out of range (−90…90)' };
  return null;
}

const samePos = (a: LonLat, b: LonLat) => a[0] === b[0] && a[1] === b[1];

function orient(a: LonLat, b: LonLat, c: LonLat): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}
function onSegment(a: LonLat, b: LonLat, p: LonLat): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}
/** Whether segments ab and cd share a point. */
export function segmentsIntersect(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** The first pair of non-adjacent edges of a closed ring that cross or touch, as edge indexes, or null. */
function ringSelfIntersection(ring: LonLat[]): [number, number] | null {
  const n = ring.length - 1; // edges; the last position repeats the first
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // adjacent edges share a vertex
      if (segmentsIntersect(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return [i, j];
    }
  }
  return null;
}

/** Twice the signed area in degrees² (zero for a degenerate ring). */
function ringArea2(ring: LonLat[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s;
}

/**
 * Checks a GeoJSON geometry: its type (the one `expected` names, if given), positions in WGS-84 ranges, polygons with
 * closed rings of at least 4 positions, a non-zero area and no self-intersection, lines of at least 2 distinct
 * positions. Issues carry the dotted path under `base` (e.g. `geometry.coordinates.0.2.1`). Empty: valid.
 */
export function validateGeometry(g: unknown, expected?: 'Polygon' | 'LineString', base = 'geometry'): GeometryIssue[] {
  if (!g || typeof g !== 'object' || Array.isArray(g)) return [{ path: base, message: 'a GeoJSON geometry object is expected' }];
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'LineString') return [{ path: `${base}.type`, message: 'Polygon or LineString expected' }];
  if (expected && type !== expected) return [{ path: `${base}.type`, message: `${expected} expected for this kind` }];
  const cpath = `${base}.coordinates`;
  if (!Array.isArray(coordinates)) return [{ path: cpath, message: 'coordinates must be an array' }];
  const issues: GeometryIssue[] = [];
  const positions = (arr: unknown[], path: string): LonLat[] | null => {
    if (arr.length > MAX_GEOFENCE_POSITIONS) {
      issues.push({ path, message: `at most ${MAX_GEOFENCE_POSITIONS} positions` });
      return null;
    }
    const out: LonLat[] = [];
    for (let i = 0; i < arr.length; i++) {
      const issue = positionIssue(arr[i], `${path}.${i}`);
      if (issue) {
        issues.push(issue);
        return null;
      }
      const p = arr[i] as number[];
      out.push([p[0]!, p[1]!]);
    }
    return out;
  };
  if (type === 'LineString') {
    const line = positions(coordinates, cpath);
    if (!line) return issues;
    if (line.length < 2) return [{ path: cpath, message: 'a line needs at least 2 positions' }];
    if (line.every((p) => samePos(p, line[0]!))) return [{ path: cpath, message: 'a line needs 2 distinct positions' }];
    return issues;
  }
  if (!coordinates.length) return [{ path: cpath, message: 'a polygon needs an outer ring' }];
  if (coordinates.length > 50) return [{ path: cpath, message: 'at most 50 rings' }];
  coordinates.forEach((r, ri) => {
    const rpath = `${cpath}.${ri}`;
    if (!Array.isArray(r)) {
      issues.push({ path: rpath, message: 'a ring is an array of positions' });
      return;
    }
    const ring = positions(r, rpath);
    if (!ring) return;
    if (ring.length < 4) {
      issues.push({ path: rpath, message: 'a ring needs at least 4 positions (the last repeats the first)' });
      return;
    }
    if (!samePos(ring[0]!, ring[ring.length - 1]!)) {
      issues.push({ path: `${rpath}.${ring.length - 1}`, message: 'the ring is not closed: the last position must repeat the first' });
      return;
    }
    const x = ringSelfIntersection(ring);
    if (x) issues.push({ path: `${rpath}.${x[1]}`, message: `the ring crosses itself (edges ${x[0]} and ${x[1]})` });
    else if (ringArea2(ring) === 0) issues.push({ path: rpath, message: 'the ring has no area' });
  });
  return issues;
}

// ---- measures ----

export function bboxOfPositions(positions: readonly LonLat[], into?: Bbox): Bbox {
  const b: Bbox = into ?? [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of positions) {
    if (lon < b[0]) b[0] = lon;
    if (lat < b[1]) b[1] = lat;
    if (lon > b[2]) b[2] = lon;
    if (lat > b[3]) b[3] = lat;
  }
  return b;
}

export function bboxOf(g: GeofenceGeometry): Bbox {
  if (g.type === 'LineString') return bboxOfPositions(g.coordinates);
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of g.coordinates) bboxOfPositions(ring, b);
  return b;
}

/** The box grown by `metres` on every side (a route's corridor). */
export function expandBbox(b: Bbox, metres: number): Bbox {
  const dLat = metres / (EARTH_RADIUS_M * RAD);
  const midLat = Math.max(Math.abs(b[1]), Math.abs(b[3]));
  const dLon = dLat / Math.max(Math.cos(Math.min(midLat + dLat, 89.9) * RAD), 1e-6);
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

export function bboxContains(b: Bbox, lon: number, lat: number): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

/** Ray casting over one ring (the closing position repeats the first). */
function inRing(lon: number, lat: number, ring: readonly LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0];
    const yi = ring[i]![1];
    const xj = ring[j]![0];
    const yj = ring[j]![1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether the point lies inside the polygon (outer ring, minus holes). Points exactly on an edge may go either way. */
export function pointInArea(lon: number, lat: number, polygon: readonly (readonly LonLat[])[]): boolean {
  if (!polygon.length || !inRing(lon, lat, polygon[0]!)) return false;
  for (let h = 1; h < polygon.length; h++) if (inRing(lon, lat, polygon[h]!)) return false;
  return true;
}

/** Distance in metres between two positions (equirectangular: fine over a park). */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.cos(((lat1 + lat2) / 2) * RAD);
  const dx = (lon2 - lon1) * k;
  const dy = lat2 - lat1;
  return Math.sqrt(dx * dx + dy * dy) * RAD * EARTH_RADIUS_M;
}

/** Shortest distance in metres from the point to the polyline, in a local projection centred on the point. */
export function distanceToLineM(lon: number, lat: number, line: readonly LonLat[]): number {
  if (!line.length) return Infinity;
  const kx = Math.cos(lat * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  let best = Infinity;
  let ax = (line[0]![0] - lon) * kx;
  let ay = (line[0]![1] - lat) * ky;
  if (line.length === 1) return Math.hypot(ax, ay);
  for (let i = 1; i < line.length; i++) {
    const bx = (line[i]![0] - lon) * kx;
    const by = (line[i]![1] - lat) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    // projection of the origin (the point) on segment ab
    let t = len2 === 0 ? 0 : -(ax * dx + ay * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const px = ax + t * dx;
    const py = ay + t * dy;
    const d2 = px * px + py * py;
    if (d2 < best) best = d2;
    ax = bx;
    ay = by;
  }
  return Math.sqrt(best);
}

/** Whether the point is inside the corridor of total width `widthM` around the line (half on each side). */
export function inCorridor(lon: number, lat: number, line: readonly LonLat[], widthM: number): boolean {
  return distanceToLineM(lon, lat, line) <= widthM / 2;
}

/** Containment of a point in a geofence: area for polygons, corridor for lines (widthM required). */
export function geofenceContains(g: GeofenceGeometry, lon: number, lat: number, widthM: number | null = null): boolean {
  if (g.type === 'Polygon') return pointInArea(lon, lat, g.coordinates);
  return widthM !== null && inCorridor(lon, lat, g.coordinates, widthM);
}
