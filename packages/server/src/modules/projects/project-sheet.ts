// The workbooks of key projects as offices keep them: a title row, a unit row (单位：万元), a two-row header with merged
// group cells, a 序号 column, money as numbers with two decimals, and 合计 / 小计 rows.
// - the project ledger (重点项目台账): export, import template, and the spec platform/sheets.ts reads it back with;
// - the monthly report (重点项目投资完成情况月报表), the year lists (新动工 / 新投产 / 新储备) and the printable list of a
//   concentrated start / completion batch (集中开竣工).
// One file on purpose: the four layouts share the head, the cell formats and the styles.
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import {
  ceremonyRoles,
  investorTypes,
  isMoney,
  projectCategories,
  projectLevels,
  projectNatures,
  projectStages,
  stageName,
  type CeremonyRole,
  type ProjectStage,
  type ReportStatus,
  type YearListKind,
} from '@zoneops/shared';
import { z } from 'zod';
import type { SheetColumn, SheetError, SheetSpec } from '../../platform/sheets.ts';

// ---------------------------------------------------------------------------------------------------------------
// labels (the words in the cells)

export const levelLabels: Record<(typeof projectLevels)[number], string> = { province: '省重点', city: '市重点', district: '区重点' };
export const categoryLabels: Record<(typeof projectCategories)[number], string> = {
  industry: '产业项目',
  infrastructure: '基础设施',
  services: '服务业',
  social: '社会民生',
  innovation: '科技创新',
};
export const natureLabels: Record<(typeof projectNatures)[number], string> = { new: '新建', expansion: '扩建', renovation: '技改' };
export const investorTypeLabels: Record<(typeof investorTypes)[number], string> = {
  state: '国有',
  private: '民营',
  foreign: '外资',
  mixed: '混合所有制',
  government: '政府投资',
};
export const stageLabels = Object.fromEntries(projectStages.map((s) => [s, stageName(s)])) as Record<ProjectStage, string>;
export const projectLightLabels: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', none: '不亮灯' };
export const reportStatusLabels: Record<ReportStatus | 'none', string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核',
  returned: '已退回',
  none: '未报送',
};
export const ceremonyRoleLabels: Record<CeremonyRole, string> = { start: '集中开工', completion: '集中竣工', production: '集中投产' };
export const yearListTitles: Record<YearListKind, { title: string; date: string }> = {
  newlyStarted: { title: '新动工项目清单', date: '实际开工' },
  newlyProducing: { title: '新投产项目清单', date: '投产日期' },
  newReserve: { title: '新储备项目清单', date: '入库日期' },
};

