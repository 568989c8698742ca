// Entry appointments (预约入园, issue 8): validation with field paths (vehicle of the carrier, qualifications valid
// through the window, cargo classes covered by the vehicle, window ≤ 24 h and not ended, route of kind route), the
// code, the two-stage approval with permissions (another enterprise neither sees nor approves; an enterprise user
// cannot approve for the park), rejection and cancellation, wrong states, the history from the audit trail,
// notifications to the next approver, visibility, list filters and export, and the {kind:'park'} notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  APPOINTMENT_CODE_ALPHABET,
  completeUscc,
  type AppointmentOptions,
  type EntryAppointmentDetail,
  type Page,
  type EntryAppointment,
} from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, geofences, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const R = '/api/park/registry';
const A = '/api/park/appointments';
const HOUR = 3_600_000;

for (const engine of engines()) {
  describe(`park appointments on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let firm1: Client;
    let firm2: Client;
    let leader: Client;
    const ids = {
      e1: '',
      e2: '',
      carrier: '',
      other: '',
      vehicle: '',
      foreignVehicle: '',
      driver: '',
      escort: '',
      oldEscort: '',
      route: '',
      park: '',
      firm1: '',
      firm2: '',
      appt: '',
    };
    const notices: string[] = [];

    const at = (h: number) => new Date(env.clock.now().getTime() + h * HOUR).toISOString();
    const base = () => ({
      carrierId: ids.carrier,
      vehicleId: ids.vehicle,
      driverId: ids.driver,
      escortId: ids.escort,
      cargo: [{ unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' }],
      waybillNo: 'YD2026112300001',
      routeId: ids.route,
      windowStart: at(1),
      windowEnd: at(5),
    });
    const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(env.database.db, q))[0]!.n;

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const d = env.database.db;
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const [e1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA4000001') })
        .returning();
      const [e2] = await d
        .insert(enterprises)
        .values({ name: '腾龙芳烃有限公司', uscc: completeUscc('91350623MA4000002') })
        .returning();
      ids.e1 = e1!.id;
      ids.e2 = e2!.id;
      ids.park = (await buildUser(d, { username: 'fengbi3', unitId: root.id, roles: ['parkOfficer'], displayName: '封闭化管理员' })).id;
      await buildUser(d, { username: 'pleader', unitId: root.id, roles: ['leader'] });
      ids.firm1 = (await buildUser(d, { username: 'afirm1', unitId: root.id, roles: ['enterpriseUser'], displayName: '古雷调度' })).id;
      ids.firm2 = (await buildUser(d, { username: 'afirm2', unitId: root.id, roles: ['enterpriseUser'], displayName: '腾龙调度' })).id;
      await d.update(users).set({ enterpriseId: ids.e1 }).where(eq(users.id, ids.firm1));
      await d.update(users).set({ enterpriseId: ids.e2 }).where(eq(users.id, ids.firm2));
      [officer, firm1, firm2, leader] = (await Promise.all(['fengbi3', 'afirm1', 'afirm2', 'pleader'].map((u) => login(app.app, u)))) as [
        Client,
        Client,
        Client,
        Client,
      ];
      const post = async (path: string, body: unknown) => {
        const res = await officer.send('POST', `${R}/${path}`, body);
        if (res.statusCode !== 200) throw new Error(res.body);
        return res.json<{ id: string }>().id;
      };
      ids.carrier = await post('carriers', { name: '漳州危运物流有限公司', licenceNo: 'L-001', licenceExpiresOn: '2027-12-31' });
      ids.other = await post('carriers', { name: '厦门化运有限公司', licenceNo: 'L-002' });
      ids.vehicle = await post('vehicles', { plate: '闽E12345', category: 'hazmat', body: 'tank', carrierId: ids.carrier, hazmatClasses: ['3', '2'] });
      ids.foreignVehicle = await post('vehicles', { plate: '闽D54321', category: 'hazmat', carrierId: ids.other, hazmatClasses: ['3'] });
      const q = (kind: string, name: string, exp: string) => ({
        kind,
        name,
        carrierId: ids.carrier,
        qualificationNo: `Q-${name}`,
        qualificationExpiresOn: exp,
        phone: '13900001111',
      });
      ids.driver = await post('people', q('driver', '王师傅', '2027-01-01'));
      ids.escort = await post('people', q('escort', '李押运', '2026-11-23'));
      ids.oldEscort = await post('people', q('escort', '赵押运', '2026-11-22'));
      const [route] = await d
        .insert(geofences)
        .values({
          kind: 'route',
          name: '危化品专用线路',
          geometry: {
            type: 'LineString',
            coordinates: [
              [117.5, 23.9],
              [117.6, 23.95],
            ],
          },
          widthM: 60,
        })
        .returning();
      ids.route = route!.id;
      app.safety.events.on((e) => {
        if (e.kind === 'park') notices.push(e.what);
      });
    });
    afterAll(() => env?.close());

    it('refuses bad appointments with the field that is wrong, and writes nothing', async () => {
      const cases: [Record<string, unknown>, number, string, string][] = [
        [{ vehicleId: ids.foreignVehicle }, 400, 'VALIDATION_FAILED', 'body.vehicleId'],
        [{ driverId: ids.escort }, 400, 'VALIDATION_FAILED', 'body.driverId'],
        [{ escortId: ids.oldEscort }, 422, 'QUALIFICATION_EXPIRED', 'body.escortId'],
        [{ escortId: null }, 400, 'VALIDATION_FAILED', 'body.escortId'],
        [
          {
            cargo: [
              { unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 1, unit: 't' },
              { unNumber: '1789', name: '盐酸', hazmatClass: '8', quantity: 2, unit: 't' },
            ],
          },
          422,
          'HAZMAT_CLASS_NOT_ALLOWED',
          'body.cargo.1.hazmatClass',
        ],
        [{ windowStart: at(5), windowEnd: at(1) }, 422, 'APPOINTMENT_WINDOW_INVALID', 'body.windowEnd'],
        [{ windowStart: at(-5), windowEnd: at(-1) }, 422, 'APPOINTMENT_WINDOW_INVALID', 'body.windowEnd'],
        [{ windowStart: at(1), windowEnd: at(26) }, 422, 'APPOINTMENT_WINDOW_INVALID', 'body.windowEnd'],
        [{ routeId: ids.carrier }, 400, 'VALIDATION_FAILED', 'body.routeId'],
        [{ cargo: [{ unNumber: '12', name: '汽油', hazmatClass: '3', quantity: 0, unit: 't' }] }, 400, 'VALIDATION_FAILED', 'body.cargo.0.unNumber'],
        [{ waybillNo: '' }, 400, 'VALIDATION_FAILED', 'body.waybillNo'],
      ];
      for (const [patch, status, code, path] of cases) {
        const res = await firm1.send('POST', A, { ...base(), ...patch });
        expect({ patch, status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({ patch, status, code });
        expect(res.json<{ details: { path: string }[] }>().details.map((x) => x.path)).toContain(path);
      }
      // a division of a licensed whole class is covered ('2' ⊇ '2.1')
      expect(await count(sql`select count(*)::int as n from entry_appointments`)).toBe(0);
      // the park must name the destination; an enterprise only its own
      expect((await officer.send('POST', A, base())).json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.enterpriseId' }] });
      expect((await firm1.send('POST', A, { ...base(), enterpriseId: ids.e2 })).statusCode).toBe(403);
      expect((await leader.send('POST', A, { ...base(), enterpriseId: ids.e1 })).statusCode).toBe(403);
    });

    it('the form options: carriers, then the carrier’s vehicles, drivers and escorts with their states; routes; the own enterprise', async () => {
      const o = (await firm1.get(`${A}/options?carrierId=${ids.carrier}`)).json<AppointmentOptions>();
      expect(o.vehicles.map((v) => v.plate)).toEqual(['闽E12345']);
      expect(o.drivers.map((x) => x.name)).toEqual(['王师傅']);
      expect(o.escorts.map((x) => [x.name, x.qualificationState])).toEqual(
        expect.arrayContaining([
          ['李押运', 'expiring'],
          ['赵押运', 'expired'],
        ]),
      );
      expect(o.routes.map((r) => r.id)).toEqual([ids.route]);
      expect(o.enterprises).toEqual([{ id: ids.e1, name: '古雷石化有限公司' }]);
      expect((await officer.get(`${A}/options`)).json<AppointmentOptions>().enterprises).toHaveLength(2);
    });

    it('files, approves by the enterprise then the park, with permissions, notifications and history', async () => {
      const res = await firm1.send('POST', A, {
        ...base(),
        cargo: [
          { unNumber: '1203', name: '汽油', hazmatClass: '3', quantity: 30, unit: 't' },
          { unNumber: '1075', name: '液化石油气', hazmatClass: '2.1', quantity: 5, unit: 't' },
        ],
      });
      expect(res.statusCode).toBe(200);
      const a = res.json<EntryAppointmentDetail>();
      ids.appt = a.id;
      expect(a).toMatchObject({ status: 'submitted', plate: '闽E12345', enterpriseId: ids.e1, routeName: '危化品专用线路', driverName: '王师傅' });
      expect(a.code).toHaveLength(8);
      expect([...a.code].every((c) => APPOINTMENT_CODE_ALPHABET.includes(c))).toBe(true);
      expect(a.can).toEqual({ enterpriseApprove: true, approve: false, reject: true, cancel: true });

      // another enterprise neither sees nor acts
      expect((await firm2.get(`${A}/${a.id}`)).statusCode).toBe(404);
      expect((await firm2.get(A)).json<Page<EntryAppointment>>().total).toBe(0);
      expect((await firm2.send('POST', `${A}/${a.id}/enterprise-approve`)).statusCode).toBe(404);
      // the park cannot approve before the enterprise; the enterprise cannot approve for the park
      expect((await officer.send('POST', `${A}/${a.id}/approve`)).json()).toMatchObject({ code: 'APPOINTMENT_STATE' });
      expect((await firm1.send('POST', `${A}/${a.id}/approve`)).statusCode).toBe(403);

      const ea = await firm1.send('POST', `${A}/${a.id}/enterprise-approve`);
      expect(ea.json<EntryAppointmentDetail>()).toMatchObject({ status: 'enterpriseApproved', enterpriseApprovedByName: '古雷调度' });
      expect((await firm1.send('POST', `${A}/${a.id}/enterprise-approve`)).json()).toMatchObject({ code: 'APPOINTMENT_STATE' });
      // the park approver was told
      expect(await count(sql`select count(*)::int as n from notifications where user_id = ${ids.park} and kind = 'park.appointment'`)).toBe(1);

      const ok = (await officer.send('POST', `${A}/${a.id}/approve`)).json<EntryAppointmentDetail>();
      expect(ok).toMatchObject({ status: 'approved', parkApprovedByName: '封闭化管理员' });
      expect(ok.history.map((h) => h.action)).toEqual(['create', 'enterpriseApprove', 'approve']);
      expect(await count(sql`select count(*)::int as n from notifications where user_id = ${ids.firm1} and kind = 'park.appointment'`)).toBe(1);
      expect(await count(sql`select count(*)::int as n from audit_log where entity_type = 'entryAppointment' and entity_id = ${a.id}`)).toBe(3);

      // the leader (park.read) sees it; masks follow field permissions
      const seen = (await leader.get(`${A}?status=approved`)).json<Page<EntryAppointment>>();
      expect(seen.items.map((x) => x.id)).toEqual([a.id]);
      expect(seen.items[0]!.can).toEqual({ enterpriseApprove: false, approve: false, reject: false, cancel: false });
    });

    it('refuses a second live appointment of the vehicle in an overlapping window, naming the one it overlaps', async () => {
      const code = (await officer.get(`${A}/${ids.appt}`)).json<EntryAppointmentDetail>().code;
      for (const [from, to] of [
        [1, 5],
        [4, 6],
        [0, 2],
        [2, 3],
      ] as const) {
        const res = await firm1.send('POST', A, { ...base(), windowStart: at(from), windowEnd: at(to) });
        expect(res.statusCode).toBe(422);
        const body = res.json<{ code: string; message: string; details: { path: string }[] }>();
        expect(body.code).toBe('APPOINTMENT_WINDOW_INVALID');
        expect(body.details.map((x) => x.path)).toEqual(['body.windowStart']);
        expect(body.message).toContain(code);
      }
      expect(await count(sql`select count(*)::int as n from entry_appointments`)).toBe(1);
    });

    it('rejects with a reason at either stage, cancels before the window ends, and refuses wrong states', async () => {
      // after the approved one's window (one live appointment per vehicle at a time); a rejected or cancelled one
      // does not hold its window
      const later = () => ({ ...base(), windowStart: at(6), windowEnd: at(8) });
      const one = (await firm1.send('POST', A, later())).json<EntryAppointmentDetail>();
      expect((await firm1.send('POST', `${A}/${one.id}/reject`, {})).statusCode).toBe(400);
      const rej = (await firm1.send('POST', `${A}/${one.id}/reject`, { reason: '今日不收货' })).json<EntryAppointmentDetail>();
      expect(rej).toMatchObject({ status: 'rejected', rejectReason: '今日不收货', rejectedByName: '古雷调度' });
      expect(rej.history.at(-1)).toMatchObject({ action: 'reject', reason: '今日不收货' });
      expect((await firm1.send('POST', `${A}/${one.id}/cancel`, {})).json()).toMatchObject({ code: 'APPOINTMENT_STATE' });

      // the park files for an enterprise; the enterprise approves; the park rejects at its stage
      const two = (await officer.send('POST', A, { ...later(), enterpriseId: ids.e1 })).json<EntryAppointmentDetail>();
      expect(two.status).toBe('submitted');
      await firm1.send('POST', `${A}/${two.id}/enterprise-approve`);
      expect((await firm1.send('POST', `${A}/${two.id}/reject`, { reason: 'x' })).json()).toMatchObject({ code: 'APPOINTMENT_STATE' });
      expect((await officer.send('POST', `${A}/${two.id}/reject`, { reason: '线路施工' })).json<EntryAppointmentDetail>().status).toBe('rejected');

      // cancel by the enterprise; not after the window ended
      const three = (await firm1.send('POST', A, later())).json<EntryAppointmentDetail>();
      const four = (await firm1.send('POST', A, { ...base(), windowStart: at(9), windowEnd: at(11) })).json<EntryAppointmentDetail>();
      expect((await firm1.send('POST', `${A}/${three.id}/cancel`, { reason: '车辆故障' })).json<EntryAppointmentDetail>().status).toBe('cancelled');
      // the window of four has ended (moved into the past; sessions would expire if the clock moved on)
      await env.database.db.execute(
        sql`update entry_appointments set window_start = ${new Date(at(-3))}, window_end = ${new Date(at(-1))} where id = ${four.id}`,
      );
      expect((await firm1.send('POST', `${A}/${four.id}/cancel`, {})).json()).toMatchObject({ code: 'APPOINTMENT_STATE' });
      expect((await firm1.send('POST', `${A}/${four.id}/enterprise-approve`)).json()).toMatchObject({ code: 'APPOINTMENT_STATE' });
    });

    it('lists with filters and sort, exports, and announces changes', async () => {
      const all = (await officer.get(`${A}?sort=createdAt`)).json<Page<EntryAppointment>>();
      expect(all.total).toBe(5);
      expect((await officer.get(`${A}?status=rejected`)).json<Page<EntryAppointment>>().total).toBe(2);
      expect((await officer.get(`${A}?plate=闽e12345&enterpriseId=${ids.e1}&carrierId=${ids.carrier}`)).json<Page<EntryAppointment>>().total).toBe(5);
      expect((await officer.get(`${A}?from=2026-11-25`)).json<Page<EntryAppointment>>().total).toBe(0);
      expect((await officer.get(`${A}?from=2026-11-23&to=2026-11-23`)).json<Page<EntryAppointment>>().total).toBe(5);
      expect((await firm1.get(A)).json<Page<EntryAppointment>>().total).toBe(5);
      const xlsx = await firm1.get(`${A}/export?status=approved`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      for (let i = 0; i < 50 && !notices.includes('appointments'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(notices).toContain('appointments');
    });
  });
}
