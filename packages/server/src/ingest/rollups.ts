// Minute and hour roll-ups (telemetry_minute, telemetry_hour) for long charts, recomputed from the raw readings with
// idempotent upserts, so running twice, on two instances, or after a crash gives the same rows:
// - each run (job safety.rollups, every minute) recomputes the minute buckets closed since the previous run plus a
//   grace of two minutes (readings that arrive a little late), one statement per minute so PGlite is never held
//   long; the first run of a process goes back a quarter of an hour (the job runs every minute, so only the minutes
//   just before a stop can be missing; readings stamped earlier that arrive after a restart are late readings);
// - a reading stored with a timestamp older than that grace marks its (point, minute) dirty in this process, and
//   the next run recomputes exactly those buckets;
// - the hours touched are recomputed from the minute rows of the points concerned (index on point, bucket).
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/database.ts';
import type { LateReadingSink } from './pipeline.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Minutes recomputed again on every run (readings arriving up to this late need no dirty marking). */
const GRACE_MINUTES = 2;
const CATCH_UP_MS = 15 * MINUTE;
/** Dirty (point, minute) pairs kept at most; beyond it new ones are not remembered (and that is logged). */
const MAX_DIRTY = 200_000;

export class Rollups implements LateReadingSink {
  private rolledUntil: number | null = null;
  private readonly dirty = new Map<string, { pointId: string; minute: number }>();
  private running: Promise<void> | null = null;
  private dropped = 0;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Readings older than the grace window (recomputed on every run anyway) are late. */
  lateBefore(now: number): number {
    return now - (GRACE_MINUTES + 1) * MINUTE;
  }

  /** A late reading was stored: its (point, minute) is recomputed at the next run. */
  noteLate(pointId: string, ts: number): void {
    const minute = ts - (ts % MINUTE);
    const key = `${pointId}|${minute}`;
    if (this.dirty.has(key)) return;
    if (this.dirty.size >= MAX_DIRTY) {
      this.dropped++;
      return;
    }
    this.dirty.set(key, { pointId, minute });
  }

  /** One run: recent closed minutes (unless `dirtyOnly`), dirty buckets, and the hours they touch. */
  run(now: Date, dirtyOnly = false): Promise<void> {
    if (this.running) return this.running.then(() => this.run(now, dirtyOnly));
    this.running = this.runOnce(now.getTime(), dirtyOnly).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  get hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  private async runOnce(nowMs: number, dirtyOnly: boolean): Promise<void> {
    /** hour → point ids whose minute rows changed */
    const hours = new Map<number, Set<string>>();
    if (!dirtyOnly) await this.recent(nowMs, hours);
    await this.dirtyBuckets(hours);
    await this.writeHours(hours);
  }

  private async recent(nowMs: number, hours: Map<number, Set<string>>): Promise<void> {
    const until = nowMs - (nowMs % MINUTE);
    const from = Math.min(until - GRACE_MINUTES * MINUTE, this.rolledUntil !== null ? this.rolledUntil - GRACE_MINUTES * MINUTE : until - CATCH_UP_MS);
    for (let m = from; m < until; m += MINUTE) {
      const rows = await queryRows<{ pointId: string }>(
        this.db,
        sql`insert into telemetry_minute (point_id, bucket, n, sum, min, max)
          select point_id, ${new Date(m)}::timestamptz, count(*), sum(value), min(value), max(value)
          from telemetry_readings where ts >= ${new Date(m)} and ts < ${new Date(m + MINUTE)}
          group by point_id
          on conflict (point_id, bucket) do update set n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max
          returning point_id as "pointId"`,
      );
      if (rows.length) addAll(hours, m - (m % HOUR), rows);
    }
    this.rolledUntil = Math.max(this.rolledUntil ?? until, until);
  }

  private async dirtyBuckets(hours: Map<number, Set<string>>): Promise<void> {
    if (this.dirty.size) {
      const pairs = [...this.dirty.values()];
      this.dirty.clear();
      if (this.dropped) {
        this.log.warn({ dropped: this.dropped }, 'roll-up buckets of late readings were not all remembered');
        this.dropped = 0;
      }
      for (let i = 0; i < pairs.length; i += 5_000) {
        const chunk = pairs.slice(i, i + 5_000);
        await this.db
          .execute(
            sql`insert into telemetry_minute (point_id, bucket, n, sum, min, max)
          select d.point_id, d.bucket, count(*), sum(r.value), min(r.value), max(r.value)
          from unnest(${sql.param(chunk.map((p) => p.pointId))}::uuid[], ${sql.param(chunk.map((p) => p.minute / 1000))}::float8[]) as x(point_id, s)
          cross join lateral (select x.point_id, to_timestamp(x.s) as bucket) d
          join telemetry_readings r on r.point_id = d.point_id and r.ts >= d.bucket and r.ts < d.bucket + interval '1 minute'
          group by d.point_id, d.bucket
          on conflict (point_id, bucket) do update set n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max`,
          )
          .catch((err: unknown) => {
            // kept for the next run
            for (const p of pairs.slice(i)) this.dirty.set(`${p.pointId}|${p.minute}`, p);
            throw err;
          });
        for (const p of chunk) addAll(hours, p.minute - (p.minute % HOUR), [{ pointId: p.pointId }]);
      }
    }
  }

  private async writeHours(hours: Map<number, Set<string>>): Promise<void> {
    for (const [hour, points] of hours) {
      const ids = [...points];
      for (let i = 0; i < ids.length; i += 5_000) {
        await this.db.execute(sql`insert into telemetry_hour (point_id, bucket, n, sum, min, max)
          select m.point_id, ${new Date(hour)}::timestamptz, sum(m.n), sum(m.sum), min(m.min), max(m.max)
          from unnest(${sql.param(ids.slice(i, i + 5_000))}::uuid[]) as x(point_id)
          join telemetry_minute m on m.point_id = x.point_id and m.bucket >= ${new Date(hour)} and m.bucket < ${new Date(hour + HOUR)}
          group by m.point_id
          on conflict (point_id, bucket) do update set n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max`);
      }
    }
  }
}

function addAll(hours: Map<number, Set<string>>, hour: number, rows: readonly { pointId: string }[]): void {
  let set = hours.get(hour);
  if (!set) hours.set(hour, (set = new Set()));
  for (const r of rows) set.add(r.pointId);
}
