import ExcelJS from 'exceljs';
import { completeUscc, isValidUscc } from '@zoneops/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { annotateErrors, planImport, readSheet, rowsToCommit, writeSheet, type SheetSpec } from './sheets.ts';

const schema = z
  .object({
    code: z.string().regex(/^\d{4,8}$/, '编号应为 4–8 位数字'),
    title: z.string().min(1).max(200),
    uscc: z.string().refine(isValidUscc, '统一社会信用代码校验位不正确').optional(),
    phone: z
      .string()
      .regex(/^1\d{10}$/, '手机号应为 11 位')
      .optional(),
    light: z.enum(['green', 'yellow', 'red']),
    startDate: z.string().optional(),
    dueDate: z.string(),
    amount: z.number().nonnegative().optional(),
    progress: z.number().int().min(0).max(100).optional(),
    coUnits: z.array(z.string()).optional(),
  })
  .refine((r) => !r.startDate || r.startDate <= r.dueDate, { path: ['dueDate'], message: '截止日期早于开始日期' });
type TaskRow = z.output<typeof schema>;

const spec: SheetSpec<TaskRow> = {
  id: 'ledger-tasks',
  version: 1,
  title: '督查督办事项台账',
  schema,
  naturalKey: (row) => row.code,
  columns: [
    { key: 'code', header: '编号', headerEn: 'Code', kind: 'text', required: true, width: 10 },
    { key: 'title', header: '事项名称', headerEn: 'Item', kind: 'text', required: true, width: 30 },
    { key: 'uscc', header: '统一社会信用代码', headerEn: 'USCC', kind: 'text', width: 22 },
    { key: 'phone', header: '联系电话', headerEn: 'Phone', kind: 'text' },
    {
      key: 'light',
      header: '灯色',
      headerEn: 'Light',
      kind: 'enum',
      required: true,
      enumValues: [
        { value: 'green', label: '绿灯' },
        { value: 'yellow', label: '黄灯' },
        { value: 'red', label: '红灯' },
      ],
    },
    { key: 'startDate', header: '开始日期', headerEn: 'Start', kind: 'date', group: '时限' },
    { key: 'dueDate', header: '截止日期', headerEn: 'Due', kind: 'date', group: '时限', required: true },
    { key: 'amount', header: '投资额（万元）', headerEn: 'Investment', kind: 'number', decimals: 2, sum: true },
    { key: 'progress', header: '进度', headerEn: 'Progress', kind: 'integer' },
    { key: 'coUnits', header: '配合单位', headerEn: 'Co-units', kind: 'list' },
  ],
};

let seq = 0;
function buildTask(overrides: Partial<TaskRow> = {}): TaskRow {
  seq++;
  return { code: String(seq).padStart(6, '0'), title: `事项${seq}`, light: 'green', dueDate: '2026-06-30', ...overrides };
}

