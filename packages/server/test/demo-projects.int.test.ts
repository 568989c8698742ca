// The demo key projects on a migrated database with the demo zone: loaded once, quickly, consistent in SQL, and
// pointing at the demo accounts the browser tests use ('enterprise' files a report, 'construction' approves).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/platform/database.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { seedDemoProjects, type DemoProjectsSeedResult } from '../src/db/seed/demo-projects.ts';
import { createEnv, engines, FIXED_NOW, PASSWORD, type TestEnv } from './harness.ts';

const TODAY = FIXED_NOW.toISOString().slice(0, 10);
const LAST_PERIOD = '2026-10';

for (const engine of engines()) {
  describe(`demo key projects on ${engine}`, () => {
    let env: TestEnv;
    let seeded: DemoProjectsSeedResult | null;
    const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(env.database.db, query))[0]!;
    const count = async (query: ReturnType<typeof sql>) => Number((await one<{ n: number | string }>(query)).n);

    beforeAll(async () => {
      env = await createEnv(engine);
      await seedDemo(env.database.db, PASSWORD);
      seeded = await seedDemoProjects(env.database.db, TODAY);
      console.log(`[demo projects on ${engine}] ${JSON.stringify(seeded)}`);
    });
    afterAll(() => env?.close());

    it('loads ~900 projects with their nodes and three years of reports, once', async () => {
      // (its duration is measured by the startup benchmark, not asserted here: timings never go into tests)
      expect(seeded).not.toBeNull();
      expect(await count(sql`select count(*) n from projects`)).toBe(900);
      expect(await count(sql`select count(*) n from project_milestones`)).toBe(seeded!.milestones);
      expect(await count(sql`select count(*) n from investment_reports`)).toBe(seeded!.reports);
      expect(seeded!.reports).toBeGreaterThan(10_000);
      expect(await count(sql`select count(*) n from ceremony_batches`)).toBeGreaterThanOrEqual(3);
      expect(await count(sql`select count(*) n from project_leaders`)).toBeGreaterThan(500);
      expect(await seedDemoProjects(env.database.db, TODAY)).toBeNull();
      expect(await count(sql`select count(*) n from projects`)).toBe(900);
    });

    it('keeps the figures of every project equal to its approved reports', async () => {
      const wrong = await count(sql`
        select count(*) n from projects p
        left join lateral (
          select coalesce(sum(planned) filter (where year = p.plan_year), 0) ytd_planned,
                 coalesce(sum(completed) filter (where year = p.plan_year), 0) ytd_completed,
                 coalesce(sum(completed), 0) total, max(period) last_period
          from investment_reports r where r.project_id = p.id and r.status = 'approved') a on true
        where p.ytd_planned <> a.ytd_planned or p.ytd_completed <> a.ytd_completed or p.completed_total <> a.total
           or p.last_approved_period is distinct from a.last_period`);
      expect(wrong).toBe(0);
      const funding = await count(sql`
        select count(*) n from projects p
        where p.total_investment <> (select sum((f->>'amount')::numeric) from jsonb_array_elements(p.funding) f)`);
      expect(funding).toBe(0);
      expect(await count(sql`select count(*) n from project_milestones where actual_on > ${TODAY}::date`)).toBe(0);
      expect(await count(sql`select count(*) n from projects where light <> 'none'`)).toBe(0);
    });

    it("gives the 'enterprise' account two tracked projects, one without this month's report", async () => {
      const rows = await queryRows<{ name: string; filed: boolean }>(
        env.database.db,
        sql`select p.name, exists (select 1 from investment_reports r where r.project_id = p.id and r.period = ${LAST_PERIOD}) filed
            from projects p join users u on u.enterprise_id = p.owner_enterprise_id
            where u.username = 'enterprise' and p.stage in ('listed', 'preparation', 'construction', 'completed') order by p.name`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.filter((r) => !r.filed).map((r) => r.name)).toEqual(['古雷炼化一体化二期乙烯下游深加工项目']);
      const reporter = await one<{ username: string }>(sql`select distinct u.username from investment_reports r join projects p on p.id = r.project_id
        join users u on u.id = r.submitted_by where p.name = '古雷炼化一体化二期乙烯下游深加工项目'`);
      expect(reporter.username).toBe('enterprise');
    });

    it("makes the construction bureau ('construction') responsible for many projects with reports to approve", async () => {
      const led = await count(sql`select count(*) n from projects p join units un on un.id = p.lead_unit_id where un.code = 'GL-CON'`);
      expect(led).toBeGreaterThan(200);
      const queue = await count(sql`select count(*) n from investment_reports r join projects p on p.id = r.project_id
        join units un on un.id = p.lead_unit_id where un.code = 'GL-CON' and r.status = 'submitted'`);
      expect(queue).toBeGreaterThan(10);
      const approver = await one<{ username: string }>(sql`select distinct u.username from investment_reports r join projects p on p.id = r.project_id
        join units un on un.id = p.lead_unit_id join users u on u.id = r.reviewed_by where un.code = 'GL-CON'`);
      expect(approver.username).toBe('construction');
    });
  });
}
