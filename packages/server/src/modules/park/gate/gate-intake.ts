// The gate's front door: devices and the platform post with the gate token in the path (they cannot log in). A post
// is read whole (at most GATE_MAX_BYTES), parsed, and its events inserted into the spool (ON CONFLICT (dedup_key) DO
// NOTHING) — only then is it answered 200, so an acknowledged event is never lost; the processor runs after the
// answer. Posts arriving together share one spool insert and commit (group commit); each is answered once its group is
// committed; its images are written after the answer (a duplicate's never). Refusals are counted per sender and reason
// in ingest_rejections (channel 'gate'), written about once a second, not one statement per bad request.
// The front door (post, counting, group commit, image write-behind) runs over a GateBackend: the database directly,
// in the main thread and in the gate thread on PostgreSQL (gate-thread.ts), or the main thread's database by message
// from the gate thread on PGlite (gate-thread-host.ts).
import { randomBytes } from 'node:crypto';
import type { GateIntakeResult, GateRejectReason, GateTokenIssued, GateTokenStatus } from '@zoneops/shared';
import { z } from 'zod';
import { telemetryRepository, type RejectionDelta } from '../../../ingest/telemetry.repository.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { safeEqual, sha256 } from '../../../platform/auth/tokens.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { DbOrTx } from '../../../platform/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, forbidden } from '../../../platform/errors.ts';
import { settingsRepository } from '../../../platform/settings.repository.ts';
import { GateImages } from './gate-images.ts';
import { GateParseError, parseIsapiPost, parsePlatformPost, type ParsedGatePost } from './gate-parse.ts';
import { gateRepository as repo, type SpoolInsert, type SpoolPayload } from './gate.repository.ts';
import { GroupCommit } from './group-commit.ts';

export const GATE_TOKEN_SETTING = 'park.gateToken';
const TOKEN_PREFIX = 'zsg_';
/** How long an instance trusts the token hash it read (a rotation on another instance is seen within this time). */
const TOKEN_CACHE_MS = 5_000;
const FLUSH_MS = 1_000;
/** How long the first post of a group waits for others (while a group is in flight, the next one collects anyway). */
const GROUP_MS = 2;
/** Spool groups committing at once (a stalled commit does not hold up the posts behind it). */
const SPOOL_LANES = 3;
/** Image bytes waiting to be written before posts wait for their own. */
const MAX_BEHIND_BYTES = 64 * 1024 * 1024;

const tokenSettingSchema = z.object({ hash: z.string(), hint: z.string(), issuedAt: z.string() });
export type TokenSetting = z.infer<typeof tokenSettingSchema>;

/** Stores a gate token's hash without a person's act (demo seeding, the bench): the token itself is the caller's. */
export async function saveGateToken(db: Deps['db'], token: string, at: Date): Promise<void> {
  await settingsRepository.save(db, GATE_TOKEN_SETTING, { hash: sha256(token), hint: token.slice(-4), issuedAt: at.toISOString() } satisfies TokenSetting);
}

/** What the front door stores and reads: the token's hash, spool rows, rejection counts. */
export interface GateBackend {
  tokenSetting(): Promise<TokenSetting | null>;
  /** Inserts spool rows (ON CONFLICT (dedup_key) DO NOTHING) in one statement; the keys inserted. */
  spool(rows: readonly SpoolInsert[]): Promise<Set<string>>;
  addRejections(rows: readonly RejectionDelta[]): Promise<void>;
}

export function dbGateBackend(db: DbOrTx): GateBackend {
  return {
    tokenSetting: () => settingsRepository.find<TokenSetting | null>(db, GATE_TOKEN_SETTING, tokenSettingSchema, null),
    spool: (rows) => repo.spool(db, rows),
    addRejections: (rows) => telemetryRepository.addRejections(db, rows),
  };
}

/** Where device posts arrive: the main HTTP port's /api/gate routes and the gate thread's own port. */
export interface GateFrontDoor {
  post(
    channel: 'isapi' | 'platform',
    token: string,
    body: Buffer | undefined,
    contentType: string | undefined,
    remote: string | null,
  ): Promise<GateIntakeResult>;
  /** A body over the limit (refused by the body parser before the handler). */
  countTooLarge(token: string, remote: string | null, length: number | null): Promise<void>;
  /** Drops the cached token hash (after a rotation). */
  forgetToken(): void;
  images: GateImages;
  /** Writes the counted rejections now (tests; stop()). */
  flush(): Promise<void>;
  /** Resolves when every image of an answered post is on disk. */
  imagesWritten(): Promise<void>;
  stop(): Promise<void>;
}

