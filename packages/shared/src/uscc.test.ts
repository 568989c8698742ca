import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeUscc, isValidUscc, usccCheckChar } from './uscc.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('GB 32100 unified social credit code', () => {
  it('accepts published codes and computes their check character', () => {
    // Codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) {
      expect(isValidUscc(code)).toBe(true);
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    }
  });

  it('rejects a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100I43')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });

  it('completes any 17-character prefix into a valid code, and any single change breaks it', () => {
    const prefix = fc.tuple(
      fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 2, maxLength: 2 }),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
      fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 9, maxLength: 9 }),
    );
    fc.assert(
      fc.property(prefix, fc.integer({ min: 0, max: 16 }), fc.constantFrom(...ALPHABET), ([a, b, c], pos, ch) => {
        const code = completeUscc(a + b + c);
        expect(isValidUscc(code)).toBe(true);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        if (changed !== code && /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(changed)) expect(isValidUscc(changed)).toBe(false);
      }),
    );
  });
});
