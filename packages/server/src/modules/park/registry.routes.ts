// Routes of the closed-park registry (issue 8) under /api/park/registry: checkpoints with their devices, carriers,
// vehicles, people, the white and black lists and the position terminals. Each a schema, a permission (park.read to
// read, park.manage to write) and one service call; lists are filtered, sorted, paged and exported as xlsx.
import {
  accessListCreateSchema,
  accessListEntrySchema,
  accessListPage,
  accessListQuery,
  accessListUpdateSchema,
  carrierCreateSchema,
  carrierListQuery,
  carrierPage,
  carrierSchema,
  carrierUpdateSchema,
  parkCheckpointCreateSchema,
  parkCheckpointListQuery,
  parkCheckpointPage,
  parkCheckpointSchema,
  parkCheckpointUpdateSchema,
  gateDeviceCreateSchema,
  gateDeviceSchema,
  gateDeviceUpdateSchema,
  idParams,
  okResponse,
  osmandTerminalCreateSchema,
  parkPersonCreateSchema,
  parkPersonListQuery,
  parkPersonPage,
  parkPersonSchema,
  parkPersonUpdateSchema,
  parkVehicleCreateSchema,
  parkVehicleListQuery,
  parkVehiclePage,
  parkVehicleSchema,
  parkVehicleUpdateSchema,
  positionTerminalListQuery,
  positionTerminalPage,
  positionTerminalSchema,
  terminalBindSchema,
} from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { sendXlsx } from '../../platform/documents/index.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import { createParkListsService } from './registry-lists.service.ts';
import { createParkRegistryService } from './registry.service.ts';

const BASE = '/api/park/registry';

