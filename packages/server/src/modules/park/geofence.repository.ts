// All SQL of geofences (issue 8) and the rule engine's loads: geofences, vehicles, approved appointments, open
// visits, bound terminals and the last stored position of a few vehicles.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export interface GeofenceRow {
  id: string;
  kind: string;
  name: string;
  geometry: unknown;
  widthM: number | null;
  speedLimitKmh: number | null;
  capacity: number | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const columns = sql`id, kind, name, geometry, width_m as "widthM", speed_limit_kmh as "speedLimitKmh", capacity, active,
  created_at as "createdAt", updated_at as "updatedAt"`;

const fix = (r: GeofenceRow): GeofenceRow => ({
  ...r,
  geometry: typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as unknown) : r.geometry,
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
});

const sortColumns: Record<string, SQL> = { name: sql`name`, kind: sql`kind`, updatedAt: sql`updated_at` };

export interface GeofenceFilter {
  kind?: string | undefined;
  active?: 'true' | 'false' | undefined;
  q?: string | undefined;
}

export const geofenceRepository = {
  async page(db: DbOrTx, f: GeofenceFilter & { sort: { field: string; desc: boolean }; limit: number; offset: number }) {
    const where: SQL[] = [sql`deleted_at is null`];
    if (f.kind) where.push(sql`kind = ${f.kind}`);
    if (f.active) where.push(sql`active = ${f.active === 'true'}`);
    if (f.q) where.push(sql`name ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    const w = sql.join(where, sql` and `);
    const order = sql`${sortColumns[f.sort.field] ?? sql`updated_at`} ${f.sort.desc ? sql`desc` : sql`asc`}, id`;
    const rows = await queryRows<GeofenceRow & { total: number }>(
      db,
      sql`select ${columns}, count(*) over ()::int as total from geofences where ${w} order by ${order} limit ${f.limit} offset ${f.offset}`,
    );
    if (rows.length || f.offset === 0) return { rows: rows.map(({ total: _t, ...r }) => fix(r)), total: rows[0]?.total ?? 0 };
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from geofences where ${w}`);
    return { rows: [], total: n!.n };
  },

  async find(db: DbOrTx, id: string): Promise<GeofenceRow | undefined> {
    const [row] = await queryRows<GeofenceRow>(db, sql`select ${columns} from geofences where id = ${id} and deleted_at is null`);
    return row && fix(row);
  },

  async insert(
    tx: DbOrTx,
    v: {
      kind: string;
      name: string;
      geometry: unknown;
      widthM: number | null;
      speedLimitKmh: number | null;
      capacity: number | null;
      active: boolean;
      now: Date;
    },
  ): Promise<GeofenceRow> {
    const [row] = await queryRows<GeofenceRow>(
      tx,
      sql`insert into geofences (kind, name, geometry, width_m, speed_limit_kmh, capacity, active, created_at, updated_at)
          values (${v.kind}, ${v.name}, ${JSON.stringify(v.geometry)}::jsonb, ${v.widthM}, ${v.speedLimitKmh}, ${v.capacity}, ${v.active}, ${v.now}, ${v.now})
          returning ${columns}`,
    );
    return fix(row!);
  },

  async update(
    tx: DbOrTx,
    id: string,
    v: { name: string; geometry: unknown; widthM: number | null; speedLimitKmh: number | null; capacity: number | null; active: boolean; now: Date },
  ): Promise<GeofenceRow> {
    const [row] = await queryRows<GeofenceRow>(
      tx,
      sql`update geofences set name = ${v.name}, geometry = ${JSON.stringify(v.geometry)}::jsonb, width_m = ${v.widthM}, speed_limit_kmh = ${v.speedLimitKmh},
            capacity = ${v.capacity}, active = ${v.active}, updated_at = ${v.now}
          where id = ${id} and deleted_at is null returning ${columns}`,
    );
    return fix(row!);
  },

  async remove(tx: DbOrTx, id: string, now: Date): Promise<void> {
    await tx.execute(sql`update geofences set deleted_at = ${now}, updated_at = ${now} where id = ${id} and deleted_at is null`);
  },

  /** Appointments not yet over that name the route (a route in use is not deleted). */
  async appointmentsOnRoute(db: DbOrTx, routeId: string, now: Date): Promise<number> {
    const [n] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from entry_appointments
          where route_id = ${routeId} and status in ('submitted', 'enterpriseApproved', 'approved') and window_end > ${now}`,
    );
    return n!.n;
  },

  // ---- rule engine loads ----

  async activeGeofences(db: DbOrTx): Promise<GeofenceRow[]> {
    const rows = await queryRows<GeofenceRow>(db, sql`select ${columns} from geofences where deleted_at is null and active`);
    return rows.map(fix);
  },

  async vehicles(db: DbOrTx): Promise<{ id: string; plate: string; enterpriseId: string | null }[]> {
    return queryRows(db, sql`select id, plate, enterprise_id as "enterpriseId" from park_vehicles where deleted_at is null`);
  },

  /** Approved appointments whose window ends after `since`, and those of open visits (whatever their window). */
  async appointments(
    db: DbOrTx,
    since: Date,
  ): Promise<{ id: string; vehicleId: string; enterpriseId: string; routeId: string | null; status: string; windowStart: Date; windowEnd: Date }[]> {
    const rows = await queryRows<{
      id: string;
      vehicleId: string;
      enterpriseId: string;
      routeId: string | null;
      status: string;
      windowStart: Date;
      windowEnd: Date;
    }>(
      db,
      sql`select id, vehicle_id as "vehicleId", enterprise_id as "enterpriseId", route_id as "routeId", status, window_start as "windowStart",
            window_end as "windowEnd"
          from entry_appointments a
          where (status = 'approved' and window_end > ${since})
             or id in (select appointment_id from park_visits where exited_at is null and appointment_id is not null)`,
    );
    return rows.map((r) => ({ ...r, windowStart: new Date(r.windowStart), windowEnd: new Date(r.windowEnd) }));
  },

  async openVisits(db: DbOrTx): Promise<{ id: string; vehicleId: string | null; plate: string | null; appointmentId: string | null; enteredAt: Date }[]> {
    const rows = await queryRows<{ id: string; vehicleId: string | null; plate: string | null; appointmentId: string | null; enteredAt: Date }>(
      db,
      sql`select id, vehicle_id as "vehicleId", plate, appointment_id as "appointmentId", entered_at as "enteredAt"
          from park_visits where subject_kind = 'vehicle' and exited_at is null`,
    );
    return rows.map((r) => ({ ...r, enteredAt: new Date(r.enteredAt) }));
  },

  async boundVehicles(db: DbOrTx): Promise<string[]> {
    const rows = await queryRows<{ vehicleId: string }>(
      db,
      sql`select distinct vehicle_id as "vehicleId" from position_terminals where vehicle_id is not null and revoked_at is null`,
    );
    return rows.map((r) => r.vehicleId);
  },

  async lastPositions(db: DbOrTx, vehicleIds: readonly string[]): Promise<Map<string, number>> {
    if (!vehicleIds.length) return new Map();
    const rows = await queryRows<{ vehicleId: string; ts: Date | string }>(
      db,
      sql`select vehicle_id as "vehicleId", max(ts) as ts from vehicle_positions where vehicle_id = any(${sql.param(vehicleIds)}::uuid[]) group by vehicle_id`,
    );
    return new Map(rows.map((r) => [r.vehicleId, new Date(r.ts).getTime()]));
  },
};
