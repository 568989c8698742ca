// The alarm and hazard pages render (server-side, first paint) in both languages: without data (effects do not run
// here, so nothing is fetched), and the parts that take data with API answers parsed by the contract's schemas: the
// alarm table with its level tags, value against limit and actions; an alarm's detail with its timeline, responsible
// persons and hazard link; the suppression windows; the hazard table with status, light and the ledger item's link.
import type { ComponentType, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from 'antd';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alarmSummarySchema,
  safetyAlarmDetailSchema,
  safetyHazardSchema,
  safetySuppressionSchema,
  type AlarmSummary,
  type SafetyHazard,
} from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe as admin, renderAs, U } from '../../../app/test-fixtures.tsx';
import AlarmsPage from '../AlarmsPage.tsx';
import HazardsPage from '../HazardsPage.tsx';
import { hazardColumns } from '../hazards/hazard-columns.tsx';
import { AlarmActionButtons } from './AlarmActions.tsx';
import { AlarmDetailView } from './AlarmDrawer.tsx';
import { alarmColumns } from './alarm-columns.tsx';
import { SuppressionTable } from './SuppressionList.tsx';

const html = (element: ReactElement, path?: string) => renderAs(admin, element, path);
const untranslated = /safetyAlarms\.[a-zA-Z]+(\.[a-zA-Z0-9]+)*/;
const noop = () => undefined;

// ---- answers of the server ---------------------------------------------------------------------------------------

const alarm = alarmSummarySchema.parse({
  id: U(1),
  pointId: U(2),
  pointTag: 'TI-101',
  pointName: '1号储罐温度',
  unit: '℃',
  deviceId: U(3),
  deviceName: 'DTU-1',
  enterpriseId: U(4),
  enterpriseName: '古雷石化有限公司',
  majorHazardId: U(5),
  majorHazardName: '1号罐区',
  plate: null,
  checkpointName: null,
  geofenceName: null,
  lat: null,
  lon: null,
  rule: 'threshold',
  level: 'red',
  band: 'hh',
  status: 'raised',
  value: 92.5,
  threshold: 90,
  peakValue: 95,
  occurrences: 2,
  raisedAt: '2026-11-23T01:00:00.000Z',
  clearedAt: null,
  acknowledgedAt: null,
  handledAt: null,
  closedAt: null,
  escalation: 2,
  hazardItemId: null,
  updatedAt: '2026-11-23T01:20:00.000Z',
});
const offline: AlarmSummary = {
  ...alarm,
  id: U(6),
  pointId: null,
  pointTag: null,
  pointName: null,
  unit: null,
  deviceName: 'GW-1',
  rule: 'offline',
  level: 'yellow',
  band: null,
  value: null,
  threshold: null,
  peakValue: null,
  occurrences: 1,
  escalation: 0,
  status: 'handled',
  clearedAt: '2026-11-23T02:00:00.000Z',
};
/** A park-level gate alarm (issue 8): a plate at a checkpoint, no enterprise, no point. */
const gate: AlarmSummary = {
  ...offline,
  id: U(12),
  deviceId: null,
  deviceName: null,
  enterpriseId: null,
  enterpriseName: null,
  majorHazardId: null,
  majorHazardName: null,
  plate: '闽D88888',
  checkpointName: '1号卡口',
  rule: 'gate',
  level: 'red',
  status: 'raised',
  clearedAt: null,
  lat: 23.705,
  lon: 117.805,
};
const speeding: AlarmSummary = {
  ...gate,
  id: U(13),
  enterpriseId: U(4),
  enterpriseName: '古雷石化有限公司',
  plate: '闽E12345',
  checkpointName: null,
  geofenceName: '危化品专用道',
  rule: 'overspeed',
  level: 'orange',
  value: 55,
  threshold: 30,
};

const detail = safetyAlarmDetailSchema.parse({
  ...alarm,
  status: 'handled',
  clearedAt: '2026-11-23T01:30:00.000Z',
  acknowledgedAt: '2026-11-23T01:10:00.000Z',
  handledAt: '2026-11-23T01:40:00.000Z',
  acknowledgedByName: '古雷安全员',
  handledByName: '安监员',
  handleNote: '开启喷淋降温，温度恢复',
  closedByName: null,
  closeNote: null,
  escalatedAt: '2026-11-23T01:15:00.000Z',
  hazardItemId: U(7),
  hazardItemCode: 'SAFETY-HAZARDS-0001',
  findings: [],
  responsible: [
    { role: 'main', name: '张三', phone: '13800000001' },
    { role: 'technical', name: '李*', phone: '138****0002' },
  ],
  events: [
    { id: 1, at: '2026-11-23T01:00:00.000Z', kind: 'raised', level: 'orange', value: 85, byUserId: null, byName: null, note: null },
    { id: 2, at: '2026-11-23T01:02:00.000Z', kind: 'levelChanged', level: 'red', value: 92.5, byUserId: null, byName: null, note: null },
    { id: 3, at: '2026-11-23T01:10:00.000Z', kind: 'acknowledged', level: 'red', value: 92.5, byUserId: U(8), byName: '古雷安全员', note: '已通知班组' },
    { id: 4, at: '2026-11-23T01:15:00.000Z', kind: 'escalated', level: 'red', value: 92.5, byUserId: null, byName: null, note: '2' },
    { id: 5, at: '2026-11-23T01:30:00.000Z', kind: 'cleared', level: null, value: 80, byUserId: null, byName: null, note: null },
    { id: 6, at: '2026-11-23T01:40:00.000Z', kind: 'handled', level: 'red', value: 80, byUserId: U(9), byName: '安监员', note: '开启喷淋降温，温度恢复' },
  ],
  can: { acknowledge: false, handle: false, close: true, openHazard: false },
});

