// Attachments of any module's records: upload (multipart), list, download, soft delete. Modules make their record
// types attachable with registerAttachmentTarget(); multipart bodies are parsed only by these routes.
import multipart from '@fastify/multipart';
import { attachmentListQuery, attachmentSchema, idParams, okResponse } from '@zoneops/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors.ts';
import { contentDisposition } from '../../platform/files/file-store.ts';
import { createAttachmentService, DEFAULT_MAX_BYTES, type UploadPart } from './attachment.service.ts';

export { registerAttachmentTarget, createAttachmentService, type AttachmentTarget, type AttachmentService } from './attachment.service.ts';

export interface AttachmentOptions {
  /** The largest file accepted, in bytes (default 20 MiB). */
  maxBytes?: number;
}

// busboy's own errors and @fastify/multipart's, in the API's error format.
function multipartError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data');
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', 'the file is too large');
  if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'too many parts in the form');
  if (e.code?.startsWith('FST_') || /multipart|part terminated|unexpected end|malformed/i.test(e.message ?? '')) {
    return new AppError('MALFORMED_REQUEST', `malformed multipart body: ${e.message ?? 'unreadable'}`);
  }
  return err;
}

// A refused upload is answered before its body has been read to the end (the file store stops at the limit, a
// caller without access is refused before the file). Discard the rest, as Fastify does for a JSON body over its
// limit: a request left paused would leave its keep-alive connection unable to carry the next request.
function discardRest(req: FastifyRequest): void {
  if (req.raw.readableEnded) return;
  req.raw.unpipe();
  req.raw.resume();
}

async function* partsOf(req: FastifyRequest): AsyncGenerator<UploadPart> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data');
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') yield { type: 'file', name: part.fieldname, filename: part.filename, stream: part.file };
      else yield { type: 'field', name: part.fieldname, value: String(part.value), truncated: part.valueTruncated || part.fieldnameTruncated };
    }
  } catch (err) {
    throw multipartError(err);
  }
}

export function registerAttachments(app: FastifyInstance, deps: Deps, opts: AttachmentOptions = {}): void {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const service = createAttachmentService(deps, { maxBytes });
  const tags = ['attachments'];

  // An encapsulated scope: only the routes below accept multipart/form-data; elsewhere it stays a 415.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      // One byte over the limit, so that the file store itself sees the file is too large and says so.
      limits: { fileSize: maxBytes + 1, files: 2, fields: 20, fieldSize: 2048, parts: 24, headerPairs: 20 },
      throwFileSizeLimit: true,
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/attachments',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          summary: 'Upload one file (multipart/form-data: entityType, entityId, purpose?, takenAt?, lat?, lng?, place?, file)',
          consumes: ['multipart/form-data'],
          response: { 200: attachmentSchema },
        },
      },
      (req) =>
        service.upload(req.ctx, actorOf(req), partsOf(req)).catch((err: unknown) => {
          discardRest(req);
          throw multipartError(err);
        }),
    );
    r.get(
      '/api/attachments',
      { config: { auth: 'session' }, schema: { tags, querystring: attachmentListQuery, response: { 200: z.array(attachmentSchema) } } },
      (req) => service.list(actorOf(req), req.query),
    );
    r.get('/api/attachments/:id/content', { config: { auth: 'session' }, schema: { tags, params: idParams } }, async (req, reply) => {
      const file = await service.content(actorOf(req), req.params.id);
      return reply
        .type(file.mime)
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition(file.filename, file.inline))
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    });
    r.delete('/api/attachments/:id', { config: { auth: 'session' }, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
      await service.remove(req.ctx, actorOf(req), req.params.id);
      return { ok: true as const };
    });
  });
}
