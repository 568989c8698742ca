// The API contract of key projects (DOMAIN §4): the project ledger, stages, milestones, investment reports, year
// lists, ceremony batches, the battle map, the milestone board and the dashboard. Money is 万元 as a string with
// two decimals ("12345.60"); requests may send a number or a string, answers always send strings.
import { z } from 'zod';
import { lights } from '../ledger.ts';
import {
  ceremonyRoles,
  contractorRoles,
  investorTypes,
  isMoney,
  leaderLevels,
  normalizeMoney,
  PERIOD,
  projectCategories,
  projectLevels,
  projectNatures,
  projectStages,
  reportFrequencies,
  reportStatuses,
  yearListKinds,
} from '../projects.ts';
import { idSchema, isoDate, listQuery, pageOf, patchOf, phoneSchema, plainText, requiredText } from './common.ts';

const optionalText = (max: number) => plainText(max).nullish();

/** An amount in 万元: at most 14 integer digits and two decimals, not negative. Normalised to "1234.50". */
export const moneySchema = z
  .union([z.string().trim(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v))
  .refine((s) => isMoney(s) && !s.startsWith('-'), { message: 'an amount in 万元 with at most two decimals' })
  .transform(normalizeMoney);
export const moneyOut = z.string();

export const periodSchema = z.string().regex(PERIOD, 'a period: YYYY-MM, or YYYY-MM-1/2/3 for ten days');

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const fundingLineSchema = z.object({ source: requiredText(40), subSource: plainText(40).nullish(), amount: moneySchema }).strict();
export const contractorSchema = z
  .object({ role: z.enum(contractorRoles), name: requiredText(200), contractNo: optionalText(100), amount: moneySchema.nullish() })
  .strict();
export const approvalDocSchema = z
  .object({ docNo: requiredText(100), title: optionalText(300), authority: optionalText(200), issuedOn: isoDate.nullish() })
  .strict();
export const projectLeaderInput = z.object({ userId: idSchema, level: z.enum(leaderLevels) }).strict();
export const projectUnitInput = z
  .object({ unitId: idSchema, level: z.enum(leaderLevels), contactName: optionalText(50), contactPhone: phoneSchema.nullish() })
  .strict();
const polygonSchema = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z
      .array(z.array(z.tuple([z.number(), z.number()])).min(4))
      .min(1)
      .max(20),
  })
  .strict();

