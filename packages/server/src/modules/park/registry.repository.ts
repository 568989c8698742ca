// All SQL of the closed-park registry: checkpoints and their devices, carriers, vehicles, people, the white and black
// lists and the position terminals. Lists take the service's conditions and order; soft-deleted rows are left out.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const textArray = (a: readonly string[]) => sql`${sql.param(a)}::text[]`;

export interface ListArgs {
  where: SQL[];
  order: SQL;
  limit: number;
  offset: number;
}

/** One page of `select columns from … where … order by …` with the total (a page past the end still reports it). */
async function pageOf<T>(db: DbOrTx, columns: SQL, from: SQL, a: ListArgs): Promise<{ rows: T[]; total: number }> {
  const w = a.where.length ? sql.join(a.where, sql` and `) : sql`true`;
  const rows = await queryRows<T & { total: number }>(
    db,
    sql`select ${columns}, count(*) over ()::int as total from ${from} where ${w} order by ${a.order} limit ${a.limit} offset ${a.offset}`,
  );
  if (rows.length || a.offset === 0) return { rows: rows.map(({ total: _t, ...r }) => r as T), total: rows[0]?.total ?? 0 };
  const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${w}`);
  return { rows: [], total: n!.n };
}

/** `col = value, …` of an update; SQL values are taken as they are (casts), others as parameters. */
function setClause(values: Record<string, unknown>): SQL {
  return sql.join(
    Object.entries(values).map(([col, v]) => sql`${sql.identifier(col)} = ${v}`),
    sql`, `,
  );
}

async function insertRow(tx: DbOrTx, table: string, values: Record<string, unknown>): Promise<string> {
  const cols = Object.keys(values);
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into ${sql.identifier(table)} (${sql.join(
      cols.map((c) => sql.identifier(c)),
      sql`, `,
    )}) values (${sql.join(
      cols.map((c) => sql`${values[c]}`),
      sql`, `,
    )}) returning id`,
  );
  return row!.id;
}

async function updateRow(tx: DbOrTx, table: string, id: string, values: Record<string, unknown>): Promise<void> {
  if (!Object.keys(values).length) return;
  await tx.execute(sql`update ${sql.identifier(table)} set ${setClause(values)} where id = ${id}`);
}

async function exists(tx: DbOrTx, query: SQL): Promise<boolean> {
  return (await queryRows<{ one: number }>(tx, sql`select 1 as one where exists (${query})`)).length > 0;
}

// ---- row shapes --------------------------------------------------------------------------------------------------

