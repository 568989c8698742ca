// The economy module's documents: the month's table in the statistics bureau layout (export and import) and the
// bulletin (经济运行通报) as blocks and as an official Word document (GB/T 9704, from the editable template).
import type { z } from 'zod';
import { periodLabel, type EconomyBulletin, economyBulletinQuery, type FigureImportResult } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import { today } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, validationError } from '../../platform/errors.ts';
import { loadTemplate, numberHeadings, renderOfficialDocument } from '../../platform/documents/index.ts';
import { bulletinOf } from './economy-bulletin.ts';
import { annotateFigureWorkbook, figureWorkbook, parseFigureWorkbook } from './economy-sheet.ts';
import type { EconomyService } from './economy.service.ts';

type BulletinQuery = z.output<typeof economyBulletinQuery>;

export function createEconomyReportsService(deps: Deps, economy: EconomyService) {
  const { config, clock } = deps;

  async function parse(p: Principal, file: Buffer, month: string | undefined) {
    const ctx = await economy.importContext(p);
    const parsed = await parseFigureWorkbook(file, { ...(month ? { month } : {}), indicators: ctx.indicators, regions: ctx.regions });
    return { ctx, parsed };
  }

  async function bulletinText(p: Principal, q: BulletinQuery) {
    const d = await economy.dashboard(p, q.month);
    const zoneName = d.zone?.name ?? '本区';
    const text = bulletinOf(d, zoneName);
    return { d, zoneName, title: q.title || text.title, blocks: text.blocks, issuer: `${zoneName}管理委员会` };
  }

  const service = {
    async exportMonth(p: Principal, month: string): Promise<{ filename: string; buffer: Buffer }> {
      const grid = await economy.grid(p, month);
      const title = `${periodLabel(month, 'cumulative', 'zh', true)}主要经济指标`;
      const buffer = await figureWorkbook({
        month,
        title,
        regions: grid.regions.map((r) => ({ id: r.id, name: r.name })),
        rows: grid.rows.map((row) => ({
          indicator: {
            id: row.indicator.id,
            nameZh: row.indicator.nameZh,
            unit: row.indicator.unit,
            frequency: row.indicator.frequency,
            valueKind: row.indicator.valueKind,
          },
          period: row.period,
          cells: row.cells.map((c) => ({ regionId: c.regionId, value: c.value, growth: c.growth })),
        })),
      });
      return { filename: `${title}.xlsx`, buffer };
    },

    /** The workbook with every error of its preview marked (the table's own and the cumulative check's). */
    async annotate(ctx: RequestContext, p: Principal, file: Buffer, month: string | undefined): Promise<{ filename: string; buffer: Buffer; errors: number }> {
      const { errors } = await service.importFigures(ctx, p, file, month, false);
      return { filename: '指标导入-错误标注.xlsx', buffer: await annotateFigureWorkbook(file, errors), errors: errors.length };
    },

    /** Preview or commit (all or nothing: refused while any error stands) of a statistics bureau table. */
    async importFigures(ctx: RequestContext, p: Principal, file: Buffer, month: string | undefined, commit: boolean): Promise<FigureImportResult> {
      const { ctx: ref, parsed } = await parse(p, file, month);
      const nameOf = new Map(ref.regions.map((r) => [r.id, r.name]));
      const rows = parsed.rows.map((r) => ({ ...r, changed: 0, warnings: [] as string[] }));
      const base = {
        month: parsed.month ?? month ?? '',
        regions: parsed.regions.map((r) => ({ ...r, name: nameOf.get(r.regionId) ?? r.name })),
        errors: parsed.errors,
        rows,
      };
      if (parsed.errors.length || !parsed.figures.length) {
        if (commit) {
          throw validationError(
            parsed.errors.length
              ? parsed.errors.slice(0, 50).map((e) => ({ path: e.cell ?? `row ${e.rowNumber}`, message: e.message }))
              : [{ path: 'body', message: 'the workbook holds no figures' }],
          );
        }
        return { mode: 'preview', ...base, saved: 0 };
      }
      // What would change: compare with the stored grid of the month. The table carries value and growth only: the
      // stored 当月 figures and revision reason are kept, so an unchanged row stays as it is (and stays approved).
      const grid = await economy.grid(p, parsed.month!);
      const stored = new Map<string, (typeof grid.rows)[number]['cells'][number]>();
      for (const row of grid.rows) for (const c of row.cells) stored.set(`${row.indicator.id}|${c.regionId}|${row.period}`, c);
      const entries = parsed.figures.map((f) => {
        const s = stored.get(`${f.indicatorId}|${f.regionId}|${f.period}`);
        if (!s || s.value !== f.value || s.growth !== f.growth) {
          const row = rows.find((r) => r.rowNumber === f.rowNumber);
          if (row) row.changed++;
        }
        return {
          indicatorId: f.indicatorId,
          regionId: f.regionId,
          period: f.period,
          value: f.value,
          growth: f.growth,
          monthValue: s?.monthValue ?? null,
          monthGrowth: s?.monthGrowth ?? null,
          revisionReason: f.revisionReason ?? s?.revisionReason ?? null,
        };
      });
      // The cumulative check runs on the preview as on the commit: a decrease without a reason in 备注 is an error of
      // its cell, so a clean preview commits.
      try {
        await economy.checkFigures(p, { entries });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'CUMULATIVE_DECREASE') throw err;
        const errors = (err.details as { path: string; message: string }[]).map((d) => {
          const f = parsed.figures[Number(d.path.split('.')[2])]!;
          return { rowNumber: f.rowNumber, column: null, cell: f.valueCell, message: `${d.message}（如属数据修订，请在“备注”列填写修订原因）` };
        });
        if (commit) throw validationError(errors.map((e) => ({ path: e.cell, message: e.message })));
        return { mode: 'preview', ...base, errors: [...base.errors, ...errors], saved: 0 };
      }
      if (!commit) return { mode: 'preview', ...base, saved: 0 };
      const result = await economy.saveFigures(ctx, p, { entries }, 'economy.figures.import');
      return { mode: 'commit', ...base, saved: result.saved };
    },

    async bulletin(p: Principal, q: BulletinQuery): Promise<EconomyBulletin> {
      const t = await bulletinText(p, q);
      // headings numbered as the Word document numbers them, so the page reads like the file
      return { month: t.d.month, title: t.title, issuer: t.issuer, date: today(clock), blocks: numberHeadings(t.blocks) };
    },

    async bulletinDocx(p: Principal, q: BulletinQuery): Promise<{ filename: string; buffer: Buffer }> {
      const t = await bulletinText(p, q);
      const buffer = await renderOfficialDocument(
        {
          issuer: t.issuer,
          ...(q.docNumber ? { docNumber: q.docNumber } : {}),
          title: t.title,
          recipients: '各有关单位',
          blocks: t.blocks,
          signature: t.issuer,
          date: today(clock),
          printedBy: `${t.zoneName}管理委员会办公室`,
        },
        q.template === 'default' ? await loadTemplate() : await loadTemplate(undefined, config.dataDir),
      );
      return { filename: `${t.title}.docx`, buffer };
    },
  };
  return service;
}
