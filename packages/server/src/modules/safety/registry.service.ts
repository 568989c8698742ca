// The safety registry (DOMAIN §10, issue 7): major hazard sources (重大危险源) with their installations, the three
// responsible persons and the assessment dates; devices, gateways and HJ 212 stations with their access tokens
// (shown once, stored as sha256); monitoring points (位号) with range, thresholds and alarm rule parameters.
// Reading: safety.read within safetyVisibleCondition (an enterprise sees its own, a street its enterprises). Writing:
// safety.manage, by the park (an enterprise user may not edit the registry); every write is audited and announces
// {kind: 'registry'} on zoneops_safety in its transaction, so every instance's ingest directory reloads on commit.
// One service for the three kinds of record (longer than most files): they share the visibility, the masking, the
// park-only write check and the cross-checks (a point's device and source belong to its enterprise).
import {
  ASSESSMENT_YEARS,
  hj212Factors,
  maskPersonName,
  maskPhone,
  pointRuleMessage,
  pointRuleProblems,
  responsibleRoles,
  type DeviceWithToken,
  type MajorHazard,
  type MajorHazardDetail,
  type MonitoringPoint,
  type Responsible,
  type SafetyDevice,
  type deviceCreateSchema,
  type deviceListQuery,
  type deviceUpdateSchema,
  type majorHazardCreateSchema,
  type majorHazardListQuery,
  type majorHazardUpdateSchema,
  type pointCreateSchema,
  type pointListQuery,
  type pointUpdateSchema,
} from '@zoneops/shared';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { maskRows } from '../../platform/access/masking.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { EXPORT_LIMIT } from '../../platform/excel.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import { issueDeviceToken } from './device-tokens.ts';
import { registryRepository as repo, type DeviceRow, type MajorHazardRow, type PointRow, type PointValues } from './registry.repository.ts';
import { deviceSheet, majorHazardSheet, pointExportRow, pointSheet, type SheetFile } from './registry-sheets.ts';
import { safetyVisibleCondition } from './safety-access.ts';
import type { SafetyEvents } from './safety-events.ts';

export const MAJOR_HAZARD_ENTITY = 'majorHazard';
export const DEVICE_ENTITY = 'safetyDevice';
export const POINT_ENTITY = 'monitoringPoint';
/** Points listed on a hazard source's page. */
const SOURCE_POINTS = 2_000;

type MajorHazardQuery = z.output<typeof majorHazardListQuery>;
type DeviceQuery = z.output<typeof deviceListQuery>;
type PointQuery = z.output<typeof pointListQuery>;

/** The day `years` after an ISO day (29 February → 28 February). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

/** Writes are the park's: a principal of an enterprise may read its registry, not change it (even with safety.manage). */
export function requireParkManager(p: Principal): void {
  if (p.enterpriseId) throw forbidden('the registry is kept by the park: an enterprise user may not change it');
}

const conflict = (path: string, message: string) => new AppError('CONFLICT', message, [{ path, message }]);

/** The stored values of a point row. */
const pointValuesOf = (r: PointRow): PointValues => ({
  enterpriseId: r.enterpriseId,
  majorHazardId: r.majorHazardId,
  deviceId: r.deviceId!,
  tag: r.tag,
  name: r.name,
  kind: r.kind,
  unit: r.unit,
  rangeLow: r.rangeLow,
  rangeHigh: r.rangeHigh,
  hh: r.hh,
  h: r.h,
  l: r.l,
  ll: r.ll,
  deadband: r.deadband,
  minDurationS: r.minDurationS,
  rateLimitPerMin: r.rateLimitPerMin,
  expectedIntervalS: r.expectedIntervalS,
  staleAfterIntervals: r.staleAfterIntervals,
  lng: r.lng,
  lat: r.lat,
  enabled: r.enabled,
});

const toPoint = (r: PointRow): MonitoringPoint => ({ ...r, deviceKind: r.deviceKind ?? null });

const toDevice = (r: DeviceRow): SafetyDevice => ({ ...r, hasToken: r.kind !== 'station' && r.gatewayId === null });

