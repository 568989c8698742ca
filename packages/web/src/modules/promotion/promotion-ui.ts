// Pure helpers of the promotion pages: stage and clock colours, the list's filters in the URL, the kanban columns, the
// periods of the scoreboard, what a stage move asks for, the lead form's body, and the ECharts options (scoreboard,
// rejections, the chain tree with its gaps). Unit-tested in promotion-ui.test.ts.
import type { EChartsCoreOption } from 'echarts/core';
import type { TFunction } from 'i18next';
import {
  isMoney,
  leadStages,
  moneyToCents,
  stageMissing,
  leadStageIndex,
  type ChainDetail,
  type ClockState,
  type LeadFacts,
  type LeadStage,
} from '@zoneops/shared';
import { formatNumber } from '../../app/format.ts';

// ---- stages and clocks --------------------------------------------------------------------------------------------

/** Tag colours of the pipeline: grey for a lead, blue while negotiating and signing, green once producing. */
export const leadStageColours: Record<LeadStage, string> = {
  lead: 'default',
  negotiating: 'cyan',
  signed: 'blue',
  preStart: 'geekblue',
  started: 'purple',
  capitalInPlace: 'gold',
  production: 'green',
};

export const outcomeColours = { active: 'processing', rejected: 'error', withdrawn: 'default' } as const;

/** The colour of a clock: red overdue, orange due today, green done, grey still open. */
export const clockColours: Record<ClockState, string> = { overdue: 'red', dueToday: 'orange', done: 'green', open: 'default' };

/** The badge of a lead's worst clock on a card or a row: only overdue and due today call for attention. */
export function clockBadge(state: ClockState): { color: string; state: 'overdue' | 'dueToday' } | null {
  if (state === 'overdue' || state === 'dueToday') return { color: clockColours[state], state };
  return null;
}

/** A lead may become a key project once signed (or further), while pursued and not converted yet. */
export function canConvert(lead: { stage: LeadStage; outcome: string; projectId: string | null }): boolean {
  return lead.outcome === 'active' && !lead.projectId && leadStageIndex(lead.stage) >= leadStageIndex('signed');
}

// ---- screening ----------------------------------------------------------------------------------------------------

/** The unit (an i18n key) of a measure's value and threshold. */
export const measureUnits: Record<string, string> = {
  investmentIntensity: 'promotion.unit.wanPerMu',
  taxPerMu: 'promotion.unit.wanPerMu',
  energyIntensity: 'promotion.unit.tcePerWan',
};

/**
 * A criterion's computed value as a reader wants it: the environmental category by name (报告书/报告表/登记表), a yes
 * or no, a figure grouped with its unit ("433.33 万元/亩"); an em dash for none, any other text as it is.
 */
export function criterionValueText(t: TFunction, measure: string, value: number | string | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') {
    const unit = measureUnits[measure];
    return unit ? `${formatNumber(value)} ${t(unit)}` : formatNumber(value);
  }
  return measure === 'environmentalCategory' ? t(`promotion.env.${value}`, { defaultValue: value }) : value;
}

// ---- stage moves --------------------------------------------------------------------------------------------------

export const factFields = ['signedOn', 'signedAmount', 'plannedStartOn', 'startedOn', 'capitalInPlace', 'productionOn'] as const;
export type FactField = (typeof factFields)[number];
export const isDateFact = (f: FactField) => f.endsWith('On');

/**
 * What a move to `to` asks for: moving back needs only a reason; moving forward shows the facts of every stage up to
 * the target (those the lead has prefilled) and requires the ones still missing (stageMissing).
 */
export function stageMoveFields(lead: LeadFacts & { stage: LeadStage }, to: LeadStage): { back: boolean; fields: FactField[]; required: FactField[] } {
  const back = leadStageIndex(to) < leadStageIndex(lead.stage);
  if (back || to === lead.stage) return { back, fields: [], required: [] };
  return { back, fields: stageMissing({}, to) as FactField[], required: stageMissing(lead, to) as FactField[] };
}

