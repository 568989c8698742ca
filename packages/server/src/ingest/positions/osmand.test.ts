// OsmAnd / Traccar Client parsing: the query form (knots, unix seconds, milliseconds or ISO), the JSON form (m/s;
// one location, `locations`, an array) and what is refused with which reason.
import { describe, expect, it } from 'vitest';
import { parseOsmand, parseTimestamp } from './osmand.ts';

const T = Date.UTC(2026, 10, 23, 1, 0, 0);

describe('OsmAnd parsing', () => {
  it('reads the query form', () => {
    const r = parseOsmand(
      { id: 'p1', lat: '31.5', lon: '-120.25', timestamp: String(T / 1000), speed: '10', bearing: '90', altitude: '5', accuracy: '3.5', batt: '80' },
      null,
      undefined,
    );
    expect(r).toEqual({ ok: true, reports: [{ id: 'p1', ts: T, lat: 31.5, lon: -120.25, speedKmh: 18.52, course: 90, altitudeM: 5, accuracyM: 3.5 }] });
    expect(parseOsmand({ deviceid: 'p1', lat: '1', lon: '2', timestamp: new Date(T).toISOString() }, null, undefined)).toMatchObject({
      ok: true,
      reports: [{ ts: T, speedKmh: null, course: null }],
    });
  });

  it('reads an urlencoded body like the query', () => {
    expect(parseOsmand({}, Buffer.from(`id=p2&lat=1&lon=2&timestamp=${T / 1000}`), 'application/x-www-form-urlencoded')).toMatchObject({
      ok: true,
      reports: [{ id: 'p2', ts: T }],
    });
  });

  it('reads the JSON forms', () => {
    const location = {
      timestamp: new Date(T).toISOString(),
      coords: { latitude: 31, longitude: 120, speed: 5, heading: -1, altitude: 2, accuracy: 4 },
      battery: { level: 0.5 },
    };
    expect(parseOsmand({}, Buffer.from(JSON.stringify({ device_id: 'p3', location })), 'application/json')).toEqual({
      ok: true,
      reports: [{ id: 'p3', ts: T, lat: 31, lon: 120, speedKmh: 18, course: null, altitudeM: 2, accuracyM: 4 }],
    });
    expect(parseOsmand({}, Buffer.from(JSON.stringify({ device_id: 'p3', locations: [location, location] })), undefined)).toMatchObject({
      ok: true,
      reports: [{}, {}],
    });
    expect(parseOsmand({}, Buffer.from(JSON.stringify([{ device_id: 'p3', location }])), undefined)).toMatchObject({ ok: true, reports: [{ id: 'p3' }] });
  });

  it('refuses with a reason', () => {
    const reason = (q: Record<string, string>, body?: string) => {
      const r = parseOsmand(q, body ? Buffer.from(body) : null, undefined);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason({ lat: '1', lon: '2', timestamp: '1' })).toBe('badShape');
    expect(reason({ id: 'x', lat: '1' })).toBe('badShape');
    expect(reason({ id: 'x', lat: '1e', lon: '2', timestamp: '1' })).toBe('badNumber');
    expect(reason({ id: 'x', lat: 'NaN', lon: '2', timestamp: '1' })).toBe('badNumber');
    expect(reason({ id: 'x', lat: '1', lon: '2', timestamp: '1', speed: 'fast' })).toBe('badNumber');
    expect(reason({ id: 'x', lat: '1', lon: '2' })).toBe('badTimestamp');
    expect(reason({ id: 'x', lat: '1', lon: '2', timestamp: 'soon' })).toBe('badTimestamp');
    expect(reason({}, '{"device_id":')).toBe('malformedJson');
    expect(reason({}, '{"device_id":"x"}')).toBe('badShape');
    expect(
      reason(
        {},
        '[{"device_id":"x","location":{"timestamp":1,"coords":{"latitude":1,"longitude":2}}},{"device_id":"y","location":{"timestamp":1,"coords":{"latitude":1,"longitude":2}}}]',
      ),
    ).toBe('badShape');
  });

  it('reads unix seconds, milliseconds and ISO 8601', () => {
    expect(parseTimestamp(String(T / 1000))).toBe(T);
    expect(parseTimestamp(String(T))).toBe(T);
    expect(parseTimestamp(T / 1000)).toBe(T);
    expect(parseTimestamp('2026-11-23T09:00:00+08:00')).toBe(T);
    expect(parseTimestamp('tomorrow')).toBeNaN();
  });
});
