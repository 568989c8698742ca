// All SQL of key projects' ledger side: the list and detail reads (raw SQL: lateral aggregates are clearer), and the
// writes of projects, leaders, units, stage history and milestones. Money columns are read as text (exact).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ProjectStage } from '@zoneops/shared';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { likePattern } from '../../platform/lists.ts';
import { auditLog, milestoneTemplates, projectLeaders, projectMilestones, projects, projectStageHistory, projectUnits } from '../../db/schema.ts';

export interface ProjectRow {
  id: string;
  code: string | null;
  name: string;
  parentId: string | null;
  level: string;
  industry: string;
  category: string;
  nature: string;
  investorType: string;
  focus: boolean;
  stage: ProjectStage;
  ownerEnterpriseId: string | null;
  ownerName: string;
  leadUnitId: string;
  leadUnitName: string;
  leadUnitPath: string;
  leaderNames: string[];
  plannedStartOn: string | null;
  plannedCompletionOn: string | null;
  actualStartOn: string | null;
  actualCompletionOn: string | null;
  productionOn: string | null;
  totalInvestment: string;
  planYear: number;
  annualPlan: string;
  ytdPlanned: string;
  ytdCompleted: string;
  completedTotal: string;
  annualPercent: number | null;
  totalPercent: number | null;
  lastApprovedPeriod: string | null;
  light: string;
  lightReasons: { code: string }[];
  lng: number | null;
  lat: number | null;
  openBlockers: number;
  version: number;
}

const d = (col: string) => sql.raw(`to_char(p.${col}, 'YYYY-MM-DD')`);
const pct = (a: string, b: string) => sql.raw(`case when p.${b} > 0 then round(p.${a} * 100 / p.${b}, 1)::float8 end`);

/** The list columns of a project aliased `p` (joined unit `u`). */
export const projectColumns = sql`p.id, p.code, p.name, p.parent_id as "parentId", p.level, p.industry, p.category, p.nature,
  p.investor_type as "investorType", p.focus, p.stage, p.owner_enterprise_id as "ownerEnterpriseId", p.owner_name as "ownerName",
  p.lead_unit_id as "leadUnitId", u.name as "leadUnitName", u.path as "leadUnitPath",
  coalesce((select array_agg(lu.display_name order by pl.level, lu.display_name) from project_leaders pl join users lu on lu.id = pl.user_id
    where pl.project_id = p.id), '{}') as "leaderNames",
  ${d('planned_start_on')} as "plannedStartOn", ${d('planned_completion_on')} as "plannedCompletionOn",
  ${d('actual_start_on')} as "actualStartOn", ${d('actual_completion_on')} as "actualCompletionOn", ${d('production_on')} as "productionOn",
  p.total_investment::text as "totalInvestment", p.plan_year as "planYear", p.annual_plan::text as "annualPlan",
  p.ytd_planned::text as "ytdPlanned", p.ytd_completed::text as "ytdCompleted", p.completed_total::text as "completedTotal",
  ${pct('ytd_completed', 'annual_plan')} as "annualPercent", ${pct('completed_total', 'total_investment')} as "totalPercent",
  p.last_approved_period as "lastApprovedPeriod", p.light, p.light_reasons as "lightReasons", p.lng, p.lat,
  (select count(*)::int from ledger_items li where li.project_id = p.id and li.deleted_at is null
    and li.status not in ('closed', 'ongoing', 'notice')) as "openBlockers", p.version`;

export interface ProjectFilter {
  q?: string | undefined;
  stage?: string[] | undefined;
  light?: string[] | undefined;
  industry?: string | undefined;
  level?: string | undefined;
  leadUnitId?: string | undefined;
  leaderId?: string | undefined;
  ownerEnterpriseId?: string | undefined;
  parentId?: string | undefined;
  focus?: 'true' | 'false' | undefined;
}

