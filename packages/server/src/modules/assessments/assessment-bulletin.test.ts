// The results bulletin's text from a hand-made run: title per period kind, the ranking table with ties stated, the
// red flag (proposed while appeals are open, awarded once locked), tracks, highlights.
import { describe, expect, it } from 'vitest';
import type { AssessmentResultRow, AssessmentRun } from '@zoneops/shared';
import type { Block } from '../../platform/documents/index.ts';
import { bulletinOf, periodText, rankCell, tieSentences } from './assessment-bulletin.ts';

const row = (participantId: string, name: string, total: number, rank: number, over: Partial<AssessmentResultRow> = {}): AssessmentResultRow => ({
  participantId,
  name,
  track: null,
  dimensions: { started: total - 30, review: 30 },
  total,
  rank,
  tied: false,
  redFlag: false,
  ...over,
});

function runOf(over: Partial<AssessmentRun> = {}): AssessmentRun {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    schemeId: '00000000-0000-4000-8000-000000000002',
    schemeName: '“三百”劳动竞赛',
    period: '2026-Q3',
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    status: 'locked',
    dimensions: [
      {
        id: 'started',
        category: 'compare',
        name: '项目开工',
        weight: 70,
        method: 'auto',
        metric: 'projectsStarted',
        scoring: { kind: 'relative' },
        ifNoData: 'full',
      },
      { id: 'review', category: 'look', name: '评审评价', weight: 30, method: 'panel', ifNoData: 'full' },
    ],
    participants: [
      { id: 'a', unitId: 'ua', projectId: null, name: '规划建设局', track: null },
      { id: 'b', unitId: 'ub', projectId: null, name: '经济发展局', track: null },
      { id: 'c', unitId: 'uc', projectId: null, name: '招商服务中心', track: null },
      { id: 'd', unitId: 'ud', projectId: null, name: '自然资源局', track: null },
    ],
    computedAt: '2026-11-23T01:00:00.000Z',
    publishedAt: '2026-11-23T02:00:00.000Z',
    appealEndsOn: '2026-11-26',
    lockedAt: '2026-11-27T01:00:00.000Z',
    highlights: '规划建设局提前完成三季度开工任务。\n\n经济发展局服务企业成效明显。',
    progress: { entered: 6, expected: 6 },
    can: { score: false, appeal: false, manage: true },
    results: [
      row('a', '规划建设局', 95.5, 1, { redFlag: true }),
      row('b', '经济发展局', 80, 2, { tied: true }),
      row('c', '招商服务中心', 80, 2, { tied: true }),
      row('d', '自然资源局', 61.25, 4),
    ],
    ...over,
  };
}

const texts = (blocks: Block[], kind: Block['kind']) => blocks.filter((b) => b.kind === kind).map((b) => (b as { text: string }).text);
const tables = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');

