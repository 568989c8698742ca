// Demo key projects (重点项目, DOMAIN §4) of the Gulei zone: ~900 projects across the lifecycle, with stage
// histories, 20-node milestone plans, three years of monthly investment reports, linked leaders, responsible units
// and concentrated start / completion / production batches. Pure and deterministic like demo-data.ts (no clock, no
// Math.random): buildDemoProjects turns ids into plain rows; seedDemoProjects reads the ids of the demo zone and
// inserts the rows. The benchmark (bench/projects-data.ts) uses the same generator at 10,000 projects.
//
// The story behind the numbers. Every project gets a planned start S and completion C; the milestone plan is
// planMilestones(S, C). Its actual dates are the plan shifted by a per-node delay drawn from the project's profile
// (early, under-invested, slightly late, late), never before a predecessor's actual date; only those up to
// yesterday are written. The stage follows from where yesterday falls on that actual timeline (preparation = the
// first node is done, construction = site entry done, completed = trial production done, production = production
// done). Investment follows a spending curve (preparation, a bell over the construction span, run-in): the plan on
// the planned dates, the completed amounts on the actual ones, so a late project is also behind on money. Reports
// are approved except, for some projects, the last one or two months (submitted, draft, returned or missing). The
// file is longer than most: the word lists, the timeline model and the rows belong together.
import { eq, inArray } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  centsToMoney,
  defaultMilestoneTemplate,
  PRODUCTION_NODE,
  stageIndex,
  START_NODE,
  trackedStages,
  type CeremonyRole,
  type ProjectStage,
  type ReportStatus,
} from '@zoneops/shared';
import type { Db, DbOrTx } from '../../platform/database.ts';
import {
  ceremonyBatches,
  ceremonyBatchProjects,
  enterprises,
  investmentReports,
  milestoneTemplates,
  projectLeaders,
  projectMilestones,
  projects,
  projectStageHistory,
  projectUnits,
  roles,
  settings,
  units,
  userRoles,
  users,
} from '../schema.ts';
import {
  BOUNDARY,
  BRANDS,
  buildDemoZone,
  GIVEN_NAMES,
  INDUSTRIES,
  insidePolygon,
  MOBILE_PREFIXES,
  mulberry32,
  streetOf,
  SURNAMES,
  type DemoZone,
  type Rng,
} from './demo-data.ts';

export type ProjectRow = typeof projects.$inferInsert;
export type ProjectLeaderRow = typeof projectLeaders.$inferInsert;
export type ProjectUnitRow = typeof projectUnits.$inferInsert;
export type StageHistoryRow = typeof projectStageHistory.$inferInsert;
export type MilestoneRow = typeof projectMilestones.$inferInsert;
export type ReportRow = typeof investmentReports.$inferInsert;
export type CeremonyBatchRow = typeof ceremonyBatches.$inferInsert;
export type CeremonyBatchProjectRow = typeof ceremonyBatchProjects.$inferInsert;

/** The ids the rows point to. Unit keys are those of demo-data.ts (construction, economy, streetGulei, cityDrc …). */
export interface DemoProjectIds {
  unitIds: Record<string, string>;
  userIds: {
    /** Zone leaders ('leader' role), the head of the committee first: he follows the focus projects. */
    districtLeaders: string[];
    /** City leaders linked to projects ('cityLeader' role). */
    cityLeaders: string[];
    /** Department key → its head ('deptAdmin'), who approves the reports of the projects the department leads. */
    approvers: Record<string, string>;
    /** Department key → a staff member who files reports for owners without an account. */
    reporters: Record<string, string>;
    /** Demo enterprise index → its liaison account, who files the reports of that enterprise's projects. */
    enterpriseUsers: Record<number, string>;
  };
  /** By demo enterprise index (buildDemoZone().enterprises). */
  enterpriseIds: string[];
  milestoneTemplateId?: string | null;
}

export interface DemoProjectsOptions extends DemoProjectIds {
  count: number;
  /** The data's today: no actual date, report or stage move after it. */
  today: string;
  /** Monthly reports for this many years up to the last finished month … */
  years: number;
  /** … or exactly this many months (overrides years). */
  months?: number;
  seed?: number;
  /**
   * Benchmark shape: every project is tracked (preparation, construction or completed), has the 20 nodes and one
   * report for each month of the window.
   */
  dense?: boolean;
}

export interface DemoProjects {
  projects: ProjectRow[];
  leaders: ProjectLeaderRow[];
  units: ProjectUnitRow[];
  stageHistory: StageHistoryRow[];
  milestones: MilestoneRow[];
  reports: ReportRow[];
  batches: CeremonyBatchRow[];
  batchProjects: CeremonyBatchProjectRow[];
}

// ---------------------------------------------------------------------------------------------------------------
// Small tools: randomness, days as integers, money as integer hundredths.

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
/** A moment on a day in the office: 09:30 Beijing plus `minutes`. */
const stamp = (d: number, minutes = 0) => new Date(d * DAY + (90 + minutes) * 60_000);
const ymOf = (d: number) => {
  const t = new Date(d * DAY);
  return t.getUTCFullYear() * 12 + t.getUTCMonth();
};
const monthStart = (ym: number) => Math.round(Date.UTC(Math.floor(ym / 12), ym % 12, 1) / DAY);
const periodOf = (ym: number) => `${Math.floor(ym / 12)}-${String((ym % 12) + 1).padStart(2, '0')}`;
const money = (cents: number) => centsToMoney(BigInt(cents));