const pairs = <K extends string>(labels: Record<K, string>) => (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

/** Chinese numerals for the groups of a report (一、二、…). */
export function groupNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

// ---------------------------------------------------------------------------------------------------------------
// the project ledger: one row per project

/** A funding column's key: `fund:<top-level code of the fundingSource dictionary>`. */
export type FundKey = `fund:${string}`;
export const fundKey = (code: string): FundKey => `fund:${code}`;

export interface ProjectSheetRow {
  code?: string;
  name: string;
  content?: string;
  owner: string;
  leadUnit: string;
  leaders?: string[];
  industry: string;
  category: (typeof projectCategories)[number];
  nature: (typeof projectNatures)[number];
  level: (typeof projectLevels)[number];
  investorType: (typeof investorTypes)[number];
  stage?: ProjectStage;
  /** 万元, "1234.50". */
  totalInvestment: string;
  annualPlan?: string;
  plannedStartOn?: string;
  plannedCompletionOn?: string;
  actualStartOn?: string;
  lng?: number;
  lat?: number;
  // shown only
  light?: string;
  lightReason?: string;
  [fund: FundKey]: string | undefined;
}
export type ProjectSheetKey = keyof ProjectSheetRow & string;

export interface CodeLabel {
  code: string;
  label: string;
}

/** What the ledger's layout depends on: the title and two dictionaries. */
export interface LedgerSheetContext {
  title: string;
  /** The 'industry' dictionary. */
  industries: readonly CodeLabel[];
  /** Top-level codes of the 'fundingSource' dictionary, one column each. */
  fundingSources: readonly CodeLabel[];
}

export const LEDGER_SHEET_ID = 'project-ledger';
export const LEDGER_SHEET_NAME = '重点项目台账';
const BASIC = '项目基本情况';
const TOTAL = '总投资';
const SCHEDULE = '建设工期';
const PLACE = '项目位置';
const LIGHT = '亮灯情况';

/** Money cell → "1234.50" (rounded to the two decimals the cell shows); refuses negatives and more than 14 digits. */
export function parseMoney(value: unknown): string {
  const n = value as number;
  if (n < 0) throw new Error('金额不能为负数');
  const s = n.toFixed(2);
  if (!isMoney(s)) throw new Error('金额超出范围（最多 14 位整数）');
  return s;
}

const money = z.string();
const optional = (max: number) => z.string().max(max).optional();

export function ledgerColumns(ctx: Pick<LedgerSheetContext, 'industries' | 'fundingSources'>): SheetColumn<ProjectSheetRow>[] {
  const moneyColumn = (key: ProjectSheetKey, header: string, group?: string, required = false): SheetColumn<ProjectSheetRow> => ({
    key,
    header,
    kind: 'number',
    decimals: 2,
    sum: true,
    width: 13,
    parse: parseMoney,
    ...(group ? { group } : {}),
    ...(required ? { required } : {}),
  });
  return [
    { key: 'code', header: '项目编码', headerEn: 'Code', kind: 'text', width: 16, group: BASIC },
    { key: 'name', header: '项目名称', headerEn: 'Name', kind: 'text', required: true, width: 32, group: BASIC },
    { key: 'content', header: '建设内容及规模', headerEn: 'Content and scale', kind: 'text', width: 40, group: BASIC },
    { key: 'owner', header: '业主单位', headerEn: 'Owner', kind: 'text', required: true, width: 24, group: BASIC },
    { key: 'leadUnit', header: '责任单位', headerEn: 'Responsible unit', kind: 'text', required: true, width: 16, group: BASIC },
    { key: 'leaders', header: '挂钩领导', headerEn: 'Linked leaders', kind: 'list', width: 14, group: BASIC },
    {
      key: 'industry',
      header: '行业',
      headerEn: 'Industry',
      kind: 'enum',
      required: true,
      width: 12,
      group: BASIC,
      enumValues: ctx.industries.map((i) => ({ value: i.code, label: i.label })),
    },
    { key: 'category', header: '类别', headerEn: 'Category', kind: 'enum', required: true, width: 10, group: BASIC, enumValues: pairs(categoryLabels) },
    { key: 'nature', header: '性质', headerEn: 'Nature', kind: 'enum', required: true, width: 8, group: BASIC, enumValues: pairs(natureLabels) },
    { key: 'level', header: '级别', headerEn: 'Level', kind: 'enum', required: true, width: 9, group: BASIC, enumValues: pairs(levelLabels) },
    {
      key: 'investorType',
      header: '投资主体',
      headerEn: 'Investor type',
      kind: 'enum',
      required: true,
      width: 10,
      group: BASIC,
      enumValues: pairs(investorTypeLabels),
    },
    { key: 'stage', header: '阶段', headerEn: 'Stage', kind: 'enum', width: 8, group: BASIC, enumValues: pairs(stageLabels) },
    moneyColumn('totalInvestment', '合计', TOTAL, true),
    ...ctx.fundingSources.map((s) => moneyColumn(fundKey(s.code), s.label, TOTAL)),
    moneyColumn('annualPlan', '年度计划投资'),
    { key: 'plannedStartOn', header: '计划开工', headerEn: 'Planned start', kind: 'date', width: 12, group: SCHEDULE },
    { key: 'plannedCompletionOn', header: '计划竣工', headerEn: 'Planned completion', kind: 'date', width: 12, group: SCHEDULE },
    { key: 'actualStartOn', header: '实际开工', headerEn: 'Actual start', kind: 'date', width: 12, group: SCHEDULE },
    { key: 'lng', header: '经度', headerEn: 'Longitude', kind: 'number', width: 12, group: PLACE },
    { key: 'lat', header: '纬度', headerEn: 'Latitude', kind: 'number', width: 12, group: PLACE },
    { key: 'light', header: '灯色', headerEn: 'Light', kind: 'text', width: 8, group: LIGHT },
    { key: 'lightReason', header: '灯色原因', headerEn: 'Light reason', kind: 'text', width: 28, group: LIGHT },
  ];
}

export function ledgerRowSchema(fundingSources: readonly CodeLabel[]): z.ZodType<ProjectSheetRow> {
  return z
    .object({
      code: z
        .string()
        .regex(/^[A-Za-z0-9-]{2,40}$/, '项目编码应为 2–40 位字母、数字或“-”')
        .optional(),
      name: z.string().min(1).max(200),
      content: optional(4000),
      owner: z.string().min(1).max(200),
      leadUnit: z.string().min(1).max(200),
      leaders: z.array(z.string().max(100)).max(10, '挂钩领导最多 10 位').optional(),
      industry: z.string().min(1).max(40),
      category: z.enum(projectCategories),
      nature: z.enum(projectNatures),
      level: z.enum(projectLevels),
      investorType: z.enum(investorTypes),
      stage: z.enum(projectStages).optional(),
      totalInvestment: money,
      annualPlan: money.optional(),
      plannedStartOn: z.string().optional(),
      plannedCompletionOn: z.string().optional(),
      actualStartOn: z.string().optional(),
      lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间').optional(),
      lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间').optional(),
      light: z.string().optional(),
      lightReason: z.string().optional(),
      ...Object.fromEntries(fundingSources.map((s) => [fundKey(s.code), money.optional()])),
    })
    .strip() as unknown as z.ZodType<ProjectSheetRow>;
}

export type LedgerSheetSpec = SheetSpec<ProjectSheetRow>;

export function ledgerSheetSpec(ctx: LedgerSheetContext): LedgerSheetSpec {
  return {
    id: LEDGER_SHEET_ID,
    version: 1,
    title: ctx.title,
    sheetName: LEDGER_SHEET_NAME,
    columns: ledgerColumns(ctx),
    schema: ledgerRowSchema(ctx.fundingSources),
    // 项目编码 when given, else 项目名称 + 业主单位 (the import checks the other combinations against the database).
    naturalKey: (row) => (row.code ? `code:${row.code}` : `name:${row.name}|${row.owner}`),
  };
}

export const ledgerTitle = (year: number) => `${year}年古雷港经济开发区重点项目台账`;

// ---------------------------------------------------------------------------------------------------------------
// writing: the head every layout shares

export type CellFormat = 'text' | 'money' | 'date' | 'coord' | 'percent' | 'int';
export interface LayoutColumn {
  header: string;
  group?: string;
  width: number;
  format: CellFormat;
}
export type CellValue = string | number | Date | null | undefined | { formula: string; result: number };
type RowKind = 'data' | 'total' | 'subtotal' | 'group';

const NUM_FMT: Record<CellFormat, string> = { text: '@', money: '#,##0.00', date: 'yyyy-mm-dd', coord: '0.000000', percent: '0.0', int: '0' };
const thin = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  border: BORDER,
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
};
const SUBTOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFAFAFA' } };