// ---- the list's filters in the URL --------------------------------------------------------------------------------

export const leadFilterKeys = ['q', 'stage', 'outcome', 'ownerUserId', 'teamId', 'industry', 'clockState'] as const;
export type LeadFilters = Partial<Record<(typeof leadFilterKeys)[number], string>>;

export function leadFiltersOf(params: URLSearchParams): LeadFilters {
  const out: LeadFilters = {};
  for (const k of leadFilterKeys) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

export type LeadView = 'list' | 'board';
export const leadViewOf = (params: URLSearchParams): LeadView => (params.get('view') === 'board' ? 'board' : 'list');

// ---- kanban -------------------------------------------------------------------------------------------------------

export interface BoardColumn<C> {
  stage: LeadStage;
  count: number;
  plannedInvestment: string;
  cards: C[];
}

/** All seven columns in pipeline order, empty where the answer has none; `more` = leads not among the cards. */
export function boardColumns<C>(columns: readonly BoardColumn<C>[]): (BoardColumn<C> & { more: number })[] {
  const byStage = new Map(columns.map((c) => [c.stage, c]));
  return leadStages.map((stage) => {
    const c = byStage.get(stage) ?? { stage, count: 0, plannedInvestment: '0.00', cards: [] };
    return { ...c, more: Math.max(0, c.count - c.cards.length) };
  });
}

// ---- periods ------------------------------------------------------------------------------------------------------

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${lastDay(year, first + 2)}` };
}
export function monthPeriod(year: number, month: number): Period {
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${lastDay(year, month)}` };
}

export const periodPresetKeys = ['thisYear', 'thisQuarter', 'thisMonth', 'lastYear', 'lastQuarter', 'lastMonth'] as const;
export type PeriodPreset = (typeof periodPresetKeys)[number];

/** The presets around a day (YYYY-MM-DD): this and the last year, quarter and month. */
export function periodPresets(today: string): Record<PeriodPreset, Period> {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.ceil(m / 3);
  return {
    thisYear: yearPeriod(y),
    thisQuarter: quarterPeriod(y, q),
    thisMonth: monthPeriod(y, m),
    lastYear: yearPeriod(y - 1),
    lastQuarter: q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1),
    lastMonth: m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1),
  };
}

/** The preset a period is, or 'custom'. */
export function presetOf(period: Period, today: string): PeriodPreset | 'custom' {
  const presets = periodPresets(today);
  return periodPresetKeys.find((k) => presets[k].from === period.from && presets[k].to === period.to) ?? 'custom';
}

/** ?from&to when both are days in order, else this year. */
export function periodOf(params: URLSearchParams, today: string): Period {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (ISO_DAY.test(from) && ISO_DAY.test(to) && from <= to) return { from, to };
  return periodPresets(today).thisYear;
}

// ---- lists the server answers -------------------------------------------------------------------------------------

/** The rows of a list answer, whether a bare array or {items}. */
export function itemsOf<T>(answer: T[] | { items: T[] } | null | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items;
}

// ---- the lead form ------------------------------------------------------------------------------------------------

export interface LeadContactValues {
  name?: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface LeadFormValues {
  company: string;
  uscc?: string | null;
  parentCompany?: string | null;
  countryRegion: string;
  fortune500?: boolean;
  industry: string;
  content?: string | null;
  /** 'cny': planned investment in 万元; 'foreign': amount in a currency with the rate used. */
  money: 'cny' | 'foreign';
  plannedInvestment?: string | null;
  currency?: string | null;
  foreignAmount?: string | null;
  fxRate?: string | null;
  landMu?: number | null;
  expectedTax?: number | null;
  energyUse?: number | null;
  expectedOutput?: number | null;
  environmentalCategory?: 'report' | 'reportForm' | 'registration' | null;
  chainFit?: boolean | null;
  chainSegmentId?: string | null;
  source: string;
  referrer?: string | null;
  referrerPhone?: string | null;
  contacts?: LeadContactValues[];
  teamId?: string | null;
  ownerUserId?: string | null;
  /** YYYY-MM-DD */
  registeredOn: string;
}

const text = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v.trim());
const num = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? null : v);
const dec = (v: string | number | null | undefined) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

