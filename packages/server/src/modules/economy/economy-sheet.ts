// The month's figures as the statistics bureau lays them out (统计局报表): a title row ("2026年1-10月全市主要经济指标"),
// an optional unit note, a two-row header ("指标" and "单位" merged down; each region's name merged across its 绝对值 and
// 比增% columns; an optional "备注"), then one row per indicator. The export writes it; the import reads the bureau's
// own tables in that layout and names every bad cell; the annotator hands the workbook back with those cells marked.
// Pure functions over ExcelJS: the service owns the catalogue, the database and the cumulative-decrease check.
// Longer than most files on purpose: writer, reader and annotator share the header matching and the cell rules.
import ExcelJS from 'exceljs';
import {
  clearMark,
  colLetters,
  ERROR_ARGB,
  isOurMark,
  loadUploadedWorkbook,
  mergedRanges,
  scalar,
  type MergedRange,
  type Scalar,
} from '../../platform/sheet-cells.ts';
import {
  MONTH_PERIOD,
  parseFigureValue,
  parseGrowth,
  parsePeriodLabel,
  periodEndMonth,
  periodLabel,
  type IndicatorFrequency,
  type IndicatorValueKind,
} from '@zoneops/shared';

export interface FigureSheetIndicator {
  id: string;
  nameZh: string;
  unit: string;
  frequency: IndicatorFrequency;
  valueKind: IndicatorValueKind;
}

export interface FigureWorkbookInput {
  /** The month the table reports (YYYY-MM): 1–N 月累计; quarterly indicators only when it ends a quarter. */
  month: string;
  title?: string;
  /** The region columns, in order. */
  regions: { id: string; name: string }[];
  rows: {
    indicator: FigureSheetIndicator;
    /** The indicator's period for the month; a quarterly row whose period is not the month's quarter is left out. */
    period: string | null;
    cells: { regionId: string; value: number | null; growth: number | null }[];
  }[];
}

export interface FigureSheetContext {
  /** The month the table reports; read from the title when absent. */
  month?: string;
  indicators: (FigureSheetIndicator & { code: string; aliases: string[] })[];
  regions: { id: string; name: string; aliases: string[] }[];
}

export interface FigureSheetError {
  rowNumber: number;
  /** The header of the bad cell's column as written in the sheet ("古雷开发区 比增%"). */
  column: string | null;
  /** A1 address of the bad cell. */
  cell: string | null;
  message: string;
}

export interface ParsedFigure {
  rowNumber: number;
  indicatorId: string;
  regionId: string;
  period: string;
  value: number | null;
  growth: number | null;
  revisionReason: string | null;
  valueCell: string;
  growthCell: string;
}

export interface ParsedFigureSheet {
  month: string | null;
  /** The region columns matched, in column order; `column` is the letter of the value column. */
  regions: { column: string; regionId: string; name: string }[];
  /** Only from rows without an error. */
  figures: ParsedFigure[];
  /** The indicator rows recognised without an error; `figures` counts their region cells holding a value or a growth. */
  rows: { rowNumber: number; indicatorId: string; indicatorName: string; period: string; figures: number }[];
  errors: FigureSheetError[];
}

// ---------------------------------------------------------------------------------------------------------------
// words and styles

const NAME_HEADERS = ['指标', '指标名称', '主要指标'];
const UNIT_HEADERS = ['单位', '计量单位'];
const REMARK_HEADERS = ['备注', '说明', '修订原因'];
const ERROR_HEADER = '错误说明';
const ERROR_SHEET = '错误清单';
const VALUE_HEADER = '绝对值';
const GROWTH_HEADER = '比增%';
const HEADER_SCAN_ROWS = 10;

