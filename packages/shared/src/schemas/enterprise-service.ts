// The API contract of enterprise service (企业服务 · 千名干部挂千企, DOMAIN §9): cadre ↔ enterprise pairings with the
// visit logs, the routing table and reply templates, requests (诉求) with their handling rounds, refusals and
// ratings, the enterprise portal, and the service metrics. See ../enterprise-service.ts for the rules.
import { z } from 'zod';
import { requestCategories, requestKinds, requestRatings } from '../enterprise-service.ts';
import { idSchema, isoDate, listQuery, pageOf, phoneSchema, plainText, requiredText } from './common.ts';

const optionalText = (max: number) => plainText(max).nullish();

// ---- pairing (挂企) ----------------------------------------------------------------------------------------------

/** 包联责任人 (the cadre answerable for the enterprise) or 联络员 (a liaison helping). */
export const pairingRoles = ['primary', 'liaison'] as const;
const pairingFields = {
  cadreUserId: idSchema,
  enterpriseId: idSchema,
  role: z.enum(pairingRoles).default('primary'),
  startsOn: isoDate,
  endsOn: isoDate.nullish(),
};
export const pairingCreateSchema = z
  .object(pairingFields)
  .strict()
  .refine((v) => !v.endsOn || v.startsOn <= v.endsOn, { path: ['endsOn'], message: 'the pairing ends before it starts' });
export const pairingUpdateSchema = z
  .object({ role: z.enum(pairingRoles), startsOn: isoDate, endsOn: isoDate.nullable() })
  .partial()
  .strict();
