// All SQL of entry appointments (预约入园): the list with carrier, vehicle, people, enterprise and route names, the
// references an appointment is checked against, the history from the audit trail, and who is told of a change.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type AppointmentRow = {
  id: string;
  code: string;
  status: string;
  carrierId: string;
  carrierName: string;
  vehicleId: string;
  plate: string;
  vehicleCategory: string;
  driverId: string;
  driverName: string;
  driverPhone: string | null;
  driverQualificationExpiresOn: string | null;
  escortId: string | null;
  escortName: string | null;
  escortPhone: string | null;
  cargo: { unNumber: string; name: string; hazmatClass: string; quantity: number; unit: string }[];
  waybillNo: string;
  enterpriseId: string;
  enterpriseName: string;
  routeId: string | null;
  routeName: string | null;
  windowStart: string;
  windowEnd: string;
  enterpriseApprovedAt: string | null;
  enterpriseApprovedByName: string | null;
  parkApprovedAt: string | null;
  parkApprovedByName: string | null;
  rejectedAt: string | null;
  rejectedByName: string | null;
  rejectReason: string | null;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
  updatedAt: string;
};

const columns = sql`a.id, a.code, a.status, a.carrier_id as "carrierId", c.name as "carrierName", a.vehicle_id as "vehicleId", a.plate,
  v.category as "vehicleCategory", a.driver_id as "driverId", d.name as "driverName", d.phone as "driverPhone",
  d.qualification_expires_on::text as "driverQualificationExpiresOn", a.escort_id as "escortId", s.name as "escortName", s.phone as "escortPhone",
  a.cargo, a.waybill_no as "waybillNo", a.enterprise_id as "enterpriseId", e.name as "enterpriseName", a.route_id as "routeId", g.name as "routeName",
  ${iso(sql`a.window_start`)} as "windowStart", ${iso(sql`a.window_end`)} as "windowEnd",
  ${iso(sql`a.enterprise_approved_at`)} as "enterpriseApprovedAt", ua.display_name as "enterpriseApprovedByName",
  ${iso(sql`a.park_approved_at`)} as "parkApprovedAt", up.display_name as "parkApprovedByName",
  ${iso(sql`a.rejected_at`)} as "rejectedAt", ur.display_name as "rejectedByName", a.reject_reason as "rejectReason",
  ${iso(sql`a.created_at`)} as "createdAt", a.created_by as "createdBy", uc.display_name as "createdByName", ${iso(sql`a.updated_at`)} as "updatedAt"`;
const from = sql`entry_appointments a join carriers c on c.id = a.carrier_id join park_vehicles v on v.id = a.vehicle_id
  join park_people d on d.id = a.driver_id left join park_people s on s.id = a.escort_id join enterprises e on e.id = a.enterprise_id
  left join geofences g on g.id = a.route_id left join users ua on ua.id = a.enterprise_approved_by left join users up on up.id = a.park_approved_by
  left join users ur on ur.id = a.rejected_by left join users uc on uc.id = a.created_by`;

export type VehicleRef = { id: string; plate: string; carrierId: string | null; category: string; hazmatClasses: string[] };
export type PersonRef = { id: string; kind: string; name: string; carrierId: string | null; qualificationExpiresOn: string | null };