export function createRegistryService(deps: Deps, events: SafetyEvents) {
  const { db, audit, clock } = deps;
  const today = () => todayOf(clock);
  const nowIso = () => clock.now().toISOString();

  async function visibleEnterprise(tx: DbOrTx, p: Principal, enterpriseId: string, path: string) {
    const e = await repo.findEnterprise(tx, enterpriseId, safetyVisibleCondition(p, sql`e.id`));
    if (!e) throw validationError([{ path, message: 'unknown enterprise' }]);
    return e;
  }

  // ---- masking of the responsible persons ----

  const responsibleMasked = (p: Principal) => !p.permissions.has('field.phone') || !p.permissions.has('field.personName');

  function maskResponsible(p: Principal, r: Responsible): Responsible {
    const persons = maskRows(
      // a row written elsewhere may lack a person: shown empty rather than failing the answer
      responsibleRoles.map((role) => ({ name: r?.[role]?.name ?? '', phone: r?.[role]?.phone ?? '' })),
      { phone: ['phone'], personName: ['name'] },
      p,
    );
    return { main: persons[0]!, technical: persons[1]!, operational: persons[2]! };
  }

  const toSource = (p: Principal, r: MajorHazardRow, day: string): MajorHazard => ({
    ...r,
    responsible: maskResponsible(p, r.responsible),
    responsibleMasked: responsibleMasked(p),
    assessmentOverdue: r.assessmentDueOn !== null && r.assessmentDueOn < day,
  });

  /**
   * The responsible persons as sent, where a masked name or phone (as the caller was shown it) keeps the stored value;
   * any other masked text is refused, so that a mask is never stored.
   */
  function unmaskResponsible(sent: Responsible, stored: Responsible | null, base: string): Responsible {
    const issues: { path: string; message: string }[] = [];
    const out = {} as Responsible;
    for (const role of responsibleRoles) {
      const person = { ...sent[role] };
      const before = stored?.[role];
      if (person.phone.includes('*')) {
        if (before && maskPhone(before.phone) === person.phone) person.phone = before.phone;
        else issues.push({ path: `${base}.${role}.phone`, message: 'type the whole phone number' });
      }
      if (person.name.includes('*')) {
        if (before && maskPersonName(before.name) === person.name) person.name = before.name;
        else issues.push({ path: `${base}.${role}.name`, message: 'type the whole name' });
      }
      out[role] = person;
    }
    if (issues.length) throw validationError(issues);
    return out;
  }

  // ---- hazard sources ----

  async function requireSource(tx: DbOrTx, p: Principal, id: string): Promise<MajorHazardRow> {
    const row = await repo.findMajorHazard(tx, id, safetyVisibleCondition(p, sql`hs.enterprise_id`));
    if (!row) throw notFound('hazard source');
    return row;
  }

  async function requireSourceOf(tx: DbOrTx, sourceId: string, enterpriseId: string, path: string): Promise<void> {
    const s = await repo.findSourceOfEnterprise(tx, sourceId);
    if (!s) throw validationError([{ path, message: 'unknown hazard source' }]);
    if (s.enterpriseId !== enterpriseId) throw validationError([{ path, message: 'the hazard source belongs to another enterprise' }]);
  }

  async function listSourceRows(p: Principal, q: MajorHazardQuery, page: { limit: number; offset: number }) {
    const { page: _p, pageSize: _s, sort, ...filter } = q;
    return repo.listMajorHazards(db, { filter: { ...filter, today: today() }, visible: safetyVisibleCondition(p, sql`hs.enterprise_id`), sort, ...page });
  }

  // ---- devices ----

  async function requireDevice(tx: DbOrTx, p: Principal, id: string): Promise<DeviceRow> {
    const row = await repo.findDevice(tx, id, nowIso(), safetyVisibleCondition(p, sql`d.enterprise_id`));
    if (!row) throw notFound('device');
    return row;
  }

  async function listDeviceRows(p: Principal, q: DeviceQuery, page: { limit: number; offset: number }) {
    const { page: _p, pageSize: _s, sort, ...filter } = q;
    return repo.listDevices(db, { filter: { ...filter, now: nowIso() }, visible: safetyVisibleCondition(p, sql`d.enterprise_id`), sort, ...page });
  }

  /** Only devices not behind a gateway and gateways hold a token; stations are known by their MN. */
  const holdsToken = (d: { kind: string; gatewayId: string | null }) => d.kind !== 'station' && d.gatewayId === null;

  // ---- points ----

  async function requirePoint(tx: DbOrTx, p: Principal, id: string): Promise<PointRow> {
    const row = await repo.findPoint(tx, id, safetyVisibleCondition(p, sql`p.enterprise_id`));
    if (!row) throw notFound('monitoring point');
    return row;
  }

  async function listPointRows(p: Principal, q: PointQuery, page: { limit: number; offset: number }) {
    const { page: _p, pageSize: _s, sort, ...filter } = q;
    return repo.listPoints(db, { filter, visible: safetyVisibleCondition(p, sql`p.enterprise_id`), sort, ...page });
  }

  /** The device carries the point: it exists, is the point's enterprise's, and is not a gateway. */
  async function requirePointDevice(tx: DbOrTx, deviceId: string, enterpriseId: string, path: string) {
    const d = await repo.findDeviceRef(tx, deviceId);
    if (!d) throw validationError([{ path, message: 'unknown device' }]);
    if (d.enterpriseId !== enterpriseId) throw validationError([{ path, message: 'the device belongs to another enterprise' }]);
    if (d.kind === 'gateway') throw validationError([{ path, message: 'a gateway carries devices, not points: choose the device behind it' }]);
  }

  /** Checks of a point's references and rule on its complete values (create, or stored values merged with an edit). */
  async function checkPoint(tx: DbOrTx, p: Principal, v: PointValues, exceptId?: string): Promise<void> {
    const problems = pointRuleProblems(v);
    if (problems.length) throw validationError(problems.map((x) => ({ path: `body.${x.field}`, message: pointRuleMessage(x) })));
    await visibleEnterprise(tx, p, v.enterpriseId, 'body.enterpriseId');
    await requirePointDevice(tx, v.deviceId, v.enterpriseId, 'body.deviceId');
    if (v.majorHazardId) await requireSourceOf(tx, v.majorHazardId, v.enterpriseId, 'body.majorHazardId');
    if (await repo.tagTaken(tx, v.deviceId, v.tag, exceptId)) throw conflict('body.tag', `the device already has a point tagged ${v.tag}`);
  }

  const sheetList = async <R>(fetch: (page: { limit: number; offset: number }) => Promise<{ rows: R[]; total: number }>): Promise<R[]> => {
    const { rows, total } = await fetch({ limit: EXPORT_LIMIT, offset: 0 });
    if (total > EXPORT_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', `${total} rows are more than an export holds (${EXPORT_LIMIT}); narrow the filters`);
    return rows;
  };

  return {
    // ---------------- hazard sources ----------------
    async listMajorHazards(p: Principal, q: MajorHazardQuery) {
      const day = today();
      const { rows, total } = await listSourceRows(p, q, limitOffset(q));
      return toPage(
        rows.map((r) => toSource(p, r, day)),
        total,
        q,
      );
    },

    async getMajorHazard(p: Principal, id: string): Promise<MajorHazardDetail> {
      const row = await requireSource(db, p, id);
      const points = await repo.pointsOfSource(db, id, SOURCE_POINTS);
      const counts = { online: 0, offline: 0, never: 0, revoked: 0 };
      for (const c of await repo.deviceCountsOfSource(db, id, nowIso())) counts[c.status as keyof typeof counts] = c.n;
      return { ...toSource(p, row, today()), pointList: points.map(toPoint), deviceCounts: counts };
    },

    async createMajorHazard(ctx: RequestContext, p: Principal, input: z.output<typeof majorHazardCreateSchema>) {
      requireParkManager(p);
      const id = await db.transaction(async (tx) => {
        await visibleEnterprise(tx, p, input.enterpriseId, 'body.enterpriseId');
        if (await repo.majorHazardCodeTaken(tx, input.code)) throw conflict('body.code', `a hazard source coded ${input.code} exists`);
        const values = {
          code: input.code,
          name: input.name,
          level: input.level,
          installations: input.installations,
          responsible: unmaskResponsible(input.responsible, null, 'body.responsible'),
          assessedOn: input.assessedOn ?? null,
          assessmentDueOn: input.assessmentDueOn ?? (input.assessedOn ? addYears(input.assessedOn, ASSESSMENT_YEARS) : null),
          lng: input.lng ?? null,
          lat: input.lat ?? null,
        };
        const id = await repo.insertMajorHazard(tx, input.enterpriseId, values, p.userId);
        await audit.record(tx, ctx, {
          action: 'safety.majorHazard.create',
          entityType: MAJOR_HAZARD_ENTITY,
          entityId: id,
          diff: diffOf(null, { enterpriseId: input.enterpriseId, ...values }),
        });
        await events.notify(tx, { kind: 'registry' });
        return id;
      });
      return toSource(p, (await repo.findMajorHazard(db, id, undefined))!, today());
    },

    async updateMajorHazard(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof majorHazardUpdateSchema>) {
      requireParkManager(p);
      await db.transaction(async (tx) => {
        const before = await requireSource(tx, p, id);
        const code = input.code ?? before.code;
        if (code !== before.code && (await repo.majorHazardCodeTaken(tx, code, id))) throw conflict('body.code', `a hazard source coded ${code} exists`);
        const assessedOn = input.assessedOn === undefined ? before.assessedOn : input.assessedOn;
        // a new assessment date moves the due date with it unless one is given
        const assessmentDueOn =
          input.assessmentDueOn !== undefined
            ? input.assessmentDueOn
            : assessedOn !== before.assessedOn
              ? assessedOn
                ? addYears(assessedOn, ASSESSMENT_YEARS)
                : null
              : before.assessmentDueOn;
        if (assessedOn && assessmentDueOn && assessmentDueOn <= assessedOn)
          throw validationError([{ path: 'body.assessmentDueOn', message: 'the next assessment is due after the last one' }]);
        const pick = <K extends keyof MajorHazardRow>(k: K, v: MajorHazardRow[K] | null | undefined) => (v === undefined ? before[k] : v);
        const after = {
          code,
          name: input.name ?? before.name,
          level: input.level ?? before.level,
          installations: input.installations ?? before.installations,
          responsible: input.responsible ? unmaskResponsible(input.responsible, before.responsible, 'body.responsible') : before.responsible,
          assessedOn,
          assessmentDueOn,
          lng: pick('lng', input.lng),
          lat: pick('lat', input.lat),
        };
        await repo.updateMajorHazard(tx, id, after, clock.now());
        const { enterpriseId: _e, enterpriseName: _n, points: _p, devices: _d, createdAt: _c, updatedAt: _u, id: _i, ...old } = before;
        await audit.record(tx, ctx, { action: 'safety.majorHazard.update', entityType: MAJOR_HAZARD_ENTITY, entityId: id, diff: diffOf(old, after) });
        await events.notify(tx, { kind: 'registry' });
      });
      return toSource(p, (await repo.findMajorHazard(db, id, undefined))!, today());
    },

    /** Soft delete; refused while points still belong to the source. */
    async removeMajorHazard(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      requireParkManager(p);
      await db.transaction(async (tx) => {
        const before = await requireSource(tx, p, id);
        const n = await repo.countPointsOfSource(tx, id);
        if (n > 0)
          throw new AppError('CONFLICT', `the hazard source ${before.code} still has ${n} monitoring points: move or delete them first`, [
            { path: 'id', message: `${n} monitoring points belong to this hazard source` },
          ]);
        await repo.softDeleteMajorHazard(tx, id, clock.now());
        await audit.record(tx, ctx, {
          action: 'safety.majorHazard.delete',
          entityType: MAJOR_HAZARD_ENTITY,
          entityId: id,
          diff: diffOf({ code: before.code, name: before.name, enterpriseId: before.enterpriseId, level: before.level }, null),
        });
        await events.notify(tx, { kind: 'registry' });
      });
    },

    async exportMajorHazards(ctx: RequestContext, p: Principal, q: MajorHazardQuery): Promise<SheetFile> {
      const day = today();
      const rows = (await sheetList((page) => listSourceRows(p, q, page))).map((r) => toSource(p, r, day));
      await audit.record(null, ctx, { action: 'safety.majorHazard.export', entityType: MAJOR_HAZARD_ENTITY, diff: { rows: rows.length } });
      return majorHazardSheet(rows, day);
    },

    // ---------------- devices ----------------
    async listDevices(p: Principal, q: DeviceQuery) {
      const { rows, total } = await listDeviceRows(p, q, limitOffset(q));
      return toPage(rows.map(toDevice), total, q);
    },

    async getDevice(p: Principal, id: string): Promise<SafetyDevice> {
      return toDevice(await requireDevice(db, p, id));
    },

    /**
     * Registers a device, a gateway or a station. A device of its own and a gateway get a token, answered here once;
     * a station's factor points are created from the HJ 212 factor codes given.
     */
    async createDevice(ctx: RequestContext, p: Principal, input: z.output<typeof deviceCreateSchema>): Promise<DeviceWithToken> {
      requireParkManager(p);
      const issued = holdsToken({ kind: input.kind, gatewayId: input.gatewayId ?? null }) ? issueDeviceToken(clock.now()) : null;
      const { id, points } = await db.transaction(async (tx) => {
        await visibleEnterprise(tx, p, input.enterpriseId, 'body.enterpriseId');
        if (input.gatewayId) {
          const g = await repo.findDeviceRef(tx, input.gatewayId);
          if (!g || g.kind !== 'gateway') throw validationError([{ path: 'body.gatewayId', message: 'unknown gateway' }]);
          if (g.enterpriseId !== input.enterpriseId) throw validationError([{ path: 'body.gatewayId', message: 'the gateway belongs to another enterprise' }]);
          if (await repo.deviceNameTakenBehindGateway(tx, input.gatewayId, input.name))
            throw conflict('body.name', `the gateway already carries a device named ${input.name}`);
        }
        if (input.mn && (await repo.mnTaken(tx, input.mn))) throw conflict('body.mn', `a station with the MN ${input.mn} exists`);
        if (input.majorHazardId) await requireSourceOf(tx, input.majorHazardId, input.enterpriseId, 'body.majorHazardId');
        const id = await repo.insertDevice(
          tx,
          {
            kind: input.kind,
            name: input.name,
            enterpriseId: input.enterpriseId,
            gatewayId: input.gatewayId ?? null,
            mn: input.mn ?? null,
            expectedIntervalS: input.expectedIntervalS,
            token: issued,
          },
          p.userId,
        );
        const factorPoints: PointValues[] = input.factors.map((code) => ({
          enterpriseId: input.enterpriseId,
          majorHazardId: input.majorHazardId ?? null,
          deviceId: id,
          tag: code,
          name: hj212Factors[code]!.zh,
          kind: 'other',
          unit: hj212Factors[code]!.unit,
          rangeLow: null,
          rangeHigh: null,
          hh: null,
          h: null,
          l: null,
          ll: null,
          deadband: 0,
          minDurationS: 0,
          rateLimitPerMin: null,
          expectedIntervalS: input.expectedIntervalS,
          staleAfterIntervals: 3,
          lng: null,
          lat: null,
          enabled: true,
        }));
        await repo.insertPoints(tx, factorPoints, p.userId);
        const { factors, ...rest } = input;
        await audit.record(tx, ctx, {
          action: 'safety.device.create',
          entityType: DEVICE_ENTITY,
          entityId: id,
          diff: { ...diffOf(null, { ...rest, tokenHint: issued?.tokenHint ?? null }), factorPoints: factors },
        });
        await events.notify(tx, { kind: 'registry' });
        return { id, points: factorPoints.length };
      });
      return { device: toDevice((await repo.findDevice(db, id, nowIso(), undefined))!), token: issued?.token ?? null, points };
    },

    async updateDevice(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof deviceUpdateSchema>): Promise<SafetyDevice> {
      requireParkManager(p);
      await db.transaction(async (tx) => {
        const before = await requireDevice(tx, p, id);
        if (input.mn !== undefined && before.kind !== 'station') throw validationError([{ path: 'body.mn', message: 'only a station has an MN code' }]);
        const after = { name: input.name ?? before.name, mn: input.mn ?? before.mn, expectedIntervalS: input.expectedIntervalS ?? before.expectedIntervalS };
        if (before.gatewayId && after.name !== before.name && (await repo.deviceNameTakenBehindGateway(tx, before.gatewayId, after.name, id)))
          throw conflict('body.name', `the gateway already carries a device named ${after.name}`);
        if (after.mn && after.mn !== before.mn && (await repo.mnTaken(tx, after.mn, id))) throw conflict('body.mn', `a station with the MN ${after.mn} exists`);
        await repo.updateDevice(tx, id, after, clock.now());
        await audit.record(tx, ctx, {
          action: 'safety.device.update',
          entityType: DEVICE_ENTITY,
          entityId: id,
          diff: diffOf({ name: before.name, mn: before.mn, expectedIntervalS: before.expectedIntervalS }, after),
        });
        await events.notify(tx, { kind: 'registry' });
      });
      return toDevice(await requireDevice(db, p, id));
    },

    /** A new token (answered once); the old one stops working at commit, and a revocation is lifted. */
    async rotateToken(ctx: RequestContext, p: Principal, id: string): Promise<DeviceWithToken> {
      requireParkManager(p);
      const issued = issueDeviceToken(clock.now());
      await db.transaction(async (tx) => {
        const before = await requireDevice(tx, p, id);
        if (!holdsToken(before)) throw new AppError('CONFLICT', 'this device has no token of its own (a station, or a device behind a gateway)');
        await repo.setDeviceToken(tx, id, issued, clock.now());
        await audit.record(tx, ctx, {
          action: 'safety.device.rotateToken',
          entityType: DEVICE_ENTITY,
          entityId: id,
          diff: diffOf({ tokenHint: before.tokenHint, revokedAt: before.revokedAt }, { tokenHint: issued.tokenHint, revokedAt: null }),
        });
        await events.notify(tx, { kind: 'registry' });
      });
      return { device: toDevice(await requireDevice(db, p, id)), token: issued.token, points: 0 };
    },

    /** The token is refused from now on (until a rotation issues a new one). */
    async revokeDevice(ctx: RequestContext, p: Principal, id: string): Promise<SafetyDevice> {
      requireParkManager(p);
      await db.transaction(async (tx) => {
        const before = await requireDevice(tx, p, id);
        if (!holdsToken(before)) throw new AppError('CONFLICT', 'this device has no token of its own (a station, or a device behind a gateway)');
        if (before.revokedAt) return;
        await repo.revokeDevice(tx, id, clock.now());
        await audit.record(tx, ctx, {
          action: 'safety.device.revoke',
          entityType: DEVICE_ENTITY,
          entityId: id,
          diff: { tokenHint: before.tokenHint, revokedAt: clock.now().toISOString() },
        });
        await events.notify(tx, { kind: 'registry' });
      });
      return toDevice(await requireDevice(db, p, id));
    },

    /** Soft delete (its token dies with it); refused while points or devices behind it remain. */
    async removeDevice(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      requireParkManager(p);
      await db.transaction(async (tx) => {
        const before = await requireDevice(tx, p, id);
        if (before.points > 0 || before.children > 0) {
          const what = [before.points ? `${before.points} monitoring points` : '', before.children ? `${before.children} devices behind it` : '']
            .filter(Boolean)
            .join(' and ');
          throw new AppError('CONFLICT', `the device ${before.name} still has ${what}: move or delete them first`, [{ path: 'id', message: what }]);
        }
        await repo.softDeleteDevice(tx, id, clock.now());
        await audit.record(tx, ctx, {
          action: 'safety.device.delete',
          entityType: DEVICE_ENTITY,
          entityId: id,
          diff: diffOf({ kind: before.kind, name: before.name, enterpriseId: before.enterpriseId, mn: before.mn, tokenHint: before.tokenHint }, null),
        });
        await events.notify(tx, { kind: 'registry' });
      });
    },

    async exportDevices(ctx: RequestContext, p: Principal, q: DeviceQuery): Promise<SheetFile> {
      const rows = (await sheetList((page) => listDeviceRows(p, q, page))).map(toDevice);
      await audit.record(null, ctx, { action: 'safety.device.export', entityType: DEVICE_ENTITY, diff: { rows: rows.length } });
      return deviceSheet(rows, today());
    },

    // ---------------- points ----------------
    async listPoints(p: Principal, q: PointQuery) {
      const { rows, total } = await listPointRows(p, q, limitOffset(q));
      return toPage(rows.map(toPoint), total, q);
    },

    async getPoint(p: Principal, id: string): Promise<MonitoringPoint> {
      return toPoint(await requirePoint(db, p, id));
    },

    async createPoint(ctx: RequestContext, p: Principal, input: z.output<typeof pointCreateSchema>): Promise<MonitoringPoint> {
      requireParkManager(p);
      const values: PointValues = {
        ...input,
        majorHazardId: input.majorHazardId ?? null,
        rangeLow: input.rangeLow ?? null,
        rangeHigh: input.rangeHigh ?? null,
        hh: input.hh ?? null,
        h: input.h ?? null,
        l: input.l ?? null,
        ll: input.ll ?? null,
        rateLimitPerMin: input.rateLimitPerMin ?? null,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
      };
      const id = await db.transaction(async (tx) => {
        await checkPoint(tx, p, values);
        const id = await repo.insertPoint(tx, values, p.userId);
        await audit.record(tx, ctx, { action: 'safety.point.create', entityType: POINT_ENTITY, entityId: id, diff: diffOf(null, { ...values }) });
        await events.notify(tx, { kind: 'registry' });
        return id;
      });
      return toPoint((await repo.findPoint(db, id, undefined))!);
    },

    /** Only the fields sent change; the whole point is checked again (references, tag, range and thresholds). */
    async updatePoint(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof pointUpdateSchema>): Promise<MonitoringPoint> {
      requireParkManager(p);
      await db.transaction(async (tx) => {
        const before = await requirePoint(tx, p, id);
        const old = pointValuesOf(before);
        const after = { ...old } as Record<string, unknown>;
        for (const [k, v] of Object.entries(input)) if (v !== undefined) after[k] = v;
        const values = after as unknown as PointValues;
        await checkPoint(tx, p, values, id);
        await repo.updatePoint(tx, id, values, clock.now());
        await audit.record(tx, ctx, { action: 'safety.point.update', entityType: POINT_ENTITY, entityId: id, diff: diffOf({ ...old }, { ...values }) });
        await events.notify(tx, { kind: 'registry' });
      });
      return toPoint(await requirePoint(db, p, id));
    },

    async removePoint(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      requireParkManager(p);
      await db.transaction(async (tx) => {
        const before = await requirePoint(tx, p, id);
        await repo.softDeletePoint(tx, id, clock.now());
        await audit.record(tx, ctx, {
          action: 'safety.point.delete',
          entityType: POINT_ENTITY,
          entityId: id,
          diff: diffOf({ ...pointValuesOf(before) }, null),
        });
        await events.notify(tx, { kind: 'registry' });
      });
    },

    /** The points as the import template lays them out (an export imports back as new points elsewhere). */
    async exportPoints(ctx: RequestContext, p: Principal, q: PointQuery): Promise<SheetFile> {
      const rows = await sheetList((page) => listPointRows(p, q, page));
      await audit.record(null, ctx, { action: 'safety.point.export', entityType: POINT_ENTITY, diff: { rows: rows.length } });
      return pointSheet(rows.map(pointExportRow), today());
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