/** The WHERE of a project list on `p`: filters AND the caller's visibility (written for the unaliased table). */
export function projectWhere(f: ProjectFilter, visible: SQL | undefined): SQL {
  const parts: SQL[] = [sql`p.deleted_at is null`];
  if (visible) parts.push(sql`p.id in (select projects.id from projects where ${visible})`);
  if (f.q) parts.push(sql`(p.name ilike ${likePattern(f.q)} or p.code ilike ${likePattern(f.q)} or p.owner_name ilike ${likePattern(f.q)})`);
  if (f.stage?.length) parts.push(sql`p.stage = any(${sql.param(f.stage)}::text[])`);
  if (f.light?.length) parts.push(sql`p.light = any(${sql.param(f.light)}::text[])`);
  if (f.industry) parts.push(sql`p.industry = ${f.industry}`);
  if (f.level) parts.push(sql`p.level = ${f.level}`);
  if (f.leadUnitId) parts.push(sql`p.lead_unit_id in (select id from units where path like (select path from units where id = ${f.leadUnitId}) || '%')`);
  if (f.leaderId) parts.push(sql`p.id in (select project_id from project_leaders where user_id = ${f.leaderId})`);
  if (f.ownerEnterpriseId) parts.push(sql`p.owner_enterprise_id = ${f.ownerEnterpriseId}`);
  if (f.parentId === 'root') parts.push(sql`p.parent_id is null`);
  else if (f.parentId) parts.push(sql`p.parent_id = ${f.parentId}`);
  if (f.focus) parts.push(sql`p.focus = ${f.focus === 'true'}`);
  return sql.join(parts, sql` and `);
}

export const sortSql: Record<string, SQL> = {
  name: sql`p.name`,
  totalInvestment: sql`p.total_investment`,
  ytdCompleted: sql`p.ytd_completed`,
  annualPercent: sql`(case when p.annual_plan > 0 then p.ytd_completed / p.annual_plan end)`,
  plannedStartOn: sql`p.planned_start_on`,
  createdAt: sql`p.created_at`,
  light: sql`array_position(array['red','yellow','green','none'], p.light)`,
  stage: sql`array_position(array['planned','reserve','nominated','listed','preparation','construction','completed','production'], p.stage)`,
};

export interface MilestoneRow {
  id: string;
  seq: number;
  code: string;
  name: string;
  nameEn: string;
  after: string[];
  plannedOn: string | null;
  actualOn: string | null;
  unitId: string | null;
  unitName: string | null;
  note: string | null;
  evidenceCount: number;
}

