// Spreadsheet import/export (DOMAIN §13): templates with a merged title row, an optional group header row, a 序号
// column and a 合计 row; import finds the header by its texts, validates every row, names every bad cell and hands back
// the uploaded workbook annotated. Framework only: callers own the database, the routes and the commit.
// One file on purpose: writer, reader and annotator share the header matching and the cell rules.
import ExcelJS from 'exceljs';
import { clearMark, colLetters, ERROR_ARGB, isOurMark, loadUploadedWorkbook, mergedRanges, scalar, type Scalar } from './sheet-cells.ts';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { AuditInput } from './audit/audit.service.ts';
import type { RequestContext } from './context.ts';

export type SheetColumnKind = 'text' | 'number' | 'integer' | 'date' | 'enum' | 'list';
export type SheetEnumValue = string | { value: string; label: string };
export type SheetLang = 'zh' | 'en';

export interface SheetColumn<Row> {
  key: keyof Row & string;
  header: string;
  headerEn?: string;
  width?: number;
  kind: SheetColumnKind;
  required?: boolean;
  /** Consecutive columns with the same group share one merged cell above their headers. */
  group?: string;
  /** Labels shown in the sheet; `{value, label}` when the row holds a code. */
  enumValues?: readonly SheetEnumValue[];
  /** number columns: shown with this many decimals and rounded to them on import. */
  decimals?: number;
  /** number / integer columns summed in the 合计 row. */
  sum?: boolean;
  /** Runs after the kind's conversion (text → string, date → 'yyyy-mm-dd', list → string[]…); throw an Error to reject the cell. */
  parse?: (value: unknown) => unknown;
  /** Row value → what the kind writes (e.g. a unit id → its name): the inverse of parse. */
  format?: (value: unknown, row: Row) => unknown;
}

export interface SheetSpec<Row> {
  /** Stable template id, stored in the hidden `_zoneops` sheet with the version. */
  id: string;
  version: number;
  title: string;
  sheetName?: string;
  columns: readonly SheetColumn<Row>[];
  schema: z.ZodType<Row>;
  naturalKey: (row: Row) => string;
}

export interface SheetError {
  rowNumber: number;
  /** Header of the column as written in the sheet's language. */
  column?: string;
  key?: string;
  /** A1 address of the bad cell. */
  cell?: string;
  message: string;
}
export interface ParsedRow<Row> {
  rowNumber: number;
  key: string;
  value: Row;
}
export interface SheetDuplicate {
  key: string;
  rowNumbers: number[];
}
export interface SheetReadResult<Row> {
  rows: ParsedRow<Row>[];
  errors: SheetError[];
  duplicates: SheetDuplicate[];
  /** Data rows in the file (blank and 合计 rows not counted). */
  total: number;
  headerRowNumber: number;
  /** The marker of a workbook written by writeSheet; null for a workbook made elsewhere. */
  template: { id: string; version: number } | null;
}
export interface ImportPlan<Row> {
  valid: ParsedRow<Row>[];
  errors: SheetError[];
  total: number;
}
export interface WriteSheetOptions {
  lang?: SheetLang;
  /** Write the 合计 row when a column has `sum` (default true; never for an empty sheet). */
  totals?: boolean;
  /** Calendar day of a Date value in a date column (default Asia/Shanghai). */
  timeZone?: string;
  /** Rows below the data that keep the enum drop-downs (default 1000). */
  spareRows?: number;
}
export interface ReadSheetOptions {
  lang?: SheetLang;
  maxRows?: number;
  maxBytes?: number;
  onProgress?: (done: number, total: number) => void;
}

const MARKER_SHEET = '_zoneops';
const MARKER = 'zoneops-sheet';
const HEADER_SCAN_ROWS = 30;
const ERROR_HEADERS = ['错误说明', 'errors'];
const TOTAL_LABELS = ['合计', '总计', '小计', 'total'];

