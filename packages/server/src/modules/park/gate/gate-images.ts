// Gate images on disk under DATA_DIR/gate-images/YYYY/MM/DD/<uuid>.jpg, each written once under its final (new,
// unique) name, after the spool row that names it is committed (gate-intake.ts: the event is what must be durable
// before the answer; its images follow). Until written, or if a crash came first, the image reads as missing. Keys are
// generated here and checked on every read: a key of another shape never reaches the file system.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../platform/errors.ts';

const KEY = /^\d{4}\/\d{2}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jpg$/;

export class GateImages {
  readonly root: string;
  /** Directories known to exist (made once each; 200 images a second would otherwise cost 2 mkdir calls each). */
  private readonly made = new Map<string, Promise<unknown>>();

  constructor(dataDir: string) {
    this.root = join(dataDir, 'gate-images');
  }

  /** A new key for an image received at `at` (the file is written later by write()). */
  newKey(at: Date): string {
    return `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${String(at.getUTCDate()).padStart(2, '0')}/${randomUUID()}.jpg`;
  }

  /** Writes one JPEG (already sniffed) under its key. */
  async write(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await this.ensureDir(join(target, '..'));
    try {
      await writeFile(target, data, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        // the directory went away since it was made (removed by hand): make it again, once
        this.made.clear();
        await this.ensureDir(join(target, '..'));
        await writeFile(target, data, { mode: 0o600, flag: 'wx' });
      });
    } catch (err) {
      await rm(target, { force: true });
      throw err;
    }
  }

  private ensureDir(dir: string): Promise<unknown> {
    let made = this.made.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true, mode: 0o700 });
      // a failed mkdir is tried again next time
      made.catch(() => this.made.delete(dir));
      if (this.made.size > 64) this.made.clear();
      this.made.set(dir, made);
    }
    return made;
  }

  async open(key: string): Promise<{ stream: Readable; size: number }> {
    const path = this.pathOf(key);
    try {
      const s = await stat(path);
      return { stream: createReadStream(path), size: s.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', 'the stored image is missing');
      throw err;
    }
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid gate image key ${JSON.stringify(key)}`);
    return join(this.root, ...key.split('/'));
  }
}
