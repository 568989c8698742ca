// A fixed-window counter kept in the database, so that every instance counts the same attempts.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from './database.ts';

/** Counts one hit for the key in the current window and returns the count so far. */
export async function hit(db: DbOrTx, key: string, now: Date, windowMs: number): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const res = await queryRows<{ count: number }>(
    db,
    sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
      window_start = excluded.window_start
    returning count`,
  );
  return Number(res[0]?.count ?? 0);
}
