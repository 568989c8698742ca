// A fleet of MQTT telemetry senders (mqtt.js), for the simulator and the ingest benchmark: one connection per sender
// (a device with its own token, or a gateway carrying many devices), the token as MQTT user name, ThingsBoard-style
// payloads (device topic `{ts, values}`; gateway topic `{"<device>": [{ts, values}]}`). Every point reports at its
// own interval (or a fixed one), with realistic values (signal.ts); now and then an excursion crosses a threshold
// long enough to raise an alarm, then recovers. Counts publishes, PUBACKs (QoS 1) and readings; stops cleanly,
// waiting for the PUBACKs in flight.
import { connect, type MqttClient } from 'mqtt';
import { DEVICE_TELEMETRY_TOPIC, GATEWAY_TELEMETRY_TOPIC, type ThresholdBand } from '@zoneops/shared';
import { mulberry32, type Rng } from '../../packages/server/src/db/seed/demo-data.ts';
import type { FleetPoint, FleetSender } from './devices.ts';
import { PointSignal } from './signal.ts';

export interface FleetOptions {
  /** mqtt://host:port of the platform's broker (or the external one). */
  url: string;
  senders: FleetSender[];
  qos?: 0 | 1;
  /** Points report this many times as often as their expected interval (default 1). */
  rate?: number;
  /** Every point reports at this fixed interval instead (benchmarks). */
  intervalMs?: number;
  /** How often the fleet looks for due points (default 1 s, or the fixed interval when shorter). */
  tickMs?: number;
  /** Chance per point and minute that an excursion starts (default 0: none). */
  excursions?: number;
  /** At most this many excursions at once (default 20). */
  maxExcursions?: number;
  seed?: number;
  protocolVersion?: 4 | 5;
  clientIdPrefix?: string;
  /** A sender skips its tick while this many QoS 1 messages wait for their PUBACK (default 1,000). */
  maxInflight?: number;
  /** Connections opened at once (default 50). */
  connectConcurrency?: number;
  /** Milliseconds to wait for the first connection of each sender (default 10 s); start() resolves anyway. */
  connectTimeoutMs?: number;
  onPublish?: (m: PublishInfo) => void;
  onAck?: (m: PublishInfo, at: number) => void;
  onExcursion?: (e: ExcursionInfo) => void;
}

export interface PublishInfo {
  sender: string;
  sentAt: number;
  /** Readings in the message: [device name, point, ts, value]. */
  readings: { device: string; point: FleetPoint; ts: number; value: number }[];
}

export interface ExcursionInfo {
  device: string;
  point: FleetPoint;
  band: ThresholdBand;
  target: number;
  start: number;
  fallStart: number;
  end: number;
}

export interface FleetStats {
  senders: number;
  connected: number;
  /** Messages sent, acknowledged (PUBACK, QoS 1) and failed. */
  published: number;
  acked: number;
  failed: number;
  readings: number;
  ackedReadings: number;
  inflight: number;
  /** Ticks a sender skipped (not connected, or too many unacknowledged messages). */
  skipped: number;
  reconnects: number;
  excursionsStarted: number;
  excursionsActive: number;
  lastError: string | null;
}

interface PointState {
  device: string;
  point: FleetPoint;
  signal: PointSignal;
  intervalMs: number;
  nextDue: number;
  lastTs: number;
}

interface SenderState {
  sender: FleetSender;
  client: MqttClient | null;
  points: PointState[];
  inflight: number;
  connects: number;
}

