// The assessment pages render (server-side, first paint) in both languages: without data (effects do not run here, so
// nothing is fetched), and the parts that take data with API answers parsed by the contract's schemas
// (assessment-fixtures.ts): the scheme list and the red flags, a scheme with its runs, the editor, and a run with its
// steps, actions, ranking per track (ties, red flags, a dimension still pending), the panel grid (own unit greyed
// out), the appeals and a participant's breakdown.
import type { ComponentType, ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe as admin, renderAs, U } from '../../app/test-fixtures.tsx';
import { appeals, breakdown, redFlags, run, runList, scheme, schemeList, scoringRun } from './assessment-fixtures.ts';
import AssessmentsPage from './AssessmentsPage.tsx';
import { RedFlagTable } from './RedFlagHistory.tsx';
import { AppealsView } from './run/AppealsTab.tsx';
import { BreakdownView } from './run/BreakdownDrawer.tsx';
import RunPage, { RunActions, RunView } from './RunPage.tsx';
import SchemeEditPage, { SchemeForm } from './SchemeEditPage.tsx';
import { SchemeListView } from './SchemeList.tsx';
import SchemePage, { SchemeView } from './SchemePage.tsx';

const html = (element: ReactElement, path = '/assessments') => renderAs(admin, element, path);
const reader = { ...admin, permissions: ['assessment.read'] };
const untranslated = /assessments\.[a-zA-Z]+\.[a-zA-Z.]+/;
const noop = () => undefined;

const pages: [string, ComponentType, string][] = [
  ['schemes', AssessmentsPage, '/assessments'],
  ['red flags', AssessmentsPage, '/assessments?tab=redFlags'],
  ['scheme', SchemePage, `/assessments/schemes/${scheme.id}`],
  ['new scheme', SchemeEditPage, '/assessments/schemes/new'],
  ['run', RunPage, `/assessments/runs/${run.id}`],
];

