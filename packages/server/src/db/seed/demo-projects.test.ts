import { describe, expect, it } from 'vitest';
import {
  computeProjectLight,
  defaultMilestoneTemplate,
  duePeriods,
  investorTypes,
  planMilestones,
  predecessorProblem,
  projectCategories,
  projectLevels,
  projectNatures,
  projectStages,
  stageIndex,
  sumMoney,
  trackedStages,
  type ProjectStage,
} from '@zoneops/shared';
import { buildDemoZone } from './demo-data.ts';
import { buildDemoProjects, type DemoProjectIds, type DemoProjects, type ProjectRow } from './demo-projects.ts';
import { seedDictionaries } from './dictionaries.ts';

const zone = buildDemoZone();
const ids: DemoProjectIds = {
  unitIds: Object.fromEntries(zone.units.map((u) => [u.key, `unit:${u.key}`])),
  userIds: {
    districtLeaders: ['user:leader', 'user:secretary', 'user:deputy1', 'user:deputy2'],
    cityLeaders: ['user:city1', 'user:city2'],
    approvers: { construction: 'user:construction', economy: 'user:economy', promotion: 'user:promotion' },
    reporters: { construction: 'user:constructionStaff' },
    enterpriseUsers: { 0: 'user:enterprise', 1: 'user:enterprise1' },
  },
  enterpriseIds: zone.enterprises.map((_, i) => `enterprise:${i}`),
};
const TODAY = '2026-11-23';
const LAST_PERIOD = '2026-10';
const build = (today = TODAY, extra: Partial<Parameters<typeof buildDemoProjects>[0]> = {}) =>
  buildDemoProjects({ count: 900, today, years: 3, ...ids, ...extra });
const data = build();

/** Even-odd ray casting, written independently of the generator so the test does not trust its own subject. */
function inside(point: readonly number[], ring: readonly (readonly number[])[]): boolean {
  const [x = NaN, y = NaN] = point;
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}
const boundary = (() => {
  const g = zone.geo.find((f) => f.kind === 'boundary')?.geometry;
  if (g?.type !== 'Polygon' || !g.coordinates[0]) throw new Error('no boundary');
  return g.coordinates[0];
})();

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

