// The lead list as a workbook (GET /api/promotion/leads/export): the leads of the list filters the caller sees. For a
// row whose contacts the caller may not see (lead.service.ts seesContacts), the credit code, the contacts and the
// referrer's phone are masked exactly as on screen (contactView). The download is audited with its filters.
import { z } from 'zod';
import { leadOutcomes, leadStages } from '@zoneops/shared';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { writeSheet, type SheetSpec } from '../../platform/sheets.ts';
import { LEAD_ENTITY, type LeadFilters, type LeadService } from './lead.service.ts';

/** Rows an export holds at most. */
export const LEAD_EXPORT_LIMIT = 50_000;

const stageLabels: Record<(typeof leadStages)[number], string> = {
  lead: '线索',
  negotiating: '在谈',
  signed: '签约',
  preStart: '拟开工',
  started: '开工',
  capitalInPlace: '到资',
  production: '投产',
};
const outcomeLabels: Record<(typeof leadOutcomes)[number], string> = { active: '跟进中', rejected: '已淘汰', withdrawn: '已撤回' };

const exportRow = z.object({
  code: z.string(),
  company: z.string(),
  uscc: z.string().nullable(),
  countryRegion: z.string(),
  industry: z.string(),
  stage: z.string(),
  outcome: z.string(),
  plannedInvestment: z.string().nullable(),
  ownerName: z.string(),
  teamName: z.string().nullable(),
  registeredOn: z.string(),
  signedOn: z.string().nullable(),
  signedAmount: z.string().nullable(),
  contacts: z.string(),
  referrerPhone: z.string().nullable(),
});
export type LeadExportRow = z.infer<typeof exportRow>;

export const leadExportSpec: SheetSpec<LeadExportRow> = {
  id: 'promotion-leads',
  version: 1,
  title: '招商线索台账',
  schema: exportRow,
  naturalKey: (r) => r.code,
  columns: [
    { key: 'code', header: '线索编号', headerEn: 'Code', kind: 'text', width: 14 },
    { key: 'company', header: '企业名称', headerEn: 'Company', kind: 'text', width: 30 },
    { key: 'uscc', header: '统一社会信用代码', headerEn: 'Credit code', kind: 'text', width: 22 },
    { key: 'countryRegion', header: '国别/地区', headerEn: 'Country/region', kind: 'text', width: 10 },
    { key: 'industry', header: '行业', headerEn: 'Industry', kind: 'text', width: 14 },
    { key: 'stage', header: '阶段', headerEn: 'Stage', kind: 'enum', enumValues: leadStages.map((value) => ({ value, label: stageLabels[value] })) },
    { key: 'outcome', header: '状态', headerEn: 'Outcome', kind: 'enum', enumValues: leadOutcomes.map((value) => ({ value, label: outcomeLabels[value] })) },
    { key: 'plannedInvestment', header: '计划投资（万元）', headerEn: 'Planned (10k CNY)', kind: 'number', decimals: 2, sum: true },
    { key: 'ownerName', header: '责任人', headerEn: 'Owner', kind: 'text', width: 12 },
    { key: 'teamName', header: '招商组团', headerEn: 'Team', kind: 'text', width: 16 },
    { key: 'registeredOn', header: '登记日期', headerEn: 'Registered on', kind: 'date' },
    { key: 'signedOn', header: '签约日期', headerEn: 'Signed on', kind: 'date' },
    { key: 'signedAmount', header: '签约金额（万元）', headerEn: 'Signed (10k CNY)', kind: 'number', decimals: 2, sum: true },
    { key: 'contacts', header: '联系人及电话', headerEn: 'Contacts', kind: 'text', width: 32 },
    { key: 'referrerPhone', header: '引荐人电话', headerEn: 'Referrer phone', kind: 'text', width: 16 },
  ],
};

export function createLeadExport(deps: Deps, leads: LeadService) {
  return {
    async export(ctx: RequestContext, p: Principal, q: LeadFilters & { sort?: string }): Promise<{ filename: string; buffer: Buffer }> {
      const { total, rows } = await leads.exportRows(p, q, LEAD_EXPORT_LIMIT);
      if (total > LEAD_EXPORT_LIMIT)
        throw new AppError('PAYLOAD_TOO_LARGE', `${total} leads are more than an export holds (${LEAD_EXPORT_LIMIT}); narrow the filters`);
      const sheetRows: LeadExportRow[] = rows.map((r) => ({
        code: r.code,
        company: r.company,
        uscc: r.uscc,
        countryRegion: r.countryRegion,
        industry: r.industry,
        stage: r.stage,
        outcome: r.outcome,
        plannedInvestment: r.plannedInvestment,
        ownerName: r.ownerName,
        teamName: r.teamName,
        registeredOn: r.registeredOn,
        signedOn: r.signedOn,
        signedAmount: r.signedAmount,
        contacts: r.contacts.map((c) => [c.name, c.phone].filter(Boolean).join(' ')).join('；'),
        referrerPhone: r.referrerPhone,
      }));
      const buffer = await writeSheet(leadExportSpec, sheetRows, { spareRows: 0 });
      await deps.audit.record(null, ctx, {
        action: 'promotion.lead.export',
        entityType: LEAD_ENTITY,
        diff: { filters: q, rows: rows.length, masked: rows.filter((r) => r.masked).length },
      });
      return { filename: `${leadExportSpec.title}.xlsx`, buffer };
    },
  };
}
