// Pure helpers of the assessment pages: period keys (which kind a key is, its label in the page language, the periods
// a manager can start), the scheme form (values ↔ the API body, the running total of the weights, the metrics a
// participant kind can be scored on, the server's field paths onto the form's fields), the run's steps, the ranking
// grouped by track and the panel grid's rules. Unit-tested in assessment-ui.test.ts.
import {
  gradeTable,
  gradeToPoints,
  metricCatalogue,
  metricKeys,
  metricSupports,
  periodBounds,
  periodKindOfKey,
  weightTotal,
  type AssessmentDimension,
  type AssessmentResultRow,
  type AssessmentScheme,
  type Grade,
  type MetricKey,
  type ParticipantKind,
  type PeriodKind,
  type RunStatus,
  type SchemeInput,
} from '@zoneops/shared';

export type Translate = (key: string, opts?: Record<string, unknown>) => string;

// ---- periods ------------------------------------------------------------------------------------------------------

/** A period key as people say it: 2026年三季度 / 2026 Q3, 2026年11月上半月 / Nov 2026, 1st half, 2026年第48周. */
export function periodLabel(key: string, t: Translate): string {
  const kind = periodKindOfKey(key);
  const year = key.slice(0, 4);
  switch (kind) {
    case 'year':
      return t('assessments.period.year', { year });
    case 'quarter':
      return t('assessments.period.quarter', { year, q: t(`assessments.period.quarterName.${key.slice(-1)}`) });
    case 'month':
      return t('assessments.period.month', { year, monthName: t(`assessments.period.monthName.${Number(key.slice(5, 7))}`) });
    case 'halfMonth':
      return t('assessments.period.halfMonth', {
        year,
        monthName: t(`assessments.period.monthName.${Number(key.slice(5, 7))}`),
        half: t(`assessments.period.half.${key.slice(-1)}`),
      });
    case 'week':
      return t('assessments.period.week', { year, week: Number(key.slice(6)) });
    default:
      return key;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week (year and number) of a YYYY-MM-DD day. */
export function isoWeekOf(day: string): { year: number; week: number } {
  const d = new Date(`${day}T00:00:00Z`);
  // the Thursday of the day's week decides the year
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1 };
}

/** The key of the period of `kind` that holds the day. */
export function periodKeyOf(kind: PeriodKind, day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  switch (kind) {
    case 'year':
      return String(y);
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'month':
      return `${y}-${pad(m)}`;
    case 'halfMonth':
      return `${y}-${pad(m)}-${d <= 15 ? 1 : 2}`;
    case 'week': {
      const w = isoWeekOf(day);
      return `${w.year}-W${pad(w.week)}`;
    }
  }
}

export interface PeriodOption {
  key: string;
  start: string;
  end: string;
  /** The period has ended by `today` (its scores can be computed as of its end). */
  ended: boolean;
}

/** The period holding `today` and the `count − 1` before it, newest first. */
export function periodOptions(kind: PeriodKind, today: string, count = 8): PeriodOption[] {
  const out: PeriodOption[] = [];
  let day = today;
  for (let i = 0; i < count; i++) {
    const key = periodKeyOf(kind, day);
    const b = periodBounds(kind, key);
    if (!b) break;
    out.push({ key, start: b.start, end: b.end, ended: b.end < today });
    // the day before this period's start lies in the previous one
    day = new Date(Date.parse(`${b.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  }
  return out;
}

/** The period a manager most likely starts: the last one that has ended. */
export function defaultPeriod(kind: PeriodKind, today: string): string {
  const options = periodOptions(kind, today, 2);
  return (options.find((o) => o.ended) ?? options[0]!).key;
}

// ---- names in the page language -------------------------------------------------------------------------------------

export const isEnglish = (language: string | undefined) => !!language?.startsWith('en');

/** A scheme's or a dimension's name in the page language (the Chinese one when no English name was given). */
export const localName = (x: { name: string; nameEn?: string | null }, english: boolean) => (english && x.nameEn ? x.nameEn : x.name);

// ---- the scheme form ----------------------------------------------------------------------------------------------

export type AutoScoringKind = 'rate' | 'relative' | 'deduct';
export const autoScoringKinds: readonly AutoScoringKind[] = ['rate', 'relative', 'deduct'];

export interface DimensionRow {
  id: string;
  category: AssessmentDimension['category'];
  name: string;
  nameEn?: string | null;
  weight: number | null;
  method: AssessmentDimension['method'];
  metric?: string | null;
  scoringKind?: AutoScoringKind | null;
  perItem?: number | null;
  ifNoData: 'full' | 'zero';
  gradePoints?: Partial<Record<Grade, number>> | null;
  description?: string | null;
}

export interface ParticipantRow {
  unitId?: string | null;
  projectId?: string | null;
  /** The unit's or the project's name, shown in the list (not sent). */
  name: string;
  track?: string | null;
}

export interface SchemeFormValues {
  name: string;
  nameEn?: string | null;
  description?: string | null;
  periodKind: PeriodKind;
  participantKind: ParticipantKind;
  tracks: string[];
  redFlagTopN: number;
  appealWorkingDays: number;
  active: boolean;
  dimensions: DimensionRow[];
  participants: ParticipantRow[];
  panel: string[];
}

/** The metrics a participant kind can be scored on (projects: investment completion and milestones only). */
export const metricsFor = (kind: ParticipantKind): MetricKey[] => metricKeys.filter((k) => metricSupports(k, kind));

/** The scoring a metric suits by default: a share as a rate, a lower-is-better count deducted, any other count compared. */
export function defaultScoring(metric: MetricKey): AutoScoringKind {
  const m = metricCatalogue[metric];
  if (m.shape === 'rate') return 'rate';
  return m.better === 'lower' ? 'deduct' : 'relative';
}

/** A new dimension id not used by the others (d1, d2 …); the ids of saved dimensions never change. */
export function nextDimensionId(used: readonly (string | undefined)[]): string {
  const taken = new Set(used);
  let n = used.length + 1;
  while (taken.has(`d${n}`)) n++;
  return `d${n}`;
}

export const weightsComplete = (rows: readonly { weight?: number | null }[] | undefined) => weightTotal(rows) === 100;

export function emptySchemeForm(): SchemeFormValues {
  return {
    name: '',
    periodKind: 'quarter',
    participantKind: 'unit',
    tracks: [],
    redFlagTopN: 1,
    appealWorkingDays: 3,
    active: true,
    dimensions: [{ id: 'd1', category: 'compare', name: '', weight: null, method: 'panel', ifNoData: 'full' }],
    participants: [],
    panel: [],
  };
}

export function schemeToForm(s: AssessmentScheme): SchemeFormValues {
  return {
    name: s.name,
    nameEn: s.nameEn,
    description: s.description,
    periodKind: s.periodKind,
    participantKind: s.participantKind,
    tracks: [...s.tracks],
    redFlagTopN: s.redFlagTopN,
    appealWorkingDays: s.appealWorkingDays,
    active: s.active,
    dimensions: s.dimensions.map((d) => ({
      id: d.id,
      category: d.category,
      name: d.name,
      nameEn: d.nameEn ?? null,
      weight: d.weight,
      method: d.method,
      metric: d.metric ?? null,
      scoringKind: d.scoring?.kind ?? null,
      perItem: d.scoring?.kind === 'deduct' ? d.scoring.perItem : null,
      ifNoData: d.ifNoData,
      gradePoints: d.gradePoints ?? null,
      description: d.description ?? null,
    })),
    participants: s.participants.map((p) => ({ unitId: p.unitId, projectId: p.projectId, name: p.name, track: p.track })),
    panel: s.panel.map((m) => m.userId),
  };
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The body of POST / PUT /api/assessments/schemes: only what the method needs travels with a dimension. */
export function formToInput(v: SchemeFormValues): SchemeInput {
  return {
    name: v.name.trim(),
    nameEn: text(v.nameEn),
    description: text(v.description),
    periodKind: v.periodKind,
    participantKind: v.participantKind,
    tracks: v.tracks.map((tr) => tr.trim()).filter(Boolean),
    redFlagTopN: v.redFlagTopN,
    appealWorkingDays: v.appealWorkingDays,
    active: v.active,
    dimensions: v.dimensions.map((d) => {
      const auto = d.method === 'auto';
      const kind = d.scoringKind ?? 'rate';
      return {
        id: d.id,
        category: d.category,
        name: d.name.trim(),
        nameEn: text(d.nameEn),
        weight: Number(d.weight),
        method: d.method,
        metric: auto ? (d.metric ?? null) : null,
        scoring: auto ? (kind === 'deduct' ? { kind, perItem: Number(d.perItem) } : { kind }) : null,
        ifNoData: d.ifNoData,
        gradePoints: d.method === 'grade' ? ((d.gradePoints as Record<Grade, number> | null | undefined) ?? null) : null,
        description: text(d.description),
      };
    }),
    participants: v.participants.map((p) =>
      v.participantKind === 'unit' ? { unitId: p.unitId ?? null, track: text(p.track) } : { projectId: p.projectId ?? null, track: text(p.track) },
    ),
    panel: v.panel,
  };
}

/**
 * The form field of a server path (after "body."): a dimension's scoring is two fields of the form (scoringKind and
 * perItem), a participant is one row, the panel and the tracks are one field each.
 */
export function schemeFieldName(path: readonly (string | number)[], participantKind: ParticipantKind): (string | number)[] {
  const [head, index, field, sub] = path;
  if (head === 'dimensions' && typeof index === 'number' && field === 'scoring') return ['dimensions', index, sub === 'perItem' ? 'perItem' : 'scoringKind'];
  if (head === 'dimensions' && typeof index === 'number' && field === 'gradePoints') return ['dimensions', index, 'method'];
  if (head === 'participants' && typeof index === 'number') return ['participants', index, participantKind === 'unit' ? 'unitId' : 'projectId'];
  if (head === 'panel' || head === 'tracks') return [head];
  return [...path];
}

// ---- runs ---------------------------------------------------------------------------------------------------------

export const runSteps: readonly RunStatus[] = ['scoring', 'appeal', 'locked'];
export const statusColour: Record<RunStatus, string> = { scoring: 'processing', appeal: 'warning', locked: 'default' };

/** The step of the run's status (a locked run has finished all three). */
export const runStep = (status: RunStatus) => runSteps.indexOf(status);

export interface TrackGroup<R = AssessmentResultRow> {
  track: string | null;
  rows: R[];
}

/** Results (a run's, or the cockpit's competition rows) by track in the server's order (track, rank): one table per track. */
export function resultsByTrack<R extends { track: string | null; rank: number }>(rows: readonly R[]): TrackGroup<R>[] {
  const groups: TrackGroup<R>[] = [];
  for (const r of rows) {
    let g = groups.find((x) => x.track === r.track);
    if (!g) {
      g = { track: r.track, rows: [] };
      groups.push(g);
    }
    g.rows.push(r);
  }
  // a stable sort: tied rows keep the server's order
  for (const g of groups) g.rows.sort((a, b) => a.rank - b.rank);
  return groups;
}

/** The dimensions a panel member scores: by panel points or by a grade. */
export const panelDimensions = (dims: readonly AssessmentDimension[]) => dims.filter((d) => d.method === 'panel' || d.method === 'grade');

/**
 * The units a user counts as their own: their unit and every unit above it (the server's rule: a member belongs to a
 * participant's unit or to a unit under it). Without the unit list, only their unit.
 */
export function ownUnitIds(units: readonly { id: string; parentId: string | null }[] | undefined, myUnitId: string | null | undefined): Set<string> {
  const own = new Set<string>();
  const parent = new Map((units ?? []).map((u) => [u.id, u.parentId]));
  for (let id = myUnitId ?? null; id && !own.has(id); id = parent.get(id) ?? null) own.add(id);
  return own;
}

/** A member never scores their own unit, and appeals only for it (the server decides either way). */
export const isOwnUnit = (participant: { unitId: string | null }, own: ReadonlySet<string>) => !!participant.unitId && own.has(participant.unitId);

/** The points a grade earns on a dimension (its own table, else the default one). */
export function gradePointsOf(dim: Pick<AssessmentDimension, 'weight' | 'gradePoints'>, grade: Grade): number {
  return gradeToPoints(grade, dim.weight, gradeTable(dim.gradePoints));
}

export interface CellDraft {
  points?: number | null;
  grade?: Grade | null;
  comment?: string;
}

/**
 * The score entries (PUT …/scores bodies) of one participant's row: the cells given a value, each with its comment.
 * A cell with a value and no comment is returned in `missingComment` (nothing of the row is sent then).
 */
export function rowEntries(
  participantId: string,
  dims: readonly AssessmentDimension[],
  cells: Readonly<Record<string, CellDraft | undefined>>,
): { entries: { participantId: string; dimensionId: string; points?: number; grade?: Grade; comment: string }[]; missingComment: string[] } {
  const entries: { participantId: string; dimensionId: string; points?: number; grade?: Grade; comment: string }[] = [];
  const missingComment: string[] = [];
  for (const d of dims) {
    const c = cells[d.id];
    if (!c) continue;
    const given = d.method === 'grade' ? !!c.grade : c.points !== null && c.points !== undefined;
    if (!given) continue;
    const comment = c.comment?.trim() ?? '';
    if (!comment) {
      missingComment.push(d.id);
      continue;
    }
    entries.push(
      d.method === 'grade'
        ? { participantId, dimensionId: d.id, grade: c.grade!, comment }
        : { participantId, dimensionId: d.id, points: Number(c.points), comment },
    );
  }
  return { entries: missingComment.length ? [] : entries, missingComment };
}

/** Points shown with at most two decimals; an em dash for none. */
export function formatPoints(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return String(Math.round(v * 100) / 100);
}
