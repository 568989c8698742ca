// The JT/T 808 TCP server (2011, 2013, 2019). Per connection the byte stream is split into frames across chunks
// (splitter.ts, bounded), each frame decoded (codec.ts) and handled in order:
// - 0x0100 register → 0x8100 with the auth code (the terminal is created or updated, and bound to the vehicle with
//   its plate when unbound); a plate that is not GBK → 0x8100 result 2; a revoked terminal → result 4;
// - 0x0102 authenticate (the code issued at registration) → 0x8001; 0x0002 heartbeat → 0x8001; 0x0003 deregister;
// - 0x0200 location and 0x0704 batch → stored, and the 0x8001 is sent only after the commit (result 0); refused
//   from a connection that has not authenticated (result 1, counted, not stored); implausible positions are counted
//   and answered result 2 (message error), so the terminal does not send them again;
// - 0x0001 terminal general answer: consumed; anything else (and subpackaged or encrypted messages) → 0x8001 result 3
//   "not supported" and kept raw (bounded per connection and per terminal).
// A frame that fails its checks is counted (per terminal when its phone number could be read, else per peer
// address) and answered result 2 when its header could be read; the connection goes on. It is closed only when it
// cannot resynchronise: MAX_BAD_IN_A_ROW bad frames without a good one, or MAX_GARBAGE bytes outside any frame, or
// no complete frame for `idleMs`, or an unfinished frame held for `partialMs`.
import type { FastifyBaseLogger } from 'fastify';
import type { StoredPosition } from '../../modules/park/contracts.ts';
import type { PositionPipeline } from '../positions/pipeline.ts';
import type { PositionRejectReason, PositionTallies } from '../positions/tallies.ts';
import type { TerminalDef, TerminalDirectory } from '../positions/terminals.ts';
import {
  MSG,
  REGISTER_RESULT,
  RESULT,
  STATUS,
  decodeAuthenticate,
  decodeBatch,
  decodeFrame,
  decodeLocation,
  decodeRegister,
  encodeFrame,
  generalAnswerBody,
  hex4,
  identifierOf,
  registerAnswerBody,
  type Jt808Frame,
  type LocationBody,
  type RegisterBody,
} from './codec.ts';
import { startSocketHost, type HostedSocket } from './socket-host.ts';
import { FrameSplitter } from './splitter.ts';

export const JT808_TIMEOUTS = {
  /** No complete frame for this long (terminals heartbeat every minute or so): the connection is closed. */
  idleMs: 10 * 60_000,
  /** An unfinished frame held this long: the connection is closed. */
  partialMs: 60_000,
};

const MAX_BAD_IN_A_ROW = 50;
const MAX_GARBAGE = 64 * 1024;
/** Unsupported messages kept raw per connection (the rest are answered and counted only). */
const RAW_PER_CONNECTION = 20;
/** Frames waiting behind a registration. */
const MAX_WAITING = 1_000;

/** A location as the terminal reported it, before the platform's checks. */
export interface Jt808Location extends LocationBody {
  fixed: boolean;
}

export interface Jt808Parts {
  terminals: TerminalDirectory;
  pipeline: PositionPipeline;
  tallies: PositionTallies;
  log: FastifyBaseLogger;
  now: () => number;
  maxBody: number;
  /** Checks the locations of an authenticated terminal; answers the rows to store (refusals are counted). */
  prepare(t: TerminalDef, locations: readonly Jt808Location[]): { rows: StoredPosition[]; refused: number };
  /** Creates or updates the terminal of a registration; null when it is revoked. */
  register(identifier: string, reg: RegisterBody): Promise<TerminalDef | null>;
  keepRaw(identifier: string, msgId: number, frameHex: string): void;
  timeouts?: Partial<typeof JT808_TIMEOUTS>;
}

