// The key projects' workbooks in LibreOffice itself (the office suite of most government desktops here):
// (a) the exported ledger, edited in LibreOffice Calc through UNO (five figures changed, saved as xlsx by Calc's own
//     "Calc MS Excel 2007 XML" filter), imports back changing exactly those five figures, each audited before/after;
// (b) the monthly report converted by LibreOffice to CSV shows the conventional headers and a 合计 row equal to the
//     database's sums.
// Needs `soffice` (Debian: libreoffice-calc-nogui) and /usr/bin/python3 with uno (python3-uno); skipped with a notice
// without them unless REQUIRE_SERVICES=1. Each run uses its own LibreOffice profile, so parallel runs do not collide.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME, type ImportCommit, type ImportPreview, type ProjectDetail } from '@zoneops/shared';
import type { App } from '../src/app.ts';
import { geoFeatures } from '../src/db/schema.ts';
import { queryRows } from '../src/platform/database.ts';
import { buildUnit, buildUser, createEnv, login, type Client, type TestEnv } from './harness.ts';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const EDIT_SCRIPT = fileURLToPath(new URL('./fixtures/lo_edit_cells.py', import.meta.url));

async function available(): Promise<string | null> {
  try {
    await run('soffice', ['--version'], { timeout: 30_000 });
  } catch {
    return 'soffice is not on the PATH (Debian: apt-get install libreoffice-calc-nogui)';
  }
  try {
    await run(PYTHON, ['-c', 'import uno'], { timeout: 30_000 });
  } catch {
    return `${PYTHON} has no uno module (Debian: apt-get install python3-uno)`;
  }
  return null;
}
const missing = await available();
if (missing) {
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 but ${missing}`);
  console.warn(`[skip] LibreOffice round trip: ${missing}`);
}

const BOUNDARY = {
  type: 'Polygon',
  coordinates: [
    [
      [117.58, 23.73],
      [117.66, 23.73],
      [117.66, 23.82],
      [117.58, 23.82],
      [117.58, 23.73],
    ],
  ],
};

/** The columns of a project that an import may write, as stored. */
const snapshot = sql`select p.id, p.code, p.name, p.content, p.level, p.industry, p.category, p.nature, p.investor_type, p.stage, p.owner_name,
    p.owner_enterprise_id, p.lead_unit_id, p.planned_start_on::text, p.planned_completion_on::text, p.actual_start_on::text,
    p.total_investment::text, p.funding, p.annual_plan::text, p.plan_year, p.lng, p.lat,
    (select array_agg(pl.user_id::text || ':' || pl.level order by pl.user_id) from project_leaders pl where pl.project_id = p.id) as leaders
  from projects p order by p.name`;

describe.skipIf(missing !== null)('key project workbooks through LibreOffice', () => {
  let env: TestEnv;
  let app: App;
  let head: Client;
  let dir: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zoneops-lo-'));
    env = await createEnv('pglite');
    app = await env.start();
    const db = env.database.db;
    await db.insert(geoFeatures).values({ kind: 'boundary', name: '园区', geometry: BOUNDARY });
    const zone = await buildUnit(db, { name: '古雷管委会' });
    const bureau = await buildUnit(db, { name: '发展改革局', parentId: zone.id });
    const works = await buildUnit(db, { name: '住建局', parentId: zone.id });
    await buildUser(db, { username: 'head', unitId: zone.id, roles: ['deptAdmin'] });
    const boss = await buildUser(db, { username: 'cityboss', unitId: zone.id, roles: ['cityLeader'], displayName: '王市长' });
    head = await login(app.app, 'head');
    const create = async (key: string, body: Record<string, unknown>) => {
      const res = await head.send('POST', '/api/projects', {
        level: 'city',
        industry: 'petrochemical',
        category: 'industry',
        nature: 'new',
        investorType: 'private',
        planYear: 2026,
        leadUnitId: bureau.id,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(200);
      ids[key] = (res.json() as ProjectDetail).id;
    };
    await create('p1', {
      code: 'GL-2026-001',
      name: '古雷乙烯下游深加工项目',
      ownerName: '古雷石化有限公司',
      leaders: [{ userId: boss.id, level: 'city' }],
      stage: 'construction',
      plannedStartOn: '2026-03-01',
      plannedCompletionOn: '2027-12-31',
      actualStartOn: '2026-03-15',
      totalInvestment: '120000.00',
      funding: [
        { source: 'government', subSource: 'central', amount: '20000' },
        { source: 'government', subSource: 'local', amount: '10000' },
        { source: 'enterprise', amount: '60000' },
        { source: 'bank', amount: '30000' },
      ],
      annualPlan: '36000.50',
      lng: 117.61,
      lat: 23.77,
    });
    await create('p2', {
      code: 'GL-2026-002',
      name: '港口物流园项目',
      ownerName: '漳州港务集团',
      leadUnitId: works.id,
      industry: 'logistics',
      category: 'infrastructure',
      stage: 'listed',
      totalInvestment: '45000',
      annualPlan: '8000',
    });
    await create('p3', {
      name: '石化配套道路工程',
      ownerName: '古雷开发建设公司',
      leadUnitId: works.id,
      stage: 'preparation',
      totalInvestment: '30000.55',
      funding: [{ source: 'government', subSource: 'specialBond', amount: '30000.55' }],
      annualPlan: '12000.05',
    });
    const report = (projectId: string, period: string, planned: string, completed: string, status: string, progress: string | null) =>
      sql`(${projectId}, ${period}, ${Number(period.slice(0, 4))}, ${Number(period.slice(5, 7))}, ${planned}, ${completed}, ${status}, ${progress})`;
    await db.execute(
      sql`insert into investment_reports (project_id, period, year, month, planned, completed, status, physical_progress) values ${sql.join(
        [
          report(ids.p1!, '2025-12', '5000', '4800', 'approved', null),
          report(ids.p1!, '2026-09', '3000.10', '2800.15', 'approved', '主体施工'),
          report(ids.p1!, '2026-10', '3000.20', '2900.35', 'approved', '主体封顶，设备安装'),
          report(ids.p2!, '2026-10', '1000', '900', 'submitted', null),
          report(ids.p3!, '2026-10', '100.10', '99.99', 'approved', '路基施工, 管网铺设'),
        ],
        sql`, `,
      )}`,
    );
  });
  afterAll(async () => {
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports a ledger edited in LibreOffice Calc, changing exactly the five edited figures and auditing them', { timeout: 120_000 }, async () => {
    const exported = (await head.get('/api/projects/export.xlsx')).rawPayload;
    const src = join(dir, 'ledger.xlsx');
    const dst = join(dir, 'ledger-edited.xlsx');
    writeFileSync(src, exported);

    // The addresses of the five figures, from the export's header row and project names.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const col = new Map<string, string>();
    ws.getRow(4).eachCell((cell) => col.set(cell.text.replace(/^\*/, ''), cell.address.replace(/\d+$/, '')));
    const row = (name: string) => {
      for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 3).text === name) return r;
      throw new Error(name);
    };
    const at = (header: string, name: string) => `${col.get(header)}${row(name)}`;
    const edits = [
      { cell: at('合计', '古雷乙烯下游深加工项目'), value: 125000 },
      { cell: at('企业自筹', '古雷乙烯下游深加工项目'), value: 65000 },
      { cell: at('年度计划投资', '古雷乙烯下游深加工项目'), value: 40000.25 },
      { cell: at('年度计划投资', '港口物流园项目'), value: 9500 },
      { cell: at('年度计划投资', '石化配套道路工程'), value: 15000 },
    ];

    const { stdout } = await run(PYTHON, [EDIT_SCRIPT, src, dst, join(dir, 'profile-edit'), JSON.stringify(edits)], { timeout: 100_000 });
    const seen = JSON.parse(stdout.trim().split('\n').at(-1)!) as { before: Record<string, string>; after: Record<string, string> };
    // what Calc showed in the cell before and after the edit (digits only: the separators follow the locale)
    const digits = (s: string | undefined) => s?.replace(/[^\d.]/g, '');
    expect([digits(seen.before[edits[0]!.cell]), digits(seen.after[edits[0]!.cell])]).toEqual(['120000.00', '125000.00']);
    expect(existsSync(dst)).toBe(true);
    const edited = readFileSync(dst);
    expect(edited.equals(exported)).toBe(false);

    const before = await queryRows<Record<string, unknown>>(env.database.db, snapshot);
    const upload = (mode: string) => head.send('POST', `/api/projects/import?mode=${mode}`, edited, { 'content-type': XLSX_MIME });
    const preview = (await upload('preview')).json() as ImportPreview;
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({ create: 0, update: 3, unchanged: 0 });
    const res = await upload('commit');
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ImportCommit).updated).toHaveLength(3);

    // Exactly the five figures changed (and nothing else of any project).
    const after = await queryRows<Record<string, unknown>>(env.database.db, snapshot);
    const changes: string[] = [];
    after.forEach((a, i) => {
      for (const k of Object.keys(a)) if (JSON.stringify(a[k]) !== JSON.stringify(before[i]![k])) changes.push(`${String(a.name)}.${k}`);
    });
    expect(changes.sort()).toEqual(
      [
        '古雷乙烯下游深加工项目.annual_plan',
        '古雷乙烯下游深加工项目.funding',
        '古雷乙烯下游深加工项目.total_investment',
        '港口物流园项目.annual_plan',
        '石化配套道路工程.annual_plan',
      ].sort(),
    );
    const p1 = after.find((a) => a.id === ids.p1)!;
    expect(p1).toMatchObject({ total_investment: '125000.00', annual_plan: '40000.25' });
    // the sub-sources of the unchanged government column survive; the enterprise line carries the new figure
    expect(p1.funding).toEqual([
      { source: 'government', subSource: 'central', amount: '20000.00' },
      { source: 'government', subSource: 'local', amount: '10000.00' },
      { source: 'enterprise', amount: '65000.00' },
      { source: 'bank', amount: '30000.00' },
    ]);

    // The audit trail has each change with its before and after.
    const records = await queryRows<{ entityId: string; diff: { changed: Record<string, { from: unknown; to: unknown }> } }>(
      env.database.db,
      sql`select entity_id as "entityId", diff from audit_log where action = 'project.update' order by seq`,
    );
    const of = (id: string) => records.find((r) => r.entityId === id)!.diff.changed;
    expect(records).toHaveLength(3);
    expect(of(ids.p1!)).toMatchObject({
      totalInvestment: { from: '120000.00', to: '125000.00' },
      annualPlan: { from: '36000.50', to: '40000.25' },
      funding: {
        from: expect.arrayContaining([{ source: 'enterprise', amount: '60000.00' }]),
        to: expect.arrayContaining([{ source: 'enterprise', amount: '65000.00' }]),
      },
    });
    expect(Object.keys(of(ids.p1!)).sort()).toEqual(['annualPlan', 'funding', 'totalInvestment']);
    expect(of(ids.p2!)).toEqual({ annualPlan: { from: '8000.00', to: '9500.00' } });
    expect(of(ids.p3!)).toEqual({ annualPlan: { from: '12000.05', to: '15000.00' } });
  });

  it('shows the monthly report in LibreOffice with the conventional headers and a 合计 equal to the database sums', { timeout: 120_000 }, async () => {
    const res = await head.get('/api/projects/monthly-report.xlsx?period=2026-10');
    expect(res.statusCode).toBe(200);
    const src = join(dir, 'monthly.xlsx');
    writeFileSync(src, res.rawPayload);
    // CSV filter options: tab as the field separator, " as text delimiter, UTF-8 (76), first line 1, system language,
    // text not forced into quotes, and (token 9) the stored values rather than the cells as shown (no locale separators)
    await run(
      'soffice',
      [
        '--headless',
        '--norestore',
        '--nolockcheck',
        `-env:UserInstallation=file://${join(dir, 'profile-csv')}`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false',
        '--outdir',
        dir,
        src,
      ],
      { timeout: 100_000 },
    );
    const lines = readFileSync(join(dir, 'monthly.csv'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.split('\t').map((c) => c.replace(/^"|"$/g, '')));
    expect(lines[0]![0]).toBe('重点项目投资完成情况月报表（2026年10月）');
    expect(lines[1]!.join('')).toContain('单位：万元');
    expect(lines[2]).toEqual([
      '序号',
      '项目名称',
      '责任单位',
      '总投资',
      '年度计划投资',
      '本月',
      '',
      '年度累计',
      '',
      '',
      '开工累计完成',
      '占总投资%',
      '形象进度',
      '报送状态',
    ]);
    expect(lines[3]!.slice(5, 10)).toEqual(['计划', '完成', '计划', '完成', '完成率%']);
    const total = lines[4]!;
    expect(total[0]).toBe('合计');
    expect(total[1]).toBe('共 3 个项目');

    const [db] = await queryRows<Record<string, string>>(
      env.database.db,
      sql`select (select sum(total_investment)::text from projects) as total, (select sum(annual_plan)::text from projects where plan_year = 2026) as plan,
        (select sum(planned)::text from investment_reports where status = 'approved' and period = '2026-10') as "monthPlanned",
        (select sum(completed)::text from investment_reports where status = 'approved' and period = '2026-10') as "monthCompleted",
        (select sum(planned)::text from investment_reports where status = 'approved' and year = 2026 and month <= 10) as "ytdPlanned",
        (select sum(completed)::text from investment_reports where status = 'approved' and year = 2026 and month <= 10) as "ytdCompleted",
        (select sum(completed)::text from investment_reports where status = 'approved' and period <= '2026-10') as "sinceStart"`,
    );
    const shown = (i: number) => Number(total[i]).toFixed(2);
    expect([shown(3), shown(4), shown(5), shown(6), shown(7), shown(8), shown(10)]).toEqual(
      [db!.total, db!.plan, db!.monthPlanned, db!.monthCompleted, db!.ytdPlanned, db!.ytdCompleted, db!.sinceStart].map((v) => Number(v).toFixed(2)),
    );
    // the project lines: a text with a comma stays one field; a submitted report is not counted
    const p3 = lines.find((l) => l[1] === '石化配套道路工程')!;
    expect([p3[12], p3[13]]).toEqual(['路基施工, 管网铺设', '已审核']);
    const p2 = lines.find((l) => l[1] === '港口物流园项目')!;
    expect([Number(p2[6]), p2[13]]).toEqual([0, '待审核']);
  });
});