describe.each(['zh-CN', 'en-US'] as const)('assessment pages in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each(pages)('%s renders without data', (_name, Page, path) => {
    const out = html(<Page />, path);
    expect(out.length).toBeGreaterThan(100);
    expect(out).not.toMatch(untranslated);
  });

  it('lists the schemes with their last run, and offers a new one to managers only', () => {
    const out = html(<SchemeListView items={schemeList.items} canManage />);
    // the English name where the scheme has one
    expect(out).toContain(zh ? '“三百”劳动竞赛' : 'Three hundred&quot; labour competition');
    expect(out).toContain('“七比一看”竞赛');
    expect(out).toContain(zh ? '2026年三季度' : '2026 Q3');
    expect(out).toContain('data-status="appeal"');
    expect(out).toContain(zh ? '4 个单位' : '4 units');
    expect(out).toContain(zh ? '12 个项目' : '12 projects');
    expect(out).toContain(zh ? '半月' : 'Half-monthly');
    expect(out).toContain(zh ? '尚未开展' : 'Not started yet');
    expect(out).toContain('data-testid="scheme-create"');
    expect(html(<SchemeListView items={schemeList.items} canManage={false} />)).not.toContain('data-testid="scheme-create"');
    expect(out).not.toMatch(untranslated);
  });

  it('shows the red flag holders with the flag', () => {
    const out = html(<RedFlagTable items={redFlags.items} />);
    expect(out).toContain('古雷镇');
    expect(out).toContain('91.65');
    expect(out).toContain(zh ? '2026年二季度' : '2026 Q2');
    expect(out.match(/data-testid="red-flag"/g)).toHaveLength(2);
    expect(out).toContain('征迁组');
  });

  it('shows a scheme: its dimensions with their methods, participants, panel and runs; actions for managers', () => {
    const out = html(<SchemeView scheme={scheme} runs={runList.items} canManage onStart={noop} onDelete={noop} />);
    expect(out).toContain(zh ? '“三百”劳动竞赛' : 'Three hundred&quot; labour competition');
    expect(out).toContain(zh ? '自动计算 · 投资完成率 · 按完成率' : 'Automatic · Investment completion rate · By rate');
    expect(out).toContain(zh ? '逐项扣分 5' : 'Deduct per item 5');
    expect(out).toContain(zh ? '等次评定' : 'Grade');
    expect(out).toContain('古雷镇 · 征迁组');
    expect(out).toContain('考核办科长');
    expect(out).toContain(zh ? '各组前 1 名' : 'Top 1 of each track');
    expect(out).toContain(`href="/assessments/runs/${U(71)}"`);
    for (const id of ['scheme-edit', 'scheme-delete', 'run-start']) expect(out).toContain(`data-testid="${id}"`);
    const readOnly = html(<SchemeView scheme={scheme} runs={runList.items} canManage={false} onStart={noop} onDelete={noop} />);
    for (const id of ['scheme-edit', 'scheme-delete', 'run-start']) expect(readOnly).not.toContain(`data-testid="${id}"`);
    expect(out).not.toMatch(untranslated);
  });

  it('edits a scheme: its dimensions with metrics and the weight total of 100, its participants with tracks', () => {
    const out = html(<SchemeForm scheme={scheme} />, `/assessments/schemes/${scheme.id}/edit`);
    expect(out).toContain('data-testid="weight-total" data-ok="true"');
    expect(out).toContain(zh ? '权重合计 100 分' : 'Weights total 100 points');
    expect(out).toContain(zh ? '投资完成率' : 'Investment completion rate');
    expect(out).toContain('data-testid="dim-per-item-1"');
    expect(out).not.toContain('data-testid="dim-per-item-0"');
    expect(out).toContain(zh ? '好 100% · 较好 85% · 一般 70% · 差 50%' : 'Excellent 100% · Good 85% · Fair 70% · Poor 50%');
    expect(out).toContain('杜浔镇');
    expect(out).toContain(zh ? '共 4 个' : '4 in all');
    expect(out).not.toMatch(untranslated);
    const fresh = html(<SchemeForm />, '/assessments/schemes/new');
    expect(fresh).toContain('data-testid="weight-total" data-ok="false"');
    expect(fresh).toContain(zh ? '权重合计 0 分，须为 100 分' : 'Weights total 0 points; they must total 100');
    expect(fresh).not.toMatch(untranslated);
  });

  it('shows a run in its appeal window: the steps, the dates, the actions and the ranking per track', () => {
    const actions = <RunActions run={run} busy={null} today="2026-11-23" onRecompute={noop} onPublish={noop} onLock={noop} onBulletin={noop} onReload={noop} />;
    const out = html(<RunView run={run} actions={actions} onReload={noop} />, `/assessments/runs/${run.id}`);
    expect(out).toContain('data-step="1"');
    expect(out).toContain(zh ? '申诉期（至 2026-11-25）' : 'Appeal window (until 2026-11-25)');
    expect(out).toContain('2026-07-01');
    expect(out).toContain('古雷镇征迁交地提前完成。');
    // the lock waits for the end of the window (2026-11-25)
    expect(out).toMatch(/<button[^>]*data-testid="run-lock"[^>]*disabled/);
    const after = html(
      <RunActions run={run} busy={null} today="2026-11-26" onRecompute={noop} onPublish={noop} onLock={noop} onBulletin={noop} onReload={noop} />,
    );
    expect(after).toContain('data-testid="run-lock"');
    expect(after).not.toMatch(/<button[^>]*data-testid="run-lock"[^>]*disabled/);
    expect(out).toContain('data-testid="run-bulletin"');
    expect(out).not.toContain('data-testid="run-publish"');
    expect(out).not.toContain('data-testid="run-recompute"');
    // two tracks, each with its red flag holder; the tie in 征迁组; a panel dimension not yet scored in 建设组
    expect(out).toContain('data-testid="ranking-征迁组"');
    expect(out).toContain('data-testid="ranking-建设组"');
    expect(out).toContain(`data-testid="result-row-${U(101)}" data-red-flag="true"`);
    expect(out.match(/data-testid="tied"/g)).toHaveLength(2);
    expect(out).toContain(zh ? '待评' : 'Pending');
    expect(out).toContain('91.65');
    expect(out).toContain('data-testid="totals-chart-征迁组"');
    expect(out).not.toMatch(untranslated);
  });

  it('offers recompute and publish while scoring, and only the bulletin to a reader after publication', () => {
    const scoring = html(
      <RunActions run={scoringRun} busy={null} onRecompute={noop} onPublish={noop} onLock={noop} onBulletin={noop} onReload={noop} />,
      `/assessments/runs/${run.id}`,
    );
    for (const id of ['run-recompute', 'run-publish']) expect(scoring).toContain(`data-testid="${id}"`);
    // no bulletin before publication; publication waits for the panel (3 of 16 scores entered)
    expect(scoring).not.toContain('data-testid="run-bulletin"');
    expect(scoring).toMatch(/<button[^>]*data-testid="run-publish"[^>]*disabled/);
    const complete = html(
      <RunActions
        run={{ ...scoringRun, progress: { entered: 16, expected: 16 } }}
        busy={null}
        onRecompute={noop}
        onPublish={noop}
        onLock={noop}
        onBulletin={noop}
        onReload={noop}
      />,
    );
    expect(complete).not.toMatch(/<button[^>]*data-testid="run-publish"[^>]*disabled/);
    const asReader = { ...run, can: { score: false, appeal: false, manage: false } };
    const out = renderAs(reader, <RunActions run={asReader} busy={null} onRecompute={noop} onPublish={noop} onLock={noop} onBulletin={noop} onReload={noop} />);
    expect(out).toContain('data-testid="run-bulletin"');
    expect(out).not.toContain('data-testid="run-lock"');
  });

  it('gives a panel member the scoring grid while scoring, with their own unit greyed out', () => {
    const out = html(<RunView run={scoringRun} onReload={noop} />, `/assessments/runs/${run.id}?tab=scoring`);
    expect(out).toContain('data-testid="scoring-progress" data-entered="3" data-expected="16"');
    expect(out).toContain(zh ? '已评 3 项 / 应评 16 项' : '3 of 16 scores entered');
    expect(out).toContain(`data-testid="score-row-${U(100)}" data-own-unit="true"`);
    expect(out).not.toContain(`data-testid="score-save-${U(100)}"`);
    expect(out).toContain(`data-testid="score-save-${U(101)}"`);
    expect(out).toContain(`data-testid="score-${U(101)}-panel-points"`);
    expect(out).toContain(`data-testid="score-${U(101)}-spirit-grade"`);
    // the automatic dimensions are not in the grid
    expect(out).not.toContain(`data-testid="score-${U(101)}-invest`);
    expect(out).not.toMatch(untranslated);
    const closed = html(<RunView run={run} onReload={noop} />, `/assessments/runs/${run.id}?tab=scoring`);
    expect(closed).not.toContain('data-testid="score-grid"');
    expect(closed).toContain(zh ? '评分已结束' : 'Scoring has ended');
  });

  it('lists the appeals with the change of points, offers answering the open one and filing within the window', () => {
    const out = html(<AppealsView run={run} appeals={appeals.items} today="2026-11-23" onFile={noop} onAnswer={noop} />);
    expect(out).toContain('两件督办事项已于9月28日报结');
    expect(out).toContain('10 → 20');
    // the open appeal shows the points as they stand (建设局's investment: 28)
    expect(out).toMatch(/>28<\/td>/);
    expect(out).toContain(`data-testid="appeal-answer-${U(81)}"`);
    expect(out).not.toContain(`data-testid="appeal-answer-${U(80)}"`);
    expect(out).toContain('data-testid="appeal-file"');
    // a dimension's English name where it has one
    expect(out).toContain('督办超期');
    expect(out).toContain(zh ? '投资完成率' : 'Investment completion');
    const after = html(<AppealsView run={run} appeals={appeals.items} today="2026-11-26" onFile={noop} onAnswer={noop} />);
    expect(after).not.toContain('data-testid="appeal-file"');
    expect(after).toContain(zh ? '申诉期已结束' : 'The appeal window has closed');
    expect(out + after).not.toMatch(untranslated);
  });

  it('breaks a participant’s total down: points lost in red, who scored, the records behind an automatic score', () => {
    const out = html(<BreakdownView breakdown={breakdown} run={run} />);
    expect(out).toContain('data-testid="lost-invest" data-lost="true"');
    expect(out).not.toContain('data-testid="lost-overdue" data-lost="true"');
    expect(out).toContain(zh ? '系统计算' : 'Computed by the system');
    expect(out).toContain('考核办科长');
    expect(out).toContain('现场组织有序，进度略慢。');
    expect(out).toContain('16,000 / 20,000');
    expect(out).toContain('古雷港区疏港公路');
    expect(out).toContain(zh ? '另有 3 条记录未列出' : '3 more records not listed');
    expect(out.match(/data-testid="breakdown-no-data"/g)).toHaveLength(1);
    expect(out).toContain(zh ? '项目' : 'Project');
    expect(out).not.toMatch(untranslated);
  });
});
