// The ledger engine at scale on PostgreSQL: 100,000 items with 1,000,000 progress entries.
// - the daily recomputation of every light (first run after loading, and a steady-state run);
// - the filtered list (lead unit, light, status, page of 20) with autocannon, 20 connections, for a unit's staff
//   member (data scope + visibility by assignment) and a supervisor (scope all), against the same query run directly
//   in SQL from 20 concurrent clients in the same run;
// - a user's workbench (GET /api/workbench) with autocannon, 20 connections.
// The server runs in a child process (bench/serve-app.ts) so that the load generator does not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../packages/server/src/platform/database.ts';
import { hashPassword } from '../packages/server/src/platform/auth/password.ts';
import { seedBase } from '../packages/server/src/db/seed/index.ts';
import { recomputeAll } from '../packages/server/src/modules/ledger/lights.ts';
import { writeSheet } from '../packages/server/src/platform/sheets.ts';
import { ledgerSheetSpec } from '../packages/server/src/modules/ledger-reports/ledger-sheet.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const PROGRESS_PER_ITEM = 10;
const base = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Bench#2026pw';
const TODAY = '2026-11-23';

const admin = new pg.Client({ connectionString: base });
await admin.connect();
// BENCH_KEEP=1 keeps the database (its name is printed) and BENCH_DB=<name> reuses one: for EXPLAIN between runs.
const reuse = process.env.BENCH_DB;
const dbName = reuse ?? `zoneops_bench_ledger_${Date.now()}`;
if (!reuse) await admin.query(`create database ${dbName}`);
console.error(`database ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const results: { name: string; rps?: number; p50?: number; p99?: number; ms?: number; note?: string }[] = [];

async function timed<T>(name: string, fn: () => Promise<T>, note?: (v: T) => string): Promise<T> {
  const t0 = performance.now();
  const v = await fn();
  const ms = Math.round(performance.now() - t0);
  results.push({ name, ms, ...(note ? { note: note(v) } : {}) });
  console.error(`${name}: ${ms} ms`);
  return v;
}

function serve(): Promise<{ child: ChildProcess; info: { port: number; cookies: Record<string, string>; csrf: Record<string, string> } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-app.ts'], {
    env: { ...process.env, BENCH_DATABASE_URL: url.toString(), BENCH_USERS: 'benchstaff,benchsup', BENCH_PASSWORD: PASSWORD, BENCH_NOW: `${TODAY}T01:00:00Z` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function load(name: string, port: number, path: string, cookie: string) {
  const headers = { cookie: `zo_sid=${cookie}` };
  await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 5, duration: 3, headers });
  const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 20, duration: DURATION, headers });
  if (r.non2xx) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
  results.push({ name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 });
  console.error(`${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
}

/** The list's own SQL, run directly from 20 clients for the same duration: the ceiling for the API. */
async function direct(name: string, text: string, values: unknown[]) {
  const pool = new pg.Pool({ connectionString: url.toString(), max: 20 });
  const latencies: number[] = [];
  const end = performance.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      const c = await pool.connect();
      try {
        while (performance.now() < end) {
          const t0 = performance.now();
          await c.query({ name: 'direct', text, values });
          latencies.push(performance.now() - t0);
        }
      } finally {
        c.release();
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10;
  results.push({ name, rps: Math.round(latencies.length / DURATION), p50: q(0.5), p99: q(0.99) });
  console.error(`${name}: ${Math.round(latencies.length / DURATION)} req/s, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
}

let server: ChildProcess | undefined;
try {
  const database = await openDatabase({ url: url.toString(), dataDir: '/tmp', poolSize: 4 });
  await database.migrate();
  if (!reuse) await seedBase(database.db);
  const db = database.db;
  const hash = await hashPassword(PASSWORD);

  if (!reuse)
    await timed(`load ${ITEMS.toLocaleString('en')} items, ${(ITEMS * PROGRESS_PER_ITEM).toLocaleString('en')} progress entries`, async () => {
      // 40 units under one root; 5 users each; one supervisor in the first.
      await db.execute(
        sql`insert into units (id, name, kind, path) values ('00000000-0000-4000-8000-000000000000', '管委会', 'administration', '/00000000-0000-4000-8000-000000000000/')`,
      );
      await db.execute(sql`insert into units (id, parent_id, name, kind, path)
        select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000000', '单位' || g, 'bureau',
               '/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-' || lpad(g::text, 12, '0') || '/'
        from generate_series(1, 40) g`);
      await db.execute(sql`insert into users (username, display_name, unit_id, password_hash, must_change_password)
        select 'u' || g, '用户' || g, ('00000000-0000-4000-8000-' || lpad((1 + g % 40)::text, 12, '0'))::uuid, ${hash}, false from generate_series(1, 200) g`);
      await db.execute(sql`insert into users (username, display_name, unit_id, password_hash, must_change_password) values
        ('benchstaff', '办理人', '00000000-0000-4000-8000-000000000002', ${hash}, false),
        ('benchsup', '督查员', '00000000-0000-4000-8000-000000000001', ${hash}, false)`);
      await db.execute(sql`insert into user_roles (user_id, role_id)
        select u.id, r.id from users u join roles r on r.code = case when u.username = 'benchsup' then 'supervisor' else 'staff' end`);
      await db.execute(sql`insert into ledgers (kind, code, name, supervisor_unit_id, checkpoint_template_id)
        select 'supervision', 'DB' || g, '督查台账' || g, '00000000-0000-4000-8000-000000000001', (select id from checkpoint_templates where code = 'dayWeekMonth')
        from generate_series(1, 5) g`);
      // Items: assigned over the past year, deadlines 10–120 days after; statuses as in a live ledger.
      await db.execute(sql`insert into ledger_items (ledger_id, seq, code, title, source, lead_unit_id, co_unit_ids, owner_id, frequency, progress, deadline, status, assigned_at)
        select l.id, g, l.code || '-' || lpad(g::text, 6, '0'), '督办事项' || g,
          (array['meetingDecision','leaderInstruction','assignmentFromAbove','inspectionFeedback','hotline'])[1 + g % 5],
          ('00000000-0000-4000-8000-' || lpad((1 + g % 40)::text, 12, '0'))::uuid,
          array[('00000000-0000-4000-8000-' || lpad((1 + (g + 7) % 40)::text, 12, '0'))::uuid],
          (select id from users where username = 'u' || (1 + g % 200)),
          (array['week','tenDays','month','quarter'])[1 + g % 4], (g * 7) % 100,
          (${TODAY}::date - (g % 365) + 10 + (g % 111)),
          (array['assigned','accepted','inProgress','inProgress','inProgress','reported','verifying','signoff','notice','closed','closed','ongoing'])[1 + g % 12],
          (${TODAY}::date - (g % 365))::timestamptz + interval '1 hour'
        from generate_series(1, ${ITEMS}) g join ledgers l on l.code = 'DB' || (1 + g % 5)`);
      await db.execute(sql`insert into ledger_checkpoints (item_id, code, name, name_en, deliverable, deliverable_en, requirement, due_on, met_at)
        select i.id, n.code, n.name, n.name, n.deliverable, n.deliverable, n.requirement, (i.assigned_at::date + n.offs),
               case when (hashtext(i.id::text || n.code) % 10) <> 0 then i.assigned_at + (n.offs || ' days')::interval end
        from ledger_items i cross join (values ('plan', '一天有部署', '一天部署', 'decomposition', 1), ('action', '一周有行动', '一周行动', 'progress', 7),
                                              ('effect', '一月有效果', '一月效果', 'effect', 30)) n(code, name, deliverable, requirement, offs)`);
      await db.execute(sql`insert into ledger_progress (item_id, kind, reported_on, percent, text, created_at)
        select i.id, 'progress', least(${TODAY}::date, i.assigned_at::date + k * 7), k * 10, '第' || k || '次进展：按计划推进', i.assigned_at + (k * 7 || ' days')::interval
        from ledger_items i cross join generate_series(1, ${PROGRESS_PER_ITEM}) k`);
      await db.execute(sql`update ledger_items i set last_progress_on = p.d, last_progress_text = '最新进展'
        from (select item_id, max(reported_on) d from ledger_progress group by item_id) p where p.item_id = i.id`);
      await db.execute(sql`vacuum analyze`);
    });

  await timed(
    'daily recomputation of all lights (first run: most lights change)',
    () => recomputeAll(db, TODAY, new Date()),
    (r) => `${r.items} items, ${r.changed} changed`,
  );
  await timed(
    'daily recomputation of all lights (next day: steady state)',
    () => recomputeAll(db, '2026-11-24', new Date()),
    (r) => `${r.items} items, ${r.changed} changed`,
  );
  await db.execute(sql`vacuum analyze`);
  await database.close();

  const { child, info } = await serve();
  server = child;
  const unit = '00000000-0000-4000-8000-000000000002';
  const path = `/api/ledger-items?leadUnitId=${unit}&light=red&status=inProgress&page=1&pageSize=20`;
  await load('GET /api/ledger-items (unit, light, status, page of 20) as the unit staff member', info.port, path, info.cookies.benchstaff!);
  await load('the same list as the supervisor (scope all)', info.port, path, info.cookies.benchsup!);
  await load("GET /api/workbench (a handler's to-dos, notifications, counts)", info.port, '/api/workbench', info.cookies.benchstaff!);
  await direct(
    'the same list page directly in SQL (20 clients)',
    `select i.*, lu.name, o.display_name from ledger_items i join ledgers l on l.id = i.ledger_id join units lu on lu.id = i.lead_unit_id
       left join users o on o.id = i.owner_id
     where i.deleted_at is null and i.lead_unit_id = $1 and i.light = any($2) and i.status = any($3)
     order by i.deadline, i.seq, i.id limit 20`,
    [unit, ['red'], ['inProgress']],
  );

  // Excel import of 10,000 tasks: validation (preview), then the commit through the engine in one transaction.
  {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    const ledgerRow = (await c.query(`select id, name from ledgers where code = 'DB1'`)).rows[0] as { id: string; name: string };
    await c.end();
    const rows = Array.from({ length: 10_000 }, (_, k) => ({
      title: `导入事项${k + 1}`,
      source: 'meetingDecision' as const,
      leadUnit: `单位${1 + (k % 40)}`,
      coUnits: [`单位${1 + ((k + 3) % 40)}`],
      deadline: '2027-03-31',
    }));
    const file = await writeSheet(ledgerSheetSpec(ledgerRow.name), rows);
    const post = async (mode: string) => {
      const res = await fetch(`http://127.0.0.1:${info.port}/api/ledgers/${ledgerRow.id}/import?mode=${mode}`, {
        method: 'POST',
        headers: {
          cookie: `zo_sid=${info.cookies.benchsup!}`,
          'x-csrf-token': info.csrf.benchsup!,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
        body: new Uint8Array(file),
      });
      const body = (await res.json()) as { total?: number; errors?: unknown[]; created?: unknown[] };
      if (res.status !== 200) throw new Error(`import ${mode}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    };
    await timed(
      'Excel import of 10,000 tasks: upload and validation (preview)',
      () => post('preview'),
      (b) => `${b.total} rows, ${b.errors?.length} errors`,
    );
    await timed(
      'Excel import of 10,000 tasks: validation and commit',
      () => post('commit'),
      (b) => `${(b.created as unknown[] | undefined)?.length ?? 0} created`,
    );
  }
} finally {
  if (server && server.exitCode === null) {
    await new Promise<void>((resolve) => {
      server!.once('exit', () => resolve());
      server!.kill();
    });
  }
  if (!process.env.BENCH_KEEP) await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}

console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; PostgreSQL; ${DURATION}s per load\n`,
);
console.log('| case | req/s | p50 ms | p99 ms | time | note |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of results)
  console.log(
    `| ${r.name} | ${r.rps ?? ''} | ${r.p50 ?? ''} | ${r.p99 ?? ''} | ${r.ms !== undefined ? `${(r.ms / 1000).toFixed(1)} s` : ''} | ${r.note ?? ''} |`,
  );
console.log(JSON.stringify({ bench: 'ledger', duration: DURATION, items: ITEMS, results }));
