// The demo closed park (封闭化管理, DOMAIN §11, issue 8), written once after the demo zone in one transaction: the plan
// is in demo-park-plan.ts. Written directly with the schema's tables as the other demo seeds do (no audit: a seed is
// not a person's act). Positions go to the parent vehicle_positions table: rows of days without a partition land in
// its default partition, which the positions maintenance job moves.
//
// The simulator's part (`npm run simulate -- vehicles`) is added to DATA_DIR/demo-devices.json (mode 0600, the file
// demo-safety.ts writes for the telemetry simulator, whose fields are kept) under the key `park` (DemoParkSection
// below): the JT/T 808 terminals with their auth codes, the OsmAnd ids, the checkpoint devices, the paths the vehicles
// in the park drive, the geofences the scenarios need, and the gate's address.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { eq, inArray, sql } from 'drizzle-orm';
import { today } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { queryRows } from '../../platform/database.ts';
import { SafetyEvents } from '../../modules/safety/safety-events.ts';
import { GATE_TOKEN_SETTING } from '../../modules/park/gate/gate-intake.ts';
import { sha256 } from '../../platform/auth/tokens.ts';
import {
  carriers,
  checkpointDevices,
  checkpoints,
  enterprises,
  entryAppointments,
  gateEventSpool,
  gatePasses,
  geofences,
  parkAccessLists,
  parkPeople,
  parkVehicles,
  parkVisits,
  positionTerminals,
  safetyAlarmEvents,
  safetyAlarms,
  settings,
  users,
} from '../schema.ts';
import { buildDemoZone } from './demo-data.ts';
import { buildDemoSafetyPlan, demoDevicesPath, DEMO_DEVICES_FILE, type DemoDevicesFile } from './demo-safety.ts';
import { buildDemoParkPlan, type DemoParkPlan, type Geometry } from './demo-park-plan.ts';
import type { LonLat } from './demo-park-geo.ts';

const MARK = 'demo.park.seeded';

// ---------------------------------------------------------------------------------------------------------------
// The simulator's part of the device file.

export interface DemoParkTerminal {
  protocol: 'jt808' | 'osmand';
  identifier: string;
  /** JT/T 808 only. */
  authCode: string | null;
  version: '2013' | '2019' | null;
  plate: string | null;
  /** JT/T 808 plate colour code (1 blue, 2 yellow, 4 white, 5 green, 93 yellow-green). */
  plateColor: number;
  category: string | null;
  /** In the park now (it has an open visit and drives `path`). */
  inPark: boolean;
  /** The path it drives (a designated route or the cargo road), [lon, lat]. */
  path: LonLat[] | null;
  /** Its last seeded position, where the simulator starts it. */
  last: LonLat | null;
  /** What the simulator makes it do. */
  role: 'speeding' | 'offRoute' | 'parkedOutside' | 'overstay' | null;
}
export interface DemoParkGateDevice {
  checkpoint: string;
  checkpointName: string;
  kind: 'anpr' | 'face' | 'accessControl';
  vendor: 'hikvisionIsapi' | 'hikvisionPlatform';
  serialNo: string;
  direction: 'in' | 'out';
  laneCode: string;
  open: boolean;
}
export interface DemoParkSection {
  version: 1;
  generatedAt: string;
  jt808: { port: number };
  osmand: { port: number };
  /** Where gate events are posted: POST <baseUrl>/api/gate/<token>/isapi and …/platform (token null: one was configured before the seed). */
  gate: { baseUrl: string; token: string | null };
  terminals: DemoParkTerminal[];
  devices: DemoParkGateDevice[];
  /** Vehicles the gate poster drives in and out: plate, category, in the park or not, its appointment code. */
  vehicles: { plate: string; category: string; inPark: boolean; appointment: string | null; window: [string, string] | null }[];
  people: { personCode: string; name: string; inPark: boolean }[];
  geofences: { kind: string; name: string; geometry: Geometry; speedLimitKmh: number | null; capacity: number | null }[];
}
export type DemoDevicesFileWithPark = DemoDevicesFile & { park?: DemoParkSection };

