import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  checkpointDue,
  computeLight,
  DEFAULT_NOTICE_WORKING_DAYS,
  defaultCheckpointTemplate,
  defaultLightRule,
  extensionIsLate,
  isOpen,
  type ItemRole,
  type LedgerAction,
  ledgerActions,
  type LedgerStatus,
  ledgerStatuses,
  type LightInput,
  type LightReason,
  lightReasonText,
  noticeEnds,
  periodOf,
  rollUpProgress,
  transitions,
} from './ledger.ts';
import type { CalendarExceptions } from './working-days.ts';

const noExceptions: CalendarExceptions = { holidays: new Set(), workdays: new Set() };

// The 2026 National Day holiday as the brief states it: 1–8 October off, Sunday 27 September and Saturday 10 October worked.
const nationalDay2026: CalendarExceptions = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08']),
  workdays: new Set(['2026-09-27', '2026-10-10']),
};

// ---- status machine -------------------------------------------------------------------------------------------

describe('status machine', () => {
  const roles: ItemRole[] = ['supervisor', 'lead', 'co', 'leader'];

  // What each single role may do in each status; everything not listed is refused.
  const expected: Record<ItemRole, Record<LedgerStatus, LedgerAction[]>> = {
    lead: {
      assigned: ['accept'],
      accepted: ['start', 'reportCompletion'],
      inProgress: ['reportCompletion'],
      reported: [],
      verifying: [],
      signoff: [],
      notice: [],
      closed: [],
      ongoing: [],
    },
    supervisor: {
      assigned: [],
      accepted: [],
      inProgress: [],
      reported: ['beginVerification', 'sendBack'],
      verifying: ['verify', 'sendBack'],
      signoff: ['signOff', 'sendBack'],
      notice: ['object', 'close', 'closeOngoing'],
      closed: ['reopen'],
      ongoing: ['reopen'],
    },
    co: {
      assigned: [],
      accepted: [],
      inProgress: [],
      reported: [],
      verifying: [],
      signoff: [],
      notice: [],
      closed: [],
      ongoing: [],
    },
    leader: {
      assigned: [],
      accepted: [],
      inProgress: [],
      reported: [],
      verifying: [],
      signoff: ['signOff'],
      notice: [],
      closed: [],
      ongoing: [],
    },
  };

  for (const role of roles) {
    for (const status of ledgerStatuses) {
      it(`${role} in ${status} may do exactly [${expected[role][status].join(', ')}]`, () => {
        expect(allowedActions(status, new Set([role]))).toEqual(expected[role][status]);
      });
    }
  }

  it('a user with no role on the item may do nothing in any status', () => {
    for (const status of ledgerStatuses) expect(allowedActions(status, new Set())).toEqual([]);
  });

  it('a co-unit can never close, send back, reopen or do anything else', () => {
    for (const status of ledgerStatuses) expect(allowedActions(status, new Set<ItemRole>(['co']))).toEqual([]);
    for (const a of ledgerActions) expect(transitions[a].roles).not.toContain('co');
  });

  it('roles combine as the union of what each may do, in the canonical action order', () => {
    expect(allowedActions('accepted', new Set<ItemRole>(['supervisor', 'lead']))).toEqual(['start', 'reportCompletion']);
    expect(allowedActions('reported', new Set<ItemRole>(['lead', 'supervisor']))).toEqual(['beginVerification', 'sendBack']);
    expect(allowedActions('signoff', new Set<ItemRole>(['leader', 'supervisor']))).toEqual(['signOff', 'sendBack']);
    expect(allowedActions('signoff', new Set<ItemRole>(['leader', 'lead', 'co']))).toEqual(['signOff']);
    expect(allowedActions('notice', new Set<ItemRole>(['lead', 'co', 'leader']))).toEqual([]);
  });

  it('only the supervisor closes, sends back, reopens and objects', () => {
    for (const a of ['close', 'closeOngoing', 'sendBack', 'reopen', 'object', 'beginVerification', 'verify'] as const) {
      expect(transitions[a].roles).toEqual(['supervisor']);
    }
    expect(transitions.signOff.roles).toEqual(['supervisor', 'leader']);
    for (const a of ['accept', 'start', 'reportCompletion'] as const) expect(transitions[a].roles).toEqual(['lead']);
  });

  it('sendBack only from the review steps, reopen only from closed states', () => {
    expect(transitions.sendBack.from).toEqual(['reported', 'verifying', 'signoff']);
    expect(transitions.reopen.from).toEqual(['closed', 'ongoing']);
    for (const status of ['assigned', 'accepted', 'inProgress', 'notice', 'closed', 'ongoing'] as const) {
      expect(allowedActions(status, new Set<ItemRole>(['supervisor']))).not.toContain('sendBack');
    }
    for (const status of ['assigned', 'accepted', 'inProgress', 'reported', 'verifying', 'signoff', 'notice'] as const) {
      expect(allowedActions(status, new Set<ItemRole>(['supervisor']))).not.toContain('reopen');
    }
  });

  it('close and closeOngoing only from the public notice', () => {
    expect(transitions.close.from).toEqual(['notice']);
    expect(transitions.closeOngoing.from).toEqual(['notice']);
    for (const status of ledgerStatuses) {
      const acts = allowedActions(status, new Set<ItemRole>(['supervisor', 'lead', 'co', 'leader']));
      expect(acts.includes('close')).toBe(status === 'notice');
    }
  });

  it('every action leads where DOMAIN §3 says', () => {
    const to: Record<LedgerAction, LedgerStatus | undefined> = {
      accept: 'accepted',
      start: 'inProgress',
      reportCompletion: 'reported',
      beginVerification: 'verifying',
      verify: 'signoff',
      signOff: undefined,
      object: 'inProgress',
      close: 'closed',
      closeOngoing: 'ongoing',
      sendBack: 'inProgress',
      reopen: 'inProgress',
    };
    for (const a of ledgerActions) expect(transitions[a].to).toBe(to[a]);
  });

  it('sendBack, reopen and object require a reason; nothing else does', () => {
    const withReason = ledgerActions.filter((a) => transitions[a].reason === true);
    expect(withReason).toEqual(['object', 'sendBack', 'reopen']);
  });

  it('isOpen: everything up to the notice is open, closed and ongoing are not', () => {
    expect(ledgerStatuses.filter((s) => isOpen(s))).toEqual(['assigned', 'accepted', 'inProgress', 'reported', 'verifying', 'signoff', 'notice']);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('ongoing')).toBe(false);
  });
});

