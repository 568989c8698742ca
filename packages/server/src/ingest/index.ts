// Protocol adapters of safety monitoring (placeholder until the ingest path lands).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import type { LatestValues, ReadingSink } from '../modules/safety/contracts.ts';
import type { SafetyEvents } from '../modules/safety/safety-events.ts';

export interface Ingest {
  latest: LatestValues;
  /** Opens the listeners the configuration asks for (embedded broker, external subscription, HJ 212 server). */
  start(overrides?: { mqttPort?: number; hj212Port?: number }): Promise<{ mqttPort: number | null; hj212Port: number | null }>;
  /** Stops listening, writes what is buffered, acknowledges it, and stops. */
  stop(): Promise<void>;
  /** Partitions ahead, expired partitions dropped (job safety.partitions). */
  maintain(now: Date): Promise<void>;
  /** Writes what is buffered now and resolves when it is durable (tests, shutdown). */
  flush(): Promise<void>;
  /** Minute and hour roll-ups of closed buckets (job safety.rollups). */
  rollup(now: Date): Promise<void>;
}

export function createIngest(_deps: Deps, _parts: { sink: ReadingSink; events: SafetyEvents }): Ingest {
  return {
    latest: { get: () => undefined },
    start: async () => ({ mqttPort: null, hj212Port: null }),
    stop: async () => undefined,
    flush: async () => undefined,
    maintain: async () => undefined,
    rollup: async () => undefined,
  };
}

export function registerIngestRoutes(_app: FastifyInstance, _deps: Deps, _ingest: Ingest): void {}
