import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from '../../platform/sheets.ts';
import {
  groupNumeral,
  inspectLedger,
  ledgerSheetSpec,
  parseMoney,
  writeLedger,
  writeMonthlyReport,
  type MonthlyReportLine,
  type ProjectSheetRow,
} from './project-sheet.ts';

const spec = ledgerSheetSpec({
  title: '2026年古雷港经济开发区重点项目台账',
  industries: [
    { code: 'petrochemical', label: '石油化工' },
    { code: 'logistics', label: '港口物流' },
  ],
  fundingSources: [
    { code: 'government', label: '政府投资' },
    { code: 'enterprise', label: '企业自筹' },
    { code: 'bank', label: '银行贷款' },
  ],
});

const full: ProjectSheetRow = {
  code: '000123',
  name: '古雷乙烯下游深加工项目',
  content: '新建乙烯下游深加工装置',
  owner: '古雷石化有限公司',
  leadUnit: '发展改革局',
  leaders: ['王市长', '李区长'],
  industry: 'petrochemical',
  category: 'industry',
  nature: 'expansion',
  level: 'province',
  investorType: 'mixed',
  stage: 'construction',
  totalInvestment: '120000.55',
  'fund:government': '30000.55',
  'fund:enterprise': '60000.00',
  'fund:bank': '30000.00',
  annualPlan: '36000.50',
  plannedStartOn: '2026-03-01',
  plannedCompletionOn: '2027-12-31',
  actualStartOn: '2026-03-15',
  lng: 117.6123456789,
  lat: 23.77,
  light: '红灯',
  lightReason: '节点“主体封顶”滞后12天',
};
const small: ProjectSheetRow = {
  name: '港口物流园项目',
  owner: '漳州港务集团',
  leadUnit: '住建局',
  industry: 'logistics',
  category: 'infrastructure',
  nature: 'new',
  level: 'city',
  investorType: 'state',
  totalInvestment: '45000.00',
};

async function load(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}
async function edit(buffer: Buffer, change: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  change(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the project ledger sheet', () => {
  it('writes the office layout: title, unit row, two merged header rows, 序号, money and text cells, a 合计 row', async () => {
    const ws = await load(await writeLedger(spec, [full, small], { totalInvestment: '165000.55', annualPlan: '36000.50' }));
    expect(ws.getCell('A1').text).toBe('2026年古雷港经济开发区重点项目台账');
    expect(ws.getCell('A2').text).toBe('单位：万元');
    expect(ws.getCell('A3').isMerged && ws.getCell('A4').isMerged).toBe(true);
    expect([ws.getCell('B3').text, ws.getCell('B4').text, ws.getCell('C4').text]).toEqual(['项目基本情况', '项目编码', '*项目名称']);
    expect([ws.getCell('N3').text, ws.getCell('N4').text, ws.getCell('O4').text]).toEqual(['总投资', '*合计', '政府投资']);
    expect(ws.getCell('R3').text).toBe('年度计划投资');
    expect([ws.getCell('A5').value, ws.getCell('A6').value, ws.getCell('A7').value]).toEqual([1, 2, '合计']);
    expect(ws.getCell('B5')).toMatchObject({ value: '000123', numFmt: '@' });
    expect(ws.getCell('N5')).toMatchObject({ value: 120000.55, numFmt: '#,##0.00' });
    expect(ws.getCell('G5').value).toBe('王市长、李区长');
    expect([ws.getCell('H5').value, ws.getCell('I5').value, ws.getCell('J5').value, ws.getCell('K5').value, ws.getCell('M5').value]).toEqual([
      '石油化工',
      '产业项目',
      '扩建',
      '省重点',
      '在建',
    ]);
    expect(ws.getCell('N7').value).toEqual({ formula: 'SUM(N5:N6)', result: 165000.55 });
    expect(ws.getCell('L7').value).toBeNull();
  });

  it('reads its own workbook back to the same values', async () => {
    const read = await readSheet(spec, await writeLedger(spec, [full, small], {}));
    expect(read.errors).toEqual([]);
    expect(read.total).toBe(2);
    expect(read.headerRowNumber).toBe(4);
    expect(read.template).toEqual({ id: 'project-ledger', version: 1 });
    const { light: _l, lightReason: _r, ...imported } = full;
    expect(read.rows[0]!.value).toEqual({ ...imported, light: '红灯', lightReason: full.lightReason });
    expect(read.rows[1]!.value).toEqual(small);
  });

  it('gives an empty template without a 合计 row', async () => {
    const ws = await load(await writeLedger(spec, [], {}));
    expect(ws.actualRowCount).toBe(4);
    expect((await readSheet(spec, await writeLedger(spec, [], {}))).total).toBe(0);
  });

  it('rounds money to the two decimals it shows and refuses negative or oversized amounts', async () => {
    expect(parseMoney(1234.5)).toBe('1234.50');
    expect(parseMoney(0.005)).toBe('0.01');
    expect(() => parseMoney(-1)).toThrow('金额不能为负数');
    expect(() => parseMoney(1e15)).toThrow('超出范围');
    const file = await edit(await writeLedger(spec, [small], {}), (ws) => {
      ws.getCell('N5').value = '4,5000';
      ws.getCell('R5').value = '三万';
    });
    const read = await readSheet(spec, file);
    expect(read.errors).toEqual([expect.objectContaining({ rowNumber: 5, cell: 'R5', message: '应为数字' })]);
  });

  it('reports merged data cells row by row and hands the reader the workbook unmerged', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ ...small, name: `项目${i}` }));
    const clean = await writeLedger(spec, rows, {});
    const plain = await inspectLedger(clean, spec);
    expect(plain?.buffer).toBe(clean);
    expect(plain?.mergeErrors).toEqual([]);
    expect(plain?.columnOf.get('name')).toBe(3);
    expect(plain?.columnOf.get('fund:bank')).toBe(17);

    // a merge far below the first rows, and a 合计 row merged across: only the first is an error
    const merged = await edit(clean, (ws) => {
      ws.mergeCells('D40:D41');
      ws.mergeCells(`A${ws.rowCount}:C${ws.rowCount}`);
    });
    const found = await inspectLedger(merged, spec);
    expect(found?.mergeErrors).toEqual([
      expect.objectContaining({ rowNumber: 40, column: '建设内容及规模', cell: 'D40', message: expect.stringContaining('D40:D41') }),
      expect.objectContaining({ rowNumber: 41, column: '建设内容及规模' }),
    ]);
    expect(found?.unmergedCells).toEqual(new Set(['D41']));
    await expect(readSheet(spec, merged)).rejects.toThrow('合并单元格');
    expect((await readSheet(spec, found!.buffer)).total).toBe(40);
  });

  it('numbers report groups in Chinese', () => {
    expect([1, 9, 10, 11, 20, 23, 99].map(groupNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十三', '九十九']);
  });
});

