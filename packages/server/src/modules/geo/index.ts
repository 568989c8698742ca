// The bundled base layer of the zone (boundary, plots, roads, rivers) plus enterprise points, as GeoJSON:
// the map works with no external tile request (government extranet).
import { geoLayersSchema } from '@zoneops/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import { createGeoService } from './geo.service.ts';

export function registerGeo(app: FastifyInstance, deps: Deps): void {
  const service = createGeoService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/geo/layers', { schema: { tags: ['geo'], response: { 200: geoLayersSchema } } }, (req) => service.layers(req.ctx.actor));
}
