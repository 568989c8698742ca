// The map's layers as one GeoJSON FeatureCollection: the bundled base features, plus the enterprise points
// for a caller who may read enterprises and is not bound to one.
import type { Deps } from '../../platform/deps.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { enterpriseRepository } from '../enterprises/enterprise.repository.ts';
import { geoRepository } from './geo.repository.ts';

export function createGeoService({ db, config }: Deps) {
  return {
    async layers(actor: Principal | null) {
      const features = (await geoRepository.findAll(db)).map((f) => ({
        type: 'Feature' as const,
        properties: { ...(f.properties as object), kind: f.kind, name: f.name } as Record<string, unknown>,
        geometry: f.geometry,
      }));
      if (actor?.permissions.has('enterprises.read') && !actor.enterpriseId) {
        for (const e of await enterpriseRepository.findAllPoints(db)) {
          features.push({
            type: 'Feature',
            properties: { kind: 'enterprise', name: e.name, id: e.id, industry: e.industry },
            geometry: { type: 'Point', coordinates: [e.lng, e.lat] },
          });
        }
      }
      return { type: 'FeatureCollection' as const, features, tileUrl: config.mapTileUrl };
    },
  };
}
