// SQL of coordination meetings: series with their counts, meetings with their decision counts, and the pre-read's
// reads over the ledger tables (stored lights and deadlines; the light rule itself lives in the ledger engine).
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { ledgers, meetings, meetingSeries, units, users } from '../../db/schema.ts';

export type SeriesRow = typeof meetingSeries.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** Who may see a series besides the managers and principals of scope all: chair, attendees, units in scope. */
export interface SeriesViewer {
  userId: string;
  unitIds: string[];
  unitTreePaths: string[];
}

const zoneDate = (expr: SQL) => sql<string | null>`to_char((${expr} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

function seriesColumns() {
  const count = (cond: SQL) => sql<number>`(select count(*) from meetings m where m.series_id = ${meetingSeries.id} and ${cond})`.mapWith(Number);
  return {
    id: meetingSeries.id,
    name: meetingSeries.name,
    cadence: meetingSeries.cadence,
    unitId: meetingSeries.unitId,
    unitName: units.name,
    unitPath: units.path,
    chairId: meetingSeries.chairId,
    chairName: users.displayName,
    attendeeIds: meetingSeries.attendeeIds,
    attendees: sql<
      { id: string; name: string }[]
    >`coalesce((select json_agg(json_build_object('id', a.id, 'name', a.display_name) order by a.display_name, a.id)
      from users a where a.id = any(${meetingSeries.attendeeIds})), '[]'::json)`,
    ledgerId: meetingSeries.ledgerId,
    ledgerCode: ledgers.code,
    ledgerName: ledgers.name,
    firstOn: meetingSeries.firstOn,
    active: meetingSeries.active,
    createdAt: meetingSeries.createdAt,
    createdBy: meetingSeries.createdBy,
    total: count(sql`true`),
    scheduled: count(sql`m.status = 'scheduled'`),
    held: count(sql`m.status = 'held'`),
    missed: count(sql`m.status = 'missed'`),
    nextScheduledOn: sql<
      string | null
    >`(select to_char(min(m.scheduled_on), 'YYYY-MM-DD') from meetings m where m.series_id = ${meetingSeries.id} and m.status = 'scheduled')`,
    lastHeldOn: sql<string | null>`(select ${zoneDate(sql`max(m.held_at)`)} from meetings m where m.series_id = ${meetingSeries.id} and m.status = 'held')`,
    lastScheduledOn: sql<string | null>`(select to_char(max(m.scheduled_on), 'YYYY-MM-DD') from meetings m where m.series_id = ${meetingSeries.id})`,
  };
}

export type SeriesListRow = {
  id: string;
  name: string;
  cadence: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  chairId: string | null;
  chairName: string | null;
  attendeeIds: string[];
  attendees: { id: string; name: string }[];
  ledgerId: string;
  ledgerCode: string;
  ledgerName: string;
  firstOn: string;
  active: boolean;
  createdAt: Date;
  createdBy: string | null;
  total: number;
  scheduled: number;
  held: number;
  missed: number;
  nextScheduledOn: string | null;
  lastHeldOn: string | null;
  lastScheduledOn: string | null;
};

function viewerCondition(v: SeriesViewer | null): SQL | undefined {
  if (!v) return undefined;
  const parts: SQL[] = [
    sql`${meetingSeries.chairId} = ${v.userId}`,
    sql`${v.userId}::uuid = any(${meetingSeries.attendeeIds})`,
    sql`${meetingSeries.createdBy} = ${v.userId}`,
  ];
  if (v.unitIds.length) parts.push(sql`${meetingSeries.unitId} = any(${sql.param(v.unitIds)}::uuid[])`);
  for (const p of v.unitTreePaths) parts.push(sql`${units.path} like ${p + '%'}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

function seriesSelect(db: DbOrTx) {
  return db
    .select(seriesColumns())
    .from(meetingSeries)
    .innerJoin(units, eq(units.id, meetingSeries.unitId))
    .innerJoin(ledgers, eq(ledgers.id, meetingSeries.ledgerId))
    .leftJoin(users, eq(users.id, meetingSeries.chairId));
}

// Written out in full: in a single-table select Drizzle leaves its columns unqualified, and "id" would be the item's.
const decisionCount = sql<number>`(select count(*) from ledger_items i where i.meeting_id = meetings.id and i.deleted_at is null)`.mapWith(Number);

const meetingColumns = {
  id: meetings.id,
  seriesId: meetings.seriesId,
  seq: meetings.seq,
  scheduledOn: meetings.scheduledOn,
  status: meetings.status,
  heldAt: meetings.heldAt,
  minutes: meetings.minutes,
  prereadSentAt: meetings.prereadSentAt,
  decisionCount,
};
export type MeetingListRow = {
  id: string;
  seriesId: string;
  seq: number;
  scheduledOn: string;
  status: string;
  heldAt: Date | null;
  minutes: string | null;
  prereadSentAt: Date | null;
  decisionCount: number;
};

