// Hazards (隐患排查治理, issue 7) as items of the ledger SAFETY-HAZARDS: one opened from an alarm (once; linked both
// ways; a timeline event on the alarm) is seen by the enterprise's user and not by another enterprise's, rectified
// by the enterprise through the ledger's own transitions and verified, signed off and closed by the safety officer
// after the public notice; hazards filed from inspections by the enterprise (its own only) or by the officer; the list
// with the item's status, light and deadline, its filters and its export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addCalendarDays, completeUscc, XLSX_MIME, type Page, type SafetyAlarmDetail, type SafetyHazard } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, majorHazards, monitoringPoints, users } from '../src/db/schema.ts';
import { localDate } from '../src/platform/clock.ts';
import { queryRows } from '../src/platform/database.ts';
import type { PointDef } from '../src/modules/safety/contracts.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const DAY = 86_400_000;

for (const engine of engines()) {
  describe(`safety hazards on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let firm1: Client;
    let firm2: Client;
    const ids = { officer: '', firm1: '', firm2: '', e1: '', e2: '', hs1: '', hsE2: '', street: '', alarm: '', item: '' };
    let point: PointDef;

    const db = () => env.database.db;
    const today = () => localDate(env.clock.now());
    const loginAll = async () => {
      [officer, firm1, firm2] = (await Promise.all(['anjian2', 'hfirm1', 'hfirm2'].map((u) => login(app.app, u)))) as [Client, Client, Client];
    };
    const act = (c: Client, action: string, reason?: string) =>
      c.send('POST', `/api/ledger-items/${ids.item}/transitions`, { action, ...(reason ? { reason } : {}) });

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const d = db();
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const bureau = await buildUnit(d, { name: '应急管理局', parentId: root.id });
      ids.street = (await buildUnit(d, { name: '古雷街道', parentId: root.id, kind: 'street' })).id;
      const [x1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA4000001'), streetId: ids.street })
        .returning();
      const [x2] = await d
        .insert(enterprises)
        .values({ name: '腾龙芳烃有限公司', uscc: completeUscc('91350623MA4000002'), streetId: ids.street })
        .returning();
      ids.e1 = x1!.id;
      ids.e2 = x2!.id;
      ids.officer = (await buildUser(d, { username: 'anjian2', unitId: bureau.id, roles: ['safetyOfficer'], displayName: '安监员' })).id;
      ids.firm1 = (await buildUser(d, { username: 'hfirm1', unitId: ids.street, roles: ['enterpriseUser'], displayName: '古雷安全员' })).id;
      ids.firm2 = (await buildUser(d, { username: 'hfirm2', unitId: ids.street, roles: ['enterpriseUser'], displayName: '腾龙安全员' })).id;
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, ids.firm1));
      await d.update(users).set({ enterpriseId: ids.e2 }).where(eq(users.id, ids.firm2));
      ids.hs1 = (await d.insert(majorHazards).values({ code: 'HS-101', name: '2号罐区', enterpriseId: ids.e1, level: 1 }).returning())[0]!.id;
      ids.hsE2 = (await d.insert(majorHazards).values({ code: 'HS-201', name: '芳烃装置', enterpriseId: ids.e2, level: 3 }).returning())[0]!.id;
      const [p] = await d
        .insert(monitoringPoints)
        .values({ enterpriseId: ids.e1, majorHazardId: ids.hs1, tag: 'AI-701', name: '可燃气体探头', kind: 'combustibleGas', unit: '%LEL', h: 25, hh: 50 })
        .returning();
      point = {
        id: p!.id,
        enterpriseId: ids.e1,
        majorHazardId: ids.hs1,
        deviceId: null,
        tag: 'AI-701',
        name: '可燃气体探头',
        unit: '%LEL',
        thresholds: { hh: 50, h: 25, l: null, ll: null },
        deadband: 0,
        minDurationMs: 0,
        rateLimitPerMin: null,
        expectedIntervalMs: 60_000,
        staleAfterIntervals: 3,
        enabled: true,
      };
      await app.safety.alarms.sink.onReadings([{ point, ts: env.clock.now().getTime(), value: 60 }]);
      ids.alarm = (await queryRows<{ id: string }>(d, sql`select id from safety_alarms where point_id = ${point.id}`))[0]!.id;
      await loginAll();
    });
    afterAll(() => env?.close());

    it('an alarm opens a hazard: a ledger item of SAFETY-HAZARDS for the enterprise, led by its street, linked both ways, once', async () => {
      expect((await firm2.send('POST', `/api/safety/alarms/${ids.alarm}/hazard`, { grade: 'general' })).statusCode).toBe(404);
      const res = await officer.send('POST', `/api/safety/alarms/${ids.alarm}/hazard`, { grade: 'general', category: '可燃气体泄漏' });
      expect(res.statusCode).toBe(200);
      const alarm = res.json<SafetyAlarmDetail>();
      expect(alarm.hazardItemId).not.toBeNull();
      expect(alarm.hazardItemCode).toMatch(/^SAFETY-HAZARDS-\d{4}$/);
      expect(alarm.events.at(-1)).toMatchObject({ kind: 'hazardOpened', byName: '安监员' });
      expect(alarm.can.openHazard).toBe(false);
      ids.item = alarm.hazardItemId!;
      const [item] = await queryRows<{ kind: string; code: string; enterpriseId: string; leadUnitId: string; deadline: string; source: string; title: string }>(
        db(),
        sql`select l.kind, l.code, i.enterprise_id as "enterpriseId", i.lead_unit_id as "leadUnitId", i.deadline::text as deadline, i.source, i.title
            from ledger_items i join ledgers l on l.id = i.ledger_id where i.id = ${ids.item}`,
      );
      expect(item).toMatchObject({ kind: 'hazard', code: 'SAFETY-HAZARDS', enterpriseId: ids.e1, leadUnitId: ids.street, source: 'alarm' });
      expect(item!.deadline).toBe(addCalendarDays(today(), 30));
      expect(item!.title).toContain('AI-701');
      const [side] = await queryRows<{ grade: string; origin: string; alarmId: string; majorHazardId: string; category: string }>(
        db(),
        sql`select grade, origin, alarm_id as "alarmId", major_hazard_id as "majorHazardId", category from safety_hazards where item_id = ${ids.item}`,
      );
      expect(side).toEqual({ grade: 'general', origin: 'alarm', alarmId: ids.alarm, majorHazardId: ids.hs1, category: '可燃气体泄漏' });
      const again = await officer.send('POST', `/api/safety/alarms/${ids.alarm}/hazard`, { grade: 'major' });
      expect(again.statusCode).toBe(409);
      expect((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from safety_hazards`))[0]!.n).toBe(1);
      expect((await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'safety.alarm.openHazard'`))[0]!.n).toBe(1);
      // the enterprise is told
      expect(
        (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from notifications where user_id = ${ids.firm1} and kind = 'safety.hazard'`))[0]!.n,
      ).toBe(1);
    });

    it('the enterprise sees its hazard (list and ledger item); another enterprise does not', async () => {
      const mine = (await firm1.get('/api/safety/hazards')).json<Page<SafetyHazard>>();
      expect(mine.items).toEqual([
        expect.objectContaining({
          itemId: ids.item,
          grade: 'general',
          origin: 'alarm',
          status: 'assigned',
          light: 'green',
          leadUnitName: '古雷街道',
          overdue: false,
        }),
      ]);
      expect((await firm2.get('/api/safety/hazards')).json<Page<SafetyHazard>>().total).toBe(0);
      const item = await firm1.get(`/api/ledger-items/${ids.item}`);
      expect(item.statusCode).toBe(200);
      expect(item.json<{ myRoles: string[]; allowedActions: string[] }>()).toMatchObject({ myRoles: ['lead'], allowedActions: ['accept'] });
      expect((await firm2.get(`/api/ledger-items/${ids.item}`)).statusCode).toBe(404);
      expect((await firm2.get(`/api/safety/hazards/${ids.item}`)).statusCode).toBe(404);
      expect((await firm1.get(`/api/safety/hazards/${ids.item}`)).json<SafetyHazard>().itemId).toBe(ids.item);
    });

    it('rectified by the enterprise and verified, signed off and closed by the safety officer through the ledger routes', async () => {
      expect((await act(firm2, 'accept')).statusCode).toBe(404);
      expect((await act(firm1, 'accept')).statusCode).toBe(200);
      expect((await act(firm1, 'start')).statusCode).toBe(200);
      const progress = await firm1.send('POST', `/api/ledger-items/${ids.item}/progress`, { text: '已更换密封件，探头复测正常', percent: 80 });
      expect(progress.statusCode).toBe(200);
      expect((await act(firm1, 'reportCompletion')).statusCode).toBe(200);
      // the enterprise does not verify its own work
      expect((await act(firm1, 'beginVerification')).statusCode).toBe(403);
      expect((await act(officer, 'beginVerification')).statusCode).toBe(200);
      const checked = await officer.send('POST', `/api/ledger-items/${ids.item}/verifications`, {
        checkedOn: today(),
        findings: '现场复核，整改到位',
        passed: true,
      });
      expect(checked.statusCode).toBe(200);
      const signed = await officer.send('POST', `/api/ledger-items/${ids.item}/signoffs`, { note: '同意销号' });
      expect(signed.json<{ item: { status: string; noticeEndsOn: string } }>().item.status).toBe('notice');
      expect((await act(officer, 'close')).json<{ code: string }>().code).toBe('NOTICE_NOT_OVER');
      env.clock.advance(10 * DAY);
      await loginAll();
      expect((await act(officer, 'close')).statusCode).toBe(200);
      const closed = (await firm1.get('/api/safety/hazards?open=false')).json<Page<SafetyHazard>>();
      expect(closed.items.map((h) => [h.itemId, h.status])).toEqual([[ids.item, 'closed']]);
      expect((await firm1.get('/api/safety/hazards?open=true')).json<Page<SafetyHazard>>().total).toBe(0);
    });

    it('hazards from inspections: the enterprise files its own (it owns the item), the officer any; the grade sets the deadline', async () => {
      const own = await firm1.send('POST', '/api/safety/hazards', { grade: 'major', title: '罐区防火堤破损', majorHazardId: ids.hs1, category: '设施设备' });
      expect(own.statusCode).toBe(200);
      const h = own.json<SafetyHazard>();
      expect(h).toMatchObject({
        enterpriseId: ids.e1,
        grade: 'major',
        origin: 'inspection',
        status: 'assigned',
        foundOn: today(),
        deadline: addCalendarDays(today(), 90),
      });
      const [item] = await queryRows<{ ownerId: string; priority: string; focus: boolean; source: string }>(
        db(),
        sql`select owner_id as "ownerId", priority, focus, source from ledger_items where id = ${h.itemId}`,
      );
      expect(item).toEqual({ ownerId: ids.firm1, priority: 'urgent', focus: true, source: 'inspectionFeedback' });
      expect((await firm1.send('POST', '/api/safety/hazards', { enterpriseId: ids.e2, grade: 'general', title: '越权' })).statusCode).toBe(403);
      expect(
        (await officer.send('POST', '/api/safety/hazards', { enterpriseId: ids.e2, majorHazardId: ids.hs1, grade: 'general', title: '错配' })).statusCode,
      ).toBe(400);
      expect((await officer.send('POST', '/api/safety/hazards', { grade: 'general', title: '无企业' })).statusCode).toBe(400);
      const byOfficer = await officer.send('POST', '/api/safety/hazards', {
        enterpriseId: ids.e2,
        majorHazardId: ids.hsE2,
        grade: 'general',
        origin: 'report',
        title: '装置区违规动火',
        foundOn: addCalendarDays(today(), -40),
      });
      expect(byOfficer.statusCode).toBe(200);
      // 30 days from the day found is already past: due today
      expect(byOfficer.json<SafetyHazard>()).toMatchObject({ origin: 'report', deadline: today(), overdue: false });
      expect(
        (await officer.send('POST', '/api/safety/hazards', { enterpriseId: ids.e2, grade: 'general', title: '未来', foundOn: addCalendarDays(today(), 1) }))
          .statusCode,
      ).toBe(400);
      expect((await firm2.get('/api/safety/hazards')).json<Page<SafetyHazard>>().items.map((x) => x.title)).toEqual(['装置区违规动火']);
    });

    it('lists with filters (grade, origin, enterprise, overdue) and exports', async () => {
      const all = (await officer.get('/api/safety/hazards?sort=-grade')).json<Page<SafetyHazard>>();
      expect(all.total).toBe(3);
      expect(all.items[0]!.grade).toBe('major');
      expect((await officer.get('/api/safety/hazards?grade=major')).json<Page<SafetyHazard>>().items.map((x) => x.title)).toEqual(['罐区防火堤破损']);
      expect((await officer.get('/api/safety/hazards?origin=alarm')).json<Page<SafetyHazard>>().items.map((x) => x.itemId)).toEqual([ids.item]);
      expect((await officer.get(`/api/safety/hazards?enterpriseId=${ids.e2}`)).json<Page<SafetyHazard>>().total).toBe(1);
      env.clock.advance(2 * DAY);
      await loginAll();
      const overdue = (await officer.get('/api/safety/hazards?overdue=true')).json<Page<SafetyHazard>>();
      expect(overdue.items.map((x) => x.title)).toEqual(['装置区违规动火']);
      const xlsx = await officer.get('/api/safety/hazards/export?open=true');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe(XLSX_MIME);
    });
  });
}
