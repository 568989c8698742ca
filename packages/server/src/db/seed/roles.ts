// Built-in roles. The three administrators are separate roles whose permissions never overlap in class
// (see adminClass in the permission catalogue); the others are the business roles of DOMAIN §1.
import type { DataScope, Permission } from '@zoneops/shared';

export interface BuiltinRole {
  code: string;
  name: string;
  nameEn: string;
  dataScope: DataScope;
  permissions: Permission[];
}

export const builtinRoles: BuiltinRole[] = [
  {
    code: 'systemAdmin',
    name: '系统管理员',
    nameEn: 'System administrator',
    dataScope: 'all',
    permissions: [
      'workbench.view',
      'units.read',
      'units.write',
      'users.read',
      'users.write',
      'users.resetPassword',
      'enterprises.read',
      'enterprises.write',
      'dictionaries.write',
      'calendar.write',
      'notifications.channels',
      'field.phone',
    ],
  },
  {
    code: 'securityAdmin',
    name: '安全保密员',
    nameEn: 'Security administrator',
    dataScope: 'all',
    permissions: [
      'workbench.view',
      'units.read',
      'users.read',
      'roles.read',
      'roles.write',
      'roles.assign',
      'users.unlock',
      'security.policy',
      'apiTokens.manage',
    ],
  },
  { code: 'auditor', name: '安全审计员', nameEn: 'Security auditor', dataScope: 'self', permissions: ['workbench.view', 'audit.read', 'loginLog.read'] },
  {
    code: 'leader',
    name: '园区领导',
    nameEn: 'Zone leader',
    dataScope: 'all',
    permissions: [
      'projects.read',
      'ledger.read',
      'ledger.supervise',
      'workbench.view',
      'units.read',
      'users.read',
      'enterprises.read',
      'field.phone',
      'field.uscc',
      'field.personName',
    ],
  },
  {
    code: 'deptAdmin',
    name: '部门负责人',
    nameEn: 'Department head',
    dataScope: 'unitTree',
    permissions: [
      'projects.read',
      'projects.write',
      'projects.approve',
      'ledger.read',
      'ledger.handle',
      'ledger.assign',
      'workbench.view',
      'units.read',
      'users.read',
      'users.write',
      'users.resetPassword',
      'enterprises.read',
      'field.phone',
    ],
  },
  {
    code: 'staff',
    name: '工作人员',
    nameEn: 'Staff',
    dataScope: 'unit',
    permissions: ['projects.read', 'projects.report', 'ledger.read', 'ledger.handle', 'workbench.view', 'units.read', 'users.read', 'enterprises.read'],
  },
  {
    code: 'streetStaff',
    name: '街道/镇工作人员',
    nameEn: 'Street or town staff',
    dataScope: 'unitTree',
    permissions: [
      'projects.read',
      'projects.report',
      'ledger.read',
      'ledger.handle',
      'workbench.view',
      'units.read',
      'users.read',
      'enterprises.read',
      'enterprises.write',
    ],
  },
  {
    code: 'cityLeader',
    name: '市挂钩领导',
    nameEn: 'Linked city leader',
    dataScope: 'self',
    permissions: ['projects.read', 'ledger.read', 'workbench.view', 'enterprises.read', 'field.phone', 'field.personName'],
  },
  {
    code: 'supervisor',
    name: '督查专员',
    nameEn: 'Supervisor',
    dataScope: 'all',
    permissions: [
      'projects.read',
      'workbench.view',
      'units.read',
      'users.read',
      'enterprises.read',
      'ledger.read',
      'ledger.assign',
      'ledger.supervise',
      'meetings.manage',
      'field.phone',
    ],
  },
  {
    code: 'liaisonCadre',
    name: '挂企干部',
    nameEn: 'Liaison cadre',
    dataScope: 'self',
    permissions: ['ledger.read', 'ledger.handle', 'workbench.view', 'enterprises.read', 'field.phone', 'field.personName'],
  },
  {
    code: 'enterpriseUser',
    name: '企业用户',
    nameEn: 'Enterprise user',
    dataScope: 'self',
    permissions: ['projects.read', 'projects.report', 'ledger.read', 'workbench.view', 'enterprises.read', 'field.phone', 'field.uscc', 'field.personName'],
  },
];
