// SQL of the ledger engine: ledgers, items with their names resolved, and the item's satellites (progress, events,
// deadlines, extensions, checkpoints, verifications, reminders).
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { prepared, queryRows, type DbOrTx } from '../../platform/database.ts';
import { likePattern } from '../../platform/lists.ts';
import {
  checkpointTemplates,
  ledgerCheckpoints,
  ledgerDeadlines,
  ledgerEvents,
  ledgerExtensions,
  ledgerItems,
  ledgerProgress,
  ledgerReminders,
  ledgers,
  ledgerVerifications,
  savedViews,
  units,
  users,
} from '../../db/schema.ts';

export type LedgerRow = typeof ledgers.$inferSelect & { supervisorUnitName: string; supervisorUnitPath: string };
export type ItemRow = typeof ledgerItems.$inferSelect;

const owner = alias(users, 'owner');
const leader = alias(users, 'leader');
const leadUnit = alias(units, 'lead_unit');

export const itemColumns = {
  id: ledgerItems.id,
  ledgerId: ledgerItems.ledgerId,
  ledgerName: ledgers.name,
  ledgerKind: ledgers.kind,
  parentId: ledgerItems.parentId,
  seq: ledgerItems.seq,
  code: ledgerItems.code,
  title: ledgerItems.title,
  description: ledgerItems.description,
  measures: ledgerItems.measures,
  source: ledgerItems.source,
  sourceDoc: ledgerItems.sourceDoc,
  leadUnitId: ledgerItems.leadUnitId,
  leadUnitName: leadUnit.name,
  leadUnitPath: leadUnit.path,
  coUnits: sql<{ id: string; name: string }[]>`coalesce((select json_agg(json_build_object('id', cu.id, 'name', cu.name) order by cu.sort, cu.name)
    from units cu where cu.id = any(${ledgerItems.coUnitIds})), '[]'::json)`,
  coUnitIds: ledgerItems.coUnitIds,
  ownerId: ledgerItems.ownerId,
  ownerName: owner.displayName,
  leaderId: ledgerItems.leaderId,
  leaderName: leader.displayName,
  enterpriseId: ledgerItems.enterpriseId,
  meetingId: ledgerItems.meetingId,
  projectId: ledgerItems.projectId,
  priority: ledgerItems.priority,
  focus: ledgerItems.focus,
  frequency: ledgerItems.frequency,
  weight: ledgerItems.weight,
  progress: ledgerItems.progress,
  deadline: ledgerItems.deadline,
  deadlineClass: ledgerItems.deadlineClass,
  longTerm: ledgerItems.longTerm,
  status: ledgerItems.status,
  light: ledgerItems.light,
  lightReasons: ledgerItems.lightReasons,
  signoffDone: ledgerItems.signoffDone,
  noticeStartOn: ledgerItems.noticeStartOn,
  noticeEndsOn: ledgerItems.noticeEndsOn,
  lastProgressOn: ledgerItems.lastProgressOn,
  lastProgressText: ledgerItems.lastProgressText,
  childCount: sql<number>`(select count(*) from ledger_items c where c.parent_id = ${ledgerItems.id} and c.deleted_at is null)`.mapWith(Number),
  assignedAt: ledgerItems.assignedAt,
  acceptedAt: ledgerItems.acceptedAt,
  decomposedAt: ledgerItems.decomposedAt,
  startedAt: ledgerItems.startedAt,
  reportedAt: ledgerItems.reportedAt,
  completedAt: ledgerItems.completedAt,
  closedAt: ledgerItems.closedAt,
  version: ledgerItems.version,
  createdBy: ledgerItems.createdBy,
};

export type ItemListRow = {
  [K in keyof typeof itemColumns]: (typeof itemColumns)[K] extends { _: { data: infer D } } ? D : (typeof itemColumns)[K] extends SQL<infer T> ? T : unknown;
} & { ownerName: string | null; leaderName: string | null; leadUnitName: string; leadUnitPath: string; ledgerName: string; ledgerKind: string };

export interface ItemFilter {
  ledgerId?: string | undefined;
  kind?: string | undefined;
  parentId?: string | undefined;
  source?: string[] | undefined;
  leadUnitId?: string | undefined;
  light?: string[] | undefined;
  status?: string[] | undefined;
  leaderId?: string | undefined;
  ownerId?: string | undefined;
  meetingId?: string | undefined;
  projectId?: string | undefined;
  focus?: boolean | undefined;
  open?: boolean | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  q?: string | undefined;
}

