// Pure helpers of the economy pages (dashboard, indicator detail, bulletin): the month in the URL, names and units in
// the page language, numbers in the indicator's unit, growth with one decimal, the state of a target and of the
// thresholds, the history table of an indicator and its CSV, the bulletin's heading numbers. Unit-tested in
// economy-ui.test.ts.
import {
  fixed,
  MONTH_PERIOD,
  periodLabel,
  periodOrdinal,
  round,
  type Indicator,
  type IndicatorMeasures,
  type IndicatorSeries,
  type Region,
} from '@zoneops/shared';

export type Lang = 'zh' | 'en';
export const langOf = (language: string | undefined): Lang => (language?.startsWith('en') ? 'en' : 'zh');

// ---- the month in the URL -----------------------------------------------------------------------------------------

/** ?month=YYYY-MM when it is a real month from 2000 to 2100, else undefined (the server takes its default). */
export function monthOf(params: URLSearchParams): string | undefined {
  const v = params.get('month')?.trim();
  if (!v || !MONTH_PERIOD.test(v)) return undefined;
  const year = Number(v.slice(0, 4));
  return year >= 2000 && year <= 2100 ? v : undefined;
}

/** The previous calendar month of a YYYY-MM-DD day: the last one whose figures can have been reported. */
export function previousMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** "2026年1-10月" / "Jan–Oct 2026": what a dashboard month covers (cumulative from January). */
export const monthTitle = (month: string, lang: Lang) => periodLabel(month, 'cumulative', lang, true);

/** A period as the indicator's table names it, with the year: 2026年1-10月, 2026年前三季度, Q1–Q3 2026. */
export const periodText = (period: string, indicator: Pick<Indicator, 'valueKind'>, lang: Lang, withYear = true) =>
  periodLabel(period, indicator.valueKind, lang, withYear);

/** A short axis label: 26.10 / 26.Q3 (the year in two digits, the month or quarter). */
export function periodAxisLabel(period: string): string {
  return `${period.slice(2, 4)}.${period.slice(5)}`;
}

// ---- names and numbers --------------------------------------------------------------------------------------------

export const indicatorName = (i: Pick<Indicator, 'nameZh' | 'nameEn'>, lang: Lang) => (lang === 'en' ? i.nameEn : i.nameZh);
export const unitOf = (i: Pick<Indicator, 'unit' | 'unitEn'>, lang: Lang) => (lang === 'en' ? i.unitEn : i.unit);
export const regionName = (r: Pick<Region, 'name' | 'nameEn'>, lang: Lang) => (lang === 'en' ? r.nameEn : r.name);

const grouped = new Map<number, Intl.NumberFormat>();
function groupFormat(digits: number): Intl.NumberFormat {
  let f = grouped.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    grouped.set(digits, f);
  }
  return f;
}

/** A value as the tables show it: from 10 000 without decimals, below with two; thousands grouped; "—" for none. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const digits = Math.abs(v) >= 10_000 ? 0 : 2;
  return groupFormat(digits).format(round(v, digits));
}

/** A value with the indicator's unit: "123.45亿元" in Chinese, "123.45 100 million yuan" in English. */
export function formatValueUnit(v: number | null | undefined, unit: string, lang: Lang): string {
  const text = formatValue(v);
  if (text === '—') return text;
  return lang === 'en' ? `${text} ${unit}` : `${text}${unit}`;
}

/** A growth (percent) with one decimal and the sign of a decrease: 18.1%, -3.2%, 0.0%; "—" for none. */
export function formatGrowth(g: number | null | undefined): string {
  if (g === null || g === undefined || !Number.isFinite(g)) return '—';
  const r = round(g, 1);
  return `${fixed(r === 0 ? 0 : r, 1)}%`;
}

/** Percentage points with the given decimals, sign dropped (the words say above or below). */
export const formatPoints = (p: number, digits = 1) => fixed(Math.abs(round(p, digits)) === 0 ? 0 : Math.abs(p), digits);

/** A share or a completion in percent with one decimal: 19.8%. */
export const formatPercent = (p: number | null | undefined) => (p === null || p === undefined || !Number.isFinite(p) ? '—' : `${fixed(p, 1)}%`);

export type Tone = 'good' | 'bad' | 'neutral';

