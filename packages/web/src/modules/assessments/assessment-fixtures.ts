// Answers of the assessment API for the page smoke tests, each parsed by its contract schema so that a fixture that
// drifts from the contract fails the test run rather than testing a shape the server never sends. The signed-in test
// user (adminMe) belongs to unit U(2), which takes part as 管委会办公室: its row is the one a member may not score.
import { appealListSchema, breakdownSchema, redFlagHistorySchema, runListSchema, runSchema, schemeListSchema, schemeSchema } from '@zoneops/shared';
import { U } from '../../app/test-fixtures.tsx';

const dimensions = [
  {
    id: 'invest',
    category: 'compare',
    name: '投资完成率',
    nameEn: 'Investment completion',
    weight: 40,
    method: 'auto',
    metric: 'investmentCompletion',
    scoring: { kind: 'rate' },
    ifNoData: 'zero',
  },
  {
    id: 'overdue',
    category: 'look',
    name: '督办超期',
    weight: 20,
    method: 'auto',
    metric: 'tasksOverdue',
    scoring: { kind: 'deduct', perItem: 5 },
    ifNoData: 'full',
  },
  { id: 'panel', category: 'compare', name: '现场观摩', weight: 25, method: 'panel' },
  { id: 'spirit', category: 'create', name: '创新亮点', weight: 15, method: 'grade' },
];

const participants = [
  { id: U(100), unitId: U(2), projectId: null, name: '管委会办公室', track: '征迁组' },
  { id: U(101), unitId: U(21), projectId: null, name: '古雷镇', track: '征迁组' },
  { id: U(102), unitId: U(22), projectId: null, name: '杜浔镇', track: '征迁组' },
  { id: U(103), unitId: U(23), projectId: null, name: '建设局', track: '建设组' },
];

export const scheme = schemeSchema.parse({
  id: U(50),
  name: '“三百”劳动竞赛',
  nameEn: '"Three hundred" labour competition',
  description: '比投资、比进度、看成效、创亮点。',
  periodKind: 'quarter',
  participantKind: 'unit',
  tracks: ['征迁组', '建设组'],
  redFlagTopN: 1,
  appealWorkingDays: 3,
  dimensions,
  participants,
  panel: [
    { userId: U(60), name: '考核办科长', unitId: U(9) },
    { userId: U(1), name: '系统管理员', unitId: U(2) },
  ],
  active: true,
  updatedAt: '2026-11-20T02:00:00.000Z',
});

export const schemeList = schemeListSchema.parse({
  items: [
    {
      ...scheme,
      participants: undefined,
      panel: undefined,
      dimensions: undefined,
      participantCount: 4,
      dimensionCount: 4,
      lastRun: { id: U(70), period: '2026-Q3', status: 'appeal' },
    },
    {
      id: U(51),
      name: '“七比一看”竞赛',
      nameEn: null,
      description: null,
      periodKind: 'halfMonth',
      participantKind: 'project',
      tracks: [],
      redFlagTopN: 0,
      appealWorkingDays: 3,
      active: false,
      updatedAt: '2026-11-01T02:00:00.000Z',
      participantCount: 12,
      dimensionCount: 8,
      lastRun: null,
    },
  ],
});

const results = [
  {
    participantId: U(101),
    name: '古雷镇',
    track: '征迁组',
    dimensions: { invest: 36.4, overdue: 20, panel: 22.5, spirit: 12.75 },
    total: 91.65,
    rank: 1,
    tied: false,
    redFlag: true,
  },
  {
    participantId: U(100),
    name: '管委会办公室',
    track: '征迁组',
    dimensions: { invest: 30, overdue: 15, panel: 24, spirit: 15 },
    total: 84,
    rank: 2,
    tied: true,
    redFlag: false,
  },
  {
    participantId: U(102),
    name: '杜浔镇',
    track: '征迁组',
    dimensions: { invest: 32, overdue: 10, panel: 21, spirit: 21 },
    total: 84,
    rank: 2,
    tied: true,
    redFlag: false,
  },
  {
    participantId: U(103),
    name: '建设局',
    track: '建设组',
    dimensions: { invest: 28, overdue: 20, panel: null, spirit: 10.5 },
    total: 58.5,
    rank: 1,
    tied: false,
    redFlag: true,
  },
];

/** The third quarter in its appeal window (until 2026-11-25), seen by a manager who also sits on the panel. */
export const run = runSchema.parse({
  id: U(70),
  schemeId: scheme.id,
  schemeName: scheme.name,
  period: '2026-Q3',
  periodStart: '2026-07-01',
  periodEnd: '2026-09-30',
  status: 'appeal',
  dimensions,
  participants,
  computedAt: '2026-11-18T01:30:00.000Z',
  publishedAt: '2026-11-20T02:00:00.000Z',
  appealEndsOn: '2026-11-25',
  lockedAt: null,
  highlights: '古雷镇征迁交地提前完成。',
  progress: { entered: 12, expected: 16 },
  can: { score: true, appeal: true, manage: true },
  results,
});

