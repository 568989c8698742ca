// Routes of entry appointments (预约入园, issue 8): the list (filtered, sorted, paged, exported), the detail with its
// history, the create form's options, filing, and the workflow actions. Each a schema, a permission and one service
// call; who may act on which appointment is the service's (appointment.service.ts).
import {
  appointmentCancelSchema,
  appointmentCreateSchema,
  appointmentDetailSchema,
  appointmentListQuery,
  appointmentOptionsQuery,
  appointmentOptionsSchema,
  appointmentPage,
  appointmentRejectSchema,
  idParams,
  type Permission,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { sendXlsx } from '../../platform/documents/index.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import { createAppointmentService } from './appointment.service.ts';

const BASE = '/api/park/appointments';

export function registerParkAppointments(app: FastifyInstance, deps: Deps, events: SafetyEvents): void {
  const service = createAppointmentService(deps, events);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['park'];
  const read: { auth: Permission[] } = { auth: ['park.read', 'park.approve', 'park.manage', 'park.appointment'] };
  const file: { auth: Permission[] } = { auth: ['park.appointment', 'park.manage'] };
  const act: { auth: Permission[] } = { auth: ['park.appointment', 'park.manage', 'park.approve'] };

  r.get(
    BASE,
    {
      config: read,
      schema: {
        tags,
        summary: "Entry appointments the caller sees (an enterprise user: its enterprise's)",
        querystring: appointmentListQuery,
        response: { 200: appointmentPage },
      },
    },
    (req) => service.list(actorOf(req), req.query),
  );
  r.get(
    `${BASE}/export`,
    { config: read, schema: { tags, summary: 'The filtered appointments as xlsx', querystring: appointmentListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await service.exportXlsx(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
  );
  r.get(
    `${BASE}/options`,
    {
      config: file,
      schema: {
        tags,
        summary: "The create form's choices: carriers; with carrierId its vehicles, drivers and escorts; routes; destination enterprises",
        querystring: appointmentOptionsQuery,
        response: { 200: appointmentOptionsSchema },
      },
    },
    (req) => service.options(actorOf(req), req.query.carrierId),
  );
  r.get(
    `${BASE}/:id`,
    { config: read, schema: { tags, summary: 'An appointment with its history', params: idParams, response: { 200: appointmentDetailSchema } } },
    (req) => service.get(actorOf(req), req.params.id),
  );
  r.post(
    BASE,
    {
      config: file,
      schema: {
        tags,
        summary:
          'File an appointment (an enterprise user for its own enterprise; park.manage for any). Checks: PLATE/vehicle of the carrier, ' +
          'QUALIFICATION_EXPIRED, HAZMAT_CLASS_NOT_ALLOWED, APPOINTMENT_WINDOW_INVALID (≤ 24 h, not ended)',
        body: appointmentCreateSchema,
        response: { 200: appointmentDetailSchema },
      },
    },
    (req) => service.create(req.ctx, actorOf(req), req.body),
  );
  r.post(
    `${BASE}/:id/enterprise-approve`,
    {
      config: file,
      schema: {
        tags,
        summary: 'The destination enterprise approves (or park.manage on its behalf)',
        params: idParams,
        response: { 200: appointmentDetailSchema },
      },
    },
    (req) => service.enterpriseApprove(req.ctx, actorOf(req), req.params.id),
  );
  r.post(
    `${BASE}/:id/approve`,
    {
      config: { auth: 'park.approve' },
      schema: { tags, summary: 'The park approves (after the enterprise)', params: idParams, response: { 200: appointmentDetailSchema } },
    },
    (req) => service.approve(req.ctx, actorOf(req), req.params.id),
  );
  r.post(
    `${BASE}/:id/reject`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Reject with a reason (at either stage)',
        params: idParams,
        body: appointmentRejectSchema,
        response: { 200: appointmentDetailSchema },
      },
    },
    (req) => service.reject(req.ctx, actorOf(req), req.params.id, req.body.reason),
  );
  r.post(
    `${BASE}/:id/cancel`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Cancel (the destination enterprise or the park, before the window ends)',
        params: idParams,
        body: appointmentCancelSchema,
        response: { 200: appointmentDetailSchema },
      },
    },
    (req) => service.cancel(req.ctx, actorOf(req), req.params.id, req.body.reason ?? null),
  );
}
