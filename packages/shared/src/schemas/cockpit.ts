// The leaders' cockpit (驾驶舱, issue 9): one answer with a tile per module the caller may read. A tile is absent
// (not empty) when the caller lacks the module's read permission; its figures are the module's own figures, read
// through the module's services, so the cockpit never disagrees with the module's page. The big screen (数据大屏)
// reads the same answer and adds the modules' live pushes.
import { z } from 'zod';
import { thresholdStatuses } from '../economy.ts';
import { lights, ledgerKinds } from '../ledger.ts';
import { leadStages } from '../promotion.ts';
import { yearListKinds } from '../projects.ts';
import { idSchema, isoDate } from './common.ts';
import { targetCompletionSchema } from './economy.ts';
import { rateSchema } from './enterprise-service.ts';
import { parkCountsSchema } from './park-gate.ts';
import { runStatuses } from '../assessment.ts';

const count = z.number().int();
const money = z.string();

export const cockpitEconomySchema = z.object({
  /** The month shown: the latest month with an approved figure of the zone (YYYY-MM), null before any. */
  month: z.string().nullable(),
  /** The zone's key indicators of that month, in the catalogue's order. */
  indicators: z.array(
    z.object({
      id: idSchema,
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      unitEn: z.string(),
      periodLabel: z.string(),
      value: z.number().nullable(),
      /** Percent growth on the same period of last year. */
      growth: z.number().nullable(),
      rank: z.object({ rank: count, tiedWith: count, of: count }).nullable(),
      target: targetCompletionSchema.nullable(),
      threshold: z.enum(thresholdStatuses),
    }),
  ),
  summary: z.object({ first: count, second: count, ranked: count, belowTarget: count, alert: count }),
});

export const cockpitProjectsSchema = z.object({
  year: count,
  count,
  annualPlan: money,
  ytdCompleted: money,
  /** Investment completed this year against the year's plan, percent. */
  annualPercent: z.number().nullable(),
  byLight: z.array(z.object({ light: z.enum(lights), count })),
  /** 新动工 / 新投产 / 新储备 of the year. */
  yearLists: z.record(z.enum(yearListKinds), z.object({ count, totalInvestment: money })),
  /** The most delayed projects (at most 5). */
  topDelayed: z.array(z.object({ id: idSchema, name: z.string(), leadUnitName: z.string(), light: z.enum(lights), overdueDays: count })),
});

export const cockpitPromotionSchema = z.object({
  /** The pipeline funnel: leads per stage now. */
  funnel: z.array(z.object({ stage: z.enum(leadStages), count, plannedInvestment: money })),
  /** Signings of the current year (1 Jan to today). */
  signings: z.object({ year: count, count, signedInvestment: money, capitalInPlace: money }),
});

export const cockpitSupervisionSchema = z.object({
  open: count,
  red: count,
  yellow: count,
  /** Open red (overdue) items per responsible unit, most first (at most 10 units). */
  overdueByUnit: z.array(z.object({ unitId: idSchema, unitName: z.string(), open: count, red: count })),
  /** Red items, most overdue first (at most 10). */
  redItems: z.array(
    z.object({
      id: idSchema,
      ledgerKind: z.enum(ledgerKinds),
      title: z.string(),
      unitName: z.string(),
      dueOn: isoDate.nullable(),
      overdueDays: count,
    }),
  ),
});

export const cockpitServiceSchema = z.object({
  /** The current year to today (Asia/Shanghai days). */
  from: isoDate,
  to: isoDate,
  requests: count,
  /** Requests not closed now. */
  open: count,
  onTimeResponse: rateSchema,
  onTimeCompletion: rateSchema,
  satisfaction: rateSchema,
});

export const cockpitSafetySchema = z.object({
  openAlarms: z.object({ red: count, orange: count, yellow: count, blue: count }),
});

export const cockpitCompetitionSchema = z.object({
  runId: idSchema,
  schemeId: idSchema,
  schemeName: z.string(),
  period: z.string(),
  status: z.enum(runStatuses),
  /** Ranked rows (provisional while scoring), at most 10 per track. */
  rows: z.array(
    z.object({
      participantId: idSchema,
      name: z.string(),
      track: z.string().nullable(),
      total: z.number(),
      rank: count,
      tied: z.boolean(),
      redFlag: z.boolean(),
    }),
  ),
});

export const cockpitSchema = z.object({
  at: z.iso.datetime(),
  economy: cockpitEconomySchema.optional(),
  projects: cockpitProjectsSchema.optional(),
  promotion: cockpitPromotionSchema.optional(),
  supervision: cockpitSupervisionSchema.optional(),
  service: cockpitServiceSchema.optional(),
  safety: cockpitSafetySchema.optional(),
  /** Vehicles by category and people in the park now (park.read). */
  park: parkCountsSchema.optional(),
  /** The latest run of the most recently active scheme the caller may read; null when there is none. */
  competition: cockpitCompetitionSchema.nullable().optional(),
});
export type Cockpit = z.infer<typeof cockpitSchema>;
