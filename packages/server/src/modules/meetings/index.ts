// Routes of coordination meetings (一月一协调 · 一周一安排): series, scheduling, pre-read, holding with decisions.
// Reading needs ledger.read; every write needs meetings.manage. Decisions become items of the ledger engine.
import {
  idParams,
  meetingDetailSchema,
  meetingHoldSchema,
  meetingPrereadSchema,
  meetingScheduleSchema,
  meetingSeriesCreateSchema,
  meetingSeriesDetailSchema,
  meetingSeriesListQuery,
  meetingSeriesSchema,
  meetingSeriesUpdateSchema,
  okResponse,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { createMeetingService, type MeetingService } from './meeting.service.ts';

/** Registers the routes; returns the service (its markMissed() is the scheduled job). */
export function registerMeetings(app: FastifyInstance, deps: Deps, ledger: LedgerService): MeetingService {
  const service = createMeetingService(deps, ledger);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  const read = { auth: 'ledger.read' } as const;
  const manage = { auth: 'meetings.manage' } as const;

  r.get(
    '/api/meeting-series',
    { config: read, schema: { tags, querystring: meetingSeriesListQuery, response: { 200: z.array(meetingSeriesSchema) } } },
    (req) => service.listSeries(actorOf(req), req.query),
  );
  r.post('/api/meeting-series', { config: manage, schema: { tags, body: meetingSeriesCreateSchema, response: { 200: meetingSeriesDetailSchema } } }, (req) =>
    service.createSeries(req.ctx, actorOf(req), req.body),
  );
  r.get('/api/meeting-series/:id', { config: read, schema: { tags, params: idParams, response: { 200: meetingSeriesDetailSchema } } }, (req) =>
    service.getSeries(actorOf(req), req.params.id),
  );
  r.patch(
    '/api/meeting-series/:id',
    { config: manage, schema: { tags, params: idParams, body: meetingSeriesUpdateSchema, response: { 200: meetingSeriesDetailSchema } } },
    (req) => service.updateSeries(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/meeting-series/:id', { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await service.deleteSeries(req.ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.post(
    '/api/meeting-series/:id/meetings',
    { config: manage, schema: { tags, params: idParams, body: meetingScheduleSchema, response: { 200: meetingDetailSchema } } },
    (req) => service.schedule(req.ctx, actorOf(req), req.params.id, req.body),
  );

  r.get('/api/meetings/:id', { config: read, schema: { tags, params: idParams, response: { 200: meetingDetailSchema } } }, (req) =>
    service.getMeeting(actorOf(req), req.params.id),
  );
  r.get('/api/meetings/:id/preread', { config: read, schema: { tags, params: idParams, response: { 200: meetingPrereadSchema } } }, (req) =>
    service.getPreread(actorOf(req), req.params.id),
  );
  r.post('/api/meetings/:id/preread', { config: manage, schema: { tags, params: idParams, response: { 200: meetingPrereadSchema } } }, (req) =>
    service.generatePreread(req.ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/meetings/:id/hold',
    { config: manage, schema: { tags, params: idParams, body: meetingHoldSchema, response: { 200: meetingDetailSchema } } },
    (req) => service.hold(req.ctx, actorOf(req), req.params.id, req.body),
  );
  return service;
}
