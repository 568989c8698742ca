// Key projects at scale on PostgreSQL (issue 4): 10,000 projects, 200,000 milestone rows, 360,000 monthly reports
// (bench/projects-data.ts), then
// - the projects' light job once after loading (the app's projects.recomputeAll()), and once more in steady state;
// - GET /api/projects/map (every located project) as the zone leader (data scope all): 1 connection (service time)
//   and 10 connections;
// - GET /api/projects/dashboard?year=<the data's year> as the zone leader: 1 and 10 connections;
// - GET /api/projects (page of 20; pages, sorts and filters varied request by request) at 20 connections, as the
//   zone leader and as a department head (unitTree scope: the visibility condition applies);
// - the ceiling in the same run: a Fastify route making 2 trivial prepared pg queries (bench/serve-users.ts pg2, as
//   the users-list benchmark), at 10 and 20 connections;
// - the battle map in headless Chromium with the built web: sign in as the leader, open /projects/map, wait for the
//   markers; the page's measure 'battlemap:render' (points arrived → markers on the map) and navigation start →
//   rendered, 3 runs (the median is reported); a screenshot to /tmp/battlemap-bench.png.
// The server runs in a child process (bench/serve-app.ts) so that the load generator does not share its event loop.
//
// PostgreSQL: BENCH_PG, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a database is
// created there and dropped at the end. BENCH_KEEP=1 keeps it (its name is printed), BENCH_DB=<name> reuses one (no
// loading). BENCH_SECONDS per load (default 15), BENCH_PROJECTS (default 10,000), BENCH_BROWSER=0 skips Chromium.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { openDatabase, queryRows } from '../packages/server/src/platform/database.ts';
import { ManualClock } from '../packages/server/src/platform/clock.ts';
import { seedBase } from '../packages/server/src/db/seed/index.ts';
import { loadProjectsBenchData } from './projects-data.ts';
import { CHROMIUM, launch } from '../e2e/browser.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const MILESTONES_PER_PROJECT = 20;
const REPORT_MONTHS = 36;
const MAP_CONNECTIONS = 10;
const LIST_CONNECTIONS = 20;
const BROWSER_RUNS = 3;
const base = process.env.BENCH_PG ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench#2026pw';
const TODAY = '2026-11-23';
const YEAR = Number(TODAY.slice(0, 4));
const LEADER = 'leader';
const DEPT_HEAD = 'construction';
const SCREENSHOT = '/tmp/battlemap-bench.png';

const admin = new pg.Client({ connectionString: base });
await admin.connect();
const reuse = process.env.BENCH_DB;
const dbName = reuse ?? `zoneops_bench_projects_${Date.now()}`;
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

async function timed<T>(name: string, fn: () => Promise<T>, note?: (v: T) => string, goal?: string): Promise<T> {
  const t0 = performance.now();
  const v = await fn();
  const ms = Math.round(performance.now() - t0);
  results.push({ name, ms, ...(note ? { note: note(v) } : {}), ...(goal ? { goal } : {}) });
  console.error(`${name}: ${ms} ms${note ? ` (${note(v)})` : ''}`);
  return v;
}

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

