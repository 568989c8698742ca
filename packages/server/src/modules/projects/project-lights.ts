// Recomputes the lights of projects with the one rule of packages/shared/src/projects.ts (computeProjectLight): after
// every change to a project, its milestones or its reports, and for every tracked project by the hourly job.
// Batches of 2,000; only changed lights are written. Also keeps the figures from approved reports.
import { sql } from 'drizzle-orm';
import { computeProjectLight, duePeriods, trackedStages, type ProjectLightInput, type ProjectStage, type ReportFrequency } from '@zoneops/shared';
import { canonicalJson } from '../../platform/audit/chain.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

const BATCH = 2_000;

interface Row {
  id: string;
  stage: ProjectStage;
  light: string;
  light_reasons: unknown;
  report_frequency: ReportFrequency;
  listed_on: string | null;
  created_on: string;
  ytd_planned: string;
  ytd_completed: string;
  nodes: ProjectLightInput['nodes'];
  approved: string[];
}

const TRACKED = sql.raw(`(${trackedStages.map((s) => `'${s}'`).join(',')})`);

function selectInputs(condition: ReturnType<typeof sql>, year: number, after: string | null) {
  // Only open nodes can colour a project; approved periods of the current year decide the missing reports.
  return sql`select p.id, p.stage, p.light, p.light_reasons, p.report_frequency,
      to_char(p.listed_on, 'YYYY-MM-DD') as listed_on, to_char(p.created_at, 'YYYY-MM-DD') as created_on,
      p.ytd_planned::text as ytd_planned, p.ytd_completed::text as ytd_completed,
      coalesce((select json_agg(json_build_object('code', m.code, 'name', m.name, 'nameEn', m.name_en,
          'plannedOn', to_char(m.planned_on, 'YYYY-MM-DD'), 'actualOn', null) order by m.seq)
        from project_milestones m where m.project_id = p.id and m.actual_on is null and m.planned_on is not null), '[]'::json) as nodes,
      coalesce((select array_agg(r.period) from investment_reports r where r.project_id = p.id and r.year = ${year} and r.status = 'approved'), '{}') as approved
    from projects p where p.deleted_at is null and ${condition} ${after ? sql`and p.id > ${after}` : sql``}
    order by p.id limit ${BATCH}`;
}

async function applyBatch(db: DbOrTx, rows: Row[], today: string): Promise<number> {
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const ids: string[] = [];
  const values: string[] = [];
  const reasons: string[] = [];
  for (const r of rows) {
    const from = [r.listed_on ?? r.created_on, yearStart].sort().at(-1)!;
    const approved = new Set(r.approved);
    const missing =
      trackedStages.includes(r.stage) && r.stage !== 'completed' ? duePeriods(from, today, r.report_frequency).filter((p) => !approved.has(p)) : [];
    const { light, reasons: why } = computeProjectLight(
      { stage: r.stage, nodes: r.nodes, ytdCompleted: r.ytd_completed, ytdPlanned: r.ytd_planned, missingReports: missing },
      today,
    );
    const json = JSON.stringify(why);
    // jsonb keeps keys in its own order: compare canonical forms, or every multi-key reason looks changed.
    if (light === r.light && canonicalJson(why) === canonicalJson(r.light_reasons)) continue;
    ids.push(r.id);
    values.push(light);
    reasons.push(json);
  }
  if (ids.length) {
    await db.execute(sql`update projects p set light = v.light, light_reasons = v.reasons::jsonb, light_on = ${today}
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(values)}::text[], ${sql.param(reasons)}::text[]) as v(id, light, reasons)
      where p.id = v.id`);
  }
  return ids.length;
}

/** Lights of the given projects (after a change). */
export async function recomputeProjects(db: DbOrTx, ids: readonly string[], today: string): Promise<number> {
  if (!ids.length) return 0;
  const rows = await queryRows<Row>(db, selectInputs(sql`p.id = any(${sql.param([...ids])}::uuid[])`, Number(today.slice(0, 4)), null));
  return applyBatch(db, rows, today);
}

/** Every project (the hourly job): tracked ones get their light; untracked ones 'none' with the reason, once. */
export async function recomputeAllProjects(db: DbOrTx, today: string): Promise<{ checked: number; changed: number }> {
  let after: string | null = null;
  let checked = 0;
  let changed = 0;
  for (;;) {
    const rows: Row[] = await queryRows<Row>(
      db,
      selectInputs(sql`(p.stage in ${TRACKED} or p.light <> 'none' or p.light_reasons = '[]'::jsonb)`, Number(today.slice(0, 4)), after),
    );
    if (!rows.length) break;
    checked += rows.length;
    changed += await applyBatch(db, rows, today);
    after = rows.at(-1)!.id;
    if (rows.length < BATCH) break;
  }
  return { checked, changed };
}

/** The figures of a project from its approved reports: of the plan year, and since the start. */
export async function refreshFigures(db: DbOrTx, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`update projects p set
      ytd_planned = coalesce(f.ytd_planned, 0), ytd_completed = coalesce(f.ytd_completed, 0),
      completed_total = coalesce(f.completed_total, 0), last_approved_period = f.last_period
    from (select q.id,
        (select sum(r.planned) from investment_reports r where r.project_id = q.id and r.status = 'approved' and r.year = q.plan_year) as ytd_planned,
        (select sum(r.completed) from investment_reports r where r.project_id = q.id and r.status = 'approved' and r.year = q.plan_year) as ytd_completed,
        (select sum(r.completed) from investment_reports r where r.project_id = q.id and r.status = 'approved') as completed_total,
        (select max(r.period) from investment_reports r where r.project_id = q.id and r.status = 'approved') as last_period
      from projects q where q.id = any(${sql.param([...ids])}::uuid[])) f
    where p.id = f.id`);
}
