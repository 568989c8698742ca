// The automatic metrics of an assessment run (DOMAIN §8, issue 9): for one metric, the value of every participant as
// of the period's end, from one grouped statement over all participants. A unit participant counts the records of its
// unit and of the units under it (units.path prefix); a project participant its own records (the metrics whose
// catalogue kinds include 'project'; for the others its value is null). Data recorded after the period's end does not
// count: reports reviewed after it, milestones done after it, ratings given after it, the status of a task as its
// timeline stood then. Each value keeps its inputs: the records it came from (those that cost points first, at most
// 50 listed, `more` counting the rest) and, for rates, the numerator and denominator.
//
// Definitions shared with the modules that report the same figures:
// - tasks (supervision ledgers, top-level items): the status and the last completion report rebuilt from ledger_events
//   before the period's end, and "overdue" and "on time" exactly as the supervision bulletin has them
//   (ledger-reports/ledger-summaries.service.ts stateOf / bulletin); the deadline is the one in force at the period's
//   end (ledger_deadlines), so an extension granted later does not rewrite a past period;
// - requests: the definitions of requestMetrics (packages/shared/src/enterprise-service.ts) as of the period's end,
//   aggregated in SQL as service/metrics.service.ts does;
// - investment: approved reports of the plan year (the year of the period's end) against the annual plans of the
//   projects planned for that year, as the project dashboard sums them;
// - capital in place: the leads that moved to 资金到位 within the period, as the promotion scoreboard sums them.
import { sql, type SQL } from 'drizzle-orm';
import {
  addCalendarDays,
  isSatisfied,
  metricCatalogue,
  openStatuses,
  requestRatings,
  type MetricKey,
  type ParticipantKind,
  type ScoreInputs,
} from '@zoneops/shared';
import { queryRows } from '../../platform/database.ts';
import type { ComputeMetric, MetricOptions, MetricParticipant, MetricPeriod, MetricValue } from './assessment-metrics.ts';

const TZ = 'Asia/Shanghai';
/** Records listed in a score's inputs; the rest are counted in `more`. */
const LISTED = 50;

/** A task still being worked on, and one whose completion report is under review (ledger-summaries.service.ts). */
const WORK_STATUSES = ['assigned', 'accepted', 'inProgress'];
const REVIEW_STATUSES = ['reported', 'verifying', 'signoff'];
const CLOSED_STATUSES = ['closed', 'ongoing'];
const SATISFIED = requestRatings.filter(isSatisfied);

/** The period as the statements use it: its days, and the instants [from, until) of those days in Shanghai. */
interface Window {
  start: string;
  end: string;
  from: string;
  until: string;
  year: number;
  month: number;
}

function windowOf(p: MetricPeriod): Window {
  return {
    start: p.start,
    end: p.end,
    from: `${p.start}T00:00:00+08:00`,
    until: `${addCalendarDays(p.end, 1)}T00:00:00+08:00`,
    year: Number(p.end.slice(0, 4)),
    month: Number(p.end.slice(5, 7)),
  };
}

/**
 * A metric's source: one row per record with unit_path (the path of the unit it counts for) and project_id (the
 * project it belongs to, null when projects are not participants), num and den (its share of the numerator and the
 * denominator; den null for counts and amounts), bad (it cost points: listed first), sort (then in this order), and
 * kind, id, label, figure (how it is listed).
 */
type Source = (w: Window, opts: MetricOptions) => SQL;

const day = (col: SQL) => sql`to_char(${col}, 'YYYY-MM-DD')`;

/**
 * The tasks of supervision ledgers (top-level, not deleted) that existed at the period's end, each with its status,
 * deadline, last completion report day and closing day as they stood then.
 */