/** autocannon over one or more paths (each connection cycles through them in order): 3 s warm-up, then measured. */
async function load(name: string, port: number, paths: string[], connections: number, cookie?: string, goal?: string): Promise<Result> {
  const headers: Record<string, string> = cookie ? { cookie: `zo_sid=${cookie}` } : {};
  const opts = { url: `http://127.0.0.1:${port}`, headers, requests: paths.map((path) => ({ method: 'GET' as const, path })) };
  await autocannon({ ...opts, connections: Math.min(connections, 5), duration: 3 });
  const r = await autocannon({ ...opts, connections, duration: DURATION, timeout: 30 });
  if (r.non2xx) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
  if (r.errors || r.timeouts) throw new Error(`${name}: ${r.errors} errors, ${r.timeouts} timeouts`);
  const res: Result = { name, connections, rps: Math.round(r.requests.average * 10) / 10, p50: r.latency.p50, p99: r.latency.p99, ...(goal ? { goal } : {}) };
  results.push(res);
  console.error(`${name}: ${res.rps} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms (${connections} connections)`);
  return res;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

let server: ChildProcess | undefined;
let ceiling: ChildProcess | undefined;
let browserResult: { runs: { renderMs: number; navToDataMs: number; navToRenderedMs: number; markers: number; longestTaskMs: number }[] } | undefined;
let data: { projects: number; milestones: number; reports: number } | undefined;
try {
  // ---- data: the loader, then the light job through the app (as the hourly job runs it) ----
  {
    const database = await openDatabase({ url: url.toString(), dataDir: '/tmp', poolSize: 4 });
    await database.migrate();
    const db = database.db;
    if (!reuse) {
      await seedBase(db);
      const loaded = await timed(
        `load ${PROJECTS.toLocaleString('en')} projects, ${(PROJECTS * MILESTONES_PER_PROJECT).toLocaleString('en')} milestones, ${(PROJECTS * REPORT_MONTHS).toLocaleString('en')} reports (set-up)`,
        () =>
          loadProjectsBenchData(db, {
            projects: PROJECTS,
            milestonesPerProject: MILESTONES_PER_PROJECT,
            reportMonths: REPORT_MONTHS,
            today: TODAY,
            password: PASSWORD,
          }),
        (d) => `${d.projects} projects, ${d.milestones} milestones, ${d.reports} reports; vacuum analyze ${(d.ms.analyze / 1000).toFixed(1)} s`,
      );
      data = { projects: loaded.projects, milestones: loaded.milestones, reports: loaded.reports };
    } else {
      const [c] = await queryRows<{ projects: number; milestones: number; reports: number }>(
        db,
        sql`select (select count(*)::int from projects) as projects, (select count(*)::int from project_milestones) as milestones,
            (select count(*)::int from investment_reports) as reports`,
      );
      data = c!;
    }
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'zoneops-bench-')), LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), JOBS: 'false' });
    const built = await buildApp(config, database, { logger: false, clock: new ManualClock(new Date(`${TODAY}T01:00:00Z`)) });
    await timed(
      "projects' light job, first run after loading (projects.recomputeAll())",
      () => built.projects.recomputeAll(),
      (r) => `${r.checked} checked, ${r.changed} changed`,
    );
    await timed(
      "projects' light job again (steady state: the hourly run)",
      () => built.projects.recomputeAll(),
      (r) => `${r.checked} checked, ${r.changed} changed`,
    );
    await built.app.close();
    // As autovacuum would after the job rewrote the lights.
    await db.execute(sql`vacuum analyze projects`);
    await database.close();
  }

  // Filters of the list: a responsible unit (the department head's) and the commonest industry.
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  const unitId = (await c.query<{ id: string }>(`select unit_id as id from users where username = $1`, [DEPT_HEAD])).rows[0]!.id;
  const industry = (await c.query<{ industry: string }>(`select industry from projects group by 1 order by count(*) desc limit 1`)).rows[0]!.industry;
  const located = (await c.query<{ n: number }>(`select count(*)::int as n from projects where deleted_at is null and lng is not null`)).rows[0]!.n;
  await c.end();

  // ---- the ceiling: 2 trivial prepared queries over HTTP, same machine, same run ----
  {
    const started = await serve(['bench/serve-users.ts', 'pg2'], { BENCH_DATABASE_URL: url.toString() });
    ceiling = started.child;
    await load('ceiling: Fastify route + 2 trivial prepared pg queries', started.info.port, ['/api/users'], MAP_CONNECTIONS);
    await load('ceiling: Fastify route + 2 trivial prepared pg queries', started.info.port, ['/api/users'], LIST_CONNECTIONS);
    await stop(ceiling);
  }

  // ---- the app's routes ----
  const started = await serve(['bench/serve-app.ts'], {
    BENCH_DATABASE_URL: url.toString(),
    BENCH_USERS: `${LEADER},${DEPT_HEAD}`,
    BENCH_PASSWORD: PASSWORD,
    BENCH_NOW: `${TODAY}T01:00:00Z`,
  });
  server = started.child;
  const { port, cookies } = started.info;
  {
    const res = await fetch(`http://127.0.0.1:${port}/api/projects/map`, { headers: { cookie: `zo_sid=${cookies[LEADER]!}` } });
    const body = await res.text();
    const points = (JSON.parse(body) as { points: unknown[] }).points.length;
    if (points !== located) throw new Error(`map: ${points} points, ${located} located projects`);
    console.error(`map answer: ${points} points, ${(body.length / 1024).toFixed(0)} KiB (${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB UTF-8)`);
  }
  const mapPath = ['/api/projects/map'];
  const mapGoal = 'p99 ≤ 150 ms';
  await load(`GET /api/projects/map (${located.toLocaleString('en')} points) as the zone leader`, port, mapPath, 1, cookies[LEADER]);
  await load(`GET /api/projects/map (${located.toLocaleString('en')} points) as the zone leader`, port, mapPath, MAP_CONNECTIONS, cookies[LEADER], mapGoal);
  const dashPath = [`/api/projects/dashboard?year=${YEAR}`];
  await load(`GET /api/projects/dashboard?year=${YEAR} as the zone leader`, port, dashPath, 1, cookies[LEADER]);
  await load(`GET /api/projects/dashboard?year=${YEAR} as the zone leader`, port, dashPath, MAP_CONNECTIONS, cookies[LEADER], 'p99 ≤ 100 ms');
  await load(`GET /api/projects/dashboard?year=${YEAR} as a department head (unitTree)`, port, dashPath, MAP_CONNECTIONS, cookies[DEPT_HEAD], 'p99 ≤ 100 ms');
  // Pages, sorts and filters change request by request (each connection cycles through them).
  const lists = [
    '/api/projects?page=1',
    '/api/projects?page=7&sort=name',
    '/api/projects?page=3&sort=-ytdCompleted&stage=construction',
    '/api/projects?page=2&sort=light&light=red,yellow',
    `/api/projects?page=5&sort=-annualPercent&industry=${encodeURIComponent(industry)}`,
    '/api/projects?page=120&sort=plannedStartOn',
    `/api/projects?page=1&leadUnitId=${unitId}`,
    '/api/projects?page=2&sort=stage&focus=true',
    `/api/projects?page=1&q=${encodeURIComponent('园')}`,
    '/api/projects?page=40&sort=-createdAt',
  ];
  await load(
    `GET /api/projects (page of 20; ${lists.length} pages/sorts/filters) as the zone leader`,
    port,
    lists,
    LIST_CONNECTIONS,
    cookies[LEADER],
    'p99 ≤ 50 ms',
  );
  await load(`the same lists as a department head (unitTree scope)`, port, lists, LIST_CONNECTIONS, cookies[DEPT_HEAD], 'p99 ≤ 50 ms');

  // ---- the battle map in headless Chromium ----
  if (process.env.BENCH_BROWSER !== '0' && existsSync(CHROMIUM)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    browserResult = await browserRuns(`http://127.0.0.1:${port}`, located);
    const renders = browserResult.runs.map((r) => r.renderMs);
    const navs = browserResult.runs.map((r) => r.navToRenderedMs);
    results.push({
      name: `browser: battle map, points arrived → ${located.toLocaleString('en')} markers rendered ('battlemap:render'), median of ${BROWSER_RUNS}`,
      ms: Math.round(median(renders)),
      note: `runs ${renders.map((x) => Math.round(x)).join(', ')} ms`,
    });
    results.push({
      name: `browser: navigation start → markers rendered, median of ${BROWSER_RUNS}`,
      ms: Math.round(median(navs)),
      note: `runs ${navs.map((x) => Math.round(x)).join(', ')} ms; points arrived at ${browserResult.runs.map((r) => Math.round(r.navToDataMs)).join(', ')} ms; longest task ${browserResult.runs.map((r) => Math.round(r.longestTaskMs)).join(', ')} ms`,
    });
  } else console.error('[skip] browser runs (BENCH_BROWSER=0 or no Chromium)');
} finally {
  await stop(ceiling);
  await stop(server);
  if (!process.env.BENCH_KEEP) await admin.query(`drop database if exists ${dbName} with (force)`);
  else console.error(`kept database ${dbName}`);
  await admin.end();
}

