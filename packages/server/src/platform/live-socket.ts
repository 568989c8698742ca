// What every live page's WebSocket feed shares (safety/live-hub.ts, park/live-hub.ts); each module keeps its own
// messages and who sees what.
// - The socket's session (cookie) or API token (bearer) is taken from the upgrade request, and checked again every
//   minute without counting as activity: logged out, expired, disabled or no longer allowed → closed (4401 / 4403);
//   otherwise its principal (permissions, scope) is refreshed.
// - A ping every 30 s: a socket that did not answer the previous one is ended.
// - Back-pressure: a module holds back what can wait while a socket's send buffer is above the high-water mark
//   (`slow`); what must not be dropped goes through `broadcast`, which ends a socket whose buffer passes the hard
//   limit instead (the client reconnects and reloads).
// - Events heard from the database are delivered one after the other (`enqueue`, `drained`).
import type { WebSocket } from '@fastify/websocket';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './access/principal.ts';
import { authRepository } from './auth/auth.repository.ts';
import { actorOf } from './auth/auth.plugin.ts';
import { principalFromToken, toPrincipal } from './auth/principal.service.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import { parsePolicy } from './settings.repository.ts';

/** How a socket was authenticated: the session (its id, the sha256 of the cookie) or an API token (its secret). */
export type LiveCredential = { kind: 'session'; sessionId: string } | { kind: 'token'; secret: string };
export type RecheckResult = Principal | 'expired' | 'forbidden';

/** What a hub needs of a socket (liveSocketHandler adapts a `ws` WebSocket to it). */
export interface LiveSocket {
  readonly bufferedAmount: number;
  readonly open: boolean;
  send(data: string): void;
  ping(): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface LiveSocketLimits {
  /** Above this many buffered bytes what can wait is held back. */
  highWaterBytes: number;
  /** Above this many buffered bytes the socket is ended (what `broadcast` sends is never dropped). */
  hardLimitBytes: number;
  pingEveryMs: number;
  recheckEveryMs: number;
}

export const defaultLiveSocketLimits: LiveSocketLimits = {
  highWaterBytes: 256 * 1024,
  hardLimitBytes: 8 * 1024 * 1024,
  pingEveryMs: 30_000,
  recheckEveryMs: 60_000,
};

export interface LiveSocketParts {
  now(): Date;
  recheck(credential: LiveCredential): Promise<RecheckResult>;
  onError?(err: unknown, what: string): void;
}

interface ConnectionHost {
  remove(c: LiveSocketConnection): void;
  readonly parts: Pick<LiveSocketParts, 'onError'>;
}

/** One socket of a hub: its principal and credential, liveness, and a send that never throws. */
export abstract class LiveSocketConnection<H extends ConnectionHost = ConnectionHost> {
  alive = true;
  closed = false;

  constructor(
    protected readonly hub: H,
    readonly socket: LiveSocket,
    public principal: Principal,
    readonly credential: LiveCredential,
  ) {}

  /** A client message (null for binary frames). Never throws. */
  abstract receive(text: string | null): void;

  pong(): void {
    this.alive = true;
  }

  /** The socket is gone (closed by either side). */
  closedBySocket(): void {
    this.closed = true;
    this.hub.remove(this);
  }

  send(data: string): void {
    if (this.closed || !this.socket.open) return;
    try {
      this.socket.send(data);
    } catch (err) {
      this.hub.parts.onError?.(err, 'send');
    }
  }

  end(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.remove(this);
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  terminate(): void {
    this.closed = true;
    this.hub.remove(this);
    this.socket.terminate();
  }
}

/** The connection set, timers, pings, session re-checks, ordered delivery and the shared counters of a live hub. */
export abstract class LiveSocketHub<C extends LiveSocketConnection, P extends LiveSocketParts, L extends LiveSocketLimits> {
  protected readonly connections = new Set<C>();
  /** Counters every hub reports: client messages ignored, sockets ended (no pong, or too far behind). */
  protected readonly socketCounters = { invalidMessages: 0, ended: 0 };
  private queue: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private rechecking = false;

  protected constructor(
    readonly parts: P,
    readonly limits: L,
  ) {}

  /** Starts the timers of pings and session checks (a hub adds its own with `every`). */
  start(): void {
    this.every(this.limits.pingEveryMs, () => this.heartbeat());
    this.every(this.limits.recheckEveryMs, () => this.recheckAll());
  }

  protected every(ms: number, run: () => unknown): void {
    const t = setInterval(() => {
      try {
        const r = run();
        if (r instanceof Promise) r.catch((err: unknown) => this.parts.onError?.(err, 'timer'));
      } catch (err) {
        this.parts.onError?.(err, 'timer');
      }
    }, ms);
    t.unref();
    this.timers.push(t);
  }

  /** Stops the timers and closes every socket (going away). */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const c of [...this.connections]) c.end(1001, 'server shutting down');
  }

  /** Adds a new socket's connection and greets it at once. */
  protected add(c: C): C {
    this.connections.add(c);
    c.send(JSON.stringify({ type: 'hello', at: this.parts.now().toISOString() }));
    return c;
  }

  remove(c: LiveSocketConnection): void {
    this.connections.delete(c as C);
  }

