// The demo zone's safety monitoring (DOMAIN §10, issue 7): twelve major hazard sources (重大危险源) of the chemical
// anchor firms of Gulei with their installations, the three responsible persons and assessment dates (a few due
// soon); gateways with the control systems (DCS) and gas detection systems (GDS) behind them by name, some direct
// devices, an air and a water station (HJ 212); about 2,000 monitoring points with ranges, thresholds, deadbands,
// minimum durations and reporting intervals; the latest value of every point, a day of history (every 5 minutes,
// with its minute and hour roll-ups) for ~50 of them, a few alarms (closed, and open in every state) with their
// events, and two suppression windows. Hazards (隐患) are ledger items written by the hazard service: none here.
// Written once, after the demo zone, in one transaction (one file because the tables, the plan and the writing
// change together).
//
// Device tokens are issued at seed time as the registry issues them (device-tokens.ts), stored only as sha256 (token_hash, token_hint = last 4,
// token_issued_at). Their plaintext goes to DATA_DIR/demo-devices.json (mode 0600; written with the seed only, so a
// lost file means rotating the tokens in the registry) for the simulator
// (`npm run simulate -- telemetry`), in this shape (DemoDevicesFile below):
//   { version: 1, generatedAt, baseUrl: "http://localhost:<PORT>", mqtt: { port, url }, hj212: { port } | null,
//     devices: [ { id, name, kind: "gateway" | "device", enterprise, token,
//                  points: [point…]                      (a direct device's own points; [] for a gateway)
//                  children?: [ { id, name, points: [point…] } ] } ],   (a gateway's devices, by name in payloads)
//     stations: [ { id, name, mn, st: "22" | "32", pw, enterprise, factors: [point…] } ] }   (tag = factor code)
//   point = { id, tag, name, kind, unit, range: [low, high], thresholds: { hh, h, l, ll }, deadband, minDurationS,
//             intervalS, setPoint }
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { addCalendarDays, hj212Factors, type DeviceKind, type PointKind, type PointThresholds } from '@zoneops/shared';
import { today } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { queryRows, type Tx } from '../../platform/database.ts';
import { issueDeviceToken } from '../../modules/safety/device-tokens.ts';
import { SafetyEvents } from '../../modules/safety/safety-events.ts';
import { enterprises, majorHazards, safetyAlarmEvents, safetyAlarms, safetyDevices, safetySuppressions, settings, users } from '../schema.ts';
import { BOUNDARY, buildDemoZone, GIVEN_NAMES, insidePolygon, MOBILE_PREFIXES, mulberry32, SURNAMES, type DemoZone, type Rng } from './demo-data.ts';

const MARK = 'demo.safety.seeded';
export const DEMO_DEVICES_FILE = 'demo-devices.json';
const MIN = 60_000;
const HOUR = 3_600_000;

// ---------------------------------------------------------------------------------------------------------------
// The file the simulator reads.

export interface DemoFilePoint {
  id: string;
  tag: string;
  name: string;
  kind: PointKind;
  unit: string;
  range: [number, number];
  thresholds: PointThresholds;
  deadband: number;
  minDurationS: number;
  intervalS: number;
  setPoint: number | null;
}
export interface DemoFileDevice {
  id: string;
  name: string;
  kind: 'gateway' | 'device';
  enterprise: string;
  token: string;
  points: DemoFilePoint[];
  children?: { id: string; name: string; points: DemoFilePoint[] }[];
}
export interface DemoFileStation {
  id: string;
  name: string;
  mn: string;
  st: '22' | '32';
  pw: string;
  enterprise: string;
  factors: DemoFilePoint[];
}
export interface DemoDevicesFile {
  version: 1;
  generatedAt: string;
  baseUrl: string;
  mqtt: { port: number; url: string | null };
  hj212: { port: number } | null;
  devices: DemoFileDevice[];
  stations: DemoFileStation[];
}

export const demoDevicesPath = (dataDir: string) => join(dataDir, DEMO_DEVICES_FILE);

// ---------------------------------------------------------------------------------------------------------------
// The hazard sources. Enterprise numbers are indexes into the demo zone's enterprises (the anchor firms).

type Toxic = 'H2S' | 'Cl2' | 'NH3' | 'CO';
interface Part {
  /** Short name: devices are named after it (`<short>-DCS`, `<short>-GDS`), and gas detectors. */
  short: string;
  name: string;
  /** As the registry's installation kinds. */
  kind: 'process' | 'tank';
  capacity: string;
  /** Process units: temperature, pressure and level (%) points. */
  process?: [number, number, number];
  /** Tank farms: tank prefix and first number, count, height (m; 0 = no level), temperature, pressure set point. */
  tanks?: { prefix: string; first: number; n: number; height: number; temp: number; pressure?: number | 'blanket' };
  gas: number;
  toxic?: [Toxic, number];
}
interface SourceSpec {
  e: number;
  code: string;
  name: string;
  level: number;
  /** Which gateway of the enterprise carries it, or direct devices with their own tokens. */
  via: 0 | 1 | 'direct';
  parts: Part[];
}

const unit = (short: string, name: string, capacity: string, process: [number, number, number], gas: number, toxic?: [Toxic, number]): Part => ({
  short,
  name,
  kind: 'process',
  capacity,
  process,
  gas,
  ...(toxic ? { toxic } : {}),
});
const tanks = (short: string, name: string, capacity: string, t: NonNullable<Part['tanks']>, gas: number, toxic?: [Toxic, number]): Part => ({
  short,
  name,
  kind: 'tank',
  capacity,
  tanks: t,
  gas,
  ...(toxic ? { toxic } : {}),
});

