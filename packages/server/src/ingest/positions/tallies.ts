// What the position path counts beside the positions, written in batches about once a second: terminals' last
// contact (to within SEEN_RESOLUTION_MS) and rejections per sender and reason (ingest_rejections, channel 'jt808' or
// 'osmand', summed across instances; senders are `jt808:<phone>`, `osmand:<id>` or `ip:<address>`).
import type { FastifyBaseLogger } from 'fastify';
import type { PositionRejectReason } from '@zoneops/shared';
import type { Db } from '../../platform/database.ts';
import { telemetryRepository, type RejectionDelta } from '../telemetry.repository.ts';
import { positionsRepository } from './positions.repository.ts';

const HOUSEKEEPING_MS = 1_000;
const SEEN_RESOLUTION_MS = 30_000;
const CHUNK = 1_000;

export type PositionChannel = 'jt808' | 'osmand';

export type { PositionRejectReason };

export class PositionTallies {
  private readonly dirtySeen = new Map<string, number>();
  private readonly writtenSeen = new Map<string, number>();
  private readonly rejections = new Map<string, RejectionDelta>();
  readonly byReason = new Map<string, number>();
  rejected = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => number,
  ) {}

  seen(terminalId: string, at: number): void {
    const written = this.writtenSeen.get(terminalId);
    if (written !== undefined && at < written + SEEN_RESOLUTION_MS) return;
    const prev = this.dirtySeen.get(terminalId);
    if (prev === undefined || at > prev) this.dirtySeen.set(terminalId, at);
    this.ensureTimer();
  }

  reject(senderKey: string, channel: PositionChannel, reason: PositionRejectReason, detail: string | null, count = 1): void {
    const now = this.clock();
    const key = `${senderKey}\u0000${reason}`;
    const r = this.rejections.get(key);
    if (r) {
      r.count += count;
      r.lastAt = now;
      if (detail !== null) r.lastDetail = detail.slice(0, 500);
    } else {
      this.rejections.set(key, {
        senderKey: senderKey.slice(0, 200),
        deviceId: null,
        channel,
        reason,
        count,
        firstAt: now,
        lastAt: now,
        lastDetail: detail?.slice(0, 500) ?? null,
      });
    }
    this.rejected += count;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + count);
    this.ensureTimer();
  }

  rejectedCounts(): { reason: string; count: number }[] {
    return [...this.byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.write(), HOUSEKEEPING_MS);
    this.timer.unref();
  }

  write(): Promise<void> {
    if (this.running) return this.running.then(() => this.write());
    this.running = this.writeAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.write();
  }

  private async writeAll(): Promise<void> {
    while (this.dirtySeen.size) {
      const seen = [...this.dirtySeen].slice(0, CHUNK);
      for (const [id, at] of seen) {
        this.dirtySeen.delete(id);
        this.writtenSeen.set(id, at);
      }
      const ok = await positionsRepository
        .touchTerminals(
          this.db,
          seen.map(([id]) => id),
          seen.map(([, at]) => at),
        )
        .then(
          () => true,
          (err: unknown) => {
            for (const [id, at] of seen) {
              this.writtenSeen.delete(id);
              if (!this.dirtySeen.has(id)) this.dirtySeen.set(id, at);
            }
            this.log.error({ err }, 'terminals last seen not written (retried)');
            return false;
          },
        );
      if (!ok) break;
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
        this.log.error({ err }, 'position rejections not written (retried)');
      });
    }
  }
}
