// A quarter's automatic assessment scores (issue 9): on a fresh PGlite and a fresh PostgreSQL database, migrations,
// the base seed and the full demo data as the first `npm start` loads it (the zone; ~900 key projects with their
// milestones and three years of reports; the ledgers' 60 days played through the services; promotion; enterprise
// service; safety; closed park) on a clock fixed at 2026-11-23 09:00 Shanghai; then 60 participant units: the demo
// zone's 31 (its external city units left out) and sections added under the bureaus to make 60. Measured: the ten
// metrics of the catalogue for 2026-Q3 for the 60 units (computeMetric, one grouped statement each, in turn as the
// service computes a run), 5 times; p50 and max of the whole, and the p50 of each metric; the same for 2026-Q4, the
// running quarter, where the demo's ledgers, requests and alarms (its last 60 days) lie, which 2026-Q3 hardly has.
// Twice: on the data as seeded (PGlite never analyzes by itself: what an embedded install sees), and after ANALYZE.
// Ceiling in the same run: the ten tables the metrics read counted with a trivial `select count(*)` each, in turn
// (ten round trips and a full pass over each table: the metrics read the same tables, filtered and grouped).
//
// PostgreSQL: BENCH_PG, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres (a database is
// created there and dropped at the end; BENCH_KEEP=1 keeps it). BENCH_ENGINES=pglite,postgres (default both).
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { sql } from 'drizzle-orm';
import { metricKeys, type MetricKey } from '@zoneops/shared';
import { openDatabase, queryRows, type Db } from '../packages/server/src/platform/database.ts';
import { units } from '../packages/server/src/db/schema.ts';
import { computeMetric } from '../packages/server/src/modules/assessments/assessment-metrics.repository.ts';
import type { MetricParticipant, MetricValue } from '../packages/server/src/modules/assessments/assessment-metrics.ts';
import { BenchDatabases, type Engine } from './bench-databases.ts';
import { loadFullDemo } from './demo-load.ts';

const NOW = new Date('2026-11-23T01:00:00Z');
const PERIOD = { start: '2026-07-01', end: '2026-09-30' };
const PERIOD_KEY = '2026-Q3';
/** The running quarter, where the demo's ledgers, requests and alarms (its last 60 days) lie. */
const RUNNING = { start: '2026-10-01', end: '2026-12-31' };
const RUNNING_KEY = '2026-Q4';
const PARTICIPANTS = 60;
const REPS = 5;
const OPTS = { alarmAckMinutes: 5 };
const GOAL = '≤ 5 s';
/** The tables the ten metrics read. */
const TABLES = [
  'projects',
  'investment_reports',
  'project_milestones',
  'promotion_leads',
  'promotion_lead_events',
  'ledger_items',
  'ledger_events',
  'ledger_deadlines',
  'service_request_rounds',
  'safety_alarms',
];
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as Engine[];
const base = process.env.BENCH_PG ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
  engine: Engine;
  name: string;
  p50?: number;
  max?: number;
  ms?: number;
  goal?: string;
  note?: string;
}
const rows: Row[] = [];
const facts: Record<string, unknown> = {};
const loadAtStart = loadavg()[0]!;

const round1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Sections under the bureaus, round robin, until the zone's own units and they make `total`; returns the 60. */
async function participantUnits(db: Db, total: number): Promise<MetricParticipant[]> {
  const own = await queryRows<{ id: string; path: string; kind: string }>(
    db,
    sql`select id, path, kind from units where deleted_at is null and kind <> 'external' order by path`,
  );
  const bureaus = own.filter((u) => u.kind === 'bureau');
  const extra = Math.max(0, total - own.length);
  const added = Array.from({ length: extra }, (_, i) => {
    const parent = bureaus[i % bureaus.length]!;
    const id = randomUUID();
    return { id, parentId: parent.id, name: `测评科${i + 1}`, nameEn: `Bench Section ${i + 1}`, kind: 'section', sort: 100 + i, path: `${parent.path}${id}/` };
  });
  if (added.length) await db.insert(units).values(added);
  return [...own.map((u) => u.id), ...added.map((u) => u.id)].slice(0, total).map((id) => ({ participantId: id, unitId: id, projectId: null }));
}

/** The ten metrics in turn, REPS times: the whole run's times and each metric's, and the last run's values. */
async function timeMetrics(db: Db, participants: MetricParticipant[], period: { start: string; end: string }) {
  const totals: number[] = [];
  const per = new Map<MetricKey, number[]>(metricKeys.map((k) => [k, []]));
  let last = new Map<MetricKey, Map<string, MetricValue>>();
  for (let r = 0; r < REPS; r++) {
    const values = new Map<MetricKey, Map<string, MetricValue>>();
    const t0 = performance.now();
    for (const metric of metricKeys) {
      const t = performance.now();
      values.set(metric, await computeMetric(db, metric, participants, period, OPTS));
      per.get(metric)!.push(performance.now() - t);
    }
    totals.push(performance.now() - t0);
    last = values;
  }
  return { totals, per, last };
}