const GROWTH_SUBHEADER = /比增|增长|同比|增幅|增速|增减|±/;
const VALUE_SUBHEADER = /绝对值|累计|本期|本月|本年|总量|数值|金额|完成|实绩/;
const NOTE_ROW = /^(注|註|说明|附注|备注|资料来源|数据来源)\d*[:：.、]|^[*＊]/;
/** What a statistics table writes for "no figure". */
const EMPTY_MARK = /^[-—–−~/\\.·…]+$/;
const NUMBERING = /^(?:[(（][0-9０-９一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,3}[.．、)）]|[一二三四五六七八九十]{1,3}[、.．]|[①-⑳])/;

const messages = {
  notXlsx: '文件不是 xlsx 工作簿（旧版 .xls 请在 Excel 中另存为 .xlsx）',
  corrupt: '文件已损坏，无法作为 xlsx 读取',
  noHeader: `未找到表头：前 ${HEADER_SCAN_ROWS} 行中没有「指标」列。表头应为两行：「指标」「单位」，每个地区占两列（绝对值、比增%）`,
  noRegions: '表头中没有地区列：「指标」「单位」之后应是各地区名称，每个地区占两列（绝对值、比增%）',
  missingRegionName: (cell: string) => `${cell} 下有「绝对值」「比增%」，但上方缺少地区名称`,
  badSubHeaders: (name: string, row: number) => `地区「${name}」下第 ${row} 行应为「${VALUE_HEADER}」和「${GROWTH_HEADER}」两列，无法识别表头`,
  unknownHeader: (text: string, known: string) => `无法识别的表头「${text}」：应为地区名称（已知地区：${known}）、「单位」或「备注」`,
  unknownRegion: (text: string, known: string) => `「${text}」不是已知地区，该列未导入；已知地区：${known}（可在地区设置中添加别名）`,
  regionTwice: (name: string, first: string) => `地区「${name}」出现了两次（另见 ${first}），该列未导入`,
  pairNotMerged: (a: string, b: string) => `表头 ${b} 应与 ${a} 合并为同一地区`,
  headerMerge: (range: string) =>
    `表头合并单元格 ${range} 不符合统计表格式：「指标」「单位」「备注」各自上下合并两行，每个地区名称横向合并两列（绝对值、比增%）`,
  dataMerge: (range: string) => `合并单元格 ${range} 不能出现在数据区，请取消合并后重新上传`,
  noMonth: '无法确定报表月份：标题中没有“2026年1-10月”之类的期别，请在标题中写明或导入时选择月份',
  badMonth: (m: string) => `月份 ${m} 无效，应为 YYYY-MM`,
  monthMismatch: (title: string, chosen: string) => `标题中的期别为 ${title}，与所选月份 ${chosen} 不一致`,
  noName: '缺少指标名称',
  unknownIndicator: (name: string) => `指标「${name}」不在指标目录中，请核对名称或在指标设置中添加别名`,
  indicatorTwice: (row: number) => `与第 ${row} 行是同一指标`,
  unit: (unit: string) => `单位应为${unit}`,
  quarterly: (name: string, label: string) =>
    `「${name}」为季度指标，${label}不是它的期别：季度指标只有一季度、上半年、前三季度、全年，只在 3、6、9、12 月的报表中填报`,
  cellError: (code: string) => `单元格为错误值 ${code}`,
  listHeaders: ['行号', '单元格', '列', '错误说明'],
};

const thin = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const TITLE_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 16, bold: true };
const HEADER_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11, bold: true };
const BODY_FONT: Partial<ExcelJS.Font> = { name: '仿宋', size: 11 };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: HEADER_FONT,
  border: BORDER,
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
};
const NAME_STYLE: Partial<ExcelJS.Style> = { font: BODY_FONT, border: BORDER, alignment: { vertical: 'middle', wrapText: true } };
const UNIT_STYLE: Partial<ExcelJS.Style> = { font: BODY_FONT, border: BORDER, alignment: { vertical: 'middle', horizontal: 'center' } };
const VALUE_STYLE: Partial<ExcelJS.Style> = { font: BODY_FONT, border: BORDER, numFmt: '#,##0.00', alignment: { vertical: 'middle' } };
const GROWTH_STYLE: Partial<ExcelJS.Style> = { font: BODY_FONT, border: BORDER, numFmt: '0.0', alignment: { vertical: 'middle' } };
const REMARK_STYLE: Partial<ExcelJS.Style> = { font: BODY_FONT, border: BORDER, alignment: { vertical: 'middle', wrapText: true } };

