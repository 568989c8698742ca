// Assessment runs (考核 of one period, DOMAIN §8): started with the scheme copied and the automatic scores computed
// from module data as of the period's end (kept with their inputs), recomputed while scoring, published with an
// appeal window in working days once every panel score is in, locked after it; and the reads: the runs, a run, a
// participant's breakdown, the red flag history and the bulletin. Panel scores and appeals: assessment-scoring.
import {
  autoPoints,
  defaultSafetyEscalation,
  metricCatalogue,
  periodBounds,
  safetyEscalationSchema,
  type AssessmentBreakdown,
  type AssessmentDimension,
  type AssessmentRun,
  type MetricKey,
  type ParticipantKind,
  type PeriodKind,
  type RunStatus,
  type ScoreInputs,
  type bulletinQuery,
  type publishSchema,
  type runCreateSchema,
} from '@zoneops/shared';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadTemplate, renderOfficialDocument } from '../../platform/documents/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { settingStore } from '../../platform/setting-store.ts';
import { addWorkingDaysFrom } from '../calendar/calendar.service.ts';
import { ESCALATION_SETTING } from '../safety/escalation.ts';
import { bulletinOf, periodText } from './assessment-bulletin.ts';
import { computeMetric } from './assessment-metrics.repository.ts';
import { assessmentRepository as repo } from './assessment.repository.ts';
import { autoScoreChanges, breakdownOf, defOf, isoOf, ownUnit, type AutoScore, type RunDefinition } from './assessment-results.ts';
import {
  participantPath,
  participantPaths,
  progressOf,
  requireManage,
  requireStatus,
  RUN_ENTITY,
  seesAll,
  writeResults,
  type RunContext,
} from './assessment-run-context.ts';

const emptyInputs: ScoreInputs = { numerator: null, denominator: null, records: [], more: 0 };

const isPeriodTaken = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; message?: string; cause?: { code?: string; constraint?: string; message?: string } };
  const c = e.cause ?? e;
  return (e.code === '23505' || c.code === '23505') && /assessment_runs_period_uq/.test(`${c.constraint ?? ''} ${c.message ?? ''} ${e.message ?? ''}`);
};

/** The automatic scores of every automatic dimension, ranked and scored within each track. */
async function computeAuto(tx: DbOrTx, def: RunDefinition, start: string, asOf: string, alarmAckMinutes: number): Promise<AutoScore[]> {
  const list = def.participants.map((p) => ({ participantId: p.id, unitId: p.unitId, projectId: p.projectId }));
  const out: AutoScore[] = [];
  for (const d of def.dimensions) {
    if (d.method !== 'auto' || !d.metric || !d.scoring) continue;
    const metric = d.metric as MetricKey;
    const values = await computeMetric(tx, metric, list, { start, end: asOf }, { alarmAckMinutes });
    // ranked and scored within each track: "relative" compares a participant with the best of its own track
    const tracks = new Map<string | null, Map<string, number | null>>();
    for (const p of def.participants) {
      const m = tracks.get(p.track) ?? new Map<string, number | null>();
      m.set(p.id, values.get(p.id)?.value ?? null);
      tracks.set(p.track, m);
    }
    for (const m of tracks.values()) {
      for (const [participantId, points] of autoPoints(m, d.weight, d.scoring, metricCatalogue[metric].better, d.ifNoData ?? 'full')) {
        out.push({ participantId, dimensionId: d.id, value: m.get(participantId) ?? null, points, inputs: values.get(participantId)?.inputs ?? emptyInputs });
      }
    }
  }
  return out;
}

const autoRows = (runId: string, rows: AutoScore[], at: Date) =>
  rows.map((r) => ({
    runId,
    participantId: r.participantId,
    dimensionId: r.dimensionId,
    scorerId: null,
    value: r.value === null ? null : r.value.toFixed(4),
    points: r.points.toFixed(2),
    inputs: r.inputs,
    scoredAt: at,
  }));

