// All SQL of hazards (隐患): the hazard ledger, the side rows beside its items, and the list joined with each item's
// status, light and deadline.
import type { SafetyHazard } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { isoSql } from './alarm.repository.ts';

const columns = (today: string) => sql`h.item_id as "itemId", i.code, i.title, h.enterprise_id as "enterpriseId", e.name as "enterpriseName",
  h.major_hazard_id as "majorHazardId", hs.name as "majorHazardName", h.grade, h.origin, h.alarm_id as "alarmId", h.found_on::text as "foundOn",
  h.category, i.status, i.light, i.deadline::text as deadline, i.lead_unit_id as "leadUnitId", u.name as "leadUnitName",
  (i.status not in ('closed', 'ongoing') and i.deadline < ${today}::date) as overdue, ${isoSql(sql`h.created_at`)} as "createdAt"`;
const from = sql`safety_hazards h join ledger_items i on i.id = h.item_id join enterprises e on e.id = h.enterprise_id
  join units u on u.id = i.lead_unit_id left join major_hazards hs on hs.id = h.major_hazard_id`;

export const hazardRepository = {
  async findLedger(tx: DbOrTx, code: string): Promise<{ id: string; supervisorUnitId: string } | undefined> {
    const [row] = await queryRows<{ id: string; supervisorUnitId: string }>(
      tx,
      sql`select id, supervisor_unit_id as "supervisorUnitId" from ledgers where code = ${code}`,
    );
    return row;
  },

  async insertLedger(tx: DbOrTx, row: { kind: string; code: string; name: string; supervisorUnitId: string }): Promise<void> {
    await tx.execute(
      sql`insert into ledgers (kind, code, name, supervisor_unit_id, checkpoint_template_id)
          values (${row.kind}, ${row.code}, ${row.name}, ${row.supervisorUnitId}, null) on conflict (code) do nothing`,
    );
  },

  async rootUnit(tx: DbOrTx): Promise<string | undefined> {
    const [root] = await queryRows<{ id: string }>(
      tx,
      sql`select id from units where parent_id is null and deleted_at is null order by sort, created_at limit 1`,
    );
    return root?.id;
  },

  async liveUnit(tx: DbOrTx, id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(tx, sql`select id from units where id = ${id} and deleted_at is null`);
    return rows.length > 0;
  },

  async insertHazard(
    tx: DbOrTx,
    row: {
      itemId: string;
      enterpriseId: string;
      majorHazardId: string | null;
      grade: string;
      origin: string;
      alarmId: string | null;
      foundOn: string;
      category: string | null;
      createdBy: string;
      now: Date;
    },
  ): Promise<void> {
    await tx.execute(
      sql`insert into safety_hazards (item_id, enterprise_id, major_hazard_id, grade, origin, alarm_id, found_on, category, created_by, created_at, updated_at)
          values (${row.itemId}, ${row.enterpriseId}, ${row.majorHazardId}, ${row.grade}, ${row.origin}, ${row.alarmId}, ${row.foundOn}, ${row.category},
            ${row.createdBy}, ${row.now}, ${row.now})`,
    );
  },

  async page(db: DbOrTx, q: { where: SQL[]; order: SQL; limit: number; offset: number; today: string }): Promise<{ rows: SafetyHazard[]; total: number }> {
    const w = q.where.length ? sql.join(q.where, sql` and `) : sql`true`;
    const rows = await queryRows<SafetyHazard & { total: number }>(
      db,
      sql`select ${columns(q.today)}, count(*) over ()::int as total from ${from} where i.deleted_at is null and ${w}
          order by ${q.order} limit ${q.limit} offset ${q.offset}`,
    );
    if (rows.length || q.offset === 0) return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where i.deleted_at is null and ${w}`);
    return { rows: [], total: n!.n };
  },

  async find(db: DbOrTx, itemId: string, today: string): Promise<SafetyHazard | undefined> {
    const [row] = await queryRows<SafetyHazard>(db, sql`select ${columns(today)} from ${from} where h.item_id = ${itemId}`);
    return row;
  },
};
