// Economic performance over HTTP (DOMAIN §6): the catalogue and regions set up through the API by the statistician,
// figures entered for the zone, the city and seven peers, drafts kept out of the read models until approved, the
// dashboard's derived measures and the bulletin's sentences against hand-worked numbers (and how one peer's growth
// changes the rank sentence), bad input refused with nothing written, visibility by lead unit, a leading indicator
// added without code, the statistics bureau workbook import, and the bulletin as a Word document.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  XLSX_MIME,
  type EconomyBulletin,
  type EconomyDashboard,
  type FigureGrid,
  type FigureImportResult,
  type Indicator,
  type IndicatorMeasures,
  type Region,
} from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, engines, login, type Client, type TestEnv } from './harness.ts';

const MONTH = '2026-09';

/** The regions in the order of every figure list below: the zone, the city, then the seven peers. */
const REGIONS = [
  { name: '古雷开发区', nameEn: 'Gulei Development Zone', kind: 'zone', aliases: ['古雷'] },
  { name: '漳州市', nameEn: 'Zhangzhou', kind: 'city', aliases: ['全市'] },
  { name: '芗城区', nameEn: 'Xiangcheng', kind: 'peer' },
  { name: '龙文区', nameEn: 'Longwen', kind: 'peer' },
  { name: '龙海区', nameEn: 'Longhai', kind: 'peer' },
  { name: '长泰区', nameEn: 'Changtai', kind: 'peer' },
  { name: '漳浦县', nameEn: 'Zhangpu', kind: 'peer' },
  { name: '云霄县', nameEn: 'Yunxiao', kind: 'peer' },
  { name: '东山县', nameEn: 'Dongshan', kind: 'peer' },
] as const;

type Pair = readonly [value: number, growth: number];

/**
 * The figures of 1-9月 / 前三季度 2026, [value, growth %] for the zone, the city and the peers in REGIONS order.
 *
 * Hand-worked (Δ = v − v/(1+g); pull = Δzone / city base × 100; contribution = Δzone / Δcity × 100):
 * - 地区生产总值 (quarterly, real) 前三季度: zone 500 +18.1 %, city 2520 +6.0 %. Peers 12.0 (芗城区) 9.5 7.2 6.5 5.8 4.0 3.1 →
 *   the zone first of 8, 6.1 points ahead of 芗城区. Share 500/2520 = 19.84 % → 近20%. Zone base 500/1.181 = 423.370,
 *   Δ = 76.630; city base 2520/1.06 = 2377.358, Δcity = 142.642; pull 76.630/2377.358 = 3.22 points; contribution 53.72 %.
 *   Target: growth 12.0 % → 高于目标6.1个百分点. 18.1 ≥ excellence 8 → excellent.
 * - 规模以上工业总产值 1-9月: zone 1212 +25.3 %, city 6000 +8.0 %. Peers 15.0 20.1 (龙文区) 9.9 8.8 7.7 3.3 −2.0 → first,
 *   5.2 points ahead of 龙文区. Share 1212/6000 = 20.2 % → 超20%. Zone base 1212/1.253 = 967.279, Δ = 244.721; city base
 *   6000/1.08 = 5555.556; pull 4.40 points; contribution 244.721/444.444 = 55.06 %. Target 1500 亿元: 1212/1500 = 80.8 %,
 *   序时进度 9/12 = 75.0 % → 超序时进度5.8个百分点 (met).
 * - 固定资产投资 1-9月: zone 160 +15.2 %, city 1000 +9.0 %. Peers 12.0 8.0 16.0 (龙海区) 6.0 5.0 1.0 −3.0 → second, 0.8 points
 *   behind 龙海区. Share 16.0 %. Δ = 160 − 138.889 = 21.111; city base 917.431; pull 2.30 points.
 * - 一般公共预算收入 1-9月: zone 30 +12.0 %, city 200 +6.0 %. Peers 12.04 (芗城区) 10.0 9.0 8.0 7.5 6.0 −1.0: 12.04 is 12.0 at
 *   the published precision → 并列第一 with 芗城区. Share 15.0 %. Δ = 30 − 26.786 = 3.214; city base 188.679; pull 1.70.
 *   Target 50 亿元: 60.0 %, 序时 75.0 % → 低于序时进度15.0个百分点 (not met).
 * - 社会消费品零售总额 1-9月: zone 90 +3.0 %, city 1000 −1.0 % (the city shrank). Peers 4.5 3.5 (龙文区) 2.0 (龙海区) 1.0 −1.0
 *   −2.5 −4.0 → third, 0.5 behind 龙文区, 1.0 ahead of 龙海区. Share 9.0 %. Δ = 90 − 87.379 = 2.621; city base 1010.101,
 *   Δcity = −10.101: pull +0.26 points, contribution −25.95 % with cityDeclined. Alert level 5 % → alert.
 */
const SEPTEMBER: Record<string, { period: string; figures: readonly Pair[] }> = {
  tGdp: {
    period: '2026-Q3',
    figures: [
      [500, 18.1],
      [2520, 6.0],
      [800, 12.0],
      [700, 9.5],
      [300, 7.2],
      [250, 6.5],
      [200, 5.8],
      [150, 4.0],
      [120, 3.1],
    ],
  },
  tOutput: {
    period: MONTH,
    figures: [
      [1212, 25.3],
      [6000, 8.0],
      [900, 15.0],
      [1000, 20.1],
      [800, 9.9],
      [700, 8.8],
      [600, 7.7],
      [500, 3.3],
      [400, -2.0],
    ],
  },
  tFai: {
    period: MONTH,
    figures: [
      [160, 15.2],
      [1000, 9.0],
      [120, 12.0],
      [110, 8.0],
      [150, 16.0],
      [90, 6.0],
      [80, 5.0],
      [70, 1.0],
      [60, -3.0],
    ],
  },
  tBudget: {
    period: MONTH,
    figures: [
      [30, 12.0],
      [200, 6.0],
      [25, 12.04],
      [20, 10.0],
      [22, 9.0],
      [18, 8.0],
      [15, 7.5],
      [12, 6.0],
      [10, -1.0],
    ],
  },
  tRetail: {
    period: MONTH,
    figures: [
      [90, 3.0],
      [1000, -1.0],
      [200, 4.5],
      [150, 3.5],
      [180, 2.0],
      [100, 1.0],
      [90, -1.0],
      [80, -2.5],
      [60, -4.0],
    ],
  },
};

const indicatorBody = (over: Record<string, unknown>) => ({
  unit: '亿元',
  unitEn: '100 million yuan',
  frequency: 'month',
  valueKind: 'cumulative',
  growthKind: 'nominal',
  higherIsBetter: true,
  rankBy: 'growth',
  alertLevel: 0,
  excellentLevel: 10,
  source: '区统计局',
  ...over,
});

/** The text of a bulletin: paragraphs and headings, table rows with cells joined by |. */
const bulletinText = (b: EconomyBulletin) => b.blocks.map((x) => ('text' in x ? x.text : x.rows.map((r) => r.join('|')).join('\n'))).join('\n');
const paragraphOf = (b: EconomyBulletin, start: string) =>
  b.blocks.find((x): x is { kind: 'p'; text: string } => x.kind === 'p' && x.text.startsWith(start))?.text;

