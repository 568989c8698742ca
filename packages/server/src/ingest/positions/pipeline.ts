// The write path of positions (both adapters): positions are collected into a batch and written in one multi-row
// statement when the batch is `flushMs` old or full. Terminals are partitioned over `lanes` (PostgreSQL 2, PGlite 1):
// each lane writes one batch at a time (its next batch collects meanwhile), lanes write at the same time on separate
// connections, so a terminal's positions are written, acknowledged and handed on in order. Committed batches go to
// the stored sink through one queue in commit order. A submission is acknowledged only once its positions are
// committed (the JT/T 808 0x8001 and the OsmAnd 200); if the write fails nothing of the batch is acknowledged and
// terminals send again. After the commit, in this order: the
// acknowledgements, the latest position per vehicle (or terminal), the terminals' last contact (batched), then the
// stored sink (live hub) with the positions that were new, in commit order.
// The received sink (the rule engine) sees every accepted position once per event-loop turn, BEFORE the write: an alarm
// must not wait behind the write queue (a saturated stream keeps thousands of positions queued). Each terminal's
// positions reach it in the order they arrived; a position whose write then fails is sent again by its terminal and
// judged again (the rules ignore positions older than the vehicle's last, and raising is idempotent per plate and rule).
import type { FastifyBaseLogger } from 'fastify';
import type { PositionSink, StoredPosition } from '../../modules/park/contracts.ts';
import type { Db } from '../../platform/database.ts';
import { positionsRepository, type PositionColumns } from './positions.repository.ts';
import type { PositionTallies } from './tallies.ts';

export interface PositionAckResult {
  accepted: number;
  duplicates: number;
}
export type PositionAck = (err: Error | null, result?: PositionAckResult) => void;

export interface PositionPipelineOptions {
  flushMs: number;
  maxBatchRows: number;
  maxQueuedRows: number;
  /** Batches written at the same time, each on its own connection (terminals are partitioned over them). Default 1. */
  lanes?: number;
}

export class PositionsOverloadedError extends Error {
  constructor() {
    super('position queue full');
  }
}

class Batch {
  readonly rows: StoredPosition[] = [];
  readonly ends: number[] = [];
  readonly acks: PositionAck[] = [];
  due = false;
}

/** One write lane: a batch collecting, sealed batches waiting, at most one batch being written. */
class Lane {
  collecting: Batch | null = null;
  readonly queue: Batch[] = [];
  inFlight: Batch | null = null;
  timer: NodeJS.Timeout | null = null;

  get depth(): number {
    let n = (this.collecting?.rows.length ?? 0) + (this.inFlight?.rows.length ?? 0);
    for (const b of this.queue) n += b.rows.length;
    return n;
  }
}

const RATE_WINDOW_S = 10;

export interface PipelineSinks {
  /** Accepted positions as they arrive (before they are durable), once per event-loop turn. */
  received: PositionSink;
  /** Positions once committed (new ones only), in commit order. */
  stored: PositionSink;
}

