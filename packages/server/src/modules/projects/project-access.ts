// Who sees which project: the data scope over the responsible (lead) unit, widened by assignment — a linked leader
// sees linked projects, a responsible unit at city or district level its projects, an owner enterprise its own.
import { sql, type SQL } from 'drizzle-orm';
import { registerVisibility, visibleCondition } from '../../platform/access/scope.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { projects } from '../../db/schema.ts';

export const PROJECT_ENTITY = 'project';

export function projectVisibility(): () => void {
  return registerVisibility(PROJECT_ENTITY, (p) => {
    const parts = [
      sql`projects.id in (select project_id from project_leaders where user_id = ${p.userId})`,
      sql`projects.id in (select pu.project_id from project_units pu join units u on u.id = pu.unit_id where u.path like ${p.unitPath + '%'})`,
      ...(p.enterpriseId ? [sql`projects.owner_enterprise_id = ${p.enterpriseId}`] : []),
    ];
    return sql`(${sql.join(parts, sql` or `)})`;
  });
}

/** The condition on the `projects` table (unaliased) limiting rows to what the principal sees; undefined = all. */
export function projectVisible(p: Principal): SQL | undefined {
  return visibleCondition(PROJECT_ENTITY, p, { unitId: projects.leadUnitId, createdBy: projects.createdBy });
}
