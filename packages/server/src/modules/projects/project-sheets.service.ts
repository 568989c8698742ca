// The spreadsheets of key projects (DOMAIN §13): the project ledger's export (what the caller sees, through the list's
// own service call), its empty template and its import — download → fill → upload → per-row validation (annotated
// workbook) → preview → commit, idempotent by the natural key (项目编码, else 项目名称 + 业主单位) — and the monthly
// report, the year lists and the printable list of a concentrated start / completion batch.
// An export imports back without a change: names resolve to what they were, funding lines with sub-sources are kept
// while their top-level sums are unchanged, and unchanged rows write nothing. A commit is one transaction of
// multi-row statements (no per-row queries), with one audit record per created or changed project.
import { createHash, randomUUID } from 'node:crypto';
import {
  centsToMoney,
  defaultMilestoneTemplate,
  moneyToCents,
  percentOf,
  planMilestones,
  projectLightReasonText,
  stageIndex,
  sumMoney,
  type MilestoneNodeDef,
  type Project,
  type ProjectCreate,
  type ProjectLightReason,
  type ProjectStage,
  type YearListKind,
} from '@zoneops/shared';
import type { z } from 'zod';
import type { projectListQuery, yearListQuery } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { unitInScope } from '../../platform/access/scope.ts';
import { auditRepository } from '../../platform/audit/audit.repository.ts';
import type { AuditInput } from '../../platform/audit/audit.service.ts';
import { canonicalJson, diffOf, GENESIS_HASH, recordHash, type ChainedFields } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { EXPORT_LIMIT } from '../../platform/excel.ts';
import { annotateErrors, readSheet, rowsToCommit, type ImportPlan, type SheetError } from '../../platform/sheets.ts';
import type { ProjectsModule } from './index.ts';
import { projectVisible } from './project-access.ts';
import { recomputeProjects } from './project-lights.ts';
import { loadProjectReference, projectIssues, type ProjectIssue } from './project-rules.ts';
import {
  fundKey,
  inspectLedger,
  ledgerSheetSpec,
  ledgerTitle,
  projectLightLabels,
  reportStatusLabels,
  writeCeremonyList,
  writeLedger,
  writeMonthlyReport,
  writeYearList,
  yearListTitles,
  colLetters,
  type CodeLabel,
  type LedgerSheetContext,
  type LedgerSheetSpec,
  type MonthlyReportGroup,
  type MonthlyReportLine,
  type ProjectSheetKey,
  type ProjectSheetRow,
} from './project-sheet.ts';
import {
  projectRepository,
  projectSheetRepository as repo,
  projectWhere,
  type ImportProjectRow,
  type ImportProjectValues,
  type MonthlyReportRow,
} from './project.repository.ts';
import { projectCan } from './project.service.ts';
import { MAX_IMPORT_BYTES } from '../../platform/documents/index.ts';

/** Upload limit of an import (the route's body limit too) and its row limit. */

export const MAX_IMPORT_ROWS = 20_000;
/** recomputeProjects reads at most this many projects a call. */
const LIGHT_BATCH = 2_000;
/** From this many written projects on, the tables are analyzed before the lights are computed. */
const BULK_ROWS = 500;

type Action = 'create' | 'update' | 'unchanged';
type FundingLine = ImportProjectValues['funding'][number];
interface Leader {
  userId: string;
  level: 'city' | 'district';
}
type Field = keyof ImportProjectValues | 'leaders';

interface PlannedRow {
  rowNumber: number;
  action: Action;
  existing?: ImportProjectRow;
  values: ImportProjectValues;
  leaders: Leader[];
  stage: ProjectStage;
  changed: Field[];
  ignored: string[];
  note: string | null;
}

interface Analysis {
  spec: LedgerSheetSpec;
  /** The workbook as read: the upload with merges in the data area undone. */
  buffer: Buffer;
  day: string;
  total: number;
  errors: SheetError[];
  planned: PlannedRow[];
}

export type ProjectExportQuery = Omit<z.infer<typeof projectListQuery>, 'page' | 'pageSize'>;
export type YearListExportQuery = Omit<z.infer<typeof yearListQuery>, 'page' | 'pageSize'>;

const headers: Record<Field, string> = {
  code: '项目编码',
  name: '项目名称',
  content: '建设内容及规模',
  ownerName: '业主单位',
  ownerEnterpriseId: '业主单位（关联企业）',
  leadUnitId: '责任单位',
  leaders: '挂钩领导',
  industry: '行业',
  category: '类别',
  nature: '性质',
  level: '级别',
  investorType: '投资主体',
  totalInvestment: '合计',
  funding: '资金来源',
  annualPlan: '年度计划投资',
  plannedStartOn: '计划开工',
  plannedCompletionOn: '计划竣工',
  actualStartOn: '实际开工',
  lng: '经度',
  lat: '纬度',
};