export class PositionPipeline {
  private readonly lanes: Lane[];
  private sinkChain: Promise<void> = Promise.resolve();
  private arrived: StoredPosition[] = [];
  private arrivedScheduled = false;
  private receivedChain: Promise<void> = Promise.resolve();
  private pendingSink = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly rate = { seconds: new Float64Array(RATE_WINDOW_S), counts: new Float64Array(RATE_WINDOW_S) };
  readonly latest = new Map<string, StoredPosition>();
  readonly counters = { accepted: 0, duplicates: 0, batches: 0, writeFailures: 0, jumps: 0, lastFlushMs: null as number | null, lastFlushRows: 0 };

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly sinks: PipelineSinks,
    private readonly tallies: PositionTallies,
    private readonly opts: PositionPipelineOptions,
  ) {
    this.lanes = Array.from({ length: Math.max(1, opts.lanes ?? 1) }, () => new Lane());
  }

  get queueDepth(): number {
    let n = 0;
    for (const l of this.lanes) n += l.depth;
    return n;
  }

  /** A terminal's lane: all its positions are written, acknowledged and handed to the sink in order. */
  private laneOf(terminalId: string): Lane {
    if (this.lanes.length === 1) return this.lanes[0]!;
    let h = 0;
    for (let i = 0; i < terminalId.length; i++) h = (Math.imul(h, 31) + terminalId.charCodeAt(i)) | 0;
    return this.lanes[(h >>> 0) % this.lanes.length]!;
  }

  /** Queues positions (of one terminal); `ack` is called once they are committed (or the write failed). */
  enqueue(rows: readonly StoredPosition[], ack: PositionAck): void {
    if (rows.length === 0) {
      ack(null, { accepted: 0, duplicates: 0 });
      return;
    }
    if (this.queueDepth + rows.length > this.opts.maxQueuedRows) {
      ack(new PositionsOverloadedError());
      return;
    }
    for (const r of rows) this.arrived.push(r);
    if (!this.arrivedScheduled) {
      this.arrivedScheduled = true;
      setImmediate(() => this.handArrived());
    }
    const lane = this.laneOf(rows[0]!.terminalId);
    let b = lane.collecting;
    if (!b) {
      b = lane.collecting = new Batch();
      lane.timer = setTimeout(() => this.onDue(lane), this.opts.flushMs);
    }
    for (const r of rows) b.rows.push(r);
    b.ends.push(b.rows.length);
    b.acks.push(ack);
    if (b.rows.length >= this.opts.maxBatchRows) this.seal(lane);
  }

  submit(rows: readonly StoredPosition[]): Promise<PositionAckResult> {
    return new Promise((resolve, reject) => this.enqueue(rows, (err, res) => (err ? reject(err) : resolve(res!))));
  }

  /** The positions of this event-loop turn to the received sink (serially: one call at a time, in arrival order). */
  private handArrived(): void {
    this.arrivedScheduled = false;
    const batch = this.arrived;
    this.arrived = [];
    if (!batch.length) return;
    batch.sort((a, z) => a.ts - z.ts);
    const sink = this.sinks.received;
    this.receivedChain = this.receivedChain.then(async () => {
      try {
        await sink.onPositions(batch);
      } catch (err) {
        this.log.error({ err }, 'the received-position sink failed on a batch');
      }
    });
  }

  private onDue(lane: Lane): void {
    lane.timer = null;
    const b = lane.collecting;
    if (!b) return;
    if (lane.inFlight) b.due = true;
    else this.seal(lane);
  }

  private seal(lane: Lane): void {
    const b = lane.collecting;
    if (!b) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    lane.collecting = null;
    lane.queue.push(b);
    this.kick(lane);
  }

  private kick(lane: Lane): void {
    if (lane.inFlight) return;
    const next = lane.queue.shift();
    if (!next) {
      if (lane.collecting?.due) return this.seal(lane);
      if (this.idleWaiters.length && this.lanes.every((l) => !l.inFlight && !l.queue.length)) {
        for (const w of this.idleWaiters.splice(0)) w();
      }
      return;
    }
    lane.inFlight = next;
    void this.write(next).finally(() => {
      lane.inFlight = null;
      this.kick(lane);
    });
  }

  /** Writes what is collected and resolves when it (and all before it) is committed or failed and the sink has it. */
  async flush(): Promise<void> {
    for (const l of this.lanes) this.seal(l);
    if (this.lanes.some((l) => l.inFlight || l.queue.length)) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.sinkChain;
    await this.receivedChain;
  }

  private async write(b: Batch): Promise<void> {
    const started = performance.now();
    const rows = b.rows;
    const n = rows.length;
    const c: PositionColumns = {
      terminalIds: new Array<string>(n),
      vehicleIds: new Array<string | null>(n),
      ms: new Array<number>(n),
      receivedMs: new Array<number>(n),
      lats: new Array<number>(n),
      lons: new Array<number>(n),
      speeds: new Array<number | null>(n),
      courses: new Array<number | null>(n),
      altitudes: new Array<number | null>(n),
      accuracies: new Array<number | null>(n),
      alarms: new Array<number>(n),
      statuses: new Array<number>(n),
      flags: new Array<string>(n),
    };
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      c.terminalIds[i] = r.terminalId;
      c.vehicleIds[i] = r.vehicleId;
      c.ms[i] = r.ts;
      c.receivedMs[i] = r.receivedAt;
      c.lats[i] = r.lat;
      c.lons[i] = r.lon;
      c.speeds[i] = r.speedKmh;
      c.courses[i] = r.course;
      c.altitudes[i] = r.altitudeM;
      c.accuracies[i] = r.accuracyM;
      c.alarms[i] = r.alarmFlags | 0;
      c.statuses[i] = r.status | 0;
      c.flags[i] = r.flags.join(',');
    }
    let res;
    try {
      res = await positionsRepository.insertPositions(this.db, c);
    } catch (err) {
      this.counters.writeFailures++;
      this.log.error({ err, rows: n }, 'position write failed: its messages are not acknowledged');
      const e = err instanceof Error ? err : new Error(String(err));
      for (const ack of b.acks) safeAck(this.log, ack, e);
      return;
    }
    let stored: Uint8Array | null = null;
    if (res.stored < n) {
      stored = new Uint8Array(n);
      const left = new Map<string, number>();
      for (const k of res.keys ?? []) left.set(k, (left.get(k) ?? 0) + 1);
      for (let i = 0; i < n; i++) {
        const key = `${rows[i]!.terminalId}|${rows[i]!.ts}`;
        const k = left.get(key);
        if (k) {
          stored[i] = 1;
          if (k === 1) left.delete(key);
          else left.set(key, k - 1);
        }
      }
    }
    this.counters.batches++;
    this.counters.accepted += res.stored;
    this.counters.duplicates += n - res.stored;
    this.counters.lastFlushMs = Math.round((performance.now() - started) * 10) / 10;
    this.counters.lastFlushRows = n;
    this.countRate(res.stored);

    // Acknowledge: the positions are committed.
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

    const out: StoredPosition[] = [];
    for (let i = 0; i < n; i++) {
      if (stored && !stored[i]) continue;
      const r = rows[i]!;
      out.push(r);
      if (r.flags.includes('jump')) this.counters.jumps++;
      this.tallies.seen(r.terminalId, r.receivedAt);
      const key = r.vehicleId ?? r.terminalId;
      const cur = this.latest.get(key);
      if (!cur || r.ts >= cur.ts) this.latest.set(key, r);
    }
    if (!out.length) return;
    out.sort((a, z) => a.ts - z.ts);
    const sink = this.sinks.stored;
    this.sinkChain = this.sinkChain.then(async () => {
      try {
        await sink.onPositions(out);
      } catch (err) {
        this.log.error({ err }, 'the position sink failed on a batch');
      }
    });
    // Back-pressure: a lane's next write waits while the sink is two batches per lane behind.
    this.pendingSink++;
    const done = this.sinkChain.then(() => {
      this.pendingSink--;
    });
    if (this.pendingSink > 2 * this.lanes.length) await done;
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

  acceptedPerSecond(): number {
    const sec = Math.floor(performance.now() / 1000);
    let sum = 0;
    for (let i = 0; i < RATE_WINDOW_S; i++) {
      const s = this.rate.seconds[i]!;
      if (s < sec && s >= sec - RATE_WINDOW_S) sum += this.rate.counts[i]!;
    }
    return Math.round((sum / RATE_WINDOW_S) * 10) / 10;
  }
}

function safeAck(log: FastifyBaseLogger, ack: PositionAck, err: Error | null, result?: PositionAckResult): void {
  try {
    ack(err, result);
  } catch (e) {
    log.error({ err: e }, 'position acknowledgement failed');
  }
}
