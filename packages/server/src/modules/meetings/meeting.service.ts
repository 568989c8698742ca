// Coordination meetings (一月一协调 · 一周一安排, DOMAIN §7). A series meets on its cadence; before each meeting the
// pre-read (会前材料) is generated from the ledger and sent to the chair and attendees; in the meeting the decisions
// become supervised tasks of the series' ledger (one transaction with the minutes); the next meeting opens with those
// commitments; a meeting not held a day after its date is marked missed and stays visible on the series.
import {
  addCalendarDays,
  MEETING_GRACE_DAYS,
  nextMeetingOn,
  type ItemCreate,
  type MeetingCadence,
  type MeetingDecision,
  type MeetingPreread,
  type MeetingStatus,
  type ReportingFrequency,
  type meetingHoldSchema,
  type meetingScheduleSchema,
  type meetingSeriesCreateSchema,
  type meetingSeriesListQuery,
  type meetingSeriesUpdateSchema,
} from '@zoneops/shared';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import { unitInScope } from '../../platform/access/scope.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound, validationError, type FieldIssue } from '../../platform/errors.ts';
import { iso } from '../../platform/lists.ts';
import { ledgerServiceIn, type LedgerService } from '../ledger/ledger.service.ts';
import { meetingRepository, type MeetingListRow, type PrereadItemRow, type SeriesListRow, type SeriesViewer } from './meeting.repository.ts';

export const SERIES_ENTITY = 'meetingSeries';
export const MEETING_ENTITY = 'meeting';

/** Items listed per section of the pre-read. */
const PREREAD_LIMIT = 50;

const anchorDay = (firstOn: string) => Number(firstOn.slice(8, 10));

/** Decisions report progress on the rhythm of the meetings that follow them up. */
const frequencyOf: Record<MeetingCadence, ReportingFrequency> = { weekly: 'week', monthly: 'month' };

function toSeries(row: SeriesListRow) {
  const cadence = row.cadence as MeetingCadence;
  return {
    id: row.id,
    name: row.name,
    cadence,
    unitId: row.unitId,
    unitName: row.unitName,
    chairId: row.chairId,
    chairName: row.chairName,
    attendees: row.attendees,
    ledgerId: row.ledgerId,
    ledgerCode: row.ledgerCode,
    ledgerName: row.ledgerName,
    firstOn: row.firstOn,
    active: row.active,
    counts: { total: row.total, scheduled: row.scheduled, held: row.held, missed: row.missed },
    nextScheduledOn: row.nextScheduledOn,
    lastHeldOn: row.lastHeldOn,
    nextDefaultOn: row.lastScheduledOn ? nextMeetingOn(row.lastScheduledOn, cadence, anchorDay(row.firstOn)) : row.firstOn,
    createdAt: row.createdAt.toISOString(),
  };
}

function toSummary(row: MeetingListRow) {
  return {
    id: row.id,
    seriesId: row.seriesId,
    seq: row.seq,
    scheduledOn: row.scheduledOn,
    status: row.status as MeetingStatus,
    heldAt: iso(row.heldAt),
    prereadSentAt: iso(row.prereadSentAt),
    decisionCount: row.decisionCount,
  };
}

function toPrereadItem(r: PrereadItemRow) {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    leadUnitName: r.leadUnitName,
    ownerName: r.ownerName,
    deadline: r.deadline,
    status: r.status,
    light: r.light,
    lightReasons: (r.lightReasons ?? []) as { code: string }[],
    progress: Number(r.progress),
    lastProgressOn: r.lastProgressOn,
    lastProgressText: r.lastProgressText,
    overdueDays: Number(r.overdueDays),
  } as MeetingPreread['commitments'][number];
}

const listOf = (rows: PrereadItemRow[]) => ({ total: rows.length ? Number(rows[0]!.total) : 0, items: rows.map(toPrereadItem) });

