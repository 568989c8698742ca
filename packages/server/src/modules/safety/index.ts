// Safety monitoring (智慧园区 · 安全, DOMAIN §10, issue 7): the registry of hazard sources, devices, points and
// stations; ingestion (src/ingest: MQTT embedded or external, HTTP, HJ 212 over TCP) into the partitioned readings
// store; alarms without storms, with escalation and hazards as ledger items; the live safety page.
import type { FastifyInstance } from 'fastify';
import type { ListenChannel } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { createIngest, registerIngestRoutes, type Ingest } from '../../ingest/index.ts';
import { registerSafetyAlarms, type AlarmModule } from './alarm.routes.ts';
import type { LiveHub } from './live-hub.ts';
import { registerSafetyLive } from './live.routes.ts';
import { registerSafetyRegistry } from './registry.routes.ts';
import { SafetyEvents } from './safety-events.ts';

export interface SafetyModule {
  events: SafetyEvents;
  ingest: Ingest;
  alarms: AlarmModule;
  /** The WebSocket hub of the live page (its connections and counters). */
  live: LiveHub;
}

type Listen = (channel: ListenChannel, onNotify: (payload: string) => void, onLive: (live: boolean) => void) => Promise<() => Promise<void>>;

export async function registerSafety(app: FastifyInstance, deps: Deps, listen: Listen): Promise<SafetyModule> {
  const events = new SafetyEvents();
  registerSafetyRegistry(app, deps, events);
  const alarms = registerSafetyAlarms(app, deps, events);
  const ingest = createIngest(deps, { sink: alarms.sink, events });
  registerIngestRoutes(app, deps, ingest);
  const live = await registerSafetyLive(app, deps, events, ingest.latest);
  const unlisten = await events.listen(listen);
  app.addHook('onClose', async () => {
    await ingest.stop();
    await unlisten();
  });
  return { events, ingest, alarms, live };
}
