// Pure helpers of the figures grid and the economy settings: region and column order, reading a typed or pasted cell
// with the shared rules (parseGrowth / parseFigureValue), the entries a save sends (only the changed cells, each as a
// whole figure), server errors mapped back onto cells (body.entries.N.field), keyboard moves, the month in the URL and
// the bodies of the settings forms. Unit-tested in economy-data-ui.test.ts.
import {
  MONTH_PERIOD,
  parseFigureValue,
  parseGrowth,
  type ParseLang,
  type FigureEntry,
  type FigureGrid,
  type Indicator,
  type IndicatorCreate,
  type Region,
  type RegionKind,
  type Target,
} from '@zoneops/shared';

export type GridRow = FigureGrid['rows'][number];
export type FigureCell = GridRow['cells'][number];

/** The four numbers of a figure; the 当月 pair only for monthly indicators. */
export const figureFields = ['value', 'growth', 'monthValue', 'monthGrowth'] as const;
export type FigureField = (typeof figureFields)[number];
export const isGrowthField = (f: FigureField) => f === 'growth' || f === 'monthGrowth';
export const isMonthField = (f: FigureField) => f === 'monthValue' || f === 'monthGrowth';

// ---- layout --------------------------------------------------------------------------------------------------------

const kindOrder: Record<RegionKind, number> = { zone: 0, city: 1, peer: 2 };

/** The zone first, then the city, then the peers; by sort, then name, within a kind. */
export function orderRegions<R extends Pick<Region, 'kind' | 'sort' | 'name'>>(regions: readonly R[]): R[] {
  return [...regions].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
}

export interface GridColumn {
  regionId: string;
  field: FigureField;
}

/** Each region's sub-columns, in region order: 绝对值, 比增 (and 当月值, 当月比增 when shown). */
export function gridColumns(regions: readonly Pick<Region, 'id'>[], showMonth: boolean): GridColumn[] {
  const fields: FigureField[] = showMonth ? [...figureFields] : ['value', 'growth'];
  return regions.flatMap((r) => fields.map((field) => ({ regionId: r.id, field })));
}

/** May this row's cell of this field be typed into? Only with `can.enter`, a period for the month, and 当月 for monthly indicators. */
export function cellEditable(row: Pick<GridRow, 'indicator' | 'period'>, field: FigureField): boolean {
  if (!row.indicator.can.enter || row.period === null) return false;
  return !isMonthField(field) || row.indicator.frequency === 'month';
}

export const cellKey = (indicatorId: string, regionId: string) => `${indicatorId}|${regionId}`;
export const fieldKey = (indicatorId: string, regionId: string, field: FigureField) => `${indicatorId}|${regionId}|${field}`;

// ---- reading cells -------------------------------------------------------------------------------------------------

/** The text of a stored number in a cell. */
export const numberText = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

/** A blank cell, or the tables' dash for "no figure" (—, -, －, /). */
const NO_FIGURE = /^\s*(?:—{1,2}|[-–－/])?\s*$/;

export type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

/** A typed or pasted cell read with the shared rules: growth in percent (18.1 = 18.1 %), values with commas tolerated; blank = none. */
export function parseCell(field: FigureField, text: string, lang: ParseLang = 'en'): Parsed {
  if (NO_FIGURE.test(text)) return { ok: true, value: null };
  const r = isGrowthField(field) ? parseGrowth(text, false, lang) : parseFigureValue(text, lang);
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
}

/** Does the typed text say something other than what is stored? A text that cannot be read is a change (to be fixed). */
export function isChanged(field: FigureField, text: string, stored: number | null): boolean {
  const p = parseCell(field, text);
  return !p.ok || p.value !== stored;
}

/** Typed texts by field key (only the cells typed into). */
export type Drafts = ReadonlyMap<string, string>;

/** The draft texts that differ from the stored figures, and those that cannot be read (with the shared rule's message). */
export function draftState(grid: FigureGrid, drafts: Drafts, lang: ParseLang = 'en'): { changed: Set<string>; invalid: Map<string, string> } {
  const changed = new Set<string>();
  const invalid = new Map<string, string>();
  if (!drafts.size) return { changed, invalid };
  for (const row of grid.rows) {
    const cells = new Map(row.cells.map((c) => [c.regionId, c]));
    for (const region of grid.regions) {
      for (const field of figureFields) {
        const k = fieldKey(row.indicator.id, region.id, field);
        const text = drafts.get(k);
        if (text === undefined || !cellEditable(row, field)) continue;
        const p = parseCell(field, text, lang);
        if (!p.ok) invalid.set(k, p.message);
        if (!p.ok || p.value !== (cells.get(region.id)?.[field] ?? null)) changed.add(k);
      }
    }
  }
  return { changed, invalid };
}

