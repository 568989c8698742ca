// The API contract of investment promotion (招商引资, DOMAIN §5): leads with their stages, transfers, clocks and
// screening; teams, trips and receptions; industry chains. Money is 万元 as exact strings (moneySchema). Contacts are
// masked (names, phones, credit codes) for anyone but the lead's owner and the owner's superiors, on screen and in
// exports. See ../promotion.ts for the rules.
import { z } from 'zod';
import { criterionMeasures, leadOutcomes, leadStages } from '../promotion.ts';
import { idSchema, isoDate, listQuery, pageOf, phoneSchema, plainText, requiredText } from './common.ts';
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
export const leadUpdateSchema = z
  .object(
    Object.fromEntries(Object.entries(leadFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
      [K in keyof typeof leadFields]: z.ZodOptional<(typeof leadFields)[K]>;
    },
  )
  .strict();

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

/** Kanban: per stage the count, the planned investment and the first cards. */
export const leadBoardSchema = z.object({
  columns: z.array(z.object({ stage: z.enum(leadStages), count: z.number().int(), plannedInvestment: z.string(), cards: z.array(leadSchema) })),
});
