import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  annotateFigureWorkbook,
  figureWorkbook,
  parseFigureWorkbook,
  type FigureSheetContext,
  type FigureWorkbookInput,
  type ParsedFigure,
} from './economy-sheet.ts';

const regions: FigureSheetContext['regions'] = [
  { id: 'r-zone', name: '古雷开发区', aliases: ['古雷', '古雷港经济开发区'] },
  { id: 'r-city', name: '全市', aliases: ['漳州市'] },
  { id: 'r-lh', name: '龙海区', aliases: [] },
  { id: 'r-zp', name: '漳浦县', aliases: [] },
];
const indicators: FigureSheetContext['indicators'] = [
  { id: 'i-gdp', code: 'gdp', nameZh: '地区生产总值', aliases: ['GDP'], unit: '亿元', frequency: 'quarter', valueKind: 'cumulative' },
  { id: 'i-iva', code: 'industry_va', nameZh: '规模以上工业增加值', aliases: ['规上工业增加值'], unit: '亿元', frequency: 'month', valueKind: 'cumulative' },
  { id: 'i-fai', code: 'fai', nameZh: '固定资产投资', aliases: [], unit: '亿元', frequency: 'month', valueKind: 'cumulative' },
  { id: 'i-retail', code: 'retail', nameZh: '社会消费品零售总额', aliases: [], unit: '亿元', frequency: 'month', valueKind: 'cumulative' },
  { id: 'i-loans', code: 'loans', nameZh: '金融机构贷款余额', aliases: [], unit: '亿元', frequency: 'month', valueKind: 'point' },
  { id: 'i-income', code: 'rural_income', nameZh: '农村居民人均可支配收入', aliases: [], unit: '元', frequency: 'quarter', valueKind: 'cumulative' },
];
const ind = (id: string) => indicators.find((i) => i.id === id)!;
const ctx = (extra: Partial<FigureSheetContext> = {}): FigureSheetContext => ({ indicators, regions, ...extra });

const byKey = (a: { indicatorId: string; regionId: string }, b: { indicatorId: string; regionId: string }) =>
  `${a.indicatorId}|${a.regionId}`.localeCompare(`${b.indicatorId}|${b.regionId}`);
const essentials = (figures: ParsedFigure[]) =>
  figures.map(({ indicatorId, regionId, period, value, growth }) => ({ indicatorId, regionId, period, value, growth })).sort(byKey);

// ---------------------------------------------------------------------------------------------------------------
// a table as the statistics bureau sends it, built cell by cell

type Raw = ExcelJS.CellValue | { v: ExcelJS.CellValue; numFmt: string };
interface Bureau {
  title?: string | null;
  regions?: { header: string; sub?: [string, string]; merge?: boolean }[];
  unit?: boolean;
  remark?: boolean;
  /** Data rows from column A (row 5 onwards with a title and a note row). */
  rows: Raw[][];
  after?: (ws: ExcelJS.Worksheet) => void;
}

async function bureau(b: Bureau): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  const heads = b.regions ?? [{ header: '古雷' }, { header: '漳州市', sub: ['绝对值', '同比±%'] }];
  const unit = b.unit ?? true;
  const remark = b.remark ?? true;
  const first = unit ? 3 : 2;
  const width = first - 1 + heads.length * 2 + (remark ? 1 : 0);
  let r = 1;
  if (b.title !== null) {
    ws.getCell(r, 1).value = b.title ?? '2026年1-10月全市主要经济指标';
    ws.mergeCells(r, 1, r, width);
    r++;
  }
  ws.getCell(r, 1).value = '单位：亿元、%';
  ws.mergeCells(r, 1, r, width);
  const [h1, h2] = [r + 1, r + 2];
  const down = (c: number, text: string) => {
    ws.getCell(h1, c).value = text;
    ws.mergeCells(h1, c, h2, c);
  };
  down(1, '指标');
  if (unit) down(2, '单位');
  heads.forEach((h, i) => {
    const c = first + i * 2;
    ws.getCell(h1, c).value = h.header;
    if (h.merge !== false) ws.mergeCells(h1, c, h1, c + 1);
    const [a, z] = h.sub ?? ['1-10月', '增长%'];
    ws.getCell(h2, c).value = a;
    ws.getCell(h2, c + 1).value = z;
  });
  if (remark) down(width, '备注');
  b.rows.forEach((cells, i) =>
    cells.forEach((x, j) => {
      const cell = ws.getCell(h2 + 1 + i, j + 1);
      if (x !== null && typeof x === 'object' && 'numFmt' in x) {
        cell.value = x.v;
        cell.numFmt = x.numFmt;
      } else cell.value = x;
    }),
  );
  b.after?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Two good rows (5 and 6) around whatever a test puts in between. */
