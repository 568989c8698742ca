// Coordination meetings end to end over HTTP: a monthly series; meeting 1 held with two decisions that become tasks
// of the supervision ledger; meeting 2 scheduled on the cadence, its pre-read opening with meeting 1's commitments
// (status, light, latest progress) and the ledger's overdue and red items; invalid decisions refused by index with
// nothing written; an unheld meeting marked missed and shown on the series; writes refused without meetings.manage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  nextMeetingOn,
  type ItemDetail,
  type Ledger,
  type LedgerItem,
  type MeetingDetail,
  type MeetingPreread,
  type MeetingSeries,
  type MeetingSeriesDetail,
} from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';

const DAY = 86_400_000;

describe('next meeting date', () => {
  it('follows the cadence, a month clamped to its end', () => {
    expect(nextMeetingOn('2026-11-23', 'weekly', 23)).toBe('2026-11-30');
    expect(nextMeetingOn('2026-12-28', 'weekly', 28)).toBe('2027-01-04');
    expect(nextMeetingOn('2026-11-23', 'monthly', 23)).toBe('2026-12-23');
    expect(nextMeetingOn('2027-01-31', 'monthly', 31)).toBe('2027-02-28');
    expect(nextMeetingOn('2027-02-28', 'monthly', 31)).toBe('2027-03-31');
    expect(nextMeetingOn('2027-12-15', 'monthly', 15)).toBe('2028-01-15');
  });
});

describe('errors of one decision', () => {
  it('name the decision by its index', async () => {
    const { atDecision } = await import('../src/modules/meetings/meeting.service.ts');
    const { AppError } = await import('../src/platform/errors.ts');
    const err = atDecision(
      new AppError('DEADLINE_BEFORE_ASSIGNMENT', 'the deadline is before the assignment', [{ path: 'body.deadline', message: 'before the assignment' }]),
      2,
    ) as InstanceType<typeof AppError>;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('DEADLINE_BEFORE_ASSIGNMENT');
    expect(err.details).toEqual([{ path: 'body.decisions.2.deadline', message: 'before the assignment' }]);
    expect(err.message).toBe('decision 3: the deadline is before the assignment');
    const v = atDecision(
      new AppError('VALIDATION_FAILED', 'body.ownerId: unknown or disabled user', [{ path: 'body.ownerId', message: 'unknown or disabled user' }]),
      0,
    ) as InstanceType<typeof AppError>;
    expect(v.message).toBe('decision 1: body.decisions.0.ownerId: unknown or disabled user');
    const plain = atDecision(new AppError('FORBIDDEN', 'no'), 1) as InstanceType<typeof AppError>;
    expect(plain.details).toEqual([{ path: 'body.decisions.1', message: 'no' }]);
  });
});

