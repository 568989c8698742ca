// Simulated JT/T 808 vehicle terminals (2013 and 2019 headers), one TCP connection each: authenticate with the auth
// code the demo seed issued (and register first when the platform refuses it, taking the new code), heartbeat, and
// report the vehicle's position every interval — 2013 terminals one 0x0200 location at a time, 2019 terminals three
// at a time in a 0x0704 batch. A position counts as acknowledged when the platform's general answer (0x8001) says so.
// Reconnects after a drop; stop() waits briefly for the answers in flight.
import { connect, type Socket } from 'node:net';
import { MSG, RESULT, REGISTER_RESULT } from '../../packages/server/src/ingest/jt808/codec.ts';
import {
  AnswerReader,
  buildAuthenticate,
  buildBatch,
  buildHeartbeat,
  buildLocation,
  buildRegister,
  type LocationInput,
  type TerminalIdentity,
} from '../../packages/server/src/ingest/jt808/terminal.ts';
import type { Drive } from './drive.ts';

export interface SimTerminal {
  identifier: string;
  authCode: string | null;
  version: '2013' | '2019';
  plate: string;
  plateColor: number;
  drive: Drive;
}

export interface Jt808FleetOptions {
  host: string;
  port: number;
  terminals: SimTerminal[];
  /** Milliseconds between positions (default 5 s). */
  intervalMs?: number;
  heartbeatMs?: number;
  /** Positions per 0x0704 batch of the 2019 terminals (default 3; 1 = single locations). */
  batch?: number;
}

export interface Jt808Stats {
  terminals: number;
  connected: number;
  authenticated: number;
  registered: number;
  sent: number;
  acked: number;
  refused: number;
  heartbeats: number;
  reconnects: number;
  lastError: string | null;
}

interface Conn {
  t: SimTerminal;
  id: TerminalIdentity;
  socket: Socket | null;
  reader: AnswerReader;
  serial: number;
  authed: boolean;
  pending: Map<number, { msgId: number; count: number }>;
  queue: LocationInput[];
  lastMove: number;
  timers: NodeJS.Timeout[];
}

export class Jt808Fleet {
  private readonly conns: Conn[];
  private readonly stats: Jt808Stats;
  private stopping = false;
  private readonly intervalMs: number;
  private readonly heartbeatMs: number;
  private readonly batch: number;

  constructor(private readonly o: Jt808FleetOptions) {
    this.intervalMs = o.intervalMs ?? 5000;
    this.heartbeatMs = o.heartbeatMs ?? 30_000;
    this.batch = Math.max(1, Math.min(25, o.batch ?? 3));
    this.conns = o.terminals.map((t) => ({
      t,
      id: { phone: t.identifier, version: t.version },
      socket: null,
      reader: new AnswerReader(),
      serial: 0,
      authed: false,
      pending: new Map(),
      queue: [],
      lastMove: Date.now(),
      timers: [],
    }));
    this.stats = {
      terminals: o.terminals.length,
      connected: 0,
      authenticated: 0,
      registered: 0,
      sent: 0,
      acked: 0,
      refused: 0,
      heartbeats: 0,
      reconnects: 0,
      lastError: null,
    };
  }

  start(): void {
    this.conns.forEach((c, i) => {
      // spread the connections and the reports over the interval
      const t = setTimeout(() => this.open(c), (i * this.intervalMs) / Math.max(1, this.conns.length));
      c.timers.push(t);
    });
  }

  snapshot(): Jt808Stats {
    return {
      ...this.stats,
      connected: this.conns.filter((c) => c.socket && !c.socket.destroyed && !c.socket.connecting).length,
      authenticated: this.conns.filter((c) => c.authed).length,
    };
  }

