// The cockpit's one read of its own: which assessment run is the latest. The assessments module lists runs by period
// end and scheme name; the cockpit wants the run started last among those of the latest period end.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export const cockpitRepository = {
  /** The latest run (by period end, then started) of a scheme not deleted; null when there is none. */
  async latestRunId(db: DbOrTx): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`select r.id from assessment_runs r join assessment_schemes s on s.id = r.scheme_id where s.deleted_at is null
        order by r.period_end desc, r.created_at desc, r.id desc limit 1`,
    );
    return row?.id ?? null;
  },
};
