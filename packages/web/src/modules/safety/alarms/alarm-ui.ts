// Pure helpers of the alarm pages: level colours (红 / 橙 / 黄 / 蓝), the value beside its limit, what a timeline entry
// says, and the link that opens an alarm. Closed-park alarms (issue 8: gate checks and vehicle position rules) name
// a plate instead of a point, and a checkpoint or geofence as their place; one without an enterprise is park-level.
import type { TFunction } from 'i18next';
import { alarmRules, positionRules, type AlarmLevel, type AlarmRule, type AlarmSummary, type SafetyAlarmEvent } from '@zoneops/shared';

/** The closed-park rules (gate checks and vehicle positions); the others are the monitoring (sensor) rules. */
export const parkRules: readonly AlarmRule[] = ['gate', ...positionRules];
export const sensorRules: readonly AlarmRule[] = alarmRules.filter((r) => !parkRules.includes(r));
/** Rules in two groups, for filters. */
export const ruleGroups = [
  { group: 'sensor', rules: sensorRules },
  { group: 'park', rules: parkRules },
] as const;

/** A gate alarm's failed checks as the detail gives them (absent from older servers). */
export interface AlarmFinding {
  code: string;
  message: string;
}
export const findingsOf = (a: object): AlarmFinding[] => {
  const f = (a as { findings?: unknown }).findings;
  return Array.isArray(f) ? (f as AlarmFinding[]) : [];
};

/** Minutes-valued closed-park rules and the speed rule's unit. */
const minuteRules: readonly AlarmRule[] = ['parkedOutside', 'overstay', 'positionLost'];
function unitOf(t: TFunction, a: Pick<AlarmSummary, 'rule' | 'unit'>): string {
  if (a.rule === 'rate') return `${a.unit ?? ''}${t('safetyAlarms.perMinute')}`;
  if (a.rule === 'overspeed') return 'km/h';
  if (minuteRules.includes(a.rule)) return t('safetyAlarms.unit.minutes');
  return a.unit ?? '';
}

/** The tag colour of each level (antd preset colours of the same names). */
export const levelColours: Record<AlarmLevel, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };
/** Solid colours (badges, the timeline). */
export const levelHex: Record<AlarmLevel, string> = { red: '#f5222d', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff' };
export const statusColours: Record<AlarmSummary['status'], string> = { raised: 'red', acknowledged: 'gold', handled: 'blue', closed: 'default' };

/** A reading as people read it: at most three decimals, no trailing zeros. */
export function formatReading(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 1000) / 1000);
}

/** "92 ℃ / 90" for a threshold alarm, "19 ℃/分钟 / 5" for a rate alarm, "—" for stale and offline ones. */
export function valueText(t: TFunction, a: Pick<AlarmSummary, 'rule' | 'value' | 'threshold' | 'unit'>): string {
  if (a.rule === 'stale' || a.rule === 'offline' || a.rule === 'gate' || a.value === null) return '—';
  const unit = unitOf(t, a);
  const value = `${formatReading(a.value)}${unit ? ` ${unit}` : ''}`;
  return a.threshold === null ? value : `${value} / ${formatReading(a.threshold)}`;
}

/** What an alarm is about: "TI-101 储罐温度", the device's name, or a vehicle's plate. */
export function subjectText(a: Pick<AlarmSummary, 'rule' | 'pointTag' | 'pointName' | 'deviceName'> & { plate?: string | null }): string {
  if (a.plate) return a.plate;
  if (a.rule === 'offline' || !a.pointTag) return a.deviceName ?? '—';
  return `${a.pointTag} ${a.pointName ?? ''}`.trim();
}

/** Where a closed-park alarm happened: its checkpoint and / or geofence ("" for others). */
export const placeText = (a: Partial<Pick<AlarmSummary, 'checkpointName' | 'geofenceName'>>) =>
  [a.checkpointName, a.geofenceName].filter((s) => !!s).join(' · ');

/** The enterprise of an alarm, or "园区" for a park-level one (no enterprise). */
export const enterpriseText = (t: TFunction, a: Pick<AlarmSummary, 'enterpriseName'>) => a.enterpriseName ?? t('safetyAlarms.parkLevel');

/** "23.705123, 117.805456" (WGS-84), or null without a position. */
export const positionText = (a: Partial<Pick<AlarmSummary, 'lat' | 'lon'>>) =>
  a.lat === null || a.lat === undefined || a.lon === null || a.lon === undefined ? null : `${a.lat.toFixed(6)}, ${a.lon.toFixed(6)}`;

/** One timeline entry: "升级通知（第 2 级）", "级别变化 → 红色"… */
export function eventText(t: TFunction, e: Pick<SafetyAlarmEvent, 'kind' | 'level' | 'note'>): string {
  const kind = t(`safetyAlarms.event.${e.kind}`);
  if (e.kind === 'escalated' && e.note) return `${kind}（${t('safetyAlarms.detail.escalatedStage', { stage: e.note })}）`;
  if ((e.kind === 'raised' || e.kind === 'levelChanged' || e.kind === 'returned') && e.level) return `${kind} → ${t(`safetyAlarms.level.${e.level}`)}`;
  return kind;
}

/** Whether a note is a person's (not the stage number of an escalation). */
export const personalNote = (e: Pick<SafetyAlarmEvent, 'kind' | 'note'>) => (e.kind === 'escalated' ? null : e.note);

/** The alarm list opened on one alarm (escalation notices link here). */
export const alarmLink = (id: string) => `/safety/alarms?alarm=${id}`;
/** A hazard's ledger item (the ledger's item page). */
export const hazardItemPath = (itemId: string) => `/supervision/items/${itemId}`;