const SOURCES: SourceSpec[] = [
  {
    e: 0,
    code: 'GL-MH-001',
    name: '乙烯裂解装置',
    level: 1,
    via: 0,
    parts: [
      unit('裂解炉区', '裂解炉区(H-1101~H-1110)', '10台裂解炉，乙烯80万吨/年', [90, 20, 0], 16),
      unit('急冷压缩区', '急冷及裂解气压缩区', '裂解气压缩机C-1201', [40, 40, 20], 24, ['H2S', 8]),
      unit('分离区', '分离精制区', '乙烯精馏塔T-1301等', [60, 45, 35], 36),
    ],
  },
  {
    e: 0,
    code: 'GL-MH-002',
    name: '原油罐区',
    level: 1,
    via: 1,
    parts: [tanks('原油罐区', '原油储罐T-101~T-108', '8×10万m³', { prefix: 'T', first: 101, n: 8, height: 21.8, temp: 40 }, 24, ['H2S', 8])],
  },
  {
    e: 0,
    code: 'GL-MH-003',
    name: '液化烃球罐区',
    level: 1,
    via: 1,
    parts: [
      tanks('丙烯球罐区', '丙烯球罐V-301~V-306', '6×2000m³', { prefix: 'V', first: 301, n: 6, height: 15.7, temp: 25, pressure: 1.05 }, 18),
      tanks('碳四球罐区', '碳四/液化石油气球罐V-307~V-312', '6×1000m³', { prefix: 'V', first: 307, n: 6, height: 12.3, temp: 25, pressure: 0.45 }, 18),
    ],
  },
  {
    e: 1,
    code: 'GL-MH-004',
    name: '芳烃联合装置',
    level: 1,
    via: 0,
    parts: [
      unit('重整单元', '连续重整单元', '重整反应器R-2101~R-2104', [60, 35, 25], 30, ['H2S', 8]),
      unit('吸附分离单元', '歧化及吸附分离单元', '吸附塔T-2201/T-2202', [60, 35, 30], 30),
      unit('二甲苯精馏单元', '二甲苯精馏单元', '二甲苯塔T-2301', [45, 25, 25], 24),
    ],
  },
  {
    e: 1,
    code: 'GL-MH-005',
    name: '芳烃罐区',
    level: 2,
    via: 0,
    parts: [
      tanks('对二甲苯罐区', '对二甲苯储罐T-501~T-512', '12×2万m³', { prefix: 'T', first: 501, n: 12, height: 17.8, temp: 30 }, 30),
      tanks('苯罐区', '苯储罐T-513~T-516', '4×1万m³', { prefix: 'T', first: 513, n: 4, height: 15.8, temp: 25, pressure: 'blanket' }, 12),
    ],
  },
  {
    e: 2,
    code: 'GL-MH-006',
    name: '苯乙烯及丙烯腈罐区',
    level: 2,
    via: 0,
    parts: [
      tanks('苯乙烯罐区', '苯乙烯储罐T-601~T-606', '6×5000m³', { prefix: 'T', first: 601, n: 6, height: 14.3, temp: 15, pressure: 'blanket' }, 18),
      tanks('丙烯腈罐区', '丙烯腈储罐T-607~T-610', '4×3000m³', { prefix: 'T', first: 607, n: 4, height: 12.5, temp: 20, pressure: 'blanket' }, 12),
    ],
  },
  {
    e: 2,
    code: 'GL-MH-007',
    name: 'ABS聚合装置',
    level: 3,
    via: 0,
    parts: [unit('聚合单元', 'ABS接枝聚合单元', '聚合釜R-3101~R-3106', [50, 30, 25], 30), unit('回收单元', '单体回收单元', '回收塔T-3201', [30, 20, 15], 20)],
  },
  {
    e: 3,
    code: 'GL-MH-008',
    name: '液氯库',
    level: 1,
    via: 0,
    parts: [tanks('液氯储罐区', '液氯储罐V-801~V-806', '6×50t', { prefix: 'V', first: 801, n: 6, height: 2.8, temp: 20, pressure: 0.6 }, 0, ['Cl2', 24])],
  },
  {
    e: 3,
    code: 'GL-MH-009',
    name: '1,4-丁二醇装置',
    level: 2,
    via: 0,
    parts: [
      unit('炔化单元', '甲醛及炔化单元', '炔化反应器R-4101', [40, 30, 20], 24, ['CO', 6]),
      unit('加氢精馏单元', '加氢及精馏单元', '加氢反应器R-4201', [40, 30, 25], 24),
    ],
  },
  {
    e: 4,
    code: 'GL-MH-010',
    name: '液体化工码头罐区',
    level: 2,
    via: 0,
    parts: [tanks('码头罐区', '液体化工品储罐T-1001~T-1024', '24×1万m³', { prefix: 'T', first: 1001, n: 24, height: 15.8, temp: 28 }, 40, ['H2S', 8])],
  },
  {
    e: 5,
    code: 'GL-MH-011',
    name: '脱硝液氨储罐区',
    level: 4,
    via: 'direct',
    parts: [tanks('液氨罐区', '液氨储罐V-1101~V-1102', '2×100m³', { prefix: 'V', first: 1101, n: 2, height: 3.2, temp: 25, pressure: 0.9 }, 0, ['NH3', 12])],
  },
  {
    e: 7,
    code: 'GL-MH-012',
    name: '氢气储存及充装区',
    level: 3,
    via: 'direct',
    parts: [tanks('氢气储罐区', '氢气储罐V-1201~V-1204', '4×500m³', { prefix: 'V', first: 1201, n: 4, height: 0, temp: 25, pressure: 1.6 }, 12)],
  },
];
/** The enterprise whose company runs the park's air and water stations (the wastewater plant). */
const STATION_ENTERPRISE = 6;
/** Chemical firms without a major hazard source that still watch gas and tanks (direct devices). */
const GAS_ONLY_FIRMS = 5;

const TOXIC: Record<Toxic, { zh: string; range: [number, number]; h: number; hh: number; deadband: number }> = {
  H2S: { zh: '硫化氢', range: [0, 100], h: 10, hh: 20, deadband: 1 },
  Cl2: { zh: '氯气', range: [0, 10], h: 1, hh: 3, deadband: 0.1 },
  NH3: { zh: '氨气', range: [0, 100], h: 25, hh: 50, deadband: 2 },
  CO: { zh: '一氧化碳', range: [0, 500], h: 30, hh: 100, deadband: 3 },
};
// [equipment letter, what, set point from, to, range high]
const TEMPERATURES: [string, string, number, number, number][] = [
  ['F', '炉出口温度', 800, 850, 1200],
  ['R', '反应器床层温度', 250, 480, 600],
  ['T', '塔顶温度', 40, 120, 200],
  ['T', '塔釜温度', 120, 240, 300],
  ['E', '换热器出口温度', 40, 180, 250],
  ['C', '压缩机轴承温度', 45, 65, 120],
  ['P', '泵出口温度', 30, 150, 200],
];
const PRESSURES: [string, string, number, number, number][] = [
  ['T', '塔顶压力', 0.1, 1.8, 2.5],
  ['R', '反应器压力', 0.5, 3.5, 6],
  ['C', '压缩机出口压力', 1.5, 3.6, 6],
  ['C', '压缩机入口压力', 0.05, 0.3, 1],
  ['P', '泵出口压力', 0.6, 2, 4],
  ['V', '容器压力', 0.2, 1.2, 2.5],
];
const LEVELS: [string, string][] = [
  ['T', '塔釜液位'],
  ['V', '回流罐液位'],
  ['V', '分液罐液位'],
  ['D', '脱水包液位'],
];
// HJ 212 factors: [code, range high, set point, h, hh, deadband]
const AIR: [string, number, number, number, number, number][] = [
  ['a34004', 1000, 32, 75, 115, 5],
  ['a34002', 1000, 58, 150, 250, 10],
  ['a21026', 2000, 9, 150, 500, 10],
  ['a21004', 1000, 28, 80, 200, 8],
  ['a21005', 60, 0.7, 4, 10, 0.3],
  ['a05024', 1000, 85, 160, 200, 10],
];
const WATER: [string, number, number, number, number, number][] = [
  ['w01018', 500, 26, 50, 60, 3],
  ['w21003', 50, 1.1, 5, 8, 0.3],
  ['w21011', 10, 0.18, 0.5, 1, 0.05],
  ['w21001', 100, 11, 30, 40, 2],
];

