// The list entry in force at a pass (the gate processor reads a batch's entries once and picks per pass): valid from
// ≤ t < valid to, not revoked by t, a blacklist entry before a whitelist one.
import { describe, expect, it } from 'vitest';
import { effectiveListEntry, type ListEntryRow } from './gate.repository.ts';

const T = Date.parse('2026-11-23T08:00:00Z');
const at = new Date(T);
const entry = (list: 'white' | 'black', from: number, to: number | null = null, revoked: number | null = null): ListEntryRow => ({
  list,
  reason: `${list} ${from}`,
  validFrom: T + from,
  validTo: to === null ? null : T + to,
  revokedAt: revoked === null ? null : T + revoked,
});

describe('effectiveListEntry', () => {
  it('answers nothing without entries', () => {
    expect(effectiveListEntry(undefined, at)).toBeUndefined();
    expect(effectiveListEntry([], at)).toBeUndefined();
  });

  it('holds from valid_from (inclusive) to valid_to (exclusive)', () => {
    expect(effectiveListEntry([entry('white', 0)], at)?.list).toBe('white');
    expect(effectiveListEntry([entry('white', 1)], at)).toBeUndefined();
    expect(effectiveListEntry([entry('white', -10, 1)], at)?.list).toBe('white');
    expect(effectiveListEntry([entry('white', -10, 0)], at)).toBeUndefined();
  });

  it('a revoked entry ends at its revocation', () => {
    expect(effectiveListEntry([entry('black', -10, null, 0)], at)).toBeUndefined();
    expect(effectiveListEntry([entry('black', -10, null, 1)], at)?.list).toBe('black');
  });

  it('a blacklist entry wins over a whitelist entry in force at the same time, whatever their order', () => {
    expect(effectiveListEntry([entry('white', -5), entry('black', -10)], at)?.reason).toBe('black -10');
    expect(effectiveListEntry([entry('black', -10), entry('white', -5)], at)?.reason).toBe('black -10');
    expect(effectiveListEntry([entry('black', -10, -1), entry('white', -5)], at)?.list).toBe('white');
  });
});
