// The demo competition on a migrated database with the demo zone and its supervision ledgers: the scheme of the nine
// bureaus, Q2 and Q3 scored to the end (panel scores, an accepted appeal, locked, one red flag each), Q4 under way;
// every automatic score is what the metrics give from the stored data as of the run's day; seeding twice does nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoPoints, metricCatalogue, periodBounds, type MetricKey } from '@zoneops/shared';
import { queryRows } from '../src/platform/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { seedDemoLedgers } from '../src/db/seed/demo-ledgers.ts';
import { seedDemoAssessments } from '../src/db/seed/demo-assessments.ts';
import { computeMetric } from '../src/modules/assessments/assessment-metrics.repository.ts';
import { createEnv, engines, PASSWORD, type TestEnv } from './harness.ts';

for (const engine of engines()) {
  describe(`demo competition on ${engine}`, () => {
    let env: TestEnv;
    let deps: Deps;
    let runs: Record<string, string>;
    const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.database.db, q);

    beforeAll(async () => {
      env = await createEnv(engine);
      await seedDemo(env.database.db, PASSWORD);
      deps = (await env.start()).deps;
      await seedDemoLedgers(deps);
      runs = (await seedDemoAssessments(deps))!;
    }, 120_000);
    afterAll(() => env?.close());

    it('runs Q2 and Q3 to the end and keeps Q4 under way', async () => {
      expect(Object.keys(runs).sort()).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
      const states = await rows<{ period: string; status: string; flags: number; results: number }>(
        sql`select r.period, r.status, count(*) filter (where x.red_flag)::int as flags, count(x.participant_id)::int as results
            from assessment_runs r left join assessment_results x on x.run_id = r.id group by r.period, r.status order by r.period`,
      );
      expect(states).toEqual([
        { period: '2026-Q2', status: 'locked', flags: expect.any(Number), results: 9 },
        { period: '2026-Q3', status: 'locked', flags: expect.any(Number), results: 9 },
        { period: '2026-Q4', status: 'scoring', flags: 0, results: 0 },
      ]);
      for (const s of states.slice(0, 2)) expect(s.flags, s.period).toBeGreaterThanOrEqual(1);
      const [appeal] = await rows<{ status: string; before: number; after: number }>(
        sql`select status, points_before::float8 as before, points_after::float8 as after from assessment_appeals`,
      );
      expect(appeal).toMatchObject({ status: 'accepted' });
      expect(appeal!.after - appeal!.before).toBeCloseTo(0.5);
      const [q4] = await rows<{ panel: number }>(
        sql`select count(*)::int as panel from assessment_scores where run_id = ${runs['2026-Q4']} and scorer_id is not null`,
      );
      // three members × nine bureaus × two dimensions, about two thirds entered
      expect(q4!.panel).toBeGreaterThan(0);
      expect(q4!.panel).toBeLessThan(54);
    });

    it('stores automatic scores that are what the metrics give from the stored data', async () => {
      const [run] = await rows<{
        definition: {
          dimensions: {
            id: string;
            metric?: string;
            weight: number;
            scoring?: { kind: 'rate' } | { kind: 'relative' } | { kind: 'deduct'; perItem: number };
            ifNoData: 'full' | 'zero';
          }[];
          participants: { id: string; unitId: string | null; projectId: string | null }[];
          asOf?: string;
        };
      }>(sql`select definition from assessment_runs where id = ${runs['2026-Q4']}`);
      const def = run!.definition;
      const bounds = periodBounds('quarter', '2026-Q4')!;
      const end = def.asOf ?? bounds.end;
      const participants = def.participants.map((p) => ({ participantId: p.id, unitId: p.unitId, projectId: p.projectId }));
      for (const d of def.dimensions.filter((x) => x.metric)) {
        const metric = d.metric as MetricKey;
        const values = await computeMetric(env.database.db, metric, participants, { start: bounds.start, end }, { alarmAckMinutes: 5 });
        const expected = autoPoints(new Map([...values].map(([k, v]) => [k, v.value])), d.weight, d.scoring!, metricCatalogue[metric].better, d.ifNoData);
        const stored = await rows<{ participantId: string; points: number }>(
          sql`select participant_id as "participantId", points::float8 as points from assessment_scores
              where run_id = ${runs['2026-Q4']} and dimension_id = ${d.id} and scorer_id is null`,
        );
        expect(stored, d.id).toHaveLength(9);
        for (const s of stored) expect(s.points, `${d.id} ${s.participantId}`).toBeCloseTo(expected.get(s.participantId)!, 2);
      }
      // The demo's supervision tasks fall in Q4: that dimension is computed from real records.
    });

    it('seeds once', async () => {
      expect(await seedDemoAssessments(deps)).toBeNull();
    });
  });
}
