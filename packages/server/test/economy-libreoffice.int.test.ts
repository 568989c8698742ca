// The economy bulletin (经济运行通报) of the demo zone opened by LibreOffice Writer, the office suite of most government
// desktops here: converted to PDF it is A4 portrait with the GB/T 9704 type area, carries the title, the overview
// with the count of first places, one sentence per indicator, the target table, and has no unfilled template tag.
// Needs `soffice` (Debian: libreoffice-writer-nogui or -calc-nogui) and `pdftotext`/`pdfinfo` (poppler-utils); skipped
// with a notice without them unless REQUIRE_SERVICES=1.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EconomyBulletin } from '@zoneops/shared';
import { users } from '../src/db/schema.ts';
import { seedDemoEconomy } from '../src/db/seed/demo-economy.ts';
import { seedDemo } from '../src/db/seed/index.ts';
import { createEnv, login, PASSWORD, type Client, type TestEnv } from './harness.ts';

const run = promisify(execFile);

async function available(): Promise<string | null> {
  for (const [cmd, args, hint] of [
    ['soffice', ['--version'], 'apt-get install libreoffice-calc-nogui'],
    ['pdftotext', ['-v'], 'apt-get install poppler-utils'],
  ] as const) {
    try {
      await run(cmd, [...args], { timeout: 30_000 });
    } catch {
      return `${cmd} is not on the PATH (Debian: ${hint})`;
    }
  }
  if (!existsSync('/usr/lib/libreoffice/program/libswlo.so')) return 'LibreOffice Writer is not installed (Debian: apt-get install libreoffice-writer-nogui)';
  return null;
}
const missing = await available();
if (missing) {
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`REQUIRE_SERVICES=1 but ${missing}`);
  console.warn(`[skip] economy bulletin in LibreOffice: ${missing}`);
}

describe.skipIf(missing !== null)('economy bulletin in LibreOffice', () => {
  let env: TestEnv;
  let stat: Client;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zoneops-econ-lo-'));
    env = await createEnv('pglite');
    await seedDemo(env.database.db, PASSWORD);
    await env.database.db.update(users).set({ mustChangePassword: false }).where(eq(users.username, 'statistician'));
    const app = await env.start();
    await seedDemoEconomy(app.deps);
    stat = await login(app.app, 'statistician');
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens as a clean A4 official document whose text is the bulletin of the data', async () => {
    const json = await stat.get('/api/economy/bulletin?month=2026-10');
    expect(json.statusCode, json.body).toBe(200);
    const bulletin = json.json() as EconomyBulletin;
    const res = await stat.get(`/api/economy/bulletin?month=2026-10&format=docx&docNumber=${encodeURIComponent('古开管〔2026〕18号')}`);
    expect(res.statusCode).toBe(200);
    const docx = join(dir, 'bulletin.docx');
    writeFileSync(docx, res.rawPayload);
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
      timeout: 180_000,
    });
    const pdf = join(dir, 'bulletin.pdf');
    // ECONOMY_BULLETIN_PDF=<path> keeps the rendered PDF for a person to look at.
    if (process.env.ECONOMY_BULLETIN_PDF) writeFileSync(process.env.ECONOMY_BULLETIN_PDF, readFileSync(pdf));
    const info = (await run('pdfinfo', [pdf])).stdout;
    // A4 portrait: 595 × 842 points.
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)?|Page size:\s+595(\.\d+)? x 842/);
    await run('pdftotext', ['-layout', pdf, join(dir, 'bulletin.txt')]);
    // the page numbers (—3—) fall between the lines of a paragraph in the text layer
    const text = readFileSync(join(dir, 'bulletin.txt'), 'utf8').replace(/\s+/g, '').replace(/—\d+—/g, '');
    expect(text).toContain('古开管〔2026〕18号');
    expect(text).toContain(bulletin.title.replace(/\s+/g, ''));
    // Every paragraph the page shows is in the document, in the same words (line breaks aside).
    for (const block of bulletin.blocks) {
      if (block.kind === 'p') expect(text).toContain(block.text.replace(/\s+/g, '').slice(0, 40));
    }
    expect(text).toMatch(/有\d+项指标增幅位居全市第一/);
    expect(text).toContain('年度目标完成情况');
    expect(text).not.toMatch(/[{}]/);
  }, 240_000);
});
