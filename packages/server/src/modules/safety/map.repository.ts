// SQL of the live safety page: the map (points with their latest value and worst open alarm, enterprises with their
// hazard sources and open alarm counts), a point's detail, open alarms as the lists show them, and the look-ups of
// the live hub (points a principal sees, the street of an enterprise, the latest values stored by any instance).
// Every read takes the visibility condition of safety-access.ts (`vis`, on an enterprise id column).
import { sql, type SQL } from 'drizzle-orm';
import type { AlarmLevel } from '@zoneops/shared';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { summarySelect } from './alarm.repository.ts';

/** Open alarm levels, most severe first (array_position gives the rank). */
const LEVELS = sql.raw(`array['red','orange','yellow','blue']`);

export interface MapPointRow {
  id: string;
  tag: string;
  name: string;
  kind: string;
  unit: string;
  enterpriseId: string;
  majorHazardId: string | null;
  lng: number | null;
  lat: number | null;
  sourceLng: number | null;
  sourceLat: number | null;
  value: number | null;
  ts: Date | string | null;
  /** 1 red … 4 blue; null without an open alarm. */
  rank: number | null;
}

export interface MapEnterpriseRow {
  id: string;
  name: string;
  lng: number | null;
  lat: number | null;
  majorHazards: { id: string; name: string; level: number }[];
  openAlarms: number;
  red: number;
  orange: number;
  yellow: number;
  blue: number;
}

export interface AlarmRow {
  id: string;
  pointId: string | null;
  pointTag: string | null;
  pointName: string | null;
  unit: string | null;
  deviceId: string | null;
  deviceName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  majorHazardId: string | null;
  majorHazardName: string | null;
  plate: string | null;
  checkpointName: string | null;
  geofenceName: string | null;
  lat: number | null;
  lon: number | null;
  rule: string;
  level: string;
  band: string | null;
  status: string;
  value: number | null;
  threshold: number | null;
  peakValue: number | null;
  occurrences: number;
  raisedAt: Date | string;
  clearedAt: Date | string | null;
  acknowledgedAt: Date | string | null;
  handledAt: Date | string | null;
  closedAt: Date | string | null;
  escalation: number;
  hazardItemId: string | null;
  updatedAt: Date | string;
}

export interface PointDetailRow {
  id: string;
  tag: string;
  name: string;
  kind: string;
  unit: string;
  rangeLow: number | null;
  rangeHigh: number | null;
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
  lng: number | null;
  lat: number | null;
  enterpriseId: string;
  enterpriseName: string;
  enterpriseLng: number | null;
  enterpriseLat: number | null;
  deviceId: string | null;
  deviceName: string | null;
  deviceKind: string | null;
  deviceLastSeenAt: Date | string | null;
  deviceRevoked: boolean | null;
  sourceId: string | null;
  sourceCode: string | null;
  sourceName: string | null;
  sourceLevel: number | null;
  sourceLng: number | null;
  sourceLat: number | null;
  latestTs: Date | string | null;
  latestValue: number | null;
}

/** Alarms as every list shows them (the summary select of the alarm repository: closed-park alarms included). */
const alarmSelect = summarySelect;

const orTrue = (c: SQL | undefined) => c ?? sql`true`;

