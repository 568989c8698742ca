import { describe, expect, it } from 'vitest';
import { isUniqueViolation, toAppError } from './errors.ts';

describe('unique violations', () => {
  const driver = Object.assign(new Error('duplicate key value violates unique constraint "runs_uq"'), { code: '23505', constraint: 'runs_uq' });
  // Drizzle 0.45 wraps the driver's error: the code is on `cause`.
  const wrapped = Object.assign(new Error('Failed query: insert …'), { cause: driver });

  it('are recognised bare and wrapped, by constraint when asked', () => {
    expect(isUniqueViolation(driver)).toBe(true);
    expect(isUniqueViolation(wrapped)).toBe(true);
    expect(isUniqueViolation(wrapped, 'runs_uq')).toBe(true);
    expect(isUniqueViolation(wrapped, 'other_uq')).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error('x'), { code: '23503' }))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });

  it('answer 409 CONFLICT, not 500, when no service caught them', () => {
    expect(toAppError(wrapped).code).toBe('CONFLICT');
    expect(toAppError(new Error('boom')).code).toBe('INTERNAL');
  });
});