export interface EntryRef {
  indicatorId: string;
  regionId: string;
}

/**
 * The entries of a save: one per changed cell, each the whole figure (the server replaces value, growth and the 当月
 * pair together), with the revision reason given for it. Cells that cannot be read are listed instead of sent.
 */
export function buildEntries(
  grid: FigureGrid,
  drafts: Drafts,
  reasons: ReadonlyMap<string, string> = new Map(),
  lang: ParseLang = 'en',
): { entries: FigureEntry[]; refs: EntryRef[]; invalid: { key: string; message: string }[] } {
  const entries: FigureEntry[] = [];
  const refs: EntryRef[] = [];
  const invalid: { key: string; message: string }[] = [];
  for (const row of grid.rows) {
    if (row.period === null || !row.indicator.can.enter) continue;
    const cells = new Map(row.cells.map((c) => [c.regionId, c]));
    const fields = figureFields.filter((f) => cellEditable(row, f));
    for (const region of grid.regions) {
      const stored = cells.get(region.id);
      const next: Partial<Record<FigureField, number | null>> = {};
      let changed = false;
      let bad = false;
      for (const field of fields) {
        const k = fieldKey(row.indicator.id, region.id, field);
        const before = stored?.[field] ?? null;
        const text = drafts.get(k);
        if (text === undefined) {
          next[field] = before;
          continue;
        }
        const p = parseCell(field, text, lang);
        if (!p.ok) {
          invalid.push({ key: k, message: p.message });
          bad = true;
          continue;
        }
        next[field] = p.value;
        if (p.value !== before) changed = true;
      }
      if (bad || !changed) continue;
      const entry: FigureEntry = {
        indicatorId: row.indicator.id,
        regionId: region.id,
        period: row.period,
        value: next.value ?? null,
        growth: next.growth ?? null,
      };
      if (row.indicator.frequency === 'month') {
        entry.monthValue = next.monthValue ?? null;
        entry.monthGrowth = next.monthGrowth ?? null;
      }
      const reason = reasons.get(cellKey(row.indicator.id, region.id))?.trim();
      if (reason) entry.revisionReason = reason;
      entries.push(entry);
      refs.push({ indicatorId: row.indicator.id, regionId: region.id });
    }
  }
  return { entries, refs, invalid };
}

// ---- server answers ------------------------------------------------------------------------------------------------

interface Detail {
  path: string;
  message: string;
}
const isDetail = (d: unknown): d is Detail & Record<string, unknown> =>
  !!d && typeof d === 'object' && typeof (d as Detail).path === 'string' && typeof (d as Detail).message === 'string';

const ENTRY_PATH = /^body\.entries\.(\d+)(?:\.(\w+))?/;

/**
 * Field errors of a save (details [{path: 'body.entries.3.growth', message}]) on the cells they are about: a path
 * naming a figure field marks that field; one naming the entry, its indicator, region, period or reason marks its value.
 * Details that name no entry are returned apart.
 */
export function cellErrorsOf(details: unknown, refs: readonly EntryRef[]): { cells: Map<string, string[]>; general: string[] } {
  const cells = new Map<string, string[]>();
  const general: string[] = [];
  for (const d of Array.isArray(details) ? details : []) {
    if (!isDetail(d)) continue;
    const m = ENTRY_PATH.exec(d.path);
    const ref = m ? refs[Number(m[1])] : undefined;
    if (!ref) {
      general.push(d.message);
      continue;
    }
    const field = (figureFields as readonly string[]).includes(m![2] ?? '') ? (m![2] as FigureField) : 'value';
    const k = fieldKey(ref.indicatorId, ref.regionId, field);
    cells.set(k, [...(cells.get(k) ?? []), d.message]);
  }
  return { cells, general };
}

export interface Decrease extends EntryRef {
  /** The previous period's cumulative value, when the server gave it. */
  previous: number | null;
  message: string;
}

