// Daily partitions of telemetry_readings (telemetry_readings_pYYYYMMDD, UTC days) and of vehicle_positions
// (vehicle_positions_pYYYYMMDD; the same policy, `table` in the policy) for every day a row may be accepted for (the past window plus a day, to two days ahead), and the retention policy: partitions wholly older
// than retentionDays are dropped (a drop, not a delete: nothing to vacuum). Readings that fell into the default
// partition (a day without a partition yet) are moved into the day's partition in the same transaction that creates
// it. Each partition gets a BRIN index on ts, so the roll-ups read a minute of one day without scanning the day.
// Runs at start() and hourly (jobs safety.partitions, park.partitions); an advisory lock keeps two instances from
// racing.
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../platform/database.ts';

const DAY = 86_400_000;
const PARTITION_LOCK = 727_000_716;

/** The day-partitioned tables (each has a `<table>_default` partition and a `ts` column). */
export type PartitionedTable = 'telemetry_readings' | 'vehicle_positions';

export interface PartitionPolicy {
  /** telemetry_readings unless given. */
  table?: PartitionedTable;
  /** How far back readings are accepted (ms). */
  pastMs: number;
  retentionDays: number;
}

export interface MaintainResult {
  created: string[];
  dropped: string[];
  /** Rows moved out of the default partition. */
  moved: number;
}

/** telemetry_readings_p20261123 (or vehicle_positions_p…) for the UTC day of `dayStart`. */
export function partitionName(dayStart: number, table: PartitionedTable = 'telemetry_readings'): string {
  return `${table}_p${new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** The UTC day start of a partition name, or null for another table. */
export function partitionDay(name: string, table: PartitionedTable = 'telemetry_readings'): number | null {
  if (!name.startsWith(`${table}_p`)) return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(name.slice(table.length + 2));
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

const iso = (ms: number) => `'${new Date(ms).toISOString()}'`;

export async function listPartitions(db: DbOrTx, table: PartitionedTable = 'telemetry_readings'): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = ${table} order by 1`,
  );
  return rows.map((r) => r.name);
}

export async function maintainPartitions(db: Db, log: FastifyBaseLogger, policy: PartitionPolicy, now: Date): Promise<MaintainResult> {
  const result: MaintainResult = { created: [], dropped: [], moved: 0 };
  const table = policy.table ?? 'telemetry_readings';
  const dflt = `${table}_default`;
  const t = now.getTime();
  const today = t - (t % DAY);
  const cutoff = today - policy.retentionDays * DAY;
  const firstNeeded = Math.max(t - policy.pastMs - DAY, cutoff);
  const first = firstNeeded - (firstNeeded % DAY);
  const last = today + 2 * DAY;

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    await tx.execute(sql.raw(`create index if not exists ${dflt}_ts_brin on ${dflt} using brin (ts)`));
  });
  const existing = new Set(await listPartitions(db, table));

  for (let day = first; day <= last; day += DAY) {
    const name = partitionName(day, table);
    if (existing.has(name)) continue;
    const moved = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
      if ((await listPartitions(tx, table)).includes(name)) return -1;
      const range = `for values from (${iso(day)}) to (${iso(day + DAY)})`;
      const [waiting] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${sql.raw(dflt)} where ts >= ${new Date(day)} and ts < ${new Date(day + DAY)}`,
      );
      const n = Number(waiting?.n ?? 0);
      if (n === 0) {
        await tx.execute(sql.raw(`create table ${name} partition of ${table} ${range}`));
      } else {
        // The default partition holds rows of this day: move them into the new table, then attach it.
        await tx.execute(sql.raw(`create table ${name} (like ${table} including defaults including constraints)`));
        await tx.execute(sql.raw(`insert into ${name} select * from ${dflt} where ts >= ${iso(day)} and ts < ${iso(day + DAY)}`));
        await tx.execute(sql.raw(`delete from ${dflt} where ts >= ${iso(day)} and ts < ${iso(day + DAY)}`));
        await tx.execute(sql.raw(`alter table ${table} attach partition ${name} ${range}`));
      }
      await tx.execute(sql.raw(`create index if not exists ${name}_ts_brin on ${name} using brin (ts)`));
      return n;
    });
    if (moved >= 0) {
      result.created.push(name);
      result.moved += moved;
    }
  }

  for (const name of existing) {
    const day = partitionDay(name, table);
    if (day === null || day + DAY > cutoff) continue;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
      await tx.execute(sql.raw(`drop table if exists ${name}`));
    });
    result.dropped.push(name);
  }
  // Expired rows that never got a partition.
  await db.execute(sql`delete from ${sql.raw(dflt)} where ts < ${new Date(cutoff)}`);

  if (result.created.length || result.dropped.length) log.info({ table, ...result }, 'partitions maintained');
  return result;
}
