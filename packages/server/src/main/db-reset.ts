// `npm run db:reset`: removes every table and rebuilds the demo zone (embedded database or DATABASE_URL).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/database.ts';
import { describeLogins, ensureDemo, openMigrated } from './bootstrap.ts';

const config = loadConfig();
if (config.databaseUrl) {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.db.execute(sql`drop schema if exists drizzle cascade`);
  await database.db.execute(sql`drop schema public cascade`);
  await database.db.execute(sql`create schema public`);
  await database.close();
} else {
  rmSync(join(config.dataDir, 'pgdata'), { recursive: true, force: true });
}
rmSync(join(config.dataDir, 'demo-logins.json'), { force: true });
const database = await openMigrated(config);
const logins = await ensureDemo({ ...config, demoSeed: true }, database);
await database.close();
console.log(`database rebuilt with the demo zone.\n${describeLogins(logins)}`);