/** Re-addresses an error of one decision to its place in the request body ("body.deadline" → "body.decisions.2.deadline"). */
export function atDecision(err: unknown, index: number): unknown {
  if (!(err instanceof AppError)) return err;
  const where = `body.decisions.${index}`;
  const details = Array.isArray(err.details)
    ? (err.details as FieldIssue[]).map((d) => ({ ...d, path: d.path?.startsWith('body.') ? `${where}.${d.path.slice(5)}` : where }))
    : [{ path: where, message: err.message }];
  return new AppError(err.code, `decision ${index + 1}: ${err.message.replace(/^body\.(\S+): /, `${where}.$1: `)}`, details);
}

export function createMeetingService(deps: Deps, ledger: LedgerService) {
  const { db, audit, clock, notifications } = deps;
  const today = () => todayOf(clock);

  /** Managers and principals of scope all see every series; others those they chair, attend, created or whose unit is in their scope. */
  const viewerOf = (p: Principal): SeriesViewer | null =>
    p.permissions.has('meetings.manage') || p.scope.all ? null : { userId: p.userId, unitIds: p.scope.unitIds, unitTreePaths: p.scope.unitTreePaths };

  function canSee(p: Principal, s: SeriesListRow): boolean {
    const v = viewerOf(p);
    if (!v) return true;
    return s.chairId === p.userId || s.attendeeIds.includes(p.userId) || s.createdBy === p.userId || unitInScope(p, s.unitId, s.unitPath);
  }

  async function requireSeries(p: Principal, id: string): Promise<SeriesListRow> {
    const s = await meetingRepository.findSeries(db, id);
    if (!s || !canSee(p, s)) throw notFound('meeting series');
    return s;
  }

  async function requireMeeting(p: Principal, id: string): Promise<{ meeting: MeetingListRow; series: SeriesListRow }> {
    const meeting = await meetingRepository.findMeeting(db, id);
    if (!meeting) throw notFound('meeting');
    const series = await meetingRepository.findSeries(db, meeting.seriesId);
    if (!series || !canSee(p, series)) throw notFound('meeting');
    return { meeting, series };
  }

  /** Writes need meetings.manage (the route) and the organising unit inside the writer's data scope. */
  function requireWrite(p: Principal, unitId: string, unitPath: string) {
    if (!unitInScope(p, unitId, unitPath)) throw new AppError('FORBIDDEN', 'the organising unit is outside your data scope');
  }

  /** Unit, chair, attendees and ledger of a series: all must exist; the ledger must be an active supervision ledger. */
  async function checkSeriesRefs(input: {
    unitId?: string | undefined;
    chairId?: string | null | undefined;
    attendeeIds?: string[] | undefined;
    ledgerId?: string | undefined;
  }) {
    const issues: FieldIssue[] = [];
    let unitPath: string | undefined;
    if (input.unitId) {
      unitPath = (await meetingRepository.existingUnits(db, [input.unitId])).get(input.unitId);
      if (!unitPath) issues.push({ path: 'body.unitId', message: 'unknown unit' });
    }
    const people = [...(input.chairId ? [input.chairId] : []), ...(input.attendeeIds ?? [])];
    const active = await meetingRepository.activeUsers(db, people);
    if (input.chairId && !active.has(input.chairId)) issues.push({ path: 'body.chairId', message: 'unknown or disabled user' });
    (input.attendeeIds ?? []).forEach((u, i) => {
      if (!active.has(u)) issues.push({ path: `body.attendeeIds.${i}`, message: 'unknown or disabled user' });
    });
    if (input.ledgerId) {
      const l = await meetingRepository.findLedger(db, input.ledgerId);
      if (!l) issues.push({ path: 'body.ledgerId', message: 'unknown ledger' });
      else if (l.kind !== 'supervision') issues.push({ path: 'body.ledgerId', message: 'decisions go to a supervision ledger' });
      else if (l.status !== 'active') issues.push({ path: 'body.ledgerId', message: 'the ledger is archived' });
    }
    if (issues.length) throw validationError(issues);
    return { unitPath };
  }

  /** Everything about the decisions that can be told before writing, each problem at its index. */
  async function checkDecisions(decisions: MeetingDecision[], day: string) {
    const issues: FieldIssue[] = [];
    const unitIds = [...new Set(decisions.flatMap((d) => [d.leadUnitId, ...d.coUnitIds]))];
    const userIds = [...new Set(decisions.flatMap((d) => [d.ownerId, d.leaderId].filter((u): u is string => !!u)))];
    const [units, active] = await Promise.all([meetingRepository.existingUnits(db, unitIds), meetingRepository.activeUsers(db, userIds)]);
    decisions.forEach((d, i) => {
      const at = `body.decisions.${i}`;
      if (d.deadline !== undefined && d.deadline < day) issues.push({ path: `${at}.deadline`, message: `the deadline ${d.deadline} is before today (${day})` });
      if (!units.has(d.leadUnitId)) issues.push({ path: `${at}.leadUnitId`, message: 'unknown unit' });
      const unknownCo = d.coUnitIds.filter((u) => !units.has(u));
      if (unknownCo.length) issues.push({ path: `${at}.coUnitIds`, message: `unknown unit ${unknownCo[0]}` });
      if (d.coUnitIds.includes(d.leadUnitId)) issues.push({ path: `${at}.coUnitIds`, message: 'the lead unit cannot also be a co-unit' });
      for (const key of ['ownerId', 'leaderId'] as const) {
        const u = d[key];
        if (u && !active.has(u)) issues.push({ path: `${at}.${key}`, message: 'unknown or disabled user' });
      }
    });
    if (issues.length) throw validationError(issues);
  }

  const listItems = async (p: Principal, meetingId: string) => (await ledger.list(p, { page: 1, pageSize: 500, sort: 'seq', meetingId })).items;

  async function seriesDetail(p: Principal, id: string) {
    const s = await requireSeries(p, id);
    const meetings = (await meetingRepository.meetingsOf(db, id)).map(toSummary);
    return { ...toSeries(s), meetings, missed: meetings.filter((m) => m.status === 'missed').reverse() };
  }

  return {
    // ---- series ----
    async listSeries(p: Principal, q: z.infer<typeof meetingSeriesListQuery>) {
      const rows = await meetingRepository.listSeries(db, { active: q.active === undefined ? undefined : q.active === 'true' }, viewerOf(p));
      return rows.map(toSeries);
    },

    getSeries: seriesDetail,

    async createSeries(ctx: RequestContext, p: Principal, input: z.infer<typeof meetingSeriesCreateSchema>) {
      const attendeeIds = [...new Set(input.attendeeIds)];
      const { unitPath } = await checkSeriesRefs({ ...input, attendeeIds });
      requireWrite(p, input.unitId, unitPath!);
      const id = await db.transaction(async (tx) => {
        const row = await meetingRepository.insertSeries(tx, {
          name: input.name,
          cadence: input.cadence,
          unitId: input.unitId,
          chairId: input.chairId ?? null,
          attendeeIds,
          ledgerId: input.ledgerId,
          firstOn: input.firstOn,
          createdBy: p.userId,
        });
        await audit.record(tx, ctx, { action: 'meetings.series.create', entityType: SERIES_ENTITY, entityId: row.id, diff: diffOf(null, row) });
        return row.id;
      });
      return seriesDetail(p, id);
    },

    async updateSeries(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof meetingSeriesUpdateSchema>) {
      const s = await requireSeries(p, id);
      requireWrite(p, s.unitId, s.unitPath);
      const attendeeIds = input.attendeeIds ? [...new Set(input.attendeeIds)] : undefined;
      const { unitPath } = await checkSeriesRefs({ ...input, attendeeIds });
      if (input.unitId && input.unitId !== s.unitId) requireWrite(p, input.unitId, unitPath!);
      if (input.firstOn !== undefined && input.firstOn !== s.firstOn && s.total > 0) {
        throw new AppError('TRANSITION_NOT_ALLOWED', 'the first date is fixed once a meeting is scheduled', [
          { path: 'body.firstOn', message: 'a meeting is already scheduled' },
        ]);
      }
      await db.transaction(async (tx) => {
        const before = await meetingRepository.lockSeries(tx, id);
        const after = await meetingRepository.updateSeries(tx, id, { ...input, ...(attendeeIds ? { attendeeIds } : {}), updatedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'meetings.series.update', entityType: SERIES_ENTITY, entityId: id, diff: diffOf(before, after) });
      });
      return seriesDetail(p, id);
    },

    /** Only a series without meetings is deleted; one with a history is deactivated instead (active: false). */
    async deleteSeries(ctx: RequestContext, p: Principal, id: string) {
      const s = await requireSeries(p, id);
      requireWrite(p, s.unitId, s.unitPath);
      await db.transaction(async (tx) => {
        const before = await meetingRepository.lockSeries(tx, id);
        if (await meetingRepository.lastMeeting(tx, id)) throw new AppError('CONFLICT', 'the series has meetings: deactivate it instead');
        await meetingRepository.deleteSeries(tx, id);
        await audit.record(tx, ctx, { action: 'meetings.series.delete', entityType: SERIES_ENTITY, entityId: id, diff: diffOf(before, null) });
      });
    },

    // ---- meetings ----
    /** Schedules the next meeting of a series: on the given day, or the cadence's next date after the last meeting. */
    async schedule(ctx: RequestContext, p: Principal, seriesId: string, input: z.infer<typeof meetingScheduleSchema>) {
      const s = await requireSeries(p, seriesId);
      requireWrite(p, s.unitId, s.unitPath);
      if (!s.active) throw new AppError('TRANSITION_NOT_ALLOWED', 'the series is inactive');
      const id = await db.transaction(async (tx) => {
        const series = (await meetingRepository.lockSeries(tx, seriesId))!;
        const last = await meetingRepository.lastMeeting(tx, seriesId);
        const scheduledOn =
          input.scheduledOn ?? (last ? nextMeetingOn(last.scheduledOn, series.cadence as MeetingCadence, anchorDay(series.firstOn)) : series.firstOn);
        if (last && scheduledOn <= last.scheduledOn) {
          throw validationError([{ path: 'body.scheduledOn', message: `must be after meeting ${last.seq} on ${last.scheduledOn}` }]);
        }
        const seq = await meetingRepository.nextSeq(tx, seriesId);
        const row = await meetingRepository.insertMeeting(tx, { seriesId, seq, scheduledOn, status: 'scheduled', createdBy: p.userId });
        await audit.record(tx, ctx, { action: 'meetings.meeting.schedule', entityType: MEETING_ENTITY, entityId: row.id, diff: diffOf(null, row) });
        return row.id;
      });
      return this.getMeeting(p, id);
    },

    async getMeeting(p: Principal, id: string) {
      const { meeting, series } = await requireMeeting(p, id);
      const previous = await meetingRepository.previousHeld(db, series.id, meeting.seq);
      const [decisions, previousCommitments] = await Promise.all([listItems(p, id), previous ? listItems(p, previous.id) : Promise.resolve([])]);
      return {
        meeting: { ...toSummary(meeting), minutes: meeting.minutes },
        series: toSeries(series),
        previousMeeting: previous ? toSummary(previous) : null,
        decisions,
        previousCommitments,
      };
    },

    /**
     * Generates the pre-read from the ledger as it stands (stored lights, deadlines, latest progress), stores the
     * snapshot on the meeting and sends it to the chair and attendees. Generated again, it replaces the last one.
     */
    async generatePreread(ctx: RequestContext, p: Principal, id: string): Promise<MeetingPreread> {
      const { meeting, series } = await requireMeeting(p, id);
      requireWrite(p, series.unitId, series.unitPath);
      if (meeting.status !== 'scheduled') throw new AppError('TRANSITION_NOT_ALLOWED', `the meeting is ${meeting.status}; the pre-read is prepared before it`);
      const day = today();
      const previous = await meetingRepository.previousHeld(db, series.id, meeting.seq);
      const [commitments, redOrOverdue, underReview, counts, recipients, blockers] = await Promise.all([
        previous ? meetingRepository.commitments(db, previous.id, day) : Promise.resolve([]),
        meetingRepository.redOrOverdue(db, series.ledgerId, day, PREREAD_LIMIT),
        meetingRepository.underReview(db, series.ledgerId, day, PREREAD_LIMIT),
        meetingRepository.lightCounts(db, series.ledgerId),
        meetingRepository.activeUsers(db, [...(series.chairId ? [series.chairId] : []), ...series.attendeeIds]),
        meetingRepository.projectBlockers(db, day, PREREAD_LIMIT),
      ]);
      const now = clock.now();
      const preread: MeetingPreread = {
        generatedAt: now.toISOString(),
        asOf: day,
        meeting: { id, seq: meeting.seq, scheduledOn: meeting.scheduledOn },
        series: { id: series.id, name: series.name, ledgerId: series.ledgerId, ledgerName: series.ledgerName },
        previousMeeting: previous ? { id: previous.id, seq: previous.seq, scheduledOn: previous.scheduledOn, heldAt: iso(previous.heldAt) } : null,
        commitments: commitments.map(toPrereadItem),
        redOrOverdue: listOf(redOrOverdue),
        underReview: listOf(underReview),
        projectBlockers: listOf(blockers),
        lightCounts: {
          open: Object.values(counts).reduce((a, n) => a + n, 0),
          green: counts.green ?? 0,
          yellow: counts.yellow ?? 0,
          red: counts.red ?? 0,
          none: counts.none ?? 0,
        },
        recipients: recipients.size,
      };
      const title = `${series.name} 第${meeting.seq}次会议`;
      await db.transaction(async (tx) => {
        await meetingRepository.updateMeeting(tx, id, { preread, prereadSentAt: now, updatedAt: now });
        await notifications.notify(tx, {
          kind: 'meetings.preread',
          userIds: [...recipients],
          title: `会前材料：${title}`,
          body:
            `定于 ${meeting.scheduledOn} 召开。` +
            (previous ? `上次会议（第${previous.seq}次）议定事项 ${preread.commitments.length} 项；` : '') +
            `红灯或逾期事项 ${preread.redOrOverdue.total} 项，待审核 ${preread.underReview.total} 项，重点项目问题 ${preread.projectBlockers?.total ?? 0} 项。`,
          link: `/meetings/${id}`,
        });
        await audit.record(tx, ctx, {
          action: 'meetings.meeting.preread',
          entityType: MEETING_ENTITY,
          entityId: id,
          diff: {
            recipients: [...recipients],
            commitments: preread.commitments.length,
            redOrOverdue: preread.redOrOverdue.total,
            underReview: preread.underReview.total,
            regenerated: meeting.prereadSentAt !== null,
          },
        });
      });
      return preread;
    },

    async getPreread(p: Principal, id: string): Promise<MeetingPreread> {
      await requireMeeting(p, id);
      const row = await meetingRepository.findPreread(db, id);
      if (!row?.preread) throw new AppError('NOT_FOUND', 'the pre-read of this meeting has not been generated yet');
      return row.preread as MeetingPreread;
    },

    /**
     * Holds the meeting: minutes, and each decision as a supervised task of the series' ledger (source
     * meetingDecision, this meeting, the minutes as source document). All or nothing; a bad decision is named by
     * its index.
     */
    async hold(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof meetingHoldSchema>) {
      const { meeting, series } = await requireMeeting(p, id);
      requireWrite(p, series.unitId, series.unitPath);
      if (meeting.status !== 'scheduled') throw new AppError('TRANSITION_NOT_ALLOWED', `the meeting is already ${meeting.status}`);
      const day = today();
      if (input.decisions.length) {
        if (!p.permissions.has('ledger.assign')) throw new AppError('FORBIDDEN', 'recording decisions assigns tasks: the ledger.assign permission is needed');
        const l = await meetingRepository.findLedger(db, series.ledgerId);
        if (l?.status !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', `the ledger ${series.ledgerName} is archived`);
        await checkDecisions(input.decisions, day);
      }
      const sourceDoc = `${series.name} 第${meeting.seq}次会议纪要`;
      const frequency = frequencyOf[series.cadence as MeetingCadence] ?? 'week';
      await db.transaction(async (tx) => {
        const before = await meetingRepository.lockMeeting(tx, id);
        if (before?.status !== 'scheduled') throw new AppError('TRANSITION_NOT_ALLOWED', `the meeting is already ${before?.status}`);
        const now = clock.now();
        const after = await meetingRepository.updateMeeting(tx, id, { status: 'held', heldAt: now, minutes: input.minutes, updatedAt: now });
        // The engine bound to this transaction: the items are written with the meeting, or not at all.
        const ledgerInTx = ledgerServiceIn(deps, tx);
        const itemIds: string[] = [];
        for (const [i, d] of input.decisions.entries()) {
          const item: ItemCreate = {
            ledgerId: series.ledgerId,
            title: d.title,
            description: d.description ?? null,
            source: 'meetingDecision',
            sourceDoc,
            leadUnitId: d.leadUnitId,
            coUnitIds: d.coUnitIds,
            ownerId: d.ownerId ?? null,
            leaderId: d.leaderId ?? null,
            meetingId: id,
            priority: d.priority,
            focus: false,
            frequency,
            longTerm: false,
            assignedOn: day,
            ...(d.deadline !== undefined ? { deadline: d.deadline } : { deadlineWorkingDays: d.deadlineWorkingDays! }),
          };
          try {
            itemIds.push(...(await ledgerInTx.createMany(ctx, p, series.ledgerId, [item])));
          } catch (err) {
            throw atDecision(err, i);
          }
        }
        await audit.record(tx, ctx, {
          action: 'meetings.meeting.hold',
          entityType: MEETING_ENTITY,
          entityId: id,
          diff: { ...diffOf(before, after), decisionItemIds: itemIds },
        });
      });
      return this.getMeeting(p, id);
    },

    // ---- job ----
    /** Marks meetings still not held more than a day after their date as missed; tells the chair and the organiser. */
    async markMissed(day = today()): Promise<number> {
      const lastDay = addCalendarDays(day, -(MEETING_GRACE_DAYS + 1));
      const ctx = systemContext('meetings.missed');
      return db.transaction(async (tx) => {
        const rows = await meetingRepository.markMissed(tx, lastDay, clock.now());
        for (const r of rows) {
          await audit.record(tx, ctx, {
            action: 'meetings.meeting.missed',
            entityType: MEETING_ENTITY,
            entityId: r.id,
            diff: { changed: { status: { from: 'scheduled', to: 'missed' } } },
          });
          await notifications.notify(tx, {
            kind: 'meetings.missed',
            userIds: [r.chairId, r.createdBy].filter((u): u is string => !!u),
            title: `会议未按期召开：${r.seriesName} 第${r.seq}次`,
            body: `原定 ${r.scheduledOn} 召开，逾期未登记召开，已记为未召开。`,
            link: `/meetings/${r.id}`,
          });
        }
        return rows.length;
      });
    },
  };
}

export type MeetingService = ReturnType<typeof createMeetingService>;