// ---------------------------------------------------------------------------------------------------------------
// cells (the reading rules of platform/sheets.ts, which keeps them private)

/** Text reduced for matching: full-width → half-width, no spaces, lower case. */
const norm = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const textOf = (cell: ExcelJS.Cell | undefined) => {
  const v = scalar(cell?.value);
  return v === null || typeof v === 'object' ? (v instanceof Date ? v.toISOString().slice(0, 10) : '') : String(v).trim();
};

/** Blank, or one of the marks a statistics table writes for no figure ("—", "-", "…", "/"). */
function isEmptyMark(v: Scalar | { error: string }): boolean {
  if (v === null) return true;
  if (typeof v !== 'string') return false;
  const t = v.normalize('NFKC').replace(/\s+/g, '');
  return t === '' || EMPTY_MARK.test(t);
}

const address = (row: number, col: number) => `${colLetters(col)}${row}`;

/** Tidies float noise of formula results (0.30000000000000004) before the decimals are checked. */
const tidy = (v: Scalar): Scalar => (typeof v === 'number' ? Number(v.toPrecision(15)) : v);

// ---------------------------------------------------------------------------------------------------------------
// export

/** The period a table for `month` gives an indicator: the month itself, or its quarter when the month ends one. */
export function tablePeriod(frequency: IndicatorFrequency, month: string): string | null {
  if (frequency === 'month') return month;
  const { year, month: m } = periodEndMonth(month);
  return m % 3 === 0 ? `${year}-Q${m / 3}` : null;
}

/** The month's figures in the statistics bureau layout; also the import template. */
export async function figureWorkbook(input: FigureWorkbookInput): Promise<Buffer> {
  const title = input.title ?? `${periodLabel(input.month, 'cumulative', 'zh', true)}主要经济指标`;
  const rows = input.rows.filter((r) => r.period !== null && r.period === tablePeriod(r.indicator.frequency, input.month));
  const regions = input.regions;
  const remarkCol = 3 + regions.length * 2;
  const width = remarkCol;

  const wb = new ExcelJS.Workbook();
  wb.creator = 'ZoneOps';
  const ws = wb.addWorksheet(title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || '主要经济指标');

  ws.mergeCells(1, 1, 1, width);
  Object.assign(ws.getCell(1, 1), { value: title, style: { font: TITLE_FONT, alignment: { horizontal: 'center', vertical: 'middle' } } });
  ws.getRow(1).height = 32;
  const units = [...new Set(rows.map((r) => r.indicator.unit).filter((u) => u && u !== '%'))];
  ws.mergeCells(2, 1, 2, width);
  Object.assign(ws.getCell(2, 1), {
    value: `单位：${[...units, '%'].join('、')}`,
    style: { font: BODY_FONT, alignment: { horizontal: 'right', vertical: 'middle' } },
  });

  const [h1, h2] = [3, 4];
  const heads: [number, string][] = [
    [1, NAME_HEADERS[0]!],
    [2, UNIT_HEADERS[0]!],
    [remarkCol, REMARK_HEADERS[0]!],
  ];
  for (const [c, text] of heads) {
    ws.getCell(h1, c).value = text;
    ws.mergeCells(h1, c, h2, c);
  }
  regions.forEach((region, i) => {
    const c = 3 + i * 2;
    ws.getCell(h1, c).value = region.name;
    ws.mergeCells(h1, c, h1, c + 1);
    ws.getCell(h2, c).value = VALUE_HEADER;
    ws.getCell(h2, c + 1).value = GROWTH_HEADER;
    ws.getColumn(c).width = 13;
    ws.getColumn(c + 1).width = 9;
  });
  for (let r = h1; r <= h2; r++) for (let c = 1; c <= width; c++) ws.getCell(r, c).style = HEADER_STYLE;
  ws.getRow(h1).height = 30;
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 8;
  ws.getColumn(remarkCol).width = 20;

  const column = new Map(regions.map((r, i) => [r.id, 3 + i * 2]));
  rows.forEach((line, i) => {
    const row = ws.getRow(h2 + 1 + i);
    row.height = 20;
    Object.assign(row.getCell(1), { value: line.indicator.nameZh, style: NAME_STYLE });
    Object.assign(row.getCell(2), { value: line.indicator.unit, style: UNIT_STYLE });
    for (let c = 3; c < remarkCol; c++) row.getCell(c).style = (c - 3) % 2 === 0 ? VALUE_STYLE : GROWTH_STYLE;
    row.getCell(remarkCol).style = REMARK_STYLE;
    for (const cell of line.cells) {
      const c = column.get(cell.regionId);
      if (c === undefined) continue;
      row.getCell(c).value = cell.value;
      row.getCell(c + 1).value = cell.growth;
    }
  });

  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: h2 }];
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${h1}:${h2}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// reading the header

