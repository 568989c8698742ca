// Alarm routes and the alarm module: the engine behind the ingest path (ReadingSink), the stale / offline check and the
// escalation (jobs safety.stale and safety.escalate), the alarm list and lifecycle, suppression windows, the escalation
// setting; hazards in hazard.routes.ts. Each route: schema, permission, one service call.
import {
  idParams,
  safetyAlarmAckSchema,
  safetyAlarmBatchAckResultSchema,
  safetyAlarmBatchAckSchema,
  safetyAlarmCloseSchema,
  safetyAlarmDetailSchema,
  safetyAlarmHandleSchema,
  safetyAlarmHazardSchema,
  safetyAlarmListQuery,
  safetyAlarmPage,
  safetyEscalationSchema,
  safetySuppressionCancelSchema,
  safetySuppressionCreateSchema,
  safetySuppressionListQuery,
  safetySuppressionPage,
  safetySuppressionSchema,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { sendXlsx } from '../../platform/documents/index.ts';
import { AlarmEngine } from './alarm-engine.ts';
import { createAlarmService } from './alarm.service.ts';
import type { ReadingSink } from './contracts.ts';
import { createEscalation } from './escalation.ts';
import { registerSafetyHazards } from './hazard.routes.ts';
import { createHazardService } from './hazard.service.ts';
import type { SafetyEvents } from './safety-events.ts';
import { createSuppressionService } from './suppression.service.ts';

export interface AlarmModule {
  /** Durable readings from the ingest path. */
  sink: ReadingSink;
  /** Stale points and offline devices (job safety.stale). */
  checkStale(now: Date): Promise<void>;
  /** Escalation of unacknowledged alarms and the end of suppression windows (job safety.escalate). */
  escalate(now: Date): Promise<void>;
  /** The engine itself (tests and the simulator wait for it with idle()). */
  engine: AlarmEngine;
}

export function registerSafetyAlarms(app: FastifyInstance, deps: Deps, events: SafetyEvents): AlarmModule {
  const engine = new AlarmEngine(deps, events);
  events.on((e) => engine.onEvent(e));
  const hazards = createHazardService(deps);
  const alarms = createAlarmService(deps, events, hazards);
  const suppressions = createSuppressionService(deps, events, engine);
  const escalation = createEscalation(deps, events);
  app.addHook('onClose', () => engine.idle());

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['safety'];
  const read = { auth: 'safety.read' } as const;
  const handle = { auth: 'safety.handle' } as const;
  const manage = { auth: 'safety.manage' } as const;
  const detail = { tags, params: idParams, response: { 200: safetyAlarmDetailSchema } };

  // ---- alarms ----
  r.get(
    '/api/safety/alarms',
    { config: read, schema: { tags, summary: 'Alarms the caller may see', querystring: safetyAlarmListQuery, response: { 200: safetyAlarmPage } } },
    (req) => alarms.list(actorOf(req), req.query),
  );
  r.get(
    '/api/safety/alarms/export',
    { config: read, schema: { tags, summary: 'The filtered alarm list as xlsx', querystring: safetyAlarmListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await alarms.exportXlsx(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
  );
  r.post(
    '/api/safety/alarms/acknowledge',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Acknowledge many alarms (all visible or none); those no longer raised are skipped',
        body: safetyAlarmBatchAckSchema,
        response: { 200: safetyAlarmBatchAckResultSchema },
      },
    },
    (req) => alarms.acknowledgeMany(req.ctx, actorOf(req), req.body.ids, req.body.note ?? null),
  );
  r.get('/api/safety/alarms/:id', { config: read, schema: { ...detail, summary: 'An alarm with its timeline' } }, (req) =>
    alarms.get(actorOf(req), req.params.id),
  );
  r.post('/api/safety/alarms/:id/acknowledge', { config: handle, schema: { ...detail, body: safetyAlarmAckSchema } }, (req) =>
    alarms.acknowledge(req.ctx, actorOf(req), req.params.id, req.body.note ?? null),
  );
  r.post(
    '/api/safety/alarms/:id/handle',
    { config: handle, schema: { ...detail, summary: 'Record how the alarm was handled (处置)', body: safetyAlarmHandleSchema } },
    (req) => alarms.handle(req.ctx, actorOf(req), req.params.id, req.body.note),
  );
  r.post(
    '/api/safety/alarms/:id/close',
    { config: handle, schema: { ...detail, summary: 'Close an alarm whose condition has returned to normal', body: safetyAlarmCloseSchema } },
    (req) => alarms.close(req.ctx, actorOf(req), req.params.id, req.body.note ?? null),
  );
  r.post(
    '/api/safety/alarms/:id/hazard',
    { config: handle, schema: { ...detail, summary: 'Open a hazard (隐患) ledger item from the alarm', body: safetyAlarmHazardSchema } },
    (req) => alarms.openHazard(req.ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- escalation setting ----
  r.get(
    '/api/safety/escalation',
    { config: manage, schema: { tags, summary: 'When unacknowledged alarms are escalated', response: { 200: safetyEscalationSchema } } },
    () => escalation.get(),
  );
  r.put('/api/safety/escalation', { config: manage, schema: { tags, body: safetyEscalationSchema, response: { 200: safetyEscalationSchema } } }, (req) =>
    escalation.save(req.ctx, actorOf(req), req.body),
  );

  // ---- suppression windows ----
  r.get(
    '/api/safety/suppressions',
    {
      config: read,
      schema: { tags, summary: 'Maintenance and start-up windows', querystring: safetySuppressionListQuery, response: { 200: safetySuppressionPage } },
    },
    (req) => suppressions.list(actorOf(req), req.query),
  );
  r.post(
    '/api/safety/suppressions',
    {
      config: handle,
      schema: {
        tags,
        summary: 'File a window during which no alarm is raised for the points it covers',
        body: safetySuppressionCreateSchema,
        response: { 200: safetySuppressionSchema },
      },
    },
    (req) => suppressions.create(req.ctx, actorOf(req), req.body),
  );
  r.post(
    '/api/safety/suppressions/:id/cancel',
    { config: handle, schema: { tags, params: idParams, body: safetySuppressionCancelSchema, response: { 200: safetySuppressionSchema } } },
    (req) => suppressions.cancel(req.ctx, actorOf(req), req.params.id, req.body.note ?? null),
  );

  registerSafetyHazards(app, hazards);

  return {
    sink: engine,
    engine,
    checkStale: (now) => engine.checkStale(now),
    escalate: async (now) => {
      await engine.endWindows(now);
      await escalation.run(now);
    },
  };
}
