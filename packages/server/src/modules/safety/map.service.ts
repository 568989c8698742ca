// The live safety page's reads (DOMAIN §10, issue 7): the map (enterprises and points coloured by their worst open
// alarm, counts per level), the open alarms of the side list, a point's detail and its trend series. All limited to
// what the caller sees (safety-access.ts); a point outside it is 404.
import type { z } from 'zod';
import {
  deviceKinds,
  pointKinds,
  pointSeriesQuery,
  type OpenAlarmList,
  type PointDetail,
  worseLevel,
  type AlarmLevel,
  type AlarmSummary,
  type PointSeries,
  type SafetyMap,
} from '@zoneops/shared';
import type { SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { LatestValues } from './contracts.ts';
import { levelOfRank, mapRepository, type AlarmRow, type MapPointRow } from './map.repository.ts';
import { safetyVisibleCondition } from './safety-access.ts';
import { seriesRepository, type SeriesRow } from './series.repository.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** auto: raw up to 6 hours, minute roll-ups up to 7 days, hour roll-ups beyond. */
const RAW_UP_TO = 6 * HOUR;
const MINUTE_UP_TO = 7 * DAY;
/** Longest spans a resolution may be asked for (rows stay bounded). */
const MAX_SPAN = { raw: DAY, minute: 31 * DAY, hour: 400 * DAY } as const;
/** More raw rows than this and the answer is minute roll-ups instead. */
const RAW_ROWS = 20_000;

const iso = (v: Date | string | null | undefined): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

export function toAlarmSummary(r: AlarmRow): AlarmSummary {
  return {
    ...r,
    rule: r.rule as AlarmSummary['rule'],
    level: r.level as AlarmLevel,
    band: r.band as AlarmSummary['band'],
    status: r.status as AlarmSummary['status'],
    value: r.value === null ? null : Number(r.value),
    threshold: r.threshold === null ? null : Number(r.threshold),
    peakValue: r.peakValue === null ? null : Number(r.peakValue),
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    occurrences: Number(r.occurrences),
    escalation: Number(r.escalation),
    raisedAt: iso(r.raisedAt)!,
    clearedAt: iso(r.clearedAt),
    acknowledgedAt: iso(r.acknowledgedAt),
    handledAt: iso(r.handledAt),
    closedAt: iso(r.closedAt),
    updatedAt: iso(r.updatedAt)!,
  };
}

/** Metres per degree of latitude; longitude degrees shrink with cos(latitude). */
const M_PER_DEG = 111_320;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Spacing of points laid around a shared location (metres): the k-th sits at SPACING·√(k+1) from it. */
const SPACING_M = 12;

/**
 * Where the k-th point without its own location is drawn around the location it borrows (its hazard source's or its
 * enterprise's): a sunflower spiral, so points sharing an anchor never overlap, and the same data always gives the
 * same picture.
 */
export function spreadAround(anchor: { lng: number; lat: number }, k: number): { lng: number; lat: number } {
  const r = SPACING_M * Math.sqrt(k + 1);
  const a = k * GOLDEN_ANGLE;
  const dLat = (r * Math.sin(a)) / M_PER_DEG;
  const dLng = (r * Math.cos(a)) / (M_PER_DEG * Math.cos((anchor.lat * Math.PI) / 180));
  return { lng: round6(anchor.lng + dLng), lat: round6(anchor.lat + dLat) };
}
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Open alarms per level from grouped rows (a level without rows counts 0). */
function levelCounts(rows: readonly { level: string; n: number }[]): SafetyMap['counts'] {
  const counts = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const r of rows) if (r.level in counts) counts[r.level as AlarmLevel] = Number(r.n);
  return counts;
}

export interface SafetyMapService {
  map(p: Principal): Promise<SafetyMap>;
  /** The map's counts (open alarms per level, visible live enterprises) in one grouped query. */
  openCounts(p: Principal): Promise<SafetyMap['counts']>;
  openAlarms(p: Principal, limit: number): Promise<OpenAlarmList>;
  pointDetail(p: Principal, id: string): Promise<PointDetail>;
  series(p: Principal, id: string, q: z.infer<typeof pointSeriesQuery>): Promise<PointSeries>;
}

