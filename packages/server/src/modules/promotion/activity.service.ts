// Promotion activities (DOMAIN §5): outbound trips (外出招商) and receptions (接待客商), linked to leads. Anyone with
// promotion.write records one; its creator (or promotion.manage) edits or deletes it (soft). Team, members, host and
// leads must exist, and the leads must be visible to the caller: each unknown id is a 400 on its path
// (body.leadIds.1). Linking a lead writes a lead event ('trip' / 'reception', toValue = the activity's id, reason =
// its day and place) so that the lead's history shows it. Lists show only the linked leads the caller sees.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  parseSort,
  type activityListQuery,
  type receptionCreateSchema,
  type receptionSchema,
  type receptionUpdateSchema,
  type tripCreateSchema,
  type tripSchema,
  type tripUpdateSchema,
} from '@zoneops/shared';
import { promotionReceptions, promotionTrips } from '../../db/schema.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { forbidden, notFound, validationError } from '../../platform/errors.ts';
import { likePattern } from '../../platform/lists.ts';
import type { LeadService } from './lead.service.ts';
import { knownIds, unknownIssues } from './refs.ts';

type Trip = z.infer<typeof tripSchema>;
type Reception = z.infer<typeof receptionSchema>;
type Kind = 'trip' | 'reception';

const table = { trip: sql.raw('promotion_trips'), reception: sql.raw('promotion_receptions') };
const dateColumn = { trip: sql.raw('a.start_on'), reception: sql.raw('a.held_on') };
const textColumn = { trip: sql.raw('a.destination'), reception: sql.raw('a.visitor_company') };
export const ACTIVITY_ENTITY: Record<Kind, string> = { trip: 'promotionTrip', reception: 'promotionReception' };

