// The registry page renders (server-side, first paint) in both languages, each tab without data (effects do not run
// here, nothing is fetched), and the parts that take data render API answers parsed by the contract's schemas: a
// hazard source masked as a street's staff sees it, its detail with points and device states, devices of every kind
// with their token columns and actions, points with range and thresholds, and an import preview with row errors.
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { devicePage, majorHazardDetailSchema, majorHazardSchema, pointImportPreviewSchema, pointSchema } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../../app/test-fixtures.tsx';
import RegistryPage from '../RegistryPage.tsx';
import { MajorHazardView } from './MajorHazardDetail.tsx';
import { SourceTable } from './MajorHazardList.tsx';
import { DeviceTable } from './DeviceList.tsx';
import { PointTable } from './PointList.tsx';
import { PointPreviewView } from './PointImport.tsx';

const html = (element: ReactElement, path = '/safety/registry') => renderAs(adminMe, element, path);
const untranslated = /safetyRegistry\.[a-zA-Z]+/;
const noop = () => undefined;
const at = '2026-11-20T02:00:00.000Z';

const source = majorHazardSchema.parse({
  id: U(10),
  code: 'GL-HS-001',
  name: '芳烃罐区',
  enterpriseId: U(20),
  enterpriseName: '古雷石化有限公司',
  level: 1,
  installations: [{ name: '1# 对二甲苯储罐', kind: 'tank', capacity: '2 × 5000 m³' }],
  responsible: {
    main: { name: '王*山', phone: '139****1111' },
    technical: { name: '李*', phone: '139****2222' },
    operational: { name: '陈**', phone: '139****3333' },
  },
  responsibleMasked: true,
  assessedOn: '2023-01-10',
  assessmentDueOn: '2026-01-10',
  assessmentOverdue: true,
  lng: 117.6,
  lat: 23.7,
  points: 2,
  devices: 1,
  createdAt: at,
  updatedAt: at,
});

const point = pointSchema.parse({
  id: U(30),
  enterpriseId: U(20),
  enterpriseName: '古雷石化有限公司',
  majorHazardId: source.id,
  majorHazardCode: source.code,
  majorHazardName: source.name,
  deviceId: U(41),
  deviceName: 'GD-01',
  deviceKind: 'device',
  gatewayName: '罐区网关',
  tag: 'LT-101',
  name: '1# 储罐液位',
  kind: 'level',
  unit: 'm',
  rangeLow: 0,
  rangeHigh: 20,
  hh: 18,
  h: 16,
  l: 2,
  ll: 1,
  deadband: 0.2,
  minDurationS: 10,
  rateLimitPerMin: null,
  expectedIntervalS: 5,
  staleAfterIntervals: 3,
  lng: null,
  lat: null,
  enabled: true,
  createdAt: at,
  updatedAt: at,
});

const detail = majorHazardDetailSchema.parse({ ...source, pointList: [point], deviceCounts: { online: 1, offline: 0, never: 0, revoked: 0 } });

const device = (n: number, over: Record<string, unknown>) => ({
  id: U(n),
  kind: 'device',
  name: 'RTU-1',
  enterpriseId: U(20),
  enterpriseName: '古雷石化有限公司',
  gatewayId: null,
  gatewayName: null,
  mn: null,
  hasToken: true,
  tokenHint: 'aB3x',
  tokenIssuedAt: at,
  revokedAt: null,
  expectedIntervalS: 5,
  lastSeenAt: at,
  status: 'online',
  points: 3,
  children: 0,
  createdAt: at,
  updatedAt: at,
  ...over,
});
const devices = devicePage.parse({
  items: [
    device(40, { kind: 'gateway', name: '罐区网关', points: 0, children: 1, status: 'revoked', revokedAt: at }),
    device(41, {
      name: 'GD-01',
      gatewayId: U(40),
      gatewayName: '罐区网关',
      hasToken: false,
      tokenHint: null,
      tokenIssuedAt: null,
      status: 'never',
      lastSeenAt: null,
    }),
    device(42, { kind: 'station', name: '古雷空气站', mn: '88888880000001', hasToken: false, tokenHint: null, tokenIssuedAt: null, points: 0 }),
  ],
  total: 3,
  page: 1,
  pageSize: 20,
}).items;

const preview = pointImportPreviewSchema.parse({
  mode: 'preview',
  total: 2,
  valid: 1,
  errors: [{ rowNumber: 4, column: '企业（信用代码或名称）', cell: 'B4', message: '企业「不存在化工」不在企业库中' }],
  rows: [
    {
      rowNumber: 3,
      enterprise: '古雷石化有限公司',
      majorHazard: 'GL-HS-001',
      device: 'RTU-1',
      tag: 'GT-001',
      name: '可燃气 1',
      kind: 'combustibleGas',
      unit: '%LEL',
      errors: 0,
    },
    { rowNumber: 4, enterprise: '不存在化工', majorHazard: null, device: 'RTU-1', tag: 'GT-002', name: '可燃气 2', kind: null, unit: '%LEL', errors: 1 },
  ],
  annotatedAvailable: true,
});

