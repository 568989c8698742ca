// The registry's workbooks (platform/sheets.ts): the point sheet (import template, and the export in the same layout,
// so that a park's list can be filled in and sent back), and the exports of hazard sources and devices. Rows come in
// already masked and filtered by the caller's visibility.
import type { DeviceStatus, MajorHazard, PointKind, SafetyDevice } from '@zoneops/shared';
import { z } from 'zod';
import { writeSheet, type SheetColumn, type SheetSpec } from '../../platform/sheets.ts';
import type { PointRow } from './registry.repository.ts';

export interface SheetFile {
  filename: string;
  buffer: Buffer;
}

export const pointKindLabels: Record<PointKind, string> = {
  level: '液位',
  temperature: '温度',
  pressure: '压力',
  combustibleGas: '可燃气体',
  toxicGas: '有毒气体',
  other: '其他',
};
const levelLabels: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };
const deviceKindLabels = { device: '设备', gateway: '网关', station: '环境监测站' } as const;
const statusLabels: Record<DeviceStatus, string> = { online: '在线', offline: '离线', never: '从未上报', revoked: '已吊销' };

/** A time in the zone, to the minute. */
function localTime(isoString: string | null): string {
  if (!isoString) return '';
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(isoString));
  const get = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

// ---- points -------------------------------------------------------------------------------------------------------

/** One row of the point sheet as written: references by name or code, every value as the cell holds it. */
export interface PointSheetRow {
  enterprise: string;
  majorHazard?: string | undefined;
  device: string;
  tag: string;
  name: string;
  kind: PointKind;
  unit: string;
  rangeLow?: number | undefined;
  rangeHigh?: number | undefined;
  hh?: number | undefined;
  h?: number | undefined;
  l?: number | undefined;
  ll?: number | undefined;
  deadband?: number | undefined;
  minDurationS?: number | undefined;
  rateLimitPerMin?: number | undefined;
  expectedIntervalS?: number | undefined;
  staleAfterIntervals?: number | undefined;
  lng?: number | undefined;
  lat?: number | undefined;
  enabled?: 'true' | 'false' | undefined;
  updatedAt?: string | undefined;
}

export const pointColumns: SheetColumn<PointSheetRow>[] = [
  { key: 'enterprise', header: '企业（信用代码或名称）', headerEn: 'Enterprise (credit code or name)', kind: 'text', required: true, width: 30 },
  { key: 'majorHazard', header: '重大危险源编码', headerEn: 'Hazard source code', kind: 'text', width: 16 },
  {
    key: 'device',
    header: '所属设备（网关下的设备写 网关/设备）',
    headerEn: 'Device (gateway/device behind a gateway)',
    kind: 'text',
    required: true,
    width: 24,
  },
  { key: 'tag', header: '位号', headerEn: 'Tag', kind: 'text', required: true, width: 16 },
  { key: 'name', header: '点位名称', headerEn: 'Name', kind: 'text', required: true, width: 24 },
  {
    key: 'kind',
    header: '类型',
    headerEn: 'Kind',
    kind: 'enum',
    required: true,
    width: 12,
    enumValues: (Object.entries(pointKindLabels) as [PointKind, string][]).map(([value, label]) => ({ value, label })),
  },
  { key: 'unit', header: '单位', headerEn: 'Unit', kind: 'text', required: true, width: 8 },
  { key: 'rangeLow', header: '量程下限', headerEn: 'Range low', kind: 'number', width: 10 },
  { key: 'rangeHigh', header: '量程上限', headerEn: 'Range high', kind: 'number', width: 10 },
  { key: 'hh', header: '高高报', headerEn: 'High-high', kind: 'number', width: 10 },
  { key: 'h', header: '高报', headerEn: 'High', kind: 'number', width: 10 },
  { key: 'l', header: '低报', headerEn: 'Low', kind: 'number', width: 10 },
  { key: 'll', header: '低低报', headerEn: 'Low-low', kind: 'number', width: 10 },
  { key: 'deadband', header: '回差', headerEn: 'Deadband', kind: 'number', width: 8 },
  { key: 'minDurationS', header: '最短持续（秒）', headerEn: 'Minimum duration (s)', kind: 'integer', width: 12 },
  { key: 'rateLimitPerMin', header: '变化率上限（每分钟）', headerEn: 'Rate limit per minute', kind: 'number', width: 14 },
  { key: 'expectedIntervalS', header: '上报周期（秒）', headerEn: 'Expected interval (s)', kind: 'integer', width: 12 },
  { key: 'staleAfterIntervals', header: '失联判定（周期数）', headerEn: 'Stale after (intervals)', kind: 'integer', width: 14 },
  { key: 'lng', header: '经度', headerEn: 'Longitude', kind: 'number', width: 12 },
  { key: 'lat', header: '纬度', headerEn: 'Latitude', kind: 'number', width: 12 },
  {
    key: 'enabled',
    header: '启用',
    headerEn: 'Enabled',
    kind: 'enum',
    width: 8,
    enumValues: [
      { value: 'true', label: '是' },
      { value: 'false', label: '否' },
    ],
  },
];