const PLATE_COLOR_CODE: Record<string, number> = { blue: 1, yellow: 2, black: 3, white: 4, green: 5, yellowGreen: 93 };

// ---------------------------------------------------------------------------------------------------------------
// Writing.

export interface DemoParkResult {
  seeded: boolean;
  file: string | null;
  vehicles: number;
  visits: number;
  positions: number;
}

export async function isDemoParkSeeded(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, MARK));
  return !!row;
}

/**
 * The gate token (devices post to /api/gate/<token>/…), issued as the gate's rotation does (zsg_ + 24 random bytes,
 * stored as sha256 with the last 4 characters as hint) when none is configured yet; null when one is (its plaintext
 * is not known: rotate it on the gate page and pass it to the simulator).
 */
async function gateToken(deps: Deps, now: Date): Promise<{ token: string; setting: { hash: string; hint: string; issuedAt: string } } | null> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, GATE_TOKEN_SETTING));
  if (row) return null;
  const token = `zsg_${randomBytes(24).toString('base64url')}`;
  return { token, setting: { hash: sha256(token), hint: token.slice(-4), issuedAt: now.toISOString() } };
}

/** Writes the demo closed park once (after the demo zone) and adds the simulator's part to the device file. */
export async function seedDemoPark(deps: Deps): Promise<DemoParkResult> {
  const none: DemoParkResult = { seeded: false, file: null, vehicles: 0, visits: 0, positions: 0 };
  if (await isDemoParkSeeded(deps)) return none;
  const db = deps.db;
  const zone = buildDemoZone();
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const sources = buildDemoSafetyPlan(zone, today(deps.clock)).sources;
  const plan = buildDemoParkPlan(zone, sources, nowMs);
  const usccs = plan.enterprises.map((i) => zone.enterprises[i]!.uscc);
  const entRows = await db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises).where(inArray(enterprises.uscc, usccs));
  const entId = new Map(entRows.map((r) => [r.uscc, r.id]));
  if (entId.size < usccs.length) {
    deps.log.warn('demo closed park not seeded: the demo enterprises are missing');
    return none;
  }
  const enterpriseId = (i: number) => entId.get(zone.enterprises[i]!.uscc)!;
  const [officer] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'fengbi'));
  const entUsers = await queryRows<{ id: string; enterpriseId: string }>(
    db,
    sql`select id, enterprise_id as "enterpriseId" from users where enterprise_id is not null order by username`,
  );
  const parkUser = officer?.id ?? null;
  const entUser = (e: number) => entUsers.find((u) => u.enterpriseId === enterpriseId(e))?.id ?? parkUser;

  const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
  const cpId = new Map(plan.checkpoints.map((c) => [c.code, randomUUID()]));
  const devId = new Map(plan.checkpoints.flatMap((c) => c.devices.map((d) => [d.serialNo, randomUUID()] as const)));
  const carrierIds = ids(plan.carriers.length);
  const vehicleIds = ids(plan.vehicles.length);
  const personIds = ids(plan.people.length);
  const fenceId = new Map(plan.geofences.map((g) => [g.key, randomUUID()]));
  const apptIds = ids(plan.appointments.length);
  const terminalIds = ids(plan.terminals.length);
  const visitIds = ids(plan.visits.length);
  const at = (ms: number) => new Date(ms);
  const atOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));

  const gate = await gateToken(deps, now);
  const file = buildFile(deps, plan, nowMs, gate?.token ?? null);
  const path = demoDevicesPath(deps.config.dataDir);
  const tmp = `${path}.${process.pid}.park.tmp`;
  mkdirSync(deps.config.dataDir, { recursive: true });
  writeFileSync(tmp, `${JSON.stringify(file, null, 1)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);

  let positions = 0;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(checkpoints).values(
        plan.checkpoints.map((c) => ({
          id: cpId.get(c.code)!,
          code: c.code,
          name: c.name,
          kind: c.kind,
          lanes: c.lanes,
          allowedCategories: c.allowedCategories,
          lon: c.lon,
          lat: c.lat,
          open: c.open,
        })),
      );
      await tx.insert(checkpointDevices).values(
        plan.checkpoints.flatMap((c) =>
          c.devices.map((d) => ({
            id: devId.get(d.serialNo)!,
            checkpointId: cpId.get(c.code)!,
            laneCode: d.laneCode,
            kind: d.kind,
            vendor: d.vendor,
            serialNo: d.serialNo,
            direction: d.direction,
            name: d.name,
            lastEventAt: c.open ? at(nowMs - 5 * 60_000) : null,
          })),
        ),
      );
      await tx.insert(carriers).values(
        plan.carriers.map((c, i) => ({
          id: carrierIds[i]!,
          name: c.name,
          uscc: c.uscc,
          licenceNo: c.licenceNo,
          licenceExpiresOn: c.licenceExpiresOn,
          contactName: c.contactName,
          contactPhone: c.contactPhone,
          address: c.address,
        })),
      );
      await tx.insert(parkVehicles).values(
        plan.vehicles.map((v, i) => ({
          id: vehicleIds[i]!,
          plate: v.plate,
          plateColor: v.plateColor,
          carrierId: v.carrier === null ? null : carrierIds[v.carrier]!,
          category: v.category,
          body: v.body,
          hazmatClasses: v.hazmatClasses,
          transportCertNo: v.transportCertNo,
          transportCertExpiresOn: v.transportCertExpiresOn,
          enterpriseId: v.enterprise === null ? null : enterpriseId(v.enterprise),
        })),
      );
      await tx.insert(parkPeople).values(
        plan.people.map((p, i) => ({
          id: personIds[i]!,
          kind: p.kind,
          name: p.name,
          idNumber: p.idNumber,
          phone: p.phone,
          carrierId: p.carrier === null ? null : carrierIds[p.carrier]!,
          enterpriseId: p.enterprise === null ? null : enterpriseId(p.enterprise),
          qualificationNo: p.qualificationNo,
          qualificationExpiresOn: p.qualificationExpiresOn,
          personCode: p.personCode,
        })),
      );
      await tx.insert(parkAccessLists).values(
        plan.lists.map((l) => ({
          list: l.list,
          subjectKind: l.subjectKind,
          plate: l.plate,
          personId: l.person === null ? null : personIds[l.person]!,
          reason: l.reason,
          validFrom: at(l.validFrom),
          validTo: atOrNull(l.validTo),
        })),
      );
      await tx.insert(geofences).values(
        plan.geofences.map((g) => ({
          id: fenceId.get(g.key)!,
          kind: g.kind,
          name: g.name,
          geometry: g.geometry,
          widthM: g.widthM,
          speedLimitKmh: g.speedLimitKmh,
          capacity: g.capacity,
        })),
      );
      await tx.insert(entryAppointments).values(
        plan.appointments.map((a, i) => ({
          id: apptIds[i]!,
          code: a.code,
          carrierId: carrierIds[plan.vehicles[a.vehicle]!.carrier!]!,
          vehicleId: vehicleIds[a.vehicle]!,
          plate: plan.vehicles[a.vehicle]!.plate,
          driverId: personIds[a.driver]!,
          escortId: a.escort === null ? null : personIds[a.escort]!,
          cargo: a.cargo,
          waybillNo: a.waybillNo,
          enterpriseId: enterpriseId(a.enterprise),
          routeId: fenceId.get(a.route)!,
          windowStart: at(a.windowStart),
          windowEnd: at(a.windowEnd),
          status: a.status,
          enterpriseApprovedAt: atOrNull(a.enterpriseApprovedAt),
          enterpriseApprovedBy: a.enterpriseApprovedAt === null ? null : entUser(a.enterprise),
          parkApprovedAt: atOrNull(a.parkApprovedAt),
          parkApprovedBy: a.parkApprovedAt === null ? null : parkUser,
          rejectedAt: atOrNull(a.rejectedAt),
          rejectedBy: a.rejectedAt === null ? null : entUser(a.enterprise),
          rejectReason: a.rejectReason,
          createdAt: at(a.createdAt),
          updatedAt: at(a.parkApprovedAt ?? a.rejectedAt ?? a.enterpriseApprovedAt ?? a.createdAt),
        })),
      );
      const lastSeen = new Map<number, number>();
      for (const v of plan.visits) if (v.terminal !== null && v.positions.length) lastSeen.set(v.terminal, v.positions.at(-1)!.ts);
      await tx.insert(positionTerminals).values(
        plan.terminals.map((t, i) => ({
          id: terminalIds[i]!,
          protocol: t.protocol,
          identifier: t.identifier,
          vehicleId: t.vehicle === null ? null : vehicleIds[t.vehicle]!,
          authCode: t.authCode,
          protocolVersion: t.version,
          manufacturer: t.manufacturer,
          model: t.model,
          registeredPlate: t.protocol === 'jt808' && t.vehicle !== null ? plan.vehicles[t.vehicle]!.plate : null,
          registeredAt: atOrNull(t.registeredAt),
          lastSeenAt: atOrNull(lastSeen.get(i) ?? t.lastSeenAt),
        })),
      );

      // Visits, then the spooled events (done) and their passes.
      await tx.insert(parkVisits).values(
        plan.visits.map((v, i) => {
          const person = v.person === null ? null : plan.people[v.person]!;
          return {
            id: visitIds[i]!,
            subjectKind: v.subjectKind,
            plate: v.vehicle === null ? null : plan.vehicles[v.vehicle]!.plate,
            vehicleId: v.vehicle === null ? null : vehicleIds[v.vehicle]!,
            personId: v.person === null ? null : personIds[v.person]!,
            personCode: person?.personCode ?? null,
            appointmentId: v.appointment === null ? null : apptIds[v.appointment]!,
            enteredAt: at(v.enteredAt),
            entryCheckpointId: cpId.get(v.checkpoint)!,
          };
        }),
      );
      const devOf = new Map(plan.checkpoints.flatMap((c) => c.devices.map((d) => [d.serialNo, d] as const)));
      const spoolRows = plan.passes.map((p, i) => {
        const d = devOf.get(p.device)!;
        const person = p.person === null ? null : plan.people[p.person]!;
        return {
          source: d.kind === 'anpr' ? 'isapiAnpr' : 'isapiAcs',
          dedupKey: `demo:${d.serialNo}:${i + 1}`,
          receivedAt: at(p.at + 300),
          remoteAddr: null,
          payload: {
            demo: true,
            serialNo: d.serialNo,
            dateTime: new Date(p.at).toISOString(),
            ...(p.kind === 'vehicle'
              ? { plate: p.plate, confidence: p.confidence }
              : { employeeNoString: person?.personCode ?? null, name: person?.name ?? null, similarity: p.confidence }),
          },
          status: 'done',
          processedAt: at(p.at + 800),
        };
      });
      const spooled = await tx.insert(gateEventSpool).values(spoolRows).returning({ id: gateEventSpool.id, dedupKey: gateEventSpool.dedupKey });
      const spoolId = new Map(spooled.map((r) => [r.dedupKey, r.id]));
      await tx.insert(gatePasses).values(
        plan.passes.map((p, i) => {
          const d = devOf.get(p.device)!;
          const person = p.person === null ? null : plan.people[p.person]!;
          return {
            spoolId: spoolId.get(spoolRows[i]!.dedupKey)!,
            kind: p.kind,
            result: p.result,
            direction: d.direction,
            plate: p.plate,
            vehicleId: p.vehicle === null ? null : vehicleIds[p.vehicle]!,
            personId: p.person === null ? null : personIds[p.person]!,
            personCode: person?.personCode ?? null,
            personName: person?.name ?? null,
            checkpointId: cpId.get(p.checkpoint)!,
            deviceId: devId.get(p.device)!,
            laneCode: d.laneCode,
            deviceTime: at(p.at),
            receivedAt: at(p.at + 300),
            confidence: p.confidence,
            appointmentId: p.appointment === null ? null : apptIds[p.appointment]!,
            visitId: p.visit === null ? null : visitIds[p.visit]!,
            findings: p.findings,
          };
        }),
      );

      // Positions: one statement, one parameter.
      const rows = plan.visits.flatMap((v) =>
        v.terminal === null
          ? []
          : v.positions.map((p) => ({
              terminal_id: terminalIds[v.terminal!]!,
              vehicle_id: vehicleIds[v.vehicle!]!,
              ts: new Date(p.ts).toISOString(),
              received_at: new Date(p.ts + 700).toISOString(),
              lat: p.lat,
              lon: p.lon,
              speed_kmh: p.speedKmh,
              course: p.course,
              accuracy_m: plan.terminals[v.terminal!]!.protocol === 'osmand' ? 8 : null,
            })),
      );
      positions = rows.length;
      if (rows.length)
        await tx.execute(sql`insert into vehicle_positions (terminal_id, vehicle_id, ts, received_at, lat, lon, speed_kmh, course, accuracy_m)
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(terminal_id uuid, vehicle_id uuid, ts timestamptz,
            received_at timestamptz, lat float8, lon float8, speed_kmh float8, course float8, accuracy_m float8)`);

      // Alarms with their events.
      const alarmRows: (typeof safetyAlarms.$inferInsert)[] = [];
      const eventRows: (typeof safetyAlarmEvents.$inferInsert)[] = [];
      for (const a of plan.alarms) {
        const id = randomUUID();
        const appt = a.appointment === null ? null : plan.appointments[a.appointment]!;
        const ev = (kind: string, when: number, extra: Partial<typeof safetyAlarmEvents.$inferInsert> = {}) =>
          eventRows.push({ alarmId: id, at: at(when), kind, level: null, value: null, byUserId: null, note: null, ...extra });
        ev('raised', a.at, { level: a.level, value: a.value });
        if (a.acknowledgedAt !== null) ev('acknowledged', a.acknowledgedAt, { byUserId: parkUser });
        if (a.clearedAt !== null) ev('cleared', a.clearedAt);
        if (a.closedAt !== null) ev('closed', a.closedAt, { byUserId: parkUser, note: a.closeNote });
        alarmRows.push({
          id,
          enterpriseId: appt ? enterpriseId(appt.enterprise) : null,
          plate: a.plate,
          vehicleId: a.vehicle === null ? null : vehicleIds[a.vehicle]!,
          checkpointId: a.checkpoint === null ? null : cpId.get(a.checkpoint)!,
          geofenceId: a.geofence === null ? null : fenceId.get(a.geofence)!,
          appointmentId: a.appointment === null ? null : apptIds[a.appointment]!,
          lat: a.lat,
          lon: a.lon,
          detail: a.findings ? { findings: a.findings } : null,
          rule: a.rule,
          level: a.level,
          status: a.closedAt !== null ? 'closed' : a.acknowledgedAt !== null ? 'acknowledged' : 'raised',
          value: a.value,
          threshold: a.threshold,
          peakValue: a.peak ?? a.value,
          raisedAt: at(a.at),
          clearedAt: atOrNull(a.clearedAt),
          acknowledgedAt: atOrNull(a.acknowledgedAt),
          acknowledgedBy: a.acknowledgedAt === null ? null : parkUser,
          closedAt: atOrNull(a.closedAt),
          closedBy: a.closedAt === null ? null : parkUser,
          closeNote: a.closeNote,
          updatedAt: at(Math.max(a.at, a.clearedAt ?? 0, a.acknowledgedAt ?? 0, a.closedAt ?? 0)),
        });
      }
      await tx.insert(safetyAlarms).values(alarmRows);
      await tx.insert(safetyAlarmEvents).values(eventRows);
      if (gate) await tx.insert(settings).values({ key: GATE_TOKEN_SETTING, value: gate.setting }).onConflictDoNothing();
      await tx.insert(settings).values({ key: MARK, value: { at: now.toISOString(), vehicles: plan.vehicles.length, file: DEMO_DEVICES_FILE } });
      const events = new SafetyEvents();
      for (const what of ['registry', 'geofences', 'appointments', 'visits'] as const) await events.notify(tx, { kind: 'park', what });
    });
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  renameSync(tmp, path);
  return { seeded: true, file: path, vehicles: plan.vehicles.length, visits: plan.visits.length, positions };
}

/** The device file with the park's part: the existing file's fields kept (the telemetry simulator reads them). */
function buildFile(deps: Deps, plan: DemoParkPlan, nowMs: number, token: string | null): DemoDevicesFileWithPark {
  const cfg = deps.config;
  const path = demoDevicesPath(cfg.dataDir);
  let base: DemoDevicesFileWithPark | null = null;
  if (existsSync(path)) {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as DemoDevicesFileWithPark;
      if (parsed.version === 1 && Array.isArray(parsed.devices) && Array.isArray(parsed.stations)) base = parsed;
    } catch {
      deps.log.warn(`${path} is not readable JSON: rewriting it with the park's part only`);
    }
  }
  base ??= {
    version: 1,
    generatedAt: new Date(nowMs).toISOString(),
    baseUrl: `http://localhost:${cfg.port}`,
    mqtt: { port: cfg.ports.mqtt, url: null },
    hj212: null,
    devices: [],
    stations: [],
  };
  const visitOfVehicle = new Map(plan.visits.flatMap((v, i) => (v.vehicle === null ? [] : [[v.vehicle, i] as const])));
  const roleOf = (visit: number | undefined): DemoParkTerminal['role'] => {
    if (visit === undefined) return null;
    const r = plan.roles;
    return visit === r.speeding
      ? 'speeding'
      : visit === r.offRoute
        ? 'offRoute'
        : visit === r.parkedOutside
          ? 'parkedOutside'
          : visit === r.overstay
            ? 'overstay'
            : null;
  };
  const apptOf = new Map<number, number>();
  plan.appointments.forEach((a, i) => {
    if (a.status === 'approved' && !apptOf.has(a.vehicle)) apptOf.set(a.vehicle, i);
  });
  const park: DemoParkSection = {
    version: 1,
    generatedAt: new Date(nowMs).toISOString(),
    jt808: { port: cfg.ports.jt808 },
    osmand: { port: cfg.ports.osmand },
    gate: { baseUrl: `http://localhost:${cfg.gate.listener ? cfg.ports.gate : cfg.port}`, token },
    terminals: plan.terminals.map((t) => {
      const v = t.vehicle === null ? null : plan.vehicles[t.vehicle]!;
      const visit = t.vehicle === null ? undefined : visitOfVehicle.get(t.vehicle);
      return {
        protocol: t.protocol,
        identifier: t.identifier,
        authCode: t.authCode,
        version: t.version,
        plate: v?.plate ?? null,
        plateColor: PLATE_COLOR_CODE[v?.plateColor ?? 'yellow'] ?? 2,
        category: v?.category ?? null,
        inPark: visit !== undefined,
        path: visit === undefined ? null : plan.visits[visit]!.path,
        last: (() => {
          const p = visit === undefined ? undefined : plan.visits[visit]!.positions.at(-1);
          return p ? ([p.lon, p.lat] as LonLat) : null;
        })(),
        role: roleOf(visit),
      };
    }),
    devices: plan.checkpoints.flatMap((c) =>
      c.devices.map((d) => ({
        checkpoint: c.code,
        checkpointName: c.name,
        kind: d.kind,
        vendor: d.vendor,
        serialNo: d.serialNo,
        direction: d.direction,
        laneCode: d.laneCode,
        open: c.open,
      })),
    ),
    vehicles: plan.vehicles.map((v, i) => {
      const a = apptOf.get(i);
      const appt = a === undefined ? null : plan.appointments[a]!;
      return {
        plate: v.plate,
        category: v.category,
        inPark: visitOfVehicle.has(i),
        appointment: appt?.code ?? null,
        window: appt ? [new Date(appt.windowStart).toISOString(), new Date(appt.windowEnd).toISOString()] : null,
      };
    }),
    people: plan.people.flatMap((p, i) => (p.personCode ? [{ personCode: p.personCode, name: p.name, inPark: plan.visits.some((v) => v.person === i) }] : [])),
    geofences: plan.geofences.map((g) => ({ kind: g.kind, name: g.name, geometry: g.geometry, speedLimitKmh: g.speedLimitKmh, capacity: g.capacity })),
  };
  return { ...base, park };
}
