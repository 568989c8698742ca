// Who is calling: the user, their permissions merged across roles, and their data scope.
import type { DataScope, SessionState } from '@zoneops/shared';

/** The data scope merged across roles as the widest: any 'all' wins, otherwise the union of the parts. */
export interface ResolvedScope {
  all: boolean;
  unitIds: string[];
  unitTreePaths: string[];
  self: boolean;
}

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  enterpriseId: string | null;
  roles: string[];
  permissions: ReadonlySet<string>;
  scope: ResolvedScope;
  via: 'session' | 'token';
  sessionId: string | null;
  sessionState: SessionState;
  csrfToken: string | null;
  totpEnabled: boolean;
  requireTotp: boolean;
}

export interface RoleGrant {
  code: string;
  permissions: string[];
  scope: DataScope;
  units: string[];
  totp: boolean;
}

export function resolveScope(grants: RoleGrant[], unitId: string, unitPath: string): ResolvedScope {
  const s: ResolvedScope = { all: false, unitIds: [], unitTreePaths: [], self: false };
  for (const g of grants) {
    switch (g.scope) {
      case 'all':
        s.all = true;
        break;
      case 'units':
        s.unitIds.push(...g.units);
        break;
      case 'unit':
        s.unitIds.push(unitId);
        break;
      case 'unitTree':
        s.unitTreePaths.push(unitPath);
        break;
      case 'self':
        s.self = true;
        break;
    }
  }
  s.unitIds = [...new Set(s.unitIds)];
  s.unitTreePaths = [...new Set(s.unitTreePaths)];
  return s;
}

export function mergePermissions(grants: RoleGrant[], limitTo?: readonly string[]): Set<string> {
  const perms = new Set(grants.flatMap((g) => g.permissions));
  if (!limitTo) return perms;
  return new Set([...perms].filter((p) => limitTo.includes(p)));
}
