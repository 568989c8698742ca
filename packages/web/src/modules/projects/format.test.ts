import { describe, expect, it } from 'vitest';
import { barPercent, formatPercent, formatWan } from './format.ts';

describe('formatWan', () => {
  it('groups thousands and shows two decimals', () => {
    expect(formatWan('12345678.5')).toBe('12,345,678.50');
    expect(formatWan('1234.56')).toBe('1,234.56');
    expect(formatWan('999')).toBe('999.00');
    expect(formatWan('1000')).toBe('1,000.00');
    expect(formatWan('0')).toBe('0.00');
    expect(formatWan('0.00')).toBe('0.00');
    expect(formatWan('0.5')).toBe('0.50');
    expect(formatWan('.5')).toBe('.5');
  });

  it('keeps every digit of amounts beyond a float’s precision', () => {
    expect(formatWan('12345678901234.56')).toBe('12,345,678,901,234.56');
    expect(formatWan('99999999999999999999.99')).toBe('99,999,999,999,999,999,999.99');
    expect(formatWan('9007199254740993.01')).toBe('9,007,199,254,740,993.01');
  });

  it('rounds a third decimal half up, carrying', () => {
    expect(formatWan('1.005')).toBe('1.01');
    expect(formatWan('1.004')).toBe('1.00');
    expect(formatWan('999.995')).toBe('1,000.00');
    expect(formatWan('99999999999999999.999')).toBe('100,000,000,000,000,000.00');
  });

  it('keeps the sign, but not on zero', () => {
    expect(formatWan('-1234.5')).toBe('-1,234.50');
    expect(formatWan('-0.00')).toBe('0.00');
    expect(formatWan('-0.001')).toBe('0.00');
  });

  it('strips leading zeros and existing separators', () => {
    expect(formatWan('000123.4')).toBe('123.40');
    expect(formatWan('1,234,567.8')).toBe('1,234,567.80');
  });

  it('shows an em dash for nothing and the text itself for what is not a number', () => {
    expect(formatWan('')).toBe('—');
    expect(formatWan(null)).toBe('—');
    expect(formatWan(undefined)).toBe('—');
    expect(formatWan('abc')).toBe('abc');
    expect(formatWan('1e5')).toBe('1e5');
  });
});

describe('percentages', () => {
  it('show one decimal or a dash', () => {
    expect(formatPercent(87.5)).toBe('87.5%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('fill a bar between 0 and 100', () => {
    expect(barPercent(130)).toBe(100);
    expect(barPercent(-3)).toBe(0);
    expect(barPercent(null)).toBe(0);
    expect(barPercent(42.5)).toBe(42.5);
  });
});
