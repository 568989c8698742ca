// The automatic metrics of an assessment (assessment-metrics.repository.ts) over records seeded in the database, for
// the quarter 2026-Q3 (Shanghai days 2026-07-01 … 2026-09-30, the instants 2026-06-30T16:00Z … 2026-09-30T16:00Z):
// three units, A with a section A1 under it, B, and C without data; a project participant; a unit D with 53 signed
// leads (the list of inputs stops at 50). Every expected value is computed by hand from the records below, which
// include records just outside the period and records made after its end that must not count.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfShanghaiDay, metricKeys, requestMetrics, type MetricKey, type RequestRating } from '@zoneops/shared';
import {
  enterprises,
  investmentReports,
  ledgerDeadlines,
  ledgerEvents,
  ledgerItems,
  ledgers,
  projectMilestones,
  projects,
  promotionLeadEvents,
  promotionLeads,
  safetyAlarms,
  serviceRequestRounds,
  serviceRequests,
} from '../src/db/schema.ts';
import { computeMetric } from '../src/modules/assessments/assessment-metrics.repository.ts';
import type { MetricParticipant, MetricValue } from '../src/modules/assessments/assessment-metrics.ts';
import { buildUnit, buildUser, createEnv, engines, type TestEnv } from './harness.ts';

const Q3 = { start: '2026-07-01', end: '2026-09-30' };
const OPTS = { alarmAckMinutes: 5 };
const at = (iso: string) => new Date(iso);

