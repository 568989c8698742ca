// Terminal simulator of the vehicles benchmark, run as a child process (child_process fork) so that its CPU is not
// the platform's: it holds JT/T 808 connections (bench/vehicles-bench/jt808-lite.ts), registers and authenticates
// each (0x0100 → 0x8100 auth code → 0x0102 → 0x8001), sends heartbeats, and sends locations at the rate the parent
// asks, counting the platform's general answers (0x8001 to 0x0200 / 0x0704: the position is durable). Violators
// (terminals that drive into a restricted area at a given time) report the moment their frame is written
// ({type: 'violation', plate, at}). Commands arrive over IPC ({id, cmd, …}) and are answered with {id, …}.
import { connect as netConnect, type Socket } from 'node:net';
import { authBody, bcdPhone, batchBody, FrameSplitter, frame, locationBody, MSG, registerBody, type Incoming, type Jt808Version } from './jt808-lite.ts';
import { normalFix, terminalOf, violatorFix, type Fix } from './park.ts';

export interface TermSpec {
  k: number;
  /** Violators: ms after the positions phase's startAt when they step inside their restricted area. */
  violateAtMs?: number;
}

export interface TermStats {
  open: number;
  registered: number;
  authenticated: number;
  failed: number;
  errors: string[];
  disconnects: number;
  heartbeatsSent: number;
  heartbeatsAcked: number;
  framesSent: number;
  positionsSent: number;
  positionsAcked: number;
  positionsRejected: number;
  rejectedByResult: Record<string, number>;
  inflightFrames: number;
  /** Sends not made because the terminal had its bound of frames in flight or its clock had reached now. */
  skipped: number;
  badFrames: number;
  unexpected: Record<string, number>;
  /** Frame → general answer, ms. */
  ackP50: number;
  ackP99: number;
  ackMax: number;
  handshakeP50: number;
  handshakeP99: number;
  cpuPct: number;
  ms: number;
}

interface Term {
  spec: TermSpec;
  phone: Buffer;
  plate: string;
  version: Jt808Version;
  terminalId: string;
  socket: Socket | null;
  splitter: FrameSplitter;
  serial: number;
  state: 'connecting' | 'registering' | 'authenticating' | 'ready' | 'closed';
  /** serial → [sentAt, positions] of location frames waiting for their answer. */
  waiting: Map<number, [number, number]>;
  hbWaiting: Set<number>;
  /** The device clock of the next location (ms, whole seconds). */
  clock: number;
  handshake?: { resolve: (ok: boolean) => void; t0: number; serial: number };
  authCode?: string;
}

type Command =
  | { id: number; cmd: 'connect'; host: string; port: number; terms: TermSpec[]; concurrency: number; staggerMs: number; timeoutMs: number }
  | { id: number; cmd: 'heartbeat'; everyMs: number }
  | {
      id: number;
      cmd: 'positions';
      startAt: number;
      seconds: number;
      /** Positions a second over this process's terminals (0: as fast as answers come back). */
      rate: number;
      inflight: number;
      /** Device clocks start this many seconds before startAt (a terminal sends at most one position per device second). */
      backfillS: number;
      /** Positions per frame: 1 = 0x0200, more = 0x0704. */
      batch: number;
      restricted: number;
      /** Violators step into their area (false: they stay outside). */
      violate: boolean;
    }
  | { id: number; cmd: 'stats'; reset?: boolean }
  | { id: number; cmd: 'drain'; timeoutMs: number }
  | { id: number; cmd: 'end' };

const terms: Term[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stats = freshCounters();
let latencies = new Float64Array(1 << 16);
let nLat = 0;
let handshakes: number[] = [];
let phaseT0 = performance.now();
let phaseCpu = process.cpuUsage();
let hbTimer: NodeJS.Timeout | undefined;
let posTimer: NodeJS.Timeout | undefined;
let phaseDone: (() => void) | undefined;

function freshCounters() {
  return {
    failed: 0,
    errors: [] as string[],
    disconnects: 0,
    heartbeatsSent: 0,
    heartbeatsAcked: 0,
    framesSent: 0,
    positionsSent: 0,
    positionsAcked: 0,
    positionsRejected: 0,
    rejectedByResult: {} as Record<string, number>,
    skipped: 0,
    unexpected: {} as Record<string, number>,
  };
}

function recordLatency(ms: number): void {
  if (nLat === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[nLat++] = ms;
}

function pct(sorted: ArrayLike<number>, n: number, p: number): number {
  if (!n) return 0;
  return Math.round(sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]! * 10) / 10;
}

function snapshot(): TermStats {
  const lat = latencies.slice(0, nLat).sort();
  const hs = [...handshakes].sort((a, b) => a - b);
  const cpu = process.cpuUsage(phaseCpu);
  const ms = performance.now() - phaseT0;
  let inflight = 0;
  for (const t of terms) inflight += t.waiting.size;
  return {
    ...stats,
    errors: stats.errors.slice(0, 5),
    open: terms.filter((t) => t.state === 'ready').length,
    registered: terms.filter((t) => t.authCode !== undefined).length,
    authenticated: terms.filter((t) => t.state === 'ready').length,
    inflightFrames: inflight,
    badFrames: terms.reduce((s, t) => s + t.splitter.badFrames, 0),
    ackP50: pct(lat, nLat, 0.5),
    ackP99: pct(lat, nLat, 0.99),
    ackMax: nLat ? Math.round(lat[nLat - 1]! * 10) / 10 : 0,
    handshakeP50: pct(hs, hs.length, 0.5),
    handshakeP99: pct(hs, hs.length, 0.99),
    cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / ms) * 1000) / 10,
    ms: Math.round(ms),
  };
}

