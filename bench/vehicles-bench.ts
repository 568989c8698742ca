// Closed-park vehicles (issue 8, "Performance"): `npm run bench -- vehicles [a|b|c|all] [--engine postgres|pglite|both]
// [--terminals N] [--seconds N] …` (`--help` lists every flag). One run per engine, the platform in its own process
// (bench/vehicles-bench/serve.ts, spawned through `bash -c 'ulimit -n …; exec node …'` with --expose-gc), the JT/T 808
// terminal simulator in 2 other processes (bench/vehicles-bench/terminals.ts) and the ANPR cameras in another
// (bench/vehicles-bench/gate.ts); CPU (% of one core) and RSS of the platform process from /proc over each window.
// - (a) connections: N terminals (default 10,000; every fourth a 2019 terminal) connect (staggered), register
//   (0x0100 → 0x8100 auth code), authenticate (0x0102) and send heartbeats (0x0002, every --heartbeat s) while held for
//   --hold s; memory per connection = (RSS after − RSS before) / connections held, both after a full GC (and the V8
//   heap delta likewise). Goal ≤ 30 KB.
// - (b) positions: the held terminals send locations (0x0200; --batch > 1: 0x0704 batches) at --rate positions/s
//   (default 10,500, above the goal) or as fast as the platform answers (--rate 0, the capacity: each terminal with
//   ≤ --inflight frames unanswered, so alarms wait in the same queue as every position), for a 5 s warm-up and
//   --seconds measured, against --geofences geofences (default 200: boundary, restricted areas, route corridors,
//   parking lots, speed zones); a terminal sends at most one position per device second, its clock starting
//   --backfill s before the run. A general answer (0x8001) means durable: zero loss = rows in vehicle_positions equal
//   the acknowledged positions. --violators terminals (not counted in N) step into a restricted area once each, evenly
//   over the window; a WebSocket client signed in as a park officer (both /api/park/live/ws and /api/safety/live)
//   times the first 'alarm' message of rule restrictedArea naming the plate (receive − write of the frame). Goals: ≥ 10,000/s on PostgreSQL, alarm
//   p99 ≤ 200 ms. Ceiling in the same run: a batched INSERT … SELECT FROM unnest loop into vehicle_positions
//   (--ceiling-batch rows a statement, one connection, --ceiling-seconds) from the bench process (PostgreSQL) or inside
//   the platform process (PGlite, the only way in).
// - (c) gate events: ANPR multipart posts (XML + a --image-kb JPEG) at --gate-rate/s for --gate-seconds to the ISAPI
//   endpoint (/api/gate/<token>/isapi, the token issued through the API) while the terminals keep sending --busy-rate positions/s; answer p99 (goal ≤ 50 ms), and every
//   answered event spooled (rows of gate_event_spool).
// Databases: a fresh PostgreSQL database on BENCH_PG / TEST_DATABASE_URL / postgres://postgres@127.0.0.1:5432/postgres
// (dropped at the end; BENCH_KEEP=1 keeps it), or a fresh PGlite folder. BENCH_PROFILE=<dir>: CPU profiles of the
// platform's windows. BENCH_LOG=warn: the platform's log.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, setPriority, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { Child, DynamicCpu, Meter, percentile, rss, sleep } from './ingest/common.ts';
import type { GateStats } from './vehicles-bench/gate.ts';
import { restrictedCount, terminalOf } from './vehicles-bench/park.ts';
import type { ParkSpec, Ready } from './vehicles-bench/serve.ts';
import type { TermSpec, TermStats } from './vehicles-bench/terminals.ts';
import { BenchDatabases, type Engine, type Store } from './bench-databases.ts';

const USAGE = `usage: npm run bench -- vehicles [a|b|c|all] [options]
  --engine <postgres|pglite|both>  database of the platform (default postgres)
  --terminals <n>        JT/T 808 connections held (default 10000)
  --stagger <ms>         connection window (default 20000)
  --heartbeat <s>        heartbeat interval (default 15)
  --hold <s>             hold the connections before measuring memory (default 20)
  --seconds <s>          (b) measured window after a 5 s warm-up (default 60)
  --rate <n>             (b) positions/s offered (default 10500, above the goal; 0: as fast as answered, the capacity)
  --inflight <n>         (b) unanswered frames per terminal (default 2)
  --batch <n>            (b) positions per frame (1 = 0x0200, more = 0x0704; default 1)
  --backfill <s>         (b) device clocks start this long before the run (default 120)
  --geofences <n>        geofences (default 200)
  --violators <n>        (b) terminals that enter a restricted area once (default 100)
  --ceiling-seconds <s>  insert ceiling duration (default 10)
  --ceiling-batch <n>    rows per ceiling statement (default 5000)
  --gate-rate <n>        (c) ANPR events/s (default 200)
  --gate-seconds <s>     (c) duration (default 30)
  --image-kb <n>         (c) JPEG size (default 100)
  --busy-rate <n>        (c) positions/s sent meanwhile (default 5000; 0 = none)
  --gate-path <path>     (c) ISAPI endpoint (default: the path issued with the gate token, /api/gate/<token>/isapi)
  --gate-port <thread|main>  (c) post to the gate thread's own port (GATE_PORT, default) or to the main HTTP port
  --fd-limit <n>         open-file limit asked for the platform (default 65536)
  --nice=<n>             run the platform, the simulators and the bench database's PostgreSQL backends at this
                         nice value (e.g. --nice=-10 on a machine shared with other work; default: unchanged)`;

