// The promotion pages render (server-side, first paint) in both languages for a user holding every permission, and
// the parts that take data render with answers as the server gives them: every fixture below is parsed by its schema
// from @zoneops/shared, so a change of the contract breaks this test. Effects do not run here (nothing is fetched);
// the fetch stub answers the same fixtures should one ever be made.
import type { ComponentType, ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  assessmentSchema,
  chainDetailSchema,
  chainSchema,
  criteriaListSchema,
  leadBoardSchema,
  leadDetailSchema,
  leadEventsSchema,
  rejectionReportSchema,
  scoreboardSchema,
  teamSchema,
} from '@zoneops/shared';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../app/test-fixtures.tsx';
import { ChainDiagram } from './chains/ChainDiagram.tsx';
import ChainsPage, { ChainCards } from './ChainsPage.tsx';
import { AssessmentList, LeadTimeline } from './detail/LeadHistory.tsx';
import LeadDetailPage, { LeadView } from './LeadDetailPage.tsx';
import { CriteriaView } from './leads/CriteriaEditor.tsx';
import { LeadBoardView } from './leads/LeadBoard.tsx';
import { RejectionView } from './leads/RejectionReport.tsx';
import LeadsPage from './LeadsPage.tsx';
import { ScoreboardView } from './teams/Scoreboard.tsx';
import { TeamTable } from './teams/TeamList.tsx';
import TeamsPage from './TeamsPage.tsx';

const html = (element: ReactElement, path = '/promotion') => renderAs(adminMe, element, path);

// ---- answers of the server -------------------------------------------------------------------------------------------

const lead = {
  id: U(10),
  code: 'ZS-2026-0007',
  company: '华东恒远石化股份有限公司',
  uscc: '91350600MA2XXXXX1A',
  parentCompany: '恒远集团',
  countryRegion: 'CN',
  fortune500: true,
  industry: 'petrochemical',
  plannedInvestment: '1200000.00',
  currency: null,
  foreignAmount: null,
  fxRate: null,
  landMu: 1500,
  source: '以商引商',
  referrer: '李四',
  stage: 'signed' as const,
  outcome: 'active' as const,
  ownerUserId: U(3),
  ownerName: '王招商',
  teamId: U(4),
  teamName: '石化招商组',
  registeredOn: '2026-03-02',
  signedOn: '2026-09-18',
  signedAmount: '1000000.00',
  capitalInPlace: null,
  clockState: 'overdue' as const,
  duplicateOf: [{ id: U(11), code: 'ZS-2025-0042', company: '华东恒远石化有限公司' }],
  projectId: null,
  updatedAt: '2026-11-20T02:00:00.000Z',
};

const detail = leadDetailSchema.parse({
  ...lead,
  content: '年产 250 万吨 PTA',
  contacts: [{ name: '张*', title: '董事长', phone: '138****0000', email: null }],
  referrerPhone: '139****1111',
  expectedTax: 90000,
  energyUse: 480000,
  expectedOutput: 2600000,
  environmentalCategory: 'report',
  chainFit: true,
  chainSegmentId: U(30),
  clocks: [
    { code: 'answer', dueOn: '2026-03-03', doneOn: '2026-03-02', state: 'done', lateDays: 0 },
    { code: 'assess', dueOn: '2026-03-05', doneOn: null, state: 'overdue', lateDays: 12 },
    { code: 'feedback', dueOn: '2026-11-23', doneOn: null, state: 'dueToday', lateDays: 0 },
    { code: 'report', dueOn: '2026-12-07', doneOn: null, state: 'open', lateDays: 0 },
  ],
  plannedStartOn: null,
  startedOn: null,
  productionOn: null,
  contactsMasked: true,
  can: { edit: true, transfer: true, assess: true, approve: true },
});

const board = leadBoardSchema.parse({
  columns: [
    {
      stage: 'lead',
      count: 23,
      plannedInvestment: '50000.00',
      cards: [{ ...lead, id: U(12), stage: 'lead', clockState: 'dueToday', company: '闽南新材料科技有限公司' }],
    },
    { stage: 'signed', count: 1, plannedInvestment: '1200000.00', cards: [lead] },
  ],
});

