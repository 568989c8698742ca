// Investment promotion (招商引资, DOMAIN §5): routes of the leads (list, kanban, export, detail, registration, edits,
// stage moves, transfer, closure, clock completions, history, screening, the key-project hook), the teams and their
// scoreboard, trips and receptions, industry chains and the rejections report. Each route: schema, permission, one
// service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityListQuery,
  assessmentSchema,
  chainCreateSchema,
  chainDetailSchema,
  chainSchema,
  chainUpdateSchema,
  clockRuleListSchema,
  criteriaListSchema,
  idParams,
  leadAssessmentInputSchema,
  leadBoardSchema,
  leadCloseSchema,
  leadClockDoneSchema,
  leadCreateSchema,
  leadDetailSchema,
  leadEventsSchema,
  leadListQuery,
  leadPage,
  leadStageMoveSchema,
  leadToProjectSchema,
  leadTransferSchema,
  leadUpdateSchema,
  okResponse,
  periodQuery,
  receptionCreateSchema,
  receptionPage,
  receptionSchema,
  receptionUpdateSchema,
  rejectionReportQuery,
  rejectionReportSchema,
  scoreboardSchema,
  segmentCompanySchemaIn,
  segmentCreateSchema,
  segmentUpdateSchema,
  teamCreateSchema,
  teamSchema,
  teamUpdateSchema,
  tripCreateSchema,
  tripPage,
  tripSchema,
  tripUpdateSchema,
} from '@zoneops/shared';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { sendXlsx } from '../../platform/documents/index.ts';
import { cachedReads } from '../../platform/response-cache.ts';
import { createProjectService, type ProjectService } from '../projects/project.service.ts';
import { createActivityService } from './activity.service.ts';
import { createChainService } from './chain.service.ts';
import { createLeadExport } from './lead-export.ts';
import { createLeadService, type LeadService } from './lead.service.ts';
import { createProjectHook } from './project-hook.ts';
import { createPromotionReports } from './promotion-reports.service.ts';
import { createScreeningService } from './screening.service.ts';
import { createTeamService } from './team.service.ts';

