// The working-day calendar (public holidays and make-up working days per year) and the function modules use
// to count working days. The exceptions of the years around a date are read per call: a few dozen rows.
import { addWorkingDays, workingDaysBetween, type CalendarExceptions } from '@zoneops/shared';
import type { Db, DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { RequestContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { calendarRepository, type CalendarDayRow } from './calendar.repository.ts';

export async function loadCalendar(db: DbOrTx, fromYear: number, toYear: number): Promise<CalendarExceptions> {
  const rows = await calendarRepository.findBetween(db, `${fromYear}-01-01`, `${toYear}-12-31`);
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
  };
}

/** For modules: the date `days` working days after `from` (deadlines in working days). */
export async function addWorkingDaysFrom(db: Db, from: string, days: number): Promise<string> {
  const year = Number(from.slice(0, 4));
  // Enough years ahead for any deadline the product sets (≤ 10 years of working days).
  const cal = await loadCalendar(db, year, year + Math.ceil(days / 240) + 1);
  return addWorkingDays(from, days, cal);
}

export async function workingDaysUntil(db: Db, from: string, to: string): Promise<number> {
  const [a, b] = [from, to].sort();
  const cal = await loadCalendar(db, Number(a!.slice(0, 4)), Number(b!.slice(0, 4)));
  return workingDaysBetween(from, to, cal);
}

const toDay = (r: CalendarDayRow) => ({ date: r.date, kind: r.kind as 'holiday' | 'workday', name: r.name, provisional: r.provisional });

export function createCalendarService({ db, audit, clock }: Deps) {
  return {
    async year(year: number) {
      return (await calendarRepository.findBetween(db, `${year}-01-01`, `${year}-12-31`)).map(toDay);
    },
    async upsert(ctx: RequestContext, date: string, input: { kind: 'holiday' | 'workday'; name: string; provisional: boolean }) {
      const before = await calendarRepository.findByDate(db, date);
      return db.transaction(async (tx) => {
        const row = await calendarRepository.upsert(tx, { date, ...input, createdBy: ctx.actor?.userId, updatedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'calendar.set', entityType: 'calendarDay', entityId: date, diff: diffOf(before, row) });
        return toDay(row);
      });
    },
    async remove(ctx: RequestContext, date: string) {
      const before = await calendarRepository.findByDate(db, date);
      if (!before) throw notFound('calendar day');
      await db.transaction(async (tx) => {
        await calendarRepository.remove(tx, date);
        await audit.record(tx, ctx, { action: 'calendar.clear', entityType: 'calendarDay', entityId: date, diff: diffOf(before, null) });
      });
    },
    addWorkingDays: (from: string, days: number) => addWorkingDaysFrom(db, from, days),
  };
}
