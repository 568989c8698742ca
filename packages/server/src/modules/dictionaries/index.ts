// Dictionaries (字典): configurable code lists (industries, positions, funding sources …) that modules read.
import { dictItemCreateSchema, dictItemSchema, dictItemUpdateSchema, dictTypeSchema, idSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import type { RequestContext } from '../../platform/context.ts';
import { dictionaryRepository } from './dictionary.repository.ts';

function createDictionaryService({ db, audit, clock }: Deps) {
  async function requireType(code: string) {
    if (!(await dictionaryRepository.findType(db, code))) throw notFound('dictionary');
  }
  return {
    types: () => dictionaryRepository.findTypes(db),
    async items(type: string) {
      await requireType(type);
      return dictionaryRepository.findItems(db, type);
    },
    async create(ctx: RequestContext, type: string, input: z.infer<typeof dictItemCreateSchema>) {
      await requireType(type);
      if (await dictionaryRepository.findItemByCode(db, type, input.code)) throw new AppError('CONFLICT', 'code exists', [{ path: 'body.code', message: 'code exists' }]);
      return db.transaction(async (tx) => {
        const row = await dictionaryRepository.insertItem(tx, { ...input, typeCode: type, createdBy: ctx.actor?.userId });
        await audit.record(tx, ctx, { action: 'dictionary.item.create', entityType: 'dictItem', entityId: row.id, diff: diffOf(null, row) });
        return row;
      });
    },
    async update(ctx: RequestContext, type: string, id: string, input: z.infer<typeof dictItemUpdateSchema>) {
      const before = await dictionaryRepository.findItem(db, type, id);
      if (!before) throw notFound('dictionary item');
      return db.transaction(async (tx) => {
        const row = await dictionaryRepository.updateItem(tx, id, { ...input, updatedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'dictionary.item.update', entityType: 'dictItem', entityId: id, diff: diffOf(before, row) });
        return row;
      });
    },
  };
}

const typeParams = z.object({ type: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,39}$/) }).strict();

export function registerDictionaries(app: FastifyInstance, deps: Deps): void {
  const service = createDictionaryService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dictionaries'];
  r.get('/api/dictionaries', { schema: { tags, response: { 200: z.array(dictTypeSchema) } } }, () => service.types());
  r.get('/api/dictionaries/:type/items', { schema: { tags, params: typeParams, response: { 200: z.array(dictItemSchema) } } }, (req) => service.items(req.params.type));
  r.post(
    '/api/dictionaries/:type/items',
    { config: { auth: 'dictionaries.write' }, schema: { tags, params: typeParams, body: dictItemCreateSchema, response: { 200: dictItemSchema } } },
    (req) => service.create(req.ctx, req.params.type, req.body),
  );
  r.patch(
    '/api/dictionaries/:type/items/:id',
    { config: { auth: 'dictionaries.write' }, schema: { tags, params: typeParams.extend({ id: idSchema }), body: dictItemUpdateSchema, response: { 200: dictItemSchema } } },
    (req) => service.update(req.ctx, req.params.type, req.params.id, req.body),
  );
}
