// The rule engine on positions (issue 8): positions arrive as they are received, thousands a second; each is
// evaluated in memory against the geofences (a Flatbush index over their boxes; a route is indexed by its corridor's
// box) and the vehicle's appointment. Only a raise or a clear touches the database, through ParkAlarms (one statement
// each): a plate's changes in order, plates side by side; batches are serialised on one queue like the sensor
// AlarmEngine. Positions reach it before they are durable (pipeline.ts: an alarm must not wait behind
// the write queue).
//
// Rules (positions with a vehicle only; positions flagged 'jump' or 'noFix' and positions older than the vehicle's
// last are not judged):
// - overspeed (orange): above the lowest limit of the speed zones containing the position, else the boundary's limit
//   (or the setting's default) inside the park; cleared once the speed is at least 5 km/h under the limit (or no
//   limit applies) for 2 consecutive positions, so a vehicle hovering at the limit raises one alarm;
// - offRoute (red): a vehicle whose approved appointment in its window names a route, inside the boundary and farther
//   than width/2 from the route's line; cleared back in the corridor (or once no appointment with a route applies);
// - restrictedArea (red): inside a restricted area; cleared on leaving;
// - parkedOutside (orange): below 3 km/h for more than N minutes inside the boundary and outside every parking lot;
//   judged on positions and by checkTimers; cleared when moving or inside a lot;
// - overstay (orange): an open visit whose appointment window ended more than the grace ago (checkTimers); cleared
//   when the visit closes;
// - positionLost (yellow): a vehicle with a bound terminal, in the park (open visit) or due in it (approved
//   appointment in window), whose last position is older than N minutes (checkTimers); cleared by the next position
//   or when the vehicle is neither in the park nor due.
// Choices: with no boundary drawn, every position counts as inside the park. After a restart a vehicle counts as
// silent only once N minutes have passed since the engine started; the rules active per plate are rebuilt from
// ParkAlarms.openKeys() (open, not cleared), so nothing is raised twice. An alarm a person closes while its condition
// holds is raised again at the next position.
import Flatbush from 'flatbush';
import {
  bboxOf,
  defaultParkRuleSettings,
  distanceM,
  distanceToLineM,
  expandBbox,
  OVERSPEED_CALM_POSITIONS,
  OVERSPEED_HYSTERESIS_KMH,
  pointInArea,
  positionRules,
  STOPPED_BELOW_KMH,
  type Bbox,
  type GeofenceGeometry,
  type LonLat,
  type ParkRuleSettings,
  type PositionRule,
} from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import type { SafetyEvent, SafetyEvents } from '../safety/safety-events.ts';
import type { ParkAlarmKey, ParkAlarmRaise, ParkAlarms, PositionSink, StoredPosition } from './contracts.ts';
import { createRuleSource, type RuleData, type RuleSource } from './rule-source.ts';

export interface RuleEngine extends PositionSink {
  /** Timed rules (position lost, stopped outside a lot, past the appointment window) at `now`. */
  checkTimers(now: Date): Promise<void>;
  /** Resolves when queued work is done (tests). */
  idle(): Promise<void>;
}

const MINUTE = 60_000;
/** Plates whose alarm writes of one batch run at the same time (the pool has 16 connections). */
const WRITE_CONCURRENCY = 8;
const RULES = new Set<string>(positionRules);

type Action = { op: 'raise'; r: ParkAlarmRaise } | { op: 'clear'; key: ParkAlarmKey; at: Date };

interface Fence {
  id: string;
  kind: string;
  poly: LonLat[][] | null;
  line: LonLat[] | null;
  widthM: number | null;
  speedLimitKmh: number | null;
}

interface Appointment {
  id: string;
  enterpriseId: string;
  routeId: string | null;
  status: string;
  start: number;
  end: number;
}

interface VehicleState {
  lastTs: number | null;
  lat: number | null;
  lon: number | null;
  /** When the vehicle last started standing still (null: moving or unknown). */
  stoppedSince: number | null;
  inBoundary: boolean;
  inLot: boolean;
  /** Consecutive positions well under the limit while overspeed is raised. */
  calm: number;
}

interface Loaded {
  settings: ParkRuleSettings;
  fences: Fence[];
  byId: Map<string, Fence>;
  index: Flatbush | null;
  hasBoundary: boolean;
  boundaryLimit: number | null;
  vehicles: Map<string, { plate: string; enterpriseId: string | null }>;
  byPlate: Map<string, string>;
  appointments: Map<string, Appointment[]>;
  appointmentById: Map<string, Appointment>;
  visits: RuleData['visits'];
  bound: Set<string>;
}