/** Where a growth points (up, down, flat at one decimal) and whether that is good for the indicator. */
export function growthTone(g: number | null | undefined, higherIsBetter: boolean): { direction: 'up' | 'down' | 'flat'; tone: Tone } {
  if (g === null || g === undefined) return { direction: 'flat', tone: 'neutral' };
  const r = round(g, 1);
  if (r === 0) return { direction: 'flat', tone: 'neutral' };
  const up = r > 0;
  return { direction: up ? 'up' : 'down', tone: up === higherIsBetter ? 'good' : 'bad' };
}

export const toneColours: Record<Tone, string | undefined> = { good: '#389e0d', bad: '#cf1322', neutral: undefined };

// ---- rank, target, thresholds -------------------------------------------------------------------------------------

/** The rank as a card shows it: {rank: 1, of: 9, tied: true} (tied when it shares the rank with another region). */
export function rankView(rank: IndicatorMeasures['rank']): { rank: number; of: number; tied: boolean } | null {
  return rank ? { rank: rank.rank, of: rank.of, tied: rank.tiedWith > 1 } : null;
}

/** Groups of tied regions in a ranking: [{rank: 2, names: ['A', 'B']}]. */
export function tiesOf(ranking: readonly { name: string; rank: number | null; tiedWith: number }[]): { rank: number; names: string[] }[] {
  const out = new Map<number, string[]>();
  for (const r of ranking) {
    if (r.rank === null || r.tiedWith < 2) continue;
    out.set(r.rank, [...(out.get(r.rank) ?? []), r.name]);
  }
  return [...out].sort((a, b) => a[0] - b[0]).map(([rank, names]) => ({ rank, names }));
}

export type TargetView =
  | { kind: 'value'; met: boolean; completion: string; timeProgress: string | null; ahead: 'above' | 'below' | 'equal' | null; points: string | null }
  | { kind: 'growth'; met: boolean; target: string; gap: 'above' | 'below' | 'equal'; points: string };

const sideOf = (p: number, digits = 1): 'above' | 'below' | 'equal' => {
  const r = round(p, digits);
  return r > 0 ? 'above' : r < 0 ? 'below' : 'equal';
};

/** The target state in words' pieces: completion against 序时进度 for a value target, points above or below for growth. */
export function targetView(target: IndicatorMeasures['target']): TargetView | null {
  if (!target) return null;
  if (target.kind === 'growth') {
    return { kind: 'growth', met: target.met, target: fixed(target.target, 1), gap: sideOf(target.gapPoints), points: formatPoints(target.gapPoints) };
  }
  return {
    kind: 'value',
    met: target.met,
    completion: fixed(target.completion, 1),
    timeProgress: target.timeProgress === null ? null : fixed(target.timeProgress, 1),
    ahead: target.aheadOfTime === null ? null : sideOf(target.aheadOfTime),
    points: target.aheadOfTime === null ? null : formatPoints(target.aheadOfTime),
  };
}

export interface ThresholdRule {
  kind: 'alert' | 'excellent';
  /** The comparison that puts the indicator in that state: alert below the level when higher is better … */
  side: 'below' | 'above' | 'atLeast' | 'atMost';
  level: string;
}

/** The thresholds of an indicator as rules to explain (the same comparisons as thresholdStatus in the shared package). */
export function thresholdRules(i: Pick<Indicator, 'alertLevel' | 'excellentLevel' | 'higherIsBetter'>): ThresholdRule[] {
  const out: ThresholdRule[] = [];
  if (i.alertLevel !== null) out.push({ kind: 'alert', side: i.higherIsBetter ? 'below' : 'above', level: fixed(i.alertLevel, 1) });
  if (i.excellentLevel !== null) out.push({ kind: 'excellent', side: i.higherIsBetter ? 'atLeast' : 'atMost', level: fixed(i.excellentLevel, 1) });
  return out;
}

/** Whether the month has anything approved to show: some region's figure of some indicator. */
export function hasFigures(indicators: readonly IndicatorMeasures[]): boolean {
  return indicators.some((m) => m.zone !== null || m.city !== null || m.ranking.some((r) => r.value !== null || r.growth !== null));
}

