// Key projects (DOMAIN §4): the project ledger with its leaders, units, funding and dates; the lifecycle with its
// history; the milestone plan from a template with serial and parallel nodes; blockers as ledger items. Every write
// is checked here (permission, scope, references, the rules of packages/shared/src/projects.ts), audited with its
// difference in the same transaction, and followed by the project's light.
import {
  milestoneOverdueDays,
  planMilestones,
  predecessorProblem,
  PRODUCTION_NODE,
  stageIndex,
  stageMoveNeedsReason,
  START_NODE,
  templateProblems,
  type MilestoneNodeDef,
  type Project,
  type ProjectCreate,
  type ProjectDetail,
  type ProjectStage,
  type ProjectUpdate,
} from '@zoneops/shared';
import type { z } from 'zod';
import type { blockerCreateSchema, milestoneTemplateCreateSchema, milestoneUpdateSchema, projectListQuery, stageMoveSchema } from '@zoneops/shared';
import { parseSort } from '@zoneops/shared';
import { sql } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { maskRows } from '../../platform/access/masking.ts';
import { unitInScope } from '../../platform/access/scope.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import { ledgerServiceIn } from '../ledger/ledger.service.ts';
import { projectVisible } from './project-access.ts';
import { recomputeProjects } from './project-lights.ts';
import { loadProjectReference, projectIssues } from './project-rules.ts';
import { projectRepository, projectWhere, sortSql, type ProjectRow } from './project.repository.ts';

const field = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
const fail = (code: ConstructorParameters<typeof AppError>[0], path: string, message: string) => new AppError(code, `${path}: ${message}`, [{ path, message }]);

export const BLOCKER_LEDGER_CODE = 'PROJ-BLOCKERS';

/** What a principal may do on a project. */
export function projectCan(
  p: Principal,
  row: Pick<ProjectRow, 'leadUnitId' | 'leadUnitPath' | 'ownerEnterpriseId'>,
  linked: { leader: boolean; unit: boolean },
) {
  const inScope = p.scope.all || unitInScope(p, row.leadUnitId, row.leadUnitPath);
  const owner = !!p.enterpriseId && p.enterpriseId === row.ownerEnterpriseId;
  return {
    edit: p.permissions.has('projects.write') && inScope && !p.enterpriseId,
    report: p.permissions.has('projects.report') && (owner || (!p.enterpriseId && (inScope || linked.unit))),
    approve: p.permissions.has('projects.approve') && inScope && !p.enterpriseId,
    raiseBlocker: !p.enterpriseId ? p.permissions.has('projects.write') || linked.leader || linked.unit || inScope : owner,
  };
}

export function toProject(row: ProjectRow): Project {
  const { leadUnitPath: _p, ...rest } = row;
  return rest as Project;
}