const good5: Raw[] = ['规模以上工业增加值', '亿元', 120.5, 8.2, 1500, 6.1, null];
const good6: Raw[] = ['固定资产投资', '亿元', 300, -2.5, 2800, 3.4, null];

// ---------------------------------------------------------------------------------------------------------------

describe('figureWorkbook → parseFigureWorkbook', () => {
  const input: FigureWorkbookInput = {
    month: '2026-09',
    regions: regions.map(({ id, name }) => ({ id, name })),
    rows: [
      {
        indicator: ind('i-gdp'),
        period: '2026-Q3',
        cells: [
          { regionId: 'r-zone', value: 456.78, growth: 18.1 },
          { regionId: 'r-city', value: 4321.5, growth: 5.3 },
          { regionId: 'r-lh', value: 789.0123, growth: -0.15 },
          { regionId: 'r-zp', value: 612.3, growth: 5.3 },
        ],
      },
      {
        indicator: ind('i-iva'),
        period: '2026-09',
        cells: [
          { regionId: 'r-zone', value: 120.5, growth: null },
          { regionId: 'r-city', value: null, growth: 6.1 },
          { regionId: 'r-lh', value: 1234567.89, growth: 0 },
        ],
      },
      { indicator: ind('i-loans'), period: '2026-09', cells: [{ regionId: 'r-zone', value: 88, growth: 12.34 }] },
      // a quarterly indicator with the previous quarter: not the table's period, left out
      { indicator: ind('i-income'), period: '2026-Q2', cells: [{ regionId: 'r-zone', value: 15000, growth: 7 }] },
      // an indicator without any figure keeps its row
      { indicator: ind('i-retail'), period: '2026-09', cells: [] },
    ],
  };
  const expected = input.rows
    .filter((r) => r.indicator.id !== 'i-income')
    .flatMap((r) => r.cells.map((c) => ({ indicatorId: r.indicator.id, regionId: c.regionId, period: r.period, value: c.value, growth: c.growth })))
    .sort(byKey);

  it('reads back every figure of its own export, the month taken from the title', async () => {
    const parsed = await parseFigureWorkbook(await figureWorkbook(input), ctx());
    expect(parsed.errors).toEqual([]);
    expect(parsed.month).toBe('2026-09');
    expect(parsed.regions).toEqual([
      { column: 'C', regionId: 'r-zone', name: '古雷开发区' },
      { column: 'E', regionId: 'r-city', name: '全市' },
      { column: 'G', regionId: 'r-lh', name: '龙海区' },
      { column: 'I', regionId: 'r-zp', name: '漳浦县' },
    ]);
    expect(essentials(parsed.figures)).toEqual(expected);
    expect(parsed.rows.map((r) => [r.rowNumber, r.indicatorId, r.period, r.figures])).toEqual([
      [5, 'i-gdp', '2026-Q3', 4],
      [6, 'i-iva', '2026-09', 3],
      [7, 'i-loans', '2026-09', 1],
      [8, 'i-retail', '2026-09', 0],
    ]);
    const gdpZone = parsed.figures.find((f) => f.indicatorId === 'i-gdp' && f.regionId === 'r-zone')!;
    expect(gdpZone).toMatchObject({ rowNumber: 5, valueCell: 'C5', growthCell: 'D5', revisionReason: null });
  });

  it('leaves quarterly indicators out of a month that ends no quarter', async () => {
    const buffer = await figureWorkbook({
      ...input,
      month: '2026-10',
      rows: input.rows.map((r) => ({ ...r, period: r.period?.startsWith('2026-Q') ? '2026-Q3' : '2026-10' })),
    });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([]);
    expect(parsed.month).toBe('2026-10');
    expect(parsed.rows.map((r) => r.indicatorId)).toEqual(['i-iva', 'i-loans', 'i-retail']);
  });

  it('lays the table out as the bureau does', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await figureWorkbook(input)) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').text).toBe('2026年1-9月主要经济指标');
    expect(ws.getCell('A2').text).toBe('单位：亿元、%');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:K1', 'A3:A4', 'B3:B4', 'C3:D3', 'I3:J3', 'K3:K4']));
    expect([ws.getCell('C3').text, ws.getCell('C4').text, ws.getCell('D4').text, ws.getCell('K3').text]).toEqual(['古雷开发区', '绝对值', '比增%', '备注']);
    expect(ws.getCell('C5').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D5').numFmt).toBe('0.0');
    expect(ws.getCell('D5').value).toBe(18.1);
    expect(ws.getCell('A1').font.name).toBe('宋体');
    expect(ws.getCell('C5').font.name).toBe('仿宋');
    expect(ws.getColumn(1).width).toBeGreaterThan(ws.getColumn(3).width!);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });
});

