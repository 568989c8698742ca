// Pure helpers of the leaders' cockpit (领导驾驶舱): which tiles the answer holds and where each leads, numbers in the
// page language, an indicator's rank (ties stated), growth and target state, the economy summary's parts, the
// service rates for progress circles, the park's vehicles by category, and when the page reloads (the ranking by
// track is the assessment pages' resultsByTrack). Unit-tested in cockpit-ui.test.ts.
import { menuCatalogue, vehicleCategories, type Cockpit, type LedgerKind, type MenuKey } from '@zoneops/shared';

export type Lang = 'zh' | 'en';
export const langOf = (language: string | undefined): Lang => (language?.startsWith('en') ? 'en' : 'zh');

// ---- tiles ---------------------------------------------------------------------------------------------------------

/** The tiles in the page's order. */
export const tileKeys = ['economy', 'projects', 'promotion', 'supervision', 'service', 'safety', 'park', 'competition'] as const;
export type TileKey = (typeof tileKeys)[number];

/** The menu page each tile's title opens. */
const tileMenus: Record<TileKey, MenuKey> = {
  economy: 'economy',
  projects: 'projectDashboard',
  promotion: 'promotionLeads',
  supervision: 'supervision',
  service: 'serviceMetrics',
  safety: 'safetyAlarms',
  park: 'parkVehicles',
  competition: 'assessments',
};

const menuPath = (key: MenuKey): string => menuCatalogue.find((m) => m.key === key)?.path ?? '/';

/** Where a tile's title leads: its module's page; the competition tile opens its run when there is one. */
export function tilePath(key: TileKey, data?: Pick<Cockpit, 'competition'>): string {
  if (key === 'competition' && data?.competition) return `/assessments/runs/${data.competition.runId}`;
  return menuPath(tileMenus[key]);
}

/** The tiles the answer holds: a tile is absent when the caller may not read its module (competition null is present). */
export function presentTiles(data: Cockpit | undefined): TileKey[] {
  if (!data) return [];
  return tileKeys.filter((k) => data[k] !== undefined);
}

/** The page of a ledger item: rectification items below 整改销号, every other kind below 督查督办. */
export const ledgerItemPath = (kind: LedgerKind, id: string) => `/${kind === 'rectification' ? 'rectification' : 'supervision'}/items/${id}`;

/** The year lists (三张清单) tab of the projects page. */
export const YEAR_LISTS_PATH = '/projects?tab=yearLists';

// ---- numbers -------------------------------------------------------------------------------------------------------

const formats = new Map<string, Intl.NumberFormat>();

