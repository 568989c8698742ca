import { idParams, menuCatalogue, okResponse, permissionCatalogue, roleCreateSchema, roleSchema, roleUpdateSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { createRoleService } from './role.service.ts';

const catalogueSchema = z.object({
  permissions: z.array(z.object({ code: z.string(), group: z.string(), adminClass: z.string().optional() })),
  menus: z.array(z.object({ key: z.string(), path: z.string(), permission: z.string() })),
});

export function registerRoles(app: FastifyInstance, deps: Deps): void {
  const service = createRoleService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roles'];
  r.get('/api/permissions', { config: { auth: 'roles.read' }, schema: { tags, response: { 200: catalogueSchema } } }, () => ({
    permissions: [...permissionCatalogue],
    menus: [...menuCatalogue],
  }));
  r.get('/api/roles', { config: { auth: ['roles.read', 'users.read'] }, schema: { tags, response: { 200: z.array(roleSchema) } } }, () => service.list());
  r.post('/api/roles', { config: { auth: 'roles.write' }, schema: { tags, body: roleCreateSchema, response: { 200: roleSchema } } }, (req) =>
    service.create(req.ctx, req.body),
  );
  r.patch(
    '/api/roles/:id',
    { config: { auth: 'roles.write' }, schema: { tags, params: idParams, body: roleUpdateSchema, response: { 200: roleSchema } } },
    (req) => service.update(req.ctx, req.params.id, req.body),
  );
  r.delete('/api/roles/:id', { config: { auth: 'roles.write' }, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await service.remove(req.ctx, req.params.id);
    return { ok: true as const };
  });
}