const sortColumns = {
  deadline: ledgerItems.deadline,
  seq: ledgerItems.seq,
  createdAt: ledgerItems.createdAt,
  progress: ledgerItems.progress,
  light: sql`case ${ledgerItems.light} when 'red' then 0 when 'yellow' then 1 when 'green' then 2 else 3 end`,
} as const;
export type ItemSortField = keyof typeof sortColumns;

const OPEN = sql`('assigned','accepted','inProgress','reported','verifying','signoff','notice')`;

function itemWhere(f: ItemFilter, visible: SQL | undefined): SQL | undefined {
  return and(
    isNull(ledgerItems.deletedAt),
    visible,
    f.ledgerId ? eq(ledgerItems.ledgerId, f.ledgerId) : undefined,
    f.kind ? eq(ledgers.kind, f.kind) : undefined,
    f.parentId === 'root' ? isNull(ledgerItems.parentId) : f.parentId ? eq(ledgerItems.parentId, f.parentId) : undefined,
    f.source?.length ? inArray(ledgerItems.source, f.source) : undefined,
    f.leadUnitId ? eq(ledgerItems.leadUnitId, f.leadUnitId) : undefined,
    f.light?.length ? inArray(ledgerItems.light, f.light) : undefined,
    f.status?.length ? inArray(ledgerItems.status, f.status) : undefined,
    f.leaderId ? eq(ledgerItems.leaderId, f.leaderId) : undefined,
    f.ownerId ? eq(ledgerItems.ownerId, f.ownerId) : undefined,
    f.meetingId ? eq(ledgerItems.meetingId, f.meetingId) : undefined,
    f.projectId ? eq(ledgerItems.projectId, f.projectId) : undefined,
    f.focus !== undefined ? eq(ledgerItems.focus, f.focus) : undefined,
    f.open === true ? sql`${ledgerItems.status} in ${OPEN}` : f.open === false ? sql`${ledgerItems.status} not in ${OPEN}` : undefined,
    f.deadlineFrom ? sql`${ledgerItems.deadline} >= ${f.deadlineFrom}` : undefined,
    f.deadlineTo ? sql`${ledgerItems.deadline} <= ${f.deadlineTo}` : undefined,
    f.q ? sql`(${ledgerItems.title} ilike ${likePattern(f.q)} or ${ledgerItems.code} ilike ${likePattern(f.q)})` : undefined,
  );
}

function itemSelect(db: DbOrTx) {
  return db
    .select(itemColumns)
    .from(ledgerItems)
    .innerJoin(ledgers, eq(ledgers.id, ledgerItems.ledgerId))
    .innerJoin(leadUnit, eq(leadUnit.id, ledgerItems.leadUnitId))
    .leftJoin(owner, eq(owner.id, ledgerItems.ownerId))
    .leftJoin(leader, eq(leader.id, ledgerItems.leaderId));
}

