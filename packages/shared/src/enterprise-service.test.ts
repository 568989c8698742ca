import { describe, expect, it } from 'vitest';
import {
  type DeadlineRule,
  defaultDeadlineRules,
  endOfShanghaiDay,
  type HandlingRound,
  isSatisfied,
  requestCategories,
  requestDeadlines,
  requestKinds,
  requestMetrics,
  requestRatings,
  shanghaiDay,
} from './enterprise-service.ts';
import type { CalendarExceptions } from './working-days.ts';

// The 2026 National Day week: Thursday 1 – Wednesday 7 October off, Saturday 10 October worked (调休).
// Day-of-week anchors used below (2026-01-01 is a Thursday; 273 days to 1 October = 39 weeks, so 1 October is a
// Thursday too): Thu 10-01 … Wed 10-07, Thu 10-08, Fri 10-09, Sat 10-10 (make-up), Sun 10-11, Mon 10-12.
// November: 1 November is a Sunday, so Sun 11-22, Mon 11-23, Fri 11-27, Sat 11-28, Mon 11-30, Fri 12-04, Mon 12-07.
const cal: CalendarExceptions = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-10-10']),
};

const at = (iso: string) => new Date(iso);
const { consultation, urgent, ordinary } = defaultDeadlineRules;

// ---- vocabulary -------------------------------------------------------------------------------------------------

describe('enterprise-service vocabulary', () => {
  it('lists the categories, kinds and ratings of DOMAIN §9', () => {
    expect(requestCategories).toEqual(['policy', 'market', 'land', 'finance', 'talent', 'planning', 'utilities', 'other']);
    expect(requestKinds).toEqual(['consultation', 'urgent', 'ordinary']);
    expect(requestRatings).toEqual(['satisfied', 'basicallySatisfied', 'dissatisfied']);
  });

  it('counts 满意 and 基本满意 as satisfied, 不满意 not', () => {
    expect(isSatisfied('satisfied')).toBe(true);
    expect(isSatisfied('basicallySatisfied')).toBe(true);
    expect(isSatisfied('dissatisfied')).toBe(false);
  });

  it('has the default rules: consultation same day, urgent 2 hours, ordinary done in 5 working days', () => {
    expect(consultation).toEqual({ response: { kind: 'sameDay' }, completionWorkingDays: 1 });
    expect(urgent).toEqual({ response: { kind: 'hours', hours: 2 }, completionWorkingDays: 3 });
    expect(ordinary).toEqual({ response: { kind: 'workingDays', days: 1 }, completionWorkingDays: 5 });
  });
});

// ---- Shanghai days ----------------------------------------------------------------------------------------------

