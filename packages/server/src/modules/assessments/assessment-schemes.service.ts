// Assessment schemes (考核方案, DOMAIN §8): dimensions whose weights add up to 100 (automatic from a metric of the
// catalogue, panel points or grades), the participants (units or projects, by track) and the panel. Checked whole
// before anything is written; an edit keeps the ids of participants that stay; runs keep their own copy.
import {
  gradeTable,
  metricSupports,
  weightTotal,
  type AssessmentDimension,
  type AssessmentScheme,
  type MetricKey,
  type ParticipantKind,
  type PeriodKind,
  type RunStatus,
  type SchemeInput,
} from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound, validationError, type FieldIssue } from '../../platform/errors.ts';
import { assessmentRepository as repo, type SchemeRow } from './assessment.repository.ts';
import { isoOf } from './assessment-results.ts';
import { requireManage, unitsAndProjects } from './assessment-run-context.ts';

export const SCHEME_ENTITY = 'assessmentScheme';

/** What an audit record keeps of a scheme. */
const schemeFields = (s: SchemeRow) => ({
  name: s.name,
  nameEn: s.nameEn,
  description: s.description,
  periodKind: s.periodKind,
  participantKind: s.participantKind,
  tracks: s.tracks,
  redFlagTopN: s.redFlagTopN,
  appealWorkingDays: s.appealWorkingDays,
  dimensions: s.dimensions,
  active: s.active,
});

/** What the scheme list and a scheme's page show alike. */
const schemeHead = (s: SchemeRow) => ({
  id: s.id,
  name: s.name,
  nameEn: s.nameEn,
  description: s.description,
  periodKind: s.periodKind as PeriodKind,
  participantKind: s.participantKind as ParticipantKind,
  tracks: s.tracks,
  redFlagTopN: s.redFlagTopN,
  appealWorkingDays: s.appealWorkingDays,
});

const participantKey = (x: { unitId: string | null; projectId: string | null }) => (x.unitId ? `u:${x.unitId}` : `p:${x.projectId}`);

/** A scheme as checked: what is stored. */
interface CheckedScheme {
  dimensions: AssessmentDimension[];
  tracks: string[];
  participants: { unitId: string | null; projectId: string | null; track: string | null }[];
  panel: string[];
}

/** The scheme's own columns as written on create and update. */
const schemeValues = (input: SchemeInput, c: CheckedScheme) => ({
  name: input.name,
  nameEn: input.nameEn ?? null,
  description: input.description ?? null,
  periodKind: input.periodKind,
  participantKind: input.participantKind,
  tracks: c.tracks,
  redFlagTopN: input.redFlagTopN,
  appealWorkingDays: input.appealWorkingDays,
  dimensions: c.dimensions,
  active: input.active,
});

/** The dimensions completed (automatic ones with metric and scoring, grade ones with their points); 4xx when off. */
function checkDimensions(input: SchemeInput): AssessmentDimension[] {
  const total = weightTotal(input.dimensions);
  if (total !== 100) {
    throw new AppError('ASSESSMENT_WEIGHTS', `the dimensions' weights add up to ${total}, not 100`, [
      { path: 'body.dimensions', message: `the weights add up to ${total}, not 100` },
    ]);
  }
  const dimIssues: FieldIssue[] = [];
  const ids = new Set<string>();
  const dimensions: AssessmentDimension[] = input.dimensions.map((d, i) => {
    const at = `body.dimensions.${i}`;
    if (ids.has(d.id)) dimIssues.push({ path: `${at}.id`, message: `the id ${d.id} is used twice` });
    ids.add(d.id);
    if (d.method === 'auto') {
      if (!d.metric) dimIssues.push({ path: `${at}.metric`, message: 'an automatic dimension needs its metric' });
      else if (!metricSupports(d.metric as MetricKey, input.participantKind))
        dimIssues.push({ path: `${at}.metric`, message: `${d.metric} is not computed for ${input.participantKind} participants` });
      if (!d.scoring) dimIssues.push({ path: `${at}.scoring`, message: 'an automatic dimension needs its scoring (rate, relative or deduct)' });
      return { ...d, metric: d.metric ?? null, scoring: d.scoring ?? null, gradePoints: null };
    }
    const gradePoints = d.method === 'grade' ? gradeTable(d.gradePoints) : null;
    return { ...d, metric: null, scoring: null, gradePoints };
  });
  if (dimIssues.length) throw new AppError('ASSESSMENT_DIMENSION_INVALID', dimIssues.map((x) => `${x.path}: ${x.message}`).join('; '), dimIssues);
  return dimensions;
}

