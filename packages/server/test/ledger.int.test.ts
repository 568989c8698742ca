// The ledger engine end to end over HTTP: assignment → acceptance → progress → extension → completion report →
// send-back → report again → on-site check → sign-off → public notice → closure, with the light following the clock,
// permissions per role, and bad input refused without side effects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ItemDetail, Ledger, LedgerItem } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

for (const engine of engines()) {
  describe(`ledger engine on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let office: { id: string };
    let bureau: { id: string };
    let coUnit: { id: string };
    let sup: Client;
    let sup2: Client;
    let worker: Client;
    let helper: Client;
    let leaderUser: { id: string };
    let leader: Client;
    let outsider: Client;
    let ledger: Ledger;

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const db = env.database.db;
      office = await buildUnit(db, { name: '督查室' });
      bureau = await buildUnit(db, { name: '建设局' });
      coUnit = await buildUnit(db, { name: '财政局' });
      const other = await buildUnit(db, { name: '文旅局' });
      await buildUser(db, { username: 'sup', unitId: office.id, roles: ['supervisor'] });
      await buildUser(db, { username: 'sup2', unitId: office.id, roles: ['supervisor'] });
      await buildUser(db, { username: 'worker', unitId: bureau.id, roles: ['staff'] });
      await buildUser(db, { username: 'helper', unitId: coUnit.id, roles: ['staff'] });
      await buildUser(db, { username: 'outsider', unitId: other.id, roles: ['staff'] });
      leaderUser = await buildUser(db, { username: 'boss', unitId: office.id, roles: ['leader'] });
      [sup, sup2, worker, helper, leader, outsider] = (await Promise.all(
        ['sup', 'sup2', 'worker', 'helper', 'boss', 'outsider'].map((u) => login(app.app, u)),
      )) as [Client, Client, Client, Client, Client, Client];
      const res = await sup.send('POST', '/api/ledgers', { kind: 'supervision', code: 'DB2026', name: '2026年督查督办台账', supervisorUnitId: office.id });
      expect(res.statusCode, res.body).toBe(200);
      ledger = res.json();
    });
    afterAll(() => env?.close());

    const create = (c: Client, body: Record<string, unknown>) =>
      c.send('POST', '/api/ledger-items', { ledgerId: ledger.id, source: 'meetingDecision', leadUnitId: bureau.id, title: '推进园区道路改造', ...body });
    const act = (c: Client, id: string, action: string, reason?: string) =>
      c.send('POST', `/api/ledger-items/${id}/transitions`, { action, ...(reason ? { reason } : {}) });
    const detail = async (c: Client, id: string) => (await c.get(`/api/ledger-items/${id}`)).json() as ItemDetail;
    // Moves the clock to a day (09:00 Beijing) and signs everyone in again (sessions time out after 30 idle minutes).
    const setDay = async (days: number) => {
      env.clock.set(new Date(FIXED_NOW.getTime() + days * DAY));
      [sup, sup2, worker, helper, leader, outsider] = (await Promise.all(
        ['sup', 'sup2', 'worker', 'helper', 'boss', 'outsider'].map((u) => login(app.app, u)),
      )) as [Client, Client, Client, Client, Client, Client];
    };

    it('walks one task from assignment to closure, with the light following the clock', async () => {
      await setDay(0);
      const created = await create(sup, { deadline: '2026-12-18', coUnitIds: [coUnit.id], leaderId: leaderUser.id, frequency: 'month' });
      expect(created.statusCode, created.body).toBe(200);
      const id = (created.json() as ItemDetail).item.id;
      let d = created.json() as ItemDetail;
      expect(d.item).toMatchObject({ code: 'DB2026-0001', status: 'assigned', light: 'green', deadline: '2026-12-18' });
      expect(d.checkpoints.map((c) => [c.code, c.dueOn])).toEqual([
        ['plan', '2026-11-24'],
        ['action', '2026-11-30'],
        ['effect', '2026-12-23'],
      ]);

      // The co-unit cannot accept; the lead unit can.
      expect((await act(helper, id, 'accept')).statusCode).toBe(403);
      expect((await act(worker, id, 'accept')).statusCode).toBe(200);
      expect((await worker.send('POST', `/api/ledger-items/${id}/progress`, { kind: 'decomposition', text: '分三段施工，明确责任人' })).statusCode).toBe(200);

      // D+8 without a first progress entry: yellow, "未按期提交一周行动".
      await setDay(8);
      await runLights();
      d = await detail(sup, id);
      expect(d.item.light).toBe('yellow');
      expect(d.item.lightReasons[0]).toMatchObject({ code: 'checkpointLate', deliverable: '一周行动' });

      // Progress from the co-unit and the lead unit turns it green and starts the work.
      expect((await helper.send('POST', `/api/ledger-items/${id}/progress`, { text: '资金已拨付第一批', percent: 20 })).statusCode).toBe(200);
      d = await detail(sup, id);
      expect(d.item).toMatchObject({ status: 'inProgress', light: 'green', progress: 20 });
      expect(d.item.startedAt).not.toBeNull();

      // An extension: requested by the lead unit, approved by the supervisor; the history keeps both deadlines.
      const ext = await worker.send('POST', `/api/ledger-items/${id}/extensions`, {
        reason: '管线迁改未完成',
        newDeadline: '2026-12-31',
        progressNote: '完成60%',
      });
      expect(ext.statusCode, ext.body).toBe(200);
      const extId = (ext.json() as ItemDetail).extensions[0]!.id;
      expect((await worker.send('POST', `/api/ledger-items/${id}/extensions/${extId}/decision`, { decision: 'approve' })).statusCode).toBe(403);
      expect((await sup.send('POST', `/api/ledger-items/${id}/extensions/${extId}/decision`, { decision: 'approve', note: '同意' })).statusCode).toBe(200);
      d = await detail(sup, id);
      expect(d.item.deadline).toBe('2026-12-31');
      expect(d.deadlines.map((x) => x.deadline)).toEqual(['2026-12-18', '2026-12-31']);

      // Three days before the deadline: yellow "截止前3天" (after the effect statement is in).
      expect((await worker.send('POST', `/api/ledger-items/${id}/progress`, { kind: 'effect', text: '道路通车，群众满意', percent: 90 })).statusCode).toBe(200);
      await setDay(35); // 2026-12-28
      await runLights();
      d = await detail(sup, id);
      expect(d.item.light).toBe('yellow');
      expect(d.item.lightReasons[0]).toEqual({ code: 'dueSoon', days: 3 });

      // Completion report, sent back with a reason, reported again.
      expect((await act(worker, id, 'reportCompletion')).statusCode).toBe(200);
      expect((await act(sup, id, 'sendBack')).statusCode).toBe(400); // a reason is required
      expect((await act(sup, id, 'sendBack', '缺少验收资料')).statusCode).toBe(200);
      expect((await detail(sup, id)).item.status).toBe('inProgress');
      expect((await act(worker, id, 'reportCompletion')).statusCode).toBe(200);

      // Verification: not by the unit that did the work, and only with photos of this item.
      expect((await act(sup, id, 'beginVerification')).statusCode).toBe(200);
      const check = { checkedOn: '2026-12-28', place: '园区三号路', findings: '现场已完工，路面平整', passed: true };
      expect((await worker.send('POST', `/api/ledger-items/${id}/verifications`, check)).statusCode).toBe(403);
      const bad = await sup.send('POST', `/api/ledger-items/${id}/verifications`, { ...check, attachmentIds: ['00000000-0000-4000-8000-000000000000'] });
      expect(bad.statusCode).toBe(400);
      expect((await sup.send('POST', `/api/ledger-items/${id}/verifications`, check)).statusCode).toBe(200);

      // Two sign-off levels would need two people; this ledger has one: the supervisor signs, the notice starts.
      const signed = await sup.send('POST', `/api/ledger-items/${id}/signoffs`, { note: '同意销号' });
      expect(signed.statusCode, signed.body).toBe(200);
      d = signed.json();
      expect(d.item.status).toBe('notice');
      expect(d.item.noticeEndsOn).toBe('2027-01-05'); // 5 working days from Mon 2026-12-28, New Year's Day a holiday
      expect(d.item.light).toBe('none');
      expect((await act(sup, id, 'close')).json().code).toBe('NOTICE_NOT_OVER');

      // The notice ends without objection: the job closes it.
      await setDay(43); // 2027-01-05
      const { systemContext } = await import('../src/platform/context.ts');
      const ledgerService = await ledgerServiceOf();
      expect(await ledgerService.closeEndedNotices(systemContext())).toBe(1);
      d = await detail(sup, id);
      expect(d.item.status).toBe('closed');
      for (const k of ['assignedAt', 'acceptedAt', 'decomposedAt', 'startedAt', 'reportedAt', 'completedAt', 'closedAt'] as const)
        expect(d.item[k], k).not.toBeNull();
      expect(d.events.filter((e) => e.kind === 'transition').map((e) => e.data && (e.data as { action: string }).action)).toEqual([
        'accept',
        'start',
        'reportCompletion',
        'sendBack',
        'reportCompletion',
        'beginVerification',
        'verify',
        'signOff',
        'close',
      ]);
      const audits = await queryRows<{ action: string }>(env.database.db, sql`select action from audit_log where entity_id = ${id} order by seq`);
      expect(audits.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'ledger.item.create',
          'ledger.item.accept',
          'ledger.item.extension.approve',
          'ledger.item.sendBack',
          'ledger.item.verify',
          'ledger.item.close',
        ]),
      );
    });

    it('shows items only to those concerned', async () => {
      await setDay(0);
      const id = ((await create(sup, { deadline: '2026-12-20', coUnitIds: [coUnit.id] })).json() as ItemDetail).item.id;
      const ids = async (c: Client) =>
        ((await c.get(`/api/ledger-items?ledgerId=${ledger.id}&pageSize=100`)).json() as { items: LedgerItem[] }).items.map((i) => i.id);
      expect(await ids(worker)).toContain(id);
      expect(await ids(helper)).toContain(id);
      expect(await ids(outsider)).not.toContain(id);
      expect((await outsider.get(`/api/ledger-items/${id}`)).statusCode).toBe(404);
      expect(await ids(leader)).toContain(id); // the zone leader's data scope is all
    });

    it('refuses bad input and changes nothing', async () => {
      await setDay(0);
      const before = await countItems();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ deadline: '2026-11-01' }, 422, 'DEADLINE_BEFORE_ASSIGNMENT'],
        [{ deadline: '2026-12-01', deadlineWorkingDays: 5 }, 400, 'VALIDATION_FAILED'],
        [{ deadline: '2026-12-01', leadUnitId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED'],
        [{ deadline: '2026-12-01', coUnitIds: [bureau.id] }, 400, 'VALIDATION_FAILED'],
        [{ deadline: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
        [{ deadline: '2026-12-01', title: '' }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [body, status, code] of cases) {
        const res = await create(sup, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(res.json().code).toBe(code);
      }
      expect((await create(worker, { deadline: '2026-12-01' })).statusCode).toBe(403);
      expect(await countItems()).toBe(before);
    });

    it('takes another checkpoint template, in working days, for a new ledger', async () => {
      await setDay(0);
      const body = {
        code: 'threeDay',
        name: '三日部署、十日见效',
        nodes: [
          {
            code: 'plan',
            name: '三日部署',
            nameEn: 'Plan',
            deliverable: '三日部署',
            deliverableEn: 'plan',
            offset: 3,
            dayKind: 'working',
            requirement: 'decomposition',
          },
          {
            code: 'effect',
            name: '十日见效',
            nameEn: 'Effect',
            deliverable: '十日效果',
            deliverableEn: 'effect',
            offset: 10,
            dayKind: 'working',
            requirement: 'effect',
          },
        ],
      };
      expect((await worker.send('POST', '/api/checkpoint-templates', body)).statusCode).toBe(403);
      const t = await sup.send('POST', '/api/checkpoint-templates', body);
      expect(t.statusCode, t.body).toBe(200);
      expect((await sup.send('POST', '/api/checkpoint-templates', body)).json().code).toBe('LEDGER_CODE_TAKEN');
      const l = (
        await sup.send('POST', '/api/ledgers', {
          kind: 'supervision',
          code: 'TPL1',
          name: '模板台账',
          supervisorUnitId: office.id,
          checkpointTemplateId: t.json().id,
        })
      ).json() as Ledger;
      const d = (
        await sup.send('POST', '/api/ledger-items', { ledgerId: l.id, source: 'hotline', leadUnitId: bureau.id, title: '热线事项', deadline: '2026-12-31' })
      ).json() as ItemDetail;
      // Mon 2026-11-23 + 3 and + 10 working days.
      expect(d.checkpoints.map((c) => [c.code, c.dueOn])).toEqual([
        ['plan', '2026-11-26'],
        ['effect', '2026-12-07'],
      ]);
    });

    it('computes a deadline in working days over the holiday calendar', async () => {
      await setDay(0); // Monday 2026-11-23
      const res = await create(sup, { deadlineWorkingDays: 10 });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as ItemDetail).item.deadline).toBe('2026-12-07');
    });

    it('flags an extension filed after the deadline as late', async () => {
      await setDay(0);
      const id = ((await create(sup, { deadline: '2026-11-25' })).json() as ItemDetail).item.id;
      await act(worker, id, 'accept');
      await setDay(5);
      const res = await worker.send('POST', `/api/ledger-items/${id}/extensions`, { reason: '雨季', newDeadline: '2026-12-10', progressNote: '完成一半' });
      expect(res.statusCode).toBe(200);
      expect((res.json() as ItemDetail).extensions[0]).toMatchObject({ late: true, status: 'pending' });
      expect(
        (await worker.send('POST', `/api/ledger-items/${id}/extensions`, { reason: '再延', newDeadline: '2026-12-20', progressNote: '-' })).json().code,
      ).toBe('EXTENSION_PENDING');
    });

    it('requires evidence before a rectification problem can request closure', async () => {
      await setDay(0);
      const camp = (
        await sup.send('POST', '/api/ledgers', { kind: 'rectification', code: 'ZY2026', name: '中央环保督察反馈问题整改', supervisorUnitId: office.id })
      ).json() as Ledger;
      expect(camp.evidenceRequired).toBe(true);
      const res = await sup.send('POST', '/api/ledger-items', {
        ledgerId: camp.id,
        source: 'inspectionFeedback',
        leadUnitId: bureau.id,
        title: '河道排污口整治',
        deadline: '2027-03-31',
        deadlineClass: 'short',
      });
      expect(res.statusCode, res.body).toBe(200);
      const id = (res.json() as ItemDetail).item.id;
      await act(worker, id, 'accept');
      const r2 = await act(worker, id, 'reportCompletion');
      expect(r2.json().code).toBe('EVIDENCE_REQUIRED');
      expect(
        (
          await sup.send('POST', '/api/ledger-items', {
            ledgerId: camp.id,
            source: 'inspectionFeedback',
            leadUnitId: bureau.id,
            title: '长',
            deadline: '2028-03-31',
            deadlineClass: 'short',
          })
        ).statusCode,
      ).toBe(400);

      // With evidence attached the closure request goes through; two sign-off levels need two people.
      await sup.send('PATCH', `/api/ledgers/${camp.id}`, { signoffLevels: 2 });
      expect((await upload(worker, id, 'evidence', '整改报告.pdf')).statusCode).toBe(200);
      expect((await upload(helper, id, 'evidence', '无关.pdf')).statusCode).toBe(403); // not a co-unit of this problem
      expect((await act(worker, id, 'reportCompletion')).statusCode).toBe(200);
      expect((await act(sup, id, 'beginVerification')).statusCode).toBe(200);
      const photo = (await upload(sup, id, 'photo', '现场.pdf')).json() as { id: string };
      const checked = await sup.send('POST', `/api/ledger-items/${id}/verifications`, {
        checkedOn: '2026-11-23',
        findings: '排污口已封堵',
        passed: true,
        attachmentIds: [photo.id],
      });
      expect(checked.statusCode, checked.body).toBe(200);
      expect((await sup.send('POST', `/api/ledger-items/${id}/signoffs`, {})).json().item).toMatchObject({ status: 'signoff', signoffDone: 1 });
      expect((await sup.send('POST', `/api/ledger-items/${id}/signoffs`, {})).statusCode).toBe(403);
      const second = (await sup2.send('POST', `/api/ledger-items/${id}/signoffs`, { note: '同意销号' })).json() as ItemDetail;
      expect(second.item).toMatchObject({ status: 'notice', signoffDone: 2 });
      expect(second.verifications.map((v) => [v.kind, v.level])).toEqual([
        ['onSite', 0],
        ['signoff', 1],
        ['signoff', 2],
      ]);
    });

    it('lets the supervisor chase and a leader give an instruction, both on the timeline and in the inbox', async () => {
      await setDay(0);
      const id = ((await create(sup, { deadline: '2026-12-20', leaderId: leaderUser.id })).json() as ItemDetail).item.id;
      expect((await worker.send('POST', `/api/ledger-items/${id}/chase`, {})).statusCode).toBe(403);
      expect((await sup.send('POST', `/api/ledger-items/${id}/chase`, { body: '请于本周内报送进展' })).statusCode).toBe(200);
      expect((await worker.send('POST', `/api/ledger-items/${id}/comments`, { kind: 'instruction', body: '抓紧' })).statusCode).toBe(403);
      expect((await leader.send('POST', `/api/ledger-items/${id}/comments`, { kind: 'instruction', body: '请加快推进' })).statusCode).toBe(200);
      const d = await detail(worker, id);
      expect(d.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'chase', 'instruction']));
      const inbox = (await worker.get('/api/notifications?pageSize=50')).json() as { items: { title: string }[] };
      expect(inbox.items.map((n) => n.title)).toEqual(expect.arrayContaining([expect.stringContaining('催办'), expect.stringContaining('领导批示')]));
    });

    async function runLights() {
      const s = await ledgerServiceOf();
      await s.recomputeAll();
    }
    async function ledgerServiceOf() {
      const { createLedgerService } = await import('../src/modules/ledger/ledger.service.ts');
      return createLedgerService(app.deps);
    }
    async function countItems() {
      const [r] = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from ledger_items`);
      return Number(r!.n);
    }
    async function upload(c: Client, itemId: string, purpose: string, filename: string) {
      const fd = new FormData();
      fd.append('entityType', 'ledgerItem');
      fd.append('entityId', itemId);
      fd.append('purpose', purpose);
      fd.append('file', new Blob([new Uint8Array(PDF)]), filename);
      const req = new Request('http://localhost/', { method: 'POST', body: fd });
      return app.app.inject({
        method: 'POST',
        url: '/api/attachments',
        cookies: { zo_sid: c.cookie },
        headers: { 'x-csrf-token': c.csrf, 'content-type': req.headers.get('content-type')! },
        payload: Buffer.from(await req.arrayBuffer()),
      });
    }
  });
}
