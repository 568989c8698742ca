// Economic performance (经济运行, DOMAIN §6): routes of the catalogue, regions, figures (grid, import, approval),
// targets, the dashboard, indicator series and the bulletin. Each route: schema, permission, one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  economyBulletinQuery,
  economyBulletinSchema,
  economyDashboardQuery,
  economyDashboardSchema,
  figureApprovedSchema,
  figureApproveSchema,
  figureGridQuery,
  figureGridSchema,
  figureImportQuery,
  figureImportResultSchema,
  figuresSavedSchema,
  figuresSaveSchema,
  idParams,
  indicatorCreateSchema,
  indicatorListSchema,
  indicatorSchema,
  indicatorSeriesSchema,
  indicatorUpdateSchema,
  okResponse,
  regionCreateSchema,
  regionListSchema,
  regionSchema,
  regionUpdateSchema,
  seriesQuery,
  targetListQuery,
  targetListSchema,
  targetSchema,
  targetUpsertSchema,
} from '@zoneops/shared';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { cachedReads } from '../../platform/response-cache.ts';
import type { Deps } from '../../platform/deps.ts';
import { MAX_IMPORT_BYTES, sendDocx, sendXlsx, withWorkbookBodies, workbookBody } from '../../platform/documents/index.ts';
import { createEconomyReportsService } from './economy-reports.service.ts';
import { createEconomyService, economyVisibility, type EconomyService } from './economy.service.ts';

export function registerEconomy(app: FastifyInstance, deps: Deps): EconomyService {
  const economy = createEconomyService(deps);
  const reports = createEconomyReportsService(deps, economy);
  economyVisibility();
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['economy'];
  const read = { auth: 'economy.read' } as const;
  // The reads are answered from the per-instance answer cache, dropped on every change to the economy tables
  // (migration 0011) and on every write through this instance.
  const cached = cachedReads(deps.responses, actorOf);
  const manage = { auth: 'economy.manage' } as const;

  r.get(
    '/api/economy/indicators',
    {
      config: read,
      schema: { tags, querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }).strict(), response: { 200: indicatorListSchema } },
    },
    (req, reply) => cached(req, reply, indicatorListSchema, async (p) => ({ items: await economy.indicators(p, req.query.includeInactive === 'true') })),
  );
  r.post('/api/economy/indicators', { config: manage, schema: { tags, body: indicatorCreateSchema, response: { 200: indicatorSchema } } }, (req) =>
    economy.createIndicator(req.ctx, actorOf(req), req.body),
  );
  r.get('/api/economy/indicators/:id', { config: read, schema: { tags, params: idParams, response: { 200: indicatorSchema } } }, (req) =>
    economy.indicator(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/economy/indicators/:id',
    { config: manage, schema: { tags, params: idParams, body: indicatorUpdateSchema, response: { 200: indicatorSchema } } },
    (req) => economy.updateIndicator(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/economy/indicators/:id/series',
    {
      config: read,
      schema: {
        tags,
        summary: 'Approved figures of every active region, by period',
        params: idParams,
        querystring: seriesQuery,
        response: { 200: indicatorSeriesSchema },
      },
    },
    (req, reply) => cached(req, reply, indicatorSeriesSchema, (p) => economy.series(p, req.params.id, req.query)),
  );

  r.get('/api/economy/regions', { config: read, schema: { tags, response: { 200: regionListSchema } } }, (req, reply) =>
    cached(req, reply, regionListSchema, async () => ({ items: await economy.regions() })),
  );
  r.post('/api/economy/regions', { config: manage, schema: { tags, body: regionCreateSchema, response: { 200: regionSchema } } }, (req) =>
    economy.createRegion(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/economy/regions/:id',
    { config: manage, schema: { tags, params: idParams, body: regionUpdateSchema, response: { 200: regionSchema } } },
    (req) => economy.updateRegion(req.ctx, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/economy/figures',
    {
      config: read,
      schema: {
        tags,
        summary: 'The grid of a month: indicators × regions, drafts included',
        querystring: figureGridQuery,
        response: { 200: figureGridSchema },
      },
    },
    (req, reply) => cached(req, reply, figureGridSchema, (p) => economy.grid(p, req.query.month)),
  );
  r.put(
    '/api/economy/figures',
    {
      config: { auth: 'economy.enter' },
      schema: { tags, summary: 'Save figures as drafts (all or nothing)', body: figuresSaveSchema, response: { 200: figuresSavedSchema } },
    },
    (req) => economy.saveFigures(req.ctx, actorOf(req), req.body),
  );
  r.post(
    '/api/economy/figures/approve',
    { config: { auth: 'economy.approve' }, schema: { tags, body: figureApproveSchema, response: { 200: figureApprovedSchema } } },
    (req) => economy.approve(req.ctx, actorOf(req), req.body),
  );

  withWorkbookBodies(app, (scope) => {
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.get(
      '/api/economy/figures/export.xlsx',
      { config: read, schema: { tags, summary: 'The month in the statistics bureau layout (also the import template)', querystring: figureGridQuery } },
      async (req, reply) => sendXlsx(reply, await reports.exportMonth(actorOf(req), req.query.month)),
    );
    s.post(
      '/api/economy/figures/import',
      {
        config: { auth: 'economy.enter' },
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary: 'Import a statistics bureau table (indicators in rows, regions in columns, value and growth side by side)',
          querystring: figureImportQuery,
          response: { 200: figureImportResultSchema },
        },
      },
      async (req, reply) => {
        const file = workbookBody(req.body);
        const p = actorOf(req);
        if (req.query.mode === 'annotate') {
          const annotated = await reports.annotate(req.ctx, p, file, req.query.month);
          return sendXlsx(reply.header('x-import-errors', String(annotated.errors)), annotated);
        }
        return reports.importFigures(req.ctx, p, file, req.query.month, req.query.mode === 'commit');
      },
    );
  });

  r.get('/api/economy/targets', { config: read, schema: { tags, querystring: targetListQuery, response: { 200: targetListSchema } } }, (req, reply) =>
    cached(req, reply, targetListSchema, async (p) => ({ items: await economy.targets(p, req.query.year) })),
  );
  r.put('/api/economy/targets', { config: manage, schema: { tags, body: targetUpsertSchema, response: { 200: targetSchema } } }, (req) =>
    economy.upsertTarget(req.ctx, actorOf(req), req.body),
  );
  r.delete('/api/economy/targets/:id', { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await economy.deleteTarget(req.ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.get(
    '/api/economy/dashboard',
    {
      config: read,
      schema: {
        tags,
        summary: 'Measures of every visible indicator for a month (approved figures)',
        querystring: economyDashboardQuery,
        response: { 200: economyDashboardSchema },
      },
    },
    (req, reply) => cached(req, reply, economyDashboardSchema, (p) => economy.dashboard(p, req.query.month)),
  );
  r.get(
    '/api/economy/bulletin',
    {
      config: read,
      schema: {
        tags,
        summary: 'The bulletin of a month (经济运行通报): blocks as JSON, or the Word document (format=docx)',
        querystring: economyBulletinQuery,
        response: { 200: economyBulletinSchema },
      },
    },
    async (req, reply) => {
      const p = actorOf(req);
      if (req.query.format === 'docx') {
        const doc = await reports.bulletinDocx(p, req.query);
        return sendDocx(reply, doc.filename, doc.buffer);
      }
      return cached(req, reply, economyBulletinSchema, (principal) => reports.bulletin(principal, req.query));
    },
  );
  return economy;
}
