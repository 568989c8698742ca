// The demo zone's enterprise service (DOMAIN §9): the routing table and reply templates, every liaison cadre paired
// with a handful of enterprises, two months of visits, and requests played through the request service hour by hour
// (filed in the portal, by cadres and during visits; accepted, answered, rated; two reopened by a dissatisfied
// enterprise, one refused and redirected, some late, some still open), so that the metrics have something to say.
// Written once, after the demo zone.
import { eq, sql } from 'drizzle-orm';
import { addCalendarDays, type RequestCategory, type RequestKind, type RequestRating } from '@zoneops/shared';
import { ManualClock, today } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { queryRows } from '../../platform/database.ts';
import { createPairingService } from '../../modules/service/pairing.service.ts';
import { createRequestService } from '../../modules/service/request.service.ts';
import { createRoutingService } from '../../modules/service/routing.service.ts';
import { createVisitService } from '../../modules/service/visit.service.ts';
import { settings, units } from '../schema.ts';
import { demoPrincipalById, demoUserId } from './demo-actors.ts';

const MARK = 'demo.service.seeded';
const HOUR = 3_600_000;

/** Category → unit code (demo-data.ts UNIT_TABLE). */
const ROUTES: Record<RequestCategory, string> = {
  policy: 'GL-ECO',
  market: 'GL-PRO',
  land: 'GL-NRP',
  finance: 'GL-FIN',
  talent: 'GL-PER',
  planning: 'GL-CON',
  utilities: 'GL-CON',
  other: 'GL-ESC',
};

const TEMPLATES: { category: RequestCategory; title: string; body: string }[] = [
  {
    category: 'policy',
    title: '政策兑现答复',
    body: '贵企业反映的政策兑现事项已收悉。经核实，符合条件的奖补资金将于本月内拨付，请留意账户到账情况。如有疑问请联系经济发展局。',
  },
  { category: 'land', title: '用地手续答复', body: '贵企业用地事项已转自然资源和规划局办理，相关手续正在按程序推进，预计完成时间已告知企业联系人。' },
  { category: 'utilities', title: '水电气保障答复', body: '已协调供电、供水、供气单位现场查看，保障方案已与企业确认，请企业做好配合。' },
  { category: 'talent', title: '人才政策答复', body: '贵企业人才引进与住房保障诉求已登记，符合条件的人员可按园区人才政策申报，申报材料清单已发送企业联系人。' },
];

/**
 * A request and what happens to it: [hours after filing, step]. Handlers answer within the promised time unless
 * the story says otherwise.
 */
interface Story {
  enterprise: number;
  via: 'portal' | 'cadre' | 'visit';
  category: RequestCategory;
  kind: RequestKind;
  title: string;
  content: string;
  /** Days before today it was filed (10:00 Shanghai). */
  daysAgo: number;
  steps: Step[];
}
type Step =
  | [number, 'accept']
  | [number, 'answer', string, boolean]
  | [number, 'rate', RequestRating, string?]
  | [number, 'refuse', string, string]
  | [number, 'followUp', string];