const tasksAsOf = (w: Window) => sql`
  select li.id, li.code, li.title, ru.path as unit_path, st.to_status as status, dl.deadline,
    (select max((e.at at time zone ${TZ})::date) from ledger_events e
      where e.item_id = li.id and e.kind = 'transition' and e.to_status = 'reported' and e.at < ${w.until}::timestamptz) as reported_on,
    case when li.closed_at < ${w.until}::timestamptz then (li.closed_at at time zone ${TZ})::date end as closed_on
  from ledger_items li
  join ledgers l on l.id = li.ledger_id and l.kind = 'supervision'
  join units ru on ru.id = li.lead_unit_id
  join lateral (
    select e.to_status from ledger_events e
    where e.item_id = li.id and e.kind in ('created', 'transition') and e.to_status is not null and e.at < ${w.until}::timestamptz
    order by e.at desc, e.id desc limit 1) st on true
  cross join lateral (
    select coalesce((select d.deadline from ledger_deadlines d where d.item_id = li.id and d.set_at < ${w.until}::timestamptz
      order by d.set_at desc limit 1), li.deadline) as deadline) dl
  where li.parent_id is null and li.deleted_at is null`;

const anyOf = (col: SQL, list: readonly string[]) => sql`${col} = any(${sql.param(list)}::text[])`;