describe('parseFigureWorkbook on a bureau table', () => {
  it('reads aliases, numbering, full-width text, percent cells, dashes and the 备注 column', async () => {
    const buffer = await bureau({
      rows: [
        ['1.规上工业增加值', '亿元', 123.45, { v: 0.181, numFmt: '0.0%' }, 1234.5, '18.1%', '统计口径调整'],
        ['（二）固定资产投资', '亿 元', '1,234.50', '－3.2', '—', '—', null],
        ['社会消费品　零售总额', '亿元', 50, '', 500, { v: '-', numFmt: '0.0%' }],
        ['一、金融', null, null, null, null, null],
        ['（1）金融机构贷款余额', '亿元', '…', 9.5, '/', null],
        ['GDP', '亿元', '—', '—', null, null],
        ['注：本表为快报数据，GDP 按季度发布。'],
      ],
      after: (ws) => ws.mergeCells('A11:G11'),
    });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([]);
    expect(parsed.month).toBe('2026-10');
    expect(parsed.regions.map((r) => [r.column, r.regionId])).toEqual([
      ['C', 'r-zone'],
      ['E', 'r-city'],
    ]);
    expect(essentials(parsed.figures)).toEqual(
      [
        { indicatorId: 'i-iva', regionId: 'r-zone', period: '2026-10', value: 123.45, growth: 18.1 },
        { indicatorId: 'i-iva', regionId: 'r-city', period: '2026-10', value: 1234.5, growth: 18.1 },
        { indicatorId: 'i-fai', regionId: 'r-zone', period: '2026-10', value: 1234.5, growth: -3.2 },
        { indicatorId: 'i-retail', regionId: 'r-zone', period: '2026-10', value: 50, growth: null },
        { indicatorId: 'i-retail', regionId: 'r-city', period: '2026-10', value: 500, growth: null },
        { indicatorId: 'i-loans', regionId: 'r-zone', period: '2026-10', value: null, growth: 9.5 },
      ].sort(byKey),
    );
    expect(parsed.figures.filter((f) => f.rowNumber === 5).map((f) => f.revisionReason)).toEqual(['统计口径调整', '统计口径调整']);
    expect(parsed.figures.filter((f) => f.rowNumber !== 5).every((f) => f.revisionReason === null)).toBe(true);
  });

  it('reads text in a percent-formatted cell as typed', async () => {
    const buffer = await bureau({ rows: [['规模以上工业增加值', '亿元', 1, { v: '4.5', numFmt: '0.0%' }, 2, { v: 0.045, numFmt: '0.00%' }]] });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([]);
    expect(parsed.figures.map((f) => f.growth)).toEqual([4.5, 4.5]);
  });

  it('reads the month of a quarter from the title and gives quarterly indicators that quarter', async () => {
    const buffer = await bureau({
      title: '2026年前三季度全市主要经济指标',
      regions: [{ header: '古雷开发区', sub: ['前三季度', '比增%'] }],
      rows: [
        ['地区生产总值', '亿元', 456.7, 18.1, null],
        ['规模以上工业增加值', '亿元', 100, 9, null],
      ],
    });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([]);
    expect(parsed.month).toBe('2026-09');
    expect(parsed.rows.map((r) => [r.indicatorId, r.period])).toEqual([
      ['i-gdp', '2026-Q3'],
      ['i-iva', '2026-09'],
    ]);
  });

  it('takes the month given over the title, and says when they disagree', async () => {
    const buffer = await bureau({ rows: [good5] });
    const chosen = await parseFigureWorkbook(buffer, ctx({ month: '2026-10' }));
    expect(chosen.errors).toEqual([]);
    const other = await parseFigureWorkbook(buffer, ctx({ month: '2026-11' }));
    expect(other.month).toBe('2026-11');
    expect(other.errors).toEqual([{ rowNumber: 1, column: null, cell: null, message: '标题中的期别为 2026年1-10月，与所选月份 2026年1-11月 不一致' }]);
  });

  it('reads a table without a 单位 or 备注 column, a unit written in the name', async () => {
    const buffer = await bureau({
      unit: false,
      remark: false,
      regions: [{ header: '古雷开发区' }],
      rows: [
        ['规模以上工业增加值（亿元）', 10, 1],
        ['固定资产投资（万元）', 10, 1],
      ],
    });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([{ rowNumber: 6, column: '指标', cell: 'A6', message: '单位应为亿元' }]);
    expect(parsed.figures.map((f) => [f.rowNumber, f.valueCell, f.growthCell])).toEqual([[5, 'B5', 'C5']]);
  });
});

