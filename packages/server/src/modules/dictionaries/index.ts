// Dictionaries (字典): configurable code lists (industries, positions, funding sources …) that modules read.
import { dictItemCreateSchema, dictItemSchema, dictItemUpdateSchema, dictTypeSchema, idSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { createDictionaryService } from './dictionary.service.ts';

const typeParams = z.object({ type: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,39}$/) }).strict();

export function registerDictionaries(app: FastifyInstance, deps: Deps): void {
  const service = createDictionaryService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dictionaries'];
  r.get('/api/dictionaries', { schema: { tags, response: { 200: z.array(dictTypeSchema) } } }, () => service.types());
  r.get('/api/dictionaries/:type/items', { schema: { tags, params: typeParams, response: { 200: z.array(dictItemSchema) } } }, (req) =>
    service.items(req.params.type),
  );
  r.post(
    '/api/dictionaries/:type/items',
    { config: { auth: 'dictionaries.write' }, schema: { tags, params: typeParams, body: dictItemCreateSchema, response: { 200: dictItemSchema } } },
    (req) => service.create(req.ctx, req.params.type, req.body),
  );
  r.patch(
    '/api/dictionaries/:type/items/:id',
    {
      config: { auth: 'dictionaries.write' },
      schema: { tags, params: typeParams.extend({ id: idSchema }), body: dictItemUpdateSchema, response: { 200: dictItemSchema } },
    },
    (req) => service.update(req.ctx, req.params.type, req.params.id, req.body),
  );
}
