// All SQL of the ingest path's hot writes and its read model: the registry as the directory needs it, readings in
// multi-row statements (UNNEST, never one statement per message), latest values, devices' last contact, and the
// rejection counters. Timestamps travel as float8 milliseconds (cheaper to send and parse than text or Date).
import { sql, type SQL } from 'drizzle-orm';
import type { IngestChannel, IngestRejectReason } from '@zoneops/shared';
import { queryRows, type DbOrTx } from '../platform/database.ts';

export interface DeviceRow {
  id: string;
  kind: string;
  name: string;
  enterpriseId: string;
  gatewayId: string | null;
  mn: string | null;
  tokenHash: string | null;
  revoked: boolean;
  expectedIntervalS: number;
}

export interface PointRow {
  id: string;
  enterpriseId: string;
  majorHazardId: string | null;
  deviceId: string | null;
  tag: string;
  name: string;
  unit: string;
  hh: number | null;
  h: number | null;
  l: number | null;
  ll: number | null;
  deadband: number;
  minDurationS: number;
  rateLimitPerMin: number | null;
  expectedIntervalS: number;
  staleAfterIntervals: number;
  enabled: boolean;
}

/** The rows stored by one write: `stored` = count; `pointIds`/`ms` list them only when some were duplicates. */
export interface InsertResult {
  stored: number;
  pointIds: string[] | null;
  ms: number[] | null;
}

export interface RejectionDelta {
  senderKey: string;
  deviceId: string | null;
  channel: string;
  reason: string;
  count: number;
  firstAt: number;
  lastAt: number;
  lastDetail: string | null;
}

const toMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

