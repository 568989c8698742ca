// 安全监测一张图 (/safety): the zone map with the enterprises under monitoring and their points in the colour of their
// worst open alarm, the open alarms per level, the list of open alarms with acknowledge and handle, and a point's
// detail with its trend. Alarm changes arrive over the WebSocket (use-safety-live.ts) and apply at once, without a
// reload; the map and the list are read again shortly after changes (and after a reconnect) to settle what only the
// server knows, such as the next worst alarm of a point whose alarm closed. A closed-park alarm (a vehicle or a gate,
// issue 8) is listed too; it has no point, so a click on it opens its detail on the alarm page.
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Badge, Card, Col, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { alarmLink } from './alarms/alarm-ui.ts';
import { AlarmList } from './map/AlarmList.tsx';
import { PointDrawer } from './map/PointDrawer.tsx';
import { initialLiveView, levelColours, levelOrder, liveReducer } from './map/safety-map-ui.ts';
import type { AlarmSummary, LevelCounts, OpenAlarmList, SafetyMap } from './map/types.ts';
import { useSafetyLive, type LiveState } from './use-safety-live.ts';
import './map/safety-map.css';

const SafetyMapView = lazy(() => import('./map/SafetyMap.tsx'));

const MAP_HEIGHT = 620;
/** A reload after changes waits for this much quiet, and never longer than the second figure after the first change. */
const SETTLE_MS = 1_500;
const SETTLE_MAX_MS = 10_000;

const stateBadge: Record<LiveState, 'success' | 'processing' | 'warning' | 'error'> = {
  open: 'success',
  connecting: 'processing',
  reconnecting: 'warning',
  closed: 'error',
};

/** The open alarms per level and the state of the live connection. */
export function LiveHeader({ counts, state, enterprises, points }: { counts: LevelCounts; state: LiveState; enterprises: number; points: number }) {
  const { t } = useTranslation();
  const total = levelOrder.reduce((n, l) => n + counts[l], 0);
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap data-testid="safety-header">
      <Space size={[12, 4]} wrap>
        <Typography.Text strong>{t('safetyLive.counts.title')}</Typography.Text>
        {levelOrder.map((l) => (
          <Tooltip key={l} title={t(`safetyLive.level.${l}`)}>
            <Space size={4} data-testid={`safety-count-${l}`} data-count={counts[l]}>
              <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', background: levelColours[l] }} />
              <Typography.Text>{t(`safetyLive.levelShort.${l}`)}</Typography.Text>
              <Typography.Text strong>{counts[l]}</Typography.Text>
            </Space>
          </Tooltip>
        ))}
        <Typography.Text type="secondary">{t('safetyLive.counts.total', { count: total })}</Typography.Text>
        <Typography.Text type="secondary">
          {t('safetyLive.map.enterprises', { count: enterprises })} · {t('safetyLive.map.points', { count: points })}
        </Typography.Text>
      </Space>
      <span data-testid="safety-live-state" data-state={state}>
        <Badge status={stateBadge[state]} text={t(`safetyLive.connection.${state}`)} />
      </span>
    </Space>
  );
}

