// The permission catalogue. Permissions gate menus, actions and API operations; the server checks them.
// adminClass implements the separation of the three administrators (三员分立, DOMAIN §14): a role, and a
// user across their roles, may hold permissions of at most one administrator class.

export type AdminClass = 'system' | 'security' | 'audit';

export interface PermissionDef {
  code: string;
  group: string;
  adminClass?: AdminClass;
}

export const permissionCatalogue = [
  { code: 'workbench.view', group: 'workbench' },
  { code: 'units.read', group: 'organisation' },
  { code: 'units.write', group: 'organisation', adminClass: 'system' },
  { code: 'users.read', group: 'organisation' },
  { code: 'users.write', group: 'organisation' },
  { code: 'users.resetPassword', group: 'organisation' },
  { code: 'enterprises.read', group: 'organisation' },
  { code: 'enterprises.write', group: 'organisation' },
  { code: 'dictionaries.write', group: 'system', adminClass: 'system' },
  { code: 'calendar.write', group: 'system', adminClass: 'system' },
  { code: 'notifications.channels', group: 'system', adminClass: 'system' },
  { code: 'documents.template', group: 'system', adminClass: 'system' },
  { code: 'roles.read', group: 'security', adminClass: 'security' },
  { code: 'roles.write', group: 'security', adminClass: 'security' },
  { code: 'roles.assign', group: 'security', adminClass: 'security' },
  { code: 'users.unlock', group: 'security', adminClass: 'security' },
  { code: 'security.policy', group: 'security', adminClass: 'security' },
  { code: 'apiTokens.manage', group: 'security', adminClass: 'security' },
  { code: 'audit.read', group: 'audit', adminClass: 'audit' },
  { code: 'loginLog.read', group: 'audit', adminClass: 'audit' },
  { code: 'ledger.read', group: 'supervision' },
  { code: 'ledger.handle', group: 'supervision' },
  { code: 'ledger.assign', group: 'supervision' },
  { code: 'ledger.supervise', group: 'supervision' },
  { code: 'meetings.manage', group: 'supervision' },
  { code: 'projects.read', group: 'projects' },
  { code: 'projects.write', group: 'projects' },
  { code: 'projects.report', group: 'projects' },
  { code: 'projects.approve', group: 'projects' },
  { code: 'promotion.read', group: 'promotion' },
  { code: 'promotion.write', group: 'promotion' },
  { code: 'promotion.approve', group: 'promotion' },
  { code: 'promotion.manage', group: 'promotion' },
  { code: 'service.read', group: 'service' },
  { code: 'service.file', group: 'service' },
  { code: 'service.handle', group: 'service' },
  { code: 'service.manage', group: 'service' },
  { code: 'portal.use', group: 'service' },
  { code: 'safety.read', group: 'safety' },
  { code: 'safety.handle', group: 'safety' },
  { code: 'safety.manage', group: 'safety' },
  { code: 'park.read', group: 'park' },
  { code: 'park.manage', group: 'park' },
  { code: 'park.approve', group: 'park' },
  { code: 'park.appointment', group: 'park' },
  { code: 'economy.read', group: 'economy' },
  { code: 'economy.enter', group: 'economy' },
  { code: 'economy.approve', group: 'economy' },
  { code: 'economy.manage', group: 'economy' },
  { code: 'assessment.read', group: 'assessment' },
  { code: 'assessment.score', group: 'assessment' },
  { code: 'assessment.appeal', group: 'assessment' },
  { code: 'assessment.manage', group: 'assessment' },
  { code: 'cockpit.view', group: 'cockpit' },
  { code: 'field.phone', group: 'fields' },
  { code: 'field.uscc', group: 'fields' },
  { code: 'field.personName', group: 'fields' },
] as const satisfies readonly PermissionDef[];

export type Permission = (typeof permissionCatalogue)[number]['code'];

export const allPermissions: readonly Permission[] = permissionCatalogue.map((p) => p.code);

const classOf = new Map<string, AdminClass | undefined>(permissionCatalogue.map((p) => [p.code, (p as PermissionDef).adminClass]));

export function isPermission(code: string): code is Permission {
  return classOf.has(code);
}

