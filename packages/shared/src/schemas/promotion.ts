// The API contract of investment promotion (招商引资, DOMAIN §5): leads with their stages, transfers, clocks and
// screening; teams, trips and receptions; industry chains. Money is 万元 as exact strings (moneySchema). Contacts are
// masked (names, phones, credit codes) for anyone but the lead's owner and the owner's superiors, on screen and in
// exports. See ../promotion.ts for the rules.
import { z } from 'zod';
import { investorTypes, projectCategories, projectLevels, projectNatures } from '../projects.ts';
import { criterionMeasures, leadOutcomes, leadStages } from '../promotion.ts';
import { idSchema, isoDate, listQuery, pageOf, patchOf, phoneSchema, plainText, requiredText } from './common.ts';
import { usccSchema } from './org.ts';
import { moneySchema } from './projects.ts';

const optionalText = (max: number) => plainText(max).nullish();
const positive = z.number().positive().max(1e9);

export const leadContactSchema = z
  .object({ name: requiredText(50), title: optionalText(50), phone: phoneSchema.nullish(), email: z.email().max(200).nullish() })
  .strict();

/** Figures a screening reads (see ScreeningInput). */
const screeningFields = {
  landMu: positive.nullish(),
  expectedTax: z.number().min(0).max(1e12).nullish(),
  energyUse: z.number().min(0).max(1e12).nullish(),
  expectedOutput: z.number().min(0).max(1e12).nullish(),
  environmentalCategory: z.enum(['report', 'reportForm', 'registration']).nullish(),
  chainFit: z.boolean().nullish(),
};

