// The gate thread (started by gate-thread-host.ts): an HTTP listener of its own for device posts —
// POST /api/gate/<token>/isapi and /api/gate/<token>/platform, the same front door (gate-intake.ts) and the same
// answers as on the main port: 200 with the intake result once spooled, 401 unknown token, 400 GATE_EVENT_INVALID,
// 413 over GATE_MAX_BYTES, 404 anything else. Bodies are read whole up to the limit; a larger one is refused as soon
// as its length is known and the connection closed.
// An answer is a few milliseconds of work that a camera waits for, and it should not wait for the processor's CPU
// time slices (positions, rules, the gate processor, PostgreSQL on the same cores): the thread asks the OS for a
// higher priority than the process's — `limits.priorityBoost` nice steps (Linux nice values are per thread). That
// needs CAP_SYS_NICE or an RLIMIT_NICE that allows it (systemd: LimitNICE=); without it the thread runs at the
// process's priority and says so at start.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Database } from '../../../platform/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, toAppError } from '../../../platform/errors.ts';
import { createGateFrontDoor, dbGateBackend, type GateBackend } from './gate-intake.ts';
import type { BackendOp, FromGateThread, GateThreadInit, ToGateThread } from './gate-thread-host.ts';

const init = workerData as GateThreadInit;
const port = parentPort!;
const send = (m: FromGateThread) => port.postMessage(m);

function raisePriority(boost: number): { nice: number; refused: string | null } {
  const before = getPriority(0);
  if (boost <= 0) return { nice: before, refused: null };
  try {
    setPriority(0, Math.max(-20, before - boost));
    return { nice: getPriority(0), refused: null };
  } catch (err) {
    return { nice: before, refused: (err as Error).message };
  }
}
const priority = raisePriority(init.limits.priorityBoost);

// ---- the backend: our own pool on PostgreSQL, the main thread's database on PGlite ----
const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextCall = 0;
function call<T>(op: BackendOp, arg: unknown): Promise<T> {
  const id = ++nextCall;
  return new Promise<T>((resolve, reject) => {
    calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
    send({ type: 'call', id, op, arg });
  });
}
const remoteBackend: GateBackend = {
  tokenSetting: () => call('tokenSetting', null),
  spool: async (rows) => new Set(await call<string[]>('spool', rows)),
  addRejections: (rows) => call('addRejections', rows),
};

let database: Database | null = null;
if (init.databaseUrl) database = await openDatabase({ url: init.databaseUrl, dataDir: init.dataDir, poolSize: 4 });

const log = {
  error: ((obj: { err?: unknown }, message?: string) => {
    const err = obj?.err;
    send({ type: 'log', message: message ?? 'gate thread', err: err === undefined ? null : err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }) as Deps['log']['error'],
};

const door = createGateFrontDoor(
  {
    backend: database ? dbGateBackend(database.db) : remoteBackend,
    clock: { now: () => new Date(Date.now() + init.clockOffsetMs) },
    log,
    dataDir: init.dataDir,
    limits: init.limits,
  },
  () => send({ type: 'stored' }),
);

// ---- HTTP ----
const ROUTE = /^\/api\/gate\/([^/?#]{1,200})\/(isapi|platform)\/?(?:\?.*)?$/;

function answer(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

function refuse(res: ServerResponse, err: AppError, close = false): void {
  answer(res, err.status, { code: err.code, message: err.message, requestId: randomUUID() }, close);
}

/** The body, or null when it went over the limit (then the answer is sent and the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const m = ROUTE.exec(req.url ?? '');
  if (!m || req.method !== 'POST') {
    req.resume();
    return refuse(res, new AppError('NOT_FOUND', `no route ${req.method} ${(req.url ?? '').split('?')[0]!.slice(0, 200)}`));
  }
  let token: string;
  try {
    token = decodeURIComponent(m[1]!);
  } catch {
    token = m[1]!;
  }
  const remote = req.socket.remoteAddress ?? null;
  const declared = Number(req.headers['content-length']);
  const max = init.limits.maxBytes;
  const tooLarge = async () => {
    await door.countTooLarge(token, remote, Number.isFinite(declared) ? declared : null);
    refuse(res, new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${max} bytes`), true);
  };
  if (Number.isFinite(declared) && declared > max) return tooLarge();
  const body = await readBody(req, max);
  if (body === null) return tooLarge();
  try {
    answer(res, 200, await door.post(m[2] as 'isapi' | 'platform', token, body, req.headers['content-type'], remote));
  } catch (err) {
    const e = toAppError(err);
    if (e.code === 'INTERNAL') log.error({ err }, 'gate post failed');
    refuse(res, e);
  }
}

const server = createServer(
  (req, res) =>
    void handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'gate post failed');
      if (!res.headersSent) refuse(res, new AppError('INTERNAL', 'internal error'));
    }),
);
server.keepAliveTimeout = 65_000;
server.once('error', (err: NodeJS.ErrnoException) => send({ type: 'listenError', code: err.code ?? 'ERROR', message: err.message }));
server.listen(init.port, init.host, () => {
  const a = server.address();
  server.on('error', (err) => log.error({ err }, 'gate listener'));
  send({ type: 'listening', port: typeof a === 'object' && a ? a.port : init.port, ...priority });
});

port.on('message', (msg: ToGateThread) => {
  switch (msg.type) {
    case 'result': {
      const c = calls.get(msg.id);
      calls.delete(msg.id);
      if (msg.ok) c?.resolve(msg.value);
      else c?.reject(new Error(msg.message));
      return;
    }
    case 'forgetToken':
      return door.forgetToken();
    case 'drain':
      return void Promise.all([door.flush(), door.imagesWritten()]).then(() => send({ type: 'drained', id: msg.id }));
    case 'stop':
      return void (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await door.stop();
        await database?.close();
        send({ type: 'stopped' });
      })();
  }
});
