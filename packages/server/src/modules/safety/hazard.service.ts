// Hazards (隐患排查治理, DOMAIN §10): general or major hazards found in inspections, reported, or opened from an alarm,
// kept as items of the ledger SAFETY-HAZARDS (kind 'hazard', created on first use) so that the ledger engine's own
// rectification, verification, sign-off, public notice and closure apply — no second workflow here. Beside each item
// a safety_hazards row keeps grade, origin, alarm, hazard source, day found and category.
//
// Choices: the lead unit is the enterprise's street (街道, which chases the rectification on site; the enterprise's own
// users work in it and hold ledger.handle), or the ledger's supervising unit when the enterprise has none; the
// supervising unit is the zone's root unit, whose supervisors — and safety officers, whose data scope is the whole
// park — verify and close. The filer, when an enterprise user, is the item's owner (责任人). The deadline is counted
// in calendar days from the day found — general 30, major 90 (the time for a major hazard's rectification plan) —
// unless given, and never before today. Enterprise users see their hazards through the item's enterprise_id.
import {
  addCalendarDays,
  parseSort,
  type HazardGrade,
  type LedgerSource,
  type SafetyHazard,
  type safetyHazardCreateSchema,
  type SafetyHazardListQuery,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import { exportListSheet, type SheetColumn } from '../../platform/sheets.ts';
import { ledgerServiceIn } from '../ledger/ledger.service.ts';
import { alarmRepository } from './alarm.repository.ts';
import { hazardRepository as repo } from './hazard.repository.ts';
import { safetyVisibleCondition } from './safety-access.ts';

export const HAZARD_LEDGER_CODE = 'SAFETY-HAZARDS';
export const HAZARD_LEDGER_KIND = 'hazard';
export const HAZARD_ENTITY = 'safetyHazard';
export const hazardDeadlineDays: Record<HazardGrade, number> = { general: 30, major: 90 };
const sourceOf: Record<SafetyHazard['origin'], LedgerSource> = { inspection: 'inspectionFeedback', alarm: 'alarm', report: 'hotline' };

const gradeLabels: Record<HazardGrade, string> = { general: '一般隐患', major: '重大隐患' };
const originLabels: Record<SafetyHazard['origin'], string> = { inspection: '排查发现', alarm: '报警转入', report: '举报' };
const statusLabels: Record<SafetyHazard['status'], string> = {
  assigned: '已交办',
  accepted: '已接收',
  inProgress: '整改中',
  reported: '已报告',
  verifying: '核查中',
  signoff: '审核中',
  notice: '公示中',
  closed: '已销号',
  ongoing: '长期坚持',
};
const lightLabels: Record<SafetyHazard['light'], string> = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '' };

export interface HazardInput {
  enterpriseId: string;
  majorHazardId: string | null;
  grade: HazardGrade;
  origin: SafetyHazard['origin'];
  alarmId: string | null;
  title: string;
  description: string | null;
  category: string | null;
  foundOn: string;
  deadline: string | null;
}

const sortColumns: Record<string, SQL> = {
  foundOn: sql`h.found_on`,
  deadline: sql`i.deadline`,
  grade: sql`(h.grade = 'major')`,
  status: sql`i.status`,
};

type ExportRow = Record<
  'code' | 'title' | 'enterpriseName' | 'majorHazardName' | 'grade' | 'origin' | 'category' | 'foundOn' | 'deadline' | 'status' | 'light' | 'leadUnitName',
  string
>;
const exportColumns: SheetColumn<ExportRow>[] = [
  { key: 'code', header: '编号', kind: 'text', width: 20 },
  { key: 'title', header: '隐患', kind: 'text', width: 36 },
  { key: 'enterpriseName', header: '企业', kind: 'text', width: 28 },
  { key: 'majorHazardName', header: '重大危险源', kind: 'text', width: 20 },
  { key: 'grade', header: '等级', kind: 'text', width: 10 },
  { key: 'origin', header: '来源', kind: 'text', width: 10 },
  { key: 'category', header: '类别', kind: 'text', width: 12 },
  { key: 'foundOn', header: '发现日期', kind: 'text', width: 12 },
  { key: 'deadline', header: '整改时限', kind: 'text', width: 12 },
  { key: 'status', header: '状态', kind: 'text', width: 10 },
  { key: 'light', header: '亮灯', kind: 'text', width: 8 },
  { key: 'leadUnitName', header: '牵头单位', kind: 'text', width: 16 },
];