export function registerParkRegistry(app: FastifyInstance, deps: Deps, events: SafetyEvents): void {
  const registry = createParkRegistryService(deps, events);
  const lists = createParkListsService(deps, events);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['park'];
  const read = { auth: 'park.read' } as const;
  const manage = { auth: 'park.manage' } as const;
  const ok = { ok: true as const };
  const all = { page: 1, pageSize: 20 };

  // ---- checkpoints and devices ----
  r.get(
    `${BASE}/checkpoints`,
    {
      config: read,
      schema: { tags, summary: 'Checkpoints (卡口) with lanes and devices', querystring: parkCheckpointListQuery, response: { 200: parkCheckpointPage } },
    },
    (req) => registry.listCheckpoints(req.query),
  );
  r.get(
    `${BASE}/checkpoints/export`,
    { config: read, schema: { tags, summary: 'The filtered checkpoints as xlsx', querystring: parkCheckpointListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await registry.exportCheckpoints(req.ctx, { ...req.query, ...all })),
  );
  r.get(`${BASE}/checkpoints/:id`, { config: read, schema: { tags, params: idParams, response: { 200: parkCheckpointSchema } } }, (req) =>
    registry.getCheckpoint(req.params.id),
  );
  r.post(
    `${BASE}/checkpoints`,
    {
      config: manage,
      schema: {
        tags,
        summary: "Register a checkpoint (allowed categories default to its kind's; emergency checkpoints closed by default)",
        body: parkCheckpointCreateSchema,
        response: { 200: parkCheckpointSchema },
      },
    },
    (req) => registry.createCheckpoint(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    `${BASE}/checkpoints/:id`,
    { config: manage, schema: { tags, params: idParams, body: parkCheckpointUpdateSchema, response: { 200: parkCheckpointSchema } } },
    (req) => registry.updateCheckpoint(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    `${BASE}/checkpoints/:id`,
    { config: manage, schema: { tags, summary: 'Delete a checkpoint and its devices', params: idParams, response: { 200: okResponse } } },
    async (req) => {
      await registry.removeCheckpoint(req.ctx, actorOf(req), req.params.id);
      return ok;
    },
  );
  r.post(
    `${BASE}/devices`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a camera / face terminal / access controller to a checkpoint lane',
        body: gateDeviceCreateSchema,
        response: { 200: gateDeviceSchema },
      },
    },
    (req) => registry.createDevice(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    `${BASE}/devices/:id`,
    { config: manage, schema: { tags, params: idParams, body: gateDeviceUpdateSchema, response: { 200: gateDeviceSchema } } },
    (req) => registry.updateDevice(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(`${BASE}/devices/:id`, { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await registry.removeDevice(req.ctx, actorOf(req), req.params.id);
    return ok;
  });

  // ---- carriers ----
  r.get(
    `${BASE}/carriers`,
    { config: read, schema: { tags, summary: 'Carriers with their transport licence', querystring: carrierListQuery, response: { 200: carrierPage } } },
    (req) => registry.listCarriers(actorOf(req), req.query),
  );
  r.get(
    `${BASE}/carriers/export`,
    {
      config: read,
      schema: { tags, summary: 'The filtered carriers as xlsx (masked as on screen)', querystring: carrierListQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => sendXlsx(reply, await registry.exportCarriers(req.ctx, actorOf(req), { ...req.query, ...all })),
  );
  r.get(`${BASE}/carriers/:id`, { config: read, schema: { tags, params: idParams, response: { 200: carrierSchema } } }, (req) =>
    registry.getCarrier(actorOf(req), req.params.id),
  );
  r.post(`${BASE}/carriers`, { config: manage, schema: { tags, body: carrierCreateSchema, response: { 200: carrierSchema } } }, (req) =>
    registry.createCarrier(req.ctx, actorOf(req), req.body),
  );
  r.patch(`${BASE}/carriers/:id`, { config: manage, schema: { tags, params: idParams, body: carrierUpdateSchema, response: { 200: carrierSchema } } }, (req) =>
    registry.updateCarrier(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    `${BASE}/carriers/:id`,
    {
      config: manage,
      schema: { tags, summary: 'Delete a carrier (refused while it has vehicles or people)', params: idParams, response: { 200: okResponse } },
    },
    async (req) => {
      await registry.removeCarrier(req.ctx, actorOf(req), req.params.id);
      return ok;
    },
  );

  // ---- vehicles ----
  r.get(
    `${BASE}/vehicles`,
    { config: read, schema: { tags, summary: 'Vehicles known to the park', querystring: parkVehicleListQuery, response: { 200: parkVehiclePage } } },
    (req) => registry.listVehicles(req.query),
  );
  r.get(
    `${BASE}/vehicles/export`,
    { config: read, schema: { tags, summary: 'The filtered vehicles as xlsx', querystring: parkVehicleListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await registry.exportVehicles(req.ctx, { ...req.query, ...all })),
  );
  r.get(`${BASE}/vehicles/:id`, { config: read, schema: { tags, params: idParams, response: { 200: parkVehicleSchema } } }, (req) =>
    registry.getVehicle(req.params.id),
  );
  r.post(
    `${BASE}/vehicles`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Register a vehicle (plate normalised and checked: PLATE_INVALID, PLATE_TAKEN)',
        body: parkVehicleCreateSchema,
        response: { 200: parkVehicleSchema },
      },
    },
    (req) => registry.createVehicle(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    `${BASE}/vehicles/:id`,
    { config: manage, schema: { tags, params: idParams, body: parkVehicleUpdateSchema, response: { 200: parkVehicleSchema } } },
    (req) => registry.updateVehicle(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    `${BASE}/vehicles/:id`,
    { config: manage, schema: { tags, summary: 'Delete a vehicle (its terminals are unbound)', params: idParams, response: { 200: okResponse } } },
    async (req) => {
      await registry.removeVehicle(req.ctx, actorOf(req), req.params.id);
      return ok;
    },
  );

  // ---- people ----
  r.get(
    `${BASE}/people`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Drivers, escorts, staff and visitors (contact data masked)',
        querystring: parkPersonListQuery,
        response: { 200: parkPersonPage },
      },
    },
    (req) => registry.listPeople(actorOf(req), req.query),
  );
  r.get(
    `${BASE}/people/export`,
    {
      config: read,
      schema: { tags, summary: 'The filtered people as xlsx (masked as on screen)', querystring: parkPersonListQuery.omit({ page: true, pageSize: true }) },
    },
    async (req, reply) => sendXlsx(reply, await registry.exportPeople(req.ctx, actorOf(req), { ...req.query, ...all })),
  );
  r.get(`${BASE}/people/:id`, { config: read, schema: { tags, params: idParams, response: { 200: parkPersonSchema } } }, (req) =>
    registry.getPerson(actorOf(req), req.params.id),
  );
  r.post(
    `${BASE}/people`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Register a person (drivers and escorts need their qualification)',
        body: parkPersonCreateSchema,
        response: { 200: parkPersonSchema },
      },
    },
    (req) => registry.createPerson(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    `${BASE}/people/:id`,
    { config: manage, schema: { tags, params: idParams, body: parkPersonUpdateSchema, response: { 200: parkPersonSchema } } },
    (req) => registry.updatePerson(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(`${BASE}/people/:id`, { config: manage, schema: { tags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await registry.removePerson(req.ctx, actorOf(req), req.params.id);
    return ok;
  });

  // ---- white and black lists ----
  r.get(
    `${BASE}/lists`,
    { config: read, schema: { tags, summary: 'White and black list entries', querystring: accessListQuery, response: { 200: accessListPage } } },
    (req) => lists.listAccess(actorOf(req), req.query),
  );
  r.get(
    `${BASE}/lists/export`,
    { config: read, schema: { tags, summary: 'The filtered list entries as xlsx', querystring: accessListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await lists.exportAccess(req.ctx, actorOf(req), { ...req.query, ...all })),
  );
  r.post(
    `${BASE}/lists`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a vehicle (by plate) or a person to the white or black list',
        body: accessListCreateSchema,
        response: { 200: accessListEntrySchema },
      },
    },
    (req) => lists.createAccess(req.ctx, actorOf(req), req.body),
  );
  r.patch(
    `${BASE}/lists/:id`,
    { config: manage, schema: { tags, params: idParams, body: accessListUpdateSchema, response: { 200: accessListEntrySchema } } },
    (req) => lists.updateAccess(req.ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    `${BASE}/lists/:id/revoke`,
    { config: manage, schema: { tags, summary: 'Revoke a list entry', params: idParams, response: { 200: accessListEntrySchema } } },
    (req) => lists.revokeAccess(req.ctx, actorOf(req), req.params.id),
  );

  // ---- position terminals ----
  r.get(
    `${BASE}/terminals`,
    {
      config: read,
      schema: {
        tags,
        summary: 'JT/T 808 terminals and OsmAnd phones with their vehicle',
        querystring: positionTerminalListQuery,
        response: { 200: positionTerminalPage },
      },
    },
    (req) => lists.listTerminals(req.query),
  );
  r.get(
    `${BASE}/terminals/export`,
    { config: read, schema: { tags, summary: 'The filtered terminals as xlsx', querystring: positionTerminalListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => sendXlsx(reply, await lists.exportTerminals(req.ctx, { ...req.query, ...all })),
  );
  r.get(`${BASE}/terminals/:id`, { config: read, schema: { tags, params: idParams, response: { 200: positionTerminalSchema } } }, (req) =>
    lists.getTerminal(req.params.id),
  );
  r.post(
    `${BASE}/terminals`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Issue an OsmAnd / Traccar Client phone at the gate, bound to a vehicle (one active terminal per vehicle and protocol: TERMINAL_TAKEN)',
        body: osmandTerminalCreateSchema,
        response: { 200: positionTerminalSchema },
      },
    },
    (req) => lists.createOsmand(req.ctx, actorOf(req), req.body),
  );
  r.post(
    `${BASE}/terminals/:id/bind`,
    {
      config: manage,
      schema: { tags, summary: 'Bind a terminal to a vehicle', params: idParams, body: terminalBindSchema, response: { 200: positionTerminalSchema } },
    },
    (req) => lists.bind(req.ctx, actorOf(req), req.params.id, req.body.vehicleId),
  );
  r.post(`${BASE}/terminals/:id/unbind`, { config: manage, schema: { tags, params: idParams, response: { 200: positionTerminalSchema } } }, (req) =>
    lists.unbind(req.ctx, actorOf(req), req.params.id),
  );
  r.post(
    `${BASE}/terminals/:id/revoke`,
    {
      config: manage,
      schema: { tags, summary: 'Revoke a terminal: its frames and positions are refused', params: idParams, response: { 200: positionTerminalSchema } },
    },
    (req) => lists.revoke(req.ctx, actorOf(req), req.params.id),
  );
}
