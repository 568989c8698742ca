// `npm run bench -- projects-import`: a 10,000-row project ledger import on PostgreSQL (TEST_DATABASE_URL): preview and
// commit of new projects, export, re-import unchanged, and an edit of every row's annual plan (goal: commit ≤ 15 s).
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { XLSX_MIME } from '@zoneops/shared';
import { buildUnit, buildUser, createEnv, login } from '../packages/server/test/harness.ts';
import { geoFeatures } from '../packages/server/src/db/schema.ts';
import { ledgerSheetSpec, writeLedger, type ProjectSheetRow } from '../packages/server/src/modules/projects/project-sheet.ts';

const N = Number(process.env.N ?? 10000);
const env = await createEnv(process.env.ENGINE === 'pglite' ? 'pglite' : 'postgres');
try {
  const app = await env.start();
  const db = env.database.db;
  await db.insert(geoFeatures).values({
    kind: 'boundary',
    name: '园区',
    geometry: {
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
    },
  });
  const zone = await buildUnit(db, { name: '古雷管委会' });
  const units = [];
  for (let i = 0; i < 10; i++) units.push(await buildUnit(db, { name: `单位${i}`, parentId: zone.id }));
  await buildUser(db, { username: 'head', unitId: zone.id, roles: ['deptAdmin'] });
  for (let i = 0; i < 20; i++) await buildUser(db, { username: `l${i}`, unitId: zone.id, roles: ['leader'], displayName: `领导${i}` });
  const head = await login(app.app, 'head');
  const stages = ['在建', '前期', '列入', '储备', '谋划'];
  const rows: ProjectSheetRow[] = Array.from({ length: N }, (_, i) => ({
    code: `B-${i}`,
    name: `项目${i}`,
    content: `建设内容${i}`,
    owner: `业主${i % 500}`,
    leadUnit: `单位${i % 10}`,
    leaders: [`领导${i % 20}`],
    industry: 'petrochemical',
    category: 'industry',
    nature: 'new',
    level: 'city',
    investorType: 'private',
    stage: ({ 在建: 'construction', 前期: 'preparation', 列入: 'listed', 储备: 'reserve', 谋划: 'planned' } as const)[stages[i % 5] as '在建'],
    totalInvestment: `${10000 + i}.50`,
    'fund:enterprise': `${5000 + i}.50`,
    'fund:bank': '5000.00',
    annualPlan: '3000.00',
    plannedStartOn: '2026-01-01',
    plannedCompletionOn: '2027-12-31',
    lng: 117.6 + (i % 50) / 1000,
    lat: 23.75 + (i % 50) / 1000,
  }));
  const spec = ledgerSheetSpec({
    title: 'bench',
    industries: [{ code: 'petrochemical', label: '石油化工' }],
    fundingSources: [
      { code: 'government', label: '政府投资' },
      { code: 'enterprise', label: '企业自筹' },
      { code: 'bank', label: '银行贷款' },
      { code: 'foreign', label: '外资' },
      { code: 'other', label: '其他' },
    ],
  });
  let t = performance.now();
  const file = await writeLedger(spec, rows, {});
  console.log(`workbook ${N} rows: ${(file.length / 1048576).toFixed(1)} MB in ${Math.round(performance.now() - t)} ms`);
  const run = async (label: string, buf: Buffer, mode: string) => {
    t = performance.now();
    const res = await head.send('POST', `/api/projects/import?mode=${mode}`, buf, { 'content-type': XLSX_MIME });
    const ms = Math.round(performance.now() - t);
    const body = res.json();
    console.log(`${label}: ${res.statusCode} ${ms} ms`, JSON.stringify(body.counts ?? body).slice(0, 300), body.errors?.slice(0, 3));
  };
  await run('preview (create)', file, 'preview');
  await run('commit (create)', file, 'commit');
  const counts = await env.database.db.execute(
    sql`select (select count(*) from projects) p, (select count(*) from project_milestones) m, (select count(*) from audit_log) a`,
  );
  console.log(JSON.stringify((counts as unknown as { rows: unknown[] }).rows ?? counts));
  t = performance.now();
  const exp = await head.get('/api/projects/export.xlsx');
  console.log(`export: ${exp.statusCode} ${Math.round(performance.now() - t)} ms ${(exp.rawPayload.length / 1048576).toFixed(1)} MB`);
  await run('commit (unchanged)', exp.rawPayload, 'commit');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exp.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  let planCol = 0;
  ws.getRow(4).eachCell((c, n) => void (c.text === '年度计划投资' && (planCol = n)));
  for (let r = 5; r < 5 + N; r++) ws.getCell(r, planCol).value = 3500;
  const edited = Buffer.from(await wb.xlsx.writeBuffer());
  await run('commit (update all)', edited, 'commit');
  console.log('audit verify', JSON.stringify(await app.deps.audit.verify()));
} finally {
  await env.close();
}
