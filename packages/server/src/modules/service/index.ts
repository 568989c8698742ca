// Enterprise service (企业服务 · 千名干部挂千企, DOMAIN §9): routes of the routing table, reply templates, requests
// (filing, dispatch, accept, refuse, answer, rate, follow-up, export), pairings (with the spreadsheet assignment),
// visits, metrics and the enterprise portal. Each route: schema, permission, one service call.
import {
  idParams,
  metricsQuery,
  metricsSchema,
  okResponse,
  pairingCreateSchema,
  pairingImportPreviewSchema,
  pairingImportResultSchema,
  pairingListQuery,
  pairingPage,
  pairingSchema,
  pairingUpdateSchema,
  portalHomeSchema,
  replyTemplateInputSchema,
  replyTemplateSchema,
  requestAcceptSchema,
  requestAnswerSchema,
  requestCategories,
  requestCreateSchema,
  requestDetailSchema,
  requestDispatchSchema,
  requestFollowUpSchema,
  requestListQuery,
  requestPage,
  requestRateSchema,
  requestRefuseSchema,
  routesSaveSchema,
  routesSchema,
  visitCreateSchema,
  visitListQuery,
  visitPage,
  visitSchema,
  XLSX_MIME,
  deadlineRulesSchema,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { MAX_IMPORT_BYTES, sendXlsx, withWorkbookBodies, workbookBody } from '../../platform/documents/index.ts';
import { registerAttachmentTarget } from '../attachments/index.ts';
import { createMetricsService } from './metrics.service.ts';
import { createPairingService } from './pairing.service.ts';
import { createRequestService, type RequestService } from './request.service.ts';
import { createRoutingService } from './routing.service.ts';
import { VISIT_ENTITY } from './service-common.ts';
import { createVisitService } from './visit.service.ts';

export { REQUEST_LEDGER_CODE, type RequestService } from './request.service.ts';

export function registerService(app: FastifyInstance, deps: Deps): RequestService {
  const requests = createRequestService(deps);
  const routing = createRoutingService(deps);
  const pairings = createPairingService(deps);
  const visits = createVisitService(deps, requests);
  const metrics = createMetricsService(deps);
  // Photos of a visit: seen by whoever sees the visit, added by its cadre or a service manager.
  registerAttachmentTarget(VISIT_ENTITY, { purposes: ['photo', 'document'], canRead: visits.canRead, canWrite: visits.canWrite });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['service'];
  const read = { auth: 'service.read' } as const;
  const manage = { auth: 'service.manage' } as const;
  const handle = { auth: 'service.handle' } as const;
  const portal = { auth: 'portal.use' } as const;
  const detail = { tags, params: idParams, response: { 200: requestDetailSchema } };

  // ---- routing table and reply templates ----
  r.get(
    '/api/service/deadline-rules',
    {
      config: { auth: ['service.read', 'portal.use'] },
      schema: { tags, summary: 'The promised deadlines per kind of request', response: { 200: deadlineRulesSchema } },
    },
    () => requests.deadlineRules.get(),
  );
  r.put('/api/service/deadline-rules', { config: manage, schema: { tags, body: deadlineRulesSchema, response: { 200: deadlineRulesSchema } } }, (req) =>
    requests.deadlineRules.save(req.ctx, actorOf(req), req.body),
  );
  r.get('/api/service/routes', { config: read, schema: { tags, summary: 'The routing table (category → unit)', response: { 200: routesSchema } } }, () =>
    routing.routes(),
  );
  r.put(
    '/api/service/routes',
    { config: manage, schema: { tags, summary: 'Replace the routing table', body: routesSaveSchema, response: { 200: routesSchema } } },
    (req) => routing.saveRoutes(req.ctx, actorOf(req), req.body),
  );
  r.get(
    '/api/service/templates',
    {
      config: read,
      schema: {
        tags,
        summary: 'Reply templates, optionally of one category',
        querystring: z.object({ category: z.enum(requestCategories).optional() }).strict(),
        response: { 200: z.array(replyTemplateSchema) },
      },
    },
    (req) => routing.templates(req.query.category),
  );
  r.post('/api/service/templates', { config: manage, schema: { tags, body: replyTemplateInputSchema, response: { 200: replyTemplateSchema } } }, (req) =>
    routing.createTemplate(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/service/templates/:id',
    { config: manage, schema: { tags, params: idParams, body: replyTemplateInputSchema, response: { 200: replyTemplateSchema } } },
    (req) => routing.updateTemplate(req.ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- requests ----
  r.get('/api/service/requests', { config: read, schema: { tags, querystring: requestListQuery, response: { 200: requestPage } } }, (req) =>
    requests.list(actorOf(req), req.query),
  );
  r.post(
    '/api/service/requests',
    {
      config: { auth: 'service.file' },
      schema: { tags, summary: "File a request on an enterprise's behalf", body: requestCreateSchema, response: { 200: requestDetailSchema } },
    },
    (req) => requests.file(req.ctx, actorOf(req), req.body),
  );
  r.get('/api/service/requests/:id', { config: read, schema: detail }, (req) => requests.get(actorOf(req), req.params.id));
  r.post('/api/service/requests/:id/dispatch', { config: manage, schema: { ...detail, body: requestDispatchSchema } }, (req) =>
    requests.dispatch(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/service/requests/:id/accept', { config: handle, schema: { ...detail, body: requestAcceptSchema } }, (req) =>
    requests.accept(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/service/requests/:id/refuse',
    { config: handle, schema: { ...detail, summary: 'Refuse the request and redirect it to another unit', body: requestRefuseSchema } },
    (req) => requests.refuse(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/service/requests/:id/answer', { config: handle, schema: { ...detail, body: requestAnswerSchema } }, (req) =>
    requests.answer(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/service/requests/:id/rate',
    { config: manage, schema: { ...detail, summary: "Record the enterprise's rating (taken by phone)", body: requestRateSchema } },
    (req) => requests.rateRecorded(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/service/requests/:id/follow-up',
    { config: manage, schema: { ...detail, summary: 'The follow-up call (回访)', body: requestFollowUpSchema } },
    (req) => requests.followUp(req.ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- pairings ----
  r.get('/api/service/pairings', { config: read, schema: { tags, querystring: pairingListQuery, response: { 200: pairingPage } } }, (req) =>
    pairings.list(actorOf(req), req.query),
  );
  r.post('/api/service/pairings', { config: manage, schema: { tags, body: pairingCreateSchema, response: { 200: pairingSchema } } }, (req) =>
    pairings.create(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/service/pairings/:id',
    { config: manage, schema: { tags, params: idParams, body: pairingUpdateSchema, response: { 200: pairingSchema } } },
    (req) => pairings.update(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/service/pairings/:id', { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await pairings.remove(req.ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  // ---- visits ----
  r.get('/api/service/visits', { config: read, schema: { tags, querystring: visitListQuery, response: { 200: visitPage } } }, (req) =>
    visits.list(actorOf(req), req.query),
  );
  r.get('/api/service/visits/:id', { config: read, schema: { tags, params: idParams, response: { 200: visitSchema } } }, (req) =>
    visits.get(actorOf(req), req.params.id),
  );
  r.post(
    '/api/service/visits',
    {
      config: { auth: 'service.file' },
      schema: {
        tags,
        summary: 'Log a visit with the requests raised during it (photos: attachments of serviceVisit)',
        body: visitCreateSchema,
        response: { 200: visitSchema },
      },
    },
    (req) => visits.create(req.ctx, actorOf(req), req.body),
  );

  // ---- metrics ----
  r.get(
    '/api/service/metrics',
    {
      config: read,
      schema: {
        tags,
        summary: 'On-time response and completion, satisfaction and resolved rates per unit',
        querystring: metricsQuery,
        response: { 200: metricsSchema },
      },
    },
    (req) => metrics.metrics(actorOf(req), req.query),
  );

  // ---- the enterprise portal ----
  r.get('/api/portal/home', { config: portal, schema: { tags: ['portal'], response: { 200: portalHomeSchema } } }, (req) => requests.portalHome(actorOf(req)));
  r.get('/api/portal/requests', { config: portal, schema: { tags: ['portal'], querystring: requestListQuery, response: { 200: requestPage } } }, (req) =>
    requests.portalList(actorOf(req), req.query),
  );
  r.get('/api/portal/requests/:id', { config: portal, schema: { ...detail, tags: ['portal'] } }, (req) =>
    requests.portalGet(req.ctx, actorOf(req), req.params.id),
  );
  r.post('/api/portal/requests', { config: portal, schema: { tags: ['portal'], body: requestCreateSchema, response: { 200: requestDetailSchema } } }, (req) =>
    requests.portalFile(req.ctx, actorOf(req), req.body),
  );
  r.post('/api/portal/requests/:id/rate', { config: portal, schema: { ...detail, tags: ['portal'], body: requestRateSchema } }, (req) =>
    requests.portalRate(req.ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- spreadsheets ----
  withWorkbookBodies(app, (scope) => {
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.get(
      '/api/service/requests/export',
      {
        config: read,
        schema: {
          tags,
          summary: 'The filtered request list as xlsx (contacts masked as on screen)',
          querystring: requestListQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => sendXlsx(reply, await requests.exportXlsx(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
    );
    s.get('/api/service/metrics/export', { config: read, schema: { tags, summary: 'The metrics as xlsx', querystring: metricsQuery } }, async (req, reply) =>
      sendXlsx(reply, await metrics.exportXlsx(req.ctx, actorOf(req), req.query)),
    );
    s.get(
      '/api/service/pairings/template',
      { config: manage, schema: { tags, summary: 'The empty assignment sheet (干部账号, 企业, 角色, 开始日期, 结束日期)' } },
      async (_req, reply) => sendXlsx(reply, await pairings.template()),
    );
    s.get(
      '/api/service/pairings/export',
      { config: read, schema: { tags, summary: 'The filtered pairings as xlsx', querystring: pairingListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendXlsx(reply, await pairings.exportXlsx(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
    );
    s.post(
      '/api/service/pairings/import/preview',
      {
        config: manage,
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary: 'Check an assignment sheet (the xlsx as the body): every row with its errors',
          consumes: [XLSX_MIME],
          response: { 200: pairingImportPreviewSchema },
        },
      },
      (req) => pairings.preview(actorOf(req), workbookBody(req.body)),
    );
    s.post(
      '/api/service/pairings/import',
      {
        config: manage,
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary: 'Import an assignment sheet, all or nothing (any invalid row: 400, nothing written); existing pairings are left alone',
          consumes: [XLSX_MIME],
          response: { 200: pairingImportResultSchema },
        },
      },
      (req) => pairings.importSheet(req.ctx, actorOf(req), workbookBody(req.body)),
    );
  });

  return requests;
}
