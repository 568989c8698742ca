import { describe, expect, it } from 'vitest';
import { changedKeys, prettyJson, splitDiff } from './audit-diff.ts';

describe('splitDiff', () => {
  it('separates before and after', () => {
    expect(splitDiff({ before: { a: 1 }, after: { a: 2 } })).toEqual({
      before: { a: 1 },
      after: { a: 2 },
      rest: undefined,
    });
    expect(splitDiff({ after: { a: 2 }, reason: 'x' })).toEqual({
      before: undefined,
      after: { a: 2 },
      rest: { reason: 'x' },
    });
  });

  it('keeps other shapes whole', () => {
    expect(splitDiff({ changed: ['a'] })).toEqual({ rest: { changed: ['a'] } });
    expect(splitDiff('text')).toEqual({ rest: 'text' });
    expect(splitDiff(null)).toBeNull();
    expect(splitDiff({})).toBeNull();
  });
});

describe('changedKeys', () => {
  it('lists keys that differ', () => {
    expect(changedKeys({ a: 1, b: [1], c: 3 }, { a: 1, b: [2], d: 4 })).toEqual(['b', 'c', 'd']);
    expect(changedKeys(null, { a: 1 })).toEqual(['a']);
  });
});

describe('prettyJson', () => {
  it('indents', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(undefined)).toBe('');
  });
});