/** `projects`: the key projects' service a signed lead is created through (its own instance when not given). */
export function registerPromotion(app: FastifyInstance, deps: Deps, projects: ProjectService = createProjectService(deps)): LeadService {
  const leads = createLeadService(deps);
  const screening = createScreeningService(deps, leads);
  const teams = createTeamService(deps);
  const activities = createActivityService(deps, leads);
  const chains = createChainService(deps, leads);
  const reports = createPromotionReports(deps);
  const exporter = createLeadExport(deps, leads);
  const hook = createProjectHook(deps, leads, projects);
  deps.workbench.register((p, day) => (p.permissions.has('promotion.write') ? leads.todos(p, day) : Promise.resolve([])));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['promotion'];
  const read = { auth: 'promotion.read' } as const;
  const write = { auth: 'promotion.write' } as const;
  const manage = { auth: 'promotion.manage' } as const;
  const detail = { tags, params: idParams, response: { 200: leadDetailSchema } };
  const filters = leadListQuery.omit({ page: true, pageSize: true, sort: true });
  // The list and the kanban are read far more than written: answered from the per-instance answer cache, dropped on
  // every write through the API and after the clock job (lead.service.ts recomputeClocks).
  const cached = cachedReads(deps.responses, actorOf);

  // ---- leads ---------------------------------------------------------------------------------------------------

  r.get('/api/promotion/leads', { config: read, schema: { tags, querystring: leadListQuery, response: { 200: leadPage } } }, (req, reply) =>
    cached(req, reply, leadPage, (p) => leads.list(p, req.query)),
  );
  r.get(
    '/api/promotion/board',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kanban: every stage with its count, planned investment and first 20 cards',
        querystring: filters,
        response: { 200: leadBoardSchema },
      },
    },
    (req, reply) => cached(req, reply, leadBoardSchema, (p) => leads.board(p, req.query)),
  );
  r.get(
    '/api/promotion/leads/export',
    {
      config: read,
      schema: {
        tags,
        summary: 'The leads of the list filters the caller sees (xlsx); contacts, referrer phone and credit code masked where the caller may not see them',
        querystring: leadListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => sendXlsx(reply, await exporter.export(req.ctx, actorOf(req), req.query)),
  );
  r.post('/api/promotion/leads', { config: write, schema: { tags, body: leadCreateSchema, response: { 200: leadDetailSchema } } }, async (req) =>
    leads.get(actorOf(req), await leads.create(req.ctx, actorOf(req), req.body)),
  );
  r.get('/api/promotion/leads/:id', { config: read, schema: detail }, (req) => leads.get(actorOf(req), req.params.id));
  r.patch('/api/promotion/leads/:id', { config: write, schema: { ...detail, body: leadUpdateSchema } }, async (req) => {
    await leads.update(req.ctx, actorOf(req), req.params.id, req.body);
    return leads.get(actorOf(req), req.params.id);
  });
  r.get(
    '/api/promotion/leads/:id/events',
    { config: read, schema: { tags, summary: 'The history of a lead, oldest first', params: idParams, response: { 200: leadEventsSchema } } },
    async (req) => ({ items: await leads.events(actorOf(req), req.params.id) }),
  );
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
  r.post(
    '/api/promotion/leads/:id/project',
    {
      config: { auth: 'promotion.approve' },
      schema: {
        ...detail,
        summary: 'Turn a signed lead into a key project (the owner’s superior with projects.write); see project-hook.ts',
        body: leadToProjectSchema,
      },
    },
    async (req) => {
      await hook.leadToProject(req.ctx, actorOf(req), req.params.id, req.body);
      return leads.get(actorOf(req), req.params.id);
    },
  );

  // ---- screening ----------------------------------------------------------------------------------------------

  r.get(
    '/api/promotion/clock-rules',
    { config: read, schema: { tags, summary: 'The service clocks of a lead, in working days', response: { 200: clockRuleListSchema } } },
    () => leads.clockRules.get(),
  );
  r.put('/api/promotion/clock-rules', { config: manage, schema: { tags, body: clockRuleListSchema, response: { 200: clockRuleListSchema } } }, async (req) => {
    const saved = await leads.clockRules.save(req.ctx, actorOf(req), req.body);
    await leads.recomputeClocks(); // every lead's worst clock under the new rules
    return saved;
  });

  r.get(
    '/api/promotion/criteria',
    { config: read, schema: { tags, summary: 'The admission criteria (挑商选资)', response: { 200: criteriaListSchema } } },
    () => screening.criteria(),
  );
  r.put('/api/promotion/criteria', { config: manage, schema: { tags, body: criteriaListSchema, response: { 200: criteriaListSchema } } }, (req) =>
    screening.saveCriteria(req.ctx, actorOf(req), req.body),
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
  r.get(
    '/api/promotion/reports/rejections',
    {
      config: read,
      schema: {
        tags,
        summary: 'Leads screened out in a period, by failed criterion and by industry',
        querystring: rejectionReportQuery,
        response: { 200: rejectionReportSchema },
      },
    },
    (req) => reports.rejections(actorOf(req), req.query.from, req.query.to),
  );

  // ---- teams and the scoreboard ---------------------------------------------------------------------------------

  const teamList = z.object({ items: z.array(teamSchema) });
  r.get(
    '/api/promotion/teams',
    { config: read, schema: { tags, querystring: z.object({ all: z.enum(['true', 'false']).optional() }).strict(), response: { 200: teamList } } },
    async (req) => ({ items: await teams.list(req.query.all === 'true') }),
  );
  r.post('/api/promotion/teams', { config: manage, schema: { tags, body: teamCreateSchema, response: { 200: teamSchema } } }, async (req) =>
    teams.get(await teams.create(req.ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/promotion/teams/:id',
    { config: manage, schema: { tags, params: idParams, body: teamUpdateSchema, response: { 200: teamSchema } } },
    async (req) => {
      await teams.update(req.ctx, actorOf(req), req.params.id, req.body);
      return teams.get(req.params.id);
    },
  );
  r.get(
    '/api/promotion/scoreboard',
    {
      config: read,
      schema: {
        tags,
        summary: 'Per active team: leads, trips, receptions, signings and money of a period',
        querystring: periodQuery,
        response: { 200: scoreboardSchema },
      },
    },
    (req) => reports.scoreboard(req.query.from, req.query.to),
  );
  r.get(
    '/api/promotion/scoreboard/export',
    { config: read, schema: { tags, summary: 'The scoreboard of a period (xlsx)', querystring: periodQuery } },
    async (req, reply) => sendXlsx(reply, await reports.scoreboardExport(req.ctx, req.query.from, req.query.to)),
  );

  // ---- trips and receptions -----------------------------------------------------------------------------------

  r.get('/api/promotion/trips', { config: read, schema: { tags, querystring: activityListQuery, response: { 200: tripPage } } }, (req) =>
    activities.listTrips(actorOf(req), req.query),
  );
  r.post('/api/promotion/trips', { config: write, schema: { tags, body: tripCreateSchema, response: { 200: tripSchema } } }, async (req) =>
    activities.getTrip(actorOf(req), await activities.createTrip(req.ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/promotion/trips/:id',
    { config: write, schema: { tags, params: idParams, body: tripUpdateSchema, response: { 200: tripSchema } } },
    async (req) => {
      await activities.updateTrip(req.ctx, actorOf(req), req.params.id, req.body);
      return activities.getTrip(actorOf(req), req.params.id);
    },
  );
  r.delete('/api/promotion/trips/:id', { config: write, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await activities.remove(req.ctx, actorOf(req), 'trip', req.params.id);
    return { ok: true as const };
  });
  r.get('/api/promotion/receptions', { config: read, schema: { tags, querystring: activityListQuery, response: { 200: receptionPage } } }, (req) =>
    activities.listReceptions(actorOf(req), req.query),
  );
  r.post('/api/promotion/receptions', { config: write, schema: { tags, body: receptionCreateSchema, response: { 200: receptionSchema } } }, async (req) =>
    activities.getReception(actorOf(req), await activities.createReception(req.ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/promotion/receptions/:id',
    { config: write, schema: { tags, params: idParams, body: receptionUpdateSchema, response: { 200: receptionSchema } } },
    async (req) => {
      await activities.updateReception(req.ctx, actorOf(req), req.params.id, req.body);
      return activities.getReception(actorOf(req), req.params.id);
    },
  );
  r.delete('/api/promotion/receptions/:id', { config: write, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await activities.remove(req.ctx, actorOf(req), 'reception', req.params.id);
    return { ok: true as const };
  });

  // ---- industry chains ----------------------------------------------------------------------------------------

  const chainOut = { 200: chainDetailSchema };
  r.get('/api/promotion/chains', { config: read, schema: { tags, response: { 200: z.object({ items: z.array(chainSchema) }) } } }, async () => ({
    items: await chains.list(),
  }));
  r.get('/api/promotion/chains/:id', { config: read, schema: { tags, params: idParams, response: chainOut } }, (req) => chains.detail(req.params.id));
  r.post('/api/promotion/chains', { config: manage, schema: { tags, body: chainCreateSchema, response: chainOut } }, async (req) =>
    chains.detail(await chains.createChain(req.ctx, actorOf(req), req.body)),
  );
  r.patch('/api/promotion/chains/:id', { config: manage, schema: { tags, params: idParams, body: chainUpdateSchema, response: chainOut } }, async (req) => {
    await chains.updateChain(req.ctx, actorOf(req), req.params.id, req.body);
    return chains.detail(req.params.id);
  });
  r.delete('/api/promotion/chains/:id', { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await chains.deleteChain(req.ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.post(
    '/api/promotion/chains/:id/segments',
    { config: manage, schema: { tags, summary: 'Add a segment; answers the chain', params: idParams, body: segmentCreateSchema, response: chainOut } },
    async (req) => {
      await chains.createSegment(req.ctx, actorOf(req), req.params.id, req.body);
      return chains.detail(req.params.id);
    },
  );
  r.patch(
    '/api/promotion/segments/:id',
    {
      config: manage,
      schema: { tags, summary: 'Change a segment; answers the chain', params: idParams, body: segmentUpdateSchema, response: chainOut },
    },
    async (req) => chains.detail(await chains.updateSegment(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/promotion/segments/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete an empty segment (409 while companies or child segments hang on it); answers the chain',
        params: idParams,
        response: chainOut,
      },
    },
    async (req) => chains.detail(await chains.deleteSegment(req.ctx, actorOf(req), req.params.id)),
  );
  r.post(
    '/api/promotion/segments/:id/companies',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Put a zone enterprise or a target company on a segment; answers the chain',
        params: idParams,
        body: segmentCompanySchemaIn,
        response: chainOut,
      },
    },
    async (req) => chains.detail(await chains.addCompany(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/promotion/segment-companies/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a company of a segment (all fields); answers the chain',
        params: idParams,
        body: segmentCompanySchemaIn,
        response: chainOut,
      },
    },
    async (req) => chains.detail(await chains.updateCompany(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/promotion/segment-companies/:id',
    { config: manage, schema: { tags, summary: 'Remove a company from its segment; answers the chain', params: idParams, response: chainOut } },
    async (req) => chains.detail(await chains.removeCompany(req.ctx, actorOf(req), req.params.id)),
  );
  return leads;
}
