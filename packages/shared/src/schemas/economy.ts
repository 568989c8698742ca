// The API contract of economic performance (经济运行, DOMAIN §6): the indicator catalogue, regions, reported figures
// (grid, import, approval), annual targets, the dashboard with derived measures, and the bulletin. Growth rates are in
// percent (18.1 = 18.1 %); values are numbers in the indicator's unit. See ../economy.ts for the rules.
import { z } from 'zod';
import {
  ECONOMY_PERIOD,
  figureStatuses,
  growthKinds,
  indicatorFrequencies,
  indicatorValueKinds,
  MONTH_PERIOD,
  parseFigureValue,
  parseGrowth,
  rankKeys,
  regionKinds,
  targetKinds,
  thresholdStatuses,
} from '../economy.ts';
import { idSchema, isoDate, patchOf, plainText, requiredText } from './common.ts';

const optionalText = (max: number) => plainText(max).nullish();

export const economyPeriodSchema = z.string().regex(ECONOMY_PERIOD, 'a period: YYYY-MM (month) or YYYY-Qn (quarter)');
export const economyMonthSchema = z.string().regex(MONTH_PERIOD, 'a month: YYYY-MM');

/** A growth rate in percent, as a number or text ("18.1", "18.1%"); a ratio such as 0.181 is refused. */
export const growthInput = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const r = parseGrowth(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});
/** A value in the indicator's unit, as a number or text ("1,234.5"). */
export const figureValueInput = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const r = parseFigureValue(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});
const thresholdInput = z.number().min(-100).max(10_000).nullish();

// ---- catalogue ---------------------------------------------------------------------------------------------------

const indicatorFields = {
  /** Stable key for imports and links: letters, digits, "-" and "_". */
  code: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{1,39}$/, 'letters, digits, "-" and "_", starting with a letter'),
  nameZh: requiredText(100),
  nameEn: requiredText(200),
  /** Other names the statistics tables use for it (matched on import), e.g. 规上工业增加值. */
  aliases: z.array(requiredText(100)).max(10).default([]),
  unit: requiredText(20),
  unitEn: requiredText(40),
  frequency: z.enum(indicatorFrequencies),
  valueKind: z.enum(indicatorValueKinds),
  growthKind: z.enum(growthKinds),
  higherIsBetter: z.boolean().default(true),
  rankBy: z.enum(rankKeys).default('growth'),
  /** The city's figure is the sum of its parts; false for per-capita or average figures (no share, pull or contribution). */
  additive: z.boolean().default(true),
  /** Growth in percent below which (above, when lower is better) the indicator is in alert. */
  alertLevel: thresholdInput,
  /** Growth in percent from which it is excellent. */
  excellentLevel: thresholdInput,
  leadUnitId: idSchema.nullish(),
  ownerUserId: idSchema.nullish(),
  source: optionalText(200),
  notes: optionalText(2000),
  /** 先行指标 (electricity consumption, tax …). */
  leading: z.boolean().default(false),
  /** Listed in the bulletin and on the dashboard. */
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(100),
};
export const indicatorCreateSchema = z.object(indicatorFields).strict();
/** Only the fields sent change: no default applies on update (a default would overwrite what is stored). */
export const indicatorUpdateSchema = patchOf(z.object(indicatorFields)).strict();
export type IndicatorCreate = z.infer<typeof indicatorCreateSchema>;

export const indicatorSchema = z.object({
  id: idSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  aliases: z.array(z.string()),
  unit: z.string(),
  unitEn: z.string(),
  frequency: z.enum(indicatorFrequencies),
  valueKind: z.enum(indicatorValueKinds),
  growthKind: z.enum(growthKinds),
  higherIsBetter: z.boolean(),
  rankBy: z.enum(rankKeys),
  additive: z.boolean(),
  alertLevel: z.number().nullable(),
  excellentLevel: z.number().nullable(),
  leadUnitId: idSchema.nullable(),
  leadUnitName: z.string().nullable(),
  ownerUserId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  source: z.string().nullable(),
  notes: z.string().nullable(),
  leading: z.boolean(),
  active: z.boolean(),
  sort: z.number().int(),
  /** What the caller may do with it. */
  can: z.object({ enter: z.boolean(), approve: z.boolean(), manage: z.boolean() }),
});
export type Indicator = z.infer<typeof indicatorSchema>;
export const indicatorListSchema = z.object({ items: z.array(indicatorSchema) });

// ---- regions -----------------------------------------------------------------------------------------------------

