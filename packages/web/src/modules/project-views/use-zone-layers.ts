// The zone's base layers for a map (GET /api/geo/layers), as the maps over them wait for them: settled once the
// answer (or its failure, not reported: the map then draws without them) is in.
import { useMemo } from 'react';
import type { GeoFeature, GeoLayers } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';

export interface ZoneLayers {
  /** The answer or its failure is in: the map can be drawn (and fitted) once. */
  settled: boolean;
  features: readonly GeoFeature[];
  tileUrl: string | null;
}

export function useZoneLayers(): ZoneLayers {
  const geo = useApiGet<GeoLayers>('/api/geo/layers', undefined, { report: false });
  const features = useMemo(() => geo.data?.features ?? [], [geo.data]);
  return { settled: !geo.loading, features, tileUrl: geo.data?.tileUrl ?? null };
}