const leadFields = {
  company: requiredText(200),
  uscc: usccSchema.nullish(),
  parentCompany: optionalText(200),
  /** ISO 3166 alpha-2, or a region such as HK / TW / MO. */
  countryRegion: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country or region code'),
  fortune500: z.boolean().default(false),
  industry: requiredText(40),
  content: optionalText(4000),
  /** Planned investment, 万元; for a foreign-currency investment the server converts currency × rate. */
  plannedInvestment: moneySchema.nullish(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code')
    .nullish(),
  foreignAmount: z
    .string()
    .regex(/^\d+(\.\d{1,6})?$/, 'an amount with at most six decimals')
    .nullish(),
  /** Yuan per unit of the currency, as used for the conversion. */
  fxRate: z
    .string()
    .regex(/^\d+(\.\d{1,6})?$/, 'a rate with at most six decimals')
    .nullish(),
  ...screeningFields,
  source: requiredText(40),
  referrer: optionalText(100),
  referrerPhone: phoneSchema.nullish(),
  contacts: z.array(leadContactSchema).max(10).default([]),
  teamId: idSchema.nullish(),
  chainSegmentId: idSchema.nullish(),
  registeredOn: isoDate,
};

export const leadCreateSchema = z
  .object({ ...leadFields, ownerUserId: idSchema.nullish() })
  .strict()
  .refine((x) => !x.currency || (x.foreignAmount && x.fxRate), {
    path: ['fxRate'],
    message: 'a foreign-currency investment needs its amount and the rate used',
  });
export const leadUpdateSchema = patchOf(z.object(leadFields)).strict();

export const leadStageMoveSchema = z
  .object({
    to: z.enum(leadStages),
    signedOn: isoDate.nullish(),
    signedAmount: moneySchema.nullish(),
    plannedStartOn: isoDate.nullish(),
    startedOn: isoDate.nullish(),
    capitalInPlace: moneySchema.nullish(),
    productionOn: isoDate.nullish(),
    /** Required when moving back. */
    reason: optionalText(500),
  })
  .strict();

export const leadTransferSchema = z.object({ toUserId: idSchema, reason: requiredText(500) }).strict();
export const leadCloseSchema = z.object({ outcome: z.enum(['rejected', 'withdrawn']), reason: requiredText(500) }).strict();
export const leadClockDoneSchema = z.object({ code: requiredText(40), doneOn: isoDate, note: optionalText(500) }).strict();

export const leadAssessmentInputSchema = z
  .object({
    decision: z.enum(['pass', 'reject']),
    reasons: requiredText(2000),
    /** The figures assessed; stored on the lead too. */
    ...screeningFields,
    plannedInvestment: moneySchema.nullish(),
  })
  .strict();

export const criterionSchema = z
  .object({
    measure: z.enum(criterionMeasures),
    rule: z.enum(['min', 'max', 'oneOf', 'required']),
    threshold: z.number().optional(),
    allowed: z.array(z.string().max(40)).max(10).optional(),
  })
  .strict();

/** The zone's admission criteria (挑商选资). */
export const criteriaListSchema = z.array(criterionSchema).min(1).max(20);

export const assessmentSchema = z.object({
  id: idSchema,
  leadId: idSchema,
  criteria: z.array(criterionSchema),
  results: z.array(
    z.object({
      measure: z.string(),
      value: z.union([z.number(), z.string(), z.boolean()]).nullable(),
      pass: z.boolean().nullable(),
      missing: z.array(z.string()),
    }),
  ),
  computedPass: z.boolean(),
  decision: z.enum(['pass', 'reject']),
  reasons: z.string(),
  assessedByName: z.string(),
  assessedAt: z.iso.datetime(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const clockStatusSchema = z.object({
  code: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  state: z.enum(['done', 'open', 'dueToday', 'overdue']),
  lateDays: z.number().int(),
});

export const leadSchema = z.object({
  id: idSchema,
  code: z.string(),
  company: z.string(),
  uscc: z.string().nullable(),
  parentCompany: z.string().nullable(),
  countryRegion: z.string(),
  fortune500: z.boolean(),
  industry: z.string(),
  plannedInvestment: z.string().nullable(),
  currency: z.string().nullable(),
  foreignAmount: z.string().nullable(),
  fxRate: z.string().nullable(),
  landMu: z.number().nullable(),
  source: z.string(),
  referrer: z.string().nullable(),
  stage: z.enum(leadStages),
  outcome: z.enum(leadOutcomes),
  ownerUserId: idSchema,
  ownerName: z.string(),
  teamId: idSchema.nullable(),
  teamName: z.string().nullable(),
  registeredOn: z.string(),
  signedOn: z.string().nullable(),
  signedAmount: z.string().nullable(),
  capitalInPlace: z.string().nullable(),
  /** The worst clock: overdue beats due today beats open. */
  clockState: z.enum(['done', 'open', 'dueToday', 'overdue']),
  /** Another lead with the same company key or credit code (a duplicate warning, not a refusal). */
  duplicateOf: z.array(z.object({ id: idSchema, code: z.string(), company: z.string() })),
  projectId: idSchema.nullable(),
  updatedAt: z.iso.datetime(),
});
export type Lead = z.infer<typeof leadSchema>;

export const leadDetailSchema = leadSchema.extend({
  content: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), title: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })),
  referrerPhone: z.string().nullable(),
  expectedTax: z.number().nullable(),
  energyUse: z.number().nullable(),
  expectedOutput: z.number().nullable(),
  environmentalCategory: z.string().nullable(),
  chainFit: z.boolean().nullable(),
  chainSegmentId: idSchema.nullable(),
  clocks: z.array(clockStatusSchema),
  plannedStartOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  productionOn: z.string().nullable(),
  /** Whether contacts are shown in clear (owner and superiors) or masked. */
  contactsMasked: z.boolean(),
  can: z.object({ edit: z.boolean(), transfer: z.boolean(), assess: z.boolean(), approve: z.boolean() }),
});
export type LeadDetail = z.infer<typeof leadDetailSchema>;

export const leadListQuery = listQuery(['registeredOn', 'company', 'plannedInvestment', 'stage', 'updatedAt'], {
  stage: z.enum(leadStages).optional(),
  outcome: z.enum(leadOutcomes).optional(),
  ownerUserId: idSchema.optional(),
  teamId: idSchema.optional(),
  industry: z.string().max(40).optional(),
  clockState: z.enum(['overdue', 'dueToday']).optional(),
});
export const leadPage = pageOf(leadSchema);

/** A kanban card: what the card shows (a board answers 140 of them; the whole lead is one click away). */
export const leadCardSchema = leadSchema.pick({
  id: true,
  code: true,
  company: true,
  ownerName: true,
  teamName: true,
  plannedInvestment: true,
  stage: true,
  clockState: true,
  updatedAt: true,
});
export type LeadCard = z.infer<typeof leadCardSchema>;

/** Kanban: per stage the count, the planned investment and the first cards. */
export const leadBoardSchema = z.object({
  columns: z.array(z.object({ stage: z.enum(leadStages), count: z.number().int(), plannedInvestment: z.string(), cards: z.array(leadCardSchema) })),
});

// ---- signing into a key project ---------------------------------------------------------------------------------

