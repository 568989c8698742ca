// Enterprise service (企业服务, DOMAIN §9): request categories and kinds, the promised deadlines (consultation answered
// at once, urgent within 2 hours, ordinary done within 5 working days; configurable), the ratings, and the four
// metrics (on-time response, on-time completion, satisfaction, resolved) counted per handling round, so a request
// reopened by a dissatisfied enterprise is measured in both rounds. Pure functions, shared by server and web.
import { addWorkingDays, type CalendarExceptions } from './working-days.ts';

/** What a request is about: routes it to a unit (the routing table is editable). */
export const requestCategories = ['policy', 'market', 'land', 'finance', 'talent', 'planning', 'utilities', 'other'] as const;
export type RequestCategory = (typeof requestCategories)[number];

/** How fast it must be answered: 咨询类 at once, 紧急类 within 2 hours, 一般类 done within 5 working days. */
export const requestKinds = ['consultation', 'urgent', 'ordinary'] as const;
export type RequestKind = (typeof requestKinds)[number];

/** 满意 / 基本满意 / 不满意: the scale of the enterprise's rating. */
export const requestRatings = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export type RequestRating = (typeof requestRatings)[number];
export const isSatisfied = (r: RequestRating) => r !== 'dissatisfied';

export interface DeadlineRule {
  /** The answer (first response): 'sameDay' = by the end of the day it was filed (Asia/Shanghai); or within hours. */
  response: { kind: 'sameDay' } | { kind: 'hours'; hours: number } | { kind: 'workingDays'; days: number };
  /** Done (办结) within this many working days of filing. */
  completionWorkingDays: number;
}

export const defaultDeadlineRules: Record<RequestKind, DeadlineRule> = {
  consultation: { response: { kind: 'sameDay' }, completionWorkingDays: 1 },
  urgent: { response: { kind: 'hours', hours: 2 }, completionWorkingDays: 3 },
  ordinary: { response: { kind: 'workingDays', days: 1 }, completionWorkingDays: 5 },
};

const HOUR = 3_600_000;
/** China keeps one time zone without daylight saving: UTC+8. */
const OFFSET = 8 * HOUR;

/** The calendar day in Asia/Shanghai of an instant. */
export const shanghaiDay = (at: Date) => new Date(at.getTime() + OFFSET).toISOString().slice(0, 10);
/** The instant a Shanghai calendar day ends (the next midnight there). */
export const endOfShanghaiDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR - OFFSET);

/**
 * When a request filed at `filedAt` must be answered and done. A day-based deadline ends with its day in Shanghai;
 * working days skip weekends and public holidays and count make-up working days (调休).
 */
export function requestDeadlines(filedAt: Date, rule: DeadlineRule, cal: CalendarExceptions): { responseDueAt: Date; completionDueOn: string } {
  const day = shanghaiDay(filedAt);
  const r = rule.response;
  const responseDueAt =
    r.kind === 'hours'
      ? new Date(filedAt.getTime() + r.hours * HOUR)
      : r.kind === 'sameDay'
        ? endOfShanghaiDay(day)
        : endOfShanghaiDay(addWorkingDays(day, r.days, cal));
  return { responseDueAt, completionDueOn: addWorkingDays(day, rule.completionWorkingDays, cal) };
}

/** One handling round of a request: from filing (or reopening) to the answer, the completion and the rating. */
export interface HandlingRound {
  responseDueAt: Date;
  respondedAt: Date | null;
  completionDueOn: string;
  /** The day it was reported done (办结), Asia/Shanghai. */
  completedOn: string | null;
  rating: RequestRating | null;
  /** 解决: the problem itself was solved (not only answered). */
  resolved: boolean | null;
}

export interface RequestMetrics {
  rounds: number;
  /** Rounds answered by their response deadline / rounds whose response is due (or answered). */
  onTimeResponse: { count: number; of: number; rate: number | null };
  onTimeCompletion: { count: number; of: number; rate: number | null };
  /** Rated 满意 or 基本满意 / rated. */
  satisfaction: { count: number; of: number; rate: number | null };
  /** Marked resolved / completed rounds with a resolved flag. */
  resolved: { count: number; of: number; rate: number | null };
}

/** A count out of a total, with the rate in percent (null when nothing is counted). */
export const metricRate = (count: number, of: number) => ({ count, of, rate: of ? (count / of) * 100 : null });

/**
 * The four metrics over handling rounds, as of `now`. A round counts for a deadline once it was met or the deadline
 * passed (a round still within its time is not yet counted either way).
 */
export function requestMetrics(rounds: readonly HandlingRound[], now: Date): RequestMetrics {
  const today = shanghaiDay(now);
  let responseOf = 0;
  let responseOk = 0;
  let completionOf = 0;
  let completionOk = 0;
  let rated = 0;
  let satisfied = 0;
  let resolvedOf = 0;
  let resolvedOk = 0;
  for (const r of rounds) {
    if (r.respondedAt) {
      responseOf++;
      if (r.respondedAt.getTime() <= r.responseDueAt.getTime()) responseOk++;
    } else if (now.getTime() > r.responseDueAt.getTime()) responseOf++;
    if (r.completedOn) {
      completionOf++;
      if (r.completedOn <= r.completionDueOn) completionOk++;
    } else if (today > r.completionDueOn) completionOf++;
    if (r.rating) {
      rated++;
      if (isSatisfied(r.rating)) satisfied++;
    }
    if (r.completedOn && r.resolved !== null) {
      resolvedOf++;
      if (r.resolved) resolvedOk++;
    }
  }
  return {
    rounds: rounds.length,
    onTimeResponse: metricRate(responseOk, responseOf),
    onTimeCompletion: metricRate(completionOk, completionOf),
    satisfaction: metricRate(satisfied, rated),
    resolved: metricRate(resolvedOk, resolvedOf),
  };
}
