// All SQL of the alarms: the engine's few writes (raise or update the one open alarm per point / device and rule,
// change level, clear, events, summaries), what the stale and offline checks and the escalation read, the lists,
// details and lifecycle writes of people, and suppression windows. Closed-park alarms (issue 8: gate and vehicle
// position rules, keyed by plate and rule, enterprise optional) share the table, the summaries and the lifecycle;
// their writes are in park-alarms.ts. The sensor engine's keys all have a null plate.
import type { AlarmLevel, AlarmRule, AlarmSummary, SafetyAlarmEvent, SafetyAlarmEventKind, SafetySuppression, ThresholdBand } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import { safetyAlarmEvents } from '../../db/schema.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { SAFETY_CHANNEL } from './safety-events.ts';

/** The identity of an open alarm: point (or null), device (or null) and rule; one open alarm per key. */
export interface AlarmKey {
  pointId: string | null;
  deviceId: string | null;
  rule: AlarmRule;
}
export const keyOf = (k: AlarmKey) => `${k.pointId ?? ''}|${k.deviceId ?? ''}|${k.rule}`;
const keySql = sql`(coalesce(a.point_id::text, '') || '|' || coalesce(a.device_id::text, '') || '|' || a.rule)`;
const keyWhere = (k: AlarmKey) =>
  sql`${k.pointId ? sql`a.point_id = ${k.pointId}` : sql`a.point_id is null`} and ${k.deviceId ? sql`a.device_id = ${k.deviceId}` : sql`a.device_id is null`}
      and a.plate is null and a.rule = ${k.rule} and a.closed_at is null`;
/** Sensor alarms (issue 7): the engine never sees closed-park alarms (they carry a plate). */
export const sensorAlarmSql = sql`a.plate is null`;

/** An instant as ISO 8601 in UTC, formatted by the database (both drivers answer the same text). */
export const isoSql = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface RaiseRow extends AlarmKey {
  enterpriseId: string;
  majorHazardId: string | null;
  level: AlarmLevel;
  band: ThresholdBand | null;
  value: number | null;
  threshold: number | null;
  at: Date;
}
export interface ChangeRow extends AlarmKey {
  level: AlarmLevel;
  band: ThresholdBand | null;
  value: number | null;
  threshold: number | null;
  /** The most extreme value in the band being left (merged into peak_value by the old band). */
  peak?: number | null;
}
export interface ClearRow extends AlarmKey {
  value: number | null;
  at: Date;
  /** The most extreme value while raised (threshold alarms), merged into peak_value. */
  peak?: number | null;
}
export interface EventRow {
  alarmId: string;
  at: Date;
  kind: SafetyAlarmEventKind;
  level: string | null;
  value: number | null;
  byUserId?: string | null;
  note?: string | null;
}

export interface OpenAlarmRow extends AlarmKey {
  id: string;
  band: ThresholdBand | null;
  peakValue: number | null;
  cleared: boolean;
}

export interface ParkOpenRow {
  id: string;
  level: AlarmLevel;
  cleared: boolean;
}

export interface ParkRaiseRow {
  plate: string;
  rule: AlarmRule;
  level: AlarmLevel;
  at: Date;
  vehicleId: string | null;
  enterpriseId: string | null;
  checkpointId: string | null;
  geofenceId: string | null;
  appointmentId: string | null;
  lat: number | null;
  lon: number | null;
  value: number | null;
  threshold: number | null;
  /** Rule-specific facts stored as jsonb (gate alarms: {findings}). */
  detail: unknown;
}

export interface WindowRow {
  enterpriseId: string;
  majorHazardId: string | null;
  pointIds: string[];
  startsAt: Date;
  endsAt: Date;
}

/** The worst value while open: the lowest for a low band, the highest otherwise. */
const peakSql = (old: SQL, band: SQL, value: SQL) => sql`case when ${band} in ('l', 'll') then least(${old}, ${value}) else greatest(${old}, ${value}) end`;

