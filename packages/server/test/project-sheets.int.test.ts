// The key projects' spreadsheets over HTTP: the import template; the ledger export (office layout, values, 合计,
// visibility) and its lossless re-import; an edited import that changes exactly the edited cells and audits them;
// bad rows (unknown unit, funding mismatch, a key twice in the file, coordinates outside the zone, a future date, text
// in a money cell, a merged data cell) reported per row and column with nothing written, and the annotated
// workbook; the monthly report whose 合计 equals the SQL sums; the year list and ceremony exports.
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc, XLSX_MIME, type ImportCommit, type ImportPreview, type ProjectDetail } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, geoFeatures, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const BOUNDARY = {
  type: 'Polygon',
  coordinates: [
    [
      [117.58, 23.73],
      [117.66, 23.73],
      [117.66, 23.82],
      [117.58, 23.82],
      [117.58, 23.73],
    ],
  ],
};

async function loadSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

/** Header text (without the required mark) → column number, from the ledger's header row (row 4). */
function columnsOf(ws: ExcelJS.Worksheet): (header: string) => number {
  const map = new Map<string, number>();
  ws.getRow(4).eachCell((cell, c) => map.set(cell.text.replace(/^\*/, ''), c));
  return (h) => {
    const c = map.get(h);
    if (!c) throw new Error(`no column ${h}`);
    return c;
  };
}

/** The data row of a project by name (column 项目名称). */
function rowOf(ws: ExcelJS.Worksheet, name: string): number {
  const col = columnsOf(ws)('项目名称');
  for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, col).text === name) return r;
  throw new Error(`no row ${name}`);
}

