// The gate processor: spooled events, in spool order, become passes (通行记录). Up to 100 pending rows are read at a
// time and processed, in order, in one transaction (each row's pass, visit, `gate` alarm and spool status together
// with the others'; one commit; the plates' vehicles and list entries read once, each device looked up and its
// last-event time written once, one visits notice); if
// any of them fails the batch is rolled back and its rows are processed one per transaction, so a failing row only
// holds itself up. The intake kicks a drain after each committed group of posts. A crash leaves the rows pending and
// the next drain() — at start and from the job park.gate — does it again, once. A row whose processing fails stays
// pending (the drain stops there to keep the order) and is given up as `failed`, with its error, after three
// attempts.
//
// Vehicle entries are checked at the device time: an effective whitelist entry lets the vehicle in without further
// checks; a blacklist entry denies it; otherwise the category must be allowed at the checkpoint, the checkpoint open,
// hazmat and hazardous-waste vehicles need an approved appointment whose window holds the time, driver and escort
// qualifications, the carrier's licence and the vehicle's transport certificate must not have expired, an unknown
// plate at a dedicated checkpoint is refused, and a plate read under 80 % confidence is flagged. A failed check raises
// one `gate` alarm per plate (red for a blacklisted vehicle or one without appointment at a dedicated checkpoint).
// Denied passes do not open a visit (the vehicle was turned away); allowed and flagged ones do.
import { defaultAllowedCategories, type CheckpointKind, type GateFindingCode, type GatePassFindingCode, type VehicleCategory } from '@zoneops/shared';
import { localDate } from '../../../platform/clock.ts';
import type { DbOrTx } from '../../../platform/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { SafetyEvents } from '../../safety/safety-events.ts';
import type { ParkAlarms } from '../contracts.ts';
import { effectiveListEntry, gateRepository as repo, type DeviceRow, type ListEntryRow, type SpoolRow, type VehicleRow } from './gate.repository.ts';

const LOW_CONFIDENCE = 80;
const BATCH = 100;
const MAX_ATTEMPTS = 3;

type Finding = { code: GatePassFindingCode; message: string };

/**
 * What the rows of one transaction share: devices looked up once each, their last-event time written once at the end
 * (the latest), and one visits notice at the end when any visit opened or closed.
 */
interface BatchContext {
  devices: Map<string, DeviceRow | undefined>;
  touched: Map<string, Date>;
  visitsChanged: boolean;
  /** The registered vehicles and the list entries of the batch's plates, read once for all of them. */
  vehicles: Map<string, VehicleRow>;
  lists: Map<string, ListEntryRow[]>;
}

async function newContext(tx: DbOrTx, rows: readonly SpoolRow[]): Promise<BatchContext> {
  const plates = [...new Set(rows.flatMap((r) => (r.payload.kind === 'person' || !r.payload.plate ? [] : [r.payload.plate])))];
  const vehicles = await repo.vehiclesByPlates(tx, plates);
  const lists = await repo.vehicleListEntries(tx, plates);
  return { devices: new Map(), touched: new Map(), visitsChanged: false, vehicles, lists };
}

const categoryLabels: Record<string, string> = {
  hazmat: '危化品车辆',
  hazardousWaste: '危废车辆',
  cargo: '普通货车',
  ordinary: '普通车辆',
  emergency: '应急车辆',
};

