// Who sees which enterprise's safety data: an enterprise's own users see only their enterprise; data scope `all`
// sees the whole park; others see the enterprises of the streets (units) in their data scope. One rule for lists
// (SQL), single records and the live feed (in memory). Data without an enterprise (a park-level closed-park alarm,
// issue 8) is seen only by park-wide principals (scope all, not an enterprise user): in SQL the comparisons and the
// `in (…)` with a null enterprise id are null, so such rows fall out of every condition but `undefined`.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { unitInScope } from '../../platform/access/scope.ts';

/** SQL condition on an enterprise id column; undefined = no restriction. */
export function safetyVisibleCondition(p: Principal, enterpriseId: AnyColumn | SQL): SQL | undefined {
  if (p.enterpriseId) return sql`${enterpriseId} = ${p.enterpriseId}`;
  if (p.scope.all) return undefined;
  const parts: SQL[] = [];
  if (p.scope.unitIds.length) parts.push(sql`u.id = any(${sql.param(p.scope.unitIds)}::uuid[])`);
  for (const path of p.scope.unitTreePaths) parts.push(sql`u.path like ${path + '%'}`);
  if (!parts.length) return sql`false`;
  return sql`${enterpriseId} in (select e.id from enterprises e join units u on u.id = e.street_id where ${sql.join(parts, sql` or `)})`;
}

/** The same rule for one enterprise whose street (id and path) is known; null enterprise: park-wide principals only. */
export function safetyCanSee(p: Principal, enterpriseId: string | null, street: { id: string; path: string } | null): boolean {
  if (p.enterpriseId) return enterpriseId !== null && p.enterpriseId === enterpriseId;
  if (p.scope.all) return true;
  return enterpriseId !== null && street !== null && unitInScope(p, street.id, street.path);
}
