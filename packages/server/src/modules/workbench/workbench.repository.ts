import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export const workbenchRepository = {
  async counts(db: DbOrTx) {
    const [counts] = await queryRows<{ units: number; users: number; enterprises: number }>(
      db,
      sql`select (select count(*) from units where deleted_at is null)::int as units, (select count(*) from users where deleted_at is null)::int as users,
        (select count(*) from enterprises where deleted_at is null)::int as enterprises`,
    );
    return counts;
  },
};
