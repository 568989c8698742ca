// The demo zone's supervision ledger and rectification campaign, written once through the real services on a clock
// that walks the last 60 days: every item has the timeline, deadlines, checkpoints, audit records and lights it
// would have in a live system (nothing is set by hand, lights included).
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { eq, inArray } from 'drizzle-orm';
import { addCalendarDays, type ItemCreate, type LedgerAction } from '@zoneops/shared';
import { ManualClock, localDate } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { createAttachmentService } from '../../modules/attachments/index.ts';
import { createLedgerService } from '../../modules/ledger/ledger.service.ts';
import { settings, units, users } from '../schema.ts';
import { demoPrincipal } from './demo-actors.ts';

const MARK = 'demo.ledgers';
const DAYS = 60;

type Step =
  | { day: number; as: string; do: 'accept' | 'reportCompletion' | 'beginVerification' }
  | { day: number; as: string; do: 'progress'; text: string; percent?: number; kind?: 'progress' | 'effect' | 'decomposition' }
  | { day: number; as: string; do: 'sendBack'; reason: string }
  | { day: number; as: string; do: 'verify'; findings: string; photo?: boolean }
  | { day: number; as: string; do: 'signOff' }
  | { day: number; as: string; do: 'extension'; days: number; reason: string; approve?: boolean }
  | { day: number; as: string; do: 'chase'; text: string }
  | { day: number; as: string; do: 'instruction'; text: string }
  | { day: number; as: string; do: 'evidence' };

interface Story {
  title: string;
  lead: string;
  co?: string[];
  source: ItemCreate['source'];
  day: number;
  days: number;
  owner?: string;
  leader?: boolean;
  focus?: boolean;
  frequency?: ItemCreate['frequency'];
  deadlineClass?: ItemCreate['deadlineClass'];
  measures?: string;
  steps: Step[];
}

