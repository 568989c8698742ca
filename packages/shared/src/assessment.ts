// Assessments and competitions (考核 · 劳动竞赛, DOMAIN §8): the pure rules — periods, the automatic metrics'
// catalogue, how a metric value, a panel score or a grade becomes points, totals, ranking with ties and the red flag.
// The server computes metric values from module data (assessment-metrics.repository.ts) and stores every score with
// its inputs; everything here is deterministic and unit-tested.

export const periodKinds = ['week', 'halfMonth', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export const participantKinds = ['unit', 'project'] as const;
export type ParticipantKind = (typeof participantKinds)[number];

/** 比 (compare) / 看 (look) / 创 (create): the label a dimension carries in "七比一看". */
export const dimensionCategories = ['compare', 'look', 'create'] as const;
export type DimensionCategory = (typeof dimensionCategories)[number];

export const scoringMethods = ['auto', 'panel', 'grade'] as const;
export type ScoringMethod = (typeof scoringMethods)[number];

/** 好 / 较好 / 一般 / 差 */
export const grades = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof grades)[number];
/** Percent of the dimension's weight a grade earns (configurable per dimension). */
export const defaultGradePoints: Record<Grade, number> = { excellent: 100, good: 85, fair: 70, poor: 50 };

export const runStatuses = ['scoring', 'appeal', 'locked'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const appealStatuses = ['open', 'accepted', 'rejected'] as const;
export type AppealStatus = (typeof appealStatuses)[number];

/**
 * The automatic metrics, computed from module data as of the period's end.
 * - rate: a share 0–1 (numerator / denominator); count / amount: a number.
 * - better: 'higher' or 'lower' (overdue tasks).
 * - kinds: the participant kinds it can be computed for.
 */
export const metricCatalogue = {
  /** Approved investment completed this year up to the period's end / the annual plan (projects, lead unit). */
  investmentCompletion: { shape: 'rate', better: 'higher', kinds: ['unit', 'project'] },
  /** Milestones planned within the period done on or before their planned day. */
  milestoneOnTime: { shape: 'rate', better: 'higher', kinds: ['unit', 'project'] },
  /** Projects started (actual start) within the period. */
  projectsStarted: { shape: 'count', better: 'higher', kinds: ['unit'] },
  /** Promotion leads signed within the period (owner unit). */
  leadsSigned: { shape: 'count', better: 'higher', kinds: ['unit'] },
  /** Capital in place (万元) of the leads that reached 资金到位 within the period. */
  capitalInPlace: { shape: 'amount', better: 'higher', kinds: ['unit'] },
  /** Supervision tasks due within the period reported on or before their deadline (lead unit). */
  tasksOnTime: { shape: 'rate', better: 'higher', kinds: ['unit'] },
  /** Supervision tasks overdue at the period's end (lead unit). */
  tasksOverdue: { shape: 'count', better: 'lower', kinds: ['unit'] },
  /** Enterprise request rounds started within the period completed by their due day (handling unit). */
  requestsOnTime: { shape: 'rate', better: 'higher', kinds: ['unit'] },
  /** Rated request rounds within the period rated satisfied or basically satisfied (handling unit). */
  requestSatisfaction: { shape: 'rate', better: 'higher', kinds: ['unit'] },
  /** Safety alarms raised within the period acknowledged within the escalation's first limit (street of the enterprise). */
  alarmsAckInTime: { shape: 'rate', better: 'higher', kinds: ['unit'] },
} as const satisfies Record<string, { shape: 'rate' | 'count' | 'amount'; better: 'higher' | 'lower'; kinds: readonly ParticipantKind[] }>;
export type MetricKey = keyof typeof metricCatalogue;
export const metricKeys = Object.keys(metricCatalogue) as MetricKey[];

/** Whether a metric is computed for participants of this kind. */
export const metricSupports = (metric: MetricKey, kind: ParticipantKind): boolean =>
  (metricCatalogue[metric].kinds as readonly ParticipantKind[]).includes(kind);

/** A dimension's grade table: its own percentages over the default ones. */
export const gradeTable = (own: Partial<Record<Grade, number>> | null | undefined): Record<Grade, number> => ({ ...defaultGradePoints, ...(own ?? {}) });

/** The sum of dimension weights, exact to the cent (0.1 + 0.2 is 0.3 here); a scheme's must be 100. */
export function weightTotal(rows: readonly { weight?: number | null }[] | undefined): number {
  const cents = (rows ?? []).reduce((sum, r) => sum + Math.round((Number(r?.weight) || 0) * 100), 0);
  return cents / 100;
}

/**
 * How an automatic metric's value becomes points (0 … weight):
 * - rate: weight × value (a share 0–1);
 * - relative: weight × value / the best value among the participants of the same track (lower-is-better metrics:
 *   weight × best / value, a zero value earning full points);
 * - deduct: weight − perItem × value, not below 0.
 * A participant with no data (no task due, no plan) gets `ifNoData`: 'full' points or 'zero'.
 */
export type AutoScoring = { kind: 'rate' } | { kind: 'relative' } | { kind: 'deduct'; perItem: number };

export interface PeriodBounds {
  start: string;
  end: string;
}

/** The kind of a period key (2026, 2026-Q3, 2026-11, 2026-11-2, 2026-W48), or null when it is no valid period. */
export function periodKindOfKey(key: string): PeriodKind | null {
  return periodKinds.find((k) => periodBounds(k, key) !== null) ?? null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The period key's first and last day, or null when the key does not fit the kind. Weeks are ISO weeks. Years run
 * from 1000 (below it the days would not be written with four digits, and Date.UTC reads 0–99 as 1900–1999).
 */
export function periodBounds(kind: PeriodKind, key: string): PeriodBounds | null {
  let m: RegExpExecArray | null;
  switch (kind) {
    case 'year':
      return /^[1-9]\d{3}$/.test(key) ? { start: `${key}-01-01`, end: `${key}-12-31` } : null;
    case 'quarter': {
      m = /^([1-9]\d{3})-Q([1-4])$/.exec(key);
      if (!m) return null;
      const y = Number(m[1]);
      const q = Number(m[2]);
      return { start: iso(y, q * 3 - 2, 1), end: iso(y, q * 3, lastDay(y, q * 3)) };
    }
    case 'month': {
      m = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/.exec(key);
      if (!m) return null;
      const y = Number(m[1]);
      const mo = Number(m[2]);
      return { start: iso(y, mo, 1), end: iso(y, mo, lastDay(y, mo)) };
    }
    case 'halfMonth': {
      m = /^([1-9]\d{3})-(0[1-9]|1[0-2])-([12])$/.exec(key);
      if (!m) return null;
      const y = Number(m[1]);
      const mo = Number(m[2]);
      return m[3] === '1' ? { start: iso(y, mo, 1), end: iso(y, mo, 15) } : { start: iso(y, mo, 16), end: iso(y, mo, lastDay(y, mo)) };
    }
    case 'week': {
      m = /^([1-9]\d{3})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(key);
      if (!m) return null;
      const y = Number(m[1]);
      const w = Number(m[2]);
      // ISO week 1 holds 4 January; weeks start on Monday.
      const jan4 = Date.UTC(y, 0, 4);
      const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
      const start = new Date(monday1 + (w - 1) * 7 * 86_400_000);
      const end = new Date(start.getTime() + 6 * 86_400_000);
      // week 53 exists only in years whose ISO calendar has it
      if (w === 53 && new Date(end.getTime() - 3 * 86_400_000).getUTCFullYear() !== y) return null;
      return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
    }
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Points of an automatic dimension for each participant of one track. `values` maps participant → metric value
 * (null: no data).
 */
export function autoPoints(
  values: ReadonlyMap<string, number | null>,
  weight: number,
  scoring: AutoScoring,
  better: 'higher' | 'lower',
  ifNoData: 'full' | 'zero',
): Map<string, number> {
  const out = new Map<string, number>();
  const present = [...values.values()].filter((v): v is number => v !== null);
  const best = present.length ? (better === 'higher' ? Math.max(...present) : Math.min(...present)) : null;
  for (const [id, v] of values) {
    let p: number;
    if (v === null) p = ifNoData === 'full' ? weight : 0;
    else if (scoring.kind === 'rate') p = weight * Math.min(1, Math.max(0, v));
    else if (scoring.kind === 'deduct') p = weight - scoring.perItem * v;
    else if (better === 'higher') p = best && best > 0 ? (weight * v) / best : 0;
    else p = v <= 0 ? weight : (best ?? 0) <= 0 ? 0 : (weight * best!) / v;
    out.set(id, round2(Math.min(weight, Math.max(0, p))));
  }
  return out;
}

/** A panel or grade dimension: the mean of the members' points (null when no member has scored yet). */
export function panelPoints(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  return round2(scores.reduce((a, b) => a + b, 0) / scores.length);
}

export function gradeToPoints(grade: Grade, weight: number, table: Record<Grade, number> = defaultGradePoints): number {
  return round2((weight * table[grade]) / 100);
}

export interface RankedRow {
  participantId: string;
  track: string | null;
  total: number;
  rank: number;
  tied: boolean;
  redFlag: boolean;
}

/**
 * Ranks totals within each track, highest first, with standard competition ranking (1, 1, 3): equal totals share a
 * rank and are marked tied. The red flag goes to every participant ranked within the top N of its track (so a tie at
 * the boundary shares it). Order: track, rank, participant id.
 */
export function rankTotals(rows: readonly { participantId: string; track: string | null; total: number }[], redFlagTopN: number): RankedRow[] {
  const byTrack = new Map<string | null, { participantId: string; track: string | null; total: number }[]>();
  for (const r of rows) {
    const list = byTrack.get(r.track) ?? [];
    list.push({ ...r, total: round2(r.total) });
    byTrack.set(r.track, list);
  }
  const out: RankedRow[] = [];
  const tracks = [...byTrack.keys()].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  for (const t of tracks) {
    const list = byTrack.get(t)!.sort((a, b) => b.total - a.total || a.participantId.localeCompare(b.participantId));
    list.forEach((r, i) => {
      const rank = i > 0 && list[i - 1]!.total === r.total ? out[out.length - 1]!.rank : i + 1;
      const tied = list.some((o) => o !== r && o.total === r.total);
      out.push({ ...r, rank, tied, redFlag: redFlagTopN > 0 && rank <= redFlagTopN });
    });
  }
  return out;
}