export const projectRepository = {
  async list(db: DbOrTx, where: SQL, order: SQL, limit: number, offset: number): Promise<{ rows: ProjectRow[]; total: number }> {
    const rows = await queryRows<ProjectRow>(
      db,
      // The page's ids first (over the narrow covering index), then the columns and sub-selects for those rows only.
      sql`with page as materialized (select p.id from projects p where ${where} order by ${order}, p.id limit ${limit} offset ${offset})
        select ${projectColumns} from page join projects p on p.id = page.id join units u on u.id = p.lead_unit_id order by ${order}, p.id`,
    );
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from projects p where ${where}`);
    return { rows, total: c?.n ?? 0 };
  },

  async findById(db: DbOrTx, id: string, visible: SQL | undefined): Promise<ProjectRow | undefined> {
    const [row] = await queryRows<ProjectRow>(
      db,
      sql`select ${projectColumns} from projects p join units u on u.id = p.lead_unit_id where p.id = ${id} and ${projectWhere({}, visible)}`,
    );
    return row;
  },

  async findDetailExtras(db: DbOrTx, id: string) {
    const [row] = await queryRows<{
      content: string | null;
      capacity: string | null;
      ownerContact: string | null;
      ownerPhone: string | null;
      parentName: string | null;
      funding: { source: string; subSource?: string | null; amount: string }[];
      contractors: never[];
      approvals: never[];
      outline: unknown;
      reportFrequency: 'month' | 'tenDays';
      reserveOn: string | null;
      listedOn: string | null;
      milestoneTemplateId: string | null;
    }>(
      db,
      sql`select p.content, p.capacity, p.owner_contact as "ownerContact", p.owner_phone as "ownerPhone", pp.name as "parentName",
        p.funding, p.contractors, p.approvals, p.outline, p.report_frequency as "reportFrequency",
        ${d('reserve_on')} as "reserveOn", ${d('listed_on')} as "listedOn", p.milestone_template_id as "milestoneTemplateId"
        from projects p left join projects pp on pp.id = p.parent_id where p.id = ${id}`,
    );
    const children = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from projects where parent_id = ${id} and deleted_at is null order by name`,
    );
    const leaders = await queryRows<{ userId: string; name: string; level: 'city' | 'district'; phone: string | null }>(
      db,
      sql`select pl.user_id as "userId", u.display_name as name, pl.level, u.phone from project_leaders pl join users u on u.id = pl.user_id
        where pl.project_id = ${id} order by pl.level, u.display_name`,
    );
    const units = await queryRows<{ unitId: string; name: string; level: 'city' | 'district'; contactName: string | null; contactPhone: string | null }>(
      db,
      sql`select pu.unit_id as "unitId", u.name, pu.level, pu.contact_name as "contactName", pu.contact_phone as "contactPhone"
        from project_units pu join units u on u.id = pu.unit_id where pu.project_id = ${id} order by pu.level, u.name`,
    );
    const history = await queryRows<{
      id: string;
      fromStage: ProjectStage | null;
      toStage: ProjectStage;
      on: string;
      reason: string | null;
      actorName: string | null;
      at: Date | string;
    }>(
      db,
      sql`select h.id, h.from_stage as "fromStage", h.to_stage as "toStage", to_char(h.on, 'YYYY-MM-DD') as on, h.reason,
        u.display_name as "actorName", h.at from project_stage_history h left join users u on u.id = h.actor_id
        where h.project_id = ${id} order by h.at, h.seq`,
    );
    return { ...row!, children, leaders, units, history };
  },

  findMilestones(db: DbOrTx, projectId: string): Promise<MilestoneRow[]> {
    return queryRows<MilestoneRow>(
      db,
      sql`select m.id, m.seq, m.code, m.name, m.name_en as "nameEn", m.after, to_char(m.planned_on, 'YYYY-MM-DD') as "plannedOn",
        to_char(m.actual_on, 'YYYY-MM-DD') as "actualOn", m.unit_id as "unitId", u.name as "unitName", m.note,
        (select count(*)::int from attachments a where a.entity_type = 'projectMilestone' and a.entity_id = m.id and a.deleted_at is null) as "evidenceCount"
        from project_milestones m left join units u on u.id = m.unit_id where m.project_id = ${projectId} order by m.seq`,
    );
  },

  async findRaw(db: DbOrTx, id: string) {
    const [row] = await db
      .select()
      .from(projects)
      .where(and(eq(projects.id, id), sql`${projects.deletedAt} is null`));
    return row;
  },

  /** Another live project with the same natural key (code, else name + owner). */
  async findDuplicate(db: DbOrTx, key: { code: string | null; name: string; ownerName: string }, exceptId: string | null) {
    const [row] = await queryRows<{ id: string; code: string | null; name: string }>(
      db,
      sql`select id, code, name from projects where deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}
        and (${key.code ? sql`code = ${key.code} or ` : sql``}(name = ${key.name} and owner_name = ${key.ownerName})) limit 1`,
    );
    return row;
  },

  async insert(db: DbOrTx, values: typeof projects.$inferInsert) {
    const [row] = await db.insert(projects).values(values).returning({ id: projects.id });
    return row!.id;
  },

  async update(db: DbOrTx, id: string, values: Partial<typeof projects.$inferInsert>) {
    await db
      .update(projects)
      .set({ ...values, version: sql`${projects.version} + 1`, updatedAt: sql`now()` })
      .where(eq(projects.id, id));
  },

  async replaceLeaders(db: DbOrTx, projectId: string, rows: { userId: string; level: string }[]) {
    await db.delete(projectLeaders).where(eq(projectLeaders.projectId, projectId));
    if (rows.length) await db.insert(projectLeaders).values(rows.map((r) => ({ ...r, projectId })));
  },

  async replaceUnits(db: DbOrTx, projectId: string, rows: { unitId: string; level: string; contactName?: string | null; contactPhone?: string | null }[]) {
    await db.delete(projectUnits).where(eq(projectUnits.projectId, projectId));
    if (rows.length) await db.insert(projectUnits).values(rows.map((r) => ({ ...r, projectId })));
  },

  async insertStage(db: DbOrTx, row: typeof projectStageHistory.$inferInsert) {
    await db.insert(projectStageHistory).values(row);
  },

  async replaceMilestones(db: DbOrTx, projectId: string, rows: Omit<typeof projectMilestones.$inferInsert, 'projectId'>[]) {
    await db.delete(projectMilestones).where(eq(projectMilestones.projectId, projectId));
    if (rows.length) await db.insert(projectMilestones).values(rows.map((r) => ({ ...r, projectId })));
  },

  async updateMilestone(db: DbOrTx, projectId: string, code: string, values: Partial<typeof projectMilestones.$inferInsert>) {
    await db
      .update(projectMilestones)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(projectMilestones.projectId, projectId), eq(projectMilestones.code, code)));
  },

  async findTemplate(db: DbOrTx, id: string | null) {
    const [row] = id
      ? await db.select().from(milestoneTemplates).where(eq(milestoneTemplates.id, id))
      : await db.select().from(milestoneTemplates).where(eq(milestoneTemplates.code, 'default20'));
    return row;
  },

  listTemplates: (db: DbOrTx) => db.select().from(milestoneTemplates).orderBy(milestoneTemplates.code),

  insertTemplate: async (db: DbOrTx, values: typeof milestoneTemplates.$inferInsert) => (await db.insert(milestoneTemplates).values(values).returning())[0]!,
};

