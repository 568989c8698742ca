import { describe, expect, it } from 'vitest';
import type { CeremonyBatch } from '@zoneops/shared';
import { addPicked, defaultRoleOf, groupByRole, headlineFigures, pickedSummary } from './ceremony-ui.ts';

type P = CeremonyBatch['projects'][number];
const p = (id: string, role: P['role'], totalInvestment: string, name = id): P => ({
  projectId: id,
  name,
  role,
  ownerName: 'owner',
  leadUnitName: 'unit',
  totalInvestment,
  stage: 'construction',
});

describe('ceremony batches', () => {
  it('give a project the role its stage suggests', () => {
    expect(defaultRoleOf('preparation')).toBe('start');
    expect(defaultRoleOf('construction')).toBe('start');
    expect(defaultRoleOf('completed')).toBe('completion');
    expect(defaultRoleOf('production')).toBe('production');
  });

  it('group the linked projects by role, largest investment first, with exact totals', () => {
    const groups = groupByRole([p('a', 'start', '100.10'), p('b', 'production', '5.00'), p('c', 'start', '99999999999999.90'), p('d', 'start', '100.10', 'd')]);
    expect(groups.map((g) => g.role)).toEqual(['start', 'production']);
    expect(groups[0]!.projects.map((x) => x.projectId)).toEqual(['c', 'a', 'd']);
    expect(groups[0]!.totalInvestment).toBe('100000000000200.10');
    expect(groups[1]).toMatchObject({ count: 1, totalInvestment: '5.00' });
  });

  it('take the headline figures from byRole, or sum the projects when it is missing', () => {
    const projects = [p('a', 'start', '60000.00'), p('b', 'completion', '40000.00')];
    const byRole = {
      start: { count: 12, totalInvestment: '1230000.00' },
      completion: { count: 0, totalInvestment: '0.00' },
      production: { count: 3, totalInvestment: '4500.00' },
    };
    expect(headlineFigures({ byRole, projects })).toEqual([
      { role: 'start', count: 12, totalInvestment: '1230000.00' },
      { role: 'production', count: 3, totalInvestment: '4500.00' },
    ]);
    expect(headlineFigures({ byRole: undefined as never, projects })).toEqual([
      { role: 'start', count: 1, totalInvestment: '60000.00' },
      { role: 'completion', count: 1, totalInvestment: '40000.00' },
    ]);
  });

  it('pick a project once and sum the picked ones', () => {
    let list = addPicked([], { projectId: 'a', name: 'A', stage: 'completed', totalInvestment: '1.10' });
    list = addPicked(list, { projectId: 'b', name: 'B', stage: 'preparation', totalInvestment: '2.20' });
    list = addPicked(list, { projectId: 'a', name: 'A', stage: 'completed', totalInvestment: '1.10', role: 'start' });
    expect(list.map((x) => [x.projectId, x.role])).toEqual([
      ['a', 'completion'],
      ['b', 'start'],
    ]);
    expect(pickedSummary(list)).toEqual({ count: 2, totalInvestment: '3.30' });
  });
});
