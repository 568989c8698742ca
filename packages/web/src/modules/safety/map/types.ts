// Types of the live safety page's answers: the shared shapes from @zoneops/shared (the routes' response schemas, from
// which openapi.json is generated too).
import type { OpenAlarmList } from '@zoneops/shared';

export type { AlarmSummary, AlarmLevel, OpenAlarmList, PointDetail, PointSeries, SafetyMap, SafetyLiveEvent } from '@zoneops/shared';
export type LevelCounts = OpenAlarmList['counts'];
