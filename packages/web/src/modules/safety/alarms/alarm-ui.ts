// Pure helpers of the alarm pages: level colours (红 / 橙 / 黄 / 蓝), the value beside its limit, what a timeline entry
// says, and the link that opens an alarm.
import type { TFunction } from 'i18next';
import type { AlarmLevel, AlarmSummary, SafetyAlarmEvent } from '@zoneops/shared';

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
  if (a.rule === 'stale' || a.rule === 'offline' || a.value === null) return '—';
  const unit = a.rule === 'rate' ? `${a.unit ?? ''}${t('safetyAlarms.perMinute')}` : (a.unit ?? '');
  const value = `${formatReading(a.value)}${unit ? ` ${unit}` : ''}`;
  return a.threshold === null ? value : `${value} / ${formatReading(a.threshold)}`;
}

/** What a point or device alarm is about: "TI-101 储罐温度" or the device's name. */
export function subjectText(a: Pick<AlarmSummary, 'rule' | 'pointTag' | 'pointName' | 'deviceName'>): string {
  if (a.rule === 'offline' || !a.pointTag) return a.deviceName ?? '—';
  return `${a.pointTag} ${a.pointName ?? ''}`.trim();
}

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
