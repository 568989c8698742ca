// Uploaded files on disk under DATA_DIR/uploads/YYYY/MM/<uuid>. A file is written to a temporary file while it is
// hashed and counted, its real type is sniffed from its content (never taken from the client), and only then is it
// renamed into place, so a refused or cut-off upload leaves nothing behind. Storage keys are generated: a client's
// file name is kept as text for the download header and never becomes part of a path.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';

/** One accepted type: what file-type reports (`sniffed`, its `ext`), and the file-name extensions that may carry it. */
export interface AllowedFileType {
  sniffed: string;
  extensions: readonly string[];
  /** The stored type when file-type's own is too generic (an OLE container → Word or Excel); else the sniffed mime. */
  mime?: string;
  label: string;
}

export const IMAGE_TYPES: readonly AllowedFileType[] = [
  { sniffed: 'jpg', extensions: ['jpg', 'jpeg'], label: 'JPEG image' },
  { sniffed: 'png', extensions: ['png'], label: 'PNG image' },
  { sniffed: 'webp', extensions: ['webp'], label: 'WebP image' },
  { sniffed: 'heic', extensions: ['heic', 'heif'], label: 'HEIC image' },
];

export const DOCUMENT_TYPES: readonly AllowedFileType[] = [
  { sniffed: 'pdf', extensions: ['pdf'], label: 'PDF document' },
  { sniffed: 'docx', extensions: ['docx'], label: 'Word document' },
  { sniffed: 'xlsx', extensions: ['xlsx'], label: 'Excel workbook' },
  // Word 97–2003 and Excel 97–2003 are both OLE containers: the extension tells them apart. Still common in offices.
  { sniffed: 'cfb', extensions: ['doc'], mime: 'application/msword', label: 'Word 97–2003 document' },
  { sniffed: 'cfb', extensions: ['xls'], mime: 'application/vnd.ms-excel', label: 'Excel 97–2003 workbook' },
];

/** Photos and office documents; no archives, executables, scripts, HTML or SVG. */
export const DEFAULT_FILE_TYPES: readonly AllowedFileType[] = [...IMAGE_TYPES, ...DOCUMENT_TYPES];

export interface StoreOptions {
  maxBytes: number;
  allowed?: readonly AllowedFileType[];
}

export interface StoredFile {
  storageKey: string;
  /** The client's file name, cleaned of any path and control characters. */
  filename: string;
  size: number;
  sha256: string;
  mime: string;
}

/** A file written and checked but not yet in place: commit() moves it under its key, discard() removes it. */
export interface StagedFile extends Omit<StoredFile, 'storageKey'> {
  commit(): Promise<string>;
  discard(): Promise<void>;
}

const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The last path segment of a client's file name, without control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (base.length <= 200) return base;
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(base)?.[0] ?? '';
  return base.slice(0, 200 - ext.length) + ext;
}

export function extensionOf(filename: string): string | undefined {
  return /\.([A-Za-z0-9]{1,10})$/.exec(filename)?.[1]?.toLowerCase();
}

/** Images and PDF are shown in the browser; everything else is downloaded. */
export function isInlineType(mime: string): boolean {
  return mime.startsWith('image/') || mime === 'application/pdf';
}

