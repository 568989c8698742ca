// The write path of every channel: readings are collected into a batch and written in one multi-row statement when
// the batch is `flushMs` old or full, one write at a time (the next batch collects meanwhile), so ingest never holds
// more than one connection and never writes once per message. A submission is answered only when its readings are
// committed (that is what a QoS 1 PUBACK, an HTTP 200 and an HJ 212 data response mean); if the write fails its
// senders are not answered positively and send again. After the commit: the in-memory latest values, the alarm
// engine (only rows that were new), the latest values and devices seen (tallies.ts, written about once a second),
// and dirty roll-up buckets of late readings.
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceDef, PointDef, ReadingSink, StoredReading } from '../modules/safety/contracts.ts';
import type { IngestChannel, IngestRejectReason } from '@zoneops/shared';
import type { Db } from '../platform/database.ts';
import { Tallies } from './tallies.ts';
import { telemetryRepository } from './telemetry.repository.ts';

/** A reading resolved to its point, waiting to be written. */
export interface PointReading {
  point: PointDef;
  ts: number;
  value: number;
}

export interface SubmitResult {
  /** Readings stored now. */
  accepted: number;
  /** Readings that were already stored (same point and timestamp). */
  duplicates: number;
}

export type Ack = (err: Error | null, result?: SubmitResult) => void;

export interface PipelineOptions {
  flushMs: number;
  /** Rows per statement (PGlite: fewer, so that one statement never holds its only connection long). */
  maxBatchRows: number;
  /** Above this many waiting rows new submissions are refused (the database is down or far behind). */
  maxQueuedRows: number;
  /** How often latest values are written to telemetry_latest. */
  latestEveryMs?: number;
}

/** Thrown to a submission refused because too much is waiting to be written. */
export class OverloadedError extends Error {
  constructor() {
    super('ingest queue full');
  }
}

/** Gets stored readings that arrived late (their roll-up bucket may already be computed). */
export interface LateReadingSink {
  /** Readings older than this (ms) at `now` are late. */
  lateBefore(now: number): number;
  noteLate(pointId: string, ts: number): void;
}

class Batch {
  readonly pointIds: string[] = [];
  readonly ms: number[] = [];
  readonly values: number[] = [];
  readonly points: PointDef[] = [];
  /** Submission i covers rows [ends[i - 1] ?? 0, ends[i]). */
  readonly ends: number[] = [];
  readonly acks: Ack[] = [];
  readonly seen = new Map<string, number>();
  due = false;
  get size(): number {
    return this.pointIds.length;
  }
}

const RATE_WINDOW_S = 10;

export class Pipeline {
  private collecting: Batch | null = null;
  private readonly queue: Batch[] = [];
  private inFlight: Batch | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sinkChain: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  /** Readings stored per second, the last RATE_WINDOW_S seconds (ring by second). */
  private readonly rate = { seconds: new Float64Array(RATE_WINDOW_S), counts: new Float64Array(RATE_WINDOW_S) };
  readonly counters = {
    accepted: 0,
    duplicates: 0,
    batches: 0,
    writeFailures: 0,
    lastFlushMs: null as number | null,
    lastFlushRows: 0,
    lastFlushAt: null as Date | null,
  };

