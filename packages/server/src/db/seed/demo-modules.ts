// Every module's demo data, in the order the modules depend on each other, as the first `npm start` loads it after
// the demo zone and its users (db/seed/index.ts). Used by server.ts and by the benchmarks and browser tests that
// measure on or show the full demo.
import type { App } from '../../app.ts';
import { seedDemoAssessments } from './demo-assessments.ts';
import { seedDemoEconomy } from './demo-economy.ts';
import { seedDemoLedgers } from './demo-ledgers.ts';
import { seedDemoPark } from './demo-park.ts';
import { seedDemoProjectPlay } from './demo-project-play.ts';
import { seedDemoPromotion } from './demo-promotion.ts';
import { seedDemoService } from './demo-service.ts';
import { seedDemoSafety } from './demo-safety.ts';

/** Seeds every module's demo data on a built app; `assessments: false` leaves the demo competition's runs out. */
export async function seedDemoModules(app: Pick<App, 'deps' | 'projects'>, o: { assessments?: boolean } = {}): Promise<void> {
  const { deps } = app;
  await seedDemoLedgers(deps);
  await seedDemoProjectPlay(deps, app.projects);
  await seedDemoEconomy(deps);
  await seedDemoPromotion(deps);
  await seedDemoService(deps);
  await seedDemoSafety(deps);
  await seedDemoPark(deps);
  if (o.assessments !== false) await seedDemoAssessments(deps);
}
