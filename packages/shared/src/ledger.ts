// The ledger (台账, DOMAIN §3): statuses and who may move an item, checkpoint templates, and the one rule that
// computes the traffic light. Pure functions, shared by the server (which enforces and stores) and the web client
// (which explains). Dates are ISO calendar dates.
import { addCalendarDays, addWorkingDays, type CalendarExceptions } from './working-days.ts';

export const ledgerSources = [
  'meetingDecision',
  'leaderInstruction',
  'assignmentFromAbove',
  'inspectionFeedback',
  'hotline',
  'enterpriseRequest',
  'alarm',
  'projectBlocker',
] as const;
export type LedgerSource = (typeof ledgerSources)[number];

export const ledgerKinds = ['supervision', 'rectification', 'blocker', 'request', 'hazard'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export const reportingFrequencies = ['week', 'tenDays', 'month', 'quarter'] as const;
export type ReportingFrequency = (typeof reportingFrequencies)[number];

export const priorities = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/** Rectification deadline classes (DOMAIN §7): short ≤ 6 months, medium 1–2 years, long 3–5 years. */
export const deadlineClasses = ['short', 'medium', 'long'] as const;
export type DeadlineClass = (typeof deadlineClasses)[number];
export const deadlineClassMaxMonths: Record<DeadlineClass, number> = { short: 6, medium: 24, long: 60 };

export const ledgerStatuses = ['assigned', 'accepted', 'inProgress', 'reported', 'verifying', 'signoff', 'notice', 'closed', 'ongoing'] as const;
export type LedgerStatus = (typeof ledgerStatuses)[number];
export const openStatuses: readonly LedgerStatus[] = ['assigned', 'accepted', 'inProgress', 'reported', 'verifying', 'signoff', 'notice'];
export const isOpen = (s: LedgerStatus) => openStatuses.includes(s);

/**
 * The roles a user plays towards one item. supervisor: a member of the ledger's supervising unit holding the
 * supervise permission; lead: the owner or a member of the lead unit; co: a member of a co-unit; leader: the linked
 * leader; verifier: a supervisor outside the lead unit (the unit that did the work never verifies it).
 */
export type ItemRole = 'supervisor' | 'lead' | 'co' | 'leader';

export const ledgerActions = [
  'accept',
  'start',
  'reportCompletion',
  'beginVerification',
  'verify',
  'signOff',
  'object',
  'close',
  'closeOngoing',
  'sendBack',
  'reopen',
] as const;
export type LedgerAction = (typeof ledgerActions)[number];

interface TransitionDef {
  from: readonly LedgerStatus[];
  /** undefined: decided by the service (sign-off levels, notice end). */
  to: LedgerStatus | undefined;
  roles: readonly ItemRole[];
  /** A reason text is required. */
  reason?: boolean;
}

// The status machine. Only the supervising unit reviews, sends back, closes and reopens (DOMAIN §3).
export const transitions: Record<LedgerAction, TransitionDef> = {
  accept: { from: ['assigned'], to: 'accepted', roles: ['lead'] },
  start: { from: ['accepted'], to: 'inProgress', roles: ['lead'] },
  reportCompletion: { from: ['accepted', 'inProgress'], to: 'reported', roles: ['lead'] },
  beginVerification: { from: ['reported'], to: 'verifying', roles: ['supervisor'] },
  verify: { from: ['verifying'], to: 'signoff', roles: ['supervisor'] },
  signOff: { from: ['signoff'], to: undefined, roles: ['supervisor', 'leader'] },
  object: { from: ['notice'], to: 'inProgress', roles: ['supervisor'], reason: true },
  close: { from: ['notice'], to: 'closed', roles: ['supervisor'] },
  closeOngoing: { from: ['notice'], to: 'ongoing', roles: ['supervisor'] },
  sendBack: { from: ['reported', 'verifying', 'signoff'], to: 'inProgress', roles: ['supervisor'], reason: true },
  reopen: { from: ['closed', 'ongoing'], to: 'inProgress', roles: ['supervisor'], reason: true },
};

/** The actions a user with these roles may take on an item in this status. */
export function allowedActions(status: LedgerStatus, roles: ReadonlySet<ItemRole>): LedgerAction[] {
  return ledgerActions.filter((a) => transitions[a].from.includes(status) && transitions[a].roles.some((r) => roles.has(r)));
}

/** The seven timestamps of DOMAIN §3, in order. */
export const ledgerTimestamps = ['assignedAt', 'acceptedAt', 'decomposedAt', 'startedAt', 'reportedAt', 'completedAt', 'closedAt'] as const;
export type LedgerTimestamp = (typeof ledgerTimestamps)[number];

// ---- checkpoints ---------------------------------------------------------------------------------------------

/** What makes a checkpoint met: sub-items or a decomposition; a progress entry; a progress entry stating the effect. */
export const checkpointRequirements = ['decomposition', 'progress', 'effect'] as const;
export type CheckpointRequirement = (typeof checkpointRequirements)[number];

export interface CheckpointNode {
  code: string;
  name: string;
  nameEn: string;
  /** What is due, as in "未按期提交一周行动". */
  deliverable: string;
  deliverableEn: string;
  offset: number;
  dayKind: 'calendar' | 'working';
  requirement: CheckpointRequirement;
}

/** "一天有部署、一周有行动、一月有效果": D+1 plan and decomposition, D+7 first progress, D+30 statement of effect. */
export const defaultCheckpointTemplate: { code: string; name: string; nodes: CheckpointNode[] } = {
  code: 'dayWeekMonth',
  name: '一天有部署、一周有行动、一月有效果',
  nodes: [
    {
      code: 'plan',
      name: '一天有部署',
      nameEn: 'Plan within a day',
      deliverable: '一天部署',
      deliverableEn: 'day-one plan',
      offset: 1,
      dayKind: 'calendar',
      requirement: 'decomposition',
    },
    {
      code: 'action',
      name: '一周有行动',
      nameEn: 'Action within a week',
      deliverable: '一周行动',
      deliverableEn: 'first-week action',
      offset: 7,
      dayKind: 'calendar',
      requirement: 'progress',
    },
    {
      code: 'effect',
      name: '一月有效果',
      nameEn: 'Effect within a month',
      deliverable: '一月效果',
      deliverableEn: 'one-month effect',
      offset: 30,
      dayKind: 'calendar',
      requirement: 'effect',
    },
  ],
};

export function checkpointDue(assignedOn: string, node: Pick<CheckpointNode, 'offset' | 'dayKind'>, cal: CalendarExceptions): string {
  return node.dayKind === 'working' ? addWorkingDays(assignedOn, node.offset, cal) : addCalendarDays(assignedOn, node.offset);
}

// ---- reporting periods ---------------------------------------------------------------------------------------

/** The reporting period containing a date: [start, end] as ISO dates. Ten-day periods are 1–10, 11–20, 21–end. */
export function periodOf(day: string, f: ReportingFrequency): { start: string; end: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const iso = (yy: number, mm: number, dd: number) => new Date(Date.UTC(yy, mm - 1, dd)).toISOString().slice(0, 10);
  const monthEnd = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  switch (f) {
    case 'week': {
      const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
      const start = addCalendarDays(day, -dow);
      return { start, end: addCalendarDays(start, 6) };
    }
    case 'tenDays': {
      if (d <= 10) return { start: iso(y, m, 1), end: iso(y, m, 10) };
      if (d <= 20) return { start: iso(y, m, 11), end: iso(y, m, 20) };
      return { start: iso(y, m, 21), end: iso(y, m, monthEnd(y, m)) };
    }
    case 'month':
      return { start: iso(y, m, 1), end: iso(y, m, monthEnd(y, m)) };
    case 'quarter': {
      const q0 = Math.floor((m - 1) / 3) * 3 + 1;
      return { start: iso(y, q0, 1), end: iso(y, q0 + 2, monthEnd(y, q0 + 2)) };
    }
  }
}

// ---- the light -----------------------------------------------------------------------------------------------

export const lights = ['green', 'yellow', 'red', 'none'] as const;
export type Light = (typeof lights)[number];

export type LightReason =
  | { code: 'onTrack' }
  | { code: 'closed' }
  | { code: 'underReview' }
  | { code: 'reportedLate'; days: number }
  | { code: 'overdue'; days: number }
  | { code: 'dueSoon'; days: number }
  | { code: 'checkpointLate'; checkpoint: string; deliverable: string; deliverableEn: string; days: number }
  | { code: 'reportMissing'; periodStart: string; periodEnd: string }
  | { code: 'subItemOverdue'; title: string; days: number };

export interface LightInput {
  status: LedgerStatus;
  deadline: string;
  /** The first day of the item (assignment). */
  assignedOn: string;
  frequency: ReportingFrequency;
  /** Checkpoints with whether they are met. */
  checkpoints: readonly { code: string; deliverable: string; deliverableEn: string; dueOn: string; met: boolean }[];
  /** Day the completion was reported (for items under review). */
  reportedOn?: string | null;
  /** Date of the latest progress entry, if any. */
  lastProgressOn: string | null;
  /** Open sub-items (their deadlines are the period targets of the parent). */
  subItems: readonly { title: string; deadline: string; open: boolean }[];
}

export interface LightRule {
  /** Yellow when the deadline is this many days away or fewer (default 3). */
  yellowDays: number;
}
export const defaultLightRule: LightRule = { yellowDays: 3 };

/**
 * The light of an item on a day, with every reason, the deciding one first. One rule for every ledger:
 * - none: the item is closed (已销号 or 已完成，长期坚持), or under public notice (its work is done);
 * - red: the deadline has passed ("逾期5天"), or a sub-item, a period target of the item, is past its deadline;
 * - yellow: the deadline is `yellowDays` days away or fewer ("截止前3天"), or a checkpoint is late ("未按期提交一周
 *   行动"), or no progress was reported in the last finished reporting period since assignment;
 * - green: none of these ("按计划推进").
 * While a completion report is under review (reported, verifying, signoff) the item is judged only on its deadline
 * as of the report: red when the report came after the deadline ("逾期3天报结"), green otherwise ("审核中"): the unit
 * has done its part. A progress entry filed late still counts for the period it missed (the report is there).
 */
export function computeLight(input: LightInput, today: string, rule: LightRule = defaultLightRule): { light: Light; reasons: LightReason[] } {
  if (input.status === 'closed' || input.status === 'ongoing' || input.status === 'notice') return { light: 'none', reasons: [{ code: 'closed' }] };
  const underReview = input.status === 'reported' || input.status === 'verifying' || input.status === 'signoff';
  if (underReview) {
    const on = input.reportedOn ?? today;
    return on > input.deadline
      ? { light: 'red', reasons: [{ code: 'reportedLate', days: daysBetween(input.deadline, on) }] }
      : { light: 'green', reasons: [{ code: 'underReview' }] };
  }
  const red: LightReason[] = [];
  const yellow: LightReason[] = [];
  const daysTo = (d: string) => daysBetween(today, d);

  if (today > input.deadline) red.push({ code: 'overdue', days: daysBetween(input.deadline, today) });
  for (const s of input.subItems) if (s.open && today > s.deadline) red.push({ code: 'subItemOverdue', title: s.title, days: daysBetween(s.deadline, today) });
  if (today <= input.deadline && daysTo(input.deadline) <= rule.yellowDays) yellow.push({ code: 'dueSoon', days: daysTo(input.deadline) });
  for (const c of input.checkpoints) {
    if (!c.met && today > c.dueOn)
      yellow.push({
        code: 'checkpointLate',
        checkpoint: c.code,
        deliverable: c.deliverable,
        deliverableEn: c.deliverableEn,
        days: daysBetween(c.dueOn, today),
      });
  }
  // The last finished reporting period that lies wholly after the assignment must have a progress entry.
  const current = periodOf(today, input.frequency);
  const last = periodOf(addCalendarDays(current.start, -1), input.frequency);
  if (last.start >= input.assignedOn && !(input.lastProgressOn && input.lastProgressOn >= last.start)) {
    yellow.push({ code: 'reportMissing', periodStart: last.start, periodEnd: last.end });
  }
  if (red.length) return { light: 'red', reasons: [...red, ...yellow] };
  if (yellow.length) return { light: 'yellow', reasons: yellow };
  return { light: 'green', reasons: [{ code: 'onTrack' }] };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** The reason as people write it beside the colour. */
export function lightReasonText(r: LightReason, lang: 'zh' | 'en' = 'zh'): string {
  const zh = lang === 'zh';
  switch (r.code) {
    case 'onTrack':
      return zh ? '按计划推进' : 'on schedule';
    case 'closed':
      return zh ? '已办结' : 'done';
    case 'underReview':
      return zh ? '审核中' : 'under review';
    case 'reportedLate':
      return zh ? `逾期${r.days}天报结` : `completion reported ${days(r.days)} late`;
    case 'overdue':
      return zh ? `逾期${r.days}天` : `${days(r.days)} overdue`;
    case 'dueSoon':
      return zh ? (r.days === 0 ? '今日到期' : `截止前${r.days}天`) : r.days === 0 ? 'due today' : `due in ${days(r.days)}`;
    case 'checkpointLate':
      return zh ? `未按期提交${r.deliverable}` : `${r.deliverableEn} not delivered on time`;
    case 'reportMissing':
      return zh ? `${r.periodStart}至${r.periodEnd}未报送进展` : `no progress reported for ${r.periodStart} – ${r.periodEnd}`;
    case 'subItemOverdue':
      return zh ? `子项“${r.title}”逾期${r.days}天` : `sub-item "${r.title}" ${days(r.days)} overdue`;
  }
}

/** Working days of a public notice, and when it ends (DOMAIN §3: default 5 working days). */
export const DEFAULT_NOTICE_WORKING_DAYS = 5;
export function noticeEnds(startOn: string, workingDays: number, cal: CalendarExceptions): string {
  return addWorkingDays(startOn, workingDays, cal);
}

/** Whether an extension request is late: filed after the deadline passed (allowed, but flagged). */
export function extensionIsLate(deadline: string, today: string): boolean {
  return today > deadline;
}

/** Weighted mean of children's progress (0–100), rounded to an integer; weights default to 1. */
export function rollUpProgress(children: readonly { progress: number; weight: number | null }[]): number | null {
  if (!children.length) return null;
  let sum = 0;
  let weights = 0;
  for (const c of children) {
    const w = c.weight ?? 1;
    sum += c.progress * w;
    weights += w;
  }
  // All weights zero: nothing says which child matters more, so each counts the same.
  return weights > 0 ? Math.round(sum / weights) : Math.round(children.reduce((a, c) => a + c.progress, 0) / children.length);
}