function compile(data: RuleData): Loaded {
  const fences: Fence[] = [];
  const boxes: Bbox[] = [];
  let boundaryLimit: number | null = null;
  for (const g of data.geofences) {
    const geometry = g.geometry as GeofenceGeometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'LineString')) continue;
    const f: Fence = {
      id: g.id,
      kind: g.kind,
      poly: geometry.type === 'Polygon' ? geometry.coordinates : null,
      line: geometry.type === 'LineString' ? geometry.coordinates : null,
      widthM: g.widthM,
      speedLimitKmh: g.speedLimitKmh,
    };
    if (f.kind === 'route' && (!f.line || f.widthM === null)) continue;
    if (f.kind !== 'route' && !f.poly) continue;
    const box = bboxOf(geometry);
    boxes.push(f.kind === 'route' ? expandBbox(box, f.widthM! / 2) : box);
    fences.push(f);
    if (f.kind === 'boundary' && f.speedLimitKmh !== null) boundaryLimit = boundaryLimit === null ? f.speedLimitKmh : Math.min(boundaryLimit, f.speedLimitKmh);
  }
  let index: Flatbush | null = null;
  if (fences.length) {
    index = new Flatbush(fences.length);
    for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
    index.finish();
  }
  const vehicles = new Map(data.vehicles.map((v) => [v.id, { plate: v.plate, enterpriseId: v.enterpriseId }]));
  const byPlate = new Map(data.vehicles.map((v) => [v.plate, v.id]));
  const appointments = new Map<string, Appointment[]>();
  const appointmentById = new Map<string, Appointment>();
  for (const a of data.appointments) {
    const ap: Appointment = {
      id: a.id,
      enterpriseId: a.enterpriseId,
      routeId: a.routeId,
      status: a.status,
      start: a.windowStart.getTime(),
      end: a.windowEnd.getTime(),
    };
    appointmentById.set(a.id, ap);
    if (a.status !== 'approved') continue;
    const list = appointments.get(a.vehicleId) ?? [];
    list.push(ap);
    appointments.set(a.vehicleId, list);
  }
  return {
    settings: data.settings,
    fences,
    byId: new Map(fences.map((f) => [f.id, f])),
    index,
    hasBoundary: fences.some((f) => f.kind === 'boundary'),
    boundaryLimit,
    vehicles,
    byPlate,
    appointments,
    appointmentById,
    visits: data.visits,
    bound: new Set(data.bound),
  };
}

const empty = (): Loaded => compile({ settings: defaultParkRuleSettings, geofences: [], vehicles: [], appointments: [], visits: [], bound: [] });