const regionFields = {
  name: requiredText(60),
  nameEn: requiredText(120),
  /** Other names used in the statistics tables' column headers. */
  aliases: z.array(requiredText(60)).max(10).default([]),
  kind: z.enum(regionKinds),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(100),
};
export const regionCreateSchema = z.object(regionFields).strict();
export const regionUpdateSchema = patchOf(z.object(regionFields)).strict();
export const regionSchema = z.object({
  id: idSchema,
  name: z.string(),
  nameEn: z.string(),
  aliases: z.array(z.string()),
  kind: z.enum(regionKinds),
  active: z.boolean(),
  sort: z.number().int(),
});
export type Region = z.infer<typeof regionSchema>;
export const regionListSchema = z.object({ items: z.array(regionSchema) });

// ---- figures -----------------------------------------------------------------------------------------------------

export const figureEntrySchema = z
  .object({
    indicatorId: idSchema,
    regionId: idSchema,
    period: economyPeriodSchema,
    /** Reported value (cumulative from January, or the point value); null with growth null removes the figure. */
    value: figureValueInput.nullable(),
    /** Reported growth in percent (比增); stored as reported. */
    growth: growthInput.nullable(),
    /** 当月 value and growth, optional (monthly indicators). */
    monthValue: figureValueInput.nullish(),
    monthGrowth: growthInput.nullish(),
    /** Required when a cumulative value is below the previous period's of the same year (a revision). */
    revisionReason: optionalText(500),
  })
  .strict();
export type FigureEntry = z.input<typeof figureEntrySchema>;
export const figuresSaveSchema = z.object({ entries: z.array(figureEntrySchema).min(1).max(5000) }).strict();
export const figuresSavedSchema = z.object({ saved: z.number().int(), removed: z.number().int(), unchanged: z.number().int() });

export const figureCellSchema = z.object({
  regionId: idSchema,
  value: z.number().nullable(),
  growth: z.number().nullable(),
  monthValue: z.number().nullable(),
  monthGrowth: z.number().nullable(),
  status: z.enum(figureStatuses),
  revisionReason: z.string().nullable(),
  updatedAt: z.iso.datetime(),
  updatedByName: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
});
export type FigureCell = z.infer<typeof figureCellSchema>;

export const figureGridQuery = z.object({ month: economyMonthSchema }).strict();
export const figureGridSchema = z.object({
  month: z.string(),
  regions: z.array(regionSchema),
  rows: z.array(
    z.object({
      indicator: indicatorSchema,
      /** The indicator's period shown for the month (a quarter for quarterly indicators), null before the first quarter ends. */
      period: z.string().nullable(),
      periodLabel: z.string().nullable(),
      cells: z.array(figureCellSchema),
      /** The zone's value of the previous period of the year (cumulative check), when any. */
      previousZoneValue: z.number().nullable(),
    }),
  ),
});
export type FigureGrid = z.infer<typeof figureGridSchema>;

export const figureApproveSchema = z
  .object({
    month: economyMonthSchema,
    /** Default: every indicator the caller may approve. */
    indicatorIds: z.array(idSchema).max(500).optional(),
  })
  .strict();
export const figureApprovedSchema = z.object({ approved: z.number().int() });

export const figureImportQuery = z
  .object({
    /** The month the table reports (1–N 月累计); quarterly indicators take its quarter. Read from the title when absent. */
    month: economyMonthSchema.optional(),
    mode: z.enum(['preview', 'commit', 'annotate']).default('preview'),
  })
  .strict();
export const figureImportErrorSchema = z.object({
  rowNumber: z.number().int(),
  column: z.string().nullable(),
  cell: z.string().nullable(),
  message: z.string(),
});
export const figureImportRowSchema = z.object({
  rowNumber: z.number().int(),
  indicatorId: idSchema,
  indicatorName: z.string(),
  period: z.string(),
  /** Region cells with a figure in the sheet. */
  figures: z.number().int(),
  /** Of those, how many differ from what is stored. */
  changed: z.number().int(),
  /** Warnings that do not block (a cumulative value below last period's with a reason in the 备注 column …). */
  warnings: z.array(z.string()),
});
export const figureImportResultSchema = z.object({
  mode: z.enum(['preview', 'commit']),
  month: z.string(),
  /** The regions the columns were matched to, in column order. */
  regions: z.array(z.object({ column: z.string(), regionId: idSchema, name: z.string() })),
  errors: z.array(figureImportErrorSchema),
  rows: z.array(figureImportRowSchema),
  saved: z.number().int(),
});
export type FigureImportResult = z.infer<typeof figureImportResultSchema>;

// ---- targets -----------------------------------------------------------------------------------------------------

export const targetUpsertSchema = z
  .object({
    indicatorId: idSchema,
    year: z.number().int().min(2000).max(2100),
    kind: z.enum(targetKinds),
    /** A value in the indicator's unit, or a growth in percent. */
    value: z.number().min(-100).max(1e14),
    /** When the target was set (文件下达日期). */
    setOn: isoDate,
    note: optionalText(500),
  })
  .strict();
