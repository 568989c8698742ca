import { describe, expect, it } from 'vitest';
import { defaultAllowedCategories, hazmatClassCovered, isValidPlate, normalizePlate, plateKind } from './closed-park.ts';

describe('plates', () => {
  it('accepts ordinary, trailer and new-energy plates', () => {
    expect(plateKind('闽E12345')).toBe('ordinary');
    expect(plateKind('闽EA123挂')).toBe('ordinary');
    expect(plateKind('闽ED12345')).toBe('newEnergy'); // small new-energy car: D + 5
    expect(plateKind('闽EFA1234')).toBe('newEnergy');
    expect(plateKind('闽E12345D')).toBe('newEnergy'); // large new-energy vehicle: 5 digits + D/F
    expect(plateKind('闽E1234应急')).toBe('emergency');
  });

  it('rejects what is not a plate', () => {
    for (const p of ['', '闽E1234', '闽E123456789', 'AB12345', '闽1E2345', '闽EI2345', '闽EO2345', '闽E12345X挂', 'X闽E1234']) {
      expect(isValidPlate(p), p).toBe(false);
    }
  });

  it('normalises what cameras and people type', () => {
    expect(normalizePlate(' 闽e·123 45 ')).toBe('闽E12345');
    expect(normalizePlate('闽E-12345')).toBe('闽E12345');
  });
});

describe('hazmat classes', () => {
  it('a whole class covers its divisions, a division only itself', () => {
    expect(hazmatClassCovered('2.1', ['2'])).toBe(true);
    expect(hazmatClassCovered('2.1', ['2.1'])).toBe(true);
    expect(hazmatClassCovered('2.3', ['2.1'])).toBe(false);
    expect(hazmatClassCovered('3', ['2.1', '8'])).toBe(false);
  });
});

describe('checkpoints', () => {
  it('dedicated checkpoints take hazmat vehicles, general ones do not; emergency vehicles pass everywhere', () => {
    expect(defaultAllowedCategories.dedicated).toContain('hazmat');
    expect(defaultAllowedCategories.general).not.toContain('hazmat');
    for (const kind of Object.values(defaultAllowedCategories)) expect(kind).toContain('emergency');
  });
});
