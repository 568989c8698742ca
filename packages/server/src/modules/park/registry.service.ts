// The closed-park registry (DOMAIN §11, issue 8): checkpoints (卡口) with lanes and devices, carriers with their
// transport licence, vehicles (plates normalised and checked, new-energy plates included) and people (drivers and
// escorts with their qualification). Reading: park.read. Writing: park.manage, by the park (not an enterprise user);
// every write is audited and announces {kind:'park', what:'registry'} on zoneops_safety in its transaction, so the
// gate processor and the position directory of every instance reload on commit. Deletes are soft.
// Contact data is masked for principals without field.phone / field.uscc (identity numbers, like credit codes) /
// field.personName, on screen and in exports. White/black lists and terminals: registry-lists.service.ts.
import {
  defaultAllowedCategories,
  expiryState,
  plateKind,
  type ParkCheckpoint,
  type CheckpointKind,
  type GateDevice,
  type ParkPerson,
  type ParkVehicle,
  type Carrier,
  type carrierCreateSchema,
  type carrierListQuery,
  type carrierUpdateSchema,
  type parkCheckpointCreateSchema,
  type parkCheckpointListQuery,
  type parkCheckpointUpdateSchema,
  type gateDeviceCreateSchema,
  type gateDeviceUpdateSchema,
  type parkPersonCreateSchema,
  type parkPersonListQuery,
  type parkPersonUpdateSchema,
  type parkVehicleCreateSchema,
  type parkVehicleListQuery,
  type parkVehicleUpdateSchema,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { maskRows } from '../../platform/access/masking.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import {
  CARRIER_ENTITY,
  CHECKPOINT_ENTITY,
  GATE_DEVICE_ENTITY,
  PERSON_ENTITY,
  VEHICLE_ENTITY,
  checkedPlate,
  conflict,
  expiryCondition,
  expiryLabels,
  exportRows,
  orderBy,
  requireParkSide,
  throwIssues,
  unmasked,
} from './registry-common.ts';
import {
  registryRepository as repo,
  type CarrierRow,
  type CheckpointRow,
  type GateDeviceRow,
  type ListArgs,
  type PersonRow,
  type VehicleRow,
} from './registry.repository.ts';
import { bodyLabels, categoryLabels, checkpointKindLabels, directionLabels, deviceKindLabels, personKindLabels, textSheet } from './registry-sheets.ts';

type CheckpointQuery = z.output<typeof parkCheckpointListQuery>;
type CarrierQuery = z.output<typeof carrierListQuery>;
type VehicleQuery = z.output<typeof parkVehicleListQuery>;
type PersonQuery = z.output<typeof parkPersonListQuery>;
type Paging = { limit: number; offset: number };

const QUALIFIED = new Set(['driver', 'escort']);

const toDevice = (r: GateDeviceRow): GateDevice => r as GateDevice;

