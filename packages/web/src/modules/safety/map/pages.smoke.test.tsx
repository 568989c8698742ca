// The live safety page renders (server-side, first paint) in both languages, and its parts render with answers as
// the server gives them: the alarm summaries, the map and the series are parsed by their schemas from
// @zoneops/shared, so a change of the contract breaks this test (the point detail is typed from openapi.json).
// Effects do not run here: no socket is opened and nothing is fetched.
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { alarmSummarySchema, pointSeriesSchema, safetyMapSchema } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../../app/test-fixtures.tsx';
import SafetyMapPage, { LiveHeader } from '../SafetyMapPage.tsx';
import { AlarmList } from './AlarmList.tsx';
import { PointFacts, PointTrend } from './PointDrawer.tsx';
import type { PointDetail } from './types.ts';

const html = (element: ReactElement, path = '/safety') => renderAs(adminMe, element, path);

const alarm = alarmSummarySchema.parse({
  id: U(10),
  pointId: U(20),
  pointTag: 'LT-101',
  pointName: '苯储罐液位',
  unit: 'm',
  deviceId: U(30),
  deviceName: 'DTU-01',
  enterpriseId: U(40),
  enterpriseName: '古雷石化有限公司',
  majorHazardId: U(50),
  majorHazardName: '苯罐区',
  plate: null,
  checkpointName: null,
  geofenceName: null,
  lat: null,
  lon: null,
  rule: 'threshold',
  level: 'red',
  band: 'hh',
  status: 'raised',
  value: 9.42,
  threshold: 9,
  peakValue: 9.6,
  occurrences: 3,
  raisedAt: '2026-11-23T00:50:00.000Z',
  clearedAt: null,
  acknowledgedAt: null,
  handledAt: null,
  closedAt: null,
  escalation: 1,
  hazardItemId: null,
  updatedAt: '2026-11-23T00:55:00.000Z',
});
const acknowledged = alarmSummarySchema.parse({
  ...alarm,
  id: U(11),
  level: 'yellow',
  band: null,
  rule: 'stale',
  status: 'acknowledged',
  value: null,
  threshold: null,
  escalation: 0,
  occurrences: 1,
});
const offline = alarmSummarySchema.parse({
  ...alarm,
  id: U(12),
  pointId: null,
  pointTag: null,
  pointName: null,
  rule: 'offline',
  band: null,
  level: 'blue',
  value: null,
  threshold: null,
});

const map = safetyMapSchema.parse({
  enterprises: [
    {
      id: U(40),
      name: '古雷石化有限公司',
      lng: 117.6,
      lat: 23.76,
      majorHazards: [{ id: U(50), name: '苯罐区', level: 1 }],
      points: 1,
      openAlarms: 3,
      level: 'red',
    },
  ],
  points: [
    {
      id: U(20),
      tag: 'LT-101',
      name: '苯储罐液位',
      kind: 'level',
      unit: 'm',
      enterpriseId: U(40),
      majorHazardId: U(50),
      lng: 117.6,
      lat: 23.76,
      value: 9.42,
      ts: '2026-11-23T00:59:30.000Z',
      level: 'red',
    },
  ],
  counts: { red: 1, orange: 0, yellow: 1, blue: 1 },
});

const series = pointSeriesSchema.parse({
  pointId: U(20),
  resolution: 'minute',
  points: [
    [Date.UTC(2026, 10, 23, 0, 0), 8.2, 8.1, 8.4],
    [Date.UTC(2026, 10, 23, 0, 1), 9.4, 9.1, 9.6],
  ],
  thresholds: { hh: 9, h: 8, l: 2, ll: 1 },
  unit: 'm',
});

const detail: PointDetail = {
  point: {
    id: U(20),
    tag: 'LT-101',
    name: '苯储罐液位',
    kind: 'level',
    unit: 'm',
    rangeLow: 0,
    rangeHigh: 12,
    thresholds: { hh: 9, h: 8, l: 2, ll: 1 },
    deadband: 0.2,
    minDurationS: 10,
    rateLimitPerMin: null,
    expectedIntervalS: 5,
    staleAfterIntervals: 3,
    enabled: true,
    lng: 117.6,
    lat: 23.76,
  },
  enterprise: { id: U(40), name: '古雷石化有限公司' },
  device: { id: U(30), name: 'DTU-01', kind: 'device', lastSeenAt: '2026-11-23T00:59:30.000Z', revoked: false },
  majorHazard: { id: U(50), code: 'HS-001', name: '苯罐区', level: 1 },
  latest: { ts: '2026-11-23T00:59:30.000Z', value: 9.42 },
  level: 'red',
  openAlarms: [alarm],
  recentAlarms: [alarm, { ...acknowledged, id: U(13), status: 'closed', closedAt: '2026-11-22T00:00:00.000Z' }],
};

