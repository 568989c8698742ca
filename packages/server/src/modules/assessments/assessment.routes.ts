// Routes of assessments and competitions under /api/assessments: schemes, runs (start, recompute, panel scores,
// publish, lock), appeals, a participant's breakdown, the red flag history and the bulletin. Each route: schema,
// permission, one service call; the rules (panel membership, own unit, windows, states) are the service's.
import {
  appealAnswerSchema,
  appealCreateSchema,
  appealListSchema,
  myScoresSchema,
  appealSchema,
  breakdownSchema,
  bulletinQuery,
  idParams,
  idSchema,
  okResponse,
  publishSchema,
  redFlagHistorySchema,
  redFlagQuery,
  runCreateSchema,
  runListQuery,
  runListSchema,
  runSchema,
  schemeInputSchema,
  schemeListSchema,
  schemeSchema,
  scoreEntrySchema,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import { sendDocx } from '../../platform/documents/index.ts';
import type { AssessmentService } from './assessment.service.ts';

const participantParams = z.object({ id: idSchema, participantId: idSchema }).strict();
const appealParams = z.object({ id: idSchema, appealId: idSchema }).strict();

export function registerAssessmentRoutes(app: FastifyInstance, service: AssessmentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];
  const read = { auth: 'assessment.read' } as const;
  const manage = { auth: 'assessment.manage' } as const;
  const run = { tags, params: idParams, response: { 200: runSchema } };

  // ---- schemes ----
  r.get(
    '/api/assessments/schemes',
    { config: read, schema: { tags, summary: 'Schemes with their participant and dimension counts and last run', response: { 200: schemeListSchema } } },
    () => service.listSchemes(),
  );
  r.post(
    '/api/assessments/schemes',
    {
      config: manage,
      schema: { tags, summary: 'A scheme: dimensions (weights add up to 100), participants, panel', body: schemeInputSchema, response: { 200: schemeSchema } },
    },
    (req) => service.createScheme(req.ctx, actorOf(req), req.body),
  );
  r.get('/api/assessments/schemes/:id', { config: read, schema: { tags, params: idParams, response: { 200: schemeSchema } } }, (req) =>
    service.getScheme(req.params.id),
  );
  r.put(
    '/api/assessments/schemes/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a scheme’s definition; participants that stay keep their ids, removed ones are deactivated (runs keep their copy)',
        params: idParams,
        body: schemeInputSchema,
        response: { 200: schemeSchema },
      },
    },
    (req) => service.updateScheme(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/assessments/schemes/:id', { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await service.deleteScheme(req.ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  // ---- runs ----
  r.get('/api/assessments/runs', { config: read, schema: { tags, querystring: runListQuery, response: { 200: runListSchema } } }, (req) =>
    service.listRuns(req.query.schemeId),
  );
  r.post(
    '/api/assessments/runs',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Start the run of a period: the scheme copied, automatic scores computed from module data as of the period’s end',
        body: runCreateSchema,
        response: { 200: runSchema },
      },
    },
    (req) => service.createRun(req.ctx, actorOf(req), req.body),
  );
  r.get(
    '/api/assessments/runs/:id',
    { config: read, schema: { ...run, summary: 'A run with its progress, results (provisional while scoring) and what the caller may do' } },
    (req) => service.getRun(actorOf(req), req.params.id),
  );
  r.post('/api/assessments/runs/:id/recompute', { config: manage, schema: { ...run, summary: 'Compute the automatic scores again (while scoring)' } }, (req) =>
    service.recompute(req.ctx, actorOf(req), req.params.id),
  );
  r.put(
    '/api/assessments/runs/:id/scores',
    {
      config: { auth: 'assessment.score' },
      schema: { ...run, summary: 'A panel member’s score of a participant (never their own unit) on a panel or grade dimension', body: scoreEntrySchema },
    },
    (req) => service.score(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessments/runs/:id/publish',
    { config: manage, schema: { ...run, summary: 'Publish the results (every panel score entered) and open the appeal window', body: publishSchema } },
    (req) => service.publish(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessments/runs/:id/lock',
    { config: manage, schema: { ...run, summary: 'Lock the results after the appeal window, every appeal answered' } },
    (req) => service.lock(req.ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/assessments/runs/:id/my-scores',
    {
      config: { auth: 'assessment.score' },
      schema: { tags, summary: 'The caller’s own panel and grade scores of the run', params: idParams, response: { 200: myScoresSchema } },
    },
    (req) => service.myScores(actorOf(req), req.params.id),
  );

  // ---- appeals ----
  r.get(
    '/api/assessments/runs/:id/appeals',
    {
      config: read,
      schema: {
        tags,
        summary: 'Appeals: all for managers, the panel and leaders; else those of the caller’s unit',
        params: idParams,
        response: { 200: appealListSchema },
      },
    },
    (req) => service.listAppeals(actorOf(req), req.params.id),
  );
  r.post(
    '/api/assessments/runs/:id/appeals',
    {
      config: { auth: 'assessment.appeal' },
      schema: {
        tags,
        summary: 'Contest a score of the caller’s own unit within the appeal window',
        params: idParams,
        body: appealCreateSchema,
        response: { 200: appealSchema },
      },
    },
    (req) => service.fileAppeal(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/assessments/runs/:id/appeals/:appealId/answer',
    {
      config: { auth: ['assessment.manage', 'assessment.score'] },
      schema: {
        tags,
        summary: 'Answer an appeal (the panel or the assessment office, until the results lock); accepted, the points change',
        params: appealParams,
        body: appealAnswerSchema,
        response: { 200: appealSchema },
      },
    },
    (req) => service.answerAppeal(req.ctx, actorOf(req), req.params.id, req.params.appealId, req.body),
  );

  // ---- reads and the bulletin ----
  r.get(
    '/api/assessments/runs/:id/participants/:participantId/breakdown',
    {
      config: read,
      schema: {
        tags,
        summary: 'A participant’s points, lost points and the scores (with inputs) behind them',
        params: participantParams,
        response: { 200: breakdownSchema },
      },
    },
    (req) => service.breakdown(actorOf(req), req.params.id, req.params.participantId),
  );
  r.get(
    '/api/assessments/red-flags',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who held the red flag (流动红旗), locked runs, newest first',
        querystring: redFlagQuery,
        response: { 200: redFlagHistorySchema },
      },
    },
    (req) => service.redFlags(req.query.schemeId),
  );
  r.get(
    '/api/assessments/runs/:id/bulletin.docx',
    {
      config: read,
      schema: { tags, summary: 'The results bulletin (考核结果通报) as a GB/T 9704 Word document', params: idParams, querystring: bulletinQuery },
    },
    async (req, reply) => {
      const doc = await service.bulletinDocx(actorOf(req), req.params.id, req.query);
      return sendDocx(reply, doc.filename, doc.buffer);
    },
  );
}