describe('shanghaiDay', () => {
  it('moves to the next day at 16:00 UTC (midnight in UTC+8)', () => {
    // 15:59:59.999Z + 8 h = 23:59:59.999 on the 22nd in Shanghai.
    expect(shanghaiDay(at('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    // 16:00Z + 8 h = 00:00 on the 23rd.
    expect(shanghaiDay(at('2026-11-22T16:00:00.000Z'))).toBe('2026-11-23');
    // 16:30Z + 8 h = 00:30 on the 23rd, while UTC still says the 22nd.
    expect(shanghaiDay(at('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(at('2026-11-22T16:30:00Z').toISOString().slice(0, 10)).toBe('2026-11-22');
  });

  it('crosses month and year ends', () => {
    // 2026-11-30T20:00Z + 8 h = 2026-12-01 04:00; 2026-12-31T16:00Z + 8 h = 2027-01-01 00:00.
    expect(shanghaiDay(at('2026-11-30T20:00:00Z'))).toBe('2026-12-01');
    expect(shanghaiDay(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    // Morning in Shanghai is the previous evening in UTC, same calendar day in Shanghai: 2026-11-23T01:00Z = 09:00.
    expect(shanghaiDay(at('2026-11-23T01:00:00Z'))).toBe('2026-11-23');
  });
});

describe('endOfShanghaiDay', () => {
  it('is the next midnight in Shanghai, i.e. 16:00 UTC of the same date', () => {
    // 2026-11-24 00:00 in Shanghai = 2026-11-23 24:00 − 8 h = 2026-11-23T16:00Z.
    expect(endOfShanghaiDay('2026-11-23').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    // Month end and leap day: 2026-02-28 ends at 2026-02-28T16:00Z; 2028-02-29 ends at 2028-02-29T16:00Z.
    expect(endOfShanghaiDay('2026-02-28').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(endOfShanghaiDay('2028-02-29').toISOString()).toBe('2028-02-29T16:00:00.000Z');
    // Year end: 2026-12-31 ends at 2027-01-01 00:00 Shanghai = 2026-12-31T16:00Z.
    expect(endOfShanghaiDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('agrees with shanghaiDay: the last millisecond belongs to the day, the end instant to the next', () => {
    const end = endOfShanghaiDay('2026-11-23');
    expect(shanghaiDay(new Date(end.getTime() - 1))).toBe('2026-11-23');
    expect(shanghaiDay(end)).toBe('2026-11-24');
  });
});

// ---- deadlines --------------------------------------------------------------------------------------------------

describe('requestDeadlines', () => {
  it('counts from the Shanghai day when filed just after midnight there (still the previous day in UTC)', () => {
    // Filed 2026-11-22T16:30Z = Mon 2026-11-23 00:30 in Shanghai (UTC says Sunday the 22nd).
    const filed = at('2026-11-22T16:30:00Z');
    // consultation: end of Mon 11-23 = 2026-11-23T16:00Z; done within 1 working day: Mon → Tue 11-24.
    expect(requestDeadlines(filed, consultation, cal)).toEqual({ responseDueAt: at('2026-11-23T16:00:00Z'), completionDueOn: '2026-11-24' });
    // urgent: 16:30Z + 2 h = 18:30Z; done within 3 working days: Tue 24 (1), Wed 25 (2), Thu 26 (3).
    expect(requestDeadlines(filed, urgent, cal)).toEqual({ responseDueAt: at('2026-11-22T18:30:00Z'), completionDueOn: '2026-11-26' });
    // ordinary: answered by the end of 1 working day later = Tue 11-24 → 2026-11-24T16:00Z;
    // done within 5: Tue 24 (1), Wed 25 (2), Thu 26 (3), Fri 27 (4), [Sat, Sun skipped] Mon 30 (5).
    expect(requestDeadlines(filed, ordinary, cal)).toEqual({ responseDueAt: at('2026-11-24T16:00:00Z'), completionDueOn: '2026-11-30' });
  });

  it('filed late on a Friday evening: same-day answer within minutes, urgent runs into Saturday, working days skip the weekend', () => {
    // Filed 2026-11-27T15:50Z = Fri 2026-11-27 23:50 in Shanghai.
    const filed = at('2026-11-27T15:50:00Z');
    // consultation: end of Fri 11-27 = 2026-11-27T16:00Z (ten minutes later); done 1 working day later: Mon 11-30.
    expect(requestDeadlines(filed, consultation, cal)).toEqual({ responseDueAt: at('2026-11-27T16:00:00Z'), completionDueOn: '2026-11-30' });
    // urgent: wall-clock 2 hours, regardless of midnight and the weekend: 17:50Z = Sat 01:50 Shanghai;
    // done in 3 working days: Mon 30 (1), Tue 12-01 (2), Wed 12-02 (3).
    expect(requestDeadlines(filed, urgent, cal)).toEqual({ responseDueAt: at('2026-11-27T17:50:00Z'), completionDueOn: '2026-12-02' });
    // ordinary: answer by end of Mon 11-30 = 2026-11-30T16:00Z; done: Mon 30 (1), Tue 1 (2), Wed 2 (3), Thu 3 (4), Fri 4 (5).
    expect(requestDeadlines(filed, ordinary, cal)).toEqual({ responseDueAt: at('2026-11-30T16:00:00Z'), completionDueOn: '2026-12-04' });
  });

  it('filed forty minutes later, the Shanghai day is Saturday: counting starts on Monday', () => {
    // Filed 2026-11-27T16:30Z = Sat 2026-11-28 00:30 in Shanghai (UTC still says Friday).
    const filed = at('2026-11-27T16:30:00Z');
    // consultation: end of Sat 11-28 = 2026-11-28T16:00Z; day 0 is the next working day Mon 11-30, +1 = Tue 12-01.
    expect(requestDeadlines(filed, consultation, cal)).toEqual({ responseDueAt: at('2026-11-28T16:00:00Z'), completionDueOn: '2026-12-01' });
    // ordinary: day 0 = Mon 11-30; answer by end of Tue 12-01 = 2026-12-01T16:00Z;
    // done: Tue 1 (1), Wed 2 (2), Thu 3 (3), Fri 4 (4), Mon 7 (5). (Counting from the UTC Friday would give Fri 12-04.)
    expect(requestDeadlines(filed, ordinary, cal)).toEqual({ responseDueAt: at('2026-12-01T16:00:00Z'), completionDueOn: '2026-12-07' });
  });

  it('filed on a public holiday: the same-day answer still holds, working days start after the holiday', () => {
    // Filed 2026-10-02T02:00Z = Fri 2026-10-02 10:00 in Shanghai, the second day of National Day.
    const filed = at('2026-10-02T02:00:00Z');
    // Day 0 for working days: 10-02 … 10-07 are off, Thu 10-08 is the first working day.
    // consultation: end of Fri 10-02 = 2026-10-02T16:00Z; done: Thu 8 + 1 = Fri 10-09.
    expect(requestDeadlines(filed, consultation, cal)).toEqual({ responseDueAt: at('2026-10-02T16:00:00Z'), completionDueOn: '2026-10-09' });
    // urgent: 02:00Z + 2 h = 04:00Z; done: Fri 9 (1), Sat 10 make-up (2), [Sun 11 off] Mon 12 (3).
    expect(requestDeadlines(filed, urgent, cal)).toEqual({ responseDueAt: at('2026-10-02T04:00:00Z'), completionDueOn: '2026-10-12' });
    // ordinary: answer by end of Fri 10-09 = 2026-10-09T16:00Z; done: Fri 9 (1), Sat 10 (2), Mon 12 (3), Tue 13 (4), Wed 14 (5).
    expect(requestDeadlines(filed, ordinary, cal)).toEqual({ responseDueAt: at('2026-10-09T16:00:00Z'), completionDueOn: '2026-10-14' });
  });

  it('filed the day before the holiday: the whole week off is skipped', () => {
    // Filed 2026-09-30T03:00Z = Wed 2026-09-30 11:00 in Shanghai.
    const filed = at('2026-09-30T03:00:00Z');
    // consultation: end of Wed 09-30 = 2026-09-30T16:00Z; done 1 working day later: Thu 10-08.
    expect(requestDeadlines(filed, consultation, cal)).toEqual({ responseDueAt: at('2026-09-30T16:00:00Z'), completionDueOn: '2026-10-08' });
    // ordinary: answer by end of Thu 10-08 = 2026-10-08T16:00Z; done: Thu 8 (1), Fri 9 (2), Sat 10 (3), Mon 12 (4), Tue 13 (5).
    expect(requestDeadlines(filed, ordinary, cal)).toEqual({ responseDueAt: at('2026-10-08T16:00:00Z'), completionDueOn: '2026-10-13' });
  });

  it('filed the day before the make-up Saturday: that Saturday counts as a working day', () => {
    // Filed 2026-10-09T07:00Z = Fri 2026-10-09 15:00 in Shanghai; Sat 10-10 is worked.
    const filed = at('2026-10-09T07:00:00Z');
    // consultation: end of Fri 10-09 = 2026-10-09T16:00Z; done 1 working day later: Sat 10-10 (not Mon 10-12).
    expect(requestDeadlines(filed, consultation, cal)).toEqual({ responseDueAt: at('2026-10-09T16:00:00Z'), completionDueOn: '2026-10-10' });
    // urgent: 07:00Z + 2 h = 09:00Z; done: Sat 10 (1), [Sun 11 off] Mon 12 (2), Tue 13 (3).
    expect(requestDeadlines(filed, urgent, cal)).toEqual({ responseDueAt: at('2026-10-09T09:00:00Z'), completionDueOn: '2026-10-13' });
    // ordinary: answer by end of Sat 10-10 = 2026-10-10T16:00Z; done: Sat 10 (1), Mon 12 (2), Tue 13 (3), Wed 14 (4), Thu 15 (5).
    // (Without the make-up day it would be Mon 12 … Fri 16.)
    expect(requestDeadlines(filed, ordinary, cal)).toEqual({ responseDueAt: at('2026-10-10T16:00:00Z'), completionDueOn: '2026-10-15' });
    const noMakeUp: CalendarExceptions = { holidays: cal.holidays, workdays: new Set() };
    expect(requestDeadlines(filed, ordinary, noMakeUp)).toEqual({ responseDueAt: at('2026-10-12T16:00:00Z'), completionDueOn: '2026-10-16' });
  });

  it('honours a configured rule', () => {
    // Filed Mon 2026-11-23 09:00 Shanghai = 01:00Z.
    const filed = at('2026-11-23T01:00:00Z');
    // 4 hours: 05:00Z; done the same working day (0 working days): Mon 11-23.
    const fast: DeadlineRule = { response: { kind: 'hours', hours: 4 }, completionWorkingDays: 0 };
    expect(requestDeadlines(filed, fast, cal)).toEqual({ responseDueAt: at('2026-11-23T05:00:00Z'), completionDueOn: '2026-11-23' });
    // Answer within 3 working days: Tue 24 (1), Wed 25 (2), Thu 26 (3) → end of Thu = 2026-11-26T16:00Z;
    // done within 10: Tue 24 … Fri 27 (4), Mon 30 … Fri 12-04 (9), Mon 12-07 (10).
    const slow: DeadlineRule = { response: { kind: 'workingDays', days: 3 }, completionWorkingDays: 10 };
    expect(requestDeadlines(filed, slow, cal)).toEqual({ responseDueAt: at('2026-11-26T16:00:00Z'), completionDueOn: '2026-12-07' });
  });
});

// ---- metrics ----------------------------------------------------------------------------------------------------

/**
 * An ordinary request filed Mon 2026-11-23 09:00 Shanghai (01:00Z): answer due by the end of Tue 11-24
 * (2026-11-24T16:00Z), done by Mon 11-30 (see requestDeadlines above). Overrides change one thing at a time.
 */
const round = (over: Partial<HandlingRound> = {}): HandlingRound => ({
  responseDueAt: at('2026-11-24T16:00:00Z'),
  respondedAt: null,
  completionDueOn: '2026-11-30',
  completedOn: null,
  rating: null,
  resolved: null,
  ...over,
});

const none = { count: 0, of: 0, rate: null };

describe('requestMetrics', () => {
  it('gives null rates for no rounds at all', () => {
    expect(requestMetrics([], at('2026-11-25T00:00:00Z'))).toEqual({
      rounds: 0,
      onTimeResponse: none,
      onTimeCompletion: none,
      satisfaction: none,
      resolved: none,
    });
  });

  it('counts a round answered and completed on time, rated satisfied and solved, as 1 of 1 everywhere', () => {
    // Answered Mon 11-23 16:00 Shanghai (08:00Z) ≤ due Tue 24 16:00Z; done Thu 11-26 ≤ Mon 11-30.
    const r = round({ respondedAt: at('2026-11-23T08:00:00Z'), completedOn: '2026-11-26', rating: 'satisfied', resolved: true });
    const all = { count: 1, of: 1, rate: 100 };
    expect(requestMetrics([r], at('2026-12-10T00:00:00Z'))).toEqual({
      rounds: 1,
      onTimeResponse: all,
      onTimeCompletion: all,
      satisfaction: all,
      resolved: all,
    });
  });

  it('the deadline instant and the deadline day are still on time', () => {
    // Answered exactly at the due instant (Tue 24 23:59:59.999 Shanghai is 1 ms earlier; 16:00Z is the limit itself),
    // done on the due day Mon 11-30.
    const r = round({ respondedAt: at('2026-11-24T16:00:00Z'), completedOn: '2026-11-30' });
    const m = requestMetrics([r], at('2026-12-10T00:00:00Z'));
    expect(m.onTimeResponse).toEqual({ count: 1, of: 1, rate: 100 });
    expect(m.onTimeCompletion).toEqual({ count: 1, of: 1, rate: 100 });
    // An urgent request filed 02:00Z and answered at exactly 04:00Z is "within 2 hours".
    const u = round({ responseDueAt: at('2026-11-23T04:00:00Z'), respondedAt: at('2026-11-23T04:00:00Z') });
    expect(requestMetrics([u], at('2026-11-23T05:00:00Z')).onTimeResponse).toEqual({ count: 1, of: 1, rate: 100 });
  });

  it('counts a round answered late and completed late against the rate', () => {
    // Answered Wed 11-25 09:00 Shanghai (01:00Z) > due 2026-11-24T16:00Z; done Tue 12-01 > Mon 11-30.
    const late = round({ respondedAt: at('2026-11-25T01:00:00Z'), completedOn: '2026-12-01' });
    const onTime = round({ respondedAt: at('2026-11-23T08:00:00Z'), completedOn: '2026-11-26' });
    const m = requestMetrics([onTime, late], at('2026-12-10T00:00:00Z'));
    // 1 on time of 2 = 50 %.
    expect(m.onTimeResponse).toEqual({ count: 1, of: 2, rate: 50 });
    expect(m.onTimeCompletion).toEqual({ count: 1, of: 2, rate: 50 });
    // An urgent answer 1 s past its 2 hours is late.
    const u = round({ responseDueAt: at('2026-11-23T04:00:00Z'), respondedAt: at('2026-11-23T04:00:01Z') });
    expect(requestMetrics([u], at('2026-11-23T05:00:00Z')).onTimeResponse).toEqual({ count: 0, of: 1, rate: 0 });
  });

  it('does not count an unanswered round still within its time, and counts it late once the time has passed', () => {
    const open = round();
    // Now Tue 11-24 23:00 Shanghai (15:00Z) < due 16:00Z: not counted, so the rate is null (no round is due yet).
    expect(requestMetrics([open], at('2026-11-24T15:00:00Z')).onTimeResponse).toEqual(none);
    // At the due instant itself it is still not past.
    expect(requestMetrics([open], at('2026-11-24T16:00:00Z')).onTimeResponse).toEqual(none);
    // Now Wed 11-25 00:00:01 Shanghai: past due, counted as late: 0 of 1 = 0 %.
    expect(requestMetrics([open], at('2026-11-24T16:00:01Z')).onTimeResponse).toEqual({ count: 0, of: 1, rate: 0 });
    // Beside an on-time round: 1 of 2 = 50 % once past, 1 of 1 = 100 % while still open.
    const done = round({ respondedAt: at('2026-11-23T08:00:00Z') });
    expect(requestMetrics([done, open], at('2026-11-24T15:00:00Z')).onTimeResponse).toEqual({ count: 1, of: 1, rate: 100 });
    expect(requestMetrics([done, open], at('2026-11-25T01:00:00Z')).onTimeResponse).toEqual({ count: 1, of: 2, rate: 50 });
  });

  it('judges an uncompleted round by the Shanghai day: overdue only once its due day has ended there', () => {
    const open = round({ respondedAt: at('2026-11-23T08:00:00Z') });
    // 2026-11-30T15:59Z = Mon 11-30 23:59 Shanghai: the due day is not over, not counted.
    expect(requestMetrics([open], at('2026-11-30T15:59:00Z')).onTimeCompletion).toEqual(none);
    // 2026-11-30T16:00Z = Tue 12-01 00:00 Shanghai (UTC still says 11-30): overdue, 0 of 1.
    expect(requestMetrics([open], at('2026-11-30T16:00:00Z')).onTimeCompletion).toEqual({ count: 0, of: 1, rate: 0 });
  });

  it('measures a reopened request in both rounds: dissatisfied first, basically satisfied after the second', () => {
    // Round 1 (the rounds above): answered Mon 11-23 08:00Z, done Thu 11-26, rated 不满意, not solved.
    const first = round({ respondedAt: at('2026-11-23T08:00:00Z'), completedOn: '2026-11-26', rating: 'dissatisfied', resolved: false });
    // Reopened Fri 2026-11-27 10:00 Shanghai (02:00Z) as an ordinary request: its own deadlines.
    const reopened = requestDeadlines(at('2026-11-27T02:00:00Z'), ordinary, cal);
    // Answer by end of Mon 11-30 = 2026-11-30T16:00Z; done: Mon 30 (1), Tue 1 (2), Wed 2 (3), Thu 3 (4), Fri 12-04 (5).
    expect(reopened).toEqual({ responseDueAt: at('2026-11-30T16:00:00Z'), completionDueOn: '2026-12-04' });
    const second: HandlingRound = {
      ...reopened,
      respondedAt: at('2026-11-30T01:00:00Z'), // Mon 09:00 Shanghai ≤ due
      completedOn: '2026-12-02', // ≤ 12-04
      rating: 'basicallySatisfied',
      resolved: true,
    };
    const m = requestMetrics([first, second], at('2026-12-10T00:00:00Z'));
    expect(m.rounds).toBe(2);
    // Both rounds answered and done on time: 2 of 2.
    expect(m.onTimeResponse).toEqual({ count: 2, of: 2, rate: 100 });
    expect(m.onTimeCompletion).toEqual({ count: 2, of: 2, rate: 100 });
    // Rated rounds: 不满意 + 基本满意 → 1 satisfied of 2 rated = 50 %.
    expect(m.satisfaction).toEqual({ count: 1, of: 2, rate: 50 });
    // Solved: round 1 no, round 2 yes → 1 of 2 = 50 %.
    expect(m.resolved).toEqual({ count: 1, of: 2, rate: 50 });

    // Before the second rating arrives (second round done but unrated): satisfaction is 0 of 1 rated = 0 %.
    const m2 = requestMetrics([first, { ...second, rating: null }], at('2026-12-10T00:00:00Z'));
    expect(m2.satisfaction).toEqual({ count: 0, of: 1, rate: 0 });
  });

  it('counts solved only over completed rounds that carry a flag', () => {
    const done = { respondedAt: at('2026-11-23T08:00:00Z'), completedOn: '2026-11-26' };
    const rounds = [
      round({ ...done, resolved: true }), // counted, solved
      round({ ...done, resolved: false }), // counted, not solved
      round({ ...done, resolved: null }), // done but not assessed: left out
      round({ respondedAt: at('2026-11-23T08:00:00Z'), resolved: true }), // flagged but not done: left out
      round({ resolved: false }), // neither: left out
    ];
    // 1 solved of 2 completed-and-flagged = 50 %.
    expect(requestMetrics(rounds, at('2026-11-25T00:00:00Z')).resolved).toEqual({ count: 1, of: 2, rate: 50 });
    // Only unassessed rounds: no rate.
    expect(requestMetrics([round({ ...done })], at('2026-11-25T00:00:00Z')).resolved).toEqual(none);
  });

  it('adds up a mixed ledger with non-round rates', () => {
    const now = at('2026-12-10T00:00:00Z');
    const rounds = [
      // on time, done on time, 满意, solved
      round({ respondedAt: at('2026-11-23T08:00:00Z'), completedOn: '2026-11-26', rating: 'satisfied', resolved: true }),
      // answered late, done late, 基本满意, not solved
      round({ respondedAt: at('2026-11-25T01:00:00Z'), completedOn: '2026-12-01', rating: 'basicallySatisfied', resolved: false }),
      // on time, done on time, 不满意, solved
      round({ respondedAt: at('2026-11-24T02:00:00Z'), completedOn: '2026-11-30', rating: 'dissatisfied', resolved: true }),
      // never answered nor done, both deadlines long past: late on both counts, unrated, unassessed
      round(),
    ];
    const m = requestMetrics(rounds, now);
    expect(m.rounds).toBe(4);
    // Response: rounds 1 and 3 on time of 4 due → 2/4 = 50 %.
    expect(m.onTimeResponse).toEqual({ count: 2, of: 4, rate: 50 });
    // Completion: same → 2/4 = 50 %.
    expect(m.onTimeCompletion).toEqual({ count: 2, of: 4, rate: 50 });
    // Satisfaction: 满意 + 基本满意 of 3 rated → 2/3 = 66.67 %.
    expect(m.satisfaction.count).toBe(2);
    expect(m.satisfaction.of).toBe(3);
    expect(m.satisfaction.rate).toBeCloseTo(66.667, 3);
    // Solved: rounds 1 and 3 of 3 completed with a flag → 2/3.
    expect(m.resolved).toMatchObject({ count: 2, of: 3 });
    expect(m.resolved.rate).toBeCloseTo(200 / 3, 10);
  });
});
