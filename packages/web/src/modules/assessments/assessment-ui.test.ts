import { describe, expect, it } from 'vitest';
import { periodBounds, periodKindOfKey, weightTotal } from '@zoneops/shared';
import { run, scheme } from './assessment-fixtures.ts';
import {
  defaultPeriod,
  defaultScoring,
  formToInput,
  gradePointsOf,
  isOwnUnit,
  isoWeekOf,
  metricsFor,
  nextDimensionId,
  ownUnitIds,
  panelDimensions,
  periodKeyOf,
  periodLabel,
  periodOptions,
  resultsByTrack,
  rowEntries,
  schemeFieldName,
  schemeToForm,
  weightsComplete,
} from './assessment-ui.ts';

/** A translation that shows the key and its values, so that the test sees what was asked for. */
const t = (key: string, opts?: Record<string, unknown>) => (opts ? `${key}${JSON.stringify(opts)}` : key);

describe('period keys', () => {
  it('tell their kind', () => {
    expect(periodKindOfKey('2026')).toBe('year');
    expect(periodKindOfKey('2026-Q3')).toBe('quarter');
    expect(periodKindOfKey('2026-11')).toBe('month');
    expect(periodKindOfKey('2026-11-2')).toBe('halfMonth');
    expect(periodKindOfKey('2026-W48')).toBe('week');
    expect(periodKindOfKey('2026-13')).toBeNull();
    expect(periodKindOfKey('2026-Q5')).toBeNull();
  });

  it('are labelled by their parts', () => {
    expect(periodLabel('2026-Q3', t)).toBe('assessments.period.quarter{"year":"2026","q":"assessments.period.quarterName.3"}');
    expect(periodLabel('2026-03', t)).toBe('assessments.period.month{"year":"2026","monthName":"assessments.period.monthName.3"}');
    expect(periodLabel('2026-11-2', t)).toContain('"half":"assessments.period.half.2"');
    expect(periodLabel('2026-W05', t)).toBe('assessments.period.week{"year":"2026","week":5}');
    expect(periodLabel('odd', t)).toBe('odd');
  });

  it('take ISO weeks: the Thursday decides the year', () => {
    expect(isoWeekOf('2026-11-23')).toEqual({ year: 2026, week: 48 });
    // 2027-01-01 is a Friday: it belongs to the last week of 2026 (2026 has 53 ISO weeks)
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 });
    // 2024-12-30 is a Monday of the week holding 2 January 2025
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });

  it('hold the day they are made from, for every kind', () => {
    for (const day of ['2026-01-01', '2026-02-15', '2026-02-16', '2026-11-23', '2026-12-31', '2027-01-03']) {
      for (const kind of ['week', 'halfMonth', 'month', 'quarter', 'year'] as const) {
        const b = periodBounds(kind, periodKeyOf(kind, day));
        expect(b, `${kind} ${day}`).not.toBeNull();
        expect(b!.start <= day && day <= b!.end, `${kind} ${day}`).toBe(true);
      }
    }
  });

  it('offer the current period and those before it, newest first, the last ended one by default', () => {
    const q = periodOptions('quarter', '2026-11-23', 4);
    expect(q.map((o) => o.key)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1']);
    expect(q.map((o) => o.ended)).toEqual([false, true, true, true]);
    expect(q[1]).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
    expect(defaultPeriod('quarter', '2026-11-23')).toBe('2026-Q3');
    expect(periodOptions('halfMonth', '2026-03-10', 3).map((o) => o.key)).toEqual(['2026-03-1', '2026-02-2', '2026-02-1']);
    expect(periodOptions('week', '2026-01-05', 2).map((o) => o.key)).toEqual(['2026-W02', '2026-W01']);
    expect(defaultPeriod('month', '2026-01-15')).toBe('2025-12');
    // the last day of a period is not over yet on that day
    expect(defaultPeriod('month', '2026-11-30')).toBe('2026-10');
  });
});

