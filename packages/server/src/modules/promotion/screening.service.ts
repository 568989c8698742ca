// 挑商选资 (DOMAIN §5): the zone's admission criteria (a setting, the defaults until changed) and each lead's recorded
// assessment: the lead's figures, the criteria as they stood, every computed value with pass/fail, the decision with
// its reasons and approver. A rejection closes the lead (outcome rejected), which the reports count by reason.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { criteriaListSchema, defaultCriteria, screen, type Assessment, type Criterion, leadAssessmentInputSchema } from '@zoneops/shared';
import { promotionAssessments, promotionLeadEvents } from '../../db/schema.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, validationError } from '../../platform/errors.ts';
import { settingsRepository } from '../../platform/settings.repository.ts';
import { LEAD_ENTITY, type LeadService } from './lead.service.ts';

export const CRITERIA_KEY = 'promotion.criteria';

export function createScreeningService(deps: Deps, leads: LeadService) {
  const { db, audit, clock } = deps;

  const criteria = () => settingsRepository.find<Criterion[]>(db, CRITERIA_KEY, criteriaListSchema, defaultCriteria);

  return {
    criteria,

    async saveCriteria(ctx: RequestContext, p: Principal, list: Criterion[]): Promise<Criterion[]> {
      if (!p.permissions.has('promotion.manage')) throw forbidden('you may not change the admission criteria');
      const issues = list.flatMap((c, i) =>
        (c.rule === 'min' || c.rule === 'max') && c.threshold === undefined
          ? [{ path: `body.${i}.threshold`, message: 'a min or max rule needs its threshold' }]
          : c.rule === 'oneOf' && !c.allowed?.length
            ? [{ path: `body.${i}.allowed`, message: 'a oneOf rule needs the allowed values' }]
            : [],
      );
      if (issues.length) throw validationError(issues);
      const before = await criteria();
      await db.transaction(async (tx) => {
        await settingsRepository.save(tx, CRITERIA_KEY, list);
        await audit.record(tx, ctx, { action: 'promotion.criteria.update', entityType: 'setting', entityId: CRITERIA_KEY, diff: { before, after: list } });
      });
      return list;
    },

    async list(p: Principal, leadId: string): Promise<Assessment[]> {
      await leads.get(p, leadId); // visibility
      const rows = await queryRows<Omit<Assessment, 'assessedAt'> & { assessedAt: Date | string }>(
        db,
        sql`select a.id, a.lead_id as "leadId", a.criteria, a.results, a.computed_pass as "computedPass", a.decision, a.reasons,
          u.display_name as "assessedByName", a.assessed_at as "assessedAt"
          from promotion_assessments a join users u on u.id = a.assessed_by where a.lead_id = ${leadId} order by a.assessed_at`,
      );
      return rows.map((r) => ({ ...r, assessedAt: new Date(r.assessedAt).toISOString() }));
    },

    /** Records an assessment: the figures must give every criterion a value; the decision is a superior's. */
    async assess(ctx: RequestContext, p: Principal, leadId: string, input: z.output<typeof leadAssessmentInputSchema>): Promise<string> {
      const lead = await leads.get(p, leadId);
      if (!lead.can.approve) throw forbidden('the decision on a lead is its owner’s superior’s (promotion.approve)');
      if (lead.outcome !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the lead is closed');
      const figures = {
        plannedInvestment: input.plannedInvestment !== undefined ? input.plannedInvestment : lead.plannedInvestment,
        landMu: input.landMu !== undefined ? input.landMu : lead.landMu,
        expectedTax: input.expectedTax !== undefined ? input.expectedTax : lead.expectedTax,
        energyUse: input.energyUse !== undefined ? input.energyUse : lead.energyUse,
        expectedOutput: input.expectedOutput !== undefined ? input.expectedOutput : lead.expectedOutput,
        environmentalCategory: input.environmentalCategory !== undefined ? input.environmentalCategory : lead.environmentalCategory,
        chainFit: input.chainFit !== undefined ? input.chainFit : lead.chainFit,
      };
      const list = await criteria();
      const result = screen(figures, list);
      if (!result.complete) {
        const missing = [...new Set(result.results.flatMap((r) => r.missing))];
        throw validationError(missing.map((m) => ({ path: `body.${m}`, message: 'needed to assess the lead against the criteria' })));
      }
      const now = clock.now();
      return db.transaction(async (tx) => {
        await tx.execute(sql`update promotion_leads set planned_investment = ${figures.plannedInvestment}, land_mu = ${figures.landMu},
          expected_tax = ${figures.expectedTax}, energy_use = ${figures.energyUse}, expected_output = ${figures.expectedOutput},
          environmental_category = ${figures.environmentalCategory}, chain_fit = ${figures.chainFit},
          ${input.decision === 'reject' ? sql`outcome = 'rejected', clock_state = 'done',` : sql``} updated_at = ${now} where id = ${leadId}`);
        const [row] = await tx
          .insert(promotionAssessments)
          .values({
            leadId,
            criteria: list,
            results: result.results,
            computedPass: result.pass,
            decision: input.decision,
            reasons: input.reasons,
            assessedBy: p.userId,
            assessedAt: now,
            approvedBy: p.userId,
            approvedAt: now,
          })
          .returning({ id: promotionAssessments.id });
        await tx
          .insert(promotionLeadEvents)
          .values({ leadId, kind: 'assessment', fromValue: null, toValue: input.decision, reason: input.reasons, at: now, byUserId: p.userId });
        if (input.decision === 'reject') {
          await tx
            .insert(promotionLeadEvents)
            .values({ leadId, kind: 'outcome', fromValue: 'active', toValue: 'rejected', reason: input.reasons, at: now, byUserId: p.userId });
        }
        await audit.record(tx, ctx, {
          action: 'promotion.lead.assess',
          entityType: LEAD_ENTITY,
          entityId: leadId,
          diff: { decision: input.decision, computedPass: result.pass, reasons: input.reasons, figures },
        });
        return row!.id;
      });
    },
  };
}

export type ScreeningService = ReturnType<typeof createScreeningService>;