/** Loads a workbook, lets the test change its first sheet (a user in Excel) and writes it again. */
async function edit(buffer: Buffer, change: (ws: ExcelJS.Worksheet, col: (header: string) => number) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  change(ws, columnsOf(ws));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const resultOf = (cell: ExcelJS.Cell) => {
  const v = cell.value as unknown;
  return typeof v === 'object' && v !== null && 'result' in v ? (v as { result: number }).result : (v as number);
};
const money = (n: unknown) => Number(n).toFixed(2);

for (const engine of engines()) {
  describe(`key project spreadsheets on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let zone: { id: string };
    let bureau: { id: string };
    let works: { id: string };
    let other: { id: string };
    let head: Client;
    let staff: Client;
    let otherHead: Client;
    let cityBoss: { id: string };
    let districtBoss: { id: string };
    let enterpriseId: string;
    const ids: Record<string, string> = {};
    let exported: Buffer;

    const db = () => env.database.db;
    const upload = (c: Client, file: Buffer, query: string) => c.send('POST', `/api/projects/import?${query}`, file, { 'content-type': XLSX_MIME });
    const create = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.send('POST', '/api/projects', {
        level: 'city',
        industry: 'petrochemical',
        category: 'industry',
        nature: 'new',
        investorType: 'private',
        planYear: 2026,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ProjectDetail;
    };
    const projectRow = async (id: string) =>
      (
        await queryRows<{ totalInvestment: string; funding: unknown; version: number; plannedCompletionOn: string | null; annualPlan: string }>(
          db(),
          sql`select total_investment::text as "totalInvestment", funding, version, to_char(planned_completion_on, 'YYYY-MM-DD') as "plannedCompletionOn",
            annual_plan::text as "annualPlan" from projects where id = ${id}`,
        )
      )[0]!;
    const auditCount = async () => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action like 'project.%'`))[0]!.n;
    const projectCount = async () => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from projects`))[0]!.n;

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      await db().insert(geoFeatures).values({ kind: 'boundary', name: '园区', geometry: BOUNDARY });
      zone = await buildUnit(db(), { name: '古雷管委会' });
      bureau = await buildUnit(db(), { name: '发展改革局', parentId: zone.id });
      works = await buildUnit(db(), { name: '住建局', parentId: zone.id });
      other = await buildUnit(db(), { name: '文旅局' });
      const [e] = await db()
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA2000001') })
        .returning();
      enterpriseId = e!.id;
      await buildUser(db(), { username: 'head', unitId: zone.id, roles: ['deptAdmin'] });
      await buildUser(db(), { username: 'staff', unitId: bureau.id, roles: ['staff'] });
      await buildUser(db(), { username: 'otherhead', unitId: other.id, roles: ['deptAdmin'] });
      cityBoss = await buildUser(db(), { username: 'cityboss', unitId: zone.id, roles: ['cityLeader'], displayName: '王市长' });
      districtBoss = await buildUser(db(), { username: 'districtboss', unitId: zone.id, roles: ['leader'], displayName: '李区长' });
      const firm = await buildUser(db(), { username: 'firm', unitId: other.id, roles: ['enterpriseUser'] });
      await db().update(users).set({ enterpriseId }).where(eq(users.id, firm.id));
      [head, staff, otherHead] = (await Promise.all(['head', 'staff', 'otherhead'].map((u) => login(app.app, u)))) as [Client, Client, Client];

      ids.p1 = (
        await create(head, {
          code: 'GL-2026-001',
          name: '古雷乙烯下游深加工项目',
          content: '新建乙烯下游深加工装置',
          ownerEnterpriseId: enterpriseId,
          leadUnitId: bureau.id,
          leaders: [{ userId: cityBoss.id, level: 'city' }],
          stage: 'construction',
          plannedStartOn: '2026-03-01',
          plannedCompletionOn: '2027-12-31',
          actualStartOn: '2026-03-15',
          totalInvestment: '120000.00',
          funding: [
            { source: 'government', subSource: 'central', amount: '20000' },
            { source: 'government', subSource: 'local', amount: '10000' },
            { source: 'enterprise', amount: '60000' },
            { source: 'bank', amount: '30000' },
          ],
          annualPlan: '36000.50',
          lng: 117.61,
          lat: 23.77,
          level: 'province',
          investorType: 'mixed',
        })
      ).id;
      ids.p2 = (
        await create(head, {
          code: 'GL-2026-002',
          name: '港口物流园项目',
          ownerName: '漳州港务集团',
          leadUnitId: works.id,
          industry: 'logistics',
          category: 'infrastructure',
          stage: 'listed',
          plannedStartOn: '2026-12-01',
          plannedCompletionOn: '2028-06-30',
          totalInvestment: '45000',
          annualPlan: '8000',
        })
      ).id;
      ids.p3 = (
        await create(head, {
          name: '石化配套道路工程',
          ownerName: '古雷开发建设公司',
          leadUnitId: works.id,
          leaders: [{ userId: districtBoss.id, level: 'district' }],
          category: 'infrastructure',
          nature: 'expansion',
          investorType: 'government',
          stage: 'preparation',
          totalInvestment: '30000.55',
          funding: [{ source: 'government', subSource: 'specialBond', amount: '30000.55' }],
          annualPlan: '12000.05',
          lng: 117.62,
          lat: 23.78,
        })
      ).id;
      ids.p4 = (
        await create(head, {
          code: 'GL-2025-010',
          name: '新材料研发中心',
          ownerName: '福建新材料科技公司',
          leadUnitId: bureau.id,
          industry: 'newMaterials',
          category: 'innovation',
          stage: 'reserve',
          totalInvestment: '8000',
          funding: [{ source: 'enterprise', amount: '8000' }],
          planYear: 2025,
        })
      ).id;
      ids.p5 = (
        await create(otherHead, { name: '文旅综合体项目', ownerName: '古雷文旅公司', leadUnitId: other.id, stage: 'listed', totalInvestment: '5000' })
      ).id;

      // Investment reports (written directly: the monthly report only reads them): approved ones count, others not.
      const report = (projectId: string, period: string, planned: string, completed: string, status: string, progress: string | null = null) =>
        sql`(${projectId}, ${period}, ${Number(period.slice(0, 4))}, ${Number(period.slice(5, 7))}, ${planned}, ${completed}, ${status}, ${progress})`;
      const values = [
        report(ids.p1!, '2025-12', '5000', '4800', 'approved'),
        ...Array.from({ length: 10 }, (_, i) =>
          report(ids.p1!, `2026-${String(i + 1).padStart(2, '0')}`, `${3000 + i}.10`, `${2800 + i}.15`, 'approved', `主体施工第${i + 1}月`),
        ),
        report(ids.p1!, '2026-11', '9999', '9999', 'submitted'),
        report(ids.p2!, '2026-09', '500', '450.25', 'approved'),
        report(ids.p2!, '2026-10', '1000', '900', 'submitted'),
        report(ids.p3!, '2026-10', '100.10', '99.99', 'approved', '路基施工'),
        report(ids.p5!, '2026-10', '700', '650', 'approved'),
      ];
      await db().execute(
        sql`insert into investment_reports (project_id, period, year, month, planned, completed, status, physical_progress) values ${sql.join(values, sql`, `)}`,
      );
    });
    afterAll(() => env?.close());

    it('gives the empty ledger as the import template', async () => {
      const res = await head.get('/api/projects/import/template.xlsx');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      const ws = await loadSheet(res.rawPayload);
      expect(ws.name).toBe('重点项目台账');
      expect(ws.getCell('A1').text).toBe('2026年古雷港经济开发区重点项目台账');
      expect(ws.getCell('A2').text).toBe('单位：万元');
      expect(ws.getCell('A3').text).toBe('序号');
      expect(ws.getCell('B3').text).toBe('项目基本情况');
      const col = columnsOf(ws);
      expect(ws.getCell(3, col('合计')).text).toBe('总投资');
      expect(['政府投资', '企业自筹', '银行贷款', '外资', '其他'].map((h) => col(h) - col('合计'))).toEqual([1, 2, 3, 4, 5]);
      for (const h of [
        '项目编码',
        '建设内容及规模',
        '挂钩领导',
        '行业',
        '类别',
        '性质',
        '级别',
        '阶段',
        '年度计划投资',
        '计划开工',
        '计划竣工',
        '实际开工',
        '经度',
        '纬度',
        '灯色',
        '灯色原因',
      ])
        expect(col(h)).toBeGreaterThan(0);
      expect(ws.getCell(4, col('项目名称')).text).toBe('*项目名称');
      expect(ws.actualRowCount).toBe(4);
    });

    it('exports the projects the caller sees in the office layout with a 合计 row', async () => {
      const res = await head.get('/api/projects/export.xlsx?sort=name');
      expect(res.statusCode, res.body).toBe(200);
      exported = res.rawPayload;
      const ws = await loadSheet(exported);
      const col = columnsOf(ws);
      const names = [5, 6, 7, 8].map((r) => ws.getCell(r, col('项目名称')).text);
      expect(names.sort()).toEqual(['古雷乙烯下游深加工项目', '新材料研发中心', '港口物流园项目', '石化配套道路工程'].sort());
      expect(ws.getCell(9, 1).text).toBe('合计');
      const r1 = rowOf(ws, '古雷乙烯下游深加工项目');
      const cell = (h: string) => ws.getCell(r1, col(h));
      expect(cell('项目编码').value).toBe('GL-2026-001');
      expect(cell('项目编码').numFmt).toBe('@');
      expect(cell('合计').value).toBe(120000);
      expect(cell('合计').numFmt).toBe('#,##0.00');
      expect(cell('政府投资').value).toBe(30000);
      expect(cell('企业自筹').value).toBe(60000);
      expect(cell('银行贷款').value).toBe(30000);
      expect(cell('外资').value).toBeNull();
      expect(cell('年度计划投资').value).toBe(36000.5);
      expect(cell('业主单位').text).toBe('古雷石化有限公司');
      expect(cell('责任单位').text).toBe('发展改革局');
      expect(cell('挂钩领导').text).toBe('王市长');
      expect([cell('行业').text, cell('类别').text, cell('性质').text, cell('级别').text, cell('阶段').text]).toEqual([
        '石油化工',
        '产业项目',
        '新建',
        '省重点',
        '在建',
      ]);
      expect((cell('实际开工').value as Date).toISOString().slice(0, 10)).toBe('2026-03-15');
      expect(cell('经度').value).toBe(117.61);
      expect(cell('灯色').text).toMatch(/灯/);
      // 合计: SUM formulas with the exact sums as their results
      expect(ws.getCell(9, col('合计')).formula).toMatch(/^SUM\(/);
      expect(money(resultOf(ws.getCell(9, col('合计'))))).toBe('203000.55');
      expect(money(resultOf(ws.getCell(9, col('政府投资'))))).toBe('60000.55');
      // Another department's projects are not in it; the filters of the list apply.
      expect(names).not.toContain('文旅综合体项目');
      const filtered = await loadSheet((await head.get(`/api/projects/export.xlsx?leadUnitId=${works.id}`)).rawPayload);
      expect(filtered.getCell(7, 1).text).toBe('合计');
      expect((await otherHead.get('/api/projects/export.xlsx')).statusCode).toBe(200);
    });

    it('imports its own export back without any change', async () => {
      const before = await Promise.all(Object.values(ids).map(projectRow));
      const audits = await auditCount();
      const preview = await upload(head, exported, 'mode=preview');
      expect(preview.statusCode, preview.body).toBe(200);
      const p = preview.json() as ImportPreview;
      expect(p.errors).toEqual([]);
      expect(p.counts).toEqual({ create: 0, update: 0, unchanged: 4 });
      const commit = await upload(head, exported, 'mode=commit');
      expect(commit.statusCode, commit.body).toBe(200);
      const c = commit.json() as ImportCommit;
      expect([c.created, c.updated]).toEqual([[], []]);
      expect(await Promise.all(Object.values(ids).map(projectRow))).toEqual(before);
      // Only the import's own record.
      expect(await auditCount()).toBe(audits + 1);
      const [last] = await queryRows<{ action: string; diff: { created: number; updated: number; unchanged: number } }>(
        db(),
        sql`select action, diff from audit_log order by seq desc limit 1`,
      );
      expect(last).toMatchObject({ action: 'project.import', diff: { created: 0, updated: 0, unchanged: 4 } });
    });

    it('changes exactly the edited cells, audits each changed project and creates the new rows', async () => {
      const p4Before = await projectRow(ids.p4!);
      const file = await edit(exported, (ws, col) => {
        const r1 = rowOf(ws, '古雷乙烯下游深加工项目');
        ws.getCell(r1, col('合计')).value = 125000;
        ws.getCell(r1, col('企业自筹')).value = 65000;
        ws.getCell(rowOf(ws, '港口物流园项目'), col('计划竣工')).value = new Date('2028-09-30T00:00:00Z');
        ws.getCell(rowOf(ws, '石化配套道路工程'), col('挂钩领导')).value = '李区长、王市长';
        // a new project in the row of the 合计: the reader skips 合计 rows wherever they are
        const r = ws.rowCount + 1;
        const set = (h: string, v: ExcelJS.CellValue) => (ws.getCell(r, col(h)).value = v);
        set('项目编码', 'GL-2026-003');
        set('项目名称', '新建储罐项目');
        set('业主单位', '古雷石化有限公司');
        set('责任单位', '发展改革局');
        set('行业', '石油化工');
        set('类别', '产业项目');
        set('性质', '新建');
        set('级别', '市重点');
        set('投资主体', '民营');
        set('阶段', '在建');
        set('合计', 50000);
        set('企业自筹', 50000);
        set('年度计划投资', '1,200.5');
        set('计划开工', '2026-10-01');
        set('计划竣工', '2027/12/31');
        set('实际开工', new Date('2026-11-01T00:00:00Z'));
      });
      const preview = (await upload(head, file, 'mode=preview')).json() as ImportPreview;
      expect(preview.errors).toEqual([]);
      expect(preview.counts).toEqual({ create: 1, update: 3, unchanged: 1 });
      expect(preview.rows.find((r) => r.title === '古雷乙烯下游深加工项目')?.note).toBe('修改：合计、资金来源');
      const audits = await auditCount();
      const res = await upload(head, file, 'mode=commit');
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json() as ImportCommit;
      expect(c.created).toHaveLength(1);
      expect(c.updated.map((u) => u.id).sort()).toEqual([ids.p1, ids.p2, ids.p3].sort());
      ids.p6 = c.created[0]!.id;

      const p1 = await projectRow(ids.p1!);
      expect(p1.totalInvestment).toBe('125000.00');
      // the government lines keep their sub-sources: their column did not change
      expect(p1.funding).toEqual([
        { source: 'government', subSource: 'central', amount: '20000.00' },
        { source: 'government', subSource: 'local', amount: '10000.00' },
        { source: 'enterprise', amount: '65000.00' },
        { source: 'bank', amount: '30000.00' },
      ]);
      expect((await projectRow(ids.p2!)).plannedCompletionOn).toBe('2028-09-30');
      expect(await projectRow(ids.p4!)).toEqual(p4Before);
      const leaders = await queryRows<{ userId: string; level: string }>(
        db(),
        sql`select user_id as "userId", level from project_leaders where project_id = ${ids.p3!} order by level`,
      );
      expect(leaders).toEqual([
        { userId: cityBoss.id, level: 'city' },
        { userId: districtBoss.id, level: 'district' },
      ]);

      // one record per changed project, naming exactly the changed fields with before and after
      const records = await queryRows<{ action: string; entityId: string | null; diff: { changed?: Record<string, { from: unknown; to: unknown }> } }>(
        db(),
        sql`select action, entity_id as "entityId", diff from audit_log where action like 'project.%' order by seq desc limit 5`,
      );
      expect(await auditCount()).toBe(audits + 5);
      const of = (id: string) => records.find((r) => r.entityId === id && r.action === 'project.update')!.diff.changed!;
      expect(Object.keys(of(ids.p1!)).sort()).toEqual(['funding', 'totalInvestment']);
      expect(of(ids.p1!).totalInvestment).toEqual({ from: '120000.00', to: '125000.00' });
      expect(of(ids.p2!)).toEqual({ plannedCompletionOn: { from: '2028-06-30', to: '2028-09-30' } });
      expect(Object.keys(of(ids.p3!))).toEqual(['leaders']);
      expect(records.map((r) => r.action).sort()).toEqual(['project.create', 'project.import', 'project.update', 'project.update', 'project.update']);
      // the records appended in one statement keep the hash chain intact
      expect(await app.deps.audit.verify()).toMatchObject({ ok: true, firstBrokenSeq: null });

      const created = (await head.get(`/api/projects/${ids.p6}`)).json() as ProjectDetail;
      expect(created).toMatchObject({
        code: 'GL-2026-003',
        ownerEnterpriseId: enterpriseId,
        stage: 'construction',
        annualPlan: '1200.50',
        plannedCompletionOn: '2027-12-31',
        actualStartOn: '2026-11-01',
        level: 'city',
        investorType: 'private',
        funding: [{ source: 'enterprise', amount: '50000.00' }],
      });
      expect(created.milestones).toHaveLength(20);
      expect(created.stageHistory).toHaveLength(1);
      expect(created.light).not.toBe('none');

      // the new state exports and imports back without a change
      const again = (await head.get('/api/projects/export.xlsx')).rawPayload;
      expect(((await upload(head, again, 'mode=preview')).json() as ImportPreview).counts).toEqual({ create: 0, update: 0, unchanged: 5 });
    });

    it('reports bad rows by row and column, writes nothing, and marks them in the annotated workbook', async () => {
      const file = await edit(exported, (ws, col) => {
        const r1 = rowOf(ws, '古雷乙烯下游深加工项目');
        const r2 = rowOf(ws, '港口物流园项目');
        const r3 = rowOf(ws, '石化配套道路工程');
        const r4 = rowOf(ws, '新材料研发中心');
        ws.getCell(r1, col('责任单位')).value = '不存在的局';
        ws.getCell(r2, col('合计')).value = 46000;
        ws.getCell(r2, col('企业自筹')).value = 40000;
        ws.getCell(r3, col('经度')).value = 118.5;
        ws.getCell(r3, col('纬度')).value = 24.5;
        // the total row moves down; the copy of 新材料研发中心 repeats its 项目编码
        const total = ws.rowCount;
        ws.spliceRows(total, 1);
        const copy = total;
        ws.getRow(r4).eachCell((cell, c) => (ws.getCell(copy, c).value = cell.value));
        const fresh = (r: number, name: string) => {
          const set = (h: string, v: ExcelJS.CellValue) => (ws.getCell(r, col(h)).value = v);
          set('项目名称', name);
          set('业主单位', '某公司');
          set('责任单位', '发展改革局');
          set('行业', '石油化工');
          set('类别', '产业项目');
          set('性质', '新建');
          set('级别', '区重点');
          set('投资主体', '民营');
          set('合计', 100);
        };
        fresh(copy + 1, '未来开工项目');
        ws.getCell(copy + 1, col('实际开工')).value = '2026-12-01';
        fresh(copy + 2, '金额写成文字的项目');
        ws.getCell(copy + 2, col('年度计划投资')).value = '三万';
        fresh(copy + 3, '合并单元格项目甲');
        fresh(copy + 4, '合并单元格项目乙');
        ws.mergeCells(copy + 3, col('建设内容及规模'), copy + 4, col('建设内容及规模'));
        fresh(copy + 5, '无误的新项目');
      });
      const before = { projects: await projectCount(), audits: await auditCount() };
      const res = await upload(head, file, 'mode=preview');
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json() as ImportPreview;
      const errorsOf = (row: number) => p.errors.filter((e) => e.rowNumber === row);
      const ws = await loadSheet(file);
      const r = (name: string) => rowOf(ws, name);
      expect(errorsOf(r('古雷乙烯下游深加工项目'))).toEqual([expect.objectContaining({ column: '责任单位', message: '未找到单位「不存在的局」' })]);
      expect(errorsOf(r('港口物流园项目'))).toEqual([expect.objectContaining({ column: '合计', message: expect.stringContaining('不一致') })]);
      expect(errorsOf(r('石化配套道路工程'))).toEqual([expect.objectContaining({ column: '经度', message: expect.stringContaining('不在园区范围内') })]);
      const dup = p.errors.filter((e) => e.column === '项目编码');
      expect(dup.map((e) => e.rowNumber).sort()).toEqual([r('新材料研发中心'), ws.rowCount - 5].sort());
      expect(errorsOf(r('未来开工项目'))).toEqual([expect.objectContaining({ column: '实际开工', message: expect.stringContaining('晚于今天') })]);
      expect(errorsOf(r('金额写成文字的项目'))).toEqual([expect.objectContaining({ column: '年度计划投资', message: '应为数字' })]);
      expect(errorsOf(r('合并单元格项目甲'))[0]).toMatchObject({ column: '建设内容及规模', message: expect.stringContaining('合并单元格') });
      expect(errorsOf(r('合并单元格项目乙'))[0]).toMatchObject({ message: expect.stringContaining('合并单元格') });
      expect(errorsOf(r('无误的新项目'))).toEqual([]);
      expect(p.counts).toEqual({ create: 1, update: 0, unchanged: 0 });
      expect(p.annotatedAvailable).toBe(true);

      // refused as a whole
      const commit = await upload(head, file, 'mode=commit');
      expect(commit.statusCode).toBe(400);
      expect(commit.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await projectCount()).toBe(before.projects);
      expect(await auditCount()).toBe(before.audits);

      // the annotated workbook
      const annotated = await upload(head, file, 'mode=annotate');
      expect(annotated.statusCode).toBe(200);
      expect(Number(annotated.headers['x-import-errors'])).toBe(p.errors.length);
      const marked = await loadSheet(annotated.rawPayload);
      const col = columnsOf(marked);
      const bad = marked.getCell(r('古雷乙烯下游深加工项目'), col('责任单位'));
      expect((bad.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
      expect(String(bad.note)).toContain('不存在的局');
      const errCol = col('错误说明');
      expect(marked.getCell(r('港口物流园项目'), errCol).text).toContain('合计：');
      expect(marked.getCell(r('无误的新项目'), errCol).text).toBe('');

      // only the valid rows, when asked
      const partial = await upload(head, file, 'mode=commit&onlyValid=true');
      expect(partial.statusCode, partial.body).toBe(200);
      expect((partial.json() as ImportCommit).created).toHaveLength(1);
      expect(await projectCount()).toBe(before.projects + 1);
    });

    it('lets only project writers import, and not over projects outside their scope', async () => {
      expect((await upload(staff, exported, 'mode=preview')).statusCode).toBe(403);
      const file = await edit(exported, (ws, col) => {
        const r = rowOf(ws, '新材料研发中心');
        ws.getCell(r, col('项目编码')).value = null;
        ws.getCell(r, col('项目名称')).value = '文旅综合体项目';
        ws.getCell(r, col('业主单位')).value = '古雷文旅公司';
      });
      const p = (await upload(head, file, 'mode=preview')).json() as ImportPreview;
      expect(p.errors).toEqual([expect.objectContaining({ column: '项目名称', message: '系统中已有此项目，但不在您的数据范围内' })]);
      const outside = await edit(exported, (ws, col) => void (ws.getCell(rowOf(ws, '新材料研发中心'), col('责任单位')).value = '文旅局'));
      const q = (await upload(head, outside, 'mode=preview')).json() as ImportPreview;
      expect(q.errors).toEqual([expect.objectContaining({ column: '责任单位', message: '责任单位「文旅局」不在您的数据范围内' })]);
    });

    it('writes the monthly report with conventional headers, 小计 by unit and a 合计 equal to the SQL sums', async () => {
      const res = await head.get('/api/projects/monthly-report.xlsx?period=2026-10');
      expect(res.statusCode, res.body).toBe(200);
      const ws = await loadSheet(res.rawPayload);
      expect(ws.getCell('A1').text).toBe('重点项目投资完成情况月报表（2026年10月）');
      expect(ws.getCell('A2').text).toContain('单位：万元');
      expect([1, 2, 3, 4, 5, 6, 8, 11, 12, 13, 14].map((c) => ws.getCell(3, c).text)).toEqual([
        '序号',
        '项目名称',
        '责任单位',
        '总投资',
        '年度计划投资',
        '本月',
        '年度累计',
        '开工累计完成',
        '占总投资%',
        '形象进度',
        '报送状态',
      ]);
      expect([6, 7, 8, 9, 10].map((c) => ws.getCell(4, c).text)).toEqual(['计划', '完成', '计划', '完成', '完成率%']);
      expect(ws.getCell('A5').text).toBe('合计');

      // the projects the report lists: in the tracked stages or with a report of the year up to the month, seen by head
      const shown = sql`(select p.id from projects p where p.deleted_at is null and p.lead_unit_id in (${bureau.id}, ${works.id})
        and (p.stage in ('listed', 'preparation', 'construction', 'completed', 'production')
          or exists (select 1 from investment_reports x where x.project_id = p.id and x.year = 2026 and x.month <= 10)))`;
      const approved = (where: ReturnType<typeof sql>) =>
        sql`(select coalesce(sum(r.planned), 0)::text || '|' || coalesce(sum(r.completed), 0)::text from investment_reports r
          where r.status = 'approved' and r.project_id in ${shown} and ${where})`;
      const [expected] = await queryRows<{ n: number; total: string; plan: string; month: string; ytd: string; since: string }>(
        db(),
        sql`select (select count(*)::int from ${shown} s) as n,
          (select sum(total_investment)::text from projects where id in ${shown}) as total,
          (select sum(annual_plan)::text from projects where id in ${shown} and plan_year = 2026) as plan,
          ${approved(sql`r.year = 2026 and r.month = 10`)} as month,
          ${approved(sql`r.year = 2026 and r.month <= 10`)} as ytd,
          ${approved(sql`(r.year < 2026 or (r.year = 2026 and r.month <= 10))`)} as since`,
      );
      const cell = (c: number) => money(resultOf(ws.getCell(5, c)));
      expect(ws.getCell('B5').text).toBe(`共 ${expected!.n} 个项目`);
      expect(cell(4)).toBe(money(expected!.total));
      expect(cell(5)).toBe(money(expected!.plan));
      expect(`${cell(6)}|${cell(7)}`).toBe(expected!.month.split('|').map(money).join('|'));
      expect(`${cell(8)}|${cell(9)}`).toBe(expected!.ytd.split('|').map(money).join('|'));
      expect(cell(11)).toBe(money(expected!.since.split('|')[1]));
      expect(ws.getCell('D5').formula).toMatch(/^SUBTOTAL\(9,/);

      // 小计 rows by responsible unit, each followed by its projects; the sum of the 小计 rows is the 合计
      const subtotals: number[] = [];
      for (let r = 6; r <= ws.rowCount; r++) if (ws.getCell(r, 2).text.includes('小计')) subtotals.push(r);
      expect(subtotals.map((r) => ws.getCell(r, 3).text).sort()).toEqual(['住建局', '发展改革局']);
      expect(money(subtotals.reduce((s, r) => s + Number(resultOf(ws.getCell(r, 9))), 0))).toBe(cell(9));
      const line = (name: string) => {
        for (let r = 6; r <= ws.rowCount; r++) if (ws.getCell(r, 2).text === name) return ws.getRow(r);
        throw new Error(name);
      };
      const p1 = line('古雷乙烯下游深加工项目');
      expect([7, 9, 11].map((c) => money(p1.getCell(c).value))).toEqual(['2809.15', money(2800.15 * 10 + 45), money(4800 + 2800.15 * 10 + 45)]);
      expect(p1.getCell(13).text).toBe('主体施工第10月');
      expect(p1.getCell(14).text).toBe('已审核');
      const p2 = line('港口物流园项目');
      expect([p2.getCell(7).value, money(p2.getCell(9).value), p2.getCell(14).text]).toEqual([0, '450.25', '待审核']);
      expect(line('石化配套道路工程').getCell(13).text).toBe('路基施工');
      expect(res.rawPayload.length).toBeGreaterThan(0);
      expect((await head.get('/api/projects/monthly-report.xlsx?period=2026-13')).statusCode).toBe(400);
    });

    it('exports a year list with its 合计 and a ceremony batch grouped by role', async () => {
      const list = (await head.get('/api/projects/year-lists?year=2026&kind=newlyStarted&pageSize=100')).json();
      const res = await head.get('/api/projects/year-lists/export.xlsx?year=2026&kind=newlyStarted');
      expect(res.statusCode, res.body).toBe(200);
      const ws = await loadSheet(res.rawPayload);
      expect(ws.getCell('A1').text).toBe('2026年新动工项目清单');
      expect(ws.getCell('J3').text).toBe('实际开工');
      const names = [];
      for (let r = 4; ws.getCell(r, 1).text !== '合计'; r++) names.push(ws.getCell(r, 2).text);
      expect(names.sort()).toEqual(list.items.map((x: { name: string }) => x.name).sort());
      const total = ws.getRow(4 + names.length);
      expect(total.getCell(2).text).toBe(`共 ${list.total} 个项目`);
      expect(money(resultOf(total.getCell(8)))).toBe(list.totalInvestment);

      const batch = await head.send('POST', '/api/ceremonies', {
        name: '2026年第四季度集中开竣工',
        heldOn: '2026-11-20',
        place: '古雷港区',
        projects: [
          { projectId: ids.p1, role: 'start' },
          { projectId: ids.p6, role: 'start' },
          { projectId: ids.p3, role: 'completion' },
        ],
      });
      expect(batch.statusCode, batch.body).toBe(200);
      const b = await loadSheet((await head.get(`/api/ceremonies/${batch.json().id}/export.xlsx`)).rawPayload);
      expect(b.getCell('A1').text).toBe('2026年第四季度集中开竣工');
      expect(b.getCell('A2').text).toBe('时间：2026年11月20日　　地点：古雷港区');
      expect(b.getCell('A3').text).toBe('共 3 个项目，总投资 205000.55 万元；其中集中开工 2 个、175000.00 万元，集中竣工 1 个、30000.55 万元');
      const texts = Array.from({ length: b.rowCount }, (_, i) => b.getCell(i + 1, 2).text);
      expect(texts).toContain('集中开工项目（2 个）');
      expect(texts).toContain('集中竣工项目（1 个）');
      const last = b.getRow(b.rowCount);
      expect(last.getCell(1).text).toBe('合计');
      expect(money(resultOf(last.getCell(6)))).toBe('205000.55');
    });
  });
}