const suppression = safetySuppressionSchema.parse({
  id: U(10),
  enterpriseId: U(4),
  enterpriseName: '古雷石化有限公司',
  majorHazardId: U(5),
  majorHazardName: '1号罐区',
  pointIds: [],
  kind: 'maintenance',
  startsAt: '2026-11-23T00:00:00.000Z',
  endsAt: '2026-11-23T08:00:00.000Z',
  reason: '1号罐区年度检修',
  cancelledAt: null,
  createdAt: '2026-11-22T08:00:00.000Z',
  createdByName: '古雷安全员',
  state: 'active',
});

const hazard = safetyHazardSchema.parse({
  itemId: U(7),
  code: 'SAFETY-HAZARDS-0001',
  title: '1号罐区温度超限',
  enterpriseId: U(4),
  enterpriseName: '古雷石化有限公司',
  majorHazardId: U(5),
  majorHazardName: '1号罐区',
  grade: 'major',
  origin: 'alarm',
  alarmId: U(1),
  foundOn: '2026-11-23',
  category: '设施设备',
  status: 'inProgress',
  light: 'red',
  deadline: '2026-11-20',
  leadUnitId: U(11),
  leadUnitName: '古雷街道',
  overdue: true,
  createdAt: '2026-11-23T02:00:00.000Z',
});

function AlarmTable({ rows }: { rows: AlarmSummary[] }) {
  const { t } = useTranslation();
  const cols = alarmColumns(t, {
    sortOrder: () => undefined,
    onOpen: noop,
    actions: (a) => <AlarmActionButtons alarm={a} can={{ acknowledge: a.status === 'raised', handle: true, close: false, hazard: true }} onAction={noop} />,
  });
  return <Table<AlarmSummary> rowKey="id" dataSource={rows} columns={cols} pagination={false} />;
}

function HazardTable({ rows }: { rows: SafetyHazard[] }) {
  const { t } = useTranslation();
  return <Table<SafetyHazard> rowKey="itemId" dataSource={rows} columns={hazardColumns(t, { sortOrder: () => undefined })} pagination={false} />;
}

// ---- the pages -------------------------------------------------------------------------------------------------------

const pages: [string, ComponentType, string][] = [
  ['alarms', AlarmsPage, '/safety/alarms'],
  ['alarms with one open', AlarmsPage, `/safety/alarms?alarm=${U(1)}`],
  ['suppressions', AlarmsPage, '/safety/alarms?tab=suppressions'],
  ['escalation', AlarmsPage, '/safety/alarms?tab=escalation'],
  ['hazards', HazardsPage, '/safety/hazards?overdue=true'],
];