const sources: Record<MetricKey, Source> = {
  investmentCompletion: (w) => sql`
    -- the year's approved figures per project, aggregated once: without statistics the planner would aggregate them
    -- again for every project
    with d as materialized (
      select x.project_id, sum(x.completed) as done from investment_reports x
      where x.status = 'approved' and x.year = ${w.year} and x.month <= ${w.month} and x.reviewed_at < ${w.until}::timestamptz
      group by x.project_id)
    select ru.path as unit_path, p.id as project_id, r.done as num, p.annual_plan as den,
      r.done < p.annual_plan as bad, r.done - p.annual_plan as sort,
      'project' as kind, p.id::text as id, p.name as label,
      r.done::numeric(20,2)::text || ' / ' || p.annual_plan::numeric(20,2)::text as figure
    from projects p
    join units ru on ru.id = p.lead_unit_id
    left join d on d.project_id = p.id
    cross join lateral (select coalesce(d.done, 0) as done) r
    where p.deleted_at is null and p.plan_year = ${w.year}`,

  milestoneOnTime: (w) => sql`
    select ru.path as unit_path, m.project_id, x.ok::int as num, 1 as den, not x.ok as bad, m.planned_on as sort,
      'milestone' as kind, m.id::text as id, p.name || ' · ' || m.name as label,
      ${day(sql`m.planned_on`)} || ' / ' || coalesce(${day(sql`case when m.actual_on <= ${w.end}::date then m.actual_on end`)}, '—') as figure
    from project_milestones m
    join projects p on p.id = m.project_id and p.deleted_at is null
    join units ru on ru.id = coalesce(m.unit_id, p.lead_unit_id)
    cross join lateral (select coalesce(m.actual_on <= m.planned_on and m.actual_on <= ${w.end}::date, false) as ok) x
    where m.planned_on between ${w.start}::date and ${w.end}::date`,

  projectsStarted: (w) => sql`
    select ru.path as unit_path, null::uuid as project_id, 1 as num, null::int as den, false as bad, p.actual_start_on as sort,
      'project' as kind, p.id::text as id, p.name as label, ${day(sql`p.actual_start_on`)} as figure
    from projects p join units ru on ru.id = p.lead_unit_id
    where p.deleted_at is null and p.actual_start_on between ${w.start}::date and ${w.end}::date`,

  leadsSigned: (w) => sql`
    select ru.path as unit_path, null::uuid as project_id, 1 as num, null::int as den, false as bad, l.signed_on as sort,
      'lead' as kind, l.id::text as id, l.company as label, ${day(sql`l.signed_on`)} as figure
    from promotion_leads l join units ru on ru.id = l.owner_unit_id
    where l.deleted_at is null and l.outcome <> 'withdrawn' and l.signed_on between ${w.start}::date and ${w.end}::date`,

  capitalInPlace: (w) => sql`
    select ru.path as unit_path, null::uuid as project_id, coalesce(l.capital_in_place, 0) as num, null::int as den, false as bad,
      -coalesce(l.capital_in_place, 0) as sort, 'lead' as kind, l.id::text as id, l.company as label,
      coalesce(l.capital_in_place, 0)::numeric(20,2)::text as figure
    from promotion_leads l join units ru on ru.id = l.owner_unit_id
    where l.deleted_at is null and exists (
      select 1 from promotion_lead_events e where e.lead_id = l.id and e.kind = 'stage' and e.to_value = 'capitalInPlace'
        and e.at >= ${w.from}::timestamptz and e.at < ${w.until}::timestamptz)`,

  // Due in the period: on time when the last completion report before the period's end came on or before the
  // deadline and was not sent back since; a task closed by its deadline without a completion report (imported
  // history) is on time too.
  tasksOnTime: (w) => sql`
    select t.unit_path, null::uuid as project_id, x.ok::int as num, 1 as den, not x.ok as bad, t.deadline as sort,
      'ledgerItem' as kind, t.id::text as id, t.code || ' ' || t.title as label,
      ${day(sql`t.deadline`)} || ' / ' || coalesce(${day(sql`coalesce(t.reported_on, t.closed_on)`)}, '—') as figure
    from (${tasksAsOf(w)}) t
    cross join lateral (select coalesce(not (${anyOf(sql`t.status`, WORK_STATUSES)}) and (t.reported_on <= t.deadline
      or (t.reported_on is null and ${anyOf(sql`t.status`, CLOSED_STATUSES)} and t.closed_on <= t.deadline)), false) as ok) x
    where t.deadline between ${w.start}::date and ${w.end}::date`,

  // Open at the period's end, the deadline passed (on or before its last day), and completion not reported by the
  // deadline: still being worked on, or reported late and under review.
  tasksOverdue: (w) => sql`
    select t.unit_path, null::uuid as project_id, 1 as num, null::int as den, true as bad, t.deadline as sort,
      'ledgerItem' as kind, t.id::text as id, t.code || ' ' || t.title as label, ${day(sql`t.deadline`)} as figure
    from (${tasksAsOf(w)}) t
    where ${anyOf(sql`t.status`, openStatuses)} and t.deadline <= ${w.end}::date
      and (${anyOf(sql`t.status`, WORK_STATUSES)} or (${anyOf(sql`t.status`, REVIEW_STATUSES)} and t.reported_on > t.deadline))`,

  // requestMetrics' on-time completion: a round counts once it was done or its due day passed.
  requestsOnTime: (w) => sql`
    select ru.path as unit_path, null::uuid as project_id, x.ok::int as num, 1 as den, not x.ok as bad, r.started_at as sort,
      'request' as kind, r.request_id::text as id, sr.title || case when r.round > 1 then ' #' || r.round else '' end as label,
      coalesce(${day(sql`x.completed_on`)}, '—') || ' / ' || ${day(sql`r.completion_due_on`)} as figure
    from service_request_rounds r
    join service_requests sr on sr.id = r.request_id
    join units ru on ru.id = r.unit_id
    cross join lateral (select case when r.completed_on <= ${w.end}::date then r.completed_on end as completed_on) c
    cross join lateral (select c.completed_on, coalesce(c.completed_on <= r.completion_due_on, false) as ok) x
    where r.started_at >= ${w.from}::timestamptz and r.started_at < ${w.until}::timestamptz
      and (c.completed_on is not null or r.completion_due_on <= ${w.end}::date)`,

  requestSatisfaction: (w) => sql`
    select ru.path as unit_path, null::uuid as project_id, x.ok::int as num, 1 as den, not x.ok as bad, r.started_at as sort,
      'request' as kind, r.request_id::text as id, sr.title || case when r.round > 1 then ' #' || r.round else '' end as label,
      r.rating as figure
    from service_request_rounds r
    join service_requests sr on sr.id = r.request_id
    join units ru on ru.id = r.unit_id
    cross join lateral (select ${anyOf(sql`r.rating`, SATISFIED)} as ok) x
    where r.started_at >= ${w.from}::timestamptz and r.started_at < ${w.until}::timestamptz
      and r.rating is not null and r.rated_at < ${w.until}::timestamptz`,

  // Counted once acknowledged by the period's end, or once the limit passed before it unacknowledged (late).
  alarmsAckInTime: (w, opts) => sql`
    select su.path as unit_path, null::uuid as project_id, x.ok::int as num, 1 as den, not x.ok as bad, a.raised_at as sort,
      'alarm' as kind, a.id::text as id, e.name || ' · ' || coalesce(mp.name, a.rule) as label,
      case when x.acked then round((extract(epoch from a.acknowledged_at - a.raised_at) / 60)::numeric, 1)::text || ' min' end as figure
    from safety_alarms a
    join enterprises e on e.id = a.enterprise_id
    join units su on su.id = e.street_id
    left join monitoring_points mp on mp.id = a.point_id
    cross join lateral (select coalesce(a.acknowledged_at < ${w.until}::timestamptz, false) as acked) k
    cross join lateral (select k.acked, k.acked and a.acknowledged_at - a.raised_at <= ${opts.alarmAckMinutes}::int * interval '1 minute' as ok) x
    where a.raised_at >= ${w.from}::timestamptz and a.raised_at < ${w.until}::timestamptz
      and (k.acked or a.raised_at + ${opts.alarmAckMinutes}::int * interval '1 minute' < ${w.until}::timestamptz)`,
};

