import { enterpriseCreateSchema, enterpriseListQuery, enterprisePage, enterpriseSchema, enterpriseUpdateSchema, idParams, okResponse } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { EXPORT_LIMIT, sendXlsx } from '../../platform/excel.ts';
import { createEnterpriseService } from './enterprise.service.ts';

const counts = z.array(z.object({ key: z.string(), count: z.number().int() }));

export function registerEnterprises(app: FastifyInstance, deps: Deps): void {
  const service = createEnterpriseService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];
  r.get(
    '/api/enterprises',
    { config: { auth: 'enterprises.read' }, schema: { tags, querystring: enterpriseListQuery, response: { 200: enterprisePage } } },
    (req) => service.list(actorOf(req), req.query),
  );
  r.get(
    '/api/enterprises/stats',
    { config: { auth: 'enterprises.read' }, schema: { tags, response: { 200: z.object({ byIndustry: counts, byStatus: counts, byTag: counts }) } } },
    (req) => service.stats(actorOf(req)),
  );
  r.get('/api/enterprises/export', { config: { auth: 'enterprises.read' }, schema: { tags, querystring: enterpriseListQuery } }, async (req, reply) => {
    const page = await service.list(actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_LIMIT });
    return sendXlsx(
      reply,
      '企业名录.xlsx',
      '企业',
      [
        { header: '企业名称', key: 'name', width: 36 },
        { header: '统一社会信用代码', key: 'uscc', width: 22 },
        { header: '法定代表人', key: 'legalRep' },
        { header: '行业', key: 'industry' },
        { header: '标签', key: 'tags' },
        { header: '状态', key: 'status' },
        { header: '联系人', key: 'contactName' },
        { header: '联系电话', key: 'contactPhone' },
        { header: '地址', key: 'address', width: 40 },
      ],
      page.items,
    );
  });
  r.get('/api/enterprises/:id', { config: { auth: 'enterprises.read' }, schema: { tags, params: idParams, response: { 200: enterpriseSchema } } }, (req) =>
    service.get(actorOf(req), req.params.id),
  );
  r.post(
    '/api/enterprises',
    { config: { auth: 'enterprises.write' }, schema: { tags, body: enterpriseCreateSchema, response: { 200: enterpriseSchema } } },
    (req) => service.create(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/enterprises/:id',
    { config: { auth: 'enterprises.write' }, schema: { tags, params: idParams, body: enterpriseUpdateSchema, response: { 200: enterpriseSchema } } },
    (req) => service.update(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/enterprises/:id',
    { config: { auth: 'enterprises.write' }, schema: { tags, params: idParams, response: { 200: okResponse } } },
    async (req) => {
      await service.remove(req.ctx, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
