// Attachments of any module's records. A module registers its record type as a target and decides who may read and
// write its attachments; this service stores the file, keeps the row and writes the audit record. Reads of records
// the caller may not see answer 404 (existence is not revealed); refused writes answer 403.
import type { Readable } from 'node:stream';
import { attachmentUploadFields, type Attachment, type AttachmentUploadFields } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { FileStore, isInlineType, type StagedFile } from '../../platform/files/file-store.ts';
import { iso } from '../../platform/lists.ts';
import { attachmentRepository, type AttachmentRow } from './attachment.repository.ts';

export interface AttachmentTarget {
  /** May the principal see this record (and so its attachments)? False for a record that does not exist. */
  canRead(p: Principal, entityId: string): Promise<boolean>;
  /** May the principal add and remove attachments of this record? */
  canWrite(p: Principal, entityId: string): Promise<boolean>;
  /** The purposes allowed on this record type; any well-formed purpose when absent. */
  purposes?: readonly string[];
}

const targets = new Map<string, AttachmentTarget>();

/** Makes a record type attachable. A second registration of the same type replaces the first. Returns an undo. */
export function registerAttachmentTarget(entityType: string, target: AttachmentTarget): () => void {
  targets.set(entityType, target);
  return () => {
    if (targets.get(entityType) === target) targets.delete(entityType);
  };
}

/** One part of a multipart upload, independent of the HTTP framework. */
export type UploadPart =
  { type: 'field'; name: string; value: string; truncated: boolean } | { type: 'file'; name: string; filename: string; stream: Readable };

export interface AttachmentContent {
  stream: Readable;
  size: number;
  filename: string;
  mime: string;
  inline: boolean;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    entityType: row.entityType,
    entityId: row.entityId,
    purpose: row.purpose,
    filename: row.filename,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    takenAt: iso(row.takenAt),
    lat: row.lat,
    lng: row.lng,
    place: row.place,
    uploadedBy: row.uploadedBy,
    uploadedByName: row.uploadedByName,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

const fieldError = (name: string, message: string) => validationError([{ path: `body.${name}`, message }]);

// An empty form field (an input left blank) counts as absent.
const given = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));

