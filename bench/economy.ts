// Economic performance at scale on PostgreSQL (issue 5): 30 indicators × 20 regions × 120 months of approved
// figures (bench/economy-data.ts: 24 monthly and 6 quarterly indicators, 62,400 figure rows, 300 targets), then
// - GET /api/economy/dashboard?month=<a month in the middle> as the statistician (data scope all: 30 indicators) and
//   as a staff member who sees the 4 indicators their unit leads: 1 connection (service time) and 10 connections;
// - GET /api/economy/bulletin?month=… as JSON (1 and 10 connections) and as the Word document: 30 sequential
//   requests, p50 / p99 / max of the generation (request to last byte);
// - GET /api/economy/figures?month=… (the grid of the month, drafts included) and
//   GET /api/economy/indicators/:id/series (the default 36 months; each request another of the 30 indicators);
// - the ceiling in the same run: a bare Fastify route answering from memory (bench/serve-users.ts bare), and the
//   dashboard's figures query (the figures of one month: period = any($1) and indicator_id = any($2) and approved)
//   run directly from 1 and 10 clients.
// The economy reads are behind the answer cache; RESPONSE_CACHE_MS=0 measures every request reading the database.
// Each load also reports CPU time per request (Linux /proc): the server process and the PostgreSQL backends of the
// bench database, which a shared machine disturbs far less than latencies.
// The server runs in a child process (bench/serve-app.ts) so that the load generator does not share its event loop.
//
// PostgreSQL: BENCH_PG, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a database is
// created there and dropped at the end. BENCH_KEEP=1 keeps it (its name is printed), BENCH_DB=<name> reuses one (no
// loading). BENCH_SECONDS per load (default 10), BENCH_MONTH (default 2021-06: the middle of the 120 months and the
// end of a quarter, so that the quarterly indicators are on the dashboard too), BENCH_DOCX (default 30 requests).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../packages/server/src/platform/database.ts';
import { seedBase } from '../packages/server/src/db/seed/index.ts';
import { loadEconomyBenchData, readEconomyBenchLogins } from './economy-data.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const MONTH = process.env.BENCH_MONTH ?? '2021-06';
const DOCX_RUNS = Number(process.env.BENCH_DOCX ?? 30);
const CONNECTIONS = 10;
const base = process.env.BENCH_PG ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench#2026pw';
/** The data's today: after the last month of figures (2026-12). */
const NOW = '2027-01-20T01:00:00Z';
const DASHBOARD_GOAL = 'p99 ≤ 50 ms';
const BULLETIN_GOAL = '≤ 1 s';

const loadAtStart = loadavg()[0]!;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
const reuse = process.env.BENCH_DB;
const dbName = reuse ?? `zoneops_bench_economy_${Date.now()}`;
if (!reuse) await admin.query(`create database ${dbName}`);
console.error(`database ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;

interface Result {
  name: string;
  connections?: number;
  rps?: number;
  p50?: number;
  p99?: number;
  ms?: number;
  goal?: string;
  note?: string;
}
const results: Result[] = [];

interface ServerInfo {
  port: number;
  cookies: Record<string, string>;
  csrf: Record<string, string>;
}

/** A child server: bench/serve-app.ts (the app) or bench/serve-users.ts bare (the ceiling). */
function serve(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) as ServerInfo }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

/** Stops a server and waits until it has gone, so that dropping its database does not kill it mid-flight. */
function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// CPU time per request, from /proc (Linux): of the server process and of the PostgreSQL backends of the bench
// database. Unlike latencies it hardly changes when other work shares the machine, so it says what a request costs.
const TICK_MS = 10; // CLK_TCK = 100
const hasProc = existsSync('/proc/self/stat');
function ticksOf(pid: number | undefined): number {
  if (!hasProc || pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0; // the process has ended
  }
}
async function backendPids(): Promise<number[]> {
  return (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName])).rows.map((r) => r.pid);
}
async function cpuStart(serverPid?: number) {
  return { server: ticksOf(serverPid), pg: new Map((await backendPids()).map((pid) => [pid, ticksOf(pid)])) };
}
async function cpuEnd(start: Awaited<ReturnType<typeof cpuStart>>, requests: number, serverPid?: number): Promise<{ server: number; pg: number } | undefined> {
  if (!hasProc || !requests) return undefined;
  let pg = 0;
  for (const pid of await backendPids()) pg += ticksOf(pid) - (start.pg.get(pid) ?? 0);
  const per = (ticks: number) => Math.round(((ticks * TICK_MS) / requests) * 10) / 10;
  return { server: per(ticksOf(serverPid) - start.server), pg: per(pg) };
}
const cpuNote = (c: { server: number; pg: number } | undefined, server = true) =>
  c ? `CPU per request: ${server ? `server ${c.server} ms, ` : ''}PostgreSQL ${c.pg} ms` : undefined;
let serverPid: number | undefined;

/** autocannon over one or more paths (each connection cycles through them in order): 3 s warm-up, then measured. */
async function load(name: string, port: number, paths: string[], connections: number, cookie?: string, goal?: string): Promise<Result> {
  const headers: Record<string, string> = cookie ? { cookie: `zo_sid=${cookie}` } : {};
  const opts = { url: `http://127.0.0.1:${port}`, headers, requests: paths.map((path) => ({ method: 'GET' as const, path })) };
  await autocannon({ ...opts, connections: Math.min(connections, 5), duration: 3 });
  const cpu0 = await cpuStart(serverPid);
  const r = await autocannon({ ...opts, connections, duration: DURATION, timeout: 30 });
  const cpu = await cpuEnd(cpu0, r.requests.total, serverPid);
  if (r.non2xx) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
  if (r.errors || r.timeouts) throw new Error(`${name}: ${r.errors} errors, ${r.timeouts} timeouts`);
  const note = cpuNote(cpu);
  const res: Result = {
    name,
    connections,
    rps: Math.round(r.requests.average * 10) / 10,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ...(goal ? { goal } : {}),
    ...(note ? { note } : {}),
  };
  results.push(res);
  console.error(`${name}: ${res.rps} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms (${connections} connections)${note ? `; ${note}` : ''}`);
  return res;
}

