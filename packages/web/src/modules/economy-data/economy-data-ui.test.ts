import { describe, expect, it } from 'vitest';
import type { FigureGrid, Indicator, Region, Target } from '@zoneops/shared';
import {
  approvableDrafts,
  buildEntries,
  cellEditable,
  cellErrorsOf,
  changedOnly,
  decreasesOf,
  draftState,
  fieldKey,
  gridColumns,
  indicatorBody,
  indicatorPatch,
  indicatorValuesOf,
  isChanged,
  listFieldName,
  monthParam,
  nextCell,
  orderRegions,
  parseCell,
  parseClipboard,
  pasteTargets,
  previousMonth,
  regionBody,
  rowStatus,
  targetRows,
  thresholdsProblem,
} from './economy-data-ui.ts';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function buildRegion(n: number, over: Partial<Region> = {}): Region {
  return { id: U(n), name: `区${n}`, nameEn: `R${n}`, aliases: [], kind: 'peer', active: true, sort: 100, ...over };
}

function buildIndicator(n: number, over: Partial<Indicator> = {}): Indicator {
  return {
    id: U(100 + n),
    code: `ind${n}`,
    nameZh: `指标${n}`,
    nameEn: `Indicator ${n}`,
    aliases: [],
    unit: '亿元',
    unitEn: '100 million yuan',
    frequency: 'month',
    valueKind: 'cumulative',
    growthKind: 'nominal',
    higherIsBetter: true,
    rankBy: 'growth',
    additive: true,
    alertLevel: null,
    excellentLevel: null,
    leadUnitId: null,
    leadUnitName: null,
    ownerUserId: null,
    ownerName: null,
    source: null,
    notes: null,
    leading: false,
    active: true,
    sort: n,
    can: { enter: true, approve: true, manage: true },
    ...over,
  };
}

const cell = (regionId: string, value: number | null, growth: number | null, status: 'draft' | 'approved' = 'approved', over: object = {}) => ({
  regionId,
  value,
  growth,
  monthValue: null,
  monthGrowth: null,
  status,
  revisionReason: null,
  updatedAt: '2026-11-05T02:00:00.000Z',
  updatedByName: '统计员',
  approvedAt: status === 'approved' ? '2026-11-06T02:00:00.000Z' : null,
  ...over,
});

const zone = buildRegion(1, { kind: 'zone', sort: 5 });
const city = buildRegion(2, { kind: 'city', sort: 1 });
const peerB = buildRegion(3, { name: '乙区', sort: 20 });
const peerA = buildRegion(4, { name: '甲区', sort: 10 });
const monthly = buildIndicator(1);
const quarterly = buildIndicator(2, { frequency: 'quarter', growthKind: 'real' });
const readOnly = buildIndicator(3, { can: { enter: false, approve: false, manage: false } });

function buildGrid(): FigureGrid {
  return {
    month: '2026-10',
    regions: [peerB, city, zone, peerA],
    rows: [
      {
        indicator: monthly,
        period: '2026-10',
        periodLabel: '1-10月',
        cells: [cell(zone.id, 1200.5, 18.1), cell(city.id, 6000, 6.5, 'draft', { monthValue: 130, monthGrowth: 4.2 })],
        previousZoneValue: 1080,
      },
      { indicator: quarterly, period: null, periodLabel: null, cells: [], previousZoneValue: null },
      { indicator: readOnly, period: '2026-10', periodLabel: '1-10月', cells: [cell(zone.id, 5, 1, 'draft')], previousZoneValue: null },
    ],
  };
}

describe('layout', () => {
  it('orders the zone, the city, then the peers by sort', () => {
    expect(orderRegions([peerB, city, zone, peerA]).map((r) => r.id)).toEqual([zone.id, city.id, peerA.id, peerB.id]);
  });

  it('gives each region value and growth, and the monthly pair when shown', () => {
    expect(gridColumns([zone], false)).toEqual([
      { regionId: zone.id, field: 'value' },
      { regionId: zone.id, field: 'growth' },
    ]);
    expect(gridColumns([zone, city], true).map((c) => c.field)).toEqual([
      'value',
      'growth',
      'monthValue',
      'monthGrowth',
      'value',
      'growth',
      'monthValue',
      'monthGrowth',
    ]);
  });

  it('lets only enterable indicators with a period be typed into, 当月 only for monthly ones', () => {
    const [m, q, r] = buildGrid().rows;
    expect(cellEditable(m!, 'value')).toBe(true);
    expect(cellEditable(m!, 'monthGrowth')).toBe(true);
    expect(cellEditable(q!, 'value')).toBe(false);
    expect(cellEditable({ ...q!, period: '2026-Q3' }, 'growth')).toBe(true);
    expect(cellEditable({ ...q!, period: '2026-Q3' }, 'monthValue')).toBe(false);
    expect(cellEditable(r!, 'value')).toBe(false);
  });
});

