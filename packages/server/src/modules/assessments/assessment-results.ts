// The results of an assessment run, pure (DOMAIN §8): the run's definition as stored, the points table (automatic
// points as computed, panel points through panelPoints), the totals ranked per track with the red flag, the rows as
// pages and the bulletin show them, the panel's progress under the own-unit rule, a participant's breakdown, and what
// changed between two computations (for the audit). The services read and write; these functions decide.
import {
  panelPoints,
  rankTotals,
  type AssessmentBreakdown,
  type AssessmentDimension,
  type AssessmentParticipant,
  type AssessmentResultRow,
  type AssessmentScore,
  type Grade,
  type ParticipantKind,
  type RankedRow,
  type ScoreInputs,
} from '@zoneops/shared';
import type { ResultRow, RunRow, ScoreRow } from './assessment.repository.ts';

/** The scheme as it was when the run started (assessment_runs.definition), and the day its automatic scores are as of. */
export interface RunDefinition {
  participantKind: ParticipantKind;
  dimensions: AssessmentDimension[];
  participants: AssessmentParticipant[];
  panel: { userId: string; name: string; unitId: string | null }[];
  redFlagTopN: number;
  appealWorkingDays: number;
  asOf: string;
}

/** An automatic score as computed, before it is stored. */
export interface AutoScore {
  participantId: string;
  dimensionId: string;
  value: number | null;
  points: number;
  inputs: ScoreInputs;
}

/** Points per participant and dimension (null: a panel dimension nobody has scored). */
export type PointsTable = Map<string, Record<string, number | null>>;

/** Scores expected of the panel and those entered; `missing` lists each expected score not entered. */
export interface PanelProgress {
  expected: number;
  entered: number;
  missing: { userId: string; participantId: string; dimensionId: string }[];
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
export const isoOf = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());
export const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
export const defOf = (run: RunRow) => run.definition as RunDefinition;

/** A panel member's own unit: the member belongs to the participant's unit (for a project, its lead unit) or a unit under it. */
export const ownUnit = (memberUnitPath: string, participantPath: string | undefined) => !!participantPath && memberUnitPath.startsWith(participantPath);

/** Whether the user sits on the run's panel. */
export const onPanel = (def: RunDefinition, userId: string) => def.panel.some((m) => m.userId === userId);

export function pointsTable(def: RunDefinition, scores: readonly ScoreRow[]): PointsTable {
  const by = new Map<string, ScoreRow[]>();
  for (const s of scores) {
    const k = `${s.participantId}|${s.dimensionId}`;
    by.set(k, [...(by.get(k) ?? []), s]);
  }
  const out: PointsTable = new Map();
  for (const p of def.participants) {
    const dims: Record<string, number | null> = {};
    for (const d of def.dimensions) {
      const list = by.get(`${p.id}|${d.id}`) ?? [];
      if (d.method === 'auto') dims[d.id] = num(list.find((s) => s.scorerId === null)?.points);
      else dims[d.id] = panelPoints(list.filter((s) => s.scorerId !== null).map((s) => Number(s.points)));
    }
    out.set(p.id, dims);
  }
  return out;
}

/** Totals (an unscored dimension counts 0) ranked per track, with the red flag. */
export function rankOf(def: RunDefinition, table: PointsTable): RankedRow[] {
  const rows = def.participants.map((p) => ({
    participantId: p.id,
    track: p.track,
    total: round2(Object.values(table.get(p.id) ?? {}).reduce<number>((a, v) => a + (v ?? 0), 0)),
  }));
  return rankTotals(rows, def.redFlagTopN);
}

/** The rows as pages and the bulletin show them: by track, rank, then name (ties in a stable, readable order). */
export function resultRows(def: RunDefinition, table: PointsTable, ranked: readonly (RankedRow | ResultRow)[]): AssessmentResultRow[] {
  const names = new Map(def.participants.map((p) => [p.id, p.name]));
  const rows = ranked.map((r) => ({
    participantId: r.participantId,
    name: names.get(r.participantId) ?? '',
    track: r.track,
    dimensions: table.get(r.participantId) ?? {},
    total: Number(r.total),
    rank: r.rank,
    tied: r.tied,
    redFlag: r.redFlag,
  }));
  return rows.sort(
    (a, b) =>
      (a.track ?? '').localeCompare(b.track ?? '') ||
      a.rank - b.rank ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      a.participantId.localeCompare(b.participantId),
  );
}

