// Small planar geometry for the demo closed park (seed and simulator): distances in metres on a local
// equirectangular projection (exact enough across a 10 km park), walking along a polyline, road junctions, and
// polygons around a point. Coordinates are GeoJSON order [lon, lat], WGS-84.

export type LonLat = [number, number];

const M_PER_DEG_LAT = 110_574;
const mPerDegLon = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function distanceM(a: readonly number[], b: readonly number[]): number {
  const lat = ((a[1] ?? 0) + (b[1] ?? 0)) / 2;
  const dx = ((b[0] ?? 0) - (a[0] ?? 0)) * mPerDegLon(lat);
  const dy = ((b[1] ?? 0) - (a[1] ?? 0)) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

/** Course from a to b in degrees clockwise from north (0–360). */
export function bearing(a: readonly number[], b: readonly number[]): number {
  const lat = ((a[1] ?? 0) + (b[1] ?? 0)) / 2;
  const dx = ((b[0] ?? 0) - (a[0] ?? 0)) * mPerDegLon(lat);
  const dy = ((b[1] ?? 0) - (a[1] ?? 0)) * M_PER_DEG_LAT;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/** The point `m` metres east and `n` metres north of p. */
export function offset(p: readonly number[], eastM: number, northM: number): LonLat {
  const lat = p[1] ?? 0;
  return [round6((p[0] ?? 0) + eastM / mPerDegLon(lat)), round6(lat + northM / M_PER_DEG_LAT)];
}

export function lengthM(line: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 1; i < line.length; i++) s += distanceM(line[i - 1]!, line[i]!);
  return s;
}

/** The point `d` metres along the line (clamped to its ends) and the course of the segment it lies on. */
export function along(line: readonly (readonly number[])[], d: number): { at: LonLat; course: number } {
  let rest = Math.max(0, d);
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const seg = distanceM(a, b);
    if (rest <= seg || i === line.length - 1) {
      const f = seg ? Math.min(1, rest / seg) : 0;
      return { at: [round6(a[0]! + (b[0]! - a[0]!) * f), round6(a[1]! + (b[1]! - a[1]!) * f)], course: Math.round(bearing(a, b)) };
    }
    rest -= seg;
  }
  const p = line[0]!;
  return { at: [p[0]!, p[1]!], course: 0 };
}

/** Where two polylines cross (first crossing): the point and the index of the segment of each line. */
export function junction(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): { at: LonLat; ia: number; ib: number } | null {
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      const [p, q, r, s] = [a[i - 1]!, a[i]!, b[j - 1]!, b[j]!];
      const d = (q[0]! - p[0]!) * (s[1]! - r[1]!) - (q[1]! - p[1]!) * (s[0]! - r[0]!);
      if (d === 0) continue;
      const t = ((r[0]! - p[0]!) * (s[1]! - r[1]!) - (r[1]! - p[1]!) * (s[0]! - r[0]!)) / d;
      const u = ((r[0]! - p[0]!) * (q[1]! - p[1]!) - (r[1]! - p[1]!) * (q[0]! - p[0]!)) / d;
      if (t >= 0 && t <= 1 && u >= 0 && u <= 1) return { at: [round6(p[0]! + t * (q[0]! - p[0]!)), round6(p[1]! + t * (q[1]! - p[1]!))], ia: i, ib: j };
    }
  }
  return null;
}

/** Line a from its start to where it meets b, then b from there to b's end (or start, `towards: 'start'`). */
export function turnInto(a: readonly (readonly number[])[], b: readonly (readonly number[])[], towards: 'end' | 'start' = 'end'): LonLat[] {
  const j = junction(a, b);
  if (!j) throw new Error('the roads do not meet');
  const head = a.slice(0, j.ia).map((p) => [p[0]!, p[1]!] as LonLat);
  const tail = (towards === 'end' ? b.slice(j.ib) : b.slice(0, j.ib).reverse()).map((p) => [p[0]!, p[1]!] as LonLat);
  return [...head, j.at, ...tail];
}

/** Distance from p to the polyline, metres. */
export function distanceToLineM(p: readonly number[], line: readonly (readonly number[])[]): number {
  let best = Infinity;
  const lat = p[1]!;
  const kx = mPerDegLon(lat);
  const xy = (q: readonly number[]) => [(q[0]! - p[0]!) * kx, (q[1]! - lat) * M_PER_DEG_LAT] as const;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = xy(line[i - 1]!);
    const [bx, by] = xy(line[i]!);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

/** A closed counter-clockwise ring of n corners at radius r metres around p. */
export function circleRing(p: readonly number[], radiusM: number, n = 12): LonLat[] {
  const ring: LonLat[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    ring.push(offset(p, radiusM * Math.cos(a), radiusM * Math.sin(a)));
  }
  return [...ring, ring[0]!];
}

/** A closed counter-clockwise rectangle of w × h metres centred on p. */
export function rectAround(p: readonly number[], wM: number, hM: number): LonLat[] {
  const c = [offset(p, -wM / 2, -hM / 2), offset(p, wM / 2, -hM / 2), offset(p, wM / 2, hM / 2), offset(p, -wM / 2, hM / 2)];
  return [...c, c[0]!];
}

/** Even-odd ray casting on a closed ring. */
export function insideRing(p: readonly number[], ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  const [x, y] = [p[0]!, p[1]!];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
    const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** How far along the line (metres) the point of the line nearest to p lies. */
export function projectM(line: readonly (readonly number[])[], p: readonly number[]): number {
  let best = { dist: Infinity, along: 0 };
  let walked = 0;
  const lat = p[1]!;
  const kx = mPerDegLon(lat);
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const ax = (a[0]! - p[0]!) * kx;
    const ay = (a[1]! - lat) * M_PER_DEG_LAT;
    const dx = (b[0]! - a[0]!) * kx;
    const dy = (b[1]! - a[1]!) * M_PER_DEG_LAT;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    const dist = Math.hypot(ax + t * dx, ay + t * dy);
    const seg = Math.sqrt(len2);
    if (dist < best.dist) best = { dist, along: walked + t * seg };
    walked += seg;
  }
  return best.along;
}