interface Table {
  ws: ExcelJS.Worksheet;
  /** The first of the two header rows. */
  headerRow: number;
  nameCol: number;
}

/** The first visible sheet with a 指标 header in its first rows. */
function findTable(wb: ExcelJS.Workbook): Table | null {
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible' || ws.name === ERROR_SHEET) continue;
    for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SCAN_ROWS); r++) {
      let nameCol = 0;
      ws.findRow(r)?.eachCell((cell, c) => {
        if (!nameCol && NAME_HEADERS.includes(norm(textOf(cell)))) nameCol = c;
      });
      if (nameCol) return { ws, headerRow: r, nameCol };
    }
  }
  return null;
}

interface RegionColumns {
  regionId: string;
  name: string;
  header: string;
  valueCol: number;
  growthCol: number;
  valueHeader: string;
  growthHeader: string;
}

interface Header {
  unitCol: number | null;
  remarkCol: number | null;
  errorCol: number | null;
  regions: RegionColumns[];
  errors: FigureSheetError[];
  /** The header cannot be understood: no figure is read. */
  fatal: boolean;
}

function subHeaderKind(text: string, year: number): 'value' | 'growth' | null {
  const t = norm(text);
  if (!t) return null;
  if (GROWTH_SUBHEADER.test(t)) return 'growth';
  if (VALUE_SUBHEADER.test(t) || parsePeriodLabel(t, year, 'month') !== null) return 'value';
  return null;
}