// Users by role in the demo zone: 'supervisor' (督查科), 'leader', the heads of the lead units (their username is
// looked up by unit), 'construction' and 'emergency' (named heads).
const supervision: Story[] = [
  {
    title: '古雷炼化一体化二期项目用地报批要件年底前全部上报',
    lead: 'GL-NRP',
    co: ['GL-CON'],
    source: 'leaderInstruction',
    day: 0,
    days: 68,
    leader: true,
    focus: true,
    frequency: 'week',
    steps: [
      { day: 1, as: 'lead', do: 'accept' },
      { day: 1, as: 'lead', do: 'progress', kind: 'decomposition', text: '分解为用地预审、林地审批、征地报批三项，明确专人负责' },
      { day: 6, as: 'lead', do: 'progress', text: '用地预审材料已报省厅', percent: 25 },
      { day: 14, as: 'lead', do: 'progress', text: '林地审批完成现场踏勘', percent: 40 },
      { day: 21, as: 'leader', do: 'instruction', text: '要倒排工期，确保年底前完成全部报批' },
      { day: 28, as: 'lead', do: 'progress', text: '征地报批材料组卷完成80%', percent: 60 },
      { day: 42, as: 'lead', do: 'progress', text: '省厅反馈意见已整改', percent: 70 },
      { day: 56, as: 'lead', do: 'progress', text: '征地报批材料已上报市政府', percent: 85 },
    ],
  },
  {
    title: '港区疏港公路二期沿线征迁交地',
    lead: 'GL-ST-01',
    co: ['GL-CON', 'GL-FIN'],
    source: 'meetingDecision',
    day: 10,
    days: 40,
    leader: true,
    focus: true,
    steps: [
      { day: 11, as: 'lead', do: 'accept' },
      { day: 12, as: 'lead', do: 'progress', kind: 'decomposition', text: '涉及23户，成立3个征迁小组' },
      { day: 17, as: 'lead', do: 'progress', text: '完成入户调查', percent: 20 },
      { day: 38, as: 'supervisor', do: 'chase', text: '请加快签约进度，本周五前报送进展' },
      { day: 40, as: 'lead', do: 'progress', text: '已签约14户，剩余9户正在协商', percent: 55 },
    ],
  },
  {
    title: '园区污水处理厂提标改造工程',
    lead: 'GL-ENV',
    co: ['GL-CON'],
    source: 'assignmentFromAbove',
    day: 15,
    days: 90,
    frequency: 'month',
    steps: [
      { day: 16, as: 'lead', do: 'accept' },
      { day: 16, as: 'lead', do: 'progress', kind: 'decomposition', text: '分设计、招标、施工三个阶段推进' },
      { day: 20, as: 'lead', do: 'progress', text: '设计方案通过专家评审', percent: 15 },
      { day: 45, as: 'lead', do: 'progress', kind: 'effect', text: '完成施工招标，出水COD预计下降30%', percent: 30 },
    ],
  },
  {
    title: '危化品运输车辆专用停车场建设',
    lead: 'GL-EMG',
    co: ['GL-CON', 'GL-NRP'],
    source: 'meetingDecision',
    day: 24,
    days: 37,
    focus: true,
    steps: [
      { day: 25, as: 'lead', do: 'accept' },
      { day: 25, as: 'lead', do: 'progress', kind: 'decomposition', text: '选址、设计、施工、验收四个节点' },
      { day: 30, as: 'lead', do: 'progress', text: '选址已确定在古雷大道北侧', percent: 30 },
      { day: 52, as: 'lead', do: 'progress', text: '主体施工完成，正在安装监控', percent: 80 },
    ],
  },
  {
    title: '园区企业用工专场招聘会筹办',
    lead: 'GL-ESC',
    co: ['GL-SOC'],
    source: 'leaderInstruction',
    day: 20,
    days: 25,
    steps: [
      { day: 20, as: 'lead', do: 'accept' },
      { day: 21, as: 'lead', do: 'progress', kind: 'decomposition', text: '摸排企业用工需求、联系院校、布置场地' },
      { day: 26, as: 'lead', do: 'progress', text: '收集32家企业岗位需求1260个', percent: 50 },
      { day: 40, as: 'lead', do: 'progress', kind: 'effect', text: '招聘会举办，达成就业意向486人', percent: 100 },
      { day: 41, as: 'lead', do: 'reportCompletion' },
      { day: 43, as: 'supervisor', do: 'beginVerification' },
      { day: 44, as: 'verifier', do: 'verify', findings: '查阅签到表和意向协议，情况属实', photo: true },
      { day: 45, as: 'supervisor', do: 'signOff' },
    ],
  },
  {
    title: '12345热线反映杜浔镇杜浔大道积水问题',
    lead: 'GL-ST-02',
    source: 'hotline',
    day: 30,
    days: 14,
    steps: [
      { day: 30, as: 'lead', do: 'accept' },
      { day: 31, as: 'lead', do: 'progress', text: '已疏通排水管道并增设雨水篦子', percent: 100 },
      { day: 32, as: 'lead', do: 'reportCompletion' },
      { day: 33, as: 'supervisor', do: 'beginVerification' },
      { day: 34, as: 'verifier', do: 'verify', findings: '降雨后现场复核无积水', photo: true },
      { day: 35, as: 'supervisor', do: 'signOff' },
    ],
  },
  {
    title: '重点项目月度投资数据报送质量提升',
    lead: 'GL-STA',
    co: ['GL-CON'],
    source: 'meetingDecision',
    day: 48,
    days: 30,
    steps: [
      { day: 49, as: 'lead', do: 'accept' },
      { day: 49, as: 'lead', do: 'progress', kind: 'decomposition', text: '制定报送口径说明和审核流程' },
    ],
  },
  {
    title: '园区应急救援物资储备库补充完善',
    lead: 'GL-EMG',
    source: 'assignmentFromAbove',
    day: 18,
    days: 45,
    steps: [
      { day: 19, as: 'lead', do: 'accept' },
      { day: 19, as: 'lead', do: 'progress', kind: 'decomposition', text: '清点现有物资，制定补充清单' },
      { day: 24, as: 'lead', do: 'progress', text: '完成物资清点，缺口清单已报财政', percent: 30 },
      { day: 50, as: 'lead', do: 'progress', text: '政府采购流程进行中', percent: 50 },
      { day: 55, as: 'lead', do: 'extension', days: 20, reason: '政府采购周期较长，供货需15个工作日' },
    ],
  },
  {
    title: '一季度签约招商项目落地跟踪服务',
    lead: 'GL-PRO',
    source: 'meetingDecision',
    day: 57,
    days: 50,
    steps: [],
  },
  {
    title: '沙西镇农村人居环境整治提升',
    lead: 'GL-ST-03',
    source: 'leaderInstruction',
    day: 5,
    days: 50,
    steps: [
      { day: 6, as: 'lead', do: 'accept' },
      { day: 6, as: 'lead', do: 'progress', kind: 'decomposition', text: '分村制定整治清单' },
      { day: 12, as: 'lead', do: 'progress', text: '清理垃圾120吨', percent: 40 },
      { day: 40, as: 'lead', do: 'progress', kind: 'effect', text: '12个村完成整治，村容村貌明显改善', percent: 100 },
      { day: 41, as: 'lead', do: 'reportCompletion' },
      { day: 43, as: 'supervisor', do: 'sendBack', reason: '缺少整治前后对比照片和村民满意度调查' },
      { day: 50, as: 'lead', do: 'progress', text: '补充对比照片和满意度调查（满意率96%）', percent: 100 },
      { day: 51, as: 'lead', do: 'reportCompletion' },
      { day: 53, as: 'supervisor', do: 'beginVerification' },
    ],
  },
  {
    title: '财政资金支付进度督办',
    lead: 'GL-FIN',
    source: 'meetingDecision',
    day: 35,
    days: 28,
    steps: [
      { day: 35, as: 'lead', do: 'accept' },
      { day: 36, as: 'lead', do: 'progress', text: '梳理未支付项目清单37项', percent: 20 },
      { day: 43, as: 'lead', do: 'progress', text: '已支付21项', percent: 55 },
      { day: 50, as: 'lead', do: 'progress', text: '已支付29项', percent: 75 },
    ],
  },
];