/** Converts a signed lead into a key project (DOMAIN §4, §5): investor, amounts and the lead's history are carried. */
export const leadToProjectSchema = z
  .object({
    /** Defaults to the lead's company and content. */
    name: optionalText(200),
    level: z.enum(projectLevels),
    category: z.enum(projectCategories),
    nature: z.enum(projectNatures),
    /** Defaults from the lead: foreign when it has a foreign currency, private otherwise. */
    investorType: z.enum(investorTypes).nullish(),
    leadUnitId: idSchema,
    planYear: z.number().int().min(2000).max(2100),
  })
  .strict();

// ---- rejections report ------------------------------------------------------------------------------------------

export const rejectionReportQuery = z.object({ from: isoDate, to: isoDate }).strict();
/** Leads rejected by screening (and closed as rejected) counted by reason: "筛选淘汰项目10余个". */
export const rejectionReportSchema = z.object({
  total: z.number().int(),
  byMeasure: z.array(z.object({ measure: z.string(), count: z.number().int() })),
  byIndustry: z.array(z.object({ industry: z.string(), count: z.number().int() })),
  items: z.array(
    z.object({
      leadId: idSchema,
      code: z.string(),
      company: z.string(),
      industry: z.string(),
      on: z.string(),
      failed: z.array(z.string()),
      reasons: z.string(),
    }),
  ),
});

// ---- teams and the scoreboard -----------------------------------------------------------------------------------

export const teamMemberRoles = ['leader', 'member'] as const;
const teamFields = {
  name: requiredText(100),
  unitId: idSchema.nullish(),
  leaderUserId: idSchema.nullish(),
  members: z
    .array(z.object({ userId: idSchema, role: z.enum(teamMemberRoles).default('member') }).strict())
    .max(100)
    .default([]),
};
export const teamCreateSchema = z.object(teamFields).strict();
export const teamUpdateSchema = patchOf(z.object({ ...teamFields, active: z.boolean() })).strict();
export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  unitId: idSchema.nullable(),
  unitName: z.string().nullable(),
  leaderUserId: idSchema.nullable(),
  leaderName: z.string().nullable(),
  active: z.boolean(),
  members: z.array(z.object({ userId: idSchema, displayName: z.string(), role: z.enum(teamMemberRoles) })),
});
export type Team = z.infer<typeof teamSchema>;

/** A period for the scoreboard: inclusive dates (a year, a quarter, a month, or any range). */
export const periodQuery = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'the end is before the start' });
/**
 * The tally of a team in a period: leads registered, trips started, receptions held, leads signed (signed_on in the
 * period) with their signed amount, and capital in place of leads that reached 到资 in the period. Money is 万元.
 */
export const scoreboardRowSchema = z.object({
  teamId: idSchema,
  teamName: z.string(),
  leads: z.number().int(),
  trips: z.number().int(),
  receptions: z.number().int(),
  signings: z.number().int(),
  signedInvestment: z.string(),
  capitalInPlace: z.string(),
});
export const scoreboardSchema = z.object({ from: z.string(), to: z.string(), rows: z.array(scoreboardRowSchema) });

// ---- activities: trips and receptions -----------------------------------------------------------------------------

const leadRef = z.object({ id: idSchema, code: z.string(), company: z.string() });
const userRef = z.object({ userId: idSchema, displayName: z.string() });

const tripFields = {
  teamId: idSchema.nullish(),
  destination: requiredText(200),
  startOn: isoDate,
  endOn: isoDate,
  memberUserIds: z.array(idSchema).min(1).max(50),
  /** Companies visited, in the order of the trip. */
  companiesVisited: z.array(requiredText(200)).max(100).default([]),
  outcome: optionalText(4000),
  /** Leads followed or created on the trip. */
  leadIds: z.array(idSchema).max(100).default([]),
};
export const tripCreateSchema = z
  .object(tripFields)
  .strict()
  .refine((v) => v.startOn <= v.endOn, { path: ['endOn'], message: 'the trip ends before it starts' });
export const tripUpdateSchema = patchOf(z.object(tripFields)).strict();
export const tripSchema = z.object({
  id: idSchema,
  teamId: idSchema.nullable(),
  teamName: z.string().nullable(),
  destination: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  members: z.array(userRef),
  companiesVisited: z.array(z.string()),
  outcome: z.string().nullable(),
  leads: z.array(leadRef),
  createdByName: z.string().nullable(),
});

