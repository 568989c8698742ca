// The API contract of the ledger engine: ledgers, items, progress, transitions, extensions, verification.
import { z } from 'zod';
import {
  deadlineClasses,
  ledgerActions,
  ledgerKinds,
  ledgerSources,
  ledgerStatuses,
  lights,
  priorities,
  reportingFrequencies,
  checkpointRequirements,
} from '../ledger.ts';
import { idSchema, isoDate, listQuery, pageOf } from './common.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const isoDateTime = z.iso.datetime({ offset: true });

export const ledgerSchema = z.object({
  id: idSchema,
  kind: z.enum(ledgerKinds),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  sourceDoc: z.string().nullable(),
  supervisorUnitId: idSchema,
  supervisorUnitName: z.string(),
  checkpointTemplateId: idSchema.nullable(),
  signoffLevels: z.number().int(),
  noticeWorkingDays: z.number().int(),
  evidenceRequired: z.boolean(),
  yellowDays: z.number().int(),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  status: z.enum(['active', 'archived']),
  counts: z.object({ total: z.number().int(), open: z.number().int(), red: z.number().int(), yellow: z.number().int(), closed: z.number().int() }),
});
export type Ledger = z.infer<typeof ledgerSchema>;

export const ledgerCreateSchema = z
  .object({
    kind: z.enum(ledgerKinds),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{2,32}$/, 'letters, digits and "-", 2–32 characters'),
    name: text(200),
    description: optionalText(4000),
    sourceDoc: optionalText(500),
    supervisorUnitId: idSchema,
    checkpointTemplateId: idSchema.nullish(),
    signoffLevels: z.number().int().min(1).max(5).default(1),
    noticeWorkingDays: z.number().int().min(0).max(30).default(5),
    evidenceRequired: z.boolean().optional(),
    yellowDays: z.number().int().min(0).max(30).default(3),
    startsOn: isoDate.nullish(),
    endsOn: isoDate.nullish(),
  })
  .strict()
  .refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, { path: ['endsOn'], message: 'the end is before the start' });

export const ledgerUpdateSchema = z
  .object({
    name: text(200),
    description: optionalText(4000),
    sourceDoc: optionalText(500),
    signoffLevels: z.number().int().min(1).max(5),
    noticeWorkingDays: z.number().int().min(0).max(30),
    evidenceRequired: z.boolean(),
    yellowDays: z.number().int().min(0).max(30),
    endsOn: isoDate.nullable(),
    status: z.enum(['active', 'archived']),
  })
  .partial()
  .strict();

export const lightReasonSchema = z.looseObject({ code: z.string() });

const named = z.object({ id: idSchema, name: z.string() });

