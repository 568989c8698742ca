// Economic performance (经济运行, DOMAIN §6): the statistical rules and the derived measures, as pure functions.
//
// Conventions, the same in the API, the grid, the import and the bulletin:
// - A growth rate is in percent: 18.1 means 比增 18.1 %. It carries at most two decimals (the statistics bureau
//   publishes one); a value such as 0.181 is refused as a ratio written where a percentage is expected.
// - Reported growth is an input: stored as reported, never recomputed from last year's value (official growth of GDP
//   and industrial value added is at comparable prices over a changing population).
// - A period names what a figure covers. Monthly indicators: "2026-10" = 1–10 月累计 for a cumulative indicator, the
//   value at the end of October for a point value. Quarterly indicators: "2026-Q3" = 前三季度 (cumulative from
//   January: 一季度, 上半年, 前三季度, 全年).
// - Derived measures return null when an input is missing or the arithmetic has no meaning (a growth of −100 %, a
//   city value of zero); the caller says "—", never 0.

export const indicatorFrequencies = ['month', 'quarter'] as const;
export type IndicatorFrequency = (typeof indicatorFrequencies)[number];
/** cumulative: 1–N 月累计 (most figures); point: a value at the period's end (a balance, a count). */
export const indicatorValueKinds = ['cumulative', 'point'] as const;
export type IndicatorValueKind = (typeof indicatorValueKinds)[number];
/** real: at comparable prices (可比价, GDP, 工业增加值), the increase derived from it is approximate; nominal: current prices. */
export const growthKinds = ['real', 'nominal'] as const;
export type GrowthKind = (typeof growthKinds)[number];
export const rankKeys = ['growth', 'value'] as const;
export type RankKey = (typeof rankKeys)[number];
/** The zone, its city (the denominator of shares and pulls) and the peer districts or zones it is ranked among. */
export const regionKinds = ['zone', 'city', 'peer'] as const;
export type RegionKind = (typeof regionKinds)[number];
export const figureStatuses = ['draft', 'approved'] as const;
export type FigureStatus = (typeof figureStatuses)[number];
export const targetKinds = ['value', 'growth'] as const;
export type TargetKind = (typeof targetKinds)[number];
export const thresholdStatuses = ['alert', 'normal', 'excellent', 'none'] as const;
export type ThresholdStatus = (typeof thresholdStatuses)[number];

// ---- numbers ---------------------------------------------------------------------------------------------------

/** A growth rate in percent with at most two decimals, between −100 and 10 000. */
export const GROWTH_MIN = -100;
export const GROWTH_MAX = 10_000;

export type ParseLang = 'zh' | 'en';
type Parsed = { ok: true; value: number } | { ok: false; message: string };

/** The messages of the two readers, in the API's English and in Chinese for the grid and the import. */
const parseMessages = {
  en: {
    growthEmpty: () => 'growth is empty',
    growthNotNumber: (raw: string) => `"${raw}" is not a number; growth is in percent, e.g. 18.1`,
    growthDecimals: (raw: string) => `${raw}: growth takes at most two decimals (in percent, e.g. 18.1)`,
    growthRatio: (raw: string, pct: number) => `${raw} looks like a ratio: growth is in percent (write ${pct} for ${pct} %)`,
    growthRange: (v: number) => `growth ${v} % is outside ${GROWTH_MIN} … ${GROWTH_MAX} %`,
    valueEmpty: () => 'value is empty',
    valueNotNumber: (raw: string) => `"${raw}" is not a number`,
    valueDecimals: (raw: string) => `${raw}: at most four decimals`,
    valueTooLarge: (raw: string) => `${raw} is too large`,
  },
  zh: {
    growthEmpty: () => '比增为空',
    growthNotNumber: (raw: string) => `“${raw}”不是数字：比增按百分数填写，如 18.1`,
    growthDecimals: (raw: string) => `${raw}：比增最多保留两位小数（按百分数填写，如 18.1）`,
    growthRatio: (raw: string, pct: number) => `${raw} 像是比率：比增按百分数填写，应写 ${pct}（表示 ${pct}%）`,
    growthRange: (v: number) => `比增 ${v}% 超出 ${GROWTH_MIN}% 至 ${GROWTH_MAX}% 的范围`,
    valueEmpty: () => '绝对值为空',
    valueNotNumber: (raw: string) => `“${raw}”不是数字`,
    valueDecimals: (raw: string) => `${raw}：绝对值最多保留四位小数`,
    valueTooLarge: (raw: string) => `${raw} 超出可录入的范围`,
  },
};

