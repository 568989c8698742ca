// Bulk data of the promotion and enterprise-service benchmark (issue 6), on a migrated database with the base seed:
// - a unit tree of 31 (the committee, 14 bureaus and offices, sections under the promotion bureau and a few others,
//   3 towns) and 100 users: the promotion administrator (promotionAdmin, unit-tree scope over the promotion bureau
//   and its 5 sections), the zone leader (leader, scope all), the service administrator (serviceAdmin), 60 promotion
//   staff (staff: promotion.write; 36 in the promotion bureau's tree, the rest across the zone), 24 unit handlers
//   (staff: service.handle) in the 8 units of the routing table, 10 department heads (deptAdmin) and 3 spare accounts;
// - 8 promotion teams with leaders and members; 300 enterprises;
// - 50,000 leads registered over 3 years before today (more in recent months), spread over owners, units, teams,
//   industries, stages (older leads further down the pipeline), outcomes (82 % active) and a realistic clock state
//   (recent leads open or due, a few overdue, most done), with ~2.5 events each;
// - 200,000 requests filed on working days from 2025-01-01 to today, each with its ledger item (ENT-REQUESTS, kind
//   'request'), its service_requests row and its handling rounds (15 % reopened after a dissatisfied rating: a
//   second round), deadlines by kind (consultation: the same day / 1 working day, urgent: 2 hours / 3, ordinary:
//   1 working day / 5), 93 % answered and 90 % done on time, 92 % of the answers rated a few days later (a
//   dissatisfied rating always reopens), resolved 88 %; the last days' requests still open; 3 % refused once by a
//   wrong unit and redirected;
// then VACUUM ANALYZE. Everything but the small tables is generated inside PostgreSQL (generate_series, set-based
// INSERT … SELECT), deterministically (setseed), in one transaction.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../packages/server/src/platform/database.ts';
import { hashPassword } from '../packages/server/src/platform/auth/password.ts';
import { REQUEST_LEDGER_CODE } from '../packages/server/src/modules/service/request.service.ts';

export interface PromotionBenchOptions {
  leads?: number;
  requests?: number;
  /** The data's today (default 2026-11-23). */
  today?: string;
  password?: string;
}

export interface PromotionBenchData {
  leads: number;
  leadEvents: number;
  requests: number;
  rounds: number;
  refusals: number;
  enterprises: number;
  users: number;
  units: number;
  teams: number;
  /** Leads the promotion administrator sees (unit-tree scope), active ones. */
  adminVisibleActive: number;
  ms: { small: number; leads: number; requests: number; analyze: number; total: number };
}

export const PROMOTION_BENCH_LOGINS = { promotionAdmin: 'bench_promo_admin', leader: 'bench_leader', serviceAdmin: 'bench_service_admin' } as const;

const INDUSTRIES = ['petrochemical', 'fineChemical', 'newMaterials', 'logistics', 'energy', 'equipment', 'services'];
const SOURCES = ['以商引商', '驻点招商', '网络招商', '外出招商', '外资招商', '中介招商'];
const CATEGORIES = ['policy', 'market', 'land', 'finance', 'talent', 'planning', 'utilities', 'other'] as const;

interface UnitDef {
  key: string;
  parent: string;
  kind: string;
  name: string;
}
// 31 units: key | parent | kind | name
const UNITS: UnitDef[] = [
  'admin||administration|古雷港经济开发区管理委员会',
  'office|admin|office|党政办公室',
  'economy|admin|bureau|经济发展局',
  'promotion|admin|bureau|招商局(投资促进局)',
  'construction|admin|bureau|建设局',
  'emergency|admin|bureau|应急管理局',
  'environment|admin|bureau|生态环境分局',
  'finance|admin|bureau|财政局',
  'resources|admin|bureau|自然资源和规划局',
  'personnel|admin|office|组织人事部',
  'statistics|admin|bureau|统计局',
  'service|admin|office|企业服务中心',
  'social|admin|bureau|社会事务局',
  'market|admin|bureau|市场监督管理局',
  'utilities|admin|office|水电气保障办公室',
  'townGulei|admin|town|古雷镇',
  'townDuxun|admin|town|杜浔镇',
  'townShaxi|admin|town|沙西镇',
  'promotion1|promotion|section|招商一科',
  'promotion2|promotion|section|招商二科',
  'promotion3|promotion|section|招商三科',
  'promotionForeign|promotion|section|外资招商科',
  'promotionService|promotion|section|项目服务科',
  'economyOperation|economy|section|经济运行科',
  'economyIndustry|economy|section|产业发展科',
  'constructionProjects|construction|section|重点项目科',
  'resourcesLand|resources|section|土地利用科',
  'serviceRequests|service|section|企业诉求科',
  'financeCredit|finance|section|金融服务科',
  'socialTalent|social|section|人才服务科',
  'emergencySafety|emergency|section|安全监管科',
].map((row) => {
  const [key = '', parent = '', kind = '', name = ''] = row.split('|');
  return { key, parent, kind, name };
});