  async stop(): Promise<Jt808Stats> {
    this.stopping = true;
    for (const c of this.conns) for (const t of c.timers.splice(0)) clearTimeout(t);
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && this.conns.some((c) => c.pending.size && c.socket && !c.socket.destroyed)) await new Promise((r) => setTimeout(r, 50));
    for (const c of this.conns) c.socket?.end();
    return this.snapshot();
  }

  private send(c: Conn, frame: Buffer, msgId: number, count = 0): void {
    if (!c.socket || c.socket.destroyed) return;
    c.pending.set(c.serial, { msgId, count });
    c.socket.write(frame);
  }

  private next(c: Conn): number {
    c.serial = (c.serial + 1) & 0xffff;
    return c.serial;
  }

  private open(c: Conn): void {
    if (this.stopping) return;
    c.authed = false;
    c.pending.clear();
    c.reader = new AnswerReader();
    const socket = connect({ host: this.o.host, port: this.o.port });
    c.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => this.authenticate(c));
    socket.on('data', (chunk: Buffer) => {
      for (const a of c.reader.push(chunk)) this.onAnswer(c, a);
    });
    socket.on('error', (err) => {
      this.stats.lastError = `${c.t.identifier}: ${err.message}`;
    });
    socket.on('close', () => {
      c.authed = false;
      for (const t of c.timers.splice(0)) clearTimeout(t);
      if (this.stopping) return;
      this.stats.reconnects++;
      c.timers.push(setTimeout(() => this.open(c), 3000));
    });
  }

  private authenticate(c: Conn): void {
    if (!c.t.authCode) return this.register(c);
    this.send(c, buildAuthenticate(c.id, this.next(c), c.t.authCode), MSG.authenticate);
  }

  private register(c: Conn): void {
    this.send(
      c,
      buildRegister(c.id, this.next(c), { plate: c.t.plate, plateColor: c.t.plateColor, province: 35, city: 623, manufacturer: 'GLSIM', model: 'GL-T808' }),
      MSG.register,
    );
  }

  private onAnswer(c: Conn, a: ReturnType<AnswerReader['push']>[number]): void {
    if (a.kind === 'register') {
      c.pending.delete(a.answerSerial);
      if (a.result === REGISTER_RESULT.ok && a.authCode) {
        this.stats.registered++;
        c.t.authCode = a.authCode;
        this.send(c, buildAuthenticate(c.id, this.next(c), a.authCode), MSG.authenticate);
      } else {
        this.stats.lastError = `${c.t.identifier}: registration refused (result ${a.result})`;
        c.timers.push(setTimeout(() => this.register(c), 30_000));
      }
      return;
    }
    if (a.kind !== 'general') return;
    const p = c.pending.get(a.answerSerial);
    c.pending.delete(a.answerSerial);
    if (a.answerMsgId === MSG.authenticate) {
      if (a.result === RESULT.ok) {
        c.authed = true;
        this.startReporting(c);
      } else {
        // the platform does not know the code (a fresh database, a revoked terminal): register again
        c.t.authCode = null;
        this.register(c);
      }
    } else if (a.answerMsgId === MSG.location || a.answerMsgId === MSG.batch) {
      if (a.result === RESULT.ok) this.stats.acked += p?.count ?? 0;
      else {
        this.stats.refused += p?.count ?? 0;
        this.stats.lastError = `${c.t.identifier}: positions refused (result ${a.result})`;
      }
    }
  }

  private startReporting(c: Conn): void {
    for (const t of c.timers.splice(0)) clearTimeout(t);
    c.lastMove = Date.now();
    const tick = () => {
      if (!c.authed || this.stopping) return;
      const now = Date.now();
      const s = c.t.drive.advance(now, now - c.lastMove);
      c.lastMove = now;
      c.queue.push({ lat: s.lat, lon: s.lon, time: now, speedKmh: s.speedKmh, course: s.course, altitudeM: 8 });
      const batch = c.t.version === '2019' ? this.batch : 1;
      if (c.queue.length >= batch) {
        const items = c.queue.splice(0);
        const frame = items.length === 1 ? buildLocation(c.id, this.next(c), items[0]!) : buildBatch(c.id, this.next(c), items);
        this.send(c, frame, items.length === 1 ? MSG.location : MSG.batch, items.length);
        this.stats.sent += items.length;
      }
    };
    const heartbeat = () => {
      if (!c.authed || this.stopping) return;
      this.send(c, buildHeartbeat(c.id, this.next(c)), MSG.heartbeat);
      this.stats.heartbeats++;
    };
    tick();
    c.timers.push(setInterval(tick, this.intervalMs), setInterval(heartbeat, this.heartbeatMs));
  }
}