const messages = {
  zh: {
    seq: '序号',
    total: '合计',
    errorHeader: '错误说明',
    notXlsx: '文件不是 xlsx 工作簿（旧版 .xls 请在 Excel 中另存为 .xlsx）',
    corrupt: '文件已损坏，无法作为 xlsx 读取',
    tooLarge: (max: number) => `文件超过 ${(max / 1048576).toFixed(1)} MB 上限`,
    tooManyRows: (max: number) => `数据超过 ${max} 行上限，请分批导入`,
    noSheet: '工作簿中没有可读的工作表',
    otherTemplate: (id: string) => `此文件是另一份模板（${id}）生成的，请下载本功能的模板`,
    noHeader: (headers: string) => `未找到表头行，应包含以下列：${headers}`,
    missingColumns: (headers: string) => `缺少必填列：${headers}`,
    duplicateHeader: (header: string) => `列「${header}」出现了多次`,
    merged: (ranges: string) => `合并单元格 ${ranges} 位于数据区，请取消合并后重新上传`,
    required: '必填',
    notNumber: '应为数字',
    notInteger: '应为整数',
    notDate: '应为日期，如 2026-03-15',
    notInList: (labels: string) => `应为以下之一：${labels}`,
    truncated: '数字超过 15 位，Excel 已丢失末位；请将该列设为文本后重新填写',
    cellError: (code: string) => `单元格为错误值 ${code}`,
    duplicate: (row: number) => `与第 ${row} 行重复`,
    hasErrors: (n: number) => `导入文件有 ${n} 处错误，请修改后重新上传，或只导入无误的行`,
  },
  en: {
    seq: 'No.',
    total: 'Total',
    errorHeader: 'Errors',
    notXlsx: 'The file is not an xlsx workbook (save an old .xls as .xlsx in Excel)',
    corrupt: 'The file is damaged and cannot be read as xlsx',
    tooLarge: (max: number) => `The file is larger than ${(max / 1048576).toFixed(1)} MB`,
    tooManyRows: (max: number) => `More than ${max} data rows; import in batches`,
    noSheet: 'The workbook has no readable worksheet',
    otherTemplate: (id: string) => `This file comes from another template (${id}); download this page's template`,
    noHeader: (headers: string) => `No header row found; expected the columns ${headers}`,
    missingColumns: (headers: string) => `Required columns missing: ${headers}`,
    duplicateHeader: (header: string) => `Column "${header}" appears more than once`,
    merged: (ranges: string) => `Merged cells ${ranges} lie in the data area; unmerge them and upload again`,
    required: 'Required',
    notNumber: 'Must be a number',
    notInteger: 'Must be a whole number',
    notDate: 'Must be a date such as 2026-03-15',
    notInList: (labels: string) => `Must be one of: ${labels}`,
    truncated: 'A number of more than 15 digits lost its last digits in Excel; format the column as text and enter it again',
    cellError: (code: string) => `The cell holds the error ${code}`,
    duplicate: (row: number) => `Duplicates row ${row}`,
    hasErrors: (n: number) => `The file has ${n} errors; correct them and upload again, or import only the valid rows`,
  },
};
type Messages = (typeof messages)['zh'];
const zodErrors = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };

// ---------------------------------------------------------------------------------------------------------------
// cells

type Converted = { value: unknown } | { message: string };

/** A header text reduced for matching: full-width → half-width, no spaces, no required marks, lower case. */
function normHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\(必填\)$/, '')
    .toLowerCase();
}

const isBlank = (v: Scalar | { error: string }) => v === null || (typeof v === 'string' && v.trim() === '');

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const utcDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

function isoDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 1900 && y <= 9999 ? utcDay(t) : undefined;
}

/** An integer cell read back as the text it was meant to be, or undefined when Excel already cut its digits. */
function numberText(n: number, numFmt?: string): string | undefined {
  if (!Number.isInteger(n)) return String(n);
  if (Math.abs(n) >= 1e15) return undefined;
  const s = n.toFixed(0);
  // a zero-padded display format (000123) is the text the user sees
  return numFmt && /^0+$/.test(numFmt) ? s.padStart(numFmt.length, '0') : s;
}

function toText(raw: Scalar, numFmt: string | undefined, t: Messages): Converted {
  if (typeof raw === 'number') {
    const s = numberText(raw, numFmt);
    return s === undefined ? { message: t.truncated } : { value: s };
  }
  if (raw instanceof Date) return { value: utcDay(raw) };
  return { value: String(raw).trim() };
}