export const POINT_SHEET_ID = 'safety-points';
export const POINT_SHEET_TITLE = '监测点位清单';

/** The point sheet's layout with the schema a reader checks rows against. */
export function pointSheetSpec<Row extends PointSheetRow>(schema: z.ZodType<Row>, naturalKey: (row: Row) => string): SheetSpec<Row> {
  return {
    id: POINT_SHEET_ID,
    version: 1,
    title: POINT_SHEET_TITLE,
    sheetName: '监测点位',
    columns: pointColumns as unknown as SheetColumn<Row>[],
    schema,
    naturalKey,
  };
}

const exportPointSpec: SheetSpec<PointSheetRow> = {
  ...pointSheetSpec(z.any() as z.ZodType<PointSheetRow>, (r) => `${r.enterprise}|${r.device}|${r.tag}`),
  columns: [...pointColumns, { key: 'updatedAt', header: '更新时间', headerEn: 'Updated', kind: 'text', width: 18 }],
};

/** A point as the sheet writes it: the device behind a gateway as gateway/device, so that it reads back unambiguously. */
export function pointExportRow(r: PointRow): PointSheetRow {
  const opt = (n: number | null) => n ?? undefined;
  return {
    enterprise: r.enterpriseName,
    majorHazard: r.majorHazardCode ?? undefined,
    device: r.gatewayName ? `${r.gatewayName}/${r.deviceName ?? ''}` : (r.deviceName ?? ''),
    tag: r.tag,
    name: r.name,
    kind: r.kind,
    unit: r.unit,
    rangeLow: opt(r.rangeLow),
    rangeHigh: opt(r.rangeHigh),
    hh: opt(r.hh),
    h: opt(r.h),
    l: opt(r.l),
    ll: opt(r.ll),
    deadband: r.deadband,
    minDurationS: r.minDurationS,
    rateLimitPerMin: opt(r.rateLimitPerMin),
    expectedIntervalS: r.expectedIntervalS,
    staleAfterIntervals: r.staleAfterIntervals,
    lng: opt(r.lng),
    lat: opt(r.lat),
    enabled: r.enabled ? 'true' : 'false',
    updatedAt: localTime(r.updatedAt),
  };
}

export async function pointSheet(rows: readonly PointSheetRow[], day: string): Promise<SheetFile> {
  // writeSheet fails on enum columns with no rows and no spare rows (an empty validation range): keep one spare row then
  return { filename: `${POINT_SHEET_TITLE}-${day}.xlsx`, buffer: await writeSheet(exportPointSpec, rows, { spareRows: rows.length ? 0 : 1 }) };
}

export async function pointTemplate(): Promise<SheetFile> {
  const spec = pointSheetSpec(z.any() as z.ZodType<PointSheetRow>, (r) => r.tag);
  return { filename: `${POINT_SHEET_TITLE}-导入模板.xlsx`, buffer: await writeSheet(spec, []) };
}

// ---- hazard sources -----------------------------------------------------------------------------------------------

interface SourceSheetRow {
  code: string;
  name: string;
  enterprise: string;
  level: string;
  installations: string;
  mainName: string;
  mainPhone: string;
  technicalName: string;
  technicalPhone: string;
  operationalName: string;
  operationalPhone: string;
  assessedOn: string;
  assessmentDueOn: string;
  overdue: string;
  points: number;
  devices: number;
  lng: number | null;
  lat: number | null;
}
const text = (key: keyof SourceSheetRow & string, header: string, width = 14): SheetColumn<SourceSheetRow> => ({ key, header, kind: 'text', width });
const sourceSpec: SheetSpec<SourceSheetRow> = {
  id: 'safety-major-hazards',
  version: 1,
  title: '重大危险源清单',
  sheetName: '重大危险源',
  columns: [
    text('code', '编码'),
    text('name', '名称', 24),
    text('enterprise', '企业', 28),
    text('level', '等级', 8),
    text('installations', '装置设施', 36),
    text('mainName', '主要负责人', 10),
    text('mainPhone', '主要负责人电话'),
    text('technicalName', '技术负责人', 10),
    text('technicalPhone', '技术负责人电话'),
    text('operationalName', '操作负责人', 10),
    text('operationalPhone', '操作负责人电话'),
    text('assessedOn', '安全评估报告日期'),
    text('assessmentDueOn', '下次评估日期'),
    text('overdue', '评估逾期', 8),
    { key: 'points', header: '监测点数', kind: 'integer', width: 10 },
    { key: 'devices', header: '设备数', kind: 'integer', width: 8 },
    { key: 'lng', header: '经度', kind: 'number', width: 12 },
    { key: 'lat', header: '纬度', kind: 'number', width: 12 },
  ],
  schema: z.any() as z.ZodType<SourceSheetRow>,
  naturalKey: (r) => r.code,
};

