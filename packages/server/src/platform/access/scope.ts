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
let providersVersion = 0;
/** Changes whenever a visibility rule is added or removed (cached answers keyed by it stay right). */
export const visibilityVersion = () => providersVersion;

export function registerVisibility(entityType: string, provider: VisibilityProvider): () => void {
  providers.set(entityType, [...(providers.get(entityType) ?? []), provider]);
  providersVersion++;
  return () => {
    providers.set(
      entityType,
      (providers.get(entityType) ?? []).filter((x) => x !== provider),
    );
    providersVersion++;
  };
}

type Bind = (name: string, value: unknown) => SQL | ReturnType<typeof sql.placeholder>;

// The data-scope part of the condition; `bind` inlines values as parameters or leaves named placeholders.
function scopeParts(p: Principal, cols: ScopedColumns, bind: Bind): SQL[] {
  const parts: SQL[] = [];
  if (p.scope.unitIds.length) parts.push(sql`${cols.unitId} = any(${bind('scopeUnitIds', p.scope.unitIds)}::uuid[])`);
  p.scope.unitTreePaths.forEach((path, i) => {
    parts.push(sql`${cols.unitId} in (select id from units where path like ${bind(`scopePath${i}`, path + '%')})`);
  });
  if (p.scope.self) {
    if (cols.createdBy) parts.push(sql`${cols.createdBy} = ${bind('scopeSelf', p.userId)}`);
    if (cols.selfId) parts.push(sql`${cols.selfId} = ${bind('scopeSelf', p.userId)}`);
  }
  return parts;
}

const orOf = (parts: SQL[]): SQL => (parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);

/** The WHERE condition limiting an entity's rows to what the principal may see; undefined = everything. */
export function visibleCondition(entityType: string, p: Principal, cols: ScopedColumns): SQL | undefined {
  if (p.scope.all) return undefined;
  const parts = scopeParts(p, cols, (_name, value) => sql`${sql.param(value)}`);
  for (const provider of providers.get(entityType) ?? []) {
    const c = provider(p);
    if (c) parts.push(c);
  }
  return orOf(parts);
}

/**
 * The same condition as a template for statements prepared once per shape: named placeholders and their values,
 * and a key naming the shape. Null when visibility providers are registered for the entity (their SQL carries its
 * own values): use visibleCondition then.
 */
export interface ScopeTemplate {
  key: string;
  condition: SQL | undefined;
  values: Record<string, unknown>;
}

export function scopeTemplate(entityType: string, p: Principal, cols: ScopedColumns): ScopeTemplate | null {
  if (providers.get(entityType)?.length) return null;
  if (p.scope.all) return { key: 'all', condition: undefined, values: {} };
  const values: Record<string, unknown> = {};
  const parts = scopeParts(p, cols, (name, value) => {
    values[name] = value;
    return sql.placeholder(name);
  });
  return { key: Object.keys(values).join(',') + (parts.length ? '' : 'none'), condition: orOf(parts), values };
}

/** Whether a unit id falls inside the principal's unit scope (for checks on writes). */
export function unitInScope(p: Principal, unitId: string, unitPath: string): boolean {
  if (p.scope.all) return true;
  if (p.scope.unitIds.includes(unitId)) return true;
  return p.scope.unitTreePaths.some((prefix) => unitPath.startsWith(prefix));
}
