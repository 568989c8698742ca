// Working-day arithmetic over the State Council holiday calendar (DOMAIN §9).
// A day is a working day when it is a make-up working day (调休上班), or a Monday–Friday that is not a holiday.
// Dates are ISO calendar dates (YYYY-MM-DD) without time zone.

export interface CalendarExceptions {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function parseIsoDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (d.toISOString().slice(0, 10) !== iso) throw new Error(`not a calendar date: ${iso}`);
  return d;
}

export function formatIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addCalendarDays(iso: string, n: number): string {
  const d = parseIsoDate(iso);
  d.setUTCDate(d.getUTCDate() + n);
  return formatIsoDate(d);
}

export function isWorkingDay(iso: string, cal: CalendarExceptions): boolean {
  if (cal.workdays.has(iso)) return true;
  if (cal.holidays.has(iso)) return false;
  const dow = parseIsoDate(iso).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date n working days after `from` (n ≥ 0). Day 0 is `from` itself when it is a working day,
 * otherwise the next working day. So a request filed on a Saturday with "5 working days" is due on
 * the fifth working day after the weekend, as offices count it.
 */
export function addWorkingDays(from: string, n: number, cal: CalendarExceptions): string {
  if (!Number.isInteger(n) || n < 0) throw new Error('n must be a non-negative integer');
  let day = from;
  while (!isWorkingDay(day, cal)) day = addCalendarDays(day, 1);
  let left = n;
  while (left > 0) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (negative when `to` is before `from`). */
export function workingDaysBetween(from: string, to: string, cal: CalendarExceptions): number {
  if (to < from) return -workingDaysBetween(to, from, cal);
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day, cal)) count++;
  }
  return count;
}
