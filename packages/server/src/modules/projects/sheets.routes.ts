// Routes of the key projects' spreadsheets: the ledger export and its import (template, preview, annotated workbook,
// commit), the monthly report (重点项目月报表), the year lists and the printable list of a ceremony batch.
import { idParams, importResultSchema, ledgerImportQuery, projectListQuery, XLSX_MIME, yearListQuery } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { MAX_IMPORT_BYTES, sendXlsx, withWorkbookBodies, workbookBody } from '../../platform/documents/index.ts';

import type { ProjectsModule } from './index.ts';
import { createProjectSheetsService } from './project-sheets.service.ts';

const monthQuery = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month: YYYY-MM') }).strict();

export function registerProjectSheets(app: FastifyInstance, deps: Deps, module: ProjectsModule): void {
  const sheets = createProjectSheetsService(deps, module);
  const tags = ['projects'];
  const read = { auth: 'projects.read' } as const;

  // An encapsulated scope: only these routes accept a workbook as the request body.
  withWorkbookBodies(app, (scope) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/projects/export.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'The projects of GET /api/projects (same filters, those the caller sees, at most 50,000) as the office ledger (xlsx)',
          querystring: projectListQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => sendXlsx(reply, await sheets.exportLedger(actorOf(req), req.query)),
    );

    r.get(
      '/api/projects/import/template.xlsx',
      { config: read, schema: { tags, summary: 'The empty project ledger to fill in for an import (xlsx)' } },
      async (_req, reply) => sendXlsx(reply, await sheets.template()),
    );

    r.post(
      '/api/projects/import',
      {
        config: { auth: 'projects.write' },
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary:
            'Import the project ledger (the xlsx as the body). preview: what would be created, changed or left alone and every error by row and column; ' +
            'annotate: the same workbook with the bad cells marked (xlsx); commit: one transaction (refused while errors exist unless onlyValid=true)',
          consumes: [XLSX_MIME],
          querystring: ledgerImportQuery,
          response: { 200: importResultSchema },
        },
      },
      async (req, reply) => {
        const file = workbookBody(req.body);
        const p = actorOf(req);
        if (req.query.mode === 'annotate') {
          const annotated = await sheets.annotate(p, file);
          return sendXlsx(reply.header('x-import-errors', String(annotated.errors)), annotated);
        }
        if (req.query.mode === 'commit') return sheets.commit(req.ctx, p, file, req.query.onlyValid === 'true');
        return sheets.preview(p, file);
      },
    );

    r.get(
      '/api/projects/monthly-report.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: '重点项目投资完成情况月报表 of a month: the projects the caller sees by responsible unit, figures from approved reports (xlsx)',
          querystring: monthQuery,
        },
      },
      async (req, reply) => sendXlsx(reply, await sheets.monthlyReport(actorOf(req), req.query.period)),
    );

    r.get(
      '/api/projects/year-lists/export.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'A year list (新动工 / 新投产 / 新储备) with a 合计 row (xlsx)',
          querystring: yearListQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => sendXlsx(reply, await sheets.yearListExport(actorOf(req), req.query)),
    );

    r.get(
      '/api/ceremonies/:id/export.xlsx',
      { config: read, schema: { tags, summary: 'The printable list of a concentrated start / completion batch, by role (xlsx)', params: idParams } },
      async (req, reply) => sendXlsx(reply, await sheets.ceremonyExport(actorOf(req), req.params.id)),
    );
  });
}
