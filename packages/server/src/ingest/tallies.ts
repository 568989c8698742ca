// What the ingest path keeps in memory beside the readings, and writes in batches about once a second: the newest
// value per point (read by the live feed; telemetry_latest for the other instances, every `latestEveryMs`: a
// second on PostgreSQL; on PGlite, where one process is the only instance and the in-memory values are the live
// ones, every five seconds, since upserting every point each second would cost as much as storing the readings),
// devices' last contact (to within SEEN_RESOLUTION_MS: a device sending every second is written twice a minute, not
// sixty times), and the rejections counted per sender and reason (ingest_rejections, summed across instances).
import type { FastifyBaseLogger } from 'fastify';
import type { IngestChannel, IngestRejectReason } from '@zoneops/shared';
import type { LatestValues } from '../modules/safety/contracts.ts';
import type { Db } from '../platform/database.ts';
import { telemetryRepository, type RejectionDelta } from './telemetry.repository.ts';

const HOUSEKEEPING_MS = 1_000;
const SEEN_RESOLUTION_MS = 30_000;
/** Rows per statement. */
const CHUNK = 1_000;

export class Tallies implements LatestValues {
  private readonly latestValues = new Map<string, { ts: number; value: number }>();
  private readonly dirtyLatest = new Set<string>();
  private readonly dirtySeen = new Map<string, number>();
  /** The last contact time written per device. */
  private readonly writtenSeen = new Map<string, number>();
  private readonly rejections = new Map<string, RejectionDelta>();
  private readonly rejectedByReason = new Map<IngestRejectReason, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private latestWrittenAt = 0;
  rejected = 0;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => number,
    private readonly latestEveryMs = HOUSEKEEPING_MS,
  ) {}

  // ---- latest values -------------------------------------------------------------------------------------------

  get(pointId: string): { ts: number; value: number } | undefined {
    return this.latestValues.get(pointId);
  }

  /** A stored reading: kept when it is the newest of its point. */
  stored(pointId: string, ts: number, value: number): void {
    const cur = this.latestValues.get(pointId);
    if (!cur) this.latestValues.set(pointId, { ts, value });
    else if (ts >= cur.ts) {
      cur.ts = ts;
      cur.value = value;
    } else return;
    this.dirtyLatest.add(pointId);
  }

  /** A device (gateway, station) was heard from. */
  seen(deviceId: string, at: number): void {
    const written = this.writtenSeen.get(deviceId);
    if (written !== undefined && at < written + SEEN_RESOLUTION_MS) return;
    const prev = this.dirtySeen.get(deviceId);
    if (prev === undefined || at > prev) this.dirtySeen.set(deviceId, at);
    this.ensureTimer();
  }

  // ---- rejections ----------------------------------------------------------------------------------------------

  /** Counts a refusal of a sender (device id, `token:…`, `mn:…` or `ip:…`) for a reason. */
  reject(senderKey: string, deviceId: string | null, channel: IngestChannel, reason: IngestRejectReason, detail: string | null, count = 1): void {
    const now = this.clock();
    const key = `${senderKey}\u0000${reason}`;
    const r = this.rejections.get(key);
    if (r) {
      r.count += count;
      r.lastAt = now;
      r.channel = channel;
      if (detail !== null) r.lastDetail = detail.slice(0, 500);
    } else {
      this.rejections.set(key, { senderKey, deviceId, channel, reason, count, firstAt: now, lastAt: now, lastDetail: detail?.slice(0, 500) ?? null });
    }
    this.rejected += count;
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + count);
    this.ensureTimer();
  }

  rejectedCounts(): { reason: IngestRejectReason; count: number }[] {
    return [...this.rejectedByReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  }

  // ---- writing ---------------------------------------------------------------------------------------------------

  ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.write(false), HOUSEKEEPING_MS);
    this.timer.unref();
  }

  /** Writes dirty latest values, last contact times and rejection counts (never two runs at once). */
  write(all = true): Promise<void> {
    if (this.running) return this.running.then(() => this.write(all));
    this.running = this.writeAll(all).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.write();
  }

  private async writeAll(all: boolean): Promise<void> {
    const now = performance.now();
    if (this.dirtyLatest.size && (all || now - this.latestWrittenAt >= this.latestEveryMs - 100)) {
      this.latestWrittenAt = now;
      const ids = [...this.dirtyLatest];
      this.dirtyLatest.clear();
      const ms: number[] = [];
      const values: number[] = [];
      for (const id of ids) {
        const v = this.latestValues.get(id)!;
        ms.push(v.ts);
        values.push(v.value);
      }
      // In short statements, so that readings' writes are not held up behind one long one (PGlite: one connection).
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        await telemetryRepository.upsertLatest(this.db, part, ms.slice(i, i + CHUNK), values.slice(i, i + CHUNK)).catch((err: unknown) => {
          for (const id of part) this.dirtyLatest.add(id);
          this.log.error({ err }, 'latest values not written (retried)');
        });
      }
    }
    while (this.dirtySeen.size) {
      const seen = [...this.dirtySeen].slice(0, CHUNK);
      for (const [id] of seen) this.dirtySeen.delete(id);
      for (const [id, at] of seen) this.writtenSeen.set(id, at);
      let ok = true;
      await telemetryRepository
        .touchDevices(
          this.db,
          seen.map(([id]) => id),
          seen.map(([, at]) => at),
        )
        .catch((err: unknown) => {
          ok = false;
          for (const [id, at] of seen) {
            this.writtenSeen.delete(id);
            if (!this.dirtySeen.has(id)) this.dirtySeen.set(id, at);
          }
          this.log.error({ err }, 'devices last seen not written (retried)');
        });
      if (!all || !ok) break;
    }
    if (this.rejections.size) {
      const rows = [...this.rejections.values()];
      this.rejections.clear();
      await telemetryRepository.addRejections(this.db, rows).catch((err: unknown) => {
        for (const r of rows) {
          const key = `${r.senderKey}\u0000${r.reason}`;
          const cur = this.rejections.get(key);
          if (!cur) this.rejections.set(key, r);
          else {
            cur.count += r.count;
            cur.firstAt = Math.min(cur.firstAt, r.firstAt);
          }
        }
        this.log.error({ err }, 'ingest rejections not written (retried)');
      });
    }
  }
}
