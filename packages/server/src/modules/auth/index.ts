import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { authRoutes } from './auth.routes.ts';
import { createAuthService } from './auth.service.ts';

export function registerAuthModule(app: FastifyInstance, deps: Deps): void {
  authRoutes(app, createAuthService(deps), deps.config);
}