// ---- checkpoints ---------------------------------------------------------------------------------------------

describe('checkpoints', () => {
  it('the default template is D+1 plan, D+7 action, D+30 effect in calendar days', () => {
    expect(defaultCheckpointTemplate.code).toBe('dayWeekMonth');
    expect(defaultCheckpointTemplate.name).toBe('一天有部署、一周有行动、一月有效果');
    expect(defaultCheckpointTemplate.nodes.map((n) => [n.code, n.offset, n.dayKind, n.requirement, n.deliverable])).toEqual([
      ['plan', 1, 'calendar', 'decomposition', '一天部署'],
      ['action', 7, 'calendar', 'progress', '一周行动'],
      ['effect', 30, 'calendar', 'effect', '一月效果'],
    ]);
  });

  it('calendar-day checkpoints ignore weekends and holidays', () => {
    const due = defaultCheckpointTemplate.nodes.map((n) => checkpointDue('2026-09-28', n, nationalDay2026));
    expect(due).toEqual(['2026-09-29', '2026-10-05', '2026-10-28']);
    expect(checkpointDue('2026-09-30', { offset: 1, dayKind: 'calendar' }, nationalDay2026)).toBe('2026-10-01');
    expect(checkpointDue('2026-12-25', { offset: 7, dayKind: 'calendar' }, noExceptions)).toBe('2027-01-01');
  });

  it('working-day checkpoints skip the 2026 National Day holiday and count the make-up days', () => {
    // Wednesday 30 September: 1–8 October off, Friday 9 October is the first working day, Saturday 10 October is worked.
    expect(checkpointDue('2026-09-30', { offset: 1, dayKind: 'working' }, nationalDay2026)).toBe('2026-10-09');
    expect(checkpointDue('2026-09-30', { offset: 2, dayKind: 'working' }, nationalDay2026)).toBe('2026-10-10');
    expect(checkpointDue('2026-09-30', { offset: 3, dayKind: 'working' }, nationalDay2026)).toBe('2026-10-12');
    // Monday 28 September + 7 working days: 29, 30 Sep, 9, 10, 12, 13, 14 Oct.
    expect(checkpointDue('2026-09-28', { offset: 7, dayKind: 'working' }, nationalDay2026)).toBe('2026-10-14');
    // The same in calendar days, and in working days without the holiday calendar.
    expect(checkpointDue('2026-09-28', { offset: 7, dayKind: 'calendar' }, nationalDay2026)).toBe('2026-10-05');
    expect(checkpointDue('2026-09-28', { offset: 7, dayKind: 'working' }, noExceptions)).toBe('2026-10-07');
  });

  it('a working-day checkpoint assigned on a day off counts from the next working day (the make-up Sunday)', () => {
    // Saturday 26 September: Sunday 27 September is a make-up working day, so it is day 0.
    expect(checkpointDue('2026-09-26', { offset: 0, dayKind: 'working' }, nationalDay2026)).toBe('2026-09-27');
    expect(checkpointDue('2026-09-26', { offset: 1, dayKind: 'working' }, nationalDay2026)).toBe('2026-09-28');
    // Assigned on a holiday: day 0 is Friday 9 October.
    expect(checkpointDue('2026-10-03', { offset: 1, dayKind: 'working' }, nationalDay2026)).toBe('2026-10-10');
  });
});

