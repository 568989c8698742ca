// One database API over two engines: PGlite (embedded, the default) and PostgreSQL (DATABASE_URL).
// Both speak the same SQL and run the same migrations.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from '../db/schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /**
   * LISTEN on a channel: onNotify for each notice; onLive(true) once listening, onLive(false) while the connection
   * is lost (it reconnects). Returns the function that stops listening.
   */
  listen(channel: ListenChannel, onNotify: (payload: string) => void, onLive: (live: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** zoneops_auth: changes that drop cached principals and answers; zoneops_safety: live safety events (JSON). */
export type ListenChannel = 'zoneops_auth' | 'zoneops_safety';

const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url));
const MIGRATION_LOCK = 727_000_001;

// node-postgres: bigint counts as numbers (they stay far below 2^53 here); Drizzle maps typed columns on both drivers.
pg.types.setTypeParser(20, (v) => Number(v));

export interface DatabaseOptions {
  /** postgres://… for PostgreSQL; undefined for PGlite in dataDir/pgdata; 'memory://' for PGlite in memory. */
  url: string | undefined;
  dataDir: string;
  /** Connections of the pool (default 16: two position write lanes, up to eight alarm writes, the rest for requests). */
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url && opts.url !== 'memory://') {
    // JIT off: the app's statements are short; compiling them (40 ms for the project dashboard's largest) costs more
    // than it saves.
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 16, options: '-c jit=off' });
    // An idle connection the server ends (restart, failover, an administrator's termination) is dropped by the pool
    // and replaced on the next query; without a listener its error would end the process.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      async migrate() {
        // Several instances may start together: one migrates, the others wait for it.
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
          await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
          client.release();
        }
      },
      async listen(channel, onNotify, onLive) {
        let stopped = false;
        let client: pg.Client | undefined;
        const connect = async (): Promise<void> => {
          const c = new pg.Client({ connectionString: opts.url });
          c.on('notification', (n) => onNotify(n.payload ?? ''));
          c.on('error', () => undefined);
          c.on('end', () => {
            onLive(false);
            if (!stopped) setTimeout(() => void connect().catch(() => onLive(false)), 1000).unref();
          });
          await c.connect();
          await c.query(`listen ${channel}`);
          client = c;
          onLive(true);
        };
        await connect();
        return async () => {
          stopped = true;
          onLive(false);
          await client?.end();
        };
      },
      close: () => pool.end(),
    };
  }
  let dir: string | undefined;
  if (opts.url !== 'memory://') {
    dir = join(opts.dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
  }
  const client = await PGlite.create(dir ? { dataDir: dir } : {});
  const pgl = drizzlePglite({ client, schema });
  return {
    db: pgl as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(pgl, { migrationsFolder }),
    async listen(channel, onNotify, onLive) {
      const unlisten = await client.listen(channel, (payload) => onNotify(payload));
      onLive(true);
      return async () => {
        onLive(false);
        await unlisten();
      };
    },
    close: () => client.close(),
  };
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Runs raw SQL and returns its rows (the two drivers both answer {rows}). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * Runs a built query as a named prepared statement (name = digest of its SQL text). PostgreSQL then plans each
 * query shape once per connection instead of on every request. Parameters still vary per call.
 *
 * Building a Drizzle query costs more CPU than running it, so the query is built once: the statement name is set
 * on the prepared query afterwards (node-postgres keeps it in its query configs). Should a Drizzle version store
 * it elsewhere, the query simply runs unnamed: same results, planned each time.
 */
export function prepared<R>(query: { prepare(name: string): { execute(): Promise<R> } }): Promise<R> {
  const pq = query.prepare('') as unknown as {
    execute(): Promise<R>;
    queryString?: string;
    rawQueryConfig?: { name?: string };
    queryConfig?: { name?: string };
  };
  if (pq.queryString && pq.rawQueryConfig && pq.queryConfig) {
    const name = `zo_${createHash('sha1').update(pq.queryString).digest('hex').slice(0, 24)}`;
    pq.rawQueryConfig.name = name;
    pq.queryConfig.name = name;
  }
  return pq.execute();
}

type Statement<R> = { execute(values?: Record<string, unknown>): Promise<R> };
const statementsByShape = new WeakMap<object, Map<string, Statement<unknown>>>();

/**
 * A statement prepared once per database handle and shape key: `build` (which uses sql.placeholder for every
 * value) runs only the first time; later calls only bind `values`. For hot lists whose filters vary in value,
 * not in shape.
 */
export function preparedOnce<R>(db: DbOrTx, key: string, build: () => { prepare(name: string): Statement<R> }, values: Record<string, unknown>): Promise<R> {
  let byKey = statementsByShape.get(db);
  if (!byKey) statementsByShape.set(db, (byKey = new Map()));
  let stmt = byKey.get(key) as Statement<R> | undefined;
  if (!stmt) {
    stmt = build().prepare(`zs_${createHash('sha1').update(key).digest('hex').slice(0, 24)}`);
    byKey.set(key, stmt as Statement<unknown>);
  }
  return stmt.execute(values);
}
