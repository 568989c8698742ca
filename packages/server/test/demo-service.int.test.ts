// The demo enterprise service on a migrated database with the demo zone: the routing table and templates, pairings
// of every liaison cadre, visits, and requests written through the request service (so each is a ledger item with
// its timeline, rounds and refusals as the service writes them), at every step of their life.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addCalendarDays } from '@zoneops/shared';
import { queryRows } from '../src/platform/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { today } from '../src/platform/clock.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { seedDemoService } from '../src/db/seed/demo-service.ts';
import { createMetricsService } from '../src/modules/service/metrics.service.ts';
import { createEnv, engines, PASSWORD, type TestEnv } from './harness.ts';

for (const engine of engines()) {
  describe(`demo enterprise service on ${engine}`, () => {
    let env: TestEnv;
    let deps: Deps;
    const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.database.db, q);

    beforeAll(async () => {
      env = await createEnv(engine);
      await seedDemo(env.database.db, PASSWORD);
      deps = (await env.start()).deps;
      await seedDemoService(deps);
    });
    afterAll(() => env?.close());

    it('routes every category to an existing unit and pairs every liaison cadre', async () => {
      const [routes] = await rows<{ n: number; gone: number }>(
        sql`select count(*)::int as n, count(*) filter (where u.deleted_at is not null)::int as gone from service_routes r join units u on u.id = r.unit_id`,
      );
      expect(routes).toEqual({ n: 8, gone: 0 });
      const cadres = await rows<{ username: string; pairings: number; visits: number }>(
        sql`select u.username, (select count(*)::int from service_pairings p where p.cadre_user_id = u.id) as pairings,
              (select count(*)::int from service_visits v where v.cadre_user_id = u.id) as visits
            from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id where r.code = 'liaisonCadre'`,
      );
      expect(cadres.length).toBeGreaterThanOrEqual(7);
      for (const c of cadres) expect(c.pairings * c.visits, c.username).toBeGreaterThanOrEqual(5);
    });

    it('writes each request as a ledger item whose status follows it, at every step of the life cycle', async () => {
      const requests = await rows<{ status: string; round: number; item: string; via: string }>(
        sql`select r.status, r.round, i.status as item, r.filed_via as via from service_requests r join ledger_items i on i.id = r.item_id`,
      );
      expect(requests).toHaveLength(13);
      const statuses = new Set(requests.map((r) => r.status));
      for (const s of ['dispatched', 'accepted', 'answered', 'closed']) expect(statuses.has(s), s).toBe(true);
      expect(new Set(requests.map((r) => r.via))).toEqual(new Set(['portal', 'cadre', 'visit']));
      const mirror: Record<string, string> = {
        registered: 'assigned',
        dispatched: 'assigned',
        accepted: 'accepted',
        answered: 'reported',
        reopened: 'inProgress',
        closed: 'closed',
      };
      for (const r of requests) expect(r.item).toBe(mirror[r.status]);
      expect(requests.filter((r) => r.round === 2)).toHaveLength(2);
      const [refusal] = await rows<{ unit: string; to: string }>(
        sql`select u.code as unit, t.code as "to" from service_request_refusals f join units u on u.id = f.unit_id join units t on t.id = f.redirected_to_unit_id`,
      );
      expect(refusal).toEqual({ unit: 'GL-PER', to: 'GL-SOC' });
    });

    it('gives the metrics both rounds of a reopened request and a dissatisfied rating', async () => {
      const to = today(deps.clock);
      const m = await createMetricsService(deps).metrics(null as never, { from: addCalendarDays(to, -70), to });
      expect(m.total.rounds).toBe(15);
      expect(m.total.requests).toBe(13);
      expect(m.total.satisfaction.of).toBeGreaterThanOrEqual(9);
      expect(m.total.satisfaction.count).toBe(m.total.satisfaction.of - 2);
      expect(m.total.onTimeResponse.rate).toBeGreaterThan(50);
      expect(m.rows.find((r) => r.unitName === '组织人事部(考核办)')?.refusals).toBe(1);
    });

    it('is written once', async () => {
      await seedDemoService(deps);
      expect(await rows<{ n: number }>(sql`select count(*)::int as n from service_requests`)).toEqual([{ n: 13 }]);
    });
  });
}