/** One line of the pre-read: an item with its stored light and latest progress. */
export interface PrereadItemRow {
  id: string;
  code: string;
  title: string;
  leadUnitName: string;
  ownerName: string | null;
  deadline: string;
  status: string;
  light: string;
  lightReasons: unknown;
  progress: number;
  lastProgressOn: string | null;
  lastProgressText: string | null;
  overdueDays: number;
  total: number;
}

const OPEN = sql`('assigned','accepted','inProgress','reported','verifying','signoff','notice')`;
const WORKING = sql`('assigned','accepted','inProgress')`;

function prereadItems(db: DbOrTx, where: SQL, today: string, limit: number) {
  return queryRows<PrereadItemRow>(
    db,
    sql`select i.id, i.code, i.title, lu.name as "leadUnitName", o.display_name as "ownerName", to_char(i.deadline, 'YYYY-MM-DD') as deadline,
          i.status, i.light, i.light_reasons as "lightReasons", i.progress, to_char(i.last_progress_on, 'YYYY-MM-DD') as "lastProgressOn",
          i.last_progress_text as "lastProgressText",
          case when i.status in ${WORKING} and i.deadline < ${today}::date then (${today}::date - i.deadline) else 0 end as "overdueDays",
          count(*) over () as total
        from ledger_items i join units lu on lu.id = i.lead_unit_id left join users o on o.id = i.owner_id
        where i.deleted_at is null and ${where}
        order by i.deadline, i.seq, i.id
        limit ${limit}`,
  );
}

