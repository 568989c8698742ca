// Child process of benchmarks that prepare their own database: serves the app on BENCH_DATABASE_URL (no seeding),
// signs in the users named in BENCH_USERS, and prints {port, cookies}. BENCH_NOW fixes the clock (the data's today).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { openDatabase } from '../packages/server/src/platform/database.ts';
import { ManualClock, systemClock } from '../packages/server/src/platform/clock.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zoneops-bench-'));
const url = process.env.BENCH_DATABASE_URL!;
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  DATABASE_URL: url,
  JOBS: 'false',
  ...(process.env.RESPONSE_CACHE_MS ? { RESPONSE_CACHE_MS: process.env.RESPONSE_CACHE_MS } : {}),
});
const database = await openDatabase({ url, dataDir, poolSize: 10 });
// A clock that starts at BENCH_NOW and runs: sessions stay fresh, the data's "today" holds.
const start = process.env.BENCH_NOW ? new ManualClock(new Date(process.env.BENCH_NOW)) : undefined;
const offset = Date.now();
const clock = start ? { now: () => new Date(start.now().getTime() + (Date.now() - offset)) } : systemClock;
const { app } = await buildApp({ ...config, loginRateLimit: 1000 }, database, { logger: false, clock });
await app.listen({ port: 0, host: '127.0.0.1' });
const cookies: Record<string, string> = {};
const csrf: Record<string, string> = {};
for (const username of (process.env.BENCH_USERS ?? '').split(',').filter(Boolean)) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: process.env.BENCH_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  cookies[username] = res.cookies.find((c) => c.name === 'zo_sid')!.value;
  csrf[username] = res.json<{ csrfToken: string }>().csrfToken;
}
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, cookies, csrf }));
