// The databases a benchmark runs on: PGlite in a temporary directory, or a PostgreSQL database created for the run
// on the server of `base` and dropped afterwards (BENCH_KEEP=1 keeps it), with one admin connection for creating and
// dropping databases and for reading the server's statistics. Shared by the ingest and the vehicles benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type Engine = 'pglite' | 'postgres';

export interface Store {
  engine: Engine;
  url?: string;
  dbName?: string;
  dataDir: string;
  /** A client on the bench database (PostgreSQL only): progress and backends, not through the platform. */
  client?: pg.Client;
  drop(): Promise<void>;
}

export class BenchDatabases {
  private admin: pg.Client | undefined;

  /** `cleanups` receives the closing of the admin connection (run in reverse order by the benchmark). */
  constructor(
    private readonly base: string,
    private readonly cleanups: (() => Promise<void>)[],
  ) {}

  async adminClient(): Promise<pg.Client> {
    if (!this.admin) {
      this.admin = new pg.Client({ connectionString: this.base });
      await this.admin.connect();
      this.cleanups.push(async () => {
        await this.admin?.end();
        this.admin = undefined;
      });
    }
    return this.admin;
  }

  /** A store named `name` (the database name, and the temporary directory's prefix). */
  async provision(engine: Engine, name: string): Promise<Store> {
    const dataDir = mkdtempSync(join(tmpdir(), `${name.replace(/_/g, '-')}-`));
    if (engine === 'pglite') return { engine, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
    await (await this.adminClient()).query(`create database ${name}`);
    const url = new URL(this.base);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    return {
      engine,
      dataDir,
      dbName: name,
      url: url.toString(),
      client,
      drop: async () => {
        await client.end().catch(() => undefined);
        if (process.env.BENCH_KEEP) console.error(`kept database ${name}`);
        else await (await this.adminClient()).query(`drop database if exists ${name} with (force)`);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  /** The PostgreSQL backends serving the store's database (their CPU is the database's share). */
  async backends(store: Store): Promise<number[]> {
    if (!store.dbName) return [];
    const r = await (
      await this.adminClient()
    ).query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [store.dbName]);
    return r.rows.map((x) => x.pid);
  }
}
