// The platform under a browser test: a fresh PGlite with the demo zone and users, the test's demo data, listening on
// 127.0.0.1; and the gate's checkpoint passes as the Hikvision platform posts them.
import type { GateIntakeResult } from '@zoneops/shared';
import { expect } from 'vitest';
import { createEnv, PASSWORD, type TestEnv } from '../packages/server/test/harness.ts';
import { onEventNotifyMpc } from '../packages/server/test/gate-fixtures.ts';
import type { App } from '../packages/server/src/app.ts';
import { seedDemo } from '../packages/server/src/db/seed/index.ts';

export { seedDemoModules } from '../packages/server/src/db/seed/demo-modules.ts';

export interface DemoPlatform {
  env: TestEnv;
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
}

/**
 * Starts the platform on the demo zone and users (password PASSWORD); `seed` adds the test's demo data before it
 * listens. WEB_DIST: a web bundle built elsewhere (the default is packages/web/dist, built by scripts/build.mjs).
 */
export async function startDemoPlatform(seed: (app: App, env: TestEnv) => Promise<void>): Promise<DemoPlatform> {
  const env = await createEnv('pglite', process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {});
  await seedDemo(env.database.db, PASSWORD);
  const app = await env.start();
  await seed(app, env);
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.app.server.address();
  return { env, app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** The platform's crossTime: China local time with its offset (2026-11-23T09:00:00.000+08:00). */
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

/** A checkpoint pass (OnEventNotify event_mpc) at platform device `srcIndex`, stamped `at`, posted with the gate token. */
export async function postCheckpointPass(
  base: string,
  gateToken: string,
  o: { eventId: string; plate: string; srcIndex: string; at: Date },
): Promise<GateIntakeResult> {
  const res = await fetch(`${base}/api/gate/${gateToken}/platform`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(onEventNotifyMpc({ eventId: o.eventId, plate: o.plate, srcIndex: o.srcIndex, crossTime: chinaTime(o.at) })),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as GateIntakeResult;
}
