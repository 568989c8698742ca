// Entry appointments (预约入园, DOMAIN §11, issue 8). A hazmat vehicle's appointment names its carrier, vehicle,
// driver and escort (qualifications valid through the end of the window), cargo lines covered by the vehicle's
// licensed classes, the electronic waybill, the destination enterprise, an optional designated route and a window
// of at most 24 hours. Workflow: submitted → enterpriseApproved (the destination enterprise's park.appointment user,
// or park.manage on its behalf) → approved (park.approve, the park's users only); rejected with a reason at either
// stage; cancelled by the destination enterprise or the park before the window ends. Wrong state: APPOINTMENT_STATE.
// Who may see: an enterprise user its enterprise's appointments; the park's park.read / park.approve / park.manage
// holders all; anyone else those they filed; others get 404. Every change is audited (the audit trail is the
// history), tells the next approver and announces {kind:'park', what:'appointments'} in its transaction.
import { randomInt } from 'node:crypto';
import {
  APPOINTMENT_CODE_ALPHABET,
  APPOINTMENT_CODE_LENGTH,
  APPOINTMENT_MAX_WINDOW_HOURS,
  expiryState,
  hazmatClassCovered,
  maskPersonName,
  parseSort,
  type AppointmentOptions,
  type EntryAppointment,
  type EntryAppointmentDetail,
  type appointmentCreateSchema,
  type appointmentListQuery,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { maskRows } from '../../platform/access/masking.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { localDate, today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import { appointmentRepository as repo, type AppointmentRow, type PersonRef } from './appointment.repository.ts';
import { exportRows } from './registry-common.ts';
import { textSheet } from './registry-sheets.ts';

export const APPOINTMENT_ENTITY = 'entryAppointment';
type ListQuery = z.output<typeof appointmentListQuery>;
type Issue = { path: string; message: string };

const statusLabels: Record<string, string> = {
  submitted: '待企业审核',
  enterpriseApproved: '待园区审批',
  approved: '已批准',
  rejected: '已驳回',
  cancelled: '已取消',
};

/** A short code of unambiguous characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export function appointmentCode(): string {
  let s = '';
  for (let i = 0; i < APPOINTMENT_CODE_LENGTH; i++) s += APPOINTMENT_CODE_ALPHABET[randomInt(APPOINTMENT_CODE_ALPHABET.length)];
  return s;
}

const isPark = (p: Principal) => !p.enterpriseId;
const has = (p: Principal, perm: string) => p.permissions.has(perm);

/** The caller's role towards an appointment of `enterpriseId`. */
function roleOf(p: Principal, enterpriseId: string) {
  const destination = p.enterpriseId === enterpriseId && has(p, 'park.appointment');
  return {
    /** The destination enterprise, or the park acting on its behalf. */
    enterpriseSide: destination || (isPark(p) && has(p, 'park.manage')),
    parkApprover: isPark(p) && has(p, 'park.approve'),
    /** Cancels: the destination enterprise or the park. */
    canceller: destination || (isPark(p) && (has(p, 'park.manage') || has(p, 'park.approve'))),
  };
}

export function createAppointmentService(deps: Deps, events: SafetyEvents) {
  const { db, audit, clock, notifications } = deps;

  function visible(p: Principal): SQL | undefined {
    if (p.enterpriseId) return sql`a.enterprise_id = ${p.enterpriseId}`;
    if (has(p, 'park.read') || has(p, 'park.approve') || has(p, 'park.manage')) return undefined;
    return sql`a.created_by = ${p.userId}`;
  }

  function canOf(p: Principal, r: { status: string; enterpriseId: string; windowEnd: string }, now: Date) {
    const open = new Date(r.windowEnd) > now;
    const role = roleOf(p, r.enterpriseId);
    return {
      enterpriseApprove: open && r.status === 'submitted' && role.enterpriseSide,
      approve: open && r.status === 'enterpriseApproved' && role.parkApprover,
      reject: open && ((r.status === 'submitted' && (role.enterpriseSide || role.parkApprover)) || (r.status === 'enterpriseApproved' && role.parkApprover)),
      cancel: open && ['submitted', 'enterpriseApproved', 'approved'].includes(r.status) && role.canceller,
    };
  }

  function toOut(p: Principal, rows: AppointmentRow[]): EntryAppointment[] {
    const now = clock.now();
    const day = todayOf(clock);
    return maskRows(rows, { personName: ['driverName', 'escortName'], phone: ['driverPhone', 'escortPhone'] }, p).map(
      ({ createdBy: _c, driverQualificationExpiresOn, ...r }) =>
        ({ ...r, driverQualificationState: expiryState(driverQualificationExpiresOn, day), can: canOf(p, r, now) }) as EntryAppointment,
    );
  }

  async function requireVisible(tx: DbOrTx, p: Principal, id: string): Promise<AppointmentRow> {
    const row = await repo.find(tx, id, visible(p));
    if (!row) throw notFound('appointment');
    return row;
  }

  async function listRows(p: Principal, q: ListQuery, page: { limit: number; offset: number }) {
    const where: SQL[] = [];
    const v = visible(p);
    if (v) where.push(v);
    if (q.status) where.push(sql`a.status = ${q.status}`);
    if (q.enterpriseId) where.push(sql`a.enterprise_id = ${q.enterpriseId}`);
    if (q.carrierId) where.push(sql`a.carrier_id = ${q.carrierId}`);
    if (q.plate) where.push(sql`a.plate ilike ${likePattern(q.plate.replace(/[\s·•.\-_]/g, '').toUpperCase())}`);
    // windows overlapping the days (Asia/Shanghai)
    if (q.from) where.push(sql`a.window_end >= ${new Date(`${q.from}T00:00:00+08:00`)}`);
    if (q.to) where.push(sql`a.window_start < ${new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)}`);
    if (q.q) where.push(sql`(a.code = ${q.q.toUpperCase()} or a.waybill_no ilike ${likePattern(q.q)} or a.plate ilike ${likePattern(q.q.toUpperCase())})`);
    const s = parseSort(q.sort, '-windowStart');
    const cols: Record<string, SQL> = {
      windowStart: sql`a.window_start`,
      createdAt: sql`a.created_at`,
      plate: sql`a.plate`,
      status: sql`a.status`,
      enterpriseName: sql`e.name`,
    };
    const order = sql`${cols[s.field] ?? cols.windowStart!} ${s.desc ? sql`desc` : sql`asc`}, a.created_at desc, a.id`;
    return repo.page(db, { where, order, ...page });
  }

  /** Drivers and escorts: the right kind, not another carrier's, qualified through the window's last day. */
  function checkPerson(person: PersonRef | undefined, kind: 'driver' | 'escort', carrierId: string, lastDay: string, path: string, issues: Issue[]) {
    if (!person) return issues.push({ path, message: `unknown ${kind}` });
    if (person.kind !== kind) return issues.push({ path, message: `${person.name} is not registered as ${kind === 'driver' ? 'a driver' : 'an escort'}` });
    if (person.carrierId && person.carrierId !== carrierId) return issues.push({ path, message: `${person.name} works for another carrier` });
    if (!person.qualificationExpiresOn || person.qualificationExpiresOn < lastDay)
      throw new AppError('QUALIFICATION_EXPIRED', `the ${kind}'s qualification is not valid through ${lastDay}`, [
        {
          path,
          message: `qualification ${person.qualificationExpiresOn ? `expires on ${person.qualificationExpiresOn}` : 'missing'}, before the window ends (${lastDay})`,
        },
      ]);
    return undefined;
  }

  /** Every check of a new appointment; answers the destination, the vehicle's plate and the normalised times. */
  async function validate(tx: DbOrTx, p: Principal, input: z.output<typeof appointmentCreateSchema>) {
    // destination: an enterprise user files for its own enterprise only
    let enterpriseId: string;
    if (p.enterpriseId) {
      if (!has(p, 'park.appointment')) throw forbidden('filing an appointment needs park.appointment');
      if (input.enterpriseId && input.enterpriseId !== p.enterpriseId) throw forbidden('an enterprise files appointments for itself only');
      enterpriseId = p.enterpriseId;
    } else {
      if (!has(p, 'park.manage')) throw forbidden('filing an appointment for an enterprise needs park.manage');
      if (!input.enterpriseId) throw validationError([{ path: 'body.enterpriseId', message: 'required: the destination enterprise' }]);
      enterpriseId = input.enterpriseId;
    }
    // window
    const start = new Date(input.windowStart);
    const end = new Date(input.windowEnd);
    const windowIssue = (message: string) => new AppError('APPOINTMENT_WINDOW_INVALID', message, [{ path: 'body.windowEnd', message }]);
    if (end <= start) throw windowIssue('the window ends after it starts');
    if (end <= clock.now()) throw windowIssue('the window has already ended');
    if (end.getTime() - start.getTime() > APPOINTMENT_MAX_WINDOW_HOURS * 3_600_000)
      throw windowIssue(`a window is at most ${APPOINTMENT_MAX_WINDOW_HOURS} hours`);
    const lastDay = localDate(end);

    const issues: Issue[] = [];
    if (!(await repo.enterprise(tx, enterpriseId))) issues.push({ path: 'body.enterpriseId', message: 'unknown enterprise' });
    const carrier = await repo.carrier(tx, input.carrierId);
    if (!carrier) issues.push({ path: 'body.carrierId', message: 'unknown carrier' });
    const vehicle = await repo.vehicle(tx, input.vehicleId);
    if (!vehicle) issues.push({ path: 'body.vehicleId', message: 'unknown vehicle' });
    else if (vehicle.carrierId !== input.carrierId) issues.push({ path: 'body.vehicleId', message: `${vehicle.plate} is not a vehicle of this carrier` });
    if (input.routeId && (await repo.routeKind(tx, input.routeId)) !== 'route') issues.push({ path: 'body.routeId', message: 'not a designated route' });
    if (vehicle?.category === 'hazmat' && !input.escortId) issues.push({ path: 'body.escortId', message: 'a hazmat vehicle travels with an escort (押运员)' });
    if (issues.length) throw validationError(issues);
    // one live appointment per vehicle at a time
    const clash = await repo.overlapping(tx, vehicle!.id, start, end);
    if (clash) {
      const message = `the vehicle ${vehicle!.plate} already has appointment ${clash} in an overlapping window`;
      throw new AppError('APPOINTMENT_WINDOW_INVALID', message, [{ path: 'body.windowStart', message }]);
    }

    checkPerson(await repo.person(tx, input.driverId), 'driver', input.carrierId, lastDay, 'body.driverId', issues);
    if (input.escortId) checkPerson(await repo.person(tx, input.escortId), 'escort', input.carrierId, lastDay, 'body.escortId', issues);
    if (issues.length) throw validationError(issues);

    const uncovered = input.cargo.flatMap((line, i) =>
      hazmatClassCovered(line.hazmatClass, vehicle!.hazmatClasses)
        ? []
        : [
            {
              path: `body.cargo.${i}.hazmatClass`,
              message: `class ${line.hazmatClass} is not among the vehicle's classes (${vehicle!.hazmatClasses.join(', ') || 'none'})`,
            },
          ],
    );
    if (uncovered.length) throw new AppError('HAZMAT_CLASS_NOT_ALLOWED', uncovered.map((u) => u.message).join('; '), uncovered);
    return { enterpriseId, plate: vehicle!.plate, start, end };
  }

  async function tell(tx: DbOrTx, userIds: string[], actor: string, r: { id: string; code: string; plate: string; enterpriseName: string }, title: string) {
    const to = [...new Set(userIds)].filter((u) => u !== actor);
    if (!to.length) return;
    await notifications.notify(tx, {
      kind: 'park.appointment',
      userIds: to,
      title: `${title}：${r.plate}（${r.code}）`,
      body: `预约入园 ${r.code}，目的企业 ${r.enterpriseName}`,
      link: `/park/appointments?id=${r.id}`,
    });
  }

  /** A state change: locked, checked against the state and the caller's role, written, audited, announced. */
  async function transition(
    ctx: RequestContext,
    p: Principal,
    id: string,
    action: 'enterpriseApprove' | 'approve' | 'reject' | 'cancel',
    reason: string | null,
  ): Promise<EntryAppointmentDetail> {
    await db.transaction(async (tx) => {
      await repo.lock(tx, id);
      const row = await requireVisible(tx, p, id);
      const now = clock.now();
      const role = roleOf(p, row.enterpriseId);
      const may = {
        enterpriseApprove: role.enterpriseSide,
        approve: role.parkApprover,
        reject: role.enterpriseSide || role.parkApprover,
        cancel: role.canceller,
      }[action];
      if (!may) throw forbidden(`you may not ${action} this appointment`);
      const can = canOf(p, row, now)[action];
      if (!can) {
        const ended = new Date(row.windowEnd) <= now;
        throw new AppError(
          'APPOINTMENT_STATE',
          ended ? 'the appointment window has ended' : `an appointment ${row.status} cannot be ${action === 'cancel' ? 'cancelled' : `${action}d`}`,
        );
      }
      const by = p.userId;
      const next = {
        enterpriseApprove: { status: 'enterpriseApproved', enterprise_approved_at: now, enterprise_approved_by: by },
        approve: { status: 'approved', park_approved_at: now, park_approved_by: by },
        reject: { status: 'rejected', rejected_at: now, rejected_by: by, reject_reason: reason },
        cancel: { status: 'cancelled' },
      }[action];
      await repo.update(tx, id, { ...next, updated_at: now });
      await audit.record(tx, ctx, {
        action: `park.appointment.${action}`,
        entityType: APPOINTMENT_ENTITY,
        entityId: id,
        diff: { status: { from: row.status, to: next.status }, ...(reason ? { reason } : {}) },
      });
      await events.notify(tx, { kind: 'park', what: 'appointments' });
      const enterpriseUsers = await repo.enterpriseUsersWith(tx, row.enterpriseId, 'park.appointment');
      const filer = row.createdBy ? [row.createdBy] : [];
      if (action === 'enterpriseApprove') await tell(tx, await repo.parkUsersWith(tx, 'park.approve'), by, row, '预约入园待园区审批');
      else if (action === 'approve') await tell(tx, [...filer, ...enterpriseUsers], by, row, '预约入园已批准');
      else if (action === 'reject') await tell(tx, [...filer, ...enterpriseUsers], by, row, '预约入园被驳回');
      else
        await tell(
          tx,
          [...filer, ...enterpriseUsers, ...(row.status === 'submitted' ? [] : await repo.parkUsersWith(tx, 'park.approve'))],
          by,
          row,
          '预约入园已取消',
        );
    });
    return detail(p, id);
  }

  async function detail(p: Principal, id: string): Promise<EntryAppointmentDetail> {
    const row = await requireVisible(db, p, id);
    const history = (await repo.history(db, APPOINTMENT_ENTITY, id)).map((h) => ({
      ...h,
      action: h.action.replace(/^park\.appointment\./, ''),
      byName: has(p, 'field.personName') ? h.byName : maskPersonName(h.byName),
    }));
    return { ...toOut(p, [row])[0]!, history };
  }

  return {
    async list(p: Principal, q: ListQuery) {
      const { rows, total } = await listRows(p, q, limitOffset(q));
      return toPage(toOut(p, rows), total, q);
    },

    get: detail,

    async create(ctx: RequestContext, p: Principal, input: z.output<typeof appointmentCreateSchema>): Promise<EntryAppointmentDetail> {
      const id = await db.transaction(async (tx) => {
        const v = await validate(tx, p, input);
        let code = appointmentCode();
        for (let i = 0; i < 5 && (await repo.codeTaken(tx, code)); i++) code = appointmentCode();
        const now = clock.now();
        const values = {
          code,
          carrier_id: input.carrierId,
          vehicle_id: input.vehicleId,
          plate: v.plate,
          driver_id: input.driverId,
          escort_id: input.escortId ?? null,
          cargo: sql`${JSON.stringify(input.cargo)}::jsonb`,
          waybill_no: input.waybillNo,
          enterprise_id: v.enterpriseId,
          route_id: input.routeId ?? null,
          window_start: v.start,
          window_end: v.end,
          status: 'submitted',
          created_by: p.userId,
          created_at: now,
          updated_at: now,
        };
        const id = await repo.insert(tx, values);
        await audit.record(tx, ctx, {
          action: 'park.appointment.create',
          entityType: APPOINTMENT_ENTITY,
          entityId: id,
          diff: { after: { ...input, code, plate: v.plate, enterpriseId: v.enterpriseId, status: 'submitted' } },
        });
        await events.notify(tx, { kind: 'park', what: 'appointments' });
        const enterprise = (await repo.enterprise(tx, v.enterpriseId))!;
        await tell(
          tx,
          await repo.enterpriseUsersWith(tx, v.enterpriseId, 'park.appointment'),
          p.userId,
          { id, code, plate: v.plate, enterpriseName: enterprise.name },
          '预约入园待企业审核',
        );
        return id;
      });
      return detail(p, id);
    },

    enterpriseApprove: (ctx: RequestContext, p: Principal, id: string) => transition(ctx, p, id, 'enterpriseApprove', null),
    approve: (ctx: RequestContext, p: Principal, id: string) => transition(ctx, p, id, 'approve', null),
    reject: (ctx: RequestContext, p: Principal, id: string, reason: string) => transition(ctx, p, id, 'reject', reason),
    cancel: (ctx: RequestContext, p: Principal, id: string, reason: string | null) => transition(ctx, p, id, 'cancel', reason),

    /** What the create form offers the caller. */
    async options(p: Principal, carrierId: string | undefined): Promise<AppointmentOptions> {
      const day = todayOf(clock);
      const carriers = (await repo.carriers(db)).map((c) => ({ id: c.id, name: c.name, licenceState: expiryState(c.licenceExpiresOn, day) }));
      const vehicles = carrierId
        ? (await repo.vehiclesOf(db, carrierId)).map((v) => ({
            id: v.id,
            plate: v.plate,
            category: v.category,
            hazmatClasses: v.hazmatClasses,
            certState: expiryState(v.transportCertExpiresOn, day),
          }))
        : [];
      const people = carrierId
        ? maskRows(
            (await repo.peopleOf(db, carrierId)).map((x) => ({ ...x, qualificationState: expiryState(x.qualificationExpiresOn, day) })),
            { personName: ['name'] },
            p,
          )
        : [];
      const pick = (kind: string) =>
        people
          .filter((x) => x.kind === kind)
          .map((x) => ({ id: x.id, name: x.name, qualificationExpiresOn: x.qualificationExpiresOn, qualificationState: x.qualificationState }));
      return {
        carriers,
        vehicles: vehicles as AppointmentOptions['vehicles'],
        drivers: pick('driver'),
        escorts: pick('escort'),
        routes: await repo.routes(db),
        enterprises: await repo.enterprises(db, p.enterpriseId),
      };
    },

    async exportXlsx(ctx: RequestContext, p: Principal, q: ListQuery) {
      const rows = toOut(p, await exportRows((page) => listRows(p, q, page)));
      return textSheet(
        audit,
        ctx,
        {
          id: 'park-appointments',
          title: '预约入园',
          entityType: APPOINTMENT_ENTITY,
          action: 'park.appointment.export',
          query: q,
          day: todayOf(clock),
          columns: [
            ['code', '预约码', 12],
            ['status', '状态', 12],
            ['plate', '车牌号', 12],
            ['carrierName', '运输企业', 24],
            ['driverName', '驾驶员', 10],
            ['escortName', '押运员', 10],
            ['cargo', '货物', 36],
            ['waybillNo', '电子运单号', 20],
            ['enterpriseName', '目的企业', 24],
            ['windowStart', '预约开始', 20],
            ['windowEnd', '预约结束', 20],
          ],
        },
        rows.map((r) => ({
          code: r.code,
          status: statusLabels[r.status] ?? r.status,
          plate: r.plate,
          carrierName: r.carrierName,
          driverName: r.driverName,
          escortName: r.escortName ?? '',
          cargo: r.cargo.map((c) => `UN${c.unNumber} ${c.name}（${c.hazmatClass}类）${c.quantity}${c.unit}`).join('；'),
          waybillNo: r.waybillNo,
          enterpriseName: r.enterpriseName,
          windowStart: r.windowStart,
          windowEnd: r.windowEnd,
        })),
      );
    },
  };
}

export type AppointmentService = ReturnType<typeof createAppointmentService>;