const summaryColumns = sql`a.id, a.point_id as "pointId", p.tag as "pointTag", p.name as "pointName", p.unit,
  coalesce(a.device_id, p.device_id) as "deviceId", d.name as "deviceName", a.enterprise_id as "enterpriseId", e.name as "enterpriseName",
  a.major_hazard_id as "majorHazardId", hs.name as "majorHazardName", a.plate, cp.name as "checkpointName", g.name as "geofenceName",
  a.lat, a.lon, a.rule, a.level, a.band, a.status, a.value, a.threshold,
  a.peak_value as "peakValue", a.occurrences, ${isoSql(sql`a.raised_at`)} as "raisedAt", ${isoSql(sql`a.cleared_at`)} as "clearedAt",
  ${isoSql(sql`a.acknowledged_at`)} as "acknowledgedAt", ${isoSql(sql`a.handled_at`)} as "handledAt", ${isoSql(sql`a.closed_at`)} as "closedAt",
  a.escalation, a.hazard_item_id as "hazardItemId", ${isoSql(sql`a.updated_at`)} as "updatedAt"`;
/** The names a summary shows, joined to `a` (safety_alarms, or a statement's own changed rows named a). */
const summaryJoins = sql`left join enterprises e on e.id = a.enterprise_id left join monitoring_points p on p.id = a.point_id
  left join safety_devices d on d.id = coalesce(a.device_id, p.device_id) left join major_hazards hs on hs.id = a.major_hazard_id
  left join checkpoints cp on cp.id = a.checkpoint_id left join geofences g on g.id = a.geofence_id`;
const summaryFrom = sql`safety_alarms a ${summaryJoins}`;
/**
 * The end of a statement that changed one alarm in a CTE `a` (returning its whole row): `ev` inserts the alarm's event
 * (`event`: the select list of the event row from a), then its summary is sent as the SafetyEvents notice {kind:
 * 'alarm', change, alarm} — the payload SafetyEvents.notify would send with summaries() (every summary column is text,
 * a number or null, so to_json keeps the shape) — and the alarm's id answered.
 */
const announceTail = (change: string, event: SQL | null) => sql`${
  event ? sql`, ev as (insert into safety_alarm_events (alarm_id, at, kind, level, value, note) select ${event} from a)` : sql``
}, s as (select ${summaryColumns} from a ${summaryJoins})
  select s.id, pg_notify(${SAFETY_CHANNEL}, json_build_object('kind', 'alarm', 'change', ${change}::text, 'alarm', to_json(s))::text) from s`;
/** The summary select (list, detail, live notices, the live page's side list): one definition for every reader. */
export const summarySelect = sql`select ${summaryColumns} from ${summaryFrom}`;

export const levelRankSql = sql`(case a.level when 'red' then 4 when 'orange' then 3 when 'yellow' then 2 else 1 end)`;

/** A gate alarm's failed checks (safety_alarms.detail.findings). */
export interface AlarmFinding {
  code: string;
  message: string;
}

export interface AlarmDetailRow extends AlarmSummary {
  /** Rule-specific facts (gate alarms: {findings: [{code, message}]}). */
  detail: unknown;
  acknowledgedByName: string | null;
  handledByName: string | null;
  handleNote: string | null;
  closedByName: string | null;
  closeNote: string | null;
  escalatedAt: string | null;
  hazardItemCode: string | null;
  responsible: unknown;
}

export interface StalePointRow {
  id: string;
  enterpriseId: string;
  majorHazardId: string | null;
  deviceId: string | null;
  gatewayId: string | null;
  expectedIntervalS: number;
  staleAfterIntervals: number;
  latestMs: number | null;
}
export interface OfflineDeviceRow {
  id: string;
  enterpriseId: string;
  expectedIntervalS: number;
  lastSeenMs: number | null;
}

export interface EscalationCandidate {
  id: string;
  /** Null for a park-level closed-park alarm: it skips the enterprise stage. */
  enterpriseId: string | null;
  enterpriseName: string | null;
  plate: string | null;
  checkpointName: string | null;
  geofenceName: string | null;
  escalation: number;
  raisedMs: number;
  level: AlarmLevel;
  rule: AlarmRule;
  value: number | null;
  threshold: number | null;
  unit: string | null;
  pointTag: string | null;
  pointName: string | null;
  deviceName: string | null;
  majorHazardName: string | null;
  responsible: unknown;
}