/** Funding lines summed per top-level source, in hundredths. */
function topLevelSums(lines: readonly FundingLine[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const l of lines) out.set(l.source, (out.get(l.source) ?? 0n) + moneyToCents(l.amount));
  return out;
}
/** One line per filled source column, in the dictionary's order. */
const linesOf = (sums: Map<string, bigint>, sources: readonly CodeLabel[]): FundingLine[] =>
  sources.filter((s) => sums.has(s.code)).map((s) => ({ source: s.code, amount: centsToMoney(sums.get(s.code)!) }));

/**
 * The funding lines after an import: the stored lines of every top-level source whose column sum is unchanged (so
 * their sub-sources survive), one line for each changed or new column, none for an emptied one.
 */
export function mergeFunding(stored: readonly FundingLine[], sheet: Map<string, bigint>, sources: readonly CodeLabel[]): FundingLine[] {
  const before = topLevelSums(stored);
  if (before.size === sheet.size && [...before].every(([k, v]) => sheet.get(k) === v)) return [...stored];
  const out: FundingLine[] = [];
  const placed = new Set<string>();
  for (const line of stored) {
    if (!sheet.has(line.source)) continue;
    if (sheet.get(line.source) === before.get(line.source)) out.push(line);
    else if (!placed.has(line.source)) out.push({ source: line.source, amount: centsToMoney(sheet.get(line.source)!) });
    placed.add(line.source);
  }
  for (const line of linesOf(sheet, sources)) if (!placed.has(line.source)) out.push(line);
  return out;
}
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
const leaderKeys = (l: readonly Leader[]) => l.map((x) => `${x.userId}:${x.level}`);

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const group = out.get(k);
    if (group) group.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** Whether a field of the values differs from the stored project (money by value, funding lines as JSON). */
function differs(key: keyof ImportProjectValues, a: ImportProjectValues, b: ImportProjectRow): boolean {
  const x = a[key];
  const y = b[key];
  if (key === 'totalInvestment' || key === 'annualPlan') return moneyToCents(x as string) !== moneyToCents(y as string);
  if (key === 'funding') return canonicalJson(x) !== canonicalJson(y);
  return (x ?? null) !== (y ?? null);
}
const valueKeys = Object.keys(headers).filter((k) => k !== 'leaders') as (keyof ImportProjectValues)[];

const pickValues = (row: ImportProjectRow): ImportProjectValues => Object.fromEntries(valueKeys.map((k) => [k, row[k]])) as unknown as ImportProjectValues;

/** The sheet column a problem of projectIssues belongs to. */
function issueKey(issue: ProjectIssue): ProjectSheetKey | null {
  const head = issue.path.split('.')[0]!;
  const keys: Record<string, ProjectSheetKey> = {
    actualStartOn: 'actualStartOn',
    funding: 'totalInvestment',
    annualPlan: 'annualPlan',
    industry: 'industry',
    leadUnitId: 'leadUnit',
    leaders: 'leaders',
    ownerEnterpriseId: 'owner',
    ownerName: 'owner',
    lng: 'lng',
    lat: 'lat',
  };
  return keys[head] ?? null;
}

/** The problem as the office reads it. */
function issueText(issue: ProjectIssue, v: ProjectCreate, day: string): string {
  switch (issue.code) {
    case 'DATE_IN_FUTURE': {
      const key = issue.path as 'actualStartOn' | 'actualCompletionOn';
      return `${key === 'actualStartOn' ? '实际开工' : '实际竣工'}日期 ${v[key]} 晚于今天（${day}）`;
    }
    case 'FUNDING_MISMATCH':
      return `各资金来源之和与总投资 ${v.totalInvestment} 万元不一致`;
    case 'OUTSIDE_ZONE':
      return `坐标（${v.lng}，${v.lat}）不在园区范围内`;
  }
  const head = issue.path.split('.')[0];
  if (issue.path === 'annualPlan') return `年度计划投资 ${v.annualPlan} 万元超过总投资 ${v.totalInvestment} 万元`;
  if (issue.path === 'industry') return `行业「${v.industry}」不在行业字典中`;
  if (issue.path === 'leadUnitId') return '责任单位不存在';
  if (head === 'leaders') return '挂钩领导的账号不存在或已停用';
  if (head === 'funding') return `资金来源不在资金来源字典中：${issue.message}`;
  if (head === 'ownerEnterpriseId') return '关联的业主企业不存在';
  if (head === 'ownerName') return '请填写业主单位';
  return issue.message;
}