export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A 'yyyy-mm-dd' day as the Date exceljs writes as that day's serial. */
const dayValue = (s: string) => new Date(`${s.slice(0, 10)}T00:00:00.000Z`);

/** Writes rows of cells with one style object per column and row kind (exceljs stores each distinct style once). */
export class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();
  headerRow = 0;
  firstData = 0;

  constructor(
    ws: ExcelJS.Worksheet,
    readonly columns: readonly LayoutColumn[],
  ) {
    this.ws = ws;
  }

  /** Title (merged), a note row (单位：万元, right) and the header: two rows when a column has a group. Returns the first data row. */
  head(title: string, note: string, extraRows: string[] = []): number {
    const { ws, columns } = this;
    const width = columns.length;
    let r = 1;
    ws.mergeCells(r, 1, r, width);
    Object.assign(ws.getCell(r, 1), {
      value: title,
      style: { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
    });
    ws.getRow(r).height = 32;
    for (const text of extraRows) {
      r++;
      ws.mergeCells(r, 1, r, width);
      Object.assign(ws.getCell(r, 1), { value: text, style: { alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } } });
    }
    r++;
    ws.mergeCells(r, 1, r, width);
    Object.assign(ws.getCell(r, 1), { value: note, style: { alignment: { horizontal: 'right', vertical: 'middle' } } });
    const top = r + 1;
    const grouped = columns.some((c) => c.group);
    this.headerRow = grouped ? top + 1 : top;
    columns.forEach((col, i) => {
      ws.getColumn(i + 1).width = col.width;
      ws.getCell(this.headerRow, i + 1).value = col.header;
      if (!grouped) return;
      if (!col.group) {
        ws.getCell(top, i + 1).value = col.header;
        ws.mergeCells(top, i + 1, top + 1, i + 1);
      } else if (columns[i - 1]?.group !== col.group) {
        let end = i;
        while (columns[end + 1]?.group === col.group) end++;
        ws.getCell(top, i + 1).value = col.group;
        if (end > i) ws.mergeCells(top, i + 1, top, end + 1);
      }
    });
    for (let row = top; row <= this.headerRow; row++) for (let c = 1; c <= width; c++) ws.getCell(row, c).style = HEADER_STYLE;
    ws.getRow(this.headerRow).height = 30;
    this.firstData = this.headerRow + 1;
    return this.firstData;
  }

  private style(c: number, kind: RowKind): Partial<ExcelJS.Style> {
    const key = `${c}:${kind}`;
    let s = this.styles.get(key);
    if (!s) {
      const col = this.columns[c]!;
      s = {
        numFmt: NUM_FMT[col.format],
        border: BORDER,
        alignment: { vertical: 'middle', wrapText: col.format === 'text', ...(col.format === 'int' ? { horizontal: 'center' } : {}) },
        ...(kind === 'data' ? {} : { font: { bold: true } }),
        ...(kind === 'subtotal' || kind === 'group' ? { fill: SUBTOTAL_FILL } : {}),
      };
      this.styles.set(key, s);
    }
    return s;
  }

  /** One row of values in column order; money as "1234.50" strings, dates as 'yyyy-mm-dd'. */
  put(rowNumber: number, values: readonly CellValue[], kind: RowKind = 'data'): void {
    const row = this.ws.getRow(rowNumber);
    this.columns.forEach((col, c) => {
      const cell = row.getCell(c + 1);
      cell.value = this.cellValue(col, values[c]);
      cell.style = this.style(c, kind);
    });
  }

  private cellValue(col: LayoutColumn, v: CellValue): ExcelJS.CellValue {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'object' && !(v instanceof Date)) return v;
    switch (col.format) {
      case 'money':
      case 'coord':
      case 'percent':
        return typeof v === 'number' ? v : Number(v);
      case 'date':
        return typeof v === 'string' ? dayValue(v) : v;
      case 'int':
        return v;
      default:
        return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    }
  }

  /** A group heading across the row (一、集中开工项目…). */
  banner(rowNumber: number, text: string): void {
    this.put(rowNumber, [], 'group');
    this.ws.mergeCells(rowNumber, 1, rowNumber, this.columns.length);
    const cell = this.ws.getCell(rowNumber, 1);
    cell.value = text;
    cell.style = { ...this.style(1, 'group'), alignment: { horizontal: 'left', vertical: 'middle' } };
  }

  freeze(xSplit = 0): void {
    this.ws.views = [{ state: 'frozen', xSplit, ySplit: this.headerRow }];
  }
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneOps';
  return wb;
}