/** The body of POST /api/promotion/leads: blanks as null, money in 万元 or in the currency (the server converts it). */
export function leadBody(v: LeadFormValues) {
  const foreign = v.money === 'foreign';
  return {
    company: v.company.trim(),
    uscc: text(v.uscc)?.toUpperCase() ?? null,
    parentCompany: text(v.parentCompany),
    countryRegion: v.countryRegion.trim().toUpperCase(),
    fortune500: !!v.fortune500,
    industry: v.industry,
    content: text(v.content),
    plannedInvestment: foreign ? null : dec(v.plannedInvestment),
    currency: foreign ? (text(v.currency)?.toUpperCase() ?? null) : null,
    foreignAmount: foreign ? dec(v.foreignAmount) : null,
    fxRate: foreign ? dec(v.fxRate) : null,
    landMu: num(v.landMu),
    expectedTax: num(v.expectedTax),
    energyUse: num(v.energyUse),
    expectedOutput: num(v.expectedOutput),
    environmentalCategory: v.environmentalCategory ?? null,
    chainFit: v.chainFit ?? null,
    chainSegmentId: v.chainSegmentId ?? null,
    source: v.source.trim(),
    referrer: text(v.referrer),
    referrerPhone: text(v.referrerPhone),
    contacts: (v.contacts ?? [])
      .filter((c) => text(c.name))
      .map((c) => ({ name: c.name!.trim(), title: text(c.title), phone: text(c.phone), email: text(c.email) })),
    teamId: v.teamId ?? null,
    ownerUserId: v.ownerUserId ?? null,
    registeredOn: v.registeredOn,
  };
}

// ---- charts -------------------------------------------------------------------------------------------------------

const NO_DATA_TITLE = (text: string) => ({ text, left: 'center', top: 'middle', textStyle: { color: '#999', fontSize: 13, fontWeight: 'normal' } });

/** 万元 as a number for drawing (two decimals); an unreadable amount counts 0. */
export const wanNumber = (s: string | null | undefined) => (s && isMoney(s) ? Number(moneyToCents(s)) / 100 : 0);

export interface ScoreboardRow {
  teamName: string;
  leads: number;
  trips: number;
  receptions: number;
  signings: number;
  signedInvestment: string;
  capitalInPlace: string;
}

export interface ScoreboardLabels {
  leads: string;
  trips: string;
  receptions: string;
  signings: string;
  signedInvestment: string;
  capitalInPlace: string;
  count: string;
  wan: string;
  noData: string;
}

/** The scoreboard as grouped bars (counts, left axis) and the signed investment and capital in place (万元, right axis). */
export function scoreboardOption(rows: readonly ScoreboardRow[], l: ScoreboardLabels): EChartsCoreOption {
  const bar = (name: string, key: 'leads' | 'trips' | 'receptions' | 'signings') => ({ name, type: 'bar', barMaxWidth: 18, data: rows.map((r) => r[key]) });
  const line = (name: string, key: 'signedInvestment' | 'capitalInPlace') => ({
    name,
    type: 'line',
    yAxisIndex: 1,
    symbolSize: 6,
    data: rows.map((r) => wanNumber(r[key])),
  });
  return {
    title: rows.length === 0 ? NO_DATA_TITLE(l.noData) : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 8, top: 40, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.teamName), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', name: l.count, minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', name: l.wan, splitLine: { show: false } },
    ],
    series: [
      bar(l.leads, 'leads'),
      bar(l.trips, 'trips'),
      bar(l.receptions, 'receptions'),
      bar(l.signings, 'signings'),
      line(l.signedInvestment, 'signedInvestment'),
      line(l.capitalInPlace, 'capitalInPlace'),
    ],
  };
}

