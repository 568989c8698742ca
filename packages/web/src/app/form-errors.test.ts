import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { blankToNull, changedFields, codedFieldErrors, fieldPath, validationFieldErrors } from './form-errors.ts';

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

  it('names body fields as the form does', () => {
    expect(fieldPath('body.title')).toBe('title');
    expect(fieldPath('body.body')).toBe('body');
    expect(fieldPath('body')).toBe('');
    expect(fieldPath('decisions.0.title')).toBe('decisions.0.title');
    const err = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
      { path: 'body.deadline', message: 'before the assignment' },
      { path: 'body.decisions.1.leadUnitId', message: 'unknown unit' },
      { path: 'body', message: 'the whole body' },
    ]);
    expect(validationFieldErrors(err)).toEqual([
      { name: ['deadline'], errors: ['before the assignment'] },
      { name: ['decisions', 1, 'leadUnitId'], errors: ['unknown unit'] },
    ]);
  });

  it('puts the text of a rule error on the field it names', () => {
    const taken = new ApiError(409, 'LEDGER_CODE_TAKEN', 'taken', [{ path: 'body.code', message: 'taken' }]);
    expect(codedFieldErrors(taken, '编号已被使用')).toEqual([{ name: ['code'], errors: ['编号已被使用'] }]);
    expect(codedFieldErrors(new ApiError(400, 'VALIDATION_FAILED', 'x', [{ path: 'body.a', message: 'b' }]), 'x')).toEqual([]);
    expect(codedFieldErrors(new ApiError(409, 'CONFLICT', 'x', { status: 'closed' }), 'x')).toEqual([]);
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
