// Enterprise service over HTTP (企业服务, DOMAIN §9): the routing table (a deleted unit refused, and a request of a
// category whose unit is gone still registered for a manual dispatch); the whole lifecycle of a request from the
// portal (routed unit accepts, answers; the enterprise rates it dissatisfied, round 2, answered again, satisfied,
// closed, followed up) with its ledger item's status and timeline following; refusal with redirect; the metrics
// counted over both rounds and compared with requestMetrics(); another enterprise's request refused and audited;
// ratings before the answer or outside the scale; pairings with the all-or-nothing spreadsheet import; visits with
// their requests; masking; permissions; nothing half-written on every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { completeUscc, requestMetrics, XLSX_MIME, type HandlingRound, type RequestRating, type ServiceRequestDetail } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, units, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const engine of engines()) {
  describe(`enterprise service on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    const u: Record<'root' | 'a' | 'b' | 'gone' | 'street', string> = { root: '', a: '', b: '', gone: '', street: '' };
    const ids: Record<'admin' | 'handlerA' | 'handlerB' | 'cadre' | 'cadre2' | 'firm' | 'firm2' | 'loner' | 'boss', string> = {
      admin: '',
      handlerA: '',
      handlerB: '',
      cadre: '',
      cadre2: '',
      firm: '',
      firm2: '',
      loner: '',
      boss: '',
    };
    let e1 = '';
    let e2 = '';
    let c: Record<keyof typeof ids, Client>;
    /** The request of the lifecycle, filed in the portal. */
    let lifecycleId = '';

    const db = () => env.database.db;
    const loginAll = async () => {
      const names = ['svcadmin', 'handlera', 'handlerb', 'cadre', 'cadre2', 'firm', 'firm2', 'loner', 'boss'];
      const clients = await Promise.all(names.map((n) => login(app.app, n)));
      c = Object.fromEntries((Object.keys(ids) as (keyof typeof ids)[]).map((k, i) => [k, clients[i]!])) as typeof c;
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const d = db();
      u.root = (await buildUnit(d, { name: '管委会', kind: 'committee' })).id;
      u.a = (await buildUnit(d, { name: '商务局', parentId: u.root })).id;
      u.b = (await buildUnit(d, { name: '人社局', parentId: u.root })).id;
      u.gone = (await buildUnit(d, { name: '旧规划局', parentId: u.root })).id;
      u.street = (await buildUnit(d, { name: '古雷街道', parentId: u.root, kind: 'street' })).id;
      const [x1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA2000001') })
        .returning();
      const [x2] = await d
        .insert(enterprises)
        .values({ name: '腾龙芳烃有限公司', uscc: completeUscc('91350623MA2000002') })
        .returning();
      e1 = x1!.id;
      e2 = x2!.id;
      ids.admin = (await buildUser(d, { username: 'svcadmin', unitId: u.root, roles: ['serviceAdmin'], displayName: '服务管理员' })).id;
      ids.handlerA = (await buildUser(d, { username: 'handlera', unitId: u.a, roles: ['staff'], displayName: '商务干事' })).id;
      ids.handlerB = (await buildUser(d, { username: 'handlerb', unitId: u.b, roles: ['staff'], displayName: '人社干事' })).id;
      ids.cadre = (await buildUser(d, { username: 'cadre', unitId: u.street, roles: ['liaisonCadre'], displayName: '林干部', phone: '13600001234' })).id;
      ids.cadre2 = (await buildUser(d, { username: 'cadre2', unitId: u.street, roles: ['liaisonCadre'], displayName: '陈干部' })).id;
      ids.firm = (await buildUser(d, { username: 'firm', unitId: u.street, roles: ['enterpriseUser'], displayName: '古雷企业' })).id;
      ids.firm2 = (await buildUser(d, { username: 'firm2', unitId: u.street, roles: ['enterpriseUser'], displayName: '腾龙企业' })).id;
      ids.loner = (await buildUser(d, { username: 'loner', unitId: u.street, roles: ['enterpriseUser'] })).id;
      ids.boss = (await buildUser(d, { username: 'boss', unitId: u.root, roles: ['leader'] })).id;
      await d.update(users).set({ enterpriseId: e1 }).where(eq(users.id, ids.firm));
      await d.update(users).set({ enterpriseId: e2 }).where(eq(users.id, ids.firm2));
      await loginAll();
    });
    afterAll(() => env?.close());

    const count = async (table: string, where = sql``) =>
      (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)} ${where}`))[0]!.n;
    /** Everything a request write touches: a refused write must leave it all as it was. */
    const snapshot = async () => ({
      requests: await queryRows(db(), sql`select id, status, round, unit_id, closed_at, followed_up_at from service_requests order by id`),
      rounds: await queryRows(
        db(),
        sql`select request_id, round, unit_id, responded_at, completed_on, rating, answer from service_request_rounds order by request_id, round`,
      ),
      refusals: await count('service_request_refusals'),
      items: await queryRows(db(), sql`select id, status, lead_unit_id, deadline from ledger_items order by id`),
      events: await count('ledger_events'),
      pairings: await count('service_pairings'),
      visits: await count('service_visits'),
    });
    const itemOf = async (requestId: string) =>
      (
        await queryRows<{ id: string; status: string; leadUnitId: string; deadline: string; code: string }>(
          db(),
          sql`select i.id, i.status, i.lead_unit_id as "leadUnitId", i.deadline::text as deadline, i.code
              from service_requests r join ledger_items i on i.id = r.item_id where r.id = ${requestId}`,
        )
      )[0]!;
    const inbox = (userId: string, kind: string) => count('notifications', sql`where user_id = ${userId} and kind = ${kind}`);
    const request = (base: Record<string, unknown> = {}) => ({
      category: 'policy',
      kind: 'ordinary',
      title: '申请技改补贴政策解读',
      content: '企业拟实施技改项目，请解读适用的补贴政策及申报条件。',
      contactName: '张三丰',
      contactPhone: '13800001111',
      ...base,
    });

    it('routing table: a deleted unit is refused with its path; a route whose unit is deleted later shows unitGone', async () => {
      await setDeleted(u.gone, false);
      const ok = await c.admin.send('PUT', '/api/service/routes', {
        routes: [
          { category: 'policy', unitId: u.a },
          { category: 'finance', unitId: u.a },
          { category: 'land', unitId: u.gone },
        ],
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json<{ routes: { category: string }[] }>().routes.map((r) => r.category)).toEqual(['policy', 'land', 'finance']);
      expect(await count('audit_log', sql`where action = 'service.routes.save'`)).toBe(1);
      // the unit is deleted since
      await setDeleted(u.gone, true);
      const listed = await c.handlerA.get('/api/service/routes');
      expect(listed.statusCode).toBe(200);
      expect(listed.json<{ routes: { category: string; unitGone: boolean }[] }>().routes.find((r) => r.category === 'land')!.unitGone).toBe(true);
      // saving a deleted unit: 422 UNIT_GONE on the route's path, nothing changed
      const before = await queryRows(db(), sql`select category, unit_id from service_routes order by category`);
      const bad = await c.admin.send('PUT', '/api/service/routes', {
        routes: [
          { category: 'policy', unitId: u.a },
          { category: 'land', unitId: u.gone },
        ],
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ code: 'UNIT_GONE', details: [{ path: 'body.routes.1.unitId' }] });
      expect(await queryRows(db(), sql`select category, unit_id from service_routes order by category`)).toEqual(before);
      // twice the same category
      const twice = await c.admin.send('PUT', '/api/service/routes', {
        routes: [
          { category: 'policy', unitId: u.a },
          { category: 'policy', unitId: u.b },
        ],
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().details[0].path).toBe('body.routes.1.category');
      // only service managers change it
      expect((await c.handlerA.send('PUT', '/api/service/routes', { routes: [{ category: 'policy', unitId: u.b }] })).statusCode).toBe(403);
    });

    it('the lifecycle: portal files → routed unit accepts → answers → dissatisfied → round 2 → answered → satisfied → closed → follow-up', async () => {
      // filed in the portal: the enterprise is the user's whatever the body says
      const filed = await c.firm.send('POST', '/api/portal/requests', request({ enterpriseId: e2 }));
      expect(filed.statusCode).toBe(200);
      const r0 = filed.json<ServiceRequestDetail>();
      lifecycleId = r0.id;
      expect(r0).toMatchObject({
        enterpriseId: e1,
        status: 'dispatched',
        unitId: u.a,
        unitName: '商务局',
        filedVia: 'portal',
        round: 1,
        code: 'ENT-REQUESTS-0001',
        // ordinary: response by the end of the next working day, done within 5 working days (Mon 23 Nov 2026 + 5)
        responseDueAt: '2026-11-24T16:00:00.000Z',
        completionDueOn: '2026-11-30',
        contactName: '张三丰',
        contactPhone: '13800001111',
        late: false,
      });
      // the ledger was created lazily, supervised by the root unit; the item mirrors the request
      const [ledger] = await queryRows<{ kind: string; name: string; supervisorUnitId: string }>(
        db(),
        sql`select kind, name, supervisor_unit_id as "supervisorUnitId" from ledgers where code = 'ENT-REQUESTS'`,
      );
      expect(ledger).toEqual({ kind: 'request', name: '企业诉求', supervisorUnitId: u.root });
      expect(await itemOf(lifecycleId)).toMatchObject({ status: 'assigned', leadUnitId: u.a, deadline: '2026-11-30', code: 'ENT-REQUESTS-0001' });
      expect(await inbox(ids.handlerA, 'service.request')).toBe(1);

      // the handling unit sees it, contacts masked (no field permissions); another unit does not see it
      const seen = await c.handlerA.get(`/api/service/requests/${lifecycleId}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({
        contactName: '张*丰',
        contactPhone: '138****1111',
        can: { accept: true, answer: true, refuse: true, rate: false, dispatch: false },
      });
      expect((await c.admin.get(`/api/service/requests/${lifecycleId}`)).json()).toMatchObject({ contactName: '张三丰', contactPhone: '13800001111' });
      expect((await c.handlerB.get(`/api/service/requests/${lifecycleId}`)).statusCode).toBe(404);

      // rating before the answer: 409; outside the scale: 400; nothing written either time
      const before = await snapshot();
      const early = await c.firm.send('POST', `/api/portal/requests/${lifecycleId}/rate`, { rating: 'satisfied' });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('REQUEST_NOT_RATABLE');
      const scale = await c.firm.send('POST', `/api/portal/requests/${lifecycleId}/rate`, { rating: 'great' });
      expect(scale.statusCode).toBe(400);
      expect(scale.json().details[0].path).toBe('body.rating');
      // another unit cannot accept; a cadre without service.handle neither
      expect((await c.handlerB.send('POST', `/api/service/requests/${lifecycleId}/accept`, {})).statusCode).toBe(404);
      expect((await c.cadre.send('POST', `/api/service/requests/${lifecycleId}/accept`, {})).statusCode).toBe(403);
      expect(await snapshot()).toEqual(before);

      // accepted 20 minutes later: responded in time
      env.clock.advance(MINUTE * 20);
      const accepted = await c.handlerA.send('POST', `/api/service/requests/${lifecycleId}/accept`, { note: '已受理' });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({
        status: 'accepted',
        respondedAt: new Date(FIXED_NOW.getTime() + MINUTE * 20).toISOString(),
        can: { accept: false, answer: true },
      });
      expect((await itemOf(lifecycleId)).status).toBe('accepted');
      // accepting twice: 409
      expect((await c.handlerA.send('POST', `/api/service/requests/${lifecycleId}/accept`, {})).json().code).toBe('TRANSITION_NOT_ALLOWED');

      // answered (办结) but not solved (解决)
      env.clock.advance(MINUTE * 20);
      const answered = await c.handlerA.send('POST', `/api/service/requests/${lifecycleId}/answer`, {
        answer: '已电话解读政策，企业暂不符合条件。',
        resolved: false,
      });
      expect(answered.statusCode).toBe(200);
      expect(answered.json()).toMatchObject({ status: 'answered', completedOn: '2026-11-23', resolved: false });
      expect((await itemOf(lifecycleId)).status).toBe('reported');
      expect(await inbox(ids.firm, 'service.answered')).toBe(1);

      // the enterprise is dissatisfied: round 2 for the same unit, deadlines from now, the item back in progress
      env.clock.set(new Date('2026-11-25T02:00:00.000Z'));
      await loginAll();
      const reopened = await c.firm.send('POST', `/api/portal/requests/${lifecycleId}/rate`, { rating: 'dissatisfied', comment: '希望进一步协调' });
      expect(reopened.statusCode).toBe(200);
      const r2 = reopened.json<ServiceRequestDetail>();
      expect(r2).toMatchObject({
        status: 'reopened',
        round: 2,
        unitId: u.a,
        respondedAt: null,
        completedOn: null,
        rating: null,
        completionDueOn: '2026-12-02',
      });
      expect(r2.rounds.map((x) => [x.round, x.rating, x.unitId])).toEqual([
        [1, 'dissatisfied', u.a],
        [2, null, u.a],
      ]);
      expect(await itemOf(lifecycleId)).toMatchObject({ status: 'inProgress', deadline: '2026-12-02' });
      expect(await count('ledger_deadlines', sql`where item_id = ${(await itemOf(lifecycleId)).id}`)).toBe(2);
      expect(await inbox(ids.handlerA, 'service.request')).toBe(2);

      // answered again, solved this time; rated satisfied: closed
      const again = await c.handlerA.send('POST', `/api/service/requests/${lifecycleId}/answer`, { answer: '已协调落实补贴申报。', resolved: true });
      expect(again.json()).toMatchObject({ status: 'answered', round: 2, resolved: true, completedOn: '2026-11-25' });
      expect((await itemOf(lifecycleId)).status).toBe('reported');
      const closed = await c.firm.send('POST', `/api/portal/requests/${lifecycleId}/rate`, { rating: 'satisfied' });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({
        status: 'closed',
        rating: 'satisfied',
        closedAt: '2026-11-25T02:00:00.000Z',
        can: { rate: false, followUp: false },
      });
      expect((await itemOf(lifecycleId)).status).toBe('closed');
      // rated again: 409
      expect((await c.firm.send('POST', `/api/portal/requests/${lifecycleId}/rate`, { rating: 'satisfied' })).json().code).toBe('REQUEST_NOT_RATABLE');

      // the follow-up call (回访): service managers only, on closed requests
      expect((await c.handlerA.send('POST', `/api/service/requests/${lifecycleId}/follow-up`, { note: '回访' })).statusCode).toBe(403);
      const followed = await c.admin.send('POST', `/api/service/requests/${lifecycleId}/follow-up`, { note: '电话回访，企业表示满意。' });
      expect(followed.statusCode).toBe(200);
      expect(followed.json()).toMatchObject({ followUpNote: '电话回访，企业表示满意。', followedUpAt: '2026-11-25T02:00:00.000Z' });

      // the item's timeline followed every step; the ledger's own transitions are refused on it
      const item = await itemOf(lifecycleId);
      const events = await queryRows<{ kind: string; toStatus: string | null }>(
        db(),
        sql`select kind, to_status as "toStatus" from ledger_events where item_id = ${item.id} and kind <> 'light' order by id`,
      );
      expect(events.map((e) => (e.toStatus ? `${e.kind}:${e.toStatus}` : e.kind))).toEqual([
        'created:assigned',
        'transition:accepted',
        'transition:reported',
        'transition:inProgress',
        'newRound',
        'transition:reported',
        'transition:closed',
        'followUp',
      ]);
      const detail = await c.boss.get(`/api/ledger-items/${item.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().allowedActions).toEqual([]);
      const moved = await c.boss.send('POST', `/api/ledger-items/${item.id}/transitions`, { action: 'reopen', reason: '试图绕过' });
      expect(moved.statusCode).toBe(409);
      expect(moved.json().code).toBe('TRANSITION_NOT_ALLOWED');
      // audited, one record per step
      const actions = await queryRows<{ action: string }>(
        db(),
        sql`select action from audit_log where entity_type = 'serviceRequest' and entity_id = ${lifecycleId} order by seq`,
      );
      expect(actions.map((a) => a.action)).toEqual([
        'service.request.file',
        'service.request.accept',
        'service.request.answer',
        'service.request.rate',
        'service.request.answer',
        'service.request.rate',
        'service.request.followUp',
      ]);
    });

    it('pairings: created by managers, duplicates and bad references refused, each cadre sees their own', async () => {
      const ok = await c.admin.send('POST', '/api/service/pairings', { cadreUserId: ids.cadre, enterpriseId: e1, role: 'primary', startsOn: '2026-01-01' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ cadreName: '林干部', enterpriseName: '古雷石化有限公司', active: true, visits: 0 });
      const before = await snapshot();
      const dup = await c.admin.send('POST', '/api/service/pairings', { cadreUserId: ids.cadre, enterpriseId: e1, role: 'liaison', startsOn: '2026-01-01' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('PAIRING_EXISTS');
      const unknown = await c.admin.send('POST', '/api/service/pairings', { cadreUserId: ids.cadre, enterpriseId: ids.admin, startsOn: '2026-01-01' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().details[0].path).toBe('body.enterpriseId');
      const firmCadre = await c.admin.send('POST', '/api/service/pairings', { cadreUserId: ids.firm, enterpriseId: e1, startsOn: '2026-01-01' });
      expect(firmCadre.json().details[0].path).toBe('body.cadreUserId');
      const backwards = await c.admin.send('POST', '/api/service/pairings', {
        cadreUserId: ids.cadre2,
        enterpriseId: e1,
        startsOn: '2026-03-01',
        endsOn: '2026-02-01',
      });
      expect(backwards.statusCode).toBe(400);
      expect((await c.cadre.send('POST', '/api/service/pairings', { cadreUserId: ids.cadre, enterpriseId: e2, startsOn: '2026-01-01' })).statusCode).toBe(403);
      expect(await snapshot()).toEqual(before);
      // the cadre sees their pairing; another cadre (self scope) none
      expect((await c.cadre.get('/api/service/pairings')).json().total).toBe(1);
      expect((await c.cadre2.get('/api/service/pairings')).json().total).toBe(0);
      expect((await c.admin.get(`/api/service/pairings?enterpriseId=${e1}&active=true`)).json().total).toBe(1);
    });

    it('a cadre files on behalf of a paired enterprise only; the unit refuses with a redirect, which goes there in the same round', async () => {
      const before = await snapshot();
      const unpaired = await c.cadre2.send('POST', '/api/service/requests', request({ enterpriseId: e1, category: 'finance' }));
      expect(unpaired.statusCode).toBe(403);
      const noEnterprise = await c.cadre.send('POST', '/api/service/requests', request({ category: 'finance' }));
      expect(noEnterprise.statusCode).toBe(400);
      expect(noEnterprise.json().details[0].path).toBe('body.enterpriseId');
      expect((await c.firm.send('POST', '/api/service/requests', request({ enterpriseId: e1 }))).statusCode).toBe(403);
      expect(await snapshot()).toEqual(before);

      const filed = await c.cadre.send(
        'POST',
        '/api/service/requests',
        request({ enterpriseId: e1, category: 'finance', kind: 'urgent', title: '流动资金贷款对接' }),
      );
      expect(filed.statusCode).toBe(200);
      const r = filed.json<ServiceRequestDetail>();
      // urgent: response within 2 hours
      expect(r).toMatchObject({
        status: 'dispatched',
        unitId: u.a,
        filedVia: 'cadre',
        filedByName: '林干部',
        responseDueAt: new Date(env.clock.now().getTime() + 2 * HOUR).toISOString(),
      });
      // the cadre paired with the enterprise sees it (liaison cadres have the field permissions)
      expect((await c.cadre.get(`/api/service/requests/${r.id}`)).json().contactPhone).toBe('13800001111');

      const snap = await snapshot();
      const self = await c.handlerA.send('POST', `/api/service/requests/${r.id}/refuse`, { reason: '不属本单位职责', redirectToUnitId: u.a });
      expect(self.statusCode).toBe(400);
      expect(self.json().details[0].path).toBe('body.redirectToUnitId');
      const gone = await c.handlerA.send('POST', `/api/service/requests/${r.id}/refuse`, { reason: '不属本单位职责', redirectToUnitId: u.gone });
      expect(gone.statusCode).toBe(422);
      expect(gone.json()).toMatchObject({ code: 'UNIT_GONE', details: [{ path: 'body.redirectToUnitId' }] });
      const nowhere = await c.handlerA.send('POST', `/api/service/requests/${r.id}/refuse`, { reason: '不属本单位职责', redirectToUnitId: ids.admin });
      expect(nowhere.statusCode).toBe(400);
      expect(await snapshot()).toEqual(snap);

      const refused = await c.handlerA.send('POST', `/api/service/requests/${r.id}/refuse`, { reason: '属人才政策，转人社局', redirectToUnitId: u.b });
      expect(refused.statusCode).toBe(200);
      const after = refused.json<ServiceRequestDetail>();
      expect(after).toMatchObject({ status: 'dispatched', unitId: u.b, round: 1, responseDueAt: r.responseDueAt, completionDueOn: r.completionDueOn });
      expect(after.refusals).toEqual([
        expect.objectContaining({
          round: 1,
          unitId: u.a,
          unitName: '商务局',
          redirectedToUnitId: u.b,
          redirectedToUnitName: '人社局',
          reason: '属人才政策，转人社局',
          byName: '商务干事',
        }),
      ]);
      expect(after.rounds[0]!.unitId).toBe(u.b);
      expect(await itemOf(r.id)).toMatchObject({ status: 'assigned', leadUnitId: u.b });
      expect(await inbox(ids.handlerB, 'service.request')).toBe(1);
      // the refusing unit still sees it but may no longer act; the new unit accepts and answers
      const byA = await c.handlerA.get(`/api/service/requests/${r.id}`);
      expect(byA.statusCode).toBe(200);
      expect(byA.json().can).toMatchObject({ accept: false, refuse: false });
      expect((await c.handlerA.send('POST', `/api/service/requests/${r.id}/accept`, {})).statusCode).toBe(403);
      const answered = await c.handlerB.send('POST', `/api/service/requests/${r.id}/answer`, { answer: '已对接合作银行。', resolved: true });
      expect(answered.json()).toMatchObject({ status: 'answered', respondedAt: env.clock.now().toISOString() });
      // a service manager records a rating taken by phone
      const rated = await c.admin.send('POST', `/api/service/requests/${r.id}/rate`, { rating: 'basicallySatisfied' });
      expect(rated.json()).toMatchObject({ status: 'closed', rating: 'basicallySatisfied' });
    });

    it('a category whose unit is deleted: still registered (supervising unit, managers told), dispatched by hand; a deleted unit refused', async () => {
      const filed = await c.firm.send('POST', '/api/portal/requests', request({ category: 'land', title: '厂房用地指标' }));
      expect(filed.statusCode).toBe(200);
      const r = filed.json<ServiceRequestDetail>();
      expect(r).toMatchObject({ status: 'registered', unitId: null, unitName: null });
      expect(await itemOf(r.id)).toMatchObject({ status: 'assigned', leadUnitId: u.root });
      expect(await inbox(ids.admin, 'service.unrouted')).toBe(1);
      // no category route at all behaves the same
      const other = await c.firm.send('POST', '/api/portal/requests', request({ category: 'talent', title: '招工对接' }));
      expect(other.json()).toMatchObject({ status: 'registered' });
      expect((await c.admin.get(`/api/service/requests/${r.id}`)).json().can.dispatch).toBe(true);

      const before = await snapshot();
      const gone = await c.admin.send('POST', `/api/service/requests/${r.id}/dispatch`, { unitId: u.gone });
      expect(gone.statusCode).toBe(422);
      expect(gone.json()).toMatchObject({ code: 'UNIT_GONE', details: [{ path: 'body.unitId' }] });
      const unknown = await c.admin.send('POST', `/api/service/requests/${r.id}/dispatch`, { unitId: ids.admin });
      expect(unknown.statusCode).toBe(422);
      expect((await c.handlerA.send('POST', `/api/service/requests/${r.id}/dispatch`, { unitId: u.a })).statusCode).toBe(403);
      expect(await snapshot()).toEqual(before);

      const sent = await c.admin.send('POST', `/api/service/requests/${r.id}/dispatch`, { unitId: u.b, note: '用地事项暂由人社局牵头' });
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'dispatched', unitId: u.b, rounds: [expect.objectContaining({ round: 1, unitId: u.b })] });
      expect(await itemOf(r.id)).toMatchObject({ status: 'assigned', leadUnitId: u.b });
      expect(await inbox(ids.handlerB, 'service.request')).toBe(2);
    });

    it("the portal: an enterprise sees only its own requests; another enterprise's request is 403 and audited", async () => {
      const denied = await c.firm2.get(`/api/portal/requests/${lifecycleId}`);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('FORBIDDEN');
      const [audit] = await queryRows<{ userId: string; result: string; resultCode: string }>(
        db(),
        sql`select user_id as "userId", result, result_code as "resultCode" from audit_log where action = 'service.request.denied' and entity_id = ${lifecycleId}`,
      );
      expect(audit).toEqual({ userId: ids.firm2, result: 'failure', resultCode: 'FORBIDDEN' });
      const before = await snapshot();
      expect((await c.firm2.send('POST', `/api/portal/requests/${lifecycleId}/rate`, { rating: 'dissatisfied' })).statusCode).toBe(403);
      expect(await snapshot()).toEqual(before);
      expect(await count('audit_log', sql`where action = 'service.request.denied'`)).toBe(2);
      expect((await c.firm2.get('/api/portal/requests')).json().total).toBe(0);
      const mine = await c.firm.get('/api/portal/requests?pageSize=50');
      expect(mine.json().items.every((x: { enterpriseId: string }) => x.enterpriseId === e1)).toBe(true);
      expect(mine.json().total).toBe(4);
      // the back office is not for enterprise users; the portal is not for others, nor for a user without an enterprise
      expect((await c.firm.get('/api/service/requests')).statusCode).toBe(403);
      expect((await c.handlerA.get('/api/portal/home')).statusCode).toBe(403);
      expect((await c.loner.get('/api/portal/home')).statusCode).toBe(403);
      expect((await c.loner.send('POST', '/api/portal/requests', request())).statusCode).toBe(403);

      const home = await c.firm.get('/api/portal/home');
      expect(home.statusCode).toBe(200);
      expect(home.json()).toMatchObject({
        enterprise: { id: e1, name: '古雷石化有限公司' },
        cadres: [{ userId: ids.cadre, displayName: '林干部', unitName: '古雷街道', phone: '13600001234', role: 'primary' }],
        open: 2,
        awaitingRating: 0,
        closed: 2,
        projects: [],
      });
    });

    it('lists: visibility by unit, pairing and filer; filters; masked export, audited', async () => {
      const a = await c.handlerA.get('/api/service/requests?pageSize=50');
      expect(a.statusCode).toBe(200);
      // the lifecycle request (its unit) and the refused one (refusing unit); not the registered ones
      expect(a.json().total).toBe(2);
      expect((await c.handlerB.get('/api/service/requests')).json().total).toBe(2);
      expect((await c.cadre.get('/api/service/requests')).json().total).toBe(4);
      expect((await c.cadre2.get('/api/service/requests')).json().total).toBe(0);
      expect((await c.admin.get('/api/service/requests?status=registered')).json().total).toBe(1);
      expect((await c.admin.get(`/api/service/requests?open=false&enterpriseId=${e1}`)).json().total).toBe(2);
      expect((await c.admin.get('/api/service/requests?q=%E8%B4%B7%E6%AC%BE')).json().total).toBe(1);
      expect((await c.admin.get('/api/service/requests?from=2026-11-26')).json().total).toBe(0);

      const res = await c.handlerA.get('/api/service/requests/export');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
      expect(text).toContain('138****1111');
      expect(text).not.toContain('13800001111');
      expect(await count('audit_log', sql`where action = 'service.request.export' and user_id = ${ids.handlerA}`)).toBe(1);
    });

    it('visits: the visit and its requests in one transaction, by a paired cadre', async () => {
      const visit = {
        enterpriseId: e1,
        visitedOn: '2026-11-24',
        people: '林干部；企业总经理王某',
        topics: '生产经营、用工',
        requests: [
          { category: 'policy', kind: 'consultation', title: '稳岗补贴咨询', content: '咨询今年稳岗补贴标准。' },
          { category: 'finance', kind: 'ordinary', title: '技改贷款贴息', content: '申请技改贷款贴息。' },
        ],
      };
      const before = await snapshot();
      expect((await c.cadre2.send('POST', '/api/service/visits', visit)).statusCode).toBe(403);
      const future = await c.cadre.send('POST', '/api/service/visits', { ...visit, visitedOn: '2026-12-30' });
      expect(future.statusCode).toBe(400);
      expect(future.json().details[0].path).toBe('body.visitedOn');
      const badRequest = await c.cadre.send('POST', '/api/service/visits', { ...visit, requests: [visit.requests[0], { ...visit.requests[1], title: '' }] });
      expect(badRequest.statusCode).toBe(400);
      expect(badRequest.json().details[0].path).toBe('body.requests.1.title');
      expect(await snapshot()).toEqual(before);

      const ok = await c.cadre.send('POST', '/api/service/visits', visit);
      expect(ok.statusCode).toBe(200);
      const v = ok.json<{ id: string; requests: { id: string; status: string }[]; photoCount: number; cadreName: string }>();
      expect(v).toMatchObject({ cadreName: '林干部', photoCount: 0 });
      expect(v.requests.map((x) => x.status)).toEqual(['dispatched', 'dispatched']);
      const rows = await queryRows<{ filedVia: string; visitId: string }>(
        db(),
        sql`select filed_via as "filedVia", visit_id as "visitId" from service_requests where visit_id = ${v.id}`,
      );
      expect(rows).toEqual([
        { filedVia: 'visit', visitId: v.id },
        { filedVia: 'visit', visitId: v.id },
      ]);
      expect((await c.cadre.get('/api/service/visits')).json().total).toBe(1);
      expect((await c.cadre2.get('/api/service/visits')).json().total).toBe(0);
      expect((await c.admin.get(`/api/service/pairings?cadreUserId=${ids.cadre}`)).json().items[0]).toMatchObject({ visits: 1, lastVisitOn: '2026-11-24' });
      // photos are attachments of the visit: its cadre may list them, another cadre may not see the visit
      expect((await c.cadre.get(`/api/attachments?entityType=serviceVisit&entityId=${v.id}`)).statusCode).toBe(200);
      expect((await c.cadre2.get(`/api/attachments?entityType=serviceVisit&entityId=${v.id}`)).statusCode).toBe(404);
    });

    it('reply templates: managers write them, handlers read them by category', async () => {
      const created = await c.admin.send('POST', '/api/service/templates', { category: 'policy', title: '政策解读', body: '您好，关于……的政策如下：' });
      expect(created.statusCode).toBe(200);
      const t = created.json<{ id: string; active: boolean }>();
      expect(t.active).toBe(true);
      expect((await c.handlerA.send('POST', '/api/service/templates', { category: 'policy', title: 'x', body: 'y' })).statusCode).toBe(403);
      const upd = await c.admin.send('PATCH', `/api/service/templates/${t.id}`, { category: 'policy', title: '政策解读（新）', body: '您好：', active: false });
      expect(upd.json()).toMatchObject({ title: '政策解读（新）', active: false });
      expect((await c.handlerA.get('/api/service/templates?category=policy')).json()).toHaveLength(1);
      expect((await c.handlerA.get('/api/service/templates?category=land')).json()).toHaveLength(0);
    });

    it('pairing import: the template, a preview with every row error, all or nothing, then created and unchanged', async () => {
      const template = await c.admin.get('/api/service/pairings/template');
      expect(template.statusCode).toBe(200);
      const twb = new ExcelJS.Workbook();
      await twb.xlsx.load(template.rawPayload as unknown as ExcelJS.Buffer);
      const headerText = JSON.stringify(twb.worksheets[0]!.getSheetValues());
      for (const h of ['干部账号', '企业（信用代码或名称）', '角色（包联责任人/联络员）', '开始日期', '结束日期']) expect(headerText).toContain(h);

      const sheet = async (rows: (string | null)[][]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('挂企名单');
        ws.addRow(['干部账号', '企业（信用代码或名称）', '角色（包联责任人/联络员）', '开始日期', '结束日期']);
        for (const r of rows) ws.addRow(r);
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const upload = (url: string, body: Buffer) => c.admin.send('POST', url, body, { 'content-type': XLSX_MIME });
      const bad = await sheet([
        ['cadre2', '腾龙芳烃有限公司', '联络员', '2026-11-01', null],
        ['nobody', completeUscc('91350623MA2000001'), '包联责任人', '2026-11-01', null],
        ['cadre2', '不存在的公司', '主任', '2026-13-01', null],
        ['cadre', '古雷石化有限公司', '包联责任人', '2026-01-01', null],
        ['cadre2', '腾龙芳烃有限公司', '联络员', '2026-11-01', '2026-10-01'],
      ]);
      const preview = await upload('/api/service/pairings/import/preview', bad);
      expect(preview.statusCode).toBe(200);
      const p = preview.json<{ rows: { row: number; errors: { column: string; message: string }[] }[]; valid: number; invalid: number; unchanged: number }>();
      expect(p).toMatchObject({ valid: 2, invalid: 3, unchanged: 1 });
      expect(p.rows.map((r) => [r.row, r.errors.map((e) => e.column)])).toEqual([
        [2, []],
        [3, ['干部账号']],
        [4, ['企业（信用代码或名称）', '角色（包联责任人/联络员）', '开始日期']],
        [5, []],
        [6, ['结束日期']],
      ]);
      const before = await snapshot();
      const refused = await upload('/api/service/pairings/import', bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details.map((d: { path: string }) => d.path)).toContain('row3');
      expect(await snapshot()).toEqual(before);
      expect(await count('audit_log', sql`where action = 'service.pairing.import'`)).toBe(0);

      const good = await sheet([
        ['cadre2', '腾龙芳烃有限公司', '联络员', '2026-11-01', null],
        ['cadre2', completeUscc('91350623MA2000001'), '包联责任人', '2026/11/01', '2027-10-31'],
        ['cadre', '古雷石化有限公司', '包联责任人', '2026-01-01', null],
      ]);
      const done = await upload('/api/service/pairings/import', good);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({ created: 2, unchanged: 1 });
      expect(await count('audit_log', sql`where action = 'service.pairing.import'`)).toBe(1);
      expect((await c.cadre2.get('/api/service/pairings')).json().total).toBe(2);
      // again: nothing new
      expect((await upload('/api/service/pairings/import', good)).json()).toEqual({ created: 0, unchanged: 3 });
      // only managers import
      expect((await c.cadre.send('POST', '/api/service/pairings/import', good, { 'content-type': XLSX_MIME })).statusCode).toBe(403);
      const exported = await c.admin.get('/api/service/pairings/export');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe(XLSX_MIME);
    });

    it('metrics: every round counted per unit, equal to requestMetrics() over the same rounds; refusals per refusing unit', async () => {
      // a week later some rounds are past their deadlines unanswered
      env.clock.set(new Date('2026-12-05T02:00:00.000Z'));
      await loginAll();
      const res = await c.boss.get('/api/service/metrics?from=2026-11-01&to=2026-11-30');
      expect(res.statusCode).toBe(200);
      const m = res.json<{
        rows: { unitId: string; rounds: number; requests: number; refusals: number; [k: string]: unknown }[];
        total: { rounds: number; requests: number; refusals: number; [k: string]: unknown };
      }>();
      const rounds = await queryRows<{
        unitId: string;
        requestId: string;
        responseDueAt: Date | string;
        respondedAt: Date | string | null;
        completionDueOn: string;
        completedOn: string | null;
        rating: RequestRating | null;
        resolved: boolean | null;
      }>(
        db(),
        sql`select unit_id as "unitId", request_id as "requestId", response_due_at as "responseDueAt", responded_at as "respondedAt",
            completion_due_on::text as "completionDueOn", completed_on::text as "completedOn", rating, resolved
            from service_request_rounds where started_at >= '2026-11-01T00:00:00+08:00' and started_at < '2026-12-01T00:00:00+08:00'`,
      );
      const toRound = (r: (typeof rounds)[number]): HandlingRound => ({
        responseDueAt: new Date(r.responseDueAt),
        respondedAt: r.respondedAt ? new Date(r.respondedAt) : null,
        completionDueOn: r.completionDueOn,
        completedOn: r.completedOn,
        rating: r.rating,
        resolved: r.resolved,
      });
      const expected = (rs: typeof rounds) => {
        const x = requestMetrics(rs.map(toRound), env.clock.now());
        return { rounds: x.rounds, onTimeResponse: x.onTimeResponse, onTimeCompletion: x.onTimeCompletion, satisfaction: x.satisfaction, resolved: x.resolved };
      };
      const pick = (r: Record<string, unknown>) => ({
        rounds: r.rounds,
        onTimeResponse: r.onTimeResponse,
        onTimeCompletion: r.onTimeCompletion,
        satisfaction: r.satisfaction,
        resolved: r.resolved,
      });
      expect(pick(m.total)).toEqual(expected(rounds));
      expect(m.total.requests).toBe(new Set(rounds.map((r) => r.requestId)).size);
      for (const row of m.rows) expect(pick(row)).toEqual(expected(rounds.filter((r) => r.unitId === row.unitId)));
      // the lifecycle's two rounds are both counted for the unit that handled them
      const a = m.rows.find((r) => r.unitId === u.a)!;
      expect(a.rounds).toBeGreaterThanOrEqual(2);
      expect(a.satisfaction).toEqual({ count: 1, of: 2, rate: 50 });
      expect(a.refusals).toBe(1);
      expect(m.total.refusals).toBe(1);
      // something is late by now, and something is on time: the comparison above is not trivial
      expect((m.total.onTimeCompletion as { of: number }).of).toBeGreaterThan((m.total.onTimeCompletion as { count: number }).count);
      // one unit's subtree only; a period without rounds
      expect(
        (await c.boss.get(`/api/service/metrics?from=2026-11-01&to=2026-11-30&unitId=${u.b}`)).json().rows.map((r: { unitId: string }) => r.unitId),
      ).toEqual([u.b]);
      expect((await c.boss.get('/api/service/metrics?from=2025-01-01&to=2025-12-31')).json()).toMatchObject({ rows: [], total: { rounds: 0, refusals: 0 } });
      expect((await c.boss.get('/api/service/metrics?from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);
      const x = await c.boss.get('/api/service/metrics/export?from=2026-11-01&to=2026-11-30');
      expect(x.statusCode).toBe(200);
      expect(await count('audit_log', sql`where action = 'service.metrics.export'`)).toBe(1);
      expect((await c.firm.get('/api/service/metrics?from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
    });

    // helpers that need the database
    async function setDeleted(unitId: string, deleted: boolean) {
      await db()
        .update(units)
        .set({ deletedAt: deleted ? FIXED_NOW : null })
        .where(eq(units.id, unitId));
    }
  });
}
