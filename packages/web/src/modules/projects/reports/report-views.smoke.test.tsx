// The investment, list, pipeline and ceremony views render (server-side first paint, effects do not run) in both
// languages for a user holding every permission, with no translation key left untranslated.
import type { ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDetail } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../../app/i18n.ts';
import { adminMe, renderAs } from '../../../app/test-fixtures.tsx';
import { Ceremonies } from '../lists/Ceremonies.tsx';
import { Pipeline } from '../lists/Pipeline.tsx';
import { YearLists } from '../lists/YearLists.tsx';
import { InvestmentTab } from './InvestmentTab.tsx';
import { ReportQueue } from './ReportQueue.tsx';

const project: ProjectDetail = {
  id: '00000000-0000-4000-8000-000000000010',
  code: 'GL-2026-001',
  name: '古雷炼化一体化二期项目',
  parentId: null,
  level: 'province',
  industry: 'petrochemical',
  category: 'industry',
  nature: 'new',
  investorType: 'mixed',
  focus: true,
  stage: 'construction',
  ownerEnterpriseId: null,
  ownerName: '福建古雷石化有限公司',
  leadUnitId: '00000000-0000-4000-8000-000000000002',
  leadUnitName: '经济发展局',
  leaderNames: [],
  plannedStartOn: '2025-03-01',
  plannedCompletionOn: '2027-12-31',
  actualStartOn: '2025-03-18',
  actualCompletionOn: null,
  productionOn: null,
  totalInvestment: '4200000.00',
  planYear: 2026,
  annualPlan: '600000.00',
  ytdPlanned: '150000.00',
  ytdCompleted: '131250.50',
  completedTotal: '1631250.50',
  annualPercent: 21.9,
  totalPercent: 38.8,
  lastApprovedPeriod: '2026-03',
  light: 'yellow',
  lightReasons: [{ code: 'investmentBehind', percent: 87.5 }],
  lng: null,
  lat: null,
  openBlockers: 0,
  version: 3,
  content: null,
  capacity: null,
  ownerContact: null,
  ownerPhone: null,
  parentName: null,
  children: [],
  leaders: [],
  units: [],
  funding: [],
  contractors: [],
  approvals: [],
  outline: null,
  reportFrequency: 'month',
  reserveOn: null,
  listedOn: null,
  stageHistory: [],
  milestones: [],
  can: { edit: true, report: true, approve: true, raiseBlocker: true },
};

const render = (view: ReactElement) => renderAs(adminMe, view, '/projects');

const views: [string, () => ReactElement, string[]][] = [
  [
    'investment tab',
    () => <InvestmentTab project={project} onChanged={() => undefined} />,
    ['investment-tab', 'investment-chart', 'report-file', 'investment-reports-table'],
  ],
  ['report queue', () => <ReportQueue />, ['report-queue', 'report-queue-table', 'report-batch-approve', 'report-queue-status']],
  ['year lists', () => <YearLists />, ['year-lists', 'year-list-table', 'year-lists-export', 'year-list-tab-newlyStarted', 'year-list-tab-newReserve']],
  ['pipeline', () => <Pipeline />, ['pipeline', 'pipeline-chart', 'pipeline-group-planning', 'pipeline-link-landed']],
  ['ceremonies', () => <Ceremonies />, ['ceremonies', 'ceremonies-table', 'ceremony-create']],
];

describe.each(['zh-CN', 'en-US'] as const)('project report views in %s', (lang) => {
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each(views)('%s renders', (_name, view, testIds) => {
    const html = render(view());
    expect(html).not.toMatch(/>(projectReports|projects|common)\.[a-zA-Z.]+</);
    for (const id of testIds) expect(html, id).toContain(`data-testid="${id}"`);
  });
});

describe('in Chinese, the views', () => {
  beforeAll(async () => {
    initI18n();
    await setLanguage('zh-CN');
  });

  it('open the project list on the stages of a pipeline group', () => {
    const html = render(<Pipeline />);
    expect(html).toContain('href="/projects?tab=ledger&amp;stage=listed,preparation,construction,completed,production"');
  });

  it('chart the plan year of the project', () => {
    const html = render(<InvestmentTab project={project} onChanged={() => undefined} />);
    expect(html).toContain('2026年月度投资（计划与完成）');
    expect(html).toContain('金额单位：万元');
  });
});
