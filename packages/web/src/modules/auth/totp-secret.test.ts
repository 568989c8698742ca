import { describe, expect, it } from 'vitest';
import { groupSecret } from './totp-secret.ts';

describe('groupSecret', () => {
  it('splits the secret into groups of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('jbswy3dpehpk3pxpa')).toBe('JBSW Y3DP EHPK 3PXP A');
    expect(groupSecret('')).toBe('');
  });
});
