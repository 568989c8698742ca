// The leaders' cockpit over HTTP (issue 9): with records seeded in every module, each tile's figures equal the
// hand-computed ones; a tile is absent without its module's read permission; a department head (unitTree) sees only
// their subtree's projects, ledger items, leads and service rounds; 403 without cockpit.view; the cockpit agrees
// with the module endpoints (projects dashboard, safety map) on the same database. Today is 2026-11-23 (Shanghai).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentScheme, Cockpit } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows, type Db } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

type Unit = { id: string; name: string };

const one = async (db: Db, q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, q))[0]!.id;

interface ProjectSeed {
  unitId: string;
  name: string;
  light: string;
  stage?: string;
  planYear?: number;
  annualPlan: number;
  ytd: number;
  total: number;
  startedOn?: string;
  productionOn?: string;
  reserveOn?: string;
  /** An unfinished milestone planned on this day. */
  nodeOn?: string;
}

async function project(db: Db, s: ProjectSeed): Promise<string> {
  const id = await one(
    db,
    sql`insert into projects (name, level, industry, category, nature, investor_type, stage, owner_name, lead_unit_id, total_investment, plan_year,
          annual_plan, ytd_completed, light, actual_start_on, production_on, reserve_on)
        values (${s.name}, 'city', 'petrochemical', 'industry', 'new', 'private', ${s.stage ?? 'construction'}, ${`${s.name}业主`}, ${s.unitId},
          ${s.total}, ${s.planYear ?? 2026}, ${s.annualPlan}, ${s.ytd}, ${s.light}, ${s.startedOn ?? null}, ${s.productionOn ?? null}, ${s.reserveOn ?? null})
        returning id`,
  );
  if (s.nodeOn)
    await db.execute(
      sql`insert into project_milestones (project_id, seq, code, name, name_en, planned_on) values (${id}, 1, 'start', '进场', 'Site entry', ${s.nodeOn})`,
    );
  return id;
}

let seq = 0;
async function item(db: Db, ledgerId: string, unitId: string, light: string, deadline: string, status = 'inProgress', parentId: string | null = null) {
  seq++;
  return one(
    db,
    sql`insert into ledger_items (ledger_id, parent_id, seq, code, title, source, lead_unit_id, deadline, status, light, assigned_at)
        values (${ledgerId}, ${parentId}, ${seq}, ${`DB-${seq}`}, ${`事项${seq}`}, 'leaderInstruction', ${unitId}, ${deadline}, ${status}, ${light}, '2026-09-01T01:00:00Z')
        returning id`,
  );
}

const ledger = (db: Db, kind: string, code: string, supervisorUnitId: string) =>
  one(db, sql`insert into ledgers (kind, code, name, supervisor_unit_id) values (${kind}, ${code}, ${code}, ${supervisorUnitId}) returning id`);