export function createSchemeService(deps: Deps) {
  const { db, audit, clock } = deps;

  /** Checks a scheme and returns what is stored: dimensions completed, participants and panel without repeats. */
  async function checkScheme(input: SchemeInput): Promise<CheckedScheme> {
    const dimensions = checkDimensions(input);
    const issues: FieldIssue[] = [];
    const tracks = input.tracks.map((t) => t.trim());
    tracks.forEach((t, i) => {
      if (tracks.indexOf(t) !== i) issues.push({ path: `body.tracks.${i}`, message: 'listed twice' });
    });
    const [[units, projects], people] = await Promise.all([unitsAndProjects(db, input.participants), repo.activeUsers(db, input.panel)]);
    const seen = new Set<string>();
    const participants = input.participants.map((x, i) => {
      const at = `body.participants.${i}`;
      const row = { unitId: x.unitId ?? null, projectId: x.projectId ?? null, track: x.track?.trim() || null };
      if (input.participantKind === 'unit' && !row.unitId) issues.push({ path: `${at}.unitId`, message: 'this scheme assesses units' });
      else if (input.participantKind === 'project' && !row.projectId) issues.push({ path: `${at}.projectId`, message: 'this scheme assesses projects' });
      else if (row.unitId && !units.has(row.unitId)) issues.push({ path: `${at}.unitId`, message: 'unknown unit' });
      else if (row.projectId && !projects.has(row.projectId)) issues.push({ path: `${at}.projectId`, message: 'unknown project' });
      else if (seen.has(participantKey(row))) issues.push({ path: at, message: 'listed twice' });
      seen.add(participantKey(row));
      if (tracks.length ? !row.track || !tracks.includes(row.track) : row.track !== null) {
        issues.push({ path: `${at}.track`, message: tracks.length ? `one of the scheme's tracks (${tracks.join('、')})` : 'the scheme has no tracks' });
      }
      return row;
    });
    input.panel.forEach((u, i) => {
      if (!people.has(u)) issues.push({ path: `body.panel.${i}`, message: 'unknown or disabled user' });
    });
    if (issues.length) throw validationError(issues);
    return { dimensions, tracks, participants, panel: [...new Set(input.panel)] };
  }

  async function schemeView(id: string): Promise<AssessmentScheme> {
    const s = await repo.findScheme(db, id);
    if (!s) throw notFound('assessment scheme');
    const [participants, panel] = await Promise.all([repo.participants(db, id, true), repo.panel(db, id)]);
    return {
      ...schemeHead(s),
      dimensions: s.dimensions as AssessmentDimension[],
      participants: participants.map(({ active: _active, ...x }) => x),
      panel,
      active: s.active,
      updatedAt: s.updatedAt.toISOString(),
    };
  }

  return {
    async listSchemes() {
      const rows = await repo.listSchemes(db);
      return {
        items: rows.map((s) => ({
          ...schemeHead(s),
          active: s.active,
          updatedAt: isoOf(s.updatedAt)!,
          participantCount: Number(s.participantCount),
          dimensionCount: Array.isArray(s.dimensions) ? s.dimensions.length : 0,
          lastRun: s.lastRun ? { ...s.lastRun, status: s.lastRun.status as RunStatus } : null,
        })),
      };
    },

    getScheme: schemeView,

    async createScheme(ctx: RequestContext, p: Principal, input: SchemeInput): Promise<AssessmentScheme> {
      requireManage(p);
      const c = await checkScheme(input);
      const id = await db.transaction(async (tx) => {
        const row = await repo.insertScheme(tx, { ...schemeValues(input, c), createdBy: p.userId });
        await repo.insertParticipants(
          tx,
          c.participants.map((x) => ({ ...x, schemeId: row.id, createdBy: p.userId })),
        );
        await repo.replacePanel(tx, row.id, c.panel);
        await audit.record(tx, ctx, {
          action: 'assessment.scheme.create',
          entityType: SCHEME_ENTITY,
          entityId: row.id,
          diff: { after: { ...schemeFields(row), participants: c.participants, panel: c.panel } },
        });
        return row.id;
      });
      return schemeView(id);
    },

    /** Replaces the definition; participants that stay keep their ids (matched on unit or project), removed ones are deactivated. */
    async updateScheme(ctx: RequestContext, p: Principal, id: string, input: SchemeInput): Promise<AssessmentScheme> {
      requireManage(p);
      const c = await checkScheme(input);
      await db.transaction(async (tx) => {
        const before = await repo.lockScheme(tx, id);
        if (!before) throw notFound('assessment scheme');
        const [existing, panelBefore] = await Promise.all([repo.participants(tx, id, false), repo.panel(tx, id)]);
        const now = clock.now();
        const byKey = new Map(existing.map((e) => [participantKey(e), e]));
        const wanted = new Set(c.participants.map(participantKey));
        const changes = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
        for (const x of c.participants) {
          const e = byKey.get(participantKey(x));
          if (!e) {
            changes.added.push(participantKey(x));
            continue;
          }
          if (e.track !== x.track || !e.active) {
            await repo.updateParticipant(tx, e.id, { track: x.track, active: true, updatedAt: now });
            changes[e.active ? 'changed' : 'added'].push(participantKey(x));
          }
        }
        for (const e of existing) {
          if (!e.active || wanted.has(participantKey(e))) continue;
          await repo.updateParticipant(tx, e.id, { track: e.track, active: false, updatedAt: now });
          changes.removed.push(participantKey(e));
        }
        await repo.insertParticipants(
          tx,
          c.participants.filter((x) => !byKey.has(participantKey(x))).map((x) => ({ ...x, schemeId: id, createdBy: p.userId })),
        );
        await repo.replacePanel(tx, id, c.panel);
        const after = await repo.updateScheme(tx, id, { ...schemeValues(input, c), updatedAt: now });
        await audit.record(tx, ctx, {
          action: 'assessment.scheme.update',
          entityType: SCHEME_ENTITY,
          entityId: id,
          diff: {
            ...diffOf(schemeFields(before), schemeFields(after)),
            participants: changes,
            panel: { from: panelBefore.map((m) => m.userId), to: c.panel },
          },
        });
      });
      return schemeView(id);
    },

    /** Soft delete: the scheme leaves the lists; its runs and their results stay. */
    async deleteScheme(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      requireManage(p);
      await db.transaction(async (tx) => {
        const before = await repo.lockScheme(tx, id);
        if (!before) throw notFound('assessment scheme');
        const now = clock.now();
        await repo.updateScheme(tx, id, { deletedAt: now, active: false, updatedAt: now });
        await audit.record(tx, ctx, { action: 'assessment.scheme.delete', entityType: SCHEME_ENTITY, entityId: id, diff: { before: schemeFields(before) } });
      });
    },
  };
}
