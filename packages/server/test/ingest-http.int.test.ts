// HTTP ingestion and the ingest administration (issue 7): POST /api/v1/{token}/telemetry and the gateway form answer
// once the readings are stored, with accepted / duplicates / rejected; unknown and revoked tokens 401, unreadable
// bodies 400, bodies over 256 KiB 413 with the standard error body, all counted; device traffic is not audited
// request by request. The EMQX HTTP authenticator and authorizer endpoints with the shared secret. The status and
// rejection list (filters, sort, paging, visibility, xlsx export) for safety.manage only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { ingestRejectionPage, ingestStatusSchema, MAX_TELEMETRY_BYTES, telemetryResultSchema } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { enterprises, roles, safetyDevices } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';
import { buildRegistry, readingsOf, rejectionCount, type Registry } from './ingest-fixtures.ts';

const T0 = FIXED_NOW.getTime();
const SECRET = 'broker-secret-0123456789';

for (const engine of engines()) {
  describe(`HTTP ingestion and its administration on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let reg: Registry;
    let other: Registry;
    let officer: Client;
    let streetAdmin: Client;
    let plain: Client;
    const db = () => env.database.db;
    const post = (path: string, payload: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      app.app.inject({ method: 'POST', url: path, payload, headers });

    beforeAll(async () => {
      env = await createEnv(engine, { MQTT_AUTH_SECRET: SECRET });
      app = await env.start();
      reg = await buildRegistry(db());
      other = await buildRegistry(db());
      await app.safety.ingest.reload();
      const unit = await buildUnit(db(), { name: '安监局' });
      await buildUser(db(), { username: 'ingest-officer', unitId: unit.id, roles: ['safetyOfficer'] });
      await buildUser(db(), { username: 'ingest-plain', unitId: unit.id, roles: [] });
      // A street's administrator with safety.manage over its own street only.
      const street = await buildUnit(db(), { name: '古雷街道', kind: 'street' });
      await db().update(enterprises).set({ streetId: street.id }).where(eq(enterprises.id, reg.enterprise.id));
      await db()
        .insert(roles)
        .values({ code: 'streetSafety', name: '街道安监', permissions: ['safety.read', 'safety.manage'], dataScope: 'unitTree' });
      await buildUser(db(), { username: 'ingest-street', unitId: street.id, roles: ['streetSafety'] });
      officer = await login(app.app, 'ingest-officer');
      streetAdmin = await login(app.app, 'ingest-street');
      plain = await login(app.app, 'ingest-plain');
    });
    afterAll(async () => {
      await env?.close();
    });

    it('stores posted readings before answering, and reports duplicates and refused tags', async () => {
      const body = JSON.stringify({ ts: T0 - 60_000, values: { 'TT-1': 20.5, 'LT-1': 2 } });
      const res = await post(`/api/v1/${reg.device.token}/telemetry`, body);
      expect(res.statusCode).toBe(200);
      expect(telemetryResultSchema.parse(res.json())).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
      expect(await readingsOf(db(), reg.tt.id)).toEqual([[T0 - 60_000, 20.5]]);

      const again = await post(`/api/v1/${reg.device.token}/telemetry`, body);
      expect(again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });

      const mixed = await post(`/api/v1/${reg.device.token}/telemetry`, JSON.stringify({ ts: T0 - 50_000, values: { 'TT-1': 21, 'XX-1': 3 } }));
      expect(mixed.json()).toEqual({
        accepted: 1,
        duplicates: 0,
        rejected: [{ device: null, tag: 'XX-1', problem: 'badTag', detail: expect.stringContaining('XX-1') }],
      });
      // any content type (or none) is read the same way
      const plainText = await post(`/api/v1/${reg.device.token}/telemetry`, JSON.stringify({ 'LT-1': 2.5 }), { 'content-type': 'text/plain' });
      expect(plainText.json()).toMatchObject({ accepted: 1 });
      const noType = await app.app.inject({
        method: 'POST',
        url: `/api/v1/${reg.device.token}/telemetry`,
        payload: JSON.stringify({ ts: T0 - 1, values: { 'LT-1': 2.6 } }),
      });
      expect(noType.json()).toMatchObject({ accepted: 1 });
    });

    it('takes gateway payloads on the gateway path only from gateways', async () => {
      const res = await post(
        `/api/v1/${reg.gateway.token}/gateway/telemetry`,
        JSON.stringify({ 'tank-1': [{ ts: T0 - 30_000, values: { 'PT-1': 1.1 } }], 'tank-2': [{ ts: T0 - 30_000, values: { 'PT-2': 0.9 } }] }),
      );
      expect(res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
      expect(await readingsOf(db(), reg.pt2.id)).toEqual([[T0 - 30_000, 0.9]]);
      const wrong = await post(`/api/v1/${reg.device.token}/gateway/telemetry`, JSON.stringify({ 'tank-1': { 'PT-1': 1 } }));
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ code: 'MALFORMED_REQUEST', details: { rejected: [{ problem: 'badTopic' }] } });
    });

    it('answers 401, 400 and 413 with the standard error body and counts each', async () => {
      const unknown = await post('/api/v1/not-a-token-wxyz/telemetry', JSON.stringify({ 'TT-1': 1 }));
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });

      const malformed = await post(`/api/v1/${reg.device.token}/telemetry`, '{"TT-1": ');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'MALFORMED_REQUEST', details: { rejected: [{ problem: 'malformedJson' }] } });
      const nan = await post(`/api/v1/${reg.device.token}/telemetry`, JSON.stringify({ ts: T0, values: { 'TT-1': 'NaN' } }));
      expect(nan.statusCode).toBe(400);

      const big = await post(`/api/v1/${reg.device.token}/telemetry`, Buffer.alloc(MAX_TELEMETRY_BYTES + 1, 0x20));
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: expect.any(String) });

      await db().update(safetyDevices).set({ revokedAt: FIXED_NOW }).where(eq(safetyDevices.id, other.device.id));
      await app.safety.ingest.reload();
      const revoked = await post(`/api/v1/${other.device.token}/telemetry`, JSON.stringify({ 'TT-1': 1 }));
      expect(revoked.statusCode).toBe(401);

      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'unknownToken', 'token:wxyz')).toBe(1);
      expect(await rejectionCount(db(), 'malformedJson', reg.device.id)).toBe(1);
      expect(await rejectionCount(db(), 'notNumeric', reg.device.id)).toBe(1);
      expect(await rejectionCount(db(), 'tooLarge', reg.device.id)).toBe(1);
      expect(await rejectionCount(db(), 'revokedToken', other.device.id)).toBe(1);
      // device traffic is counted, not audited per request
      const [audited] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action like 'POST /api/v1/%'`);
      expect(audited!.n).toBe(0);
    });

    it('authenticates devices for an external broker only with the shared secret', async () => {
      const auth = (body: object, secret?: string) =>
        app.app.inject({ method: 'POST', url: '/api/mqtt/auth', payload: body, headers: secret ? { 'x-zoneops-auth': secret } : {} });
      expect((await auth({ username: reg.device.token })).statusCode).toBe(401);
      expect((await auth({ username: reg.device.token }, 'wrong-secret-0123456789')).statusCode).toBe(401);
      expect((await auth({ username: reg.device.token, password: '', clientid: 'c1' }, SECRET)).json()).toEqual({ result: 'allow', is_superuser: false });
      expect((await auth({ username: 'nobody-1234' }, SECRET)).json()).toEqual({ result: 'deny', is_superuser: false });
      expect((await auth({ username: other.device.token }, SECRET)).json()).toEqual({ result: 'deny', is_superuser: false });
      expect((await auth({ username: 'zoneops-ingest', password: SECRET }, SECRET)).json()).toEqual({ result: 'allow', is_superuser: true });
      expect((await auth({ username: 'zoneops-ingest', password: 'guess' }, SECRET)).json()).toEqual({ result: 'deny', is_superuser: false });
      // The two refused device tokens are counted as MQTT rejections (written now rather than by the next second's flush).
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'unknownToken', 'token:1234')).toBe(1);

      const acl = (username: string, topic: string, action = 'publish') =>
        app.app.inject({ method: 'POST', url: '/api/mqtt/acl', payload: { username, topic, action }, headers: { 'x-zoneops-auth': SECRET } });
      expect((await acl(reg.device.token, 'v1/devices/me/telemetry')).json()).toEqual({ result: 'allow' });
      expect((await acl(reg.device.token, `zoneops/${reg.device.token}/v1/devices/me/telemetry`)).json()).toEqual({ result: 'allow' });
      expect((await acl(reg.device.token, 'v1/gateway/telemetry')).json()).toEqual({ result: 'deny' });
      expect((await acl(reg.gateway.token, 'v1/gateway/telemetry')).json()).toEqual({ result: 'allow' });
      expect((await acl(reg.device.token, 'v1/devices/me/telemetry', 'subscribe')).json()).toEqual({ result: 'deny' });
      expect((await acl(`zoneops/${reg.device.token}`, '#', 'subscribe')).json()).toEqual({ result: 'deny' });
    });

    it('shows the status and the rejections to safety.manage only, as the user may see them', async () => {
      expect((await plain.get('/api/safety/ingest/status')).statusCode).toBe(403);
      expect((await plain.get('/api/safety/ingest/rejections')).statusCode).toBe(403);
      const status = await officer.get('/api/safety/ingest/status');
      expect(status.statusCode).toBe(200);
      const s = ingestStatusSchema.parse(status.json());
      expect(s.counters.accepted).toBeGreaterThanOrEqual(7);
      expect(s.directory).toMatchObject({ points: 12, devices: 10 });

      const all = ingestRejectionPage.parse((await officer.get('/api/safety/ingest/rejections?pageSize=100')).json());
      expect(all.items.map((r) => r.senderKey)).toContain('token:wxyz');
      const mine = all.items.find((r) => r.senderKey === reg.device.id && r.reason === 'malformedJson')!;
      expect(mine).toMatchObject({ deviceId: reg.device.id, deviceName: reg.device.name, enterpriseName: reg.enterprise.name, channel: 'http', count: 1 });

      const byReason = ingestRejectionPage.parse((await officer.get('/api/safety/ingest/rejections?reason=tooLarge')).json());
      expect(byReason.items.map((r) => r.reason)).toEqual(['tooLarge']);
      const byDevice = ingestRejectionPage.parse((await officer.get(`/api/safety/ingest/rejections?deviceId=${other.device.id}`)).json());
      // One row per sender and reason, with the channel it came over last (the broker's refused login).
      expect(byDevice.items.map((r) => `${r.channel}:${r.reason}:${r.count}`)).toEqual(['mqtt:revokedToken:2']);
      const byText = ingestRejectionPage.parse((await officer.get('/api/safety/ingest/rejections?q=XX-1')).json());
      expect(byText.items.map((r) => r.reason)).toEqual(['badTag']);
      const sorted = ingestRejectionPage.parse((await officer.get('/api/safety/ingest/rejections?sort=reason&pageSize=2&page=1')).json());
      expect(sorted.items.map((r) => r.reason)).toEqual([...sorted.items.map((r) => r.reason)].sort());
      expect(sorted.total).toBe(all.total);
      const mqtt = ingestRejectionPage.parse((await officer.get('/api/safety/ingest/rejections?channel=mqtt')).json());
      expect(mqtt.items.map((r) => r.reason).sort()).toEqual(['revokedToken', 'unknownToken']); // the broker's refused logins

      // The street sees its own enterprise's devices, not the other enterprise's, nor unknown tokens.
      const street = ingestRejectionPage.parse((await streetAdmin.get('/api/safety/ingest/rejections?pageSize=100')).json());
      expect(street.items.length).toBeGreaterThan(0);
      expect(street.items.every((r) => r.deviceId !== null && r.enterpriseName === reg.enterprise.name)).toBe(true);

      const xlsx = await officer.get('/api/safety/ingest/rejections/export?reason=badTag');
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBe(2);
      expect(String(ws.getRow(2).getCell(5).value)).toContain('badTag');
    });
  });
}
