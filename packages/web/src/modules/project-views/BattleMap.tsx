// 作战地图: the zone's bundled base layer with every located project of the selection (GET /api/projects/map) as a
// dot coloured by its light, clustered by leaflet.markercluster (a cluster shows its count in the colour of the worst
// light inside). Loaded lazily: Leaflet needs a browser.
//
// For the browser benchmark: performance marks 'battlemap:data' (the points arrived) and 'battlemap:rendered' (the
// markers are on the map), the measure 'battlemap:render' between them (one per load, the latest last), and the
// attribute data-marker-count on the map container once the markers are drawn. For the browser test: the container's
// data-view ("lat,lng,zoom" of its centre), each shown marker's data-project-id and its dot's data-light.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { Space, Spin, Typography } from 'antd';
import type { Light } from '@zoneops/shared';
import { useApiGet } from '../../app/use-api.ts';
import { ProjectLightDot } from './ProjectLight.tsx';
import type { BattleMap as BattleMapData, MapPoint } from './types.ts';
import { clusterDiameter, countLights, lightOrder, projectLightColours, worstLight, type ViewFilters } from './views-ui.ts';
import { useZoneLayers } from './use-zone-layers.ts';
import { addZoneBaseLayer, fitFirst, landUseNamer } from './zone-base-layer.ts';

interface ProjectMarkerOptions extends L.MarkerOptions {
  projectId: string;
  light: Light;
}

const MARKER_SIZE = 14;
const MIN_ZOOM = 8;
const MAX_ZOOM = 18;

/** One icon per light, shared by all markers (an icon only makes a DOM element when its marker is shown). */
function markerIcons(): Record<Light, L.DivIcon> {
  const icon = (light: Light) =>
    L.divIcon({
      className: 'battle-map-marker',
      iconSize: [MARKER_SIZE, MARKER_SIZE],
      html: `<span data-light="${light}" style="display:block;width:${MARKER_SIZE}px;height:${MARKER_SIZE}px;box-sizing:border-box;border-radius:50%;background:${projectLightColours[light]};border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.35)"></span>`,
    });
  return { red: icon('red'), yellow: icon('yellow'), green: icon('green'), none: icon('none') };
}

/** The icon of a cluster: its count on the colour of the worst light inside; the counts per light as its title. */
function clusterIconOf(lightName: (l: Light) => string) {
  return (cluster: L.MarkerCluster): L.DivIcon => {
    const count = cluster.getChildCount();
    const counts = countLights(cluster.getAllChildMarkers().map((m) => (m.options as ProjectMarkerOptions).light));
    const light = worstLight(lightOrder.filter((l) => counts[l] > 0));
    const title = lightOrder
      .filter((l) => counts[l] > 0)
      .map((l) => `${lightName(l)} ${counts[l]}`)
      .join(' · ');
    const d = clusterDiameter(count);
    const colour = projectLightColours[light];
    return L.divIcon({
      className: `battle-map-cluster battle-map-cluster-${light}`,
      iconSize: [d, d],
      html: `<div title="${title}" style="width:${d}px;height:${d}px;box-sizing:border-box;border-radius:50%;background:${colour}40;padding:4px"><div style="width:100%;height:100%;border-radius:50%;background:${colour};color:#fff;font:600 12px/1 sans-serif;display:flex;align-items:center;justify-content:center;text-shadow:0 0 2px rgba(0,0,0,.4)">${count}</div></div>`,
    });
  };
}

/**
 * Takes a cluster group off the map. While chunkedLoading still adds markers on timers it needs the map: its last
 * chunks are made to do nothing first, so nothing throws after the map or the group is gone.
 */
function disposeClusterGroup(group: L.MarkerClusterGroup, loaded: boolean): void {
  if (!loaded) {
    const g = group as unknown as {
      _addLayer: () => void;
      _refreshClustersIcons: () => void;
      _topClusterLevel?: { _recursivelyAddChildrenToMap: () => void; _recalculateBounds: () => void };
    };
    g._addLayer = () => undefined;
    g._refreshClustersIcons = () => undefined;
    if (g._topClusterLevel) {
      g._topClusterLevel._recursivelyAddChildrenToMap = () => undefined;
      g._topClusterLevel._recalculateBounds = () => undefined;
    }
  }
  group.remove();
}

