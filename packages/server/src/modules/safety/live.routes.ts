// Live safety page routes: the WebSocket feed (GET /api/safety/live), the map, the open alarms of its side list, a
// point's detail and its trend series. The upgrade request passes the platform's onRequest hook like any other
// route: no session (or API token) → 401 before the upgrade, without safety.read → 403. Each route: schema,
// permission, one service call.
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, openAlarmListQuery, openAlarmListSchema, pointDetailSchema, pointSeriesQuery, pointSeriesSchema, safetyMapSchema } from '@zoneops/shared';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { endRefusedUpgrade, liveSocketHandler } from '../../platform/live-socket.ts';
import type { LatestValues } from './contracts.ts';
import { createLiveHub, type LiveHub } from './live-hub.ts';
import { createSafetyMapService } from './map.service.ts';
import type { SafetyEvents } from './safety-events.ts';

/** Largest client message (a watch of 200 ids is about 8 KB); larger frames close the socket (1009). */
const MAX_PAYLOAD = 16 * 1024;

export async function registerSafetyLive(app: FastifyInstance, deps: Deps, events: SafetyEvents, latest: LatestValues): Promise<LiveHub> {
  const hub = createLiveHub(deps, latest);
  const maps = createSafetyMapService(deps, latest);
  const unsubscribe = events.on((event) => hub.onEvent(event));
  hub.start();
  app.addHook('onClose', async () => {
    unsubscribe();
    hub.stop();
  });

  await app.register(websocket, { options: { maxPayload: MAX_PAYLOAD } });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['safety'];
  const read = { auth: 'safety.read' } as const;

  r.get(
    '/api/safety/live',
    {
      websocket: true,
      config: read,
      schema: { tags, summary: 'The live feed (WebSocket): hello, alarms, latest values of watched points' },
      onResponse: endRefusedUpgrade,
    },
    liveSocketHandler((socket, principal, credential) => hub.accept(socket, principal, credential)),
  );

  r.get(
    '/api/safety/map',
    {
      config: read,
      schema: {
        tags,
        summary: 'The safety map: enterprises and points with their worst open alarm, open alarms per level',
        response: { 200: safetyMapSchema },
      },
    },
    (req) => maps.map(actorOf(req)),
  );
  r.get(
    '/api/safety/map/alarms',
    {
      config: read,
      schema: { tags, summary: 'Open alarms the caller sees, newest first', querystring: openAlarmListQuery, response: { 200: openAlarmListSchema } },
    },
    (req) => maps.openAlarms(actorOf(req), req.query.limit),
  );
  r.get(
    '/api/safety/points/:id/detail',
    {
      config: read,
      schema: { tags, summary: 'A monitoring point with its thresholds, latest value and alarms', params: idParams, response: { 200: pointDetailSchema } },
    },
    (req) => maps.pointDetail(actorOf(req), req.params.id),
  );
  r.get(
    '/api/safety/points/:id/series',
    {
      config: read,
      schema: {
        tags,
        summary: 'A point’s trend: raw up to 6 h, minute roll-ups up to 7 days, hour roll-ups beyond',
        params: idParams,
        querystring: pointSeriesQuery,
        response: { 200: pointSeriesSchema },
      },
    },
    (req) => maps.series(actorOf(req), req.params.id, req.query),
  );
  return hub;
}
