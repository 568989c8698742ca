import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceCreateSchema, pointCreateSchema, pointRuleMessage, pointRuleProblems, thresholdKeys, type ThresholdKey } from './safety-registry.ts';

const base = {
  enterpriseId: '00000000-0000-4000-8000-000000000001',
  deviceId: '00000000-0000-4000-8000-000000000002',
  tag: 'LT-101',
  name: '液位',
  kind: 'level',
  unit: 'm',
};

describe('the point rule', () => {
  it('accepts thresholds in order inside the range, and any subset of them', () => {
    expect(pointRuleProblems({ rangeLow: 0, rangeHigh: 20, ll: 1, l: 2, h: 16, hh: 18 })).toEqual([]);
    expect(pointRuleProblems({ h: 16 })).toEqual([]);
    expect(pointRuleProblems({ ll: -5, hh: 5 })).toEqual([]);
  });

  it('names the later threshold of a pair out of order, and thresholds outside the range', () => {
    expect(pointRuleProblems({ ll: 3, l: 2 })).toEqual([{ field: 'l', problem: 'order', other: 'll', limit: 3 }]);
    // an unset threshold is skipped: h is compared with ll
    expect(pointRuleProblems({ ll: 3, h: 3 })).toEqual([{ field: 'h', problem: 'order', other: 'll', limit: 3 }]);
    expect(pointRuleProblems({ rangeLow: 0, rangeHigh: 20, hh: 25, ll: -1 })).toEqual([
      { field: 'll', problem: 'belowRange', limit: 0 },
      { field: 'hh', problem: 'aboveRange', limit: 20 },
    ]);
    expect(pointRuleProblems({ rangeLow: 5, rangeHigh: 5 })).toEqual([{ field: 'rangeHigh', problem: 'rangeOrder', limit: 5 }]);
    expect(pointRuleMessage({ field: 'l', problem: 'order', other: 'll', limit: 3 }, 'zh')).toContain('低报应大于低低报 3');
  });

  it('finds no problem exactly when the set thresholds are strictly increasing', () => {
    const maybe = fc.option(fc.integer({ min: -50, max: 50 }), { nil: null });
    fc.assert(
      fc.property(fc.record({ ll: maybe, l: maybe, h: maybe, hh: maybe }), (t) => {
        const set = thresholdKeys.map((k: ThresholdKey) => t[k]).filter((v): v is number => v !== null);
        const increasing = set.every((v, i) => i === 0 || v > set[i - 1]!);
        expect(pointRuleProblems(t).length === 0).toBe(increasing);
      }),
    );
  });

  it('is applied by the create schema with the field as the path', () => {
    const r = pointCreateSchema.safeParse({ ...base, rangeLow: 0, rangeHigh: 10, h: 8, hh: 7 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['hh']);
    expect(pointCreateSchema.parse({ ...base })).toMatchObject({ deadband: 0, expectedIntervalS: 60, staleAfterIntervals: 3, enabled: true });
    expect(pointCreateSchema.safeParse({ ...base, tag: 'LT 101' }).success).toBe(false);
  });
});

describe('device creation', () => {
  const e = '00000000-0000-4000-8000-000000000001';
  const paths = (v: unknown) => {
    const r = deviceCreateSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it('asks a station for its MN, refuses an MN or factors elsewhere, and unknown or repeated factors', () => {
    expect(paths({ kind: 'station', name: 's', enterpriseId: e })).toEqual(['mn']);
    expect(paths({ kind: 'device', name: 'd', enterpriseId: e, mn: 'X1', factors: ['a34004'] })).toEqual(['mn', 'factors']);
    expect(paths({ kind: 'station', name: 's', enterpriseId: e, mn: 'MN1', factors: ['a34004', 'a34004'] })).toEqual(['factors.1']);
    expect(paths({ kind: 'station', name: 's', enterpriseId: e, mn: 'MN1', factors: ['zzz'] })).toEqual(['factors.0']);
    expect(paths({ kind: 'gateway', name: 'g', enterpriseId: e, gatewayId: e })).toEqual(['gatewayId']);
    expect(paths({ kind: 'station', name: 's', enterpriseId: e, mn: 'MN1', factors: ['a34004', 'w01018'] })).toEqual([]);
  });
});