export function createProjectService(deps: Deps) {
  const { db, audit, clock } = deps;
  const today = () => todayOf(clock);

  async function requireVisible(p: Principal, id: string): Promise<ProjectRow> {
    const row = await projectRepository.findById(db, id, projectVisible(p));
    if (!row) throw notFound('project');
    return row;
  }

  async function linkOf(tx: DbOrTx, p: Principal, id: string) {
    const [r] = await queryRows<{ leader: boolean; unit: boolean }>(
      tx,
      sql`select exists(select 1 from project_leaders where project_id = ${id} and user_id = ${p.userId}) as leader,
        exists(select 1 from project_units pu join units u on u.id = pu.unit_id where pu.project_id = ${id} and ${p.unitPath} like u.path || '%') as unit`,
    );
    return r ?? { leader: false, unit: false };
  }

  /** A project the principal sees, with what the principal may do on it. */
  async function access(p: Principal, id: string) {
    const project = await requireVisible(p, id);
    return { project, can: projectCan(p, project, await linkOf(db, p, id)) };
  }

  async function requireCan(p: Principal, id: string, what: 'edit' | 'report' | 'approve' | 'raiseBlocker') {
    const { project: row, can } = await access(p, id);
    if (!can[what]) throw forbidden(`you may not ${what === 'raiseBlocker' ? 'raise a blocker on' : what} this project`);
    return row;
  }

  /** References, dictionaries, money, dates and location of a create or update (the merged values). */
  async function validate(tx: DbOrTx, v: ProjectCreate, id: string | null) {
    const ref = await loadProjectReference(tx, today(), {
      unitIds: [v.leadUnitId, ...v.units.map((u) => u.unitId)],
      userIds: v.leaders.map((l) => l.userId),
      enterpriseIds: v.ownerEnterpriseId ? [v.ownerEnterpriseId] : [],
    });
    const [issue] = projectIssues(v, ref);
    if (issue) throw fail(issue.code, `body.${issue.path}`, issue.message);
    if (v.parentId) {
      if (v.parentId === id) throw field('body.parentId', 'a project cannot be its own parent');
      const chain = await queryRows<{ id: string }>(
        tx,
        sql`with recursive up(id, parent_id) as (select id, parent_id from projects where id = ${v.parentId} and deleted_at is null
          union all select p.id, p.parent_id from projects p join up on p.id = up.parent_id) select id from up`,
      );
      if (!chain.length) throw field('body.parentId', 'unknown project');
      if (id && chain.some((c) => c.id === id)) throw field('body.parentId', 'the parent is one of its own children');
    }
    const dup = await projectRepository.findDuplicate(tx, { code: v.code ?? null, name: v.name, ownerName: v.ownerName! }, id);
    if (dup) {
      const byCode = !!v.code && dup.code === v.code;
      throw fail(
        'PROJECT_DUPLICATE',
        byCode ? 'body.code' : 'body.name',
        byCode ? `the code ${v.code} is taken by ${dup.name}` : `${v.name} of ${v.ownerName} exists`,
      );
    }
  }

  const columnsOf = (v: ProjectCreate) => ({
    code: v.code ?? null,
    name: v.name,
    parentId: v.parentId ?? null,
    content: v.content ?? null,
    capacity: v.capacity ?? null,
    level: v.level,
    industry: v.industry,
    category: v.category,
    nature: v.nature,
    investorType: v.investorType,
    focus: v.focus,
    ownerEnterpriseId: v.ownerEnterpriseId ?? null,
    ownerName: v.ownerName!,
    ownerContact: v.ownerContact ?? null,
    ownerPhone: v.ownerPhone ?? null,
    leadUnitId: v.leadUnitId,
    plannedStartOn: v.plannedStartOn ?? null,
    plannedCompletionOn: v.plannedCompletionOn ?? null,
    actualStartOn: v.actualStartOn ?? null,
    actualCompletionOn: v.actualCompletionOn ?? null,
    totalInvestment: v.totalInvestment,
    funding: v.funding,
    planYear: v.planYear,
    annualPlan: v.annualPlan,
    contractors: v.contractors,
    approvals: v.approvals,
    lng: v.lng ?? null,
    lat: v.lat ?? null,
    outline: v.outline ?? null,
    reportFrequency: v.reportFrequency,
    milestoneTemplateId: v.milestoneTemplateId ?? null,
  });

  /** Stage dates set the first time a stage is reached. */
  const stageDates = (
    to: ProjectStage,
    on: string,
    current: {
      reserveOn: string | null;
      listedOn: string | null;
      actualStartOn: string | null;
      actualCompletionOn: string | null;
      productionOn: string | null;
    },
  ) => ({
    ...(stageIndex(to) >= stageIndex('reserve') && !current.reserveOn ? { reserveOn: on } : {}),
    ...(stageIndex(to) >= stageIndex('listed') && !current.listedOn ? { listedOn: on } : {}),
    ...(to === 'construction' && !current.actualStartOn ? { actualStartOn: on } : {}),
    ...(to === 'completed' && !current.actualCompletionOn ? { actualCompletionOn: on } : {}),
    ...(to === 'production' && !current.productionOn ? { productionOn: on } : {}),
  });

  async function planFromTemplate(tx: DbOrTx, projectId: string, templateId: string | null, plannedStart: string | null, plannedCompletion: string | null) {
    const template = await projectRepository.findTemplate(tx, templateId);
    if (!template) throw field('body.templateId', 'unknown template');
    const nodes = template.nodes as MilestoneNodeDef[];
    const planned =
      plannedStart && plannedCompletion ? new Map(planMilestones(nodes, plannedStart, plannedCompletion).map((n) => [n.code, n.plannedOn])) : null;
    await projectRepository.replaceMilestones(
      tx,
      projectId,
      nodes.map((n, i) => ({ seq: i + 1, code: n.code, name: n.name, nameEn: n.nameEn, after: n.after, plannedOn: planned?.get(n.code) ?? null })),
    );
    return template;
  }

  /** Creates a project inside the caller's transaction: the checks of create, then the writes (see create). */
  async function createIn(tx: DbOrTx, ctx: RequestContext, p: Principal, input: ProjectCreate): Promise<string> {
    const [unit] = await queryRows<{ path: string }>(tx, sql`select path from units where id = ${input.leadUnitId} and deleted_at is null`);
    if (!unit) throw field('body.leadUnitId', 'unknown unit');
    if (!p.scope.all && !unitInScope(p, input.leadUnitId, unit.path)) throw forbidden('the responsible unit is outside your data scope');
    await validate(tx, input, null);
    const day = today();
    const id = await projectRepository.insert(tx, {
      ...columnsOf(input),
      stage: input.stage,
      // A project entered in a later stage keeps the dates it was given; only the reserve and listing days are known.
      ...(stageIndex(input.stage) >= stageIndex('reserve') ? { reserveOn: day } : {}),
      ...(stageIndex(input.stage) >= stageIndex('listed') ? { listedOn: day } : {}),
      createdBy: p.userId,
    });
    await projectRepository.replaceLeaders(tx, id, input.leaders);
    await projectRepository.replaceUnits(tx, id, input.units);
    await projectRepository.insertStage(tx, { projectId: id, fromStage: null, toStage: input.stage, on: day, actorId: p.userId, at: clock.now() });
    if (stageIndex(input.stage) >= stageIndex('listed'))
      await planFromTemplate(tx, id, input.milestoneTemplateId ?? null, input.plannedStartOn ?? null, input.plannedCompletionOn ?? null);
    await audit.record(tx, ctx, {
      action: 'project.create',
      entityType: 'project',
      entityId: id,
      diff: diffOf(null, { ...columnsOf(input), stage: input.stage, leaders: input.leaders, units: input.units }),
    });
    await recomputeProjects(tx, [id], day);
    return id;
  }

  return {
    async list(p: Principal, q: z.infer<typeof projectListQuery>) {
      const { field: sortField, desc } = parseSort(q.sort, '-totalInvestment');
      const order = sql`${sortSql[sortField] ?? sortSql.totalInvestment} ${desc ? sql`desc nulls last` : sql`asc nulls last`}`;
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await projectRepository.list(db, projectWhere(q, projectVisible(p)), order, limit, offset);
      return toPage(rows.map(toProject), total, q);
    },

    async get(p: Principal, id: string): Promise<ProjectDetail> {
      const row = await requireVisible(p, id);
      const extras = await projectRepository.findDetailExtras(db, id);
      const milestones = await projectRepository.findMilestones(db, id);
      const day = today();
      const { history, milestoneTemplateId: _t, ...rest } = extras;
      const can = projectCan(p, row, { leader: extras.leaders.some((l) => l.userId === p.userId), unit: await linkOf(db, p, id).then((l) => l.unit) });
      // Contacts are masked for those who may not see them (field.phone / field.personName).
      const [owner] = maskRows([{ ownerContact: rest.ownerContact, ownerPhone: rest.ownerPhone }], { personName: ['ownerContact'], phone: ['ownerPhone'] }, p);
      return {
        ...toProject(row),
        ...rest,
        ...owner,
        leaders: maskRows(rest.leaders, { phone: ['phone'] }, p),
        units: maskRows(rest.units, { personName: ['contactName'], phone: ['contactPhone'] }, p),
        stageHistory: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
        milestones: milestones.map((m) => ({
          ...m,
          overdueDays: milestoneOverdueDays(m, day),
        })),
        can,
      } as ProjectDetail;
    },

    async create(ctx: RequestContext, p: Principal, input: ProjectCreate): Promise<string> {
      return db.transaction((tx) => createIn(tx, ctx, p, input));
    },

    /** create in a transaction the caller holds (a signed lead becoming a project: modules/promotion/project-hook.ts). */
    createIn,

    async update(ctx: RequestContext, p: Principal, id: string, input: ProjectUpdate): Promise<void> {
      const row = await requireCan(p, id, 'edit');
      const before = await projectRepository.findRaw(db, id);
      if (!before) throw notFound('project');
      if (input.version !== undefined && input.version !== before.version)
        throw new AppError('STALE_VERSION', 'the project was changed by someone else; reload it');
      const extras = await projectRepository.findDetailExtras(db, id);
      const { version: _v, ...changes } = input;
      const merged = {
        ...before,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        stage: before.stage as ProjectStage,
        leaders: changes.leaders ?? extras.leaders.map((l) => ({ userId: l.userId, level: l.level })),
        units: changes.units ?? extras.units.map((u) => ({ unitId: u.unitId, level: u.level, contactName: u.contactName, contactPhone: u.contactPhone })),
        funding: changes.funding ?? (before.funding as ProjectCreate['funding']),
        contractors: changes.contractors ?? (before.contractors as ProjectCreate['contractors']),
        approvals: changes.approvals ?? (before.approvals as ProjectCreate['approvals']),
        totalInvestment: changes.totalInvestment ?? before.totalInvestment,
        annualPlan: changes.annualPlan ?? before.annualPlan,
      } as unknown as ProjectCreate;
      if (changes.ownerEnterpriseId && !changes.ownerName) merged.ownerName = null;
      if (changes.leadUnitId && changes.leadUnitId !== row.leadUnitId) {
        const [unit] = await queryRows<{ path: string }>(db, sql`select path from units where id = ${changes.leadUnitId}`);
        if (!unit || (!p.scope.all && !unitInScope(p, changes.leadUnitId, unit.path))) throw forbidden('the new responsible unit is outside your data scope');
      }
      await validate(db, merged, id);
      const after = columnsOf(merged);
      const day = today();
      await db.transaction(async (tx) => {
        await projectRepository.update(tx, id, after);
        if (changes.leaders) await projectRepository.replaceLeaders(tx, id, changes.leaders);
        if (changes.units) await projectRepository.replaceUnits(tx, id, changes.units);
        const beforeCols = columnsOf({ ...(before as unknown as ProjectCreate), funding: before.funding as ProjectCreate['funding'] } as ProjectCreate);
        await audit.record(tx, ctx, {
          action: 'project.update',
          entityType: 'project',
          entityId: id,
          diff: diffOf(
            { ...beforeCols, ...(changes.leaders ? { leaders: extras.leaders.map((l) => ({ userId: l.userId, level: l.level })) } : {}) },
            { ...after, ...(changes.leaders ? { leaders: changes.leaders } : {}) },
          ),
        });
        await recomputeProjects(tx, [id], day);
      });
    },

    async moveStage(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof stageMoveSchema>): Promise<void> {
      await requireCan(p, id, 'edit');
      const before = (await projectRepository.findRaw(db, id))!;
      if (input.version !== undefined && input.version !== before.version)
        throw new AppError('STALE_VERSION', 'the project was changed by someone else; reload it');
      const from = before.stage as ProjectStage;
      if (from === input.stage) throw fail('TRANSITION_NOT_ALLOWED', 'body.stage', `the project is already in ${from}`);
      if (stageMoveNeedsReason(from, input.stage) && !input.reason) throw fail('STAGE_REASON_REQUIRED', 'body.reason', 'say why the project moves back');
      const on = input.on ?? today();
      if (on > today()) throw fail('DATE_IN_FUTURE', 'body.on', `${on} is after today`);
      const hasPlan = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from project_milestones where project_id = ${id}`))[0]!.n > 0;
      await db.transaction(async (tx) => {
        const dates = stageDates(input.stage, on, before);
        await projectRepository.update(tx, id, { stage: input.stage, ...dates });
        await projectRepository.insertStage(tx, {
          projectId: id,
          fromStage: from,
          toStage: input.stage,
          on,
          reason: input.reason ?? null,
          actorId: p.userId,
          at: clock.now(),
        });
        if (!hasPlan && stageIndex(input.stage) >= stageIndex('listed'))
          await planFromTemplate(tx, id, before.milestoneTemplateId, before.plannedStartOn, before.plannedCompletionOn);
        await audit.record(tx, ctx, {
          action: 'project.stage',
          entityType: 'project',
          entityId: id,
          diff: { stage: { before: from, after: input.stage }, on, reason: input.reason ?? null, ...dates },
        });
        await recomputeProjects(tx, [id], today());
      });
    },

    async planMilestones(ctx: RequestContext, p: Principal, id: string, templateId: string | null | undefined): Promise<void> {
      await requireCan(p, id, 'edit');
      const before = (await projectRepository.findRaw(db, id))!;
      const done = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from project_milestones where project_id = ${id} and actual_on is not null`,
      );
      if (done[0]!.n > 0) throw new AppError('CONFLICT', 'milestones with actual dates exist: edit the plan node by node');
      await db.transaction(async (tx) => {
        const template = await planFromTemplate(tx, id, templateId ?? before.milestoneTemplateId, before.plannedStartOn, before.plannedCompletionOn);
        if (template.id !== before.milestoneTemplateId) await projectRepository.update(tx, id, { milestoneTemplateId: template.id });
        await audit.record(tx, ctx, { action: 'project.milestones.plan', entityType: 'project', entityId: id, diff: { template: template.code } });
        await recomputeProjects(tx, [id], today());
      });
    },

    async updateMilestone(ctx: RequestContext, p: Principal, id: string, code: string, input: z.infer<typeof milestoneUpdateSchema>): Promise<void> {
      await requireCan(p, id, 'edit');
      const nodes = await projectRepository.findMilestones(db, id);
      const node = nodes.find((n) => n.code === code);
      if (!node) throw notFound('milestone');
      const day = today();
      const actualOn = input.actualOn !== undefined ? input.actualOn : node.actualOn;
      if (input.actualOn && input.actualOn > day) throw fail('DATE_IN_FUTURE', 'body.actualOn', `${input.actualOn} is after today (${day})`);
      if (actualOn) {
        const actualOf = new Map(nodes.map((n) => [n.code, n.actualOn]));
        const problem = predecessorProblem(node, actualOn, actualOf);
        if (problem) {
          const pred = nodes.find((n) => n.code === problem.predecessor)!;
          throw fail(
            'PREDECESSOR_NOT_DONE',
            'body.actualOn',
            problem.actualOn ? `${pred.name} was done on ${problem.actualOn}, after ${actualOn}` : `${pred.name} is not done yet`,
          );
        }
        // A successor already done earlier than the new date breaks the chain as well.
        const late = nodes.find((n) => n.after.includes(code) && n.actualOn && n.actualOn < actualOn);
        if (late) throw fail('PREDECESSOR_NOT_DONE', 'body.actualOn', `${late.name} (after this node) was done on ${late.actualOn}`);
      } else if (nodes.some((n) => n.after.includes(code) && n.actualOn)) {
        throw fail('PREDECESSOR_NOT_DONE', 'body.actualOn', 'a following node is already done');
      }
      if (input.unitId) {
        const [u] = await queryRows<{ id: string }>(db, sql`select id from units where id = ${input.unitId} and deleted_at is null`);
        if (!u) throw field('body.unitId', 'unknown unit');
      }
      const before = (await projectRepository.findRaw(db, id))!;
      await db.transaction(async (tx) => {
        await projectRepository.updateMilestone(tx, id, code, { ...input, updatedBy: p.userId });
        // The start and production nodes carry the project's dates and, moving forward only, its stage.
        const moves: Partial<typeof before> = {};
        if (code === START_NODE && input.actualOn && !before.actualStartOn) moves.actualStartOn = input.actualOn;
        if (code === PRODUCTION_NODE && input.actualOn) moves.productionOn = input.actualOn;
        const target: ProjectStage | null =
          code === PRODUCTION_NODE && input.actualOn ? 'production' : code === START_NODE && input.actualOn ? 'construction' : null;
        if (target && stageIndex(target) > stageIndex(before.stage as ProjectStage)) {
          moves.stage = target;
          await projectRepository.insertStage(tx, {
            projectId: id,
            fromStage: before.stage,
            toStage: target,
            on: input.actualOn!,
            reason: `milestone ${node.name}`,
            actorId: p.userId,
            at: clock.now(),
          });
        }
        if (Object.keys(moves).length) await projectRepository.update(tx, id, moves);
        else await projectRepository.update(tx, id, {});
        await audit.record(tx, ctx, {
          action: 'project.milestone.update',
          entityType: 'project',
          entityId: id,
          diff: {
            node: code,
            ...diffOf(
              { plannedOn: node.plannedOn, actualOn: node.actualOn, unitId: node.unitId, note: node.note },
              { plannedOn: node.plannedOn, actualOn: node.actualOn, unitId: node.unitId, note: node.note, ...input },
            ),
            ...moves,
          },
        });
        await recomputeProjects(tx, [id], day);
      });
    },

    /** Raises a blocker as an item of the zone's blocker ledger; `p` null = the system (demo data, imports). */
    async raiseBlocker(ctx: RequestContext, p: Principal | null, id: string, input: z.infer<typeof blockerCreateSchema>): Promise<string> {
      const project = p ? await requireCan(p, id, 'raiseBlocker') : await projectRepository.findRaw(db, id);
      if (!project) throw notFound('project');
      const [ledger] = await queryRows<{ id: string }>(db, sql`select id from ledgers where code = ${BLOCKER_LEDGER_CODE}`);
      return db.transaction(async (tx) => {
        const ledgerId =
          ledger?.id ??
          (
            await queryRows<{ id: string }>(
              tx,
              sql`insert into ledgers (kind, code, name, supervisor_unit_id, checkpoint_template_id, created_by)
                values ('blocker', ${BLOCKER_LEDGER_CODE}, '重点项目问题清单', ${project.leadUnitId}, null, ${p?.userId ?? null}) returning id`,
            )
          )[0]!.id;
        const [itemId] = await ledgerServiceIn(deps, tx).createMany(ctx, null, ledgerId, [
          {
            ledgerId,
            title: input.title,
            description: input.description ?? null,
            source: 'projectBlocker',
            leadUnitId: input.leadUnitId,
            coUnitIds: input.coUnitIds,
            leaderId: input.leaderId ?? null,
            deadline: input.deadline,
            priority: 'high',
            focus: false,
            frequency: 'tenDays',
            longTerm: false,
          },
        ]);
        await tx.execute(sql`update ledger_items set project_id = ${id} where id = ${itemId!}`);
        await audit.record(tx, ctx, {
          action: 'project.blocker.raise',
          entityType: 'project',
          entityId: id,
          diff: { itemId, title: input.title, leadUnitId: input.leadUnitId },
        });
        return itemId!;
      });
    },

    listTemplates: async () =>
      (await projectRepository.listTemplates(db)).map((t) => ({ id: t.id, code: t.code, name: t.name, nodes: t.nodes as MilestoneNodeDef[] })),

    async createTemplate(ctx: RequestContext, p: Principal, input: z.infer<typeof milestoneTemplateCreateSchema>) {
      const problems = templateProblems(input.nodes);
      if (problems.length) throw field('body.nodes', problems.join('; '));
      const exists = (await projectRepository.listTemplates(db)).some((t) => t.code === input.code);
      if (exists) throw fail('CONFLICT', 'body.code', `the code ${input.code} is taken`);
      return db.transaction(async (tx) => {
        const row = await projectRepository.insertTemplate(tx, { ...input, createdBy: p.userId });
        await audit.record(tx, ctx, { action: 'project.template.create', entityType: 'milestoneTemplate', entityId: row.id, diff: diffOf(null, input) });
        return { id: row.id, code: row.code, name: row.name, nodes: row.nodes as MilestoneNodeDef[] };
      });
    },

    requireVisible,
    requireCan,
    access,
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
