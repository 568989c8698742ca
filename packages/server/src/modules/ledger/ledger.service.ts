// The ledger engine (DOMAIN §3): items with lead and co-units, deadlines with history and extensions, checkpoints
// from a template, progress with roll-up, the status machine with per-role transitions, verified closure, the
// computed light, reminders and chasing. Supervision, rectification and meeting decisions are ledgers of it; later
// modules (project blockers, enterprise requests, hazards) create items through createItem.
import {
  addCalendarDays,
  allowedActions,
  checkpointDue,
  deadlineClassMaxMonths,
  extensionIsLate,
  isOpen,
  noticeEnds,
  rollUpProgress,
  transitions,
  addWorkingDays,
  type CalendarExceptions,
  type CheckpointNode,
  type ItemCreate,
  type ItemRole,
  type LedgerAction,
  type LedgerKind,
  type LedgerStatus,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  extensionDecisionSchema,
  extensionRequestSchema,
  itemListQuery,
  itemUpdateSchema,
  ledgerCreateSchema,
  ledgerUpdateSchema,
  progressCreateSchema,
  verificationCreateSchema,
} from '@zoneops/shared';
import { parseSort } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { unitInScope, visibleCondition } from '../../platform/access/scope.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { iso, limitOffset, toPage } from '../../platform/lists.ts';
import { createAttachmentService } from '../attachments/index.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { ledgerRepository, type ItemListRow, type ItemSortField, type LedgerRow } from './ledger.repository.ts';
import { recomputeAll, recomputeItems } from './lights.ts';

export const ITEM_ENTITY = 'ledgerItem';

/**
 * Ledger kinds whose items' workflow a module owns (enterprise requests: the service module decides who accepts,
 * answers, closes or reopens, and the item mirrors it through applyModuleStatus / applyModuleChange). The ledger's
 * own transitions and extensions are refused on them, so the item never drifts from its module's record.
 */
export const MODULE_OWNED_KINDS: ReadonlySet<string> = new Set(['request']);
const moduleOwned = (item: { ledgerKind: string }) => MODULE_OWNED_KINDS.has(item.ledgerKind);
const moduleOwnedError = () => new AppError('TRANSITION_NOT_ALLOWED', "this item follows its module's workflow (an enterprise request): act on the request");

const visible = (p: Principal) => visibleCondition(ITEM_ENTITY, p, ledgerRepository.scopeColumns);

const field = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);

/** The roles a principal plays towards an item (see ItemRole in packages/shared/src/ledger.ts). */
export function itemRoles(
  p: Principal,
  item: Pick<ItemListRow, 'ownerId' | 'leaderId' | 'leadUnitId' | 'leadUnitPath' | 'coUnitIds'>,
  ledger: LedgerRow,
): Set<ItemRole> {
  const roles = new Set<ItemRole>();
  if (
    p.permissions.has('ledger.supervise') &&
    (p.scope.all || unitInScope(p, ledger.supervisorUnitId, ledger.supervisorUnitPath) || p.unitPath.startsWith(ledger.supervisorUnitPath))
  ) {
    roles.add('supervisor');
  }
  if (p.permissions.has('ledger.handle') && (item.ownerId === p.userId || p.unitId === item.leadUnitId || p.unitPath.startsWith(item.leadUnitPath)))
    roles.add('lead');
  if (item.coUnitIds.includes(p.unitId)) roles.add('co');
  if (item.leaderId === p.userId) roles.add('leader');
  return roles;
}

export function toItem(row: ItemListRow) {
  return {
    ...row,
    lightReasons: row.lightReasons as { code: string }[],
    assignedAt: row.assignedAt.toISOString(),
    acceptedAt: iso(row.acceptedAt),
    decomposedAt: iso(row.decomposedAt),
    startedAt: iso(row.startedAt),
    reportedAt: iso(row.reportedAt),
    completedAt: iso(row.completedAt),
    closedAt: iso(row.closedAt),
  } as never;
}

function toLedger(row: LedgerRow & Partial<Record<'total' | 'open' | 'red' | 'yellow' | 'closed', number>>) {
  const { supervisorUnitPath: _p, createdAt: _c, updatedAt: _u, createdBy: _b, total, open, red, yellow, closed, ...rest } = row;
  return { ...rest, counts: { total: total ?? 0, open: open ?? 0, red: red ?? 0, yellow: yellow ?? 0, closed: closed ?? 0 } } as never;
}

/** Which timestamp each status records the first time it is reached. */
const stampOf: Partial<Record<LedgerStatus, 'acceptedAt' | 'startedAt' | 'reportedAt' | 'completedAt' | 'closedAt'>> = {
  accepted: 'acceptedAt',
  inProgress: 'startedAt',
  reported: 'reportedAt',
  notice: 'completedAt',
  closed: 'closedAt',
  ongoing: 'closedAt',
};