/** Regular indicators first, then the leading ones (先行指标), each in the catalogue's order. */
export function groupIndicators<T extends { indicator: Pick<Indicator, 'leading' | 'sort'> }>(items: readonly T[]): { main: T[]; leading: T[] } {
  const sorted = [...items].sort((a, b) => a.indicator.sort - b.indicator.sort);
  return { main: sorted.filter((m) => !m.indicator.leading), leading: sorted.filter((m) => m.indicator.leading) };
}

/** The indicator the panel shows: the chosen one when present, else the first with a figure of the zone, else the first. */
export function selectedIndicator(items: readonly IndicatorMeasures[], chosen: string | undefined | null): IndicatorMeasures | undefined {
  const { main, leading } = groupIndicators(items);
  const all = [...main, ...leading];
  return all.find((m) => m.indicator.id === chosen) ?? all.find((m) => m.zone !== null) ?? all[0];
}

// ---- history of one indicator -------------------------------------------------------------------------------------

export interface HistoryRow {
  period: string;
  ordinal: number;
  zoneValue: number | null;
  zoneGrowth: number | null;
  cityValue: number | null;
  cityGrowth: number | null;
  /** Zone over city, percent. */
  share: number | null;
}

/** The zone's and the city's figures by period, latest first (periods where either has a figure). */
export function historyRows(series: Pick<IndicatorSeries, 'regions' | 'points'>): HistoryRow[] {
  const zone = series.regions.find((r) => r.kind === 'zone');
  const city = series.regions.find((r) => r.kind === 'city');
  const rows = new Map<string, HistoryRow>();
  for (const [period, regionId, value, growth] of series.points) {
    const isZone = regionId === zone?.id;
    if (!isZone && regionId !== city?.id) continue;
    let row = rows.get(period);
    if (!row) {
      row = { period, ordinal: periodOrdinal(period), zoneValue: null, zoneGrowth: null, cityValue: null, cityGrowth: null, share: null };
      rows.set(period, row);
    }
    if (isZone) {
      row.zoneValue = value;
      row.zoneGrowth = growth;
    } else {
      row.cityValue = value;
      row.cityGrowth = growth;
    }
  }
  for (const row of rows.values()) {
    row.share = row.zoneValue !== null && row.cityValue !== null && row.cityValue !== 0 ? (row.zoneValue / row.cityValue) * 100 : null;
  }
  return [...rows.values()].sort((a, b) => b.ordinal - a.ordinal);
}

/** Targets latest year first. */
export function sortedTargets<T extends { year: number; kind: string }>(targets: readonly T[]): T[] {
  return [...targets].sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind));
}

/** One CSV cell: quoted when it holds a comma, a quote or a line break; a leading = + - @ is defused (spreadsheet formulas). */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document (UTF-8 with a byte order mark, so that Excel reads the Chinese, CRLF line ends). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

// ---- the bulletin ---------------------------------------------------------------------------------------------------

/** An official date: 2026年11月23日 (a YYYY-MM-DD day). */
export function officialDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

// ---- the indicator page's range -------------------------------------------------------------------------------------

export const historyRanges = [3, 5, 10] as const;
export type HistoryRange = (typeof historyRanges)[number];

/** ?years=5|10 (default 3: the server's 36 months up to the latest figure). */
export function historyRangeOf(params: URLSearchParams): HistoryRange {
  const n = Number(params.get('years'));
  return (historyRanges as readonly number[]).includes(n) ? (n as HistoryRange) : 3;
}

/** The series query of a range: nothing for the default, else from January of the first year (today's year counts). */
export function seriesFrom(range: HistoryRange, today: string): string | undefined {
  return range === 3 ? undefined : `${Number(today.slice(0, 4)) - range + 1}-01`;
}

/** The history as CSV rows: the period in words, then raw numbers (the spreadsheet formats them), share to two decimals. */
export function historyCsvRows(rows: readonly HistoryRow[], periodName: (period: string) => string): (string | number | null)[][] {
  return rows.map((r) => [periodName(r.period), r.zoneValue, r.zoneGrowth, r.cityValue, r.cityGrowth, r.share === null ? null : round(r.share, 2)]);
}

/** Sorts numbers with the empty ones last whatever the direction the table asks for (antd inverts the comparison). */
export function compareNullable(a: number | null, b: number | null, descending: boolean): number {
  if (a === null && b === null) return 0;
  if (a === null) return descending ? -1 : 1;
  if (b === null) return descending ? 1 : -1;
  return a - b;
}