function invariants(d: DemoProjects, today: string) {
  const milestones = groupBy(d.milestones, (m) => m.projectId);
  const reports = groupBy(d.reports, (r) => r.projectId);
  const history = groupBy(d.stageHistory, (h) => h.projectId);
  const endOfToday = new Date(`${today}T00:00:00Z`).getTime() + 86_400_000;

  it('funding lines sum exactly to the total, from the fundingSource dictionary', () => {
    const dict = seedDictionaries.find((x) => x.code === 'fundingSource')!.items;
    for (const p of d.projects) {
      const funding = p.funding as { source: string; subSource: string | null; amount: string }[];
      expect(funding.length, p.name).toBeGreaterThan(0);
      expect(sumMoney(funding.map((f) => f.amount)), p.name).toBe(p.totalInvestment);
      for (const f of funding) {
        expect(dict.some((x) => x.code === f.source && !x.parentCode)).toBe(true);
        if (f.subSource) expect(dict.find((x) => x.code === f.subSource)?.parentCode).toBe(f.source);
        expect(f.amount).toMatch(/^\d+\.\d{2}$/);
      }
    }
  });

  it('puts every project and outline inside the zone boundary', () => {
    for (const p of d.projects) {
      expect(inside([p.lng!, p.lat!], boundary), p.name).toBe(true);
      const outline = p.outline as { coordinates: number[][][] } | null;
      for (const pt of outline?.coordinates[0] ?? []) expect(inside(pt, boundary), p.name).toBe(true);
    }
  });

  it('dates nothing after today', () => {
    for (const m of d.milestones) if (m.actualOn) expect(m.actualOn <= today).toBe(true);
    for (const p of d.projects) {
      for (const x of [p.actualStartOn, p.actualCompletionOn, p.productionOn, p.listedOn, p.reserveOn]) if (x) expect(x <= today, p.name).toBe(true);
      expect(p.createdAt!.getTime()).toBeLessThan(endOfToday);
      expect(p.updatedAt!.getTime()).toBeLessThan(endOfToday);
    }
    for (const h of d.stageHistory) expect(h.on <= today).toBe(true);
    for (const r of d.reports) {
      expect(r.period < today.slice(0, 7)).toBe(true);
      for (const t of [r.submittedAt, r.reviewedAt, r.createdAt, r.updatedAt]) if (t) expect(t.getTime()).toBeLessThan(endOfToday);
    }
  });

  it('completes no node before its predecessors, and plans the nodes with planMilestones', () => {
    const nodes = defaultMilestoneTemplate.nodes;
    for (const p of d.projects) {
      const ms = milestones.get(p.id!) ?? [];
      if (!trackedStages.includes(p.stage as ProjectStage) && p.stage !== 'production') {
        expect(ms).toHaveLength(0);
        continue;
      }
      expect(ms.map((m) => m.code)).toEqual(nodes.map((n) => n.code));
      const actualOf = new Map(ms.map((m) => [m.code, m.actualOn ?? null]));
      for (const m of ms)
        if (m.actualOn) expect(predecessorProblem({ code: m.code, after: m.after ?? [] }, m.actualOn, actualOf), `${p.name} ${m.code}`).toBeNull();
      const plan = planMilestones(nodes, p.plannedStartOn!, p.plannedCompletionOn!);
      expect(ms.map((m) => m.plannedOn)).toEqual(plan.map((x) => x.plannedOn));
      // The project's dates are its nodes' dates.
      expect(p.actualStartOn ?? null).toBe(actualOf.get('siteEntry'));
      expect(p.actualCompletionOn ?? null).toBe(actualOf.get('trialProduction'));
      expect(p.productionOn ?? null).toBe(actualOf.get('production'));
    }
  });

  it('keeps a stage history that moves forward and ends at the stage', () => {
    for (const p of d.projects) {
      const h = history.get(p.id!) ?? [];
      expect(h.at(-1)?.toStage, p.name).toBe(p.stage);
      for (let i = 1; i < h.length; i++) {
        expect(h[i]!.fromStage).toBe(h[i - 1]!.toStage);
        expect(stageIndex(h[i]!.toStage as ProjectStage)).toBeGreaterThan(stageIndex(h[i - 1]!.toStage as ProjectStage));
        expect(h[i]!.on >= h[i - 1]!.on).toBe(true);
      }
    }
  });

  it('derives the year-to-date and total figures from the approved reports', () => {
    const year = Number(today.slice(0, 4));
    for (const p of d.projects) {
      const approved = (reports.get(p.id!) ?? []).filter((r) => r.status === 'approved');
      const ofYear = approved.filter((r) => r.year === year);
      expect(p.planYear).toBe(year);
      expect(p.ytdPlanned, p.name).toBe(sumMoney(ofYear.map((r) => r.planned)));
      expect(p.ytdCompleted, p.name).toBe(sumMoney(ofYear.map((r) => r.completed)));
      expect(p.completedTotal, p.name).toBe(sumMoney(approved.map((r) => r.completed)));
      expect(p.lastApprovedPeriod ?? null).toBe(
        approved
          .map((r) => r.period)
          .sort()
          .at(-1) ?? null,
      );
      expect(Number(p.completedTotal)).toBeLessThanOrEqual(Number(p.totalInvestment));
      expect(Number(p.annualPlan)).toBeGreaterThanOrEqual(Number(p.ytdPlanned));
    }
  });

  it('uses the contract values for every coded field, and unique codes and names', () => {
    const industries = seedDictionaries.find((x) => x.code === 'industry')!.items.map((x) => x.code);
    for (const p of d.projects) {
      expect(projectStages).toContain(p.stage);
      expect(projectLevels).toContain(p.level);
      expect(projectCategories).toContain(p.category);
      expect(projectNatures).toContain(p.nature);
      expect(investorTypes).toContain(p.investorType);
      expect(industries).toContain(p.industry);
      expect(p.code).toMatch(/^[A-Za-z0-9-]{2,40}$/);
    }
    expect(new Set(d.projects.map((p) => p.code)).size).toBe(d.projects.length);
    expect(new Set(d.projects.map((p) => `${p.name}\u0000${p.ownerName}`)).size).toBe(d.projects.length);
    expect(new Set(d.projects.map((p) => p.id)).size).toBe(d.projects.length);
    expect(new Set(d.reports.map((r) => `${r.projectId} ${r.period}`)).size).toBe(d.reports.length);
  });
}