export const mapRepository = {
  /**
   * Enabled points of visible enterprises with their hazard source's location, latest stored value and worst open
   * alarm, in one statement answering one JSON array of tuples (thousands of rows parse far faster so, on PGlite most).
   */
  async findMapPoints(db: DbOrTx, vis: (enterpriseId: SQL) => SQL | undefined): Promise<MapPointRow[]> {
    type Tuple = [
      string,
      string,
      string,
      string,
      string,
      string,
      string | null,
      number | null,
      number | null,
      number | null,
      number | null,
      number | null,
      string | null,
      number | null,
    ];
    const [row] = await queryRows<{ t: Tuple[] | string }>(
      db,
      sql`select coalesce(json_agg(json_build_array(mp.id, mp.tag, mp.name, mp.kind, mp.unit, mp.enterprise_id, mp.major_hazard_id,
            mp.lng, mp.lat, hs.lng, hs.lat, tl.value, tl.ts, w.rank)
            order by mp.enterprise_id, mp.major_hazard_id nulls last, mp.tag, mp.id), '[]'::json) as t
        from monitoring_points mp
        left join major_hazards hs on hs.id = mp.major_hazard_id and hs.deleted_at is null
        left join telemetry_latest tl on tl.point_id = mp.id
        left join (
          select point_id, min(array_position(${LEVELS}, level)) as rank from safety_alarms
          where closed_at is null and point_id is not null group by point_id
        ) w on w.point_id = mp.id
        where mp.deleted_at is null and mp.enabled and ${orTrue(vis(sql`mp.enterprise_id`))}`,
    );
    const tuples: Tuple[] = typeof row?.t === 'string' ? (JSON.parse(row.t) as Tuple[]) : (row?.t ?? []);
    return tuples.map(([id, tag, name, kind, unit, enterpriseId, majorHazardId, lng, lat, sourceLng, sourceLat, value, ts, rank]) => ({
      id,
      tag,
      name,
      kind,
      unit,
      enterpriseId,
      majorHazardId,
      lng,
      lat,
      sourceLng,
      sourceLat,
      value,
      ts,
      rank,
    }));
  },

  /**
   * Visible enterprises that have hazard sources, points or open alarms, with their sources and open alarms counted
   * per level (one statement). An enterprise without a location takes the mean of its sources' or points' locations.
   */
  async findMapEnterprises(db: DbOrTx, vis: (enterpriseId: SQL) => SQL | undefined): Promise<MapEnterpriseRow[]> {
    return queryRows<MapEnterpriseRow>(
      db,
      sql`select e.id, e.name,
          coalesce(e.lng, (select avg(s.lng) from major_hazards s where s.enterprise_id = e.id and s.deleted_at is null),
            (select avg(p.lng) from monitoring_points p where p.enterprise_id = e.id and p.deleted_at is null)) as lng,
          coalesce(e.lat, (select avg(s.lat) from major_hazards s where s.enterprise_id = e.id and s.deleted_at is null),
            (select avg(p.lat) from monitoring_points p where p.enterprise_id = e.id and p.deleted_at is null)) as lat,
          coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name, 'level', s.level) order by s.level, s.name)
            from major_hazards s where s.enterprise_id = e.id and s.deleted_at is null), '[]'::json) as "majorHazards",
          coalesce(a.n, 0)::int as "openAlarms", coalesce(a.red, 0)::int as red, coalesce(a.orange, 0)::int as orange,
          coalesce(a.yellow, 0)::int as yellow, coalesce(a.blue, 0)::int as blue
        from enterprises e
        left join (
          select enterprise_id, count(*) as n, count(*) filter (where level = 'red') as red, count(*) filter (where level = 'orange') as orange,
            count(*) filter (where level = 'yellow') as yellow, count(*) filter (where level = 'blue') as blue
          from safety_alarms where closed_at is null group by enterprise_id
        ) a on a.enterprise_id = e.id
        where e.deleted_at is null and ${orTrue(vis(sql`e.id`))}
          and (a.n > 0 or exists (select 1 from major_hazards s where s.enterprise_id = e.id and s.deleted_at is null)
            or exists (select 1 from monitoring_points p where p.enterprise_id = e.id and p.deleted_at is null and p.enabled))
        order by e.name, e.id`,
    );
  },

  /** Open alarms per level of the visible live enterprises: the map's counts without the map. */
  async findOpenCounts(db: DbOrTx, vis: (enterpriseId: SQL) => SQL | undefined): Promise<{ level: string; n: number }[]> {
    return queryRows<{ level: string; n: number }>(
      db,
      sql`select a.level, count(*)::int as n from safety_alarms a join enterprises e on e.id = a.enterprise_id
        where a.closed_at is null and e.deleted_at is null and ${orTrue(vis(sql`e.id`))} group by a.level`,
    );
  },

  /** One point with its device, hazard source, enterprise and stored latest value; undefined when deleted or not visible. */
  async findPointDetail(db: DbOrTx, id: string, vis: (enterpriseId: SQL) => SQL | undefined): Promise<PointDetailRow | undefined> {
    const [row] = await queryRows<PointDetailRow>(
      db,
      sql`select mp.id, mp.tag, mp.name, mp.kind, mp.unit, mp.range_low as "rangeLow", mp.range_high as "rangeHigh",
          mp.hh, mp.h, mp.l, mp.ll, mp.deadband, mp.min_duration_s as "minDurationS", mp.rate_limit_per_min as "rateLimitPerMin",
          mp.expected_interval_s as "expectedIntervalS", mp.stale_after_intervals as "staleAfterIntervals", mp.enabled, mp.lng, mp.lat,
          e.id as "enterpriseId", e.name as "enterpriseName", e.lng as "enterpriseLng", e.lat as "enterpriseLat",
          d.id as "deviceId", d.name as "deviceName", d.kind as "deviceKind", d.last_seen_at as "deviceLastSeenAt",
          (d.revoked_at is not null) as "deviceRevoked",
          hs.id as "sourceId", hs.code as "sourceCode", hs.name as "sourceName", hs.level as "sourceLevel", hs.lng as "sourceLng", hs.lat as "sourceLat",
          tl.ts as "latestTs", tl.value as "latestValue"
        from monitoring_points mp
        join enterprises e on e.id = mp.enterprise_id
        left join safety_devices d on d.id = mp.device_id and d.deleted_at is null
        left join major_hazards hs on hs.id = mp.major_hazard_id and hs.deleted_at is null
        left join telemetry_latest tl on tl.point_id = mp.id
        where mp.id = ${id} and mp.deleted_at is null and ${orTrue(vis(sql`mp.enterprise_id`))}`,
    );
    return row;
  },

  /** A point's alarms: the open ones (all of them) and the newest `recent`, newest first. */
  async findPointAlarms(db: DbOrTx, pointId: string, recent: number): Promise<{ open: AlarmRow[]; recent: AlarmRow[] }> {
    const open = await queryRows<AlarmRow>(db, sql`${alarmSelect} where a.point_id = ${pointId} and a.closed_at is null order by a.raised_at desc, a.id`);
    const last = await queryRows<AlarmRow>(db, sql`${alarmSelect} where a.point_id = ${pointId} order by a.raised_at desc, a.id limit ${recent}`);
    return { open, recent: last };
  },

  /** Open alarms of visible enterprises, newest first, at most `limit`, with the number open per level. */
  async findOpenAlarms(
    db: DbOrTx,
    vis: (enterpriseId: SQL) => SQL | undefined,
    limit: number,
  ): Promise<{ items: AlarmRow[]; perLevel: { level: string; n: number }[] }> {
    const w = sql`a.closed_at is null and ${orTrue(vis(sql`a.enterprise_id`))}`;
    const items = await queryRows<AlarmRow>(db, sql`${alarmSelect} where ${w} order by a.raised_at desc, a.id limit ${limit}`);
    const perLevel = await queryRows<{ level: string; n: number }>(
      db,
      sql`select a.level, count(*)::int as n from safety_alarms a where ${w} group by a.level`,
    );
    return { items, perLevel };
  },

  /** The ids among `ids` of live points of visible enterprises. */
  async findVisiblePointIds(db: DbOrTx, ids: readonly string[], vis: (enterpriseId: SQL) => SQL | undefined): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select mp.id from monitoring_points mp
        where mp.id = any(${sql.param([...ids])}::uuid[]) and mp.deleted_at is null and ${orTrue(vis(sql`mp.enterprise_id`))}`,
    );
    return rows.map((r) => r.id);
  },

  /** The street (unit id and path) of each enterprise; null for an enterprise without one (or unknown). */
  async findStreets(db: DbOrTx, enterpriseIds: readonly string[]): Promise<Map<string, { id: string; path: string } | null>> {
    const out = new Map<string, { id: string; path: string } | null>(enterpriseIds.map((id) => [id, null]));
    if (!enterpriseIds.length) return out;
    const rows = await queryRows<{ id: string; streetId: string | null; path: string | null }>(
      db,
      sql`select e.id, u.id as "streetId", u.path from enterprises e left join units u on u.id = e.street_id
        where e.id = any(${sql.param([...enterpriseIds])}::uuid[])`,
    );
    for (const r of rows) out.set(r.id, r.streetId && r.path ? { id: r.streetId, path: r.path } : null);
    return out;
  },

  /** The latest values stored (by any instance's ingest) for these points. */
  async findLatest(db: DbOrTx, pointIds: readonly string[]): Promise<Map<string, { ts: number; value: number }>> {
    const out = new Map<string, { ts: number; value: number }>();
    if (!pointIds.length) return out;
    const rows = await queryRows<{ id: string; t: number; value: number }>(
      db,
      sql`select point_id as id, (extract(epoch from ts) * 1000)::float8 as t, value from telemetry_latest
        where point_id = any(${sql.param([...pointIds])}::uuid[])`,
    );
    for (const r of rows) out.set(r.id, { ts: Number(r.t), value: Number(r.value) });
    return out;
  },
};

export const levelOfRank = (rank: number | null | undefined): AlarmLevel | null =>
  rank === null || rank === undefined ? null : ((['red', 'orange', 'yellow', 'blue'] as const)[Number(rank) - 1] ?? null);