export const pairingSchema = z.object({
  id: idSchema,
  cadreUserId: idSchema,
  cadreName: z.string(),
  cadreUnitName: z.string(),
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  role: z.enum(pairingRoles),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  /** In force today. */
  active: z.boolean(),
  /** Visits logged by this cadre at this enterprise, and the last one. */
  visits: z.number().int(),
  lastVisitOn: z.string().nullable(),
});
export type Pairing = z.infer<typeof pairingSchema>;
export const pairingListQuery = listQuery(['enterpriseName', 'cadreName', 'startsOn', 'lastVisitOn'], {
  cadreUserId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  unitId: idSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  /** Paired cadres whose last visit is older than this many days (or never). */
  notVisitedDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export const pairingPage = pageOf(pairingSchema);

/** The bulk assignment: one row per pairing, from the spreadsheet 干部账号 · 企业信用代码或名称 · 角色 · 开始 · 结束. */
export const pairingImportRowSchema = z.object({
  row: z.number().int(),
  username: z.string(),
  enterprise: z.string(),
  role: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});
export const pairingImportPreviewSchema = z.object({
  rows: z.array(pairingImportRowSchema),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Pairings that already exist (same cadre, enterprise and start) and would be left alone. */
  unchanged: z.number().int(),
});
export const pairingImportResultSchema = z.object({ created: z.number().int(), unchanged: z.number().int() });

// ---- visits (走访) ------------------------------------------------------------------------------------------------

const visitFields = {
  enterpriseId: idSchema,
  visitedOn: isoDate,
  /** Who took part, both sides, as free text. */
  people: requiredText(500),
  topics: requiredText(2000),
  notes: optionalText(4000),
};
export const visitCreateSchema = z
  .object({
    ...visitFields,
    /** Requests raised during the visit, filed on the enterprise's behalf. */
    requests: z
      .array(
        z
          .object({
            category: z.enum(requestCategories),
            kind: z.enum(requestKinds),
            title: requiredText(200),
            content: requiredText(4000),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();
export const visitSchema = z.object({
  id: idSchema,
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  cadreUserId: idSchema,
  cadreName: z.string(),
  visitedOn: z.string(),
  people: z.string(),
  topics: z.string(),
  notes: z.string().nullable(),
  /** Photos are attachments of the entity 'serviceVisit'. */
  photoCount: z.number().int(),
  requests: z.array(z.object({ id: idSchema, code: z.string(), title: z.string(), status: z.string() })),
});
export const visitListQuery = listQuery(['visitedOn'], {
  enterpriseId: idSchema.optional(),
  cadreUserId: idSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const visitPage = pageOf(visitSchema);

// ---- routing table and reply templates ------------------------------------------------------------------------

export const routeSchema = z.object({
  category: z.enum(requestCategories),
  unitId: idSchema,
  unitName: z.string(),
  /** The unit was deleted since: requests of this category wait for a manual dispatch. */
  unitGone: z.boolean(),
});
export const routesSaveSchema = z
  .object({
    routes: z
      .array(z.object({ category: z.enum(requestCategories), unitId: idSchema }).strict())
      .min(1)
      .max(requestCategories.length),
  })
  .strict();
export const routesSchema = z.object({ routes: z.array(routeSchema) });

export const replyTemplateInputSchema = z
  .object({ category: z.enum(requestCategories), title: requiredText(100), body: requiredText(4000), active: z.boolean().default(true) })
  .strict();
export const replyTemplateSchema = z.object({
  id: idSchema,
  category: z.enum(requestCategories),
  title: z.string(),
  body: z.string(),
  active: z.boolean(),
});

// ---- requests (诉求) ---------------------------------------------------------------------------------------------

/**
 * registered: filed, no unit yet (its route's unit is gone) → dispatched: with a unit, awaiting its response →
 * accepted: the unit responded → answered: handled (办结), awaiting the enterprise's rating → closed (rated
 * satisfied or basically satisfied). Dissatisfaction reopens it: status reopened, a new handling round with new
 * deadlines for the same unit. Follow-up (回访) is recorded on a closed request.
 */
export const requestStatuses = ['registered', 'dispatched', 'accepted', 'answered', 'reopened', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestCreateSchema = z
  .object({
    /** Required for a cadre filing on an enterprise's behalf; an enterprise user files for its own enterprise. */
    enterpriseId: idSchema.nullish(),
    category: z.enum(requestCategories),
    kind: z.enum(requestKinds),
    title: requiredText(200),
    content: requiredText(4000),
    contactName: optionalText(50),
    contactPhone: phoneSchema.nullish(),
  })
  .strict();

export const requestDispatchSchema = z.object({ unitId: idSchema, note: optionalText(500) }).strict();
export const requestAcceptSchema = z.object({ note: optionalText(500) }).strict();
export const requestRefuseSchema = z.object({ reason: requiredText(500), redirectToUnitId: idSchema }).strict();
export const requestAnswerSchema = z
  .object({
    answer: requiredText(4000),
    /** 解决: the problem itself was solved; false when it was only answered or explained (办结 but not 解决). */
    resolved: z.boolean(),
    templateId: idSchema.nullish(),
  })
  .strict();
export const requestRateSchema = z.object({ rating: z.enum(requestRatings), comment: optionalText(1000) }).strict();
export const requestFollowUpSchema = z.object({ note: requiredText(1000) }).strict();

export const requestSchema = z.object({
  id: idSchema,
  /** The ledger item the request is (ENT-REQUESTS-0001): its timeline, light and reminders. */
  itemId: idSchema,
  code: z.string(),
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  category: z.enum(requestCategories),
  kind: z.enum(requestKinds),
  title: z.string(),
  status: z.enum(requestStatuses),
  round: z.number().int(),
  unitId: idSchema.nullable(),
  unitName: z.string().nullable(),
  filedAt: z.iso.datetime(),
  filedVia: z.enum(['portal', 'cadre', 'visit']),
  filedByName: z.string().nullable(),
  responseDueAt: z.iso.datetime(),
  respondedAt: z.iso.datetime().nullable(),
  completionDueOn: z.string(),
  completedOn: z.string().nullable(),
  resolved: z.boolean().nullable(),
  rating: z.enum(requestRatings).nullable(),
  /** The current round's response or completion is late (or was answered late). */
  late: z.boolean(),
  closedAt: z.iso.datetime().nullable(),
  followedUpAt: z.iso.datetime().nullable(),
});
export type ServiceRequest = z.infer<typeof requestSchema>;

export const requestRoundSchema = z.object({
  round: z.number().int(),
  unitId: idSchema,
  unitName: z.string(),
  startedAt: z.iso.datetime(),
  responseDueAt: z.iso.datetime(),
  respondedAt: z.iso.datetime().nullable(),
  completionDueOn: z.string(),
  completedOn: z.string().nullable(),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  resolved: z.boolean().nullable(),
  rating: z.enum(requestRatings).nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.iso.datetime().nullable(),
});
export const requestRefusalSchema = z.object({
  round: z.number().int(),
  unitId: idSchema,
  unitName: z.string(),
  reason: z.string(),
  redirectedToUnitId: idSchema,
  redirectedToUnitName: z.string(),
  at: z.iso.datetime(),
  byName: z.string().nullable(),
});
export const requestDetailSchema = requestSchema.extend({
  content: z.string(),
  /** Masked (name and phone) for users without the field permissions who are not of the enterprise or its unit. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  followUpNote: z.string().nullable(),
  rounds: z.array(requestRoundSchema),
  refusals: z.array(requestRefusalSchema),
  /** The enterprise's paired cadres in force. */
  cadres: z.array(z.object({ userId: idSchema, displayName: z.string(), role: z.enum(pairingRoles) })),
  can: z.object({
    dispatch: z.boolean(),
    accept: z.boolean(),
    refuse: z.boolean(),
    answer: z.boolean(),
    rate: z.boolean(),
    followUp: z.boolean(),
  }),
});
export type ServiceRequestDetail = z.infer<typeof requestDetailSchema>;

export const requestListQuery = listQuery(['filedAt', 'completionDueOn', 'status'], {
  status: z.enum(requestStatuses).optional(),
  open: z.enum(['true', 'false']).optional(),
  category: z.enum(requestCategories).optional(),
  kind: z.enum(requestKinds).optional(),
  unitId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  late: z.enum(['true', 'false']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const requestPage = pageOf(requestSchema);

// ---- metrics ---------------------------------------------------------------------------------------------------

export const rateSchema = z.object({ count: z.number().int(), of: z.number().int(), rate: z.number().nullable() });
/** Handling rounds started in [from, to] (Asia/Shanghai days), per unit that handled them. */
export const metricsQuery = z
  .object({ from: isoDate, to: isoDate, unitId: idSchema.optional() })
  .strict()
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'the end is before the start' });
export const metricsRowSchema = z.object({
  unitId: idSchema.nullable(),
  unitName: z.string(),
  rounds: z.number().int(),
  /** Requests whose first round started in the period with this unit (a reopened request counts once, as filed). */
  requests: z.number().int(),
  onTimeResponse: rateSchema,
  onTimeCompletion: rateSchema,
  satisfaction: rateSchema,
  resolved: rateSchema,
  refusals: z.number().int(),
});
export const metricsSchema = z.object({ from: z.string(), to: z.string(), rows: z.array(metricsRowSchema), total: metricsRowSchema });

// ---- the enterprise portal ---------------------------------------------------------------------------------------

/** What an enterprise user sees on its portal's home. */
export const portalHomeSchema = z.object({
  enterprise: z.object({ id: idSchema, name: z.string() }),
  cadres: z.array(z.object({ userId: idSchema, displayName: z.string(), unitName: z.string(), phone: z.string().nullable(), role: z.enum(pairingRoles) })),
  open: z.number().int(),
  awaitingRating: z.number().int(),
  closed: z.number().int(),
  /** The enterprise's key projects (report their figures in the projects module). */
  projects: z.array(z.object({ id: idSchema, name: z.string(), light: z.string() })),
});

// ---- deadline rules ----------------------------------------------------------------------------------------------

const deadlineRuleSchema = z
  .object({
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('sameDay') }).strict(),
      z.object({ kind: z.literal('hours'), hours: z.number().int().min(1).max(72) }).strict(),
      z.object({ kind: z.literal('workingDays'), days: z.number().int().min(1).max(10) }).strict(),
    ]),
    completionWorkingDays: z.number().int().min(1).max(60),
  })
  .strict();
/** The promised deadlines per kind (defaults: consultation the same day, urgent 2 hours, ordinary 5 working days). */
export const deadlineRulesSchema = z.object({ consultation: deadlineRuleSchema, urgent: deadlineRuleSchema, ordinary: deadlineRuleSchema }).strict();
