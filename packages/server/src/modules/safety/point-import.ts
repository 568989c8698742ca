// Bulk import of monitoring points from the enterprises' spreadsheets (DOMAIN §13): template → upload → every row
// checked (missing fields, unknown enterprise / hazard source / device, a tag twice in the file or already on the
// device, thresholds out of order or outside the range) with its errors by row and column → the same workbook back
// with the bad cells marked → commit, all or nothing: one transaction, multi-row inserts of 5,000 rows, one audit
// record with the count, and one registry notice.
// The file is read twice: first the reference columns of every row (so the enterprises, sources, devices and tags it
// names are loaded in four statements, whatever its size), then every row against them, so that each error names
// its cell.
import { createHash } from 'node:crypto';
import { pointKinds, pointRuleMessage, pointRuleProblems, type PointImportCommit, type PointImportPreview } from '@zoneops/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { MAX_IMPORT_BYTES } from '../../platform/documents/index.ts';
import { AppError, validationError } from '../../platform/errors.ts';
import { annotateErrors, readSheet, type SheetError } from '../../platform/sheets.ts';
import { registryRepository as repo, type DeviceRef, type EnterpriseRef, type PointValues } from './registry.repository.ts';
import { POINT_SHEET_TITLE, pointColumns, pointSheetSpec, pointTemplate, type PointSheetRow, type SheetFile } from './registry-sheets.ts';
import { POINT_ENTITY, requireParkManager } from './registry.service.ts';
import { safetyVisibleCondition } from './safety-access.ts';
import type { SafetyEvents } from './safety-events.ts';

const MAX_ROWS = 20_000;

/** Pass 1: the columns that name other records (all optional text, so that no row is lost to a bad cell). */
type KeyRow = Partial<Pick<PointSheetRow, 'enterprise' | 'majorHazard' | 'device' | 'tag' | 'name' | 'unit'>>;
let keyCounter = 0;
const keyColumns = new Set(['enterprise', 'majorHazard', 'device', 'tag', 'name', 'unit']);
const keySpec = {
  ...pointSheetSpec(
    z.object({
      enterprise: z.string().optional(),
      majorHazard: z.string().optional(),
      device: z.string().optional(),
      tag: z.string().optional(),
      name: z.string().optional(),
      unit: z.string().optional(),
    }) as unknown as z.ZodType<PointSheetRow>,
    // every row kept (none is a duplicate of another here)
    () => String(++keyCounter),
  ),
  columns: pointColumns.filter((c) => keyColumns.has(c.key)).map((c) => ({ ...c, required: false })),
};

type ResolvedRow = PointSheetRow & { resolved: PointValues };

/** What the file's references resolve to (only what the importer may see). */
interface Refs {
  enterprises: EnterpriseRef[];
  sources: Map<string, { id: string; enterpriseId: string }>;
  devices: Map<string, DeviceRef[]>;
  /** deviceId|tag of the points already registered. */
  tags: Set<string>;
}

const norm = (s: string | undefined) => (s ?? '').normalize('NFKC').trim();

type Found<T> = { ok: T } | { error: string };

function findEnterprise(refs: Refs, key: string): Found<EnterpriseRef> {
  const byCode = refs.enterprises.filter((e) => e.uscc === key.toUpperCase());
  const hits = byCode.length ? byCode : refs.enterprises.filter((e) => e.name === key);
  if (!hits.length) return { error: `企业「${key}」不在企业库中，或不在您的管辖范围内` };
  if (hits.length > 1) return { error: `名称「${key}」对应多家企业，请填写统一社会信用代码` };
  return { ok: hits[0]! };
}

/** A device of the enterprise by name, or gateway/device for one behind a gateway. */
function findDevice(refs: Refs, enterprise: EnterpriseRef, key: string): Found<DeviceRef> {
  const all = refs.devices.get(enterprise.id) ?? [];
  const slash = key.indexOf('/');
  const hits =
    slash > 0 ? all.filter((d) => d.gatewayName === key.slice(0, slash).trim() && d.name === key.slice(slash + 1).trim()) : all.filter((d) => d.name === key);
  if (!hits.length) return { error: `企业「${enterprise.name}」没有设备「${key}」，请先登记设备` };
  if (hits.length > 1) return { error: `企业「${enterprise.name}」有多台设备名为「${key}」，请写成「网关名称/设备名称」` };
  if (hits[0]!.kind === 'gateway') return { error: '网关本身不挂位号，请填写网关下的设备（网关名称/设备名称）' };
  return { ok: hits[0]! };
}