/**
 * Reads a growth rate as entered (number or text, "18.1", "18.1%", "－3.2"); answers percent or a message saying
 * what is wrong (in `lang`). `isPercentCell`: the spreadsheet cell is formatted as a percentage, so 0.181 there
 * means 18.1 %.
 */
export function parseGrowth(input: unknown, isPercentCell = false, lang: ParseLang = 'en'): Parsed {
  const m = parseMessages[lang];
  if (input === null || input === undefined || input === '') return { ok: false, message: m.growthEmpty() };
  let text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, message: m.growthNotNumber(String(input)) };
  text = fullWidthToAscii(text).replace(/[－−]/g, '-').replace(/[＋]/g, '+').replace(/，/g, '.');
  let percentSign = false;
  if (/[%％]$/.test(text)) {
    percentSign = true;
    text = text.slice(0, -1).trim();
  }
  if (!/^[+-]?\d+(\.\d+)?(e-?\d+)?$/i.test(text)) return { ok: false, message: m.growthNotNumber(String(input)) };
  let value = Number(text);
  if (isPercentCell && !percentSign) value = value * 100;
  value = Math.round(value * 1e6) / 1e6;
  if (!isPercentCell && !percentSign && decimalsOf(value) > 2) {
    // Only a number below 1 in size reads as a ratio (0.181 = 18.1 %); 18.123 is a percentage with too many decimals.
    if (Math.abs(value) >= 1) return { ok: false, message: m.growthDecimals(String(input)) };
    return { ok: false, message: m.growthRatio(String(input), round(value * 100, 1)) };
  }
  if (decimalsOf(value) > 2) value = round(value, 2);
  if (value < GROWTH_MIN || value > GROWTH_MAX) return { ok: false, message: m.growthRange(value) };
  return { ok: true, value };
}

/** Reads a figure's value: a number with at most four decimals, commas and full-width digits tolerated. */
export function parseFigureValue(input: unknown, lang: ParseLang = 'en'): Parsed {
  const m = parseMessages[lang];
  if (input === null || input === undefined || input === '') return { ok: false, message: m.valueEmpty() };
  // A number from a spreadsheet formula may carry binary noise (0.30000000000000004): four decimals are kept.
  if (typeof input === 'number' && Number.isFinite(input) && Math.abs(input - round(input, 4)) < 1e-9) input = round(input, 4);
  const text = (typeof input === 'number' ? String(input) : typeof input === 'string' ? fullWidthToAscii(input) : '')
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/[－−]/g, '-');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: m.valueNotNumber(String(input)) };
  const value = Number(text);
  if (decimalsOf(value) > 4) return { ok: false, message: m.valueDecimals(text) };
  if (Math.abs(value) >= 1e14) return { ok: false, message: m.valueTooLarge(text) };
  return { ok: true, value };
}

