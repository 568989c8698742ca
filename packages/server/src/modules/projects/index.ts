// Key projects (DOMAIN §4): routes of the project ledger, milestones, investment reports, blockers, year lists,
// pipeline, ceremonies, the battle map, the milestone board and the dashboard. Each route: schema, permission, one
// service call. Writes answer with the record as the caller now sees it.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  battleMapSchema,
  blockerCreateSchema,
  boardQuery,
  boardSchema,
  ceremonyBatchInputSchema,
  ceremonyBatchSchema,
  dashboardQuery,
  idParams,
  idSchema,
  investmentReportInputSchema,
  investmentReportPage,
  investmentReportSchema,
  itemDetailSchema,
  mapQuery,
  milestonePlanSchema,
  milestoneTemplateCreateSchema,
  milestoneTemplateSchema,
  milestoneUpdateSchema,
  pipelineSchema,
  projectCreateSchema,
  projectDashboardSchema,
  projectDetailSchema,
  projectListQuery,
  projectPage,
  projectUpdateSchema,
  reportListQuery,
  reportReviewSchema,
  stageMoveSchema,
  yearListPageSchema,
  yearListQuery,
} from '@zoneops/shared';
import { registerVisibility } from '../../platform/access/scope.ts';
import { cachedReads } from '../../platform/response-cache.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { registerAttachmentTarget } from '../attachments/index.ts';
import { ITEM_ENTITY, type LedgerService } from '../ledger/ledger.service.ts';
import { createInvestmentService, type InvestmentService } from './investment.service.ts';
import { PROJECT_ENTITY, projectVisibility, projectVisible } from './project-access.ts';
import { recomputeAllProjects } from './project-lights.ts';
import { createProjectViewsService, type ProjectViewsService } from './project-views.service.ts';
import { createProjectService, type ProjectService } from './project.service.ts';
import { registerProjectSheets } from './sheets.routes.ts';
import { today } from '../../platform/clock.ts';

export interface ProjectsModule {
  projects: ProjectService;
  investment: InvestmentService;
  views: ProjectViewsService;
  recomputeAll: () => Promise<{ checked: number; changed: number }>;
}

