// `npm run simulate -- telemetry [options]`: the demo park's devices publish realistic readings to the running
// platform, so that the live safety page moves (and now and then an excursion raises an alarm, then recovers).
// Reads the device file the demo seed writes (DATA_DIR/demo-devices.json, default ./data), connects one MQTT client
// per gateway and per direct device (about 20 sockets; --connections device for one per device), and sends the
// stations' HJ 212 frames to the TCP port. Prints a line every 10 s; Ctrl-C stops (after the PUBACKs in flight).
// `npm run simulate -- vehicles [options]`: the closed park's JT/T 808 terminals and phones drive the park's roads and
// gate events are posted (bench/vehicles), so that the live vehicle page moves.
import { parseArgs } from 'node:util';
import { defaultDevicesFile, Fleet, loadDemoDevices, sendersOf, stationsOf, StationFleet, type FleetStats, type StationStats } from './fleet/index.ts';
import { runVehicles } from './vehicles/index.ts';
import type { DemoDevicesFileWithPark } from '../packages/server/src/db/seed/demo-park.ts';

const USAGE = `usage: npm run simulate -- telemetry [options]
  --url <mqtt://host:port>   broker (default: the file's MQTT_URL or mqtt://localhost:<MQTT_PORT>)
  --rate <x>                 readings x times as often as each point's expected interval (default 1)
  --excursions <p>           chance per point and minute that an excursion starts (default 0.002, 0 = none)
  --duration <s>             stop after s seconds (default 0: until Ctrl-C)
  --qos <0|1>                MQTT QoS (default 1)
  --connections <gateway|device>  one connection per gateway (default) or per device
  --hj212 <host:port|off>    HJ 212 stations (default: localhost and the file's HJ212_PORT)
  --file <path>              device file (default: DATA_DIR/demo-devices.json)
  --seed <n>                 random seed of the signals

usage: npm run simulate -- vehicles [options]
  --rate <x>                 positions and gate events x times as often (default 1: a position every 5 s, phones 10 s)
  --duration <s>             stop after s seconds (default 0: until Ctrl-C)
  --jt808 <host:port|off>    JT/T 808 server (default: localhost and the file's JT808_PORT)
  --terminals <n>            at most n JT/T 808 terminals (default: every vehicle in the park that has one)
  --osmand <url|off>         OsmAnd endpoint (default: http://localhost:<OSMAND_PORT>)
  --gate <url|off>           platform base URL for gate events (default: the file's, http://localhost:<PORT>)
  --gate-token <token>       the gate token (default: the one the demo seed issued)
  --file <path>              device file (default: DATA_DIR/demo-devices.json)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    rate: { type: 'string', default: '1' },
    excursions: { type: 'string', default: '0.002' },
    duration: { type: 'string', default: '0' },
    qos: { type: 'string', default: '1' },
    connections: { type: 'string', default: 'gateway' },
    hj212: { type: 'string' },
    file: { type: 'string' },
    seed: { type: 'string' },
    jt808: { type: 'string' },
    terminals: { type: 'string' },
    osmand: { type: 'string' },
    gate: { type: 'string' },
    'gate-token': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const number = (name: string, text: string, min: number) => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};

if (values.help || (positionals[0] !== 'telemetry' && positionals[0] !== 'vehicles')) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
if (positionals[0] === 'vehicles') {
  const path = values.file ?? defaultDevicesFile();
  let file: DemoDevicesFileWithPark;
  try {
    file = loadDemoDevices(path);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  try {
    await runVehicles(
      {
        file,
        rate: number('rate', values.rate, 0.01),
        duration: number('duration', values.duration, 0),
        jt808: values.jt808,
        osmand: values.osmand,
        gate: values.gate,
        gateToken: values['gate-token'],
        terminals: values.terminals === undefined ? undefined : number('terminals', values.terminals, 0),
      },
      path,
    );
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  process.exit(0);
}
const rate = number('rate', values.rate, 0.001);
const excursions = number('excursions', values.excursions, 0);
const duration = number('duration', values.duration, 0);
const qos = values.qos === '0' ? 0 : 1;
const connections = values.connections === 'device' ? 'device' : 'gateway';
const seed = values.seed === undefined ? undefined : number('seed', values.seed, 0);

let file: ReturnType<typeof loadDemoDevices>;
try {
  file = loadDemoDevices(values.file ?? defaultDevicesFile());
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const url = values.url ?? file.mqtt.url ?? `mqtt://localhost:${file.mqtt.port}`;
const senders = sendersOf(file, connections);
const fleet = new Fleet({ url, senders, qos, rate, excursions, ...(seed === undefined ? {} : { seed }) });

