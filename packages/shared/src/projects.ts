// The rules of key projects (DOMAIN §4): lifecycle stages, the milestone template, money in 万元 as exact
// decimals, the year lists, the reporting periods, and the one light rule of a project with its reasons.
import type { Light } from './ledger.ts';
import { addCalendarDays } from './working-days.ts';

/** 谋划 → 储备 → 申报 → 列入 → 前期 → 在建 → 竣工 → 投产. */
export const projectStages = ['planned', 'reserve', 'nominated', 'listed', 'preparation', 'construction', 'completed', 'production'] as const;
export type ProjectStage = (typeof projectStages)[number];
export const stageIndex = (s: ProjectStage) => projectStages.indexOf(s);

/** The pipeline's four groups: 谋划一批、储备一批、申报一批、落地一批. */
export const pipelineGroups = {
  planning: ['planned'],
  reserve: ['reserve'],
  nominated: ['nominated'],
  landed: ['listed', 'preparation', 'construction', 'completed', 'production'],
} as const satisfies Record<string, readonly ProjectStage[]>;
export type PipelineGroup = keyof typeof pipelineGroups;
export const pipelineGroupOf = (s: ProjectStage): PipelineGroup =>
  (Object.keys(pipelineGroups) as PipelineGroup[]).find((g) => (pipelineGroups[g] as readonly ProjectStage[]).includes(s))!;

/** Forward moves may skip stages (a project can be listed straight from the reserve); a move back needs a reason. */
export function stageMoveNeedsReason(from: ProjectStage, to: ProjectStage): boolean {
  return stageIndex(to) < stageIndex(from);
}

