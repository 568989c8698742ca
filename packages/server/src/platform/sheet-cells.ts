// Cell-level reading and marking rules shared by every spreadsheet import (platform/sheets.ts for the column-spec
// imports, modules/economy/economy-sheet.ts for the statistics bureau's tables): what a cell shows, column letters,
// merged ranges, the red mark with a note on a bad cell, and loading an uploaded workbook.
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';

export type Scalar = string | number | boolean | Date | null;

/** The fill of a cell marked bad by an annotated workbook. */
export const ERROR_ARGB = 'FFFFC7CE';

/** What a cell shows: rich text, formula results and hyperlink texts reduced to a plain value. */
export function scalar(v: unknown): Scalar | { error: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('formula' in o || 'sharedFormula' in o) return scalar(o.result);
  if ('hyperlink' in o) return scalar(o.text);
  if (typeof o.error === 'string') return { error: o.error };
  return String(v);
}

/** 1 → A, 27 → AA. */
export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A → 1, AA → 27. */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export interface MergedRange {
  range: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The merged ranges of a sheet. */
export function mergedRanges(ws: ExcelJS.Worksheet): MergedRange[] {
  // exceljs keeps the merges in a private map; ws.model.merges has them too but serialises every row to get them
  const internal = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges;
  const ranges = internal ? Object.values(internal).map((m) => m.range) : ws.model.merges;
  return ranges.flatMap((range) => {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
    if (!m) return [];
    const [top, bottom] = [Number(m[2]), Number(m[4] ?? m[2])];
    const [left, right] = [colNumber(m[1]!), colNumber(m[3] ?? m[1]!)];
    return [{ range: range.replace(/\$/g, ''), top, left, bottom, right }];
  });
}

/** Whether a cell carries the mark of an earlier annotation (so a corrected workbook re-imports clean). */
export function isOurMark(cell: ExcelJS.Cell): boolean {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' && fill.fgColor?.argb === ERROR_ARGB && cell.note !== undefined;
}

export function clearMark(cell: ExcelJS.Cell): void {
  const { fill: _fill, ...rest } = cell.style;
  cell.style = rest;
  // exceljs has no public way to remove a note (assigning undefined leaves an empty one): a loaded cell keeps it both in
  // its value model, replaced by assigning the value afresh, and in a private field
  const value = cell.value;
  cell.value = null;
  cell.value = value;
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

/** An uploaded workbook, or UNSUPPORTED_MEDIA_TYPE with the caller's message (not an xlsx file / damaged). */
export async function loadUploadedWorkbook(buffer: Buffer, messages: { notXlsx: string; corrupt: string }): Promise<ExcelJS.Workbook> {
  const fail = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message, [{ path: 'file', message }]);
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw fail(messages.notXlsx);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw fail(messages.corrupt);
  }
  return wb;
}