async function load(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

/** Loads a workbook, lets the test change it and writes it again (a user editing the file in Excel). */
async function edit(buffer: Buffer, change: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  change(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function foreign(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Sheet1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('sheets: export and re-import', () => {
  it('re-imports an export without loss: text ids with leading zeros, credit codes, Chinese text, dates, numbers, lists', async () => {
    const rows: TaskRow[] = [
      buildTask({
        code: '000123',
        title: '推进“智造谷”二期：土地报批\n第二行',
        uscc: completeUscc('91320100MA1XYW00A'),
        phone: '13800138000',
        light: 'yellow',
        startDate: '2026-01-05',
        dueDate: '2026-03-31',
        amount: 1234.56,
        progress: 40,
        coUnits: ['招商局', '财政局'],
      }),
      buildTask({ code: '0007', uscc: completeUscc('12320100466012345'), light: 'red', amount: 0.5, progress: 0 }),
      buildTask({ code: '00000001', title: 'Ａｂｃ 全角保持原样', coUnits: ['自然资源和规划分局'] }),
    ];
    const buffer = await writeSheet(spec, rows);
    const read = await readSheet(spec, buffer);
    expect(read.errors).toEqual([]);
    expect(read.template).toEqual({ id: 'ledger-tasks', version: 1 });
    expect(read.headerRowNumber).toBe(3);
    expect(read.total).toBe(3);
    expect(read.rows.map((r) => r.value)).toEqual(rows);
    expect(read.rows.map((r) => [r.rowNumber, r.key])).toEqual([
      [4, '000123'],
      [5, '0007'],
      [6, '00000001'],
    ]);

    const ws = await load(buffer);
    expect(ws.name).toBe('督查督办事项台账');
    expect(ws.getCell('A1').value).toBe('督查督办事项台账');
    expect(ws.getCell('K1').isMerged).toBe(true);
    expect(ws.getCell('G2').value).toBe('时限');
    expect(ws.getCell('H2').isMerged).toBe(true);
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('G3').value, ws.getCell('H3').value]).toEqual([
      '序号',
      '*编号',
      '开始日期',
      '*截止日期',
    ]);
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(ws.getCell('B3').border?.top?.style).toBe('thin');
    for (const address of ['B4', 'D4', 'E4', 'H4']) {
      expect(ws.getCell(address).type, address).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(address).numFmt, address).toBe('@');
    }
    expect(ws.getCell('B4').value).toBe('000123');
    expect(ws.getCell('H4').value).toBe('2026-03-31');
    expect(ws.getCell('A6').value).toBe(3);
    expect(ws.getCell('I4').value).toBe(1234.56);
    expect(ws.getColumn('C').width).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getCell('A7').value).toBe('合计');
    expect(ws.getCell('I7').value).toEqual({ formula: 'SUM(I4:I6)', result: 1235.06 });
    const marker = ws.workbook.getWorksheet('_zoneops')!;
    expect(marker.state).toBe('veryHidden');
    expect([marker.getCell('A1').value, marker.getCell('B1').value, marker.getCell('C1').value]).toEqual(['zoneops-sheet', 'ledger-tasks', 1]);
  });

  it('writes an empty template that reads as no rows, with drop-downs for enum columns', async () => {
    const template = await writeSheet(spec, []);
    const read = await readSheet(spec, template);
    expect(read).toMatchObject({ rows: [], errors: [], total: 0, headerRowNumber: 3 });
    const ws = await load(template);
    expect(ws.getCell('A4').value).toBeNull();
    const rule = (ws as unknown as { dataValidations: { find(a: string): ExcelJS.DataValidation | undefined } }).dataValidations.find('F4');
    expect(rule).toMatchObject({ type: 'list', formulae: ["'_zoneops'!$H$1:$H$3"] });
    expect(ws.workbook.getWorksheet('_zoneops')!.getCell('H2').value).toBe('黄灯');
  });

  it('reads a workbook exported with English headers', async () => {
    const rows = [buildTask({ coUnits: ['A', 'B'] })];
    const buffer = await writeSheet(spec, rows, { lang: 'en' });
    expect((await load(buffer)).getCell('B3').value).toBe('*Code');
    expect((await readSheet(spec, buffer)).rows.map((r) => r.value)).toEqual(rows);
  });
});