describe('reading cells', () => {
  it('reads growth in percent and refuses a ratio', () => {
    expect(parseCell('growth', '18.1')).toEqual({ ok: true, value: 18.1 });
    expect(parseCell('growth', '18.1%')).toEqual({ ok: true, value: 18.1 });
    expect(parseCell('monthGrowth', '－3.2')).toEqual({ ok: true, value: -3.2 });
    const ratio = parseCell('growth', '0.181');
    expect(ratio.ok).toBe(false);
    if (!ratio.ok) expect(ratio.message).toMatch(/ratio/);
  });

  it('reads values with commas, and a blank or a dash as no figure', () => {
    expect(parseCell('value', '1,234.5')).toEqual({ ok: true, value: 1234.5 });
    for (const blank of ['', '  ', '—', '——', '-', '－', '/']) expect(parseCell('value', blank)).toEqual({ ok: true, value: null });
    expect(parseCell('value', 'abc').ok).toBe(false);
    expect(parseCell('value', '--5').ok).toBe(false);
  });

  it('compares the number, not the text', () => {
    expect(isChanged('growth', '18.10', 18.1)).toBe(false);
    expect(isChanged('growth', '18.2', 18.1)).toBe(true);
    expect(isChanged('value', '', null)).toBe(false);
    expect(isChanged('value', '', 5)).toBe(true);
    expect(isChanged('value', 'x', 5)).toBe(true);
  });
});

describe('saving', () => {
  const grid = buildGrid();
  const k = (ind: Indicator, r: Region, f: Parameters<typeof fieldKey>[2]) => fieldKey(ind.id, r.id, f);

  it('sends only the changed cells, each as a whole figure', () => {
    const drafts = new Map([
      [k(monthly, zone, 'growth'), '18.3'],
      [k(monthly, city, 'value'), '6,000'], // the same number: not a change
      [k(monthly, peerA, 'value'), '800'],
    ]);
    const { entries, refs, invalid } = buildEntries(grid, drafts);
    expect(invalid).toEqual([]);
    expect(entries).toEqual([
      { indicatorId: monthly.id, regionId: zone.id, period: '2026-10', value: 1200.5, growth: 18.3, monthValue: null, monthGrowth: null },
      { indicatorId: monthly.id, regionId: peerA.id, period: '2026-10', value: 800, growth: null, monthValue: null, monthGrowth: null },
    ]);
    expect(refs).toEqual([
      { indicatorId: monthly.id, regionId: zone.id },
      { indicatorId: monthly.id, regionId: peerA.id },
    ]);
  });

  it('keeps the stored 当月 pair of a changed cell and sends none for quarterly indicators', () => {
    const q = { ...grid, rows: [{ ...grid.rows[1]!, period: '2026-Q3', cells: [cell(zone.id, 300, 7)] }, grid.rows[0]!] };
    const drafts = new Map([
      [k(quarterly, zone, 'growth'), '7.5'],
      [k(quarterly, zone, 'monthValue'), '9'], // not enterable: ignored
      [k(monthly, city, 'growth'), '6.6'],
    ]);
    const { entries } = buildEntries(q, drafts);
    expect(entries[0]).toEqual({ indicatorId: quarterly.id, regionId: zone.id, period: '2026-Q3', value: 300, growth: 7.5 });
    expect(entries[1]).toMatchObject({ regionId: city.id, value: 6000, growth: 6.6, monthValue: 130, monthGrowth: 4.2 });
  });

  it('removes a figure when every number is cleared', () => {
    const drafts = new Map([
      [k(monthly, zone, 'value'), ''],
      [k(monthly, zone, 'growth'), '—'],
    ]);
    expect(buildEntries(grid, drafts).entries).toEqual([
      { indicatorId: monthly.id, regionId: zone.id, period: '2026-10', value: null, growth: null, monthValue: null, monthGrowth: null },
    ]);
  });

  it('lists unreadable cells instead of sending them, and ignores read-only rows', () => {
    const drafts = new Map([
      [k(monthly, zone, 'growth'), '0.181'],
      [k(readOnly, zone, 'value'), '9'],
    ]);
    const { entries, invalid } = buildEntries(grid, drafts);
    expect(entries).toEqual([]);
    expect(invalid.map((i) => i.key)).toEqual([k(monthly, zone, 'growth')]);
    const state = draftState(grid, drafts);
    expect([...state.changed]).toEqual([k(monthly, zone, 'growth')]);
    expect([...state.invalid.keys()]).toEqual([k(monthly, zone, 'growth')]);
  });

  it('attaches the revision reason given for a cell', () => {
    const drafts = new Map([[k(monthly, zone, 'value'), '1000']]);
    const reasons = new Map([[`${monthly.id}|${zone.id}`, '  统计局修订 ']]);
    expect(buildEntries(grid, drafts, reasons).entries[0]!.revisionReason).toBe('统计局修订');
  });
});

