// Investment promotion and enterprise service at scale on PostgreSQL (issue 6): 50,000 leads and 200,000 requests
// (bench/promotion-data.ts: 100 users in a tree of 31 units, 8 teams, 300 enterprises; the requests with their ledger
// items, ~230,000 handling rounds and the refusals), then
// - GET /api/promotion/leads (page of 20; pages, sorts and stage/team/industry/clock/q filters varied request by
//   request) at 20 connections as the promotion administrator (unit-tree scope over the promotion bureau) and as the
//   zone leader (scope all);
// - GET /api/promotion/board (the kanban: counts and the first 20 cards of each stage; filters varied) at 20
//   connections, the same two users;
// - both with the answer cache (the default: each user and URL kept for RESPONSE_CACHE_MS, dropped on every write),
//   and from a second server with RESPONSE_CACHE_MS=0, where every request reads the database; the uncached ones
//   also at 1 connection (service time);
// - GET /api/service/metrics for the year 2026 and for its third quarter (not cached by the app) as the service
//   administrator: 1 connection (service time) and 10 connections;
// - the ceiling in the same run: a Fastify route making 2 trivial prepared pg queries (bench/serve-users.ts pg2) at
//   20 connections.
// Each load also reports CPU time per request (Linux /proc): the server process and the PostgreSQL backends of the
// bench database, which a shared machine disturbs far less than latencies.
// The servers run in child processes (bench/serve-app.ts) so that the load generator does not share their event loop.
//
// PostgreSQL: BENCH_PG, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a database is
// created there and dropped at the end. BENCH_KEEP=1 keeps it (its name is printed), BENCH_DB=<name> reuses one (no
// loading). BENCH_SECONDS per load (default 10), BENCH_LEADS (default 50,000), BENCH_REQUESTS (default 200,000).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../packages/server/src/platform/database.ts';
import { seedBase } from '../packages/server/src/db/seed/index.ts';
import { loadPromotionBenchData, PROMOTION_BENCH_LOGINS, type PromotionBenchData } from './promotion-data.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const LEADS = Number(process.env.BENCH_LEADS ?? 50_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200_000);
const LIST_CONNECTIONS = 20;
const METRICS_CONNECTIONS = 10;
const base = process.env.BENCH_PG ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench#2026pw';
const TODAY = '2026-11-23';
/** 18:00 in Shanghai on the data's today. */
const NOW = `${TODAY}T10:00:00Z`;
const LIST_GOAL = 'p99 ≤ 50 ms';
const METRICS_GOAL = '≤ 200 ms';
const { promotionAdmin: ADMIN, leader: LEADER, serviceAdmin: SERVICE_ADMIN } = PROMOTION_BENCH_LOGINS;

const loadAtStart = loadavg()[0]!;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
const reuse = process.env.BENCH_DB;
const dbName = reuse ?? `zoneops_bench_promotion_${Date.now()}`;
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

/** A child server: bench/serve-app.ts (the app) or bench/serve-users.ts pg2 (the round-trip ceiling). */
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
const cpuNote = (c: { server: number; pg: number } | undefined) => (c ? `CPU per request: server ${c.server} ms, PostgreSQL ${c.pg} ms` : undefined);
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