describe('buildDemoProjects', () => {
  it('is deterministic', () => {
    expect(build()).toEqual(data);
    expect(build(TODAY, { seed: 7 }).projects[20]?.name).not.toBe(data.projects[20]?.name);
  });

  describe(`on ${TODAY}`, () => invariants(data, TODAY));
  describe('early in a year (2027-01-03)', () => invariants(build('2027-01-03', { count: 300 }), '2027-01-03'));

  it('has the scale of the source texts: ~900 projects worth ~102,000,000 万元, ~40 of them the focus', () => {
    expect(data.projects).toHaveLength(900);
    const total = Number(sumMoney(data.projects.map((p) => p.totalInvestment)));
    expect(total).toBeGreaterThan(95_000_000);
    expect(total).toBeLessThan(110_000_000);
    expect(data.projects.filter((p) => p.focus).length).toBe(40);
    const stages = new Set(data.projects.map((p) => p.stage));
    expect([...stages].sort()).toEqual([...projectStages].sort());
    expect(data.projects.filter((p) => p.parentId).length).toBeGreaterThanOrEqual(5);
  });

  it('leaves the lights to the light job', () => {
    for (const p of data.projects) {
      expect(p.light).toBeUndefined();
      expect(p.lightReasons).toBeUndefined();
    }
  });

  it("gives the 'enterprise' account tracked projects, one waiting for this month's report", () => {
    const own = data.projects.filter((p) => p.ownerEnterpriseId === 'enterprise:0' && trackedStages.includes(p.stage as ProjectStage));
    expect(own.length).toBeGreaterThanOrEqual(2);
    const periods = (p: ProjectRow) => data.reports.filter((r) => r.projectId === p.id).map((r) => r.period);
    const waiting = own.filter((p) => !periods(p).includes(LAST_PERIOD));
    expect(waiting.map((p) => p.name)).toEqual(['古雷炼化一体化二期乙烯下游深加工项目']);
    const p = waiting[0]!;
    expect(data.reports.filter((r) => r.projectId === p.id).every((r) => r.status === 'approved' && r.submittedBy === 'user:enterprise')).toBe(true);
    // Its light turns only on the missing report: yellow now, green once the report is approved.
    const nodes = data.milestones
      .filter((m) => m.projectId === p.id)
      .map((m) => ({ code: m.code, name: m.name, nameEn: m.nameEn, plannedOn: m.plannedOn ?? null, actualOn: m.actualOn ?? null }));
    const input = { stage: p.stage as ProjectStage, nodes, ytdCompleted: p.ytdCompleted!, ytdPlanned: p.ytdPlanned! };
    const missing = duePeriods(`${TODAY.slice(0, 4)}-01-01`, TODAY, 'month').filter((x) => !periods(p).includes(x));
    expect(missing).toEqual([LAST_PERIOD]);
    const before = computeProjectLight({ ...input, missingReports: missing }, TODAY);
    expect(before.light).toBe('yellow');
    expect(before.reasons.map((r) => r.code)).toEqual(['reportLate']);
    expect(computeProjectLight({ ...input, missingReports: [] }, TODAY).light).toBe('green');
  });

  it('gives the construction bureau a good share of projects and reports to approve', () => {
    const led = data.projects.filter((p) => p.leadUnitId === 'unit:construction');
    expect(led.length / data.projects.length).toBeGreaterThan(0.25);
    const ledIds = new Set(led.map((p) => p.id));
    const queue = data.reports.filter((r) => ledIds.has(r.projectId) && r.status === 'submitted');
    expect(queue.length).toBeGreaterThan(10);
    expect(data.reports.filter((r) => ledIds.has(r.projectId) && r.status === 'approved').every((r) => r.reviewedBy === 'user:construction')).toBe(true);
  });

  it('leaves the latest months partly unfiled so that lights and the approval queue tell a story', () => {
    const last = data.reports.filter((r) => r.period === LAST_PERIOD);
    const statuses = new Set(last.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['approved', 'draft', 'returned', 'submitted']);
    const tracked = data.projects.filter((p) => trackedStages.includes(p.stage as ProjectStage) && p.listedOn! < `${LAST_PERIOD}-01`);
    const filed = new Set(last.map((r) => r.projectId));
    expect(tracked.filter((p) => !filed.has(p.id!)).length).toBeGreaterThan(20);
    // Some projects are late on their milestones (red lights), some nodes are due within a week (yellow).
    const open = data.milestones.filter((m) => !m.actualOn && m.plannedOn);
    expect(open.filter((m) => m.plannedOn! < TODAY).length).toBeGreaterThan(20);
    expect(open.filter((m) => m.plannedOn! >= TODAY && m.plannedOn! <= '2026-11-30').length).toBeGreaterThan(10);
  });

  it('links leaders and responsible units from the nomination on', () => {
    const leaders = groupBy(data.leaders, (l) => l.projectId);
    const units = groupBy(data.units, (u) => u.projectId);
    for (const p of data.projects) {
      expect(units.get(p.id!)?.some((u) => u.unitId === p.leadUnitId && u.level === 'district' && /^1\d{10}$/.test(u.contactPhone ?? ''))).toBe(true);
      if (stageIndex(p.stage as ProjectStage) >= stageIndex('nominated'))
        expect(
          leaders.get(p.id!)?.some((l) => l.level === 'district'),
          p.name,
        ).toBe(true);
      if (p.focus) expect(leaders.get(p.id!)?.some((l) => l.userId === 'user:leader')).toBe(true);
    }
    expect(new Set(data.leaders.map((l) => `${l.projectId} ${l.userId}`)).size).toBe(data.leaders.length);
    expect(new Set(data.units.map((u) => `${u.projectId} ${u.unitId}`)).size).toBe(data.units.length);
  });

  it('holds concentrated start, completion and production batches of recent quarters', () => {
    expect(data.batches.length).toBeGreaterThanOrEqual(3);
    const byId = new Map(data.projects.map((p) => [p.id, p]));
    for (const b of data.batches) {
      const linked = data.batchProjects.filter((x) => x.batchId === b.id);
      expect(linked.length, b.name).toBeGreaterThan(0);
      expect(b.heldOn < TODAY).toBe(true);
      for (const x of linked) {
        const p = byId.get(x.projectId)!;
        const on = x.role === 'start' ? p.actualStartOn : x.role === 'completion' ? p.actualCompletionOn : p.productionOn;
        expect(on, `${b.name}: ${p.name}`).toBeTruthy();
        expect(on!.slice(0, 4)).toBe(b.heldOn.slice(0, 4));
      }
    }
    expect(new Set(data.batchProjects.map((x) => x.role))).toEqual(new Set(['start', 'completion', 'production']));
  });

  it('in the dense (benchmark) shape gives every project 20 nodes and a report for each month', () => {
    const d = buildDemoProjects({ count: 200, today: TODAY, years: 3, months: 36, dense: true, ...ids });
    expect(d.projects).toHaveLength(200);
    expect(d.milestones).toHaveLength(200 * 20);
    expect(d.reports).toHaveLength(200 * 36);
    for (const p of d.projects) expect(['preparation', 'construction', 'completed']).toContain(p.stage);
  });
});