const STORIES: Story[] = [
  {
    enterprise: 0,
    via: 'portal',
    category: 'utilities',
    kind: 'urgent',
    title: '二期装置试车期间供电负荷不足',
    content: '我司二期装置计划下周试车，现有110kV线路负荷接近上限，请协调供电公司临时增容。',
    daysAgo: 54,
    steps: [
      [1, 'accept'],
      [30, 'answer', '已协调供电公司制定临时增容方案，试车期间由专线保障。', true],
      [50, 'rate', 'satisfied'],
      [120, 'followUp', '回访：试车顺利完成，企业对响应速度满意。'],
    ],
  },
  {
    enterprise: 1,
    via: 'portal',
    category: 'policy',
    kind: 'ordinary',
    title: '2025年度技改奖补资金尚未到账',
    content: '我司2025年度技术改造项目已通过验收，奖补资金至今未到账，请帮助协调。',
    daysAgo: 47,
    steps: [
      [20, 'accept'],
      [70, 'answer', '经核实，资金已列入本月拨付计划。', false],
      [80, 'rate', 'dissatisfied', '只说列入计划，没有明确到账时间'],
      [90, 'accept'],
      [150, 'answer', '财政局已完成拨付，资金于本周三到账，拨付凭证已发送企业财务。', true],
      [160, 'rate', 'satisfied'],
    ],
  },
  {
    enterprise: 2,
    via: 'cadre',
    category: 'land',
    kind: 'ordinary',
    title: '新建仓库用地规划条件咨询',
    content: '企业拟在厂区东侧新建原料仓库，需了解用地规划条件和报建流程。',
    daysAgo: 40,
    steps: [
      [4, 'accept'],
      [60, 'answer', '规划条件已出具，报建流程及材料清单已发送企业。', true],
      [72, 'rate', 'basicallySatisfied'],
    ],
  },
  {
    enterprise: 3,
    via: 'portal',
    category: 'talent',
    kind: 'ordinary',
    title: '新引进工程师子女入学',
    content: '我司新引进的3名工程师子女需在古雷镇就读小学，请协调学位。',
    daysAgo: 36,
    steps: [
      [6, 'refuse', '子女入学由社会事务局负责', 'GL-SOC'],
      [10, 'accept'],
      [100, 'answer', '已协调古雷中心小学安排学位，请家长持相关材料办理入学。', true],
      [110, 'rate', 'satisfied'],
    ],
  },
  {
    enterprise: 4,
    via: 'portal',
    category: 'finance',
    kind: 'ordinary',
    title: '流动资金贷款贴息申请',
    content: '申请园区中小企业流动资金贷款贴息，请告知申报条件与时间。',
    daysAgo: 30,
    steps: [
      [30, 'accept'],
      [200, 'answer', '贴息政策申报条件与材料已告知，企业可于下月集中申报。', false],
      [230, 'rate', 'basicallySatisfied'],
    ],
  },
  {
    enterprise: 0,
    via: 'visit',
    category: 'planning',
    kind: 'ordinary',
    title: '厂区道路开口审批',
    content: '走访中企业提出，厂区北门需新增道路开口方便危化品车辆进出，请协调审批。',
    daysAgo: 26,
    steps: [
      [5, 'accept'],
      [96, 'answer', '道路开口方案已通过建设局审查，交警部门同意设置。', true],
      [100, 'rate', 'satisfied'],
    ],
  },
  {
    enterprise: 5,
    via: 'cadre',
    category: 'market',
    kind: 'consultation',
    title: '上下游配套企业对接',
    content: '企业希望对接园区内PX、PTA上下游企业，了解原料供应合作机会。',
    daysAgo: 21,
    steps: [
      [3, 'answer', '已提供园区芳烃-聚酯产业链企业名单及联系人，招商局可组织对接会。', true],
      [20, 'rate', 'satisfied'],
    ],
  },
  {
    enterprise: 6,
    via: 'cadre',
    category: 'utilities',
    kind: 'urgent',
    title: '污水管网溢流',
    content: '园区污水处理厂进水管网在纬一路段出现溢流，需紧急处置。',
    daysAgo: 15,
    steps: [
      [4, 'accept'],
      [48, 'answer', '建设局已组织抢修，管网恢复正常。', true],
      [60, 'rate', 'satisfied'],
    ],
  },
  {
    enterprise: 1,
    via: 'portal',
    category: 'other',
    kind: 'ordinary',
    title: '园区公交线路调整建议',
    content: '建议增开早晚高峰园区通勤公交班次，方便员工上下班。',
    daysAgo: 12,
    steps: [
      [2, 'accept'],
      [70, 'answer', '已与公交公司协商，下月起早晚高峰各加开2班。', true],
      [90, 'rate', 'dissatisfied', '加开班次太少'],
      [100, 'accept'],
    ],
  },
  {
    enterprise: 2,
    via: 'portal',
    category: 'policy',
    kind: 'ordinary',
    title: '高新技术企业认定辅导',
    content: '我司拟申报高新技术企业，希望获得认定辅导。',
    daysAgo: 9,
    steps: [
      [3, 'accept'],
      [60, 'answer', '经济发展局将于下周组织高企认定专题辅导，已将企业列入名单。', true],
    ],
  },
  {
    enterprise: 3,
    via: 'portal',
    category: 'land',
    kind: 'ordinary',
    title: '不动产权证办理进度',
    content: '我司二期厂房已竣工验收，不动产权证办理进度较慢，请协调。',
    daysAgo: 8,
    steps: [[50, 'accept']],
  },
  {
    enterprise: 4,
    via: 'portal',
    category: 'planning',
    kind: 'urgent',
    title: '消防验收预约',
    content: '新建车间需尽快完成消防验收以便投产，请协助预约。',
    daysAgo: 3,
    steps: [[1, 'accept']],
  },
  {
    enterprise: 0,
    via: 'portal',
    category: 'finance',
    kind: 'consultation',
    title: '出口信用保险政策咨询',
    content: '请问园区对出口信用保险保费是否有补贴？',
    daysAgo: 1,
    steps: [],
  },
];

