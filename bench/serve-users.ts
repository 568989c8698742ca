// Child process of the users-list benchmark: prepares a database with 10,000 users, signs in a department head
// whose data scope (unit and below) applies to the query, serves the app and prints {port, cookie, unitId}.
// With `bare` it serves a plain Fastify route answering a page of 20 users from memory: the ceiling.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { openDatabase } from '../packages/server/src/platform/database.ts';
import { hashPassword } from '../packages/server/src/platform/auth/password.ts';
import { seedBase } from '../packages/server/src/db/seed/index.ts';
import { roles, units, userRoles, users } from '../packages/server/src/db/schema.ts';

const mode = process.argv[2] as 'bare' | 'pg2' | 'pglite' | 'postgres';
const PASSWORD = 'Bench#2026pw';

if (mode === 'pg2') {
  // Second ceiling: the same two database round trips a ZoneOps list request makes (session, page), each a
  // trivial prepared statement, with no other work.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/api/users', async () => {
    await pool.query({ name: 'c1', text: 'select $1::text as session', values: ['x'] });
    const r = await pool.query({ name: 'c2', text: 'select g as id from generate_series(1, $1::int) g', values: [20] });
    return { items: r.rows, total: 20, page: 1, pageSize: 20 };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
} else if (mode === 'bare') {
  const app = Fastify({ logger: false });
  const page = {
    items: Array.from({ length: 20 }, (_, i) => ({
      id: randomUUID(),
      username: `user${i}`,
      displayName: '测试用户',
      unitName: '建设局',
      phone: '139****5678',
    })),
    total: 250,
    page: 1,
    pageSize: 20,
  };
  app.get('/api/users', async () => page);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'zoneops-bench-'));
  const url = mode === 'postgres' ? process.env.BENCH_DATABASE_URL : 'memory://';
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(process.env.RESPONSE_CACHE_MS ? { RESPONSE_CACHE_MS: process.env.RESPONSE_CACHE_MS } : {}),
    ...(url && url !== 'memory://' ? { DATABASE_URL: url } : {}),
  });
  const database = await openDatabase({ url, dataDir, poolSize: 10 });
  await database.migrate();
  await seedBase(database.db);
  const db = database.db;
  // 1 root, 10 bureaus with 3 sections each: 41 units; 10,000 users spread over them.
  const rootId = randomUUID();
  const unitRows = [{ id: rootId, name: '管委会', kind: 'administration', parentId: null as string | null, path: `/${rootId}/` }];
  for (let b = 0; b < 10; b++) {
    const id = randomUUID();
    unitRows.push({ id, name: `局${b}`, kind: 'bureau', parentId: rootId, path: `/${rootId}/${id}/` });
    for (let s = 0; s < 3; s++) {
      const sid = randomUUID();
      unitRows.push({ id: sid, name: `局${b}科${s}`, kind: 'section', parentId: id, path: `/${rootId}/${id}/${sid}/` });
    }
  }
  await db.insert(units).values(unitRows);
  const hash = await hashPassword(PASSWORD);
  const [staff] = await db.select().from(roles).where(eq(roles.code, 'staff'));
  for (let i = 0; i < 10_000; i += 1000) {
    const batch = Array.from({ length: 1000 }, (_, j) => ({
      username: `user${String(i + j).padStart(5, '0')}`,
      displayName: `用户${i + j}`,
      unitId: unitRows[(i + j) % unitRows.length]!.id,
      phone: `139${String(10_000_000 + i + j).slice(-8)}`,
      passwordHash: hash,
      mustChangePassword: false,
    }));
    const inserted = await db.insert(users).values(batch).returning({ id: users.id });
    await db.insert(userRoles).values(inserted.map((u) => ({ userId: u.id, roleId: staff!.id })));
  }
  const bureau = unitRows[1]!;
  const [head] = await db
    .insert(users)
    .values({ username: 'benchhead', displayName: '局长', unitId: bureau.id, passwordHash: hash, mustChangePassword: false })
    .returning();
  const [deptAdmin] = await db.select().from(roles).where(eq(roles.code, 'deptAdmin'));
  await db.insert(userRoles).values({ userId: head!.id, roleId: deptAdmin!.id });
  // As autovacuum would have done on a live database: statistics and the visibility map for index-only scans.
  await database.db.execute(sql`vacuum analyze`);

  const { app } = await buildApp({ ...config, loginRateLimit: 1000 }, database, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'benchhead', password: PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'zo_sid')!.value;
  const addr = app.server.address();
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, cookie, unitId: unitRows[2]!.id }));
}

// BENCH_PROFILE=<file>: CPU profile of the serving phase only (after the set-up), written on SIGTERM.
if (process.env.BENCH_PROFILE) {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  process.on('SIGTERM', () => {
    void session.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
      process.exit(0);
    });
  });
} else {
  process.on('SIGTERM', () => process.exit(0));
}
