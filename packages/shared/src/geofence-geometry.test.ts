import { describe, expect, it } from 'vitest';
import {
  bboxContains,
  bboxOf,
  distanceM,
  distanceToLineM,
  expandBbox,
  geofenceContains,
  inCorridor,
  pointInArea,
  validateGeometry,
  type LonLat,
} from './geofence-geometry.ts';
import { geofenceIssues } from './schemas/park-geofences.ts';

// a 1 km × 1 km square near Gulei (117.6°E, 23.8°N)
const LON0 = 117.6;
const LAT0 = 23.8;
const dLat = 1000 / 111_195;
const dLon = dLat / Math.cos((LAT0 * Math.PI) / 180);
const square: LonLat[] = [
  [LON0, LAT0],
  [LON0 + dLon, LAT0],
  [LON0 + dLon, LAT0 + dLat],
  [LON0, LAT0 + dLat],
  [LON0, LAT0],
];
const hole: LonLat[] = [
  [LON0 + dLon * 0.4, LAT0 + dLat * 0.4],
  [LON0 + dLon * 0.6, LAT0 + dLat * 0.4],
  [LON0 + dLon * 0.6, LAT0 + dLat * 0.6],
  [LON0 + dLon * 0.4, LAT0 + dLat * 0.6],
  [LON0 + dLon * 0.4, LAT0 + dLat * 0.4],
];

describe('validateGeometry', () => {
  it('accepts a closed polygon and a line', () => {
    expect(validateGeometry({ type: 'Polygon', coordinates: [square] }, 'Polygon')).toEqual([]);
    expect(validateGeometry({ type: 'Polygon', coordinates: [square, hole] })).toEqual([]);
    expect(validateGeometry({ type: 'LineString', coordinates: [square[0], square[1]] }, 'LineString')).toEqual([]);
  });

  it('names the bad part by its path', () => {
    expect(validateGeometry(null)).toEqual([{ path: 'geometry', message: expect.any(String) }]);
    expect(validateGeometry({ type: 'Point', coordinates: [1, 2] })[0]!.path).toBe('geometry.type');
    expect(
      validateGeometry(
        {
          type: 'LineString',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
        },
        'Polygon',
      )[0]!.path,
    ).toBe('geometry.type');
    // not closed
    const open = square.slice(0, 4).concat([[LON0 + 1e-4, LAT0]]);
    expect(validateGeometry({ type: 'Polygon', coordinates: [open] })[0]!.path).toBe('geometry.coordinates.0.4');
    // too few positions
    expect(validateGeometry({ type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] })[0]!.path).toBe('geometry.coordinates.0');
    // latitude out of range in the second ring
    const bad = hole.map((p) => [...p]);
    bad[2]![1] = 91;
    expect(validateGeometry({ type: 'Polygon', coordinates: [square, bad] })).toEqual([
      { path: 'geometry.coordinates.1.2.1', message: expect.stringMatching(/latitude/) },
    ]);
    // longitude not a number
    expect(
      validateGeometry({
        type: 'LineString',
        coordinates: [
          [1, 2],
          ['x', 3],
        ],
      })[0]!.path,
    ).toBe('geometry.coordinates.1.0');
    expect(
      validateGeometry({
        type: 'LineString',
        coordinates: [
          [181, 2],
          [3, 3],
        ],
      })[0]!.path,
    ).toBe('geometry.coordinates.0.0');
    // a line of one position, of identical positions
    expect(validateGeometry({ type: 'LineString', coordinates: [[1, 2]] })[0]!.path).toBe('geometry.coordinates');
    expect(
      validateGeometry({
        type: 'LineString',
        coordinates: [
          [1, 2],
          [1, 2],
        ],
      })[0]!.path,
    ).toBe('geometry.coordinates');
    // a bow tie crosses itself
    const bow: LonLat[] = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(validateGeometry({ type: 'Polygon', coordinates: [bow] })[0]).toEqual({
      path: 'geometry.coordinates.0.2',
      message: expect.stringMatching(/crosses/),
    });
    // no area
    expect(
      validateGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      })[0]!.message,
    ).toMatch(/area/);
  });

  it('geofenceIssues checks the fields of each kind', () => {
    const line = { type: 'LineString', coordinates: [square[0], square[2]] };
    expect(geofenceIssues({ kind: 'route', geometry: line })).toEqual([{ path: 'widthM', message: expect.any(String) }]);
    expect(geofenceIssues({ kind: 'route', geometry: line, widthM: 5 })[0]!.path).toBe('widthM');
    expect(geofenceIssues({ kind: 'route', geometry: line, widthM: 501 })[0]!.path).toBe('widthM');
    expect(geofenceIssues({ kind: 'route', geometry: line, widthM: 30 })).toEqual([]);
    expect(geofenceIssues({ kind: 'route', geometry: { type: 'Polygon', coordinates: [square] }, widthM: 30 })[0]!.path).toBe('geometry.type');
    const poly = { type: 'Polygon', coordinates: [square] };
    expect(geofenceIssues({ kind: 'speedZone', geometry: poly })[0]!.path).toBe('speedLimitKmh');
    expect(geofenceIssues({ kind: 'speedZone', geometry: poly, speedLimitKmh: 20 })).toEqual([]);
    expect(geofenceIssues({ kind: 'boundary', geometry: poly, speedLimitKmh: 40 })).toEqual([]);
    expect(geofenceIssues({ kind: 'boundary', geometry: poly })).toEqual([]);
    expect(geofenceIssues({ kind: 'parking', geometry: poly })[0]!.path).toBe('capacity');
    expect(geofenceIssues({ kind: 'restricted', geometry: poly, capacity: 3 })[0]!.path).toBe('capacity');
  });
});