export const toBuffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

const sumFormula = (fn: 'SUM' | 'SUBTOTAL', c: number, from: number, to: number, result: string | number) => ({
  formula: fn === 'SUM' ? `SUM(${colLetters(c)}${from}:${colLetters(c)}${to})` : `SUBTOTAL(9,${colLetters(c)}${from}:${colLetters(c)}${to})`,
  result: Number(result),
});

// ---------------------------------------------------------------------------------------------------------------
// the ledger workbook

// platform/sheets.ts recognises its own templates by this hidden sheet: the ledger is read back by readSheet.
const MARKER_SHEET = '_zoneops';
const MARKER = 'zoneops-sheet';

const ledgerFormat = (col: SheetColumn<ProjectSheetRow>): CellFormat =>
  col.kind === 'date' ? 'date' : col.kind === 'number' ? (col.decimals === 2 ? 'money' : 'coord') : 'text';

/**
 * The ledger of `rows` (the import template when empty): 序号, the columns of the spec, and a 合计 row of the money
 * columns (SUM formulas with their exact results). Enum columns get drop-downs.
 */
export async function writeLedger(spec: LedgerSheetSpec, rows: readonly ProjectSheetRow[], sums: Partial<Record<ProjectSheetKey, string>>): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(LEDGER_SHEET_NAME);
  const meta = wb.addWorksheet(MARKER_SHEET, { state: 'veryHidden' });
  meta.getRow(1).values = [MARKER, spec.id, spec.version];
  const cols = spec.columns;
  const layout: LayoutColumn[] = [
    { header: '序号', width: 6, format: 'int' },
    ...cols.map((c) => ({ header: (c.required ? '*' : '') + c.header, width: c.width ?? 14, format: ledgerFormat(c), ...(c.group ? { group: c.group } : {}) })),
  ];
  const w = new SheetWriter(ws, layout);
  const first = w.head(spec.title, '单位：万元');
  const labelOf = cols.map((c) => (c.kind === 'enum' ? new Map((c.enumValues ?? []).map((e) => (typeof e === 'string' ? [e, e] : [e.value, e.label]))) : null));
  rows.forEach((row, i) => {
    w.put(first + i, [
      i + 1,
      ...cols.map((c, j) => {
        const v = row[c.key];
        if (v === undefined || v === null) return null;
        if (Array.isArray(v)) return v.join('、');
        return labelOf[j]?.get(String(v)) ?? (v as CellValue);
      }),
    ]);
  });
  const last = first + rows.length - 1;
  if (rows.length) {
    w.put(last + 1, ['合计', ...cols.map((c, j) => (c.sum ? sumFormula('SUM', j + 2, first, last, sums[c.key] ?? 0) : null))], 'total');
  }
  // enum drop-downs from lists in the hidden sheet (an inline list is limited to 255 characters)
  const validations = (ws as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  cols.forEach((col, j) => {
    if (col.kind !== 'enum' || !col.enumValues?.length) return;
    const labels = col.enumValues.map((e) => (typeof e === 'string' ? e : e.label));
    const letters = colLetters(4 + j);
    labels.forEach((label, k) => (meta.getCell(k + 1, 4 + j).value = label));
    validations.add(`${colLetters(j + 2)}${first}:${colLetters(j + 2)}${Math.max(last, first) + 1000}`, {
      type: 'list',
      allowBlank: !col.required,
      formulae: [`'${MARKER_SHEET}'!$${letters}$1:$${letters}$${labels.length}`],
    });
  });
  w.freeze(3);
  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------------------------
// the monthly report (重点项目投资完成情况月报表)

export interface MonthlyReportLine {
  name: string;
  leadUnitName: string;
  totalInvestment: string;
  /** null when the project's plan is of another year. */
  annualPlan: string | null;
  monthPlanned: string;
  monthCompleted: string;
  ytdPlanned: string;
  ytdCompleted: string;
  /** ytdCompleted / annualPlan, %. */
  annualPercent: number | null;
  completedTotal: string;
  /** completedTotal / totalInvestment, %. */
  totalPercent: number | null;
  physicalProgress: string | null;
  status: string;
}
export interface MonthlyReportGroup {
  unitName: string;
  lines: MonthlyReportLine[];
  subtotal: MonthlyReportLine;
}
export interface MonthlyReport {
  year: number;
  month: number;
  groups: MonthlyReportGroup[];
  total: MonthlyReportLine;
  count: number;
}

export const MONTHLY_SHEET_NAME = '重点项目月报表';
export const monthlyTitle = (year: number, month: number) => `重点项目投资完成情况月报表（${year}年${month}月）`;

export const monthlyColumns: readonly LayoutColumn[] = [
  { header: '序号', width: 7, format: 'int' },
  { header: '项目名称', width: 34, format: 'text' },
  { header: '责任单位', width: 16, format: 'text' },
  { header: '总投资', width: 14, format: 'money' },
  { header: '年度计划投资', width: 14, format: 'money' },
  { header: '计划', group: '本月', width: 12, format: 'money' },
  { header: '完成', group: '本月', width: 12, format: 'money' },
  { header: '计划', group: '年度累计', width: 13, format: 'money' },
  { header: '完成', group: '年度累计', width: 13, format: 'money' },
  { header: '完成率%', group: '年度累计', width: 9, format: 'percent' },
  { header: '开工累计完成', width: 14, format: 'money' },
  { header: '占总投资%', width: 10, format: 'percent' },
  { header: '形象进度', width: 36, format: 'text' },
  { header: '报送状态', width: 10, format: 'text' },
];
/** Columns (1-based) summed in the 合计 and 小计 rows. */
const MONTHLY_MONEY = [4, 5, 6, 7, 8, 9, 11];

const lineFigures = (l: MonthlyReportLine): CellValue[] => [
  l.totalInvestment,
  l.annualPlan,
  l.monthPlanned,
  l.monthCompleted,
  l.ytdPlanned,
  l.ytdCompleted,
  l.annualPercent,
  l.completedTotal,
  l.totalPercent,
];

/**
 * Layout: title, unit row, two header rows, then the 合计 row first (as offices put it, right under the header), then
 * per responsible unit a 小计 row followed by its projects. Sums are SUBTOTAL formulas (a 合计 over the whole block
 * skips the 小计 rows inside it) carrying the exact sums as their results.
 */
export async function writeMonthlyReport(report: MonthlyReport, preparedOn: string): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(MONTHLY_SHEET_NAME);
  const w = new SheetWriter(ws, monthlyColumns);
  const first = w.head(monthlyTitle(report.year, report.month), `制表日期：${preparedOn}\u3000\u3000单位：万元`);
  const last = first + report.groups.reduce((n, g) => n + 1 + g.lines.length, 0);
  const sums = (line: MonthlyReportLine, from: number, to: number): CellValue[] => {
    const figures = lineFigures(line);
    return figures.map((v, k) => (MONTHLY_MONEY.includes(k + 4) && to >= from ? sumFormula('SUBTOTAL', k + 4, from, to, (v as string | null) ?? 0) : v));
  };
  w.put(first, ['合计', `共 ${report.count} 个项目`, null, ...sums(report.total, first + 1, last), null, null], 'total');
  let r = first + 1;
  let seq = 0;
  report.groups.forEach((g, i) => {
    const top = r;
    w.put(
      top,
      [`${groupNumeral(i + 1)}`, `${g.unitName}小计（${g.lines.length} 个）`, g.unitName, ...sums(g.subtotal, top + 1, top + g.lines.length), null, null],
      'subtotal',
    );
    r++;
    for (const l of g.lines) w.put(r++, [++seq, l.name, l.leadUnitName, ...lineFigures(l), l.physicalProgress, l.status]);
  });
  w.freeze(2);
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${w.headerRow - 1}:${w.headerRow}`,
  };
  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------------------------
// the year lists and the concentrated start / completion batches

export interface ListLine {
  name: string;
  code: string | null;
  ownerName: string;
  leadUnitName: string;
  industry: string;
  stage: ProjectStage;
  totalInvestment: string;
  annualPlan?: string;
  on?: string;
}

export async function writeYearList(kind: YearListKind, year: number, lines: readonly ListLine[], totals: { totalInvestment: string; annualPlan: string }) {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(yearListTitles[kind].title);
  const cols: LayoutColumn[] = [
    { header: '序号', width: 6, format: 'int' },
    { header: '项目名称', width: 34, format: 'text' },
    { header: '项目编码', width: 16, format: 'text' },
    { header: '业主单位', width: 26, format: 'text' },
    { header: '责任单位', width: 16, format: 'text' },
    { header: '行业', width: 12, format: 'text' },
    { header: '阶段', width: 8, format: 'text' },
    { header: '总投资', width: 14, format: 'money' },
    { header: '年度计划投资', width: 14, format: 'money' },
    { header: yearListTitles[kind].date, width: 12, format: 'date' },
  ];
  const w = new SheetWriter(ws, cols);
  const first = w.head(`${year}年${yearListTitles[kind].title}`, '单位：万元');
  lines.forEach((l, i) =>
    w.put(first + i, [i + 1, l.name, l.code, l.ownerName, l.leadUnitName, l.industry, stageLabels[l.stage], l.totalInvestment, l.annualPlan, l.on]),
  );
  const last = first + lines.length - 1;
  const sum = (c: number, v: string) => (lines.length ? sumFormula('SUM', c, first, last, v) : Number(v));
  w.put(
    last + 1,
    ['合计', `共 ${lines.length} 个项目`, null, null, null, null, null, sum(8, totals.totalInvestment), sum(9, totals.annualPlan), null],
    'total',
  );
  w.freeze(2);
  return toBuffer(wb);
}

export interface CeremonyList {
  name: string;
  heldOn: string;
  place: string | null;
  count: number;
  totalInvestment: string;
  byRole: Record<CeremonyRole, { count: number; totalInvestment: string }>;
  projects: (ListLine & { role: CeremonyRole })[];
}

const day = (s: string) => `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;

/** Headline, then per role (开工 / 竣工 / 投产) a heading with its count and investment and its projects, then 合计. */
export async function writeCeremonyList(batch: CeremonyList) {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('项目清单');
  const cols: LayoutColumn[] = [
    { header: '序号', width: 6, format: 'int' },
    { header: '项目名称', width: 36, format: 'text' },
    { header: '业主单位', width: 28, format: 'text' },
    { header: '责任单位', width: 16, format: 'text' },
    { header: '阶段', width: 8, format: 'text' },
    { header: '总投资', width: 14, format: 'money' },
  ];
  const roles = ceremonyRoles.filter((role) => batch.byRole[role].count > 0);
  const headline =
    `共 ${batch.count} 个项目，总投资 ${batch.totalInvestment} 万元` +
    (roles.length
      ? `；其中${roles.map((role) => `${ceremonyRoleLabels[role]} ${batch.byRole[role].count} 个、${batch.byRole[role].totalInvestment} 万元`).join('，')}`
      : '');
  const w = new SheetWriter(ws, cols);
  let r = w.head(batch.name, '单位：万元', [`时间：${day(batch.heldOn)}${batch.place ? `\u3000\u3000地点：${batch.place}` : ''}`, headline]);
  const subtotalRows: number[] = [];
  roles.forEach((role, i) => {
    const of = batch.projects.filter((p) => p.role === role);
    const top = r;
    w.put(top, [groupNumeral(i + 1), `${ceremonyRoleLabels[role]}项目（${of.length} 个）`, null, null, null, null], 'subtotal');
    r++;
    of.forEach((p, k) => w.put(r++, [k + 1, p.name, p.ownerName, p.leadUnitName, stageLabels[p.stage], p.totalInvestment]));
    ws.getCell(top, 6).value = sumFormula('SUM', 6, top + 1, r - 1, batch.byRole[role].totalInvestment);
    subtotalRows.push(top);
  });
  w.put(r, ['合计', `共 ${batch.count} 个项目`, null, null, null, null], 'total');
  ws.getCell(r, 6).value = subtotalRows.length
    ? { formula: subtotalRows.map((row) => `F${row}`).join('+'), result: Number(batch.totalInvestment) }
    : Number(batch.totalInvestment);
  w.freeze(0);
  ws.pageSetup = { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return toBuffer(wb);
}

// ---------------------------------------------------------------------------------------------------------------
// the uploaded ledger before platform/sheets.ts reads it

/** A header text reduced for matching, as platform/sheets.ts does it. */
function normHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\(必填\)$/, '')
    .toLowerCase();
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const TOTAL_LABELS = new Set(['合计', '总计', '小计', 'total']);

/** A cell's text; exceljs throws on a merged cell whose master is empty. */
function textOf(cell: ExcelJS.Cell): string {
  try {
    return cell.text;
  } catch {
    return '';
  }
}

export interface Inspection {
  /** The workbook to read: the upload, or the upload with the data area unmerged. */
  buffer: Buffer;
  /** Column number of each recognised header. */
  columnOf: Map<ProjectSheetKey, number>;
  /** One error per row a data-area merge spans. */
  mergeErrors: SheetError[];
  /** Cells emptied by unmerging (A1 addresses): errors the reader reports there are the merge's. */
  unmergedCells: Set<string>;
}

/**
 * The workbook with every worksheet cut after its 30th row (where platform/sheets.ts looks for the header), merges
 * kept: enough to find the header and the merges without parsing ten thousand rows. Undefined when it cannot be cut.
 */
function headOnly(buffer: Buffer): Buffer | undefined {
  try {
    const zip = new PizZip(buffer);
    let cut = false;
    for (const name of Object.keys(zip.files)) {
      if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
      const xml = zip.file(name)!.asText();
      const from = xml.search(/<row\s[^>]*\br="(3[1-9]|[4-9]\d|[1-9]\d{2,})"/);
      const to = xml.indexOf('</sheetData>', from);
      if (from < 0 || to < 0) continue;
      zip.file(name, xml.slice(0, from) + xml.slice(to));
      cut = true;
    }
    return cut ? zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the header row and every merge below it (a merge inside a 合计 row is allowed). platform/sheets.ts refuses a
 * workbook with merges in the data area as a whole; an import reports them as row errors instead, so they are listed
 * here and unmerged before the sheet is read. Undefined when the file cannot be read here: the reader then says why.
 * The usual workbook has no such merge: then only its first rows are parsed here.
 */
export async function inspectLedger(buffer: Buffer, spec: LedgerSheetSpec): Promise<Inspection | undefined> {
  const head = headOnly(buffer);
  if (head) {
    const quick = await inspect(head, spec);
    if (quick && !quick.mergeErrors.length) return { ...quick, buffer };
  }
  return inspect(buffer, spec);
}

async function inspect(buffer: Buffer, spec: LedgerSheetSpec): Promise<Inspection | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return undefined;
  }
  const sheets = wb.worksheets.filter((ws) => ws.name !== MARKER_SHEET && ws.state === 'visible');
  const ws = sheets.find((s) => s.name === LEDGER_SHEET_NAME) ?? sheets[0];
  if (!ws) return undefined;

  const byHeader = new Map<string, SheetColumn<ProjectSheetRow>>();
  for (const c of spec.columns) for (const h of [c.header, c.headerEn]) if (h) byHeader.set(normHeader(h), c);
  let best: { row: number; hits: number } | undefined;
  for (let r = 1; r <= Math.min(ws.rowCount, 30); r++) {
    let hits = 0;
    ws.findRow(r)?.eachCell((cell) => void (byHeader.has(normHeader(textOf(cell))) && hits++));
    if (hits && hits >= (best?.hits ?? 0)) best = { row: r, hits };
  }
  if (!best) return undefined;
  const headerRow = best.row;
  const columnOf = new Map<ProjectSheetKey, number>();
  ws.getRow(headerRow).eachCell((cell, c) => {
    const col = byHeader.get(normHeader(textOf(cell)));
    if (col && !columnOf.has(col.key)) columnOf.set(col.key, c);
  });
  const headerAt = new Map([...columnOf].map(([key, c]) => [c, spec.columns.find((x) => x.key === key)!.header]));
  const isTotalRow = (r: number) => {
    let first: string | undefined;
    ws.findRow(r)?.eachCell((cell) => void (first ??= textOf(cell).trim() || undefined));
    return first !== undefined && TOTAL_LABELS.has(normHeader(first));
  };

  const internal = (ws as unknown as { _merges?: Record<string, { range: string }> })._merges;
  const ranges = internal ? Object.values(internal).map((m) => m.range) : ws.model.merges;
  const mergeErrors: SheetError[] = [];
  const unmergedCells = new Set<string>();
  const toUnmerge: string[] = [];
  for (const range of ranges) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
    if (!m) continue;
    const [left, top, right, bottom] = [colNumber(m[1]!), Number(m[2]), colNumber(m[3] ?? m[1]!), Number(m[4] ?? m[2])];
    if (bottom <= headerRow || (top === bottom && isTotalRow(top))) continue;
    toUnmerge.push(range);
    const master = `${m[1]}${top}`;
    for (let r = Math.max(top, headerRow + 1); r <= bottom; r++) {
      for (let c = left; c <= right; c++) if (r !== top || c !== left) unmergedCells.add(`${colLetters(c)}${r}`);
      const column = headerAt.get(left);
      mergeErrors.push({
        rowNumber: r,
        ...(column ? { column, key: spec.columns.find((x) => x.header === column)!.key } : {}),
        ...(r === top ? { cell: master } : {}),
        message: `合并单元格 ${range} 位于数据区，请取消合并后重新上传`,
      });
    }
  }
  if (!toUnmerge.length) return { buffer, columnOf, mergeErrors, unmergedCells };
  for (const range of toUnmerge) ws.unMergeCells(range);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), columnOf, mergeErrors, unmergedCells };
}
