// The office's official-document template: download, replace with a checked upload, reset; system administrators only.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { defaultTemplatePath, officeTemplatePath } from '../src/platform/documents/index.ts';
import { buildUnit, buildUser, createEnv, login, type Client, type TestEnv } from './harness.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('official-document template', () => {
  let env: TestEnv;
  let app: App;
  let admin: Client;
  let staff: Client;

  beforeAll(async () => {
    env = await createEnv('pglite');
    app = await env.start();
    const unit = await buildUnit(env.database.db, { name: '办公室' });
    await buildUser(env.database.db, { username: 'sys', unitId: unit.id, roles: ['systemAdmin'] });
    await buildUser(env.database.db, { username: 'staff', unitId: unit.id, roles: ['staff'] });
    [admin, staff] = [await login(app.app, 'sys'), await login(app.app, 'staff')];
  });
  afterAll(() => env.close());

  it('answers the bundled template until the office uploads its own', async () => {
    const res = await admin.get('/api/documents/official-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(res.rawPayload.equals(await readFile(defaultTemplatePath))).toBe(true);
  });

  it('refuses a file that is not a template and keeps nothing', async () => {
    const res = await admin.send('PUT', '/api/documents/official-template', Buffer.from('not a zip'), { 'content-type': DOCX });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(existsSync(officeTemplatePath(env.config.dataDir))).toBe(false);
  });

  it('stores a valid upload, serves it, and resets to the bundled one', async () => {
    const template = await readFile(defaultTemplatePath);
    const put = await admin.send('PUT', '/api/documents/official-template', template, { 'content-type': DOCX });
    expect(put.statusCode).toBe(200);
    expect(existsSync(officeTemplatePath(env.config.dataDir))).toBe(true);
    const got = await admin.get('/api/documents/official-template');
    expect(got.headers['content-disposition']).toContain('office');
    const del = await admin.send('DELETE', '/api/documents/official-template');
    expect(del.statusCode).toBe(200);
    expect(existsSync(officeTemplatePath(env.config.dataDir))).toBe(false);
  });

  it('is for system administrators only', async () => {
    expect((await staff.get('/api/documents/official-template')).statusCode).toBe(403);
    const put = await staff.send('PUT', '/api/documents/official-template', await readFile(defaultTemplatePath), { 'content-type': DOCX });
    expect(put.statusCode).toBe(403);
  });
});