/** The cells of a 422 CUMULATIVE_DECREASE (details [{path: 'body.entries.N.value', message, previous}]). */
export function decreasesOf(details: unknown, refs: readonly EntryRef[]): Decrease[] {
  const out: Decrease[] = [];
  for (const d of Array.isArray(details) ? details : []) {
    if (!isDetail(d)) continue;
    const m = ENTRY_PATH.exec(d.path);
    const ref = m ? refs[Number(m[1])] : undefined;
    if (!ref || out.some((o) => o.indicatorId === ref.indicatorId && o.regionId === ref.regionId)) continue;
    out.push({ ...ref, previous: typeof d.previous === 'number' ? d.previous : null, message: d.message });
  }
  return out;
}

// ---- paste and keyboard --------------------------------------------------------------------------------------------

/** Cells copied from Excel: rows by line, cells by tab; the trailing line break Excel adds is dropped, quotes removed. */
export function parseClipboard(text: string): string[][] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t').map((cell) => cell.replace(/^"([\s\S]*)"$/, '$1').trim()));
}

export interface GridPos {
  row: number;
  col: number;
}

/** Where each pasted cell lands from the focused cell, clipped to the grid. */
export function pasteTargets(block: readonly (readonly string[])[], start: GridPos, rows: number, cols: number): (GridPos & { text: string })[] {
  const out: (GridPos & { text: string })[] = [];
  block.forEach((line, i) =>
    line.forEach((text, j) => {
      const row = start.row + i;
      const col = start.col + j;
      if (row < rows && col < cols) out.push({ row, col, text });
    }),
  );
  return out;
}

export type Move = 'next' | 'prev' | 'up' | 'down' | 'left' | 'right';

/** The editable cell a key moves to: Tab runs along the rows and wraps, Enter and the arrows stay in their line. */
export function nextCell(from: GridPos, move: Move, rows: number, cols: number, editable: (p: GridPos) => boolean): GridPos | null {
  if (move === 'next' || move === 'prev') {
    const step = move === 'next' ? 1 : -1;
    for (let i = from.row * cols + from.col + step; i >= 0 && i < rows * cols; i += step) {
      const p = { row: Math.floor(i / cols), col: i % cols };
      if (editable(p)) return p;
    }
    return null;
  }
  const [dr, dc] = move === 'up' ? [-1, 0] : move === 'down' ? [1, 0] : move === 'left' ? [0, -1] : [0, 1];
  for (let r = from.row + dr, c = from.col + dc; r >= 0 && r < rows && c >= 0 && c < cols; r += dr, c += dc) {
    if (editable({ row: r, col: c })) return { row: r, col: c };
  }
  return null;
}

// ---- status and month ----------------------------------------------------------------------------------------------

/** The row's status: no figure yet, some drafts, or all approved. */
export function rowStatus(row: Pick<GridRow, 'cells'>): { status: 'empty' | 'draft' | 'approved'; drafts: number } {
  const drafts = row.cells.filter((c) => c.status === 'draft').length;
  if (!row.cells.length) return { status: 'empty', drafts: 0 };
  return { status: drafts ? 'draft' : 'approved', drafts };
}

/** Draft figures an approval of the month would approve: those of the indicators the user may approve. */
export function approvableDrafts(grid: FigureGrid): { figures: number; indicators: { indicator: Indicator; drafts: number }[] } {
  const indicators = grid.rows
    .filter((r) => r.indicator.can.approve && r.period !== null)
    .map((r) => ({ indicator: r.indicator, drafts: rowStatus(r).drafts }))
    .filter((x) => x.drafts > 0);
  return { figures: indicators.reduce((s, x) => s + x.drafts, 0), indicators };
}

/** The month of the URL (?month=YYYY-MM), or the fallback when it is absent or not a month. */
export const monthParam = (raw: string | null, fallback: string): string => (raw && MONTH_PERIOD.test(raw) ? raw : fallback);

/** The month before the one of a date (YYYY-MM-DD): the last month whose figures are due. */
export function previousMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

// ---- settings forms ------------------------------------------------------------------------------------------------

export interface IndicatorFormValues extends Omit<IndicatorCreate, 'leadUnitId' | 'ownerUserId' | 'source' | 'notes' | 'alertLevel' | 'excellentLevel'> {
  alertLevel: number | null;
  excellentLevel: number | null;
  leadUnitId: string | null;
  ownerUserId: string | null;
  source: string | null;
  notes: string | null;
}

