// Coordinate systems of base maps (DOMAIN §11): positions are stored WGS-84; Tianditu (CGCS2000) draws them as they
// are, Gaode and Tencent maps use GCJ-02 (国测局, "Mars" coordinates), so the web converts for display only. The
// published GCJ-02 algorithm (Krasovsky 1940 ellipsoid, a = 6378245 m, e² = 0.00669342162296594323): outside
// China's bounding box the two systems coincide. The inverse is iterated to well under a centimetre.

export type MapCrs = 'wgs84' | 'gcj02';

const A = 6378245.0;
const EE = 0.006693421622965943;

/** Outside this box GCJ-02 equals WGS-84 (the published algorithm's own test). */
export function outOfChina(lat: number, lon: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset of a WGS-84 point (degrees). */
function delta(lat: number, lon: number): { dLat: number; dLon: number } {
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { dLat, dLon };
}

/** WGS-84 → GCJ-02. */
export function wgs84ToGcj02(lat: number, lon: number): [lat: number, lon: number] {
  if (outOfChina(lat, lon)) return [lat, lon];
  const { dLat, dLon } = delta(lat, lon);
  return [lat + dLat, lon + dLon];
}

/** GCJ-02 → WGS-84, iterated until the forward transform returns the input to within 1e-9° (about 0.1 mm). */
export function gcj02ToWgs84(lat: number, lon: number): [lat: number, lon: number] {
  if (outOfChina(lat, lon)) return [lat, lon];
  let wLat = lat;
  let wLon = lon;
  for (let i = 0; i < 30; i++) {
    const [gLat, gLon] = wgs84ToGcj02(wLat, wLon);
    const eLat = gLat - lat;
    const eLon = gLon - lon;
    if (Math.abs(eLat) < 1e-9 && Math.abs(eLon) < 1e-9) break;
    wLat -= eLat;
    wLon -= eLon;
  }
  return [wLat, wLon];
}

/** A stored (WGS-84) point as drawn on a base map of the given system. */
export function toDisplay(crs: MapCrs, lat: number, lon: number): [lat: number, lon: number] {
  return crs === 'gcj02' ? wgs84ToGcj02(lat, lon) : [lat, lon];
}

/** A point picked on a base map of the given system, back to WGS-84. */
export function fromDisplay(crs: MapCrs, lat: number, lon: number): [lat: number, lon: number] {
  return crs === 'gcj02' ? gcj02ToWgs84(lat, lon) : [lat, lon];
}