describe('parseFigureWorkbook: bad input', () => {
  const rowsOf = (p: { figures: ParsedFigure[] }) => [...new Set(p.figures.map((f) => f.rowNumber))];

  it('refuses a workbook without a month', async () => {
    const parsed = await parseFigureWorkbook(await bureau({ title: null, rows: [good5] }), ctx());
    expect(parsed.month).toBeNull();
    expect(parsed.figures).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.message).toMatch(/^无法确定报表月份/);
  });

  it('names an unknown region column and the known regions, and reads the others', async () => {
    const buffer = await bureau({ regions: [{ header: '古雷' }, { header: '东山县' }], rows: [good5, good6] });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([
      {
        rowNumber: 3,
        column: '东山县',
        cell: 'E3',
        message: '「东山县」不是已知地区，该列未导入；已知地区：古雷开发区、全市、龙海区、漳浦县（可在地区设置中添加别名）',
      },
    ]);
    expect(parsed.regions.map((r) => r.regionId)).toEqual(['r-zone']);
    expect(parsed.figures.map((f) => f.regionId)).toEqual(['r-zone', 'r-zone']);
  });

  it('refuses a region that appears twice', async () => {
    const buffer = await bureau({ regions: [{ header: '古雷' }, { header: '古雷港经济开发区' }], rows: [good5] });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([{ rowNumber: 3, column: '古雷港经济开发区', cell: 'E3', message: '地区「古雷开发区」出现了两次（另见 C3），该列未导入' }]);
    expect(parsed.figures.map((f) => f.valueCell)).toEqual(['C5']);
  });

  it('names an indicator that is not in the catalogue', async () => {
    const buffer = await bureau({ rows: [good5, ['3.实际到位内资', '亿元', 12, 3, null, null], good6] });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([
      { rowNumber: 6, column: '指标', cell: 'A6', message: '指标「3.实际到位内资」不在指标目录中，请核对名称或在指标设置中添加别名' },
    ]);
    expect(rowsOf(parsed)).toEqual([5, 7]);
  });

  it('refuses a unit that is not the catalogue’s', async () => {
    const buffer = await bureau({ rows: [['规模以上工业增加值', '万元', 120.5, 8.2, null, null], good6] });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([{ rowNumber: 5, column: '单位', cell: 'B5', message: '单位应为亿元' }]);
    expect(rowsOf(parsed)).toEqual([6]);
  });

  it('refuses a quarterly indicator in a month that ends no quarter', async () => {
    const buffer = await bureau({ rows: [good5, ['地区生产总值', '亿元', 456.7, 18.1, null, null]] });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ rowNumber: 6, cell: 'A6' });
    expect(parsed.errors[0]!.message).toContain('「地区生产总值」为季度指标，2026年1-10月不是它的期别');
    expect(rowsOf(parsed)).toEqual([5]);
  });

  it('refuses merged cells in the data area', async () => {
    const buffer = await bureau({ rows: [['规模以上工业增加值', '亿元', 120.5, null, 1500, 6.1], good6], after: (ws) => ws.mergeCells('C5:D5') });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([{ rowNumber: 5, column: null, cell: 'C5', message: '合并单元格 C5:D5 不能出现在数据区，请取消合并后重新上传' }]);
    expect(rowsOf(parsed)).toEqual([6]);
  });

  it('refuses a unit merged down several rows, on each row it covers', async () => {
    const buffer = await bureau({ rows: [good5, good6, ['社会消费品零售总额', null, 50, 2, null, null]], after: (ws) => ws.mergeCells('B5:B6') });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors.map((e) => e.message)).toEqual(['合并单元格 B5:B6 不能出现在数据区，请取消合并后重新上传']);
    expect(rowsOf(parsed)).toEqual([7]);
  });

  it('refuses a workbook without a 指标 header, with one error', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRows([['2026年1-10月'], ['名称', '古雷'], ['规模以上工业增加值', 1]]);
    const parsed = await parseFigureWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), ctx());
    expect(parsed.figures).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.message).toMatch(/^未找到表头/);
  });

  it('refuses region headers not followed by value and growth, with one error', async () => {
    const buffer = await bureau({ regions: [{ header: '古雷', sub: ['占全市%', '位次'] }], rows: [good5] });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.figures).toEqual([]);
    expect(parsed.errors).toEqual([{ rowNumber: 3, column: null, cell: 'C3', message: '地区「古雷」下第 4 行应为「绝对值」和「比增%」两列，无法识别表头' }]);
  });

  it('refuses header merges out of place', async () => {
    const buffer = await bureau({
      regions: [{ header: '古雷', merge: false }, { header: '漳州市' }],
      rows: [good5],
      after: (ws) => ws.mergeCells('C3:C4'),
    });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.figures).toEqual([]);
    expect(parsed.errors.map((e) => e.message)).toEqual(['地区「古雷」下第 4 行应为「绝对值」和「比增%」两列，无法识别表头']);

    const wide = await bureau({ regions: [{ header: '古雷', merge: false }], remark: false, rows: [good5], after: (ws) => ws.mergeCells('C3:E3') });
    const parsedWide = await parseFigureWorkbook(wide, ctx());
    expect(parsedWide.figures).toEqual([]);
    expect(parsedWide.errors.map((e) => e.message)).toContain(
      '表头合并单元格 C3:E3 不符合统计表格式：「指标」「单位」「备注」各自上下合并两行，每个地区名称横向合并两列（绝对值、比增%）',
    );
  });

  it('names each bad number and keeps no figure from its row', async () => {
    const buffer = await bureau({
      rows: [
        ['规模以上工业增加值', '亿元', 120.5, 0.181, 1500, 6.1],
        ['固定资产投资', '亿元', 'abc', 1, 1.234567, { error: '#DIV/0!' } as ExcelJS.CellErrorValue],
        ['社会消费品零售总额', '亿元', 50, 2, 500, 3],
      ],
    });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors).toEqual([
      { rowNumber: 5, column: '古雷 增长%', cell: 'D5', message: '0.181 像是比率：比增按百分数填写，应写 18.1（表示 18.1%）' },
      { rowNumber: 6, column: '古雷 1-10月', cell: 'C6', message: '“abc”不是数字' },
      { rowNumber: 6, column: '漳州市 绝对值', cell: 'E6', message: '1.234567：绝对值最多保留四位小数' },
      { rowNumber: 6, column: '漳州市 同比±%', cell: 'F6', message: '单元格为错误值 #DIV/0!' },
    ]);
    expect(rowsOf(parsed)).toEqual([7]);
  });

  it('refuses the same indicator twice', async () => {
    const parsed = await parseFigureWorkbook(await bureau({ rows: [good5, ['规上工业增加值', '亿元', 1, 1, null, null]] }), ctx());
    expect(parsed.errors).toEqual([{ rowNumber: 6, column: '指标', cell: 'A6', message: '与第 5 行是同一指标' }]);
    expect(rowsOf(parsed)).toEqual([5]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(parseFigureWorkbook(Buffer.from('指标,古雷\n'), ctx())).rejects.toBeInstanceOf(AppError);
  });
});

