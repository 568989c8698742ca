// SQL of the gate: the spool, the registry look-ups of the checks, passes, visits and the read side.
import { sql, type SQL } from 'drizzle-orm';
import { gateEventSpool } from '../../../db/schema.ts';
import { queryRows, type DbOrTx } from '../../../platform/database.ts';
import type { GateEvent } from './gate-parse.ts';

export interface SpoolPayload extends GateEvent {
  droppedImages: { name: string; reason: 'tooLarge' | 'notJpeg'; bytes: number }[];
}

export interface SpoolInsert {
  source: string;
  dedupKey: string;
  receivedAt: Date;
  remoteAddr: string | null;
  payload: SpoolPayload;
  images: string[];
}

export interface SpoolRow {
  id: number;
  payload: SpoolPayload;
  images: string[];
  receivedAt: Date;
}

export interface DeviceRow {
  id: string;
  name: string;
  checkpointId: string;
  laneCode: string | null;
  direction: string;
  checkpointName: string;
  checkpointKind: string;
  open: boolean;
  allowedCategories: string[];
}

export interface VehicleRow {
  id: string;
  category: string;
  transportCertExpiresOn: string | null;
  carrierId: string | null;
  carrierName: string | null;
  carrierLicenceExpiresOn: string | null;
}

export interface AppointmentRow {
  id: string;
  code: string;
  status: string;
  enterpriseId: string;
  windowStart: Date;
  windowEnd: Date;
  driverId: string;
  escortId: string | null;
  carrierLicenceExpiresOn: string | null;
}

export interface PersonRow {
  id: string;
  name: string;
  kind: string;
  qualificationExpiresOn: string | null;
}

export interface PassInsert {
  spoolId: number;
  kind: 'vehicle' | 'person';
  result: 'allowed' | 'denied' | 'flagged';
  direction: 'in' | 'out';
  plate: string | null;
  vehicleId: string | null;
  personId: string | null;
  personCode: string | null;
  personName: string | null;
  checkpointId: string | null;
  deviceId: string | null;
  laneCode: string | null;
  deviceTime: Date;
  receivedAt: Date;
  confidence: number | null;
  images: string[];
  appointmentId: string | null;
  visitId: string | null;
  findings: { code: string; message: string }[];
}

const toMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

/** A list entry with its validity (ms since the epoch). */
export interface ListEntryRow {
  list: 'white' | 'black';
  reason: string;
  validFrom: number;
  validTo: number | null;
  revokedAt: number | null;
}

/** The entry in force at a time: valid from ≤ t < valid to, not revoked by t; black before white when both are. */
export function effectiveListEntry(entries: readonly ListEntryRow[] | undefined, at: Date): ListEntryRow | undefined {
  const t = at.getTime();
  let found: ListEntryRow | undefined;
  for (const e of entries ?? []) {
    if (e.validFrom > t || (e.validTo !== null && e.validTo <= t) || (e.revokedAt !== null && e.revokedAt <= t)) continue;
    if (!found || (e.list === 'black' && found.list !== 'black')) found = e;
  }
  return found;
}

