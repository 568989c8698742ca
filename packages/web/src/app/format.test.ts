import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, shanghaiDayEndIso, shanghaiDayStartIso, shanghaiToday } from './format.ts';

describe('format', () => {
  it('shows instants in Asia/Shanghai', () => {
    expect(formatDateTime('2026-03-01T16:30:05Z')).toBe('2026-03-02 00:30:05');
    expect(formatDateTime('2026-03-01T16:30:05Z', false)).toBe('2026-03-02 00:30');
    expect(formatDate('2026-03-01T16:30:05Z')).toBe('2026-03-02');
  });

  it('shows an em dash for empty or unreadable values', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDate('')).toBe('—');
  });

  it('converts Shanghai calendar days to UTC bounds', () => {
    expect(shanghaiDayStartIso('2026-01-10')).toBe('2026-01-09T16:00:00.000Z');
    expect(shanghaiDayEndIso('2026-01-10')).toBe('2026-01-10T15:59:59.999Z');
  });

  it('knows the Shanghai date of an instant near midnight', () => {
    expect(shanghaiToday(new Date('2026-05-31T16:00:00Z'))).toBe('2026-06-01');
  });

  it('groups thousands and keeps sensible decimals', () => {
    expect(formatNumber(90000)).toBe('90,000');
    expect(formatNumber(2600000.5)).toBe('2,600,000.5');
    expect(formatNumber(433.33333)).toBe('433.33');
    expect(formatNumber(0.184615)).toBe('0.185');
    expect(formatNumber(-1234.567)).toBe('-1,234.57');
    expect(formatNumber(-0.0001)).toBe('0');
    expect(formatNumber(1234.5678, 0)).toBe('1,235');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});
