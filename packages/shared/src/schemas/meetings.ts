// The API contract of coordination meetings (一月一协调 · 一周一安排, DOMAIN §7): a series with its cadence, chair,
// attendees and the supervision ledger that receives its decisions; meetings scheduled on the cadence, held (minutes,
// decisions that become supervised tasks) or missed; the pre-read (会前材料) generated before each meeting.
import { z } from 'zod';
import { ledgerStatuses, lights, priorities } from '../ledger.ts';
import { idSchema, isoDate } from './common.ts';
import { ledgerItemSchema, lightReasonSchema } from './ledger.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const isoDateTime = z.iso.datetime({ offset: true });

export const meetingCadences = ['weekly', 'monthly'] as const;
export type MeetingCadence = (typeof meetingCadences)[number];

export const meetingStatuses = ['scheduled', 'held', 'missed'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** A meeting still scheduled this many days after its date is missed. */
export const MEETING_GRACE_DAYS = 1;

/**
 * The default date of the next meeting: a week after the previous one, or the same day of the next month as the
 * series' first meeting (anchorDay), clamped to the month's end (a series on the 31st meets on 30 April, 28 February).
 */
export function nextMeetingOn(previous: string, cadence: MeetingCadence, anchorDay: number): string {
  const [y, m, d] = previous.split('-').map(Number) as [number, number, number];
  if (cadence === 'weekly') return new Date(Date.UTC(y, m - 1, d + 7)).toISOString().slice(0, 10);
  const monthEnd = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(anchorDay, monthEnd))).toISOString().slice(0, 10);
}

const named = z.object({ id: idSchema, name: z.string() });

// ---- series --------------------------------------------------------------------------------------------------

export const meetingSeriesCreateSchema = z
  .object({
    name: text(200),
    cadence: z.enum(meetingCadences),
    /** The organising unit (牵头组织单位). */
    unitId: idSchema,
    chairId: idSchema.nullish(),
    attendeeIds: z.array(idSchema).max(200).default([]),
    /** The supervision ledger that receives the decisions (kind 'supervision'). */
    ledgerId: idSchema,
    firstOn: isoDate,
  })
  .strict();

export const meetingSeriesUpdateSchema = z
  .object({
    name: text(200),
    cadence: z.enum(meetingCadences),
    unitId: idSchema,
    chairId: idSchema.nullable(),
    attendeeIds: z.array(idSchema).max(200),
    ledgerId: idSchema,
    /** Only while no meeting has been scheduled. */
    firstOn: isoDate,
    active: z.boolean(),
  })
  .partial()
  .strict();

