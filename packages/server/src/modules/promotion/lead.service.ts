// Investment leads (招商线索, DOMAIN §5): registration with the duplicate warning, stage moves with what each stage
// requires, transfers between staff, closure, clock completions, and the reads. Visibility: the data scope over the
// owner's unit, and the owner always. Contacts (names, phones, referrer phone, credit code) are shown in clear only to
// the owner and to superiors (promotion.approve with the owner's unit in their scope). Every write is audited in its
// transaction and leaves a lead event (the lead's history).
import { eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  clockRuleListSchema,
  companyKey,
  defaultClockRules,
  foreignToWan,
  leadClocks,
  leadStageIndex,
  maskPersonName,
  maskPhone,
  maskUscc,
  stageDateProblems,
  stageMissing,
  type ClockState,
  type Lead,
  type LeadDetail,
  type LeadStage,
  type leadBoardSchema,
  type leadEventSchema,
  leadStages,
  leadCloseSchema,
  leadClockDoneSchema,
  leadCreateSchema,
  leadListQuery,
  leadStageMoveSchema,
  leadTransferSchema,
  leadUpdateSchema,
  parseSort,
} from '@zoneops/shared';
import { promotionLeadEvents, promotionLeads } from '../../db/schema.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { unitInScope, visibleCondition } from '../../platform/access/scope.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { likePattern } from '../../platform/lists.ts';
import { settingStore } from '../../platform/setting-store.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';

export const LEAD_ENTITY = 'promotionLead';

/** The clocks' names in reminders and on the workbench (the web has its own texts). */
const clockNames: Record<string, string> = { answer: '答复', assess: '评估', feedback: '反馈', report: '跟踪报告' };

type LeadBoard = z.infer<typeof leadBoardSchema>;
type LeadEvent = z.infer<typeof leadEventSchema>;

type Row = Record<string, unknown> & {
  id: string;
  code: string;
  company: string;
  uscc: string | null;
  ownerUserId: string;
  ownerUnitId: string;
  ownerUnitPath: string;
  stage: LeadStage;
  registeredOn: string;
  clocksDone: Record<string, string>;
  outcome: string;
  contacts: { name: string; title?: string | null; phone?: string | null; email?: string | null }[];
  updatedAt: Date | string;
};

const columns = sql`l.id, l.code, l.company, l.company_key as "companyKey", l.uscc, l.parent_company as "parentCompany",
  l.country_region as "countryRegion", l.fortune500, l.industry, l.content, l.planned_investment::text as "plannedInvestment",
  l.currency, l.foreign_amount::text as "foreignAmount", l.fx_rate::text as "fxRate", l.land_mu as "landMu",
  l.expected_tax as "expectedTax", l.energy_use as "energyUse", l.expected_output as "expectedOutput",
  l.environmental_category as "environmentalCategory", l.chain_fit as "chainFit", l.chain_segment_id as "chainSegmentId",
  l.source, l.referrer, l.referrer_phone as "referrerPhone", l.contacts, l.owner_user_id as "ownerUserId", o.display_name as "ownerName",
  l.owner_unit_id as "ownerUnitId", u.path as "ownerUnitPath", l.team_id as "teamId", tm.name as "teamName", l.stage, l.outcome,
  l.registered_on::text as "registeredOn", l.signed_on::text as "signedOn", l.signed_amount::text as "signedAmount",
  l.planned_start_on::text as "plannedStartOn", l.started_on::text as "startedOn", l.capital_in_place::text as "capitalInPlace",
  l.production_on::text as "productionOn", l.clocks_done as "clocksDone", l.clock_state as "clockState", l.project_id as "projectId",
  l.updated_at as "updatedAt"`;
const from = sql`promotion_leads l join users o on o.id = l.owner_user_id join units u on u.id = l.owner_unit_id
  left join promotion_teams tm on tm.id = l.team_id`;

/** The list filters (GET /api/promotion/leads), shared by the list, the kanban and the export. */
export type LeadFilters = Omit<z.output<typeof leadListQuery>, 'page' | 'pageSize' | 'sort'>;

