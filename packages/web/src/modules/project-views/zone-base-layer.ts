// The zone's own vector base layer (GET /api/geo/layers: boundary, plots, roads, rivers, enterprises) drawn on a
// Leaflet map, shared by the workbench's zone map and the battle map. No tile server needed (DOMAIN §13).
import type { TFunction } from 'i18next';
import L from 'leaflet';
import type { GeoFeature } from '../../app/contract.ts';
import { enterpriseMarkerStyle, featureStyle, geoKinds, kindOf } from '../workbench/zone-map-style.ts';

// Gulei peninsula, used only when the layers have no extent.
export const FALLBACK_CENTRE: L.LatLngTuple = [23.76, 117.6];

export interface ZoneBaseLayerOptions {
  /** The name of a plot's land use (tooltips). */
  landUseName: (landUse: unknown) => string;
  /** Tooltips on the enterprises, plots, roads and rivers (default true). */
  tooltips?: boolean;
  /** Enterprise dots (default true). */
  enterprises?: boolean;
  /** Raster tiles drawn under the vector layer (GET /api/geo/layers `tileUrl`); none by default. */
  tileUrl?: string | null;
}

/** A plot's land use in the page language (`landUseName` of the options). */
export const landUseNamer =
  (t: TFunction) =>
  (v: unknown): string =>
    typeof v === 'string' ? t(`geo.landUse.${v}`, { defaultValue: v }) : t('geo.landUse.other');

/** Adds one GeoJSON layer per kind (plots under rivers under roads under the boundary under enterprises) and returns them as a group. */
export function addZoneBaseLayer(map: L.Map, features: readonly GeoFeature[], opts: ZoneBaseLayerOptions): L.FeatureGroup {
  const { landUseName, tooltips = true, enterprises = true, tileUrl } = opts;
  if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(map);
  const group = L.featureGroup();
  for (const kind of geoKinds) {
    if (kind === 'enterprise' && !enterprises) continue;
    L.geoJSON(
      {
        type: 'FeatureCollection',
        features: features.filter((f) => kindOf(f.properties) === kind),
      } as GeoJSON.FeatureCollection,
      {
        style: (f) => featureStyle(f?.properties as Record<string, unknown>),
        pointToLayer: (_f, latlng) => L.circleMarker(latlng, enterpriseMarkerStyle),
        onEachFeature: (f, layer) => {
          if (!tooltips) return;
          const props = (f.properties ?? {}) as Record<string, unknown>;
          const name = typeof props.name === 'string' ? props.name : null;
          const text = kind === 'plot' ? [name, landUseName(props.landUse)].filter(Boolean).join(' · ') : name;
          if (text) layer.bindTooltip(text, { direction: 'top', sticky: kind !== 'enterprise' });
        },
      },
    ).addTo(group);
  }
  return group.addTo(map);
}

/** Fits the map to the first valid bounds, else the fallback centre. */
export function fitFirst(map: L.Map, bounds: readonly (L.LatLngBounds | null | undefined)[], padding: L.PointTuple = [12, 12]): void {
  const b = bounds.find((x) => x?.isValid());
  if (b) map.fitBounds(b, { padding });
  else map.setView(FALLBACK_CENTRE, 12);
}