export function createHazardService(deps: Deps) {
  const { db, clock, audit, notifications } = deps;
  const today = () => todayOf(clock);

  /** The hazard ledger, created with the first hazard; supervised by the zone's root unit. */
  async function hazardLedger(tx: DbOrTx): Promise<{ id: string; supervisorUnitId: string }> {
    const found = await repo.findLedger(tx, HAZARD_LEDGER_CODE);
    if (found) return found;
    const root = await repo.rootUnit(tx);
    if (!root) throw new AppError('INTERNAL', 'no root unit to supervise the hazards');
    await repo.insertLedger(tx, { kind: HAZARD_LEDGER_KIND, code: HAZARD_LEDGER_CODE, name: '隐患排查治理', supervisorUnitId: root });
    return (await repo.findLedger(tx, HAZARD_LEDGER_CODE))!;
  }

  /**
   * Who files a hazard for an enterprise: its own users holding safety.handle, or safety.manage for an enterprise in
   * the caller's safety visibility. Answers the enterprise.
   */
  async function requireCanFile(tx: DbOrTx, p: Principal, enterpriseId: string) {
    if (p.enterpriseId) {
      if (p.enterpriseId !== enterpriseId || !p.permissions.has('safety.handle')) throw forbidden('enterprise users file hazards of their own enterprise');
    } else if (!p.permissions.has('safety.manage')) {
      throw forbidden('filing a hazard for an enterprise needs safety.manage');
    }
    const e = await alarmRepository.enterprise(tx, enterpriseId, safetyVisibleCondition(p, sql`e.id`));
    if (!e) throw validationError([{ path: 'body.enterpriseId', message: 'unknown enterprise' }]);
    return e;
  }

  /** Files a hazard inside the caller's transaction: the ledger item, then its side row. Answers the item id. */
  async function createTx(tx: DbOrTx, ctx: RequestContext, p: Principal, input: HazardInput): Promise<string> {
    const enterprise = await requireCanFile(tx, p, input.enterpriseId);
    if (input.majorHazardId) {
      const source = await alarmRepository.majorHazard(tx, input.majorHazardId);
      if (!source || source.enterpriseId !== enterprise.id)
        throw validationError([{ path: 'body.majorHazardId', message: 'not a hazard source of this enterprise' }]);
    }
    const day = today();
    if (input.foundOn > day) throw validationError([{ path: 'body.foundOn', message: 'in the future' }]);
    const byGrade = addCalendarDays(input.foundOn, hazardDeadlineDays[input.grade]);
    const deadline = input.deadline ?? (byGrade < day ? day : byGrade);
    if (deadline < day) throw validationError([{ path: 'body.deadline', message: 'before today' }]);
    const ledger = await hazardLedger(tx);
    const street = enterprise.streetId && (await repo.liveUnit(tx, enterprise.streetId)) ? enterprise.streetId : null;
    const [itemId] = await ledgerServiceIn(deps, tx).createMany(ctx, null, ledger.id, [
      {
        ledgerId: ledger.id,
        title: input.title,
        description: input.description,
        source: sourceOf[input.origin],
        enterpriseId: enterprise.id,
        leadUnitId: street ?? ledger.supervisorUnitId,
        coUnitIds: [],
        ownerId: p.enterpriseId === enterprise.id ? p.userId : null,
        deadline,
        priority: input.grade === 'major' ? 'urgent' : 'normal',
        focus: input.grade === 'major',
        frequency: 'week',
        longTerm: false,
      },
    ]);
    const now = clock.now();
    await repo.insertHazard(tx, {
      itemId: itemId!,
      enterpriseId: enterprise.id,
      majorHazardId: input.majorHazardId,
      grade: input.grade,
      origin: input.origin,
      alarmId: input.alarmId,
      foundOn: input.foundOn,
      category: input.category,
      createdBy: p.userId,
      now,
    });
    await audit.record(tx, ctx, {
      action: 'safety.hazard.create',
      entityType: HAZARD_ENTITY,
      entityId: itemId!,
      diff: { ...input, deadline, leadUnitId: street ?? ledger.supervisorUnitId },
    });
    const recipients = (await alarmRepository.enterpriseUsersWith(tx, enterprise.id, 'safety.handle')).filter((u) => u !== p.userId);
    await notifications.notify(tx, {
      kind: 'safety.hazard',
      userIds: recipients,
      title: `${gradeLabels[input.grade]}：${input.title}`,
      body: `${enterprise.name}，整改时限 ${deadline}`,
      link: `/supervision/items/${itemId!}`,
    });
    return itemId!;
  }

  async function listRows(p: Principal, q: SafetyHazardListQuery, paged: boolean) {
    const day = today();
    const where: SQL[] = [];
    const visible = safetyVisibleCondition(p, sql`h.enterprise_id`);
    if (visible) where.push(visible);
    if (q.grade) where.push(sql`h.grade = ${q.grade}`);
    if (q.origin) where.push(sql`h.origin = ${q.origin}`);
    if (q.enterpriseId) where.push(sql`h.enterprise_id = ${q.enterpriseId}`);
    if (q.majorHazardId) where.push(sql`h.major_hazard_id = ${q.majorHazardId}`);
    if (q.status) where.push(sql`i.status = ${q.status}`);
    if (q.open) where.push(q.open === 'true' ? sql`i.status not in ('closed', 'ongoing')` : sql`i.status in ('closed', 'ongoing')`);
    const overdue = sql`(i.status not in ('closed', 'ongoing') and i.deadline < ${day}::date)`;
    if (q.overdue) where.push(q.overdue === 'true' ? overdue : sql`not ${overdue}`);
    if (q.from) where.push(sql`h.found_on >= ${q.from}::date`);
    if (q.to) where.push(sql`h.found_on <= ${q.to}::date`);
    if (q.q) where.push(sql`(i.title ilike ${likePattern(q.q)} or e.name ilike ${likePattern(q.q)} or i.code = ${q.q})`);
    const sort = parseSort(q.sort, '-foundOn');
    const order = sql`${sortColumns[sort.field]!} ${sort.desc ? sql`desc` : sql`asc`}, h.created_at desc, h.item_id`;
    const { limit, offset } = paged ? limitOffset(q) : { limit: 50_000, offset: 0 };
    return repo.page(db, { where, order, limit, offset, today: day });
  }

  return {
    hazardLedger,
    createTx,

    async create(ctx: RequestContext, p: Principal, body: z.output<typeof safetyHazardCreateSchema>): Promise<SafetyHazard> {
      const enterpriseId = body.enterpriseId ?? p.enterpriseId;
      if (!enterpriseId) throw validationError([{ path: 'body.enterpriseId', message: 'required: the enterprise the hazard was found in' }]);
      const itemId = await db.transaction((tx) =>
        createTx(tx, ctx, p, {
          enterpriseId,
          majorHazardId: body.majorHazardId ?? null,
          grade: body.grade,
          origin: body.origin,
          alarmId: null,
          title: body.title,
          description: body.description ?? null,
          category: body.category ?? null,
          foundOn: body.foundOn ?? today(),
          deadline: body.deadline ?? null,
        }),
      );
      return (await repo.find(db, itemId, today()))!;
    },

    async list(p: Principal, q: SafetyHazardListQuery) {
      const { rows, total } = await listRows(p, q, true);
      return toPage(rows, total, q);
    },

    async get(p: Principal, itemId: string): Promise<SafetyHazard> {
      const row = await repo.find(db, itemId, today());
      if (!row || !(await alarmRepository.enterprise(db, row.enterpriseId, safetyVisibleCondition(p, sql`e.id`)))) throw notFound('hazard');
      return row;
    },

    /** The filtered list as xlsx (at most 50,000 rows); audited. */
    async exportXlsx(ctx: RequestContext, p: Principal, q: SafetyHazardListQuery) {
      const { rows } = await listRows(p, q, false);
      const data: ExportRow[] = rows.map((r) => ({
        code: r.code,
        title: r.title,
        enterpriseName: r.enterpriseName,
        majorHazardName: r.majorHazardName ?? '',
        grade: gradeLabels[r.grade],
        origin: originLabels[r.origin],
        category: r.category ?? '',
        foundOn: r.foundOn,
        deadline: r.deadline,
        status: statusLabels[r.status],
        light: lightLabels[r.light],
        leadUnitName: r.leadUnitName,
      }));
      return exportListSheet(audit, ctx, { id: 'safety-hazards', title: '隐患排查治理台账', columns: exportColumns, naturalKey: (r) => r.code }, data, {
        action: 'safety.hazard.export',
        entityType: HAZARD_ENTITY,
        query: q,
        filename: `隐患排查治理台账-${today()}.xlsx`,
      });
    },
  };
}

export type HazardService = ReturnType<typeof createHazardService>;
