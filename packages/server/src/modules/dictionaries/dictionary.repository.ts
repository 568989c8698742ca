import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/database.ts';
import { dictItems, dictTypes } from '../../db/schema.ts';

export type DictItemRow = typeof dictItems.$inferSelect;

export const dictionaryRepository = {
  findTypes: (db: DbOrTx) => db.select().from(dictTypes).orderBy(asc(dictTypes.code)),
  async findType(db: DbOrTx, code: string) {
    const [row] = await db.select().from(dictTypes).where(eq(dictTypes.code, code));
    return row;
  },
  findItems: (db: DbOrTx, typeCode: string) =>
    db.select().from(dictItems).where(eq(dictItems.typeCode, typeCode)).orderBy(asc(dictItems.sort), asc(dictItems.code)),
  async findItem(db: DbOrTx, typeCode: string, id: string) {
    const [row] = await db
      .select()
      .from(dictItems)
      .where(and(eq(dictItems.typeCode, typeCode), eq(dictItems.id, id)));
    return row;
  },
  async findItemByCode(db: DbOrTx, typeCode: string, code: string) {
    const [row] = await db
      .select()
      .from(dictItems)
      .where(and(eq(dictItems.typeCode, typeCode), eq(dictItems.code, code)));
    return row;
  },
  async insertItem(db: DbOrTx, values: typeof dictItems.$inferInsert) {
    const [row] = await db.insert(dictItems).values(values).returning();
    return row!;
  },
  async updateItem(db: DbOrTx, id: string, set: Partial<typeof dictItems.$inferInsert>) {
    const [row] = await db.update(dictItems).set(set).where(eq(dictItems.id, id)).returning();
    return row!;
  },
};
