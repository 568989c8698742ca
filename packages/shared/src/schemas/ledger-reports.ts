// The API contract of the ledger's spreadsheets and reports (DOMAIN §7, §13): the Excel export and import of tasks
// (with bulk progress), the weekly summary (每周汇总进展) and the supervision bulletin (督查通报). Also the Chinese
// labels of the ledger's codes, as offices write them in sheets and documents.
import { z } from 'zod';
import { lights, type LedgerSource, type LedgerStatus, type Light } from '../ledger.ts';
import { idSchema, isoDate } from './common.ts';

export const ledgerSourceLabels: Record<LedgerSource, string> = {
  meetingDecision: '会议决定',
  leaderInstruction: '领导批示',
  assignmentFromAbove: '上级交办',
  inspectionFeedback: '督察反馈',
  hotline: '12345热线',
  enterpriseRequest: '企业诉求',
  alarm: '报警预警',
  projectBlocker: '项目问题',
};

export const ledgerStatusLabels: Record<LedgerStatus, string> = {
  assigned: '已交办',
  accepted: '已接收',
  inProgress: '办理中',
  reported: '已报结',
  verifying: '核查中',
  signoff: '审核签字',
  notice: '公示中',
  closed: '已销号',
  ongoing: '已完成，长期坚持',
};

export const lightLabels: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', none: '无' };

// ---- import ---------------------------------------------------------------------------------------------------

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** preview: what would happen; commit: do it; annotate: the uploaded workbook with each bad cell marked (xlsx). */
export const ledgerImportQuery = z
  .object({
    mode: z.enum(['preview', 'commit', 'annotate']).default('preview'),
    /** commit only the rows without errors (otherwise a file with errors is refused as a whole). */
    onlyValid: z.enum(['true', 'false']).default('false'),
  })
  .strict();

export const importErrorSchema = z.object({
  rowNumber: z.number().int(),
  /** The column header as written in the sheet; null for a problem of the whole row. */
  column: z.string().nullable(),
  /** A1 address of the bad cell. */
  cell: z.string().nullable(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

/**
 * create: a new task; update: an existing task (by 编号) whose 进展 differs from its latest progress (a progress entry
 * is added); unchanged: an existing task with nothing to import (other columns of existing tasks are never changed by
 * an import: they are listed in `ignored`).
 */
export const importActions = ['create', 'update', 'unchanged'] as const;

export const importRowSchema = z.object({
  rowNumber: z.number().int(),
  action: z.enum(importActions),
  /** The task's 编号 (existing tasks). */
  code: z.string().nullable(),
  title: z.string(),
  /** Columns whose value differs from the task and is not imported. */
  ignored: z.array(z.string()),
  note: z.string().nullable(),
});

const importCounts = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });

const importSummary = {
  /** Data rows in the file. */
  total: z.number().int(),
  /** Rows without errors. */
  valid: z.number().int(),
  counts: importCounts,
  errors: z.array(importErrorSchema),
  rows: z.array(importRowSchema),
};

export const importPreviewSchema = z.object({
  mode: z.literal('preview'),
  ...importSummary,
  /** POST the same file with ?mode=annotate to get it back with the bad cells marked. */
  annotatedAvailable: z.boolean(),
});

export const importCommitSchema = z.object({
  mode: z.literal('commit'),
  ...importSummary,
  created: z.array(z.object({ rowNumber: z.number().int(), id: idSchema, code: z.string() })),
  updated: z.array(z.object({ rowNumber: z.number().int(), id: idSchema, code: z.string() })),
});

export const importResultSchema = z.discriminatedUnion('mode', [importPreviewSchema, importCommitSchema]);
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type ImportCommit = z.infer<typeof importCommitSchema>;

// ---- weekly summary ------------------------------------------------------------------------------------------

export const weeklyQuery = z
  .object({
    /** Any day of the ISO week (Monday to Sunday); default: this week in Asia/Shanghai. */
    week: isoDate.optional(),
    format: z.enum(['json', 'docx', 'xlsx']).default('json'),
  })
  .strict();

const lightCounts = z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int(), none: z.number().int() });

export const weeklySummarySchema = z.object({
  ledger: z.object({ id: idSchema, name: z.string(), supervisorUnitName: z.string() }),
  week: z.object({
    isoYear: z.number().int(),
    isoWeek: z.number().int(),
    start: isoDate,
    end: isoDate,
    /** The day the figures are taken on: the week's Sunday, or today for the current week. */
    asOf: isoDate,
    label: z.string(),
  }),
  totals: z.object({
    /** Tasks assigned by the end of the week (top-level tasks; sub-items are counted in their parent). */
    items: z.number().int(),
    open: z.number().int(),
    newlyAssigned: z.number().int(),
    /** Open tasks with a progress entry reported in the week. */
    progressReported: z.number().int(),
    newlyOverdue: z.number().int(),
    overdue: z.number().int(),
    closed: z.number().int(),
  }),
  byLight: lightCounts,
  progress: z.array(
    z.object({
      id: idSchema,
      code: z.string(),
      title: z.string(),
      leadUnitName: z.string(),
      ownerName: z.string().nullable(),
      deadline: isoDate,
      status: z.string(),
      light: z.enum(lights),
      latestProgress: z.string().nullable(),
      latestProgressOn: isoDate.nullable(),
      reportedThisWeek: z.boolean(),
    }),
  ),
  newlyOverdue: z.array(
    z.object({
      id: idSchema,
      code: z.string(),
      title: z.string(),
      leadUnitName: z.string(),
      ownerName: z.string().nullable(),
      deadline: isoDate,
      daysOverdue: z.number().int(),
      status: z.string(),
    }),
  ),
  closed: z.array(z.object({ id: idSchema, code: z.string(), title: z.string(), leadUnitName: z.string(), closedOn: isoDate, status: z.string() })),
  byUnit: z.array(
    z.object({
      unitId: idSchema,
      unitName: z.string(),
      open: z.number().int(),
      newlyAssigned: z.number().int(),
      progressReported: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
      red: z.number().int(),
      yellow: z.number().int(),
      green: z.number().int(),
    }),
  ),
});
export type WeeklySummary = z.infer<typeof weeklySummarySchema>;

// ---- supervision bulletin ----------------------------------------------------------------------------------------

const optionalText = (max: number) => z.string().trim().max(max).optional();

export const bulletinCreateSchema = z
  .object({
    /** 发文字号, e.g. 督查通报〔2026〕5号. */
    docNumber: optionalText(100),
    /** Default: 关于<ledger>办理情况的通报. */
    title: optionalText(200),
    /** The period reported on, both days included. */
    period: z
      .object({ from: isoDate, to: isoDate })
      .strict()
      .refine((p) => p.from <= p.to, { path: ['to'], message: 'the end is before the start' })
      .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 366 * 86_400_000, { path: ['to'], message: 'at most one year' }),
    /** Added to 一、总体情况 (one paragraph per line). */
    highlights: optionalText(4000),
    /** 四、下步工作 (one paragraph per line); a standard text when absent. */
    nextSteps: optionalText(4000),
    /** 主送机关; default 各有关单位. */
    recipients: optionalText(500),
    /** 发文机关标志 and 署名; default the ledger's supervising unit. */
    issuer: optionalText(100),
    /** office: the office's own template (DATA_DIR/templates/official.docx) when there is one; default: the bundled one. */
    template: z.enum(['office', 'default']).default('office'),
  })
  .strict();
export type BulletinCreate = z.infer<typeof bulletinCreateSchema>;