// ---------------------------------------------------------------------------------------------------------------
// The plan: pure and deterministic for a given day (assessment dates count from it).

export interface PlanSource {
  code: string;
  name: string;
  enterprise: number;
  level: number;
  installations: { name: string; kind: string; capacity: string }[];
  responsible: Record<'main' | 'technical' | 'operational', { name: string; phone: string }>;
  assessedOn: string;
  assessmentDueOn: string;
  lng: number;
  lat: number;
}
export interface PlanDevice {
  key: string;
  kind: DeviceKind;
  name: string;
  enterprise: number;
  gateway: string | null;
  mn: string | null;
  st: '22' | '32' | null;
}
export interface PlanPoint {
  device: string;
  source: string | null;
  enterprise: number;
  tag: string;
  name: string;
  kind: PointKind;
  unit: string;
  range: [number, number];
  thresholds: PointThresholds;
  deadband: number;
  minDurationS: number;
  intervalS: number;
  setPoint: number;
  lng: number;
  lat: number;
}
export interface DemoSafetyPlan {
  /** Zone enterprise index of every enterprise used. */
  enterprises: number[];
  sources: PlanSource[];
  devices: PlanDevice[];
  points: PlanPoint[];
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const pick = <T>(rng: Rng, arr: readonly T[]): T => arr[Math.floor(rng() * arr.length)]!;
const between = (rng: Rng, a: number, b: number) => a + rng() * (b - a);
const tagOf = (prefix: string, area: number, seq: number) => `${prefix}-${area}${String(seq).padStart(3, '0')}`;
export const shortName = (name: string) => name.replace(/(\(漳州\))?(股份)?有限公司$/, '').replace(/^(福建|漳州)(?=.{4})/, '');

/** Thresholds around a set point: ±δ (h, l) and ±1.6δ (hh, ll), δ a tenth of the span at most, inside the range. */
function around(sp: number, range: [number, number], d: number): { thresholds: PointThresholds; deadband: number } {
  const span = range[1] - range[0];
  const delta = Math.min(span * 0.1, (range[1] - sp) * 0.45, (sp - range[0]) * 0.45);
  const step = 10 ** -d;
  return {
    thresholds: { hh: round(sp + 1.6 * delta, d), h: round(sp + delta, d), l: round(sp - delta, d), ll: round(sp - 1.6 * delta, d) },
    deadband: Math.max(step, round(Math.min(delta * 0.2, span * 0.015), d)),
  };
}

type Measure = Pick<PlanPoint, 'kind' | 'unit' | 'range' | 'thresholds' | 'deadband' | 'minDurationS' | 'intervalS' | 'setPoint'>;
type Thresholds4 = [number | null, number | null, number | null, number | null];
/** A point whose thresholds sit around its set point (`d`: decimals of the thresholds). */
function measure(kind: PointKind, unit: string, range: [number, number], sp: number, d: number, minDurationS: number, intervalS: number): Measure {
  return { kind, unit, range, ...around(sp, range, d), minDurationS, intervalS, setPoint: sp };
}
/** A point with fixed thresholds [hh, h, l, ll]. */
function fixed(
  kind: PointKind,
  unit: string,
  range: [number, number],
  [hh, h, l, ll]: Thresholds4,
  deadband: number,
  minDurationS: number,
  intervalS: number,
  setPoint: number,
): Measure {
  return { kind, unit, range, thresholds: { hh, h, l, ll }, deadband, minDurationS, intervalS, setPoint };
}

function jitter(rng: Rng, lng: number, lat: number, r: number): [number, number] {
  const ring = [...BOUNDARY, BOUNDARY[0]!];
  for (let i = 0; i < 50; i++) {
    const x = round(lng + (rng() - 0.5) * 2 * r, 6);
    const y = round(lat + (rng() - 0.5) * 2 * r * 0.9, 6);
    if (insidePolygon(x, y, ring)) return [x, y];
  }
  return [lng, lat];
}

/** Adds years to a calendar date (29 February becomes 28 February). */
function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-');
  const day = m === '02' && d === '29' ? '28' : d;
  return `${Number(y) + years}-${m}-${day}`;
}

