// The demo closed park (封闭化管理, DOMAIN §11, issue 8) as a plan: pure and deterministic for a given moment (the
// appointments, visits, tracks and alarms sit around it). demo-park.ts writes it; the simulator reads the parts it
// needs (routes, zones, terminals, checkpoint devices) from the device file.
//
// Four checkpoints at the peninsula's entrances (the dedicated one at the north end of 古雷大道 takes hazmat
// vehicles onto three designated routes), eight carriers (one with an expired transport licence), sixty vehicles,
// their drivers and escorts (a few qualifications expired or expiring), white- and blacklists, the park boundary,
// restricted areas around three major hazard sources, routes, parking lots and speed zones, appointments in every
// state around now, terminals, the vehicles and people in the park with their passes and a few hours of positions,
// and a few open alarms.
import {
  addCalendarDays,
  APPOINTMENT_CODE_ALPHABET,
  APPOINTMENT_CODE_LENGTH,
  defaultAllowedCategories,
  type CheckpointKind,
  type VehicleCategory,
} from '@zoneops/shared';
import { GIVEN_NAMES, MOBILE_PREFIXES, mulberry32, SURNAMES, type DemoZone, type Rng } from './demo-data.ts';
import { circleRing, distanceToLineM, insideRing, lengthM, along, offset, rectAround, turnInto, type LonLat } from './demo-park-geo.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface PlanDevice {
  laneCode: string;
  kind: 'anpr' | 'face' | 'accessControl';
  vendor: 'hikvisionIsapi' | 'hikvisionPlatform';
  serialNo: string;
  direction: 'in' | 'out';
  name: string;
}
export interface PlanCheckpoint {
  code: string;
  name: string;
  kind: CheckpointKind;
  lanes: { code: string; name: string; direction: 'in' | 'out' | 'both' }[];
  allowedCategories: VehicleCategory[];
  lon: number;
  lat: number;
  open: boolean;
  devices: PlanDevice[];
}
export interface PlanCarrier {
  name: string;
  uscc: string;
  licenceNo: string;
  licenceExpiresOn: string;
  contactName: string;
  contactPhone: string;
  address: string;
  area: string;
}
export interface PlanVehicle {
  plate: string;
  plateColor: 'blue' | 'yellow' | 'green' | 'yellowGreen' | 'white';
  carrier: number | null;
  category: VehicleCategory;
  body: 'tank' | 'box' | 'flatbed' | 'other';
  hazmatClasses: string[];
  transportCertNo: string | null;
  transportCertExpiresOn: string | null;
  enterprise: number | null;
}
export interface PlanPerson {
  kind: 'driver' | 'escort' | 'staff' | 'visitor';
  name: string;
  idNumber: string;
  phone: string;
  carrier: number | null;
  enterprise: number | null;
  qualificationNo: string | null;
  qualificationExpiresOn: string | null;
  personCode: string | null;
}
export interface PlanListEntry {
  list: 'white' | 'black';
  subjectKind: 'vehicle' | 'person';
  plate: string | null;
  person: number | null;
  reason: string;
  validFrom: number;
  validTo: number | null;
}
export type Geometry = { type: 'Polygon'; coordinates: LonLat[][] } | { type: 'LineString'; coordinates: LonLat[] };
export interface PlanGeofence {
  key: string;
  kind: 'boundary' | 'restricted' | 'route' | 'parking' | 'speedZone';
  name: string;
  geometry: Geometry;
  widthM: number | null;
  speedLimitKmh: number | null;
  capacity: number | null;
}
export interface PlanCargo {
  unNumber: string;
  name: string;
  hazmatClass: string;
  quantity: number;
  unit: string;
}
export type PlanAppointmentStatus = 'submitted' | 'enterpriseApproved' | 'approved' | 'rejected';
export interface PlanAppointment {
  code: string;
  vehicle: number;
  driver: number;
  escort: number | null;
  cargo: PlanCargo[];
  waybillNo: string;
  enterprise: number;
  route: string;
  windowStart: number;
  windowEnd: number;
  status: PlanAppointmentStatus;
  createdAt: number;
  enterpriseApprovedAt: number | null;
  parkApprovedAt: number | null;
  rejectedAt: number | null;
  rejectReason: string | null;
}
export interface PlanTerminal {
  protocol: 'jt808' | 'osmand';
  identifier: string;
  vehicle: number | null;
  authCode: string | null;
  version: '2013' | '2019' | null;
  manufacturer: string | null;
  model: string | null;
  registeredAt: number | null;
  lastSeenAt: number | null;
}
export interface PlanPosition {
  ts: number;
  lon: number;
  lat: number;
  speedKmh: number;
  course: number;
}
export interface PlanVisit {
  subjectKind: 'vehicle' | 'person';
  vehicle: number | null;
  person: number | null;
  appointment: number | null;
  enteredAt: number;
  checkpoint: string;
  device: string;
  /** The path the vehicle drives (and the simulator keeps driving). */
  path: LonLat[] | null;
  terminal: number | null;
  positions: PlanPosition[];
}
export interface PlanPass {
  visit: number | null;
  kind: 'vehicle' | 'person';
  result: 'allowed' | 'denied' | 'flagged';
  plate: string | null;
  vehicle: number | null;
  person: number | null;
  checkpoint: string;
  device: string;
  at: number;
  confidence: number;
  appointment: number | null;
  findings: { code: string; message: string }[];
}
export interface PlanAlarm {
  rule: 'gate' | 'overspeed' | 'offRoute' | 'parkedOutside' | 'overstay';
  level: 'red' | 'orange' | 'yellow' | 'blue';
  plate: string;
  vehicle: number | null;
  appointment: number | null;
  checkpoint: string | null;
  geofence: string | null;
  at: number;
  lon: number | null;
  lat: number | null;
  value: number | null;
  threshold: number | null;
  peak: number | null;
  clearedAt: number | null;
  acknowledgedAt: number | null;
  closedAt: number | null;
  closeNote: string | null;
  findings: { code: string; message: string }[] | null;
}
export interface DemoParkPlan {
  checkpoints: PlanCheckpoint[];
  carriers: PlanCarrier[];
  vehicles: PlanVehicle[];
  people: PlanPerson[];
  lists: PlanListEntry[];
  geofences: PlanGeofence[];
  appointments: PlanAppointment[];
  terminals: PlanTerminal[];
  visits: PlanVisit[];
  passes: PlanPass[];
  alarms: PlanAlarm[];
  /** Scenario roles of visits, for the simulator: which vehicle speeds, leaves its route, parks outside a lot. */
  roles: { speeding: number; offRoute: number; parkedOutside: number; overstay: number };
  /** Zone enterprise indexes used (destinations and own fleets). */
  enterprises: number[];
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed parts.

const pick = <T>(rng: Rng, arr: readonly T[]): T => arr[Math.floor(rng() * arr.length)]!;
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PLATE_CHARS = `${PLATE_LETTERS}0123456789`;
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
const chars = (rng: Rng, set: string, n: number) => Array.from({ length: n }, () => set[Math.floor(rng() * set.length)]!).join('');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Cargo by hazmat class: [UN number, name, class]. */
const GOODS: Record<string, [string, string][]> = {
  '2.1': [
    ['1075', '液化石油气'],
    ['1077', '丙烯'],
    ['1978', '丙烷'],
  ],
  '3': [
    ['1114', '苯'],
    ['1307', '二甲苯'],
    ['1230', '甲醇'],
    ['2055', '苯乙烯单体，稳定的'],
    ['1203', '车用汽油'],
  ],
  '6.1': [
    ['1593', '二氯甲烷'],
    ['1547', '苯胺'],
    ['2821', '苯酚溶液'],
  ],
  '8': [
    ['1789', '盐酸'],
    ['1830', '硫酸'],
    ['1824', '氢氧化钠溶液'],
  ],
  '9': [
    ['3082', '危险废物（HW08废矿物油）'],
    ['3077', '危险废物（HW49废活性炭）'],
  ],
};

// [name, plate area, classes licensed (hazmat vehicles), vehicles, category]
const CARRIERS: [string, string, string[], number, VehicleCategory][] = [
  ['漳州古雷危险货物运输有限公司', '闽E', ['3', '6.1'], 7, 'hazmat'],
  ['福建港捷危化物流有限公司', '闽E', ['2.1'], 5, 'hazmat'],
  ['厦门海沧化工储运有限公司', '闽D', ['3', '8'], 5, 'hazmat'],
  ['泉州泉港石化运输有限公司', '闽C', ['3', '2.1'], 4, 'hazmat'],
  ['漳州龙海腐蚀品运输有限公司', '闽E', ['8'], 4, 'hazmat'],
  ['福建绿源环保科技有限公司', '闽E', ['9', '6.1', '8'], 6, 'hazardousWaste'],
  ['漳州古雷通达物流有限公司', '闽E', [], 12, 'cargo'],
  ['揭阳联运化工物流有限公司', '粤V', ['3', '6.1'], 5, 'hazmat'],
];
const EXPIRED_LICENCE_CARRIER = 3;
const CARRIER_ADDRESSES = [
  '漳浦县古雷镇港前路18号',
  '漳浦县绥安镇金浦路66号',
  '厦门市海沧区南海三路1288号',
  '泉州市泉港区南埔镇石化路9号',
  '龙海区角美镇工业园区',
];

/** Route of each destination enterprise (index into ROUTES). */
const ROUTE_OF_ENTERPRISE = [0, 1, 0, 1, 2, 2, 1, 0];

// ---------------------------------------------------------------------------------------------------------------
// Geography: from the zone's roads.

interface Geography {
  boundary: Geometry & { type: 'Polygon' };
  roads: Map<string, LonLat[]>;
}

function geographyOf(zone: DemoZone): Geography {
  const b = zone.geo.find((f) => f.kind === 'boundary');
  if (b?.geometry.type !== 'Polygon') throw new Error('demo park: the zone has no boundary');
  const roads = new Map<string, LonLat[]>();
  for (const f of zone.geo)
    if (f.kind === 'road' && f.geometry.type === 'LineString')
      roads.set(
        f.name,
        f.geometry.coordinates.map((p) => [p[0]!, p[1]!]),
      );
  return { boundary: { type: 'Polygon', coordinates: b.geometry.coordinates.map((r) => r.map((p) => [p[0]!, p[1]!] as LonLat)) }, roads };
}

const road = (g: Geography, name: string) => {
  const r = g.roads.get(name);
  if (!r) throw new Error(`demo park: no road ${name}`);
  return r;
};

/** The designated hazmat routes (from the dedicated checkpoint), the cargo path (general checkpoint), parking and speed zones. */
function layout(g: Geography, sources: { code: string; name: string; lng: number; lat: number }[]) {
  const trunk = road(g, '古雷大道');
  const routes: { key: string; name: string; line: LonLat[] }[] = [
    { key: 'route:1', name: '危化品运输专用线路一（北卡口—古雷大道—石化一路）', line: turnInto(trunk, road(g, '石化一路')) },
    { key: 'route:2', name: '危化品运输专用线路二（北卡口—古雷大道—石化二路）', line: turnInto(trunk, road(g, '石化二路')) },
    { key: 'route:3', name: '危化品运输专用线路三（北卡口—古雷大道—港南大道码头）', line: turnInto(trunk, road(g, '港南大道')) },
  ];
  const coast = road(g, '沿海大通道');
  const first = road(g, '石化一路');
  // the coastal road passes just west of 石化一路's end: join them there
  const cargoPath: LonLat[] = [coast[0]!, [coast[1]![0], 23.775], ...first];
  // parking lots straddle the routes (a parked truck is on its route), speed zones at the gate and along the tank farms
  const lot1 = along(routes[0]!.line, 900).at;
  const lot2 = along(routes[2]!.line, lengthM(routes[2]!.line) - 700).at;
  const zone1 = along(routes[0]!.line, 150).at;
  const zone2 = along(routes[0]!.line, lengthM(routes[0]!.line) - 1500).at;
  const parking = [
    { key: 'parking:1', name: '北卡口危化品车辆停车场', ring: rectAround(lot1, 220, 140), capacity: 40 },
    { key: 'parking:2', name: '港南危化品车辆停车场', ring: rectAround(lot2, 200, 120), capacity: 30 },
  ];
  const speedZones = [
    { key: 'speed:1', name: '北卡口限速区', ring: rectAround(zone1, 300, 400), limit: 20 },
    { key: 'speed:2', name: '石化一路罐区段限速区', ring: rectAround(zone2, 900, 260), limit: 30 },
  ];
  // restricted areas around major hazard sources that no route or cargo path comes near
  const paths = [...routes.map((r) => r.line), cargoPath];
  const restricted = ['GL-MH-008', 'GL-MH-003', 'GL-MH-006', 'GL-MH-011', 'GL-MH-002', 'GL-MH-010', 'GL-MH-012']
    .map((code) => sources.find((s) => s.code === code))
    .filter((s): s is NonNullable<typeof s> => !!s && paths.every((p) => distanceToLineM([s.lng, s.lat], p) > 260))
    .slice(0, 3)
    .map((s, i) => ({ key: `restricted:${i + 1}`, name: `${s.name}禁入区（${s.code}）`, ring: circleRing([s.lng, s.lat], 150) }));
  return { routes, cargoPath, parking, speedZones, restricted };
}

// ---------------------------------------------------------------------------------------------------------------
// Identity numbers (GB 11643: mod 11-2 check digit), plates, people.

function idNumber(rng: Rng, area: string, born: number): string {
  const d = new Date(Date.UTC(born, Math.floor(rng() * 12), 1 + Math.floor(rng() * 28)));
  const body = `${area}${d.toISOString().slice(0, 10).replace(/-/g, '')}${digits(rng, 3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function plateMaker(rng: Rng) {
  const used = new Set<string>();
  const unique = (make: () => string) => {
    for (;;) {
      const p = make();
      if (!used.has(p)) {
        used.add(p);
        return p;
      }
    }
  };
  return {
    /** 7 characters: area + 5 letters/digits (at most two letters, as issued). */
    ordinary: (area: string) =>
      unique(() => {
        const n = Math.floor(rng() * 3);
        const letters = chars(rng, PLATE_LETTERS, n);
        return area + letters + chars(rng, '0123456789', 5 - n);
      }),
    /** 8 characters, large new-energy vehicle: 5 digits then D (electric) or F (hybrid). */
    newEnergyLarge: (area: string) => unique(() => `${area}${digits(rng, 5)}${pick(rng, ['D', 'F'])}`),
    /** 8 characters, small new-energy car: D/F (or A–K) first, then a letter or digit and 4 digits. */
    newEnergySmall: (area: string) => unique(() => `${area}${pick(rng, ['D', 'F'])}${chars(rng, PLATE_CHARS, 1)}${digits(rng, 4)}`),
    /** Rescue (应急) plate. */
    rescue: (area: string) => unique(() => `${area}${digits(rng, 4)}应急`),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The plan.

export function buildDemoParkPlan(zone: DemoZone, sources: { code: string; name: string; lng: number; lat: number }[], nowMs: number): DemoParkPlan {
  const rng = mulberry32(0x5eed0800);
  const g = geographyOf(zone);
  const { routes, cargoPath, parking, speedZones, restricted } = layout(g, sources);
  const todayOn = iso(nowMs);
  const usedPhones = new Set<string>();
  const phone = () => {
    for (;;) {
      const p = pick(rng, MOBILE_PREFIXES) + digits(rng, 8);
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const personName = () => pick(rng, SURNAMES).zh + pick(rng, GIVEN_NAMES).zh;

  // Checkpoints at the entrances: the north end of 古雷大道 (dedicated), the coastal road (general), the port road
  // (unattended) and the southern tip (emergency, closed).
  const trunk = road(g, '古雷大道');
  const port = road(g, '疏港公路');
  const coast = road(g, '沿海大通道');
  let serial = 0;
  const dev = (
    cp: string,
    laneCode: string,
    kind: PlanDevice['kind'],
    direction: 'in' | 'out',
    vendor: PlanDevice['vendor'] = 'hikvisionIsapi',
  ): PlanDevice => {
    serial++;
    const what = kind === 'anpr' ? '车牌识别抓拍机' : kind === 'face' ? '人脸识别终端' : '门禁控制器';
    const serialNo =
      vendor === 'hikvisionPlatform'
        ? `${cp.toLowerCase().replace(/-/g, '')}${laneCode.toLowerCase()}${String(serial).padStart(4, '0')}a3f9c2e1b7d4`.slice(0, 32)
        : kind === 'anpr'
          ? `DS-2CD9186-${cp.slice(-2)}${laneCode}${direction === 'in' ? 'I' : 'O'}2026${String(serial).padStart(4, '0')}`
          : `DS-K1T671M-${cp.slice(-2)}${laneCode}${direction === 'in' ? 'I' : 'O'}2026${String(serial).padStart(4, '0')}`;
    return { laneCode, kind, vendor, serialNo, direction, name: `${laneCode}${direction === 'in' ? '入口' : '出口'}${what}` };
  };
  const checkpoints: PlanCheckpoint[] = [
    {
      code: 'GL-KK-01',
      name: '古雷大道北危化品专用卡口',
      kind: 'dedicated',
      lanes: [
        { code: 'L1', name: '危化品入园车道1', direction: 'in' },
        { code: 'L2', name: '危化品入园车道2', direction: 'in' },
        { code: 'L3', name: '出园车道1', direction: 'out' },
        { code: 'L4', name: '出园车道2', direction: 'out' },
        { code: 'P1', name: '人员通道', direction: 'both' },
      ],
      allowedCategories: [...defaultAllowedCategories.dedicated],
      lon: trunk[0]![0],
      lat: trunk[0]![1],
      open: true,
      devices: [],
    },
    {
      code: 'GL-KK-02',
      name: '沿海大通道综合卡口',
      kind: 'general',
      lanes: [
        { code: 'L1', name: '入园车道', direction: 'in' },
        { code: 'L2', name: '出园车道', direction: 'out' },
        { code: 'P1', name: '人员通道', direction: 'both' },
      ],
      allowedCategories: [...defaultAllowedCategories.general],
      lon: coast[0]![0],
      lat: coast[0]![1],
      open: true,
      devices: [],
    },
    {
      code: 'GL-KK-03',
      name: '疏港公路东无人值守卡口',
      kind: 'unattended',
      lanes: [
        { code: 'L1', name: '入园车道', direction: 'in' },
        { code: 'L2', name: '出园车道', direction: 'out' },
      ],
      allowedCategories: [...defaultAllowedCategories.unattended],
      lon: port.at(-1)![0],
      lat: port.at(-1)![1],
      open: true,
      devices: [],
    },
    {
      code: 'GL-KK-04',
      name: '港南应急卡口',
      kind: 'emergency',
      lanes: [{ code: 'L1', name: '应急车道', direction: 'both' }],
      allowedCategories: [...defaultAllowedCategories.emergency],
      lon: trunk.at(-1)![0],
      lat: trunk.at(-1)![1],
      open: false,
      devices: [],
    },
  ];
  const [kk1, kk2, kk3, kk4] = checkpoints as [PlanCheckpoint, PlanCheckpoint, PlanCheckpoint, PlanCheckpoint];
  kk1.devices = [
    dev(kk1.code, 'L1', 'anpr', 'in'),
    dev(kk1.code, 'L2', 'anpr', 'in'),
    dev(kk1.code, 'L3', 'anpr', 'out'),
    dev(kk1.code, 'L4', 'anpr', 'out'),
    dev(kk1.code, 'P1', 'face', 'in'),
    dev(kk1.code, 'P1', 'face', 'out'),
    // the same lanes as the Hikvision platform names them (OnEventNotify srcIndex)
    dev(kk1.code, 'L1', 'anpr', 'in', 'hikvisionPlatform'),
    dev(kk1.code, 'L3', 'anpr', 'out', 'hikvisionPlatform'),
  ];
  kk2.devices = [
    dev(kk2.code, 'L1', 'anpr', 'in'),
    dev(kk2.code, 'L2', 'anpr', 'out'),
    dev(kk2.code, 'P1', 'face', 'in'),
    dev(kk2.code, 'P1', 'face', 'out'),
    dev(kk2.code, 'P1', 'accessControl', 'in', 'hikvisionPlatform'),
    dev(kk2.code, 'P1', 'accessControl', 'out', 'hikvisionPlatform'),
  ];
  kk3.devices = [dev(kk3.code, 'L1', 'anpr', 'in'), dev(kk3.code, 'L2', 'anpr', 'out')];
  kk4.devices = [dev(kk4.code, 'L1', 'anpr', 'in'), dev(kk4.code, 'L1', 'anpr', 'out')];

  // Carriers and their vehicles, drivers and escorts.
  const plates = plateMaker(rng);
  const carriers: PlanCarrier[] = [];
  const vehicles: PlanVehicle[] = [];
  const people: PlanPerson[] = [];
  const driverOf = new Map<number, number>();
  const escortOf = new Map<number, number>();
  const qualification = (kind: 'driver' | 'escort') => `${kind === 'driver' ? '3506' : '3506Y'}${digits(rng, kind === 'driver' ? 14 : 10)}`;
  CARRIERS.forEach(([name, area, classes, n, category], c) => {
    const expires = c === EXPIRED_LICENCE_CARRIER ? addCalendarDays(todayOn, -19) : addCalendarDays(todayOn, 200 + Math.floor(rng() * 900));
    const areaCode = area === '闽D' ? '350200' : area === '闽C' ? '350500' : area === '粤V' ? '445200' : '350600';
    carriers.push({
      name,
      uscc: `91${areaCode}${chars(rng, '0123456789ABCDEFGHJKLMNPQRTUWXY', 10)}`,
      licenceNo: `${area.startsWith('粤') ? '粤交运管许可揭字' : '闽交运管许可漳字'}${areaCode}${digits(rng, 6)}号`,
      licenceExpiresOn: expires,
      contactName: personName(),
      contactPhone: phone(),
      address:
        area === '闽D'
          ? CARRIER_ADDRESSES[2]!
          : area === '闽C'
            ? CARRIER_ADDRESSES[3]!
            : area === '粤V'
              ? '揭阳市榕城区仙滘大道128号'
              : pick(rng, [CARRIER_ADDRESSES[0]!, CARRIER_ADDRESSES[1]!, CARRIER_ADDRESSES[4]!]),
      area,
    });
    for (let k = 0; k < n; k++) {
      const v = vehicles.length;
      const ne = category === 'cargo' && (k === 3 || k === 8);
      vehicles.push({
        plate: ne ? plates.newEnergyLarge(area) : plates.ordinary(area),
        plateColor: ne ? 'yellowGreen' : 'yellow',
        carrier: c,
        category,
        body: category === 'hazmat' ? 'tank' : category === 'hazardousWaste' ? 'box' : k % 3 === 2 ? 'flatbed' : 'box',
        hazmatClasses: category === 'cargo' ? [] : category === 'hazmat' ? [classes[k % classes.length]!] : [...classes],
        transportCertNo: `${areaCode}${digits(rng, 6)}`,
        transportCertExpiresOn: addCalendarDays(todayOn, 120 + Math.floor(rng() * 700)),
        enterprise: null,
      });
      const born = 1968 + Math.floor(rng() * 30);
      driverOf.set(v, people.length);
      people.push({
        kind: 'driver',
        name: personName(),
        idNumber: idNumber(rng, areaCode.slice(0, 4) + '23', born),
        phone: phone(),
        carrier: c,
        enterprise: null,
        qualificationNo: qualification('driver'),
        qualificationExpiresOn: addCalendarDays(todayOn, 150 + Math.floor(rng() * 1400)),
        personCode: null,
      });
      if (category !== 'cargo') {
        escortOf.set(v, people.length);
        people.push({
          kind: 'escort',
          name: personName(),
          idNumber: idNumber(rng, areaCode.slice(0, 4) + '23', 1975 + Math.floor(rng() * 25)),
          phone: phone(),
          carrier: c,
          enterprise: null,
          qualificationNo: qualification('escort'),
          qualificationExpiresOn: addCalendarDays(todayOn, 150 + Math.floor(rng() * 1400)),
          personCode: null,
        });
      }
    }
  });
  // Qualifications expired (a driver, an escort) and expiring within a month.
  const hazmatVehicles = vehicles.map((v, i) => ({ v, i })).filter((x) => x.v.category === 'hazmat');
  const expiredDriver = driverOf.get(hazmatVehicles[4]!.i)!;
  const expiredEscort = escortOf.get(hazmatVehicles[9]!.i)!;
  people[expiredDriver]!.qualificationExpiresOn = addCalendarDays(todayOn, -23);
  people[expiredEscort]!.qualificationExpiresOn = addCalendarDays(todayOn, -4);
  for (const [k, days] of [
    [6, 9],
    [13, 17],
    [21, 26],
  ] as const) {
    people[driverOf.get(hazmatVehicles[k]!.i)!]!.qualificationExpiresOn = addCalendarDays(todayOn, days);
  }
  people[escortOf.get(hazmatVehicles[16]!.i)!]!.qualificationExpiresOn = addCalendarDays(todayOn, 12);

  // Own fleets, visitors' cars and emergency vehicles (no carrier).
  const own = (e: number, kind: 'ordinary' | 'newEnergy') => {
    vehicles.push({
      plate: kind === 'newEnergy' ? plates.newEnergySmall('闽E') : plates.ordinary('闽E'),
      plateColor: kind === 'newEnergy' ? 'green' : 'blue',
      carrier: null,
      category: 'ordinary',
      body: 'other',
      hazmatClasses: [],
      transportCertNo: null,
      transportCertExpiresOn: null,
      enterprise: e,
    });
    return vehicles.length - 1;
  };
  const ownFleet = [own(0, 'ordinary'), own(0, 'newEnergy'), own(0, 'ordinary'), own(1, 'ordinary'), own(2, 'newEnergy'), own(3, 'ordinary')];
  const visitorCars = [0, 1, 2].map(() => {
    vehicles.push({
      plate: plates.ordinary(pick(rng, ['闽E', '闽D', '闽A'])),
      plateColor: 'blue',
      carrier: null,
      category: 'ordinary',
      body: 'other',
      hazmatClasses: [],
      transportCertNo: null,
      transportCertExpiresOn: null,
      enterprise: null,
    });
    return vehicles.length - 1;
  });
  const emergency = [
    { plate: plates.rescue('闽E'), color: 'white' as const, reason: '古雷消防救援站 抢险救援车' },
    { plate: plates.rescue('闽E'), color: 'white' as const, reason: '古雷消防救援站 泡沫消防车' },
    { plate: plates.ordinary('闽E'), color: 'blue' as const, reason: '漳浦县医院 120急救车' },
  ].map((x) => {
    vehicles.push({
      plate: x.plate,
      plateColor: x.color,
      carrier: null,
      category: 'emergency',
      body: 'other',
      hazmatClasses: [],
      transportCertNo: null,
      transportCertExpiresOn: null,
      enterprise: null,
    });
    return { v: vehicles.length - 1, reason: x.reason };
  });

  // Staff and visitors known to the face terminals.
  const staff: number[] = [];
  for (let k = 0; k < 10; k++) {
    staff.push(people.length);
    people.push({
      kind: k < 8 ? 'staff' : 'visitor',
      name: personName(),
      idNumber: idNumber(rng, '350623', 1970 + Math.floor(rng() * 32)),
      phone: phone(),
      carrier: null,
      enterprise: k < 8 ? k : null,
      qualificationNo: null,
      qualificationExpiresOn: null,
      personCode: `GL${String(10001 + k * 7)}`,
    });
  }

  // White- and blacklist.
  const lists: PlanListEntry[] = [
    ...emergency.map((e) => ({
      list: 'white' as const,
      subjectKind: 'vehicle' as const,
      plate: vehicles[e.v]!.plate,
      person: null,
      reason: e.reason,
      validFrom: nowMs - 400 * DAY,
      validTo: null,
    })),
    ...ownFleet.slice(0, 3).map((v) => ({
      list: 'white' as const,
      subjectKind: 'vehicle' as const,
      plate: vehicles[v]!.plate,
      person: null,
      reason: `${zone.enterprises[vehicles[v]!.enterprise!]!.name} 自有车辆（厂内通勤）`,
      validFrom: nowMs - 120 * DAY,
      validTo: nowMs + 245 * DAY,
    })),
    {
      list: 'black',
      subjectKind: 'vehicle',
      plate: vehicles[hazmatVehicles[27]!.i]!.plate,
      person: null,
      reason: '2026年10月在园区罐区道路违规停车装卸，经整改前禁止入园',
      validFrom: nowMs - 34 * DAY,
      validTo: nowMs + 60 * DAY,
    },
    {
      list: 'black',
      subjectKind: 'vehicle',
      plate: plates.ordinary('闽E'),
      person: null,
      reason: '套牌嫌疑车辆（公安交警通报）',
      validFrom: nowMs - 9 * DAY,
      validTo: null,
    },
    {
      list: 'black',
      subjectKind: 'person',
      plate: null,
      person: escortOf.get(hazmatVehicles[19]!.i)!,
      reason: '押运途中脱岗，运输企业已解除劳动合同',
      validFrom: nowMs - 60 * DAY,
      validTo: null,
    },
  ];
  const blackPlate = lists.find((l) => l.list === 'black' && l.reason.startsWith('套牌'))!.plate!;

  // Geofences.
  const geofences: PlanGeofence[] = [
    { key: 'boundary', kind: 'boundary', name: '古雷石化园区封闭管理边界', geometry: g.boundary, widthM: null, speedLimitKmh: 40, capacity: null },
    ...restricted.map((r) => ({
      key: r.key,
      kind: 'restricted' as const,
      name: r.name,
      geometry: { type: 'Polygon' as const, coordinates: [r.ring] },
      widthM: null,
      speedLimitKmh: null,
      capacity: null,
    })),
    ...routes.map((r) => ({
      key: r.key,
      kind: 'route' as const,
      name: r.name,
      geometry: { type: 'LineString' as const, coordinates: r.line },
      widthM: 30,
      speedLimitKmh: 40,
      capacity: null,
    })),
    ...parking.map((p) => ({
      key: p.key,
      kind: 'parking' as const,
      name: p.name,
      geometry: { type: 'Polygon' as const, coordinates: [p.ring] },
      widthM: null,
      speedLimitKmh: 5,
      capacity: p.capacity,
    })),
    ...speedZones.map((z) => ({
      key: z.key,
      kind: 'speedZone' as const,
      name: z.name,
      geometry: { type: 'Polygon' as const, coordinates: [z.ring] },
      widthM: null,
      speedLimitKmh: z.limit,
      capacity: null,
    })),
  ];

  // Appointments around now. Windows start on the hour or half hour.
  const slot = (ms: number) => Math.floor(ms / (30 * MIN)) * 30 * MIN;
  const appointments: PlanAppointment[] = [];
  const ymd = todayOn.replace(/-/g, '');
  const codes = new Set<string>();
  // as the appointment service issues them (random letters and digits that are not misread)
  const appointmentCode = () => {
    for (;;) {
      const code = chars(rng, APPOINTMENT_CODE_ALPHABET, APPOINTMENT_CODE_LENGTH);
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };
  const appoint = (
    v: number,
    status: PlanAppointmentStatus,
    start: number,
    hours: number,
    escort = escortOf.get(v) ?? null,
    driver = driverOf.get(v)!,
  ): number => {
    const vehicle = vehicles[v]!;
    const cls = vehicle.category === 'hazardousWaste' ? '9' : (vehicle.hazmatClasses[Math.floor(rng() * vehicle.hazmatClasses.length)] ?? '9');
    const [unNumber, name] = pick(rng, GOODS[cls] ?? GOODS['9']!);
    const e = Math.floor(rng() * 8);
    const created = start - (20 + Math.floor(rng() * 20)) * HOUR;
    appointments.push({
      code: appointmentCode(),
      vehicle: v,
      driver,
      escort,
      cargo: [{ unNumber, name, hazmatClass: cls, quantity: cls === '2.1' ? 18 + Math.floor(rng() * 8) : 24 + Math.floor(rng() * 9), unit: 't' }],
      waybillNo: `YD${ymd}${carriers[vehicle.carrier!]!.uscc.slice(8, 12)}${digits(rng, 6)}`,
      enterprise: e,
      route: routes[ROUTE_OF_ENTERPRISE[e]!]!.key,
      windowStart: start,
      windowEnd: start + hours * HOUR,
      status,
      createdAt: created,
      enterpriseApprovedAt: status === 'approved' || status === 'enterpriseApproved' ? created + (2 + Math.floor(rng() * 5)) * HOUR : null,
      parkApprovedAt: status === 'approved' ? created + (8 + Math.floor(rng() * 6)) * HOUR : null,
      rejectedAt: status === 'rejected' ? created + 3 * HOUR : null,
      rejectReason: status === 'rejected' ? '驾驶员道路危险货物运输从业资格证已过期，请更换驾驶员后重新预约' : null,
    });
    return appointments.length - 1;
  };
  const eligible = hazmatVehicles.filter((x) => x.v.carrier !== EXPIRED_LICENCE_CARRIER && x.i !== hazmatVehicles[27]!.i).map((x) => x.i);
  const okQual = (v: number) => v !== hazmatVehicles[4]!.i && v !== hazmatVehicles[9]!.i && v !== hazmatVehicles[19]!.i;
  const pool = eligible.filter(okQual);
  const waste = vehicles.map((v, i) => ({ v, i })).filter((x) => x.v.category === 'hazardousWaste');
  // in the park: 11 hazmat and a waste truck in their window, one whose window has ended
  const inPark = [...pool.slice(0, 11), waste[0]!.i];
  const inParkAppts = inPark.map((v, k) => appoint(v, 'approved', slot(nowMs - (1 + (k % 4) * 0.5) * HOUR), 4 + (k % 3)));
  const overstayVehicle = pool[11]!;
  const overstayAppt = appoint(overstayVehicle, 'approved', slot(nowMs - 4 * HOUR), 3);
  appointments[overstayAppt]!.windowEnd = nowMs - 40 * MIN;
  // later today, approved (from 4 h on: a visit filed now for the next 3 h does not overlap it); waiting for the
  // park; submitted; rejected
  for (const v of pool.slice(12, 14)) appoint(v, 'approved', slot(nowMs + 4 * HOUR), 4);
  for (const v of [...pool.slice(14, 16), waste[1]!.i]) appoint(v, 'enterpriseApproved', slot(nowMs + 20 * HOUR), 4);
  for (const v of pool.slice(16, 18)) appoint(v, 'submitted', slot(nowMs + 24 * HOUR), 6);
  appoint(hazmatVehicles[9]!.i, 'submitted', slot(nowMs + 26 * HOUR), 4); // escort's qualification expired
  appoint(hazmatVehicles.find((x) => x.v.carrier === EXPIRED_LICENCE_CARRIER)!.i, 'submitted', slot(nowMs + 28 * HOUR), 4); // carrier's licence expired
  appoint(hazmatVehicles[4]!.i, 'rejected', slot(nowMs + 3 * HOUR), 4); // driver's qualification expired

  // Terminals: a JT/T 808 terminal in every hazmat and waste vehicle (every third speaks 2019), phones for cargo.
  const terminals: PlanTerminal[] = [];
  const terminalOf = new Map<number, number>();
  vehicles.forEach((v, i) => {
    if (v.category !== 'hazmat' && v.category !== 'hazardousWaste') return;
    const k = terminals.length;
    terminalOf.set(i, k);
    terminals.push({
      protocol: 'jt808',
      identifier: `1480635${String(1001 + k * 3)}`,
      vehicle: i,
      authCode: `GL${chars(rng, ALNUM, 10)}`,
      version: k % 3 === 2 ? '2019' : '2013',
      manufacturer: k % 2 ? '70111' : '80321',
      model: k % 3 === 2 ? 'GL-T808-2019' : 'GL-T808',
      registeredAt: nowMs - (30 + Math.floor(rng() * 300)) * DAY,
      lastSeenAt: nowMs - (1 + Math.floor(rng() * 40)) * HOUR,
    });
  });
  const cargo = vehicles.map((v, i) => ({ v, i })).filter((x) => x.v.category === 'cargo');
  for (let k = 0; k < 6; k++) {
    const v = k < 4 ? cargo[k]!.i : null;
    if (v !== null) terminalOf.set(v, terminals.length);
    terminals.push({
      protocol: 'osmand',
      identifier: `gl-phone-${String(k + 1).padStart(3, '0')}`,
      vehicle: v,
      authCode: null,
      version: null,
      manufacturer: null,
      model: 'Traccar Client',
      registeredAt: nowMs - (2 + k) * DAY,
      lastSeenAt: v === null ? null : nowMs - 3 * HOUR,
    });
  }

  // Visits: the vehicles in the park (with their tracks) and people.
  const visits: PlanVisit[] = [];
  const passes: PlanPass[] = [];
  const roles = { speeding: -1, offRoute: -1, parkedOutside: -1, overstay: -1 };
  const inDevice = (cp: PlanCheckpoint, kind: 'anpr' | 'face') =>
    cp.devices.find((d) => d.kind === kind && d.direction === 'in' && d.vendor === 'hikvisionIsapi')!;
  const enterVehicle = (v: number, appt: number | null, cp: PlanCheckpoint, enteredAt: number, path: LonLat[] | null) => {
    const t = terminalOf.get(v) ?? null;
    const visit = visits.length;
    visits.push({
      subjectKind: 'vehicle',
      vehicle: v,
      person: null,
      appointment: appt,
      enteredAt,
      checkpoint: cp.code,
      device: inDevice(cp, 'anpr').serialNo,
      path,
      terminal: t,
      positions: [],
    });
    passes.push({
      visit,
      kind: 'vehicle',
      result: 'allowed',
      plate: vehicles[v]!.plate,
      vehicle: v,
      person: null,
      checkpoint: cp.code,
      device: inDevice(cp, 'anpr').serialNo,
      at: enteredAt,
      confidence: 90 + Math.floor(rng() * 10),
      appointment: appt,
      findings: [],
    });
    return visit;
  };
  const routeLine = (key: string) => routes.find((r) => r.key === key)!.line;
  inPark.forEach((v, k) => {
    const a = appointments[inParkAppts[k]!]!;
    enterVehicle(v, inParkAppts[k]!, kk1, Math.max(a.windowStart, nowMs - 3 * HOUR) + (5 + Math.floor(rng() * 40)) * MIN, routeLine(a.route));
  });
  {
    const a = appointments[overstayAppt]!;
    roles.overstay = enterVehicle(overstayVehicle, overstayAppt, kk1, a.windowStart + 25 * MIN, routeLine(a.route));
  }
  // the first route-1 vehicles speed, leave the route and park outside a lot in the simulator (and in the alarms)
  const onRoute1 = visits.map((x, i) => ({ x, i })).filter((y) => y.x.path === routes[0]!.line && y.i !== roles.overstay);
  roles.speeding = onRoute1[0]!.i;
  roles.parkedOutside = onRoute1[1]?.i ?? visits.length - 2;
  roles.offRoute = onRoute1[2]?.i ?? visits.length - 3;
  for (const k of [0, 1]) enterVehicle(cargo[k]!.i, null, kk2, nowMs - (2 - k * 0.75) * HOUR, cargoPath);
  enterVehicle(ownFleet[0]!, null, kk2, nowMs - 6 * HOUR, null);
  enterVehicle(visitorCars[0]!, null, kk3, nowMs - 50 * MIN, null);
  for (let k = 0; k < 6; k++) {
    const cp = k < 4 ? kk2 : kk1;
    const at = nowMs - (40 + k * 23) * MIN;
    const person = staff[k]!;
    const visit = visits.length;
    visits.push({
      subjectKind: 'person',
      vehicle: null,
      person,
      appointment: null,
      enteredAt: at,
      checkpoint: cp.code,
      device: inDevice(cp, 'face').serialNo,
      path: null,
      terminal: null,
      positions: [],
    });
    passes.push({
      visit,
      kind: 'person',
      result: 'allowed',
      plate: null,
      vehicle: null,
      person,
      checkpoint: cp.code,
      device: inDevice(cp, 'face').serialNo,
      at,
      confidence: 92 + Math.floor(rng() * 8),
      appointment: null,
      findings: [],
    });
  }

  // Tracks: a position every 30 s since the entry, driving the path back and forth with stops at its ends.
  const zones = speedZones.map((z) => ({ ring: z.ring, limit: z.limit }));
  for (const [i, visit] of visits.entries()) {
    if (!visit.path || visit.terminal === null) continue;
    const path = visit.path;
    const total = lengthM(path);
    let d = 0;
    let dir = 1;
    let dwell = 0;
    const cruise = 26 + rng() * 8;
    const stopAt = i === roles.parkedOutside ? nowMs - 27 * MIN : Infinity;
    const stopD = total * 0.55;
    for (let t = visit.enteredAt + MIN; t < nowMs - 10_000; t += 30_000) {
      let speed = 0;
      if (t >= stopAt && Math.abs(d - stopD) < 60) {
        speed = 0;
      } else if (dwell > 0) {
        dwell -= 30_000;
      } else {
        const here = along(path, d).at;
        const limit = zones.find((z) => insideRing(here, z.ring))?.limit ?? 40;
        speed = Math.round(Math.min(cruise, limit - 2) * 10 + (rng() - 0.5) * 20) / 10;
        d += (dir * speed * 30) / 3.6;
        if (d >= total || d <= 0) {
          d = Math.max(0, Math.min(total, d));
          dir = -dir;
          dwell = (15 + Math.floor(rng() * 25)) * MIN;
        }
      }
      const p = along(path, d);
      visit.positions.push({ ts: t, lon: p.at[0], lat: p.at[1], speedKmh: speed, course: dir > 0 ? p.course : (p.course + 180) % 360 });
    }
  }

  // Passes that failed the gate's checks (their alarms below): a hazmat vehicle without appointment whose carrier's
  // licence has expired is flagged (the camera saw it pass, so its visit is open, as the gate processor does; no
  // track), a blacklisted one is denied (turned away, no visit).
  const noAppointment = hazmatVehicles.find((x) => x.v.carrier === EXPIRED_LICENCE_CARRIER)!.i;
  const flaggedVisit = visits.length;
  visits.push({
    subjectKind: 'vehicle',
    vehicle: noAppointment,
    person: null,
    appointment: null,
    enteredAt: nowMs - 35 * MIN,
    checkpoint: kk1.code,
    device: kk1.devices[1]!.serialNo,
    path: null,
    terminal: null,
    positions: [],
  });
  passes.push({
    visit: flaggedVisit,
    kind: 'vehicle',
    result: 'flagged',
    plate: vehicles[noAppointment]!.plate,
    vehicle: noAppointment,
    person: null,
    checkpoint: kk1.code,
    device: kk1.devices[1]!.serialNo,
    at: nowMs - 35 * MIN,
    confidence: 96,
    appointment: null,
    findings: [
      { code: 'noAppointment', message: '无有效入园预约' },
      { code: 'licenceExpired', message: '运输企业道路运输经营许可证已过期' },
    ],
  });
  passes.push({
    visit: null,
    kind: 'vehicle',
    result: 'denied',
    plate: blackPlate,
    vehicle: null,
    person: null,
    checkpoint: kk2.code,
    device: kk2.devices[0]!.serialNo,
    at: nowMs - 2 * HOUR,
    confidence: 93,
    appointment: null,
    findings: [
      { code: 'blacklisted', message: '黑名单车辆：套牌嫌疑车辆（公安交警通报）' },
      { code: 'unknownVehicle', message: '未登记车辆' },
    ],
  });

  // Alarms: two gate alarms, an overstay, an overspeed, a vehicle parked outside a lot, a closed off-route one.
  const posAt = (visit: number, at: number) => visits[visit]!.positions.reduce((best, p) => (Math.abs(p.ts - at) < Math.abs(best.ts - at) ? p : best));
  const alarm = (a: Partial<PlanAlarm> & Pick<PlanAlarm, 'rule' | 'level' | 'plate' | 'at'>): PlanAlarm => ({
    vehicle: null,
    appointment: null,
    checkpoint: null,
    geofence: null,
    lon: null,
    lat: null,
    value: null,
    threshold: null,
    peak: null,
    clearedAt: null,
    acknowledgedAt: null,
    closedAt: null,
    closeNote: null,
    findings: null,
    ...a,
  });
  const [flagged1, denied2] = passes.slice(-2) as [PlanPass, PlanPass];
  const vOf = (visit: number) => visits[visit]!.vehicle!;
  const speedPos = posAt(roles.speeding, nowMs - 18 * MIN);
  const parkedPos = visits[roles.parkedOutside]!.positions.at(-1)!;
  const z2 = speedZones[1]!;
  const alarms: PlanAlarm[] = [
    alarm({
      rule: 'gate',
      level: 'red', // no appointment at the dedicated checkpoint
      plate: flagged1.plate!,
      vehicle: flagged1.vehicle,
      checkpoint: kk1.code,
      at: flagged1.at,
      findings: flagged1.findings,
      lon: kk1.lon,
      lat: kk1.lat,
    }),
    alarm({
      rule: 'gate',
      level: 'red',
      plate: denied2.plate!,
      checkpoint: kk2.code,
      at: denied2.at,
      findings: denied2.findings,
      lon: kk2.lon,
      lat: kk2.lat,
      acknowledgedAt: denied2.at + 4 * MIN,
    }),
    alarm({
      rule: 'overstay',
      level: 'orange',
      plate: vehicles[overstayVehicle]!.plate,
      vehicle: overstayVehicle,
      appointment: overstayAppt,
      at: appointments[overstayAppt]!.windowEnd + 5 * MIN,
      value: 5,
      threshold: 0,
      peak: 35,
      lon: visits[roles.overstay]!.positions.at(-1)?.lon ?? null,
      lat: visits[roles.overstay]!.positions.at(-1)?.lat ?? null,
    }),
    alarm({
      rule: 'overspeed',
      level: 'yellow',
      plate: vehicles[vOf(roles.speeding)]!.plate,
      vehicle: vOf(roles.speeding),
      appointment: visits[roles.speeding]!.appointment,
      geofence: z2.key,
      at: nowMs - 18 * MIN,
      value: 46,
      threshold: z2.limit,
      peak: 48,
      lon: speedPos.lon,
      lat: speedPos.lat,
      clearedAt: nowMs - 16 * MIN,
    }),
    alarm({
      rule: 'parkedOutside',
      level: 'yellow',
      plate: vehicles[vOf(roles.parkedOutside)]!.plate,
      vehicle: vOf(roles.parkedOutside),
      appointment: visits[roles.parkedOutside]!.appointment,
      at: nowMs - 12 * MIN,
      value: 15,
      threshold: 15,
      peak: 26,
      lon: parkedPos.lon,
      lat: parkedPos.lat,
    }),
    alarm({
      rule: 'offRoute',
      level: 'orange',
      plate: vehicles[pool[13]!]!.plate,
      vehicle: pool[13]!,
      geofence: routes[1]!.key,
      at: nowMs - 26 * HOUR,
      value: 180,
      threshold: 15,
      peak: 240,
      ...(() => {
        const p = offset(along(routes[1]!.line, 2600).at, 180, 0);
        return { lon: p[0], lat: p[1] };
      })(),
      clearedAt: nowMs - 26 * HOUR + 9 * MIN,
      acknowledgedAt: nowMs - 26 * HOUR + 3 * MIN,
      closedAt: nowMs - 25 * HOUR,
      closeNote: '驾驶员误入石化二路辅道，已电话提醒并回到指定路线；对运输企业进行约谈',
    }),
  ];

  const enterprises = [
    ...new Set([
      ...appointments.map((a) => a.enterprise),
      ...vehicles.flatMap((v) => (v.enterprise === null ? [] : [v.enterprise])),
      ...people.flatMap((p) => (p.enterprise === null ? [] : [p.enterprise])),
    ]),
  ].sort((a, b) => a - b);
  return { checkpoints, carriers, vehicles, people, lists, geofences, appointments, terminals, visits, passes, alarms, roles, enterprises };
}

/** A closed ring's bounding box [minLon, minLat, maxLon, maxLat]. */
export function bboxOf(points: readonly (readonly number[])[]): [number, number, number, number] {
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