export default function SafetyMapPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const report = useReportError();
  const [view, dispatch] = useReducer(liveReducer, initialLiveView);
  const [loading, setLoading] = useState(true);
  const [openPoint, setOpenPoint] = useState<string | null>(null);
  const [live, setLive] = useState<{ pointId: string | null; values: [number, number][] }>({ pointId: null, values: [] });
  const seqRef = useRef(0);
  useEffect(() => {
    seqRef.current = view.seq;
  }, [view.seq]);

  // the map and the open alarms together; changes heard meanwhile are replayed over the answer
  const loadingRef = useRef(false);
  const reload = useCallback(async () => {
    if (loadingRef.current) return;
    loadingRef.current = true;
    const since = seqRef.current;
    try {
      const [map, alarms] = await Promise.all([api.get<SafetyMap>('/api/safety/map'), api.get<OpenAlarmList>('/api/safety/map/alarms')]);
      dispatch({ type: 'loaded', map, alarms, since });
    } catch (err) {
      report(err);
    } finally {
      loadingRef.current = false;
      setLoading(false);
    }
  }, [report]);
  useEffect(() => {
    void reload();
  }, [reload]);

  // a reload once changes settle
  const settle = useRef<{ timer?: ReturnType<typeof setTimeout>; first: number | null }>({ first: null });
  const scheduleReload = useCallback(() => {
    const s = settle.current;
    const now = Date.now();
    s.first ??= now;
    clearTimeout(s.timer);
    const wait = Math.max(0, Math.min(SETTLE_MS, s.first + SETTLE_MAX_MS - now));
    s.timer = setTimeout(() => {
      s.first = null;
      void reload();
    }, wait);
  }, [reload]);
  useEffect(() => {
    const s = settle.current;
    return () => clearTimeout(s.timer);
  }, []);

  const watch = useMemo(() => (openPoint ? [openPoint] : []), [openPoint]);
  const { state, skewMs } = useSafetyLive({
    watch,
    onAlarm: (change, alarm) => {
      dispatch({ type: 'alarm', change, alarm });
      scheduleReload();
    },
    onLatest: (values) => {
      setLive((prev) => {
        const mine = values.filter(([id]) => id === prev.pointId).map(([, ts, v]) => [ts, v] as [number, number]);
        return mine.length ? { ...prev, values: [...prev.values, ...mine].slice(-5000) } : prev;
      });
    },
    onOpen: (reconnected) => {
      if (reconnected) void reload();
    },
  });

  const open = useCallback((pointId: string) => {
    setOpenPoint(pointId);
    setLive({ pointId, values: [] });
  }, []);
  const close = useCallback(() => {
    setOpenPoint(null);
    setLive({ pointId: null, values: [] });
  }, []);
  const navigate = useNavigate();
  const onAlarmOpen = useCallback((a: AlarmSummary) => (a.pointId ? open(a.pointId) : a.plate ? void navigate(alarmLink(a.id)) : undefined), [open, navigate]);
  const onChanged = useCallback(
    (change: string, alarm: AlarmSummary) => {
      dispatch({ type: 'alarm', change, alarm });
      scheduleReload();
    },
    [scheduleReload],
  );

  const freshIds = useMemo(() => new Set(view.flashes.map((f) => f.alarm.id)), [view.flashes]);
  const map = view.map;

  return (
    <Card title={t('safetyLive.title')} data-testid="safety-map" data-live-state={state}>
      <LiveHeader counts={view.counts} state={state} enterprises={map?.enterprises.length ?? 0} points={map?.points.length ?? 0} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
            <SafetyMapView data={map} flashes={view.flashes} onOpenPoint={open} height={MAP_HEIGHT} />
          </Suspense>
          <Space size={[16, 4]} wrap style={{ marginTop: 8 }} data-testid="safety-map-legend">
            {[...levelOrder, 'none' as const].map((l) => (
              <Space key={l} size={6}>
                <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', background: levelColours[l] }} />
                <Typography.Text>{t(`safetyLive.level.${l}`)}</Typography.Text>
              </Space>
            ))}
            <Typography.Text type="secondary">{t('safetyLive.map.zoomHint')}</Typography.Text>
            {!!map && map.enterprises.some((e) => e.lng === null) && (
              <Tag>{t('safetyLive.map.unlocated', { count: map.enterprises.filter((e) => e.lng === null).length })}</Tag>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Spin spinning={loading}>
            <AlarmList
              alarms={view.alarms}
              total={view.total}
              freshIds={freshIds}
              canHandle={can('safety.handle')}
              height={MAP_HEIGHT}
              onOpen={onAlarmOpen}
              onChanged={onChanged}
            />
          </Spin>
        </Col>
      </Row>
      <PointDrawer key={openPoint ?? 'none'} pointId={openPoint} live={live.pointId === openPoint ? live.values : []} skewMs={skewMs} onClose={close} />
    </Card>
  );
}
