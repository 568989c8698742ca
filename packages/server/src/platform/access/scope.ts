// Record-level access: the data scope as a SQL condition, widened by visibility-by-assignment providers
// that modules register (a linked leader sees linked items, a cadre the paired enterprises, a co-unit its tasks).
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Principal } from './principal.ts';

export interface ScopedColumns {
  unitId: AnyColumn | SQL;
  createdBy?: AnyColumn | SQL;
  /** The record's own user id, when the record is a user (a user always sees themself under 'self'). */
  selfId?: AnyColumn | SQL;
}

export type VisibilityProvider = (p: Principal) => SQL | undefined;
const providers = new Map<string, VisibilityProvider[]>();

/** Modules call this at registration to widen what a principal sees of an entity type. Returns its removal. */
export function registerVisibility(entityType: string, provider: VisibilityProvider): () => void {
  providers.set(entityType, [...(providers.get(entityType) ?? []), provider]);
  return () =>
    providers.set(
      entityType,
      (providers.get(entityType) ?? []).filter((x) => x !== provider),
    );
}

/** The WHERE condition limiting an entity's rows to what the principal may see; undefined = everything. */
export function visibleCondition(entityType: string, p: Principal, cols: ScopedColumns): SQL | undefined {
  if (p.scope.all) return undefined;
  const parts: SQL[] = [];
  if (p.scope.unitIds.length) parts.push(sql`${cols.unitId} = any(${sql.param(p.scope.unitIds)}::uuid[])`);
  for (const path of p.scope.unitTreePaths) {
    parts.push(sql`${cols.unitId} in (select id from units where path like ${path + '%'})`);
  }
  if (p.scope.self) {
    if (cols.createdBy) parts.push(sql`${cols.createdBy} = ${p.userId}`);
    if (cols.selfId) parts.push(sql`${cols.selfId} = ${p.userId}`);
  }
  for (const provider of providers.get(entityType) ?? []) {
    const c = provider(p);
    if (c) parts.push(c);
  }
  if (!parts.length) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Whether a unit id falls inside the principal's unit scope (for checks on writes). */
export function unitInScope(p: Principal, unitId: string, unitPath: string): boolean {
  if (p.scope.all) return true;
  if (p.scope.unitIds.includes(unitId)) return true;
  return p.scope.unitTreePaths.some((prefix) => unitPath.startsWith(prefix));
}