describe.each(['zh-CN', 'en-US'] as const)('registry page in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each([
    ['sources', '/safety/registry', ['source-filters', 'source-filter-level', 'source-filter-overdue', 'source-export', 'source-create', 'sources-table']],
    [
      'devices',
      '/safety/registry?tab=devices',
      ['device-filters', 'device-filter-kind', 'device-filter-status', 'device-export', 'device-create', 'devices-table'],
    ],
    ['points', '/safety/registry?tab=points', ['point-filters', 'point-filter-kind', 'point-export', 'point-import', 'point-create', 'points-table']],
  ])('the %s tab renders with its filters, export and actions', (_name, path, ids) => {
    const out = html(<RegistryPage />, path);
    for (const id of ids) expect(out, id).toContain(`data-testid="${id}"`);
    expect(out).toContain(zh ? '重大危险源' : 'Major hazard sources');
    expect(out).not.toMatch(untranslated);
  });

  it('an enterprise user reads the registry without the park’s actions', () => {
    const firm = { ...adminMe, enterpriseId: U(20), permissions: ['safety.read', 'safety.handle', 'safety.manage'] };
    for (const path of ['/safety/registry', '/safety/registry?tab=devices', '/safety/registry?tab=points']) {
      const out = renderAs(firm, <RegistryPage />, path);
      for (const id of ['source-create', 'device-create', 'point-create', 'point-import']) expect(out).not.toContain(`data-testid="${id}"`);
      expect(out).not.toContain('filter-enterprise');
    }
  });

  it('renders hazard sources masked, with level, overdue assessment and a delete refused while points remain', () => {
    const out = html(<SourceTable items={[source]} manage onOpen={noop} onEdit={noop} onDelete={noop} />);
    expect(out).toContain('GL-HS-001');
    expect(out).toContain(zh ? '一级' : 'Level 1');
    expect(out).toContain(zh ? '已逾期' : 'Overdue');
    expect(out).toContain('139****1111');
    expect(out).toContain(`source-edit-${source.id}`);
    expect(out).not.toContain(`source-delete-${source.id}`);
    const empty = html(<SourceTable items={[{ ...source, points: 0 }]} manage onOpen={noop} onEdit={noop} onDelete={noop} />);
    expect(empty).toContain(`source-delete-${source.id}`);
    expect(html(<SourceTable items={[source]} manage={false} onOpen={noop} onEdit={noop} onDelete={noop} />)).not.toContain('source-edit-');
    expect(out).not.toMatch(untranslated);
  });

  it('renders a hazard source with its responsible persons, device states and points', () => {
    const out = html(<MajorHazardView source={detail} />);
    for (const id of ['source-detail', 'source-detail-main', 'source-device-counts', 'source-detail-points']) expect(out).toContain(`data-testid="${id}"`);
    expect(out).toContain('王*山');
    expect(out).toContain('139****1111');
    expect(out).toContain(zh ? '储罐区' : 'Tank farm');
    expect(out).toContain('罐区网关/GD-01');
    expect(out).toContain('LL 1 · L 2 · H 16 · HH 18');
    expect(out).toContain('0 – 20 m');
    expect(out).not.toMatch(untranslated);
  });

  it('renders devices: the token hint of a token holder, none behind a gateway or for a station, actions by kind and state', () => {
    const out = html(<DeviceTable items={devices} manage onEdit={noop} onRotate={noop} onRevoke={noop} onDelete={noop} />);
    expect(out).toContain(zh ? '尾号 aB3x' : 'ending aB3x');
    expect(out).toContain(zh ? '无（经网关上报）' : 'None (through its gateway)');
    expect(out).toContain(zh ? '无（按 MN 识别）' : 'None (known by its MN)');
    expect(out).toContain('88888880000001');
    expect(out).toContain(zh ? '已吊销' : 'Revoked');
    expect(out).toContain(zh ? '从未上报' : 'Never seen');
    expect(out).toContain(`device-rotate-${U(40)}`);
    // revoked already; the device behind the gateway and the station hold no token
    expect(out).not.toContain(`device-revoke-${U(40)}`);
    expect(out).not.toContain(`device-rotate-${U(41)}`);
    expect(out).not.toContain(`device-rotate-${U(42)}`);
    // a gateway with devices behind it is not deleted; a station without points is
    expect(out).not.toContain(`device-delete-${U(40)}`);
    expect(out).toContain(`device-delete-${U(42)}`);
    expect(out).not.toMatch(untranslated);
  });

  it('renders points with their device behind its gateway, range and thresholds', () => {
    const out = html(<PointTable items={[point]} manage onEdit={noop} onDelete={noop} />);
    expect(out).toContain('LT-101');
    expect(out).toContain('罐区网关/GD-01');
    expect(out).toContain('GL-HS-001');
    expect(out).toContain(zh ? '液位' : 'Level');
    expect(out).toContain(`point-thresholds-${point.id}`);
    expect(out).toContain(`point-delete-${point.id}`);
    expect(out).not.toMatch(untranslated);
  });

  it('renders the import preview with the errors by row and column', () => {
    const out = html(<PointPreviewView preview={preview} />);
    for (const id of ['point-import-preview', 'point-import-has-errors', 'point-import-errors']) expect(out).toContain(`data-testid="${id}"`);
    expect(out).toContain('B4');
    expect(out).toContain('不存在化工');
    expect(out).toContain(zh ? '1 行共 1 处错误' : '1 errors in 1 rows');
    expect(out).not.toMatch(untranslated);
  });
});