/** Where each request category is routed (service_routes), 3 handlers each. */
const ROUTES: Record<(typeof CATEGORIES)[number], string> = {
  policy: 'economyIndustry',
  market: 'economyOperation',
  land: 'resourcesLand',
  finance: 'financeCredit',
  talent: 'socialTalent',
  planning: 'constructionProjects',
  utilities: 'utilities',
  other: 'serviceRequests',
};

/** Promotion staff per unit (60 in all; 36 in the promotion bureau's tree). */
const PROMOTION_STAFF: Record<string, number> = {
  promotion: 4,
  promotion1: 8,
  promotion2: 8,
  promotion3: 7,
  promotionForeign: 5,
  promotionService: 4,
  economy: 3,
  economyIndustry: 3,
  construction: 2,
  townGulei: 4,
  townDuxun: 4,
  townShaxi: 4,
  market: 2,
  finance: 2,
};

const DEPT_HEADS = ['office', 'economy', 'construction', 'emergency', 'environment', 'finance', 'resources', 'service', 'social', 'market'];

/** Expects a migrated database with the base seed (roles, calendar, dictionaries) and nothing else. */
export async function loadPromotionBenchData(db: Db, opts: PromotionBenchOptions = {}): Promise<PromotionBenchData> {
  const leads = opts.leads ?? 50_000;
  const requests = opts.requests ?? 200_000;
  const today = opts.today ?? '2026-11-23';
  const password = opts.password ?? 'Bench#2026pw';
  const t0 = performance.now();
  let last = t0;
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };
  const hash = await hashPassword(password);

  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.4242)`);
    await loadSmall(tx, hash, today);
  });
  const small = lap();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.1717)`);
    await loadLeads(tx, leads, today);
  });
  const leadMs = lap();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.2323)`);
    await loadRequests(tx, requests, today);
  });
  const requestMs = lap();
  await db.execute(
    sql`vacuum analyze units, users, user_roles, promotion_teams, promotion_team_members, promotion_leads, promotion_lead_events, enterprises,
        ledgers, ledger_items, service_requests, service_request_rounds, service_request_refusals`,
  );
  const analyze = lap();

  const [c] = await queryRows<Omit<PromotionBenchData, 'ms'>>(
    db,
    sql`select (select count(*)::int from promotion_leads) as leads, (select count(*)::int from promotion_lead_events) as "leadEvents",
        (select count(*)::int from service_requests) as requests, (select count(*)::int from service_request_rounds) as rounds,
        (select count(*)::int from service_request_refusals) as refusals, (select count(*)::int from enterprises) as enterprises,
        (select count(*)::int from users) as users, (select count(*)::int from units) as units, (select count(*)::int from promotion_teams) as teams,
        (select count(*)::int from promotion_leads l join units u on u.id = l.owner_unit_id
          where l.outcome = 'active' and u.path like (select path from units p join users us on us.unit_id = p.id
            where us.username = ${PROMOTION_BENCH_LOGINS.promotionAdmin}) || '%') as "adminVisibleActive"`,
  );
  const result: PromotionBenchData = { ...c!, ms: { small, leads: leadMs, requests: requestMs, analyze, total: Math.round(performance.now() - t0) } };
  console.error(
    `promotion bench data: ${result.leads.toLocaleString('en')} leads (${result.leadEvents.toLocaleString('en')} events), ` +
      `${result.requests.toLocaleString('en')} requests (${result.rounds.toLocaleString('en')} rounds, ${result.refusals} refusals) in ` +
      `${(result.ms.total / 1000).toFixed(1)} s (zone ${small} ms, leads ${leadMs} ms, requests ${requestMs} ms, vacuum analyze ${analyze} ms)`,
  );
  return result;
}

/** Units, users with their roles, teams, enterprises, the routing table, the ledger of requests, the working days. */
async function loadSmall(tx: DbOrTx, hash: string, today: string): Promise<void> {
  const unitIds = new Map<string, string>();
  const paths = new Map<string, string>();
  const unitRows = UNITS.map((u, i) => {
    const id = randomUUID();
    unitIds.set(u.key, id);
    const path = `${u.parent ? paths.get(u.parent)! : '/'}${id}/`;
    paths.set(u.key, path);
    return sql`(${id}::uuid, ${u.parent ? unitIds.get(u.parent)! : null}::uuid, ${u.name}::text, ${u.kind}::text, ${i}::int, ${path}::text)`;
  });
  await tx.execute(sql`insert into units (id, parent_id, name, kind, sort, path) values ${sql.join(unitRows, sql`, `)}`);

  // users: [username, display name, unit key, role codes]
  const users: [string, string, string, string[]][] = [
    [PROMOTION_BENCH_LOGINS.promotionAdmin, '招商管理员', 'promotion', ['promotionAdmin']],
    [PROMOTION_BENCH_LOGINS.leader, '园区领导', 'admin', ['leader']],
    [PROMOTION_BENCH_LOGINS.serviceAdmin, '企业服务管理员', 'service', ['serviceAdmin']],
  ];
  let n = 0;
  for (const [unit, count] of Object.entries(PROMOTION_STAFF))
    for (let i = 0; i < count; i++) users.push([`bench_promo_${++n}`, `招商专员${n}`, unit, ['staff']]);
  n = 0;
  for (const unit of Object.values(ROUTES)) for (let i = 0; i < 3; i++) users.push([`bench_handler_${++n}`, `承办人${n}`, unit, ['staff']]);
  DEPT_HEADS.forEach((unit, i) => users.push([`bench_head_${i + 1}`, `部门负责人${i + 1}`, unit, ['deptAdmin']]));
  for (let i = 1; i <= 3; i++) users.push([`bench_spare_${i}`, `备用账号${i}`, 'office', ['staff']]);
  const at = `${today}T00:00:00+08:00`;
  const userRows = users.map(
    ([username, name, unit], i) =>
      sql`(${username}::text, ${name}::text, ${unitIds.get(unit)!}::uuid, ${hash}::text, false, ${at}::timestamptz, ${`139${String(10_000_000 + i).slice(-8)}`}::text)`,
  );
  await tx.execute(
    sql`insert into users (username, display_name, unit_id, password_hash, must_change_password, password_changed_at, phone) values ${sql.join(userRows, sql`, `)}`,
  );
  await tx.execute(
    sql`insert into user_roles (user_id, role_id)
        select u.id, r.id from unnest(${sql.param(users.map((u) => u[0]))}::text[], ${sql.param(users.map((u) => u[3][0]!))}::text[]) as x(username, role)
        join users u on u.username = x.username join roles r on r.code = x.role`,
  );

  // 8 teams: leaders and members among the promotion staff
  await tx.execute(
    sql`insert into promotion_teams (name, leader_user_id, unit_id)
        select '招商' || t.name || '专班', (select id from users where username = 'bench_promo_' || (t.n * 7)), ${unitIds.get('promotion')!}::uuid
        from unnest(array['石化','新材料','精细化工','装备制造','港口物流','能源','外资','生产服务']) with ordinality as t(name, n)`,
  );
  await tx.execute(sql`insert into promotion_team_members (team_id, user_id, role) select id, leader_user_id, 'leader' from promotion_teams`);
  await tx.execute(
    sql`insert into promotion_team_members (team_id, user_id, role)
        select t.id, u.id, 'member' from (select id, (row_number() over (order by name))::int as n from promotion_teams) t
        join users u on u.username ~ '^bench_promo_[0-9]+$' and substr(u.username, 13)::int % 8 + 1 = t.n
        on conflict do nothing`,
  );

  await tx.execute(
    sql`insert into enterprises (name, uscc, industry, status, street_id, contact_name, contact_phone)
        select '古雷' || (array['华','鑫','恒','瑞','泰','盛','丰','源'])[1 + g % 8] || (array['石化','新材','化工','物流','能源','装备','科技','服务'])[1 + (g / 8) % 8]
          || '有限公司' || g, '91350623' || lpad(g::text, 9, '0') || 'X',
          (${sql.param(INDUSTRIES)}::text[])[1 + g % 7], 'operating',
          (array[${unitIds.get('townGulei')!}, ${unitIds.get('townDuxun')!}, ${unitIds.get('townShaxi')!}]::uuid[])[1 + g % 3],
          '联系人' || g, '138' || lpad((g * 7919 % 100000000)::text, 8, '0')
        from generate_series(1, 300) g`,
  );
  await tx.execute(
    sql`insert into service_routes (category, unit_id)
        select x.category, x.unit_id from unnest(${sql.param([...CATEGORIES])}::text[], ${sql.param(CATEGORIES.map((c) => unitIds.get(ROUTES[c])!))}::uuid[])
        as x(category, unit_id)`,
  );
  await tx.execute(
    sql`insert into ledgers (kind, code, name, supervisor_unit_id) values ('request', ${REQUEST_LEDGER_CODE}, '企业诉求', ${unitIds.get('admin')!})`,
  );
}

/** 50,000 leads over the 3 years before today and their events. */
async function loadLeads(tx: DbOrTx, count: number, today: string): Promise<void> {
  await tx.execute(sql`create temp table bench_staff on commit drop as
    select (row_number() over (order by u.username))::int as n, u.id, u.unit_id from users u where u.username ~ '^bench_promo_[0-9]+$'`);
  await tx.execute(sql`create temp table bench_teams on commit drop as select (row_number() over (order by name))::int as n, id from promotion_teams`);
  // age: days before today, skewed to recent (sqrt of a uniform: half the leads in the last ~9 months)
  await tx.execute(sql`create temp table bench_leads on commit drop as
    with g as (
      select i, floor(1095 * (1 - sqrt(random())))::int as age, random() as r_stage, random() as r_out, random() as r_clock, random() as r_team,
        1 + floor(random() * (select count(*) from bench_staff))::int as staff, random() as r_ind, random() as r_inv, random() as r_upd
      from generate_series(1, ${count}) i
    ), d as (
      select g.*, (${today}::date - g.age) as registered_on,
        case when g.age < 20 then (case when g.r_stage < 0.9 then 'lead' else 'negotiating' end)
             when g.r_stage < 0.32 then 'lead' when g.r_stage < 0.58 then 'negotiating' when g.r_stage < 0.71 then 'signed'
             when g.r_stage < 0.80 then 'preStart' when g.r_stage < 0.88 then 'started' when g.r_stage < 0.94 then 'capitalInPlace'
             else 'production' end as stage
      from g
    )
    select gen_random_uuid() as id, d.*, s.id as owner_user_id, s.unit_id as owner_unit_id,
      case when d.r_team < 0.8 then (select t.id from bench_teams t where t.n = 1 + (d.i % 8)) end as team_id,
      case when d.age < 20 or d.stage <> 'lead' then 'active' when d.r_out < 0.55 then 'active' when d.r_out < 0.8 then 'rejected' else 'withdrawn' end as outcome,
      (${sql.param(INDUSTRIES)}::text[])[1 + floor(d.r_ind * d.r_ind * 7)::int] as industry
    from d join bench_staff s on s.n = d.staff`);
  // The clock state as the clock job leaves it: closed leads done; recent ones open or due or overdue (answer 1,
  // assess 3, feedback 5 working days); older active leads done unless a report (every 10 working days) is late.
  await tx.execute(sql`
    insert into promotion_leads (id, code, company, company_key, uscc, country_region, fortune500, industry, content, planned_investment,
      source, referrer, referrer_phone, contacts, owner_user_id, owner_unit_id, team_id, stage, outcome, registered_on, signed_on, signed_amount,
      planned_start_on, started_on, capital_in_place, production_on, clocks_done, clock_state, created_at, updated_at, created_by)
    select b.id, 'ZS' || extract(year from b.registered_on)::int || '-' || lpad((row_number() over (partition by extract(year from b.registered_on) order by b.registered_on, b.i))::text, 5, '0'),
      c.company, lower(c.company), case when b.i % 3 = 0 then '91' || lpad((b.i::bigint * 104729 % 1000000000)::text, 15, '0') || 'X' end,
      case when b.i % 11 = 0 then (array['SG','TW','HK','JP','DE','US','KR'])[1 + b.i % 7] else 'CN' end, b.i % 97 = 0, b.industry,
      '拟投资建设' || c.company || '项目', round((500 + 300000 * b.r_inv * b.r_inv)::numeric, 2),
      (${sql.param(SOURCES)}::text[])[1 + b.i % 6], '介绍人' || (b.i % 500), '137' || lpad((b.i * 7 % 100000000)::text, 8, '0'),
      jsonb_build_array(jsonb_build_object('name', '联系人' || b.i, 'title', '总经理', 'phone', '136' || lpad((b.i * 13 % 100000000)::text, 8, '0'))),
      b.owner_user_id, b.owner_unit_id, b.team_id, b.stage, b.outcome, b.registered_on,
      case when b.stage in ('signed','preStart','started','capitalInPlace','production') then b.registered_on + (b.age * 0.3)::int end,
      case when b.stage in ('signed','preStart','started','capitalInPlace','production') then round((500 + 250000 * b.r_inv * b.r_inv)::numeric, 2) end,
      case when b.stage in ('preStart','started','capitalInPlace','production') then b.registered_on + (b.age * 0.5)::int end,
      case when b.stage in ('started','capitalInPlace','production') then b.registered_on + (b.age * 0.6)::int end,
      case when b.stage in ('capitalInPlace','production') then round((200 + 100000 * b.r_inv * b.r_inv)::numeric, 2) end,
      case when b.stage = 'production' then b.registered_on + (b.age * 0.9)::int end,
      case when b.age < 2 then '{}'::jsonb when b.age < 7 then jsonb_build_object('answer', (b.registered_on + 1)::text)
        else jsonb_build_object('answer', (b.registered_on + 1)::text, 'assess', (b.registered_on + 3)::text, 'feedback', (b.registered_on + 6)::text,
          'report', (${today}::date - (b.r_clock * 14)::int)::text) end,
      case when b.outcome <> 'active' then 'done'
        when b.age = 0 then 'open'
        when b.age = 1 then (case when b.r_clock < 0.6 then 'dueToday' else 'open' end)
        when b.age < 7 then (case when b.r_clock < 0.25 then 'overdue' when b.r_clock < 0.35 then 'dueToday' else 'open' end)
        when b.r_clock < 0.06 then 'overdue' when b.r_clock < 0.08 then 'dueToday' when b.r_clock < 0.2 then 'open' else 'done' end,
      b.registered_on::timestamp at time zone 'Asia/Shanghai' + interval '9 hours',
      least(${today}::date + interval '0 day', b.registered_on + (b.age * b.r_upd)::int) at time zone 'Asia/Shanghai' + interval '10 hours' + (b.i % 480) * interval '1 minute',
      b.owner_user_id
    from bench_leads b cross join lateral (select (array['华','鑫','恒','瑞','泰','盛','丰','源','新','通'])[1 + b.i % 10]
      || (array['石化','新材料','化工','物流','能源','装备','科技','服务','环保','电子'])[1 + (b.i / 10) % 10] || '科技有限公司' || b.i as company) c`);
  // events: registration, then a stage event per stage passed (at most 3 recorded), and an outcome for closed leads
  await tx.execute(sql`
    insert into promotion_lead_events (lead_id, kind, from_value, to_value, reason, at, by_user_id)
    select l.id, 'registered', null, 'lead', null, l.created_at, l.owner_user_id from promotion_leads l
    union all
    select l.id, 'stage', s.prev, s.stage, null, l.created_at + (s.n * (l.updated_at - l.created_at) / 4), l.owner_user_id
    from promotion_leads l cross join lateral (
      select x.stage, lag(x.stage) over (order by x.n) as prev, x.n from unnest(array['lead','negotiating','signed','preStart']) with ordinality x(stage, n)
    ) s
    where s.prev is not null and array_position(array['lead','negotiating','signed','preStart','started','capitalInPlace','production'], l.stage)
      >= array_position(array['lead','negotiating','signed','preStart','started','capitalInPlace','production'], s.stage)
    union all
    select l.id, 'outcome', 'active', l.outcome, '不符合园区产业定位', l.updated_at, l.owner_user_id from promotion_leads l where l.outcome <> 'active'`);
}

/**
 * 200,000 requests filed on working days from 2025-01-01 to today with their ledger items, rounds and refusals.
 * Deadlines follow defaultDeadlineRules over the working days of bench_wd.
 */
async function loadRequests(tx: DbOrTx, count: number, today: string): Promise<void> {
  // Working days (weekdays less holidays plus the make-up workdays of the calendar), numbered.
  await tx.execute(sql`create temp table bench_wd on commit drop as
    select d::date as day, (row_number() over (order by d))::int as ord from generate_series('2024-12-01'::date, '2027-06-30'::date, '1 day') d
    where (extract(isodow from d) < 6 and not exists (select 1 from calendar_days c where c.date = d::date and c.kind = 'holiday'))
       or exists (select 1 from calendar_days c where c.date = d::date and c.kind = 'workday')`);
  await tx.execute(sql`create unique index on bench_wd (ord)`);
  await tx.execute(sql`create unique index on bench_wd (day)`);
  await tx.execute(sql`create temp table bench_ent on commit drop as select (row_number() over (order by id))::int as n, id from enterprises`);
  await tx.execute(sql`create temp table bench_handlers on commit drop as
    select r.category, u.id as unit_id, (select min(us.id::text)::uuid from users us where us.unit_id = u.id and us.username like 'bench_handler_%') as handler
    from service_routes r join units u on u.id = r.unit_id`);
  await tx.execute(sql`create temp table bench_units on commit drop as
    select (row_number() over (order by id))::int as n, id from units where parent_id is not null`);
  const [{ first, last } = { first: 0, last: 0 }] = await queryRows<{ first: number; last: number }>(
    tx,
    sql`select min(ord)::int as first, max(ord)::int as last from bench_wd where day between '2025-01-01' and ${today}::date`,
  );
  const now = sql`(${today}::date + interval '18 hours') at time zone 'Asia/Shanghai'`;
  // One row per request with both rounds computed; times in Asia/Shanghai working hours.
  await tx.execute(sql`create temp table bench_req on commit drop as
    with g as (
      select i, ${first}::int + floor(random() * (${last}::int - ${first}::int + 1))::int as ord, random() as r_kind, random() as r_cat, random() as r_time,
        random() as r_resp, random() as r_done, random() as r_rate, random() as r_res, random() as r_reopen, random() as r_refuse, random() as r_ent,
        random() as r2_resp, random() as r2_done, random() as r2_rate
      from generate_series(1, ${count}) i
    ), k as (
      select g.*, wd.day as filed_on,
        (wd.day + interval '8 hours 30 minutes' + (g.r_time * 9 * 3600) * interval '1 second') at time zone 'Asia/Shanghai' as filed_at,
        case when g.r_kind < 0.3 then 'consultation' when g.r_kind < 0.4 then 'urgent' else 'ordinary' end as kind,
        (${sql.param([...CATEGORIES])}::text[])[1 + floor(g.r_cat * g.r_cat * 8)::int] as category
      from g join bench_wd wd on wd.ord = g.ord
    ), d as (
      select k.*,
        case k.kind when 'consultation' then (k.filed_on + 1)::timestamp at time zone 'Asia/Shanghai'
          when 'urgent' then k.filed_at + interval '2 hours'
          else ((select w.day from bench_wd w where w.ord = k.ord + 1) + 1)::timestamp at time zone 'Asia/Shanghai' end as response_due_at,
        (select w.day from bench_wd w where w.ord = k.ord + case k.kind when 'consultation' then 1 when 'urgent' then 3 else 5 end) as completion_due_on
      from k
    )
    select gen_random_uuid() as id, gen_random_uuid() as item_id, d.*, h.unit_id, h.handler, e.id as enterprise_id,
      -- round 1: answered within the response time 93 % of the time; done on time 90 %
      d.filed_at + case when d.r_resp < 0.93 then (d.response_due_at - d.filed_at) * (0.05 + 0.9 * d.r_resp / 0.93)
        else (d.response_due_at - d.filed_at) + interval '3 hours' + d.r_resp * interval '30 hours' end as responded_at,
      case when d.r_done < 0.90 then d.filed_on + floor((d.completion_due_on - d.filed_on) * d.r_done / 0.9)::int
        else d.completion_due_on + 1 + floor((d.r_done - 0.9) * 60)::int end as completed_on,
      d.r_reopen < 0.15 as reopened, d.r_refuse < 0.03 as refused
    from d join bench_handlers h on h.category = d.category join bench_ent e on e.n = 1 + floor(d.r_ent * d.r_ent * (select count(*) from bench_ent))::int`);
  // what is still under way today: answers not given yet, completions not reached; ratings a day or two after the answer
  await tx.execute(sql`alter table bench_req add column open1 boolean, add column rated_at timestamptz, add column r2_started timestamptz,
    add column r2_response_due timestamptz, add column r2_completion_due date, add column r2_responded timestamptz, add column r2_completed date,
    add column r2_rated_at timestamptz, add column status text, add column cur_round int`);
  await tx.execute(sql`update bench_req set responded_at = null where responded_at > ${now}`);
  await tx.execute(sql`update bench_req set completed_on = null where completed_on >= ${today}::date`);
  await tx.execute(sql`update bench_req set completed_on = null where responded_at is null`);
  await tx.execute(sql`update bench_req set rated_at = (completed_on + 1 + (r_rate * 3)::int)::timestamp at time zone 'Asia/Shanghai' + interval '10 hours'
    where completed_on is not null and r_rate < 0.92`);
  await tx.execute(sql`update bench_req set rated_at = null where rated_at > ${now}`);
  await tx.execute(sql`update bench_req set reopened = reopened and rated_at is not null`);
  // round 2: filed again at the dissatisfied rating, same unit, the kind's deadlines counted from that day
  await tx.execute(sql`update bench_req b set r2_started = b.rated_at,
      r2_response_due = case b.kind when 'consultation' then ((b.rated_at at time zone 'Asia/Shanghai')::date + 1)::timestamp at time zone 'Asia/Shanghai'
        when 'urgent' then b.rated_at + interval '2 hours'
        else ((select w.day from bench_wd w where w.ord = wd.ord + 1) + 1)::timestamp at time zone 'Asia/Shanghai' end,
      r2_completion_due = (select w.day from bench_wd w where w.ord = wd.ord + case b.kind when 'consultation' then 1 when 'urgent' then 3 else 5 end)
    from bench_wd wd where b.reopened and wd.day = (select min(w.day) from bench_wd w where w.day >= (b.rated_at at time zone 'Asia/Shanghai')::date)`);
  await tx.execute(sql`update bench_req set r2_responded = r2_started + (r2_response_due - r2_started) * (0.1 + 0.8 * r2_resp)
    where reopened and r2_resp < 0.95`);
  await tx.execute(sql`update bench_req set r2_responded = null where r2_responded > ${now}`);
  await tx.execute(sql`update bench_req set r2_completed = (r2_started at time zone 'Asia/Shanghai')::date
      + floor((r2_completion_due - (r2_started at time zone 'Asia/Shanghai')::date + case when r2_done < 0.9 then 0 else 4 end) * r2_done)::int
    where r2_responded is not null`);
  await tx.execute(sql`update bench_req set r2_completed = null where r2_completed >= ${today}::date`);
  await tx.execute(sql`update bench_req set r2_rated_at = (r2_completed + 1)::timestamp at time zone 'Asia/Shanghai' + interval '15 hours'
    where r2_completed is not null and r2_rate < 0.9`);
  await tx.execute(sql`update bench_req set r2_rated_at = null where r2_rated_at > ${now}`);
  await tx.execute(sql`update bench_req set cur_round = case when reopened then 2 else 1 end,
    status = case when reopened then (case when r2_rated_at is not null then 'closed' when r2_completed is not null then 'answered'
        when r2_responded is not null then 'accepted' else 'reopened' end)
      else (case when rated_at is not null then 'closed' when completed_on is not null then 'answered' when responded_at is not null then 'accepted'
        else 'dispatched' end) end`);

  await tx.execute(sql`
    insert into ledger_items (id, ledger_id, seq, code, title, description, source, lead_unit_id, enterprise_id, priority, deadline, status,
      assigned_at, accepted_at, reported_at, closed_at, created_at, updated_at)
    select b.id_item, l.id, b.seq, ${REQUEST_LEDGER_CODE} || '-' || case when b.seq < 1000 then lpad(b.seq::text, 4, '0') else b.seq::text end, b.title, b.title || '，请协调解决。', 'enterpriseRequest',
      b.unit_id, b.enterprise_id, case when b.kind = 'urgent' then 'urgent' else 'normal' end,
      case when b.reopened then b.r2_completion_due else b.completion_due_on end,
      case b.status when 'dispatched' then 'assigned' when 'accepted' then 'accepted' when 'answered' then 'reported' when 'reopened' then 'inProgress' else 'closed' end,
      b.filed_at, b.responded_at, b.completed_on::timestamp at time zone 'Asia/Shanghai' + interval '17 hours',
      case when b.status = 'closed' then coalesce(b.r2_rated_at, b.rated_at) end, b.filed_at, coalesce(b.r2_rated_at, b.rated_at, b.responded_at, b.filed_at)
    from (select r.*, r.item_id as id_item, (row_number() over (order by r.filed_at, r.i))::int as seq,
      (array['咨询','申请','反映','协调','求助'])[1 + r.i % 5] || (array['政策兑现','用工招聘','用地指标','融资对接','供电扩容','规划审批','市场开拓','证照办理'])[1 + (r.i / 5) % 8]
        || '事项' as title from bench_req r) b
    cross join (select id from ledgers where code = ${REQUEST_LEDGER_CODE}) l`);
  await tx.execute(sql`
    insert into service_requests (id, item_id, enterprise_id, category, kind, title, content, contact_name, contact_phone, filed_via, filed_at,
      status, round, unit_id, closed_at, created_at, updated_at)
    select b.id, b.item_id, b.enterprise_id, b.category, b.kind, i.title, i.description, '联系人' || (b.i % 300), '138' || lpad((b.i % 100000000)::text, 8, '0'),
      (array['portal','portal','portal','cadre','visit'])[1 + b.i % 5], b.filed_at, b.status, b.cur_round, b.unit_id,
      case when b.status = 'closed' then coalesce(b.r2_rated_at, b.rated_at) end, b.filed_at, i.updated_at
    from bench_req b join ledger_items i on i.id = b.item_id`);
  await tx.execute(sql`
    insert into service_request_rounds (request_id, round, unit_id, started_at, response_due_at, responded_at, completion_due_on, completed_on,
      answer, answered_by, resolved, rating, rated_at)
    select b.id, 1, b.unit_id, b.filed_at, b.response_due_at, b.responded_at, b.completion_due_on, b.completed_on,
      case when b.completed_on is not null then '已协调办理，答复如下：……' end, case when b.completed_on is not null then b.handler end,
      case when b.completed_on is not null then b.r_res < 0.88 end,
      case when b.reopened then 'dissatisfied' when b.rated_at is null then null when b.r_rate < 0.72 then 'satisfied' else 'basicallySatisfied' end,
      b.rated_at
    from bench_req b
    union all
    select b.id, 2, b.unit_id, b.r2_started, b.r2_response_due, b.r2_responded, b.r2_completion_due, b.r2_completed,
      case when b.r2_completed is not null then '已重新办理，答复如下：……' end, case when b.r2_completed is not null then b.handler end,
      case when b.r2_completed is not null then b.r_res < 0.7 end,
      case when b.r2_rated_at is null then null when b.r2_rate < 0.6 then 'satisfied' else 'basicallySatisfied' end,
      b.r2_rated_at
    from bench_req b where b.reopened`);
  // refused once by a wrong unit within the hour, redirected to the routed unit
  await tx.execute(sql`
    insert into service_request_refusals (request_id, round, unit_id, reason, redirected_to_unit_id, at, by_user_id)
    select b.id, 1, u.id, '不属于本单位职责', b.unit_id, b.filed_at + interval '40 minutes', null
    from bench_req b join bench_units u on u.n = 1 + b.i % (select count(*) from bench_units)
    where b.refused and u.id <> b.unit_id`);
}