/** Content-Disposition with the UTF-8 file name (RFC 6266 / 5987) and an ASCII fallback for old clients. */
export function contentDisposition(filename: string, inline: boolean): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const mib = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MiB`;
const typeError = (message: string, details: Record<string, unknown>) => new AppError('FILE_TYPE_NOT_ALLOWED', message, { path: 'body.file', ...details });

function typeList(allowed: readonly AllowedFileType[]): string {
  return allowed.map((t) => `${t.label} (${t.extensions.map((e) => `.${e}`).join(', ')})`).join('; ');
}

/** Picks the allowed type the content and the file name agree on, or says clearly why there is none. */
function matchType(detected: { ext: string; mime: string } | undefined, extension: string | undefined, allowed: readonly AllowedFileType[]): string {
  if (!detected) {
    throw typeError(`the type of this file could not be recognised from its content; allowed: ${typeList(allowed)}`, {
      detected: null,
      extension: extension ?? null,
    });
  }
  const candidates = allowed.filter((t) => t.sniffed === detected.ext);
  const details = { detected: detected.mime, detectedExtension: detected.ext, extension: extension ?? null };
  if (!candidates.length) {
    throw typeError(`files of type ${detected.mime} (.${detected.ext}) are not allowed; allowed: ${typeList(allowed)}`, details);
  }
  const match = candidates.find((t) => extension && t.extensions.includes(extension));
  if (!match) {
    const expected = candidates.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(' or ');
    const named = extension ? `its name ends in .${extension}` : 'its name has no extension';
    throw typeError(`the content of this file is a ${candidates[0]!.label} (${detected.mime}) but ${named}; expected ${expected}`, details);
  }
  return match.mime ?? detected.mime;
}

// Counts and hashes what passes, and fails as soon as the limit is passed (the pipeline then tears everything down).
function meter(maxBytes: number) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes)
        return done(new AppError('PAYLOAD_TOO_LARGE', `the file is larger than the limit of ${mib(maxBytes)}`, { path: 'body.file', maxBytes }));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

export class FileStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.root = join(dataDir, 'uploads');
    this.tmp = join(this.root, '.tmp');
  }

  /**
   * Writes the file to a temporary file, checking size and type. On any refusal nothing is left on disk.
   * A stream that its producer cut off at a limit (busboy sets `truncated`) counts as too large.
   */
  async stage(source: Readable | Buffer, filename: string, opts: StoreOptions): Promise<StagedFile> {
    const allowed = opts.allowed ?? DEFAULT_FILE_TYPES;
    const name = cleanFilename(filename);
    await mkdir(this.tmp, { recursive: true, mode: 0o700 });
    const tempPath = join(this.tmp, `${randomUUID()}.part`);
    const input = Buffer.isBuffer(source) ? Readable.from(source) : source;
    const m = meter(opts.maxBytes);
    try {
      await pipeline(input, m.stream, createWriteStream(tempPath, { mode: 0o600, flags: 'wx' }));
      if ((input as Readable & { truncated?: boolean }).truncated) {
        throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than the limit of ${mib(opts.maxBytes)}`, { path: 'body.file', maxBytes: opts.maxBytes });
      }
      const { size, sha256 } = m.result();
      if (size === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty', [{ path: 'body.file', message: 'the file is empty' }]);
      const mime = matchType(await fileTypeFromFile(tempPath), extensionOf(name), allowed);
      let finalPath: string | undefined;
      return {
        filename: name,
        size,
        sha256,
        mime,
        commit: async () => {
          if (finalPath) throw new Error('staged file already committed');
          const now = this.clock.now();
          const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
          const target = this.pathOf(key);
          await mkdir(join(target, '..'), { recursive: true, mode: 0o700 });
          await rename(tempPath, target);
          finalPath = target;
          return key;
        },
        discard: () => rm(finalPath ?? tempPath, { force: true }),
      };
    } catch (err) {
      await rm(tempPath, { force: true });
      throw err;
    }
  }

  /** stage() and commit() in one. */
  async save(source: Readable | Buffer, filename: string, opts: StoreOptions): Promise<StoredFile> {
    const staged = await this.stage(source, filename, opts);
    const storageKey = await staged.commit();
    const { commit: _c, discard: _d, ...file } = staged;
    return { storageKey, ...file };
  }

  /** Removes a stored file. Only for a file no record refers to (its insert failed): deleted records keep theirs. */
  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  /** The stored bytes as a stream; NOT_FOUND when the file is missing on disk. */
  async open(storageKey: string): Promise<{ stream: Readable; size: number }> {
    const path = this.pathOf(storageKey);
    try {
      const s = await stat(path);
      return { stream: createReadStream(path), size: s.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', 'the stored file is missing');
      throw err;
    }
  }

  private pathOf(storageKey: string): string {
    // Keys come from this class only; a key of another shape (a tampered row) must not reach the file system.
    if (!KEY_PATTERN.test(storageKey)) throw new Error(`invalid storage key ${JSON.stringify(storageKey)}`);
    return join(this.root, ...storageKey.split('/'));
  }
}
