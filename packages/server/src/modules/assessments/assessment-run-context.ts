// What the run services of assessments share (DOMAIN §8): the guards (the manage permission, the run's state, a
// participant and a dimension of the run, points within a weight), the unit path each participant answers for (the
// own-unit rule), loading and locking a run, the panel's progress, the results written, and the run as the API
// answers it. The run's writes carry the run as their audit entity so that its trail shows every change.
import type { AssessmentDimension, AssessmentParticipant, AssessmentRun, RunStatus } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { assessmentRepository as repo, type RunRow, type ScoreRow } from './assessment.repository.ts';
import {
  defOf,
  isoOf,
  onPanel,
  ownUnit,
  panelProgress,
  pointsTable,
  rankOf,
  resultRows,
  type PanelProgress,
  type RunDefinition,
} from './assessment-results.ts';

export const RUN_ENTITY = 'assessmentRun';

export function requireManage(p: Principal) {
  if (!p.permissions.has('assessment.manage')) throw forbidden('managing assessments needs assessment.manage');
}

export function requireStatus(run: RunRow, status: RunStatus, what: string) {
  if (run.status !== status) throw new AppError('ASSESSMENT_STATE', `${what}: the run is ${run.status}`);
}

/** Managers, leaders (scope over everything) and the panel see every participant's scores and appeals. */
export const seesAll = (p: Principal, def: RunDefinition) => p.permissions.has('assessment.manage') || p.scope.all || onPanel(def, p.userId);

/** The participant and the dimension an entry names, both of the run (else 400 on the field). */
export function entryTarget(def: RunDefinition, participantId: string, dimensionId: string): { participant: AssessmentParticipant; dim: AssessmentDimension } {
  const participant = def.participants.find((x) => x.id === participantId);
  if (!participant) throw validationError([{ path: 'body.participantId', message: 'not a participant of this run' }]);
  const dim = def.dimensions.find((d) => d.id === dimensionId);
  if (!dim) throw validationError([{ path: 'body.dimensionId', message: 'not a dimension of this run' }]);
  return { participant, dim };
}

/** Points given by hand are at most the dimension's weight. */
export function requireWithinWeight(points: number, dim: AssessmentDimension) {
  if (points > dim.weight) throw validationError([{ path: 'body.points', message: `at most ${dim.weight} (the dimension's weight)` }]);
}

/** The live units and projects (with their lead unit's path) that participants name. */
export function unitsAndProjects(tx: DbOrTx, participants: readonly { unitId?: string | null; projectId?: string | null }[]) {
  return Promise.all([
    repo.units(
      tx,
      participants.flatMap((p) => (p.unitId ? [p.unitId] : [])),
    ),
    repo.projects(
      tx,
      participants.flatMap((p) => (p.projectId ? [p.projectId] : [])),
    ),
  ]);
}

/** The unit path each participant answers for: its unit's, or its project's lead unit's. */
export async function participantPaths(tx: DbOrTx, participants: readonly AssessmentParticipant[]): Promise<Map<string, string>> {
  const [units, projects] = await unitsAndProjects(tx, participants);
  const out = new Map<string, string>();
  for (const p of participants) {
    const path = p.unitId ? units.get(p.unitId)?.path : p.projectId ? projects.get(p.projectId)?.path : undefined;
    if (path) out.set(p.id, path);
  }
  return out;
}

/** The unit path one participant answers for (undefined: its unit or project is gone). */
export async function participantPath(tx: DbOrTx, participant: AssessmentParticipant): Promise<string | undefined> {
  return (await participantPaths(tx, [participant])).get(participant.id);
}

/** Panel scores expected and entered, the panel's members read as they are now (a disabled member expects nothing). */
export async function progressOf(tx: DbOrTx, def: RunDefinition, scores: readonly ScoreRow[], paths: Map<string, string>): Promise<PanelProgress> {
  const members = await repo.activeUsers(
    tx,
    def.panel.map((m) => m.userId),
  );
  return panelProgress(def, scores, paths, members);
}

/** Ranks the run's scores and stores them as its results. */
export async function writeResults(tx: DbOrTx, runId: string, def: RunDefinition) {
  const ranked = rankOf(def, pointsTable(def, await repo.scores(tx, runId)));
  await repo.replaceResults(tx, runId, ranked);
  return ranked;
}

export function createRunContext(deps: Deps) {
  const { db, clock } = deps;
  const today = () => todayOf(clock);

  async function lockRun(tx: DbOrTx, id: string): Promise<RunRow> {
    const run = await repo.lockRun(tx, id);
    if (!run) throw notFound('assessment run');
    return run;
  }
  async function findRun(id: string): Promise<RunRow> {
    const run = await repo.findRun(db, id);
    if (!run) throw notFound('assessment run');
    return run;
  }

  /** The run's scores, points and ranking: the stored results once published, a provisional ranking while scoring. */
  async function standing(run: RunRow, def: RunDefinition) {
    const [scores, stored] = await Promise.all([repo.scores(db, run.id), run.status === 'scoring' ? Promise.resolve([]) : repo.results(db, run.id)]);
    const table = pointsTable(def, scores);
    return { scores, table, ranked: run.status === 'scoring' ? rankOf(def, table) : stored };
  }

  /** The run as the API answers it: progress, results and what the caller may do. */
  async function runView(p: Principal, run: RunRow): Promise<AssessmentRun> {
    const def = defOf(run);
    const [{ scores, table, ranked }, paths] = await Promise.all([standing(run, def), participantPaths(db, def.participants)]);
    const progress = await progressOf(db, def, scores, paths);
    const windowOpen = run.status === 'appeal' && !!run.appealEndsOn && today() <= run.appealEndsOn;
    return {
      id: run.id,
      schemeId: run.schemeId,
      schemeName: run.schemeName,
      period: run.period,
      periodStart: run.periodStart,
      periodEnd: run.periodEnd,
      status: run.status as RunStatus,
      dimensions: def.dimensions,
      participants: def.participants,
      computedAt: isoOf(run.computedAt),
      publishedAt: isoOf(run.publishedAt),
      appealEndsOn: run.appealEndsOn,
      lockedAt: isoOf(run.lockedAt),
      highlights: run.highlights,
      progress: { entered: progress.entered, expected: progress.expected },
      can: {
        score: run.status === 'scoring' && p.permissions.has('assessment.score') && onPanel(def, p.userId),
        appeal: windowOpen && p.permissions.has('assessment.appeal') && def.participants.some((x) => ownUnit(p.unitPath, paths.get(x.id))),
        manage: p.permissions.has('assessment.manage'),
      },
      results: resultRows(def, table, ranked),
    };
  }

  /** The run, read again after a write, as the API answers it. */
  const viewOf = async (p: Principal, id: string) => runView(p, await findRun(id));

  return { today, lockRun, findRun, standing, runView, viewOf };
}

export type RunContext = ReturnType<typeof createRunContext>;
