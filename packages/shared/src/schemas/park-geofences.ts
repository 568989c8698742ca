// Closed-park management (issue 8): geofences (park boundary, restricted areas, designated hazmat routes as corridors,
// hazmat parking lots, speed zones) and the settings of the rules on positions. The geometry is checked in depth by
// validateGeometry (geofence-geometry.ts) on the server, answered as GEOFENCE_INVALID with the path of the bad part.
import { z } from 'zod';
import { geofenceKinds, type GeofenceKind } from '../closed-park.ts';
import { geometryTypeOf, validateGeometry, type GeometryIssue } from '../geofence-geometry.ts';
import { listQuery, pageOf, patchOf, requiredText } from './common.ts';

export const ROUTE_WIDTH_MIN_M = 10;
export const ROUTE_WIDTH_MAX_M = 500;

/** The shape only; positions, rings and ranges are checked by validateGeometry (GEOFENCE_INVALID). */
export const geofenceGeometryInput = z.object({ type: z.enum(['Polygon', 'LineString']), coordinates: z.array(z.unknown()).max(2000) }).strict();
export const geofenceGeometryOut = z.object({ type: z.enum(['Polygon', 'LineString']), coordinates: z.array(z.any()) });

const geofenceFields = {
  kind: z.enum(geofenceKinds),
  name: requiredText(100),
  geometry: geofenceGeometryInput,
  /** Routes: total corridor width in metres (10–500). */
  widthM: z.number().int().min(1).max(10_000).nullish(),
  /** Speed zones (required) and the boundary (the park's default limit, optional). */
  speedLimitKmh: z.number().int().min(5).max(200).nullish(),
  /** Parking lots: places. */
  capacity: z.number().int().min(1).max(10_000).nullish(),
  active: z.boolean().default(true),
};
export const geofenceCreateSchema = z.object(geofenceFields).strict();
/** The kind of a geofence is not changed: a new one is drawn instead. */
export const geofenceUpdateSchema = patchOf(z.object(geofenceFields).omit({ kind: true }).strict());
export type GeofenceCreate = z.input<typeof geofenceCreateSchema>;
export type GeofenceUpdate = z.input<typeof geofenceUpdateSchema>;

export interface GeofenceValues {
  kind: GeofenceKind;
  geometry: unknown;
  widthM?: number | null;
  speedLimitKmh?: number | null;
  capacity?: number | null;
}

/**
 * The rule of a geofence on its complete values (a create, or the stored values merged with an edit): the geometry
 * type its kind takes and a valid geometry; a route's width 10–500 m; a speed zone's limit; a lot's capacity; no
 * field that the kind does not use. Paths are relative to the body (`geometry.coordinates.0.3`, `widthM`).
 */
export function geofenceIssues(v: GeofenceValues): GeometryIssue[] {
  const issues = validateGeometry(v.geometry, geometryTypeOf(v.kind));
  const need = (field: 'widthM' | 'speedLimitKmh' | 'capacity', message: string) => {
    if (v[field] === null || v[field] === undefined) issues.push({ path: field, message });
  };
  const none = (field: 'widthM' | 'speedLimitKmh' | 'capacity') => {
    if (v[field] !== null && v[field] !== undefined) issues.push({ path: field, message: `not used by a ${v.kind}` });
  };
  if (v.kind === 'route') {
    need('widthM', 'a route needs its corridor width');
    if (v.widthM != null && (v.widthM < ROUTE_WIDTH_MIN_M || v.widthM > ROUTE_WIDTH_MAX_M))
      issues.push({ path: 'widthM', message: `the corridor width is ${ROUTE_WIDTH_MIN_M}–${ROUTE_WIDTH_MAX_M} m` });
  } else none('widthM');
  if (v.kind === 'speedZone') need('speedLimitKmh', 'a speed zone needs its limit');
  else if (v.kind !== 'boundary') none('speedLimitKmh');
  if (v.kind === 'parking') need('capacity', 'a parking lot needs its capacity');
  else none('capacity');
  return issues;
}

export const geofenceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(geofenceKinds),
  name: z.string(),
  geometry: geofenceGeometryOut,
  widthM: z.number().int().nullable(),
  speedLimitKmh: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
  active: z.boolean(),
  /** [minLon, minLat, maxLon, maxLat] of the area (routes: of the line). */
  bbox: z.array(z.number()).length(4),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Geofence = z.infer<typeof geofenceSchema>;
export const geofenceListQuery = listQuery(['name', 'kind', 'updatedAt'], {
  kind: z.enum(geofenceKinds).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type GeofenceListQuery = z.infer<typeof geofenceListQuery>;
export const geofencePage = pageOf(geofenceSchema);

// ---- rule settings ----

export const parkRuleSettingsSchema = z
  .object({
    /** Inside the boundary where no speed zone applies (the boundary's own limit, if set, wins). */
    defaultSpeedLimitKmh: z.number().int().min(5).max(200),
    /** A vehicle below 3 km/h is stopped; stopped this long outside every parking lot raises parkedOutside. */
    parkedOutsideMinutes: z.number().int().min(1).max(1440),
    /** No position for this long from a vehicle in the park (or due in it) raises positionLost. */
    positionLostMinutes: z.number().int().min(1).max(1440),
    /** Minutes past the appointment window before overstay is raised. */
    overstayGraceMinutes: z.number().int().min(0).max(1440),
  })
  .strict();
export type ParkRuleSettings = z.infer<typeof parkRuleSettingsSchema>;
export const defaultParkRuleSettings: ParkRuleSettings = {
  defaultSpeedLimitKmh: 40,
  parkedOutsideMinutes: 10,
  positionLostMinutes: 5,
  overstayGraceMinutes: 0,
};
/** Below this speed a vehicle counts as stopped. */
export const STOPPED_BELOW_KMH = 3;
/** Overspeed clears once the speed is this far under the limit… */
export const OVERSPEED_HYSTERESIS_KMH = 5;
/** …for this many consecutive positions. */
export const OVERSPEED_CALM_POSITIONS = 2;