export class Fleet {
  private readonly states: SenderState[];
  private readonly rng: Rng;
  private readonly stats: FleetStats;
  private readonly active = new Set<PointState>();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly opts: FleetOptions) {
    this.rng = mulberry32(opts.seed ?? 0x5eed0702);
    const now = Date.now();
    const rate = opts.rate ?? 1;
    this.states = opts.senders.map((sender) => ({
      sender,
      client: null,
      inflight: 0,
      connects: 0,
      points: sender.devices.flatMap((d) =>
        d.points.map((point) => {
          const intervalMs = opts.intervalMs ?? Math.max(50, (point.intervalS * 1000) / rate);
          // staggered so that a sender's points do not all fall due in the same tick
          return {
            device: d.name,
            point,
            signal: new PointSignal(point, mulberry32(Math.floor(this.rng() * 2 ** 32))),
            intervalMs,
            nextDue: now + this.rng() * intervalMs,
            lastTs: now,
          };
        }),
      ),
    }));
    this.stats = {
      senders: this.states.length,
      connected: 0,
      published: 0,
      acked: 0,
      failed: 0,
      readings: 0,
      ackedReadings: 0,
      inflight: 0,
      skipped: 0,
      reconnects: 0,
      excursionsStarted: 0,
      excursionsActive: 0,
      lastError: null,
    };
  }

  /** Readings per second the fleet will publish (before skips). */
  get expectedRate(): number {
    return this.states.reduce((s, st) => s + st.points.reduce((a, p) => a + 1000 / p.intervalMs, 0), 0);
  }

  snapshot(): FleetStats {
    return {
      ...this.stats,
      connected: this.states.filter((s) => s.client?.connected).length,
      inflight: this.states.reduce((a, s) => a + s.inflight, 0),
      excursionsActive: this.active.size,
    };
  }

  /** Opens the connections (a few at a time) and starts publishing. */
  async start(): Promise<void> {
    const concurrency = this.opts.connectConcurrency ?? 50;
    const queue = [...this.states];
    const worker = async () => {
      for (let s = queue.shift(); s && !this.stopping; s = queue.shift()) await this.open(s);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    if (this.stopping) return;
    const tickMs = this.opts.tickMs ?? Math.min(1000, this.opts.intervalMs ?? 1000);
    this.timer = setInterval(() => this.tick(Date.now()), tickMs);
  }

  /** Stops publishing, waits up to `drainMs` for PUBACKs in flight, closes the connections. */
  async stop(drainMs = 5000): Promise<FleetStats> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const until = Date.now() + drainMs;
    while (Date.now() < until && this.states.some((s) => s.inflight > 0 && s.client?.connected)) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(this.states.map((s) => (s.client ? s.client.endAsync(true).catch(() => undefined) : undefined)));
    return this.snapshot();
  }

  private open(s: SenderState): Promise<void> {
    const i = this.states.indexOf(s);
    const client = connect(this.opts.url, {
      username: s.sender.token,
      clientId: `${this.opts.clientIdPrefix ?? 'zoneops-sim'}-${process.pid}-${i}`,
      protocolVersion: this.opts.protocolVersion ?? 4,
      clean: true,
      keepalive: 60,
      reconnectPeriod: 2000,
      reconnectOnConnackError: true,
      connectTimeout: this.opts.connectTimeoutMs ?? 10_000,
      queueQoSZero: false,
    });
    s.client = client;
    client.on('connect', () => {
      if (s.connects++ > 0) this.stats.reconnects++;
    });
    client.on('error', (err) => {
      this.stats.lastError = `${s.sender.name}: ${err.message}`;
    });
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        client.off('connect', done);
        resolve();
      };
      const timer = setTimeout(done, this.opts.connectTimeoutMs ?? 10_000);
      client.on('connect', done);
    });
  }

  /** Publishes what is due at `now`: one message per sender. */
  tick(now: number): void {
    for (const s of this.states) {
      const client = s.client;
      if (!client?.connected || s.inflight >= (this.opts.maxInflight ?? 1000)) {
        if (s.points.some((p) => p.nextDue <= now)) this.stats.skipped++;
        continue;
      }
      const readings: PublishInfo['readings'] = [];
      for (const p of s.points) {
        if (p.nextDue > now) continue;
        this.maybeExcursion(p, now);
        const value = p.signal.next(now, now - p.lastTs);
        if (this.active.has(p) && !p.signal.excursion) this.active.delete(p);
        p.lastTs = now;
        // a late tick does not publish a burst: the next reading is an interval after this one
        p.nextDue = Math.max(p.nextDue + p.intervalMs, now + p.intervalMs * 0.5);
        readings.push({ device: p.device, point: p.point, ts: now, value });
      }
      if (readings.length) this.publish(s, client, now, readings);
    }
  }

  private maybeExcursion(p: PointState, now: number): void {
    const chance = this.opts.excursions ?? 0;
    if (!chance || p.signal.excursion || this.active.size >= (this.opts.maxExcursions ?? 20)) return;
    if (this.rng() >= (chance * p.intervalMs) / 60_000) return;
    const e = p.signal.startExcursion(now, p.intervalMs);
    if (!e) return;
    this.active.add(p);
    this.stats.excursionsStarted++;
    this.opts.onExcursion?.({ device: p.device, point: p.point, band: e.band, target: e.target, start: e.start, fallStart: e.fallStart, end: e.end });
  }

  private publish(s: SenderState, client: MqttClient, now: number, readings: PublishInfo['readings']): void {
    let topic: string;
    let payload: unknown;
    if (s.sender.kind === 'device') {
      topic = DEVICE_TELEMETRY_TOPIC;
      payload = { ts: now, values: Object.fromEntries(readings.map((r) => [r.point.tag, r.value])) };
    } else {
      topic = GATEWAY_TELEMETRY_TOPIC;
      const byDevice: Record<string, { ts: number; values: Record<string, number> }[]> = {};
      for (const r of readings) (byDevice[r.device] ??= [{ ts: now, values: {} }])[0]!.values[r.point.tag] = r.value;
      payload = byDevice;
    }
    const info: PublishInfo = { sender: s.sender.name, sentAt: now, readings };
    const qos = this.opts.qos ?? 1;
    this.stats.published++;
    this.stats.readings += readings.length;
    this.opts.onPublish?.(info);
    if (qos === 1) s.inflight++;
    client.publish(topic, JSON.stringify(payload), { qos }, (err) => {
      if (qos === 1) s.inflight--;
      if (err) {
        this.stats.failed++;
        this.stats.lastError = `${s.sender.name}: ${err.message}`;
        return;
      }
      if (qos === 1) {
        this.stats.acked++;
        this.stats.ackedReadings += readings.length;
        this.opts.onAck?.(info, Date.now());
      }
    });
  }
}
