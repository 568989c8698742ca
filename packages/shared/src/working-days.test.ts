import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, isWorkingDay, workingDaysBetween, type CalendarExceptions } from './working-days.ts';

// The 2026 National Day week: 1–7 October off, Sunday 20 September and Saturday 10 October worked.
const cal: CalendarExceptions = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-20', '2026-10-10']),
};

describe('working days', () => {
  it('skips the National Day holiday and counts the make-up Saturday', () => {
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4, cal)).toBe('2026-10-12');
    expect(isWorkingDay('2026-09-20', cal)).toBe(true);
    expect(isWorkingDay('2026-10-03', cal)).toBe(false);
  });

  it('starts from the next working day when filed on a day off', () => {
    expect(addWorkingDays('2026-11-21', 0, cal)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-21', 5, cal)).toBe('2026-11-30');
  });

  it('rejects impossible dates and negative counts', () => {
    expect(() => addWorkingDays('2026-02-30', 1, cal)).toThrow();
    expect(() => addWorkingDays('2026-01-01', -1, cal)).toThrow();
  });

  it('adds n working days: the result is a working day and exactly n working days lie after the start', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addCalendarDays('2025-06-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (from, n) => {
        const due = addWorkingDays(from, n, cal);
        expect(isWorkingDay(due, cal)).toBe(true);
        const start = addWorkingDays(from, 0, cal);
        expect(workingDaysBetween(start, due, cal)).toBe(n);
      }),
    );
  });
});