function resetPhase(): void {
  stats = freshCounters();
  nLat = 0;
  handshakes = [];
  phaseT0 = performance.now();
  phaseCpu = process.cpuUsage();
}

function send(t: Term, msgId: number, body: Buffer): number {
  const serial = (t.serial = (t.serial + 1) & 0xffff);
  t.socket!.write(frame(msgId, t.phone, serial, body, t.version));
  return serial;
}

function onFrame(t: Term, m: Incoming): void {
  if (m.msgId === MSG.registerAnswer && t.state === 'registering') {
    const result = m.body[2];
    if (result !== 0) return finishHandshake(t, false, `registration answered ${result}`);
    t.authCode = m.body.subarray(3).toString('latin1');
    t.state = 'authenticating';
    t.handshake!.serial = send(t, MSG.authenticate, authBody(t.authCode, t.version));
    return;
  }
  if (m.msgId === MSG.platformAnswer && m.body.length >= 5) {
    const serial = m.body.readUInt16BE(0);
    const replyTo = m.body.readUInt16BE(2);
    const result = m.body[4]!;
    if (replyTo === MSG.authenticate && t.state === 'authenticating') return finishHandshake(t, result === 0, `authentication answered ${result}`);
    if (replyTo === MSG.heartbeat) {
      if (t.hbWaiting.delete(serial) && result === 0) stats.heartbeatsAcked++;
      return;
    }
    if (replyTo === MSG.location || replyTo === MSG.batchLocation) {
      const w = t.waiting.get(serial);
      if (!w) return void (stats.unexpected['stray answer'] = (stats.unexpected['stray answer'] ?? 0) + 1);
      t.waiting.delete(serial);
      if (result === 0) {
        stats.positionsAcked += w[1];
        recordLatency(performance.now() - w[0]);
      } else {
        stats.positionsRejected += w[1];
        stats.rejectedByResult[result] = (stats.rejectedByResult[result] ?? 0) + w[1];
      }
      return;
    }
  }
  const key = `0x${m.msgId.toString(16).padStart(4, '0')}`;
  stats.unexpected[key] = (stats.unexpected[key] ?? 0) + 1;
}

function finishHandshake(t: Term, ok: boolean, why: string): void {
  const h = t.handshake;
  if (!h) return;
  t.handshake = undefined;
  if (ok) {
    t.state = 'ready';
    handshakes.push(performance.now() - h.t0);
  } else {
    stats.failed++;
    if (stats.errors.length < 20) stats.errors.push(why);
    t.socket?.destroy();
    t.state = 'closed';
  }
  h.resolve(ok);
}

function open(t: Term, host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    t.handshake = { resolve, t0: performance.now(), serial: 0 };
    t.state = 'connecting';
    const s = netConnect({ host, port });
    s.setNoDelay(true);
    t.socket = s;
    const timer = setTimeout(() => finishHandshake(t, false, `no answer within ${timeoutMs} ms (${t.state})`), timeoutMs);
    s.once('connect', () => {
      t.state = 'registering';
      send(t, MSG.register, registerBody({ terminalId: t.terminalId, plate: t.plate, version: t.version }));
    });
    s.on('data', (chunk: Buffer) => t.splitter.push(chunk, (m) => onFrame(t, m)));
    s.on('error', (e) => finishHandshake(t, false, e.message));
    s.on('close', () => {
      clearTimeout(timer);
      if (t.state === 'ready') stats.disconnects++;
      finishHandshake(t, false, 'closed by the platform');
      t.state = 'closed';
    });
  });
}

async function connectAll(c: Extract<Command, { cmd: 'connect' }>): Promise<object> {
  resetPhase();
  const list: Term[] = c.terms.map((spec) => {
    const id = terminalOf(spec.k);
    return {
      spec,
      phone: bcdPhone(id.phone, id.version),
      plate: id.plate,
      version: id.version,
      terminalId: id.terminalId,
      socket: null,
      splitter: new FrameSplitter(),
      serial: 0,
      state: 'closed',
      waiting: new Map(),
      hbWaiting: new Set(),
      clock: 0,
    };
  });
  terms.push(...list);
  let next = 0;
  let ok = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < list.length) {
      const t = list[next++]!;
      const due = t0 + (next - 1) * c.staggerMs;
      if (due > Date.now()) await sleep(due - Date.now());
      if (await open(t, c.host, c.port, c.timeoutMs)) ok++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, c.concurrency) }, worker));
  return { ...snapshot(), ok, failed: list.length - ok, ms: Date.now() - t0 };
}