function at<T>(arr: readonly T[], i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`index ${i} out of range (length ${arr.length})`);
  return v;
}
const pick = <T>(r: Rng, arr: readonly T[]): T => at(arr, Math.floor(r() * arr.length));
const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
function weighted<T>(r: Rng, entries: readonly (readonly [T, number])[]): T {
  let x = r() * entries.reduce((s, e) => s + e[1], 0);
  for (const [v, w] of entries) if ((x -= w) < 0) return v;
  return at(entries, entries.length - 1)[0];
}
const gauss = (r: Rng) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const hex = (r: Rng, n: number) => {
  let s = '';
  while (s.length < n)
    s += Math.floor(r() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return s.slice(0, n);
};
/** A v4-shaped uuid: random groups from the stream, the last group a bijection of `n`, so ids never collide. */
function uuidOf(r: Rng, n: number): string {
  const tail = ((BigInt(n) * 0x9e3779b97f4bn + 0x5eedn) & 0xffffffffffffn).toString(16).padStart(12, '0');
  return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${'89ab'[int(r, 0, 3)]}${hex(r, 3)}-${tail}`;
}
const person = (r: Rng) => pick(r, SURNAMES).zh + pick(r, GIVEN_NAMES).zh;
function mobile(r: Rng): string {
  let p = pick(r, MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) p += String(int(r, 0, 9));
  return p;
}
const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

// ---------------------------------------------------------------------------------------------------------------
// Word lists.

type Category = 'industry' | 'infrastructure' | 'services' | 'social' | 'innovation';
type InvestorType = 'state' | 'private' | 'foreign' | 'mixed' | 'government';
type Nature = 'new' | 'expansion' | 'renovation';

/** "name min max, …" → [name, min, max][]. */
function ranges(text: string): [string, number, number][] {
  return text.split(/,\s*/).map((item) => {
    const m = /^(.+?) (\d+) (\d+)$/.exec(item);
    if (!m?.[1]) throw new Error(`bad range: ${item}`);
    return [m[1], Number(m[2]), Number(m[3])];
  });
}
// Products of the chemical industries with their capacity range (万吨/年).
const PRODUCTS: Record<string, [string, number, number][]> = {
  petrochemical: ranges(
    '乙烯 80 150, 丙烷脱氢制丙烯 45 90, 对二甲苯 80 160, 芳烃联合 100 200, 乙二醇 40 80, 苯乙烯 30 60, 环氧乙烷 10 30, ' +
      '丁二烯抽提 10 20, 聚丙烯 30 60, 高密度聚乙烯 30 60, 丙烯腈 13 26, 精对苯二甲酸 150 300',
  ),
  fineChemical: ranges(
    '环氧树脂 5 20, 双酚A 12 24, 特种胺 2 6, 电子级化学品 3 10, 表面活性剂 5 15, 聚醚多元醇 10 30, 丙烯酸及酯 8 16, ' +
      '醋酸乙烯 10 30, 碳酸二甲酯 5 20, 水处理剂 2 8, 高端催化剂 1 3',
  ),
  newMaterials: ranges(
    '聚碳酸酯 10 26, ABS树脂 20 60, 聚甲基丙烯酸甲酯 5 10, 尼龙66 5 20, EVA光伏胶膜料 10 30, 超高分子量聚乙烯 2 6, ' +
      '聚苯醚 1 3, 可降解材料PBAT 6 18, 高性能工程塑料 3 10, 特种合成橡胶 5 15',
  ),
};
// Other industries: name templates ({s} short owner name, {n} a number in the range).
const OTHER_INDUSTRY: Record<string, [string, number, number][]> = {
  energy: ranges(
    '{s}{n}MW分布式光伏发电项目 5 60, {s}{n}万标方/小时空分装置项目 4 20, {s}天然气分布式能源站项目 0 0, ' +
      '{s}{n}千吨/年氢气充装及综合利用项目 2 20, {s}{n}MW储能电站项目 50 200',
  ),
  equipment: ranges(
    '{s}石化装备制造基地项目 0 0, {s}年产{n}台（套）压力容器项目 200 1200, {s}管道预制及防腐基地项目 0 0, ' +
      '{s}化工装置检维修中心项目 0 0, {s}年产{n}万吨钢结构项目 5 20',
  ),
  logistics: ranges('{s}{n}万立方米液体化工品仓储项目 10 80, {s}危化品物流中心项目 0 0, {s}{n}万吨/年化工品公共罐区项目 50 300'),
  services: ranges('{s}危险废物综合利用项目 0 0, {s}年处理{n}万吨工业废盐项目 2 10, {s}第三方检测中心项目 0 0'),
};

interface Template {
  name: string;
  industry: string;
  lead: string;
  owner: string;
  content: string;
}
const tpl = (row: string): Template => {
  const [name = '', industry = '', lead = '', owner = '', content = ''] = row.split('|');
  return { name, industry, lead, owner, content };
};
// name | industry | lead unit | owner key (OWNERS, or 'registered'/'investor' for an enterprise) | content
const INFRASTRUCTURE = [
  '古雷港区{area}作业区{a}#-{b}#泊位工程|logistics|construction|port|新建5万吨级液体化工泊位及配套码头设施',
  '古雷港区{n}万吨级液体化工码头工程|logistics|construction|port|新建液体化工码头、引桥及配套工艺管线',
  '{road}{roadWork}工程|logistics|construction|devGroup|道路拓宽、路面改造及配套排水、照明、绿化',
  '古雷铁路支线{section}工程|logistics|construction|devGroup|新建铁路支线、站场及配套设施',
  '{area}片区危化品车辆停车场工程|logistics|emergency|devGroup|新建危化品车辆专用停车位、监控及消防设施',
  '古雷{sub}{kv}kV变电站工程|energy|construction|grid|新建主变及配套线路工程',
  '园区{area}片区集中供热管网工程|energy|construction|thermal|新建蒸汽管网及配套设施',
  '天然气高压管线（{seg}段）工程|energy|construction|gasGrid|新建高压天然气管道及阀室',
  '园区污水处理厂{phase}工程|services|environment|sewage|新建污水处理设施及配套管网',
  '{area}片区雨污分流改造工程|services|environment|devGroup|雨污分流管网改造',
  '工业固废处置中心{phase}工程|services|environment|devGroup|新建固废填埋场、焚烧线及配套设施',
  '{area}片区给水管网工程|services|construction|cityInvest|新建给水主管网及加压泵站',
  '园区公共管廊{phase}工程|services|construction|devGroup|新建公共管廊及配套设施',
  '消防特勤站（{area}片区）工程|services|emergency|cityInvest|新建消防站营房、训练场及配套设施',
  '{area}片区海堤加固工程|services|resources|devGroup|海堤加固及防潮设施提升',
].map(tpl);
const SOCIAL = [
  '{town}安置房{phase}工程|services|socialAffairs|cityInvest|新建安置房及配套公共服务设施',
  '古雷港区人才公寓{phase}项目|services|construction|cityInvest|新建人才公寓及配套商业、停车设施',
  '{town}中心小学扩建工程|services|socialAffairs|gov|新建教学楼、运动场及配套设施',
  '{town}卫生院迁建工程|services|socialAffairs|gov|新建门诊楼、住院楼及配套设施',
  '{town}文体中心建设工程|services|socialAffairs|gov|新建文体活动中心及室外运动场',
  '{town}农贸市场改造工程|services|construction|cityInvest|农贸市场改造提升',
  '{town}集镇污水管网改造工程|services|environment|cityInvest|集镇污水管网改造及提升泵站',
].map(tpl);
const INNOVATION = [
  '{s}研发中心建设项目|registered|economy|registered|新建研发楼、中试装置及分析检测平台',
  '{s}工程技术研究中心项目|registered|economy|registered|建设工程技术研究中心及中试平台',
  '化工新材料中试基地{phase}|newMaterials|economy|devGroup|建设中试车间、公用工程及孵化用房',
  '石化产业创新研究院{phase}|services|economy|devGroup|建设研发办公楼及公共实验平台',
  '园区智慧安全监管平台{phase}|services|emergency|cityInvest|建设安全风险监测预警、封闭化管理及应急指挥系统',
].map(tpl);
const SERVICES = [
  '古雷石化物流园{phase}|logistics|economy|investor|建设仓储、堆场、停车及综合服务设施',
  '化工品交易及供应链服务中心{phase}|services|promotion|investor|建设交易中心、办公及配套设施',
  '园区第三方检验检测中心{phase}|services|economy|investor|建设检验检测实验室及配套用房',
  '港区综合服务中心{phase}|services|construction|cityInvest|建设行政服务、职工服务及配套商业设施',
  '石化产业人才培训基地{phase}|services|socialAffairs|cityInvest|建设实训楼、宿舍及配套设施',
].map(tpl);

const AREAS = '南 北 东 西 中部 半湖 杜浔 沙西 西林 汕头'.split(' ');
const PHASES = ['一期', '二期', '三期', '四期'];
const TOWNS = ['古雷', '杜浔', '沙西'];
const ROADS = '疏港公路 古雷大道 港南大道 石化一路 石化二路 石化三路 沿海大通道 港兴路 创业路 纬一路 纬二路 经三路 海滨路'.split(' ');
const ROAD_WORKS = ['拓宽改造', '提升改造', '延伸段', '配套管网', '路面大修', '快速化改造'];
const SUBSTATIONS = '石化 港南 半湖 西林 杜浔 沙西 汕头 岱仔'.split(' ');
const SEGMENTS = ['古雷—杜浔', '杜浔—沙西', '沙西—漳浦', '古雷—港南'];
const RAIL = ['一期', '二期', '站场', '港前联络线'];

/** Owners that are not (or not only) firms in the enterprise register. A name equal to a demo enterprise links it. */
const OWNERS: Record<string, { name: string; investor: InvestorType }> = {
  port: { name: '漳州古雷港口发展有限公司', investor: 'state' },
  devGroup: { name: '漳州古雷开发建设集团有限公司', investor: 'government' },
  cityInvest: { name: '古雷港经济开发区城市建设投资有限公司', investor: 'government' },
  grid: { name: '国网福建省电力有限公司漳州供电公司', investor: 'state' },
  thermal: { name: '漳州古雷热电有限公司', investor: 'state' },
  gasGrid: { name: '漳州古雷天然气管网有限公司', investor: 'state' },
  sewage: { name: '古雷石化园区污水处理有限公司', investor: 'state' },
  gov: { name: '古雷港经济开发区社会事务局', investor: 'government' },
  lng: { name: '福建漳州古雷液化天然气有限公司', investor: 'state' },
};
const INVESTOR_PLACES = ['福建', '漳州', '厦门', '上海', '浙江', '江苏', '广东'];

const CHEM_BUILDERS = [
  '中国化学工程第六建设有限公司',
  '中石化第十建设有限公司',
  '中石化第四建设有限公司',
  '中国化学工程第十一建设有限公司',
  '中国化学工程第三建设有限公司',
  '中石化南京工程有限公司',
];
const CIVIL_BUILDERS = [
  '中交第三航务工程局有限公司',
  '中建海峡建设发展有限公司',
  '福建建工集团有限责任公司',
  '中铁二十四局集团有限公司',
  '福建省交通建设工程有限公司',
];
const SUPERVISORS = [
  '福建省建设监理有限公司',
  '北京兴油工程项目管理有限公司',
  '福建工大工程咨询监理有限公司',
  '漳州市建设监理有限公司',
  '吉林梦溪工程管理有限公司',
];
const CHEM_DESIGNERS = ['中国石化工程建设有限公司', '中国寰球工程有限公司', '中石化上海工程有限公司', '中国五环工程有限公司', '华陆工程科技有限责任公司'];
const CIVIL_DESIGNERS = ['中交第三航务工程勘察设计院有限公司', '福建省建筑设计研究院有限公司', '福建省交通规划设计院有限公司', '华东建筑设计研究院有限公司'];

// Reasons written into a late report, by the node that is late.
const HOLD_UPS: Record<string, string> = {
  application: '项目申请报告修改完善中',
  feasibility: '可研报告按专家意见修改',
  preliminaryDesign: '初步设计概算待审定',
  siteSelection: '规划选址论证未完成',
  eia: '环评报告待市生态环境局审批',
  landPreReview: '用地预审材料补正中',
  planningPermit: '规划方案调整待审批',
  drawingReview: '施工图审查意见整改中',
  tendering: '招标文件备案延迟',
  constructionPermit: '施工许可要件不齐',
  landSupply: '征迁交地尚未完成',
  utilities: '施工用电接入未完成',
  otherPrep: '安全设施设计审查未完成',
  siteEntry: '场地平整未完成',
  excavation: '受连续降雨影响土方开挖',
  foundation: '桩基检测整改',
  topping: '受台风天气影响工期',
  installation: '进口设备到货延迟',
  trialProduction: '试车方案待应急部门审查',
  production: '安全设施竣工验收未完成',
};

// ---------------------------------------------------------------------------------------------------------------
// Milestones and the spending curve.

const NODES = defaultMilestoneTemplate.nodes;
const NODE_INDEX = new Map(NODES.map((n, i) => [n.code, i]));
const nodeIndex = (code: string) => {
  const i = NODE_INDEX.get(code);
  if (i === undefined) throw new Error(`no milestone node ${code}`);
  return i;
};
const PRED = NODES.map((n) => n.after.map(nodeIndex));
const I_APP = nodeIndex('application');
const I_START = nodeIndex(START_NODE);
const I_TRIAL = nodeIndex('trialProduction');
const I_PROD = nodeIndex(PRODUCTION_NODE);
const I_TENDER = nodeIndex('tendering');
const I_DESIGN = nodeIndex('preliminaryDesign');
/** Nodes nobody waits for (环评, 其他前期): done by site entry at the latest, as the approvals demand. */
const TERMINAL = NODES.map((n, i) => i !== I_PROD && !NODES.some((m) => m.after.includes(n.code)));
/** Topological order of the nodes (the template lists them so, but the code does not rely on it). */
const ORDER: number[] = (() => {
  const out: number[] = [];
  const seen = new Set<number>();
  const visit = (i: number) => {
    if (seen.has(i)) return;
    seen.add(i);
    for (const p of at(PRED, i)) visit(p);
    out.push(i);
  };
  NODES.forEach((_, i) => visit(i));
  return out;
})();
// The unit responsible for a node, by demo unit key ('lead' = the project's lead unit).
const NODE_UNIT: Record<string, string> = {
  application: 'economy',
  feasibility: 'economy',
  preliminaryDesign: 'economy',
  siteSelection: 'resources',
  eia: 'environment',
  landPreReview: 'resources',
  planningPermit: 'resources',
  drawingReview: 'construction',
  tendering: 'construction',
  constructionPermit: 'construction',
  landSupply: 'resources',
  utilities: 'construction',
};

/** Planned offsets in days from the planned start, exactly as planMilestones computes them. */
function planOffsets(span: number): number[] {
  return NODES.map((n) => (n.code === PRODUCTION_NODE ? span + 60 : n.plan.anchor === 'start' ? n.plan.days : Math.round(span * n.plan.share)));
}

type Profile = 'early' | 'underInvested' | 'slight' | 'late';

/** Actual offsets: the plan plus a delay, never before a predecessor; terminal nodes by site entry. */
function actualOffsets(r: Rng, plan: number[], profile: Profile): number[] {
  const act = plan.map(() => 0);
  for (const i of ORDER) {
    const p = at(plan, i);
    let delay: number;
    if (profile === 'early' || profile === 'underInvested') delay = -int(r, 0, p < 0 ? 25 : 10);
    else if (profile === 'slight') delay = int(r, -8, 14);
    else delay = r() < 0.5 ? int(r, 15, 120) : int(r, -5, 10);
    const after = Math.max(-Infinity, ...at(PRED, i).map((q) => at(act, q)));
    act[i] = Math.max(p + delay, after);
  }
  for (let i = 0; i < act.length; i++) {
    if (!at(TERMINAL, i)) continue;
    const after = Math.max(-Infinity, ...at(PRED, i).map((q) => at(act, q)));
    act[i] = Math.max(after, Math.min(at(act, i), at(act, I_START)));
  }
  act[I_PROD] = Math.max(at(act, I_PROD), at(act, I_TRIAL) + 15);
  return act;
}

/**
 * Share of the total spent by day t: 6% over the preparation (L → S), 90% over construction (S → C) as a bell,
 * 4% over the run-in (C → P).
 */
function spendCurve(L: number, S: number, C: number, P: number): (t: number) => number {
  const k = 1.2;
  const norm = 1 + (2 * k) / Math.PI;
  return (t) => {
    if (t <= L) return 0;
    if (t < S) return (0.06 * (t - L)) / Math.max(1, S - L);
    if (t < C) {
      const x = (t - S) / Math.max(1, C - S);
      return 0.06 + (0.9 * (x + (k * (1 - Math.cos(Math.PI * x))) / Math.PI)) / norm;
    }
    if (t < P) return 0.96 + (0.04 * (t - C)) / Math.max(1, P - C);
    return 1;
  };
}

/** Splits an amount by integer percentages; the last line takes the remainder so the lines sum exactly. */
function split(cents: number, lines: { source: string; subSource: string | null; pct: number }[]) {
  let left = cents;
  return lines
    .map((l, i) => {
      const amount = i === lines.length - 1 ? left : Math.floor((cents * l.pct) / 100);
      left -= amount;
      return { source: l.source, subSource: l.subSource, amount };
    })
    .filter((l) => l.amount > 0)
    .map((l) => ({ ...l, amount: money(l.amount) }));
}

function fundingOf(r: Rng, investor: InvestorType, cents: number) {
  const line = (source: string, subSource: string | null, pct: number) => ({ source, subSource, pct });
  switch (investor) {
    case 'government': {
      const bond = int(r, 40, 70);
      const central = r() < 0.3 ? int(r, 10, 20) : 0;
      return split(cents, [line('government', 'specialBond', bond), line('government', 'central', central), line('government', 'local', 100 - bond - central)]);
    }
    case 'state': {
      const own = int(r, 30, 50);
      const bond = r() < 0.25 ? int(r, 10, 30) : 0;
      return split(cents, [line('enterprise', null, own), line('government', 'specialBond', bond), line('bank', null, 100 - own - bond)]);
    }
    case 'private': {
      const own = int(r, 30, 60);
      return split(cents, [line('enterprise', null, own), line('bank', null, 100 - own)]);
    }
    case 'foreign': {
      const foreign = int(r, 40, 80);
      const own = int(r, 0, 100 - foreign);
      return split(cents, [line('foreign', null, foreign), line('enterprise', null, own), line('bank', null, 100 - foreign - own)]);
    }
    case 'mixed': {
      const own = int(r, 30, 50);
      const bank = int(r, 30, 50);
      return split(cents, [line('enterprise', null, own), line('bank', null, bank), line('other', null, 100 - own - bank)]);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Project specifications: who, what, how big, which stage. Scripted ones first (the demo's named stories).

interface Spec {
  index: number;
  r: Rng;
  name: string;
  parent?: number;
  category: Category;
  industry: string;
  nature: Nature;
  level?: 'province' | 'city' | 'district';
  investor: InvestorType;
  stage: ProjectStage;
  profile: Profile;
  /** 万元 before scaling (scripted sizes are kept as they are). */
  size: number;
  scripted: boolean;
  enterprise?: number;
  ownerName: string;
  lead: string;
  focus?: boolean;
  /** No node due or late within 30 days, investment on plan: its light changes only with its reports. */
  quiet?: boolean;
  /** The last finished month's report is not filed (for the browser test to file it). */
  missingCurrent?: boolean;
  content: string;
  capacity: string | null;
}

/** "a 1 b 2" → [['a', 1], ['b', 2]]. */
function weights<T extends string>(text: string): [T, number][] {
  const parts = text.split(' ');
  return Array.from({ length: parts.length / 2 }, (_, i) => [at(parts, 2 * i) as T, Number(at(parts, 2 * i + 1))]);
}

interface Script {
  name: string;
  parent?: string;
  /** A demo enterprise index, or a key of OWNERS. */
  owner: number | string;
  industry: string;
  category: Category;
  nature: Nature;
  level: 'province' | 'city' | 'district';
  investor: InvestorType;
  stage: ProjectStage;
  size: number;
  lead: string;
  flags: string[];
  content: string;
  capacity?: string;
}

// The named stories, parents before children. The browser test files the missing report of the second one.
// name | parent | owner | industry | category | nature | level | investor | stage | 万元 | lead unit | flags | content | capacity
const SCRIPTS: Script[] = [
  '古雷炼化一体化二期项目||0|petrochemical|industry|expansion|province|mixed|construction|4280000|construction|focus|' +
    '新建150万吨/年乙烯、芳烃联合装置及下游深加工装置，配套公用工程和储运设施|达产后年产值约450亿元、税收约40亿元',
  '古雷炼化一体化二期乙烯下游深加工项目|古雷炼化一体化二期项目|0|petrochemical|industry|new|province|mixed|construction|860000|construction|' +
    'quiet,missing|建设EVA、聚丙烯、环氧乙烷/乙二醇等下游深加工装置及配套设施|年产EVA 30万吨、聚丙烯 45万吨、乙二醇 50万吨',
  '古雷炼化一体化二期150万吨/年乙烯装置工程|古雷炼化一体化二期项目|0|petrochemical|industry|new|province|mixed|construction|1950000|' +
    'construction|focus|新建150万吨/年乙烯裂解装置及配套公用工程|年产乙烯150万吨',
  '腾龙芳烃二期扩能改造项目||1|petrochemical|industry|expansion|province|foreign|construction|1150000|economy|focus|' +
    'PX装置扩能改造，新建配套罐区、储运及公用工程设施|新增对二甲苯产能80万吨/年',
  '腾龙芳烃160万吨/年PX装置扩能改造工程|腾龙芳烃二期扩能改造项目|1|petrochemical|industry|renovation|city|foreign|completed|480000|economy||' +
    'PX装置扩能改造至160万吨/年|',
  '腾龙芳烃配套罐区及储运工程|腾龙芳烃二期扩能改造项目|1|petrochemical|industry|new|city|foreign|construction|210000|construction||' +
    '新建原料及成品罐区、装卸设施和管廊|',
  '古雷港区南作业区码头工程||port|logistics|infrastructure|new|province|state|construction|680000|construction|focus|' +
    '新建5万吨级至10万吨级液体化工泊位4个及配套设施|',
  '古雷港区南作业区5#-6#泊位工程|古雷港区南作业区码头工程|port|logistics|infrastructure|new|city|state|construction|260000|construction||' +
    '新建5#、6#液体化工泊位及引桥|',
  '古雷港区南作业区7#-8#泊位工程|古雷港区南作业区码头工程|port|logistics|infrastructure|new|city|state|preparation|240000|construction||' +
    '新建7#、8#液体化工泊位及引桥|',
  '漳州古雷热电联产二期工程||thermal|energy|infrastructure|expansion|city|state|preparation|320000|economy||新建2×350MW超临界热电联产机组及供热管网|',
  'LNG接收站配套码头工程||lng|energy|infrastructure|new|province|state|listed|560000|construction|focus|新建LNG专用码头、栈桥及接收站配套工艺设施|',
  '疏港公路拓宽改造工程||devGroup|logistics|infrastructure|renovation|city|government|construction|86000|construction||' +
    '疏港公路拓宽改造为双向六车道，配套排水、照明及交通设施|',
  '奇美化工年产20万吨聚碳酸酯项目||2|newMaterials|industry|new|province|foreign|construction|420000|economy|focus|' +
    '新建20万吨/年聚碳酸酯生产装置及配套储运、公用工程|年产聚碳酸酯20万吨',
  '古雷医院迁建工程||gov|services|social|new|district|government|construction|68000|socialAffairs||新建门诊医技楼、住院楼及配套设施，设置床位300张|',
  '长春化工年产24万吨双酚A项目||3|fineChemical|industry|new|city|foreign|production|260000|economy||新建24万吨/年双酚A装置及配套设施|年产双酚A 24万吨',
].map((row) => {
  const [
    name = '',
    parent = '',
    owner = '',
    industry = '',
    category,
    nature,
    level,
    investor,
    stage,
    size,
    lead = '',
    flags = '',
    content = '',
    capacity = '',
  ] = row.split('|');
  return {
    name,
    ...(parent ? { parent } : {}),
    owner: /^\d+$/.test(owner) ? Number(owner) : owner,
    industry,
    category: category as Category,
    nature: nature as Nature,
    level: level as Script['level'],
    investor: investor as InvestorType,
    stage: stage as ProjectStage,
    size: Number(size),
    lead,
    flags: flags.split(',').filter(Boolean),
    content,
    ...(capacity ? { capacity } : {}),
  };
});

const STAGE_WEIGHTS = weights<ProjectStage>('planned 8 reserve 11 nominated 6 listed 8 preparation 14 construction 35 completed 6 production 12');
const DENSE_STAGE_WEIGHTS = weights<ProjectStage>('preparation 15 construction 70 completed 15');
const PROFILE_WEIGHTS = weights<Profile>('early 55 underInvested 10 slight 22 late 13');
const CATEGORY_WEIGHTS = weights<Category>('industry 58 infrastructure 20 services 8 social 7 innovation 7');
const NATURE_WEIGHTS = weights<Nature>('new 60 expansion 25 renovation 15');
const INDUSTRY_WEIGHTS = weights('petrochemical 30 fineChemical 25 newMaterials 20 energy 8 equipment 7 logistics 5 services 5');
// Investors of projects by registered firms, and by newcomers not yet registered in the zone.
const FIRM_INVESTORS = weights<InvestorType>('private 60 foreign 15 mixed 10 state 15');
const NEW_INVESTORS = weights<InvestorType>('private 60 foreign 20 mixed 10 state 10');
const LEAD_WEIGHTS = weights('economy 40 construction 35 economy 15 enterpriseService 10');
const EARLY_LEAD_WEIGHTS = weights('economy 40 construction 35 promotion 15 enterpriseService 10');
const TAIL_WEIGHTS = weights<ReportStatus | 'missing'>('approved 66 submitted 15 draft 5 returned 4 missing 10');
// Median size (万元) by category or industry; log-normal around it.
const MEDIAN: Record<string, number> = Object.fromEntries(
  weights(
    'petrochemical 120000 fineChemical 30000 newMaterials 50000 energy 50000 equipment 15000 logistics 30000 services 10000 ' +
      'infrastructure 25000 social 12000 innovation 10000',
  ),
);

/** "福建古雷石化有限公司" → "古雷石化"; "腾龙芳烃(漳州)有限公司" → "腾龙芳烃". */
function shortName(full: string): string {
  const s = full
    .replace(/(股份)?有限(责任)?公司$/, '')
    .replace(/[(（]漳州[)）]$/, '')
    .replace(/^(福建|漳州)(?=古雷)/, '');
  const stripped = s.replace(/^(福建|漳州|古雷|闽南|漳浦|厦门|上海|浙江|江苏|广东)+/, '');
  const generic = INDUSTRIES.some((x) => x.words.some((w) => stripped.startsWith(w)));
  return stripped.length >= 4 && !generic ? stripped : s;
}

class Specs {
  private readonly names = new Set<string>();
  private readonly byIndustry = new Map<string, number[]>();
  readonly specs: Spec[] = [];

  constructor(
    private readonly zone: DemoZone,
    private readonly seed: number,
    private readonly dense: boolean,
  ) {
    zone.enterprises.forEach((e, i) => {
      if (i === 0 || e.status !== 'operating') return; // enterprise 0 keeps only its scripted projects
      this.byIndustry.set(e.industry, [...(this.byIndustry.get(e.industry) ?? []), i]);
    });
  }

  rngOf(index: number): Rng {
    return mulberry32((this.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  }

  private unique(make: () => string): string {
    for (let k = 0; k < 30; k++) {
      const name = make();
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
    const base = make().replace(/(项目|工程)$/, '');
    for (let n = 2; ; n++) {
      const name = `${base}（${n}标段）工程`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  script(s: Script): void {
    const index = this.specs.length;
    const r = this.rngOf(index);
    const owner = typeof s.owner === 'number' ? at(this.zone.enterprises, s.owner).name : (OWNERS[s.owner]?.name ?? s.owner);
    const enterprise = this.enterpriseByName(owner);
    const parent = s.parent === undefined ? undefined : this.specs.findIndex((x) => x.name === s.parent);
    this.names.add(s.name);
    this.specs.push({
      index,
      r,
      name: s.name,
      ...(parent !== undefined && parent >= 0 ? { parent } : {}),
      category: s.category,
      industry: s.industry,
      nature: s.nature,
      level: s.level,
      investor: s.investor,
      stage: this.dense && !DENSE_STAGE_WEIGHTS.some(([st]) => st === s.stage) ? 'construction' : s.stage,
      profile: 'early',
      size: s.size,
      scripted: true,
      ...(enterprise === undefined ? {} : { enterprise }),
      ownerName: owner,
      lead: s.lead,
      ...(s.flags.includes('focus') ? { focus: true } : {}),
      ...(s.flags.includes('quiet') ? { quiet: true } : {}),
      ...(s.flags.includes('missing') ? { missingCurrent: true } : {}),
      content: s.content,
      capacity: s.capacity ?? null,
    });
  }

  private enterpriseByName(name: string): number | undefined {
    const i = this.zone.enterprises.findIndex((e) => e.name === name);
    return i < 0 ? undefined : i;
  }

  private newInvestor(r: Rng, industry: string): string {
    const words = INDUSTRIES.find((x) => x.code === industry)?.words ?? ['科技'];
    return `${pick(r, INVESTOR_PLACES)}${pick(r, BRANDS).zh}${pick(r, words)}有限公司`;
  }

  generic(): void {
    const index = this.specs.length;
    const r = this.rngOf(index);
    const stage = weighted(r, this.dense ? DENSE_STAGE_WEIGHTS : STAGE_WEIGHTS);
    const profile = weighted(r, PROFILE_WEIGHTS);
    const category = weighted(r, CATEGORY_WEIGHTS);
    const early = stage === 'planned' || stage === 'reserve' || stage === 'nominated';
    const vars = {
      area: pick(r, AREAS),
      phase: pick(r, PHASES),
      town: pick(r, TOWNS),
      road: pick(r, ROADS),
      roadWork: pick(r, ROAD_WORKS),
      sub: pick(r, SUBSTATIONS),
      kv: pick(r, [110, 220]),
      seg: pick(r, SEGMENTS),
      section: pick(r, RAIL),
      a: 0,
      b: 0,
      n: 0,
      s: '',
    };
    let industry: string;
    let ownerName: string;
    let enterprise: number | undefined;
    let investor: InvestorType;
    let lead: string;
    let content: string;
    let capacity: string | null = null;
    let make: () => string;
    let nature = weighted(r, NATURE_WEIGHTS);
    const registeredOwner = (ind: string) => {
      const list = this.byIndustry.get(ind) ?? [];
      if (list.length && r() < (early ? 0.3 : 0.75)) {
        enterprise = pick(r, list);
        ownerName = at(this.zone.enterprises, enterprise).name;
        investor = weighted(r, FIRM_INVESTORS);
      } else {
        ownerName = this.newInvestor(r, ind);
        investor = weighted(r, NEW_INVESTORS);
      }
      vars.s = shortName(ownerName);
    };
    if (category === 'industry') {
      industry = weighted(r, INDUSTRY_WEIGHTS);
      registeredOwner(industry);
      lead = weighted(r, early ? EARLY_LEAD_WEIGHTS : LEAD_WEIGHTS);
      const products = PRODUCTS[industry];
      if (products) {
        make = () => {
          const [p, min, max] = pick(r, products);
          const unit = '万吨';
          const n = int(r, min, max);
          const form = r();
          if (form >= 0.85) nature = 'expansion';
          const word = nature === 'new' ? '' : nature === 'expansion' ? '扩能' : '技术改造';
          content = `${nature === 'new' ? '新建' : '改扩建'}${n}${unit}/年${p}装置及配套储运、公用工程和辅助设施`;
          capacity = `年产${p}${n}${unit}`;
          if (form < 0.5) return `${vars.s}年产${n}${unit}${p}${word}项目`;
          if (form < 0.85) return `${vars.s}${n}${unit}/年${p}装置${word}项目`;
          return `${vars.s}${p}二期项目`;
        };
      } else {
        const forms = OTHER_INDUSTRY[industry] ?? at(Object.values(OTHER_INDUSTRY), 0);
        make = () => {
          const [t, min, max] = pick(r, forms);
          vars.n = int(r, min, max);
          if (vars.n >= 100) vars.n = Math.round(vars.n / 50) * 50;
          content = `建设${fill(t, { ...vars, s: '' }).replace(/(项目|工程)$/, '')}及配套设施`;
          return fill(t, vars);
        };
      }
    } else {
      const list = category === 'infrastructure' ? INFRASTRUCTURE : category === 'social' ? SOCIAL : category === 'innovation' ? INNOVATION : SERVICES;
      const t = pick(r, list);
      industry = t.industry === 'registered' ? weighted(r, INDUSTRY_WEIGHTS.slice(0, 3)) : t.industry;
      lead = t.lead;
      content = t.content;
      if (t.owner === 'registered' || t.owner === 'investor') {
        registeredOwner(industry);
      } else {
        const o = OWNERS[t.owner] ?? OWNERS.devGroup!;
        ownerName = o.name;
        investor = o.investor === 'government' && r() < 0.3 ? 'state' : o.investor;
        enterprise = this.enterpriseByName(o.name);
      }
      if (/改造|加固|迁建/.test(t.name)) nature = 'renovation';
      else if (/扩建|二期|三期|四期/.test(t.name)) nature = 'expansion';
      else if (nature === 'renovation') nature = 'new';
      make = () => {
        vars.a = int(r, 1, 29);
        vars.b = vars.a + int(r, 1, 3);
        vars.n = pick(r, [5, 10, 15, 20]);
        vars.area = pick(r, AREAS);
        vars.phase = pick(r, PHASES);
        vars.town = pick(r, TOWNS);
        vars.road = pick(r, ROADS);
        vars.roadWork = pick(r, ROAD_WORKS);
        vars.sub = pick(r, SUBSTATIONS);
        return fill(t.name, vars);
      };
    }
    const name = this.unique(make);
    const median = MEDIAN[category === 'industry' ? industry : category] ?? 20_000;
    const size = Math.max(500, median * Math.exp(0.95 * gauss(r)));
    this.specs.push({
      index,
      r,
      name,
      category,
      industry,
      nature,
      investor: investor!,
      stage,
      profile,
      size,
      scripted: false,
      ...(enterprise === undefined ? {} : { enterprise }),
      ownerName: ownerName!,
      lead,
      content: content!,
      capacity,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The generator.

/** Rounds 万元 to three significant figures (as budgets are written) and returns hundredths. */
function roundAmount(wan: number): number {
  const mag = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, wan))) - 2);
  return Math.max(1, Math.round(wan / mag)) * mag * 100;
}

/** What every step needs: the options, the zone, and the calendar of the data (days and months as integers). */
interface Context {
  opts: DemoProjectsOptions;
  zone: DemoZone;
  dense: boolean;
  /** Yesterday: the last day that may carry an actual date or a report. */
  cut: number;
  planYear: number;
  /** The last finished month and the first month of the report window. */
  lastYm: number;
  firstYm: number;
  ring: number[][];
  plots: DemoZone['geo'];
  unit: (key: string) => string | null;
  out: DemoProjects;
}

interface Timeline {
  tracked: boolean;
  stage: ProjectStage;
  /** Planned start and completion (days). */
  S: number;
  C: number;
  /** Planned and actual offsets of the nodes from S. */
  plan: number[];
  act: number[];
  listedOn: number | null;
  reserveOn: number | null;
  createdOn: number;
  moves: [ProjectStage, number][];
  /** The actual day of a node if it is done by yesterday. */
  actualOn: (i: number) => number | null;
}

/** Plans the project, draws its actual timeline and places yesterday in the window of its stage. */
function timelineOf(ctx: Context, spec: Spec, total: number): Timeline {
  const r = spec.r;
  const { cut } = ctx;
  const tracked = stageIndex(spec.stage) >= stageIndex('listed'); // production included: it has its history
  const span = Math.round((10 + Math.min(24, Math.max(0, Math.log10(total / 5000) * 8)) + int(r, 0, 6)) * 30.4);
  const plan = planOffsets(span);
  const act = actualOffsets(r, plan, spec.quiet ? 'early' : spec.profile);
  // d = days from the planned start to yesterday, within the window of the stage on the actual timeline.
  const listedOff = at(act, I_APP) - int(r, 20, 150);
  const windows: Partial<Record<ProjectStage, [number, number]>> = {
    listed: [listedOff, at(act, I_APP) - 1],
    preparation: [at(act, I_APP), at(act, I_START) - 1],
    construction: [at(act, I_START), at(act, I_TRIAL) - 1],
    completed: [at(act, I_TRIAL), at(act, I_PROD) - 1],
    production: [at(act, I_PROD), at(act, I_PROD) + 1000],
  };
  let S: number;
  const window = windows[spec.stage];
  if (window) {
    const [lo, hi] = window;
    const choose = () => lo + Math.floor(r() * Math.max(1, hi - lo + 1));
    let d = choose();
    if (spec.quiet) {
      // Every pending node at least 30 days away from today, so nothing but the reports moves the light.
      for (let k = 0; k < 400; k++) {
        const pending = plan.filter((p, i) => at(act, i) > d);
        if (pending.every((p) => p - d - 1 > 30)) break;
        d = choose();
      }
    }
    S = cut - d;
  } else {
    S = cut + int(r, 60, 540);
  }

  let listedOn: number | null = null;
  let nominatedOn: number | null = null;
  let reserveOn: number | null = null;
  let createdOn: number;
  if (tracked) {
    listedOn = S + listedOff;
    const windowStart = monthStart(ctx.firstYm);
    if (ctx.dense && listedOn >= windowStart) listedOn = windowStart - int(r, 1, 60);
    nominatedOn = listedOn - int(r, 10, 60);
    reserveOn = nominatedOn - int(r, 30, 300);
    createdOn = reserveOn - int(r, 10, 150);
  } else {
    createdOn = cut - int(r, 60, 700);
    if (spec.stage !== 'planned') reserveOn = createdOn + int(r, 10, Math.floor((cut - createdOn) / 2));
    if (spec.stage === 'nominated') nominatedOn = reserveOn! + int(r, 5, cut - reserveOn!);
  }
  const actualOn = (i: number) => (tracked && S + at(act, i) <= cut ? S + at(act, i) : null);
  const moves: [ProjectStage, number][] = [['planned', createdOn]];
  const move = (stage: ProjectStage, on: number | null) => on !== null && moves.push([stage, on]);
  move('reserve', reserveOn);
  move('nominated', nominatedOn);
  move('listed', listedOn);
  move('preparation', actualOn(I_APP));
  move('construction', actualOn(I_START));
  move('completed', actualOn(I_TRIAL));
  move('production', actualOn(I_PROD));
  const stage = at(moves, moves.length - 1)[0];
  if (stage !== spec.stage) throw new Error(`demo project ${spec.name}: stage ${stage}, meant ${spec.stage}`);
  return { tracked, stage, S, C: S + span, plan, act, listedOn, reserveOn, createdOn, moves, actualOn };
}

interface Figures {
  annual: number;
  ytdPlanned: number;
  ytdCompleted: number;
  completedTotal: number;
  lastApproved: string | null;
  lastTouch: number;
}

/**
 * Monthly reports from the listing (within the window) to the last finished month, or to the production month.
 * The plan follows the planned dates, the completed amounts the actual ones; the last one or two months of some
 * projects are submitted, draft, returned or missing. Returns the project's figures from the approved ones.
 */
function reportsOf(ctx: Context, spec: Spec, t: Timeline, id: string, totalCents: number, approver: string | null, reporter: string | null): Figures {
  const r = spec.r;
  const { cut, planYear, lastYm, firstYm, dense } = ctx;
  const f: Figures = { annual: 0, ytdPlanned: 0, ytdCompleted: 0, completedTotal: 0, lastApproved: null, lastTouch: t.createdOn };
  if (!t.tracked) return f;
  const { S, C, act, plan } = t;
  const L = t.listedOn!;
  const productionOn = t.actualOn(I_PROD);
  const planned = spendCurve(L, S, C, C + 60);
  const actual = spendCurve(L, S + at(act, I_START), S + at(act, I_TRIAL), S + at(act, I_PROD));
  const profile = spec.quiet ? 'early' : spec.profile;
  const perf = spec.quiet ? 1 : profile === 'underInvested' ? 0.55 + r() * 0.3 : profile === 'late' ? 0.8 + r() * 0.15 : 0.97 + r() * 0.05;
  const planFor = (ym: number) => Math.round(totalCents * (planned(monthStart(ym + 1)) - planned(monthStart(ym))));
  const endYm = productionOn !== null ? Math.min(lastYm, ymOf(productionOn)) : lastYm;
  for (let ym = planYear * 12; ym < planYear * 12 + 12; ym++) if (productionOn === null || ym <= ymOf(productionOn)) f.annual += planFor(ym);
  if (productionOn !== null && ymOf(productionOn) < planYear * 12) f.annual = 0;

  const tail = new Map<number, ReportStatus | 'missing'>();
  if (t.stage !== 'production' && endYm === lastYm) {
    const last: ReportStatus | 'missing' = spec.missingCurrent
      ? dense
        ? 'draft'
        : 'missing'
      : spec.scripted
        ? 'approved'
        : weighted(r, dense ? TAIL_WEIGHTS.filter(([x]) => x !== 'missing') : TAIL_WEIGHTS);
    tail.set(lastYm, last);
    if (last !== 'approved' && !spec.scripted && r() < 0.3) tail.set(lastYm - 1, dense || r() < 0.5 ? 'submitted' : 'missing');
  }

  let cumulative = 0;
  let doneIdx = -1;
  const doneOrder = NODES.map((_, i) => i)
    .filter((i) => t.actualOn(i) !== null)
    .sort((a, b) => at(act, a) - at(act, b) || a - b);
  for (let ym = ymOf(L); ym <= endYm; ym++) {
    const mStart = monthStart(ym);
    const mEnd = monthStart(ym + 1) - 1;
    const noise = spec.quiet ? 0.98 + r() * 0.1 : 0.85 + r() * 0.3;
    let completed = Math.round(totalCents * perf * (actual(mEnd + 1) - actual(mStart)) * noise);
    completed = Math.max(0, Math.min(completed, totalCents - cumulative));
    cumulative += completed;
    if (ym < firstYm) continue;
    const status = tail.get(ym) ?? 'approved';
    if (status === 'missing') continue;
    const plannedCents = planFor(ym);
    // What the month's text says: the last node done, the one being pushed, a hold-up when it is late.
    while (doneIdx + 1 < doneOrder.length && S + at(act, at(doneOrder, doneIdx + 1)) <= mEnd) doneIdx++;
    const lastNode = doneIdx >= 0 ? at(NODES, at(doneOrder, doneIdx)) : null;
    const nextIdx = ORDER.find((i) => !(S + at(act, i) <= mEnd));
    const next = nextIdx === undefined ? null : at(NODES, nextIdx);
    const pct = Math.min(100, Math.round(actual(mEnd + 1) * 100));
    const physicalProgress = lastNode ? (next ? `已完成${lastNode.name}，正在推进${next.name}，形象进度约${pct}%` : '已全面建成投产') : '项目前期工作筹备中';
    const lateNode = next && S + at(plan, nodeIndex(next.code)) < mEnd ? next : null;
    const problems = lateNode && r() < 0.6 ? `${lateNode.name}滞后：${HOLD_UPS[lateNode.code] ?? '正在协调推进'}` : null;
    const submitDay = Math.min(cut, mEnd + int(r, 1, 6));
    const reviewDay = Math.min(cut, submitDay + int(r, 0, 4));
    const sent = status !== 'draft';
    const reviewed = status === 'approved' || status === 'returned';
    ctx.out.reports.push({
      projectId: id,
      period: periodOf(ym),
      year: Math.floor(ym / 12),
      month: (ym % 12) + 1,
      planned: money(plannedCents),
      completed: money(completed),
      physicalProgress,
      problems,
      overrunExplanation: null,
      status,
      submittedBy: sent ? reporter : null,
      submittedAt: sent ? stamp(submitDay, 60) : null,
      reviewedBy: reviewed ? approver : null,
      reviewedAt: reviewed ? stamp(reviewDay, 240) : null,
      returnReason: status === 'returned' ? '本月完成投资与形象进度不匹配，请核实后重新报送' : null,
      version: 1,
      createdAt: stamp(submitDay, 0),
      updatedAt: reviewed ? stamp(reviewDay, 240) : stamp(submitDay, 60),
      createdBy: reporter,
    });
    f.lastTouch = Math.max(f.lastTouch, reviewed ? reviewDay : submitDay);
    if (status === 'approved') {
      f.completedTotal += completed;
      f.lastApproved = periodOf(ym);
      if (Math.floor(ym / 12) === planYear) {
        f.ytdPlanned += plannedCents;
        f.ytdCompleted += completed;
      }
    }
  }
  return f;
}

/** Near the owner's works, on an industrial plot, or anywhere in the zone; some with a small site outline. */
function locate(ctx: Context, spec: Spec): { lng: number; lat: number; outline: { type: 'Polygon'; coordinates: number[][][] } | null } {
  const r = spec.r;
  const inZone = (x: number, y: number) => insidePolygon(x, y, ctx.ring);
  const e = spec.enterprise === undefined ? undefined : at(ctx.zone.enterprises, spec.enterprise);
  let lng = 0;
  let lat = 0;
  for (let k = 0; ; k++) {
    const plot = ctx.plots.length && spec.category === 'industry' && r() < 0.5 ? pick(r, ctx.plots) : undefined;
    if (e && k < 20) {
      lng = e.lng + (r() - 0.5) * 0.008;
      lat = e.lat + (r() - 0.5) * 0.008;
    } else if (plot && plot.geometry.type === 'Polygon') {
      const [[x0 = 0, y0 = 0] = [], , [x1 = 0, y1 = 0] = []] = at(plot.geometry.coordinates, 0);
      lng = x0 + r() * (x1 - x0);
      lat = y0 + r() * (y1 - y0);
    } else {
      lng = 117.578 + r() * 0.077;
      lat = 23.723 + r() * 0.094;
    }
    lng = round6(lng);
    lat = round6(lat);
    if (inZone(lng, lat)) break;
  }
  let outline: { type: 'Polygon'; coordinates: number[][][] } | null = null;
  if (spec.category !== 'social' && r() < 0.3) {
    const w = 0.0008 + r() * 0.0012;
    const h = 0.0006 + r() * 0.001;
    const xs = [lng - w, lng + w, lng + w, lng - w, lng - w];
    const ys = [lat - h, lat - h, lat + h, lat + h, lat - h];
    const rect = xs.map((x, k) => [round6(x), round6(at(ys, k))]);
    if (rect.every(([x = 0, y = 0]) => inZone(x, y))) outline = { type: 'Polygon', coordinates: [rect] };
  }
  return { lng, lat, outline };
}

/** Linked leaders and responsible units with contacts (from 申报 on; the pipeline's early ideas have none yet). */
function linkPeople(ctx: Context, spec: Spec, id: string, level: string, where: { lng: number; lat: number }): ProjectLeaderRow[] {
  const r = spec.r;
  const { districtLeaders, cityLeaders } = ctx.opts.userIds;
  const idx = stageIndex(spec.stage);
  const linked: ProjectLeaderRow[] = [];
  if (idx >= stageIndex('nominated') && districtLeaders.length) {
    linked.push({ projectId: id, userId: spec.focus ? at(districtLeaders, 0) : pick(r, districtLeaders), level: 'district' });
    if (level === 'province' && cityLeaders.length) linked.push({ projectId: id, userId: pick(r, cityLeaders), level: 'city' });
  }
  const rows = new Map<string, ProjectUnitRow>();
  const addUnit = (key: string, lvl: 'city' | 'district') => {
    const u = ctx.unit(key);
    if (u && !rows.has(u)) rows.set(u, { projectId: id, unitId: u, level: lvl, contactName: person(r), contactPhone: mobile(r) });
  };
  addUnit(spec.lead, 'district');
  if (idx >= stageIndex('listed')) {
    if (r() < 0.35) addUnit(streetOf(where.lng, where.lat), 'district');
    if (spec.category === 'industry' && r() < 0.3) addUnit('environment', 'district');
    if (level !== 'district') addUnit('cityDrc', 'city');
    if ((spec.industry === 'petrochemical' || spec.industry === 'fineChemical') && r() < 0.3) addUnit('cityEmergency', 'city');
  }
  ctx.out.units.push(...rows.values());
  return linked;
}

/** Approval documents (批复文号) and contracts, from the nodes already done. */
function documentsOf(spec: Spec, t: Timeline, total: number) {
  const r = spec.r;
  const year = (d: number) => isoOf(d).slice(0, 4);
  const approvals: { docNo: string; title: string; authority: string; issuedOn: string }[] = [];
  const doc = (code: string, docNo: (d: number) => string, title: string, authority: string) => {
    const d = t.actualOn(nodeIndex(code));
    if (d !== null) approvals.push({ docNo: docNo(d), title, authority, issuedOn: isoOf(d) });
  };
  if (t.tracked) {
    const gov = spec.investor === 'government';
    doc(
      'feasibility',
      (d) => (gov ? `漳发改审〔${year(d)}〕${int(r, 10, 260)}号` : `闽发改备〔${year(d)}〕E${int(r, 100000, 999999)}号`),
      gov ? `关于${spec.name}可行性研究报告的批复` : `${spec.name}备案证明`,
      gov ? '漳州市发展和改革委员会' : '福建省发展和改革委员会',
    );
    doc('landPreReview', (d) => `漳自然资预〔${year(d)}〕${int(r, 5, 120)}号`, `关于${spec.name}用地预审的意见`, '漳州市自然资源局');
    doc('eia', (d) => `漳环审〔${year(d)}〕${int(r, 5, 90)}号`, `关于${spec.name}环境影响报告书的批复`, '漳州市生态环境局');
    const permitNo = (d: number) => `建字第350623${year(d)}${String(int(r, 1, 999)).padStart(3, '0')}号`;
    doc('planningPermit', permitNo, '建设工程规划许可证', '古雷港经济开发区自然资源和规划局');
    const licenceNo = (d: number) => `350623${isoOf(d).replace(/-/g, '')}${String(int(r, 1, 99)).padStart(2, '0')}01`;
    doc('constructionPermit', licenceNo, '建筑工程施工许可证', '古雷港经济开发区建设局');
  }
  const chem = spec.category === 'industry' && spec.industry !== 'logistics';
  const contractors: { role: string; name: string; contractNo: string; amount: string }[] = [];
  const contract = (role: string, name: string, share: number, d: number) => {
    const prefix = role === 'construction' ? 'SG' : role === 'design' ? 'SJ' : 'JL';
    contractors.push({
      role,
      name,
      contractNo: `GL${prefix}-${year(d)}-${String(int(r, 1, 300)).padStart(3, '0')}`,
      amount: money(roundAmount(total * share)),
    });
  };
  const designDone = t.actualOn(I_DESIGN);
  const tenderDone = t.actualOn(I_TENDER);
  if (designDone !== null) contract('design', pick(r, chem ? CHEM_DESIGNERS : CIVIL_DESIGNERS), 0.02 + r() * 0.01, designDone);
  if (tenderDone !== null) {
    contract('construction', pick(r, chem ? CHEM_BUILDERS : CIVIL_BUILDERS), 0.45 + r() * 0.2, tenderDone);
    contract('supervision', pick(r, SUPERVISORS), 0.01 + r() * 0.005, tenderDone);
  }
  return { approvals, contractors };
}

/**
 * Focus projects (重点中的重点): the scripted ones and the largest tracked ones, ~40 in 900 (the texts: 46 in 876),
 * each followed by the head of the committee, a second zone leader and a city leader.
 */
function chooseFocus(ctx: Context, specs: Spec[], leadersOf: ProjectLeaderRow[][]): void {
  const { districtLeaders, cityLeaders } = ctx.opts.userIds;
  const projectsOut = ctx.out.projects;
  const focusCount = Math.round((ctx.opts.count * 40) / 900);
  const focus = new Set(specs.filter((s) => s.focus).map((s) => s.index));
  const candidates = projectsOut
    .map((p, i) => ({ i, p, score: Number(p.totalInvestment) * (0.6 + at(specs, i).r() * 0.8) }))
    .filter(({ p }) => trackedStages.includes(p.stage as ProjectStage) && !p.parentId)
    .sort((a, b) => b.score - a.score);
  for (const c of candidates) {
    if (focus.size >= focusCount) break;
    focus.add(c.i);
  }
  for (const i of focus) {
    const p = at(projectsOut, i);
    const r = at(specs, i).r;
    p.focus = true;
    const linked = at(leadersOf, i);
    const district = linked.filter((l) => l.level === 'district');
    const head = districtLeaders[0];
    if (!head) continue;
    if (district[0]) district[0].userId = head;
    else linked.push({ projectId: p.id!, userId: head, level: 'district' });
    if (districtLeaders.length > 1) linked.push({ projectId: p.id!, userId: pick(r, districtLeaders.slice(1)), level: 'district' });
    if (cityLeaders.length && !linked.some((l) => l.level === 'city')) linked.push({ projectId: p.id!, userId: pick(r, cityLeaders), level: 'city' });
  }
}

/** 集中开工 / 集中竣工 / 集中投产 of the last finished quarter, and the starts of the quarter before. */
function ceremonies(ctx: Context, seed: number): void {
  const { out, cut, lastYm } = ctx;
  const quarter = Math.floor(lastYm / 3) + (lastYm % 3 === 2 ? 1 : 0) - 1; // the last quarter wholly before today
  const qNames = ['一', '二', '三', '四'];
  const r = mulberry32(seed ^ 0xcee);
  const batches: { q: number; role: CeremonyRole; word: string }[] = [
    { q: quarter - 1, role: 'start', word: '集中开工' },
    { q: quarter, role: 'start', word: '集中开工' },
    { q: quarter, role: 'completion', word: '集中竣工' },
    { q: quarter, role: 'production', word: '集中投产' },
  ];
  batches.forEach((b, k) => {
    const from = monthStart(b.q * 3);
    const to = monthStart(b.q * 3 + 3) - 1;
    const dateOf = (p: ProjectRow) => (b.role === 'start' ? p.actualStartOn : b.role === 'completion' ? p.actualCompletionOn : p.productionOn);
    const linked = out.projects
      .filter((p) => {
        const d = dateOf(p);
        return d != null && dayOf(d) >= from && dayOf(d) <= to;
      })
      .sort((a, c) => Number(c.totalInvestment) - Number(a.totalInvestment))
      .slice(0, 40);
    if (!linked.length) return;
    const id = uuidOf(r, 2 ** 40 + k);
    const heldOn = Math.min(cut, from + 40 + int(r, 0, 10));
    out.batches.push({
      id,
      name: `${Math.floor(b.q / 4)}年第${qNames[b.q % 4]}季度重点项目${b.word}活动`,
      heldOn: isoOf(heldOn),
      place: `${at(linked, 0).name}${b.role === 'start' ? '施工现场' : '厂区'}`,
      note: b.role === 'start' ? '全市重点项目集中开工古雷分会场，市、区领导出席' : `本季度${b.word}项目集中展示`,
      createdAt: stamp(heldOn - 14),
      updatedAt: stamp(heldOn, 120),
      createdBy: ctx.opts.userIds.approvers.construction ?? null,
    });
    for (const p of linked) out.batchProjects.push({ batchId: id, projectId: p.id!, role: b.role });
  });
}

export function buildDemoProjects(opts: DemoProjectsOptions): DemoProjects {
  const zone = buildDemoZone();
  const seed = opts.seed ?? 0x5eed0010;
  const todayDay = dayOf(opts.today);
  const lastYm = ymOf(todayDay) - 1;
  const ctx: Context = {
    opts,
    zone,
    dense: !!opts.dense,
    cut: todayDay - 1,
    planYear: Number(opts.today.slice(0, 4)),
    lastYm,
    firstYm: lastYm - (opts.months ?? Math.round(opts.years * 12)) + 1,
    ring: [...BOUNDARY, at(BOUNDARY, 0)],
    plots: zone.geo.filter((g) => g.kind === 'plot'),
    unit: (key) => opts.unitIds[key] ?? null,
    out: { projects: [], leaders: [], units: [], stageHistory: [], milestones: [], reports: [], batches: [], batchProjects: [] },
  };
  const { out, unit } = ctx;
  const { approvers, reporters, enterpriseUsers } = opts.userIds;

  // Specifications, then a common scale so that the total investment matches the source texts' order:
  // 876 projects, 1.02 trillion yuan (102,000,000 万元).
  const specs = new Specs(zone, seed, ctx.dense);
  for (const s of SCRIPTS.slice(0, opts.count)) specs.script(s);
  while (specs.specs.length < opts.count) specs.generic();
  const target = (102_000_000 * opts.count) / 900;
  const scriptedSum = specs.specs.filter((s) => s.scripted).reduce((t, s) => t + s.size, 0);
  const genericSum = specs.specs.filter((s) => !s.scripted).reduce((t, s) => t + s.size, 0);
  const factor = genericSum > 0 ? Math.max(0.1, (target - scriptedSum) / genericSum) : 1;
  const ids = specs.specs.map((s) => uuidOf(s.r, s.index));
  const leadersOf: ProjectLeaderRow[][] = [];

  for (const spec of specs.specs) {
    const r = spec.r;
    const id = at(ids, spec.index);
    const totalCents = spec.scripted ? Math.round(spec.size * 100) : roundAmount(spec.size * factor);
    const total = totalCents / 100;
    const level = spec.level ?? (total >= 300_000 ? 'province' : total >= 50_000 ? (r() < 0.7 ? 'city' : 'district') : r() < 0.8 ? 'district' : 'city');
    const t = timelineOf(ctx, spec, total);
    // Who approves (the lead department's head), who files (the owner's account, else the department's staff).
    const approver = approvers[spec.lead] ?? null;
    const reporter = (spec.enterprise !== undefined ? enterpriseUsers[spec.enterprise] : undefined) ?? reporters[spec.lead] ?? approver;
    t.moves.forEach(([to, on], k) => {
      const byOwner = to === 'construction' || to === 'completed' || to === 'production';
      out.stageHistory.push({
        projectId: id,
        fromStage: k === 0 ? null : at(t.moves, k - 1)[0],
        toStage: to,
        on: isoOf(on),
        reason: null,
        actorId: k > 0 && byOwner ? reporter : approver,
        at: stamp(on, k),
      });
    });
    if (t.tracked) {
      NODES.forEach((n, i) => {
        const a = t.actualOn(i);
        const nodeUnit = NODE_UNIT[n.code];
        out.milestones.push({
          projectId: id,
          seq: i + 1,
          code: n.code,
          name: n.name,
          nameEn: n.nameEn,
          after: [...n.after],
          plannedOn: isoOf(t.S + at(t.plan, i)),
          actualOn: a === null ? null : isoOf(a),
          unitId: nodeUnit ? unit(nodeUnit) : unit(spec.lead),
          note: null,
          updatedAt: stamp(a ?? Math.min(ctx.cut, t.listedOn ?? ctx.cut), 30),
          updatedBy: a === null ? null : reporter,
        });
      });
    }
    const f = reportsOf(ctx, spec, t, id, totalCents, approver, reporter);
    const where = locate(ctx, spec);
    leadersOf.push(linkPeople(ctx, spec, id, level, where));
    const { approvals, contractors } = documentsOf(spec, t, total);

    const e = spec.enterprise === undefined ? undefined : at(zone.enterprises, spec.enterprise);
    const mu = Math.max(10, Math.round(total / int(r, 250, 600)));
    const day = (d: number | null) => (d === null ? null : isoOf(d));
    out.projects.push({
      id,
      code: `GL${isoOf(t.createdOn).slice(0, 4)}-${String(spec.index + 1).padStart(5, '0')}`,
      name: spec.name,
      parentId: spec.parent === undefined ? null : at(ids, spec.parent),
      content: spec.category === 'industry' ? `${spec.content}，用地约${mu}亩` : spec.content,
      capacity:
        spec.capacity ?? (spec.category === 'industry' ? `达产后预计年产值约${Math.max(1, Math.round((total * (0.8 + r() * 0.7)) / 10_000))}亿元` : null),
      level,
      industry: spec.industry,
      category: spec.category,
      nature: spec.nature,
      investorType: spec.investor,
      focus: false,
      stage: t.stage,
      ownerEnterpriseId: spec.enterprise === undefined ? null : (opts.enterpriseIds[spec.enterprise] ?? null),
      ownerName: spec.ownerName,
      ownerContact: e?.contactName ?? person(r),
      ownerPhone: e?.contactPhone ?? mobile(r),
      leadUnitId: unit(spec.lead) ?? unit('construction') ?? '',
      plannedStartOn: isoOf(t.S),
      plannedCompletionOn: isoOf(t.C),
      actualStartOn: day(t.actualOn(I_START)),
      actualCompletionOn: day(t.actualOn(I_TRIAL)),
      productionOn: day(t.actualOn(I_PROD)),
      reserveOn: day(t.reserveOn),
      listedOn: day(t.listedOn),
      totalInvestment: money(totalCents),
      funding: fundingOf(r, spec.investor, totalCents),
      planYear: ctx.planYear,
      annualPlan: money(f.annual),
      contractors,
      approvals,
      ...where,
      reportFrequency: 'month',
      milestoneTemplateId: t.tracked ? (opts.milestoneTemplateId ?? null) : null,
      ytdPlanned: money(f.ytdPlanned),
      ytdCompleted: money(f.ytdCompleted),
      completedTotal: money(f.completedTotal),
      lastApprovedPeriod: f.lastApproved,
      createdAt: stamp(t.createdOn),
      updatedAt: stamp(Math.min(ctx.cut, Math.max(f.lastTouch, ...t.moves.map(([, on]) => on))), 300),
      createdBy: approver,
    });
  }

  chooseFocus(ctx, specs.specs, leadersOf);
  out.leaders = leadersOf.flat();
  ceremonies(ctx, seed);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading into the database.

const MARK = 'demo.projects';

/** The ids of the demo zone that the projects point to, read from the database. */
export async function readDemoProjectIds(db: DbOrTx): Promise<DemoProjectIds> {
  const zone = buildDemoZone();
  const unitRows = await db.select({ id: units.id, code: units.code, path: units.path }).from(units);
  const byCode = new Map(unitRows.map((u) => [u.code, u]));
  const unitIds: Record<string, string> = {};
  const unitPaths: Record<string, string> = {};
  for (const u of zone.units) {
    const row = byCode.get(u.code);
    if (row) {
      unitIds[u.key] = row.id;
      unitPaths[u.key] = row.path;
    }
  }
  const userRows = await db
    .select({ id: users.id, username: users.username, unitId: users.unitId, enterpriseId: users.enterpriseId, role: roles.code })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(roles.code, ['leader', 'cityLeader', 'deptAdmin', 'staff', 'enterpriseUser']));
  userRows.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  const withRole = (role: string) => userRows.filter((u) => u.role === role);
  const leaders = withRole('leader');
  const districtLeaders = [...leaders.filter((u) => u.username === 'leader'), ...leaders.filter((u) => u.username !== 'leader')].map((u) => u.id);
  const pathOf = new Map(unitRows.map((u) => [u.id, u.path]));
  const approvers: Record<string, string> = {};
  const reporters: Record<string, string> = {};
  for (const [key, id] of Object.entries(unitIds)) {
    const head = withRole('deptAdmin').find((u) => u.unitId === id);
    if (head) approvers[key] = head.id;
    const staff = withRole('staff').find((u) => (pathOf.get(u.unitId) ?? '').startsWith(unitPaths[key] ?? '\0'));
    if (staff) reporters[key] = staff.id;
  }
  const entRows = await db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises);
  const entByUscc = new Map(entRows.map((e) => [e.uscc, e.id]));
  const enterpriseIds = zone.enterprises.map((e) => entByUscc.get(e.uscc) ?? '');
  const enterpriseUsers: Record<number, string> = {};
  for (const u of withRole('enterpriseUser')) {
    const i = enterpriseIds.indexOf(u.enterpriseId ?? '\0');
    if (i >= 0 && enterpriseUsers[i] === undefined) enterpriseUsers[i] = u.id;
  }
  const [template] = await db.select({ id: milestoneTemplates.id }).from(milestoneTemplates).where(eq(milestoneTemplates.code, defaultMilestoneTemplate.code));
  return {
    unitIds,
    userIds: { districtLeaders, cityLeaders: withRole('cityLeader').map((u) => u.id), approvers, reporters, enterpriseUsers },
    enterpriseIds,
    milestoneTemplateId: template?.id ?? null,
  };
}

/** Multi-row INSERTs of at most `maxRows` rows and ~60,000 bound values each (PostgreSQL allows 65,535). */
export async function insertDemoProjects(db: DbOrTx, data: DemoProjects, maxRows = 1000): Promise<void> {
  const put = async (table: PgTable, rows: object[]) => {
    if (!rows.length) return;
    const size = Math.max(1, Math.min(maxRows, Math.floor(60_000 / Object.keys(rows[0]!).length)));
    for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
  };
  await put(projects, data.projects);
  await put(projectLeaders, data.leaders);
  await put(projectUnits, data.units);
  await put(projectStageHistory, data.stageHistory);
  await put(projectMilestones, data.milestones);
  await put(investmentReports, data.reports);
  await put(ceremonyBatches, data.batches);
  await put(ceremonyBatchProjects, data.batchProjects);
}

export interface DemoProjectsSeedResult {
  projects: number;
  milestones: number;
  reports: number;
  ms: number;
}

/**
 * Loads the demo key projects once, after the demo zone: ~900 projects with three years of monthly reports, in one
 * transaction. Lights are left 'none': the light job computes them. Returns null when they are already there.
 */
export async function seedDemoProjects(db: Db, today: string, opts: { count?: number; years?: number } = {}): Promise<DemoProjectsSeedResult | null> {
  const [mark] = await db.select().from(settings).where(eq(settings.key, MARK));
  if (mark) return null;
  const started = performance.now();
  const ids = await readDemoProjectIds(db);
  if (!ids.unitIds.construction) throw new Error('seedDemoProjects: the demo zone is not loaded');
  const data = buildDemoProjects({ count: opts.count ?? 900, today, years: opts.years ?? 3, ...ids });
  await db.transaction(async (tx) => {
    await insertDemoProjects(tx, data, 1000);
    await tx
      .insert(settings)
      .values({ key: MARK, value: { today, projects: data.projects.length } })
      .onConflictDoNothing();
  });
  return { projects: data.projects.length, milestones: data.milestones.length, reports: data.reports.length, ms: Math.round(performance.now() - started) };
}
