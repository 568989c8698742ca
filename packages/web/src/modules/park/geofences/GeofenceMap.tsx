// The geofences on the zone's bundled base layer: areas filled in the colour of their kind, routes as their corridor
// (width_m around the line) with the line on top; the selected one stands out. While drawing, each click on the map
// adds a vertex (the draft is drawn as a line or an area by kind). Leaflet needs a browser: loaded lazily.
//
// For the browser test: the container's data-geofence-count once drawn and data-drawing while drawing.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { Spin } from 'antd';
import type { Geofence, GeofenceKind, LonLat } from '@zoneops/shared';
import { useZoneLayers } from '../../project-views/use-zone-layers.ts';
import { addZoneBaseLayer, fitFirst, landUseNamer } from '../../project-views/zone-base-layer.ts';
import { corridorSegments, kindColours } from './geofence-ui.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ll = (p: LonLat): L.LatLngTuple => [p[1], p[0]];
/** Drawn under the others: the boundary first, routes last. */
const order: Record<GeofenceKind, number> = { boundary: 0, speedZone: 1, parking: 2, restricted: 3, route: 4 };

export interface Drawing {
  kind: GeofenceKind;
  vertices: LonLat[];
}

export default function GeofenceMap({
  fences,
  selectedId,
  drawing,
  onMapClick,
  onSelect,
  height = 600,
}: {
  fences: readonly Geofence[];
  selectedId: string | null;
  drawing: Drawing | null;
  onMapClick: (p: LonLat) => void;
  onSelect: (id: string) => void;
  height?: number;
}) {
  const { t, i18n } = useTranslation();
  const { settled: geoSettled, features, tileUrl } = useZoneLayers();
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef<{ fences: L.FeatureGroup; draft: L.LayerGroup } | null>(null);
  const fitted = useRef(false);
  const clickRef = useRef(onMapClick);
  const selectRef = useRef(onSelect);
  const drawingRef = useRef(drawing !== null);
  useEffect(() => {
    clickRef.current = onMapClick;
    selectRef.current = onSelect;
    drawingRef.current = drawing !== null;
  }, [onMapClick, onSelect, drawing]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !geoSettled) return;
    const map = L.map(el, { attributionControl: false, zoomSnap: 0.25, minZoom: 8, maxZoom: 19, doubleClickZoom: false });
    const landUseName = landUseNamer(t);
    const base = addZoneBaseLayer(map, features, { landUseName, enterprises: false, tileUrl, tooltips: false });
    fitFirst(map, [base.getBounds().isValid() ? base.getBounds() : null]);
    fitted.current = false;
    L.control.scale({ imperial: false }).addTo(map);
    const fenceLayer = L.featureGroup().addTo(map);
    const draft = L.layerGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (drawingRef.current) clickRef.current([e.latlng.lng, e.latlng.lat]);
    });
    mapRef.current = map;
    layers.current = { fences: fenceLayer, draft };
    return () => {
      mapRef.current = null;
      layers.current = null;
      map.remove();
    };
  }, [geoSettled, features, tileUrl, t, i18n.language]);

  // the geofences
  useEffect(() => {
    const map = mapRef.current;
    const l = layers.current;
    const el = ref.current;
    if (!map || !l || !el) return;
    l.fences.clearLayers();
    const sorted = [...fences].sort((a, b) => order[a.kind] - order[b.kind]);
    for (const f of sorted) {
      const colour = kindColours[f.kind];
      const selected = f.id === selectedId;
      const style: L.PathOptions = {
        color: colour,
        weight: selected ? 4 : 2,
        opacity: f.active ? 0.9 : 0.4,
        dashArray: f.active ? undefined : '6 4',
        fillColor: colour,
        fillOpacity: f.kind === 'boundary' ? 0.03 : selected ? 0.35 : 0.18,
      };
      const tip = escapeHtml(`${f.name} · ${t(`parkGeofences.kinds.${f.kind}`)}`);
      const group = L.featureGroup();
      if (f.geometry.type === 'LineString') {
        const line = f.geometry.coordinates as LonLat[];
        const width = f.widthM ?? 0;
        for (const quad of corridorSegments(line, width)) L.polygon(quad.map(ll), { ...style, weight: 0 }).addTo(group);
        for (const p of line) L.circle(ll(p), { ...style, weight: 0, radius: width / 2 }).addTo(group);
        L.polyline(line.map(ll), { color: colour, weight: selected ? 3 : 2, dashArray: '8 6' }).addTo(group);
      } else {
        L.polygon(
          (f.geometry.coordinates as LonLat[][]).map((ring) => ring.map(ll)),
          style,
        ).addTo(group);
      }
      group.bindTooltip(tip, { sticky: true });
      const id = f.id;
      group.on('click', (e) => {
        if (drawingRef.current) return;
        L.DomEvent.stopPropagation(e);
        selectRef.current(id);
      });
      group.addTo(l.fences);
    }
    el.setAttribute('data-geofence-count', String(fences.length));
    if (!fitted.current && fences.length) {
      const b = l.fences.getBounds();
      if (b.isValid()) {
        map.fitBounds(b, { padding: [16, 16] });
        fitted.current = true;
      }
    }
  }, [fences, selectedId, t, geoSettled, features, tileUrl]);

  // the draft
  useEffect(() => {
    const l = layers.current;
    const el = ref.current;
    if (!l || !el) return;
    l.draft.clearLayers();
    el.setAttribute('data-drawing', String(drawing !== null));
    el.style.cursor = drawing ? 'crosshair' : '';
    if (!drawing) return;
    const colour = kindColours[drawing.kind];
    const pts = drawing.vertices.map(ll);
    if (drawing.kind === 'route' || pts.length < 3) L.polyline(pts, { color: colour, weight: 3, dashArray: '4 4' }).addTo(l.draft);
    else L.polygon(pts, { color: colour, weight: 3, dashArray: '4 4', fillOpacity: 0.2 }).addTo(l.draft);
    pts.forEach((p, i) =>
      L.circleMarker(p, { radius: 5, color: '#fff', weight: 2, fillColor: colour, fillOpacity: 1 })
        .bindTooltip(String(i + 1), { permanent: false })
        .addTo(l.draft),
    );
  }, [drawing, geoSettled, features, tileUrl]);

  return (
    <Spin spinning={!geoSettled}>
      <div ref={ref} style={{ height, width: '100%', background: '#f5f5f5' }} data-testid="geofence-map" />
    </Spin>
  );
}
