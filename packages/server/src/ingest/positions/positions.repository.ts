// All SQL of the position path: terminals as the directory needs them, registration (create or update, bind to a
// vehicle by plate), positions in one multi-row statement per batch (UNNEST, ON CONFLICT DO NOTHING), terminals'
// last contact, unsupported messages kept raw (bounded per terminal), and the newest stored positions to rebuild the
// in-memory state after a restart. Timestamps travel as float8 milliseconds.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export interface TerminalRow {
  id: string;
  protocol: string;
  identifier: string;
  vehicleId: string | null;
  authCode: string | null;
  revoked: boolean;
}

/** Column arrays of one batch of positions. */
export interface PositionColumns {
  terminalIds: string[];
  vehicleIds: (string | null)[];
  ms: number[];
  receivedMs: number[];
  lats: number[];
  lons: number[];
  speeds: (number | null)[];
  courses: (number | null)[];
  altitudes: (number | null)[];
  accuracies: (number | null)[];
  alarms: number[];
  statuses: number[];
  /** Flags joined by commas ('' for none). */
  flags: string[];
}

export interface PositionInsertResult {
  stored: number;
  /** `terminalId|ms` of the stored rows, only when some were duplicates. */
  keys: string[] | null;
}

export interface RecentPositionRow {
  terminalId: string;
  vehicleId: string | null;
  ms: number;
  receivedMs: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  altitudeM: number | null;
  accuracyM: number | null;
  alarmFlags: number;
  status: number;
  flags: string[];
}

const toMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
/** Raw messages kept per terminal (the newest). */
export const RAW_PER_TERMINAL = 50;

export const positionsRepository = {
  loadTerminals(db: DbOrTx): Promise<TerminalRow[]> {
    return queryRows(
      db,
      sql`select id, protocol, identifier, vehicle_id as "vehicleId", auth_code as "authCode", revoked_at is not null as revoked from position_terminals`,
    );
  },

  /**
   * A JT/T 808 registration: creates the terminal or updates what it reported; keeps an issued auth code; binds an
   * unbound terminal to the vehicle with the registered plate. Null when the terminal is revoked.
   */
  async register(
    db: DbOrTx,
    r: { identifier: string; version: string; manufacturer: string; model: string; plate: string | null; plateKey: string | null; authCode: string; at: Date },
  ): Promise<TerminalRow | null> {
    const [row] = await queryRows<TerminalRow>(
      db,
      sql`insert into position_terminals as t (protocol, identifier, vehicle_id, auth_code, protocol_version, manufacturer, model, registered_plate, registered_at, created_at, updated_at)
        values ('jt808', ${r.identifier},
          (select id from park_vehicles where ${r.plateKey}::text is not null and plate = ${r.plateKey} and deleted_at is null order by created_at limit 1),
          ${r.authCode}, ${r.version}, ${r.manufacturer}, ${r.model}, ${r.plate}, ${r.at}, ${r.at}, ${r.at})
        on conflict (protocol, identifier) do update set
          auth_code = coalesce(t.auth_code, excluded.auth_code),
          vehicle_id = coalesce(t.vehicle_id, excluded.vehicle_id),
          protocol_version = excluded.protocol_version,
          manufacturer = excluded.manufacturer,
          model = excluded.model,
          registered_plate = excluded.registered_plate,
          registered_at = excluded.registered_at,
          updated_at = excluded.updated_at
        where t.revoked_at is null
        returning id, protocol, identifier, vehicle_id as "vehicleId", auth_code as "authCode", false as revoked`,
    );
    return row ?? null;
  },

  /** Inserts positions; a row whose terminal and time are already stored (or repeated in the call) is skipped. */
  async insertPositions(db: DbOrTx, c: PositionColumns): Promise<PositionInsertResult> {
    const n = c.terminalIds.length;
    const [row] = await queryRows<{ n: number; k: string[] | null }>(
      db,
      sql`with ins as (
          insert into vehicle_positions (terminal_id, vehicle_id, ts, received_at, lat, lon, speed_kmh, course, altitude_m, accuracy_m, alarm_flags, status, flags)
          select tid, vid, to_timestamp(t / 1000.0), to_timestamp(r / 1000.0), la, lo, sp, co, al, ac, af, st,
            case when f = '' then '{}'::text[] else string_to_array(f, ',') end
          from unnest(${sql.param(c.terminalIds)}::uuid[], ${sql.param(c.vehicleIds)}::uuid[], ${sql.param(c.ms)}::float8[], ${sql.param(c.receivedMs)}::float8[],
            ${sql.param(c.lats)}::float8[], ${sql.param(c.lons)}::float8[], ${sql.param(c.speeds)}::float8[], ${sql.param(c.courses)}::float8[],
            ${sql.param(c.altitudes)}::float8[], ${sql.param(c.accuracies)}::float8[], ${sql.param(c.alarms)}::int[], ${sql.param(c.statuses)}::int[],
            ${sql.param(c.flags)}::text[]) as x(tid, vid, t, r, la, lo, sp, co, al, ac, af, st, f)
          on conflict do nothing
          returning terminal_id, ts)
        select count(*)::int as n,
          case when count(*) < ${n} then array_agg(terminal_id::text || '|' || ${toMs('ts')}::text) end as k
        from ins`,
    );
    return { stored: Number(row?.n ?? 0), keys: row?.k ?? null };
  },

  /** Terminals' last contact, only forward. */
  async touchTerminals(db: DbOrTx, ids: readonly string[], ms: readonly number[]): Promise<void> {
    if (!ids.length) return;
    await db.execute(sql`update position_terminals p set last_seen_at = to_timestamp(x.t / 1000.0)
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(ms)}::float8[]) as x(id, t)
      where p.id = x.id and (p.last_seen_at is null or p.last_seen_at < to_timestamp(x.t / 1000.0))`);
  },

  /** Keeps an unsupported message raw, and only the newest RAW_PER_TERMINAL of the terminal. */
  async keepRaw(db: DbOrTx, identifier: string, messageId: number, at: Date, frameHex: string): Promise<void> {
    await db.execute(
      sql`insert into position_raw_messages (terminal_identifier, message_id, received_at, frame_hex) values (${identifier}, ${messageId}, ${at}, ${frameHex})`,
    );
    await db.execute(sql`delete from position_raw_messages where terminal_identifier = ${identifier} and id not in (
      select id from position_raw_messages where terminal_identifier = ${identifier} order by id desc limit ${RAW_PER_TERMINAL})`);
  },

  /** The newest position of each terminal stored since `sinceMs`. */
  recentLatest(db: DbOrTx, sinceMs: number): Promise<RecentPositionRow[]> {
    return queryRows(
      db,
      sql`select distinct on (terminal_id) terminal_id as "terminalId", vehicle_id as "vehicleId", ${toMs('ts')} as ms, ${toMs('received_at')} as "receivedMs",
          lat, lon, speed_kmh as "speedKmh", course, altitude_m as "altitudeM", accuracy_m as "accuracyM", alarm_flags as "alarmFlags", status, flags
        from vehicle_positions where ts >= to_timestamp(${sinceMs} / 1000.0) order by terminal_id, ts desc`,
    );
  },
};