for (const engine of engines()) {
  describe(`coordination meetings on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let office: { id: string };
    let bureau: { id: string };
    let finance: { id: string };
    let workerUser: { id: string };
    let chairUser: { id: string };
    let helperUser: { id: string };
    let sup: Client;
    let chair: Client;
    let worker: Client;
    let helper: Client;
    let outsider: Client;
    let ledger: Ledger;
    let series: MeetingSeriesDetail;
    let meeting1: MeetingDetail;
    let meeting2: MeetingDetail;
    let extraItemId: string;

    const signIn = async () => {
      [sup, chair, worker, helper, outsider] = (await Promise.all(['sup', 'chair', 'worker', 'helper', 'outsider'].map((u) => login(app.app, u)))) as [
        Client,
        Client,
        Client,
        Client,
        Client,
      ];
    };
    // Moves the clock to a day (09:00 Beijing) and signs everyone in again (sessions time out after 30 idle minutes).
    const setDay = async (days: number) => {
      env.clock.set(new Date(FIXED_NOW.getTime() + days * DAY));
      await signIn();
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const db = env.database.db;
      office = await buildUnit(db, { name: '督查室' });
      bureau = await buildUnit(db, { name: '建设局' });
      finance = await buildUnit(db, { name: '财政局' });
      const other = await buildUnit(db, { name: '文旅局' });
      await buildUser(db, { username: 'sup', unitId: office.id, roles: ['supervisor'] });
      chairUser = await buildUser(db, { username: 'chair', unitId: office.id, roles: ['supervisor'], displayName: '王主任' });
      workerUser = await buildUser(db, { username: 'worker', unitId: bureau.id, roles: ['staff'], displayName: '李工' });
      helperUser = await buildUser(db, { username: 'helper', unitId: finance.id, roles: ['staff'] });
      await buildUser(db, { username: 'outsider', unitId: other.id, roles: ['staff'] });
      await signIn();
      const res = await sup.send('POST', '/api/ledgers', { kind: 'supervision', code: 'DB2026', name: '2026年督查督办台账', supervisorUnitId: office.id });
      expect(res.statusCode, res.body).toBe(200);
      ledger = res.json();
    });
    afterAll(() => env?.close());

    const countItems = async () => Number((await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from ledger_items`))[0]!.n);
    const inbox = async (c: Client) => (await c.get('/api/notifications?pageSize=100')).json().items as { kind: string; title: string; link: string | null }[];
    const meetingService = async () => {
      const { createLedgerService } = await import('../src/modules/ledger/ledger.service.ts');
      const { createMeetingService } = await import('../src/modules/meetings/meeting.service.ts');
      return createMeetingService(app.deps, createLedgerService(app.deps));
    };
    const decisions = () => [
      { title: '完成园区三号路管线迁改方案', leadUnitId: bureau.id, ownerId: workerUser.id, deadline: '2026-11-30', priority: 'high' },
      { title: '落实道路改造配套资金', leadUnitId: finance.id, coUnitIds: [bureau.id], deadlineWorkingDays: 10 },
    ];

    it('creates a series on a supervision ledger, checking its references', async () => {
      const rect = (
        await sup.send('POST', '/api/ledgers', { kind: 'rectification', code: 'ZG2026', name: '整改台账', supervisorUnitId: office.id })
      ).json() as Ledger;
      const body = {
        name: '园区建设一月一协调',
        cadence: 'monthly',
        unitId: office.id,
        chairId: chairUser.id,
        attendeeIds: [workerUser.id, helperUser.id],
        ledgerId: ledger.id,
        firstOn: '2026-11-23',
      };
      let res = await sup.send('POST', '/api/meeting-series', { ...body, ledgerId: rect.id });
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toEqual([{ path: 'body.ledgerId', message: 'decisions go to a supervision ledger' }]);
      res = await sup.send('POST', '/api/meeting-series', { ...body, attendeeIds: [workerUser.id, '00000000-0000-4000-8000-000000000000'] });
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].path).toBe('body.attendeeIds.1');
      expect((await sup.send('POST', '/api/meeting-series', { ...body, cadence: 'daily' })).statusCode).toBe(400);

      res = await sup.send('POST', '/api/meeting-series', body);
      expect(res.statusCode, res.body).toBe(200);
      series = res.json();
      expect(series).toMatchObject({
        cadence: 'monthly',
        chairName: '王主任',
        ledgerCode: 'DB2026',
        counts: { total: 0, scheduled: 0, held: 0, missed: 0 },
        nextScheduledOn: null,
        nextDefaultOn: '2026-11-23',
        meetings: [],
        missed: [],
      });
      expect(series.attendees.map((a) => a.id).sort()).toEqual([workerUser.id, helperUser.id].sort());
    });

    it('refuses writes without meetings.manage, and hides series from those not concerned', async () => {
      expect(
        (await worker.send('POST', '/api/meeting-series', { name: 'x', cadence: 'weekly', unitId: bureau.id, ledgerId: ledger.id, firstOn: '2026-11-30' }))
          .statusCode,
      ).toBe(403);
      expect((await worker.send('PATCH', `/api/meeting-series/${series.id}`, { name: 'x' })).statusCode).toBe(403);
      expect((await worker.send('POST', `/api/meeting-series/${series.id}/meetings`, {})).statusCode).toBe(403);
      // An attendee reads the series; a unit that is not concerned does not see it.
      expect((await worker.get(`/api/meeting-series/${series.id}`)).statusCode).toBe(200);
      expect((await outsider.get(`/api/meeting-series/${series.id}`)).statusCode).toBe(404);
      expect(((await outsider.get('/api/meeting-series')).json() as MeetingSeries[]).map((s) => s.id)).not.toContain(series.id);
    });

    it('holds meeting 1: its decisions become tasks of the supervision ledger', async () => {
      await setDay(0); // Monday 2026-11-23
      let res = await sup.send('POST', `/api/meeting-series/${series.id}/meetings`, {});
      expect(res.statusCode, res.body).toBe(200);
      meeting1 = res.json();
      expect(meeting1.meeting).toMatchObject({ seq: 1, scheduledOn: '2026-11-23', status: 'scheduled', decisionCount: 0 });
      expect(meeting1.previousMeeting).toBeNull();

      // Staff cannot hold it or prepare its pre-read.
      expect((await worker.send('POST', `/api/meetings/${meeting1.meeting.id}/hold`, { minutes: '纪要', decisions: [] })).statusCode).toBe(403);
      expect((await worker.send('POST', `/api/meetings/${meeting1.meeting.id}/preread`)).statusCode).toBe(403);

      res = await sup.send('POST', `/api/meetings/${meeting1.meeting.id}/hold`, { minutes: '会议研究了园区三号路改造推进中的问题。', decisions: decisions() });
      expect(res.statusCode, res.body).toBe(200);
      meeting1 = res.json();
      expect(meeting1.meeting).toMatchObject({ status: 'held', decisionCount: 2, minutes: '会议研究了园区三号路改造推进中的问题。' });
      expect(meeting1.meeting.heldAt).toBe(FIXED_NOW.toISOString());
      expect(meeting1.decisions).toHaveLength(2);
      for (const item of meeting1.decisions) {
        expect(item).toMatchObject({
          ledgerId: ledger.id,
          source: 'meetingDecision',
          meetingId: meeting1.meeting.id,
          sourceDoc: '园区建设一月一协调 第1次会议纪要',
          status: 'assigned',
          frequency: 'month',
        });
      }
      const [a, b] = meeting1.decisions;
      expect(a).toMatchObject({ title: '完成园区三号路管线迁改方案', leadUnitId: bureau.id, ownerId: workerUser.id, deadline: '2026-11-30', priority: 'high' });
      expect(b).toMatchObject({ leadUnitId: finance.id, deadline: '2026-12-07', priority: 'normal' }); // 10 working days from Mon 2026-11-23
      expect(b!.coUnits.map((u) => u.id)).toEqual([bureau.id]);

      // In the ledger: by meeting and in the ledger's list.
      const byMeeting = (await sup.get(`/api/ledger-items?meetingId=${meeting1.meeting.id}`)).json() as { items: LedgerItem[]; total: number };
      expect(byMeeting.total).toBe(2);
      const inLedger = ((await sup.get(`/api/ledger-items?ledgerId=${ledger.id}&pageSize=100`)).json() as { items: LedgerItem[] }).items.map((i) => i.id);
      expect(inLedger).toEqual(expect.arrayContaining([a!.id, b!.id]));
      // The lead unit sees its own task among the meeting's decisions.
      expect(((await worker.get(`/api/meetings/${meeting1.meeting.id}`)).json() as MeetingDetail).decisions.map((d) => d.id)).toContain(a!.id);

      // The write and its tasks are in the audit trail; holding twice is refused.
      const audits = await queryRows<{ action: string }>(
        env.database.db,
        sql`select action from audit_log where entity_id = ${meeting1.meeting.id} order by seq`,
      );
      expect(audits.map((x) => x.action)).toEqual(['meetings.meeting.schedule', 'meetings.meeting.hold']);
      const itemAudits = await queryRows<{ n: number }>(
        env.database.db,
        sql`select count(*)::int as n from audit_log where action = 'ledger.item.create' and entity_id in (${a!.id}, ${b!.id})`,
      );
      expect(Number(itemAudits[0]!.n)).toBe(2);
      res = await sup.send('POST', `/api/meetings/${meeting1.meeting.id}/hold`, { minutes: '再开一次', decisions: [] });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('TRANSITION_NOT_ALLOWED');
    });

    it("opens meeting 2 with meeting 1's commitments, overdue and red items in the pre-read", async () => {
      await setDay(0);
      // Another task of the ledger, due in two days; and progress on the first decision.
      const extra = await sup.send('POST', '/api/ledger-items', {
        ledgerId: ledger.id,
        source: 'leaderInstruction',
        leadUnitId: bureau.id,
        title: '清理园区违章搭建',
        deadline: '2026-11-25',
      });
      expect(extra.statusCode, extra.body).toBe(200);
      extraItemId = (extra.json() as ItemDetail).item.id;
      const [a, b] = meeting1.decisions;
      expect((await worker.send('POST', `/api/ledger-items/${a!.id}/transitions`, { action: 'accept' })).statusCode).toBe(200);
      expect((await worker.send('POST', `/api/ledger-items/${a!.id}/progress`, { kind: 'decomposition', text: '方案分三段编制' })).statusCode).toBe(200);
      expect((await worker.send('POST', `/api/ledger-items/${a!.id}/progress`, { text: '迁改方案已完成初稿', percent: 60 })).statusCode).toBe(200);

      // Five days later the extra task is three days overdue; the lights are recomputed by the daily job.
      await setDay(5); // 2026-11-28
      const { createLedgerService } = await import('../src/modules/ledger/ledger.service.ts');
      await createLedgerService(app.deps).recomputeAll();

      let res = await sup.send('POST', `/api/meeting-series/${series.id}/meetings`, {});
      expect(res.statusCode, res.body).toBe(200);
      meeting2 = res.json();
      expect(meeting2.meeting).toMatchObject({ seq: 2, scheduledOn: '2026-12-23', status: 'scheduled' }); // monthly, same day
      expect(meeting2.previousMeeting?.id).toBe(meeting1.meeting.id);
      expect(meeting2.previousCommitments.map((i) => i.id).sort()).toEqual([a!.id, b!.id].sort());

      expect((await sup.get(`/api/meetings/${meeting2.meeting.id}/preread`)).statusCode).toBe(404);
      res = await sup.send('POST', `/api/meetings/${meeting2.meeting.id}/preread`);
      expect(res.statusCode, res.body).toBe(200);
      const pre = res.json() as MeetingPreread;
      expect(pre).toMatchObject({
        asOf: '2026-11-28',
        meeting: { id: meeting2.meeting.id, seq: 2, scheduledOn: '2026-12-23' },
        previousMeeting: { id: meeting1.meeting.id, seq: 1 },
        recipients: 3,
      });
      expect(pre.commitments.map((c) => [c.code, c.status, c.light])).toEqual([
        [a!.code, 'inProgress', 'yellow'], // due 2026-11-30: two days left
        [b!.code, 'assigned', 'yellow'], // the one-day plan (一天有部署) is late
      ]);
      expect(pre.commitments[0]).toMatchObject({
        leadUnitName: '建设局',
        ownerName: '李工',
        deadline: '2026-11-30',
        progress: 60,
        lastProgressText: '迁改方案已完成初稿',
        lastProgressOn: '2026-11-23',
      });
      expect(pre.commitments[0]!.lightReasons[0]).toMatchObject({ code: 'dueSoon', days: 2 });
      expect(pre.redOrOverdue.total).toBe(1);
      expect(pre.redOrOverdue.items[0]).toMatchObject({ id: extraItemId, title: '清理园区违章搭建', light: 'red', overdueDays: 3, deadline: '2026-11-25' });
      expect(pre.underReview).toEqual({ total: 0, items: [] });
      expect(pre.lightCounts).toEqual({ open: 3, green: 0, yellow: 2, red: 1, none: 0 });

      // Stored as sent; in the inbox of the chair and the attendees, linking to the meeting.
      expect((await worker.get(`/api/meetings/${meeting2.meeting.id}/preread`)).json()).toEqual(pre);
      for (const c of [chair, worker, helper]) {
        const msg = (await inbox(c)).find((n) => n.kind === 'meetings.preread');
        expect(msg, 'pre-read in the inbox').toMatchObject({ title: '会前材料：园区建设一月一协调 第2次会议', link: `/meetings/${meeting2.meeting.id}` });
      }
      expect((await inbox(sup)).some((n) => n.kind === 'meetings.preread')).toBe(false);
      expect(((await sup.get(`/api/meetings/${meeting2.meeting.id}`)).json() as MeetingDetail).meeting.prereadSentAt).not.toBeNull();
    });

    it('refuses invalid decisions by index and writes nothing', async () => {
      await setDay(5); // 2026-11-28
      const before = await countItems();
      const hold = (ds: unknown[]) => sup.send('POST', `/api/meetings/${meeting2.meeting.id}/hold`, { minutes: '第二次会议纪要', decisions: ds });
      const cases: [unknown[], string][] = [
        [[...decisions(), { title: '已过期', leadUnitId: bureau.id, deadline: '2026-11-27' }], 'body.decisions.2.deadline'],
        [[decisions()[0], { title: '单位不存在', leadUnitId: '00000000-0000-4000-8000-000000000000', deadline: '2026-12-31' }], 'body.decisions.1.leadUnitId'],
        [[{ title: '没有期限', leadUnitId: bureau.id }], 'body.decisions.0.deadline'],
        [[decisions()[0], { title: '牵头也配合', leadUnitId: bureau.id, coUnitIds: [bureau.id], deadline: '2026-12-31' }], 'body.decisions.1.coUnitIds'],
      ];
      for (const [ds, path] of cases) {
        const res = await hold(ds);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
        expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
      }
      expect(await countItems()).toBe(before);
      const m = (await sup.get(`/api/meetings/${meeting2.meeting.id}`)).json() as MeetingDetail;
      expect(m.meeting).toMatchObject({ status: 'scheduled', heldAt: null, minutes: null, decisionCount: 0 });
    });

    it('marks a meeting not held a day after its date as missed, and shows it on the series', async () => {
      const service = await meetingService();
      await setDay(31); // 2026-12-24: a day after, still time to record it
      expect(await service.markMissed()).toBe(0);
      await setDay(32); // 2026-12-25
      expect(await service.markMissed()).toBe(1);
      expect(await service.markMissed()).toBe(0);

      const s = (await sup.get(`/api/meeting-series/${series.id}`)).json() as MeetingSeriesDetail;
      expect(s.counts).toEqual({ total: 2, scheduled: 0, held: 1, missed: 1 });
      expect(s.missed.map((m) => [m.seq, m.scheduledOn, m.status])).toEqual([[2, '2026-12-23', 'missed']]);
      expect(s).toMatchObject({ nextScheduledOn: null, lastHeldOn: '2026-11-23', nextDefaultOn: '2027-01-23' });
      const listed = ((await worker.get('/api/meeting-series')).json() as MeetingSeries[]).find((x) => x.id === series.id);
      expect(listed?.counts).toMatchObject({ held: 1, missed: 1 });
      expect((await inbox(chair)).find((n) => n.kind === 'meetings.missed')).toMatchObject({ link: `/meetings/${meeting2.meeting.id}` });
      const res = await sup.send('POST', `/api/meetings/${meeting2.meeting.id}/hold`, { minutes: '补记', decisions: [] });
      expect(res.statusCode).toBe(409);

      // Meeting 3 opens with meeting 1's commitments still (meeting 2 took no decisions).
      expect((await sup.send('POST', `/api/meeting-series/${series.id}/meetings`, { scheduledOn: '2026-12-20' })).statusCode).toBe(400);
      const m3 = await sup.send('POST', `/api/meeting-series/${series.id}/meetings`, { scheduledOn: '2027-01-08' });
      expect(m3.statusCode, m3.body).toBe(200);
      expect((m3.json() as MeetingDetail).meeting).toMatchObject({ seq: 3, scheduledOn: '2027-01-08' });
      expect((m3.json() as MeetingDetail).previousMeeting?.id).toBe(meeting1.meeting.id);
      const audits = await queryRows<{ action: string }>(
        env.database.db,
        sql`select action from audit_log where entity_id = ${meeting2.meeting.id} order by seq`,
      );
      expect(audits.map((x) => x.action)).toEqual(['meetings.meeting.schedule', 'meetings.meeting.preread', 'meetings.meeting.missed']);
    });

    it('keeps the history: a series with meetings is deactivated, not deleted', async () => {
      await setDay(32);
      expect((await sup.send('DELETE', `/api/meeting-series/${series.id}`)).json().code).toBe('CONFLICT');
      expect((await sup.send('PATCH', `/api/meeting-series/${series.id}`, { firstOn: '2026-11-30' })).statusCode).toBe(409);
      const res = await sup.send('PATCH', `/api/meeting-series/${series.id}`, { active: false, cadence: 'weekly' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ active: false, cadence: 'weekly' });
      expect((await sup.send('POST', `/api/meeting-series/${series.id}/meetings`, {})).statusCode).toBe(409);
      const empty = (
        await sup.send('POST', '/api/meeting-series', { name: '一周一安排', cadence: 'weekly', unitId: bureau.id, ledgerId: ledger.id, firstOn: '2027-01-04' })
      ).json() as MeetingSeries;
      expect((await sup.send('DELETE', `/api/meeting-series/${empty.id}`)).statusCode).toBe(200);
      expect((await sup.get(`/api/meeting-series/${empty.id}`)).statusCode).toBe(404);
    });
  });
}
