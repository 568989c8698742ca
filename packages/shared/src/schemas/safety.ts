// Safety monitoring (DOMAIN §10, issue 7): the shapes shared by the registry, the alarms, the live page and the
// ingest administration. Request schemas of the registry and the alarm workflow are in safety-registry.ts and
// safety-alarms.ts.
import { z } from 'zod';
import { alarmLevels } from '../alarms.ts';

export const pointKinds = ['level', 'temperature', 'pressure', 'combustibleGas', 'toxicGas', 'other'] as const;
export type PointKind = (typeof pointKinds)[number];
export const deviceKinds = ['device', 'gateway', 'station'] as const;
export type DeviceKind = (typeof deviceKinds)[number];
/** Monitoring rules (issue 7) and the closed-park rules on gate passes and vehicle positions (issue 8). */
export const alarmRules = [
  'threshold',
  'rate',
  'stale',
  'offline',
  'gate',
  'overspeed',
  'offRoute',
  'parkedOutside',
  'overstay',
  'restrictedArea',
  'positionLost',
] as const;
export type AlarmRule = (typeof alarmRules)[number];
export const alarmStatuses = ['raised', 'acknowledged', 'handled', 'closed'] as const;
export type AlarmStatus = (typeof alarmStatuses)[number];
export const hazardGrades = ['general', 'major'] as const;
export type HazardGrade = (typeof hazardGrades)[number];
export const hazardOrigins = ['inspection', 'alarm', 'report'] as const;
export const suppressionKinds = ['maintenance', 'startup'] as const;
export const ingestChannels = ['mqtt', 'http', 'hj212'] as const;
export type IngestChannel = (typeof ingestChannels)[number];

export const alarmLevelSchema = z.enum(alarmLevels);

/** An alarm as lists, the map and the live feed show it. */
export const alarmSummarySchema = z.object({
  id: z.uuid(),
  pointId: z.uuid().nullable(),
  pointTag: z.string().nullable(),
  pointName: z.string().nullable(),
  unit: z.string().nullable(),
  deviceId: z.uuid().nullable(),
  deviceName: z.string().nullable(),
  /** Null for a park-level closed-park alarm (no destination enterprise). */
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  majorHazardId: z.uuid().nullable(),
  majorHazardName: z.string().nullable(),
  /** Closed-park alarms: the plate, the checkpoint or geofence, and where (WGS-84). */
  plate: z.string().nullable(),
  checkpointName: z.string().nullable(),
  geofenceName: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  rule: z.enum(alarmRules),
  level: alarmLevelSchema,
  band: z.enum(['hh', 'h', 'l', 'll']).nullable(),
  status: z.enum(alarmStatuses),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  peakValue: z.number().nullable(),
  occurrences: z.number().int(),
  raisedAt: z.iso.datetime({ offset: true }),
  clearedAt: z.iso.datetime({ offset: true }).nullable(),
  acknowledgedAt: z.iso.datetime({ offset: true }).nullable(),
  handledAt: z.iso.datetime({ offset: true }).nullable(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  escalation: z.number().int(),
  hazardItemId: z.uuid().nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type AlarmSummary = z.infer<typeof alarmSummarySchema>;

/**
 * What the live channel (WebSocket /api/safety/live) pushes. `alarm`: an alarm was raised, changed level, cleared,
 * acknowledged, handled, closed or escalated (the summary after the change). `latest`: the newest values of the
 * points the client asked for ({"watch": [pointId…]}), at most once a second: [pointId, ts ms, value].
 */
export const safetyLiveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), at: z.iso.datetime({ offset: true }) }),
  z.object({ type: z.literal('alarm'), change: z.string(), alarm: alarmSummarySchema }),
  z.object({ type: z.literal('latest'), values: z.array(z.tuple([z.uuid(), z.number(), z.number()])) }),
]);
export type SafetyLiveEvent = z.infer<typeof safetyLiveEventSchema>;

