import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/database.ts';
import { attachments, users } from '../../db/schema.ts';

const columns = {
  id: attachments.id,
  entityType: attachments.entityType,
  entityId: attachments.entityId,
  purpose: attachments.purpose,
  filename: attachments.filename,
  mime: attachments.mime,
  size: attachments.size,
  sha256: attachments.sha256,
  storageKey: attachments.storageKey,
  takenAt: attachments.takenAt,
  lat: attachments.lat,
  lng: attachments.lng,
  place: attachments.place,
  uploadedBy: attachments.uploadedBy,
  uploadedByName: users.displayName,
  uploadedAt: attachments.uploadedAt,
};
export type AttachmentRow = typeof attachments.$inferSelect & { uploadedByName: string | null };

const live = isNull(attachments.deletedAt);

export const attachmentRepository = {
  /** The live attachments of one record, oldest first. */
  async findByEntity(db: DbOrTx, entityType: string, entityId: string, purpose?: string): Promise<AttachmentRow[]> {
    const rows = await db
      .select(columns)
      .from(attachments)
      .leftJoin(users, eq(users.id, attachments.uploadedBy))
      .where(
        and(
          eq(attachments.entityType, entityType),
          eq(attachments.entityId, entityId),
          purpose === undefined ? undefined : eq(attachments.purpose, purpose),
          live,
        ),
      )
      .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
    return rows.map((r) => ({ ...r, deletedAt: null }));
  },
  async findById(db: DbOrTx, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await db
      .select(columns)
      .from(attachments)
      .leftJoin(users, eq(users.id, attachments.uploadedBy))
      .where(and(eq(attachments.id, id), live));
    return row && { ...row, deletedAt: null };
  },
  findByIds(db: DbOrTx, ids: string[]) {
    return ids.length
      ? db
          .select({ id: attachments.id, entityType: attachments.entityType, entityId: attachments.entityId, purpose: attachments.purpose })
          .from(attachments)
          .where(and(inArray(attachments.id, ids), live))
      : Promise.resolve([]);
  },
  async insert(db: DbOrTx, values: typeof attachments.$inferInsert) {
    const [row] = await db.insert(attachments).values(values).returning();
    return row!;
  },
  async softDelete(db: DbOrTx, id: string, at: Date) {
    const [row] = await db
      .update(attachments)
      .set({ deletedAt: at })
      .where(and(eq(attachments.id, id), live))
      .returning();
    return row;
  },
};
