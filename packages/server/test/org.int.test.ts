import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zoneops/shared';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';
import type { App } from '../src/app.ts';

describe.each(engines())('organisation, scopes and bad input on %s', (engine) => {
  let env: TestEnv;
  let app: App['app'];
  let admin: Client;
  let dept: Client;
  let deptUnit: string;
  let section: string;
  let otherUnit: string;

  beforeAll(async () => {
    env = await createEnv(engine);
    ({ app } = await env.start());
    const db = env.database.db;
    const root = await buildUnit(db, { name: '管委会', kind: 'administration' });
    deptUnit = (await buildUnit(db, { name: '建设局', parentId: root.id })).id;
    section = (await buildUnit(db, { name: '重点项目科', parentId: deptUnit, kind: 'section' })).id;
    otherUnit = (await buildUnit(db, { name: '应急管理局', parentId: root.id })).id;
    await buildUser(db, { username: 'sys', unitId: root.id, roles: ['systemAdmin'] });
    await buildUser(db, { username: 'depthead', unitId: deptUnit, roles: ['deptAdmin'] });
    await buildUser(db, { username: 'sectionclerk', unitId: section, roles: ['staff'] });
    await buildUser(db, { username: 'outsider', unitId: otherUnit, roles: ['staff'], phone: '13800001111' });
    admin = await login(app, 'sys');
    dept = await login(app, 'depthead');
  });
  afterAll(() => env.close());

  it('shows a department head only the users of their unit and below, and the menus of their role', async () => {
    const list = (await dept.get('/api/users?pageSize=100')).json();
    expect(list.items.map((u: { username: string }) => u.username).sort()).toEqual(['depthead', 'sectionclerk']);
    expect((await dept.get('/api/auth/me')).json().menus).toEqual([
      'workbench',
      'cockpit',
      'bigScreen',
      'projects',
      'battleMap',
      'projectDashboard',
      'promotionLeads',
      'promotionTeams',
      'promotionChains',
      'serviceRequests',
      'servicePairings',
      'serviceMetrics',
      'economy',
      'economyFigures',
      'economyBulletin',
      'assessments',
      'supervision',
      'rectification',
      'meetings',
      'units',
      'users',
      'enterprises',
    ]);
    const outsider = (await admin.get('/api/users?q=outsider')).json().items[0];
    expect((await dept.get(`/api/users/${outsider.id}`)).statusCode).toBe(404);
    expect((await dept.send('PATCH', `/api/users/${outsider.id}`, { displayName: 'x' })).statusCode).toBe(404);
  });

  it('lets a department head create a user in their own unit but not in another', async () => {
    const ok = await dept.send('POST', '/api/users', { username: 'newclerk', displayName: '新科员', unitId: section, phone: '13600001234' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.roles.map((r: { code: string }) => r.code)).toEqual(['staff']);
    expect(ok.json().initialPassword).toMatch(/.{12}/);
    const denied = await dept.send('POST', '/api/users', { username: 'sneaky', displayName: 'x', unitId: otherUnit });
    expect(denied.statusCode).toBe(403);
    const roleGrab = await dept.send('POST', '/api/users', { username: 'sneaky2', displayName: 'x', unitId: section, roleIds: [] });
    expect(roleGrab.json().code).toBe('FORBIDDEN');
    expect((await admin.get('/api/users?q=sneaky')).json().total).toBe(0);
  });

  it('masks phone numbers for users without the field right', async () => {
    const clerk = await login(app, 'sectionclerk');
    const items = (await clerk.get('/api/users?pageSize=100')).json().items as { phone: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    for (const u of items) expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await admin.get('/api/users?q=outsider')).json().items[0].phone).toBe('13800001111');
  });

  it('rejects duplicate usernames, unknown fields, wrong types and oversized bodies, changing nothing', async () => {
    const dup = await admin.send('POST', '/api/users', { username: 'depthead', displayName: 'x', unitId: deptUnit });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'USERNAME_TAKEN', details: [{ path: 'body.username' }] });
    const unknown = await admin.send('POST', '/api/units', { parentId: null, name: 'x', kind: 'bureau', colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    const wrongType = await admin.send('POST', '/api/units', { parentId: null, name: 42, kind: 'planet' });
    expect(
      wrongType
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.kind', 'body.name']);
    const big = await admin.send('POST', '/api/units', { parentId: null, name: 'x'.repeat(2_000_000), kind: 'bureau' });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/units',
      cookies: { zo_sid: admin.cookie },
      headers: { 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(malformed.json().code).toBe('MALFORMED_REQUEST');
    expect(malformed.body).not.toMatch(/at .*\.ts/);
    const text = await app.inject({
      method: 'POST',
      url: '/api/units',
      cookies: { zo_sid: admin.cookie },
      headers: { 'x-csrf-token': admin.csrf, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const units = (await admin.get('/api/units')).json() as { name: string }[];
    expect(units.map((u) => u.name)).not.toContain('x');
  });

  it('serves the API description without signing in, and answers unknown routes in the error format', async () => {
    const spec = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().paths['/api/users']).toBeDefined();
    const missing = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.json().requestId).toBeTruthy();
  });

  it('refuses cycles in the unit tree and deleting a unit that has users', async () => {
    const cycle = await admin.send('PATCH', `/api/units/${deptUnit}`, { parentId: section });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().code).toBe('UNIT_CYCLE');
    const self = await admin.send('PATCH', `/api/units/${deptUnit}`, { parentId: deptUnit });
    expect(self.json().code).toBe('UNIT_CYCLE');
    const del = await admin.send('DELETE', `/api/units/${otherUnit}`);
    expect(del.json()).toMatchObject({ code: 'UNIT_NOT_EMPTY', details: { users: 1 } });
  });

  it('moves a subtree with its paths, so scopes follow the move', async () => {
    const branch = (await admin.send('POST', '/api/units', { parentId: otherUnit, name: '临时科', kind: 'section' })).json();
    await buildUser(env.database.db, { username: 'movedclerk', unitId: branch.id, roles: ['staff'] });
    expect((await dept.get('/api/users?q=movedclerk')).json().total).toBe(0);
    expect((await admin.send('PATCH', `/api/units/${branch.id}`, { parentId: deptUnit })).statusCode).toBe(200);
    expect((await dept.get('/api/users?q=movedclerk')).json().total).toBe(1);
  });

  it('validates credit codes with the GB 32100 check character and keeps SQL and HTML as text', async () => {
    const valid = completeUscc('91350623MA2XY1234');
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const bad = await admin.send('POST', '/api/enterprises', { name: '错误企业', uscc: wrongCheck });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.uscc' }] });
    const name = `<script>alert(1)</script>'; drop table users; --`;
    const ok = await admin.send('POST', '/api/enterprises', { name, uscc: valid, contactPhone: '13912340000', legalRep: '欧阳娜娜' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe(name);
    const dup = await admin.send('POST', '/api/enterprises', { name: 'again', uscc: valid });
    expect(dup.json().code).toBe('USCC_TAKEN');
    const clerk = await login(app, 'sectionclerk');
    const seen = (await clerk.get(`/api/enterprises/${ok.json().id}`)).json();
    expect(seen).toMatchObject({ uscc: `${valid.slice(0, 4)}**********${valid.slice(-4)}`, contactPhone: '139****0000', legalRep: '欧**娜' });
    expect((await admin.get('/api/users?pageSize=1')).statusCode).toBe(200);
  });

  it('exports users as xlsx with the same scope and masking', async () => {
    const res = await dept.get('/api/users/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets[0]!.getColumn(2).values.slice(2);
    expect(names).not.toContain('outsider');
    expect(names).toContain('depthead');
  });

  it('keeps the three administrators apart', async () => {
    const roles = (await admin.get('/api/roles')).json() as { id: string; code: string }[];
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    expect((await admin.send('POST', '/api/roles', { code: 'x', name: 'x', permissions: [], dataScope: 'self' })).statusCode).toBe(403);
    await buildUser(env.database.db, { username: 'sec', unitId: deptUnit, roles: ['securityAdmin'] });
    await buildUser(env.database.db, { username: 'aud', unitId: deptUnit, roles: ['auditor'] });
    const sec = await login(app, 'sec');
    const aud = await login(app, 'aud');
    expect((await sec.send('POST', '/api/users', { username: 'byseс', displayName: 'x', unitId: deptUnit })).statusCode).toBe(403);
    expect((await sec.get('/api/audit')).statusCode).toBe(403);
    expect((await aud.get('/api/users')).statusCode).toBe(403);
    const mixed = await sec.send('POST', '/api/roles', {
      code: 'superAdmin',
      name: '超级管理员',
      permissions: ['units.write', 'audit.read'],
      dataScope: 'all',
    });
    expect(mixed.json().code).toBe('ADMIN_SEPARATION');
    const target = (await admin.get('/api/users?q=sectionclerk')).json().items[0];
    const ids = (...codes: string[]) => roles.filter((r) => codes.includes(r.code)).map((r) => r.id);
    expect((await sec.send('PUT', `/api/users/${target.id}/roles`, { roleIds: ids('systemAdmin', 'auditor') })).json().code).toBe('ADMIN_SEPARATION');
    expect((await sec.send('PUT', `/api/users/${target.id}/roles`, { roleIds: ids('staff', 'leader') })).statusCode).toBe(200);
    const me = (await sec.get('/api/auth/me')).json();
    expect((await sec.send('PUT', `/api/users/${me.id}/roles`, { roleIds: ids('systemAdmin') })).json().code).toBe('FORBIDDEN');
  });
});
