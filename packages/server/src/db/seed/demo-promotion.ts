// The demo zone's investment promotion (DOMAIN §5): three teams, two industry chains (芳烃-聚酯, 烯烃-塑料) with
// their segments, zone enterprises, chain leaders and gaps, and a year of leads played through the lead service day
// by day (registration, stage moves, clocks, screening with two rejections, one signed lead become a key project is
// left to the user), with trips and receptions linked to them. Every company below except the anchor firms of the
// demo zone is invented. Written once, after the demo zone.
import { eq, inArray, sql } from 'drizzle-orm';
import { addCalendarDays, type LeadStage } from '@zoneops/shared';
import { ManualClock, today } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { queryRows } from '../../platform/database.ts';
import { createLeadService } from '../../modules/promotion/lead.service.ts';
import { createScreeningService } from '../../modules/promotion/screening.service.ts';
import {
  chainSegmentCompanies,
  chainSegments,
  enterprises,
  industryChains,
  promotionLeadEvents,
  promotionReceptions,
  promotionTeamMembers,
  promotionTeams,
  promotionTrips,
  settings,
  units,
} from '../schema.ts';
import { demoPrincipalById, demoUserId } from './demo-actors.ts';

const MARK = 'demo.promotion.seeded';

type StageFacts = Partial<Record<'signedOn' | 'signedAmount' | 'plannedStartOn' | 'startedOn' | 'capitalInPlace' | 'productionOn', string>>;
type Owner = 'zhaoshang' | 'zsstaff' | 'head';
type TeamKey = 'petro' | 'materials' | 'port';

interface LeadSpec {
  key: string;
  company: string;
  industry: string;
  countryRegion?: string;
  fortune500?: boolean;
  /** 万元, or a foreign amount [currency, amount in the currency's units, yuan per unit]. */
  planned: string | [string, string, string];
  landMu: number;
  expectedTax: number;
  energyUse: number;
  expectedOutput: number;
  env: 'report' | 'reportForm' | 'registration';
  chainFit: boolean;
  segment?: string;
  source: string;
  referrer?: string;
  contact: [string, string, string];
  team: TeamKey;
  owner: Owner;
  registeredOn: string;
  /** Stage moves: [day, stage, facts]. */
  moves?: [string, LeadStage, StageFacts?][];
  /** Screening: day and decision (reject closes the lead). */
  assess?: [string, 'pass' | 'reject', string];
  /** Leave the bi-weekly report clock overdue (a lead the owner neglects). */
  stale?: boolean;
}