const hj = values.hj212 ?? (file.hj212 ? `localhost:${file.hj212.port}` : 'off');
let stations: StationFleet | null = null;
if (hj !== 'off' && file.stations.length) {
  const i = hj.lastIndexOf(':');
  const port = number('hj212 port', hj.slice(i + 1), 1);
  stations = new StationFleet({
    host: i > 0 ? hj.slice(0, i) : 'localhost',
    port,
    stations: stationsOf(file),
    rate,
    excursions,
    ...(seed === undefined ? {} : { seed }),
  });
}

const points = senders.reduce((s, x) => s + x.devices.reduce((a, d) => a + d.points.length, 0), 0);
const fmt = (n: number) => n.toLocaleString('en-US');
console.log(
  [
    `Demo fleet of ${file.baseUrl}: ${fmt(points)} points on ${senders.length} MQTT connections ` +
      `(${senders.filter((s) => s.kind === 'gateway').length} as gateway, ${senders.filter((s) => s.kind === 'device').length} as device) → ${url} (QoS ${qos})`,
    `  about ${fmt(Math.round(fleet.expectedRate))} readings/s; excursions ${excursions ? `≈ ${(excursions * points).toFixed(1)} a minute` : 'off'}` +
      (stations ? `; HJ 212: ${file.stations.length} stations → ${hj}` : '; HJ 212 off'),
    '  Ctrl-C stops.',
  ].join('\n'),
);

const started = Date.now();
let last = { readings: 0, at: started };
const line = (f: FleetStats, s: StationStats | null) => {
  const now = Date.now();
  const perS = ((f.readings - last.readings) * 1000) / Math.max(1, now - last.at);
  last = { readings: f.readings, at: now };
  const t = Math.round((now - started) / 1000);
  const clock = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  return (
    `[${clock}] published ${fmt(f.published)} msgs / ${fmt(f.readings)} readings (${perS.toFixed(0)}/s), ` +
    `acked ${qos ? fmt(f.acked) : 'n/a'}${f.inflight ? ` (${f.inflight} in flight)` : ''}, ` +
    `excursions ${f.excursionsStarted} started (${f.excursionsActive} active), connections ${f.connected}/${f.senders}` +
    (s ? `, HJ 212 ${s.frames} frames (${s.answered} answered, ${s.connected}/${s.stations} up)` : '') +
    (f.failed ? `, ${f.failed} failed` : '') +
    (f.lastError || s?.lastError ? `\n    last error: ${f.lastError ?? s?.lastError}` : '')
  );
};

// Ctrl-C while connecting ends at once (nothing is in flight); afterwards it waits for the PUBACKs.
await fleet.start();
stations?.start();
const report = setInterval(() => console.log(line(fleet.snapshot(), stations?.snapshot() ?? null)), 10_000);
let stopping = false;
const stop = async (why: string) => {
  if (stopping) return;
  stopping = true;
  clearInterval(report);
  console.log(`${why}: stopping…`);
  const s = stations ? await stations.stop() : null;
  const f = await fleet.stop();
  console.log(line(f, s));
  process.exit(0);
};
process.on('SIGINT', () => void stop('interrupted'));
process.on('SIGTERM', () => void stop('terminated'));
if (duration > 0) setTimeout(() => void stop(`${duration} s elapsed`), duration * 1000);
