// Authenticated GET of the user list (10,000 users, page of 20, sorted, filtered by unit, data scope applied),
// autocannon with 50 connections, on PostgreSQL and on PGlite, against a bare Fastify route in the same run.
// The server runs in a child process so that the load generator does not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';

const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const base = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function serve(mode: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; info: { port: number; cookie?: string; unitId?: string } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-users.ts', mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

/** Stops a server and waits until it has gone, so that dropping its database does not kill it mid-flight. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}

async function load(name: string, port: number, path: string, cookie?: string) {
  const headers: Record<string, string> = cookie ? { cookie: `zo_sid=${cookie}` } : {};
  // Warm-up, then the measured run.
  await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 10, duration: 3, headers });
  const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 50, duration: DURATION, headers });
  if (r.non2xx) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
  return { name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts };
}

const results = [];
{
  const { child, info } = await serve('bare');
  results.push(await load('bare Fastify route (ceiling)', info.port, '/api/users'));
  await stop(child);
}
const admin = new pg.Client({ connectionString: base });
await admin.connect();
// Each case gets a database of its own, so that each holds exactly the 10,000 users it seeds.
async function withDatabase(run: (url: string) => Promise<void>) {
  const dbName = `zoneops_bench_${Date.now()}`;
  await admin.query(`create database ${dbName}`);
  try {
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
  }
}
try {
  await withDatabase(async (url) => {
    const { child, info } = await serve('pg2', { BENCH_DATABASE_URL: url });
    results.push(await load('Fastify + 2 trivial prepared pg queries (round-trip ceiling)', info.port, '/api/users'));
    await stop(child);
  });
  // With the per-instance answer cache (the default), and with it off: every request then goes to the database.
  for (const [mode, cacheMs] of [
    ['postgres', '10000'],
    ['postgres', '0'],
    ['pglite', '10000'],
    ['pglite', '0'],
  ] as const) {
    await withDatabase(async (url) => {
      const { child, info } = await serve(mode, { BENCH_DATABASE_URL: url, RESPONSE_CACHE_MS: cacheMs });
      const path = `/api/users?page=1&pageSize=20&sort=-createdAt&unitId=${info.unitId}&includeSubunits=false`;
      results.push(await load(`ZoneOps GET /api/users on ${mode}, answer cache ${cacheMs === '0' ? 'off' : 'on'}`, info.port, path, info.cookie));
      await stop(child);
    });
  }
} finally {
  await admin.end();
}

const ceiling = results[0]!.rps;
console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${DURATION}s, 50 connections\n`,
);
console.log('| case | req/s | p50 ms | p99 ms | errors | vs ceiling |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${((r.rps / ceiling) * 100).toFixed(0)} % |`);
console.log(JSON.stringify({ bench: 'users-list', duration: DURATION, results }));