// Registered through 2026 (two in late 2025), at every stage; the owners answer within the day except where noted.
const LEADS: LeadSpec[] = [
  {
    key: 'pta',
    company: '华东恒远石化股份有限公司',
    industry: 'petrochemical',
    planned: '1200000',
    landMu: 1500,
    expectedTax: 90000,
    energyUse: 480000,
    expectedOutput: 2600000,
    env: 'report',
    chainFit: true,
    segment: 'PTA',
    source: '以商引商',
    referrer: '腾龙芳烃(漳州)有限公司',
    contact: ['陈建华', '投资发展部总经理', '13805910001'],
    team: 'petro',
    owner: 'zhaoshang',
    registeredOn: '2025-11-12',
    moves: [
      ['2025-12-20', 'negotiating'],
      ['2026-04-18', 'signed', { signedOn: '2026-04-18', signedAmount: '1150000.00' }],
      ['2026-07-01', 'preStart', { plannedStartOn: '2026-12-28' }],
    ],
    assess: ['2025-11-17', 'pass', '符合芳烃-聚酯产业链补链方向，投资强度与亩均税收达标'],
  },
  {
    key: 'pet',
    company: '浙江锦程聚酯新材料有限公司',
    industry: 'newMaterials',
    planned: '380000',
    landMu: 620,
    expectedTax: 26000,
    energyUse: 95000,
    expectedOutput: 720000,
    env: 'report',
    chainFit: true,
    segment: '聚酯(PET)',
    source: '驻点招商',
    contact: ['沈立群', '董事长助理', '13957310002'],
    team: 'petro',
    owner: 'zsstaff',
    registeredOn: '2026-01-08',
    moves: [
      ['2026-02-26', 'negotiating'],
      ['2026-06-12', 'signed', { signedOn: '2026-06-12', signedAmount: '360000.00' }],
      ['2026-08-20', 'started', { plannedStartOn: '2026-08-15', startedOn: '2026-08-20' }],
      ['2026-10-15', 'capitalInPlace', { capitalInPlace: '86000.00' }],
    ],
    assess: ['2026-01-13', 'pass', '补齐聚酯环节，带动下游纤维与瓶片'],
  },
  {
    key: 'bottle',
    company: '厦门海昇瓶片科技有限公司',
    industry: 'newMaterials',
    planned: '120000',
    landMu: 210,
    expectedTax: 8200,
    energyUse: 21000,
    expectedOutput: 260000,
    env: 'reportForm',
    chainFit: true,
    segment: '瓶片与薄膜',
    source: '网络招商',
    contact: ['林晓东', '总经理', '13906020003'],
    team: 'petro',
    owner: 'zsstaff',
    registeredOn: '2026-03-02',
    moves: [['2026-04-10', 'negotiating']],
    assess: ['2026-03-05', 'pass', '下游延链项目，能耗与环评类别符合要求'],
  },
  {
    key: 'fiber',
    company: '江苏盛虹纤维科技有限公司',
    industry: 'newMaterials',
    planned: '260000',
    landMu: 400,
    expectedTax: 15000,
    energyUse: 52000,
    expectedOutput: 480000,
    env: 'report',
    chainFit: true,
    segment: '涤纶纤维',
    source: '外出招商',
    contact: ['周明远', '副总裁', '13861220004'],
    team: 'petro',
    owner: 'zhaoshang',
    registeredOn: '2026-05-19',
    moves: [['2026-07-02', 'negotiating']],
    stale: true,
  },
  {
    key: 'meg',
    company: 'Sabine Glycols Pte. Ltd.',
    industry: 'petrochemical',
    countryRegion: 'SG',
    fortune500: false,
    planned: ['USD', '500000000', '7.1'],
    landMu: 300,
    expectedTax: 12000,
    energyUse: 88000,
    expectedOutput: 300000,
    env: 'report',
    chainFit: true,
    segment: '乙二醇(MEG)',
    source: '外资招商',
    referrer: '漳州市商务局',
    contact: ['Tan Wei Ming', 'Business Development Director', '13600000005'],
    team: 'petro',
    owner: 'zhaoshang',
    registeredOn: '2026-09-09',
    moves: [['2026-10-21', 'negotiating']],
  },
  {
    key: 'eva',
    company: '台商联成光伏材料股份有限公司',
    industry: 'newMaterials',
    countryRegion: 'TW',
    planned: '450000',
    landMu: 500,
    expectedTax: 24000,
    energyUse: 76000,
    expectedOutput: 650000,
    env: 'report',
    chainFit: true,
    segment: 'EVA',
    source: '以台引台',
    contact: ['黄志诚', '大陆投资处长', '13799990006'],
    team: 'materials',
    owner: 'head',
    registeredOn: '2026-02-16',
    moves: [
      ['2026-03-30', 'negotiating'],
      ['2026-09-26', 'signed', { signedOn: '2026-09-26', signedAmount: '430000.00' }],
    ],
    assess: ['2026-02-20', 'pass', '补齐烯烃-塑料链EVA环节，对接光伏胶膜需求'],
  },
  {
    key: 'modified',
    company: '广东金发科技改性塑料有限公司',
    industry: 'newMaterials',
    planned: '150000',
    landMu: 260,
    expectedTax: 9800,
    energyUse: 18000,
    expectedOutput: 320000,
    env: 'reportForm',
    chainFit: true,
    segment: '改性塑料',
    source: '驻点招商',
    contact: ['罗海涛', '投资总监', '13922880007'],
    team: 'materials',
    owner: 'zsstaff',
    registeredOn: '2026-04-07',
    moves: [
      ['2026-05-11', 'negotiating'],
      ['2026-08-08', 'signed', { signedOn: '2026-08-08', signedAmount: '150000.00' }],
      ['2026-10-30', 'started', { plannedStartOn: '2026-10-28', startedOn: '2026-10-30' }],
    ],
    assess: ['2026-04-10', 'pass', '改性塑料补链，亩均税收超过门槛'],
  },
  {
    key: 'films',
    company: '漳州新瑞薄膜制品有限公司',
    industry: 'newMaterials',
    planned: '18000',
    landMu: 120,
    expectedTax: 1500,
    energyUse: 9000,
    expectedOutput: 42000,
    env: 'registration',
    chainFit: true,
    segment: '塑料制品',
    source: '企业自荐',
    contact: ['许丽娟', '总经理', '13506960008'],
    team: 'materials',
    owner: 'zsstaff',
    registeredOn: '2026-06-03',
    assess: ['2026-06-08', 'reject', '投资强度150万元/亩、亩均税收12.5万元，均低于入园门槛'],
  },
  {
    key: 'coating',
    company: '莆田华彩涂料有限公司',
    industry: 'fineChemical',
    planned: '36000',
    landMu: 90,
    expectedTax: 3100,
    energyUse: 61000,
    expectedOutput: 52000,
    env: 'report',
    chainFit: false,
    source: '企业自荐',
    contact: ['郑国斌', '董事长', '13805940009'],
    team: 'materials',
    owner: 'head',
    registeredOn: '2026-07-14',
    assess: ['2026-07-17', 'reject', '单位产值能耗1.17吨标煤/万元超过上限，且不属于园区主导产业链'],
  },
  {
    key: 'abs',
    company: '宁波甬华工程塑料有限公司',
    industry: 'newMaterials',
    planned: '220000',
    landMu: 300,
    expectedTax: 16000,
    energyUse: 40000,
    expectedOutput: 390000,
    env: 'report',
    chainFit: true,
    segment: 'ABS',
    source: '外出招商',
    contact: ['王振宇', '战略投资部经理', '13738450010'],
    team: 'materials',
    owner: 'head',
    registeredOn: '2026-10-12',
    moves: [['2026-11-09', 'negotiating']],
  },
  {
    key: 'tanks',
    company: '中储国际石化仓储有限公司',
    industry: 'logistics',
    planned: '95000',
    landMu: 180,
    expectedTax: 6400,
    energyUse: 3000,
    expectedOutput: 36000,
    env: 'reportForm',
    chainFit: true,
    source: '央企对接',
    contact: ['刘卫国', '项目经理', '13910110011'],
    team: 'port',
    owner: 'zsstaff',
    registeredOn: '2026-03-23',
    moves: [
      ['2026-04-28', 'negotiating'],
      ['2026-07-16', 'signed', { signedOn: '2026-07-16', signedAmount: '95000.00' }],
    ],
    assess: ['2026-03-26', 'pass', '完善园区液体化工品仓储配套'],
  },
  {
    key: 'lng',
    company: '华润燃气(漳州)能源有限公司',
    industry: 'energy',
    fortune500: true,
    planned: '180000',
    landMu: 160,
    expectedTax: 11000,
    energyUse: 12000,
    expectedOutput: 210000,
    env: 'report',
    chainFit: true,
    source: '央企对接',
    contact: ['赵启明', '副总经理', '13859660012'],
    team: 'port',
    owner: 'zhaoshang',
    registeredOn: '2026-08-04',
    moves: [['2026-09-15', 'negotiating']],
    assess: ['2026-08-07', 'pass', '园区LNG冷能利用与燃气保障项目'],
  },
  {
    key: 'hydrogen',
    company: '厦门氢联新能源科技有限公司',
    industry: 'energy',
    planned: '42000',
    landMu: 60,
    expectedTax: 2600,
    energyUse: 5000,
    expectedOutput: 38000,
    env: 'reportForm',
    chainFit: true,
    source: '网络招商',
    contact: ['方子健', '创始人', '13779990013'],
    team: 'port',
    owner: 'zsstaff',
    registeredOn: '2026-11-20',
  },
  {
    key: 'catalyst',
    company: '上海华谊催化剂有限公司',
    industry: 'fineChemical',
    planned: '68000',
    landMu: 110,
    expectedTax: 5200,
    energyUse: 9000,
    expectedOutput: 85000,
    env: 'report',
    chainFit: true,
    source: '以商引商',
    contact: ['顾文斌', '总工程师', '13601880014'],
    team: 'materials',
    owner: 'zsstaff',
    registeredOn: '2026-11-23',
  },
];