export function buildDemoSafetyPlan(zone: DemoZone, todayOn: string): DemoSafetyPlan {
  const rng = mulberry32(0x5eed0700);
  const person = () => {
    let phone = pick(rng, MOBILE_PREFIXES);
    for (let i = 0; i < 8; i++) phone += String(Math.floor(rng() * 10));
    return { name: pick(rng, SURNAMES).zh + pick(rng, GIVEN_NAMES).zh, phone };
  };
  const sources: PlanSource[] = [];
  const devices: PlanDevice[] = [];
  const points: PlanPoint[] = [];
  const areas = new Map<number, number>();
  const mains = new Map<number, { name: string; phone: string }>();
  const gateways = new Map<string, string>();
  const ent = (e: number) => zone.enterprises[e]!;

  const addDevice = (d: Omit<PlanDevice, 'key' | 'mn' | 'st'> & Partial<PlanDevice>): string => {
    const key = `${d.enterprise}/${d.gateway ?? ''}/${d.name}`;
    devices.push({ mn: null, st: null, ...d, key });
    return key;
  };
  const gatewayOf = (e: number, n: number) => {
    const k = `${e}/${n}`;
    if (!gateways.has(k))
      gateways.set(k, addDevice({ kind: 'gateway', name: `${shortName(ent(e).name)}-数据采集网关-0${n + 1}`, enterprise: e, gateway: null }));
    return gateways.get(k)!;
  };

  /** The points of one part (installation) of an enterprise, on its control-system and gas-detection devices. */
  const addPart = (e: number, source: string | null, part: Part, via: 0 | 1 | 'direct', centre: [number, number]) => {
    const area = (areas.get(e) ?? 0) + 1;
    areas.set(e, area);
    const gateway = via === 'direct' ? null : gatewayOf(e, via);
    const prefix = via === 'direct' ? shortName(ent(e).name) : '';
    const dcs = part.process || part.tanks ? addDevice({ kind: 'device', name: `${prefix}${part.short}-DCS`, enterprise: e, gateway }) : null;
    const gds = part.gas || part.toxic ? addDevice({ kind: 'device', name: `${prefix}${part.short}-GDS`, enterprise: e, gateway }) : null;
    const put = (device: string, tag: string, name: string, m: Measure) => {
      const [lng, lat] = jitter(rng, centre[0], centre[1], 0.0006);
      points.push({ device, source, enterprise: e, tag, name, ...m, lng, lat });
    };
    const equip = (letter: string, i: number, n: number) => `${letter}-${area}${String(1 + Math.floor(i / n)).padStart(2, '0')}`;
    const [tt, pt, lt] = part.process ?? [0, 0, 0];
    for (let i = 0; i < tt; i++) {
      const [letter, what, a, b, high] = TEMPERATURES[i % TEMPERATURES.length]!;
      const m = measure('temperature', '℃', [0, high], round(between(rng, a, b), 0), 0, pick(rng, [20, 30]), pick(rng, [30, 60]));
      put(dcs!, tagOf('TT', area, 101 + i), equip(letter, i, TEMPERATURES.length) + what, m);
    }
    for (let i = 0; i < pt; i++) {
      const [letter, what, a, b, high] = PRESSURES[i % PRESSURES.length]!;
      const m = measure('pressure', 'MPa', [0, high], round(between(rng, a, b), 2), 2, pick(rng, [10, 15]), pick(rng, [15, 30]));
      put(dcs!, tagOf('PT', area, 101 + i), equip(letter, i, PRESSURES.length) + what, m);
    }
    for (let i = 0; i < lt; i++) {
      const [letter, what] = LEVELS[i % LEVELS.length]!;
      const m = fixed('level', '%', [0, 100], [90, 80, 20, 10], 2, pick(rng, [20, 30]), 30, round(between(rng, 40, 60), 0));
      put(dcs!, tagOf('LT', area, 101 + i), equip(letter, i, LEVELS.length) + what, m);
    }
    const t = part.tanks;
    for (let i = 0; t && i < t.n; i++) {
      const tank = `${t.prefix}-${t.first + i}`;
      const H = t.height;
      if (H > 0) {
        const levels: Thresholds4 = [round(H * 0.9, 1), round(H * 0.85, 1), round(H * 0.15, 1), round(H * 0.1, 1)];
        const m = fixed('level', 'm', [0, H], levels, Math.max(0.05, round(H * 0.01, 2)), 30, 30, round(H * between(rng, 0.35, 0.65), 1));
        put(dcs!, tagOf('LT', area, 101 + i), `${tank}液位`, m);
      }
      put(dcs!, tagOf('TT', area, 101 + i), `${tank}温度`, measure('temperature', '℃', [-20, 80], t.temp, 0, 30, 60));
      if (t.pressure === 'blanket') put(dcs!, tagOf('PT', area, 101 + i), `${tank}氮封压力`, measure('pressure', 'kPa', [-1, 6], 1.5, 1, 15, 15));
      else if (t.pressure)
        put(dcs!, tagOf('PT', area, 101 + i), `${tank}压力`, measure('pressure', 'MPa', [0, t.pressure > 1.2 ? 4 : 2.5], t.pressure, 2, 15, 15));
    }
    const lel = fixed('combustibleGas', '%LEL', [0, 100], [50, 25, null, null], 3, 10, 10, 0);
    for (let i = 0; i < part.gas; i++) put(gds!, tagOf('AT', area, 101 + i), `${part.short}可燃气体检测器${i + 1}#`, lel);
    const [gas, n] = part.toxic ?? ['H2S', 0];
    const g = TOXIC[gas];
    for (let i = 0; i < n; i++) {
      const m = fixed('toxicGas', 'ppm', g.range, [g.hh, g.h, null, null], g.deadband, pick(rng, [10, 15]), 10, 0);
      put(gds!, tagOf('AT', area, 701 + i), `${part.short}${g.zh}检测器${i + 1}#`, m);
    }
  };

  for (const [k, s] of SOURCES.entries()) {
    const e = ent(s.e);
    const centres = s.parts.map(() => jitter(rng, e.lng, e.lat, 0.003));
    for (const [i, part] of s.parts.entries()) addPart(s.e, s.code, part, s.via, centres[i]!);
    if (!mains.has(s.e)) mains.set(s.e, person());
    // Assessment reports every three years; two due within six weeks, one overdue by a few days.
    const daysAgo = k === 2 ? 3 * 365 - 18 : k === 6 ? 3 * 365 - 40 : k === 9 ? 3 * 365 + 6 : 120 + Math.floor(rng() * 800);
    const assessedOn = addCalendarDays(todayOn, -daysAgo);
    sources.push({
      code: s.code,
      name: s.name,
      enterprise: s.e,
      level: s.level,
      installations: s.parts.map((p) => ({ name: p.name, kind: p.kind, capacity: p.capacity })),
      responsible: { main: mains.get(s.e)!, technical: person(), operational: person() },
      assessedOn,
      assessmentDueOn: addYears(assessedOn, 3),
      lng: round(centres.reduce((a, c) => a + c[0], 0) / centres.length, 6),
      lat: round(centres.reduce((a, c) => a + c[1], 0) / centres.length, 6),
    });
  }

  // Chemical firms without a major hazard source: a gas detection controller and a small tank farm, direct devices.
  const gasOnly = zone.enterprises
    .map((x, i) => ({ x, i }))
    .filter(({ x, i }) => i >= 8 && x.status === 'operating' && (x.industry === 'petrochemical' || x.industry === 'fineChemical'))
    .slice(0, GAS_ONLY_FIRMS)
    .map(({ i }) => i);
  for (const [k, e] of gasOnly.entries()) {
    const c = jitter(rng, ent(e).lng, ent(e).lat, 0.002);
    addPart(e, null, { short: '生产区', name: '生产区', kind: 'process', capacity: '', gas: 30, toxic: [k % 2 ? 'NH3' : 'H2S', 6] }, 'direct', c);
    const t = { prefix: 'T', first: 101, n: 4, height: 12.5, temp: 25 };
    addPart(e, null, { short: '储罐区', name: '储罐区', kind: 'tank', capacity: '4×2000m³', tanks: t, gas: 0 }, 'direct', c);
  }

  // The park's stations: ambient air (ST 22) in the middle of the park, the wastewater plant's outlet (ST 32).
  const stations: [string, string, '22' | '32', typeof AIR, [number, number]][] = [
    ['古雷园区环境空气自动监测站', '35062300GL00000000000001', '22', AIR, [117.6152, 23.7706]],
    [
      '园区污水处理厂总排口水质在线监测站',
      '35062300GL00000000000002',
      '32',
      WATER,
      jitter(rng, ent(STATION_ENTERPRISE).lng, ent(STATION_ENTERPRISE).lat, 0.001),
    ],
  ];
  for (const [name, mn, st, factors, [lng, lat]] of stations) {
    const device = addDevice({ kind: 'station', name, enterprise: STATION_ENTERPRISE, gateway: null, mn, st });
    for (const [code, high, sp, h, hh, deadband] of factors) {
      const f = hj212Factors[code]!;
      const m = fixed('other', f.unit, [0, high], [hh, h, null, null], deadband, 30, 30, sp);
      points.push({ device, source: null, enterprise: STATION_ENTERPRISE, tag: code, name: f.zh, ...m, lng, lat });
    }
  }

  const used = [...new Set([...SOURCES.map((s) => s.e), ...gasOnly, STATION_ENTERPRISE])].sort((a, b) => a - b);
  return { enterprises: used, sources, devices, points };
}

