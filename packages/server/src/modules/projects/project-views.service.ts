// The read views of key projects: the battle map's points, the milestone board, the dashboard, the three year lists,
// the pipeline by stage, and the concentrated start / completion batches (集中开竣工). Every view is limited to the
// projects the caller sees. Money is summed in SQL numeric and sent as text.
import { defaultMilestoneTemplate, milestoneOverdueDays, pipelineGroups, projectStages, sumMoney, yearListKinds, type YearListKind } from '@zoneops/shared';
import type { z } from 'zod';
import type { boardQuery, ceremonyBatchInputSchema, dashboardQuery, mapQuery, yearListPageSchema, yearListQuery } from '@zoneops/shared';
import { parseSort } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import { projectVisible } from './project-access.ts';
import { projectColumns, projectWhere, type ProjectFilter, type ProjectRow } from './project.repository.ts';
import { toProject } from './project.service.ts';

/** The date column that puts a project on each year list (DOMAIN §4: views, not tables). */
const yearListDate: Record<YearListKind, SQL> = {
  newlyStarted: sql`p.actual_start_on`,
  newlyProducing: sql`p.production_on`,
  newReserve: sql`p.reserve_on`,
};

export function createProjectViewsService(deps: Deps) {
  const { db, audit, clock } = deps;
  const where = (p: Principal, f: ProjectFilter) => projectWhere(f, projectVisible(p));

  // The dashboard's statements (the dashboard and its headline share them).
  const bucket = (w: SQL, key: SQL, name: SQL = sql`null`) =>
    queryRows<{ key: string; name: string | null; count: number; totalInvestment: string }>(
      db,
      sql`select ${key} as key, ${name} as name, count(*)::int as count, sum(p.total_investment)::text as "totalInvestment"
        from projects p left join units u on u.id = p.lead_unit_id where ${w} group by 1, 2 order by sum(p.total_investment) desc`,
    );
  async function totalsOf(w: SQL, year: number) {
    const [totals] = await queryRows<{ count: number; totalInvestment: string; annualPlan: string; ytdCompleted: string; focus: number }>(
      db,
      sql`select count(*)::int as count, coalesce(sum(p.total_investment), 0)::text as "totalInvestment",
          coalesce(sum(p.annual_plan) filter (where p.plan_year = ${year}), 0)::text as "annualPlan",
          coalesce(sum(p.ytd_completed) filter (where p.plan_year = ${year}), 0)::text as "ytdCompleted",
          count(*) filter (where p.focus)::int as focus
        from projects p where ${w}`,
    );
    const annualPercent = Number(totals!.annualPlan) > 0 ? Math.round((Number(totals!.ytdCompleted) * 1000) / Number(totals!.annualPlan)) / 10 : null;
    return { ...totals!, annualPercent };
  }
  const topDelayedOf = (w: SQL, limit: number) => {
    const day = todayOf(clock);
    return queryRows<{ id: string; name: string; leadUnitName: string; light: never; lightReasons: never; overdueDays: number }>(
      db,
      sql`select p.id, p.name, u.name as "leadUnitName", p.light, p.light_reasons as "lightReasons",
          coalesce((select max(${day}::date - m.planned_on) from project_milestones m where m.project_id = p.id and m.actual_on is null and m.planned_on < ${day}::date), 0)::int as "overdueDays"
        from projects p join units u on u.id = p.lead_unit_id where ${w} and p.light = 'red'
        order by "overdueDays" desc, p.total_investment desc limit ${limit}`,
    );
  };

  const inYearOf = (year: number) => (kind: YearListKind) => sql`${yearListDate[kind]} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`;
  /** The three year lists' headline figures (count, total investment) of the projects matching w. */
  async function yearListSummaryOf(w: SQL, year: number): Promise<Record<YearListKind, { count: number; totalInvestment: string }>> {
    const inYear = inYearOf(year);
    const rows = await queryRows<{ kind: YearListKind; count: number; total: string }>(
      db,
      sql.join(
        yearListKinds.map(
          (k) =>
            sql`select ${k} as kind, count(*)::int as count, coalesce(sum(p.total_investment), 0)::text as total from projects p where ${w} and ${inYear(k)}`,
        ),
        sql` union all `,
      ),
    );
    return Object.fromEntries(rows.map((r) => [r.kind, { count: r.count, totalInvestment: r.total }])) as Record<
      YearListKind,
      { count: number; totalInvestment: string }
    >;
  }

  async function ceremony(p: Principal, id: string) {
    const [b] = await queryRows<{ id: string; name: string; heldOn: string; place: string | null; note: string | null }>(
      db,
      sql`select id, name, to_char(held_on, 'YYYY-MM-DD') as "heldOn", place, note from ceremony_batches where id = ${id}`,
    );
    if (!b) throw notFound('ceremony');
    const projects = await queryRows<{
      projectId: string;
      name: string;
      role: 'start' | 'completion' | 'production';
      ownerName: string;
      leadUnitName: string;
      totalInvestment: string;
      stage: never;
    }>(
      db,
      sql`select p.id as "projectId", p.name, c.role, p.owner_name as "ownerName", u.name as "leadUnitName", p.total_investment::text as "totalInvestment", p.stage
        from ceremony_batch_projects c join projects p on p.id = c.project_id join units u on u.id = p.lead_unit_id
        where c.batch_id = ${id} and ${where(p, {})} order by array_position(array['start','completion','production'], c.role), p.total_investment desc`,
    );
    const byRole = Object.fromEntries(
      (['start', 'completion', 'production'] as const).map((role) => {
        const of = projects.filter((x) => x.role === role);
        return [role, { count: of.length, totalInvestment: sumMoney(of.map((x) => x.totalInvestment)) }];
      }),
    ) as Record<'start' | 'completion' | 'production', { count: number; totalInvestment: string }>;
    return { ...b, count: projects.length, totalInvestment: sumMoney(projects.map((x) => x.totalInvestment)), byRole, projects };
  }

  return {
    async map(p: Principal, q: z.infer<typeof mapQuery>) {
      const w = where(p, q);
      const points = await queryRows<{ t: [string, string, number, number, string, string] }>(
        db,
        sql`select json_build_array(p.id, p.name, p.lng, p.lat, p.light, p.stage) as t from projects p where ${w} and p.lng is not null order by p.id`,
      );
      const [u] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from projects p where ${w} and p.lng is null`);
      return { points: points.map((r) => r.t) as never, unlocated: u?.n ?? 0 };
    },

    async board(p: Principal, q: z.infer<typeof boardQuery>) {
      const day = todayOf(clock);
      const nodes = defaultMilestoneTemplate.nodes.map(({ code, name, nameEn }) => ({ code, name, nameEn }));
      const w = sql`${where(p, q)} and exists (select 1 from project_milestones m where m.project_id = p.id)`;
      const { limit, offset } = limitOffset(q);
      const rows = await queryRows<{
        id: string;
        name: string;
        light: never;
        stage: never;
        cells: { code: string; plannedOn: string | null; actualOn: string | null }[];
      }>(
        db,
        sql`select p.id, p.name, p.light, p.stage,
            (select json_agg(json_build_object('code', m.code, 'plannedOn', to_char(m.planned_on, 'YYYY-MM-DD'), 'actualOn', to_char(m.actual_on, 'YYYY-MM-DD')))
              from project_milestones m where m.project_id = p.id) as cells
          from projects p where ${w}
          order by array_position(array['red','yellow','green','none'], p.light), p.total_investment desc, p.id limit ${limit} offset ${offset}`,
      );
      const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from projects p where ${w}`);
      return {
        nodes,
        rows: rows.map((r) => {
          const byCode = new Map(r.cells.map((cell) => [cell.code, cell]));
          return {
            id: r.id,
            name: r.name,
            light: r.light,
            stage: r.stage,
            cells: nodes.map((n) => {
              const cell = byCode.get(n.code);
              if (!cell) return null;
              const overdueDays = milestoneOverdueDays(cell, day);
              return { ...cell, overdueDays };
            }),
          };
        }),
        total: c?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async dashboard(p: Principal, q: z.infer<typeof dashboardQuery>) {
      const year = q.year ?? Number(todayOf(clock).slice(0, 4));
      const w = where(p, {});
      const totals = await totalsOf(w, year);
      const monthly = await queryRows<{ month: number; planned: string; completed: string }>(
        db,
        sql`select m.month, coalesce(sum(r.planned), 0)::text as planned, coalesce(sum(r.completed), 0)::text as completed
          from generate_series(1, 12) as m(month)
          left join investment_reports r on r.year = ${year} and r.month = m.month and r.status = 'approved'
            and r.project_id in (select p.id from projects p where ${w})
          group by m.month order by m.month`,
      );
      const topDelayed = await topDelayedOf(w, 10);
      const byStage = await bucket(w, sql`p.stage`);
      const byLight = await bucket(w, sql`p.light`);
      const byIndustry = await bucket(w, sql`p.industry`);
      const byUnit = await bucket(w, sql`p.lead_unit_id::text`, sql`u.name`);
      const order = new Map(projectStages.map((s, i) => [s, i]));
      byStage.sort((a, b) => order.get(a.key as never)! - order.get(b.key as never)!);
      return {
        year,
        totals,
        byStage: byStage.map(({ name: _n, ...b }) => b),
        byIndustry: byIndustry.map(({ name: _n, ...b }) => b),
        byUnit: byUnit.map((b) => ({ ...b, name: b.name ?? '' })),
        byLight: byLight.map(({ name: _n, ...b }) => b),
        monthly,
        topDelayed,
      };
    },

    /**
     * The headline of a year (the leaders' cockpit): the dashboard's totals, counts by light and most delayed projects,
     * and the year lists' summary, from the same statements as the dashboard and the year lists (without the monthly
     * series, the other breakdowns and a page of rows).
     */
    async headline(p: Principal, year: number, delayed: number) {
      const w = where(p, {});
      const [totals, byLight, topDelayed, yearLists] = await Promise.all([
        totalsOf(w, year),
        bucket(w, sql`p.light`),
        topDelayedOf(w, delayed),
        yearListSummaryOf(w, year),
      ]);
      return { year, totals, byLight: byLight.map(({ key, count }) => ({ key, count })), topDelayed, yearLists };
    },

    async yearList(p: Principal, q: z.infer<typeof yearListQuery>) {
      const inYear = inYearOf(q.year);
      const w = where(p, { leadUnitId: q.leadUnitId, industry: q.industry, q: q.q });
      const { field, desc } = parseSort(q.sort, '-totalInvestment');
      const orderCol = field === 'name' ? sql`p.name` : field === 'on' ? yearListDate[q.kind] : sql`p.total_investment`;
      const { limit, offset } = limitOffset(q);
      const rows = await queryRows<ProjectRow & { on: string }>(
        db,
        sql`select ${projectColumns}, to_char(${yearListDate[q.kind]}, 'YYYY-MM-DD') as on from projects p join units u on u.id = p.lead_unit_id
          where ${w} and ${inYear(q.kind)} order by ${orderCol} ${desc ? sql`desc` : sql`asc`}, p.id limit ${limit} offset ${offset}`,
      );
      const summary = await yearListSummaryOf(w, q.year);
      const page = toPage(
        rows.map((r) => ({ ...toProject(r), on: r.on })),
        summary[q.kind].count,
        q,
      );
      return { ...page, totalInvestment: summary[q.kind].totalInvestment, summary } as z.infer<typeof yearListPageSchema>;
    },

    /** All rows of a year list (exports), in the list's order. */
    async yearListAll(p: Principal, year: number, kind: YearListKind) {
      const page = await this.yearList(p, { year, kind, page: 1, pageSize: 500, sort: 'on' });
      const rows = [...page.items];
      for (let n = 2; rows.length < page.total; n++) rows.push(...(await this.yearList(p, { year, kind, page: n, pageSize: 500, sort: 'on' })).items);
      return { rows, totalInvestment: page.totalInvestment };
    },

    async pipeline(p: Principal) {
      const rows = await queryRows<{ stage: never; count: number; totalInvestment: string; red: number; yellow: number }>(
        db,
        sql`select p.stage, count(*)::int as count, sum(p.total_investment)::text as "totalInvestment",
            count(*) filter (where p.light = 'red')::int as red, count(*) filter (where p.light = 'yellow')::int as yellow
          from projects p where ${where(p, {})} group by p.stage`,
      );
      const byStage = new Map(rows.map((r) => [r.stage as string, r]));
      const stages = projectStages.map((s) => byStage.get(s) ?? { stage: s, count: 0, totalInvestment: '0.00', red: 0, yellow: 0 });
      const groups = Object.entries(pipelineGroups).map(([group, members]) => {
        const of = stages.filter((s) => (members as readonly string[]).includes(s.stage));
        return { group, count: of.reduce((n, s) => n + s.count, 0), totalInvestment: sumMoney(of.map((s) => s.totalInvestment)) };
      });
      return { groups, stages: stages.map((s) => ({ ...s, totalInvestment: sumMoney([s.totalInvestment]) })) };
    },

    async ceremonies(p: Principal) {
      const ids = await queryRows<{ id: string }>(db, sql`select id from ceremony_batches order by held_on desc, id`);
      return Promise.all(ids.map((r) => ceremony(p, r.id)));
    },

    ceremony,

    async createCeremony(ctx: RequestContext, p: Principal, input: z.infer<typeof ceremonyBatchInputSchema>): Promise<string> {
      const ids = [...new Set(input.projects.map((x) => x.projectId))];
      if (ids.length !== input.projects.length)
        throw new AppError('VALIDATION_FAILED', 'body.projects: a project is listed twice', [{ path: 'body.projects', message: 'a project is listed twice' }]);
      const seen = await queryRows<{ id: string }>(db, sql`select p.id from projects p where p.id = any(${sql.param(ids)}::uuid[]) and ${where(p, {})}`);
      const known = new Set(seen.map((r) => r.id));
      const missing = input.projects.findIndex((x) => !known.has(x.projectId));
      if (missing >= 0)
        throw new AppError('VALIDATION_FAILED', `body.projects.${missing}.projectId: unknown project`, [
          { path: `body.projects.${missing}.projectId`, message: 'unknown project' },
        ]);
      return db.transaction(async (tx) => {
        const [b] = await queryRows<{ id: string }>(
          tx,
          sql`insert into ceremony_batches (name, held_on, place, note, created_by) values (${input.name}, ${input.heldOn}, ${input.place ?? null}, ${input.note ?? null}, ${p.userId}) returning id`,
        );
        await tx.execute(
          sql`insert into ceremony_batch_projects (batch_id, project_id, role) select ${b!.id}, x.project_id, x.role
            from unnest(${sql.param(input.projects.map((x) => x.projectId))}::uuid[], ${sql.param(input.projects.map((x) => x.role))}::text[]) as x(project_id, role)`,
        );
        await audit.record(tx, ctx, { action: 'project.ceremony.create', entityType: 'ceremonyBatch', entityId: b!.id, diff: diffOf(null, input) });
        return b!.id;
      });
    },
  };
}

export type ProjectViewsService = ReturnType<typeof createProjectViewsService>;
