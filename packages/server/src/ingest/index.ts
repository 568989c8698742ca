// Protocol adapters of safety monitoring (DOMAIN §10, issue 7): the embedded MQTT broker or the shared subscription
// to an external broker, HTTP telemetry, and the HJ 212 TCP server all feed one write pipeline (batched, durable
// before acknowledged) that hands new readings to the alarm engine. The read model of the registry (directory)
// follows registry events. Storage upkeep: daily partitions with retention, minute and hour roll-ups.
import type { FastifyInstance } from 'fastify';
import type { IngestStatus } from '@zoneops/shared';
import type { Deps } from '../platform/deps.ts';
import type { LatestValues, ReadingSink } from '../modules/safety/contracts.ts';
import type { SafetyEvents } from '../modules/safety/safety-events.ts';
import { Directory } from './directory.ts';
import { startHj212Server, type Hj212Server, type HJ212_TIMEOUTS } from './hj212-server.ts';
import { createIngestService, type IngestService } from './ingest.service.ts';
import { registerIngestHttp } from './ingest.routes.ts';
import { Intake } from './intake.ts';
import { startBroker, type EmbeddedBroker, type MQTT_TIMEOUTS } from './mqtt-broker.ts';
import { publicUrl, startSubscriber, type ExternalSubscription } from './mqtt-subscriber.ts';
import { maintainPartitions, type MaintainResult } from './partitions.ts';
import { Pipeline } from './pipeline.ts';
import { Rollups } from './rollups.ts';

export interface StartOverrides {
  /** 0 = an ephemeral port (tests); the answer names the real one. */
  mqttPort?: number;
  hj212Port?: number;
  /** Slow-client limits (tests shorten them). */
  timeouts?: { mqtt?: Partial<typeof MQTT_TIMEOUTS>; hj212?: Partial<typeof HJ212_TIMEOUTS> };
}

export interface Ingest {
  latest: LatestValues;
  /** Opens the listeners the configuration asks for (embedded broker, external subscription, HJ 212 server). */
  start(overrides?: StartOverrides): Promise<{ mqttPort: number | null; hj212Port: number | null }>;
  /** Stops listening, writes what is buffered, acknowledges it, and stops. */
  stop(): Promise<void>;
  /** Partitions ahead, expired partitions dropped (job safety.partitions). */
  maintain(now: Date): Promise<void>;
  /** Writes what is buffered now and resolves when it is durable (tests, shutdown). */
  flush(): Promise<void>;
  /** Minute and hour roll-ups of closed buckets (job safety.rollups). */
  rollup(now: Date): Promise<void>;
  /** Loads the registry again now (registry events do it on their own; tests that write rows directly call it). */
  reload(): Promise<void>;
  /** This instance's listeners and counters. */
  status(): IngestStatus;
  /** The partitions maintenance with what it did. */
  maintainPartitions(now: Date): Promise<MaintainResult>;
}

/** PGlite has one connection: shorter statements keep the API responsive while ingest writes. */
const BATCH_ROWS = { pglite: 2_000, postgres: 5_000 };
const MAX_QUEUED_ROWS = 200_000;
/** telemetry_latest is written every second for other instances; PGlite has no others (see tallies.ts). */
const LATEST_EVERY_MS = { pglite: 5_000, postgres: 1_000 };
const DIRTY_ROLLUP_MS = 60_000;

const services = new WeakMap<Ingest, IngestService>();