function toNumber(raw: Scalar, t: Messages): number | { message: string } {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return { message: t.notNumber };
  const s = raw.normalize('NFKC').replace(/[,\s]/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : { message: t.notNumber };
}

function toDate(raw: Scalar, t: Messages): Converted {
  let day: string | undefined;
  if (raw instanceof Date) {
    // exceljs turns a date serial into a UTC instant; round off float noise before taking the day
    day = utcDay(new Date(Math.round(raw.getTime() / 60000) * 60000));
  } else if (typeof raw === 'number') {
    if (/^\d{8}$/.test(String(raw))) day = isoDate(Math.floor(raw / 10000), Math.floor(raw / 100) % 100, raw % 100);
    // a date serial; small numbers are more likely a slip than a day before 1927
    else if (raw >= 10000 && raw < 2958466) day = utcDay(new Date(Date.UTC(1899, 11, 30) + Math.floor(raw) * 86400000));
  } else if (typeof raw === 'string') {
    const s = raw.normalize('NFKC').trim();
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (m) day = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return day ? { value: day } : { message: t.notDate };
}

const enumPairs = (values: readonly SheetEnumValue[] = []) => values.map((v) => (typeof v === 'string' ? { value: v, label: v } : v));

function convert<Row>(col: SheetColumn<Row>, raw: Scalar, numFmt: string | undefined, t: Messages): Converted {
  switch (col.kind) {
    case 'text':
      return toText(raw, numFmt, t);
    case 'number':
    case 'integer': {
      const n = toNumber(raw, t);
      if (typeof n !== 'number') return n;
      if (col.kind === 'integer') return Number.isSafeInteger(n) ? { value: n } : { message: t.notInteger };
      return { value: col.decimals === undefined ? n : Number(n.toFixed(col.decimals)) };
    }
    case 'date':
      return toDate(raw, t);
    case 'enum': {
      const text = toText(raw, numFmt, t);
      if (!('value' in text)) return text;
      const wanted = normHeader(String(text.value));
      const pairs = enumPairs(col.enumValues);
      const hit = pairs.find((p) => normHeader(p.label) === wanted) ?? pairs.find((p) => normHeader(p.value) === wanted);
      return hit ? { value: hit.value } : { message: t.notInList(pairs.map((p) => p.label).join('、')) };
    }
    case 'list': {
      const text = toText(raw, numFmt, t);
      if (!('value' in text)) return text;
      const items = String(text.value)
        .split(/[、,，;；\r\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      return { value: items.length ? items : undefined };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// writing

const thin = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  border: BORDER,
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
};

const headerOf = <Row>(col: SheetColumn<Row>, lang: SheetLang) => (lang === 'en' && col.headerEn ? col.headerEn : col.header);
const sheetNameOf = <Row>(spec: SheetSpec<Row>) => (spec.sheetName ?? spec.title).replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

function dayIn(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

function cellValue<Row>(col: SheetColumn<Row>, row: Row, timeZone: string): ExcelJS.CellValue {
  const v = col.format ? col.format(row[col.key], row) : row[col.key];
  if (v === null || v === undefined || v === '') return null;
  switch (col.kind) {
    case 'number':
    case 'integer': {
      const n = typeof v === 'number' ? v : Number(v);
      // something that is not a number stays visible, so that its import fails instead of losing it
      return Number.isFinite(n) ? n : String(v);
    }
    case 'date':
      return v instanceof Date ? dayIn(v, timeZone) : String(v).slice(0, 10);
    case 'enum':
      return enumPairs(col.enumValues).find((p) => p.value === v)?.label ?? String(v);
    case 'list':
      return Array.isArray(v) ? v.join('、') : String(v);
    default:
      return typeof v === 'number' ? (numberText(v) ?? String(v)) : v instanceof Date ? dayIn(v, timeZone) : String(v);
  }
}

/** The workbook of `rows`; with no rows it is the empty import template. */
export async function writeSheet<Row>(spec: SheetSpec<Row>, rows: readonly Row[], opts: WriteSheetOptions = {}): Promise<Buffer> {
  const lang = opts.lang ?? 'zh';
  const t = messages[lang];
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneOps';
  const ws = wb.addWorksheet(sheetNameOf(spec));
  const meta = wb.addWorksheet(MARKER_SHEET, { state: 'veryHidden' });
  meta.getRow(1).values = [MARKER, spec.id, spec.version];

  const cols = spec.columns;
  const width = cols.length + 1;
  const grouped = cols.some((c) => c.group);
  const headerRow = grouped ? 3 : 2;
  const firstData = headerRow + 1;

  ws.mergeCells(1, 1, 1, width);
  Object.assign(ws.getCell(1, 1), { value: spec.title, style: { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } } });
  ws.getRow(1).height = 32;

  ws.getColumn(1).width = 6;
  const heads = [t.seq, ...cols.map((c) => (c.required ? '*' : '') + headerOf(c, lang))];
  for (let i = 0; i < width; i++) {
    const col = cols[i - 1];
    ws.getCell(headerRow, i + 1).value = heads[i]!;
    if (col) ws.getColumn(i + 1).width = col.width ?? (col.kind === 'text' || col.kind === 'list' ? 20 : 14);
    if (!grouped) continue;
    const group = col?.group;
    if (!group) {
      ws.getCell(2, i + 1).value = heads[i]!;
      ws.mergeCells(2, i + 1, 3, i + 1);
    } else if (cols[i - 2]?.group !== group) {
      let end = i;
      while (cols[end]?.group === group) end++;
      ws.getCell(2, i + 1).value = group;
      if (end > i) ws.mergeCells(2, i + 1, 2, end + 1);
    }
  }
  for (let r = 2; r <= headerRow; r++) for (let c = 1; c <= width; c++) ws.getCell(r, c).style = HEADER_STYLE;

  // one style object per column: exceljs writes each distinct style once
  const styles = [{ border: BORDER, alignment: { horizontal: 'center' } }, ...cols.map((c) => dataStyle(c))] as Partial<ExcelJS.Style>[];
  rows.forEach((row, i) => {
    const r = ws.getRow(firstData + i);
    r.getCell(1).value = i + 1;
    r.getCell(1).style = styles[0]!;
    cols.forEach((col, j) => {
      const cell = r.getCell(j + 2);
      cell.value = cellValue(col, row, timeZone);
      cell.style = styles[j + 1]!;
    });
  });

  const lastData = firstData + rows.length - 1;
  if (rows.length && opts.totals !== false && cols.some((c) => c.sum)) {
    const r = ws.getRow(lastData + 1);
    r.getCell(1).value = t.total;
    cols.forEach((col, j) => {
      const cell = r.getCell(j + 2);
      if (col.sum) {
        const sum = rows.reduce((s, row) => s + (Number(cellValue(col, row, timeZone)) || 0), 0);
        const letters = colLetters(j + 2);
        cell.value = { formula: `SUM(${letters}${firstData}:${letters}${lastData})`, result: Number(sum.toFixed(col.decimals ?? 6)) };
      }
      cell.style = { ...styles[j + 1], font: { bold: true } };
    });
    r.getCell(1).style = { ...styles[0], font: { bold: true } };
  }

  // enum drop-downs take their lists from the hidden sheet (an inline list is limited to 255 characters)
  const spare = lastData + (opts.spareRows ?? 1000);
  // present at run time, missing from exceljs' type declarations
  const validations = (ws as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  cols.forEach((col, j) => {
    // an empty export without spare rows has no cell to validate (an inverted range would break exceljs)
    if (col.kind !== 'enum' || !col.enumValues?.length || spare < firstData) return;
    const labels = enumPairs(col.enumValues).map((p) => p.label);
    const letters = colLetters(4 + j);
    labels.forEach((label, k) => (meta.getCell(k + 1, 4 + j).value = label));
    validations.add(`${colLetters(j + 2)}${firstData}:${colLetters(j + 2)}${spare}`, {
      type: 'list',
      allowBlank: !col.required,
      formulae: [`'${MARKER_SHEET}'!$${letters}$1:$${letters}$${labels.length}`],
    });
  });

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function dataStyle<Row>(col: SheetColumn<Row>): Partial<ExcelJS.Style> {
  const numFmt = col.kind === 'integer' ? '0' : col.kind === 'number' ? (col.decimals ? `0.${'0'.repeat(col.decimals)}` : 'General') : '@';
  return { numFmt, border: BORDER, alignment: { vertical: 'middle', wrapText: col.kind === 'text' || col.kind === 'list' } };
}

// ---------------------------------------------------------------------------------------------------------------
// reading

interface Layout {
  rowNumber: number;
  cols: Map<string, number>;
  errorCol?: number;
  lastCol: number;
}

function fileError(code: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE', message: string): AppError {
  return new AppError(code, message, [{ path: 'file', message }]);
}

function dataSheet<Row>(wb: ExcelJS.Workbook, spec: SheetSpec<Row>, t: Messages): ExcelJS.Worksheet {
  const sheets = wb.worksheets.filter((ws) => ws.name !== MARKER_SHEET && ws.state === 'visible');
  const ws = sheets.find((s) => s.name === sheetNameOf(spec)) ?? sheets[0];
  if (!ws) throw fileError('VALIDATION_FAILED', t.noSheet);
  return ws;
}

/** The header row is the row matching most column headers (the later one on a tie: group rows repeat merged headers). */
function locateHeader<Row>(ws: ExcelJS.Worksheet, spec: SheetSpec<Row>, lang: SheetLang): Layout {
  const t = messages[lang];
  const byHeader = new Map<string, SheetColumn<Row>>();
  for (const col of spec.columns) for (const h of [col.header, col.headerEn]) if (h) byHeader.set(normHeader(h), col);
  let best: { rowNumber: number; row: ExcelJS.Row; hits: number } | undefined;
  for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SCAN_ROWS); r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    let hits = 0;
    row.eachCell((cell) => void (byHeader.has(normHeader(cell.text)) && hits++));
    if (hits && hits >= (best?.hits ?? 0)) best = { rowNumber: r, row, hits };
  }
  if (!best) throw fileError('VALIDATION_FAILED', t.noHeader(spec.columns.map((c) => headerOf(c, lang)).join('、')));

  const layout: Layout = { rowNumber: best.rowNumber, cols: new Map(), lastCol: 0 };
  const twice: string[] = [];
  best.row.eachCell((cell, c) => {
    layout.lastCol = Math.max(layout.lastCol, c);
    // a header merged across columns counts once, at its first column
    if (cell.isMerged && cell.master !== cell && cell.master.row === cell.row) return;
    const text = normHeader(cell.text);
    const col = byHeader.get(text);
    if (col) {
      if (layout.cols.has(col.key)) twice.push(headerOf(col, lang));
      else layout.cols.set(col.key, c);
    } else if (ERROR_HEADERS.includes(text)) layout.errorCol = c;
  });
  if (twice.length) throw fileError('VALIDATION_FAILED', t.duplicateHeader(twice.join('、')));
  const missing = spec.columns.filter((c) => c.required && !layout.cols.has(c.key)).map((c) => headerOf(c, lang));
  if (missing.length) throw fileError('VALIDATION_FAILED', t.missingColumns(missing.join('、')));
  return layout;
}

function readMarker(wb: ExcelJS.Workbook): { id: string; version: number } | null {
  const meta = wb.getWorksheet(MARKER_SHEET);
  if (!meta || meta.getCell(1, 1).text !== MARKER) return null;
  return { id: meta.getCell(1, 2).text, version: Number(meta.getCell(1, 3).text) };
}

function isTotalRow(row: ExcelJS.Row, lastCol: number): boolean {
  for (let c = 1; c <= lastCol; c++) {
    const v = scalar(row.findCell(c)?.value);
    if (!isBlank(v)) return typeof v === 'string' && TOTAL_LABELS.includes(normHeader(v));
  }
  return false;
}

/** Reads and validates every data row; throws an AppError only for what makes the whole file unreadable. */
export async function readSheet<Row>(spec: SheetSpec<Row>, buffer: Buffer, opts: ReadSheetOptions = {}): Promise<SheetReadResult<Row>> {
  const lang = opts.lang ?? 'zh';
  const t = messages[lang];
  const maxBytes = opts.maxBytes ?? 10 * 1048576;
  const maxRows = opts.maxRows ?? 20_000;
  if (buffer.length > maxBytes) throw fileError('PAYLOAD_TOO_LARGE', t.tooLarge(maxBytes));
  const wb = await loadUploadedWorkbook(buffer, t);
  const template = readMarker(wb);
  if (template && template.id !== spec.id) throw fileError('VALIDATION_FAILED', t.otherTemplate(template.id));
  const ws = dataSheet(wb, spec, t);
  const layout = locateHeader(ws, spec, lang);
  const mapped = spec.columns.flatMap((col) => (layout.cols.has(col.key) ? [{ col, c: layout.cols.get(col.key)! }] : []));

  const dataRows: ExcelJS.Row[] = [];
  const totalRows = new Set<number>();
  for (let r = layout.rowNumber + 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row || mapped.every(({ c }) => isBlank(scalar(row.findCell(c)?.value)))) continue;
    if (isTotalRow(row, layout.lastCol)) totalRows.add(r);
    else if (dataRows.push(row) > maxRows) throw fileError('PAYLOAD_TOO_LARGE', t.tooManyRows(maxRows));
  }
  const merged = mergedRanges(ws).filter((m) => m.bottom > layout.rowNumber && !(m.top === m.bottom && totalRows.has(m.top)));
  if (merged.length) {
    const names = merged.slice(0, 5).map((m) => m.range);
    throw fileError('VALIDATION_FAILED', t.merged(names.join('、') + (merged.length > 5 ? ' …' : '')));
  }

  const result: SheetReadResult<Row> = { rows: [], errors: [], duplicates: [], total: dataRows.length, headerRowNumber: layout.rowNumber, template };
  const byKey = new Map(spec.columns.map((col) => [col.key as string, col]));
  const seen = new Map<string, number[]>();
  for (const [i, row] of dataRows.entries()) {
    const r = row.number;
    const rowErrors: SheetError[] = [];
    const bad = new Set<string>();
    const fail = (col: SheetColumn<Row> | undefined, message: string) => {
      const error: SheetError = { rowNumber: r, message };
      if (col) {
        const c = layout.cols.get(col.key);
        Object.assign(error, { column: headerOf(col, lang), key: col.key }, c && { cell: `${colLetters(c)}${r}` });
        bad.add(col.key);
      }
      rowErrors.push(error);
    };
    const obj: Record<string, unknown> = {};
    for (const { col, c } of mapped) {
      const cell = row.findCell(c);
      const raw = scalar(cell?.value);
      if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) {
        fail(col, t.cellError(raw.error));
        continue;
      }
      if (isBlank(raw)) {
        if (col.required) fail(col, t.required);
        continue;
      }
      let out = convert(col, raw, cell?.numFmt, t);
      if ('value' in out && out.value !== undefined && col.parse) {
        try {
          out = { value: col.parse(out.value) };
        } catch (err) {
          out = { message: err instanceof Error ? err.message : String(err) };
        }
      }
      if ('message' in out) fail(col, out.message);
      else if (out.value !== undefined) obj[col.key] = out.value;
      else if (col.required) fail(col, t.required);
    }
    const parsed = spec.schema.safeParse(obj, { error: zodErrors[lang] });
    if (!parsed.success) {
      // a cell already reported by its conversion is not reported again by the schema
      const reported = new Set(bad);
      for (const issue of parsed.error.issues) {
        const key = issue.path.length ? String(issue.path[0]) : undefined;
        if (key !== undefined && reported.has(key)) continue;
        const missing = key !== undefined && obj[key] === undefined && issue.code === 'invalid_type';
        fail(key === undefined ? undefined : byKey.get(key), missing ? t.required : issue.message);
      }
    }
    if (!rowErrors.length && parsed.success) {
      const key = spec.naturalKey(parsed.data);
      const rowsOfKey = seen.get(key);
      if (rowsOfKey) {
        rowsOfKey.push(r);
        fail(undefined, t.duplicate(rowsOfKey[0]!));
      } else {
        seen.set(key, [r]);
        result.rows.push({ rowNumber: r, key, value: parsed.data });
      }
    }
    const order = (e: SheetError) => (e.key ? (layout.cols.get(e.key) ?? Infinity) : Infinity);
    result.errors.push(...rowErrors.sort((a, b) => order(a) - order(b)));
    if ((i + 1) % 500 === 0) {
      opts.onProgress?.(i + 1, dataRows.length);
      // let other requests run between chunks of a large file
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (dataRows.length % 500 || !dataRows.length) opts.onProgress?.(dataRows.length, dataRows.length);
  for (const [key, rowNumbers] of seen) if (rowNumbers.length > 1) result.duplicates.push({ key, rowNumbers });
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// annotating and committing

/** The uploaded workbook with each bad cell filled light red with a note, and a 错误说明 column on each bad row. */
export async function annotateErrors<Row>(
  buffer: Buffer,
  errors: readonly SheetError[],
  spec: SheetSpec<Row>,
  opts: { lang?: SheetLang } = {},
): Promise<Buffer> {
  const lang = opts.lang ?? 'zh';
  const t = messages[lang];
  const wb = await loadUploadedWorkbook(buffer, t);
  const ws = dataSheet(wb, spec, t);
  const layout = locateHeader(ws, spec, lang);
  const errorCol = layout.errorCol ?? layout.lastCol + 1;
  const byRow = new Map<number, SheetError[]>();
  for (const e of errors) byRow.set(e.rowNumber, [...(byRow.get(e.rowNumber) ?? []), e]);

  if (layout.errorCol) {
    // a workbook annotated before and corrected since: drop the old marks of rows that are now clean
    for (let r = layout.rowNumber + 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (!row || byRow.has(r)) continue;
      row.eachCell((cell, c) => {
        if (c === errorCol) cell.value = null;
        else if (isOurMark(cell)) clearMark(cell);
      });
    }
  }

  const header = ws.getCell(layout.rowNumber, errorCol);
  header.value = t.errorHeader;
  header.style = { ...HEADER_STYLE, font: { bold: true, color: { argb: 'FFC00000' } } };
  ws.getColumn(errorCol).width = 48;
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ERROR_ARGB } };
  for (const [r, list] of byRow) {
    const row = ws.getRow(r);
    row.eachCell((cell, c) => c !== errorCol && isOurMark(cell) && clearMark(cell));
    const byCell = new Map<string, string[]>();
    for (const e of list) if (e.cell) byCell.set(e.cell, [...(byCell.get(e.cell) ?? []), e.message]);
    for (const [address, notes] of byCell) {
      const cell = ws.getCell(address);
      // styles loaded from a file are shared between cells: give this cell its own copy
      cell.style = { ...cell.style, fill };
      cell.note = notes.join('\n');
    }
    const cell = row.getCell(errorCol);
    cell.value = list.map((e) => (e.column ? `${e.column}：${e.message}` : e.message)).join('\n');
    cell.style = { font: { color: { argb: 'FFC00000' } }, alignment: { wrapText: true, vertical: 'top' } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function planImport<Row>(result: SheetReadResult<Row>): ImportPlan<Row> {
  return { valid: result.rows, errors: result.errors, total: result.total };
}

/** The rows to commit: all of them when the file is clean; with errors only when the caller asked for the valid ones. */
export function rowsToCommit<Row>(plan: ImportPlan<Row>, opts: { onlyValid?: boolean; lang?: SheetLang } = {}): ParsedRow<Row>[] {
  if (plan.errors.length && !opts.onlyValid) {
    const details = plan.errors.slice(0, 200).map((e) => ({ path: `row${e.rowNumber}${e.key ? `.${e.key}` : ''}`, message: e.message }));
    throw new AppError('VALIDATION_FAILED', messages[opts.lang ?? 'zh'].hasErrors(plan.errors.length), details);
  }
  return plan.valid;
}

/** A list exported as a workbook (the sheet's rows only, no spare rows) with the audit record of who exported it. */
export async function exportListSheet<Row>(
  audit: { record(tx: null, ctx: RequestContext, input: AuditInput): Promise<void> },
  ctx: RequestContext,
  spec: Omit<SheetSpec<Row>, 'version' | 'schema'>,
  rows: readonly Row[],
  record: { action: string; entityType: string; query: Record<string, unknown>; filename: string },
): Promise<{ filename: string; buffer: Buffer }> {
  const buffer = await writeSheet({ ...spec, version: 1, schema: z.any() as z.ZodType<Row> }, rows, { spareRows: 0 });
  await audit.record(null, ctx, {
    action: record.action,
    entityType: record.entityType,
    diff: { rows: rows.length, query: { ...record.query, page: undefined, pageSize: undefined } },
  });
  return { filename: record.filename, buffer };
}