/** A point on the safety map: where it is and its worst open alarm. */
export const safetyMapPointSchema = z.object({
  id: z.uuid(),
  tag: z.string(),
  name: z.string(),
  kind: z.enum(pointKinds),
  unit: z.string(),
  enterpriseId: z.uuid(),
  majorHazardId: z.uuid().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  value: z.number().nullable(),
  ts: z.iso.datetime({ offset: true }).nullable(),
  level: alarmLevelSchema.nullable(),
});
export const safetyMapEnterpriseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  majorHazards: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.number().int() })),
  points: z.number().int(),
  openAlarms: z.number().int(),
  level: alarmLevelSchema.nullable(),
});
export const safetyMapSchema = z.object({
  enterprises: z.array(safetyMapEnterpriseSchema),
  points: z.array(safetyMapPointSchema),
  counts: z.object({ red: z.number().int(), orange: z.number().int(), yellow: z.number().int(), blue: z.number().int() }),
});
export type SafetyMap = z.infer<typeof safetyMapSchema>;

/** A point's series for its trend chart: raw readings for short spans, minute or hour roll-ups for long ones. */
export const pointSeriesQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    /** auto picks raw up to 6 hours, minute up to 7 days, hour beyond. */
    resolution: z.enum(['auto', 'raw', 'minute', 'hour']).default('auto'),
  })
  .strict();
export const pointSeriesSchema = z.object({
  pointId: z.uuid(),
  resolution: z.enum(['raw', 'minute', 'hour']),
  /** [ts ms, value (avg for roll-ups), min, max] */
  points: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])),
  thresholds: z.object({ hh: z.number().nullable(), h: z.number().nullable(), l: z.number().nullable(), ll: z.number().nullable() }),
  unit: z.string(),
});
export type PointSeries = z.infer<typeof pointSeriesSchema>;

const ts = z.iso.datetime({ offset: true });

/** A point's page in the drawer: the point with its thresholds, device, hazard source, enterprise, latest value and alarms. */
export const pointDetailSchema = z.object({
  point: z.object({
    id: z.uuid(),
    tag: z.string(),
    name: z.string(),
    kind: z.enum(pointKinds),
    unit: z.string(),
    rangeLow: z.number().nullable(),
    rangeHigh: z.number().nullable(),
    thresholds: z.object({ hh: z.number().nullable(), h: z.number().nullable(), l: z.number().nullable(), ll: z.number().nullable() }),
    deadband: z.number(),
    minDurationS: z.number().int(),
    rateLimitPerMin: z.number().nullable(),
    expectedIntervalS: z.number().int(),
    staleAfterIntervals: z.number().int(),
    enabled: z.boolean(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
  }),
  enterprise: z.object({ id: z.uuid(), name: z.string() }),
  device: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(deviceKinds), lastSeenAt: ts.nullable(), revoked: z.boolean() }).nullable(),
  majorHazard: z.object({ id: z.uuid(), code: z.string(), name: z.string(), level: z.number().int() }).nullable(),
  latest: z.object({ ts, value: z.number() }).nullable(),
  /** The worst level among the open alarms; null when none is open. */
  level: alarmLevelSchema.nullable(),
  openAlarms: z.array(alarmSummarySchema),
  /** The newest 20 alarms, open or closed, newest first. */
  recentAlarms: z.array(alarmSummarySchema),
});
export type PointDetail = z.infer<typeof pointDetailSchema>;

/** The open alarms of the side list: newest first, at most `limit` of `total`, and how many are open per level. */
export const openAlarmListSchema = z.object({
  items: z.array(alarmSummarySchema),
  total: z.number().int(),
  counts: z.object({ red: z.number().int(), orange: z.number().int(), yellow: z.number().int(), blue: z.number().int() }),
});
export type OpenAlarmList = z.infer<typeof openAlarmListSchema>;
export const openAlarmListQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(500) }).strict();
