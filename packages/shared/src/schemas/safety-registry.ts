// Safety monitoring registry (issue 7): request and answer schemas of hazard sources (重大危险源), devices (with their
// access tokens), monitoring points (位号) and HJ 212 stations, and the one rule that checks a point's range and
// thresholds (used by the API, the spreadsheet import and the forms alike).
import { z } from 'zod';
import { hj212Factors } from '../hj212.ts';
import { idSchema, isoDate, listQuery, pageOf, patchOf, plainText, requiredText } from './common.ts';
import { importErrorSchema } from './ledger-reports.ts';
import { deviceKinds, pointKinds } from './safety.ts';

const optionalText = (max: number) => plainText(max).nullish();
const lng = z.number().min(-180).max(180).nullable().optional();
const lat = z.number().min(-90).max(90).nullable().optional();
const finite = z.number().refine(Number.isFinite, 'not a finite number');

// ---- hazard sources (重大危险源) ----------------------------------------------------------------------------------

/** 一级 is the most severe. */
export const majorHazardLevels = [1, 2, 3, 4] as const;
export const installationKinds = ['tank', 'process', 'warehouse', 'other'] as const;
/** 主要负责人 / 技术负责人 / 操作负责人. */
export const responsibleRoles = ['main', 'technical', 'operational'] as const;
export type ResponsibleRole = (typeof responsibleRoles)[number];

/** The years between two safety assessment reports of a major hazard source. */
export const ASSESSMENT_YEARS = 3;

/** A phone as typed, or the masked form the caller was shown (kept as stored when sent back unchanged). */
const personPhone = z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3}\*{4}\d{4}|\*{1,12}\d{4})$/, 'not a phone number');
export const responsiblePersonSchema = z.object({ name: requiredText(50), phone: personPhone }).strict();
export const responsibleSchema = z.object({ main: responsiblePersonSchema, technical: responsiblePersonSchema, operational: responsiblePersonSchema }).strict();
export type Responsible = z.infer<typeof responsibleSchema>;

export const installationSchema = z
  .object({
    name: requiredText(100),
    kind: z.enum(installationKinds).nullish(),
    /** As written in the assessment report, e.g. "2 × 5000 m³". */
    capacity: optionalText(100),
  })
  .strict();
export type Installation = z.infer<typeof installationSchema>;

const majorHazardFields = {
  code: requiredText(50),
  name: requiredText(200),
  enterpriseId: idSchema,
  level: z.number().int().min(1).max(4),
  installations: z.array(installationSchema).max(200).default([]),
  responsible: responsibleSchema,
  assessedOn: isoDate.nullish(),
  /** Default: assessedOn + 3 years. */
  assessmentDueOn: isoDate.nullish(),
  lng,
  lat,
};
const assessmentOrder = (v: { assessedOn?: string | null; assessmentDueOn?: string | null }) =>
  !v.assessedOn || !v.assessmentDueOn || v.assessedOn < v.assessmentDueOn;
export const majorHazardCreateSchema = z
  .object(majorHazardFields)
  .strict()
  .refine(assessmentOrder, { path: ['assessmentDueOn'], message: 'the next assessment is due after the last one' });
/** The enterprise of a source is not changed: a new source is registered instead. */
export const majorHazardUpdateSchema = patchOf(z.object(majorHazardFields).omit({ enterpriseId: true }).strict());
export type MajorHazardCreate = z.input<typeof majorHazardCreateSchema>;

/** As answered: stored JSON is shown as it is (the request schemas above are the strict ones). */
const personOut = z.object({ name: z.string(), phone: z.string() });
const responsibleOut = z.object({ main: personOut, technical: personOut, operational: personOut });
const installationOut = z.object({ name: z.string(), kind: z.enum(installationKinds).nullish(), capacity: z.string().nullish() });

