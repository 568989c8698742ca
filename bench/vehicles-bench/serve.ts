// The platform under test in the vehicles benchmark, run as a child process (spawned through bash with a raised
// open-file limit, with an IPC channel): opens the database (PGlite in BENCH_DATA_DIR, or PostgreSQL at
// BENCH_DATABASE_URL), migrates, seeds the base and the bench park (BENCH_SPEC: vehicles with terminals bound to
// them, the geofences of bench/vehicles-bench/park.ts, a checkpoint with ANPR cameras, a park officer), builds the
// app, listens on a free port, starts the scheduler (as `npm start` does; BENCH_JOBS=0: not) and the position
// listeners on free ports, signs the officer in and sends {type: 'ready', …}. Then it answers the parent's commands:
// query (SQL text → rows), memory (process.memoryUsage after a full GC), profile (CPU profile of a window), stop.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { inArray, sql } from 'drizzle-orm';
import { buildApp } from '../../packages/server/src/app.ts';
import {
  carriers,
  checkpointDevices,
  checkpoints,
  geofences,
  parkVehicles,
  positionTerminals,
  roles,
  units,
  userRoles,
  users,
} from '../../packages/server/src/db/schema.ts';
import { seedBase } from '../../packages/server/src/db/seed/index.ts';
import { hashPassword } from '../../packages/server/src/platform/auth/password.ts';
import { loadConfig } from '../../packages/server/src/platform/config.ts';
import { openDatabase, queryRows } from '../../packages/server/src/platform/database.ts';
import { geofenceSpecs, terminalOf } from './park.ts';

export interface ParkSpec {
  /** Terminals k = 0 … terminals − 1, each bound to the vehicle of its plate. */
  terminals: number;
  geofences: number;
  /** ANPR cameras at the bench checkpoint (deviceID BENCH-ANPR-<i>), half entry, half exit. */
  cameras: number;
  username: string;
  password: string;
}

export interface Ready {
  type: 'ready';
  engine: 'pglite' | 'postgres';
  httpPort: number;
  jt808Port: number | null;
  osmandPort: number | null;
  /** The gate thread's own port (GATE_PORT), the default target of (c). */
  gatePort: number;
  /** The gate thread's nice value (GATE_PRIORITY_BOOST) and why it could not be raised. */
  gatePriority: { nice: number; refused: string | null };
  cookie: string;
  seedMs: number;
  readyMs: number;
  geofences: number;
  vehicles: number;
  cameras: string[];
  fdLimit: string;
  /** Where cameras post ISAPI events (with the gate token), or null with the reason. */
  gateIsapiPath: string | null;
  gateError: string | null;
}

const spec = JSON.parse(process.env.BENCH_SPEC!) as ParkSpec;
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
for (const [key, value] of Object.entries(process.env))
  if (/^(JT808_|GATE_|POSITION|VEHICLE_POSITION|MAP_CRS)/.test(key) && value !== undefined) env[key] = value;
const config = loadConfig(env);
const database = await openDatabase({ url, dataDir, poolSize: Number(process.env.BENCH_POOL ?? 10) });
await database.migrate();
const db = database.db;
await seedBase(db);

// ---- the bench park, with multi-row inserts ----
const now = new Date();
const [carrier] = await db
  .insert(carriers)
  .values({ name: '压测危险品运输有限公司', licenceNo: `闽交运管许可漳字BENCH${Date.now() % 100000}号`, licenceExpiresOn: '2030-12-31' })
  .returning({ id: carriers.id });
