// The leaders' cockpit (issue 9, goal: the cockpit's data ≤ 200 ms p99). On a fresh PGlite and a fresh PostgreSQL
// database: migrations, the base seed and the full demo data as the first `npm start` loads it (the zone; ~900 key
// projects with milestones and reports; the ledgers' 60 days; economy; promotion; enterprise service; safety; closed
// park; assessments) on a clock fixed at 2026-11-23 09:00 Shanghai; then, as the demo leader (data scope all, every
// tile):
// (1) each tile computed alone, in turn: the first (cold) computation and the median of 10 more, to see the slowest;
//     and the whole cockpit (tiles side by side) the same way;
// (2) autocannon GET /api/cockpit, 10 connections, BENCH_SECONDS (default 20) after a 3 s warm-up, with the answer
//     cache as configured by default (RESPONSE_CACHE_MS 10 s);
// (3) the same with the cache off (RESPONSE_CACHE_MS=0): every request computes the cockpit; and with 1 connection,
//     the compute's own latency (on PGlite's one connection, 10 connections mostly measure the queue);
// (4) the ceiling in the same run: GET /api/auth/me (a trivial authenticated route: the session look-up and a small
//     answer) with the same connections and duration.
// The server runs in a child process (this file with COCKPIT_SERVE=1) so that the load generator does not share its
// event loop; PGlite is closed by the loader first (one process owns its files).
//
// PostgreSQL: BENCH_PG, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres (a database is
// created there and dropped at the end; BENCH_KEEP=1 keeps it). BENCH_ENGINES=pglite,postgres (default both).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { openDatabase, queryRows } from '../packages/server/src/platform/database.ts';
import { demoPrincipal } from '../packages/server/src/db/seed/demo-actors.ts';
import { createAssessmentService } from '../packages/server/src/modules/assessments/assessment.service.ts';
import { createCockpit, type TileKey } from '../packages/server/src/modules/cockpit/build-cockpit.ts';
import { createLedgerService } from '../packages/server/src/modules/ledger/ledger.service.ts';
import { BenchDatabases, type Engine } from './bench-databases.ts';
import { loadFullDemo } from './demo-load.ts';

const NOW = new Date('2026-11-23T01:00:00Z');
const PASSWORD = 'Bench#2026pw';
const LEADER = 'leader';
const CONNECTIONS = 10;
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const REPS = 10;
const GOAL = '≤ 200 ms p99';