export interface Jt808Server {
  port: number;
  connections(): number;
  /** Connections whose terminal has authenticated. */
  authenticated(): number;
  counters: { frames: number; unsupported: number };
  stopAccepting(): void;
  close(): Promise<void>;
}

export async function startJt808Server(port: number, host: string, parts: Jt808Parts): Promise<Jt808Server> {
  const timeouts = { ...JT808_TIMEOUTS, ...parts.timeouts };
  const authed = new Set<HostedSocket>();
  const counters = { frames: 0, unsupported: 0 };
  /** Once closing, connections read nothing more (nothing is enqueued after the last flush of stop()). */
  const state = { closing: false };
  // The sockets live in their own thread (socket-host.ts); the protocol is handled here.
  const sockets = await startSocketHost(
    port,
    host,
    (socket) => {
      if (state.closing) {
        socket.destroy();
        return;
      }
      socket.once('close', () => authed.delete(socket));
      handleConnection(socket, parts, timeouts, counters, state, (on) => (on ? authed.add(socket) : authed.delete(socket)));
    },
    parts.log,
  );
  return {
    port: sockets.port,
    connections: () => sockets.connections(),
    authenticated: () => authed.size,
    counters,
    stopAccepting() {
      state.closing = true;
      sockets.stopAccepting();
    },
    async close() {
      state.closing = true;
      await sockets.close(50);
    },
  };
}

