// Routes of the ledger's spreadsheets and reports: the Excel export of the supervision ledger, the import of tasks
// and progress (template, preview, annotated workbook, commit), the weekly summary (每周汇总进展: JSON, Word, Excel)
// and the supervision bulletin (督查通报, Word per GB/T 9704).
import {
  bulletinCreateSchema,
  idParams,
  importResultSchema,
  itemListQuery,
  ledgerImportQuery,
  weeklyQuery,
  weeklySummarySchema,
  XLSX_MIME,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { MAX_IMPORT_BYTES, sendDocx, sendXlsx, withWorkbookBodies, workbookBody } from '../../platform/documents/index.ts';

import type { LedgerService } from '../ledger/ledger.service.ts';
import { createLedgerReportsService } from './ledger-reports.service.ts';
import { createLedgerSummariesService } from './ledger-summaries.service.ts';

export function registerLedgerReports(app: FastifyInstance, deps: Deps, ledger: LedgerService): void {
  const reports = createLedgerReportsService(deps, ledger);
  const summaries = createLedgerSummariesService(deps);
  const tags = ['ledger'];
  const read = { auth: 'ledger.read' } as const;

  // An encapsulated scope: only these routes accept a workbook as the request body.
  withWorkbookBodies(app, (scope) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/ledger-items/export',
      {
        config: read,
        schema: {
          tags,
          summary: 'The items of GET /api/ledger-items (same filters, those the caller may see, at most 50,000) as the ledger sheet (xlsx)',
          querystring: itemListQuery,
        },
      },
      async (req, reply) => sendXlsx(reply, await reports.exportItems(actorOf(req), req.query)),
    );

    r.get(
      '/api/ledgers/:id/import-template',
      { config: read, schema: { tags, summary: 'The empty ledger sheet to fill in for an import (xlsx)', params: idParams } },
      async (req, reply) => sendXlsx(reply, await reports.template(req.params.id)),
    );

    r.post(
      '/api/ledgers/:id/import',
      {
        config: { auth: 'ledger.assign' },
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary:
            'Import tasks and progress from the ledger sheet (the xlsx as the body). preview: what would change and every error by row and column; ' +
            'annotate: the same workbook with the bad cells marked (xlsx); commit: create and update in one transaction (refused while errors exist unless onlyValid=true)',
          consumes: [XLSX_MIME],
          params: idParams,
          querystring: ledgerImportQuery,
          response: { 200: importResultSchema },
        },
      },
      async (req, reply) => {
        const file = workbookBody(req.body);
        const p = actorOf(req);
        if (req.query.mode === 'annotate') {
          const annotated = await reports.annotate(p, req.params.id, file);
          return sendXlsx(reply.header('x-import-errors', String(annotated.errors)), annotated);
        }
        if (req.query.mode === 'commit') return reports.commit(req.ctx, p, req.params.id, file, req.query.onlyValid === 'true');
        return reports.preview(p, req.params.id, file);
      },
    );

    r.get(
      '/api/ledgers/:id/weekly',
      {
        config: read,
        schema: {
          tags,
          summary: 'Weekly summary (每周汇总进展) of the ISO week containing `week` (default this week): JSON, or format=docx / xlsx',
          params: idParams,
          querystring: weeklyQuery,
          response: { 200: weeklySummarySchema },
        },
      },
      async (req, reply) => {
        const p = actorOf(req);
        if (req.query.format === 'docx') {
          const doc = await summaries.weeklyDocx(p, req.params.id, req.query.week);
          return sendDocx(reply, doc.filename, doc.buffer);
        }
        if (req.query.format === 'xlsx') return sendXlsx(reply, await summaries.weeklyXlsx(p, req.params.id, req.query.week));
        return summaries.weekly(p, req.params.id, req.query.week);
      },
    );

    r.post(
      '/api/ledgers/:id/bulletin',
      {
        config: read,
        schema: {
          tags,
          summary: 'Supervision bulletin (督查通报) of a period as an official document (docx, GB/T 9704)',
          params: idParams,
          body: bulletinCreateSchema,
        },
      },
      async (req, reply) => {
        const doc = await summaries.bulletin(actorOf(req), req.params.id, req.body);
        return sendDocx(reply, doc.filename, doc.buffer);
      },
    );
  });
}