describe('assessment bulletin', () => {
  it('names the period of every kind', () => {
    expect(periodText('2026-Q3')).toBe('2026年第三季度');
    expect(periodText('2026-11')).toBe('2026年11月');
    expect(periodText('2026-11-1')).toBe('2026年11月上半月');
    expect(periodText('2026-02-2')).toBe('2026年2月下半月');
    expect(periodText('2026-W07')).toBe('2026年第7周');
    expect(periodText('2026')).toBe('2026年度');
  });

  it('titles the bulletin after the scheme and the period', () => {
    expect(bulletinOf(runOf()).title).toBe('关于2026年第三季度“三百”劳动竞赛考核结果的通报');
    // a scheme already named a 考核 / 考评 is not named twice
    expect(bulletinOf(runOf({ schemeName: '“七比一看”竞赛考评', period: '2026-11' })).title).toBe('关于2026年11月“七比一看”竞赛考评结果的通报');
  });

  it('tables the ranking with ties stated and the red flag awarded', () => {
    const { blocks } = bulletinOf(runOf());
    expect(texts(blocks, 'h1')).toEqual(['考核结果', '流动红旗', '工作亮点', '下一步要求']);
    const [table] = tables(blocks);
    expect(table!.columns).toEqual(['名次', '单位', '项目开工（70分）', '评审评价（30分）', '总分']);
    expect(table!.rows).toEqual([
      ['1', '规划建设局', '65.50', '30.00', '95.50'],
      ['并列2', '经济发展局', '50.00', '30.00', '80.00'],
      ['并列2', '招商服务中心', '50.00', '30.00', '80.00'],
      ['4', '自然资源局', '31.25', '30.00', '61.25'],
    ]);
    const paragraphs = texts(blocks, 'p');
    expect(paragraphs).toContain('其中，经济发展局、招商服务中心总分均为80.00分，并列第2名。');
    expect(paragraphs).toContain('根据考核办法，2026年第三季度“流动红旗”授予规划建设局（总分95.50分）。');
    expect(paragraphs[0]).toContain('考核采用业务数据自动评分与评审组评分相结合的方式，从项目开工（70分）、评审评价（30分）2个方面对4个单位进行了考核评比。');
    expect(paragraphs[0]).toContain('考核结果已经确定');
    // highlights: one paragraph per non-empty line
    expect(paragraphs).toContain('规划建设局提前完成三季度开工任务。');
    expect(paragraphs).toContain('经济发展局服务企业成效明显。');
  });

  it('proposes the red flag while the appeal window is open and says until when', () => {
    const { blocks } = bulletinOf(runOf({ status: 'appeal', lockedAt: null }));
    const paragraphs = texts(blocks, 'p');
    expect(paragraphs[0]).toContain('公示期（申诉期）至2026年11月26日');
    expect(paragraphs).toContain('根据考核办法，2026年第三季度“流动红旗”拟授予规划建设局（总分95.50分）。');
  });

  it('ranks each track in its own table and names the track of each holder', () => {
    const results = [
      row('a', '规划建设局', 90, 1, { track: '建设组', redFlag: true }),
      row('d', '自然资源局', 70, 2, { track: '建设组' }),
      row('b', '经济发展局', 85, 1, { track: '服务组', redFlag: true, tied: true }),
      row('c', '招商服务中心', 85, 1, { track: '服务组', redFlag: true, tied: true }),
    ];
    const { blocks } = bulletinOf(runOf({ results, highlights: null }));
    expect(texts(blocks, 'h2')).toEqual(['建设组', '服务组']);
    expect(tables(blocks).map((t) => t.rows.map((r) => r[1]))).toEqual([
      ['规划建设局', '自然资源局'],
      ['经济发展局', '招商服务中心'],
    ]);
    expect(tables(blocks)[1]!.rows.map((r) => r[0])).toEqual(['并列1', '并列1']);
    expect(texts(blocks, 'p')).toContain(
      '根据考核办法，2026年第三季度“流动红旗”授予规划建设局（建设组，总分90.00分）、经济发展局（服务组，总分85.00分，并列）、招商服务中心（服务组，总分85.00分，并列）。',
    );
    expect(texts(blocks, 'h1')).not.toContain('工作亮点');
  });

  it('leaves out the red flag when the scheme awards none, and writes projects as projects', () => {
    const results = [row('a', '古雷炼化一体化二期', 90, 1), row('b', '港区疏港公路', 70, 2)];
    const participants = [
      { id: 'a', unitId: null, projectId: 'pa', name: '古雷炼化一体化二期', track: null },
      { id: 'b', unitId: null, projectId: 'pb', name: '港区疏港公路', track: null },
    ];
    const { blocks } = bulletinOf(runOf({ results, participants }));
    expect(texts(blocks, 'h1')).not.toContain('流动红旗');
    expect(tables(blocks)[0]!.columns[1]).toBe('项目');
    expect(texts(blocks, 'p')[0]).toContain('对2个项目进行了考核评比');
    // one method, one dimension
    const single = bulletinOf(runOf({ dimensions: [runOf().dimensions[0]!], results: [row('a', '规划建设局', 70, 1)] }));
    expect(texts(single.blocks, 'p')[0]).toContain('考核采用业务数据自动评分的方式，从项目开工（70分）方面对4个单位进行了考核评比。');
  });

  it('states every group of ties of a track', () => {
    const rows = [
      row('a', '甲', 90, 1, { tied: true }),
      row('b', '乙', 90, 1, { tied: true }),
      row('c', '丙', 70, 3, { tied: true }),
      row('d', '丁', 70, 3, { tied: true }),
    ];
    expect(tieSentences(rows)).toEqual(['甲、乙总分均为90.00分，并列第1名', '丙、丁总分均为70.00分，并列第3名']);
    expect(rankCell(rows[2]!)).toBe('并列3');
    expect(rankCell({ rank: 5, tied: false })).toBe('5');
  });
});
