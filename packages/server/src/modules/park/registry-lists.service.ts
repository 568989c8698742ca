// The closed-park white and black lists and the position terminals (issue 8). List entries name a vehicle by plate or
// a registered person, with a reason and a validity; an entry is effective while now is within its validity and it
// is not revoked; entries are revoked, never deleted. Terminals (JT/T 808 terminals register themselves; OsmAnd
// phones issued at the gate are created here) are bound to vehicles: a vehicle has at most one active (not revoked)
// terminal per protocol — binding a second one answers TERMINAL_TAKEN until the first is unbound or revoked, so a
// vehicle's position stream never comes from two devices of one kind at once. Same permissions, audit and
// {kind:'park', what:'registry'} notice as the rest of the registry.
import {
  type AccessListEntry,
  type PositionTerminal,
  type accessListCreateSchema,
  type accessListQuery,
  type accessListUpdateSchema,
  type osmandTerminalCreateSchema,
  type positionTerminalListQuery,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { maskRows } from '../../platform/access/masking.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import { ACCESS_LIST_ENTITY, TERMINAL_ENTITY, checkedPlate, conflict, exportRows, orderBy, requireParkSide } from './registry-common.ts';
import { effectiveSql, registryRepository as repo, type AccessListRow, type TerminalRow } from './registry.repository.ts';
import { listLabels, textSheet } from './registry-sheets.ts';

type AccessQuery = z.output<typeof accessListQuery>;
type TerminalQuery = z.output<typeof positionTerminalListQuery>;
type Paging = { limit: number; offset: number };

export function createParkListsService(deps: Deps, events: SafetyEvents) {
  const { db, audit, clock } = deps;
  const changed = (tx: DbOrTx) => events.notify(tx, { kind: 'park', what: 'registry' });

  // ---- lists ----

  async function accessPage(q: AccessQuery, page: Paging) {
    const now = clock.now();
    const where: SQL[] = [];
    if (q.list) where.push(sql`a.list = ${q.list}`);
    if (q.subjectKind) where.push(sql`a.subject_kind = ${q.subjectKind}`);
    if (q.effective) where.push(q.effective === 'true' ? effectiveSql(now) : sql`not ${effectiveSql(now)}`);
    if (q.q) where.push(sql`(a.plate ilike ${likePattern(q.q.toUpperCase())} or p.name ilike ${likePattern(q.q)} or a.reason ilike ${likePattern(q.q)})`);
    const order = orderBy(
      q.sort,
      '-createdAt',
      { validFrom: sql`a.valid_from`, validTo: sql`a.valid_to`, plate: sql`a.plate`, createdAt: sql`a.created_at` },
      sql`a.id`,
    );
    return repo.listAccess(db, now, { where, order, ...page });
  }

  const toEntries = (p: Principal, rows: AccessListRow[]) => maskRows(rows, { personName: ['personName'] }, p) as AccessListEntry[];

  async function requireEntry(tx: DbOrTx, id: string): Promise<AccessListRow> {
    const row = await repo.findAccess(tx, clock.now(), id);
    if (!row) throw notFound('list entry');
    return row;
  }

  function checkValidity(from: Date, to: Date | null) {
    if (to && to <= from) throw validationError([{ path: 'body.validTo', message: 'the end of the validity is after its start' }]);
  }

  // ---- terminals ----

  async function terminalPage(q: TerminalQuery, page: Paging) {
    const where: SQL[] = [];
    if (q.protocol) where.push(sql`t.protocol = ${q.protocol}`);
    if (q.bound) where.push(q.bound === 'true' ? sql`t.vehicle_id is not null` : sql`t.vehicle_id is null`);
    if (q.revoked) where.push(q.revoked === 'true' ? sql`t.revoked_at is not null` : sql`t.revoked_at is null`);
    if (q.vehicleId) where.push(sql`t.vehicle_id = ${q.vehicleId}`);
    if (q.q)
      where.push(
        sql`(t.identifier ilike ${likePattern(q.q)} or v.plate ilike ${likePattern(q.q.toUpperCase())} or t.registered_plate ilike ${likePattern(q.q)})`,
      );
    const order = orderBy(
      q.sort,
      'identifier',
      { identifier: sql`t.identifier`, plate: sql`v.plate`, lastSeenAt: sql`t.last_seen_at`, createdAt: sql`t.created_at` },
      sql`t.id`,
    );
    return repo.listTerminals(db, { where, order, ...page });
  }

  async function requireTerminal(tx: DbOrTx, id: string): Promise<TerminalRow> {
    const row = await repo.findTerminal(tx, id);
    if (!row) throw notFound('terminal');
    return row;
  }

  /** The vehicle exists and has no other active terminal of the protocol. */
  async function checkBinding(tx: DbOrTx, vehicleId: string, protocol: string, exceptId?: string): Promise<void> {
    if (!(await repo.findVehicle(tx, vehicleId))) throw validationError([{ path: 'body.vehicleId', message: 'unknown vehicle' }]);
    const other = await repo.activeTerminalOf(tx, vehicleId, protocol, exceptId);
    if (other) throw conflict('TERMINAL_TAKEN', 'body.vehicleId', `the vehicle already has the ${protocol} terminal ${other}: unbind or revoke it first`);
  }

  const terminalOut = async (id: string) => (await repo.findTerminal(db, id))! as PositionTerminal;

  async function terminalChange(
    ctx: RequestContext,
    p: Principal,
    id: string,
    action: string,
    apply: (tx: DbOrTx, t: TerminalRow) => Promise<Record<string, unknown>>,
  ) {
    requireParkSide(p);
    await db.transaction(async (tx) => {
      const before = await requireTerminal(tx, id);
      const values = await apply(tx, before);
      await repo.updateRow(tx, 'position_terminals', id, { ...values, updated_at: clock.now() });
      await audit.record(tx, ctx, {
        action: `park.terminal.${action}`,
        entityType: TERMINAL_ENTITY,
        entityId: id,
        diff: { identifier: before.identifier, ...values },
      });
      await changed(tx);
    });
    return terminalOut(id);
  }

  return {
    // ---------------- white and black lists ----------------
    async listAccess(p: Principal, q: AccessQuery) {
      const { rows, total } = await accessPage(q, limitOffset(q));
      return toPage(toEntries(p, rows), total, q);
    },

    async createAccess(ctx: RequestContext, p: Principal, input: z.output<typeof accessListCreateSchema>): Promise<AccessListEntry> {
      requireParkSide(p);
      const now = clock.now();
      const validFrom = input.validFrom ? new Date(input.validFrom) : now;
      const validTo = input.validTo ? new Date(input.validTo) : null;
      checkValidity(validFrom, validTo);
      let plate: string | null = null;
      if (input.subjectKind === 'vehicle') {
        if (!input.plate) throw validationError([{ path: 'body.plate', message: 'required for a vehicle' }]);
        plate = checkedPlate(input.plate, 'body.plate');
      } else if (!input.personId) throw validationError([{ path: 'body.personId', message: 'required for a person' }]);
      const id = await db.transaction(async (tx) => {
        const personId = input.subjectKind === 'person' ? input.personId! : null;
        if (personId && !(await repo.findPerson(tx, personId))) throw validationError([{ path: 'body.personId', message: 'unknown person' }]);
        const values = { list: input.list, subjectKind: input.subjectKind, plate, personId, reason: input.reason, validFrom, validTo };
        const id = await repo.insertRow(tx, 'park_access_lists', {
          list: values.list,
          subject_kind: values.subjectKind,
          plate,
          person_id: personId,
          reason: values.reason,
          valid_from: validFrom,
          valid_to: validTo,
          created_by: p.userId,
          created_at: now,
          updated_at: now,
        });
        await audit.record(tx, ctx, { action: 'park.list.create', entityType: ACCESS_LIST_ENTITY, entityId: id, diff: diffOf(null, values) });
        await changed(tx);
        return id;
      });
      return toEntries(p, [(await repo.findAccess(db, clock.now(), id))!])[0]!;
    },

    async updateAccess(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof accessListUpdateSchema>): Promise<AccessListEntry> {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requireEntry(tx, id);
        if (before.revokedAt) throw new AppError('CONFLICT', 'a revoked entry is not changed: add a new one');
        const validFrom = input.validFrom ? new Date(input.validFrom) : new Date(before.validFrom);
        const validTo = input.validTo === undefined ? (before.validTo ? new Date(before.validTo) : null) : input.validTo ? new Date(input.validTo) : null;
        checkValidity(validFrom, validTo);
        const reason = input.reason ?? before.reason;
        await repo.updateRow(tx, 'park_access_lists', id, { reason, valid_from: validFrom, valid_to: validTo, updated_at: clock.now() });
        await audit.record(tx, ctx, {
          action: 'park.list.update',
          entityType: ACCESS_LIST_ENTITY,
          entityId: id,
          diff: diffOf(
            { reason: before.reason, validFrom: before.validFrom, validTo: before.validTo },
            { reason, validFrom: validFrom.toISOString(), validTo: validTo?.toISOString() ?? null },
          ),
        });
        await changed(tx);
      });
      return toEntries(p, [(await repo.findAccess(db, clock.now(), id))!])[0]!;
    },

    async revokeAccess(ctx: RequestContext, p: Principal, id: string): Promise<AccessListEntry> {
      requireParkSide(p);
      await db.transaction(async (tx) => {
        const before = await requireEntry(tx, id);
        if (before.revokedAt) return;
        const now = clock.now();
        await repo.updateRow(tx, 'park_access_lists', id, { revoked_at: now, updated_at: now });
        await audit.record(tx, ctx, {
          action: 'park.list.revoke',
          entityType: ACCESS_LIST_ENTITY,
          entityId: id,
          diff: { list: before.list, plate: before.plate, personId: before.personId },
        });
        await changed(tx);
      });
      return toEntries(p, [(await repo.findAccess(db, clock.now(), id))!])[0]!;
    },

    async exportAccess(ctx: RequestContext, p: Principal, q: AccessQuery) {
      const rows = toEntries(p, await exportRows((page) => accessPage(q, page)));
      return textSheet(
        audit,
        ctx,
        {
          id: 'park-access-lists',
          title: '黑白名单',
          entityType: ACCESS_LIST_ENTITY,
          action: 'park.list.export',
          query: q,
          day: todayOf(clock),
          columns: [
            ['list', '名单', 8],
            ['subject', '对象', 16],
            ['reason', '原因', 30],
            ['validFrom', '生效时间', 20],
            ['validTo', '失效时间', 20],
            ['state', '状态', 8],
          ],
        },
        rows.map((r) => ({
          list: listLabels[r.list] ?? r.list,
          subject: r.plate ?? r.personName ?? '',
          reason: r.reason,
          validFrom: r.validFrom,
          validTo: r.validTo ?? '',
          state: r.revokedAt ? '已撤销' : r.effective ? '有效' : '未生效/已过期',
        })),
      );
    },

    // ---------------- terminals ----------------
    async listTerminals(q: TerminalQuery) {
      const { rows, total } = await terminalPage(q, limitOffset(q));
      return toPage(rows as PositionTerminal[], total, q);
    },

    getTerminal: async (id: string) => (await requireTerminal(db, id)) as PositionTerminal,

    /** An OsmAnd / Traccar Client phone issued at the gate, bound to its vehicle; a revoked id is issued again. */
    async createOsmand(ctx: RequestContext, p: Principal, input: z.output<typeof osmandTerminalCreateSchema>): Promise<PositionTerminal> {
      requireParkSide(p);
      const id = await db.transaction(async (tx) => {
        const existing = await repo.findTerminalBy(tx, 'osmand', input.identifier);
        if (existing && !existing.revokedAt) throw conflict('TERMINAL_TAKEN', 'body.identifier', `the phone ${input.identifier} is registered`);
        await checkBinding(tx, input.vehicleId, 'osmand', existing?.id);
        const now = clock.now();
        let id: string;
        if (existing) {
          id = existing.id;
          await repo.updateRow(tx, 'position_terminals', id, { vehicle_id: input.vehicleId, revoked_at: null, registered_at: now, updated_at: now });
        } else {
          id = await repo.insertRow(tx, 'position_terminals', {
            protocol: 'osmand',
            identifier: input.identifier,
            vehicle_id: input.vehicleId,
            registered_at: now,
            created_by: p.userId,
            created_at: now,
            updated_at: now,
          });
        }
        await audit.record(tx, ctx, {
          action: 'park.terminal.create',
          entityType: TERMINAL_ENTITY,
          entityId: id,
          diff: { protocol: 'osmand', identifier: input.identifier, vehicleId: input.vehicleId, reissued: !!existing },
        });
        await changed(tx);
        return id;
      });
      return terminalOut(id);
    },

    bind: (ctx: RequestContext, p: Principal, id: string, vehicleId: string) =>
      terminalChange(ctx, p, id, 'bind', async (tx, t) => {
        if (t.revokedAt) throw new AppError('CONFLICT', 'the terminal is revoked');
        await checkBinding(tx, vehicleId, t.protocol, id);
        return { vehicle_id: vehicleId };
      }),

    unbind: (ctx: RequestContext, p: Principal, id: string) => terminalChange(ctx, p, id, 'unbind', () => Promise.resolve({ vehicle_id: null })),

    /** The terminal is refused from now on (the position adapters reload); its binding stays for the record. */
    revoke: (ctx: RequestContext, p: Principal, id: string) =>
      terminalChange(ctx, p, id, 'revoke', (_tx, t) => Promise.resolve(t.revokedAt ? {} : { revoked_at: clock.now() })),

    async exportTerminals(ctx: RequestContext, q: TerminalQuery) {
      const rows = await exportRows((page) => terminalPage(q, page));
      return textSheet(
        audit,
        ctx,
        {
          id: 'park-terminals',
          title: '定位终端',
          entityType: TERMINAL_ENTITY,
          action: 'park.terminal.export',
          query: q,
          day: todayOf(clock),
          columns: [
            ['identifier', '终端标识', 18],
            ['protocol', '协议', 10],
            ['plate', '绑定车辆', 12],
            ['registeredPlate', '注册车牌', 12],
            ['protocolVersion', '协议版本', 10],
            ['lastSeenAt', '最后上线', 22],
            ['state', '状态', 8],
          ],
        },
        rows.map((r) => ({
          identifier: r.identifier,
          protocol: r.protocol === 'jt808' ? 'JT/T 808' : 'OsmAnd',
          plate: r.plate ?? '',
          registeredPlate: r.registeredPlate ?? '',
          protocolVersion: r.protocolVersion ?? '',
          lastSeenAt: r.lastSeenAt ?? '',
          state: r.revokedAt ? '已注销' : '正常',
        })),
      );
    },
  };
}

export type ParkListsService = ReturnType<typeof createParkListsService>;
