// Key projects over HTTP: the ledger with its checks (funding, dates, location, duplicates), the milestone chain,
// stage moves, investment reports from draft to approval moving the figures and the light, visibility by
// assignment, blockers as ledger items, the year lists, pipeline, map, board, dashboard and ceremonies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { InvestmentReport, ProjectDetail } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, geoFeatures, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { completeUscc } from '@zoneops/shared';
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

for (const engine of engines()) {
  describe(`key projects on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let bureau: { id: string };
    let other: { id: string };
    let head: Client;
    let staff: Client;
    let outsider: Client;
    let leader: Client;
    let firm: Client;
    let leaderUser: { id: string };
    let enterpriseId: string;

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const db = env.database.db;
      await db.insert(geoFeatures).values({ kind: 'boundary', name: '园区', geometry: BOUNDARY });
      bureau = await buildUnit(db, { name: '发展改革局' });
      other = await buildUnit(db, { name: '文旅局' });
      const [e] = await db
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA2000001') })
        .returning();
      enterpriseId = e!.id;
      await buildUser(db, { username: 'head', unitId: bureau.id, roles: ['deptAdmin'] });
      await buildUser(db, { username: 'staff', unitId: bureau.id, roles: ['staff'] });
      await buildUser(db, { username: 'outsider', unitId: other.id, roles: ['staff'] });
      leaderUser = await buildUser(db, { username: 'cityboss', unitId: other.id, roles: ['cityLeader'], displayName: '王市长' });
      const f = await buildUser(db, { username: 'firm', unitId: other.id, roles: ['enterpriseUser'] });
      await db.update(users).set({ enterpriseId }).where(eq(users.id, f.id));
      [head, staff, outsider, leader, firm] = (await Promise.all(
        ['head', 'staff', 'outsider', 'cityboss', 'firm'].map((u) => login(app.app, u)),
      )) as Client[] as [Client, Client, Client, Client, Client];
    });
    afterAll(() => env?.close());

    const base = () => ({
      name: '古雷乙烯下游深加工项目',
      level: 'city',
      industry: 'petrochemical',
      category: 'industry',
      nature: 'new',
      investorType: 'private',
      ownerEnterpriseId: enterpriseId,
      leadUnitId: bureau.id,
      leaders: [{ userId: leaderUser.id, level: 'city' }],
      units: [{ unitId: bureau.id, level: 'district', contactName: '李四', contactPhone: '13800000001' }],
      plannedStartOn: '2026-03-01',
      plannedCompletionOn: '2027-12-31',
      totalInvestment: '120000.00',
      funding: [
        { source: 'enterprise', amount: '80000' },
        { source: 'bank', amount: 40000 },
      ],
      planYear: 2026,
      annualPlan: '36000.50',
      lng: 117.61,
      lat: 23.77,
      stage: 'construction',
    });
    const count = async () => (await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from projects`))[0]!.n;
    let projectId: string;

    it('refuses bad projects with a clear error and writes nothing', async () => {
      const cases: [Record<string, unknown>, number, string, string][] = [
        [{ funding: [{ source: 'enterprise', amount: '80000' }] }, 422, 'FUNDING_MISMATCH', 'body.funding'],
        [{ funding: [{ source: 'nonsense', amount: '120000' }] }, 400, 'VALIDATION_FAILED', 'body.funding.0.source'],
        [{ funding: [{ source: 'enterprise', subSource: 'central', amount: '120000' }] }, 400, 'VALIDATION_FAILED', 'body.funding.0.subSource'],
        [{ actualStartOn: '2026-12-01' }, 422, 'DATE_IN_FUTURE', 'body.actualStartOn'],
        [{ lng: 118.2, lat: 24.5 }, 422, 'OUTSIDE_ZONE', 'body.lng'],
        [{ totalInvestment: '12.345' }, 400, 'VALIDATION_FAILED', 'body.totalInvestment'],
        [{ totalInvestment: 'abc' }, 400, 'VALIDATION_FAILED', 'body.totalInvestment'],
        [{ industry: 'nonsense' }, 400, 'VALIDATION_FAILED', 'body.industry'],
        [{ lat: null }, 400, 'VALIDATION_FAILED', 'body.lat'],
        [{ plannedCompletionOn: '2025-01-01' }, 400, 'VALIDATION_FAILED', 'body.plannedCompletionOn'],
      ];
      for (const [patch, status, code, path] of cases) {
        const res = await head.send('POST', '/api/projects', { ...base(), ...patch });
        expect(res.statusCode, `${JSON.stringify(patch)} → ${res.body}`).toBe(status);
        expect(res.json()).toMatchObject({ code });
        expect(JSON.stringify(res.json().details)).toContain(path);
      }
      expect(await count()).toBe(0);
      // Staff may read but not create; a department head may not create for a unit outside the scope.
      expect((await staff.send('POST', '/api/projects', base())).statusCode).toBe(403);
      expect((await head.send('POST', '/api/projects', { ...base(), leadUnitId: other.id })).statusCode).toBe(403);
      expect(await count()).toBe(0);
    });

    it('creates a project with exact money, a 20-node plan and a light; duplicates are refused', async () => {
      const res = await head.send('POST', '/api/projects', base());
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json() as ProjectDetail;
      projectId = p.id;
      expect(p).toMatchObject({
        totalInvestment: '120000.00',
        annualPlan: '36000.50',
        ownerName: '古雷石化有限公司',
        stage: 'construction',
        leaderNames: ['王市长'],
      });
      expect(p.funding.map((f) => f.amount)).toEqual(['80000.00', '40000.00']);
      expect(p.milestones).toHaveLength(20);
      expect(p.milestones.find((m) => m.code === 'siteEntry')?.plannedOn).toBe('2026-03-01');
      // Nodes planned before today without actual dates: red, the oldest first.
      expect(p.light).toBe('red');
      expect(p.lightReasons[0]).toMatchObject({ code: 'nodeOverdue', node: 'application' });
      expect(p.stageHistory).toHaveLength(1);
      const dup = await head.send('POST', '/api/projects', base());
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'PROJECT_DUPLICATE' });
      const dupCode = await head.send('POST', '/api/projects', { ...base(), name: '另一个项目', code: 'GL-001' });
      expect(dupCode.statusCode).toBe(200);
      const again = await head.send('POST', '/api/projects', { ...base(), name: '第三个项目', code: 'GL-001' });
      expect(again.json()).toMatchObject({ code: 'PROJECT_DUPLICATE', details: [{ path: 'body.code' }] });
    });

    it('keeps the milestone chain: no node before its predecessors, no future dates', async () => {
      const patch = (code: string, body: Record<string, unknown>) => head.send('PATCH', `/api/projects/${projectId}/milestones/${code}`, body);
      let res = await patch('feasibility', { actualOn: '2025-05-01' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'PREDECESSOR_NOT_DONE' });
      expect((await patch('application', { actualOn: '2026-12-01' })).json()).toMatchObject({ code: 'DATE_IN_FUTURE' });
      expect((await patch('application', { actualOn: '2025-04-01' })).statusCode).toBe(200);
      res = await patch('feasibility', { actualOn: '2025-03-01' });
      expect(res.json()).toMatchObject({ code: 'PREDECESSOR_NOT_DONE' });
      res = await patch('feasibility', { actualOn: '2025-05-01' });
      expect(res.statusCode).toBe(200);
      // Moving the predecessor after its successor is refused as well.
      expect((await patch('application', { actualOn: '2025-06-01' })).json()).toMatchObject({ code: 'PREDECESSOR_NOT_DONE' });
      const d = res.json() as ProjectDetail;
      expect(d.milestones.find((m) => m.code === 'feasibility')).toMatchObject({ actualOn: '2025-05-01', overdueDays: null });
      expect(d.lightReasons[0]).not.toMatchObject({ node: 'application' });
      expect((await patch('nonexistent', { actualOn: '2025-05-01' })).statusCode).toBe(404);
    });

    it('moves stages forward freely and back only with a reason, keeping the history', async () => {
      let res = await head.send('POST', `/api/projects/${projectId}/stage`, { stage: 'preparation' });
      expect(res.json()).toMatchObject({ code: 'STAGE_REASON_REQUIRED' });
      res = await head.send('POST', `/api/projects/${projectId}/stage`, { stage: 'preparation', reason: '施工许可被撤销' });
      expect(res.statusCode, res.body).toBe(200);
      res = await head.send('POST', `/api/projects/${projectId}/stage`, { stage: 'construction', on: '2026-11-20' });
      const d = res.json() as ProjectDetail;
      expect(d.stageHistory.map((h) => h.toStage)).toEqual(['construction', 'preparation', 'construction']);
      expect(d.stageHistory[1]).toMatchObject({ fromStage: 'construction', reason: '施工许可被撤销' });
    });

    it('takes an investment report from the enterprise draft to the department’s approval', async () => {
      const put = (c: Client, body: Record<string, unknown>) => c.send('PUT', `/api/projects/${projectId}/reports`, body);
      // The owner enterprise files; a stranger may not; a ten-day period on a monthly project is refused.
      expect((await put(outsider, { period: '2026-10', planned: '3000', completed: '2800' })).statusCode).toBe(404);
      expect((await put(firm, { period: '2026-10-1', planned: '3000', completed: '2800' })).statusCode).toBe(400);
      expect((await put(firm, { period: '2026-12', planned: '3000', completed: '2800' })).json()).toMatchObject({ code: 'DATE_IN_FUTURE' });
      expect((await put(firm, { period: '2026-10', planned: '3000', completed: '130000' })).json()).toMatchObject({ code: 'INVESTMENT_OVERRUN' });
      let res = await put(firm, { period: '2026-10', planned: '3000', completed: '2800.10', physicalProgress: '主体施工至5层' });
      expect(res.statusCode, res.body).toBe(200);
      let r = res.json() as InvestmentReport;
      expect(r).toMatchObject({ status: 'draft', planned: '3000.00', completed: '2800.10', ytdCompleted: '2800.10' });
      // A draft does not count; the department cannot approve a draft.
      expect((await head.get(`/api/projects/${projectId}`)).json()).toMatchObject({ ytdCompleted: '0.00' });
      expect((await head.send('POST', `/api/investment-reports/${r.id}/review`, { decision: 'approve' })).statusCode).toBe(409);
      res = await firm.send('POST', `/api/investment-reports/${r.id}/submit`);
      expect(res.json()).toMatchObject({ status: 'submitted' });
      // The enterprise may not approve its own report; returning needs a reason.
      expect((await firm.send('POST', `/api/investment-reports/${r.id}/review`, { decision: 'approve' })).statusCode).toBe(403);
      expect((await head.send('POST', `/api/investment-reports/${r.id}/review`, { decision: 'return' })).statusCode).toBe(400);
      const queue = (await head.get('/api/investment-reports?status=submitted')).json();
      expect(queue.items.map((x: InvestmentReport) => x.id)).toEqual([r.id]);
      res = await head.send('POST', `/api/investment-reports/${r.id}/review`, { decision: 'approve' });
      expect(res.statusCode, res.body).toBe(200);
      r = res.json();
      expect(r.status).toBe('approved');
      expect((await firm.get(`/api/investment-reports/${r.id}`)).json()).toMatchObject({ status: 'approved', reviewedByName: '测试用户' });
      expect((await outsider.get(`/api/investment-reports/${r.id}`)).statusCode).toBe(404);
      const p = (await head.get(`/api/projects/${projectId}`)).json() as ProjectDetail;
      expect(p).toMatchObject({
        ytdCompleted: '2800.10',
        ytdPlanned: '3000.00',
        completedTotal: '2800.10',
        lastApprovedPeriod: '2026-10',
        annualPercent: 7.8,
        totalPercent: 2.3,
      });
      // An approved month is closed.
      expect((await put(firm, { period: '2026-10', planned: '1', completed: '1' })).json()).toMatchObject({ code: 'REPORT_ALREADY_APPROVED' });
      const audit = await queryRows<{ action: string }>(env.database.db, sql`select action from audit_log where entity_type = 'investmentReport' order by seq`);
      expect(audit.map((a) => a.action)).toEqual(['project.report.save', 'project.report.submit', 'project.report.approve']);
    });

    it('shows a project to its linked leader and its owner, not to strangers', async () => {
      expect((await outsider.get(`/api/projects/${projectId}`)).statusCode).toBe(404);
      expect((await outsider.get('/api/projects')).json().total).toBe(0);
      const forLeader = (await leader.get('/api/projects')).json();
      expect(forLeader.items.map((x: { id: string }) => x.id)).toContain(projectId);
      const forFirm = (await firm.get('/api/projects')).json();
      expect(forFirm.total).toBe(2);
      const d = (await firm.get(`/api/projects/${projectId}`)).json() as ProjectDetail;
      expect(d.can).toEqual({ edit: false, report: true, approve: false, raiseBlocker: true });
      // Staff without field.phone / field.personName see the contacts masked; the department head sees them.
      const masked = (await staff.get(`/api/projects/${projectId}`)).json() as ProjectDetail;
      expect(masked.units[0]).toMatchObject({ contactName: '李*', contactPhone: '138****0001' });
      expect((await head.get(`/api/projects/${projectId}`)).json().units[0]).toMatchObject({ contactPhone: '13800000001' });
      expect((await firm.send('PATCH', `/api/projects/${projectId}`, { name: 'x' })).statusCode).toBe(403);
    });

    it('raises a blocker as a ledger item of the project', async () => {
      const res = await leader.send('POST', `/api/projects/${projectId}/blockers`, {
        title: '110kV线路迁改滞后',
        leadUnitId: bureau.id,
        deadline: '2026-12-20',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().item).toMatchObject({ projectId, source: 'projectBlocker', ledgerKind: 'blocker' });
      const items = (await staff.get(`/api/ledger-items?projectId=${projectId}`)).json();
      expect(items.total).toBe(1);
      expect((await head.get(`/api/projects/${projectId}`)).json().openBlockers).toBe(1);
    });

    it('computes the year lists, pipeline, map, board and dashboard from the stored projects', async () => {
      const lists = (await head.get('/api/projects/year-lists?year=2026&kind=newlyStarted')).json();
      expect(lists.summary.newlyStarted.count).toBe(1);
      expect(lists.items[0]).toMatchObject({ id: projectId, on: '2026-11-20' });
      expect(lists.totalInvestment).toBe('120000.00');
      const pipe = (await head.get('/api/projects/pipeline')).json();
      expect(pipe.groups.find((g: { group: string }) => g.group === 'landed')).toMatchObject({ count: 2, totalInvestment: '240000.00' });
      const map = (await head.get('/api/projects/map?light=red,yellow,green')).json();
      expect(map.points.map((pt: unknown[]) => pt[0])).toContain(projectId);
      // No tile server configured: the map draws only the bundled base layer.
      expect((await head.get('/api/geo/layers')).json().tileUrl).toBeNull();
      const board = (await head.get('/api/projects/board')).json();
      expect(board.nodes).toHaveLength(20);
      expect(board.rows.find((row: { id: string }) => row.id === projectId).cells[1]).toMatchObject({ code: 'feasibility', actualOn: '2025-05-01' });
      const dash = (await head.get('/api/projects/dashboard?year=2026')).json();
      expect(dash.totals).toMatchObject({ count: 2, totalInvestment: '240000.00', ytdCompleted: '2800.10' });
      expect(dash.monthly[9]).toMatchObject({ month: 10, planned: '3000.00', completed: '2800.10' });
    });

    it('records a concentrated start batch with its headline figures', async () => {
      const res = await head.send('POST', '/api/ceremonies', {
        name: '2026年第四季度集中开工',
        heldOn: '2026-11-20',
        projects: [{ projectId, role: 'start' }],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ count: 1, totalInvestment: '120000.00', byRole: { start: { count: 1 } } });
      const twice = await head.send('POST', '/api/ceremonies', {
        name: 'x',
        heldOn: '2026-11-20',
        projects: [
          { projectId, role: 'start' },
          { projectId, role: 'completion' },
        ],
      });
      expect(twice.statusCode).toBe(400);
    });
  });
}
