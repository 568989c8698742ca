// How a simulated vehicle moves: back and forth along its path (a designated route or the cargo road of the demo
// park) at 25–35 km/h, slower than each speed zone's limit, with short stops at the ends. Scenario roles:
// - speeding: drives 15–20 km/h over the limit inside speed zones;
// - offRoute: on each outbound leg leaves the route sideways by about 200 m for some 800 m, then comes back;
// - parkedOutside: on each outbound leg stops for 20 minutes on the road, outside every parking lot.
// Deterministic for a seed; time is given by the caller (wall clock in the simulator).
import { along, insideRing, lengthM, offset, projectM, type LonLat } from '../../packages/server/src/db/seed/demo-park-geo.ts';
import { mulberry32, type Rng } from '../../packages/server/src/db/seed/demo-data.ts';

export type DriveRole = 'speeding' | 'offRoute' | 'parkedOutside' | 'overstay' | null;

export interface DriveZones {
  speed: { ring: LonLat[]; limit: number }[];
  parking: LonLat[][];
  /** The default limit in the park (km/h). */
  parkLimit: number;
}

export interface DriveSample {
  lon: number;
  lat: number;
  speedKmh: number;
  course: number;
}

const MIN = 60_000;

export class Drive {
  private readonly total: number;
  private readonly rng: Rng;
  private readonly cruise: number;
  private d: number;
  private dir = 1;
  private dwellUntil = 0;
  private stoppedThisLeg = false;
  private readonly stopAt: number;
  private last: DriveSample;

  constructor(
    private readonly path: LonLat[],
    private readonly role: DriveRole,
    private readonly zones: DriveZones,
    seed: number,
    start: LonLat | null,
  ) {
    this.total = lengthM(path);
    this.rng = mulberry32(seed);
    this.cruise = 25 + this.rng() * 10;
    this.d = start ? projectM(path, start) : this.rng() * this.total;
    // the parked vehicle stops on the road, outside every lot
    let stop = this.total * 0.55;
    for (const f of [0.55, 0.45, 0.65, 0.35, 0.75]) {
      stop = this.total * f;
      if (!zones.parking.some((ring) => insideRing(along(path, stop).at, ring))) break;
    }
    this.stopAt = stop;
    const p = along(path, this.d);
    this.last = { lon: p.at[0], lat: p.at[1], speedKmh: 0, course: p.course };
  }

  /** Where the vehicle is after `dtMs` more, at wall time `now`. */
  advance(now: number, dtMs: number): DriveSample {
    if (now < this.dwellUntil) return (this.last = { ...this.last, speedKmh: 0 });
    // the limit where the vehicle is and where it will be: it slows down before entering a zone
    const ahead = this.d + (this.dir * this.cruise * dtMs) / 3600;
    const zones = [along(this.path, this.d).at, along(this.path, ahead).at].flatMap((at) => this.zones.speed.filter((z) => insideRing(at, z.ring)));
    const limit = Math.min(this.zones.parkLimit, ...zones.map((z) => z.limit));
    let speed = Math.min(this.cruise, limit - 3);
    if (this.role === 'speeding' && zones.length) speed = limit + 15 + this.rng() * 5;
    speed = Math.max(5, Math.round((speed + (this.rng() - 0.5) * 2) * 10) / 10);
    const before = this.d;
    this.d += ((this.dir * speed * dtMs) / 3_600_000) * 1000;
    if (this.role === 'parkedOutside' && this.dir > 0 && !this.stoppedThisLeg && before < this.stopAt && this.d >= this.stopAt) {
      this.d = this.stopAt;
      this.stoppedThisLeg = true;
      this.dwellUntil = now + 20 * MIN;
    } else if (this.d >= this.total || this.d <= 0) {
      this.d = Math.max(0, Math.min(this.total, this.d));
      this.dir = -this.dir;
      if (this.dir > 0) this.stoppedThisLeg = false;
      this.dwellUntil = now + (2 + this.rng() * 2) * MIN;
    }
    const p = along(this.path, this.d);
    let at = p.at;
    const course = this.dir > 0 ? p.course : (p.course + 180) % 360;
    if (this.role === 'offRoute' && this.dir > 0) {
      const from = this.total * 0.35;
      const x = this.d - from;
      const side = x <= 0 || x >= 800 ? 0 : 200 * Math.min(1, x / 200, (800 - x) / 200);
      if (side > 0) {
        const rad = (p.course * Math.PI) / 180;
        at = offset(at, Math.cos(rad) * side, -Math.sin(rad) * side);
      }
    }
    const stopped = now < this.dwellUntil;
    this.last = { lon: at[0], lat: at[1], speedKmh: stopped ? 0 : speed, course: Math.round(course) };
    return this.last;
  }
}

/** Speed zones, parking lots and the park's limit from the device file's geofences. */
export function zonesOf(geofences: readonly { kind: string; geometry: { type: string; coordinates: unknown }; speedLimitKmh: number | null }[]): DriveZones {
  const ring = (g: { type: string; coordinates: unknown }) => (g.type === 'Polygon' ? ((g.coordinates as LonLat[][])[0] ?? []) : []);
  return {
    speed: geofences.filter((g) => g.kind === 'speedZone' && g.speedLimitKmh).map((g) => ({ ring: ring(g.geometry), limit: g.speedLimitKmh! })),
    parking: geofences.filter((g) => g.kind === 'parking').map((g) => ring(g.geometry)),
    parkLimit: geofences.find((g) => g.kind === 'boundary')?.speedLimitKmh ?? 40,
  };
}
