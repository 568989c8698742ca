// The live vehicle page's reads (DOMAIN §11, issue 8): the snapshot (vehicles in the park with their latest position,
// counts by category and hazmat class, people in the park, hazmat parking occupancy, open closed-park alarms,
// geofences), a vehicle's card (contact data masked without field.personName / field.phone) and its track. Park-wide
// principals only (park.read; an enterprise's user is refused even if a role gave it park.read).
import pointInPolygon from 'point-in-polygon-hao';
import { sql } from 'drizzle-orm';
import {
  liveGeometrySchema,
  TRACK_MAX_DAYS,
  TRACK_MAX_POINTS,
  type AlarmSummary,
  type LiveGeofence,
  type LivePosition,
  type LiveVehicle,
  type LiveCounts,
  type ParkLiveSnapshot,
  type ParkingOccupancy,
  type VehicleCard,
  type VehicleTrack,
} from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { maskRows } from '../../platform/access/masking.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { alarmRepository, levelRankSql } from '../safety/alarm.repository.ts';
import type { StoredPosition } from './contracts.ts';
import { parkWide } from './live-hub.ts';
import { liveRepository, type PersonRow, type TrackRow } from './live.repository.ts';

const DAY = 86_400_000;
/** Most open closed-park alarms on the page (newest first). */
const MAX_ALARMS = 200;

const iso = (v: Date | string): string => new Date(v).toISOString();

/** Where the latest positions come from: positions.latest() merged with what this hub heard itself. */
export type LatestSource = () => ReadonlyMap<string, StoredPosition>;

export interface ParkLiveService {
  snapshot(p: Principal): Promise<ParkLiveSnapshot>;
  counts(): Promise<LiveCounts>;
  card(p: Principal, id: string): Promise<VehicleCard>;
  track(p: Principal, id: string, q: { from: string; to: string }): Promise<VehicleTrack>;
}

interface CargoLike {
  unNumber?: unknown;
  name?: unknown;
  hazmatClass?: unknown;
  quantity?: unknown;
  unit?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const cargoOf = (v: unknown): CargoLike[] => (Array.isArray(v) ? v.filter((c): c is CargoLike => typeof c === 'object' && c !== null) : []);
const uniq = (xs: (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => x !== null))].sort();

function toLivePosition(p: StoredPosition | TrackRow): LivePosition {
  return { ts: new Date(p.ts).toISOString(), lat: Number(p.lat), lon: Number(p.lon), speedKmh: numOrNull(p.speedKmh), course: numOrNull(p.course) };
}
const numOrNull = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** Whether a WGS-84 point lies in a GeoJSON polygon (its edge counts as inside). */
function inPolygon(lat: number, lon: number, rings: number[][][]): boolean {
  try {
    return pointInPolygon([lon, lat], rings) !== false;
  } catch {
    return false;
  }
}

