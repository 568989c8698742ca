// Investment leads over HTTP (招商引资, DOMAIN §5): registration with its code, the duplicate warning and foreign
// currency in 万元; bad input refused with field paths and nothing written; contacts masked for anyone but the owner
// and the owner's superiors; visibility by unit; stage moves with what each stage requires, the reason to move back
// and the history; transfers between staff; closure; the service clocks in working days and the clock job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { completeUscc, maskUscc, type Lead, type LeadDetail } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const DAY = 86_400_000;
const USCC_A = completeUscc('91210200MA0Y00001');
const USCC_B = completeUscc('91350623MA2000002');
/** USCC_A with a wrong check character. */
const USCC_BAD = USCC_A.slice(0, 17) + (USCC_A[17] === '1' ? '2' : '1');

for (const engine of engines()) {
  describe(`investment leads on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let head: Client;
    let staff1: Client;
    let staff2: Client;
    let outsider: Client;
    let leader: Client;
    const ids: Record<'head' | 'staff1' | 'staff2' | 'outsider' | 'leader', string> = { head: '', staff1: '', staff2: '', outsider: '', leader: '' };
    /** lead1: 恒力石化 by staff1; lead2: its near-duplicate name; lead3: same credit code; lead4: in US dollars. */
    const lead: Record<1 | 2 | 3 | 4, string> = { 1: '', 2: '', 3: '', 4: '' };

    const loginAll = async () => {
      [head, staff1, staff2, outsider, leader] = (await Promise.all(['zshead', 'zsstaff1', 'zsstaff2', 'outsider', 'boss'].map((u) => login(app.app, u)))) as [
        Client,
        Client,
        Client,
        Client,
        Client,
      ];
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const db = env.database.db;
      const bureau = await buildUnit(db, { name: '招商局' });
      const other = await buildUnit(db, { name: '文旅局' });
      const committee = await buildUnit(db, { name: '管委会' });
      ids.head = (await buildUser(db, { username: 'zshead', unitId: bureau.id, roles: ['deptAdmin', 'promotionAdmin'], displayName: '周局长' })).id;
      ids.staff1 = (await buildUser(db, { username: 'zsstaff1', unitId: bureau.id, roles: ['staff'], displayName: '张干事' })).id;
      ids.staff2 = (await buildUser(db, { username: 'zsstaff2', unitId: bureau.id, roles: ['staff'], displayName: '李干事' })).id;
      ids.outsider = (await buildUser(db, { username: 'outsider', unitId: other.id, roles: ['staff'] })).id;
      ids.leader = (await buildUser(db, { username: 'boss', unitId: committee.id, roles: ['leader'], displayName: '王主任' })).id;
      await loginAll();
    });
    afterAll(() => env?.close());

    const base = (): Record<string, unknown> => ({
      company: '恒力石化（大连）有限公司',
      uscc: USCC_A,
      parentCompany: '恒力集团',
      countryRegion: 'CN',
      industry: '石化',
      content: '年产160万吨PTA及配套项目',
      plannedInvestment: '50000',
      landMu: 200,
      source: '以商招商',
      referrer: '王建国',
      referrerPhone: '13700002222',
      contacts: [{ name: '陈晓明', title: '投资总监', phone: '13800001111', email: 'chen@example.com' }],
      registeredOn: '2026-11-23',
    });
    const db = () => env.database.db;
    const count = async (table: 'promotion_leads' | 'promotion_lead_events') =>
      (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
    const leadAudit = async () =>
      (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where entity_type = 'promotionLead'`))[0]!.n;
    const events = (leadId: string, kind: string) =>
      queryRows<{ fromValue: string | null; toValue: string | null; reason: string | null; byUserId: string }>(
        db(),
        sql`select from_value as "fromValue", to_value as "toValue", reason, by_user_id as "byUserId" from promotion_lead_events
          where lead_id = ${leadId} and kind = ${kind} order by at, id`,
      );
    const audits = (leadId: string, action: string) =>
      queryRows<{ userId: string; diff: Record<string, unknown> }>(
        db(),
        sql`select user_id as "userId", diff from audit_log where entity_type = 'promotionLead' and entity_id = ${leadId} and action = ${action} order by seq`,
      );
    const detail = async (c: Client, id: string) => {
      const res = await c.get(`/api/promotion/leads/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as LeadDetail;
    };
    const list = async (c: Client, query = '') => {
      const res = await c.get(`/api/promotion/leads${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Lead[]; total: number };
    };
    // A second between moves: events carry the clock's instant and the history is ordered by it.
    const move = (c: Client, id: string, body: Record<string, unknown>) => {
      env.clock.advance(1000);
      return c.send('POST', `/api/promotion/leads/${id}/stage`, body);
    };
    const paths = (res: { json(): unknown }) => ((res.json() as { details?: { path: string }[] }).details ?? []).map((d) => d.path);

    it('refuses bad leads with field paths and writes nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ registeredOn: '2026-11-24' }, 'body.registeredOn'],
        [{ ownerUserId: '00000000-0000-4000-8000-000000000000' }, 'body.ownerUserId'],
        [{ uscc: USCC_BAD }, 'body.uscc'],
        [{ uscc: '12345' }, 'body.uscc'],
        [{ currency: 'USD', foreignAmount: '1000000' }, 'body.fxRate'],
        [{ currency: 'USD', fxRate: '7.1234' }, 'body.fxRate'],
        [{ countryRegion: 'China' }, 'body.countryRegion'],
        [{ plannedInvestment: '12.345' }, 'body.plannedInvestment'],
        [{ contacts: [{ name: '陈晓明', phone: 'not a phone' }] }, 'body.contacts.0.phone'],
        [{ company: '' }, 'body.company'],
      ];
      for (const [patch, path] of cases) {
        const res = await staff1.send('POST', '/api/promotion/leads', { ...base(), ...patch });
        expect(res.statusCode, `${JSON.stringify(patch)} → ${res.body}`).toBe(400);
        expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(paths(res), JSON.stringify(patch)).toContain(path);
      }
      // The leader reads only; a staff member registers for nobody but themself.
      expect((await leader.send('POST', '/api/promotion/leads', base())).statusCode).toBe(403);
      expect((await staff1.send('POST', '/api/promotion/leads', { ...base(), ownerUserId: ids.staff2 })).statusCode).toBe(403);
      expect(await count('promotion_leads')).toBe(0);
      expect(await count('promotion_lead_events')).toBe(0);
      expect(await leadAudit()).toBe(0);
    });

    it('registers leads with a yearly code, warns of duplicates by company key or credit code, converts foreign currency', async () => {
      let res = await staff1.send('POST', '/api/promotion/leads', base());
      expect(res.statusCode, res.body).toBe(200);
      const first = res.json() as LeadDetail;
      lead[1] = first.id;
      expect(first).toMatchObject({
        code: 'ZS2026-0001',
        company: '恒力石化（大连）有限公司',
        uscc: USCC_A,
        stage: 'lead',
        outcome: 'active',
        ownerUserId: ids.staff1,
        ownerName: '张干事',
        plannedInvestment: '50000.00',
        currency: null,
        fxRate: null,
        registeredOn: '2026-11-23',
        clockState: 'open',
        duplicateOf: [],
        contactsMasked: false,
        contacts: [{ name: '陈晓明', title: '投资总监', phone: '13800001111', email: 'chen@example.com' }],
      });

      // Half-width brackets and no suffix: the same company key.
      res = await staff1.send('POST', '/api/promotion/leads', { ...base(), company: '恒力石化(大连)', uscc: null });
      expect(res.statusCode, res.body).toBe(200);
      const second = res.json() as LeadDetail;
      lead[2] = second.id;
      expect(second.code).toBe('ZS2026-0002');
      expect(second.duplicateOf).toEqual([{ id: lead[1], code: 'ZS2026-0001', company: '恒力石化（大连）有限公司' }]);

      // Another name, the same credit code (registered by the head for the second staff member).
      res = await head.send('POST', '/api/promotion/leads', { ...base(), company: '长兴岛石化投资有限公司', ownerUserId: ids.staff2 });
      expect(res.statusCode, res.body).toBe(200);
      const third = res.json() as LeadDetail;
      lead[3] = third.id;
      expect(third).toMatchObject({ code: 'ZS2026-0003', ownerUserId: ids.staff2, ownerName: '李干事' });
      expect(third.duplicateOf).toEqual([{ id: lead[1], code: 'ZS2026-0001', company: '恒力石化（大连）有限公司' }]);

      // A foreign investment: 1,000,000 USD at 7.1234 is 712.34 万元, the amount and the rate kept beside it.
      res = await staff1.send('POST', '/api/promotion/leads', {
        ...base(),
        company: 'ExxonMobil Chemical',
        uscc: USCC_B,
        countryRegion: 'US',
        fortune500: true,
        plannedInvestment: null,
        currency: 'USD',
        foreignAmount: '1000000',
        fxRate: '7.1234',
        contacts: [],
      });
      expect(res.statusCode, res.body).toBe(200);
      const fourth = res.json() as LeadDetail;
      lead[4] = fourth.id;
      expect(fourth).toMatchObject({ code: 'ZS2026-0004', plannedInvestment: '712.34', currency: 'USD', fortune500: true, duplicateOf: [] });
      expect(Number(fourth.fxRate)).toBe(7.1234);
      expect(Number(fourth.foreignAmount)).toBe(1_000_000);

      // The first lead now lists both of its duplicates; each registration left a history event and an audit record.
      expect((await detail(staff1, lead[1])).duplicateOf.map((d) => d.code).sort()).toEqual(['ZS2026-0002', 'ZS2026-0003']);
      for (const id of Object.values(lead)) {
        expect(await events(id, 'registered')).toHaveLength(1);
        expect(await audits(id, 'promotion.lead.create')).toHaveLength(1);
      }
      expect((await events(lead[3], 'registered'))[0]).toMatchObject({ fromValue: null, toValue: 'lead', byUserId: ids.head });
    });

    it('shows contacts in clear to the owner and the department head, masked to other staff and the leader', async () => {
      const clear = { name: '陈晓明', title: '投资总监', phone: '13800001111', email: 'chen@example.com' };
      const owner = await detail(staff1, lead[1]);
      expect(owner).toMatchObject({ contactsMasked: false, contacts: [clear], uscc: USCC_A, referrer: '王建国', referrerPhone: '13700002222' });
      expect(owner.can).toEqual({ edit: true, transfer: true, assess: true, approve: false });
      const superior = await detail(head, lead[1]);
      expect(superior).toMatchObject({ contactsMasked: false, contacts: [clear], uscc: USCC_A, referrerPhone: '13700002222' });
      expect(superior.can).toEqual({ edit: true, transfer: true, assess: true, approve: true });

      const masked = { name: '陈*明', title: '投资总监', phone: '138****1111', email: '***' };
      for (const c of [staff2, leader]) {
        const d = await detail(c, lead[1]);
        expect(d).toMatchObject({ contactsMasked: true, contacts: [masked], uscc: maskUscc(USCC_A), referrer: '王*国', referrerPhone: '137****2222' });
        expect(d.can).toEqual({ edit: false, transfer: false, assess: false, approve: false });
        expect(JSON.stringify(d)).not.toContain('13800001111');
        expect(JSON.stringify(d)).not.toContain(USCC_A);
      }
      // The list masks as well.
      const row = (await list(staff2)).items.find((x) => x.id === lead[1])!;
      expect(row).toMatchObject({ uscc: maskUscc(USCC_A), referrer: '王*国' });
      expect((await list(staff1)).items.find((x) => x.id === lead[1])).toMatchObject({ uscc: USCC_A, referrer: '王建国' });
    });

    it('keeps leads within the unit: another unit’s staff neither finds nor opens them', async () => {
      expect((await outsider.get(`/api/promotion/leads/${lead[1]}`)).statusCode).toBe(404);
      expect((await move(outsider, lead[1], { to: 'negotiating' })).statusCode).toBe(404);
      const theirs = await list(outsider);
      expect(theirs.total).toBe(0);
      expect(theirs.items).toEqual([]);
      expect((await list(outsider, `?q=${encodeURIComponent('ZS2026-0001')}`)).total).toBe(0);
      expect((await list(staff2)).total).toBe(4);
      expect((await list(leader)).total).toBe(4);
      expect((await list(head, `?ownerUserId=${ids.staff2}`)).items.map((x) => x.id)).toEqual([lead[3]]);
    });

    it('moves stages with the data each requires, back only with a reason, dates in order and not in the future', async () => {
      const eventsBefore = await count('promotion_lead_events');
      // Not the owner nor a superior.
      expect((await move(staff2, lead[1], { to: 'negotiating' })).statusCode).toBe(403);
      let res = await move(staff1, lead[1], { to: 'negotiating' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ stage: 'negotiating' });

      res = await move(staff1, lead[1], { to: 'signed' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'STAGE_DATA_REQUIRED' });
      expect(paths(res)).toEqual(['body.signedOn', 'body.signedAmount']);
      res = await move(staff1, lead[1], { to: 'signed', signedOn: '2026-11-20', signedAmount: '0' });
      expect(res.json()).toMatchObject({ code: 'STAGE_DATA_REQUIRED' });
      expect(paths(res)).toEqual(['body.signedAmount']);
      res = await move(staff1, lead[1], { to: 'signed', signedOn: '2026-11-30', signedAmount: '48000' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(paths(res)).toEqual(['body.signedOn']);
      expect((await move(staff1, lead[1], { to: 'signed', signedOn: '2026-11-20', signedAmount: '48000.005' })).statusCode).toBe(400);
      res = await move(staff1, lead[1], { to: 'signed', signedOn: '2026-11-20', signedAmount: '48000' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ stage: 'signed', signedOn: '2026-11-20', signedAmount: '48000.00' });

      // Skipping 拟开工 to 开工 needs the planned start as well as the start.
      res = await move(staff1, lead[1], { to: 'started' });
      expect(res.json()).toMatchObject({ code: 'STAGE_DATA_REQUIRED' });
      expect(paths(res)).toEqual(['body.plannedStartOn', 'body.startedOn']);
      res = await move(staff1, lead[1], { to: 'started', plannedStartOn: '2026-12-01' });
      expect(paths(res)).toEqual(['body.startedOn']);
      // Started before it was signed; started tomorrow.
      res = await move(staff1, lead[1], { to: 'started', plannedStartOn: '2026-12-01', startedOn: '2026-11-10' });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['body.startedOn']);
      res = await move(staff1, lead[1], { to: 'started', plannedStartOn: '2026-12-01', startedOn: '2026-11-24' });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['body.startedOn']);
      // A lead registered without any stage data skips straight to 开工 only with everything up to it.
      res = await move(staff1, lead[4], { to: 'started', startedOn: '2026-11-22' });
      expect(paths(res)).toEqual(['body.signedOn', 'body.signedAmount', 'body.plannedStartOn']);

      res = await move(staff1, lead[1], { to: 'started', plannedStartOn: '2026-12-01', startedOn: '2026-11-22' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ stage: 'started', signedOn: '2026-11-20', plannedStartOn: '2026-12-01', startedOn: '2026-11-22' });
      res = await move(staff1, lead[1], { to: 'started' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });

      // Back without a reason, then with one: the stage data stays.
      res = await move(staff1, lead[1], { to: 'negotiating' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'STAGE_REASON_REQUIRED' });
      expect(paths(res)).toEqual(['body.reason']);
      res = await move(staff1, lead[1], { to: 'negotiating', reason: '企业投资计划调整' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ stage: 'negotiating', signedOn: '2026-11-20', signedAmount: '48000.00', startedOn: '2026-11-22' });
      // The superior may move the lead too.
      res = await move(head, lead[1], { to: 'signed' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ stage: 'signed' });

      // One event and one audit record per move made; the refused ones left nothing.
      const history = await events(lead[1], 'stage');
      expect(history.map((e) => [e.fromValue, e.toValue, e.reason])).toEqual([
        ['lead', 'negotiating', null],
        ['negotiating', 'signed', null],
        ['signed', 'started', null],
        ['started', 'negotiating', '企业投资计划调整'],
        ['negotiating', 'signed', null],
      ]);
      expect(history.map((e) => e.byUserId)).toEqual([ids.staff1, ids.staff1, ids.staff1, ids.staff1, ids.head]);
      expect(await count('promotion_lead_events')).toBe(eventsBefore + 5);
      const trail = await audits(lead[1], 'promotion.lead.stage');
      expect(trail).toHaveLength(5);
      expect(trail[1]!.diff).toMatchObject({ stage: { before: 'negotiating', after: 'signed' }, signedOn: '2026-11-20', signedAmount: '48000.00' });
      expect(trail[4]).toMatchObject({ userId: ids.head });
      expect((await detail(staff1, lead[4])).stage).toBe('lead');
    });

    it('transfers a lead to another staff member with history; the former owner sees the contacts masked', async () => {
      const transfer = (c: Client, body: Record<string, unknown>) => c.send('POST', `/api/promotion/leads/${lead[1]}/transfer`, body);
      let res = await transfer(staff1, { toUserId: ids.leader, reason: '工作调整' });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['body.toUserId']);
      res = await transfer(staff1, { toUserId: '00000000-0000-4000-8000-000000000000', reason: '工作调整' });
      expect(paths(res)).toEqual(['body.toUserId']);
      res = await transfer(staff1, { toUserId: ids.staff1, reason: '工作调整' });
      expect(paths(res)).toEqual(['body.toUserId']);
      res = await transfer(staff1, { toUserId: ids.staff2 });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toContain('body.reason');
      expect((await transfer(staff2, { toUserId: ids.staff2, reason: '我来跟' })).statusCode).toBe(403);
      expect(await events(lead[1], 'transfer')).toHaveLength(0);

      res = await transfer(staff1, { toUserId: ids.staff2, reason: '工作调整' });
      expect(res.statusCode, res.body).toBe(200);
      // The answer is the former owner's view: the contacts are masked for them now.
      expect(res.json()).toMatchObject({ ownerUserId: ids.staff2, ownerName: '李干事', contactsMasked: true, contacts: [{ name: '陈*明' }] });
      const former = await detail(staff1, lead[1]);
      expect(former).toMatchObject({ contactsMasked: true, contacts: [{ name: '陈*明', phone: '138****1111' }], uscc: maskUscc(USCC_A) });
      expect(former.can.edit).toBe(false);
      expect((await move(staff1, lead[1], { to: 'negotiating', reason: 'x' })).statusCode).toBe(403);
      const now = await detail(staff2, lead[1]);
      expect(now).toMatchObject({ contactsMasked: false, contacts: [{ name: '陈晓明', phone: '13800001111' }], uscc: USCC_A });
      expect(now.can.edit).toBe(true);
      expect((await list(head, `?ownerUserId=${ids.staff2}`)).items.map((x) => x.id).sort()).toEqual([lead[1], lead[3]].sort());

      expect(await events(lead[1], 'transfer')).toEqual([{ fromValue: ids.staff1, toValue: ids.staff2, reason: '工作调整', byUserId: ids.staff1 }]);
      const trail = await audits(lead[1], 'promotion.lead.transfer');
      expect(trail).toHaveLength(1);
      expect(trail[0]!.diff).toMatchObject({ ownerUserId: { before: ids.staff1, after: ids.staff2 }, reason: '工作调整' });
    });

    it('closes a lead as rejected: out of the pipeline, no further moves', async () => {
      const close = (c: Client, body: Record<string, unknown>) => c.send('POST', `/api/promotion/leads/${lead[2]}/close`, body);
      expect((await close(staff1, { outcome: 'rejected' })).statusCode).toBe(400);
      expect((await close(staff1, { outcome: 'lost', reason: 'x' })).statusCode).toBe(400);
      expect((await close(staff2, { outcome: 'rejected', reason: '不符合产业定位' })).statusCode).toBe(403);
      const res = await close(staff1, { outcome: 'rejected', reason: '与ZS2026-0001重复，且不符合产业定位' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ outcome: 'rejected', clockState: 'done', stage: 'lead' });

      let again = await move(staff1, lead[2], { to: 'negotiating' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
      again = await close(staff1, { outcome: 'withdrawn', reason: '再关一次' });
      expect(again.statusCode).toBe(409);
      expect((await detail(staff1, lead[2])).outcome).toBe('rejected');

      expect((await list(staff1)).items.map((x) => x.id)).not.toContain(lead[2]);
      expect((await list(staff1, '?outcome=rejected')).items.map((x) => x.id)).toEqual([lead[2]]);
      expect(await events(lead[2], 'outcome')).toEqual([
        { fromValue: 'active', toValue: 'rejected', reason: '与ZS2026-0001重复，且不符合产业定位', byUserId: ids.staff1 },
      ]);
      expect(await events(lead[2], 'stage')).toHaveLength(0);
      expect(await audits(lead[2], 'promotion.lead.close')).toHaveLength(1);
    });

    it('runs the service clocks in working days: the answer clock turns overdue, the job flags it, marking it done clears it', async () => {
      let d = await detail(staff1, lead[4]);
      expect(d.clockState).toBe('open');
      expect(d.clocks).toEqual([
        { code: 'answer', dueOn: '2026-11-24', doneOn: null, state: 'open', lateDays: 0 },
        { code: 'assess', dueOn: '2026-11-26', doneOn: null, state: 'open', lateDays: 0 },
        { code: 'feedback', dueOn: '2026-11-30', doneOn: null, state: 'open', lateDays: 0 },
        { code: 'report', dueOn: '2026-12-07', doneOn: null, state: 'open', lateDays: 0 },
      ]);
      expect((await list(staff1, '?clockState=overdue')).total).toBe(0);

      // Monday 23 November → Wednesday 25 November: two working days later (the sessions have expired meanwhile).
      env.clock.set(new Date(FIXED_NOW.getTime() + 2 * DAY));
      await loginAll();
      d = await detail(staff1, lead[4]);
      expect(d.clocks[0]).toEqual({ code: 'answer', dueOn: '2026-11-24', doneOn: null, state: 'overdue', lateDays: 1 });
      expect(d.clocks.slice(1).map((c) => c.state)).toEqual(['open', 'open', 'open']);

      // The clock job writes the worst clock of every active lead (1, 3 and 4; the closed lead 2 is left alone).
      expect(await app.promotion.recomputeClocks()).toEqual({ checked: 3, changed: 3 });
      expect(await app.promotion.recomputeClocks()).toEqual({ checked: 3, changed: 0 });
      expect((await detail(staff1, lead[4])).clockState).toBe('overdue');
      // The owner is reminded once (the second run changed nothing) and finds the lead on the workbench.
      const reminders = await queryRows<{ title: string; link: string }>(
        env.database.db,
        sql`select title, link from notifications where user_id = ${ids.staff1} and kind = 'promotion.clock' order by title`,
      );
      expect(reminders.map((r) => r.link)).toContain(`/promotion/leads/${lead[4]}`);
      expect(new Set(reminders.map((r) => r.link)).size).toBe(reminders.length);
      type Bench = Record<'todos' | 'overdue', { module: string; link: string; overdue: boolean; title: string }[]>;
      const bench = (await staff1.get('/api/workbench')).json() as Bench;
      const todo = bench.overdue.find((x) => x.link === `/promotion/leads/${lead[4]}`);
      expect(todo).toMatchObject({ module: 'promotionLeads', overdue: true });
      expect(todo?.title).toContain('答复');
      const others = (await outsider.get('/api/workbench')).json() as Bench;
      expect([...others.todos, ...others.overdue].some((x) => x.module === 'promotionLeads')).toBe(false);
      const overdue = await list(staff1, '?clockState=overdue');
      expect(overdue.items.map((x) => x.id).sort()).toEqual([lead[1], lead[3], lead[4]].sort());
      expect((await list(outsider, '?clockState=overdue')).total).toBe(0);
      // The closed lead's clocks stopped.
      const closed = await detail(staff1, lead[2]);
      expect(closed.clockState).toBe('done');
      expect(closed.clocks.map((c) => c.state)).toEqual(['open', 'open', 'open', 'open']);

      // Marking the answer clock done: not in the future, not before registration, a known clock, by the owner.
      const done = (c: Client, body: Record<string, unknown>) => c.send('POST', `/api/promotion/leads/${lead[4]}/clocks`, body);
      let res = await done(staff1, { code: 'answer', doneOn: '2026-11-26' });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['body.doneOn']);
      res = await done(staff1, { code: 'answer', doneOn: '2026-11-20' });
      expect(paths(res)).toEqual(['body.doneOn']);
      res = await done(staff1, { code: 'nonsense', doneOn: '2026-11-24' });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['body.code']);
      expect((await done(staff2, { code: 'answer', doneOn: '2026-11-24' })).statusCode).toBe(403);
      expect((await done(outsider, { code: 'answer', doneOn: '2026-11-24' })).statusCode).toBe(404);
      expect(await events(lead[4], 'clock')).toHaveLength(0);

      res = await done(staff1, { code: 'answer', doneOn: '2026-11-24', note: '已电话答复客商' });
      expect(res.statusCode, res.body).toBe(200);
      d = res.json() as LeadDetail;
      expect(d.clocks[0]).toEqual({ code: 'answer', dueOn: '2026-11-24', doneOn: '2026-11-24', state: 'done', lateDays: 0 });
      expect(d.clockState).toBe('open');
      expect((await list(staff1, '?clockState=overdue')).items.map((x) => x.id)).not.toContain(lead[4]);
      expect(await app.promotion.recomputeClocks()).toEqual({ checked: 3, changed: 0 });
      expect(await events(lead[4], 'clock')).toEqual([{ fromValue: 'answer', toValue: '2026-11-24', reason: '已电话答复客商', byUserId: ids.staff1 }]);
      expect((await audits(lead[4], 'promotion.lead.clock'))[0]!.diff).toEqual({ code: 'answer', doneOn: '2026-11-24' });

      // The next day the assessment clock (3 working days) is due, the day after it is overdue.
      env.clock.set(new Date(FIXED_NOW.getTime() + 3 * DAY));
      expect(await app.promotion.recomputeClocks()).toMatchObject({ checked: 3 });
      await loginAll();
      d = await detail(staff1, lead[4]);
      expect(d.clockState).toBe('dueToday');
      expect(d.clocks[1]).toMatchObject({ code: 'assess', state: 'dueToday' });
      expect((await list(staff1, '?clockState=dueToday')).items.map((x) => x.id)).toEqual([lead[4]]);
    });

    it('keeps owners within the caller’s scope, refuses unknown teams and clocks of closed leads, writing nothing', async () => {
      const before = await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from promotion_leads`);
      // A superior registers only for a user of their scope who follows leads.
      let res = await head.send('POST', '/api/promotion/leads', { ...base(), company: '越界企业', uscc: null, ownerUserId: ids.outsider });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toEqual(['body.ownerUserId']);
      res = await head.send('POST', '/api/promotion/leads', { ...base(), company: '越界企业', uscc: null, teamId: '00000000-0000-4000-8000-000000000000' });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toEqual(['body.teamId']);
      expect(await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from promotion_leads`)).toEqual(before);
      // A transfer out of the caller's scope is refused (a superior who sees both sides hands it over).
      res = await head.send('POST', `/api/promotion/leads/${lead[1]}/transfer`, { toUserId: ids.outsider, reason: '调整' });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toEqual(['body.toUserId']);
      // A closed lead's clocks are stopped.
      res = await head.send('POST', `/api/promotion/leads/${lead[2]}/clocks`, { code: 'assess', doneOn: '2026-11-24' });
      expect(res.statusCode, res.body).toBe(409);
      expect((await detail(head, lead[2])).clockState).toBe('done');
    });

    it('assesses a lead against the admission criteria: every value computed, the decision with reasons, a rejection closes it', async () => {
      const criteria = await head.get('/api/promotion/criteria');
      expect(criteria.json()).toHaveLength(5);
      expect((await staff1.send('PUT', '/api/promotion/criteria', criteria.json())).statusCode).toBe(403);
      const bad = await head.send('PUT', '/api/promotion/criteria', [{ measure: 'taxPerMu', rule: 'min' }]);
      expect(bad.statusCode).toBe(400);
      expect(paths(bad)).toEqual(['body.0.threshold']);

      const assess = (c: Client, id: string, body: Record<string, unknown>) => c.send('POST', `/api/promotion/leads/${id}/assessments`, body);
      // Without the figures the criteria need, nothing is recorded and the missing inputs are named.
      let res = await assess(head, lead[4], { decision: 'pass', reasons: '符合产业定位' });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res)).toEqual(
        expect.arrayContaining(['body.expectedTax', 'body.energyUse', 'body.expectedOutput', 'body.environmentalCategory', 'body.chainFit']),
      );
      expect((await assess(staff1, lead[4], { decision: 'pass', reasons: 'x' })).statusCode).toBe(403);
      // 712.34 万元 on 2 亩 = 356.17 万元/亩 ≥ 300; tax 70 / 2 = 35 ≥ 30; energy 400 t / 1000 万元 = 0.4 ≤ 0.5.
      const figures = { landMu: 2, expectedTax: 70, energyUse: 400, expectedOutput: 1000, environmentalCategory: 'reportForm', chainFit: true };
      res = await assess(head, lead[4], { decision: 'pass', reasons: '投资强度、亩均税收达标，补链项目', ...figures });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ outcome: 'active', landMu: 2 });
      const list = (await head.get(`/api/promotion/leads/${lead[4]}/assessments`)).json().items;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ decision: 'pass', computedPass: true, assessedByName: '周局长' });
      expect(list[0].results.find((r: { measure: string }) => r.measure === 'investmentIntensity')).toMatchObject({ value: 356.17, pass: true });

      // A rejection (tax 20 / 2 = 10 < 30) closes the lead.
      res = await assess(head, lead[3], { decision: 'reject', reasons: '亩均税收不达标', ...figures, expectedTax: 20, plannedInvestment: '800' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ outcome: 'rejected', clockState: 'done' });
      const rejected = (await head.get(`/api/promotion/leads/${lead[3]}/assessments`)).json().items[0];
      expect(rejected).toMatchObject({ decision: 'reject', computedPass: false });
      expect(await audits(lead[3], 'promotion.lead.assess')).toHaveLength(1);
    });
  });
}
