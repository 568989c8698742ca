// Assessments end to end over HTTP, a quarter (2026-Q3) of a "三百" competition among four bureaus: the automatic
// scores computed from seeded projects and supervision tasks equal the hand-computed points; the panel scores (a member
// never scores their own unit, a non-member not at all); publication waits for every panel score; an appeal within the
// window changes a score and the ranking (audited with before and after), one after it is refused; the lock waits for
// open appeals; the red flag goes to the top unit and enters the history; ties are stated; breakdowns show the lost
// points with their records to the unit's own members and to leaders only; scheme rules and permissions.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentAppeal, AssessmentBreakdown, AssessmentRun, AssessmentScheme, AssessmentScore } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows, type Db } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

type Unit = { id: string; name: string };

/** A key project led by `unitId`, started on `startedOn` (null: not started). */
async function project(db: Db, unitId: string, name: string, startedOn: string | null): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into projects (name, level, industry, category, nature, investor_type, stage, owner_name, lead_unit_id, total_investment, plan_year, actual_start_on)
        values (${name}, 'city', 'petrochemical', 'industry', 'new', 'private', 'construction', ${`${name}业主`}, ${unitId}, 10000, 2026, ${startedOn})
        returning id`,
  );
  return row!.id;
}

let seq = 0;
/** A top-level task of a supervision ledger led by `unitId`: created on its first event, then moved through the others. */
async function task(db: Db, ledgerId: string, unitId: string, deadline: string, events: [string, string][]): Promise<string> {
  seq++;
  const last = events[events.length - 1]![1];
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into ledger_items (ledger_id, seq, code, title, source, lead_unit_id, deadline, status, assigned_at, closed_at)
        values (${ledgerId}, ${seq}, ${`DB-${seq}`}, ${`督办事项${seq}`}, 'leaderInstruction', ${unitId}, ${deadline}, ${last},
                ${events[0]![0]}::timestamptz, ${last === 'closed' ? sql`${events[events.length - 1]![0]}::timestamptz` : null})
        returning id`,
  );
  for (const [i, [at, to]] of events.entries()) {
    await db.execute(
      sql`insert into ledger_events (item_id, at, kind, from_status, to_status)
          values (${row!.id}, ${at}::timestamptz, ${i === 0 ? 'created' : 'transition'}, ${i === 0 ? null : events[i - 1]![1]}, ${to})`,
    );
  }
  return row!.id;
}