export const targetSchema = z.object({
  id: idSchema,
  indicatorId: idSchema,
  year: z.number().int(),
  kind: z.enum(targetKinds),
  value: z.number(),
  setOn: z.string(),
  note: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type Target = z.infer<typeof targetSchema>;
export const targetListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const targetListSchema = z.object({ items: z.array(targetSchema) });

// ---- dashboard ---------------------------------------------------------------------------------------------------

const regionFigure = z.object({
  value: z.number().nullable(),
  growth: z.number().nullable(),
  monthValue: z.number().nullable(),
  monthGrowth: z.number().nullable(),
});
const rankSchema = z.object({ rank: z.number().int(), tiedWith: z.number().int(), of: z.number().int() });
const neighbourSchema = z.object({ regionId: idSchema, name: z.string(), gap: z.number() }).nullable();

export const targetCompletionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('value'),
    target: z.number(),
    completion: z.number(),
    timeProgress: z.number().nullable(),
    aheadOfTime: z.number().nullable(),
    met: z.boolean(),
  }),
  z.object({ kind: z.literal('growth'), target: z.number(), gapPoints: z.number(), met: z.boolean() }),
]);

export const indicatorMeasuresSchema = z.object({
  indicator: indicatorSchema,
  period: z.string(),
  periodLabel: z.string(),
  zone: regionFigure.nullable(),
  city: regionFigure.nullable(),
  /** Zone among itself and the peers, by the indicator's rank key. */
  rank: rankSchema.nullable(),
  /** Percent of the city. */
  share: z.number().nullable(),
  /** Percentage points of the city's growth. */
  pull: z.number().nullable(),
  contribution: z.object({ contribution: z.number(), cityDeclined: z.boolean() }).nullable(),
  increase: z.object({ increase: z.number(), approximate: z.boolean() }).nullable(),
  target: targetCompletionSchema.nullable(),
  threshold: z.enum(thresholdStatuses),
  ahead: neighbourSchema,
  behind: neighbourSchema,
  /** Every ranked region (zone and peers), best first; the city apart. */
  ranking: z.array(
    z.object({
      regionId: idSchema,
      name: z.string(),
      kind: z.enum(regionKinds),
      value: z.number().nullable(),
      growth: z.number().nullable(),
      rank: z.number().int().nullable(),
      tiedWith: z.number().int(),
      share: z.number().nullable(),
    }),
  ),
});
export type IndicatorMeasures = z.infer<typeof indicatorMeasuresSchema>;

export const economyDashboardQuery = z.object({ month: economyMonthSchema.optional() }).strict();
export const economyDashboardSchema = z.object({
  month: z.string(),
  /** The latest month with an approved figure of the zone (the default month). */
  latestMonth: z.string().nullable(),
  zone: regionSchema.nullable(),
  city: regionSchema.nullable(),
  indicators: z.array(indicatorMeasuresSchema),
  summary: z.object({
    /** Indicators ranked (by their key) first / second among the peers, ties included. */
    first: z.number().int(),
    second: z.number().int(),
    ranked: z.number().int(),
    belowTarget: z.number().int(),
    alert: z.number().int(),
  }),
});
export type EconomyDashboard = z.infer<typeof economyDashboardSchema>;

export const seriesQuery = z
  .object({
    from: economyMonthSchema.optional(),
    to: economyMonthSchema.optional(),
  })
  .strict();
export const indicatorSeriesSchema = z.object({
  indicator: indicatorSchema,
  regions: z.array(regionSchema),
  /** One point per period with an approved figure: [period, regionId, value, growth]. */
  points: z.array(z.tuple([z.string(), idSchema, z.number().nullable(), z.number().nullable()])),
  targets: z.array(targetSchema),
});
export type IndicatorSeries = z.infer<typeof indicatorSeriesSchema>;

// ---- bulletin ----------------------------------------------------------------------------------------------------

export const bulletinBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['h1', 'h2', 'h3', 'h4', 'p']), text: z.string() }),
  z.object({
    kind: z.literal('table'),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number()]))),
    widths: z.array(z.number()).optional(),
  }),
]);
export const economyBulletinQuery = z
  .object({
    month: economyMonthSchema,
    format: z.enum(['json', 'docx']).default('json'),
    title: optionalText(200),
    docNumber: optionalText(100),
    /** office: the template in DATA_DIR/templates (when present); default: the bundled one. */
    template: z.enum(['office', 'default']).default('office'),
  })
  .strict();
export const economyBulletinSchema = z.object({
  month: z.string(),
  title: z.string(),
  issuer: z.string(),
  date: z.string(),
  blocks: z.array(bulletinBlockSchema),
});
export type EconomyBulletin = z.infer<typeof economyBulletinSchema>;
