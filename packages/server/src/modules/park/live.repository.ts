// SQL of the live vehicle page (issue 8): vehicles with an open visit and their approved appointment, vehicles known
// only by position, counts of people, geofences to draw, a vehicle's card and its track. Open closed-park alarms are
// read through the safety alarm repository (one summary for every reader).
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export interface VisitVehicleRow {
  visitId: string;
  vehicleId: string | null;
  plate: string | null;
  enteredAt: Date | string;
  category: string | null;
  carrierName: string | null;
  appointmentId: string | null;
  appointmentCode: string | null;
  cargo: unknown;
}

export interface KnownVehicleRow {
  vehicleId: string;
  plate: string;
  category: string;
  carrierName: string | null;
  appointmentId: string | null;
  appointmentCode: string | null;
  cargo: unknown;
  /** When the vehicle last left the park (its latest closed visit), or null. */
  lastExitedAt: Date | string | null;
}

export interface GeofenceRow {
  id: string;
  kind: string;
  name: string;
  geometry: unknown;
  widthM: number | null;
  speedLimitKmh: number | null;
  capacity: number | null;
}

export interface VehicleRow {
  id: string;
  plate: string;
  plateColor: string;
  category: string;
  body: string;
  hazmatClasses: string[];
  carrierId: string | null;
  carrierName: string | null;
  licenceNo: string | null;
}

export interface AppointmentRow {
  id: string;
  code: string;
  status: string;
  waybillNo: string;
  cargo: unknown;
  windowStart: Date | string;
  windowEnd: Date | string;
  enterpriseId: string;
  enterpriseName: string;
  routeId: string | null;
  routeName: string | null;
  driverId: string;
  escortId: string | null;
}

export interface PersonRow {
  id: string;
  name: string;
  phone: string | null;
  qualificationNo: string | null;
  qualificationExpiresOn: string | null;
}

export interface TrackRow {
  ts: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
}

/**
 * The approved appointment of a vehicle at `now`: the visit's own if it has one, else an approved one whose window
 * contains `now` (latest window first). `v` is the alias of a row with vehicle_id (and appointment_id, or null).
 */
const appointmentLateral = (now: Date, vehicleIdCol: ReturnType<typeof sql>, ownAppointmentCol: ReturnType<typeof sql>) => sql`
  left join lateral (
    select ea.id, ea.code, ea.cargo from entry_appointments ea
     where ea.id = ${ownAppointmentCol}
        or (ea.vehicle_id = ${vehicleIdCol} and ea.status = 'approved' and ea.window_start <= ${now} and ea.window_end >= ${now})
     order by (ea.id = ${ownAppointmentCol}) is true desc, ea.window_start desc
     limit 1) ap on true`;