for (const engine of engines()) {
  describe(`cockpit on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let db: Db;
    const u = {} as Record<'office' | 'a' | 'a1' | 'b', Unit>;
    const c = {} as Record<'leader' | 'head' | 'staff' | 'assessor', Client>;
    const ids = {} as Record<'pA' | 'pA1' | 'pB' | 's1' | 's2' | 'r1' | 'runQ3', string>;
    const cockpitOf = async (client: Client) => {
      const res = await client.get('/api/cockpit');
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Cockpit;
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      db = env.database.db;
      u.office = await buildUnit(db, { name: '督查室', kind: 'office' });
      u.a = await buildUnit(db, { name: '规划建设局' });
      u.a1 = await buildUnit(db, { name: '规划科', parentId: u.a.id, kind: 'section' });
      u.b = await buildUnit(db, { name: '经济发展局' });
      await buildUser(db, { username: 'ck-leader', unitId: u.office.id, roles: ['leader'] });
      const head = await buildUser(db, { username: 'ck-head', unitId: u.a.id, roles: ['deptAdmin'] });
      await buildUser(db, { username: 'ck-staff', unitId: u.a.id, roles: ['staff'] });
      await buildUser(db, { username: 'ck-assessor', unitId: u.office.id, roles: ['assessor'] });
      for (const k of ['leader', 'head', 'staff', 'assessor'] as const) c[k] = await login(app.app, `ck-${k}`);

      // Projects of 2026 (one of 2025's plan): A red (node 10 days late), A1 yellow, B red (node 3 days late), B none.
      ids.pA = await project(db, {
        unitId: u.a.id,
        name: '疏港公路',
        light: 'red',
        annualPlan: 1000,
        ytd: 600,
        total: 5000,
        startedOn: '2026-08-01',
        nodeOn: '2026-11-13',
      });
      ids.pA1 = await project(db, {
        unitId: u.a1.id,
        name: '古雷大道改造',
        light: 'yellow',
        annualPlan: 500,
        ytd: 100,
        total: 2000,
        startedOn: '2026-09-01',
        reserveOn: '2026-02-01',
      });
      ids.pB = await project(db, {
        unitId: u.b.id,
        name: '新材料产业园',
        light: 'red',
        annualPlan: 1500,
        ytd: 300,
        total: 8000,
        startedOn: '2026-07-10',
        productionOn: '2026-06-01',
        nodeOn: '2026-11-20',
      });
      await project(db, { unitId: u.b.id, name: '物流园二期', light: 'none', stage: 'planned', planYear: 2025, annualPlan: 700, ytd: 700, total: 1000 });

      // Supervision (督查督办) and rectification items; a closed one, a sub-item, a blocker and request items do not count.
      const L1 = await ledger(db, 'supervision', 'DC2026', u.office.id);
      const L2 = await ledger(db, 'rectification', 'ZG2026', u.office.id);
      const L3 = await ledger(db, 'blocker', 'ZGZ2026', u.office.id);
      const LR = await ledger(db, 'request', 'QYSQ2026', u.office.id);
      ids.s1 = await item(db, L1, u.a.id, 'red', '2026-11-03');
      ids.s2 = await item(db, L1, u.b.id, 'red', '2026-11-18');
      await item(db, L1, u.b.id, 'yellow', '2026-11-25');
      await item(db, L1, u.a1.id, 'green', '2026-12-30');
      await item(db, L1, u.b.id, 'red', '2026-10-01', 'closed');
      await item(db, L1, u.b.id, 'red', '2026-10-01', 'inProgress', ids.s1);
      ids.r1 = await item(db, L2, u.b.id, 'red', '2026-10-24');
      await item(db, L3, u.a.id, 'red', '2026-10-01');

      // Enterprise requests: rounds of 2026 (A on time and satisfied; B late and dissatisfied; B not yet answered, past
      // its response time) and one of 2025 still open.
      const ent = await one(db, sql`insert into enterprises (name, uscc) values ('古雷石化', '91350623MA30000010') returning id`);
      const request = async (unitId: string, status: string, round: Record<string, string | boolean | null>) => {
        const itemId = await item(db, LR, unitId, 'green', '2026-12-31');
        const id = await one(
          db,
          sql`insert into service_requests (item_id, enterprise_id, category, kind, title, content, filed_via, filed_at, status, unit_id)
              values (${itemId}, ${ent}, 'policy', 'ordinary', '政策咨询', '内容', 'cadre', ${round.startedAt as string}, ${status}, ${unitId}) returning id`,
        );
        await db.execute(
          sql`insert into service_request_rounds (request_id, round, unit_id, started_at, response_due_at, responded_at, completion_due_on, completed_on, rating, resolved)
              values (${id}, 1, ${unitId}, ${round.startedAt as string}, ${round.responseDueAt as string}, ${round.respondedAt}, ${round.completionDueOn as string},
                ${round.completedOn}, ${round.rating}, ${round.resolved})`,
        );
      };
      const r = (o: Partial<Record<string, string | boolean | null>>) => ({ respondedAt: null, completedOn: null, rating: null, resolved: null, ...o });
      await request(
        u.a.id,
        'closed',
        r({
          startedAt: '2026-03-01T01:00:00Z',
          responseDueAt: '2026-03-02T01:00:00Z',
          respondedAt: '2026-03-01T05:00:00Z',
          completionDueOn: '2026-03-10',
          completedOn: '2026-03-09',
          rating: 'satisfied',
          resolved: true,
        }),
      );
      await request(
        u.b.id,
        'closed',
        r({
          startedAt: '2026-05-01T01:00:00Z',
          responseDueAt: '2026-05-02T01:00:00Z',
          respondedAt: '2026-05-03T01:00:00Z',
          completionDueOn: '2026-05-10',
          completedOn: '2026-05-12',
          rating: 'dissatisfied',
          resolved: false,
        }),
      );
      await request(u.b.id, 'accepted', r({ startedAt: '2026-11-20T01:00:00Z', responseDueAt: '2026-11-21T01:00:00Z', completionDueOn: '2026-12-01' }));
      await request(u.a.id, 'dispatched', r({ startedAt: '2025-12-20T01:00:00Z', responseDueAt: '2025-12-21T01:00:00Z', completionDueOn: '2026-01-05' }));

      // Leads of one team: negotiating (A), signed this year (B), in place (A, signed last year, capital in place this
      // year), signed this year (A).
      const team = await one(db, sql`insert into promotion_teams (name) values ('石化招商组') returning id`);
      let n = 0;
      const lead = async (
        unitId: string,
        stage: string,
        planned: number,
        signed?: { on: string; amount: number },
        capital?: { amount: number; at: string },
      ) => {
        n++;
        const id = await one(
          db,
          sql`insert into promotion_leads (code, company, company_key, country_region, industry, source, owner_user_id, owner_unit_id, team_id, stage,
                registered_on, planned_investment, signed_on, signed_amount, capital_in_place)
              values (${`ZS-${n}`}, ${`客商${n}`}, ${`k${n}`}, 'CN', 'petrochemical', 'visit', ${head.id}, ${unitId}, ${team}, ${stage}, '2025-05-01', ${planned},
                ${signed?.on ?? null}, ${signed?.amount ?? null}, ${capital?.amount ?? null}) returning id`,
        );
        if (capital)
          await db.execute(sql`insert into promotion_lead_events (lead_id, kind, to_value, at) values (${id}, 'stage', 'capitalInPlace', ${capital.at})`);
      };
      await lead(u.a.id, 'negotiating', 100);
      await lead(u.b.id, 'signed', 300, { on: '2026-04-10', amount: 250 });
      await lead(u.a.id, 'capitalInPlace', 500, { on: '2025-06-01', amount: 400 }, { amount: 120, at: '2026-09-01T01:00:00Z' });
      await lead(u.a.id, 'signed', 90, { on: '2026-10-01', amount: 80 });

      // Safety: open alarms red 1, orange 2 (one enterprise), yellow 1 (another); a closed one, one of a deleted
      // enterprise and a park alarm without an enterprise are not on the map.
      const e2 = await one(db, sql`insert into enterprises (name, uscc) values ('腾龙芳烃', '91350623MA30000029') returning id`);
      const gone = await one(db, sql`insert into enterprises (name, uscc, deleted_at) values ('已注销', '91350623MA30000037', now()) returning id`);
      let alarms = 0;
      // (One open alarm per point, device or plate and rule: each its own plate here.)
      const alarm = (enterpriseId: string | null, level: string, closed = false) =>
        db.execute(
          sql`insert into safety_alarms (enterprise_id, plate, rule, level, raised_at, closed_at)
            values (${enterpriseId}, ${`闽E0000${++alarms}`}, 'overspeed', ${level}, '2026-11-22T01:00:00Z',
            ${closed ? sql`'2026-11-22T02:00:00Z'::timestamptz` : null})`,
        );
      await alarm(ent, 'red');
      await alarm(ent, 'orange');
      await alarm(ent, 'orange');
      await alarm(e2, 'yellow');
      await alarm(e2, 'blue', true);
      await alarm(gone, 'red');
      await alarm(null, 'blue');

      // In the park: two hazmat vehicles, one unregistered, three people; one vehicle and one person have left.
      const truck = (plate: string) => one(db, sql`insert into park_vehicles (plate, category) values (${plate}, 'hazmat') returning id`);
      const visit = (kind: string, o: { vehicleId?: string; plate?: string; code?: string; left?: boolean }) =>
        db.execute(
          sql`insert into park_visits (subject_kind, vehicle_id, plate, person_code, entered_at, exited_at)
              values (${kind}, ${o.vehicleId ?? null}, ${o.plate ?? null}, ${o.code ?? null}, '2026-11-23T00:00:00Z', ${o.left ? sql`'2026-11-23T00:30:00Z'::timestamptz` : null})`,
        );
      await visit('vehicle', { vehicleId: await truck('闽E10001'), plate: '闽E10001' });
      await visit('vehicle', { vehicleId: await truck('闽E10002'), plate: '闽E10002' });
      await visit('vehicle', { plate: '闽E99999' });
      await visit('vehicle', { vehicleId: await truck('闽E10003'), plate: '闽E10003', left: true });
      for (const code of ['P1', 'P2', 'P3']) await visit('person', { code });
      await visit('person', { code: 'P4', left: true });

      // Competitions: a quarterly scheme (projects started, relative: A 2 with its section, B 1) run for 2026-Q3, and a
      // monthly one run for 2026-08, which ended earlier.
      const scheme = async (name: string, periodKind: string) => {
        const res = await c.assessor.send('POST', '/api/assessments/schemes', {
          name,
          periodKind,
          participantKind: 'unit',
          redFlagTopN: 1,
          appealWorkingDays: 3,
          dimensions: [
            { id: 'started', category: 'compare', name: '项目开工', weight: 100, method: 'auto', metric: 'projectsStarted', scoring: { kind: 'relative' } },
          ],
          participants: [{ unitId: u.a.id }, { unitId: u.b.id }],
          panel: [],
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as AssessmentScheme;
      };
      const quarterly = await scheme('“三百”劳动竞赛', 'quarter');
      const monthly = await scheme('月度比拼', 'month');
      const run = async (schemeId: string, period: string) => {
        const res = await c.assessor.send('POST', '/api/assessments/runs', { schemeId, period });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().id as string;
      };
      ids.runQ3 = await run(quarterly.id, '2026-Q3');
      await run(monthly.id, '2026-08');
    });
    afterAll(async () => env?.close());

    it('answers every tile with the hand-computed figures for a leader', async () => {
      const k = await cockpitOf(c.leader);
      expect(k.at).toBe('2026-11-23T01:00:00.000Z');
      expect(k.projects).toEqual({
        year: 2026,
        count: 4,
        annualPlan: '3000.00',
        ytdCompleted: '1000.00',
        annualPercent: 33.3,
        byLight: [
          { light: 'green', count: 0 },
          { light: 'yellow', count: 1 },
          { light: 'red', count: 2 },
          { light: 'none', count: 1 },
        ],
        yearLists: {
          newlyStarted: { count: 3, totalInvestment: '15000.00' },
          newlyProducing: { count: 1, totalInvestment: '8000.00' },
          newReserve: { count: 1, totalInvestment: '2000.00' },
        },
        topDelayed: [
          { id: ids.pA, name: '疏港公路', leadUnitName: '规划建设局', light: 'red', overdueDays: 10 },
          { id: ids.pB, name: '新材料产业园', leadUnitName: '经济发展局', light: 'red', overdueDays: 3 },
        ],
      });
      expect(k.supervision).toEqual({
        open: 5,
        red: 3,
        yellow: 1,
        overdueByUnit: [
          { unitId: u.b.id, unitName: '经济发展局', open: 3, red: 2 },
          { unitId: u.a.id, unitName: '规划建设局', open: 1, red: 1 },
          { unitId: u.a1.id, unitName: '规划科', open: 1, red: 0 },
        ],
        redItems: [
          { id: ids.r1, ledgerKind: 'rectification', title: expect.any(String), unitName: '经济发展局', dueOn: '2026-10-24', overdueDays: 30 },
          { id: ids.s1, ledgerKind: 'supervision', title: expect.any(String), unitName: '规划建设局', dueOn: '2026-11-03', overdueDays: 20 },
          { id: ids.s2, ledgerKind: 'supervision', title: expect.any(String), unitName: '经济发展局', dueOn: '2026-11-18', overdueDays: 5 },
        ],
      });
      // Rounds of 2026: response 1 of 3 on time (one past its time unanswered), completion 1 of 2, satisfied 1 of 2.
      expect(k.service).toEqual({
        from: '2026-01-01',
        to: '2026-11-23',
        requests: 3,
        open: 2,
        onTimeResponse: { count: 1, of: 3, rate: expect.closeTo(33.333, 3) },
        onTimeCompletion: { count: 1, of: 2, rate: 50 },
        satisfaction: { count: 1, of: 2, rate: 50 },
      });
      expect(k.promotion).toEqual({
        funnel: [
          { stage: 'lead', count: 0, plannedInvestment: '0.00' },
          { stage: 'negotiating', count: 1, plannedInvestment: '100.00' },
          { stage: 'signed', count: 2, plannedInvestment: '390.00' },
          { stage: 'preStart', count: 0, plannedInvestment: '0.00' },
          { stage: 'started', count: 0, plannedInvestment: '0.00' },
          { stage: 'capitalInPlace', count: 1, plannedInvestment: '500.00' },
          { stage: 'production', count: 0, plannedInvestment: '0.00' },
        ],
        signings: { year: 2026, count: 2, signedInvestment: '330.00', capitalInPlace: '120.00' },
      });
      expect(k.safety).toEqual({ openAlarms: { red: 1, orange: 2, yellow: 1, blue: 0 } });
      expect(k.park).toMatchObject({ vehicles: 3, people: 3 });
      expect(new Map(k.park!.vehiclesByCategory.map((v) => [v.category, v.count]))).toEqual(
        new Map([
          ['hazmat', 2],
          ['unregistered', 1],
        ]),
      );
      // No approved figure of the zone yet: no month, no indicators.
      expect(k.economy).toEqual({ month: null, indicators: [], summary: { first: 0, second: 0, ranked: 0, belowTarget: 0, alert: 0 } });
      // The quarterly run ended last (09-30 after 08-31): A 2 starts = 100 points, B 1 = 50; the red flag to A.
      expect(k.competition).toMatchObject({ runId: ids.runQ3, schemeName: '“三百”劳动竞赛', period: '2026-Q3', status: 'scoring' });
      expect(k.competition!.rows.map(({ name, total, rank, tied, redFlag }) => ({ name, total, rank, tied, redFlag }))).toEqual([
        { name: '规划建设局', total: 100, rank: 1, tied: false, redFlag: true },
        { name: '经济发展局', total: 50, rank: 2, tied: false, redFlag: false },
      ]);
    });

    it('shows a department head their subtree only, without the tiles of modules they may not read', async () => {
      const k = await cockpitOf(c.head);
      // deptAdmin: cockpit.view without safety.read and park.read.
      expect(Object.keys(k).sort()).toEqual(['at', 'competition', 'economy', 'projects', 'promotion', 'service', 'supervision']);
      expect(k.projects).toMatchObject({
        count: 2,
        annualPlan: '1500.00',
        ytdCompleted: '700.00',
        annualPercent: 46.7,
        yearLists: {
          newlyStarted: { count: 2, totalInvestment: '7000.00' },
          newlyProducing: { count: 0, totalInvestment: '0.00' },
          newReserve: { count: 1, totalInvestment: '2000.00' },
        },
      });
      expect(k.projects!.byLight.filter((b) => b.count)).toEqual([
        { light: 'yellow', count: 1 },
        { light: 'red', count: 1 },
      ]);
      expect(k.projects!.topDelayed.map((p) => p.id)).toEqual([ids.pA]);
      expect(k.supervision).toMatchObject({
        open: 2,
        red: 1,
        yellow: 0,
        overdueByUnit: [
          { unitId: u.a.id, unitName: '规划建设局', open: 1, red: 1 },
          { unitId: u.a1.id, unitName: '规划科', open: 1, red: 0 },
        ],
      });
      expect(k.supervision!.redItems.map((i) => i.id)).toEqual([ids.s1]);
      expect(k.service).toMatchObject({
        requests: 1,
        open: 1,
        onTimeResponse: { count: 1, of: 1, rate: 100 },
        onTimeCompletion: { count: 1, of: 1, rate: 100 },
        satisfaction: { count: 1, of: 1, rate: 100 },
      });
      expect(k.promotion!.funnel.filter((s) => s.count)).toEqual([
        { stage: 'negotiating', count: 1, plannedInvestment: '100.00' },
        { stage: 'signed', count: 1, plannedInvestment: '90.00' },
        { stage: 'capitalInPlace', count: 1, plannedInvestment: '500.00' },
      ]);
      expect(k.promotion!.signings).toEqual({ year: 2026, count: 1, signedInvestment: '80.00', capitalInPlace: '120.00' });
    });

    it('refuses a caller without cockpit.view', async () => {
      const res = await c.staff.get('/api/cockpit');
      expect(res.statusCode).toBe(403);
      expect((await app.app.inject({ method: 'GET', url: '/api/cockpit' })).statusCode).toBe(401);
    });

    it('agrees with the module endpoints on the same database', async () => {
      for (const client of [c.leader, c.head]) {
        const k = await cockpitOf(client);
        const dash = (await client.get('/api/projects/dashboard?year=2026')).json();
        expect(k.projects).toMatchObject({ count: dash.totals.count, annualPercent: dash.totals.annualPercent });
        expect([Number(k.projects!.annualPlan), Number(k.projects!.ytdCompleted)]).toEqual([Number(dash.totals.annualPlan), Number(dash.totals.ytdCompleted)]);
        for (const b of dash.byLight as { key: string; count: number }[]) expect(k.projects!.byLight.find((x) => x.light === b.key)?.count).toBe(b.count);
        const lists = (await client.get('/api/projects/year-lists?year=2026&kind=newlyStarted')).json();
        for (const [kind, x] of Object.entries(lists.summary as Record<string, { count: number; totalInvestment: string }>))
          expect(k.projects!.yearLists[kind as keyof NonNullable<Cockpit['projects']>['yearLists']]).toEqual({
            count: x.count,
            totalInvestment: Number(x.totalInvestment).toFixed(2),
          });
      }
      const map = await c.leader.get('/api/safety/map');
      expect(map.statusCode).toBe(200);
      expect((await cockpitOf(c.leader)).safety!.openAlarms).toEqual(map.json().counts);
      const counts = (await c.leader.get('/api/park/visits/counts')).json();
      expect({ ...(await cockpitOf(c.leader)).park, at: null }).toEqual({ ...counts, at: null });
    });
  });
}
