// Several app instances on one PostgreSQL database, as in a deployment with more than one process: sessions,
// lockout, the login rate limit, scheduled jobs and outgoing deliveries must all hold across instances.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, clientFor, createEnv, engines, login, PASSWORD, type TestEnv } from './harness.ts';
import type { App } from '../src/app.ts';

const JOBS = ['notifications.deliver', 'sessions.expireIdle', 'audit.retention'];

interface Robot {
  base: string;
  received(path: string): { path: string; body: unknown }[];
  close(): Promise<void>;
}

/** A local WeCom-style robot webhook that records what it receives and always answers {errcode: 0}. */
async function startRobot(): Promise<Robot> {
  const requests: { path: string; body: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

const onPostgres = engines().includes('postgres');
if (!onPostgres) console.warn('[skip] instances.int.test.ts needs PostgreSQL (TEST_DATABASE_URL): several instances on PGlite are not meaningful');

(onPostgres ? describe : describe.skip)('two app instances on one PostgreSQL database', () => {
  describe('sessions, lockout, scheduled jobs and deliveries', () => {
    let env: TestEnv;
    let a: App;
    let b: App;
    let unitId: string;
    let robot: Robot;

    beforeAll(async () => {
      robot = await startRobot();
      env = await createEnv('postgres');
      a = await env.start();
      b = await env.start();
      unitId = (await buildUnit(env.database.db)).id;
    });
    afterAll(async () => {
      await env?.close();
      await robot?.close();
    });

    const loginOn = (app: App, username: string, password: string) =>
      app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

    it('takes a permission removed on A away from a session cached on B', async () => {
      await buildUser(env.database.db, { username: 'worker', unitId, roles: ['staff'] });
      await buildUser(env.database.db, { username: 'secboss', unitId, roles: ['securityAdmin'] });
      const worker = await login(b.app, 'worker');
      expect((await worker.get('/api/users')).statusCode).toBe(200);
      const sec = await login(a.app, 'secboss');
      const staff = ((await sec.get('/api/roles')).json() as { id: string; code: string; permissions: string[] }[]).find((r) => r.code === 'staff')!;
      const without = staff.permissions.filter((p) => p !== 'users.read');
      expect((await sec.send('PATCH', `/api/roles/${staff.id}`, { permissions: without })).statusCode).toBe(200);
      await expect.poll(async () => (await worker.get('/api/users')).statusCode, { timeout: 2000, interval: 20 }).toBe(403);
      expect((await sec.send('PATCH', `/api/roles/${staff.id}`, { permissions: staff.permissions })).statusCode).toBe(200);
    });

    it('shows a user added to the database, and a change of unit made on A, in the user list cached on B', async () => {
      await buildUser(env.database.db, { username: 'lister', unitId, roles: ['systemAdmin'] });
      const onB = await login(b.app, 'lister');
      const onA = await login(a.app, 'lister');
      const names = async () =>
        ((await onB.get(`/api/users?unitId=${unitId}&pageSize=100`)).json() as { items: { username: string }[] }).items.map((u) => u.username);
      // Twice, so that the second answer comes from B's cache.
      expect(await names()).not.toContain('newcomer');
      expect(await names()).not.toContain('newcomer');
      // Written straight into the database (as a bulk load would), without roles: only the insert trigger tells B.
      await buildUser(env.database.db, { username: 'newcomer', unitId });
      await expect.poll(names, { timeout: 2000, interval: 20 }).toContain('newcomer');
      const unitName = async () =>
        ((await onB.get(`/api/users?unitId=${unitId}&pageSize=100`)).json() as { items: { username: string; unitName: string }[] }).items.find(
          (u) => u.username === 'newcomer',
        )!.unitName;
      expect((await onA.send('PATCH', `/api/units/${unitId}`, { name: '改名后的单位' })).statusCode).toBe(200);
      await expect.poll(unitName, { timeout: 2000, interval: 20 }).toBe('改名后的单位');
    });

    it('accepts a session signed in on A at B, and a logout on B ends it on A', async () => {
      await buildUser(env.database.db, { username: 'roamer', unitId, roles: ['staff'] });
      const onA = await login(a.app, 'roamer');
      const onB = clientFor(b.app, onA.cookie, onA.csrf);
      const me = await onB.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'roamer', sessionState: 'full', csrfToken: onA.csrf });
      // The CSRF token of the session holds on B too.
      expect((await onB.send('POST', '/api/notifications/read-all')).statusCode).toBe(200);

      // A has the principal in its cache now; the logout on B reaches it through the database's change notice.
      expect((await onA.get('/api/auth/me')).statusCode).toBe(200);
      expect((await onB.send('POST', '/api/auth/logout')).statusCode).toBe(200);
      await expect.poll(async () => (await onA.get('/api/auth/me')).statusCode, { timeout: 2000, interval: 20 }).toBe(401);
      expect((await onA.get('/api/auth/me')).json().code).toBe('UNAUTHENTICATED');
      expect((await onB.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('counts wrong passwords across instances: 3 on A and 2 on B lock the account on both', async () => {
      await buildUser(env.database.db, { username: 'twolocks', unitId, roles: ['staff'] });
      for (let i = 1; i <= 3; i++) {
        const res = await loginOn(a, 'twolocks', 'wrong');
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { remainingAttempts: 5 - i } });
      }
      const fourth = await loginOn(b, 'twolocks', 'wrong');
      expect(fourth.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { remainingAttempts: 1 } });
      const fifth = await loginOn(b, 'twolocks', 'wrong');
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
      for (const app of [a, b]) {
        const res = await loginOn(app, 'twolocks', PASSWORD);
        expect(res.statusCode).toBe(423);
        expect(res.json().code).toBe('ACCOUNT_LOCKED');
      }
    });

    it('loses no failure when both instances count wrong passwords at the same time', async () => {
      await buildUser(env.database.db, { username: 'racelock', unitId, roles: ['staff'] });
      const answers = await Promise.all([a, b, a, b, a].map((app) => loginOn(app, 'racelock', 'wrong')));
      expect(answers.map((r) => r.statusCode)).toContain(423);
      expect((await loginOn(b, 'racelock', PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');
    });

    it('runs each scheduled job once per slot across both instances', async () => {
      const tickBoth = async () => {
        const [ra, rb] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
        return [...ra, ...rb];
      };
      const countOf = (ran: string[]) => Object.fromEntries(JOBS.map((j) => [j, ran.filter((x) => x === j).length]));

      // First ticks in this database: every job's current slot is free, so each job runs on exactly one instance.
      expect(countOf(await tickBoth())).toEqual({ 'notifications.deliver': 1, 'sessions.expireIdle': 1, 'audit.retention': 1 });
      for (let round = 0; round < 3; round++) expect(await tickBoth()).toEqual([]);

      // The next 10 s slot: only the delivery job is due again, once.
      env.clock.advance(10_000);
      expect(countOf(await tickBoth())).toEqual({ 'notifications.deliver': 1, 'sessions.expireIdle': 0, 'audit.retention': 0 });
      expect(await tickBoth()).toEqual([]);

      // A day later every slot is new: each job runs once more.
      env.clock.advance(86_400_000);
      expect(countOf(await tickBoth())).toEqual({ 'notifications.deliver': 1, 'sessions.expireIdle': 1, 'audit.retention': 1 });
      for (let round = 0; round < 3; round++) expect(await tickBoth()).toEqual([]);
    });

    it('sends each delivery once when both instances deliver at the same time', async () => {
      await buildUser(env.database.db, { username: 'chanadmin2', unitId, roles: ['systemAdmin'] });
      const admin = await login(a.app, 'chanadmin2');
      const path = '/wecom/shared';
      const created = await admin.send('POST', '/api/notification-channels', { kind: 'wecom', name: '共享群', target: `${robot.base}${path}` });
      expect(created.statusCode, created.body).toBe(200);
      const channelId = created.json<{ id: string }>().id;

      const total = 24;
      for (let i = 0; i < total; i++) await a.deps.notifications.queue(channelId, { title: `消息 ${i}`, body: 'b', link: null });

      let sent = 0;
      for (let round = 0; round < 20; round++) {
        const [sa, sb] = await Promise.all([a.deps.notifications.deliverDue(5), b.deps.notifications.deliverDue(5)]);
        sent += sa + sb;
        if (sa + sb === 0) break;
      }
      // And the scheduled job on both, at the same time, finds nothing left to send.
      env.clock.advance(10_000);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.deps.notifications.deliverDue(), b.deps.notifications.deliverDue()]);

      expect(sent).toBe(total);
      const got = robot.received(path);
      expect(got).toHaveLength(total);
      const titles = got.map((r) => (r.body as { markdown: { content: string } }).markdown.content.split('\n')[0]);
      expect(new Set(titles).size).toBe(total);

      const page = (await admin.get('/api/notification-deliveries?pageSize=500')).json<{ items: { channelId: string; status: string; attempts: number }[] }>();
      const mine = page.items.filter((d) => d.channelId === channelId);
      expect(mine).toHaveLength(total);
      expect(mine.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    });
  });

  describe('the login rate limit', () => {
    let env: TestEnv;
    let a: App;
    let b: App;

    beforeAll(async () => {
      env = await createEnv('postgres', { LOGIN_RATE_LIMIT: '6' });
      a = await env.start();
      b = await env.start();
      const unitId = (await buildUnit(env.database.db)).id;
      await buildUser(env.database.db, { username: 'limited', unitId, roles: ['staff'] });
    });
    afterAll(() => env?.close());

    it('counts sign-in attempts from one address across instances', async () => {
      const attempt = (app: App, username: string, password: string) =>
        app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      // Six attempts within the minute, alternating between the instances, are answered normally.
      for (let i = 0; i < 6; i++) {
        const res = await attempt(i % 2 ? b : a, 'nobody', 'wrong');
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('INVALID_CREDENTIALS');
      }
      // The seventh is refused on either instance, even with the right password.
      for (const app of [a, b]) {
        const res = await attempt(app, 'limited', PASSWORD);
        expect(res.statusCode).toBe(429);
        expect(res.json().code).toBe('RATE_LIMITED');
        expect(res.cookies.find((c) => c.name === 'zo_sid')).toBeUndefined();
      }
      // The next minute opens a new window.
      env.clock.advance(60_000);
      expect((await attempt(b, 'limited', PASSWORD)).statusCode).toBe(200);
    });
  });
});