export const majorHazardSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  level: z.number().int(),
  installations: z.array(installationOut),
  /** Names and phones masked for callers without field.personName / field.phone (responsibleMasked). */
  responsible: responsibleOut,
  responsibleMasked: z.boolean(),
  assessedOn: z.string().nullable(),
  assessmentDueOn: z.string().nullable(),
  /** The next assessment report is overdue (due before today). */
  assessmentOverdue: z.boolean(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  points: z.number().int(),
  devices: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type MajorHazard = z.infer<typeof majorHazardSchema>;
export const majorHazardListQuery = listQuery(['code', 'name', 'level', 'enterpriseName', 'assessmentDueOn', 'points', 'updatedAt'], {
  enterpriseId: idSchema.optional(),
  level: z.coerce.number().int().min(1).max(4).optional(),
  /** Sources whose next assessment report is overdue. */
  overdue: z.enum(['true', 'false']).optional(),
});
export const majorHazardPage = pageOf(majorHazardSchema);

// ---- devices, gateways and stations -----------------------------------------------------------------------------

/** online: heard within 3 expected intervals; offline: heard before; never: not heard yet; revoked: its (or its gateway's) token is revoked. */
export const deviceStatuses = ['online', 'offline', 'never', 'revoked'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];
/** HJ 212 MN: the station's unique code (up to 24 characters). */
export const mnSchema = z.string().regex(/^[0-9A-Za-z]{1,24}$/, 'an MN of up to 24 letters and digits');
export const hj212FactorCodes = Object.keys(hj212Factors) as [string, ...string[]];

export const deviceCreateSchema = z
  .object({
    kind: z.enum(deviceKinds),
    name: requiredText(100),
    enterpriseId: idSchema,
    /** A device behind a gateway (kind device only): the gateway payload names it by `name`, unique per gateway. */
    gatewayId: idSchema.nullish(),
    /** Stations only. */
    mn: mnSchema.nullish(),
    expectedIntervalS: z.number().int().min(1).max(86_400).default(60),
    /** Stations only: factor points to create (tag = factor code, name and unit from the HJ 212 table). */
    factors: z.array(z.enum(hj212FactorCodes)).max(50).default([]),
    /** The hazard source of the station's factor points, if any. */
    majorHazardId: idSchema.nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.gatewayId && v.kind !== 'device') ctx.addIssue({ code: 'custom', path: ['gatewayId'], message: 'only a device sits behind a gateway' });
    if (v.kind === 'station' && !v.mn) ctx.addIssue({ code: 'custom', path: ['mn'], message: 'a station needs its MN code' });
    if (v.kind !== 'station' && v.mn) ctx.addIssue({ code: 'custom', path: ['mn'], message: 'only a station has an MN code' });
    if (v.kind !== 'station' && v.factors.length) ctx.addIssue({ code: 'custom', path: ['factors'], message: 'only a station has factors' });
    if (v.kind !== 'station' && v.majorHazardId) ctx.addIssue({ code: 'custom', path: ['majorHazardId'], message: 'only for the factor points of a station' });
    const seen = new Set<string>();
    v.factors.forEach((f, i) => {
      if (seen.has(f)) ctx.addIssue({ code: 'custom', path: ['factors', i], message: `${f} is listed twice` });
      seen.add(f);
    });
  });
export type DeviceCreate = z.input<typeof deviceCreateSchema>;
export const deviceUpdateSchema = z
  .object({ name: requiredText(100), mn: mnSchema, expectedIntervalS: z.number().int().min(1).max(86_400) })
  .partial()
  .strict();

