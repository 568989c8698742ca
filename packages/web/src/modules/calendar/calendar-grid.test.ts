import { describe, expect, it } from 'vitest';
import { isWeekend, monthWeeks, weekdayNames } from './calendar-grid.ts';

describe('monthWeeks', () => {
  it('starts weeks on Monday', () => {
    // 1 October 2026 is a Thursday
    const weeks = monthWeeks(2026, 10);
    expect(weeks[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('handles leap February', () => {
    expect(monthWeeks(2028, 2).flat().filter(Boolean).at(-1)).toBe('2028-02-29');
    expect(monthWeeks(2026, 2).flat().filter(Boolean).at(-1)).toBe('2026-02-28');
  });
});

describe('isWeekend', () => {
  it('knows Saturdays and Sundays', () => {
    expect(isWeekend('2026-10-03')).toBe(true);
    expect(isWeekend('2026-10-04')).toBe(true);
    expect(isWeekend('2026-10-05')).toBe(false);
  });
});

describe('weekdayNames', () => {
  it('lists Monday first', () => {
    expect(weekdayNames('en-US')).toEqual(['M', 'T', 'W', 'T', 'F', 'S', 'S']);
  });
});
