// The demo promotion data on a migrated database with the demo zone: teams, leads at every stage written through the
// lead service (so their history, codes and clocks are the service's), two rejections by screening, trips and
// receptions linked to leads, and two industry chains whose gaps are the segments without a zone enterprise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { leadStages } from '@zoneops/shared';
import { queryRows } from '../src/platform/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { seedDemoPromotion } from '../src/db/seed/demo-promotion.ts';
import { createEnv, engines, PASSWORD, type TestEnv } from './harness.ts';

for (const engine of engines()) {
  describe(`demo promotion on ${engine}`, () => {
    let env: TestEnv;
    let deps: Deps;
    const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.database.db, q);

    beforeAll(async () => {
      env = await createEnv(engine);
      await seedDemo(env.database.db, PASSWORD);
      deps = (await env.start()).deps;
      await seedDemoPromotion(deps);
    });
    afterAll(() => env?.close());

    it('writes the leads through the service: codes per year, history from registration, stage dates in order', async () => {
      const leads = await rows<{ code: string; stage: string; outcome: string; events: string[]; signedOn: string | null; signedAmount: string | null }>(
        sql`select l.code, l.stage, l.outcome, l.signed_on::text as "signedOn", l.signed_amount::text as "signedAmount",
              array(select e.kind from promotion_lead_events e where e.lead_id = l.id order by e.at, e.id) as events
            from promotion_leads l order by l.code`,
      );
      expect(leads.length).toBeGreaterThanOrEqual(12);
      expect(leads[0]!.code).toBe('ZS2025-0001');
      expect(leads.filter((l) => l.code.startsWith('ZS2026-')).map((l) => l.code)).toContain('ZS2026-0001');
      for (const l of leads) expect(l.events[0]).toBe('registered');
      // every stage before production appears, and every signed lead carries its date and amount
      const stages = new Set(leads.map((l) => l.stage));
      for (const s of leadStages.slice(0, 6)) expect(stages.has(s), s).toBe(true);
      for (const l of leads.filter((x) => leadStages.indexOf(x.stage as never) >= 2)) {
        expect(l.signedOn).not.toBeNull();
        expect(l.signedAmount).not.toBeNull();
      }
      expect(leads.filter((l) => l.outcome === 'rejected')).toHaveLength(2);
    });

    it('keeps the clocks realistic: most leads on time, one neglected report overdue, a new lead still open', async () => {
      const states = await rows<{ clockState: string; n: number }>(
        sql`select clock_state as "clockState", count(*)::int as n from promotion_leads where outcome = 'active' group by 1`,
      );
      const of = (s: string) => states.find((x) => x.clockState === s)?.n ?? 0;
      expect(of('overdue')).toBeGreaterThanOrEqual(1);
      expect(of('open') + of('dueToday')).toBeGreaterThan(of('overdue'));
    });

    it('records the screening with the rejection reasons and the failed criteria', async () => {
      const rejected = await rows<{ company: string; failed: string[] }>(
        sql`select l.company, array(select r->>'measure' from jsonb_array_elements(a.results) r where (r->>'pass')::boolean is false) as failed
            from promotion_assessments a join promotion_leads l on l.id = a.lead_id where a.decision = 'reject' order by l.company`,
      );
      expect(rejected).toHaveLength(2);
      expect(rejected.flatMap((r) => r.failed)).toEqual(expect.arrayContaining(['investmentIntensity', 'energyIntensity']));
    });

    it('gives every team activity and links trips and receptions to leads, in the leads’ history', async () => {
      const teams = await rows<{ name: string; leads: number; trips: number; receptions: number }>(
        sql`select t.name, (select count(*)::int from promotion_leads l where l.team_id = t.id) as leads,
              (select count(*)::int from promotion_trips x where x.team_id = t.id) as trips,
              (select count(*)::int from promotion_receptions x where x.team_id = t.id) as receptions
            from promotion_teams t order by t.name`,
      );
      expect(teams).toHaveLength(3);
      for (const t of teams) expect(t.leads * t.trips * t.receptions, t.name).toBeGreaterThan(0);
      const [linked] = await rows<{ n: number }>(sql`select count(*)::int as n from promotion_lead_events where kind in ('trip', 'reception')`);
      expect(linked!.n).toBeGreaterThanOrEqual(10);
    });

    it('builds two chains whose gaps are the segments without a zone enterprise, with chain leaders marked', async () => {
      const segments = await rows<{ chain: string; name: string; zone: number; leaders: number; targets: number }>(
        sql`select c.name as chain, s.name, count(*) filter (where sc.kind = 'zone')::int as zone,
              count(*) filter (where sc.chain_leader)::int as leaders, count(*) filter (where sc.kind = 'target')::int as targets
            from industry_chains c join chain_segments s on s.chain_id = c.id left join chain_segment_companies sc on sc.segment_id = s.id
            group by c.name, s.name, s.position order by c.name, s.position`,
      );
      expect(new Set(segments.map((s) => s.chain)).size).toBe(2);
      const gaps = segments.filter((s) => s.zone === 0);
      expect(gaps.length).toBeGreaterThanOrEqual(6);
      for (const g of gaps) expect(g.targets, g.name).toBeGreaterThan(0);
      expect(segments.reduce((n, s) => n + s.leaders, 0)).toBeGreaterThanOrEqual(3);
      const [tagged] = await rows<{ n: number }>(sql`select count(*)::int as n from promotion_leads where chain_segment_id is not null`);
      expect(tagged!.n).toBeGreaterThanOrEqual(8);
    });

    it('is written once', async () => {
      const before = await rows<{ n: number }>(sql`select count(*)::int as n from promotion_leads`);
      await seedDemoPromotion(deps);
      expect(await rows<{ n: number }>(sql`select count(*)::int as n from promotion_leads`)).toEqual(before);
    });
  });
}