/** The same run while the panel scores (nothing published yet). */
export const scoringRun = runSchema.parse({
  ...run,
  status: 'scoring',
  publishedAt: null,
  appealEndsOn: null,
  highlights: null,
  progress: { entered: 3, expected: 16 },
});

export const runList = runListSchema.parse({
  items: [
    { id: U(70), schemeId: scheme.id, schemeName: scheme.name, period: '2026-Q3', status: 'appeal', publishedAt: run.publishedAt, lockedAt: null },
    {
      id: U(71),
      schemeId: scheme.id,
      schemeName: scheme.name,
      period: '2026-Q2',
      status: 'locked',
      publishedAt: '2026-08-10T02:00:00.000Z',
      lockedAt: '2026-08-14T09:00:00.000Z',
    },
  ],
});

export const appeals = appealListSchema.parse({
  items: [
    {
      id: U(80),
      runId: run.id,
      participantId: U(102),
      participantName: '杜浔镇',
      dimensionId: 'overdue',
      reason: '两件督办事项已于9月28日报结，系统仍计为超期。',
      filedBy: '杜浔镇 张科员',
      filedAt: '2026-11-21T01:00:00.000Z',
      status: 'accepted',
      answer: '经核实已按期报结，恢复得分。',
      answeredBy: '考核办科长',
      answeredAt: '2026-11-22T03:00:00.000Z',
      pointsBefore: 10,
      pointsAfter: 20,
    },
    {
      id: U(81),
      runId: run.id,
      participantId: U(103),
      participantName: '建设局',
      dimensionId: 'invest',
      reason: '10月补报的9月投资未计入。',
      filedBy: '建设局 李科长',
      filedAt: '2026-11-22T02:00:00.000Z',
      status: 'open',
      answer: null,
      answeredBy: null,
      answeredAt: null,
      // recorded when the appeal is answered
      pointsBefore: null,
      pointsAfter: null,
    },
  ],
});

export const breakdown = breakdownSchema.parse({
  participant: participants[2],
  total: 84,
  rank: 2,
  redFlag: false,
  dimensions: [
    {
      dimensionId: 'invest',
      name: '投资完成率',
      weight: 40,
      points: 32,
      lost: 8,
      scores: [
        {
          id: U(90),
          participantId: U(102),
          dimensionId: 'invest',
          scorerId: null,
          scorerName: null,
          value: 0.8,
          grade: null,
          points: 32,
          comment: null,
          inputs: {
            numerator: 16000,
            denominator: 20000,
            records: [
              { kind: 'project', id: U(91), label: '古雷港区疏港公路', figure: '12000.00 / 15000.00' },
              { kind: 'project', id: U(92), label: '杜浔污水处理厂', figure: '4000.00 / 5000.00' },
            ],
            more: 3,
          },
          scoredAt: '2026-11-18T01:30:00.000Z',
        },
      ],
    },
    {
      dimensionId: 'overdue',
      name: '督办超期',
      weight: 20,
      points: 20,
      lost: 0,
      // no task overdue to count: full points by the dimension's rule
      scores: [
        {
          id: U(94),
          participantId: U(102),
          dimensionId: 'overdue',
          scorerId: null,
          scorerName: null,
          value: null,
          grade: null,
          points: 20,
          comment: null,
          inputs: { numerator: null, denominator: null, records: [], more: 0 },
          scoredAt: '2026-11-18T01:30:00.000Z',
        },
      ],
    },
    {
      dimensionId: 'panel',
      name: '现场观摩',
      weight: 25,
      points: 21,
      lost: 4,
      scores: [
        {
          id: U(93),
          participantId: U(102),
          dimensionId: 'panel',
          scorerId: U(60),
          scorerName: '考核办科长',
          value: 21,
          grade: null,
          points: 21,
          comment: '现场组织有序，进度略慢。',
          inputs: null,
          scoredAt: '2026-11-19T06:00:00.000Z',
        },
      ],
    },
  ],
});

export const redFlags = redFlagHistorySchema.parse({
  items: [
    { runId: run.id, schemeId: scheme.id, schemeName: scheme.name, period: '2026-Q3', track: '征迁组', participantId: U(101), name: '古雷镇', total: 91.65 },
    { runId: U(71), schemeId: scheme.id, schemeName: scheme.name, period: '2026-Q2', track: null, participantId: U(103), name: '建设局', total: 88.5 },
  ],
});
