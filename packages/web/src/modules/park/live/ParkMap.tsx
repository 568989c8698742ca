// The map of the live vehicle page: the zone's bundled base layer (no tile server needed), the geofences (the park
// boundary, restricted areas, speed zones, hazmat parking lots with their occupancy, designated routes drawn as
// corridors of their width), the vehicles as markers coloured by the main hazmat class of their cargo with an arrow
// turned to their course (speed in the tooltip) that move as positions arrive, and the selected vehicle's track with
// the playback position. Points are WGS-84; with a GCJ-02 base map (mapCrs) they are converted for display only.
// Loaded lazily: Leaflet needs a browser.
//
// For the browser test: the container's data-vehicle-count and data-geofence-count once drawn; each vehicle marker's
// data-vehicle-key, data-colour and data-course.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { Spin } from 'antd';
import type { LiveGeofence, LiveVehicle, MapCrs, ParkingOccupancy, VehicleTrack } from '@zoneops/shared';
import { formatNumber } from '../../../app/format.ts';
import { useZoneLayers } from '../../project-views/use-zone-layers.ts';
import { addZoneBaseLayer, fitFirst, landUseNamer } from '../../project-views/zone-base-layer.ts';
import { corridorWeight, displayLatLng, vehicleColour } from './park-live-ui.ts';

const MIN_ZOOM = 8;
const MAX_ZOOM = 19;
const SIZE = 22;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const fenceStyle: Record<string, L.PathOptions> = {
  boundary: { color: '#1677ff', weight: 2, fill: false, dashArray: '6 4' },
  restricted: { color: '#cf1322', weight: 1.5, fillColor: '#ff4d4f', fillOpacity: 0.18, dashArray: '4 3' },
  speedZone: { color: '#fa8c16', weight: 1.5, fillColor: '#ffd591', fillOpacity: 0.12, dashArray: '2 4' },
  parking: { color: '#389e0d', weight: 2, fillColor: '#95de64', fillOpacity: 0.28 },
  route: { color: '#13c2c2', opacity: 0.45, lineCap: 'butt', lineJoin: 'round' },
};

function vehicleIcon(v: LiveVehicle, selected: boolean): L.DivIcon {
  const colour = vehicleColour(v);
  const course = v.position?.course;
  const arrow =
    course === null || course === undefined
      ? ''
      : `<svg width="${SIZE}" height="${SIZE}" viewBox="0 0 22 22" style="position:absolute;left:0;top:0;transform:rotate(${Math.round(course)}deg)"><path d="M11 0 L15 7 L7 7 Z" fill="#000" fill-opacity=".75"/></svg>`;
  const ring = selected ? 'box-shadow:0 0 0 3px #1677ff;' : 'box-shadow:0 0 0 1px rgba(0,0,0,.4);';
  const border = v.positionOnly ? 'border:2px dashed #fff;' : 'border:2px solid #fff;';
  return L.divIcon({
    className: 'park-vehicle-marker',
    iconSize: [SIZE, SIZE],
    html: `<span data-vehicle-key="${escapeHtml(v.key)}" data-colour="${colour}" data-course="${course ?? ''}" style="position:relative;display:block;width:${SIZE}px;height:${SIZE}px">${arrow}<span style="position:absolute;left:5px;top:5px;width:12px;height:12px;box-sizing:border-box;border-radius:50%;background:${colour};${border}${ring}"></span></span>`,
  });
}

