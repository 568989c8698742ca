// Sends a generated Word document as a download, with the (usually Chinese) file name in UTF-8 (RFC 6266 / 5987).
import type { FastifyReply } from 'fastify';

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
