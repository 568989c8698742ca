// Alarm routes (placeholder until the alarm engine lands).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { ReadingSink } from './contracts.ts';
import type { SafetyEvents } from './safety-events.ts';

export interface AlarmModule {
  /** Durable readings from the ingest path. */
  sink: ReadingSink;
  /** Stale points and offline devices (job safety.stale). */
  checkStale(now: Date): Promise<void>;
  /** Escalation of unacknowledged alarms and the end of suppression windows (job safety.escalate). */
  escalate(now: Date): Promise<void>;
}

export function registerSafetyAlarms(_app: FastifyInstance, _deps: Deps, _events: SafetyEvents): AlarmModule {
  return {
    sink: { onReadings: async () => undefined, onDeviceSeen: () => undefined },
    checkStale: async () => undefined,
    escalate: async () => undefined,
  };
}