describe('the monthly report sheet', () => {
  const line = (name: string, unit: string, total: string, completed: string): MonthlyReportLine => ({
    name,
    leadUnitName: unit,
    totalInvestment: total,
    annualPlan: '100.00',
    monthPlanned: '10.00',
    monthCompleted: completed,
    ytdPlanned: '50.00',
    ytdCompleted: '40.00',
    annualPercent: 40,
    completedTotal: '60.00',
    totalPercent: 6,
    physicalProgress: '主体施工',
    status: '已审核',
  });

  it('puts 合计 first under the header, then each unit’s 小计 followed by its projects, with SUBTOTAL formulas', async () => {
    const a = line('项目甲', '发展改革局', '1000.00', '8.10');
    const b = line('项目乙', '发展改革局', '500.50', '1.20');
    const c = line('项目丙', '住建局', '300.00', '0.00');
    const sum = (lines: MonthlyReportLine[], unit: string) => ({ ...lines[0]!, name: '', leadUnitName: unit, status: '', physicalProgress: null });
    const ws = await load(
      await writeMonthlyReport(
        {
          year: 2026,
          month: 10,
          count: 3,
          groups: [
            { unitName: '发展改革局', lines: [a, b], subtotal: { ...sum([a, b], '发展改革局'), totalInvestment: '1500.50', monthCompleted: '9.30' } },
            { unitName: '住建局', lines: [c], subtotal: sum([c], '住建局') },
          ],
          total: { ...sum([a], ''), totalInvestment: '1800.50', monthCompleted: '9.30' },
        },
        '2026-11-23',
      ),
    );
    expect(ws.getCell('A1').text).toBe('重点项目投资完成情况月报表（2026年10月）');
    expect(ws.getCell('A2').text).toBe('制表日期：2026-11-23　　单位：万元');
    expect([ws.getCell('F3').text, ws.getCell('H3').text, ws.getCell('F4').text, ws.getCell('J4').text]).toEqual(['本月', '年度累计', '计划', '完成率%']);
    expect([ws.getCell('A5').text, ws.getCell('B5').text]).toEqual(['合计', '共 3 个项目']);
    expect(ws.getCell('D5').value).toEqual({ formula: 'SUBTOTAL(9,D6:D10)', result: 1800.5 });
    expect([ws.getCell('A6').text, ws.getCell('B6').text, ws.getCell('C6').text]).toEqual(['一', '发展改革局小计（2 个）', '发展改革局']);
    expect(ws.getCell('G6').value).toEqual({ formula: 'SUBTOTAL(9,G7:G8)', result: 9.3 });
    expect([ws.getCell('A7').value, ws.getCell('B7').text, ws.getCell('G7').value, ws.getCell('N7').text]).toEqual([1, '项目甲', 8.1, '已审核']);
    expect([ws.getCell('A9').text, ws.getCell('A10').value]).toEqual(['二', 3]);
    expect(ws.getCell('J5').value).toBe(40);
  });
});