/** Full-width digits, point and percent sign (１２．５％) as ASCII. */
export function fullWidthToAscii(text: string): string {
  return text.replace(/[０-９．]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export function decimalsOf(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const s = String(x);
  if (s.includes('e')) {
    const [m, e] = s.split('e');
    return Math.max(0, (m!.split('.')[1]?.length ?? 0) - Number(e));
  }
  return s.split('.')[1]?.length ?? 0;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round((x + Math.sign(x) * Number.EPSILON * Math.abs(x)) * f) / f;
}

// ---- periods ---------------------------------------------------------------------------------------------------

export const MONTH_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const QUARTER_PERIOD = /^(\d{4})-Q([1-4])$/;
export const ECONOMY_PERIOD = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

/** Why a period is not one of the indicator's periods, or null when it is. */
export function periodProblem(frequency: IndicatorFrequency, period: string): string | null {
  if (frequency === 'month') {
    if (MONTH_PERIOD.test(period)) return null;
    if (QUARTER_PERIOD.test(period)) return `a monthly indicator takes months (YYYY-MM), not ${period}`;
    return `"${period}" is not a month (YYYY-MM)`;
  }
  if (QUARTER_PERIOD.test(period)) return null;
  const m = MONTH_PERIOD.exec(period);
  if (m) {
    const month = Number(m[2]);
    return month % 3 === 0
      ? `a quarterly indicator takes quarters: ${m[1]}-Q${month / 3} (${quarterLabel(month / 3)}), not ${period}`
      : `a quarterly indicator has no figure for 1–${month} 月; its periods are ${m[1]}-Q1 … ${m[1]}-Q4`;
  }
  return `"${period}" is not a quarter (YYYY-Qn)`;
}

/** Year and the last month the period covers: 2026-10 → {2026, 10}; 2026-Q3 → {2026, 9}. */
export function periodEndMonth(period: string): { year: number; month: number } {
  const m = MONTH_PERIOD.exec(period);
  if (m) return { year: Number(m[1]), month: Number(m[2]) };
  const q = QUARTER_PERIOD.exec(period);
  if (q) return { year: Number(q[1]), month: Number(q[2]) * 3 };
  throw new Error(`not a period: ${period}`);
}

/** A sortable number: year × 12 + last month. */
export const periodOrdinal = (period: string) => {
  const { year, month } = periodEndMonth(period);
  return year * 12 + month;
};

/** The indicator's period that a dashboard month shows: the month itself, or the latest quarter ended by it. */
export function periodForMonth(frequency: IndicatorFrequency, month: string): string | null {
  const { year, month: m } = periodEndMonth(month);
  if (frequency === 'month') return month;
  const q = Math.floor(m / 3);
  return q === 0 ? null : `${year}-Q${q}`;
}

/** The period before, within the same year (cumulative figures restart in January); null for the first. */
export function previousPeriodInYear(period: string): string | null {
  const m = MONTH_PERIOD.exec(period);
  if (m) return m[2] === '01' ? null : `${m[1]}-${String(Number(m[2]) - 1).padStart(2, '0')}`;
  const q = QUARTER_PERIOD.exec(period);
  if (q) return q[2] === '1' ? null : `${q[1]}-Q${Number(q[2]) - 1}`;
  return null;
}

/** The same period a year earlier. */
export function samePeriodLastYear(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}

/** The periods of a year up to and including `period`, in order. */
export function periodsOfYearTo(period: string): string[] {
  const out: string[] = [];
  for (let p: string | null = period; p; p = previousPeriodInYear(p)) out.unshift(p);
  return out;
}

/** The periods of an indicator between two months inclusive (quarters ending inside the range). */
export function periodsBetween(frequency: IndicatorFrequency, fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  let { year, month } = periodEndMonth(fromMonth);
  const end = periodOrdinal(toMonth);
  while (year * 12 + month <= end) {
    const p = `${year}-${String(month).padStart(2, '0')}`;
    if (frequency === 'month') out.push(p);
    else if (month % 3 === 0) out.push(`${year}-Q${month / 3}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return out;
}

const QUARTER_LABELS = ['一季度', '上半年', '前三季度', '全年'] as const;
const QUARTER_LABELS_EN = ['Q1', 'H1', 'Q1–Q3', 'full year'] as const;
export const quarterLabel = (q: number) => QUARTER_LABELS[q - 1]!;

/**
 * What the period covers, in the statistics bureau's words: 1-10月 (cumulative), 10月 (point value), 一季度, 上半年,
 * 前三季度, 全年. With the year when `withYear`.
 */
export function periodLabel(period: string, valueKind: IndicatorValueKind = 'cumulative', lang: 'zh' | 'en' = 'zh', withYear = false): string {
  const q = QUARTER_PERIOD.exec(period);
  const m = MONTH_PERIOD.exec(period);
  const year = period.slice(0, 4);
  if (lang === 'en') {
    const body = q
      ? QUARTER_LABELS_EN[Number(q[2]) - 1]!
      : valueKind === 'point' || m![2] === '01'
        ? monthNameEn(Number(m![2]))
        : `Jan–${monthNameEn(Number(m![2]))}`;
    return withYear ? `${body} ${year}` : body;
  }
  const body = q ? quarterLabel(Number(q[2])) : valueKind === 'point' || m![2] === '01' ? `${Number(m![2])}月` : `1-${Number(m![2])}月`;
  return withYear ? `${year}年${body}` : body;
}

const monthNameEn = (m: number) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]!;

/**
 * Reads a period header of a statistics table for an indicator of the given frequency and year: "1-10月", "1—10月",
 * "10月", "一季度", "上半年", "前三季度", "全年", "2026年1-6月", or the code itself. null when it is not a period.
 */
export function parsePeriodLabel(text: string, year: number, frequency: IndicatorFrequency): string | null {
  const t = text.replace(/\s/g, '').replace(/[—–－~～至]/g, '-');
  if (ECONOMY_PERIOD.test(t)) return t;
  const y = /^(\d{4})年(.*)$/.exec(t);
  const yy = y ? Number(y[1]) : year;
  const rest = y ? y[2]! : t;
  const qi = QUARTER_LABELS.indexOf(rest as (typeof QUARTER_LABELS)[number]);
  if (qi >= 0) return frequency === 'quarter' ? `${yy}-Q${qi + 1}` : `${yy}-${String((qi + 1) * 3).padStart(2, '0')}`;
  const m = /^(?:1-)?(\d{1,2})月(?:累计|份)?$/.exec(rest);
  if (!m) return null;
  const month = Number(m[1]);
  if (month < 1 || month > 12) return null;
  if (frequency === 'quarter') return month % 3 === 0 ? `${yy}-Q${month / 3}` : `${yy}-${String(month).padStart(2, '0')}`;
  return `${yy}-${String(month).padStart(2, '0')}`;
}

// ---- derived measures -------------------------------------------------------------------------------------------

/** 占全市比重, percent: zone / city × 100. */
export function shareOfCity(zoneValue: number | null, cityValue: number | null): number | null {
  if (zoneValue === null || cityValue === null || cityValue === 0) return null;
  return (zoneValue / cityValue) * 100;
}

/** The base-period value implied by a value and its growth: v / (1 + g). */
export function baseValue(value: number | null, growth: number | null): number | null {
  if (value === null || growth === null || growth <= -100) return null;
  return value / (1 + growth / 100);
}

/**
 * The increase back-calculated from value and growth: Δ = v − v / (1 + g). Approximate where the growth is real
 * (at comparable prices): the value is at current prices, so Δ mixes volume and price.
 */
export function increaseOf(value: number | null, growth: number | null, growthKind: GrowthKind): { increase: number; approximate: boolean } | null {
  const base = baseValue(value, growth);
  if (base === null) return null;
  return { increase: value! - base, approximate: growthKind === 'real' };
}

/** 拉动, percentage points: zone increase / city base-period value × 100. Meaningful also when the city shrank. */
export function pullOnCity(zone: { value: number | null; growth: number | null }, city: { value: number | null; growth: number | null }): number | null {
  const zoneBase = baseValue(zone.value, zone.growth);
  const cityBase = baseValue(city.value, city.growth);
  if (zoneBase === null || cityBase === null || cityBase === 0) return null;
  return ((zone.value! - zoneBase) / cityBase) * 100;
}

/**
 * 贡献率, percent: zone increase / city increase × 100. When the city's increase is zero there is none; when it is
 * negative the ratio exists but does not read as a contribution to growth (`cityDeclined`: say "拉动" instead).
 */
export function contributionTo(
  zone: { value: number | null; growth: number | null },
  city: { value: number | null; growth: number | null },
): { contribution: number; cityDeclined: boolean } | null {
  const zoneBase = baseValue(zone.value, zone.growth);
  const cityBase = baseValue(city.value, city.growth);
  if (zoneBase === null || cityBase === null) return null;
  const cityIncrease = city.value! - cityBase;
  if (Math.abs(cityIncrease) < 1e-12) return null;
  return { contribution: ((zone.value! - zoneBase) / cityIncrease) * 100, cityDeclined: cityIncrease < 0 };
}

export interface RankEntry {
  regionId: string;
  key: number | null;
}
export interface RankResult {
  regionId: string;
  /** Competition ranking: equal keys share the better rank, the next rank skips (1, 1, 3). null: no figure. */
  rank: number | null;
  /** How many regions share this rank (1 = alone; 2 = 并列 with one other). */
  tiedWith: number;
  /** How many regions were ranked (those with a figure). */
  of: number;
}

/**
 * Ranks regions by a key (growth or value). Keys equal at the published precision (`digits`, one decimal for growth)
 * are tied. Regions without a figure get no rank and do not count in `of`.
 */
export function rankRegions(entries: readonly RankEntry[], higherIsBetter: boolean, digits = 1): RankResult[] {
  const ranked = entries.filter((e) => e.key !== null).map((e) => ({ regionId: e.regionId, k: round(e.key!, digits) }));
  ranked.sort((a, b) => (higherIsBetter ? b.k - a.k : a.k - b.k));
  const byRegion = new Map<string, RankResult>();
  for (let i = 0; i < ranked.length;) {
    let j = i;
    while (j < ranked.length && ranked[j]!.k === ranked[i]!.k) j++;
    for (let x = i; x < j; x++) byRegion.set(ranked[x]!.regionId, { regionId: ranked[x]!.regionId, rank: i + 1, tiedWith: j - i, of: ranked.length });
    i = j;
  }
  return entries.map((e) => byRegion.get(e.regionId) ?? { regionId: e.regionId, rank: null, tiedWith: 0, of: ranked.length });
}

export interface Neighbour {
  regionId: string;
  /** Absolute difference of the rank key (percentage points for growth, the unit for value). */
  gap: number;
}

/**
 * The peer just ahead and just behind a region in the ranking (tied regions are neither ahead nor behind), with the
 * gap in the rank key.
 */
export function neighboursOf(
  entries: readonly RankEntry[],
  regionId: string,
  higherIsBetter: boolean,
  digits = 1,
): { ahead: Neighbour | null; behind: Neighbour | null } {
  const me = entries.find((e) => e.regionId === regionId);
  if (!me || me.key === null) return { ahead: null, behind: null };
  const mine = round(me.key, digits);
  const better = (a: number, b: number) => (higherIsBetter ? a > b : a < b);
  let ahead: Neighbour | null = null;
  let behind: Neighbour | null = null;
  for (const e of entries) {
    if (e.key === null || e.regionId === regionId) continue;
    const k = round(e.key, digits);
    const gap = round(Math.abs(k - mine), digits);
    if (better(k, mine) && (ahead === null || gap < ahead.gap)) ahead = { regionId: e.regionId, gap };
    if (better(mine, k) && (behind === null || gap < behind.gap)) behind = { regionId: e.regionId, gap };
  }
  return { ahead, behind };
}

export interface TargetInput {
  kind: TargetKind;
  /** The annual target: a value in the indicator's unit, or a growth in percent. */
  value: number;
}

export type TargetCompletion =
  | {
      kind: 'value';
      /** value / annual target × 100. */
      completion: number;
      /** 序时进度: the share of the year the period covers (10 months → 83.3 %); null for a point value. */
      timeProgress: number | null;
      /** completion − timeProgress, points; positive = 超序时进度. */
      aheadOfTime: number | null;
      met: boolean;
    }
  | {
      kind: 'growth';
      /** growth − target growth, percentage points; positive = 高于目标. */
      gapPoints: number;
      met: boolean;
    };

/**
 * Target completion of the zone's figure: against a value target the share completed (and, for a cumulative figure,
 * against the time elapsed: 序时进度); against a growth target the difference in points. Direction-aware for `met`.
 */
export function targetCompletion(
  target: TargetInput | null,
  figure: { value: number | null; growth: number | null },
  period: string,
  valueKind: IndicatorValueKind,
  higherIsBetter = true,
): TargetCompletion | null {
  if (!target) return null;
  if (target.kind === 'growth') {
    if (figure.growth === null) return null;
    const gapPoints = figure.growth - target.value;
    return { kind: 'growth', gapPoints, met: higherIsBetter ? gapPoints >= 0 : gapPoints <= 0 };
  }
  if (figure.value === null || target.value === 0) return null;
  const completion = (figure.value / target.value) * 100;
  const timeProgress = valueKind === 'cumulative' ? (periodEndMonth(period).month / 12) * 100 : null;
  const aheadOfTime = timeProgress === null ? null : completion - timeProgress;
  const met = higherIsBetter ? (aheadOfTime ?? completion - 100) >= 0 : (aheadOfTime ?? completion - 100) <= 0;
  return { kind: 'value', completion, timeProgress, aheadOfTime, met };
}

export interface Thresholds {
  /** Growth (percent) past which the indicator is in alert: below it when higher is better, above it when lower is better. */
  alertLevel: number | null;
  /** Growth (percent) at or past which it is excellent: at or above when higher is better, at or below otherwise. */
  excellentLevel: number | null;
  higherIsBetter: boolean;
}

/**
 * Threshold status of a growth: alert when growth < alert level (higher is better; > when lower is better),
 * excellent when growth ≥ excellence level (≤), else normal; none without growth or thresholds.
 */
export function thresholdStatus(growth: number | null, t: Thresholds): ThresholdStatus {
  if (growth === null || (t.alertLevel === null && t.excellentLevel === null)) return 'none';
  const worse = (a: number, b: number) => (t.higherIsBetter ? a < b : a > b);
  if (t.alertLevel !== null && worse(growth, t.alertLevel)) return 'alert';
  if (t.excellentLevel !== null && !worse(growth, t.excellentLevel)) return 'excellent';
  return 'normal';
}

/**
 * A cumulative figure below the previous period's of the same year is a revision (or an error): allowed only with a
 * reason. Answers the previous value when the new one is lower, else null.
 */
export function cumulativeDecrease(valueKind: IndicatorValueKind, value: number | null, previous: number | null): number | null {
  if (valueKind !== 'cumulative' || value === null || previous === null) return null;
  return value < previous ? previous : null;
}

// ---- the committee's idiom --------------------------------------------------------------------------------------

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (ranks and counts up to 99). */
export function chineseOrdinalNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 第一 / 并列第一 / 第十二. */
export function rankText(rank: number, tiedWith: number): string {
  return `${tiedWith > 1 ? '并列' : ''}第${chineseOrdinalNumber(rank)}`;
}

/** A number as officials write it: fixed decimals, no trailing zeros beyond them, a minus sign kept. */
export function fixed(x: number, digits: number): string {
  return round(x, digits).toFixed(digits);
}

/**
 * 比增18.1% / 下降3.2% / 与上年持平: how a growth is said.
 */
export function growthPhrase(growth: number): string {
  const g = round(growth, 1);
  if (g === 0) return '与上年同期持平';
  return g > 0 ? `比增${fixed(g, 1)}%` : `下降${fixed(-g, 1)}%`;
}

/**
 * A share as said in a bulletin: close below a multiple of five → 近20%; close above → 超20% (within half a point);
 * otherwise to one decimal: 18.3%.
 */
export function sharePhrase(share: number): string {
  const nearest = Math.round(share / 5) * 5;
  const d = share - nearest;
  if (nearest > 0 && Math.abs(d) <= 0.5 && Math.abs(d) >= 0.05) return d < 0 ? `近${nearest}%` : `超${nearest}%`;
  return `${fixed(share, 1)}%`;
}

/** 拉动全市增长2.31个百分点 / 拉低全市增长0.40个百分点. */
export function pullPhrase(points: number): string {
  const p = round(points, 2);
  return p >= 0 ? `拉动全市增长${fixed(p, 2)}个百分点` : `拉低全市增长${fixed(-p, 2)}个百分点`;
}

/** 高于目标1.2个百分点 / 低于目标0.8个百分点 / 与目标持平. */
export function targetGapPhrase(gapPoints: number): string {
  const g = round(gapPoints, 1);
  if (g === 0) return '与目标持平';
  return g > 0 ? `高于目标${fixed(g, 1)}个百分点` : `低于目标${fixed(-g, 1)}个百分点`;
}
