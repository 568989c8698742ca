// Time comes from a clock so that tests can fix and advance it (idle timeouts, lockouts, deadlines).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A settable clock for tests and simulations. */
export class ManualClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date): void {
    this.t = new Date(t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** The zone's time zone: dates people see and deadlines are days in it (China has one time zone, no DST). */
export const ZONE_TIME_ZONE = 'Asia/Shanghai';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) of an instant in the zone. */
export function localDate(d: Date): string {
  return dayFormat.format(d);
}

/** Today in the zone. */
export const today = (clock: Clock): string => localDate(clock.now());
