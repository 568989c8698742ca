// The gate thread's own port (gate-thread.ts): over real HTTP, an ANPR multipart is answered 200 once spooled and
// becomes a pass with its images; a replay is a duplicate; an unknown token, broken XML, an oversized body and
// unknown paths get the same refusals as on the main port, with nothing stored; a rotated token stops working at
// once. On PostgreSQL the thread writes through its own pool, on PGlite through the main thread.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatePass, Page } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { checkpointDevices, checkpoints } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { anprMultipart, jpegBytes, multipartBody } from './gate-fixtures.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const MAX_BYTES = 131_072;

for (const engine of engines()) {
  describe(`gate thread on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let officer: Client;
    let token = '';
    let base = '';

    const post = (path: string, body: Buffer | string, contentType: string) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const spooled = async () => (await queryRows<{ n: number }>(env.database.db, sql`select count(*)::int as n from gate_event_spool`))[0]!.n;

    beforeAll(async () => {
      env = await createEnv(engine, { GATE_MAX_BYTES: String(MAX_BYTES) });
      app = await env.start();
      const d = env.database.db;
      const root = await buildUnit(d, { name: '管委会', kind: 'committee' });
      await buildUser(d, { username: 'fengbi1', unitId: root.id, roles: ['parkOfficer'], displayName: '卡口管理员' });
      officer = await login(app.app, 'fengbi1');
      const [cp] = await d.insert(checkpoints).values({ code: 'KK02', name: '综合卡口', kind: 'general' }).returning();
      await d.insert(checkpointDevices).values({
        checkpointId: cp!.id,
        kind: 'anpr',
        vendor: 'hikvisionIsapi',
        serialNo: '44:19:b6:6f:2b:1c',
        direction: 'in',
        name: '综合卡口入口抓拍',
      });
      token = (await officer.send('POST', '/api/park/gate/token', {})).json<{ token: string }>().token;
      const { gatePort } = await app.park.gate.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${gatePort}`;
    });

    afterAll(async () => {
      await env?.close();
    });

    it('answers an ANPR multipart once spooled; it becomes a pass with both images; a replay is a duplicate', async () => {
      const images = [jpegBytes(1500, 0x41), jpegBytes(2500, 0x42)];
      const { body, contentType } = anprMultipart({ plate: '闽A66666', uuid: 'thread-1', images });
      const res = await post(`/api/gate/${token}/isapi`, body, contentType);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, stored: 1, duplicates: 0, unsupported: 0 });
      const again = await post(`/api/gate/${token}/isapi`, body, contentType);
      expect(await again.json()).toEqual({ ok: true, stored: 0, duplicates: 1, unsupported: 0 });
      expect(await spooled()).toBe(1);

      await app.park.gate.drain();
      const [pass] = (await officer.get(`/api/park/passes?plate=${encodeURIComponent('闽A66666')}`)).json<Page<GatePass>>().items;
      expect(pass).toMatchObject({ source: 'isapiAnpr', kind: 'vehicle', direction: 'in', imageCount: 2 });
      // The thread keeps the platform clock's offset (here the tests' fixed day, not the machine's).
      expect(Math.abs(Date.parse(pass!.receivedAt) - env.clock.now().getTime())).toBeLessThan(60_000);
      const img = await officer.get(`/api/park/passes/${pass!.id}/images/1`);
      expect(img.statusCode).toBe(200);
      expect(img.rawPayload.equals(images[1]!)).toBe(true);
    });

    it('refuses an unknown token, broken XML, an oversized body and other paths, storing nothing', async () => {
      const before = await spooled();
      const { body, contentType } = anprMultipart({ plate: '闽A77777', uuid: 'thread-2' });
      const unknown = await post('/api/gate/zsg_not-the-token/isapi', body, contentType);
      expect(unknown.status).toBe(401);
      expect(await unknown.json()).toMatchObject({ code: 'UNAUTHENTICATED' });

      const broken = multipartBody([{ name: 'anpr.xml', contentType: 'application/xml', data: '<EventNotificationAlert><ANPR>' }]);
      const bad = await post(`/api/gate/${token}/isapi`, broken.body, broken.contentType);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'GATE_EVENT_INVALID' });

      const big = anprMultipart({ plate: '闽A77777', uuid: 'thread-3', images: [jpegBytes(MAX_BYTES + 10)] });
      const large = await post(`/api/gate/${token}/isapi`, big.body, big.contentType);
      expect(large.status).toBe(413);
      expect(await large.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

      expect((await fetch(`${base}/api/gate/${token}/other`, { method: 'POST', body: 'x' })).status).toBe(404);
      expect((await fetch(`${base}/api/park/passes`)).status).toBe(404);
      expect(await spooled()).toBe(before);

      await app.park.gate.drain();
      const reasons = (await officer.get('/api/park/gate/rejections')).json<Page<{ reason: string; count: number }>>().items.map((r) => r.reason);
      expect(reasons).toEqual(expect.arrayContaining(['unknownToken', 'invalid', 'tooLarge']));
    });

    it('stops accepting a rotated token at once', async () => {
      const old = token;
      token = (await officer.send('POST', '/api/park/gate/token', {})).json<{ token: string }>().token;
      const { body, contentType } = anprMultipart({ plate: '闽A88888', uuid: 'thread-4' });
      expect((await post(`/api/gate/${old}/isapi`, body, contentType)).status).toBe(401);
      expect((await post(`/api/gate/${token}/isapi`, body, contentType)).status).toBe(200);
    });
  });
}
