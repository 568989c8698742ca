// Bulk data of the key-projects benchmark: the demo zone (units, users, enterprises) and, from the demo generator in
// its dense shape, N projects each with the 20 milestone nodes and one monthly report per month of the window
// (10,000 projects → 200,000 milestone rows and 360,000 reports), then VACUUM ANALYZE. Used by bench/projects.ts.
//
// Each INSERT binds one array per column (`insert … select … from unnest($1::text[], $2::text[], …)`), 20,000 rows a
// statement, three statements at a time once the projects are in. Measured on 2 cores with PostgreSQL 15: multi-row
// VALUES through Drizzle (~0.1 ms per row to build, one bound value per cell) took 121 s for the 590,000 rows, one
// connection with unnest 31 s, three 19 s; the rest is PostgreSQL's own (the reports alone, with their three foreign
// keys and four indexes, take ~11 s as INSERT … SELECT). COPY would need another dependency.
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { defaultMilestoneTemplate } from '@zoneops/shared';
import { queryRows, type Db, type DbOrTx } from '../packages/server/src/platform/database.ts';
import { isDemoSeeded, seedDemo } from '../packages/server/src/db/seed/index.ts';
import { buildDemoProjects, readDemoProjectIds, type DemoProjects } from '../packages/server/src/db/seed/demo-projects.ts';
import {
  ceremonyBatches,
  ceremonyBatchProjects,
  investmentReports,
  projectLeaders,
  projectMilestones,
  projects,
  projectStageHistory,
  projectUnits,
  settings,
} from '../packages/server/src/db/schema.ts';

export interface ProjectsBenchOptions {
  projects: number;
  milestonesPerProject: number;
  reportMonths: number;
  /** The data's today (default 2026-11-23, as the ledger bench). */
  today?: string;
  /** Password of every demo account; they are made ready to sign in (no forced change). */
  password?: string;
  /** Rows per INSERT statement (default 20,000). */
  chunkRows?: number;
  /** Statements in flight at once after the projects (default 3; the pool should have as many connections). */
  parallel?: number;
}

export interface ProjectsBenchData {
  today: string;
  password: string;
  projects: number;
  milestones: number;
  reports: number;
  /** Milliseconds: demo zone, row generation, inserts, vacuum analyze, all. */
  ms: { zone: number; generate: number; insert: number; analyze: number; total: number };
  /** Demo accounts useful to the runner: a department head with reports to approve, a zone leader, an enterprise. */
  logins: { deptHead: string; leader: string; enterprise: string; cityLeader: string | null };
}

/** Expects a migrated database with the base seed (seedBase); loads the demo zone if it is not there yet. */
export async function loadProjectsBenchData(db: Db, opts: ProjectsBenchOptions): Promise<ProjectsBenchData> {
  if (opts.milestonesPerProject !== defaultMilestoneTemplate.nodes.length) {
    throw new Error(`the demo milestone template has ${defaultMilestoneTemplate.nodes.length} nodes, not ${opts.milestonesPerProject}`);
  }
  const today = opts.today ?? '2026-11-23';
  const password = opts.password ?? 'Bench#2026pw';
  const t0 = performance.now();
  const lap = (() => {
    let last = t0;
    return () => {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      return ms;
    };
  })();

  if (!(await isDemoSeeded(db))) {
    await seedDemo(db, password);
    await db.execute(sql`update users set must_change_password = false, password_changed_at = now()`);
  }
  const zone = lap();

  const ids = await readDemoProjectIds(db);
  const data = buildDemoProjects({ count: opts.projects, today, years: opts.reportMonths / 12, months: opts.reportMonths, dense: true, ...ids });
  const generate = lap();

  await insertAll(db, data, opts.chunkRows ?? 20_000, opts.parallel ?? 3);
  await db
    .insert(settings)
    .values({ key: 'demo.projects', value: { today, projects: data.projects.length, bench: true } })
    .onConflictDoNothing();
  const insert = lap();

  await db.execute(sql`vacuum analyze projects, project_leaders, project_units, project_stage_history, project_milestones, investment_reports`);
  const analyze = lap();

  const [cityLeader] = await queryRows<{ username: string }>(
    db,
    sql`select u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
        where r.code = 'cityLeader' order by u.username limit 1`,
  );
  const result: ProjectsBenchData = {
    today,
    password,
    projects: data.projects.length,
    milestones: data.milestones.length,
    reports: data.reports.length,
    ms: { zone, generate, insert, analyze, total: Math.round(performance.now() - t0) },
    logins: { deptHead: 'construction', leader: 'leader', enterprise: 'enterprise', cityLeader: cityLeader?.username ?? null },
  };
  console.error(
    `projects bench data: ${result.projects.toLocaleString('en')} projects, ${result.milestones.toLocaleString('en')} milestones, ` +
      `${result.reports.toLocaleString('en')} reports in ${(result.ms.total / 1000).toFixed(1)} s ` +
      `(zone ${result.ms.zone} ms, generate ${generate} ms, insert ${insert} ms, vacuum analyze ${analyze} ms)`,
  );
  return result;
}

/** A cell as PostgreSQL text: strings and numbers as they are, times in ISO, JSON and arrays by the column's mapping. */
function cellText(column: PgColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  const v: unknown = column.mapToDriverValue(value);
  return v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
}

/** A text[] literal, written here because node-postgres' own array serialisation costs seconds at this size. */
function textArray(cells: (string | null)[]): string {
  return `{${cells.map((c) => (c === null ? 'NULL' : `"${c.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** INSERT … SELECT … FROM unnest(one text[] per column), cast back to each column's type; `chunk` rows a statement. */
async function insertUnnest(db: DbOrTx, table: PgTable, rows: readonly object[], chunk: number): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(first).filter((k) => all[k]);
  const cols = keys.map((k) => all[k]!);
  const names = sql.join(
    cols.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const alias = sql.join(
    cols.map((_, j) => sql.identifier(`c${j}`)),
    sql`, `,
  );
  const select = sql.join(
    cols.map((c, j) => sql`${sql.identifier(`c${j}`)}::${sql.raw(c.getSQLType())}`),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk) as Record<string, unknown>[];
    const arrays = sql.join(
      keys.map((k, j) => sql`${textArray(part.map((row) => cellText(cols[j]!, row[k])))}::text[]`),
      sql`, `,
    );
    await db.execute(sql`insert into ${table} (${names}) select ${select} from unnest(${arrays}) as u(${alias})`);
  }
}

/**
 * Projects first; then the tables that point to them on parallel connections of the pool, 20,000 rows a statement
 * (every statement commits on its own: a benchmark database is thrown away, not repaired).
 */
async function insertAll(db: Db, data: DemoProjects, chunk: number, parallel: number): Promise<void> {
  await insertUnnest(db, projects, data.projects, chunk);
  const jobs: [PgTable, readonly object[]][] = [
    [projectLeaders, data.leaders],
    [projectUnits, data.units],
    [projectStageHistory, data.stageHistory],
    [ceremonyBatches, data.batches],
  ];
  for (const [table, rows] of [
    [projectMilestones, data.milestones],
    [investmentReports, data.reports],
  ] as const)
    for (let i = 0; i < rows.length; i += chunk) jobs.push([table, rows.slice(i, i + chunk)]);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < jobs.length) {
        const [table, rows] = jobs[next++]!;
        await insertUnnest(db, table, rows, chunk);
      }
    }),
  );
  await insertUnnest(db, ceremonyBatchProjects, data.batchProjects, chunk);
}
