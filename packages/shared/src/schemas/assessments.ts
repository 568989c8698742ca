// The API contract of assessments and competitions (考核 · 劳动竞赛, DOMAIN §8). Points are numbers with two
// decimals (a dimension's weight is its maximum; a scheme's weights add up to 100). See ../assessment.ts for the rules.
import { z } from 'zod';
import { appealStatuses, dimensionCategories, grades, metricKeys, participantKinds, periodKinds, runStatuses, scoringMethods } from '../assessment.ts';
import { idSchema, isoDate, plainText, requiredText } from './common.ts';

const pointsSchema = z.number().min(0).max(1000).multipleOf(0.01);

export const autoScoringSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rate') }).strict(),
  z.object({ kind: z.literal('relative') }).strict(),
  z.object({ kind: z.literal('deduct'), perItem: z.number().positive().max(100) }).strict(),
]);

export const dimensionSchema = z
  .object({
    /** Stable id within the scheme (a short slug: d1, invest …); scores and appeals refer to it. */
    id: z.string().regex(/^[a-zA-Z][\w-]{0,31}$/, 'letters, digits, - and _, starting with a letter'),
    category: z.enum(dimensionCategories),
    name: requiredText(60),
    nameEn: plainText(100).nullish(),
    weight: z.number().positive().max(100).multipleOf(0.01),
    method: z.enum(scoringMethods),
    /** auto: the metric and how its value becomes points. */
    metric: z.enum(metricKeys as [string, ...string[]]).nullish(),
    scoring: autoScoringSchema.nullish(),
    ifNoData: z.enum(['full', 'zero']).default('full'),
    /** grade: percent of the weight each grade earns. */
    gradePoints: z.record(z.enum(grades), z.number().min(0).max(100)).nullish(),
    description: plainText(500).nullish(),
  })
  .strict();
export type AssessmentDimension = z.infer<typeof dimensionSchema>;

export const participantInputSchema = z
  .object({ unitId: idSchema.nullish(), projectId: idSchema.nullish(), track: plainText(40).nullish() })
  .strict()
  .refine((p) => !!p.unitId !== !!p.projectId, { message: 'a participant is either a unit or a project' });

export const schemeInputSchema = z
  .object({
    name: requiredText(100),
    nameEn: plainText(200).nullish(),
    description: plainText(2000).nullish(),
    periodKind: z.enum(periodKinds),
    participantKind: z.enum(participantKinds),
    tracks: z.array(requiredText(40)).max(10).default([]),
    redFlagTopN: z.number().int().min(0).max(20).default(1),
    appealWorkingDays: z.number().int().min(0).max(30).default(3),
    dimensions: z.array(dimensionSchema).min(1).max(20),
    participants: z.array(participantInputSchema).min(1).max(500),
    /** Panel members (users); a member never scores their own unit. */
    panel: z.array(idSchema).max(50).default([]),
    active: z.boolean().default(true),
  })
  .strict();
export type SchemeInput = z.infer<typeof schemeInputSchema>;

export const participantSchema = z.object({
  id: idSchema,
  unitId: idSchema.nullable(),
  projectId: idSchema.nullable(),
  /** The unit's or the project's name. */
  name: z.string(),
  track: z.string().nullable(),
});
export type AssessmentParticipant = z.infer<typeof participantSchema>;

export const schemeSchema = z.object({
  id: idSchema,
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string().nullable(),
  periodKind: z.enum(periodKinds),
  participantKind: z.enum(participantKinds),
  tracks: z.array(z.string()),
  redFlagTopN: z.number().int(),
  appealWorkingDays: z.number().int(),
  dimensions: z.array(dimensionSchema),
  participants: z.array(participantSchema),
  panel: z.array(z.object({ userId: idSchema, name: z.string(), unitId: idSchema.nullable() })),
  active: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type AssessmentScheme = z.infer<typeof schemeSchema>;

export const schemeListItemSchema = schemeSchema.omit({ participants: true, panel: true, dimensions: true }).extend({
  participantCount: z.number().int(),
  dimensionCount: z.number().int(),
  lastRun: z.object({ id: idSchema, period: z.string(), status: z.enum(runStatuses) }).nullable(),
});
export const schemeListSchema = z.object({ items: z.array(schemeListItemSchema) });

export const runCreateSchema = z.object({ schemeId: idSchema, period: z.string().min(4).max(12) }).strict();
export const runListQuery = z.object({ schemeId: idSchema.optional() }).strict();

export const scoreInputsSchema = z.object({
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  records: z.array(z.object({ kind: z.string(), id: z.string(), label: z.string(), figure: z.string().nullable() })),
  /** Records beyond the first 50 are counted, not listed. */
  more: z.number().int(),
});
export type ScoreInputs = z.infer<typeof scoreInputsSchema>;

export const scoreSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  dimensionId: z.string(),
  scorerId: idSchema.nullable(),
  scorerName: z.string().nullable(),
  value: z.number().nullable(),
  grade: z.enum(grades).nullable(),
  points: z.number(),
  comment: z.string().nullable(),
  inputs: scoreInputsSchema.nullable(),
  scoredAt: z.iso.datetime(),
});
export type AssessmentScore = z.infer<typeof scoreSchema>;
/** The caller's own panel and grade scores of a run. */
export const myScoresSchema = z.object({ items: z.array(scoreSchema) });