  countInvalid(): void {
    this.socketCounters.invalidMessages++;
  }

  /** Whether a socket is too far behind for what can wait. */
  protected slow(c: C): boolean {
    return c.socket.bufferedAmount > this.limits.highWaterBytes;
  }

  /** Sends a message that is never dropped to every open socket `to` accepts; one past the hard limit is ended. */
  protected broadcast(message: string, to: (c: C) => boolean): number {
    let sent = 0;
    for (const c of [...this.connections]) {
      if (c.closed || !to(c)) continue;
      if (c.socket.bufferedAmount > this.limits.hardLimitBytes) {
        // a client this far behind cannot catch up; it reconnects and reloads
        this.socketCounters.ended++;
        c.terminate();
        continue;
      }
      c.send(message);
      sent++;
    }
    return sent;
  }

  /** Runs `deliver` after everything enqueued before it (in the order events came), whether that failed or not. */
  protected enqueue(deliver: () => unknown, what: string): void {
    this.queue = this.queue.then(
      async () => {
        await deliver();
      },
      async () => {
        await deliver();
      },
    );
    this.queue.catch((err: unknown) => this.parts.onError?.(err, what));
  }

  /** Resolves when every event heard so far has been delivered. */
  drained(): Promise<void> {
    return this.queue.catch(() => undefined);
  }

  /** Pings every socket; one that did not answer the previous ping is ended. */
  heartbeat(): void {
    for (const c of [...this.connections]) {
      if (!c.alive) {
        this.socketCounters.ended++;
        c.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.socket.ping();
      } catch {
        c.terminate();
      }
    }
  }

  /** After a socket's principal was refreshed by a re-check (its scope may have narrowed). */
  protected async rechecked(_c: C): Promise<void> {}

  /** Checks every socket's session again (one at a time). */
  async recheckAll(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      for (const c of [...this.connections]) {
        if (c.closed) continue;
        let result: RecheckResult;
        try {
          result = await this.parts.recheck(c.credential);
        } catch (err) {
          // the database is unreachable: keep the socket, try again next time
          this.parts.onError?.(err, 'recheck');
          continue;
        }
        if (result === 'expired') c.end(4401, 'session expired');
        else if (result === 'forbidden') c.end(4403, 'forbidden');
        else {
          c.principal = result;
          await this.rechecked(c);
        }
      }
    } finally {
      this.rechecking = false;
    }
  }
}

/** The session or token behind a socket, checked again without counting as activity; `allowed` says who may stay. */
export async function recheckLiveCredential(
  deps: Pick<Deps, 'db' | 'clock'>,
  credential: LiveCredential,
  allowed: (p: Principal) => boolean,
): Promise<RecheckResult> {
  let p: Principal;
  if (credential.kind === 'token') {
    try {
      p = await principalFromToken(deps.db, deps.clock, credential.secret);
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') return 'expired';
      throw err;
    }
  } else {
    const row = await authRepository.findPrincipalBySession(deps.db, credential.sessionId);
    if (!row || row.status !== 'active' || !row.lastSeenAt) return 'expired';
    const idleMs = parsePolicy(row.policy).idleTimeoutMinutes * 60_000;
    if (deps.clock.now().getTime() - new Date(row.lastSeenAt).getTime() > idleMs) return 'expired';
    p = toPrincipal(row, 'session');
  }
  if (p.sessionState !== 'full' || !allowed(p)) return 'forbidden';
  return p;
}

/**
 * The onResponse hook of a live route: a refused upgrade (401 / 403, answered by the auth hook before
 * @fastify/websocket's own hook ran) would leave its socket open, so it is ended once the refusal is sent.
 */
export function endRefusedUpgrade(req: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  if (req.headers.upgrade) req.raw.socket?.destroy();
  done();
}

/** The credential of an upgrade request's principal: its bearer API token, else its session. */
export function liveCredentialOf(req: FastifyRequest, principal: Principal): LiveCredential {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return principal.via === 'token' && bearer ? { kind: 'token', secret: bearer } : { kind: 'session', sessionId: principal.sessionId ?? '' };
}

/**
 * The WebSocket handler of a live route: adapts the socket, hands it to `accept` with the request's principal and
 * credential, and passes on messages (text, or null for binary frames), pongs and the close.
 */
export function liveSocketHandler(
  accept: (socket: LiveSocket, principal: Principal, credential: LiveCredential) => LiveSocketConnection,
): (socket: WebSocket, req: FastifyRequest) => void {
  return (socket, req) => {
    const principal = actorOf(req);
    const conn = accept(
      {
        get bufferedAmount() {
          return socket.bufferedAmount;
        },
        get open() {
          return socket.readyState === socket.OPEN;
        },
        send: (data) => socket.send(data),
        ping: () => socket.ping(),
        close: (code, reason) => socket.close(code, reason),
        terminate: () => socket.terminate(),
      },
      principal,
      liveCredentialOf(req, principal),
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary) return conn.receive(null);
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      conn.receive(bytes.toString('utf8'));
    });
    socket.on('pong', () => conn.pong());
    socket.on('close', () => conn.closedBySocket());
  };
}