/**
 * Panel scores expected (each active member × each participant not their own × each panel or grade dimension) and
 * entered. `paths`: the unit path each participant answers for; `members`: the panel's active members with theirs.
 */
export function panelProgress(
  def: RunDefinition,
  scores: readonly ScoreRow[],
  paths: ReadonlyMap<string, string>,
  members: ReadonlyMap<string, { unitPath: string }>,
): PanelProgress {
  const judged = def.dimensions.filter((d) => d.method !== 'auto');
  const entered = new Set(scores.filter((s) => s.scorerId).map((s) => `${s.scorerId}|${s.participantId}|${s.dimensionId}`));
  const missing: PanelProgress['missing'] = [];
  let expected = 0;
  for (const m of def.panel) {
    const member = members.get(m.userId);
    if (!member) continue;
    for (const p of def.participants) {
      if (ownUnit(member.unitPath, paths.get(p.id))) continue;
      for (const d of judged) {
        expected++;
        if (!entered.has(`${m.userId}|${p.id}|${d.id}`)) missing.push({ userId: m.userId, participantId: p.id, dimensionId: d.id });
      }
    }
  }
  return { expected, entered: expected - missing.length, missing };
}

export const toScore = (s: ScoreRow): AssessmentScore => ({
  id: s.id,
  participantId: s.participantId,
  dimensionId: s.dimensionId,
  scorerId: s.scorerId,
  scorerName: s.scorerName,
  value: num(s.value),
  grade: s.grade as Grade | null,
  points: Number(s.points),
  comment: s.comment,
  inputs: (s.inputs as ScoreInputs | null) ?? null,
  scoredAt: isoOf(s.scoredAt)!,
});

/** A participant's points per dimension, what each lost and the scores behind it, with its total, rank and red flag. */
export function breakdownOf(
  def: RunDefinition,
  participant: AssessmentParticipant,
  scores: readonly ScoreRow[],
  table: PointsTable,
  ranked: readonly (RankedRow | ResultRow)[],
): AssessmentBreakdown {
  const mine = ranked.find((r) => r.participantId === participant.id);
  const dims = table.get(participant.id) ?? {};
  return {
    participant,
    total: mine ? Number(mine.total) : 0,
    rank: mine?.rank ?? null,
    redFlag: mine?.redFlag ?? false,
    dimensions: def.dimensions.map((d) => {
      const points = dims[d.id] ?? null;
      return {
        dimensionId: d.id,
        name: d.name,
        weight: d.weight,
        points,
        lost: round2(d.weight - (points ?? 0)),
        scores: scores.filter((s) => s.participantId === participant.id && s.dimensionId === d.id).map(toScore),
      };
    }),
  };
}

/** The automatic scores whose value or points differ from the stored ones (a recomputation's audit). */
export function autoScoreChanges(before: readonly ScoreRow[], after: readonly AutoScore[]) {
  const old = new Map(before.map((s) => [`${s.participantId}|${s.dimensionId}`, s]));
  return after.flatMap((r) => {
    const b = old.get(`${r.participantId}|${r.dimensionId}`);
    const from = { value: num(b?.value), points: num(b?.points) };
    return from.value === r.value && from.points === r.points
      ? []
      : [{ participantId: r.participantId, dimensionId: r.dimensionId, from, to: { value: r.value, points: r.points } }];
  });
}

/** The participants whose total, rank or red flag differ from the stored results (an accepted appeal's audit). */
export function rankingChanges(prior: readonly ResultRow[], ranked: readonly RankedRow[]) {
  const byId = new Map(prior.map((r) => [r.participantId, r]));
  return ranked.flatMap((r) => {
    const b = byId.get(r.participantId);
    return b && Number(b.total) === r.total && b.rank === r.rank && b.redFlag === r.redFlag
      ? []
      : [
          {
            participantId: r.participantId,
            from: b ? { total: Number(b.total), rank: b.rank, redFlag: b.redFlag } : null,
            to: { total: r.total, rank: r.rank, redFlag: r.redFlag },
          },
        ];
  });
}