const CHUNK = 2000;
for (let start = 0; start < spec.terminals; start += CHUNK) {
  const ks = Array.from({ length: Math.min(CHUNK, spec.terminals - start) }, (_, i) => start + i);
  const ids = ks.map((k) => terminalOf(k));
  const vehicles = await db
    .insert(parkVehicles)
    .values(
      ids.map((t) => ({
        plate: t.plate,
        plateColor: 'yellow',
        carrierId: carrier!.id,
        category: 'hazmat',
        body: 'tank',
        hazmatClasses: ['3'],
        transportCertNo: `BENCH-${t.terminalId}`,
        transportCertExpiresOn: '2030-12-31',
      })),
    )
    .returning({ id: parkVehicles.id, plate: parkVehicles.plate });
  const byPlate = new Map(vehicles.map((v) => [v.plate, v.id]));
  await db.insert(positionTerminals).values(
    ids.map((t) => ({
      protocol: 'jt808',
      identifier: t.phone.replace(/^0+/, ''),
      vehicleId: byPlate.get(t.plate)!,
      protocolVersion: t.version,
      registeredPlate: t.plate,
    })),
  );
}
const fences = geofenceSpecs(spec.geofences);
await db
  .insert(geofences)
  .values(fences.map((f) => ({ kind: f.kind, name: f.name, geometry: f.geometry, widthM: f.widthM, speedLimitKmh: f.speedLimitKmh, capacity: f.capacity })));
const [checkpoint] = await db
  .insert(checkpoints)
  .values({
    code: 'BENCH-CP1',
    name: '压测专用卡口',
    kind: 'dedicated',
    lanes: [
      { code: 'L1', name: '入口车道', direction: 'in' },
      { code: 'L2', name: '出口车道', direction: 'out' },
    ],
    allowedCategories: ['hazmat', 'hazardousWaste'],
    lon: 117.55,
    lat: 23.7,
  })
  .returning({ id: checkpoints.id });
const cameras = Array.from({ length: spec.cameras }, (_, i) => `BENCH-ANPR-${i + 1}`);
if (cameras.length)
  await db.insert(checkpointDevices).values(
    cameras.map((serialNo, i) => ({
      checkpointId: checkpoint!.id,
      laneCode: i % 2 ? 'L2' : 'L1',
      kind: 'anpr',
      vendor: 'hikvisionIsapi',
      serialNo,
      direction: i % 2 ? 'out' : 'in',
      name: `压测抓拍机${i + 1}`,
    })),
  );

// ---- a park officer (and safety officer, for the safety live socket) who signs in for the live feeds ----
const unitId = randomUUID();
await db.insert(units).values({ id: unitId, name: '压测封闭化管理办公室', kind: 'bureau', path: `/${unitId}/` });
const [user] = await db
  .insert(users)
  .values({
    username: spec.username,
    displayName: '压测封闭化管理专员',
    unitId,
    phone: '13900000000',
    passwordHash: await hashPassword(spec.password),
    mustChangePassword: false,
    passwordChangedAt: now,
  })
  .returning({ id: users.id });
const roleRows = await db
  .select({ id: roles.id })
  .from(roles)
  .where(inArray(roles.code, ['parkOfficer', 'safetyOfficer']));
