// Requests (诉求, DOMAIN §9): filed by an enterprise in its portal, by a cadre on its behalf or during a visit; routed
// by category (a request whose route is missing or whose unit is gone is still registered, for a manual dispatch);
// accepted, refused with a redirect, answered (办结, with 解决 recorded apart), rated; dissatisfaction opens a new
// handling round with new deadlines; a follow-up call (回访) on a closed request. Each request is an item of the ledger
// ENT-REQUESTS, whose status, lead unit and deadline mirror the request through the ledger's module hooks (timeline,
// audit, light). Every write is one transaction with its audit record.
import {
  deadlineRulesSchema,
  defaultDeadlineRules,
  maskPersonName,
  maskPhone,
  parseSort,
  requestDeadlines,
  shanghaiDay,
  type LedgerStatus,
  type RequestCategory,
  type RequestKind,
  type RequestRating,
  type RequestStatus,
  type ServiceRequest,
  type ServiceRequestDetail,
  type requestAcceptSchema,
  type requestAnswerSchema,
  type requestCreateSchema,
  type requestDispatchSchema,
  type requestFollowUpSchema,
  type requestListQuery,
  type requestRateSchema,
  type requestRefuseSchema,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import { unitInScope } from '../../platform/access/scope.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import { settingStore } from '../../platform/setting-store.ts';
import { exportListSheet, type SheetColumn } from '../../platform/sheets.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { ledgerServiceIn } from '../ledger/ledger.service.ts';
import { routeOf } from './routing.service.ts';
import {
  categoryLabels,
  enterpriseUsers,
  isoSql,
  isPaired,
  pageOfRows,
  kindLabels,
  pairingActive,
  ratingLabels,
  REQUEST_ENTITY,
  requireEnterprise,
  requireLiveUnit,
  scopeOver,
  statusLabels,
  usersWith,
} from './service-common.ts';

export const REQUEST_LEDGER_CODE = 'ENT-REQUESTS';

type Action = 'dispatch' | 'accept' | 'refuse' | 'answer' | 'rate' | 'followUp';
type Can = Record<Action, boolean>;

/** The statuses each action starts from. */
const actionFrom: Record<Action, readonly RequestStatus[]> = {
  dispatch: ['registered', 'dispatched'],
  accept: ['dispatched', 'reopened'],
  refuse: ['dispatched', 'reopened'],
  answer: ['dispatched', 'accepted', 'reopened'],
  rate: ['answered'],
  followUp: ['closed'],
};

/** The ledger item's status for each request status. */
export const itemStatusOf: Record<RequestStatus, LedgerStatus> = {
  registered: 'assigned',
  dispatched: 'assigned',
  accepted: 'accepted',
  answered: 'reported',
  reopened: 'inProgress',
  closed: 'closed',
};

interface RequestRow {
  id: string;
  itemId: string;
  code: string;
  enterpriseId: string;
  enterpriseName: string;
  category: RequestCategory;
  kind: RequestKind;
  title: string;
  status: RequestStatus;
  round: number;
  unitId: string | null;
  unitName: string | null;
  unitPath: string | null;
  filedAt: string;
  filedVia: 'portal' | 'cadre' | 'visit';
  filedBy: string | null;
  filedByName: string | null;
  responseDueAt: string;
  respondedAt: string | null;
  completionDueOn: string;
  completedOn: string | null;
  resolved: boolean | null;
  rating: RequestRating | null;
  late: boolean;
  closedAt: string | null;
  followedUpAt: string | null;
  content: string;
  contactName: string | null;
  contactPhone: string | null;
  followUpNote: string | null;
}

const sortColumns: Record<string, SQL> = {
  filedAt: sql`r.filed_at`,
  completionDueOn: sql`cr.completion_due_on`,
  status: sql`r.status`,
};

export interface FileInput {
  enterpriseId: string;
  category: RequestCategory;
  kind: RequestKind;
  title: string;
  content: string;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  filedVia: 'portal' | 'cadre' | 'visit';
  visitId?: string | null;
}

interface ExportRow {
  code: string;
  enterpriseName: string;
  category: string;
  kind: string;
  title: string;
  status: string;
  round: number;
  unitName: string;
  filedAt: string;
  filedVia: string;
  responseDueAt: string;
  respondedAt: string;
  completionDueOn: string;
  completedOn: string;
  resolved: string;
  rating: string;
  late: string;
  contactName: string;
  contactPhone: string;
}

const exportColumns: SheetColumn<ExportRow>[] = [
  { key: 'code', header: '编号', kind: 'text', width: 18 },
  { key: 'enterpriseName', header: '企业', kind: 'text', width: 28 },
  { key: 'category', header: '类别', kind: 'text', width: 10 },
  { key: 'kind', header: '类型', kind: 'text', width: 8 },
  { key: 'title', header: '诉求', kind: 'text', width: 36 },
  { key: 'status', header: '状态', kind: 'text', width: 10 },
  { key: 'round', header: '办理轮次', kind: 'integer', width: 8 },
  { key: 'unitName', header: '承办单位', kind: 'text', width: 18 },
  { key: 'filedAt', header: '登记时间', kind: 'text', width: 18 },
  { key: 'filedVia', header: '渠道', kind: 'text', width: 8 },
  { key: 'responseDueAt', header: '响应时限', kind: 'text', width: 18 },
  { key: 'respondedAt', header: '响应时间', kind: 'text', width: 18 },
  { key: 'completionDueOn', header: '办结时限', kind: 'text', width: 12 },
  { key: 'completedOn', header: '办结日期', kind: 'text', width: 12 },
  { key: 'resolved', header: '是否解决', kind: 'text', width: 8 },
  { key: 'rating', header: '评价', kind: 'text', width: 10 },
  { key: 'late', header: '超时', kind: 'text', width: 6 },
  { key: 'contactName', header: '联系人', kind: 'text', width: 10 },
  { key: 'contactPhone', header: '联系电话', kind: 'text', width: 14 },
];

const viaLabels = { portal: '企业自报', cadre: '干部代报', visit: '走访收集' } as const;

/** A Shanghai wall-clock time of an ISO instant, for spreadsheets. */
const shanghaiTime = (s: string | null) => (s ? new Date(Date.parse(s) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export function createRequestService(deps: Deps) {
  const { db, audit, clock, notifications } = deps;
  /** The promised deadlines per kind (the defaults of DOMAIN §9 until service.manage changes them). */
  const deadlineRules = settingStore(deps, 'service.deadlineRules', deadlineRulesSchema, defaultDeadlineRules, 'service.manage');
  const today = () => todayOf(clock);

  const columns = (now: Date, day: string) => sql`r.id, r.item_id as "itemId", i.code, r.enterprise_id as "enterpriseId", e.name as "enterpriseName",
    r.category, r.kind, r.title, r.status, r.round, r.unit_id as "unitId", u.name as "unitName", u.path as "unitPath",
    ${isoSql(sql`r.filed_at`)} as "filedAt", r.filed_via as "filedVia", r.filed_by as "filedBy", fb.display_name as "filedByName",
    ${isoSql(sql`cr.response_due_at`)} as "responseDueAt", ${isoSql(sql`cr.responded_at`)} as "respondedAt",
    cr.completion_due_on::text as "completionDueOn", cr.completed_on::text as "completedOn", cr.resolved, cr.rating,
    ${lateSql(now, day)} as late, ${isoSql(sql`r.closed_at`)} as "closedAt", ${isoSql(sql`r.followed_up_at`)} as "followedUpAt",
    r.content, r.contact_name as "contactName", r.contact_phone as "contactPhone", r.follow_up_note as "followUpNote"`;
  const from = sql`service_requests r join ledger_items i on i.id = r.item_id join enterprises e on e.id = r.enterprise_id
    join service_request_rounds cr on cr.request_id = r.id and cr.round = r.round
    left join units u on u.id = r.unit_id left join users fb on fb.id = r.filed_by`;

  /** The current round answered (or not yet answered) past its response time, or done (or not yet done) past its day. */
  function lateSql(now: Date, day: string): SQL {
    return sql`(case when cr.responded_at is not null then cr.responded_at > cr.response_due_at else ${now.toISOString()}::timestamptz > cr.response_due_at end
      or case when cr.completed_on is not null then cr.completed_on > cr.completion_due_on else ${day}::date > cr.completion_due_on end)`;
  }

  /**
   * Who sees a request: scope all or service.manage everything; otherwise requests whose current unit, any round's
   * unit or a refusing unit is in the data scope, of enterprises the caller is paired with today, or filed by them.
   */
  function visible(p: Principal, day: string): SQL | undefined {
    if (p.scope.all || p.permissions.has('service.manage')) return undefined;
    return sql`(${scopeOver(p, sql`r.unit_id`)}
      or exists (select 1 from service_request_rounds x where x.request_id = r.id and ${scopeOver(p, sql`x.unit_id`)})
      or exists (select 1 from service_request_refusals f where f.request_id = r.id and ${scopeOver(p, sql`f.unit_id`)})
      or r.enterprise_id in (select sp.enterprise_id from service_pairings sp where sp.cadre_user_id = ${p.userId} and ${pairingActive('sp', day)})
      or r.filed_by = ${p.userId})`;
  }

  async function findRow(tx: DbOrTx, id: string, condition?: SQL): Promise<RequestRow | undefined> {
    const now = clock.now();
    const [row] = await queryRows<RequestRow>(
      tx,
      sql`select ${columns(now, shanghaiDay(now))} from ${from} where r.id = ${id} ${condition ? sql`and ${condition}` : sql``}`,
    );
    return row;
  }

  async function requireVisible(p: Principal, id: string, tx: DbOrTx = db): Promise<RequestRow> {
    const row = await findRow(tx, id, visible(p, today()));
    if (!row) throw notFound('request');
    return row;
  }

  const isHandler = (p: Principal, r: Pick<RequestRow, 'unitId' | 'unitPath'>) =>
    p.permissions.has('service.handle') && !!r.unitId && (r.unitId === p.unitId || unitInScope(p, r.unitId, r.unitPath ?? ''));
  const ownEnterprise = (p: Principal, r: Pick<RequestRow, 'enterpriseId'>) => !!p.enterpriseId && p.enterpriseId === r.enterpriseId;

  /** Whom each action is for, regardless of the status. */
  function mayAct(p: Principal, r: RequestRow): Can {
    const manage = p.permissions.has('service.manage');
    const handler = isHandler(p, r);
    return {
      dispatch: manage,
      accept: handler,
      refuse: handler,
      answer: handler,
      rate: manage || (ownEnterprise(p, r) && p.permissions.has('portal.use')),
      followUp: manage,
    };
  }

  function canOf(p: Principal, r: RequestRow): Can {
    const may = mayAct(p, r);
    return Object.fromEntries((Object.keys(actionFrom) as Action[]).map((a) => [a, may[a] && actionFrom[a].includes(r.status)])) as Can;
  }

  function requireAction(p: Principal, r: RequestRow, action: Action) {
    if (!mayAct(p, r)[action]) {
      throw forbidden(
        action === 'dispatch' || action === 'followUp'
          ? `only service managers ${action === 'dispatch' ? 'dispatch requests' : 'record follow-up calls'}`
          : action === 'rate'
            ? 'only the enterprise (or a service manager recording its rating) rates the answer'
            : 'only the handling unit acts on this request',
      );
    }
    if (!actionFrom[action].includes(r.status)) {
      if (action === 'rate') throw new AppError('REQUEST_NOT_RATABLE', `a request is rated once it is answered; this one is ${r.status}`);
      throw new AppError('TRANSITION_NOT_ALLOWED', `${action} is not possible while the request is ${r.status}`, { status: r.status, action });
    }
  }

  function out(p: Principal, r: RequestRow): ServiceRequest {
    return {
      id: r.id,
      itemId: r.itemId,
      code: r.code,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      category: r.category,
      kind: r.kind,
      title: r.title,
      status: r.status,
      round: r.round,
      unitId: r.unitId,
      unitName: r.unitName,
      filedAt: r.filedAt,
      filedVia: r.filedVia,
      filedByName: r.filedByName,
      responseDueAt: r.responseDueAt,
      respondedAt: r.respondedAt,
      completionDueOn: r.completionDueOn,
      completedOn: r.completedOn,
      resolved: r.resolved,
      rating: r.rating,
      late: r.late,
      closedAt: r.closedAt,
      followedUpAt: r.followedUpAt,
    };
  }

  /** Contacts in clear for field permissions and for the enterprise's own users. */
  function contacts(p: Principal, r: Pick<RequestRow, 'enterpriseId' | 'contactName' | 'contactPhone'>) {
    const own = ownEnterprise(p, r);
    return {
      contactName: own || p.permissions.has('field.personName') ? r.contactName : maskPersonName(r.contactName),
      contactPhone: own || p.permissions.has('field.phone') ? r.contactPhone : maskPhone(r.contactPhone),
    };
  }

  async function detail(p: Principal, r: RequestRow): Promise<ServiceRequestDetail> {
    const day = today();
    const [rounds, refusals, cadres] = await Promise.all([
      queryRows<ServiceRequestDetail['rounds'][number]>(
        db,
        sql`select x.round, x.unit_id as "unitId", u.name as "unitName", ${isoSql(sql`x.started_at`)} as "startedAt",
            ${isoSql(sql`x.response_due_at`)} as "responseDueAt", ${isoSql(sql`x.responded_at`)} as "respondedAt",
            x.completion_due_on::text as "completionDueOn", x.completed_on::text as "completedOn", x.answer, ab.display_name as "answeredByName",
            x.resolved, x.rating, x.rating_comment as "ratingComment", ${isoSql(sql`x.rated_at`)} as "ratedAt"
            from service_request_rounds x join units u on u.id = x.unit_id left join users ab on ab.id = x.answered_by
            where x.request_id = ${r.id} order by x.round`,
      ),
      queryRows<ServiceRequestDetail['refusals'][number]>(
        db,
        sql`select f.round, f.unit_id as "unitId", u.name as "unitName", f.reason, f.redirected_to_unit_id as "redirectedToUnitId",
            t.name as "redirectedToUnitName", ${isoSql(sql`f.at`)} as at, b.display_name as "byName"
            from service_request_refusals f join units u on u.id = f.unit_id join units t on t.id = f.redirected_to_unit_id
            left join users b on b.id = f.by_user_id where f.request_id = ${r.id} order by f.at`,
      ),
      queryRows<ServiceRequestDetail['cadres'][number]>(
        db,
        sql`select distinct on (sp.cadre_user_id) sp.cadre_user_id as "userId", cu.display_name as "displayName", sp.role
            from service_pairings sp join users cu on cu.id = sp.cadre_user_id
            where sp.enterprise_id = ${r.enterpriseId} and ${pairingActive('sp', day)} and cu.deleted_at is null
            order by sp.cadre_user_id, sp.role = 'primary' desc`,
      ),
    ]);
    return {
      ...out(p, r),
      content: r.content,
      ...contacts(p, r),
      followUpNote: r.followUpNote,
      rounds,
      refusals,
      cadres,
      can: canOf(p, r),
    };
  }

  // ---- writing ----

  /** The ledger of requests, created on the first request; supervised by the zone's root unit. */
  async function requestLedger(tx: DbOrTx): Promise<{ id: string; supervisorUnitId: string }> {
    const find = () =>
      queryRows<{ id: string; supervisorUnitId: string }>(
        tx,
        sql`select id, supervisor_unit_id as "supervisorUnitId" from ledgers where code = ${REQUEST_LEDGER_CODE}`,
      );
    const [found] = await find();
    if (found) return found;
    const [root] = await queryRows<{ id: string }>(
      tx,
      sql`select id from units where parent_id is null and deleted_at is null order by sort, created_at limit 1`,
    );
    if (!root) throw new AppError('INTERNAL', 'no root unit to supervise the requests');
    await tx.execute(
      sql`insert into ledgers (kind, code, name, supervisor_unit_id, checkpoint_template_id)
          values ('request', ${REQUEST_LEDGER_CODE}, '企业诉求', ${root.id}, null) on conflict (code) do nothing`,
    );
    return (await find())[0]!;
  }

  async function notifyUnit(tx: DbOrTx, unitId: string, r: { id: string; title: string }, title: string, body: string) {
    await notifications.notify(tx, {
      kind: 'service.request',
      userIds: await usersWith(tx, 'service.handle', unitId),
      title: `${title}：${r.title}`,
      body,
      link: `/service/requests/${r.id}`,
    });
  }

  /** Files one request inside the caller's transaction: the ledger item, the request, its first round. */
  async function fileTx(tx: DbOrTx, ctx: RequestContext, p: Principal, input: FileInput): Promise<string> {
    const enterprise = await requireEnterprise(tx, input.enterpriseId, 'body.enterpriseId');
    const ledger = await requestLedger(tx);
    const unitId = await routeOf(tx, input.category);
    const now = clock.now();
    const year = Number(shanghaiDay(now).slice(0, 4));
    const due = requestDeadlines(now, (await deadlineRules.get(tx))[input.kind], await loadCalendar(tx, year, year + 1));
    const [itemId] = await ledgerServiceIn(deps, tx).createMany(ctx, null, ledger.id, [
      {
        ledgerId: ledger.id,
        title: input.title,
        description: input.content,
        source: 'enterpriseRequest',
        enterpriseId: enterprise.id,
        leadUnitId: unitId ?? ledger.supervisorUnitId,
        coUnitIds: [],
        deadline: due.completionDueOn,
        priority: input.kind === 'urgent' ? 'urgent' : 'normal',
        focus: false,
        frequency: 'week',
        longTerm: false,
      },
    ]);
    const status: RequestStatus = unitId ? 'dispatched' : 'registered';
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into service_requests (item_id, enterprise_id, category, kind, title, content, contact_name, contact_phone, filed_via, filed_by,
            filed_at, visit_id, status, round, unit_id, created_by)
          values (${itemId!}, ${enterprise.id}, ${input.category}, ${input.kind}, ${input.title}, ${input.content}, ${input.contactName ?? null},
            ${input.contactPhone ?? null}, ${input.filedVia}, ${p.userId}, ${now}, ${input.visitId ?? null}, ${status}, 1, ${unitId}, ${p.userId})
          returning id`,
    );
    const id = row!.id;
    await tx.execute(
      sql`insert into service_request_rounds (request_id, round, unit_id, started_at, response_due_at, completion_due_on)
          values (${id}, 1, ${unitId ?? ledger.supervisorUnitId}, ${now}, ${due.responseDueAt}, ${due.completionDueOn})`,
    );
    await audit.record(tx, ctx, {
      action: 'service.request.file',
      entityType: REQUEST_ENTITY,
      entityId: id,
      diff: {
        itemId,
        enterpriseId: enterprise.id,
        category: input.category,
        kind: input.kind,
        title: input.title,
        filedVia: input.filedVia,
        status,
        unitId,
        responseDueAt: due.responseDueAt.toISOString(),
        completionDueOn: due.completionDueOn,
      },
    });
    if (unitId) await notifyUnit(tx, unitId, { id, title: input.title }, '新企业诉求', `${enterprise.name}，办结时限 ${due.completionDueOn}`);
    else {
      await notifications.notify(tx, {
        kind: 'service.unrouted',
        userIds: await usersWith(tx, 'service.manage'),
        title: `企业诉求待分派：${input.title}`,
        body: `${enterprise.name}：类别「${categoryLabels[input.category]}」没有可用的承办单位，请手动分派`,
        link: `/service/requests/${id}`,
      });
    }
    return id;
  }

  /**
   * Runs an action on a request in one transaction: the row locked and read again (its status may have moved since),
   * the action checked, then `write`.
   */
  async function act(p: Principal, id: string, action: Action, write: (tx: DbOrTx, r: RequestRow) => Promise<void>, row?: RequestRow) {
    const seen = row ?? (await requireVisible(p, id));
    requireAction(p, seen, action);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select id from service_requests where id = ${id} for update`);
      const r = (await findRow(tx, id))!;
      requireAction(p, r, action);
      await write(tx, r);
    });
    return id;
  }

  const setStatus = (tx: DbOrTx, id: string, status: RequestStatus, extra: SQL = sql``) =>
    tx.execute(sql`update service_requests set status = ${status}, updated_at = ${clock.now()} ${extra} where id = ${id}`);

  /** The request of the portal user's own enterprise; another enterprise's is refused and the attempt audited. */
  async function requirePortalRow(ctx: RequestContext, p: Principal, id: string): Promise<RequestRow> {
    if (!p.enterpriseId) throw forbidden('the portal is for enterprise users');
    const row = await findRow(db, id);
    if (!row) throw notFound('request');
    if (row.enterpriseId !== p.enterpriseId) {
      await audit.record(null, ctx, {
        action: 'service.request.denied',
        entityType: REQUEST_ENTITY,
        entityId: id,
        result: 'failure',
        resultCode: 'FORBIDDEN',
        diff: { enterpriseId: p.enterpriseId, requestEnterpriseId: row.enterpriseId },
      });
      throw forbidden('this request belongs to another enterprise');
    }
    return row;
  }

  /** `only`: the rows to consider (the caller's visibility, or the portal's own enterprise). */
  async function listRows(q: z.output<typeof requestListQuery>, only: SQL | undefined, paged: boolean) {
    const now = clock.now();
    const day = shanghaiDay(now);
    const where: SQL[] = only ? [only] : [];
    if (q.status) where.push(sql`r.status = ${q.status}`);
    if (q.open) where.push(q.open === 'true' ? sql`r.status <> 'closed'` : sql`r.status = 'closed'`);
    if (q.category) where.push(sql`r.category = ${q.category}`);
    if (q.kind) where.push(sql`r.kind = ${q.kind}`);
    if (q.unitId) where.push(sql`r.unit_id = ${q.unitId}`);
    if (q.enterpriseId) where.push(sql`r.enterprise_id = ${q.enterpriseId}`);
    if (q.late) where.push(q.late === 'true' ? lateSql(now, day) : sql`not ${lateSql(now, day)}`);
    if (q.from) where.push(sql`r.filed_at >= ${`${q.from}T00:00:00+08:00`}::timestamptz`);
    if (q.to) where.push(sql`r.filed_at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
    if (q.q) where.push(sql`(r.title ilike ${likePattern(q.q)} or e.name ilike ${likePattern(q.q)} or i.code = ${q.q})`);
    const sort = parseSort(q.sort, '-filedAt');
    const order = sql`${sortColumns[sort.field]!} ${sort.desc ? sql`desc` : sql`asc`}, r.filed_at desc, r.id`;
    const { limit, offset } = paged ? limitOffset(q) : { limit: 50_000, offset: 0 };
    const { rows, total } = await pageOfRows<RequestRow>(db, { columns: columns(now, day), from, where, order, limit, offset });
    return { rows, total };
  }

  const service = {
    deadlineRules,
    fileTx,
    requestLedger,

    /** A request filed by a cadre on an enterprise's behalf (paired with it, unless a service manager). */
    async file(ctx: RequestContext, p: Principal, input: z.infer<typeof requestCreateSchema>) {
      if (!input.enterpriseId) throw validationError([{ path: 'body.enterpriseId', message: 'required: the enterprise the request is filed for' }]);
      const enterpriseId = input.enterpriseId;
      if (!p.permissions.has('service.manage') && !(await isPaired(db, p.userId, enterpriseId, today()))) {
        throw forbidden('you file requests for the enterprises you are paired with');
      }
      const id = await db.transaction((tx) => fileTx(tx, ctx, p, { ...input, enterpriseId, filedVia: 'cadre' }));
      return service.get(p, id);
    },

    async list(p: Principal, q: z.output<typeof requestListQuery>) {
      const { rows, total } = await listRows(q, visible(p, today()), true);
      return toPage(
        rows.map((r) => out(p, r)),
        total,
        q,
      );
    },

    async get(p: Principal, id: string) {
      return detail(p, await requireVisible(p, id));
    },

    /** How many requests the caller sees are not closed now. */
    async openCount(p: Principal): Promise<number> {
      const v = visible(p, today());
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from service_requests r where r.status <> 'closed' ${v ? sql`and ${v}` : sql``}`,
      );
      return row?.n ?? 0;
    },

    async dispatch(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestDispatchSchema>) {
      await act(p, id, 'dispatch', async (tx, r) => {
        const unit = await requireLiveUnit(tx, input.unitId, 'body.unitId');
        await setStatus(tx, id, 'dispatched', sql`, unit_id = ${unit.id}`);
        await tx.execute(sql`update service_request_rounds set unit_id = ${unit.id} where request_id = ${id} and round = ${r.round}`);
        await ledgerServiceIn(deps, tx).applyModuleChange(tx, ctx, p, r.itemId, {
          event: 'dispatch',
          leadUnitId: unit.id,
          body: input.note ?? null,
          data: { requestId: id, unitName: unit.name },
        });
        await audit.record(tx, ctx, {
          action: 'service.request.dispatch',
          entityType: REQUEST_ENTITY,
          entityId: id,
          diff: { changed: { status: { from: r.status, to: 'dispatched' }, unitId: { from: r.unitId, to: unit.id } }, note: input.note ?? null },
        });
        await notifyUnit(tx, unit.id, r, '分派企业诉求', `${r.enterpriseName}，办结时限 ${r.completionDueOn}`);
      });
      return service.get(p, id);
    },

    async accept(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestAcceptSchema>) {
      await act(p, id, 'accept', async (tx, r) => {
        const now = clock.now();
        await setStatus(tx, id, 'accepted');
        await tx.execute(sql`update service_request_rounds set responded_at = coalesce(responded_at, ${now}) where request_id = ${id} and round = ${r.round}`);
        await ledgerServiceIn(deps, tx).applyModuleStatus(tx, ctx, p, r.itemId, 'accepted', 'accept', input.note ?? null);
        await audit.record(tx, ctx, {
          action: 'service.request.accept',
          entityType: REQUEST_ENTITY,
          entityId: id,
          diff: { changed: { status: { from: r.status, to: 'accepted' } }, round: r.round, note: input.note ?? null },
        });
      });
      return service.get(p, id);
    },

    /** The handling unit refuses: recorded with where it was redirected; the request goes there in the same round. */
    async refuse(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestRefuseSchema>) {
      await act(p, id, 'refuse', async (tx, r) => {
        if (input.redirectToUnitId === r.unitId) {
          throw validationError([{ path: 'body.redirectToUnitId', message: 'redirect the request to another unit than the one refusing it' }]);
        }
        const [known] = await queryRows<{ id: string }>(tx, sql`select id from units where id = ${input.redirectToUnitId}`);
        if (!known) throw validationError([{ path: 'body.redirectToUnitId', message: 'unknown unit' }]);
        const unit = await requireLiveUnit(tx, input.redirectToUnitId, 'body.redirectToUnitId');
        const now = clock.now();
        await tx.execute(
          sql`insert into service_request_refusals (request_id, round, unit_id, reason, redirected_to_unit_id, at, by_user_id)
              values (${id}, ${r.round}, ${r.unitId!}, ${input.reason}, ${unit.id}, ${now}, ${p.userId})`,
        );
        await setStatus(tx, id, 'dispatched', sql`, unit_id = ${unit.id}`);
        await tx.execute(sql`update service_request_rounds set unit_id = ${unit.id} where request_id = ${id} and round = ${r.round}`);
        const ledger = ledgerServiceIn(deps, tx);
        await ledger.applyModuleChange(tx, ctx, p, r.itemId, {
          event: 'redirect',
          leadUnitId: unit.id,
          body: input.reason,
          data: { requestId: id, fromUnitName: r.unitName, toUnitName: unit.name },
        });
        await ledger.applyModuleStatus(tx, ctx, p, r.itemId, itemStatusOf.dispatched, 'redirect', input.reason);
        await audit.record(tx, ctx, {
          action: 'service.request.refuse',
          entityType: REQUEST_ENTITY,
          entityId: id,
          diff: {
            changed: { status: { from: r.status, to: 'dispatched' }, unitId: { from: r.unitId, to: unit.id } },
            round: r.round,
            reason: input.reason,
          },
        });
        await notifyUnit(tx, unit.id, r, '转办企业诉求', `${r.unitName ?? ''}退回并转至贵单位：${input.reason}`);
      });
      return service.get(p, id);
    },

    /** 办结: the answer, whether it solved the problem (解决), the day; the response time if not yet responded. */
    async answer(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestAnswerSchema>) {
      await act(p, id, 'answer', async (tx, r) => {
        if (input.templateId) {
          const [t] = await queryRows<{ id: string }>(tx, sql`select id from service_reply_templates where id = ${input.templateId}`);
          if (!t) throw validationError([{ path: 'body.templateId', message: 'unknown reply template' }]);
        }
        const now = clock.now();
        const day = shanghaiDay(now);
        await setStatus(tx, id, 'answered');
        await tx.execute(
          sql`update service_request_rounds set responded_at = coalesce(responded_at, ${now}), completed_on = ${day}, answer = ${input.answer},
              resolved = ${input.resolved}, answered_by = ${p.userId} where request_id = ${id} and round = ${r.round}`,
        );
        await ledgerServiceIn(deps, tx).applyModuleStatus(tx, ctx, p, r.itemId, 'reported', 'answer', input.answer);
        await audit.record(tx, ctx, {
          action: 'service.request.answer',
          entityType: REQUEST_ENTITY,
          entityId: id,
          diff: {
            changed: { status: { from: r.status, to: 'answered' } },
            round: r.round,
            completedOn: day,
            resolved: input.resolved,
            templateId: input.templateId ?? null,
          },
        });
        await notifications.notify(tx, {
          kind: 'service.answered',
          userIds: await enterpriseUsers(tx, r.enterpriseId),
          title: `诉求已办结，请评价：${r.title}`,
          body: input.answer.slice(0, 200),
          link: `/portal/requests/${id}`,
        });
      });
      return service.get(p, id);
    },

    /**
     * The enterprise's rating of the current round: satisfied or basically satisfied closes the request;
     * dissatisfied reopens it in a new round for the same unit with deadlines counted from now.
     */
    async rate(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestRateSchema>, row?: RequestRow) {
      await act(
        p,
        id,
        'rate',
        async (tx, r) => {
          const now = clock.now();
          await tx.execute(
            sql`update service_request_rounds set rating = ${input.rating}, rating_comment = ${input.comment ?? null}, rated_at = ${now}, rated_by = ${p.userId}
                where request_id = ${id} and round = ${r.round}`,
          );
          const ledger = ledgerServiceIn(deps, tx);
          if (input.rating !== 'dissatisfied') {
            await setStatus(tx, id, 'closed', sql`, closed_at = ${now}`);
            await ledger.applyModuleStatus(
              tx,
              ctx,
              p,
              r.itemId,
              'closed',
              'close',
              `${ratingLabels[input.rating]}${input.comment ? `：${input.comment}` : ''}`,
            );
            await audit.record(tx, ctx, {
              action: 'service.request.rate',
              entityType: REQUEST_ENTITY,
              entityId: id,
              diff: { changed: { status: { from: r.status, to: 'closed' } }, round: r.round, rating: input.rating, comment: input.comment ?? null },
            });
            return;
          }
          const unitId = r.unitId!;
          const year = Number(shanghaiDay(now).slice(0, 4));
          const due = requestDeadlines(now, (await deadlineRules.get(tx))[r.kind], await loadCalendar(tx, year, year + 1));
          const round = r.round + 1;
          await tx.execute(
            sql`insert into service_request_rounds (request_id, round, unit_id, started_at, response_due_at, completion_due_on)
                values (${id}, ${round}, ${unitId}, ${now}, ${due.responseDueAt}, ${due.completionDueOn})`,
          );
          await setStatus(tx, id, 'reopened', sql`, round = ${round}`);
          const reason = `不满意${input.comment ? `：${input.comment}` : ''}`;
          await ledger.applyModuleStatus(tx, ctx, p, r.itemId, 'inProgress', 'reopen', reason);
          await ledger.applyModuleChange(tx, ctx, p, r.itemId, {
            event: 'newRound',
            deadline: due.completionDueOn,
            body: reason,
            data: { requestId: id, round, responseDueAt: due.responseDueAt.toISOString() },
          });
          await audit.record(tx, ctx, {
            action: 'service.request.rate',
            entityType: REQUEST_ENTITY,
            entityId: id,
            diff: {
              changed: { status: { from: r.status, to: 'reopened' }, round: { from: r.round, to: round } },
              rating: input.rating,
              comment: input.comment ?? null,
              completionDueOn: due.completionDueOn,
            },
          });
          await notifyUnit(
            tx,
            unitId,
            r,
            '企业不满意，诉求重新办理',
            `第 ${round} 轮，办结时限 ${due.completionDueOn}${input.comment ? `；${input.comment}` : ''}`,
          );
        },
        row,
      );
    },

    /** A service manager records the enterprise's rating taken by phone. */
    async rateRecorded(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestRateSchema>) {
      await service.rate(ctx, p, id, input);
      return service.get(p, id);
    },

    async followUp(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestFollowUpSchema>) {
      await act(p, id, 'followUp', async (tx, r) => {
        const now = clock.now();
        await tx.execute(sql`update service_requests set followed_up_at = ${now}, follow_up_note = ${input.note}, updated_at = ${now} where id = ${id}`);
        await ledgerServiceIn(deps, tx).applyModuleChange(tx, ctx, p, r.itemId, { event: 'followUp', body: input.note, data: { requestId: id } });
        await audit.record(tx, ctx, {
          action: 'service.request.followUp',
          entityType: REQUEST_ENTITY,
          entityId: id,
          diff: { followedUpAt: { from: r.followedUpAt, to: now.toISOString() }, note: input.note },
        });
      });
      return service.get(p, id);
    },

    /** The filtered list as xlsx (at most 50,000 rows), contacts masked as on screen; audited. */
    async exportXlsx(ctx: RequestContext, p: Principal, q: z.output<typeof requestListQuery>) {
      const { rows } = await listRows(q, visible(p, today()), false);
      const data: ExportRow[] = rows.map((r) => {
        const c = contacts(p, r);
        return {
          code: r.code,
          enterpriseName: r.enterpriseName,
          category: categoryLabels[r.category],
          kind: kindLabels[r.kind],
          title: r.title,
          status: statusLabels[r.status],
          round: r.round,
          unitName: r.unitName ?? '',
          filedAt: shanghaiTime(r.filedAt),
          filedVia: viaLabels[r.filedVia],
          responseDueAt: shanghaiTime(r.responseDueAt),
          respondedAt: shanghaiTime(r.respondedAt),
          completionDueOn: r.completionDueOn,
          completedOn: r.completedOn ?? '',
          resolved: r.resolved === null ? '' : r.resolved ? '是' : '否',
          rating: r.rating ? ratingLabels[r.rating] : '',
          late: r.late ? '是' : '',
          contactName: c.contactName ?? '',
          contactPhone: c.contactPhone ?? '',
        };
      });
      return exportListSheet(audit, ctx, { id: 'service-requests', title: '企业诉求清单', columns: exportColumns, naturalKey: (r) => r.code }, data, {
        action: 'service.request.export',
        entityType: REQUEST_ENTITY,
        query: q,
        filename: `企业诉求清单-${today()}.xlsx`,
      });
    },

    // ---- the portal (an enterprise user, its own enterprise only) ----

    async portalHome(p: Principal) {
      const enterpriseId = requirePortalUser(p);
      const day = today();
      const [enterprise] = await queryRows<{ id: string; name: string }>(db, sql`select id, name from enterprises where id = ${enterpriseId}`);
      if (!enterprise) throw notFound('enterprise');
      const [cadres, counts, projects] = await Promise.all([
        queryRows<{ userId: string; displayName: string; unitName: string; phone: string | null; role: 'primary' | 'liaison' }>(
          db,
          sql`select distinct on (sp.cadre_user_id) sp.cadre_user_id as "userId", cu.display_name as "displayName", un.name as "unitName",
              cu.phone, sp.role
              from service_pairings sp join users cu on cu.id = sp.cadre_user_id join units un on un.id = cu.unit_id
              where sp.enterprise_id = ${enterpriseId} and ${pairingActive('sp', day)} and cu.deleted_at is null and cu.status = 'active'
              order by sp.cadre_user_id, sp.role = 'primary' desc`,
        ),
        queryRows<{ open: number; awaitingRating: number; closed: number }>(
          db,
          sql`select count(*) filter (where status not in ('answered', 'closed'))::int as open,
              count(*) filter (where status = 'answered')::int as "awaitingRating", count(*) filter (where status = 'closed')::int as closed
              from service_requests where enterprise_id = ${enterpriseId}`,
        ),
        queryRows<{ id: string; name: string; light: string }>(
          db,
          sql`select id, name, light from projects where owner_enterprise_id = ${enterpriseId} and deleted_at is null order by name`,
        ),
      ]);
      return {
        enterprise,
        cadres: cadres
          .sort((a, b) => (a.role === b.role ? a.displayName.localeCompare(b.displayName) : a.role === 'primary' ? -1 : 1))
          .map((c) => ({ ...c, phone: p.permissions.has('field.phone') ? c.phone : maskPhone(c.phone) })),
        ...counts[0]!,
        projects,
      };
    },

    async portalList(p: Principal, q: z.output<typeof requestListQuery>) {
      const enterpriseId = requirePortalUser(p);
      const { rows, total } = await listRows({ ...q, enterpriseId: undefined }, sql`r.enterprise_id = ${enterpriseId}`, true);
      return toPage(
        rows.map((r) => out(p, r)),
        total,
        q,
      );
    },

    async portalGet(ctx: RequestContext, p: Principal, id: string) {
      return detail(p, await requirePortalRow(ctx, p, id));
    },

    /** Filed by the enterprise itself: the enterprise is the user's, whatever the body says. */
    async portalFile(ctx: RequestContext, p: Principal, input: z.infer<typeof requestCreateSchema>) {
      const enterpriseId = requirePortalUser(p);
      const id = await db.transaction((tx) => fileTx(tx, ctx, p, { ...input, enterpriseId, filedVia: 'portal' }));
      return detail(p, (await findRow(db, id))!);
    },

    async portalRate(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof requestRateSchema>) {
      const row = await requirePortalRow(ctx, p, id);
      await service.rate(ctx, p, id, input, row);
      return detail(p, (await findRow(db, id))!);
    },
  };

  function requirePortalUser(p: Principal): string {
    if (!p.enterpriseId) throw forbidden('the portal is for enterprise users');
    return p.enterpriseId;
  }

  return service;
}

export type RequestService = ReturnType<typeof createRequestService>;
