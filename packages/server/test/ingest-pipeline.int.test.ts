// The write pipeline on its own (a fake alarm engine as its sink): submissions resolve once committed, many messages
// share one statement, the sink hears only rows that were new (in timestamp order, with their point), duplicates
// within a batch and against stored rows are stored once, a failed write rejects its submissions (nothing
// acknowledged, nothing handed on) without stopping later ones, and a full queue refuses new work.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DeviceDef, PointDef, ReadingSink, StoredReading } from '../src/modules/safety/contracts.ts';
import { queryRows } from '../src/platform/database.ts';
import { OverloadedError, Pipeline } from '../src/ingest/pipeline.ts';
import { createEnv, engines, FIXED_NOW, type TestEnv } from './harness.ts';

const T0 = FIXED_NOW.getTime();
const silentLog = { error: () => undefined, warn: () => undefined, info: () => undefined } as never;

const point = (id: string = randomUUID()): PointDef => ({
  id,
  enterpriseId: randomUUID(),
  majorHazardId: null,
  deviceId: null,
  tag: 'X',
  name: 'x',
  unit: 'm',
  thresholds: { hh: null, h: null, l: null, ll: null },
  deadband: 0,
  minDurationMs: 0,
  rateLimitPerMin: null,
  expectedIntervalMs: 60_000,
  staleAfterIntervals: 3,
  enabled: true,
});
const sender: DeviceDef = {
  id: randomUUID(),
  kind: 'device',
  name: 'd',
  enterpriseId: randomUUID(),
  gatewayId: null,
  mn: null,
  revoked: false,
  expectedIntervalMs: 60_000,
};

for (const engine of engines()) {
  describe(`ingest pipeline on ${engine}`, () => {
    let env: TestEnv;
    const heard: StoredReading[][] = [];
    const seen: string[] = [];
    const sink: ReadingSink = {
      onReadings: async (r) => {
        heard.push([...r]);
      },
      onDeviceSeen: (id) => seen.push(id),
    };
    const late = { lateBefore: () => 0, noteLate: () => undefined };
    let pipeline: Pipeline;

    beforeAll(async () => {
      env = await createEnv(engine);
      pipeline = new Pipeline(env.database.db, silentLog, sink, late, () => T0, { flushMs: 20, maxBatchRows: 1000, maxQueuedRows: 5000 });
    });
    afterAll(async () => {
      await pipeline?.close();
      await env?.close();
    });

    it('writes many messages in one statement and hands on only new rows, in timestamp order', async () => {
      const a = point();
      const b = point();
      const first = await Promise.all([
        pipeline.submit(sender, [{ point: a, ts: T0 - 2_000, value: 1 }], 'mqtt'),
        pipeline.submit(sender, [{ point: b, ts: T0 - 3_000, value: 2 }], 'mqtt'),
      ]);
      expect(first).toEqual([
        { accepted: 1, duplicates: 0 },
        { accepted: 1, duplicates: 0 },
      ]);
      expect(pipeline.counters.batches).toBe(1);
      await pipeline.flush();
      expect(heard.at(-1)!.map((r) => [r.point.id, r.ts, r.value])).toEqual([
        [b.id, T0 - 3_000, 2],
        [a.id, T0 - 2_000, 1],
      ]);
      expect(seen).toContain(sender.id);

      // One stored row again, one new, and a repeat inside the same submission.
      heard.length = 0;
      const second = await pipeline.submit(
        sender,
        [
          { point: a, ts: T0 - 2_000, value: 9 },
          { point: a, ts: T0 - 1_000, value: 3 },
          { point: a, ts: T0 - 1_000, value: 4 },
        ],
        'http',
      );
      expect(second).toEqual({ accepted: 1, duplicates: 2 });
      await pipeline.flush();
      expect(heard.flat().map((r) => [r.ts, r.value])).toEqual([[T0 - 1_000, 3]]);
      const rows = await queryRows<{ value: number }>(env.database.db, sql`select value from telemetry_readings where point_id = ${a.id} order by ts`);
      expect(rows.map((r) => r.value)).toEqual([1, 3]);
      expect(pipeline.tallies.get(a.id)).toEqual({ ts: T0 - 1_000, value: 3 });
    });

    it('rejects the submissions of a failed write, hands nothing on, and goes on with the next', async () => {
      heard.length = 0;
      const failures = pipeline.counters.writeFailures;
      const good = point();
      const results = await Promise.allSettled([
        pipeline.submit(sender, [{ point: good, ts: T0, value: 1 }], 'mqtt'),
        pipeline.submit(sender, [{ point: point('not-a-uuid'), ts: T0, value: 1 }], 'mqtt'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(pipeline.counters.writeFailures).toBe(failures + 1);
      await pipeline.flush();
      expect(heard).toEqual([]);
      expect(await pipeline.submit(sender, [{ point: good, ts: T0, value: 1 }], 'mqtt')).toEqual({ accepted: 1, duplicates: 0 });
    });

    it('refuses new work while too much waits to be written', async () => {
      const p = point();
      const many = Array.from({ length: 4_000 }, (_, i) => ({ point: p, ts: T0 - 100_000 + i, value: i }));
      const pending = pipeline.submit(sender, many, 'mqtt');
      await expect(pipeline.submit(sender, many, 'mqtt')).rejects.toBeInstanceOf(OverloadedError);
      expect(await pending).toEqual({ accepted: 4_000, duplicates: 0 });
    });
  });
}
