// Closed-park geofence routes (issue 8): the list (park.read; filters kind / active; export), create / update /
// delete (park.manage) and the settings of the rules on positions. Each route: schema, permission, one service call.
import {
  geofenceCreateSchema,
  geofenceListQuery,
  geofencePage,
  geofenceSchema,
  geofenceUpdateSchema,
  idParams,
  okResponse,
  parkRuleSettingsSchema,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { sendXlsx } from '../../platform/documents/index.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import { createGeofenceService } from './geofence.service.ts';

export function registerGeofences(app: FastifyInstance, deps: Deps, events: SafetyEvents): void {
  const geofences = createGeofenceService(deps, events);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['park'];
  const read = { auth: 'park.read' } as const;
  const manage = { auth: 'park.manage' } as const;

  r.get(
    '/api/park/geofences',
    {
      config: read,
      schema: {
        tags,
        summary: 'Geofences (boundary, restricted areas, routes, parking lots, speed zones)',
        querystring: geofenceListQuery,
        response: { 200: geofencePage },
      },
    },
    (req) => geofences.list(actorOf(req), req.query),
  );
  r.get(
    '/api/park/geofences/export',
    {
      config: read,
      schema: { tags, summary: 'The filtered geofence list as xlsx (with GeoJSON)', querystring: geofenceListQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => sendXlsx(reply, await geofences.exportXlsx(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
  );
  r.get('/api/park/geofences/:id', { config: read, schema: { tags, params: idParams, response: { 200: geofenceSchema } } }, (req) =>
    geofences.get(actorOf(req), req.params.id),
  );
  r.post(
    '/api/park/geofences',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Draw a geofence (GEOFENCE_INVALID names the bad part of the geometry)',
        body: geofenceCreateSchema,
        response: { 200: geofenceSchema },
      },
    },
    (req) => geofences.create(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/park/geofences/:id',
    { config: manage, schema: { tags, params: idParams, body: geofenceUpdateSchema, response: { 200: geofenceSchema } } },
    (req) => geofences.update(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/park/geofences/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete a geofence (a route in use by appointments is refused)', params: idParams, response: { 200: okResponse } },
    },
    async (req) => {
      await geofences.remove(req.ctx, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/park/rule-settings',
    { config: read, schema: { tags, summary: 'Settings of the rules on positions', response: { 200: parkRuleSettingsSchema } } },
    () => geofences.getSettings(),
  );
  r.put(
    '/api/park/rule-settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change the settings of the rules on positions (audited)',
        body: parkRuleSettingsSchema,
        response: { 200: parkRuleSettingsSchema },
      },
    },
    (req) => geofences.saveSettings(req.ctx, actorOf(req), req.body),
  );
}
