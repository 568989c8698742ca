// The big screen's zone map: the bundled vector base layer (a tile URL only when configured), darkened by a CSS
// filter on its pane; the located projects as dots coloured by light (one canvas, markers kept by id and restyled);
// open alarms as flashing rings (kept by key, moved and re-iconed in place); the park's vehicles moving as positions
// arrive (one marker per vehicle, moved with setLatLng, removed when the vehicle leaves). Nothing is re-created while
// the page runs except what changed. Loaded lazily: Leaflet needs a browser.
//
// For the browser test and the benchmark: the container's data-project-count, data-alarm-count and
// data-vehicle-count once drawn; each vehicle marker's data-vehicle-key and data-latlng, each alarm's data-alarm-key.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './screen-map.css';
import type { AlarmLevel, Light, MapCrs } from '@zoneops/shared';
import { screenLightColours } from '../../charts/screen-lights.ts';
import { screenLevelColours } from '../../charts/screen-alarms.ts';
import { displayLatLng } from '../park/live/park-live-ui.ts';
import type { MapPoint } from '../project-views/types.ts';
import { useZoneLayers } from '../project-views/use-zone-layers.ts';
import { addZoneBaseLayer, fitFirst, landUseNamer } from '../project-views/zone-base-layer.ts';
import type { VehicleSpots } from './screen-ui.ts';

export interface AlarmSpot {
  key: string;
  lat: number;
  lng: number;
  level: AlarmLevel;
  label: string;
}

const VEHICLE_SIZE = 12;
const VEHICLE_DEFAULT = '#36cfc9';

/** Icons shared by every marker of the same look (a bounded set: one per colour or level). */
function iconCache<K extends string>(make: (k: K) => L.DivIcon) {
  const icons = new Map<K, L.DivIcon>();
  return (k: K) => {
    let icon = icons.get(k);
    if (!icon) {
      icon = make(k);
      icons.set(k, icon);
    }
    return icon;
  };
}

