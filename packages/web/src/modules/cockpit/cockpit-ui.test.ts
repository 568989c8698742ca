import { describe, expect, it } from 'vitest';
import { resultsByTrack } from '../assessments/assessment-ui.ts';
import { deptCockpit, leaderCockpit } from './cockpit-fixtures.ts';
import {
  formatFixed,
  formatGrowth,
  formatNumber,
  formatPercent,
  growthColour,
  GOOD,
  BAD,
  langOf,
  ledgerItemPath,
  presentTiles,
  rankOf,
  rateCircle,
  REFRESH_MS,
  summaryParts,
  targetState,
  tilePath,
  vehiclesByCategory,
} from './cockpit-ui.ts';

describe('tiles', () => {
  it('holds the tiles the answer has, in the page order; a competition without a run is still a tile', () => {
    expect(presentTiles(leaderCockpit)).toEqual(['economy', 'projects', 'promotion', 'supervision', 'service', 'safety', 'park', 'competition']);
    expect(presentTiles(deptCockpit)).toEqual(['economy', 'projects', 'promotion', 'supervision', 'service', 'competition']);
    expect(presentTiles({ at: leaderCockpit.at })).toEqual([]);
    expect(presentTiles(undefined)).toEqual([]);
  });

  it('leads each tile to its module page, the competition to its run', () => {
    expect(tilePath('economy')).toBe('/economy');
    expect(tilePath('projects')).toBe('/projects/dashboard');
    expect(tilePath('promotion')).toBe('/promotion');
    expect(tilePath('supervision')).toBe('/supervision');
    expect(tilePath('service')).toBe('/service/metrics');
    expect(tilePath('safety')).toBe('/safety/alarms');
    expect(tilePath('park')).toBe('/park');
    expect(tilePath('competition', leaderCockpit)).toBe(`/assessments/runs/${leaderCockpit.competition!.runId}`);
    expect(tilePath('competition', deptCockpit)).toBe('/assessments');
  });

  it('opens a rectification item below rectification, other ledger items below supervision', () => {
    expect(ledgerItemPath('rectification', 'x')).toBe('/rectification/items/x');
    expect(ledgerItemPath('supervision', 'x')).toBe('/supervision/items/x');
    expect(ledgerItemPath('blocker', 'x')).toBe('/supervision/items/x');
  });
});

describe('numbers', () => {
  it('groups figures in the page language and writes none as a dash', () => {
    expect(langOf('en-US')).toBe('en');
    expect(langOf('zh-CN')).toBe('zh');
    expect(formatNumber(2316, 'zh')).toBe('2,316');
    expect(formatNumber(2316, 'en')).toBe('2,316');
    expect(formatNumber(91.654, 'en', 2)).toBe('91.65');
    expect(formatNumber(-0.2, 'zh')).toBe('0');
    expect(formatNumber(null, 'zh')).toBe('—');
    expect(formatPercent(83.78, 'zh')).toBe('83.8%');
    expect(formatPercent(100, 'zh')).toBe('100.0%');
    expect(formatFixed(-0.04, 'en', 1)).toBe('0.0');
    expect(formatFixed(1234.5, 'en', 2)).toBe('1,234.50');
    expect(formatPercent(null, 'en')).toBe('—');
  });

  it('colours growth green from zero up and red below, with one decimal', () => {
    expect(formatGrowth(18.14, 'zh')).toBe('18.1%');
    expect(formatGrowth(-3.24, 'zh')).toBe('-3.2%');
    expect(formatGrowth(-0.04, 'zh')).toBe('0.0%');
    expect(formatGrowth(null, 'zh')).toBe('—');
    expect(growthColour(0)).toBe(GOOD);
    expect(growthColour(-0.04)).toBe(GOOD);
    expect(growthColour(-0.06)).toBe(BAD);
    expect(growthColour(null)).toBeUndefined();
  });
});

describe('economy', () => {
  const [gdp, output, fai, tax] = leaderCockpit.economy!.indicators;

  it('states the rank as 2/7 and whether it is shared', () => {
    expect(rankOf(gdp!.rank)).toEqual({ text: '1/7', rank: 1, tied: false });
    expect(rankOf(output!.rank)).toEqual({ text: '2/7', rank: 2, tied: true });
    expect(rankOf(tax!.rank)).toBeNull();
  });

  it('says a value target by its completion and a growth target by the points above or below', () => {
    expect(targetState(output!.target, 'zh')).toEqual({ kind: 'value', met: false, completion: '76.2' });
    expect(targetState(gdp!.target, 'zh')).toEqual({ kind: 'growth', met: true, side: 'above', points: '10.1' });
    expect(targetState(fai!.target, 'en')).toEqual({ kind: 'growth', met: false, side: 'below', points: '13.2' });
    expect(targetState({ kind: 'growth', target: 5, gapPoints: 0.01, met: true }, 'zh')).toMatchObject({ side: 'equal', points: '0.0' });
    expect(targetState({ kind: 'value', target: 5, completion: 86, timeProgress: null, aheadOfTime: null, met: true }, 'zh')).toMatchObject({
      completion: '86.0',
    });
    expect(targetState(null, 'zh')).toBeNull();
  });

  it('keeps the summary parts worth saying', () => {
    expect(summaryParts({ first: 4, second: 0, ranked: 9, belowTarget: 1, alert: 0 })).toEqual([
      { part: 'first', n: 4 },
      { part: 'belowTarget', n: 1 },
    ]);
    expect(summaryParts({ first: 0, second: 0, ranked: 0, belowTarget: 0, alert: 0 })).toEqual([]);
  });
});

describe('service, park, competition', () => {
  it('draws a rate in a circle, nothing counted as an empty circle with a dash', () => {
    expect(rateCircle({ count: 120, of: 125, rate: 96 }, 'zh')).toEqual({ percent: 96, text: '96.0%', colour: GOOD });
    expect(rateCircle({ count: 87, of: 110, rate: 79.09 }, 'zh')).toMatchObject({ text: '79.1%', colour: BAD });
    expect(rateCircle({ count: 85, of: 100, rate: 85 }, 'zh').colour).toBe('#d48806');
    expect(rateCircle({ count: 0, of: 0, rate: null }, 'en')).toEqual({ percent: 0, text: '—', colour: undefined });
  });

  it('lists every vehicle category in the registry order, the unregistered last', () => {
    const rows = vehiclesByCategory(leaderCockpit.park!.vehiclesByCategory);
    expect(rows.map((r) => r.category)).toEqual(['hazmat', 'hazardousWaste', 'cargo', 'ordinary', 'emergency', 'unregistered']);
    expect(rows.map((r) => r.count)).toEqual([37, 0, 58, 46, 0, 2]);
  });

  it('groups the ranking by track, each by rank, tied rows in the server order', () => {
    const groups = resultsByTrack(leaderCockpit.competition!.rows);
    expect(groups.map((g) => g.track)).toEqual(['征迁组', '建设组']);
    expect(groups[0]!.rows.map((r) => r.name)).toEqual(['古雷镇', '杜浔镇', '管委会办公室']);
  });
});

describe('reloading', () => {
  it('reloads every minute', () => {
    expect(REFRESH_MS).toBe(60_000);
  });
});
