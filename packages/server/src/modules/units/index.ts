import { idParams, okResponse, unitCreateSchema, unitSchema, unitUpdateSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { createUnitService } from './unit.service.ts';

export function registerUnits(app: FastifyInstance, deps: Deps): void {
  const service = createUnitService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];
  r.get('/api/units', { config: { auth: ['units.read', 'users.read'] }, schema: { tags, response: { 200: z.array(unitSchema) } } }, () => service.list());
  r.post('/api/units', { config: { auth: 'units.write' }, schema: { tags, body: unitCreateSchema, response: { 200: unitSchema } } }, (req) =>
    service.create(req.ctx, req.body),
  );
  r.patch(
    '/api/units/:id',
    { config: { auth: 'units.write' }, schema: { tags, params: idParams, body: unitUpdateSchema, response: { 200: unitSchema } } },
    (req) => service.update(req.ctx, req.params.id, req.body),
  );
  r.delete('/api/units/:id', { config: { auth: 'units.write' }, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await service.remove(req.ctx, req.params.id);
    return { ok: true as const };
  });
}
