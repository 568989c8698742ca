import { describe, expect, it } from 'vitest';
import { requestStatuses, metricRate } from '@zoneops/shared';
import {
  daysSince,
  formatDueAt,
  formatPercent,
  formatRate,
  importCommittable,
  metricsChartOption,
  periodFromParams,
  periodOf,
  presetOf,
  requestStep,
  requestSteps,
  roundLateness,
  routeTable,
} from './service-ui.ts';

describe('the step of a request', () => {
  it('follows 登记 · 分派 · 办理 · 评价 · 回访', () => {
    expect(requestStep('registered', false)).toBe(1);
    expect(requestStep('dispatched', false)).toBe(2);
    expect(requestStep('accepted', false)).toBe(2);
    expect(requestStep('reopened', false)).toBe(2);
    expect(requestStep('answered', false)).toBe(3);
    expect(requestStep('closed', false)).toBe(4);
    expect(requestStep('closed', true)).toBe(requestSteps.length);
  });
  it('knows every status', () => {
    for (const s of requestStatuses) expect(requestStep(s, false)).toBeGreaterThan(0);
  });
});

describe('late marks', () => {
  const round = { responseDueAt: '2026-11-23T04:00:00.000Z', respondedAt: null, completionDueOn: '2026-11-27', completedOn: null };
  it('is on time before the deadlines and late after them when nothing was done', () => {
    expect(roundLateness(round, new Date('2026-11-23T03:59:00Z'))).toEqual({ response: false, completion: false });
    expect(roundLateness(round, new Date('2026-11-23T04:01:00Z'))).toEqual({ response: true, completion: false });
    // the completion day ends at midnight in Shanghai (16:00 UTC)
    expect(roundLateness(round, new Date('2026-11-27T15:59:00Z')).completion).toBe(false);
    expect(roundLateness(round, new Date('2026-11-27T16:00:00Z')).completion).toBe(true);
  });
  it('judges what was done by when it was done, whatever the time now', () => {
    const done = { ...round, respondedAt: '2026-11-23T03:00:00.000Z', completedOn: '2026-11-27' };
    expect(roundLateness(done, new Date('2027-01-01T00:00:00Z'))).toEqual({ response: false, completion: false });
    const lateDone = { ...round, respondedAt: '2026-11-23T05:00:00.000Z', completedOn: '2026-11-30' };
    expect(roundLateness(lateDone, new Date('2026-11-23T06:00:00Z'))).toEqual({ response: true, completion: true });
  });
});

describe('rates', () => {
  it('shows one decimal with count/of, a dash when nothing was counted', () => {
    expect(formatRate({ count: 6, of: 7, rate: (6 / 7) * 100 })).toBe('85.7% (6/7)');
    expect(formatRate({ count: 3, of: 3, rate: 100 })).toBe('100.0% (3/3)');
    expect(formatRate({ count: 0, of: 0, rate: null })).toBe('— (0/0)');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('periods', () => {
  it('gives this year, quarter and month of a day', () => {
    expect(periodOf('year', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('quarter', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('quarter', '2026-02-10')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodOf('month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodOf('month', '2028-02-03')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
  it('recognises a preset and reads the URL, this year by default', () => {
    expect(presetOf({ from: '2026-10-01', to: '2026-12-31' }, '2026-11-23')).toBe('quarter');
    expect(presetOf({ from: '2026-10-05', to: '2026-12-31' }, '2026-11-23')).toBe('custom');
    expect(periodFromParams('2026-03-01', '2026-03-31', '2026-11-23')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(periodFromParams('2026-04-01', '2026-03-31', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodFromParams(null, 'x', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('the metrics chart', () => {
  it('draws the four rates of each unit, no bar for a rate not counted', () => {
    const rows = [
      { unitName: '经发局', onTimeResponse: metricRate(2, 3), onTimeCompletion: metricRate(1, 1), satisfaction: metricRate(0, 0), resolved: metricRate(1, 2) },
      {
        unitName: '自然资源局',
        onTimeResponse: metricRate(1, 1),
        onTimeCompletion: metricRate(0, 1),
        satisfaction: metricRate(1, 1),
        resolved: metricRate(0, 0),
      },
    ];
    const o = metricsChartOption(rows, { metric: (k) => k, noData: 'none' }) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[] }[];
      title?: unknown;
    };
    expect(o.xAxis.data).toEqual(['经发局', '自然资源局']);
    expect(o.series.map((s) => s.name)).toEqual(['onTimeResponse', 'onTimeCompletion', 'satisfaction', 'resolved']);
    expect(o.series[0]!.data).toEqual([66.7, 100]);
    expect(o.series[2]!.data).toEqual([null, 100]);
    expect(o.title).toBeUndefined();
    expect((metricsChartOption([], { metric: (k) => k, noData: 'none' }) as { title: { text: string } }).title.text).toBe('none');
  });
});

describe('routes, visits and imports', () => {
  it('lists every category with its route or none', () => {
    const rows = routeTable([{ category: 'land' as const, unitId: 'u', unitName: '自然资源局', unitGone: true }]);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({ category: 'policy', route: null });
    expect(rows.find((r) => r.category === 'land')!.route!.unitGone).toBe(true);
  });
  it('counts the days since the last visit', () => {
    expect(daysSince('2026-11-01', '2026-11-23')).toBe(22);
    expect(daysSince(null, '2026-11-23')).toBeNull();
  });
  it('commits an import only when every row is valid and one is new', () => {
    expect(importCommittable({ valid: 3, invalid: 0 })).toBe(true);
    expect(importCommittable({ valid: 3, invalid: 1 })).toBe(false);
    expect(importCommittable({ valid: 0, invalid: 0 })).toBe(false);
  });
});

describe('response deadlines', () => {
  it('show the end of a Shanghai day as its 24:00, not as the next day', () => {
    expect(formatDueAt('2026-11-26T16:00:00.000Z')).toBe('2026-11-26 24:00');
    expect(formatDueAt('2026-11-27T00:00:00+08:00')).toBe('2026-11-26 24:00');
    // across a month and a year
    expect(formatDueAt('2026-11-30T16:00:00.000Z')).toBe('2026-11-30 24:00');
    expect(formatDueAt('2026-12-31T16:00:00.000Z')).toBe('2026-12-31 24:00');
  });

  it('show any other instant to the minute', () => {
    expect(formatDueAt('2026-11-23T03:00:00.000Z')).toBe('2026-11-23 11:00');
    expect(formatDueAt('2026-11-26T16:00:30.000Z')).toBe('2026-11-27 00:00');
    expect(formatDueAt('2026-11-26T15:59:00.000Z')).toBe('2026-11-26 23:59');
    expect(formatDueAt(null)).toBe('—');
    expect(formatDueAt('not a date')).toBe('—');
  });
});
