// Production mode against the local Mosquitto (TEST_MQTT_URL; skipped with a notice when unset, required when
// REQUIRE_SERVICES=1): two app instances take one stream through the MQTT 5 shared subscription
// $share/<group>/zoneops/+/v1/..., each gets part of it, and every message the broker acknowledged to the publisher
// is stored exactly once — also when one instance stops in the middle of the stream (it unsubscribes, writes and
// acknowledges what it took, and the other goes on). Gateway payloads and unknown tokens on the same path.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { App } from '../src/app.ts';
import { createEnv, engines, FIXED_NOW, type TestEnv } from './harness.ts';
import { buildRegistry, readingsOf, rejectionCount, type Registry } from './ingest-fixtures.ts';

const brokerUrl = process.env.TEST_MQTT_URL;
if (!brokerUrl) {
  if (process.env.REQUIRE_SERVICES === '1') throw new Error('REQUIRE_SERVICES=1 but TEST_MQTT_URL is not set');
  console.warn('[skip] TEST_MQTT_URL not set: the external broker tests (shared subscription) do not run');
}
const T0 = FIXED_NOW.getTime();

for (const engine of engines()) {
  describe.skipIf(!brokerUrl)(`MQTT through an external broker on ${engine}`, () => {
    let env: TestEnv;
    let a: App;
    let b: App;
    let reg: Registry;
    let publisher: MqttClient;
    const db = () => env.database.db;
    const topic = (token: string, kind: 'device' | 'gateway' = 'device') =>
      `zoneops/${token}/${kind === 'device' ? 'v1/devices/me/telemetry' : 'v1/gateway/telemetry'}`;

    beforeAll(async () => {
      // A share group of its own, so earlier runs' sessions on the same broker take none of this stream.
      env = await createEnv(engine, { MQTT_URL: brokerUrl!, MQTT_SHARE_GROUP: `t${randomUUID().slice(0, 8)}` });
      a = await env.start();
      b = await env.start();
      reg = await buildRegistry(db());
      await a.safety.ingest.reload();
      await b.safety.ingest.reload();
      expect(await a.safety.ingest.start({ hj212Port: 0 })).toEqual({ mqttPort: null, hj212Port: expect.any(Number) });
      await b.safety.ingest.start({ hj212Port: 0 });
      await vi.waitFor(() => expect([a, b].map((x) => x.safety.ingest.status().listeners.mqtt.live)).toEqual([true, true]), { timeout: 10_000 });
      publisher = await mqtt.connectAsync(brokerUrl!, { clientId: `pub-${randomUUID().slice(0, 8)}`, reconnectPeriod: 0 });
    });
    afterAll(async () => {
      publisher?.end(true);
      await env?.close();
    });

    it('splits one stream between two instances and stores every acknowledged message once', async () => {
      const acked: number[] = [];
      await Promise.all(
        Array.from({ length: 400 }, async (_, i) => {
          const ts = T0 - 600_000 + i * 10;
          await publisher.publishAsync(topic(reg.device.token), JSON.stringify({ ts, values: { 'LT-1': i } }), { qos: 1 });
          acked.push(ts);
        }),
      );
      expect(acked).toHaveLength(400);
      await vi.waitFor(async () => expect((await readingsOf(db(), reg.lt.id)).length).toBe(400), { timeout: 20_000, interval: 200 });
      const stored = new Set((await readingsOf(db(), reg.lt.id)).map(([ms]) => ms));
      expect(acked.every((ts) => stored.has(ts))).toBe(true);
      const [ca, cb] = [a, b].map((x) => x.safety.ingest.status().counters);
      expect(ca!.accepted).toBeGreaterThan(0);
      expect(cb!.accepted).toBeGreaterThan(0);
      expect(ca!.accepted + cb!.accepted).toBe(400);
    });

    it('takes gateway payloads and counts unknown tokens', async () => {
      await publisher.publishAsync(topic(reg.gateway.token, 'gateway'), JSON.stringify({ 'tank-1': [{ ts: T0 - 1_000, values: { 'PT-1': 1.5 } }] }), {
        qos: 1,
      });
      await publisher.publishAsync(topic('unknown-token-qrst'), JSON.stringify({ 'LT-1': 1 }), { qos: 1 });
      await vi.waitFor(async () => expect(await readingsOf(db(), reg.pt1.id)).toEqual([[T0 - 1_000, 1.5]]), { timeout: 10_000, interval: 100 });
      await vi.waitFor(
        async () => {
          await Promise.all([a.safety.ingest.flush(), b.safety.ingest.flush()]);
          expect(await rejectionCount(db(), 'unknownToken', 'token:qrst')).toBe(1);
        },
        { timeout: 10_000, interval: 200 },
      );
    });

    it('hands the stream over when one instance stops in the middle of it', async () => {
      const acked: number[] = [];
      const send = async (from: number, to: number) =>
        Promise.all(
          Array.from({ length: to - from }, async (_, k) => {
            const ts = T0 - 300_000 + (from + k) * 10;
            await publisher.publishAsync(topic(reg.device.token), JSON.stringify({ ts, values: { 'TT-1': from + k } }), { qos: 1 });
            acked.push(ts);
          }),
        );
      const first = send(0, 200);
      await a.app.close();
      await first;
      await send(200, 400);
      await vi.waitFor(async () => expect((await readingsOf(db(), reg.tt.id)).length).toBe(400), { timeout: 20_000, interval: 200 });
      const stored = new Set((await readingsOf(db(), reg.tt.id)).map(([ms]) => ms));
      expect(acked.filter((ts) => !stored.has(ts))).toEqual([]);
    });
  });
}
