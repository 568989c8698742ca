import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { and, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, auditLog } from '../src/db/schema.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { contentDisposition, FileStore } from '../src/platform/files/file-store.ts';
import { registerAttachmentTarget } from '../src/modules/attachments/index.ts';
import { buildUnit, buildUser, createEnv, engines, FIXED_NOW, login, type Client, type TestEnv } from './harness.ts';
import type { App } from '../src/app.ts';

// A real 4×4 baseline JPEG (encoded by Chromium, ICC profile removed): 303 bytes.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhC' +
    'Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAXEAEBAQEAAAAAAAAAAAAA' +
    'AAACAQAR/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAYEQEBAAMAAAAAAAAAAAAAAAABAAIRMf/aAAwDAQACEQMRAD8AharVSvbczMOowMTRy//Z',
  'base64',
);

/** A valid PNG of w×h grey pixels, with real CRCs. */
function png(w = 2, h = 2): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array<number>(w).fill(0x80)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const zipOf = (files: Record<string, string>) => {
  const zip = new PizZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generate({ type: 'nodebuffer' });
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type FormPart = [name: string, value: string] | [name: string, bytes: Buffer, filename: string];

/** A multipart/form-data body as a browser sends it (encoded by undici's FormData). */
async function form(parts: FormPart[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const fd = new FormData();
  for (const p of parts) {
    if (p.length === 2) fd.append(p[0], p[1]);
    else fd.append(p[0], new Blob([new Uint8Array(p[1])]), p[2]);
  }
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}

/** Every file under a directory, relative to it (temporary files included). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

describe.each(engines())('attachments on %s', (engine) => {
  let env: TestEnv;
  let app: App['app'];
  let admin: Client;
  let owner: Client;
  let viewer: Client;
  let stranger: Client;
  let uploads: string;
  // The test's own record type: who may read and write each "thing".
  const things = new Map<string, { readers: Set<string>; writers: Set<string> }>();
  const ids: Record<string, string> = {};
  const thing = randomUUID();
  let undo: () => void;

  const upload = (c: Client, parts: FormPart[]) => form(parts).then(({ payload, headers }) => c.send('POST', '/api/attachments', payload, headers));
  /** The usual fields, with overrides (undefined drops one), then the given parts. */
  const fieldsFor = (over: Record<string, string | undefined> = {}, ...rest: FormPart[]): FormPart[] => [
    ...Object.entries({ entityType: 'testThing', entityId: thing, purpose: 'evidence', ...over }).flatMap(([k, v]): FormPart[] =>
      v === undefined ? [] : [[k, v]],
    ),
    ...rest,
  ];
  const rowCount = async () => (await env.database.db.select({ id: attachments.id }).from(attachments)).length;

  async function expectNothingWritten(before: { rows: number; files: string[] }) {
    expect(await rowCount()).toBe(before.rows);
    expect(filesUnder(uploads)).toEqual(before.files);
  }
  const snapshot = async () => ({ rows: await rowCount(), files: filesUnder(uploads) });

  beforeAll(async () => {
    env = await createEnv(engine);
    uploads = join(env.config.dataDir, 'uploads');
    undo = registerAttachmentTarget('testThing', {
      canRead: async (p, id) => things.get(id)?.readers.has(p.userId) ?? false,
      canWrite: async (p, id) => things.get(id)?.writers.has(p.userId) ?? false,
      purposes: ['evidence', 'sitePhoto'],
    });
    ({ app } = await env.start());
    const db = env.database.db;
    const unit = await buildUnit(db, { name: '建设局' });
    for (const name of ['owner', 'viewer', 'stranger'])
      ids[name] = (await buildUser(db, { username: name, unitId: unit.id, roles: ['staff'], displayName: `${name}名` })).id;
    things.set(thing, { readers: new Set([ids.owner!, ids.viewer!]), writers: new Set([ids.owner!]) });
    await buildUser(db, { username: 'sys', unitId: unit.id, roles: ['systemAdmin'] });
    admin = await login(app, 'sys');
    owner = await login(app, 'owner');
    viewer = await login(app, 'viewer');
    stranger = await login(app, 'stranger');
  });
  afterAll(async () => {
    undo();
    await env.close();
  });

  it('stores a photo with its time and place: listed, downloaded byte for byte, hashed and audited', async () => {
    const res = await upload(
      owner,
      fieldsFor({ takenAt: '2026-11-22T09:30:00+08:00', lat: '31.2304', lng: '121.4737', place: '3号地块东门' }, ['file', JPEG, '现场照片 东门(1).jpg']),
    );
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({
      entityType: 'testThing',
      entityId: thing,
      purpose: 'evidence',
      filename: '现场照片 东门(1).jpg',
      mime: 'image/jpeg',
      size: JPEG.length,
      sha256: sha256(JPEG),
      takenAt: '2026-11-22T01:30:00.000Z',
      lat: 31.2304,
      lng: 121.4737,
      place: '3号地块东门',
      uploadedBy: ids.owner,
      uploadedByName: 'owner名',
      uploadedAt: FIXED_NOW.toISOString(),
    });

    const list = await viewer.get(`/api/attachments?entityType=testThing&entityId=${thing}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { id: string }) => x.id)).toEqual([a.id]);

    const file = await viewer.get(`/api/attachments/${a.id}/content`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(JPEG)).toBe(true);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename="____ __(1).jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%20%E4%B8%9C%E9%97%A8%281%29.jpg`,
    );

    const [row] = await env.database.db.select().from(attachments).where(eq(attachments.id, a.id));
    expect(row!.sha256).toBe(sha256(JPEG));
    // stored under uploads/YYYY/MM/<uuid> (from the clock), never under the client's name
    expect(row!.storageKey).toMatch(/^2026\/11\/[0-9a-f-]{36}$/);
    expect(filesUnder(uploads)).toEqual([row!.storageKey]);

    const [entry] = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.create'), eq(auditLog.entityId, a.id)));
    expect(entry).toMatchObject({ result: 'success', userId: ids.owner });
  });

  it('accepts the fields after the file, other image types and office documents, and downloads documents as attachments', async () => {
    const image = png();
    const res = await upload(owner, [['file', image, 'plan.PNG'], ...fieldsFor({ purpose: 'sitePhoto' })]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mime: 'image/png', purpose: 'sitePhoto', size: image.length, takenAt: null, lat: null, place: null });

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['事项', '状态']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = await upload(owner, fieldsFor({}, ['file', xlsx, '整改台账.xlsx']));
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json().mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const download = await owner.get(`/api/attachments/${sheet.json().id}/content`);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.rawPayload.equals(xlsx)).toBe(true);

    const pdf = await upload(owner, fieldsFor({}, ['file', PDF, 'report.pdf']));
    expect(pdf.json().mime).toBe('application/pdf');
    expect((await owner.get(`/api/attachments/${pdf.json().id}/content`)).headers['content-disposition']).toMatch(/^inline; /);
  });

  it('refuses a file whose content does not match its name, naming the type found, and writes nothing', async () => {
    const before = await snapshot();
    const res = await upload(owner, fieldsFor({}, ['file', PDF, 'photo.jpg']));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', details: { detected: 'application/pdf', extension: 'jpg' } });
    expect(res.json().message).toContain('PDF document (application/pdf)');
    expect(res.json().message).toContain('.jpg');
    await expectNothingWritten(before);

    const word = zipOf({ '[Content_Types].xml': '<?xml version="1.0"?><Types/>', 'word/document.xml': '<w:document/>' });
    const renamed = await upload(owner, fieldsFor({}, ['file', word, '报告.xlsx']));
    expect(renamed.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    await expectNothingWritten(before);
  });

  it('refuses archives, executables and unrecognisable content, under any name', async () => {
    const before = await snapshot();
    const cases: [Buffer, string, RegExp][] = [
      [zipOf({ 'a.txt': 'hello' }), 'evidence.zip', /application\/zip/],
      [EXE, 'setup.exe', /not allowed/],
      [EXE, 'photo.jpg', /not allowed/],
      [Buffer.from('just some text\n'), 'notes.txt', /could not be recognised/],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'map.svg', /not allowed|could not be recognised/],
    ];
    for (const [bytes, name, message] of cases) {
      const res = await upload(owner, fieldsFor({}, ['file', bytes, name]));
      expect(res.statusCode, name).toBe(415);
      expect(res.json().code, name).toBe('FILE_TYPE_NOT_ALLOWED');
      expect(res.json().message, name).toMatch(message);
    }
    await expectNothingWritten(before);
  });

  it('refuses a file over the size limit and leaves no partial file', async () => {
    const before = await snapshot();
    const big = Buffer.concat([JPEG.subarray(0, 20), Buffer.alloc(20 * 1024 * 1024 + 1 - 20)]);
    const res = await upload(owner, fieldsFor({}, ['file', big, 'huge.jpg']));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json().message).toContain('20 MiB');
    await expectNothingWritten(before);
    // exactly the limit passes
    const edge = await upload(owner, fieldsFor({}, ['file', big.subarray(0, 20 * 1024 * 1024), 'edge.jpg']));
    expect(edge.statusCode, edge.body).toBe(200);
    expect(edge.json().size).toBe(20 * 1024 * 1024);
    expect(await rowCount()).toBe(before.rows + 1);
  });

  it('wants exactly one file and valid fields', async () => {
    const before = await snapshot();
    const none = await upload(owner, fieldsFor());
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.file' }] });

    const two = await upload(owner, fieldsFor({}, ['file', JPEG, 'a.jpg'], ['file2', png(), 'b.png']));
    expect(two.statusCode).toBe(400);
    expect(two.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.file', message: 'send exactly one file' }] });

    const bad = await upload(owner, [
      ['entityType', 'testThing'],
      ['entityId', 'not-a-uuid'],
      ['takenAt', 'yesterday'],
      ['lat', '91'],
      ['lng', '121.5'],
      ['place', 'x'.repeat(201)],
      ['colour', 'red'],
      ['file', JPEG, 'a.jpg'],
    ]);
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body', 'body.entityId', 'body.lat', 'body.place', 'body.takenAt']);
    const half = await upload(owner, fieldsFor({ lat: '31.2' }, ['file', JPEG, 'a.jpg']));
    expect(half.json().details).toEqual([{ path: 'body.lng', message: 'give both lat and lng, or neither' }]);
    const purpose = await upload(owner, fieldsFor({ purpose: 'selfie' }, ['file', JPEG, 'a.jpg']));
    expect(purpose.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.purpose' }] });
    await expectNothingWritten(before);
  });

  it('refuses record types that take no attachments', async () => {
    const before = await snapshot();
    const res = await upload(owner, [
      ['entityType', 'spaceship'],
      ['entityId', thing],
      ['file', JPEG, 'a.jpg'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.entityType' }] });
    const list = await owner.get(`/api/attachments?entityType=spaceship&entityId=${thing}`);
    expect(list.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'querystring.entityType' }] });
    await expectNothingWritten(before);
  });

  it('hides the attachments of records the caller cannot see, and refuses writes without write access', async () => {
    const [first] = (await owner.get(`/api/attachments?entityType=testThing&entityId=${thing}`)).json() as { id: string }[];
    const before = await snapshot();
    expect((await stranger.get(`/api/attachments?entityType=testThing&entityId=${thing}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/attachments/${first!.id}/content`)).statusCode).toBe(404);
    expect((await stranger.send('DELETE', `/api/attachments/${first!.id}`)).statusCode).toBe(404);
    // the same answers as for an attachment that does not exist
    expect((await stranger.get(`/api/attachments/${randomUUID()}/content`)).statusCode).toBe(404);
    const strangerUpload = await upload(stranger, fieldsFor({}, ['file', JPEG, 'a.jpg']));
    expect(strangerUpload.statusCode).toBe(403);

    // a reader may look but not change
    expect((await viewer.send('DELETE', `/api/attachments/${first!.id}`)).statusCode).toBe(403);
    expect((await upload(viewer, fieldsFor({}, ['file', JPEG, 'a.jpg']))).json().code).toBe('FORBIDDEN');
    // signed out, or without the CSRF token
    expect((await app.inject({ method: 'GET', url: `/api/attachments/${first!.id}/content` })).statusCode).toBe(401);
    const { payload, headers } = await form(fieldsFor({}, ['file', JPEG, 'a.jpg']));
    const noCsrf = await app.inject({ method: 'POST', url: '/api/attachments', cookies: { zo_sid: owner.cookie }, headers, payload });
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
    await expectNothingWritten(before);
  });

  it('deletes softly: gone from the list and the download, kept in the table and on disk, audited', async () => {
    const created = (await upload(owner, fieldsFor({}, ['file', JPEG, 'to-remove.jpg']))).json();
    env.clock.advance(60_000);
    const res = await owner.send('DELETE', `/api/attachments/${created.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const list = (await owner.get(`/api/attachments?entityType=testThing&entityId=${thing}`)).json() as { id: string }[];
    expect(list.map((a) => a.id)).not.toContain(created.id);
    expect((await owner.get(`/api/attachments/${created.id}/content`)).statusCode).toBe(404);
    expect((await owner.send('DELETE', `/api/attachments/${created.id}`)).statusCode).toBe(404);

    const [row] = await env.database.db.select().from(attachments).where(eq(attachments.id, created.id));
    expect(row!.deletedAt?.toISOString()).toBe(new Date(FIXED_NOW.getTime() + 60_000).toISOString());
    expect(filesUnder(uploads)).toContain(row!.storageKey);
    const entries = await env.database.db
      .select()
      .from(auditLog)
      .where(and(like(auditLog.action, 'attachment.%'), eq(auditLog.entityId, created.id)));
    expect(entries.map((e) => e.action).sort()).toEqual(['attachment.create', 'attachment.delete']);
    expect(entries.find((e) => e.action === 'attachment.delete')).toMatchObject({ userId: ids.owner, result: 'success' });
  });

  it('keeps a real keep-alive connection usable after refusing uploads part way through their bodies', async () => {
    const before = await snapshot();
    const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    // One socket, reused: a request whose body the server stopped reading would block every later one.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = async (c: Client, parts: FormPart[]) => {
      const { payload, headers } = await form(parts);
      return new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: '/api/attachments',
            method: 'POST',
            agent,
            timeout: 10_000,
            headers: { ...headers, 'content-length': payload.length, cookie: `zo_sid=${c.cookie}`, 'x-csrf-token': c.csrf },
          },
          (res) => res.resume().on('end', () => resolve(res.statusCode!)),
        );
        req.on('timeout', () => req.destroy(new Error('timed out: the connection is stuck')));
        req.on('error', reject);
        req.end(payload);
      });
    };
    try {
      const big = Buffer.concat([JPEG.subarray(0, 20), Buffer.alloc(22 * 1024 * 1024)]);
      expect(await post(owner, fieldsFor({}, ['file', big, 'a.jpg']))).toBe(413);
      expect(await post(stranger, fieldsFor({}, ['file', Buffer.alloc(8 * 1024 * 1024), 'b.jpg']))).toBe(403);
      expect(await post(owner, fieldsFor({}, ['file', JPEG, 'c.jpg']))).toBe(200);
    } finally {
      agent.destroy();
    }
    expect(await rowCount()).toBe(before.rows + 1);
  });

  it('keeps multipart to its own routes: JSON routes still answer 415, and the upload route wants multipart', async () => {
    const { payload, headers } = await form([
      ['name', 'x'],
      ['kind', 'bureau'],
    ]);
    const units = await admin.send('POST', '/api/units', payload, headers);
    expect(units.statusCode).toBe(415);
    expect(units.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const json = await owner.send('POST', '/api/attachments', { entityType: 'testThing', entityId: thing });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await owner.send(
      'POST',
      '/api/attachments',
      Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc'),
      {
        'content-type': 'multipart/form-data; boundary=xyz',
      },
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('MALFORMED_REQUEST');
  });
});

describe('file store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-files-'));
  const store = new FileStore(dir, new ManualClock(FIXED_NOW));

  it('writes atomically under a generated key, whatever the client called the file', async () => {
    const saved = await store.save(JPEG, '../../etc/passwd.jpg', { maxBytes: 1000 });
    expect(saved).toMatchObject({ filename: 'passwd.jpg', size: JPEG.length, sha256: sha256(JPEG), mime: 'image/jpeg' });
    expect(filesUnder(join(dir, 'uploads'))).toEqual([saved.storageKey]);
    const { stream } = await store.open(saved.storageKey);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(JPEG)).toBe(true);
    await expect(store.open('../../../etc/passwd')).rejects.toThrow(/invalid storage key/);
  });

  it('stops at the limit and removes the partial file', async () => {
    const before = filesUnder(join(dir, 'uploads'));
    await expect(store.save(JPEG, 'a.jpg', { maxBytes: 100 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(filesUnder(join(dir, 'uploads'))).toEqual(before);
  });

  it('names the file in UTF-8 with an ASCII fallback that cannot break the header', () => {
    expect(contentDisposition('报告 "终稿"\\v2.docx', false)).toBe(
      `attachment; filename="__ _____v2.docx"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%22%E7%BB%88%E7%A8%BF%22%5Cv2.docx`,
    );
  });

  it('discards a staged file on request', async () => {
    const before = filesUnder(join(dir, 'uploads'));
    const staged = await store.stage(png(), 'x.png', { maxBytes: 1000 });
    expect(filesUnder(join(dir, 'uploads')).length).toBe(before.length + 1);
    await staged.discard();
    expect(filesUnder(join(dir, 'uploads'))).toEqual(before);
  });
});
