// Closed-park management (issue 8): the live vehicle page (车辆一张图) — the snapshot (vehicles in the park with their
// latest position, counts, hazmat parking occupancy, open closed-park alarms, geofences to draw), a vehicle's card,
// its track for playback, and the messages of the live WebSocket. Coordinates are WGS-84; `mapCrs` tells the web
// whether to convert them for display (GCJ-02 base maps).
import { z } from 'zod';
import { alarmSummarySchema } from './safety.ts';

const isoTs = z.iso.datetime({ offset: true });

/** A position as the page draws it (WGS-84; speed km/h, course degrees clockwise from north). */
export const livePositionSchema = z.object({
  ts: isoTs,
  lat: z.number(),
  lon: z.number(),
  speedKmh: z.number().nullable(),
  course: z.number().nullable(),
});
export type LivePosition = z.infer<typeof livePositionSchema>;

export const liveVehicleSchema = z.object({
  /** The key of the vehicle on the page and in `positions` messages: its vehicle id, else its terminal's or visit's. */
  key: z.string(),
  vehicleId: z.uuid().nullable(),
  plate: z.string().nullable(),
  /** hazmat | hazardousWaste | cargo | ordinary | emergency (null: not in the registry). */
  category: z.string().nullable(),
  carrierName: z.string().nullable(),
  /** Hazmat classes and UN numbers of the approved appointment's cargo. */
  hazmatClasses: z.array(z.string()),
  unNumbers: z.array(z.string()),
  appointmentId: z.uuid().nullable(),
  appointmentCode: z.string().nullable(),
  /** An open visit (entered through a checkpoint and not yet out). */
  inPark: z.boolean(),
  enteredAt: isoTs.nullable(),
  /** Seen by position but without an open visit (entered unseen, or the exit was missed). */
  positionOnly: z.boolean(),
  position: livePositionSchema.nullable(),
});
export type LiveVehicle = z.infer<typeof liveVehicleSchema>;

/** GeoJSON geometry of a geofence (WGS-84, [lon, lat] pairs). */
export const liveGeometrySchema = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) }),
]);
export type LiveGeometry = z.infer<typeof liveGeometrySchema>;

export const liveGeofenceSchema = z.object({
  id: z.uuid(),
  /** boundary | restricted | route | parking | speedZone */
  kind: z.string(),
  name: z.string(),
  geometry: liveGeometrySchema,
  /** Corridor width of a route (m, total). */
  widthM: z.number().nullable(),
  speedLimitKmh: z.number().nullable(),
  capacity: z.number().nullable(),
});
export type LiveGeofence = z.infer<typeof liveGeofenceSchema>;

export const liveCountsSchema = z.object({
  /** Vehicles with an open visit. */
  vehicles: z.number().int(),
  byCategory: z.record(z.string(), z.number().int()),
  /** Per hazmat class of the cargo (a vehicle carrying two classes counts under both). */
  byHazmatClass: z.record(z.string(), z.number().int()),
  /** People with an open visit. */
  people: z.number().int(),
});
export type LiveCounts = z.infer<typeof liveCountsSchema>;

export const parkingOccupancySchema = z.object({
  geofenceId: z.uuid(),
  name: z.string(),
  capacity: z.number().int().nullable(),
  /** Vehicles whose latest position is inside the lot. */
  occupied: z.number().int(),
  vehicleKeys: z.array(z.string()),
});
export type ParkingOccupancy = z.infer<typeof parkingOccupancySchema>;

export const parkLiveSnapshotSchema = z.object({
  at: isoTs,
  mapCrs: z.enum(['wgs84', 'gcj02']),
  vehicles: z.array(liveVehicleSchema),
  counts: liveCountsSchema,
  parking: z.array(parkingOccupancySchema),
  /** Open closed-park alarms (with a plate, not closed), newest first. */
  alarms: z.array(alarmSummarySchema),
  geofences: z.array(liveGeofenceSchema),
});
export type ParkLiveSnapshot = z.infer<typeof parkLiveSnapshotSchema>;

const cardPersonSchema = z.object({
  id: z.uuid(),
  /** Masked without field.personName. */
  name: z.string(),
  /** Masked without field.phone. */
  phone: z.string().nullable(),
  qualificationNo: z.string().nullable(),
  qualificationExpiresOn: z.string().nullable(),
});

export const liveCargoSchema = z.object({
  unNumber: z.string().nullable(),
  name: z.string().nullable(),
  hazmatClass: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
});

export const vehicleCardSchema = z.object({
  id: z.uuid(),
  plate: z.string(),
  plateColor: z.string(),
  category: z.string(),
  body: z.string(),
  hazmatClasses: z.array(z.string()),
  carrier: z.object({ id: z.uuid(), name: z.string(), licenceNo: z.string() }).nullable(),
  visit: z.object({ id: z.uuid(), enteredAt: isoTs, entryCheckpointName: z.string().nullable() }).nullable(),
  appointment: z
    .object({
      id: z.uuid(),
      code: z.string(),
      status: z.string(),
      waybillNo: z.string(),
      cargo: z.array(liveCargoSchema),
      windowStart: isoTs,
      windowEnd: isoTs,
      enterprise: z.object({ id: z.uuid(), name: z.string() }),
      route: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    })
    .nullable(),
  driver: cardPersonSchema.nullable(),
  escort: cardPersonSchema.nullable(),
  terminals: z.array(z.object({ id: z.uuid(), protocol: z.string(), identifier: z.string(), lastSeenAt: isoTs.nullable() })),
  position: livePositionSchema.nullable(),
  openAlarms: z.array(alarmSummarySchema),
});
export type VehicleCard = z.infer<typeof vehicleCardSchema>;

/** Longest track asked at once, and most points answered (longer tracks are thinned evenly in SQL). */
export const TRACK_MAX_DAYS = 7;
export const TRACK_MAX_POINTS = 5000;

export const vehicleTrackQuery = z
  .object({
    from: isoTs,
    to: isoTs,
  })
  .strict();
export const vehicleTrackSchema = z.object({
  vehicleId: z.uuid(),
  from: isoTs,
  to: isoTs,
  /** Positions in the range before thinning. */
  total: z.number().int(),
  downsampled: z.boolean(),
  /** [ts ms, lat, lon, speed km/h | null, course | null] in time order, WGS-84. */
  points: z.array(z.tuple([z.number(), z.number(), z.number(), z.number().nullable(), z.number().nullable()])),
});
export type VehicleTrack = z.infer<typeof vehicleTrackSchema>;

/** [key, ts ms, lat, lon, speed km/h | null, course | null] */
export const livePositionTupleSchema = z.tuple([z.string(), z.number(), z.number(), z.number(), z.number().nullable(), z.number().nullable()]);
export type LivePositionTuple = z.infer<typeof livePositionTupleSchema>;

/** Messages of the live WebSocket (GET /api/park/live/ws). */
export const parkLiveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), at: isoTs }),
  /** New positions since the last batch (at most one batch a second), newest per vehicle. */
  z.object({ type: z.literal('positions'), positions: z.array(livePositionTupleSchema) }),
  /** A closed-park alarm changed (raised, cleared, acknowledged, closed, …). */
  z.object({ type: z.literal('alarm'), change: z.string(), alarm: alarmSummarySchema }),
  /** Someone entered or left: the counts now. */
  z.object({ type: z.literal('counts'), counts: liveCountsSchema }),
]);
export type ParkLiveEvent = z.infer<typeof parkLiveEventSchema>;
