// Gate events now and then, as the checkpoints' devices post them: cars of the park's own fleets and visitors in and
// out through the general and unattended checkpoints (ISAPI ANPR multipart), staff through the face terminals (ISAPI
// AccessControllerEvent JSON, or the platform's event_acs), hazmat trucks with an appointment for later at the
// dedicated checkpoint (the platform's event_mpc: the gate finds them outside their window), and now and then a
// plate nobody knows. Who is in the park is tracked here from what was posted.
import { mulberry32, type Rng } from '../../packages/server/src/db/seed/demo-data.ts';
import type { DemoParkGateDevice, DemoParkSection } from '../../packages/server/src/db/seed/demo-park.ts';
import { acsJson, anprMultipart, platformAcs, platformMpc } from './gate-events.ts';

export interface GateStats {
  posted: number;
  stored: number;
  duplicates: number;
  refused: number;
  entries: number;
  exits: number;
  lastError: string | null;
}

const PROVINCE_AREAS = ['闽E', '闽D', '闽C', '粤A', '浙B'];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export class GatePoster {
  private readonly rng: Rng;
  private readonly stats: GateStats = { posted: 0, stored: 0, duplicates: 0, refused: 0, entries: 0, exits: 0, lastError: null };
  private timer: NodeJS.Timeout | null = null;
  private readonly inflight = new Set<Promise<void>>();
  private readonly cars: { plate: string; inPark: boolean }[];
  private readonly trucks: { plate: string; inPark: boolean }[];
  private readonly people: { personCode: string; name: string; inPark: boolean }[];
  private seq = 1000;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly park: DemoParkSection,
    private readonly intervalMs = 20_000,
    seed = 0x9a7e,
  ) {
    this.rng = mulberry32(seed);
    const tracked = new Set(park.terminals.filter((t) => t.inPark).map((t) => t.plate));
    this.cars = park.vehicles.filter((v) => v.category === 'ordinary').map((v) => ({ plate: v.plate, inPark: v.inPark }));
    // trucks with an approved appointment that are not in the park (and no tracked vehicle: its terminal keeps driving)
    this.trucks = park.vehicles.filter((v) => v.appointment && !v.inPark && !tracked.has(v.plate)).map((v) => ({ plate: v.plate, inPark: false }));
    this.people = park.people.map((p) => ({ ...p }));
  }

  start(): void {
    const tick = () => {
      const job = this.once().finally(() => this.inflight.delete(job));
      this.inflight.add(job);
    };
    this.timer = setInterval(tick, this.intervalMs);
    setTimeout(tick, Math.min(3000, this.intervalMs));
  }

  snapshot(): GateStats {
    return { ...this.stats };
  }

  async stop(): Promise<GateStats> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inflight]);
    return this.snapshot();
  }

  private device(filter: (d: DemoParkGateDevice) => boolean): DemoParkGateDevice | null {
    const ds = this.park.devices.filter((d) => d.open && filter(d));
    return ds.length ? ds[Math.floor(this.rng() * ds.length)]! : null;
  }

  private ipOf(serial: string): string {
    let h = 0;
    for (const c of serial) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return `10.35.${(h >>> 8) % 250}.${(h % 250) + 2}`;
  }

  /** One event, chosen at random. */
  async once(): Promise<void> {
    const r = this.rng();
    const now = Date.now();
    if (r < 0.35) return this.car(now);
    if (r < 0.7) return this.person(now, this.rng() < 0.75 ? 'isapi' : 'platform');
    if (r < 0.92) return this.truck(now);
    return this.stranger(now);
  }

  private async car(now: number): Promise<void> {
    const car = this.cars[Math.floor(this.rng() * this.cars.length)];
    if (!car) return;
    const direction = car.inPark ? 'out' : 'in';
    const d = this.device(
      (x) => x.kind === 'anpr' && x.vendor === 'hikvisionIsapi' && x.direction === direction && (x.checkpoint.endsWith('02') || x.checkpoint.endsWith('03')),
    );
    if (!d) return;
    const { body, contentType } = anprMultipart({
      serialNo: d.serialNo,
      ip: this.ipOf(d.serialNo),
      plate: car.plate,
      at: now,
      direction,
      plateColor: car.plate.length === 8 ? 'green' : 'blue',
    });
    if (await this.post('isapi', body, contentType)) {
      car.inPark = !car.inPark;
      this.count(direction);
    }
  }

  private async person(now: number, via: 'isapi' | 'platform'): Promise<void> {
    const p = this.people[Math.floor(this.rng() * this.people.length)];
    if (!p) return;
    const direction = p.inPark ? 'out' : 'in';
    this.seq++;
    let ok: boolean;
    if (via === 'platform') {
      const d = this.device((x) => x.vendor === 'hikvisionPlatform' && x.kind === 'accessControl' && x.direction === direction);
      if (!d) return;
      ok = await this.post(
        'platform',
        platformAcs({ srcIndex: d.serialNo, personCode: p.personCode, name: p.name, at: now, direction, seq: this.seq }),
        'application/json',
      );
    } else {
      const d = this.device((x) => x.kind === 'face' && x.vendor === 'hikvisionIsapi' && x.direction === direction);
      if (!d) return;
      ok = await this.post(
        'isapi',
        acsJson({ serialNo: d.serialNo, ip: this.ipOf(d.serialNo), personCode: p.personCode, name: p.name, at: now, direction, serial: this.seq }),
        'application/json',
      );
    }
    if (ok) {
      p.inPark = !p.inPark;
      this.count(direction);
    }
  }

  private async truck(now: number): Promise<void> {
    const t = this.trucks[Math.floor(this.rng() * this.trucks.length)];
    if (!t) return;
    const direction = t.inPark ? 'out' : 'in';
    const d = this.device((x) => x.vendor === 'hikvisionPlatform' && x.kind === 'anpr' && x.direction === direction);
    if (!d) return;
    if (await this.post('platform', platformMpc({ srcIndex: d.serialNo, checkpointName: d.checkpointName, plate: t.plate, at: now }), 'application/json')) {
      t.inPark = !t.inPark;
      this.count(direction);
    }
  }

  /** A plate the park does not know at the dedicated checkpoint (no appointment: an alarm). */
  private async stranger(now: number): Promise<void> {
    const d = this.device((x) => x.kind === 'anpr' && x.vendor === 'hikvisionIsapi' && x.direction === 'in' && x.checkpoint.endsWith('01'));
    if (!d) return;
    const area = PROVINCE_AREAS[Math.floor(this.rng() * PROVINCE_AREAS.length)]!;
    const plate = area + LETTERS[Math.floor(this.rng() * LETTERS.length)]! + String(Math.floor(this.rng() * 90_000) + 10_000).slice(0, 4);
    const { body, contentType } = anprMultipart({
      serialNo: d.serialNo,
      ip: this.ipOf(d.serialNo),
      plate,
      at: now,
      direction: 'in',
      plateColor: 'yellow',
      vehicleType: 'truck',
    });
    await this.post('isapi', body, contentType);
  }

  private count(direction: 'in' | 'out'): void {
    if (direction === 'in') this.stats.entries++;
    else this.stats.exits++;
  }

  private async post(channel: 'isapi' | 'platform', body: Buffer, contentType: string): Promise<boolean> {
    this.stats.posted++;
    try {
      const res = await fetch(`${this.baseUrl}/api/gate/${encodeURIComponent(this.token)}/${channel}`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (!res.ok) {
        this.stats.refused++;
        this.stats.lastError = `gate ${channel}: HTTP ${res.status} ${text.slice(0, 200)}`;
        return false;
      }
      const r = JSON.parse(text) as { stored?: number; duplicates?: number };
      this.stats.stored += r.stored ?? 0;
      this.stats.duplicates += r.duplicates ?? 0;
      return true;
    } catch (err) {
      this.stats.refused++;
      this.stats.lastError = `gate ${channel}: ${(err as Error).message}`;
      return false;
    }
  }
}