describe('sheets: reading workbooks made elsewhere', () => {
  it('finds the header under a title row and a merged group header, tolerant of spaces and full-width characters', async () => {
    const buffer = await foreign((ws) => {
      ws.getCell('A1').value = '2026 年第一季度 督查督办事项台账';
      ws.mergeCells('A1:G1');
      ws.getCell('A2').value = '填报单位：经发局';
      ws.getRow(3).values = ['序 号', ' 编　号 ', '事项名称（必填）', '灯色', '时限', null, '投资额(万元)'];
      ws.getRow(4).values = [null, null, null, null, '开始 日期', '*截止日期', null];
      for (const c of ['A', 'B', 'C', 'D', 'G']) ws.mergeCells(`${c}3:${c}4`);
      ws.mergeCells('E3:F3');
      ws.getRow(5).values = [1, '0001', '园区道路改造', '绿灯', '2026/1/5', '2026年3月31日', '1,200.5'];
      ws.getRow(6).values = [2, '0002', '污水管网', ' 红灯 ', '20260201', new Date(Date.UTC(2026, 5, 30)), 80];
      ws.getRow(7).values = [3];
      ws.getRow(8).values = [4];
      ws.getRow(9).values = ['合计', null, null, null, null, null, { formula: 'SUM(G5:G8)', result: 1280.5 }];
      ws.mergeCells('A9:D9');
    });
    const read = await readSheet(spec, buffer);
    expect(read.errors).toEqual([]);
    expect(read.template).toBeNull();
    expect(read.headerRowNumber).toBe(4);
    expect(read.total).toBe(2);
    expect(read.rows.map((r) => r.value)).toEqual([
      { code: '0001', title: '园区道路改造', light: 'green', startDate: '2026-01-05', dueDate: '2026-03-31', amount: 1200.5 },
      { code: '0002', title: '污水管网', light: 'red', startDate: '2026-02-01', dueDate: '2026-06-30', amount: 80 },
    ]);
  });

  it('takes the lower row of a header merged over two rows', async () => {
    const buffer = await foreign((ws) => {
      ws.getRow(2).values = ['编号', '事项名称', '灯色', '截止日期'];
      for (const c of ['A', 'B', 'C', 'D']) ws.mergeCells(`${c}2:${c}3`);
      ws.getRow(4).values = ['0001', '道路', '绿灯', '2026-05-01'];
    });
    const read = await readSheet(spec, buffer);
    expect(read.headerRowNumber).toBe(3);
    expect(read.rows.map((r) => r.value)).toEqual([{ code: '0001', title: '道路', light: 'green', dueDate: '2026-05-01' }]);
  });

  it('normalises formula, rich-text and hyperlink cells and turns numbers back into text without exponent', async () => {
    const serial = (Date.UTC(2026, 2, 15) - Date.UTC(1899, 11, 30)) / 86400000;
    const buffer = await foreign((ws) => {
      ws.getRow(1).values = ['编号', '事项名称', '灯色', '截止日期', '统一社会信用代码', '联系电话', '投资额（万元）'];
      ws.getRow(2).values = [
        { richText: [{ text: '00' }, { text: '42', font: { bold: true } }] },
        { formula: 'CONCATENATE("招商","引资")', result: '招商引资' },
        { text: '黄灯', hyperlink: 'https://example.org/light' },
        serial,
        { formula: 'A1', result: completeUscc('91320100MA1XYW00A') },
        13800138000,
        { formula: '1+2', result: 3 },
      ];
      ws.getRow(3).values = [123, '工业用地', '绿灯', '2026-07-01', Number('913201001234567890'), null, { formula: '1/0', result: { error: '#DIV/0!' } }];
      ws.getCell('A3').numFmt = '0000';
    });
    const read = await readSheet(spec, buffer);
    expect(read.rows.map((r) => r.value)).toEqual([
      { code: '0042', title: '招商引资', light: 'yellow', dueDate: '2026-03-15', uscc: completeUscc('91320100MA1XYW00A'), phone: '13800138000', amount: 3 },
    ]);
    expect(read.errors).toEqual([
      { rowNumber: 3, column: '统一社会信用代码', key: 'uscc', cell: 'E3', message: expect.stringContaining('超过 15 位') },
      { rowNumber: 3, column: '投资额（万元）', key: 'amount', cell: 'G3', message: '单元格为错误值 #DIV/0!' },
    ]);
  });

  it('refuses merged cells in the data area and names the range', async () => {
    const buffer = await edit(await writeSheet(spec, [buildTask(), buildTask(), buildTask()]), (ws) => ws.mergeCells('C5:C6'));
    await expect(readSheet(spec, buffer)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '合并单元格 C5:C6 位于数据区，请取消合并后重新上传' });
  });

  it('names the missing required columns', async () => {
    const buffer = await foreign((ws) => {
      ws.getRow(1).values = ['序号', '编号', '事项名称', '投资额（万元）'];
      ws.getRow(2).values = [1, '0001', '道路', 3];
    });
    const err = await readSheet(spec, buffer).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '缺少必填列：灯色、截止日期',
      details: [{ path: 'file', message: '缺少必填列：灯色、截止日期' }],
    });
  });

  it('refuses a workbook without any known header and one written for another template', async () => {
    const other = await writeSheet({ ...spec, id: 'projects' }, []);
    await expect(readSheet(spec, other)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('projects') });
    const noHeader = await foreign((ws) => (ws.getRow(1).values = ['姓名', '年龄']));
    await expect(readSheet(spec, noHeader)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('未找到表头行') });
  });

  it('refuses what is not an xlsx file, a damaged one, a file too large and too many rows', async () => {
    await expect(readSheet(spec, Buffer.from('编号,事项名称\n0001,道路\n'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringContaining('不是 xlsx'),
    });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readSheet(spec, xls)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const good = await writeSheet(spec, [buildTask()]);
    const damaged = Buffer.concat([good.subarray(0, 200), Buffer.alloc(200, 7)]);
    await expect(readSheet(spec, damaged)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('已损坏') });
    await expect(readSheet(spec, good, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const many = await writeSheet(
      spec,
      Array.from({ length: 11 }, () => buildTask()),
    );
    await expect(readSheet(spec, many, { maxRows: 10 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('10 行') });
    expect((await readSheet(spec, many, { maxRows: 11 })).rows).toHaveLength(11);
  });
});

describe('sheets: validation and the annotated workbook', () => {
  it('collects every error of a row, marks exactly those cells and leaves good rows untouched', async () => {
    const uploaded = await edit(await writeSheet(spec, [buildTask({ code: '0100' }), buildTask({ code: '0101' }), buildTask({ code: '0102' })]), (ws) => {
      ws.getCell('F5').value = '紫灯';
      ws.getCell('H5').value = '2026-13-45';
      ws.getCell('J5').value = '一半';
      ws.getCell('D5').value = '91320100MA1XYW00AX';
      ws.getCell('J6').value = 120;
    });
    const read = await readSheet(spec, uploaded);
    expect(read.rows.map((r) => r.rowNumber)).toEqual([4]);
    expect(read.errors).toEqual([
      { rowNumber: 5, column: '统一社会信用代码', key: 'uscc', cell: 'D5', message: '统一社会信用代码校验位不正确' },
      { rowNumber: 5, column: '灯色', key: 'light', cell: 'F5', message: '应为以下之一：绿灯、黄灯、红灯' },
      { rowNumber: 5, column: '截止日期', key: 'dueDate', cell: 'H5', message: '应为日期，如 2026-03-15' },
      { rowNumber: 5, column: '进度', key: 'progress', cell: 'J5', message: '应为数字' },
      { rowNumber: 6, column: '进度', key: 'progress', cell: 'J6', message: expect.stringMatching(/[\u4e00-\u9fff].*100/) },
    ]);

    const ws = await load(await annotateErrors(uploaded, read.errors, spec));
    const red = (address: string) => (ws.getCell(address).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFFC7CE';
    expect(ws.getCell('F5').note).toBe('应为以下之一：绿灯、黄灯、红灯');
    expect(ws.getCell('H5').note).toBe('应为日期，如 2026-03-15');
    expect(['D5', 'F5', 'H5', 'J5', 'J6'].every(red)).toBe(true);
    expect(ws.getCell('H5').value).toBe('2026-13-45');
    expect(ws.getCell('L3').value).toBe('错误说明');
    expect(ws.getCell('L5').value).toBe(
      '统一社会信用代码：统一社会信用代码校验位不正确\n灯色：应为以下之一：绿灯、黄灯、红灯\n截止日期：应为日期，如 2026-03-15\n进度：应为数字',
    );
    // the good row and the unmarked cells of bad rows keep their look (exceljs shares loaded styles between cells)
    for (const address of ['B4', 'F4', 'H4', 'J4', 'B5', 'E5', 'F6']) {
      expect(red(address), address).toBe(false);
      expect(ws.getCell(address).note, address).toBeUndefined();
    }
    expect(ws.getCell('L4').value).toBeNull();
    expect(ws.getCell('B4').numFmt).toBe('@');
  });

  it('clears the old marks of a corrected row when the annotated workbook comes back', async () => {
    const uploaded = await edit(await writeSheet(spec, [buildTask({ code: '0200' }), buildTask({ code: '0201' })]), (ws) => {
      ws.getCell('J4').value = '很多';
      ws.getCell('F5').value = '蓝灯';
    });
    const annotated = await annotateErrors(uploaded, (await readSheet(spec, uploaded)).errors, spec);
    const corrected = await edit(annotated, (ws) => (ws.getCell('J4').value = 50));
    const again = await readSheet(spec, corrected);
    expect(again.errors.map((e) => e.cell)).toEqual(['F5']);
    const ws = await load(await annotateErrors(corrected, again.errors, spec));
    expect(ws.getCell('J4').note).toBeUndefined();
    expect((ws.getCell('J4').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
    expect(ws.getCell('L4').value).toBeNull();
    expect(ws.getCell('F5').note).toContain('绿灯');
    expect(ws.getCell('L5').value).toContain('灯色');
  });

  it('reports a duplicate natural key on the later rows', async () => {
    const buffer = await writeSheet(spec, [buildTask({ code: '0001' }), buildTask({ code: '0002' }), buildTask({ code: '0001' }), buildTask({ code: '0001' })]);
    const read = await readSheet(spec, buffer);
    expect(read.rows.map((r) => r.key)).toEqual(['0001', '0002']);
    expect(read.errors).toEqual([
      { rowNumber: 6, message: '与第 4 行重复' },
      { rowNumber: 7, message: '与第 4 行重复' },
    ]);
    expect(read.duplicates).toEqual([{ key: '0001', rowNumbers: [4, 6, 7] }]);
    const ws = await load(await annotateErrors(buffer, read.errors, spec));
    expect(ws.getCell('L7').value).toBe('与第 4 行重复');
  });

  it('commits all rows of a clean file, and only the valid rows of a bad one when asked', async () => {
    const clean = planImport(await readSheet(spec, await writeSheet(spec, [buildTask(), buildTask()])));
    expect(rowsToCommit(clean)).toHaveLength(2);
    const bad = planImport(await readSheet(spec, await writeSheet(spec, [buildTask(), buildTask({ code: 'x' })])));
    expect(bad).toMatchObject({ total: 2, valid: [{ rowNumber: 4 }], errors: [{ rowNumber: 5, cell: 'B5', message: '编号应为 4–8 位数字' }] });
    expect(() => rowsToCommit(bad)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: [{ path: 'row5.code', message: '编号应为 4–8 位数字' }] }),
    );
    expect(rowsToCommit(bad, { onlyValid: true }).map((r) => r.rowNumber)).toEqual([4]);
  });
});

describe('sheets: large files', () => {
  it('reports progress with increasing counts', async () => {
    const buffer = await writeSheet(
      spec,
      Array.from({ length: 1200 }, () => buildTask()),
    );
    const calls: [number, number][] = [];
    await readSheet(spec, buffer, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
  });

  it('parses 10,000 rows', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => buildTask({ amount: i, coUnits: ['招商局'] }));
    const read = await readSheet(spec, await writeSheet(spec, rows));
    expect(read.errors).toEqual([]);
    expect(read.rows).toHaveLength(10_000);
    expect(read.rows[9_999]!.value).toEqual(rows[9_999]);
  });
});