const quantile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;

/** A query run directly from `clients` connections (as the app's pool: JIT off, unnamed statement) for DURATION. */
async function direct(name: string, clients: number, text: string, values: unknown[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: url.toString(), max: clients, options: '-c jit=off' });
  const run = async (seconds: number, latencies: number[]) => {
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const c = await pool.connect();
        try {
          while (performance.now() < end) {
            const t0 = performance.now();
            await c.query(text, values);
            latencies.push(performance.now() - t0);
          }
        } finally {
          c.release();
        }
      }),
    );
  };
  await run(3, []);
  const latencies: number[] = [];
  const cpu0 = await cpuStart();
  await run(DURATION, latencies);
  const note = cpuNote(await cpuEnd(cpu0, latencies.length), false);
  await pool.end();
  latencies.sort((a, b) => a - b);
  results.push({
    name,
    connections: clients,
    rps: Math.round(latencies.length / DURATION),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    ...(note ? { note } : {}),
  });
  console.error(
    `${name}: ${Math.round(latencies.length / DURATION)} q/s, p50 ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms (${clients} clients)${note ? `; ${note}` : ''}`,
  );
}

/** Sequential requests, one at a time, request to last byte: p50, p99, max. */
async function sequential(name: string, port: number, path: string, cookie: string, runs: number, goal?: string, check?: (body: Buffer) => void) {
  const times: number[] = [];
  let bytes = 0;
  let cpu0 = await cpuStart(serverPid);
  for (let i = 0; i < runs + 2; i++) {
    if (i === 2) cpu0 = await cpuStart(serverPid);
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `zo_sid=${cookie}` } });
    const body = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    check?.(body);
    bytes = body.length;
    if (i >= 2) times.push(ms); // the first two warm the route up
  }
  const cpu = cpuNote(await cpuEnd(cpu0, runs, serverPid));
  times.sort((a, b) => a - b);
  const max = Math.round(times.at(-1)! * 10) / 10;
  results.push({
    name,
    connections: 1,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    note: `${runs} requests, max ${max} ms, ${(bytes / 1024).toFixed(0)} KiB${cpu ? `; ${cpu}` : ''}`,
    ...(goal ? { goal } : {}),
  });
  console.error(`${name}: p50 ${quantile(times, 0.5)} ms, p99 ${quantile(times, 0.99)} ms, max ${max} ms (${runs} sequential, ${bytes} bytes)`);
}

