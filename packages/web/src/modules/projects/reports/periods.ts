// Reporting periods on the pages: "2026-03" (a month) or "2026-03-2" (the second 旬). Pure; unit-tested in periods.test.ts.
import { PERIOD, periodOfDay, periodRange, previousPeriod, type ReportFrequency } from '@zoneops/shared';

export type TenDayPart = 1 | 2 | 3;
export const tenDayParts: readonly TenDayPart[] = [1, 2, 3];

export interface PeriodParts {
  year: number;
  month: number;
  /** the 旬 of a ten-day period, null for a month */
  part: TenDayPart | null;
}

export function periodParts(period: string): PeriodParts | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), part: m[3] ? (Number(m[3]) as TenDayPart) : null };
}

/** The period of a month ("YYYY-MM") and, for ten-day reporting, its 旬. */
export function composePeriod(month: string, part: TenDayPart | null | undefined): string {
  return part ? `${month}-${part}` : month;
}

/** The month ("YYYY-MM") a period falls in. */
export const monthOfPeriod = (period: string) => period.slice(0, 7);

/** The period a report is usually filed for on a day: the last one that has ended. */
export function defaultReportPeriod(today: string, frequency: ReportFrequency): string {
  return previousPeriod(periodOfDay(today, frequency));
}

/** A period that has not begun yet cannot be reported. */
export function isFuturePeriod(period: string, today: string): boolean {
  return periodRange(period).start > today;
}

/** The frequency a period is written in. */
export const frequencyOfPeriod = (period: string): ReportFrequency => (period.length > 7 ? 'tenDays' : 'month');
