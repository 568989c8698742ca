// Storage of readings (issue 7): daily partitions for the accepted window, rows that landed in the default partition
// moved into their day's partition when it is created, partitions past the retention dropped as the clock moves on;
// minute and hour roll-ups equal to the aggregates of the raw rows, late readings included, idempotent; and a restart
// under load: QoS 1 messages published continuously, the app closed mid-stream, a new app on the same database —
// every acknowledged reading is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { sql } from 'drizzle-orm';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import { listPartitions } from '../src/ingest/partitions.ts';
import { createEnv, engines, FIXED_NOW, type TestEnv } from './harness.ts';
import { buildRegistry, readingsOf, type Registry } from './ingest-fixtures.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

for (const engine of engines()) {
  describe(`telemetry storage on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let reg: Registry;
    const db = () => env.database.db;
    const now = () => env.clock.now().getTime();
    const post = async (values: Record<string, number>, ts: number) => {
      const res = await app.app.inject({ method: 'POST', url: `/api/v1/${reg.device.token}/telemetry`, payload: { ts, values } });
      expect(res.statusCode).toBe(200);
    };

    beforeAll(async () => {
      env = await createEnv(engine, { TELEMETRY_RETENTION_DAYS: '10', TELEMETRY_PAST_SECONDS: String(2 * 86_400) });
      app = await env.start();
      reg = await buildRegistry(db());
      await app.safety.ingest.reload();
    });
    afterAll(async () => {
      await env?.close();
    });

    it('creates daily partitions for the accepted window, moves default rows in, and drops expired ones', async () => {
      // Before any maintenance readings land in the default partition.
      await post({ 'TT-1': 1 }, now() - 1_000);
      await app.safety.ingest.maintain(env.clock.now());
      const parts = await listPartitions(db());
      // 2026-11-23 01:00: two days back plus one, to two days ahead.
      expect(parts).toEqual([
        'telemetry_readings_default',
        'telemetry_readings_p20261120',
        'telemetry_readings_p20261121',
        'telemetry_readings_p20261122',
        'telemetry_readings_p20261123',
        'telemetry_readings_p20261124',
        'telemetry_readings_p20261125',
      ]);
      const inDay = async (table: string) => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
      expect(await inDay('telemetry_readings_p20261123')).toBe(1);
      expect(await inDay('telemetry_readings_default')).toBe(0);

      // Three days later without maintenance: today's rows go to the default partition, then move.
      env.clock.advance(3 * DAY);
      await post({ 'TT-1': 2 }, now() - 1_000);
      expect(await inDay('telemetry_readings_default')).toBe(1);
      await app.safety.ingest.maintain(env.clock.now());
      expect(await inDay('telemetry_readings_p20261126')).toBe(1);
      expect(await inDay('telemetry_readings_default')).toBe(0);
      expect(await readingsOf(db(), reg.tt.id)).toHaveLength(2);
      // a second run changes nothing
      expect((await app.safety.ingest.maintainPartitions(env.clock.now())).created).toEqual([]);

      // Two weeks on (2026-12-10): everything before 2026-11-30 (10 days of retention) is dropped.
      env.clock.advance(14 * DAY);
      const result = await app.safety.ingest.maintainPartitions(env.clock.now());
      expect(result.dropped).toEqual(expect.arrayContaining(['telemetry_readings_p20261123', 'telemetry_readings_p20261126']));
      expect(await listPartitions(db())).toEqual([
        'telemetry_readings_default',
        'telemetry_readings_p20261207',
        'telemetry_readings_p20261208',
        'telemetry_readings_p20261209',
        'telemetry_readings_p20261210',
        'telemetry_readings_p20261211',
        'telemetry_readings_p20261212',
      ]);
      expect(await readingsOf(db(), reg.tt.id)).toEqual([]);
      env.clock.set(FIXED_NOW);
      await app.safety.ingest.maintain(env.clock.now());
    });

    it('rolls readings up into minutes and hours equal to the raw aggregates, late readings included', async () => {
      const base = now() - (now() % MINUTE) - 5 * MINUTE;
      let v = 0;
      for (let s = 0; s < 5 * 60; s += 7) await post({ 'LT-1': (v = (v * 7 + 3) % 17), 'TT-1': s / 10 }, base + s * 1000);
      await app.safety.ingest.rollup(env.clock.now());
      await expectRollupsMatchRaw();

      // Idempotent.
      await app.safety.ingest.rollup(env.clock.now());
      await expectRollupsMatchRaw();

      // Ten minutes later, a reading arrives for a bucket rolled up long ago.
      env.clock.advance(10 * MINUTE);
      await post({ 'LT-1': 100 }, base + 30_500);
      await app.safety.ingest.flush();
      await app.safety.ingest.rollup(env.clock.now());
      await expectRollupsMatchRaw();
      const [bucket] = await queryRows<{ max: number }>(
        db(),
        sql`select max from telemetry_minute where point_id = ${reg.lt.id} and bucket = ${new Date(base)}`,
      );
      expect(bucket!.max).toBe(100);
      env.clock.set(FIXED_NOW);
    });

    async function expectRollupsMatchRaw() {
      const minutes = await queryRows(
        db(),
        sql`select point_id::text, (extract(epoch from date_trunc('minute', ts)) * 1000)::float8 as b, count(*)::int as n, round(sum(value)::numeric, 6)::float8 as s, min(value) as lo, max(value) as hi
          from telemetry_readings where ts < date_trunc('minute', ${env.clock.now()}::timestamptz) group by 1, 2 order by 1, 2`,
      );
      const rolled = await queryRows(
        db(),
        sql`select point_id::text, (extract(epoch from bucket) * 1000)::float8 as b, n, round(sum::numeric, 6)::float8 as s, min as lo, max as hi from telemetry_minute order by 1, 2`,
      );
      expect(rolled).toEqual(minutes);
      expect(minutes.length).toBeGreaterThan(5);
      const hours = await queryRows(
        db(),
        sql`select point_id::text, (extract(epoch from date_trunc('hour', ts)) * 1000)::float8 as b, count(*)::int as n, round(sum(value)::numeric, 6)::float8 as s, min(value) as lo, max(value) as hi
          from telemetry_readings where ts < date_trunc('minute', ${env.clock.now()}::timestamptz) group by 1, 2 order by 1, 2`,
      );
      const rolledHours = await queryRows(
        db(),
        sql`select point_id::text, (extract(epoch from bucket) * 1000)::float8 as b, n, round(sum::numeric, 6)::float8 as s, min as lo, max as hi from telemetry_hour order by 1, 2`,
      );
      expect(rolledHours).toEqual(hours);
    }

    it('loses no acknowledged reading when the platform restarts under load', async () => {
      const first = await app.safety.ingest.start({ mqttPort: 0, hj212Port: 0 });
      const acked: number[] = [];
      const base = now() - DAY / 2;
      let next = 0;
      const publishLoop = async (port: number, stopAfter: number | null) => {
        const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username: reg.device.token, reconnectPeriod: 0 });
        client.on('error', () => undefined);
        let open = true;
        client.on('close', () => {
          open = false;
          client.end(true); // fails what is still waiting for a PUBACK
        });
        const inflight = new Set<Promise<void>>();
        while (open && (stopAfter === null || acked.length < stopAfter)) {
          const ts = base + next++;
          const p = client
            .publishAsync('v1/devices/me/telemetry', JSON.stringify({ ts, values: { 'LT-1': ts % 1000 } }), { qos: 1 })
            .then(
              () => void acked.push(ts),
              () => undefined,
            )
            .finally(() => inflight.delete(p));
          inflight.add(p);
          if (inflight.size >= 50) await Promise.race(inflight);
        }
        return { client, inflight };
      };

      // Publish until well into the stream, then close the app while messages are in flight.
      const run = publishLoop(first.mqttPort!, null);
      while (acked.length < 300) await new Promise((r) => setTimeout(r, 10));
      await app.app.close();
      const { client } = await run;
      client.end(true);
      const ackedBefore = acked.length;
      expect(ackedBefore).toBeGreaterThanOrEqual(300);

      // A new app on the same database takes over.
      app = await env.start();
      const second = await app.safety.ingest.start({ mqttPort: 0, hj212Port: 0 });
      const again = await publishLoop(second.mqttPort!, ackedBefore + 100);
      await Promise.allSettled([...again.inflight]);
      again.client.end(true);

      const stored = new Set((await readingsOf(db(), reg.lt.id)).map(([ms]) => ms));
      const lost = acked.filter((ts) => !stored.has(ts));
      expect(lost).toEqual([]);
      expect(acked.length).toBeGreaterThanOrEqual(ackedBefore + 100);
    });
  });
}