export function createRunService(deps: Deps, runs: RunContext) {
  const { db, audit, clock, notifications, config } = deps;
  const escalation = settingStore(deps, ESCALATION_SETTING, safetyEscalationSchema, defaultSafetyEscalation, 'safety.manage');
  const { today, lockRun, findRun, standing, viewOf } = runs;

  return {
    async listRuns(schemeId: string | undefined) {
      const rows = await repo.listRuns(db, schemeId);
      return { items: rows.map((r) => ({ ...r, status: r.status as RunStatus, publishedAt: isoOf(r.publishedAt), lockedAt: isoOf(r.lockedAt) })) };
    },

    async getRun(p: Principal, id: string): Promise<AssessmentRun> {
      return viewOf(p, id);
    },

    /**
     * Starts the run of a period: copies the scheme's definition and computes the automatic scores from module data
     * as of the period's end (today while the period runs), one transaction.
     */
    async createRun(ctx: RequestContext, p: Principal, input: z.output<typeof runCreateSchema>): Promise<AssessmentRun> {
      requireManage(p);
      const scheme = await repo.findScheme(db, input.schemeId);
      if (!scheme) throw notFound('assessment scheme');
      if (!scheme.active) throw new AppError('ASSESSMENT_STATE', 'the scheme is inactive');
      const bounds = periodBounds(scheme.periodKind as PeriodKind, input.period);
      if (!bounds) {
        throw new AppError('ASSESSMENT_PERIOD_INVALID', `${input.period} is not a period of kind ${scheme.periodKind}`, [
          { path: 'body.period', message: `not a ${scheme.periodKind} period` },
        ]);
      }
      const day = today();
      if (bounds.start > day) {
        throw new AppError('ASSESSMENT_PERIOD_INVALID', `the period ${input.period} starts on ${bounds.start}, after today`, [
          { path: 'body.period', message: 'the period has not started' },
        ]);
      }
      const taken = () => new AppError('ASSESSMENT_PERIOD_TAKEN', `the period ${input.period} of this scheme has a run already`);
      if (await repo.findRunByPeriod(db, scheme.id, input.period)) throw taken();
      const [participants, panel, esc] = await Promise.all([repo.participants(db, scheme.id, true), repo.panel(db, scheme.id), escalation.get()]);
      const def: RunDefinition = {
        participantKind: scheme.participantKind as ParticipantKind,
        dimensions: scheme.dimensions as AssessmentDimension[],
        participants: participants.map(({ active: _active, ...x }) => x),
        panel,
        redFlagTopN: scheme.redFlagTopN,
        appealWorkingDays: scheme.appealWorkingDays,
        asOf: bounds.end < day ? bounds.end : day,
      };
      const id = await db
        .transaction(async (tx) => {
          const now = clock.now();
          const runId = await repo.insertRun(tx, {
            schemeId: scheme.id,
            period: input.period,
            periodStart: bounds.start,
            periodEnd: bounds.end,
            status: 'scoring',
            definition: def,
            computedAt: now,
            createdBy: p.userId,
          });
          const rows = await computeAuto(tx, def, bounds.start, def.asOf, esc.enterpriseMinutes);
          await repo.insertScores(tx, autoRows(runId, rows, now));
          await audit.record(tx, ctx, {
            action: 'assessment.run.create',
            entityType: RUN_ENTITY,
            entityId: runId,
            diff: {
              schemeId: scheme.id,
              period: input.period,
              asOf: def.asOf,
              participants: def.participants.length,
              panel: def.panel.map((m) => m.userId),
              autoScores: rows.map((r) => ({ participantId: r.participantId, dimensionId: r.dimensionId, value: r.value, points: r.points })),
            },
          });
          return runId;
        })
        .catch((err: unknown) => {
          throw isPeriodTaken(err) ? taken() : err;
        });
      return viewOf(p, id);
    },

    /** Computes the automatic scores again (while scoring): the data as of the period's end, or today while it runs. */
    async recompute(ctx: RequestContext, p: Principal, id: string): Promise<AssessmentRun> {
      requireManage(p);
      const esc = await escalation.get();
      const day = today();
      await db.transaction(async (tx) => {
        const run = await lockRun(tx, id);
        requireStatus(run, 'scoring', 'automatic scores are recomputed while scoring');
        const def = defOf(run);
        const asOf = run.periodEnd < day ? run.periodEnd : day;
        const before = (await repo.scores(tx, id)).filter((s) => s.scorerId === null);
        await repo.deleteAutoScores(tx, id);
        const now = clock.now();
        const rows = await computeAuto(tx, def, run.periodStart, asOf, esc.enterpriseMinutes);
        await repo.insertScores(tx, autoRows(id, rows, now));
        await repo.updateRun(tx, id, { computedAt: now, definition: { ...def, asOf }, updatedAt: now });
        await audit.record(tx, ctx, {
          action: 'assessment.run.recompute',
          entityType: RUN_ENTITY,
          entityId: id,
          diff: { asOf: { from: def.asOf, to: asOf }, changed: autoScoreChanges(before, rows) },
        });
      });
      return viewOf(p, id);
    },

    /** Publishes the results (every expected panel score entered) and opens the appeal window. */
    async publish(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof publishSchema>): Promise<AssessmentRun> {
      requireManage(p);
      const def0 = defOf(await findRun(id));
      const day = today();
      // read before the transaction opens (PGlite has one connection)
      const appealEndsOn = def0.appealWorkingDays > 0 ? await addWorkingDaysFrom(db, day, def0.appealWorkingDays) : null;
      await db.transaction(async (tx) => {
        const run = await lockRun(tx, id);
        requireStatus(run, 'scoring', 'only a run being scored is published');
        const def = defOf(run);
        const paths = await participantPaths(tx, def.participants);
        const progress = await progressOf(tx, def, await repo.scores(tx, id), paths);
        if (progress.missing.length) {
          throw new AppError('ASSESSMENT_STATE', `panel scores are missing: ${progress.entered} of ${progress.expected} entered`, {
            entered: progress.entered,
            expected: progress.expected,
            missing: progress.missing.slice(0, 50),
          });
        }
        const ranked = await writeResults(tx, id, def);
        const now = clock.now();
        await repo.updateRun(tx, id, {
          status: 'appeal',
          publishedAt: now,
          publishedBy: p.userId,
          appealEndsOn,
          highlights: input.highlights?.trim() || null,
          updatedAt: now,
        });
        const recipients = await repo.usersWithPermissionUnder(tx, [...new Set(paths.values())], 'assessment.appeal');
        if (recipients.length) {
          await notifications.notify(tx, {
            kind: 'assessments.published',
            userIds: recipients,
            title: `考核结果公示：${run.schemeName}（${periodText(run.period)}）`,
            body: appealEndsOn ? `考核结果已发布，申诉期至 ${appealEndsOn}，对本单位得分有异议的可在申诉期内提出申诉。` : '考核结果已发布。',
            link: `/assessments/runs/${id}`,
          });
        }
        await audit.record(tx, ctx, {
          action: 'assessment.run.publish',
          entityType: RUN_ENTITY,
          entityId: id,
          diff: {
            changed: { status: { from: 'scoring', to: 'appeal' } },
            appealEndsOn,
            results: ranked.map((r) => ({ participantId: r.participantId, total: r.total, rank: r.rank, redFlag: r.redFlag })),
          },
        });
      });
      return viewOf(p, id);
    },

    /** Locks the results once the window is over and every appeal answered; the run takes no write after this. */
    async lock(ctx: RequestContext, p: Principal, id: string): Promise<AssessmentRun> {
      requireManage(p);
      await db.transaction(async (tx) => {
        const run = await lockRun(tx, id);
        requireStatus(run, 'appeal', 'the results lock after their appeal window');
        const open = await repo.countOpenAppeals(tx, id);
        if (open) throw new AppError('APPEALS_OPEN', `${open} appeal(s) open: answer them before the results lock`);
        if (run.appealEndsOn && today() <= run.appealEndsOn) throw new AppError('ASSESSMENT_STATE', `the appeal window runs until ${run.appealEndsOn}`);
        const ranked = await writeResults(tx, id, defOf(run));
        const now = clock.now();
        await repo.updateRun(tx, id, { status: 'locked', lockedAt: now, lockedBy: p.userId, updatedAt: now });
        await audit.record(tx, ctx, {
          action: 'assessment.run.lock',
          entityType: RUN_ENTITY,
          entityId: id,
          diff: {
            changed: { status: { from: 'appeal', to: 'locked' } },
            results: ranked.map((r) => ({ participantId: r.participantId, total: r.total, rank: r.rank, tied: r.tied, redFlag: r.redFlag })),
          },
        });
      });
      return viewOf(p, id);
    },

    /** A participant's points per dimension, what each lost and the scores behind it: for its members, the panel, managers and leaders. */
    async breakdown(p: Principal, runId: string, participantId: string): Promise<AssessmentBreakdown> {
      const run = await findRun(runId);
      const def = defOf(run);
      const participant = def.participants.find((x) => x.id === participantId);
      if (!participant) throw notFound('participant');
      const path = await participantPath(db, participant);
      if (!seesAll(p, def) && !ownUnit(p.unitPath, path)) throw forbidden("a participant's breakdown is shown to its own members, the panel and the leaders");
      const { scores, table, ranked } = await standing(run, def);
      return breakdownOf(def, participant, scores, table, ranked);
    },

    async redFlags(schemeId: string | undefined) {
      const rows = await repo.redFlags(db, schemeId);
      return { items: rows.map((r) => ({ ...r, total: Number(r.total) })) };
    },

    /** The results bulletin as an official Word document (GB/T 9704) from the office's template or the bundled one. */
    async bulletinDocx(p: Principal, runId: string, q: z.output<typeof bulletinQuery>): Promise<{ filename: string; buffer: Buffer }> {
      const run = await viewOf(p, runId);
      if (run.status === 'scoring') throw new AppError('ASSESSMENT_STATE', 'the bulletin is issued once the results are published');
      const names = await repo.zoneNames(db);
      const zoneName = names.region ?? names.committee?.replace(/(管理委员会|管委会)$/, '') ?? '本区';
      const issuer = names.committee ?? `${zoneName}管理委员会`;
      const text = bulletinOf(run);
      const title = q.title || text.title;
      const buffer = await renderOfficialDocument(
        {
          issuer,
          ...(q.docNumber ? { docNumber: q.docNumber } : {}),
          title,
          recipients: '各有关单位',
          blocks: text.blocks,
          signature: issuer,
          date: today(),
          printedBy: `${issuer}办公室`,
        },
        q.template === 'default' ? await loadTemplate() : await loadTemplate(undefined, config.dataDir),
      );
      return { filename: `${title}.docx`, buffer };
    },
  };
}
