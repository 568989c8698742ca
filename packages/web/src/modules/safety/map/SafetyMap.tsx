// The map of the live safety page: the zone's bundled base layer, the enterprises under monitoring as markers in the
// colour of their worst open alarm (red / orange / yellow / blue, green when none) with the number of open alarms,
// and, once zoomed in, their monitoring points (clustered, a cluster in the colour of the worst point inside). A new
// or worsened alarm makes its enterprise's and point's markers flash. Loaded lazily: Leaflet needs a browser.
//
// For the browser test: the container's data-enterprise-count / data-point-count once drawn; each enterprise
// marker's data-enterprise-id and data-level, each point marker's data-point-id and data-level, and data-flash="true"
// on a marker while it flashes.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { Spin } from 'antd';
import { formatNumber } from '../../../app/format.ts';
import { useZoneLayers } from '../../project-views/use-zone-layers.ts';
import { addZoneBaseLayer, fitFirst, landUseNamer } from '../../project-views/zone-base-layer.ts';
import { levelColours, worstOf, type LevelOrNone, type LiveEvent } from './safety-map-ui.ts';
import type { AlarmLevel, SafetyMap as SafetyMapData } from './types.ts';

type MapPoint = SafetyMapData['points'][number];
type MapEnterprise = SafetyMapData['enterprises'][number];

interface PointMarkerOptions extends L.MarkerOptions {
  pointId: string;
  level: AlarmLevel | null;
}

const MIN_ZOOM = 8;
const MAX_ZOOM = 19;
/** Points are drawn from this zoom on (a plant's scale). */
export const POINT_ZOOM = 15;
const FLASH_MS = 6_000;
const POINT_SIZE = 12;

/** Tooltip contents are HTML to Leaflet: names typed by people are escaped. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function enterpriseIcon(e: MapEnterprise): L.DivIcon {
  const level: LevelOrNone = e.level ?? 'none';
  const d = e.openAlarms ? 26 : 18;
  const text = e.openAlarms ? String(Math.min(e.openAlarms, 99)) : '';
  return L.divIcon({
    className: 'safety-marker',
    iconSize: [d, d],
    html: `<span data-enterprise-id="${e.id}" data-level="${level}" style="display:flex;align-items:center;justify-content:center;width:${d}px;height:${d}px;box-sizing:border-box;border-radius:50%;background:${levelColours[level]};border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.35);color:${level === 'yellow' ? '#000' : '#fff'};font:600 11px/1 sans-serif">${text}</span>`,
  });
}

/** One icon per level, shared by all point markers. */
function pointIcons(): Record<LevelOrNone, L.DivIcon> {
  const icon = (level: LevelOrNone) =>
    L.divIcon({
      className: 'safety-marker safety-point',
      iconSize: [POINT_SIZE, POINT_SIZE],
      html: `<span data-level="${level}" style="display:block;width:${POINT_SIZE}px;height:${POINT_SIZE}px;box-sizing:border-box;border-radius:2px;transform:rotate(45deg);background:${levelColours[level]};border:1.5px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.35)"></span>`,
    });
  return { red: icon('red'), orange: icon('orange'), yellow: icon('yellow'), blue: icon('blue'), none: icon('none') };
}

function clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const count = cluster.getChildCount();
  const level: LevelOrNone = worstOf(cluster.getAllChildMarkers().map((m) => (m.options as PointMarkerOptions).level)) ?? 'none';
  const d = count < 10 ? 28 : count < 100 ? 34 : 40;
  const colour = levelColours[level];
  return L.divIcon({
    className: 'safety-cluster',
    iconSize: [d, d],
    html: `<div data-level="${level}" style="width:${d}px;height:${d}px;box-sizing:border-box;border-radius:50%;background:${colour}40;padding:4px"><div style="width:100%;height:100%;border-radius:50%;background:${colour};color:${level === 'yellow' ? '#000' : '#fff'};font:600 11px/1 sans-serif;display:flex;align-items:center;justify-content:center">${count}</div></div>`,
  });
}

/** Restarts the flash animation on a marker's element. */
function flashElement(el: HTMLElement | undefined): void {
  if (!el) return;
  el.classList.remove('safety-flash');
  void el.offsetWidth;
  el.classList.add('safety-flash');
  el.setAttribute('data-flash', 'true');
}
function unflashElement(el: HTMLElement | undefined): void {
  el?.classList.remove('safety-flash');
  el?.removeAttribute('data-flash');
}

