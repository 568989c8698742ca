import { describe, expect, it } from 'vitest';
import type { AlarmSummary, LiveVehicle } from '@zoneops/shared';
import {
  applyAlarm,
  applyPositions,
  corridorWeight,
  displayLatLng,
  hazmatColour,
  mainClass,
  metresPerPixel,
  NON_HAZMAT_COLOUR,
  playbackStep,
  trackIndexAt,
  UNKNOWN_COLOUR,
  vehicleColour,
} from './park-live-ui.ts';

const vehicle = (key: string, over: Partial<LiveVehicle> = {}): LiveVehicle => ({
  key,
  vehicleId: null,
  plate: '闽E12345',
  category: 'hazmat',
  carrierName: null,
  hazmatClasses: ['3'],
  unNumbers: ['1203'],
  appointmentId: null,
  appointmentCode: null,
  inPark: true,
  enteredAt: null,
  positionOnly: false,
  position: null,
  ...over,
});

describe('the live vehicle page helpers', () => {
  it('colours by the most severe hazmat class', () => {
    expect(mainClass(['8', '2.1', '3'])).toBe('2.1');
    expect(mainClass([])).toBeNull();
    expect(hazmatColour(['3'])).toBe(hazmatColour(['3']));
    expect(hazmatColour(['5.1'])).toBe(hazmatColour(['5']));
    expect(hazmatColour(['2.2'])).not.toBe(hazmatColour(['2.1']));
    expect(vehicleColour({ hazmatClasses: [], category: 'cargo' })).toBe(NON_HAZMAT_COLOUR);
    expect(vehicleColour({ hazmatClasses: [], category: null })).toBe(UNKNOWN_COLOUR);
  });

  it('moves vehicles with newer positions, adds unknown keys, ignores older ones', () => {
    const v = [vehicle('a', { position: { ts: '2026-11-23T01:00:00.000Z', lat: 23.7, lon: 117.6, speedKmh: 10, course: 0 } }), vehicle('b')];
    const t0 = Date.parse('2026-11-23T01:00:00.000Z');
    const out = applyPositions(v, [
      ['a', t0 + 1000, 23.71, 117.61, 30, 90],
      ['b', t0, 23.72, 117.62, null, null],
      ['c', t0, 23.73, 117.63, 5, 180],
    ]);
    expect(out.map((x) => [x.key, x.position?.lat, x.position?.course])).toEqual([
      ['a', 23.71, 90],
      ['b', 23.72, null],
      ['c', 23.73, 180],
    ]);
    expect(out[2]).toMatchObject({ positionOnly: true, inPark: false, plate: null });
    // an older position than the one shown does not move it back
    expect(applyPositions(out, [['a', t0, 1, 1, 0, 0]])[0]!.position!.lat).toBe(23.71);
  });

  it('keeps open alarms newest first and drops closed ones', () => {
    const a = (id: string, raisedAt: string, status = 'raised') => ({ id, raisedAt, status, closedAt: null }) as unknown as AlarmSummary;
    let list = applyAlarm([], a('1', '2026-11-23T01:00:00.000Z'));
    list = applyAlarm(list, a('2', '2026-11-23T01:05:00.000Z'));
    expect(list.map((x) => x.id)).toEqual(['2', '1']);
    list = applyAlarm(list, a('1', '2026-11-23T01:00:00.000Z', 'closed'));
    expect(list.map((x) => x.id)).toEqual(['2']);
  });

  it('converts for display only on a GCJ-02 base map', () => {
    expect(displayLatLng('wgs84', 23.76, 117.6)).toEqual([23.76, 117.6]);
    const [lat, lon] = displayLatLng('gcj02', 39.915, 116.404);
    expect(lat).toBeCloseTo(39.91640428150164, 9);
    expect(lon).toBeCloseTo(116.41024449916938, 9);
  });

  it('draws a corridor its width in metres, finds the playback point', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(156_543.03, 1);
    const w = corridorWeight(30, 23.76, 17);
    expect(w).toBeCloseTo(30 / metresPerPixel(23.76, 17), 6);
    expect(corridorWeight(30, 23.76, 8)).toBe(2);
    expect(corridorWeight(null, 23.76, 17)).toBe(3);
    const pts = [[10], [20], [30]] as [number][];
    expect(trackIndexAt(pts, 5)).toBe(0);
    expect(trackIndexAt(pts, 20)).toBe(1);
    expect(trackIndexAt(pts, 29)).toBe(1);
    expect(trackIndexAt(pts, 99)).toBe(2);
    expect(playbackStep(300, 1)).toBe(1);
    expect(playbackStep(5000, 2)).toBe(33);
  });
});
