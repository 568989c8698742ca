import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, clientFor, createEnv, engines, login, NEW_PASSWORD, PASSWORD, type TestEnv } from './harness.ts';
import type { App } from '../src/app.ts';
import { currentTotp } from '../src/platform/auth/totp.ts';
import { users } from '../src/db/schema.ts';
import { eq } from 'drizzle-orm';

describe.each(engines())('sign-in and sessions on %s', (engine) => {
  let env: TestEnv;
  let app: App['app'];
  let unitId: string;
  beforeAll(async () => {
    env = await createEnv(engine);
    ({ app } = await env.start());
    unitId = (await buildUnit(env.database.db)).id;
  });
  afterAll(() => env.close());

  const post = (payload: object) => app.inject({ method: 'POST', url: '/api/auth/login', payload });

  it('locks the account after five wrong passwords, also against the right one, until the lockout ends', async () => {
    await buildUser(env.database.db, { username: 'lockme', unitId, roles: ['staff'] });
    for (let i = 1; i <= 4; i++) {
      const res = await post({ username: 'lockme', password: 'wrong' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { remainingAttempts: 5 - i } });
    }
    const fifth = await post({ username: 'lockme', password: 'wrong' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect((await post({ username: 'lockme', password: PASSWORD })).json().code).toBe('ACCOUNT_LOCKED');
    env.clock.advance(16 * 60_000);
    expect((await post({ username: 'lockme', password: PASSWORD })).statusCode).toBe(200);
  });

  it('forces a password change at first sign-in, enforces the policy and the history', async () => {
    await buildUser(env.database.db, { username: 'newbie', unitId, roles: ['staff'], mustChangePassword: true });
    const c = await login(app, 'newbie');
    expect((await c.get('/api/auth/me')).json()).toMatchObject({ sessionState: 'passwordChange', menus: [] });
    expect((await c.get('/api/users')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.send('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_POLICY', details: ['PASSWORD_TOO_SIMPLE'] });
    const same = await c.send('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.json().code).toBe('PASSWORD_REUSED');
    const ok = await c.send('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().sessionState).toBe('full');
    expect((await c.get('/api/users')).statusCode).toBe(200);
  });

  it('expires an idle session after the idle timeout', async () => {
    await buildUser(env.database.db, { username: 'idler', unitId, roles: ['staff'] });
    const c = await login(app, 'idler');
    env.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    expect((await c.get('/api/auth/me')).json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses a TOTP-enabled user without the code, and accepts the right code', async () => {
    await buildUser(env.database.db, { username: 'totpuser', unitId, roles: ['staff'] });
    const c = await login(app, 'totpuser');
    const { secret } = (await c.send('POST', '/api/auth/totp/setup')).json();
    const [stored] = await env.database.db.select({ seed: users.totpSecret }).from(users).where(eq(users.username, 'totpuser'));
    expect(stored!.seed).toMatch(/^v1:/);
    expect(stored!.seed).not.toContain(secret);
    expect((await c.send('POST', '/api/auth/totp/enable', { code: '000000' })).json().code).toBe('TOTP_INVALID');
    expect((await c.send('POST', '/api/auth/totp/enable', { code: currentTotp(env.clock, secret) })).json().totpEnabled).toBe(true);
    const without = await post({ username: 'totpuser', password: PASSWORD });
    expect(without.statusCode).toBe(401);
    expect(without.json().code).toBe('TOTP_REQUIRED');
    expect(without.cookies.find((x) => x.name === 'zo_sid')).toBeUndefined();
    expect((await post({ username: 'totpuser', password: PASSWORD, totp: '123456' })).json().code).toBe('TOTP_INVALID');
    expect((await post({ username: 'totpuser', password: PASSWORD, totp: currentTotp(env.clock, secret) })).statusCode).toBe(200);
  });

  it('requires the CSRF token of the same session for cookie writes', async () => {
    await buildUser(env.database.db, { username: 'alice', unitId, roles: ['deptAdmin'] });
    await buildUser(env.database.db, { username: 'bob', unitId, roles: ['deptAdmin'] });
    const a = await login(app, 'alice');
    const b = await login(app, 'bob');
    const body = { username: 'csrfvictim', displayName: 'x', unitId };
    const noToken = await app.inject({ method: 'POST', url: '/api/users', cookies: { zo_sid: a.cookie }, payload: body });
    expect(noToken.json().code).toBe('CSRF_FAILED');
    expect((await clientFor(app, a.cookie, b.csrf).send('POST', '/api/users', body)).json().code).toBe('CSRF_FAILED');
    expect((await a.get('/api/users?q=csrfvictim')).json().total).toBe(0);
  });

  it('records failed and successful sign-ins in the login log', async () => {
    await buildUser(env.database.db, { username: 'watcher', unitId, roles: ['auditor'] });
    const c = await login(app, 'watcher');
    const page = (await c.get('/api/login-log?q=lockme&pageSize=50')).json();
    expect(page.items.filter((x: { success: boolean }) => !x.success).length).toBeGreaterThanOrEqual(5);
    expect(page.items.some((x: { success: boolean }) => x.success)).toBe(true);
  });

  it('answers unknown users like wrong passwords, and rejects malformed bodies', async () => {
    expect((await post({ username: 'nobody', password: 'x' })).json().code).toBe('INVALID_CREDENTIALS');
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(bad.json().details.map((d: { path: string }) => d.path)).toContain('body.username');
  });
});
