// The checks of a project's values that need only reference data: dates not in the future, funding lines that add up
// to the total and use the two-level dictionary, the annual plan within the total, known industry, units, leaders and
// owner enterprise, and a location inside the zone. One function for the API (one project) and the Excel import
// (thousands of rows against reference data loaded once).
import { sql } from 'drizzle-orm';
import { moneyToCents, pointInPolygon, sumMoney, type ErrorCode, type ProjectCreate } from '@zoneops/shared';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export interface ProjectReference {
  today: string;
  industries: ReadonlySet<string>;
  /** Funding source code → its parent code (null for a top-level source). */
  fundingParent: ReadonlyMap<string, string | null>;
  unitIds: ReadonlySet<string>;
  activeUserIds: ReadonlySet<string>;
  /** Enterprise id → name. */
  enterprises: ReadonlyMap<string, string>;
  boundary: number[][][] | null;
}

export interface ProjectIssue {
  code: ErrorCode;
  /** Field path relative to the project ("funding.0.source"). */
  path: string;
  message: string;
}

/** Every problem of a project's values (empty when sound). Fills in ownerName from a linked enterprise. */
export function projectIssues(v: ProjectCreate, ref: ProjectReference): ProjectIssue[] {
  const out: ProjectIssue[] = [];
  const bad = (path: string, message: string, code: ErrorCode = 'VALIDATION_FAILED') => out.push({ code, path, message });
  for (const key of ['actualStartOn', 'actualCompletionOn'] as const) {
    const value = v[key];
    if (value && value > ref.today) bad(key, `${value} is after today (${ref.today})`, 'DATE_IN_FUTURE');
  }
  if (v.funding.length) {
    const sum = sumMoney(v.funding.map((f) => f.amount));
    if (moneyToCents(sum) !== moneyToCents(v.totalInvestment))
      bad('funding', `the funding lines add up to ${sum} 万元, the total is ${v.totalInvestment} 万元`, 'FUNDING_MISMATCH');
    v.funding.forEach((f, i) => {
      if (!ref.fundingParent.has(f.source) || ref.fundingParent.get(f.source)) bad(`funding.${i}.source`, `unknown funding source ${f.source}`);
      else if (f.subSource && ref.fundingParent.get(f.subSource) !== f.source) bad(`funding.${i}.subSource`, `${f.subSource} is not a kind of ${f.source}`);
    });
  }
  if (moneyToCents(v.annualPlan) > moneyToCents(v.totalInvestment)) bad('annualPlan', 'the annual plan exceeds the total investment');
  if (!ref.industries.has(v.industry)) bad('industry', `unknown industry ${v.industry}`);
  if (!ref.unitIds.has(v.leadUnitId)) bad('leadUnitId', 'unknown unit');
  v.units.forEach((u, i) => {
    if (!ref.unitIds.has(u.unitId)) bad(`units.${i}.unitId`, 'unknown unit');
  });
  v.leaders.forEach((l, i) => {
    if (!ref.activeUserIds.has(l.userId)) bad(`leaders.${i}.userId`, 'unknown or disabled user');
  });
  if (v.ownerEnterpriseId) {
    const name = ref.enterprises.get(v.ownerEnterpriseId);
    if (name === undefined) bad('ownerEnterpriseId', 'unknown enterprise');
    else v.ownerName ??= name;
  }
  if (!v.ownerName) bad('ownerName', 'name the owner or link an enterprise');
  if (v.lng != null && v.lat != null && ref.boundary && !pointInPolygon(v.lng, v.lat, ref.boundary))
    bad('lng', `${v.lng}, ${v.lat} lies outside the zone`, 'OUTSIDE_ZONE');
  return out;
}

/**
 * The reference data for checking projects. `only` narrows the units, users and enterprises read to those named
 * (one project through the API); without it everything is loaded (an import).
 */
export async function loadProjectReference(
  db: DbOrTx,
  today: string,
  only?: { unitIds: string[]; userIds: string[]; enterpriseIds: string[] },
): Promise<ProjectReference> {
  const dict = (type: string) =>
    queryRows<{ code: string; parentCode: string | null }>(db, sql`select code, parent_code as "parentCode" from dict_items where type_code = ${type}`);
  const ids = (list: string[] | undefined) => (list ? sql`and id = any(${sql.param(list)}::uuid[])` : sql``);
  const [industries, funding, units, users, enterprises, boundary] = await Promise.all([
    dict('industry'),
    dict('fundingSource'),
    queryRows<{ id: string }>(db, sql`select id from units where deleted_at is null ${ids(only?.unitIds)}`),
    queryRows<{ id: string }>(db, sql`select id from users where deleted_at is null and status = 'active' ${ids(only?.userIds)}`),
    queryRows<{ id: string; name: string }>(db, sql`select id, name from enterprises where true ${ids(only?.enterpriseIds)}`),
    queryRows<{ geometry: { type: string; coordinates: number[][][] } }>(db, sql`select geometry from geo_features where kind = 'boundary' limit 1`),
  ]);
  return {
    today,
    industries: new Set(industries.map((r) => r.code)),
    fundingParent: new Map(funding.map((r) => [r.code, r.parentCode])),
    unitIds: new Set(units.map((r) => r.id)),
    activeUserIds: new Set(users.map((r) => r.id)),
    enterprises: new Map(enterprises.map((r) => [r.id, r.name])),
    boundary: boundary[0]?.geometry.type === 'Polygon' ? boundary[0].geometry.coordinates : null,
  };
}
