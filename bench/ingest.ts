// Telemetry ingestion (issue 7, "Performance"): `npm run bench -- ingest [a|b|c|all] [--engine pglite|postgres|both]
// [--seconds N]` (default: all, both engines, 60 s).
// - (a) a realistic park: 2,000 device connections (MQTT user name = token, connections staggered over 10 s), each
//   publishing {ts, values: {t1, t2, t3}} once a second at QoS 1 (6,000 readings/s) for a 5 s warm-up and N seconds
//   measured; 120 points (40 devices) go past hh at known times and a WebSocket client signed in as a safety officer
//   times the 'alarm' events (receive − publish, same machine clock); zero loss = readings stored = readings acked.
//   Embedded broker on both engines. Targets: zero loss, alarm p99 ≤ 200 ms, platform CPU ≤ 50 % of one core.
// - (b) gateway throughput: 40 gateways × 50 devices × 3 tags (150 readings a message), each gateway keeping at most
//   8 messages unacknowledged, as fast as the platform acknowledges, 5 s warm-up + N s measured: PGlite with the
//   embedded broker (goal ≥ 30,000 readings/s); PostgreSQL with Mosquitto (MQTT_URL, goal ≥ 100,000/s), where the
//   broker acknowledges at once, so the generators are held to a backlog of readings over what PostgreSQL has stored
//   (pg_stat_user_tables). Ceiling in the same run: COPY of as many rows into telemetry_readings.
// - (c) single-reading messages: 2,000 devices publish one value a message, the rate stepped up (2k, 5k, 10k, 15k,
//   20k, 30k, 40k msg/s) for N/4 s a step, at most 100 unacknowledged per connection; the highest step with zero
//   loss and ≥ 99 % of its messages acknowledged within the step and 2 s after it (acknowledgements keeping up),
//   and the highest rate acknowledged during a step. Stops at the first step that fails.
// The platform runs in its own process (bench/ingest/serve.ts) on a fresh PGlite DATA_DIR or a fresh PostgreSQL
// database (created on BENCH_PG / TEST_DATABASE_URL / postgres://postgres@127.0.0.1:5432/postgres, dropped at the
// end); the load comes from 2 generator processes (bench/ingest/generator.ts, raw-socket MQTT). CPU and memory of
// the platform process come from /proc over the measured window; PostgreSQL backends, Mosquitto and the generators
// are reported apart and not counted as the platform's. Mosquitto: a private instance on a free port (BENCH_MQTT_URL
// to use another broker). BENCH_PROFILE=<dir> writes a CPU profile of the platform's measured window per case;
// BENCH_SQL_STATS=1 prints the time spent inside PGlite per statement over that window; BENCH_LOG=warn shows the
// platform's log. Sizes: BENCH_DEVICES (2,000), BENCH_GATEWAYS (40), BENCH_INFLIGHT (8 per gateway), BENCH_BACKLOG
// (readings over what is stored, external broker; default 1,000 messages' worth), BENCH_STEPS, BENCH_STEP_SECONDS,
// BENCH_DRAIN_SECONDS (2); BENCH_JOBS=0 without the scheduler; BENCH_B_BROKER=embedded runs (b) on PostgreSQL with the
// embedded broker; BENCH_KEEP=1 keeps the PostgreSQL databases.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { BENCH_THRESHOLDS, Child, DynamicCpu, forkScript, Meter, percentile, rss, sleep, type RegistrySpec } from './ingest/common.ts';
import type { GenClient, GenStats } from './ingest/generator.ts';
import { BenchDatabases, type Engine, type Store } from './bench-databases.ts';

type Scenario = 'a' | 'b' | 'c';

// ---- options ----
const argv = process.argv.slice(3);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const positional = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const which = positional[0] ?? 'all';
if (!['a', 'b', 'c', 'all'].includes(which) || !['pglite', 'postgres', 'both'].includes(flag('--engine') ?? 'both') || !(Number(flag('--seconds') ?? 60) > 0)) {
  console.error('usage: npm run bench -- ingest [a|b|c|all] [--engine pglite|postgres|both] [--seconds N]');
  process.exit(2);
}
const scenarios: Scenario[] = which === 'all' ? ['a', 'b', 'c'] : [which as Scenario];
const engineOpt = flag('--engine') ?? 'both';
const engines: Engine[] = engineOpt === 'both' ? ['pglite', 'postgres'] : [engineOpt as Engine];
const SECONDS = Number(flag('--seconds') ?? process.env.BENCH_SECONDS ?? 60);
const WARM_S = 5;
const PARK_DEVICES = Number(process.env.BENCH_DEVICES ?? 2000);
const EXCURSION_DEVICES = 40;
const GATEWAYS = Number(process.env.BENCH_GATEWAYS ?? 40);
const PER_GATEWAY = 50;
const GATEWAY_INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 8);
const STEPS = (process.env.BENCH_STEPS ?? '2000,5000,10000,15000,20000,30000,40000').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_STEP_SECONDS ?? Math.max(5, Math.round(SECONDS / 4)));
const SINGLE_INFLIGHT = 100;
/** After a step: how long acknowledgements may trail it and still count as keeping up. */
const DRAIN_S = Number(process.env.BENCH_DRAIN_SECONDS ?? 2);
const GENERATORS = 2;
const TAGS = ['t1', 't2', 't3'];
const base = process.env.BENCH_PG ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench#2026pw';
const USERNAME = 'bench_safety';
const PROFILE_DIR = process.env.BENCH_PROFILE;
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const loadAtStart = loadavg();
const fmt = (n: number) => Math.round(n).toLocaleString('en');

