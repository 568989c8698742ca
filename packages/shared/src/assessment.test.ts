import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoPoints,
  defaultGradePoints,
  gradeToPoints,
  metricCatalogue,
  metricKeys,
  panelPoints,
  periodBounds,
  rankTotals,
  type PeriodKind,
} from './assessment.ts';
import { addCalendarDays } from './working-days.ts';

const values = (o: Record<string, number | null>) => new Map(Object.entries(o));
const obj = (m: Map<string, number>) => Object.fromEntries(m);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

describe('periodBounds', () => {
  it('years, quarters, months and half-months', () => {
    expect(periodBounds('year', '2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(periodBounds('quarter', '2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodBounds('quarter', '2026-Q2')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(periodBounds('quarter', '2026-Q3')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodBounds('quarter', '2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodBounds('month', '2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodBounds('month', '2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodBounds('month', '2026-12')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(periodBounds('halfMonth', '2026-02-1')).toEqual({ start: '2026-02-01', end: '2026-02-15' });
    expect(periodBounds('halfMonth', '2026-02-2')).toEqual({ start: '2026-02-16', end: '2026-02-28' });
    expect(periodBounds('halfMonth', '2028-02-2')).toEqual({ start: '2028-02-16', end: '2028-02-29' });
    expect(periodBounds('halfMonth', '2026-07-2')).toEqual({ start: '2026-07-16', end: '2026-07-31' });
  });

  it('ISO weeks: Monday to Sunday, week 1 holding 4 January, week 53 only in the years that have it', () => {
    // 2026-01-01 is a Thursday: week 1 starts on Monday 2025-12-29, and 2026 has 53 weeks
    expect(periodBounds('week', '2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodBounds('week', '2026-W48')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(periodBounds('week', '2026-W53')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(periodBounds('week', '2027-W01')).toEqual({ start: '2027-01-04', end: '2027-01-10' });
    // 2020 (a leap year starting on Wednesday) has 53 weeks; 2021, 2025 and 2027 have 52
    expect(periodBounds('week', '2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
    expect(periodBounds('week', '2021-W01')).toEqual({ start: '2021-01-04', end: '2021-01-10' });
    expect(periodBounds('week', '2021-W53')).toBeNull();
    expect(periodBounds('week', '2025-W53')).toBeNull();
    expect(periodBounds('week', '2027-W53')).toBeNull();
    expect(periodBounds('week', '2025-W52')).toEqual({ start: '2025-12-22', end: '2025-12-28' });
  });

  it('refuses keys that do not fit the kind', () => {
    const bad: [PeriodKind, string][] = [
      ['year', '26'],
      ['year', '2026-Q1'],
      ['year', '0999'],
      ['quarter', '2026-Q0'],
      ['quarter', '2026-Q5'],
      ['quarter', '2026Q1'],
      ['quarter', '0099-Q1'],
      ['month', '2026-13'],
      ['month', '2026-00'],
      ['month', '2026-1'],
      ['month', '2026-01-1'],
      ['halfMonth', '2026-02-3'],
      ['halfMonth', '2026-02'],
      ['week', '2026-W00'],
      ['week', '2026-W54'],
      ['week', '2026-w01'],
      ['week', '2026-W1'],
      ['week', '0099-W01'],
      ['week', ''],
    ];
    for (const [kind, key] of bad) expect(periodBounds(kind, key), `${kind} ${key}`).toBeNull();
  });

  it('property: the weeks of consecutive ISO years follow each other day after day, each a Monday to a Sunday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2200 }), (y) => {
        const weeks: { start: string; end: string }[] = [];
        for (let w = 1; w <= 53; w++) {
          const b = periodBounds('week', `${y}-W${String(w).padStart(2, '0')}`);
          if (b) weeks.push(b);
        }
        expect([52, 53]).toContain(weeks.length);
        weeks.forEach((b, i) => {
          expect(weekday(b.start)).toBe(1);
          expect(addCalendarDays(b.start, 6)).toBe(b.end);
          if (i > 0) expect(addCalendarDays(weeks[i - 1]!.end, 1)).toBe(b.start);
          // the week belongs to the year of its Thursday
          expect(addCalendarDays(b.start, 3).slice(0, 4)).toBe(String(y));
        });
        expect(addCalendarDays(weeks.at(-1)!.end, 1)).toBe(periodBounds('week', `${y + 1}-W01`)!.start);
      }),
    );
  });

  it('property: the half-months, months and quarters of a year cover it day after day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9998 }), (y) => {
        const chain = (keys: string[], kind: PeriodKind) => {
          const bounds = keys.map((k) => periodBounds(kind, k)!);
          expect(bounds[0]!.start).toBe(`${y}-01-01`);
          expect(bounds.at(-1)!.end).toBe(`${y}-12-31`);
          for (let i = 1; i < bounds.length; i++) expect(addCalendarDays(bounds[i - 1]!.end, 1)).toBe(bounds[i]!.start);
        };
        const months = Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
        chain(months, 'month');
        chain(
          months.flatMap((m) => [`${m}-1`, `${m}-2`]),
          'halfMonth',
        );
        chain(
          [1, 2, 3, 4].map((q) => `${y}-Q${q}`),
          'quarter',
        );
        expect(periodBounds('year', String(y))).toEqual({ start: `${y}-01-01`, end: `${y}-12-31` });
      }),
      { numRuns: 50 },
    );
  });
});

describe('metricCatalogue', () => {
  it('lists the ten automatic metrics; only overdue tasks are better lower; two apply to projects', () => {
    expect(metricKeys).toHaveLength(10);
    expect(metricKeys.filter((k) => metricCatalogue[k].better === 'lower')).toEqual(['tasksOverdue']);
    expect(metricKeys.filter((k) => (metricCatalogue[k].kinds as readonly string[]).includes('project'))).toEqual(['investmentCompletion', 'milestoneOnTime']);
  });
});

describe('autoPoints', () => {
  it('rate: weight × the share, kept within 0 … weight', () => {
    const v = values({ a: 0.75, b: 1.2, c: -0.1, d: 0, e: 1 / 3 });
    expect(obj(autoPoints(v, 20, { kind: 'rate' }, 'higher', 'zero'))).toEqual({ a: 15, b: 20, c: 0, d: 0, e: 6.67 });
  });

  it('relative, higher is better: weight × value / the best', () => {
    expect(obj(autoPoints(values({ a: 10, b: 5, c: 0, d: 7.5 }), 10, { kind: 'relative' }, 'higher', 'zero'))).toEqual({ a: 10, b: 5, c: 0, d: 7.5 });
    // nobody scored: nobody earns points
    expect(obj(autoPoints(values({ a: 0, b: 0 }), 10, { kind: 'relative' }, 'higher', 'full'))).toEqual({ a: 0, b: 0 });
    expect(obj(autoPoints(values({ a: 3, b: 2, c: 1 }), 15, { kind: 'relative' }, 'higher', 'zero'))).toEqual({ a: 15, b: 10, c: 5 });
  });

  it('relative, lower is better: weight × the best / value; zero earns full points', () => {
    expect(obj(autoPoints(values({ a: 1, b: 2, c: 4, d: 3 }), 10, { kind: 'relative' }, 'lower', 'zero'))).toEqual({ a: 10, b: 5, c: 2.5, d: 3.33 });
    // with a zero among them, zero is the best: every other value earns 0
    expect(obj(autoPoints(values({ a: 0, b: 2 }), 10, { kind: 'relative' }, 'lower', 'zero'))).toEqual({ a: 10, b: 0 });
  });

  it('deduct: weight − per item × value, not below 0', () => {
    expect(obj(autoPoints(values({ a: 0, b: 3, c: 7, d: 1.5 }), 10, { kind: 'deduct', perItem: 2 }, 'lower', 'full'))).toEqual({ a: 10, b: 4, c: 0, d: 7 });
  });

  it('no data: full points or none, and the best is taken among those with data', () => {
    const v = values({ a: 8, b: 4, c: null });
    expect(obj(autoPoints(v, 10, { kind: 'relative' }, 'higher', 'full'))).toEqual({ a: 10, b: 5, c: 10 });
    expect(obj(autoPoints(v, 10, { kind: 'relative' }, 'higher', 'zero'))).toEqual({ a: 10, b: 5, c: 0 });
    expect(obj(autoPoints(values({ a: null }), 10, { kind: 'rate' }, 'higher', 'full'))).toEqual({ a: 10 });
    expect(obj(autoPoints(values({ a: null, b: null }), 10, { kind: 'relative' }, 'lower', 'zero'))).toEqual({ a: 0, b: 0 });
    expect(autoPoints(new Map(), 10, { kind: 'rate' }, 'higher', 'full').size).toBe(0);
  });

  it('property: points stay within 0 … weight with two decimals', () => {
    const scoring = fc.oneof(
      fc.constant({ kind: 'rate' as const }),
      fc.constant({ kind: 'relative' as const }),
      fc.integer({ min: 1, max: 1000 }).map((n) => ({ kind: 'deduct' as const, perItem: n / 100 })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -10, max: 1000, noNaN: true }), { nil: null }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 10_000 }).map((n) => n / 100),
        scoring,
        fc.constantFrom('higher' as const, 'lower' as const),
        fc.constantFrom('full' as const, 'zero' as const),
        (vs, weight, s, better, ifNoData) => {
          const pts = autoPoints(new Map(vs.map((v, i) => [`p${i}`, v])), weight, s, better, ifNoData);
          expect(pts.size).toBe(vs.length);
          for (const p of pts.values()) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(weight);
            expect(Math.round(p * 100) / 100).toBe(p);
          }
        },
      ),
    );
  });
});