export const ledgerRepository = {
  /** Columns for the data scope (lead unit) and record ownership. */
  scopeColumns: { unitId: ledgerItems.leadUnitId, createdBy: ledgerItems.createdBy },

  // ---- ledgers ----
  async findLedger(db: DbOrTx, id: string): Promise<LedgerRow | undefined> {
    const [row] = await db
      .select({ ...ledgerColumns(), supervisorUnitName: units.name, supervisorUnitPath: units.path })
      .from(ledgers)
      .innerJoin(units, eq(units.id, ledgers.supervisorUnitId))
      .where(eq(ledgers.id, id));
    return row;
  },
  async findLedgerByCode(db: DbOrTx, code: string) {
    const [row] = await db.select({ id: ledgers.id }).from(ledgers).where(eq(ledgers.code, code));
    return row;
  },
  /** Ledgers with counts of the items the principal can see (visible: the item condition). */
  async listLedgers(db: DbOrTx, kind: string | undefined, visible: SQL | undefined) {
    const itemCond = and(sql`i.ledger_id = ${ledgers.id}`, sql`i.deleted_at is null`, sql`i.parent_id is null`, visible);
    const count = (extra: SQL) => sql<number>`(select count(*) from ${ledgerItems} i where ${itemCond} and ${extra})`.mapWith(Number);
    return db
      .select({
        ...ledgerColumns(),
        supervisorUnitName: units.name,
        supervisorUnitPath: units.path,
        total: count(sql`true`),
        open: count(sql`i.status in ${OPEN}`),
        red: count(sql`i.status in ${OPEN} and i.light = 'red'`),
        yellow: count(sql`i.status in ${OPEN} and i.light = 'yellow'`),
        closed: count(sql`i.status in ('closed', 'ongoing')`),
      })
      .from(ledgers)
      .innerJoin(units, eq(units.id, ledgers.supervisorUnitId))
      .where(kind ? eq(ledgers.kind, kind) : undefined)
      .orderBy(desc(ledgers.createdAt));
  },
  async insertLedger(db: DbOrTx, values: typeof ledgers.$inferInsert) {
    const [row] = await db.insert(ledgers).values(values).returning();
    return row!;
  },
  async updateLedger(db: DbOrTx, id: string, set: Partial<typeof ledgers.$inferInsert>) {
    const [row] = await db.update(ledgers).set(set).where(eq(ledgers.id, id)).returning();
    return row!;
  },
  async findTemplate(db: DbOrTx, id: string | null) {
    const [row] = id
      ? await db.select().from(checkpointTemplates).where(eq(checkpointTemplates.id, id))
      : await db.select().from(checkpointTemplates).where(eq(checkpointTemplates.code, 'dayWeekMonth'));
    return row;
  },
  listTemplates(db: DbOrTx) {
    return db.select().from(checkpointTemplates).orderBy(asc(checkpointTemplates.code));
  },
  async insertTemplate(db: DbOrTx, values: typeof checkpointTemplates.$inferInsert) {
    const [row] = await db.insert(checkpointTemplates).values(values).returning();
    return row!;
  },

  // ---- items ----
  /** The next number in a ledger; the ledger row is locked for the rest of the transaction. */
  async nextSeq(tx: DbOrTx, ledgerId: string): Promise<number> {
    await tx.execute(sql`select id from ledgers where id = ${ledgerId} for update`);
    const [row] = await queryRows<{ n: number }>(tx, sql`select coalesce(max(seq), 0) + 1 as n from ledger_items where ledger_id = ${ledgerId}`);
    return Number(row!.n);
  },
  /** A page and the total in one statement (the total as an uncorrelated sub-select over the same condition). */
  async findPage(db: DbOrTx, f: ItemFilter, visible: SQL | undefined, sort: { field: ItemSortField; desc: boolean }, limit: number, offset: number) {
    const where = itemWhere(f, visible);
    const col = sortColumns[sort.field];
    const totalQuery = f.kind
      ? sql<number>`(select count(*) from ${ledgerItems} join ${ledgers} on ${ledgers.id} = ${ledgerItems.ledgerId} where ${where})`
      : sql<number>`(select count(*) from ${ledgerItems} where ${where})`;
    const rows = (await prepared(
      db
        .select({ ...itemColumns, total: totalQuery.mapWith(Number) })
        .from(ledgerItems)
        .innerJoin(ledgers, eq(ledgers.id, ledgerItems.ledgerId))
        .innerJoin(leadUnit, eq(leadUnit.id, ledgerItems.leadUnitId))
        .leftJoin(owner, eq(owner.id, ledgerItems.ownerId))
        .leftJoin(leader, eq(leader.id, ledgerItems.leaderId))
        .where(where)
        .orderBy(sort.desc ? sql`${col} desc nulls last` : sql`${col} asc nulls last`, asc(ledgerItems.seq), asc(ledgerItems.id))
        .limit(limit)
        .offset(offset),
    )) as unknown as (ItemListRow & { total: number })[];
    if (rows.length || offset === 0) return { rows, total: rows[0]?.total ?? 0 };
    // A page past the end still reports the total.
    const [count] = await queryRows<{ n: number }>(db, sql`select ${totalQuery} as n`);
    return { rows, total: Number(count?.n ?? 0) };
  },
  async findItem(db: DbOrTx, id: string, visible?: SQL | undefined): Promise<ItemListRow | undefined> {
    const [row] = await itemSelect(db).where(and(eq(ledgerItems.id, id), isNull(ledgerItems.deletedAt), visible));
    return row as unknown as ItemListRow | undefined;
  },
  async findItemsByIds(db: DbOrTx, ids: string[]): Promise<ItemListRow[]> {
    if (!ids.length) return [];
    return (await itemSelect(db).where(and(inArray(ledgerItems.id, ids), isNull(ledgerItems.deletedAt)))) as unknown as ItemListRow[];
  },
  async children(db: DbOrTx, parentId: string): Promise<ItemListRow[]> {
    return (await itemSelect(db)
      .where(and(eq(ledgerItems.parentId, parentId), isNull(ledgerItems.deletedAt)))
      .orderBy(asc(ledgerItems.seq))) as unknown as ItemListRow[];
  },
  async lockItem(tx: DbOrTx, id: string): Promise<ItemRow | undefined> {
    const [row] = await tx.select().from(ledgerItems).where(eq(ledgerItems.id, id)).for('update');
    return row;
  },
  async insertItem(db: DbOrTx, values: typeof ledgerItems.$inferInsert) {
    const [row] = await db.insert(ledgerItems).values(values).returning();
    return row!;
  },
  insertItems(db: DbOrTx, values: (typeof ledgerItems.$inferInsert)[]) {
    return db.insert(ledgerItems).values(values).returning({ id: ledgerItems.id, deadline: ledgerItems.deadline, source: ledgerItems.source });
  },
  insertEvents(db: DbOrTx, values: (typeof ledgerEvents.$inferInsert)[]) {
    return values.length ? db.insert(ledgerEvents).values(values) : Promise.resolve();
  },
  insertDeadlines(db: DbOrTx, values: (typeof ledgerDeadlines.$inferInsert)[]) {
    return values.length ? db.insert(ledgerDeadlines).values(values) : Promise.resolve();
  },
  async updateItem(db: DbOrTx, id: string, set: Partial<typeof ledgerItems.$inferInsert>) {
    const [row] = await db
      .update(ledgerItems)
      .set({ ...set, version: sql`${ledgerItems.version} + 1` })
      .where(eq(ledgerItems.id, id))
      .returning();
    return row!;
  },

  // ---- satellites ----
  insertEvent(db: DbOrTx, values: typeof ledgerEvents.$inferInsert) {
    return db.insert(ledgerEvents).values(values);
  },
  insertDeadline(db: DbOrTx, values: typeof ledgerDeadlines.$inferInsert) {
    return db.insert(ledgerDeadlines).values(values);
  },
  insertCheckpoints(db: DbOrTx, values: (typeof ledgerCheckpoints.$inferInsert)[]) {
    return values.length ? db.insert(ledgerCheckpoints).values(values) : Promise.resolve();
  },
  async insertProgress(db: DbOrTx, values: typeof ledgerProgress.$inferInsert) {
    const [row] = await db.insert(ledgerProgress).values(values).returning();
    return row!;
  },
  async insertExtension(db: DbOrTx, values: typeof ledgerExtensions.$inferInsert) {
    const [row] = await db.insert(ledgerExtensions).values(values).returning();
    return row!;
  },
  async findExtension(db: DbOrTx, id: string) {
    const [row] = await db.select().from(ledgerExtensions).where(eq(ledgerExtensions.id, id));
    return row;
  },
  async updateExtension(db: DbOrTx, id: string, set: Partial<typeof ledgerExtensions.$inferInsert>) {
    const [row] = await db.update(ledgerExtensions).set(set).where(eq(ledgerExtensions.id, id)).returning();
    return row!;
  },
  async insertVerification(db: DbOrTx, values: typeof ledgerVerifications.$inferInsert) {
    const [row] = await db.insert(ledgerVerifications).values(values).returning();
    return row!;
  },
  /** Marks the checkpoints of an item with these requirements as met (the first time only). */
  markCheckpoints(db: DbOrTx, itemId: string, requirements: string[], at: Date) {
    return db
      .update(ledgerCheckpoints)
      .set({ metAt: at })
      .where(and(eq(ledgerCheckpoints.itemId, itemId), inArray(ledgerCheckpoints.requirement, requirements), isNull(ledgerCheckpoints.metAt)));
  },
  checkpoints(db: DbOrTx, itemId: string) {
    return db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.itemId, itemId)).orderBy(asc(ledgerCheckpoints.dueOn));
  },
  progress(db: DbOrTx, itemId: string, limit = 100) {
    return db
      .select({
        id: ledgerProgress.id,
        kind: ledgerProgress.kind,
        text: ledgerProgress.text,
        percent: ledgerProgress.percent,
        reportedOn: ledgerProgress.reportedOn,
        authorId: ledgerProgress.authorId,
        authorName: users.displayName,
        createdAt: ledgerProgress.createdAt,
      })
      .from(ledgerProgress)
      .leftJoin(users, eq(users.id, ledgerProgress.authorId))
      .where(eq(ledgerProgress.itemId, itemId))
      .orderBy(desc(ledgerProgress.reportedOn), desc(ledgerProgress.createdAt))
      .limit(limit);
  },
  events(db: DbOrTx, itemId: string) {
    return db
      .select({
        id: ledgerEvents.id,
        at: ledgerEvents.at,
        actorId: ledgerEvents.actorId,
        actorName: users.displayName,
        kind: ledgerEvents.kind,
        fromStatus: ledgerEvents.fromStatus,
        toStatus: ledgerEvents.toStatus,
        body: ledgerEvents.body,
        data: ledgerEvents.data,
      })
      .from(ledgerEvents)
      .leftJoin(users, eq(users.id, ledgerEvents.actorId))
      .where(eq(ledgerEvents.itemId, itemId))
      .orderBy(asc(ledgerEvents.at), asc(ledgerEvents.id));
  },
  deadlines(db: DbOrTx, itemId: string) {
    return db
      .select({
        deadline: ledgerDeadlines.deadline,
        previous: ledgerDeadlines.previous,
        reason: ledgerDeadlines.reason,
        setBy: ledgerDeadlines.setBy,
        setByName: users.displayName,
        setAt: ledgerDeadlines.setAt,
      })
      .from(ledgerDeadlines)
      .leftJoin(users, eq(users.id, ledgerDeadlines.setBy))
      .where(eq(ledgerDeadlines.itemId, itemId))
      .orderBy(asc(ledgerDeadlines.setAt), sql`${ledgerDeadlines.previous} is not null`);
  },
  extensions(db: DbOrTx, itemId: string) {
    return db
      .select({ ...ledgerExtensionColumns(), requestedByName: users.displayName })
      .from(ledgerExtensions)
      .leftJoin(users, eq(users.id, ledgerExtensions.requestedBy))
      .where(eq(ledgerExtensions.itemId, itemId))
      .orderBy(asc(ledgerExtensions.requestedAt));
  },
  verifications(db: DbOrTx, itemId: string) {
    return db
      .select({
        id: ledgerVerifications.id,
        kind: ledgerVerifications.kind,
        level: ledgerVerifications.level,
        verifierId: ledgerVerifications.verifierId,
        verifierName: users.displayName,
        verifierUnitName: units.name,
        at: ledgerVerifications.at,
        checkedOn: ledgerVerifications.checkedOn,
        place: ledgerVerifications.place,
        findings: ledgerVerifications.findings,
        passed: ledgerVerifications.passed,
      })
      .from(ledgerVerifications)
      .leftJoin(users, eq(users.id, ledgerVerifications.verifierId))
      .leftJoin(units, eq(units.id, ledgerVerifications.verifierUnitId))
      .where(eq(ledgerVerifications.itemId, itemId))
      .orderBy(asc(ledgerVerifications.at), asc(ledgerVerifications.level));
  },
  /** Records a reminder; false when it was already sent (so it is sent once). */
  async claimReminder(db: DbOrTx, itemId: string, kind: string, key: string, at: Date): Promise<boolean> {
    const rows = await db.insert(ledgerReminders).values({ itemId, kind, key, sentAt: at }).onConflictDoNothing().returning({ itemId: ledgerReminders.itemId });
    return rows.length > 0;
  },
  /** Open top-level items of ledgers of these kinds (visible: the item condition), counted per lead unit. */
  openCountsByUnit(db: DbOrTx, kinds: readonly string[], visible: SQL | undefined) {
    return queryRows<{ unitId: string; unitName: string; open: number; red: number; yellow: number }>(
      db,
      sql`select ${ledgerItems.leadUnitId} as "unitId", u.name as "unitName", count(*)::int as open,
          count(*) filter (where ${ledgerItems.light} = 'red')::int as red, count(*) filter (where ${ledgerItems.light} = 'yellow')::int as yellow
        from ${ledgerItems} join ${ledgers} on ${ledgers.id} = ${ledgerItems.ledgerId} join ${units} u on u.id = ${ledgerItems.leadUnitId}
        where ${ledgerItems.deletedAt} is null and ${ledgerItems.parentId} is null and ${ledgerItems.status} in ${OPEN}
          and ${ledgers.kind} = any(${sql.param([...kinds])}::text[]) ${visible ? sql`and ${visible}` : sql``}
        group by 1, 2`,
    );
  },
  /** Open red top-level items of ledgers of these kinds, the longest overdue on `day` first (at most `limit`). */
  redItems(db: DbOrTx, kinds: readonly string[], visible: SQL | undefined, day: string, limit: number) {
    return queryRows<{ id: string; ledgerKind: string; title: string; unitName: string; dueOn: string; overdueDays: number }>(
      db,
      sql`select ${ledgerItems.id} as id, ${ledgers.kind} as "ledgerKind", ${ledgerItems.title} as title, u.name as "unitName",
          to_char(${ledgerItems.deadline}, 'YYYY-MM-DD') as "dueOn", greatest(${day}::date - ${ledgerItems.deadline}, 0)::int as "overdueDays"
        from ${ledgerItems} join ${ledgers} on ${ledgers.id} = ${ledgerItems.ledgerId} join ${units} u on u.id = ${ledgerItems.leadUnitId}
        where ${ledgerItems.deletedAt} is null and ${ledgerItems.parentId} is null and ${ledgerItems.status} in ${OPEN} and ${ledgerItems.light} = 'red'
          and ${ledgers.kind} = any(${sql.param([...kinds])}::text[]) ${visible ? sql`and ${visible}` : sql``}
        order by ${ledgerItems.deadline}, ${ledgerItems.code}, ${ledgerItems.id} limit ${limit}`,
    );
  },
  /** Users of a unit holding a permission (the recipients of a unit-level reminder). */
  async unitUsersWith(db: DbOrTx, unitId: string, permission: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where u.unit_id = ${unitId} and u.deleted_at is null and u.status = 'active' and ${permission} = any(r.permissions)`,
    );
    return rows.map((r) => r.id);
  },

  // ---- saved views ----
  listViews(db: DbOrTx, userId: string, page: string) {
    return db
      .select()
      .from(savedViews)
      .where(and(eq(savedViews.userId, userId), eq(savedViews.page, page)))
      .orderBy(asc(savedViews.name));
  },
  async upsertView(db: DbOrTx, values: typeof savedViews.$inferInsert) {
    const [row] = await db
      .insert(savedViews)
      .values(values)
      .onConflictDoUpdate({ target: [savedViews.userId, savedViews.page, savedViews.name], set: { query: values.query } })
      .returning();
    return row!;
  },
  async deleteView(db: DbOrTx, userId: string, id: string) {
    const rows = await db
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
      .returning({ id: savedViews.id });
    return rows.length > 0;
  },
};

function ledgerColumns() {
  return {
    id: ledgers.id,
    kind: ledgers.kind,
    code: ledgers.code,
    name: ledgers.name,
    description: ledgers.description,
    sourceDoc: ledgers.sourceDoc,
    supervisorUnitId: ledgers.supervisorUnitId,
    checkpointTemplateId: ledgers.checkpointTemplateId,
    signoffLevels: ledgers.signoffLevels,
    noticeWorkingDays: ledgers.noticeWorkingDays,
    evidenceRequired: ledgers.evidenceRequired,
    yellowDays: ledgers.yellowDays,
    startsOn: ledgers.startsOn,
    endsOn: ledgers.endsOn,
    status: ledgers.status,
    createdAt: ledgers.createdAt,
    updatedAt: ledgers.updatedAt,
    createdBy: ledgers.createdBy,
  };
}

function ledgerExtensionColumns() {
  return {
    id: ledgerExtensions.id,
    itemId: ledgerExtensions.itemId,
    reason: ledgerExtensions.reason,
    newDeadline: ledgerExtensions.newDeadline,
    progressNote: ledgerExtensions.progressNote,
    late: ledgerExtensions.late,
    status: ledgerExtensions.status,
    requestedBy: ledgerExtensions.requestedBy,
    requestedAt: ledgerExtensions.requestedAt,
    escalatedTo: ledgerExtensions.escalatedTo,
    decidedBy: ledgerExtensions.decidedBy,
    decidedAt: ledgerExtensions.decidedAt,
    decisionNote: ledgerExtensions.decisionNote,
  };
}