describe('the scheme form', () => {
  it('adds the weights exactly', () => {
    expect(weightTotal([{ weight: 0.1 }, { weight: 0.2 }, { weight: 99.7 }])).toBe(100);
    expect(weightsComplete([{ weight: 33.33 }, { weight: 33.33 }, { weight: 33.34 }])).toBe(true);
    expect(weightsComplete([{ weight: 40 }, { weight: null }, { weight: 50 }])).toBe(false);
    expect(weightTotal(undefined)).toBe(0);
  });

  it('offers projects only the metrics a project can be scored on', () => {
    expect(metricsFor('project')).toEqual(['investmentCompletion', 'milestoneOnTime']);
    expect(metricsFor('unit')).toContain('tasksOverdue');
    expect(defaultScoring('investmentCompletion')).toBe('rate');
    expect(defaultScoring('tasksOverdue')).toBe('deduct');
    expect(defaultScoring('leadsSigned')).toBe('relative');
  });

  it('gives new dimensions ids the others do not use', () => {
    expect(nextDimensionId(['d1', 'd2'])).toBe('d3');
    expect(nextDimensionId(['d1', 'd3', undefined])).toBe('d4');
    expect(nextDimensionId(['invest', 'd2'])).toBe('d3');
  });

  it('turns a scheme into form values and back into the same body', () => {
    const body = formToInput(schemeToForm(scheme));
    expect(body.dimensions).toEqual([
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
        gradePoints: null,
        description: null,
      },
      {
        id: 'overdue',
        category: 'look',
        name: '督办超期',
        nameEn: null,
        weight: 20,
        method: 'auto',
        metric: 'tasksOverdue',
        scoring: { kind: 'deduct', perItem: 5 },
        ifNoData: 'full',
        gradePoints: null,
        description: null,
      },
      {
        id: 'panel',
        category: 'compare',
        name: '现场观摩',
        nameEn: null,
        weight: 25,
        method: 'panel',
        metric: null,
        scoring: null,
        ifNoData: 'full',
        gradePoints: null,
        description: null,
      },
      {
        id: 'spirit',
        category: 'create',
        name: '创新亮点',
        nameEn: null,
        weight: 15,
        method: 'grade',
        metric: null,
        scoring: null,
        ifNoData: 'full',
        gradePoints: null,
        description: null,
      },
    ]);
    expect(body.participants).toEqual(scheme.participants.map((p) => ({ unitId: p.unitId, track: p.track })));
    expect(body.panel).toEqual([scheme.panel[0]!.userId, scheme.panel[1]!.userId]);
    expect(body).toMatchObject({
      periodKind: 'quarter',
      participantKind: 'unit',
      tracks: ['征迁组', '建设组'],
      redFlagTopN: 1,
      appealWorkingDays: 3,
      active: true,
    });
  });

  it('sends only what the method needs, trimmed, and projects as projects', () => {
    const body = formToInput({
      ...schemeToForm(scheme),
      name: '  七比一看  ',
      nameEn: ' ',
      participantKind: 'project',
      tracks: [' 建设组 ', ''],
      participants: [{ projectId: 'p1', name: '疏港公路', track: '' }],
      dimensions: [
        { id: 'd1', category: 'look', name: ' 节点 ', weight: 60, method: 'panel', metric: 'milestoneOnTime', scoringKind: 'rate', ifNoData: 'full' },
        {
          id: 'd2',
          category: 'create',
          name: '投资',
          weight: 40,
          method: 'auto',
          metric: 'investmentCompletion',
          scoringKind: 'relative',
          perItem: 3,
          ifNoData: 'full',
        },
      ],
    });
    expect(body.name).toBe('七比一看');
    expect(body.nameEn).toBeNull();
    expect(body.tracks).toEqual(['建设组']);
    expect(body.participants).toEqual([{ projectId: 'p1', track: null }]);
    expect(body.dimensions[0]).toMatchObject({ name: '节点', metric: null, scoring: null });
    expect(body.dimensions[1]).toMatchObject({ metric: 'investmentCompletion', scoring: { kind: 'relative' } });
  });

  it('puts the server’s field paths on the form’s fields', () => {
    expect(schemeFieldName(['dimensions', 2, 'scoring', 'perItem'], 'unit')).toEqual(['dimensions', 2, 'perItem']);
    expect(schemeFieldName(['dimensions', 2, 'scoring'], 'unit')).toEqual(['dimensions', 2, 'scoringKind']);
    expect(schemeFieldName(['dimensions', 1, 'weight'], 'unit')).toEqual(['dimensions', 1, 'weight']);
    expect(schemeFieldName(['participants', 4], 'project')).toEqual(['participants', 4, 'projectId']);
    expect(schemeFieldName(['participants', 4, 'unitId'], 'unit')).toEqual(['participants', 4, 'unitId']);
    expect(schemeFieldName(['panel', 0], 'unit')).toEqual(['panel']);
    expect(schemeFieldName(['name'], 'unit')).toEqual(['name']);
  });
});