export interface GateFrontDoorEnv {
  backend: GateBackend;
  clock: Clock;
  log: Pick<Deps['log'], 'error'>;
  dataDir: string;
  limits: Deps['config']['gate'];
}

export interface GateIntake extends GateFrontDoor {
  tokenStatus(): Promise<GateTokenStatus>;
  rotateToken(ctx: RequestContext, p: Principal): Promise<GateTokenIssued>;
}

/** The main thread's intake: the front door over the database, and the token's issue. */
export function createGateIntake(deps: Deps, onStored: () => void, onTokenRotated: () => void = () => undefined): GateIntake {
  const { db, clock, config, audit } = deps;
  const backend = dbGateBackend(db);
  const door = createGateFrontDoor({ backend, clock, log: deps.log, dataDir: config.dataDir, limits: config.gate }, onStored);
  return {
    ...door,
    async tokenStatus() {
      const s = await backend.tokenSetting();
      return { configured: !!s, hint: s?.hint ?? null, issuedAt: s?.issuedAt ?? null };
    },
    async rotateToken(ctx, p) {
      if (!p.permissions.has('park.manage')) throw forbidden('issuing the gate token needs park.manage');
      const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
      const issuedAt = clock.now().toISOString();
      const value: TokenSetting = { hash: sha256(token), hint: token.slice(-4), issuedAt };
      await db.transaction(async (tx) => {
        await settingsRepository.save(tx, GATE_TOKEN_SETTING, value);
        await audit.record(tx, ctx, {
          action: 'park.gateToken.rotate',
          entityType: 'setting',
          entityId: GATE_TOKEN_SETTING,
          diff: { hint: value.hint, issuedAt },
        });
      });
      door.forgetToken();
      onTokenRotated();
      return { token, isapiPath: `/api/gate/${token}/isapi`, platformPath: `/api/gate/${token}/platform`, issuedAt };
    },
  };
}

