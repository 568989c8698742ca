import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from './secret-box.ts';

describe('secret box', () => {
  it('round-trips, never stores the plain text, and refuses a tampered or foreign value', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('x')).not.toBe(box.seal('x'));
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it('creates one key file in the data folder and reads the same key again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-key-'));
    expect(loadSecretKey(undefined, dir).equals(loadSecretKey(undefined, dir))).toBe(true);
    expect(() => loadSecretKey('short', dir)).toThrow();
    expect(loadSecretKey('ab'.repeat(32), dir).length).toBe(32);
  });
});