const { values: o, positionals } = parseArgs({
  args: process.argv.slice(3),
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: 'postgres' },
    terminals: { type: 'string', default: '10000' },
    stagger: { type: 'string', default: '20000' },
    heartbeat: { type: 'string', default: '15' },
    hold: { type: 'string', default: '20' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '60' },
    rate: { type: 'string', default: '10500' },
    inflight: { type: 'string', default: '2' },
    batch: { type: 'string', default: '1' },
    backfill: { type: 'string', default: '120' },
    geofences: { type: 'string', default: '200' },
    violators: { type: 'string', default: '100' },
    'ceiling-seconds': { type: 'string', default: '10' },
    'ceiling-batch': { type: 'string', default: '5000' },
    'gate-rate': { type: 'string', default: '200' },
    'gate-seconds': { type: 'string', default: '30' },
    'image-kb': { type: 'string', default: '100' },
    'busy-rate': { type: 'string', default: '5000' },
    'gate-path': { type: 'string', default: '' },
    'gate-port': { type: 'string', default: 'thread' },
    'fd-limit': { type: 'string', default: '65536' },
    nice: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const num = (name: keyof typeof o, min = 0): number => {
  const n = Number(o[name]);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const which = positionals[0] ?? 'all';
if (o.help || !['a', 'b', 'c', 'all'].includes(which) || !['postgres', 'pglite', 'both'].includes(o.engine!)) {
  console.error(USAGE);
  process.exit(o.help ? 0 : 2);
}
const cases = new Set(which === 'all' ? ['a', 'b', 'c'] : [which]);
const engines: Engine[] = o.engine === 'both' ? ['postgres', 'pglite'] : [o.engine as Engine];
const TERMINALS = num('terminals', 1);
const STAGGER_MS = num('stagger');
const HEARTBEAT_S = num('heartbeat');
const HOLD_S = num('hold');
const SECONDS = num('seconds', 1);
const WARM_S = 5;
const RATE = num('rate');
const INFLIGHT = num('inflight', 1);
const BATCH = num('batch', 1);
const BACKFILL_S = num('backfill');
const GEOFENCES = num('geofences', 2);
const VIOLATORS = num('violators');
const CEILING_S = num('ceiling-seconds', 1);
const CEILING_BATCH = num('ceiling-batch', 1);
const GATE_RATE = num('gate-rate', 1);
const GATE_S = num('gate-seconds', 1);
const IMAGE_KB = num('image-kb', 1);
const BUSY_RATE = num('busy-rate');
const FD_LIMIT = num('fd-limit', 1024);
const NICE = o.nice === undefined ? null : Math.round(Number(o.nice));
if (NICE !== null && !(NICE >= -20 && NICE <= 19)) {
  console.error(`--nice must be between -20 and 19\n${USAGE}`);
  process.exit(2);
}
if (NICE !== null) setPriority(NICE);
const GENERATORS = 2;
const CAMERAS = 8;
const base = process.env.BENCH_PG ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench#2026pw';
const USERNAME = 'bench_park';
const PROFILE_DIR = process.env.BENCH_PROFILE;
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const loads: number[] = [loadavg()[0]!];
const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 5000);

// ---- resources, always released ----
const cleanups: (() => Promise<void>)[] = [];
const databases = new BenchDatabases(base, cleanups);

const here = (script: string) => fileURLToPath(new URL(`./vehicles-bench/${script}`, import.meta.url));

/** Spawns a TypeScript script through bash with the open-file limit raised as far as allowed, with an IPC channel. */
function spawnScript(script: string, env: NodeJS.ProcessEnv, execArgv: string[] = []) {
  const node = [process.execPath, ...execArgv, '--import', 'tsx', here(script)].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const proc = spawn('bash', ['-c', `ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${node}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (NICE !== null && proc.pid) setPriority(proc.pid, NICE);
  return proc;
}

const fdLimitOf = (pid: number) => {
  try {
    return /Max open files\s+(\S+)\s+(\S+)/
      .exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))!
      .slice(1, 3)
      .join(' / ');
  } catch {
    return '?';
  }
};

interface Platform {
  child: Child;
  ready: Ready;
  store: Store;
  query<T>(text: string): Promise<T[]>;
  memory(): Promise<{ rss: number; heapUsed: number; gc: boolean }>;
  stop(): Promise<void>;
}

async function startPlatform(engine: Engine, spec: ParkSpec): Promise<Platform> {
  const store = await databases.provision(engine, `zoneops_bench_vehicles_${runId}`);
  const proc = spawnScript('serve.ts', { BENCH_SPEC: JSON.stringify(spec), BENCH_DATA_DIR: store.dataDir, BENCH_DATABASE_URL: store.url ?? '' }, [
    '--expose-gc',
    // as `npm start` runs the platform (package.json): a larger young generation, so that positions waiting for their
    // write die young instead of being promoted and swept (the main thread's GC time fell by half, measured)
    '--max-semi-space-size=64',
  ]);
  const child = new Child(`platform ${engine}`, proc);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.race([child.call('stop').catch(() => undefined), sleep(15_000)]);
    await Promise.race([child.exited, sleep(5_000)]);
    await child.kill();
    await store.drop();
  };
  cleanups.push(stop);
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.onEvent = (m) => {
      if (m.type === 'ready') resolve(m as unknown as Ready);
    };
    void child.exited.then((code) => reject(new Error(`platform exited with ${code} before it was ready`)));
  });
  const query = async <T>(text: string) => (await child.call<{ rows: T[] }>('query', { sql: text })).rows;
  const memory = () => child.call<{ rss: number; heapUsed: number; gc: boolean }>('memory', { gc: true });
  return { child, ready, store, query, memory, stop };
}

function startChildren(script: string, n: number): Child[] {
  const list = Array.from({ length: n }, (_, i) => new Child(`${script} ${i}`, spawnScript(script, {})));
  cleanups.push(async () => {
    await Promise.all(list.map((g) => Promise.race([g.call('end').catch(() => undefined), sleep(5000)])));
    await Promise.all(list.map((g) => g.kill()));
  });
  return list;
}

function sum(stats: TermStats[]): TermStats {
  const out = { ...stats[0]! };
  const keys = [
    'open',
    'registered',
    'authenticated',
    'failed',
    'disconnects',
    'heartbeatsSent',
    'heartbeatsAcked',
    'framesSent',
    'positionsSent',
    'positionsAcked',
    'positionsRejected',
    'inflightFrames',
    'skipped',
    'badFrames',
  ] as const;
  for (const k of keys) out[k] = stats.reduce((s, x) => s + x[k], 0);
  out.errors = stats.flatMap((s) => s.errors).slice(0, 5);
  const merge = (key: 'rejectedByResult' | 'unexpected') => {
    const m: Record<string, number> = {};
    for (const s of stats) for (const [k, v] of Object.entries(s[key])) m[k] = (m[k] ?? 0) + v;
    return m;
  };
  out.rejectedByResult = merge('rejectedByResult');
  out.unexpected = merge('unexpected');
  for (const k of ['ackP50', 'ackP99', 'ackMax', 'handshakeP50', 'handshakeP99'] as const) out[k] = Math.max(...stats.map((s) => s[k]));
  out.cpuPct = Math.round(stats.reduce((s, x) => s + x.cpuPct, 0) * 10) / 10;
  return out;
}

async function profile(platform: Platform, action: 'start' | 'stop', name: string): Promise<string | undefined> {
  if (!PROFILE_DIR) return undefined;
  const file = join(PROFILE_DIR, `vehicles-${name}.cpuprofile`);
  await platform.child.call('profile', { action, file });
  return action === 'stop' ? file : undefined;
}

interface LiveFeed {
  name: string;
  open: boolean;
  error?: string;
  /** plate → arrival times of 'alarm' messages of the rule naming it. */
  seen: Map<string, number[]>;
  /** Alarm messages by rule and change. */
  alarms: Record<string, number>;
  messages: number;
  types: Record<string, number>;
  close(): void;
}

async function liveFeed(name: string, port: number, path: string, cookie: string): Promise<LiveFeed> {
  const feed: LiveFeed = { name, open: false, seen: new Map(), alarms: {}, messages: 0, types: {}, close: () => undefined };
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers: { cookie: `zo_sid=${cookie}`, origin: `http://127.0.0.1:${port}` } });
  feed.close = () => ws.close();
  ws.on('message', (data) => {
    const at = Date.now();
    feed.messages++;
    let m: unknown;
    try {
      m = JSON.parse(String(data));
    } catch {
      return;
    }
    const type = String((m as { type?: unknown }).type ?? '?');
    feed.types[type] = (feed.types[type] ?? 0) + 1;
    const alarm = type === 'alarm' ? (m as { change?: string; alarm?: { plate?: string | null; rule?: string } }) : null;
    if (!alarm?.alarm) return;
    const key = `${alarm.alarm.rule ?? '?'} ${alarm.change ?? '?'}`;
    feed.alarms[key] = (feed.alarms[key] ?? 0) + 1;
    const plate = alarm.alarm.plate;
    if (!plate || alarm.alarm.rule !== 'restrictedArea') return;
    const list = feed.seen.get(plate) ?? [];
    list.push(at);
    feed.seen.set(plate, list);
  });
  const opened = await Promise.race([
    once(ws, 'open').then(() => true),
    once(ws, 'error').then(([e]) => {
      feed.error = (e as Error).message;
      return false;
    }),
    once(ws, 'unexpected-response').then(([, res]) => {
      feed.error = `HTTP ${(res as { statusCode: number }).statusCode}`;
      return false;
    }),
    sleep(10_000).then(() => {
      feed.error = 'no open in 10 s';
      return false;
    }),
  ]);
  feed.open = opened;
  ws.on('error', () => undefined);
  return feed;
}

/** The ceiling: INSERT … SELECT FROM unnest of `batch` rows a statement, back to back on one connection, for `seconds`. */
async function pgCeiling(
  store: Store,
  terminalIds: string[],
  vehicleIds: string[],
  beforeTs: number,
  seconds: number,
  batch: number,
): Promise<{ rows: number; ms: number }> {
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  await client.query('set jit = off');
  let rows = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const cols = {
    tid: [] as string[],
    vid: [] as string[],
    ts: [] as string[],
    lat: [] as number[],
    lon: [] as number[],
    speed: [] as number[],
    course: [] as number[],
  };
  const received = new Date(beforeTs).toISOString();
  while (performance.now() < until) {
    for (const c of Object.values(cols)) c.length = 0;
    for (let i = 0; i < batch; i++) {
      const r = rows + i;
      cols.tid.push(terminalIds[r % terminalIds.length]!);
      cols.vid.push(vehicleIds[r % vehicleIds.length]!);
      cols.ts.push(new Date(beforeTs - 1 - Math.floor(r / terminalIds.length)).toISOString());
      cols.lat.push(23.72 + (r % 1000) / 1e5);
      cols.lon.push(117.55 + (r % 777) / 1e5);
      cols.speed.push(25);
      cols.course.push(r % 360);
    }
    await client.query(
      `insert into vehicle_positions (terminal_id, vehicle_id, ts, received_at, lat, lon, speed_kmh, course)
       select t, v, s, $2::timestamptz, la, lo, sp, co
       from unnest($1::uuid[], $8::uuid[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[]) as u(t, v, s, la, lo, sp, co)`,
      [cols.tid, received, cols.ts, cols.lat, cols.lon, cols.speed, cols.course, cols.vid],
    );
    rows += batch;
  }
  const ms = performance.now() - t0;
  await client.end();
  return { rows, ms };
}

const results: Record<string, unknown>[] = [];
const tables: string[] = [];
const versions: Record<string, string> = {};
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

async function runEngine(engine: Engine): Promise<void> {
  const res: Record<string, unknown> = { engine };
  results.push(res);
  const rows: string[][] = [];
  const row = (measure: string, value: string, goal = '') => rows.push([measure, value, goal]);
  const notes: string[] = [];
  console.error(`\n== vehicles on ${engine}: ${fmt(TERMINALS)} terminals, ${GEOFENCES} geofences, ${VIOLATORS} violators`);
  const spec: ParkSpec = { terminals: TERMINALS + VIOLATORS, geofences: GEOFENCES, cameras: CAMERAS, username: USERNAME, password: PASSWORD };
  const platform = await startPlatform(engine, spec);
  const { ready } = platform;
  const pid = platform.child.pid;
  res.ready = { ...ready, cookie: undefined, gateIsapiPath: ready.gateIsapiPath?.replace(/gate\/[^/]+\//, 'gate/<token>/') };
  res.fdLimit = fdLimitOf(pid);
  console.error(
    `platform ready in ${ready.readyMs} ms (seeding ${ready.seedMs} ms: ${fmt(ready.vehicles)} vehicles, ${ready.geofences} geofences); ` +
      `JT/T 808 ${ready.jt808Port ?? 'off'}, HTTP ${ready.httpPort}; open files ${res.fdLimit as string}`,
  );
  if (!String(res.fdLimit).startsWith(String(FD_LIMIT))) notes.push(`open-file limit asked ${FD_LIMIT}, got ${res.fdLimit as string} (soft / hard)`);
  const cpuAll = new Meter(() => [pid]);
  if (NICE !== null && platform.store.dbName) {
    // The bench database's backends (they come and go with the pool) at the same priority as the platform.
    const reniced = new Set<number>();
    const timer = setInterval(() => {
      void databases
        .backends(platform.store)
        .then((pids) => {
          const fresh = pids.filter((p) => !reniced.has(p));
          fresh.forEach((p) => reniced.add(p));
          if (fresh.length) spawn('renice', ['-n', String(NICE), '-p', ...fresh.map(String)], { stdio: 'ignore' }).on('error', () => undefined);
        })
        .catch(() => undefined);
    }, 1000);
    cleanups.push(async () => clearInterval(timer));
  }
  const terminalIdRows = await platform.query<{ id: string; vehicle_id: string }>('select id, vehicle_id from position_terminals order by identifier');
  const terminalIds = terminalIdRows.map((r) => r.id);
  const vehicleIds = terminalIdRows.map((r) => r.vehicle_id);

  const feeds = await Promise.all([
    liveFeed('park', ready.httpPort, '/api/park/live/ws', ready.cookie),
    liveFeed('safety', ready.httpPort, '/api/safety/live', ready.cookie),
  ]);
  for (const f of feeds) console.error(`live feed ${f.name}: ${f.open ? 'open' : `not open (${f.error})`}`);
  cleanups.push(async () => feeds.forEach((f) => f.close()));

  if (ready.jt808Port === null) {
    notes.push('the JT/T 808 listener did not open (park.positions.start returned no port): (a) and (b) not run');
    cases.delete('a');
    cases.delete('b');
  }

  // ---- (a) connections ----
  const gens = startChildren('terminals.ts', GENERATORS);
  const violators: TermSpec[] = [];
  let connected = 0;
  if (ready.jt808Port !== null) {
    const firstAt = (WARM_S + 2) * 1000;
    const lastAt = (WARM_S + SECONDS - 3) * 1000;
    for (let v = 0; v < VIOLATORS; v++)
      violators.push({ k: TERMINALS + v, violateAtMs: firstAt + Math.round((v * (lastAt - firstAt)) / Math.max(1, VIOLATORS - 1)) });
    const normal: TermSpec[] = Array.from({ length: TERMINALS }, (_, k) => ({ k }));
    const parts: TermSpec[][] = Array.from({ length: GENERATORS }, (_, g) => normal.filter((_, i) => i % GENERATORS === g));
    parts[0]!.push(...violators);
    const mem0 = await platform.memory();
    const rss0 = rss(pid).now;
    const meter = new Meter(() => [pid, ...gens.map((g) => g.pid)]);
    const pgCpu = await new DynamicCpu(() => databases.backends(platform.store)).start();
    const t0 = Date.now();
    const conn = await Promise.all(
      gens.map((g, k) =>
        g.call<TermStats & { ok: number; failed: number; ms: number }>('connect', {
          host: '127.0.0.1',
          port: ready.jt808Port,
          terms: parts[k],
          concurrency: 200,
          staggerMs: STAGGER_MS / parts[k]!.length,
          timeoutMs: 30_000,
        }),
      ),
    );
    const connectMs = Date.now() - t0;
    const mConnect = meter.stop();
    const pgConnect = await pgCpu.stop();
    const cs = sum(conn);
    connected = conn.reduce((s, c) => s + c.ok, 0);
    console.error(
      `${fmt(connected)} of ${fmt(TERMINALS + VIOLATORS)} registered and authenticated in ${connectMs} ms; failures: ${cs.errors.join('; ') || 'none'}`,
    );
    await Promise.all(gens.map((g) => g.call('heartbeat', { everyMs: HEARTBEAT_S * 1000 })));
    await Promise.all(gens.map((g) => g.call('stats', { reset: true })));
    const hold = new Meter(() => [pid]);
    await sleep(HOLD_S * 1000);
    const mHold = hold.stop();
    const held = sum(await Promise.all(gens.map((g) => g.call<TermStats>('stats'))));
    const mem1 = await platform.memory();
    const rss1 = rss(pid).now;
    const perConnRss = held.open ? ((rss1 - rss0) * 1024 * 1024) / held.open : NaN;
    const perConnProc = held.open ? (mem1.rss - mem0.rss) / held.open : NaN;
    const perConnHeap = held.open ? (mem1.heapUsed - mem0.heapUsed) / held.open : NaN;
    Object.assign(res, {
      a: {
        asked: TERMINALS + VIOLATORS,
        connected,
        held: held.open,
        connectMs,
        handshakeP50: cs.handshakeP50,
        handshakeP99: cs.handshakeP99,
        failures: cs.failed,
        errors: cs.errors,
        disconnectsWhileHeld: held.disconnects,
        heartbeatsSent: held.heartbeatsSent,
        heartbeatsAcked: held.heartbeatsAcked,
        unexpected: held.unexpected,
        rssBeforeMiB: Math.round(mem0.rss / 2 ** 20),
        rssAfterMiB: Math.round(mem1.rss / 2 ** 20),
        heapBeforeMiB: Math.round(mem0.heapUsed / 2 ** 20),
        heapAfterMiB: Math.round(mem1.heapUsed / 2 ** 20),
        rssPerConnectionKB: kb(perConnProc),
        rssPerConnectionKBProc: kb(perConnRss),
        heapPerConnectionKB: kb(perConnHeap),
        gcExposed: mem1.gc,
        cpuConnectPct: mConnect.cpuPct([pid]),
        postgresCpuConnectPct: pgConnect.pct,
        cpuHoldPct: mHold.cpuPct([pid]),
        generatorCpuConnectPct: mConnect.cpuPct(gens.map((g) => g.pid)),
      },
    });
    console.error(JSON.stringify(res.a));
    row(
      `(a) JT/T 808 connections held (registered, authenticated, heartbeat every ${HEARTBEAT_S} s, held ${HOLD_S} s)`,
      `${fmt(held.open)} of ${fmt(TERMINALS + VIOLATORS)}`,
      `10,000: ${met(held.open >= 10_000)}`,
    );
    row(
      '(a) connect + register + authenticate: total time, per terminal p50 / p99',
      `${(connectMs / 1000).toFixed(1)} s, ${cs.handshakeP50} / ${cs.handshakeP99} ms`,
    );
    row('(a) heartbeats answered / sent while held; disconnects', `${fmt(held.heartbeatsAcked)} / ${fmt(held.heartbeatsSent)}; ${held.disconnects}`);
    row(
      '(a) memory per connection: RSS delta / connections (after a full GC)',
      `${kb(perConnProc)} KB (${Math.round(mem0.rss / 2 ** 20)} → ${Math.round(mem1.rss / 2 ** 20)} MiB)`,
      `≤ 30 KB: ${met(perConnProc <= 30 * 1024)}`,
    );
    row('(a) V8 heap per connection', `${kb(perConnHeap)} KB (${Math.round(mem0.heapUsed / 2 ** 20)} → ${Math.round(mem1.heapUsed / 2 ** 20)} MiB)`);
    row('(a) platform CPU while connecting / while holding', `${mConnect.cpuPct([pid])} % / ${mHold.cpuPct([pid])} %`);
    if (engine === 'postgres') row('(a) PostgreSQL backends CPU while connecting', `${pgConnect.pct} %`);
  }

  // ---- (b) positions ----
  let acked = 0;
  let ceilingRows = 0;
  if (cases.has('b') && connected > 0) {
    const startAt = Date.now() + 500;
    const restricted = restrictedCount(GEOFENCES);
    const violations: { plate: string; at: number }[] = [];
    for (const g of gens)
      g.onEvent = (m) => {
        if (m.type === 'violation') violations.push({ plate: m.plate as string, at: m.at as number });
      };
    const total = WARM_S + SECONDS;
    const runs = gens.map((g) =>
      g.call<TermStats>('positions', {
        startAt,
        seconds: total,
        rate: RATE / GENERATORS,
        inflight: INFLIGHT,
        backfillS: BACKFILL_S,
        batch: BATCH,
        restricted,
        violate: true,
      }),
    );
    await sleep(startAt + WARM_S * 1000 - Date.now());
    const w0 = sum(await Promise.all(gens.map((g) => g.call<TermStats>('stats'))));
    const pgCpu = await new DynamicCpu(() => databases.backends(platform.store)).start();
    const meter = new Meter(() => [pid, ...gens.map((g) => g.pid)]);
    await profile(platform, 'start', `b-${engine}`);
    // The platform's own view 10 s before the end of the window: queue depth and the last batch written.
    const statusAt = sleep(Math.max(0, startAt + (total - 10) * 1000 - Date.now())).then(() =>
      fetch(`http://127.0.0.1:${ready.httpPort}/api/park/positions/status`, { headers: { cookie: `zo_sid=${ready.cookie}` } })
        .then((r) => r.json() as Promise<{ counters?: Record<string, unknown> }>)
        .catch((e: unknown) => ({ error: String(e) })),
    );
    const gen = sum(await Promise.all(runs));
    const m = meter.stop();
    const pgUsed = await pgCpu.stop();
    const prof = await profile(platform, 'stop', `b-${engine}`);
    const status = await statusAt;
    const drained = sum(await Promise.all(gens.map((g) => g.call<TermStats>('drain', { timeoutMs: 30_000 }))));
    await sleep(1000);
    const stored = (
      await platform.query<{ n: number }>(
        `select count(*)::int as n from vehicle_positions where ts >= '${new Date(startAt - (BACKFILL_S + 2) * 1000).toISOString()}'`,
      )
    )[0]!.n;
    acked = drained.positionsAcked;
    const windowAcked = gen.positionsAcked - w0.positionsAcked;
    const rate = windowAcked / m.seconds;
    const alarms = await platform.query<{ rule: string; n: number; plates: number }>(
      `select rule, count(*)::int as n, count(distinct plate)::int as plates from safety_alarms group by rule order by rule`,
    );
    const violatorPlates = new Set(violators.map((v) => terminalOf(v.k).plate));
    const falseAlarms = (
      await platform.query<{ n: number }>(
        `select count(*)::int as n from safety_alarms where plate is not null and plate <> all(array[${[...violatorPlates].map((p) => `'${p}'`).join(',') || "''"}]::text[])`,
      )
    )[0]!.n;
    // Alarm latency: the first restrictedArea alarm naming the plate on either socket after the frame was written.
    const lat: number[] = [];
    const perFeed: Record<string, number> = {};
    let missing = 0;
    for (const v of violations) {
      let best = Infinity;
      for (const f of feeds) {
        const at = f.seen.get(v.plate)?.find((t) => t >= v.at);
        if (at !== undefined) {
          perFeed[f.name] = (perFeed[f.name] ?? 0) + 1;
          best = Math.min(best, at - v.at);
        }
      }
      if (Number.isFinite(best)) lat.push(best);
      else missing++;
    }
    lat.sort((x, y) => x - y);
    const pgUsedPct = pgUsed.pct;
    const b = {
      seconds: total,
      measuredSeconds: Math.round(m.seconds * 10) / 10,
      rate: RATE,
      inflight: INFLIGHT,
      batch: BATCH,
      framesSent: drained.framesSent,
      positionsSent: drained.positionsSent,
      positionsAcked: drained.positionsAcked,
      positionsRejected: drained.positionsRejected,
      rejectedByResult: drained.rejectedByResult,
      unansweredAtEnd: drained.inflightFrames,
      rowsStored: stored,
      lost: drained.positionsAcked - stored,
      positionsPerSecond: Math.round(rate),
      positionsPerSecondOverall: Math.round(drained.positionsAcked / total),
      ackP50: gen.ackP50,
      ackP99: gen.ackP99,
      ackMax: gen.ackMax,
      skipped: gen.skipped,
      disconnects: drained.disconnects,
      badFrames: drained.badFrames,
      unexpected: drained.unexpected,
      violations: violations.length,
      alarmLatency: {
        n: lat.length,
        missing,
        p50: percentile(lat, 0.5),
        p95: percentile(lat, 0.95),
        p99: percentile(lat, 0.99),
        max: lat[lat.length - 1] ?? NaN,
      },
      alarmMessagesPerFeed: perFeed,
      feedTypes: Object.fromEntries(feeds.map((f) => [f.name, { ...f.types }])),
      feedAlarms: Object.fromEntries(feeds.map((f) => [f.name, { ...f.alarms }])),
      alarmsByRule: Object.fromEntries(alarms.map((r) => [r.rule, `${r.n} (${r.plates} plates)`])),
      alarmsOfNonViolators: falseAlarms,
      platformCpuPct: m.cpuPct([pid]),
      platformCpuMsPer1000: windowAcked ? Math.round((m.cpuMs([pid]) / (windowAcked / 1000)) * 100) / 100 : null,
      postgresCpuPct: pgUsedPct,
      generatorCpuPct: m.cpuPct(gens.map((g) => g.pid)),
      platformRssPeakMiB: m.rssPeak(pid),
      pipeline: (status as { counters?: Record<string, unknown> }).counters ?? status,
      profile: prof,
    };
    res.b = b;
    console.error(JSON.stringify(b));
    const goal = engine === 'postgres' ? '≥ 10,000/s' : '– (goal is on PostgreSQL)';
    row(
      `(b) positions/s sustained (acknowledged = durable), ${SECONDS} s after ${WARM_S} s warm-up, ${GEOFENCES} geofences, ${RATE ? `offered ${fmt(RATE)}/s` : `as fast as answered, ≤ ${INFLIGHT} frames in flight per terminal`}${BATCH > 1 ? `, ${BATCH} a frame` : ''}`,
      fmt(rate),
      engine === 'postgres' ? `${goal}: ${met(rate >= 10_000)}` : goal,
    );
    row(
      '(b) positions sent / acknowledged / rejected / rows stored',
      `${fmt(b.positionsSent)} / ${fmt(b.positionsAcked)} / ${fmt(b.positionsRejected)} / ${fmt(stored)}`,
      `zero loss: ${met(b.lost <= 0 && b.unansweredAtEnd === 0)}`,
    );
    row('(b) location frame → general answer p50 / p99 / max', `${b.ackP50} / ${b.ackP99} / ${b.ackMax} ms`);
    row(
      `(b) alarm latency (frame into a restricted area → its restrictedArea alarm on the live socket) p50 / p95 / p99 / max, ${lat.length} of ${violations.length}`,
      `${b.alarmLatency.p50} / ${b.alarmLatency.p95} / **${b.alarmLatency.p99}** / ${b.alarmLatency.max} ms`,
      `p99 ≤ 200 ms: ${lat.length ? met(b.alarmLatency.p99 <= 200 && missing === 0) : '**not measured**'}`,
    );
    row(
      '(b) alarms by rule (distinct plates); alarms of plates that broke no rule',
      `${alarms.map((r) => `${r.rule} ${r.n} (${r.plates})`).join(', ') || 'none'}; ${falseAlarms}`,
    );
    row('(b) platform CPU (% of one core; ms per 1,000 positions)', `${b.platformCpuPct} % (${b.platformCpuMsPer1000})`);
    if (engine === 'postgres') row('(b) PostgreSQL backends CPU', `${pgUsedPct} %`);
    row('(b) simulator CPU (2 processes, not counted)', `${b.generatorCpuPct} %`);
    const pc = (status as { counters?: { queueDepth?: number; lastFlushMs?: number; lastFlushRows?: number; batches?: number } }).counters;
    if (pc)
      row(
        "(b) the platform's write path 10 s before the end: queue depth; last batch rows in ms; batches so far",
        `${fmt(pc.queueDepth ?? NaN)}; ${fmt(pc.lastFlushRows ?? NaN)} in ${pc.lastFlushMs} ms; ${fmt(pc.batches ?? NaN)}`,
      );
    row('(b) platform RSS peak in the window', `${b.platformRssPeakMiB} MiB`);

    // The ceiling: the same table, direct batched inserts, while the terminals are connected and quiet.
    const beforeTs = startAt - (BACKFILL_S + 3600) * 1000;
    const ceilingCpu = new Meter(() => [pid]);
    const ceilingPg = await new DynamicCpu(() => databases.backends(platform.store)).start();
    let ceiling: { rows: number; ms: number };
    if (engine === 'postgres') ceiling = await pgCeiling(platform.store, terminalIds, vehicleIds, beforeTs, CEILING_S, CEILING_BATCH);
    else
      ceiling = await platform.child.call<{ rows: number; ms: number }>('ceiling', {
        terminalIds,
        vehicleIds,
        beforeTs,
        seconds: CEILING_S,
        batch: CEILING_BATCH,
      });
    const cm = ceilingCpu.stop();
    const cpg = await ceilingPg.stop();
    const ceilingRate = ceiling.rows / (ceiling.ms / 1000);
    ceilingRows = ceiling.rows;
    res.ceiling = {
      ...ceiling,
      rowsPerSecond: Math.round(ceilingRate),
      batch: CEILING_BATCH,
      ratio: Math.round((rate / ceilingRate) * 1000) / 10,
      platformCpuPct: cm.cpuPct([pid]),
      postgresCpuPct: cpg.pct,
    };
    console.error(JSON.stringify(res.ceiling));
    row(
      `ceiling: INSERT … SELECT FROM unnest, ${fmt(CEILING_BATCH)} rows a statement, one connection, ${engine === 'postgres' ? 'from the bench process' : 'inside the platform process'}, ${CEILING_S} s`,
      `${fmt(ceilingRate)} rows/s (${fmt(ceiling.rows)} rows)`,
    );
    row('(b) ratio to the ceiling', `${Math.round((rate / ceilingRate) * 1000) / 10} %`);
  }

  // ---- (c) gate events while the database is busy ----
  const gatePath = o['gate-path'] || ready.gateIsapiPath;
  if (cases.has('c') && !gatePath) notes.push(`(c) not run: no gate token (${ready.gateError ?? 'unknown'})`);
  if (cases.has('c') && gatePath) {
    const [gate] = startChildren('gate.ts', 1);
    const startAt = Date.now() + 1000;
    const busy =
      BUSY_RATE > 0 && connected > 0
        ? gens.map((g) =>
            g.call<TermStats>('positions', {
              startAt,
              seconds: GATE_S,
              rate: BUSY_RATE / GENERATORS,
              inflight: INFLIGHT,
              backfillS: 0,
              batch: 1,
              restricted: restrictedCount(GEOFENCES),
              violate: false,
            }),
          )
        : [];
    for (const g of gens) g.onEvent = () => undefined;
    const spool0 = (await platform.query<{ n: number }>('select count(*)::int as n from gate_event_spool'))[0]!.n;
    const pgCpu = await new DynamicCpu(() => databases.backends(platform.store)).start();
    const meter = new Meter(() => [pid, gate!.pid, ...gens.map((g) => g.pid)]);
    const plates = Array.from({ length: 500 }, (_, k) => terminalOf(k).plate);
    await profile(platform, 'start', `c-${engine}`);
    const gs = await gate!.call<GateStats>('run', {
      host: '127.0.0.1',
      port: o['gate-port'] === 'main' ? ready.httpPort : ready.gatePort,
      path: gatePath,
      headers: {},
      startAt,
      seconds: GATE_S,
      rate: GATE_RATE,
      imageBytes: IMAGE_KB * 1024,
      devices: ready.cameras,
      plates,
      maxSockets: 64,
      tag: `bench-${runId}`,
    });
    const busyStats = busy.length ? sum(await Promise.all(busy)) : null;
    await profile(platform, 'stop', `c-${engine}`);
    const m = meter.stop();
    const pgUsed = await pgCpu.stop();
    const drained = busy.length ? sum(await Promise.all(gens.map((g) => g.call<TermStats>('drain', { timeoutMs: 30_000 })))) : null;
    await sleep(1000);
    const spooled = (await platform.query<{ n: number }>('select count(*)::int as n from gate_event_spool'))[0]!.n - spool0;
    const byStatus = await platform.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from gate_event_spool group by status order by status',
    );
    const passes = (await platform.query<{ n: number }>('select count(*)::int as n from gate_passes'))[0]!.n;
    const ok = gs.byStatus['200'] ?? 0;
    const { id: _id, ...gsOut } = gs as GateStats & { id?: number };
    void _id;
    const c = {
      ...gsOut,
      path: gatePath.replace(/gate\/[^/]+\//, 'gate/<token>/'),
      rate: GATE_RATE,
      seconds: GATE_S,
      imageKB: IMAGE_KB,
      spooled,
      spoolByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
      passes,
      busyPositionsAcked: busyStats?.positionsAcked ?? 0,
      busyPositionsPerSecond: busyStats ? Math.round(busyStats.positionsAcked / GATE_S) : 0,
      busyAckP99: busyStats?.ackP99 ?? null,
      platformCpuPct: m.cpuPct([pid]),
      postgresCpuPct: pgUsed.pct,
      gateGeneratorCpuPct: m.cpuPct([gate!.pid]),
      platformRssPeakMiB: m.rssPeak(pid),
    };
    res.c = c;
    console.error(JSON.stringify(c));
    if (drained) acked += drained.positionsAcked;
    row(
      `(c) ANPR posts answered 200 / sent (${GATE_RATE}/s, ${GATE_S} s, ${IMAGE_KB} KB JPEG each, ${kb(gs.bytesPerRequest)} KB a request; to the ${o['gate-port'] === 'main' ? 'main HTTP port' : `gate thread's port, thread nice ${ready.gatePriority.nice}${ready.gatePriority.refused ? ` (not raised: ${ready.gatePriority.refused})` : ''}`})`,
      `${fmt(ok)} / ${fmt(gs.sent)}${gs.errors ? ` (${gs.errors} errors: ${gs.errorSamples[0]})` : ''}${Object.keys(gs.byStatus).some((s) => s !== '200') ? `; statuses ${JSON.stringify(gs.byStatus)}` : ''}`,
    );
    row(
      '(c) answer p50 / p95 / p99 / max',
      `${gs.p50} / ${gs.p95} / **${gs.p99}** / ${gs.max} ms`,
      `p99 ≤ 50 ms: ${ok ? met(gs.p99 <= 50) : '**not measured**'}`,
    );
    row('(c) events spooled (rows of gate_event_spool) / answered 200', `${fmt(spooled)} / ${fmt(ok)}`, `all spooled: ${ok ? met(spooled >= ok) : '–'}`);
    row('(c) spool 1 s after the last post: processed into passes / still pending', `${fmt(c.spoolByStatus.done ?? 0)} / ${fmt(c.spoolByStatus.pending ?? 0)}`);
    row(
      '(c) meanwhile: positions acknowledged per second (database busy)',
      busyStats ? `${fmt(c.busyPositionsPerSecond)} (answer p99 ${busyStats.ackP99} ms)` : 'none',
    );
    row('(c) platform CPU / PostgreSQL backends CPU', `${c.platformCpuPct} % / ${engine === 'postgres' ? `${c.postgresCpuPct} %` : '–'}`);
  }

  // Zero loss over the whole run: every position acknowledged in (b) and (c) is a row (the ceiling's rows apart).
  if (acked) {
    const all = (await platform.query<{ n: number }>('select count(*)::int as n from vehicle_positions'))[0]!.n - ceilingRows;
    res.wholeRun = { acked, rows: all, lost: acked - all };
    row('whole run: positions acknowledged / rows stored (ceiling rows apart)', `${fmt(acked)} / ${fmt(all)}`, `zero loss: ${met(acked <= all)}`);
  }
  const whole = cpuAll.stop();
  res.platformCpuWholeRunPct = whole.cpuPct([pid]);
  res.platformRssPeakMiB = rss(pid).peak;
  row('platform RSS high-water mark (whole run)', `${rss(pid).peak} MiB`);
  feeds.forEach((f) => f.close());
  await Promise.all(gens.map((g) => g.call('end').catch(() => undefined)));
  await platform.stop();
  tables.push(
    [
      `### ${engine === 'postgres' ? `PostgreSQL ${versions.postgres ?? ''}`.trim() : 'PGlite'}`,
      '',
      '| measure | value | goal |',
      '|---|---:|---|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    ].join('\n'),
  );
}

// ---- run ----
let failure: unknown;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`${signal}: stopping the children, dropping the bench databases`);
    void (async () => {
      for (const c of cleanups.reverse()) await c().catch(() => undefined);
      process.exit(130);
    })();
  });
const started = Date.now();
try {
  if (engines.includes('postgres'))
    versions.postgres = (await (await databases.adminClient()).query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  for (const engine of engines) {
    try {
      await runEngine(engine);
    } catch (e) {
      failure = e;
      console.error(e);
      const message = e instanceof Error ? e.message : String(e);
      const r = results.find((x) => x.engine === engine);
      if (r) r.error = message;
      else results.push({ engine, error: message });
      tables.push(`### ${engine}: **failed**: ${message.split('\n')[0]}`);
    }
    for (const c of cleanups.splice(0).reverse()) await c().catch((e: unknown) => console.error('cleanup:', e));
  }
} catch (e) {
  failure = e;
  console.error(e);
} finally {
  for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error('cleanup:', e));
  clearInterval(loadTimer);
}
loads.push(loadavg()[0]!);
const machine = `${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${versions.postgres ? `, PostgreSQL ${versions.postgres}` : ''}`;
const loadText = `load average (1 min) ${loads[0]!.toFixed(1)} at the start, ${Math.max(...loads).toFixed(1)} at most, ${loads[loads.length - 1]!.toFixed(1)} at the end`;
console.log(
  `\nmachine: ${machine}; ${loadText}; ${((Date.now() - started) / 1000).toFixed(0)} s; command: npm run bench -- vehicles ${process.argv.slice(3).join(' ')}`.trimEnd() +
    '\n',
);
for (const t of tables) console.log(`${t}\n`);
console.log(JSON.stringify({ bench: 'vehicles', machine, load: { start: loads[0], max: Math.max(...loads), end: loads[loads.length - 1] }, results }));
if (failure) process.exitCode = 1;