export const liveRepository = {
  /** Vehicles with an open visit, their registry entry, carrier and appointment. */
  async openVehicleVisits(db: DbOrTx, now: Date): Promise<VisitVehicleRow[]> {
    return queryRows<VisitVehicleRow>(
      db,
      sql`select v.id as "visitId", v.vehicle_id as "vehicleId", coalesce(pv.plate, v.plate) as plate, v.entered_at as "enteredAt",
            pv.category, c.name as "carrierName", ap.id as "appointmentId", ap.code as "appointmentCode", ap.cargo
          from park_visits v
          left join park_vehicles pv on pv.id = v.vehicle_id
          left join carriers c on c.id = pv.carrier_id
          ${appointmentLateral(now, sql`v.vehicle_id`, sql`v.appointment_id`)}
         where v.subject_kind = 'vehicle' and v.exited_at is null
         order by v.entered_at, v.id`,
    );
  },

  /** Registry vehicles by id (those seen by position without an open visit), with their approved appointment. */
  async vehiclesByIds(db: DbOrTx, ids: readonly string[], now: Date): Promise<KnownVehicleRow[]> {
    if (!ids.length) return [];
    return queryRows<KnownVehicleRow>(
      db,
      sql`select pv.id as "vehicleId", pv.plate, pv.category, c.name as "carrierName", ap.id as "appointmentId", ap.code as "appointmentCode", ap.cargo,
              (select max(x.exited_at) from park_visits x
                where x.subject_kind = 'vehicle' and (x.vehicle_id = pv.id or x.plate = pv.plate) and x.exited_at is not null) as "lastExitedAt"
          from park_vehicles pv
          left join carriers c on c.id = pv.carrier_id
          ${appointmentLateral(now, sql`pv.id`, sql`null::uuid`)}
         where pv.id = any(${sql.param([...ids])}::uuid[])`,
    );
  },

  /** People with an open visit. */
  async peopleInPark(db: DbOrTx): Promise<number> {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from park_visits where subject_kind = 'person' and exited_at is null`);
    return Number(row?.n ?? 0);
  },

  /** Active geofences to draw. */
  async geofences(db: DbOrTx): Promise<GeofenceRow[]> {
    return queryRows<GeofenceRow>(
      db,
      sql`select id, kind, name, geometry, width_m as "widthM", speed_limit_kmh as "speedLimitKmh", capacity
          from geofences where deleted_at is null and active order by kind, name, id`,
    );
  },

  async vehicle(db: DbOrTx, id: string): Promise<VehicleRow | undefined> {
    const [row] = await queryRows<VehicleRow>(
      db,
      sql`select pv.id, pv.plate, pv.plate_color as "plateColor", pv.category, pv.body, pv.hazmat_classes as "hazmatClasses",
            c.id as "carrierId", c.name as "carrierName", c.licence_no as "licenceNo"
          from park_vehicles pv left join carriers c on c.id = pv.carrier_id
         where pv.id = ${id} and pv.deleted_at is null`,
    );
    return row;
  },

  async openVisit(
    db: DbOrTx,
    vehicleId: string,
  ): Promise<{ id: string; enteredAt: Date | string; appointmentId: string | null; checkpointName: string | null } | undefined> {
    const [row] = await queryRows<{ id: string; enteredAt: Date | string; appointmentId: string | null; checkpointName: string | null }>(
      db,
      sql`select v.id, v.entered_at as "enteredAt", v.appointment_id as "appointmentId", cp.name as "checkpointName"
          from park_visits v left join checkpoints cp on cp.id = v.entry_checkpoint_id
         where v.vehicle_id = ${vehicleId} and v.subject_kind = 'vehicle' and v.exited_at is null
         order by v.entered_at desc limit 1`,
    );
    return row;
  },

  /** The visit's appointment, else the approved one whose window contains `now`. */
  async currentAppointment(db: DbOrTx, vehicleId: string, ownId: string | null, now: Date): Promise<AppointmentRow | undefined> {
    const [row] = await queryRows<AppointmentRow>(
      db,
      sql`select ea.id, ea.code, ea.status, ea.waybill_no as "waybillNo", ea.cargo, ea.window_start as "windowStart", ea.window_end as "windowEnd",
            e.id as "enterpriseId", e.name as "enterpriseName", g.id as "routeId", g.name as "routeName",
            ea.driver_id as "driverId", ea.escort_id as "escortId"
          from entry_appointments ea
          join enterprises e on e.id = ea.enterprise_id
          left join geofences g on g.id = ea.route_id
         where ea.id = ${ownId}::uuid
            or (ea.vehicle_id = ${vehicleId} and ea.status = 'approved' and ea.window_start <= ${now} and ea.window_end >= ${now})
         order by (ea.id = ${ownId}::uuid) is true desc, ea.window_start desc
         limit 1`,
    );
    return row;
  },

  async people(db: DbOrTx, ids: readonly string[]): Promise<Map<string, PersonRow>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<PersonRow>(
      db,
      sql`select id, name, phone, qualification_no as "qualificationNo", qualification_expires_on::text as "qualificationExpiresOn"
          from park_people where id = any(${sql.param([...ids])}::uuid[])`,
    );
    return new Map(rows.map((r) => [r.id, r]));
  },

  async terminals(db: DbOrTx, vehicleId: string): Promise<{ id: string; protocol: string; identifier: string; lastSeenAt: Date | string | null }[]> {
    return queryRows(
      db,
      sql`select id, protocol, identifier, last_seen_at as "lastSeenAt" from position_terminals
         where vehicle_id = ${vehicleId} and revoked_at is null order by protocol, identifier`,
    );
  },

  /** The newest stored position of a vehicle (when this instance holds none in memory). */
  async latestPosition(db: DbOrTx, vehicleId: string): Promise<TrackRow | undefined> {
    const [row] = await queryRows<TrackRow>(
      db,
      sql`select (extract(epoch from ts) * 1000)::float8 as ts, lat, lon, speed_kmh as "speedKmh", course
          from vehicle_positions where vehicle_id = ${vehicleId} order by ts desc limit 1`,
    );
    return row;
  },

  /**
   * A vehicle's positions in [from, to] in time order; more than `max` are thinned in SQL to every k-th row
   * (k = ⌈n / (max − 1)⌉) plus the last one, so at most `max` rows come back and the track keeps both ends.
   */
  async track(db: DbOrTx, vehicleId: string, from: Date, to: Date, max: number): Promise<{ total: number; rows: TrackRow[] }> {
    const rows = await queryRows<TrackRow & { n: number }>(
      db,
      sql`with r as (
            select ts, lat, lon, speed_kmh, course,
                   row_number() over (order by ts) as rn, count(*) over () as n
              from vehicle_positions
             where vehicle_id = ${vehicleId} and ts >= ${from} and ts <= ${to})
          select (extract(epoch from ts) * 1000)::float8 as ts, lat, lon, speed_kmh as "speedKmh", course, n::int as n
            from r
           where n <= ${max}::int or (rn - 1) % ceil(n::numeric / ${max - 1}::int) = 0 or rn = n
           order by ts`,
    );
    return { total: Number(rows[0]?.n ?? 0), rows: rows.map(({ n: _n, ...r }) => r) };
  },
};
