// Demo data for a development zone modelled on the Gulei petrochemical base (古雷港经济开发区, Zhangpu, Zhangzhou).
// Pure and deterministic: the seed script, the e2e tests and the screenshots in the docs all see the same zone,
// so nothing here reads the clock, the environment or Math.random.
import { completeUscc } from '@zoneops/shared';

export type UnitKind = 'administration' | 'bureau' | 'office' | 'section' | 'street' | 'external';
export interface DemoUnit {
  key: string;
  parentKey: string | null;
  name: string;
  nameEn: string;
  kind: UnitKind;
  code: string;
  sort: number;
}
export interface DemoUser {
  username: string;
  displayName: string;
  unitKey: string;
  position: string;
  phone: string;
  email: string;
  roles: string[];
  enterpriseIndex?: number;
  /** A fixed, documented account (the README's demo logins), printed at start-up; generated users are not. */
  fixed?: true;
}
export type EnterpriseStatus = 'operating' | 'suspended' | 'deregistered' | 'movedOut';
export interface DemoEnterprise {
  name: string;
  uscc: string;
  legalRep: string;
  address: string;
  lng: number;
  lat: number;
  industry: string;
  tags: string[];
  status: EnterpriseStatus;
  contactName: string;
  contactPhone: string;
  streetKey: string;
}
export interface DemoGeoFeature {
  kind: 'boundary' | 'plot' | 'road' | 'river';
  name: string;
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'LineString'; coordinates: number[][] };
  properties: Record<string, string | number>;
}
export interface DemoZone {
  zoneName: string;
  zoneNameEn: string;
  units: DemoUnit[];
  positions: string[];
  users: DemoUser[];
  enterprises: DemoEnterprise[];
  geo: DemoGeoFeature[];
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness: mulberry32 is tiny, fast and good enough for demo data; each section gets its own stream so that
// adding a user does not reshuffle every enterprise after it.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Element at index i; throws instead of returning undefined so that a bad index fails loudly. */
function at<T>(arr: readonly T[], i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`index ${i} out of range (length ${arr.length})`);
  return v;
}