async function timeCeiling(db: Db): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    for (const t of TABLES) await db.execute(sql`select count(*) from ${sql.identifier(t)}`);
    out.push(performance.now() - t0);
  }
  return out;
}

const cleanups: (() => Promise<void>)[] = [];
const dbs = new BenchDatabases(base, cleanups);
try {
  for (const engine of ENGINES) {
    const store = await dbs.provision(engine, `zoneops_bench_assessments_${Date.now()}`);
    const database = await openDatabase({ url: store.url, dataDir: store.dataDir, poolSize: 4 });
    let closeApp: (() => Promise<void>) | undefined;
    try {
      // ---- the full demo data ----
      const t0 = performance.now();
      // the demo's own assessment runs are left out: the metrics are measured on the modules' data
      const { app } = await loadFullDemo(database, store, { password: 'Bench#2026pw', now: NOW, assessments: false });
      closeApp = () => app.close();
      const db = database.db;
      const participants = await participantUnits(db, PARTICIPANTS);
      const seedMs = performance.now() - t0;
      const counts = (
        await queryRows<Record<string, number>>(db, sql.raw(`select ${TABLES.map((t) => `(select count(*)::int from ${t}) as "${t}"`).join(', ')}`))
      )[0]!;
      rows.push({ engine, name: 'load: migrations, base seed, full demo data, 60 participant units (set-up)', ms: Math.round(seedMs) });
      console.error(`${engine}: demo data in ${(seedMs / 1000).toFixed(1)} s; ${JSON.stringify(counts)}`);

      const measure = async (label: string) => {
        const ceiling = await timeCeiling(db);
        const m = await timeMetrics(db, participants, PERIOD);
        const q4 = await timeMetrics(db, participants, RUNNING);
        rows.push({
          engine,
          name: `ceiling ${label}: select count(*) of the ${TABLES.length} tables in turn`,
          p50: round1(median(ceiling)),
          max: round1(Math.max(...ceiling)),
        });
        rows.push({
          engine,
          name: `${label}: the ${metricKeys.length} metrics of ${PERIOD_KEY} for ${participants.length} units`,
          p50: round1(median(m.totals)),
          max: round1(Math.max(...m.totals)),
          goal: GOAL,
          note: `p50 ÷ ceiling p50 = ${(median(m.totals) / median(ceiling)).toFixed(1)}`,
        });
        for (const k of metricKeys) rows.push({ engine, name: `${label}: ${k}`, p50: round1(median(m.per.get(k)!)), max: round1(Math.max(...m.per.get(k)!)) });
        rows.push({
          engine,
          name: `${label}: the same for ${RUNNING_KEY} (the running quarter: the demo's ledgers, requests and alarms)`,
          p50: round1(median(q4.totals)),
          max: round1(Math.max(...q4.totals)),
          goal: GOAL,
        });
        console.error(
          `${engine} ${label}: p50 ${round1(median(m.totals))} ms, max ${round1(Math.max(...m.totals))} ms (ceiling p50 ${round1(median(ceiling))} ms)`,
        );
        return { [PERIOD_KEY]: m.last, [RUNNING_KEY]: q4.last };
      };
      await measure('as seeded');
      await db.execute(sql`analyze`);
      const last = await measure('after ANALYZE');

      // What was computed: the zone root's value (all its records) and how many units have a value, per metric.
      const root = participants[0]!.participantId;
      const summary = (values: Map<MetricKey, Map<string, MetricValue>>) =>
        Object.fromEntries(
          metricKeys.map((k) => {
            const v = values.get(k)!;
            const r = v.get(root)!;
            const withValue = [...v.values()].filter((x) => x.value !== null && x.value !== 0).length;
            return [
              k,
              {
                zone: r.value === null ? null : Math.round(r.value * 1000) / 1000,
                records: r.inputs.records.length + r.inputs.more,
                ...(r.inputs.denominator !== null ? { of: r.inputs.denominator } : {}),
                unitsWithValue: withValue,
              },
            ];
          }),
        );
      facts[engine] = { rows: counts, [PERIOD_KEY]: summary(last[PERIOD_KEY]!), [RUNNING_KEY]: summary(last[RUNNING_KEY]!) };
      console.error(`${engine}: ${JSON.stringify(facts[engine])}`);
    } finally {
      await closeApp?.();
      await database.close();
      await store.drop();
    }
  }
} finally {
  for (const c of cleanups.reverse()) await c();
}

console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ` +
    `${PARTICIPANTS} units, ${PERIOD_KEY}, ${REPS} runs each; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`,
);
console.log('| engine | case | p50 ms | max ms | time | goal | note |');
console.log('|---|---|---:|---:|---:|---|---|');
for (const r of rows)
  console.log(
    `| ${r.engine} | ${r.name} | ${r.p50 ?? ''} | ${r.max ?? ''} | ${r.ms !== undefined ? `${(r.ms / 1000).toFixed(1)} s` : ''} | ${r.goal ?? ''} | ${r.note ?? ''} |`,
  );
console.log(
  JSON.stringify({ bench: 'assessments', period: PERIOD_KEY, participants: PARTICIPANTS, reps: REPS, load: [loadAtStart, loadavg()[0]], facts, rows }),
);