export default function ParkMap({
  crs,
  vehicles,
  geofences,
  parking,
  selectedKey,
  track,
  trackIndex,
  onSelect,
  height = 600,
}: {
  crs: MapCrs;
  vehicles: readonly LiveVehicle[];
  geofences: readonly LiveGeofence[];
  parking: readonly ParkingOccupancy[];
  selectedKey: string | null;
  track: VehicleTrack | null;
  trackIndex: number;
  onSelect: (v: LiveVehicle) => void;
  height?: number;
}) {
  const { t, i18n } = useTranslation();
  const { settled: geoSettled, features, tileUrl } = useZoneLayers();
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef<{ fences: L.FeatureGroup; vehicles: L.LayerGroup; track: L.LayerGroup } | null>(null);
  const markers = useRef(new Map<string, { marker: L.Marker; iconKey: string }>());
  const selectRef = useRef(onSelect);
  const byKey = useRef(new Map<string, LiveVehicle>());
  useEffect(() => {
    selectRef.current = onSelect;
  }, [onSelect]);

  const fitted = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el || !geoSettled) return;
    const map = L.map(el, { attributionControl: false, zoomSnap: 0.25, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM });
    const landUseName = landUseNamer(t);
    const base = addZoneBaseLayer(map, features, { landUseName, enterprises: false, tileUrl });
    fitFirst(map, [base.getBounds().isValid() ? base.getBounds() : null]);
    fitted.current = false;
    L.control.scale({ imperial: false }).addTo(map);
    layers.current = { fences: L.featureGroup().addTo(map), track: L.layerGroup().addTo(map), vehicles: L.layerGroup().addTo(map) };
    mapRef.current = map;
    const m = markers.current;
    return () => {
      mapRef.current = null;
      layers.current = null;
      m.clear();
      map.remove();
    };
  }, [geoSettled, features, tileUrl, t, i18n.language]);

  // geofences (redrawn when they, the occupancy or the zoom change: corridor widths are in metres)
  useEffect(() => {
    const map = mapRef.current;
    const l = layers.current;
    if (!map || !l) return;
    const occupancy = new Map(parking.map((p) => [p.geofenceId, p]));
    const draw = () => {
      l.fences.clearLayers();
      const zoom = map.getZoom();
      for (const g of geofences) {
        const style = fenceStyle[g.kind] ?? fenceStyle.boundary!;
        let layer: L.Path;
        if (g.geometry.type === 'LineString') {
          const latlngs = g.geometry.coordinates.map(([lon, lat]) => displayLatLng(crs, lat!, lon!));
          const lat = latlngs[0]?.[0] ?? 0;
          layer = L.polyline(latlngs, { ...style, weight: corridorWeight(g.widthM, lat, zoom) });
        } else {
          const rings = g.geometry.coordinates.map((ring) => ring.map(([lon, lat]) => displayLatLng(crs, lat!, lon!)));
          layer = L.polygon(rings, style);
        }
        const occ = occupancy.get(g.id);
        const tip =
          g.kind === 'parking' && occ
            ? t('parkLive.map.parkingTip', { name: g.name, occupied: occ.occupied, capacity: occ.capacity ?? '—' })
            : g.kind === 'route' && g.widthM
              ? t('parkLive.map.routeTip', { name: g.name, width: g.widthM })
              : `${t(`parkLive.fence.${g.kind}`, { defaultValue: g.kind })} · ${g.name}`;
        layer.bindTooltip(escapeHtml(tip), { sticky: true });
        layer.addTo(l.fences);
      }
      ref.current?.setAttribute('data-geofence-count', String(geofences.length));
      if (!fitted.current && l.fences.getLayers().length) {
        const b = l.fences.getBounds();
        if (b.isValid()) map.fitBounds(b, { padding: [16, 16] });
        fitted.current = true;
      }
    };
    draw();
    map.on('zoomend', draw);
    return () => {
      map.off('zoomend', draw);
    };
  }, [geofences, parking, crs, t, geoSettled, features, tileUrl, i18n.language]);

  // vehicles: added, moved, re-iconed or removed in place
  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    const seen = new Set<string>();
    byKey.current = new Map(vehicles.map((v) => [v.key, v]));
    for (const v of vehicles) {
      if (!v.position) continue;
      seen.add(v.key);
      const latlng = displayLatLng(crs, v.position.lat, v.position.lon);
      const selected = v.key === selectedKey;
      const iconKey = `${vehicleColour(v)}|${v.position.course ?? ''}|${selected}|${v.positionOnly}`;
      const speed = v.position.speedKmh === null ? '—' : formatNumber(v.position.speedKmh, 1);
      const tip = escapeHtml(
        t('parkLive.map.vehicleTip', {
          plate: v.plate ?? t('parkLive.unknownPlate'),
          speed,
          classes: v.hazmatClasses.length ? v.hazmatClasses.map((cls) => t('parkLive.classTag', { cls })).join(', ') : t('parkLive.noHazmat'),
        }),
      );
      const had = markers.current.get(v.key);
      if (!had) {
        const marker = L.marker(latlng, { icon: vehicleIcon(v, selected), riseOnHover: true, zIndexOffset: selected ? 2000 : 0 });
        const key = v.key;
        marker.on('click', () => {
          const cur = byKey.current.get(key);
          if (cur) selectRef.current(cur);
        });
        marker.bindTooltip(tip, { direction: 'top' });
        marker.addTo(l.vehicles);
        markers.current.set(v.key, { marker, iconKey });
      } else {
        had.marker.setLatLng(latlng);
        if (had.iconKey !== iconKey) {
          had.marker.setIcon(vehicleIcon(v, selected));
          had.marker.setZIndexOffset(selected ? 2000 : 0);
          had.iconKey = iconKey;
        }
        had.marker.setTooltipContent(tip);
      }
    }
    for (const [key, m] of markers.current) {
      if (seen.has(key)) continue;
      m.marker.remove();
      markers.current.delete(key);
    }
    ref.current?.setAttribute('data-vehicle-count', String(seen.size));
  }, [vehicles, selectedKey, crs, t, geoSettled, features, tileUrl, i18n.language]);

  // the selected vehicle's track and the playback position
  const trackLine = useMemo(() => (track ? track.points.map(([, lat, lon]) => displayLatLng(crs, lat, lon)) : []), [track, crs]);
  useEffect(() => {
    const map = mapRef.current;
    const l = layers.current;
    if (!map || !l) return;
    l.track.clearLayers();
    if (trackLine.length < 1) return;
    const line = L.polyline(trackLine, { color: '#722ed1', weight: 3, opacity: 0.8 }).addTo(l.track);
    map.fitBounds(line.getBounds(), { padding: [24, 24], maxZoom: 17 });
  }, [trackLine, geoSettled, features, tileUrl, i18n.language]);
  const cursorRef = useRef<L.CircleMarker | null>(null);
  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    cursorRef.current?.remove();
    cursorRef.current = null;
    const at = trackLine[Math.min(trackIndex, trackLine.length - 1)];
    if (!at) return;
    cursorRef.current = L.circleMarker(at, { radius: 7, color: '#fff', weight: 2, fillColor: '#722ed1', fillOpacity: 1 }).addTo(l.track);
  }, [trackLine, trackIndex, geoSettled, features, tileUrl, i18n.language]);

  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} data-testid="park-map" style={{ height, borderRadius: 4 }} />
      {!geoSettled && <Spin style={{ position: 'absolute', left: '50%', top: '50%' }} />}
    </div>
  );
}