export default function SafetyMap({
  data,
  flashes,
  onOpenPoint,
  height = 600,
}: {
  data: SafetyMapData | null;
  flashes: readonly LiveEvent[];
  onOpenPoint: (pointId: string) => void;
  height?: number;
}) {
  const { t, i18n } = useTranslation();
  const { settled: geoSettled, features, tileUrl } = useZoneLayers();
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layers = useRef<{ enterprises: L.LayerGroup; points: L.MarkerClusterGroup } | null>(null);
  const enterpriseMarkers = useRef(new Map<string, L.Marker>());
  const pointMarkers = useRef(new Map<string, L.Marker>());
  /** marker key ("e:id" / "p:id") → until when it flashes (a point marker shown later starts flashing too) */
  const flashUntil = useRef(new Map<string, number>());
  const lastFlash = useRef(0);
  const fitted = useRef(false);
  const pointsShown = useRef(false);
  const openRef = useRef(onOpenPoint);
  useEffect(() => {
    openRef.current = onOpenPoint;
  }, [onOpenPoint]);

  // the map and its two layers, once the base layer is known
  useEffect(() => {
    const el = ref.current;
    if (!el || !geoSettled) return;
    const map = L.map(el, { attributionControl: false, preferCanvas: true, zoomSnap: 0.25, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM });
    const landUseName = landUseNamer(t);
    const base = addZoneBaseLayer(map, features, { landUseName, enterprises: false, tileUrl });
    fitFirst(map, [base.getBounds().isValid() ? base.getBounds() : null]);
    fitted.current = base.getBounds().isValid();
    L.control.scale({ imperial: false }).addTo(map);
    const enterprises = L.layerGroup().addTo(map);
    const points = L.markerClusterGroup({
      iconCreateFunction: clusterIcon,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      removeOutsideVisibleBounds: true,
      maxClusterRadius: 40,
      disableClusteringAtZoom: 18,
    });
    points.on('click', (e) => {
      const layer = (e.propagatedFrom ?? (e as L.LeafletEvent & { layer?: L.Layer }).layer) as L.Marker | undefined;
      const id = (layer?.options as PointMarkerOptions | undefined)?.pointId;
      if (id) openRef.current(id);
    });
    const showPoints = () => {
      const zoomedIn = map.getZoom() >= POINT_ZOOM;
      if (zoomedIn && !map.hasLayer(points)) {
        points.addTo(map);
        pointsShown.current = true;
      }
      if (!zoomedIn && map.hasLayer(points)) points.remove();
      el.setAttribute('data-points-shown', String(zoomedIn));
    };
    map.on('zoomend', showPoints);
    pointsShown.current = false;
    showPoints();
    mapRef.current = map;
    layers.current = { enterprises, points };
    const eMarkers = enterpriseMarkers.current;
    const pMarkers = pointMarkers.current;
    return () => {
      mapRef.current = null;
      layers.current = null;
      eMarkers.clear();
      pMarkers.clear();
      map.remove();
    };
  }, [geoSettled, features, tileUrl, t, i18n.language]);

  // markers follow the answer: added, moved, recoloured or removed in place
  useEffect(() => {
    const map = mapRef.current;
    const l = layers.current;
    const el = ref.current;
    if (!map || !l || !el || !data) return;
    const tip = (e: MapEnterprise) => escapeHtml(t('safetyLive.map.enterpriseTip', { name: e.name, points: e.points, alarms: e.openAlarms }));
    const seenE = new Set<string>();
    for (const e of data.enterprises) {
      if (e.lng === null || e.lat === null) continue;
      seenE.add(e.id);
      let m = enterpriseMarkers.current.get(e.id);
      if (!m) {
        m = L.marker([e.lat, e.lng], { icon: enterpriseIcon(e), riseOnHover: true, zIndexOffset: 1000 });
        const id = e.id;
        const lat = e.lat;
        const lng = e.lng;
        m.on('click', () => map.setView([lat, lng], Math.max(map.getZoom(), POINT_ZOOM + 1)));
        m.on('add', () => {
          if ((flashUntil.current.get(`e:${id}`) ?? 0) > Date.now()) flashElement(m!.getElement());
        });
        m.bindTooltip(tip(e), { direction: 'top' });
        m.addTo(l.enterprises);
        enterpriseMarkers.current.set(e.id, m);
      } else {
        m.setLatLng([e.lat, e.lng]);
        m.setIcon(enterpriseIcon(e));
        m.setTooltipContent(tip(e));
        if ((flashUntil.current.get(`e:${e.id}`) ?? 0) > Date.now()) flashElement(m.getElement());
      }
    }
    for (const [id, m] of enterpriseMarkers.current) {
      if (!seenE.has(id)) {
        m.remove();
        enterpriseMarkers.current.delete(id);
      }
    }

    const icons = pointIcons();
    const pointTip = (p: MapPoint) =>
      escapeHtml(
        t('safetyLive.map.pointTip', {
          tag: p.tag,
          name: p.name,
          value: p.value === null ? t('safetyLive.map.noValue') : `${formatNumber(p.value, 3)} ${p.unit}`,
        }),
      );
    const seenP = new Set<string>();
    const added: L.Marker[] = [];
    let changed = false;
    for (const p of data.points) {
      if (p.lng === null || p.lat === null) continue;
      seenP.add(p.id);
      const m = pointMarkers.current.get(p.id);
      if (!m) {
        const options: PointMarkerOptions = { icon: icons[p.level ?? 'none'], pointId: p.id, level: p.level, riseOnHover: true };
        const marker = L.marker([p.lat, p.lng], options);
        const id = p.id;
        marker.on('add', () => {
          const node = marker.getElement();
          node?.setAttribute('data-point-id', id);
          if ((flashUntil.current.get(`p:${id}`) ?? 0) > Date.now()) flashElement(node);
        });
        marker.bindTooltip(pointTip(p), { direction: 'top' });
        pointMarkers.current.set(p.id, marker);
        added.push(marker);
      } else {
        const o = m.options as PointMarkerOptions;
        if (o.level !== p.level) {
          o.level = p.level;
          m.setIcon(icons[p.level ?? 'none']);
          changed = true;
        }
        const at = m.getLatLng();
        if (at.lat !== p.lat || at.lng !== p.lng) m.setLatLng([p.lat, p.lng]);
        m.setTooltipContent(pointTip(p));
      }
    }
    const gone: L.Marker[] = [];
    for (const [id, m] of pointMarkers.current) {
      if (!seenP.has(id)) {
        gone.push(m);
        pointMarkers.current.delete(id);
      }
    }
    if (gone.length) l.points.removeLayers(gone);
    if (added.length) l.points.addLayers(added);
    // (a group never shown has no clusters yet: it draws them with the new icons when it is first added)
    if (changed && pointsShown.current) l.points.refreshClusters();

    el.setAttribute('data-enterprise-count', String(seenE.size));
    el.setAttribute('data-point-count', String(seenP.size));
    if (!fitted.current && seenE.size) {
      const b = L.latLngBounds([...enterpriseMarkers.current.values()].map((m) => m.getLatLng()));
      if (b.isValid()) map.fitBounds(b, { padding: [64, 64], maxZoom: 15 });
      fitted.current = true;
    }
  }, [data, geoSettled, features, tileUrl, t, i18n.language]);

  // new or worsened alarms flash their enterprise and point; a sweep after the flash ends takes the marks off
  const sweepTimers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const fresh = flashes.filter((f) => f.seq > lastFlash.current);
    if (!fresh.length) return;
    lastFlash.current = fresh[fresh.length - 1]!.seq;
    const until = Date.now() + FLASH_MS;
    for (const f of fresh) {
      // a park-level closed-park alarm has neither enterprise nor point: nothing on this map flashes for it
      if (f.alarm.enterpriseId) {
        flashUntil.current.set(`e:${f.alarm.enterpriseId}`, until);
        flashElement(enterpriseMarkers.current.get(f.alarm.enterpriseId)?.getElement());
      }
      if (f.alarm.pointId) {
        flashUntil.current.set(`p:${f.alarm.pointId}`, until);
        flashElement(pointMarkers.current.get(f.alarm.pointId)?.getElement());
      }
    }
    const timers = sweepTimers.current;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const now = Date.now();
      for (const [key, u] of flashUntil.current) {
        if (u > now) continue;
        flashUntil.current.delete(key);
        const id = key.slice(2);
        unflashElement((key.startsWith('e:') ? enterpriseMarkers.current : pointMarkers.current).get(id)?.getElement());
      }
    }, FLASH_MS + 50);
    timers.add(timer);
  }, [flashes]);
  useEffect(() => {
    const timers = sweepTimers.current;
    return () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    };
  }, []);

  return (
    <Spin spinning={!geoSettled || !data}>
      <div ref={ref} style={{ height, background: '#eef3f7', borderRadius: 4, position: 'relative', zIndex: 0 }} data-testid="safety-map-canvas" />
    </Spin>
  );
}