const STAGE_TEAMS: Record<TeamKey, { name: string; leader: Owner; members: Owner[] }> = {
  petro: { name: '石化产业招商专班', leader: 'zhaoshang', members: ['zsstaff'] },
  materials: { name: '新材料产业招商组团', leader: 'head', members: ['zsstaff', 'zhaoshang'] },
  port: { name: '临港物流与能源招商组团', leader: 'zhaoshang', members: ['zsstaff'] },
};

/** Segments upstream to downstream; companies: zone enterprises by name (★ = 链主) and targets (lead keys). */
const CHAINS: { name: string; description: string; segments: { name: string; parent?: string; zone?: string[]; targets?: string[] }[] }[] = [
  {
    name: '芳烃-聚酯产业链',
    description: '以炼化一体化为龙头，向PX、PTA、聚酯及纤维、瓶片、薄膜延伸',
    segments: [
      { name: '炼油与芳烃联合装置', zone: ['★福建古雷石化有限公司'] },
      { name: '对二甲苯(PX)', parent: '炼油与芳烃联合装置', zone: ['★腾龙芳烃(漳州)有限公司'] },
      { name: 'PTA', parent: '对二甲苯(PX)', targets: ['pta'] },
      { name: '乙二醇(MEG)', parent: '炼油与芳烃联合装置', targets: ['meg'] },
      { name: '聚酯(PET)', parent: 'PTA', targets: ['pet'] },
      { name: '涤纶纤维', parent: '聚酯(PET)', targets: ['fiber'] },
      { name: '瓶片与薄膜', parent: '聚酯(PET)', targets: ['bottle'] },
    ],
  },
  {
    name: '烯烃-塑料产业链',
    description: '以百万吨级乙烯为龙头，发展聚烯烃、苯乙烯系树脂、EVA及改性塑料和制品',
    segments: [
      { name: '乙烯裂解', zone: ['★福建古雷石化有限公司'] },
      { name: '聚乙烯/聚丙烯', parent: '乙烯裂解', zone: ['福建古雷石化有限公司'] },
      { name: '苯乙烯(SM)', parent: '乙烯裂解', zone: ['漳州奇美化工有限公司'] },
      { name: 'ABS', parent: '苯乙烯(SM)', zone: ['漳州奇美化工有限公司'], targets: ['abs'] },
      { name: 'EVA', parent: '乙烯裂解', targets: ['eva'] },
      { name: '改性塑料', parent: '聚乙烯/聚丙烯', targets: ['modified'] },
      { name: '塑料制品', parent: '改性塑料', targets: ['films'] },
    ],
  },
];

