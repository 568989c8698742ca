// All SQL of the safety registry: hazard sources, devices (gateways, stations) with their tokens' digests, monitoring
// points, the look-ups of the spreadsheet import and its multi-row insert (one array per column through unnest).
// Instants are formatted by the database (both drivers answer the same text); calendar dates are ISO text.
// One repository for the service's three kinds of record (hence its length): their lists join one another.
import { sql, type SQL } from 'drizzle-orm';
import { parseSort, type DeviceKind, type Installation, type PointKind, type Responsible } from '@zoneops/shared';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { likePattern } from '../../platform/lists.ts';

const iso = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** A page of rows with the total (a second count only when the page is past the end). */
async function pageOfRows<T>(db: DbOrTx, q: { columns: SQL; from: SQL; where: SQL[]; order: SQL; limit: number; offset: number }) {
  const where = q.where.length ? sql.join(q.where, sql` and `) : sql`true`;
  const rows = await queryRows<T & { total: number }>(
    db,
    sql`select ${q.columns}, count(*) over ()::int as total from ${q.from} where ${where} order by ${q.order} limit ${q.limit} offset ${q.offset}`,
  );
  if (rows.length || q.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
  const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${q.from} where ${where}`);
  return { rows, total: n!.n };
}

/** A list read: the filters of its query, the caller's visibility (SQL on the enterprise column), sort and page. */
export interface ListSpec<F> {
  filter: F;
  visible: SQL | undefined;
  sort: string | undefined;
  limit: number;
  offset: number;
}

function orderOf(sorts: Record<string, SQL>, sort: string | undefined, fallback: string, tie: SQL): SQL {
  const s = parseSort(sort, fallback);
  return sql`${sorts[s.field]!} ${s.desc ? sql`desc nulls last` : sql`asc nulls first`}, ${tie}`;
}
const text = (q: string) => likePattern(q);

// ---- hazard sources ---------------------------------------------------------------------------------------------

export interface MajorHazardRow {
  id: string;
  code: string;
  name: string;
  enterpriseId: string;
  enterpriseName: string;
  level: number;
  installations: Installation[];
  responsible: Responsible;
  assessedOn: string | null;
  assessmentDueOn: string | null;
  lng: number | null;
  lat: number | null;
  points: number;
  devices: number;
  createdAt: string;
  updatedAt: string;
}

const majorHazardColumns = sql`hs.id, hs.code, hs.name, hs.enterprise_id as "enterpriseId", e.name as "enterpriseName", hs.level,
  hs.installations, hs.responsible, hs.assessed_on::text as "assessedOn", hs.assessment_due_on::text as "assessmentDueOn", hs.lng, hs.lat,
  coalesce(pc.points, 0)::int as points, coalesce(pc.devices, 0)::int as devices,
  ${iso('hs.created_at')} as "createdAt", ${iso('hs.updated_at')} as "updatedAt"`;
const majorHazardFrom = sql`major_hazards hs join enterprises e on e.id = hs.enterprise_id
  left join lateral (select count(*) as points, count(distinct mp.device_id) as devices from monitoring_points mp
    where mp.major_hazard_id = hs.id and mp.deleted_at is null) pc on true`;

export interface SourceFilter {
  enterpriseId?: string | undefined;
  level?: number | undefined;
  overdue?: 'true' | 'false' | undefined;
  q?: string | undefined;
  /** Today in the zone (for overdue). */
  today: string;
}
const sourceSorts: Record<string, SQL> = {
  code: sql`hs.code`,
  name: sql`hs.name`,
  level: sql`hs.level`,
  enterpriseName: sql`e.name`,
  assessmentDueOn: sql`hs.assessment_due_on`,
  points: sql`pc.points`,
  updatedAt: sql`hs.updated_at`,
};
function sourceWhere(f: SourceFilter, visible: SQL | undefined): SQL[] {
  const where: SQL[] = [sql`hs.deleted_at is null`];
  if (visible) where.push(visible);
  if (f.enterpriseId) where.push(sql`hs.enterprise_id = ${f.enterpriseId}`);
  if (f.level) where.push(sql`hs.level = ${f.level}`);
  if (f.overdue === 'true') where.push(sql`hs.assessment_due_on < ${f.today}::date`);
  if (f.overdue === 'false') where.push(sql`(hs.assessment_due_on is null or hs.assessment_due_on >= ${f.today}::date)`);
  if (f.q) where.push(sql`(hs.code ilike ${text(f.q)} or hs.name ilike ${text(f.q)} or e.name ilike ${text(f.q)})`);
  return where;
}

export interface MajorHazardValues {
  code: string;
  name: string;
  level: number;
  installations: Installation[];
  responsible: Responsible;
  assessedOn: string | null;
  assessmentDueOn: string | null;
  lng: number | null;
  lat: number | null;
}

// ---- devices ----------------------------------------------------------------------------------------------------

export interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  enterpriseId: string;
  enterpriseName: string;
  gatewayId: string | null;
  gatewayName: string | null;
  mn: string | null;
  tokenHint: string | null;
  tokenIssuedAt: string | null;
  revokedAt: string | null;
  expectedIntervalS: number;
  lastSeenAt: string | null;
  status: 'online' | 'offline' | 'never' | 'revoked';
  points: number;
  children: number;
  createdAt: string;
  updatedAt: string;
}

/** The device's state at `now`: revoked (its or its gateway's token), never heard, online within 3 intervals, offline. */
const deviceStatusSql = (now: string) => sql`case when d.revoked_at is not null or g.revoked_at is not null then 'revoked'
  when d.last_seen_at is null then 'never'
  when d.last_seen_at >= ${now}::timestamptz - make_interval(secs => d.expected_interval_s * 3) then 'online'
  else 'offline' end`;

const deviceColumns = (now: string) => sql`d.id, d.kind, d.name, d.enterprise_id as "enterpriseId", e.name as "enterpriseName",
  d.gateway_id as "gatewayId", g.name as "gatewayName", d.mn, d.token_hint as "tokenHint", ${iso('d.token_issued_at')} as "tokenIssuedAt",
  ${iso('d.revoked_at')} as "revokedAt", d.expected_interval_s as "expectedIntervalS", ${iso('d.last_seen_at')} as "lastSeenAt",
  ${deviceStatusSql(now)} as status,
  (select count(*)::int from monitoring_points mp where mp.device_id = d.id and mp.deleted_at is null) as points,
  (select count(*)::int from safety_devices c where c.gateway_id = d.id and c.deleted_at is null) as children,
  ${iso('d.created_at')} as "createdAt", ${iso('d.updated_at')} as "updatedAt"`;
const deviceFrom = sql`safety_devices d join enterprises e on e.id = d.enterprise_id left join safety_devices g on g.id = d.gateway_id`;

export interface DeviceFilter {
  enterpriseId?: string | undefined;
  kind?: DeviceKind | undefined;
  gatewayId?: string | undefined;
  status?: DeviceRow['status'] | undefined;
  majorHazardId?: string | undefined;
  q?: string | undefined;
  /** The instant the status is computed at (ISO). */
  now: string;
}
const deviceSorts: Record<string, SQL> = {
  name: sql`d.name`,
  kind: sql`d.kind`,
  enterpriseName: sql`e.name`,
  lastSeenAt: sql`d.last_seen_at`,
  points: sql`points`,
  updatedAt: sql`d.updated_at`,
};
function deviceWhere(f: DeviceFilter, visible: SQL | undefined): SQL[] {
  const where: SQL[] = [sql`d.deleted_at is null`];
  if (visible) where.push(visible);
  if (f.enterpriseId) where.push(sql`d.enterprise_id = ${f.enterpriseId}`);
  if (f.kind) where.push(sql`d.kind = ${f.kind}`);
  if (f.gatewayId) where.push(sql`d.gateway_id = ${f.gatewayId}`);
  if (f.majorHazardId)
    where.push(sql`d.id in (select mp.device_id from monitoring_points mp where mp.major_hazard_id = ${f.majorHazardId} and mp.deleted_at is null)`);
  if (f.status) where.push(sql`(${deviceStatusSql(f.now)}) = ${f.status}`);
  if (f.q) where.push(sql`(d.name ilike ${text(f.q)} or d.mn ilike ${text(f.q)} or e.name ilike ${text(f.q)} or d.token_hint = ${f.q})`);
  return where;
}

// ---- points -----------------------------------------------------------------------------------------------------

export interface PointValues {
  enterpriseId: string;
  majorHazardId: string | null;
  deviceId: string;
  tag: string;
  name: string;
  kind: PointKind;
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
  lng: number | null;
  lat: number | null;
  enabled: boolean;
}

export interface PointRow extends Omit<PointValues, 'deviceId'> {
  id: string;
  deviceId: string | null;
  enterpriseName: string;
  majorHazardCode: string | null;
  majorHazardName: string | null;
  deviceName: string | null;
  deviceKind: DeviceKind | null;
  gatewayName: string | null;
  createdAt: string;
  updatedAt: string;
}

const pointColumns = sql`p.id, p.enterprise_id as "enterpriseId", e.name as "enterpriseName", p.major_hazard_id as "majorHazardId",
  hs.code as "majorHazardCode", hs.name as "majorHazardName", p.device_id as "deviceId", d.name as "deviceName", d.kind as "deviceKind",
  g.name as "gatewayName", p.tag, p.name, p.kind, p.unit, p.range_low as "rangeLow", p.range_high as "rangeHigh", p.hh, p.h, p.l, p.ll,
  p.deadband, p.min_duration_s as "minDurationS", p.rate_limit_per_min as "rateLimitPerMin", p.expected_interval_s as "expectedIntervalS",
  p.stale_after_intervals as "staleAfterIntervals", p.lng, p.lat, p.enabled,
  ${iso('p.created_at')} as "createdAt", ${iso('p.updated_at')} as "updatedAt"`;
const pointFrom = sql`monitoring_points p join enterprises e on e.id = p.enterprise_id
  left join major_hazards hs on hs.id = p.major_hazard_id
  left join safety_devices d on d.id = p.device_id left join safety_devices g on g.id = d.gateway_id`;

export interface PointFilter {
  enterpriseId?: string | undefined;
  majorHazardId?: string | undefined;
  deviceId?: string | undefined;
  kind?: PointKind | undefined;
  enabled?: 'true' | 'false' | undefined;
  q?: string | undefined;
}
const pointSorts: Record<string, SQL> = {
  tag: sql`p.tag`,
  name: sql`p.name`,
  kind: sql`p.kind`,
  enterpriseName: sql`e.name`,
  majorHazardName: sql`hs.name`,
  deviceName: sql`d.name`,
  updatedAt: sql`p.updated_at`,
};
function pointWhere(f: PointFilter, visible: SQL | undefined): SQL[] {
  const where: SQL[] = [sql`p.deleted_at is null`];
  if (visible) where.push(visible);
  if (f.enterpriseId) where.push(sql`p.enterprise_id = ${f.enterpriseId}`);
  if (f.majorHazardId) where.push(sql`p.major_hazard_id = ${f.majorHazardId}`);
  if (f.deviceId) where.push(sql`p.device_id = ${f.deviceId}`);
  if (f.kind) where.push(sql`p.kind = ${f.kind}`);
  if (f.enabled) where.push(sql`p.enabled = ${f.enabled === 'true'}`);
  if (f.q) where.push(sql`(p.tag ilike ${text(f.q)} or p.name ilike ${text(f.q)})`);
  return where;
}

/** Column name and type of each point value, in insert order. */
const pointValueColumns = [
  ['enterpriseId', 'enterprise_id', 'uuid'],
  ['majorHazardId', 'major_hazard_id', 'uuid'],
  ['deviceId', 'device_id', 'uuid'],
  ['tag', 'tag', 'text'],
  ['name', 'name', 'text'],
  ['kind', 'kind', 'text'],
  ['unit', 'unit', 'text'],
  ['rangeLow', 'range_low', 'float8'],
  ['rangeHigh', 'range_high', 'float8'],
  ['hh', 'hh', 'float8'],
  ['h', 'h', 'float8'],
  ['l', 'l', 'float8'],
  ['ll', 'll', 'float8'],
  ['deadband', 'deadband', 'float8'],
  ['minDurationS', 'min_duration_s', 'int'],
  ['rateLimitPerMin', 'rate_limit_per_min', 'float8'],
  ['expectedIntervalS', 'expected_interval_s', 'int'],
  ['staleAfterIntervals', 'stale_after_intervals', 'int'],
  ['lng', 'lng', 'float8'],
  ['lat', 'lat', 'float8'],
  ['enabled', 'enabled', 'bool'],
] as const satisfies readonly (readonly [keyof PointValues, string, string])[];

const CHUNK = 5_000;

/** Enterprise look-up row of the import: credit code and name. */
export interface EnterpriseRef {
  id: string;
  name: string;
  uscc: string;
}
export interface DeviceRef {
  id: string;
  name: string;
  kind: DeviceKind;
  enterpriseId: string;
  gatewayName: string | null;
}

export const registryRepository = {
  // ---- enterprises ----
  async findEnterprise(db: DbOrTx, id: string, visible: SQL | undefined): Promise<{ id: string; name: string } | undefined> {
    const [row] = await queryRows<{ id: string; name: string }>(
      db,
      sql`select e.id, e.name from enterprises e where e.id = ${id} and e.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`,
    );
    return row;
  },

  // ---- hazard sources ----
  listMajorHazards: (db: DbOrTx, q: ListSpec<SourceFilter>) =>
    pageOfRows<MajorHazardRow>(db, {
      columns: majorHazardColumns,
      from: majorHazardFrom,
      where: sourceWhere(q.filter, q.visible),
      order: orderOf(sourceSorts, q.sort, 'code', sql`hs.code, hs.id`),
      limit: q.limit,
      offset: q.offset,
    }),

  async findMajorHazard(db: DbOrTx, id: string, visible: SQL | undefined): Promise<MajorHazardRow | undefined> {
    const [row] = await queryRows<MajorHazardRow>(
      db,
      sql`select ${majorHazardColumns} from ${majorHazardFrom} where hs.id = ${id} and hs.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`,
    );
    return row;
  },

  async majorHazardCodeTaken(db: DbOrTx, code: string, exceptId?: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from major_hazards where code = ${code} and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
    );
    return rows.length > 0;
  },

  async insertMajorHazard(tx: DbOrTx, enterpriseId: string, v: MajorHazardValues, by: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into major_hazards (code, name, enterprise_id, level, installations, responsible, assessed_on, assessment_due_on, lng, lat, created_by)
          values (${v.code}, ${v.name}, ${enterpriseId}, ${v.level}, ${JSON.stringify(v.installations)}::jsonb, ${JSON.stringify(v.responsible)}::jsonb,
            ${v.assessedOn}, ${v.assessmentDueOn}, ${v.lng}, ${v.lat}, ${by}) returning id`,
    );
    return row!.id;
  },

  async updateMajorHazard(tx: DbOrTx, id: string, v: MajorHazardValues, now: Date): Promise<void> {
    await tx.execute(
      sql`update major_hazards set code = ${v.code}, name = ${v.name}, level = ${v.level}, installations = ${JSON.stringify(v.installations)}::jsonb,
          responsible = ${JSON.stringify(v.responsible)}::jsonb, assessed_on = ${v.assessedOn}, assessment_due_on = ${v.assessmentDueOn},
          lng = ${v.lng}, lat = ${v.lat}, updated_at = ${now} where id = ${id}`,
    );
  },

  async softDeleteMajorHazard(tx: DbOrTx, id: string, now: Date): Promise<void> {
    await tx.execute(sql`update major_hazards set deleted_at = ${now}, updated_at = ${now} where id = ${id}`);
  },

  async countPointsOfSource(tx: DbOrTx, id: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from monitoring_points where major_hazard_id = ${id} and deleted_at is null`,
    );
    return row!.n;
  },

  /** The devices carrying the source's points, counted by state. */
  async deviceCountsOfSource(db: DbOrTx, id: string, now: string): Promise<{ status: string; n: number }[]> {
    return queryRows<{ status: string; n: number }>(
      db,
      sql`select ${deviceStatusSql(now)} as status, count(*)::int as n from safety_devices d left join safety_devices g on g.id = d.gateway_id
          where d.deleted_at is null and d.id in (select device_id from monitoring_points where major_hazard_id = ${id} and deleted_at is null)
          group by 1`,
    );
  },

  /** A live source of an enterprise (for a point or a station's factor points). */
  async findSourceOfEnterprise(db: DbOrTx, id: string): Promise<{ id: string; enterpriseId: string } | undefined> {
    const [row] = await queryRows<{ id: string; enterpriseId: string }>(
      db,
      sql`select id, enterprise_id as "enterpriseId" from major_hazards where id = ${id} and deleted_at is null`,
    );
    return row;
  },

  // ---- devices ----
  listDevices: (db: DbOrTx, q: ListSpec<DeviceFilter>) =>
    pageOfRows<DeviceRow>(db, {
      columns: deviceColumns(q.filter.now),
      from: deviceFrom,
      where: deviceWhere(q.filter, q.visible),
      order: orderOf(deviceSorts, q.sort, 'name', sql`d.name, d.id`),
      limit: q.limit,
      offset: q.offset,
    }),

  async findDevice(db: DbOrTx, id: string, now: string, visible: SQL | undefined): Promise<DeviceRow | undefined> {
    const [row] = await queryRows<DeviceRow>(
      db,
      sql`select ${deviceColumns(now)} from ${deviceFrom} where d.id = ${id} and d.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`,
    );
    return row;
  },

  async deviceNameTakenBehindGateway(db: DbOrTx, gatewayId: string, name: string, exceptId?: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from safety_devices where gateway_id = ${gatewayId} and name = ${name} and deleted_at is null
          ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
    );
    return rows.length > 0;
  },

  async mnTaken(db: DbOrTx, mn: string, exceptId?: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from safety_devices where mn = ${mn} and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
    );
    return rows.length > 0;
  },

  async insertDevice(
    tx: DbOrTx,
    v: {
      kind: DeviceKind;
      name: string;
      enterpriseId: string;
      gatewayId: string | null;
      mn: string | null;
      expectedIntervalS: number;
      token: { tokenHash: string; tokenHint: string; tokenIssuedAt: Date } | null;
    },
    by: string,
  ): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into safety_devices (kind, name, enterprise_id, gateway_id, mn, token_hash, token_hint, token_issued_at, expected_interval_s, created_by)
          values (${v.kind}, ${v.name}, ${v.enterpriseId}, ${v.gatewayId}, ${v.mn}, ${v.token?.tokenHash ?? null}, ${v.token?.tokenHint ?? null},
            ${v.token?.tokenIssuedAt ?? null}, ${v.expectedIntervalS}, ${by}) returning id`,
    );
    return row!.id;
  },

  async updateDevice(tx: DbOrTx, id: string, v: { name: string; mn: string | null; expectedIntervalS: number }, now: Date): Promise<void> {
    await tx.execute(
      sql`update safety_devices set name = ${v.name}, mn = ${v.mn}, expected_interval_s = ${v.expectedIntervalS}, updated_at = ${now} where id = ${id}`,
    );
  },

  /** A new token replaces the old one (whose digest is gone) and lifts a revocation. */
  async setDeviceToken(tx: DbOrTx, id: string, t: { tokenHash: string; tokenHint: string; tokenIssuedAt: Date }, now: Date): Promise<void> {
    await tx.execute(
      sql`update safety_devices set token_hash = ${t.tokenHash}, token_hint = ${t.tokenHint}, token_issued_at = ${t.tokenIssuedAt},
          revoked_at = null, updated_at = ${now} where id = ${id}`,
    );
  },

  async revokeDevice(tx: DbOrTx, id: string, now: Date): Promise<void> {
    await tx.execute(sql`update safety_devices set revoked_at = ${now}, updated_at = ${now} where id = ${id}`);
  },

  /** Deleted devices keep no usable token. */
  async softDeleteDevice(tx: DbOrTx, id: string, now: Date): Promise<void> {
    await tx.execute(
      sql`update safety_devices set deleted_at = ${now}, updated_at = ${now}, token_hash = null, revoked_at = coalesce(revoked_at, ${now}) where id = ${id}`,
    );
  },

  async tokenHashOf(db: DbOrTx, id: string): Promise<string | null> {
    const [row] = await queryRows<{ tokenHash: string | null }>(db, sql`select token_hash as "tokenHash" from safety_devices where id = ${id}`);
    return row?.tokenHash ?? null;
  },

  /** A live device or gateway, as a point or a child device needs it. */
  async findDeviceRef(db: DbOrTx, id: string): Promise<{ id: string; kind: DeviceKind; enterpriseId: string; gatewayId: string | null } | undefined> {
    const [row] = await queryRows<{ id: string; kind: DeviceKind; enterpriseId: string; gatewayId: string | null }>(
      db,
      sql`select id, kind, enterprise_id as "enterpriseId", gateway_id as "gatewayId" from safety_devices where id = ${id} and deleted_at is null`,
    );
    return row;
  },

  // ---- points ----
  listPoints: (db: DbOrTx, q: ListSpec<PointFilter>) =>
    pageOfRows<PointRow>(db, {
      columns: pointColumns,
      from: pointFrom,
      where: pointWhere(q.filter, q.visible),
      order: orderOf(pointSorts, q.sort, 'tag', sql`p.tag, p.id`),
      limit: q.limit,
      offset: q.offset,
    }),

  async findPoint(db: DbOrTx, id: string, visible: SQL | undefined): Promise<PointRow | undefined> {
    const [row] = await queryRows<PointRow>(
      db,
      sql`select ${pointColumns} from ${pointFrom} where p.id = ${id} and p.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`,
    );
    return row;
  },

  async pointsOfSource(db: DbOrTx, sourceId: string, limit: number): Promise<PointRow[]> {
    return queryRows<PointRow>(
      db,
      sql`select ${pointColumns} from ${pointFrom} where p.major_hazard_id = ${sourceId} and p.deleted_at is null order by p.tag, p.id limit ${limit}`,
    );
  },

  async tagTaken(db: DbOrTx, deviceId: string, tag: string, exceptId?: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from monitoring_points where device_id = ${deviceId} and tag = ${tag} and deleted_at is null
          ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
    );
    return rows.length > 0;
  },

  async insertPoint(tx: DbOrTx, v: PointValues, by: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into monitoring_points (${sql.raw(pointValueColumns.map(([, c]) => c).join(', '))}, created_by)
          values (${sql.join(
            pointValueColumns.map(([k]) => sql`${v[k]}`),
            sql`, `,
          )}, ${by}) returning id`,
    );
    return row!.id;
  },

  /** Many points in multi-row statements (5,000 rows each); the ids in input order. */
  async insertPoints(tx: DbOrTx, rows: readonly PointValues[], by: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const arrays = pointValueColumns.map(([k, , type]) => sql`${sql.param(chunk.map((r) => r[k] ?? null))}::${sql.raw(type)}[]`);
      const names = pointValueColumns.map(([, c]) => c).join(', ');
      const inserted = await queryRows<{ id: string }>(
        tx,
        sql`insert into monitoring_points (${sql.raw(names)}, created_by)
            select ${sql.raw(pointValueColumns.map(([, c]) => `v.${c}`).join(', '))}, ${by}::uuid
            from unnest(${sql.join(arrays, sql`, `)}) with ordinality as v(${sql.raw(names)}, ord) order by v.ord returning id`,
      );
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  },

  async updatePoint(tx: DbOrTx, id: string, v: PointValues, now: Date): Promise<void> {
    const set = pointValueColumns.map(([k, c]) => sql`${sql.raw(c)} = ${v[k]}`);
    await tx.execute(sql`update monitoring_points set ${sql.join(set, sql`, `)}, updated_at = ${now} where id = ${id}`);
  },

  async softDeletePoint(tx: DbOrTx, id: string, now: Date): Promise<void> {
    await tx.execute(sql`update monitoring_points set deleted_at = ${now}, updated_at = ${now} where id = ${id}`);
  },

  // ---- look-ups of the spreadsheet import (one statement each, whatever the size of the file) ----
  async enterprisesByKeys(db: DbOrTx, keys: readonly string[], visible: SQL | undefined): Promise<EnterpriseRef[]> {
    if (!keys.length) return [];
    return queryRows<EnterpriseRef>(
      db,
      sql`select e.id, e.name, e.uscc from enterprises e where e.deleted_at is null
          and (e.uscc = any(${sql.param(keys.map((k) => k.toUpperCase()))}::text[]) or e.name = any(${sql.param([...keys])}::text[]))
          ${visible ? sql`and ${visible}` : sql``}`,
    );
  },

  async sourcesByCodes(db: DbOrTx, codes: readonly string[]): Promise<{ id: string; code: string; enterpriseId: string }[]> {
    if (!codes.length) return [];
    return queryRows(
      db,
      sql`select id, code, enterprise_id as "enterpriseId" from major_hazards where deleted_at is null and code = any(${sql.param([...codes])}::text[])`,
    );
  },

  async devicesOfEnterprises(db: DbOrTx, enterpriseIds: readonly string[]): Promise<DeviceRef[]> {
    if (!enterpriseIds.length) return [];
    return queryRows<DeviceRef>(
      db,
      sql`select d.id, d.name, d.kind, d.enterprise_id as "enterpriseId", g.name as "gatewayName"
          from safety_devices d left join safety_devices g on g.id = d.gateway_id
          where d.deleted_at is null and d.enterprise_id = any(${sql.param([...enterpriseIds])}::uuid[])`,
    );
  },

  async liveDeviceIds(db: DbOrTx, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await queryRows<{ id: string }>(db, sql`select id from safety_devices where deleted_at is null and id = any(${sql.param([...ids])}::uuid[])`);
    return rows.map((r) => r.id);
  },

  /** The tags already registered on these devices. */
  async tagsOfDevices(db: DbOrTx, deviceIds: readonly string[]): Promise<{ deviceId: string; tag: string }[]> {
    if (!deviceIds.length) return [];
    return queryRows(
      db,
      sql`select device_id as "deviceId", tag from monitoring_points where deleted_at is null and device_id = any(${sql.param([...deviceIds])}::uuid[])`,
    );
  },
};
