// Investment reporting (投资完成): the owner enterprise or the owner unit files the planned and completed investment of
// a month (or 旬); a report is a draft until it is submitted and the responsible department approves it. Approval
// moves the project's figures (year to date, since start) and its light. Reminders go out before the due day.
import { centsToMoney, moneyToCents, percentOf, periodOfDay, periodRange, previousPeriod, reportDueOn, type InvestmentReportInput } from '@zoneops/shared';
import type { z } from 'zod';
import type { reportListQuery, reportReviewSchema } from '@zoneops/shared';
import { parseSort } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import { investmentReports } from '../../db/schema.ts';
import { projectVisible } from './project-access.ts';
import { recomputeProjects, refreshFigures } from './project-lights.ts';
import type { ProjectService } from './project.service.ts';

const fail = (code: ConstructorParameters<typeof AppError>[0], path: string, message: string) => new AppError(code, `${path}: ${message}`, [{ path, message }]);

interface ReportRow {
  id: string;
  projectId: string;
  projectName: string;
  period: string;
  planned: string;
  completed: string;
  ytdPlanned: string;
  ytdCompleted: string;
  completedTotal: string;
  /** The annual plan is known only for the plan year; earlier years have no percentage of plan. */
  annualPlan: string | null;
  totalInvestment: string;
  physicalProgress: string | null;
  problems: string | null;
  overrunExplanation: string | null;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  submittedByName: string | null;
  submittedAt: Date | string | null;
  reviewedByName: string | null;
  reviewedAt: Date | string | null;
  returnReason: string | null;
  version: number;
}

// Cumulative figures as of each report: approved reports of the same year up to it, and since the start, plus the
// report itself when it is not approved yet (what the figures will be once it is).
const reportSelect = sql`select r.id, r.project_id as "projectId", p.name as "projectName", r.period, r.planned::text as planned, r.completed::text as completed,
    (coalesce((select sum(o.planned) from investment_reports o where o.project_id = r.project_id and o.year = r.year and o.period < r.period and o.status = 'approved'), 0) + r.planned)::text as "ytdPlanned",
    (coalesce((select sum(o.completed) from investment_reports o where o.project_id = r.project_id and o.year = r.year and o.period < r.period and o.status = 'approved'), 0) + r.completed)::text as "ytdCompleted",
    (coalesce((select sum(o.completed) from investment_reports o where o.project_id = r.project_id and o.period < r.period and o.status = 'approved'), 0) + r.completed)::text as "completedTotal",
    case when r.year = p.plan_year then p.annual_plan::text end as "annualPlan", p.total_investment::text as "totalInvestment",
    r.physical_progress as "physicalProgress", r.problems, r.overrun_explanation as "overrunExplanation", r.status,
    su.display_name as "submittedByName", r.submitted_at as "submittedAt", ru.display_name as "reviewedByName", r.reviewed_at as "reviewedAt",
    r.return_reason as "returnReason", r.version
  from investment_reports r join projects p on p.id = r.project_id
  left join users su on su.id = r.submitted_by left join users ru on ru.id = r.reviewed_by`;

function toReport(r: ReportRow) {
  const { annualPlan, totalInvestment, ...rest } = r;
  return {
    ...rest,
    annualPercent: annualPlan === null ? null : percentOf(r.ytdCompleted, annualPlan),
    totalPercent: percentOf(r.completedTotal, totalInvestment),
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null,
  };
}

const sorts: Record<string, SQL> = { period: sql`r.period`, submittedAt: sql`r.submitted_at`, completed: sql`r.completed` };

