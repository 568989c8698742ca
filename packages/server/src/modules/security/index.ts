import { apiTokenCreatedSchema, apiTokenCreateSchema, apiTokenSchema, idParams, okResponse, securitySettingsSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { createSecurityService } from './security.service.ts';

export function registerSecurity(app: FastifyInstance, deps: Deps): void {
  const service = createSecurityService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['security'];
  r.get('/api/security/settings', { config: { auth: 'security.policy' }, schema: { tags, response: { 200: securitySettingsSchema } } }, () => service.policy());
  r.put(
    '/api/security/settings',
    { config: { auth: 'security.policy' }, schema: { tags, body: securitySettingsSchema, response: { 200: securitySettingsSchema } } },
    (req) => service.savePolicy(req.ctx, req.body),
  );
  r.get('/api/api-tokens', { config: { auth: 'apiTokens.manage' }, schema: { tags, response: { 200: z.array(apiTokenSchema) } } }, () => service.tokens());
  r.post(
    '/api/api-tokens',
    { config: { auth: 'apiTokens.manage' }, schema: { tags, body: apiTokenCreateSchema, response: { 200: apiTokenCreatedSchema } } },
    (req) => service.createToken(req.ctx, req.body),
  );
  r.delete('/api/api-tokens/:id', { config: { auth: 'apiTokens.manage' }, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await service.revokeToken(req.ctx, req.params.id);
    return { ok: true as const };
  });
}