export function createActivityService(deps: Deps, leads: LeadService) {
  const { db, audit, clock } = deps;

  /** Team, users and leads of an input: a 400 naming every unknown id. */
  async function checkRefs(
    p: Principal,
    input: { teamId?: string | null; userIds: [string, readonly string[] | string | undefined]; leadIds?: readonly string[] },
  ) {
    const [path, ids] = input.userIds;
    const list = ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids;
    const [teams, users, visible] = await Promise.all([knownIds(db, 'teams', [input.teamId]), knownIds(db, 'users', list), leads.refs(p, input.leadIds ?? [])]);
    const issues = [
      ...unknownIssues(teams, 'body.teamId', input.teamId, 'unknown or inactive team'),
      ...unknownIssues(users, path, ids, 'unknown or disabled user'),
      ...(input.leadIds ?? []).flatMap((id, i) => (visible.has(id) ? [] : [{ path: `body.leadIds.${i}`, message: 'unknown lead' }])),
    ];
    if (issues.length) throw validationError(issues);
  }

  /** A live activity the caller may change: its creator, or promotion.manage. */
  async function requireOwn(p: Principal, kind: Kind, id: string) {
    const [row] = await queryRows<{ createdBy: string | null; leadIds: string[]; date: string }>(
      db,
      sql`select a.created_by as "createdBy", a.lead_ids as "leadIds", ${dateColumn[kind]}::text as date from ${table[kind]} a
        where a.id = ${id} and a.deleted_at is null`,
    );
    if (!row) throw notFound(kind);
    if (row.createdBy !== p.userId && !p.permissions.has('promotion.manage')) throw forbidden(`only its author or a promotion manager changes this ${kind}`);
    return row;
  }

  /** Lead events for leads newly linked to an activity. */
  async function linkEvents(tx: DbOrTx, p: Principal, kind: Kind, id: string, leadIds: readonly string[], summary: string) {
    for (const leadId of new Set(leadIds)) await leads.event(tx, leadId, p, kind, null, id, summary);
  }

  /** Members, hosts, creators and (visible) leads of a page of activities, by id. */
  async function names(p: Principal, userIds: string[], leadIds: string[]) {
    const [users, refs] = await Promise.all([
      userIds.length
        ? queryRows<{ id: string; name: string }>(
            db,
            sql`select id, display_name as name from users where id = any(${sql.param([...new Set(userIds)])}::uuid[])`,
          )
        : [],
      leads.refs(p, leadIds),
    ]);
    return { user: new Map(users.map((u) => [u.id, u.name])), refs };
  }

  type ListQuery = Omit<z.output<typeof activityListQuery>, 'page' | 'pageSize'> & { page: number; pageSize: number };

  function listWhere(kind: Kind, q: ListQuery, only?: string): SQL {
    const parts: SQL[] = [sql`a.deleted_at is null`];
    if (only) parts.push(sql`a.id = ${only}`);
    if (q.teamId) parts.push(sql`a.team_id = ${q.teamId}`);
    if (q.leadId) parts.push(sql`${q.leadId}::uuid = any(a.lead_ids)`);
    if (q.from) parts.push(sql`${dateColumn[kind]} >= ${q.from}`);
    if (q.to) parts.push(sql`${dateColumn[kind]} <= ${q.to}`);
    if (q.q) parts.push(sql`${textColumn[kind]} ilike ${likePattern(q.q)}`);
    return sql.join(parts, sql` and `);
  }

  async function page<R extends Record<string, unknown>>(kind: Kind, q: ListQuery, select: SQL, only?: string) {
    const w = listWhere(kind, q, only);
    const desc = parseSort(q.sort, kind === 'trip' ? '-startOn' : '-heldOn').desc;
    const [rows, [total]] = await Promise.all([
      queryRows<R>(
        db,
        sql`select ${select}, tm.name as "teamName", a.lead_ids as "leadIds" from ${table[kind]} a left join promotion_teams tm on tm.id = a.team_id
          where ${w} order by ${dateColumn[kind]} ${desc ? sql`desc` : sql`asc`}, a.created_at desc, a.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
      ),
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${table[kind]} a where ${w}`),
    ]);
    return { rows, total: total?.n ?? 0 };
  }

  async function getTrip(p: Principal, id: string): Promise<Trip> {
    const [trip] = (await listTrips(p, { page: 1, pageSize: 1 }, id)).items;
    if (!trip) throw notFound('trip');
    return trip;
  }

  async function getReception(p: Principal, id: string): Promise<Reception> {
    const [reception] = (await listReceptions(p, { page: 1, pageSize: 1 }, id)).items;
    if (!reception) throw notFound('reception');
    return reception;
  }

  const leadList = (refs: Map<string, { id: string; code: string; company: string }>, ids: string[]) =>
    ids.flatMap((id) => {
      const r = refs.get(id);
      return r ? [{ id: r.id, code: r.code, company: r.company }] : [];
    });

  async function listTrips(p: Principal, q: ListQuery, only?: string) {
    type R = Omit<Trip, 'members' | 'leads' | 'createdByName'> & { memberUserIds: string[]; leadIds: string[]; createdBy: string | null };
    const { rows, total } = await page<R>(
      'trip',
      q,
      sql`a.id, a.team_id as "teamId", a.destination, a.start_on::text as "startOn", a.end_on::text as "endOn", a.member_user_ids as "memberUserIds",
        a.companies_visited as "companiesVisited", a.outcome, a.created_by as "createdBy"`,
      only,
    );
    const { user, refs } = await names(
      p,
      rows.flatMap((r) => [...r.memberUserIds, ...(r.createdBy ? [r.createdBy] : [])]),
      rows.flatMap((r) => r.leadIds),
    );
    const items: Trip[] = rows.map(({ memberUserIds, leadIds, createdBy, ...r }) => ({
      ...r,
      members: memberUserIds.map((userId) => ({ userId, displayName: user.get(userId) ?? '' })),
      leads: leadList(refs, leadIds),
      createdByName: createdBy ? (user.get(createdBy) ?? null) : null,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async function listReceptions(p: Principal, q: ListQuery, only?: string) {
    type R = Omit<Reception, 'hostName' | 'leads'> & { leadIds: string[] };
    const { rows, total } = await page<R>(
      'reception',
      q,
      sql`a.id, a.team_id as "teamId", a.held_on::text as "heldOn", a.visitor_company as "visitorCompany", a.visitors, a.host_user_id as "hostUserId",
        a.purpose, a.outcome`,
      only,
    );
    const { user, refs } = await names(
      p,
      rows.map((r) => r.hostUserId),
      rows.flatMap((r) => r.leadIds),
    );
    const items: Reception[] = rows.map(({ leadIds, ...r }) => ({ ...r, hostName: user.get(r.hostUserId) ?? '', leads: leadList(refs, leadIds) }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  const drizzleTable = { trip: promotionTrips, reception: promotionReceptions };

  /** Inserts an activity with its lead events and audit record; answers its id. */
  async function insert(ctx: RequestContext, p: Principal, kind: Kind, values: Record<string, unknown> & { leadIds: string[] }, summary: string) {
    const t = drizzleTable[kind] as typeof promotionTrips;
    const leadIds = [...new Set(values.leadIds)];
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(t)
        .values({ ...values, leadIds, createdBy: p.userId } as typeof promotionTrips.$inferInsert)
        .returning({ id: t.id });
      await linkEvents(tx, p, kind, row!.id, leadIds, summary);
      await audit.record(tx, ctx, { action: `promotion.${kind}.create`, entityType: ACTIVITY_ENTITY[kind], entityId: row!.id, diff: { ...values, leadIds } });
      return row!.id;
    });
  }

  /** Applies the given fields; newly linked leads get their event. Linked leads the caller does not see stay linked. */
  async function change(
    ctx: RequestContext,
    p: Principal,
    kind: Kind,
    id: string,
    input: { leadIds?: string[] | undefined },
    linked: string[],
    seen: { id: string }[],
    summary: string,
  ) {
    const t = drizzleTable[kind] as typeof promotionTrips;
    const leadIds = input.leadIds ? [...new Set([...input.leadIds, ...linked.filter((l) => !seen.some((x) => x.id === l))])] : linked;
    const added = leadIds.filter((l) => !linked.includes(l));
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await db.transaction(async (tx) => {
      await tx
        .update(t)
        .set({ ...changes, leadIds, updatedAt: clock.now() })
        .where(sql`id = ${id}`);
      await linkEvents(tx, p, kind, id, added, summary);
      await audit.record(tx, ctx, { action: `promotion.${kind}.update`, entityType: ACTIVITY_ENTITY[kind], entityId: id, diff: { ...changes, leadIds } });
    });
  }

  return {
    listTrips: (p: Principal, q: ListQuery) => listTrips(p, q),
    listReceptions: (p: Principal, q: ListQuery) => listReceptions(p, q),

    getTrip,
    getReception,

    async createTrip(ctx: RequestContext, p: Principal, input: z.output<typeof tripCreateSchema>): Promise<string> {
      if (!p.permissions.has('promotion.write')) throw forbidden('you may not record trips');
      await checkRefs(p, { teamId: input.teamId, userIds: ['body.memberUserIds', input.memberUserIds], leadIds: input.leadIds });
      return insert(ctx, p, 'trip', { ...input, teamId: input.teamId ?? null, outcome: input.outcome ?? null }, `${input.startOn} ${input.destination}`);
    },

    async updateTrip(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof tripUpdateSchema>): Promise<void> {
      const before = await requireOwn(p, 'trip', id);
      const current = await getTrip(p, id);
      await checkRefs(p, { teamId: input.teamId, userIds: ['body.memberUserIds', input.memberUserIds], leadIds: input.leadIds });
      const startOn = input.startOn ?? current.startOn;
      if (startOn > (input.endOn ?? current.endOn))
        throw validationError([{ path: input.endOn ? 'body.endOn' : 'body.startOn', message: 'the trip ends before it starts' }]);
      await change(ctx, p, 'trip', id, input, before.leadIds, current.leads, `${startOn} ${input.destination ?? current.destination}`);
    },

    async createReception(ctx: RequestContext, p: Principal, input: z.output<typeof receptionCreateSchema>): Promise<string> {
      if (!p.permissions.has('promotion.write')) throw forbidden('you may not record receptions');
      await checkRefs(p, { teamId: input.teamId, userIds: ['body.hostUserId', input.hostUserId], leadIds: input.leadIds });
      return insert(ctx, p, 'reception', { ...input, teamId: input.teamId ?? null, outcome: input.outcome ?? null }, `${input.heldOn} ${input.visitorCompany}`);
    },

    async updateReception(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof receptionUpdateSchema>): Promise<void> {
      const before = await requireOwn(p, 'reception', id);
      const current = await getReception(p, id);
      await checkRefs(p, { teamId: input.teamId, userIds: ['body.hostUserId', input.hostUserId], leadIds: input.leadIds });
      const summary = `${input.heldOn ?? current.heldOn} ${input.visitorCompany ?? current.visitorCompany}`;
      await change(ctx, p, 'reception', id, input, before.leadIds, current.leads, summary);
    },

    async remove(ctx: RequestContext, p: Principal, kind: Kind, id: string): Promise<void> {
      await requireOwn(p, kind, id);
      await db.transaction(async (tx) => {
        await tx.execute(sql`update ${table[kind]} set deleted_at = ${clock.now()}, updated_at = ${clock.now()} where id = ${id}`);
        await audit.record(tx, ctx, { action: `promotion.${kind}.delete`, entityType: ACTIVITY_ENTITY[kind], entityId: id });
      });
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