export const ledgerItemSchema = z.object({
  id: idSchema,
  ledgerId: idSchema,
  ledgerName: z.string(),
  ledgerKind: z.enum(ledgerKinds),
  parentId: idSchema.nullable(),
  seq: z.number().int(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  measures: z.string().nullable(),
  source: z.enum(ledgerSources),
  sourceDoc: z.string().nullable(),
  leadUnitId: idSchema,
  leadUnitName: z.string(),
  coUnits: z.array(named),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  leaderId: idSchema.nullable(),
  leaderName: z.string().nullable(),
  enterpriseId: idSchema.nullable(),
  meetingId: idSchema.nullable(),
  projectId: idSchema.nullable(),
  priority: z.enum(priorities),
  focus: z.boolean(),
  frequency: z.enum(reportingFrequencies),
  weight: z.number().nullable(),
  progress: z.number().int(),
  deadline: isoDate,
  deadlineClass: z.enum(deadlineClasses).nullable(),
  longTerm: z.boolean(),
  status: z.enum(ledgerStatuses),
  light: z.enum(lights),
  lightReasons: z.array(lightReasonSchema),
  signoffDone: z.number().int(),
  noticeEndsOn: isoDate.nullable(),
  lastProgressOn: isoDate.nullable(),
  lastProgressText: z.string().nullable(),
  childCount: z.number().int(),
  assignedAt: isoDateTime,
  acceptedAt: isoDateTime.nullable(),
  decomposedAt: isoDateTime.nullable(),
  startedAt: isoDateTime.nullable(),
  reportedAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  version: z.number().int(),
});
export type LedgerItem = z.infer<typeof ledgerItemSchema>;
export const ledgerItemPage = pageOf(ledgerItemSchema);

export const itemCreateSchema = z
  .object({
    ledgerId: idSchema,
    parentId: idSchema.nullish(),
    title: text(300),
    description: optionalText(8000),
    measures: optionalText(8000),
    source: z.enum(ledgerSources),
    sourceDoc: optionalText(500),
    leadUnitId: idSchema,
    coUnitIds: z.array(idSchema).max(30).default([]),
    ownerId: idSchema.nullish(),
    leaderId: idSchema.nullish(),
    enterpriseId: idSchema.nullish(),
    meetingId: idSchema.nullish(),
    priority: z.enum(priorities).default('normal'),
    focus: z.boolean().default(false),
    frequency: z.enum(reportingFrequencies).default('week'),
    weight: z.number().positive().max(1000).nullish(),
    /** A calendar date, or a number of working days from assignment (holiday calendar). Exactly one. */
    deadline: isoDate.optional(),
    deadlineWorkingDays: z.number().int().min(1).max(1000).optional(),
    deadlineClass: z.enum(deadlineClasses).nullish(),
    longTerm: z.boolean().default(false),
    /** Day of assignment; default today. */
    assignedOn: isoDate.optional(),
  })
  .strict()
  .refine((v) => (v.deadline === undefined) !== (v.deadlineWorkingDays === undefined), {
    path: ['deadline'],
    message: 'give either a deadline date or a number of working days',
  })
  .refine((v) => !v.deadline || !v.assignedOn || v.deadline >= v.assignedOn, { path: ['deadline'], message: 'the deadline is before the assignment' });
export type ItemCreate = z.infer<typeof itemCreateSchema>;

export const itemUpdateSchema = z
  .object({
    title: text(300),
    description: optionalText(8000),
    measures: optionalText(8000),
    sourceDoc: optionalText(500),
    coUnitIds: z.array(idSchema).max(30),
    ownerId: idSchema.nullable(),
    leaderId: idSchema.nullable(),
    priority: z.enum(priorities),
    focus: z.boolean(),
    frequency: z.enum(reportingFrequencies),
    weight: z.number().positive().max(1000).nullable(),
    longTerm: z.boolean(),
    version: z.number().int().optional(),
  })
  .partial()
  .strict();

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const itemListQuery = listQuery(['deadline', 'seq', 'createdAt', 'progress', 'light'], {
  ledgerId: idSchema.optional(),
  kind: z.enum(ledgerKinds).optional(),
  parentId: z.union([idSchema, z.literal('root')]).optional(),
  source: csv(ledgerSources).optional(),
  leadUnitId: idSchema.optional(),
  light: csv(lights).optional(),
  status: csv(ledgerStatuses).optional(),
  leaderId: idSchema.optional(),
  ownerId: idSchema.optional(),
  meetingId: idSchema.optional(),
  projectId: idSchema.optional(),
  focus: z.enum(['true', 'false']).optional(),
  open: z.enum(['true', 'false']).optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
});
export type ItemListQuery = z.infer<typeof itemListQuery>;

export const transitionSchema = z
  .object({
    action: z.enum(ledgerActions),
    reason: optionalText(2000),
    /** The version the user saw; a stale one is refused (someone else moved the item). */
    version: z.number().int().optional(),
  })
  .strict();

export const progressCreateSchema = z
  .object({
    kind: z.enum(['progress', 'effect', 'decomposition']).default('progress'),
    text: text(4000),
    percent: z.number().int().min(0).max(100).nullish(),
    reportedOn: isoDate.optional(),
  })
  .strict();

export const progressSchema = z.object({
  id: idSchema,
  kind: z.enum(['progress', 'effect', 'decomposition']),
  text: z.string(),
  percent: z.number().int().nullable(),
  reportedOn: isoDate,
  authorId: idSchema.nullable(),
  authorName: z.string().nullable(),
  createdAt: isoDateTime,
});

export const commentCreateSchema = z.object({ kind: z.enum(['comment', 'instruction']), body: text(4000) }).strict();
export const chaseSchema = z.object({ body: optionalText(2000) }).strict();

export const extensionRequestSchema = z.object({ reason: text(2000), newDeadline: isoDate, progressNote: text(2000) }).strict();
export const extensionDecisionSchema = z
  .object({ decision: z.enum(['approve', 'reject', 'escalate']), note: optionalText(2000), leaderId: idSchema.optional() })
  .strict()
  .refine((v) => v.decision !== 'escalate' || !!v.leaderId, { path: ['leaderId'], message: 'choose the leader to escalate to' });

export const extensionSchema = z.object({
  id: idSchema,
  reason: z.string(),
  newDeadline: isoDate,
  progressNote: z.string(),
  late: z.boolean(),
  status: z.enum(['pending', 'escalated', 'approved', 'rejected']),
  requestedBy: idSchema.nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: isoDateTime,
  escalatedTo: idSchema.nullable(),
  decidedBy: idSchema.nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string().nullable(),
});

export const verificationCreateSchema = z
  .object({ checkedOn: isoDate, place: optionalText(200), findings: text(4000), passed: z.boolean(), attachmentIds: z.array(idSchema).max(20).default([]) })
  .strict();
export const signoffCreateSchema = z.object({ note: optionalText(2000) }).strict();

export const verificationSchema = z.object({
  id: idSchema,
  kind: z.enum(['onSite', 'signoff']),
  level: z.number().int(),
  verifierId: idSchema.nullable(),
  verifierName: z.string().nullable(),
  verifierUnitName: z.string().nullable(),
  at: isoDateTime,
  checkedOn: isoDate.nullable(),
  place: z.string().nullable(),
  findings: z.string(),
  passed: z.boolean(),
});

export const checkpointNodeSchema = z
  .object({
    code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,31}$/),
    name: text(50),
    nameEn: text(80),
    deliverable: text(50),
    deliverableEn: text(80),
    offset: z.number().int().min(0).max(400),
    dayKind: z.enum(['calendar', 'working']),
    requirement: z.enum(checkpointRequirements),
  })
  .strict();