export class ParkRuleEngine implements RuleEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private loaded = false;
  private reloadQueued = false;
  private d: Loaded = empty();
  private readonly states = new Map<string, VehicleState>();
  /** Rules with an open, not cleared alarm, per plate. */
  private readonly active = new Map<string, Set<PositionRule>>();
  private startedAt = 0;

  constructor(
    private readonly source: RuleSource,
    private readonly alarms: ParkAlarms,
    private readonly deps: Pick<Deps, 'clock' | 'log'>,
  ) {}

  // ---- PositionSink ----

  /** Never rejects: the positions are stored whatever happens here (a failure is logged; the state reloads next time). */
  onPositions(positions: readonly StoredPosition[]): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      const actions: Action[] = [];
      for (const p of positions) this.evaluate(p, actions);
      await this.write(actions);
    }).catch((err: unknown) => this.deps.log.warn({ err }, 'park rules not evaluated'));
  }

  checkTimers(now: Date): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      // the appointments and visits move on without every change being announced: read them again
      await this.reload(now);
      const actions: Action[] = [];
      const t = now.getTime();
      for (const [vehicleId, s] of this.states) {
        const v = this.d.vehicles.get(vehicleId);
        if (v) this.judgeParked(vehicleId, v.plate, s, t, actions);
      }
      this.judgeOverstay(t, actions);
      await this.judgeLost(t, actions);
      await this.write(actions);
    });
  }

  /** Reloads on closed-park changes; keeps the active set in step with alarms a person closed. */
  onEvent(e: SafetyEvent): void {
    if (e.kind === 'park') {
      if (this.reloadQueued || !this.loaded) return;
      this.reloadQueued = true;
      void this.enqueue(async () => {
        this.reloadQueued = false;
        await this.reload(this.deps.clock.now());
      }).catch((err: unknown) => this.deps.log.warn({ err }, 'park rules not reloaded'));
      return;
    }
    if (e.kind === 'alarm' && e.change === 'closed' && e.alarm.plate && RULES.has(e.alarm.rule)) {
      this.active.get(e.alarm.plate)?.delete(e.alarm.rule as PositionRule);
    }
  }

  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  // ---- evaluation ----

  private state(vehicleId: string): VehicleState {
    let s = this.states.get(vehicleId);
    if (!s) {
      s = { lastTs: null, lat: null, lon: null, stoppedSince: null, inBoundary: false, inLot: false, calm: 0 };
      this.states.set(vehicleId, s);
    }
    return s;
  }

  private isActive(plate: string, rule: PositionRule): boolean {
    return this.active.get(plate)?.has(rule) ?? false;
  }

  private raise(r: ParkAlarmRaise, actions: Action[]): void {
    let set = this.active.get(r.plate);
    if (!set) this.active.set(r.plate, (set = new Set()));
    if (set.has(r.rule as PositionRule)) return;
    set.add(r.rule as PositionRule);
    actions.push({ op: 'raise', r });
  }

  private clear(plate: string, rule: PositionRule, at: Date, actions: Action[]): void {
    const set = this.active.get(plate);
    if (!set?.delete(rule)) return;
    actions.push({ op: 'clear', key: { plate, rule }, at });
  }

  /** The approved appointment whose window covers t (one naming a route first). */
  private appointmentAt(vehicleId: string, t: number): Appointment | null {
    let found: Appointment | null = null;
    for (const a of this.d.appointments.get(vehicleId) ?? []) {
      if (t < a.start || t > a.end) continue;
      if (a.routeId) return a;
      found ??= a;
    }
    return found;
  }

  private evaluate(p: StoredPosition, actions: Action[]): void {
    if (!p.vehicleId || p.flags.includes('jump') || p.flags.includes('noFix')) return;
    const v = this.d.vehicles.get(p.vehicleId);
    if (!v) return;
    const s = this.state(p.vehicleId);
    if (s.lastTs !== null && p.ts < s.lastTs) return;
    const plate = v.plate;
    const at = new Date(p.ts);
    if (this.active.has(plate)) this.clear(plate, 'positionLost', at, actions);

    const { lon, lat } = p;
    let inBoundary = !this.d.hasBoundary;
    let inLot = false;
    let restricted: Fence | null = null;
    let zone: Fence | null = null;
    let boundary: Fence | null = null;
    if (this.d.index) {
      for (const i of this.d.index.search(lon, lat, lon, lat)) {
        const f = this.d.fences[i]!;
        if (!f.poly || !pointInArea(lon, lat, f.poly)) continue;
        if (f.kind === 'boundary') {
          inBoundary = true;
          boundary ??= f;
        } else if (f.kind === 'parking') inLot = true;
        else if (f.kind === 'restricted') restricted ??= f;
        else if (f.kind === 'speedZone' && (zone === null || f.speedLimitKmh! < zone.speedLimitKmh!)) zone = f;
      }
    }
    const appt = this.appointmentAt(p.vehicleId, p.ts);
    const vehicleId = p.vehicleId;
    // built only for a raise: most positions change nothing
    const base = () => ({ plate, at, vehicleId, enterpriseId: appt?.enterpriseId ?? v.enterpriseId, appointmentId: appt?.id ?? null, lat, lon });

    // overspeed
    const speed = p.speedKmh;
    const limit = zone ? zone.speedLimitKmh : inBoundary ? (this.d.boundaryLimit ?? this.d.settings.defaultSpeedLimitKmh) : null;
    if (speed !== null && Number.isFinite(speed)) {
      if (limit !== null && speed > limit) {
        s.calm = 0;
        this.raise({ ...base(), rule: 'overspeed', level: 'orange', value: speed, threshold: limit, geofenceId: zone?.id ?? boundary?.id ?? null }, actions);
      } else if (this.isActive(plate, 'overspeed')) {
        if (limit === null || speed <= limit - OVERSPEED_HYSTERESIS_KMH) {
          if (++s.calm >= OVERSPEED_CALM_POSITIONS) {
            s.calm = 0;
            this.clear(plate, 'overspeed', at, actions);
          }
        } else s.calm = 0;
      }
    }

    // restricted area
    if (restricted) this.raise({ ...base(), rule: 'restrictedArea', level: 'red', geofenceId: restricted.id }, actions);
    else this.clear(plate, 'restrictedArea', at, actions);

    // off route
    const route = appt?.routeId ? this.d.byId.get(appt.routeId) : undefined;
    if (route?.line && route.widthM !== null) {
      const d = distanceToLineM(lon, lat, route.line);
      const half = route.widthM / 2;
      if (d <= half) this.clear(plate, 'offRoute', at, actions);
      else if (inBoundary) this.raise({ ...base(), rule: 'offRoute', level: 'red', value: Math.round(d), threshold: half, geofenceId: route.id }, actions);
    } else this.clear(plate, 'offRoute', at, actions);

    // stopped outside a lot
    let stopped: boolean;
    if (speed !== null && Number.isFinite(speed)) stopped = speed < STOPPED_BELOW_KMH;
    else if (s.lastTs !== null && s.lat !== null && s.lon !== null && p.ts > s.lastTs)
      stopped = (distanceM(s.lon, s.lat, lon, lat) / ((p.ts - s.lastTs) / 1000)) * 3.6 < STOPPED_BELOW_KMH;
    else stopped = s.stoppedSince !== null;
    s.stoppedSince = stopped ? (s.stoppedSince ?? p.ts) : null;
    s.inBoundary = inBoundary;
    s.inLot = inLot;
    s.lastTs = p.ts;
    s.lat = lat;
    s.lon = lon;
    this.judgeParked(p.vehicleId, plate, s, p.ts, actions);
  }

  private judgeParked(vehicleId: string, plate: string, s: VehicleState, t: number, actions: Action[]): void {
    const n = this.d.settings.parkedOutsideMinutes;
    if (s.stoppedSince === null || s.inLot) {
      this.clear(plate, 'parkedOutside', new Date(t), actions);
      return;
    }
    if (!s.inBoundary || t - s.stoppedSince <= n * MINUTE || this.isActive(plate, 'parkedOutside')) return;
    const v = this.d.vehicles.get(vehicleId);
    const appt = this.appointmentAt(vehicleId, t);
    this.raise(
      {
        plate,
        rule: 'parkedOutside',
        level: 'orange',
        at: new Date(t),
        vehicleId,
        enterpriseId: appt?.enterpriseId ?? v?.enterpriseId ?? null,
        appointmentId: appt?.id ?? null,
        lat: s.lat,
        lon: s.lon,
        value: Math.floor((t - s.stoppedSince) / MINUTE),
        threshold: n,
      },
      actions,
    );
  }

  private judgeOverstay(t: number, actions: Action[]): void {
    const grace = this.d.settings.overstayGraceMinutes * MINUTE;
    const over = new Set<string>();
    for (const visit of this.d.visits) {
      const vehicleId = visit.vehicleId ?? (visit.plate ? this.d.byPlate.get(visit.plate) : undefined) ?? null;
      const v = vehicleId ? this.d.vehicles.get(vehicleId) : undefined;
      const plate = v?.plate ?? visit.plate;
      const appt = visit.appointmentId ? this.d.appointmentById.get(visit.appointmentId) : undefined;
      if (!plate || !appt || t <= appt.end + grace) continue;
      over.add(plate);
      const s = vehicleId ? this.states.get(vehicleId) : undefined;
      this.raise(
        {
          plate,
          rule: 'overstay',
          level: 'orange',
          at: new Date(t),
          vehicleId,
          enterpriseId: appt.enterpriseId,
          appointmentId: appt.id,
          lat: s?.lat ?? null,
          lon: s?.lon ?? null,
          value: Math.floor((t - appt.end) / MINUTE),
          threshold: this.d.settings.overstayGraceMinutes,
        },
        actions,
      );
    }
    for (const [plate, set] of this.active) if (set.has('overstay') && !over.has(plate)) this.clear(plate, 'overstay', new Date(t), actions);
  }

  private async judgeLost(t: number, actions: Action[]): Promise<void> {
    const n = this.d.settings.positionLostMinutes * MINUTE;
    // vehicle → since when it is expected to report (entered the park, or its window opened)
    const due = new Map<string, { since: number; appt: Appointment | null }>();
    for (const visit of this.d.visits) {
      const vehicleId = visit.vehicleId ?? (visit.plate ? this.d.byPlate.get(visit.plate) : undefined);
      if (!vehicleId || !this.d.bound.has(vehicleId)) continue;
      const appt = visit.appointmentId ? (this.d.appointmentById.get(visit.appointmentId) ?? null) : null;
      due.set(vehicleId, { since: visit.enteredAt.getTime(), appt });
    }
    for (const [vehicleId, list] of this.d.appointments) {
      if (due.has(vehicleId) || !this.d.bound.has(vehicleId)) continue;
      const appt = list.find((a) => t >= a.start && t <= a.end);
      if (appt) due.set(vehicleId, { since: appt.start, appt });
    }
    const unknown = [...due.keys()].filter((id) => this.states.get(id)?.lastTs == null);
    if (unknown.length) {
      for (const [id, ts] of await this.source.lastPositions(unknown)) {
        const s = this.state(id);
        if (s.lastTs === null) s.lastTs = ts;
      }
    }
    const duePlates = new Set<string>();
    for (const [vehicleId, { since, appt }] of due) {
      const v = this.d.vehicles.get(vehicleId);
      if (!v) continue;
      duePlates.add(v.plate);
      const s = this.states.get(vehicleId);
      const last = Math.max(s?.lastTs ?? since, since, this.startedAt);
      if (t - last <= n) continue;
      this.raise(
        {
          plate: v.plate,
          rule: 'positionLost',
          level: 'yellow',
          at: new Date(t),
          vehicleId,
          enterpriseId: appt?.enterpriseId ?? v.enterpriseId,
          appointmentId: appt?.id ?? null,
          lat: s?.lat ?? null,
          lon: s?.lon ?? null,
          value: s?.lastTs != null ? Math.floor((t - s.lastTs) / MINUTE) : null,
          threshold: this.d.settings.positionLostMinutes,
        },
        actions,
      );
    }
    for (const [plate, set] of this.active) if (set.has('positionLost') && !duePlates.has(plate)) this.clear(plate, 'positionLost', new Date(t), actions);
  }

  // ---- state and writes ----

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reload(now: Date): Promise<void> {
    this.d = compile(await this.source.load(now));
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loaded) return;
    const now = this.deps.clock.now();
    const [, open] = await Promise.all([this.reload(now), this.alarms.openKeys()]);
    this.active.clear();
    for (const k of open) {
      if (k.cleared || !RULES.has(k.rule)) continue;
      let set = this.active.get(k.plate);
      if (!set) this.active.set(k.plate, (set = new Set()));
      set.add(k.rule as PositionRule);
    }
    this.startedAt ||= now.getTime();
    this.loaded = true;
  }

  /**
   * Writes the raises and clears of one batch: each is one statement (ParkAlarms), the actions of one plate in order,
   * plates side by side (at most WRITE_CONCURRENCY at a time), so that an alarm waits for its own round trip only.
   * Resolves once all are written; the first failure is thrown after the others settled, and the active rules are then
   * rebuilt from the alarms before the next batch.
   */
  private async write(actions: Action[]): Promise<void> {
    if (!actions.length) return;
    const byPlate = new Map<string, Action[]>();
    for (const a of actions) {
      const plate = a.op === 'raise' ? a.r.plate : a.key.plate;
      const list = byPlate.get(plate);
      if (list) list.push(a);
      else byPlate.set(plate, [a]);
    }
    const groups = [...byPlate.values()];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        for (const a of groups[next++]!) {
          if (a.op === 'raise') await this.alarms.raise(a.r);
          else await this.alarms.clear(a.key, a.at);
        }
      }
    };
    const results = await Promise.allSettled(Array.from({ length: Math.min(WRITE_CONCURRENCY, groups.length) }, worker));
    try {
      for (const r of results) if (r.status === 'rejected') throw r.reason;
    } catch (err) {
      this.deps.log.error({ err }, 'park alarms not written');
      this.loaded = false;
      throw err;
    }
  }
}

export function createRuleEngine(deps: Deps, parts: { alarms: ParkAlarms; events: SafetyEvents }): RuleEngine {
  const engine = new ParkRuleEngine(createRuleSource(deps), parts.alarms, deps);
  parts.events.on((e) => engine.onEvent(e));
  return engine;
}