export const telemetryRepository = {
  /** Devices, gateways and stations that are not deleted (revoked ones too: their tokens answer "revoked"). */
  loadDevices(db: DbOrTx): Promise<DeviceRow[]> {
    return queryRows(
      db,
      sql`select id, kind, name, enterprise_id as "enterpriseId", gateway_id as "gatewayId", mn, token_hash as "tokenHash",
          revoked_at is not null as revoked, expected_interval_s as "expectedIntervalS"
        from safety_devices where deleted_at is null`,
    );
  },

  loadPoints(db: DbOrTx): Promise<PointRow[]> {
    return queryRows(
      db,
      sql`select id, enterprise_id as "enterpriseId", major_hazard_id as "majorHazardId", device_id as "deviceId", tag, name, unit,
          hh, h, l, ll, deadband, min_duration_s as "minDurationS", rate_limit_per_min as "rateLimitPerMin",
          expected_interval_s as "expectedIntervalS", stale_after_intervals as "staleAfterIntervals", enabled
        from monitoring_points where deleted_at is null`,
    );
  },

  /**
   * Inserts readings given column by column; a row whose point and timestamp are already stored (or repeated in the
   * same call) is skipped. Answers how many were stored, and which only when some were not (the common case
   * transfers one row).
   */
  async insertReadings(db: DbOrTx, pointIds: readonly string[], ms: readonly number[], values: readonly number[]): Promise<InsertResult> {
    const n = pointIds.length;
    const [row] = await queryRows<{ n: number; p: string[] | null; ms: number[] | null }>(
      db,
      sql`with ins as (
          insert into telemetry_readings (point_id, ts, value)
          select p, to_timestamp(t / 1000.0), v from unnest(${sql.param(pointIds)}::uuid[], ${sql.param(ms)}::float8[], ${sql.param(values)}::float8[]) as x(p, t, v)
          on conflict do nothing
          returning point_id, ts)
        select count(*)::int as n,
          case when count(*) < ${n} then array_agg(point_id::text) end as p,
          case when count(*) < ${n} then array_agg(${toMs('ts')}) end as ms
        from ins`,
    );
    return { stored: Number(row?.n ?? 0), pointIds: row?.p ?? null, ms: row?.ms ?? null };
  },

  /** Newest values per point; an older value never overwrites a newer one (several instances write here). */
  async upsertLatest(db: DbOrTx, pointIds: readonly string[], ms: readonly number[], values: readonly number[]): Promise<void> {
    if (!pointIds.length) return;
    await db.execute(sql`insert into telemetry_latest (point_id, ts, value)
      select p, to_timestamp(t / 1000.0), v from unnest(${sql.param(pointIds)}::uuid[], ${sql.param(ms)}::float8[], ${sql.param(values)}::float8[]) as x(p, t, v)
      on conflict (point_id) do update set ts = excluded.ts, value = excluded.value where telemetry_latest.ts <= excluded.ts`);
  },

  loadLatest(db: DbOrTx): Promise<{ pointId: string; ms: number; value: number }[]> {
    return queryRows(db, sql`select point_id as "pointId", ${toMs('ts')} as ms, value from telemetry_latest`);
  },

  /** Devices' last contact, only forward. */
  async touchDevices(db: DbOrTx, ids: readonly string[], ms: readonly number[]): Promise<void> {
    if (!ids.length) return;
    await db.execute(sql`update safety_devices d set last_seen_at = to_timestamp(x.t / 1000.0)
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(ms)}::float8[]) as x(id, t)
      where d.id = x.id and (d.last_seen_at is null or d.last_seen_at < to_timestamp(x.t / 1000.0))`);
  },

  /** Adds counted rejections to the per-sender, per-reason totals. */
  async addRejections(db: DbOrTx, rows: readonly RejectionDelta[]): Promise<void> {
    if (!rows.length) return;
    const col = <K extends keyof RejectionDelta>(k: K) => sql.param(rows.map((r) => r[k]));
    await db.execute(sql`insert into ingest_rejections (sender_key, device_id, channel, reason, count, first_at, last_at, last_detail)
      select k, d, c, r, n, to_timestamp(f / 1000.0), to_timestamp(l / 1000.0), x.detail
      from unnest(${col('senderKey')}::text[], ${col('deviceId')}::uuid[], ${col('channel')}::text[], ${col('reason')}::text[],
        ${col('count')}::int[], ${col('firstAt')}::float8[], ${col('lastAt')}::float8[], ${col('lastDetail')}::text[]) as x(k, d, c, r, n, f, l, detail)
      on conflict (sender_key, reason) do update set
        count = ingest_rejections.count + excluded.count,
        device_id = coalesce(excluded.device_id, ingest_rejections.device_id),
        channel = excluded.channel,
        first_at = least(ingest_rejections.first_at, excluded.first_at),
        last_at = greatest(ingest_rejections.last_at, excluded.last_at),
        last_detail = coalesce(excluded.last_detail, ingest_rejections.last_detail)`);
  },

  async listRejections(db: DbOrTx, where: SQL | undefined, orderBy: SQL, limit: number, offset: number): Promise<{ rows: RejectionListRow[]; total: number }> {
    const cond = where ?? sql`true`;
    const from = sql`from ingest_rejections r
      left join safety_devices d on d.id = r.device_id
      left join enterprises e on e.id = d.enterprise_id`;
    const [rows, count] = await Promise.all([
      queryRows<RejectionListRow>(
        db,
        sql`select r.sender_key as "senderKey", r.device_id as "deviceId", d.name as "deviceName", d.kind as "deviceKind",
            e.name as "enterpriseName", r.channel, r.reason, r.count, ${toMs('r.first_at')} as "firstAt", ${toMs('r.last_at')} as "lastAt",
            r.last_detail as "lastDetail"
          ${from} where ${cond} order by ${orderBy} limit ${limit} offset ${offset}`,
      ),
      queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${cond}`),
    ]);
    return { rows, total: Number(count[0]?.n ?? 0) };
  },
};

export interface RejectionListRow {
  senderKey: string;
  deviceId: string | null;
  deviceName: string | null;
  deviceKind: string | null;
  enterpriseName: string | null;
  channel: IngestChannel;
  reason: IngestRejectReason;
  count: number;
  /** ms */
  firstAt: number;
  /** ms */
  lastAt: number;
  lastDetail: string | null;
}
