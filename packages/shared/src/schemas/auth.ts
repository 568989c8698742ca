// Sign-in, session and account security.
import { z } from 'zod';
import { idSchema } from './common.ts';
import { passwordPolicySchema } from '../password-policy.ts';

export const loginSchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();

/** What the session may do: 'full', or only the step that must come first. */
export const sessionStates = ['full', 'passwordChange', 'totpEnrolment'] as const;
export type SessionState = (typeof sessionStates)[number];

export const meSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  unitId: idSchema,
  unitName: z.string(),
  enterpriseId: idSchema.nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  menus: z.array(z.string()),
  sessionState: z.enum(sessionStates),
  totpEnabled: z.boolean(),
  passwordExpiresAt: z.string().nullable(),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
});
export type Me = z.infer<typeof meSchema>;

export const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }).strict();

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const totpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();

export const loginLogEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  username: z.string(),
  userId: idSchema.nullable(),
  success: z.boolean(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  userId: idSchema,
  username: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const apiTokenCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    userId: idSchema,
    scopes: z.array(z.string()).min(1).max(50),
    expiresAt: z.iso.datetime().nullable().optional(),
  })
  .strict();
export const apiTokenCreatedSchema = z.object({ token: apiTokenSchema, secret: z.string() });

export const securitySettingsSchema = passwordPolicySchema;