/** A lead's contact fields as the caller may see them: in clear, or masked as on screen and in exports. */
export function contactView(clear: boolean, r: { uscc: string | null; referrer?: unknown; referrerPhone?: unknown; contacts: Row['contacts'] }) {
  return {
    uscc: clear ? r.uscc : maskUscc(r.uscc),
    referrer: clear ? ((r.referrer as string | null) ?? null) : maskPersonName((r.referrer as string | null) ?? null),
    referrerPhone: clear ? ((r.referrerPhone as string | null) ?? null) : maskPhone((r.referrerPhone as string | null) ?? null),
    contacts: r.contacts.map((c) => ({
      name: clear ? c.name : (maskPersonName(c.name) ?? ''),
      title: c.title ?? null,
      phone: clear ? (c.phone ?? null) : maskPhone(c.phone ?? null),
      email: clear ? (c.email ?? null) : c.email ? '***' : null,
    })),
  };
}

/** Kanban cards per stage column. */
export const BOARD_CARDS = 20;

/** The sortable columns; only planned_investment may be null. */
const sortColumns: Record<string, { col: SQL; nullable: boolean }> = {
  registeredOn: { col: sql`l.registered_on`, nullable: false },
  company: { col: sql`l.company`, nullable: false },
  plannedInvestment: { col: sql`l.planned_investment`, nullable: true },
  stage: { col: sql`l.stage`, nullable: false },
  updatedAt: { col: sql`l.updated_at`, nullable: false },
};

/**
 * The list's order: the column with nulls last, then the id. A column that holds no nulls sorts without the nulls
 * clause (the same order) so that a plain index on it serves both directions (PostgreSQL matches an index to the
 * ORDER BY including its nulls placement, ignoring NOT NULL); the id settles ties (migration 0014's indexes).
 */
function leadOrder(sortParam: string | undefined): SQL {
  const sort = parseSort(sortParam, '-registeredOn');
  const { col, nullable } = sortColumns[sort.field]!;
  return sql`${col} ${sort.desc ? sql`desc` : sql`asc`}${nullable ? sql` nulls last` : sql``}, l.id`;
}

/** The worst of a lead's clocks. */
export function worstClock(states: readonly ClockState[]): ClockState {
  for (const s of ['overdue', 'dueToday', 'open'] as const) if (states.includes(s)) return s;
  return 'done';
}