// ---- reporting periods ---------------------------------------------------------------------------------------

describe('periodOf', () => {
  it('week: Monday to Sunday', () => {
    expect(periodOf('2026-03-02', 'week')).toEqual({ start: '2026-03-02', end: '2026-03-08' }); // Monday
    expect(periodOf('2026-03-04', 'week')).toEqual({ start: '2026-03-02', end: '2026-03-08' }); // Wednesday
    expect(periodOf('2026-03-08', 'week')).toEqual({ start: '2026-03-02', end: '2026-03-08' }); // Sunday
    expect(periodOf('2026-03-09', 'week')).toEqual({ start: '2026-03-09', end: '2026-03-15' }); // next Monday
  });

  it('week across a year end and a month end', () => {
    expect(periodOf('2026-12-31', 'week')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(periodOf('2027-01-01', 'week')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(periodOf('2027-01-03', 'week')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(periodOf('2027-01-04', 'week')).toEqual({ start: '2027-01-04', end: '2027-01-10' });
    expect(periodOf('2028-03-01', 'week')).toEqual({ start: '2028-02-28', end: '2028-03-05' }); // over 29 February
  });

  it('tenDays: 1–10, 11–20, 21–end of month', () => {
    expect(periodOf('2026-01-01', 'tenDays')).toEqual({ start: '2026-01-01', end: '2026-01-10' });
    expect(periodOf('2026-01-10', 'tenDays')).toEqual({ start: '2026-01-01', end: '2026-01-10' });
    expect(periodOf('2026-01-11', 'tenDays')).toEqual({ start: '2026-01-11', end: '2026-01-20' });
    expect(periodOf('2026-01-20', 'tenDays')).toEqual({ start: '2026-01-11', end: '2026-01-20' });
    expect(periodOf('2026-01-21', 'tenDays')).toEqual({ start: '2026-01-21', end: '2026-01-31' });
    expect(periodOf('2026-01-31', 'tenDays')).toEqual({ start: '2026-01-21', end: '2026-01-31' });
    expect(periodOf('2026-04-25', 'tenDays')).toEqual({ start: '2026-04-21', end: '2026-04-30' });
    expect(periodOf('2027-02-25', 'tenDays')).toEqual({ start: '2027-02-21', end: '2027-02-28' });
    expect(periodOf('2028-02-21', 'tenDays')).toEqual({ start: '2028-02-21', end: '2028-02-29' }); // leap year
    expect(periodOf('2028-02-29', 'tenDays')).toEqual({ start: '2028-02-21', end: '2028-02-29' });
  });

  it('month', () => {
    expect(periodOf('2026-01-01', 'month')).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    expect(periodOf('2026-02-14', 'month')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf('2028-02-15', 'month')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodOf('2026-04-30', 'month')).toEqual({ start: '2026-04-01', end: '2026-04-30' });
    expect(periodOf('2026-12-31', 'month')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
  });

  it('quarter', () => {
    expect(periodOf('2026-01-01', 'quarter')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodOf('2026-03-31', 'quarter')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodOf('2026-04-01', 'quarter')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf('2026-08-15', 'quarter')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodOf('2026-11-11', 'quarter')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('2026-12-31', 'quarter')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
  });
});

// ---- the light -----------------------------------------------------------------------------------------------

/** Default template checkpoints for an item assigned on `assignedOn`; `met` lists the codes already met. */
function checkpoints(assignedOn: string, met: readonly string[] = []): LightInput['checkpoints'] {
  return defaultCheckpointTemplate.nodes.map((n) => ({
    code: n.code,
    deliverable: n.deliverable,
    deliverableEn: n.deliverableEn,
    dueOn: checkpointDue(assignedOn, n, noExceptions),
    met: met.includes(n.code),
  }));
}

/** An item assigned Monday 2 March 2026, due Tuesday 30 June, reporting monthly, all checkpoints met, progress recent. */
function item(over: Partial<LightInput> = {}): LightInput {
  return {
    status: 'inProgress',
    deadline: '2026-06-30',
    assignedOn: '2026-03-02',
    frequency: 'month',
    checkpoints: checkpoints('2026-03-02', ['plan', 'action', 'effect']),
    lastProgressOn: '2026-06-29',
    subItems: [],
    ...over,
  };
}

const onTrack = { light: 'green', reasons: [{ code: 'onTrack' }] };

describe('computeLight: the deadline', () => {
  it('green on track well before the deadline', () => {
    expect(computeLight(item({ lastProgressOn: '2026-04-10' }), '2026-04-15')).toEqual(onTrack);
    expect(computeLight(item(), '2026-06-26')).toEqual(onTrack); // 4 days before
  });

  it('yellow 3 days before the deadline ("截止前3天"), 2 and 1 days', () => {
    const r = computeLight(item(), '2026-06-27');
    expect(r).toEqual({ light: 'yellow', reasons: [{ code: 'dueSoon', days: 3 }] });
    expect(lightReasonText(r.reasons[0]!)).toBe('截止前3天');
    expect(computeLight(item(), '2026-06-28')).toEqual({ light: 'yellow', reasons: [{ code: 'dueSoon', days: 2 }] });
    expect(computeLight(item(), '2026-06-29')).toEqual({ light: 'yellow', reasons: [{ code: 'dueSoon', days: 1 }] });
  });

  it('yellow "今日到期" on the deadline itself', () => {
    const r = computeLight(item(), '2026-06-30');
    expect(r).toEqual({ light: 'yellow', reasons: [{ code: 'dueSoon', days: 0 }] });
    expect(lightReasonText(r.reasons[0]!)).toBe('今日到期');
  });

  it('red the day after the deadline ("逾期1天"), and "逾期5天" five days after', () => {
    const d1 = computeLight(item(), '2026-07-01');
    expect(d1).toEqual({ light: 'red', reasons: [{ code: 'overdue', days: 1 }] });
    expect(lightReasonText(d1.reasons[0]!)).toBe('逾期1天');
    const d5 = computeLight(item(), '2026-07-05');
    expect(d5).toEqual({ light: 'red', reasons: [{ code: 'overdue', days: 5 }] });
    expect(lightReasonText(d5.reasons[0]!)).toBe('逾期5天');
  });

  it('counts overdue days across a month end and a year end', () => {
    const r = computeLight(item({ deadline: '2026-12-30', frequency: 'quarter', lastProgressOn: '2026-12-30' }), '2027-01-02');
    expect(r).toEqual({ light: 'red', reasons: [{ code: 'overdue', days: 3 }] });
  });

  it('a custom yellowDays widens or narrows the warning', () => {
    const week = { yellowDays: 7 };
    expect(computeLight(item(), '2026-06-23', week)).toEqual({ light: 'yellow', reasons: [{ code: 'dueSoon', days: 7 }] });
    expect(computeLight(item(), '2026-06-22', week)).toEqual(onTrack);
    const none = { yellowDays: 0 };
    expect(computeLight(item(), '2026-06-29', none)).toEqual(onTrack);
    expect(computeLight(item(), '2026-06-30', none)).toEqual({ light: 'yellow', reasons: [{ code: 'dueSoon', days: 0 }] });
    expect(computeLight(item(), '2026-07-01', none)).toEqual({ light: 'red', reasons: [{ code: 'overdue', days: 1 }] });
  });

  it('the default rule is 3 days', () => {
    expect(defaultLightRule).toEqual({ yellowDays: 3 });
    expect(computeLight(item(), '2026-06-27', defaultLightRule)).toEqual(computeLight(item(), '2026-06-27'));
  });

  it('assigned and accepted items are judged like items in progress', () => {
    expect(computeLight(item({ status: 'assigned' }), '2026-07-02')).toEqual({ light: 'red', reasons: [{ code: 'overdue', days: 2 }] });
    expect(computeLight(item({ status: 'accepted' }), '2026-06-28')).toEqual({ light: 'yellow', reasons: [{ code: 'dueSoon', days: 2 }] });
  });
});

describe('computeLight: checkpoints', () => {
  // Monthly reporting and an assignment on 2 March keep the report check out of these cases (February predates it).
  const fresh = (met: string[]) => item({ checkpoints: checkpoints('2026-03-02', met), lastProgressOn: null });

  it('the D+7 checkpoint is not late on its due day', () => {
    expect(computeLight(fresh(['plan']), '2026-03-09')).toEqual(onTrack);
  });

  it('yellow on D+8 when the D+7 checkpoint is unmet ("未按期提交一周行动"), green again once met', () => {
    const r = computeLight(fresh(['plan']), '2026-03-10');
    expect(r).toEqual({
      light: 'yellow',
      reasons: [{ code: 'checkpointLate', checkpoint: 'action', deliverable: '一周行动', deliverableEn: 'first-week action', days: 1 }],
    });
    expect(lightReasonText(r.reasons[0]!)).toBe('未按期提交一周行动');
    expect(computeLight(fresh(['plan', 'action']), '2026-03-10')).toEqual(onTrack);
  });

  it('every late checkpoint is listed, in template order, with its days late', () => {
    const r = computeLight(fresh([]), '2026-04-02');
    expect(r).toEqual({
      light: 'yellow',
      reasons: [
        { code: 'checkpointLate', checkpoint: 'plan', deliverable: '一天部署', deliverableEn: 'day-one plan', days: 30 },
        { code: 'checkpointLate', checkpoint: 'action', deliverable: '一周行动', deliverableEn: 'first-week action', days: 24 },
        { code: 'checkpointLate', checkpoint: 'effect', deliverable: '一月效果', deliverableEn: 'one-month effect', days: 1 },
      ],
    });
    expect(r.reasons.map((x) => lightReasonText(x))).toEqual(['未按期提交一天部署', '未按期提交一周行动', '未按期提交一月效果']);
  });
});

describe('computeLight: reporting', () => {
  // Assigned Wednesday 4 March 2026, reporting weekly; no checkpoints, a far deadline.
  const weekly = (over: Partial<LightInput> = {}) =>
    item({ assignedOn: '2026-03-04', frequency: 'week', checkpoints: [], lastProgressOn: null, deadline: '2026-12-31', ...over });

  it('no report is required for the first, partial week', () => {
    // On Monday 9 March the last finished week is 2–8 March, which began before the assignment.
    expect(computeLight(weekly(), '2026-03-09')).toEqual(onTrack);
    expect(computeLight(weekly(), '2026-03-15')).toEqual(onTrack);
  });

  it('reportMissing for the last full week after assignment with no progress', () => {
    const r = computeLight(weekly(), '2026-03-16');
    expect(r).toEqual({ light: 'yellow', reasons: [{ code: 'reportMissing', periodStart: '2026-03-09', periodEnd: '2026-03-15' }] });
    expect(lightReasonText(r.reasons[0]!)).toBe('2026-03-09至2026-03-15未报送进展');
    expect(computeLight(weekly(), '2026-03-22')).toEqual(r); // still the week of 9–15 March until Sunday
  });

  it('progress before the last week does not count; progress in it does', () => {
    expect(computeLight(weekly({ lastProgressOn: '2026-03-08' }), '2026-03-16').light).toBe('yellow');
    expect(computeLight(weekly({ lastProgressOn: '2026-03-09' }), '2026-03-16')).toEqual(onTrack);
    expect(computeLight(weekly({ lastProgressOn: '2026-03-15' }), '2026-03-16')).toEqual(onTrack);
    // The following week asks for the week of 16–22 March.
    expect(computeLight(weekly({ lastProgressOn: '2026-03-15' }), '2026-03-23')).toEqual({
      light: 'yellow',
      reasons: [{ code: 'reportMissing', periodStart: '2026-03-16', periodEnd: '2026-03-22' }],
    });
  });

  it('a week starting on the day of assignment is a full week', () => {
    expect(computeLight(weekly({ assignedOn: '2026-03-02' }), '2026-03-09')).toEqual({
      light: 'yellow',
      reasons: [{ code: 'reportMissing', periodStart: '2026-03-02', periodEnd: '2026-03-08' }],
    });
  });

  it('ten-day, monthly and quarterly periods', () => {
    const tenDays = weekly({ frequency: 'tenDays', assignedOn: '2026-03-11' });
    expect(computeLight(tenDays, '2026-03-25')).toEqual({
      light: 'yellow',
      reasons: [{ code: 'reportMissing', periodStart: '2026-03-11', periodEnd: '2026-03-20' }],
    });
    expect(computeLight(tenDays, '2026-03-20')).toEqual(onTrack);
    // On 1 April the last ten days are 21–31 March.
    expect(computeLight({ ...tenDays, lastProgressOn: '2026-03-20' }, '2026-04-01')).toEqual({
      light: 'yellow',
      reasons: [{ code: 'reportMissing', periodStart: '2026-03-21', periodEnd: '2026-03-31' }],
    });
    const monthly = weekly({ frequency: 'month', assignedOn: '2026-03-01' });
    expect(computeLight(monthly, '2026-04-01')).toEqual({
      light: 'yellow',
      reasons: [{ code: 'reportMissing', periodStart: '2026-03-01', periodEnd: '2026-03-31' }],
    });
    expect(computeLight(weekly({ frequency: 'month', assignedOn: '2026-03-02' }), '2026-04-30')).toEqual(onTrack);
    const quarterly = weekly({ frequency: 'quarter', assignedOn: '2026-01-05' });
    expect(computeLight(quarterly, '2026-07-01')).toEqual({
      light: 'yellow',
      reasons: [{ code: 'reportMissing', periodStart: '2026-04-01', periodEnd: '2026-06-30' }],
    });
    expect(computeLight(quarterly, '2026-06-30')).toEqual(onTrack);
  });
});

describe('computeLight: sub-items and the order of reasons', () => {
  it('an open sub-item past its deadline makes the parent red', () => {
    const r = computeLight(item({ subItems: [{ title: '一期土建', deadline: '2026-05-31', open: true }] }), '2026-06-02');
    expect(r).toEqual({ light: 'red', reasons: [{ code: 'subItemOverdue', title: '一期土建', days: 2 }] });
    expect(lightReasonText(r.reasons[0]!)).toBe('子项“一期土建”逾期2天');
  });

  it('a sub-item due today or closed does not', () => {
    expect(computeLight(item({ subItems: [{ title: '一期土建', deadline: '2026-06-02', open: true }] }), '2026-06-02')).toEqual(onTrack);
    expect(computeLight(item({ subItems: [{ title: '一期土建', deadline: '2026-05-31', open: false }] }), '2026-06-02')).toEqual(onTrack);
  });

  it('the deadline reason comes first when red and yellow reasons coexist', () => {
    const r = computeLight(
      item({
        checkpoints: checkpoints('2026-03-02', ['plan', 'effect']),
        subItems: [
          { title: '拆迁', deadline: '2026-06-20', open: true },
          { title: '验收', deadline: '2026-06-25', open: false },
        ],
      }),
      '2026-07-03',
    );
    expect(r).toEqual({
      light: 'red',
      reasons: [
        { code: 'overdue', days: 3 },
        { code: 'subItemOverdue', title: '拆迁', days: 13 },
        { code: 'checkpointLate', checkpoint: 'action', deliverable: '一周行动', deliverableEn: 'first-week action', days: 116 },
      ],
    });
  });

  it('a red sub-item comes before a yellow deadline', () => {
    const r = computeLight(item({ subItems: [{ title: '拆迁', deadline: '2026-06-20', open: true }] }), '2026-06-28');
    expect(r).toEqual({
      light: 'red',
      reasons: [
        { code: 'subItemOverdue', title: '拆迁', days: 8 },
        { code: 'dueSoon', days: 2 },
      ],
    });
  });

  it('yellow reasons: the deadline, then checkpoints, then the missing report', () => {
    const r = computeLight(item({ frequency: 'week', checkpoints: checkpoints('2026-03-02', ['plan', 'action']), lastProgressOn: '2026-06-07' }), '2026-06-29');
    expect(r).toEqual({
      light: 'yellow',
      reasons: [
        { code: 'dueSoon', days: 1 },
        { code: 'checkpointLate', checkpoint: 'effect', deliverable: '一月效果', deliverableEn: 'one-month effect', days: 89 },
        { code: 'reportMissing', periodStart: '2026-06-22', periodEnd: '2026-06-28' },
      ],
    });
  });
});

describe('computeLight: review, notice and closed', () => {
  // Overdue, with an overdue sub-item, a late checkpoint and a missing weekly report.
  const troubled = (status: LedgerStatus) =>
    item({
      status,
      frequency: 'week',
      lastProgressOn: null,
      checkpoints: checkpoints('2026-03-02', []),
      subItems: [{ title: '拆迁', deadline: '2026-06-20', open: true }],
    });

  it('is red with everything while in progress', () => {
    expect(computeLight(troubled('inProgress'), '2026-07-05').reasons.map((r) => r.code)).toEqual([
      'overdue',
      'subItemOverdue',
      'checkpointLate',
      'checkpointLate',
      'checkpointLate',
      'reportMissing',
    ]);
  });

  for (const status of ['reported', 'verifying', 'signoff'] as const) {
    it(`${status}: under review the item is judged only on its deadline as of the report`, () => {
      const underReview = { light: 'green', reasons: [{ code: 'underReview' }] };
      expect(computeLight({ ...troubled(status), reportedOn: '2026-06-28' }, '2026-07-05')).toEqual(underReview);
      expect(computeLight({ ...item({ status }), reportedOn: '2026-06-28' }, '2026-06-29')).toEqual(underReview); // no "截止前1天" either
      expect(computeLight({ ...troubled(status), reportedOn: '2026-07-03' }, '2026-07-20')).toEqual({
        light: 'red',
        reasons: [{ code: 'reportedLate', days: 3 }],
      });
      expect(lightReasonText({ code: 'reportedLate', days: 3 })).toBe('逾期3天报结');
    });
  }

  for (const status of ['notice', 'closed', 'ongoing'] as const) {
    it(`${status}: no light`, () => {
      expect(computeLight(troubled(status), '2026-07-05')).toEqual({ light: 'none', reasons: [{ code: 'closed' }] });
      expect(computeLight(item({ status }), '2026-04-15')).toEqual({ light: 'none', reasons: [{ code: 'closed' }] });
    });
  }
});

// ---- reason texts --------------------------------------------------------------------------------------------

describe('lightReasonText', () => {
  const cases: [LightReason, string, string][] = [
    [{ code: 'onTrack' }, '按计划推进', 'on schedule'],
    [{ code: 'closed' }, '已办结', 'done'],
    [{ code: 'overdue', days: 5 }, '逾期5天', '5 days overdue'],
    [{ code: 'overdue', days: 1 }, '逾期1天', '1 day overdue'],
    [{ code: 'dueSoon', days: 1 }, '截止前1天', 'due in 1 day'],
    [{ code: 'underReview' }, '审核中', 'under review'],
    [{ code: 'dueSoon', days: 3 }, '截止前3天', 'due in 3 days'],
    [{ code: 'dueSoon', days: 0 }, '今日到期', 'due today'],
    [
      { code: 'checkpointLate', checkpoint: 'action', deliverable: '一周行动', deliverableEn: 'first-week action', days: 1 },
      '未按期提交一周行动',
      'first-week action not delivered on time',
    ],
    [
      { code: 'reportMissing', periodStart: '2026-03-09', periodEnd: '2026-03-15' },
      '2026-03-09至2026-03-15未报送进展',
      'no progress reported for 2026-03-09 – 2026-03-15',
    ],
    [{ code: 'subItemOverdue', title: '一期土建', days: 2 }, '子项“一期土建”逾期2天', 'sub-item "一期土建" 2 days overdue'],
  ];

  for (const [reason, zh, en] of cases) {
    it(`${reason.code}: "${zh}" / "${en}"`, () => {
      expect(lightReasonText(reason)).toBe(zh);
      expect(lightReasonText(reason, 'zh')).toBe(zh);
      expect(lightReasonText(reason, 'en')).toBe(en);
    });
  }

  it('the one-day texts in Chinese', () => {
    expect(lightReasonText({ code: 'overdue', days: 1 })).toBe('逾期1天');
    expect(lightReasonText({ code: 'dueSoon', days: 1 })).toBe('截止前1天');
  });
});

// ---- notice, extension, roll-up ------------------------------------------------------------------------------

describe('noticeEnds', () => {
  it('defaults to 5 working days', () => {
    expect(DEFAULT_NOTICE_WORKING_DAYS).toBe(5);
  });

  it('5 working days from a Thursday cross the weekend to the next Thursday', () => {
    expect(noticeEnds('2026-06-04', DEFAULT_NOTICE_WORKING_DAYS, noExceptions)).toBe('2026-06-11');
    expect(noticeEnds('2026-06-05', DEFAULT_NOTICE_WORKING_DAYS, noExceptions)).toBe('2026-06-12'); // Friday
  });

  it('a notice starting on a Saturday counts from Monday', () => {
    expect(noticeEnds('2026-06-06', DEFAULT_NOTICE_WORKING_DAYS, noExceptions)).toBe('2026-06-15');
  });

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // 30 Sep + 5: 9, 10, 12, 13, 14 October.
    expect(noticeEnds('2026-09-30', DEFAULT_NOTICE_WORKING_DAYS, nationalDay2026)).toBe('2026-10-14');
    expect(noticeEnds('2026-09-30', DEFAULT_NOTICE_WORKING_DAYS, noExceptions)).toBe('2026-10-07');
    expect(noticeEnds('2026-09-30', 3, nationalDay2026)).toBe('2026-10-12');
  });
});

describe('extensionIsLate', () => {
  it('is late only when filed after the deadline', () => {
    expect(extensionIsLate('2026-06-30', '2026-06-29')).toBe(false);
    expect(extensionIsLate('2026-06-30', '2026-06-30')).toBe(false);
    expect(extensionIsLate('2026-06-30', '2026-07-01')).toBe(true);
    expect(extensionIsLate('2026-12-31', '2027-01-01')).toBe(true);
  });
});

describe('rollUpProgress', () => {
  it('no children: null', () => {
    expect(rollUpProgress([])).toBeNull();
  });

  it('weighted mean', () => {
    expect(
      rollUpProgress([
        { progress: 80, weight: 3 },
        { progress: 40, weight: 1 },
      ]),
    ).toBe(70);
    expect(
      rollUpProgress([
        { progress: 100, weight: 0.2 },
        { progress: 0, weight: 0.8 },
      ]),
    ).toBe(20);
  });

  it('unweighted: weights default to 1, rounded to an integer', () => {
    expect(
      rollUpProgress([
        { progress: 50, weight: null },
        { progress: 25, weight: null },
        { progress: 100, weight: null },
      ]),
    ).toBe(58);
    expect(
      rollUpProgress([
        { progress: 50, weight: null },
        { progress: 51, weight: null },
      ]),
    ).toBe(51);
    expect(rollUpProgress([{ progress: 37, weight: null }])).toBe(37);
  });

  it('mixes default and explicit weights', () => {
    expect(
      rollUpProgress([
        { progress: 100, weight: null },
        { progress: 0, weight: 3 },
      ]),
    ).toBe(25);
  });

  it('a zero weight leaves a child out; all zero weights count each child the same', () => {
    expect(
      rollUpProgress([
        { progress: 100, weight: 0 },
        { progress: 40, weight: 2 },
      ]),
    ).toBe(40);
    expect(
      rollUpProgress([
        { progress: 80, weight: 0 },
        { progress: 20, weight: 0 },
      ]),
    ).toBe(50);
  });
});
