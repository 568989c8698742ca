// The supervision ledger as offices keep it in Excel: 序号, 编号, 事项, 来源, 牵头单位, 配合单位, 责任人, 领导, 时限, 进展,
// 状态, 灯色, 灯色原因. 编号 is the natural key (empty for a new task); 状态, 灯色 and 灯色原因 are shown, never imported.
// Also the one thing platform/sheets.ts refuses outright that an import should report row by row: cells merged in the
// data area. They are listed as row errors and unmerged before the sheet is read.
import ExcelJS from 'exceljs';
import { isoDate, ledgerSourceLabels, ledgerSources, type LedgerSource } from '@zoneops/shared';
import { z } from 'zod';
import type { SheetColumn, SheetError, SheetSpec } from '../../platform/sheets.ts';

const optional = (max: number) => z.string().max(max).optional();

export const ledgerSheetRowSchema = z.object({
  code: optional(64),
  title: z.string().min(1).max(300),
  source: z.enum(ledgerSources),
  leadUnit: z.string().min(1).max(200),
  coUnits: z.array(z.string().max(200)).max(30).optional(),
  owner: optional(100),
  leader: optional(100),
  deadline: isoDate,
  progress: optional(4000),
  // shown only
  status: z.string().optional(),
  light: z.string().optional(),
  lightReason: z.string().optional(),
});
export type LedgerSheetRow = z.output<typeof ledgerSheetRowSchema>;

export const columns: readonly SheetColumn<LedgerSheetRow>[] = [
  { key: 'code', header: '编号', headerEn: 'Code', kind: 'text', width: 16 },
  { key: 'title', header: '事项', headerEn: 'Task', kind: 'text', required: true, width: 40 },
  {
    key: 'source',
    header: '来源',
    headerEn: 'Source',
    kind: 'enum',
    required: true,
    width: 12,
    enumValues: ledgerSources.map((value: LedgerSource) => ({ value, label: ledgerSourceLabels[value] })),
  },
  { key: 'leadUnit', header: '牵头单位', headerEn: 'Lead unit', kind: 'text', required: true, width: 18 },
  { key: 'coUnits', header: '配合单位', headerEn: 'Co-units', kind: 'list', width: 24 },
  { key: 'owner', header: '责任人', headerEn: 'Owner', kind: 'text', width: 10 },
  { key: 'leader', header: '领导', headerEn: 'Leader', kind: 'text', width: 10 },
  { key: 'deadline', header: '时限', headerEn: 'Deadline', kind: 'date', required: true, width: 12 },
  { key: 'progress', header: '进展', headerEn: 'Progress', kind: 'text', width: 44 },
  { key: 'status', header: '状态', headerEn: 'Status', kind: 'text', width: 10 },
  { key: 'light', header: '灯色', headerEn: 'Light', kind: 'text', width: 8 },
  { key: 'lightReason', header: '灯色原因', headerEn: 'Light reason', kind: 'text', width: 22 },
];

export const SHEET_NAME = '督办事项';

/** The sheet of a ledger; the title row is the ledger's name. */
export function ledgerSheetSpec(title: string): SheetSpec<LedgerSheetRow> {
  return {
    id: 'ledger-items',
    version: 1,
    title,
    sheetName: SHEET_NAME,
    columns,
    schema: ledgerSheetRowSchema as unknown as z.ZodType<LedgerSheetRow>,
    // A new task has no 编号 yet: two new rows with the same task and lead unit are the same task written twice.
    naturalKey: (row) => (row.code ? `code:${row.code}` : `new:${row.title}|${row.leadUnit}`),
  };
}

export const headerOf = (key: keyof LedgerSheetRow) => columns.find((c) => c.key === key)!.header;

// ---------------------------------------------------------------------------------------------------------------
// the workbook before platform/sheets.ts reads it

/** A header text reduced for matching, as platform/sheets.ts does it. */
function normHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\(必填\)$/, '')
    .toLowerCase();
}

export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface Inspection {
  /** The workbook to read: the upload, or the upload with the data area unmerged. */
  buffer: Buffer;
  /** Column number of each recognised header. */
  columnOf: Map<keyof LedgerSheetRow, number>;
  /** One error per row a data-area merge spans. */
  mergeErrors: SheetError[];
  /** Cells emptied by unmerging (A1 addresses): errors the reader reports there are the merge's. */
  unmergedCells: Set<string>;
}

/**
 * Finds the header row and every merge below it. Returns undefined when the file cannot be read here: the reader
 * then says why (not an xlsx, no header…).
 */
export async function inspectWorkbook(buffer: Buffer): Promise<Inspection | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return undefined;
  }
  const sheets = wb.worksheets.filter((ws) => ws.name !== '_zoneops' && ws.state === 'visible');
  const ws = sheets.find((s) => s.name === SHEET_NAME) ?? sheets[0];
  if (!ws) return undefined;

  const byHeader = new Map<string, keyof LedgerSheetRow>();
  for (const c of columns) for (const h of [c.header, c.headerEn]) if (h) byHeader.set(normHeader(h), c.key);
  let best: { row: number; hits: number } | undefined;
  for (let r = 1; r <= Math.min(ws.rowCount, 30); r++) {
    let hits = 0;
    ws.findRow(r)?.eachCell((cell) => void (byHeader.has(normHeader(cell.text)) && hits++));
    if (hits && hits >= (best?.hits ?? 0)) best = { row: r, hits };
  }
  if (!best) return undefined;
  const headerRow = best.row;
  const columnOf = new Map<keyof LedgerSheetRow, number>();
  ws.getRow(headerRow).eachCell((cell, c) => {
    const key = byHeader.get(normHeader(cell.text));
    if (key && !columnOf.has(key)) columnOf.set(key, c);
  });
  const headerAt = new Map([...columnOf].map(([key, c]) => [c, headerOf(key)]));

  const internal = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges;
  const ranges = internal ? Object.values(internal).map((m) => m.range) : ws.model.merges;
  const mergeErrors: SheetError[] = [];
  const unmergedCells = new Set<string>();
  const toUnmerge: string[] = [];
  for (const range of ranges) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
    if (!m) continue;
    const [left, top, right, bottom] = [colNumber(m[1]!), Number(m[2]), colNumber(m[3] ?? m[1]!), Number(m[4] ?? m[2])];
    if (bottom <= headerRow) continue;
    toUnmerge.push(range);
    const master = `${m[1]}${top}`;
    for (let r = Math.max(top, headerRow + 1); r <= bottom; r++) {
      for (let c = left; c <= right; c++) if (r !== top || c !== left) unmergedCells.add(`${colLetters(c)}${r}`);
      const column = headerAt.get(left) ?? null;
      mergeErrors.push({
        rowNumber: r,
        ...(column ? { column } : {}),
        ...(r === top ? { cell: master } : {}),
        message: `合并单元格 ${range} 位于数据区，请取消合并后重新上传`,
      });
    }
  }
  if (!toUnmerge.length) return { buffer, columnOf, mergeErrors, unmergedCells };
  for (const range of toUnmerge) ws.unMergeCells(range);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), columnOf, mergeErrors, unmergedCells };
}
