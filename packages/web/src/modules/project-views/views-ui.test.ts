import { describe, expect, it } from 'vitest';
import {
  boardPageOf,
  cellState,
  clusterDiameter,
  countLights,
  daysBetween,
  filtersOf,
  formatPercent,
  formatWan,
  formatYi,
  groupDigits,
  monthDay,
  monthLabel,
  nextOpenMilestones,
  projectReasonTexts,
  tabOf,
  wanNumber,
  wanToYi,
  withFilters,
  worstLight,
  yearOf,
  yearOptions,
  yiNumber,
} from './views-ui.ts';

describe('filters in the URL', () => {
  it('reads the known filters and drops unknown stages and lights', () => {
    const p = new URLSearchParams('stage=listed,bogus,construction,listed&light=red,purple&industry= chem &leadUnitId=u1&leaderId=&other=1');
    expect(filtersOf(p)).toEqual({ stage: 'listed,construction', light: 'red', industry: 'chem', leadUnitId: 'u1' });
    expect(filtersOf(new URLSearchParams('light=purple'))).toEqual({});
  });

  it('sets and clears filters, back on the first page, keeping the tab', () => {
    const p = new URLSearchParams('tab=board&page=3&light=red');
    const next = withFilters(p, { light: undefined, stage: 'construction' });
    expect(next.toString()).toBe('tab=board&stage=construction');
    expect(p.toString()).toBe('tab=board&page=3&light=red');
  });

  it('reads the tab, the board page and the year', () => {
    expect(tabOf(new URLSearchParams('tab=board'))).toBe('board');
    expect(tabOf(new URLSearchParams('tab=x'))).toBe('map');
    expect(boardPageOf(new URLSearchParams('page=3&pageSize=100'))).toEqual({ page: 3, pageSize: 100 });
    expect(boardPageOf(new URLSearchParams('page=-1&pageSize=7'))).toEqual({ page: 1, pageSize: 50 });
    expect(yearOf(new URLSearchParams('year=2026'))).toBe(2026);
    expect(yearOf(new URLSearchParams('year=1999'))).toBeUndefined();
    expect(yearOf(new URLSearchParams('year=abc'))).toBeUndefined();
  });

  it('offers a few years around the current one and keeps the chosen', () => {
    expect(yearOptions(2026, undefined, 2, 1)).toEqual([2027, 2026, 2025, 2024]);
    expect(yearOptions(2026, 2015, 1, 0)).toEqual([2026, 2025, 2015]);
  });
});

describe('lights', () => {
  it('takes the worst light of a cluster', () => {
    expect(worstLight([])).toBe('none');
    expect(worstLight(['green', 'none'])).toBe('green');
    expect(worstLight(['green', 'yellow', 'none'])).toBe('yellow');
    expect(worstLight(['green', 'red', 'yellow'])).toBe('red');
  });

  it('counts lights', () => {
    expect(countLights(['red', 'red', 'none'])).toEqual({ red: 2, yellow: 0, green: 0, none: 1 });
  });

  it('grows the cluster icon with the count', () => {
    expect(clusterDiameter(3)).toBeLessThan(clusterDiameter(30));
    expect(clusterDiameter(300)).toBeLessThan(clusterDiameter(3000));
  });

  it('words the reasons of a project, unknown codes as they are', () => {
    expect(projectReasonTexts([{ code: 'onTrack' }, { code: 'mystery' }], 'zh')).toEqual(['按计划推进', 'mystery']);
    expect(
      projectReasonTexts([{ code: 'nodeOverdue', node: 'topping', name: '主体封顶', nameEn: 'Structure topped out', days: 12 } as { code: string }], 'en'),
    ).toEqual(['milestone "Structure topped out" 12 days late']);
  });
});

describe('board cells', () => {
  it('tells done on time, done late, overdue, not due and absent', () => {
    expect(cellState({ plannedOn: '2026-03-01', actualOn: '2026-03-01', overdueDays: null })).toBe('onTime');
    expect(cellState({ plannedOn: '2026-03-01', actualOn: '2026-03-05', overdueDays: null })).toBe('late');
    expect(cellState({ plannedOn: null, actualOn: '2026-03-05', overdueDays: null })).toBe('onTime');
    expect(cellState({ plannedOn: '2026-03-01', actualOn: null, overdueDays: 4 })).toBe('overdue');
    expect(cellState({ plannedOn: '2026-03-01', actualOn: null, overdueDays: null })).toBe('pending');
    expect(cellState({ plannedOn: null, actualOn: null, overdueDays: null })).toBe('pending');
    expect(cellState(null)).toBe('absent');
  });

  it('shows month and day', () => {
    expect(monthDay('2026-03-05')).toBe('03-05');
    expect(monthDay(null)).toBe('—');
    expect(daysBetween('2026-03-01', '2026-03-05')).toBe(4);
  });
});

describe('money', () => {
  it('shows 万元 as 亿元 with two decimals, rounded half up', () => {
    expect(wanToYi('123456.00')).toBe('12.35');
    expect(wanToYi('123449.99')).toBe('12.34');
    expect(wanToYi('102000000.00')).toBe('10200.00');
    expect(wanToYi('0.00')).toBe('0.00');
    expect(wanToYi(null)).toBe('0.00');
    expect(wanToYi('junk')).toBe('0.00');
    expect(formatYi('102000000.00')).toBe('10,200.00');
    expect(formatWan('1234567.5')).toBe('1,234,567.50');
    expect(groupDigits('-1234')).toBe('-1,234');
  });

  it('gives numbers for charts', () => {
    expect(wanNumber('12345.60')).toBe(12345.6);
    expect(wanNumber(undefined)).toBe(0);
    expect(yiNumber('123456.00')).toBe(12.35);
    expect(formatPercent(45.25)).toBe('45.3%');
    expect(formatPercent(null)).toBe('—');
  });

  it('names the months in the page language', () => {
    expect(monthLabel(3, 'zh-CN')).toBe('3月');
    expect(monthLabel(12, 'en-US')).toBe('Dec');
  });
});

describe('the project card', () => {
  it('lists the next open milestones by planned date', () => {
    const ms = [
      { seq: 1, code: 'a', plannedOn: '2026-01-01', actualOn: '2026-01-02' },
      { seq: 2, code: 'b', plannedOn: null, actualOn: null },
      { seq: 3, code: 'c', plannedOn: '2026-05-01', actualOn: null },
      { seq: 4, code: 'd', plannedOn: '2026-04-01', actualOn: null },
      { seq: 5, code: 'e', plannedOn: '2026-04-01', actualOn: null },
    ];
    expect(nextOpenMilestones(ms).map((m) => m.code)).toEqual(['d', 'e', 'c']);
    expect(nextOpenMilestones(ms, 10).map((m) => m.code)).toEqual(['d', 'e', 'c', 'b']);
  });
});
