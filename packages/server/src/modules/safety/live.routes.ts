// Live safety page routes (placeholder until the live hub lands).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { LatestValues } from './contracts.ts';
import type { SafetyEvents } from './safety-events.ts';

export async function registerSafetyLive(_app: FastifyInstance, _deps: Deps, _events: SafetyEvents, _latest: LatestValues): Promise<void> {}
