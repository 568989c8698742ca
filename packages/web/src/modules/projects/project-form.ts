// The values of the project form and the API bodies made from them (POST /api/projects, PATCH /api/projects/:id).
// Amounts stay strings in 万元 from the input to the body; dates are dayjs in the form and ISO dates in the body.
// Unit-tested in project-form.test.ts.
import dayjs, { type Dayjs } from 'dayjs';
import {
  isMoney,
  normalizeMoney,
  type contractorRoles,
  type investorTypes,
  type leaderLevels,
  type projectCategories,
  type projectLevels,
  type projectNatures,
  type ProjectDetail,
  type ProjectStage,
  type reportFrequencies,
} from '@zoneops/shared';
import { changedFields } from '../../app/form-errors.ts';
import { isMasked } from './project-ui.ts';

type LeaderLevel = (typeof leaderLevels)[number];
type Money = string | number | null | undefined;

export interface FundingValue {
  source?: string;
  subSource?: string | null;
  amount?: Money;
}

export interface ProjectFormValues {
  code?: string | null;
  name: string;
  parentId?: string | null;
  content?: string | null;
  capacity?: string | null;
  level: (typeof projectLevels)[number];
  industry?: string;
  category: (typeof projectCategories)[number];
  nature: (typeof projectNatures)[number];
  investorType: (typeof investorTypes)[number];
  focus: boolean;
  stage?: ProjectStage;
  ownerEnterpriseId?: string | null;
  ownerName?: string | null;
  ownerContact?: string | null;
  ownerPhone?: string | null;
  leadUnitId?: string;
  leaders: { userId?: string; level: LeaderLevel }[];
  units: { unitId?: string; level: LeaderLevel; contactName?: string | null; contactPhone?: string | null }[];
  plannedStartOn?: Dayjs | null;
  plannedCompletionOn?: Dayjs | null;
  actualStartOn?: Dayjs | null;
  actualCompletionOn?: Dayjs | null;
  totalInvestment?: Money;
  funding: FundingValue[];
  planYear: number;
  annualPlan?: Money;
  contractors: { role: (typeof contractorRoles)[number]; name?: string; contractNo?: string | null; amount?: Money }[];
  approvals: { docNo?: string; title?: string | null; authority?: string | null; issuedOn?: Dayjs | null }[];
  lng?: number | null;
  lat?: number | null;
  /** The outline as GeoJSON text (a Polygon). */
  outline?: string | null;
  reportFrequency: (typeof reportFrequencies)[number];
  milestoneTemplateId?: string | null;
}

/** The values of a new project: a district project of the current year, reported monthly. */
export function emptyProjectValues(year: number): ProjectFormValues {
  return {
    name: '',
    level: 'district',
    category: 'industry',
    nature: 'new',
    investorType: 'private',
    focus: false,
    stage: 'planned',
    leaders: [],
    units: [],
    funding: [],
    planYear: year,
    annualPlan: '0.00',
    contractors: [],
    approvals: [],
    reportFrequency: 'month',
  };
}

const day = (d: string | null | undefined): Dayjs | null => (d ? dayjs(d) : null);

/** The form of an existing project (edit). */
export function projectValuesOf(p: ProjectDetail): ProjectFormValues {
  return {
    code: p.code,
    name: p.name,
    parentId: p.parentId,
    content: p.content,
    capacity: p.capacity,
    level: p.level,
    industry: p.industry,
    category: p.category,
    nature: p.nature,
    investorType: p.investorType,
    focus: p.focus,
    ownerEnterpriseId: p.ownerEnterpriseId,
    ownerName: p.ownerName,
    ownerContact: p.ownerContact,
    ownerPhone: p.ownerPhone,
    leadUnitId: p.leadUnitId,
    leaders: p.leaders.map((l) => ({ userId: l.userId, level: l.level })),
    units: p.units.map((u) => ({ unitId: u.unitId, level: u.level, contactName: u.contactName, contactPhone: u.contactPhone })),
    plannedStartOn: day(p.plannedStartOn),
    plannedCompletionOn: day(p.plannedCompletionOn),
    actualStartOn: day(p.actualStartOn),
    actualCompletionOn: day(p.actualCompletionOn),
    totalInvestment: p.totalInvestment,
    funding: p.funding.map((f) => ({ source: f.source, subSource: f.subSource ?? null, amount: f.amount })),
    planYear: p.planYear,
    annualPlan: p.annualPlan,
    contractors: p.contractors.map((c) => ({ role: c.role, name: c.name, contractNo: c.contractNo ?? null, amount: c.amount ?? null })),
    approvals: p.approvals.map((a) => ({ docNo: a.docNo, title: a.title ?? null, authority: a.authority ?? null, issuedOn: day(a.issuedOn) })),
    lng: p.lng,
    lat: p.lat,
    outline: p.outline ? JSON.stringify(p.outline) : null,
    reportFrequency: p.reportFrequency,
  };
}