  /** Latest values, last contact and rejection counts. */
  readonly tallies: Tallies;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly sink: ReadingSink,
    private readonly late: LateReadingSink,
    private readonly clock: () => number,
    private readonly opts: PipelineOptions,
  ) {
    this.tallies = new Tallies(db, log, clock, opts.latestEveryMs);
  }

  // ---- submissions -------------------------------------------------------------------------------------------

  /** Queues readings of `sender` and resolves when they are committed. */
  submit(sender: DeviceDef, readings: readonly PointReading[], channel: IngestChannel): Promise<SubmitResult> {
    return new Promise((resolve, reject) => this.enqueue(sender, readings, channel, (err, result) => (err ? reject(err) : resolve(result!))));
  }

  /** The callback form of submit (no promise per message on the MQTT and HJ 212 paths). */
  enqueue(sender: DeviceDef, readings: readonly PointReading[], _channel: IngestChannel, ack: Ack): void {
    const n = readings.length;
    if (n === 0) {
      ack(null, { accepted: 0, duplicates: 0 });
      return;
    }
    if (this.queueDepth + n > this.opts.maxQueuedRows) {
      ack(new OverloadedError());
      return;
    }
    let b = this.collecting;
    if (!b) {
      b = this.collecting = new Batch();
      this.timer = setTimeout(() => this.onDue(), this.opts.flushMs);
    }
    const now = this.clock();
    b.seen.set(sender.id, now);
    let lastDevice: string | null = sender.id;
    for (let i = 0; i < n; i++) {
      const r = readings[i]!;
      b.pointIds.push(r.point.id);
      b.ms.push(r.ts);
      b.values.push(r.value);
      b.points.push(r.point);
      const d = r.point.deviceId;
      if (d !== null && d !== lastDevice) {
        b.seen.set(d, now);
        lastDevice = d;
      }
    }
    b.ends.push(b.size);
    b.acks.push(ack);
    if (b.size >= this.opts.maxBatchRows) this.seal();
  }

  /** Rows waiting: collecting, queued, in flight. */
  get queueDepth(): number {
    let n = (this.collecting?.size ?? 0) + (this.inFlight?.size ?? 0);
    for (const b of this.queue) n += b.size;
    return n;
  }

  // ---- batching ------------------------------------------------------------------------------------------------

  private onDue(): void {
    this.timer = null;
    const b = this.collecting;
    if (!b) return;
    // While a write is in flight the batch keeps collecting; it is written as soon as the write is done.
    if (this.inFlight) b.due = true;
    else this.seal();
  }

  private seal(): void {
    const b = this.collecting;
    if (!b) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.collecting = null;
    this.queue.push(b);
    this.kick();
  }

  private kick(): void {
    if (this.inFlight) return;
    const next = this.queue.shift();
    if (!next) {
      if (this.collecting?.due) return this.seal();
      for (const w of this.idleWaiters.splice(0)) w();
      return;
    }
    this.inFlight = next;
    void this.write(next).finally(() => {
      this.inFlight = null;
      this.kick();
    });
  }

  /**
   * Writes everything collected so far and resolves when it (and all before it) is committed or failed, and the
   * alarm engine has had the new readings.
   */
  async flush(): Promise<void> {
    this.seal();
    if (this.inFlight || this.queue.length) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.sinkChain;
  }

  private async write(b: Batch): Promise<void> {
    const started = performance.now();
    let res;
    try {
      res = await telemetryRepository.insertReadings(this.db, b.pointIds, b.ms, b.values);
    } catch (err) {
      this.counters.writeFailures++;
      this.log.error({ err, rows: b.size }, 'ingest write failed: its messages are not acknowledged');
      const e = err instanceof Error ? err : new Error(String(err));
      for (const ack of b.acks) safeAck(this.log, ack, e);
      return;
    }
    const n = b.size;
    // Which rows were new: all of them, unless the database says fewer were stored.
    let stored: Uint8Array | null = null;
    if (res.stored < n) {
      stored = new Uint8Array(n);
      const left = new Map<string, number>();
      const ids = res.pointIds ?? [];
      for (let i = 0; i < ids.length; i++) {
        const key = `${ids[i]}|${res.ms![i]}`;
        left.set(key, (left.get(key) ?? 0) + 1);
      }
      for (let i = 0; i < n; i++) {
        const key = `${b.pointIds[i]}|${b.ms[i]}`;
        const k = left.get(key);
        if (k) {
          stored[i] = 1;
          if (k === 1) left.delete(key);
          else left.set(key, k - 1);
        }
      }
    }
    const now = this.clock();
    const ms = performance.now() - started;
    this.counters.batches++;
    this.counters.accepted += res.stored;
    this.counters.duplicates += n - res.stored;
    this.counters.lastFlushMs = Math.round(ms * 10) / 10;
    this.counters.lastFlushRows = n;
    this.counters.lastFlushAt = new Date(now);
    this.countRate(res.stored);

    const lateBefore = this.late.lateBefore(now);
    const out: StoredReading[] = new Array<StoredReading>(res.stored);
    let k = 0;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      if (stored && !stored[i]) continue;
      const point = b.points[i]!;
      const ts = b.ms[i]!;
      const value = b.values[i]!;
      this.tallies.stored(point.id, ts, value);
      if (ts < lateBefore) this.late.noteLate(point.id, ts);
      if (k > 0 && ts < out[k - 1]!.ts) sorted = false;
      out[k++] = { point, ts, value };
    }
    out.length = k;
    for (const [id, at] of b.seen) this.tallies.seen(id, at);
    this.tallies.ensureTimer();

    // Acknowledge: the readings are committed.
    let start = 0;
    for (let j = 0; j < b.acks.length; j++) {
      const end = b.ends[j]!;
      let accepted = end - start;
      if (stored) {
        accepted = 0;
        for (let i = start; i < end; i++) accepted += stored[i]!;
      }
      safeAck(this.log, b.acks[j]!, null, { accepted, duplicates: end - start - accepted });
      start = end;
    }

    // The alarm engine hears new readings in commit order (and in timestamp order within a batch).
    if (!sorted) out.sort((a, c) => a.ts - c.ts);
    const seen = [...b.seen];
    const sink = this.sink;
    this.sinkChain = this.sinkChain.then(async () => {
      try {
        for (const [id, at] of seen) sink.onDeviceSeen(id, at);
        if (out.length) await sink.onReadings(out);
      } catch (err) {
        this.log.error({ err }, 'the alarm engine failed on a batch of readings');
      }
    });
    // Back-pressure: the next write waits while the alarm engine is two batches behind.
    await this.sinkBehind();
  }

  private pendingSink = 0;
  private async sinkBehind(): Promise<void> {
    this.pendingSink++;
    const done = this.sinkChain.then(() => {
      this.pendingSink--;
    });
    if (this.pendingSink > 2) await done;
  }

  private countRate(n: number): void {
    const sec = Math.floor(performance.now() / 1000);
    const i = sec % RATE_WINDOW_S;
    if (this.rate.seconds[i] !== sec) {
      this.rate.seconds[i] = sec;
      this.rate.counts[i] = 0;
    }
    this.rate.counts[i]! += n;
  }

  /** Readings stored per second over the last complete seconds of the window. */
  acceptedPerSecond(): number {
    const sec = Math.floor(performance.now() / 1000);
    let sum = 0;
    for (let i = 0; i < RATE_WINDOW_S; i++) {
      const s = this.rate.seconds[i]!;
      if (s < sec && s >= sec - RATE_WINDOW_S) sum += this.rate.counts[i]!;
    }
    return Math.round((sum / RATE_WINDOW_S) * 10) / 10;
  }

  // ---- rejections ----------------------------------------------------------------------------------------------

  /** Counts a refusal of a sender (device id, `token:…`, `mn:…` or `ip:…`) for a reason. */
  reject(senderKey: string, deviceId: string | null, channel: IngestChannel, reason: IngestRejectReason, detail: string | null, count = 1): void {
    this.tallies.reject(senderKey, deviceId, channel, reason, detail, count);
  }

  /** Writes everything (readings, then latest values, last contact and rejections) and stops the timers. */
  async close(): Promise<void> {
    await this.flush();
    await this.tallies.close();
  }
}

function safeAck(log: FastifyBaseLogger, ack: Ack, err: Error | null, result?: SubmitResult): void {
  try {
    ack(err, result);
  } catch (e) {
    log.error({ err: e }, 'ingest acknowledgement failed');
  }
}