describe('measures', () => {
  it('point in polygon with holes', () => {
    expect(pointInArea(LON0 + dLon * 0.2, LAT0 + dLat * 0.2, [square])).toBe(true);
    expect(pointInArea(LON0 + dLon * 1.2, LAT0 + dLat * 0.2, [square])).toBe(false);
    expect(pointInArea(LON0 + dLon * 0.5, LAT0 + dLat * 0.5, [square])).toBe(true);
    expect(pointInArea(LON0 + dLon * 0.5, LAT0 + dLat * 0.5, [square, hole])).toBe(false);
    expect(pointInArea(LON0 + dLon * 0.2, LAT0 + dLat * 0.5, [square, hole])).toBe(true);
  });

  it('bounding boxes', () => {
    const b = bboxOf({ type: 'Polygon', coordinates: [square] });
    expect(b).toEqual([LON0, LAT0, LON0 + dLon, LAT0 + dLat]);
    const e = expandBbox(b, 100);
    expect(distanceM(e[0], LAT0, b[0], LAT0)).toBeGreaterThanOrEqual(99);
    expect(distanceM(e[0], LAT0, b[0], LAT0)).toBeLessThan(110);
    expect(bboxContains(e, LON0 - dLon * 0.05, LAT0)).toBe(true);
    expect(bboxContains(b, LON0 - dLon * 0.05, LAT0)).toBe(false);
  });

  it('distance to a polyline in metres and corridor membership', () => {
    const line: LonLat[] = [square[0]!, square[1]!, square[2]!]; // east 1 km, then north 1 km
    expect(distanceM(square[0]![0], square[0]![1], square[1]![0], square[1]![1])).toBeCloseTo(1000, -1);
    // 100 m north of the first segment's middle
    expect(distanceToLineM(LON0 + dLon / 2, LAT0 + dLat / 10, line)).toBeCloseTo(100, 0);
    // 200 m east of the second segment
    expect(distanceToLineM(LON0 + dLon * 1.2, LAT0 + dLat / 2, line)).toBeCloseTo(200, -1);
    // beyond the line's start: distance to the end point
    expect(distanceToLineM(LON0 - dLon * 0.3, LAT0 - dLat * 0.4, line)).toBeCloseTo(500, -1);
    expect(inCorridor(LON0 + dLon / 2, LAT0 + dLat / 10, line, 250)).toBe(true);
    expect(inCorridor(LON0 + dLon / 2, LAT0 + dLat / 10, line, 150)).toBe(false);
    expect(geofenceContains({ type: 'LineString', coordinates: line }, LON0 + dLon / 2, LAT0, 20)).toBe(true);
    expect(geofenceContains({ type: 'LineString', coordinates: line }, LON0 + dLon / 2, LAT0)).toBe(false);
    expect(geofenceContains({ type: 'Polygon', coordinates: [square] }, LON0 + dLon / 2, LAT0 + dLat / 2)).toBe(true);
  });
});
