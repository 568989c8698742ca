// The office's official-document template (公文模板, GB/T 9704): every generated bulletin and summary renders with
// DATA_DIR/templates/official.docx when present, else the bundled one. Download the one in use, upload an edited one
// (checked by compiling it: unclosed tags and missing required tags are refused), or return to the bundled one.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '@zoneops/shared';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { DOCX_MIME, loadTemplate, MAX_IMPORT_BYTES, officeTemplatePath, sendDocx, validateTemplate } from '../../platform/documents/index.ts';
import { AppError } from '../../platform/errors.ts';

export function registerDocuments(app: FastifyInstance, deps: Deps): void {
  const { config, audit, db } = deps;
  const target = officeTemplatePath(config.dataDir);
  const auth = { auth: 'documents.template' } as const;
  const tags = ['documents'];

  void app.register(async (scope) => {
    scope.addContentTypeParser(DOCX_MIME, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/documents/official-template',
      { config: auth, schema: { tags, summary: 'The official-document template in use (.docx)' } },
      async (_req, reply) =>
        sendDocx(reply, existsSync(target) ? 'official-template-office.docx' : 'official-template-default.docx', await loadTemplate(undefined, config.dataDir)),
    );

    r.put(
      '/api/documents/official-template',
      { config: auth, bodyLimit: MAX_IMPORT_BYTES, schema: { tags, summary: 'Replace the office template (body: the .docx)', response: { 200: okResponse } } },
      async (req) => {
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send the template as the request body with content-type ${DOCX_MIME}`);
        validateTemplate(body);
        await mkdir(dirname(target), { recursive: true });
        const staged = `${target}.${process.pid}.tmp`;
        await writeFile(staged, body);
        await rename(staged, target);
        await audit.record(db, req.ctx, {
          action: 'documents.template.replace',
          entityType: 'officialTemplate',
          diff: { bytes: body.length, by: actorOf(req).username },
        });
        return { ok: true as const };
      },
    );

    r.delete(
      '/api/documents/official-template',
      { config: auth, schema: { tags, summary: 'Return to the bundled template', response: { 200: okResponse } } },
      async (req) => {
        await rm(target, { force: true });
        await audit.record(db, req.ctx, { action: 'documents.template.reset', entityType: 'officialTemplate' });
        return { ok: true as const };
      },
    );
  });
}
