import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../app/api.ts';
import { conflictField, deviceLabel, errorsByRow, holdsToken, pointFieldProblems, rangeText, thresholdText } from './registry-ui.ts';

describe('registry ui helpers', () => {
  it('writes range and thresholds as one line, only what is set', () => {
    expect(rangeText({ rangeLow: 0, rangeHigh: 20, unit: 'm' })).toBe('0 – 20 m');
    expect(rangeText({ rangeLow: null, rangeHigh: 100, unit: '%LEL' })).toBe('– 100 %LEL');
    expect(rangeText({ rangeLow: null, rangeHigh: null, unit: 'm' })).toBe('—');
    expect(thresholdText({ ll: null, l: 2.5, h: 16, hh: null })).toBe('L 2.5 · H 16');
    expect(thresholdText({ ll: null, l: null, h: null, hh: null })).toBe('—');
  });

  it('puts each problem of the point rule on its field, as the server does', () => {
    const ok = pointFieldProblems({ rangeLow: 0, rangeHigh: 20, ll: 1, l: 2, h: 16, hh: 18 });
    expect(ok.size).toBe(0);
    const bad = pointFieldProblems({ rangeLow: 0, rangeHigh: 20, ll: 3, l: 2, h: 16, hh: 25 });
    expect([...bad.keys()].sort()).toEqual(['hh', 'l']);
    expect(bad.get('l')).toMatchObject({ problem: 'order', other: 'll', limit: 3 });
    expect(bad.get('hh')).toMatchObject({ problem: 'aboveRange', limit: 20 });
    // empty inputs (null / undefined) are not set
    expect(pointFieldProblems({ rangeLow: undefined, h: 5, hh: null }).size).toBe(0);
    expect(pointFieldProblems({ rangeLow: 10, rangeHigh: 10 }).get('rangeHigh')).toMatchObject({ problem: 'rangeOrder' });
  });

  it('names the field of a conflict answer, and only of a conflict', () => {
    expect(conflictField(new ApiError(409, 'CONFLICT', 'x', [{ path: 'body.tag', message: 'taken' }]))).toBe('tag');
    expect(conflictField(new ApiError(409, 'CONFLICT', 'x', [{ path: 'id', message: 'points' }]))).toBeNull();
    expect(conflictField(new ApiError(400, 'VALIDATION_FAILED', 'x', [{ path: 'body.tag', message: 'bad' }]))).toBeNull();
    expect(conflictField(new Error('x'))).toBeNull();
  });

  it('labels devices behind a gateway as the payload names them, and knows who holds a token', () => {
    expect(deviceLabel({ name: 'GD-01', gatewayName: '罐区网关' })).toBe('罐区网关/GD-01');
    expect(deviceLabel({ name: 'RTU-1', gatewayName: null })).toBe('RTU-1');
    expect(holdsToken({ kind: 'device', gatewayId: null })).toBe(true);
    expect(holdsToken({ kind: 'gateway', gatewayId: null })).toBe(true);
    expect(holdsToken({ kind: 'device', gatewayId: 'g' })).toBe(false);
    expect(holdsToken({ kind: 'station', gatewayId: null })).toBe(false);
  });

  it('groups the import errors by row', () => {
    const e = (rowNumber: number, column: string | null) => ({ rowNumber, column, cell: null, message: 'x' });
    const map = errorsByRow([e(3, '位号'), e(5, null), e(3, '单位')]);
    expect([...map.keys()]).toEqual([3, 5]);
    expect(map.get(3)!.map((x) => x.column)).toEqual(['位号', '单位']);
  });
});
