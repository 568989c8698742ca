// Types of the live safety page's answers: the shared shapes from @zoneops/shared, the rest from openapi.json.
import type { paths } from '../../../api/openapi';

type Answer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;

export type { AlarmSummary, AlarmLevel, PointSeries, SafetyMap, SafetyLiveEvent } from '@zoneops/shared';
/** GET /api/safety/points/:id/detail */
export type PointDetail = Answer<'/api/safety/points/{id}/detail'>;
/** GET /api/safety/map/alarms */
export type OpenAlarmList = Answer<'/api/safety/map/alarms'>;
export type LevelCounts = OpenAlarmList['counts'];
