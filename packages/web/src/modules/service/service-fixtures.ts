// Answers of the service API for the page smoke tests, each parsed by its contract schema so that a fixture that
// drifts from the contract fails the test run rather than testing a shape the server never sends.
import {
  metricsSchema,
  pairingImportPreviewSchema,
  pairingSchema,
  portalHomeSchema,
  replyTemplateSchema,
  requestDetailSchema,
  routesSchema,
  visitSchema,
  type Me,
  metricRate,
} from '@zoneops/shared';
import { adminMe, U } from '../../app/test-fixtures.tsx';

export const enterpriseUser: Me = {
  ...adminMe,
  id: U(3),
  username: 'ent',
  displayName: '企业联系人',
  enterpriseId: U(40),
  roles: ['enterpriseUser'],
  permissions: ['portal.use'],
};

/** 2026-11-23 09:00 in Shanghai. */
export const NOW = new Date('2026-11-23T01:00:00Z');

export const request = requestDetailSchema.parse({
  id: U(10),
  itemId: U(11),
  code: 'ENT-REQUESTS-0007',
  enterpriseId: U(40),
  enterpriseName: '漳州新材料有限公司',
  category: 'land',
  kind: 'ordinary',
  title: '厂房扩建用地指标咨询',
  status: 'reopened',
  round: 2,
  unitId: U(20),
  unitName: '自然资源局',
  filedAt: '2026-11-10T02:00:00.000Z',
  filedVia: 'visit',
  filedByName: '李干部',
  responseDueAt: '2026-11-20T16:00:00.000Z',
  respondedAt: null,
  completionDueOn: '2026-11-27',
  completedOn: null,
  resolved: null,
  rating: null,
  late: true,
  closedAt: null,
  followedUpAt: null,
  content: '计划扩建二期厂房，需了解用地指标与办理流程。',
  contactName: '王*',
  contactPhone: '138****5678',
  followUpNote: null,
  rounds: [
    {
      round: 1,
      unitId: U(20),
      unitName: '自然资源局',
      startedAt: '2026-11-10T02:00:00.000Z',
      responseDueAt: '2026-11-11T16:00:00.000Z',
      respondedAt: '2026-11-11T03:00:00.000Z',
      completionDueOn: '2026-11-17',
      completedOn: '2026-11-18',
      answer: '已告知用地指标申请流程。',
      answeredByName: '赵科长',
      resolved: false,
      rating: 'dissatisfied',
      ratingComment: '未明确办理时限',
      ratedAt: '2026-11-19T02:00:00.000Z',
    },
    {
      round: 2,
      unitId: U(20),
      unitName: '自然资源局',
      startedAt: '2026-11-19T02:00:00.000Z',
      responseDueAt: '2026-11-20T16:00:00.000Z',
      respondedAt: null,
      completionDueOn: '2026-11-27',
      completedOn: null,
      answer: null,
      answeredByName: null,
      resolved: null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
    },
  ],
  refusals: [
    {
      round: 1,
      unitId: U(21),
      unitName: '经济发展局',
      reason: '用地事项属自然资源局职责',
      redirectedToUnitId: U(20),
      redirectedToUnitName: '自然资源局',
      at: '2026-11-10T03:00:00.000Z',
      byName: '钱科员',
    },
  ],
  cadres: [{ userId: U(5), displayName: '李干部', role: 'primary' }],
  can: { dispatch: true, accept: true, refuse: true, answer: true, rate: false, followUp: false },
});

/** The same request answered, as its enterprise sees it: it may rate. */
export const answered = requestDetailSchema.parse({
  ...request,
  status: 'answered',
  late: false,
  respondedAt: '2026-11-20T01:00:00.000Z',
  completedOn: '2026-11-23',
  resolved: true,
  rounds: [
    request.rounds[0],
    {
      ...request.rounds[1],
      respondedAt: '2026-11-20T01:00:00.000Z',
      completedOn: '2026-11-23',
      answer: '已协调用地指标，预计12月完成审批。',
      answeredByName: '赵科长',
      resolved: true,
    },
  ],
  can: { dispatch: false, accept: false, refuse: false, answer: false, rate: true, followUp: false },
});

export const routes = routesSchema.parse({
  routes: [
    { category: 'policy', unitId: U(21), unitName: '经济发展局', unitGone: false },
    { category: 'land', unitId: U(22), unitName: '原国土分局', unitGone: true },
  ],
});

export const templates = [
  replyTemplateSchema.parse({ id: U(30), category: 'land', title: '用地政策答复', body: '您好，关于用地指标……', active: true }),
  replyTemplateSchema.parse({ id: U(31), category: 'policy', title: '旧模板', body: '……', active: false }),
];

export const pairing = pairingSchema.parse({
  id: U(50),
  cadreUserId: U(5),
  cadreName: '李干部',
  cadreUnitName: '经济发展局',
  enterpriseId: U(40),
  enterpriseName: '漳州新材料有限公司',
  role: 'primary',
  startsOn: '2026-01-01',
  endsOn: null,
  active: true,
  visits: 3,
  lastVisitOn: '2026-08-01',
});

export const preview = pairingImportPreviewSchema.parse({
  rows: [
    { row: 2, username: 'li', enterprise: '漳州新材料有限公司', role: '包联责任人', startsOn: '2026-01-01', endsOn: null, errors: [] },
    {
      row: 3,
      username: 'nobody',
      enterprise: '不存在公司',
      role: '联络员',
      startsOn: '2026-13-01',
      endsOn: null,
      errors: [{ column: '干部账号', message: '没有该账号' }],
    },
  ],
  valid: 1,
  invalid: 1,
  unchanged: 0,
});

export const visit = visitSchema.parse({
  id: U(60),
  enterpriseId: U(40),
  enterpriseName: '漳州新材料有限公司',
  cadreUserId: U(5),
  cadreName: '李干部',
  visitedOn: '2026-11-10',
  people: '王总、李干部',
  topics: '二期扩建',
  notes: null,
  photoCount: 2,
  requests: [{ id: U(10), code: 'ENT-REQUESTS-0007', title: '厂房扩建用地指标咨询', status: 'reopened' }],
});

export const metrics = metricsSchema.parse({
  from: '2026-01-01',
  to: '2026-12-31',
  rows: [
    {
      unitId: U(20),
      unitName: '自然资源局',
      rounds: 2,
      requests: 1,
      onTimeResponse: metricRate(1, 2),
      onTimeCompletion: metricRate(0, 1),
      satisfaction: metricRate(0, 1),
      resolved: metricRate(0, 1),
      refusals: 0,
    },
    {
      unitId: U(21),
      unitName: '经济发展局',
      rounds: 3,
      requests: 3,
      onTimeResponse: metricRate(3, 3),
      onTimeCompletion: metricRate(2, 3),
      satisfaction: metricRate(2, 2),
      resolved: metricRate(0, 0),
      refusals: 1,
    },
  ],
  total: {
    unitId: null,
    unitName: '合计',
    rounds: 5,
    requests: 4,
    onTimeResponse: metricRate(4, 5),
    onTimeCompletion: metricRate(2, 4),
    satisfaction: metricRate(2, 3),
    resolved: metricRate(0, 1),
    refusals: 1,
  },
});

export const portalHome = portalHomeSchema.parse({
  enterprise: { id: U(40), name: '漳州新材料有限公司' },
  cadres: [{ userId: U(5), displayName: '李干部', unitName: '经济发展局', phone: '13800001111', role: 'primary' }],
  open: 2,
  awaitingRating: 1,
  closed: 5,
  projects: [{ id: U(70), name: '新材料二期', light: 'yellow' }],
});
