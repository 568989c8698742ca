// The platform under test in the ingest benchmark, run as a child process (child_process.fork): opens the database
// (PGlite in BENCH_DATA_DIR, or PostgreSQL at BENCH_DATABASE_URL), migrates, seeds the base and a bench registry
// (BENCH_SPEC: enterprises, hazard sources, devices or gateways with known tokens, points with thresholds, a safety
// officer), builds the app, listens on a free port, starts the scheduler (as `npm start` does; BENCH_JOBS=0: not) and
// the ingest listeners on free ports, signs the safety officer in, and sends {type: 'ready', …} over IPC. Then it
// answers the parent's commands: query (SQL text → rows), flush, copy (the PGlite COPY ceiling), profile (CPU
// profile of a window) and stop.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../../packages/server/src/app.ts';
import { enterprises, majorHazards, roles, safetyDevices, units, userRoles, users } from '../../packages/server/src/db/schema.ts';
import { seedBase } from '../../packages/server/src/db/seed/index.ts';
import { hashPassword } from '../../packages/server/src/platform/auth/password.ts';
import { sha256 } from '../../packages/server/src/platform/auth/tokens.ts';
import { loadConfig } from '../../packages/server/src/platform/config.ts';
import { openDatabase, queryRows } from '../../packages/server/src/platform/database.ts';
import { BENCH_THRESHOLDS, type RegistrySpec } from './common.ts';

const spec = JSON.parse(process.env.BENCH_SPEC!) as RegistrySpec;
const url = process.env.BENCH_DATABASE_URL || undefined;
const dataDir = process.env.BENCH_DATA_DIR!;
const t0 = performance.now();

const env: NodeJS.ProcessEnv = {
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  DEMO_SEED: 'false',
  JOBS: process.env.BENCH_JOBS === '0' ? 'false' : 'true',
  ...(url ? { DATABASE_URL: url } : {}),
};
for (const key of ['MQTT_URL', 'MQTT_BROKER', 'MQTT_SHARE_GROUP', 'INGEST_FLUSH_MS', 'TELEMETRY_FUTURE_SECONDS', 'TELEMETRY_PAST_SECONDS'])
  if (process.env[key]) env[key] = process.env[key];
const config = loadConfig(env);
const database = await openDatabase({ url, dataDir, poolSize: Number(process.env.BENCH_POOL ?? 10) });
await database.migrate();
const db = database.db;
await seedBase(db);

// ---- the bench registry, with multi-row inserts ----
const ents = await db
  .insert(enterprises)
  .values(Array.from({ length: spec.enterprises }, (_, i) => ({ name: `压测化工${i + 1}有限公司`, uscc: `91350600BENCH${String(i).padStart(5, '0')}` })))
  .returning({ id: enterprises.id });
const sources = await db
  .insert(majorHazards)
  .values(ents.map((e, i) => ({ code: `BENCH-HS-${i + 1}`, name: `压测储罐区${i + 1}`, enterpriseId: e.id, level: 1 + (i % 4) })))
  .returning({ id: majorHazards.id, enterpriseId: majorHazards.enterpriseId });