export const appointmentRepository = {
  async page(db: DbOrTx, q: { where: SQL[]; order: SQL; limit: number; offset: number }): Promise<{ rows: AppointmentRow[]; total: number }> {
    const w = q.where.length ? sql.join(q.where, sql` and `) : sql`true`;
    const rows = await queryRows<AppointmentRow & { total: number }>(
      db,
      sql`select ${columns}, count(*) over ()::int as total from ${from} where ${w} order by ${q.order} limit ${q.limit} offset ${q.offset}`,
    );
    if (rows.length || q.offset === 0) return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${w}`);
    return { rows: [], total: n!.n };
  },

  async find(db: DbOrTx, id: string, visible: SQL | undefined): Promise<AppointmentRow | undefined> {
    const [row] = await queryRows<AppointmentRow>(db, sql`select ${columns} from ${from} where a.id = ${id} ${visible ? sql`and ${visible}` : sql``}`);
    return row;
  },

  /** The row locked for a state change. */
  async lock(tx: DbOrTx, id: string): Promise<void> {
    await tx.execute(sql`select id from entry_appointments where id = ${id} for update`);
  },

  async carrier(tx: DbOrTx, id: string): Promise<{ id: string; name: string } | undefined> {
    const [row] = await queryRows<{ id: string; name: string }>(tx, sql`select id, name from carriers where id = ${id} and deleted_at is null`);
    return row;
  },

  async vehicle(tx: DbOrTx, id: string): Promise<VehicleRef | undefined> {
    const [row] = await queryRows<VehicleRef>(
      tx,
      sql`select id, plate, carrier_id as "carrierId", category, hazmat_classes as "hazmatClasses" from park_vehicles where id = ${id} and deleted_at is null`,
    );
    return row;
  },

  /**
   * Another live appointment (submitted, enterprise-approved or approved) of the vehicle whose window overlaps
   * [start, end): its code. Locks the vehicle's row first, so two concurrent filings for it do not both pass.
   */
  async overlapping(tx: DbOrTx, vehicleId: string, start: Date, end: Date): Promise<string | undefined> {
    await tx.execute(sql`select id from park_vehicles where id = ${vehicleId} for update`);
    const [row] = await queryRows<{ code: string }>(
      tx,
      sql`select code from entry_appointments
          where vehicle_id = ${vehicleId} and status in ('submitted', 'enterpriseApproved', 'approved')
            and window_start < ${end.toISOString()}::timestamptz and window_end > ${start.toISOString()}::timestamptz
          order by window_start, code limit 1`,
    );
    return row?.code;
  },

  async person(tx: DbOrTx, id: string): Promise<PersonRef | undefined> {
    const [row] = await queryRows<PersonRef>(
      tx,
      sql`select id, kind, name, carrier_id as "carrierId", qualification_expires_on::text as "qualificationExpiresOn"
          from park_people where id = ${id} and deleted_at is null`,
    );
    return row;
  },

  async enterprise(tx: DbOrTx, id: string): Promise<{ id: string; name: string } | undefined> {
    const [row] = await queryRows<{ id: string; name: string }>(tx, sql`select id, name from enterprises where id = ${id} and deleted_at is null`);
    return row;
  },

  async routeKind(tx: DbOrTx, id: string): Promise<string | undefined> {
    const [row] = await queryRows<{ kind: string }>(tx, sql`select kind from geofences where id = ${id} and deleted_at is null`);
    return row?.kind;
  },

  codeTaken: async (tx: DbOrTx, code: string) => (await queryRows(tx, sql`select 1 from entry_appointments where code = ${code}`)).length > 0,

  async insert(tx: DbOrTx, v: Record<string, unknown>): Promise<string> {
    const cols = Object.keys(v);
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into entry_appointments (${sql.join(
        cols.map((c) => sql.identifier(c)),
        sql`, `,
      )}) values (${sql.join(
        cols.map((c) => sql`${v[c]}`),
        sql`, `,
      )}) returning id`,
    );
    return row!.id;
  },

  async update(tx: DbOrTx, id: string, v: Record<string, unknown>): Promise<void> {
    await tx.execute(
      sql`update entry_appointments set ${sql.join(
        Object.entries(v).map(([c, x]) => sql`${sql.identifier(c)} = ${x}`),
        sql`, `,
      )} where id = ${id}`,
    );
  },

  async history(db: DbOrTx, entityType: string, id: string): Promise<{ at: string; action: string; byName: string | null; reason: string | null }[]> {
    return queryRows(
      db,
      sql`select ${iso(sql`l.at`)} as at, l.action, coalesce(u.display_name, l.username) as "byName", l.diff->>'reason' as reason
          from audit_log l left join users u on u.id = l.user_id
          where l.entity_type = ${entityType} and l.entity_id = ${id} and l.result = 'success' order by l.seq`,
    );
  },

  // ---- the create form's options ----
  async carriers(db: DbOrTx): Promise<{ id: string; name: string; licenceExpiresOn: string | null }[]> {
    return queryRows(db, sql`select id, name, licence_expires_on::text as "licenceExpiresOn" from carriers where deleted_at is null order by name limit 2000`);
  },
  async vehiclesOf(db: DbOrTx, carrierId: string): Promise<(VehicleRef & { transportCertExpiresOn: string | null })[]> {
    return queryRows(
      db,
      sql`select id, plate, carrier_id as "carrierId", category, hazmat_classes as "hazmatClasses", transport_cert_expires_on::text as "transportCertExpiresOn"
          from park_vehicles where carrier_id = ${carrierId} and deleted_at is null order by plate limit 2000`,
    );
  },
  async peopleOf(db: DbOrTx, carrierId: string): Promise<PersonRef[]> {
    return queryRows(
      db,
      sql`select id, kind, name, carrier_id as "carrierId", qualification_expires_on::text as "qualificationExpiresOn"
          from park_people where carrier_id = ${carrierId} and kind in ('driver', 'escort') and deleted_at is null order by name limit 2000`,
    );
  },
  async routes(db: DbOrTx): Promise<{ id: string; name: string }[]> {
    return queryRows(db, sql`select id, name from geofences where kind = 'route' and active and deleted_at is null order by name`);
  },
  async enterprises(db: DbOrTx, only: string | null): Promise<{ id: string; name: string }[]> {
    return queryRows(db, sql`select id, name from enterprises where deleted_at is null ${only ? sql`and id = ${only}` : sql``} order by name limit 5000`);
  },

  // ---- who is told ----
  async enterpriseUsersWith(tx: DbOrTx, enterpriseId: string, permission: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where u.enterprise_id = ${enterpriseId} and u.deleted_at is null and u.status = 'active' and ${permission} = any(r.permissions)`,
    );
    return rows.map((r) => r.id);
  },
  /** The park's users holding a permission (not enterprise users). */
  async parkUsersWith(tx: DbOrTx, permission: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where u.enterprise_id is null and u.deleted_at is null and u.status = 'active' and ${permission} = any(r.permissions)`,
    );
    return rows.map((r) => r.id);
  },
};
