// Who sees which project: the data scope over the responsible (lead) unit, widened by assignment — a linked leader
// sees linked projects, a responsible unit at city or district level (or a unit of the caller's scope) its projects.
// An enterprise's users see only their enterprise's projects.
import { sql, type SQL } from 'drizzle-orm';
import { registerVisibility, visibleCondition } from '../../platform/access/scope.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { projects } from '../../db/schema.ts';

export const PROJECT_ENTITY = 'project';

export function projectVisibility(): () => void {
  return registerVisibility(PROJECT_ENTITY, (p) => {
    // An enterprise's users see their own enterprise's projects (and those they are linked to), nothing by unit.
    if (p.enterpriseId)
      return sql`(projects.owner_enterprise_id = ${p.enterpriseId} or projects.id in (select project_id from project_leaders where user_id = ${p.userId}))`;
    const unitsSeen = [
      sql`pu.unit_id = ${p.unitId}`,
      ...p.scope.unitIds.map((id) => sql`pu.unit_id = ${id}`),
      ...p.scope.unitTreePaths.map((path) => sql`u.path like ${path + '%'}`),
    ];
    const parts = [
      sql`projects.id in (select project_id from project_leaders where user_id = ${p.userId})`,
      sql`projects.id in (select pu.project_id from project_units pu join units u on u.id = pu.unit_id where ${sql.join(unitsSeen, sql` or `)})`,
    ];
    return sql`(${sql.join(parts, sql` or `)})`;
  });
}

/** The condition on the `projects` table (unaliased) limiting rows to what the principal sees; undefined = all. */
export function projectVisible(p: Principal): SQL | undefined {
  return visibleCondition(PROJECT_ENTITY, p, { unitId: projects.leadUnitId, createdBy: projects.createdBy });
}
