// Gate events (issue 8): Hikvision ISAPI and platform pushes answered once spooled (gate-intake.ts), then processed
// into passes, visits and `gate` alarms (gate-processor.ts); the read side in gate.service.ts; routes in
// gate.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import type { SafetyEvents } from '../../safety/safety-events.ts';
import type { ParkAlarms } from '../contracts.ts';
import { createGateIntake, type GateIntake } from './gate-intake.ts';
import { createGateProcessor } from './gate-processor.ts';
import { registerGateRoutesOn } from './gate.routes.ts';
import { createGateService, type GateService } from './gate.service.ts';

export interface Gate {
  /** Processes spooled events not yet done (also re-drives those left pending by a crash), once their images are written. */
  drain(): Promise<void>;
  stop(): Promise<void>;
  /** Device and platform posts, the gate token. */
  intake: GateIntake;
  /** Passes, visits, counts, rejections. */
  service: GateService;
}

export function createGate(deps: Deps, parts: { alarms: ParkAlarms; events: SafetyEvents }): Gate {
  const processor = createGateProcessor(deps, parts);
  // Processing runs after the answer: a stored event starts a drain (one at a time, in spool order).
  const intake = createGateIntake(deps, () => void processor.drain());
  const service = createGateService(deps, intake.images);
  return {
    async drain() {
      await intake.imagesWritten();
      await processor.drain();
    },
    async stop() {
      await processor.stop();
      await intake.stop();
    },
    intake,
    service,
  };
}

export function registerGateRoutes(app: FastifyInstance, deps: Deps, gate: Gate): void {
  registerGateRoutesOn(app, deps, gate);
  // Rows left pending by a crash are re-driven at start (and every half minute by the job park.gate).
  app.addHook('onReady', async () => {
    void gate.drain();
  });
}