const projectFields = {
  code: plainText(40)
    .pipe(z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and "-"'))
    .nullish(),
  name: requiredText(200),
  parentId: idSchema.nullish(),
  content: optionalText(4000),
  capacity: optionalText(1000),
  level: z.enum(projectLevels),
  industry: requiredText(40),
  category: z.enum(projectCategories),
  nature: z.enum(projectNatures),
  investorType: z.enum(investorTypes),
  focus: z.boolean().default(false),
  ownerEnterpriseId: idSchema.nullish(),
  /** Required when no registered enterprise is linked. */
  ownerName: optionalText(200),
  ownerContact: optionalText(50),
  ownerPhone: phoneSchema.nullish(),
  leadUnitId: idSchema,
  leaders: z.array(projectLeaderInput).max(10).default([]),
  units: z.array(projectUnitInput).max(10).default([]),
  plannedStartOn: isoDate.nullish(),
  plannedCompletionOn: isoDate.nullish(),
  actualStartOn: isoDate.nullish(),
  actualCompletionOn: isoDate.nullish(),
  totalInvestment: moneySchema,
  funding: z.array(fundingLineSchema).max(30).default([]),
  planYear: z.number().int().min(2000).max(2100),
  annualPlan: moneySchema.default('0.00'),
  contractors: z.array(contractorSchema).max(30).default([]),
  approvals: z.array(approvalDocSchema).max(50).default([]),
  lng: z.number().min(-180).max(180).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  outline: polygonSchema.nullish(),
  reportFrequency: z.enum(reportFrequencies).default('month'),
  milestoneTemplateId: idSchema.nullish(),
};

const dateOrder = <T extends { plannedStartOn?: string | null | undefined; plannedCompletionOn?: string | null | undefined }>(v: T) =>
  !v.plannedStartOn || !v.plannedCompletionOn || v.plannedStartOn <= v.plannedCompletionOn;

export const projectCreateSchema = z
  .object({ ...projectFields, stage: z.enum(projectStages).default('planned') })
  .strict()
  .refine(dateOrder, { path: ['plannedCompletionOn'], message: 'the planned completion is before the planned start' })
  .refine((v) => !!v.ownerEnterpriseId || !!v.ownerName, { path: ['ownerName'], message: 'name the owner or link an enterprise' })
  .refine((v) => (v.lng == null) === (v.lat == null), { path: ['lat'], message: 'give both coordinates or none' });
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

export const projectUpdateSchema = patchOf(z.object({ ...projectFields, version: z.number().int().optional() }))
  .strict()
  .refine(dateOrder, { path: ['plannedCompletionOn'], message: 'the planned completion is before the planned start' });
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

export const projectLightReasonSchema = z.looseObject({ code: z.string() });
const named = z.object({ id: idSchema, name: z.string() });

export const projectSchema = z.object({
  id: idSchema,
  code: z.string().nullable(),
  name: z.string(),
  parentId: idSchema.nullable(),
  level: z.enum(projectLevels),
  industry: z.string(),
  category: z.enum(projectCategories),
  nature: z.enum(projectNatures),
  investorType: z.enum(investorTypes),
  focus: z.boolean(),
  stage: z.enum(projectStages),
  ownerEnterpriseId: idSchema.nullable(),
  ownerName: z.string(),
  leadUnitId: idSchema,
  leadUnitName: z.string(),
  leaderNames: z.array(z.string()),
  plannedStartOn: isoDate.nullable(),
  plannedCompletionOn: isoDate.nullable(),
  actualStartOn: isoDate.nullable(),
  actualCompletionOn: isoDate.nullable(),
  productionOn: isoDate.nullable(),
  totalInvestment: moneyOut,
  planYear: z.number().int(),
  annualPlan: moneyOut,
  ytdPlanned: moneyOut,
  ytdCompleted: moneyOut,
  completedTotal: moneyOut,
  /** ytdCompleted / annualPlan and completedTotal / totalInvestment, in %, one decimal. */
  annualPercent: z.number().nullable(),
  totalPercent: z.number().nullable(),
  lastApprovedPeriod: z.string().nullable(),
  light: z.enum(lights),
  lightReasons: z.array(projectLightReasonSchema),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  openBlockers: z.number().int(),
  version: z.number().int(),
});
export type Project = z.infer<typeof projectSchema>;
export const projectPage = pageOf(projectSchema);

export const stageHistorySchema = z.object({
  id: idSchema,
  fromStage: z.enum(projectStages).nullable(),
  toStage: z.enum(projectStages),
  on: isoDate,
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});

export const milestoneSchema = z.object({
  id: idSchema,
  seq: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  after: z.array(z.string()),
  plannedOn: isoDate.nullable(),
  actualOn: isoDate.nullable(),
  unitId: idSchema.nullable(),
  unitName: z.string().nullable(),
  note: z.string().nullable(),
  /** Planned date passed without an actual date. */
  overdueDays: z.number().int().nullable(),
  evidenceCount: z.number().int(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const projectDetailSchema = projectSchema.extend({
  content: z.string().nullable(),
  capacity: z.string().nullable(),
  ownerContact: z.string().nullable(),
  ownerPhone: z.string().nullable(),
  parentName: z.string().nullable(),
  children: z.array(named),
  leaders: z.array(z.object({ userId: idSchema, name: z.string(), level: z.enum(leaderLevels), phone: z.string().nullable() })),
  units: z.array(
    z.object({ unitId: idSchema, name: z.string(), level: z.enum(leaderLevels), contactName: z.string().nullable(), contactPhone: z.string().nullable() }),
  ),
  funding: z.array(z.object({ source: z.string(), subSource: z.string().nullable().optional(), amount: moneyOut })),
  contractors: z.array(
    z.object({ role: z.enum(contractorRoles), name: z.string(), contractNo: z.string().nullable().optional(), amount: moneyOut.nullable().optional() }),
  ),
  approvals: z.array(
    z.object({
      docNo: z.string(),
      title: z.string().nullable().optional(),
      authority: z.string().nullable().optional(),
      issuedOn: isoDate.nullable().optional(),
    }),
  ),
  outline: z.unknown().nullable(),
  reportFrequency: z.enum(reportFrequencies),
  reserveOn: isoDate.nullable(),
  listedOn: isoDate.nullable(),
  stageHistory: z.array(stageHistorySchema),
  milestones: z.array(milestoneSchema),
  /** What the caller may do on this project. */
  can: z.object({ edit: z.boolean(), report: z.boolean(), approve: z.boolean(), raiseBlocker: z.boolean() }),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const projectListQuery = listQuery(['name', 'totalInvestment', 'ytdCompleted', 'annualPercent', 'plannedStartOn', 'createdAt', 'light', 'stage'], {
  stage: csv(projectStages).optional(),
  light: csv(lights).optional(),
  industry: z.string().trim().max(40).optional(),
  level: z.enum(projectLevels).optional(),
  leadUnitId: idSchema.optional(),
  leaderId: idSchema.optional(),
  ownerEnterpriseId: idSchema.optional(),
  parentId: z.union([idSchema, z.literal('root')]).optional(),
  focus: z.enum(['true', 'false']).optional(),
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;

export const stageMoveSchema = z
  .object({ stage: z.enum(projectStages), on: isoDate.optional(), reason: optionalText(2000), version: z.number().int().optional() })
  .strict();

export const milestonePlanSchema = z
  .object({
    /** Replace the plan from a template (default: the project's template, else the default 20 nodes). */
    templateId: idSchema.nullish(),
  })
  .strict();

export const milestoneUpdateSchema = z
  .object({
    plannedOn: isoDate.nullable(),
    actualOn: isoDate.nullable(),
    unitId: idSchema.nullable(),
    note: optionalText(2000),
  })
  .partial()
  .strict();

export const milestoneTemplateSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  nodes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      plan: z.union([z.object({ anchor: z.literal('start'), days: z.number().int() }), z.object({ anchor: z.literal('span'), share: z.number() })]),
      after: z.array(z.string()),
    }),
  ),
});
export const milestoneTemplateCreateSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/),
    name: requiredText(100),
    nodes: z
      .array(
        z
          .object({
            code: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/),
            name: requiredText(60),
            nameEn: requiredText(80),
            plan: z.union([
              z.object({ anchor: z.literal('start'), days: z.number().int().min(-3650).max(3650) }).strict(),
              z.object({ anchor: z.literal('span'), share: z.number().min(0).max(1) }).strict(),
            ]),
            after: z.array(z.string()).max(20).default([]),
          })
          .strict(),
      )
      .min(1)
      .max(60),
  })
  .strict();