function readHeader(table: Table, regions: FigureSheetContext['regions'], year: number): Header {
  const { ws, headerRow: h1, nameCol } = table;
  const h2 = h1 + 1;
  const out: Header = { unitCol: null, remarkCol: null, errorCol: null, regions: [], errors: [], fatal: false };
  const fatal = (rowNumber: number, cell: string | null, message: string) => {
    out.errors.push({ rowNumber, column: null, cell, message });
    out.fatal = true;
  };
  const byName = new Map<string, FigureSheetContext['regions'][number]>();
  for (const r of regions) for (const n of [r.name, ...r.aliases]) if (!byName.has(norm(n))) byName.set(norm(n), r);
  const known = regions.map((r) => r.name).join('、') || '（无）';
  // the text of a header-row cell, or '' for the covered part of a merge that starts elsewhere in the same row
  const own = (r: number, c: number) => {
    const cell = ws.getCell(r, c);
    return cell.isMerged && cell.master !== cell ? '' : textOf(cell);
  };
  const pairs: number[] = [];
  const seen = new Map<string, string>();
  const lastCol = Math.max(ws.getRow(h1).cellCount, ws.getRow(h2).cellCount);
  // the first header problem ends the reading: one clear error rather than its consequences
  for (let c = nameCol + 1; c <= lastCol && !out.fatal; c++) {
    const text = own(h1, c);
    const key = norm(text);
    const sub = [subHeaderKind(own(h2, c), year), subHeaderKind(own(h2, c + 1), year)];
    const isPair = (sub[0] === 'value' && sub[1] === 'growth') || (sub[0] === 'growth' && sub[1] === 'value');
    if (!key) {
      const covered = ws.getCell(h1, c).isMerged;
      if (!covered && isPair) fatal(h1, address(h1, c), messages.missingRegionName(address(h2, c)));
      continue;
    }
    if (UNIT_HEADERS.includes(key)) out.unitCol = c;
    else if (REMARK_HEADERS.includes(key)) out.remarkCol = c;
    else if (key === ERROR_HEADER) out.errorCol = c;
    else {
      const region = byName.get(key);
      if (!isPair) {
        fatal(h1, address(h1, c), region ? messages.badSubHeaders(text, h2) : messages.unknownHeader(text, known));
        continue;
      }
      const next = own(h1, c + 1);
      if (next && norm(next) !== key) fatal(h1, address(h1, c + 1), messages.pairNotMerged(address(h1, c), address(h1, c + 1)));
      pairs.push(c);
      if (!region) {
        out.errors.push({ rowNumber: h1, column: text, cell: address(h1, c), message: messages.unknownRegion(text, known) });
      } else if (seen.has(region.id)) {
        out.errors.push({ rowNumber: h1, column: text, cell: address(h1, c), message: messages.regionTwice(region.name, seen.get(region.id)!) });
      } else {
        seen.set(region.id, address(h1, c));
        const [valueCol, growthCol] = sub[0] === 'value' ? [c, c + 1] : [c + 1, c];
        out.regions.push({
          regionId: region.id,
          name: region.name,
          header: text,
          valueCol,
          growthCol,
          valueHeader: own(h2, valueCol),
          growthHeader: own(h2, growthCol),
        });
      }
      c++;
    }
  }
  if (out.fatal) return out;
  if (!pairs.length) fatal(h1, null, messages.noRegions);

  // merges in the header: the expected ones only (a column header down two rows, a region across its two columns)
  const vertical = new Set([nameCol, out.unitCol, out.remarkCol, out.errorCol]);
  for (const m of mergedRanges(ws)) {
    if (m.bottom < h1 || m.top > h2 || m.bottom > h2) continue;
    const down = m.top === h1 && m.bottom === h2 && m.left === m.right && (vertical.has(m.left) || m.left < nameCol);
    const across = m.top === h1 && m.bottom === h1 && m.right === m.left + 1 && pairs.includes(m.left);
    if (!down && !across && !out.fatal) fatal(m.top, m.range.split(':')[0]!, messages.headerMerge(m.range));
  }
  return out;
}

