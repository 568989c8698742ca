// Serialised answers of hot read routes, kept per instance for a few seconds and dropped on every change.
//
// Correctness rests on three rules:
// - it is used only while the instance listens to the change feed (LISTEN zoneops_auth: the triggers of migrations
//   0003 and 0005 notify on every write to users, user_roles, roles, units, sessions and settings); when the feed is
//   down nothing is kept;
// - a notice, and every write through this instance (at its start and again at its end), bumps the generation and
//   drops every entry;
// - an answer is kept only if the generation did not move while it was computed, so a read that overlapped a write
//   never lands in the cache.
// Concurrent misses of one key in one generation share one computation (when an entry expires under load, twenty
// requests wait for one query instead of running twenty); a request that arrives after a change starts its own.
// Keys carry the user and the exact query, so data scope and masking are those of the asker.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from './access/principal.ts';
import { visibilityVersion } from './access/scope.ts';

export class ResponseCache {
  private readonly entries = new Map<string, { body: string; at: number }>();
  private readonly pending = new Map<string, { generation: number; body: Promise<string> }>();
  private generation = 0;
  private live = false;
  hits = 0;
  misses = 0;
  /** Misses answered by a computation already under way for the same key. */
  joined = 0;

  constructor(
    private readonly ttlMs = 10_000,
    private readonly max = 5_000,
  ) {}

  /** The cached body for key, or compute → serialise → keep (when nothing changed meanwhile). */
  async through<T>(key: string, compute: () => Promise<T>, serialise: (value: T) => string): Promise<string> {
    const hit = this.entries.get(key);
    if (hit && performance.now() - hit.at <= this.ttlMs) {
      this.hits++;
      return hit.body;
    }
    const generation = this.generation;
    const running = this.pending.get(key);
    if (running && running.generation === generation) {
      this.joined++;
      return running.body;
    }
    this.misses++;
    const body = (async () => serialise(await compute()))();
    const entry = { generation, body };
    this.pending.set(key, entry);
    try {
      const value = await body;
      if (this.live && generation === this.generation) {
        if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { body: value, at: performance.now() });
      }
      return value;
    } finally {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    }
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  setLive(live: boolean): void {
    this.live = live;
    this.invalidate();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Answers a read route from the cache. Only session principals are cached (an API token narrows its owner's rights,
 * so its answers are computed each time); the key holds the user, the set of visibility rules and the full URL.
 */
export async function sendCached<T>(
  cache: ResponseCache,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  schema: z.ZodType<T>,
  compute: () => Promise<T>,
): Promise<void> {
  const serialise = (value: T) => JSON.stringify(schema.parse(value));
  const body =
    principal.via === 'session'
      ? await cache.through(`${principal.userId} ${visibilityVersion()} ${request.url}`, compute, serialise)
      : serialise(await compute());
  // Sent here, before the handler resolves: the body is already JSON, so no serialiser runs again.
  reply.type('application/json; charset=utf-8').send(body);
}

/**
 * A route helper for cached reads: `cached(req, reply, schema, (p) => service.read(p, …))` answers from the cache for
 * the signed-in caller (see sendCached). Modules make one with their deps.
 */
export function cachedReads(cache: ResponseCache, principalOf: (request: FastifyRequest) => Principal) {
  return <S extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, schema: S, compute: (p: Principal) => Promise<z.infer<S>>) => {
    const p = principalOf(request);
    return sendCached(cache, request, reply, p, schema, () => compute(p));
  };
}
