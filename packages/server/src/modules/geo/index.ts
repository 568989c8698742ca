// The bundled base layer of the zone (boundary, plots, roads, rivers) plus enterprise points, as GeoJSON:
// the map works with no external tile request (government extranet).
import { geoLayersSchema } from '@zoneops/shared';
import { asc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.ts';
import type { DbOrTx } from '../../platform/database.ts';
import { geoFeatures } from '../../db/schema.ts';
import { enterpriseRepository } from '../enterprises/enterprise.repository.ts';

const geoRepository = { findAll: (db: DbOrTx) => db.select().from(geoFeatures).orderBy(asc(geoFeatures.kind), asc(geoFeatures.name)) };

export function registerGeo(app: FastifyInstance, { db }: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/geo/layers', { schema: { tags: ['geo'], response: { 200: geoLayersSchema } } }, async (req) => {
    const features = (await geoRepository.findAll(db)).map((f) => ({
      type: 'Feature' as const,
      properties: { ...(f.properties as object), kind: f.kind, name: f.name } as Record<string, unknown>,
      geometry: f.geometry,
    }));
    if (req.ctx.actor?.permissions.has('enterprises.read') && !req.ctx.actor.enterpriseId) {
      for (const e of await enterpriseRepository.findAllPoints(db)) {
        features.push({ type: 'Feature', properties: { kind: 'enterprise', name: e.name, id: e.id, industry: e.industry }, geometry: { type: 'Point', coordinates: [e.lng, e.lat] } });
      }
    }
    return { type: 'FeatureCollection' as const, features };
  });
}
