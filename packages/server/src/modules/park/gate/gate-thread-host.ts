// The gate thread's main-thread side. Cameras and the Hikvision platform post to the gate's own port (GATE_PORT),
// served by a worker thread (gate-thread.ts) with its own event loop: a post is read, parsed, spooled and answered
// there, so its answer does not queue behind the main thread's work (positions, rules, the gate processor, the API).
// On PostgreSQL the thread has its own small pool and commits the spool itself; on PGlite (one connection, in this
// thread) it asks this side to run the statements. The thread reports each committed group ('stored'): the
// processor runs here. The same posts are still accepted on the main port (/api/gate/…, gate.routes.ts).
import type { Deps } from '../../../platform/deps.ts';
import { startWorker } from '../../../platform/worker-thread.ts';
import { dbGateBackend, type GateBackend } from './gate-intake.ts';
import type { SpoolInsert } from './gate.repository.ts';

export interface GateThreadInit {
  port: number;
  host: string;
  dataDir: string;
  limits: Deps['config']['gate'];
  /** postgres://… : the thread opens its own pool; null: it calls this side (PGlite). */
  databaseUrl: string | null;
  /** The platform clock's offset from the system clock (tests fix the clock). */
  clockOffsetMs: number;
}

export type BackendOp = keyof GateBackend;

export type ToGateThread =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; message: string }
  | { type: 'forgetToken' }
  | { type: 'drain'; id: number }
  | { type: 'stop' };

export type FromGateThread =
  | { type: 'listening'; port: number; nice: number; refused: string | null }
  | { type: 'listenError'; code: string; message: string }
  | { type: 'stored' }
  | { type: 'call'; id: number; op: BackendOp; arg: unknown }
  | { type: 'log'; message: string; err: string | null }
  | { type: 'drained'; id: number }
  | { type: 'stopped' };

export interface GateThread {
  port: number;
  /** The thread's nice value, and why it could not be raised (GATE_PRIORITY_BOOST). */
  priority: { nice: number; refused: string | null };
  /** Writes the thread's counted rejections and resolves when every image of a post it answered is on disk. */
  settle(): Promise<void>;
  /** The gate token was rotated: the thread stops trusting the hash it read. */
  forgetToken(): void;
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 10_000;

export async function startGateThread(deps: Deps, opts: { port: number; host?: string }, onStored: () => void): Promise<GateThread> {
  const { config, log } = deps;
  const init: GateThreadInit = {
    port: opts.port,
    host: opts.host ?? config.host,
    dataDir: config.dataDir,
    limits: config.gate,
    databaseUrl: deps.dbKind === 'postgres' ? (config.databaseUrl ?? null) : null,
    clockOffsetMs: deps.clock.now().getTime() - Date.now(),
  };
  const backend = dbGateBackend(deps.db);
  const worker = startWorker(new URL('./gate-thread.ts', import.meta.url), { workerData: init });
  const send = (m: ToGateThread) => worker.postMessage(m);
  const drains = new Map<number, () => void>();
  let nextDrain = 0;
  let stopped: (() => void) | null = null;

  async function call(id: number, op: BackendOp, arg: unknown): Promise<void> {
    try {
      let value: unknown;
      if (op === 'spool') value = [...(await backend.spool(arg as SpoolInsert[]))];
      else if (op === 'addRejections') value = await backend.addRejections(arg as Parameters<GateBackend['addRejections']>[0]);
      else value = await backend.tokenSetting();
      send({ type: 'result', id, ok: true, value });
    } catch (err) {
      send({ type: 'result', id, ok: false, message: (err as Error).message });
    }
  }

  const started = await new Promise<{ port: number; priority: GateThread['priority'] }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: FromGateThread) => {
      switch (m.type) {
        case 'listening':
          worker.off('error', reject);
          worker.on('error', (err) => log.error({ err }, 'the gate thread failed'));
          if (m.refused)
            log.warn(
              { nice: m.nice, asked: config.gate.priorityBoost },
              `the gate thread runs at the process's priority (raising it needs CAP_SYS_NICE or RLIMIT_NICE): ${m.refused}`,
            );
          return resolve({ port: m.port, priority: { nice: m.nice, refused: m.refused } });
        case 'listenError':
          void worker.terminate();
          return reject(Object.assign(new Error(`gate port ${opts.port}: ${m.message}`), { code: m.code }));
        case 'stored':
          return onStored();
        case 'call':
          return void call(m.id, m.op, m.arg);
        case 'log':
          return log.error({ err: m.err }, m.message);
        case 'drained':
          drains.get(m.id)?.();
          drains.delete(m.id);
          return;
        case 'stopped':
          return stopped?.();
      }
    });
  });

  return {
    ...started,
    settle() {
      const id = ++nextDrain;
      return new Promise<void>((resolve) => {
        drains.set(id, resolve);
        send({ type: 'drain', id });
      });
    },
    forgetToken: () => send({ type: 'forgetToken' }),
    async stop() {
      const done = new Promise<void>((resolve) => {
        stopped = resolve;
        setTimeout(resolve, STOP_TIMEOUT_MS).unref();
      });
      send({ type: 'stop' });
      await done;
      await worker.terminate();
      for (const r of drains.values()) r();
      drains.clear();
    },
  };
}
