// The cockpit renders (server-side, first paint) in both languages: the page without data (effects do not run here,
// so nothing is fetched) and its tiles with the answers of cockpit-fixtures.ts (parsed by the contract's schema): the
// zone leader's with every tile, a department head's without the safety and park tiles and without a competition run.
// Charts are lazy (ECharts does not load here): their placeholders are checked, not their drawing.
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe, renderAs, U } from '../../app/test-fixtures.tsx';
import CockpitPage from './CockpitPage.tsx';
import { CockpitView } from './CockpitView.tsx';
import { deptCockpit, leaderCockpit } from './cockpit-fixtures.ts';

const untranslated = /cockpit\.[a-zA-Z]+\.?[a-zA-Z.]*/;
const leader = { ...adminMe, username: 'leader', roles: ['leader'], permissions: ['cockpit.view'] };
const html = (data = leaderCockpit) => renderAs(leader, <CockpitView data={data} />, '/cockpit');
/** The text of the element with a test id (inside any wrapping tags), or undefined. */
const textOf = (out: string, testId: string) => new RegExp(`data-testid="${testId}"[^>]*>(?:<[^>]+>)*([^<]*)<`).exec(out)?.[1];
/** Whether a link to `path` carries the test id. */
const linkOf = (out: string, testId: string) =>
  [...out.matchAll(/<a [^>]*>/g)]
    .map((m) => m[0])
    .find((a) => a.includes(`data-testid="${testId}"`))
    ?.match(/href="([^"]*)"/)?.[1];

