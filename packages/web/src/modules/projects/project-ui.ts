// Pure helpers of the project pages: stage colours, the state of a milestone row, the funding mix against the total,
// field errors of the rule errors that name no field, and the tab in the URL. Unit-tested in project-ui.test.ts.
import { centsToMoney, isMoney, moneyToCents, projectLightReasonText, type ProjectLightReason, type ProjectStage } from '@zoneops/shared';
import { isApiError } from '../../app/api.ts';
import type { FieldError } from '../../app/form-errors.ts';

/** Tag colours of the lifecycle: grey while planned, blue while being prepared, green once built. */
export const stageColours: Record<ProjectStage, string> = {
  planned: 'default',
  reserve: 'cyan',
  nominated: 'geekblue',
  listed: 'blue',
  preparation: 'purple',
  construction: 'orange',
  completed: 'green',
  production: 'success',
};

/** The texts of a project's light reasons, the deciding one first (the rule's own words); an unknown reason shows its code. */
export function projectReasonTexts(reasons: readonly { code: string }[], lang: 'zh' | 'en'): string[] {
  return reasons.map((r) => {
    try {
      return projectLightReasonText(r as ProjectLightReason, lang) ?? r.code;
    } catch {
      return r.code;
    }
  });
}

export type MilestoneState =
  | { kind: 'done'; late: number }
  | { kind: 'overdue'; days: number }
  | { kind: 'dueSoon'; days: number }
  | { kind: 'due'; days: number }
  | { kind: 'unplanned' };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The state of a milestone on a day: done (with the days it came after its plan, 0 when on time), overdue by N days
 * (planned date passed without an actual date; the server's figure wins when it sends one), due within `soonDays`,
 * due later, or not planned.
 */
export function milestoneState(
  m: { plannedOn: string | null; actualOn: string | null; overdueDays?: number | null },
  today: string,
  soonDays = 7,
): MilestoneState {
  if (m.actualOn) return { kind: 'done', late: m.plannedOn ? Math.max(0, daysBetween(m.plannedOn, m.actualOn)) : 0 };
  if (!m.plannedOn) return { kind: 'unplanned' };
  const left = daysBetween(today, m.plannedOn);
  const overdue = m.overdueDays ?? (left < 0 ? -left : null);
  if (overdue && overdue > 0) return { kind: 'overdue', days: overdue };
  if (left <= soonDays) return { kind: 'dueSoon', days: Math.max(0, left) };
  return { kind: 'due', days: left };
}

/** The sum of the funding lines (万元, exact) and whether it differs from the total; lines without a valid amount count 0. */
export function fundingCheck(
  total: string | number | null | undefined,
  lines: readonly ({ amount?: string | number | null } | null | undefined)[] | undefined,
): { sum: string; differs: boolean; diff: string } {
  const cents = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v).trim();
    return s && isMoney(s) ? moneyToCents(s) : 0n;
  };
  const sum = (lines ?? []).reduce((t, l) => t + cents(l?.amount), 0n);
  const tot = cents(total);
  // no lines: nothing to compare (the server accepts a project without its funding mix)
  const differs = (lines ?? []).length > 0 && sum !== tot;
  return { sum: centsToMoney(sum), differs, diff: centsToMoney(sum - tot) };
}

/**
 * Field errors of a rule error whose details name no field (FUNDING_MISMATCH, PROJECT_DUPLICATE, OUTSIDE_ZONE, …):
 * the text goes onto the form fields the code is about. An error whose details carry paths is left to
 * codedFieldErrors (app/form-errors.ts).
 */
export function fieldErrorsOfCode(err: unknown, fieldsOfCode: Record<string, readonly (string | number)[][]>, text: string): FieldError[] {
  if (!isApiError(err)) return [];
  const named = Array.isArray(err.details) && err.details.some((d) => !!d && typeof d === 'object' && typeof (d as { path?: unknown }).path === 'string');
  if (named) return [];
  return (fieldsOfCode[err.code] ?? []).map((name) => ({ name: [...name], errors: [text] }));
}

/** A value the server masked (138****1234): it cannot be sent back. */
export const isMasked = (v: string | null | undefined) => !!v && v.includes('*');

/**
 * Photos by month (YYYY-MM of when they were taken, else uploaded, in the zone's time), the newest month first and
 * the newest photo first within it.
 */
export function byMonth<T extends { takenAt: string | null; uploadedAt: string }>(
  photos: readonly T[],
  monthOf: (instant: string) => string,
): { month: string; items: T[] }[] {
  const at = (p: T) => p.takenAt ?? p.uploadedAt;
  const groups = new Map<string, T[]>();
  for (const p of [...photos].sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0))) {
    const m = monthOf(at(p));
    groups.set(m, [...(groups.get(m) ?? []), p]);
  }
  return [...groups].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).map(([month, items]) => ({ month, items }));
}

/** The tab named in the URL when it is one of the page's tabs, else the first. */
export function tabOf<T extends string>(value: string | null, tabs: readonly T[]): T {
  return (tabs as readonly string[]).includes(value ?? '') ? (value as T) : tabs[0]!;
}