/** Signs in as the leader in a fresh browser context, opens /projects/map, waits for the markers: BROWSER_RUNS times. */
async function browserRuns(origin: string, expected: number) {
  const browser = await launch();
  const runs: { renderMs: number; navToDataMs: number; navToRenderedMs: number; markers: number; longestTaskMs: number }[] = [];
  try {
    for (let i = 0; i < BROWSER_RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      // Long tasks (≥ 50 ms of main thread) from the start of each document: how smooth the render is.
      await context.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.__longTasks.push(e.duration);
          }).observe({ type: 'longtask', buffered: true });
        } catch {
          // no long-task timing in this browser
        }
      });
      const page = await context.newPage();
      await page.goto(`${origin}/login`);
      await page.getByTestId('login-username').fill(LEADER);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('menu-workbench').waitFor({ timeout: 60_000 });
      await page.goto(`${origin}/projects/map`);
      await page.locator('[data-marker-count]').waitFor({ timeout: 120_000 });
      const m = await page.evaluate(() => {
        const measure = performance.getEntriesByName('battlemap:render').at(-1);
        const dataMark = performance.getEntriesByName('battlemap:data').at(-1);
        const rendered = performance.getEntriesByName('battlemap:rendered').at(-1);
        const el = document.querySelector('[data-marker-count]');
        return {
          renderMs: measure?.duration ?? NaN,
          navToDataMs: dataMark?.startTime ?? NaN,
          navToRenderedMs: rendered?.startTime ?? NaN,
          markers: Number(el?.getAttribute('data-marker-count')),
          longestTaskMs: Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
        };
      });
      if (m.markers !== expected) throw new Error(`browser: ${m.markers} markers, expected ${expected}`);
      runs.push(m);
      console.error(
        `browser run ${i + 1}: render ${m.renderMs.toFixed(0)} ms, navigation → data ${m.navToDataMs.toFixed(0)} ms, → rendered ${m.navToRenderedMs.toFixed(0)} ms, longest task ${m.longestTaskMs.toFixed(0)} ms`,
      );
      if (i === 0) {
        await page.waitForTimeout(500);
        await page.screenshot({ path: SCREENSHOT });
        console.error(`screenshot ${SCREENSHOT}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { runs };
}

console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; PostgreSQL; ` +
    `${data?.projects} projects, ${data?.milestones} milestones, ${data?.reports} reports; ${DURATION}s per load after a 3 s warm-up\n`,
);
console.log('| case | connections | req/s | p50 ms | p99 ms | time | goal | note |');
console.log('|---|---:|---:|---:|---:|---:|---|---|');
for (const r of results)
  console.log(
    `| ${r.name} | ${r.connections ?? ''} | ${r.rps ?? ''} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.ms !== undefined ? (r.ms >= 1000 ? `${(r.ms / 1000).toFixed(1)} s` : `${r.ms} ms`) : ''} | ${r.goal ?? ''} | ${r.note ?? ''} |`,
  );
console.log(JSON.stringify({ bench: 'projects', duration: DURATION, data, results, browser: browserResult }));
