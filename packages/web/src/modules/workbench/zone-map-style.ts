// Styles of the zone's vector base layer (GET /api/geo/layers). Land-use colours follow the usual
// planning map convention (GB 50137 colour families): industry brown, logistics purple, housing yellow …
import type { CircleMarkerOptions, PathOptions } from 'leaflet';

export const geoKinds = ['plot', 'river', 'road', 'boundary', 'enterprise'] as const;
export type GeoKind = (typeof geoKinds)[number];

export const landUseColours: Record<string, string> = {
  industrial: '#b9875c',
  logistics: '#a48cc4',
  storage: '#a48cc4',
  residential: '#f3d86b',
  commercial: '#e5765f',
  public: '#e59ec4',
  utilities: '#5b9bc8',
  green: '#7cbf6e',
  water: '#9fd2ee',
  reserved: '#e6e1d3',
};
export const UNKNOWN_LAND_USE_COLOUR = '#d0d0d0';

export function kindOf(properties: Record<string, unknown> | null | undefined): GeoKind | null {
  const kind = properties?.kind;
  return typeof kind === 'string' && (geoKinds as readonly string[]).includes(kind) ? (kind as GeoKind) : null;
}

export function landUseColour(landUse: unknown): string {
  return (typeof landUse === 'string' && landUseColours[landUse]) || UNKNOWN_LAND_USE_COLOUR;
}

/** Path style of a line or polygon feature. */
export function featureStyle(properties: Record<string, unknown> | null | undefined): PathOptions {
  switch (kindOf(properties)) {
    case 'boundary':
      return { color: '#c0392b', weight: 2.5, dashArray: '8 5', fill: false };
    case 'plot':
      return { color: '#8c8c8c', weight: 0.8, fillColor: landUseColour(properties?.landUse), fillOpacity: 0.7 };
    case 'road':
      return { color: '#9a9a9a', weight: 3, opacity: 0.9 };
    case 'river':
      return { color: '#4a90d9', weight: 3, fillColor: '#9fd2ee', fillOpacity: 0.8 };
    default:
      return { color: '#666', weight: 1 };
  }
}

export const enterpriseMarkerStyle: CircleMarkerOptions = {
  radius: 5,
  color: '#ffffff',
  weight: 1.5,
  fillColor: '#1b4d89',
  fillOpacity: 1,
};

/** Land uses present among the plots, in a stable order (for the legend). */
export function landUsesPresent(features: readonly { properties: Record<string, unknown> }[]): string[] {
  const found = new Set<string>();
  for (const f of features) {
    if (kindOf(f.properties) === 'plot' && typeof f.properties.landUse === 'string') found.add(f.properties.landUse);
  }
  const known = Object.keys(landUseColours).filter((k) => found.has(k));
  const unknown = [...found].filter((k) => !(k in landUseColours)).sort();
  return [...known, ...unknown];
}
