// Dictionary items: listed per type, created with a unique code, edited in place; every write is audited.
import type { z } from 'zod';
import type { dictItemCreateSchema, dictItemUpdateSchema } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import type { RequestContext } from '../../platform/context.ts';
import { dictionaryRepository } from './dictionary.repository.ts';

export function createDictionaryService({ db, audit, clock }: Deps) {
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
      if (await dictionaryRepository.findItemByCode(db, type, input.code))
        throw new AppError('CONFLICT', 'code exists', [{ path: 'body.code', message: 'code exists' }]);
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