export type CheckpointRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  lanes: { code: string; name: string; direction: string }[];
  allowedCategories: string[];
  lon: number | null;
  lat: number | null;
  open: boolean;
  createdAt: string;
  updatedAt: string;
};
export type GateDeviceRow = {
  id: string;
  checkpointId: string;
  laneCode: string | null;
  kind: string;
  vendor: string;
  serialNo: string;
  direction: string;
  name: string;
  enabled: boolean;
  lastEventAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type CarrierRow = {
  id: string;
  name: string;
  uscc: string | null;
  licenceNo: string;
  licenceExpiresOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  vehicles: number;
  people: number;
  createdAt: string;
  updatedAt: string;
};
export type VehicleRow = {
  id: string;
  plate: string;
  plateColor: string;
  carrierId: string | null;
  carrierName: string | null;
  category: string;
  body: string;
  hazmatClasses: string[];
  transportCertNo: string | null;
  transportCertExpiresOn: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  terminals: { id: string; protocol: string; identifier: string }[];
  createdAt: string;
  updatedAt: string;
};
export type PersonRow = {
  id: string;
  kind: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  carrierId: string | null;
  carrierName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  qualificationNo: string | null;
  qualificationExpiresOn: string | null;
  personCode: string | null;
  createdAt: string;
  updatedAt: string;
};
export type AccessListRow = {
  id: string;
  list: string;
  subjectKind: string;
  plate: string | null;
  personId: string | null;
  personName: string | null;
  reason: string;
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  effective: boolean;
  createdAt: string;
  updatedAt: string;
};
export type TerminalRow = {
  id: string;
  protocol: string;
  identifier: string;
  vehicleId: string | null;
  plate: string | null;
  registeredPlate: string | null;
  protocolVersion: string | null;
  manufacturer: string | null;
  model: string | null;
  registeredAt: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

// ---- selects -----------------------------------------------------------------------------------------------------

const checkpointColumns = sql`c.id, c.code, c.name, c.kind, c.lanes, c.allowed_categories as "allowedCategories", c.lon, c.lat, c.open,
  ${iso(sql`c.created_at`)} as "createdAt", ${iso(sql`c.updated_at`)} as "updatedAt"`;
const checkpointFrom = sql`checkpoints c`;

const deviceColumns = sql`d.id, d.checkpoint_id as "checkpointId", d.lane_code as "laneCode", d.kind, d.vendor, d.serial_no as "serialNo",
  d.direction, d.name, d.enabled, ${iso(sql`d.last_event_at`)} as "lastEventAt", ${iso(sql`d.created_at`)} as "createdAt",
  ${iso(sql`d.updated_at`)} as "updatedAt"`;

const carrierColumns = sql`c.id, c.name, c.uscc, c.licence_no as "licenceNo", c.licence_expires_on::text as "licenceExpiresOn",
  c.contact_name as "contactName", c.contact_phone as "contactPhone", c.address,
  (select count(*)::int from park_vehicles v where v.carrier_id = c.id and v.deleted_at is null) as vehicles,
  (select count(*)::int from park_people p where p.carrier_id = c.id and p.deleted_at is null) as people,
  ${iso(sql`c.created_at`)} as "createdAt", ${iso(sql`c.updated_at`)} as "updatedAt"`;
const carrierFrom = sql`carriers c`;

const vehicleColumns = sql`v.id, v.plate, v.plate_color as "plateColor", v.carrier_id as "carrierId", c.name as "carrierName", v.category, v.body,
  v.hazmat_classes as "hazmatClasses", v.transport_cert_no as "transportCertNo", v.transport_cert_expires_on::text as "transportCertExpiresOn",
  v.enterprise_id as "enterpriseId", e.name as "enterpriseName",
  coalesce((select json_agg(json_build_object('id', t.id, 'protocol', t.protocol, 'identifier', t.identifier) order by t.protocol, t.identifier)
    from position_terminals t where t.vehicle_id = v.id and t.revoked_at is null), '[]'::json) as terminals,
  ${iso(sql`v.created_at`)} as "createdAt", ${iso(sql`v.updated_at`)} as "updatedAt"`;
const vehicleFrom = sql`park_vehicles v left join carriers c on c.id = v.carrier_id left join enterprises e on e.id = v.enterprise_id`;

const personColumns = sql`p.id, p.kind, p.name, p.id_number as "idNumber", p.phone, p.carrier_id as "carrierId", c.name as "carrierName",
  p.enterprise_id as "enterpriseId", e.name as "enterpriseName", p.qualification_no as "qualificationNo",
  p.qualification_expires_on::text as "qualificationExpiresOn", p.person_code as "personCode",
  ${iso(sql`p.created_at`)} as "createdAt", ${iso(sql`p.updated_at`)} as "updatedAt"`;
const personFrom = sql`park_people p left join carriers c on c.id = p.carrier_id left join enterprises e on e.id = p.enterprise_id`;

/** A list entry is effective while now is within its validity and it is not revoked. */
export const effectiveSql = (now: Date) => sql`(a.revoked_at is null and a.valid_from <= ${now} and (a.valid_to is null or a.valid_to > ${now}))`;
const accessColumns = (now: Date) => sql`a.id, a.list, a.subject_kind as "subjectKind", a.plate, a.person_id as "personId", p.name as "personName",
  a.reason, ${iso(sql`a.valid_from`)} as "validFrom", ${iso(sql`a.valid_to`)} as "validTo", ${iso(sql`a.revoked_at`)} as "revokedAt",
  ${effectiveSql(now)} as effective, ${iso(sql`a.created_at`)} as "createdAt", ${iso(sql`a.updated_at`)} as "updatedAt"`;
const accessFrom = sql`park_access_lists a left join park_people p on p.id = a.person_id`;

const terminalColumns = sql`t.id, t.protocol, t.identifier, t.vehicle_id as "vehicleId", v.plate, t.registered_plate as "registeredPlate",
  t.protocol_version as "protocolVersion", t.manufacturer, t.model, ${iso(sql`t.registered_at`)} as "registeredAt",
  ${iso(sql`t.last_seen_at`)} as "lastSeenAt", ${iso(sql`t.revoked_at`)} as "revokedAt",
  ${iso(sql`t.created_at`)} as "createdAt", ${iso(sql`t.updated_at`)} as "updatedAt"`;
const terminalFrom = sql`position_terminals t left join park_vehicles v on v.id = t.vehicle_id`;

export const registryRepository = {
  textArray,
  insertRow,
  updateRow,

  // ---- checkpoints ----
  listCheckpoints: (db: DbOrTx, a: ListArgs) =>
    pageOf<CheckpointRow>(db, checkpointColumns, checkpointFrom, { ...a, where: [sql`c.deleted_at is null`, ...a.where] }),
  async findCheckpoint(db: DbOrTx, id: string): Promise<CheckpointRow | undefined> {
    const [row] = await queryRows<CheckpointRow>(db, sql`select ${checkpointColumns} from ${checkpointFrom} where c.id = ${id} and c.deleted_at is null`);
    return row;
  },
  checkpointCodeTaken: (tx: DbOrTx, code: string, exceptId?: string) =>
    exists(tx, sql`select 1 from checkpoints where code = ${code} and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}`),
  async devicesOf(db: DbOrTx, checkpointIds: readonly string[]): Promise<GateDeviceRow[]> {
    if (!checkpointIds.length) return [];
    return queryRows<GateDeviceRow>(
      db,
      sql`select ${deviceColumns} from checkpoint_devices d where d.checkpoint_id = any(${textArray(checkpointIds)}::uuid[]) and d.deleted_at is null
          order by d.lane_code nulls last, d.direction, d.name`,
    );
  },
  async findDevice(db: DbOrTx, id: string): Promise<GateDeviceRow | undefined> {
    const [row] = await queryRows<GateDeviceRow>(db, sql`select ${deviceColumns} from checkpoint_devices d where d.id = ${id} and d.deleted_at is null`);
    return row;
  },
  deviceSerialTaken: (tx: DbOrTx, vendor: string, serialNo: string, exceptId?: string) =>
    exists(
      tx,
      sql`select 1 from checkpoint_devices where vendor = ${vendor} and serial_no = ${serialNo} and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    ),
  async softDeleteDevicesOf(tx: DbOrTx, checkpointId: string, now: Date): Promise<void> {
    await tx.execute(sql`update checkpoint_devices set deleted_at = ${now}, updated_at = ${now} where checkpoint_id = ${checkpointId} and deleted_at is null`);
  },

  // ---- carriers ----
  listCarriers: (db: DbOrTx, a: ListArgs) => pageOf<CarrierRow>(db, carrierColumns, carrierFrom, { ...a, where: [sql`c.deleted_at is null`, ...a.where] }),
  async findCarrier(db: DbOrTx, id: string): Promise<CarrierRow | undefined> {
    const [row] = await queryRows<CarrierRow>(db, sql`select ${carrierColumns} from ${carrierFrom} where c.id = ${id} and c.deleted_at is null`);
    return row;
  },
  licenceTaken: (tx: DbOrTx, licenceNo: string, exceptId?: string) =>
    exists(tx, sql`select 1 from carriers where licence_no = ${licenceNo} and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}`),

  // ---- vehicles ----
  listVehicles: (db: DbOrTx, a: ListArgs) => pageOf<VehicleRow>(db, vehicleColumns, vehicleFrom, { ...a, where: [sql`v.deleted_at is null`, ...a.where] }),
  async findVehicle(db: DbOrTx, id: string): Promise<VehicleRow | undefined> {
    const [row] = await queryRows<VehicleRow>(db, sql`select ${vehicleColumns} from ${vehicleFrom} where v.id = ${id} and v.deleted_at is null`);
    return row;
  },
  plateTaken: (tx: DbOrTx, plate: string, exceptId?: string) =>
    exists(tx, sql`select 1 from park_vehicles where plate = ${plate} and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}`),
  enterpriseExists: (tx: DbOrTx, id: string) => exists(tx, sql`select 1 from enterprises where id = ${id} and deleted_at is null`),

  // ---- people ----
  listPeople: (db: DbOrTx, a: ListArgs) => pageOf<PersonRow>(db, personColumns, personFrom, { ...a, where: [sql`p.deleted_at is null`, ...a.where] }),
  async findPerson(db: DbOrTx, id: string): Promise<PersonRow | undefined> {
    const [row] = await queryRows<PersonRow>(db, sql`select ${personColumns} from ${personFrom} where p.id = ${id} and p.deleted_at is null`);
    return row;
  },
  personCodeTaken: (tx: DbOrTx, code: string, exceptId?: string) =>
    exists(tx, sql`select 1 from park_people where person_code = ${code} and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}`),

  // ---- lists ----
  listAccess: (db: DbOrTx, now: Date, a: ListArgs) => pageOf<AccessListRow>(db, accessColumns(now), accessFrom, a),
  async findAccess(db: DbOrTx, now: Date, id: string): Promise<AccessListRow | undefined> {
    const [row] = await queryRows<AccessListRow>(db, sql`select ${accessColumns(now)} from ${accessFrom} where a.id = ${id}`);
    return row;
  },

  // ---- terminals ----
  listTerminals: (db: DbOrTx, a: ListArgs) => pageOf<TerminalRow>(db, terminalColumns, terminalFrom, a),
  async findTerminal(db: DbOrTx, id: string): Promise<TerminalRow | undefined> {
    const [row] = await queryRows<TerminalRow>(db, sql`select ${terminalColumns} from ${terminalFrom} where t.id = ${id}`);
    return row;
  },
  async findTerminalBy(db: DbOrTx, protocol: string, identifier: string): Promise<TerminalRow | undefined> {
    const [row] = await queryRows<TerminalRow>(
      db,
      sql`select ${terminalColumns} from ${terminalFrom} where t.protocol = ${protocol} and t.identifier = ${identifier}`,
    );
    return row;
  },
  /** Another active (not revoked) terminal of the protocol bound to the vehicle. */
  async activeTerminalOf(tx: DbOrTx, vehicleId: string, protocol: string, exceptId?: string): Promise<string | undefined> {
    const [row] = await queryRows<{ identifier: string }>(
      tx,
      sql`select identifier from position_terminals where vehicle_id = ${vehicleId} and protocol = ${protocol} and revoked_at is null
          ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
    );
    return row?.identifier;
  },
  async unbindTerminalsOf(tx: DbOrTx, vehicleId: string, now: Date): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`update position_terminals set vehicle_id = null, updated_at = ${now} where vehicle_id = ${vehicleId} returning id`,
    );
    return rows.map((r) => r.id);
  },
};
