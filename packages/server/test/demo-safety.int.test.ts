// The demo safety monitoring on a migrated database with the demo zone: ~2,000 points with sound thresholds, device
// tokens whose hashes match the simulator's file (kept private), history and latest values, alarms open in every
// state with their events, suppression windows, and a second run that adds nothing.
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/platform/database.ts';
import type { Deps } from '../src/platform/deps.ts';
import { sha256 } from '../src/platform/auth/tokens.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { seedDemoSafety, type DemoDevicesFile, type DemoSafetyResult } from '../src/db/seed/demo-safety.ts';
import { createEnv, engines, FIXED_NOW, PASSWORD, type TestEnv } from './harness.ts';

const COUNTED = [
  'major_hazards',
  'safety_devices',
  'monitoring_points',
  'telemetry_readings',
  'telemetry_minute',
  'telemetry_hour',
  'telemetry_latest',
  'safety_alarms',
  'safety_alarm_events',
  'safety_suppressions',
  'safety_hazards',
];

for (const engine of engines()) {
  describe(`demo safety monitoring on ${engine}`, () => {
    let env: TestEnv;
    let deps: Deps;
    let result: DemoSafetyResult;
    let file: DemoDevicesFile;
    const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.database.db, q);
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const t of COUNTED) out[t] = (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`)))[0]!.n;
      return out;
    };

    beforeAll(async () => {
      env = await createEnv(engine);
      await seedDemo(env.database.db, PASSWORD);
      deps = (await env.start()).deps;
      const started = performance.now();
      result = await seedDemoSafety(deps);
      console.info(`[demo-safety] seeded ${result.points} points on ${engine} in ${Math.round(performance.now() - started)} ms`);
      file = JSON.parse(readFileSync(result.file!, 'utf8')) as DemoDevicesFile;
    });
    afterAll(() => env?.close());

    it('writes twelve major hazard sources with installations, responsible persons and assessment dates', async () => {
      const sources = await rows<{ level: number; installations: unknown[]; responsible: Record<string, { name: string; phone: string }>; due: string }>(
        sql`select level, installations, responsible, assessment_due_on::text as due from major_hazards`,
      );
      expect(sources).toHaveLength(12);
      expect(new Set(sources.map((s) => s.level))).toEqual(new Set([1, 2, 3, 4]));
      for (const s of sources) {
        expect(s.installations.length).toBeGreaterThan(0);
        for (const role of ['main', 'technical', 'operational']) expect(s.responsible[role]?.phone).toMatch(/^1\d{10}$/);
      }
      const in60 = new Date(FIXED_NOW.getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
      expect(sources.filter((s) => s.due <= in60).length).toBeGreaterThanOrEqual(2);
    });

    it('writes about 2,000 points whose thresholds are ordered and inside their ranges', async () => {
      const points = await rows<{
        kind: string;
        lo: number;
        hi: number;
        hh: number | null;
        h: number | null;
        l: number | null;
        ll: number | null;
        db: number;
        dur: number;
        iv: number;
        lng: number;
        lat: number;
      }>(
        sql`select kind, range_low as lo, range_high as hi, hh, h, l, ll, deadband as db, min_duration_s as dur, expected_interval_s as iv, lng, lat
            from monitoring_points`,
      );
      expect(points.length).toBe(result.points);
      expect(points.length).toBeGreaterThan(1900);
      expect(points.length).toBeLessThan(2100);
      expect(new Set(points.map((p) => p.kind))).toEqual(new Set(['level', 'temperature', 'pressure', 'combustibleGas', 'toxicGas', 'other']));
      for (const p of points) {
        const t = [p.ll, p.l, p.h, p.hh].filter((x): x is number => x !== null);
        expect(t.length).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < t.length; i++) expect(t[i - 1]!).toBeLessThan(t[i]!);
        expect(Math.min(...t)).toBeGreaterThan(p.lo);
        expect(Math.max(...t)).toBeLessThan(p.hi);
        expect(p.db).toBeGreaterThan(0);
        expect(p.dur).toBeGreaterThanOrEqual(10);
        expect(p.iv).toBeGreaterThanOrEqual(10);
        expect(p.iv).toBeLessThanOrEqual(60);
        // inside the Gulei peninsula
        expect(p.lng).toBeGreaterThan(117.57);
        expect(p.lng).toBeLessThan(117.66);
        expect(p.lat).toBeGreaterThan(23.72);
        expect(p.lat).toBeLessThan(23.82);
      }
      const [orphans] = await rows<{ n: number }>(
        sql`select count(*)::int as n from monitoring_points p join safety_devices d on d.id = p.device_id where d.kind = 'gateway' or d.enterprise_id <> p.enterprise_id`,
      );
      expect(orphans!.n).toBe(0);
    });

    it('stores only the hashes of the tokens the private file holds, for every gateway and direct device', async () => {
      expect(statSync(result.file!).mode & 0o777).toBe(0o600);
      const devices = await rows<{ id: string; kind: string; gateway: string | null; hash: string | null; hint: string | null; mn: string | null }>(
        sql`select id, kind, gateway_id as gateway, token_hash as hash, token_hint as hint, mn from safety_devices`,
      );
      const byId = new Map(devices.map((d) => [d.id, d]));
      const tokened = devices.filter((d) => d.hash);
      expect(tokened.length).toBe(file.devices.length);
      expect(devices.filter((d) => d.kind === 'gateway').length).toBeGreaterThanOrEqual(5);
      for (const d of file.devices) {
        const row = byId.get(d.id)!;
        expect(row.hash).toBe(sha256(d.token));
        expect(row.hint).toBe(d.token.slice(-4));
        expect(d.token.length).toBeGreaterThanOrEqual(16);
        for (const c of d.children ?? []) expect(byId.get(c.id)).toMatchObject({ gateway: d.id, hash: null });
      }
      // every point is in the file once, under its device
      const filed = [...file.devices.flatMap((d) => [...d.points, ...(d.children ?? []).flatMap((c) => c.points)]), ...file.stations.flatMap((s) => s.factors)];
      expect(new Set(filed.map((p) => p.id)).size).toBe(result.points);
      expect(file.stations.map((s) => [s.st, s.factors.map((f) => f.tag).sort()])).toEqual([
        ['22', ['a05024', 'a21004', 'a21005', 'a21026', 'a34002', 'a34004']],
        ['32', ['w01018', 'w21001', 'w21003', 'w21011']],
      ]);
      for (const s of file.stations) expect(byId.get(s.id)?.mn).toBe(s.mn);
      expect(file.mqtt.port).toBe(deps.config.ports.mqtt);
    });

    it('fills the latest value of every point and a day of history with its roll-ups', async () => {
      const [latest] = await rows<{ n: number; future: number }>(
        sql`select count(*)::int as n, count(*) filter (where ts > ${FIXED_NOW.toISOString()}::timestamptz)::int as future from telemetry_latest`,
      );
      expect(latest).toEqual({ n: result.points, future: 0 });
      const [history] = await rows<{ points: number; n: number; first: string; minutes: number; hourN: number }>(
        sql`select count(distinct point_id)::int as points, count(*)::int as n, min(ts) as first,
              (select count(*)::int from telemetry_minute) as minutes, (select sum(n)::int from telemetry_hour) as "hourN"
            from telemetry_readings`,
      );
      expect(history!.points).toBeGreaterThanOrEqual(40);
      expect(history!.n).toBe(history!.minutes);
      expect(history!.n).toBe(history!.hourN);
      expect(FIXED_NOW.getTime() - new Date(history!.first).getTime()).toBeGreaterThanOrEqual(23 * 3_600_000);
      // normal history stays inside the thresholds; the alarms' points carry their excursions
      const [outside] = await rows<{ n: number }>(
        sql`select count(*)::int as n from telemetry_readings r join monitoring_points p on p.id = r.point_id
            where (r.value >= p.h or r.value <= p.l) and not exists (select 1 from safety_alarms a where a.point_id = p.id)`,
      );
      expect(outside!.n).toBe(0);
    });

    it('writes open alarms in every state and level, closed ones with who did what, and no hazards', async () => {
      const alarms = await rows<{ id: string; status: string; level: string; closed: boolean; events: string[]; by: number }>(
        sql`select a.id, a.status, a.level, a.closed_at is not null as closed,
              array(select e.kind from safety_alarm_events e where e.alarm_id = a.id order by e.at, e.id) as events,
              (select count(*)::int from safety_alarm_events e where e.alarm_id = a.id and e.by_user_id is not null) as by
            from safety_alarms a`,
      );
      const open = alarms.filter((a) => !a.closed);
      expect(open.length).toBeGreaterThanOrEqual(3);
      expect(open.length).toBeLessThanOrEqual(5);
      expect(new Set(open.map((a) => a.status))).toEqual(new Set(['raised', 'acknowledged', 'handled']));
      expect(new Set(open.map((a) => a.level))).toEqual(new Set(['red', 'orange', 'yellow', 'blue']));
      const closed = alarms.filter((a) => a.closed);
      expect(closed.length).toBeGreaterThanOrEqual(3);
      for (const a of alarms) expect(a.events[0]).toBe('raised');
      for (const a of closed) {
        expect(a.status).toBe('closed');
        expect(a.events.filter((k) => ['acknowledged', 'handled', 'closed'].includes(k))).toEqual(['acknowledged', 'handled', 'closed']);
        expect(a.events.at(-1)).toBe('closed');
        expect(a.by).toBe(3);
      }
      const [enterpriseSees] = await rows<{ n: number }>(
        sql`select count(*)::int as n from safety_alarms a join users u on u.enterprise_id = a.enterprise_id where u.username = 'enterprise' and a.closed_at is null`,
      );
      expect(enterpriseSees!.n).toBeGreaterThanOrEqual(1);
      expect((await counts()).safety_hazards).toBe(0);
    });

    it('files one maintenance window now and one start-up window to come', async () => {
      const windows = await rows<{ kind: string; now: boolean; future: boolean; points: number }>(
        sql`select kind, starts_at <= ${FIXED_NOW.toISOString()}::timestamptz and ends_at > ${FIXED_NOW.toISOString()}::timestamptz as now,
              starts_at > ${FIXED_NOW.toISOString()}::timestamptz as future, cardinality(point_ids) as points
            from safety_suppressions order by kind`,
      );
      expect(windows).toEqual([
        { kind: 'maintenance', now: true, future: false, points: 3 },
        { kind: 'startup', now: false, future: true, points: 0 },
      ]);
    });

    it('is written once: a second run adds nothing and keeps the file', async () => {
      const before = await counts();
      const text = readFileSync(result.file!, 'utf8');
      const again = await seedDemoSafety(deps);
      expect(again.seeded).toBe(false);
      expect(await counts()).toEqual(before);
      expect(readFileSync(result.file!, 'utf8')).toBe(text);
    });
  });
}
