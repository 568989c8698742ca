// The run's results from a hand-made definition and scores: points per dimension (panel points as the members' mean),
// totals ranked per track with the red flag, the rows in page order, the panel's progress under the own-unit rule,
// a participant's breakdown and the changes the audit keeps.
import { describe, expect, it } from 'vitest';
import type { ResultRow, ScoreRow } from './assessment.repository.ts';
import {
  autoScoreChanges,
  breakdownOf,
  panelProgress,
  pointsTable,
  rankingChanges,
  rankOf,
  resultRows,
  type AutoScore,
  type RunDefinition,
} from './assessment-results.ts';

const def: RunDefinition = {
  participantKind: 'unit',
  dimensions: [
    {
      id: 'started',
      category: 'compare',
      name: '项目开工',
      weight: 60,
      method: 'auto',
      metric: 'projectsStarted',
      scoring: { kind: 'relative' },
      ifNoData: 'full',
    },
    { id: 'review', category: 'look', name: '评审评价', weight: 40, method: 'panel', ifNoData: 'full' },
  ],
  participants: [
    { id: 'pa', unitId: 'ua', projectId: null, name: 'Alpha', track: 'X' },
    { id: 'pb', unitId: 'ub', projectId: null, name: 'Beta', track: 'X' },
    { id: 'pc', unitId: 'uc', projectId: null, name: 'Gamma', track: 'Y' },
  ],
  panel: [
    { userId: 'm1', name: '评委一', unitId: 'ua-sub' },
    { userId: 'm2', name: '评委二', unitId: 'uz' },
  ],
  redFlagTopN: 1,
  appealWorkingDays: 3,
  asOf: '2026-09-30',
};
const paths = new Map([
  ['pa', '/1/a/'],
  ['pb', '/1/b/'],
  ['pc', '/1/c/'],
]);
// m1 works in a unit under Alpha's: Alpha is their own unit
const members = new Map([
  ['m1', { unitPath: '/1/a/x/' }],
  ['m2', { unitPath: '/1/z/' }],
]);

let n = 0;
const score = (participantId: string, dimensionId: string, scorerId: string | null, points: number, value: string | null = null): ScoreRow => ({
  id: `s${++n}`,
  participantId,
  dimensionId,
  scorerId,
  scorerName: scorerId,
  value,
  grade: null,
  points: points.toFixed(2),
  comment: null,
  inputs: null,
  scoredAt: new Date('2026-10-08T02:00:00Z'),
});

const scores: ScoreRow[] = [
  score('pa', 'started', null, 50, '4.0000'),
  score('pb', 'started', null, 60, '5.0000'),
  score('pa', 'review', 'm2', 40),
  score('pb', 'review', 'm1', 30),
  score('pb', 'review', 'm2', 20),
  score('pc', 'review', 'm1', 36),
];

describe('assessment results', () => {
  it('takes automatic points as computed and panel points as the members’ mean; a missing score is null', () => {
    const table = pointsTable(def, scores);
    expect(table.get('pa')).toEqual({ started: 50, review: 40 });
    expect(table.get('pb')).toEqual({ started: 60, review: 25 });
    expect(table.get('pc')).toEqual({ started: null, review: 36 });
  });

  it('ranks totals per track (an unscored dimension counts 0) and gives the red flag to the top of each track', () => {
    const ranked = rankOf(def, pointsTable(def, scores));
    expect(ranked.map((r) => [r.participantId, r.total, r.rank, r.redFlag])).toEqual([
      ['pa', 90, 1, true],
      ['pb', 85, 2, false],
      ['pc', 36, 1, true],
    ]);
  });

  it('orders the rows by track, rank, then name, with the participant’s name and points', () => {
    const tied = [...scores.filter((s) => s.dimensionId !== 'review' || s.participantId !== 'pa'), score('pa', 'review', 'm2', 35)];
    const table = pointsTable(def, tied);
    const rows = resultRows(def, table, rankOf(def, table));
    expect(rows.map((r) => [r.name, r.track, r.total, r.rank, r.tied])).toEqual([
      ['Alpha', 'X', 85, 1, true],
      ['Beta', 'X', 85, 1, true],
      ['Gamma', 'Y', 36, 1, false],
    ]);
    expect(rows[1]!.dimensions).toEqual({ started: 60, review: 25 });
  });

  it('expects every active member to score every participant but their own unit, and lists what is missing', () => {
    expect(panelProgress(def, scores, paths, members)).toEqual({
      expected: 5,
      entered: 4,
      missing: [{ userId: 'm2', participantId: 'pc', dimensionId: 'review' }],
    });
    // a member no longer active expects nothing
    expect(panelProgress(def, scores, paths, new Map([['m2', { unitPath: '/1/z/' }]]))).toEqual({
      expected: 3,
      entered: 2,
      missing: [{ userId: 'm2', participantId: 'pc', dimensionId: 'review' }],
    });
  });

  it('breaks a participant down: points, what each dimension lost, the scores behind them', () => {
    const table = pointsTable(def, scores);
    const b = breakdownOf(def, def.participants[1]!, scores, table, rankOf(def, table));
    expect([b.total, b.rank, b.redFlag]).toEqual([85, 2, false]);
    expect(b.dimensions.map((d) => [d.dimensionId, d.points, d.lost, d.scores.length])).toEqual([
      ['started', 60, 0, 1],
      ['review', 25, 15, 2],
    ]);
    expect(b.dimensions[0]!.scores[0]).toMatchObject({ scorerId: null, value: 5, points: 60, scoredAt: '2026-10-08T02:00:00.000Z' });
    const gone = breakdownOf(def, def.participants[2]!, scores, table, []);
    expect([gone.total, gone.rank, gone.redFlag, gone.dimensions[0]!.lost]).toEqual([0, null, false, 60]);
  });

  it('keeps for the audit only the automatic scores and the results that changed', () => {
    const after: AutoScore[] = [
      { participantId: 'pa', dimensionId: 'started', value: 4, points: 50, inputs: { numerator: null, denominator: null, records: [], more: 0 } },
      { participantId: 'pb', dimensionId: 'started', value: 6, points: 60, inputs: { numerator: null, denominator: null, records: [], more: 0 } },
      { participantId: 'pc', dimensionId: 'started', value: 1, points: 10, inputs: { numerator: null, denominator: null, records: [], more: 0 } },
    ];
    expect(autoScoreChanges(scores, after)).toEqual([
      { participantId: 'pb', dimensionId: 'started', from: { value: 5, points: 60 }, to: { value: 6, points: 60 } },
      { participantId: 'pc', dimensionId: 'started', from: { value: null, points: null }, to: { value: 1, points: 10 } },
    ]);

    const prior: ResultRow[] = [
      { participantId: 'pa', track: 'X', total: '90.00', rank: 1, tied: false, redFlag: true },
      { participantId: 'pb', track: 'X', total: '85.00', rank: 2, tied: false, redFlag: false },
    ];
    // a third review of Beta (mean 30) ties it with Alpha: Beta moves up and shares the red flag, Alpha stays
    const ranked = rankOf(def, pointsTable(def, [...scores, score('pb', 'review', 'm1', 40)]));
    expect(rankingChanges(prior, ranked)).toEqual([
      { participantId: 'pb', from: { total: 85, rank: 2, redFlag: false }, to: { total: 90, rank: 1, redFlag: true } },
      { participantId: 'pc', from: null, to: { total: 36, rank: 1, redFlag: true } },
    ]);
  });
});
