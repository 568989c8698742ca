// The big screen runs unattended (issue 9, ADR 0003): `npm run bench -- big-screen [--minutes 120] [--screenshot p]`.
// Starts the platform on the demo data in its own process (a fresh PGlite folder, or --database-url), signs in as the
// demo leader in headless Chromium (1920 × 1080), opens /screen and drives live updates for --minutes: the demo
// park's JT/T 808 terminals and phones drive the park's roads (--vehicles of them, a position every --interval s),
// the gate posts entries and exits now and then (the counts move), and every --alarm-every s one of a few demo
// monitoring points goes past its high-high limit over HTTP ingest and comes back (an alarm raised, then cleared).
// Every minute the page's heap is collected (CDP HeapProfiler.collectGarbage) and sampled (Runtime.getHeapUsage,
// Memory.getDOMCounters, the page's count of live messages). Samples go to bench/results/big-screen-<time>.csv
// (git-ignored); the summary gives first / last / min / max heap after GC, the least-squares slope over the second
// half (KB/min), DOM nodes first / last and the live messages received. A benchmark reports; it does not fail.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import type { DemoDevicesFileWithPark } from '../packages/server/src/db/seed/demo-park.ts';
import { CHROMIUM, launch, signInDemo } from '../e2e/browser.ts';
import { summariseSnapshotFile, type HeapSummary } from './heap-summary.ts';
import { Fleet, sendersOf } from './fleet/index.ts';
import { GatePoster, Jt808Fleet, PhoneFleet, simPhoneOf, simTerminalOf, zonesOf } from './vehicles/index.ts';

const USAGE = `usage: npm run bench -- big-screen [options]
  --minutes <n>          how long the page runs under live updates (default 120)
  --vehicles <n>         JT/T 808 terminals and phones driving (default 60: at most the demo park's 42)
  --interval <s>         seconds between a vehicle's positions (default 5)
  --alarm-every <s>      about one sensor excursion (an alarm raised, then cleared) every s seconds (default 20)
  --gate-every <s>       seconds between gate events (default 30; 0 = none)
  --sample-every <s>     seconds between heap samples (default 60)
  --telemetry-rate <x>   demo points report x times per expected interval (default 0.5: half as often, still
                         inside their stale limit; 1 = the demo's full rate, ≈ 110 readings/s)
  --screenshot <path>    a 1920 × 1080 picture of the page at the end
  --heap-snapshots <dir> write the page's heap snapshots (after GC) into dir, at the minutes of --snapshot-at
  --snapshot-at <list>   minutes for --heap-snapshots, comma-separated (default: a fifth of --minutes, and the end)
  --database-url <url>   run the platform on this PostgreSQL database (must be empty or hold the demo; default: PGlite)
  --chromium <path>      default /usr/bin/chromium
  --js-flags=<flags>     V8 flags for the page (e.g. --js-flags="--no-opt --no-maglev --no-sparkplug": no optimised code)
WEB_DIST=<dir> in the environment: the platform serves that bundle and none is built.`;