export const projectLevels = ['province', 'city', 'district'] as const;
export const projectNatures = ['new', 'expansion', 'renovation'] as const;
export const investorTypes = ['state', 'private', 'foreign', 'mixed', 'government'] as const;
export const projectCategories = ['industry', 'infrastructure', 'services', 'social', 'innovation'] as const;
export const leaderLevels = ['city', 'district'] as const;
export const contractorRoles = ['construction', 'supervision', 'design'] as const;
export const yearListKinds = ['newlyStarted', 'newlyProducing', 'newReserve'] as const;
export type YearListKind = (typeof yearListKinds)[number];
export const ceremonyRoles = ['start', 'completion', 'production'] as const;
export type CeremonyRole = (typeof ceremonyRoles)[number];
export const reportStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportFrequencies = ['month', 'tenDays'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

// ---------------------------------------------------------------------------------------------------------------
// Money: 万元 with at most two decimals, held as strings ("12345.60") and added as integer hundredths (bigint), so
// no sum ever drifts. PostgreSQL stores numeric(16,2).

const MONEY = /^-?\d{1,14}(\.\d{1,2})?$/;
export const isMoney = (s: string) => MONEY.test(s);

/** "1234.5" → 123450n (hundredths of 万元). */
export function moneyToCents(s: string | number): bigint {
  const str = typeof s === 'number' ? s.toFixed(2) : s.trim();
  if (!MONEY.test(str)) throw new RangeError(`not an amount in 万元: ${String(s)}`);
  const neg = str.startsWith('-');
  const [int, frac = ''] = (neg ? str.slice(1) : str).split('.');
  const cents = BigInt(int!) * 100n + BigInt((frac + '00').slice(0, 2));
  return neg ? -cents : cents;
}

/** 123450n → "1234.50". */
export function centsToMoney(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

export const normalizeMoney = (s: string | number) => centsToMoney(moneyToCents(s));
export const sumMoney = (xs: readonly (string | number | null | undefined)[]) =>
  centsToMoney(xs.reduce<bigint>((t, x) => (x == null || x === '' ? t : t + moneyToCents(x)), 0n));
export const compareMoney = (a: string, b: string) => {
  const d = moneyToCents(a) - moneyToCents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** a / b as a percentage with one decimal, or null when b is zero. */
export function percentOf(a: string, b: string): number | null {
  const bb = moneyToCents(b);
  if (bb === 0n) return null;
  return Number((moneyToCents(a) * 1000n) / bb) / 10;
}

// ---------------------------------------------------------------------------------------------------------------
// Milestone templates (节点计划). A node is planned relative to the project's planned start ("start", days) or as a
// share of the construction span between planned start and planned completion ("span", 0..1). `after` lists the
// predecessors: nodes with the same predecessors run in parallel; a node may not be completed before all of them.

export interface MilestoneNodeDef {
  code: string;
  name: string;
  nameEn: string;
  plan: { anchor: 'start'; days: number } | { anchor: 'span'; share: number };
  after: string[];
}

export const defaultMilestoneTemplate: { code: string; name: string; nodes: MilestoneNodeDef[] } = {
  code: 'default20',
  name: '重点项目20个节点',
  nodes: [
    { code: 'application', name: '项目申请报告', nameEn: 'Project application report', plan: { anchor: 'start', days: -330 }, after: [] },
    { code: 'feasibility', name: '可研', nameEn: 'Feasibility study', plan: { anchor: 'start', days: -300 }, after: ['application'] },
    { code: 'preliminaryDesign', name: '初设及概算', nameEn: 'Preliminary design and estimate', plan: { anchor: 'start', days: -240 }, after: ['feasibility'] },
    { code: 'siteSelection', name: '规划选址', nameEn: 'Site selection', plan: { anchor: 'start', days: -300 }, after: ['application'] },
    { code: 'eia', name: '环评', nameEn: 'Environmental impact assessment', plan: { anchor: 'start', days: -210 }, after: ['feasibility'] },
    { code: 'landPreReview', name: '用地预审', nameEn: 'Land-use pre-review', plan: { anchor: 'start', days: -240 }, after: ['siteSelection'] },
    { code: 'planningPermit', name: '规划许可', nameEn: 'Planning permit', plan: { anchor: 'start', days: -150 }, after: ['landPreReview'] },
    { code: 'drawingReview', name: '审图', nameEn: 'Construction drawing review', plan: { anchor: 'start', days: -120 }, after: ['preliminaryDesign'] },
    { code: 'tendering', name: '招投标', nameEn: 'Tendering', plan: { anchor: 'start', days: -90 }, after: ['preliminaryDesign'] },
    {
      code: 'constructionPermit',
      name: '施工许可',
      nameEn: 'Construction permit',
      plan: { anchor: 'start', days: -30 },
      after: ['planningPermit', 'drawingReview', 'tendering'],
    },
    { code: 'landSupply', name: '供地', nameEn: 'Land supply', plan: { anchor: 'start', days: -120 }, after: ['landPreReview'] },
    { code: 'utilities', name: '水电接入', nameEn: 'Water and power connection', plan: { anchor: 'start', days: -30 }, after: ['landSupply'] },
    { code: 'otherPrep', name: '其他前期', nameEn: 'Other preparation', plan: { anchor: 'start', days: -60 }, after: ['application'] },
    { code: 'siteEntry', name: '进场', nameEn: 'Site entry', plan: { anchor: 'start', days: 0 }, after: ['constructionPermit', 'landSupply'] },
    { code: 'excavation', name: '基础开挖', nameEn: 'Foundation excavation', plan: { anchor: 'span', share: 0.05 }, after: ['siteEntry'] },
    { code: 'foundation', name: '基础完成', nameEn: 'Foundation complete', plan: { anchor: 'span', share: 0.25 }, after: ['excavation'] },
    { code: 'topping', name: '主体封顶', nameEn: 'Structure topped out', plan: { anchor: 'span', share: 0.55 }, after: ['foundation'] },
    {
      code: 'installation',
      name: '装修或设备安装调试',
      nameEn: 'Fit-out or equipment installation',
      plan: { anchor: 'span', share: 0.85 },
      after: ['topping', 'utilities'],
    },
    { code: 'trialProduction', name: '试投产', nameEn: 'Trial production', plan: { anchor: 'span', share: 1 }, after: ['installation'] },
    { code: 'production', name: '正式投产', nameEn: 'Production', plan: { anchor: 'start', days: 0 }, after: ['trialProduction'] },
  ],
};
/** The node whose actual date puts a project on the year's 新投产 list (and moves it to 投产). */
export const PRODUCTION_NODE = 'production';
/** The node whose actual date is the project's actual start (新动工). */
export const START_NODE = 'siteEntry';

const addDays = addCalendarDays;
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Days a milestone is past its planned date without an actual date on `today`; null when done or not yet due. */
export function milestoneOverdueDays(node: { plannedOn: string | null; actualOn: string | null }, today: string): number | null {
  return !node.actualOn && node.plannedOn && node.plannedOn < today ? daysBetween(node.plannedOn, today) : null;
}

/** Planned date of each node from the project's planned start and completion. Production: 60 days after completion. */
export function planMilestones(nodes: readonly MilestoneNodeDef[], plannedStart: string, plannedCompletion: string): { code: string; plannedOn: string }[] {
  const span = Math.max(0, daysBetween(plannedStart, plannedCompletion));
  return nodes.map((n) => ({
    code: n.code,
    plannedOn:
      n.code === PRODUCTION_NODE
        ? addDays(plannedCompletion, 60)
        : n.plan.anchor === 'start'
          ? addDays(plannedStart, n.plan.days)
          : addDays(plannedStart, Math.round(span * n.plan.share)),
  }));
}

/** Template checks: unique codes, known predecessors, no cycle. Returns the problems (empty when sound). */
export function templateProblems(nodes: readonly Pick<MilestoneNodeDef, 'code' | 'after'>[]): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const n of nodes) {
    if (codes.has(n.code)) problems.push(`duplicate node ${n.code}`);
    codes.add(n.code);
  }
  for (const n of nodes) for (const a of n.after) if (!codes.has(a)) problems.push(`node ${n.code}: unknown predecessor ${a}`);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const state = new Map<string, 1 | 2>();
  const visit = (c: string, path: string[]): void => {
    if (state.get(c) === 2) return;
    if (state.get(c) === 1) {
      problems.push(`cycle: ${[...path.slice(path.indexOf(c)), c].join(' → ')}`);
      return;
    }
    state.set(c, 1);
    for (const a of byCode.get(c)?.after ?? []) visit(a, [...path, c]);
    state.set(c, 2);
  };
  for (const n of nodes) visit(n.code, []);
  return problems;
}

/**
 * A serial chain holds: a node may get an actual date only when each predecessor has one on or before it.
 * Returns the first predecessor that breaks the rule, or null.
 */
export function predecessorProblem(
  node: { code: string; after: readonly string[] },
  actualOn: string,
  actualOf: ReadonlyMap<string, string | null>,
): { predecessor: string; actualOn: string | null } | null {
  for (const p of node.after) {
    const a = actualOf.get(p) ?? null;
    if (a === null || a > actualOn) return { predecessor: p, actualOn: a };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting periods: "2026-03" (month) or "2026-03-2" (the second 旬: days 11–20; the third runs to the month end).

export const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])(?:-([123]))?$/;
export function periodRange(period: string): { start: string; end: string; year: number; month: number } {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a reporting period: ${period}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const monthStart = `${m[1]}-${m[2]}-01`;
  const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  if (!m[3]) return { start: monthStart, end: monthEnd, year, month };
  const part = Number(m[3]);
  const start = addDays(monthStart, (part - 1) * 10);
  return { start, end: part === 3 ? monthEnd : addDays(start, 9), year, month };
}
/** The period a day falls in. */
export function periodOfDay(day: string, f: ReportFrequency): string {
  const ym = day.slice(0, 7);
  if (f === 'month') return ym;
  const d = Number(day.slice(8, 10));
  return `${ym}-${d <= 10 ? 1 : d <= 20 ? 2 : 3}`;
}
/** The period before `period` of the same frequency. */
export function previousPeriod(period: string): string {
  const { start } = periodRange(period);
  const f: ReportFrequency = period.length > 7 ? 'tenDays' : 'month';
  return periodOfDay(addDays(start, -1), f);
}
/** A period's report is due on the `dueDay`-th day after the period ends (default: the 5th of the next month). */
export const DEFAULT_REPORT_DUE_DAYS = 5;
export const reportDueOn = (period: string, dueDays = DEFAULT_REPORT_DUE_DAYS) => addDays(periodRange(period).end, dueDays);

// ---------------------------------------------------------------------------------------------------------------
// The light of a project.

export type ProjectLightReason =
  | { code: 'onTrack' }
  | { code: 'notTracked'; stage: ProjectStage }
  | { code: 'nodeOverdue'; node: string; name: string; nameEn: string; days: number }
  | { code: 'nodeDueSoon'; node: string; name: string; nameEn: string; days: number }
  | { code: 'investmentBehind'; percent: number }
  | { code: 'reportLate'; period: string; days: number }
  | { code: 'reportsMissing'; count: number };

export interface ProjectLightInput {
  stage: ProjectStage;
  nodes: readonly { code: string; name: string; nameEn: string; plannedOn: string | null; actualOn: string | null }[];
  /** Year-to-date completed and planned investment (万元) up to the last finished period, from approved reports. */
  ytdCompleted: string;
  ytdPlanned: string;
  /** Periods whose report is due and not approved (oldest first). */
  missingReports: readonly string[];
}

export interface ProjectLightRule {
  /** Yellow when a node is this many days away or fewer. */
  yellowDays: number;
  /** Completed / planned investment year to date below this percentage is yellow … */
  investYellowPercent: number;
  /** … and below this one red. */
  investRedPercent: number;
  reportDueDays: number;
}
export const defaultProjectLightRule: ProjectLightRule = {
  yellowDays: 7,
  investYellowPercent: 90,
  investRedPercent: 70,
  reportDueDays: DEFAULT_REPORT_DUE_DAYS,
};

export const trackedStages: readonly ProjectStage[] = ['listed', 'preparation', 'construction', 'completed'];

/**
 * The light of a project on a day, with every reason, the deciding one first. The same shape as the ledger's rule:
 * - none: the project is not yet listed (谋划/储备/申报 are not chased) or is in production (投产);
 * - red: a milestone node is past its planned date without an actual date ("节点“主体封顶”滞后12天"), or the
 *   investment completed this year is below `investRedPercent` of the plan to date, or two or more reports are
 *   missing;
 * - yellow: a node is due within `yellowDays`, the investment is below `investYellowPercent` of plan, or one report is
 *   late (past its due day and not approved);
 * - green: none of these ("按计划推进").
 */
export function computeProjectLight(
  input: ProjectLightInput,
  today: string,
  rule: ProjectLightRule = defaultProjectLightRule,
): { light: Light; reasons: ProjectLightReason[] } {
  if (!trackedStages.includes(input.stage)) return { light: 'none', reasons: [{ code: 'notTracked', stage: input.stage }] };
  const red: ProjectLightReason[] = [];
  const yellow: ProjectLightReason[] = [];
  for (const n of input.nodes) {
    if (n.actualOn || !n.plannedOn) continue;
    const d = daysBetween(today, n.plannedOn);
    if (d < 0) red.push({ code: 'nodeOverdue', node: n.code, name: n.name, nameEn: n.nameEn, days: -d });
    else if (d <= rule.yellowDays) yellow.push({ code: 'nodeDueSoon', node: n.code, name: n.name, nameEn: n.nameEn, days: d });
  }
  red.sort((a, b) => (b as { days: number }).days - (a as { days: number }).days);
  const pct = percentOf(input.ytdCompleted, input.ytdPlanned);
  if (pct !== null && pct < rule.investRedPercent) red.push({ code: 'investmentBehind', percent: pct });
  else if (pct !== null && pct < rule.investYellowPercent) yellow.push({ code: 'investmentBehind', percent: pct });
  if (input.missingReports.length >= 2) red.push({ code: 'reportsMissing', count: input.missingReports.length });
  else if (input.missingReports.length === 1) {
    const p = input.missingReports[0]!;
    yellow.push({ code: 'reportLate', period: p, days: Math.max(0, daysBetween(reportDueOn(p, rule.reportDueDays), today)) });
  }
  if (red.length) return { light: 'red', reasons: [...red, ...yellow] };
  if (yellow.length) return { light: 'yellow', reasons: yellow };
  return { light: 'green', reasons: [{ code: 'onTrack' }] };
}

const stageNames: Record<ProjectStage, [string, string]> = {
  planned: ['谋划', 'planned'],
  reserve: ['储备', 'reserve'],
  nominated: ['申报', 'nominated'],
  listed: ['列入', 'listed'],
  preparation: ['前期', 'preparation'],
  construction: ['在建', 'under construction'],
  completed: ['竣工', 'completed'],
  production: ['投产', 'in production'],
};
export const stageName = (s: ProjectStage, lang: 'zh' | 'en' = 'zh') => stageNames[s][lang === 'zh' ? 0 : 1];

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** The reason as people write it beside the colour. */
export function projectLightReasonText(r: ProjectLightReason, lang: 'zh' | 'en' = 'zh'): string {
  const zh = lang === 'zh';
  switch (r.code) {
    case 'onTrack':
      return zh ? '按计划推进' : 'on schedule';
    case 'notTracked':
      return zh ? `${stageName(r.stage)}阶段，不亮灯` : `${stageName(r.stage, 'en')}: not tracked`;
    case 'nodeOverdue':
      return zh ? `节点“${r.name}”滞后${r.days}天` : `milestone "${r.nameEn}" ${days(r.days)} late`;
    case 'nodeDueSoon':
      return zh
        ? r.days === 0
          ? `节点“${r.name}”今日到期`
          : `节点“${r.name}”${r.days}天后到期`
        : r.days === 0
          ? `milestone "${r.nameEn}" due today`
          : `milestone "${r.nameEn}" due in ${days(r.days)}`;
    case 'investmentBehind':
      return zh ? `年度投资完成${r.percent}%（低于计划进度）` : `investment at ${r.percent}% of plan to date`;
    case 'reportLate':
      return zh ? `${r.period}投资${r.period.length > 7 ? '旬' : '月'}报逾期${r.days}天未报` : `investment report for ${r.period} ${days(r.days)} late`;
    case 'reportsMissing':
      return zh ? `${r.count}期投资报表未报` : `${r.count} investment reports missing`;
  }
}

/**
 * Periods whose report is due by `today` and not approved, from the first period on or after `from` (the later of the
 * project's listing and the start of the year) up to the last finished one.
 */
export function duePeriods(from: string, today: string, f: ReportFrequency, dueDays = DEFAULT_REPORT_DUE_DAYS): string[] {
  const out: string[] = [];
  let p = periodOfDay(from, f);
  const current = periodOfDay(today, f);
  while (p < current) {
    if (reportDueOn(p, dueDays) < today) out.push(p);
    const next = periodOfDay(addDays(periodRange(p).end, 1), f);
    if (next === p) break;
    p = next;
  }
  return out;
}

/** Whether a point lies inside a polygon (outer ring, then holes), by ray casting. Coordinates are [lng, lat]. */
export function pointInPolygon(lng: number, lat: number, rings: readonly (readonly (readonly number[])[])[]): boolean {
  const inRing = (ring: readonly (readonly number[])[]) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const [outer, ...holes] = rings;
  return !!outer && inRing(outer) && !holes.some(inRing);
}
