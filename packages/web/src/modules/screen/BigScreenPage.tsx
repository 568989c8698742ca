// 数据大屏 (/screen, issue 9): a 1920 × 1080 dark stage scaled to the window (outside the app layout), built to run
// unattended for days. The cockpit answer (GET /api/cockpit) every minute feeds the counters, the charts and the red
// supervision items; the centre is the zone map with the projects by light (GET /api/projects/map), the open alarms
// flashing (GET /api/safety/map, the park's open alarms and the live alarms) and the park's vehicles moving (the park
// live socket). The alarm feed is the newest open alarms, then live changes (at most 50 lines). Everything held is
// bounded (the feed, the live alarm spots until the next read of the map data, the vehicles) and every timer and
// socket ends with the page.
//
// For the browser test and the benchmark: the stage's data-live-messages (socket messages received) and data-ready
// (the cockpit answer arrived).
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmSummary, Cockpit, LiveCounts, LivePositionTuple, OpenAlarmList, ParkLiveSnapshot, SafetyMap } from '@zoneops/shared';
import { useAuth } from '../../app/auth.tsx';
import { vehicleColour } from '../park/live/park-live-ui.ts';
import type { BattleMap } from '../project-views/types.ts';
import type { LiveState } from '../safety/use-safety-live.ts';
import { ParkLiveFeed, SafetyLiveFeed } from './LiveFeeds.tsx';
import { LeftColumn, RightColumn, TitleBar } from './ScreenBoard.tsx';
import type { AlarmSpot } from './ScreenMap.tsx';
import {
  applyFeed,
  applyLiveSpot,
  dropCoveredSpots,
  FEED_MAX,
  feedFromList,
  STAGE_HEIGHT,
  STAGE_WIDTH,
  VehicleSpots,
  type FeedItem,
  type LiveSpot,
} from './screen-ui.ts';
import { usePolled, useStageFit } from './use-screen-data.ts';
import { screenLightColours } from '../../charts/screen-lights.ts';
import { screenLevelColours } from '../../charts/screen-alarms.ts';
import './screen.css';

const ScreenMap = lazy(() => import('./ScreenMap.tsx'));

const MINUTE = 60_000;
const SWEEP_MS = MINUTE;