export async function majorHazardSheet(rows: readonly MajorHazard[], day: string): Promise<SheetFile> {
  const data: SourceSheetRow[] = rows.map((s) => ({
    code: s.code,
    name: s.name,
    enterprise: s.enterpriseName,
    level: levelLabels[s.level] ?? String(s.level),
    installations: s.installations.map((i) => [i.name, i.capacity].filter(Boolean).join(' ')).join('；'),
    mainName: s.responsible.main.name,
    mainPhone: s.responsible.main.phone,
    technicalName: s.responsible.technical.name,
    technicalPhone: s.responsible.technical.phone,
    operationalName: s.responsible.operational.name,
    operationalPhone: s.responsible.operational.phone,
    assessedOn: s.assessedOn ?? '',
    assessmentDueOn: s.assessmentDueOn ?? '',
    overdue: s.assessmentOverdue ? '是' : '否',
    points: s.points,
    devices: s.devices,
    lng: s.lng,
    lat: s.lat,
  }));
  return { filename: `重大危险源清单-${day}.xlsx`, buffer: await writeSheet(sourceSpec, data, { spareRows: 0, totals: false }) };
}

// ---- devices ------------------------------------------------------------------------------------------------------

interface DeviceSheetRow {
  name: string;
  kind: string;
  enterprise: string;
  gateway: string;
  mn: string;
  tokenHint: string;
  tokenIssuedAt: string;
  revokedAt: string;
  status: string;
  lastSeenAt: string;
  expectedIntervalS: number;
  points: number;
}
const dtext = (key: keyof DeviceSheetRow & string, header: string, width = 14): SheetColumn<DeviceSheetRow> => ({ key, header, kind: 'text', width });
const deviceSpec: SheetSpec<DeviceSheetRow> = {
  id: 'safety-devices',
  version: 1,
  title: '监测设备清单',
  sheetName: '监测设备',
  columns: [
    dtext('name', '名称', 24),
    dtext('kind', '类型', 10),
    dtext('enterprise', '企业', 28),
    dtext('gateway', '所属网关', 18),
    dtext('mn', 'MN 编码', 26),
    dtext('tokenHint', '令牌尾号', 10),
    dtext('tokenIssuedAt', '令牌签发时间', 18),
    dtext('revokedAt', '吊销时间', 18),
    dtext('status', '状态', 10),
    dtext('lastSeenAt', '最近上报', 18),
    { key: 'expectedIntervalS', header: '上报周期（秒）', kind: 'integer', width: 12 },
    { key: 'points', header: '点位数', kind: 'integer', width: 8 },
  ],
  schema: z.any() as z.ZodType<DeviceSheetRow>,
  naturalKey: (r) => `${r.enterprise}|${r.gateway}|${r.name}`,
};

export async function deviceSheet(rows: readonly SafetyDevice[], day: string): Promise<SheetFile> {
  const data: DeviceSheetRow[] = rows.map((d) => ({
    name: d.name,
    kind: deviceKindLabels[d.kind],
    enterprise: d.enterpriseName,
    gateway: d.gatewayName ?? '',
    mn: d.mn ?? '',
    tokenHint: d.tokenHint ? `…${d.tokenHint}` : '',
    tokenIssuedAt: localTime(d.tokenIssuedAt),
    revokedAt: localTime(d.revokedAt),
    status: statusLabels[d.status],
    lastSeenAt: localTime(d.lastSeenAt),
    expectedIntervalS: d.expectedIntervalS,
    points: d.points,
  }));
  return { filename: `监测设备清单-${day}.xlsx`, buffer: await writeSheet(deviceSpec, data, { spareRows: 0, totals: false }) };
}
