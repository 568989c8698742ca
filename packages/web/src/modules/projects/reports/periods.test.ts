import { describe, expect, it } from 'vitest';
import { composePeriod, defaultReportPeriod, frequencyOfPeriod, isFuturePeriod, monthOfPeriod, periodParts } from './periods.ts';

describe('reporting periods', () => {
  it('split into year, month and 旬', () => {
    expect(periodParts('2026-03')).toEqual({ year: 2026, month: 3, part: null });
    expect(periodParts('2026-11-2')).toEqual({ year: 2026, month: 11, part: 2 });
    expect(periodParts('2026-13')).toBeNull();
    expect(periodParts('2026-03-4')).toBeNull();
  });

  it('are composed from a month and a 旬', () => {
    expect(composePeriod('2026-03', null)).toBe('2026-03');
    expect(composePeriod('2026-03', 3)).toBe('2026-03-3');
    expect(monthOfPeriod('2026-03-3')).toBe('2026-03');
    expect(frequencyOfPeriod('2026-03-3')).toBe('tenDays');
    expect(frequencyOfPeriod('2026-03')).toBe('month');
  });

  it('default to the last period that has ended', () => {
    expect(defaultReportPeriod('2026-04-03', 'month')).toBe('2026-03');
    expect(defaultReportPeriod('2026-01-05', 'month')).toBe('2025-12');
    expect(defaultReportPeriod('2026-04-15', 'tenDays')).toBe('2026-04-1');
    expect(defaultReportPeriod('2026-04-05', 'tenDays')).toBe('2026-03-3');
    expect(defaultReportPeriod('2026-04-25', 'tenDays')).toBe('2026-04-2');
  });

  it('that have not begun cannot be reported', () => {
    expect(isFuturePeriod('2026-05', '2026-04-30')).toBe(true);
    expect(isFuturePeriod('2026-04', '2026-04-01')).toBe(false);
    expect(isFuturePeriod('2026-04-3', '2026-04-20')).toBe(true);
    expect(isFuturePeriod('2026-04-3', '2026-04-21')).toBe(false);
  });
});
