// What people do with alarms: the list (visibility by safetyVisibleCondition: an enterprise's users see only their
// enterprise's alarms), the detail with its timeline, and the lifecycle raised → acknowledged → handled → closed with
// notes and who did it; a hazard (隐患) opened from an alarm. Every write is one transaction with its alarm event, its
// audit record and the live notice.
//
// Rules: acknowledging is for raised alarms; handling (处置, a note is required) for raised or acknowledged ones and
// acknowledges them too; closing needs the condition to have returned to normal (cleared) — an alarm whose condition
// still holds stays open, so the engine keeps updating it instead of raising a second one. A return of the condition
// before closing updates the same alarm and keeps its status (people already know of it).
//
// Closed-park alarms (issue 8: gate checks and vehicle position rules, by plate) follow the same lifecycle. One
// without an enterprise (no destination enterprise known) is park-level: only park-wide principals see it, and a
// hazard cannot be opened from it (a hazard belongs to an enterprise: file it from the hazards page).
import {
  maskPersonName,
  maskPhone,
  parseSort,
  type AlarmStatus,
  type AlarmSummary,
  type SafetyAlarmDetail,
  type SafetyAlarmEventKind,
  type SafetyAlarmListQuery,
  type safetyAlarmHazardSchema,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import { exportListSheet, type SheetColumn } from '../../platform/sheets.ts';
import { alarmRepository as repo, levelRankSql, type AlarmDetailRow, type AlarmFinding } from './alarm.repository.ts';
import { alarmSubject, levelLabels, responsibleOf, ruleLabels } from './escalation.ts';
import type { HazardService } from './hazard.service.ts';
import { safetyVisibleCondition } from './safety-access.ts';
import type { SafetyEvents } from './safety-events.ts';

export const ALARM_ENTITY = 'safetyAlarm';

const sortColumns: Record<string, SQL> = {
  raisedAt: sql`a.raised_at`,
  level: levelRankSql,
  status: sql`(case a.status when 'raised' then 1 when 'acknowledged' then 2 when 'handled' then 3 else 4 end)`,
  updatedAt: sql`a.updated_at`,
};

const statusLabels: Record<AlarmStatus, string> = { raised: '待确认', acknowledged: '已确认', handled: '已处置', closed: '已关闭' };
const escalationLabels = ['', '已通知企业', '已升级园区值班'];

type ExportRow = Record<
  | 'level'
  | 'status'
  | 'rule'
  | 'enterpriseName'
  | 'majorHazardName'
  | 'plate'
  | 'checkpointName'
  | 'geofenceName'
  | 'findings'
  | 'pointTag'
  | 'pointName'
  | 'deviceName'
  | 'unit'
  | 'raisedAt'
  | 'clearedAt'
  | 'acknowledgedAt'
  | 'handledAt'
  | 'closedAt'
  | 'escalation',
  string
> &
  Record<'value' | 'threshold' | 'peakValue' | 'lat' | 'lon', number | null> & { occurrences: number };

const exportColumns: SheetColumn<ExportRow>[] = [
  { key: 'level', header: '级别', kind: 'text', width: 8 },
  { key: 'status', header: '状态', kind: 'text', width: 8 },
  { key: 'rule', header: '类型', kind: 'text', width: 12 },
  { key: 'enterpriseName', header: '企业', kind: 'text', width: 28 },
  { key: 'majorHazardName', header: '重大危险源', kind: 'text', width: 20 },
  { key: 'plate', header: '车牌', kind: 'text', width: 12 },
  { key: 'checkpointName', header: '卡口', kind: 'text', width: 16 },
  { key: 'geofenceName', header: '围栏', kind: 'text', width: 16 },
  { key: 'pointTag', header: '位号', kind: 'text', width: 14 },
  { key: 'pointName', header: '监测点', kind: 'text', width: 20 },
  { key: 'deviceName', header: '设备', kind: 'text', width: 16 },
  { key: 'value', header: '当前值', kind: 'number', width: 10 },
  { key: 'threshold', header: '限值', kind: 'number', width: 10 },
  { key: 'peakValue', header: '峰值', kind: 'number', width: 10 },
  { key: 'unit', header: '单位', kind: 'text', width: 8 },
  { key: 'occurrences', header: '次数', kind: 'integer', width: 6 },
  { key: 'lat', header: '纬度', kind: 'number', width: 11 },
  { key: 'lon', header: '经度', kind: 'number', width: 11 },
  { key: 'findings', header: '核验结果', kind: 'text', width: 30 },
  { key: 'raisedAt', header: '报警时间', kind: 'text', width: 18 },
  { key: 'clearedAt', header: '恢复时间', kind: 'text', width: 18 },
  { key: 'acknowledgedAt', header: '确认时间', kind: 'text', width: 18 },
  { key: 'handledAt', header: '处置时间', kind: 'text', width: 18 },
  { key: 'closedAt', header: '关闭时间', kind: 'text', width: 18 },
  { key: 'escalation', header: '升级', kind: 'text', width: 14 },
];

/** The failed gate checks stored on an alarm ({findings: [{code, message}]}); [] for other alarms. */
export function findingsOf(detail: unknown): AlarmFinding[] {
  const list = detail && typeof detail === 'object' ? (detail as { findings?: unknown }).findings : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter((f): f is { code: unknown; message: unknown } => !!f && typeof f === 'object')
    .map((f) => ({ code: String(f.code), message: typeof f.message === 'string' ? f.message : '' }));
}

/** A Shanghai wall-clock time of an ISO instant, for spreadsheets. */
const shanghaiTime = (s: string | null) => (s ? new Date(Date.parse(s) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

type Change = Extract<SafetyAlarmEventKind, 'acknowledged' | 'handled' | 'closed'>;
const allowedFrom: Record<Change, readonly AlarmStatus[]> = {
  acknowledged: ['raised'],
  handled: ['raised', 'acknowledged'],
  closed: ['raised', 'acknowledged', 'handled'],
};
const verbOf: Record<Change, string> = { acknowledged: 'acknowledge', handled: 'handle', closed: 'close' };

export function createAlarmService(deps: Deps, events: SafetyEvents, hazards: HazardService) {
  const { db, clock, audit } = deps;
  const visible = (p: Principal) => safetyVisibleCondition(p, sql`a.enterprise_id`);

  /** Who opens a hazard from an alarm: as for hazards, safety.manage or the enterprise's own handlers. */
  const mayOpenHazard = (p: Principal, a: { enterpriseId: string | null }) =>
    a.enterpriseId !== null && (p.enterpriseId ? p.enterpriseId === a.enterpriseId && p.permissions.has('safety.handle') : p.permissions.has('safety.manage'));

  async function requireVisible(p: Principal, id: string): Promise<AlarmDetailRow> {
    const row = await repo.findDetail(db, id, visible(p));
    if (!row) throw notFound('alarm');
    return row;
  }

  async function notifyChanges(tx: DbOrTx, changes: { id: string; kind: SafetyAlarmEventKind }[]) {
    const summaries = await repo.summaries(tx, [...new Set(changes.map((c) => c.id))]);
    for (const c of changes) await events.notify(tx, { kind: 'alarm', change: c.kind, alarm: summaries.get(c.id)! });
  }

  /** The detail as the caller may see it, with a gate alarm's failed checks (`findings`). */
  function detail(p: Principal, row: AlarmDetailRow, timeline: SafetyAlarmDetail['events']): SafetyAlarmDetail & { findings: AlarmFinding[] } {
    const { responsible, detail: facts, ...rest } = row;
    const own = p.enterpriseId !== null && p.enterpriseId === row.enterpriseId;
    const handler = p.permissions.has('safety.handle');
    return {
      ...rest,
      findings: findingsOf(facts),
      responsible: responsibleOf(responsible).map((r) => ({
        role: r.role,
        name: own || p.permissions.has('field.personName') ? r.name : (maskPersonName(r.name) ?? ''),
        phone: own || p.permissions.has('field.phone') ? r.phone : maskPhone(r.phone),
      })),
      events: timeline,
      can: {
        acknowledge: handler && allowedFrom.acknowledged.includes(row.status),
        handle: handler && allowedFrom.handled.includes(row.status),
        close: handler && allowedFrom.closed.includes(row.status) && row.clearedAt !== null,
        openHazard: !row.hazardItemId && mayOpenHazard(p, row),
      },
    };
  }

  function check(change: Change, row: { status: string; cleared: boolean }) {
    if (!allowedFrom[change].includes(row.status as AlarmStatus))
      throw new AppError('TRANSITION_NOT_ALLOWED', `${verbOf[change]} is not possible while the alarm is ${row.status}`, {
        status: row.status,
        action: verbOf[change],
      });
    if (change === 'closed' && !row.cleared)
      throw new AppError('TRANSITION_NOT_ALLOWED', 'the condition still holds: an alarm is closed once it has returned to normal', {
        status: row.status,
        cleared: false,
      });
  }

  /** One lifecycle step on one alarm: locked and checked again inside the transaction. */
  async function step(ctx: RequestContext, p: Principal, id: string, change: Change, note: string | null) {
    const seen = await requireVisible(p, id);
    check(change, { status: seen.status, cleared: seen.clearedAt !== null });
    await db.transaction(async (tx) => {
      const [row] = await repo.lock(tx, [id]);
      check(change, row!);
      const now = clock.now();
      if (change === 'acknowledged') await repo.acknowledge(tx, [id], p.userId, now);
      else if (change === 'handled') await repo.handle(tx, id, p.userId, note!, now);
      else await repo.close(tx, id, p.userId, note, now);
      await repo.insertEvents(tx, [{ alarmId: id, at: now, kind: change, level: row!.level, value: row!.value, byUserId: p.userId, note }]);
      await audit.record(tx, ctx, {
        action: `safety.alarm.${verbOf[change]}`,
        entityType: ALARM_ENTITY,
        entityId: id,
        diff: { changed: { status: { from: row!.status, to: change } }, note },
      });
      await notifyChanges(tx, [{ id, kind: change }]);
    });
    return service.get(p, id);
  }

  async function listRows(p: Principal, q: SafetyAlarmListQuery, paged: boolean) {
    const where: SQL[] = [];
    const v = visible(p);
    if (v) where.push(v);
    if (q.status) where.push(sql`a.status = ${q.status}`);
    if (q.open) where.push(q.open === 'true' ? sql`a.closed_at is null` : sql`a.closed_at is not null`);
    if (q.level) where.push(sql`a.level = ${q.level}`);
    if (q.rule) where.push(sql`a.rule = ${q.rule}`);
    if (q.enterpriseId) where.push(sql`a.enterprise_id = ${q.enterpriseId}`);
    if (q.majorHazardId) where.push(sql`a.major_hazard_id = ${q.majorHazardId}`);
    if (q.pointId) where.push(sql`a.point_id = ${q.pointId}`);
    if (q.from) where.push(sql`a.raised_at >= ${`${q.from}T00:00:00+08:00`}::timestamptz`);
    if (q.to) where.push(sql`a.raised_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
    if (q.q) {
      const like = likePattern(q.q);
      where.push(
        sql`(p.tag ilike ${like} or p.name ilike ${like} or e.name ilike ${like} or d.name ilike ${like} or a.plate ilike ${like}
          or cp.name ilike ${like} or g.name ilike ${like})`,
      );
    }
    const sort = parseSort(q.sort, '-raisedAt');
    const order = sql`${sortColumns[sort.field]!} ${sort.desc ? sql`desc` : sql`asc`}, a.raised_at desc, a.id`;
    const { limit, offset } = paged ? limitOffset(q) : { limit: 50_000, offset: 0 };
    return repo.page(db, where, order, limit, offset, !paged);
  }

  const service = {
    async list(p: Principal, q: SafetyAlarmListQuery) {
      const { rows, total } = await listRows(p, q, true);
      return toPage<AlarmSummary>(rows, total, q);
    },

    async get(p: Principal, id: string): Promise<SafetyAlarmDetail> {
      const row = await requireVisible(p, id);
      return detail(p, row, await repo.events(db, id));
    },

    acknowledge: (ctx: RequestContext, p: Principal, id: string, note: string | null) => step(ctx, p, id, 'acknowledged', note),
    handle: (ctx: RequestContext, p: Principal, id: string, note: string) => step(ctx, p, id, 'handled', note),
    close: (ctx: RequestContext, p: Principal, id: string, note: string | null) => step(ctx, p, id, 'closed', note),

    /** Acknowledges many at once: all visible or none (404); those no longer raised are skipped and named. */
    async acknowledgeMany(ctx: RequestContext, p: Principal, ids: string[], note: string | null) {
      const seen = new Set(await repo.visibleIds(db, ids, visible(p)));
      if (ids.some((id) => !seen.has(id))) throw notFound('alarm');
      return db.transaction(async (tx) => {
        const rows = await repo.lock(tx, ids);
        const acknowledged = rows.filter((r) => r.status === 'raised').map((r) => r.id);
        const skipped = ids.filter((id) => !acknowledged.includes(id));
        if (!acknowledged.length) return { acknowledged, skipped };
        const now = clock.now();
        await repo.acknowledge(tx, acknowledged, p.userId, now);
        const byId = new Map(rows.map((r) => [r.id, r]));
        await repo.insertEvents(
          tx,
          acknowledged.map((id) => ({
            alarmId: id,
            at: now,
            kind: 'acknowledged' as const,
            level: byId.get(id)!.level,
            value: byId.get(id)!.value,
            byUserId: p.userId,
            note,
          })),
        );
        await audit.record(tx, ctx, { action: 'safety.alarm.acknowledgeMany', entityType: ALARM_ENTITY, diff: { acknowledged, skipped, note } });
        await notifyChanges(
          tx,
          acknowledged.map((id) => ({ id, kind: 'acknowledged' })),
        );
        return { acknowledged, skipped };
      });
    },

    /** Opens a hazard (隐患) ledger item from the alarm and links it; once per alarm. */
    async openHazard(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof safetyAlarmHazardSchema>) {
      const seen = await requireVisible(p, id);
      if (seen.enterpriseId === null)
        throw new AppError('VALIDATION_FAILED', 'a park-level alarm has no enterprise: file the hazard from the hazards page with its enterprise', [
          { path: 'params.id', message: 'the alarm has no enterprise' },
        ]);
      if (!mayOpenHazard(p, seen)) throw forbidden('opening a hazard needs safety.manage, or an enterprise user of this enterprise');
      if (seen.hazardItemId) throw new AppError('CONFLICT', `a hazard was already opened from this alarm (${seen.hazardItemCode ?? seen.hazardItemId})`);
      await db.transaction(async (tx) => {
        const [row] = await repo.lock(tx, [id]);
        if (row!.hazardItemId) throw new AppError('CONFLICT', 'a hazard was already opened from this alarm');
        const a = (await repo.hazardSeed(tx, id))!;
        const what = alarmSubject({ rule: seen.rule, ...a });
        const reading = seen.value === null ? '' : `，值 ${seen.value}${seen.unit ?? ''}${seen.threshold === null ? '' : `（限值 ${seen.threshold}）`}`;
        const itemId = await hazards.createTx(tx, ctx, p, {
          enterpriseId: a.enterpriseId!,
          majorHazardId: a.majorHazardId,
          grade: input.grade,
          origin: 'alarm',
          alarmId: id,
          title: input.title ?? `${a.enterpriseName ?? ''} ${what} ${levelLabels[seen.level]}${ruleLabels[seen.rule]}报警`,
          description: input.description ?? `${levelLabels[seen.level]}${ruleLabels[seen.rule]}报警，报警时间 ${shanghaiTime(seen.raisedAt)}${reading}`,
          category: input.category ?? null,
          foundOn: todayOf(clock),
          deadline: input.deadline ?? null,
        });
        const now = clock.now();
        await repo.linkHazard(tx, id, itemId, now);
        await repo.insertEvents(tx, [
          { alarmId: id, at: now, kind: 'hazardOpened', level: row!.level, value: row!.value, byUserId: p.userId, note: input.title ?? null },
        ]);
        await audit.record(tx, ctx, {
          action: 'safety.alarm.openHazard',
          entityType: ALARM_ENTITY,
          entityId: id,
          diff: { hazardItemId: itemId, grade: input.grade },
        });
        await notifyChanges(tx, [{ id, kind: 'hazardOpened' }]);
      });
      return service.get(p, id);
    },

    /** The filtered list as xlsx (at most 50,000 rows); audited. */
    async exportXlsx(ctx: RequestContext, p: Principal, q: SafetyAlarmListQuery) {
      const { rows } = await listRows(p, q, false);
      const data: ExportRow[] = rows.map((r) => ({
        level: levelLabels[r.level],
        status: statusLabels[r.status],
        rule: ruleLabels[r.rule],
        enterpriseName: r.enterpriseName ?? '',
        majorHazardName: r.majorHazardName ?? '',
        plate: r.plate ?? '',
        checkpointName: r.checkpointName ?? '',
        geofenceName: r.geofenceName ?? '',
        lat: r.lat,
        lon: r.lon,
        findings: findingsOf(r.detail)
          .map((f) => f.message)
          .join('；'),
        pointTag: r.pointTag ?? '',
        pointName: r.pointName ?? '',
        deviceName: r.deviceName ?? '',
        value: r.value,
        threshold: r.threshold,
        peakValue: r.peakValue,
        unit: r.rule === 'rate' ? `${r.unit ?? ''}/min` : (r.unit ?? ''),
        occurrences: r.occurrences,
        raisedAt: shanghaiTime(r.raisedAt),
        clearedAt: shanghaiTime(r.clearedAt),
        acknowledgedAt: shanghaiTime(r.acknowledgedAt),
        handledAt: shanghaiTime(r.handledAt),
        closedAt: shanghaiTime(r.closedAt),
        escalation: escalationLabels[r.escalation] ?? '',
      }));
      return exportListSheet(
        audit,
        ctx,
        { id: 'safety-alarms', title: '安全监测报警记录', columns: exportColumns, naturalKey: (r) => `${r.raisedAt}${r.pointTag}${r.plate}` },
        data,
        { action: 'safety.alarm.export', entityType: ALARM_ENTITY, query: q, filename: `安全监测报警记录-${todayOf(clock)}.xlsx` },
      );
    },
  };
  return service;
}

export type AlarmService = ReturnType<typeof createAlarmService>;