// ---------------------------------------------------------------------------------------------------------------
// History, latest values and alarms.

/** An alarm written as history: which point (enterprise index and tag) or device, and how its life went. */
interface AlarmStory {
  e: number;
  tag?: string;
  device?: string;
  rule: 'threshold' | 'stale' | 'offline';
  band?: 'hh' | 'h' | 'l' | 'll';
  /** Minutes ago it was raised; minutes it lasted (null: still holds). */
  ago: number;
  lasted: number | null;
  /** Minutes after raising: [acknowledged, handled, closed], by the enterprise or the park's officer, with notes. */
  ack?: [number, 'enterprise' | 'officer', string?];
  handle?: [number, 'enterprise' | 'officer', string];
  close?: [number, string];
  /** Worse band it reached a few minutes after raising. */
  worsened?: 'hh' | 'll';
  escalatedAfter?: number;
}

const ALARMS: AlarmStory[] = [
  // open: one in each state, every level
  { e: 0, tag: 'AT-2701', rule: 'threshold', band: 'h', worsened: 'hh', ago: 25, lasted: null, escalatedAfter: 15 },
  { e: 0, tag: 'LT-4101', rule: 'threshold', band: 'h', ago: 130, lasted: null, ack: [18, 'enterprise', '已通知调度暂停收油，安排倒罐'] },
  {
    e: 1,
    tag: 'PT-2105',
    rule: 'threshold',
    band: 'l',
    ago: 190,
    lasted: 55,
    ack: [6, 'enterprise'],
    handle: [150, 'enterprise', '现场检查为调节阀定位器故障，已切换旁路并更换定位器，压力恢复正常'],
  },
  { e: 3, tag: 'TT-1101', rule: 'stale', ago: 40, lasted: null },
  { e: 2, tag: 'TT-3102', rule: 'threshold', band: 'h', ago: 8, lasted: null },
  // closed
  {
    e: 0,
    tag: 'TT-1101',
    rule: 'threshold',
    band: 'hh',
    ago: 3 * 1440 + 200,
    lasted: 22,
    ack: [4, 'enterprise'],
    handle: [70, 'enterprise', '裂解炉H-1101燃料气调节阀波动，已降负荷并校正调节阀'],
    close: [125, '经复核，炉出口温度已稳定在控制范围内，同意关闭'],
  },
  {
    e: 4,
    tag: 'AT-1105',
    rule: 'threshold',
    band: 'h',
    ago: 5 * 1440 + 600,
    lasted: 9,
    ack: [3, 'officer'],
    handle: [40, 'enterprise', '装船作业法兰密封渗漏，已紧固并用便携式检测仪复测合格'],
    close: [90, '复测合格，关闭'],
  },
  {
    e: 1,
    tag: 'LT-4103',
    rule: 'threshold',
    band: 'l',
    ago: 6 * 1440 + 300,
    lasted: 45,
    ack: [10, 'enterprise'],
    handle: [60, 'enterprise', '发油计划调整导致低液位，已暂停外输'],
    close: [100, '液位已恢复，关闭'],
  },
  {
    e: 5,
    tag: 'AT-1701',
    rule: 'threshold',
    band: 'h',
    ago: 9 * 1440 + 100,
    lasted: 12,
    ack: [2, 'officer'],
    handle: [35, 'enterprise', '卸氨软管接头微漏，已更换垫片，喷淋稀释后浓度回零'],
    close: [80, '现场核查无泄漏，关闭'],
  },
  {
    e: 7,
    device: '氢气储罐区-GDS',
    rule: 'offline',
    ago: 12 * 1440 + 400,
    lasted: 35,
    ack: [8, 'enterprise'],
    handle: [50, 'enterprise', '交换机断电导致通讯中断，已恢复供电'],
    close: [90, '通讯恢复，关闭'],
  },
  {
    e: STATION_ENTERPRISE,
    tag: 'a34004',
    rule: 'threshold',
    band: 'h',
    ago: 20 * 60,
    lasted: 95,
    ack: [15, 'officer'],
    handle: [120, 'officer', '静稳天气叠加区域传输，已通知施工工地加强扬尘管控'],
    close: [240, '空气质量恢复良好，关闭'],
  },
];
const LEVEL_OF = { hh: 'red', h: 'orange', l: 'yellow', ll: 'red' } as const;

/** Where an alarm's value sits in its band. */
function bandValue(p: PlanPoint, band: 'hh' | 'h' | 'l' | 'll'): number {
  const t = p.thresholds;
  const [lo, hi] = p.range;
  const v = { hh: t.hh! + 0.3 * (hi - t.hh!), h: t.h! + 0.4 * ((t.hh ?? hi) - t.h!), l: t.l! - 0.4 * (t.l! - (t.ll ?? lo)), ll: t.ll! - 0.3 * (t.ll! - lo) }[
    band
  ];
  return round(v, 3);
}