// ---- resources, always released ----
const cleanups: (() => Promise<void>)[] = [];
const databases = new BenchDatabases(base, cleanups);

interface Ready {
  httpPort: number;
  mqttPort: number | null;
  cookie: string;
  points: number;
  pointIds: Record<string, string>;
  seedMs: number;
  readyMs: number;
}

interface Platform {
  child: Child;
  ready: Ready;
  store: Store;
  query<T>(text: string): Promise<T[]>;
  count(): Promise<number>;
  stop(): Promise<void>;
}

async function startPlatform(engine: Engine, tag: string, spec: RegistrySpec, env: NodeJS.ProcessEnv = {}): Promise<Platform> {
  const store = await databases.provision(engine, `zoneops_bench_ingest_${tag}_${runId}`);
  const proc = forkScript('./serve.ts', {
    BENCH_SPEC: JSON.stringify(spec),
    BENCH_DATA_DIR: store.dataDir,
    BENCH_DATABASE_URL: store.url ?? '',
    ...env,
  });
  const child = new Child(`platform ${engine} ${tag}`, proc);
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
  const count = async () => (await query<{ n: number }>('select count(*)::int as n from telemetry_readings'))[0]!.n;
  return { child, ready, store, query, count, stop };
}

async function startGenerators(n: number): Promise<Child[]> {
  const gens = Array.from({ length: n }, (_, i) => new Child(`generator ${i}`, forkScript('./generator.ts')));
  cleanups.push(async () => {
    await Promise.all(gens.map((g) => Promise.race([g.call('end').catch(() => undefined), sleep(5000)])));
    await Promise.all(gens.map((g) => g.kill()));
  });
  return gens;
}

const split = <T>(items: T[], n: number): T[][] =>
  Array.from({ length: n }, (_, k) => items.slice(Math.floor((k * items.length) / n), Math.floor(((k + 1) * items.length) / n)));

