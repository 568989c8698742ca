// Dictionaries, calendar, audit trail, notifications, workbench, geography.
import { z } from 'zod';
import { idSchema, isoDate, listQuery, pageOf, patchOf, plainText, requiredText } from './common.ts';

export const dictTypeSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() });
export const dictItemSchema = z.object({
  id: idSchema,
  typeCode: z.string(),
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  parentCode: z.string().nullable(),
  sort: z.number().int(),
  enabled: z.boolean(),
});
export const dictItemCreateSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
    label: requiredText(100),
    labelEn: plainText(200).nullable().optional(),
    parentCode: z.string().max(40).nullable().optional(),
    sort: z.number().int().min(0).max(100000).default(0),
    enabled: z.boolean().default(true),
  })
  .strict();
export const dictItemUpdateSchema = patchOf(dictItemCreateSchema.omit({ code: true })).strict();

export const calendarDayKinds = ['holiday', 'workday'] as const;
export const calendarDaySchema = z.object({
  date: isoDate,
  kind: z.enum(calendarDayKinds),
  name: z.string(),
  provisional: z.boolean(),
});
export const calendarDayUpsertSchema = z.object({ kind: z.enum(calendarDayKinds), name: requiredText(40), provisional: z.boolean().default(false) }).strict();
export const workingDaysQuery = z.object({ from: isoDate, days: z.coerce.number().int().min(0).max(3650) }).strict();

export const auditResults = ['success', 'failure'] as const;
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: idSchema.nullable(),
  username: z.string().nullable(),
  unitId: idSchema.nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  diff: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  result: z.enum(auditResults),
  resultCode: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export const auditListQuery = listQuery(['at', 'seq'], {
  userId: idSchema.optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  result: z.enum(auditResults).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export const auditPage = pageOf(auditEntrySchema);
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.enum(['altered', 'unlinked']).nullable(),
});

export const notificationSchema = z.object({
  id: idSchema,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  kind: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationListQuery = listQuery(['createdAt'], { unread: z.enum(['true', 'false']).optional() });
export const notificationPage = pageOf(notificationSchema).extend({ unread: z.number().int() });

export const channelKinds = ['wecom', 'dingtalk', 'email'] as const;
export const channelSchema = z.object({
  id: idSchema,
  kind: z.enum(channelKinds),
  name: z.string(),
  target: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
const channelFields = {
  kind: z.enum(channelKinds),
  name: requiredText(100),
  target: z.string().trim().min(3).max(500),
  secret: z.string().max(200).nullable().optional(),
  enabled: z.boolean().default(true),
};

/** Robots need an http(s) webhook URL, mail an address: checked against the kind. */
export function channelTargetProblem(kind: string, target: string): string | null {
  if (kind === 'email') return z.email().safeParse(target).success ? null : 'not an email address';
  return /^https?:\/\/[^\s/]+\/\S*$/.test(target) ? null : 'not an http(s) webhook URL';
}

export const channelCreateSchema = z
  .object(channelFields)
  .strict()
  .superRefine((v, ctx) => {
    const problem = channelTargetProblem(v.kind, v.target);
    if (problem) ctx.addIssue({ code: 'custom', path: ['target'], message: problem });
  });
export const channelUpdateSchema = patchOf(z.object(channelFields).omit({ kind: true })).strict();
export const deliverySchema = z.object({
  id: idSchema,
  channelId: idSchema,
  channelName: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  title: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export const deliveryListQuery = listQuery(['createdAt'], { status: z.enum(['pending', 'sent', 'failed']).optional() });

export const workbenchItemSchema = z.object({
  module: z.string(),
  id: z.string(),
  title: z.string(),
  dueDate: isoDate.nullable(),
  link: z.string(),
  overdue: z.boolean(),
});
export const workbenchSchema = z.object({
  todos: z.array(workbenchItemSchema),
  overdue: z.array(workbenchItemSchema),
  unreadNotifications: z.number().int(),
  recentNotifications: z.array(notificationSchema),
  counts: z.object({ units: z.number().int(), users: z.number().int(), enterprises: z.number().int() }),
});

export const geoFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.record(z.string(), z.unknown()),
  geometry: z.unknown(),
});
export const geoLayersSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(geoFeatureSchema),
  /** An optional raster tile URL ({z}/{x}/{y}, e.g. 天地图 with its key) drawn under the bundled layer; null = none. */
  tileUrl: z.string().nullable(),
});