/** A day of history: the set point, a daily swing for temperatures and smooth noise, inside the thresholds. */
function historyValue(p: PlanPoint, ts: number, phase: number, windows: { from: number; to: number; value: number }[]): number {
  for (const w of windows) if (ts >= w.from && ts <= w.to) return w.value;
  const t = p.thresholds;
  const lo = t.l === null ? p.range[0] : t.l + p.deadband;
  const hi = t.h === null ? p.range[1] : t.h - p.deadband;
  const room = Math.max(0, Math.min(hi - p.setPoint, p.setPoint - lo));
  const gas = p.kind === 'combustibleGas' || p.kind === 'toxicGas';
  const x = ts / HOUR;
  const noise = Math.sin(x * 1.7 + phase) * 0.5 + Math.sin(x * 5.3 + phase * 3) * 0.3 + Math.sin(x * 23 + phase * 7) * 0.2;
  const daily = p.kind === 'temperature' ? Math.sin((2 * Math.PI * (ts % 86_400_000)) / 86_400_000) * 0.3 : 0;
  const v = gas ? p.setPoint + Math.abs(noise) * (hi - lo) * 0.03 : p.setPoint + (noise * 0.4 + daily) * room;
  return round(Math.min(hi, Math.max(lo, v)), p.range[1] - p.range[0] >= 100 ? 1 : 3);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

export interface DemoSafetyResult {
  seeded: boolean;
  file: string | null;
  sources: number;
  devices: number;
  points: number;
}

export async function isDemoSafetySeeded(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, MARK));
  return !!row;
}