export function createInvestmentService(deps: Deps, projects: ProjectService) {
  const { db, audit, clock, notifications } = deps;
  const today = () => todayOf(clock);

  async function findReport(id: string): Promise<ReportRow | undefined> {
    const [row] = await queryRows<ReportRow>(db, sql`${reportSelect} where r.id = ${id}`);
    return row;
  }

  async function requireReport(p: Principal, id: string) {
    const row = await findReport(id);
    if (!row) throw notFound('report');
    const project = await projects.requireVisible(p, row.projectId);
    return { row, project };
  }

  async function notifyReviewers(tx: DbOrTx, projectId: string, projectName: string, period: string) {
    const users = await queryRows<{ id: string }>(
      tx,
      sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles ro on ro.id = ur.role_id
        join units uu on uu.id = u.unit_id, projects p join units pu on pu.id = p.lead_unit_id
        where p.id = ${projectId} and 'projects.approve' = any(ro.permissions) and u.deleted_at is null and u.status = 'active'
          and pu.path like uu.path || '%'`,
    );
    if (users.length)
      await notifications.notify(tx, {
        kind: 'projects.report.submitted',
        userIds: users.map((u) => u.id),
        title: `投资报表待审核：${projectName}`,
        body: `${period} 期投资完成情况已报送`,
        link: `/projects/${projectId}?tab=investment`,
      });
  }

  return {
    async listForProject(p: Principal, projectId: string) {
      await projects.requireVisible(p, projectId);
      const rows = await queryRows<ReportRow>(db, sql`${reportSelect} where r.project_id = ${projectId} order by r.period desc`);
      return { items: rows.map(toReport), total: rows.length, page: 1, pageSize: Math.max(rows.length, 1) };
    },

    async list(p: Principal, q: z.infer<typeof reportListQuery>) {
      const visible = projectVisible(p);
      const parts: SQL[] = [sql`p.deleted_at is null`];
      if (visible) parts.push(sql`p.id in (select projects.id from projects where ${visible})`);
      if (q.projectId) parts.push(sql`r.project_id = ${q.projectId}`);
      if (q.status?.length) parts.push(sql`r.status = any(${sql.param(q.status)}::text[])`);
      if (q.period) parts.push(sql`r.period = ${q.period}`);
      if (q.year) parts.push(sql`r.year = ${q.year}`);
      if (q.leadUnitId) parts.push(sql`p.lead_unit_id in (select id from units where path like (select path from units where id = ${q.leadUnitId}) || '%')`);
      if (q.q) parts.push(sql`p.name ilike ${likePattern(q.q)}`);
      const where = sql.join(parts, sql` and `);
      const { field, desc } = parseSort(q.sort, '-submittedAt');
      const { limit, offset } = limitOffset(q);
      const rows = await queryRows<ReportRow>(
        db,
        sql`${reportSelect} where ${where} order by ${sorts[field] ?? sorts.submittedAt} ${desc ? sql`desc nulls last` : sql`asc nulls last`}, r.id limit ${limit} offset ${offset}`,
      );
      const [c] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from investment_reports r join projects p on p.id = r.project_id where ${where}`,
      );
      return toPage(rows.map(toReport), c?.n ?? 0, q);
    },

    /** Creates or updates the report of a period (not once approved); `submit` sends it for approval. */
    async file(ctx: RequestContext, p: Principal, projectId: string, input: InvestmentReportInput): Promise<string> {
      const { project, can } = await projects.access(p, projectId);
      if (!can.report) throw forbidden('you may not report on this project');
      const [meta] = await queryRows<{ frequency: 'month' | 'tenDays' }>(db, sql`select report_frequency as frequency from projects where id = ${projectId}`);
      const tenDays = input.period.length > 7;
      if (tenDays !== (meta!.frequency === 'tenDays'))
        throw fail(
          'VALIDATION_FAILED',
          'body.period',
          meta!.frequency === 'tenDays' ? 'this project reports per 旬: YYYY-MM-1/2/3' : 'this project reports monthly: YYYY-MM',
        );
      const range = periodRange(input.period);
      const day = today();
      if (range.start > day) throw fail('DATE_IN_FUTURE', 'body.period', `the period ${input.period} has not begun`);
      const [existing] = await queryRows<{
        id: string;
        status: string;
        version: number;
        completed: string;
        planned: string;
        physicalProgress: string | null;
        problems: string | null;
      }>(
        db,
        sql`select id, status, version, completed::text as completed, planned::text as planned, physical_progress as "physicalProgress", problems
          from investment_reports where project_id = ${projectId} and period = ${input.period}`,
      );
      if (existing?.status === 'approved') throw fail('REPORT_ALREADY_APPROVED', 'body.period', `the report for ${input.period} is approved`);
      const [others] = await queryRows<{ total: string }>(
        db,
        sql`select coalesce(sum(completed), 0)::text as total from investment_reports where project_id = ${projectId} and status = 'approved' and period <> ${input.period}`,
      );
      const since = moneyToCents(others!.total) + moneyToCents(input.completed);
      if (since > moneyToCents(project.totalInvestment) && !input.overrunExplanation) {
        throw fail(
          'INVESTMENT_OVERRUN',
          'body.completed',
          `completed since the start would be ${centsToMoney(since)} 万元, above the total of ${project.totalInvestment} 万元: explain the overrun`,
        );
      }
      const now = clock.now();
      const status = input.submit ? 'submitted' : 'draft';
      const values = {
        planned: input.planned,
        completed: input.completed,
        physicalProgress: input.physicalProgress ?? null,
        problems: input.problems ?? null,
        overrunExplanation: input.overrunExplanation ?? null,
        status,
        submittedBy: input.submit ? p.userId : null,
        submittedAt: input.submit ? now : null,
        returnReason: null,
      };
      return db.transaction(async (tx) => {
        let id: string;
        if (existing) {
          id = existing.id;
          await tx.execute(sql`update investment_reports set planned = ${values.planned}, completed = ${values.completed},
            physical_progress = ${values.physicalProgress}, problems = ${values.problems}, overrun_explanation = ${values.overrunExplanation},
            status = ${status}, submitted_by = ${values.submittedBy}, submitted_at = ${values.submittedAt}, return_reason = null,
            version = version + 1, updated_at = now() where id = ${id}`);
        } else {
          const [row] = await tx
            .insert(investmentReports)
            .values({ projectId, period: input.period, year: range.year, month: range.month, ...values, createdBy: p.userId })
            .returning({ id: investmentReports.id });
          id = row!.id;
        }
        await audit.record(tx, ctx, {
          action: input.submit ? 'project.report.submit' : 'project.report.save',
          entityType: 'investmentReport',
          entityId: id,
          diff: {
            projectId,
            period: input.period,
            ...diffOf(existing ? { planned: existing.planned, completed: existing.completed, status: existing.status } : null, {
              planned: input.planned,
              completed: input.completed,
              status,
            }),
          },
        });
        if (input.submit) await notifyReviewers(tx, projectId, project.name, input.period);
        return id;
      });
    },

    async submit(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      const { row } = await requireReport(p, id);
      const { can, project } = await projects.access(p, row.projectId);
      if (!can.report) throw forbidden('you may not report on this project');
      if (row.status === 'approved') throw new AppError('REPORT_ALREADY_APPROVED', `the report for ${row.period} is approved`);
      if (row.status === 'submitted') throw new AppError('TRANSITION_NOT_ALLOWED', 'the report is already submitted');
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update investment_reports set status = 'submitted', submitted_by = ${p.userId}, submitted_at = ${clock.now()}, return_reason = null, version = version + 1 where id = ${id}`,
        );
        await audit.record(tx, ctx, {
          action: 'project.report.submit',
          entityType: 'investmentReport',
          entityId: id,
          diff: { status: { before: row.status, after: 'submitted' } },
        });
        await notifyReviewers(tx, row.projectId, project.name, row.period);
      });
    },

    async review(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof reportReviewSchema>): Promise<void> {
      const { row } = await requireReport(p, id);
      const { can } = await projects.access(p, row.projectId);
      if (!can.approve) throw forbidden('only the responsible department approves this project’s reports');
      if (input.version !== undefined && input.version !== row.version) throw new AppError('STALE_VERSION', 'the report was changed; reload it');
      if (row.status === 'approved') throw new AppError('REPORT_ALREADY_APPROVED', `the report for ${row.period} is approved`);
      if (row.status !== 'submitted') throw new AppError('TRANSITION_NOT_ALLOWED', 'only a submitted report is reviewed');
      const to = input.decision === 'approve' ? 'approved' : 'returned';
      await db.transaction(async (tx) => {
        await tx.execute(sql`update investment_reports set status = ${to}, reviewed_by = ${p.userId}, reviewed_at = ${clock.now()},
          return_reason = ${input.decision === 'return' ? input.reason! : null}, version = version + 1, updated_at = now() where id = ${id}`);
        await refreshFigures(tx, [row.projectId]);
        await audit.record(tx, ctx, {
          action: `project.report.${input.decision}`,
          entityType: 'investmentReport',
          entityId: id,
          diff: { projectId: row.projectId, period: row.period, status: { before: row.status, after: to }, reason: input.reason ?? null },
        });
        const [submitter] = await queryRows<{ id: string | null }>(tx, sql`select submitted_by as id from investment_reports where id = ${id}`);
        if (submitter?.id)
          await notifications.notify(tx, {
            kind: `projects.report.${to}`,
            userIds: [submitter.id],
            title: to === 'approved' ? `投资报表已审核通过：${row.projectName}` : `投资报表被退回：${row.projectName}`,
            body: to === 'approved' ? `${row.period}` : `${row.period}：${input.reason}`,
            link: `/projects/${row.projectId}?tab=investment`,
          });
        await recomputeProjects(tx, [row.projectId], today());
      });
    },

    get: async (p: Principal, id: string) => toReport((await requireReport(p, id)).row),

    /**
     * Reminders before the due day (3 days before, and on the day) to the reporters of tracked projects whose report
     * of the last finished period is not submitted: the owner enterprise's users and the responsible unit's reporters.
     * Each reminder once per project, kind and period (project_reminders).
     */
    async sendReminders(): Promise<number> {
      const day = today();
      let sent = 0;
      for (const frequency of ['month', 'tenDays'] as const) {
        const period = previousPeriod(periodOfDay(day, frequency));
        const due = reportDueOn(period);
        const daysLeft = Math.round((Date.parse(due) - Date.parse(day)) / 86_400_000);
        const kind = daysLeft === 0 ? 'dueToday' : daysLeft > 0 && daysLeft <= 3 ? 'dueSoon' : daysLeft < 0 ? 'overdue' : null;
        if (!kind) continue;
        const rows = await queryRows<{ id: string; name: string; users: string[] }>(
          db,
          sql`select p.id, p.name, array(select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles ro on ro.id = ur.role_id
                where 'projects.report' = any(ro.permissions) and u.deleted_at is null and u.status = 'active'
                  and ((p.owner_enterprise_id is not null and u.enterprise_id = p.owner_enterprise_id) or (u.enterprise_id is null and u.unit_id = p.lead_unit_id))) as users
            from projects p where p.deleted_at is null and p.report_frequency = ${frequency} and p.stage in ('listed','preparation','construction')
              and not exists (select 1 from investment_reports r where r.project_id = p.id and r.period = ${period} and r.status in ('submitted','approved'))
              and not exists (select 1 from project_reminders m where m.project_id = p.id and m.kind = ${kind} and m.key = ${period})`,
        );
        for (const r of rows) {
          await db.transaction(async (tx) => {
            const claimed = await queryRows<{ project_id: string }>(
              tx,
              sql`insert into project_reminders (project_id, kind, key, sent_at) values (${r.id}, ${kind}, ${period}, ${clock.now()}) on conflict do nothing returning project_id`,
            );
            if (!claimed.length || !r.users.length) return;
            await notifications.notify(tx, {
              kind: 'projects.report.reminder',
              userIds: r.users,
              title: kind === 'overdue' ? `投资报表逾期未报：${r.name}` : `请于${due}前报送投资完成情况：${r.name}`,
              body: `${period} 期`,
              link: `/projects/${r.id}?tab=investment`,
            });
            sent++;
          });
        }
      }
      return sent;
    },
  };
}

export type InvestmentService = ReturnType<typeof createInvestmentService>;