describe('server answers', () => {
  const refs = [
    { indicatorId: monthly.id, regionId: zone.id },
    { indicatorId: monthly.id, regionId: peerA.id },
  ];

  it('puts field errors on their cells', () => {
    const { cells, general } = cellErrorsOf(
      [
        { path: 'body.entries.1.growth', message: 'looks like a ratio' },
        { path: 'body.entries.0.period', message: 'not a month' },
        { path: 'body.entries.0', message: 'twice' },
        { path: 'body.entries', message: 'too many' },
        { path: 'body.entries.7.value', message: 'no such entry' },
        'junk',
      ],
      refs,
    );
    expect(cells.get(fieldKey(monthly.id, peerA.id, 'growth'))).toEqual(['looks like a ratio']);
    expect(cells.get(fieldKey(monthly.id, zone.id, 'value'))).toEqual(['not a month', 'twice']);
    expect(general).toEqual(['too many', 'no such entry']);
  });

  it('reads the cells of a cumulative decrease with the previous value', () => {
    expect(
      decreasesOf(
        [
          { path: 'body.entries.1.value', message: 'below', previous: 900 },
          { path: 'body.entries.1.value', message: 'again' },
          { path: 'body.entries.0.value', message: 'below' },
        ],
        refs,
      ),
    ).toEqual([
      { indicatorId: monthly.id, regionId: peerA.id, previous: 900, message: 'below' },
      { indicatorId: monthly.id, regionId: zone.id, previous: null, message: 'below' },
    ]);
    expect(decreasesOf(undefined, refs)).toEqual([]);
  });
});

describe('paste and keyboard', () => {
  it('reads a block copied from Excel', () => {
    expect(parseClipboard('1,234.5\t18.1%\r\n900\t-2.5\r\n')).toEqual([
      ['1,234.5', '18.1%'],
      ['900', '-2.5'],
    ]);
    expect(parseClipboard('"12"\t\t3\n')).toEqual([['12', '', '3']]);
    expect(parseClipboard('5')).toEqual([['5']]);
  });

  it('lands a block from the focused cell, clipped to the grid', () => {
    const t = pasteTargets(
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
      { row: 1, col: 2 },
      2,
      4,
    );
    expect(t).toEqual([
      { row: 1, col: 2, text: 'a' },
      { row: 1, col: 3, text: 'b' },
    ]);
  });

  it('moves to the next editable cell', () => {
    // row 1 is read-only; column 1 of row 2 too
    const editable = ({ row, col }: { row: number; col: number }) => row !== 1 && !(row === 2 && col === 1);
    expect(nextCell({ row: 0, col: 2 }, 'next', 3, 3, editable)).toEqual({ row: 2, col: 0 });
    expect(nextCell({ row: 2, col: 0 }, 'prev', 3, 3, editable)).toEqual({ row: 0, col: 2 });
    expect(nextCell({ row: 2, col: 0 }, 'right', 3, 3, editable)).toEqual({ row: 2, col: 2 });
    expect(nextCell({ row: 0, col: 1 }, 'down', 3, 3, editable)).toBeNull();
    expect(nextCell({ row: 0, col: 0 }, 'down', 3, 3, editable)).toEqual({ row: 2, col: 0 });
    expect(nextCell({ row: 2, col: 0 }, 'up', 3, 3, editable)).toEqual({ row: 0, col: 0 });
    expect(nextCell({ row: 2, col: 2 }, 'next', 3, 3, editable)).toBeNull();
    expect(nextCell({ row: 0, col: 0 }, 'left', 3, 3, editable)).toBeNull();
  });
});