for (const engine of engines()) {
  describe(`assessment metrics on ${engine}`, () => {
    let env: TestEnv;
    let db: TestEnv['database']['db'];
    const unit: Record<'A' | 'A1' | 'B' | 'C' | 'D', string> = {} as never;
    const id: Record<string, string> = {};
    let participants: MetricParticipant[];
    let ownerId: string;
    let seq = 0;

    // ---- factories ----
    async function project(key: string, o: { unit: string; planYear?: number; annualPlan?: string; startOn?: string; deleted?: boolean }) {
      const [row] = await db
        .insert(projects)
        .values({
          name: `项目${key}`,
          level: 'district',
          industry: 'petrochemical',
          category: 'industry',
          nature: 'new',
          investorType: 'private',
          stage: 'construction',
          ownerName: `业主${key}`,
          leadUnitId: o.unit,
          totalInvestment: '10000',
          planYear: o.planYear ?? 2026,
          annualPlan: o.annualPlan ?? '0',
          actualStartOn: o.startOn ?? null,
          deletedAt: o.deleted ? at('2026-09-01T00:00:00Z') : null,
        })
        .returning({ id: projects.id });
      id[key] = row!.id;
    }
    async function report(projectKey: string, period: string, completed: string, status: string, reviewedAt: string | null) {
      const [y, m] = period.split('-').map(Number) as [number, number];
      await db.insert(investmentReports).values({
        projectId: id[projectKey]!,
        period,
        year: y,
        month: m,
        planned: '0',
        completed,
        status,
        reviewedAt: reviewedAt ? at(reviewedAt) : null,
      });
    }
    async function milestone(key: string, projectKey: string, plannedOn: string, actualOn: string | null, unitId: string | null = null) {
      const [row] = await db
        .insert(projectMilestones)
        .values({ projectId: id[projectKey]!, seq: ++seq, code: key, name: `节点${key}`, nameEn: key, plannedOn, actualOn, unitId })
        .returning({ id: projectMilestones.id });
      id[key] = row!.id;
    }
    async function lead(key: string, o: { unit: string; signedOn?: string; outcome?: string; deleted?: boolean; capital?: string }) {
      const [row] = await db
        .insert(promotionLeads)
        .values({
          code: `L-${key}-${randomUUID().slice(0, 6)}`,
          company: `公司${key}`,
          companyKey: `company${key}`,
          countryRegion: 'CN',
          industry: 'petrochemical',
          source: '以商引商',
          ownerUserId: ownerId,
          ownerUnitId: o.unit,
          registeredOn: '2026-01-05',
          signedOn: o.signedOn ?? null,
          outcome: o.outcome ?? 'active',
          capitalInPlace: o.capital ?? null,
          deletedAt: o.deleted ? at('2026-09-02T00:00:00Z') : null,
        })
        .returning({ id: promotionLeads.id });
      id[key] = row!.id;
    }
    async function stage(leadKey: string, toValue: string, when: string) {
      await db.insert(promotionLeadEvents).values({ leadId: id[leadKey]!, kind: 'stage', toValue, at: at(when) });
    }
    async function ledger(kind: string) {
      const [row] = await db
        .insert(ledgers)
        .values({ kind, code: `${kind}-${randomUUID().slice(0, 6)}`, name: `台账${kind}`, supervisorUnitId: unit.C })
        .returning({ id: ledgers.id });
      return row!.id;
    }
    /** A task with its timeline: [instant, status] pairs, the first one the creation. */
    async function task(
      key: string,
      o: {
        ledgerId: string;
        unit: string;
        deadline: string;
        events: [string, string][];
        parent?: string;
        deleted?: boolean;
        closedAt?: string;
        deadlines?: [string, string][];
      },
    ) {
      const [row] = await db
        .insert(ledgerItems)
        .values({
          ledgerId: o.ledgerId,
          parentId: o.parent ? id[o.parent]! : null,
          seq: ++seq,
          code: `T-${key}`,
          title: `事项${key}`,
          source: 'meetingDecision',
          leadUnitId: o.unit,
          deadline: o.deadline,
          status: o.events.at(-1)![1],
          assignedAt: at(o.events[0]![0]),
          closedAt: o.closedAt ? at(o.closedAt) : null,
          deletedAt: o.deleted ? at('2026-09-03T00:00:00Z') : null,
        })
        .returning({ id: ledgerItems.id });
      id[key] = row!.id;
      await db.insert(ledgerEvents).values(
        o.events.map(([when, to], i) => ({
          itemId: row!.id,
          at: at(when),
          kind: i === 0 ? 'created' : 'transition',
          fromStatus: i === 0 ? null : o.events[i - 1]![1],
          toStatus: to,
        })),
      );
      const history = o.deadlines ?? [[o.deadline, o.events[0]![0]]];
      await db.insert(ledgerDeadlines).values(history.map(([deadline, setAt]) => ({ itemId: row!.id, deadline, setAt: at(setAt) })));
    }
    let requestLedger: string;
    let enterprise: Record<'A1' | 'B' | 'none', string>;
    async function request(
      key: string,
      rounds: { unit: string; startedAt: string; dueOn: string; doneOn?: string; rating?: RequestRating; ratedAt?: string }[],
    ) {
      const [item] = await db
        .insert(ledgerItems)
        .values({
          ledgerId: requestLedger,
          seq: ++seq,
          code: `R-${key}`,
          title: `诉求${key}`,
          source: 'enterpriseRequest',
          leadUnitId: rounds[0]!.unit,
          deadline: rounds[0]!.dueOn,
          assignedAt: at(rounds[0]!.startedAt),
        })
        .returning({ id: ledgerItems.id });
      const [req] = await db
        .insert(serviceRequests)
        .values({
          itemId: item!.id,
          enterpriseId: enterprise.B,
          category: 'policy',
          kind: 'ordinary',
          title: `诉求${key}`,
          content: '内容',
          filedVia: 'portal',
          filedAt: at(rounds[0]!.startedAt),
          status: 'handling',
          round: rounds.length,
          unitId: rounds.at(-1)!.unit,
        })
        .returning({ id: serviceRequests.id });
      id[key] = req!.id;
      await db.insert(serviceRequestRounds).values(
        rounds.map((r, i) => ({
          requestId: req!.id,
          round: i + 1,
          unitId: r.unit,
          startedAt: at(r.startedAt),
          responseDueAt: at(r.startedAt),
          respondedAt: at(r.startedAt),
          completionDueOn: r.dueOn,
          completedOn: r.doneOn ?? null,
          rating: r.rating ?? null,
          ratedAt: r.ratedAt ? at(r.ratedAt) : null,
        })),
      );
    }
    async function alarm(key: string, enterpriseId: string | null, raisedAt: string, acknowledgedAt: string | null) {
      const [row] = await db
        .insert(safetyAlarms)
        .values({
          enterpriseId,
          rule: 'threshold',
          level: 'orange',
          status: 'closed',
          raisedAt: at(raisedAt),
          acknowledgedAt: acknowledgedAt ? at(acknowledgedAt) : null,
          // closed: one open alarm per point and rule
          closedAt: at('2026-11-01T00:00:00Z'),
        })
        .returning({ id: safetyAlarms.id });
      id[key] = row!.id;
    }

    const run = (metric: MetricKey, p: readonly MetricParticipant[] = participants) => computeMetric(db, metric, p, Q3, OPTS);
    const ids = (v: MetricValue | undefined) => v!.inputs.records.map((r) => r.id);
    const of = (...keys: string[]) => keys.map((k) => id[k]!);

    beforeAll(async () => {
      env = await createEnv(engine);
      db = env.database.db;
      unit.A = (await buildUnit(db, { name: '单位A' })).id;
      unit.A1 = (await buildUnit(db, { name: '单位A一科', parentId: unit.A, kind: 'section' })).id;
      unit.B = (await buildUnit(db, { name: '单位B' })).id;
      unit.C = (await buildUnit(db, { name: '单位C' })).id;
      unit.D = (await buildUnit(db, { name: '单位D' })).id;
      ownerId = (await buildUser(db, { unitId: unit.A })).id;

      // ---- projects and investment (plan year 2026, months up to 9, reviewed by 2026-09-30 24:00 Shanghai) ----
      await project('P1', { unit: unit.A, annualPlan: '1000', startOn: '2026-07-01' });
      await project('P2', { unit: unit.A1, annualPlan: '500', startOn: '2026-09-30' });
      await project('P3', { unit: unit.A, planYear: 2025, annualPlan: '800', startOn: '2026-06-30' });
      await project('P4', { unit: unit.A, annualPlan: '600', startOn: '2026-08-01', deleted: true });
      await project('P5', { unit: unit.B, annualPlan: '0', startOn: '2026-10-01' });
      await project('P6', { unit: unit.B, planYear: 2025, annualPlan: '700', startOn: '2026-08-08' });
      await report('P1', '2026-07', '300', 'approved', '2026-08-05T02:00:00Z');
      await report('P1', '2026-09', '200', 'approved', '2026-09-30T15:59:00Z'); // 23:59 on the last day
      await report('P1', '2026-08', '100', 'submitted', null);
      await report('P1', '2026-10', '50', 'approved', '2026-11-05T02:00:00Z'); // a later month
      await report('P1', '2026-06', '150', 'approved', '2026-09-30T16:00:00Z'); // reviewed at 00:00 on 10-01
      await report('P1', '2025-12', '400', 'approved', '2026-01-05T02:00:00Z'); // last year
      await report('P2', '2026-05', '400', 'approved', '2026-06-10T02:00:00Z');
      await report('P3', '2026-07', '100', 'approved', '2026-08-05T02:00:00Z'); // planned for 2025
      await report('P4', '2026-07', '600', 'approved', '2026-08-05T02:00:00Z'); // deleted project
      await report('P5', '2026-08', '40', 'approved', '2026-09-05T02:00:00Z'); // a plan of 0

      // ---- milestones planned in the quarter (unit: the milestone's, else the project's lead unit) ----
      await milestone('m1', 'P1', '2026-07-10', '2026-07-08');
      await milestone('m2', 'P1', '2026-08-15', '2026-08-20');
      await milestone('m3', 'P1', '2026-09-30', null);
      await milestone('m4', 'P1', '2026-09-20', '2026-09-20', unit.B);
      await milestone('m5', 'P1', '2026-06-30', '2026-06-29');
      await milestone('m6', 'P1', '2026-10-01', '2026-09-01');
      await milestone('n1', 'P2', '2026-09-01', '2026-09-01');
      await milestone('n2', 'P2', '2026-09-25', '2026-10-03'); // done after the quarter
      await milestone('d1', 'P4', '2026-08-01', '2026-08-01');

      // ---- leads: signed in the quarter, and moved to capital in place in it ----
      await lead('L1', { unit: unit.A, signedOn: '2026-07-15', capital: '1200.50' });
      await lead('L2', { unit: unit.A1, signedOn: '2026-09-30', capital: '300' });
      await lead('L3', { unit: unit.A, signedOn: '2026-08-01', outcome: 'withdrawn' });
      await lead('L4', { unit: unit.A, signedOn: '2026-10-01', capital: '500' });
      await lead('L5', { unit: unit.A, signedOn: '2026-06-30', capital: '999' });
      await lead('L6', { unit: unit.B, signedOn: '2026-08-20', deleted: true, capital: '70' });
      await lead('L7', { unit: unit.B, signedOn: '2026-09-01', outcome: 'rejected', capital: '80' });
      for (let i = 1; i <= 53; i++) await lead(`D${i}`, { unit: unit.D, signedOn: '2026-08-10' });
      await stage('L1', 'capitalInPlace', '2026-08-01T02:00:00Z');
      await stage('L2', 'capitalInPlace', '2026-06-30T16:30:00Z'); // 00:30 on 07-01
      await stage('L5', 'capitalInPlace', '2026-06-30T15:30:00Z'); // 23:30 on 06-30
      await stage('L4', 'capitalInPlace', '2026-09-30T16:00:00Z'); // 00:00 on 10-01
      await stage('L6', 'capitalInPlace', '2026-08-25T02:00:00Z'); // deleted lead
      await stage('L7', 'capitalInPlace', '2026-09-15T02:00:00Z');
      await stage('L3', 'started', '2026-08-05T02:00:00Z');

      // ---- supervision tasks ----
      const sup = await ledger('supervision');
      const rect = await ledger('rectification');
      requestLedger = await ledger('request');
      const flow = (reportedAt: string): [string, string][] => [
        ['2026-07-01T01:00:00Z', 'assigned'],
        ['2026-07-02T01:00:00Z', 'inProgress'],
        [reportedAt, 'reported'],
      ];
      const working: [string, string][] = [
        ['2026-07-01T01:00:00Z', 'assigned'],
        ['2026-07-02T01:00:00Z', 'inProgress'],
      ];
      // reported at 23:00 on its deadline, then closed
      await task('T1', {
        ledgerId: sup,
        unit: unit.A,
        deadline: '2026-07-31',
        events: [
          ...flow('2026-07-31T15:00:00Z'),
          ['2026-08-01T01:00:00Z', 'verifying'],
          ['2026-08-02T01:00:00Z', 'signoff'],
          ['2026-08-03T01:00:00Z', 'notice'],
          ['2026-08-10T01:00:00Z', 'closed'],
        ],
        closedAt: '2026-08-10T01:00:00Z',
      });
      // reported at 00:30 the day after its deadline, still under review
      await task('T2', { ledgerId: sup, unit: unit.A, deadline: '2026-08-15', events: flow('2026-08-15T16:30:00Z') });
      // reported in time, then sent back
      await task('T3', {
        ledgerId: sup,
        unit: unit.A1,
        deadline: '2026-09-10',
        events: [...flow('2026-09-05T02:00:00Z'), ['2026-09-12T02:00:00Z', 'inProgress']],
      });
      // due on the last day, reported after the quarter
      await task('T4', { ledgerId: sup, unit: unit.A1, deadline: '2026-09-30', events: flow('2026-10-02T02:00:00Z') });
      // due before the quarter, still worked on
      await task('T5', {
        ledgerId: sup,
        unit: unit.A,
        deadline: '2026-06-30',
        events: [
          ['2026-06-01T01:00:00Z', 'assigned'],
          ['2026-06-02T01:00:00Z', 'inProgress'],
        ],
      });
      // due after the quarter
      await task('T6', { ledgerId: sup, unit: unit.A, deadline: '2026-10-01', events: working });
      // a sub-item, a deleted item, an item of another kind of ledger, an item recorded after the quarter
      await task('T7', { ledgerId: sup, unit: unit.A, deadline: '2026-08-01', events: working, parent: 'T1' });
      await task('T8', { ledgerId: sup, unit: unit.A, deadline: '2026-08-01', events: working, deleted: true });
      await task('T9', { ledgerId: rect, unit: unit.A, deadline: '2026-08-01', events: working });
      await task('T10', { ledgerId: sup, unit: unit.A, deadline: '2026-09-25', events: [['2026-10-05T01:00:00Z', 'assigned']] });
      // imported already closed, never reported
      await task('T11', {
        ledgerId: sup,
        unit: unit.B,
        deadline: '2026-08-20',
        events: [['2026-07-01T01:00:00Z', 'closed']],
        closedAt: '2026-07-01T01:00:00Z',
      });
      // due 09-15 at the quarter's end; extended to 10-31 after it
      await task('T12', {
        ledgerId: sup,
        unit: unit.B,
        deadline: '2026-10-31',
        events: working,
        deadlines: [
          ['2026-09-15', '2026-07-01T01:00:00Z'],
          ['2026-10-31', '2026-10-10T01:00:00Z'],
        ],
      });
      // due 08-10, extended to 10-15 within the quarter
      await task('T13', {
        ledgerId: sup,
        unit: unit.B,
        deadline: '2026-10-15',
        events: working,
        deadlines: [
          ['2026-08-10', '2026-07-01T01:00:00Z'],
          ['2026-10-15', '2026-09-01T01:00:00Z'],
        ],
      });
      // reported in time, under review at the quarter's end
      await task('T14', { ledgerId: sup, unit: unit.A, deadline: '2026-09-20', events: flow('2026-09-18T02:00:00Z') });

      // ---- enterprise requests: handling rounds ----
      const ent = async (name: string, streetId: string | null) =>
        (
          await db
            .insert(enterprises)
            .values({ name, uscc: randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase(), streetId })
            .returning({ id: enterprises.id })
        )[0]!.id;
      enterprise = { A1: await ent('企业甲', unit.A1), B: await ent('企业乙', unit.B), none: await ent('企业丙', null) };
      await request('R1', [
        { unit: unit.A, startedAt: '2026-07-01T00:00:00Z', dueOn: '2026-07-08', doneOn: '2026-07-07', rating: 'satisfied', ratedAt: '2026-07-09T02:00:00Z' },
      ]);
      await request('R2', [
        { unit: unit.A, startedAt: '2026-08-01T02:00:00Z', dueOn: '2026-08-08', doneOn: '2026-08-12', rating: 'dissatisfied', ratedAt: '2026-08-13T02:00:00Z' },
        // reopened; rated after the quarter
        {
          unit: unit.A,
          startedAt: '2026-08-13T02:00:00Z',
          dueOn: '2026-08-20',
          doneOn: '2026-08-19',
          rating: 'basicallySatisfied',
          ratedAt: '2026-10-05T02:00:00Z',
        },
      ]);
      // not done, due after the quarter: not counted yet
      await request('R3', [{ unit: unit.A1, startedAt: '2026-09-25T02:00:00Z', dueOn: '2026-10-09' }]);
      // due in the quarter, done after it: late
      await request('R4', [{ unit: unit.A1, startedAt: '2026-09-20T02:00:00Z', dueOn: '2026-09-27', doneOn: '2026-10-03' }]);
      // done early, due after the quarter; rated at 23:00 on the last day
      await request('R5', [
        { unit: unit.A1, startedAt: '2026-09-28T02:00:00Z', dueOn: '2026-10-10', doneOn: '2026-09-29', rating: 'satisfied', ratedAt: '2026-09-30T15:00:00Z' },
      ]);
      await request('R6', [
        { unit: unit.A, startedAt: '2026-06-30T15:59:00Z', dueOn: '2026-07-07', doneOn: '2026-07-01', rating: 'satisfied', ratedAt: '2026-07-02T02:00:00Z' },
      ]);
      await request('R7', [
        { unit: unit.A, startedAt: '2026-09-30T16:00:00Z', dueOn: '2026-09-30', doneOn: '2026-10-08', rating: 'dissatisfied', ratedAt: '2026-10-09T02:00:00Z' },
      ]);
      await request('R8', [
        { unit: unit.B, startedAt: '2026-09-01T02:00:00Z', dueOn: '2026-09-08', doneOn: '2026-09-08', rating: 'dissatisfied', ratedAt: '2026-09-09T02:00:00Z' },
      ]);

      // ---- safety alarms (5 minutes to acknowledge) ----
      await alarm('AL1', enterprise.A1, '2026-07-10T02:00:00Z', '2026-07-10T02:04:00Z');
      await alarm('AL2', enterprise.A1, '2026-08-10T02:00:00Z', '2026-08-10T02:05:00Z');
      await alarm('AL3', enterprise.A1, '2026-08-11T02:00:00Z', '2026-08-11T02:06:00Z');
      await alarm('AL4', enterprise.A1, '2026-09-01T02:00:00Z', null);
      await alarm('AL5', enterprise.A1, '2026-09-30T15:58:00Z', null); // the limit ends after the quarter
      await alarm('AL6', enterprise.A1, '2026-09-30T15:57:00Z', '2026-09-30T16:01:00Z'); // acknowledged after it
      await alarm('AL7', enterprise.A1, '2026-06-30T15:59:00Z', '2026-06-30T16:00:00Z');
      await alarm('AL8', enterprise.B, '2026-08-01T02:00:00Z', '2026-08-01T02:01:00Z');
      await alarm('AL9', enterprise.none, '2026-08-01T02:00:00Z', null);
      await alarm('AL10', null, '2026-08-01T02:00:00Z', null);

      const u = (pid: string, unitId: string): MetricParticipant => ({ participantId: pid, unitId, projectId: null });
      participants = [
        u('pA', unit.A),
        u('pA1', unit.A1),
        u('pB', unit.B),
        u('pC', unit.C),
        u('pD', unit.D),
        { participantId: 'pP', unitId: null, projectId: id.P1! },
      ];
    });

    afterAll(async () => {
      await env?.close();
    });

    it('investment completion: approved reports of the plan year up to the quarter, reviewed by its end, against the plans', async () => {
      const v = await run('investmentCompletion');
      // A: P1 300 + 200 of 1000, P2 (A1) 400 of 500 → 900 / 1500
      expect(v.get('pA')!.value).toBeCloseTo(0.6);
      expect(v.get('pA')!.inputs).toMatchObject({ numerator: 900, denominator: 1500, more: 0 });
      // the larger shortfall first
      expect(ids(v.get('pA'))).toEqual(of('P1', 'P2'));
      expect(v.get('pA')!.inputs.records[0]).toEqual({ kind: 'project', id: id.P1, label: '项目P1', figure: '500.00 / 1000.00' });
      expect(v.get('pA1')!.value).toBeCloseTo(0.8);
      expect(v.get('pP')!.value).toBeCloseTo(0.5);
      expect(ids(v.get('pP'))).toEqual(of('P1'));
      // B: a plan of 0 → no value; C: no project
      expect(v.get('pB')!.value).toBeNull();
      expect(v.get('pB')!.inputs).toMatchObject({ numerator: 40, denominator: 0 });
      expect(v.get('pC')).toEqual({ value: null, inputs: { numerator: 0, denominator: 0, records: [], more: 0 } });
    });

    it('milestones on time: planned in the quarter, done on or before the planned day', async () => {
      const v = await run('milestoneOnTime');
      // A: m1 ✓, m2 ✗, m3 ✗ (not done), n1 ✓, n2 ✗ (done after the quarter); m4 counts for B
      expect(v.get('pA')!.value).toBeCloseTo(0.4);
      expect(v.get('pA')!.inputs).toMatchObject({ numerator: 2, denominator: 5 });
      // the late ones first, each group by planned day
      expect(ids(v.get('pA'))).toEqual(of('m2', 'n2', 'm3', 'm1', 'n1'));
      expect(v.get('pA')!.inputs.records[1]!.figure).toBe('2026-09-25 / —');
      expect(v.get('pA1')!.value).toBeCloseTo(0.5);
      expect(v.get('pB')!.value).toBe(1);
      expect(ids(v.get('pB'))).toEqual(of('m4'));
      expect(v.get('pC')!.value).toBeNull();
      // the project's own milestones, whichever unit holds them
      expect(v.get('pP')!.value).toBeCloseTo(0.5);
      expect(ids(v.get('pP'))!.sort()).toEqual(of('m1', 'm2', 'm3', 'm4').sort());
    });

    it('projects started in the quarter, by lead unit', async () => {
      const v = await run('projectsStarted');
      expect(v.get('pA')!.value).toBe(2);
      expect(ids(v.get('pA'))).toEqual(of('P1', 'P2'));
      expect(v.get('pA1')!.value).toBe(1);
      expect(v.get('pB')!.value).toBe(1);
      expect(ids(v.get('pB'))).toEqual(of('P6'));
      expect(v.get('pC')).toEqual({ value: 0, inputs: { numerator: null, denominator: null, records: [], more: 0 } });
      // not a project metric
      expect(v.get('pP')!.value).toBeNull();
    });

    it('leads signed in the quarter (not withdrawn, not deleted); the inputs list 50 and count the rest', async () => {
      const v = await run('leadsSigned');
      expect(v.get('pA')!.value).toBe(2);
      expect(ids(v.get('pA'))).toEqual(of('L1', 'L2'));
      expect(v.get('pA1')!.value).toBe(1);
      expect(v.get('pB')!.value).toBe(1);
      expect(ids(v.get('pB'))).toEqual(of('L7'));
      expect(v.get('pC')!.value).toBe(0);
      expect(v.get('pD')!.value).toBe(53);
      expect(v.get('pD')!.inputs.records).toHaveLength(50);
      expect(v.get('pD')!.inputs.more).toBe(3);
      expect(v.get('pP')!.value).toBeNull();
    });

    it('capital in place of the leads that reached it within the quarter (Shanghai days)', async () => {
      const v = await run('capitalInPlace');
      expect(v.get('pA')!.value).toBeCloseTo(1500.5);
      expect(ids(v.get('pA'))).toEqual(of('L1', 'L2'));
      expect(v.get('pA')!.inputs.records[0]!.figure).toBe('1200.50');
      expect(v.get('pA1')!.value).toBe(300);
      expect(v.get('pB')!.value).toBe(80);
      expect(v.get('pC')!.value).toBe(0);
    });

    it('supervision tasks on time: due in the quarter (deadline in force then), reported by the deadline and not sent back', async () => {
      const v = await run('tasksOnTime');
      // A: T1 ✓, T2 ✗ (late report), T3 ✗ (sent back), T4 ✗ (reported after the quarter), T14 ✓
      expect(v.get('pA')!.value).toBeCloseTo(0.4);
      expect(v.get('pA')!.inputs).toMatchObject({ numerator: 2, denominator: 5 });
      expect(ids(v.get('pA'))).toEqual(of('T2', 'T3', 'T4', 'T1', 'T14'));
      expect(v.get('pA')!.inputs.records[3]).toEqual({ kind: 'ledgerItem', id: id.T1, label: 'T-T1 事项T1', figure: '2026-07-31 / 2026-07-31' });
      expect(v.get('pA1')!.value).toBe(0);
      // B: T11 ✓ (closed by its deadline without a report), T12 ✗ (due 09-15 then; extended only later); T13 extended away
      expect(v.get('pB')!.value).toBeCloseTo(0.5);
      expect(ids(v.get('pB'))).toEqual(of('T12', 'T11'));
      expect(v.get('pC')!.value).toBeNull();
    });

    it('supervision tasks overdue at the quarter end', async () => {
      const v = await run('tasksOverdue');
      // A: T2 (reported late, under review), T3, T4 (due on the last day), T5 (due before the quarter)
      expect(v.get('pA')!.value).toBe(4);
      expect(ids(v.get('pA'))).toEqual(of('T5', 'T2', 'T3', 'T4'));
      expect(v.get('pA1')!.value).toBe(2);
      expect(v.get('pB')!.value).toBe(1);
      expect(ids(v.get('pB'))).toEqual(of('T12'));
      expect(v.get('pC')!.value).toBe(0);
    });

    it('requests on time and satisfaction: rounds started in the quarter, as of its end, as requestMetrics counts them', async () => {
      const onTime = await run('requestsOnTime');
      // A: R1 ✓, R2 round 1 ✗, R2 round 2 ✓, R4 ✗ (done after the quarter), R5 ✓ (done early); R3 not yet due
      expect(onTime.get('pA')!.value).toBeCloseTo(0.6);
      expect(onTime.get('pA')!.inputs).toMatchObject({ numerator: 3, denominator: 5 });
      expect(ids(onTime.get('pA'))).toEqual(of('R2', 'R4', 'R1', 'R2', 'R5'));
      expect(onTime.get('pA')!.inputs.records[1]!.figure).toBe('— / 2026-09-27');
      expect(onTime.get('pA')!.inputs.records[3]!.label).toBe('诉求R2 #2');
      expect(onTime.get('pA1')!.value).toBeCloseTo(0.5);
      expect(onTime.get('pB')!.value).toBe(1);
      expect(onTime.get('pC')!.value).toBeNull();
      // the same figure from the shared rule over the rounds as they stood at the end
      const end = endOfShanghaiDay(Q3.end);
      const round = (dueOn: string, doneOn: string | null) => ({
        responseDueAt: end,
        respondedAt: end,
        completionDueOn: dueOn,
        completedOn: doneOn,
        rating: null,
        resolved: null,
      });
      const shared = requestMetrics(
        [
          round('2026-07-08', '2026-07-07'),
          round('2026-08-08', '2026-08-12'),
          round('2026-08-20', '2026-08-19'),
          round('2026-10-09', null),
          round('2026-09-27', null),
          round('2026-10-10', '2026-09-29'),
        ],
        end,
      );
      expect(shared.onTimeCompletion).toMatchObject({ count: 3, of: 5 });

      const sat = await run('requestSatisfaction');
      // A: R1 ✓, R2 round 1 ✗, R5 ✓; R2 round 2 rated after the quarter
      expect(sat.get('pA')!.value).toBeCloseTo(2 / 3);
      expect(ids(sat.get('pA'))).toEqual(of('R2', 'R1', 'R5'));
      expect(sat.get('pA')!.inputs.records[0]!.figure).toBe('dissatisfied');
      expect(sat.get('pA1')!.value).toBe(1);
      expect(sat.get('pB')!.value).toBe(0);
      expect(sat.get('pC')!.value).toBeNull();
    });

    it('alarms acknowledged in time, by the street of the enterprise', async () => {
      const v = await run('alarmsAckInTime');
      // A1's street: AL1 ✓ (4 min), AL2 ✓ (5 min), AL3 ✗ (6 min), AL4 ✗ (never); AL5 and AL6 still within the limit at the end
      expect(v.get('pA1')!.value).toBeCloseTo(0.5);
      expect(v.get('pA1')!.inputs).toMatchObject({ numerator: 2, denominator: 4 });
      expect(ids(v.get('pA1'))).toEqual(of('AL3', 'AL4', 'AL1', 'AL2'));
      expect(v.get('pA1')!.inputs.records.map((r) => r.figure)).toEqual(['6.0 min', null, '4.0 min', '5.0 min']);
      expect(v.get('pA')!.value).toBeCloseTo(0.5);
      expect(v.get('pB')!.value).toBe(1);
      expect(v.get('pC')!.value).toBeNull();
      // a shorter limit makes AL2 late too
      const strict = await computeMetric(db, 'alarmsAckInTime', participants, Q3, { alarmAckMinutes: 4 });
      expect(strict.get('pA1')!.value).toBeCloseTo(0.25);
    });

    it('a participant without a unit or project, and an empty list, get no value without a query failing', async () => {
      for (const metric of metricKeys) {
        const v = await run(metric, [{ participantId: 'none', unitId: null, projectId: null }]);
        expect(v.get('none')!.value).toBeNull();
        expect((await run(metric, [])).size).toBe(0);
      }
    });

    it('a later period does not see the records of this one', async () => {
      const v = await computeMetric(db, 'leadsSigned', participants, { start: '2026-10-01', end: '2026-12-31' }, OPTS);
      expect(v.get('pA')!.value).toBe(1);
      expect(ids(v.get('pA'))).toEqual(of('L4'));
    });
  });
}
