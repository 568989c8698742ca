import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { blankToNull, changedFields, validationFieldErrors } from './form-errors.ts';

describe('validationFieldErrors', () => {
  it('groups the details of VALIDATION_FAILED by field path', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
      { path: 'uscc', message: 'bad check character' },
      { path: 'tags.1', message: 'unknown tag' },
      { path: 'uscc', message: 'too short' },
      { path: '', message: 'root' },
      { nonsense: true },
    ]);
    expect(validationFieldErrors(err)).toEqual([
      { name: ['uscc'], errors: ['bad check character', 'too short'] },
      { name: ['tags', 1], errors: ['unknown tag'] },
    ]);
  });

  it('ignores other errors', () => {
    expect(validationFieldErrors(new ApiError(409, 'USERNAME_TAKEN', 'x', [{ path: 'a', message: 'b' }]))).toEqual([]);
    expect(validationFieldErrors(new Error('x'))).toEqual([]);
  });
});

describe('changedFields', () => {
  it('keeps only values that differ from the initial ones', () => {
    expect(
      changedFields(
        { name: 'a', phone: '138****0000', tags: ['x'], email: null },
        {
          name: 'b',
          phone: '138****0000',
          tags: ['x'],
          email: undefined,
        },
      ),
    ).toEqual({ name: 'a' });
  });
});

describe('blankToNull', () => {
  it('turns blank strings into null', () => {
    expect(blankToNull({ a: ' ', b: 'x', c: 0 })).toEqual({ a: null, b: 'x', c: 0 });
  });
});
