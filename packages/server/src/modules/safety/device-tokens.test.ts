import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceTokenHash, issueDeviceToken, newDeviceToken } from './device-tokens.ts';

describe('device tokens', () => {
  it('are prefixed base62 of 32 characters, different each time', () => {
    const tokens = Array.from({ length: 200 }, newDeviceToken);
    for (const t of tokens) expect(t).toMatch(/^zsd_[0-9A-Za-z]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('use every character of the alphabet', () => {
    const seen = new Set(Array.from({ length: 200 }, newDeviceToken).flatMap((t) => [...t.slice(4)]));
    expect(seen.size).toBe(62);
  });

  it('are stored as the sha256 of the whole token and a hint of the last four characters', () => {
    const at = new Date('2026-11-23T01:00:00Z');
    const issued = issueDeviceToken(at);
    expect(issued.tokenHash).toBe(createHash('sha256').update(issued.token).digest('hex'));
    expect(deviceTokenHash(issued.token)).toBe(issued.tokenHash);
    expect(issued.tokenHint).toBe(issued.token.slice(-4));
    expect(issued.tokenIssuedAt).toEqual(at);
  });
});