const rectification: Story[] = [
  {
    title: '古雷港区部分企业VOCs无组织排放问题',
    lead: 'GL-ENV',
    co: ['GL-EMG'],
    source: 'inspectionFeedback',
    day: 2,
    days: 150,
    deadlineClass: 'short',
    measures: '开展LDAR检测，储罐加装油气回收，建立一企一档',
    steps: [
      { day: 3, as: 'lead', do: 'accept' },
      { day: 4, as: 'lead', do: 'progress', kind: 'decomposition', text: '涉及企业11家，逐家制定整改方案' },
      { day: 10, as: 'lead', do: 'progress', text: '完成11家企业LDAR检测', percent: 35 },
      { day: 40, as: 'lead', do: 'progress', text: '8家企业完成油气回收改造', percent: 70 },
    ],
  },
  {
    title: '园区雨污管网混接错接问题',
    lead: 'GL-CON',
    co: ['GL-ENV'],
    source: 'inspectionFeedback',
    day: 2,
    days: 45,
    deadlineClass: 'short',
    measures: '排查管网，实施雨污分流改造',
    steps: [
      { day: 3, as: 'lead', do: 'accept' },
      { day: 4, as: 'lead', do: 'progress', kind: 'decomposition', text: '分三个片区排查' },
      { day: 9, as: 'lead', do: 'progress', text: '完成管网排查，发现混接点26处', percent: 30 },
      { day: 30, as: 'lead', do: 'progress', kind: 'effect', text: '26处混接点全部完成改造', percent: 100 },
      { day: 31, as: 'lead', do: 'evidence' },
      { day: 31, as: 'lead', do: 'reportCompletion' },
      { day: 33, as: 'supervisor', do: 'beginVerification' },
      { day: 34, as: 'verifier', do: 'verify', findings: '抽查8处改造点，均已雨污分流', photo: true },
      { day: 35, as: 'supervisor', do: 'signOff' },
    ],
  },
  {
    title: '危险废物暂存库规范化管理不到位',
    lead: 'GL-EMG',
    co: ['GL-ENV'],
    source: 'inspectionFeedback',
    day: 2,
    days: 60,
    deadlineClass: 'short',
    measures: '按标准整改暂存库标识、防渗和台账',
    steps: [
      { day: 3, as: 'lead', do: 'accept' },
      { day: 8, as: 'lead', do: 'progress', text: '完成15家企业暂存库检查', percent: 50 },
      { day: 50, as: 'lead', do: 'progress', text: '整改完成13家', percent: 85 },
    ],
  },
  {
    title: '古雷湾海域生态修复',
    lead: 'GL-NRP',
    co: ['GL-ENV'],
    source: 'inspectionFeedback',
    day: 2,
    days: 700,
    deadlineClass: 'medium',
    measures: '实施岸线整治和红树林种植',
    steps: [
      { day: 3, as: 'lead', do: 'accept' },
      { day: 20, as: 'lead', do: 'progress', kind: 'decomposition', text: '编制修复方案，分三年实施' },
    ],
  },
];