export const meetingSummarySchema = z.object({
  id: idSchema,
  seriesId: idSchema,
  seq: z.number().int(),
  scheduledOn: isoDate,
  status: z.enum(meetingStatuses),
  heldAt: isoDateTime.nullable(),
  prereadSentAt: isoDateTime.nullable(),
  /** Decisions recorded in the meeting (ledger items with this meeting). */
  decisionCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingSeriesSchema = z.object({
  id: idSchema,
  name: z.string(),
  cadence: z.enum(meetingCadences),
  unitId: idSchema,
  unitName: z.string(),
  chairId: idSchema.nullable(),
  chairName: z.string().nullable(),
  attendees: z.array(named),
  ledgerId: idSchema,
  ledgerCode: z.string(),
  ledgerName: z.string(),
  firstOn: isoDate,
  active: z.boolean(),
  counts: z.object({ total: z.number().int(), scheduled: z.number().int(), held: z.number().int(), missed: z.number().int() }),
  /** The earliest meeting still scheduled. */
  nextScheduledOn: isoDate.nullable(),
  /** The day (zone time) the last meeting was held. */
  lastHeldOn: isoDate.nullable(),
  /** The default date of the next meeting to schedule (from the cadence). */
  nextDefaultOn: isoDate,
  createdAt: isoDateTime,
});
export type MeetingSeries = z.infer<typeof meetingSeriesSchema>;

export const meetingSeriesDetailSchema = meetingSeriesSchema.extend({
  meetings: z.array(meetingSummarySchema),
  /** The missed meetings, newest first (the cadence is the mechanism: a missed meeting stays visible). */
  missed: z.array(meetingSummarySchema),
});
export type MeetingSeriesDetail = z.infer<typeof meetingSeriesDetailSchema>;

export const meetingSeriesListQuery = z.object({ active: z.enum(['true', 'false']).optional() }).strict();

// ---- meetings ------------------------------------------------------------------------------------------------

/** Schedules the next meeting; without a date it follows the cadence. */
export const meetingScheduleSchema = z.object({ scheduledOn: isoDate.optional() }).strict();

export const meetingDecisionSchema = z
  .object({
    title: text(300),
    description: optionalText(8000),
    leadUnitId: idSchema,
    coUnitIds: z.array(idSchema).max(30).default([]),
    ownerId: idSchema.nullish(),
    leaderId: idSchema.nullish(),
    /** A calendar date, or a number of working days from today (holiday calendar). Exactly one. */
    deadline: isoDate.optional(),
    deadlineWorkingDays: z.number().int().min(1).max(1000).optional(),
    priority: z.enum(priorities).default('normal'),
  })
  .strict()
  .refine((v) => (v.deadline === undefined) !== (v.deadlineWorkingDays === undefined), {
    path: ['deadline'],
    message: 'give either a deadline date or a number of working days',
  });
export type MeetingDecision = z.infer<typeof meetingDecisionSchema>;

export const meetingHoldSchema = z
  .object({
    minutes: text(50_000),
    /** Each decision becomes a supervised task in the series' ledger. */
    decisions: z.array(meetingDecisionSchema).max(100).default([]),
  })
  .strict();

export const meetingSchema = meetingSummarySchema.extend({ minutes: z.string().nullable() });

export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  series: meetingSeriesSchema,
  /** The last held meeting before this one, whose commitments this one starts from. */
  previousMeeting: meetingSummarySchema.nullable(),
  /** The decisions of this meeting as ledger items (those the caller may see). */
  decisions: z.array(ledgerItemSchema),
  /** The commitments of the previous meeting, as they stand now. */
  previousCommitments: z.array(ledgerItemSchema),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

// ---- pre-read (会前材料) ---------------------------------------------------------------------------------------

export const prereadItemSchema = z.object({
  id: idSchema,
  code: z.string(),
  title: z.string(),
  leadUnitName: z.string(),
  ownerName: z.string().nullable(),
  deadline: isoDate,
  status: z.enum(ledgerStatuses),
  light: z.enum(lights),
  lightReasons: z.array(lightReasonSchema),
  progress: z.number().int(),
  lastProgressOn: isoDate.nullable(),
  lastProgressText: z.string().nullable(),
  /** Days past the deadline of work not yet reported done; 0 otherwise. */
  overdueDays: z.number().int(),
});
export type PrereadItem = z.infer<typeof prereadItemSchema>;

const prereadList = z.object({ total: z.number().int(), items: z.array(prereadItemSchema) });

export const meetingPrereadSchema = z.object({
  generatedAt: isoDateTime,
  /** The day the figures are as of. */
  asOf: isoDate,
  meeting: z.object({ id: idSchema, seq: z.number().int(), scheduledOn: isoDate }),
  series: z.object({ id: idSchema, name: z.string(), ledgerId: idSchema, ledgerName: z.string() }),
  previousMeeting: z.object({ id: idSchema, seq: z.number().int(), scheduledOn: isoDate, heldAt: isoDateTime.nullable() }).nullable(),
  /** The decisions of the previous meeting with their status, light and latest progress. */
  commitments: z.array(prereadItemSchema),
  /** Open items of the ledger that are red or past their deadline, by deadline (at most 50 listed). */
  redOrOverdue: prereadList,
  /** Completion reports waiting for review (reported, verifying, sign-off), by deadline (at most 50 listed). */
  underReview: prereadList,
  /** Open blockers (中梗阻) of key projects, brought to every coordination meeting until closed (absent in pre-reads made before). */
  projectBlockers: prereadList.optional(),
  /** Open top-level items of the ledger by light. */
  lightCounts: z.object({ open: z.number().int(), green: z.number().int(), yellow: z.number().int(), red: z.number().int(), none: z.number().int() }),
  /** The chair and attendees it was sent to. */
  recipients: z.number().int(),
});
export type MeetingPreread = z.infer<typeof meetingPrereadSchema>;
