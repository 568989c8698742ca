// SQL of the ledger's spreadsheets and reports: name look-ups for imports, and the state of every task of a ledger
// as it stood at an instant, rebuilt from the timeline (ledger_events), the progress entries and the items.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export interface UnitByName {
  id: string;
  name: string;
}

export interface UserByName {
  id: string;
  displayName: string;
  unitId: string;
  roles: string[];
}

/** One top-level task as it stood at the snapshot's instant. */
export interface SnapshotRow {
  id: string;
  code: string;
  seq: number;
  title: string;
  leadUnitId: string;
  leadUnitName: string;
  ownerName: string | null;
  deadline: string;
  assignedOn: string;
  /** Status at the instant: the last 'created' or 'transition' event before it. */
  status: string;
  /** Light at the instant: the last 'light' event before it (a task starts green). */
  light: string;
  /** The reasons of that light change (as then), and the task's current ones. */
  lightReasonsThen: unknown;
  lightReasonsNow: unknown;
  /** The latest progress entry reported on or before the snapshot's day. */
  progressText: string | null;
  progressOn: string | null;
  /** The day of the last completion report (transition to reported) before the instant. */
  reportedOn: string | null;
  /** The day the task was closed (销号, or 已完成长期坚持) within [from, instant), if it was. */
  closedOn: string | null;
}

const TZ = 'Asia/Shanghai';

export const ledgerReportsRepository = {
  async unitsByNames(db: DbOrTx, names: string[]): Promise<UnitByName[]> {
    if (!names.length) return [];
    return queryRows<UnitByName>(db, sql`select id, name from units where name = any(${sql.param(names)}::text[]) and deleted_at is null`);
  },

  /** Active users with one of these display names, with their role codes. */
  async usersByDisplayNames(db: DbOrTx, names: string[]): Promise<UserByName[]> {
    if (!names.length) return [];
    return queryRows<UserByName>(
      db,
      sql`select u.id, u.display_name as "displayName", u.unit_id as "unitId",
            coalesce((select array_agg(r.code order by r.code) from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id), '{}') as roles
          from users u
          where u.display_name = any(${sql.param(names)}::text[]) and u.deleted_at is null and u.status = 'active'`,
    );
  },

  /**
   * The top-level tasks of a ledger that existed before `until`, each as it stood then. `from` bounds the closures
   * counted; `asOfDay` the progress entries (by the day they report on). `visible` is the item visibility condition
   * over the unaliased ledger_items table.
   */
  async snapshot(db: DbOrTx, args: { ledgerId: string; visible: SQL | undefined; from: Date; until: Date; asOfDay: string }): Promise<SnapshotRow[]> {
    const { ledgerId, visible, from, until, asOfDay } = args;
    return queryRows<SnapshotRow>(
      db,
      sql`select ledger_items.id, ledger_items.code, ledger_items.seq, ledger_items.title,
            ledger_items.lead_unit_id as "leadUnitId", lu.name as "leadUnitName", o.display_name as "ownerName",
            to_char(ledger_items.deadline, 'YYYY-MM-DD') as deadline,
            to_char((ledger_items.assigned_at at time zone ${TZ})::date, 'YYYY-MM-DD') as "assignedOn",
            st.to_status as status,
            coalesce(lt.to_status, 'green') as light,
            lt.data as "lightReasonsThen",
            ledger_items.light_reasons as "lightReasonsNow",
            lp.text as "progressText",
            to_char(lp.reported_on, 'YYYY-MM-DD') as "progressOn",
            (select to_char((max(e.at) at time zone ${TZ})::date, 'YYYY-MM-DD') from ledger_events e
              where e.item_id = ledger_items.id and e.kind = 'transition' and e.to_status = 'reported' and e.at < ${until}) as "reportedOn",
            (select to_char((max(e.at) at time zone ${TZ})::date, 'YYYY-MM-DD') from ledger_events e
              where e.item_id = ledger_items.id and e.kind = 'transition' and e.to_status in ('closed', 'ongoing') and e.at >= ${from} and e.at < ${until}) as "closedOn"
          from ledger_items
          join units lu on lu.id = ledger_items.lead_unit_id
          left join users o on o.id = ledger_items.owner_id
          join lateral (
            select e.to_status from ledger_events e
            where e.item_id = ledger_items.id and e.kind in ('created', 'transition') and e.to_status is not null and e.at < ${until}
            order by e.at desc, e.id desc limit 1) st on true
          left join lateral (
            select e.to_status, e.data from ledger_events e
            where e.item_id = ledger_items.id and e.kind = 'light' and e.at < ${until}
            order by e.at desc, e.id desc limit 1) lt on true
          left join lateral (
            select p.text, p.reported_on from ledger_progress p
            where p.item_id = ledger_items.id and p.reported_on <= ${asOfDay}::date
            order by p.reported_on desc, p.created_at desc limit 1) lp on true
          where ledger_items.ledger_id = ${ledgerId} and ledger_items.deleted_at is null and ledger_items.parent_id is null
            ${visible ? sql`and ${visible}` : sql``}
          order by ledger_items.seq`,
    );
  },
};
