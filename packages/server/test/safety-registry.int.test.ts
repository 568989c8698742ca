// The safety registry over HTTP (issue 7): hazard sources with validation errors naming their fields, the default
// assessment due date, soft delete refused while points remain; device tokens answered once and stored only as
// sha256 (rotation makes the old digest disappear, revocation stamps revoked_at), gateways' devices without tokens,
// stations with their MN and factor points; points with thresholds checked (ll < l < h < hh, inside the range, also
// after a partial edit); visibility (an enterprise sees its own, a street its enterprises, others answer 404);
// masking of the responsible persons; the spreadsheet import (template, preview with errors per row and column,
// annotated workbook, all or nothing); audit records; and the zoneops_safety notice of every registry write.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import {
  completeUscc,
  XLSX_MIME,
  type DeviceWithToken,
  type MajorHazard,
  type MajorHazardDetail,
  type MonitoringPoint,
  type PointImportPreview,
} from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, roles, users } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import type { SafetyEvent } from '../src/modules/safety/safety-events.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

for (const engine of engines()) {
  describe(`safety registry on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let firm: Client;
    let firm2: Client;
    let street: Client;
    let e1 = '';
    let e2 = '';
    const heard: SafetyEvent[] = [];
    const db = () => env.database.db;
    const count = async (table: string, where = sql``) =>
      (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)} ${where}`))[0]!.n;
    const audits = (action: string) => count('audit_log', sql`where action = ${action}`);

    const person = (name: string, phone: string) => ({ name, phone });
    const source = (over: Record<string, unknown> = {}) => ({
      code: 'GL-HS-001',
      name: '芳烃罐区',
      enterpriseId: e1,
      level: 2,
      installations: [{ name: '1# 对二甲苯储罐', kind: 'tank', capacity: '2 × 5000 m³' }],
      responsible: { main: person('王大山', '13900001111'), technical: person('李工', '13900002222'), operational: person('陈操作', '13900003333') },
      assessedOn: '2025-06-30',
      lng: 117.6,
      lat: 23.7,
      ...over,
    });
    const point = (deviceId: string, over: Record<string, unknown> = {}) => ({
      enterpriseId: e1,
      deviceId,
      tag: 'LT-101',
      name: '1# 储罐液位',
      kind: 'level',
      unit: 'm',
      rangeLow: 0,
      rangeHigh: 20,
      ll: 1,
      l: 2,
      h: 16,
      hh: 18,
      deadband: 0.2,
      minDurationS: 10,
      expectedIntervalS: 5,
      ...over,
    });
    const paths = (res: { json: () => unknown }) => ((res.json() as { details?: { path: string }[] }).details ?? []).map((d) => d.path);

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      app.safety.events.on((e) => heard.push(e));
      const d = db();
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      const streetA = await buildUnit(d, { name: '古雷街道', parentId: root.id, kind: 'street' });
      const streetB = await buildUnit(d, { name: '杜浔街道', parentId: root.id, kind: 'street' });
      const [x1] = await d
        .insert(enterprises)
        .values({ name: '古雷石化有限公司', uscc: completeUscc('91350623MA3000001'), streetId: streetA.id })
        .returning();
      const [x2] = await d
        .insert(enterprises)
        .values({ name: '腾龙芳烃有限公司', uscc: completeUscc('91350623MA3000002'), streetId: streetB.id })
        .returning();
      e1 = x1!.id;
      e2 = x2!.id;
      // a street's safety staff: reads the registry of its street's enterprises, without the contact fields in clear
      await d.insert(roles).values({ code: 'streetSafety', name: '街道安监员', permissions: ['safety.read', 'workbench.view'], dataScope: 'unit' });
      await buildUser(d, { username: 'anjianyuan', unitId: root.id, roles: ['safetyOfficer'] });
      const f1 = await buildUser(d, { username: 'firm1', unitId: streetA.id, roles: ['enterpriseUser'] });
      const f2 = await buildUser(d, { username: 'firm2', unitId: streetB.id, roles: ['enterpriseUser'] });
      await buildUser(d, { username: 'jiedao', unitId: streetA.id, roles: ['streetSafety'] });
      await d.update(users).set({ enterpriseId: e1 }).where(eq(users.id, f1.id));
      await d.update(users).set({ enterpriseId: e2 }).where(eq(users.id, f2.id));
      [officer, firm, firm2, street] = (await Promise.all(['anjianyuan', 'firm1', 'firm2', 'jiedao'].map((u) => login(app.app, u)))) as [
        Client,
        Client,
        Client,
        Client,
      ];
    });
    afterAll(() => env?.close());

    let sourceId = '';
    let deviceId = '';
    let gatewayId = '';
    let childId = '';

    it('hazard sources: validation errors name their fields; the assessment is due 3 years later; codes are unique; edits are audited', async () => {
      const bad = await officer.send('POST', '/api/safety/major-hazards', {
        ...source({ level: 5, responsible: { main: person('王大山', '12345'), operational: person('陈操作', '13900003333') } }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(paths(bad)).toEqual(expect.arrayContaining(['body.level', 'body.responsible.main.phone', 'body.responsible.technical']));
      const order = await officer.send('POST', '/api/safety/major-hazards', source({ assessmentDueOn: '2025-01-01' }));
      expect(paths(order)).toEqual(['body.assessmentDueOn']);

      const created = await officer.send('POST', '/api/safety/major-hazards', source());
      expect(created.statusCode).toBe(200);
      const s = created.json<MajorHazard>();
      sourceId = s.id;
      expect(s).toMatchObject({ code: 'GL-HS-001', level: 2, enterpriseName: '古雷石化有限公司', assessmentDueOn: '2028-06-30', assessmentOverdue: false });
      expect(s.responsible.main).toEqual(person('王大山', '13900001111'));
      expect(s.responsibleMasked).toBe(false);

      const dup = await officer.send('POST', '/api/safety/major-hazards', source({ name: '另一个' }));
      expect(dup.statusCode).toBe(409);
      expect(paths(dup)).toEqual(['body.code']);
      const stranger = await officer.send('POST', '/api/safety/major-hazards', source({ code: 'X', enterpriseId: '00000000-0000-4000-8000-000000000999' }));
      expect(paths(stranger)).toEqual(['body.enterpriseId']);

      // a new assessment date moves the due date; the edit is audited with before and after
      const edited = await officer.send('PATCH', `/api/safety/major-hazards/${sourceId}`, { level: 1, assessedOn: '2023-01-10' });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ level: 1, assessedOn: '2023-01-10', assessmentDueOn: '2026-01-10', assessmentOverdue: true });
      const [rec] = await queryRows<{ diff: { changed: Record<string, { from: unknown; to: unknown }> } }>(
        db(),
        sql`select diff from audit_log where action = 'safety.majorHazard.update' and entity_id = ${sourceId}`,
      );
      expect(rec!.diff.changed.level).toEqual({ from: 2, to: 1 });
      expect(rec!.diff.changed.assessmentDueOn).toEqual({ from: '2028-06-30', to: '2026-01-10' });
      expect(await audits('safety.majorHazard.create')).toBe(1);

      await officer.send('POST', '/api/safety/major-hazards', source({ code: 'TL-HS-001', name: '腾龙罐区', enterpriseId: e2, level: 3 }));
      const overdue = await officer.get('/api/safety/major-hazards?overdue=true');
      expect(overdue.json().items.map((x: MajorHazard) => x.code)).toEqual(['GL-HS-001']);
      const sorted = await officer.get('/api/safety/major-hazards?sort=-level');
      expect(sorted.json().items.map((x: MajorHazard) => x.level)).toEqual([3, 1]);
      expect((await officer.get(`/api/safety/major-hazards?enterpriseId=${e2}`)).json().total).toBe(1);
      expect((await officer.get('/api/safety/major-hazards?sort=-points&level=1')).json().items.map((x: MajorHazard) => x.code)).toEqual(['GL-HS-001']);
      expect((await officer.get(`/api/safety/major-hazards?q=${encodeURIComponent('芳烃罐')}`)).json().total).toBe(1);
    });

    it('an enterprise user reads its own registry only and may not change it', async () => {
      const own = await firm.get('/api/safety/major-hazards');
      expect(own.json().items.map((x: MajorHazard) => x.enterpriseId)).toEqual([e1]);
      const other = (await officer.get(`/api/safety/major-hazards?enterpriseId=${e2}`)).json().items[0] as MajorHazard;
      expect((await firm.get(`/api/safety/major-hazards/${other.id}`)).statusCode).toBe(404);
      expect((await firm2.get(`/api/safety/major-hazards/${sourceId}`)).statusCode).toBe(404);
      expect((await firm.get(`/api/safety/major-hazards/${sourceId}`)).statusCode).toBe(200);
      // safety.handle is not safety.manage
      expect((await firm.send('POST', '/api/safety/major-hazards', source({ code: 'F-1' }))).statusCode).toBe(403);
      expect((await firm.send('PATCH', `/api/safety/major-hazards/${sourceId}`, { name: 'x' })).statusCode).toBe(403);
      expect((await firm.send('POST', '/api/safety/devices', { kind: 'device', name: 'x', enterpriseId: e1 })).statusCode).toBe(403);
      // the street sees its street's enterprise only
      const streetList = await street.get('/api/safety/major-hazards');
      expect(streetList.json().items.map((x: MajorHazard) => x.code)).toEqual(['GL-HS-001']);
      expect((await street.get(`/api/safety/major-hazards/${other.id}`)).statusCode).toBe(404);
    });

    it('responsible persons are masked without field.phone / field.personName, on screen and in the export', async () => {
      const seen = (await street.get(`/api/safety/major-hazards/${sourceId}`)).json<MajorHazardDetail>();
      expect(seen.responsibleMasked).toBe(true);
      expect(seen.responsible.main).toEqual({ name: '王*山', phone: '139****1111' });
      expect(seen.responsible.technical.phone).toBe('139****2222');
      const clear = (await officer.get(`/api/safety/major-hazards/${sourceId}`)).json<MajorHazardDetail>();
      expect(clear.responsible.main.phone).toBe('13900001111');

      const exported = await street.get('/api/safety/major-hazards/export');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe(XLSX_MIME);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
      const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
      expect(text).toContain('139****1111');
      expect(text).not.toContain('13900001111');
      expect(text).toContain('GL-HS-001');
      expect(text).not.toContain('TL-HS-001');

      // a masked phone sent back unchanged keeps the stored number; another masked text is refused
      const kept = await officer.send('PATCH', `/api/safety/major-hazards/${sourceId}`, {
        responsible: { ...clear.responsible, main: { name: '王大山', phone: '139****1111' } },
      });
      expect(kept.statusCode).toBe(200);
      const [stored] = await queryRows<{ phone: string }>(db(), sql`select responsible->'main'->>'phone' as phone from major_hazards where id = ${sourceId}`);
      expect(stored!.phone).toBe('13900001111');
      const wrong = await officer.send('PATCH', `/api/safety/major-hazards/${sourceId}`, {
        responsible: { ...clear.responsible, main: { name: '王大山', phone: '139****9999' } },
      });
      expect(paths(wrong)).toEqual(['body.responsible.main.phone']);
    });

    it('device tokens: answered once, stored only as sha256 with a hint; rotation retires the old digest; revocation stamps revoked_at', async () => {
      const created = await officer.send('POST', '/api/safety/devices', { kind: 'device', name: '罐区 RTU-1', enterpriseId: e1, expectedIntervalS: 5 });
      expect(created.statusCode).toBe(200);
      const { device, token } = created.json<DeviceWithToken>();
      deviceId = device.id;
      expect(token).toMatch(/^zsd_[0-9A-Za-z]{32}$/);
      expect(device).toMatchObject({ hasToken: true, tokenHint: token!.slice(-4), status: 'never', revokedAt: null });
      const [row] = await queryRows<Record<string, unknown>>(db(), sql`select * from safety_devices where id = ${deviceId}`);
      expect(row!.token_hash).toBe(sha256(token!));
      expect(row!.token_hint).toBe(token!.slice(-4));
      expect(row!.token_issued_at).not.toBeNull();
      expect(JSON.stringify(row)).not.toContain(token!);
      // the token is never answered again nor written to the trail
      const again = await officer.get(`/api/safety/devices/${deviceId}`);
      expect(again.body).not.toContain(token!);
      expect(again.json()).not.toHaveProperty('token');
      const trail = await queryRows<{ d: string }>(db(), sql`select coalesce(diff::text, '') as d from audit_log`);
      expect(trail.some((t) => t.d.includes(token!) || t.d.includes(sha256(token!)))).toBe(false);

      const rotated = await officer.send('POST', `/api/safety/devices/${deviceId}/rotate-token`);
      expect(rotated.statusCode).toBe(200);
      const next = rotated.json<DeviceWithToken>().token!;
      expect(next).not.toBe(token);
      expect(await count('safety_devices', sql`where token_hash = ${sha256(token!)}`)).toBe(0);
      expect(await count('safety_devices', sql`where token_hash = ${sha256(next)}`)).toBe(1);

      env.clock.advance(60_000);
      const revoked = await officer.send('POST', `/api/safety/devices/${deviceId}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ status: 'revoked', revokedAt: env.clock.now().toISOString() });
      const [r2] = await queryRows<{ revokedAt: Date | string | null }>(db(), sql`select revoked_at as "revokedAt" from safety_devices where id = ${deviceId}`);
      expect(new Date(r2!.revokedAt!).toISOString()).toBe(env.clock.now().toISOString());
      expect((await officer.get('/api/safety/devices?status=revoked')).json().items.map((d: { id: string }) => d.id)).toEqual([deviceId]);
      // a rotation issues a working token again
      const back = await officer.send('POST', `/api/safety/devices/${deviceId}/rotate-token`);
      expect(back.json<DeviceWithToken>().device).toMatchObject({ status: 'never', revokedAt: null });
      for (const action of ['safety.device.create', 'safety.device.revoke']) expect(await audits(action)).toBe(1);
      expect(await audits('safety.device.rotateToken')).toBe(2);
    });

    it('gateways carry devices by name (no token of their own); stations have a unique MN and factor points', async () => {
      const gw = (await officer.send('POST', '/api/safety/devices', { kind: 'gateway', name: '罐区网关', enterpriseId: e1 })).json<DeviceWithToken>();
      gatewayId = gw.device.id;
      expect(gw.token).toMatch(/^zsd_/);
      const child = await officer.send('POST', '/api/safety/devices', { kind: 'device', name: 'GD-01', enterpriseId: e1, gatewayId });
      expect(child.statusCode).toBe(200);
      childId = child.json<DeviceWithToken>().device.id;
      expect(child.json()).toMatchObject({ token: null, device: { hasToken: false, tokenHint: null, gatewayName: '罐区网关' } });
      const same = await officer.send('POST', '/api/safety/devices', { kind: 'device', name: 'GD-01', enterpriseId: e1, gatewayId });
      expect(same.statusCode).toBe(409);
      expect(paths(same)).toEqual(['body.name']);
      expect((await officer.send('POST', `/api/safety/devices/${childId}/rotate-token`)).statusCode).toBe(409);
      const wrongKind = await officer.send('POST', '/api/safety/devices', { kind: 'gateway', name: 'g2', enterpriseId: e1, gatewayId });
      expect(paths(wrongKind)).toEqual(['body.gatewayId']);

      const noMn = await officer.send('POST', '/api/safety/devices', { kind: 'station', name: '站', enterpriseId: e1 });
      expect(paths(noMn)).toEqual(['body.mn']);
      const badFactor = await officer.send('POST', '/api/safety/devices', {
        kind: 'station',
        name: '站',
        enterpriseId: e1,
        mn: 'MN001',
        factors: ['a34004', 'x99999'],
      });
      expect(paths(badFactor)).toEqual(['body.factors.1']);
      const station = await officer.send('POST', '/api/safety/devices', {
        kind: 'station',
        name: '古雷空气站',
        enterpriseId: e1,
        mn: '88888880000001',
        factors: ['a34004', 'a21026'],
        majorHazardId: sourceId,
      });
      expect(station.statusCode).toBe(200);
      expect(station.json()).toMatchObject({ token: null, points: 2, device: { kind: 'station', mn: '88888880000001', hasToken: false } });
      const stationId = station.json<DeviceWithToken>().device.id;
      const factorPoints = (await officer.get(`/api/safety/points?deviceId=${stationId}&sort=tag`)).json().items as MonitoringPoint[];
      expect(factorPoints.map((x) => [x.tag, x.name, x.unit])).toEqual([
        ['a21026', '二氧化硫', 'μg/m³'],
        ['a34004', 'PM2.5', 'μg/m³'],
      ]);
      const twice = await officer.send('POST', '/api/safety/devices', { kind: 'station', name: '另一站', enterpriseId: e1, mn: '88888880000001' });
      expect(twice.statusCode).toBe(409);
      expect(paths(twice)).toEqual(['body.mn']);
      expect((await officer.get('/api/safety/devices?kind=station')).json().total).toBe(1);
      // sorts by the computed columns
      const byPoints = await officer.get('/api/safety/devices?sort=-points');
      expect(byPoints.statusCode).toBe(200);
      expect(byPoints.json().items[0].points).toBe(2);
      expect((await officer.get('/api/safety/devices?sort=lastSeenAt&status=never')).statusCode).toBe(200);
      expect((await officer.get(`/api/safety/devices?gatewayId=${gatewayId}`)).json().items.map((d: { id: string }) => d.id)).toEqual([childId]);
    });

    it('points: thresholds in order and inside the range (also after a partial edit), one tag per device, not on a gateway', async () => {
      const order = await officer.send('POST', '/api/safety/points', point(deviceId, { ll: 3, l: 2 }));
      expect(order.statusCode).toBe(400);
      expect(paths(order)).toEqual(['body.l']);
      const range = await officer.send('POST', '/api/safety/points', point(deviceId, { hh: 25 }));
      expect(paths(range)).toEqual(['body.hh']);
      const lowHigh = await officer.send('POST', '/api/safety/points', point(deviceId, { rangeLow: 30 }));
      expect(paths(lowHigh)).toContain('body.rangeHigh');
      const negative = await officer.send('POST', '/api/safety/points', point(deviceId, { deadband: -1, kind: 'noise' }));
      expect(paths(negative)).toEqual(expect.arrayContaining(['body.deadband', 'body.kind']));
      const onGateway = await officer.send('POST', '/api/safety/points', point(gatewayId));
      expect(paths(onGateway)).toEqual(['body.deviceId']);
      const wrongSource = await officer.send('POST', '/api/safety/points', point(deviceId, { enterpriseId: e2 }));
      expect(paths(wrongSource)).toEqual(['body.deviceId']);

      const created = await officer.send('POST', '/api/safety/points', point(deviceId, { majorHazardId: sourceId }));
      expect(created.statusCode).toBe(200);
      const pt = created.json<MonitoringPoint>();
      expect(pt).toMatchObject({ tag: 'LT-101', deviceName: '罐区 RTU-1', majorHazardCode: 'GL-HS-001', hh: 18, enabled: true, staleAfterIntervals: 3 });
      const dup = await officer.send('POST', '/api/safety/points', point(deviceId, { name: '重复' }));
      expect(dup.statusCode).toBe(409);
      expect(paths(dup)).toEqual(['body.tag']);
      // the same tag on another device is another point
      expect((await officer.send('POST', '/api/safety/points', point(childId, { majorHazardId: sourceId }))).statusCode).toBe(200);

      const above = await officer.send('PATCH', `/api/safety/points/${pt.id}`, { h: 19 });
      expect(above.statusCode).toBe(400);
      expect(paths(above)).toEqual(['body.hh']);
      const ok = await officer.send('PATCH', `/api/safety/points/${pt.id}`, { h: 15, hh: null, enabled: false });
      expect(ok.json()).toMatchObject({ h: 15, hh: null, enabled: false, ll: 1 });
      expect((await firm.send('PATCH', `/api/safety/points/${pt.id}`, { h: 14 })).statusCode).toBe(403);

      // lists: filters and visibility
      expect((await officer.get(`/api/safety/points?majorHazardId=${sourceId}&kind=level`)).json().total).toBe(2);
      expect((await officer.get('/api/safety/points?enabled=false')).json().items.map((x: MonitoringPoint) => x.id)).toEqual([pt.id]);
      expect((await firm2.get('/api/safety/points')).json().total).toBe(0);
      expect((await firm2.get(`/api/safety/points/${pt.id}`)).statusCode).toBe(404);
      expect((await firm2.get(`/api/safety/devices/${deviceId}`)).statusCode).toBe(404);
      expect((await firm.get('/api/safety/points')).json().total).toBe(4);

      const detail = (await officer.get(`/api/safety/major-hazards/${sourceId}`)).json<MajorHazardDetail>();
      expect(detail.points).toBe(4);
      expect(detail.pointList.map((x) => x.tag).sort()).toEqual(['LT-101', 'LT-101', 'a21026', 'a34004']);
      expect(detail.deviceCounts).toEqual({ online: 0, offline: 0, never: 3, revoked: 0 });
      expect(await audits('safety.point.create')).toBe(2);
      expect(await audits('safety.point.update')).toBe(1);
    });

    it('deletes are soft and refused while something still hangs on the record', async () => {
      const refused = await officer.send('DELETE', `/api/safety/major-hazards/${sourceId}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toMatch(/4 monitoring points/);
      expect((await officer.send('DELETE', `/api/safety/devices/${gatewayId}`)).statusCode).toBe(409);

      const tl = (await officer.get(`/api/safety/major-hazards?enterpriseId=${e2}`)).json().items[0] as MajorHazard;
      expect((await officer.send('DELETE', `/api/safety/major-hazards/${tl.id}`)).statusCode).toBe(200);
      expect((await officer.get(`/api/safety/major-hazards/${tl.id}`)).statusCode).toBe(404);
      expect(await count('major_hazards', sql`where id = ${tl.id} and deleted_at is not null`)).toBe(1);
      expect(await audits('safety.majorHazard.delete')).toBe(1);
    });

    it('a registry write is announced on zoneops_safety when it commits', async () => {
      heard.length = 0;
      const res = await officer.send('PATCH', `/api/safety/devices/${deviceId}`, { expectedIntervalS: 10 });
      expect(res.statusCode).toBe(200);
      await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'registry' }), { timeout: 10_000 });
    });

    describe('import of points from a spreadsheet', () => {
      const upload = (body: Buffer, mode: 'preview' | 'annotate' | 'commit') =>
        officer.send('POST', `/api/safety/points/import?mode=${mode}`, body, { 'content-type': XLSX_MIME });
      /** The template filled with rows (in its own column order, from its header row). */
      const filled = async (rows: Record<string, string | number>[]) => {
        const template = await officer.get('/api/safety/points/import/template');
        expect(template.statusCode).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(template.rawPayload as unknown as ExcelJS.Buffer);
        const ws = wb.worksheets[0]!;
        let headerRow = 0;
        const cols = new Map<string, number>();
        ws.eachRow((row, n) => {
          if (headerRow) return;
          row.eachCell((cell, c) => {
            const h = cell.text.replace(/^\*/, '');
            if (h === '位号') headerRow = n;
            cols.set(h, c);
          });
        });
        rows.forEach((r, i) => {
          const row = ws.getRow(headerRow + 1 + i);
          for (const [h, v] of Object.entries(r)) {
            const c = [...cols].find(([k]) => k.startsWith(h))?.[1];
            if (!c) throw new Error(`no column ${h}`);
            row.getCell(c).value = v;
          }
        });
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const row = (tag: string, over: Record<string, string | number> = {}) => ({
        企业: '古雷石化有限公司',
        重大危险源编码: 'GL-HS-001',
        所属设备: '罐区 RTU-1',
        位号: tag,
        点位名称: `点位 ${tag}`,
        类型: '可燃气体',
        单位: '%LEL',
        量程下限: 0,
        量程上限: 100,
        高报: 25,
        高高报: 50,
        ...over,
      });

      it('the template has the columns in Chinese', async () => {
        const template = await officer.get('/api/safety/points/import/template');
        expect(template.headers['content-type']).toBe(XLSX_MIME);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(template.rawPayload as unknown as ExcelJS.Buffer);
        const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
        for (const h of ['企业（信用代码或名称）', '重大危险源编码', '位号', '点位名称', '类型', '单位', '量程下限', '高高报', '低低报', '上报周期（秒）'])
          expect(text).toContain(h);
        expect((await firm.get('/api/safety/points/import/template')).statusCode).toBe(403);
      });

      it('preview names every bad row and column; the annotated workbook marks them; a file with one bad row writes nothing', async () => {
        const file = await filled([
          row('GT-001'),
          row('GT-002', { 企业: '不存在化工' }),
          row('GT-003', { 所属设备: '不存在设备' }),
          row('GT-001', { 点位名称: '重复' }),
          row('LT-101'),
          row('GT-006', { 高报: 60 }),
          row('GT-007', { 点位名称: '', 单位: '' }),
          row('GT-008', { 所属设备: '罐区网关' }),
          row('GT-009', { 重大危险源编码: 'NOPE' }),
          row('GT-010', { 所属设备: '罐区网关/GD-01', 高高报: 150 }),
          row('GT-011', { 企业: completeUscc('91350623MA3000001'), 所属设备: '罐区网关/GD-01' }),
        ]);
        const res = await upload(file, 'preview');
        expect(res.statusCode).toBe(200);
        const p = res.json<PointImportPreview>();
        expect(p).toMatchObject({ mode: 'preview', total: 11, valid: 2, annotatedAvailable: true });
        const byRow = new Map<number, string[]>();
        for (const e of p.errors) byRow.set(e.rowNumber, [...(byRow.get(e.rowNumber) ?? []), e.column ?? '']);
        const first = p.rows[0]!.rowNumber;
        const at = (i: number) => byRow.get(first + i) ?? [];
        expect(at(0)).toEqual([]);
        expect(at(1)).toEqual(['企业（信用代码或名称）']);
        expect(at(2)).toEqual(['所属设备（网关下的设备写 网关/设备）']);
        expect(at(3)).toEqual(['']); // the same tag on the same device earlier in the file
        expect(p.errors.find((e) => e.rowNumber === first + 3)!.message).toContain(`第 ${first} 行`);
        expect(at(4)).toEqual(['位号']);
        expect(at(5)).toEqual(['高高报']);
        expect(at(6)).toEqual(['点位名称', '单位']);
        expect(at(7)).toEqual(['所属设备（网关下的设备写 网关/设备）']);
        expect(at(8)).toEqual(['重大危险源编码']);
        expect(at(9)).toEqual(['高高报']);
        expect(at(10)).toEqual([]);
        expect(p.errors.find((e) => e.rowNumber === first + 5)!.cell).toMatch(/^[A-Z]+\d+$/);
        expect(p.rows.find((r) => r.rowNumber === first + 1)).toMatchObject({ tag: 'GT-002', enterprise: '不存在化工', errors: 1 });

        const annotated = await upload(file, 'annotate');
        expect(annotated.statusCode).toBe(200);
        expect(annotated.headers['x-import-errors']).toBe(String(p.errors.length));
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(annotated.rawPayload as unknown as ExcelJS.Buffer);
        const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
        expect(text).toContain('错误说明');
        expect(text).toContain('不存在化工');
        expect(text).toContain('不在企业库中');

        const before = await count('monitoring_points');
        const refused = await upload(file, 'commit');
        expect(refused.statusCode).toBe(400);
        expect(paths(refused)).toContain(`row${first + 1}.enterprise`);
        expect(await count('monitoring_points')).toBe(before);
        expect(await audits('safety.point.import')).toBe(0);
      });

      it('a clean file of many rows commits in one transaction with one audit record and one notice', async () => {
        const rows = Array.from({ length: 1200 }, (_, i) =>
          row(`AT-${String(i).padStart(4, '0')}`, i % 2 ? { 所属设备: '罐区网关/GD-01', 类型: '有毒气体', 单位: 'ppm' } : {}),
        );
        const file = await filled(rows);
        const before = await count('monitoring_points');
        heard.length = 0;
        const res = await upload(file, 'commit');
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ mode: 'commit', total: 1200, created: 1200 });
        expect(await count('monitoring_points')).toBe(before + 1200);
        expect(await count('monitoring_points', sql`where tag like 'AT-%' and kind = 'toxicGas' and unit = 'ppm' and major_hazard_id = ${sourceId}`)).toBe(600);
        expect(await audits('safety.point.import')).toBe(1);
        const [rec] = await queryRows<{ diff: { created: number } }>(db(), sql`select diff from audit_log where action = 'safety.point.import'`);
        expect(rec!.diff.created).toBe(1200);
        await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'registry' }), { timeout: 10_000 });
        // the same file again: every row is already registered, nothing written
        const again = await upload(file, 'commit');
        expect(again.statusCode).toBe(400);
        expect(await count('monitoring_points')).toBe(before + 1200);

        // the export has the template's layout (imports back) and what the caller sees
        const exported = await firm.get(`/api/safety/points/export?deviceId=${childId}`);
        expect(exported.statusCode).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
        const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
        expect(text).toContain('罐区网关/GD-01');
        expect(text).toContain('有毒气体');
        expect((await firm2.get('/api/safety/points/export')).statusCode).toBe(200);
      });
    });
  });
}