const now = new Date();
const CHUNK = 1000;
async function insertDevices(rows: (typeof safetyDevices.$inferInsert)[]): Promise<{ id: string; name: string }[]> {
  const out: { id: string; name: string }[] = [];
  for (let i = 0; i < rows.length; i += CHUNK)
    out.push(
      ...(await db
        .insert(safetyDevices)
        .values(rows.slice(i, i + CHUNK))
        .returning({ id: safetyDevices.id, name: safetyDevices.name })),
    );
  return out;
}
const withToken = (token: string) => ({ tokenHash: sha256(token), tokenHint: token.slice(-4), tokenIssuedAt: now });
await insertDevices(
  Array.from({ length: spec.devices }, (_, i) => ({
    kind: 'device',
    name: `dev-${i}`,
    enterpriseId: ents[i % ents.length]!.id,
    ...withToken(`${spec.tokenPrefix}d${i}`),
  })),
);
const gateways = await insertDevices(
  Array.from({ length: spec.gateways }, (_, g) => ({
    kind: 'gateway',
    name: `gw-${g}`,
    enterpriseId: ents[g % ents.length]!.id,
    ...withToken(`${spec.tokenPrefix}g${g}`),
  })),
);
await insertDevices(
  gateways.flatMap((gw, g) =>
    Array.from({ length: spec.perGateway }, (_, j) => ({
      kind: 'device',
      name: `gw${g}-d${j}`,
      enterpriseId: ents[g % ents.length]!.id,
      gatewayId: gw.id,
    })),
  ),
);
const t = BENCH_THRESHOLDS;
await db.execute(sql`
  insert into monitoring_points (enterprise_id, major_hazard_id, device_id, tag, name, kind, unit, range_low, range_high,
    hh, h, l, ll, deadband, min_duration_s, expected_interval_s, lng, lat)
  select d.enterprise_id, hs.id, d.id, tg.tag, d.name || '/' || tg.tag, 'level', 'm', 0, 200,
    ${t.hh}, ${t.h}, ${t.l}, ${t.ll}, ${t.deadband}, 0, 60, 117.5 + random() * 0.1, 23.7 + random() * 0.1
  from safety_devices d
  join major_hazards hs on hs.enterprise_id = d.enterprise_id
  cross join unnest(${sql.param(spec.tags)}::text[]) as tg(tag)
  where d.kind = 'device'`);
void sources;

// ---- a safety officer who signs in for the live feed ----
const unitId = randomUUID();
await db.insert(units).values({ id: unitId, name: '压测安全监管局', kind: 'bureau', path: `/${unitId}/` });
const [user] = await db
  .insert(users)
  .values({
    username: spec.username,
    displayName: '压测安全员',
    unitId,
    phone: '13900000000',
    passwordHash: await hashPassword(spec.password),
    mustChangePassword: false,
    passwordChangedAt: now,
  })
  .returning({ id: users.id });