export async function isDemoServiceSeeded(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, MARK));
  return !!row;
}

/** Writes the demo enterprise service once (after the demo zone). */
export async function seedDemoService(deps: Deps): Promise<void> {
  if (await isDemoServiceSeeded(deps)) return;
  const db = deps.db;
  const clock = new ManualClock(deps.clock.now());
  const at = { ...deps, clock };
  const requests = createRequestService(at);
  const routing = createRoutingService(at);
  const pairings = createPairingService(at);
  const visits = createVisitService(at, requests);
  const ctx = systemContext('demo-seed');
  const todayOn = today(deps.clock);
  const principalOf = (id: string): Promise<Principal> => demoPrincipalById(db, id);
  const userIdOf = (username: string) => demoUserId(db, username);
  const manager = await principalOf(await userIdOf('qyfw'));

  const unitRows = await db.select({ id: units.id, code: units.code }).from(units);
  const unitId = (code: string) => unitRows.find((u) => u.code === code)!.id;
  // The handler of a unit: its head (a department head may handle the requests of the unit and below).
  const handlers = new Map<string, Principal>();
  const handlerOf = async (code: string) => {
    if (!handlers.has(code)) {
      const [u] = await queryRows<{ id: string }>(
        db,
        sql`select u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where u.unit_id = ${unitId(code)} and r.code = 'deptAdmin' order by u.username limit 1`,
      );
      handlers.set(code, await principalOf(u!.id));
    }
    return handlers.get(code)!;
  };

  clock.set(new Date(`${addCalendarDays(todayOn, -60)}T01:00:00Z`));
  await routing.saveRoutes(ctx, manager, {
    routes: Object.entries(ROUTES).map(([category, code]) => ({ category: category as RequestCategory, unitId: unitId(code) })),
  });
  for (const t of TEMPLATES) await routing.createTemplate(ctx, manager, { ...t, active: true });

  // Pairings: every liaison cadre with five enterprises (the demo 'cadre' with the first five, so the demo
  // enterprise user sees a paired cadre), from the start of the year.
  const cadres = await queryRows<{ id: string; username: string }>(
    db,
    sql`select u.id, u.username from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
      where r.code = 'liaisonCadre' order by (u.username = 'cadre') desc, u.username`,
  );
  // The enterprise users who file in the portal (the demo binds five; 'enterprise' first), then the other enterprises.
  const portalUsers = await queryRows<{ id: string; enterpriseId: string }>(
    db,
    sql`select u.id, u.enterprise_id as "enterpriseId" from users u where u.enterprise_id is not null order by (u.username = 'enterprise') desc, u.username`,
  );
  const ents = await queryRows<{ id: string }>(db, sql`select id from enterprises order by created_at, name limit ${cadres.length * 5 + 10}`);
  const order = [...new Set([...portalUsers.map((u) => u.enterpriseId), ...ents.map((e) => e.id)])];
  const pairedWith = new Map<string, string>();
  for (const [i, c] of cadres.entries()) {
    for (let j = 0; j < 5; j++) {
      const enterpriseId = order[(i * 5 + j) % order.length]!;
      await pairings.create(ctx, manager, { cadreUserId: c.id, enterpriseId, role: 'primary', startsOn: `${todayOn.slice(0, 4)}-01-01` });
      if (!pairedWith.has(enterpriseId)) pairedWith.set(enterpriseId, c.id);
    }
  }
  // A second cadre as liaison on the demo enterprise.
  if (cadres[1])
    await pairings.create(ctx, manager, { cadreUserId: cadres[1].id, enterpriseId: order[0]!, role: 'liaison', startsOn: `${todayOn.slice(0, 4)}-03-01` });

  const portalOf = async (enterpriseId: string) => {
    const u = portalUsers.find((x) => x.enterpriseId === enterpriseId);
    return u ? principalOf(u.id) : null;
  };

  // Visits: every cadre visited each of their enterprises once in the last two months.
  for (const [i, c] of cadres.entries()) {
    const cadre = await principalOf(c.id);
    for (let j = 0; j < 5; j++) {
      const enterpriseId = order[(i * 5 + j) % order.length]!;
      const day = addCalendarDays(todayOn, -(5 + ((i * 7 + j * 11) % 55)));
      clock.set(new Date(`${day}T06:00:00Z`));
      await visits.create(ctx, cadre, {
        enterpriseId,
        visitedOn: day,
        people: '挂企干部及企业负责人、安全主管',
        topics: ['生产经营情况、用工与订单', '安全生产与环保设施运行', '政策兑现与融资需求', '项目建设进度与要素保障'][(i + j) % 4]!,
        notes: null,
        requests: [],
      });
    }
  }

  // Requests, played in time order.
  type Timed = { at: number; run: () => Promise<void> };
  const timeline: Timed[] = [];
  for (const s of STORIES) {
    const filedAt = Date.parse(`${addCalendarDays(todayOn, -s.daysAgo)}T02:00:00Z`);
    const enterpriseId = order[s.enterprise]!;
    let id = '';
    let unit = ROUTES[s.category];
    timeline.push({
      at: filedAt,
      run: async () => {
        const input = { category: s.category, kind: s.kind, title: s.title, content: s.content, contactName: '企业联系人', contactPhone: '13905960000' };
        const portal = await portalOf(enterpriseId);
        if (s.via === 'portal' && portal) {
          id = (await requests.portalFile(ctx, portal, input)).id;
        } else if (s.via === 'visit') {
          const cadre = await principalOf(pairedWith.get(enterpriseId)!);
          const visit = await visits.create(ctx, cadre, {
            enterpriseId,
            visitedOn: addCalendarDays(todayOn, -s.daysAgo),
            people: '挂企干部、企业总经理',
            topics: '项目建设与要素保障',
            notes: null,
            requests: [{ category: s.category, kind: s.kind, title: s.title, content: s.content }],
          });
          id = visit.requests[0]!.id;
        } else {
          const cadre = await principalOf(pairedWith.get(enterpriseId)!);
          id = (await requests.file(ctx, cadre, { ...input, enterpriseId })).id;
        }
      },
    });
    for (const step of s.steps) {
      const when = filedAt + step[0] * HOUR;
      if (when > deps.clock.now().getTime()) continue;
      timeline.push({
        at: when,
        run: async () => {
          const handler = await handlerOf(unit);
          switch (step[1]) {
            case 'accept':
              await requests.accept(ctx, handler, id, { note: null });
              break;
            case 'answer':
              await requests.answer(ctx, handler, id, { answer: step[2], resolved: step[3] });
              break;
            case 'rate': {
              const portal = await portalOf(enterpriseId);
              const input = { rating: step[2], comment: step[3] ?? null };
              if (portal) await requests.portalRate(ctx, portal, id, input);
              else await requests.rateRecorded(ctx, manager, id, input);
              break;
            }
            case 'refuse':
              await requests.refuse(ctx, handler, id, { reason: step[2], redirectToUnitId: unitId(step[3]) });
              unit = step[3];
              break;
            case 'followUp':
              await requests.followUp(ctx, manager, id, { note: step[2] });
              break;
          }
        },
      });
    }
  }
  timeline.sort((a, b) => a.at - b.at);
  for (const t of timeline) {
    clock.set(new Date(t.at));
    await t.run();
  }
  await db.insert(settings).values({ key: MARK, value: { at: deps.clock.now().toISOString(), requests: STORIES.length } });
}
