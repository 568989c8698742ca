// The enterprise registry. Staff with enterprises.read see all enterprises; an enterprise user sees only their own.
// Credit codes, contact phones and person names are masked for those without the field rights.
import type { z } from 'zod';
import { parseSort, type Enterprise, type enterpriseCreateSchema, type enterpriseListQuery, type enterpriseUpdateSchema } from '@zoneops/shared';
import { eq, type SQL } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { maskRows, type MaskPlan } from '../../platform/access/masking.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import { enterprises } from '../../db/schema.ts';
import { enterpriseRepository, type EnterpriseRow, type EnterpriseSortField } from './enterprise.repository.ts';

const maskPlan: MaskPlan<Enterprise> = { uscc: ['uscc'], phone: ['contactPhone'], personName: ['legalRep', 'contactName'] };

function toEnterprise(row: EnterpriseRow): Enterprise {
  return { ...row, status: row.status as Enterprise['status'], createdAt: row.createdAt.toISOString() };
}

export function enterpriseVisibility(p: Principal): SQL | undefined {
  return p.enterpriseId ? eq(enterprises.id, p.enterpriseId) : undefined;
}

export function createEnterpriseService({ db, audit, clock }: Deps) {
  const present = (p: Principal, rows: EnterpriseRow[]) => maskRows(rows.map(toEnterprise), maskPlan, p);
  const taken = () => new AppError('USCC_TAKEN', 'an enterprise with this credit code exists', [{ path: 'body.uscc', message: 'already registered' }]);

  return {
    async list(p: Principal, q: z.infer<typeof enterpriseListQuery>) {
      const { limit, offset } = limitOffset(q);
      const sort = parseSort(q.sort, 'name') as { field: EnterpriseSortField; desc: boolean };
      const { rows, total } = await enterpriseRepository.findPage(db, q, enterpriseVisibility(p), sort, limit, offset);
      return toPage(present(p, rows), total, q);
    },

    async stats(p: Principal) {
      const v = enterpriseVisibility(p);
      const [byIndustry, byStatus, byTag] = [
        await enterpriseRepository.countBy(db, 'industry', v),
        await enterpriseRepository.countBy(db, 'status', v),
        await enterpriseRepository.countBy(db, 'tag', v),
      ];
      return { byIndustry, byStatus, byTag };
    },

    async get(p: Principal, id: string): Promise<Enterprise> {
      const row = await enterpriseRepository.findById(db, id, enterpriseVisibility(p));
      if (!row) throw notFound('enterprise');
      return present(p, [row])[0]!;
    },

    async create(ctx: RequestContext, p: Principal, input: z.infer<typeof enterpriseCreateSchema>): Promise<Enterprise> {
      if (await enterpriseRepository.findByUscc(db, input.uscc)) throw taken();
      return db.transaction(async (tx) => {
        const row = await enterpriseRepository.insert(tx, { ...input, createdBy: p.userId });
        await audit.record(tx, ctx, { action: 'enterprise.create', entityType: 'enterprise', entityId: row.id, diff: diffOf(null, row) });
        return present(p, [row])[0]!;
      });
    },

    async update(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof enterpriseUpdateSchema>): Promise<Enterprise> {
      const before = await enterpriseRepository.findById(db, id, enterpriseVisibility(p));
      if (!before) throw notFound('enterprise');
      if (input.uscc && input.uscc !== before.uscc && (await enterpriseRepository.findByUscc(db, input.uscc))) throw taken();
      return db.transaction(async (tx) => {
        const row = await enterpriseRepository.update(tx, id, { ...input, updatedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'enterprise.update', entityType: 'enterprise', entityId: id, diff: diffOf(before, row) });
        return present(p, [row])[0]!;
      });
    },

    async remove(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      const before = await enterpriseRepository.findById(db, id, enterpriseVisibility(p));
      if (!before) throw notFound('enterprise');
      await db.transaction(async (tx) => {
        await enterpriseRepository.update(tx, id, { deletedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'enterprise.delete', entityType: 'enterprise', entityId: id, diff: diffOf(before, null) });
      });
    },
  };
}