export const deviceSchema = z.object({
  id: idSchema,
  kind: z.enum(deviceKinds),
  name: z.string(),
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  gatewayId: idSchema.nullable(),
  gatewayName: z.string().nullable(),
  mn: z.string().nullable(),
  /** Whether the device holds a token of its own (devices not behind a gateway, and gateways). */
  hasToken: z.boolean(),
  /** The last 4 characters of the current token. */
  tokenHint: z.string().nullable(),
  tokenIssuedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  expectedIntervalS: z.number().int(),
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
  status: z.enum(deviceStatuses),
  points: z.number().int(),
  /** Devices behind this gateway. */
  children: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SafetyDevice = z.infer<typeof deviceSchema>;
/** The answer of a create or a rotation: the token in clear, this once (null for devices without a token of their own). */
export const deviceWithTokenSchema = z.object({ device: deviceSchema, token: z.string().nullable(), points: z.number().int() });
export type DeviceWithToken = z.infer<typeof deviceWithTokenSchema>;
export const deviceListQuery = listQuery(['name', 'kind', 'enterpriseName', 'lastSeenAt', 'points', 'updatedAt'], {
  enterpriseId: idSchema.optional(),
  kind: z.enum(deviceKinds).optional(),
  gatewayId: idSchema.optional(),
  status: z.enum(deviceStatuses).optional(),
  majorHazardId: idSchema.optional(),
});
export const devicePage = pageOf(deviceSchema);

// ---- monitoring points (位号) --------------------------------------------------------------------------------------

export const thresholdKeys = ['ll', 'l', 'h', 'hh'] as const;
export type ThresholdKey = (typeof thresholdKeys)[number];

/** The values the point rule checks. */
export interface PointRuleValues {
  rangeLow?: number | null;
  rangeHigh?: number | null;
  hh?: number | null;
  h?: number | null;
  l?: number | null;
  ll?: number | null;
}
export type PointRuleProblem =
  | { field: 'rangeHigh'; problem: 'rangeOrder'; limit: number }
  | { field: ThresholdKey; problem: 'order'; other: ThresholdKey; limit: number }
  | { field: ThresholdKey; problem: 'belowRange' | 'aboveRange'; limit: number };

/** Range low below high; thresholds where set in the order ll < l < h < hh and inside the range. */
export function pointRuleProblems(v: PointRuleValues): PointRuleProblem[] {
  const out: PointRuleProblem[] = [];
  const set = (x: number | null | undefined): x is number => typeof x === 'number';
  if (set(v.rangeLow) && set(v.rangeHigh) && !(v.rangeLow < v.rangeHigh)) out.push({ field: 'rangeHigh', problem: 'rangeOrder', limit: v.rangeLow });
  let prev: { key: ThresholdKey; value: number } | null = null;
  for (const key of thresholdKeys) {
    const value = v[key];
    if (!set(value)) continue;
    if (prev && !(value > prev.value)) out.push({ field: key, problem: 'order', other: prev.key, limit: prev.value });
    if (set(v.rangeLow) && value < v.rangeLow) out.push({ field: key, problem: 'belowRange', limit: v.rangeLow });
    if (set(v.rangeHigh) && value > v.rangeHigh) out.push({ field: key, problem: 'aboveRange', limit: v.rangeHigh });
    prev = { key, value };
  }
  return out;
}

const thresholdNames: Record<ThresholdKey, { zh: string; en: string }> = {
  ll: { zh: '低低报', en: 'low-low' },
  l: { zh: '低报', en: 'low' },
  h: { zh: '高报', en: 'high' },
  hh: { zh: '高高报', en: 'high-high' },
};

/** The problem in words (the API answers English, the spreadsheet import Chinese). */
export function pointRuleMessage(p: PointRuleProblem, lang: 'zh' | 'en' = 'en'): string {
  const zh = lang === 'zh';
  switch (p.problem) {
    case 'rangeOrder':
      return zh ? `量程上限应大于下限 ${p.limit}` : `the range's high must be above its low (${p.limit})`;
    case 'order':
      return zh
        ? `${thresholdNames[p.field].zh}应大于${thresholdNames[p.other].zh} ${p.limit}（低低报 < 低报 < 高报 < 高高报）`
        : `the ${thresholdNames[p.field].en} threshold must be above the ${thresholdNames[p.other].en} threshold (${p.limit}): ll < l < h < hh`;
    case 'belowRange':
      return zh ? `低于量程下限 ${p.limit}` : `below the range's low (${p.limit})`;
    case 'aboveRange':
      return zh ? `高于量程上限 ${p.limit}` : `above the range's high (${p.limit})`;
  }
}

const pointFields = {
  enterpriseId: idSchema,
  majorHazardId: idSchema.nullish(),
  /** The device (or station) whose payload carries the tag; not a gateway (its devices carry the points). */
  deviceId: idSchema,
  /** The key in the payload's values, or the HJ 212 factor code; unique per device. */
  tag: requiredText(64).refine((s) => !/\s/.test(s), 'a tag has no spaces'),
  name: requiredText(100),
  kind: z.enum(pointKinds),
  unit: requiredText(20),
  rangeLow: finite.nullish(),
  rangeHigh: finite.nullish(),
  hh: finite.nullish(),
  h: finite.nullish(),
  l: finite.nullish(),
  ll: finite.nullish(),
  /** Hysteresis in the point's unit. */
  deadband: finite.min(0).default(0),
  /** The condition must hold this long before an alarm is raised. */
  minDurationS: z.number().int().min(0).max(86_400).default(0),
  /** Largest change per minute before a rate-of-change alarm; null: no rate rule. */
  rateLimitPerMin: finite.positive().nullish(),
  expectedIntervalS: z.number().int().min(1).max(86_400).default(60),
  /** Stale after this many expected intervals without a reading. */
  staleAfterIntervals: z.number().int().min(1).max(1000).default(3),
  lng,
  lat,
  enabled: z.boolean().default(true),
};
export const pointCreateSchema = z
  .object(pointFields)
  .strict()
  .superRefine((v, ctx) => {
    for (const p of pointRuleProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: pointRuleMessage(p) });
  });
export type PointCreate = z.input<typeof pointCreateSchema>;
/** Only the fields sent change; the range and thresholds are checked again with the stored ones. */
export const pointUpdateSchema = patchOf(z.object(pointFields).strict());

export const pointSchema = z.object({
  id: idSchema,
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  majorHazardId: idSchema.nullable(),
  majorHazardCode: z.string().nullable(),
  majorHazardName: z.string().nullable(),
  deviceId: idSchema.nullable(),
  deviceName: z.string().nullable(),
  deviceKind: z.enum(deviceKinds).nullable(),
  gatewayName: z.string().nullable(),
  tag: z.string(),
  name: z.string(),
  kind: z.enum(pointKinds),
  unit: z.string(),
  rangeLow: z.number().nullable(),
  rangeHigh: z.number().nullable(),
  hh: z.number().nullable(),
  h: z.number().nullable(),
  l: z.number().nullable(),
  ll: z.number().nullable(),
  deadband: z.number(),
  minDurationS: z.number().int(),
  rateLimitPerMin: z.number().nullable(),
  expectedIntervalS: z.number().int(),
  staleAfterIntervals: z.number().int(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type MonitoringPoint = z.infer<typeof pointSchema>;
export const pointListQuery = listQuery(['tag', 'name', 'kind', 'enterpriseName', 'majorHazardName', 'deviceName', 'updatedAt'], {
  enterpriseId: idSchema.optional(),
  majorHazardId: idSchema.optional(),
  deviceId: idSchema.optional(),
  kind: z.enum(pointKinds).optional(),
  enabled: z.enum(['true', 'false']).optional(),
});
export const pointPage = pageOf(pointSchema);

/** A hazard source with its points and the state of the devices that carry them. */
export const majorHazardDetailSchema = majorHazardSchema.extend({
  pointList: z.array(pointSchema),
  deviceCounts: z.object({
    online: z.number().int(),
    offline: z.number().int(),
    never: z.number().int(),
    revoked: z.number().int(),
  }),
});
export type MajorHazardDetail = z.infer<typeof majorHazardDetailSchema>;

// ---- bulk import of points from a spreadsheet ---------------------------------------------------------------------

/** preview: every row checked; annotate: the workbook back with the bad cells marked (xlsx); commit: all or nothing. */
export const pointImportQuery = z.object({ mode: z.enum(['preview', 'annotate', 'commit']).default('preview') }).strict();
export const pointImportRowSchema = z.object({
  rowNumber: z.number().int(),
  enterprise: z.string().nullable(),
  majorHazard: z.string().nullable(),
  device: z.string().nullable(),
  tag: z.string().nullable(),
  name: z.string().nullable(),
  kind: z.enum(pointKinds).nullable(),
  unit: z.string().nullable(),
  /** The row's errors (also in `errors`). */
  errors: z.number().int(),
});
export const pointImportPreviewSchema = z.object({
  mode: z.literal('preview'),
  /** Data rows in the file. */
  total: z.number().int(),
  /** Rows without errors. */
  valid: z.number().int(),
  errors: z.array(importErrorSchema),
  rows: z.array(pointImportRowSchema),
  annotatedAvailable: z.boolean(),
});
export const pointImportCommitSchema = z.object({ mode: z.literal('commit'), total: z.number().int(), created: z.number().int() });
export const pointImportResultSchema = z.discriminatedUnion('mode', [pointImportPreviewSchema, pointImportCommitSchema]);
export type PointImportPreview = z.infer<typeof pointImportPreviewSchema>;
export type PointImportCommit = z.infer<typeof pointImportCommitSchema>;
