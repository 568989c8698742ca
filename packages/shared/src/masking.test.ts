import { describe, expect, it } from 'vitest';
import { maskPersonName, maskPhone, maskUscc } from './masking.ts';
import { defaultPasswordPolicy, passwordProblems } from './password-policy.ts';

describe('masking', () => {
  it('keeps the first three and last four digits of a mobile number', () => expect(maskPhone('13912345678')).toBe('139****5678'));
  it('keeps four characters at each end of a credit code', () => expect(maskUscc('91350100M000100Y43')).toBe('9135**********0Y43'));
  it('masks Chinese names by character and keeps their length', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
    expect(maskPersonName('John Smith')).toBe('J*** S****');
  });
  it('passes empty values through', () => expect(maskPhone(null)).toBeNull());
});

describe('password policy', () => {
  it('requires 8 characters from 3 of 4 classes, without the username', () => {
    expect(passwordProblems('Ab1!', defaultPasswordPolicy)).toEqual(['PASSWORD_TOO_SHORT']);
    expect(passwordProblems('abcdefgh1', defaultPasswordPolicy)).toEqual(['PASSWORD_TOO_SIMPLE']);
    expect(passwordProblems('Zhangwei#2026', defaultPasswordPolicy, 'zhangwei')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(passwordProblems('Gulei#2026', defaultPasswordPolicy, 'zhangwei')).toEqual([]);
  });
});