const at10 = (day: string) => new Date(`${day}T02:00:00Z`);
const maxDay = (a: string, b: string) => (a > b ? a : b);
/** Activities are logged at the end of their day (18:00 Shanghai), after the leads they created. */
const evening = (day: string) => new Date(`${day}T10:00:00Z`);

export async function isDemoPromotionSeeded(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, MARK));
  return !!row;
}

/** Writes the demo promotion data once (after the demo zone). */
export async function seedDemoPromotion(deps: Deps): Promise<void> {
  if (await isDemoPromotionSeeded(deps)) return;
  const db = deps.db;
  const clock = new ManualClock(deps.clock.now());
  const at = { ...deps, clock };
  const leads = createLeadService(at);
  const screening = createScreeningService(at, leads);
  const ctx = systemContext('demo-seed');

  const principalOf = (id: string): Promise<Principal> => demoPrincipalById(db, id);
  const idOf = (username: string) => demoUserId(db, username);
  // The head of the promotion bureau: the department head of the unit the promotion administrator belongs to.
  const [head] = await queryRows<{ id: string }>(
    db,
    sql`select u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
      where r.code = 'deptAdmin' and u.unit_id = (select unit_id from users where username = 'zhaoshang') order by u.username limit 1`,
  );
  const ownerIds: Record<Owner, string> = { zhaoshang: await idOf('zhaoshang'), zsstaff: await idOf('zsstaff'), head: head?.id ?? (await idOf('zhaoshang')) };
  const owners = Object.fromEntries(await Promise.all(Object.entries(ownerIds).map(async ([k, id]) => [k, await principalOf(id)]))) as Record<Owner, Principal>;
  const [promotionUnit] = await db.select({ id: units.id }).from(units).where(eq(units.id, owners.zhaoshang.unitId));

  // Teams.
  const teamIds = {} as Record<TeamKey, string>;
  for (const [key, t] of Object.entries(STAGE_TEAMS) as [TeamKey, (typeof STAGE_TEAMS)[TeamKey]][]) {
    const [row] = await db
      .insert(promotionTeams)
      .values({ name: t.name, leaderUserId: ownerIds[t.leader], unitId: promotionUnit?.id ?? null, createdAt: at10('2026-01-04') })
      .returning({ id: promotionTeams.id });
    teamIds[key] = row!.id;
    const members = [...new Set([t.leader, ...t.members])];
    await db.insert(promotionTeamMembers).values(members.map((m) => ({ teamId: row!.id, userId: ownerIds[m], role: m === t.leader ? 'leader' : 'member' })));
  }

  // Leads, played day by day in order.
  type Step = { day: string; run: () => Promise<void> };
  const steps: Step[] = [];
  const leadIds = new Map<string, string>();
  const approver = owners.zhaoshang;
  for (const s of LEADS) {
    const owner = owners[s.owner];
    steps.push({
      day: s.registeredOn,
      run: async () => {
        const foreign = Array.isArray(s.planned) ? s.planned : null;
        const id = await leads.create(ctx, owner, {
          company: s.company,
          countryRegion: s.countryRegion ?? 'CN',
          fortune500: s.fortune500 ?? false,
          industry: s.industry,
          content: `${s.company}拟在古雷投资建设项目，用地约${s.landMu}亩。`,
          plannedInvestment: foreign ? null : `${s.planned as string}.00`,
          currency: foreign?.[0] ?? null,
          foreignAmount: foreign?.[1] ?? null,
          fxRate: foreign?.[2] ?? null,
          landMu: s.landMu,
          expectedTax: s.expectedTax,
          energyUse: s.energyUse,
          expectedOutput: s.expectedOutput,
          environmentalCategory: s.env,
          chainFit: s.chainFit,
          source: s.source,
          referrer: s.referrer ?? null,
          contacts: [{ name: s.contact[0], title: s.contact[1], phone: s.contact[2] }],
          teamId: teamIds[s.team],
          registeredOn: s.registeredOn,
        });
        leadIds.set(s.key, id);
      },
    });
    // Clocks: answered the same day, assessed and fed back within the week, reported every two weeks.
    const clockDays: [string, number][] = [
      ['answer', 0],
      ['assess', 2],
      ['feedback', 4],
    ];
    const rejectedOn = s.assess?.[1] === 'reject' ? s.assess[0] : null;
    for (const [code, offset] of clockDays) {
      const day = addCalendarDays(s.registeredOn, offset);
      if (rejectedOn && day >= rejectedOn) continue;
      steps.push({ day, run: () => leads.clockDone(ctx, owner, leadIds.get(s.key)!, { code, doneOn: day }) });
    }
    if (s.assess) {
      const [day, decision, reasons] = s.assess;
      steps.push({ day, run: () => screening.assess(ctx, approver, leadIds.get(s.key)!, { decision, reasons }).then(() => undefined) });
    }
    for (const [day, to, facts] of s.moves ?? []) {
      steps.push({ day, run: () => leads.moveStage(ctx, owner, leadIds.get(s.key)!, { to, ...facts }) });
    }
    if (!s.stale && !rejectedOn) {
      // the last fortnightly report a few days ago
      const day = addCalendarDays(today(deps.clock), -3);
      if (day > s.registeredOn) steps.push({ day, run: () => leads.clockDone(ctx, owner, leadIds.get(s.key)!, { code: 'report', doneOn: day }) });
    }
  }
  steps.sort((a, b) => a.day.localeCompare(b.day));
  let previous = '';
  let minute = 0;
  for (const step of steps) {
    if (step.day > today(deps.clock)) continue;
    // one step a minute from 10:00 that day, so a lead's history keeps its order
    minute = step.day === previous ? minute + 1 : 0;
    previous = step.day;
    clock.set(new Date(at10(step.day).getTime() + minute * 60_000));
    await step.run();
  }
  clock.set(deps.clock.now());
  await leads.recomputeClocks();

  // Trips and receptions, linked to leads (and in each lead's history).
  const lead = (key: string) => leadIds.get(key)!;
  const trips: { team: TeamKey; destination: string; start: string; end: string; members: Owner[]; companies: string[]; outcome: string; leads: string[] }[] = [
    {
      team: 'petro',
      destination: '浙江宁波、舟山',
      start: '2026-03-16',
      end: '2026-03-19',
      members: ['zhaoshang', 'zsstaff'],
      companies: ['浙江锦程聚酯新材料有限公司', '华东恒远石化股份有限公司'],
      outcome: '与锦程聚酯达成投资意向，恒远石化PTA项目进入实质性谈判',
      leads: ['pet', 'pta'],
    },
    {
      team: 'petro',
      destination: '江苏苏州、南通',
      start: '2026-05-11',
      end: '2026-05-14',
      members: ['zhaoshang'],
      companies: ['江苏盛虹纤维科技有限公司'],
      outcome: '盛虹纤维有意布局涤纶长丝项目，已登记线索',
      leads: ['fiber'],
    },
    {
      team: 'materials',
      destination: '广东广州、佛山',
      start: '2026-04-01',
      end: '2026-04-03',
      members: ['head', 'zsstaff'],
      companies: ['广东金发科技改性塑料有限公司', '佛山某塑料制品企业'],
      outcome: '金发改性塑料项目登记并启动评估',
      leads: ['modified'],
    },
    {
      team: 'materials',
      destination: '台湾高雄（经两岸经贸交流会）',
      start: '2026-02-10',
      end: '2026-02-13',
      members: ['head'],
      companies: ['台商联成光伏材料股份有限公司'],
      outcome: '对接EVA光伏胶膜原料项目',
      leads: ['eva'],
    },
    {
      team: 'port',
      destination: '北京、上海（央企总部）',
      start: '2026-07-27',
      end: '2026-07-31',
      members: ['zhaoshang', 'zsstaff'],
      companies: ['华润燃气控股有限公司', '中储国际石化仓储有限公司'],
      outcome: '华润燃气LNG冷能利用项目登记线索',
      leads: ['lng', 'tanks'],
    },
    {
      team: 'petro',
      destination: '新加坡',
      start: '2026-08-24',
      end: '2026-08-28',
      members: ['zhaoshang'],
      companies: ['Sabine Glycols Pte. Ltd.'],
      outcome: '乙二醇项目初步接洽，对方9月来访',
      leads: ['meg'],
    },
  ];
  for (const t of trips) {
    const linked = t.leads.map(lead).filter(Boolean);
    await db.insert(promotionTrips).values({
      teamId: teamIds[t.team],
      destination: t.destination,
      startOn: t.start,
      endOn: t.end,
      memberUserIds: t.members.map((m) => ownerIds[m]),
      companiesVisited: t.companies,
      outcome: t.outcome,
      leadIds: linked,
      createdBy: ownerIds[t.members[0]!],
      createdAt: at10(t.end),
    });
    // a lead first met on the trip and registered later gets the trip in its history on its registration day
    const onOf = (key: string) => maxDay(t.end, LEADS.find((l) => l.key === key)!.registeredOn);
    if (linked.length)
      await db
        .insert(promotionLeadEvents)
        .values(t.leads.map((key) => ({ leadId: lead(key), kind: 'trip', toValue: t.destination, at: evening(onOf(key)), byUserId: ownerIds[t.members[0]!] })));
  }
  const receptions: { team: TeamKey; on: string; company: string; visitors: string; host: Owner; purpose: string; outcome: string; leads: string[] }[] = [
    {
      team: 'petro',
      on: '2025-11-12',
      company: '华东恒远石化股份有限公司',
      visitors: '陈建华（投资发展部总经理）等4人',
      host: 'zhaoshang',
      purpose: '考察PTA项目选址与配套',
      outcome: '确定选址意向，登记线索',
      leads: ['pta'],
    },
    {
      team: 'petro',
      on: '2026-01-08',
      company: '浙江锦程聚酯新材料有限公司',
      visitors: '沈立群（董事长助理）等3人',
      host: 'zsstaff',
      purpose: '了解聚酯项目用地与原料供应',
      outcome: '登记线索并安排评估',
      leads: ['pet'],
    },
    {
      team: 'petro',
      on: '2026-09-09',
      company: 'Sabine Glycols Pte. Ltd.',
      visitors: 'Tan Wei Ming 等2人',
      host: 'zhaoshang',
      purpose: '乙二醇项目现场考察',
      outcome: '登记线索，约定10月商务谈判',
      leads: ['meg'],
    },
    {
      team: 'materials',
      on: '2026-02-16',
      company: '台商联成光伏材料股份有限公司',
      visitors: '黄志诚（大陆投资处长）等3人',
      host: 'head',
      purpose: 'EVA项目考察与政策咨询',
      outcome: '登记线索',
      leads: ['eva'],
    },
    {
      team: 'materials',
      on: '2026-10-12',
      company: '宁波甬华工程塑料有限公司',
      visitors: '王振宇（战略投资部经理）等2人',
      host: 'head',
      purpose: '考察ABS原料配套',
      outcome: '登记线索',
      leads: ['abs'],
    },
    {
      team: 'port',
      on: '2026-03-23',
      company: '中储国际石化仓储有限公司',
      visitors: '刘卫国（项目经理）等3人',
      host: 'zsstaff',
      purpose: '液体化工品仓储项目选址',
      outcome: '登记线索',
      leads: ['tanks'],
    },
    {
      team: 'port',
      on: '2026-11-20',
      company: '厦门氢联新能源科技有限公司',
      visitors: '方子健（创始人）',
      host: 'zsstaff',
      purpose: '氢能综合利用项目咨询',
      outcome: '登记线索，待评估',
      leads: ['hydrogen'],
    },
  ];
  for (const r of receptions) {
    const linked = r.leads.map(lead).filter(Boolean);
    await db.insert(promotionReceptions).values({
      teamId: teamIds[r.team],
      heldOn: r.on,
      visitorCompany: r.company,
      visitors: r.visitors,
      hostUserId: ownerIds[r.host],
      purpose: r.purpose,
      outcome: r.outcome,
      leadIds: linked,
      createdBy: ownerIds[r.host],
      createdAt: at10(r.on),
    });
    if (linked.length)
      await db
        .insert(promotionLeadEvents)
        .values(linked.map((leadId) => ({ leadId, kind: 'reception', toValue: r.company, at: evening(r.on), byUserId: ownerIds[r.host] })));
  }

  // Industry chains: segments as a tree, zone enterprises (★ 链主) and targets followed as leads.
  const names = [...new Set(CHAINS.flatMap((c) => c.segments.flatMap((s) => (s.zone ?? []).map((z) => z.replace('★', '')))))];
  const ents = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(inArray(enterprises.name, names));
  const entId = new Map(ents.map((e) => [e.name, e.id]));
  for (const [i, c] of CHAINS.entries()) {
    const [chain] = await db
      .insert(industryChains)
      .values({ name: c.name, description: c.description, chiefUserId: await idOf('leader'), sort: i })
      .returning({ id: industryChains.id });
    const segIds = new Map<string, string>();
    for (const [position, s] of c.segments.entries()) {
      const [seg] = await db
        .insert(chainSegments)
        .values({ chainId: chain!.id, parentId: s.parent ? segIds.get(s.parent)! : null, name: s.name, position })
        .returning({ id: chainSegments.id });
      segIds.set(s.name, seg!.id);
      for (const z of s.zone ?? []) {
        const name = z.replace('★', '');
        const enterpriseId = entId.get(name);
        if (enterpriseId)
          await db.insert(chainSegmentCompanies).values({ segmentId: seg!.id, kind: 'zone', enterpriseId, name, chainLeader: z.startsWith('★') });
      }
      for (const key of s.targets ?? []) {
        const spec = LEADS.find((l) => l.key === key)!;
        await db.insert(chainSegmentCompanies).values({ segmentId: seg!.id, kind: 'target', name: spec.company, leadId: lead(key) ?? null });
      }
    }
    for (const s of LEADS.filter((l) => l.segment && segIds.has(l.segment) && leadIds.has(l.key))) {
      await db.execute(sql`update promotion_leads set chain_segment_id = ${segIds.get(s.segment!)!} where id = ${lead(s.key)}`);
    }
  }
  await db.insert(settings).values({ key: MARK, value: { at: deps.clock.now().toISOString(), leads: leadIds.size } });
}
