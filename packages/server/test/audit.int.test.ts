import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';
import type { App } from '../src/app.ts';

describe.each(engines())('audit trail on %s', (engine) => {
  let env: TestEnv;
  let app: App['app'];
  let deps: App['deps'];
  let dept: Client;
  let auditor: Client;
  let unitId: string;

  beforeAll(async () => {
    env = await createEnv(engine);
    ({ app, deps } = await env.start());
    unitId = (await buildUnit(env.database.db, { name: '建设局' })).id;
    await buildUser(env.database.db, { username: 'depthead', unitId, roles: ['deptAdmin'] });
    await buildUser(env.database.db, { username: 'aud', unitId, roles: ['auditor'] });
    dept = await login(app, 'depthead');
    auditor = await login(app, 'aud');
  });
  afterAll(() => env.close());

  it('records each write with its difference, and refusals as failures', async () => {
    const created = (await dept.send('POST', '/api/users', { username: 'audited', displayName: '审计对象', unitId })).json().user;
    await dept.send('PATCH', `/api/users/${created.id}`, { displayName: '改名后' });
    await dept.send('POST', '/api/units', { parentId: null, name: 'x', kind: 'bureau' });
    const page = (await auditor.get(`/api/audit?entityId=${created.id}&sort=seq`)).json();
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(['user.create', 'user.update']);
    const update = page.items[1];
    expect(update).toMatchObject({ username: 'depthead', result: 'success', diff: { changed: { displayName: { from: '审计对象', to: '改名后' } } } });
    expect(update.requestId).toBeTruthy();
    expect(JSON.stringify(page.items[0].diff)).not.toContain('argon2');
    // A refusal is audited in onResponse, after the answer has left: wait for it rather than race it.
    await expect
      .poll(async () => {
        const refused = (await auditor.get('/api/audit?result=failure&q=depthead')).json();
        return refused.items.some((e: { action: string; resultCode: string }) => e.action === 'POST /api/units' && e.resultCode === 'FORBIDDEN');
      })
      .toBe(true);
    expect((await dept.get('/api/audit')).statusCode).toBe(403);
  });

  it('verifies the chain, and names the first record altered directly in the database', async () => {
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    const db = env.database.db;
    await expect(db.execute(sql`update audit_log set username = 'mallory'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    const rows = (
      (await db.execute(sql`select seq from audit_log where action = 'user.update' order by seq limit 1`)) as unknown as { rows: { seq: number }[] }
    ).rows;
    const seq = Number(rows[0]!.seq);
    // A database administrator bypassing the product: triggers off, one field changed.
    await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await db.execute(sql`update audit_log set diff = '{"changed":{}}'::jsonb where seq = ${seq}`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const res = (await auditor.get('/api/audit/verify')).json();
    expect(res).toMatchObject({ ok: false, firstBrokenSeq: seq });
    expect(res.reason).toMatch(/altered/);
    expect((await deps.audit.verify()).firstBrokenSeq).toBe(seq);
  });

  it('archives records past retention to a file and keeps the rest verifiable', async () => {
    const env2 = await createEnv(engine);
    try {
      const { app: app2, deps: deps2 } = await env2.start();
      const u = await buildUnit(env2.database.db);
      await buildUser(env2.database.db, { username: 'a1', unitId: u.id, roles: ['auditor'] });
      await login(app2, 'a1');
      env2.clock.advance(200 * 86_400_000);
      // 200 days later the password has expired too: the sign-in is recorded, in state passwordChange.
      await login(app2, 'a1');
      expect(await deps2.audit.archiveOlderThan(180)).toBe(1);
      const v = await deps2.audit.verify();
      expect(v).toMatchObject({ ok: true });
      expect(v.checked).toBeGreaterThanOrEqual(1);
    } finally {
      await env2.close();
    }
  });
});
