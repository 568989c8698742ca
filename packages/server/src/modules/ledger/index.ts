// Routes of the ledger engine. Supervision, rectification and meeting decisions all go through these; module pages
// differ in which ledgers (kind) they show.
import {
  checkpointTemplateCreateSchema,
  checkpointTemplateSchema,
  type CheckpointNode,
  chaseSchema,
  commentCreateSchema,
  extensionDecisionSchema,
  extensionRequestSchema,
  idParams,
  idSchema,
  itemCreateSchema,
  itemDetailSchema,
  itemListQuery,
  itemUpdateSchema,
  ledgerCreateSchema,
  ledgerItemPage,
  ledgerKinds,
  ledgerSchema,
  ledgerUpdateSchema,
  okResponse,
  progressCreateSchema,
  savedViewCreateSchema,
  savedViewSchema,
  signoffCreateSchema,
  transitionSchema,
  verificationCreateSchema,
} from '@zoneops/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { registerVisibility } from '../../platform/access/scope.ts';
import { registerAttachmentTarget } from '../attachments/index.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { createLedgerService, ITEM_ENTITY, type LedgerService } from './ledger.service.ts';

/**
 * Besides the data scope over the lead unit: co-units see their items, owners and linked leaders theirs, an
 * enterprise the items raised from its requests, a supervisor the ledgers of the unit it supervises from.
 */
export function ledgerVisibility(): () => void {
  return registerVisibility(ITEM_ENTITY, (p) => {
    const parts = [
      sql`${p.unitId}::uuid = any(ledger_items.co_unit_ids)`,
      sql`ledger_items.owner_id = ${p.userId}`,
      sql`ledger_items.leader_id = ${p.userId}`,
      ...(p.enterpriseId ? [sql`ledger_items.enterprise_id = ${p.enterpriseId}`] : []),
      ...(p.permissions.has('ledger.supervise')
        ? [
            sql`ledger_items.ledger_id in (select l.id from ledgers l join units su on su.id = l.supervisor_unit_id where su.path like ${p.unitPath + '%'} or ${p.unitPath} like su.path || '%')`,
          ]
        : []),
    ];
    return sql`(${sql.join(parts, sql` or `)})`;
  });
}

const itemParams = z.object({ id: idSchema }).strict();
const extensionParams = z.object({ id: idSchema, extensionId: idSchema }).strict();