// ---------------------------------------------------------------------------------------------------------------
// The spreadsheets' SQL (project-sheets.service.ts): name look-ups for an import, the import's multi-row writes (one
// array per column through unnest: thousands of rows a statement, no per-row statements), and the monthly report.

type PgType = 'uuid' | 'text' | 'date' | 'numeric' | 'jsonb' | 'int' | 'float8' | 'timestamptz' | 'text[]';

/** `select … from unnest($1::t1[], $2::t2[], …) as v(…)` over rows given column by column (in their order when `ordered`). */
function unnestSelect(columns: readonly (readonly [string, PgType])[], rows: readonly (readonly unknown[])[], ordered = false): SQL {
  // jsonb and text[] values travel as text (arrays of arrays do not unnest) and are cast back per row
  const arrays = columns.map(
    ([, type], i) => sql`${sql.param(rows.map((r) => r[i] ?? null))}::${sql.raw(type === 'jsonb' || type === 'text[]' ? 'text' : type)}[]`,
  );
  const select = columns.map(([name, type]) => sql.raw(type === 'jsonb' || type === 'text[]' ? `v.${name}::${type}` : `v.${name}`));
  const names = columns.map(([n]) => n).join(', ');
  return ordered
    ? sql`select ${sql.join(select, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) with ordinality as v(${sql.raw(names)}, ord) order by v.ord`
    : sql`select ${sql.join(select, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as v(${sql.raw(names)})`;
}

const CHUNK = 5_000;
async function inChunks<T>(rows: readonly T[], size: number, run: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await run(rows.slice(i, i + size));
}

export interface ImportProjectRow {
  id: string;
  code: string | null;
  name: string;
  content: string | null;
  level: string;
  industry: string;
  category: string;
  nature: string;
  investorType: string;
  stage: ProjectStage;
  ownerEnterpriseId: string | null;
  ownerName: string;
  leadUnitId: string;
  leadUnitName: string;
  leadUnitPath: string;
  plannedStartOn: string | null;
  plannedCompletionOn: string | null;
  actualStartOn: string | null;
  actualCompletionOn: string | null;
  totalInvestment: string;
  funding: { source: string; subSource?: string | null; amount: string }[];
  planYear: number;
  annualPlan: string;
  lng: number | null;
  lat: number | null;
  version: number;
  leaders: { userId: string; level: 'city' | 'district'; name: string }[];
  /** Whether the caller sees the project. */
  visible: boolean;
}

/** The columns an import writes to a project. */
export interface ImportProjectValues {
  code: string | null;
  name: string;
  content: string | null;
  level: string;
  industry: string;
  category: string;
  nature: string;
  investorType: string;
  ownerEnterpriseId: string | null;
  ownerName: string;
  leadUnitId: string;
  plannedStartOn: string | null;
  plannedCompletionOn: string | null;
  actualStartOn: string | null;
  totalInvestment: string;
  funding: { source: string; subSource?: string | null; amount: string }[];
  annualPlan: string;
  lng: number | null;
  lat: number | null;
}

const valueColumns: readonly (readonly [keyof ImportProjectValues, string, PgType])[] = [
  ['code', 'code', 'text'],
  ['name', 'name', 'text'],
  ['content', 'content', 'text'],
  ['level', 'level', 'text'],
  ['industry', 'industry', 'text'],
  ['category', 'category', 'text'],
  ['nature', 'nature', 'text'],
  ['investorType', 'investor_type', 'text'],
  ['ownerEnterpriseId', 'owner_enterprise_id', 'uuid'],
  ['ownerName', 'owner_name', 'text'],
  ['leadUnitId', 'lead_unit_id', 'uuid'],
  ['plannedStartOn', 'planned_start_on', 'date'],
  ['plannedCompletionOn', 'planned_completion_on', 'date'],
  ['actualStartOn', 'actual_start_on', 'date'],
  ['totalInvestment', 'total_investment', 'numeric'],
  ['funding', 'funding', 'jsonb'],
  ['annualPlan', 'annual_plan', 'numeric'],
  ['lng', 'lng', 'float8'],
  ['lat', 'lat', 'float8'],
];
const valueCells = (v: ImportProjectValues) => valueColumns.map(([key, , type]) => (type === 'jsonb' ? JSON.stringify(v[key]) : v[key]));

