import { describe, expect, it } from 'vitest';
import { fromDisplay, gcj02ToWgs84, outOfChina, toDisplay, wgs84ToGcj02 } from './crs.ts';

describe('WGS-84 ↔ GCJ-02', () => {
  it('gives the published reference values (coordtransform, eviltransform)', () => {
    // coordtransform's README: wgs84togcj02(116.404, 39.915) → [116.41024449916938, 39.91640428150164]
    const [lat, lon] = wgs84ToGcj02(39.915, 116.404);
    expect(lat).toBeCloseTo(39.91640428150164, 10);
    expect(lon).toBeCloseTo(116.41024449916938, 10);
    // eviltransform's test table: WGS (31.1774276, 121.5272106) → GCJ (31.17530398364597, 121.531541859215)
    const [sLat, sLon] = wgs84ToGcj02(31.1774276, 121.5272106);
    expect(sLat).toBeCloseTo(31.17530398364597, 8);
    expect(sLon).toBeCloseTo(121.531541859215, 8);
  });

  it('inverts to well under a centimetre across the zone and China', () => {
    for (const [lat, lon] of [
      [23.76, 117.6],
      [39.915, 116.404],
      [22.3, 113.9],
      [45.7, 126.6],
      [30.0, 90.0],
    ] as const) {
      const [gLat, gLon] = wgs84ToGcj02(lat, lon);
      expect(Math.hypot(gLat - lat, gLon - lon)).toBeGreaterThan(1e-4); // the offset is hundreds of metres
      const [wLat, wLon] = gcj02ToWgs84(gLat, gLon);
      expect(Math.abs(wLat - lat)).toBeLessThan(1e-8);
      expect(Math.abs(wLon - lon)).toBeLessThan(1e-8);
    }
  });

  it('leaves points outside China and the wgs84 display unchanged', () => {
    expect(outOfChina(48.85, 2.35)).toBe(true);
    expect(wgs84ToGcj02(48.85, 2.35)).toEqual([48.85, 2.35]);
    expect(gcj02ToWgs84(48.85, 2.35)).toEqual([48.85, 2.35]);
    expect(toDisplay('wgs84', 23.76, 117.6)).toEqual([23.76, 117.6]);
    expect(fromDisplay('wgs84', 23.76, 117.6)).toEqual([23.76, 117.6]);
    const shown = toDisplay('gcj02', 23.76, 117.6);
    const [lat, lon] = fromDisplay('gcj02', shown[0], shown[1]);
    expect(lat).toBeCloseTo(23.76, 8);
    expect(lon).toBeCloseTo(117.6, 8);
  });
});
