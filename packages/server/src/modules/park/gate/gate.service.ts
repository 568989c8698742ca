// The read side of the gate (park.read): passes with filters, sort and export, a pass with its images, who is in
// the park (open visits and counts), and the gate's rejection counts. Person names are masked without
// field.personName.
import {
  normalizePlate,
  parseSort,
  type GatePass,
  type GatePassDetail,
  type GatePassListQuery,
  type GateRejectionListQuery,
  type ParkCounts,
  type ParkVisit,
  type ParkVisitListQuery,
} from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { maskRows } from '../../../platform/access/masking.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { today as todayOf } from '../../../platform/clock.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Deps } from '../../../platform/deps.ts';
import { notFound } from '../../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../../platform/lists.ts';
import { exportListSheet, type SheetColumn } from '../../../platform/sheets.ts';
import type { GateImages } from './gate-images.ts';
import { gateRepository as repo } from './gate.repository.ts';

const EXPORT_LIMIT = 50_000;

type PassRow = Omit<GatePassDetail, 'deviceTime' | 'receivedAt' | 'imageCount' | 'droppedImages'> & {
  deviceTime: number;
  receivedAt: number;
  images: string[];
  droppedImages: GatePassDetail['droppedImages'] | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

function toPass(r: PassRow): GatePassDetail {
  const { images, droppedImages, ...rest } = r;
  return {
    ...rest,
    confidence: r.confidence === null ? null : Number(r.confidence),
    deviceTime: iso(r.deviceTime),
    receivedAt: iso(r.receivedAt),
    imageCount: images.length,
    droppedImages: droppedImages ?? [],
  };
}

const summary = (d: GatePassDetail): GatePass => {
  const { eventType: _e, droppedImages: _d, ...rest } = d;
  return rest;
};

const passSort: Record<string, string> = { deviceTime: 'p.device_time', receivedAt: 'p.received_at', plate: 'p.plate', result: 'p.result' };

const labels = {
  kind: { vehicle: '车辆', person: '人员' },
  result: { allowed: '放行', denied: '拒绝', flagged: '异常' },
  direction: { in: '入园', out: '出园' },
} as const;
const shanghai = (s: string) => new Date(Date.parse(s) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

interface ExportRow {
  deviceTime: string;
  kind: string;
  direction: string;
  result: string;
  subject: string;
  checkpoint: string;
  device: string;
  confidence: number | null;
  appointment: string;
  findings: string;
  receivedAt: string;
}

const exportColumns: SheetColumn<ExportRow>[] = [
  { key: 'deviceTime', header: '通行时间', headerEn: 'Time', kind: 'text', width: 20 },
  { key: 'kind', header: '类型', headerEn: 'Kind', kind: 'text', width: 8 },
  { key: 'direction', header: '方向', headerEn: 'Direction', kind: 'text', width: 8 },
  { key: 'result', header: '结果', headerEn: 'Result', kind: 'text', width: 8 },
  { key: 'subject', header: '车牌/人员', headerEn: 'Plate / person', kind: 'text', width: 16 },
  { key: 'checkpoint', header: '卡口', headerEn: 'Checkpoint', kind: 'text', width: 18 },
  { key: 'device', header: '设备', headerEn: 'Device', kind: 'text', width: 18 },
  { key: 'confidence', header: '置信度', headerEn: 'Confidence', kind: 'number', width: 8 },
  { key: 'appointment', header: '预约编号', headerEn: 'Appointment', kind: 'text', width: 16 },
  { key: 'findings', header: '核验问题', headerEn: 'Findings', kind: 'text', width: 60 },
  { key: 'receivedAt', header: '接收时间', headerEn: 'Received', kind: 'text', width: 20 },
];

export function createGateService(deps: Deps, images: GateImages) {
  const { db, audit, clock } = deps;

  function passWhere(q: GatePassListQuery): SQL {
    const conds: SQL[] = [sql`true`];
    if (q.from) conds.push(sql`p.device_time >= ${q.from}`);
    if (q.to) conds.push(sql`p.device_time < ${q.to}`);
    if (q.checkpointId) conds.push(sql`p.checkpoint_id = ${q.checkpointId}`);
    if (q.kind) conds.push(sql`p.kind = ${q.kind}`);
    if (q.result) conds.push(sql`p.result = ${q.result}`);
    if (q.direction) conds.push(sql`p.direction = ${q.direction}`);
    if (q.plate) conds.push(sql`p.plate ilike ${likePattern(normalizePlate(q.plate))}`);
    if (q.flagged === 'true') conds.push(sql`jsonb_array_length(p.findings) > 0`);
    if (q.flagged === 'false') conds.push(sql`jsonb_array_length(p.findings) = 0`);
    if (q.q) conds.push(sql`(p.plate ilike ${likePattern(normalizePlate(q.q))} or p.person_code ilike ${likePattern(q.q)})`);
    return sql.join(conds, sql` and `);
  }

  async function passRows(p: Principal, q: GatePassListQuery, limit: number, offset: number) {
    const { field, desc } = parseSort(q.sort, '-deviceTime');
    const orderBy = sql.raw(`${passSort[field] ?? 'p.device_time'} ${desc ? 'desc nulls last' : 'asc nulls first'}, p.id`);
    const { rows, total } = await repo.listPasses<PassRow>(db, passWhere(q), orderBy, limit, offset);
    return { rows: maskRows(rows.map(toPass), { personName: ['personName'] }, p), total };
  }

  return {
    async listPasses(p: Principal, q: GatePassListQuery) {
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await passRows(p, q, limit, offset);
      return toPage(rows.map(summary), total, q);
    },

    async getPass(p: Principal, id: string): Promise<GatePassDetail> {
      const row = await repo.getPass<PassRow>(db, id);
      if (!row) throw notFound('pass');
      return maskRows([toPass(row)], { personName: ['personName'] }, p)[0]!;
    },

    async passImage(id: string, index: number): Promise<{ stream: Readable; size: number }> {
      const keys = await repo.passImages(db, id);
      const key = keys?.[index];
      if (!key) throw notFound('image');
      return images.open(key);
    },

    async exportPasses(ctx: RequestContext, p: Principal, q: GatePassListQuery) {
      const { rows } = await passRows(p, q, EXPORT_LIMIT, 0);
      const data: ExportRow[] = rows.map((r) => ({
        deviceTime: shanghai(r.deviceTime),
        kind: labels.kind[r.kind],
        direction: labels.direction[r.direction],
        result: labels.result[r.result],
        subject: r.plate ?? [r.personName, r.personCode].filter(Boolean).join(' ') ?? '',
        checkpoint: r.checkpointName ?? '',
        device: r.deviceName ?? '',
        confidence: r.confidence,
        appointment: r.appointmentCode ?? '',
        findings: r.findings.map((f) => f.message).join('；'),
        receivedAt: shanghai(r.receivedAt),
      }));
      return exportListSheet(
        audit,
        ctx,
        { id: 'park-passes', title: '卡口通行记录', columns: exportColumns, naturalKey: (r) => `${r.deviceTime}${r.subject}` },
        data,
        {
          action: 'park.pass.export',
          entityType: 'gate_pass',
          query: q,
          filename: `卡口通行记录-${todayOf(clock)}.xlsx`,
        },
      );
    },

    async counts(): Promise<ParkCounts> {
      const c = await repo.counts(db);
      const byCategory = c.byCategory.map((r) => ({
        category: (r.category ?? 'unregistered') as ParkCounts['vehiclesByCategory'][number]['category'],
        count: r.n,
      }));
      return { at: clock.now().toISOString(), vehicles: byCategory.reduce((s, r) => s + r.count, 0), vehiclesByCategory: byCategory, people: c.people };
    },

    async listVisits(p: Principal, q: ParkVisitListQuery) {
      const conds: SQL[] = [q.open === 'false' ? sql`pv.exited_at is not null` : sql`pv.exited_at is null`];
      if (q.kind) conds.push(sql`pv.subject_kind = ${q.kind}`);
      if (q.plate) conds.push(sql`pv.plate ilike ${likePattern(normalizePlate(q.plate))}`);
      const { field, desc } = parseSort(q.sort, '-enteredAt');
      const orderBy = sql.raw(`${field === 'exitedAt' ? 'pv.exited_at' : 'pv.entered_at'} ${desc ? 'desc nulls last' : 'asc nulls first'}, pv.id`);
      const { limit, offset } = limitOffset(q);
      type Row = Omit<ParkVisit, 'enteredAt' | 'exitedAt'> & { enteredAt: number; exitedAt: number | null };
      const { rows, total } = await repo.listVisits<Row>(db, sql.join(conds, sql` and `), orderBy, limit, offset);
      const items = rows.map((r) => ({ ...r, enteredAt: iso(r.enteredAt), exitedAt: r.exitedAt === null ? null : iso(r.exitedAt) }));
      return toPage(maskRows(items, { personName: ['personName'] }, p), total, q);
    },

    async listRejections(q: GateRejectionListQuery) {
      const conds: SQL[] = [sql`channel = 'gate'`];
      if (q.reason) conds.push(sql`reason = ${q.reason}`);
      if (q.q) conds.push(sql`sender_key ilike ${likePattern(q.q)}`);
      const { field, desc } = parseSort(q.sort, '-lastAt');
      const orderBy = sql.raw(`${field === 'count' ? 'count' : 'last_at'} ${desc ? 'desc' : 'asc'}, sender_key`);
      const { limit, offset } = limitOffset(q);
      type Row = { senderKey: string; reason: never; count: number; firstAt: number; lastAt: number; lastDetail: string | null };
      const { rows, total } = await repo.listRejections<Row>(db, sql.join(conds, sql` and `), orderBy, limit, offset);
      return toPage(
        rows.map((r) => ({ ...r, firstAt: iso(r.firstAt), lastAt: iso(r.lastAt) })),
        total,
        q,
      );
    },
  };
}

export type GateService = ReturnType<typeof createGateService>;
