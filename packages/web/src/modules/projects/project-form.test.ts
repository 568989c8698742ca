import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { ProjectDetail } from '@zoneops/shared';
import { emptyProjectValues, outlineProblem, projectBody, projectPatch, projectValuesOf, type ProjectFormValues } from './project-form.ts';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function values(over: Partial<ProjectFormValues> = {}): ProjectFormValues {
  return {
    ...emptyProjectValues(2026),
    name: ' 古雷炼化一体化二期 ',
    industry: 'petrochemical',
    ownerName: '古雷石化',
    leadUnitId: U(1),
    totalInvestment: '1000.5',
    funding: [
      { source: 'enterprise', amount: '800.5' },
      { source: 'government', subSource: 'specialBond', amount: 200 },
    ],
    plannedStartOn: dayjs('2026-04-01'),
    ...over,
  };
}

describe('projectBody', () => {
  it('sends trimmed texts, null for blanks, ISO dates and exact amounts', () => {
    const b = projectBody(values({ ownerContact: '  ', code: 'GL-001', approvals: [{ docNo: ' 漳发改[2026]1号 ', issuedOn: dayjs('2026-01-05') }] }));
    expect(b.name).toBe('古雷炼化一体化二期');
    expect(b.code).toBe('GL-001');
    expect(b.ownerContact).toBeNull();
    expect(b.plannedStartOn).toBe('2026-04-01');
    expect(b.plannedCompletionOn).toBeNull();
    expect(b.totalInvestment).toBe('1000.50');
    expect(b.funding).toEqual([
      { source: 'enterprise', subSource: null, amount: '800.50' },
      { source: 'government', subSource: 'specialBond', amount: '200.00' },
    ]);
    expect(b.approvals).toEqual([{ docNo: '漳发改[2026]1号', title: null, authority: null, issuedOn: '2026-01-05' }]);
    expect(b.stage).toBe('planned');
    expect(b.outline).toBeNull();
    expect(b.lng).toBeNull();
  });

  it('keeps digits of large amounts and passes a bad amount on for the server to name', () => {
    expect(projectBody(values({ totalInvestment: '12345678901234.5' })).totalInvestment).toBe('12345678901234.50');
    expect(projectBody(values({ totalInvestment: '1.234' })).totalInvestment).toBe('1.234');
  });

  it('parses the outline', () => {
    const ring = [
      [117.1, 23.7],
      [117.2, 23.7],
      [117.2, 23.8],
      [117.1, 23.7],
    ];
    const outline = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
    expect(projectBody(values({ outline })).outline).toEqual({ type: 'Polygon', coordinates: [ring] });
    expect(outlineProblem(outline)).toBeNull();
    expect(outlineProblem('')).toBeNull();
    expect(outlineProblem('{')).toBe('json');
    expect(outlineProblem('{"type":"Point","coordinates":[1,2]}')).toBe('polygon');
    expect(outlineProblem(JSON.stringify({ type: 'Polygon', coordinates: [ring.slice(0, 3)] }))).toBe('polygon');
  });
});

const detail = {
  id: U(9),
  code: 'GL-001',
  name: '古雷炼化一体化二期',
  parentId: null,
  level: 'city',
  industry: 'petrochemical',
  category: 'industry',
  nature: 'new',
  investorType: 'state',
  focus: true,
  stage: 'construction',
  ownerEnterpriseId: null,
  ownerName: '古雷石化',
  ownerContact: '张工',
  ownerPhone: '138****1234',
  leadUnitId: U(1),
  leaders: [{ userId: U(2), name: '王市长', level: 'city', phone: null }],
  units: [{ unitId: U(3), name: '经发局', level: 'district', contactName: '李', contactPhone: '139****0000' }],
  plannedStartOn: '2026-04-01',
  plannedCompletionOn: '2027-12-31',
  actualStartOn: null,
  actualCompletionOn: null,
  totalInvestment: '1000.50',
  funding: [{ source: 'enterprise', subSource: null, amount: '1000.50' }],
  planYear: 2026,
  annualPlan: '300.00',
  contractors: [],
  approvals: [],
  lng: 117.6,
  lat: 23.7,
  outline: null,
  reportFrequency: 'month',
  content: null,
  capacity: null,
  version: 4,
} as unknown as ProjectDetail;

describe('projectPatch', () => {
  it('sends only what changed, with the version, and never the stage', () => {
    const initial = projectValuesOf(detail);
    expect(projectPatch(initial, initial, 4)).toEqual({ body: { version: 4 }, masked: [] });
    const { body, masked } = projectPatch({ ...initial, name: '新名称', totalInvestment: '1000.5', annualPlan: '350' }, initial, 4);
    expect(body).toEqual({ name: '新名称', annualPlan: '350.00', version: 4 });
    expect(masked).toEqual([]);
  });

  it('names the masked phones that a change would send back', () => {
    const initial = projectValuesOf(detail);
    const units = [...initial.units, { unitId: U(4), level: 'city' as const, contactPhone: '13900001111' }];
    const { body, masked } = projectPatch({ ...initial, units }, initial, 4);
    expect(body.units).toHaveLength(2);
    expect(masked).toEqual([['units', 0, 'contactPhone']]);
    expect(projectPatch({ ...initial, ownerPhone: '13812341234' }, initial, 4).masked).toEqual([]);
  });
});