const receptionFields = {
  teamId: idSchema.nullish(),
  heldOn: isoDate,
  visitorCompany: requiredText(200),
  /** Visitors by name and title, as free text (「张总（董事长）等3人」). */
  visitors: requiredText(500),
  hostUserId: idSchema,
  purpose: requiredText(1000),
  outcome: optionalText(4000),
  leadIds: z.array(idSchema).max(100).default([]),
};
export const receptionCreateSchema = z.object(receptionFields).strict();
export const receptionUpdateSchema = patchOf(z.object(receptionFields)).strict();
export const receptionSchema = z.object({
  id: idSchema,
  teamId: idSchema.nullable(),
  teamName: z.string().nullable(),
  heldOn: z.string(),
  visitorCompany: z.string(),
  visitors: z.string(),
  hostUserId: idSchema,
  hostName: z.string(),
  purpose: z.string(),
  outcome: z.string().nullable(),
  leads: z.array(leadRef),
});

export const activityListQuery = listQuery(['startOn', 'heldOn'], {
  teamId: idSchema.optional(),
  leadId: idSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const tripPage = pageOf(tripSchema);
export const receptionPage = pageOf(receptionSchema);

// ---- industry chains ----------------------------------------------------------------------------------------------

export const chainCreateSchema = z
  .object({ name: requiredText(100), description: optionalText(2000), chiefUserId: idSchema.nullish(), sort: z.number().int().min(0).max(999).default(0) })
  .strict();
export const chainUpdateSchema = patchOf(chainCreateSchema).strict();
/** A segment (环节): upstream to downstream in `position`; its parent makes the tree of the diagram. */
export const segmentCreateSchema = z
  .object({ name: requiredText(100), parentId: idSchema.nullish(), position: z.number().int().min(0).max(999).default(0), description: optionalText(1000) })
  .strict();
export const segmentUpdateSchema = patchOf(segmentCreateSchema).strict();
/**
 * A company on a segment: a zone enterprise (registered, enterpriseId) or a target company (name only, possibly with
 * a lead). chainLeader marks 链主.
 */
export const segmentCompanySchemaIn = z
  .object({
    kind: z.enum(['zone', 'target']),
    enterpriseId: idSchema.nullish(),
    name: optionalText(200),
    leadId: idSchema.nullish(),
    chainLeader: z.boolean().default(false),
    note: optionalText(500),
  })
  .strict()
  .refine((v) => (v.kind === 'zone' ? !!v.enterpriseId : !!v.name || !!v.leadId), {
    path: ['enterpriseId'],
    message: 'a zone company is a registered enterprise; a target needs a name or a lead',
  });
export const segmentCompanySchema = z.object({
  id: idSchema,
  segmentId: idSchema,
  kind: z.enum(['zone', 'target']),
  enterpriseId: idSchema.nullable(),
  name: z.string(),
  leadId: idSchema.nullable(),
  leadCode: z.string().nullable(),
  leadStage: z.enum(leadStages).nullable(),
  chainLeader: z.boolean(),
  note: z.string().nullable(),
});
export const segmentSchema = z.object({
  id: idSchema,
  chainId: idSchema,
  parentId: idSchema.nullable(),
  name: z.string(),
  position: z.number().int(),
  description: z.string().nullable(),
  /** No zone enterprise on it: a gap (缺失环节), the target list. */
  gap: z.boolean(),
  companies: z.array(segmentCompanySchema),
  /** Leads tagged with this segment (chainSegmentId), active ones. */
  leadCount: z.number().int(),
});
export const chainSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string().nullable(),
  chiefUserId: idSchema.nullable(),
  chiefName: z.string().nullable(),
  sort: z.number().int(),
  segmentCount: z.number().int(),
  gapCount: z.number().int(),
  zoneEnterpriseCount: z.number().int(),
  targetCount: z.number().int(),
});
export const chainDetailSchema = chainSchema.extend({ segments: z.array(segmentSchema) });
export type Chain = z.infer<typeof chainSchema>;
export type ChainDetail = z.infer<typeof chainDetailSchema>;

/** The history of a lead: stage moves, transfers, closure, clocks, assessments, activities, the project it became. */
export const leadEventSchema = z.object({
  id: idSchema,
  kind: z.string(),
  fromValue: z.string().nullable(),
  toValue: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.iso.datetime(),
  byName: z.string().nullable(),
});
export const leadEventsSchema = z.object({ items: z.array(leadEventSchema) });

/** The service clocks of a lead (DOMAIN §5 defaults: answer 1, assess 3, feed back 5, report every 10 working days). */
export const clockRuleListSchema = z
  .array(z.object({ code: z.enum(['answer', 'assess', 'feedback', 'report']), workingDays: z.number().int().min(1).max(60), recurring: z.boolean() }).strict())
  .min(1)
  .max(4)
  .refine((list) => new Set(list.map((r) => r.code)).size === list.length, { message: 'each clock once' });