export function indicatorValuesOf(ind: Indicator | null): IndicatorFormValues {
  if (!ind) {
    return {
      code: '',
      nameZh: '',
      nameEn: '',
      aliases: [],
      unit: '',
      unitEn: '',
      frequency: 'month',
      valueKind: 'cumulative',
      growthKind: 'nominal',
      higherIsBetter: true,
      rankBy: 'growth',
      additive: true,
      alertLevel: null,
      excellentLevel: null,
      leadUnitId: null,
      ownerUserId: null,
      source: null,
      notes: null,
      leading: false,
      active: true,
      sort: 100,
    };
  }
  const { id: _id, leadUnitName: _l, ownerName: _o, can: _c, ...values } = ind;
  return values;
}

const trimList = (list: readonly string[] | null | undefined) => [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];
const textOrNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** Form values as the API takes them: trimmed, blanks as null, aliases without repeats. */
export function indicatorBody(v: IndicatorFormValues): IndicatorCreate {
  return {
    ...v,
    code: v.code.trim(),
    nameZh: v.nameZh.trim(),
    nameEn: v.nameEn.trim(),
    unit: v.unit.trim(),
    unitEn: v.unitEn.trim(),
    aliases: trimList(v.aliases),
    alertLevel: v.alertLevel ?? null,
    excellentLevel: v.excellentLevel ?? null,
    leadUnitId: v.leadUnitId ?? null,
    ownerUserId: v.ownerUserId ?? null,
    source: textOrNull(v.source),
    notes: textOrNull(v.notes),
  };
}

/** Only what changed, for a PATCH. */
export function changedOnly<T extends object>(body: T, initial: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(body) as (keyof T)[]) {
    if (JSON.stringify(body[key] ?? null) !== JSON.stringify(initial[key] ?? null)) out[key] = body[key];
  }
  return out;
}

/** Fields of indicatorCreateSchema with a default: indicatorUpdateSchema (built from the same fields) fills them in when absent. */
const DEFAULTED = ['aliases', 'higherIsBetter', 'rankBy', 'additive', 'leading', 'active', 'sort'] as const;

/**
 * The PATCH of an indicator: what changed, plus the fields that have a default in the schema (sent as they are, so
 * that a default never replaces a stored value: PATCH {sort} alone would reset aliases, leading, active …).
 */
export function indicatorPatch(body: IndicatorCreate, initial: IndicatorCreate): Partial<IndicatorCreate> {
  const out: Partial<IndicatorCreate> = changedOnly(body, initial);
  for (const k of DEFAULTED) (out as Record<string, unknown>)[k] = body[k];
  return out;
}

/** The thresholds read in the indicator's direction: excellence must not be worse than the alert level. */
export function thresholdsProblem(alert: number | null | undefined, excellent: number | null | undefined, higherIsBetter: boolean): boolean {
  if (alert === null || alert === undefined || excellent === null || excellent === undefined) return false;
  return higherIsBetter ? excellent < alert : excellent > alert;
}

export interface RegionFormValues {
  name: string;
  nameEn: string;
  aliases: string[];
  kind: RegionKind;
  active: boolean;
  sort: number;
}

export function regionValuesOf(r: Region | null): RegionFormValues {
  if (!r) return { name: '', nameEn: '', aliases: [], kind: 'peer', active: true, sort: 100 };
  const { id: _id, ...values } = r;
  return values;
}

export function regionBody(v: RegionFormValues): RegionFormValues {
  return { ...v, name: v.name.trim(), nameEn: v.nameEn.trim(), aliases: trimList(v.aliases) };
}

/** Field paths of array items (body.aliases.2) shown on the list's own field. */
export const listFieldName = (name: (string | number)[]) => (typeof name[1] === 'number' ? name.slice(0, 1) : name);

/** One row per indicator of the targets tab: its target of the year, when set. */
export function targetRows(indicators: readonly Indicator[], targets: readonly Target[]): { indicator: Indicator; target: Target | null }[] {
  const byIndicator = new Map(targets.map((t) => [t.indicatorId, t]));
  return [...indicators]
    .sort((a, b) => Number(b.active) - Number(a.active) || a.sort - b.sort)
    .map((indicator) => ({ indicator, target: byIndicator.get(indicator.id) ?? null }));
}