const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
/** "1234.5" → "1234.50"; an amount that is not one is sent as typed, for the server to name. */
function money(v: Money): string | null {
  if (v === null || v === undefined || String(v).trim() === '') return null;
  const s = String(v).trim();
  return isMoney(s) ? normalizeMoney(s) : s;
}
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The outline text as GeoJSON, or null; throws on text that is not JSON (the form checks it first). */
export function parseOutline(v: string | null | undefined): unknown {
  const s = text(v);
  return s === null ? null : (JSON.parse(s) as unknown);
}

/** Whether the outline text is empty or a GeoJSON Polygon with at least one ring of four points. */
export function outlineProblem(v: string | null | undefined): 'json' | 'polygon' | null {
  let g: unknown;
  try {
    g = parseOutline(v);
  } catch {
    return 'json';
  }
  if (g === null) return null;
  const p = g as { type?: unknown; coordinates?: unknown };
  const rings = Array.isArray(p.coordinates) ? (p.coordinates as unknown[]) : [];
  const ok =
    p.type === 'Polygon' &&
    rings.length > 0 &&
    rings.every((r) => Array.isArray(r) && r.length >= 4 && r.every((pt) => Array.isArray(pt) && pt.length === 2 && pt.every((c) => typeof c === 'number')));
  return ok ? null : 'polygon';
}

/** The body of POST /api/projects (every field of projectCreateSchema). */
export function projectBody(v: ProjectFormValues) {
  return {
    code: text(v.code),
    name: (v.name ?? '').trim(),
    parentId: v.parentId ?? null,
    content: text(v.content),
    capacity: text(v.capacity),
    level: v.level,
    industry: v.industry ?? '',
    category: v.category,
    nature: v.nature,
    investorType: v.investorType,
    focus: !!v.focus,
    ownerEnterpriseId: v.ownerEnterpriseId ?? null,
    ownerName: text(v.ownerName),
    ownerContact: text(v.ownerContact),
    ownerPhone: text(v.ownerPhone),
    leadUnitId: v.leadUnitId,
    leaders: (v.leaders ?? []).map((l) => ({ userId: l.userId, level: l.level })),
    units: (v.units ?? []).map((u) => ({ unitId: u.unitId, level: u.level, contactName: text(u.contactName), contactPhone: text(u.contactPhone) })),
    plannedStartOn: iso(v.plannedStartOn),
    plannedCompletionOn: iso(v.plannedCompletionOn),
    actualStartOn: iso(v.actualStartOn),
    actualCompletionOn: iso(v.actualCompletionOn),
    totalInvestment: money(v.totalInvestment) ?? '0.00',
    funding: (v.funding ?? []).map((f) => ({ source: f.source ?? '', subSource: f.subSource ?? null, amount: money(f.amount) ?? '0.00' })),
    planYear: v.planYear,
    annualPlan: money(v.annualPlan) ?? '0.00',
    contractors: (v.contractors ?? []).map((c) => ({ role: c.role, name: (c.name ?? '').trim(), contractNo: text(c.contractNo), amount: money(c.amount) })),
    approvals: (v.approvals ?? []).map((a) => ({
      docNo: (a.docNo ?? '').trim(),
      title: text(a.title),
      authority: text(a.authority),
      issuedOn: iso(a.issuedOn),
    })),
    lng: num(v.lng),
    lat: num(v.lat),
    outline: parseOutline(v.outline),
    reportFrequency: v.reportFrequency,
    milestoneTemplateId: v.milestoneTemplateId ?? null,
    ...(v.stage ? { stage: v.stage } : {}),
  };
}
export type ProjectBody = ReturnType<typeof projectBody>;

/**
 * The body of PATCH /api/projects/:id: only what changed against the project as loaded, with its version. Masked
 * values (a phone the user may not read) are never sent back: the paths of those that would be are returned instead.
 */
export function projectPatch(
  values: ProjectFormValues,
  initial: ProjectFormValues,
  version: number,
): { body: Partial<ProjectBody> & { version: number }; masked: (string | number)[][] } {
  const { stage: _stage, ...body } = projectBody(values);
  const { stage: _initialStage, ...before } = projectBody(initial);
  const changed = changedFields(body, before);
  const masked: (string | number)[][] = [];
  if (changed.ownerPhone !== undefined && isMasked(changed.ownerPhone)) masked.push(['ownerPhone']);
  if (changed.units) changed.units.forEach((u, i) => isMasked(u.contactPhone) && masked.push(['units', i, 'contactPhone']));
  return { body: { ...changed, version }, masked };
}
