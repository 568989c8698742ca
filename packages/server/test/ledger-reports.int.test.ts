// The ledger's spreadsheets and reports over HTTP: the Excel export (values, Chinese labels, visibility, filters)
// reads back with the sheet reader and imports back without a change; an import file with an unknown unit, a
// repeated 编号, a merged cell and a bad date is previewed error by error, annotated, refused as a whole and then
// imported row by row with onlyValid; progress in the 进展 column becomes progress entries for the units allowed to
// report; the weekly summary's figures follow the data, now and for a past week; the Word outputs hold their titles,
// sections and table rows.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME, type ImportCommit, type ImportPreview, type ItemDetail, type Ledger, type LedgerItem, type WeeklySummary } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import { defaultTemplatePath, officeTemplatePath } from '../src/platform/documents/index.ts';
import { readSheet } from '../src/platform/sheets.ts';
import { ledgerSheetSpec } from '../src/modules/ledger-reports/ledger-sheet.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const DAY = 86_400_000;

async function loadSheet(buffer: Buffer, name?: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return name ? wb.getWorksheet(name)! : wb.worksheets[0]!;
}

/** Loads a workbook, lets the test fill or change its first sheet (a user in Excel) and writes it again. */
async function edit(buffer: Buffer, change: (ws: ExcelJS.Worksheet, col: (header: string) => number) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const headers = new Map<string, number>();
  ws.getRow(2).eachCell((cell, c) => headers.set(cell.text.replace(/^\*/, ''), c));
  change(ws, (h) => headers.get(h)!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const docText = (docx: Buffer) => new PizZip(docx).file('word/document.xml')!.asText();
/** The texts of a document's table rows, cells joined by |. */
const tableRows = (xml: string) =>
  [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<w:tc>(.*?)<\/w:tc>/g)].map((c) => [...c[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('|'),
  );

for (const engine of engines()) {
  describe(`ledger spreadsheets and reports on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let office: { id: string };
    let bureau: { id: string };
    let finance: { id: string };
    let safety: { id: string };
    let sup: Client;
    let worker: Client;
    let head: Client;
    let safe: Client;
    let outsider: Client;
    let workerUser: { id: string };
    let bossUser: { id: string };
    let ledger: Ledger;
    const items: Record<'road' | 'service' | 'plan', LedgerItem> = {} as never;

    const users = ['sup', 'worker', 'head', 'safe', 'outsider'] as const;
    const setDay = async (days: number) => {
      env.clock.set(new Date(FIXED_NOW.getTime() + days * DAY));
      [sup, worker, head, safe, outsider] = (await Promise.all(users.map((u) => login(app.app, u)))) as [Client, Client, Client, Client, Client];
    };
    const createItem = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.send('POST', '/api/ledger-items', { source: 'meetingDecision', leadUnitId: bureau.id, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as ItemDetail).item;
    };
    const act = async (c: Client, id: string, action: string) => {
      const res = await c.send('POST', `/api/ledger-items/${id}/transitions`, { action });
      expect(res.statusCode, res.body).toBe(200);
    };
    const upload = (c: Client, ledgerId: string, file: Buffer, query: string) =>
      c.send('POST', `/api/ledgers/${ledgerId}/import?${query}`, file, { 'content-type': XLSX_MIME });
    const countItems = async () => Number((await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from ledger_items`))[0]!.n);
    const exportOf = async (c: Client, query = `ledgerId=${ledger.id}`) => {
      const res = await c.get(`/api/ledger-items/export?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      return res.rawPayload;
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const db = env.database.db;
      office = await buildUnit(db, { name: '督查室' });
      bureau = await buildUnit(db, { name: '建设局' });
      finance = await buildUnit(db, { name: '财政局' });
      safety = await buildUnit(db, { name: '应急管理局' });
      const other = await buildUnit(db, { name: '文旅局' });
      await buildUser(db, { username: 'sup', unitId: office.id, roles: ['supervisor'], displayName: '周督查' });
      workerUser = await buildUser(db, { username: 'worker', unitId: bureau.id, roles: ['staff'], displayName: '王建国' });
      await buildUser(db, { username: 'head', unitId: bureau.id, roles: ['deptAdmin'], displayName: '李局长' });
      await buildUser(db, { username: 'safe', unitId: safety.id, roles: ['staff'], displayName: '赵安全' });
      await buildUser(db, { username: 'outsider', unitId: other.id, roles: ['staff'], displayName: '钱文旅' });
      bossUser = await buildUser(db, { username: 'boss', unitId: office.id, roles: ['leader'], displayName: '张主任' });
      await setDay(0);
      const res = await sup.send('POST', '/api/ledgers', { kind: 'supervision', code: 'DB2026', name: '2026年督查督办台账', supervisorUnitId: office.id });
      expect(res.statusCode, res.body).toBe(200);
      ledger = res.json();

      items.road = await createItem(sup, {
        ledgerId: ledger.id,
        title: '推进园区道路改造',
        coUnitIds: [finance.id],
        ownerId: workerUser.id,
        leaderId: bossUser.id,
        deadline: '2026-12-18',
      });
      items.service = await createItem(sup, { ledgerId: ledger.id, title: '完善企业服务专班机制', source: 'leaderInstruction', deadline: '2026-11-25' });
      items.plan = await createItem(sup, {
        ledgerId: ledger.id,
        title: '编制化工园区安全规划',
        source: 'assignmentFromAbove',
        leadUnitId: safety.id,
        deadline: '2026-12-31',
      });
      await act(worker, items.road.id, 'accept');
      const progress = await worker.send('POST', `/api/ledger-items/${items.road.id}/progress`, { text: '完成施工图设计\n启动招标', percent: 30 });
      expect(progress.statusCode, progress.body).toBe(200);
    });
    afterAll(() => env?.close());

    it('exports the ledger in the office layout, with Chinese labels, and reads it back', async () => {
      const file = await exportOf(sup);
      const ws = await loadSheet(file);
      expect(ws.name).toBe('督办事项');
      expect(ws.getCell('A1').text).toBe('2026年督查督办台账');
      const headers: string[] = [];
      ws.getRow(2).eachCell((c) => void headers.push(c.text));
      expect(headers).toEqual(['序号', '编号', '*事项', '*来源', '*牵头单位', '配合单位', '责任人', '领导', '*时限', '进展', '状态', '灯色', '灯色原因']);
      const row3 = (ws.getRow(3).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)));
      expect(row3).toEqual([
        '1',
        'DB2026-0001',
        '推进园区道路改造',
        '会议决定',
        '建设局',
        '财政局',
        '王建国',
        '张主任',
        '2026-12-18',
        '完成施工图设计\n启动招标',
        '办理中',
        '绿灯',
        '按计划推进',
      ]);
      expect(ws.getCell('D4').text).toBe('领导批示');
      expect(ws.getCell('K5').text).toBe('已交办');

      const list = (await sup.get(`/api/ledger-items?ledgerId=${ledger.id}&sort=seq&pageSize=100`)).json() as { items: LedgerItem[] };
      const read = await readSheet(ledgerSheetSpec(ledger.name), file);
      expect(read.errors).toEqual([]);
      expect(read.rows.map((r) => r.value)).toEqual(
        list.items.map((i) => expect.objectContaining({ code: i.code, title: i.title, source: i.source, leadUnit: i.leadUnitName, deadline: i.deadline })),
      );
      expect(read.rows[0]!.value).toMatchObject({ coUnits: ['财政局'], owner: '王建国', leader: '张主任', progress: '完成施工图设计\n启动招标' });

      // Only what the caller may see, with the list's filters.
      const mine = await readSheet(ledgerSheetSpec(ledger.name), await exportOf(worker));
      expect(mine.rows.map((r) => r.value.code)).toEqual([items.road.code, items.service.code]);
      const filtered = await readSheet(ledgerSheetSpec(ledger.name), await exportOf(sup, `ledgerId=${ledger.id}&source=leaderInstruction`));
      expect(filtered.rows.map((r) => r.value.code)).toEqual([items.service.code]);
      expect((await readSheet(ledgerSheetSpec(ledger.name), await exportOf(outsider))).rows).toEqual([]);
    });

    it('imports its own export back without a change', async () => {
      const file = await exportOf(sup);
      const before = await countItems();
      const preview = await upload(sup, ledger.id, file, 'mode=preview');
      expect(preview.statusCode, preview.body).toBe(200);
      const p = preview.json() as ImportPreview;
      expect(p).toMatchObject({ mode: 'preview', total: 3, valid: 3, counts: { create: 0, update: 0, unchanged: 3 }, errors: [], annotatedAvailable: false });
      expect(p.rows.every((r) => r.ignored.length === 0)).toBe(true);
      const commit = await upload(sup, ledger.id, file, 'mode=commit');
      expect(commit.statusCode, commit.body).toBe(200);
      expect(commit.json()).toMatchObject({ mode: 'commit', created: [], updated: [], counts: { create: 0, update: 0, unchanged: 3 } });
      expect(await countItems()).toBe(before);
    });

    it('lists every error of a bad file by row and column, annotates it, refuses it, and imports only the valid rows when asked', async () => {
      const template = await sup.get(`/api/ledgers/${ledger.id}/import-template`);
      expect(template.statusCode).toBe(200);
      expect(template.headers['content-disposition']).toContain(encodeURIComponent('2026年督查督办台账-导入模板.xlsx'));
      const file = await edit(template.rawPayload, (ws, col) => {
        const put = (r: number, values: Record<string, string>) => {
          for (const [h, v] of Object.entries(values)) ws.getCell(r, col(h)).value = v;
        };
        const task = { 来源: '领导批示', 牵头单位: '建设局', 时限: '2026-12-30' };
        put(3, { ...task, 事项: '新建污水处理厂配套管网', 配合单位: '财政局、应急管理局', 责任人: '王建国', 进展: '已完成选址' });
        put(4, { ...task, 事项: '事项四', 牵头单位: '不存在局' });
        put(5, { ...task, 事项: '事项五', 时限: '2026-13-45' });
        put(6, { ...task, 编号: items.service.code, 事项: items.service.title, 时限: items.service.deadline });
        put(7, { ...task, 编号: items.service.code, 事项: items.service.title, 时限: items.service.deadline });
        put(8, { ...task, 事项: '事项八' });
        put(9, { ...task, 事项: '事项九' });
        ws.mergeCells(8, col('牵头单位'), 9, col('牵头单位'));
        put(10, { ...task, 事项: '开展安全生产大排查', 来源: '上级交办', 牵头单位: '应急管理局', 领导: '张主任', 时限: '2026-12-20' });
      });
      const before = await countItems();

      const preview = await upload(sup, ledger.id, file, 'mode=preview');
      expect(preview.statusCode, preview.body).toBe(200);
      const p = preview.json() as ImportPreview;
      expect(p).toMatchObject({ total: 8, valid: 3, counts: { create: 2, update: 0, unchanged: 1 }, annotatedAvailable: true });
      expect(p.errors.map((e) => [e.rowNumber, e.column, e.cell])).toEqual([
        [4, '牵头单位', 'E4'],
        [5, '时限', 'I5'],
        [7, '编号', 'B7'],
        [8, '牵头单位', 'E8'],
        [9, '牵头单位', null],
      ]);
      expect(p.errors[0]!.message).toContain('不存在局');
      expect(p.errors[1]!.message).toContain('日期');
      expect(p.errors[2]!.message).toContain('第 6 行');
      expect(p.errors[3]!.message).toContain('合并单元格 E8:E9');
      expect(p.rows.find((r) => r.rowNumber === 3)).toMatchObject({ action: 'create', ignored: ['进展'] });
      expect(p.rows.find((r) => r.rowNumber === 6)).toMatchObject({ action: 'unchanged', code: items.service.code });

      const annotated = await upload(sup, ledger.id, file, 'mode=annotate');
      expect(annotated.statusCode).toBe(200);
      expect(annotated.headers['content-type']).toBe(XLSX_MIME);
      const ws = await loadSheet(annotated.rawPayload);
      const note = (address: string) => {
        const n = ws.getCell(address).note as string | { texts: { text: string }[] } | undefined;
        return typeof n === 'string' ? n : (n?.texts.map((t) => t.text).join('') ?? '');
      };
      expect(note('E4')).toContain('未找到单位「不存在局」');
      expect(note('I5')).toContain('应为日期');
      expect(note('B7')).toContain('编号重复');
      expect(note('E8')).toContain('合并单元格');
      expect(note('C3')).toBe('');
      const errorColumn = ws.getRow(2).cellCount;
      expect(ws.getCell(2, errorColumn).text).toBe('错误说明');
      expect([3, 4, 5, 6, 7, 8, 9, 10].map((r) => ws.getCell(r, errorColumn).text !== '')).toEqual([false, true, true, false, true, true, true, false]);

      // Refused as a whole: nothing written.
      const refused = await upload(sup, ledger.id, file, 'mode=commit');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
      expect(await countItems()).toBe(before);
      const audits = async () =>
        queryRows<{ diff: { created: string[] } }>(env.database.db, sql`select diff from audit_log where action = 'ledger.import' order by seq`);
      const auditsBefore = (await audits()).length;

      const partial = await upload(sup, ledger.id, file, 'mode=commit&onlyValid=true');
      expect(partial.statusCode, partial.body).toBe(200);
      const c = partial.json() as ImportCommit;
      expect(c.created.map((x) => x.rowNumber)).toEqual([3, 10]);
      expect(c.created.map((x) => x.code)).toEqual(['DB2026-0004', 'DB2026-0005']);
      expect(await countItems()).toBe(before + 2);
      const created = (await (await sup.get(`/api/ledger-items/${c.created[0]!.id}`)).json()) as ItemDetail;
      expect(created.item).toMatchObject({
        title: '新建污水处理厂配套管网',
        source: 'leaderInstruction',
        leadUnitName: '建设局',
        ownerName: '王建国',
        deadline: '2026-12-30',
        status: 'assigned',
      });
      expect(created.item.coUnits.map((u) => u.name).sort()).toEqual(['应急管理局', '财政局'].sort());
      expect(((await (await sup.get(`/api/ledger-items/${c.created[1]!.id}`)).json()) as ItemDetail).item.leaderName).toBe('张主任');
      const trail = await audits();
      expect(trail.length).toBe(auditsBefore + 1);
      expect(trail.at(-1)!.diff.created).toEqual(['DB2026-0004', 'DB2026-0005']);

      // The same file again: the new tasks are there already, nothing is created twice.
      const again = (await upload(sup, ledger.id, file, 'mode=commit&onlyValid=true')).json() as ImportCommit;
      expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3 });
      expect(await countItems()).toBe(before + 2);
    });

    it('adds progress entries from the 进展 column for the units that may report', async () => {
      const file = await edit(await exportOf(sup), (ws, col) => {
        for (let r = 3; r <= ws.rowCount; r++) {
          const code = ws.getCell(r, col('编号')).text;
          if (code === items.road.code) ws.getCell(r, col('进展')).value = '招标完成，进场施工';
          if (code === items.service.code) ws.getCell(r, col('进展')).value = '已起草方案';
          if (code === items.plan.code) ws.getCell(r, col('进展')).value = '完成初稿';
        }
      });
      // The supervisor is neither lead nor co-unit: each changed progress is a row error.
      const bySup = (await upload(sup, ledger.id, file, 'mode=preview')).json() as ImportPreview;
      expect(bySup.errors.map((e) => [e.column, e.message.slice(0, 6)])).toEqual([
        ['进展', '无权报送进展'],
        ['进展', '无权报送进展'],
        ['进展', '无权报送进展'],
      ]);
      // The head of the lead unit: an update for the task in progress, refusals for the unaccepted one and for the
      // task it does not see.
      const byHead = (await upload(head, ledger.id, file, 'mode=preview')).json() as ImportPreview;
      expect(byHead.counts).toMatchObject({ update: 1 });
      expect(byHead.rows.find((r) => r.action === 'update')!.code).toBe(items.road.code);
      // (rows 3–7: the road, service and plan tasks, then the two imported ones; the safety bureau's are not the head's)
      expect(byHead.errors.map((e) => [e.rowNumber, e.message])).toEqual([
        [4, expect.stringContaining('尚未接收')],
        [5, expect.stringContaining('不在本台账中')],
        [7, expect.stringContaining('不在本台账中')],
      ]);
      expect((await upload(head, ledger.id, file, 'mode=commit')).statusCode).toBe(400);
      const done = await upload(head, ledger.id, file, 'mode=commit&onlyValid=true');
      expect(done.statusCode, done.body).toBe(200);
      expect((done.json() as ImportCommit).updated).toEqual([expect.objectContaining({ code: items.road.code })]);
      const d = (await (await sup.get(`/api/ledger-items/${items.road.id}`)).json()) as ItemDetail;
      expect(d.item.lastProgressText).toBe('招标完成，进场施工');
      expect(d.progress.map((x) => x.text)).toEqual(['招标完成，进场施工', '完成施工图设计\n启动招标']);
      expect(d.events.filter((e) => e.kind === 'progress').length).toBe(2);
      // Imported once: the same file again changes nothing.
      expect(((await upload(head, ledger.id, file, 'mode=preview')).json() as ImportPreview).counts.update).toBe(0);
    });

    it('refuses what is not an import', async () => {
      const file = await exportOf(sup);
      expect((await upload(worker, ledger.id, file, 'mode=preview')).statusCode).toBe(403);
      const json = await sup.send('POST', `/api/ledgers/${ledger.id}/import`, { file: 'x' });
      expect(json.statusCode).toBe(415);
      expect((await upload(sup, ledger.id, Buffer.from('not a workbook'), 'mode=preview')).statusCode).toBe(415);
      expect((await upload(sup, ledger.id, Buffer.alloc(10 * 1048576 + 1), 'mode=preview')).statusCode).toBe(413);
      expect((await upload(sup, '00000000-0000-4000-8000-000000000000', file, 'mode=preview')).statusCode).toBe(404);
    });

    describe('weekly summary and bulletin', () => {
      let weekly: Ledger;
      const w: Record<'late' | 'waiting' | 'closed' | 'reported', LedgerItem> = {} as never;
      const summary = async (c: Client, query = '') => {
        const res = await c.get(`/api/ledgers/${weekly.id}/weekly${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as WeeklySummary;
      };
      const runLights = async () => {
        const { createLedgerService } = await import('../src/modules/ledger/ledger.service.ts');
        await createLedgerService(app.deps).recomputeAll();
      };

      beforeAll(async () => {
        await setDay(0); // Monday 2026-11-23, ISO week 48
        weekly = (
          await sup.send('POST', '/api/ledgers', {
            kind: 'supervision',
            code: 'ZB2026',
            name: '重点工作督办台账',
            supervisorUnitId: office.id,
            noticeWorkingDays: 0,
          })
        ).json();
        w.late = await createItem(sup, { ledgerId: weekly.id, title: '清理园区闲置土地', deadline: '2026-11-25' });
        w.waiting = await createItem(sup, { ledgerId: weekly.id, title: '修订招商引资奖励办法', deadline: '2026-12-31' });
        w.closed = await createItem(sup, { ledgerId: weekly.id, title: '排查危化品仓库消防隐患', leadUnitId: safety.id, deadline: '2026-12-10' });
        w.reported = await createItem(sup, { ledgerId: weekly.id, title: '上报三季度项目投资数据', deadline: '2026-11-24' });
        await act(worker, w.late.id, 'accept');
        expect((await worker.send('POST', `/api/ledger-items/${w.late.id}/progress`, { text: '已召开专题会，摸清闲置地块12宗' })).statusCode).toBe(200);
        // Closed the same day: report, on-site check, sign-off, a notice of 0 working days, closure.
        await act(safe, w.closed.id, 'accept');
        await act(safe, w.closed.id, 'reportCompletion');
        await act(sup, w.closed.id, 'beginVerification');
        expect(
          (await sup.send('POST', `/api/ledger-items/${w.closed.id}/verifications`, { checkedOn: '2026-11-23', findings: '隐患已整改', passed: true }))
            .statusCode,
        ).toBe(200);
        expect((await sup.send('POST', `/api/ledger-items/${w.closed.id}/signoffs`, {})).statusCode).toBe(200);
        await act(sup, w.closed.id, 'close');
        // Reported on time, under review.
        await act(worker, w.reported.id, 'accept');
        await act(worker, w.reported.id, 'reportCompletion');
        await setDay(3); // Thursday 2026-11-26
        await runLights();
      });

      it('sums up the current week from the stored data', async () => {
        const s = await summary(sup, '?week=2026-11-26');
        expect(s.week).toEqual({ isoYear: 2026, isoWeek: 48, start: '2026-11-23', end: '2026-11-29', asOf: '2026-11-26', label: '2026年第48周' });
        expect(await summary(sup)).toEqual(s); // default: this week
        expect(s.totals).toEqual({ items: 4, open: 3, newlyAssigned: 4, progressReported: 1, newlyOverdue: 1, overdue: 1, closed: 1 });
        expect(s.byLight).toEqual({ red: 1, yellow: 1, green: 1, none: 0 });
        expect(s.progress.map((x) => [x.code, x.light, x.latestProgress, x.reportedThisWeek])).toEqual([
          [w.late.code, 'red', '已召开专题会，摸清闲置地块12宗', true],
          [w.waiting.code, 'yellow', null, false],
          [w.reported.code, 'green', null, false],
        ]);
        expect(s.newlyOverdue).toEqual([expect.objectContaining({ code: w.late.code, daysOverdue: 1, ownerName: null, status: 'inProgress' })]);
        expect(s.closed).toEqual([expect.objectContaining({ code: w.closed.code, closedOn: '2026-11-23', status: 'closed' })]);
        expect(s.byUnit).toEqual([
          { unitId: bureau.id, unitName: '建设局', open: 3, newlyAssigned: 3, progressReported: 1, closed: 0, overdue: 1, red: 1, yellow: 1, green: 1 },
          { unitId: safety.id, unitName: '应急管理局', open: 0, newlyAssigned: 1, progressReported: 0, closed: 1, overdue: 0, red: 0, yellow: 0, green: 0 },
        ]);
        // The lists agree with the items' own state.
        const list = (await sup.get(`/api/ledger-items?ledgerId=${weekly.id}&open=true&pageSize=100`)).json() as { items: LedgerItem[] };
        expect(list.items.length).toBe(s.totals.open);
        expect(list.items.filter((i) => i.light === 'red').length).toBe(s.byLight.red);
        // Visibility: the safety bureau sees its own task only.
        expect((await summary(safe)).totals).toMatchObject({ items: 1, closed: 1, open: 0 });
        expect((await sup.get(`/api/ledgers/${weekly.id}/weekly?week=2026-12-30`)).statusCode).toBe(400);
      });

      it('keeps a past week as it stood, and writes the week as Word and Excel', async () => {
        await setDay(10); // Thursday 2026-12-03, week 49
        expect((await worker.send('POST', `/api/ledger-items/${w.late.id}/progress`, { text: '闲置地块已收回8宗' })).statusCode).toBe(200);
        await runLights();
        const past = await summary(sup, '?week=2026-11-23');
        expect(past.week.asOf).toBe('2026-11-29');
        expect(past.totals).toEqual({ items: 4, open: 3, newlyAssigned: 4, progressReported: 1, newlyOverdue: 1, overdue: 1, closed: 1 });
        expect(past.progress[0]!.latestProgress).toBe('已召开专题会，摸清闲置地块12宗');
        expect(past.newlyOverdue[0]!.daysOverdue).toBe(5);
        const now = await summary(sup);
        expect(now.week.label).toBe('2026年第49周');
        expect(now.totals).toMatchObject({ newlyAssigned: 0, progressReported: 1, newlyOverdue: 0, closed: 0, overdue: 1 });
        expect(now.progress[0]!.latestProgress).toBe('闲置地块已收回8宗');

        const docx = await sup.get(`/api/ledgers/${weekly.id}/weekly?week=2026-11-23&format=docx`);
        expect(docx.statusCode).toBe(200);
        expect(docx.headers['content-type']).toContain('wordprocessingml');
        const xml = docText(docx.rawPayload);
        expect(xml).toContain('督查督办事项周汇总（2026年第48周）');
        for (const h of ['一、总体情况', '二、各事项最新进展', '三、本周新增逾期事项', '四、本周办结事项', '五、分类统计']) expect(xml).toContain(h);
        const rows = tableRows(xml);
        expect(rows).toContain('1|清理园区闲置土地|建设局|红灯|已召开专题会，摸清闲置地块12宗|11月23日');
        expect(rows).toContain('1|清理园区闲置土地|建设局|—|11月25日|5');
        expect(rows).toContain('1|排查危化品仓库消防隐患|应急管理局|11月23日|已销号');
        expect(rows).toContain('建设局|3|3|1|0|1|1|1');

        const xlsx = await sup.get(`/api/ledgers/${weekly.id}/weekly?week=2026-11-23&format=xlsx`);
        expect(xlsx.statusCode).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
        expect(wb.worksheets.map((s) => s.name)).toEqual(['总体情况', '最新进展', '新增逾期', '本周办结', '按牵头单位', '按灯色']);
        expect(wb.getWorksheet('新增逾期')!.getCell('C3').text).toBe('清理园区闲置土地');
        expect(wb.getWorksheet('本周办结')!.getCell('C3').text).toBe('排查危化品仓库消防隐患');
        expect(wb.getWorksheet('总体情况')!.getCell('B4').value).toBe(3);
      });

      it('writes the supervision bulletin of a period, with the office template when there is one', async () => {
        const body = {
          docNumber: '督查通报〔2026〕5号',
          period: { from: '2026-11-23', to: '2026-11-29' },
          highlights: '建设局牵头事项推进较快。',
        };
        const res = await sup.send('POST', `/api/ledgers/${weekly.id}/bulletin`, body);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-disposition']).toContain(encodeURIComponent('关于重点工作督办台账事项办理情况的通报.docx'));
        const xml = docText(res.rawPayload);
        for (const t of [
          '督查室',
          '督查通报〔2026〕5号',
          '关于重点工作督办台账事项办理情况的通报',
          '各有关单位',
          '一、总体情况',
          '二、红黄灯事项',
          '三、逾期未办结事项',
          '四、下步工作',
        ]) {
          expect(xml).toContain(t);
        }
        expect(xml).toContain('按期办结率50%');
        expect(xml).toContain('建设局牵头事项推进较快。');
        const rows = tableRows(xml);
        expect(rows).toContain('1|清理园区闲置土地|建设局|11月25日|红灯|逾期5天；未按期提交一天部署');
        expect(rows).toContain('2|修订招商引资奖励办法|建设局|12月31日|黄灯|未按期提交一天部署');
        expect(rows).toContain('1|清理园区闲置土地|建设局|—|11月25日|5|已召开专题会，摸清闲置地块12宗');
        expect(rows).toContain('1|建设局|3|0|3|1|50%');

        // The office's own template is used when present (DATA_DIR/templates/official.docx).
        const zip = new PizZip(readFileSync(defaultTemplatePath));
        zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{title}', '{title}（督查室模板）'));
        mkdirSync(join(env.config.dataDir, 'templates'), { recursive: true });
        writeFileSync(officeTemplatePath(env.config.dataDir), zip.generate({ type: 'nodebuffer' }));
        expect(docText((await sup.send('POST', `/api/ledgers/${weekly.id}/bulletin`, body)).rawPayload)).toContain('（督查室模板）');
        expect(docText((await sup.send('POST', `/api/ledgers/${weekly.id}/bulletin`, { ...body, template: 'default' })).rawPayload)).not.toContain(
          '（督查室模板）',
        );

        expect((await sup.send('POST', `/api/ledgers/${weekly.id}/bulletin`, { period: { from: '2026-11-30', to: '2026-11-01' } })).statusCode).toBe(400);
      });
    });
  });
}