export const gateRepository = {
  // ---- spool ----

  /** Inserts spool rows; those whose dedup key exists are left out. Returns the keys inserted. */
  async spool(db: DbOrTx, rows: readonly SpoolInsert[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const inserted = await db
      .insert(gateEventSpool)
      .values([...rows])
      .onConflictDoNothing({ target: gateEventSpool.dedupKey })
      .returning({ dedupKey: gateEventSpool.dedupKey });
    return new Set(inserted.map((r) => r.dedupKey));
  },

  pendingIds(db: DbOrTx, limit: number): Promise<{ id: number }[]> {
    return queryRows(db, sql`select id::float8 as id from gate_event_spool where status = 'pending' order by id limit ${limit}`);
  },

  /** Locks one pending row (another instance working on it is skipped). */
  async lockPending(tx: DbOrTx, id: number): Promise<SpoolRow | undefined> {
    const [row] = await queryRows<SpoolRow & { receivedAt: Date | string }>(
      tx,
      sql`select id::float8 as id, payload, images, received_at as "receivedAt" from gate_event_spool
        where id = ${id} and status = 'pending' for update skip locked`,
    );
    return row ? { ...row, receivedAt: new Date(row.receivedAt) } : undefined;
  },

  /** Locks the pending rows among `ids`, in spool order (rows another instance works on are skipped). */
  async lockPendingMany(tx: DbOrTx, ids: readonly number[]): Promise<SpoolRow[]> {
    if (!ids.length) return [];
    const rows = await queryRows<SpoolRow & { receivedAt: Date | string }>(
      tx,
      sql`select id::float8 as id, payload, images, received_at as "receivedAt" from gate_event_spool
        where id = any(${sql.param(ids)}::bigint[]) and status = 'pending' order by id for update skip locked`,
    );
    return rows.map((row) => ({ ...row, receivedAt: new Date(row.receivedAt) }));
  },

  async markSpoolDone(db: DbOrTx, ids: readonly number[], at: Date): Promise<void> {
    if (!ids.length) return;
    await db.execute(
      sql`update gate_event_spool set status = 'done', processed_at = ${at.toISOString()}, error = null where id = any(${sql.param(ids)}::bigint[])`,
    );
  },

  async markSpool(db: DbOrTx, id: number, status: 'done' | 'failed', at: Date, error: string | null): Promise<void> {
    await db.execute(sql`update gate_event_spool set status = ${status}, processed_at = ${at.toISOString()}, error = ${error} where id = ${id}`);
  },

  // ---- registry ----

  async findDevice(db: DbOrTx, vendor: string, keys: readonly string[]): Promise<DeviceRow | undefined> {
    if (!keys.length) return undefined;
    const [row] = await queryRows<DeviceRow>(
      db,
      sql`select d.id, d.name, d.checkpoint_id as "checkpointId", d.lane_code as "laneCode", d.direction, c.name as "checkpointName",
          c.kind as "checkpointKind", c.open, c.allowed_categories as "allowedCategories"
        from checkpoint_devices d join checkpoints c on c.id = d.checkpoint_id
        where d.vendor = ${vendor} and d.serial_no = any(${sql.param(keys)}::text[]) and d.deleted_at is null
        order by array_position(${sql.param(keys)}::text[], d.serial_no) limit 1`,
    );
    return row;
  },

  async touchDevice(db: DbOrTx, id: string, at: Date): Promise<void> {
    await db.execute(
      sql`update checkpoint_devices set last_event_at = ${at.toISOString()} where id = ${id} and (last_event_at is null or last_event_at < ${at.toISOString()})`,
    );
  },

  /** The registered vehicles of these plates (not deleted), by plate. */
  async vehiclesByPlates(db: DbOrTx, plates: readonly string[]): Promise<Map<string, VehicleRow>> {
    if (!plates.length) return new Map();
    const rows = await queryRows<VehicleRow & { plate: string }>(
      db,
      sql`select v.plate, v.id, v.category, v.transport_cert_expires_on::text as "transportCertExpiresOn", v.carrier_id as "carrierId",
          c.name as "carrierName", c.licence_expires_on::text as "carrierLicenceExpiresOn"
        from park_vehicles v left join carriers c on c.id = v.carrier_id
        where v.plate = any(${sql.param(plates)}::text[]) and v.deleted_at is null`,
    );
    return new Map(rows.map(({ plate, ...v }) => [plate, v]));
  },

  /** The vehicle list entries of these plates (any validity; effectiveListEntry picks the one in force), by plate. */
  async vehicleListEntries(db: DbOrTx, plates: readonly string[]): Promise<Map<string, ListEntryRow[]>> {
    const out = new Map<string, ListEntryRow[]>();
    if (!plates.length) return out;
    const rows = await queryRows<{
      plate: string;
      list: 'white' | 'black';
      reason: string;
      validFrom: Date | string;
      validTo: Date | string | null;
      revokedAt: Date | string | null;
    }>(
      db,
      sql`select plate, list, reason, valid_from as "validFrom", valid_to as "validTo", revoked_at as "revokedAt" from park_access_lists
        where subject_kind = 'vehicle' and plate = any(${sql.param(plates)}::text[])`,
    );
    const ms = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());
    for (const r of rows) {
      const list = out.get(r.plate) ?? [];
      list.push({ list: r.list, reason: r.reason, validFrom: ms(r.validFrom)!, validTo: ms(r.validTo), revokedAt: ms(r.revokedAt) });
      out.set(r.plate, list);
    }
    return out;
  },

  /**
   * The appointment that speaks for a plate at a time: not rejected or cancelled; one whose window contains the time
   * first, approved ones first, then the nearest window.
   */
  async findAppointment(db: DbOrTx, plate: string, at: Date): Promise<AppointmentRow | undefined> {
    const t = at.toISOString();
    const [row] = await queryRows<AppointmentRow & { windowStart: Date | string; windowEnd: Date | string }>(
      db,
      sql`select a.id, a.code, a.status, a.enterprise_id as "enterpriseId", a.window_start as "windowStart", a.window_end as "windowEnd",
          a.driver_id as "driverId", a.escort_id as "escortId", c.licence_expires_on::text as "carrierLicenceExpiresOn"
        from entry_appointments a join carriers c on c.id = a.carrier_id
        where a.plate = ${plate} and a.status not in ('rejected', 'cancelled', 'draft')
        order by (a.window_start <= ${t} and a.window_end >= ${t}) desc, (a.status = 'approved') desc,
          least(abs(extract(epoch from a.window_start - ${t}::timestamptz)), abs(extract(epoch from a.window_end - ${t}::timestamptz)))
        limit 1`,
    );
    return row ? { ...row, windowStart: new Date(row.windowStart), windowEnd: new Date(row.windowEnd) } : undefined;
  },

  peopleByIds(db: DbOrTx, ids: readonly string[]): Promise<PersonRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return queryRows(
      db,
      sql`select id, name, kind, qualification_expires_on::text as "qualificationExpiresOn" from park_people
        where id = any(${sql.param(ids)}::uuid[])`,
    );
  },

  async personByCode(db: DbOrTx, code: string): Promise<PersonRow | undefined> {
    const [row] = await queryRows<PersonRow>(
      db,
      sql`select id, name, kind, qualification_expires_on::text as "qualificationExpiresOn" from park_people
        where person_code = ${code} and deleted_at is null limit 1`,
    );
    return row;
  },

  // ---- passes and visits ----

  async insertPass(tx: DbOrTx, p: PassInsert): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into gate_passes (spool_id, kind, result, direction, plate, vehicle_id, person_id, person_code, person_name, checkpoint_id,
          device_id, lane_code, device_time, received_at, confidence, images, appointment_id, visit_id, findings)
        values (${p.spoolId}, ${p.kind}, ${p.result}, ${p.direction}, ${p.plate}, ${p.vehicleId}, ${p.personId}, ${p.personCode}, ${p.personName},
          ${p.checkpointId}, ${p.deviceId}, ${p.laneCode}, ${p.deviceTime.toISOString()}, ${p.receivedAt.toISOString()}, ${p.confidence},
          ${sql.param(p.images)}::text[], ${p.appointmentId}, ${p.visitId}, ${JSON.stringify(p.findings)}::jsonb)
        on conflict (spool_id) do nothing returning id`,
    );
    return row?.id ?? '';
  },

  /** Opens a visit unless one is open for the plate / person code; returns the open visit and whether it is new. */
  async openVisit(
    tx: DbOrTx,
    v: {
      subjectKind: 'vehicle' | 'person';
      plate: string | null;
      vehicleId: string | null;
      personId: string | null;
      personCode: string | null;
      appointmentId: string | null;
      at: Date;
      checkpointId: string | null;
    },
  ): Promise<{ id: string; created: boolean }> {
    const open =
      v.subjectKind === 'vehicle'
        ? sql`plate = ${v.plate} and exited_at is null and plate is not null`
        : sql`person_code = ${v.personCode} and exited_at is null and person_code is not null`;
    const target =
      v.subjectKind === 'vehicle'
        ? sql.raw('(plate) where exited_at is null and plate is not null')
        : sql.raw('(person_code) where exited_at is null and person_code is not null');
    const [created] = await queryRows<{ id: string }>(
      tx,
      sql`insert into park_visits (subject_kind, plate, vehicle_id, person_id, person_code, appointment_id, entered_at, entry_checkpoint_id)
        values (${v.subjectKind}, ${v.plate}, ${v.vehicleId}, ${v.personId}, ${v.personCode}, ${v.appointmentId}, ${v.at.toISOString()}, ${v.checkpointId})
        on conflict ${target} do nothing returning id`,
    );
    if (created) return { id: created.id, created: true };
    const [existing] = await queryRows<{ id: string }>(tx, sql`select id from park_visits where ${open} limit 1`);
    return { id: existing!.id, created: false };
  },

  /** Closes the open visit of the plate / person code; its id, or null when none was open. */
  async closeVisit(tx: DbOrTx, v: { subjectKind: 'vehicle' | 'person'; key: string; at: Date; checkpointId: string | null }): Promise<string | null> {
    const open = v.subjectKind === 'vehicle' ? sql`plate = ${v.key}` : sql`person_code = ${v.key}`;
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`update park_visits set exited_at = greatest(${v.at.toISOString()}::timestamptz, entered_at), exit_checkpoint_id = ${v.checkpointId}
        where ${open} and exited_at is null returning id`,
    );
    return row?.id ?? null;
  },

  // ---- read side ----

  passSelect(): SQL {
    return sql`select p.id, s.source, p.kind, p.result, p.direction, p.plate, p.vehicle_id as "vehicleId", v.category as "vehicleCategory",
        p.person_id as "personId", p.person_code as "personCode", coalesce(pp.name, p.person_name) as "personName",
        p.checkpoint_id as "checkpointId", c.name as "checkpointName", p.device_id as "deviceId", d.name as "deviceName",
        p.lane_code as "laneCode", ${toMs('p.device_time')} as "deviceTime", ${toMs('p.received_at')} as "receivedAt", p.confidence,
        p.images, coalesce(jsonb_array_length(s.payload->'droppedImages'), 0)::int as "imagesDropped",
        p.appointment_id as "appointmentId", a.code as "appointmentCode", p.visit_id as "visitId", p.findings,
        s.payload->>'eventType' as "eventType", s.payload->'droppedImages' as "droppedImages"
      from gate_passes p
        join gate_event_spool s on s.id = p.spool_id
        left join park_vehicles v on v.id = p.vehicle_id
        left join park_people pp on pp.id = p.person_id
        left join checkpoints c on c.id = p.checkpoint_id
        left join checkpoint_devices d on d.id = p.device_id
        left join entry_appointments a on a.id = p.appointment_id`;
  },

  async listPasses<T>(db: DbOrTx, where: SQL, orderBy: SQL, limit: number, offset: number): Promise<{ rows: T[]; total: number }> {
    const [rows, count] = await Promise.all([
      queryRows<T>(db, sql`${this.passSelect()} where ${where} order by ${orderBy} limit ${limit} offset ${offset}`),
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from gate_passes p where ${where}`),
    ]);
    return { rows, total: count[0]?.n ?? 0 };
  },

  async getPass<T>(db: DbOrTx, id: string): Promise<T | undefined> {
    const [row] = await queryRows<T>(db, sql`${this.passSelect()} where p.id = ${id}`);
    return row;
  },

  async passImages(db: DbOrTx, id: string): Promise<string[] | undefined> {
    const [row] = await queryRows<{ images: string[] }>(db, sql`select images from gate_passes where id = ${id}`);
    return row?.images;
  },

  async counts(db: DbOrTx): Promise<{ people: number; byCategory: { category: string | null; n: number }[] }> {
    const [people, byCategory] = await Promise.all([
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from park_visits where subject_kind = 'person' and exited_at is null`),
      queryRows<{ category: string | null; n: number }>(
        db,
        sql`select v.category, count(*)::int as n from park_visits pv left join park_vehicles v on v.id = pv.vehicle_id
          where pv.subject_kind = 'vehicle' and pv.exited_at is null group by v.category`,
      ),
    ]);
    return { people: people[0]?.n ?? 0, byCategory };
  },

  async listVisits<T>(db: DbOrTx, where: SQL, orderBy: SQL, limit: number, offset: number): Promise<{ rows: T[]; total: number }> {
    const [rows, count] = await Promise.all([
      queryRows<T>(
        db,
        sql`select pv.id, pv.subject_kind as "subjectKind", pv.plate, pv.vehicle_id as "vehicleId", v.category as "vehicleCategory",
            pv.person_id as "personId", pv.person_code as "personCode", pp.name as "personName", pv.appointment_id as "appointmentId",
            a.code as "appointmentCode", ${toMs('pv.entered_at')} as "enteredAt", ${toMs('pv.exited_at')} as "exitedAt",
            ce.name as "entryCheckpointName", cx.name as "exitCheckpointName"
          from park_visits pv
            left join park_vehicles v on v.id = pv.vehicle_id
            left join park_people pp on pp.id = pv.person_id
            left join entry_appointments a on a.id = pv.appointment_id
            left join checkpoints ce on ce.id = pv.entry_checkpoint_id
            left join checkpoints cx on cx.id = pv.exit_checkpoint_id
          where ${where} order by ${orderBy} limit ${limit} offset ${offset}`,
      ),
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from park_visits pv where ${where}`),
    ]);
    return { rows, total: count[0]?.n ?? 0 };
  },

  async listRejections<T>(db: DbOrTx, where: SQL, orderBy: SQL, limit: number, offset: number): Promise<{ rows: T[]; total: number }> {
    const [rows, count] = await Promise.all([
      queryRows<T>(
        db,
        sql`select sender_key as "senderKey", reason, count, ${toMs('first_at')} as "firstAt", ${toMs('last_at')} as "lastAt",
            last_detail as "lastDetail"
          from ingest_rejections where ${where} order by ${orderBy} limit ${limit} offset ${offset}`,
      ),
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from ingest_rejections where ${where}`),
    ]);
    return { rows, total: count[0]?.n ?? 0 };
  },
};