/** The month a title names: "2026年1-10月…" → 2026-10, "2026年前三季度…" → 2026-09. */
function monthOfTitle(ws: ExcelJS.Worksheet, headerRow: number): { month: string; label: string } | null {
  const texts = [ws.name];
  for (let r = 1; r < headerRow; r++) ws.findRow(r)?.eachCell((cell) => void texts.push(textOf(cell)));
  for (const text of texts.reverse()) {
    const t = text.normalize('NFKC').replace(/\s+/g, '');
    const m = /(\d{4})年((?:1[-—–~至]\d{1,2}月)|\d{1,2}月|一季度|上半年|前三季度|全年)/.exec(t);
    if (!m) continue;
    const month = parsePeriodLabel(`${m[1]}年${m[2]}`, Number(m[1]), 'month');
    if (month && MONTH_PERIOD.test(month)) return { month, label: m[0] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// reading the rows

/** An indicator name as written, reduced for matching: numbering ("1.", "（一）", "①") and footnote marks dropped. */
function indicatorKey(text: string): string {
  let t = text.replace(/\s+/g, '');
  for (let i = 0; i < 3 && NUMBERING.test(t); i++) t = t.replace(NUMBERING, '');
  return norm(t).replace(/\*+$/, '');
}

type Parsed = { value: number | null } | { message: string };

function readValue(raw: Scalar): Parsed {
  if (isEmptyMark(raw)) return { value: null };
  const r = parseFigureValue(tidy(raw), 'zh');
  return r.ok ? { value: r.value } : { message: r.message };
}

function readGrowth(raw: Scalar, isPercentCell: boolean): Parsed {
  if (isEmptyMark(raw)) return { value: null };
  const r = parseGrowth(tidy(raw), isPercentCell, 'zh');
  return r.ok ? { value: r.value } : { message: r.message };
}

/** Reads a statistics table of one month; every problem is an error naming its cell, and a row with one gives no figure. */
export async function parseFigureWorkbook(buffer: Buffer, ctx: FigureSheetContext): Promise<ParsedFigureSheet> {
  const wb = await loadUploadedWorkbook(buffer, messages);
  const out: ParsedFigureSheet = { month: null, regions: [], figures: [], rows: [], errors: [] };
  const table = findTable(wb);
  if (!table) {
    out.month = ctx.month ?? null;
    out.errors.push({ rowNumber: 1, column: null, cell: null, message: messages.noHeader });
    return out;
  }
  const { ws, headerRow: h1, nameCol } = table;
  const h2 = h1 + 1;

  const fromTitle = monthOfTitle(ws, h1);
  if (ctx.month !== undefined && !MONTH_PERIOD.test(ctx.month)) {
    out.errors.push({ rowNumber: 1, column: null, cell: null, message: messages.badMonth(ctx.month) });
    return out;
  }
  const month = ctx.month ?? fromTitle?.month ?? null;
  if (!month) {
    out.errors.push({ rowNumber: 1, column: null, cell: null, message: messages.noMonth });
    return out;
  }
  out.month = month;
  if (fromTitle && fromTitle.month !== month) {
    out.errors.push({ rowNumber: 1, column: null, cell: null, message: messages.monthMismatch(fromTitle.label, periodLabel(month, 'cumulative', 'zh', true)) });
  }
  const { year } = periodEndMonth(month);

  const header = readHeader(table, ctx.regions, year);
  out.errors.push(...header.errors);
  if (header.fatal) return out;
  out.regions = header.regions.map((r) => ({ column: colLetters(r.valueCol), regionId: r.regionId, name: r.name }));

  const byName = new Map<string, FigureSheetContext['indicators'][number]>();
  for (const ind of ctx.indicators) {
    for (const n of [ind.nameZh, ...ind.aliases, ind.code]) if (!byName.has(indicatorKey(n))) byName.set(indicatorKey(n), ind);
  }
  const mergesByRow = new Map<number, MergedRange[]>();
  for (const m of mergedRanges(ws)) {
    if (m.bottom <= h2) continue;
    for (let r = Math.max(m.top, h2 + 1); r <= m.bottom; r++) mergesByRow.set(r, [...(mergesByRow.get(r) ?? []), m]);
  }
  const reportedMerges = new Set<string>();
  const indicatorRows = new Map<string, number>();
  const nameHeader = textOf(ws.getCell(h1, nameCol));
  const unitHeader = header.unitCol ? textOf(ws.getCell(h1, header.unitCol)) : null;

  for (let r = h2 + 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    const merges = mergesByRow.get(r) ?? [];
    if (!row && !merges.length) continue;
    const cellOf = (c: number) => ws.getCell(r, c);
    const errors: FigureSheetError[] = [];
    const fail = (column: string | null, c: number | null, message: string) =>
      errors.push({ rowNumber: r, column, cell: c === null ? null : address(r, c), message });

    const name = textOf(cellOf(nameCol));
    const hasData = header.regions.some((g) => !isEmptyMark(scalar(cellOf(g.valueCol).value)) || !isEmptyMark(scalar(cellOf(g.growthCol).value)));
    const key = indicatorKey(name);
    // a note under the table, a blank row, or a section heading without figures ("一、工业经济") is not an indicator;
    // a heading may be merged across the row
    const spanning = merges.every((m) => m.top === m.bottom);
    if (NOTE_ROW.test(name.normalize('NFKC')) && spanning) continue;
    let indicator = byName.get(key);
    let unitInName: string | null = null;
    if (!indicator) {
      // "地区生产总值（亿元）" or "地区生产总值（前三季度）"
      const m = /^(.*)\(([^()]+)\)$/.exec(key);
      if (m && byName.has(m[1]!)) {
        indicator = byName.get(m[1]!);
        if (parsePeriodLabel(m[2]!, year, indicator!.frequency) === null) unitInName = m[2]!;
      }
    }
    if (!indicator && !hasData && spanning) continue;

    for (const m of merges) {
      if (reportedMerges.has(m.range)) continue;
      reportedMerges.add(m.range);
      errors.push({ rowNumber: r, column: null, cell: address(Math.max(m.top, h2 + 1), m.left), message: messages.dataMerge(m.range) });
    }
    if (!name) {
      if (hasData) fail(nameHeader, nameCol, messages.noName);
    } else if (!indicator) {
      fail(nameHeader, nameCol, messages.unknownIndicator(name));
    }
    if (merges.length || !indicator) {
      out.errors.push(...errors);
      continue;
    }

    const period = tablePeriod(indicator.frequency, month);
    if (period === null) {
      if (hasData)
        out.errors.push({
          rowNumber: r,
          column: nameHeader,
          cell: address(r, nameCol),
          message: messages.quarterly(name, periodLabel(month, 'cumulative', 'zh', true)),
        });
      continue;
    }
    const first = indicatorRows.get(indicator.id);
    if (first !== undefined) fail(nameHeader, nameCol, messages.indicatorTwice(first));
    else indicatorRows.set(indicator.id, r);

    const unitText = header.unitCol ? textOf(cellOf(header.unitCol)) : '';
    const unit = unitText || unitInName;
    if (unit && norm(unit) !== norm(indicator.unit))
      fail(unitText ? unitHeader : nameHeader, unitText ? header.unitCol : nameCol, messages.unit(indicator.unit));

    const remark = header.remarkCol ? textOf(cellOf(header.remarkCol)) : '';
    const figures: ParsedFigure[] = [];
    for (const g of header.regions) {
      const read = (c: number, label: string, parse: (raw: Scalar, cell: ExcelJS.Cell) => Parsed): number | null | undefined => {
        const cell = cellOf(c);
        const raw = scalar(cell.value);
        const result: Parsed =
          raw !== null && typeof raw === 'object' && !(raw instanceof Date) ? { message: messages.cellError(raw.error) } : parse(raw, cell);
        if ('value' in result) return result.value;
        fail(`${g.header} ${label}`, c, result.message);
        return undefined;
      };
      const value = read(g.valueCol, g.valueHeader, (raw) => readValue(raw));
      const growth = read(g.growthCol, g.growthHeader, (raw, cell) => readGrowth(raw, typeof raw === 'number' && (cell.numFmt ?? '').includes('%')));
      if (value === undefined || growth === undefined || (value === null && growth === null)) continue;
      figures.push({
        rowNumber: r,
        indicatorId: indicator.id,
        regionId: g.regionId,
        period,
        value,
        growth,
        revisionReason: remark || null,
        valueCell: address(r, g.valueCol),
        growthCell: address(r, g.growthCol),
      });
    }
    if (errors.length) {
      out.errors.push(...errors);
      continue;
    }
    out.figures.push(...figures);
    out.rows.push({ rowNumber: r, indicatorId: indicator.id, indicatorName: indicator.nameZh, period, figures: figures.length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// annotating

/**
 * The uploaded workbook handed back with each bad cell filled light red with a note, a 错误说明 column on each bad
 * row, and a first sheet 错误清单 listing every error (those of the title and the header too). Marks of an earlier
 * annotation are cleared first, so that a corrected workbook can go round again.
 */
export async function annotateFigureWorkbook(buffer: Buffer, errors: readonly FigureSheetError[]): Promise<Buffer> {
  const wb = await loadUploadedWorkbook(buffer, messages);
  const old = wb.getWorksheet(ERROR_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const table = findTable(wb);
  const ws = table?.ws ?? wb.worksheets.find((s) => s.state === 'visible');
  if (!ws) return Buffer.from(await wb.xlsx.writeBuffer());

  let errorCol: number | null = null;
  if (table) {
    const h1 = table.headerRow;
    ws.getRow(h1).eachCell((cell, c) => void (norm(textOf(cell)) === ERROR_HEADER && (errorCol = c)));
    errorCol ??= Math.max(ws.getRow(h1).cellCount, ws.getRow(h1 + 1).cellCount) + 1;
  }
  ws.eachRow((row) =>
    row.eachCell((cell, c) => {
      if (c === errorCol && row.number > (table?.headerRow ?? 0) + 1) cell.value = null;
      else if (isOurMark(cell)) clearMark(cell);
    }),
  );

  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ERROR_ARGB } };
  const byCell = new Map<string, string[]>();
  for (const e of errors) if (e.cell) byCell.set(e.cell, [...(byCell.get(e.cell) ?? []), e.message]);
  for (const [at, notes] of byCell) {
    const cell = ws.getCell(at);
    // styles loaded from a file are shared between cells: give this cell its own copy
    cell.style = { ...cell.style, fill };
    cell.note = notes.join('\n');
  }

  if (table && errorCol !== null && errors.length) {
    const h1 = table.headerRow;
    const head = ws.getCell(h1, errorCol);
    head.value = ERROR_HEADER;
    head.style = { ...HEADER_STYLE, font: { ...HEADER_FONT, color: { argb: 'FFC00000' } } };
    ws.getColumn(errorCol).width = 48;
    const byRow = new Map<number, FigureSheetError[]>();
    for (const e of errors) if (e.rowNumber > h1 + 1) byRow.set(e.rowNumber, [...(byRow.get(e.rowNumber) ?? []), e]);
    for (const [r, list] of byRow) {
      const cell = ws.getCell(r, errorCol);
      cell.value = list.map((e) => (e.column ? `${e.column}：${e.message}` : e.message)).join('\n');
      cell.style = { font: { ...BODY_FONT, color: { argb: 'FFC00000' } }, alignment: { wrapText: true, vertical: 'top' } };
    }
  }

  if (errors.length) {
    const list = wb.addWorksheet(ERROR_SHEET);
    // exceljs writes the sheets in this order (not in its type declarations): the list comes first
    (list as unknown as { orderNo: number }).orderNo = -1;
    list.columns = [{ width: 8 }, { width: 10 }, { width: 22 }, { width: 80 }];
    list.getRow(1).values = messages.listHeaders;
    list.getRow(1).eachCell((cell) => (cell.style = HEADER_STYLE));
    [...errors]
      .sort((a, b) => a.rowNumber - b.rowNumber)
      .forEach((e, i) => {
        const row = list.getRow(i + 2);
        row.values = [e.rowNumber, e.cell ?? '', e.column ?? '', e.message];
        row.eachCell((cell) => (cell.style = { ...REMARK_STYLE, alignment: { vertical: 'top', wrapText: true } }));
      });
    list.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
    wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
