import { describe, expect, it } from 'vitest';
import { canonicalJson, diffOf, GENESIS_HASH, recordHash, type ChainedFields } from './chain.ts';

const fields: ChainedFields = {
  at: new Date('2026-11-23T01:00:00.000Z'),
  userId: null,
  username: 'a',
  unitId: null,
  action: 'user.update',
  entityType: 'user',
  entityId: '1',
  diff: { changed: { b: { from: 1, to: 2 }, a: { from: 'x', to: 'y' } } },
  ip: '127.0.0.1',
  requestId: 'r',
  result: 'success',
  resultCode: null,
};

describe('audit hash chain', () => {
  it('hashes independently of key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    const reordered = { ...fields, diff: { changed: { a: { to: 'y', from: 'x' }, b: { to: 2, from: 1 } } } };
    expect(recordHash(GENESIS_HASH, reordered)).toBe(recordHash(GENESIS_HASH, fields));
  });
  it('changes with any field and with the previous hash', () => {
    const h = recordHash(GENESIS_HASH, fields);
    expect(recordHash(GENESIS_HASH, { ...fields, username: 'b' })).not.toBe(h);
    expect(recordHash('f'.repeat(64), fields)).not.toBe(h);
  });
  it('diffs changed fields only and redacts secrets', () => {
    expect(diffOf({ a: 1, b: 2, passwordHash: 'x' }, { a: 1, b: 3, passwordHash: 'y' })).toEqual({
      changed: { b: { from: 2, to: 3 }, passwordHash: { from: '[redacted]', to: '[redacted]' } },
    });
    expect(diffOf(null, { totpSecret: 's', name: 'n' })).toEqual({ before: null, after: { totpSecret: '[redacted]', name: 'n' } });
  });
});
