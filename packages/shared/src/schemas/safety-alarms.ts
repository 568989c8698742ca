// Safety monitoring alarms and hazards (issue 7): request and answer schemas of the alarm workflow (list, detail with
// its timeline, acknowledge / handle / close, a hazard opened from an alarm), suppression windows, the escalation
// setting and hazards (隐患) as ledger items. The alarm summary itself is alarmSummarySchema in safety.ts.
import { z } from 'zod';
import { alarmLevels } from '../alarms.ts';
import { ledgerStatuses, lights } from '../ledger.ts';
import { idSchema, isoDate, listQuery, pageOf, plainText, requiredText } from './common.ts';
import { alarmRules, alarmStatuses, alarmSummarySchema, hazardGrades, hazardOrigins, suppressionKinds } from './safety.ts';

const isoDateTime = z.iso.datetime({ offset: true });
const optionalText = (max: number) => plainText(max).nullish();

// ---- alarms ----------------------------------------------------------------------------------------------------

/** What happened to an alarm (safety_alarm_events.kind; also the `change` of a live alarm event). */
export const safetyAlarmEventKinds = [
  'raised',
  'levelChanged',
  'cleared',
  'returned',
  'acknowledged',
  'handled',
  'closed',
  'escalated',
  'hazardOpened',
] as const;
export type SafetyAlarmEventKind = (typeof safetyAlarmEventKinds)[number];

export const safetyAlarmListQuery = listQuery(['raisedAt', 'level', 'status', 'updatedAt'], {
  status: z.enum(alarmStatuses).optional(),
  /** true: not closed yet (the default view of the page); false: closed. */
  open: z.enum(['true', 'false']).optional(),
  level: z.enum(alarmLevels).optional(),
  rule: z.enum(alarmRules).optional(),
  enterpriseId: idSchema.optional(),
  majorHazardId: idSchema.optional(),
  pointId: idSchema.optional(),
  /** Raised on or after this day (Asia/Shanghai). */
  from: isoDate.optional(),
  /** Raised on or before this day (Asia/Shanghai). */
  to: isoDate.optional(),
});
export type SafetyAlarmListQuery = z.infer<typeof safetyAlarmListQuery>;
export const safetyAlarmPage = pageOf(alarmSummarySchema);

export const safetyAlarmEventSchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  kind: z.enum(safetyAlarmEventKinds),
  level: z.enum(alarmLevels).nullable(),
  value: z.number().nullable(),
  byUserId: idSchema.nullable(),
  byName: z.string().nullable(),
  note: z.string().nullable(),
});
export type SafetyAlarmEvent = z.infer<typeof safetyAlarmEventSchema>;

/** One of the three responsible persons of a major hazard source (主要负责人 / 技术负责人 / 操作负责人). */
export const safetyResponsibleSchema = z.object({
  role: z.enum(['main', 'technical', 'operational']),
  name: z.string(),
  phone: z.string().nullable(),
});

/** An alarm with who did what, the hazard source's responsible persons and its timeline. */
export const safetyAlarmDetailSchema = alarmSummarySchema.extend({
  acknowledgedByName: z.string().nullable(),
  handledByName: z.string().nullable(),
  handleNote: z.string().nullable(),
  closedByName: z.string().nullable(),
  closeNote: z.string().nullable(),
  escalatedAt: isoDateTime.nullable(),
  hazardItemCode: z.string().nullable(),
  responsible: z.array(safetyResponsibleSchema),
  events: z.array(safetyAlarmEventSchema),
  /** Closed-park gate alarms: the failed checks (empty otherwise). */
  findings: z.array(z.object({ code: z.string(), message: z.string() })),
  /** What the caller may do now. */
  can: z.object({ acknowledge: z.boolean(), handle: z.boolean(), close: z.boolean(), openHazard: z.boolean() }),
});
export type SafetyAlarmDetail = z.infer<typeof safetyAlarmDetailSchema>;

export const safetyAlarmAckSchema = z.object({ note: optionalText(2000) }).strict();
export const safetyAlarmHandleSchema = z.object({ note: requiredText(2000) }).strict();
export const safetyAlarmCloseSchema = z.object({ note: optionalText(2000) }).strict();
export const safetyAlarmBatchAckSchema = z
  .object({ ids: z.array(idSchema).min(1).max(500), note: optionalText(2000) })
  .strict()
  .refine((v) => new Set(v.ids).size === v.ids.length, { path: ['ids'], message: 'an alarm is listed twice' });
/** Acknowledged now; skipped: already acknowledged, handled or closed. */
export const safetyAlarmBatchAckResultSchema = z.object({ acknowledged: z.array(idSchema), skipped: z.array(idSchema) });

/** A hazard opened from an alarm: the title defaults to the alarm's point and level, the deadline to the grade's. */
export const safetyAlarmHazardSchema = z
  .object({
    grade: z.enum(hazardGrades),
    title: requiredText(300).optional(),
    description: optionalText(8000),
    category: optionalText(50),
    deadline: isoDate.optional(),
  })
  .strict();

// ---- escalation ------------------------------------------------------------------------------------------------

/**
 * The setting safety.escalation: an alarm not acknowledged within enterpriseMinutes goes to the enterprise's safety
 * handlers (stage 1), within dutyMinutes to the park's duty officers (stage 2: dutyUserIds, or every safety officer
 * when empty).
 */
