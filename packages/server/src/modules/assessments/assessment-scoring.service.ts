// Panel scoring and appeals of an assessment run (评审打分 · 申诉, DOMAIN §8): a panel member scores panel and grade
// dimensions of participants other than their own unit while the run is scoring; once published, a participant's
// member contests a score within the window and the panel (or the assessment office) answers it until the lock, an
// accepted appeal changing the points and the ranking. Every write is audited on the run.
import {
  defaultGradePoints,
  gradeToPoints,
  type AssessmentAppeal,
  type AssessmentScore,
  type AssessmentRun,
  type Grade,
  type appealAnswerSchema,
  type appealCreateSchema,
  type scoreEntrySchema,
} from '@zoneops/shared';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { periodText, pointsText } from './assessment-bulletin.ts';
import { assessmentRepository as repo, type AppealRow, type RunRow } from './assessment.repository.ts';
import { defOf, isoOf, num, onPanel, ownUnit, pointsTable, rankingChanges, toScore } from './assessment-results.ts';
import {
  entryTarget,
  participantPath,
  participantPaths,
  requireStatus,
  requireWithinWeight,
  RUN_ENTITY,
  seesAll,
  writeResults,
  type RunContext,
} from './assessment-run-context.ts';

const toAppeal = (a: AppealRow): AssessmentAppeal => ({
  id: a.id,
  runId: a.runId,
  participantId: a.participantId,
  participantName: a.participantName,
  dimensionId: a.dimensionId,
  reason: a.reason,
  filedBy: a.filedByName,
  filedAt: isoOf(a.filedAt)!,
  status: a.status as AssessmentAppeal['status'],
  answer: a.answer,
  answeredBy: a.answeredByName,
  answeredAt: isoOf(a.answeredAt),
  pointsBefore: num(a.pointsBefore),
  pointsAfter: num(a.pointsAfter),
});

/** "单位名（方案 2026年第三季度）": whom and which run an appeal's notices speak of. */
const appealSubject = (name: string, run: RunRow) => `${name}（${run.schemeName} ${periodText(run.period)}）`;