export interface ImportProjectCreate extends ImportProjectValues {
  id: string;
  stage: ProjectStage;
  planYear: number;
  reserveOn: string | null;
  listedOn: string | null;
  createdBy: string;
}

export interface MonthlyReportRow {
  id: string;
  name: string;
  leadUnitId: string;
  unitName: string;
  totalInvestment: string;
  annualPlan: string | null;
  monthPlanned: string;
  monthCompleted: string;
  ytdPlanned: string;
  ytdCompleted: string;
  completedTotal: string;
  physicalProgress: string | null;
  statuses: string[];
}

export const projectSheetRepository = {
  /** Items of a dictionary in their order (enabled ones only when asked). */
  dictItems(db: DbOrTx, type: string, enabledOnly = false) {
    return queryRows<{ code: string; label: string; parentCode: string | null }>(
      db,
      sql`select code, label, parent_code as "parentCode" from dict_items where type_code = ${type} ${enabledOnly ? sql`and enabled` : sql``} order by sort, code`,
    );
  },

  /** content and funding of projects (the ledger export's columns the list does not carry). */
  ledgerExtras(db: DbOrTx, ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    return queryRows<{ id: string; content: string | null; funding: { source: string; subSource?: string | null; amount: string }[] }>(
      db,
      sql`select id, content, funding from projects where id = any(${sql.param([...ids])}::uuid[])`,
    );
  },

  /** Live projects holding one of the codes or one of the (name, owner) pairs, with their leaders and whether the caller sees them. */
  findByKeys(db: DbOrTx, keys: { codes: string[]; names: string[]; owners: string[] }, visible: SQL | undefined): Promise<ImportProjectRow[]> {
    if (!keys.codes.length && !keys.names.length) return Promise.resolve([]);
    return queryRows<ImportProjectRow>(
      db,
      sql`select p.id, p.code, p.name, p.content, p.level, p.industry, p.category, p.nature, p.investor_type as "investorType", p.stage,
          p.owner_enterprise_id as "ownerEnterpriseId", p.owner_name as "ownerName", p.lead_unit_id as "leadUnitId", u.name as "leadUnitName",
          u.path as "leadUnitPath", ${d('planned_start_on')} as "plannedStartOn", ${d('planned_completion_on')} as "plannedCompletionOn",
          ${d('actual_start_on')} as "actualStartOn", ${d('actual_completion_on')} as "actualCompletionOn",
          p.total_investment::text as "totalInvestment", p.funding, p.plan_year as "planYear", p.annual_plan::text as "annualPlan", p.lng, p.lat, p.version,
          coalesce((select json_agg(json_build_object('userId', pl.user_id, 'level', pl.level, 'name', lu.display_name) order by pl.level, lu.display_name)
            from project_leaders pl join users lu on lu.id = pl.user_id where pl.project_id = p.id), '[]'::json) as leaders,
          ${visible ? sql`p.id in (select projects.id from projects where ${visible})` : sql`true`} as visible
        from projects p join units u on u.id = p.lead_unit_id
        where p.deleted_at is null and (p.code = any(${sql.param(keys.codes)}::text[])
          or (p.name, p.owner_name) in (select * from unnest(${sql.param(keys.names)}::text[], ${sql.param(keys.owners)}::text[])))`,
    );
  },

  unitsByNames(db: DbOrTx, names: readonly string[]) {
    if (!names.length) return Promise.resolve([]);
    return queryRows<{ id: string; name: string; path: string }>(
      db,
      sql`select id, name, path from units where name = any(${sql.param([...names])}::text[]) and deleted_at is null`,
    );
  },

  /** Active users with one of these display names, with their role codes. */
  usersByDisplayNames(db: DbOrTx, names: readonly string[]) {
    if (!names.length) return Promise.resolve([]);
    return queryRows<{ id: string; displayName: string; roles: string[] }>(
      db,
      sql`select u.id, u.display_name as "displayName",
          coalesce((select array_agg(r.code order by r.code) from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id), '{}') as roles
        from users u where u.display_name = any(${sql.param([...names])}::text[]) and u.deleted_at is null and u.status = 'active'`,
    );
  },

  enterprisesByNames(db: DbOrTx, names: readonly string[]) {
    if (!names.length) return Promise.resolve([]);
    return queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from enterprises where name = any(${sql.param([...names])}::text[]) and deleted_at is null`,
    );
  },

  async insertProjects(tx: DbOrTx, rows: readonly ImportProjectCreate[]): Promise<void> {
    const columns = [
      ['id', 'uuid'],
      ...valueColumns.map(([, col, type]) => [col, type] as const),
      ['stage', 'text'],
      ['plan_year', 'int'],
      ['reserve_on', 'date'],
      ['listed_on', 'date'],
      ['created_by', 'uuid'],
    ] as const;
    await inChunks(rows, CHUNK, (chunk) =>
      tx.execute(
        sql`insert into projects (${sql.raw(columns.map(([c]) => c).join(', '))}) ${unnestSelect(
          columns,
          chunk.map((r) => [r.id, ...valueCells(r), r.stage, r.planYear, r.reserveOn, r.listedOn, r.createdBy]),
        )}`,
      ),
    );
  },

  /** Writes the values of changed projects (all import columns at once), each only if its version is still the one read. Returns the ids written. */
  async updateProjects(tx: DbOrTx, rows: readonly (ImportProjectValues & { id: string; version: number })[]): Promise<string[]> {
    const columns = [['id', 'uuid'], ['version', 'int'], ...valueColumns.map(([, col, type]) => [col, type] as const)] as const;
    const set = valueColumns.map(([, col]) => `${col} = v.${col}`).join(', ');
    const done: string[] = [];
    await inChunks(rows, CHUNK, async (chunk) => {
      const written = await queryRows<{ id: string }>(
        tx,
        sql`update projects p set ${sql.raw(set)}, version = p.version + 1, updated_at = now()
          from (${unnestSelect(
            columns,
            chunk.map((r) => [r.id, r.version, ...valueCells(r)]),
          )}) v where p.id = v.id and p.version = v.version and p.deleted_at is null returning p.id`,
      );
      done.push(...written.map((w) => w.id));
    });
    return done;
  },

  async replaceLeadersMany(tx: DbOrTx, projectIds: readonly string[], rows: readonly { projectId: string; userId: string; level: string }[]): Promise<void> {
    if (projectIds.length) await tx.execute(sql`delete from project_leaders where project_id = any(${sql.param([...projectIds])}::uuid[])`);
    const columns = [
      ['project_id', 'uuid'],
      ['user_id', 'uuid'],
      ['level', 'text'],
    ] as const;
    await inChunks(rows, CHUNK, (chunk) =>
      tx.execute(
        sql`insert into project_leaders (project_id, user_id, level) ${unnestSelect(
          columns,
          chunk.map((r) => [r.projectId, r.userId, r.level]),
        )}`,
      ),
    );
  },

  async insertStagesMany(tx: DbOrTx, rows: readonly { projectId: string; toStage: string; on: string; actorId: string; at: Date }[]): Promise<void> {
    const columns = [
      ['project_id', 'uuid'],
      ['to_stage', 'text'],
      ['"on"', 'date'],
      ['actor_id', 'uuid'],
      ['at', 'timestamptz'],
    ] as const;
    await inChunks(rows, CHUNK, (chunk) =>
      tx.execute(
        sql`insert into project_stage_history (project_id, to_stage, "on", actor_id, at) ${unnestSelect(
          columns,
          chunk.map((r) => [r.projectId, r.toStage, r.on, r.actorId, r.at.toISOString()]),
        )}`,
      ),
    );
  },

  async insertMilestonesMany(
    tx: DbOrTx,
    rows: readonly { projectId: string; seq: number; code: string; name: string; nameEn: string; after: string[]; plannedOn: string | null }[],
  ): Promise<void> {
    const columns = [
      ['project_id', 'uuid'],
      ['seq', 'int'],
      ['code', 'text'],
      ['name', 'text'],
      ['name_en', 'text'],
      ['after', 'text[]'],
      ['planned_on', 'date'],
    ] as const;
    await inChunks(rows, 20_000, (chunk) =>
      tx.execute(
        sql`insert into project_milestones (project_id, seq, code, name, name_en, after, planned_on) ${unnestSelect(
          columns,
          chunk.map((r) => [r.projectId, r.seq, r.code, r.name, r.nameEn, `{${r.after.join(',')}}`, r.plannedOn]),
        )}`,
      ),
    );
  },

  /** Audit records already chained (project-sheets.service.ts recordMany), appended in their order. */
  async insertAuditRows(tx: DbOrTx, rows: readonly (typeof auditLog.$inferInsert)[]): Promise<void> {
    const columns = [
      ['at', 'timestamptz'],
      ['user_id', 'uuid'],
      ['username', 'text'],
      ['unit_id', 'uuid'],
      ['action', 'text'],
      ['entity_type', 'text'],
      ['entity_id', 'text'],
      ['diff', 'jsonb'],
      ['ip', 'text'],
      ['request_id', 'text'],
      ['result', 'text'],
      ['result_code', 'text'],
      ['prev_hash', 'text'],
      ['hash', 'text'],
    ] as const;
    await inChunks(rows, CHUNK, (chunk) =>
      tx.execute(
        sql`insert into audit_log (${sql.raw(columns.map(([c]) => c).join(', '))}) ${unnestSelect(
          columns,
          chunk.map((r) => [
            r.at.toISOString(),
            r.userId ?? null,
            r.username ?? null,
            r.unitId ?? null,
            r.action,
            r.entityType ?? null,
            r.entityId ?? null,
            r.diff === null || r.diff === undefined ? null : JSON.stringify(r.diff),
            r.ip ?? null,
            r.requestId ?? null,
            r.result,
            r.resultCode ?? null,
            r.prevHash,
            r.hash,
          ]),
          true,
        )}`,
      ),
    );
  },

  /**
   * Fresh statistics after a bulk write inside the transaction (ANALYZE counts the transaction's own rows): without
   * them the planner reads thousands of new milestone rows as an empty table and the lights' per-project look-ups
   * turn into scans. A caller without the right to analyze gets a warning, not an error.
   */
  async analyzeAfterBulkWrite(tx: DbOrTx): Promise<void> {
    await tx.execute(sql`analyze projects, project_milestones, project_leaders`);
  },

  /**
   * One row per project of the monthly report (projects in the lists' stages, or with a report in the year up to the
   * month), its figures from approved reports only: the month's, the year's up to the month, and since the start up to
   * the month; the month's progress text and the statuses of its reports.
   */
  monthlyReport(db: DbOrTx, where: SQL, year: number, month: number): Promise<MonthlyReportRow[]> {
    return queryRows<MonthlyReportRow>(
      db,
      sql`select p.id, p.name, p.lead_unit_id as "leadUnitId", u.name as "unitName", p.total_investment::text as "totalInvestment",
          case when p.plan_year = ${year} then p.annual_plan::text end as "annualPlan",
          coalesce(sum(r.planned) filter (where r.year = ${year} and r.month = ${month}), 0)::text as "monthPlanned",
          coalesce(sum(r.completed) filter (where r.year = ${year} and r.month = ${month}), 0)::text as "monthCompleted",
          coalesce(sum(r.planned) filter (where r.year = ${year}), 0)::text as "ytdPlanned",
          coalesce(sum(r.completed) filter (where r.year = ${year}), 0)::text as "ytdCompleted",
          coalesce(sum(r.completed), 0)::text as "completedTotal",
          (select x.physical_progress from investment_reports x where x.project_id = p.id and x.year = ${year} and x.month = ${month}
            and x.status = 'approved' order by x.period desc limit 1) as "physicalProgress",
          coalesce((select array_agg(x.status order by x.period) from investment_reports x
            where x.project_id = p.id and x.year = ${year} and x.month = ${month}), '{}') as statuses
        from projects p join units u on u.id = p.lead_unit_id
        left join investment_reports r on r.project_id = p.id and r.status = 'approved' and (r.year < ${year} or (r.year = ${year} and r.month <= ${month}))
        where ${where} and (p.stage in ('listed', 'preparation', 'construction', 'completed', 'production')
          or exists (select 1 from investment_reports x where x.project_id = p.id and x.year = ${year} and x.month <= ${month}))
        group by p.id, u.id
        order by u.sort, u.name, u.id, p.total_investment desc, p.name, p.id`,
    );
  },
};