describe('status and month', () => {
  it('summarises a row and counts the drafts an approval takes', () => {
    const grid = buildGrid();
    expect(rowStatus(grid.rows[0]!)).toEqual({ status: 'draft', drafts: 1 });
    expect(rowStatus(grid.rows[1]!)).toEqual({ status: 'empty', drafts: 0 });
    expect(rowStatus({ cells: [cell(zone.id, 1, 1)] })).toEqual({ status: 'approved', drafts: 0 });
    // the read-only indicator's draft is not the user's to approve
    const a = approvableDrafts(grid);
    expect(a.figures).toBe(1);
    expect(a.indicators.map((x) => x.indicator.id)).toEqual([monthly.id]);
  });

  it('takes the month of the URL or the month before today', () => {
    expect(monthParam('2026-10', '2026-01')).toBe('2026-10');
    expect(monthParam('2026-13', '2026-01')).toBe('2026-01');
    expect(monthParam(null, '2026-01')).toBe('2026-01');
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-11-01')).toBe('2026-10');
  });
});

describe('settings forms', () => {
  it('trims an indicator and sends blanks as null', () => {
    const values = {
      ...indicatorValuesOf(null),
      code: ' power ',
      nameZh: ' 工业用电量 ',
      nameEn: 'Power',
      unit: '亿千瓦时',
      unitEn: 'bn kWh',
      aliases: [' 用电量', '', '用电量'],
      source: '  ',
      leading: true,
    };
    const body = indicatorBody(values);
    expect(body).toMatchObject({
      code: 'power',
      nameZh: '工业用电量',
      aliases: ['用电量'],
      source: null,
      notes: null,
      leadUnitId: null,
      leading: true,
      additive: true,
    });
  });

  it('patches only what changed, a cleared owner as null', () => {
    const ind = buildIndicator(5, { ownerUserId: U(9), ownerName: '张三', alertLevel: 0 });
    const initial = indicatorValuesOf(ind);
    expect(initial).not.toHaveProperty('can');
    expect(initial).not.toHaveProperty('ownerName');
    const edited = { ...initial, ownerUserId: undefined as unknown as null, excellentLevel: 10 };
    expect(changedOnly(indicatorBody(edited), indicatorBody(initial))).toEqual({ ownerUserId: null, excellentLevel: 10 });
    expect(changedOnly(indicatorBody(initial), indicatorBody(initial))).toEqual({});
  });

  it('sends the defaulted fields with every indicator patch, so that no default replaces a stored value', () => {
    const ind = buildIndicator(6, { aliases: ['用电量'], leading: true, active: false, higherIsBetter: false, rankBy: 'value', additive: false, sort: 7 });
    const initial = indicatorBody(indicatorValuesOf(ind));
    expect(indicatorPatch({ ...initial, nameZh: '工业用电量' }, initial)).toEqual({
      nameZh: '工业用电量',
      aliases: ['用电量'],
      leading: true,
      active: false,
      higherIsBetter: false,
      rankBy: 'value',
      additive: false,
      sort: 7,
    });
  });

  it('checks thresholds in the direction of the indicator', () => {
    expect(thresholdsProblem(0, 10, true)).toBe(false);
    expect(thresholdsProblem(10, 0, true)).toBe(true);
    expect(thresholdsProblem(10, 0, false)).toBe(false);
    expect(thresholdsProblem(null, 0, true)).toBe(false);
  });

  it('trims a region and shows list item errors on the list', () => {
    expect(regionBody({ name: ' 甲区 ', nameEn: 'A', aliases: ['甲 ', '甲'], kind: 'peer', active: true, sort: 1 })).toEqual({
      name: '甲区',
      nameEn: 'A',
      aliases: ['甲'],
      kind: 'peer',
      active: true,
      sort: 1,
    });
    expect(listFieldName(['aliases', 2])).toEqual(['aliases']);
    expect(listFieldName(['name'])).toEqual(['name']);
  });

  it('gives every indicator a targets row, active ones first', () => {
    const inactive = buildIndicator(7, { active: false, sort: 1 });
    const target: Target = {
      id: U(50),
      indicatorId: monthly.id,
      year: 2026,
      kind: 'growth',
      value: 8,
      setOn: '2026-02-01',
      note: null,
      updatedAt: '2026-02-01T00:00:00.000Z',
    };
    const rows = targetRows([inactive, quarterly, monthly], [target]);
    expect(rows.map((r) => [r.indicator.id, r.target?.id ?? null])).toEqual([
      [monthly.id, target.id],
      [quarterly.id, null],
      [inactive.id, null],
    ]);
  });
});
