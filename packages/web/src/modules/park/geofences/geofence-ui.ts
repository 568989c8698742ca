// Pure helpers of the geofences page: colours per kind, the geometry drawn by clicking vertices (a polygon's ring
// closed on save), pasted GeoJSON read into a geometry, and a route's corridor as polygons for display.
import { geometryTypeOf, validateGeometry, type GeofenceGeometry, type GeofenceKind, type LonLat } from '@zoneops/shared';

export const kindColours: Record<GeofenceKind, string> = {
  boundary: '#1d39c4',
  restricted: '#cf1322',
  route: '#d48806',
  parking: '#389e0d',
  speedZone: '#722ed1',
};
export const kindTagColours: Record<GeofenceKind, string> = { boundary: 'geekblue', restricted: 'red', route: 'gold', parking: 'green', speedZone: 'purple' };

/** The vertices of a geometry as drawn (a polygon's outer ring without its closing position). */
export function verticesOf(g: GeofenceGeometry | null | undefined): LonLat[] {
  if (!g) return [];
  if (g.type === 'LineString') return g.coordinates.map((p) => [p[0], p[1]]);
  const ring = g.coordinates[0] ?? [];
  const open = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
  return open.map((p) => [p[0], p[1]]);
}

/**
 * The geometry of the kind from clicked vertices: a line as clicked, a polygon's ring closed; the holes of an edited
 * polygon are kept. Null while there are too few vertices (2 for a line, 3 for an area).
 */
export function geometryFromVertices(kind: GeofenceKind, vertices: readonly LonLat[], holesOf?: GeofenceGeometry | null): GeofenceGeometry | null {
  const round = (p: LonLat): LonLat => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
  const pts = vertices.map(round);
  if (geometryTypeOf(kind) === 'LineString') return pts.length >= 2 ? { type: 'LineString', coordinates: pts } : null;
  if (pts.length < 3) return null;
  const holes = holesOf?.type === 'Polygon' ? holesOf.coordinates.slice(1) : [];
  return { type: 'Polygon', coordinates: [[...pts, pts[0]!], ...holes] };
}

export type PastedGeometry = { geometry: GeofenceGeometry } | { error: string };

/** Reads pasted GeoJSON: a geometry, a Feature or a FeatureCollection of one feature; checked for the kind. */
export function parsePastedGeometry(text: string, kind: GeofenceKind): PastedGeometry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'json' };
  }
  let g = json as { type?: string; geometry?: unknown; features?: { geometry?: unknown }[] };
  if (g?.type === 'FeatureCollection') g = (g.features?.[0]?.geometry ?? null) as typeof g;
  else if (g?.type === 'Feature') g = (g.geometry ?? null) as typeof g;
  const issues = validateGeometry(g, geometryTypeOf(kind));
  if (issues.length) return { error: issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  return { geometry: g as unknown as GeofenceGeometry };
}

const RAD = Math.PI / 180;
const R = 6_371_008.8;

/** A route's corridor for display: one quadrilateral per segment (round joins are drawn as circles by the map). */
export function corridorSegments(line: readonly LonLat[], widthM: number): LonLat[][] {
  const half = widthM / 2;
  const out: LonLat[][] = [];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const lat0 = ((a[1] + b[1]) / 2) * RAD;
    const kx = Math.cos(lat0) * RAD * R;
    const ky = RAD * R;
    const dx = (b[0] - a[0]) * kx;
    const dy = (b[1] - a[1]) * ky;
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    // unit normal × half width, back in degrees
    const nx = (-dy / len) * half;
    const ny = (dx / len) * half;
    const off = (p: LonLat, s: number): LonLat => [p[0] + (s * nx) / kx, p[1] + (s * ny) / ky];
    out.push([off(a, 1), off(b, 1), off(b, -1), off(a, -1), off(a, 1)]);
  }
  return out;
}
