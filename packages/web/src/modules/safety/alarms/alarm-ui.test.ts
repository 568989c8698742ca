import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { alarmRules } from '@zoneops/shared';
import { enterpriseText, eventText, formatReading, parkRules, personalNote, placeText, positionText, ruleGroups, subjectText, valueText } from './alarm-ui.ts';

// a stand-in translator: the key with its options
const t = ((key: string, opts?: Record<string, unknown>) => (opts ? `${key}${JSON.stringify(opts)}` : key)) as unknown as TFunction;

describe('alarm-ui', () => {
  it('formats readings with at most three decimals', () => {
    expect(formatReading(19.00000001)).toBe('19');
    expect(formatReading(0.12345)).toBe('0.123');
    expect(formatReading(null)).toBe('—');
    expect(formatReading(Number.NaN)).toBe('—');
  });

  it('shows the value against its limit, the rate per minute, nothing for stale and offline alarms', () => {
    expect(valueText(t, { rule: 'threshold', value: 92, threshold: 90, unit: '℃' })).toBe('92 ℃ / 90');
    expect(valueText(t, { rule: 'rate', value: 19, threshold: 5, unit: '℃' })).toBe('19 ℃safetyAlarms.perMinute / 5');
    expect(valueText(t, { rule: 'threshold', value: 3.5, threshold: null, unit: '' })).toBe('3.5');
    expect(valueText(t, { rule: 'stale', value: null, threshold: null, unit: '℃' })).toBe('—');
    expect(valueText(t, { rule: 'offline', value: 1, threshold: null, unit: null })).toBe('—');
  });

  it('names the point, or the device of an offline alarm', () => {
    expect(subjectText({ rule: 'threshold', pointTag: 'TI-101', pointName: '储罐温度', deviceName: 'DTU-1' })).toBe('TI-101 储罐温度');
    expect(subjectText({ rule: 'offline', pointTag: null, pointName: null, deviceName: 'GW-1' })).toBe('GW-1');
  });

  it('says what a timeline entry was; an escalation note is its stage, not a person’s note', () => {
    expect(eventText(t, { kind: 'escalated', level: 'red', note: '2' })).toBe(
      'safetyAlarms.event.escalated（safetyAlarms.detail.escalatedStage{"stage":"2"}）',
    );
    expect(eventText(t, { kind: 'levelChanged', level: 'red', note: null })).toBe('safetyAlarms.event.levelChanged → safetyAlarms.level.red');
    expect(eventText(t, { kind: 'closed', level: 'red', note: '恢复' })).toBe('safetyAlarms.event.closed');
    expect(personalNote({ kind: 'escalated', note: '1' })).toBeNull();
    expect(personalNote({ kind: 'handled', note: '降温' })).toBe('降温');
  });

  it('closed-park alarms: the plate, the checkpoint or geofence, speed and minutes, "园区" without an enterprise', () => {
    expect(subjectText({ rule: 'gate', pointTag: null, pointName: null, deviceName: null, plate: '闽E12345' })).toBe('闽E12345');
    expect(placeText({ checkpointName: '1号卡口', geofenceName: null })).toBe('1号卡口');
    expect(placeText({ checkpointName: null, geofenceName: '危化品专用道' })).toBe('危化品专用道');
    expect(valueText(t, { rule: 'overspeed', value: 55, threshold: 30, unit: null })).toBe('55 km/h / 30');
    expect(valueText(t, { rule: 'parkedOutside', value: 20, threshold: 15, unit: null })).toBe('20 safetyAlarms.unit.minutes / 15');
    expect(valueText(t, { rule: 'gate', value: null, threshold: null, unit: null })).toBe('—');
    expect(enterpriseText(t, { enterpriseName: null })).toBe('safetyAlarms.parkLevel');
    expect(enterpriseText(t, { enterpriseName: '古雷石化' })).toBe('古雷石化');
    expect(positionText({ lat: 23.7, lon: 117.8 })).toBe('23.700000, 117.800000');
    expect(positionText({ lat: null, lon: null })).toBeNull();
  });

  it('groups every rule once: monitoring rules, then the closed-park rules', () => {
    expect(parkRules).toEqual(['gate', 'overspeed', 'offRoute', 'parkedOutside', 'overstay', 'restrictedArea', 'positionLost']);
    expect(ruleGroups.flatMap((g) => g.rules).sort()).toEqual([...alarmRules].sort());
  });
});