export function createIngest(deps: Deps, parts: { sink: ReadingSink; events: SafetyEvents }): Ingest {
  const { config, log } = deps;
  const now = () => deps.clock.now().getTime();
  const directory = new Directory(deps.db, log, () => deps.clock.now());
  directory.follow(parts.events);
  const rollups = new Rollups(deps.db, log);
  const pipeline = new Pipeline(deps.db, log, parts.sink, rollups, now, {
    flushMs: config.ingest.flushMs,
    maxBatchRows: BATCH_ROWS[deps.dbKind],
    maxQueuedRows: MAX_QUEUED_ROWS,
    latestEveryMs: LATEST_EVERY_MS[deps.dbKind],
  });
  const intake = new Intake(directory, pipeline, now, config.ingest.window);

  let broker: EmbeddedBroker | null = null;
  let subscriber: ExternalSubscription | null = null;
  let hj212: Hj212Server | null = null;
  let startedAt: Date | null = null;
  let starting: Promise<{ mqttPort: number | null; hj212Port: number | null }> | null = null;
  let rollupTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  const maintain = (at: Date) => maintainPartitions(deps.db, log, { pastMs: config.ingest.window.pastMs, retentionDays: config.ingest.retentionDays }, at);

  const status = (): Omit<IngestStatus, 'rejectedByReason'> => {
    const stats = directory.stats;
    const c = pipeline.counters;
    return {
      instanceId: config.instanceId,
      enabled: config.ingest.enabled,
      startedAt: startedAt?.toISOString() ?? null,
      at: deps.clock.now().toISOString(),
      listeners: {
        mqtt: {
          mode: broker ? 'embedded' : subscriber ? 'external' : 'off',
          port: broker?.port ?? null,
          url: subscriber?.url ?? (config.ingest.mqttUrl ? publicUrl(config.ingest.mqttUrl) : null),
          live: broker ? true : (subscriber?.live() ?? false),
          clients: broker?.clients() ?? 0,
        },
        hj212: { port: hj212?.port ?? null, connections: hj212?.connections() ?? 0 },
        http: { enabled: config.ingest.enabled },
      },
      counters: {
        accepted: c.accepted,
        duplicates: c.duplicates,
        rejected: pipeline.tallies.rejected,
        acceptedPerSecond: pipeline.acceptedPerSecond(),
        batches: c.batches,
        writeFailures: c.writeFailures,
        queueDepth: pipeline.queueDepth,
        lastFlushMs: c.lastFlushMs,
        lastFlushRows: c.lastFlushRows,
        lastFlushAt: c.lastFlushAt?.toISOString() ?? null,
      },
      directory: { devices: stats.devices, points: stats.points, loadedAt: stats.loadedAt?.toISOString() ?? null },
    };
  };

  /**
   * A port another program holds (a local Mosquitto on 1883, say) leaves that listener off with a warning instead of
   * stopping the platform; everything else keeps working.
   */
  async function portFree<T>(variable: string, port: number, listen: () => Promise<T>): Promise<T | null> {
    try {
      return await listen();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      log.warn(`port ${port} is in use by another program: this listener is off (set ${variable} to another port)`);
      return null;
    }
  }

  async function open(o: StartOverrides): Promise<{ mqttPort: number | null; hj212Port: number | null }> {
    await directory.ready();
    await maintain(deps.clock.now());
    const host = config.host;
    if (config.ingest.mqttBroker) {
      const port = o.mqttPort ?? config.ports.mqtt;
      broker = await portFree('MQTT_PORT', port, () => startBroker(port, host, { directory, intake, pipeline, log, timeouts: o.timeouts?.mqtt ?? {} }));
    }
    if (config.ingest.mqttUrl) {
      subscriber = await startSubscriber(config.ingest.mqttUrl, {
        directory,
        intake,
        log,
        shareGroup: config.ingest.shareGroup,
        clientId: `zoneops-${config.ingest.shareGroup}-${config.instanceId}`,
        flush: () => pipeline.flush(),
      });
    }
    if (config.ingest.hj212) {
      const port = o.hj212Port ?? config.ports.hj212;
      hj212 = await portFree('HJ212_PORT', port, () =>
        startHj212Server(port, host, {
          directory,
          pipeline,
          log,
          now,
          window: config.ingest.window,
          timeouts: o.timeouts?.hj212 ?? {},
        }),
      );
    }
    // Late readings' roll-up buckets are this instance's to recompute (the roll-up job may run elsewhere).
    rollupTimer = setInterval(() => {
      if (rollups.hasDirty) void rollups.run(deps.clock.now(), true).catch((err: unknown) => log.error({ err }, 'roll-ups of late readings failed'));
    }, DIRTY_ROLLUP_MS);
    rollupTimer.unref();
    startedAt = deps.clock.now();
    return { mqttPort: broker?.port ?? null, hj212Port: hj212?.port ?? null };
  }

  const ingest: Ingest = {
    latest: pipeline.tallies,
    start(overrides = {}) {
      if (stopped) return Promise.reject(new Error('ingest stopped'));
      starting ??= open(overrides).catch(async (err: unknown) => {
        await closeListeners();
        starting = null;
        throw err;
      });
      return starting;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await starting?.catch(() => undefined);
      broker?.stopAccepting();
      hj212?.stopAccepting();
      await subscriber?.close().catch((err: unknown) => log.error({ err }, 'MQTT subscriber did not close cleanly'));
      subscriber = null;
      // Everything taken is written and acknowledged before the connections close.
      await pipeline.flush();
      await closeListeners();
      directory.stop();
      if (rollupTimer) clearInterval(rollupTimer);
      rollupTimer = null;
      await pipeline.close();
    },
    async flush() {
      await pipeline.flush();
      await pipeline.tallies.write();
    },
    async maintain(at) {
      await maintain(at);
    },
    maintainPartitions: maintain,
    rollup: (at) => rollups.run(at),
    reload: () => directory.reload(),
    status: () => ({ ...status(), rejectedByReason: pipeline.tallies.rejectedCounts() }),
  };

  async function closeListeners(): Promise<void> {
    await broker?.close().catch((err: unknown) => log.error({ err }, 'MQTT broker did not close cleanly'));
    await hj212?.close().catch((err: unknown) => log.error({ err }, 'HJ 212 server did not close cleanly'));
    broker = null;
    hj212 = null;
  }

  services.set(ingest, createIngestService(deps, { directory, intake, pipeline, status }));
  return ingest;
}

export function registerIngestRoutes(app: FastifyInstance, _deps: Deps, ingest: Ingest): void {
  const service = services.get(ingest);
  if (!service) throw new Error('registerIngestRoutes needs an Ingest made by createIngest');
  registerIngestHttp(app, service);
}