/** Rejections by the criterion they failed, most first. */
export function rejectionOption(
  byMeasure: readonly { measure: string; count: number }[],
  l: { measure: (m: string) => string; count: string; noData: string },
): EChartsCoreOption {
  const rows = [...byMeasure].sort((a, b) => b.count - a.count);
  return {
    title: rows.length === 0 ? NO_DATA_TITLE(l.noData) : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => l.measure(r.measure)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: l.count, minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      { name: l.count, type: 'bar', barMaxWidth: 36, itemStyle: { color: '#e5484d' }, label: { show: true, position: 'top' }, data: rows.map((r) => r.count) },
    ],
  };
}

// ---- the chain tree -----------------------------------------------------------------------------------------------

export const chainColours = { chain: '#1b4d89', segment: '#3a7dc9', gap: '#e5484d', zone: '#2e9d8f', target: '#f5a623', leader: '#c9a400' } as const;

/** What a node of the chain diagram stands for (by its pre-order index, which ECharts reports as dataIndex). */
export interface ChainNodeMeta {
  kind: 'chain' | 'segment' | 'company';
  id: string;
  segmentId: string | null;
  leadId: string | null;
}

export interface ChainTreeNode {
  name: string;
  itemStyle: { color: string; borderColor: string };
  label?: { color: string; fontWeight?: string };
  symbol?: string;
  symbolSize?: number;
  children?: ChainTreeNode[];
  meta: ChainNodeMeta;
}

export interface ChainTreeLabels {
  /** suffix of a chain leader, e.g. "（链主）" */
  chainLeader: string;
  /** suffix of a gap, e.g. "（缺失）" */
  gap: string;
}

type Segment = ChainDetail['segments'][number];

const byPosition = (a: Segment, b: Segment) => a.position - b.position || a.name.localeCompare(b.name, 'zh-CN');

/**
 * The ECharts tree of a chain: the chain, its segments nested by parent (upstream first, by position), and under each
 * segment its companies (chain leaders first, then zone enterprises, then targets). A gap segment is red; a segment
 * whose parent is missing hangs on the chain.
 */
export function chainTree(chain: ChainDetail, l: ChainTreeLabels): ChainTreeNode {
  const ids = new Set(chain.segments.map((s) => s.id));
  const childrenOf = (parentId: string | null) =>
    chain.segments.filter((s) => (parentId === null ? !s.parentId || !ids.has(s.parentId) : s.parentId === parentId)).sort(byPosition);
  const seen = new Set<string>();
  const segmentNode = (s: Segment): ChainTreeNode => {
    seen.add(s.id);
    const companies = [...s.companies].sort(
      (a, b) => Number(b.chainLeader) - Number(a.chainLeader) || (a.kind === b.kind ? 0 : a.kind === 'zone' ? -1 : 1) || a.name.localeCompare(b.name, 'zh-CN'),
    );
    const colour = s.gap ? chainColours.gap : chainColours.segment;
    return {
      name: s.gap ? `${s.name}${l.gap}` : s.name,
      itemStyle: { color: colour, borderColor: colour },
      label: s.gap ? { color: chainColours.gap, fontWeight: 'bold' } : undefined,
      symbolSize: 12,
      meta: { kind: 'segment', id: s.id, segmentId: s.id, leadId: null },
      children: [
        ...childrenOf(s.id)
          .filter((c) => !seen.has(c.id))
          .map(segmentNode),
        ...companies.map((c): ChainTreeNode => {
          const colour = c.chainLeader ? chainColours.leader : c.kind === 'zone' ? chainColours.zone : chainColours.target;
          return {
            name: `${c.name}${c.chainLeader ? l.chainLeader : ''}${c.leadCode ? ` · ${c.leadCode}` : ''}`,
            itemStyle: { color: c.kind === 'target' ? '#fff' : colour, borderColor: colour },
            symbol: c.chainLeader ? 'diamond' : c.kind === 'target' ? 'emptyCircle' : 'circle',
            symbolSize: c.chainLeader ? 14 : 9,
            meta: { kind: 'company', id: c.id, segmentId: s.id, leadId: c.leadId },
          };
        }),
      ],
    };
  };
  return {
    name: chain.name,
    itemStyle: { color: chainColours.chain, borderColor: chainColours.chain },
    label: { color: chainColours.chain, fontWeight: 'bold' },
    symbolSize: 16,
    meta: { kind: 'chain', id: chain.id, segmentId: null, leadId: null },
    children: childrenOf(null).map(segmentNode),
  };
}