export interface GateProcessor {
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function createGateProcessor(deps: Deps, parts: { alarms: ParkAlarms; events: SafetyEvents }): GateProcessor {
  const { db, clock, log } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  /** Failed attempts per spool row in this process: a row is given up (status failed) after MAX_ATTEMPTS. */
  const attempts = new Map<number, number>();

  /** False when the row failed and stays pending (the drain stops there, to keep the order, and retries later). */
  async function processOne(id: number): Promise<boolean> {
    try {
      await db.transaction(async (tx) => {
        const row = await repo.lockPending(tx, id);
        if (!row) return;
        const ctx = await newContext(tx, [row]);
        await processRow(tx, row, ctx);
        await finish(tx, ctx);
        await repo.markSpool(tx, row.id, 'done', clock.now(), null);
      });
      attempts.delete(id);
      return true;
    } catch (err) {
      const n = (attempts.get(id) ?? 0) + 1;
      log.error({ err, spoolId: id, attempt: n }, 'gate event not processed');
      if (n < MAX_ATTEMPTS) {
        attempts.set(id, n);
        return false;
      }
      attempts.delete(id);
      await repo.markSpool(db, id, 'failed', clock.now(), String((err as Error).message ?? err).slice(0, 500)).catch(() => undefined);
      return true;
    }
  }

  /**
   * Several rows in one transaction (one commit for the lot). False when any row failed: the whole batch is rolled
   * back and the caller processes its rows one by one (so the failing row is retried and counted alone).
   */
  async function processBatch(ids: readonly number[]): Promise<boolean> {
    try {
      await db.transaction(async (tx) => {
        const rows = await repo.lockPendingMany(tx, ids);
        const ctx = await newContext(tx, rows);
        for (const row of rows) await processRow(tx, row, ctx);
        await finish(tx, ctx);
        await repo.markSpoolDone(
          tx,
          rows.map((r) => r.id),
          clock.now(),
        );
      });
      for (const id of ids) attempts.delete(id);
      return true;
    } catch (err) {
      log.warn({ err, rows: ids.length }, 'a batch of gate events failed: processing them one by one');
      return false;
    }
  }

  /** The writes a batch's rows share (BatchContext), before its commit. */
  async function finish(tx: DbOrTx, ctx: BatchContext): Promise<void> {
    for (const [id, at] of ctx.touched) await repo.touchDevice(tx, id, at);
    if (ctx.visitsChanged) await parts.events.notify(tx, { kind: 'park', what: 'visits' });
  }

  async function processRow(tx: DbOrTx, row: SpoolRow, ctx: BatchContext): Promise<void> {
    const e = row.payload;
    const t = new Date(e.deviceTime);
    const day = localDate(t);
    const deviceKey = `${e.vendor}\u0000${e.deviceKeys.join('\u0001')}`;
    if (!ctx.devices.has(deviceKey)) ctx.devices.set(deviceKey, await repo.findDevice(tx, e.vendor, e.deviceKeys));
    const device = ctx.devices.get(deviceKey);
    const findings: Finding[] = [];
    if (device) {
      const last = ctx.touched.get(device.id);
      if (!last || last < row.receivedAt) ctx.touched.set(device.id, row.receivedAt);
    } else findings.push({ code: 'unknownDevice', message: `设备 ${e.deviceKeys.join(' / ') || '未知'} 未登记，通行未关联卡口` });
    const direction = device && (device.direction === 'in' || device.direction === 'out') ? device.direction : (e.direction ?? 'in');
    const base = {
      spoolId: row.id,
      direction,
      checkpointId: device?.checkpointId ?? null,
      deviceId: device?.id ?? null,
      laneCode: device?.laneCode ?? null,
      deviceTime: t,
      receivedAt: row.receivedAt,
      confidence: e.confidence,
      images: row.images,
    };

    if (e.kind === 'person') {
      const person = e.personCode ? await repo.personByCode(tx, e.personCode) : undefined;
      const result = e.allowedByDevice ? 'allowed' : 'denied';
      let visitId: string | null = null;
      let changed = false;
      if (result === 'allowed' && e.personCode) {
        if (direction === 'in') {
          const v = await repo.openVisit(tx, {
            subjectKind: 'person',
            plate: null,
            vehicleId: null,
            personId: person?.id ?? null,
            personCode: e.personCode,
            appointmentId: null,
            at: t,
            checkpointId: base.checkpointId,
          });
          visitId = v.id;
          changed = v.created;
        } else {
          visitId = await repo.closeVisit(tx, { subjectKind: 'person', key: e.personCode, at: t, checkpointId: base.checkpointId });
          changed = visitId !== null;
        }
      }
      await repo.insertPass(tx, {
        ...base,
        kind: 'person',
        result,
        plate: null,
        vehicleId: null,
        personId: person?.id ?? null,
        personCode: e.personCode,
        personName: e.personName,
        appointmentId: null,
        visitId,
        findings,
      });
      if (changed) ctx.visitsChanged = true;
      return;
    }

    // ---- vehicles ----
    const plate = e.plate;
    const vehicle = plate ? ctx.vehicles.get(plate) : undefined;
    let appointmentId: string | null = null;
    let enterpriseId: string | null = null;
    let result: 'allowed' | 'denied' | 'flagged' = 'allowed';
    if (e.confidence !== null && e.confidence < LOW_CONFIDENCE) {
      findings.push({ code: 'lowConfidence', message: `车牌识别置信度 ${e.confidence} 低于 ${LOW_CONFIDENCE}` });
    }
    if (!plate) findings.push({ code: 'lowConfidence', message: '未识别到车牌' });

    if (direction === 'in' && plate) {
      const checked = await checkEntry(tx, plate, t, day, device, vehicle, ctx);
      findings.push(...checked.findings);
      appointmentId = checked.appointmentId;
      enterpriseId = checked.enterpriseId;
      if (checked.denied) result = 'denied';
    }
    if (result !== 'denied' && findings.some((f) => f.code !== 'unknownDevice')) result = 'flagged';

    let visitId: string | null = null;
    let changed = false;
    if (plate && result !== 'denied') {
      if (direction === 'in') {
        const v = await repo.openVisit(tx, {
          subjectKind: 'vehicle',
          plate,
          vehicleId: vehicle?.id ?? null,
          personId: null,
          personCode: null,
          appointmentId,
          at: t,
          checkpointId: base.checkpointId,
        });
        visitId = v.id;
        changed = v.created;
      } else {
        visitId = await repo.closeVisit(tx, { subjectKind: 'vehicle', key: plate, at: t, checkpointId: base.checkpointId });
        changed = visitId !== null;
      }
    }
    await repo.insertPass(tx, {
      ...base,
      kind: 'vehicle',
      result,
      plate,
      vehicleId: vehicle?.id ?? null,
      personId: null,
      personCode: null,
      personName: null,
      appointmentId,
      visitId,
      findings,
    });

    // One `gate` alarm per plate for failed checks (a low-confidence read alone or an unregistered device is a flag).
    const failed = findings.filter((f): f is { code: GateFindingCode; message: string } => f.code !== 'unknownDevice' && f.code !== 'lowConfidence');
    if (plate && direction === 'in' && failed.length) {
      const dedicated = device?.checkpointKind === 'dedicated';
      const red = failed.some((f) => f.code === 'blacklisted' || (dedicated && f.code === 'noAppointment'));
      await parts.alarms.raise(
        {
          plate,
          rule: 'gate',
          level: red ? 'red' : 'orange',
          at: t,
          vehicleId: vehicle?.id ?? null,
          enterpriseId,
          checkpointId: device?.checkpointId ?? null,
          appointmentId,
          findings: failed,
        },
        tx,
      );
    }
    if (changed) ctx.visitsChanged = true;
  }

  async function checkEntry(
    tx: DbOrTx,
    plate: string,
    t: Date,
    day: string,
    device: DeviceRow | undefined,
    vehicle: VehicleRow | undefined,
    ctx: BatchContext,
  ): Promise<{ findings: Finding[]; denied: boolean; appointmentId: string | null; enterpriseId: string | null }> {
    const findings: Finding[] = [];
    const listed = effectiveListEntry(ctx.lists.get(plate), t);
    if (listed?.list === 'white') return { findings, denied: false, appointmentId: null, enterpriseId: null };
    let denied = false;
    if (listed?.list === 'black') {
      findings.push({ code: 'blacklisted', message: `车辆在黑名单中：${listed.reason}` });
      denied = true;
    }
    const category = (vehicle?.category ?? null) as VehicleCategory | null;
    if (device) {
      const allowed = device.allowedCategories.length ? device.allowedCategories : (defaultAllowedCategories[device.checkpointKind as CheckpointKind] ?? []);
      if (!vehicle && device.checkpointKind === 'dedicated') {
        findings.push({ code: 'unknownVehicle', message: `未登记车辆 ${plate} 经专用卡口 ${device.checkpointName} 入园` });
      } else if (category && !allowed.includes(category)) {
        findings.push({ code: 'categoryNotAllowed', message: `${categoryLabels[category] ?? category}不得经卡口 ${device.checkpointName} 通行` });
      }
      if (!device.open && category !== 'emergency') findings.push({ code: 'checkpointClosed', message: `卡口 ${device.checkpointName} 处于关闭状态` });
    }
    let appointmentId: string | null = null;
    let enterpriseId: string | null = null;
    const needsAppointment = category === 'hazmat' || category === 'hazardousWaste' || (!vehicle && device?.checkpointKind === 'dedicated');
    if (needsAppointment) {
      const a = await repo.findAppointment(tx, plate, t);
      if (!a) findings.push({ code: 'noAppointment', message: `车辆 ${plate} 无入园预约` });
      else {
        appointmentId = a.id;
        enterpriseId = a.enterpriseId;
        if (a.status !== 'approved') findings.push({ code: 'appointmentNotApproved', message: `预约 ${a.code} 尚未审批通过` });
        else if (t < a.windowStart || t > a.windowEnd) {
          findings.push({
            code: 'outsideWindow',
            message: `通行时间不在预约 ${a.code} 的时段内（${a.windowStart.toISOString()} – ${a.windowEnd.toISOString()}）`,
          });
        }
        const people = await repo.peopleByIds(tx, [a.driverId, ...(a.escortId ? [a.escortId] : [])]);
        for (const p of people) {
          if (p.qualificationExpiresOn && p.qualificationExpiresOn < day) {
            const role = p.id === a.driverId ? '驾驶员' : '押运员';
            findings.push({ code: 'qualificationExpired', message: `${role}从业资格证已于 ${p.qualificationExpiresOn} 过期` });
          }
        }
        if (a.carrierLicenceExpiresOn && a.carrierLicenceExpiresOn < day && a.carrierLicenceExpiresOn !== vehicle?.carrierLicenceExpiresOn) {
          findings.push({ code: 'licenceExpired', message: `承运企业道路运输经营许可证已于 ${a.carrierLicenceExpiresOn} 过期` });
        }
      }
    }
    if (vehicle?.carrierLicenceExpiresOn && vehicle.carrierLicenceExpiresOn < day) {
      findings.push({ code: 'licenceExpired', message: `承运企业${vehicle.carrierName ?? ''}道路运输经营许可证已于 ${vehicle.carrierLicenceExpiresOn} 过期` });
    }
    if (vehicle?.transportCertExpiresOn && vehicle.transportCertExpiresOn < day) {
      findings.push({ code: 'licenceExpired', message: `车辆道路运输证已于 ${vehicle.transportCertExpiresOn} 过期` });
    }
    return { findings, denied, appointmentId, enterpriseId };
  }

  async function processAll(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const ids = await repo.pendingIds(db, BATCH);
      if (!ids.length) return;
      if (ids.length === 1 || !(await processBatch(ids.map((r) => r.id)))) {
        for (const { id } of ids) {
          if (stopped) return;
          if (!(await processOne(id))) return;
        }
      }
      if (ids.length < BATCH) return;
    }
  }

  function drain(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await processAll().catch((err: unknown) => log.error({ err }, 'gate spool drain failed'));
      } while (again && !stopped);
    })().finally(() => {
      running = null;
      if (again && !stopped) void drain();
    });
    return running;
  }

  return {
    drain,
    async stop() {
      stopped = true;
      await running;
    },
  };
}