export function registerLedger(app: FastifyInstance, deps: Deps): LedgerService {
  const service = createLedgerService(deps);
  // Writes return ids; the answer is the item's detail as the caller now sees it.
  const detailAfter = async (req: FastifyRequest, write: Promise<unknown>) => {
    await write;
    return service.get(actorOf(req), (req.params as { id: string }).id);
  };
  ledgerVisibility();
  // Files on items: whoever sees the item sees its files; the lead unit, co-units and supervisors add them.
  registerAttachmentTarget(ITEM_ENTITY, {
    purposes: ['evidence', 'photo', 'document'],
    canRead: (p, id) =>
      service.requireItem(p, id).then(
        () => true,
        () => false,
      ),
    canWrite: (p, id) =>
      service.requireItem(p, id).then(
        ({ roles }) => roles.has('lead') || roles.has('co') || roles.has('supervisor'),
        () => false,
      ),
  });
  deps.workbench.register((p, day) => (p.permissions.has('ledger.read') ? service.todos(p, day) : Promise.resolve([])));

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];
  const read = { auth: 'ledger.read' } as const;

  r.get(
    '/api/ledgers',
    { config: read, schema: { tags, querystring: z.object({ kind: z.enum(ledgerKinds).optional() }).strict(), response: { 200: z.array(ledgerSchema) } } },
    (req) => service.listLedgers(actorOf(req), req.query.kind),
  );
  r.post('/api/ledgers', { config: { auth: 'ledger.assign' }, schema: { tags, body: ledgerCreateSchema, response: { 200: ledgerSchema } } }, (req) =>
    service.createLedger(req.ctx, actorOf(req), req.body),
  );
  r.get('/api/ledgers/:id', { config: read, schema: { tags, params: idParams, response: { 200: ledgerSchema } } }, (req) =>
    service.getLedger(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/ledgers/:id',
    { config: { auth: 'ledger.supervise' }, schema: { tags, params: idParams, body: ledgerUpdateSchema, response: { 200: ledgerSchema } } },
    (req) => service.updateLedger(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/checkpoint-templates', { config: read, schema: { tags, response: { 200: z.array(checkpointTemplateSchema) } } }, async () =>
    (await service.listTemplates()).map((t) => ({ id: t.id, code: t.code, name: t.name, nodes: t.nodes as CheckpointNode[] })),
  );
  r.post(
    '/api/checkpoint-templates',
    { config: { auth: 'ledger.supervise' }, schema: { tags, body: checkpointTemplateCreateSchema, response: { 200: checkpointTemplateSchema } } },
    async (req) => {
      const t = await service.createTemplate(req.ctx, actorOf(req), req.body);
      return { id: t.id, code: t.code, name: t.name, nodes: t.nodes as CheckpointNode[] };
    },
  );

  r.get('/api/ledger-items', { config: read, schema: { tags, querystring: itemListQuery, response: { 200: ledgerItemPage } } }, (req) =>
    service.list(actorOf(req), req.query),
  );
  r.post(
    '/api/ledger-items',
    { config: { auth: ['ledger.assign', 'ledger.handle'] }, schema: { tags, body: itemCreateSchema, response: { 200: itemDetailSchema } } },
    async (req) => service.get(actorOf(req), await service.create(req.ctx, actorOf(req), req.body)),
  );
  r.get('/api/ledger-items/:id', { config: read, schema: { tags, params: itemParams, response: { 200: itemDetailSchema } } }, (req) =>
    service.get(actorOf(req), req.params.id),
  );
  r.patch('/api/ledger-items/:id', { config: read, schema: { tags, params: itemParams, body: itemUpdateSchema, response: { 200: itemDetailSchema } } }, (req) =>
    detailAfter(req, service.update(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/ledger-items/:id/transitions',
    { config: read, schema: { tags, params: itemParams, body: transitionSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.transition(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/ledger-items/:id/progress',
    { config: read, schema: { tags, params: itemParams, body: progressCreateSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.addProgress(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/ledger-items/:id/comments',
    { config: read, schema: { tags, params: itemParams, body: commentCreateSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.comment(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/ledger-items/:id/chase',
    { config: { auth: 'ledger.supervise' }, schema: { tags, params: itemParams, body: chaseSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.chase(req.ctx, actorOf(req), req.params.id, req.body.body)),
  );
  r.post(
    '/api/ledger-items/:id/extensions',
    { config: read, schema: { tags, params: itemParams, body: extensionRequestSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.requestExtension(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/ledger-items/:id/extensions/:extensionId/decision',
    { config: read, schema: { tags, params: extensionParams, body: extensionDecisionSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.decideExtension(req.ctx, actorOf(req), req.params.id, req.params.extensionId, req.body)),
  );
  r.post(
    '/api/ledger-items/:id/verifications',
    { config: { auth: 'ledger.supervise' }, schema: { tags, params: itemParams, body: verificationCreateSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.verify(req.ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/ledger-items/:id/signoffs',
    { config: read, schema: { tags, params: itemParams, body: signoffCreateSchema, response: { 200: itemDetailSchema } } },
    (req) => detailAfter(req, service.signOff(req.ctx, actorOf(req), req.params.id, req.body.note)),
  );

  r.get(
    '/api/saved-views',
    {
      config: { auth: 'session' },
      schema: { tags, querystring: z.object({ page: z.string().min(1).max(50) }).strict(), response: { 200: z.array(savedViewSchema) } },
    },
    async (req) =>
      (await service.listViews(actorOf(req), req.query.page)).map((v) => ({ id: v.id, page: v.page, name: v.name, query: v.query as Record<string, string> })),
  );
  r.post(
    '/api/saved-views',
    { config: { auth: 'session' }, schema: { tags, body: savedViewCreateSchema, response: { 200: savedViewSchema } } },
    async (req) => {
      const v = await service.saveView(actorOf(req), req.body);
      return { id: v.id, page: v.page, name: v.name, query: v.query as Record<string, string> };
    },
  );
  r.delete('/api/saved-views/:id', { config: { auth: 'session' }, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await service.deleteView(actorOf(req), req.params.id);
    return { ok: true as const };
  });
  return service;
}
