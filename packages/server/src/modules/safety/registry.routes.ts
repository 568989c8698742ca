// Registry routes (placeholder until the registry lands).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { SafetyEvents } from './safety-events.ts';

export function registerSafetyRegistry(_app: FastifyInstance, _deps: Deps, _events: SafetyEvents): void {}
