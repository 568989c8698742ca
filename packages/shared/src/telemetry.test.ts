import { describe, expect, it } from 'vitest';
import { dedupeReadings, MAX_TELEMETRY_BYTES, parseDeviceTelemetry, parseGatewayTelemetry } from './telemetry.ts';

const NOW = Date.parse('2026-11-23T01:00:00Z');

describe('device telemetry (v1/devices/me/telemetry)', () => {
  it('reads {ts, values}, arrays of them and bare values (stamped on arrival)', () => {
    expect(parseDeviceTelemetry(JSON.stringify({ ts: NOW - 1000, values: { LT101: 3.42, TT101: 25 } }), NOW)).toEqual({
      readings: [
        { device: null, tag: 'LT101', ts: NOW - 1000, value: 3.42 },
        { device: null, tag: 'TT101', ts: NOW - 1000, value: 25 },
      ],
      rejected: [],
    });
    const arr = parseDeviceTelemetry(
      JSON.stringify([
        { ts: NOW - 2000, values: { a: 1 } },
        { ts: NOW - 1000, values: { a: 2 } },
      ]),
      NOW,
    );
    expect(arr.readings.map((r) => [r.ts, r.value])).toEqual([
      [NOW - 2000, 1],
      [NOW - 1000, 2],
    ]);
    expect(parseDeviceTelemetry('{"GT201":"12.5","on":true}', NOW).readings).toEqual([
      { device: null, tag: 'GT201', ts: NOW, value: 12.5 },
      { device: null, tag: 'on', ts: NOW, value: 1 },
    ]);
    expect(parseDeviceTelemetry(new TextEncoder().encode('{"x":1}'), NOW).readings).toHaveLength(1);
  });

  it('refuses malformed JSON, bad shapes, non-numeric values, bad tags and timestamps, keeping the good values', () => {
    expect(parseDeviceTelemetry('{"a":', NOW)).toEqual({ readings: [], rejected: [expect.objectContaining({ problem: 'malformedJson' })] });
    expect(parseDeviceTelemetry(new Uint8Array([0x7b, 0xff, 0x7d]), NOW).rejected[0]?.problem).toBe('malformedJson');
    expect(parseDeviceTelemetry('42', NOW).rejected[0]?.problem).toBe('badShape');
    expect(parseDeviceTelemetry('{"values":[1]}', NOW).rejected[0]?.problem).toBe('badShape');
    expect(parseDeviceTelemetry('{"ts":1}', NOW).rejected[0]?.problem).toBe('badShape');
    const mixed = parseDeviceTelemetry(JSON.stringify({ values: { ok: 1, nan: 'NaN', text: 'high', obj: { v: 1 }, nul: null, 'bad tag!': 2 } }), NOW);
    expect(mixed.readings.map((r) => r.tag)).toEqual(['ok']);
    expect(mixed.rejected.map((r) => [r.tag, r.problem])).toEqual([
      ['nan', 'notNumeric'],
      ['text', 'notNumeric'],
      ['obj', 'notNumeric'],
      ['nul', 'notNumeric'],
      ['bad tag!', 'badTag'],
    ]);
    expect(parseDeviceTelemetry(JSON.stringify({ ts: '2026-11-23', values: { a: 1 } }), NOW).rejected[0]?.problem).toBe('badTimestamp');
    expect(parseDeviceTelemetry(JSON.stringify({ ts: 1.5, values: { a: 1 } }), NOW).rejected[0]?.problem).toBe('badTimestamp');
    expect(parseDeviceTelemetry(JSON.stringify({ ts: NOW + 3_600_000, values: { a: 1 } }), NOW).rejected[0]?.problem).toBe('outOfWindow');
    expect(parseDeviceTelemetry(JSON.stringify({ ts: NOW - 30 * 86_400_000, values: { a: 1 } }), NOW).rejected[0]?.problem).toBe('outOfWindow');
    expect(
      parseDeviceTelemetry(JSON.stringify({ ts: NOW - 30 * 86_400_000, values: { a: 1 } }), NOW, { futureMs: 0, pastMs: 40 * 86_400_000 }).readings,
    ).toHaveLength(1);
  });

  it('refuses an oversized payload before parsing it', () => {
    const big = JSON.stringify({ values: { a: 'x'.repeat(MAX_TELEMETRY_BYTES) } });
    expect(parseDeviceTelemetry(big, NOW)).toEqual({ readings: [], rejected: [expect.objectContaining({ problem: 'tooLarge' })] });
  });
});

describe('gateway telemetry (v1/gateway/telemetry)', () => {
  it('reads each device’s entries with its name', () => {
    const p = parseGatewayTelemetry(
      JSON.stringify({ 'TK-101': [{ ts: NOW - 1000, values: { LT: 3.4 } }], 'GD-7': [{ ts: NOW - 1000, values: { CH4: 0.2 } }] }),
      NOW,
    );
    expect(p.readings).toEqual([
      { device: 'TK-101', tag: 'LT', ts: NOW - 1000, value: 3.4 },
      { device: 'GD-7', tag: 'CH4', ts: NOW - 1000, value: 0.2 },
    ]);
    expect(parseGatewayTelemetry('[1]', NOW).rejected[0]?.problem).toBe('badShape');
    expect(parseGatewayTelemetry(JSON.stringify({ '': [{ values: { a: 1 } }] }), NOW).rejected[0]?.problem).toBe('badShape');
  });

  it('keeps the first of duplicated readings (same device, tag and time)', () => {
    const r = { device: 'd', tag: 't', ts: NOW, value: 1 };
    expect(dedupeReadings([r, { ...r, value: 2 }, { ...r, ts: NOW + 1 }])).toEqual([r, { ...r, ts: NOW + 1 }]);
  });
});
