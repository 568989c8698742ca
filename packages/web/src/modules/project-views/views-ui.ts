// Pure helpers of the battle map, the milestone board and the dashboard: the filters kept in the URL, lights of
// points and clusters, the state of a board cell, money in 万元 shown as 亿元, the next open milestones.
// Unit-tested in views-ui.test.ts.
import { lights, moneyToCents, projectLightReasonText, projectStages, type Light, type ProjectLightReason } from '@zoneops/shared';

// ---- filters in the URL ----------------------------------------------------------------------------------------

export const viewFilterKeys = ['stage', 'light', 'industry', 'leadUnitId', 'leaderId'] as const;
export type ViewFilterKey = (typeof viewFilterKeys)[number];
export type ViewFilters = Partial<Record<ViewFilterKey, string>>;

export const boardPageSizes = [20, 50, 100, 200] as const;
export const DEFAULT_BOARD_PAGE_SIZE = 50;

export type ViewTab = 'map' | 'board';

/** A comma list filter (stage=listed,construction) as the array a multiple Select shows, and back. */
export const listOf = (v: string | undefined | null): string[] => (v ? v.split(',').filter(Boolean) : []);
export const joinList = (v: readonly string[] | undefined): string | undefined => (v && v.length ? v.join(',') : undefined);

function knownList(v: string | null, known: readonly string[]): string | undefined {
  return joinList([...new Set(listOf(v).filter((s) => known.includes(s)))]);
}

/** The filters of the URL, with unknown stages and lights dropped (the API would refuse them). */
export function filtersOf(params: URLSearchParams): ViewFilters {
  const out: ViewFilters = {};
  const stage = knownList(params.get('stage'), projectStages);
  const light = knownList(params.get('light'), lights);
  if (stage) out.stage = stage;
  if (light) out.light = light;
  for (const k of ['industry', 'leadUnitId', 'leaderId'] as const) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** New URL parameters with filters set (undefined or empty removes one); the board goes back to its first page. */
export function withFilters(params: URLSearchParams, changes: Partial<Record<string, string | undefined>>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  next.delete('page');
  return next;
}

export function tabOf(params: URLSearchParams): ViewTab {
  return params.get('tab') === 'board' ? 'board' : 'map';
}

function positiveInt(v: string | null): number | undefined {
  if (!v || !/^\d{1,6}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 ? n : undefined;
}

export function boardPageOf(params: URLSearchParams): { page: number; pageSize: number } {
  const size = positiveInt(params.get('pageSize'));
  return {
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size && (boardPageSizes as readonly number[]).includes(size) ? size : DEFAULT_BOARD_PAGE_SIZE,
  };
}

/** The dashboard's year from the URL (2000–2100), or undefined: the server takes the current year. */
export function yearOf(params: URLSearchParams): number | undefined {
  const n = positiveInt(params.get('year'));
  return n && n >= 2000 && n <= 2100 ? n : undefined;
}

/** Years offered by the year picker: a few back, one ahead, and the chosen one if outside. */
export function yearOptions(current: number, chosen?: number, back = 5, ahead = 1): number[] {
  const years = new Set<number>();
  for (let y = current + ahead; y >= current - back; y--) years.add(y);
  if (chosen) years.add(chosen);
  return [...years].sort((a, b) => b - a);
}

// ---- lights --------------------------------------------------------------------------------------------------------

/** Colours of the traffic light (the same as the ledger's); no light is grey. */
export const projectLightColours: Record<Light, string> = { red: '#e5484d', yellow: '#f5a623', green: '#3aa655', none: '#9aa3ad' };

/** The legend's order. */
export const lightOrder: readonly Light[] = ['red', 'yellow', 'green', 'none'];

const lightRank: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };

/** The worst light among some (red over yellow over green over none); none when empty. */
export function worstLight(ls: Iterable<Light>): Light {
  let worst: Light = 'none';
  for (const l of ls) {
    if (lightRank[l] > lightRank[worst]) worst = l;
    if (worst === 'red') break;
  }
  return worst;
}

export function countLights(ls: Iterable<Light>): Record<Light, number> {
  const out: Record<Light, number> = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const l of ls) out[l] += 1;
  return out;
}

/** The diameter (px) of a cluster's icon by the number of projects in it. */
export function clusterDiameter(count: number): number {
  return count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
}