function format(v: number, lang: Lang, minDecimals: number, maxDecimals: number): string {
  const key = `${lang}:${minDecimals}:${maxDecimals}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals });
    formats.set(key, f);
  }
  const text = f.format(v);
  // a negative figure that rounds to zero is zero
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** A figure grouped as the language writes it, at most `maxDecimals` decimals; "—" for none. */
export function formatNumber(v: number | null | undefined, lang: Lang, maxDecimals = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return format(v, lang, 0, maxDecimals);
}

/** A figure with exactly `decimals` decimals (percentages and points: "86.0"); "—" for none. */
export function formatFixed(v: number | null | undefined, lang: Lang, decimals = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return format(v, lang, decimals, decimals);
}

/** A percentage with one decimal ("85.3%", "100.0%"); "—" for none. */
export function formatPercent(p: number | null | undefined, lang: Lang): string {
  const text = formatFixed(p, lang, 1);
  return text === '—' ? text : `${text}%`;
}

// ---- economy -------------------------------------------------------------------------------------------------------

export type CockpitIndicator = NonNullable<Cockpit['economy']>['indicators'][number];

/** "2/7", tied when the rank is shared with another region; null when the indicator is not ranked. */
export function rankOf(rank: CockpitIndicator['rank']): { text: string; rank: number; tied: boolean } | null {
  if (!rank) return null;
  return { text: `${rank.rank}/${rank.of}`, rank: rank.rank, tied: rank.tiedWith > 1 };
}

/** The colour of a growth: green when ≥ 0, red below; none without a growth. */
export function growthColour(g: number | null | undefined): string | undefined {
  if (g === null || g === undefined || !Number.isFinite(g)) return undefined;
  return Math.round(g * 10) / 10 >= 0 ? GOOD : BAD;
}
export const GOOD = '#389e0d';
export const BAD = '#cf1322';

/** "18.1%" / "-3.2%" / "0.0%" with one decimal; "—" for none. */
export const formatGrowth = (g: number | null | undefined, lang: Lang): string => formatPercent(g, lang);

export type TargetState =
  { kind: 'value'; met: boolean; completion: string } | { kind: 'growth'; met: boolean; side: 'above' | 'below' | 'equal'; points: string };

/** A target as the tile says it: the completion of a value target, the points above or below a growth target. */
export function targetState(target: CockpitIndicator['target'], lang: Lang): TargetState | null {
  if (!target) return null;
  if (target.kind === 'value') return { kind: 'value', met: target.met, completion: formatFixed(target.completion, lang, 1) };
  const r = Math.round(target.gapPoints * 10) / 10;
  return { kind: 'growth', met: target.met, side: r > 0 ? 'above' : r < 0 ? 'below' : 'equal', points: formatFixed(Math.abs(r), lang, 1) };
}

export type SummaryPart = 'first' | 'second' | 'belowTarget' | 'alert';

/** The summary's parts worth saying (a part with nothing in it is left out), in the bulletin's order. */
export function summaryParts(summary: NonNullable<Cockpit['economy']>['summary']): { part: SummaryPart; n: number }[] {
  return (['first', 'second', 'belowTarget', 'alert'] as const).filter((p) => summary[p] > 0).map((part) => ({ part, n: summary[part] }));
}

// ---- service -------------------------------------------------------------------------------------------------------

export interface RateLike {
  count: number;
  of: number;
  rate: number | null;
}

/** A rate for a progress circle: the percent drawn (0–100) and its text; nothing counted draws an empty circle "—". */
export function rateCircle(r: RateLike, lang: Lang): { percent: number; text: string; colour: string | undefined } {
  if (r.rate === null || !Number.isFinite(r.rate)) return { percent: 0, text: '—', colour: undefined };
  const percent = Math.max(0, Math.min(100, r.rate));
  return { percent, text: formatPercent(r.rate, lang), colour: r.rate >= 90 ? GOOD : r.rate >= 80 ? '#d48806' : BAD };
}

// ---- safety and park -----------------------------------------------------------------------------------------------

export const alarmLevelOrder = ['red', 'orange', 'yellow', 'blue'] as const;
export type AlarmLevelKey = (typeof alarmLevelOrder)[number];
/** The alarm levels' colours (the alarm pages' tags); yellow darker so that its figure reads on white. */
export const alarmLevelColours: Record<AlarmLevelKey, string> = { red: '#f5222d', orange: '#fa8c16', yellow: '#d4b106', blue: '#1677ff' };

export type ParkCategory = (typeof vehicleCategories)[number] | 'unregistered';

/** Vehicles in the park by category: every registered category in the registry's order, then the unregistered ones. */
export function vehiclesByCategory(counts: NonNullable<Cockpit['park']>['vehiclesByCategory']): { category: ParkCategory; count: number }[] {
  const order: ParkCategory[] = [...vehicleCategories, 'unregistered'];
  return order.map((category) => ({ category, count: counts.filter((c) => c.category === category).reduce((n, c) => n + c.count, 0) }));
}

// ---- competition ---------------------------------------------------------------------------------------------------

export type CompetitionRow = NonNullable<Cockpit['competition']>['rows'][number];

// ---- reloading -----------------------------------------------------------------------------------------------------

/** The cockpit reloads every minute while the page is visible. */
export const REFRESH_MS = 60_000;
