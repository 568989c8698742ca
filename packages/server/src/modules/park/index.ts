// Closed-park management (封闭化管理, DOMAIN §11, issue 8): checkpoints, carriers, vehicles, people and lists
// (registry); entry appointments approved by the enterprise and the park; gate events from camera platforms spooled,
// checked and turned into passes and visits; positions from JT/T 808 terminals and phones (src/positions) evaluated
// against geofences; the live vehicle page. Vehicle and gate alarms share the safety alarm lifecycle.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { createPositions, registerPositionRoutes, type Positions } from '../../ingest/positions/index.ts';
import type { SafetyModule } from '../safety/index.ts';
import { createParkAlarms } from '../safety/park-alarms.ts';
import { registerParkAppointments } from './appointment.routes.ts';
import { createGate, registerGateRoutes, type Gate } from './gate/index.ts';
import { registerGeofences } from './geofence.routes.ts';
import { registerParkLive, type ParkLive } from './live.routes.ts';
import { registerParkRegistry } from './registry.routes.ts';
import { createRuleEngine, type RuleEngine } from './rule-engine.ts';

export interface ParkModule {
  positions: Positions;
  gate: Gate;
  rules: RuleEngine;
  live: ParkLive;
}

export async function registerPark(app: FastifyInstance, deps: Deps, safety: SafetyModule): Promise<ParkModule> {
  const events = safety.events;
  const alarms = createParkAlarms(deps);
  registerParkRegistry(app, deps, events);
  registerParkAppointments(app, deps, events);
  registerGeofences(app, deps, events);
  const rules = createRuleEngine(deps, { alarms, events });
  const live = await registerParkLive(app, deps, events);
  // The rules judge positions as they arrive (an alarm does not wait behind the write queue); the live page shows
  // what is stored.
  const positions = createPositions(deps, { sinks: { received: rules, stored: live }, events });
  registerPositionRoutes(app, deps, positions);
  live.attach(positions);
  const gate = createGate(deps, { alarms, events });
  registerGateRoutes(app, deps, gate);
  app.addHook('onClose', async () => {
    await positions.stop();
    await gate.stop();
  });
  return { positions, gate, rules, live };
}
