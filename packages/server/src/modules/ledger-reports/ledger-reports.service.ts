// The supervision ledger in Excel (DOMAIN §13): the export of what the caller may see, the empty template, and the
// import: download → fill → upload → per-row validation (annotated workbook) → preview → commit, idempotent by 编号.
// A row without 编号 is a new task; a row with one is an existing task, of which only 进展 is imported (as a progress
// entry, by the lead or a co-unit, when it differs from the latest one). An export imports back without changes.
import { createHash } from 'node:crypto';
import {
  isOpen,
  ledgerStatusLabels,
  lightLabels,
  lightReasonText,
  type ItemCreate,
  type ItemListQuery,
  type LedgerItem,
  type LedgerStatus,
  type LightReason,
  type Page,
} from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { visibleCondition } from '../../platform/access/scope.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { EXPORT_LIMIT } from '../../platform/excel.ts';
import { annotateErrors, readSheet, rowsToCommit, writeSheet, type ImportPlan, type SheetError } from '../../platform/sheets.ts';
import { ledgerRepository, type ItemListRow, type LedgerRow } from '../ledger/ledger.repository.ts';
import { ITEM_ENTITY, ledgerServiceIn, type LedgerService } from '../ledger/ledger.service.ts';
import { ledgerReportsRepository, type UnitByName, type UserByName } from './ledger-reports.repository.ts';
import { colLetters, headerOf, inspectWorkbook, ledgerSheetSpec, type LedgerSheetRow } from './ledger-sheet.ts';
import { MAX_IMPORT_BYTES } from '../../platform/documents/index.ts';

/** Upload limit of an import (the route's body limit too). */

type Action = 'create' | 'update' | 'unchanged';

interface PlannedRow {
  rowNumber: number;
  action: Action;
  title: string;
  /** The existing task (update, unchanged). */
  item?: ItemListRow;
  /** The new task (create). */
  input?: ItemCreate;
  /** The progress entry to add (update). */
  progressText?: string;
  ignored: string[];
  note: string | null;
}

interface Analysis {
  ledger: LedgerRow;
  total: number;
  errors: SheetError[];
  planned: PlannedRow[];
}

const visible = (p: Principal) => visibleCondition(ITEM_ENTITY, p, ledgerRepository.scopeColumns);

/** Text as compared: trimmed, one kind of line break. */
const norm = (s: string | null | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();

const reasonsText = (reasons: unknown) => ((reasons ?? []) as LightReason[]).map((r) => lightReasonText(r)).join('；');

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}

export function toSheetRow(item: LedgerItem): LedgerSheetRow {
  return {
    code: item.code,
    title: item.title,
    source: item.source,
    leadUnit: item.leadUnitName,
    coUnits: item.coUnits.map((u) => u.name),
    owner: item.ownerName ?? undefined,
    leader: item.leaderName ?? undefined,
    deadline: item.deadline,
    progress: item.lastProgressText ?? undefined,
    status: ledgerStatusLabels[item.status],
    light: lightLabels[item.light],
    lightReason: item.light === 'none' ? undefined : reasonsText(item.lightReasons),
  };
}