export const resultRowSchema = z.object({
  participantId: idSchema,
  name: z.string(),
  track: z.string().nullable(),
  /** Points per dimension id (null: a panel dimension nobody has scored yet). */
  dimensions: z.record(z.string(), z.number().nullable()),
  total: z.number(),
  rank: z.number().int(),
  tied: z.boolean(),
  redFlag: z.boolean(),
});
export type AssessmentResultRow = z.infer<typeof resultRowSchema>;

export const runSchema = z.object({
  id: idSchema,
  schemeId: idSchema,
  schemeName: z.string(),
  period: z.string(),
  periodStart: isoDate,
  periodEnd: isoDate,
  status: z.enum(runStatuses),
  dimensions: z.array(dimensionSchema),
  participants: z.array(participantSchema),
  computedAt: z.iso.datetime().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  appealEndsOn: isoDate.nullable(),
  lockedAt: z.iso.datetime().nullable(),
  highlights: z.string().nullable(),
  /** Panel scoring: scores entered / expected (members × participants they may score × panel and grade dimensions). */
  progress: z.object({ entered: z.number().int(), expected: z.number().int() }),
  /** What the caller may do: score (a panel member), appeal (a participant's member), manage. */
  can: z.object({ score: z.boolean(), appeal: z.boolean(), manage: z.boolean() }),
  /** Provisional while scoring; as published, then as locked. */
  results: z.array(resultRowSchema),
});
export type AssessmentRun = z.infer<typeof runSchema>;
export const runListSchema = z.object({
  items: z.array(runSchema.pick({ id: true, schemeId: true, schemeName: true, period: true, status: true, publishedAt: true, lockedAt: true })),
});

export const scoreEntrySchema = z
  .object({
    participantId: idSchema,
    dimensionId: z.string().min(1).max(32),
    points: pointsSchema.nullish(),
    grade: z.enum(grades).nullish(),
    comment: requiredText(500),
  })
  .strict()
  .refine((s) => (s.points === null || s.points === undefined) !== (s.grade === null || s.grade === undefined), {
    message: 'give points (panel dimension) or a grade (grade dimension)',
  });

export const publishSchema = z.object({ highlights: plainText(4000).nullish() }).strict();

export const appealCreateSchema = z.object({ participantId: idSchema, dimensionId: z.string().min(1).max(32), reason: requiredText(1000) }).strict();
export const appealAnswerSchema = z
  .object({ accept: z.boolean(), answer: requiredText(1000), points: pointsSchema.nullish() })
  .strict()
  .refine((a) => !a.accept || (a.points !== null && a.points !== undefined), { message: 'an accepted appeal gives the new points', path: ['points'] });

export const appealSchema = z.object({
  id: idSchema,
  runId: idSchema,
  participantId: idSchema,
  participantName: z.string(),
  dimensionId: z.string(),
  reason: z.string(),
  filedBy: z.string(),
  filedAt: z.iso.datetime(),
  status: z.enum(appealStatuses),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.iso.datetime().nullable(),
  pointsBefore: z.number().nullable(),
  pointsAfter: z.number().nullable(),
});
export type AssessmentAppeal = z.infer<typeof appealSchema>;
export const appealListSchema = z.object({ items: z.array(appealSchema) });

/** A participant's breakdown: each dimension's points, what it lost, and the scores (with inputs) behind it. */
export const breakdownSchema = z.object({
  participant: participantSchema,
  total: z.number(),
  rank: z.number().int().nullable(),
  redFlag: z.boolean(),
  dimensions: z.array(
    z.object({ dimensionId: z.string(), name: z.string(), weight: z.number(), points: z.number().nullable(), lost: z.number(), scores: z.array(scoreSchema) }),
  ),
});
export type AssessmentBreakdown = z.infer<typeof breakdownSchema>;

export const redFlagHistorySchema = z.object({
  items: z.array(
    z.object({
      runId: idSchema,
      schemeId: idSchema,
      schemeName: z.string(),
      period: z.string(),
      track: z.string().nullable(),
      participantId: idSchema,
      name: z.string(),
      total: z.number(),
    }),
  ),
});
export const redFlagQuery = z.object({ schemeId: idSchema.optional() }).strict();
export const bulletinQuery = z
  .object({ template: z.enum(['office', 'default']).default('office'), title: plainText(100).optional(), docNumber: plainText(60).optional() })
  .strict();
