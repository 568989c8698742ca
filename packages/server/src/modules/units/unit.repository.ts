import { and, asc, count, eq, isNull, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/database.ts';
import { units, users } from '../../db/schema.ts';

export type UnitRow = typeof units.$inferSelect;

const userCount = sql<number>`(select count(*) from users u where u.unit_id = ${units.id} and u.deleted_at is null)`.mapWith(Number);

export const unitRepository = {
  findAll(db: DbOrTx) {
    return db.select({ unit: units, userCount }).from(units).where(isNull(units.deletedAt)).orderBy(asc(units.path), asc(units.sort));
  },
  async findById(db: DbOrTx, id: string): Promise<UnitRow | undefined> {
    const [row] = await db
      .select()
      .from(units)
      .where(and(eq(units.id, id), isNull(units.deletedAt)));
    return row;
  },
  async insert(db: DbOrTx, values: typeof units.$inferInsert): Promise<UnitRow> {
    const [row] = await db.insert(units).values(values).returning();
    return row!;
  },
  async update(db: DbOrTx, id: string, set: Partial<typeof units.$inferInsert>): Promise<UnitRow> {
    const [row] = await db.update(units).set(set).where(eq(units.id, id)).returning();
    return row!;
  },
  /** Moves a subtree: every path under oldPrefix is rewritten under newPrefix. */
  movePaths(db: DbOrTx, oldPrefix: string, newPrefix: string) {
    return db
      .update(units)
      .set({ path: sql`${newPrefix} || substr(${units.path}, ${oldPrefix.length + 1})` })
      .where(like(units.path, `${oldPrefix}%`));
  },
  async countActiveChildren(db: DbOrTx, id: string): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(units)
      .where(and(eq(units.parentId, id), isNull(units.deletedAt)));
    return r?.n ?? 0;
  },
  async countUsers(db: DbOrTx, id: string): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.unitId, id), isNull(users.deletedAt)));
    return r?.n ?? 0;
  },
};