/** The nodes in pre-order (the order in which ECharts numbers a tree's data). */
export function treeNodes(root: ChainTreeNode): ChainNodeMeta[] {
  const out: ChainNodeMeta[] = [];
  const walk = (n: ChainTreeNode) => {
    out.push(n.meta);
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

const leaves = (n: ChainTreeNode): ChainTreeNode[] => (n.children?.length ? n.children.flatMap(leaves) : [n]);

/** The width in pixels of a label as ECharts draws it (near enough): a CJK or full-width character is one em, any other about 0.62 em. */
export function labelWidth(text: string, fontSize = 12): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    w += code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef) ? fontSize : fontSize * 0.62;
  }
  return Math.ceil(w);
}

const LABEL_FONT = 12;
/** Room between a node and its label, the symbol's half and a little air. */
const LABEL_GAP = 16;
const MAX_LEFT = 200;
const MAX_RIGHT = 320;
const LEAF_ROW = 26;

/**
 * The margins of the tree so that the chain's name on the left and every leaf (a company, or a segment without any)
 * on the right are drawn in full: as wide as the longest label, up to a cap beyond which the label wraps onto a second
 * line (and the leaf gets a taller row).
 */
export function chainTreeLayout(root: ChainTreeNode): { left: number; right: number; rootWidth: number; leafWidth: number; wrapped: number } {
  const rootText = labelWidth(root.name, LABEL_FONT + 1);
  const leafTexts = leaves(root).map((n) => labelWidth(n.name, LABEL_FONT));
  const left = Math.min(MAX_LEFT, Math.max(60, rootText + LABEL_GAP));
  const right = Math.min(MAX_RIGHT, Math.max(80, ...leafTexts.map((w) => w + LABEL_GAP)));
  const leafWidth = right - LABEL_GAP;
  return { left, right, rootWidth: left - LABEL_GAP, leafWidth, wrapped: leafTexts.filter((w) => w > leafWidth).length };
}

/** Height of the diagram: a row for every leaf, a taller one for a wrapped label. */
export const chainTreeHeight = (root: ChainTreeNode) => {
  const { wrapped } = chainTreeLayout(root);
  return Math.max(360, leaves(root).length * LEAF_ROW + wrapped * 14 + 40);
};

export function chainTreeOption(root: ChainTreeNode): EChartsCoreOption {
  const { left, right, rootWidth, leafWidth } = chainTreeLayout(root);
  // the root's own label may be wrapped too (its width is part of its label, which chainTree leaves to the colour)
  const data = { ...root, label: { ...root.label, width: rootWidth, overflow: 'break' } };
  return {
    tooltip: { trigger: 'item', triggerOn: 'mousemove' },
    series: [
      {
        type: 'tree',
        data: [data],
        orient: 'LR',
        top: 16,
        bottom: 16,
        left,
        right,
        initialTreeDepth: -1,
        expandAndCollapse: false,
        roam: false,
        label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: LABEL_FONT },
        leaves: { label: { position: 'right', verticalAlign: 'middle', align: 'left', width: leafWidth, overflow: 'break' } },
        lineStyle: { color: '#c5ccd6', width: 1.2, curveness: 0.5 },
        emphasis: { focus: 'descendant' },
      },
    ],
  };
}