describe.each(['zh-CN', 'en-US'] as const)('the cockpit in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it('renders the page without data, with the big screen button opening a new tab', () => {
    const out = renderAs(leader, <CockpitPage />, '/cockpit');
    expect(out).toContain('data-testid="cockpit-page"');
    expect(out).toContain(zh ? '领导驾驶舱' : 'Leaders&#x27; cockpit');
    const screen = [...out.matchAll(/<a [^>]*>/g)].map((m) => m[0]).find((a) => a.includes('data-testid="cockpit-big-screen"'));
    expect(screen).toContain('href="/screen"');
    expect(screen).toContain('target="_blank"');
    expect(out).toContain(zh ? '数据大屏' : 'Big screen');
    expect(out).not.toMatch(untranslated);
  });

  it('shows every tile of the leader, each title linking to its module', () => {
    const out = html();
    for (const [tile, path] of [
      ['economy', '/economy'],
      ['projects', '/projects/dashboard'],
      ['promotion', '/promotion'],
      ['supervision', '/supervision'],
      ['service', '/service/metrics'],
      ['safety', '/safety/alarms'],
      ['park', '/park'],
      ['competition', `/assessments/runs/${U(71)}`],
    ]) {
      expect(out).toContain(`data-testid="cockpit-tile-${tile}"`);
      expect(linkOf(out, `cockpit-link-${tile}`)).toBe(path);
    }
    expect(out).not.toMatch(untranslated);
  });

  it('lists the key indicators with growth colours, rank with ties, target state and alerts, and the summary', () => {
    const out = html();
    expect(out).toContain(zh ? '2026年1-10月' : '2026');
    expect(out).toContain(zh ? '地区生产总值' : 'GDP');
    expect(textOf(out, 'economy-value-GDP')).toBe('612.35');
    expect(out).toMatch(/color:#389e0d[^"]*" data-testid="economy-growth-GDP">18.1%</);
    expect(out).toMatch(/color:#cf1322[^"]*" data-testid="economy-growth-FAI">-3.2%</);
    expect(textOf(out, 'economy-growth-TAX')).toBe('0.0%');
    expect(out).toContain('2/7');
    expect(out.match(/data-testid="economy-tied"/g)).toHaveLength(1);
    expect(out).toContain(zh ? '完成 76.2%' : '76.2% done');
    expect(out).toContain(zh ? '高于目标 10.1 个百分点' : '+10.1 pts vs target');
    expect(out).toContain(zh ? '低于目标 13.2 个百分点' : '−13.2 pts vs target');
    expect(out).toContain(`data-testid="economy-threshold-FAI"`);
    expect(out).toContain(zh ? '1 项指标位居全市第一' : '1 indicators first in the city');
    expect(out).toContain(zh ? '2 项未达目标' : '2 below target');
    expect(out).not.toMatch(untranslated);
  });

  it('shows the projects: count, completion against plan, three lists, most delayed', () => {
    const out = html();
    expect(textOf(out, 'projects-count')).toBe('46');
    expect(textOf(out, 'projects-annual-percent')).toBe('83.8%');
    expect(out).toContain('178.54');
    expect(out).toContain('213.10');
    expect(out).toContain(zh ? '12 个 · 85.60 亿元' : '12 · 85.60 100M yuan');
    expect(out).toContain('href="/projects?tab=yearLists"');
    expect(out).toContain(`href="/projects/${U(401)}"`);
    expect(out).toContain(zh ? '滞后 25 天' : '25 days late');
    expect(out).not.toMatch(untranslated);
  });

  it('shows the signings, the supervision counts with the red items, the service rates, alarms and the park', () => {
    const out = html();
    expect(textOf(out, 'promotion-signed')).toBe('7');
    expect(textOf(out, 'promotion-signed-investment')).toBe('56.30');
    expect(textOf(out, 'promotion-capital')).toBe('12.84');
    expect(textOf(out, 'supervision-open')).toBe('57');
    expect(textOf(out, 'supervision-red')).toBe('6');
    expect(textOf(out, 'supervision-yellow')).toBe('11');
    expect(out).toContain(`href="/supervision/items/${U(501)}"`);
    expect(out).toContain(`href="/rectification/items/${U(502)}"`);
    expect(out).toContain(zh ? '超期 23 天' : '23 days overdue');
    expect(out).toContain(zh ? '未设期限' : 'No deadline');
    expect(textOf(out, 'service-onTimeResponse')).toBe('96.0%');
    expect(textOf(out, 'service-onTimeCompletion')).toBe('79.1%');
    expect(textOf(out, 'service-satisfaction')).toBe('—');
    expect(textOf(out, 'service-requests')).toBe('128');
    expect(textOf(out, 'service-open-requests')).toBe('14');
    expect(textOf(out, 'safety-red')).toBe('1');
    expect(textOf(out, 'safety-yellow')).toBe('12');
    expect(textOf(out, 'safety-blue')).toBe('0');
    expect(textOf(out, 'park-vehicles')).toBe('143');
    expect(textOf(out, 'park-people')).toBe('2,316');
    expect(textOf(out, 'park-category-hazmat')).toBe('37');
    expect(out).toContain(zh ? '危化品车辆' : 'Hazmat');
    expect(out).not.toMatch(untranslated);
  });

  it('ranks the competition per track with ties and red flags', () => {
    const out = html();
    expect(out).toContain('“三百”劳动竞赛');
    expect(out).toContain(zh ? '2026年三季度' : '2026 Q3');
    expect(out).toContain('data-status="appeal"');
    expect(out).toContain('data-testid="competition-ranking-征迁组"');
    expect(out).toContain('data-testid="competition-ranking-建设组"');
    expect(out.match(/data-testid="red-flag"/g)).toHaveLength(2);
    expect(out.match(/data-testid="tied"/g)).toHaveLength(2);
    expect(textOf(out, `competition-total-${U(101)}`)).toBe('91.65');
    expect(out).not.toMatch(untranslated);
  });

  it('leaves out the tiles a department head may not read and says when there is no competition', () => {
    const out = html(deptCockpit);
    expect(out).not.toContain('data-testid="cockpit-tile-safety"');
    expect(out).not.toContain('data-testid="cockpit-tile-park"');
    expect(out).toContain('data-testid="cockpit-tile-competition"');
    expect(out).toContain(zh ? '暂无考核评比' : 'No assessment yet');
    expect(out).toContain(zh ? '暂无已审核的经济指标数据' : 'No approved economic figures yet');
    expect(linkOf(out, 'cockpit-link-competition')).toBe('/assessments');
    expect(html({ at: leaderCockpit.at })).toContain('data-testid="cockpit-nothing"');
    expect(out).not.toMatch(untranslated);
  });
});