export function createGateFrontDoor(env: GateFrontDoorEnv, onStored: () => void): GateFrontDoor {
  const { backend, clock, log, limits } = env;
  const images = new GateImages(env.dataDir);
  let cached: { at: number; value: TokenSetting | null } | null = null;
  const pending = new Map<string, RejectionDelta>();
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  async function tokenSetting(): Promise<TokenSetting | null> {
    const now = Date.now();
    if (cached && now - cached.at < TOKEN_CACHE_MS) return cached.value;
    const value = await backend.tokenSetting();
    cached = { at: now, value };
    return value;
  }

  async function tokenValid(token: string): Promise<boolean> {
    const s = await tokenSetting();
    return !!s && token.length <= 200 && safeEqual(sha256(token), s.hash);
  }

  function count(senderKey: string, reason: GateRejectReason, detail: string | null, n = 1): void {
    const now = clock.now().getTime();
    const key = `gate:${senderKey}`.slice(0, 200);
    const k = `${key}\u0000${reason}`;
    const r = pending.get(k);
    if (r) {
      r.count += n;
      r.lastAt = now;
      if (detail !== null) r.lastDetail = detail.slice(0, 500);
    } else
      pending.set(k, {
        senderKey: key,
        deviceId: null,
        channel: 'gate',
        reason,
        count: n,
        firstAt: now,
        lastAt: now,
        lastDetail: detail?.slice(0, 500) ?? null,
      });
    if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        void flush();
      }, FLUSH_MS);
      timer.unref();
    }
  }

  function flush(): Promise<void> {
    writing = writing.then(async () => {
      if (!pending.size) return;
      const rows = [...pending.values()];
      pending.clear();
      await backend.addRejections(rows).catch((err: unknown) => log.error({ err }, 'gate rejections not written'));
    });
    return writing;
  }

  // Group commit (group-commit.ts): the spool rows of posts arriving together are one INSERT … ON CONFLICT (dedup_key)
  // DO NOTHING RETURNING and one commit. Within a group, a dedup key belongs to the first post that has it (a later post
  // with the same key is its duplicate).
  const spoolGroup = new GroupCommit<SpoolInsert[], Set<string>>(
    async (posts) => {
      const owner = new Map<string, number>();
      const all: SpoolInsert[] = [];
      posts.forEach((rows, i) => {
        for (const r of rows) {
          const o = owner.get(r.dedupKey);
          if (o === undefined) {
            owner.set(r.dedupKey, i);
            all.push(r);
          }
        }
      });
      const inserted = await backend.spool(all);
      // The processor is kicked once per committed group.
      if (inserted.size) onStored();
      const out = posts.map(() => new Set<string>());
      for (const k of inserted) out[owner.get(k)!]!.add(k);
      return out;
    },
    GROUP_MS,
    500,
    SPOOL_LANES,
  );

  const ipKey = (remote: string | null) => `ip:${remote ?? 'unknown'}`;

  async function store(parsed: ParsedGatePost, remote: string | null): Promise<GateIntakeResult> {
    const receivedAt = clock.now();
    for (const u of parsed.unsupported) count(u.senderKey, 'unsupportedEvent', u.eventType);
    const result: GateIntakeResult = { ok: true, stored: 0, duplicates: 0, unsupported: parsed.unsupported.length };
    if (!parsed.events.length) return result;
    const senderOf = (keys: readonly string[]) => (keys[0] ? `dev:${keys[0]}` : ipKey(remote));

    // ISAPI: one event with its images. The event is spooled first; its images are written once it is stored (a
    // replay's never are).
    const dropped: SpoolPayload['droppedImages'] = parsed.notJpeg.map((n) => ({ name: n.name, reason: 'notJpeg' as const, bytes: n.bytes }));
    const keep: { key: string; data: Buffer }[] = [];
    if (parsed.images.length || dropped.length) {
      for (const img of parsed.images) {
        if (img.data.length > limits.maxImageBytes) dropped.push({ name: img.name, reason: 'tooLarge', bytes: img.data.length });
        else keep.push({ key: images.newKey(receivedAt), data: img.data });
      }
      for (const d of dropped) count(senderOf(parsed.events[0]!.deviceKeys), 'imageDropped', `${d.name}: ${d.reason} (${d.bytes} bytes)`);
    }
    const rows = parsed.events.map((e) => ({
      source: e.source,
      dedupKey: e.dedupKey,
      receivedAt,
      remoteAddr: remote,
      payload: { ...e, droppedImages: parsed.events.length === 1 ? dropped : [] },
      images: parsed.events.length === 1 ? keep.map((k) => k.key) : [],
    }));
    // Answered once the group holding these rows is committed.
    const inserted = await spoolGroup.submit(rows);
    for (const e of parsed.events) {
      if (inserted.has(e.dedupKey)) result.stored++;
      else {
        result.duplicates++;
        count(senderOf(e.deviceKeys), 'duplicate', e.dedupKey);
      }
    }
    if (keep.length && inserted.size) await writeBehind(keep);
    return result;
  }

  // Images are written after the answer (the disk is shared with the database: a file create can wait for its journal
  // several milliseconds, and the answer should not). Their bytes wait in memory meanwhile, at most MAX_BEHIND_BYTES:
  // past that, a post is answered only once its own images are written.
  const behind = new Set<Promise<void>>();
  let behindBytes = 0;
  function writeBehind(list: { key: string; data: Buffer }[]): Promise<void> | undefined {
    const bytes = list.reduce((n, i) => n + i.data.length, 0);
    behindBytes += bytes;
    const done = Promise.allSettled(list.map((i) => images.write(i.key, i.data))).then((res) => {
      behindBytes -= bytes;
      behind.delete(done);
      for (const r of res) if (r.status === 'rejected') log.error({ err: r.reason as unknown }, 'a gate image could not be written: it reads as missing');
    });
    behind.add(done);
    return behindBytes > MAX_BEHIND_BYTES ? done : undefined;
  }

  return {
    images,
    flush,
    forgetToken() {
      cached = null;
    },
    async imagesWritten() {
      while (behind.size) await Promise.all([...behind]);
    },
    async post(channel, token, body, contentType, remote) {
      if (!(await tokenValid(token))) {
        count(ipKey(remote), 'unknownToken', `token …${token.slice(-4)}`);
        throw new AppError('UNAUTHENTICATED', 'unknown gate token');
      }
      let parsed: ParsedGatePost;
      try {
        const buf = body ?? Buffer.alloc(0);
        parsed = channel === 'isapi' ? parseIsapiPost(buf, contentType, remote) : parsePlatformPost(buf);
      } catch (err) {
        if (!(err instanceof GateParseError)) throw err;
        count(ipKey(remote), 'invalid', err.message);
        throw new AppError('GATE_EVENT_INVALID', err.message);
      }
      return store(parsed, remote);
    },
    async countTooLarge(token, remote, length) {
      const known = await tokenValid(token).catch(() => false);
      count(ipKey(remote), known ? 'tooLarge' : 'unknownToken', length !== null ? `${length} bytes` : null);
    },
    async stop() {
      while (behind.size) await Promise.all([...behind]);
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
    },
  };
}
