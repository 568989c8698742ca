// The configurable rule sets of issue 6 over HTTP: the lead service clocks (promotion.clockRules) and the request
// deadlines (service.deadlineRules). The defaults of DOMAIN §5 and §9 until changed; a change needs the module's
// manage permission, is checked (a bad body changes nothing), audited with before and after, and governs the next
// computation: the lead's clocks at once, a new request's deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { completeUscc, defaultClockRules, defaultDeadlineRules } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

for (const engine of engines()) {
  describe(`rule settings of promotion and service on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let admin: Client;
    let staff: Client;
    let svc: Client;
    let firm: Client;
    let leadId = '';

    beforeAll(async () => {
      env = await createEnv(engine);
      const d = env.database.db;
      const root = (await buildUnit(d, { name: '管委会', kind: 'committee' })).id;
      const bureau = (await buildUnit(d, { name: '招商局', parentId: root })).id;
      await buildUser(d, { username: 'zsadmin', unitId: bureau, roles: ['promotionAdmin'] });
      await buildUser(d, { username: 'zsstaff', unitId: bureau, roles: ['staff'] });
      await buildUser(d, { username: 'svcadmin', unitId: root, roles: ['serviceAdmin'] });
      const firmId = (await buildUser(d, { username: 'firm', unitId: root, roles: ['enterpriseUser'] })).id;
      const [e] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA2000001') })
        .returning();
      await d.update(users).set({ enterpriseId: e!.id }).where(eq(users.id, firmId));
      app = await env.start();
      [admin, staff, svc, firm] = (await Promise.all(['zsadmin', 'zsstaff', 'svcadmin', 'firm'].map((u) => login(app.app, u)))) as [
        Client,
        Client,
        Client,
        Client,
      ];
      const lead = await staff.send('POST', '/api/promotion/leads', {
        company: '宁波恒华新材料有限公司',
        countryRegion: 'CN',
        industry: 'newMaterials',
        source: '以商引商',
        registeredOn: '2026-11-23',
      });
      expect(lead.statusCode).toBe(200);
      leadId = lead.json().id;
    });
    afterAll(() => env?.close());

    const audits = (action: string) => queryRows<{ diff: unknown }>(env.database.db, sql`select diff from audit_log where action = ${action}`);

    it('starts from the defaults', async () => {
      expect((await staff.get('/api/promotion/clock-rules')).json()).toEqual(defaultClockRules);
      expect((await svc.get('/api/service/deadline-rules')).json()).toEqual(defaultDeadlineRules);
      const lead = (await staff.get(`/api/promotion/leads/${leadId}`)).json();
      expect(lead.clocks[0]).toMatchObject({ code: 'answer', dueOn: '2026-11-24' });
    });

    it('refuses a change without the manage permission or with a bad body, changing nothing', async () => {
      const rules = [{ code: 'answer', workingDays: 2, recurring: false }];
      expect((await staff.send('PUT', '/api/promotion/clock-rules', rules)).statusCode).toBe(403);
      const bad = await admin.send('PUT', '/api/promotion/clock-rules', [...rules, { code: 'answer', workingDays: 0, recurring: false }]);
      expect(bad.statusCode).toBe(400);
      expect(
        (
          await svc.send('PUT', '/api/service/deadline-rules', {
            ...defaultDeadlineRules,
            urgent: { response: { kind: 'hours', hours: 0 }, completionWorkingDays: 3 },
          })
        ).statusCode,
      ).toBe(400);
      expect((await staff.get('/api/promotion/clock-rules')).json()).toEqual(defaultClockRules);
      expect((await svc.get('/api/service/deadline-rules')).json()).toEqual(defaultDeadlineRules);
      expect(await audits('promotion.clockRules.update')).toHaveLength(0);
    });

    it('governs the lead clocks at once after a change, audited with before and after', async () => {
      const rules = [
        { code: 'answer', workingDays: 2, recurring: false },
        { code: 'report', workingDays: 5, recurring: true },
      ];
      const res = await admin.send('PUT', '/api/promotion/clock-rules', rules);
      expect(res.statusCode).toBe(200);
      const lead = (await staff.get(`/api/promotion/leads/${leadId}`)).json();
      expect(lead.clocks.map((c: { code: string; dueOn: string }) => [c.code, c.dueOn])).toEqual([
        ['answer', '2026-11-25'],
        ['report', '2026-11-30'],
      ]);
      const [a] = await audits('promotion.clockRules.update');
      expect(a!.diff).toEqual({ before: defaultClockRules, after: rules });
    });

    it('gives a new request the deadlines in force when it is filed', async () => {
      const urgent = { response: { kind: 'hours', hours: 4 }, completionWorkingDays: 2 };
      expect((await svc.send('PUT', '/api/service/deadline-rules', { ...defaultDeadlineRules, urgent })).statusCode).toBe(200);
      const filed = await firm.send('POST', '/api/portal/requests', {
        category: 'utilities',
        kind: 'urgent',
        title: '停电抢修',
        content: '厂区停电，请协调抢修。',
      });
      expect(filed.statusCode).toBe(200);
      const r = filed.json();
      // filed at 09:00 Shanghai on Monday 23 November: answered by 13:00, done within 2 working days
      expect(Date.parse(r.responseDueAt) - Date.parse(r.filedAt)).toBe(4 * 3_600_000);
      expect(r.completionDueOn).toBe('2026-11-25');
      expect(await audits('service.deadlineRules.update')).toHaveLength(1);
    });
  });
}