// ---- investment reports ----------------------------------------------------------------------------------------

export const investmentReportSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  projectName: z.string(),
  period: z.string(),
  planned: moneyOut,
  completed: moneyOut,
  /** Approved figures of the year up to and including this period, and since the start. */
  ytdPlanned: moneyOut,
  ytdCompleted: moneyOut,
  completedTotal: moneyOut,
  annualPercent: z.number().nullable(),
  totalPercent: z.number().nullable(),
  physicalProgress: z.string().nullable(),
  problems: z.string().nullable(),
  overrunExplanation: z.string().nullable(),
  status: z.enum(reportStatuses),
  submittedByName: z.string().nullable(),
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.iso.datetime({ offset: true }).nullable(),
  returnReason: z.string().nullable(),
  version: z.number().int(),
});
export type InvestmentReport = z.infer<typeof investmentReportSchema>;
export const investmentReportPage = pageOf(investmentReportSchema);

/** Files or updates the draft of a period (a report already approved is refused). `submit` sends it for approval. */
export const investmentReportInputSchema = z
  .object({
    period: periodSchema,
    planned: moneySchema,
    completed: moneySchema,
    physicalProgress: optionalText(2000),
    problems: optionalText(2000),
    /** Needed when the completed investment since the start would exceed the total. */
    overrunExplanation: optionalText(2000),
    submit: z.boolean().default(false),
  })
  .strict();
export type InvestmentReportInput = z.infer<typeof investmentReportInputSchema>;

export const reportReviewSchema = z
  .object({ decision: z.enum(['approve', 'return']), reason: optionalText(2000), version: z.number().int().optional() })
  .strict()
  .refine((v) => v.decision === 'approve' || !!v.reason, { path: ['reason'], message: 'say why the report is returned' });

export const reportListQuery = listQuery(['period', 'submittedAt', 'completed'], {
  projectId: idSchema.optional(),
  status: csv(reportStatuses).optional(),
  period: periodSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  leadUnitId: idSchema.optional(),
});

// ---- year lists, pipeline, ceremonies --------------------------------------------------------------------------