const { values: o } = parseArgs({
  args: process.argv.slice(3),
  options: {
    minutes: { type: 'string', default: '120' },
    vehicles: { type: 'string', default: '60' },
    interval: { type: 'string', default: '5' },
    'alarm-every': { type: 'string', default: '20' },
    'gate-every': { type: 'string', default: '30' },
    'sample-every': { type: 'string', default: '60' },
    'telemetry-rate': { type: 'string', default: '0.5' },
    screenshot: { type: 'string' },
    'heap-snapshots': { type: 'string' },
    'snapshot-at': { type: 'string' },
    'database-url': { type: 'string' },
    chromium: { type: 'string', default: CHROMIUM },
    'js-flags': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const num = (name: keyof typeof o, min: number): number => {
  const n = Number(o[name]);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
if (o.help) {
  console.log(USAGE);
  process.exit(0);
}
const MINUTES = num('minutes', 0.1);
const VEHICLES = num('vehicles', 0);
const INTERVAL_MS = num('interval', 0.5) * 1000;
const ALARM_MS = num('alarm-every', 2) * 1000;
const GATE_MS = num('gate-every', 0) * 1000;
const SAMPLE_MS = num('sample-every', 5) * 1000;
const TELEMETRY_RATE = num('telemetry-rate', 0.01);
const SNAPSHOT_AT = (o['snapshot-at'] ?? `${Math.round(MINUTES / 5)},${MINUTES}`)
  .split(',')
  .map(Number)
  .filter((m) => Number.isFinite(m) && m >= 0)
  .sort((a, b) => a - b);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NEW_PASSWORD = 'Bench-screen-2026!';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });

// ---- the platform ----
if (process.env.WEB_DIST) console.log(`serving the web bundle in ${process.env.WEB_DIST}`);
else {
  console.log('building the web bundle (if needed)…');
  execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
const dataDir = mkdtempSync(join(tmpdir(), 'zoneops-screen-'));
const ports = {
  PORT: await freePort(),
  MQTT_PORT: await freePort(),
  JT808_PORT: await freePort(),
  HJ212_PORT: await freePort(),
  OSMAND_PORT: await freePort(),
  GATE_PORT: await freePort(),
};
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
};
delete env.DATABASE_URL;
delete env.MQTT_URL;
if (o['database-url']) env.DATABASE_URL = o['database-url'];
const base = `http://127.0.0.1:${ports.PORT}`;
console.log(`starting the platform on the demo data (${o['database-url'] ? 'PostgreSQL' : `PGlite in ${dataDir}`}); the first start seeds the demo…`);
const t0 = Date.now();
const server: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'packages/server/src/main/server.ts'], {
  cwd: ROOT,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverOut = '';
server.stdout!.on('data', (b: Buffer) => (serverOut = (serverOut + b.toString()).slice(-20_000)));
server.stderr!.on('data', (b: Buffer) => process.stderr.write(`[platform] ${b.toString()}`));
const serverExit = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
// the platform never outlives the bench, whatever ends it
process.on('exit', () => {
  if (server.exitCode === null) server.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const stopServer = async () => {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([serverExit, sleep(10_000)]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
};
for (;;) {
  if (serverOut.includes('ZoneOps is ready')) break;
  if (server.exitCode !== null) {
    console.error(serverOut);
    throw new Error(`the platform exited with ${server.exitCode}`);
  }
  await sleep(500);
}
console.log(`platform ready on ${base} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);

const logins = JSON.parse(readFileSync(join(dataDir, 'demo-logins.json'), 'utf8')) as { password: string };
const devices = JSON.parse(readFileSync(join(dataDir, 'demo-devices.json'), 'utf8')) as DemoDevicesFileWithPark;
const park = devices.park;
if (!park) throw new Error('the demo device file has no closed-park part');

// ---- the drivers: vehicles, gate, alarms ----
const zones = zonesOf(park.geofences);
// the vehicles in the park drive their own paths; the demo's other terminals (to reach --vehicles) borrow those paths
// from a random start, as vehicles seen by position only
const withPath = park.terminals.filter((t) => t.inPark && t.path && t.path.length > 1);
const others = park.terminals.filter((t) => !withPath.includes(t));
const driving = [...withPath, ...others.map((t, i) => ({ ...t, path: withPath[i % withPath.length]?.path ?? null, last: null }))]
  .filter((t) => t.path && t.path.length > 1)
  .slice(0, VEHICLES);
const jtTerms = driving.filter((t) => t.protocol === 'jt808');
const phones = driving.filter((t) => t.protocol === 'osmand');
const fleet = jtTerms.length
  ? new Jt808Fleet({
      host: '127.0.0.1',
      port: ports.JT808_PORT,
      intervalMs: INTERVAL_MS,
      terminals: jtTerms.map((t) => simTerminalOf(t, zones)),
    })
  : null;
const phoneFleet = phones.length
  ? new PhoneFleet(
      `http://127.0.0.1:${ports.OSMAND_PORT}`,
      phones.map((t) => simPhoneOf(t, zones)),
      INTERVAL_MS,
    )
  : null;
const gate = GATE_MS > 0 && park.gate.token ? new GatePoster(base, park.gate.token, park, GATE_MS) : null;

// the safety side: every demo point reports at its own interval over MQTT (as `npm run simulate -- telemetry`), with
// excursions past a threshold drawn so that about one starts every --alarm-every s (each raises an alarm, then
// recovers and clears it)
const senders = sendersOf(devices);
const pointCount = senders.reduce((s, x) => s + x.devices.reduce((a, d) => a + d.points.length, 0), 0);
const telemetry = new Fleet({
  url: `mqtt://127.0.0.1:${ports.MQTT_PORT}`,
  senders,
  qos: 1,
  rate: TELEMETRY_RATE,
  excursions: pointCount ? 60_000 / ALARM_MS / pointCount : 0,
  maxExcursions: 10,
  seed: 0x5c4ee7,
});

// ---- the browser ----
const browser = await launch(o.chromium, o['js-flags'] ? [`--js-flags=${o['js-flags']}`] : []);
const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page: Page = await context.newPage();
page.setDefaultTimeout(60_000);
const pageErrors: string[] = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
await signInDemo(page, base, 'leader', { password: logins.password, newPassword: NEW_PASSWORD });
await page.goto(`${base}/screen`);
await page.locator('[data-testid="screen-stage"][data-ready="true"]').waitFor();
await page.locator('[data-testid="screen-map"][data-project-count]').waitFor();
console.log('the leader has /screen open');

const cdp: CDPSession = await context.newCDPSession(page);
await cdp.send('HeapProfiler.enable');

interface Sample {
  minute: number;
  usedKB: number;
  totalKB: number;
  domNodes: number;
  listeners: number;
  documents: number;
  liveMessages: number;
  vehicles: number;
  alarmSpots: number;
  feedRows: number;
}
const samples: Sample[] = [];
const started = Date.now();
async function sample(): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  // (a string: tsx would wrap a named function with a helper the page does not have)
  const attrs = (await page.evaluate(`(() => {
    const n = (sel, attr) => Number(document.querySelector(sel)?.getAttribute(attr) ?? 0);
    return {
      live: n('[data-testid="screen-stage"]', 'data-live-messages'),
      vehicles: n('[data-testid="screen-map"]', 'data-vehicle-count'),
      alarms: n('[data-testid="screen-map"]', 'data-alarm-count'),
      feed: n('[data-testid="screen-feed-list"]', 'data-count'),
    };
  })()`)) as { live: number; vehicles: number; alarms: number; feed: number };
  return {
    minute: Math.round(((Date.now() - started) / 60_000) * 100) / 100,
    usedKB: Math.round(heap.usedSize / 1024),
    totalKB: Math.round(heap.totalSize / 1024),
    domNodes: dom.nodes,
    listeners: dom.jsEventListeners,
    documents: dom.documents,
    liveMessages: attrs.live,
    vehicles: attrs.vehicles,
    alarmSpots: attrs.alarms,
    feedRows: attrs.feed,
  };
}

await telemetry.start();
fleet?.start();
phoneFleet?.start();
gate?.start();
console.log(
  `driving for ${MINUTES} min: ${jtTerms.length} JT/T 808 terminals and ${phones.length} phones every ${INTERVAL_MS / 1000} s, ` +
    `${pointCount} monitoring points (≈ ${Math.round(telemetry.expectedRate)} readings/s, an excursion every ≈ ${ALARM_MS / 1000} s), gate events ${gate ? `every ${GATE_MS / 1000} s` : 'off'}; a sample every ${SAMPLE_MS / 1000} s`,
);
console.log('minute  used KB  total KB  DOM nodes  listeners  live msgs  vehicles  alarm spots  feed rows');
const show = (s: Sample) =>
  console.log(
    [
      s.minute.toFixed(1).padStart(6),
      String(s.usedKB).padStart(8),
      String(s.totalKB).padStart(9),
      String(s.domNodes).padStart(10),
      String(s.listeners).padStart(10),
      String(s.liveMessages).padStart(10),
      String(s.vehicles).padStart(9),
      String(s.alarmSpots).padStart(12),
      String(s.feedRows).padStart(10),
    ].join(' '),
  );
// heap snapshots (after the sample's GC) at the chosen minutes, for a diff by constructor (what is retained)
const snapshotDir = o['heap-snapshots'] ? resolve(o['heap-snapshots']) : null;
if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
let chunks: string[] = [];
cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
const pendingSnapshots = snapshotDir ? [...SNAPSHOT_AT] : [];
const snapshots: ({ minute: number } & HeapSummary)[] = [];
const describeKinds = (k: HeapSummary) =>
  `compiled code ${k.codeKB} KB, JS data ${k.dataKB} KB (${k.dataObjects} objects), strings ${k.stringsKB} KB, native ${k.nativeKB} KB`;
async function snapshotIfDue(minute: number, last: boolean) {
  if (!snapshotDir || !pendingSnapshots.length || (pendingSnapshots[0]! > minute + 0.01 && !last)) return;
  while (pendingSnapshots.length && (pendingSnapshots[0]! <= minute + 0.01 || last)) pendingSnapshots.shift();
  chunks = [];
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const file = join(snapshotDir, `screen-${minute.toFixed(1).padStart(6, '0')}min.heapsnapshot`);
  writeFileSync(file, chunks.join(''));
  chunks = [];
  const kinds = summariseSnapshotFile(file);
  snapshots.push({ minute, ...kinds });
  console.log(`  heap snapshot: ${file}: ${describeKinds(kinds)}`);
}
samples.push(await sample());
show(samples[0]!);
await snapshotIfDue(samples[0]!.minute, false);
const end = started + MINUTES * 60_000;
while (Date.now() < end) {
  await sleep(Math.min(SAMPLE_MS, end - Date.now()));
  if (server.exitCode !== null) throw new Error(`the platform exited with ${server.exitCode}`);
  const s = await sample();
  samples.push(s);
  show(s);
  await snapshotIfDue(s.minute, Date.now() >= end);
}

const [fs, ps, gs, ts] = await Promise.all([fleet?.stop() ?? null, phoneFleet?.stop() ?? null, gate?.stop() ?? null, telemetry.stop()]);
if (o.screenshot) {
  mkdirSync(dirname(resolve(o.screenshot)), { recursive: true });
  await page.screenshot({ path: o.screenshot });
  console.log(`screenshot: ${o.screenshot}`);
}
await browser.close();
await stopServer();
if (!o['database-url']) rmSync(dataDir, { recursive: true, force: true });

// ---- the report ----
const outDir = join(ROOT, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const csvPath = join(outDir, `big-screen-${new Date(started).toISOString().replace(/[:.]/g, '-')}.csv`);
const cols = ['minute', 'usedKB', 'totalKB', 'domNodes', 'listeners', 'documents', 'liveMessages', 'vehicles', 'alarmSpots', 'feedRows'] as const;
writeFileSync(csvPath, [cols.join(','), ...samples.map((s) => cols.map((c) => s[c]).join(','))].join('\n') + '\n');

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  if (sxx === 0) return null;
  return points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / sxx;
}
const used = samples.map((s) => s.usedKB);
// A heap snapshot leaves the profiler's own bookkeeping in the heap for a while (+0.5–1 MB at the next sample): the
// samples within two minutes after one are left out of the slope.
const disturbed = (s: Sample) => snapshots.some((x) => s.minute > x.minute && s.minute - x.minute <= 2);
const second = samples.filter((s) => s.minute >= MINUTES / 2 && !disturbed(s));
const kbPerMin = slope(second.map((s) => [s.minute, s.usedKB]));
const first = samples[0]!;
const last = samples[samples.length - 1]!;
const summary = {
  bench: 'big-screen',
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', memGB: Math.round(totalmem() / 2 ** 30) },
  minutes: MINUTES,
  workload: {
    terminals: jtTerms.length,
    phones: phones.length,
    intervalS: INTERVAL_MS / 1000,
    alarmEveryS: ALARM_MS / 1000,
    gateEveryS: gate ? GATE_MS / 1000 : null,
    positionsSent: (fs?.sent ?? 0) + (ps?.sent ?? 0),
    positionsAcked: (fs?.acked ?? 0) + (ps?.acked ?? 0),
    gatePosted: gs?.posted ?? 0,
    readingsPublished: ts.readings,
    excursions: ts.excursionsStarted,
  },
  heapUsedKB: { first: first.usedKB, last: last.usedKB, min: Math.min(...used), max: Math.max(...used) },
  slopeSecondHalfKBPerMin: kbPerMin === null ? null : Math.round(kbPerMin * 10) / 10,
  domNodes: { first: first.domNodes, last: last.domNodes, max: Math.max(...samples.map((s) => s.domNodes)) },
  listeners: { first: first.listeners, last: last.listeners },
  liveMessages: last.liveMessages,
  jsFlags: o['js-flags'] ?? null,
  snapshots,
  pageErrors: pageErrors.length,
  csv: csvPath,
};
console.log('');
console.log(`Big screen over ${MINUTES} min (${samples.length} samples after forced GC):`);
console.log(`  JS heap used: first ${first.usedKB} KB, last ${last.usedKB} KB, min ${summary.heapUsedKB.min} KB, max ${summary.heapUsedKB.max} KB`);
console.log(`  slope over the second half: ${summary.slopeSecondHalfKBPerMin ?? '—'} KB/min (without the samples just after a heap snapshot)`);
for (const x of snapshots) console.log(`  snapshot at minute ${x.minute}: ${describeKinds(x)}`);
console.log(`  DOM nodes: first ${first.domNodes}, last ${last.domNodes} (max ${summary.domNodes.max}); listeners ${first.listeners} → ${last.listeners}`);
console.log(
  `  live messages received by the page: ${last.liveMessages}; positions sent ${summary.workload.positionsSent}, readings ${ts.readings}, excursions ${ts.excursionsStarted}`,
);
if (ts.lastError) console.log(`  last MQTT error: ${ts.lastError}`);
if (fs?.lastError) console.log(`  last JT/T 808 error: ${fs.lastError}`);
if (pageErrors.length) console.log(`  page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
console.log(`  samples: ${csvPath}`);
console.log(JSON.stringify(summary));
process.exit(0);
