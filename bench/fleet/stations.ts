// Environmental stations speaking HJ 212-2017 over TCP: each station keeps one connection to the platform and
// sends a real-time data frame (CN 2011) every 30 s (or faster with `rate`), asking for the data response (Flag 5:
// version 2017, answer wanted) and counting the answers. Values come from the same signals as the MQTT fleet,
// excursions included. Reconnects after a drop; stops cleanly.
import { createConnection, type Socket } from 'node:net';
import { buildFrame, parseFrame, takeFrames } from '@zoneops/shared';
import { mulberry32, type Rng } from '../../packages/server/src/db/seed/demo-data.ts';
import type { FleetStation } from './devices.ts';
import { PointSignal } from './signal.ts';

export interface StationOptions {
  host: string;
  port: number;
  stations: FleetStation[];
  /** Frames this many times as often as every 30 s (default 1). */
  rate?: number;
  /** Chance per factor and minute that an excursion starts (default 0). */
  excursions?: number;
  seed?: number;
}

export interface StationStats {
  stations: number;
  connected: number;
  frames: number;
  answered: number;
  readings: number;
  excursionsStarted: number;
  lastError: string | null;
}

/** yyyyMMddHHmmss (and milliseconds for QN) in Beijing time, as station clocks keep it. */
export function beijingStamp(ms: number, withMillis = false): string {
  const d = new Date(ms + 8 * 3_600_000).toISOString();
  const s = d.slice(0, 19).replace(/[-:T]/g, '');
  return withMillis ? s + d.slice(20, 23) : s;
}

/** The real-time data segment of one station (values by factor code). */
export function realtimeSegment(station: Pick<FleetStation, 'mn' | 'st' | 'pw'>, at: number, values: Record<string, number>): string {
  const cp = [`DataTime=${beijingStamp(at)}`, ...Object.entries(values).map(([code, v]) => `${code}-Rtd=${v},${code}-Flag=N`)].join(';');
  return `QN=${beijingStamp(at, true)};ST=${station.st};CN=2011;PW=${station.pw};MN=${station.mn};Flag=5;CP=&&${cp}&&`;
}

interface StationState {
  station: FleetStation;
  signals: PointSignal[];
  socket: Socket | null;
  connected: boolean;
  buffer: string;
  lastTs: number;
}

export class StationFleet {
  private readonly states: StationState[];
  private readonly rng: Rng;
  private readonly intervalMs: number;
  private readonly stats: StationStats;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly opts: StationOptions) {
    this.rng = mulberry32(opts.seed ?? 0x5eed0703);
    this.intervalMs = 30_000 / (opts.rate ?? 1);
    this.states = opts.stations.map((station) => ({
      station,
      signals: station.factors.map((f) => new PointSignal(f, mulberry32(Math.floor(this.rng() * 2 ** 32)))),
      socket: null,
      connected: false,
      buffer: '',
      lastTs: Date.now(),
    }));
    this.stats = { stations: this.states.length, connected: 0, frames: 0, answered: 0, readings: 0, excursionsStarted: 0, lastError: null };
  }

  snapshot(): StationStats {
    return { ...this.stats, connected: this.states.filter((s) => s.connected).length };
  }

  start(): void {
    for (const s of this.states) this.connect(s);
    this.timer = setInterval(() => this.tick(Date.now()), this.intervalMs);
  }

  async stop(): Promise<StationStats> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(
      this.states.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (!s.socket || s.socket.destroyed) return resolve();
            s.socket.end(() => resolve());
            setTimeout(() => {
              s.socket?.destroy();
              resolve();
            }, 1000).unref();
          }),
      ),
    );
    return this.snapshot();
  }

  private connect(s: StationState): void {
    const socket = createConnection({ host: this.opts.host, port: this.opts.port });
    s.socket = socket;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      s.connected = true;
    });
    socket.on('data', (chunk: string) => {
      const { frames, rest } = takeFrames(s.buffer + chunk);
      s.buffer = rest;
      for (const f of frames) {
        const r = parseFrame(f);
        if (r.ok && r.frame.cn === '9014') this.stats.answered++;
      }
    });
    socket.on('error', (err) => {
      this.stats.lastError = `${s.station.name}: ${err.message}`;
    });
    socket.on('close', () => {
      s.connected = false;
      if (!this.stopping) setTimeout(() => !this.stopping && this.connect(s), 2000).unref();
    });
  }

  private tick(now: number): void {
    for (const s of this.states) {
      if (!s.connected || !s.socket) continue;
      const values: Record<string, number> = {};
      s.station.factors.forEach((f, i) => {
        const signal = s.signals[i]!;
        const chance = this.opts.excursions ?? 0;
        if (chance && !signal.excursion && this.rng() < (chance * this.intervalMs) / 60_000 && signal.startExcursion(now, this.intervalMs)) {
          this.stats.excursionsStarted++;
        }
        values[f.tag] = signal.next(now, now - s.lastTs);
      });
      s.lastTs = now;
      s.socket.write(buildFrame(realtimeSegment(s.station, now, values)));
      this.stats.frames++;
      this.stats.readings += s.station.factors.length;
    }
  }
}