describe.each(['zh-CN', 'en-US'] as const)('safety alarm pages in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each(pages)('%s renders without data', (_name, Page, path) => {
    const out = html(<Page />, path);
    expect(out.length).toBeGreaterThan(100);
    expect(out).not.toMatch(untranslated);
  });

  it('shows the filters (open by default), batch acknowledgement, export and the tabs of a safety manager', () => {
    const out = html(<AlarmsPage />, '/safety/alarms');
    for (const id of ['alarm-filters', 'alarm-filter-open', 'alarm-filter-level', 'alarm-batch-acknowledge', 'alarm-export', 'alarms-table']) {
      expect(out, id).toContain(`data-testid="${id}"`);
    }
    expect(out).toContain(zh ? '未关闭' : 'Not closed');
    expect(out).toContain('data-node-key="escalation"');
    const reader = renderAs({ ...admin, permissions: ['safety.read'] }, <AlarmsPage />, '/safety/alarms');
    expect(reader).not.toContain('data-testid="alarm-batch-acknowledge"');
    expect(reader).not.toContain('data-node-key="escalation"');
  });

  it('renders alarms with their level, value against the limit, escalation and actions', () => {
    const out = html(<AlarmTable rows={[alarm, offline]} />);
    expect(out).toContain('data-level="red"');
    expect(out).toContain('data-level="yellow"');
    expect(out).toContain(zh ? '红色' : 'Red');
    expect(out).toContain('TI-101 1号储罐温度');
    expect(out).toContain('92.5 ℃ / 90');
    expect(out).toContain(zh ? '高高限' : 'High-high');
    expect(out).toContain('GW-1');
    expect(out).toContain(zh ? '已升级园区值班' : 'Duty officers notified');
    expect(out).toContain(zh ? '共 2 次' : '2 times');
    expect(out).toContain('data-testid="alarm-condition-active"');
    expect(out).toContain(`data-testid="alarm-acknowledge-${alarm.id}"`);
    expect(out).not.toContain(`data-testid="alarm-acknowledge-${offline.id}"`);
    expect(out).toContain(`data-testid="alarm-hazard-${alarm.id}"`);
    expect(out).not.toMatch(untranslated);
  });

  it('renders closed-park alarms: plate, checkpoint or geofence, "park" without an enterprise, speed against the limit', () => {
    const out = html(<AlarmTable rows={[gate, speeding]} />);
    expect(out).toContain('闽D88888');
    expect(out).toContain('1号卡口');
    expect(out).toContain('危化品专用道');
    expect(out).toContain(zh ? '园区' : 'Park');
    expect(out).toContain(zh ? '卡口核验' : 'Gate check failed');
    expect(out).toContain(zh ? '超速' : 'Overspeed');
    expect(out).toContain('55 km/h / 30');
    expect(out).not.toMatch(untranslated);
    const view = html(
      <AlarmDetailView
        alarm={{
          ...safetyAlarmDetailSchema.parse({ ...detail, ...gate, hazardItemId: null, hazardItemCode: null, responsible: [] }),
          ...{ findings: [{ code: 'noAppointment', message: '无有效预约' }] },
        }}
        onAction={noop}
      />,
    );
    expect(view).toContain('data-testid="alarm-findings"');
    expect(view).toContain('无有效预约');
    expect(view).toContain('23.705000, 117.805000');
    expect(view).toContain(zh ? '车牌' : 'Plate');
    expect(view).not.toMatch(untranslated);
  });

  it('renders an alarm: who did what, the responsible persons, the hazard link and the timeline', () => {
    const out = html(<AlarmDetailView alarm={detail} onAction={noop} />);
    expect(out).toContain('开启喷淋降温，温度恢复');
    expect(out).toContain('古雷安全员');
    expect(out).toContain('13800000001');
    expect(out).toContain('138****0002');
    expect(out).toContain(zh ? '主要负责人' : 'Principal');
    expect(out).toContain(`href="/supervision/items/${U(7)}"`);
    expect(out).toContain('SAFETY-HAZARDS-0001');
    expect(out).toContain('data-testid="alarm-timeline"');
    expect(out).toContain(zh ? '第 2 级' : 'stage 2');
    expect(out).toContain(zh ? '恢复正常' : 'Back to normal');
    expect(out).toContain(`data-testid="alarm-close-${detail.id}"`);
    expect(out).not.toContain(`data-testid="alarm-acknowledge-${detail.id}"`);
    expect(out).not.toContain('data-testid="alarm-condition-holds"');
    const holding = html(<AlarmDetailView alarm={{ ...detail, clearedAt: null, can: { ...detail.can, close: false } }} onAction={noop} />);
    expect(holding).toContain('data-testid="alarm-condition-holds"');
    expect(out + holding).not.toMatch(untranslated);
  });

  it('renders the suppression windows with their scope, state and cancel action', () => {
    const out = html(<SuppressionTable rows={[suppression]} onCancel={noop} />);
    expect(out).toContain('1号罐区年度检修');
    expect(out).toContain(zh ? '危险源：1号罐区' : 'Hazard source: 1号罐区');
    expect(out).toContain('data-state="active"');
    expect(out).toContain(`data-testid="suppression-cancel-${suppression.id}"`);
    expect(out).not.toMatch(untranslated);
  });

  it('renders hazards with grade, origin, overdue deadline, the ledger status and light, linked to the ledger item', () => {
    const out = html(<HazardTable rows={[hazard]} />);
    expect(out).toContain(`href="/supervision/items/${U(7)}"`);
    expect(out).toContain('data-grade="major"');
    expect(out).toContain(zh ? '重大隐患' : 'Major hazard');
    expect(out).toContain(zh ? '报警转入' : 'Alarm');
    expect(out).toContain('data-testid="hazard-overdue-SAFETY-HAZARDS-0001"');
    expect(out).toContain(zh ? '办理中' : 'In progress');
    expect(out).toContain('古雷街道');
    expect(out).not.toMatch(untranslated);
    const page = html(<HazardsPage />, '/safety/hazards');
    for (const id of ['hazard-filters', 'hazard-export', 'hazard-create', 'hazards-table']) expect(page, id).toContain(`data-testid="${id}"`);
  });
});