for (const engine of engines()) {
  describe(`assessments on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let db: Db;
    const u = {} as Record<'office' | 'a' | 'a1' | 'b' | 'c' | 'e' | 'd', Unit>;
    const ids = {} as Record<'p1' | 'p2', string>;
    const people = ['office', 'p1', 'p2', 'outsider', 'staffA1', 'staffB', 'staffC', 'leader', 'auditor'] as const;
    const c = {} as Record<(typeof people)[number], Client>;
    const projects = {} as Record<'a' | 'a1' | 'b' | 'e', string>;
    const tasks = {} as Record<'b' | 'c1' | 'c2' | 'e', string>;
    let scheme: AssessmentScheme;
    let run: AssessmentRun;
    const pid = {} as Record<'a' | 'b' | 'c' | 'e', string>;

    const signIn = async () => {
      for (const name of people) c[name] = await login(app.app, `as-${name.toLowerCase()}`);
    };
    const getRun = async (client: Client = c.office) => {
      const res = await client.get(`/api/assessments/runs/${run.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as AssessmentRun;
    };
    const totals = (r: AssessmentRun) => Object.fromEntries(r.results.map((x) => [x.name, x.total]));
    const ranks = (r: AssessmentRun) => Object.fromEntries(r.results.map((x) => [x.name, { rank: x.rank, tied: x.tied, redFlag: x.redFlag }]));
    const score = (client: Client, participantId: string, dimensionId: string, given: { points?: number; grade?: string }, comment = '按评分细则打分') =>
      client.send('PUT', `/api/assessments/runs/${run.id}/scores`, { participantId, dimensionId, ...given, comment });

    const schemeBody = () => ({
      name: '“三百”劳动竞赛',
      periodKind: 'quarter',
      participantKind: 'unit',
      redFlagTopN: 1,
      appealWorkingDays: 3,
      dimensions: [
        { id: 'started', category: 'compare', name: '项目开工', weight: 40, method: 'auto', metric: 'projectsStarted', scoring: { kind: 'relative' } },
        { id: 'overdue', category: 'compare', name: '督办逾期', weight: 30, method: 'auto', metric: 'tasksOverdue', scoring: { kind: 'deduct', perItem: 10 } },
        { id: 'service', category: 'look', name: '服务评价', weight: 20, method: 'panel' },
        { id: 'morale', category: 'create', name: '作风建设', weight: 10, method: 'grade' },
      ],
      participants: [u.a, u.b, u.c, u.e].map((x) => ({ unitId: x.id })),
      panel: [ids.p1, ids.p2],
    });

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      db = env.database.db;
      u.office = await buildUnit(db, { name: '考核办', kind: 'office' });
      u.a = await buildUnit(db, { name: '规划建设局' });
      u.a1 = await buildUnit(db, { name: '规划科', parentId: u.a.id, kind: 'section' });
      u.b = await buildUnit(db, { name: '经济发展局' });
      u.c = await buildUnit(db, { name: '招商服务中心' });
      u.e = await buildUnit(db, { name: '自然资源局' });
      u.d = await buildUnit(db, { name: '党政办' });
      await buildUser(db, { username: 'as-office', unitId: u.office.id, roles: ['assessor'] });
      ids.p1 = (await buildUser(db, { username: 'as-p1', unitId: u.a1.id, roles: ['deptAdmin'], displayName: '评委甲' })).id;
      ids.p2 = (await buildUser(db, { username: 'as-p2', unitId: u.d.id, roles: ['deptAdmin'], displayName: '评委乙' })).id;
      await buildUser(db, { username: 'as-outsider', unitId: u.d.id, roles: ['leader'] });
      await buildUser(db, { username: 'as-staffa1', unitId: u.a1.id, roles: ['staff'] });
      await buildUser(db, { username: 'as-staffb', unitId: u.b.id, roles: ['staff'] });
      await buildUser(db, { username: 'as-staffc', unitId: u.c.id, roles: ['staff'], displayName: '招商中心科员' });
      await buildUser(db, { username: 'as-leader', unitId: u.d.id, roles: ['leader'] });
      await buildUser(db, { username: 'as-auditor', unitId: u.office.id, roles: ['auditor'] });
      await signIn();

      // Projects started (by lead unit, a section counting for its bureau): A 2, B 1, C 0, E 1 within 2026-Q3.
      projects.a = await project(db, u.a.id, '疏港公路', '2026-07-15');
      projects.a1 = await project(db, u.a1.id, '古雷大道改造', '2026-09-30');
      projects.b = await project(db, u.b.id, '新材料产业园', '2026-08-01');
      projects.e = await project(db, u.e.id, '海堤加固', '2026-07-01');
      await project(db, u.c.id, '招商大厦', '2026-06-30'); // the quarter before
      await project(db, u.b.id, '物流园二期', '2026-10-01'); // the quarter after
      await project(db, u.c.id, '人才公寓', null); // not started

      // Supervision tasks overdue at the quarter's end: A 0, B 1, C 2, E 1.
      const [ledger] = await queryRows<{ id: string }>(
        db,
        sql`insert into ledgers (kind, code, name, supervisor_unit_id) values ('supervision', 'KH2026', '督查督办台账', ${u.office.id}) returning id`,
      );
      const L = ledger!.id;
      await task(db, L, u.a1.id, '2026-08-20', [
        ['2026-07-01T01:00:00Z', 'assigned'],
        ['2026-08-18T01:00:00Z', 'closed'],
      ]);
      tasks.b = await task(db, L, u.b.id, '2026-08-15', [
        ['2026-07-01T01:00:00Z', 'assigned'],
        ['2026-07-05T01:00:00Z', 'inProgress'],
      ]);
      tasks.c1 = await task(db, L, u.c.id, '2026-08-10', [['2026-07-02T01:00:00Z', 'assigned']]);
      tasks.c2 = await task(db, L, u.c.id, '2026-09-01', [
        ['2026-07-03T01:00:00Z', 'assigned'],
        ['2026-07-04T01:00:00Z', 'accepted'],
      ]);
      await task(db, L, u.c.id, '2026-08-20', [
        ['2026-07-01T01:00:00Z', 'assigned'],
        ['2026-08-18T01:00:00Z', 'closed'],
      ]); // closed on time
      await task(db, L, u.c.id, '2026-10-15', [['2026-09-01T01:00:00Z', 'assigned']]); // due after the quarter
      tasks.e = await task(db, L, u.e.id, '2026-09-10', [['2026-07-01T01:00:00Z', 'assigned']]);
    });
    afterAll(async () => {
      await env?.close();
    });

    it('checks a scheme: weights, dimensions, participants, and who may define one', async () => {
      const body = schemeBody();
      const weights = await c.office.send('POST', '/api/assessments/schemes', {
        ...body,
        dimensions: body.dimensions.map((d) => ({ ...d, weight: d.id === 'morale' ? 5 : d.weight })),
      });
      expect(weights.statusCode).toBe(422);
      expect(weights.json().code).toBe('ASSESSMENT_WEIGHTS');

      const noMetric = await c.office.send('POST', '/api/assessments/schemes', {
        ...body,
        dimensions: body.dimensions.map((d) => (d.id === 'started' ? { ...d, metric: null } : d.id === 'service' ? { ...d, id: 'overdue' } : d)),
      });
      expect(noMetric.statusCode).toBe(422);
      expect(noMetric.json().code).toBe('ASSESSMENT_DIMENSION_INVALID');
      expect(noMetric.json().details.map((x: { path: string }) => x.path)).toEqual(['body.dimensions.0.metric', 'body.dimensions.2.id']);

      // projectsStarted is counted for units, not for projects
      const projectKind = await c.office.send('POST', '/api/assessments/schemes', {
        ...body,
        participantKind: 'project',
        participants: [{ projectId: projects.a }],
      });
      expect(projectKind.statusCode).toBe(422);
      expect(projectKind.json().code).toBe('ASSESSMENT_DIMENSION_INVALID');

      const badParticipants = await c.office.send('POST', '/api/assessments/schemes', {
        ...body,
        participants: [{ unitId: u.a.id, track: '建设组' }, { unitId: u.a.id }, { projectId: projects.b }, { unitId: randomUUID() }],
      });
      expect(badParticipants.statusCode).toBe(400);
      expect(badParticipants.json().details.map((x: { path: string }) => x.path)).toEqual([
        'body.participants.0.track',
        'body.participants.1',
        'body.participants.2.unitId',
        'body.participants.3.unitId',
      ]);

      const denied = await c.staffB.send('POST', '/api/assessments/schemes', body);
      expect(denied.statusCode).toBe(403);

      const res = await c.office.send('POST', '/api/assessments/schemes', body);
      expect(res.statusCode, res.body).toBe(200);
      scheme = res.json();
      expect(new Set(scheme.participants.map((p) => p.name))).toEqual(new Set(['规划建设局', '经济发展局', '招商服务中心', '自然资源局']));
      // a grade dimension without its table takes the default one
      expect(scheme.dimensions.find((d) => d.id === 'morale')!.gradePoints).toEqual({ excellent: 100, good: 85, fair: 70, poor: 50 });
      expect(scheme.panel.map((m) => m.name).sort()).toEqual(['评委乙', '评委甲'].sort());
      const byName = new Map(scheme.participants.map((p) => [p.name, p.id]));
      Object.assign(pid, { a: byName.get('规划建设局'), b: byName.get('经济发展局'), c: byName.get('招商服务中心'), e: byName.get('自然资源局') });

      const list = (await c.staffB.get('/api/assessments/schemes')).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ id: scheme.id, participantCount: 4, dimensionCount: 4, lastRun: null });
    });

    it('starts a quarter: automatic scores from the seeded records, as hand-computed', async () => {
      const invalid = await c.office.send('POST', '/api/assessments/runs', { schemeId: scheme.id, period: '2026-11' });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().code).toBe('ASSESSMENT_PERIOD_INVALID');
      const future = await c.office.send('POST', '/api/assessments/runs', { schemeId: scheme.id, period: '2027-Q1' });
      expect(future.json().code).toBe('ASSESSMENT_PERIOD_INVALID');
      expect((await c.staffB.send('POST', '/api/assessments/runs', { schemeId: scheme.id, period: '2026-Q3' })).statusCode).toBe(403);

      const res = await c.office.send('POST', '/api/assessments/runs', { schemeId: scheme.id, period: '2026-Q3' });
      expect(res.statusCode, res.body).toBe(200);
      run = res.json();
      expect(run).toMatchObject({ status: 'scoring', periodStart: '2026-07-01', periodEnd: '2026-09-30', appealEndsOn: null });
      expect((await c.office.send('POST', '/api/assessments/runs', { schemeId: scheme.id, period: '2026-Q3' })).json().code).toBe('ASSESSMENT_PERIOD_TAKEN');

      // 项目开工 (relative, 40): A 2 → 40, B 1 → 20, C 0 → 0, E 1 → 20.
      // 督办逾期 (deduct 10 per item from 30): A 0 → 30, B 1 → 20, C 2 → 10, E 1 → 20.
      const dims = Object.fromEntries(run.results.map((r) => [r.name, r.dimensions]));
      expect(dims['规划建设局']).toEqual({ started: 40, overdue: 30, service: null, morale: null });
      expect(dims['经济发展局']).toEqual({ started: 20, overdue: 20, service: null, morale: null });
      expect(dims['招商服务中心']).toEqual({ started: 0, overdue: 10, service: null, morale: null });
      expect(dims['自然资源局']).toEqual({ started: 20, overdue: 20, service: null, morale: null });
      expect(totals(run)).toEqual({ 规划建设局: 70, 经济发展局: 40, 招商服务中心: 10, 自然资源局: 40 });
      // panel: 评委甲 (a section of 规划建设局) scores the other three, 评委乙 all four, on two dimensions
      expect(run.progress).toEqual({ entered: 0, expected: 14 });
      expect(run.can).toEqual({ score: false, appeal: false, manage: true });
      expect((await getRun(c.p1)).can.score).toBe(true);

      // the records behind a value
      const a = (await c.office.get(`/api/assessments/runs/${run.id}/participants/${pid.a}/breakdown`)).json() as AssessmentBreakdown;
      const started = a.dimensions.find((d) => d.dimensionId === 'started')!;
      expect(started.scores).toHaveLength(1);
      expect(started.scores[0]).toMatchObject({ scorerId: null, value: 2, points: 40 });
      expect(started.scores[0]!.inputs!.records.map((r) => r.id).sort()).toEqual([projects.a, projects.a1].sort());
      const c1 = (await c.office.get(`/api/assessments/runs/${run.id}/participants/${pid.c}/breakdown`)).json() as AssessmentBreakdown;
      const overdue = c1.dimensions.find((d) => d.dimensionId === 'overdue')!;
      expect(overdue).toMatchObject({ weight: 30, points: 10, lost: 20 });
      expect(overdue.scores[0]!.inputs!.records.map((r) => r.id).sort()).toEqual([tasks.c1, tasks.c2].sort());
    });

    it('recomputes the automatic scores while scoring, audited with before and after', async () => {
      const late = await project(db, u.c.id, '港口物流中心', '2026-09-20');
      let res = await c.office.send('POST', `/api/assessments/runs/${run.id}/recompute`);
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as AssessmentRun).results.find((r) => r.name === '招商服务中心')!.dimensions.started).toBe(20);
      const [entry] = await queryRows<{
        diff: { changed: { participantId: string; dimensionId: string; from: { points: number }; to: { points: number } }[] };
      }>(db, sql`select diff from audit_log where action = 'assessment.run.recompute' and entity_id = ${run.id} order by seq desc limit 1`);
      expect(entry!.diff.changed).toEqual([{ participantId: pid.c, dimensionId: 'started', from: { value: 0, points: 0 }, to: { value: 1, points: 20 } }]);
      await db.execute(sql`update projects set deleted_at = now() where id = ${late}`);
      res = await c.office.send('POST', `/api/assessments/runs/${run.id}/recompute`);
      expect((res.json() as AssessmentRun).results.find((r) => r.name === '招商服务中心')!.dimensions.started).toBe(0);
    });

    it('takes panel scores: never for the member’s own unit, never from outside the panel', async () => {
      expect((await score(c.outsider, pid.b, 'service', { points: 18 })).json().code).toBe('ASSESSMENT_NOT_PANEL');
      const own = await score(c.p1, pid.a, 'service', { points: 20 });
      expect(own.statusCode).toBe(403);
      expect(own.json().code).toBe('ASSESSMENT_OWN_UNIT');
      expect((await score(c.staffB, pid.c, 'service', { points: 18 })).statusCode).toBe(403); // no assessment.score
      expect((await score(c.p1, pid.b, 'service', { points: 25 })).json().details).toEqual([
        { path: 'body.points', message: "at most 20 (the dimension's weight)" },
      ]);
      expect((await score(c.p1, pid.b, 'morale', { points: 8 })).statusCode).toBe(400);
      expect((await score(c.p1, pid.b, 'started', { points: 8 })).statusCode).toBe(400);

      // not every score entered: publication waits
      expect((await score(c.p1, pid.c, 'service', { points: 11 })).statusCode).toBe(200);
      const early = await c.office.send('POST', `/api/assessments/runs/${run.id}/publish`, {});
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'ASSESSMENT_STATE', details: { entered: 1, expected: 14 } });
      expect((await c.office.get(`/api/assessments/runs/${run.id}/bulletin.docx`)).json().code).toBe('ASSESSMENT_STATE');

      // 服务评价: A 19 (乙 only), B (18+16)/2 = 17, C (16+12)/2 = 14, E (16+18)/2 = 17
      // 作风建设 (10 × 好 100 / 较好 85 / 一般 70): A 10, B 8.5, C (10+7)/2 = 8.5, E 8.5
      const entries: [Client, string, string, { points?: number; grade?: string }][] = [
        [c.p1, pid.b, 'service', { points: 18 }],
        [c.p1, pid.c, 'service', { points: 16 }], // replaces the 11 above
        [c.p1, pid.e, 'service', { points: 16 }],
        [c.p1, pid.b, 'morale', { grade: 'good' }],
        [c.p1, pid.c, 'morale', { grade: 'excellent' }],
        [c.p1, pid.e, 'morale', { grade: 'good' }],
        [c.p2, pid.a, 'service', { points: 19 }],
        [c.p2, pid.b, 'service', { points: 16 }],
        [c.p2, pid.c, 'service', { points: 12 }],
        [c.p2, pid.e, 'service', { points: 18 }],
        [c.p2, pid.b, 'morale', { grade: 'good' }],
        [c.p2, pid.c, 'morale', { grade: 'fair' }],
        [c.p2, pid.e, 'morale', { grade: 'good' }],
      ];
      for (const [client, p, d, given] of entries) {
        const res = await score(client, p, d, given);
        expect(res.statusCode, res.body).toBe(200);
      }
      let r = await getRun();
      expect(r.progress).toEqual({ entered: 13, expected: 14 });
      // the last missing score (规划建设局 has one member to grade it): publication still waits, and the provisional
      // total counts the missing grade as 0
      expect(r.results.find((x) => x.name === '规划建设局')).toMatchObject({ total: 89, dimensions: { morale: null } });
      expect((await c.office.send('POST', `/api/assessments/runs/${run.id}/publish`, {})).statusCode).toBe(409);
      expect((await score(c.p2, pid.a, 'morale', { grade: 'excellent' })).statusCode).toBe(200);
      r = await getRun();
      expect(r.progress).toEqual({ entered: 14, expected: 14 });
      expect(totals(r)).toEqual({ 规划建设局: 99, 经济发展局: 65.5, 招商服务中心: 32.5, 自然资源局: 65.5 });
      const b = (await c.office.get(`/api/assessments/runs/${run.id}/participants/${pid.c}/breakdown`)).json() as AssessmentBreakdown;
      const service = b.dimensions.find((d) => d.dimensionId === 'service')!;
      expect(service.scores.map((s) => [s.scorerName, s.points]).sort()).toEqual([
        ['评委乙', 12],
        ['评委甲', 16],
      ]);
      // a member reads back only their own scores, in one request; without assessment.score: 403
      const mine = (await c.p1.get(`/api/assessments/runs/${run.id}/my-scores`)).json() as { items: AssessmentScore[] };
      expect(mine.items.map((s) => [s.participantId, s.dimensionId, s.grade ?? s.points]).sort()).toEqual(
        [
          [pid.b, 'service', 18],
          [pid.c, 'service', 16],
          [pid.e, 'service', 16],
          [pid.b, 'morale', 'good'],
          [pid.c, 'morale', 'excellent'],
          [pid.e, 'morale', 'good'],
        ].sort(),
      );
      expect(new Set(mine.items.map((s) => s.scorerName))).toEqual(new Set(['评委甲']));
      expect((await c.staffB.get(`/api/assessments/runs/${run.id}/my-scores`)).statusCode).toBe(403);
    });

    it('publishes with the ranking, ties stated, the red flag proposed and the appeal window open', async () => {
      expect((await c.p1.send('POST', `/api/assessments/runs/${run.id}/publish`, {})).statusCode).toBe(403);
      const res = await c.office.send('POST', `/api/assessments/runs/${run.id}/publish`, { highlights: '规划建设局三季度项目开工全面完成。' });
      expect(res.statusCode, res.body).toBe(200);
      run = res.json();
      // published Monday 2026-11-23: three working days to Thursday 2026-11-26
      expect(run).toMatchObject({ status: 'appeal', appealEndsOn: '2026-11-26' });
      expect(ranks(run)).toEqual({
        规划建设局: { rank: 1, tied: false, redFlag: true },
        经济发展局: { rank: 2, tied: true, redFlag: false },
        自然资源局: { rank: 2, tied: true, redFlag: false },
        招商服务中心: { rank: 4, tied: false, redFlag: false },
      });
      expect((await getRun(c.staffC)).can).toEqual({ score: false, appeal: true, manage: false });
      // the participants' members who may appeal are told
      const told = await queryRows<{ kind: string }>(
        db,
        sql`select n.kind from notifications n join users u on u.id = n.user_id where u.username = 'as-staffc'`,
      );
      expect(told.map((n) => n.kind)).toContain('assessments.published');
      // writes of the scoring stage are over
      expect((await score(c.p2, pid.a, 'service', { points: 20 })).json().code).toBe('ASSESSMENT_STATE');
      expect((await c.office.send('POST', `/api/assessments/runs/${run.id}/recompute`)).json().code).toBe('ASSESSMENT_STATE');
    });

    let appealC: AssessmentAppeal;
    let appealService: AssessmentAppeal;

    it('takes an appeal within the window and, accepted, changes the score, the results and the audit', async () => {
      const appeal = (client: Client, participantId: string, dimensionId: string) =>
        client.send('POST', `/api/assessments/runs/${run.id}/appeals`, { participantId, dimensionId, reason: '事项已于期限前办结，系统未及时更新状态' });
      expect((await appeal(c.staffB, pid.c, 'overdue')).statusCode).toBe(403); // not B's own unit
      let res = await appeal(c.staffC, pid.c, 'overdue');
      expect(res.statusCode, res.body).toBe(200);
      appealC = res.json();
      expect(appealC).toMatchObject({ status: 'open', participantName: '招商服务中心', filedBy: '招商中心科员' });
      expect((await appeal(c.staffC, pid.c, 'overdue')).json().code).toBe('CONFLICT');
      expect((await c.staffB.get(`/api/assessments/runs/${run.id}/appeals`)).json().items).toEqual([]);
      expect((await c.p2.get(`/api/assessments/runs/${run.id}/appeals`)).json().items).toHaveLength(1);

      const answer = (client: Client, id: string, body: object) => client.send('POST', `/api/assessments/runs/${run.id}/appeals/${id}/answer`, body);
      expect((await answer(c.staffC, appealC.id, { accept: true, answer: '同意', points: 30 })).statusCode).toBe(403);
      expect((await answer(c.p2, appealC.id, { accept: true, answer: '同意', points: 35 })).statusCode).toBe(400);
      res = await answer(c.p2, appealC.id, { accept: true, answer: '经核实，事项已按期办结，按1项逾期计分', points: 20 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'accepted', pointsBefore: 10, pointsAfter: 20, answeredBy: '评委乙' });
      expect((await answer(c.p2, appealC.id, { accept: false, answer: '重复' })).json().code).toBe('ASSESSMENT_STATE');

      const r = await getRun();
      expect(r.results.find((x) => x.name === '招商服务中心')).toMatchObject({
        total: 42.5,
        rank: 4,
        dimensions: { started: 0, overdue: 20, service: 14, morale: 8.5 },
      });
      // the automatic score keeps its value and records; its points and note changed
      const b = (await c.staffC.get(`/api/assessments/runs/${run.id}/participants/${pid.c}/breakdown`)).json() as AssessmentBreakdown;
      const overdue = b.dimensions.find((d) => d.dimensionId === 'overdue')!;
      expect(overdue).toMatchObject({ points: 20, lost: 10 });
      expect(overdue.scores[0]).toMatchObject({ value: 2, points: 20, comment: '申诉调整：经核实，事项已按期办结，按1项逾期计分' });
      expect(overdue.scores[0]!.inputs!.records).toHaveLength(2);

      // a panel dimension: every member's score takes the answer's points
      appealService = (await appeal(c.staffC, pid.c, 'service')).json();
      res = await answer(c.office, appealService.id, { accept: true, answer: '服务评价偏低，酌情调整', points: 15 });
      expect(res.json()).toMatchObject({ status: 'accepted', pointsBefore: 14, pointsAfter: 15 });
      const b2 = (await c.staffC.get(`/api/assessments/runs/${run.id}/participants/${pid.c}/breakdown`)).json() as AssessmentBreakdown;
      const service = b2.dimensions.find((d) => d.dimensionId === 'service')!;
      expect(service.points).toBe(15);
      expect(service.scores.map((s) => s.points)).toEqual([15, 15]);
      expect(service.scores.every((s) => s.comment!.startsWith('申诉调整：服务评价偏低，酌情调整（原评'))).toBe(true);
      expect(b2.total).toBe(43.5);

      // a section's member appeals for its bureau; a panel member of that bureau does not answer it
      const ofA = (await appeal(c.staffA1, pid.a, 'service')).json() as AssessmentAppeal;
      expect(ofA.status).toBe('open');
      expect((await answer(c.p1, ofA.id, { accept: true, answer: '同意', points: 20 })).json().code).toBe('ASSESSMENT_OWN_UNIT');
      expect((await answer(c.p2, ofA.id, { accept: false, answer: '评分有据，维持' })).json()).toMatchObject({ status: 'rejected', pointsBefore: 19 });

      // the audit shows the changes of the appeal period
      const audit = (await c.auditor.get(`/api/audit?entityId=${run.id}&action=assessment.appeal.answer&sort=seq`)).json();
      expect(audit.items).toHaveLength(3);
      const diffs = audit.items.map((i: { diff: { points: unknown; participantId: string; dimensionId: string } }) => i.diff);
      expect(diffs).toContainEqual(expect.objectContaining({ participantId: pid.c, dimensionId: 'overdue', points: { from: 10, to: 20 } }));
      expect(diffs).toContainEqual(expect.objectContaining({ participantId: pid.c, dimensionId: 'service', points: { from: 14, to: 15 } }));
      expect(diffs).toContainEqual(expect.objectContaining({ participantId: pid.a, dimensionId: 'service', accepted: false, points: { from: 19, to: 19 } }));
    });

    it('refuses appeals after the window and the lock while an appeal is open; the red flag goes to the top unit', async () => {
      // within the window the results do not lock yet
      expect((await c.office.send('POST', `/api/assessments/runs/${run.id}/lock`)).json().code).toBe('ASSESSMENT_STATE');
      const open = await c.staffB.send('POST', `/api/assessments/runs/${run.id}/appeals`, {
        participantId: pid.b,
        dimensionId: 'service',
        reason: '评分依据不充分',
      });
      expect(open.statusCode, open.body).toBe(200);

      env.clock.set(new Date('2026-11-27T01:00:00Z')); // Friday: the window ended yesterday
      await signIn();
      const late = await c.staffC.send('POST', `/api/assessments/runs/${run.id}/appeals`, {
        participantId: pid.c,
        dimensionId: 'morale',
        reason: '作风建设评价偏低',
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('APPEAL_WINDOW_CLOSED');
      expect((await getRun(c.staffC)).can.appeal).toBe(false);
      const refused = await c.office.send('POST', `/api/assessments/runs/${run.id}/lock`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('APPEALS_OPEN');

      // answered after the window (allowed until the lock): rejected, nothing changes
      const answered = await c.p1.send('POST', `/api/assessments/runs/${run.id}/appeals/${open.json().id}/answer`, {
        accept: false,
        answer: '评分符合细则，维持原评',
      });
      expect(answered.json()).toMatchObject({ status: 'rejected', pointsBefore: 17, pointsAfter: null });

      const res = await c.office.send('POST', `/api/assessments/runs/${run.id}/lock`);
      expect(res.statusCode, res.body).toBe(200);
      run = res.json();
      expect(run.status).toBe('locked');
      expect(totals(run)).toEqual({ 规划建设局: 99, 经济发展局: 65.5, 招商服务中心: 43.5, 自然资源局: 65.5 });
      expect(ranks(run)).toEqual({
        规划建设局: { rank: 1, tied: false, redFlag: true },
        经济发展局: { rank: 2, tied: true, redFlag: false },
        自然资源局: { rank: 2, tied: true, redFlag: false },
        招商服务中心: { rank: 4, tied: false, redFlag: false },
      });
      const flags = (await c.staffB.get(`/api/assessments/red-flags?schemeId=${scheme.id}`)).json();
      expect(flags.items).toEqual([
        {
          runId: run.id,
          schemeId: scheme.id,
          schemeName: '“三百”劳动竞赛',
          period: '2026-Q3',
          track: null,
          participantId: pid.a,
          name: '规划建设局',
          total: 99,
        },
      ]);
      const list = (await c.office.get('/api/assessments/schemes')).json();
      expect(list.items[0].lastRun).toEqual({ id: run.id, period: '2026-Q3', status: 'locked' });

      // every write on a locked run is refused
      expect((await score(c.p2, pid.a, 'service', { points: 20 })).json().code).toBe('ASSESSMENT_STATE');
      expect((await c.office.send('POST', `/api/assessments/runs/${run.id}/lock`)).json().code).toBe('ASSESSMENT_STATE');
      expect((await c.office.send('POST', `/api/assessments/runs/${run.id}/publish`, {})).json().code).toBe('ASSESSMENT_STATE');
      const afterLock = await c.staffC.send('POST', `/api/assessments/runs/${run.id}/appeals`, {
        participantId: pid.c,
        dimensionId: 'morale',
        reason: '再次申诉',
      });
      expect(afterLock.json().code).toBe('ASSESSMENT_STATE');
    });

    it('shows a breakdown to the unit’s members, the panel and leaders only', async () => {
      const url = (p: string) => `/api/assessments/runs/${run.id}/participants/${p}/breakdown`;
      expect((await c.staffB.get(url(pid.a))).statusCode).toBe(403);
      expect((await c.staffB.get(url(pid.b))).statusCode).toBe(200);
      expect((await c.leader.get(url(pid.c))).statusCode).toBe(200);
      const a = (await c.staffA1.get(url(pid.a))).json() as AssessmentBreakdown; // a section's member belongs to its bureau
      expect(a).toMatchObject({ total: 99, rank: 1, redFlag: true });
      expect(a.dimensions.map((d) => [d.dimensionId, d.points, d.lost])).toEqual([
        ['started', 40, 0],
        ['overdue', 30, 0],
        ['service', 19, 1],
        ['morale', 10, 0],
      ]);
      const e = (await c.staffB.get(url(pid.b))).json() as AssessmentBreakdown;
      expect(e.dimensions.find((d) => d.dimensionId === 'overdue')!.scores[0]!.inputs!.records.map((r) => r.id)).toEqual([tasks.b]);
    });

    it('issues the bulletin with the ranking in order, ties and the red flag', async () => {
      const res = await c.staffB.get(`/api/assessments/runs/${run.id}/bulletin.docx`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const xml = new PizZip(res.rawPayload).file('word/document.xml')!.asText();
      const text = xml.replace(/<[^>]+>/g, '');
      expect(text).toContain('关于2026年第三季度“三百”劳动竞赛考核结果的通报');
      const order = ['规划建设局', '经济发展局', '自然资源局', '招商服务中心'].map((n) => text.indexOf(`${n}`, text.indexOf('名次')));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
      expect(text).toContain('并列2');
      expect(text).toContain('经济发展局、自然资源局总分均为65.50分，并列第2名');
      expect(text).toContain('“流动红旗”授予规划建设局（总分99.00分）');
      expect(text).toContain('规划建设局三季度项目开工全面完成。');
    });

    it('edits and deletes schemes without touching the runs', async () => {
      const body = schemeBody();
      let res = await c.office.send('PUT', `/api/assessments/schemes/${scheme.id}`, {
        ...body,
        tracks: ['建设组', '服务组'],
        participants: [
          { unitId: u.a.id, track: '建设组' },
          { unitId: u.b.id, track: '服务组' },
          { unitId: u.c.id, track: '服务组' },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const edited = res.json() as AssessmentScheme;
      // those that stay keep their ids; the removed one leaves the scheme
      expect(Object.fromEntries(edited.participants.map((p) => [p.name, [p.id, p.track]]))).toEqual({
        规划建设局: [pid.a, '建设组'],
        经济发展局: [pid.b, '服务组'],
        招商服务中心: [pid.c, '服务组'],
      });
      res = await c.office.send('PUT', `/api/assessments/schemes/${scheme.id}`, body);
      expect((res.json() as AssessmentScheme).participants.find((p) => p.name === '自然资源局')!.id).toBe(pid.e);
      expect((await getRun()).participants).toHaveLength(4);

      // a running period is scored as of today; removing the scheme keeps its runs
      const q4 = await c.office.send('POST', '/api/assessments/runs', { schemeId: scheme.id, period: '2026-Q4' });
      expect(q4.statusCode, q4.body).toBe(200);
      const [def] = await queryRows<{ asOf: string }>(db, sql`select definition->>'asOf' as "asOf" from assessment_runs where id = ${q4.json().id}`);
      expect(def!.asOf).toBe('2026-11-27');
      expect((await c.staffB.send('DELETE', `/api/assessments/schemes/${scheme.id}`)).statusCode).toBe(403);
      expect((await c.office.send('DELETE', `/api/assessments/schemes/${scheme.id}`)).statusCode).toBe(200);
      expect((await c.office.get(`/api/assessments/schemes/${scheme.id}`)).statusCode).toBe(404);
      expect((await c.office.get('/api/assessments/schemes')).json().items).toEqual([]);
      expect((await c.office.get(`/api/assessments/runs?schemeId=${scheme.id}`)).json().items.map((r: { period: string }) => r.period)).toEqual([
        '2026-Q4',
        '2026-Q3',
      ]);
      expect((await c.office.get('/api/assessments/red-flags')).json().items).toHaveLength(1);
    });
  });
}
