// Investment promotion beyond the single lead, over HTTP (DOMAIN §5): teams and their scoreboard (and its workbook),
// trips and receptions linked to leads (and shown in the lead's history), industry chains with gaps, the lead edit
// and history, the kanban, the lead export with masking, the rejections report, and a signed lead becoming a key
// project through the projects module. Bad input is refused with field paths and leaves nothing written; every
// write leaves its audit record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { completeUscc, maskPhone, maskUscc, type ChainDetail, type LeadDetail, type Team } from '@zoneops/shared';
import { enterprises } from '../src/db/schema.ts';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const NONE = '00000000-0000-4000-8000-000000000000';
const USCC = completeUscc('91210200MA0Y00001');

type Res = { statusCode: number; body: string; json(): unknown };
const paths = (res: Res) => ((res.json() as { details?: { path: string }[] }).details ?? []).map((d) => d.path);
const ok = <T>(res: Res): T => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

/** The cells of a workbook's first sheet as text rows. */
async function sheetRows(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) =>
      cells.push(c.value === null || c.value === undefined ? '' : typeof c.value === 'object' ? c.text : String(c.value)),
    );
    rows.push(cells);
  });
  return rows;
}

for (const engine of engines()) {
  describe(`promotion teams, activities, chains and reports on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let head: Client;
    let approver: Client;
    let staff1: Client;
    let staff2: Client;
    let outsider: Client;
    let leader: Client;
    const ids = { head: '', approver: '', staff1: '', staff2: '', outsider: '', leader: '', bureau: '', other: '', enterprise: '' };
    const team: Record<'a' | 'b', string> = { a: '', b: '' };
    const lead: Record<'signed' | 'fresh' | 'rejected' | 'outsider', string> = { signed: '', fresh: '', rejected: '', outsider: '' };
    const chain: { id: string; px: string; pta: string; other: string; otherChain: string } = { id: '', px: '', pta: '', other: '', otherChain: '' };

    const db = () => env.database.db;
    const count = async (from: string) => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(from)}`))[0]!.n;
    const audits = async (action: string) => count(`audit_log where action = '${action}'`);

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const d = db();
      const bureau = await buildUnit(d, { name: '招商局' });
      const other = await buildUnit(d, { name: '文旅局' });
      ids.bureau = bureau.id;
      ids.other = other.id;
      ids.head = (await buildUser(d, { username: 'zshead', unitId: bureau.id, roles: ['deptAdmin', 'promotionAdmin'], displayName: '周局长' })).id;
      ids.approver = (await buildUser(d, { username: 'zsapprover', unitId: bureau.id, roles: ['promotionAdmin'], displayName: '吴科长' })).id;
      ids.staff1 = (await buildUser(d, { username: 'zsstaff1', unitId: bureau.id, roles: ['staff'], displayName: '张干事' })).id;
      ids.staff2 = (await buildUser(d, { username: 'zsstaff2', unitId: bureau.id, roles: ['staff'], displayName: '李干事' })).id;
      ids.outsider = (await buildUser(d, { username: 'outsider', unitId: other.id, roles: ['staff'], displayName: '赵干事' })).id;
      ids.leader = (await buildUser(d, { username: 'boss', unitId: other.id, roles: ['leader'], displayName: '王主任' })).id;
      const [e] = await d
        .insert(enterprises)
        .values({ name: '逸盛大化石化有限公司', uscc: completeUscc('91210200MA0Y00002') })
        .returning();
      ids.enterprise = e!.id;
      [head, approver, staff1, staff2, outsider, leader] = (await Promise.all(
        ['zshead', 'zsapprover', 'zsstaff1', 'zsstaff2', 'outsider', 'boss'].map((u) => login(app.app, u)),
      )) as [Client, Client, Client, Client, Client, Client];
    });
    afterAll(() => env?.close());

    const leadBody = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
      company: '恒力石化（大连）有限公司',
      uscc: USCC,
      countryRegion: 'CN',
      industry: 'petrochemical',
      content: '年产160万吨PTA',
      plannedInvestment: '50000',
      landMu: 200,
      source: '以商招商',
      referrer: '王建国',
      referrerPhone: '13700002222',
      contacts: [{ name: '陈晓明', title: '投资总监', phone: '13800001111' }],
      registeredOn: '2026-11-20',
      ...patch,
    });

    it('creates and edits teams: the leader is a member, unknown ids and duplicate names refused with nothing written', async () => {
      const bad: [Record<string, unknown>, string, number][] = [
        [{ name: '石化组', members: [{ userId: NONE }] }, 'body.members.0.userId', 400],
        [{ name: '石化组', unitId: NONE }, 'body.unitId', 400],
        [{ name: '石化组', leaderUserId: NONE }, 'body.leaderUserId', 400],
        [{ name: '石化组', members: [{ userId: ids.staff2 }, { userId: ids.staff2 }] }, 'body.members.1.userId', 400],
      ];
      for (const [body, path, status] of bad) {
        const res = await head.send('POST', '/api/promotion/teams', body);
        expect(res.statusCode, res.body).toBe(status);
        expect(paths(res)).toContain(path);
      }
      expect((await staff1.send('POST', '/api/promotion/teams', { name: '石化组' })).statusCode).toBe(403);
      expect(await count('promotion_teams')).toBe(0);

      const a = ok<Team>(
        await head.send('POST', '/api/promotion/teams', { name: '石化组', unitId: ids.bureau, leaderUserId: ids.staff1, members: [{ userId: ids.staff2 }] }),
      );
      team.a = a.id;
      expect(a).toMatchObject({ name: '石化组', unitName: '招商局', leaderName: '张干事', active: true });
      expect(a.members).toEqual([
        { userId: ids.staff1, displayName: '张干事', role: 'leader' },
        { userId: ids.staff2, displayName: '李干事', role: 'member' },
      ]);
      team.b = ok<Team>(await head.send('POST', '/api/promotion/teams', { name: '新材料组' })).id;

      const dup = await head.send('POST', '/api/promotion/teams', { name: '石化组' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'CONFLICT' });
      expect(paths(dup)).toEqual(['body.name']);
      const rename = await head.send('PATCH', `/api/promotion/teams/${team.b}`, { name: '石化组' });
      expect(rename.statusCode).toBe(409);
      expect(paths(rename)).toEqual(['body.name']);

      // A new leader: the former one stays on as a member.
      const changed = ok<Team>(await head.send('PATCH', `/api/promotion/teams/${team.a}`, { leaderUserId: ids.staff2 }));
      expect(changed.leaderUserId).toBe(ids.staff2);
      expect(changed.members.map((m) => [m.userId, m.role])).toEqual([
        [ids.staff2, 'leader'],
        [ids.staff1, 'member'],
      ]);
      expect((await head.send('PATCH', `/api/promotion/teams/${team.a}`, { members: [{ userId: NONE }] })).statusCode).toBe(400);

      ok(await head.send('PATCH', `/api/promotion/teams/${team.b}`, { active: false }));
      expect(ok<{ items: Team[] }>(await staff1.get('/api/promotion/teams')).items.map((t) => t.name)).toEqual(['石化组']);
      expect(ok<{ items: Team[] }>(await staff1.get('/api/promotion/teams?all=true')).items).toHaveLength(2);
      ok(await head.send('PATCH', `/api/promotion/teams/${team.b}`, { active: true }));
      expect(await audits('promotion.team.create')).toBe(2);
      expect(await audits('promotion.team.update')).toBe(3);
    });

    it('builds industry chains: segments in a tree of one chain, gaps, companies, and refuses what would break it', async () => {
      expect((await staff1.send('POST', '/api/promotion/chains', { name: '芳烃-聚酯' })).statusCode).toBe(403);
      expect(paths(await head.send('POST', '/api/promotion/chains', { name: '芳烃-聚酯', chiefUserId: NONE }))).toEqual(['body.chiefUserId']);
      let c = ok<ChainDetail>(await head.send('POST', '/api/promotion/chains', { name: '芳烃-聚酯', chiefUserId: ids.leader, sort: 1 }));
      chain.id = c.id;
      expect(c).toMatchObject({ chiefName: '王主任', segmentCount: 0, segments: [] });
      expect((await head.send('POST', '/api/promotion/chains', { name: '芳烃-聚酯' })).statusCode).toBe(409);
      chain.otherChain = ok<ChainDetail>(await head.send('POST', '/api/promotion/chains', { name: '烯烃-塑料' })).id;
      const otherChain = ok<ChainDetail>(await head.send('POST', `/api/promotion/chains/${chain.otherChain}/segments`, { name: '乙烯' }));
      chain.other = otherChain.segments[0]!.id;

      c = ok<ChainDetail>(await head.send('POST', `/api/promotion/chains/${chain.id}/segments`, { name: 'PX', position: 1 }));
      chain.px = c.segments[0]!.id;
      c = ok<ChainDetail>(await head.send('POST', `/api/promotion/chains/${chain.id}/segments`, { name: 'PTA', position: 2, parentId: chain.px }));
      chain.pta = c.segments.find((s) => s.name === 'PTA')!.id;
      expect(c.segments.map((s) => s.name)).toEqual(['PX', 'PTA']);

      // The parent must be of the same chain, and a segment cannot sit below itself.
      expect(paths(await head.send('POST', `/api/promotion/chains/${chain.id}/segments`, { name: '聚酯', parentId: chain.other }))).toEqual(['body.parentId']);
      expect(paths(await head.send('PATCH', `/api/promotion/segments/${chain.px}`, { parentId: chain.pta }))).toEqual(['body.parentId']);
      expect(paths(await head.send('PATCH', `/api/promotion/segments/${chain.px}`, { parentId: chain.px }))).toEqual(['body.parentId']);

      // Companies: a zone enterprise (链主) on PX, a target on PTA.
      expect(paths(await head.send('POST', `/api/promotion/segments/${chain.px}/companies`, { kind: 'zone', enterpriseId: NONE }))).toEqual([
        'body.enterpriseId',
      ]);
      expect(paths(await head.send('POST', `/api/promotion/segments/${chain.px}/companies`, { kind: 'zone', name: '某企业' }))).toEqual(['body.enterpriseId']);
      expect(paths(await head.send('POST', `/api/promotion/segments/${chain.pta}/companies`, { kind: 'target', leadId: NONE }))).toEqual(['body.leadId']);
      c = ok<ChainDetail>(
        await head.send('POST', `/api/promotion/segments/${chain.px}/companies`, { kind: 'zone', enterpriseId: ids.enterprise, chainLeader: true }),
      );
      c = ok<ChainDetail>(await head.send('POST', `/api/promotion/segments/${chain.pta}/companies`, { kind: 'target', name: '桐昆股份', note: '拟对接' }));
      const px = c.segments.find((s) => s.id === chain.px)!;
      const pta = c.segments.find((s) => s.id === chain.pta)!;
      expect(px).toMatchObject({ gap: false, companies: [{ kind: 'zone', name: '逸盛大化石化有限公司', chainLeader: true }] });
      expect(pta).toMatchObject({ gap: true, parentId: chain.px, companies: [{ kind: 'target', name: '桐昆股份', note: '拟对接' }] });
      expect(c).toMatchObject({ segmentCount: 2, gapCount: 1, zoneEnterpriseCount: 1, targetCount: 1 });

      // A segment with companies or children is kept (409), and nothing changes.
      for (const id of [chain.px, chain.pta]) {
        const res = await head.send('DELETE', `/api/promotion/segments/${id}`);
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json()).toMatchObject({ code: 'CONFLICT' });
      }
      expect(await count('chain_segments where deleted_at is not null')).toBe(0);

      const target = pta.companies[0]!.id;
      c = ok<ChainDetail>(await head.send('PATCH', `/api/promotion/segment-companies/${target}`, { kind: 'target', name: '桐昆股份', chainLeader: true }));
      expect(c.segments.find((s) => s.id === chain.pta)!.companies[0]).toMatchObject({ chainLeader: true, note: null });
      // the empty segment of the other chain goes; a company comes off and the chain's counts follow
      ok(await head.send('DELETE', `/api/promotion/segments/${chain.other}`));
      const list = ok<{ items: { id: string; segmentCount: number }[] }>(await leader.get('/api/promotion/chains'));
      // ordered by sort: 烯烃-塑料 (0) before 芳烃-聚酯 (1)
      expect(list.items.map((x) => [x.id, x.segmentCount])).toEqual([
        [chain.otherChain, 0],
        [chain.id, 2],
      ]);
      expect(await audits('promotion.segment.create')).toBe(3);
      expect(await audits('promotion.segment.delete')).toBe(1);
      expect(await audits('promotion.segmentCompany.create')).toBe(2);
    });

    it('validates the segment of a lead on registration and edit; an edit leaves an event', async () => {
      let res = await staff1.send('POST', '/api/promotion/leads', leadBody({ chainSegmentId: NONE }));
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toContain('body.chainSegmentId');
      res = await staff1.send('POST', '/api/promotion/leads', leadBody({ chainSegmentId: chain.other })); // deleted segment
      expect(paths(res)).toContain('body.chainSegmentId');
      expect(await count('promotion_leads')).toBe(0);

      const l = ok<LeadDetail>(await staff1.send('POST', '/api/promotion/leads', leadBody({ teamId: team.a, chainSegmentId: chain.pta })));
      lead.signed = l.id;
      expect(l.chainSegmentId).toBe(chain.pta);
      lead.fresh = ok<LeadDetail>(
        await staff1.send(
          'POST',
          '/api/promotion/leads',
          leadBody({ company: '荣盛石化股份有限公司', uscc: null, teamId: team.a, plannedInvestment: '20000.25' }),
        ),
      ).id;
      lead.outsider = ok<LeadDetail>(await outsider.send('POST', '/api/promotion/leads', leadBody({ company: '文旅投资有限公司', uscc: null }))).id;

      res = await staff1.send('PATCH', `/api/promotion/leads/${lead.fresh}`, { chainSegmentId: NONE });
      expect(paths(res)).toEqual(['body.chainSegmentId']);
      expect((await staff2.send('PATCH', `/api/promotion/leads/${lead.fresh}`, { content: '改' })).statusCode).toBe(403);
      env.clock.advance(1000); // events are ordered by their instant
      const edited = ok<LeadDetail>(await staff1.send('PATCH', `/api/promotion/leads/${lead.fresh}`, { chainSegmentId: chain.px, content: '二期' }));
      expect(edited).toMatchObject({ chainSegmentId: chain.px, content: '二期', plannedInvestment: '20000.25' });
      // fields left out stay as they were (no defaults applied to an edit)
      expect(edited.contacts).toHaveLength(1);
      expect(await audits('promotion.lead.update')).toBe(1);

      const detail = ok<ChainDetail>(await staff1.get(`/api/promotion/chains/${chain.id}`));
      expect(detail.segments.map((s) => [s.name, s.leadCount])).toEqual([
        ['PX', 1],
        ['PTA', 1],
      ]);
    });

    it('records trips and receptions linked to visible leads, shown in the lead history; only the author or a manager changes them', async () => {
      const trip = (patch: Record<string, unknown> = {}) => ({
        teamId: team.a,
        destination: '上海',
        startOn: '2026-11-10',
        endOn: '2026-11-12',
        memberUserIds: [ids.staff1, ids.staff2],
        companiesVisited: ['恒力集团', '桐昆股份'],
        outcome: '达成初步意向',
        leadIds: [lead.signed],
        ...patch,
      });
      const bad: [Record<string, unknown>, string][] = [
        [{ leadIds: [lead.signed, NONE] }, 'body.leadIds.1'],
        [{ leadIds: [lead.outsider] }, 'body.leadIds.0'], // not visible to staff1
        [{ memberUserIds: [ids.staff1, NONE] }, 'body.memberUserIds.1'],
        [{ teamId: NONE }, 'body.teamId'],
        [{ endOn: '2026-11-09' }, 'body.endOn'],
      ];
      for (const [patch, path] of bad) {
        const res = await staff1.send('POST', '/api/promotion/trips', trip(patch));
        expect(res.statusCode, res.body).toBe(400);
        expect(paths(res)).toContain(path);
      }
      expect((await leader.send('POST', '/api/promotion/trips', trip())).statusCode).toBe(403);
      expect(await count('promotion_trips')).toBe(0);
      expect(await count(`promotion_lead_events where kind = 'trip'`)).toBe(0);

      env.clock.advance(1000);
      const t = ok<{ id: string; members: { displayName: string }[]; leads: { code: string }[]; createdByName: string; teamName: string }>(
        await staff1.send('POST', '/api/promotion/trips', trip()),
      );
      expect(t).toMatchObject({ teamName: '石化组', createdByName: '张干事', leads: [{ code: 'ZS2026-0001' }] });
      expect(t.members.map((m) => m.displayName)).toEqual(['张干事', '李干事']);

      // Only its author or a manager changes it; a refused change writes nothing.
      expect((await staff2.send('PATCH', `/api/promotion/trips/${t.id}`, { destination: '杭州' })).statusCode).toBe(403);
      expect((await staff2.send('DELETE', `/api/promotion/trips/${t.id}`)).statusCode).toBe(403);
      expect(paths(await staff1.send('PATCH', `/api/promotion/trips/${t.id}`, { endOn: '2026-11-01' }))).toEqual(['body.endOn']);
      env.clock.advance(1000);
      const moved = ok<{ destination: string; leads: { id: string }[] }>(
        await head.send('PATCH', `/api/promotion/trips/${t.id}`, { destination: '杭州', leadIds: [lead.signed, lead.fresh] }),
      );
      expect(moved.destination).toBe('杭州');
      expect(moved.leads.map((l) => l.id)).toEqual([lead.signed, lead.fresh]);

      let page = ok<{ items: { id: string }[]; total: number }>(await staff2.get(`/api/promotion/trips?teamId=${team.a}&from=2026-11-01&to=2026-11-30`));
      expect(page.total).toBe(1);
      expect(ok<{ total: number }>(await staff2.get(`/api/promotion/trips?leadId=${lead.fresh}`)).total).toBe(1);
      expect(ok<{ total: number }>(await staff2.get(`/api/promotion/trips?from=2026-11-11`)).total).toBe(0);
      expect(ok<{ total: number }>(await staff2.get(`/api/promotion/trips?teamId=${team.b}`)).total).toBe(0);
      // an outsider sees the trip but not the leads it cannot see
      expect(ok<{ items: { leads: unknown[] }[] }>(await outsider.get('/api/promotion/trips')).items[0]!.leads).toEqual([]);

      // A second trip, deleted (soft) by its author: gone from lists and the scoreboard.
      const gone = ok<{ id: string }>(await staff1.send('POST', '/api/promotion/trips', trip({ leadIds: [] })));
      ok(await staff1.send('DELETE', `/api/promotion/trips/${gone.id}`));
      expect((await staff1.send('PATCH', `/api/promotion/trips/${gone.id}`, { destination: 'x' })).statusCode).toBe(404);
      page = ok(await staff2.get('/api/promotion/trips'));
      expect(page.items.map((x) => x.id)).toEqual([t.id]);

      // Receptions.
      const reception = (patch: Record<string, unknown> = {}) => ({
        teamId: team.a,
        heldOn: '2026-11-18',
        visitorCompany: '恒力集团',
        visitors: '陈总（副总裁）等3人',
        hostUserId: ids.staff1,
        purpose: '考察园区',
        leadIds: [lead.signed],
        ...patch,
      });
      expect(paths(await staff1.send('POST', '/api/promotion/receptions', reception({ hostUserId: NONE })))).toEqual(['body.hostUserId']);
      expect(paths(await staff1.send('POST', '/api/promotion/receptions', reception({ leadIds: [NONE] })))).toEqual(['body.leadIds.0']);
      expect(await count('promotion_receptions')).toBe(0);
      env.clock.advance(1000);
      const rec = ok<{ id: string; hostName: string; leads: unknown[] }>(await staff1.send('POST', '/api/promotion/receptions', reception()));
      expect(rec).toMatchObject({ hostName: '张干事', leads: [{ id: lead.signed }] });
      expect((await staff2.send('PATCH', `/api/promotion/receptions/${rec.id}`, { purpose: '改' })).statusCode).toBe(403);
      expect(ok<{ outcome: string }>(await staff1.send('PATCH', `/api/promotion/receptions/${rec.id}`, { outcome: '签约意向' })).outcome).toBe('签约意向');
      expect(ok<{ total: number }>(await leader.get(`/api/promotion/receptions?leadId=${lead.signed}&from=2026-11-18&to=2026-11-18`)).total).toBe(1);

      // The lead's history shows both activities; the lead's visibility applies.
      const history = ok<{ items: { kind: string; toValue: string | null; byName: string | null }[] }>(
        await staff1.get(`/api/promotion/leads/${lead.signed}/events`),
      );
      expect(history.items.map((e) => e.kind)).toEqual(['registered', 'trip', 'reception']);
      expect(history.items[1]).toMatchObject({ toValue: t.id, byName: '张干事' });
      expect((await outsider.get(`/api/promotion/leads/${lead.signed}/events`)).statusCode).toBe(404);
      const fresh = ok<{ items: { kind: string }[] }>(await staff1.get(`/api/promotion/leads/${lead.fresh}/events`));
      expect(fresh.items.map((e) => e.kind)).toEqual(['registered', 'edit', 'trip']);

      expect(await audits('promotion.trip.create')).toBe(2);
      expect(await audits('promotion.trip.update')).toBe(1);
      expect(await audits('promotion.trip.delete')).toBe(1);
      expect(await audits('promotion.reception.create')).toBe(1);
      expect(await audits('promotion.reception.update')).toBe(1);
    });

    it('tallies the scoreboard per active team in a period, with exact money, and exports it', async () => {
      env.clock.advance(1000);
      ok(await staff1.send('POST', `/api/promotion/leads/${lead.signed}/stage`, { to: 'signed', signedOn: '2026-11-21', signedAmount: '30000.50' }));
      env.clock.advance(1000);
      ok(
        await staff1.send('POST', `/api/promotion/leads/${lead.signed}/stage`, {
          to: 'capitalInPlace',
          plannedStartOn: '2026-12-01',
          startedOn: '2026-11-22',
          capitalInPlace: '12000.25',
        }),
      );

      const bad = await head.get('/api/promotion/scoreboard?from=2026-11-30&to=2026-11-01');
      expect(bad.statusCode).toBe(400);
      expect(paths(bad)).toEqual(['querystring.to']);

      const board = ok<{ rows: Record<string, unknown>[] }>(await leader.get('/api/promotion/scoreboard?from=2026-11-01&to=2026-11-30'));
      expect([...board.rows].sort((x, y) => (x.teamId === team.a ? -1 : y.teamId === team.a ? 1 : 0))).toEqual([
        { teamId: team.a, teamName: '石化组', leads: 2, trips: 1, receptions: 1, signings: 1, signedInvestment: '30000.50', capitalInPlace: '12000.25' },
        { teamId: team.b, teamName: '新材料组', leads: 0, trips: 0, receptions: 0, signings: 0, signedInvestment: '0.00', capitalInPlace: '0.00' },
      ]);
      // outside the period: nothing; the 到资 move was on 2026-11-23 (Shanghai)
      type Rows = { rows: { teamId: string; leads: number; signings: number; capitalInPlace: string }[] };
      const october = ok<Rows>(await leader.get('/api/promotion/scoreboard?from=2026-10-01&to=2026-10-31'));
      expect(october.rows.find((r) => r.teamId === team.a)).toMatchObject({ leads: 0, signings: 0, capitalInPlace: '0.00' });
      const before = ok<Rows>(await leader.get('/api/promotion/scoreboard?from=2026-11-21&to=2026-11-22'));
      expect(before.rows.find((r) => r.teamId === team.a)).toMatchObject({ signings: 1, capitalInPlace: '0.00' });

      const file = await leader.get('/api/promotion/scoreboard/export?from=2026-11-01&to=2026-11-30');
      expect(file.statusCode, file.body).toBe(200);
      const rows = await sheetRows(file.rawPayload);
      const a = rows.find((r) => r.includes('石化组'))!;
      expect(a).toEqual(expect.arrayContaining(['2', '1', '30000.5', '12000.25']));
      expect(await audits('promotion.scoreboard.export')).toBe(1);
    });

    it('turns a signed lead into a key project in one transaction, refusing the unsigned, the linked and the unauthorised', async () => {
      const body = { level: 'district', category: 'industry', nature: 'new', leadUnitId: ids.bureau, planYear: 2026 };
      const projects = () => count('projects');
      const unsigned = await head.send('POST', `/api/promotion/leads/${lead.fresh}/project`, body);
      expect(unsigned.statusCode).toBe(409);
      expect(unsigned.json()).toMatchObject({ code: 'LEAD_NOT_SIGNED' });
      // promotion.approve without projects.write; staff without promotion.approve; a superior's check of the unit
      expect((await approver.send('POST', `/api/promotion/leads/${lead.signed}/project`, body)).statusCode).toBe(403);
      expect((await staff1.send('POST', `/api/promotion/leads/${lead.signed}/project`, body)).statusCode).toBe(403);
      const badUnit = await head.send('POST', `/api/promotion/leads/${lead.signed}/project`, { ...body, leadUnitId: NONE });
      expect(badUnit.statusCode).toBe(400);
      expect(paths(badUnit)).toEqual(['body.leadUnitId']);
      expect(await projects()).toBe(0);
      expect(await count(`promotion_lead_events where kind = 'project'`)).toBe(0);

      env.clock.advance(1000);
      const l = ok<LeadDetail>(await head.send('POST', `/api/promotion/leads/${lead.signed}/project`, body));
      expect(l.projectId).toBeTruthy();
      const [p] = await queryRows<Record<string, unknown>>(
        db(),
        sql`select name, owner_name as "ownerName", content, industry, total_investment::text as "totalInvestment", planned_start_on::text as "plannedStartOn",
          investor_type as "investorType", level, lead_unit_id as "leadUnitId", plan_year as "planYear" from projects where id = ${l.projectId}`,
      );
      expect(p).toEqual({
        name: '恒力石化（大连）有限公司项目',
        ownerName: '恒力石化（大连）有限公司',
        content: '年产160万吨PTA',
        industry: 'petrochemical',
        totalInvestment: '30000.50',
        plannedStartOn: '2026-12-01',
        investorType: 'private',
        level: 'district',
        leadUnitId: ids.bureau,
        planYear: 2026,
      });
      const history = ok<{ items: { kind: string; toValue: string }[] }>(await head.get(`/api/promotion/leads/${lead.signed}/events`));
      expect(history.items.at(-1)).toMatchObject({ kind: 'project', toValue: l.projectId });
      expect(await audits('promotion.lead.project')).toBe(1);
      expect(await audits('project.create')).toBe(1);

      const again = await head.send('POST', `/api/promotion/leads/${lead.signed}/project`, body);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'LEAD_ALREADY_PROJECT' });
      expect(await projects()).toBe(1);
    });

    it('reports rejections by failed criterion and industry, for the leads the caller sees', async () => {
      lead.rejected = ok<LeadDetail>(
        await staff1.send('POST', '/api/promotion/leads', leadBody({ company: '某化工有限公司', uscc: null, industry: 'fineChemical', teamId: team.b })),
      ).id;
      ok(
        await head.send('POST', `/api/promotion/leads/${lead.rejected}/assessments`, {
          decision: 'reject',
          reasons: '投资强度和亩均税收不达标',
          plannedInvestment: '10000',
          landMu: 100,
          expectedTax: 1000,
          energyUse: 100,
          expectedOutput: 10000,
          environmentalCategory: 'report',
          chainFit: true,
        }),
      );
      const bad = await head.get('/api/promotion/reports/rejections?from=2026-11-30&to=2026-11-01');
      expect(bad.statusCode).toBe(400);
      expect(paths(bad)).toEqual(['querystring.to']);

      type Report = { total: number; byMeasure: { measure: string; count: number }[]; byIndustry: unknown[]; items: { failed: string[]; on: string }[] };
      const report = ok<Report>(await leader.get('/api/promotion/reports/rejections?from=2026-11-01&to=2026-11-30'));
      expect(report.total).toBe(1);
      expect(report.items[0]).toMatchObject({ leadId: lead.rejected, industry: 'fineChemical', on: '2026-11-23' });
      expect(report.items[0]!.failed).toEqual(expect.arrayContaining(['investmentIntensity', 'taxPerMu']));
      expect(report.byMeasure).toEqual(
        expect.arrayContaining([
          { measure: 'investmentIntensity', count: 1 },
          { measure: 'taxPerMu', count: 1 },
        ]),
      );
      expect(report.byIndustry).toEqual([{ industry: 'fineChemical', count: 1 }]);
      expect(ok<Report>(await outsider.get('/api/promotion/reports/rejections?from=2026-11-01&to=2026-11-30')).total).toBe(0);
      expect(ok<Report>(await leader.get('/api/promotion/reports/rejections?from=2026-11-24&to=2026-11-30')).total).toBe(0);
    });

    it('shows the kanban: every stage with count, planned investment and cards, the list filters and visibility', async () => {
      type Board = { columns: { stage: string; count: number; plannedInvestment: string; cards: { id: string }[] }[] };
      const board = ok<Board>(await staff2.get('/api/promotion/board'));
      expect(board.columns.map((c) => c.stage)).toEqual(['lead', 'negotiating', 'signed', 'preStart', 'started', 'capitalInPlace', 'production']);
      const byStage = Object.fromEntries(board.columns.map((c) => [c.stage, c]));
      expect(byStage.lead).toMatchObject({ count: 1, plannedInvestment: '20000.25', cards: [{ id: lead.fresh }] });
      expect(byStage.capitalInPlace).toMatchObject({ count: 1, plannedInvestment: '50000.00', cards: [{ id: lead.signed }] });
      expect(byStage.production).toMatchObject({ count: 0, plannedInvestment: '0.00', cards: [] });
      // the rejected lead is out of the default (active) board, in the rejected one
      const rejected = ok<Board>(await staff2.get('/api/promotion/board?outcome=rejected'));
      expect(rejected.columns.find((c) => c.stage === 'lead')!.cards.map((c) => c.id)).toEqual([lead.rejected]);
      expect(ok<Board>(await staff2.get(`/api/promotion/board?teamId=${team.b}`)).columns.every((c) => c.count === 0)).toBe(true);
      const mine = ok<Board>(await outsider.get('/api/promotion/board'));
      expect(mine.columns.find((c) => c.stage === 'lead')!.cards.map((c) => c.id)).toEqual([lead.outsider]);
      expect(mine.columns.reduce((n, c) => n + c.count, 0)).toBe(1);
    });

    it('exports the visible leads with contacts masked for a non-owner and clear for the owner', async () => {
      const download = async (c: Client) => {
        const res = await c.get('/api/promotion/leads/export?sort=registeredOn');
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toContain('spreadsheetml');
        const rows = await sheetRows(res.rawPayload);
        return rows.find((r) => r.includes('ZS2026-0001'))!;
      };
      const mine = await download(staff1);
      expect(mine).toEqual(expect.arrayContaining([USCC, '陈晓明 13800001111', '13700002222', '恒力石化（大连）有限公司', '到资', '张干事', '石化组']));
      const theirs = await download(staff2);
      expect(theirs).toEqual(expect.arrayContaining([maskUscc(USCC)!, `陈*明 ${maskPhone('13800001111')}`, maskPhone('13700002222')!]));
      expect(theirs.join('|')).not.toContain('13800001111');
      expect(theirs.join('|')).not.toContain(USCC);
      // the outsider's export holds only its own lead
      const res = await outsider.get('/api/promotion/leads/export');
      const codes = (await sheetRows(res.rawPayload)).map((r) => r.find((c) => /^ZS2026-/.test(c))).filter(Boolean);
      expect(codes).toHaveLength(1);
      const [audit] = await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from audit_log where action = 'promotion.lead.export' and user_id = ${ids.staff2}`,
      );
      expect(audit!.n).toBe(1);
      const [masked] = await queryRows<{ diff: { rows: number; masked: number } }>(
        db(),
        sql`select diff from audit_log where action = 'promotion.lead.export' and user_id = ${ids.staff2}`,
      );
      expect(masked!.diff).toMatchObject({ rows: 2, masked: 2 });
    });
  });
}
