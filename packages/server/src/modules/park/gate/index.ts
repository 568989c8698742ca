// Gate events (issue 8): Hikvision ISAPI and platform pushes answered once spooled (gate-intake.ts) — on the gate
// thread's own port (gate-thread-host.ts, opened by listen()) and on the main port's /api/gate routes — then
// processed into passes, visits and `gate` alarms (gate-processor.ts); the read side in gate.service.ts; routes in
// gate.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import type { SafetyEvents } from '../../safety/safety-events.ts';
import type { ParkAlarms } from '../contracts.ts';
import { createGateIntake, type GateIntake } from './gate-intake.ts';
import { createGateProcessor } from './gate-processor.ts';
import { registerGateRoutesOn } from './gate.routes.ts';
import { createGateService, type GateService } from './gate.service.ts';
import { startGateThread, type GateThread } from './gate-thread-host.ts';

export interface Gate {
  /** Opens the gate thread's port (GATE_PORT; 0 = any free port) and resolves with the port listened on. */
  listen(opts?: { port?: number; host?: string }): Promise<{ gatePort: number; priority: GateThread['priority'] }>;
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
  const kick = () => void processor.drain();
  let thread: GateThread | null = null;
  const intake = createGateIntake(deps, kick, () => thread?.forgetToken());
  const service = createGateService(deps, intake.images);
  return {
    async listen(opts = {}) {
      if (thread) throw new Error('the gate port is already open');
      thread = await startGateThread(deps, { port: opts.port ?? deps.config.ports.gate, ...(opts.host ? { host: opts.host } : {}) }, kick);
      return { gatePort: thread.port, priority: thread.priority };
    },
    async drain() {
      await intake.imagesWritten();
      await thread?.settle();
      await processor.drain();
    },
    async stop() {
      const t = thread;
      thread = null;
      await t?.stop();
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