export function createScoringService(deps: Deps, runs: RunContext) {
  const { db, audit, clock, notifications } = deps;
  const { today, lockRun, findRun, viewOf } = runs;

  return {
    /** A panel member's points (panel dimension) or grade (grade dimension) for a participant not their own, with a comment. */
    async score(ctx: RequestContext, p: Principal, id: string, entry: z.output<typeof scoreEntrySchema>): Promise<AssessmentRun> {
      await db.transaction(async (tx) => {
        const run = await lockRun(tx, id);
        requireStatus(run, 'scoring', 'scores are entered while the run is scoring');
        const def = defOf(run);
        if (!onPanel(def, p.userId)) throw new AppError('ASSESSMENT_NOT_PANEL', 'you are not on the panel of this run');
        const { participant, dim } = entryTarget(def, entry.participantId, entry.dimensionId);
        if (dim.method === 'auto') throw validationError([{ path: 'body.dimensionId', message: 'an automatic dimension is computed from module data' }]);
        if (ownUnit(p.unitPath, await participantPath(tx, participant)))
          throw new AppError('ASSESSMENT_OWN_UNIT', `${participant.name} is your own unit: a panel member never scores it`);
        let points: number;
        let grade: Grade | null = null;
        if (dim.method === 'panel') {
          if (entry.points === null || entry.points === undefined)
            throw validationError([{ path: 'body.points', message: 'a panel dimension is scored in points' }]);
          requireWithinWeight(entry.points, dim);
          points = entry.points;
        } else {
          if (!entry.grade) throw validationError([{ path: 'body.grade', message: 'a grade dimension is scored with a grade' }]);
          grade = entry.grade;
          points = gradeToPoints(grade, dim.weight, dim.gradePoints ?? defaultGradePoints);
        }
        const before = (await repo.scores(tx, id, participant.id)).find((s) => s.dimensionId === dim.id && s.scorerId === p.userId);
        await repo.upsertPanelScore(tx, {
          runId: id,
          participantId: participant.id,
          dimensionId: dim.id,
          scorerId: p.userId,
          grade,
          points: points.toFixed(2),
          comment: entry.comment,
          scoredAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'assessment.score',
          entityType: RUN_ENTITY,
          entityId: id,
          diff: {
            participantId: participant.id,
            dimensionId: dim.id,
            before: before ? { points: Number(before.points), grade: before.grade, comment: before.comment } : null,
            after: { points, grade, comment: entry.comment },
          },
        });
      });
      return viewOf(p, id);
    },

    /** The caller's own panel and grade scores of a run (the scoring grid reads them back in one request). */
    async myScores(p: Principal, runId: string): Promise<{ items: AssessmentScore[] }> {
      const run = await findRun(runId);
      return { items: (await repo.scores(db, run.id, undefined, p.userId)).map(toScore) };
    },

    async listAppeals(p: Principal, runId: string): Promise<{ items: AssessmentAppeal[] }> {
      const run = await findRun(runId);
      const def = defOf(run);
      const rows = await repo.appeals(db, runId);
      if (seesAll(p, def)) return { items: rows.map(toAppeal) };
      const paths = await participantPaths(db, def.participants);
      return { items: rows.filter((a) => a.filedBy === p.userId || ownUnit(p.unitPath, paths.get(a.participantId))).map(toAppeal) };
    },

    /** A participant's member contests one dimension's score, within the window. */
    async fileAppeal(ctx: RequestContext, p: Principal, runId: string, input: z.output<typeof appealCreateSchema>): Promise<AssessmentAppeal> {
      const appealId = await db.transaction(async (tx) => {
        const run = await lockRun(tx, runId);
        if (run.status !== 'appeal')
          throw new AppError('ASSESSMENT_STATE', run.status === 'scoring' ? 'the results are not published yet' : 'the results are locked');
        if (!run.appealEndsOn || today() > run.appealEndsOn) {
          throw new AppError('APPEAL_WINDOW_CLOSED', run.appealEndsOn ? `the appeal window ended on ${run.appealEndsOn}` : 'this run has no appeal window');
        }
        const def = defOf(run);
        const { participant } = entryTarget(def, input.participantId, input.dimensionId);
        if (!ownUnit(p.unitPath, await participantPath(tx, participant))) throw forbidden('you may appeal only the scores of your own unit');
        if (await repo.countOpenAppeals(tx, runId, { participantId: participant.id, dimensionId: input.dimensionId })) {
          throw new AppError('CONFLICT', 'an appeal on this score is open already');
        }
        const newId = await repo.insertAppeal(tx, {
          runId,
          participantId: participant.id,
          dimensionId: input.dimensionId,
          reason: input.reason,
          filedBy: p.userId,
          filedAt: clock.now(),
          status: 'open',
        });
        const panel = def.panel.map((m) => m.userId);
        if (panel.length) {
          await notifications.notify(tx, {
            kind: 'assessments.appeal',
            userIds: panel,
            title: `考核申诉：${appealSubject(participant.name, run)}`,
            body: input.reason,
            link: `/assessments/runs/${runId}`,
          });
        }
        await audit.record(tx, ctx, {
          action: 'assessment.appeal.file',
          entityType: RUN_ENTITY,
          entityId: runId,
          diff: { appealId: newId, participantId: participant.id, dimensionId: input.dimensionId, reason: input.reason },
        });
        return newId;
      });
      return toAppeal((await repo.findAppeal(db, appealId))!);
    },

    /**
     * The panel (or the assessment office) answers an appeal until the run locks. Accepted, the dimension's points for
     * the participant become the given points — the automatic score's points (value and inputs kept), or every panel
     * member's score with the answer noted — and the results are ranked again; the audit keeps before and after.
     */
    async answerAppeal(
      ctx: RequestContext,
      p: Principal,
      runId: string,
      appealId: string,
      input: z.output<typeof appealAnswerSchema>,
    ): Promise<AssessmentAppeal> {
      await db.transaction(async (tx) => {
        const run = await lockRun(tx, runId);
        const def = defOf(run);
        const manage = p.permissions.has('assessment.manage');
        if (!manage && !onPanel(def, p.userId)) throw new AppError('ASSESSMENT_NOT_PANEL', 'appeals are answered by the panel or the assessment office');
        requireStatus(run, 'appeal', 'appeals are answered until the results lock');
        const appeal = await repo.findAppeal(tx, appealId);
        if (!appeal || appeal.runId !== runId) throw notFound('appeal');
        if (appeal.status !== 'open') throw new AppError('ASSESSMENT_STATE', `the appeal is ${appeal.status} already`);
        const participant = def.participants.find((x) => x.id === appeal.participantId)!;
        const dim = def.dimensions.find((d) => d.id === appeal.dimensionId)!;
        if (!manage && ownUnit(p.unitPath, await participantPath(tx, participant))) {
          throw new AppError('ASSESSMENT_OWN_UNIT', `${participant.name} is your own unit: its appeal is answered by another member`);
        }
        const scores = await repo.scores(tx, runId, participant.id);
        const before = pointsTable(def, scores).get(participant.id)?.[dim.id] ?? null;
        let after: number | null = null;
        const scoreChanges: { scoreId: string | null; scorerId: string | null; from: number | null; to: number }[] = [];
        let resultChange: unknown = null;
        if (input.accept) {
          const pts = input.points!;
          requireWithinWeight(pts, dim);
          after = pts;
          const note = `申诉调整：${input.answer}`;
          const rows = scores.filter((s) => s.dimensionId === dim.id && (dim.method === 'auto' ? s.scorerId === null : s.scorerId !== null));
          for (const s of rows) {
            const comment = dim.method === 'auto' ? note : `${note}（原评${pointsText(Number(s.points))}分：${s.comment ?? ''}）`;
            await repo.updateScore(tx, s.id, { points: pts.toFixed(2), comment, updatedBy: p.userId });
            scoreChanges.push({ scoreId: s.id, scorerId: s.scorerId, from: Number(s.points), to: pts });
          }
          if (!rows.length) {
            // nobody could score this dimension for the participant: the answer is its score
            const at = clock.now();
            if (dim.method === 'auto') {
              await repo.insertScores(tx, [
                {
                  runId,
                  participantId: participant.id,
                  dimensionId: dim.id,
                  scorerId: null,
                  points: pts.toFixed(2),
                  comment: note,
                  scoredAt: at,
                  updatedBy: p.userId,
                },
              ]);
            } else {
              await repo.upsertPanelScore(tx, {
                runId,
                participantId: participant.id,
                dimensionId: dim.id,
                scorerId: p.userId,
                grade: null,
                points: pts.toFixed(2),
                comment: note,
                scoredAt: at,
              });
            }
            scoreChanges.push({ scoreId: null, scorerId: dim.method === 'auto' ? null : p.userId, from: null, to: pts });
          }
          const prior = await repo.results(tx, runId);
          resultChange = rankingChanges(prior, await writeResults(tx, runId, def));
        }
        await repo.updateAppeal(tx, appealId, {
          status: input.accept ? 'accepted' : 'rejected',
          answer: input.answer,
          answeredBy: p.userId,
          answeredAt: clock.now(),
          pointsBefore: before === null ? null : before.toFixed(2),
          pointsAfter: after === null ? null : after.toFixed(2),
        });
        await notifications.notify(tx, {
          kind: 'assessments.appealAnswered',
          userIds: [appeal.filedBy],
          title: `申诉${input.accept ? '已采纳' : '未采纳'}：${appealSubject(participant.name, run)}`,
          body: input.answer,
          link: `/assessments/runs/${runId}`,
        });
        await audit.record(tx, ctx, {
          action: 'assessment.appeal.answer',
          entityType: RUN_ENTITY,
          entityId: runId,
          diff: {
            appealId,
            participantId: participant.id,
            dimensionId: dim.id,
            accepted: input.accept,
            answer: input.answer,
            points: { from: before, to: input.accept ? after : before },
            scores: scoreChanges,
            results: resultChange,
          },
        });
      });
      return toAppeal((await repo.findAppeal(db, appealId))!);
    },
  };
}
