// Pure helpers of the ledger pages: light colours and reasons (the rule's own text, lightReasonText), the status
// steps, the filters of a list as a saved view, the deadline of a form. Unit-tested in ledger-ui.test.ts.
import { lightReasonText, lights, type LedgerStatus, type Light, type LightReason } from '@zoneops/shared';

/** Colours of the traffic light; 'none' (closed, under public notice) is grey. */
export const lightColours: Record<Light, string> = { red: '#e5484d', yellow: '#f5a623', green: '#3aa655', none: '#b8bec6' };

export type ReasonLang = 'zh' | 'en';

export function reasonLang(language: string | undefined): ReasonLang {
  return language?.startsWith('en') ? 'en' : 'zh';
}

/** The texts of an item's light reasons, the deciding one first; an unknown reason shows its code. */
export function reasonTexts(reasons: readonly { code: string }[], lang: ReasonLang): string[] {
  return reasons.map((r) => {
    try {
      return lightReasonText(r as LightReason, lang) ?? r.code;
    } catch {
      return r.code;
    }
  });
}

export function isLight(v: unknown): v is Light {
  return typeof v === 'string' && (lights as readonly string[]).includes(v);
}

/** The steps shown over an item's life; "ongoing" (已完成，长期坚持) sits on the last one. */
export const statusSteps = ['assigned', 'accepted', 'inProgress', 'reported', 'verifying', 'signoff', 'notice', 'closed'] as const;

export function stepIndex(status: LedgerStatus): number {
  if (status === 'ongoing') return statusSteps.length - 1;
  return statusSteps.indexOf(status as (typeof statusSteps)[number]);
}

/** Statuses in which the lead unit is still working: only then does a passed deadline make an item late. */
export const workingStatuses: readonly LedgerStatus[] = ['assigned', 'accepted', 'inProgress'];
export const isWorking = (s: LedgerStatus) => workingStatuses.includes(s);

/** Tag colours of the statuses. */
export const statusColours: Record<LedgerStatus, string> = {
  assigned: 'default',
  accepted: 'cyan',
  inProgress: 'blue',
  reported: 'gold',
  verifying: 'orange',
  signoff: 'purple',
  notice: 'geekblue',
  closed: 'green',
  ongoing: 'lime',
};

/** The query of a saved view: the non-empty filters, the free text and the sort (all strings, as the API stores them). */
export function viewQuery(
  state: { filters: Record<string, string | undefined>; q?: string; sort?: string },
  skip: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(state.filters)) if (v && !skip.includes(k)) out[k] = v;
  if (state.q?.trim()) out.q = state.q.trim();
  if (state.sort) out.sort = state.sort;
  return out;
}

/** The list state a saved view restores: its filters (every other filter cleared), free text and sort. */
export function stateOfView(
  query: Record<string, string>,
  current: Record<string, string | undefined>,
  keep: readonly string[] = [],
): { filters: Record<string, string | undefined>; q?: string; sort?: string } {
  const filters: Record<string, string | undefined> = {};
  for (const k of Object.keys(current)) filters[k] = keep.includes(k) ? current[k] : undefined;
  for (const [k, v] of Object.entries(query)) if (k !== 'q' && k !== 'sort' && !keep.includes(k)) filters[k] = v;
  return { filters, q: query.q || undefined, sort: query.sort || undefined };
}

/** A comma list filter (light=red,yellow) as the array a multiple Select shows, and back. */
export const listOf = (v: string | undefined): string[] => (v ? v.split(',').filter(Boolean) : []);
export const joinList = (v: readonly string[] | undefined): string | undefined => (v && v.length ? v.join(',') : undefined);

/** A deadline as a date or as a number of working days from assignment: exactly one goes to the API. */
export function deadlineBody(
  mode: 'date' | 'workingDays',
  date: string | undefined,
  workingDays: number | undefined,
): { deadline?: string; deadlineWorkingDays?: number } {
  return mode === 'date' ? { deadline: date } : { deadlineWorkingDays: workingDays };
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Whether an attachment can be shown as a thumbnail. */
export function isImage(mime: string): boolean {
  return /^image\/(png|jpe?g|gif|webp)$/.test(mime);
}

/** A file size for people: 812 B, 1.2 KB, 3.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