describe.each(['zh-CN', 'en-US'] as const)('the live safety page in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });
  // a key that leaked untranslated looks like "safetyLive.area.key"
  const untranslated = /safetyLive\.[a-zA-Z]+/;

  it('renders the page without data, with its parts for the browser test', () => {
    const out = html(<SafetyMapPage />);
    for (const id of ['safety-map', 'safety-header', 'safety-alarm-list', 'safety-live-state', 'safety-map-legend'])
      expect(out, id).toContain(`data-testid="${id}"`);
    expect(out).toContain('data-state="connecting"');
    expect(out).toContain(zh ? '安全监测一张图' : 'Safety map');
    expect(out).toContain(zh ? '暂无未关闭的报警' : 'No open alarms');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the counts per level and the connection state', () => {
    const out = html(<LiveHeader counts={map.counts} state="reconnecting" enterprises={1} points={1} />);
    expect(out).toContain('data-testid="safety-count-red" data-count="1"');
    expect(out).toContain('data-testid="safety-count-orange" data-count="0"');
    expect(out).toContain('data-state="reconnecting"');
    expect(out).toContain(zh ? '共 3 条' : '3 in all');
    expect(out).toContain(zh ? '正在重连' : 'reconnecting');
    expect(out).not.toMatch(untranslated);
  });

  it('lists open alarms with their level, id and the actions the user may take', () => {
    const list = (canHandle: boolean) =>
      html(
        <AlarmList
          alarms={[alarm, acknowledged, offline]}
          total={5}
          freshIds={new Set([alarm.id])}
          canHandle={canHandle}
          height={600}
          onOpen={() => undefined}
          onChanged={() => undefined}
        />,
      );
    const out = list(true);
    expect(out).toContain(`data-alarm-id="${alarm.id}" data-level="red" data-status="raised" class="safety-alarm-fresh"`);
    expect(out).toContain(`data-alarm-id="${acknowledged.id}" data-level="yellow" data-status="acknowledged"`);
    expect(out.match(/data-testid="safety-alarm-item"/g)).toHaveLength(3);
    // acknowledge only while raised; handle while raised or acknowledged
    expect(out.match(/data-testid="safety-alarm-acknowledge"/g)).toHaveLength(2);
    expect(out.match(/data-testid="safety-alarm-handle"/g)).toHaveLength(3);
    expect(out).toContain('LT-101 苯储罐液位');
    expect(out).toContain(zh ? '高高限' : 'High-high');
    expect(out).toContain(zh ? '数据中断' : 'No data');
    expect(out).toContain('9.42 m');
    expect(out).toContain(zh ? '设备 DTU-01' : 'Device DTU-01');
    expect(out).toContain(zh ? '显示最新 3 条，共 5 条' : 'Newest 3 of 5');
    expect(out).toContain(zh ? '已升级 1 级' : 'Escalated (level 1)');
    expect(out).not.toMatch(untranslated);
    const readOnly = list(false);
    expect(readOnly).not.toContain('safety-alarm-acknowledge');
    expect(readOnly).not.toContain('safety-alarm-handle');
  });

  it('lists a closed-park alarm by plate and geofence, "park" without an enterprise', () => {
    const vehicle = alarmSummarySchema.parse({
      ...alarm,
      id: U(14),
      pointId: null,
      pointTag: null,
      pointName: null,
      unit: null,
      deviceId: null,
      deviceName: null,
      enterpriseId: null,
      enterpriseName: null,
      majorHazardId: null,
      majorHazardName: null,
      plate: '闽E12345',
      geofenceName: '危化品专用道',
      rule: 'overspeed',
      band: null,
      value: 55,
      threshold: 30,
    });
    const out = html(
      <AlarmList alarms={[vehicle]} total={1} freshIds={new Set()} canHandle height={600} onOpen={() => undefined} onChanged={() => undefined} />,
    );
    expect(out).toContain('闽E12345 · 危化品专用道');
    expect(out).toContain(zh ? '园区' : 'Park');
    expect(out).toContain(zh ? '超速' : 'Overspeed');
    expect(out).toContain('55 km/h');
    expect(out).not.toMatch(untranslated);
  });

  it('renders a point with its thresholds, latest value, alarms and trend', () => {
    const out = html(<PointFacts detail={detail} live={{ ts: Date.UTC(2026, 10, 23, 1), value: 9.55 }} />);
    expect(out).toContain('data-testid="safety-point-level" data-level="red"');
    // the live value is newer than the stored one
    expect(out).toContain('9.55 m');
    expect(out).toContain('data-testid="safety-point-thresholds"');
    expect(out).toContain(zh ? '高高限 9 m' : 'High-high 9 m');
    expect(out).toContain('HS-001 苯罐区');
    expect(out).toContain(`data-alarm-id="${U(13)}"`);
    expect(out).not.toMatch(untranslated);
    const older = html(<PointFacts detail={{ ...detail, latest: null, level: null, openAlarms: [] }} live={null} />);
    expect(older).toContain(zh ? '暂无数据' : 'No data yet');
    expect(older).toContain('data-level="none"');
    const trend = html(<PointTrend series={series} live={[[Date.UTC(2026, 10, 23, 0, 2), 9.5]]} />);
    expect(trend).toContain('data-testid="safety-point-trend"');
  });
});