export function createLeadService(deps: Deps) {
  const { db, audit, clock } = deps;
  /** The service clocks (DOMAIN §5 defaults until promotion.manage changes them). */
  const clockRules = settingStore(
    deps,
    'promotion.clockRules',
    clockRuleListSchema,
    defaultClockRules as z.output<typeof clockRuleListSchema>,
    'promotion.manage',
  );

  const visible = (p: Principal) => visibleCondition(LEAD_ENTITY, p, { unitId: sql`l.owner_unit_id`, createdBy: sql`l.owner_user_id` });
  const where = (p: Principal, extra: SQL[] = []) => {
    const v = visible(p);
    return sql.join([sql`l.deleted_at is null`, ...(v ? [v] : []), ...extra], sql` and `);
  };

  /** The owner, or a superior: promotion.approve with the owner's unit in the data scope. */
  function seesContacts(p: Principal, row: Pick<Row, 'ownerUserId' | 'ownerUnitId' | 'ownerUnitPath'>): boolean {
    if (row.ownerUserId === p.userId) return true;
    if (!p.permissions.has('promotion.approve')) return false;
    return unitInScope(p, row.ownerUnitId, row.ownerUnitPath);
  }

  /** A user who may own leads within the caller's data scope: the unit to record, or a 400 on `path`. */
  async function ownerWithin(p: Principal, userId: string, path: string): Promise<{ unitId: string }> {
    const [u] = await queryRows<{ unitId: string; unitPath: string; perms: string[] }>(
      db,
      sql`select u.unit_id as "unitId", un.path as "unitPath", coalesce(array_agg(distinct pm) filter (where pm is not null), '{}') as perms
        from users u join units un on un.id = u.unit_id left join user_roles ur on ur.user_id = u.id left join roles ro on ro.id = ur.role_id
        left join lateral unnest(ro.permissions) pm on true
        where u.id = ${userId} and u.deleted_at is null group by u.unit_id, un.path`,
    );
    if (!u) throw validationError([{ path, message: 'unknown user' }]);
    if (!u.perms.includes('promotion.write')) throw validationError([{ path, message: 'the user does not follow leads (no promotion.write)' }]);
    const within = unitInScope(p, u.unitId, u.unitPath) || userId === p.userId;
    if (!within) throw validationError([{ path, message: 'the user is outside your data scope' }]);
    return { unitId: u.unitId };
  }

  async function requireTeam(teamId: string | null | undefined) {
    if (!teamId) return;
    const [t] = await queryRows<{ id: string }>(db, sql`select id from promotion_teams where id = ${teamId} and active`);
    if (!t) throw validationError([{ path: 'body.teamId', message: 'unknown or inactive team' }]);
  }

  /** A live segment of a live chain, or a 400 on body.chainSegmentId. */
  async function requireSegment(segmentId: string | null | undefined) {
    if (!segmentId) return;
    const [s] = await queryRows<{ id: string }>(
      db,
      sql`select s.id from chain_segments s join industry_chains c on c.id = s.chain_id
        where s.id = ${segmentId} and s.deleted_at is null and c.deleted_at is null`,
    );
    if (!s) throw validationError([{ path: 'body.chainSegmentId', message: 'unknown industry chain segment' }]);
  }

  async function calendarFor(tx: DbOrTx, day: string) {
    const year = Number(day.slice(0, 4));
    return loadCalendar(tx, year - 1, year + 1);
  }

  async function duplicatesOf(tx: DbOrTx, key: string, uscc: string | null, exceptId?: string) {
    return queryRows<{ id: string; code: string; company: string }>(
      tx,
      sql`select id, code, company from promotion_leads where deleted_at is null
        and (company_key = ${key} ${uscc ? sql`or uscc = ${uscc}` : sql``}) ${exceptId ? sql`and id <> ${exceptId}` : sql``}
        order by registered_on limit 5`,
    );
  }

  function out(p: Principal, r: Row, duplicateOf: Lead['duplicateOf']): Lead {
    const view = contactView(seesContacts(p, r), r);
    return {
      id: r.id,
      code: r.code,
      company: r.company,
      uscc: view.uscc,
      parentCompany: (r.parentCompany as string | null) ?? null,
      countryRegion: r.countryRegion as string,
      fortune500: r.fortune500 as boolean,
      industry: r.industry as string,
      plannedInvestment: (r.plannedInvestment as string | null) ?? null,
      currency: (r.currency as string | null) ?? null,
      foreignAmount: (r.foreignAmount as string | null) ?? null,
      fxRate: (r.fxRate as string | null) ?? null,
      landMu: (r.landMu as number | null) ?? null,
      source: r.source as string,
      referrer: view.referrer,
      stage: r.stage,
      outcome: r.outcome as Lead['outcome'],
      ownerUserId: r.ownerUserId,
      ownerName: r.ownerName as string,
      teamId: (r.teamId as string | null) ?? null,
      teamName: (r.teamName as string | null) ?? null,
      registeredOn: r.registeredOn,
      signedOn: (r.signedOn as string | null) ?? null,
      signedAmount: (r.signedAmount as string | null) ?? null,
      capitalInPlace: (r.capitalInPlace as string | null) ?? null,
      clockState: r.clockState as ClockState,
      duplicateOf,
      projectId: (r.projectId as string | null) ?? null,
      updatedAt: new Date(r.updatedAt).toISOString(),
    };
  }

  async function requireRow(p: Principal, id: string, tx: DbOrTx = db): Promise<Row> {
    const [row] = await queryRows<Row>(tx, sql`select ${columns} from ${from} where l.id = ${id} and ${where(p)}`);
    if (!row) throw notFound('lead');
    return row;
  }

  async function event(tx: DbOrTx, leadId: string, p: Principal, kind: string, fromValue: string | null, toValue: string | null, reason: string | null = null) {
    await tx.insert(promotionLeadEvents).values({ leadId, kind, fromValue, toValue, reason, at: clock.now(), byUserId: p.userId });
  }

  function filters(q: LeadFilters): SQL[] {
    const extra: SQL[] = [];
    if (q.stage) extra.push(sql`l.stage = ${q.stage}`);
    extra.push(sql`l.outcome = ${q.outcome ?? 'active'}`);
    if (q.ownerUserId) extra.push(sql`l.owner_user_id = ${q.ownerUserId}`);
    if (q.teamId) extra.push(sql`l.team_id = ${q.teamId}`);
    if (q.industry) extra.push(sql`l.industry = ${q.industry}`);
    if (q.clockState) extra.push(sql`l.clock_state = ${q.clockState}`);
    if (q.q) extra.push(sql`(l.company ilike ${likePattern(q.q)} or l.code = ${q.q})`);
    return extra;
  }

  const canEdit = (p: Principal, r: Pick<Row, 'ownerUserId' | 'ownerUnitId' | 'ownerUnitPath'>) =>
    p.permissions.has('promotion.write') && (r.ownerUserId === p.userId || (p.permissions.has('promotion.approve') && seesContacts(p, r)));

  const service = {
    clockRules,
    seesContacts,

    async list(p: Principal, q: z.output<typeof leadListQuery>) {
      const order = leadOrder(q.sort);
      const w = where(p, filters(q));
      // The page's ids first (an index in the order, skipped rows never joined), then the columns of those rows.
      const [rows, [total]] = await Promise.all([
        queryRows<Row>(
          db,
          sql`select ${columns} from ${from} where l.id in (
            select l.id from promotion_leads l where ${w} order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}) order by ${order}`,
        ),
        queryRows<{ n: number }>(db, sql`select count(*)::int as n from promotion_leads l where ${w}`),
      ]);
      return { items: rows.map((r) => out(p, r, [])), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * The kanban: every stage with its count and planned investment (one grouped query), and the first cards of each
     * stage by last change (one LATERAL query, a top-N per stage). The list's filters and visibility; `stage` narrows
     * the cards and counts to one column while the other columns stay (empty).
     */
    async board(p: Principal, q: LeadFilters): Promise<LeadBoard> {
      const w = where(p, filters(q));
      const [totals, cards] = await Promise.all([
        queryRows<{ stage: LeadStage; n: number; planned: string }>(
          db,
          sql`select l.stage, count(*)::int as n, coalesce(sum(l.planned_investment), 0)::numeric(20,2)::text as planned
            from promotion_leads l where ${w} group by l.stage`,
        ),
        queryRows<Row>(
          db,
          sql`select c.* from unnest(${sql.param([...leadStages])}::text[]) as s(stage) cross join lateral (
            select ${columns} from ${from} where ${w} and l.stage = s.stage order by l.updated_at desc, l.id limit ${BOARD_CARDS}) c`,
        ),
      ]);
      return {
        columns: leadStages.map((stage) => {
          const t = totals.find((x) => x.stage === stage);
          return {
            stage,
            count: t?.n ?? 0,
            plannedInvestment: t?.planned ?? '0.00',
            cards: cards.filter((c) => c.stage === stage).map((c) => out(p, c, [])),
          };
        }),
      };
    },

    /** The visible leads of the list filters (at most `limit`), with the contact fields as the caller may see them. */
    async exportRows(p: Principal, q: LeadFilters & { sort?: string }, limit: number) {
      const order = leadOrder(q.sort);
      const w = where(p, filters(q));
      const [[total], rows] = await Promise.all([
        queryRows<{ n: number }>(db, sql`select count(*)::int as n from promotion_leads l where ${w}`),
        queryRows<Row>(db, sql`select ${columns} from ${from} where ${w} order by ${order} limit ${limit}`),
      ]);
      return {
        total: total?.n ?? 0,
        rows: rows.map((r) => {
          const clear = seesContacts(p, r);
          return { ...out(p, r, []), ...contactView(clear, r), masked: !clear };
        }),
      };
    },

    /** The lead's history, oldest first (visibility of the lead applies). */
    async events(p: Principal, id: string): Promise<LeadEvent[]> {
      await requireRow(p, id);
      const rows = await queryRows<Omit<LeadEvent, 'at'> & { at: Date | string }>(
        db,
        sql`select e.id, e.kind, e.from_value as "fromValue", e.to_value as "toValue", e.reason, e.at, u.display_name as "byName"
          from promotion_lead_events e left join users u on u.id = e.by_user_id where e.lead_id = ${id} order by e.at, e.id`,
      );
      return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    },

    /** The leads among `ids` the caller sees (live ones) by id, with code and company: for links from activities and chains. */
    async refs(p: Principal, ids: readonly string[], tx: DbOrTx = db): Promise<Map<string, { id: string; code: string; company: string; stage: LeadStage }>> {
      if (!ids.length) return new Map();
      const rows = await queryRows<{ id: string; code: string; company: string; stage: LeadStage }>(
        tx,
        sql`select l.id, l.code, l.company, l.stage from promotion_leads l where l.id = any(${sql.param([...new Set(ids)])}::uuid[]) and ${where(p)}`,
      );
      return new Map(rows.map((r) => [r.id, r]));
    },

    /** A lead event written in the caller's transaction (activities, the project hook). */
    event,

    async get(p: Principal, id: string): Promise<LeadDetail> {
      const r = await requireRow(p, id);
      const day = todayOf(clock);
      const cal = await calendarFor(db, day);
      const clocks = leadClocks(r.registeredOn, r.clocksDone, day, cal, await clockRules.get(), r.outcome === 'active');
      const clear = seesContacts(p, r);
      const view = contactView(clear, r);
      const dup = await duplicatesOf(db, r.companyKey as string, r.uscc, r.id);
      return {
        ...out(p, r, dup),
        // live, not the job's last value
        clockState: r.outcome === 'active' ? worstClock(clocks.map((c) => c.state)) : 'done',
        content: (r.content as string | null) ?? null,
        contacts: view.contacts,
        referrerPhone: view.referrerPhone,
        expectedTax: (r.expectedTax as number | null) ?? null,
        energyUse: (r.energyUse as number | null) ?? null,
        expectedOutput: (r.expectedOutput as number | null) ?? null,
        environmentalCategory: (r.environmentalCategory as string | null) ?? null,
        chainFit: (r.chainFit as boolean | null) ?? null,
        chainSegmentId: (r.chainSegmentId as string | null) ?? null,
        clocks,
        plannedStartOn: (r.plannedStartOn as string | null) ?? null,
        startedOn: (r.startedOn as string | null) ?? null,
        productionOn: (r.productionOn as string | null) ?? null,
        contactsMasked: !clear,
        can: {
          edit: canEdit(p, r),
          transfer: canEdit(p, r),
          assess: canEdit(p, r),
          approve: p.permissions.has('promotion.approve') && seesContacts(p, r),
        },
      };
    },

    async create(ctx: RequestContext, p: Principal, input: z.output<typeof leadCreateSchema>): Promise<string> {
      if (!p.permissions.has('promotion.write')) throw forbidden('you may not register leads');
      const day = todayOf(clock);
      if (input.registeredOn > day) throw validationError([{ path: 'body.registeredOn', message: 'a lead cannot be registered in the future' }]);
      const ownerUserId = input.ownerUserId ?? p.userId;
      const owner = await ownerWithin(p, ownerUserId, 'body.ownerUserId');
      if (ownerUserId !== p.userId && !p.permissions.has('promotion.approve')) throw forbidden('only a superior registers a lead for someone else');
      await requireTeam(input.teamId);
      await requireSegment(input.chainSegmentId);
      const planned = input.currency ? foreignToWan(input.foreignAmount!, input.fxRate!) : (input.plannedInvestment ?? null);
      const key = companyKey(input.company);
      const cal = await calendarFor(db, day);
      const clockState = worstClock(leadClocks(input.registeredOn, {}, day, cal, await clockRules.get()).map((c) => c.state));
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('promotion_leads.code'))`);
        const year = input.registeredOn.slice(0, 4);
        const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int + 1 as n from promotion_leads where code like ${`ZS${year}-%`}`);
        const code = `ZS${year}-${String(n!.n).padStart(4, '0')}`;
        const { ownerUserId: _o, ...fields } = input;
        const [row] = await tx
          .insert(promotionLeads)
          .values({
            ...fields,
            code,
            companyKey: key,
            plannedInvestment: planned,
            contacts: input.contacts,
            ownerUserId,
            ownerUnitId: owner.unitId,
            clockState,
            createdBy: p.userId,
          })
          .returning({ id: promotionLeads.id });
        await event(tx, row!.id, p, 'registered', null, 'lead');
        await audit.record(tx, ctx, {
          action: 'promotion.lead.create',
          entityType: LEAD_ENTITY,
          entityId: row!.id,
          diff: { code, company: input.company, ownerUserId },
        });
        return row!.id;
      });
    },

    /** Edits a lead's registration fields (the owner, or a superior); stage, owner and outcome have their own moves. */
    async update(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof leadUpdateSchema>): Promise<void> {
      const r = await requireRow(p, id);
      if (!canEdit(p, r)) throw forbidden('you may not edit this lead');
      if (r.outcome !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the lead is closed');
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as z.output<typeof leadUpdateSchema>;
      if (changes.registeredOn && changes.registeredOn > todayOf(clock))
        throw validationError([{ path: 'body.registeredOn', message: 'a lead cannot be registered in the future' }]);
      if (changes.teamId !== undefined) await requireTeam(changes.teamId);
      if (changes.chainSegmentId !== undefined) await requireSegment(changes.chainSegmentId);
      const pick = <K extends 'currency' | 'foreignAmount' | 'fxRate'>(k: K) => (k in changes ? (changes[k] ?? null) : ((r[k] as string | null) ?? null));
      const [currency, foreignAmount, fxRate] = [pick('currency'), pick('foreignAmount'), pick('fxRate')];
      if (currency && (!foreignAmount || !fxRate))
        throw validationError([{ path: 'body.fxRate', message: 'a foreign-currency investment needs its amount and the rate used' }]);
      const planned = currency
        ? foreignToWan(foreignAmount!, fxRate!)
        : 'plannedInvestment' in changes
          ? (changes.plannedInvestment ?? null)
          : ((r.plannedInvestment as string | null) ?? null);
      const values = {
        ...changes,
        ...(changes.company ? { companyKey: companyKey(changes.company) } : {}),
        plannedInvestment: planned,
        updatedAt: clock.now(),
      };
      const sensitive = new Set(['uscc', 'referrer', 'referrerPhone', 'contacts']);
      const diff = Object.fromEntries(
        Object.keys(changes).map((k) => [k, sensitive.has(k) ? 'changed' : { before: r[k] ?? null, after: (values as Record<string, unknown>)[k] ?? null }]),
      );
      await db.transaction(async (tx) => {
        await tx.update(promotionLeads).set(values).where(eq(promotionLeads.id, id));
        await event(tx, id, p, 'edit', null, Object.keys(changes).join(','));
        await audit.record(tx, ctx, { action: 'promotion.lead.update', entityType: LEAD_ENTITY, entityId: id, diff });
      });
    },

    async moveStage(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof leadStageMoveSchema>): Promise<void> {
      const r = await requireRow(p, id);
      if (!canEdit(p, r)) throw forbidden('you may not move this lead');
      if (r.outcome !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the lead is closed');
      const back = leadStageIndex(input.to) < leadStageIndex(r.stage);
      if (input.to === r.stage) throw new AppError('TRANSITION_NOT_ALLOWED', `the lead is already at ${r.stage}`);
      if (back && !input.reason)
        throw new AppError('STAGE_REASON_REQUIRED', 'moving a lead back needs a reason', [{ path: 'body.reason', message: 'required' }]);
      const facts = {
        signedOn: input.signedOn ?? (r.signedOn as string | null),
        signedAmount: input.signedAmount ?? (r.signedAmount as string | null),
        plannedStartOn: input.plannedStartOn ?? (r.plannedStartOn as string | null),
        startedOn: input.startedOn ?? (r.startedOn as string | null),
        capitalInPlace: input.capitalInPlace ?? (r.capitalInPlace as string | null),
        productionOn: input.productionOn ?? (r.productionOn as string | null),
      };
      if (!back) {
        const missing = stageMissing(facts, input.to);
        if (missing.length) {
          throw new AppError(
            'STAGE_DATA_REQUIRED',
            `moving to ${input.to} needs ${missing.join(', ')}`,
            missing.map((m) => ({ path: `body.${m}`, message: 'required for this stage' })),
          );
        }
      }
      const day = todayOf(clock);
      const issues = [
        ...stageDateProblems(facts).map(([a, b]) => ({ path: `body.${b}`, message: `${b} is before ${a}` })),
        ...(['signedOn', 'startedOn', 'productionOn'] as const)
          .filter((k) => facts[k] && facts[k]! > day)
          .map((k) => ({ path: `body.${k}`, message: 'in the future' })),
      ];
      if (issues.length) throw validationError(issues);
      await db.transaction(async (tx) => {
        await tx.execute(sql`update promotion_leads set stage = ${input.to}, signed_on = ${facts.signedOn}, signed_amount = ${facts.signedAmount},
          planned_start_on = ${facts.plannedStartOn}, started_on = ${facts.startedOn}, capital_in_place = ${facts.capitalInPlace},
          production_on = ${facts.productionOn}, updated_at = ${clock.now()} where id = ${id}`);
        await event(tx, id, p, 'stage', r.stage, input.to, input.reason ?? null);
        await audit.record(tx, ctx, {
          action: 'promotion.lead.stage',
          entityType: LEAD_ENTITY,
          entityId: id,
          diff: { stage: { before: r.stage, after: input.to }, ...facts },
        });
      });
    },

    async transfer(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof leadTransferSchema>): Promise<void> {
      const r = await requireRow(p, id);
      if (!canEdit(p, r)) throw forbidden('you may not transfer this lead');
      if (input.toUserId === r.ownerUserId) throw validationError([{ path: 'body.toUserId', message: 'already the owner' }]);
      // within the caller's scope: a lead handed outside it goes through a superior who sees both sides
      const to = await ownerWithin(p, input.toUserId, 'body.toUserId');
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update promotion_leads set owner_user_id = ${input.toUserId}, owner_unit_id = ${to.unitId}, updated_at = ${clock.now()} where id = ${id}`,
        );
        await event(tx, id, p, 'transfer', r.ownerUserId, input.toUserId, input.reason);
        await audit.record(tx, ctx, {
          action: 'promotion.lead.transfer',
          entityType: LEAD_ENTITY,
          entityId: id,
          diff: { ownerUserId: { before: r.ownerUserId, after: input.toUserId }, reason: input.reason },
        });
      });
    },

    async close(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof leadCloseSchema>): Promise<void> {
      const r = await requireRow(p, id);
      if (!canEdit(p, r)) throw forbidden('you may not close this lead');
      if (r.outcome !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the lead is already closed');
      await db.transaction(async (tx) => {
        await tx.execute(sql`update promotion_leads set outcome = ${input.outcome}, clock_state = 'done', updated_at = ${clock.now()} where id = ${id}`);
        await event(tx, id, p, 'outcome', r.outcome, input.outcome, input.reason);
        await audit.record(tx, ctx, {
          action: 'promotion.lead.close',
          entityType: LEAD_ENTITY,
          entityId: id,
          diff: { outcome: input.outcome, reason: input.reason },
        });
      });
    },

    async clockDone(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof leadClockDoneSchema>): Promise<void> {
      const r = await requireRow(p, id);
      if (!canEdit(p, r)) throw forbidden('you may not update this lead');
      if (r.outcome !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the lead is closed');
      const day = todayOf(clock);
      if (input.doneOn > day) throw validationError([{ path: 'body.doneOn', message: 'in the future' }]);
      if (input.doneOn < r.registeredOn) throw validationError([{ path: 'body.doneOn', message: 'before the lead was registered' }]);
      const cal = await calendarFor(db, day);
      const done = { ...r.clocksDone, [input.code]: input.doneOn };
      const clocks = leadClocks(r.registeredOn, done, day, cal, await clockRules.get());
      if (!clocks.some((c) => c.code === input.code)) throw validationError([{ path: 'body.code', message: 'unknown clock' }]);
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update promotion_leads set clocks_done = ${JSON.stringify(done)}::jsonb, clock_state = ${worstClock(clocks.map((c) => c.state))}, updated_at = ${clock.now()} where id = ${id}`,
        );
        await event(tx, id, p, 'clock', input.code, input.doneOn, input.note ?? null);
        await audit.record(tx, ctx, {
          action: 'promotion.lead.clock',
          entityType: LEAD_ENTITY,
          entityId: id,
          diff: { code: input.code, doneOn: input.doneOn },
        });
      });
    },

    /** The clock job: every active lead's worst clock as of today; only changes are written. */
    /** The workbench: the caller's active leads with a clock due today or overdue, the most urgent first. */
    async todos(p: Principal, day: string) {
      const rows = await queryRows<{ id: string; code: string; company: string; registeredOn: string; clocksDone: Record<string, string> }>(
        db,
        sql`select id, code, company, registered_on::text as "registeredOn", clocks_done as "clocksDone" from promotion_leads
          where owner_user_id = ${p.userId} and outcome = 'active' and deleted_at is null and clock_state in ('overdue', 'dueToday')
          order by registered_on limit 50`,
      );
      if (!rows.length) return [];
      const cal = await calendarFor(db, day);
      const rules = await clockRules.get();
      return rows
        .map((r) => {
          const due = leadClocks(r.registeredOn, r.clocksDone, day, cal, rules).filter((c) => c.state === 'overdue' || c.state === 'dueToday');
          const first = due.map((c) => c.dueOn).sort()[0] ?? day;
          return {
            module: 'promotionLeads',
            id: r.id,
            title: `${r.code} ${r.company}（${due.map((c) => clockNames[c.code] ?? c.code).join('、')}）`,
            dueDate: first,
            link: `/promotion/leads/${r.id}`,
            overdue: due.some((c) => c.state === 'overdue'),
          };
        })
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    },

    async recomputeClocks(): Promise<{ checked: number; changed: number }> {
      const day = todayOf(clock);
      const cal = await calendarFor(db, day);
      const rules = await clockRules.get();
      const rows = await queryRows<{
        id: string;
        code: string;
        company: string;
        ownerUserId: string;
        registeredOn: string;
        clocksDone: Record<string, string>;
        clockState: string;
      }>(
        db,
        sql`select id, code, company, owner_user_id as "ownerUserId", registered_on::text as "registeredOn", clocks_done as "clocksDone",
          clock_state as "clockState" from promotion_leads where deleted_at is null and outcome = 'active'`,
      );
      const changed = rows.flatMap((r) => {
        const clocks = leadClocks(r.registeredOn, r.clocksDone, day, cal, rules);
        const state = worstClock(clocks.map((c) => c.state));
        return state === r.clockState ? [] : [{ ...r, state, late: clocks.filter((c) => c.state === 'overdue').map((c) => c.code) }];
      });
      for (let i = 0; i < changed.length; i += 1000) {
        const batch = changed.slice(i, i + 1000);
        await db.execute(
          sql`update promotion_leads l set clock_state = t.state from unnest(${sql.param(batch.map((b) => b.id))}::uuid[], ${sql.param(
            batch.map((b) => b.state),
          )}::text[]) as t(id, state) where l.id = t.id`,
        );
      }
      // A clock that turns overdue reminds the owner, once: the state is written only when it changes.
      const overdue = changed.filter((c) => c.state === 'overdue');
      for (const c of overdue) {
        await deps.notifications.notify(null, {
          userIds: [c.ownerUserId],
          kind: 'promotion.clock',
          title: `招商线索超时：${c.code} ${c.company}`,
          body: `服务时限已过：${c.late.map((code) => clockNames[code] ?? code).join('、')}。请尽快办理并在线索上标记完成。`,
          link: `/promotion/leads/${c.id}`,
        });
      }
      // the lead list and kanban answers are cached (see index.ts); the job writes outside any request
      if (changed.length) deps.responses.invalidate();
      return { checked: rows.length, changed: changed.length };
    },
  };
  return service;
}

export type LeadService = ReturnType<typeof createLeadService>;
