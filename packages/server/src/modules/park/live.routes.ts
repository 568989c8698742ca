// The live vehicle page (车辆一张图, issue 8): the snapshot, a vehicle's card and track, and the WebSocket feed
// (GET /api/park/live/ws). The upgrade request passes the platform's onRequest hook like any other route: no session
// (or API token) → 401 before the upgrade, without park.read → 403. Each route: schema, permission, one service call.
// @fastify/websocket is registered once by the safety module (registered before this one).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, parkLiveSnapshotSchema, vehicleCardSchema, vehicleTrackQuery, vehicleTrackSchema } from '@zoneops/shared';
import type { Positions } from '../../ingest/positions/index.ts';
import { actorOf } from '../../platform/auth/auth.plugin.ts';
import type { Deps } from '../../platform/deps.ts';
import { endRefusedUpgrade, liveSocketHandler } from '../../platform/live-socket.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import type { PositionSink, StoredPosition } from './contracts.ts';
import { createParkLiveHub, parkWide, positionKey, type ParkLiveHub } from './live-hub.ts';
import { createParkLiveService, type ParkLiveService } from './live.service.ts';

export interface ParkLive extends PositionSink {
  /** Gives the hub the position store (latest positions in memory). */
  attach(positions: Positions): void;
  readonly hub: ParkLiveHub;
  readonly service: ParkLiveService;
}

/** Most vehicles whose latest position the page keeps from the sink (besides positions.latest()). */
const MAX_HEARD = 50_000;

export async function registerParkLive(app: FastifyInstance, deps: Deps, events: SafetyEvents): Promise<ParkLive> {
  let store: Positions | null = null;
  /** The newest position heard through the sink per key: positions.latest() may not hold it yet (or be another's). */
  const heard = new Map<string, StoredPosition>();
  const latest = (): ReadonlyMap<string, StoredPosition> => {
    const fromStore = store?.latest();
    if (!fromStore?.size) return heard;
    if (!heard.size) return fromStore;
    const merged = new Map(fromStore);
    for (const [k, p] of heard) {
      const had = merged.get(k);
      if (!had || had.ts < p.ts) merged.set(k, p);
    }
    return merged;
  };
  const service = createParkLiveService(deps, latest);
  const hub = createParkLiveHub(deps, () => service.counts());
  const unsubscribe = events.on((event) => hub.onEvent(event));
  hub.start();
  app.addHook('onClose', async () => {
    unsubscribe();
    hub.stop();
  });
  await Promise.resolve();

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['park'];
  const read = { auth: 'park.read' } as const;

  r.get(
    '/api/park/live/ws',
    {
      websocket: true,
      config: read,
      schema: { tags, summary: 'The live vehicle feed (WebSocket): hello, positions (≤ 1/s), closed-park alarms, counts' },
      onResponse: endRefusedUpgrade,
    },
    liveSocketHandler((socket, principal, credential) => {
      const conn = hub.accept(socket, principal, credential);
      // an enterprise's own user passes park.read's route check but is not park-wide
      if (!parkWide(principal)) conn.end(4403, 'forbidden');
      return conn;
    }),
  );

  r.get(
    '/api/park/live',
    {
      config: read,
      schema: {
        tags,
        summary: 'The live vehicle page: vehicles in the park with positions, counts, parking occupancy, open alarms, geofences',
        response: { 200: parkLiveSnapshotSchema },
      },
    },
    (req) => service.snapshot(actorOf(req)),
  );
  r.get(
    '/api/park/vehicles/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A vehicle’s card: carrier, appointment, driver and escort, terminals, latest position, open alarms',
        params: idParams,
        response: { 200: vehicleCardSchema },
      },
    },
    (req) => service.card(actorOf(req), req.params.id),
  );
  r.get(
    '/api/park/vehicles/:id/track',
    {
      config: read,
      schema: {
        tags,
        summary: 'A vehicle’s positions in a range (≤ 7 days; thinned to ≤ 5,000 points), WGS-84, in time order',
        params: idParams,
        querystring: vehicleTrackQuery,
        response: { 200: vehicleTrackSchema },
      },
    },
    (req) => service.track(actorOf(req), req.params.id, req.query),
  );

  return {
    hub,
    service,
    attach(positions) {
      store = positions;
    },
    onPositions(positions) {
      for (const p of positions) {
        const key = positionKey(p);
        const had = heard.get(key);
        if (!had || had.ts <= p.ts) {
          if (!had && heard.size >= MAX_HEARD) continue;
          heard.set(key, p);
        }
      }
      hub.onPositions(positions);
    },
  };
}