/** Writes the demo safety monitoring once (after the demo zone) and the simulator's device file. */
export async function seedDemoSafety(deps: Deps): Promise<DemoSafetyResult> {
  const none: DemoSafetyResult = { seeded: false, file: null, sources: 0, devices: 0, points: 0 };
  if (await isDemoSafetySeeded(deps)) return none;
  const db = deps.db;
  const zone = buildDemoZone();
  const plan = buildDemoSafetyPlan(zone, today(deps.clock));
  const usccs = plan.enterprises.map((i) => zone.enterprises[i]!.uscc);
  const entRows = await db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises).where(inArray(enterprises.uscc, usccs));
  const entId = new Map(entRows.map((r) => [r.uscc, r.id]));
  if (entId.size < usccs.length) {
    deps.log.warn('demo safety monitoring not seeded: the demo enterprises are missing');
    return none;
  }
  const enterpriseId = (i: number) => entId.get(zone.enterprises[i]!.uscc)!;
  const [officer] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'anjian'));
  const entUsers = await queryRows<{ id: string; enterpriseId: string }>(
    db,
    sql`select id, enterprise_id as "enterpriseId" from users where enterprise_id is not null order by username`,
  );
  const userOf = (who: 'enterprise' | 'officer', e: number) =>
    (who === 'officer' ? officer?.id : entUsers.find((u) => u.enterpriseId === enterpriseId(e))?.id) ?? officer?.id ?? null;

  const now = deps.clock.now();
  const nowMs = now.getTime();
  const rng = mulberry32(0x5eed0701);
  const sourceId = new Map(plan.sources.map((s) => [s.code, randomUUID()]));
  const deviceId = new Map(plan.devices.map((d) => [d.key, randomUUID()]));
  const tokens = new Map(plan.devices.filter((d) => d.kind !== 'station' && !d.gateway).map((d) => [d.key, issueDeviceToken(now)]));
  const pointIds = plan.points.map(() => randomUUID());
  const pointIndex = new Map(plan.points.map((p, i) => [`${p.enterprise}/${p.tag}`, i]));
  const findPoint = (e: number, tag: string) => {
    const i = pointIndex.get(`${e}/${tag}`);
    if (i === undefined) throw new Error(`demo safety: no point ${tag} in enterprise ${e}`);
    return i;
  };

  // Alarms and the history windows they leave in the readings.
  const windows = new Map<number, { from: number; to: number; value: number }[]>();
  const alarmRows: (typeof safetyAlarms.$inferInsert)[] = [];
  const eventRows: (typeof safetyAlarmEvents.$inferInsert)[] = [];
  const openValue = new Map<number, number>();
  const staleFrom = new Map<number, number>();
  const sourceOf = (p: PlanPoint | null) => (p?.source ? sourceId.get(p.source)! : null);
  for (const a of ALARMS) {
    const id = randomUUID();
    const raisedAt = nowMs - a.ago * MIN;
    const at = (m: number) => new Date(raisedAt + m * MIN);
    const pi = a.tag ? findPoint(a.e, a.tag) : null;
    const p = pi === null ? null : plan.points[pi]!;
    const dev = a.device ? plan.devices.find((d) => d.enterprise === a.e && d.name.endsWith(a.device!)) : undefined;
    const band = a.worsened ?? a.band;
    const value = p && band ? bandValue(p, band) : null;
    // as the alarm engine grades them: stale data blue, a silent device yellow
    const level = a.rule === 'stale' ? 'blue' : a.rule === 'offline' ? 'yellow' : LEVEL_OF[band!];
    if (pi !== null && p && a.rule === 'stale') staleFrom.set(pi, raisedAt - 3 * p.intervalS * 1000);
    if (pi !== null && p && value !== null) {
      const from = raisedAt - p.minDurationS * 1000;
      const to = a.lasted === null ? nowMs + HOUR : raisedAt + a.lasted * MIN;
      windows.set(pi, [...(windows.get(pi) ?? []), { from, to, value }]);
      if (a.lasted === null) openValue.set(pi, value);
    }
    const ev = (kind: string, when: Date, extra: Partial<typeof safetyAlarmEvents.$inferInsert> = {}) =>
      eventRows.push({ alarmId: id, at: when, kind, level: null, value: null, byUserId: null, note: null, ...extra });
    ev('raised', at(0), { level: a.band ? LEVEL_OF[a.band] : level, value: p && a.band ? bandValue(p, a.band) : null });
    if (a.worsened && value !== null) ev('levelChanged', at(3), { level, value });
    // escalation stage 1: the enterprise's people were told (the note is the stage, as the escalation job writes it)
    if (a.escalatedAfter) ev('escalated', at(a.escalatedAfter), { level, value, note: '1' });
    const cleared = a.lasted === null ? null : at(a.lasted);
    if (cleared) ev('cleared', cleared, { value: p ? historyValue(p, cleared.getTime() + MIN, pi!, []) : null });
    const ack = a.ack ? { at: at(a.ack[0]), by: userOf(a.ack[1], a.e) } : null;
    const handle = a.handle ? { at: at(a.handle[0]), by: userOf(a.handle[1], a.e), note: a.handle[2] } : null;
    const close = a.close ? { at: at(a.close[0]), by: userOf('officer', a.e), note: a.close[1] } : null;
    if (ack) ev('acknowledged', ack.at, { byUserId: ack.by, note: a.ack![2] ?? null });
    if (handle) ev('handled', handle.at, { byUserId: handle.by, note: handle.note });
    if (close) ev('closed', close.at, { byUserId: close.by, note: close.note });
    const last = [at(0), cleared, ack?.at, handle?.at, close?.at, a.escalatedAfter ? at(a.escalatedAfter) : null]
      .filter((d): d is Date => !!d)
      .sort((x, y) => +y - +x)[0]!;
    const t = p && band ? p.thresholds[band] : null;
    alarmRows.push({
      id,
      pointId: pi === null ? null : pointIds[pi]!,
      deviceId: dev ? deviceId.get(dev.key)! : null,
      enterpriseId: enterpriseId(a.e),
      majorHazardId: sourceOf(p ?? plan.points.find((x) => x.device === dev?.key) ?? null),
      rule: a.rule,
      level,
      band: a.rule === 'threshold' ? band! : null,
      status: close ? 'closed' : handle ? 'handled' : ack ? 'acknowledged' : 'raised',
      value,
      threshold: t,
      peakValue: value,
      occurrences: 1,
      raisedAt: at(0),
      clearedAt: cleared,
      acknowledgedAt: ack?.at ?? null,
      acknowledgedBy: ack?.by ?? null,
      handledAt: handle?.at ?? null,
      handledBy: handle?.by ?? null,
      handleNote: handle?.note ?? null,
      closedAt: close?.at ?? null,
      closedBy: close?.by ?? null,
      closeNote: close?.note ?? null,
      escalation: a.escalatedAfter ? 1 : 0,
      escalatedAt: a.escalatedAfter ? at(a.escalatedAfter) : null,
      updatedAt: last,
    });
  }

  // History: the alarmed points and every ~45th other point, a reading every 5 minutes for 24 hours.
  const step = 5 * MIN;
  const lastSlot = Math.floor(nowMs / step) * step;
  const historyPoints = [...new Set([...windows.keys(), ...plan.points.map((_, i) => i).filter((i) => i % 45 === 7)])];
  const readings: { point: string[]; ts: string[]; value: number[] } = { point: [], ts: [], value: [] };
  const hours = new Map<string, { point: string; bucket: string; n: number; sum: number; min: number; max: number }>();
  for (const i of historyPoints) {
    const p = plan.points[i]!;
    for (let k = 287; k >= 0; k--) {
      const ts = lastSlot - k * step;
      if (ts > (staleFrom.get(i) ?? Infinity)) break;
      const v = historyValue(p, ts, i, windows.get(i) ?? []);
      const iso = new Date(ts).toISOString();
      readings.point.push(pointIds[i]!);
      readings.ts.push(iso);
      readings.value.push(v);
      const bucket = new Date(Math.floor(ts / HOUR) * HOUR).toISOString();
      const key = `${i}/${bucket}`;
      const h = hours.get(key) ?? { point: pointIds[i]!, bucket, n: 0, sum: 0, min: v, max: v };
      hours.set(key, { ...h, n: h.n + 1, sum: h.sum + v, min: Math.min(h.min, v), max: Math.max(h.max, v) });
    }
  }
  // Latest value of every point: a moment within its interval (after the last history slot).
  const latest = plan.points.map((p, i) => {
    const ts = staleFrom.get(i) ?? Math.min(nowMs, Math.max(lastSlot + 1000, nowMs - Math.floor(rng() * p.intervalS * 1000)));
    return { ts: new Date(ts).toISOString(), value: openValue.get(i) ?? historyValue(p, ts, i, windows.get(i) ?? []) };
  });

  // The simulator's file, written next to the database before the transaction and kept only if it commits.
  const filePoint = (i: number): DemoFilePoint => {
    const p = plan.points[i]!;
    return {
      id: pointIds[i]!,
      tag: p.tag,
      name: p.name,
      kind: p.kind,
      unit: p.unit,
      range: p.range,
      thresholds: p.thresholds,
      deadband: p.deadband,
      minDurationS: p.minDurationS,
      intervalS: p.intervalS,
      setPoint: p.setPoint,
    };
  };
  const pointsOf = new Map<string, number[]>();
  plan.points.forEach((p, i) => pointsOf.set(p.device, [...(pointsOf.get(p.device) ?? []), i]));
  const entName = (e: number) => zone.enterprises[e]!.name;
  const cfg = deps.config;
  const mqttUrl = cfg.ingest.mqttUrl ? new URL(cfg.ingest.mqttUrl) : null;
  if (mqttUrl) {
    mqttUrl.username = '';
    mqttUrl.password = '';
  }
  const file: DemoDevicesFile = {
    version: 1,
    generatedAt: now.toISOString(),
    baseUrl: `http://localhost:${cfg.port}`,
    mqtt: { port: cfg.ports.mqtt, url: mqttUrl ? mqttUrl.toString() : null },
    hj212: cfg.ingest.hj212 ? { port: cfg.ports.hj212 } : null,
    devices: plan.devices
      .filter((d) => d.kind !== 'station' && !d.gateway)
      .map((d) => ({
        id: deviceId.get(d.key)!,
        name: d.name,
        kind: d.kind === 'gateway' ? 'gateway' : 'device',
        enterprise: entName(d.enterprise),
        token: tokens.get(d.key)!.token,
        points: (pointsOf.get(d.key) ?? []).map(filePoint),
        ...(d.kind === 'gateway'
          ? {
              children: plan.devices
                .filter((c) => c.gateway === d.key)
                .map((c) => ({ id: deviceId.get(c.key)!, name: c.name, points: (pointsOf.get(c.key) ?? []).map(filePoint) })),
            }
          : {}),
      })),
    stations: plan.devices
      .filter((d) => d.kind === 'station')
      .map((d) => ({
        id: deviceId.get(d.key)!,
        name: d.name,
        mn: d.mn!,
        st: d.st!,
        pw: '123456',
        enterprise: entName(d.enterprise),
        factors: (pointsOf.get(d.key) ?? []).map(filePoint),
      })),
  };
  const path = demoDevicesPath(cfg.dataDir);
  const tmp = `${path}.${process.pid}.tmp`;
  mkdirSync(cfg.dataDir, { recursive: true });
  writeFileSync(tmp, `${JSON.stringify(file, null, 1)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);

  try {
    await db.transaction(async (tx) => {
      await tx.insert(majorHazards).values(
        plan.sources.map((s) => ({
          id: sourceId.get(s.code)!,
          code: s.code,
          name: s.name,
          enterpriseId: enterpriseId(s.enterprise),
          level: s.level,
          installations: s.installations,
          responsible: s.responsible,
          assessedOn: s.assessedOn,
          assessmentDueOn: s.assessmentDueOn,
          lng: s.lng,
          lat: s.lat,
        })),
      );
      // gateways first: their devices refer to them
      const devRows = [...plan.devices].sort((a, b) => Number(!!a.gateway) - Number(!!b.gateway));
      await tx.insert(safetyDevices).values(
        devRows.map((d) => {
          const token = tokens.get(d.key);
          return {
            id: deviceId.get(d.key)!,
            kind: d.kind,
            name: d.name,
            enterpriseId: enterpriseId(d.enterprise),
            gatewayId: d.gateway ? deviceId.get(d.gateway)! : null,
            mn: d.mn,
            tokenHash: token?.tokenHash ?? null,
            tokenHint: token?.tokenHint ?? null,
            tokenIssuedAt: token?.tokenIssuedAt ?? null,
            expectedIntervalS: 60,
            lastSeenAt: new Date(nowMs - 20_000),
          };
        }),
      );
      // one statement, one parameter: PGlite binds thousands of parameters slowly
      const pointRows = plan.points.map((p, i) => ({
        id: pointIds[i]!,
        enterprise_id: enterpriseId(p.enterprise),
        major_hazard_id: p.source ? sourceId.get(p.source)! : null,
        device_id: deviceId.get(p.device)!,
        tag: p.tag,
        name: p.name,
        kind: p.kind,
        unit: p.unit,
        range_low: p.range[0],
        range_high: p.range[1],
        ...p.thresholds,
        deadband: p.deadband,
        min_duration_s: p.minDurationS,
        expected_interval_s: p.intervalS,
        lng: p.lng,
        lat: p.lat,
      }));
      await tx.execute(sql`insert into monitoring_points (id, enterprise_id, major_hazard_id, device_id, tag, name, kind, unit, range_low, range_high,
          hh, h, l, ll, deadband, min_duration_s, expected_interval_s, lng, lat)
        select * from jsonb_to_recordset(${JSON.stringify(pointRows)}::jsonb) as x(id uuid, enterprise_id uuid, major_hazard_id uuid, device_id uuid,
          tag text, name text, kind text, unit text, range_low float8, range_high float8, hh float8, h float8, l float8, ll float8, deadband float8,
          min_duration_s int, expected_interval_s int, lng float8, lat float8)`);
      await insertSeries(tx, readings, latest, pointIds, hours);
      await tx.insert(safetyAlarms).values(alarmRows);
      await tx.insert(safetyAlarmEvents).values(eventRows);
      // A maintenance window now (cleaning the benzene tank T-513), a start-up after a turnaround in three days.
      const benzene = ['LT-5101', 'TT-5101', 'PT-5101'].map((tag) => pointIds[findPoint(1, tag)]!);
      await tx.insert(safetySuppressions).values([
        {
          enterpriseId: enterpriseId(1),
          majorHazardId: sourceId.get('GL-MH-005')!,
          pointIds: benzene,
          kind: 'maintenance',
          startsAt: new Date(nowMs - 26 * HOUR),
          endsAt: new Date(nowMs + 46 * HOUR),
          reason: '苯储罐T-513清罐检修（作业票号 QG-2026-1121，受限空间作业）',
        },
        {
          enterpriseId: enterpriseId(2),
          majorHazardId: sourceId.get('GL-MH-007')!,
          kind: 'startup',
          startsAt: new Date(Math.ceil((nowMs + 3 * 24 * HOUR) / HOUR) * HOUR),
          endsAt: new Date(Math.ceil((nowMs + 5 * 24 * HOUR) / HOUR) * HOUR),
          reason: 'ABS聚合装置年度大修后开车，开车方案已备案',
        },
      ]);
      await tx.insert(settings).values({ key: MARK, value: { at: now.toISOString(), points: plan.points.length, file: DEMO_DEVICES_FILE } });
      await new SafetyEvents().notify(tx, { kind: 'registry' });
    });
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  renameSync(tmp, path);
  return { seeded: true, file: path, sources: plan.sources.length, devices: plan.devices.length, points: plan.points.length };
}

/** Readings, their minute roll-ups (one reading per bucket here), hour roll-ups and latest values, as arrays. */
async function insertSeries(
  tx: Tx,
  r: { point: string[]; ts: string[]; value: number[] },
  latest: { ts: string; value: number }[],
  pointIds: string[],
  hours: Map<string, { point: string; bucket: string; n: number; sum: number; min: number; max: number }>,
): Promise<void> {
  await tx.execute(
    sql`insert into telemetry_readings (point_id, ts, value)
        select * from unnest(${sql.param(r.point)}::uuid[], ${sql.param(r.ts)}::timestamptz[], ${sql.param(r.value)}::float8[])`,
  );
  await tx.execute(
    sql`insert into telemetry_minute (point_id, bucket, n, sum, min, max)
        select p, date_trunc('minute', t), 1, v, v, v
        from unnest(${sql.param(r.point)}::uuid[], ${sql.param(r.ts)}::timestamptz[], ${sql.param(r.value)}::float8[]) as x(p, t, v)`,
  );
  const h = [...hours.values()];
  await tx.execute(
    sql`insert into telemetry_hour (point_id, bucket, n, sum, min, max)
        select * from unnest(${sql.param(h.map((x) => x.point))}::uuid[], ${sql.param(h.map((x) => x.bucket))}::timestamptz[],
          ${sql.param(h.map((x) => x.n))}::int[], ${sql.param(h.map((x) => x.sum))}::float8[], ${sql.param(h.map((x) => x.min))}::float8[],
          ${sql.param(h.map((x) => x.max))}::float8[])`,
  );
  await tx.execute(
    sql`insert into telemetry_latest (point_id, ts, value)
        select * from unnest(${sql.param(pointIds)}::uuid[], ${sql.param(latest.map((x) => x.ts))}::timestamptz[],
          ${sql.param(latest.map((x) => x.value))}::float8[])`,
  );
}
