// `npm start`: the whole platform in one process on the embedded database (or PostgreSQL with DATABASE_URL).
import { buildApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { seedDemoModules } from '../db/seed/demo-modules.ts';
import { describeLogins, ensureDemo, openMigrated } from './bootstrap.ts';

const started = performance.now();
const config = loadConfig();
const database = await openMigrated(config);
const logins = await ensureDemo(config, database);
const built = await buildApp(config, database);
const { app, scheduler, safety, park } = built;
if (logins) await seedDemoModules(built);
if (config.jobs) scheduler.start();
await app.listen({ port: config.port, host: config.host });
const listeners = config.ingest.enabled ? await safety.ingest.start() : { mqttPort: null, hj212Port: null };
const positionPorts = config.positions.enabled ? await park.positions.start() : { jt808Port: null, osmandPort: null };
const gatePort = config.gate.listener ? (await park.gate.listen()).gatePort : null;

const url = `http://localhost:${config.port}`;
console.log(
  [
    '',
    `ZoneOps is ready at ${url}  (database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}; ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    `API docs: ${url}/api/docs`,
    ...(config.demoSeed
      ? [`Simulator: npm run simulate -- telemetry | vehicles (demo device tokens and terminals in ${config.dataDir}/demo-devices.json)`]
      : []),
    `Telemetry: MQTT ${listeners.mqttPort !== null ? `mqtt://localhost:${listeners.mqttPort}` : config.ingest.mqttUrl ? `via ${config.ingest.mqttUrl}` : 'off'}, HJ 212 ${listeners.hj212Port !== null ? `tcp://localhost:${listeners.hj212Port}` : 'off'}, HTTP POST ${url}/api/v1/<token>/telemetry`,
    `Vehicle positions: JT/T 808 ${positionPorts.jt808Port !== null ? `tcp://localhost:${positionPorts.jt808Port}` : 'off'}, OsmAnd ${positionPorts.osmandPort !== null ? `http://localhost:${positionPorts.osmandPort}/` : 'off'}`,
    `Gate events: POST http://localhost:${gatePort ?? config.port}/api/gate/<gate token>/isapi | platform${gatePort !== null ? ` (gate port; also on ${config.port})` : ''}`,
    'Demo logins:',
    describeLogins(logins),
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await scheduler.stop();
      await app.close();
      await database.close();
      process.exit(0);
    })();
  });
}
