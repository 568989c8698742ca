// Hazard routes (隐患排查治理): the list joined with each ledger item's status, light and deadline, its export, and
// filing a hazard found in an inspection or reported. Rectification, verification and closure are the ledger's own
// routes (/api/ledger-items/:id/…). Each route: schema, permission, one service call.
import { safetyHazardCreateSchema, safetyHazardListQuery, safetyHazardPage, safetyHazardSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { sendXlsx } from '../../platform/documents/index.ts';
import type { HazardService } from './hazard.service.ts';

export function registerSafetyHazards(app: FastifyInstance, hazards: HazardService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['safety'];
  const read = { auth: 'safety.read' } as const;

  r.get(
    '/api/safety/hazards',
    { config: read, schema: { tags, summary: 'Hazards with their ledger status', querystring: safetyHazardListQuery, response: { 200: safetyHazardPage } } },
    (req) => hazards.list(actorOf(req), req.query),
  );
  r.get(
    '/api/safety/hazards/export',
    { config: read, schema: { tags, summary: 'The filtered hazard list as xlsx', querystring: safetyHazardListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await hazards.exportXlsx(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
  );
  r.get(
    '/api/safety/hazards/:itemId',
    { config: read, schema: { tags, params: z.object({ itemId: z.uuid() }).strict(), response: { 200: safetyHazardSchema } } },
    (req) => hazards.get(actorOf(req), req.params.itemId),
  );
  r.post(
    '/api/safety/hazards',
    {
      config: { auth: 'safety.handle' },
      schema: {
        tags,
        summary: 'File a hazard found in an inspection or reported (safety.manage, or an enterprise user for its own enterprise)',
        body: safetyHazardCreateSchema,
        response: { 200: safetyHazardSchema },
      },
    },
    (req) => hazards.create(req.ctx, actorOf(req), req.body),
  );
}