const events = leadEventsSchema.parse({
  items: [
    { id: U(40), kind: 'registered', fromValue: null, toValue: 'lead', reason: null, at: '2026-03-02T01:00:00.000Z', byName: '王招商' },
    { id: U(41), kind: 'stage', fromValue: 'lead', toValue: 'signed', reason: null, at: '2026-09-18T01:00:00.000Z', byName: '王招商' },
    { id: U(42), kind: 'transfer', fromValue: U(5), toValue: U(3), reason: '工作调整', at: '2026-06-01T01:00:00.000Z', byName: '招商局长' },
    { id: U(43), kind: 'clock', fromValue: 'answer', toValue: '2026-03-02', reason: null, at: '2026-03-02T02:00:00.000Z', byName: null },
    { id: U(44), kind: 'trip', fromValue: null, toValue: U(60), reason: '赴宁波拜访', at: '2026-04-02T02:00:00.000Z', byName: '王招商' },
    { id: U(45), kind: 'project', fromValue: null, toValue: 'GL-2026-009', reason: null, at: '2026-10-02T02:00:00.000Z', byName: '招商局长' },
  ],
});

const assessments = [
  assessmentSchema.parse({
    id: U(50),
    leadId: lead.id,
    criteria: [{ measure: 'taxPerMu', rule: 'min', threshold: 30 }],
    results: [
      { measure: 'investmentIntensity', value: 1333.333333, pass: true, missing: [] },
      { measure: 'taxPerMu', value: 60, pass: true, missing: [] },
      { measure: 'energyIntensity', value: null, pass: null, missing: ['energyUse'] },
      { measure: 'environmentalCategory', value: 'reportForm', pass: true, missing: [] },
      { measure: 'chainFit', value: false, pass: false, missing: [] },
    ],
    computedPass: true,
    decision: 'reject',
    reasons: '环境容量不足',
    assessedByName: '招商局长',
    assessedAt: '2026-03-04T02:00:00.000Z',
  }),
];

const criteria = criteriaListSchema.parse([
  { measure: 'investmentIntensity', rule: 'min', threshold: 300 },
  { measure: 'energyIntensity', rule: 'max', threshold: 0.5 },
  { measure: 'environmentalCategory', rule: 'oneOf', allowed: ['reportForm', 'registration'] },
  { measure: 'chainFit', rule: 'required' },
]);

const rejections = rejectionReportSchema.parse({
  total: 2,
  byMeasure: [{ measure: 'energyIntensity', count: 2 }],
  byIndustry: [{ industry: 'fineChemical', count: 2 }],
  items: [
    {
      leadId: U(13),
      code: 'ZS-2026-0011',
      company: '某化工有限公司',
      industry: 'fineChemical',
      on: '2026-05-06',
      failed: ['energyIntensity'],
      reasons: '能耗过高',
    },
  ],
});

const scoreboard = scoreboardSchema.parse({
  from: '2026-01-01',
  to: '2026-12-31',
  rows: [
    { teamId: U(4), teamName: '石化招商组', leads: 12, trips: 5, receptions: 8, signings: 2, signedInvestment: '1234567.89', capitalInPlace: '300000.00' },
  ],
});

const team = teamSchema.parse({
  id: U(4),
  name: '石化招商组',
  unitId: U(2),
  unitName: '招商局',
  leaderUserId: U(3),
  leaderName: '王招商',
  active: true,
  members: [
    { userId: U(3), displayName: '王招商', role: 'leader' },
    { userId: U(6), displayName: '赵六', role: 'member' },
  ],
});

const chainDetail = chainDetailSchema.parse({
  id: U(20),
  name: '芳烃-聚酯',
  description: '从 PX 到涤纶',
  chiefUserId: U(3),
  chiefName: '王招商',
  sort: 0,
  segmentCount: 2,
  gapCount: 1,
  zoneEnterpriseCount: 1,
  targetCount: 1,
  segments: [
    {
      id: U(30),
      chainId: U(20),
      parentId: null,
      name: 'PTA',
      position: 0,
      description: null,
      gap: false,
      leadCount: 1,
      companies: [
        {
          id: U(31),
          segmentId: U(30),
          kind: 'zone',
          enterpriseId: U(32),
          name: '古雷石化',
          leadId: null,
          leadCode: null,
          leadStage: null,
          chainLeader: true,
          note: null,
        },
      ],
    },
    {
      id: U(33),
      chainId: U(20),
      parentId: U(30),
      name: '聚酯',
      position: 1,
      description: null,
      gap: true,
      leadCount: 0,
      companies: [
        {
          id: U(34),
          segmentId: U(33),
          kind: 'target',
          enterpriseId: null,
          name: '华东恒远',
          leadId: lead.id,
          leadCode: lead.code,
          leadStage: 'signed',
          chainLeader: false,
          note: '重点目标',
        },
      ],
    },
  ],
});
const { segments: _segments, ...chain } = chainDetail;
chainSchema.parse(chain);