export function createProjectSheetsService(deps: Deps, module: ProjectsModule) {
  const { db, clock } = deps;
  const { projects, views } = module;
  const today = () => todayOf(clock);

  /** The dictionaries the ledger's columns come from. */
  async function sheetContext(title: string): Promise<LedgerSheetContext> {
    const [industries, funding] = await Promise.all([repo.dictItems(db, 'industry'), repo.dictItems(db, 'fundingSource')]);
    return {
      title,
      industries: industries.map(({ code, label }) => ({ code, label })),
      fundingSources: funding.filter((f) => !f.parentCode).map(({ code, label }) => ({ code, label })),
    };
  }
  const industryLabels = async () => new Map((await repo.dictItems(db, 'industry')).map((i) => [i.code, i.label]));

  function toSheetRow(p: Project, extra: { content: string | null; funding: FundingLine[] } | undefined, sources: readonly CodeLabel[]): ProjectSheetRow {
    const sums = topLevelSums(extra?.funding ?? []);
    const row: ProjectSheetRow = {
      name: p.name,
      owner: p.ownerName,
      leadUnit: p.leadUnitName,
      leaders: p.leaderNames,
      industry: p.industry,
      category: p.category,
      nature: p.nature,
      level: p.level,
      investorType: p.investorType,
      stage: p.stage,
      totalInvestment: p.totalInvestment,
      annualPlan: p.annualPlan,
      light: projectLightLabels[p.light] ?? p.light,
      lightReason: (p.lightReasons as ProjectLightReason[]).map((r) => projectLightReasonText(r)).join('；'),
    };
    const optional = {
      code: p.code,
      content: extra?.content,
      plannedStartOn: p.plannedStartOn,
      plannedCompletionOn: p.plannedCompletionOn,
      actualStartOn: p.actualStartOn,
      lng: p.lng,
      lat: p.lat,
    };
    for (const [k, v] of Object.entries(optional)) if (v !== null && v !== undefined) (row as unknown as Record<string, unknown>)[k] = v;
    for (const s of sources) {
      const cents = sums.get(s.code);
      if (cents !== undefined) row[fundKey(s.code)] = centsToMoney(cents);
    }
    return row;
  }

  /** Sums of the money columns (exact) for the 合计 row. */
  function moneySums(spec: LedgerSheetSpec, rows: readonly ProjectSheetRow[]): Partial<Record<ProjectSheetKey, string>> {
    return Object.fromEntries(spec.columns.filter((c) => c.sum).map((c) => [c.key, sumMoney(rows.map((r) => r[c.key] as string | undefined))]));
  }

  async function analyse(p: Principal, buffer: Buffer): Promise<Analysis> {
    const day = today();
    const sheet = await sheetContext(ledgerTitle(Number(day.slice(0, 4))));
    const spec = ledgerSheetSpec(sheet);
    const sources = sheet.fundingSources;
    const inspection = await inspectLedger(buffer, spec);
    const read = await readSheet(spec, inspection?.buffer ?? buffer, { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS });
    const columnOf = inspection?.columnOf ?? new Map<ProjectSheetKey, number>();
    const headerOf = (key: ProjectSheetKey) => spec.columns.find((c) => c.key === key)!.header;
    const errorAt = (rowNumber: number, key: ProjectSheetKey | null, message: string): SheetError => {
      if (!key) return { rowNumber, message };
      const c = columnOf.get(key);
      return { rowNumber, column: headerOf(key), key, ...(c ? { cell: `${colLetters(c)}${rowNumber}` } : {}), message };
    };

    const errors: SheetError[] = [...(inspection?.mergeErrors ?? [])];
    // A repeated key is an error of every row that holds it (the reader names only the later ones, without a column).
    const repeated = new Set<number>();
    for (const d of read.duplicates) {
      const key: ProjectSheetKey = d.key.startsWith('code:') ? 'code' : 'name';
      for (const r of d.rowNumbers) {
        repeated.add(r);
        const others = d.rowNumbers.filter((x) => x !== r).join('、');
        errors.push(errorAt(r, key, key === 'code' ? `项目编码重复：与第 ${others} 行相同` : `与第 ${others} 行是同一项目（项目名称、业主单位相同）`));
      }
    }
    for (const e of read.errors) {
      if (e.cell && inspection?.unmergedCells.has(e.cell)) continue; // emptied by unmerging: the merge is the error
      if (!e.key && repeated.has(e.rowNumber)) continue;
      errors.push(e);
    }
    const errorRows = new Set(errors.map((e) => e.rowNumber));
    const candidates = read.rows.filter((r) => !errorRows.has(r.rowNumber));

    // Reference data, once for the whole file.
    const rows = candidates.map((r) => r.value);
    const [ref, existing, units, users, enterprises] = await Promise.all([
      loadProjectReference(db, day),
      repo.findByKeys(
        db,
        { codes: rows.flatMap((r) => (r.code ? [r.code] : [])), names: rows.map((r) => r.name), owners: rows.map((r) => r.owner) },
        projectVisible(p),
      ),
      repo.unitsByNames(db, [...new Set(rows.map((r) => r.leadUnit))]),
      repo.usersByDisplayNames(db, [...new Set(rows.flatMap((r) => r.leaders ?? []))]),
      repo.enterprisesByNames(db, [...new Set(rows.map((r) => r.owner))]),
    ]);
    const byCode = new Map(existing.filter((e) => e.code).map((e) => [e.code!, e]));
    const byName = new Map(existing.map((e) => [`${e.name}\u0000${e.ownerName}`, e]));
    const unitsByName = groupBy(units, (u) => u.name);
    const usersByName = groupBy(users, (u) => u.displayName);
    const enterprisesByName = groupBy(enterprises, (e) => e.name);
    const has = (key: ProjectSheetKey) => columnOf.has(key);
    const fundColumns = sources.filter((s) => has(fundKey(s.code)));

    const planned: PlannedRow[] = [];
    for (const { rowNumber, value: row } of candidates) {
      const rowErrors: SheetError[] = [];
      const fail = (key: ProjectSheetKey | null, message: string) => rowErrors.push(errorAt(rowNumber, key, message));
      const done = () => errors.push(...rowErrors);

      // The project the row is: by 项目编码, else by 项目名称 + 业主单位 (a project without a code gets the row's).
      const sameName = byName.get(`${row.name}\u0000${row.owner}`);
      let ex: ImportProjectRow | undefined;
      if (row.code) {
        ex = byCode.get(row.code);
        if (!ex && sameName?.code) fail('code', `「${row.name}」（业主单位 ${row.owner}）已有项目编码 ${sameName.code}`);
        else ex ??= sameName;
      } else ex = sameName;
      if (ex && sameName && sameName.id !== ex.id) fail('name', `项目名称与业主单位与另一项目（${sameName.code ?? sameName.name}）相同`);
      if (ex && !ex.visible) {
        fail(row.code ? 'code' : 'name', '系统中已有此项目，但不在您的数据范围内');
        done();
        continue;
      }

      const keep = <K extends keyof ImportProjectValues>(key: ProjectSheetKey, k: K, fromRow: ImportProjectValues[K], fallback: ImportProjectValues[K]) =>
        has(key) ? fromRow : ex ? ex[k] : fallback;

      // 责任单位: unchanged when it reads as before; otherwise by name (unique) and inside the caller's scope.
      let leadUnitId = ex && row.leadUnit === ex.leadUnitName ? ex.leadUnitId : '';
      if (!leadUnitId) {
        const found = unitsByName.get(row.leadUnit) ?? [];
        if (found.length !== 1) fail('leadUnit', found.length ? `单位名称「${row.leadUnit}」不唯一，请联系管理员` : `未找到单位「${row.leadUnit}」`);
        else if (!p.scope.all && !unitInScope(p, found[0]!.id, found[0]!.path)) fail('leadUnit', `责任单位「${row.leadUnit}」不在您的数据范围内`);
        else leadUnitId = found[0]!.id;
      }

      // 业主单位: a registered enterprise of that name is linked; otherwise the name stays free text.
      let ownerEnterpriseId: string | null = null;
      if (ex && row.owner === ex.ownerName) ownerEnterpriseId = ex.ownerEnterpriseId;
      else {
        const found = enterprisesByName.get(row.owner) ?? [];
        if (found.length === 1) ownerEnterpriseId = found[0]!.id;
      }

      // 挂钩领导: unchanged when the names are the same; otherwise by display name (leaders first), ambiguity is an error.
      const before: Leader[] = ex?.leaders.map(({ userId, level }) => ({ userId, level })) ?? [];
      let leaders = before;
      const beforeNames = ex?.leaders.map((l) => l.name) ?? [];
      const sameLeaderNames = !!ex && sameList(row.leaders ?? [], beforeNames);
      if (has('leaders') && !sameLeaderNames) {
        leaders = [];
        for (const name of new Set(row.leaders ?? [])) {
          let found = usersByName.get(name) ?? [];
          if (found.length > 1) {
            const leaderRoles = found.filter((u) => u.roles.includes('leader') || u.roles.includes('cityLeader'));
            if (leaderRoles.length) found = leaderRoles;
          }
          if (found.length !== 1) {
            fail('leaders', found.length ? `有 ${found.length} 位用户名为「${name}」，无法确定挂钩领导` : `未找到名为「${name}」的用户`);
            continue;
          }
          const u = found[0]!;
          if (leaders.some((l) => l.userId === u.id)) continue;
          const prior = before.find((l) => l.userId === u.id);
          leaders.push({ userId: u.id, level: prior?.level ?? (u.roles.includes('cityLeader') ? 'city' : 'district') });
        }
      }

      // 总投资: the source columns add up to 合计; unchanged top-level sums keep the stored lines (with their sub-sources).
      const filled = fundColumns.filter((s) => row[fundKey(s.code)] !== undefined);
      const sheetSums = new Map(filled.map((s) => [s.code, moneyToCents(row[fundKey(s.code)]!)]));
      if (filled.length) {
        const sum = centsToMoney([...sheetSums.values()].reduce((a, b) => a + b, 0n));
        if (moneyToCents(sum) !== moneyToCents(row.totalInvestment))
          fail('totalInvestment', `各资金来源之和 ${sum} 万元与总投资合计 ${row.totalInvestment} 万元不一致`);
      }
      let funding: FundingLine[];
      if (fundColumns.length) funding = ex ? mergeFunding(ex.funding, sheetSums, sources) : linesOf(sheetSums, sources);
      else {
        // A sheet without source columns: the stored lines stay while they still add up to the total.
        const kept = ex?.funding ?? [];
        funding = kept.length && moneyToCents(sumMoney(kept.map((f) => f.amount))) === moneyToCents(row.totalInvestment) ? kept : [];
      }

      const values: ImportProjectValues = {
        code: row.code ?? ex?.code ?? null,
        name: row.name,
        content: keep('content', 'content', row.content ?? null, null),
        level: row.level,
        industry: row.industry,
        category: row.category,
        nature: row.nature,
        investorType: row.investorType,
        ownerEnterpriseId,
        ownerName: row.owner,
        leadUnitId,
        plannedStartOn: keep('plannedStartOn', 'plannedStartOn', row.plannedStartOn ?? null, null),
        plannedCompletionOn: keep('plannedCompletionOn', 'plannedCompletionOn', row.plannedCompletionOn ?? null, null),
        actualStartOn: keep('actualStartOn', 'actualStartOn', row.actualStartOn ?? null, null),
        totalInvestment: row.totalInvestment,
        funding,
        annualPlan: keep('annualPlan', 'annualPlan', row.annualPlan ?? '0.00', '0.00'),
        lng: keep('lng', 'lng', row.lng ?? null, null),
        lat: keep('lat', 'lat', row.lat ?? null, null),
      };
      if (values.plannedStartOn && values.plannedCompletionOn && values.plannedCompletionOn < values.plannedStartOn)
        fail('plannedCompletionOn', `计划竣工 ${values.plannedCompletionOn} 早于计划开工 ${values.plannedStartOn}`);
      if ((values.lng === null) !== (values.lat === null)) fail(values.lng === null ? 'lng' : 'lat', '经度、纬度应同时填写或同时留空');

      const ignored: string[] = [];
      const notes: string[] = [];
      const stage = ex ? ex.stage : (row.stage ?? 'planned');
      if (ex && row.stage && row.stage !== ex.stage) {
        ignored.push(headerOf('stage'));
        notes.push('阶段不随导入变更，请在项目页办理阶段变更');
      }
      const changed: Field[] = ex ? valueKeys.filter((k) => differs(k, values, ex)) : [];
      if (ex && !sameList(leaderKeys(leaders), leaderKeys(before))) changed.push('leaders');
      const action: Action = !ex ? 'create' : changed.length ? 'update' : 'unchanged';

      if (action !== 'unchanged') {
        if (ex && !projectCan(p, ex, { leader: false, unit: false }).edit) fail(row.code ? 'code' : 'name', '无权修改此项目：责任单位不在您的数据范围内');
        const v = {
          ...values,
          leaders,
          units: [],
          stage,
          planYear: ex?.planYear ?? Number(day.slice(0, 4)),
          actualCompletionOn: ex?.actualCompletionOn ?? null,
        } as unknown as ProjectCreate;
        const reported = new Set(rowErrors.map((e) => e.key));
        for (const issue of projectIssues(v, ref)) {
          const key = issueKey(issue);
          if (key && reported.has(key)) continue;
          fail(key, issueText(issue, v, day));
          if (key) reported.add(key);
        }
      }
      if (rowErrors.length) {
        done();
        continue;
      }
      if (action === 'update')
        notes.unshift(
          `修改：${changed
            .filter((k) => k !== 'ownerEnterpriseId' || !changed.includes('ownerName'))
            .map((k) => headers[k])
            .join('、')}`,
        );
      planned.push({ rowNumber, action, ...(ex ? { existing: ex } : {}), values, leaders, stage, changed, ignored, note: notes.join('；') || null });
    }

    // Two rows may not end as the same project, nor give two projects the same code or name + owner.
    const clash = new Map<number, string>();
    const keyed: [string, (r: PlannedRow) => string | null][] = [
      ['与第 {rows} 行是同一项目', (r) => r.existing?.id ?? null],
      ['项目编码与第 {rows} 行相同', (r) => r.values.code],
      ['项目名称、业主单位与第 {rows} 行相同', (r) => `${r.values.name}\u0000${r.values.ownerName}`],
    ];
    for (const [message, key] of keyed) {
      const groups = groupBy(
        planned.filter((r) => key(r) !== null),
        (r) => key(r)!,
      );
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        for (const r of group) {
          const others = group.filter((x) => x !== r).map((x) => x.rowNumber);
          if (!clash.has(r.rowNumber)) clash.set(r.rowNumber, message.replace('{rows}', others.join('、')));
        }
      }
    }
    for (const [rowNumber, message] of clash) errors.push(errorAt(rowNumber, 'name', message));
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    return { spec, buffer: inspection?.buffer ?? buffer, day, total: read.total, errors, planned: planned.filter((r) => !clash.has(r.rowNumber)) };
  }

  const summary = (a: Analysis) => {
    const counts = { create: 0, update: 0, unchanged: 0 };
    for (const r of a.planned) counts[r.action]++;
    return {
      total: a.total,
      valid: a.planned.length,
      counts,
      errors: a.errors.map((e) => ({ rowNumber: e.rowNumber, column: e.column ?? null, cell: e.cell ?? null, message: e.message })),
      rows: a.planned.map((r) => ({ rowNumber: r.rowNumber, action: r.action, code: r.values.code, title: r.values.name, ignored: r.ignored, note: r.note })),
    };
  };

  /**
   * Appends audit records in one multi-row insert: the chain as AuditService.record builds it one record at a time
   * (same fields, same hash), for imports of thousands of projects.
   */
  async function recordMany(tx: DbOrTx, ctx: RequestContext, inputs: readonly AuditInput[]): Promise<void> {
    if (!inputs.length) return;
    ctx.audited = true;
    ctx.auditedInTx = true;
    await auditRepository.lockChain(tx);
    let prevHash = (await auditRepository.findLastHash(tx)) ?? GENESIS_HASH;
    const at = clock.now();
    const rows = inputs.map((input) => {
      const fields: ChainedFields = {
        at,
        userId: ctx.actor?.userId ?? null,
        username: ctx.actor?.username ?? null,
        unitId: ctx.actor?.unitId ?? null,
        action: input.action,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        diff: input.diff === undefined ? null : JSON.parse(canonicalJson(input.diff)),
        ip: ctx.ip,
        requestId: ctx.requestId,
        result: 'success',
        resultCode: null,
      };
      const hash = recordHash(prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await repo.insertAuditRows(tx, rows);
  }

  return {
    /** The projects of GET /api/projects (same filters, what the caller sees, at most 50,000) as the office's ledger. */
    async exportLedger(p: Principal, q: ProjectExportQuery): Promise<{ filename: string; buffer: Buffer }> {
      const page = await projects.list(p, { ...q, page: 1, pageSize: EXPORT_LIMIT });
      if (page.total > EXPORT_LIMIT)
        throw new AppError('PAYLOAD_TOO_LARGE', `${page.total} projects are more than an export holds (${EXPORT_LIMIT}); narrow the filters`);
      const title = ledgerTitle(Number(today().slice(0, 4)));
      const ctx = await sheetContext(title);
      const spec = ledgerSheetSpec(ctx);
      const extras = new Map(
        (
          await repo.ledgerExtras(
            db,
            page.items.map((x) => x.id),
          )
        ).map((e) => [e.id, e]),
      );
      const rows = page.items.map((x) => toSheetRow(x, extras.get(x.id), ctx.fundingSources));
      return { filename: `${title}.xlsx`, buffer: await writeLedger(spec, rows, moneySums(spec, rows)) };
    },

    async template(): Promise<{ filename: string; buffer: Buffer }> {
      const title = ledgerTitle(Number(today().slice(0, 4)));
      return { filename: '重点项目台账-导入模板.xlsx', buffer: await writeLedger(ledgerSheetSpec(await sheetContext(title)), [], {}) };
    },

    async preview(p: Principal, buffer: Buffer) {
      const a = await analyse(p, buffer);
      return { mode: 'preview' as const, ...summary(a), annotatedAvailable: a.errors.length > 0 };
    },

    /** The upload (merges in the data area undone) with each bad cell filled and noted, and a 错误说明 column on each bad row. */
    async annotate(p: Principal, buffer: Buffer): Promise<{ filename: string; buffer: Buffer; errors: number }> {
      const a = await analyse(p, buffer);
      return { filename: '重点项目台账-导入错误.xlsx', buffer: await annotateErrors(a.buffer, a.errors, a.spec), errors: a.errors.length };
    },

    /**
     * Creates the new projects and writes the changed ones in one transaction. A file with errors is refused as a whole
     * (nothing written) unless onlyValid: then the rows without errors are imported.
     */
    async commit(ctx: RequestContext, p: Principal, buffer: Buffer, onlyValid: boolean) {
      const a = await analyse(p, buffer);
      const plan: ImportPlan<PlannedRow> = {
        valid: a.planned.map((r) => ({ rowNumber: r.rowNumber, key: String(r.rowNumber), value: r })),
        errors: a.errors,
        total: a.total,
      };
      const rows = rowsToCommit(plan, { onlyValid }).map((r) => r.value);
      const creates = rows.filter((r) => r.action === 'create').map((r) => ({ ...r, id: randomUUID() }));
      const updates = rows.filter((r) => r.action === 'update');
      const day = a.day;
      const now = clock.now();
      const year = Number(day.slice(0, 4));
      const listed = creates.filter((r) => stageIndex(r.stage) >= stageIndex('listed'));
      const template = listed.length ? await projectRepository.findTemplate(db, null) : undefined;
      const nodes = (template?.nodes as MilestoneNodeDef[] | undefined) ?? defaultMilestoneTemplate.nodes;

      await db.transaction(async (tx) => {
        await repo.insertProjects(
          tx,
          creates.map((r) => ({
            ...r.values,
            id: r.id,
            stage: r.stage,
            planYear: year,
            reserveOn: stageIndex(r.stage) >= stageIndex('reserve') ? day : null,
            listedOn: stageIndex(r.stage) >= stageIndex('listed') ? day : null,
            createdBy: p.userId,
          })),
        );
        await repo.insertStagesMany(
          tx,
          creates.map((r) => ({ projectId: r.id, toStage: r.stage, on: day, actorId: p.userId, at: now })),
        );
        await repo.insertMilestonesMany(
          tx,
          listed.flatMap((r) => {
            const { plannedStartOn: start, plannedCompletionOn: end } = r.values;
            const plannedOn = start && end ? new Map(planMilestones(nodes, start, end).map((n) => [n.code, n.plannedOn])) : null;
            return nodes.map((n, i) => ({
              projectId: r.id,
              seq: i + 1,
              code: n.code,
              name: n.name,
              nameEn: n.nameEn,
              after: n.after,
              plannedOn: plannedOn?.get(n.code) ?? null,
            }));
          }),
        );
        const written = await repo.updateProjects(
          tx,
          updates.map((r) => ({ ...r.values, id: r.existing!.id, version: r.existing!.version })),
        );
        if (written.length !== updates.length)
          throw new AppError('STALE_VERSION', 'projects of the file were changed by someone else while it was checked; upload it again');
        const relinked = updates.filter((r) => r.changed.includes('leaders'));
        await repo.replaceLeadersMany(
          tx,
          relinked.map((r) => r.existing!.id),
          [
            ...creates.flatMap((r) => r.leaders.map((l) => ({ projectId: r.id, ...l }))),
            ...relinked.flatMap((r) => r.leaders.map((l) => ({ projectId: r.existing!.id, ...l }))),
          ],
        );
        const records: AuditInput[] = [
          ...creates.map((r) => ({
            action: 'project.create',
            entityType: 'project',
            entityId: r.id,
            diff: { ...diffOf(null, { ...r.values, stage: r.stage, planYear: year, leaders: r.leaders }), source: 'import' },
          })),
          ...updates.map((r) => {
            const before = { ...pickValues(r.existing!), leaders: r.existing!.leaders.map(({ userId, level }) => ({ userId, level })) };
            const after = { ...r.values, leaders: r.leaders };
            const only = (o: Record<string, unknown>) => Object.fromEntries(r.changed.map((k) => [k, o[k]]));
            return {
              action: 'project.update',
              entityType: 'project',
              entityId: r.existing!.id,
              diff: { ...diffOf(only(before), only(after)), source: 'import' },
            };
          }),
          {
            action: 'project.import',
            entityType: 'project',
            diff: {
              file: { sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length },
              onlyValid,
              total: a.total,
              created: creates.length,
              updated: updates.length,
              unchanged: rows.length - creates.length - updates.length,
              skippedRows: [...new Set(a.errors.map((e) => e.rowNumber))],
            },
          },
        ];
        await recordMany(tx, ctx, records);
        const touched = [...creates.map((r) => r.id), ...updates.map((r) => r.existing!.id)];
        if (touched.length >= BULK_ROWS) await repo.analyzeAfterBulkWrite(tx);
        for (let i = 0; i < touched.length; i += LIGHT_BATCH) await recomputeProjects(tx, touched.slice(i, i + LIGHT_BATCH), day);
      });
      return {
        mode: 'commit' as const,
        ...summary(a),
        created: creates.map((r) => ({ rowNumber: r.rowNumber, id: r.id, code: r.values.code ?? '' })),
        updated: updates.map((r) => ({ rowNumber: r.rowNumber, id: r.existing!.id, code: r.values.code ?? '' })),
      };
    },

    /**
     * 重点项目投资完成情况月报表 of a month (YYYY-MM): the projects the caller sees, grouped by responsible unit, with
     * figures from approved reports only.
     */
    async monthlyReport(p: Principal, period: string): Promise<{ filename: string; buffer: Buffer }> {
      const year = Number(period.slice(0, 4));
      const month = Number(period.slice(5, 7));
      const rows = await repo.monthlyReport(db, projectWhere({}, projectVisible(p)), year, month);
      const groups: MonthlyReportGroup[] = [...groupBy(rows, (r) => r.leadUnitId).values()].map((of) => {
        const lines = of.map(reportLine);
        return { unitName: of[0]!.unitName, lines, subtotal: sumLines(lines, of[0]!.unitName) };
      });
      const all = groups.flatMap((g) => g.lines);
      const buffer = await writeMonthlyReport({ year, month, groups, total: sumLines(all, ''), count: all.length }, today());
      return { filename: `重点项目月报表-${period}.xlsx`, buffer };
    },

    /** A year list (新动工 / 新投产 / 新储备) with the list's filters, and a 合计 row. */
    async yearListExport(p: Principal, q: YearListExportQuery): Promise<{ filename: string; buffer: Buffer }> {
      const pageSize = 500;
      const first = await views.yearList(p, { ...q, page: 1, pageSize });
      if (first.total > EXPORT_LIMIT)
        throw new AppError('PAYLOAD_TOO_LARGE', `${first.total} projects are more than an export holds (${EXPORT_LIMIT}); narrow the filters`);
      const items = [...first.items];
      for (let n = 2; items.length < first.total; n++) {
        const next = await views.yearList(p, { ...q, page: n, pageSize });
        if (!next.items.length) break;
        items.push(...next.items);
      }
      const labels = await industryLabels();
      const buffer = await writeYearList(
        q.kind as YearListKind,
        q.year,
        items.map((x) => ({ ...x, industry: labels.get(x.industry) ?? x.industry })),
        { totalInvestment: first.totalInvestment, annualPlan: sumMoney(items.map((x) => x.annualPlan)) },
      );
      return { filename: `${q.year}年${yearListTitles[q.kind as YearListKind].title}.xlsx`, buffer };
    },

    /** The printable list of a concentrated start / completion batch. */
    async ceremonyExport(p: Principal, id: string): Promise<{ filename: string; buffer: Buffer }> {
      const b = await views.ceremony(p, id);
      const buffer = await writeCeremonyList({
        ...b,
        projects: b.projects.map((x) => ({ ...x, code: null, industry: '' })),
      });
      return { filename: `${b.name}.xlsx`, buffer };
    },
  };
}

function reportLine(r: MonthlyReportRow): MonthlyReportLine {
  const statuses = r.statuses;
  const status = !statuses.length
    ? reportStatusLabels.none
    : reportStatusLabels[(['returned', 'draft', 'submitted'] as const).find((s) => statuses.includes(s)) ?? 'approved'];
  return {
    name: r.name,
    leadUnitName: r.unitName,
    totalInvestment: r.totalInvestment,
    annualPlan: r.annualPlan,
    monthPlanned: r.monthPlanned,
    monthCompleted: r.monthCompleted,
    ytdPlanned: r.ytdPlanned,
    ytdCompleted: r.ytdCompleted,
    annualPercent: r.annualPlan === null ? null : percentOf(r.ytdCompleted, r.annualPlan),
    completedTotal: r.completedTotal,
    totalPercent: percentOf(r.completedTotal, r.totalInvestment),
    physicalProgress: r.physicalProgress,
    status,
  };
}

/** The 小计 / 合计 of lines: exact sums, the percentages of the sums. */
function sumLines(lines: readonly MonthlyReportLine[], unitName: string): MonthlyReportLine {
  const s = (k: keyof MonthlyReportLine) => sumMoney(lines.map((l) => l[k] as string | null));
  const annualPlan = s('annualPlan');
  const completedTotal = s('completedTotal');
  const totalInvestment = s('totalInvestment');
  const ytdCompleted = s('ytdCompleted');
  return {
    name: '',
    leadUnitName: unitName,
    totalInvestment,
    annualPlan,
    monthPlanned: s('monthPlanned'),
    monthCompleted: s('monthCompleted'),
    ytdPlanned: s('ytdPlanned'),
    ytdCompleted,
    annualPercent: percentOf(ytdCompleted, annualPlan),
    completedTotal,
    totalPercent: percentOf(completedTotal, totalInvestment),
    physicalProgress: null,
    status: '',
  };
}

export type ProjectSheetsService = ReturnType<typeof createProjectSheetsService>;
