import { and, desc, eq, ilike, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/database.ts';
import { likePattern } from '../../platform/lists.ts';
import { loginLog } from '../../db/schema.ts';

export const loginLogRepository = {
  async findPage(db: DbOrTx, f: { q?: string | undefined; success?: boolean | undefined }, limit: number, offset: number) {
    const rows = await db
      .select({ row: loginLog, total: sql<number>`count(*) over()`.mapWith(Number) })
      .from(loginLog)
      .where(and(f.q ? ilike(loginLog.username, likePattern(f.q)) : undefined, f.success === undefined ? undefined : eq(loginLog.success, f.success)))
      .orderBy(desc(loginLog.id))
      .limit(limit)
      .offset(offset);
    return { rows: rows.map((r) => r.row), total: rows[0]?.total ?? 0 };
  },
};