function rowSchema(refs: Refs) {
  const opt = z.number().optional();
  return z
    .object({
      enterprise: z.string().min(1),
      majorHazard: z.string().optional(),
      device: z.string().min(1),
      tag: z
        .string()
        .min(1)
        .max(64)
        .refine((s) => !/\s/.test(s), '位号不能含空格'),
      name: z.string().min(1).max(100),
      kind: z.enum(pointKinds),
      unit: z.string().min(1).max(20),
      rangeLow: opt,
      rangeHigh: opt,
      hh: opt,
      h: opt,
      l: opt,
      ll: opt,
      deadband: z.number().min(0, '回差不能为负').optional(),
      minDurationS: z.number().int().min(0).max(86_400).optional(),
      rateLimitPerMin: z.number().positive('变化率上限应大于 0').optional(),
      expectedIntervalS: z.number().int().min(1).max(86_400).optional(),
      staleAfterIntervals: z.number().int().min(1).max(1000).optional(),
      lng: z.number().min(-180).max(180).optional(),
      lat: z.number().min(-90).max(90).optional(),
      enabled: z.enum(['true', 'false']).optional(),
    })
    .transform((row, ctx): ResolvedRow => {
      const fail = (key: keyof PointSheetRow, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
      for (const p of pointRuleProblems(row)) fail(p.field, pointRuleMessage(p, 'zh'));
      const enterprise = findEnterprise(refs, norm(row.enterprise));
      let majorHazardId: string | null = null;
      let deviceId: string | null = null;
      if ('error' in enterprise) fail('enterprise', enterprise.error);
      else {
        const e = enterprise.ok;
        const code = norm(row.majorHazard);
        if (code) {
          const s = refs.sources.get(code);
          if (!s) fail('majorHazard', `重大危险源编码「${code}」不存在`);
          else if (s.enterpriseId !== e.id) fail('majorHazard', `重大危险源「${code}」不属于企业「${e.name}」`);
          else majorHazardId = s.id;
        }
        const device = findDevice(refs, e, norm(row.device));
        if ('error' in device) fail('device', device.error);
        else {
          deviceId = device.ok.id;
          if (refs.tags.has(`${deviceId}|${row.tag}`)) fail('tag', `设备「${norm(row.device)}」已有位号「${row.tag}」`);
        }
      }
      if (!('ok' in enterprise) || !deviceId) return z.NEVER;
      const n = (v: number | undefined) => v ?? null;
      return {
        ...row,
        resolved: {
          enterpriseId: enterprise.ok.id,
          majorHazardId,
          deviceId,
          tag: row.tag,
          name: row.name,
          kind: row.kind,
          unit: row.unit,
          rangeLow: n(row.rangeLow),
          rangeHigh: n(row.rangeHigh),
          hh: n(row.hh),
          h: n(row.h),
          l: n(row.l),
          ll: n(row.ll),
          deadband: row.deadband ?? 0,
          minDurationS: row.minDurationS ?? 0,
          rateLimitPerMin: n(row.rateLimitPerMin),
          expectedIntervalS: row.expectedIntervalS ?? 60,
          staleAfterIntervals: row.staleAfterIntervals ?? 3,
          lng: n(row.lng),
          lat: n(row.lat),
          enabled: row.enabled !== 'false',
        },
      };
    }) as unknown as z.ZodType<ResolvedRow>;
}

export function createPointImport(deps: Deps, events: SafetyEvents) {
  const { db, audit } = deps;

  async function loadRefs(p: Principal, keys: KeyRow[]): Promise<Refs> {
    const distinct = (pick: (k: KeyRow) => string | undefined) => [...new Set(keys.map((k) => norm(pick(k))).filter(Boolean))];
    const enterprises = await repo.enterprisesByKeys(
      db,
      distinct((k) => k.enterprise),
      safetyVisibleCondition(p, sql`e.id`),
    );
    const enterpriseIds = enterprises.map((e) => e.id);
    const visibleIds = new Set(enterpriseIds);
    // sources of enterprises the importer does not see stay unknown
    const sources = (
      await repo.sourcesByCodes(
        db,
        distinct((k) => k.majorHazard),
      )
    ).filter((s) => visibleIds.has(s.enterpriseId));
    const devices = await repo.devicesOfEnterprises(db, enterpriseIds);
    const tags = await repo.tagsOfDevices(
      db,
      devices.map((d) => d.id),
    );
    const byEnterprise = new Map<string, DeviceRef[]>();
    for (const d of devices) byEnterprise.set(d.enterpriseId, [...(byEnterprise.get(d.enterpriseId) ?? []), d]);
    return {
      enterprises,
      sources: new Map(sources.map((s) => [s.code, s])),
      devices: byEnterprise,
      tags: new Set(tags.map((t) => `${t.deviceId}|${t.tag}`)),
    };
  }

  async function analyse(p: Principal, buffer: Buffer) {
    requireParkManager(p);
    const opts = { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_ROWS };
    const keys = await readSheet(keySpec as unknown as typeof keySpec & { schema: z.ZodType<KeyRow> }, buffer, opts);
    const refs = await loadRefs(
      p,
      keys.rows.map((r) => r.value as KeyRow),
    );
    let counter = 0;
    // a tag twice on one device is reported on the later row ("与第 N 行重复")
    const spec = pointSheetSpec<ResolvedRow>(rowSchema(refs), (r) => (r.resolved ? `${r.resolved.deviceId}|${r.resolved.tag}` : `#${++counter}`));
    const read = await readSheet(spec, buffer, opts);
    return { spec, read, keys: new Map(keys.rows.map((r) => [r.rowNumber, r.value as KeyRow])) };
  }

  const errorOf = (e: SheetError) => ({ rowNumber: e.rowNumber, column: e.column ?? null, cell: e.cell ?? null, message: e.message });

  return {
    template: (): Promise<SheetFile> => pointTemplate(),

    async preview(p: Principal, buffer: Buffer): Promise<PointImportPreview> {
      const { read, keys } = await analyse(p, buffer);
      const parsed = new Map(read.rows.map((r) => [r.rowNumber, r.value]));
      const errorsByRow = new Map<number, number>();
      for (const e of read.errors) errorsByRow.set(e.rowNumber, (errorsByRow.get(e.rowNumber) ?? 0) + 1);
      const numbers = [...new Set([...parsed.keys(), ...errorsByRow.keys()])].sort((a, b) => a - b);
      const text = (v: string | undefined) => (v === undefined || v === '' ? null : v);
      return {
        mode: 'preview',
        total: read.total,
        valid: read.rows.length,
        errors: read.errors.map(errorOf),
        rows: numbers.map((rowNumber) => {
          const k = keys.get(rowNumber) ?? {};
          return {
            rowNumber,
            enterprise: text(k.enterprise),
            majorHazard: text(k.majorHazard),
            device: text(k.device),
            tag: text(k.tag),
            name: text(k.name),
            kind: parsed.get(rowNumber)?.kind ?? null,
            unit: text(k.unit),
            errors: errorsByRow.get(rowNumber) ?? 0,
          };
        }),
        annotatedAvailable: read.errors.length > 0,
      };
    },

    /** The uploaded workbook with each bad cell filled and noted, and a 错误说明 column on each bad row. */
    async annotate(p: Principal, buffer: Buffer): Promise<SheetFile & { errors: number }> {
      const { spec, read } = await analyse(p, buffer);
      return { filename: `${POINT_SHEET_TITLE}-导入错误.xlsx`, buffer: await annotateErrors(buffer, read.errors, spec), errors: read.errors.length };
    },

    /** All or nothing: one bad row refuses the whole file and nothing is written. */
    async commit(ctx: RequestContext, p: Principal, buffer: Buffer): Promise<PointImportCommit> {
      const { read } = await analyse(p, buffer);
      if (read.errors.length) {
        const rows = new Set(read.errors.map((e) => e.rowNumber)).size;
        throw new AppError(
          'VALIDATION_FAILED',
          `导入文件有 ${rows} 行共 ${read.errors.length} 处错误，未导入任何数据；请按预览或错误标注修改后重新上传`,
          read.errors.slice(0, 200).map((e) => ({ path: `row${e.rowNumber}${e.key ? `.${e.key}` : ''}`, message: e.message })),
        );
      }
      if (!read.rows.length) throw validationError([{ path: 'body', message: '文件中没有数据行' }]);
      const values = read.rows.map((r) => r.value.resolved);
      await db.transaction(async (tx) => {
        // checked again inside the transaction: a point or device changed since the preview refuses the whole file
        const deviceIds = [...new Set(values.map((v) => v.deviceId))];
        const live = new Set(await repo.liveDeviceIds(tx, deviceIds));
        const taken = new Set((await repo.tagsOfDevices(tx, deviceIds)).map((t) => `${t.deviceId}|${t.tag}`));
        const stale = read.rows.filter((r) => !live.has(r.value.resolved.deviceId) || taken.has(`${r.value.resolved.deviceId}|${r.value.resolved.tag}`));
        if (stale.length)
          throw new AppError(
            'CONFLICT',
            `${stale.length} 行的设备或位号在检查后已变更，未导入任何数据；请重新上传`,
            stale.slice(0, 200).map((r) => ({ path: `row${r.rowNumber}.tag`, message: '设备已删除或位号已登记' })),
          );
        await repo.insertPoints(tx, values, p.userId);
        await audit.record(tx, ctx, {
          action: 'safety.point.import',
          entityType: POINT_ENTITY,
          diff: {
            created: values.length,
            enterprises: new Set(values.map((v) => v.enterpriseId)).size,
            devices: deviceIds.length,
            file: { sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length },
          },
        });
        await events.notify(tx, { kind: 'registry' });
      });
      return { mode: 'commit', total: read.total, created: values.length };
    },
  };
}

export type PointImport = ReturnType<typeof createPointImport>;
