import { eq, sql } from 'drizzle-orm';
import { registerVisibility } from '../src/platform/access/scope.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zoneops/shared';
import { buildUnit, buildUser, createEnv, engines, login, NEW_PASSWORD, PASSWORD, type Client, type TestEnv } from './harness.ts';
import type { App } from '../src/app.ts';
import { enterprises, roles, users } from '../src/db/schema.ts';
import { currentTotp } from '../src/platform/auth/totp.ts';

describe.each(engines())('API tokens, enterprise users and enforced TOTP on %s', (engine) => {
  let env: TestEnv;
  let app: App['app'];
  let sec: Client;
  let unitId: string;

  beforeAll(async () => {
    env = await createEnv(engine);
    ({ app } = await env.start());
    unitId = (await buildUnit(env.database.db, { name: '党政办' })).id;
    await buildUser(env.database.db, { username: 'sec', unitId, roles: ['securityAdmin'] });
    await buildUser(env.database.db, { username: 'integration', unitId, roles: ['leader'] });
    sec = await login(app, 'sec');
  });
  afterAll(() => env.close());

  it('issues a scoped token that works as a bearer, cannot exceed its scopes, and stops when revoked', async () => {
    const owner = (await sec.get('/api/users?q=integration')).json().items[0];
    const bad = await sec.send('POST', '/api/api-tokens', { name: 'x', userId: owner.id, scopes: ['users.fly'] });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.scopes' }] });
    const created = await sec.send('POST', '/api/api-tokens', { name: '数据共享接口', userId: owner.id, scopes: ['enterprises.read'] });
    expect(created.statusCode).toBe(200);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^zo_/);
    expect(JSON.stringify((await sec.get('/api/api-tokens')).json())).not.toContain(secret);
    const bearer = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secret}` } });
    expect((await bearer('/api/enterprises')).statusCode).toBe(200);
    // The owner may read users, but the token was not given that scope.
    expect((await bearer('/api/users')).json().code).toBe('FORBIDDEN');
    // Bearer writes need no CSRF token, but still need the permission.
    const write = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { authorization: `Bearer ${secret}` },
      payload: { parentId: null, name: 'x', kind: 'bureau' },
    });
    expect(write.json().code).toBe('FORBIDDEN');
    expect((await sec.send('DELETE', `/api/api-tokens/${token.id}`)).statusCode).toBe(200);
    expect((await bearer('/api/enterprises')).json().code).toBe('UNAUTHENTICATED');
    expect((await bearer('/api/enterprises')).statusCode).toBe(401);
  });

  it('shows an enterprise user only their own enterprise', async () => {
    const db = env.database.db;
    const [own] = await db
      .insert(enterprises)
      .values({ name: '自家企业', uscc: completeUscc('91350623MA2000001') })
      .returning();
    await db.insert(enterprises).values({ name: '别家企业', uscc: completeUscc('91350623MA2000002') });
    const user = await buildUser(db, { username: 'entuser', unitId, roles: ['enterpriseUser'] });
    await db.update(users).set({ enterpriseId: own!.id }).where(eq(users.id, user.id));
    const c = await login(app, 'entuser');
    const page = (await c.get('/api/enterprises')).json();
    expect(page.items.map((e: { name: string }) => e.name)).toEqual(['自家企业']);
    const all = await login(app, 'integration');
    const otherId = (await all.get('/api/enterprises?q=别家企业')).json().items[0].id;
    expect((await c.get(`/api/enterprises/${otherId}`)).statusCode).toBe(404);
  });

  it('counts working days over the seeded holiday calendar', async () => {
    const c = await login(app, 'integration');
    expect((await c.get('/api/calendar/working-days?from=2026-09-30&days=1')).json()).toEqual({ date: '2026-10-08' });
    expect((await c.get('/api/calendar/working-days?from=2026-09-30&days=3')).json()).toEqual({ date: '2026-10-10' });
    expect((await c.get('/api/calendar/working-days?from=2026-02-30&days=3')).statusCode).toBe(400);
  });

  it('widens what a principal sees through a registered visibility provider', async () => {
    await buildUser(env.database.db, { username: 'paired', unitId: (await buildUnit(env.database.db, { name: '外单位' })).id, roles: ['staff'] });
    await buildUser(env.database.db, { username: 'cadre', unitId, roles: ['liaisonCadre', 'staff'] });
    const c = await login(app, 'cadre');
    expect((await c.get('/api/users?q=paired')).json().total).toBe(0);
    const unregister = registerVisibility('user', (p) => (p.username === 'cadre' ? sql`${users.username} = 'paired'` : undefined));
    try {
      expect((await c.get('/api/users?q=paired')).json().total).toBe(1);
    } finally {
      unregister();
    }
    expect((await c.get('/api/users?q=paired')).json().total).toBe(0);
  });

  it('sends a user whose role requires TOTP to enrolment before anything else', async () => {
    const db = env.database.db;
    await db.update(roles).set({ requireTotp: true }).where(eq(roles.code, 'auditor'));
    await buildUser(db, { username: 'strictaud', unitId, roles: ['auditor'], mustChangePassword: true });
    const c = await login(app, 'strictaud');
    expect((await c.send('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).json().sessionState).toBe('totpEnrolment');
    expect((await c.get('/api/audit')).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    const { secret } = (await c.send('POST', '/api/auth/totp/setup')).json();
    expect((await c.send('POST', '/api/auth/totp/enable', { code: currentTotp(env.clock, secret) })).json().sessionState).toBe('full');
    expect((await c.get('/api/audit')).statusCode).toBe(200);
    expect((await c.send('POST', '/api/auth/totp/disable', { code: currentTotp(env.clock, secret) })).json().code).toBe('FORBIDDEN');
  });
});