/** The administrator classes a set of permissions touches; more than one breaks the separation of duties. */
export function adminClassesOf(perms: Iterable<string>): AdminClass[] {
  const classes = new Set<AdminClass>();
  for (const p of perms) {
    const c = classOf.get(p);
    if (c) classes.add(c);
  }
  return [...classes].sort();
}

/** Side menu: each entry is shown when the user holds its permission. */
export const menuCatalogue = [
  { key: 'workbench', path: '/', permission: 'workbench.view' },
  { key: 'cockpit', path: '/cockpit', permission: 'cockpit.view' },
  { key: 'bigScreen', path: '/screen', permission: 'cockpit.view' },
  { key: 'projects', path: '/projects', permission: 'projects.read' },
  { key: 'battleMap', path: '/projects/map', permission: 'projects.read' },
  { key: 'projectDashboard', path: '/projects/dashboard', permission: 'projects.read' },
  { key: 'promotionLeads', path: '/promotion', permission: 'promotion.read' },
  { key: 'promotionTeams', path: '/promotion/teams', permission: 'promotion.read' },
  { key: 'promotionChains', path: '/promotion/chains', permission: 'promotion.read' },
  { key: 'serviceRequests', path: '/service/requests', permission: 'service.read' },
  { key: 'servicePairings', path: '/service/pairings', permission: 'service.read' },
  { key: 'serviceMetrics', path: '/service/metrics', permission: 'service.read' },
  { key: 'portal', path: '/portal', permission: 'portal.use' },
  { key: 'safetyMap', path: '/safety', permission: 'safety.read' },
  { key: 'safetyAlarms', path: '/safety/alarms', permission: 'safety.read' },
  { key: 'safetyHazards', path: '/safety/hazards', permission: 'safety.read' },
  { key: 'safetyRegistry', path: '/safety/registry', permission: 'safety.read' },
  { key: 'safetyIngest', path: '/safety/ingest', permission: 'safety.manage' },
  { key: 'parkVehicles', path: '/park', permission: 'park.read' },
  { key: 'parkPasses', path: '/park/passes', permission: 'park.read' },
  { key: 'parkAppointments', path: '/park/appointments', permission: 'park.appointment' },
  { key: 'parkRegistry', path: '/park/registry', permission: 'park.read' },
  { key: 'parkGeofences', path: '/park/geofences', permission: 'park.read' },
  { key: 'economy', path: '/economy', permission: 'economy.read' },
  { key: 'economyFigures', path: '/economy/figures', permission: 'economy.read' },
  { key: 'economyBulletin', path: '/economy/bulletin', permission: 'economy.read' },
  { key: 'economySettings', path: '/economy/settings', permission: 'economy.manage' },
  { key: 'assessments', path: '/assessments', permission: 'assessment.read' },
  { key: 'supervision', path: '/supervision', permission: 'ledger.read' },
  { key: 'rectification', path: '/rectification', permission: 'ledger.read' },
  { key: 'meetings', path: '/meetings', permission: 'ledger.read' },
  { key: 'units', path: '/system/units', permission: 'units.read' },
  { key: 'users', path: '/system/users', permission: 'users.read' },
  { key: 'roles', path: '/system/roles', permission: 'roles.read' },
  { key: 'enterprises', path: '/system/enterprises', permission: 'enterprises.read' },
  { key: 'dictionaries', path: '/system/dictionaries', permission: 'dictionaries.write' },
  { key: 'calendar', path: '/system/calendar', permission: 'calendar.write' },
  { key: 'channels', path: '/system/channels', permission: 'notifications.channels' },
  { key: 'documentTemplate', path: '/system/document-template', permission: 'documents.template' },
  { key: 'security', path: '/system/security', permission: 'security.policy' },
  { key: 'apiTokens', path: '/system/api-tokens', permission: 'apiTokens.manage' },
  { key: 'audit', path: '/system/audit', permission: 'audit.read' },
  { key: 'loginLog', path: '/system/login-log', permission: 'loginLog.read' },
] as const satisfies readonly { key: string; path: string; permission: Permission }[];

export type MenuKey = (typeof menuCatalogue)[number]['key'];

export function menusFor(perms: ReadonlySet<string>): MenuKey[] {
  return menuCatalogue.filter((m) => perms.has(m.permission)).map((m) => m.key);
}

export const dataScopes = ['all', 'units', 'unitTree', 'unit', 'self'] as const;
export type DataScope = (typeof dataScopes)[number];
