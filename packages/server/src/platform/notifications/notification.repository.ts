import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../database.ts';
import { notificationChannels, notificationDeliveries, notifications } from '../../db/schema.ts';

export type ChannelRow = typeof notificationChannels.$inferSelect;
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;

export const notificationRepository = {
  insertInbox(db: DbOrTx, rows: (typeof notifications.$inferInsert)[]) {
    return rows.length ? db.insert(notifications).values(rows) : Promise.resolve();
  },
  findEnabledChannels(db: DbOrTx): Promise<ChannelRow[]> {
    return db.select().from(notificationChannels).where(eq(notificationChannels.enabled, true));
  },
  insertDeliveries(db: DbOrTx, rows: (typeof notificationDeliveries.$inferInsert)[]) {
    return rows.length ? db.insert(notificationDeliveries).values(rows) : Promise.resolve();
  },
  /** Leases due deliveries to this instance for `leaseMs`; other instances skip rows locked or leased. */
  async leaseDue(db: DbOrTx, now: Date, limit: number, leaseMs: number) {
    const res = await queryRows<{ id: string }>(
      db,
      sql`
      update notification_deliveries set next_attempt_at = ${new Date(now.getTime() + leaseMs)}
      where id in (
        select id from notification_deliveries
        where status = 'pending' and next_attempt_at <= ${now}
          and channel_id in (select id from notification_channels where enabled)
        order by next_attempt_at limit ${limit} for update skip locked)
      returning id`,
    );
    const ids = res.map((r) => r.id);
    if (!ids.length) return [];
    return db
      .select({ delivery: notificationDeliveries, channel: notificationChannels })
      .from(notificationDeliveries)
      .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
      .where(inArray(notificationDeliveries.id, ids));
  },
  updateDelivery(db: DbOrTx, id: string, set: Partial<typeof notificationDeliveries.$inferInsert>) {
    return db.update(notificationDeliveries).set(set).where(eq(notificationDeliveries.id, id));
  },
  async findInboxPage(db: DbOrTx, userId: string, unreadOnly: boolean, desc_: boolean, limit: number, offset: number) {
    const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
    const rows = await db
      .select({ row: notifications, total: sql<number>`count(*) over()`.mapWith(Number) })
      .from(notifications)
      .where(where)
      .orderBy(desc_ ? desc(notifications.createdAt) : asc(notifications.createdAt))
      .limit(limit)
      .offset(offset);
    return { rows: rows.map((r) => r.row), total: rows[0]?.total ?? 0 };
  },
  async countUnread(db: DbOrTx, userId: string): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return r?.n ?? 0;
  },
  markRead(db: DbOrTx, userId: string, id: string | null, now: Date) {
    return db
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
      .returning({ id: notifications.id });
  },
  findChannels(db: DbOrTx) {
    return db.select().from(notificationChannels).orderBy(asc(notificationChannels.createdAt));
  },
  async findChannelById(db: DbOrTx, id: string) {
    const [row] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, id));
    return row;
  },
  async insertChannel(db: DbOrTx, values: typeof notificationChannels.$inferInsert) {
    const [row] = await db.insert(notificationChannels).values(values).returning();
    return row!;
  },
  async updateChannel(db: DbOrTx, id: string, set: Partial<typeof notificationChannels.$inferInsert>) {
    const [row] = await db.update(notificationChannels).set(set).where(eq(notificationChannels.id, id)).returning();
    return row;
  },
  async findDeliveryPage(db: DbOrTx, status: string | undefined, desc_: boolean, limit: number, offset: number) {
    const rows = await db
      .select({ row: notificationDeliveries, channelName: notificationChannels.name, total: sql<number>`count(*) over()`.mapWith(Number) })
      .from(notificationDeliveries)
      .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
      .where(status ? eq(notificationDeliveries.status, status) : undefined)
      .orderBy(desc_ ? desc(notificationDeliveries.createdAt) : asc(notificationDeliveries.createdAt))
      .limit(limit)
      .offset(offset);
    return { rows, total: rows[0]?.total ?? 0 };
  },
};