function handleConnection(
  socket: HostedSocket,
  parts: Jt808Parts,
  timeouts: typeof JT808_TIMEOUTS,
  counters: { frames: number; unsupported: number },
  state: { readonly closing: boolean },
  markAuthed: (on: boolean) => void,
): void {
  const { terminals, pipeline, tallies } = parts;
  const ip = `ip:${socket.remoteAddress ?? 'unknown'}`;
  const splitter = new FrameSplitter(parts.maxBody * 2 + 64);
  /** The identifier this connection spoke for last, and the one that authenticated. */
  let identifier: string | null = null;
  let authenticated: string | null = null;
  let serial = 0;
  let badInARow = 0;
  let garbage = 0;
  let rawKept = 0;
  /** While a registration is written, later frames wait (in order). */
  let busy = false;
  const waiting: { f: Jt808Frame; inner: Buffer }[] = [];

  const senderKey = () => (identifier ? `jt808:${identifier}` : ip);
  const reject = (reason: PositionRejectReason, detail: string) => tallies.reject(senderKey(), 'jt808', reason, detail);

  let idle: NodeJS.Timeout | null = null;
  let partial: NodeJS.Timeout | null = null;
  const close = (reason: PositionRejectReason | null, detail: string) => {
    if (reason) reject(reason, detail);
    socket.destroy();
  };
  const armIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => close('slowClient', `no complete frame for ${Math.round(timeouts.idleMs / 1000)} s`), timeouts.idleMs);
    idle.unref();
  };
  armIdle();
  socket.once('close', () => {
    if (idle) clearTimeout(idle);
    if (partial) clearTimeout(partial);
  });

  const send = (msgId: number, body: Buffer, to: { phoneBcd: string; is2019: boolean; protocolVersion?: number | null }) => {
    if (socket.destroyed || !socket.writable) return;
    serial = (serial + 1) & 0xffff;
    socket.write(encodeFrame({ msgId, phone: to.phoneBcd, serial, body, is2019: to.is2019, protocolVersion: to.protocolVersion ?? 1 }));
  };
  const answer = (f: Jt808Frame, result: number) => send(MSG.platformAnswer, generalAnswerBody(f.header.serial, f.header.msgId, result), f.header);

  socket.on('data', (chunk: Buffer) => {
    if (state.closing) return;
    let events;
    try {
      events = splitter.push(chunk);
    } catch (err) {
      parts.log.error({ err }, 'JT/T 808 splitter failed');
      close('malformed', 'unreadable stream');
      return;
    }
    let complete = false;
    for (const e of events) {
      if (socket.destroyed) return;
      if (e.kind === 'garbage') {
        garbage += e.bytes;
        reject('garbage', `${e.bytes} bytes outside any frame: ${e.head}`);
        if (garbage > MAX_GARBAGE) return close(null, '');
        continue;
      }
      complete = true;
      if (e.kind === 'oversize') {
        reject('oversize', `a frame of more than ${e.bytes} bytes`);
        if (++badInARow >= MAX_BAD_IN_A_ROW) return close(null, '');
        continue;
      }
      counters.frames++;
      try {
        onFrame(e.inner);
      } catch (err) {
        // Never a crash: a handler bug costs this frame only.
        parts.log.error({ err }, 'JT/T 808 frame handling failed');
        reject('malformed', `frame ${e.inner.subarray(0, 16).toString('hex')}… could not be handled`);
      }
    }
    if (complete) armIdle();
    if (splitter.inFrame) {
      partial ??= setTimeout(() => close('slowClient', `an unfinished frame for ${Math.round(timeouts.partialMs / 1000)} s`), timeouts.partialMs);
      partial.unref();
    } else if (partial) {
      clearTimeout(partial);
      partial = null;
    }
  });

  function onFrame(inner: Buffer): void {
    const d = decodeFrame(inner, parts.maxBody);
    if (!d.ok) {
      if (d.phoneBcd) identifier = identifierOf(d.phoneBcd);
      reject(d.problem, d.detail);
      if (d.msgId !== null && d.phoneBcd !== null && d.serial !== undefined && d.msgId < 0x8000) {
        send(MSG.platformAnswer, generalAnswerBody(d.serial, d.msgId, RESULT.badMessage), { phoneBcd: d.phoneBcd, is2019: d.is2019 ?? false });
      }
      if (++badInARow >= MAX_BAD_IN_A_ROW) close(null, '');
      return;
    }
    badInARow = 0;
    garbage = 0;
    identifier = identifierOf(d.frame.header.phoneBcd);
    if (busy) {
      if (waiting.length >= MAX_WAITING) {
        reject('overloaded', 'too many frames behind a registration');
        return;
      }
      waiting.push({ f: d.frame, inner });
      return;
    }
    handle(d.frame, inner);
  }

  function drain(): void {
    busy = false;
    while (!busy && waiting.length && !socket.destroyed) {
      try {
        const w = waiting.shift()!;
        handle(w.f, w.inner);
      } catch (err) {
        parts.log.error({ err }, 'JT/T 808 frame handling failed');
      }
    }
  }

  function handle(f: Jt808Frame, inner: Buffer): void {
    // Closing: not answered, so the terminal sends it again after the restart.
    if (state.closing) return;
    const h = f.header;
    const id = identifierOf(h.phoneBcd);
    if (h.subpackage || h.encryption !== 0) return unsupported(f, id, inner);
    switch (h.msgId) {
      case MSG.register:
        return onRegister(f, id);
      case MSG.authenticate:
        return onAuthenticate(f, id);
      case MSG.heartbeat: {
        const t = authenticated === id ? terminals.get('jt808', id) : undefined;
        if (t) tallies.seen(t.id, parts.now());
        return answer(f, RESULT.ok);
      }
      case MSG.deregister:
        if (authenticated === id) {
          authenticated = null;
          markAuthed(false);
        }
        return answer(f, RESULT.ok);
      case MSG.terminalAnswer:
        return;
      case MSG.location:
      case MSG.batch:
        return onLocations(f, id);
      default:
        return unsupported(f, id, inner);
    }
  }

  function unsupported(f: Jt808Frame, id: string, inner: Buffer): void {
    counters.unsupported++;
    answer(f, RESULT.unsupported);
    if (rawKept < RAW_PER_CONNECTION) {
      rawKept++;
      parts.keepRaw(id, f.header.msgId, `7e${inner.subarray(0, 4096).toString('hex')}7e`);
    }
  }

  function onRegister(f: Jt808Frame, id: string): void {
    const reply = (result: number, code: string | null) => send(MSG.registerAnswer, registerAnswerBody(f.header.serial, result, code), f.header);
    const known = terminals.get('jt808', id);
    if (known?.revoked) {
      reject('revoked', `terminal ${id} is revoked`);
      return reply(REGISTER_RESULT.noTerminal, null);
    }
    const reg = decodeRegister(f.body, f.header.is2019);
    if (!reg.ok) {
      reject(reg.problem === 'badGbk' ? 'badGbk' : 'truncated', reg.detail);
      return reply(reg.problem === 'badGbk' ? REGISTER_RESULT.noVehicle : REGISTER_RESULT.noTerminal, null);
    }
    busy = true;
    parts.register(id, reg.value).then(
      (t) => {
        if (!t) {
          reject('revoked', `terminal ${id} is revoked`);
          reply(REGISTER_RESULT.noTerminal, null);
        } else reply(REGISTER_RESULT.ok, t.authCode);
        drain();
      },
      (err: unknown) => {
        // Not answered: the terminal registers again.
        parts.log.error({ err }, 'JT/T 808 registration not written');
        drain();
      },
    );
  }

  function onAuthenticate(f: Jt808Frame, id: string, retried = false): void {
    const t = terminals.get('jt808', id);
    if (!t && !retried) {
      // Perhaps registered on another instance a moment ago: look again (rate-limited), later frames wait.
      busy = true;
      terminals.refresh().then(
        () => {
          onAuthenticate(f, id, true);
          drain();
        },
        (err: unknown) => {
          parts.log.error({ err }, 'position terminals reload failed');
          onAuthenticate(f, id, true);
          drain();
        },
      );
      return;
    }
    const fail = (reason: PositionRejectReason, detail: string) => {
      reject(reason, detail);
      answer(f, RESULT.failure);
    };
    if (!t) return fail('notRegistered', `terminal ${id} has not registered`);
    if (t.revoked) return fail('revoked', `terminal ${id} is revoked`);
    const a = decodeAuthenticate(f.body, f.header.is2019);
    if (!a.ok) return fail('truncated', a.detail);
    if (!t.authCode || a.value.authCode !== t.authCode) return fail('badAuthCode', `terminal ${id} sent a wrong auth code`);
    authenticated = id;
    markAuthed(true);
    tallies.seen(t.id, parts.now());
    answer(f, RESULT.ok);
  }

  function onLocations(f: Jt808Frame, id: string): void {
    const t = terminals.get('jt808', id);
    if (!t || t.revoked || authenticated !== id) {
      const reason: PositionRejectReason = !t ? 'notRegistered' : t.revoked ? 'revoked' : 'notAuthenticated';
      reject(reason, `location 0x${hex4(f.header.msgId)} from terminal ${id} (${reason})`);
      return answer(f, RESULT.failure);
    }
    const locations: Jt808Location[] = [];
    let bad = 0;
    const take = (r: ReturnType<typeof decodeLocation>) => {
      if (r.ok) locations.push({ ...r.value, fixed: (r.value.status & STATUS.fixed) !== 0 });
      else {
        bad++;
        reject(r.problem === 'badTimestamp' ? 'badTimestamp' : 'truncated', r.detail);
      }
    };
    if (f.header.msgId === MSG.location) take(decodeLocation(f.body));
    else {
      const b = decodeBatch(f.body);
      if (!b.ok) {
        reject('truncated', b.detail);
        return answer(f, RESULT.badMessage);
      }
      for (const item of b.value.items) take(item);
    }
    const { rows, refused } = parts.prepare(t, locations);
    if (!rows.length) return answer(f, bad + refused > 0 ? RESULT.badMessage : RESULT.ok);
    pipeline.enqueue(rows, (err) => {
      if (err) return answer(f, RESULT.failure);
      answer(f, RESULT.ok);
    });
  }
}
