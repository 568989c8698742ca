// Sends generated Word documents and workbooks as downloads, with the (usually Chinese) file name in UTF-8 (RFC 6266 /
// 5987); and the one way routes take a workbook as their request body (imports).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { XLSX_MIME } from '@zoneops/shared';
import { AppError } from '../errors.ts';

/** The largest workbook an import takes. */
export const MAX_IMPORT_BYTES = 10 * 1048576;

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Content-Disposition for a UTF-8 file name, with an ASCII fallback for clients that ignore filename*. */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendDocx(reply: FastifyReply, filename: string, docx: Buffer): FastifyReply {
  const name = /\.docx$/i.test(filename) ? filename : `${filename}.docx`;
  return reply.header('content-type', DOCX_MIME).header('content-disposition', attachmentHeader(name)).send(docx);
}

export function sendXlsx(reply: FastifyReply, file: { filename: string; buffer: Buffer }): FastifyReply {
  return reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader(file.filename)).send(file.buffer);
}

/** Registers routes in an encapsulated scope where (only) a workbook may be the request body. */
export function withWorkbookBodies(app: FastifyInstance, routes: (scope: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));
    routes(scope);
  });
}

/** The workbook of an import request, or the error that says how to send it. */
export function workbookBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send the workbook as the request body with content-type ${XLSX_MIME}`);
  return body;
}