export default function ScreenMap({
  projects,
  alarms,
  vehicles,
  crs,
}: {
  projects: readonly MapPoint[] | undefined;
  alarms: readonly AlarmSpot[];
  vehicles: VehicleSpots;
  crs: MapCrs;
}) {
  const { t } = useTranslation();
  const { settled: geoSettled, features, tileUrl } = useZoneLayers();
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef<{ projects: L.LayerGroup; alarms: L.LayerGroup; vehicles: L.LayerGroup; renderer: L.Canvas } | null>(null);

  // the map and its base layer, once the layers (or their failure) arrived
  useEffect(() => {
    const el = ref.current;
    if (!el || !geoSettled) return;
    const map = L.map(el, {
      attributionControl: false,
      zoomControl: false,
      dragging: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      keyboard: false,
      touchZoom: false,
      zoomSnap: 0.25,
      fadeAnimation: false,
    });
    const landUseName = landUseNamer(t);
    const base = addZoneBaseLayer(map, features, { landUseName, tooltips: false, enterprises: false, tileUrl });
    fitFirst(map, [base.getBounds().isValid() ? base.getBounds() : null], [8, 8]);
    map.createPane('screenProjects').style.zIndex = '450';
    map.createPane('screenAlarms').style.zIndex = '620';
    map.createPane('screenVehicles').style.zIndex = '640';
    const renderer = L.canvas({ pane: 'screenProjects', padding: 0.1 });
    layers.current = {
      projects: L.layerGroup().addTo(map),
      alarms: L.layerGroup().addTo(map),
      vehicles: L.layerGroup().addTo(map),
      renderer,
    };
    mapRef.current = map;
    return () => {
      layers.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, [geoSettled, features, tileUrl, t]);

  // projects: one circle per project, restyled when its light changes
  const projectMarkers = useRef(new Map<string, { marker: L.CircleMarker; light: Light }>());
  useEffect(() => {
    const l = layers.current;
    const el = ref.current;
    if (!l || !el || !projects) return;
    const markers = projectMarkers.current;
    const seen = new Set<string>();
    for (const [id, , lng, lat, light] of projects) {
      seen.add(id);
      const had = markers.get(id);
      if (!had) {
        const marker = L.circleMarker([lat, lng], {
          renderer: l.renderer,
          pane: 'screenProjects',
          radius: 3.5,
          weight: 1,
          color: 'rgba(255,255,255,0.85)',
          fillColor: screenLightColours[light],
          fillOpacity: 0.95,
          interactive: false,
        }).addTo(l.projects);
        markers.set(id, { marker, light });
      } else {
        had.marker.setLatLng([lat, lng]);
        if (had.light !== light) {
          had.marker.setStyle({ fillColor: screenLightColours[light] });
          had.light = light;
        }
      }
    }
    for (const [id, m] of markers) {
      if (seen.has(id)) continue;
      m.marker.remove();
      markers.delete(id);
    }
    el.setAttribute('data-project-count', String(markers.size));
    return undefined;
  }, [projects, geoSettled, features, tileUrl, t]);
  // a new map starts without markers
  useEffect(() => () => projectMarkers.current.clear(), [geoSettled, features, tileUrl, t]);

  // alarms: flashing rings by level, kept by key
  const alarmMarkers = useRef(new Map<string, { marker: L.Marker; level: AlarmLevel; label: string }>());
  const alarmIcon = useMemo(
    () =>
      iconCache<AlarmLevel>((level) =>
        L.divIcon({
          className: 'screen-alarm-marker',
          iconSize: [28, 28],
          html: `<span class="screen-alarm-ring" style="--c:${screenLevelColours[level]}"></span><span class="screen-alarm-dot" style="background:${screenLevelColours[level]}"></span>`,
        }),
      ),
    [],
  );
  useEffect(() => {
    const l = layers.current;
    const el = ref.current;
    if (!l || !el) return;
    const markers = alarmMarkers.current;
    const seen = new Set<string>();
    for (const a of alarms) {
      seen.add(a.key);
      const had = markers.get(a.key);
      if (!had) {
        const marker = L.marker([a.lat, a.lng], { icon: alarmIcon(a.level), pane: 'screenAlarms', interactive: false, keyboard: false }).addTo(l.alarms);
        marker.getElement()?.setAttribute('data-alarm-key', a.key);
        marker.getElement()?.setAttribute('title', a.label);
        markers.set(a.key, { marker, level: a.level, label: a.label });
      } else {
        had.marker.setLatLng([a.lat, a.lng]);
        if (had.level !== a.level) {
          had.marker.setIcon(alarmIcon(a.level));
          had.marker.getElement()?.setAttribute('data-alarm-key', a.key);
          had.level = a.level;
        }
      }
    }
    for (const [key, m] of markers) {
      if (seen.has(key)) continue;
      m.marker.remove();
      markers.delete(key);
    }
    el.setAttribute('data-alarm-count', String(markers.size));
  }, [alarms, alarmIcon, geoSettled, features, tileUrl, t]);
  useEffect(() => () => alarmMarkers.current.clear(), [geoSettled, features, tileUrl, t]);

  // vehicles: moved in place as the spots change (no React render per position)
  const vehicleIcon = useMemo(
    () =>
      iconCache<string>((colour) =>
        L.divIcon({
          className: 'screen-vehicle-marker',
          iconSize: [VEHICLE_SIZE, VEHICLE_SIZE],
          html: `<span style="background:${colour};box-shadow:0 0 8px 2px ${colour}"></span>`,
        }),
      ),
    [],
  );
  useEffect(() => {
    const l = layers.current;
    const el = ref.current;
    if (!l || !el) return;
    const markers = new Map<string, { marker: L.Marker; colour: string }>();
    const sync = (changed: readonly string[], removed: readonly string[]) => {
      for (const key of changed) {
        const s = vehicles.spots.get(key);
        if (!s) continue;
        const latlng = displayLatLng(crs, s.lat, s.lon);
        const colour = s.colour ?? VEHICLE_DEFAULT;
        const had = markers.get(key);
        if (!had) {
          const marker = L.marker(latlng, { icon: vehicleIcon(colour), pane: 'screenVehicles', interactive: false, keyboard: false }).addTo(l.vehicles);
          marker.getElement()?.setAttribute('data-vehicle-key', key);
          markers.set(key, { marker, colour });
        } else {
          had.marker.setLatLng(latlng);
          if (had.colour !== colour) {
            had.marker.setIcon(vehicleIcon(colour));
            had.marker.getElement()?.setAttribute('data-vehicle-key', key);
            had.colour = colour;
          }
        }
        markers
          .get(key)!
          .marker.getElement()
          ?.setAttribute('data-latlng', `${s.lat.toFixed(6)},${s.lon.toFixed(6)}`);
      }
      for (const key of removed) {
        markers.get(key)?.marker.remove();
        markers.delete(key);
      }
      el.setAttribute('data-vehicle-count', String(markers.size));
    };
    sync([...vehicles.spots.keys()], []);
    const off = vehicles.subscribe(sync);
    return () => {
      off();
      for (const m of markers.values()) m.marker.remove();
      markers.clear();
    };
  }, [vehicles, crs, vehicleIcon, geoSettled, features, tileUrl, t]);

  return <div ref={ref} className="screen-map" data-testid="screen-map" />;
}
