import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/database.ts';
import { calendarDays } from '../../db/schema.ts';

export type CalendarDayRow = typeof calendarDays.$inferSelect;

export const calendarRepository = {
  findBetween: (db: DbOrTx, from: string, to: string) =>
    db
      .select()
      .from(calendarDays)
      .where(and(gte(calendarDays.date, from), lte(calendarDays.date, to)))
      .orderBy(asc(calendarDays.date)),
  async findByDate(db: DbOrTx, date: string) {
    const [row] = await db.select().from(calendarDays).where(eq(calendarDays.date, date));
    return row;
  },
  async upsert(db: DbOrTx, values: typeof calendarDays.$inferInsert) {
    const [row] = await db
      .insert(calendarDays)
      .values(values)
      .onConflictDoUpdate({
        target: calendarDays.date,
        set: { kind: values.kind, name: values.name, provisional: values.provisional, updatedAt: values.updatedAt },
      })
      .returning();
    return row!;
  },
  remove: (db: DbOrTx, date: string) => db.delete(calendarDays).where(eq(calendarDays.date, date)),
};