let server: ChildProcess | undefined;
let ceiling: ChildProcess | undefined;
let data: Omit<PromotionBenchData, 'ms'> | undefined;
const answers: Record<string, string> = {};
try {
  // ---- data ----
  {
    const database = await openDatabase({ url: url.toString(), dataDir: '/tmp', poolSize: 4 });
    await database.migrate();
    const db = database.db;
    if (!reuse) {
      await seedBase(db);
      const t0 = performance.now();
      const loaded = await loadPromotionBenchData(db, { leads: LEADS, requests: REQUESTS, today: TODAY, password: PASSWORD });
      const { ms, ...rest } = loaded;
      data = rest;
      results.push({
        name: `load ${loaded.leads.toLocaleString('en')} leads (${loaded.leadEvents.toLocaleString('en')} events), ${loaded.requests.toLocaleString('en')} requests with their ledger items (${loaded.rounds.toLocaleString('en')} rounds, ${loaded.refusals.toLocaleString('en')} refusals) (set-up)`,
        ms: Math.round(performance.now() - t0),
        note: `zone ${(ms.small / 1000).toFixed(1)} s, leads ${(ms.leads / 1000).toFixed(1)} s, requests ${(ms.requests / 1000).toFixed(1)} s, vacuum analyze ${(ms.analyze / 1000).toFixed(1)} s`,
      });
    }
    await database.close();
  }

  // Filter values: a team, the commonest industry, an owner in the administrator's tree, a company fragment.
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  const one = async <T>(text: string, values: unknown[] = []) => (await c.query(text, values)).rows[0] as T;
  if (!data) {
    data = await one<Omit<PromotionBenchData, 'ms'>>(
      `select (select count(*)::int from promotion_leads) as leads, (select count(*)::int from promotion_lead_events) as "leadEvents",
        (select count(*)::int from service_requests) as requests, (select count(*)::int from service_request_rounds) as rounds,
        (select count(*)::int from service_request_refusals) as refusals, (select count(*)::int from enterprises) as enterprises,
        (select count(*)::int from users) as users, (select count(*)::int from units) as units, (select count(*)::int from promotion_teams) as teams,
        (select count(*)::int from promotion_leads l join units u on u.id = l.owner_unit_id
          where l.outcome = 'active' and u.path like (select p.path from units p join users us on us.unit_id = p.id where us.username = $1) || '%')
          as "adminVisibleActive"`,
      [ADMIN],
    );
  }
  const team = (await one<{ id: string }>(`select t.id from promotion_teams t order by t.name limit 1`)).id;
  const industry = (await one<{ industry: string }>(`select industry from promotion_leads group by 1 order by count(*) desc limit 1`)).industry;
  const owner = (
    await one<{ id: string }>(
      `select l.owner_user_id as id from promotion_leads l join units u on u.id = l.owner_unit_id
       where u.path like (select p.path from units p join users us on us.unit_id = p.id where us.username = $1) || '%'
       group by 1 order by count(*) desc limit 1`,
      [ADMIN],
    )
  ).id;
  const code = (await one<{ code: string }>(`select code from promotion_leads order by code limit 1 offset 4242`)).code;
  const yearRounds = (await one<{ n: number }>(`select count(*)::int as n from service_request_rounds where started_at >= '2025-12-31T16:00Z'`)).n;
  await c.end();
  const q = encodeURIComponent;
  const leadPaths = [
    '/api/promotion/leads?page=1',
    '/api/promotion/leads?page=7&sort=company',
    '/api/promotion/leads?page=3&sort=-plannedInvestment&stage=negotiating',
    `/api/promotion/leads?page=2&teamId=${team}`,
    `/api/promotion/leads?page=1&q=${q('鑫石化')}`,
    '/api/promotion/leads?page=100&sort=registeredOn',
    '/api/promotion/leads?page=1&clockState=overdue',
    `/api/promotion/leads?page=2&sort=-updatedAt&industry=${industry}`,
    '/api/promotion/leads?page=1&outcome=rejected',
    `/api/promotion/leads?page=1&q=${code}`,
    '/api/promotion/leads?page=5&sort=stage&stage=signed',
    `/api/promotion/leads?page=1&ownerUserId=${owner}&sort=-updatedAt`,
  ];
  const boardPaths = [
    '/api/promotion/board',
    `/api/promotion/board?teamId=${team}`,
    `/api/promotion/board?industry=${industry}`,
    '/api/promotion/board?clockState=overdue',
    `/api/promotion/board?q=${q('鑫石化')}`,
    '/api/promotion/board?stage=signed',
    `/api/promotion/board?ownerUserId=${owner}`,
    '/api/promotion/board?outcome=withdrawn',
  ];
  const yearPath = '/api/service/metrics?from=2026-01-01&to=2026-12-31';
  const quarterPath = '/api/service/metrics?from=2026-07-01&to=2026-09-30';

  // ---- the ceiling: 2 trivial prepared queries over HTTP, same machine, same run ----
  {
    const started = await serve(['bench/serve-users.ts', 'pg2'], { BENCH_DATABASE_URL: url.toString() });
    ceiling = started.child;
    serverPid = ceiling.pid;
    await load('ceiling: Fastify route + 2 trivial prepared pg queries', started.info.port, ['/api/users'], LIST_CONNECTIONS);
    await stop(ceiling);
  }

  const appEnv = { BENCH_DATABASE_URL: url.toString(), BENCH_USERS: `${ADMIN},${LEADER},${SERVICE_ADMIN}`, BENCH_PASSWORD: PASSWORD, BENCH_NOW: NOW };
  const adminWho = `the promotion administrator (unit tree: ${data.adminVisibleActive.toLocaleString('en')} active leads)`;
  const leaderWho = 'the zone leader (scope all)';

  // ---- the app with the answer cache (the default) ----
  {
    const started = await serve(['bench/serve-app.ts'], appEnv);
    server = started.child;
    serverPid = server.pid;
    const { port, cookies } = started.info;
    // Every path answers 200 for both users; what they see.
    for (const user of [ADMIN, LEADER])
      for (const path of [...leadPaths, ...boardPaths]) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `zo_sid=${cookies[user]!}` } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${path} as ${user}: ${res.status} ${body.slice(0, 300)}`);
        const json = JSON.parse(body) as { total?: number; items?: unknown[]; columns?: { count: number; cards: unknown[] }[] };
        answers[`${user} ${path}`] = json.columns
          ? `${json.columns.reduce((s, x) => s + x.count, 0)} leads, ${json.columns.reduce((s, x) => s + x.cards.length, 0)} cards`
          : `${json.items!.length} of ${json.total}`;
      }
    console.error(answers);
    await load(
      `GET /api/promotion/leads (page of 20; ${leadPaths.length} pages/sorts/filters) as ${adminWho}`,
      port,
      leadPaths,
      LIST_CONNECTIONS,
      cookies[ADMIN],
      LIST_GOAL,
    );
    await load(`the same lists as ${leaderWho}`, port, leadPaths, LIST_CONNECTIONS, cookies[LEADER], LIST_GOAL);
    await load(
      `GET /api/promotion/board (${boardPaths.length} filters) as the promotion administrator`,
      port,
      boardPaths,
      LIST_CONNECTIONS,
      cookies[ADMIN],
      LIST_GOAL,
    );
    await load(`the same boards as ${leaderWho}`, port, boardPaths, LIST_CONNECTIONS, cookies[LEADER], LIST_GOAL);
    await stop(server);
  }

  // ---- the app without the answer cache: every request reads the database ----
  {
    const started = await serve(['bench/serve-app.ts'], { ...appEnv, RESPONSE_CACHE_MS: '0' });
    server = started.child;
    serverPid = server.pid;
    const { port, cookies } = started.info;
    const off = '[RESPONSE_CACHE_MS=0] ';
    await load(`${off}GET /api/promotion/leads (the same ${leadPaths.length}) as the promotion administrator`, port, leadPaths, 1, cookies[ADMIN]);
    await load(`${off}GET /api/promotion/leads as the promotion administrator`, port, leadPaths, LIST_CONNECTIONS, cookies[ADMIN], LIST_GOAL);
    await load(`${off}GET /api/promotion/leads as ${leaderWho}`, port, leadPaths, 1, cookies[LEADER]);
    await load(`${off}GET /api/promotion/leads as ${leaderWho}`, port, leadPaths, LIST_CONNECTIONS, cookies[LEADER], LIST_GOAL);
    await load(`${off}GET /api/promotion/board (the same ${boardPaths.length}) as the promotion administrator`, port, boardPaths, 1, cookies[ADMIN]);
    await load(`${off}GET /api/promotion/board as the promotion administrator`, port, boardPaths, LIST_CONNECTIONS, cookies[ADMIN], LIST_GOAL);
    await load(`${off}GET /api/promotion/board as ${leaderWho}`, port, boardPaths, 1, cookies[LEADER]);
    await load(`${off}GET /api/promotion/board as ${leaderWho}`, port, boardPaths, LIST_CONNECTIONS, cookies[LEADER], LIST_GOAL);
    // The metrics are not behind the answer cache: every request aggregates the rounds of the period.
    {
      const res = await fetch(`http://127.0.0.1:${port}${yearPath}`, { headers: { cookie: `zo_sid=${cookies[SERVICE_ADMIN]!}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${yearPath}: ${res.status} ${body.slice(0, 300)}`);
      const m = JSON.parse(body) as { rows: unknown[]; total: { rounds: number; requests: number; onTimeResponse: { rate: number } } };
      if (m.total.rounds !== yearRounds) throw new Error(`metrics: ${m.total.rounds} rounds in 2026, ${yearRounds} in the table`);
      answers.metrics = `2026: ${m.rows.length} units, ${m.total.rounds} rounds, ${m.total.requests} requests, on-time response ${m.total.onTimeResponse.rate.toFixed(1)} %`;
      console.error(answers.metrics);
    }
    const metricsWho = `as the service administrator (${yearRounds.toLocaleString('en')} rounds in 2026)`;
    await load(`GET ${yearPath} (the year) ${metricsWho}`, port, [yearPath], 1, cookies[SERVICE_ADMIN], METRICS_GOAL);
    await load(`GET ${yearPath} (the year)`, port, [yearPath], METRICS_CONNECTIONS, cookies[SERVICE_ADMIN]);
    await load(`GET ${quarterPath} (a quarter)`, port, [quarterPath], 1, cookies[SERVICE_ADMIN], METRICS_GOAL);
    await load(`GET ${quarterPath} (a quarter)`, port, [quarterPath], METRICS_CONNECTIONS, cookies[SERVICE_ADMIN]);
  }
} finally {
  await stop(ceiling);
  await stop(server);
  if (!process.env.BENCH_KEEP && !reuse) await admin.query(`drop database if exists ${dbName} with (force)`);
  else console.error(`kept database ${dbName}`);
  await admin.end();
}

console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; PostgreSQL; ` +
    `${data?.leads} leads (${data?.leadEvents} events), ${data?.requests} requests (${data?.rounds} rounds, ${data?.refusals} refusals), ` +
    `${data?.units} units, ${data?.users} users, ${data?.teams} teams, ${data?.enterprises} enterprises; ${DURATION}s per load after a 3 s warm-up; ` +
    `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`,
);
console.log('| case | connections | req/s | p50 ms | p99 ms | time | goal | note |');
console.log('|---|---:|---:|---:|---:|---:|---|---|');
for (const r of results)
  console.log(
    `| ${r.name} | ${r.connections ?? ''} | ${r.rps ?? ''} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.ms !== undefined ? (r.ms >= 1000 ? `${(r.ms / 1000).toFixed(1)} s` : `${r.ms} ms`) : ''} | ${r.goal ?? ''} | ${r.note ?? ''} |`,
  );
console.log(JSON.stringify({ bench: 'promotion', duration: DURATION, today: TODAY, load: [loadAtStart, loadavg()[0]], data, answers, results }));