function heartbeats(everyMs: number): void {
  clearInterval(hbTimer);
  if (!everyMs) return;
  // Spread the terminals' heartbeats over the interval: a slice every 100 ms.
  let cursor = 0;
  const perTick = () => Math.max(1, Math.ceil((terms.length * 100) / everyMs));
  hbTimer = setInterval(() => {
    const n = perTick();
    for (let i = 0; i < n && terms.length; i++) {
      const t = terms[cursor++ % terms.length]!;
      if (t.state !== 'ready') continue;
      t.hbWaiting.add(send(t, MSG.heartbeat, Buffer.alloc(0)));
      stats.heartbeatsSent++;
    }
  }, 100);
}

function positions(c: Extract<Command, { cmd: 'positions' }>): Promise<TermStats> {
  resetPhase();
  const ready = terms.filter((t) => t.state === 'ready');
  const normal = ready.filter((t) => t.spec.violateAtMs === undefined);
  const violators = ready.filter((t) => t.spec.violateAtMs !== undefined);
  const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
  for (const t of normal) t.clock = sec(c.startAt) - c.backfillS * 1000;
  for (const t of violators) t.clock = sec(c.startAt);
  const endAt = c.startAt + c.seconds * 1000;
  let cursor = 0;
  let sent = 0;
  const batchBuf: Fix[] = [];
  return new Promise((resolve) => {
    phaseDone = () => resolve(snapshot());
    const tick = () => {
      const now = Date.now();
      if (now < c.startAt) return;
      if (now >= endAt) {
        clearInterval(posTimer);
        posTimer = undefined;
        phaseDone?.();
        phaseDone = undefined;
        return;
      }
      // Violators: real-time clocks, one position a second; inside their area at their moment, outside otherwise.
      // A terminal reports every second whether or not earlier reports are answered yet (it keeps them to resend).
      for (const t of violators) {
        if (t.clock > now || t.waiting.size >= 120) continue;
        const at = t.spec.violateAtMs! + c.startAt;
        const inside = c.violate && t.clock >= sec(at) && t.clock < sec(at) + 1000;
        const fix = violatorFix(t.spec.k, c.restricted, t.clock, inside);
        t.clock += 1000;
        if (inside) process.send!({ type: 'violation', k: t.spec.k, plate: t.plate, at: Date.now() });
        const serial = send(t, MSG.location, locationBody(fix));
        t.waiting.set(serial, [performance.now(), 1]);
        stats.framesSent++;
        stats.positionsSent++;
      }
      if (!normal.length) return;
      const elapsed = now - c.startAt;
      let budget = c.rate > 0 ? Math.floor((c.rate * elapsed) / 1000) - sent : Number.POSITIVE_INFINITY;
      // One pass over the terminals at most per tick.
      for (let n = 0; n < normal.length && budget > 0; n++) {
        const t = normal[cursor++ % normal.length]!;
        if (t.state !== 'ready') continue;
        if (t.waiting.size >= c.inflight || t.clock + (c.batch - 1) * 1000 > now) {
          if (c.rate > 0) stats.skipped++;
          continue;
        }
        let serial: number;
        if (c.batch <= 1) {
          serial = send(t, MSG.location, locationBody(normalFix(t.spec.k, t.clock)));
          t.clock += 1000;
        } else {
          batchBuf.length = 0;
          for (let b = 0; b < c.batch; b++) {
            batchBuf.push(normalFix(t.spec.k, t.clock));
            t.clock += 1000;
          }
          serial = send(t, MSG.batchLocation, batchBody(batchBuf));
        }
        t.waiting.set(serial, [performance.now(), c.batch]);
        stats.framesSent++;
        stats.positionsSent += c.batch;
        sent += c.batch;
        budget -= c.batch;
      }
    };
    posTimer = setInterval(tick, 5);
  });
}

async function drain(timeoutMs: number): Promise<TermStats> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    let inflight = 0;
    for (const t of terms) if (t.state === 'ready') inflight += t.waiting.size;
    if (!inflight || Date.now() > until) break;
    await sleep(20);
  }
  return snapshot();
}

async function handle(m: Command): Promise<object> {
  switch (m.cmd) {
    case 'connect':
      return connectAll(m);
    case 'heartbeat':
      heartbeats(m.everyMs);
      return {};
    case 'positions':
      return positions(m);
    case 'stats': {
      const s = snapshot();
      if (m.reset) resetPhase();
      return s;
    }
    case 'drain':
      return drain(m.timeoutMs);
    case 'end':
      clearInterval(hbTimer);
      clearInterval(posTimer);
      for (const t of terms) t.socket?.destroy();
      setTimeout(() => process.exit(0), 20);
      return {};
  }
}

process.on('message', (m: Command) => {
  handle(m).then(
    (r) => process.send!({ id: m.id, ...r }),
    (e: unknown) => process.send!({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
process.on('disconnect', () => process.exit(0));