describe('annotateFigureWorkbook', () => {
  it('marks the bad cells, lists the errors first, and a corrected workbook goes through', async () => {
    const buffer = await bureau({
      regions: [{ header: '古雷' }, { header: '东山县' }],
      rows: [['规模以上工业增加值', '亿元', 120.5, 0.181, null, null, null], good6],
    });
    const parsed = await parseFigureWorkbook(buffer, ctx());
    expect(parsed.errors.map((e) => e.cell)).toEqual(['E3', 'D5']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annotateFigureWorkbook(buffer, parsed.errors)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['错误清单', 'Sheet1']);
    const list = wb.worksheets[0]!;
    expect(list.getRow(1).values).toEqual([undefined, '行号', '单元格', '列', '错误说明']);
    expect([list.getCell('A2').value, list.getCell('B2').value]).toEqual([3, 'E3']);
    expect([list.getCell('A3').value, list.getCell('B3').value]).toEqual([5, 'D5']);
    const ws = wb.getWorksheet('Sheet1')!;
    const bad = ws.getCell('D5');
    expect((bad.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(bad.note)).toContain('像是比率');
    expect((ws.getCell('C5').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
    expect(ws.getCell('H3').text).toBe('错误说明');
    expect(ws.getCell('H5').text).toBe('古雷 增长%：0.181 像是比率：比增按百分数填写，应写 18.1（表示 18.1%）');
    expect(ws.getCell('H6').text).toBe('');

    // the clerk corrects the cells and uploads the annotated workbook again
    ws.getCell('D5').value = 18.1;
    ws.getCell('E3').value = '龙海区';
    const corrected = Buffer.from(await wb.xlsx.writeBuffer());
    const again = await parseFigureWorkbook(corrected, ctx());
    expect(again.errors).toEqual([]);
    expect(again.regions.map((r) => r.regionId)).toEqual(['r-zone', 'r-lh']);
    expect(again.figures).toHaveLength(3);

    // annotating the corrected workbook clears the old marks
    const clean = new ExcelJS.Workbook();
    await clean.xlsx.load((await annotateFigureWorkbook(corrected, again.errors)) as unknown as ExcelJS.Buffer);
    expect(clean.worksheets.map((s) => s.name)).toEqual(['Sheet1']);
    const cleanWs = clean.worksheets[0]!;
    expect(cleanWs.getCell('D5').fill?.type).toBeUndefined();
    expect(cleanWs.getCell('H5').text).toBe('');
  });
});