export function createParkLiveService(deps: Deps, latest: LatestSource): ParkLiveService {
  const { db, clock } = deps;

  function requireParkWide(p: Principal): void {
    if (!parkWide(p)) throw new AppError('FORBIDDEN', 'the live vehicle page is for park-wide users');
  }

  /** Open closed-park alarms through the safety alarm repository (the same summary as the alarm lists). */
  async function openParkAlarms(extra: ReturnType<typeof sql>[] = [], limit = MAX_ALARMS): Promise<AlarmSummary[]> {
    const { rows } = await alarmRepository.page(
      db,
      [sql`a.plate is not null`, sql`a.closed_at is null`, ...extra],
      sql`${levelRankSql} desc, a.raised_at desc, a.id`,
      limit,
      0,
    );
    return rows.map(normaliseAlarm);
  }

  async function geofences(): Promise<LiveGeofence[]> {
    const rows = await liveRepository.geofences(db);
    const out: LiveGeofence[] = [];
    for (const r of rows) {
      const geometry = liveGeometrySchema.safeParse(r.geometry);
      if (!geometry.success) continue; // an invalid geometry is the geofence editor's concern: it is not drawn
      out.push({
        id: r.id,
        kind: r.kind,
        name: r.name,
        geometry: geometry.data,
        widthM: numOrNull(r.widthM),
        speedLimitKmh: numOrNull(r.speedLimitKmh),
        capacity: numOrNull(r.capacity),
      });
    }
    return out;
  }

  /** Vehicles in the park (open visits) and vehicles seen by position without one (not since they last left). */
  async function vehicles(now: Date): Promise<LiveVehicle[]> {
    const positions = latest();
    const visits = await liveRepository.openVehicleVisits(db, now);
    const out: LiveVehicle[] = [];
    const seen = new Set<string>();
    for (const v of visits) {
      const key = v.vehicleId ?? v.visitId;
      if (seen.has(key)) continue;
      seen.add(key);
      const cargo = cargoOf(v.cargo);
      const pos = v.vehicleId ? positions.get(v.vehicleId) : undefined;
      out.push({
        key,
        vehicleId: v.vehicleId,
        plate: v.plate,
        category: v.category,
        carrierName: v.carrierName,
        hazmatClasses: uniq(cargo.map((c) => str(c.hazmatClass))),
        unNumbers: uniq(cargo.map((c) => str(c.unNumber))),
        appointmentId: v.appointmentId,
        appointmentCode: v.appointmentCode,
        inPark: true,
        enteredAt: iso(v.enteredAt),
        positionOnly: false,
        position: pos ? toLivePosition(pos) : null,
      });
    }
    const others = [...positions.entries()].filter(([key]) => !seen.has(key));
    const known = new Map(
      (
        await liveRepository.vehiclesByIds(
          db,
          others.map(([, p]) => p.vehicleId).filter((id): id is string => id !== null),
          now,
        )
      ).map((r) => [r.vehicleId, r]),
    );
    for (const [key, p] of others) {
      const k = p.vehicleId ? known.get(p.vehicleId) : undefined;
      // a vehicle that has left: its last position (before or at the exit) is not shown until a newer one comes
      if (k?.lastExitedAt && p.ts <= new Date(k.lastExitedAt).getTime()) continue;
      const cargo = cargoOf(k?.cargo);
      out.push({
        key,
        vehicleId: k?.vehicleId ?? null,
        plate: k?.plate ?? null,
        category: k?.category ?? null,
        carrierName: k?.carrierName ?? null,
        hazmatClasses: uniq(cargo.map((c) => str(c.hazmatClass))),
        unNumbers: uniq(cargo.map((c) => str(c.unNumber))),
        appointmentId: k?.appointmentId ?? null,
        appointmentCode: k?.appointmentCode ?? null,
        inPark: false,
        enteredAt: null,
        positionOnly: true,
        position: toLivePosition(p),
      });
    }
    return out;
  }

  function countOf(list: readonly LiveVehicle[], people: number): LiveCounts {
    const byCategory: Record<string, number> = {};
    const byHazmatClass: Record<string, number> = {};
    let n = 0;
    for (const v of list) {
      if (!v.inPark) continue;
      n++;
      const cat = v.category ?? 'unknown';
      byCategory[cat] = (byCategory[cat] ?? 0) + 1;
      for (const c of v.hazmatClasses) byHazmatClass[c] = (byHazmatClass[c] ?? 0) + 1;
    }
    return { vehicles: n, byCategory, byHazmatClass, people };
  }

  function occupancy(fences: readonly LiveGeofence[], list: readonly LiveVehicle[]): ParkingOccupancy[] {
    return fences
      .filter((g) => g.kind === 'parking' && g.geometry.type === 'Polygon')
      .map((g) => {
        const rings = g.geometry.coordinates as number[][][];
        const inside = list.filter((v) => v.position && inPolygon(v.position.lat, v.position.lon, rings)).map((v) => v.key);
        return { geofenceId: g.id, name: g.name, capacity: g.capacity, occupied: inside.length, vehicleKeys: inside };
      });
  }

  function maskPerson(p: Principal, r: PersonRow | undefined): VehicleCard['driver'] {
    if (!r) return null;
    const [m] = maskRows([{ ...r }], { personName: ['name'], phone: ['phone'] }, p);
    return {
      id: m!.id,
      name: m!.name,
      phone: m!.phone,
      qualificationNo: m!.qualificationNo,
      qualificationExpiresOn: m!.qualificationExpiresOn,
    };
  }

  return {
    async snapshot(p) {
      requireParkWide(p);
      const now = clock.now();
      const [list, people, fences, alarms] = await Promise.all([vehicles(now), liveRepository.peopleInPark(db), geofences(), openParkAlarms()]);
      return {
        at: now.toISOString(),
        mapCrs: deps.config.mapCrs,
        vehicles: list,
        counts: countOf(list, people),
        parking: occupancy(fences, list),
        alarms,
        geofences: fences,
      };
    },

    async counts() {
      const now = clock.now();
      const [list, people] = await Promise.all([vehicles(now), liveRepository.peopleInPark(db)]);
      return countOf(list, people);
    },

    async card(p, id) {
      requireParkWide(p);
      const v = await liveRepository.vehicle(db, id);
      if (!v) throw notFound('vehicle');
      const now = clock.now();
      const visit = await liveRepository.openVisit(db, id);
      const appointment = await liveRepository.currentAppointment(db, id, visit?.appointmentId ?? null, now);
      const people = await liveRepository.people(db, appointment ? [appointment.driverId, ...(appointment.escortId ? [appointment.escortId] : [])] : []);
      const terminals = await liveRepository.terminals(db, id);
      const mem = latest().get(id);
      const stored = mem ? undefined : await liveRepository.latestPosition(db, id);
      const openAlarms = await openParkAlarms([sql`(a.vehicle_id = ${id} or a.plate = ${v.plate})`], 50);
      return {
        id: v.id,
        plate: v.plate,
        plateColor: v.plateColor,
        category: v.category,
        body: v.body,
        hazmatClasses: v.hazmatClasses ?? [],
        carrier: v.carrierId ? { id: v.carrierId, name: v.carrierName ?? '', licenceNo: v.licenceNo ?? '' } : null,
        visit: visit ? { id: visit.id, enteredAt: iso(visit.enteredAt), entryCheckpointName: visit.checkpointName } : null,
        appointment: appointment
          ? {
              id: appointment.id,
              code: appointment.code,
              status: appointment.status,
              waybillNo: appointment.waybillNo,
              cargo: cargoOf(appointment.cargo).map((c) => ({
                unNumber: str(c.unNumber),
                name: str(c.name),
                hazmatClass: str(c.hazmatClass),
                quantity: typeof c.quantity === 'number' ? c.quantity : c.quantity != null && !Number.isNaN(Number(c.quantity)) ? Number(c.quantity) : null,
                unit: str(c.unit),
              })),
              windowStart: iso(appointment.windowStart),
              windowEnd: iso(appointment.windowEnd),
              enterprise: { id: appointment.enterpriseId, name: appointment.enterpriseName },
              route: appointment.routeId ? { id: appointment.routeId, name: appointment.routeName ?? '' } : null,
            }
          : null,
        driver: appointment ? maskPerson(p, people.get(appointment.driverId)) : null,
        escort: appointment?.escortId ? maskPerson(p, people.get(appointment.escortId)) : null,
        terminals: terminals.map((t) => ({ id: t.id, protocol: t.protocol, identifier: t.identifier, lastSeenAt: t.lastSeenAt ? iso(t.lastSeenAt) : null })),
        position: mem ? toLivePosition(mem) : stored ? toLivePosition(stored) : null,
        openAlarms,
      };
    },

    async track(p, id, q) {
      requireParkWide(p);
      const from = new Date(q.from);
      const to = new Date(q.to);
      if (!(from.getTime() < to.getTime())) throw new AppError('VALIDATION_FAILED', 'from must be before to');
      if (to.getTime() - from.getTime() > TRACK_MAX_DAYS * DAY) throw new AppError('VALIDATION_FAILED', `a track spans at most ${TRACK_MAX_DAYS} days`);
      const v = await liveRepository.vehicle(db, id);
      if (!v) throw notFound('vehicle');
      const { total, rows } = await liveRepository.track(db, id, from, to, TRACK_MAX_POINTS);
      return {
        vehicleId: id,
        from: from.toISOString(),
        to: to.toISOString(),
        total,
        downsampled: rows.length < total,
        points: rows.map((r): VehicleTrack['points'][number] => [Number(r.ts), Number(r.lat), Number(r.lon), numOrNull(r.speedKmh), numOrNull(r.course)]),
      };
    },
  };
}

/** An alarm summary row with numbers as numbers (drivers answer numeric columns as text). */
function normaliseAlarm(r: AlarmSummary): AlarmSummary {
  return {
    ...r,
    plate: r.plate ?? null,
    checkpointName: r.checkpointName ?? null,
    geofenceName: r.geofenceName ?? null,
    lat: numOrNull(r.lat),
    lon: numOrNull(r.lon),
    value: numOrNull(r.value),
    threshold: numOrNull(r.threshold),
    peakValue: numOrNull(r.peakValue),
    occurrences: Number(r.occurrences),
    escalation: Number(r.escalation),
  };
}
