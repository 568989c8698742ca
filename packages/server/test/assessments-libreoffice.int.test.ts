// The assessment results bulletin opened by LibreOffice Writer (the office suite of most government desktops here):
// a quarter of four units ranked on projects started, published; the .docx converted to text carries the title, the
// ranking in rank order with the tie stated (并列), the red flag holder and no unfilled template tag. Needs `soffice`
// with Writer (Debian: libreoffice-writer-nogui); skipped with a notice without it unless REQUIRE_SERVICES=1.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentRun } from '@zoneops/shared';
import { buildUnit, buildUser, createEnv, login, type Client, type TestEnv } from './harness.ts';

const run = promisify(execFile);

async function available(): Promise<string | null> {
  try {
    await run('soffice', ['--version'], { timeout: 30_000 });
  } catch {
    return 'soffice is not on the PATH (Debian: apt-get install libreoffice-writer-nogui)';
  }
  if (!existsSync('/usr/lib/libreoffice/program/libswlo.so')) return 'LibreOffice Writer is not installed (Debian: apt-get install libreoffice-writer-nogui)';
  return null;
}
const missing = await available();
if (missing) {
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 but ${missing}`);
  console.warn(`[skip] assessment bulletin in LibreOffice: ${missing}`);
}

describe.skipIf(missing !== null)('assessment bulletin in LibreOffice', () => {
  let env: TestEnv;
  let office: Client;
  let dir: string;
  let published: AssessmentRun;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zoneops-assess-lo-'));
    env = await createEnv('pglite');
    const app = await env.start();
    const db = env.database.db;
    const officeUnit = await buildUnit(db, { name: '考核办', kind: 'office' });
    await buildUser(db, { username: 'kaohe-lo', unitId: officeUnit.id, roles: ['assessor'] });
    // projects started in 2026-Q3: 东山港务局 3, 南湖建设局 2, 北塘服务中心 2, 西岭招商局 1
    const units: { id: string }[] = [];
    for (const [name, started] of [
      ['东山港务局', 3],
      ['南湖建设局', 2],
      ['西岭招商局', 1],
      ['北塘服务中心', 2],
    ] as const) {
      const unit = await buildUnit(db, { name });
      units.push(unit);
      for (let i = 0; i < started; i++) {
        await db.execute(
          sql`insert into projects (name, level, industry, category, nature, investor_type, stage, owner_name, lead_unit_id, total_investment, plan_year, actual_start_on)
              values (${`${name}项目${i + 1}`}, 'city', 'port', 'infrastructure', 'new', 'state', 'construction', ${`${name}业主`}, ${unit.id}, 5000, 2026, '2026-08-01')`,
        );
      }
    }
    office = await login(app.app, 'kaohe-lo');
    const scheme = await office.send('POST', '/api/assessments/schemes', {
      name: '“三百”劳动竞赛',
      periodKind: 'quarter',
      participantKind: 'unit',
      dimensions: [
        { id: 'started', category: 'compare', name: '项目开工', weight: 100, method: 'auto', metric: 'projectsStarted', scoring: { kind: 'relative' } },
      ],
      participants: units.map((u) => ({ unitId: u.id })),
    });
    expect(scheme.statusCode, scheme.body).toBe(200);
    const created = await office.send('POST', '/api/assessments/runs', { schemeId: scheme.json().id, period: '2026-Q3' });
    expect(created.statusCode, created.body).toBe(200);
    const res = await office.send('POST', `/api/assessments/runs/${created.json().id}/publish`, { highlights: '东山港务局三季度新开工项目数量居首。' });
    expect(res.statusCode, res.body).toBe(200);
    published = res.json();
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens with the ranking in rank order, the tie and the red flag', async () => {
    expect(published.results.map((r) => [r.name, r.rank, r.tied])).toEqual([
      ['东山港务局', 1, false],
      ['北塘服务中心', 2, true],
      ['南湖建设局', 2, true],
      ['西岭招商局', 4, false],
    ]);
    const res = await office.get(`/api/assessments/runs/${published.id}/bulletin.docx?docNumber=${encodeURIComponent('古开考〔2026〕3号')}`);
    expect(res.statusCode).toBe(200);
    const docx = join(dir, 'bulletin.docx');
    writeFileSync(docx, res.rawPayload);
    await run(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, docx],
      {
        timeout: 180_000,
      },
    );
    // ASSESSMENT_BULLETIN_TXT=<path> keeps the text for a person to read.
    if (process.env.ASSESSMENT_BULLETIN_TXT) writeFileSync(process.env.ASSESSMENT_BULLETIN_TXT, readFileSync(join(dir, 'bulletin.txt')));
    const text = readFileSync(join(dir, 'bulletin.txt'), 'utf8').replace(/\s+/g, '');
    expect(text).toContain('古开考〔2026〕3号');
    expect(text).toContain('关于2026年第三季度“三百”劳动竞赛考核结果的通报');
    const table = text.slice(text.indexOf('名次'));
    const order = ['东山港务局', '北塘服务中心', '南湖建设局', '西岭招商局'].map((n) => table.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(table).toMatch(/并列2北塘服务中心66\.67/);
    expect(text).toContain('北塘服务中心、南湖建设局总分均为66.67分，并列第2名');
    expect(text).toContain('“流动红旗”拟授予东山港务局（总分100.00分）');
    expect(text).toContain('东山港务局三季度新开工项目数量居首。');
    expect(text).not.toMatch(/[{}]/);
  }, 240_000);
});
