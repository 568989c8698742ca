// Simulated phone trackers (OsmAnd / Traccar Client over HTTP): every interval each phone sends its position, the
// odd ones in the query form (`GET /?id=…&lat=…&lon=…&timestamp=…&speed=<knots>&bearing=…`), the even ones in the
// JSON form of Traccar Client 9 (`{"device_id", "location": {"timestamp", "coords": {…}, "battery": {"level"}}}`).
// A report counts as acknowledged on a 200 answer.
import type { Drive } from './drive.ts';

export interface SimPhone {
  id: string;
  drive: Drive;
}

export interface PhoneStats {
  phones: number;
  sent: number;
  acked: number;
  refused: number;
  lastError: string | null;
}

const KNOT_KMH = 1.852;

export class PhoneFleet {
  private readonly stats: PhoneStats;
  private timers: NodeJS.Timeout[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly battery: number[];

  constructor(
    private readonly url: string,
    private readonly phones: SimPhone[],
    private readonly intervalMs = 10_000,
  ) {
    this.stats = { phones: phones.length, sent: 0, acked: 0, refused: 0, lastError: null };
    this.battery = phones.map((_, i) => 0.95 - i * 0.07);
  }

  start(): void {
    this.phones.forEach((p, i) => {
      let last = Date.now();
      const tick = () => {
        const now = Date.now();
        const s = p.drive.advance(now, now - last);
        last = now;
        this.battery[i] = Math.max(0.05, this.battery[i]! - 0.0005);
        const job = this.post(i, p.id, s, now).finally(() => this.inflight.delete(job));
        this.inflight.add(job);
      };
      this.timers.push(
        setTimeout(
          () => {
            tick();
            this.timers.push(setInterval(tick, this.intervalMs));
          },
          (i * this.intervalMs) / Math.max(1, this.phones.length),
        ),
      );
    });
  }

  private async post(i: number, id: string, s: { lon: number; lat: number; speedKmh: number; course: number }, now: number): Promise<void> {
    this.stats.sent++;
    try {
      let res: Response;
      if (i % 2) {
        const q = new URLSearchParams({
          id,
          lat: s.lat.toFixed(6),
          lon: s.lon.toFixed(6),
          timestamp: String(Math.floor(now / 1000)),
          speed: (s.speedKmh / KNOT_KMH).toFixed(2),
          bearing: String(s.course),
          altitude: '6',
          accuracy: '8',
          batt: String(Math.round(this.battery[i]! * 100)),
        });
        res = await fetch(`${this.url}/?${q.toString()}`, { method: 'GET', signal: AbortSignal.timeout(5000) });
      } else {
        const body = {
          device_id: id,
          location: {
            timestamp: new Date(now).toISOString(),
            coords: { latitude: s.lat, longitude: s.lon, speed: s.speedKmh / 3.6, heading: s.course, altitude: 6, accuracy: 8 },
            is_moving: s.speedKmh > 0,
            battery: { level: Math.round(this.battery[i]! * 100) / 100, is_charging: false },
          },
        };
        res = await fetch(`${this.url}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5000),
        });
      }
      await res.arrayBuffer();
      if (res.ok) this.stats.acked++;
      else {
        this.stats.refused++;
        this.stats.lastError = `phone ${id}: HTTP ${res.status}`;
      }
    } catch (err) {
      this.stats.refused++;
      this.stats.lastError = `phone ${id}: ${(err as Error).message}`;
    }
  }

  snapshot(): PhoneStats {
    return { ...this.stats };
  }

  async stop(): Promise<PhoneStats> {
    for (const t of this.timers.splice(0)) clearTimeout(t);
    await Promise.allSettled([...this.inflight]);
    return this.snapshot();
  }
}
