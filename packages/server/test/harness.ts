// Integration-test harness: a freshly migrated database per test file (PGlite in memory, or a new PostgreSQL
// database when TEST_DATABASE_URL is set), the app on a fixed clock, factories, and a signed-in HTTP client.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { buildApp, type App } from '../src/app.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/database.ts';
import { hashPassword } from '../src/platform/auth/password.ts';
import type { ChannelSender } from '../src/platform/notifications/channels.ts';
import { seedBase } from '../src/db/seed/index.ts';
import { roles, units, userRoles, users } from '../src/db/schema.ts';

export const FIXED_NOW = new Date('2026-11-23T01:00:00.000Z');
export const PASSWORD = 'Initial#2026';
export const NEW_PASSWORD = 'Changed#2026x';

export type Engine = 'pglite' | 'postgres';

/** The engines to run integration tests on. PostgreSQL only with TEST_DATABASE_URL; required when REQUIRE_SERVICES=1. */
export function engines(): Engine[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.REQUIRE_SERVICES === '1') throw new Error('REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set');
  console.warn('[skip] TEST_DATABASE_URL not set: integration tests run on PGlite only');
  return ['pglite'];
}

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `zoneops_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestEnv {
  engine: Engine;
  config: Config;
  database: Database;
  url: string | undefined;
  clock: ManualClock;
  /** Builds one app instance on the shared database (several may share it). */
  start(opts?: { sender?: ChannelSender }): Promise<App>;
  close(): Promise<void>;
}

export async function createEnv(engine: Engine, env: Record<string, string> = {}): Promise<TestEnv> {
  const pgdb = engine === 'postgres' ? await createPgDatabase() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'zoneops-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env, ...(pgdb ? { DATABASE_URL: pgdb.url } : {}) });
  const database = await openDatabase({ url: pgdb?.url ?? 'memory://', dataDir, poolSize: 4 });
  await database.migrate();
  await seedBase(database.db);
  const clock = new ManualClock(FIXED_NOW);
  const apps: App[] = [];
  const extraDbs: Database[] = [];
  return {
    engine,
    config,
    database,
    url: pgdb?.url,
    clock,
    async start(opts = {}) {
      // A second instance gets its own connection pool, as a second process would.
      let db = database;
      if (apps.length && pgdb) {
        db = await openDatabase({ url: pgdb.url, dataDir, poolSize: 4 });
        extraDbs.push(db);
      }
      const app = await buildApp({ ...config, instanceId: `test-${apps.length}` }, db, {
        clock,
        logger: process.env.TEST_LOG ? { level: 'error' } : false,
        ...(opts.sender ? { sender: opts.sender } : {}),
      });
      await app.app.ready();
      apps.push(app);
      return app;
    },
    async close() {
      for (const a of apps) await a.app.close();
      for (const d of extraDbs) await d.close();
      await database.close();
      await pgdb?.drop();
    },
  };
}

// ---- factories -------------------------------------------------------------------------------------------------

export async function buildUnit(db: Database['db'], overrides: { name?: string; parentId?: string | null; kind?: string } = {}) {
  const id = randomUUID();
  let path = '/';
  if (overrides.parentId) {
    const [parent] = await db.select().from(units).where(eq(units.id, overrides.parentId));
    path = parent!.path;
  }
  const [row] = await db
    .insert(units)
    .values({
      id,
      name: overrides.name ?? `单位${id.slice(0, 4)}`,
      kind: overrides.kind ?? 'bureau',
      parentId: overrides.parentId ?? null,
      path: `${path}${id}/`,
    })
    .returning();
  return row!;
}

let hashed: Promise<string> | undefined;
export async function buildUser(
  db: Database['db'],
  overrides: { username?: string; unitId: string; roles?: string[]; mustChangePassword?: boolean; phone?: string; displayName?: string },
) {
  hashed ??= hashPassword(PASSWORD);
  const [row] = await db
    .insert(users)
    .values({
      username: overrides.username ?? `u${randomUUID().slice(0, 8)}`,
      displayName: overrides.displayName ?? '测试用户',
      unitId: overrides.unitId,
      phone: overrides.phone ?? '13912345678',
      passwordHash: await hashed,
      mustChangePassword: overrides.mustChangePassword ?? false,
      passwordChangedAt: FIXED_NOW,
    })
    .returning();
  for (const code of overrides.roles ?? []) {
    const [role] = await db.select().from(roles).where(eq(roles.code, code));
    await db.insert(userRoles).values({ userId: row!.id, roleId: role!.id });
  }
  return row!;
}

// ---- HTTP client -----------------------------------------------------------------------------------------------

export interface Client {
  csrf: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function clientFor(app: FastifyInstance, cookie: string, csrf: string): Client {
  return {
    csrf,
    cookie,
    get: (url) => app.inject({ method: 'GET', url, cookies: { zo_sid: cookie } }),
    send: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        cookies: { zo_sid: cookie },
        headers: { 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD, totp?: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'zo_sid')!.value;
  return clientFor(app, cookie, res.json<{ csrfToken: string }>().csrfToken);
}
