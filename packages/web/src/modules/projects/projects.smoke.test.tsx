// The project pages render (server-side, first paint) for a user holding every permission, in both languages, with no
// i18n key left untranslated; the parts of the detail page render with a project as the API answers it.
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDetail } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../app/test-fixtures.tsx';
import { Milestones } from './detail/Milestones.tsx';
import { ProjectHeader } from './detail/ProjectHeader.tsx';
import { ProjectInfo } from './detail/ProjectInfo.tsx';
import { StageHistory } from './detail/StageHistory.tsx';
import ProjectDetailPage from './ProjectDetailPage.tsx';
import ProjectsPage from './ProjectsPage.tsx';

const render = (node: ReactElement, path = '/') => renderAs(adminMe, node, path);

const milestone = (
  seq: number,
  code: string,
  name: string,
  after: string[],
  plannedOn: string | null,
  actualOn: string | null,
  overdueDays: number | null,
) => ({
  id: U(100 + seq),
  seq,
  code,
  name,
  nameEn: code,
  after,
  plannedOn,
  actualOn,
  unitId: U(3),
  unitName: '经发局',
  note: null,
  overdueDays,
  evidenceCount: seq === 1 ? 2 : 0,
});

const project: ProjectDetail = {
  id: U(9),
  code: 'GL-2026-001',
  name: '古雷炼化一体化二期',
  parentId: U(8),
  parentName: '古雷炼化一体化',
  children: [{ id: U(10), name: '二期配套码头' }],
  level: 'city',
  industry: 'petrochemical',
  category: 'industry',
  nature: 'expansion',
  investorType: 'state',
  focus: true,
  stage: 'construction',
  ownerEnterpriseId: U(11),
  ownerName: '福建古雷石化有限公司',
  ownerContact: '张工',
  ownerPhone: '138****1234',
  leadUnitId: U(3),
  leadUnitName: '经发局',
  leaderNames: ['王市长'],
  leaders: [{ userId: U(4), name: '王市长', level: 'city', phone: '139****0000' }],
  units: [{ unitId: U(3), name: '经发局', level: 'district', contactName: '李科长', contactPhone: null }],
  plannedStartOn: '2025-03-01',
  plannedCompletionOn: '2027-12-31',
  actualStartOn: '2025-03-20',
  actualCompletionOn: null,
  productionOn: null,
  totalInvestment: '12345678.50',
  planYear: 2026,
  annualPlan: '2000000.00',
  ytdPlanned: '400000.00',
  ytdCompleted: '260000.00',
  completedTotal: '3500000.00',
  annualPercent: 13,
  totalPercent: 28.3,
  lastApprovedPeriod: '2026-02',
  light: 'red',
  lightReasons: [
    { code: 'nodeOverdue', node: 'topping', name: '主体封顶', nameEn: 'Structure topped out', days: 12 },
    { code: 'reportLate', period: '2026-02', days: 3 },
  ],
  lng: 117.6,
  lat: 23.7,
  openBlockers: 2,
  version: 3,
  content: '新建100万吨/年乙烯装置',
  capacity: null,
  funding: [
    { source: 'enterprise', subSource: null, amount: '10000000.00' },
    { source: 'bank', subSource: null, amount: '2345678.50' },
  ],
  contractors: [{ role: 'construction', name: '中石化第四建设', contractNo: 'HT-01', amount: '500000.00' }],
  approvals: [{ docNo: '闽发改[2025]12号', title: '核准批复', authority: '省发改委', issuedOn: '2025-01-10' }],
  outline: null,
  reportFrequency: 'month',
  reserveOn: '2024-05-01',
  listedOn: '2024-12-01',
  stageHistory: [
    { id: U(20), fromStage: null, toStage: 'reserve', on: '2024-05-01', reason: null, actorName: '系统', at: '2024-05-01T02:00:00Z' },
    { id: U(21), fromStage: 'reserve', toStage: 'construction', on: '2025-03-20', reason: null, actorName: '张三', at: '2025-03-20T02:00:00Z' },
    { id: U(22), fromStage: 'construction', toStage: 'preparation', on: '2025-04-01', reason: '用地手续补办', actorName: '张三', at: '2025-04-01T02:00:00Z' },
  ],
  milestones: [
    milestone(1, 'siteEntry', '进场', [], '2025-03-01', '2025-03-20', null),
    milestone(2, 'topping', '主体封顶', ['siteEntry'], '2026-01-01', null, 12),
    milestone(3, 'production', '正式投产', ['topping'], '2028-03-01', null, null),
  ],
  can: { edit: true, report: true, approve: true, raiseBlocker: true },
};

const leaked = /[>"](projects|ledger[A-Za-z]*|common|errors)\.[a-zA-Z.]+[<"]/;

describe.each(['zh-CN', 'en-US'] as const)('project pages in %s', (lang) => {
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each(['/projects', '/projects?tab=yearLists', '/projects?tab=pipeline', '/projects?tab=ceremonies', '/projects?tab=reports'])('%s renders', (path) => {
    const html = render(<ProjectsPage />, path);
    expect(html).toContain('data-testid="projects-tabs"');
    expect(html).not.toMatch(leaked);
  });

  it('renders the ledger with its tools', () => {
    const html = render(<ProjectsPage />, '/projects');
    for (const id of ['projects-table', 'project-filters', 'project-create', 'project-export', 'project-import', 'monthly-report-button']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
  });

  it('renders the detail page while it loads', () => {
    expect(render(<ProjectDetailPage />, `/projects/${project.id}`).length).toBeGreaterThan(50);
  });

  it('renders the parts of a project', () => {
    const html = [
      render(<ProjectHeader project={project} actions={null} />),
      render(<ProjectInfo project={project} />),
      render(<Milestones project={project} canEdit onChanged={() => undefined} onReload={() => undefined} onPlan={() => undefined} />),
      render(<StageHistory project={project} />),
    ].join('');
    expect(html).not.toMatch(leaked);
    expect(html).toContain('12,345,678.50');
    expect(html).toContain('data-light="red"');
    expect(html).toContain('data-state="overdue"');
    expect(html).toContain('data-testid="milestone-edit-topping"');
    expect(html).toContain(lang === 'zh-CN' ? '节点“主体封顶”滞后12天' : 'milestone &quot;Structure topped out&quot; 12 days late');
  });
});
