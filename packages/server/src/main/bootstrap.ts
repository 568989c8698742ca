// Start-up shared by the server and the CLI tools: open the database, migrate, seed the base, load the demo once.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../platform/config.ts';
import { openDatabase, type Database } from '../platform/database.ts';
import { generatePassword } from '../platform/auth/password.ts';
import { isDemoSeeded, seedBase, seedDemo } from '../db/seed/index.ts';

export interface DemoLogins {
  password: string;
  accounts: { username: string; roles: string[]; displayName: string }[];
}

export async function openMigrated(config: Config): Promise<Database> {
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  await seedBase(database.db);
  return database;
}

const loginsFile = (config: Config) => join(config.dataDir, 'demo-logins.json');

/** Loads the demo zone on first start with a fresh random password, kept (mode 600) in the data folder for printing. */
export async function ensureDemo(config: Config, database: Database): Promise<DemoLogins | undefined> {
  if (!config.demoSeed) return undefined;
  if (await isDemoSeeded(database.db)) {
    return existsSync(loginsFile(config)) ? (JSON.parse(readFileSync(loginsFile(config), 'utf8')) as DemoLogins) : undefined;
  }
  const password = generatePassword();
  const { logins } = await seedDemo(database.db, password);
  const result = { password, accounts: logins };
  writeFileSync(loginsFile(config), JSON.stringify(result, null, 2), { mode: 0o600 });
  return result;
}

export function describeLogins(logins: DemoLogins | undefined): string {
  if (!logins) return '  (demo logins: see the data folder, or DEMO_SEED=false)';
  const lines = logins.accounts.map((a) => `  ${a.username.padEnd(14)} ${a.roles.join(', ').padEnd(16)} ${a.displayName}`);
  return [`  password for all demo accounts: ${logins.password}   (each account must change it at first sign-in)`, ...lines].join('\n');
}