let server: ChildProcess | undefined;
let ceiling: ChildProcess | undefined;
let data: { indicators: number; monthly: number; quarterly: number; regions: number; figures: number; targets: number } | undefined;
let logins: { statistician: string; staff: string; staffIndicators: number } | undefined;
try {
  // ---- data ----
  let indicatorIds: string[];
  {
    const database = await openDatabase({ url: url.toString(), dataDir: '/tmp', poolSize: 4 });
    await database.migrate();
    const db = database.db;
    if (!reuse) {
      await seedBase(db);
      const t0 = performance.now();
      const loaded = await loadEconomyBenchData(db, { password: PASSWORD });
      const ms = Math.round(performance.now() - t0);
      results.push({
        name: `load ${loaded.indicators} indicators × ${loaded.regions} regions × 120 months: ${loaded.figures.toLocaleString('en')} figures, ${loaded.targets} targets (set-up)`,
        ms,
        note: `demo zone ${(loaded.ms.zone / 1000).toFixed(1)} s, figures inserted in ${(loaded.ms.insert / 1000).toFixed(1)} s, vacuum analyze ${(loaded.ms.analyze / 1000).toFixed(1)} s`,
      });
      logins = loaded.logins;
    } else logins = await readEconomyBenchLogins(db);
    const [c] = await queryRows<{ indicators: number; monthly: number; quarterly: number; regions: number; figures: number; targets: number }>(
      db,
      sql`select (select count(*)::int from economy_indicators where active) as indicators,
          (select count(*)::int from economy_indicators where active and frequency = 'month') as monthly,
          (select count(*)::int from economy_indicators where active and frequency = 'quarter') as quarterly,
          (select count(*)::int from economy_regions where active) as regions,
          (select count(*)::int from economy_figures) as figures, (select count(*)::int from economy_targets) as targets`,
    );
    data = c!;
    indicatorIds = (await queryRows<{ id: string }>(db, sql`select id from economy_indicators where active order by sort, code`)).map((r) => r.id);
    await database.close();
  }
  const periods = [MONTH, `${MONTH.slice(0, 4)}-Q${Math.ceil(Number(MONTH.slice(5)) / 3)}`];

  // ---- the ceilings: a bare route over HTTP; the dashboard's figures query directly in SQL ----
  {
    const started = await serve(['bench/serve-users.ts', 'bare'], {});
    ceiling = started.child;
    serverPid = ceiling.pid;
    await load('ceiling: bare Fastify route (a page of 20 users from memory)', started.info.port, ['/api/users'], 1);
    await load('ceiling: bare Fastify route (a page of 20 users from memory)', started.info.port, ['/api/users'], CONNECTIONS);
    await stop(ceiling);
  }
  // The repository's figures query of the dashboard, as it sends it (economyRepository.figures, approved only).
  const figuresSql = `select f.id, f.indicator_id as "indicatorId", f.region_id as "regionId", f.period,
      f.value::float8 as value, f.growth::float8 as growth, f.month_value::float8 as "monthValue", f.month_growth::float8 as "monthGrowth",
      f.status, f.revision_reason as "revisionReason", f.updated_at as "updatedAt", uu.display_name as "updatedByName", f.approved_at as "approvedAt"
    from economy_figures f left join users uu on uu.id = f.updated_by
    where f.period = any($1::text[]) and f.indicator_id = any($2::uuid[]) and f.status = 'approved'`;
  await direct(`ceiling: the dashboard's figures query of ${MONTH} directly in SQL (30 indicators, 600 rows)`, 1, figuresSql, [periods, indicatorIds]);
  await direct(`ceiling: the dashboard's figures query of ${MONTH} directly in SQL (30 indicators, 600 rows)`, CONNECTIONS, figuresSql, [
    periods,
    indicatorIds,
  ]);

  // ---- the app's routes ----
  const { statistician, staff } = logins;
  const started = await serve(['bench/serve-app.ts'], {
    BENCH_DATABASE_URL: url.toString(),
    BENCH_USERS: `${statistician},${staff}`,
    BENCH_PASSWORD: PASSWORD,
    BENCH_NOW: NOW,
  });
  server = started.child;
  serverPid = server.pid;
  const { port, cookies } = started.info;
  const kib = (body: string) => `${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB`;
  const get = async (path: string, user: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `zo_sid=${cookies[user]!}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
    return { body, json: JSON.parse(body) as Record<string, unknown> };
  };
  const dashPath = `/api/economy/dashboard?month=${MONTH}`;
  {
    // What each user gets: the statistician every indicator, the staff member those their unit leads.
    const all = await get(dashPath, statistician);
    const few = await get(dashPath, staff);
    const n = (all.json.indicators as unknown[]).length;
    const m = (few.json.indicators as unknown[]).length;
    if (n !== data.indicators) throw new Error(`dashboard: ${n} indicators for the statistician, ${data.indicators} active`);
    if (m !== logins.staffIndicators) throw new Error(`dashboard: ${m} indicators for ${staff}, expected ${logins.staffIndicators}`);
    const bulletin = await get(`/api/economy/bulletin?month=${MONTH}`, statistician);
    const grid = await get(`/api/economy/figures?month=${MONTH}`, statistician);
    const series = await get(`/api/economy/indicators/${indicatorIds[0]}/series`, statistician);
    console.error(
      `answers: dashboard ${n} indicators ${kib(all.body)} (staff: ${m}, ${kib(few.body)}); ` +
        `bulletin ${(bulletin.json.blocks as unknown[]).length} blocks ${kib(bulletin.body)}; ` +
        `grid ${(grid.json.rows as unknown[]).length} rows ${kib(grid.body)}; ` +
        `series ${(series.json.points as unknown[]).length} points ${kib(series.body)}`,
    );
  }
  const who = `the statistician (scope all, ${data.indicators} indicators)`;
  const staffWho = `a staff member (unit scope, ${logins.staffIndicators} indicators)`;
  await load(`GET /api/economy/dashboard?month=${MONTH} as ${who}`, port, [dashPath], 1, cookies[statistician]);
  await load(`GET /api/economy/dashboard?month=${MONTH} as ${who}`, port, [dashPath], CONNECTIONS, cookies[statistician], DASHBOARD_GOAL);
  await load(`GET /api/economy/dashboard?month=${MONTH} as ${staffWho}`, port, [dashPath], 1, cookies[staff]);
  await load(`GET /api/economy/dashboard?month=${MONTH} as ${staffWho}`, port, [dashPath], CONNECTIONS, cookies[staff], DASHBOARD_GOAL);
  const bulletinPath = `/api/economy/bulletin?month=${MONTH}`;
  await load(`GET /api/economy/bulletin?month=${MONTH} (JSON blocks) as the statistician`, port, [bulletinPath], 1, cookies[statistician], BULLETIN_GOAL);
  await load(`GET /api/economy/bulletin?month=${MONTH} (JSON blocks) as the statistician`, port, [bulletinPath], CONNECTIONS, cookies[statistician]);
  await sequential(
    `GET /api/economy/bulletin?month=${MONTH}&format=docx (Word document) as the statistician, sequential`,
    port,
    `${bulletinPath}&format=docx`,
    cookies[statistician]!,
    DOCX_RUNS,
    BULLETIN_GOAL,
    (body) => {
      if (body.subarray(0, 2).toString('latin1') !== 'PK') throw new Error('the bulletin is not a .docx (zip)');
    },
  );
  await sequential(
    `GET /api/economy/bulletin?month=${MONTH}&format=docx as ${staffWho}, sequential`,
    port,
    `${bulletinPath}&format=docx`,
    cookies[staff]!,
    DOCX_RUNS,
    BULLETIN_GOAL,
  );
  const gridPath = `/api/economy/figures?month=${MONTH}`;
  await load(
    `GET /api/economy/figures?month=${MONTH} (the grid, ${data.indicators} rows × ${data.regions} regions) as the statistician`,
    port,
    [gridPath],
    1,
    cookies[statistician],
  );
  await load(`GET /api/economy/figures?month=${MONTH} (the grid) as the statistician`, port, [gridPath], CONNECTIONS, cookies[statistician]);
  // Each request another indicator: monthly ones 36 months × 20 regions, quarterly ones 12 quarters.
  const seriesPaths = indicatorIds.map((id) => `/api/economy/indicators/${id}/series`);
  await load(
    `GET /api/economy/indicators/:id/series (default 36 months; the ${indicatorIds.length} indicators in turn) as the statistician`,
    port,
    seriesPaths,
    1,
    cookies[statistician],
  );
  await load(`GET /api/economy/indicators/:id/series (the same)`, port, seriesPaths, CONNECTIONS, cookies[statistician]);
} finally {
  await stop(ceiling);
  await stop(server);
  if (!process.env.BENCH_KEEP && !reuse) await admin.query(`drop database if exists ${dbName} with (force)`);
  else console.error(`kept database ${dbName}`);
  await admin.end();
}

console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; PostgreSQL; ` +
    `${data?.indicators} indicators (${data?.monthly} monthly, ${data?.quarterly} quarterly) × ${data?.regions} regions, ${data?.figures} figures, ` +
    `${data?.targets} targets; month ${MONTH}; ${DURATION}s per load after a 3 s warm-up; ` +
    `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`,
);
console.log('| case | connections | req/s | p50 ms | p99 ms | time | goal | note |');
console.log('|---|---:|---:|---:|---:|---:|---|---|');
for (const r of results)
  console.log(
    `| ${r.name} | ${r.connections ?? ''} | ${r.rps ?? ''} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.ms !== undefined ? (r.ms >= 1000 ? `${(r.ms / 1000).toFixed(1)} s` : `${r.ms} ms`) : ''} | ${r.goal ?? ''} | ${r.note ?? ''} |`,
  );
console.log(JSON.stringify({ bench: 'economy', duration: DURATION, month: MONTH, load: [loadAtStart, loadavg()[0]], data, logins, results }));