await db.insert(userRoles).values(roleRows.map((r) => ({ userId: user!.id, roleId: r.id })));
const vehicles = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from park_vehicles`))[0]!.n;
const seedMs = Math.round(performance.now() - t0);

// ---- the platform ----
// BENCH_LOG=warn (or another pino level): the platform's log on stderr.
const logger = process.env.BENCH_LOG ? { level: process.env.BENCH_LOG } : false;
const { app, scheduler, park } = await buildApp({ ...config, loginRateLimit: 1000 }, database, { logger });
await park.positions.maintain(new Date());
if (config.jobs) scheduler.start();
await app.listen({ port: 0, host: '127.0.0.1' });
const ports = await park.positions.start({ jt808Port: 0, osmandPort: 0 });
const { gatePort, priority: gatePriority } = await park.gate.listen({ port: 0, host: '127.0.0.1' });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: spec.username, password: spec.password } });
if (login.statusCode !== 200) throw new Error(`login ${spec.username}: ${login.statusCode} ${login.body}`);
const sid = login.cookies.find((c) => c.name === 'zo_sid')!.value;
// The gate token devices post with (park.manage): issued through the API as an officer would.
let gate: { token: string; isapiPath: string } | null = null;
let gateError: string | null = null;
{
  const csrf = (JSON.parse(login.body) as { csrfToken?: string }).csrfToken ?? '';
  const issued = await app.inject({ method: 'POST', url: '/api/park/gate/token', cookies: { zo_sid: sid }, headers: { 'x-csrf-token': csrf } });
  if (issued.statusCode === 200) gate = JSON.parse(issued.body) as { token: string; isapiPath: string };
  else gateError = `POST /api/park/gate/token: ${issued.statusCode} ${issued.body.slice(0, 200)}`;
}
const addr = app.server.address();
let fdLimit = '?';
try {
  fdLimit = /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'))!.slice(1, 3).join(' / ');
} catch {
  // not Linux
}
const ready: Ready = {
  type: 'ready',
  engine: database.kind,
  httpPort: typeof addr === 'object' && addr ? addr.port : 0,
  jt808Port: ports.jt808Port,
  osmandPort: ports.osmandPort,
  gatePort,
  gatePriority,
  cookie: sid,
  gateIsapiPath: gate?.isapiPath ?? null,
  gateError,
  seedMs,
  readyMs: Math.round(performance.now() - t0),
  geofences: fences.length,
  vehicles,
  cameras,
  fdLimit,
};
process.send!(ready);

// ---- commands ----
type Command =
  | { id: number; cmd: 'query'; sql: string }
  | { id: number; cmd: 'memory'; gc?: boolean }
  | { id: number; cmd: 'ceiling'; terminalIds: string[]; vehicleIds: string[]; beforeTs: number; seconds: number; batch: number }
  | { id: number; cmd: 'profile'; action: 'start' | 'stop'; file?: string }
  | { id: number; cmd: 'stop' };

let session: Session | undefined;

async function handle(m: Command): Promise<object> {
  switch (m.cmd) {
    case 'query':
      return { rows: await queryRows(db, sql.raw(m.sql)) };
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (m.gc && gc) {
        gc();
        await new Promise((r) => setTimeout(r, 50));
        gc();
      }
      const u = process.memoryUsage();
      return { rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, arrayBuffers: u.arrayBuffers, gc: !!gc };
    }
    case 'ceiling': {
      // The PGlite ceiling (the only way in is this process): INSERT … SELECT FROM unnest, back to back.
      let rows = 0;
      const t0 = performance.now();
      const until = t0 + m.seconds * 1000;
      const received = new Date(m.beforeTs).toISOString();
      while (performance.now() < until) {
        const tid: string[] = [];
        const vid: string[] = [];
        const ts: string[] = [];
        const lat: number[] = [];
        const lon: number[] = [];
        const course: number[] = [];
        for (let i = 0; i < m.batch; i++) {
          const r = rows + i;
          tid.push(m.terminalIds[r % m.terminalIds.length]!);
          vid.push(m.vehicleIds[r % m.vehicleIds.length]!);
          ts.push(new Date(m.beforeTs - 1 - Math.floor(r / m.terminalIds.length)).toISOString());
          lat.push(23.72 + (r % 1000) / 1e5);
          lon.push(117.55 + (r % 777) / 1e5);
          course.push(r % 360);
        }
        await db.execute(sql`
          insert into vehicle_positions (terminal_id, vehicle_id, ts, received_at, lat, lon, speed_kmh, course)
          select t, v, s, ${received}::timestamptz, la, lo, 25, co
          from unnest(${sql.param(tid)}::uuid[], ${sql.param(vid)}::uuid[], ${sql.param(ts)}::timestamptz[], ${sql.param(lat)}::float8[], ${sql.param(lon)}::float8[],
            ${sql.param(course)}::float8[]) as u(t, v, s, la, lo, co)`);
        rows += m.batch;
      }
      return { rows, ms: Math.round(performance.now() - t0) };
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
