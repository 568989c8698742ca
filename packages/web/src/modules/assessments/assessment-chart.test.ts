import { describe, expect, it } from 'vitest';
import { totalsColours, totalsOption } from './assessment-chart.ts';
import { run } from './assessment-fixtures.ts';
import { resultsByTrack } from './assessment-ui.ts';

describe('the totals chart', () => {
  it('draws the best on top, the red flags in red, ties stated', () => {
    const option = totalsOption(resultsByTrack(run.results)[0]!.rows, { rank: (r, tied) => (tied ? `=${r}` : `${r}`), noData: 'none' }) as {
      yAxis: { data: string[] };
      series: { data: { value: number; itemStyle: { color: string }; label: { formatter: string } }[] }[];
      title?: unknown;
    };
    expect(option.yAxis.data).toEqual(['古雷镇', '管委会办公室', '杜浔镇']);
    const bars = option.series[0]!.data;
    expect(bars.map((b) => b.itemStyle.color)).toEqual([totalsColours.flag, totalsColours.other, totalsColours.other]);
    expect(bars.map((b) => b.label.formatter)).toEqual(['91.65  1', '84  =2', '84  =2']);
    expect(option.title).toBeUndefined();
    expect(totalsOption([], { rank: String, noData: 'none' })).toMatchObject({ title: { text: 'none' } });
  });
});
