// Recomputes the traffic lights of items with the one rule of packages/shared/src/ledger.ts (computeLight):
// after every change to an item (and its parent), and for all open items by the daily job. Batches of 5,000;
// only changed lights are written, each change also goes on the item's timeline.
import { sql } from 'drizzle-orm';
import { computeLight, type LedgerStatus, type LightInput, type ReportingFrequency } from '@zoneops/shared';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

const BATCH = 5_000;

interface LightRow {
  id: string;
  status: LedgerStatus;
  deadline: string;
  frequency: ReportingFrequency;
  light: string;
  light_reasons: unknown;
  assigned_on: string;
  reported_on: string | null;
  last_progress_on: string | null;
  yellow_days: number;
  checkpoints: LightInput['checkpoints'];
  sub_items: LightInput['subItems'];
}

const OPEN = sql`('assigned','accepted','inProgress','reported','verifying','signoff','notice')`;

// Only what can colour an item is read: unmet checkpoints and open sub-items (a met checkpoint or a closed
// sub-item never changes the light), which keeps the daily run to a few small aggregates per item.
function selectInputs(condition: ReturnType<typeof sql>, after: string | null) {
  return sql`select i.id, i.status, to_char(i.deadline, 'YYYY-MM-DD') as deadline, i.frequency, i.light, i.light_reasons,
      to_char((i.assigned_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as assigned_on,
      to_char((i.reported_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as reported_on,
      to_char(i.last_progress_on, 'YYYY-MM-DD') as last_progress_on, l.yellow_days,
      coalesce((select json_agg(json_build_object('code', c.code, 'deliverable', c.deliverable, 'deliverableEn', c.deliverable_en,
          'dueOn', to_char(c.due_on, 'YYYY-MM-DD'), 'met', false) order by c.due_on)
        from ledger_checkpoints c where c.item_id = i.id and c.met_at is null), '[]'::json) as checkpoints,
      coalesce((select json_agg(json_build_object('title', s.title, 'deadline', to_char(s.deadline, 'YYYY-MM-DD'), 'open', true))
        from ledger_items s where s.parent_id = i.id and s.deleted_at is null and s.status in ${OPEN}), '[]'::json) as sub_items
    from ledger_items i join ledgers l on l.id = i.ledger_id
    where i.deleted_at is null and ${condition} ${after ? sql`and i.id > ${after}` : sql``}
    order by i.id limit ${BATCH}`;
}

async function applyBatch(db: DbOrTx, rows: LightRow[], today: string, at: Date): Promise<number> {
  const ids: string[] = [];
  const values: string[] = [];
  const reasonsJson: string[] = [];
  const froms: string[] = [];
  for (const r of rows) {
    const { light, reasons } = computeLight(
      {
        status: r.status,
        deadline: r.deadline,
        assignedOn: r.assigned_on,
        frequency: r.frequency,
        checkpoints: r.checkpoints,
        lastProgressOn: r.last_progress_on,
        reportedOn: r.reported_on,
        subItems: r.sub_items,
      },
      today,
      { yellowDays: r.yellow_days },
    );
    const json = JSON.stringify(reasons);
    if (light !== r.light || json !== JSON.stringify(r.light_reasons)) {
      ids.push(r.id);
      values.push(light);
      reasonsJson.push(json);
      froms.push(r.light);
    }
  }
  if (!ids.length) return 0;
  await db.execute(sql`update ledger_items i set light = v.light, light_reasons = v.reasons::jsonb, light_on = ${today}
    from (select unnest(${sql.param(ids)}::uuid[]) as id, unnest(${sql.param(values)}::text[]) as light, unnest(${sql.param(reasonsJson)}::text[]) as reasons) v
    where i.id = v.id`);
  // Only a change of colour goes on the timeline (a reason that changes with each day, like "逾期5天", does not).
  const changed = ids.map((id, k) => ({ id, from: froms[k]!, to: values[k]!, reasons: reasonsJson[k]! })).filter((c) => c.from !== c.to);
  if (changed.length) {
    await db.execute(sql`insert into ledger_events (item_id, at, kind, from_status, to_status, data)
      select v.id, ${at}, 'light', v.f, v.t, v.r::jsonb
      from (select unnest(${sql.param(changed.map((c) => c.id))}::uuid[]) as id, unnest(${sql.param(changed.map((c) => c.from))}::text[]) as f,
                   unnest(${sql.param(changed.map((c) => c.to))}::text[]) as t, unnest(${sql.param(changed.map((c) => c.reasons))}::text[]) as r) v`);
  }
  return ids.length;
}

/** Recomputes the lights of these items and of their parents. */
export async function recomputeItems(db: DbOrTx, ids: string[], today: string, at: Date): Promise<number> {
  if (!ids.length) return 0;
  const withParents = sql`(i.id = any(${sql.param(ids)}::uuid[]) or i.id in (select parent_id from ledger_items where id = any(${sql.param(ids)}::uuid[]) and parent_id is not null))`;
  const rows = await queryRows<LightRow>(db, selectInputs(withParents, null));
  return applyBatch(db, rows, today, at);
}

/** The daily run: every open item, and closed ones whose light is not yet 'none'. Returns counts. */
export async function recomputeAll(db: DbOrTx, today: string, at: Date): Promise<{ items: number; changed: number }> {
  const condition = sql`(i.status in ${OPEN} or i.light <> 'none')`;
  let after: string | null = null;
  let items = 0;
  let changed = 0;
  for (;;) {
    const rows: LightRow[] = await queryRows<LightRow>(db, selectInputs(condition, after));
    if (!rows.length) break;
    items += rows.length;
    changed += await applyBatch(db, rows, today, at);
    after = rows[rows.length - 1]!.id;
    if (rows.length < BATCH) break;
  }
  return { items, changed };
}
