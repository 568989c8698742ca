// Answers of GET /api/cockpit for the page smoke tests (never imported by the app), parsed by the contract's schema so
// that a fixture drifting from the contract fails the run: the zone leader's (every tile) and a department head's
// (no safety or park tile, no competition run yet).
import { cockpitSchema, type Cockpit } from '@zoneops/shared';
import { U } from '../../app/test-fixtures.tsx';
import type { CockpitIndicator } from './cockpit-ui.ts';

const indicator = (
  n: number,
  code: string,
  nameZh: string,
  nameEn: string,
  value: number | null,
  growth: number | null,
  rest: Partial<CockpitIndicator> = {},
) => ({
  id: U(300 + n),
  code,
  nameZh,
  nameEn,
  unit: '亿元',
  unitEn: '100 million yuan',
  periodLabel: '2026年1-10月',
  value,
  growth,
  rank: null,
  target: null,
  threshold: 'none',
  ...rest,
});

export const leaderCockpit: Cockpit = cockpitSchema.parse({
  at: '2026-11-23T01:00:00.000Z',
  economy: {
    month: '2026-10',
    indicators: [
      indicator(1, 'GDP', '地区生产总值', 'GDP', 612.35, 18.1, {
        periodLabel: '2026年前三季度',
        rank: { rank: 1, tiedWith: 1, of: 7 },
        target: { kind: 'growth', target: 8, gapPoints: 10.1, met: true },
        threshold: 'excellent',
      }),
      indicator(2, 'IND_OUTPUT', '规模以上工业总产值', 'Output of industry above designated size', 1523.4, 6.2, {
        rank: { rank: 2, tiedWith: 2, of: 7 },
        target: { kind: 'value', target: 2000, completion: 76.17, timeProgress: 83.33, aheadOfTime: -7.16, met: false },
        threshold: 'normal',
      }),
      indicator(3, 'FAI', '固定资产投资', 'Fixed asset investment', null, -3.24, {
        unit: '%',
        unitEn: '%',
        rank: { rank: 6, tiedWith: 1, of: 7 },
        target: { kind: 'growth', target: 10, gapPoints: -13.24, met: false },
        threshold: 'alert',
      }),
      indicator(4, 'TAX', '税收收入', 'Tax revenue', 48.27, 0),
    ],
    summary: { first: 1, second: 1, ranked: 3, belowTarget: 2, alert: 1 },
  },
  projects: {
    year: 2026,
    count: 46,
    annualPlan: '2131000.00',
    ytdCompleted: '1785432.50',
    annualPercent: 83.78,
    byLight: [
      { light: 'green', count: 38 },
      { light: 'yellow', count: 5 },
      { light: 'red', count: 2 },
      { light: 'none', count: 1 },
    ],
    yearLists: {
      newlyStarted: { count: 12, totalInvestment: '856000.00' },
      newlyProducing: { count: 4, totalInvestment: '120500.00' },
      newReserve: { count: 9, totalInvestment: '432100.00' },
    },
    topDelayed: [
      { id: U(401), name: '古雷港区疏港公路', leadUnitName: '建设局', light: 'red', overdueDays: 25 },
      { id: U(402), name: '古雷炼化一体化二期乙烯下游深加工项目', leadUnitName: '经济发展局', light: 'yellow', overdueDays: 3 },
    ],
  },
  promotion: {
    funnel: [
      { stage: 'lead', count: 18, plannedInvestment: '1250000.00' },
      { stage: 'negotiating', count: 9, plannedInvestment: '860000.00' },
      { stage: 'signed', count: 5, plannedInvestment: '420000.00' },
      { stage: 'started', count: 2, plannedInvestment: '150000.00' },
    ],
    signings: { year: 2026, count: 7, signedInvestment: '563000.00', capitalInPlace: '128400.00' },
  },
  supervision: {
    open: 57,
    red: 6,
    yellow: 11,
    overdueByUnit: [
      { unitId: U(21), unitName: '古雷镇', open: 12, red: 4 },
      { unitId: U(23), unitName: '建设局', open: 9, red: 2 },
    ],
    redItems: [
      { id: U(501), ledgerKind: 'supervision', title: '疏港公路征迁交地', unitName: '古雷镇', dueOn: '2026-10-31', overdueDays: 23 },
      { id: U(502), ledgerKind: 'rectification', title: '中央环保督察反馈问题第12项整改', unitName: '建设局', dueOn: null, overdueDays: 8 },
    ],
  },
  service: {
    from: '2026-01-01',
    to: '2026-11-23',
    requests: 128,
    open: 14,
    onTimeResponse: { count: 120, of: 125, rate: 96 },
    onTimeCompletion: { count: 87, of: 110, rate: 79.09 },
    satisfaction: { count: 0, of: 0, rate: null },
  },
  safety: { openAlarms: { red: 1, orange: 3, yellow: 12, blue: 0 } },
  park: {
    at: '2026-11-23T01:00:00.000Z',
    vehicles: 143,
    vehiclesByCategory: [
      { category: 'hazmat', count: 37 },
      { category: 'cargo', count: 58 },
      { category: 'unregistered', count: 2 },
      { category: 'ordinary', count: 46 },
    ],
    people: 2316,
  },
  competition: {
    runId: U(71),
    schemeId: U(50),
    schemeName: '“三百”劳动竞赛',
    period: '2026-Q3',
    status: 'appeal',
    rows: [
      { participantId: U(101), name: '古雷镇', track: '征迁组', total: 91.65, rank: 1, tied: false, redFlag: true },
      { participantId: U(102), name: '杜浔镇', track: '征迁组', total: 85, rank: 2, tied: true, redFlag: false },
      { participantId: U(100), name: '管委会办公室', track: '征迁组', total: 85, rank: 2, tied: true, redFlag: false },
      { participantId: U(103), name: '建设局', track: '建设组', total: 88.4, rank: 1, tied: false, redFlag: true },
    ],
  },
});

/** A department head's answer: no safety or park tile (no read permission), no competition run yet. */
export const deptCockpit: Cockpit = cockpitSchema.parse({
  ...leaderCockpit,
  safety: undefined,
  park: undefined,
  competition: null,
  economy: { month: null, indicators: [], summary: { first: 0, second: 0, ranked: 0, belowTarget: 0, alert: 0 } },
});
