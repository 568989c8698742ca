import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centsToMoney } from '@zoneops/shared';
import { headlineAmount, parseMoneyInput, wanToYi } from './money.ts';

describe('万元 to 亿元', () => {
  it('divides by ten thousand exactly and rounds half away from zero', () => {
    expect(wanToYi('123456.00')).toBe('12.35');
    expect(wanToYi('10000.00')).toBe('1.00');
    expect(wanToYi('49.99')).toBe('0.00');
    expect(wanToYi('50.00')).toBe('0.01');
    expect(wanToYi('-50.00')).toBe('-0.01');
    expect(wanToYi('0')).toBe('0.00');
  });

  it('stays exact beyond the precision of a float', () => {
    // 99,999,999,999,999.99 万元: a float would print 10000000000.00 only by luck of rounding
    expect(wanToYi('99999999999999.99')).toBe('10000000000.00');
    expect(wanToYi('12345678901234.50')).toBe('1234567890.12');
  });

  it('agrees with the integer arithmetic for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), (cents) => {
        const yi = wanToYi(centsToMoney(cents));
        const expected = (cents * 100n + 500_000n) / 1_000_000n;
        expect(yi).toBe(centsToMoney(expected));
      }),
    );
  });
});

describe('headline amounts', () => {
  it('switch to 亿元 from 10,000 万元 on', () => {
    expect(headlineAmount('9999.99')).toEqual({ value: '9,999.99', unit: 'wan' });
    expect(headlineAmount('10000.00')).toEqual({ value: '1.00', unit: 'yi' });
    expect(headlineAmount('102000000.00')).toEqual({ value: '10,200.00', unit: 'yi' });
  });

  it('take a forced unit', () => {
    expect(headlineAmount('2500.00', 'yi')).toEqual({ value: '0.25', unit: 'yi' });
    expect(headlineAmount('2500000.00', 'wan')).toEqual({ value: '2,500,000.00', unit: 'wan' });
  });
});

describe('amount inputs', () => {
  it('accept amounts with up to two decimals, with or without separators', () => {
    expect(parseMoneyInput('1234.5')).toBe('1234.50');
    expect(parseMoneyInput(' 1,234.56 ')).toBe('1234.56');
    expect(parseMoneyInput('0')).toBe('0.00');
    expect(parseMoneyInput('12345678901234')).toBe('12345678901234.00');
  });

  it('refuse what the server would refuse', () => {
    for (const bad of ['', '   ', '-1', '1.234', 'abc', '1e5', '123456789012345', '.5', null, undefined]) {
      expect(parseMoneyInput(bad), String(bad)).toBeNull();
    }
  });
});