export const meetingRepository = {
  // ---- series ----
  async listSeries(db: DbOrTx, filter: { active?: boolean | undefined }, viewer: SeriesViewer | null): Promise<SeriesListRow[]> {
    const rows = await seriesSelect(db)
      .where(and(filter.active === undefined ? undefined : eq(meetingSeries.active, filter.active), viewerCondition(viewer)))
      .orderBy(desc(meetingSeries.active), asc(meetingSeries.name), asc(meetingSeries.id));
    return rows as unknown as SeriesListRow[];
  },
  async findSeries(db: DbOrTx, id: string): Promise<SeriesListRow | undefined> {
    const [row] = await seriesSelect(db).where(eq(meetingSeries.id, id));
    return row as unknown as SeriesListRow | undefined;
  },
  /** Locks the series row for the rest of the transaction (serialises the numbering of its meetings). */
  async lockSeries(tx: DbOrTx, id: string): Promise<SeriesRow | undefined> {
    const [row] = await tx.select().from(meetingSeries).where(eq(meetingSeries.id, id)).for('update');
    return row;
  },
  async insertSeries(db: DbOrTx, values: typeof meetingSeries.$inferInsert): Promise<SeriesRow> {
    const [row] = await db.insert(meetingSeries).values(values).returning();
    return row!;
  },
  async updateSeries(db: DbOrTx, id: string, set: Partial<typeof meetingSeries.$inferInsert>): Promise<SeriesRow> {
    const [row] = await db.update(meetingSeries).set(set).where(eq(meetingSeries.id, id)).returning();
    return row!;
  },
  async deleteSeries(db: DbOrTx, id: string) {
    await db.delete(meetingSeries).where(eq(meetingSeries.id, id));
  },

  // ---- meetings ----
  async meetingsOf(db: DbOrTx, seriesId: string): Promise<MeetingListRow[]> {
    const rows = await db.select(meetingColumns).from(meetings).where(eq(meetings.seriesId, seriesId)).orderBy(asc(meetings.seq));
    return rows as MeetingListRow[];
  },
  async findMeeting(db: DbOrTx, id: string): Promise<MeetingListRow | undefined> {
    const [row] = await db.select(meetingColumns).from(meetings).where(eq(meetings.id, id));
    return row as MeetingListRow | undefined;
  },
  async findPreread(db: DbOrTx, id: string): Promise<{ preread: unknown } | undefined> {
    const [row] = await db.select({ preread: meetings.preread }).from(meetings).where(eq(meetings.id, id));
    return row;
  },
  /** The last held meeting of the series before seq (whose decisions are the commitments of the next one). */
  async previousHeld(db: DbOrTx, seriesId: string, seq: number): Promise<MeetingListRow | undefined> {
    const [row] = await db
      .select(meetingColumns)
      .from(meetings)
      .where(and(eq(meetings.seriesId, seriesId), sql`${meetings.seq} < ${seq}`, eq(meetings.status, 'held')))
      .orderBy(desc(meetings.seq))
      .limit(1);
    return row as MeetingListRow | undefined;
  },
  async nextSeq(tx: DbOrTx, seriesId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(tx, sql`select coalesce(max(seq), 0) + 1 as n from meetings where series_id = ${seriesId}`);
    return Number(row!.n);
  },
  async lastMeeting(db: DbOrTx, seriesId: string): Promise<MeetingRow | undefined> {
    const [row] = await db.select().from(meetings).where(eq(meetings.seriesId, seriesId)).orderBy(desc(meetings.seq)).limit(1);
    return row;
  },
  async lockMeeting(tx: DbOrTx, id: string): Promise<MeetingRow | undefined> {
    const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
    return row;
  },
  async insertMeeting(db: DbOrTx, values: typeof meetings.$inferInsert): Promise<MeetingRow> {
    const [row] = await db.insert(meetings).values(values).returning();
    return row!;
  },
  async updateMeeting(db: DbOrTx, id: string, set: Partial<typeof meetings.$inferInsert>): Promise<MeetingRow> {
    const [row] = await db.update(meetings).set(set).where(eq(meetings.id, id)).returning();
    return row!;
  },
  /** Marks meetings still scheduled on or before lastDay as missed; returns them with their series' chair. */
  markMissed(tx: DbOrTx, lastDay: string, at: Date) {
    return queryRows<{ id: string; seq: number; scheduledOn: string; seriesId: string; seriesName: string; chairId: string | null; createdBy: string | null }>(
      tx,
      sql`update meetings m set status = 'missed', updated_at = ${at}
          from meeting_series s
          where s.id = m.series_id and m.status = 'scheduled' and m.scheduled_on <= ${lastDay}::date
          returning m.id, m.seq, to_char(m.scheduled_on, 'YYYY-MM-DD') as "scheduledOn", m.series_id as "seriesId", s.name as "seriesName",
                    s.chair_id as "chairId", s.created_by as "createdBy"`,
    );
  },
  /** The ids of the users of these that exist and are active (in the order given, without repeats). */
  async activeUsers(db: DbOrTx, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from users where id = any(${sql.param(ids)}::uuid[]) and deleted_at is null and status = 'active'`,
    );
    return new Set(rows.map((r) => r.id));
  },
  async existingUnits(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ id: string; path: string }>(
      db,
      sql`select id, path from units where id = any(${sql.param(ids)}::uuid[]) and deleted_at is null`,
    );
    return new Map(rows.map((r) => [r.id, r.path]));
  },
  async findLedger(db: DbOrTx, id: string) {
    const [row] = await db.select({ id: ledgers.id, kind: ledgers.kind, status: ledgers.status, name: ledgers.name }).from(ledgers).where(eq(ledgers.id, id));
    return row;
  },

  // ---- the pre-read ----
  /** The items decided in a meeting (its commitments), in decision order. */
  commitments(db: DbOrTx, meetingId: string, today: string) {
    return prereadItems(db, sql`i.meeting_id = ${meetingId} and i.parent_id is null`, today, 500);
  },
  /** Open top-level items of a ledger that are red or past their deadline. */
  redOrOverdue(db: DbOrTx, ledgerId: string, today: string, limit: number) {
    return prereadItems(
      db,
      sql`i.ledger_id = ${ledgerId} and i.parent_id is null and i.status in ${OPEN} and i.status <> 'notice'
          and (i.light = 'red' or (i.status in ${WORKING} and i.deadline < ${today}::date))`,
      today,
      limit,
    );
  },
  /** Open blockers of key projects (any ledger): brought to the coordination meeting until closed. */
  projectBlockers(db: DbOrTx, today: string, limit: number) {
    return prereadItems(db, sql`i.project_id is not null and i.parent_id is null and i.status in ${OPEN} and i.status <> 'notice'`, today, limit);
  },
  /** Completion reports of a ledger waiting for the supervising unit. */
  underReview(db: DbOrTx, ledgerId: string, today: string, limit: number) {
    return prereadItems(db, sql`i.ledger_id = ${ledgerId} and i.parent_id is null and i.status in ('reported','verifying','signoff')`, today, limit);
  },
  async lightCounts(db: DbOrTx, ledgerId: string): Promise<Record<string, number>> {
    const rows = await queryRows<{ light: string; n: number }>(
      db,
      sql`select light, count(*) as n from ledger_items where ledger_id = ${ledgerId} and parent_id is null and deleted_at is null and status in ${OPEN} group by light`,
    );
    return Object.fromEntries(rows.map((r) => [r.light, Number(r.n)]));
  },
};