export default function BattleMap({ filters, onOpen, height = 560 }: { filters: ViewFilters; onOpen: (projectId: string) => void; height?: number }) {
  const { t, i18n } = useTranslation();
  const { settled: geoSettled, features, tileUrl } = useZoneLayers();
  const { data, loading } = useApiGet<BattleMapData>('/api/projects/map', filters);
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const baseBounds = useRef<L.LatLngBounds | null>(null);
  const fitted = useRef(false);
  const openRef = useRef(onOpen);
  useEffect(() => {
    openRef.current = onOpen;
  }, [onOpen]);

  // the base layer, once: the map waits for the layers (or their failure) so it is drawn and fitted once
  useEffect(() => {
    const el = ref.current;
    if (!el || !geoSettled) return;
    // clustering needs a maximum zoom (the base layer is vector: no tile layer sets one); it builds one level per zoom,
    // so a minimum at the scale of a city keeps 10,000 points fast
    const map = L.map(el, { attributionControl: false, preferCanvas: true, zoomSnap: 0.25, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM });
    const landUseName = landUseNamer(t);
    const base = addZoneBaseLayer(map, features, { landUseName, enterprises: false, tileUrl });
    baseBounds.current = base.getBounds().isValid() ? base.getBounds() : null;
    fitFirst(map, [baseBounds.current]);
    const showView = () => {
      const c = map.getCenter();
      el.setAttribute('data-view', `${c.lat},${c.lng},${map.getZoom()}`);
    };
    showView();
    map.on('moveend', showView);
    L.control.scale({ imperial: false }).addTo(map);
    mapRef.current = map;
    fitted.current = !!baseBounds.current;
    return () => {
      mapRef.current = null;
      map.remove();
    };
    // the language changes the base layer's tooltips, so the map is rebuilt with it
  }, [geoSettled, features, tileUrl, t, i18n.language]);

  // the projects: a new cluster group for each answer (and for each new map: the same dependencies as above)
  const points = data?.points;
  useEffect(() => {
    const map = mapRef.current;
    const el = ref.current;
    if (!map || !el || !points) return;
    performance.mark('battlemap:data');
    el.removeAttribute('data-marker-count');
    let loaded = false;
    let live = true;
    const rendered = () => {
      if (loaded) return;
      loaded = true;
      requestAnimationFrame(() => {
        if (!live) return;
        performance.mark('battlemap:rendered');
        try {
          performance.measure('battlemap:render', 'battlemap:data', 'battlemap:rendered');
        } catch {
          // marks cleared by someone else: nothing to measure
        }
        el.setAttribute('data-marker-count', String(points.length));
        if (!fitted.current && points.length) {
          const b = group.getBounds();
          if (b.isValid()) map.fitBounds(b, { padding: [24, 24], maxZoom: 15 });
          fitted.current = true;
        }
      });
    };
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkDelay: 10,
      // (adding the empty group to the map reports 0 of 0 first: not the markers)
      chunkProgress: (processed, total) => {
        if (total > 0 && processed >= total) rendered();
      },
      iconCreateFunction: clusterIconOf((l) => t(`projectViews.light.${l}`)),
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      removeOutsideVisibleBounds: true,
      maxClusterRadius: 60,
    });
    const icons = markerIcons();
    const markers = points.map(([id, name, lng, lat, light]: MapPoint) => {
      const options: ProjectMarkerOptions = { icon: icons[light], title: name, projectId: id, light, riseOnHover: true };
      const marker = L.marker([lat, lng], options);
      // (the cluster group makes a new element each time the marker is shown)
      marker.on('add', () => marker.getElement()?.setAttribute('data-project-id', id));
      return marker;
    });
    group.on('click', (e) => {
      const layer = (e.propagatedFrom ?? (e as L.LeafletEvent & { layer?: L.Layer }).layer) as L.Marker | undefined;
      const id = (layer?.options as ProjectMarkerOptions | undefined)?.projectId;
      if (id) openRef.current(id);
    });
    group.addTo(map);
    if (markers.length) group.addLayers(markers);
    else rendered();
    return () => {
      live = false;
      disposeClusterGroup(group, loaded);
    };
  }, [points, geoSettled, features, t, i18n.language]);

  const counts = useMemo(() => countLights((points ?? []).map((p) => p[4])), [points]);

  return (
    <div>
      <Spin spinning={loading || !geoSettled}>
        <div ref={ref} style={{ height, background: '#eef3f7', borderRadius: 4, position: 'relative', zIndex: 0 }} data-testid="battle-map" />
      </Spin>
      <Space wrap size={[16, 4]} style={{ marginTop: 8 }} data-testid="battle-map-legend">
        {lightOrder.map((l) => (
          <Space key={l} size={6}>
            <ProjectLightDot light={l} />
            <Typography.Text>
              {t(`projectViews.light.${l}`)} <Typography.Text strong>{counts[l]}</Typography.Text>
            </Typography.Text>
          </Space>
        ))}
        <Typography.Text type="secondary">{t('projectViews.map.located', { count: points?.length ?? 0 })}</Typography.Text>
        {!!data?.unlocated && <Typography.Text type="secondary">{t('projectViews.map.unlocated', { count: data.unlocated })}</Typography.Text>}
      </Space>
    </div>
  );
}