type SheetCell = number | string | null | { percent: number };

/**
 * A table as the statistics bureau sends it: a title row, a unit note, a two-row header (指标 and 单位 merged down, each
 * region's name merged across its 绝对值 and 比增% columns, 备注 merged down), then one row per indicator.
 */
async function bureauWorkbook(
  title: string,
  regions: readonly string[],
  rows: { name: string; unit: string; cells: [SheetCell, SheetCell][]; remark?: string }[],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要经济指标');
  const width = 3 + regions.length * 2;
  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(2, 1).value = '单位：亿元、%';
  ws.mergeCells(2, 1, 2, width);
  for (const [c, text] of [
    [1, '指标'],
    [2, '单位'],
    [width, '备注'],
  ] as const) {
    ws.getCell(3, c).value = text;
    ws.mergeCells(3, c, 4, c);
  }
  regions.forEach((name, i) => {
    const c = 3 + i * 2;
    ws.getCell(3, c).value = name;
    ws.mergeCells(3, c, 3, c + 1);
    ws.getCell(4, c).value = '绝对值';
    ws.getCell(4, c + 1).value = '比增%';
  });
  rows.forEach((line, i) => {
    const r = 5 + i;
    ws.getCell(r, 1).value = line.name;
    ws.getCell(r, 2).value = line.unit;
    line.cells.forEach((pair, n) =>
      pair.forEach((v, k) => {
        const cell = ws.getCell(r, 3 + n * 2 + k);
        if (v !== null && typeof v === 'object') {
          // A cell formatted as a percentage: 0.245 shown as 24.5%.
          cell.value = v.percent;
          cell.numFmt = '0.0%';
        } else cell.value = v;
      }),
    );
    if (line.remark) ws.getCell(r, width).value = line.remark;
  });
  ws.getCell(5 + rows.length, 1).value = '注：本表数据为初步统计数。';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const engine of engines()) {
  describe(`economic performance on ${engine}`, () => {
    let env: TestEnv;
    let app: App;
    let stat: Client;
    let head: Client;
    let staff: Client;
    let leader: Client;
    let street: Client;
    let statsBureau: { id: string };
    let econBureau: { id: string };
    let finance: { id: string };
    const region: Record<string, Region> = {};
    const indicator: Record<string, Indicator> = {};
    const regionIds = () => REGIONS.map((r) => region[r.name]!.id);

    beforeAll(async () => {
      env = await createEnv(engine);
      app = await env.start();
      const db = env.database.db;
      statsBureau = await buildUnit(db, { name: '统计局' });
      econBureau = await buildUnit(db, { name: '经济发展局' });
      finance = await buildUnit(db, { name: '财政局' });
      const office = await buildUnit(db, { name: '党政办' });
      await buildUser(db, { username: 'stat', unitId: statsBureau.id, roles: ['statistician'], displayName: '统计员甲' });
      await buildUser(db, { username: 'head', unitId: finance.id, roles: ['deptAdmin'], displayName: '财政局长' });
      await buildUser(db, { username: 'staff', unitId: econBureau.id, roles: ['staff'] });
      await buildUser(db, { username: 'leader', unitId: office.id, roles: ['leader'] });
      await buildUser(db, { username: 'street', unitId: office.id, roles: ['streetStaff'] });
      [stat, head, staff, leader, street] = (await Promise.all(['stat', 'head', 'staff', 'leader', 'street'].map((u) => login(app.app, u)))) as [
        Client,
        Client,
        Client,
        Client,
        Client,
      ];
    });
    afterAll(() => env?.close());

    const db = () => env.database.db;
    const figureCount = async () => (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from economy_figures`))[0]!.n;
    const grid = async (c: Client, month: string) => {
      const res = await c.get(`/api/economy/figures?month=${month}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as FigureGrid;
    };
    const dashboard = async (c: Client, month?: string) => {
      const res = await c.get(`/api/economy/dashboard${month ? `?month=${month}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as EconomyDashboard;
    };
    const bulletin = async (c: Client = stat, month = MONTH) => {
      const res = await c.get(`/api/economy/bulletin?month=${month}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as EconomyBulletin;
    };
    const measuresOf = (d: EconomyDashboard, code: string) => d.indicators.find((m) => m.indicator.code === code) as IndicatorMeasures;
    const entriesOf = (code: string, figures: readonly Pair[] = SEPTEMBER[code]!.figures, period = SEPTEMBER[code]!.period) =>
      figures.map(([value, growth], n) => ({ indicatorId: indicator[code]!.id, regionId: regionIds()[n]!, period, value, growth }));
    const save = (c: Client, entries: unknown[]) => c.send('PUT', '/api/economy/figures', { entries });
    const approve = (c: Client, month = MONTH, indicatorIds?: string[]) =>
      c.send('POST', '/api/economy/figures/approve', { month, ...(indicatorIds ? { indicatorIds } : {}) });
    const auditRows = (action: string) =>
      queryRows<{ action: string; username: string; diff: Record<string, unknown> }>(
        db(),
        sql`select action, username, diff from audit_log where action = ${action} and result = 'success' order by seq`,
      );

    it('lets the statistician set up regions, indicators and targets through the API, and nobody else', async () => {
      // The seeded catalogue stays out of the way: the installation deactivates what it does not report.
      const seeded = (await stat.get('/api/economy/indicators')).json().items as Indicator[];
      expect(seeded.length).toBeGreaterThan(5);
      for (const i of seeded) expect((await stat.send('PATCH', `/api/economy/indicators/${i.id}`, { active: false })).statusCode).toBe(200);
      expect((await stat.get('/api/economy/indicators')).json().items).toEqual([]);
      expect((await stat.get('/api/economy/indicators?includeInactive=true')).json().items).toHaveLength(seeded.length);

      for (const [n, r] of REGIONS.entries()) {
        const res = await stat.send('POST', '/api/economy/regions', { ...r, sort: n });
        expect(res.statusCode, res.body).toBe(200);
        region[r.name] = res.json();
      }
      expect(region['古雷开发区']).toMatchObject({ kind: 'zone', aliases: ['古雷'], active: true });
      // One zone and one city; the same name twice is refused.
      const second = await stat.send('POST', '/api/economy/regions', { name: '另一个开发区', nameEn: 'Other', kind: 'zone' });
      expect(second.statusCode).toBe(400);
      expect(second.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.kind' }] });
      expect((await stat.send('POST', '/api/economy/regions', { name: '芗城区', nameEn: 'X', kind: 'peer' })).json()).toMatchObject({
        details: [{ path: 'body.name' }],
      });
      expect((await stat.get('/api/economy/regions')).json().items.map((r: Region) => r.name)).toEqual(REGIONS.map((r) => r.name));

      const create = async (body: Record<string, unknown>) => {
        const res = await stat.send('POST', '/api/economy/indicators', indicatorBody(body));
        expect(res.statusCode, res.body).toBe(200);
        const i = res.json() as Indicator;
        indicator[i.code] = i;
        return i;
      };
      await create({
        code: 'tGdp',
        nameZh: '地区生产总值',
        nameEn: 'GDP',
        aliases: ['GDP'],
        frequency: 'quarter',
        growthKind: 'real',
        excellentLevel: 8,
        leadUnitId: statsBureau.id,
        sort: 10,
      });
      await create({
        code: 'tOutput',
        nameZh: '规模以上工业总产值',
        nameEn: 'Industrial output',
        aliases: ['规上工业总产值'],
        leadUnitId: econBureau.id,
        sort: 20,
      });
      await create({ code: 'tFai', nameZh: '固定资产投资', nameEn: 'Fixed-asset investment', excellentLevel: 20, leadUnitId: statsBureau.id, sort: 40 });
      await create({ code: 'tBudget', nameZh: '一般公共预算收入', nameEn: 'Budget revenue', leadUnitId: finance.id, source: '区财政局', sort: 70 });
      await create({
        code: 'tRetail',
        nameZh: '社会消费品零售总额',
        nameEn: 'Retail sales',
        alertLevel: 5,
        excellentLevel: 12,
        leadUnitId: econBureau.id,
        sort: 80,
      });
      expect(indicator.tGdp).toMatchObject({
        frequency: 'quarter',
        growthKind: 'real',
        leadUnitName: '统计局',
        can: { enter: true, approve: true, manage: true },
      });
      expect(indicator.tRetail).toMatchObject({ alertLevel: 5, excellentLevel: 12 });
      const dup = await stat.send('POST', '/api/economy/indicators', indicatorBody({ code: 'TGDP', nameZh: '重复', nameEn: 'dup' }));
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'INDICATOR_CODE_TAKEN' });

      const target = (c: Client, code: string, kind: 'value' | 'growth', value: number) =>
        c.send('PUT', '/api/economy/targets', { indicatorId: indicator[code]!.id, year: 2026, kind, value, setOn: '2026-02-15', note: '区政府工作报告' });
      for (const [code, kind, value] of [
        ['tGdp', 'growth', 12],
        ['tOutput', 'value', 1500],
        ['tBudget', 'value', 50],
      ] as const) {
        const res = await target(stat, code, kind, value);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ indicatorId: indicator[code]!.id, year: 2026, kind, value, setOn: '2026-02-15' });
      }
      expect((await stat.get('/api/economy/targets?year=2026')).json().items).toHaveLength(3);

      // economy.manage only: a department head, a leader and staff are refused, and nothing is written.
      for (const c of [head, leader, staff]) {
        expect((await c.send('POST', '/api/economy/indicators', indicatorBody({ code: 'tX', nameZh: '某指标', nameEn: 'X' }))).statusCode).toBe(403);
        expect((await c.send('POST', '/api/economy/regions', { name: '南靖县', nameEn: 'Nanjing', kind: 'peer' })).statusCode).toBe(403);
        expect((await c.send('PATCH', `/api/economy/regions/${region['芗城区']!.id}`, { active: false })).statusCode).toBe(403);
        expect((await c.send('PATCH', `/api/economy/indicators/${indicator.tBudget!.id}`, { alertLevel: 50 })).statusCode).toBe(403);
        expect((await target(c, 'tBudget', 'value', 1)).statusCode).toBe(403);
      }
      const extra = (await target(stat, 'tFai', 'growth', 10)).json() as { id: string };
      expect((await head.send('DELETE', `/api/economy/targets/${extra.id}`)).statusCode).toBe(403);
      expect((await stat.send('DELETE', `/api/economy/targets/${extra.id}`)).json()).toEqual({ ok: true });
      expect((await stat.send('DELETE', `/api/economy/targets/${extra.id}`)).statusCode).toBe(404);
      expect((await stat.get('/api/economy/regions')).json().items).toHaveLength(9);
      expect((await stat.get('/api/economy/indicators')).json().items).toHaveLength(5);
      expect(
        (await stat.get('/api/economy/targets?year=2026')).json().items.find((t: { indicatorId: string }) => t.indicatorId === indicator.tBudget!.id),
      ).toMatchObject({
        value: 50,
      });
    });

    it('keeps drafts out of the dashboard and the bulletin until approved, and audits saving and approval', async () => {
      const entries = Object.keys(SEPTEMBER).flatMap((code) => entriesOf(code));
      const res = await save(stat, entries);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ saved: 45, removed: 0, unchanged: 0 });
      // Saving the same again changes nothing.
      expect((await save(stat, entriesOf('tGdp'))).json()).toEqual({ saved: 0, removed: 0, unchanged: 9 });

      const g = await grid(stat, MONTH);
      expect(g.regions.map((r) => r.name)).toEqual(REGIONS.map((r) => r.name));
      const gdpRow = g.rows.find((r) => r.indicator.code === 'tGdp')!;
      expect(gdpRow).toMatchObject({ period: '2026-Q3', periodLabel: '前三季度' });
      expect(gdpRow.cells).toHaveLength(9);
      expect(gdpRow.cells.find((c) => c.regionId === region['古雷开发区']!.id)).toMatchObject({
        value: 500,
        growth: 18.1,
        status: 'draft',
        updatedByName: '统计员甲',
      });
      expect(g.rows.find((r) => r.indicator.code === 'tOutput')).toMatchObject({ period: MONTH, periodLabel: '1-9月' });
      expect(g.rows.flatMap((r) => r.cells).every((c) => c.status === 'draft')).toBe(true);

      // Drafts do not count: no zone figure, no rank, and the bulletin says the data are not yet approved.
      const d = await dashboard(stat, MONTH);
      expect(d.indicators.map((m) => m.indicator.code)).toEqual(['tGdp', 'tOutput', 'tFai', 'tBudget', 'tRetail']);
      expect(d.indicators.every((m) => m.zone === null && m.rank === null && m.share === null)).toBe(true);
      expect(d.summary).toMatchObject({ first: 0, ranked: 0 });
      expect(d.latestMonth).toBeNull();
      const b = await bulletin();
      expect(bulletinText(b)).toContain('主要经济指标数据尚未审核发布');
      expect(bulletinText(b)).not.toContain('比增');

      // A department head may enter figures but not approve them.
      const refused = await approve(head);
      expect(refused.statusCode).toBe(403);
      expect((await grid(stat, MONTH)).rows.flatMap((r) => r.cells).every((c) => c.status === 'draft')).toBe(true);

      const ok = await approve(stat);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ approved: 45 });
      const after = await grid(stat, MONTH);
      expect(after.rows.flatMap((r) => r.cells).every((c) => c.status === 'approved' && c.approvedAt === '2026-11-23T01:00:00.000Z')).toBe(true);
      expect((await approve(stat)).json()).toEqual({ approved: 0 });

      const saves = await auditRows('economy.figures.save');
      expect(saves).toHaveLength(1);
      expect(saves[0]!.username).toBe('stat');
      const changes = saves[0]!.diff.changes as { indicator: string; region: string; period: string; before: unknown; after: Record<string, unknown> }[];
      expect(changes).toHaveLength(45);
      expect(changes.find((c) => c.indicator === 'tGdp' && c.region === '古雷开发区')).toMatchObject({
        period: '2026-Q3',
        before: null,
        after: { value: 500, growth: 18.1, status: 'draft' },
      });
      const approvals = await auditRows('economy.figures.approve');
      expect(approvals).toHaveLength(1);
      expect(approvals[0]!.diff).toMatchObject({ month: MONTH });
      expect(approvals[0]!.diff.figures as unknown[]).toHaveLength(45);
    });

    it('states growth, rank, first places, share and pull of every indicator in the bulletin', async () => {
      const b = await bulletin();
      expect(b).toMatchObject({ month: MONTH, title: '古雷开发区2026年1-9月经济运行情况通报', issuer: '古雷开发区管理委员会', date: '2026-11-23' });
      expect(paragraphOf(b, '地区生产总值')).toBe(
        '地区生产总值前三季度完成500.00亿元，比增18.1%，高于全市平均12.1个百分点，增幅位居全市第一，领先第二位芗城区6.1个百分点，占全市近20%，拉动全市增长3.22个百分点，高于目标6.1个百分点（年度目标增长12.0%）。',
      );
      expect(paragraphOf(b, '规模以上工业总产值')).toBe(
        '规模以上工业总产值1-9月完成1212.00亿元，比增25.3%，高于全市平均17.3个百分点，增幅位居全市第一，领先第二位龙文区5.2个百分点，占全市超20%，拉动全市增长4.40个百分点，完成年度目标1500.00亿元的80.8%，超序时进度5.8个百分点。',
      );
      expect(paragraphOf(b, '固定资产投资')).toBe(
        '固定资产投资1-9月完成160.00亿元，比增15.2%，高于全市平均6.2个百分点，增幅位居全市第二，落后第一位龙海区0.8个百分点，占全市16.0%，拉动全市增长2.30个百分点。',
      );
      // A tie at the published precision (12.0 and 12.04): 并列第一, no lead stated.
      expect(paragraphOf(b, '一般公共预算收入')).toBe(
        '一般公共预算收入1-9月完成30.00亿元，比增12.0%，高于全市平均6.0个百分点，增幅与芗城区并列全市第一，占全市15.0%，拉动全市增长1.70个百分点，完成年度目标50.00亿元的60.0%，低于序时进度15.0个百分点。',
      );
      // The city shrank: the zone's pull is still stated, as a positive one.
      expect(paragraphOf(b, '社会消费品零售总额')).toBe(
        '社会消费品零售总额1-9月完成90.00亿元，比增3.0%，高于全市平均4.0个百分点，增幅位居全市第三，落后第二位龙文区0.5个百分点，占全市9.0%，拉动全市增长0.26个百分点。',
      );
      const text = bulletinText(b);
      expect(text).toContain(
        '纳入监测的5项主要经济指标中，有3项指标增幅位居全市第一（地区生产总值、规模以上工业总产值、一般公共预算收入），1项指标增幅位居全市第二（固定资产投资）；',
      );
      expect(text).toContain('全市排名在本区与漳州市所辖其他7个县（市、区）共8个地区中比较');
      expect(text).toContain('设定年度目标的3项指标中，2项达到目标或序时进度，1项未达到');
      expect(text).toContain('1项指标增幅低于预警线');
      expect(text).toContain('社会消费品零售总额比增3.0%，低于预警线（5.0%）；一般公共预算收入完成年度目标的60.0%，低于序时进度15.0个百分点。');
      expect(text).toContain('注：地区生产总值增速按可比价格计算');
      // The annex table: rank and share per indicator.
      expect(text).toContain('1|地区生产总值|亿元|前三季度|500.00|18.1|1/8|19.8');
      expect(text).toContain('4|一般公共预算收入|亿元|1-9月|30.00|12.0|并列1/8|15.0');
      expect(text).toContain('5|社会消费品零售总额|亿元|1-9月|90.00|3.0|3/8|9.0');
      expect(b.blocks.filter((x) => x.kind === 'h1').map((x) => ('text' in x ? x.text : ''))).toEqual([
        '一、总体情况',
        '二、主要指标运行情况',
        '三、年度目标完成情况',
        '四、需关注的问题',
        '五、主要经济指标完成情况表',
      ]);
    });

    it('computes the dashboard measures: share, pull, contribution, rank, targets, thresholds, neighbours', async () => {
      const d = await dashboard(stat);
      // Default month: the latest with an approved figure of the zone.
      expect(d).toMatchObject({ month: MONTH, latestMonth: MONTH });
      expect(d.zone?.name).toBe('古雷开发区');
      expect(d.city?.name).toBe('漳州市');
      expect(d.summary).toEqual({ first: 3, second: 1, ranked: 5, belowTarget: 1, alert: 1 });

      const gdp = measuresOf(d, 'tGdp');
      expect(gdp).toMatchObject({ period: '2026-Q3', periodLabel: '前三季度', zone: { value: 500, growth: 18.1 }, city: { value: 2520, growth: 6 } });
      expect(gdp.rank).toEqual({ rank: 1, tiedWith: 1, of: 8 });
      expect(gdp.share).toBeCloseTo(19.8413, 3);
      expect(gdp.pull).toBeCloseTo(3.2233, 3);
      expect(gdp.contribution!.contribution).toBeCloseTo(53.722, 2);
      expect(gdp.contribution!.cityDeclined).toBe(false);
      expect(gdp.increase!.increase).toBeCloseTo(76.63, 2);
      expect(gdp.increase!.approximate).toBe(true);
      expect(gdp.target).toMatchObject({ kind: 'growth', target: 12, met: true });
      expect(gdp.target?.kind === 'growth' && gdp.target.gapPoints).toBeCloseTo(6.1, 6);
      expect(gdp.threshold).toBe('excellent');
      expect(gdp.ahead).toBeNull();
      expect(gdp.behind).toMatchObject({ regionId: region['芗城区']!.id, name: '芗城区' });
      expect(gdp.behind!.gap).toBeCloseTo(6.1, 6);
      expect(gdp.ranking).toHaveLength(8);
      expect(gdp.ranking.map((r) => r.name)).toEqual(['古雷开发区', '芗城区', '龙文区', '龙海区', '长泰区', '漳浦县', '云霄县', '东山县']);
      expect(gdp.ranking.some((r) => r.kind === 'city')).toBe(false);
      expect(gdp.ranking[1]!.share).toBeCloseTo((800 / 2520) * 100, 6);

      const output = measuresOf(d, 'tOutput');
      expect(output.share).toBeCloseTo(20.2, 6);
      expect(output.pull).toBeCloseTo(4.405, 3);
      expect(output.contribution!.contribution).toBeCloseTo(55.062, 2);
      expect(output.increase).toMatchObject({ approximate: false });
      expect(output.target).toMatchObject({ kind: 'value', target: 1500, met: true });
      if (output.target?.kind !== 'value') throw new Error('value target expected');
      expect(output.target.completion).toBeCloseTo(80.8, 6);
      expect(output.target.timeProgress).toBeCloseTo(75, 6);
      expect(output.target.aheadOfTime).toBeCloseTo(5.8, 6);
      expect(output.threshold).toBe('excellent');

      const fai = measuresOf(d, 'tFai');
      expect(fai.rank).toEqual({ rank: 2, tiedWith: 1, of: 8 });
      expect(fai.ahead).toMatchObject({ name: '龙海区' });
      expect(fai.ahead!.gap).toBeCloseTo(0.8, 6);
      expect(fai.behind).toMatchObject({ name: '芗城区' });
      expect(fai.behind!.gap).toBeCloseTo(3.2, 6);
      expect(fai.target).toBeNull();
      expect(fai.threshold).toBe('normal');

      const budget = measuresOf(d, 'tBudget');
      expect(budget.rank).toEqual({ rank: 1, tiedWith: 2, of: 8 });
      expect(budget.ranking.slice(0, 2).map((r) => [r.name, r.rank, r.tiedWith])).toEqual([
        ['古雷开发区', 1, 2],
        ['芗城区', 1, 2],
      ]);
      expect(budget.ranking[2]).toMatchObject({ name: '龙文区', rank: 3 });
      // Tied regions are neither ahead nor behind: the next is 龙文区 at 10.0, 2.0 points behind.
      expect(budget.ahead).toBeNull();
      expect(budget.behind).toMatchObject({ name: '龙文区' });
      expect(budget.behind!.gap).toBeCloseTo(2, 6);
      expect(budget.pull).toBeCloseTo(1.7036, 3);
      expect(budget.target).toMatchObject({ kind: 'value', target: 50, met: false });
      if (budget.target?.kind !== 'value') throw new Error('value target expected');
      expect(budget.target.completion).toBeCloseTo(60, 6);
      expect(budget.target.aheadOfTime).toBeCloseTo(-15, 6);

      const retail = measuresOf(d, 'tRetail');
      expect(retail.rank).toEqual({ rank: 3, tiedWith: 1, of: 8 });
      expect(retail.ahead).toMatchObject({ name: '龙文区' });
      expect(retail.ahead!.gap).toBeCloseTo(0.5, 6);
      expect(retail.behind).toMatchObject({ name: '龙海区' });
      expect(retail.behind!.gap).toBeCloseTo(1, 6);
      expect(retail.share).toBeCloseTo(9, 6);
      expect(retail.pull).toBeCloseTo(0.2595, 3);
      expect(retail.contribution!.cityDeclined).toBe(true);
      expect(retail.contribution!.contribution).toBeCloseTo(-25.951, 2);
      expect(retail.threshold).toBe('alert');

      // The leader sees the same numbers; the series of an indicator holds the approved figures of every region.
      expect((await dashboard(leader)).summary).toEqual(d.summary);
      const series = (await stat.get(`/api/economy/indicators/${indicator.tGdp!.id}/series?from=2026-01&to=2026-12`)).json();
      expect(series.points).toHaveLength(9);
      expect(series.points).toContainEqual(['2026-Q3', region['古雷开发区']!.id, 500, 18.1]);
      expect(series.targets).toMatchObject([{ kind: 'growth', value: 12 }]);
    });

    it('answers the bulletin as a Word document with the title and the rank sentences', async () => {
      const res = await stat.get(`/api/economy/bulletin?month=${MONTH}&format=docx&docNumber=${encodeURIComponent('古管〔2026〕12号')}`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(String(res.headers['content-disposition'])).toContain('.docx');
      const buffer = res.rawPayload;
      expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
      const xml = new PizZip(buffer).file('word/document.xml')!.asText();
      const plain = xml.replace(/<[^>]+>/g, '');
      expect(plain).toContain('古雷开发区2026年1-9月经济运行情况通报');
      expect(plain).toContain('古管〔2026〕12号');
      expect(plain).toContain('增幅位居全市第一，领先第二位芗城区6.1个百分点');
      expect(plain).toContain('有3项指标增幅位居全市第一');
      // A chosen title replaces the generated one.
      const titled = await stat.get(`/api/economy/bulletin?month=${MONTH}&format=docx&title=${encodeURIComponent('前三季度经济运行通报')}`);
      expect(
        new PizZip(titled.rawPayload)
          .file('word/document.xml')!
          .asText()
          .replace(/<[^>]+>/g, ''),
      ).toContain('前三季度经济运行通报');
    });

    it('changes the rank sentence and the count of first places when one peer’s growth changes', async () => {
      // 龙文区 规上工业总产值 from 20.1 % to 26.0 %: the zone (25.3 %) falls to second, 0.7 points behind.
      const res = await save(stat, [{ indicatorId: indicator.tOutput!.id, regionId: region['龙文区']!.id, period: MONTH, value: 1000, growth: 26 }]);
      expect(res.json()).toEqual({ saved: 1, removed: 0, unchanged: 0 });
      // Editing an approved figure makes it a draft again, and the read models leave it out until approved.
      const cell = (await grid(stat, MONTH)).rows.find((r) => r.indicator.code === 'tOutput')!.cells.find((c) => c.regionId === region['龙文区']!.id)!;
      expect(cell).toMatchObject({ growth: 26, status: 'draft', approvedAt: null });
      const between = measuresOf(await dashboard(stat, MONTH), 'tOutput');
      expect(between.rank).toEqual({ rank: 1, tiedWith: 1, of: 7 });
      expect(between.ranking.find((r) => r.name === '龙文区')).toMatchObject({ growth: null, rank: null });
      expect(paragraphOf(await bulletin(), '规模以上工业总产值')).toContain('增幅位居全市第一，领先第二位芗城区10.3个百分点');

      const changes = (await auditRows('economy.figures.save')).at(-1)!.diff.changes as unknown[];
      expect(changes).toEqual([
        {
          indicator: 'tOutput',
          region: '龙文区',
          period: MONTH,
          before: { value: 1000, growth: 20.1, monthValue: null, monthGrowth: null, status: 'approved' },
          after: { value: 1000, growth: 26, monthValue: null, monthGrowth: null, revisionReason: null, status: 'draft' },
        },
      ]);

      expect((await approve(stat, MONTH, [indicator.tOutput!.id])).json()).toEqual({ approved: 1 });
      const b = await bulletin();
      expect(paragraphOf(b, '规模以上工业总产值')).toContain('比增25.3%，高于全市平均17.3个百分点，增幅位居全市第二，落后第一位龙文区0.7个百分点，占全市超20%');
      const text = bulletinText(b);
      expect(text).toContain('有2项指标增幅位居全市第一（地区生产总值、一般公共预算收入），2项指标增幅位居全市第二（规模以上工业总产值、固定资产投资）');
      expect(text).not.toContain('有3项指标增幅位居全市第一');
      expect(text).toContain('2|规模以上工业总产值|亿元|1-9月|1212.00|25.3|2/8|20.2');
      const d = await dashboard(stat, MONTH);
      expect(d.summary).toMatchObject({ first: 2, second: 2 });
      expect(measuresOf(d, 'tOutput').rank).toEqual({ rank: 2, tiedWith: 1, of: 8 });
      expect(measuresOf(d, 'tOutput').ahead).toMatchObject({ name: '龙文区' });
      expect(measuresOf(d, 'tOutput').ahead!.gap).toBeCloseTo(0.7, 6);

      // And back: 龙文区 at 25.3 % ties with the zone.
      await save(stat, [{ indicatorId: indicator.tOutput!.id, regionId: region['龙文区']!.id, period: MONTH, value: 1000, growth: '25.3%' }]);
      await approve(stat, MONTH);
      expect(paragraphOf(await bulletin(), '规模以上工业总产值')).toContain('增幅与龙文区并列全市第一，占全市超20%');
      expect(bulletinText(await bulletin())).toContain('有3项指标增幅位居全市第一（地区生产总值、规模以上工业总产值、一般公共预算收入）');
    });

    it('refuses bad input with a clear error and changes nothing', async () => {
      const snapshot = async () => JSON.stringify([await grid(stat, MONTH), await grid(stat, '2026-10'), await figureCount()]);
      const before = await snapshot();
      const zone = region['古雷开发区']!.id;
      const good = { indicatorId: indicator.tFai!.id, regionId: zone, period: '2026-10', value: 170, growth: 15.0 };
      const cases: [string, Record<string, unknown>, string, RegExp | null][] = [
        // A ratio where a percentage is expected.
        ['ratio', { growth: 0.181 }, 'body.entries.1.growth', /ratio/],
        ['growth text', { growth: '十八' }, 'body.entries.1.growth', /not a number/],
        ['value text', { value: 'abc' }, 'body.entries.1.value', /not a number/],
        ['unknown region', { regionId: randomUUID() }, 'body.entries.1.regionId', /region/],
        ['month of a quarterly indicator', { indicatorId: indicator.tGdp!.id, period: '2026-05' }, 'body.entries.1.period', /quarter/],
        ['quarter of a monthly indicator', { period: '2026-Q3' }, 'body.entries.1.period', /month/],
        ['no such period', { period: '2026-13' }, 'body.entries.1.period', null],
        // The clock stands in November 2026: December and the fourth quarter have not ended.
        ['a period not yet ended', { period: '2026-12' }, 'body.entries.1.period', /not ended/],
        ['a quarter not yet ended', { indicatorId: indicator.tGdp!.id, period: '2026-Q4' }, 'body.entries.1.period', /not ended/],
        ['the same key twice', { ...good }, 'body.entries.1', /twice/],
      ];
      for (const [name, patch, path, message] of cases) {
        const res = await save(stat, [good, { ...good, regionId: region['漳州市']!.id, value: 1100, growth: 9.5, ...patch }]);
        expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
        const body = res.json();
        expect(body.code).toBe('VALIDATION_FAILED');
        const issue = (body.details as { path: string; message: string }[]).find((x) => x.path === path);
        expect(issue, `${name}: ${res.body}`).toBeDefined();
        if (message) expect(issue!.message).toMatch(message);
      }
      expect(await snapshot()).toBe(before);

      // A cumulative value below last month's (1212 in 1-9月): refused with the previous value, allowed with a reason.
      const lower = { indicatorId: indicator.tOutput!.id, regionId: zone, period: '2026-10', value: 1100, growth: 20.2 };
      const dec = await save(stat, [good, lower]);
      expect(dec.statusCode, dec.body).toBe(422);
      expect(dec.json()).toMatchObject({ code: 'CUMULATIVE_DECREASE', details: [{ path: 'body.entries.1.value', previous: 1212 }] });
      expect(dec.json().details[0].message).toContain('1212');
      expect(await snapshot()).toBe(before);
      // The same for a month inside one batch: 1-10月 below 1-9月 entered together.
      const both = await save(stat, [
        { indicatorId: indicator.tRetail!.id, regionId: zone, period: MONTH, value: 90, growth: 3 },
        { indicatorId: indicator.tRetail!.id, regionId: zone, period: '2026-10', value: 80, growth: 2 },
      ]);
      expect(both.json()).toMatchObject({ code: 'CUMULATIVE_DECREASE', details: [{ path: 'body.entries.1.value', previous: 90 }] });
      expect(await snapshot()).toBe(before);

      const revised = await save(stat, [good, { ...lower, revisionReason: '统计部门年度数据修订' }]);
      expect(revised.statusCode, revised.body).toBe(200);
      expect(revised.json()).toEqual({ saved: 2, removed: 0, unchanged: 0 });
      const october = await grid(stat, '2026-10');
      const row = october.rows.find((r) => r.indicator.code === 'tOutput')!;
      expect(row.previousZoneValue).toBe(1212);
      expect(row.cells).toEqual([expect.objectContaining({ regionId: zone, value: 1100, status: 'draft', revisionReason: '统计部门年度数据修订' })]);
      // Value and growth both empty remove a figure.
      expect((await save(stat, [{ ...good, value: null, growth: null }])).json()).toEqual({ saved: 0, removed: 1, unchanged: 0 });
      expect((await grid(stat, '2026-10')).rows.find((r) => r.indicator.code === 'tFai')!.cells).toEqual([]);
    });

    it('shows a quarterly indicator at the latest quarter ended by the month (1-10月 shows 前三季度)', async () => {
      const october = await grid(stat, '2026-10');
      expect(october.rows.find((r) => r.indicator.code === 'tGdp')).toMatchObject({ period: '2026-Q3', periodLabel: '前三季度' });
      const gdp = (await dashboard(stat, '2026-10')).indicators.find((m) => m.indicator.code === 'tGdp');
      expect(gdp).toMatchObject({ period: '2026-Q3', zone: { value: 500, growth: 18.1 } });
      const b = await bulletin(stat, '2026-10');
      expect(b.blocks.map((x) => ('text' in x ? x.text : '')).join('\n')).toContain('地区生产总值前三季度完成500.00亿元，比增18.1%');
      // Before the first quarter ends there is no quarter to show.
      expect((await grid(stat, '2026-02')).rows.find((r) => r.indicator.code === 'tGdp')).toMatchObject({ period: null, cells: [] });
    });

    it('shows units the indicators they lead, and nothing to users without economy.read', async () => {
      // Staff of 经济发展局 see 规上工业总产值 and 社零 (their unit leads both), nothing else.
      const mine = (await staff.get('/api/economy/indicators')).json().items as Indicator[];
      expect(mine.map((i) => i.code)).toEqual(['tOutput', 'tRetail']);
      expect(mine[0]!.can).toEqual({ enter: false, approve: false, manage: false });
      expect((await grid(staff, MONTH)).rows.map((r) => r.indicator.code)).toEqual(['tOutput', 'tRetail']);
      const d = await dashboard(staff, MONTH);
      expect(d.indicators.map((m) => m.indicator.code)).toEqual(['tOutput', 'tRetail']);
      expect(measuresOf(d, 'tOutput').rank).toEqual({ rank: 1, tiedWith: 2, of: 8 });
      const b = bulletinText(await bulletin(staff));
      expect(b).toContain('规模以上工业总产值1-9月完成1212.00亿元');
      expect(b).not.toContain('地区生产总值');
      expect((await staff.get(`/api/economy/indicators/${indicator.tGdp!.id}/series`)).statusCode).toBe(404);
      expect((await staff.get(`/api/economy/indicators/${indicator.tGdp!.id}`)).statusCode).toBe(404);
      const series = await staff.get(`/api/economy/indicators/${indicator.tOutput!.id}/series`);
      expect(series.statusCode).toBe(200);
      expect(series.json().points.filter((p: unknown[]) => p[0] === MONTH)).toHaveLength(9);
      expect((await staff.get('/api/economy/targets?year=2026')).json().items).toMatchObject([{ indicatorId: indicator.tOutput!.id, value: 1500 }]);
      // Staff may read but not enter.
      expect((await save(staff, entriesOf('tOutput').slice(0, 1))).statusCode).toBe(403);

      // The finance department's head sees and enters 一般公共预算收入 only; another unit's indicator is unknown to them.
      expect(((await head.get('/api/economy/indicators')).json().items as Indicator[]).map((i) => i.code)).toEqual(['tBudget']);
      const before = await figureCount();
      const foreign = await save(head, [{ indicatorId: indicator.tGdp!.id, regionId: region['古雷开发区']!.id, period: '2026-Q3', value: 1, growth: 1 }]);
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.entries.0.indicatorId' }] });
      expect(await figureCount()).toBe(before);
      const own = await save(head, [{ indicatorId: indicator.tBudget!.id, regionId: region['古雷开发区']!.id, period: '2026-10', value: 33.5, growth: 11.8 }]);
      expect(own.statusCode, own.body).toBe(200);

      // A user without economy.read is refused everywhere.
      for (const url of [
        '/api/economy/indicators',
        `/api/economy/figures?month=${MONTH}`,
        '/api/economy/dashboard',
        `/api/economy/bulletin?month=${MONTH}`,
        '/api/economy/regions',
      ]) {
        expect((await street.get(url)).statusCode, url).toBe(403);
      }
      // The leader (data scope all) sees every indicator.
      expect(((await leader.get('/api/economy/indicators')).json().items as Indicator[]).map((i) => i.code)).toEqual([
        'tGdp',
        'tOutput',
        'tFai',
        'tBudget',
        'tRetail',
      ]);
    });

    it('imports a statistics bureau workbook: preview, commit as drafts, and refuses a bad one whole', async () => {
      const upload = (c: Client, file: Buffer, query: string) => c.send('POST', `/api/economy/figures/import?${query}`, file, { 'content-type': XLSX_MIME });
      // The zone and the city under the aliases the bureau's tables use (古雷, 全市); the indicator under its alias.
      const headers = ['古雷', '全市', ...REGIONS.slice(2).map((r) => r.name)];
      const good = await bureauWorkbook('2026年1-8月全市主要经济指标', headers, [
        {
          name: '1.规上工业总产值',
          unit: '亿元',
          cells: [
            [1050, { percent: 0.245 }],
            [5300, 7.9],
            [800, 14.8],
            [880, 19.6],
            [700, 9.5],
            [610, 8.1],
            [520, 7.0],
            [440, 3.0],
            [350, -2.4],
          ],
        },
        {
          name: '2.固定资产投资',
          unit: '亿元',
          cells: [
            [140, '15.0%'],
            ['880.5', 8.7],
            [105, 11.5],
            [95, 7.5],
            [130, 15.5],
            [80, 5.5],
            [70, 4.5],
            [60, 0.5],
            ['—', '—'],
          ],
        },
      ]);
      // The month's export is the import template: it re-imports without a change, month read from its title.
      const exported = await stat.get(`/api/economy/figures/export.xlsx?month=${MONTH}`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toContain(XLSX_MIME);
      const roundTrip = (await upload(stat, exported.rawPayload, 'mode=preview')).json() as FigureImportResult;
      expect(roundTrip).toMatchObject({ mode: 'preview', month: MONTH, errors: [] });
      expect(roundTrip.rows.map((r) => [r.indicatorName, r.period, r.figures, r.changed, r.warnings])).toEqual([
        ['地区生产总值', '2026-Q3', 9, 0, []],
        ['规模以上工业总产值', MONTH, 9, 0, []],
        ['固定资产投资', MONTH, 9, 0, []],
        ['一般公共预算收入', MONTH, 9, 0, []],
        ['社会消费品零售总额', MONTH, 9, 0, []],
      ]);
      // Staff export only what they see.
      const theirs = new ExcelJS.Workbook();
      await theirs.xlsx.load((await staff.get(`/api/economy/figures/export.xlsx?month=${MONTH}`)).rawPayload as unknown as ExcelJS.Buffer);
      const names = theirs.worksheets[0]!.getColumn(1).values.filter((v) => typeof v === 'string');
      expect(names).toContain('规模以上工业总产值');
      expect(names).not.toContain('地区生产总值');

      const before = await figureCount();
      const preview = await upload(stat, good, 'month=2026-08&mode=preview');
      expect(preview.statusCode, preview.body).toBe(200);
      const p = preview.json() as FigureImportResult;
      expect(p).toMatchObject({ mode: 'preview', month: '2026-08', errors: [], saved: 0 });
      expect(p.regions.map((r) => r.name)).toEqual(REGIONS.map((r) => r.name));
      expect(p.regions[0]).toMatchObject({ column: 'C', regionId: region['古雷开发区']!.id });
      expect(p.rows.map((r) => [r.indicatorName, r.period, r.figures, r.changed])).toEqual([
        ['规模以上工业总产值', '2026-08', 9, 9],
        ['固定资产投资', '2026-08', 8, 8],
      ]);
      expect(await figureCount()).toBe(before);

      expect(((await upload(stat, good, 'mode=preview')).json() as FigureImportResult).month).toBe('2026-08');
      // Staff may not import.
      expect((await upload(staff, good, 'month=2026-08&mode=commit')).statusCode).toBe(403);

      const commit = await upload(stat, good, 'month=2026-08&mode=commit');
      expect(commit.statusCode, commit.body).toBe(200);
      expect(commit.json()).toMatchObject({ mode: 'commit', saved: 17, errors: [] });
      expect(await figureCount()).toBe(before + 17);
      const august = await grid(stat, '2026-08');
      const output = august.rows.find((r) => r.indicator.code === 'tOutput')!;
      expect(output.cells).toHaveLength(9);
      expect(output.cells.find((c) => c.regionId === region['古雷开发区']!.id)).toMatchObject({ value: 1050, growth: 24.5, status: 'draft' });
      const fai = august.rows.find((r) => r.indicator.code === 'tFai')!;
      expect(fai.cells.map((c) => c.regionId)).not.toContain(region['东山县']!.id);
      expect(fai.cells.find((c) => c.regionId === region['漳州市']!.id)).toMatchObject({ value: 880.5, growth: 8.7, status: 'draft' });
      expect(fai.cells.find((c) => c.regionId === region['古雷开发区']!.id)).toMatchObject({ value: 140, growth: 15 });
      expect((await auditRows('economy.figures.import')).at(-1)!.diff.changes as unknown[]).toHaveLength(17);
      // Drafts: the dashboard of August shows nothing yet.
      expect(measuresOf(await dashboard(stat, '2026-08'), 'tOutput').zone).toBeNull();
      // The same workbook again changes nothing.
      const again = (await upload(stat, good, 'month=2026-08&mode=preview')).json() as FigureImportResult;
      expect(again.rows.map((r) => r.changed)).toEqual([0, 0]);

      // A column that is no known region, a quarterly indicator in a month that ends no quarter, a ratio for a growth:
      // errors naming the cells, and a commit that stores nothing, not even the good row.
      const bad = await bureauWorkbook(
        '2026年1-7月全市主要经济指标',
        [...headers.slice(0, 8), '南靖县'],
        [
          {
            name: '规模以上工业总产值',
            unit: '亿元',
            cells: [
              [920, 23.0],
              [4600, 7.5],
              [700, 14.0],
              [770, 19.0],
              [610, 9.0],
              [530, 8.0],
              [450, 6.5],
              [380, 2.5],
              [300, 1.0],
            ],
          },
          {
            name: '地区生产总值',
            unit: '亿元',
            cells: [
              [400, 17.5],
              [2000, 6.0],
              [600, 11.0],
              [500, 9.0],
              [250, 7.0],
              [200, 6.0],
              [150, 5.0],
              [120, 4.0],
              [100, 3.0],
            ],
          },
          {
            name: '固定资产投资',
            unit: '亿元',
            cells: [
              [120, 0.152],
              [770, 8.5],
              [90, 11.0],
              [85, 7.0],
              [110, 15.0],
              [70, 5.0],
              [60, 4.0],
              [50, 0.0],
              [40, -3.0],
            ],
          },
        ],
      );
      const count = await figureCount();
      const checked = (await upload(stat, bad, 'month=2026-07&mode=preview')).json() as FigureImportResult;
      expect(checked.mode).toBe('preview');
      const messages = checked.errors.map((e) => `${e.cell ?? ''} ${e.message}`);
      expect(messages.find((m) => m.includes('南靖县'))).toMatch(/^S3 .*南靖县.*不是已知地区/);
      expect(messages.find((m) => m.includes('地区生产总值'))).toMatch(/^A6 .*季度指标/);
      expect(checked.errors.find((e) => e.cell === 'D7')?.message).toMatch(/比率.*15\.2/);
      expect(checked.rows.map((r) => r.indicatorName)).toEqual(['规模以上工业总产值']);
      const refused = await upload(stat, bad, 'month=2026-07&mode=commit');
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(refused.json().details)).toContain('南靖县');
      expect(await figureCount()).toBe(count);
      expect((await grid(stat, '2026-07')).rows.flatMap((r) => r.cells)).toEqual([]);

      // The annotated workbook marks the bad cells.
      const annotated = await upload(stat, bad, 'month=2026-07&mode=annotate');
      expect(annotated.statusCode).toBe(200);
      expect(annotated.headers['content-type']).toContain(XLSX_MIME);
      expect(Number(annotated.headers['x-import-errors'])).toBe(checked.errors.length);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(annotated.rawPayload as unknown as ExcelJS.Buffer);
      const sheet = wb.worksheets.find((w) => w.name === '主要经济指标')!;
      expect((sheet.getCell('D7').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    });

    it('takes a leading indicator added by the statistician into the dashboard and the bulletin without code', async () => {
      const res = await stat.send(
        'POST',
        '/api/economy/indicators',
        indicatorBody({
          code: 'tPower',
          nameZh: '工业用电量',
          nameEn: 'Industrial power consumption',
          unit: '亿千瓦时',
          unitEn: '100 million kWh',
          leading: true,
          leadUnitId: econBureau.id,
          sort: 200,
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
      indicator.tPower = res.json();
      // 1-9月: zone 48.5 +10.4 %, city 260 +7.1 %; peers 12.5 11.0 (龙文区) 9.0 8.0 6.0 5.0 2.0 → third, 0.6 behind 龙文区.
      // Share 48.5/260 = 18.65 % → 18.7%; Δ = 48.5 − 48.5/1.104 = 4.569; city base 260/1.071 = 242.764; pull 1.88 points.
      const figures: Pair[] = [
        [48.5, 10.4],
        [260, 7.1],
        [40, 12.5],
        [35, 11.0],
        [30, 9.0],
        [25, 8.0],
        [20, 6.0],
        [15, 5.0],
        [10, 2.0],
      ];
      expect((await save(stat, entriesOf('tPower', figures, MONTH))).json()).toMatchObject({ saved: 9 });
      expect((await approve(stat, MONTH, [indicator.tPower!.id])).json()).toEqual({ approved: 9 });
      const m = measuresOf(await dashboard(stat, MONTH), 'tPower');
      expect(m.indicator).toMatchObject({ leading: true, unit: '亿千瓦时' });
      expect(m.rank).toEqual({ rank: 3, tiedWith: 1, of: 8 });
      expect(m.pull).toBeCloseTo(1.882, 3);
      const b = await bulletin();
      const h2 = b.blocks.filter((x) => x.kind === 'h2').map((x) => ('text' in x ? x.text : ''));
      expect(h2).toEqual(['（一）主要指标', '（二）先行指标']);
      expect(paragraphOf(b, '工业用电量')).toBe(
        '工业用电量1-9月完成48.50亿千瓦时，比增10.4%，高于全市平均3.3个百分点，增幅位居全市第三，落后第二位龙文区0.6个百分点，占全市18.7%，拉动全市增长1.88个百分点。',
      );
      // The staff of the lead unit see it too.
      expect(((await staff.get('/api/economy/indicators')).json().items as Indicator[]).map((i) => i.code)).toContain('tPower');
    });
    it('states no share, pull or contribution for a per-capita indicator, which does not add up to the city', async () => {
      const res = await stat.send(
        'POST',
        '/api/economy/indicators',
        indicatorBody({
          code: 'tIncome',
          nameZh: '农村居民人均可支配收入',
          nameEn: 'Rural per-capita disposable income',
          unit: '元',
          unitEn: 'yuan',
          frequency: 'quarter',
          additive: false,
          sort: 90,
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
      indicator.tIncome = res.json();
      expect(indicator.tIncome).toMatchObject({ additive: false });
      // 前三季度: zone 21000 +7.5 %, city 24000 +6.0 %; peers 8.0 7.8 (龙文区) 7.0 6.9 6.5 6.0 5.5 → third, 0.3 behind 龙文区.
      const figures: Pair[] = [
        [21000, 7.5],
        [24000, 6.0],
        [23000, 8.0],
        [22000, 7.8],
        [20000, 7.0],
        [19500, 6.9],
        [19000, 6.5],
        [18000, 6.0],
        [17500, 5.5],
      ];
      expect((await save(stat, entriesOf('tIncome', figures, '2026-Q3'))).json()).toMatchObject({ saved: 9 });
      expect((await approve(stat, MONTH, [indicator.tIncome!.id])).json()).toEqual({ approved: 9 });
      const m = measuresOf(await dashboard(stat, MONTH), 'tIncome');
      expect(m).toMatchObject({
        period: '2026-Q3',
        rank: { rank: 3, tiedWith: 1, of: 8 },
        share: null,
        pull: null,
        contribution: null,
        city: { value: 24000, growth: 6 },
      });
      expect(m.ranking.every((r) => r.share === null)).toBe(true);
      const text = paragraphOf(await bulletin(), '农村居民人均可支配收入')!;
      expect(text).toContain('比增7.5%，高于全市平均1.5个百分点，增幅位居全市第三，落后第二位龙文区0.3个百分点');
      expect(text).not.toContain('占全市');
      expect(text).not.toContain('拉动');
    });
  });
}
