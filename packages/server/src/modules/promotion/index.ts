// Investment promotion (招商引资, DOMAIN §5): routes of the leads (list, detail, registration, stage moves, transfer,
// closure, clock completions). Each route: schema, permission, one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessmentSchema,
  criteriaListSchema,
  idParams,
  leadAssessmentInputSchema,
  leadCloseSchema,
  leadClockDoneSchema,
  leadCreateSchema,
  leadDetailSchema,
  leadListQuery,
  leadPage,
  leadStageMoveSchema,
  leadTransferSchema,
} from '@zoneops/shared';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { createLeadService, type LeadService } from './lead.service.ts';
import { createScreeningService } from './screening.service.ts';

export function registerPromotion(app: FastifyInstance, deps: Deps): LeadService {
  const leads = createLeadService(deps);
  const screening = createScreeningService(deps, leads);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['promotion'];
  const read = { auth: 'promotion.read' } as const;
  const write = { auth: 'promotion.write' } as const;
  const detail = { tags, params: idParams, response: { 200: leadDetailSchema } };

  r.get('/api/promotion/leads', { config: read, schema: { tags, querystring: leadListQuery, response: { 200: leadPage } } }, (req) =>
    leads.list(actorOf(req), req.query),
  );
  r.post('/api/promotion/leads', { config: write, schema: { tags, body: leadCreateSchema, response: { 200: leadDetailSchema } } }, async (req) =>
    leads.get(actorOf(req), await leads.create(req.ctx, actorOf(req), req.body)),
  );
  r.get('/api/promotion/leads/:id', { config: read, schema: detail }, (req) => leads.get(actorOf(req), req.params.id));
  r.post('/api/promotion/leads/:id/stage', { config: write, schema: { ...detail, body: leadStageMoveSchema } }, async (req) => {
    await leads.moveStage(req.ctx, actorOf(req), req.params.id, req.body);
    return leads.get(actorOf(req), req.params.id);
  });
  r.post('/api/promotion/leads/:id/transfer', { config: write, schema: { ...detail, body: leadTransferSchema } }, async (req) => {
    await leads.transfer(req.ctx, actorOf(req), req.params.id, req.body);
    return leads.get(actorOf(req), req.params.id);
  });
  r.post('/api/promotion/leads/:id/close', { config: write, schema: { ...detail, body: leadCloseSchema } }, async (req) => {
    await leads.close(req.ctx, actorOf(req), req.params.id, req.body);
    return leads.get(actorOf(req), req.params.id);
  });
  r.post('/api/promotion/leads/:id/clocks', { config: write, schema: { ...detail, body: leadClockDoneSchema } }, async (req) => {
    await leads.clockDone(req.ctx, actorOf(req), req.params.id, req.body);
    return leads.get(actorOf(req), req.params.id);
  });
  r.get(
    '/api/promotion/criteria',
    { config: read, schema: { tags, summary: 'The admission criteria (挑商选资)', response: { 200: criteriaListSchema } } },
    () => screening.criteria(),
  );
  r.put(
    '/api/promotion/criteria',
    { config: { auth: 'promotion.manage' }, schema: { tags, body: criteriaListSchema, response: { 200: criteriaListSchema } } },
    (req) => screening.saveCriteria(req.ctx, actorOf(req), req.body),
  );
  r.get(
    '/api/promotion/leads/:id/assessments',
    { config: read, schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(assessmentSchema) }) } } },
    async (req) => ({ items: await screening.list(actorOf(req), req.params.id) }),
  );
  r.post(
    '/api/promotion/leads/:id/assessments',
    {
      config: { auth: 'promotion.approve' },
      schema: { ...detail, summary: 'Record an assessment against the criteria, with the decision', body: leadAssessmentInputSchema },
    },
    async (req) => {
      await screening.assess(req.ctx, actorOf(req), req.params.id, req.body);
      return leads.get(actorOf(req), req.params.id);
    },
  );
  return leads;
}
