import { describe, expect, it } from 'vitest';
import { forecastsOverrun, isEditableReport, isReviewable, runSequential } from './report-ui.ts';

describe('report actions', () => {
  it('let the reporter change drafts and returned reports, and the department review submitted ones', () => {
    expect(['draft', 'submitted', 'approved', 'returned'].filter((s) => isEditableReport(s as never))).toEqual(['draft', 'returned']);
    expect(['draft', 'submitted', 'approved', 'returned'].filter((s) => isReviewable(s as never))).toEqual(['submitted']);
  });
});

describe('overrun forecast', () => {
  const project = { completedTotal: '9000.00', totalInvestment: '10000.00' };

  it('is raised when the approved total plus this period exceeds the total', () => {
    expect(forecastsOverrun(project, '1000.00')).toBe(false);
    expect(forecastsOverrun(project, '1000.01')).toBe(true);
  });

  it('stays quiet without a usable figure or a total', () => {
    expect(forecastsOverrun(project, null)).toBe(false);
    expect(forecastsOverrun(project, 'abc')).toBe(false);
    expect(forecastsOverrun({ completedTotal: '5.00', totalInvestment: '0.00' }, '10.00')).toBe(false);
  });
});

describe('one call per row', () => {
  it('runs in order, reports progress and collects failures without stopping', async () => {
    const calls: number[] = [];
    const progress: string[] = [];
    const result = await runSequential(
      [1, 2, 3, 4],
      async (n) => {
        calls.push(n);
        if (n === 2) throw new Error('refused');
      },
      (done, total) => progress.push(`${done}/${total}`),
    );
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(result.done).toEqual([1, 3, 4]);
    expect(result.failed.map((f) => [f.item, (f.error as Error).message])).toEqual([[2, 'refused']]);
  });

  it('never runs two calls at once', async () => {
    let running = 0;
    let most = 0;
    await runSequential([1, 2, 3], async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running -= 1;
    });
    expect(most).toBe(1);
  });

  it('stops when aborted', async () => {
    const ctrl = new AbortController();
    const result = await runSequential(
      [1, 2, 3],
      async (n) => {
        if (n === 1) ctrl.abort();
      },
      undefined,
      ctrl.signal,
    );
    expect(result.done).toEqual([1]);
  });
});