function parseFields(fields: Record<string, string>): AttachmentUploadFields {
  const parsed = attachmentUploadFields.safeParse(given(fields));
  if (!parsed.success) {
    throw validationError(parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
  }
  return parsed.data;
}

export function createAttachmentService({ db, audit, clock, config }: Deps, opts: { maxBytes?: number } = {}) {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const store = new FileStore(config.dataDir, clock);

  function targetOf(entityType: string, path: string): AttachmentTarget {
    const target = targets.get(entityType);
    if (!target) throw validationError([{ path, message: `records of type ${entityType} take no attachments` }]);
    return target;
  }

  async function authoriseUpload(p: Principal, input: AttachmentUploadFields): Promise<void> {
    const target = targetOf(input.entityType, 'body.entityType');
    if (target.purposes && !target.purposes.includes(input.purpose)) {
      throw fieldError('purpose', `purpose must be one of: ${target.purposes.join(', ')}`);
    }
    if (!(await target.canWrite(p, input.entityId))) throw new AppError('FORBIDDEN', 'you may not add attachments to this record');
  }

  /** The live attachment, when the principal may read its record; NOT_FOUND otherwise. */
  async function getReadable(p: Principal, id: string): Promise<{ row: AttachmentRow; target: AttachmentTarget }> {
    const row = await attachmentRepository.findById(db, id);
    const target = row && targets.get(row.entityType);
    if (!row || !target || !(await target.canRead(p, row.entityId))) throw notFound('attachment');
    return { row, target };
  }

  return {
    /**
     * Stores the one file of a multipart upload and records it. Fields may come before or after the file; when they
     * come first, a caller without write access is refused before the file is read.
     */
    async upload(ctx: RequestContext, p: Principal, parts: AsyncIterable<UploadPart>): Promise<Attachment> {
      const fields: Record<string, string> = {};
      let staged: StagedFile | undefined;
      let kept = false;
      try {
        for await (const part of parts) {
          if (part.type === 'field') {
            if (part.truncated) throw fieldError(part.name, 'too long');
            if (Object.hasOwn(fields, part.name)) throw fieldError(part.name, 'given more than once');
            fields[part.name] = part.value;
            continue;
          }
          if (staged) throw fieldError('file', 'send exactly one file');
          // A file input left empty still sends a part, without a name or content.
          if (!part.filename) {
            part.stream.resume();
            continue;
          }
          const early = attachmentUploadFields.safeParse(given(fields));
          if (early.success) await authoriseUpload(p, early.data);
          staged = await store.stage(part.stream, part.filename, { maxBytes });
        }
        if (!staged) throw fieldError('file', 'a file is required');
        const file = staged;
        const input = parseFields(fields);
        await authoriseUpload(p, input);
        const storageKey = await file.commit();
        const row = await db.transaction(async (tx) => {
          const inserted = await attachmentRepository.insert(tx, {
            entityType: input.entityType,
            entityId: input.entityId,
            purpose: input.purpose,
            filename: file.filename,
            mime: file.mime,
            size: file.size,
            sha256: file.sha256,
            storageKey,
            takenAt: input.takenAt ? new Date(input.takenAt) : null,
            lat: input.lat ?? null,
            lng: input.lng ?? null,
            place: input.place ?? null,
            uploadedBy: p.userId,
            uploadedAt: clock.now(),
          });
          await audit.record(tx, ctx, { action: 'attachment.create', entityType: 'attachment', entityId: inserted.id, diff: diffOf(null, inserted) });
          return inserted;
        });
        kept = true;
        return toAttachment({ ...row, uploadedByName: p.displayName });
      } finally {
        // Refused, failed or rolled back: the file goes too (a committed file no row refers to included).
        if (!kept) await staged?.discard();
      }
    },

    async list(p: Principal, q: { entityType: string; entityId: string; purpose?: string | undefined }): Promise<Attachment[]> {
      const target = targetOf(q.entityType, 'querystring.entityType');
      if (!(await target.canRead(p, q.entityId))) throw notFound('record');
      return (await attachmentRepository.findByEntity(db, q.entityType, q.entityId, q.purpose)).map(toAttachment);
    },

    async content(p: Principal, id: string): Promise<AttachmentContent> {
      const { row } = await getReadable(p, id);
      const { stream, size } = await store.open(row.storageKey);
      return { stream, size, filename: row.filename, mime: row.mime, inline: isInlineType(row.mime) };
    },

    /** Soft delete: the row is marked and the file stays on disk for the audit trail. */
    async remove(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      const { row, target } = await getReadable(p, id);
      if (!(await target.canWrite(p, row.entityId))) throw new AppError('FORBIDDEN', 'you may not remove attachments of this record');
      await db.transaction(async (tx) => {
        const after = await attachmentRepository.softDelete(tx, id, clock.now());
        if (!after) throw notFound('attachment');
        await audit.record(tx, ctx, {
          action: 'attachment.delete',
          entityType: 'attachment',
          entityId: id,
          diff: { changed: { deletedAt: { from: null, to: after.deletedAt } }, entity: { type: row.entityType, id: row.entityId }, filename: row.filename },
        });
      });
    },

    // ---- for other modules' services (no access check: the caller has done its own) ----------------------------

    /** The live attachments of a record. */
    async listOf(entityType: string, entityId: string, purpose?: string, tx: DbOrTx = db): Promise<Attachment[]> {
      return (await attachmentRepository.findByEntity(tx, entityType, entityId, purpose)).map(toAttachment);
    },

    /** Throws VALIDATION_FAILED at `path` unless every id is a live attachment of this record (and of `purpose`). */
    async requireAttached(entityType: string, entityId: string, ids: string[], opts: { purpose?: string; path?: string; tx?: DbOrTx } = {}): Promise<void> {
      const unique = [...new Set(ids)];
      const found = await attachmentRepository.findByIds(opts.tx ?? db, unique);
      const ok = new Set(
        found
          .filter((a) => a.entityType === entityType && a.entityId === entityId && (opts.purpose === undefined || a.purpose === opts.purpose))
          .map((a) => a.id),
      );
      const missing = unique.filter((id) => !ok.has(id));
      if (missing.length) {
        throw new AppError('VALIDATION_FAILED', `not attachments of this record: ${missing.join(', ')}`, [
          { path: opts.path ?? 'body.attachmentIds', message: 'not an attachment of this record' },
        ]);
      }
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
