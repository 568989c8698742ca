// Organisation: units, positions, users, roles, enterprises.
import { z } from 'zod';
import { idSchema, listQuery, pageOf, patchOf, phoneSchema, plainText, requiredText } from './common.ts';
import { dataScopes } from '../permissions.ts';
import { isValidUscc } from '../uscc.ts';

export const unitKinds = ['administration', 'bureau', 'office', 'section', 'street', 'town', 'external'] as const;

export const unitSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(unitKinds),
  code: z.string().nullable(),
  sort: z.number().int(),
  userCount: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitCreateSchema = z
  .object({
    parentId: idSchema.nullable(),
    name: requiredText(100),
    nameEn: plainText(200).nullable().optional(),
    kind: z.enum(unitKinds),
    code: plainText(40).nullable().optional(),
    sort: z.number().int().min(0).max(100000).default(0),
  })
  .strict();
export const unitUpdateSchema = patchOf(unitCreateSchema).strict();

export const userStatuses = ['active', 'disabled'] as const;

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  unitId: idSchema,
  unitName: z.string(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(userStatuses),
  enterpriseId: idSchema.nullable(),
  roles: z.array(z.object({ id: idSchema, code: z.string(), name: z.string() })),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'lowercase letters, digits, . _ -, 3–32 characters, starting with a letter');

export const userCreateSchema = z
  .object({
    username: usernameSchema,
    displayName: requiredText(50),
    unitId: idSchema,
    position: plainText(50).nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    enterpriseId: idSchema.nullable().optional(),
    roleIds: z.array(idSchema).max(20).optional(),
  })
  .strict();
export const userUpdateSchema = patchOf(userCreateSchema.omit({ username: true, roleIds: true }))
  .extend({ status: z.enum(userStatuses).optional() })
  .strict();
export const userRolesSchema = z.object({ roleIds: z.array(idSchema).max(20) }).strict();
export const userCreatedSchema = z.object({ user: userSchema, initialPassword: z.string() });

export const userListQuery = listQuery(['username', 'displayName', 'createdAt', 'lastLoginAt'], {
  unitId: idSchema.optional(),
  includeSubunits: z.enum(['true', 'false']).optional(),
  status: z.enum(userStatuses).optional(),
  roleId: idSchema.optional(),
});
export const userPage = pageOf(userSchema);

export const roleSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
  dataScope: z.enum(dataScopes),
  scopeUnitIds: z.array(idSchema),
  requireTotp: z.boolean(),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof roleSchema>;

export const roleCreateSchema = z
  .object({
    code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{1,39}$/),
    name: requiredText(50),
    nameEn: plainText(100).nullable().optional(),
    permissions: z.array(z.string()).max(200),
    dataScope: z.enum(dataScopes),
    scopeUnitIds: z.array(idSchema).max(500).default([]),
    requireTotp: z.boolean().default(false),
  })
  .strict();
export const roleUpdateSchema = patchOf(roleCreateSchema.omit({ code: true })).strict();

export const enterpriseStatuses = ['operating', 'suspended', 'deregistered', 'movedOut'] as const;
export const enterpriseTags = ['aboveScale', 'highTech', 'specialised', 'littleGiant', 'chainLeader'] as const;

export const usccSchema = z.string().trim().toUpperCase().refine(isValidUscc, { message: 'not a valid unified social credit code (GB 32100 check character)' });

export const enterpriseSchema = z.object({
  id: idSchema,
  name: z.string(),
  uscc: z.string(),
  legalRep: z.string().nullable(),
  address: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  industry: z.string().nullable(),
  tags: z.array(z.string()),
  status: z.enum(enterpriseStatuses),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  streetId: idSchema.nullable(),
  createdAt: z.string(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const enterpriseCreateSchema = z
  .object({
    name: requiredText(200),
    uscc: usccSchema,
    legalRep: plainText(50).nullable().optional(),
    address: plainText(300).nullable().optional(),
    lng: z.number().min(73).max(136).nullable().optional(),
    lat: z.number().min(3).max(54).nullable().optional(),
    industry: plainText(40).nullable().optional(),
    tags: z.array(z.enum(enterpriseTags)).max(10).default([]),
    status: z.enum(enterpriseStatuses).default('operating'),
    contactName: plainText(50).nullable().optional(),
    contactPhone: phoneSchema.nullable().optional(),
    streetId: idSchema.nullable().optional(),
  })
  .strict();
export const enterpriseUpdateSchema = patchOf(enterpriseCreateSchema).strict();
export const enterpriseListQuery = listQuery(['name', 'createdAt', 'status'], {
  status: z.enum(enterpriseStatuses).optional(),
  industry: z.string().max(40).optional(),
  tag: z.enum(enterpriseTags).optional(),
  streetId: idSchema.optional(),
});
export const enterprisePage = pageOf(enterpriseSchema);