// ---- the child: serves the app on the prepared database and signs the leader in ----------------------------------
if (process.env.COCKPIT_SERVE === '1') {
  const dataDir = process.env.BENCH_DATA_DIR!;
  const url = process.env.BENCH_DATABASE_URL || undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS: 'false',
    ...(url ? { DATABASE_URL: url } : {}),
    ...(process.env.RESPONSE_CACHE_MS ? { RESPONSE_CACHE_MS: process.env.RESPONSE_CACHE_MS } : {}),
  });
  const database = await openDatabase({ url, dataDir, poolSize: 10 });
  // A clock that starts at NOW and runs: sessions stay fresh, the data's "today" holds.
  const offset = Date.now();
  const clock = { now: () => new Date(NOW.getTime() + (Date.now() - offset)) };
  const { app } = await buildApp({ ...config, loginRateLimit: 1000 }, database, { logger: false, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: LEADER, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${LEADER}: ${res.statusCode} ${res.body}`);
  const addr = app.server.address();
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, cookie: res.cookies.find((c) => c.name === 'zo_sid')!.value }));
  process.on('SIGTERM', () => void app.close().then(() => database.close().then(() => process.exit(0))));
} else {
  await main();
}

interface Row {
  engine: Engine;
  name: string;
  cold?: number;
  p50?: number;
  p99?: number;
  rps?: number;
  ms?: number;
  goal?: string;
  note?: string;
}

async function main() {
  const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as Engine[];
  const base = process.env.BENCH_PG ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const rows: Row[] = [];
  const facts: Record<string, unknown> = {};
  const loadAtStart = loadavg()[0]!;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };

  /** The first computation and the median of REPS more. */
  async function time(fn: () => Promise<unknown>): Promise<{ cold: number; p50: number }> {
    let t = performance.now();
    await fn();
    const cold = performance.now() - t;
    const runs: number[] = [];
    for (let i = 0; i < REPS; i++) {
      t = performance.now();
      await fn();
      runs.push(performance.now() - t);
    }
    return { cold: round1(cold), p50: round1(median(runs)) };
  }

  function serve(store: { url?: string; dataDir: string }, cacheMs?: number): Promise<{ child: ChildProcess; port: number; cookie: string }> {
    const env = {
      ...process.env,
      COCKPIT_SERVE: '1',
      BENCH_DATA_DIR: store.dataDir,
      BENCH_DATABASE_URL: store.url ?? '',
      ...(cacheMs !== undefined ? { RESPONSE_CACHE_MS: String(cacheMs) } : {}),
    };
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, ...(JSON.parse(line) as { port: number; cookie: string }) }));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  }
  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  async function load(engine: Engine, name: string, port: number, cookie: string, path: string, goal?: string, connections = CONNECTIONS): Promise<Row> {
    const opts = { url: `http://127.0.0.1:${port}${path}`, headers: { cookie: `zo_sid=${cookie}` } };
    await autocannon({ ...opts, connections, duration: 3 });
    const r = await autocannon({ ...opts, connections, duration: DURATION, timeout: 30 });
    if (r.non2xx || r.errors || r.timeouts) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    const row: Row = { engine, name, rps: round1(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, ...(goal ? { goal } : {}) };
    rows.push(row);
    console.error(`${engine} ${name}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms`);
    return row;
  }

  const cleanups: (() => Promise<void>)[] = [];
  const dbs = new BenchDatabases(base, cleanups);
  try {
    for (const engine of ENGINES) {
      const store = await dbs.provision(engine, `zoneops_bench_cockpit_${Date.now()}`);
      try {
        // ---- the full demo data, then each tile alone ----
        const database = await openDatabase({ url: store.url, dataDir: store.dataDir, poolSize: 4 });
        const t0 = performance.now();
        const built = await loadFullDemo(database, store, { password: PASSWORD, now: NOW });
        const { deps } = built;
        const db = database.db;
        await db.execute(sql`update users set must_change_password = false, password_changed_at = now()`);
        rows.push({ engine, name: 'load: migrations, base seed, full demo data (set-up)', ms: Math.round(performance.now() - t0) });
        const counts = (
          await queryRows<Record<string, number>>(
            db,
            sql.raw(
              `select ${[
                'projects',
                'project_milestones',
                'investment_reports',
                'ledger_items',
                'promotion_leads',
                'service_request_rounds',
                'safety_alarms',
                'park_visits',
                'assessment_runs',
              ]
                .map((t) => `(select count(*)::int from ${t}) as "${t}"`)
                .join(', ')}`,
            ),
          )
        )[0]!;
        console.error(`${engine}: demo data in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${JSON.stringify(counts)}`);

        const cockpit = createCockpit(deps, { ...built, ledger: createLedgerService(deps), assessments: createAssessmentService(deps) });
        const leader = await demoPrincipal(db, LEADER);
        const day = cockpit.dayOf();
        const perTile: Record<string, { cold: number; p50: number }> = {};
        for (const key of Object.keys(cockpit.tiles) as TileKey[]) {
          const tile = cockpit.tiles[key] as (p: typeof leader, d: typeof day) => Promise<unknown>;
          perTile[key] = await time(() => tile(leader, day));
          rows.push({ engine, name: `tile ${key} alone (cold, then median of ${REPS})`, ...perTile[key] });
        }
        const whole = await time(() => cockpit.build(leader));
        rows.push({ engine, name: `the whole cockpit, tiles side by side (cold, then median of ${REPS})`, ...whole, goal: GOAL });
        const slowest = Object.entries(perTile).sort((a, b) => b[1].p50 - a[1].p50)[0]!;
        console.error(`${engine}: tiles ${JSON.stringify(perTile)}; whole ${JSON.stringify(whole)}`);
        facts[engine] = { rows: counts, slowestTile: slowest[0], bytes: JSON.stringify(await cockpit.build(leader)).length };
        await built.app.close();
        await database.close();

        // ---- over HTTP: cache as configured (and the ceiling), then the cache off ----
        let server = await serve(store);
        try {
          await load(engine, `GET /api/cockpit, answer cache on (${CONNECTIONS} connections, ${DURATION} s)`, server.port, server.cookie, '/api/cockpit', GOAL);
          await load(engine, `ceiling: GET /api/auth/me (${CONNECTIONS} connections, ${DURATION} s)`, server.port, server.cookie, '/api/auth/me');
        } finally {
          await stop(server.child);
        }
        server = await serve(store, 0);
        try {
          await load(
            engine,
            `GET /api/cockpit, answer cache off: computed each time (${CONNECTIONS} connections, ${DURATION} s)`,
            server.port,
            server.cookie,
            '/api/cockpit',
            GOAL,
          );
          // One request at a time: the compute's own latency, without waiting behind the others (PGlite has one
          // connection, so at 10 connections a request mostly waits for the nine before it).
          await load(engine, `GET /api/cockpit, answer cache off, 1 connection (${DURATION} s)`, server.port, server.cookie, '/api/cockpit', GOAL, 1);
        } finally {
          await stop(server.child);
        }
      } finally {
        await store.drop();
      }
    }
  } finally {
    for (const c of cleanups.reverse()) await c();
  }

  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ` +
      `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`,
  );
  console.log('| engine | case | cold ms | p50 ms | p99 ms | req/s | time | goal |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows)
    console.log(
      `| ${r.engine} | ${r.name} | ${r.cold ?? ''} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.rps ?? ''} | ${r.ms !== undefined ? `${(r.ms / 1000).toFixed(1)} s` : ''} | ${r.goal ?? ''} |`,
    );
  console.log(JSON.stringify({ bench: 'cockpit', connections: CONNECTIONS, seconds: DURATION, reps: REPS, load: [loadAtStart, loadavg()[0]], facts, rows }));
}