export function createSafetyMapService(deps: Deps, latest: LatestValues): SafetyMapService {
  const { db } = deps;
  const visOf = (p: Principal) => (col: SQL) => safetyVisibleCondition(p, col);

  /** The newer of the value kept in memory by this instance's ingest and the one stored in telemetry_latest. */
  function newest(pointId: string, stored: { ts: number; value: number } | null): { ts: number; value: number } | null {
    const mem = latest.get(pointId);
    if (mem && (!stored || mem.ts > stored.ts)) return mem;
    return stored;
  }

  function layoutPoints(rows: MapPointRow[], enterprises: Map<string, { lng: number | null; lat: number | null }>) {
    const placed = new Map<string, number>();
    return rows.map((r) => {
      let lng = r.lng;
      let lat = r.lat;
      if (lng === null || lat === null) {
        const e = enterprises.get(r.enterpriseId);
        const anchor =
          r.sourceLng !== null && r.sourceLat !== null
            ? { key: `s:${r.majorHazardId}`, lng: r.sourceLng, lat: r.sourceLat }
            : e && e.lng !== null && e.lat !== null
              ? { key: `e:${r.enterpriseId}`, lng: e.lng, lat: e.lat }
              : null;
        if (anchor) {
          const k = placed.get(anchor.key) ?? 0;
          placed.set(anchor.key, k + 1);
          ({ lng, lat } = spreadAround(anchor, k));
        } else {
          lng = null;
          lat = null;
        }
      }
      const stored = r.ts === null || r.value === null ? null : { ts: new Date(r.ts).getTime(), value: Number(r.value) };
      const value = newest(r.id, stored);
      return {
        id: r.id,
        tag: r.tag,
        name: r.name,
        kind: r.kind as (typeof pointKinds)[number],
        unit: r.unit,
        enterpriseId: r.enterpriseId,
        majorHazardId: r.majorHazardId,
        lng,
        lat,
        value: value ? value.value : null,
        ts: value ? new Date(value.ts).toISOString() : null,
        level: levelOfRank(r.rank),
      };
    });
  }

  async function visiblePoint(p: Principal, id: string) {
    const row = await mapRepository.findPointDetail(db, id, visOf(p));
    if (!row) throw notFound('monitoring point');
    return row;
  }

  return {
    async map(p) {
      const vis = visOf(p);
      const enterpriseRows = await mapRepository.findMapEnterprises(db, vis);
      const pointRows = await mapRepository.findMapPoints(db, vis);
      const located = new Map(enterpriseRows.map((e) => [e.id, { lng: e.lng === null ? null : Number(e.lng), lat: e.lat === null ? null : Number(e.lat) }]));
      const points = layoutPoints(pointRows, located);
      const pointCount = new Map<string, number>();
      for (const pt of points) pointCount.set(pt.enterpriseId, (pointCount.get(pt.enterpriseId) ?? 0) + 1);
      const counts = { red: 0, orange: 0, yellow: 0, blue: 0 };
      const enterprises = enterpriseRows.map((e) => {
        let level: AlarmLevel | null = null;
        for (const l of ['red', 'orange', 'yellow', 'blue'] as const) {
          counts[l] += e[l];
          if (e[l] > 0) level = worseLevel(level, l);
        }
        const at = located.get(e.id)!;
        return {
          id: e.id,
          name: e.name,
          lng: at.lng,
          lat: at.lat,
          majorHazards: e.majorHazards.map((s) => ({ id: s.id, name: s.name, level: Number(s.level) })),
          points: pointCount.get(e.id) ?? 0,
          openAlarms: e.openAlarms,
          level,
        };
      });
      return { enterprises, points, counts };
    },

    async openCounts(p) {
      return levelCounts(await mapRepository.findOpenCounts(db, visOf(p)));
    },

    async openAlarms(p, limit) {
      const { items, perLevel } = await mapRepository.findOpenAlarms(db, visOf(p), limit);
      const counts = levelCounts(perLevel);
      return { items: items.map(toAlarmSummary), total: counts.red + counts.orange + counts.yellow + counts.blue, counts };
    },

    async pointDetail(p, id) {
      const r = await visiblePoint(p, id);
      const alarms = await mapRepository.findPointAlarms(db, id, 20);
      const open = alarms.open.map(toAlarmSummary);
      const stored = r.latestTs === null || r.latestValue === null ? null : { ts: new Date(r.latestTs).getTime(), value: Number(r.latestValue) };
      const value = newest(r.id, stored);
      return {
        point: {
          id: r.id,
          tag: r.tag,
          name: r.name,
          kind: r.kind as (typeof pointKinds)[number],
          unit: r.unit,
          rangeLow: r.rangeLow,
          rangeHigh: r.rangeHigh,
          thresholds: { hh: r.hh, h: r.h, l: r.l, ll: r.ll },
          deadband: Number(r.deadband),
          minDurationS: Number(r.minDurationS),
          rateLimitPerMin: r.rateLimitPerMin,
          expectedIntervalS: Number(r.expectedIntervalS),
          staleAfterIntervals: Number(r.staleAfterIntervals),
          enabled: r.enabled,
          lng: r.lng ?? r.sourceLng ?? r.enterpriseLng,
          lat: r.lat ?? r.sourceLat ?? r.enterpriseLat,
        },
        enterprise: { id: r.enterpriseId, name: r.enterpriseName },
        device:
          r.deviceId && r.deviceName && r.deviceKind
            ? {
                id: r.deviceId,
                name: r.deviceName,
                kind: r.deviceKind as (typeof deviceKinds)[number],
                lastSeenAt: iso(r.deviceLastSeenAt),
                revoked: !!r.deviceRevoked,
              }
            : null,
        majorHazard:
          r.sourceId && r.sourceCode !== null && r.sourceName !== null
            ? { id: r.sourceId, code: r.sourceCode, name: r.sourceName, level: Number(r.sourceLevel) }
            : null,
        latest: value ? { ts: new Date(value.ts).toISOString(), value: value.value } : null,
        level: open.reduce<AlarmLevel | null>((w, a) => worseLevel(w, a.level), null),
        openAlarms: open,
        recentAlarms: alarms.recent.map(toAlarmSummary),
      };
    },

    async series(p, id, q) {
      const r = await visiblePoint(p, id);
      const from = new Date(q.from);
      const to = new Date(q.to);
      const span = to.getTime() - from.getTime();
      if (!(span > 0)) throw new AppError('VALIDATION_FAILED', 'from must be before to', [{ path: 'querystring.to', message: 'must be after from' }]);
      let resolution: PointSeries['resolution'] =
        q.resolution === 'auto' ? (span <= RAW_UP_TO ? 'raw' : span <= MINUTE_UP_TO ? 'minute' : 'hour') : q.resolution;
      if (span > MAX_SPAN[resolution]) {
        throw new AppError('VALIDATION_FAILED', `a ${resolution} series spans at most ${MAX_SPAN[resolution] / DAY} days`, [
          { path: 'querystring.from', message: 'span too long for this resolution' },
        ]);
      }
      let points: SeriesRow[] = [];
      if (resolution === 'raw') {
        points = await seriesRepository.findRaw(db, id, from, to, RAW_ROWS + 1);
        // too dense to draw point by point: the same span in minutes
        if (points.length > RAW_ROWS) resolution = 'minute';
      }
      if (resolution !== 'raw') points = await seriesRepository.findRollup(db, resolution, id, from, to);
      return { pointId: id, resolution, points, thresholds: { hh: r.hh, h: r.h, l: r.l, ll: r.ll }, unit: r.unit };
    },
  };
}
