// The zone's own vector base layer (boundary, plots, roads, rivers, enterprises): no tile server needed,
// so the map works on the government extranet without internet (DOMAIN §13).
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { Card, Empty, Space, Spin, Typography } from 'antd';
import type { GeoLayers } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';
import { addZoneBaseLayer, fitFirst, landUseNamer } from '../project-views/zone-base-layer.ts';
import { enterpriseMarkerStyle, landUseColour, landUsesPresent } from './zone-map-style.ts';

function Swatch({ colour, line = false }: { colour: string; line?: boolean }) {
  return (
    <span
      style={{
        display: 'inline-block',
        width: 14,
        height: line ? 3 : 10,
        background: colour,
        border: line ? undefined : '1px solid #8c8c8c',
        verticalAlign: 'middle',
        marginInlineEnd: 4,
      }}
    />
  );
}

export default function ZoneMap() {
  const { t, i18n } = useTranslation();
  const { data, loading } = useApiGet<GeoLayers>('/api/geo/layers');
  const ref = useRef<HTMLDivElement>(null);
  const features = useMemo(() => data?.features ?? [], [data]);
  const tileUrl = data?.tileUrl ?? null;

  useEffect(() => {
    const el = ref.current;
    if (!el || features.length === 0) return;
    const map = L.map(el, { attributionControl: false, preferCanvas: true, zoomSnap: 0.25 });
    const landUseName = landUseNamer(t);
    const base = addZoneBaseLayer(map, features, { landUseName, tileUrl });
    fitFirst(map, [base.getBounds()]);
    L.control.scale({ imperial: false }).addTo(map);
    return () => {
      map.remove();
    };
    // the language changes tooltip texts, so the layers are rebuilt with it
  }, [features, tileUrl, t, i18n.language]);

  const landUses = useMemo(() => landUsesPresent(features), [features]);

  return (
    <Card title={t('workbench.map')} size="small">
      <Spin spinning={loading}>
        {features.length === 0 && !loading ? (
          <Empty description={t('workbench.mapEmpty')} />
        ) : (
          <div ref={ref} style={{ height: 420, background: '#eef3f7', borderRadius: 4 }} data-testid="zone-map" />
        )}
      </Spin>
      <Space wrap size={[12, 4]} style={{ marginTop: 8, fontSize: 12 }}>
        <Typography.Text style={{ fontSize: 12 }}>
          <Swatch colour="#c0392b" line /> {t('geo.boundary')}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 12 }}>
          <Swatch colour="#9a9a9a" line /> {t('geo.road')}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 12 }}>
          <Swatch colour="#4a90d9" line /> {t('geo.river')}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 12 }}>
          <Swatch colour={enterpriseMarkerStyle.fillColor ?? '#1b4d89'} /> {t('geo.enterprise')}
        </Typography.Text>
        {landUses.map((u) => (
          <Typography.Text key={u} style={{ fontSize: 12 }}>
            <Swatch colour={landUseColour(u)} /> {t(`geo.landUse.${u}`, { defaultValue: u })}
          </Typography.Text>
        ))}
      </Space>
    </Card>
  );
}