const answers: [RegExp, unknown][] = [
  [/^\/api\/promotion\/board/, board],
  [/^\/api\/promotion\/leads\/[^/?]+\/events/, events],
  [/^\/api\/promotion\/leads\/[^/?]+\/assessments/, { items: assessments }],
  [/^\/api\/promotion\/leads\/[^/?]+$/, detail],
  [/^\/api\/promotion\/leads/, { items: [lead], total: 1, page: 1, pageSize: 20 }],
  [/^\/api\/promotion\/criteria/, criteria],
  [/^\/api\/promotion\/reports\/rejections/, rejections],
  [/^\/api\/promotion\/scoreboard/, scoreboard],
  [/^\/api\/promotion\/teams/, { items: [team] }],
  [/^\/api\/promotion\/chains\/[^/?]+$/, chainDetail],
  [/^\/api\/promotion\/chains/, { items: [chain] }],
];

beforeAll(() => {
  vi.stubGlobal('fetch', async (url: string) => {
    const path = String(url);
    const hit = answers.find(([re]) => re.test(path));
    return new Response(JSON.stringify(hit ? hit[1] : []), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterAll(() => vi.unstubAllGlobals());

// ---- the pages -------------------------------------------------------------------------------------------------------

const pages: [string, ComponentType, string][] = [
  ['leads (list)', LeadsPage, '/promotion?stage=signed&clockState=overdue'],
  ['leads (board)', LeadsPage, '/promotion?view=board'],
  ['rejections', LeadsPage, '/promotion?tab=rejections&from=2026-01-01&to=2026-06-30'],
  ['criteria', LeadsPage, '/promotion?tab=criteria'],
  ['lead', LeadDetailPage, `/promotion/leads/${lead.id}`],
  ['scoreboard', TeamsPage, '/promotion/teams'],
  ['teams', TeamsPage, '/promotion/teams?tab=teams'],
  ['trips', TeamsPage, '/promotion/teams?tab=trips'],
  ['receptions', TeamsPage, '/promotion/teams?tab=receptions'],
  ['chains', ChainsPage, '/promotion/chains'],
];

describe.each(['zh-CN', 'en-US'] as const)('promotion pages in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });
  // a key that leaked untranslated looks like "promotion.area.key"
  const untranslated = /promotion\.[a-zA-Z]+(\.[a-zA-Z]+)*/;

  it.each(pages)('%s renders without data', (_name, Page, path) => {
    const out = html(<Page />, path);
    expect(out.length).toBeGreaterThan(100);
    expect(out).not.toMatch(untranslated);
  });

  it('shows the list’s view switch, filters, export and registration', () => {
    const out = html(<LeadsPage />, '/promotion?stage=signed');
    for (const id of ['lead-view', 'lead-filters', 'lead-filter-stage', 'lead-filter-clock', 'lead-export', 'lead-create', 'leads-table']) {
      expect(out, id).toContain(`data-testid="${id}"`);
    }
  });

  it('renders the kanban with seven columns, counts, sums and clock badges', () => {
    const out = html(<LeadBoardView board={board} onOpen={() => undefined} moreLink={(s) => `/promotion?stage=${s}`} />);
    for (const s of ['lead', 'negotiating', 'signed', 'preStart', 'started', 'capitalInPlace', 'production']) expect(out).toContain(`board-column-${s}`);
    expect(out).toContain('data-testid="board-count-lead"');
    expect(out).toContain('1,200,000.00');
    expect(out).toContain('data-clock="overdue"');
    expect(out).toContain('data-clock="dueToday"');
    // 23 leads, one card
    expect(out).toContain('data-testid="board-more-lead"');
    expect(out).toContain(zh ? '还有 22 条' : '22 more');
    expect(out).not.toMatch(untranslated);
  });

  it('renders a lead with its steps, clocks, masked contacts and actions', () => {
    const out = html(<LeadView lead={detail} replace={() => undefined} reload={() => undefined} />, `/promotion/leads/${lead.id}`);
    for (const id of [
      'lead-steps',
      'lead-clocks',
      'lead-contacts-masked',
      'lead-action-stage',
      'lead-action-transfer',
      'lead-action-assess',
      'lead-action-convert',
      'lead-action-close',
    ]) {
      expect(out, id).toContain(`data-testid="${id}"`);
    }
    expect(out).toContain('data-state="overdue"');
    expect(out).toContain(zh ? '超期 12 个工作日' : '12 working days late');
    expect(out).toContain('data-testid="lead-clock-done-assess"');
    expect(out).not.toContain('data-testid="lead-clock-done-answer"');
    expect(out).toContain('138****0000');
    // the figures grouped like the amounts
    expect(out).toContain(zh ? '90,000 万元' : '90,000 10k yuan');
    expect(out).toContain(zh ? '2,600,000 万元' : '2,600,000 10k yuan');
    expect(out).toContain('480,000 ');
    expect(out).toContain('1,500 ');
    expect(out).not.toContain('lead-project-link');
    expect(out).not.toMatch(untranslated);

    // the owner without promotion.approve may edit but not assess (the server answers 403)
    const owner = html(
      <LeadView lead={{ ...detail, can: { edit: true, transfer: true, assess: true, approve: false } }} replace={() => undefined} reload={() => undefined} />,
    );
    expect(owner).toContain('data-testid="lead-action-stage"');
    expect(owner).not.toContain('data-testid="lead-action-assess"');
    expect(owner).not.toContain('data-testid="lead-action-convert"');

    const converted = html(<LeadView lead={{ ...detail, projectId: U(70) }} replace={() => undefined} reload={() => undefined} />);
    expect(converted).toContain(`href="/projects/${U(70)}"`);
    expect(converted).not.toContain('data-testid="lead-action-convert"');

    const closed = html(
      <LeadView
        lead={{ ...detail, outcome: 'withdrawn', can: { edit: true, transfer: true, assess: true, approve: false } }}
        replace={() => undefined}
        reload={() => undefined}
      />,
    );
    expect(closed).not.toContain('data-testid="lead-action-stage"');
    expect(closed).not.toContain('lead-clock-done-');
  });

  it('renders the history and the assessments', () => {
    const out = html(<LeadTimeline events={events.items} />);
    expect(out).toContain(zh ? '阶段：线索 → 签约' : 'Stage: Lead → Signed');
    expect(out).toContain(zh ? '转交跟进人' : 'Transferred to another owner');
    expect(out).not.toContain(U(5));
    expect(out).toContain('赴宁波拜访');
    expect(out).toContain('GL-2026-009');
    expect(out).not.toMatch(untranslated);
    const list = html(<AssessmentList items={assessments} />);
    expect(list).toContain(`assessment-${U(50)}-taxPerMu`);
    expect(list).toContain(zh ? '结论与测算不一致' : 'Decision differs from the check');
    expect(list).toContain(zh ? '1,333.33 万元/亩' : '1,333.33 10k yuan/mu');
    expect(list).toContain(zh ? '报告表' : 'Report form');
    expect(list).not.toContain('reportForm');
    expect(list).toContain(zh ? '>否<' : '>No<');
    expect(list).not.toMatch(untranslated);
  });

  it('renders the rejection report, the criteria, the scoreboard and the teams', () => {
    const rej = html(<RejectionView report={rejections} />);
    expect(rej).toContain('data-testid="rejection-chart"');
    expect(rej).toContain('ZS-2026-0011');
    expect(rej).toContain(zh ? '能耗强度' : 'Energy intensity');
    const crit = html(<CriteriaView criteria={criteria} />);
    expect(crit).toContain(zh ? '不低于 300 万元/亩' : 'At least 300 10k yuan/mu');
    expect(crit).toContain(zh ? '属于：报告表、登记表' : 'One of: Report form');
    const score = html(<ScoreboardView board={scoreboard} />);
    expect(score).toContain('data-testid="scoreboard-chart"');
    expect(score).toContain('1,234,567.89');
    const teams = html(<TeamTable teams={[team]} onEdit={() => undefined} />);
    expect(teams).toContain('赵六');
    expect(teams).toContain(`team-edit-${U(4)}`);
    for (const out of [rej, crit, score, teams]) expect(out).not.toMatch(untranslated);
  });

  it('renders the chain cards and the diagram with its legend', () => {
    const cards = html(<ChainCards chains={[chain]} selected={chain.id} onSelect={() => undefined} />, '/promotion/chains');
    expect(cards).toContain(`chain-card-${chain.id}`);
    expect(cards).toContain('芳烃-聚酯');
    const diagram = html(<ChainDiagram chain={chainDetail} onNode={() => undefined} />, '/promotion/chains');
    expect(diagram).toContain('data-testid="chain-legend"');
    expect(diagram).toContain('data-testid="chain-tree"');
    expect(diagram).toContain(zh ? '缺失环节' : 'Gap');
    for (const out of [cards, diagram]) expect(out).not.toMatch(untranslated);
  });
});