export default function BigScreenPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const fit = useStageFit();
  const canSafety = can('safety.read');
  const canPark = can('park.read');

  const cockpit = usePolled<Cockpit>('/api/cockpit', MINUTE);
  const projects = usePolled<BattleMap>(can('projects.read') ? '/api/projects/map' : null, 10 * MINUTE);
  const safetyMap = usePolled<SafetyMap>(canSafety ? '/api/safety/map' : null, MINUTE);
  const park = usePolled<ParkLiveSnapshot>(canPark ? '/api/park/live' : null, MINUTE);
  const openAlarms = usePolled<OpenAlarmList>(canSafety ? `/api/safety/map/alarms?limit=${FEED_MAX}` : null, 30 * MINUTE);

  const stageRef = useRef<HTMLDivElement>(null);
  const messages = useRef(0);
  const heard = useCallback(() => {
    messages.current++;
    stageRef.current?.setAttribute('data-live-messages', String(messages.current));
  }, []);

  // vehicles: the snapshot replaces, positions move, the quiet leave (swept once a minute)
  const [vehicles] = useState(() => new VehicleSpots());
  const snapshot = park.data;
  useEffect(() => {
    if (snapshot) vehicles.replace(snapshot.vehicles, vehicleColour);
  }, [snapshot, vehicles]);
  const lastSweep = useRef(0);
  const onPositions = useCallback(
    (positions: readonly LivePositionTuple[]) => {
      heard();
      vehicles.apply(positions);
      const now = Date.now();
      if (now - lastSweep.current > SWEEP_MS) {
        lastSweep.current = now;
        vehicles.sweep(now);
      }
    },
    [vehicles, heard],
  );
  const [liveCounts, setLiveCounts] = useState<{ vehicles: number; people: number; at: number } | null>(null);
  const onCounts = useCallback(
    (c: LiveCounts) => {
      heard();
      setLiveCounts({ vehicles: c.vehicles, people: c.people, at: Date.now() });
    },
    [heard],
  );

  // the alarm feed: the newest open alarms first read, then the live changes
  const [feed, setFeed] = useState<{ base: OpenAlarmList | undefined; items: readonly FeedItem[] }>({ base: undefined, items: [] });
  if (openAlarms.data && openAlarms.data !== feed.base) {
    setFeed({ base: openAlarms.data, items: feedFromList(openAlarms.data.items) });
  }
  // live alarm spots are kept only between two reads of the map data (the next answer holds them)
  const [liveAlarms, setLiveAlarms] = useState<{ safetyAt: number | null; parkAt: number | null; spots: readonly LiveSpot[] }>({
    safetyAt: null,
    parkAt: null,
    spots: [],
  });
  if (liveAlarms.safetyAt !== safetyMap.askedAt || liveAlarms.parkAt !== park.askedAt) {
    setLiveAlarms({ safetyAt: safetyMap.askedAt, parkAt: park.askedAt, spots: dropCoveredSpots(liveAlarms.spots, safetyMap.askedAt, park.askedAt) });
  }
  const liveSpots = liveAlarms.spots;
  const onAlarm = useCallback(
    (change: string, alarm: AlarmSummary) => {
      heard();
      setFeed((f) => ({ ...f, items: applyFeed(f.items, change, alarm) }));
      setLiveAlarms((l) => ({ ...l, spots: applyLiveSpot(l.spots, alarm, Date.now()) }));
    },
    [heard],
  );
  const reloadOpen = openAlarms.reload;
  const onSafetyOpen = useCallback((reconnected: boolean) => (reconnected ? reloadOpen() : undefined), [reloadOpen]);
  const reloadPark = park.reload;
  const onParkOpen = useCallback((reconnected: boolean) => (reconnected ? reloadPark() : undefined), [reloadPark]);

  const [states, setStates] = useState<{ safety: LiveState | null; park: LiveState | null }>({ safety: null, park: null });
  const onSafetyState = useCallback((s: LiveState) => setStates((p) => (p.safety === s ? p : { ...p, safety: s })), []);
  const onParkState = useCallback((s: LiveState) => setStates((p) => (p.park === s ? p : { ...p, park: s })), []);
  const live: LiveState | null = [states.safety, states.park].filter((s): s is LiveState => s !== null).sort((a, b) => rankState[b] - rankState[a])[0] ?? null;

  // the flashing spots: enterprises and points with an open alarm, the park's open alarms, and live ones since
  const alarmSpots = useMemo(() => {
    const spots = new Map<string, AlarmSpot>();
    const enterprises = new Map((safetyMap.data?.enterprises ?? []).map((e) => [e.id, e]));
    for (const e of safetyMap.data?.enterprises ?? []) {
      if (e.level && e.openAlarms > 0 && e.lat !== null && e.lng !== null)
        spots.set(`e:${e.id}`, { key: `e:${e.id}`, lat: e.lat, lng: e.lng, level: e.level, label: e.name });
    }
    const add = (a: AlarmSummary) => {
      if (a.lat !== null && a.lon !== null)
        spots.set(`a:${a.id}`, { key: `a:${a.id}`, lat: a.lat, lng: a.lon, level: a.level, label: a.plate ?? a.geofenceName ?? '' });
      else if (a.enterpriseId) {
        const e = enterprises.get(a.enterpriseId);
        const had = spots.get(`e:${a.enterpriseId}`);
        if (e && e.lat !== null && e.lng !== null && (!had || rankLevel[a.level] > rankLevel[had.level])) {
          spots.set(`e:${e.id}`, { key: `e:${e.id}`, lat: e.lat, lng: e.lng, level: a.level, label: e.name });
        }
      }
    };
    for (const a of park.data?.alarms ?? []) add(a);
    for (const s of liveSpots) add(s.alarm);
    return [...spots.values()];
  }, [safetyMap.data, park.data, liveSpots]);

  const counts = liveCounts && cockpit.at !== null && liveCounts.at > cockpit.at ? liveCounts : null;
  const scale = `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})`;
  return (
    <div className="screen-viewport" data-testid="big-screen">
      {canSafety && <SafetyLiveFeed onAlarm={onAlarm} onOpen={onSafetyOpen} onState={onSafetyState} />}
      {canPark && <ParkLiveFeed onPositions={onPositions} onCounts={onCounts} onOpen={onParkOpen} onState={onParkState} />}
      <div
        ref={stageRef}
        className="screen-stage"
        style={{ width: STAGE_WIDTH, height: STAGE_HEIGHT, transform: scale }}
        data-testid="screen-stage"
        data-scale={fit.scale}
        data-ready={cockpit.data ? 'true' : 'false'}
      >
        <TitleBar dataAt={cockpit.data?.at ?? null} live={live} />
        <div className="screen-body">
          <LeftColumn cockpit={cockpit.data} liveCounts={counts} />
          <main className="screen-centre">
            <div className="screen-map-frame">
              <Suspense fallback={<div className="screen-map" data-testid="screen-map" />}>
                {typeof window === 'undefined' ? (
                  <div className="screen-map" data-testid="screen-map" />
                ) : (
                  <ScreenMap projects={projects.data?.points} alarms={alarmSpots} vehicles={vehicles} crs={park.data?.mapCrs ?? 'wgs84'} />
                )}
              </Suspense>
              <div className="screen-map-legend" data-testid="screen-map-legend">
                <span>
                  <i style={{ background: screenLightColours.green }} />
                  <i style={{ background: screenLightColours.yellow }} />
                  <i style={{ background: screenLightColours.red }} />
                  {t('screen.legend.projects')}
                </span>
                {canSafety && (
                  <span>
                    <i className="ring" style={{ borderColor: screenLevelColours.red }} />
                    {t('screen.legend.alarms')}
                  </span>
                )}
                {canPark && (
                  <span>
                    <i className="glow" />
                    {t('screen.legend.vehicles')}
                  </span>
                )}
              </div>
            </div>
          </main>
          <RightColumn cockpit={cockpit.data} feed={feed.items} showFeed={canSafety} />
        </div>
      </div>
    </div>
  );
}

const rankState: Record<LiveState, number> = { open: 0, connecting: 1, reconnecting: 2, closed: 3 };
const rankLevel: Record<AlarmSummary['level'], number> = { blue: 0, yellow: 1, orange: 2, red: 3 };
