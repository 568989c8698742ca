import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/database.ts';
import { apiTokens, users } from '../../db/schema.ts';

export const apiTokenRepository = {
  findAll: (db: DbOrTx) =>
    db
      .select({ token: apiTokens, username: users.username })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .orderBy(desc(apiTokens.createdAt)),
  async findById(db: DbOrTx, id: string) {
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    return row;
  },
  async insert(db: DbOrTx, values: typeof apiTokens.$inferInsert) {
    const [row] = await db.insert(apiTokens).values(values).returning();
    return row!;
  },
  revoke: (db: DbOrTx, id: string, at: Date) => db.update(apiTokens).set({ revokedAt: at, updatedAt: at }).where(eq(apiTokens.id, id)),
};