export function createLedgerService(deps: Deps) {
  const { db, audit, clock, notifications } = deps;
  const today = () => todayOf(clock);
  const files = createAttachmentService(deps);

  async function requireLedger(id: string): Promise<LedgerRow> {
    const l = await ledgerRepository.findLedger(db, id);
    if (!l) throw notFound('ledger');
    return l;
  }

  async function requireItem(p: Principal, id: string): Promise<{ item: ItemListRow; ledger: LedgerRow; roles: Set<ItemRole> }> {
    const item = await ledgerRepository.findItem(db, id, visible(p));
    if (!item) throw notFound('item');
    const ledger = await requireLedger(item.ledgerId);
    return { item, ledger, roles: itemRoles(p, item, ledger) };
  }

  const isSupervisorOf = (p: Principal, ledger: LedgerRow) =>
    p.permissions.has('ledger.supervise') && (p.scope.all || unitInScope(p, ledger.supervisorUnitId, ledger.supervisorUnitPath));

  async function calendarFor(tx: DbOrTx, from: string, to: string) {
    return loadCalendar(tx, Number(from.slice(0, 4)), Number(to.slice(0, 4)) + 1);
  }

  async function checkRefs(
    tx: DbOrTx,
    input: { leadUnitId?: string; coUnitIds?: string[]; ownerId?: string | null; leaderId?: string | null; enterpriseId?: string | null; ownerIds?: string[] },
  ) {
    if (input.ownerIds?.length) {
      const found = await queryRows<{ id: string }>(
        tx,
        sql`select id from users where id = any(${sql.param(input.ownerIds)}::uuid[]) and deleted_at is null and status = 'active'`,
      );
      if (found.length !== input.ownerIds.length) throw field('body.ownerId', 'unknown or disabled user');
    }
    const unitIds = [...new Set([...(input.leadUnitId ? [input.leadUnitId] : []), ...(input.coUnitIds ?? [])])];
    if (unitIds.length) {
      const found = await queryRows<{ id: string }>(tx, sql`select id from units where id = any(${sql.param(unitIds)}::uuid[]) and deleted_at is null`);
      const known = new Set(found.map((r) => r.id));
      if (input.leadUnitId && !known.has(input.leadUnitId)) throw field('body.leadUnitId', 'unknown unit');
      const unknownCo = (input.coUnitIds ?? []).filter((u) => !known.has(u));
      if (unknownCo.length) throw field('body.coUnitIds', `unknown unit ${unknownCo[0]}`);
    }
    if (input.leadUnitId && input.coUnitIds?.includes(input.leadUnitId)) throw field('body.coUnitIds', 'the lead unit cannot also be a co-unit');
    for (const key of ['ownerId', 'leaderId'] as const) {
      const id = input[key];
      if (id) {
        const [u] = await queryRows<{ id: string }>(tx, sql`select id from users where id = ${id} and deleted_at is null and status = 'active'`);
        if (!u) throw field(`body.${key}`, 'unknown or disabled user');
      }
    }
    if (input.enterpriseId) {
      const [e] = await queryRows<{ id: string }>(tx, sql`select id from enterprises where id = ${input.enterpriseId}`);
      if (!e) throw field('body.enterpriseId', 'unknown enterprise');
    }
  }

  async function event(
    tx: DbOrTx,
    itemId: string,
    p: Principal | null,
    kind: string,
    extra: { from?: string; to?: string; body?: string | null; data?: unknown } = {},
  ) {
    await ledgerRepository.insertEvent(tx, {
      itemId,
      at: clock.now(),
      actorId: p?.userId ?? null,
      kind,
      fromStatus: extra.from ?? null,
      toStatus: extra.to ?? null,
      body: extra.body ?? null,
      data: extra.data ?? null,
    });
  }

  async function handlersOf(tx: DbOrTx, item: { ownerId: string | null; leadUnitId: string }): Promise<string[]> {
    const unitUsers = await ledgerRepository.unitUsersWith(tx, item.leadUnitId, 'ledger.handle');
    return [...new Set([...(item.ownerId ? [item.ownerId] : []), ...unitUsers])];
  }

  /** Rolls a parent's progress up from its children (weighted mean) and refreshes lights of item and parent. */
  async function afterChange(tx: DbOrTx, itemId: string, parentId: string | null) {
    if (parentId) {
      const kids = await queryRows<{ progress: number; weight: number | null }>(
        tx,
        sql`select progress, weight from ledger_items where parent_id = ${parentId} and deleted_at is null`,
      );
      const rolled = rollUpProgress(kids);
      if (rolled !== null) await tx.execute(sql`update ledger_items set progress = ${rolled} where id = ${parentId}`);
    }
    await recomputeItems(tx, [itemId], today(), clock.now());
  }

  /** The deadline of a new item: the date given, or N working days from assignment; checked against its class. */
  async function resolveDeadline(tx: DbOrTx, input: ItemCreate, assignedOn: string, path = 'body.deadline', cal?: CalendarExceptions): Promise<string> {
    let deadline = input.deadline;
    if (input.deadlineWorkingDays !== undefined) {
      cal ??= await calendarFor(tx, assignedOn, addCalendarDays(assignedOn, input.deadlineWorkingDays * 2 + 30));
      deadline = addWorkingDays(assignedOn, input.deadlineWorkingDays, cal);
    }
    if (!deadline) throw field(path, 'required');
    if (deadline < assignedOn) {
      throw new AppError('DEADLINE_BEFORE_ASSIGNMENT', `the deadline ${deadline} is before the assignment on ${assignedOn}`, [
        { path, message: 'before the assignment' },
      ]);
    }
    if (input.deadlineClass) {
      const [y, m, d] = assignedOn.split('-').map(Number) as [number, number, number];
      const max = new Date(Date.UTC(y, m - 1 + deadlineClassMaxMonths[input.deadlineClass], d)).toISOString().slice(0, 10);
      if (deadline > max) throw field(path, `a ${input.deadlineClass} rectification ends by ${max}`);
    }
    return deadline;
  }

  const itemValues = (ledger: LedgerRow, input: ItemCreate, seq: number, deadline: string, assignedAt: Date, p: Principal | null) => ({
    ledgerId: ledger.id,
    parentId: input.parentId ?? null,
    seq,
    code: `${ledger.code}-${String(seq).padStart(4, '0')}`,
    title: input.title,
    description: input.description ?? null,
    measures: input.measures ?? null,
    source: input.source,
    sourceDoc: input.sourceDoc ?? null,
    leadUnitId: input.leadUnitId,
    coUnitIds: input.coUnitIds ?? [],
    ownerId: input.ownerId ?? null,
    leaderId: input.leaderId ?? null,
    enterpriseId: input.enterpriseId ?? null,
    meetingId: input.meetingId ?? null,
    priority: input.priority ?? 'normal',
    focus: input.focus ?? false,
    frequency: input.frequency ?? 'week',
    weight: input.weight ?? null,
    deadline,
    deadlineClass: input.deadlineClass ?? null,
    longTerm: input.longTerm ?? false,
    assignedAt,
    createdBy: p?.userId ?? null,
  });

  const checkpointRows = (itemId: string, assignedOn: string, nodes: CheckpointNode[], cal: CalendarExceptions) =>
    nodes.map((n) => ({
      itemId,
      code: n.code,
      name: n.name,
      nameEn: n.nameEn,
      deliverable: n.deliverable,
      deliverableEn: n.deliverableEn,
      requirement: n.requirement,
      dueOn: checkpointDue(assignedOn, n, cal),
    }));

  /**
   * Many top-level items at once (imports): the same checks and rows as one by one, written in multi-row statements,
   * one audit record listing every item, one inbox message per recipient, one light computation.
   */
  async function createBatchTx(tx: DbOrTx, ctx: RequestContext, p: Principal | null, ledger: LedgerRow, inputs: ItemCreate[]): Promise<string[]> {
    const day = today();
    const cal = await calendarFor(tx, day, addCalendarDays(day, 800));
    const deadlines: string[] = [];
    for (const [k, input] of inputs.entries()) deadlines.push(await resolveDeadline(tx, input, input.assignedOn ?? day, `body.items.${k}.deadline`, cal));
    await checkRefs(tx, {
      coUnitIds: [...new Set(inputs.flatMap((i) => [i.leadUnitId, ...(i.coUnitIds ?? [])]))],
      ownerIds: [...new Set(inputs.map((i) => i.ownerId).filter((x): x is string => !!x))],
    });
    for (const input of inputs) if (input.coUnitIds?.includes(input.leadUnitId)) throw field('body.coUnitIds', 'the lead unit cannot also be a co-unit');
    const first = await ledgerRepository.nextSeq(tx, ledger.id);
    const now = clock.now();
    const template = await ledgerRepository.findTemplate(tx, ledger.checkpointTemplateId);
    const nodes = (template?.nodes ?? []) as CheckpointNode[];
    const ids: string[] = [];
    for (let start = 0; start < inputs.length; start += 1000) {
      const chunk = inputs.slice(start, start + 1000);
      const rows = await ledgerRepository.insertItems(
        tx,
        chunk.map((input, j) => {
          const assignedOn = input.assignedOn ?? day;
          return itemValues(ledger, input, first + start + j, deadlines[start + j]!, assignedOn === day ? now : new Date(`${assignedOn}T09:00:00+08:00`), p);
        }),
      );
      ids.push(...rows.map((r) => r.id));
      await ledgerRepository.insertDeadlines(
        tx,
        rows.map((r) => ({ itemId: r.id, deadline: r.deadline, previous: null, reason: null, setBy: p?.userId ?? null, setAt: now })),
      );
      await ledgerRepository.insertCheckpoints(
        tx,
        rows.flatMap((r, j) => checkpointRows(r.id, chunk[j]!.assignedOn ?? day, nodes, cal)),
      );
      await ledgerRepository.insertEvents(
        tx,
        rows.map((r) => ({
          itemId: r.id,
          at: now,
          actorId: p?.userId ?? null,
          kind: 'created',
          toStatus: 'assigned',
          data: { deadline: r.deadline, source: r.source },
        })),
      );
    }
    const created = await ledgerRepository.findItemsByIds(tx, ids);
    await audit.record(tx, ctx, {
      action: 'ledger.item.createMany',
      entityType: 'ledger',
      entityId: ledger.id,
      diff: { created: created.map((c) => ({ id: c.id, code: c.code, title: c.title })) },
    });
    // One message per recipient, naming how many items they received.
    const perUser = new Map<string, number>();
    const handlersByUnit = new Map<string, string[]>();
    for (const c of created) {
      if (!handlersByUnit.has(c.leadUnitId)) handlersByUnit.set(c.leadUnitId, await ledgerRepository.unitUsersWith(tx, c.leadUnitId, 'ledger.handle'));
      for (const u of new Set([...(c.ownerId ? [c.ownerId] : []), ...handlersByUnit.get(c.leadUnitId)!]))
        if (u !== p?.userId) perUser.set(u, (perUser.get(u) ?? 0) + 1);
    }
    for (const [userId, n] of perUser) {
      await notifications.notify(tx, {
        kind: 'ledger.assigned',
        userIds: [userId],
        title: `新交办事项 ${n} 项`,
        body: ledger.name,
        link: `/supervision?ledgerId=${ledger.id}`,
      });
    }
    await recomputeItems(tx, ids, day, now);
    return ids;
  }

  /** Creates one item inside a transaction; used by the API, imports, meetings and other modules. */
  async function createItemTx(tx: DbOrTx, ctx: RequestContext, p: Principal | null, ledger: LedgerRow, input: ItemCreate): Promise<string> {
    const assignedOn = input.assignedOn ?? today();
    const deadline = await resolveDeadline(tx, input, assignedOn);
    await checkRefs(tx, input);
    let parent: ItemListRow | undefined;
    if (input.parentId) {
      parent = await ledgerRepository.findItem(tx, input.parentId);
      if (!parent || parent.ledgerId !== ledger.id) throw field('body.parentId', 'the parent item is not in this ledger');
      if (parent.parentId) throw field('body.parentId', 'sub-items have no sub-items of their own');
      if (!isOpen(parent.status as LedgerStatus)) throw new AppError('TRANSITION_NOT_ALLOWED', 'the parent item is closed');
      if (deadline > parent.deadline) throw field('body.deadline', `a sub-item ends by its parent's deadline ${parent.deadline}`);
    }
    const seq = await ledgerRepository.nextSeq(tx, ledger.id);
    const now = clock.now();
    const assignedAt = assignedOn === today() ? now : new Date(`${assignedOn}T09:00:00+08:00`);
    const row = await ledgerRepository.insertItem(tx, itemValues(ledger, input, seq, deadline, assignedAt, p));
    await ledgerRepository.insertDeadline(tx, { itemId: row.id, deadline, previous: null, reason: null, setBy: p?.userId ?? null, setAt: now });
    if (!parent) {
      const template = await ledgerRepository.findTemplate(tx, ledger.checkpointTemplateId);
      const nodes = (template?.nodes ?? []) as CheckpointNode[];
      if (nodes.length) {
        const cal = await calendarFor(tx, assignedOn, addCalendarDays(assignedOn, 400));
        await ledgerRepository.insertCheckpoints(tx, checkpointRows(row.id, assignedOn, nodes, cal));
      }
    } else {
      // A parent split into sub-items is decomposed (分解落实): its plan checkpoint is met.
      if (!parent.decomposedAt) await tx.execute(sql`update ledger_items set decomposed_at = ${now} where id = ${parent.id}`);
      await ledgerRepository.markCheckpoints(tx, parent.id, ['decomposition'], now);
      await event(tx, parent.id, p, 'subItem', { body: input.title, data: { subItemId: row.id } });
    }
    await event(tx, row.id, p, 'created', { to: 'assigned', data: { deadline, source: input.source } });
    await audit.record(tx, ctx, { action: 'ledger.item.create', entityType: ITEM_ENTITY, entityId: row.id, diff: diffOf(null, row) });
    const recipients = await handlersOf(tx, { ownerId: row.ownerId, leadUnitId: row.leadUnitId });
    await notifications.notify(tx, {
      kind: 'ledger.assigned',
      userIds: recipients.filter((u) => u !== p?.userId),
      title: `新交办事项：${row.title}`,
      body: `${row.code}，办理时限 ${deadline}`,
      link: `/supervision/items/${row.id}`,
    });
    await afterChange(tx, row.id, row.parentId);
    return row.id;
  }

  /**
   * Who may put an item into a ledger: its supervisors; a head of unit holding ledger.assign for lead units inside
   * their data scope; the lead unit of a parent item for its sub-items (decomposition).
   */
  async function requireCanAssign(p: Principal, ledger: LedgerRow, input: { parentId?: string | null | undefined; leadUnitId: string }) {
    if (ledger.status !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the ledger is archived');
    if (p.permissions.has('ledger.assign') && isSupervisorOf(p, ledger)) return;
    if (input.parentId) {
      const { roles } = await requireItem(p, input.parentId);
      if (roles.has('lead') || roles.has('supervisor')) return;
    }
    if (p.permissions.has('ledger.assign')) {
      const [unit] = await queryRows<{ path: string }>(db, sql`select path from units where id = ${input.leadUnitId}`);
      if (unit && unitInScope(p, input.leadUnitId, unit.path)) return;
    }
    throw new AppError('FORBIDDEN', 'only the supervising unit, or a head of unit for units in their scope, assigns items in this ledger');
  }

  async function move(
    tx: DbOrTx,
    ctx: RequestContext,
    p: Principal | null,
    item: ItemListRow,
    to: LedgerStatus,
    action: string,
    reason?: string | null,
    extra: Record<string, unknown> = {},
  ) {
    const now = clock.now();
    const stamp = stampOf[to];
    const set: Record<string, unknown> = { status: to, updatedAt: now, ...extra };
    if (stamp && !item[stamp]) set[stamp] = now;
    if (to === 'inProgress' && action !== 'start') {
      // Back to work: the review starts again from the first level.
      set.signoffDone = 0;
      set.noticeStartOn = null;
      set.noticeEndsOn = null;
      if (action === 'reopen') set.closedAt = null;
    }
    const after = await ledgerRepository.updateItem(tx, item.id, set as never);
    await event(tx, item.id, p, 'transition', { from: item.status, to, body: reason ?? null, data: { action } });
    await audit.record(tx, ctx, {
      action: `ledger.item.${action}`,
      entityType: ITEM_ENTITY,
      entityId: item.id,
      diff: { changed: { status: { from: item.status, to } }, ...(reason ? { reason } : {}) },
    });
    return after;
  }

  return {
    itemRoles,

    // ---- ledgers ----
    async listLedgers(p: Principal, kind?: string) {
      const rows = await ledgerRepository.listLedgers(db, kind, visible(p));
      return rows.map(toLedger);
    },
    async getLedger(_p: Principal, id: string) {
      return toLedger(await requireLedger(id));
    },
    async createLedger(ctx: RequestContext, p: Principal, input: z.infer<typeof ledgerCreateSchema>) {
      if (await ledgerRepository.findLedgerByCode(db, input.code)) {
        throw new AppError('LEDGER_CODE_TAKEN', `the code ${input.code} is taken`, [{ path: 'body.code', message: 'taken' }]);
      }
      await checkRefs(db, { leadUnitId: input.supervisorUnitId });
      const template = input.checkpointTemplateId !== undefined ? input.checkpointTemplateId : (await ledgerRepository.findTemplate(db, null))?.id;
      if (input.checkpointTemplateId && !(await ledgerRepository.findTemplate(db, input.checkpointTemplateId)))
        throw field('body.checkpointTemplateId', 'unknown template');
      const id = await db.transaction(async (tx) => {
        const row = await ledgerRepository.insertLedger(tx, {
          ...input,
          checkpointTemplateId: template ?? null,
          evidenceRequired: input.evidenceRequired ?? input.kind === 'rectification',
          description: input.description ?? null,
          sourceDoc: input.sourceDoc ?? null,
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
          createdBy: p.userId,
        });
        await audit.record(tx, ctx, { action: 'ledger.create', entityType: 'ledger', entityId: row.id, diff: diffOf(null, row) });
        return row.id;
      });
      return toLedger(await requireLedger(id));
    },
    async updateLedger(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof ledgerUpdateSchema>) {
      const before = await requireLedger(id);
      if (!isSupervisorOf(p, before)) throw new AppError('FORBIDDEN', 'only the supervising unit changes this ledger');
      await db.transaction(async (tx) => {
        const after = await ledgerRepository.updateLedger(tx, id, { ...input, updatedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'ledger.update', entityType: 'ledger', entityId: id, diff: diffOf(before, after) });
      });
      return toLedger(await requireLedger(id));
    },
    listTemplates: () => ledgerRepository.listTemplates(db),
    /** Another checkpoint template (the default is 一天有部署、一周有行动、一月有效果); ledgers choose theirs. */
    async createTemplate(ctx: RequestContext, p: Principal, input: { code: string; name: string; nodes: CheckpointNode[] }) {
      if ((await ledgerRepository.listTemplates(db)).some((t) => t.code === input.code)) {
        throw new AppError('LEDGER_CODE_TAKEN', `the code ${input.code} is taken`, [{ path: 'body.code', message: 'taken' }]);
      }
      return db.transaction(async (tx) => {
        const row = await ledgerRepository.insertTemplate(tx, { ...input, createdBy: p.userId });
        await audit.record(tx, ctx, { action: 'ledger.template.create', entityType: 'checkpointTemplate', entityId: row.id, diff: diffOf(null, row) });
        return row;
      });
    },

    /**
     * The open top-level items of ledgers of these kinds the caller sees: counts per lead unit (open, red, yellow) and
     * the red items longest overdue on `day` (at most `limit`). The leaders' cockpit reads it.
     */
    async openSummary(p: Principal, kinds: readonly LedgerKind[], day: string, limit: number) {
      const [byUnit, red] = await Promise.all([
        ledgerRepository.openCountsByUnit(db, kinds, visible(p)),
        ledgerRepository.redItems(db, kinds, visible(p), day, limit),
      ]);
      return { byUnit, red: red.map((r) => ({ ...r, ledgerKind: r.ledgerKind as LedgerKind })) };
    },

    // ---- items ----
    async list(p: Principal, q: z.infer<typeof itemListQuery>) {
      const { limit, offset } = limitOffset(q);
      const sort = parseSort(q.sort, 'deadline') as { field: ItemSortField; desc: boolean };
      const { rows, total } = await ledgerRepository.findPage(db, filterOf(q), visible(p), sort, limit, offset);
      return toPage(rows.map(toItem), total, q);
    },

    async get(p: Principal, id: string) {
      const { item, ledger, roles } = await requireItem(p, id);
      const [children, checkpoints, progress, events, deadlines, extensions, verifications] = await Promise.all([
        ledgerRepository.children(db, id),
        ledgerRepository.checkpoints(db, id),
        ledgerRepository.progress(db, id),
        ledgerRepository.events(db, id),
        ledgerRepository.deadlines(db, id),
        ledgerRepository.extensions(db, id),
        ledgerRepository.verifications(db, id),
      ]);
      return {
        item: toItem(item),
        ledger: toLedger(ledger),
        children: children.map(toItem),
        checkpoints: checkpoints.map((c) => ({ ...c, metAt: iso(c.metAt) })),
        progress: progress.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
        deadlines: deadlines.map((d) => ({ ...d, setAt: d.setAt.toISOString() })),
        extensions: extensions.map((x) => ({ ...x, requestedAt: x.requestedAt.toISOString(), decidedAt: iso(x.decidedAt) })),
        verifications: verifications.map((v) => ({ ...v, at: v.at.toISOString() })),
        myRoles: [...roles],
        allowedActions: moduleOwned(item) ? [] : allowedActions(item.status as LedgerStatus, roles),
      } as never;
    },

    async create(ctx: RequestContext, p: Principal, input: ItemCreate) {
      const ledger = await requireLedger(input.ledgerId);
      await requireCanAssign(p, ledger, input);
      return db.transaction((tx) => createItemTx(tx, ctx, p, ledger, input));
    },

    /**
     * Creates many items in one transaction (imports, meetings): all or nothing. Inside a caller's own transaction,
     * use the service bound to it (ledgerServiceIn), whose every read and write goes through that transaction.
     */
    async createMany(ctx: RequestContext, p: Principal | null, ledgerId: string, inputs: ItemCreate[]): Promise<string[]> {
      const ledger = await requireLedger(ledgerId);
      if (p) for (const input of inputs) await requireCanAssign(p, ledger, input);
      const all = inputs.map((input) => ({ ...input, ledgerId }));
      return db.transaction(async (tx) => {
        if (all.length > 1 && all.every((i) => !i.parentId)) return createBatchTx(tx, ctx, p, ledger, all);
        const ids: string[] = [];
        for (const input of all) ids.push(await createItemTx(tx, ctx, p, ledger, input));
        return ids;
      });
    },

    async update(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof itemUpdateSchema>) {
      const { item, roles } = await requireItem(p, id);
      const { version, ...changes } = input;
      const leadOnly = Object.keys(changes).every((k) => k === 'measures' || k === 'description');
      if (!roles.has('supervisor') && !(roles.has('lead') && leadOnly))
        throw new AppError('FORBIDDEN', 'only the supervising unit edits this item (the lead unit may edit its measures)');
      if (version !== undefined && version !== item.version) throw new AppError('STALE_VERSION', 'the item was changed by someone else; reload it');
      await checkRefs(db, { leadUnitId: item.leadUnitId, coUnitIds: changes.coUnitIds, ownerId: changes.ownerId, leaderId: changes.leaderId });
      await db.transaction(async (tx) => {
        const before = await ledgerRepository.lockItem(tx, id);
        const after = await ledgerRepository.updateItem(tx, id, { ...changes, updatedAt: clock.now() });
        await event(tx, id, p, 'edit', { data: diffOf(before, after) });
        await audit.record(tx, ctx, { action: 'ledger.item.update', entityType: ITEM_ENTITY, entityId: id, diff: diffOf(before, after) });
        await afterChange(tx, id, item.parentId);
      });
      return id;
    },

    async transition(
      ctx: RequestContext,
      p: Principal,
      id: string,
      input: { action: LedgerAction; reason?: string | null | undefined; version?: number | undefined },
    ) {
      const { item, ledger, roles } = await requireItem(p, id);
      if (moduleOwned(item)) throw moduleOwnedError();
      const def = transitions[input.action];
      if (input.action === 'verify' || input.action === 'signOff') {
        throw new AppError('VALIDATION_FAILED', `use the ${input.action === 'verify' ? 'verification' : 'sign-off'} endpoint, which records the check`);
      }
      if (!def.from.includes(item.status as LedgerStatus)) {
        throw new AppError('TRANSITION_NOT_ALLOWED', `${input.action} is not possible while the item is ${item.status}`, {
          status: item.status,
          action: input.action,
        });
      }
      if (!def.roles.some((r) => roles.has(r))) throw new AppError('FORBIDDEN', `only the ${def.roles.join(' or ')} may ${input.action} this item`);
      if (def.reason && !input.reason) throw field('body.reason', 'a reason is required');
      if (input.version !== undefined && input.version !== item.version) throw new AppError('STALE_VERSION', 'the item was changed by someone else; reload it');
      if (input.action === 'reportCompletion') {
        if (ledger.evidenceRequired && (await files.listOf(ITEM_ENTITY, id, 'evidence')).length === 0) {
          throw new AppError('EVIDENCE_REQUIRED', 'attach the evidence of the rectification (purpose "evidence") before requesting closure');
        }
        const openKids = (await ledgerRepository.children(db, id)).filter((c) => isOpen(c.status as LedgerStatus) && c.status !== 'notice');
        if (openKids.length)
          throw new AppError('TRANSITION_NOT_ALLOWED', `${openKids.length} sub-items are still open`, { openSubItems: openKids.map((k) => k.code) });
      }
      if ((input.action === 'close' || input.action === 'closeOngoing') && item.noticeEndsOn && today() < item.noticeEndsOn) {
        throw new AppError('NOTICE_NOT_OVER', `the public notice runs until ${item.noticeEndsOn}`);
      }
      await db.transaction(async (tx) => {
        const locked = await ledgerRepository.lockItem(tx, id);
        if (locked!.status !== item.status) throw new AppError('STALE_VERSION', 'the item was moved by someone else; reload it');
        const extra: Record<string, unknown> = {};
        if (input.action === 'reportCompletion') extra.progress = 100;
        await move(tx, ctx, p, item, def.to!, input.action, input.reason, extra);
        await afterChange(tx, id, item.parentId);
        if (input.action === 'sendBack' || input.action === 'object' || input.action === 'reopen') {
          await notifications.notify(tx, {
            kind: `ledger.${input.action}`,
            userIds: await handlersOf(tx, item),
            title: `${input.action === 'sendBack' ? '退办' : input.action === 'object' ? '公示有异议' : '重新打开'}：${item.title}`,
            body: input.reason ?? '',
            link: `/supervision/items/${id}`,
          });
        }
        if (input.action === 'reportCompletion') {
          const supervisors = await ledgerRepository.unitUsersWith(tx, ledger.supervisorUnitId, 'ledger.supervise');
          await notifications.notify(tx, {
            kind: 'ledger.reported',
            userIds: supervisors,
            title: `办结报告待审核：${item.title}`,
            body: item.code,
            link: `/supervision/items/${id}`,
          });
        }
      });
      return id;
    },

    async addProgress(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof progressCreateSchema>) {
      const { item, roles } = await requireItem(p, id);
      if (!roles.has('lead') && !roles.has('co')) throw new AppError('FORBIDDEN', 'only the lead unit and the co-units report progress');
      const status = item.status as LedgerStatus;
      if (status === 'assigned') throw new AppError('ITEM_NOT_ACCEPTED', 'accept the item before reporting progress');
      if (!['accepted', 'inProgress'].includes(status)) throw new AppError('TRANSITION_NOT_ALLOWED', `progress cannot be reported while the item is ${status}`);
      const reportedOn = input.reportedOn ?? today();
      if (reportedOn > today()) throw field('body.reportedOn', 'in the future');
      await db.transaction(async (tx) => {
        const now = clock.now();
        const row = await ledgerRepository.insertProgress(tx, {
          itemId: id,
          kind: input.kind,
          reportedOn,
          percent: input.percent ?? null,
          text: input.text,
          authorId: p.userId,
        });
        const reqs = input.kind === 'effect' ? ['progress', 'effect'] : input.kind === 'decomposition' ? ['decomposition'] : ['progress'];
        await ledgerRepository.markCheckpoints(tx, id, reqs, now);
        const set: Record<string, unknown> = { lastProgressOn: reportedOn, lastProgressText: input.text, updatedAt: now };
        if (input.percent !== null && input.percent !== undefined && item.childCount === 0) set.progress = input.percent;
        if (input.kind === 'decomposition' && !item.decomposedAt) set.decomposedAt = now;
        await ledgerRepository.updateItem(tx, id, set as never);
        await event(tx, id, p, 'progress', { body: input.text, data: { kind: input.kind, percent: input.percent ?? null, progressId: row.id } });
        // The first progress starts the work (开展).
        if (status === 'accepted' && input.kind !== 'decomposition') await move(tx, ctx, p, { ...item, progress: item.progress }, 'inProgress', 'start');
        await audit.record(tx, ctx, { action: 'ledger.item.progress', entityType: ITEM_ENTITY, entityId: id, diff: diffOf(null, row) });
        await afterChange(tx, id, item.parentId);
      });
      return id;
    },

    async comment(ctx: RequestContext, p: Principal, id: string, input: { kind: 'comment' | 'instruction'; body: string }) {
      const { item, roles } = await requireItem(p, id);
      if (input.kind === 'instruction' && !roles.has('leader') && !p.roles.includes('leader') && !p.roles.includes('cityLeader')) {
        throw new AppError('FORBIDDEN', 'instructions (批示) are given by leaders');
      }
      await db.transaction(async (tx) => {
        await event(tx, id, p, input.kind, { body: input.body });
        await audit.record(tx, ctx, { action: `ledger.item.${input.kind}`, entityType: ITEM_ENTITY, entityId: id, diff: { body: input.body } });
        if (input.kind === 'instruction') {
          await notifications.notify(tx, {
            kind: 'ledger.instruction',
            userIds: await handlersOf(tx, item),
            title: `领导批示：${item.title}`,
            body: input.body,
            link: `/supervision/items/${id}`,
          });
        }
      });
      return id;
    },

    async chase(ctx: RequestContext, p: Principal, id: string, body: string | null | undefined) {
      const { item, roles } = await requireItem(p, id);
      if (!roles.has('supervisor')) throw new AppError('FORBIDDEN', 'only the supervising unit chases (催办)');
      if (!isOpen(item.status as LedgerStatus)) throw new AppError('TRANSITION_NOT_ALLOWED', 'the item is closed');
      await db.transaction(async (tx) => {
        const recipients = [...(await handlersOf(tx, item)), ...(item.leaderId ? [item.leaderId] : [])];
        await event(tx, id, p, 'chase', { body: body ?? null, data: { recipients: recipients.length } });
        await notifications.notify(tx, {
          kind: 'ledger.chase',
          userIds: recipients,
          title: `催办：${item.title}`,
          body: body ?? `${item.code} 办理时限 ${item.deadline}`,
          link: `/supervision/items/${id}`,
        });
        await audit.record(tx, ctx, { action: 'ledger.item.chase', entityType: ITEM_ENTITY, entityId: id, diff: { body: body ?? null } });
      });
      return id;
    },

    async requestExtension(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof extensionRequestSchema>) {
      const { item, ledger, roles } = await requireItem(p, id);
      if (moduleOwned(item)) throw moduleOwnedError();
      if (!roles.has('lead')) throw new AppError('FORBIDDEN', 'only the lead unit requests an extension');
      if (!['assigned', 'accepted', 'inProgress'].includes(item.status))
        throw new AppError('TRANSITION_NOT_ALLOWED', `no extension while the item is ${item.status}`);
      if (input.newDeadline <= item.deadline) throw field('body.newDeadline', `must be after the current deadline ${item.deadline}`);
      const pending = (await ledgerRepository.extensions(db, id)).find((x) => x.status === 'pending' || x.status === 'escalated');
      if (pending) throw new AppError('EXTENSION_PENDING', 'an extension request is already waiting for a decision');
      const late = extensionIsLate(item.deadline, today());
      await db.transaction(async (tx) => {
        const row = await ledgerRepository.insertExtension(tx, { itemId: id, ...input, late, requestedBy: p.userId, requestedAt: clock.now() });
        await event(tx, id, p, 'extensionRequested', { body: input.reason, data: { newDeadline: input.newDeadline, late, extensionId: row.id } });
        await audit.record(tx, ctx, { action: 'ledger.item.extensionRequest', entityType: ITEM_ENTITY, entityId: id, diff: diffOf(null, row) });
        const supervisors = await ledgerRepository.unitUsersWith(tx, ledger.supervisorUnitId, 'ledger.supervise');
        await notifications.notify(tx, {
          kind: 'ledger.extension',
          userIds: supervisors,
          title: `延期申请${late ? '（逾期后申请）' : ''}：${item.title}`,
          body: `申请延至 ${input.newDeadline}：${input.reason}`,
          link: `/supervision/items/${id}`,
        });
      });
      return id;
    },

    async decideExtension(ctx: RequestContext, p: Principal, id: string, extensionId: string, input: z.infer<typeof extensionDecisionSchema>) {
      const { item, roles } = await requireItem(p, id);
      const ext = await ledgerRepository.findExtension(db, extensionId);
      if (!ext || ext.itemId !== id) throw notFound('extension request');
      if (ext.status !== 'pending' && ext.status !== 'escalated') throw new AppError('TRANSITION_NOT_ALLOWED', `the request is already ${ext.status}`);
      const mayDecide = ext.status === 'escalated' ? ext.escalatedTo === p.userId : roles.has('supervisor');
      if (!mayDecide)
        throw new AppError(
          'FORBIDDEN',
          ext.status === 'escalated' ? 'the request waits for the leader it was escalated to' : 'only the supervising unit decides',
        );
      if (input.decision === 'escalate') {
        if (ext.status === 'escalated') throw new AppError('TRANSITION_NOT_ALLOWED', 'already escalated');
        await checkRefs(db, { leaderId: input.leaderId });
      }
      await db.transaction(async (tx) => {
        const now = clock.now();
        const status = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'escalated';
        const after = await ledgerRepository.updateExtension(tx, extensionId, {
          status,
          ...(input.decision === 'escalate' ? { escalatedTo: input.leaderId! } : { decidedBy: p.userId, decidedAt: now }),
          decisionNote: input.note ?? null,
        });
        if (input.decision === 'approve') {
          await ledgerRepository.insertDeadline(tx, {
            itemId: id,
            deadline: ext.newDeadline,
            previous: item.deadline,
            reason: ext.reason,
            extensionId,
            setBy: p.userId,
            setAt: now,
          });
          await ledgerRepository.updateItem(tx, id, { deadline: ext.newDeadline, updatedAt: now });
        }
        await event(tx, id, p, `extension${status[0]!.toUpperCase()}${status.slice(1)}`, {
          body: input.note ?? null,
          data: { extensionId, newDeadline: ext.newDeadline },
        });
        await audit.record(tx, ctx, { action: `ledger.item.extension.${input.decision}`, entityType: ITEM_ENTITY, entityId: id, diff: diffOf(ext, after) });
        const to = input.decision === 'escalate' ? [input.leaderId!] : ext.requestedBy ? [ext.requestedBy] : [];
        await notifications.notify(tx, {
          kind: 'ledger.extension',
          userIds: to,
          title:
            input.decision === 'escalate'
              ? `延期申请待领导审批：${item.title}`
              : `延期申请${input.decision === 'approve' ? '已同意' : '未同意'}：${item.title}`,
          body: `${ext.newDeadline} ${input.note ?? ''}`.trim(),
          link: `/supervision/items/${id}`,
        });
        await afterChange(tx, id, item.parentId);
      });
      return id;
    },

    /** The on-site check (现场核查): by a supervisor whose unit did not do the work. Failing it sends the item back. */
    async verify(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof verificationCreateSchema>) {
      const { item, roles } = await requireItem(p, id);
      if (item.status !== 'verifying')
        throw new AppError('TRANSITION_NOT_ALLOWED', `an on-site check is recorded while the item is under verification, not ${item.status}`);
      if (!roles.has('supervisor')) throw new AppError('FORBIDDEN', 'only the supervising unit verifies');
      if (p.unitId === item.leadUnitId || p.unitPath.startsWith(item.leadUnitPath)) {
        throw new AppError('VERIFIER_IS_LEAD_UNIT', 'the unit that did the work cannot verify it');
      }
      if (input.checkedOn > today()) throw field('body.checkedOn', 'in the future');
      await files.requireAttached(ITEM_ENTITY, id, input.attachmentIds);
      await db.transaction(async (tx) => {
        const row = await ledgerRepository.insertVerification(tx, {
          itemId: id,
          kind: 'onSite',
          level: 0,
          verifierId: p.userId,
          verifierUnitId: p.unitId,
          at: clock.now(),
          checkedOn: input.checkedOn,
          place: input.place ?? null,
          findings: input.findings,
          passed: input.passed,
        });
        await event(tx, id, p, 'verification', {
          body: input.findings,
          data: { passed: input.passed, attachmentIds: input.attachmentIds, verificationId: row.id },
        });
        await move(tx, ctx, p, item, input.passed ? 'signoff' : 'inProgress', input.passed ? 'verify' : 'sendBack', input.passed ? null : input.findings);
        await afterChange(tx, id, item.parentId);
        if (!input.passed) {
          await notifications.notify(tx, {
            kind: 'ledger.sendBack',
            userIds: await handlersOf(tx, item),
            title: `现场核查未通过：${item.title}`,
            body: input.findings,
            link: `/supervision/items/${id}`,
          });
        }
      });
      return id;
    },

    /** One level of sign-off (审核签字); after the last level the public notice starts. */
    async signOff(ctx: RequestContext, p: Principal, id: string, note: string | null | undefined) {
      const { item, ledger, roles } = await requireItem(p, id);
      if (item.status !== 'signoff') throw new AppError('TRANSITION_NOT_ALLOWED', `sign-off happens after verification, not while ${item.status}`);
      if (!roles.has('supervisor') && !roles.has('leader')) throw new AppError('FORBIDDEN', 'only the supervising unit or the linked leader signs off');
      const signed = (await ledgerRepository.verifications(db, id)).filter((v) => v.kind === 'signoff' && v.at >= (item.reportedAt ?? new Date(0)));
      if (signed.some((v) => v.verifierId === p.userId))
        throw new AppError('FORBIDDEN', 'you already signed a level of this review; another person signs the next');
      await db.transaction(async (tx) => {
        const level = item.signoffDone + 1;
        await ledgerRepository.insertVerification(tx, {
          itemId: id,
          kind: 'signoff',
          level,
          verifierId: p.userId,
          verifierUnitId: p.unitId,
          at: clock.now(),
          findings: note ?? '同意',
          passed: true,
        });
        await event(tx, id, p, 'signoff', { body: note ?? null, data: { level, of: ledger.signoffLevels } });
        if (level >= ledger.signoffLevels) {
          const start = today();
          const cal = await calendarFor(tx, start, addCalendarDays(start, 60));
          const ends = noticeEnds(start, ledger.noticeWorkingDays, cal);
          await move(tx, ctx, p, item, 'notice', 'signOff', note, { signoffDone: level, noticeStartOn: start, noticeEndsOn: ends });
        } else {
          await ledgerRepository.updateItem(tx, id, { signoffDone: level, updatedAt: clock.now() });
          await audit.record(tx, ctx, { action: 'ledger.item.signOff', entityType: ITEM_ENTITY, entityId: id, diff: { level } });
        }
        await afterChange(tx, id, item.parentId);
      });
      return id;
    },

    // ---- module-owned workflow (MODULE_OWNED_KINDS) ----
    /**
     * Moves a module-owned item to the status its module's record reached (a request accepted, answered, closed,
     * reopened). Runs in the caller's transaction and writes through move(), as the API transitions do (status, the
     * first-reached timestamp, the timeline event, the audit record), then the light. The module has checked who may
     * act; nothing is written when the item already has that status.
     */
    async applyModuleStatus(tx: DbOrTx, ctx: RequestContext, p: Principal | null, itemId: string, to: LedgerStatus, action: string, reason?: string | null) {
      const locked = await ledgerRepository.lockItem(tx, itemId);
      if (!locked) throw notFound('item');
      if (locked.status === to) return;
      const item = (await ledgerRepository.findItem(tx, itemId))!;
      await move(tx, ctx, p, item, to, action, reason);
      await afterChange(tx, itemId, item.parentId);
    },

    /**
     * A module-owned item's lead unit and/or deadline follow its module's record (a request dispatched, redirected,
     * given a new handling round), or only a note goes on its timeline (a follow-up call): the deadline history, one
     * timeline event of kind `event`, the audit record and the light, in the caller's transaction.
     */
    async applyModuleChange(
      tx: DbOrTx,
      ctx: RequestContext,
      p: Principal | null,
      itemId: string,
      change: { event: string; leadUnitId?: string; deadline?: string; body?: string | null; data?: Record<string, unknown> },
    ) {
      const before = await ledgerRepository.lockItem(tx, itemId);
      if (!before) throw notFound('item');
      const now = clock.now();
      const set: Record<string, unknown> = {};
      if (change.leadUnitId && change.leadUnitId !== before.leadUnitId) set.leadUnitId = change.leadUnitId;
      if (change.deadline && change.deadline !== before.deadline) {
        set.deadline = change.deadline;
        await ledgerRepository.insertDeadline(tx, {
          itemId,
          deadline: change.deadline,
          previous: before.deadline,
          reason: change.body ?? null,
          setBy: p?.userId ?? null,
          setAt: now,
        });
      }
      const after = Object.keys(set).length ? await ledgerRepository.updateItem(tx, itemId, { ...set, updatedAt: now } as never) : before;
      const diff = diffOf(before, after);
      await event(tx, itemId, p, change.event, { body: change.body ?? null, data: { ...change.data, ...(Object.keys(set).length ? { changed: set } : {}) } });
      await audit.record(tx, ctx, { action: `ledger.item.${change.event}`, entityType: ITEM_ENTITY, entityId: itemId, diff });
      await afterChange(tx, itemId, before.parentId);
    },

    // ---- jobs ----
    /** The daily recomputation of every light. Safe with several instances: the scheduler claims the slot. */
    recomputeAll: (day = today()) => recomputeAll(db, day, clock.now()),

    /** Closes items whose public notice ended without objection (long-term ones as 已完成，长期坚持). */
    async closeEndedNotices(ctx: RequestContext) {
      const due = await queryRows<{ id: string }>(
        db,
        sql`select id from ledger_items where status = 'notice' and notice_ends_on <= ${today()} and deleted_at is null`,
      );
      for (const { id } of due) {
        await db.transaction(async (tx) => {
          const locked = await ledgerRepository.lockItem(tx, id);
          if (locked?.status !== 'notice') return;
          const item = (await ledgerRepository.findItem(tx, id))!;
          await move(tx, ctx, null, item, item.longTerm ? 'ongoing' : 'closed', item.longTerm ? 'closeOngoing' : 'close', '公示期满无异议');
          await afterChange(tx, id, item.parentId);
        });
      }
      return due.length;
    },

    /** Reminders: the owner N days before the deadline, lead unit and linked leader when late; each once. */
    async sendReminders() {
      const day = today();
      const rows = await queryRows<{
        id: string;
        title: string;
        code: string;
        deadline: string;
        owner_id: string | null;
        leader_id: string | null;
        lead_unit_id: string;
        yellow_days: number;
      }>(
        db,
        sql`select i.id, i.title, i.code, to_char(i.deadline, 'YYYY-MM-DD') as deadline, i.owner_id, i.leader_id, i.lead_unit_id, l.yellow_days
            from ledger_items i join ledgers l on l.id = i.ledger_id
            where i.deleted_at is null and i.status in ('assigned','accepted','inProgress') and i.deadline <= ${addCalendarDays(day, 30)}::date
              and i.deadline - ${day}::date <= l.yellow_days`,
      );
      let sent = 0;
      for (const r of rows) {
        const overdue = r.deadline < day;
        const kind = overdue ? 'overdue' : 'dueSoon';
        await db.transaction(async (tx) => {
          if (!(await ledgerRepository.claimReminder(tx, r.id, kind, r.deadline, clock.now()))) return;
          const handlers = await handlersOf(tx, { ownerId: r.owner_id, leadUnitId: r.lead_unit_id });
          const userIds = overdue ? [...handlers, ...(r.leader_id ? [r.leader_id] : [])] : r.owner_id ? [r.owner_id] : handlers;
          await notifications.notify(tx, {
            kind: `ledger.${kind}`,
            userIds,
            title: overdue ? `事项已逾期：${r.title}` : `事项临近办理时限：${r.title}`,
            body: `${r.code} 办理时限 ${r.deadline}`,
            link: `/supervision/items/${r.id}`,
          });
          await tx.execute(
            sql`insert into ledger_events (item_id, at, kind, body, data) values (${r.id}, ${clock.now()}, 'reminder', ${kind}, ${JSON.stringify({ recipients: userIds.length })}::jsonb)`,
          );
          sent++;
        });
      }
      return sent;
    },

    /**
     * The items a user must act on, for the workbench: each branch is one indexed look-up (owner, lead unit, the
     * supervised ledgers' review queue, the linked leader's sign-offs), united, then the 50 most urgent.
     */
    async todos(p: Principal, day: string) {
      // Each branch reads its first 50 in deadline order from its own index; the union is cut to 50 again. The
      // workbench shows the most urgent; the full lists are on the supervision page.
      const first = sql`order by deadline, seq limit 50`;
      const branches: SQL[] = [];
      const working = sql`('assigned','accepted','inProgress')`;
      if (p.permissions.has('ledger.handle')) {
        branches.push(sql`(select id, deadline, seq from ledger_items where owner_id = ${p.userId} and status in ${working} and deleted_at is null ${first})`);
        branches.push(
          sql`(select id, deadline, seq from ledger_items where lead_unit_id = ${p.unitId} and status in ${working} and deleted_at is null ${first})`,
        );
      }
      if (p.permissions.has('ledger.supervise')) {
        const supervised = p.scope.all
          ? sql``
          : sql`and ledger_id in (select l.id from ledgers l join units su on su.id = l.supervisor_unit_id where su.path like ${p.unitPath + '%'})`;
        branches.push(
          sql`(select id, deadline, seq from ledger_items where status in ('reported','verifying','signoff') and deleted_at is null ${supervised} ${first})`,
        );
      }
      branches.push(sql`(select id, deadline, seq from ledger_items where leader_id = ${p.userId} and status = 'signoff' and deleted_at is null ${first})`);
      const rows = await queryRows<{ id: string; title: string; code: string; deadline: string; status: string }>(
        db,
        sql`select i.id, i.title, i.code, to_char(i.deadline, 'YYYY-MM-DD') as deadline, i.status
            from ledger_items i join (select id, deadline, seq from (${sql.join(branches, sql` union `)}) u ${first}) top on top.id = i.id
            order by i.deadline, i.seq`,
      );
      return rows.map((r) => ({
        module: 'supervision',
        id: r.id,
        title: `${r.code} ${r.title}`,
        dueDate: r.deadline,
        link: `/supervision/items/${r.id}`,
        overdue: r.deadline < day && ['assigned', 'accepted', 'inProgress'].includes(r.status),
      }));
    },

    // ---- saved views ----
    listViews: (p: Principal, page: string) => ledgerRepository.listViews(db, p.userId, page),
    saveView: (p: Principal, input: { page: string; name: string; query: Record<string, string> }) =>
      ledgerRepository.upsertView(db, { userId: p.userId, ...input }),
    async deleteView(p: Principal, id: string) {
      if (!(await ledgerRepository.deleteView(db, p.userId, id))) throw notFound('view');
    },

    requireItem,
  };
}

export function filterOf(q: z.infer<typeof itemListQuery>) {
  return {
    ledgerId: q.ledgerId,
    kind: q.kind,
    parentId: q.parentId,
    source: q.source,
    leadUnitId: q.leadUnitId,
    light: q.light,
    status: q.status,
    leaderId: q.leaderId,
    ownerId: q.ownerId,
    meetingId: q.meetingId,
    projectId: q.projectId,
    focus: q.focus === undefined ? undefined : q.focus === 'true',
    open: q.open === undefined ? undefined : q.open === 'true',
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    q: q.q,
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;

/**
 * The engine bound to a caller's transaction: its checks and writes happen inside it (with PGlite's single
 * connection a read through the root handle would wait for that transaction for ever); nested transactions become
 * savepoints. Writes return ids; read the detail after the commit.
 */
export function ledgerServiceIn(deps: Deps, tx: DbOrTx): LedgerService {
  return createLedgerService({ ...deps, db: tx as Deps['db'] });
}