describe('panelPoints and gradeToPoints', () => {
  it('the mean of the members, two decimals; none yet: null', () => {
    expect(panelPoints([])).toBeNull();
    expect(panelPoints([80, 90, 85])).toBe(85);
    expect(panelPoints([1, 2])).toBe(1.5);
    expect(panelPoints([10, 10, 11])).toBe(10.33);
    expect(panelPoints([7.25])).toBe(7.25);
  });

  it('a grade earns its percent of the weight (default 100 / 85 / 70 / 50, or the dimension’s table)', () => {
    expect(gradeToPoints('excellent', 20)).toBe(20);
    expect(gradeToPoints('good', 20)).toBe(17);
    expect(gradeToPoints('fair', 20)).toBe(14);
    expect(gradeToPoints('poor', 20)).toBe(10);
    expect(gradeToPoints('good', 15)).toBe(12.75);
    expect(gradeToPoints('fair', 7)).toBe(4.9);
    expect(gradeToPoints('good', 10, { ...defaultGradePoints, good: 90 })).toBe(9);
  });
});

describe('rankTotals', () => {
  const row = (participantId: string, total: number, track: string | null = null) => ({ participantId, total, track });
  const brief = (r: ReturnType<typeof rankTotals>) => r.map((x) => [x.participantId, x.rank, x.tied, x.redFlag]);

  it('standard competition ranking: equal totals share a rank and the next rank is skipped (1, 1, 3)', () => {
    const r = rankTotals([row('c', 80), row('b', 90), row('d', 70), row('a', 90)], 1);
    expect(brief(r)).toEqual([
      ['a', 1, true, true],
      ['b', 1, true, true],
      ['c', 3, false, false],
      ['d', 4, false, false],
    ]);
  });

  it('the red flag goes to the top N; a tie at the boundary shares it; N = 0 gives none', () => {
    const rows = [row('a', 95), row('b', 90), row('c', 90), row('d', 80)];
    expect(
      rankTotals(rows, 2)
        .filter((x) => x.redFlag)
        .map((x) => x.participantId),
    ).toEqual(['a', 'b', 'c']);
    expect(
      rankTotals(rows, 3)
        .filter((x) => x.redFlag)
        .map((x) => x.participantId),
    ).toEqual(['a', 'b', 'c']);
    expect(
      rankTotals(rows, 1)
        .filter((x) => x.redFlag)
        .map((x) => x.participantId),
    ).toEqual(['a']);
    expect(rankTotals(rows, 0).filter((x) => x.redFlag)).toEqual([]);
    expect(rankTotals(rows, 10).every((x) => x.redFlag)).toBe(true);
  });

  it('totals are compared at two decimals', () => {
    const r = rankTotals([row('a', 90.004), row('b', 89.996), row('c', 89.99)], 1);
    expect(brief(r)).toEqual([
      ['a', 1, true, true],
      ['b', 1, true, true],
      ['c', 3, false, false],
    ]);
    expect(r[0]!.total).toBe(90);
  });

  it('each track is ranked on its own, with its own red flag; the tracks in name order, no track first', () => {
    const r = rankTotals([row('x', 50, 'land'), row('y', 70, 'build'), row('z', 60, 'build'), row('w', 90, 'land'), row('v', 10)], 1);
    expect(r.map((x) => [x.track, x.participantId, x.rank, x.redFlag])).toEqual([
      [null, 'v', 1, true],
      ['build', 'y', 1, true],
      ['build', 'z', 2, false],
      ['land', 'w', 1, true],
      ['land', 'x', 2, false],
    ]);
  });

  it('property: ranks are 1 … n, equal totals share a rank, rank = 1 + the number of higher totals, the red flag count is at least N', () => {
    const rowsArb = fc.uniqueArray(
      fc.record({
        participantId: fc.string({ minLength: 1, maxLength: 6 }),
        track: fc.constantFrom(null, 'A', 'B'),
        total: fc.integer({ min: 0, max: 20 }).map((n) => n * 5),
      }),
      { selector: (r) => r.participantId, maxLength: 30 },
    );
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 6 }), (rows, n) => {
        const ranked = rankTotals(rows, n);
        expect(ranked).toHaveLength(rows.length);
        for (const track of new Set(rows.map((r) => r.track))) {
          const mine = ranked.filter((r) => r.track === track);
          for (const r of mine) {
            expect(r.rank).toBeGreaterThanOrEqual(1);
            expect(r.rank).toBeLessThanOrEqual(mine.length);
            expect(r.rank).toBe(1 + mine.filter((o) => o.total > r.total).length);
            expect(r.tied).toBe(mine.some((o) => o !== r && o.total === r.total));
            expect(r.redFlag).toBe(n > 0 && r.rank <= n);
            for (const o of mine) if (o.total === r.total) expect(o.rank).toBe(r.rank);
          }
          const flags = mine.filter((r) => r.redFlag).length;
          if (mine.length >= n) expect(flags).toBeGreaterThanOrEqual(n);
          else expect(flags).toBe(mine.length);
          // listed best first
          for (let i = 1; i < mine.length; i++) expect(mine[i - 1]!.total).toBeGreaterThanOrEqual(mine[i]!.total);
        }
      }),
    );
  });
});