export function registerProjects(app: FastifyInstance, deps: Deps, ledger: LedgerService): ProjectsModule {
  const projects = createProjectService(deps);
  const investment = createInvestmentService(deps, projects);
  const views = createProjectViewsService(deps);
  projectVisibility();
  // A blocker is seen by whoever sees its project (linked leaders, responsible units, the owner).
  registerVisibility(ITEM_ENTITY, (p) => {
    const v = projectVisible(p);
    return v
      ? sql`ledger_items.project_id in (select projects.id from projects where projects.deleted_at is null and ${v})`
      : sql`ledger_items.project_id is not null`;
  });
  const allowed = (check: () => Promise<unknown>) =>
    check().then(
      () => true,
      () => false,
    );
  // Photos by month (形象进度) and approval documents on a project; evidence on a milestone.
  registerAttachmentTarget(PROJECT_ENTITY, {
    purposes: ['photo', 'document'],
    canRead: (p, id) => allowed(() => projects.requireVisible(p, id)),
    canWrite: (p, id) => allowed(() => projects.requireCan(p, id, 'report').catch(() => projects.requireCan(p, id, 'edit'))),
  });
  const milestoneProject = async (id: string) => {
    const [m] = await queryRows<{ projectId: string }>(deps.db, sql`select project_id as "projectId" from project_milestones where id = ${id}`);
    if (!m) throw new Error('unknown milestone');
    return m.projectId;
  };
  registerAttachmentTarget('projectMilestone', {
    purposes: ['evidence'],
    canRead: (p, id) => allowed(async () => projects.requireVisible(p, await milestoneProject(id))),
    canWrite: (p, id) => allowed(async () => projects.requireCan(p, await milestoneProject(id), 'edit')),
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  const read = { auth: 'projects.read' } as const;
  const write = { auth: 'projects.write' } as const;
  const detail = (req: { params: { id: string } }, p: ReturnType<typeof actorOf>) => projects.get(p, req.params.id);
  // The list and the views are read far more than written: answered from the per-instance answer cache, dropped on
  // every change to projects, their leaders, units, milestones, reports or blockers (migration 0009).
  const cached = cachedReads(deps.responses, actorOf);

  r.get('/api/projects', { config: read, schema: { tags, querystring: projectListQuery, response: { 200: projectPage } } }, (req, reply) =>
    cached(req, reply, projectPage, (p) => projects.list(p, req.query)),
  );
  r.post('/api/projects', { config: write, schema: { tags, body: projectCreateSchema, response: { 200: projectDetailSchema } } }, async (req) =>
    projects.get(actorOf(req), await projects.create(req.ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/projects/map',
    {
      config: read,
      schema: { tags, summary: 'Every located project as [id, name, lng, lat, light, stage]', querystring: mapQuery, response: { 200: battleMapSchema } },
    },
    (req, reply) => cached(req, reply, battleMapSchema, (p) => views.map(p, req.query)),
  );
  r.get(
    '/api/projects/board',
    { config: read, schema: { tags, summary: 'Milestone board: projects × nodes', querystring: boardQuery, response: { 200: boardSchema } } },
    (req, reply) => cached(req, reply, boardSchema, (p) => views.board(p, req.query)),
  );
  r.get('/api/projects/dashboard', { config: read, schema: { tags, querystring: dashboardQuery, response: { 200: projectDashboardSchema } } }, (req, reply) =>
    cached(req, reply, projectDashboardSchema, (p) => views.dashboard(p, req.query)),
  );
  r.get(
    '/api/projects/year-lists',
    { config: read, schema: { tags, summary: '新动工 / 新投产 / 新储备 of a year', querystring: yearListQuery, response: { 200: yearListPageSchema } } },
    (req, reply) => cached(req, reply, yearListPageSchema, (p) => views.yearList(p, req.query)),
  );
  r.get(
    '/api/projects/pipeline',
    { config: read, schema: { tags, summary: '谋划一批、储备一批、申报一批、落地一批', response: { 200: pipelineSchema } } },
    (req, reply) => cached(req, reply, pipelineSchema, (p) => views.pipeline(p)),
  );
  r.get('/api/projects/:id', { config: read, schema: { tags, params: idParams, response: { 200: projectDetailSchema } } }, (req) => detail(req, actorOf(req)));
  r.patch(
    '/api/projects/:id',
    { config: write, schema: { tags, params: idParams, body: projectUpdateSchema, response: { 200: projectDetailSchema } } },
    async (req) => {
      await projects.update(req.ctx, actorOf(req), req.params.id, req.body);
      return detail(req, actorOf(req));
    },
  );
  r.post(
    '/api/projects/:id/stage',
    { config: write, schema: { tags, params: idParams, body: stageMoveSchema, response: { 200: projectDetailSchema } } },
    async (req) => {
      await projects.moveStage(req.ctx, actorOf(req), req.params.id, req.body);
      return detail(req, actorOf(req));
    },
  );
  r.post(
    '/api/projects/:id/milestones/plan',
    { config: write, schema: { tags, params: idParams, body: milestonePlanSchema, response: { 200: projectDetailSchema } } },
    async (req) => {
      await projects.planMilestones(req.ctx, actorOf(req), req.params.id, req.body.templateId);
      return detail(req, actorOf(req));
    },
  );
  r.patch(
    '/api/projects/:id/milestones/:code',
    {
      config: write,
      schema: {
        tags,
        params: z.object({ id: idSchema, code: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/) }).strict(),
        body: milestoneUpdateSchema,
        response: { 200: projectDetailSchema },
      },
    },
    async (req) => {
      await projects.updateMilestone(req.ctx, actorOf(req), req.params.id, req.params.code, req.body);
      return detail(req, actorOf(req));
    },
  );
  r.post(
    '/api/projects/:id/blockers',
    { config: read, schema: { tags, params: idParams, body: blockerCreateSchema, response: { 200: itemDetailSchema } } },
    async (req) => ledger.get(actorOf(req), await projects.raiseBlocker(req.ctx, actorOf(req), req.params.id, req.body)),
  );

  r.get('/api/projects/:id/reports', { config: read, schema: { tags, params: idParams, response: { 200: investmentReportPage } } }, (req) =>
    investment.listForProject(actorOf(req), req.params.id),
  );
  r.put(
    '/api/projects/:id/reports',
    { config: { auth: 'projects.report' }, schema: { tags, params: idParams, body: investmentReportInputSchema, response: { 200: investmentReportSchema } } },
    async (req) => investment.get(actorOf(req), await investment.file(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.get('/api/investment-reports', { config: read, schema: { tags, querystring: reportListQuery, response: { 200: investmentReportPage } } }, (req) =>
    investment.list(actorOf(req), req.query),
  );
  r.get('/api/investment-reports/:id', { config: read, schema: { tags, params: idParams, response: { 200: investmentReportSchema } } }, (req) =>
    investment.get(actorOf(req), req.params.id),
  );
  r.post(
    '/api/investment-reports/:id/submit',
    { config: { auth: 'projects.report' }, schema: { tags, params: idParams, response: { 200: investmentReportSchema } } },
    async (req) => {
      await investment.submit(req.ctx, actorOf(req), req.params.id);
      return investment.get(actorOf(req), req.params.id);
    },
  );
  r.post(
    '/api/investment-reports/:id/review',
    { config: { auth: 'projects.approve' }, schema: { tags, params: idParams, body: reportReviewSchema, response: { 200: investmentReportSchema } } },
    async (req) => {
      await investment.review(req.ctx, actorOf(req), req.params.id, req.body);
      return investment.get(actorOf(req), req.params.id);
    },
  );

  r.get('/api/ceremonies', { config: read, schema: { tags, response: { 200: z.array(ceremonyBatchSchema) } } }, (req) => views.ceremonies(actorOf(req)));
  r.post('/api/ceremonies', { config: write, schema: { tags, body: ceremonyBatchInputSchema, response: { 200: ceremonyBatchSchema } } }, async (req) =>
    views.ceremony(actorOf(req), await views.createCeremony(req.ctx, actorOf(req), req.body)),
  );
  r.get('/api/ceremonies/:id', { config: read, schema: { tags, params: idParams, response: { 200: ceremonyBatchSchema } } }, (req) =>
    views.ceremony(actorOf(req), req.params.id),
  );

  r.get('/api/milestone-templates', { config: read, schema: { tags, response: { 200: z.array(milestoneTemplateSchema) } } }, () => projects.listTemplates());
  r.post(
    '/api/milestone-templates',
    { config: write, schema: { tags, body: milestoneTemplateCreateSchema, response: { 200: milestoneTemplateSchema } } },
    (req) => projects.createTemplate(req.ctx, actorOf(req), req.body),
  );

  const module: ProjectsModule = { projects, investment, views, recomputeAll: () => recomputeAllProjects(deps.db, today(deps.clock)) };
  registerProjectSheets(app, deps, module);
  return module;
}