const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, 'safetyOfficer'));
await db.insert(userRoles).values({ userId: user!.id, roleId: role!.id });
const points = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from monitoring_points`))[0]!.n;
const watched = spec.watch.length
  ? await queryRows<{ id: string; name: string }>(db, sql`select id, name from monitoring_points where name = any(${sql.param(spec.watch)}::text[])`)
  : [];
const seedMs = Math.round(performance.now() - t0);

// ---- the platform ----
// BENCH_LOG=warn (or another pino level): the platform's log on stderr.
const logger = process.env.BENCH_LOG ? { level: process.env.BENCH_LOG } : false;
const { app, scheduler, safety } = await buildApp({ ...config, loginRateLimit: 1000 }, database, { logger });
if (config.jobs) scheduler.start();
await app.listen({ port: 0, host: '127.0.0.1' });
const listeners = await safety.ingest.start({ mqttPort: 0, hj212Port: 0 });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: spec.username, password: spec.password } });
if (login.statusCode !== 200) throw new Error(`login ${spec.username}: ${login.statusCode} ${login.body}`);
const addr = app.server.address();
process.send!({
  type: 'ready',
  httpPort: typeof addr === 'object' && addr ? addr.port : 0,
  mqttPort: listeners.mqttPort,
  hj212Port: listeners.hj212Port,
  cookie: login.cookies.find((c) => c.name === 'zo_sid')!.value,
  points,
  pointIds: Object.fromEntries(watched.map((w) => [w.name, w.id])),
  seedMs,
  readyMs: Math.round(performance.now() - t0),
  engine: database.kind,
});

// ---- BENCH_SQL_STATS=1 (PGlite): time inside PGlite per statement, from the wire messages it is given ----
interface SqlStat {
  calls: number;
  ms: number;
}
const sqlStats = new Map<string, SqlStat>();
if (process.env.BENCH_SQL_STATS === '1' && database.kind === 'pglite') {
  const client = (db as unknown as { $client: { execProtocolStream: (m: Uint8Array, o?: unknown) => Promise<unknown> } }).$client;
  const original = client.execProtocolStream.bind(client);
  let current = '(other)';
  const text = (m: Uint8Array, from: number) => {
    let end = from;
    while (end < m.length && m[end] !== 0) end++;
    return Buffer.from(m.subarray(from, end)).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 90);
  };
  client.execProtocolStream = async (m: Uint8Array, o?: unknown) => {
    if (m[0] === 0x50) {
      // Parse: 'P', length, statement name, query
      let i = 5;
      while (i < m.length && m[i] !== 0) i++;
      current = text(m, i + 1);
      const st = sqlStats.get(current) ?? { calls: 0, ms: 0 };
      st.calls++;
      sqlStats.set(current, st);
    } else if (m[0] === 0x51) {
      current = text(m, 5);
      const st = sqlStats.get(current) ?? { calls: 0, ms: 0 };
      st.calls++;
      sqlStats.set(current, st);
    }
    const key = current;
    const t0 = performance.now();
    try {
      return await original(m, o);
    } finally {
      const st = sqlStats.get(key) ?? { calls: 0, ms: 0 };
      st.ms += performance.now() - t0;
      sqlStats.set(key, st);
    }
  };
}

// ---- commands ----
type Command =
  | { id: number; cmd: 'query'; sql: string }
  | { id: number; cmd: 'flush' }
  | { id: number; cmd: 'copy'; rows: number; beforeTs: number }
  | { id: number; cmd: 'profile'; action: 'start' | 'stop'; file?: string }
  | { id: number; cmd: 'sqlstats'; reset?: boolean }
  | { id: number; cmd: 'stop' };

let session: Session | undefined;

async function handle(m: Command): Promise<object> {
  switch (m.cmd) {
    case 'query':
      return { rows: await queryRows(db, sql.raw(m.sql)) };
    case 'flush': {
      const s = performance.now();
      await safety.ingest.flush();
      return { ms: Math.round(performance.now() - s) };
    }
    case 'copy': {
      // The ceiling on PGlite: COPY of `rows` readings (the run's points, timestamps before the run) into
      // telemetry_readings from a CSV blob, in chunks of 200,000 rows; only the COPY statements are timed.
      if (database.kind !== 'pglite') throw new Error('copy: PGlite only (PostgreSQL: psql \\copy from the parent)');
      const pg = (db as unknown as { $client: PGlite }).$client;
      const ids = (await queryRows<{ id: string }>(db, sql`select id from monitoring_points order by id`)).map((r) => r.id);
      let ms = 0;
      const CHUNK_ROWS = 200_000;
      for (let start = 0; start < m.rows; start += CHUNK_ROWS) {
        const lines: string[] = [];
        for (let r = start; r < Math.min(m.rows, start + CHUNK_ROWS); r++)
          lines.push(`${ids[r % ids.length]},${new Date(m.beforeTs - 1 - Math.floor(r / ids.length)).toISOString()},${(40 + (r % 2000) / 100).toFixed(2)}`);
        const blob = new Blob([lines.join('\n') + '\n']);
        const s = performance.now();
        await pg.query(`copy telemetry_readings (point_id, ts, value) from '/dev/blob' with (format csv)`, [], { blob });
        ms += performance.now() - s;
      }
      return { ms: Math.round(ms) };
    }
    case 'profile': {
      if (m.action === 'start') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 500 });
        await session.post('Profiler.start');
        return {};
      }
      const { profile } = await session!.post('Profiler.stop');
      writeFileSync(m.file!, JSON.stringify(profile));
      session!.disconnect();
      session = undefined;
      return { file: m.file };
    }
    case 'sqlstats': {
      const stats = [...sqlStats].map(([sql, st]) => ({ sql, calls: st.calls, ms: Math.round(st.ms) })).sort((x, y) => y.ms - x.ms);
      if (m.reset) sqlStats.clear();
      return { stats };
    }
    case 'stop':
      await scheduler.stop();
      await app.close();
      await database.close();
      setTimeout(() => process.exit(0), 20);
      return {};
  }
}

process.on('message', (m: Command) => {
  handle(m).then(
    (r) => process.send!({ id: m.id, ...r }),
    (e: unknown) => process.send!({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));