export const checkpointTemplateCreateSchema = z
  .object({
    code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{1,31}$/),
    name: text(100),
    nodes: z.array(checkpointNodeSchema).min(1).max(10),
  })
  .strict()
  .refine((v) => new Set(v.nodes.map((n) => n.code)).size === v.nodes.length, { path: ['nodes'], message: 'node codes must differ' });
export const checkpointTemplateSchema = z.object({ id: idSchema, code: z.string(), name: z.string(), nodes: z.array(checkpointNodeSchema) });

export const checkpointSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  deliverable: z.string(),
  deliverableEn: z.string(),
  requirement: z.enum(checkpointRequirements),
  dueOn: isoDate,
  metAt: isoDateTime.nullable(),
});

export const deadlineChangeSchema = z.object({
  deadline: isoDate,
  previous: isoDate.nullable(),
  reason: z.string().nullable(),
  setBy: idSchema.nullable(),
  setByName: z.string().nullable(),
  setAt: isoDateTime,
});

export const ledgerEventSchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  body: z.string().nullable(),
  data: z.unknown().nullable(),
});

export const itemDetailSchema = z.object({
  item: ledgerItemSchema,
  ledger: ledgerSchema.omit({ counts: true }),
  children: z.array(ledgerItemSchema),
  checkpoints: z.array(checkpointSchema),
  progress: z.array(progressSchema),
  events: z.array(ledgerEventSchema),
  deadlines: z.array(deadlineChangeSchema),
  extensions: z.array(extensionSchema),
  verifications: z.array(verificationSchema),
  myRoles: z.array(z.enum(['supervisor', 'lead', 'co', 'leader'])),
  allowedActions: z.array(z.enum(ledgerActions)),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

export const savedViewSchema = z.object({ id: idSchema, page: z.string(), name: z.string(), query: z.record(z.string(), z.string()) });
export const savedViewCreateSchema = z
  .object({ page: z.string().trim().min(1).max(50), name: text(50), query: z.record(z.string().max(50), z.string().max(500)) })
  .strict();
