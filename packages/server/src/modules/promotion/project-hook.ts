// The hook from investment promotion to key projects (DOMAIN §4, §5): a signed lead becomes a key project.
//
// POST /api/promotion/leads/:id/project (leadToProjectSchema) — who: promotion.approve AND the lead's can.approve (the
// owner's superior) AND projects.write; when: the lead is active and at 签约 or later (else 409 LEAD_NOT_SIGNED) and
// not yet linked (else 409 LEAD_ALREADY_PROJECT). The project is created through the projects module's own create
// path (ProjectService.createIn: the same checks as POST /api/projects — unit in scope, industry dictionary,
// duplicates — with the same audit record 'project.create'), carrying from the lead:
//   name = body.name ?? `${company}项目`, ownerName = company, content, industry, totalInvestment = signedAmount,
//   plannedStartOn, investorType = body.investorType ?? (foreign when the lead has a currency, else private),
//   level / category / nature / leadUnitId / planYear from the body.
// In the same transaction: promotion_leads.project_id is set, a lead event 'project' (toValue = the project's code,
// or its id when it has none) keeps the link in the lead's history, and 'promotion.lead.project' is audited. The lead
// and its history stay; the project's page links back through promotion_leads.project_id.
import { sql } from 'drizzle-orm';
import { leadStageIndex, projectCreateSchema, type LeadDetail, type leadToProjectSchema } from '@zoneops/shared';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { ProjectService } from '../projects/project.service.ts';
import { LEAD_ENTITY, type LeadService } from './lead.service.ts';

export function createProjectHook(deps: Deps, leads: LeadService, projects: ProjectService) {
  const { db, audit } = deps;

  return {
    /** Converts a signed lead into a key project; answers the project's id. */
    async leadToProject(ctx: RequestContext, p: Principal, leadId: string, input: z.output<typeof leadToProjectSchema>): Promise<string> {
      const lead: LeadDetail = await leads.get(p, leadId);
      if (!p.permissions.has('promotion.approve') || !lead.can.approve || !p.permissions.has('projects.write'))
        throw forbidden('turning a lead into a key project is for its owner’s superior with projects.write');
      if (lead.projectId) throw new AppError('LEAD_ALREADY_PROJECT', 'the lead is already a key project', [{ path: 'params.id', message: lead.projectId }]);
      if (lead.outcome !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the lead is closed');
      if (leadStageIndex(lead.stage) < leadStageIndex('signed') || !lead.signedAmount)
        throw new AppError('LEAD_NOT_SIGNED', `the lead is at ${lead.stage}; sign it first`);
      const project = projectCreateSchema.parse({
        name: input.name ?? `${lead.company}项目`,
        ownerName: lead.company,
        content: lead.content,
        industry: lead.industry,
        totalInvestment: lead.signedAmount,
        plannedStartOn: lead.plannedStartOn,
        investorType: input.investorType ?? (lead.currency ? 'foreign' : 'private'),
        level: input.level,
        category: input.category,
        nature: input.nature,
        leadUnitId: input.leadUnitId,
        planYear: input.planYear,
      });
      return db.transaction(async (tx) => {
        const projectId = await projects.createIn(tx, ctx, p, project);
        // the link is taken once: a concurrent conversion finds project_id set and rolls its project back
        const linked = await queryRows<{ id: string }>(
          tx,
          sql`update promotion_leads set project_id = ${projectId}, updated_at = ${deps.clock.now()}
            where id = ${leadId} and project_id is null and deleted_at is null returning id`,
        );
        if (!linked.length) throw new AppError('LEAD_ALREADY_PROJECT', 'the lead is already a key project');
        const [created] = await queryRows<{ code: string | null }>(tx, sql`select code from projects where id = ${projectId}`);
        await leads.event(tx, leadId, p, 'project', null, created?.code ?? projectId);
        await audit.record(tx, ctx, {
          action: 'promotion.lead.project',
          entityType: LEAD_ENTITY,
          entityId: leadId,
          diff: { projectId, name: project.name, totalInvestment: project.totalInvestment, leadUnitId: project.leadUnitId },
        });
        return projectId;
      });
    },
  };
}
