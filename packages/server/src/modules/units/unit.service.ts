// The unit tree: create, rename, move (no cycles), and delete only when empty.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Unit, unitCreateSchema, unitUpdateSchema } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/context.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { unitRepository, type UnitRow } from './unit.repository.ts';

export function toUnit(row: UnitRow, userCount = 0): Unit {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    nameEn: row.nameEn,
    kind: row.kind as Unit['kind'],
    code: row.code,
    sort: row.sort,
    userCount,
  };
}

export function createUnitService({ db, audit, clock }: Deps) {
  async function parentPath(parentId: string | null | undefined): Promise<string> {
    if (!parentId) return '/';
    const parent = await unitRepository.findById(db, parentId);
    if (!parent) throw new AppError('VALIDATION_FAILED', 'parent unit not found', [{ path: 'body.parentId', message: 'parent unit not found' }]);
    return parent.path;
  }

  return {
    async list(): Promise<Unit[]> {
      return (await unitRepository.findAll(db)).map((r) => toUnit(r.unit, r.userCount));
    },

    async create(ctx: RequestContext, input: z.infer<typeof unitCreateSchema>): Promise<Unit> {
      const id = randomUUID();
      const path = `${await parentPath(input.parentId)}${id}/`;
      return db.transaction(async (tx) => {
        const row = await unitRepository.insert(tx, { ...input, id, path, createdBy: ctx.actor?.userId });
        await audit.record(tx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, diff: diffOf(null, row) });
        return toUnit(row);
      });
    },

    async update(ctx: RequestContext, id: string, input: z.infer<typeof unitUpdateSchema>): Promise<Unit> {
      const before = await unitRepository.findById(db, id);
      if (!before) throw notFound('unit');
      const moving = input.parentId !== undefined && input.parentId !== before.parentId;
      // Read before the transaction: on PGlite (one connection) a read through db inside it would wait for ever.
      const newParentPath = moving ? await parentPath(input.parentId) : null;
      // Moving a unit under itself or one of its descendants would cut the subtree off the tree.
      if (newParentPath?.startsWith(before.path)) throw new AppError('UNIT_CYCLE', 'a unit cannot be moved under itself or its own subunit');
      return db.transaction(async (tx) => {
        if (newParentPath !== null) await unitRepository.movePaths(tx, before.path, `${newParentPath}${id}/`);
        const row = await unitRepository.update(tx, id, { ...input, updatedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, diff: diffOf(before, row) });
        return toUnit(row, await unitRepository.countUsers(tx, id));
      });
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      const before = await unitRepository.findById(db, id);
      if (!before) throw notFound('unit');
      const [children, members] = [await unitRepository.countActiveChildren(db, id), await unitRepository.countUsers(db, id)];
      if (children || members) {
        throw new AppError('UNIT_NOT_EMPTY', `the unit still has ${members} users and ${children} subunits`, { users: members, subunits: children });
      }
      await db.transaction(async (tx) => {
        await unitRepository.update(tx, id, { deletedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'unit.delete', entityType: 'unit', entityId: id, diff: diffOf(before, null) });
      });
    },
  };
}