export function createParkRegistryService(deps: Deps, events: SafetyEvents) {
  const { db, audit, clock } = deps;
  const today = () => todayOf(clock);
  const changed = (tx: DbOrTx) => events.notify(tx, { kind: 'park', what: 'registry' });
  const stamp = () => {
    const now = clock.now();
    return { now, created: { created_at: now, updated_at: now } };
  };

  // ---- checkpoints ----

  async function parkCheckpointPage(q: CheckpointQuery, page: Paging) {
    const where: SQL[] = [];
    if (q.kind) where.push(sql`c.kind = ${q.kind}`);
    if (q.open) where.push(sql`c.open = ${q.open === 'true'}`);
    if (q.q) where.push(sql`(c.code ilike ${likePattern(q.q)} or c.name ilike ${likePattern(q.q)})`);
    const order = orderBy(q.sort, 'code', { code: sql`c.code`, name: sql`c.name`, kind: sql`c.kind`, updatedAt: sql`c.updated_at` }, sql`c.id`);
    const { rows, total } = await repo.listCheckpoints(db, { where, order, ...page });
    const devices = await repo.devicesOf(
      db,
      rows.map((r) => r.id),
    );
    return { rows: rows.map((r) => toCheckpoint(r, devices)), total };
  }

  const toCheckpoint = (r: CheckpointRow, devices: GateDeviceRow[]): ParkCheckpoint =>
    ({ ...r, devices: devices.filter((d) => d.checkpointId === r.id).map(toDevice) }) as ParkCheckpoint;

  async function requireCheckpoint(tx: DbOrTx, id: string): Promise<CheckpointRow> {
    const row = await repo.findCheckpoint(tx, id);
    if (!row) throw notFound('checkpoint');
    return row;
  }

  async function checkpointOut(id: string): Promise<ParkCheckpoint> {
    const row = (await repo.findCheckpoint(db, id))!;
    return toCheckpoint(row, await repo.devicesOf(db, [id]));
  }

  /** A device's lane exists on its checkpoint and points the same way. */
  function checkLane(cp: { lanes: CheckpointRow['lanes'] }, laneCode: string | null | undefined, direction: string) {
    if (!laneCode) return;
    const lane = cp.lanes.find((l) => l.code === laneCode);
    if (!lane) throw validationError([{ path: 'body.laneCode', message: `the checkpoint has no lane ${laneCode}` }]);
    if (lane.direction !== 'both' && lane.direction !== direction)
      throw validationError([{ path: 'body.direction', message: `lane ${laneCode} is an ${lane.direction} lane` }]);
  }

  // ---- carriers ----

  async function carrierPage(q: CarrierQuery, page: Paging) {
    const where: SQL[] = [];
    if (q.licenceState) where.push(expiryCondition(sql`c.licence_expires_on`, q.licenceState, today()));
    if (q.q) where.push(sql`(c.name ilike ${likePattern(q.q)} or c.licence_no ilike ${likePattern(q.q)})`);
    const order = orderBy(
      q.sort,
      'name',
      { name: sql`c.name`, licenceNo: sql`c.licence_no`, licenceExpiresOn: sql`c.licence_expires_on`, updatedAt: sql`c.updated_at` },
      sql`c.id`,
    );
    return repo.listCarriers(db, { where, order, ...page });
  }

  const toCarriers = (p: Principal, rows: CarrierRow[]): Carrier[] =>
    maskRows(
      rows.map((r) => ({ ...r, licenceState: expiryState(r.licenceExpiresOn, today()) })),
      { uscc: ['uscc'], personName: ['contactName'], phone: ['contactPhone'] },
      p,
    );

  async function requireCarrier(tx: DbOrTx, id: string): Promise<CarrierRow> {
    const row = await repo.findCarrier(tx, id);
    if (!row) throw notFound('carrier');
    return row;
  }

  async function refCarrier(tx: DbOrTx, id: string | null | undefined, path: string): Promise<void> {
    if (id && !(await repo.findCarrier(tx, id))) throw validationError([{ path, message: 'unknown carrier' }]);
  }
  async function refEnterprise(tx: DbOrTx, id: string | null | undefined, path: string): Promise<void> {
    if (id && !(await repo.enterpriseExists(tx, id))) throw validationError([{ path, message: 'unknown enterprise' }]);
  }

  // ---- vehicles ----

  async function vehiclePage(q: VehicleQuery, page: Paging) {
    const where: SQL[] = [];
    if (q.carrierId) where.push(sql`v.carrier_id = ${q.carrierId}`);
    if (q.enterpriseId) where.push(sql`v.enterprise_id = ${q.enterpriseId}`);
    if (q.category) where.push(sql`v.category = ${q.category}`);
    if (q.hazmatClass) where.push(sql`${q.hazmatClass} = any(v.hazmat_classes)`);
    if (q.certState) where.push(expiryCondition(sql`v.transport_cert_expires_on`, q.certState, today()));
    if (q.q) {
      const like = likePattern(q.q.replace(/[\s·•.\-_]/g, '').toUpperCase());
      where.push(sql`(v.plate ilike ${like} or v.transport_cert_no ilike ${likePattern(q.q)} or c.name ilike ${likePattern(q.q)})`);
    }
    const order = orderBy(
      q.sort,
      'plate',
      {
        plate: sql`v.plate`,
        category: sql`v.category`,
        carrierName: sql`c.name`,
        transportCertExpiresOn: sql`v.transport_cert_expires_on`,
        updatedAt: sql`v.updated_at`,
      },
      sql`v.id`,
    );
    return repo.listVehicles(db, { where, order, ...page });
  }

  const toVehicle = (r: VehicleRow): ParkVehicle =>
    ({ ...r, plateKind: plateKind(r.plate), certState: expiryState(r.transportCertExpiresOn, today()) }) as ParkVehicle;

  async function requireVehicle(tx: DbOrTx, id: string): Promise<VehicleRow> {
    const row = await repo.findVehicle(tx, id);
    if (!row) throw notFound('vehicle');
    return row;
  }

  // ---- people ----

  async function personPage(q: PersonQuery, page: Paging) {
    const where: SQL[] = [];
    if (q.kind) where.push(sql`p.kind = ${q.kind}`);
    if (q.carrierId) where.push(sql`p.carrier_id = ${q.carrierId}`);
    if (q.enterpriseId) where.push(sql`p.enterprise_id = ${q.enterpriseId}`);
    if (q.qualificationState) where.push(expiryCondition(sql`p.qualification_expires_on`, q.qualificationState, today()));
    if (q.q) where.push(sql`(p.name ilike ${likePattern(q.q)} or p.person_code = ${q.q} or p.qualification_no = ${q.q})`);
    const order = orderBy(
      q.sort,
      'name',
      { name: sql`p.name`, kind: sql`p.kind`, carrierName: sql`c.name`, qualificationExpiresOn: sql`p.qualification_expires_on`, updatedAt: sql`p.updated_at` },
      sql`p.id`,
    );
    return repo.listPeople(db, { where, order, ...page });
  }

  const toPeople = (p: Principal, rows: PersonRow[]): ParkPerson[] =>
    maskRows(
      rows.map((r) => ({ ...r, qualificationState: QUALIFIED.has(r.kind) ? expiryState(r.qualificationExpiresOn, today()) : null })),
      { personName: ['name'], uscc: ['idNumber'], phone: ['phone'] },
      p,
    ) as ParkPerson[];

  async function requirePerson(tx: DbOrTx, id: string): Promise<PersonRow> {
    const row = await repo.findPerson(tx, id);
    if (!row) throw notFound('person');
    return row;
  }

  /** A person's complete values checked: drivers and escorts carry a qualification, references exist, code unique. */
  async function checkPerson(
    tx: DbOrTx,
    v: {
      kind: string;
      carrierId: string | null;
      enterpriseId: string | null;
      qualificationNo: string | null;
      qualificationExpiresOn: string | null;
      personCode: string | null;
    },
    exceptId?: string,
  ) {
    if (QUALIFIED.has(v.kind)) {
      const issues: { path: string; message: string }[] = [];
      if (!v.qualificationNo) issues.push({ path: 'body.qualificationNo', message: 'required for drivers and escorts' });
      if (!v.qualificationExpiresOn) issues.push({ path: 'body.qualificationExpiresOn', message: 'required for drivers and escorts' });
      throwIssues(issues);
    }
    await refCarrier(tx, v.carrierId, 'body.carrierId');
    await refEnterprise(tx, v.enterpriseId, 'body.enterpriseId');
    if (v.personCode && (await repo.personCodeTaken(tx, v.personCode, exceptId)))
      throw conflict('PERSON_CODE_TAKEN', 'body.personCode', `a person coded ${v.personCode} exists`);
  }

  const sheet = (ctx: RequestContext, spec: Omit<Parameters<typeof textSheet>[2], 'day'>, rows: Record<string, string>[]) =>
    textSheet(audit, ctx, { ...spec, day: today() }, rows);

  return {
    // ---------------- checkpoints ----------------
    async listCheckpoints(q: CheckpointQuery) {
      const { rows, total } = await parkCheckpointPage(q, limitOffset(q));
      return toPage(rows, total, q);
    },

    async getCheckpoint(id: string): Promise<ParkCheckpoint> {
      await requireCheckpoint(db, id);
      return checkpointOut(id);
    },

    async createCheckpoint(ctx: RequestContext, p: Principal, input: z.output<typeof parkCheckpointCreateSchema>) {
      requireParkSide(p);
      const kind = input.kind as CheckpointKind;
      const values = {
        code: input.code,
        name: input.name,
        kind,
        lanes: input.lanes,
        allowedCategories: input.allowedCategories ?? [...defaultAllowedCategories[kind]],
        lon: input.lon ?? null,
        lat: input.lat ?? null,
        open: input.open ?? kind !== 'emergency',
      };
      const id = await db.transaction(async (tx) => {
        if (await repo.checkpointCodeTaken(tx, input.code)) throw conflict('CHECKPOINT_CODE_TAKEN', 'body.code', `a checkpoint coded ${input.code} exists`);
        const { created } = stamp();
        const id = await repo.insertRow(tx, 'checkpoints', {
          code: values.code,
          name: values.name,
          kind: values.kind,
          lanes: sql`${JSON.stringify(values.lanes)}::jsonb`,
          allowed_categories: repo.textArray(values.allowedCategories),
          lon: values.lon,
          lat: values.lat,
          open: values.open,
          created_by: p.userId,
          ...created,
        });
        await audit.record(tx, ctx, { action: 'park.checkpoint.create', entityType: CHECKPOINT_ENTITY, entityId: id, diff: diffOf(null, values) });
        await changed(tx);
        return id;
      });
      return checkpointOut(id);
    },

    async updateCheckpoint(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof parkCheckpointUpdateSchema>) {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requireCheckpoint(tx, id);
        const kind = (input.kind ?? before.kind) as CheckpointKind;
        const after = {
          code: input.code ?? before.code,
          name: input.name ?? before.name,
          kind,
          lanes: input.lanes ?? before.lanes,
          // a new kind brings its default categories unless they are given
          allowedCategories:
            input.allowedCategories ?? (input.kind && input.kind !== before.kind ? [...defaultAllowedCategories[kind]] : before.allowedCategories),
          lon: input.lon === undefined ? before.lon : input.lon,
          lat: input.lat === undefined ? before.lat : input.lat,
          open: input.open ?? before.open,
        };
        if (after.code !== before.code && (await repo.checkpointCodeTaken(tx, after.code, id)))
          throw conflict('CHECKPOINT_CODE_TAKEN', 'body.code', `a checkpoint coded ${after.code} exists`);
        if (input.lanes) {
          const codes = new Set(input.lanes.map((l) => l.code));
          const orphan = (await repo.devicesOf(tx, [id])).find((d) => d.laneCode && !codes.has(d.laneCode));
          if (orphan) throw validationError([{ path: 'body.lanes', message: `lane ${orphan.laneCode} carries the device ${orphan.name}` }]);
        }
        await repo.updateRow(tx, 'checkpoints', id, {
          code: after.code,
          name: after.name,
          kind: after.kind,
          lanes: sql`${JSON.stringify(after.lanes)}::jsonb`,
          allowed_categories: repo.textArray(after.allowedCategories),
          lon: after.lon,
          lat: after.lat,
          open: after.open,
          updated_at: clock.now(),
        });
        const { id: _i, createdAt: _c, updatedAt: _u, ...b } = before;
        await audit.record(tx, ctx, { action: 'park.checkpoint.update', entityType: CHECKPOINT_ENTITY, entityId: id, diff: diffOf(b, after) });
        await changed(tx);
      });
      return checkpointOut(id);
    },

    async removeCheckpoint(ctx: RequestContext, p: Principal, id: string) {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requireCheckpoint(tx, id);
        const now = clock.now();
        await repo.updateRow(tx, 'checkpoints', id, { deleted_at: now, updated_at: now });
        await repo.softDeleteDevicesOf(tx, id, now);
        await audit.record(tx, ctx, { action: 'park.checkpoint.delete', entityType: CHECKPOINT_ENTITY, entityId: id, diff: diffOf(before, null) });
        await changed(tx);
      });
    },

    async exportCheckpoints(ctx: RequestContext, q: CheckpointQuery) {
      const rows = await exportRows((page) => parkCheckpointPage(q, page));
      return sheet(
        ctx,
        {
          id: 'park-checkpoints',
          title: '卡口',
          entityType: CHECKPOINT_ENTITY,
          action: 'park.checkpoint.export',
          query: q,
          columns: [
            ['code', '编号', 14],
            ['name', '名称', 24],
            ['kind', '类型', 14],
            ['open', '开放', 8],
            ['lanes', '车道', 30],
            ['devices', '设备', 40],
            ['allowed', '准入车辆', 30],
          ],
        },
        rows.map((r) => ({
          code: r.code,
          name: r.name,
          kind: checkpointKindLabels[r.kind] ?? r.kind,
          open: r.open ? '是' : '否',
          lanes: r.lanes.map((l) => `${l.code} ${l.name}（${directionLabels[l.direction] ?? l.direction}）`).join('；'),
          devices: r.devices.map((d) => `${d.name}（${deviceKindLabels[d.kind] ?? d.kind} ${d.serialNo}）`).join('；'),
          allowed: r.allowedCategories.map((c) => categoryLabels[c] ?? c).join('、'),
        })),
      );
    },

    // ---------------- devices ----------------
    async createDevice(ctx: RequestContext, p: Principal, input: z.output<typeof gateDeviceCreateSchema>): Promise<GateDevice> {
      requireParkSide(p);
      const id = await db.transaction(async (tx) => {
        const cp = await repo.findCheckpoint(tx, input.checkpointId);
        if (!cp) throw validationError([{ path: 'body.checkpointId', message: 'unknown checkpoint' }]);
        checkLane(cp, input.laneCode, input.direction);
        if (await repo.deviceSerialTaken(tx, input.vendor, input.serialNo))
          throw conflict('GATE_DEVICE_TAKEN', 'body.serialNo', `a device with serial number ${input.serialNo} exists`);
        const { created } = stamp();
        const values = {
          checkpointId: input.checkpointId,
          laneCode: input.laneCode ?? null,
          kind: input.kind,
          vendor: input.vendor,
          serialNo: input.serialNo,
          direction: input.direction,
          name: input.name,
          enabled: input.enabled,
        };
        const id = await repo.insertRow(tx, 'checkpoint_devices', {
          checkpoint_id: values.checkpointId,
          lane_code: values.laneCode,
          kind: values.kind,
          vendor: values.vendor,
          serial_no: values.serialNo,
          direction: values.direction,
          name: values.name,
          enabled: values.enabled,
          created_by: p.userId,
          ...created,
        });
        await audit.record(tx, ctx, { action: 'park.device.create', entityType: GATE_DEVICE_ENTITY, entityId: id, diff: diffOf(null, values) });
        await changed(tx);
        return id;
      });
      return toDevice((await repo.findDevice(db, id))!);
    },

    async updateDevice(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof gateDeviceUpdateSchema>): Promise<GateDevice> {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await repo.findDevice(tx, id);
        if (!before) throw notFound('device');
        const after = {
          laneCode: input.laneCode === undefined ? before.laneCode : input.laneCode,
          kind: input.kind ?? before.kind,
          vendor: input.vendor ?? before.vendor,
          serialNo: input.serialNo ?? before.serialNo,
          direction: input.direction ?? before.direction,
          name: input.name ?? before.name,
          enabled: input.enabled ?? before.enabled,
        };
        checkLane((await repo.findCheckpoint(tx, before.checkpointId))!, after.laneCode, after.direction);
        if ((after.vendor !== before.vendor || after.serialNo !== before.serialNo) && (await repo.deviceSerialTaken(tx, after.vendor, after.serialNo, id)))
          throw conflict('GATE_DEVICE_TAKEN', 'body.serialNo', `a device with serial number ${after.serialNo} exists`);
        await repo.updateRow(tx, 'checkpoint_devices', id, {
          lane_code: after.laneCode,
          kind: after.kind,
          vendor: after.vendor,
          serial_no: after.serialNo,
          direction: after.direction,
          name: after.name,
          enabled: after.enabled,
          updated_at: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'park.device.update',
          entityType: GATE_DEVICE_ENTITY,
          entityId: id,
          diff: diffOf(before, { ...before, ...after }),
        });
        await changed(tx);
      });
      return toDevice((await repo.findDevice(db, id))!);
    },

    async removeDevice(ctx: RequestContext, p: Principal, id: string) {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await repo.findDevice(tx, id);
        if (!before) throw notFound('device');
        const now = clock.now();
        await repo.updateRow(tx, 'checkpoint_devices', id, { deleted_at: now, updated_at: now });
        await audit.record(tx, ctx, { action: 'park.device.delete', entityType: GATE_DEVICE_ENTITY, entityId: id, diff: diffOf(before, null) });
        await changed(tx);
      });
    },

    // ---------------- carriers ----------------
    async listCarriers(p: Principal, q: CarrierQuery) {
      const { rows, total } = await carrierPage(q, limitOffset(q));
      return toPage(toCarriers(p, rows), total, q);
    },

    async getCarrier(p: Principal, id: string): Promise<Carrier> {
      return toCarriers(p, [await requireCarrier(db, id)])[0]!;
    },

    async createCarrier(ctx: RequestContext, p: Principal, input: z.output<typeof carrierCreateSchema>): Promise<Carrier> {
      requireParkSide(p);
      const issues: { path: string; message: string }[] = [];
      const values = {
        name: input.name,
        uscc: unmasked(input.uscc, null, 'uscc', 'body.uscc', issues) ?? null,
        licenceNo: input.licenceNo,
        licenceExpiresOn: input.licenceExpiresOn ?? null,
        contactName: unmasked(input.contactName, null, 'personName', 'body.contactName', issues) ?? null,
        contactPhone: unmasked(input.contactPhone, null, 'phone', 'body.contactPhone', issues) ?? null,
        address: input.address ?? null,
      };
      throwIssues(issues);
      const id = await db.transaction(async (tx) => {
        if (await repo.licenceTaken(tx, values.licenceNo))
          throw conflict('CARRIER_LICENCE_TAKEN', 'body.licenceNo', `a carrier with licence ${values.licenceNo} exists`);
        const { created } = stamp();
        const id = await repo.insertRow(tx, 'carriers', {
          name: values.name,
          uscc: values.uscc,
          licence_no: values.licenceNo,
          licence_expires_on: values.licenceExpiresOn,
          contact_name: values.contactName,
          contact_phone: values.contactPhone,
          address: values.address,
          created_by: p.userId,
          ...created,
        });
        await audit.record(tx, ctx, { action: 'park.carrier.create', entityType: CARRIER_ENTITY, entityId: id, diff: diffOf(null, values) });
        await changed(tx);
        return id;
      });
      return toCarriers(p, [(await repo.findCarrier(db, id))!])[0]!;
    },

    async updateCarrier(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof carrierUpdateSchema>): Promise<Carrier> {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requireCarrier(tx, id);
        const issues: { path: string; message: string }[] = [];
        const pick = <T>(v: T | undefined, b: T) => (v === undefined ? b : v);
        const after = {
          name: input.name ?? before.name,
          uscc: pick(unmasked(input.uscc, before.uscc, 'uscc', 'body.uscc', issues), before.uscc),
          licenceNo: input.licenceNo ?? before.licenceNo,
          licenceExpiresOn: pick(input.licenceExpiresOn, before.licenceExpiresOn),
          contactName: pick(unmasked(input.contactName, before.contactName, 'personName', 'body.contactName', issues), before.contactName),
          contactPhone: pick(unmasked(input.contactPhone, before.contactPhone, 'phone', 'body.contactPhone', issues), before.contactPhone),
          address: pick(input.address, before.address),
        };
        throwIssues(issues);
        if (after.licenceNo !== before.licenceNo && (await repo.licenceTaken(tx, after.licenceNo, id)))
          throw conflict('CARRIER_LICENCE_TAKEN', 'body.licenceNo', `a carrier with licence ${after.licenceNo} exists`);
        await repo.updateRow(tx, 'carriers', id, {
          name: after.name,
          uscc: after.uscc,
          licence_no: after.licenceNo,
          licence_expires_on: after.licenceExpiresOn,
          contact_name: after.contactName,
          contact_phone: after.contactPhone,
          address: after.address,
          updated_at: clock.now(),
        });
        const { id: _i, vehicles: _v, people: _p, createdAt: _c, updatedAt: _u, ...b } = before;
        await audit.record(tx, ctx, { action: 'park.carrier.update', entityType: CARRIER_ENTITY, entityId: id, diff: diffOf(b, after) });
        await changed(tx);
      });
      return toCarriers(p, [(await repo.findCarrier(db, id))!])[0]!;
    },

    async removeCarrier(ctx: RequestContext, p: Principal, id: string) {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requireCarrier(tx, id);
        if (before.vehicles || before.people)
          throw new AppError('CONFLICT', `the carrier still has ${before.vehicles} vehicles and ${before.people} people: delete or move them first`);
        const now = clock.now();
        await repo.updateRow(tx, 'carriers', id, { deleted_at: now, updated_at: now });
        await audit.record(tx, ctx, { action: 'park.carrier.delete', entityType: CARRIER_ENTITY, entityId: id, diff: diffOf(before, null) });
        await changed(tx);
      });
    },

    async exportCarriers(ctx: RequestContext, p: Principal, q: CarrierQuery) {
      const rows = toCarriers(p, await exportRows((page) => carrierPage(q, page)));
      return sheet(
        ctx,
        {
          id: 'park-carriers',
          title: '运输企业',
          entityType: CARRIER_ENTITY,
          action: 'park.carrier.export',
          query: q,
          columns: [
            ['name', '企业名称', 28],
            ['uscc', '统一社会信用代码', 22],
            ['licenceNo', '道路运输经营许可证号', 22],
            ['licenceExpiresOn', '许可证有效期至', 14],
            ['licenceState', '许可证状态', 10],
            ['contactName', '联系人', 10],
            ['contactPhone', '联系电话', 14],
            ['vehicles', '车辆数', 8],
          ],
        },
        rows.map((r) => ({
          name: r.name,
          uscc: r.uscc ?? '',
          licenceNo: r.licenceNo,
          licenceExpiresOn: r.licenceExpiresOn ?? '',
          licenceState: r.licenceState ? expiryLabels[r.licenceState] : '',
          contactName: r.contactName ?? '',
          contactPhone: r.contactPhone ?? '',
          vehicles: String(r.vehicles),
        })),
      );
    },

    // ---------------- vehicles ----------------
    async listVehicles(q: VehicleQuery) {
      const { rows, total } = await vehiclePage(q, limitOffset(q));
      return toPage(rows.map(toVehicle), total, q);
    },

    async getVehicle(id: string): Promise<ParkVehicle> {
      return toVehicle(await requireVehicle(db, id));
    },

    async createVehicle(ctx: RequestContext, p: Principal, input: z.output<typeof parkVehicleCreateSchema>): Promise<ParkVehicle> {
      requireParkSide(p);
      const values = {
        plate: checkedPlate(input.plate, 'body.plate'),
        plateColor: input.plateColor,
        carrierId: input.carrierId ?? null,
        category: input.category,
        body: input.body,
        hazmatClasses: input.hazmatClasses,
        transportCertNo: input.transportCertNo ?? null,
        transportCertExpiresOn: input.transportCertExpiresOn ?? null,
        enterpriseId: input.enterpriseId ?? null,
      };
      const id = await db.transaction(async (tx) => {
        if (await repo.plateTaken(tx, values.plate)) throw conflict('PLATE_TAKEN', 'body.plate', `the vehicle ${values.plate} is registered`);
        await refCarrier(tx, values.carrierId, 'body.carrierId');
        await refEnterprise(tx, values.enterpriseId, 'body.enterpriseId');
        const { created } = stamp();
        const id = await repo.insertRow(tx, 'park_vehicles', {
          plate: values.plate,
          plate_color: values.plateColor,
          carrier_id: values.carrierId,
          category: values.category,
          body: values.body,
          hazmat_classes: repo.textArray(values.hazmatClasses),
          transport_cert_no: values.transportCertNo,
          transport_cert_expires_on: values.transportCertExpiresOn,
          enterprise_id: values.enterpriseId,
          created_by: p.userId,
          ...created,
        });
        await audit.record(tx, ctx, { action: 'park.vehicle.create', entityType: VEHICLE_ENTITY, entityId: id, diff: diffOf(null, values) });
        await changed(tx);
        return id;
      });
      return toVehicle((await repo.findVehicle(db, id))!);
    },

    async updateVehicle(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof parkVehicleUpdateSchema>): Promise<ParkVehicle> {
      requireParkSide(p);
      const plate = input.plate === undefined ? undefined : checkedPlate(input.plate, 'body.plate');
      await db.transaction(async (tx) => {
        const before = await requireVehicle(tx, id);
        const pick = <T>(v: T | undefined, b: T) => (v === undefined ? b : v);
        const after = {
          plate: plate ?? before.plate,
          plateColor: input.plateColor ?? before.plateColor,
          carrierId: pick(input.carrierId, before.carrierId),
          category: input.category ?? before.category,
          body: input.body ?? before.body,
          hazmatClasses: input.hazmatClasses ?? before.hazmatClasses,
          transportCertNo: pick(input.transportCertNo, before.transportCertNo),
          transportCertExpiresOn: pick(input.transportCertExpiresOn, before.transportCertExpiresOn),
          enterpriseId: pick(input.enterpriseId, before.enterpriseId),
        };
        if (after.plate !== before.plate && (await repo.plateTaken(tx, after.plate, id)))
          throw conflict('PLATE_TAKEN', 'body.plate', `the vehicle ${after.plate} is registered`);
        if (after.carrierId !== before.carrierId) await refCarrier(tx, after.carrierId, 'body.carrierId');
        if (after.enterpriseId !== before.enterpriseId) await refEnterprise(tx, after.enterpriseId, 'body.enterpriseId');
        await repo.updateRow(tx, 'park_vehicles', id, {
          plate: after.plate,
          plate_color: after.plateColor,
          carrier_id: after.carrierId,
          category: after.category,
          body: after.body,
          hazmat_classes: repo.textArray(after.hazmatClasses),
          transport_cert_no: after.transportCertNo,
          transport_cert_expires_on: after.transportCertExpiresOn,
          enterprise_id: after.enterpriseId,
          updated_at: clock.now(),
        });
        const { id: _i, carrierName: _cn, enterpriseName: _en, terminals: _t, createdAt: _c, updatedAt: _u, ...b } = before;
        await audit.record(tx, ctx, { action: 'park.vehicle.update', entityType: VEHICLE_ENTITY, entityId: id, diff: diffOf(b, after) });
        await changed(tx);
      });
      return toVehicle((await repo.findVehicle(db, id))!);
    },

    /** Soft delete; its terminals are unbound (they stay registered and can be bound to another vehicle). */
    async removeVehicle(ctx: RequestContext, p: Principal, id: string) {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requireVehicle(tx, id);
        const now = clock.now();
        await repo.updateRow(tx, 'park_vehicles', id, { deleted_at: now, updated_at: now });
        const unbound = await repo.unbindTerminalsOf(tx, id, now);
        await audit.record(tx, ctx, {
          action: 'park.vehicle.delete',
          entityType: VEHICLE_ENTITY,
          entityId: id,
          diff: { ...diffOf(before, null), unboundTerminals: unbound },
        });
        await changed(tx);
      });
    },

    async exportVehicles(ctx: RequestContext, q: VehicleQuery) {
      const rows = (await exportRows((page) => vehiclePage(q, page))).map(toVehicle);
      return sheet(
        ctx,
        {
          id: 'park-vehicles',
          title: '车辆',
          entityType: VEHICLE_ENTITY,
          action: 'park.vehicle.export',
          query: q,
          columns: [
            ['plate', '车牌号', 12],
            ['category', '类别', 12],
            ['body', '车身', 8],
            ['hazmatClasses', '准运危险货物类别', 20],
            ['carrierName', '运输企业', 28],
            ['transportCertNo', '道路运输证号', 20],
            ['transportCertExpiresOn', '运输证有效期至', 14],
            ['certState', '运输证状态', 10],
            ['enterpriseName', '所属企业', 24],
          ],
        },
        rows.map((r) => ({
          plate: r.plate,
          category: categoryLabels[r.category] ?? r.category,
          body: bodyLabels[r.body] ?? r.body,
          hazmatClasses: r.hazmatClasses.join('、'),
          carrierName: r.carrierName ?? '',
          transportCertNo: r.transportCertNo ?? '',
          transportCertExpiresOn: r.transportCertExpiresOn ?? '',
          certState: r.certState ? expiryLabels[r.certState] : '',
          enterpriseName: r.enterpriseName ?? '',
        })),
      );
    },

    // ---------------- people ----------------
    async listPeople(p: Principal, q: PersonQuery) {
      const { rows, total } = await personPage(q, limitOffset(q));
      return toPage(toPeople(p, rows), total, q);
    },

    async getPerson(p: Principal, id: string): Promise<ParkPerson> {
      return toPeople(p, [await requirePerson(db, id)])[0]!;
    },

    async createPerson(ctx: RequestContext, p: Principal, input: z.output<typeof parkPersonCreateSchema>): Promise<ParkPerson> {
      requireParkSide(p);
      const issues: { path: string; message: string }[] = [];
      const values = {
        kind: input.kind,
        name: unmasked(input.name, null, 'personName', 'body.name', issues)!,
        idNumber: unmasked(input.idNumber, null, 'uscc', 'body.idNumber', issues) ?? null,
        phone: unmasked(input.phone, null, 'phone', 'body.phone', issues) ?? null,
        carrierId: input.carrierId ?? null,
        enterpriseId: input.enterpriseId ?? null,
        qualificationNo: input.qualificationNo ?? null,
        qualificationExpiresOn: input.qualificationExpiresOn ?? null,
        personCode: input.personCode ?? null,
      };
      throwIssues(issues);
      const id = await db.transaction(async (tx) => {
        await checkPerson(tx, values);
        const { created } = stamp();
        const id = await repo.insertRow(tx, 'park_people', {
          kind: values.kind,
          name: values.name,
          id_number: values.idNumber,
          phone: values.phone,
          carrier_id: values.carrierId,
          enterprise_id: values.enterpriseId,
          qualification_no: values.qualificationNo,
          qualification_expires_on: values.qualificationExpiresOn,
          person_code: values.personCode,
          created_by: p.userId,
          ...created,
        });
        await audit.record(tx, ctx, { action: 'park.person.create', entityType: PERSON_ENTITY, entityId: id, diff: diffOf(null, values) });
        await changed(tx);
        return id;
      });
      return toPeople(p, [(await repo.findPerson(db, id))!])[0]!;
    },

    async updatePerson(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof parkPersonUpdateSchema>): Promise<ParkPerson> {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requirePerson(tx, id);
        const issues: { path: string; message: string }[] = [];
        const pick = <T>(v: T | undefined, b: T) => (v === undefined ? b : v);
        const after = {
          kind: input.kind ?? before.kind,
          name: unmasked(input.name, before.name, 'personName', 'body.name', issues) ?? before.name,
          idNumber: pick(unmasked(input.idNumber, before.idNumber, 'uscc', 'body.idNumber', issues), before.idNumber),
          phone: pick(unmasked(input.phone, before.phone, 'phone', 'body.phone', issues), before.phone),
          carrierId: pick(input.carrierId, before.carrierId),
          enterpriseId: pick(input.enterpriseId, before.enterpriseId),
          qualificationNo: pick(input.qualificationNo, before.qualificationNo),
          qualificationExpiresOn: pick(input.qualificationExpiresOn, before.qualificationExpiresOn),
          personCode: pick(input.personCode, before.personCode),
        };
        throwIssues(issues);
        await checkPerson(tx, after, id);
        await repo.updateRow(tx, 'park_people', id, {
          kind: after.kind,
          name: after.name,
          id_number: after.idNumber,
          phone: after.phone,
          carrier_id: after.carrierId,
          enterprise_id: after.enterpriseId,
          qualification_no: after.qualificationNo,
          qualification_expires_on: after.qualificationExpiresOn,
          person_code: after.personCode,
          updated_at: clock.now(),
        });
        const { id: _i, carrierName: _cn, enterpriseName: _en, createdAt: _c, updatedAt: _u, ...b } = before;
        await audit.record(tx, ctx, { action: 'park.person.update', entityType: PERSON_ENTITY, entityId: id, diff: diffOf(b, after) });
        await changed(tx);
      });
      return toPeople(p, [(await repo.findPerson(db, id))!])[0]!;
    },

    async removePerson(ctx: RequestContext, p: Principal, id: string) {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requirePerson(tx, id);
        const now = clock.now();
        await repo.updateRow(tx, 'park_people', id, { deleted_at: now, updated_at: now });
        await audit.record(tx, ctx, { action: 'park.person.delete', entityType: PERSON_ENTITY, entityId: id, diff: diffOf(before, null) });
        await changed(tx);
      });
    },

    async exportPeople(ctx: RequestContext, p: Principal, q: PersonQuery) {
      const rows = toPeople(p, await exportRows((page) => personPage(q, page)));
      return sheet(
        ctx,
        {
          id: 'park-people',
          title: '人员',
          entityType: PERSON_ENTITY,
          action: 'park.person.export',
          query: q,
          columns: [
            ['name', '姓名', 10],
            ['kind', '类别', 8],
            ['idNumber', '身份证号', 22],
            ['phone', '电话', 14],
            ['carrierName', '运输企业', 24],
            ['enterpriseName', '企业', 24],
            ['qualificationNo', '从业资格证号', 20],
            ['qualificationExpiresOn', '资格证有效期至', 14],
            ['qualificationState', '资格证状态', 10],
            ['personCode', '人员编号', 14],
          ],
        },
        rows.map((r) => ({
          name: r.name,
          kind: personKindLabels[r.kind] ?? r.kind,
          idNumber: r.idNumber ?? '',
          phone: r.phone ?? '',
          carrierName: r.carrierName ?? '',
          enterpriseName: r.enterpriseName ?? '',
          qualificationNo: r.qualificationNo ?? '',
          qualificationExpiresOn: r.qualificationExpiresOn ?? '',
          qualificationState: r.qualificationState ? expiryLabels[r.qualificationState] : '',
          personCode: r.personCode ?? '',
        })),
      );
    },
  };
}

export type ParkRegistryService = ReturnType<typeof createParkRegistryService>;
export type { ListArgs };
