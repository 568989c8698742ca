// 车辆一张图 (/park): the live vehicle page of closed-park management (issue 8). The park map with its geofences and
// the vehicles in the park (colour by hazmat class, arrow by course, speed in the tooltip) moving as positions arrive
// over the WebSocket (use-park-live.ts); counts of vehicles by category and class, people in the park and hazmat
// parking occupancy; the open closed-park alarms (new ones flash; acknowledge and handle as on the safety page); a
// vehicle's card and its track playback in a drawer. The snapshot is read again after a reconnect and, a few seconds
// after live changes, to settle what only the server knows (occupancy, appointments of new arrivals).
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Col, Row, Space, Spin, Typography } from 'antd';
import type { AlarmSummary, LiveVehicle, ParkLiveSnapshot, VehicleTrack } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { AlarmList } from '../safety/map/AlarmList.tsx';
import '../safety/map/safety-map.css';
import { ParkHeader } from './live/ParkHeader.tsx';
import { applyAlarm, applyPositions, hazmatColour, NON_HAZMAT_COLOUR, UNKNOWN_COLOUR } from './live/park-live-ui.ts';
import { useParkLive } from './live/use-park-live.ts';
import { VehicleDrawer } from './live/VehicleDrawer.tsx';

const ParkMap = lazy(() => import('./live/ParkMap.tsx'));

const MAP_HEIGHT = 620;
const FLASH_MS = 6_000;
const SETTLE_MS = 3_000;

export const emptySnapshot: ParkLiveSnapshot = {
  at: new Date(0).toISOString(),
  mapCrs: 'wgs84',
  vehicles: [],
  counts: { vehicles: 0, byCategory: {}, byHazmatClass: {}, people: 0 },
  parking: [],
  alarms: [],
  geofences: [],
};

/** The legend of marker colours. */
export function ParkLegend() {
  const { t } = useTranslation();
  const items: [string, string][] = [
    [hazmatColour(['1']), t('parkLive.classTag', { cls: '1' })],
    [hazmatColour(['2.1']), t('parkLive.classTag', { cls: '2.1' })],
    [hazmatColour(['2.2']), t('parkLive.classTag', { cls: '2.2' })],
    [hazmatColour(['2.3']), t('parkLive.classTag', { cls: '2.3' })],
    [hazmatColour(['3']), t('parkLive.classTag', { cls: '3' })],
    [hazmatColour(['5.1']), t('parkLive.classTag', { cls: '5' })],
    [hazmatColour(['6.1']), t('parkLive.classTag', { cls: '6' })],
    [hazmatColour(['8']), t('parkLive.classTag', { cls: '8' })],
    [NON_HAZMAT_COLOUR, t('parkLive.noHazmat')],
    [UNKNOWN_COLOUR, t('parkLive.unregistered')],
  ];
  return (
    <Space size={[12, 4]} wrap data-testid="park-legend" style={{ marginTop: 8 }}>
      {items.map(([c, label]) => (
        <Space key={label} size={4}>
          <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: '50%', background: c }} />
          <Typography.Text type="secondary">{label}</Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

export default function VehicleMapPage({ initial }: { initial?: ParkLiveSnapshot } = {}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const report = useReportError();
  const [snap, setSnap] = useState<ParkLiveSnapshot>(initial ?? emptySnapshot);
  const [loading, setLoading] = useState(!initial);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [track, setTrack] = useState<VehicleTrack | null>(null);
  const [trackIndex, setTrackIndex] = useState(0);

  const loadingRef = useRef(false);
  const reload = useCallback(async () => {
    if (loadingRef.current) return;
    loadingRef.current = true;
    try {
      const next = await api.get<ParkLiveSnapshot>('/api/park/live');
      setSnap(next);
    } catch (err) {
      report(err);
    } finally {
      loadingRef.current = false;
      setLoading(false);
    }
  }, [report]);
  useEffect(() => {
    const timer = setTimeout(() => void reload(), 0);
    return () => clearTimeout(timer);
  }, [reload]);

  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scheduleReload = useCallback(() => {
    clearTimeout(settle.current);
    settle.current = setTimeout(() => void reload(), SETTLE_MS);
  }, [reload]);
  useEffect(() => () => clearTimeout(settle.current), []);

  const flash = useCallback((id: string) => {
    setFresh((prev) => new Set(prev).add(id));
    setTimeout(() => {
      setFresh((prev) => {
        const next = new Set(prev);
        next.delete(id);
        return next;
      });
    }, FLASH_MS);
  }, []);

  const onAlarm = useCallback(
    (change: string, alarm: AlarmSummary) => {
      setSnap((s) => ({ ...s, alarms: applyAlarm(s.alarms, alarm) }));
      if (change === 'raised' || change === 'levelChanged' || change === 'returned') flash(alarm.id);
    },
    [flash],
  );

  const { state } = useParkLive({
    onPositions: (positions) => {
      setSnap((s) => {
        const vehicles = applyPositions(s.vehicles, positions);
        if (vehicles.length !== s.vehicles.length) scheduleReload(); // a vehicle the page did not know
        return { ...s, vehicles };
      });
    },
    onAlarm,
    onCounts: (counts) => {
      setSnap((s) => ({ ...s, counts }));
      scheduleReload();
    },
    onOpen: (reconnected) => {
      if (reconnected) void reload();
    },
  });

  const selected = useMemo(() => snap.vehicles.find((v) => v.key === selectedKey) ?? null, [snap.vehicles, selectedKey]);
  const select = useCallback((v: LiveVehicle) => {
    setSelectedKey(v.key);
    setTrack(null);
    setTrackIndex(0);
  }, []);
  const close = useCallback(() => {
    setSelectedKey(null);
    setTrack(null);
    setTrackIndex(0);
  }, []);
  const onAlarmOpen = useCallback(
    (a: AlarmSummary) => {
      const v = snap.vehicles.find((x) => x.plate !== null && x.plate === a.plate);
      if (v) select(v);
    },
    [snap.vehicles, select],
  );
  const onChanged = useCallback((change: string, alarm: AlarmSummary) => onAlarm(change, alarm), [onAlarm]);

  return (
    <Card title={t('parkLive.title')} data-testid="park-live-page">
      <ParkHeader counts={snap.counts} parking={snap.parking} state={state} />
      <Row gutter={12}>
        <Col xs={24} lg={17}>
          <Suspense fallback={<div data-testid="park-map" style={{ height: MAP_HEIGHT }} />}>
            {typeof window === 'undefined' ? (
              <div data-testid="park-map" style={{ height: MAP_HEIGHT }} />
            ) : (
              <ParkMap
                crs={snap.mapCrs}
                vehicles={snap.vehicles}
                geofences={snap.geofences}
                parking={snap.parking}
                selectedKey={selectedKey}
                track={track}
                trackIndex={trackIndex}
                onSelect={select}
                height={MAP_HEIGHT}
              />
            )}
          </Suspense>
          <ParkLegend />
          {loading && <Spin style={{ marginTop: 8 }} />}
        </Col>
        <Col xs={24} lg={7}>
          <AlarmList
            alarms={snap.alarms}
            total={snap.alarms.length}
            freshIds={fresh}
            canHandle={can('safety.handle')}
            height={MAP_HEIGHT}
            onOpen={onAlarmOpen}
            onChanged={onChanged}
          />
        </Col>
      </Row>
      <VehicleDrawer vehicle={selected} track={track} index={trackIndex} onTrack={setTrack} onIndex={setTrackIndex} onClose={close} />
    </Card>
  );
}