/** A small valid PNG (a grey square): the demo's site photos. */
function demoPng(): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const w = 32;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(w, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: w }, () => Buffer.from([0, ...Array<number>(w).fill(0x90)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

export async function isDemoLedgerSeeded(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, MARK));
  return !!row;
}

/** Writes the demo ledgers once (after the demo zone). */
export async function seedDemoLedgers(deps: Deps): Promise<void> {
  if (await isDemoLedgerSeeded(deps)) return;
  const db = deps.db;
  const clock = new ManualClock(new Date(deps.clock.now().getTime() - DAYS * 86_400_000));
  const at = { ...deps, clock };
  const ledger = createLedgerService(at);
  const files = createAttachmentService(at);
  const ctx = systemContext('demo-seed');

  const unitRows = await db.select({ id: units.id, code: units.code }).from(units);
  const unitId = (code: string) => {
    const u = unitRows.find((r) => r.code === code);
    if (!u) throw new Error(`demo unit ${code} missing`);
    return u.id;
  };
  const principal = (username: string): Promise<Principal> => demoPrincipal(db, username);
  // The head of a unit: the first user of that unit who may handle ledger items.
  const headOf = async (code: string): Promise<Principal> => {
    const rows = await db
      .select({ username: users.username })
      .from(users)
      .where(inArray(users.unitId, [unitId(code)]));
    for (const r of rows) {
      const p = await principal(r.username);
      if (p.permissions.has('ledger.handle')) return p;
    }
    throw new Error(`no handler in ${code}`);
  };
  const sup = await principal('supervisor');
  const boss = await principal('leader');
  // The verifier is a supervisor outside every lead unit: the supervision section itself.
  const verifier = sup;

  const dayOf = () => localDate(clock.now());
  const setDay = (d: number) => clock.set(new Date(deps.clock.now().getTime() - (DAYS - d) * 86_400_000));

  setDay(0);
  const main = await ledger.createLedger(ctx, sup, {
    kind: 'supervision',
    code: 'DB2026',
    name: '2026年度督查督办事项台账',
    supervisorUnitId: unitId('GL-OFF-02'),
    signoffLevels: 1,
    noticeWorkingDays: 5,
    yellowDays: 3,
  });
  const campaign = await ledger.createLedger(ctx, sup, {
    kind: 'rectification',
    code: 'ZYDC3',
    name: '第三轮中央生态环境保护督察反馈问题整改',
    sourceDoc: '中央第三生态环境保护督察组反馈意见',
    supervisorUnitId: unitId('GL-OFF-02'),
    signoffLevels: 2,
    noticeWorkingDays: 5,
    evidenceRequired: true,
    yellowDays: 7,
  });
  const ledgerIds = { main: (main as { id: string }).id, campaign: (campaign as { id: string }).id };

  // Items and their steps, day by day.
  const plan: { story: Story; ledgerId: string; id?: string; lead?: Principal }[] = [
    ...supervision.map((story) => ({ story, ledgerId: ledgerIds.main })),
    ...rectification.map((story) => ({ story, ledgerId: ledgerIds.campaign })),
  ];
  const second = await principal('leader');
  for (let d = 0; d <= DAYS; d++) {
    setDay(d);
    for (const entry of plan) {
      const s = entry.story;
      if (s.day === d) {
        entry.lead = await headOf(s.lead);
        entry.id = await ledger.create(ctx, sup, {
          ledgerId: entry.ledgerId,
          title: s.title,
          source: s.source,
          leadUnitId: unitId(s.lead),
          coUnitIds: (s.co ?? []).map(unitId),
          ownerId: entry.lead.userId,
          leaderId: s.leader ? boss.userId : null,
          priority: s.focus ? 'high' : 'normal',
          focus: s.focus ?? false,
          frequency: s.frequency ?? 'week',
          deadline: addCalendarDays(dayOf(), s.days),
          deadlineClass: s.deadlineClass ?? null,
          measures: s.measures ?? null,
          longTerm: false,
          assignedOn: dayOf(),
        });
      }
      if (!entry.id) continue;
      for (const step of s.steps.filter((x) => x.day === d)) {
        const who = step.as === 'lead' ? entry.lead! : step.as === 'leader' ? boss : step.as === 'verifier' ? verifier : sup;
        await runStep(entry.id, who, step);
      }
    }
    // What the hourly jobs would have done that day.
    await ledger.closeEndedNotices(ctx);
    await ledger.recomputeAll();
  }

  async function runStep(id: string, who: Principal, step: Step) {
    switch (step.do) {
      case 'accept':
      case 'reportCompletion':
      case 'beginVerification':
        await ledger.transition(ctx, who, id, { action: step.do as LedgerAction });
        return;
      case 'sendBack':
        await ledger.transition(ctx, who, id, { action: 'sendBack', reason: step.reason });
        return;
      case 'progress':
        await ledger.addProgress(ctx, who, id, { kind: step.kind ?? 'progress', text: step.text, percent: step.percent ?? null });
        return;
      case 'chase':
        await ledger.chase(ctx, who, id, step.text);
        return;
      case 'instruction':
        await ledger.comment(ctx, who, id, { kind: 'instruction', body: step.text });
        return;
      case 'extension': {
        const item = (await ledger.get(who, id)) as { item: { deadline: string } };
        await ledger.requestExtension(ctx, who, id, {
          reason: step.reason,
          newDeadline: addCalendarDays(item.item.deadline, step.days),
          progressNote: '已完成约一半',
        });
        return;
      }
      case 'evidence':
        await upload(who, id, 'evidence', '整改完成报告.pdf', DEMO_PDF);
        return;
      case 'verify': {
        const photo = step.photo ? await upload(who, id, 'photo', '现场核查照片.png', demoPng()) : undefined;
        await ledger.verify(ctx, who, id, { checkedOn: dayOf(), place: '现场', findings: step.findings, passed: true, attachmentIds: photo ? [photo] : [] });
        return;
      }
      case 'signOff': {
        const detail = (await ledger.get(who, id)) as { ledger: { signoffLevels: number } };
        await ledger.signOff(ctx, who, id, '同意销号');
        if (detail.ledger.signoffLevels > 1) await ledger.signOff(ctx, second, id, '同意');
        return;
      }
    }
  }

  async function upload(who: Principal, id: string, purpose: string, filename: string, bytes: Buffer): Promise<string> {
    async function* parts() {
      yield { type: 'field' as const, name: 'entityType', value: 'ledgerItem', truncated: false };
      yield { type: 'field' as const, name: 'entityId', value: id, truncated: false };
      yield { type: 'field' as const, name: 'purpose', value: purpose, truncated: false };
      yield { type: 'field' as const, name: 'takenAt', value: clock.now().toISOString(), truncated: false };
      yield { type: 'file' as const, name: 'file', filename, stream: Readable.from([bytes]) };
    }
    return (await files.upload(ctx, who, parts())).id;
  }

  // Today, on the real clock.
  await createLedgerService(deps).closeEndedNotices(ctx);
  await createLedgerService(deps).recomputeAll();
  await db.insert(settings).values({ key: MARK, value: { ledgers: Object.values(ledgerIds) } });
}
