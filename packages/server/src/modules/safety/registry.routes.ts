// Routes of the safety registry: hazard sources (重大危险源), devices / gateways / stations with their tokens,
// monitoring points (位号) and the points' spreadsheet import; each a schema, a permission (safety.read to read,
// safety.manage to write) and one service call.
import {
  deviceCreateSchema,
  deviceListQuery,
  devicePage,
  deviceSchema,
  deviceUpdateSchema,
  deviceWithTokenSchema,
  majorHazardCreateSchema,
  majorHazardDetailSchema,
  majorHazardListQuery,
  majorHazardPage,
  majorHazardSchema,
  majorHazardUpdateSchema,
  idParams,
  okResponse,
  pointCreateSchema,
  pointImportQuery,
  pointImportResultSchema,
  pointListQuery,
  pointPage,
  pointSchema,
  pointUpdateSchema,
  XLSX_MIME,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { MAX_IMPORT_BYTES, sendXlsx, withWorkbookBodies, workbookBody } from '../../platform/documents/index.ts';
import { createPointImport } from './point-import.ts';
import { createRegistryService, type RegistryService } from './registry.service.ts';
import type { SafetyEvents } from './safety-events.ts';

export function registerSafetyRegistry(app: FastifyInstance, deps: Deps, events: SafetyEvents): RegistryService {
  const registry = createRegistryService(deps, events);
  const points = createPointImport(deps, events);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['safety'];
  const read = { auth: 'safety.read' } as const;
  const manage = { auth: 'safety.manage' } as const;
  const ok = { ok: true as const };

  // ---- hazard sources ----
  r.get(
    '/api/safety/major-hazards',
    {
      config: read,
      schema: { tags, summary: 'Major hazard sources (重大危险源) the caller sees', querystring: majorHazardListQuery, response: { 200: majorHazardPage } },
    },
    (req) => registry.listMajorHazards(actorOf(req), req.query),
  );
  r.get(
    '/api/safety/major-hazards/:id',
    {
      config: read,
      schema: { tags, summary: 'A hazard source with its points and device states', params: idParams, response: { 200: majorHazardDetailSchema } },
    },
    (req) => registry.getMajorHazard(actorOf(req), req.params.id),
  );
  r.post(
    '/api/safety/major-hazards',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Register a hazard source (assessment due by default 3 years after it)',
        body: majorHazardCreateSchema,
        response: { 200: majorHazardSchema },
      },
    },
    (req) => registry.createMajorHazard(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    '/api/safety/major-hazards/:id',
    { config: manage, schema: { tags, params: idParams, body: majorHazardUpdateSchema, response: { 200: majorHazardSchema } } },
    (req) => registry.updateMajorHazard(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/safety/major-hazards/:id',
    { config: manage, schema: { tags, summary: 'Delete a hazard source (refused while it has points)', params: idParams, response: { 200: okResponse } } },
    async (req) => {
      await registry.removeMajorHazard(req.ctx, actorOf(req), req.params.id);
      return ok;
    },
  );

  // ---- devices, gateways, stations ----
  r.get(
    '/api/safety/devices',
    { config: read, schema: { tags, summary: 'Devices, gateways and stations with their state', querystring: deviceListQuery, response: { 200: devicePage } } },
    (req) => registry.listDevices(actorOf(req), req.query),
  );
  r.get('/api/safety/devices/:id', { config: read, schema: { tags, params: idParams, response: { 200: deviceSchema } } }, (req) =>
    registry.getDevice(actorOf(req), req.params.id),
  );
  r.post(
    '/api/safety/devices',
    {
      config: manage,
      schema: {
        tags,
        summary: "Register a device, gateway or station; the answer holds the access token, this once (a station's factor points are created)",
        body: deviceCreateSchema,
        response: { 200: deviceWithTokenSchema },
      },
    },
    (req) => registry.createDevice(req.ctx, actorOf(req), req.body),
  );
  r.patch('/api/safety/devices/:id', { config: manage, schema: { tags, params: idParams, body: deviceUpdateSchema, response: { 200: deviceSchema } } }, (req) =>
    registry.updateDevice(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/safety/devices/:id/rotate-token',
    {
      config: manage,
      schema: { tags, summary: 'Issue a new token (answered once); the old one stops working', params: idParams, response: { 200: deviceWithTokenSchema } },
    },
    (req) => registry.rotateToken(req.ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/safety/devices/:id/revoke',
    { config: manage, schema: { tags, summary: "Revoke the device's token", params: idParams, response: { 200: deviceSchema } } },
    (req) => registry.revokeDevice(req.ctx, actorOf(req), req.params.id),
  );
  r.delete(
    '/api/safety/devices/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete a device (refused while it has points or devices behind it)', params: idParams, response: { 200: okResponse } },
    },
    async (req) => {
      await registry.removeDevice(req.ctx, actorOf(req), req.params.id);
      return ok;
    },
  );

  // ---- monitoring points ----
  r.get(
    '/api/safety/points',
    { config: read, schema: { tags, summary: 'Monitoring points (位号) the caller sees', querystring: pointListQuery, response: { 200: pointPage } } },
    (req) => registry.listPoints(actorOf(req), req.query),
  );
  r.get('/api/safety/points/:id', { config: read, schema: { tags, params: idParams, response: { 200: pointSchema } } }, (req) =>
    registry.getPoint(actorOf(req), req.params.id),
  );
  r.post('/api/safety/points', { config: manage, schema: { tags, body: pointCreateSchema, response: { 200: pointSchema } } }, (req) =>
    registry.createPoint(req.ctx, actorOf(req), req.body),
  );
  r.patch('/api/safety/points/:id', { config: manage, schema: { tags, params: idParams, body: pointUpdateSchema, response: { 200: pointSchema } } }, (req) =>
    registry.updatePoint(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/safety/points/:id', { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await registry.removePoint(req.ctx, actorOf(req), req.params.id);
    return ok;
  });

  // ---- spreadsheets ----
  withWorkbookBodies(app, (scope) => {
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.get(
      '/api/safety/major-hazards/export',
      {
        config: read,
        schema: {
          tags,
          summary: 'The filtered hazard sources as xlsx (masked as on screen)',
          querystring: majorHazardListQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => sendXlsx(reply, await registry.exportMajorHazards(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
    );
    s.get(
      '/api/safety/devices/export',
      { config: read, schema: { tags, summary: 'The filtered devices as xlsx', querystring: deviceListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendXlsx(reply, await registry.exportDevices(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
    );
    s.get(
      '/api/safety/points/export',
      {
        config: read,
        schema: {
          tags,
          summary: 'The filtered points as xlsx, in the layout of the import template',
          querystring: pointListQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => sendXlsx(reply, await registry.exportPoints(req.ctx, actorOf(req), { ...req.query, page: 1, pageSize: 20 })),
    );
    s.get(
      '/api/safety/points/import/template',
      { config: manage, schema: { tags, summary: 'The empty point sheet (xlsx, columns in Chinese)' } },
      async (_req, reply) => sendXlsx(reply, await points.template()),
    );
    s.post(
      '/api/safety/points/import',
      {
        config: manage,
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary:
            'Import points from the point sheet (the xlsx as the body). preview: every row checked, errors by row and column; ' +
            'annotate: the same workbook with the bad cells marked (xlsx); commit: all or nothing in one transaction (any error: 400, nothing written)',
          consumes: [XLSX_MIME],
          querystring: pointImportQuery,
          response: { 200: pointImportResultSchema },
        },
      },
      async (req, reply) => {
        const file = workbookBody(req.body);
        const p = actorOf(req);
        if (req.query.mode === 'annotate') {
          const annotated = await points.annotate(p, file);
          return sendXlsx(reply.header('x-import-errors', String(annotated.errors)), annotated);
        }
        if (req.query.mode === 'commit') return points.commit(req.ctx, p, file);
        return points.preview(p, file);
      },
    );
  });

  return registry;
}