function pick<T>(rng: Rng, arr: readonly T[]): T {
  return at(arr, Math.floor(rng() * arr.length));
}

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Parses "lng,lat lng,lat …" into [lng, lat] pairs; keeps hand-drawn geometry compact and formatter-proof. */
function coords(text: string): [number, number][] {
  return text.split(' ').map((pair) => {
    const [lng, lat] = pair.split(',').map(Number);
    if (lng === undefined || lat === undefined || Number.isNaN(lng + lat)) throw new Error(`bad point ${pair}`);
    return [lng, lat];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Word lists, written as "汉字pinyin" pairs to keep them compact. Surnames lean to those common in southern Fujian.

function pairs(list: string): { zh: string; py: string }[] {
  return list.split(' ').map((item) => {
    const m = /^([^a-z]+)([a-z]+)$/.exec(item);
    if (!m?.[1] || !m[2]) throw new Error(`bad word pair: ${item}`);
    return { zh: m[1], py: m[2] };
  });
}

export const SURNAMES = pairs(
  '林lin 陈chen 黄huang 蔡cai 郑zheng 吴wu 王wang 张zhang 李li 刘liu 杨yang 许xu 洪hong 曾zeng 沈shen 蓝lan ' +
    '周zhou 何he 庄zhuang 叶ye 方fang 游you 卢lu 苏su 江jiang 高gao 魏wei 郭guo 谢xie 朱zhu 涂tu 戴dai',
);
export const GIVEN_NAMES = pairs(
  '伟wei 芳fang 敏min 静jing 强qiang 磊lei 洋yang 艳yan 勇yong 军jun 杰jie 涛tao 斌bin 鹏peng 婷ting 凯kai ' +
    '志强zhiqiang 建华jianhua 文斌wenbin 晓东xiaodong 丽娟lijuan 海燕haiyan 国栋guodong 少华shaohua 振东zhendong ' +
    '雅婷yating 思远siyuan 俊杰junjie 佳怡jiayi 志明zhiming 宏伟hongwei 建平jianping 春梅chunmei 玉兰yulan ' +
    '金水jinshui 福生fusheng 清华qinghua 惠珍huizhen 育才yucai 炳坤bingkun 美玲meiling 榕生rongsheng 晓燕xiaoyan',
);
// Trade names (字号) for generated enterprises; the pinyin becomes the mail domain of enterprise accounts.
export const BRANDS = pairs(
  '恒源hengyuan 鑫岚xinlan 华兴huaxing 中联zhonglian 海晟haisheng 永泰yongtai 天和tianhe 润丰runfeng ' +
    '宏远hongyuan 盛达shengda 金港jingang 蓝海lanhai 瑞祥ruixiang 新港xingang 嘉隆jialong 泰和taihe 鸿基hongji ' +
    '博源boyuan 凯圣kaisheng 德润derun 鼎盛dingsheng 安泰antai 明晟mingsheng 信诚xincheng 鑫泰xintai ' +
    '昌盛changsheng 东港donggang 众诚zhongcheng 海丰haifeng 晶瑞jingrui 远航yuanhang 聚源juyuan 弘毅hongyi ' +
    '天盛tiansheng 润泽runze 腾飞tengfei 舜天shuntian 汇海huihai 闽晟minsheng 丰泽fengze 浦源puyuan 雷港leigang',
);
const PLACES = '福建 漳州 漳浦 古雷 闽南 福建古雷 漳州古雷'.split(' ');
const ROADS = '古雷大道 港南大道 石化一路 石化二路 石化三路 疏港路 港兴路 创业路 海滨路 纬一路'.split(' ');

// Industry dictionary codes with weights (a chemical park: mostly chemistry) and the words that name such firms.
export const INDUSTRIES: { code: string; weight: number; words: string[] }[] = [
  { code: 'petrochemical', weight: 30, words: ['石油化工', '石化', '炼化', '芳烃', '烯烃', '化工'] },
  { code: 'fineChemical', weight: 25, words: ['精细化工', '化学', '化学品', '助剂', '催化剂', '涂料'] },
  { code: 'newMaterials', weight: 15, words: ['新材料', '高分子材料', '复合材料', '塑胶', '新型纤维'] },
  { code: 'logistics', weight: 10, words: ['物流', '仓储', '港务', '危险品运输', '供应链'] },
  { code: 'energy', weight: 8, words: ['能源', '热电', '燃气', '工业气体', '新能源'] },
  { code: 'equipment', weight: 6, words: ['装备', '机械', '设备安装', '管道工程', '防腐工程'] },
  { code: 'services', weight: 6, words: ['环保科技', '安全技术服务', '工程技术', '检测技术', '信息科技'] },
];

// Well-known anchor firms of the base first (the demo 'enterprise' account is bound to index 0), then generated ones.
// Only the names are public; every other attribute below is invented.
const ANCHORS = [
  '福建古雷石化有限公司|petrochemical|guleipc|aboveScale,highTech,chainLeader',
  '腾龙芳烃(漳州)有限公司|petrochemical|tenglong|aboveScale,chainLeader',
  '漳州奇美化工有限公司|newMaterials|chimei-zz|aboveScale,highTech',
  '长春化工(漳州)有限公司|fineChemical|ccp-zz|aboveScale,highTech',
  '漳州古雷港口发展有限公司|logistics|guleiport|aboveScale',
  '漳州古雷热电有限公司|energy|guleipower|aboveScale',
  '古雷石化园区污水处理有限公司|services|guleiwater|specialised',
  '福建古雷工业气体有限公司|energy|guleigas|aboveScale,specialised,littleGiant',
].map((row) => {
  const [name = '', industry = '', domain = '', tags = ''] = row.split('|');
  return { name, industry, domain, tags: tags.split(',') };
});

// ---------------------------------------------------------------------------------------------------------------
// Units. Sort order is the declaration order among siblings, so the table below is also the display order.

const UNIT_KINDS: readonly UnitKind[] = ['administration', 'bureau', 'office', 'section', 'street', 'external'];
// key | parent key (empty for roots) | kind | code | name | English name
const UNIT_TABLE = [
  'admin||administration|GL|古雷港经济开发区管理委员会|Gulei Port Economic Development Zone Administrative Committee',
  'office|admin|office|GL-OFF|党政办公室(督查室)|Party and Government Office (Supervision Office)',
  'economy|admin|bureau|GL-ECO|经济发展局|Economic Development Bureau',
  'promotion|admin|bureau|GL-PRO|招商局(投资促进局)|Investment Promotion Bureau',
  'construction|admin|bureau|GL-CON|建设局(重点项目办)|Construction Bureau (Key Projects Office)',
  'emergency|admin|bureau|GL-EMG|应急管理局|Emergency Management Bureau',
  'environment|admin|bureau|GL-ENV|生态环境分局|Ecology and Environment Sub-bureau',
  'finance|admin|bureau|GL-FIN|财政局|Finance Bureau',
  'resources|admin|bureau|GL-NRP|自然资源和规划局|Natural Resources and Planning Bureau',
  'personnel|admin|office|GL-PER|组织人事部(考核办)|Organisation and Personnel Department (Assessment Office)',
  'statistics|admin|bureau|GL-STA|统计局|Statistics Bureau',
  'enterpriseService|admin|office|GL-ESC|企业服务中心|Enterprise Service Centre',
  'socialAffairs|admin|bureau|GL-SOC|社会事务局|Social Affairs Bureau',
  'streetGulei|admin|street|GL-ST-01|古雷镇|Gulei Town',
  'streetDuxun|admin|street|GL-ST-02|杜浔镇|Duxun Town',
  'streetShaxi|admin|street|GL-ST-03|沙西镇|Shaxi Town',
  'officeGeneral|office|section|GL-OFF-01|综合科|General Affairs Section',
  'officeSupervision|office|section|GL-OFF-02|督查科|Supervision Section',
  'economyOperation|economy|section|GL-ECO-01|经济运行科|Economic Operation Section',
  'economyIndustry|economy|section|GL-ECO-02|产业发展科|Industrial Development Section',
  'promotionLeads|promotion|section|GL-PRO-01|招商一科|Investment Promotion Section I',
  'promotionService|promotion|section|GL-PRO-02|项目服务科|Project Service Section',
  'constructionProjects|construction|section|GL-CON-01|重点项目科|Key Projects Section',
  'constructionQuality|construction|section|GL-CON-02|质量安全监督科|Quality and Safety Supervision Section',
  'emergencySafety|emergency|section|GL-EMG-01|安全监管科|Work Safety Supervision Section',
  'emergencyHazmat|emergency|section|GL-EMG-02|危化品监管科|Hazardous Chemicals Supervision Section',
  'emergencyRescue|emergency|section|GL-EMG-03|应急救援科|Emergency Rescue Section',
  'environmentMonitoring|environment|section|GL-ENV-01|环境监测科|Environmental Monitoring Section',
  'environmentWater|environment|section|GL-ENV-02|水环境管理科(河长办)|Water Environment Section (River Chief Office)',
  'personnelAssessment|personnel|section|GL-PER-01|考核科|Performance Assessment Section',
  'enterpriseServiceRequests|enterpriseService|section|GL-ESC-01|企业诉求科|Enterprise Requests Section',
  'cityDrc||external|ZZ-DRC|漳州市发展和改革委员会|Zhangzhou Municipal Development and Reform Commission',
  'cityEmergency||external|ZZ-EMG|漳州市应急管理局|Zhangzhou Municipal Emergency Management Bureau',
  'cityEnvironment||external|ZZ-EEB|漳州市生态环境局|Zhangzhou Municipal Ecology and Environment Bureau',
].map((row) => {
  const [key = '', parent = '', kind = '', code = '', name = '', nameEn = ''] = row.split('|');
  const k = UNIT_KINDS.find((x) => x === kind);
  if (!k) throw new Error(`bad unit kind in ${row}`);
  return { key, parentKey: parent === '' ? null : parent, kind: k, code, name, nameEn };
});

function buildUnits(): DemoUnit[] {
  const counters = new Map<string | null, number>();
  return UNIT_TABLE.map((u) => {
    const sort = (counters.get(u.parentKey) ?? 0) + 1;
    counters.set(u.parentKey, sort);
    return { ...u, sort };
  });
}

const POSITIONS = [
  ...'党工委书记 管委会主任 管委会副主任 局长 副局长 主任 部长 科长 科员 镇长'.split(' '),
  ...'企业联络员 系统管理员 安全保密员 安全审计员 统计员 招商专员 挂企干部'.split(' '),
];

// ---------------------------------------------------------------------------------------------------------------
// Geography. The boundary is a simplified outline of the Gulei peninsula, narrowing towards its southern tip.

export const BOUNDARY = coords(
  '117.586,23.806 117.598,23.816 117.614,23.818 117.628,23.810 117.640,23.796 117.651,23.779 117.656,23.760 ' +
    '117.650,23.741 117.636,23.727 117.617,23.722 117.600,23.728 117.587,23.741 117.579,23.758 117.577,23.776 117.580,23.793',
);

/** Even-odd ray casting; used to keep generated points and plots inside the boundary. */
export function insidePolygon(lng: number, lat: number, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = at(ring, i);
    const [xj = 0, yj = 0] = at(ring, j);
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// name grade lanes points… (roads) and name points… (drainage channels); codes follow the order below.
const ROAD_LINES = [
  '古雷大道 trunk 6 117.605,23.812 117.610,23.790 117.615,23.765 117.620,23.740 117.622,23.728',
  '港南大道 trunk 6 117.590,23.745 117.610,23.742 117.635,23.738 117.645,23.745',
  '疏港公路 primary 4 117.600,23.800 117.625,23.795 117.638,23.788',
  '石化一路 primary 4 117.585,23.775 117.612,23.772 117.645,23.768',
  '石化二路 primary 4 117.588,23.758 117.615,23.756 117.649,23.755',
  '沿海大通道 trunk 4 117.584,23.790 117.582,23.770 117.586,23.750 117.598,23.733',
];
const CHANNEL_LINES = ['古雷排洪渠 117.596,23.810 117.600,23.790 117.595,23.770 117.590,23.752', '西林排洪渠 117.628,23.806 117.636,23.792 117.646,23.776'];

/** Closed counter-clockwise ring of an axis-aligned rectangle. */
function rectRing(x0: number, y0: number, x1: number, y1: number): number[][] {
  const xs = [x0, x1, x1, x0, x0];
  const ys = [y0, y0, y1, y1, y0];
  return xs.map((x, k) => [x, at(ys, k)]);
}

const LAND_USE_ZH: Record<string, string> = { industrial: '工业', storage: '仓储', port: '港口', public: '公用设施' };

function buildGeo(rng: Rng): DemoGeoFeature[] {
  const ring = [...BOUNDARY, at(BOUNDARY, 0)].map(([lng, lat]) => [round6(lng), round6(lat)]);
  const outline = { type: 'Polygon' as const, coordinates: [ring] };
  const features: DemoGeoFeature[] = [{ kind: 'boundary', name: '古雷港经济开发区规划范围', geometry: outline, properties: { code: 'GL' } }];
  // Plots: candidate cells on a grid; keep those whose four corners lie inside (the outline is convex), then draw 25.
  const cells: { lng: number; lat: number; w: number; h: number }[] = [];
  for (let lat = 23.733; lat < 23.81; lat += 0.008) {
    for (let lng = 117.585; lng < 117.652; lng += 0.009) {
      const w = 0.004 + rng() * 0.003;
      const h = 0.003 + rng() * 0.003;
      const fits = rectRing(lng, lat, lng + w, lat + h).every(([x = 0, y = 0]) => insidePolygon(x, y, ring));
      if (fits) cells.push({ lng, lat, w, h });
    }
  }
  if (cells.length < 25) throw new Error(`only ${cells.length} plot cells fit the boundary`);
  const chosen = cells
    .map((c) => ({ c, k: rng() }))
    .sort((a, b) => a.k - b.k)
    .slice(0, 25)
    .map((x) => x.c)
    .sort((a, b) => b.lat - a.lat || a.lng - b.lng); // number plots north to south, west to east, as on the map
  chosen.forEach((c, i) => {
    const landUse = i % 10 < 6 ? 'industrial' : i % 10 < 8 ? 'storage' : i % 10 === 8 ? 'port' : 'public';
    const code = `GL-P-${String(i + 1).padStart(2, '0')}`;
    // 1 mu = 666.67 m²; a local equirectangular approximation is exact enough at this scale.
    const m2 = c.w * 111320 * Math.cos((c.lat * Math.PI) / 180) * c.h * 110574;
    const [x0, y0, x1, y1] = [round6(c.lng), round6(c.lat), round6(c.lng + c.w), round6(c.lat + c.h)];
    features.push({
      kind: 'plot',
      name: `${LAND_USE_ZH[landUse] ?? landUse}地块${code}`,
      geometry: { type: 'Polygon', coordinates: [rectRing(x0, y0, x1, y1)] },
      properties: { code, landUse, areaMu: Math.round((m2 / 666.67) * 10) / 10 },
    });
  });
  const line = (kind: 'road' | 'river', name: string, points: string[], properties: DemoGeoFeature['properties']) => {
    const coordinates = coords(points.join(' ')).map(([x, y]) => [round6(x), round6(y)]);
    features.push({ kind, name, geometry: { type: 'LineString', coordinates }, properties });
  };
  ROAD_LINES.forEach((row, i) => {
    const [name = '', grade = '', lanes = '', ...points] = row.split(' ');
    line('road', name, points, { code: `GL-R-${String(i + 1).padStart(2, '0')}`, grade, lanes: Number(lanes) });
  });
  CHANNEL_LINES.forEach((row, i) => {
    const [name = '', ...points] = row.split(' ');
    line('river', name, points, { code: `GL-W-${String(i + 1).padStart(2, '0')}`, type: 'channel' });
  });
  return features;
}

// ---------------------------------------------------------------------------------------------------------------
// People and enterprises.

interface Person {
  displayName: string;
  base: string;
}

function makePerson(rng: Rng): Person {
  const s = pick(rng, SURNAMES);
  const g = pick(rng, GIVEN_NAMES);
  return { displayName: s.zh + g.zh, base: s.py + g.py };
}

// Common voice-mobile prefixes; 140–144 and similar IoT/data ranges would look odd on a cadre's contact card.
export const MOBILE_PREFIXES = '130 131 132 133 135 136 137 138 139 150 151 152 155 158 159 166 177 180 183 186 187 189 199'.split(' ');

/** Mainland mobile numbers, unique across the whole demo so that lookups by phone stay unambiguous. */
function phoneMaker(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      let p = pick(rng, MOBILE_PREFIXES);
      for (let i = 0; i < 8; i++) p += String(int(rng, 0, 9));
      if (!used.has(p)) {
        used.add(p);
        return p;
      }
    }
  };
}

const USCC_ALPHABET = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const STREET_ZH: Record<string, string> = { streetGulei: '古雷镇', streetDuxun: '杜浔镇', streetShaxi: '沙西镇' };

/** Street by location: the two northern towns split the neck of the peninsula west/east, Gulei holds the rest. */
export function streetOf(lng: number, lat: number): string {
  if (lat > 23.792) return lng < 117.612 ? 'streetShaxi' : 'streetDuxun';
  return 'streetGulei';
}

function buildEnterprises(rng: Rng, phone: () => string): { enterprises: DemoEnterprise[]; domains: string[] } {
  const names = new Set<string>();
  const orgCodes = new Set<string>();
  const enterprises: DemoEnterprise[] = [];
  const domains: string[] = [];
  const totalWeight = INDUSTRIES.reduce((s, x) => s + x.weight, 0);
  const ring = [...BOUNDARY, at(BOUNDARY, 0)];
  for (let i = 0; i < 200; i++) {
    const anchor = ANCHORS[i];
    let name: string;
    let industry: string;
    let tags: string[];
    if (anchor) {
      ({ name, industry, tags } = anchor);
      domains.push(anchor.domain);
    } else {
      let r = rng() * totalWeight;
      const ind = INDUSTRIES.find((x) => (r -= x.weight) < 0) ?? at(INDUSTRIES, 0);
      industry = ind.code;
      let brand = pick(rng, BRANDS);
      for (;;) {
        const word = pick(rng, ind.words);
        const shape = rng();
        if (shape < 0.55) name = `${pick(rng, PLACES)}${brand.zh}${word}有限公司`;
        else if (shape < 0.8) name = `${brand.zh}${word}(漳州)有限公司`;
        else name = `福建${brand.zh}${word}股份有限公司`;
        if (!names.has(name)) break;
        brand = pick(rng, BRANDS);
      }
      domains.push(brand.py);
      // Tags are rarer outside chemistry; 小巨人 is a subset of 专精特新; 链主 is reserved to the anchors.
      const chem = industry === 'petrochemical' || industry === 'fineChemical' || industry === 'newMaterials';
      const specialised = rng() < 0.14;
      tags = [
        ...(rng() < (chem ? 0.5 : 0.3) ? ['aboveScale'] : []),
        ...(rng() < (chem ? 0.3 : 0.15) ? ['highTech'] : []),
        ...(specialised ? ['specialised'] : []),
        ...(specialised && rng() < 0.3 ? ['littleGiant'] : []),
      ];
    }
    names.add(name);
    // Org code (9 chars): most firms registered since 2015 carry an 'MA…' code, older ones a numeric one.
    let org: string;
    do {
      const modern = rng() < 0.6;
      org = modern ? 'MA' : '';
      while (org.length < 8) org += modern ? pick(rng, USCC_ALPHABET) : String(int(rng, 0, 9));
      org += pick(rng, USCC_ALPHABET);
    } while (orgCodes.has(org));
    orgCodes.add(org);
    let lng: number;
    let lat: number;
    do {
      lng = round6(117.578 + rng() * 0.077);
      lat = round6(23.723 + rng() * 0.094);
    } while (!insidePolygon(lng, lat, ring));
    const streetKey = streetOf(lng, lat);
    enterprises.push({
      name,
      uscc: completeUscc(`91350623${org}`),
      legalRep: makePerson(rng).displayName,
      address: `漳州市漳浦县${STREET_ZH[streetKey] ?? ''}${pick(rng, ROADS)}${int(rng, 1, 299)}号`,
      lng,
      lat,
      industry,
      tags,
      status: statusOf(i),
      contactName: makePerson(rng).displayName,
      contactPhone: phone(),
      streetKey,
    });
  }
  return { enterprises, domains };
}

// Fixed slots give a few of each non-operating status; the first ten (accounts are bound to 0..4) stay operating.
function statusOf(i: number): EnterpriseStatus {
  if (i < 10) return 'operating';
  if (i % 29 === 7) return 'suspended';
  if (i % 37 === 11) return 'deregistered';
  if (i % 43 === 20) return 'movedOut';
  return 'operating';
}

const DEPARTMENTS = UNIT_TABLE.filter((u) => u.parentKey === 'admin' && (u.kind === 'bureau' || u.kind === 'office'));

function headTitle(deptKey: string, kind: UnitKind): string {
  if (deptKey === 'personnel') return '部长';
  return kind === 'office' ? '主任' : '局长';
}

interface UserSpec {
  username?: string;
  unitKey: string;
  position: string;
  roles: string[];
  enterpriseIndex?: number;
}

function buildUsers(rng: Rng, phone: () => string, enterprises: DemoEnterprise[], domains: string[]): DemoUser[] {
  const users: DemoUser[] = [];
  const usernames = new Set<string>();
  const displayNames = new Set<string>();
  const person = (): Person => {
    for (;;) {
      const p = makePerson(rng);
      if (!displayNames.has(p.displayName)) {
        displayNames.add(p.displayName);
        return p;
      }
    }
  };
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; usernames.has(name); n++) name = `${base}${n}`;
    usernames.add(name);
    return name;
  };
  const add = (u: UserSpec) => {
    const p = person();
    const username = unique(u.username ?? p.base);
    const domain = u.enterpriseIndex === undefined ? 'gulei.gov.cn' : `${at(domains, u.enterpriseIndex)}.com`;
    users.push({
      username,
      displayName: p.displayName,
      unitKey: u.unitKey,
      position: u.position,
      phone: phone(),
      email: `${username}@${domain}`,
      roles: u.roles,
      ...(u.enterpriseIndex === undefined ? {} : { enterpriseIndex: u.enterpriseIndex }),
      ...(u.username === undefined ? {} : { fixed: true as const }),
    });
  };
  const enterpriseStreet = (i: number): string => at(enterprises, i).streetKey;
  // Fixed demo accounts: documented logins for the three administrators and one account per main persona.
  add({ username: 'sysadmin', unitKey: 'office', position: '系统管理员', roles: ['systemAdmin'] });
  add({ username: 'secadmin', unitKey: 'office', position: '安全保密员', roles: ['securityAdmin'] });
  add({ username: 'auditor', unitKey: 'office', position: '安全审计员', roles: ['auditor'] });
  add({ username: 'leader', unitKey: 'admin', position: '管委会主任', roles: ['leader'] });
  add({ username: 'construction', unitKey: 'construction', position: '局长', roles: ['deptAdmin'] });
  add({ username: 'emergency', unitKey: 'emergency', position: '局长', roles: ['deptAdmin'] });
  add({ username: 'street', unitKey: 'streetGulei', position: '科员', roles: ['streetStaff'] });
  add({ username: 'supervisor', unitKey: 'officeSupervision', position: '科长', roles: ['supervisor'] });
  const liaison = { position: '企业联络员', roles: ['enterpriseUser'] };
  add({ username: 'enterprise', unitKey: enterpriseStreet(0), ...liaison, enterpriseIndex: 0 });

  for (const position of ['党工委书记', '管委会副主任', '管委会副主任', '管委会副主任']) {
    add({ unitKey: 'admin', position, roles: ['leader'] });
  }
  for (const { key, kind } of DEPARTMENTS) {
    if (key === 'construction' || key === 'emergency') continue; // their heads are the fixed accounts above
    add({ unitKey: key, position: headTitle(key, kind), roles: ['deptAdmin'] });
  }
  // Staff: two per department (three in the busiest), placed in the sections first so every section has a head.
  for (const { key } of DEPARTMENTS) {
    const sections = UNIT_TABLE.filter((u) => u.parentKey === key).map((u) => u.key);
    const count = key === 'construction' || key === 'emergency' ? 3 : 2;
    const seen = new Set<string>();
    for (let j = 0; j < count; j++) {
      const unitKey = j < sections.length ? at(sections, j) : key;
      const position = unitKey !== key && !seen.has(unitKey) ? '科长' : '科员';
      seen.add(unitKey);
      add({ unitKey, position, roles: ['staff'] });
    }
  }
  for (const unitKey of ['streetGulei', 'streetDuxun', 'streetShaxi']) {
    add({ unitKey, position: '镇长', roles: ['streetStaff'] });
  }
  add({ unitKey: 'cityDrc', position: '主任', roles: ['cityLeader'] });
  add({ unitKey: 'cityEmergency', position: '局长', roles: ['cityLeader'] });
  for (const unitKey of ['economy', 'promotion', 'enterpriseService', 'construction', 'emergency', 'environment']) {
    add({ unitKey, position: unitKey === 'enterpriseService' ? '科员' : '副局长', roles: ['liaisonCadre'] });
  }
  for (let i = 1; i <= 4; i++) {
    add({ unitKey: enterpriseStreet(i), ...liaison, enterpriseIndex: i });
  }
  // Fixed accounts added by later modules come last, so that the generated names above do not shift.
  add({ username: 'statistician', unitKey: 'statistics', position: '统计员', roles: ['statistician'] });
  add({ username: 'zhaoshang', unitKey: 'promotion', position: '科长', roles: ['promotionAdmin'] });
  add({ username: 'zsstaff', unitKey: 'promotion', position: '招商专员', roles: ['staff'] });
  add({ username: 'qyfw', unitKey: 'enterpriseService', position: '主任', roles: ['serviceAdmin'] });
  add({ username: 'cadre', unitKey: 'economy', position: '挂企干部', roles: ['liaisonCadre'] });
  add({ username: 'anjian', unitKey: 'emergencySafety', position: '科长', roles: ['safetyOfficer'] });
  add({ username: 'fengbi', unitKey: 'emergencySafety', position: '科员', roles: ['parkOfficer'] });
  add({ username: 'kaohe', unitKey: 'personnelAssessment', position: '科长', roles: ['assessor'] });
  return users;
}

export function buildDemoZone(): DemoZone {
  const phone = phoneMaker(mulberry32(0x5eed0001));
  const { enterprises, domains } = buildEnterprises(mulberry32(0x5eed0002), phone);
  return {
    zoneName: '古雷港经济开发区',
    zoneNameEn: 'Gulei Port Economic Development Zone',
    units: buildUnits(),
    positions: [...POSITIONS],
    users: buildUsers(mulberry32(0x5eed0003), phone, enterprises, domains),
    enterprises,
    geo: buildGeo(mulberry32(0x5eed0004)),
  };
}
