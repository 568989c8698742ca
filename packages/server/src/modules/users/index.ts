import { idParams, userCreatedSchema, userCreateSchema, userListQuery, userPage, userRolesSchema, userSchema, userUpdateSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { EXPORT_LIMIT, sendXlsx } from '../../platform/excel.ts';
import { sendCached } from '../../platform/response-cache.ts';
import { createUserService } from './user.service.ts';

export function registerUsers(app: FastifyInstance, deps: Deps): void {
  const service = createUserService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  // The busiest read of the system pages: served from the per-instance answer cache (platform/response-cache.ts).
  r.get('/api/users', { config: { auth: 'users.read' }, schema: { tags, querystring: userListQuery, response: { 200: userPage } } }, (req, reply) => {
    const p = actorOf(req);
    return sendCached(deps.responses, req, reply, p, userPage, () => service.list(p, req.query));
  });
  r.get('/api/users/export', { config: { auth: 'users.read' }, schema: { tags, querystring: userListQuery } }, async (req, reply) => {
    const page = await service.list(actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_LIMIT });
    const rows = page.items.map((u) => ({ ...u, roles: u.roles.map((x) => x.name).join('、') }));
    return sendXlsx(
      reply,
      '用户.xlsx',
      '用户',
      [
        { header: '用户名', key: 'username' },
        { header: '姓名', key: 'displayName' },
        { header: '单位', key: 'unitName', width: 28 },
        { header: '职务', key: 'position' },
        { header: '手机', key: 'phone' },
        { header: '邮箱', key: 'email', width: 26 },
        { header: '角色', key: 'roles', width: 24 },
        { header: '状态', key: 'status' },
      ],
      rows,
    );
  });
  r.get('/api/users/:id', { config: { auth: 'users.read' }, schema: { tags, params: idParams, response: { 200: userSchema } } }, (req) =>
    service.get(actorOf(req), req.params.id),
  );
  r.post('/api/users', { config: { auth: 'users.write' }, schema: { tags, body: userCreateSchema, response: { 200: userCreatedSchema } } }, (req) =>
    service.create(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/users/:id',
    { config: { auth: 'users.write' }, schema: { tags, params: idParams, body: userUpdateSchema, response: { 200: userSchema } } },
    (req) => service.update(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/users/:id/roles',
    { config: { auth: 'roles.assign' }, schema: { tags, params: idParams, body: userRolesSchema, response: { 200: userSchema } } },
    (req) => service.setRoles(req.ctx, actorOf(req), req.params.id, req.body.roleIds),
  );
  r.post(
    '/api/users/:id/reset-password',
    { config: { auth: 'users.resetPassword' }, schema: { tags, params: idParams, response: { 200: z.object({ initialPassword: z.string() }) } } },
    (req) => service.resetPassword(req.ctx, actorOf(req), req.params.id),
  );
  r.post('/api/users/:id/unlock', { config: { auth: 'users.unlock' }, schema: { tags, params: idParams, response: { 200: userSchema } } }, (req) =>
    service.unlock(req.ctx, actorOf(req), req.params.id),
  );
}