export const yearListQuery = listQuery(['name', 'totalInvestment', 'on'], {
  year: z.coerce.number().int().min(2000).max(2100),
  kind: z.enum(yearListKinds),
  leadUnitId: idSchema.optional(),
  industry: z.string().trim().max(40).optional(),
});
export const yearListRowSchema = projectSchema.extend({ on: isoDate });
export const yearListPageSchema = pageOf(yearListRowSchema).extend({
  totalInvestment: moneyOut,
  /** The three lists' headline figures of the same year (for the tabs). */
  summary: z.record(z.enum(yearListKinds), z.object({ count: z.number().int(), totalInvestment: moneyOut })),
});

export const pipelineSchema = z.object({
  groups: z.array(z.object({ group: z.string(), count: z.number().int(), totalInvestment: moneyOut })),
  stages: z.array(
    z.object({ stage: z.enum(projectStages), count: z.number().int(), totalInvestment: moneyOut, red: z.number().int(), yellow: z.number().int() }),
  ),
});

export const ceremonyBatchSchema = z.object({
  id: idSchema,
  name: z.string(),
  heldOn: isoDate,
  place: z.string().nullable(),
  note: z.string().nullable(),
  count: z.number().int(),
  totalInvestment: moneyOut,
  byRole: z.record(z.enum(ceremonyRoles), z.object({ count: z.number().int(), totalInvestment: moneyOut })),
  projects: z.array(
    z.object({
      projectId: idSchema,
      name: z.string(),
      role: z.enum(ceremonyRoles),
      ownerName: z.string(),
      leadUnitName: z.string(),
      totalInvestment: moneyOut,
      stage: z.enum(projectStages),
    }),
  ),
});
export type CeremonyBatch = z.infer<typeof ceremonyBatchSchema>;
export const ceremonyBatchInputSchema = z
  .object({
    name: requiredText(200),
    heldOn: isoDate,
    place: optionalText(200),
    note: optionalText(2000),
    projects: z
      .array(z.object({ projectId: idSchema, role: z.enum(ceremonyRoles) }).strict())
      .min(1)
      .max(2000),
  })
  .strict();

// ---- battle map, milestone board, dashboard -------------------------------------------------------------------

export const mapQuery = z
  .object({
    stage: csv(projectStages).optional(),
    light: csv(lights).optional(),
    industry: z.string().trim().max(40).optional(),
    leadUnitId: idSchema.optional(),
    leaderId: idSchema.optional(),
  })
  .strict();
export type MapQuery = z.infer<typeof mapQuery>;
/** Compact: one tuple per located project [id, name, lng, lat, light, stage], so 10,000 points stay small. */
export const battleMapSchema = z.object({
  points: z.array(z.tuple([idSchema, z.string(), z.number(), z.number(), z.enum(lights), z.enum(projectStages)])),
  unlocated: z.number().int(),
});

export const boardQuery = mapQuery
  .extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
export const boardSchema = z.object({
  nodes: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  rows: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      light: z.enum(lights),
      stage: z.enum(projectStages),
      cells: z.array(
        z.object({ code: z.string(), plannedOn: isoDate.nullable(), actualOn: isoDate.nullable(), overdueDays: z.number().int().nullable() }).nullable(),
      ),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const dashboardQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
const bucket = z.object({ key: z.string(), name: z.string().optional(), count: z.number().int(), totalInvestment: moneyOut });
export const projectDashboardSchema = z.object({
  year: z.number().int(),
  totals: z.object({
    count: z.number().int(),
    totalInvestment: moneyOut,
    annualPlan: moneyOut,
    ytdCompleted: moneyOut,
    annualPercent: z.number().nullable(),
    focus: z.number().int(),
  }),
  byStage: z.array(bucket),
  byIndustry: z.array(bucket),
  byUnit: z.array(bucket),
  byLight: z.array(bucket),
  monthly: z.array(z.object({ month: z.number().int(), planned: moneyOut, completed: moneyOut })),
  topDelayed: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      leadUnitName: z.string(),
      light: z.enum(lights),
      lightReasons: z.array(projectLightReasonSchema),
      overdueDays: z.number().int(),
    }),
  ),
});
export type ProjectDashboard = z.infer<typeof projectDashboardSchema>;

export const blockerCreateSchema = z
  .object({
    title: requiredText(300),
    description: optionalText(8000),
    leadUnitId: idSchema,
    coUnitIds: z.array(idSchema).max(30).default([]),
    leaderId: idSchema.nullish(),
    deadline: isoDate,
  })
  .strict();