export const alarmRepository = {
  // ---- the engine ----

  async loadOpen(db: DbOrTx): Promise<OpenAlarmRow[]> {
    return queryRows<OpenAlarmRow>(
      db,
      sql`select a.id, a.point_id as "pointId", a.device_id as "deviceId", a.rule, a.band, a.peak_value as "peakValue", a.cleared_at is not null as cleared
          from safety_alarms a where a.closed_at is null and ${sensorAlarmSql}`,
    );
  },

  /** Windows not cancelled that end after `since` (late readings are judged by their own time). */
  async loadWindows(db: DbOrTx, since: Date): Promise<WindowRow[]> {
    const rows = await queryRows<Omit<WindowRow, 'startsAt' | 'endsAt'> & { startsMs: number; endsMs: number }>(
      db,
      sql`select enterprise_id as "enterpriseId", major_hazard_id as "majorHazardId", point_ids as "pointIds",
          (extract(epoch from starts_at) * 1000)::float8 as "startsMs", (extract(epoch from ends_at) * 1000)::float8 as "endsMs"
          from safety_suppressions where cancelled_at is null and ends_at > ${since}`,
    );
    return rows.map((r) => ({ ...r, pointIds: r.pointIds ?? [], startsAt: new Date(r.startsMs), endsAt: new Date(r.endsMs) }));
  },

  /**
   * Raises alarms in one statement: a key with an open alarm (cleared or not, not closed) updates it (occurrences
   * + 1, level, value, peak; cleared no more) instead of adding one. `occurrences` 1 = a new alarm.
   */
  async raise(tx: DbOrTx, rows: RaiseRow[], now: Date): Promise<{ id: string; key: string; occurrences: number }[]> {
    if (!rows.length) return [];
    const col = <T>(f: (r: RaiseRow) => T) => sql.param(rows.map(f));
    const res = await queryRows<{ id: string; pointId: string | null; deviceId: string | null; rule: AlarmRule; occurrences: number }>(
      tx,
      sql`insert into safety_alarms as a (point_id, device_id, enterprise_id, major_hazard_id, rule, level, band, value, threshold, peak_value,
            raised_at, updated_at)
          select v.point_id, v.device_id, v.enterprise_id, v.major_hazard_id, v.rule, v.level, v.band, v.value, v.threshold, v.value, v.at, ${now}
          from unnest(${col((r) => r.pointId)}::uuid[], ${col((r) => r.deviceId)}::uuid[], ${col((r) => r.enterpriseId)}::uuid[],
            ${col((r) => r.majorHazardId)}::uuid[], ${col((r) => r.rule)}::text[], ${col((r) => r.level)}::text[], ${col((r) => r.band)}::text[],
            ${col((r) => r.value)}::float8[], ${col((r) => r.threshold)}::float8[], ${col((r) => r.at.toISOString())}::timestamptz[])
            as v(point_id, device_id, enterprise_id, major_hazard_id, rule, level, band, value, threshold, at)
          on conflict (point_id, device_id, plate, rule) where closed_at is null do update set
            occurrences = a.occurrences + 1, level = excluded.level, band = excluded.band, value = excluded.value, threshold = excluded.threshold,
            peak_value = ${peakSql(sql`a.peak_value`, sql`excluded.band`, sql`excluded.peak_value`)}, cleared_at = null, updated_at = excluded.updated_at
          returning a.id, a.point_id as "pointId", a.device_id as "deviceId", a.rule, a.occurrences`,
    );
    return res.map((r) => ({ id: r.id, key: keyOf(r), occurrences: r.occurrences }));
  },

  /** The open alarm of the key changes level in place; undefined when none is open and uncleared. */
  async changeLevel(tx: DbOrTx, row: ChangeRow, now: Date): Promise<string | undefined> {
    const [res] = await queryRows<{ id: string }>(
      tx,
      sql`update safety_alarms as a set level = ${row.level}, band = ${row.band}, value = ${row.value}, threshold = ${row.threshold},
            peak_value = ${peakSql(peakSql(sql`a.peak_value`, sql`a.band`, sql`${row.peak ?? null}::float8`), sql`${row.band}::text`, sql`${row.value}::float8`)}, updated_at = ${now}
          where ${keyWhere(row)} and a.cleared_at is null returning a.id`,
    );
    return res?.id;
  },

  /** The condition of these keys returned to normal (cleared_at set); answers the alarms that were uncleared. */
  async clear(tx: DbOrTx, rows: ClearRow[], now: Date): Promise<{ id: string; key: string }[]> {
    if (!rows.length) return [];
    return queryRows<{ id: string; key: string }>(
      tx,
      sql`update safety_alarms as a set cleared_at = v.at, value = coalesce(v.value, a.value),
            peak_value = ${peakSql(sql`a.peak_value`, sql`a.band`, sql`v.peak`)}, updated_at = ${now}
          from unnest(${sql.param(rows.map(keyOf))}::text[], ${sql.param(rows.map((r) => r.at.toISOString()))}::timestamptz[],
            ${sql.param(rows.map((r) => r.value))}::float8[], ${sql.param(rows.map((r) => r.peak ?? null))}::float8[]) as v(k, at, value, peak)
          where a.closed_at is null and a.cleared_at is null and ${sensorAlarmSql} and ${keySql} = v.k
          returning a.id, v.k as key`,
    );
  },

  async insertEvents(tx: DbOrTx, rows: EventRow[]): Promise<void> {
    if (!rows.length) return;
    await tx
      .insert(safetyAlarmEvents)
      .values(
        rows.map((r) => ({ alarmId: r.alarmId, at: r.at, kind: r.kind, level: r.level, value: r.value, byUserId: r.byUserId ?? null, note: r.note ?? null })),
      );
  },

  /** After an alarm change in the same transaction: its event row (when given), its summary and its notice, in one statement. */
  async announce(tx: DbOrTx, alarmId: string, change: string, event: EventRow | null): Promise<void> {
    await tx.execute(
      sql`with a as (select * from safety_alarms where id = ${alarmId})${announceTail(
        change,
        event ? sql`a.id, ${event.at}::timestamptz, ${event.kind}, ${event.level}, ${event.value}::float8, ${event.note ?? null}` : null,
      )}`,
    );
  },

  async summaries(db: DbOrTx, ids: string[]): Promise<Map<string, AlarmSummary>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<AlarmSummary>(db, sql`${summarySelect} where a.id = any(${sql.param(ids)}::uuid[])`);
    return new Map(rows.map((r) => [r.id, r]));
  },

  /** Enabled points with their newest stored reading time (ms) and their device's gateway. */
  async stalePoints(db: DbOrTx): Promise<StalePointRow[]> {
    return queryRows<StalePointRow>(
      db,
      sql`select p.id, p.enterprise_id as "enterpriseId", p.major_hazard_id as "majorHazardId", p.device_id as "deviceId", d.gateway_id as "gatewayId",
          p.expected_interval_s as "expectedIntervalS", p.stale_after_intervals as "staleAfterIntervals",
          (extract(epoch from l.ts) * 1000)::float8 as "latestMs"
          from monitoring_points p left join telemetry_latest l on l.point_id = p.id left join safety_devices d on d.id = p.device_id
          where p.deleted_at is null and p.enabled`,
    );
  },

  /** Senders watched for silence: devices not behind a gateway, gateways and stations, neither revoked nor deleted. */
  async offlineDevices(db: DbOrTx): Promise<OfflineDeviceRow[]> {
    return queryRows<OfflineDeviceRow>(
      db,
      sql`select id, enterprise_id as "enterpriseId", expected_interval_s as "expectedIntervalS",
          (extract(epoch from last_seen_at) * 1000)::float8 as "lastSeenMs"
          from safety_devices where deleted_at is null and revoked_at is null and gateway_id is null`,
    );
  },

  /** Uncleared threshold and rate alarms of points since disabled or deleted (their condition no longer applies). */
  async unclearedOfRetiredPoints(db: DbOrTx): Promise<AlarmKey[]> {
    return queryRows<AlarmKey>(
      db,
      sql`select a.point_id as "pointId", a.device_id as "deviceId", a.rule from safety_alarms a join monitoring_points p on p.id = a.point_id
          where a.closed_at is null and a.cleared_at is null and ${sensorAlarmSql} and a.rule in ('threshold', 'rate') and (p.deleted_at is not null or not p.enabled)`,
    );
  },

  // ---- escalation ----

  async escalationCandidates(db: DbOrTx, raisedBefore: Date, limit: number): Promise<EscalationCandidate[]> {
    return queryRows<EscalationCandidate>(
      db,
      sql`select a.id, a.enterprise_id as "enterpriseId", e.name as "enterpriseName", a.escalation,
          (extract(epoch from a.raised_at) * 1000)::float8 as "raisedMs", a.level, a.rule,
          a.value, a.threshold, p.unit, p.tag as "pointTag", p.name as "pointName", d.name as "deviceName", hs.name as "majorHazardName",
          hs.responsible, a.plate, cp.name as "checkpointName", g.name as "geofenceName"
          from ${summaryFrom}
          where a.closed_at is null and a.status = 'raised' and a.cleared_at is null and a.escalation < 2 and a.raised_at <= ${raisedBefore}
          order by a.raised_at limit ${limit}`,
    );
  },

  /** Moves the alarm to the stage if it is below it (once per stage, whichever instance runs the job). */
  async setEscalation(tx: DbOrTx, id: string, stage: number, at: Date): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`update safety_alarms set escalation = ${stage}, escalated_at = ${at}, updated_at = ${at}
          where id = ${id} and escalation < ${stage} and closed_at is null and status = 'raised' returning id`,
    );
    return rows.length > 0;
  },

  /** Active users of the enterprise holding a permission. */
  async enterpriseUsersWith(tx: DbOrTx, enterpriseId: string, permission: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where u.enterprise_id = ${enterpriseId} and u.deleted_at is null and u.status = 'active' and ${permission} = any(r.permissions)`,
    );
    return rows.map((r) => r.id);
  },

  /** Active users holding a role (by code), or of the ids given. */
  async activeUsers(tx: DbOrTx, q: { roleCode: string } | { ids: string[] }): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      tx,
      'roleCode' in q
        ? sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
              where r.code = ${q.roleCode} and u.deleted_at is null and u.status = 'active'`
        : sql`select id from users where id = any(${sql.param(q.ids)}::uuid[]) and deleted_at is null and status = 'active'`,
    );
    return rows.map((r) => r.id);
  },

  // ---- closed-park alarms (issue 8): one open alarm per plate and rule, no point, no device ----

  /** The open alarm of a plate and rule, locked for the caller's transaction. */
  async lockOpenPark(tx: DbOrTx, plate: string, rule: string): Promise<ParkOpenRow | undefined> {
    const [row] = await queryRows<ParkOpenRow>(
      tx,
      sql`select a.id, a.level, a.cleared_at is not null as cleared from safety_alarms a
          where a.point_id is null and a.device_id is null and a.plate = ${plate} and a.rule = ${rule} and a.closed_at is null for update`,
    );
    return row;
  },

  /**
   * A new open alarm of the plate and rule with its raised event and notice, in one statement (atomic on its own);
   * undefined when one is open already (the unique open-alarm index).
   */
  async insertPark(tx: DbOrTx, r: ParkRaiseRow, now: Date, note: string | null): Promise<string | undefined> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`with a as (insert into safety_alarms as x (plate, vehicle_id, enterprise_id, checkpoint_id, geofence_id, appointment_id, lat, lon, detail, rule,
            level, value, threshold, peak_value, raised_at, updated_at)
          values (${r.plate}, ${r.vehicleId}, ${r.enterpriseId}, ${r.checkpointId}, ${r.geofenceId}, ${r.appointmentId}, ${r.lat}::float8, ${r.lon}::float8,
            ${r.detail === null ? null : JSON.stringify(r.detail)}::jsonb, ${r.rule}, ${r.level}, ${r.value}::float8, ${r.threshold}::float8,
            ${r.value}::float8, ${r.at}, ${now})
          on conflict (point_id, device_id, plate, rule) where closed_at is null do nothing
          returning x.*)${announceTail('raised', sql`a.id, ${r.at}::timestamptz, 'raised', a.level, a.value, ${note}::text`)}`,
    );
    return row?.id;
  },

  /**
   * The open alarm raised again: occurrences + 1, level in place, peak the largest value, condition holding again;
   * the newest place, vehicle, checkpoint, geofence, appointment and findings replace the old ones when given, and an
   * enterprise once known stays.
   */
  async updatePark(tx: DbOrTx, id: string, r: ParkRaiseRow, now: Date): Promise<void> {
    await tx.execute(
      sql`update safety_alarms as a set occurrences = a.occurrences + 1, level = ${r.level}, value = coalesce(${r.value}::float8, a.value),
            threshold = coalesce(${r.threshold}::float8, a.threshold), peak_value = greatest(a.peak_value, ${r.value}::float8), cleared_at = null,
            vehicle_id = coalesce(${r.vehicleId}::uuid, a.vehicle_id), enterprise_id = coalesce(a.enterprise_id, ${r.enterpriseId}::uuid),
            checkpoint_id = coalesce(${r.checkpointId}::uuid, a.checkpoint_id), geofence_id = coalesce(${r.geofenceId}::uuid, a.geofence_id),
            appointment_id = coalesce(${r.appointmentId}::uuid, a.appointment_id), lat = coalesce(${r.lat}::float8, a.lat),
            lon = coalesce(${r.lon}::float8, a.lon), detail = coalesce(${r.detail === null ? null : JSON.stringify(r.detail)}::jsonb, a.detail),
            updated_at = ${now}
          where a.id = ${id}`,
    );
  },

  /**
   * The condition of the plate's open alarm of the rule ended (cleared_at set), with its cleared event and notice, in
   * one statement; whether one was open and uncleared.
   */
  async clearPark(tx: DbOrTx, plate: string, rule: string, at: Date, now: Date): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`with a as (update safety_alarms as x set cleared_at = ${at}, updated_at = ${now}
          where x.point_id is null and x.device_id is null and x.plate = ${plate} and x.rule = ${rule} and x.closed_at is null and x.cleared_at is null
          returning x.*)${announceTail('cleared', sql`a.id, ${at}::timestamptz, 'cleared', null::text, a.value, null::text`)}`,
    );
    return rows.length > 0;
  },

  /** Open closed-park alarm keys (to rebuild rule state after a restart). */
  async openParkKeys(db: DbOrTx): Promise<{ plate: string; rule: string; cleared: boolean }[]> {
    return queryRows(
      db,
      sql`select a.plate, a.rule, a.cleared_at is not null as cleared from safety_alarms a
          where a.plate is not null and a.closed_at is null order by a.plate, a.rule`,
    );
  },

  // ---- people: lists, details, lifecycle ----

  /** A page of summaries; `withDetail` adds the rule-specific facts (`detail`, for the export). */
  async page(
    db: DbOrTx,
    where: SQL[],
    order: SQL,
    limit: number,
    offset: number,
    withDetail = false,
  ): Promise<{ rows: (AlarmSummary & { detail?: unknown })[]; total: number }> {
    const w = where.length ? sql.join(where, sql` and `) : sql`true`;
    const rows = await queryRows<AlarmSummary & { detail?: unknown; total: number }>(
      db,
      sql`select ${summaryColumns}${withDetail ? sql`, a.detail` : sql``}, count(*) over ()::int as total from ${summaryFrom} where ${w} order by ${order} limit ${limit} offset ${offset}`,
    );
    if (rows.length || offset === 0) return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${summaryFrom} where ${w}`);
    return { rows: [], total: n!.n };
  },

  /** One alarm as the caller may see it (`visible`: the visibility condition), with names and notes. */
  async findDetail(db: DbOrTx, id: string, visible: SQL | undefined): Promise<AlarmDetailRow | undefined> {
    const [row] = await queryRows<AlarmDetailRow>(
      db,
      sql`select ${summaryColumns}, ab.display_name as "acknowledgedByName", hb.display_name as "handledByName", a.handle_note as "handleNote",
          a.detail, cb.display_name as "closedByName", a.close_note as "closeNote", ${isoSql(sql`a.escalated_at`)} as "escalatedAt", i.code as "hazardItemCode",
          hs.responsible
          from ${summaryFrom} left join users ab on ab.id = a.acknowledged_by left join users hb on hb.id = a.handled_by
          left join users cb on cb.id = a.closed_by left join ledger_items i on i.id = a.hazard_item_id
          where a.id = ${id} ${visible ? sql`and ${visible}` : sql``}`,
    );
    return row;
  },

  /** The ids among these that the caller may see. */
  async visibleIds(db: DbOrTx, ids: string[], visible: SQL | undefined): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select a.id from safety_alarms a where a.id = any(${sql.param(ids)}::uuid[]) ${visible ? sql`and ${visible}` : sql``}`,
    );
    return rows.map((r) => r.id);
  },

  async events(db: DbOrTx, alarmId: string): Promise<SafetyAlarmEvent[]> {
    return queryRows<SafetyAlarmEvent>(
      db,
      sql`select ev.id, ${isoSql(sql`ev.at`)} as at, ev.kind, ev.level, ev.value, ev.by_user_id as "byUserId", u.display_name as "byName", ev.note
          from safety_alarm_events ev left join users u on u.id = ev.by_user_id where ev.alarm_id = ${alarmId} order by ev.at, ev.id`,
    );
  },

  /** Locks alarms for a lifecycle write and answers their status, cleared flag and hazard link. */
  async lock(
    tx: DbOrTx,
    ids: string[],
  ): Promise<{ id: string; status: string; cleared: boolean; hazardItemId: string | null; level: string; value: number | null }[]> {
    return queryRows(
      tx,
      sql`select id, status, cleared_at is not null as cleared, hazard_item_id as "hazardItemId", level, value from safety_alarms
          where id = any(${sql.param(ids)}::uuid[]) order by id for update`,
    );
  },

  async acknowledge(tx: DbOrTx, ids: string[], userId: string, at: Date): Promise<void> {
    await tx.execute(
      sql`update safety_alarms set status = 'acknowledged', acknowledged_at = ${at}, acknowledged_by = ${userId}, updated_at = ${at}
          where id = any(${sql.param(ids)}::uuid[])`,
    );
  },

  /** Handled (处置): the note; an alarm never acknowledged is acknowledged by the same act. */
  async handle(tx: DbOrTx, id: string, userId: string, note: string, at: Date): Promise<void> {
    await tx.execute(
      sql`update safety_alarms set status = 'handled', handled_at = ${at}, handled_by = ${userId}, handle_note = ${note},
          acknowledged_at = coalesce(acknowledged_at, ${at}), acknowledged_by = coalesce(acknowledged_by, ${userId}), updated_at = ${at}
          where id = ${id}`,
    );
  },

  async close(tx: DbOrTx, id: string, userId: string, note: string | null, at: Date): Promise<void> {
    await tx.execute(
      sql`update safety_alarms set status = 'closed', closed_at = ${at}, closed_by = ${userId}, close_note = ${note}, updated_at = ${at} where id = ${id}`,
    );
  },

  async linkHazard(tx: DbOrTx, id: string, itemId: string, at: Date): Promise<void> {
    await tx.execute(sql`update safety_alarms set hazard_item_id = ${itemId}, updated_at = ${at} where id = ${id}`);
  },

  /** What a hazard opened from the alarm needs. */
  async hazardSeed(tx: DbOrTx, id: string) {
    const [row] = await queryRows<{
      enterpriseId: string | null;
      majorHazardId: string | null;
      pointTag: string | null;
      pointName: string | null;
      deviceName: string | null;
      enterpriseName: string | null;
      plate: string | null;
      checkpointName: string | null;
      geofenceName: string | null;
    }>(
      tx,
      sql`select a.enterprise_id as "enterpriseId", a.major_hazard_id as "majorHazardId", p.tag as "pointTag", p.name as "pointName",
          d.name as "deviceName", e.name as "enterpriseName", a.plate, cp.name as "checkpointName", g.name as "geofenceName"
          from ${summaryFrom} where a.id = ${id}`,
    );
    return row;
  },

  // ---- suppression windows ----

  async suppressionPage(db: DbOrTx, where: SQL[], order: SQL, limit: number, offset: number, now: Date) {
    const w = where.length ? sql.join(where, sql` and `) : sql`true`;
    const rows = await queryRows<SafetySuppression & { total: number }>(
      db,
      sql`select s.id, s.enterprise_id as "enterpriseId", e.name as "enterpriseName", s.major_hazard_id as "majorHazardId",
          hs.name as "majorHazardName", s.point_ids as "pointIds", s.kind, ${isoSql(sql`s.starts_at`)} as "startsAt", ${isoSql(sql`s.ends_at`)} as "endsAt",
          s.reason, ${isoSql(sql`s.cancelled_at`)} as "cancelledAt", ${isoSql(sql`s.created_at`)} as "createdAt", cu.display_name as "createdByName",
          ${suppressionStateSql(now)} as state, count(*) over ()::int as total
          from safety_suppressions s join enterprises e on e.id = s.enterprise_id left join major_hazards hs on hs.id = s.major_hazard_id
          left join users cu on cu.id = s.created_by
          where ${w} order by ${order} limit ${limit} offset ${offset}`,
    );
    return { rows: rows.map(({ total: _t, ...r }) => ({ ...r, pointIds: r.pointIds ?? [] })), total: rows[0]?.total ?? 0 };
  },

  async findSuppression(db: DbOrTx, id: string, visible: SQL | undefined) {
    const [row] = await queryRows<{ id: string; enterpriseId: string; cancelled: boolean; endsAt: Date; startsAt: Date }>(
      db,
      sql`select s.id, s.enterprise_id as "enterpriseId", s.cancelled_at is not null as cancelled, s.ends_at as "endsAt", s.starts_at as "startsAt"
          from safety_suppressions s where s.id = ${id} ${visible ? sql`and ${visible}` : sql``}`,
    );
    return row;
  },

  async insertSuppression(
    tx: DbOrTx,
    row: {
      enterpriseId: string;
      majorHazardId: string | null;
      pointIds: string[];
      kind: string;
      startsAt: Date;
      endsAt: Date;
      reason: string;
      createdBy: string;
      now: Date;
    },
  ): Promise<string> {
    const [res] = await queryRows<{ id: string }>(
      tx,
      sql`insert into safety_suppressions (enterprise_id, major_hazard_id, point_ids, kind, starts_at, ends_at, reason, created_by, created_at, updated_at)
          values (${row.enterpriseId}, ${row.majorHazardId}, ${sql.param(row.pointIds)}::uuid[], ${row.kind}, ${row.startsAt}, ${row.endsAt},
            ${row.reason}, ${row.createdBy}, ${row.now}, ${row.now})
          returning id`,
    );
    return res!.id;
  },

  async cancelSuppression(tx: DbOrTx, id: string, at: Date): Promise<void> {
    await tx.execute(sql`update safety_suppressions set cancelled_at = ${at}, updated_at = ${at} where id = ${id}`);
  },

  // ---- reference checks ----

  /** The enterprise, if the caller may see it (`visible`: the safety visibility condition over e.id). */
  async enterprise(db: DbOrTx, id: string, visible?: SQL): Promise<{ id: string; name: string; streetId: string | null } | undefined> {
    const [row] = await queryRows<{ id: string; name: string; streetId: string | null }>(
      db,
      sql`select e.id, e.name, e.street_id as "streetId" from enterprises e where e.id = ${id} and e.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`,
    );
    return row;
  },

  async majorHazard(db: DbOrTx, id: string): Promise<{ id: string; enterpriseId: string } | undefined> {
    const [row] = await queryRows<{ id: string; enterpriseId: string }>(
      db,
      sql`select id, enterprise_id as "enterpriseId" from major_hazards where id = ${id} and deleted_at is null`,
    );
    return row;
  },

  async points(db: DbOrTx, ids: string[]): Promise<{ id: string; enterpriseId: string; majorHazardId: string | null }[]> {
    if (!ids.length) return [];
    return queryRows(
      db,
      sql`select id, enterprise_id as "enterpriseId", major_hazard_id as "majorHazardId" from monitoring_points
          where id = any(${sql.param(ids)}::uuid[]) and deleted_at is null`,
    );
  },
};

/** scheduled | active | ended | cancelled at `now`. */
export const suppressionStateSql = (now: Date) =>
  sql`(case when s.cancelled_at is not null then 'cancelled' when s.starts_at > ${now} then 'scheduled' when s.ends_at <= ${now} then 'ended' else 'active' end)`;
