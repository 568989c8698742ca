import { and, asc, desc, eq, gt, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../database.ts';
import { auditArchives, auditLog } from '../../db/schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type AuditInsert = typeof auditLog.$inferInsert;

export interface AuditFilter {
  userId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  result?: string;
  from?: string;
  to?: string;
  q?: string;
}

function where(f: AuditFilter): SQL | undefined {
  return and(
    f.userId ? eq(auditLog.userId, f.userId) : undefined,
    f.action ? ilike(auditLog.action, `%${f.action}%`) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.result ? eq(auditLog.result, f.result) : undefined,
    f.from ? gte(auditLog.at, new Date(f.from)) : undefined,
    f.to ? lte(auditLog.at, new Date(f.to)) : undefined,
    f.q ? or(ilike(auditLog.username, `%${f.q}%`), ilike(auditLog.action, `%${f.q}%`), ilike(auditLog.entityId, `%${f.q}%`)) : undefined,
  );
}

export const auditRepository = {
  /** Serialises appends: the chain order is the commit order. Held until the transaction ends. */
  async lockChain(tx: DbOrTx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(727000002)`);
  },

  async findLastHash(tx: DbOrTx): Promise<string | undefined> {
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    return last ? last.hash : auditRepository.findLastArchivedHash(tx);
  },

  async insert(tx: DbOrTx, row: AuditInsert): Promise<void> {
    await tx.insert(auditLog).values(row);
  },

  async findPage(tx: DbOrTx, f: AuditFilter, sort: { field: string; desc: boolean }, limit: number, offset: number) {
    const col = sort.field === 'at' ? auditLog.at : auditLog.seq;
    const rows = await tx
      .select({ row: auditLog, total: sql<number>`count(*) over()`.mapWith(Number) })
      .from(auditLog)
      .where(where(f))
      .orderBy(sort.desc ? desc(col) : asc(col), desc(auditLog.seq))
      .limit(limit)
      .offset(offset);
    return { rows: rows.map((r) => r.row), total: rows[0]?.total ?? 0 };
  },

  findBatchAfter(tx: DbOrTx, afterSeq: number, limit: number): Promise<AuditRow[]> {
    return tx.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
  },

  findOlderThan(tx: DbOrTx, before: Date, limit: number): Promise<AuditRow[]> {
    return tx.select().from(auditLog).where(lte(auditLog.at, before)).orderBy(asc(auditLog.seq)).limit(limit);
  },

  /** The hash of the last record moved to an archive file: where the chain in the table starts. */
  async findLastArchivedHash(tx: DbOrTx): Promise<string | undefined> {
    const [archive] = await tx.select({ hash: auditArchives.lastHash }).from(auditArchives).orderBy(desc(auditArchives.toSeq)).limit(1);
    return archive?.hash;
  },

  /** Retention only: the guard trigger lets this transaction delete because it sets zoneops.audit_purge. */
  async purgeUpTo(tx: DbOrTx, toSeq: number, archive: typeof auditArchives.$inferInsert): Promise<void> {
    await tx.execute(sql`select set_config('zoneops.audit_purge', 'on', true)`);
    await tx.delete(auditLog).where(lte(auditLog.seq, toSeq));
    await tx.insert(auditArchives).values(archive);
  },
};