function sum(stats: GenStats[]): GenStats {
  const keys: (keyof GenStats)[] = ['published', 'acked', 'readingsPublished', 'readingsAcked', 'inflight', 'skipped', 'strayAcks', 'disconnects'];
  const out = { ...stats[0]! };
  for (const k of keys) out[k] = stats.reduce((s, x) => s + x[k], 0);
  out.ackP50 = Math.max(...stats.map((s) => s.ackP50));
  out.ackP99 = Math.max(...stats.map((s) => s.ackP99));
  out.ackMax = Math.max(...stats.map((s) => s.ackMax));
  out.cpuPct = Math.round(stats.reduce((s, x) => s + x.cpuPct, 0) * 10) / 10;
  return out;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

/** A private Mosquitto (the installed one with its default limits: 20 in flight, 1,000 queued per client), unless BENCH_MQTT_URL. */
async function startMosquitto(): Promise<{ url: string; host: string; port: number; pid?: number; version: string }> {
  if (process.env.BENCH_MQTT_URL) {
    const u = new URL(process.env.BENCH_MQTT_URL);
    return { url: process.env.BENCH_MQTT_URL, host: u.hostname, port: Number(u.port || 1883), version: 'external (BENCH_MQTT_URL)' };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-bench-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type error', ''].join('\n'));
  const proc: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  cleanups.push(async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await once(proc, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const version = await new Promise<string>((resolve) => {
    const v = spawn('mosquitto', ['-h'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    v.stdout.on('data', (d: Buffer) => (out += d.toString()));
    v.on('close', () => resolve(/mosquitto version (\S+)/.exec(out)?.[1] ?? '?'));
  });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect({ host: '127.0.0.1', port }, () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) break;
    await sleep(50);
  }
  return { url: `mqtt://127.0.0.1:${port}`, host: '127.0.0.1', port, pid: proc.pid, version };
}

/** Rows inserted into telemetry_readings and its partitions, from the statistics (lag ≤ ~1 s; PostgreSQL only). */
async function insertedStat(store: Store): Promise<number> {
  const r = await store.client!.query<{ n: string | number }>(
    `select coalesce(sum(n_tup_ins), 0) as n from pg_stat_user_tables where relname like 'telemetry_readings%'`,
  );
  return Number(r.rows[0]!.n);
}

/** The platform's CPU with its connections open and no traffic (scheduler, housekeeping, timers), % of one core. */
async function idleCpu(platform: Platform, ms = 5000): Promise<number> {
  const meter = new Meter(() => [platform.child.pid]);
  await sleep(ms);
  return meter.stop().cpuPct([platform.child.pid]);
}

/** ingest.flush() with a limit: a platform that has stopped storing must not hang the benchmark. */
async function flush(platform: Platform): Promise<boolean> {
  const done = await Promise.race([platform.child.call('flush').then(() => true), sleep(30_000).then(() => false)]);
  if (!done) console.error('ingest.flush() did not return within 30 s');
  return done;
}

async function profile(platform: Platform, action: 'start' | 'stop', name: string): Promise<string | undefined> {
  if (process.env.BENCH_SQL_STATS === '1') {
    const { stats } = await platform.child.call<{ stats: { sql: string; calls: number; ms: number }[] }>('sqlstats', { reset: true });
    if (action === 'stop')
      console.error(
        `time inside PGlite per statement (${name}):\n${stats.map((x) => `  ${String(x.ms).padStart(7)} ms ${String(x.calls).padStart(7)} × ${x.sql}`).join('\n')}`,
      );
  }
  if (!PROFILE_DIR) return undefined;
  const file = join(PROFILE_DIR, `ingest-${name}.cpuprofile`);
  await platform.child.call('profile', { action, file });
  return action === 'stop' ? file : undefined;
}

const results: Record<string, unknown>[] = [];
const tables: string[] = [];
const pgVersion = async () => (await (await databases.adminClient()).query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
const versions: Record<string, string> = {};

// ---- (a) a realistic park ----
async function runPark(engine: Engine): Promise<void> {
  console.error(`\n(a) park on ${engine}: ${PARK_DEVICES} devices, ${SECONDS} s`);
  const excursionDevices = Array.from({ length: EXCURSION_DEVICES }, (_, k) => (Math.floor((k * PARK_DEVICES) / EXCURSION_DEVICES) + 7) % PARK_DEVICES);
  const excursionKeys = excursionDevices.flatMap((i) => TAGS.map((t) => `dev-${i}/${t}`));
  const spec: RegistrySpec = {
    devices: PARK_DEVICES,
    gateways: 0,
    perGateway: 0,
    tags: TAGS,
    enterprises: 20,
    tokenPrefix: `bench-${runId}-`,
    watch: excursionKeys,
    username: USERNAME,
    password: PASSWORD,
  };
  const platform = await startPlatform(engine, 'park', spec);
  const { ready } = platform;
  console.error(`platform ready in ${ready.readyMs} ms (seeding ${ready.seedMs} ms, ${ready.points} points), MQTT ${ready.mqttPort}`);
  if (!ready.mqttPort) throw new Error('the embedded broker did not start (ingest.start returned no MQTT port)');

  // The live feed, signed in as the safety officer.
  const received: { at: number; pointId: string | null; change: string }[] = [];
  const hello: unknown[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${ready.httpPort}/api/safety/live`, {
    headers: { cookie: `zo_sid=${ready.cookie}`, origin: `http://127.0.0.1:${ready.httpPort}` },
  });
  ws.on('message', (data) => {
    const at = Date.now();
    const m = JSON.parse(String(data)) as { type: string; change?: string; alarm?: { pointId: string | null } };
    if (m.type === 'alarm') received.push({ at, pointId: m.alarm!.pointId, change: m.change! });
    else if (m.type === 'hello') hello.push(m);
  });
  await Promise.race([
    once(ws, 'open'),
    once(ws, 'error').then(([e]) => Promise.reject(e as Error)),
    sleep(10_000).then(() => Promise.reject(new Error('WebSocket: no open in 10 s'))),
  ]);

  const gens = await startGenerators(GENERATORS);
  const clients: GenClient[] = Array.from({ length: PARK_DEVICES }, (_, i) => ({
    clientId: `bench-dev-${i}`,
    username: `${spec.tokenPrefix}d${i}`,
    topic: 'v1/devices/me/telemetry',
    name: `dev-${i}`,
  }));
  const parts = split(clients, GENERATORS);
  const connectWindowMs = 10_000;
  const t0 = Date.now();
  const conn = await Promise.all(
    gens.map((g, k) =>
      g.call<{ ok: number; failed: number; errors: string[] }>('connect', {
        host: '127.0.0.1',
        port: ready.mqttPort,
        clients: parts[k],
        staggerMs: connectWindowMs / parts[k]!.length,
      }),
    ),
  );
  const connectMs = Date.now() - t0;
  const connected = conn.reduce((s, c) => s + c.ok, 0);
  console.error(`${connected} connected in ${connectMs} ms${conn.some((c) => c.failed) ? `; failed ${conn.map((c) => c.errors.join('; ')).join('; ')}` : ''}`);

  const idle = await idleCpu(platform);
  // Excursions: 120 points past hh, evenly over the measured window, each once.
  const total = WARM_S + SECONDS;
  const firstAt = (WARM_S + 2) * 1000;
  const lastAt = (total - 3) * 1000;
  const excursions = excursionKeys.map((key, j) => {
    const [name, tag] = key.split('/') as [string, string];
    return { name, tag, atMs: firstAt + Math.round((j * (lastAt - firstAt)) / Math.max(1, excursionKeys.length - 1)), value: BENCH_THRESHOLDS.hh + 50 };
  });
  const published: { key: string; at: number }[] = [];
  for (const g of gens)
    g.onEvent = (m) => {
      if (m.type === 'excursion') published.push({ key: m.key as string, at: m.at as number });
    };
  const startAt = Date.now() + 500;
  const runs = gens.map((g, k) =>
    g.call<GenStats>('park', {
      startAt,
      seconds: total,
      tags: TAGS,
      excursions: excursions.filter((e) => parts[k]!.some((c) => c.name === e.name)),
    }),
  );
  await sleep(startAt + WARM_S * 1000 - Date.now());
  const pgCpu = await new DynamicCpu(() => databases.backends(platform.store)).start();
  const w0 = sum(await Promise.all(gens.map((g) => g.call<GenStats>('stats'))));
  const meter = new Meter(() => [platform.child.pid, ...gens.map((g) => g.pid)]);
  await profile(platform, 'start', `a-${engine}`);
  const gen = sum(await Promise.all(runs));
  const m = meter.stop();
  const pgUsed = await pgCpu.stop();
  const prof = await profile(platform, 'stop', `a-${engine}`);
  const drained = sum(await Promise.all(gens.map((g) => g.call<GenStats>('drain', { timeoutMs: 15_000 }))));
  await flush(platform);
  await sleep(1000);
  const rows = await platform.count();
  const ids = Object.values(ready.pointIds);
  const alarmRows = await platform.query<{ point_id: string; n: number }>(
    `select point_id, count(*)::int as n from safety_alarms where rule = 'threshold' and point_id in (${ids.map((i) => `'${i}'`).join(',')}) group by point_id`,
  );
  const allAlarms = await platform.query<{ rule: string; n: number }>(`select rule, count(*)::int as n from safety_alarms group by rule order by rule`);
  const rejections = await platform.query<{ reason: string; n: number }>(
    `select reason, sum(count)::int as n from ingest_rejections group by reason order by reason`,
  );
  ws.close();

  // Latency: the first 'alarm' event of each excursion point after its publish.
  const latencies: number[] = [];
  let missing = 0;
  for (const p of published) {
    const pointId = ready.pointIds[p.key];
    const ev = received.find((r) => r.pointId === pointId && r.at >= p.at);
    if (ev) latencies.push(ev.at - p.at);
    else missing++;
  }
  latencies.sort((x, y) => x - y);
  const changes: Record<string, number> = {};
  for (const r of received) changes[r.change] = (changes[r.change] ?? 0) + 1;
  const platformCpu = m.cpuPct([platform.child.pid]);
  const windowReadings = gen.readingsPublished - w0.readingsPublished;
  const cpuPer1000 = Math.round((m.cpuMs([platform.child.pid]) / (windowReadings / 1000)) * 100) / 100;
  const lost = drained.readingsAcked - rows;
  const res = {
    scenario: 'a',
    engine,
    broker: 'embedded',
    devices: PARK_DEVICES,
    connected,
    connectMs,
    seconds: total,
    measuredSeconds: Math.round(m.seconds * 10) / 10,
    messagesPublished: drained.published,
    messagesAcked: drained.acked,
    readingsPublished: drained.readingsPublished,
    readingsAcked: drained.readingsAcked,
    rowsStored: rows,
    lost,
    unackedAtEnd: drained.inflight,
    skipped: gen.skipped,
    disconnects: drained.disconnects,
    readingsPerSecond: Math.round(drained.readingsAcked / total),
    ackP50: gen.ackP50,
    ackP99: gen.ackP99,
    ackMax: gen.ackMax,
    excursions: published.length,
    alarmEvents: received.length,
    alarmChanges: changes,
    alarmLatency: {
      n: latencies.length,
      missing,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? NaN,
    },
    alarmRowsForExcursionPoints: alarmRows.length,
    alarmRowsDuplicated: alarmRows.filter((r) => r.n > 1).length,
    alarmsByRule: Object.fromEntries(allAlarms.map((r) => [r.rule, r.n])),
    rejections: Object.fromEntries(rejections.map((r) => [r.reason, r.n])),
    platformCpuPct: platformCpu,
    platformCpuMsPer1000Readings: cpuPer1000,
    platformCpuIdlePct: idle,
    postgresCpuPct: pgUsed.pct,
    generatorCpuPct: m.cpuPct(gens.map((g) => g.pid)),
    platformRssPeakMiB: m.rssPeak(platform.child.pid),
    platformRssEndMiB: rss(platform.child.pid).now,
    platformRssHighWaterMiB: rss(platform.child.pid).peak,
    profile: prof,
  };
  results.push(res);
  console.error(JSON.stringify(res));
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  const lat = res.alarmLatency;
  tables.push(
    [
      `### (a) park on ${engine} (embedded broker): ${fmt(PARK_DEVICES)} connections × 3 values/s, ${WARM_S} s warm-up + ${SECONDS} s measured`,
      '',
      '| measure | value | target |',
      '|---|---:|---|',
      `| connections (staggered over ${connectWindowMs / 1000} s) | ${fmt(connected)} in ${(connectMs / 1000).toFixed(1)} s | |`,
      `| messages published / acked | ${fmt(res.messagesPublished)} / ${fmt(res.messagesAcked)} | |`,
      `| readings acked / rows stored | ${fmt(res.readingsAcked)} / ${fmt(rows)} | zero loss: ${met(lost <= 0 && res.unackedAtEnd === 0)} (${lost > 0 ? `${fmt(lost)} lost` : lost < 0 ? `${fmt(-lost)} stored but not acked` : 'equal'}) |`,
      `| readings/s | ${fmt(res.readingsPerSecond)} | 6,000 |`,
      `| PUBACK after publish p50 / p99 / max | ${res.ackP50} / ${res.ackP99} / ${res.ackMax} ms | |`,
      `| alarm latency publish → WebSocket p50 / p95 / p99 / max (${lat.n} of ${res.excursions} excursions${missing ? `, ${missing} never pushed` : ''}) | ${lat.p50} / ${lat.p95} / ${lat.p99} / ${lat.max} ms | p99 ≤ 200 ms: ${met(lat.p99 <= 200 && missing === 0)} |`,
      `| alarm rows of the excursion points (one each) | ${res.alarmRowsForExcursionPoints} of ${excursionKeys.length}${res.alarmRowsDuplicated ? `, ${res.alarmRowsDuplicated} duplicated` : ''} | |`,
      `| platform CPU (process, % of one core) | ${platformCpu} % (${cpuPer1000} ms per 1,000 readings) | ≤ 50 %: ${met(platformCpu <= 50)} |`,
      `| platform CPU connected but idle (5 s before the run) | ${idle} % | |`,
      ...(engine === 'postgres' ? [`| PostgreSQL backends CPU | ${res.postgresCpuPct} % | (not the platform's) |`] : []),
      `| generators CPU (2 processes) | ${res.generatorCpuPct} % | (not counted) |`,
      `| platform RSS peak in window / end / high-water | ${res.platformRssPeakMiB} / ${res.platformRssEndMiB} / ${res.platformRssHighWaterMiB} MiB | |`,
      `| rejections | ${rejections.length ? rejections.map((r) => `${r.reason} ${r.n}`).join(', ') : 'none'} | |`,
    ].join('\n'),
  );
  await Promise.all(gens.map((g) => g.call('end').catch(() => undefined)));
  await platform.stop();
}

// ---- (b) gateway throughput ----
async function runGateway(engine: Engine): Promise<void> {
  const external = engine === 'postgres' && process.env.BENCH_B_BROKER !== 'embedded';
  console.error(`\n(b) gateways on ${engine} with ${external ? 'Mosquitto' : 'the embedded broker'}: ${GATEWAYS} × ${PER_GATEWAY} devices, ${SECONDS} s`);
  const spec: RegistrySpec = {
    devices: 0,
    gateways: GATEWAYS,
    perGateway: PER_GATEWAY,
    tags: TAGS,
    enterprises: 20,
    tokenPrefix: `bench-${runId}-`,
    watch: [],
    username: USERNAME,
    password: PASSWORD,
  };
  const broker = external ? await startMosquitto() : undefined;
  if (broker) versions.mosquitto = broker.version;
  const platform = await startPlatform(engine, 'gw', spec, broker ? { MQTT_URL: broker.url, MQTT_SHARE_GROUP: `bench${runId}` } : {});
  const { ready } = platform;
  console.error(`platform ready in ${ready.readyMs} ms (seeding ${ready.seedMs} ms, ${ready.points} points), MQTT ${broker?.url ?? ready.mqttPort}`);
  const port = broker ? broker.port : ready.mqttPort;
  if (!port) throw new Error('no broker to publish to');
  if (broker) await sleep(1000); // the platform's shared subscription is in place

  const gens = await startGenerators(GENERATORS);
  const clients: GenClient[] = Array.from({ length: GATEWAYS }, (_, g) => {
    const token = `${spec.tokenPrefix}g${g}`;
    return {
      clientId: `bench-gw-${g}-${runId}`,
      username: token,
      topic: broker ? `zoneops/${token}/v1/gateway/telemetry` : 'v1/gateway/telemetry',
      name: `gw-${g}`,
      devices: Array.from({ length: PER_GATEWAY }, (_, j) => `gw${g}-d${j}`),
    };
  });
  const parts = split(clients, GENERATORS);
  const conn = await Promise.all(
    gens.map((g, k) => g.call<{ ok: number; failed: number; errors: string[] }>('connect', { host: '127.0.0.1', port, clients: parts[k], staggerMs: 5 })),
  );
  if (conn.some((c) => c.failed)) throw new Error(`gateways could not connect: ${conn.map((c) => c.errors.join('; ')).join('; ')}`);
  console.error(`${GATEWAYS} gateways connected; publishing`);

  const idle = await idleCpu(platform);
  // With the external broker, the generators may run ahead of what is stored by a backlog of readings at most.
  const perMessage = PER_GATEWAY * TAGS.length;
  // 1,000 messages: what a stock Mosquitto queues per client (max_queued_messages) before it drops QoS 1 messages.
  const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 1000 * perMessage);
  const stored0 = broker ? await insertedStat(platform.store) : 0;
  const samples: { at: number; stored: number }[] = [];
  let polling: NodeJS.Timeout | undefined;
  if (broker) {
    const poll = async () => {
      const stored = (await insertedStat(platform.store)) - stored0;
      samples.push({ at: Date.now(), stored });
      parts.forEach((p, k) => gens[k]!.send('budget', { readings: Math.floor(((stored + BACKLOG) * p.length) / GATEWAYS) }));
    };
    polling = setInterval(() => void poll().catch(() => undefined), 250);
  }
  const total = WARM_S + SECONDS;
  const startAt = Date.now() + 300;
  const runs = gens.map((g, k) =>
    g.call<GenStats>('gateway', {
      startAt,
      seconds: total,
      tags: TAGS,
      inflight: GATEWAY_INFLIGHT,
      ...(broker ? { budget: Math.floor((BACKLOG * parts[k]!.length) / GATEWAYS) } : {}),
    }),
  );
  await sleep(startAt + WARM_S * 1000 - Date.now());
  const pgCpu = await new DynamicCpu(() => databases.backends(platform.store)).start();
  const w0 = sum(await Promise.all(gens.map((g) => g.call<GenStats>('stats'))));
  const s0 = broker ? (await insertedStat(platform.store)) - stored0 : 0;
  const meter = new Meter(() => [platform.child.pid, ...(broker?.pid ? [broker.pid] : []), ...gens.map((g) => g.pid)]);
  await profile(platform, 'start', `b-${engine}`);
  const gen = sum(await Promise.all(runs));
  const m = meter.stop();
  const pgUsed = await pgCpu.stop();
  const s1 = broker ? (await insertedStat(platform.store)) - stored0 : 0;
  const prof = await profile(platform, 'stop', `b-${engine}`);
  const windowAcked = gen.readingsAcked - w0.readingsAcked;
  console.error(`published ${fmt(gen.readingsPublished)} readings, ${fmt(gen.readingsAcked)} acked; draining`);
  const drained = sum(await Promise.all(gens.map((g) => g.call<GenStats>('drain', { timeoutMs: 30_000 }))));
  // Everything acknowledged is stored (embedded: before its PUBACK; external: wait for the platform to catch up).
  let caughtUpAt = Date.now();
  let stalled = false;
  if (broker) {
    let last = -1;
    let still = Date.now();
    const giveUp = Date.now() + 180_000;
    for (;;) {
      const n = (await insertedStat(platform.store)) - stored0;
      if (n >= drained.readingsAcked) break;
      if (n !== last) {
        last = n;
        still = Date.now();
      } else if (Date.now() - still > 15_000 || Date.now() > giveUp) {
        console.error(`the platform stopped storing: ${fmt(n)} of ${fmt(drained.readingsAcked)} acknowledged readings stored`);
        stalled = true;
        break;
      }
      await sleep(100);
    }
    caughtUpAt = Date.now();
    clearInterval(polling);
    console.error(`caught up ${caughtUpAt - (startAt + total * 1000)} ms after the publishers stopped`);
  }
  await flush(platform);
  const rows = await platform.count();
  const lost = drained.readingsAcked - rows;
  const rejections = await platform.query<{ reason: string; n: number }>(
    `select reason, sum(count)::int as n from ingest_rejections group by reason order by reason`,
  );
  console.error(`${fmt(rows)} rows stored; the ceiling: COPY of as many`);

  // The ceiling: COPY of as many rows into the same table (timestamps of the hour before the run).
  const beforeTs = startAt - 3_600_000;
  let copyMs: number;
  if (engine === 'pglite') copyMs = (await platform.child.call<{ ms: number }>('copy', { rows, beforeTs })).ms;
  else copyMs = await pgCopy(platform, rows, beforeTs);
  const copyRate = rows / (copyMs / 1000);

  const rate = broker ? (s1 - s0) / m.seconds : windowAcked / m.seconds;
  const overall = broker ? rows / ((caughtUpAt - startAt) / 1000) : drained.readingsAcked / total;
  const platformCpu = m.cpuPct([platform.child.pid]);
  const cpuPer1000 = Math.round((m.cpuMs([platform.child.pid]) / ((rate * m.seconds) / 1000)) * 100) / 100;
  const goal = engine === 'pglite' ? 30_000 : 100_000;
  const res = {
    scenario: 'b',
    engine,
    broker: broker ? `mosquitto ${broker.version}` : 'embedded',
    gateways: GATEWAYS,
    devicesPerGateway: PER_GATEWAY,
    readingsPerMessage: perMessage,
    inflightPerGateway: GATEWAY_INFLIGHT,
    backlogReadings: broker ? BACKLOG : null,
    seconds: total,
    measuredSeconds: Math.round(m.seconds * 10) / 10,
    messagesPublished: drained.published,
    messagesAcked: drained.acked,
    readingsAcked: drained.readingsAcked,
    rowsStored: rows,
    lost,
    unackedAtEnd: drained.inflight,
    readingsPerSecond: Math.round(rate),
    readingsPerSecondOverall: Math.round(overall),
    catchUpMs: broker ? caughtUpAt - (startAt + total * 1000) : 0,
    ackP50: gen.ackP50,
    ackP99: gen.ackP99,
    copyMs,
    copyRowsPerSecond: Math.round(copyRate),
    ratioToCeiling: Math.round((rate / copyRate) * 1000) / 10,
    goal,
    stalled,
    platformCpuPct: platformCpu,
    platformCpuMsPer1000Readings: cpuPer1000,
    platformCpuIdlePct: idle,
    postgresCpuPct: pgUsed.pct,
    mosquittoCpuPct: broker?.pid ? m.cpuPct([broker.pid]) : null,
    generatorCpuPct: m.cpuPct(gens.map((g) => g.pid)),
    platformRssPeakMiB: m.rssPeak(platform.child.pid),
    platformRssEndMiB: rss(platform.child.pid).now,
    rejections: Object.fromEntries(rejections.map((r) => [r.reason, r.n])),
    profile: prof,
  };
  results.push(res);
  console.error(JSON.stringify(res));
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  tables.push(
    [
      `### (b) gateways on ${engine} with ${broker ? `Mosquitto ${broker.version} (MQTT_URL)` : 'the embedded broker'}: ${GATEWAYS} gateways × ${PER_GATEWAY} devices × ${TAGS.length} values (${perMessage} readings a message), ${broker ? `backlog ≤ ${fmt(BACKLOG)} readings` : `≤ ${GATEWAY_INFLIGHT} messages in flight per gateway`}, ${WARM_S} s warm-up + ${SECONDS} s measured`,
      '',
      '| measure | value | goal |',
      '|---|---:|---|',
      `| readings/s sustained (measured window${broker ? ', stored' : ', acknowledged = durable'}) | ${fmt(rate)} | ≥ ${fmt(goal)}: ${met(rate >= goal)} |`,
      `| readings/s overall (all readings / time from first publish to ${broker ? 'all stored' : 'last ack'}) | ${fmt(overall)} | |`,
      `| ceiling: COPY of ${fmt(rows)} rows into telemetry_readings | ${fmt(copyRate)} rows/s (${(copyMs / 1000).toFixed(1)} s) | |`,
      `| ratio to the ceiling | ${res.ratioToCeiling} % | |`,
      `| messages published / acked | ${fmt(res.messagesPublished)} / ${fmt(res.messagesAcked)} | |`,
      `| readings acked / rows stored | ${fmt(res.readingsAcked)} / ${fmt(rows)} | zero loss: ${met(lost <= 0 && res.unackedAtEnd === 0)} |`,
      ...(broker
        ? [`| stored after the publishers stopped (catch-up) | ${stalled ? '**stopped storing**' : `${(res.catchUpMs / 1000).toFixed(1)} s`} | |`]
        : []),
      `| PUBACK after publish p50 / p99 | ${res.ackP50} / ${res.ackP99} ms | |`,
      `| platform CPU (process, % of one core) | ${platformCpu} % (${cpuPer1000} ms per 1,000 readings) | |`,
      `| platform CPU connected but idle (5 s before the run) | ${idle} % | |`,
      ...(engine === 'postgres' ? [`| PostgreSQL backends CPU | ${res.postgresCpuPct} % | |`] : []),
      ...(broker ? [`| Mosquitto CPU | ${res.mosquittoCpuPct} % | |`] : []),
      `| generators CPU (2 processes) | ${res.generatorCpuPct} % | |`,
      `| platform RSS peak in window / end | ${res.platformRssPeakMiB} / ${res.platformRssEndMiB} MiB | |`,
      `| rejections | ${rejections.length ? rejections.map((r) => `${r.reason} ${r.n}`).join(', ') : 'none'} | |`,
    ].join('\n'),
  );
  await Promise.all(gens.map((g) => g.call('end').catch(() => undefined)));
  await platform.stop();
}

/** PostgreSQL ceiling: psql \copy of `rows` readings (the run's points, timestamps before the run) from a CSV file. */
async function pgCopy(platform: Platform, rows: number, beforeTs: number): Promise<number> {
  const ids = (await platform.store.client!.query<{ id: string }>('select id from monitoring_points order by id')).rows.map((r) => r.id);
  const file = join(platform.store.dataDir, 'ceiling.csv');
  const out = createWriteStream(file);
  const CH = 50_000;
  for (let start = 0; start < rows; start += CH) {
    let chunk = '';
    for (let r = start; r < Math.min(rows, start + CH); r++)
      chunk += `${ids[r % ids.length]},${new Date(beforeTs - 1 - Math.floor(r / ids.length)).toISOString()},${(40 + (r % 2000) / 100).toFixed(2)}\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  const t0 = performance.now();
  const psql = spawn('psql', [platform.store.url!, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy telemetry_readings (point_id, ts, value) from '${file}' csv`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(psql, 'exit')) as [number];
  const ms = Math.round(performance.now() - t0);
  if (code !== 0) throw new Error(`psql \\copy exited with ${code}`);
  rmSync(file, { force: true });
  return ms;
}

// ---- (c) single-reading messages ----
async function runSingle(engine: Engine): Promise<void> {
  console.error(`\n(c) single-reading messages on ${engine}: ${PARK_DEVICES} devices, steps ${STEPS.join(', ')} msg/s, ${STEP_S} s each`);
  const spec: RegistrySpec = {
    devices: PARK_DEVICES,
    gateways: 0,
    perGateway: 0,
    tags: TAGS,
    enterprises: 20,
    tokenPrefix: `bench-${runId}-`,
    watch: [],
    username: USERNAME,
    password: PASSWORD,
  };
  const platform = await startPlatform(engine, 'single', spec);
  const { ready } = platform;
  if (!ready.mqttPort) throw new Error('the embedded broker did not start');
  const gens = await startGenerators(GENERATORS);
  const clients: GenClient[] = Array.from({ length: PARK_DEVICES }, (_, i) => ({
    clientId: `bench-dev-${i}`,
    username: `${spec.tokenPrefix}d${i}`,
    topic: 'v1/devices/me/telemetry',
    name: `dev-${i}`,
  }));
  const parts = split(clients, GENERATORS);
  await Promise.all(gens.map((g, k) => g.call('connect', { host: '127.0.0.1', port: ready.mqttPort, clients: parts[k], staggerMs: 2 })));
  const idle = await idleCpu(platform);
  const steps: Record<string, unknown>[] = [];
  let rows0 = await platform.count();
  let best = 0;
  for (const step of STEPS) {
    const startAt = Date.now() + 300;
    const runs = gens.map((g, k) =>
      g.call<GenStats>('single', { startAt, seconds: STEP_S, tags: TAGS, rate: (step * parts[k]!.length) / PARK_DEVICES, inflight: SINGLE_INFLIGHT }),
    );
    await sleep(300);
    const pgCpu = await new DynamicCpu(() => databases.backends(platform.store)).start();
    const meter = new Meter(() => [platform.child.pid, ...gens.map((g) => g.pid)]);
    await profile(platform, 'start', `c-${engine}-${step}`);
    const gen = sum(await Promise.all(runs));
    const m = meter.stop();
    const pgUsed = await pgCpu.stop();
    const prof = await profile(platform, 'stop', `c-${engine}-${step}`);
    const d0 = Date.now();
    const drained = sum(await Promise.all(gens.map((g) => g.call<GenStats>('drain', { timeoutMs: DRAIN_S * 1000 }))));
    const drainMs = Date.now() - d0;
    await flush(platform);
    // Unacknowledged messages may still be stored after the drain; wait for them before counting.
    const final = sum(await Promise.all(gens.map((g) => g.call<GenStats>('drain', { timeoutMs: 30_000 }))));
    await flush(platform);
    const rows1 = await platform.count();
    const stored = rows1 - rows0;
    rows0 = rows1;
    const target = step * STEP_S;
    // Loss: acknowledged (by the end of the second drain) but not stored.
    const lost = Math.max(0, final.readingsAcked - stored);
    const ok = lost === 0 && final.inflight === 0 && drained.acked >= 0.99 * target && drained.disconnects === 0;
    const row = {
      step,
      target,
      published: drained.published,
      skipped: gen.skipped,
      ackedInStepAndDrain: drained.acked,
      ackedInStep: gen.acked,
      ackedFinally: final.acked,
      unackedFinally: final.inflight,
      stored,
      lost,
      drainMs,
      ackP50: drained.ackP50,
      ackP99: drained.ackP99,
      disconnects: drained.disconnects,
      platformCpuPct: m.cpuPct([platform.child.pid]),
      platformCpuMsPer1000Readings: gen.acked ? Math.round((m.cpuMs([platform.child.pid]) / (gen.acked / 1000)) * 100) / 100 : null,
      postgresCpuPct: pgUsed.pct,
      generatorCpuPct: m.cpuPct(gens.map((g) => g.pid)),
      platformRssPeakMiB: m.rssPeak(platform.child.pid),
      ok,
      profile: prof,
    };
    steps.push(row);
    console.error(JSON.stringify(row));
    if (!ok) break;
    best = step;
  }
  results.push({
    scenario: 'c',
    engine,
    broker: 'embedded',
    platformCpuIdlePct: idle,
    devices: PARK_DEVICES,
    stepSeconds: STEP_S,
    inflightPerDevice: SINGLE_INFLIGHT,
    best,
    bestAckedPerSecond: Math.max(...steps.map((x) => (x.ackedInStep as number) / STEP_S)),
    steps,
  });
  tables.push(
    [
      `### (c) single-reading messages on ${engine} (embedded broker): ${fmt(PARK_DEVICES)} connections, ${STEP_S} s a step, ≤ ${SINGLE_INFLIGHT} unacknowledged per connection`,
      '',
      `| target msg/s | published | acked (step + ${DRAIN_S} s) | acked/s in step | rows stored | lost | PUBACK p50 / p99 ms | platform CPU (ms per 1,000) | PostgreSQL CPU | generators CPU | RSS peak MiB | zero loss and ≥ 99 % acked |`,
      '|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|',
      ...steps.map(
        (s) =>
          `| ${fmt(s.step as number)} | ${fmt(s.published as number)} | ${fmt(s.ackedInStepAndDrain as number)} | ${fmt((s.ackedInStep as number) / STEP_S)} | ${fmt(s.stored as number)} | ${fmt(s.lost as number)} | ${s.ackP50} / ${s.ackP99} | ${s.platformCpuPct} % (${s.platformCpuMsPer1000Readings}) | ${engine === 'postgres' ? `${s.postgresCpuPct} %` : '–'} | ${s.generatorCpuPct} % | ${s.platformRssPeakMiB} | ${s.ok ? 'yes' : '**no**'} |`,
      ),
      '',
      `Highest step with zero loss and ≥ 99 % of its messages acknowledged within the step + ${DRAIN_S} s: **${best ? `${fmt(best)} msg/s` : 'none'}**; ` +
        `the highest rate acknowledged during a step: ${fmt(Math.max(...steps.map((x) => (x.ackedInStep as number) / STEP_S)))} msg/s. ` +
        `Platform CPU with the connections open and no traffic: ${idle} %.`,
    ].join('\n'),
  );
  await Promise.all(gens.map((g) => g.call('end').catch(() => undefined)));
  await platform.stop();
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
try {
  if (engines.includes('postgres')) versions.postgres = await pgVersion();
  for (const engine of engines)
    for (const s of scenarios) {
      // A case that fails is reported and the others still run.
      try {
        if (s === 'a') await runPark(engine);
        if (s === 'b') await runGateway(engine);
        if (s === 'c') await runSingle(engine);
      } catch (e) {
        failure = e;
        console.error(e);
        const message = e instanceof Error ? e.message : String(e);
        results.push({ scenario: s, engine, error: message });
        tables.push(`### (${s}) on ${engine}: **failed**: ${message.split('\n')[0]}`);
      }
      for (const c of cleanups.splice(0).reverse()) await c().catch((e: unknown) => console.error('cleanup:', e));
    }
} catch (e) {
  failure = e;
  console.error(e);
} finally {
  for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error('cleanup:', e));
}

const machine = `${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${versions.postgres ? `, PostgreSQL ${versions.postgres}` : ''}${versions.mosquitto ? `, Mosquitto ${versions.mosquitto}` : ''}`;
console.log(
  `\nmachine: ${machine}; load average ${loadAtStart[0]!.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end; ` +
    `command: npm run bench -- ingest ${argv.join(' ')}`.trim() +
    '\n',
);
for (const t of tables) console.log(`${t}\n`);
console.log(JSON.stringify({ bench: 'ingest', machine, seconds: SECONDS, warmup: WARM_S, load: [loadAtStart[0], loadavg()[0]], results }));
if (failure) process.exitCode = 1;
