import { describe, expect, it } from 'vitest';
import { distanceM } from '@zoneops/shared';
import { corridorSegments, geometryFromVertices, parsePastedGeometry, verticesOf } from './geofence-ui.ts';

describe('geofence ui helpers', () => {
  it('builds a closed polygon or a line from clicked vertices, and reads them back', () => {
    const v: [number, number][] = [
      [117.5, 23.7],
      [117.51, 23.7],
      [117.51, 23.71],
    ];
    expect(geometryFromVertices('restricted', v.slice(0, 2))).toBeNull();
    const poly = geometryFromVertices('restricted', v)!;
    expect(poly).toEqual({ type: 'Polygon', coordinates: [[...v, v[0]]] });
    expect(verticesOf(poly)).toEqual(v);
    expect(geometryFromVertices('route', v.slice(0, 1))).toBeNull();
    expect(geometryFromVertices('route', v.slice(0, 2))).toEqual({ type: 'LineString', coordinates: v.slice(0, 2) });
  });

  it('reads pasted GeoJSON (geometry, Feature, FeatureCollection) and rejects what does not fit the kind', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [117.5, 23.7],
        [117.6, 23.7],
      ],
    };
    expect(parsePastedGeometry(JSON.stringify(line), 'route')).toEqual({ geometry: line });
    expect(parsePastedGeometry(JSON.stringify({ type: 'Feature', geometry: line, properties: {} }), 'route')).toEqual({ geometry: line });
    expect(parsePastedGeometry(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: line }] }), 'route')).toEqual({
      geometry: line,
    });
    expect(parsePastedGeometry('{', 'route')).toEqual({ error: 'json' });
    expect(parsePastedGeometry(JSON.stringify(line), 'parking')).toEqual({ error: expect.stringMatching(/geometry\.type/) });
  });

  it('draws a corridor of the route width', () => {
    const [seg] = corridorSegments(
      [
        [117.5, 23.7],
        [117.51, 23.7],
      ],
      40,
    );
    expect(distanceM(seg![0]![0], seg![0]![1], seg![3]![0], seg![3]![1])).toBeCloseTo(40, 0);
  });
});