describe('runs', () => {
  it('group the ranking by track in rank order, ties in the server’s order', () => {
    const groups = resultsByTrack(run.results);
    expect(groups.map((g) => g.track)).toEqual(['征迁组', '建设组']);
    expect(groups[0]!.rows.map((r) => [r.name, r.rank])).toEqual([
      ['古雷镇', 1],
      ['管委会办公室', 2],
      ['杜浔镇', 2],
    ]);
    const reversed = resultsByTrack([...run.results].reverse());
    expect(reversed.map((g) => g.track)).toEqual(['建设组', '征迁组']);
    expect(reversed[1]!.rows.map((r) => [r.name, r.rank])).toEqual([
      ['古雷镇', 1],
      ['杜浔镇', 2],
      ['管委会办公室', 2],
    ]);
  });

  it('let the panel score the panel and grade dimensions, never their own unit', () => {
    expect(panelDimensions(run.dimensions).map((d) => d.id)).toEqual(['panel', 'spirit']);
    // a member of the 城建科 under 建设局 belongs to 建设局 too, not to its sibling or to units below
    const units = [
      { id: 'zone', parentId: null },
      { id: 'build', parentId: 'zone' },
      { id: 'build-city', parentId: 'build' },
      { id: 'build-city-team', parentId: 'build-city' },
      { id: 'town', parentId: 'zone' },
    ];
    const own = ownUnitIds(units, 'build-city');
    expect([...own].sort()).toEqual(['build', 'build-city', 'zone']);
    expect(isOwnUnit({ unitId: 'build' }, own)).toBe(true);
    expect(isOwnUnit({ unitId: 'town' }, own)).toBe(false);
    expect(isOwnUnit({ unitId: 'build-city-team' }, own)).toBe(false);
    expect(isOwnUnit({ unitId: null }, own)).toBe(false);
    // without the unit list only the user's unit; without a unit nothing
    expect([...ownUnitIds(undefined, 'build-city')]).toEqual(['build-city']);
    expect(ownUnitIds(units, null).size).toBe(0);
    const spirit = run.dimensions.find((d) => d.id === 'spirit')!;
    expect(gradePointsOf(spirit, 'good')).toBe(12.75);
    expect(gradePointsOf({ weight: 20, gradePoints: { excellent: 100, good: 90, fair: 60, poor: 0 } }, 'good')).toBe(18);
  });

  it('send a row’s cells with their comments, and nothing while a comment is missing', () => {
    const dims = panelDimensions(run.dimensions);
    const ok = rowEntries('p1', dims, { panel: { points: 22.5, comment: ' 有序 ' }, spirit: { grade: 'good', comment: '亮点突出' } });
    expect(ok).toEqual({
      entries: [
        { participantId: 'p1', dimensionId: 'panel', points: 22.5, comment: '有序' },
        { participantId: 'p1', dimensionId: 'spirit', grade: 'good', comment: '亮点突出' },
      ],
      missingComment: [],
    });
    const missing = rowEntries('p1', dims, { panel: { points: 20, comment: '' }, spirit: { grade: 'fair', comment: '一般' } });
    expect(missing).toEqual({ entries: [], missingComment: ['panel'] });
    // a cell cleared again is not sent; zero points are points
    expect(rowEntries('p1', dims, { panel: { points: null, comment: 'x' }, spirit: { grade: null } }).entries).toEqual([]);
    expect(rowEntries('p1', dims, { panel: { points: 0, comment: '未开展' } }).entries).toHaveLength(1);
  });
});
