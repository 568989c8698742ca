// Reference checks of promotion writes: which of the given ids exist (live), read in one query per table, so that
// each unknown id is answered as a 400 on its own field path.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

const live = {
  users: sql`select id from users where deleted_at is null and status = 'active'`,
  units: sql`select id from units where deleted_at is null`,
  enterprises: sql`select id from enterprises where deleted_at is null`,
  teams: sql`select id from promotion_teams where active`,
} as const;

/** The ids among `ids` that name a live row of `table`. */
export async function knownIds(db: DbOrTx, table: keyof typeof live, ids: readonly (string | null | undefined)[]): Promise<Set<string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Set();
  const rows = await queryRows<{ id: string }>(db, sql`${live[table]} and id = any(${sql.param(list)}::uuid[])`);
  return new Set(rows.map((r) => r.id));
}

/** Issues for the ids of `ids` missing from `known`, on `path` (`path.i` for a list). */
export function unknownIssues(known: ReadonlySet<string>, path: string, ids: string | readonly string[] | null | undefined, message: string) {
  if (!ids) return [];
  if (typeof ids === 'string') return known.has(ids) ? [] : [{ path, message }];
  return ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message }]));
}