export const safetyEscalationSchema = z
  .object({
    enterpriseMinutes: z.number().int().min(1).max(1440),
    dutyMinutes: z.number().int().min(1).max(2880),
    dutyUserIds: z.array(idSchema).max(50),
  })
  .strict()
  .refine((v) => v.dutyMinutes > v.enterpriseMinutes, { path: ['dutyMinutes'], message: 'the duty officers are told after the enterprise' })
  .refine((v) => new Set(v.dutyUserIds).size === v.dutyUserIds.length, { path: ['dutyUserIds'], message: 'a user is listed twice' });
export type SafetyEscalation = z.infer<typeof safetyEscalationSchema>;
export const defaultSafetyEscalation: SafetyEscalation = { enterpriseMinutes: 5, dutyMinutes: 15, dutyUserIds: [] };

// ---- suppression windows ---------------------------------------------------------------------------------------

export const safetySuppressionStates = ['scheduled', 'active', 'ended', 'cancelled'] as const;

/**
 * A filed maintenance or start-up window: no alarm is raised for the covered points while it lasts. Covered: the
 * listed points; with no points, every point of the hazard source, or with no source either, of the enterprise.
 */
export const safetySuppressionCreateSchema = z
  .object({
    /** Enterprise users file for their own enterprise (may be left out); others name it. */
    enterpriseId: idSchema.optional(),
    majorHazardId: idSchema.nullish(),
    pointIds: z.array(idSchema).max(500).default([]),
    kind: z.enum(suppressionKinds),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    reason: requiredText(500),
  })
  .strict()
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { path: ['endsAt'], message: 'the window ends after it starts' })
  .refine((v) => Date.parse(v.endsAt) - Date.parse(v.startsAt) <= 31 * 86_400_000, { path: ['endsAt'], message: 'a window lasts at most 31 days' });

export const safetySuppressionSchema = z.object({
  id: idSchema,
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  majorHazardId: idSchema.nullable(),
  majorHazardName: z.string().nullable(),
  pointIds: z.array(idSchema),
  kind: z.enum(suppressionKinds),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  reason: z.string(),
  cancelledAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  createdByName: z.string().nullable(),
  state: z.enum(safetySuppressionStates),
});
export type SafetySuppression = z.infer<typeof safetySuppressionSchema>;
export const safetySuppressionListQuery = listQuery(['startsAt', 'endsAt'], {
  enterpriseId: idSchema.optional(),
  state: z.enum(safetySuppressionStates).optional(),
});
export const safetySuppressionPage = pageOf(safetySuppressionSchema);
export const safetySuppressionCancelSchema = z.object({ note: optionalText(500) }).strict();

// ---- hazards (隐患) --------------------------------------------------------------------------------------------

/** A hazard found in an inspection or reported (one opened from an alarm: POST /api/safety/alarms/:id/hazard). */
export const safetyHazardCreateSchema = z
  .object({
    /** Enterprise users file for their own enterprise (may be left out); others name it. */
    enterpriseId: idSchema.optional(),
    majorHazardId: idSchema.nullish(),
    grade: z.enum(hazardGrades),
    origin: z.enum(['inspection', 'report']).default('inspection'),
    title: requiredText(300),
    description: optionalText(8000),
    category: optionalText(50),
    /** Day found; default today. */
    foundOn: isoDate.optional(),
    /** Rectification deadline; default by grade (general 30 days, major 90 days from the day found). */
    deadline: isoDate.optional(),
  })
  .strict()
  .refine((v) => !v.deadline || !v.foundOn || v.deadline >= v.foundOn, { path: ['deadline'], message: 'the deadline is before the day found' });

/** A hazard with its ledger item's status, light and deadline. */
export const safetyHazardSchema = z.object({
  itemId: idSchema,
  code: z.string(),
  title: z.string(),
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  majorHazardId: idSchema.nullable(),
  majorHazardName: z.string().nullable(),
  grade: z.enum(hazardGrades),
  origin: z.enum(hazardOrigins),
  alarmId: idSchema.nullable(),
  foundOn: isoDate,
  category: z.string().nullable(),
  status: z.enum(ledgerStatuses),
  light: z.enum(lights),
  deadline: isoDate,
  leadUnitId: idSchema,
  leadUnitName: z.string(),
  overdue: z.boolean(),
  createdAt: isoDateTime,
});
export type SafetyHazard = z.infer<typeof safetyHazardSchema>;
export const safetyHazardListQuery = listQuery(['foundOn', 'deadline', 'grade', 'status'], {
  grade: z.enum(hazardGrades).optional(),
  origin: z.enum(hazardOrigins).optional(),
  enterpriseId: idSchema.optional(),
  majorHazardId: idSchema.optional(),
  status: z.enum(ledgerStatuses).optional(),
  /** true: not closed (closed and ongoing count as closed). */
  open: z.enum(['true', 'false']).optional(),
  /** true: open and past its deadline. */
  overdue: z.enum(['true', 'false']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type SafetyHazardListQuery = z.infer<typeof safetyHazardListQuery>;
export const safetyHazardPage = pageOf(safetyHazardSchema);