export function createLedgerReportsService(deps: Deps, ledger: LedgerService) {
  const { db, clock, audit } = deps;
  const today = () => todayOf(clock);

  async function requireLedger(id: string): Promise<LedgerRow> {
    const l = await ledgerRepository.findLedger(db, id);
    if (!l) throw notFound('ledger');
    return l;
  }

  /** Columns of an existing task that the row writes differently (they are not imported). */
  function differences(row: LedgerSheetRow, item: ItemListRow): string[] {
    const coNames = (item.coUnits as { name: string }[]).map((u) => u.name);
    const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join('、') === [...b].sort().join('、');
    const diffs: [keyof LedgerSheetRow, boolean][] = [
      ['title', norm(row.title) !== norm(item.title)],
      ['source', row.source !== item.source],
      ['leadUnit', norm(row.leadUnit) !== norm(item.leadUnitName)],
      ['coUnits', !same(row.coUnits ?? [], coNames)],
      ['owner', norm(row.owner) !== norm(item.ownerName)],
      ['leader', norm(row.leader) !== norm(item.leaderName)],
      ['deadline', row.deadline !== item.deadline],
    ];
    return diffs.filter(([, differs]) => differs).map(([key]) => headerOf(key));
  }

  async function analyse(p: Principal, ledgerId: string, buffer: Buffer): Promise<Analysis> {
    const ledgerRow = await requireLedger(ledgerId);
    if (ledgerRow.status !== 'active') throw new AppError('TRANSITION_NOT_ALLOWED', 'the ledger is archived');
    const spec = ledgerSheetSpec(ledgerRow.name);
    const inspection = await inspectWorkbook(buffer);
    const read = await readSheet(spec, inspection?.buffer ?? buffer, { maxBytes: MAX_IMPORT_BYTES });
    const cellOf = (key: keyof LedgerSheetRow, rowNumber: number) => {
      const c = inspection?.columnOf.get(key);
      return c ? { cell: `${colLetters(c)}${rowNumber}` } : {};
    };

    const errors: SheetError[] = [...(inspection?.mergeErrors ?? [])];
    // The reader names a repeated key without a column: it is the 编号 (or, for new tasks, the task itself).
    const repeated = new Map<number, { key: string; first: number }>();
    for (const d of read.duplicates) for (const r of d.rowNumbers.slice(1)) repeated.set(r, { key: d.key, first: d.rowNumbers[0]! });
    for (const e of read.errors) {
      if (e.cell && inspection?.unmergedCells.has(e.cell)) continue; // emptied by unmerging: the merge is the error
      const dup = !e.key ? repeated.get(e.rowNumber) : undefined;
      if (dup) {
        const key = dup.key.startsWith('code:') ? 'code' : 'title';
        const message = key === 'code' ? `编号重复：与第 ${dup.first} 行编号相同` : `与第 ${dup.first} 行是同一事项（事项、牵头单位相同）`;
        errors.push({ rowNumber: e.rowNumber, column: headerOf(key), key, ...cellOf(key, e.rowNumber), message });
      } else errors.push(e);
    }

    const errorRows = new Set(errors.map((e) => e.rowNumber));
    const candidates = read.rows.filter((r) => !errorRows.has(r.rowNumber));

    // Tasks of this ledger the caller can see; names of units and people of the new tasks.
    const { rows: items } = await ledgerRepository.findPage(db, { ledgerId }, visible(p), { field: 'seq', desc: false }, EXPORT_LIMIT, 0);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const byTitle = groupBy(items, (i) => `${norm(i.title)}|${i.leadUnitName}`);
    const fresh = candidates.filter((r) => !r.value.code).map((r) => r.value);
    const unitNames = [...new Set(fresh.flatMap((r) => [r.leadUnit, ...(r.coUnits ?? [])]))];
    const userNames = [...new Set(fresh.flatMap((r) => [r.owner, r.leader].filter((n): n is string => !!n)))];
    const [units, users] = await Promise.all([ledgerReportsRepository.unitsByNames(db, unitNames), ledgerReportsRepository.usersByDisplayNames(db, userNames)]);
    const unitsByName = groupBy<UnitByName>(units, (u) => u.name);
    const usersByName = groupBy<UserByName>(users, (u) => u.displayName);

    const day = today();
    const claimed = new Map<string, number>();
    const planned: PlannedRow[] = [];
    for (const { rowNumber, value: row } of candidates) {
      const rowErrors: SheetError[] = [];
      const fail = (key: keyof LedgerSheetRow, message: string) =>
        rowErrors.push({ rowNumber, column: headerOf(key), key, ...cellOf(key, rowNumber), message });
      const claim = (item: ItemListRow, key: keyof LedgerSheetRow) => {
        const first = claimed.get(item.id);
        if (first !== undefined) fail(key, `与第 ${first} 行是同一事项（${item.code}）`);
        else claimed.set(item.id, rowNumber);
        return first === undefined;
      };

      if (row.code) {
        const item = byCode.get(row.code);
        if (!item) fail('code', `编号「${row.code}」不在本台账中（新增事项请将编号留空）`);
        else if (claim(item, 'code')) {
          const text = norm(row.progress);
          const base = { rowNumber, title: item.title, item, ignored: differences(row, item) };
          if (!text || text === norm(item.lastProgressText)) {
            planned.push({ ...base, action: 'unchanged', note: null });
          } else {
            const roles = ledger.itemRoles(p, item, ledgerRow);
            const status = item.status as LedgerStatus;
            if (!roles.has('lead') && !roles.has('co')) fail('progress', '无权报送进展：只有牵头单位、配合单位可以报送');
            else if (status === 'assigned') fail('progress', '事项尚未接收，接收后才能报送进展');
            else if (status !== 'accepted' && status !== 'inProgress')
              fail('progress', `事项${isOpen(status) ? '' : '已办结，'}当前状态为「${ledgerStatusLabels[status]}」，不能报送进展`);
            else planned.push({ ...base, action: 'update', progressText: text, note: '新增一条进展' });
          }
        }
      } else {
        const same = byTitle.get(`${norm(row.title)}|${norm(row.leadUnit)}`) ?? [];
        if (same.length > 1) fail('title', `本台账已有 ${same.length} 项同名事项（牵头单位相同），请填写编号`);
        else if (same.length === 1) {
          // Imported before (the file was uploaded twice): the same task, not a new one.
          const item = same[0]!;
          if (claim(item, 'title'))
            planned.push({
              rowNumber,
              action: 'unchanged',
              title: item.title,
              item,
              ignored: differences(row, item),
              note: `本台账已有此事项（${item.code}），不再新建`,
            });
        } else {
          const unit = (name: string, key: 'leadUnit' | 'coUnits') => {
            const found = unitsByName.get(name) ?? [];
            if (found.length === 1) return found[0]!;
            fail(key, found.length ? `单位名称「${name}」不唯一，请联系管理员` : `未找到单位「${name}」`);
            return undefined;
          };
          const lead = unit(row.leadUnit, 'leadUnit');
          const coUnitIds: string[] = [];
          for (const name of new Set(row.coUnits ?? [])) {
            const u = unit(name, 'coUnits');
            if (!u) continue;
            if (lead && u.id === lead.id) fail('coUnits', `牵头单位「${name}」不能同时是配合单位`);
            else coUnitIds.push(u.id);
          }
          let ownerId: string | null = null;
          if (row.owner && lead) {
            const found = (usersByName.get(row.owner) ?? []).filter((u) => u.unitId === lead.id);
            if (found.length === 1) ownerId = found[0]!.id;
            else
              fail(
                'owner',
                found.length
                  ? `牵头单位「${lead.name}」有 ${found.length} 人名为「${row.owner}」，无法确定责任人`
                  : `牵头单位「${lead.name}」中没有名为「${row.owner}」的人员`,
              );
          }
          let leaderId: string | null = null;
          if (row.leader) {
            let found = usersByName.get(row.leader) ?? [];
            if (found.length > 1) found = found.filter((u) => u.roles.includes('leader') || u.roles.includes('cityLeader'));
            if (found.length === 1) leaderId = found[0]!.id;
            else fail('leader', found.length ? `有 ${found.length} 位领导名为「${row.leader}」，无法确定` : `未找到名为「${row.leader}」的领导`);
          }
          if (row.deadline < day) fail('deadline', `时限 ${row.deadline} 早于交办日（今天 ${day}）`);
          if (lead && !rowErrors.length) {
            planned.push({
              rowNumber,
              action: 'create',
              title: row.title,
              input: {
                ledgerId,
                title: row.title,
                source: row.source,
                leadUnitId: lead.id,
                coUnitIds,
                ownerId,
                leaderId,
                deadline: row.deadline,
                priority: 'normal',
                focus: false,
                frequency: 'week',
                longTerm: false,
              },
              ignored: row.progress ? [headerOf('progress')] : [],
              note: row.progress ? '新事项的进展不导入：事项接收后由承办单位报送' : null,
            });
          }
        }
      }
      errors.push(...rowErrors);
    }
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    return { ledger: ledgerRow, total: read.total, errors, planned };
  }

  const summary = (a: Analysis) => {
    const counts = { create: 0, update: 0, unchanged: 0 };
    for (const r of a.planned) counts[r.action]++;
    return {
      total: a.total,
      valid: a.planned.length,
      counts,
      errors: a.errors.map((e) => ({ rowNumber: e.rowNumber, column: e.column ?? null, cell: e.cell ?? null, message: e.message })),
      rows: a.planned.map((r) => ({ rowNumber: r.rowNumber, action: r.action, code: r.item?.code ?? null, title: r.title, ignored: r.ignored, note: r.note })),
    };
  };

  return {
    /** The items the caller may see with the list's filters, as the office's sheet. */
    async exportItems(p: Principal, q: ItemListQuery): Promise<{ filename: string; buffer: Buffer }> {
      const page = (await ledger.list(p, { ...q, sort: q.sort ?? 'seq', page: 1, pageSize: EXPORT_LIMIT })) as Page<LedgerItem>;
      if (page.total > EXPORT_LIMIT)
        throw new AppError('PAYLOAD_TOO_LARGE', `${page.total} items are more than an export holds (${EXPORT_LIMIT}); narrow the filters`);
      const title = q.ledgerId ? (await requireLedger(q.ledgerId)).name : q.kind === 'rectification' ? '整改事项台账' : '督查督办事项台账';
      return { filename: `${title}.xlsx`, buffer: await writeSheet(ledgerSheetSpec(title), page.items.map(toSheetRow)) };
    },

    async template(ledgerId: string): Promise<{ filename: string; buffer: Buffer }> {
      const l = await requireLedger(ledgerId);
      return { filename: `${l.name}-导入模板.xlsx`, buffer: await writeSheet(ledgerSheetSpec(l.name), []) };
    },

    async preview(p: Principal, ledgerId: string, buffer: Buffer) {
      const a = await analyse(p, ledgerId, buffer);
      return { mode: 'preview' as const, ...summary(a), annotatedAvailable: a.errors.length > 0 };
    },

    /** The upload with each bad cell filled and noted, and a 错误说明 column on each bad row. */
    async annotate(p: Principal, ledgerId: string, buffer: Buffer): Promise<{ filename: string; buffer: Buffer; errors: number }> {
      const a = await analyse(p, ledgerId, buffer);
      const annotated = await annotateErrors(buffer, a.errors, ledgerSheetSpec(a.ledger.name));
      return { filename: `${a.ledger.name}-导入错误.xlsx`, buffer: annotated, errors: a.errors.length };
    },

    /**
     * Creates the new tasks and adds the progress entries in one transaction. A file with errors is refused as a
     * whole (nothing written) unless onlyValid: then the rows without errors are imported.
     */
    async commit(ctx: RequestContext, p: Principal, ledgerId: string, buffer: Buffer, onlyValid: boolean) {
      const a = await analyse(p, ledgerId, buffer);
      const plan: ImportPlan<PlannedRow> = {
        valid: a.planned.map((r) => ({ rowNumber: r.rowNumber, key: String(r.rowNumber), value: r })),
        errors: a.errors,
        total: a.total,
      };
      const rows = rowsToCommit(plan, { onlyValid }).map((r) => r.value);
      const creates = rows.filter((r) => r.action === 'create');
      const updates = rows.filter((r) => r.action === 'update');
      const done = await db.transaction(async (tx) => {
        // The engine bound to this transaction: its checks and writes (createMany, addProgress) happen inside it
        // (PGlite has one connection: a read through the root handle would wait here). Its writes return ids only.
        const engine: LedgerService = ledgerServiceIn(deps, tx);
        const ids = creates.length
          ? await engine.createMany(
              ctx,
              p,
              ledgerId,
              creates.map((r) => r.input!),
            )
          : [];
        for (const r of updates) await engine.addProgress(ctx, p, r.item!.id, { kind: 'progress', text: r.progressText! });
        const codes = new Map((await ledgerRepository.findItemsByIds(tx, ids)).map((i) => [i.id, i.code]));
        const created = creates.map((r, k) => ({ rowNumber: r.rowNumber, id: ids[k]!, code: codes.get(ids[k]!) ?? '' }));
        const updated = updates.map((r) => ({ rowNumber: r.rowNumber, id: r.item!.id, code: r.item!.code }));
        await audit.record(tx, ctx, {
          action: 'ledger.import',
          entityType: 'ledger',
          entityId: ledgerId,
          diff: {
            file: { sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length },
            onlyValid,
            total: a.total,
            created: created.map((c) => c.code),
            updated: updated.map((u) => u.code),
            unchanged: rows.length - created.length - updated.length,
            skippedRows: [...new Set(a.errors.map((e) => e.rowNumber))],
          },
        });
        return { created, updated };
      });
      return { mode: 'commit' as const, ...summary(a), ...done };
    },
  };
}

export type LedgerReportsService = ReturnType<typeof createLedgerReportsService>;
