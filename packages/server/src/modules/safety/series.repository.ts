// SQL of a point's trend: raw readings (telemetry_readings) and the minute / hour roll-ups (telemetry_minute,
// telemetry_hour). The ingest path writes those tables; this file only reads them. A roll-up answer is completed by
// aggregating the raw rows after its last stored bucket, so a chart is never empty (nor cut short) while the roll-up
// job has not caught up.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

/** [ts ms, value (avg for roll-ups), min, max] */
export type SeriesRow = [number, number, number, number];
export type RollupResolution = 'minute' | 'hour';

const rollupTable = { minute: sql.raw('telemetry_minute'), hour: sql.raw('telemetry_hour') } as const;
const oneBucket = { minute: sql.raw(`interval '1 minute'`), hour: sql.raw(`interval '1 hour'`) } as const;
const unitName = { minute: sql.raw(`'minute'`), hour: sql.raw(`'hour'`) } as const;

interface Row {
  t: number;
  v: number;
  lo: number;
  hi: number;
}
const toRows = (rows: Row[]): SeriesRow[] => rows.map((r) => [Number(r.t), Number(r.v), Number(r.lo), Number(r.hi)]);

export const seriesRepository = {
  /** Raw readings in [from, to], oldest first, at most `limit` rows (the caller asks one more to learn it was cut). */
  async findRaw(db: DbOrTx, pointId: string, from: Date, to: Date, limit: number): Promise<SeriesRow[]> {
    const rows = await queryRows<Row>(
      db,
      sql`select (extract(epoch from ts) * 1000)::float8 as t, value as v, value as lo, value as hi
        from telemetry_readings
        where point_id = ${pointId} and ts >= ${from.toISOString()}::timestamptz and ts <= ${to.toISOString()}::timestamptz
        order by ts limit ${limit}`,
    );
    return toRows(rows);
  },

  /**
   * Buckets of the roll-up table in [from, to], then the raw readings after its last bucket (or over the whole span
   * when it has none) aggregated into the same buckets with date_trunc.
   */
  async findRollup(db: DbOrTx, resolution: RollupResolution, pointId: string, from: Date, to: Date): Promise<SeriesRow[]> {
    const table = rollupTable[resolution];
    const f = sql`${from.toISOString()}::timestamptz`;
    const t = sql`${to.toISOString()}::timestamptz`;
    const rows = await queryRows<Row>(
      db,
      sql`with r as (
          select bucket, sum / nullif(n, 0) as v, min as lo, max as hi from ${table}
          where point_id = ${pointId} and bucket >= date_trunc(${unitName[resolution]}, ${f}) and bucket <= ${t}
        ), edge as (select max(bucket) + ${oneBucket[resolution]} as b from r)
        select (extract(epoch from bucket) * 1000)::float8 as t, v, lo, hi from r where v is not null
        union all
        select (extract(epoch from date_trunc(${unitName[resolution]}, ts)) * 1000)::float8 as t, avg(value) as v, min(value) as lo, max(value) as hi
        from telemetry_readings
        where point_id = ${pointId} and ts >= greatest(${f}, coalesce((select b from edge), ${f})) and ts <= ${t}
        group by date_trunc(${unitName[resolution]}, ts)
        order by t`,
    );
    return toRows(rows);
  },
};