/** The texts of a project's light reasons, the deciding one first; an unknown reason shows its code. */
export function projectReasonTexts(reasons: readonly { code: string }[], lang: 'zh' | 'en'): string[] {
  return reasons.map((r) => {
    try {
      return projectLightReasonText(r as ProjectLightReason, lang) ?? r.code;
    } catch {
      return r.code;
    }
  });
}

export const langOf = (language: string | undefined): 'zh' | 'en' => (language?.startsWith('en') ? 'en' : 'zh');

// ---- the milestone board ---------------------------------------------------------------------------------------------

/** onTime: done on or before plan (green); late: done after plan (orange); overdue: plan passed, not done (red);
 *  pending: not yet due (grey); absent: the node is not in the project's plan. */
export type CellState = 'onTime' | 'late' | 'overdue' | 'pending' | 'absent';

export interface CellLike {
  plannedOn: string | null;
  actualOn: string | null;
  overdueDays: number | null;
}

export function cellState(cell: CellLike | null | undefined): CellState {
  if (!cell) return 'absent';
  if (cell.actualOn) return cell.plannedOn && cell.actualOn > cell.plannedOn ? 'late' : 'onTime';
  if (cell.overdueDays !== null && cell.overdueDays > 0) return 'overdue';
  return 'pending';
}

export const cellColours: Record<CellState, { text: string; background: string }> = {
  onTime: { text: '#237804', background: '#f0f9eb' },
  late: { text: '#ad4e00', background: '#fff4e6' },
  overdue: { text: '#c9302c', background: '#fdecec' },
  pending: { text: '#8c8c8c', background: 'transparent' },
  absent: { text: '#bfbfbf', background: 'transparent' },
};

/** "2026-03-05" → "03-05"; an em dash for none. */
export const monthDay = (d: string | null | undefined): string => (d && d.length >= 10 ? d.slice(5, 10) : '—');

/** Days between two ISO dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

// ---- money -----------------------------------------------------------------------------------------------------------

function cents(s: string | null | undefined): bigint {
  try {
    return s == null || s === '' ? 0n : moneyToCents(s);
  } catch {
    return 0n;
  }
}

/** "1234.5" → "1,234.5": thousands separators on the integer part. */
export function groupDigits(s: string): string {
  const neg = s.startsWith('-');
  const [int = '', frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** An amount in 万元 as 亿元 with two decimals, rounded half up (exact: bigint hundredths). "123456.00" → "12.35". */
export function wanToYi(s: string | null | undefined): string {
  const c = cents(s);
  const neg = c < 0n;
  const a = neg ? -c : c;
  // 万元 hundredths → 亿元 hundredths: divide by 10,000
  const yiCents = (a + 5_000n) / 10_000n;
  return `${neg && yiCents > 0n ? '-' : ''}${yiCents / 100n}.${(yiCents % 100n).toString().padStart(2, '0')}`;
}

export const formatYi = (s: string | null | undefined) => groupDigits(wanToYi(s));

/** An amount in 万元 with two decimals and separators. */
export function formatWan(s: string | null | undefined): string {
  const c = cents(s);
  const neg = c < 0n;
  const a = neg ? -c : c;
  return groupDigits(`${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`);
}

/** For charts: the amount as a number of 万元 (0 when unreadable). */
export function wanNumber(s: string | null | undefined): number {
  const n = Number(s);
  return Number.isFinite(n) ? n : 0;
}

/** For charts: the amount as a number of 亿元, two decimals. */
export const yiNumber = (s: string | null | undefined): number => Math.round(wanNumber(s) / 100) / 100;

export const formatPercent = (p: number | null | undefined): string => (p == null || !Number.isFinite(p) ? '—' : `${p.toFixed(1)}%`);

/** The short name of a month (1–12) in the page's language: "3月", "Mar". */
export function monthLabel(month: number, language: string | undefined): string {
  const locale = langOf(language) === 'en' ? 'en-US' : 'zh-CN';
  return new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}

// ---- the project card ---------------------------------------------------------------------------------------------

/** The next open milestones: not done, by planned date (undated last), then template order. */
export function nextOpenMilestones<M extends { seq: number; plannedOn: string | null; actualOn: string | null }>(milestones: readonly M[], n = 3): M[] {
  return milestones
    .filter((m) => !m.actualOn)
    .sort((a, b) => {
      if (a.plannedOn !== b.plannedOn) {
        if (a.plannedOn === null) return 1;
        if (b.plannedOn === null) return -1;
        return a.plannedOn < b.plannedOn ? -1 : 1;
      }
      return a.seq - b.seq;
    })
    .slice(0, n);
}
