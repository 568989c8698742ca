// The expiry state of licences, certificates and qualifications, and the appointment code alphabet.
import { describe, expect, it } from 'vitest';
import { isValidPlate, normalizePlate } from '../closed-park.ts';
import { APPOINTMENT_CODE_ALPHABET } from './park-appointments.ts';
import { expiryState, parkVehicleCreateSchema } from './park-registry.ts';

describe('expiryState', () => {
  it('is expired before today, expiring up to 30 days ahead (inclusive), valid beyond, null without a date', () => {
    expect(expiryState('2026-11-22', '2026-11-23')).toBe('expired');
    expect(expiryState('2026-11-23', '2026-11-23')).toBe('expiring');
    expect(expiryState('2026-12-23', '2026-11-23')).toBe('expiring');
    expect(expiryState('2026-12-24', '2026-11-23')).toBe('valid');
    expect(expiryState(null, '2026-11-23')).toBeNull();
  });
});

describe('vehicle schema and codes', () => {
  it('accepts whole classes and divisions, not unknown ones', () => {
    expect(parkVehicleCreateSchema.safeParse({ plate: '闽E12345', category: 'hazmat', hazmatClasses: ['2', '3', '6.1'] }).success).toBe(true);
    expect(parkVehicleCreateSchema.safeParse({ plate: '闽E12345', category: 'hazmat', hazmatClasses: ['10'] }).success).toBe(false);
    expect(parkVehicleCreateSchema.safeParse({ plate: '闽E12345', category: 'hazmat', hazmatClasses: ['3', '3'] }).success).toBe(false);
  });
  it('plates as typed normalise to valid plates, 8-character new-energy ones included', () => {
    expect(isValidPlate(normalizePlate(' 闽E-D12345 '))).toBe(true);
    expect(isValidPlate(normalizePlate('闽E12O45'))).toBe(false);
  });
  it('codes avoid ambiguous characters', () => {
    for (const c of '0O1IL2Z5S8B') expect(APPOINTMENT_CODE_ALPHABET).not.toContain(c);
  });
});
