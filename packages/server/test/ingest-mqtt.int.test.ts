// MQTT through the embedded broker (issue 7), with an mqtt.js client as a device would use it: a QoS 1 PUBACK means
// the readings are already in telemetry_readings (checked right after the PUBACK, without flushing); device payloads
// as objects, arrays and bare values, gateway batches; unknown and revoked tokens refused at CONNACK (and a token
// revoked while connected stops at the next publish once the registry event arrives); malformed JSON, non-numeric
// values, timestamps out of the window, oversized packets, unknown tags and other topics counted with their reason
// and nothing stored for them; a message sent twice stored once; subscriptions refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { eq, sql } from 'drizzle-orm';
import { MAX_TELEMETRY_BYTES } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { safetyDevices } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { createEnv, engines, FIXED_NOW, type TestEnv } from './harness.ts';
import { buildRegistry, readingsOf, rejectionCount, type Registry } from './ingest-fixtures.ts';

const T0 = FIXED_NOW.getTime();
const DEVICE_TOPIC = 'v1/devices/me/telemetry';
const GATEWAY_TOPIC = 'v1/gateway/telemetry';

for (const engine of engines()) {
  describe(`MQTT ingestion through the embedded broker on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let reg: Registry;
    let port = 0;
    const clients: MqttClient[] = [];
    const db = () => env.database.db;

    const connect = async (username: string): Promise<MqttClient> => {
      const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username, reconnectPeriod: 0, connectTimeout: 5_000 });
      clients.push(c);
      return c;
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      reg = await buildRegistry(db());
      await app.safety.ingest.reload();
      const ports = await app.safety.ingest.start({ mqttPort: 0, hj212Port: 0 });
      port = ports.mqttPort!;
      expect(port).toBeGreaterThan(0);
    });
    afterAll(async () => {
      for (const c of clients) c.end(true);
      await env?.close();
    });

    it('stores a device reading before its QoS 1 PUBACK', async () => {
      const c = await connect(reg.device.token);
      await c.publishAsync(DEVICE_TOPIC, JSON.stringify({ ts: T0 - 60_000, values: { 'TT-1': 21.5, 'LT-1': 3.25 } }), { qos: 1 });
      // No flush: the acknowledgement itself means the rows are committed.
      expect(await readingsOf(db(), reg.tt.id)).toEqual([[T0 - 60_000, 21.5]]);
      expect(await readingsOf(db(), reg.lt.id)).toEqual([[T0 - 60_000, 3.25]]);
      expect(app.safety.ingest.latest.get(reg.tt.id)).toEqual({ ts: T0 - 60_000, value: 21.5 });
    });

    it('takes arrays of readings and bare values (stamped on arrival), numeric strings and booleans', async () => {
      const c = await connect(reg.device.token);
      await c.publishAsync(
        DEVICE_TOPIC,
        JSON.stringify([
          { ts: T0 - 50_000, values: { 'TT-1': 22 } },
          { ts: T0 - 40_000, values: { 'TT-1': '22.5' } },
        ]),
        { qos: 1 },
      );
      await c.publishAsync(DEVICE_TOPIC, JSON.stringify({ 'LT-1': true }), { qos: 1 });
      expect((await readingsOf(db(), reg.tt.id)).slice(-2)).toEqual([
        [T0 - 50_000, 22],
        [T0 - 40_000, 22.5],
      ]);
      expect(await readingsOf(db(), reg.lt.id)).toContainEqual([T0, 1]);
    });

    it('stores a gateway batch for the devices it carries and counts a device it does not', async () => {
      const c = await connect(reg.gateway.token);
      await c.publishAsync(
        GATEWAY_TOPIC,
        JSON.stringify({
          'tank-1': [
            { ts: T0 - 30_000, values: { 'PT-1': 1.2 } },
            { ts: T0 - 20_000, values: { 'PT-1': 1.3 } },
          ],
          'tank-2': { ts: T0 - 30_000, values: { 'PT-2': 0.8 } },
          'tank-9': [{ ts: T0 - 30_000, values: { 'PT-9': 5 } }],
        }),
        { qos: 1 },
      );
      expect(await readingsOf(db(), reg.pt1.id)).toEqual([
        [T0 - 30_000, 1.2],
        [T0 - 20_000, 1.3],
      ]);
      expect(await readingsOf(db(), reg.pt2.id)).toEqual([[T0 - 30_000, 0.8]]);
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'unknownDevice', reg.gateway.id)).toBe(1);
      // the devices and the gateway were heard from
      const seen = await queryRows<{ id: string }>(db(), sql`select id from safety_devices where last_seen_at is not null`);
      expect(seen.map((s) => s.id)).toEqual(expect.arrayContaining([reg.gateway.id, reg.tank1.id, reg.tank2.id, reg.device.id]));
    });

    it('stores a message sent twice once and counts the duplicate', async () => {
      const c = await connect(reg.device.token);
      const before = app.safety.ingest.status().counters.duplicates;
      const message = JSON.stringify({ ts: T0 - 10_000, values: { 'LT-1': 4.5 } });
      await c.publishAsync(DEVICE_TOPIC, message, { qos: 1 });
      await c.publishAsync(DEVICE_TOPIC, message, { qos: 1 });
      expect((await readingsOf(db(), reg.lt.id)).filter(([ms]) => ms === T0 - 10_000)).toEqual([[T0 - 10_000, 4.5]]);
      expect(app.safety.ingest.status().counters.duplicates).toBe(before + 1);
    });

    it('acknowledges bad payloads, stores nothing of them and counts each with its reason', async () => {
      const c = await connect(reg.device.token);
      const stored = async () => (await readingsOf(db(), reg.tt.id)).length + (await readingsOf(db(), reg.lt.id)).length;
      const before = await stored();
      await c.publishAsync(DEVICE_TOPIC, '{"ts": 1, "values": {"TT-1": 1', { qos: 1 });
      await c.publishAsync(DEVICE_TOPIC, JSON.stringify({ ts: T0 - 5_000, values: { 'TT-1': 'NaN', 'LT-1': 'high' } }), { qos: 1 });
      await c.publishAsync(DEVICE_TOPIC, JSON.stringify({ ts: T0 + 3_600_000, values: { 'TT-1': 20 } }), { qos: 1 });
      await c.publishAsync(DEVICE_TOPIC, JSON.stringify({ ts: T0 - 30 * 86_400_000, values: { 'TT-1': 20 } }), { qos: 1 });
      await c.publishAsync(DEVICE_TOPIC, JSON.stringify({ ts: '2026-11-23', values: { 'TT-1': 20 } }), { qos: 1 });
      await c.publishAsync(DEVICE_TOPIC, Buffer.alloc(MAX_TELEMETRY_BYTES + 100, 0x20), { qos: 1 });
      await c.publishAsync('v1/devices/me/attributes', JSON.stringify({ firmware: '1.2' }), { qos: 1 });
      expect(await stored()).toBe(before);
      // One unknown tag refuses that reading only.
      await c.publishAsync(DEVICE_TOPIC, JSON.stringify({ ts: T0 - 4_000, values: { 'TT-1': 30, 'TT-9': 31 } }), { qos: 1 });
      expect(await readingsOf(db(), reg.tt.id)).toContainEqual([T0 - 4_000, 30]);
      expect(await stored()).toBe(before + 1);

      await app.safety.ingest.flush();
      const d = reg.device.id;
      expect(await rejectionCount(db(), 'malformedJson', d)).toBe(1);
      expect(await rejectionCount(db(), 'notNumeric', d)).toBe(2);
      expect(await rejectionCount(db(), 'outOfWindow', d)).toBe(2);
      expect(await rejectionCount(db(), 'badTimestamp', d)).toBe(1);
      expect(await rejectionCount(db(), 'tooLarge', d)).toBe(1);
      expect(await rejectionCount(db(), 'badTopic', d)).toBe(1);
      expect(await rejectionCount(db(), 'badTag', d)).toBe(1);
      const [row] = await queryRows<{ detail: string; channel: string }>(
        db(),
        sql`select last_detail as detail, channel from ingest_rejections where sender_key = ${d} and reason = 'badTag'`,
      );
      expect(row).toEqual({ detail: expect.stringContaining('TT-9'), channel: 'mqtt' });
    });

    it('closes a connection whose packet is far over the size limit', async () => {
      const c = await connect(reg.device.token);
      const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
      c.publish(DEVICE_TOPIC, Buffer.alloc(MAX_TELEMETRY_BYTES * 4, 0x20), { qos: 1 });
      await closed;
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'tooLarge', reg.device.id)).toBe(2);
    });

    it('refuses subscriptions', async () => {
      const c = await connect(reg.device.token);
      // SUBACK 128 (failure): mqtt.js turns it into an error.
      await expect(c.subscribeAsync('v1/devices/me/rpc/request/+', { qos: 1 })).rejects.toThrow(/Unspecified error/);
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'badTopic', reg.device.id)).toBe(2);
    });

    it('refuses unknown and revoked tokens at CONNACK and counts them', async () => {
      await expect(connect('no-such-token-abcd')).rejects.toThrow();
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'unknownToken', 'token:abcd')).toBe(1);

      // Revoked while connected: the registry event reloads the directory; the next publish is not acknowledged.
      const c = await connect(reg.device.token);
      await db().update(safetyDevices).set({ revokedAt: FIXED_NOW }).where(eq(safetyDevices.id, reg.device.id));
      await app.safety.events.notify(db(), { kind: 'registry' });
      await vi.waitFor(() => expect(app.safety.ingest.status().directory.loadedAt).not.toBeNull(), { timeout: 5_000 });
      await vi.waitFor(
        async () => {
          await expect(connect(reg.device.token)).rejects.toThrow();
        },
        { timeout: 5_000, interval: 100 },
      );
      const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
      c.publish(DEVICE_TOPIC, JSON.stringify({ ts: T0 - 1_000, values: { 'TT-1': 99 } }), { qos: 1 });
      await closed;
      expect(await readingsOf(db(), reg.tt.id)).not.toContainEqual([T0 - 1_000, 99]);
      await app.safety.ingest.flush();
      expect(await rejectionCount(db(), 'revokedToken', reg.device.id)).toBeGreaterThanOrEqual(2);
    });

    it('answers an external broker’s authentication of tokens (no shared secret configured)', async () => {
      const auth = (username: string) => app.app.inject({ method: 'POST', url: '/api/mqtt/auth', payload: { username, password: '', clientid: 'x' } });
      expect((await auth(reg.gateway.token)).json()).toEqual({ result: 'allow', is_superuser: false });
      expect((await auth('unknown-token-efgh')).json()).toEqual({ result: 'deny', is_superuser: false });
      // the platform's own user exists only with a secret
      expect((await auth('zoneops-ingest')).json()).toEqual({ result: 'deny', is_superuser: false });
      const [hits] = await queryRows<{ count: number }>(db(), sql`select count from rate_limits where key like 'mqtt-auth:%'`);
      expect(hits!.count).toBe(3);
    });

    it('reports its listeners and counters', () => {
      const s = app.safety.ingest.status();
      expect(s.listeners.mqtt).toMatchObject({ mode: 'embedded', port, live: true });
      expect(s.counters.accepted).toBeGreaterThanOrEqual(10);
      expect(s.counters.batches).toBeGreaterThan(0);
      expect(s.rejectedByReason.map((r) => r.reason)).toEqual(expect.arrayContaining(['malformedJson', 'unknownToken', 'revokedToken']));
    });
  });
}
