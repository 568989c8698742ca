// The full demo data as the first `npm start` loads it (db/seed/demo-modules.ts): for the benchmarks that measure on
// it and the browser tests that show it.
import { buildApp, type App } from '../packages/server/src/app.ts';
import { ManualClock } from '../packages/server/src/platform/clock.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import type { Database } from '../packages/server/src/platform/database.ts';
import { seedBase, seedDemo } from '../packages/server/src/db/seed/index.ts';
import { seedDemoModules } from '../packages/server/src/db/seed/demo-modules.ts';
import type { Store } from './bench-databases.ts';

/**
 * On a fresh `database` of `store`: migrations, the base seed, the demo zone and users (seeded with `password`), the
 * app built on a clock fixed at `now` (no logs, no jobs) and every module's demo data. The caller closes the app.
 */
export async function loadFullDemo(database: Database, store: Store, o: { password: string; now: Date; assessments?: boolean }): Promise<App> {
  await database.migrate();
  await seedBase(database.db);
  await seedDemo(database.db, o.password);
  const config = loadConfig({ DATA_DIR: store.dataDir, LOG_LEVEL: 'silent', JOBS: 'false', ...(store.url ? { DATABASE_URL: store.url } : {}) });
  const built = await buildApp(config, database, { clock: new ManualClock(o.now), logger: false });
  try {
    await seedDemoModules(built, o);
  } catch (err) {
    await built.app.close();
    throw err;
  }
  return built;
}