interface GroupRow {
  pid: string;
  num: string | null;
  den: string | null;
  n: number;
  records: ScoreInputs['records'] | null;
}

/**
 * Every participant's share of the source's records in one grouped statement. The participants and the source are
 * each computed once (materialized): the join between them is a nested loop (a path prefix or a project), and
 * without statistics (PGlite never analyzes by itself) the planner would otherwise run the source again for every
 * participant.
 */
function grouped(participants: readonly MetricParticipant[], source: SQL): SQL {
  // A project participant counts by project only; a unit participant by its unit's subtree.
  const parts = participants.map((p) => ({ pid: p.participantId, unit_id: p.projectId ? null : p.unitId, project_id: p.projectId }));
  return sql`
    with parts as materialized (
      select x.pid, u.path || '%' as prefix, x.project_id
      from jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) as x(pid text, unit_id uuid, project_id uuid)
      left join units u on u.id = x.unit_id),
    src as materialized (${source})
    select parts.pid, sum(src.num)::text as num, sum(src.den)::text as den, count(*)::int as n,
      array_to_json((array_agg(json_build_object('kind', src.kind, 'id', src.id, 'label', src.label, 'figure', src.figure)
        order by src.bad desc, src.sort, src.id))[1:${sql.raw(String(LISTED))}]) as records
    from parts
    join src on (parts.prefix is not null and src.unit_path like parts.prefix)
      or (parts.project_id is not null and src.project_id = parts.project_id)
    group by parts.pid`;
}

const noInputs = (numerator: number | null, denominator: number | null): ScoreInputs => ({ numerator, denominator, records: [], more: 0 });

export const computeMetric: ComputeMetric = async (db, metric, participants, period, opts) => {
  const def = metricCatalogue[metric];
  const rate = def.shape === 'rate';
  const kinds: readonly ParticipantKind[] = def.kinds;
  const eligible = participants.filter((p) => (p.projectId ? kinds.includes('project') : p.unitId !== null));
  const out = new Map<string, MetricValue>();
  // No record: a rate has no value (nothing was due), a count or an amount is 0; a participant the metric does not
  // apply to has no value either.
  for (const p of participants) out.set(p.participantId, { value: null, inputs: noInputs(null, null) });
  for (const p of eligible) out.set(p.participantId, rate ? { value: null, inputs: noInputs(0, 0) } : { value: 0, inputs: noInputs(null, null) });
  if (!eligible.length) return out;

  const rows = await queryRows<GroupRow>(db, grouped(eligible, sources[metric](windowOf(period), opts)));
  for (const r of rows) {
    const records = r.records ?? [];
    const inputs = { records, more: Math.max(0, r.n - records.length) };
    const num = Number(r.num ?? 0);
    if (rate) {
      const den = Number(r.den ?? 0);
      out.set(r.pid, { value: den > 0 ? num / den : null, inputs: { numerator: num, denominator: den, ...inputs } });
    } else out.set(r.pid, { value: num, inputs: { numerator: null, denominator: null, ...inputs } });
  }
  return out;
};
