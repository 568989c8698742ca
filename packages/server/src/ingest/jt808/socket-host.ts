// The main thread's side of the JT/T 808 socket thread (socket-worker.ts): it starts the thread, and each connection
// accepted there is a HostedSocket here — the part of a net.Socket the protocol handler uses (data and close events,
// write, end, destroy, pause). Writes of one turn of the main thread's event loop go to the socket thread as one
// message. If the thread dies, every connection counts as closed (terminals reconnect once the platform restarts).
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { startWorker } from '../../platform/worker-thread.ts';
import { HOST_OP, TurnBatch, WORKER_OP, type HostMessage, type WorkerMessage } from './socket-protocol.ts';

export class HostedSocket extends EventEmitter {
  destroyed = false;
  private ended = false;

  constructor(
    private readonly host: Outbox,
    readonly id: number,
    readonly remoteAddress: string | undefined,
  ) {
    super();
  }

  get writable(): boolean {
    return !this.destroyed && !this.ended;
  }

  write(data: Buffer): boolean {
    if (this.writable) this.host.write(this.id, data);
    return true;
  }

  end(): void {
    if (!this.writable) return;
    this.ended = true;
    this.host.op(HOST_OP.end, this.id);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.host.op(HOST_OP.destroy, this.id);
  }

  pause(): void {
    if (!this.destroyed) this.host.op(HOST_OP.pause, this.id);
  }

  /** The socket thread reported the connection closed. */
  closed(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

/** Host → worker commands collected over one turn. */
class Outbox extends TurnBatch {
  constructor(worker: Worker) {
    super((ops, buf) => worker.postMessage({ type: 'io', ops, buf } satisfies HostMessage, [buf]));
  }

  write(id: number, data: Buffer): void {
    this.data(HOST_OP.write, id, data);
  }
}

export interface SocketHost {
  port: number;
  connections(): number;
  /** Stops accepting and reading (connections stay open). */
  stopAccepting(): void;
  /** Ends every connection, destroys what is left after `graceMs`, stops the thread. */
  close(graceMs: number): Promise<void>;
}

export async function startSocketHost(port: number, host: string, onConnection: (socket: HostedSocket) => void, log: FastifyBaseLogger): Promise<SocketHost> {
  const worker = startWorker(new URL('./socket-worker.ts', import.meta.url), { name: 'jt808-sockets' });
  const sockets = new Map<number, HostedSocket>();
  const outbox = new Outbox(worker);
  let exited = false;
  let closedWaiter: (() => void) | null = null;

  const closeAll = () => {
    for (const s of sockets.values()) s.closed();
    sockets.clear();
  };

  const listening = new Promise<number>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'listening':
          return resolve(m.port);
        case 'listenError':
          return reject(Object.assign(new Error(m.message), { code: m.code }));
        case 'closed':
          closedWaiter?.();
          return;
        case 'io': {
          const o = m.ops;
          for (let i = 0; i < o.length;) {
            const op = o[i]!;
            const id = o[i + 1]!;
            if (op === WORKER_OP.open) {
              const s = new HostedSocket(outbox, id, m.addresses[o[i + 2]!] || undefined);
              sockets.set(id, s);
              try {
                onConnection(s);
              } catch (err) {
                log.error({ err }, 'JT/T 808 connection failed');
                s.destroy();
              }
              i += 3;
            } else if (op === WORKER_OP.data) {
              const s = sockets.get(id);
              if (s && !s.destroyed) s.emit('data', Buffer.from(m.buf, o[i + 2]!, o[i + 3]!));
              i += 4;
            } else {
              const s = sockets.get(id);
              sockets.delete(id);
              s?.closed();
              i += 2;
            }
          }
          return;
        }
      }
    });
    worker.on('error', (err) => {
      log.error({ err }, 'JT/T 808 socket thread failed');
      reject(err);
    });
    worker.on('exit', () => {
      exited = true;
      closeAll();
      closedWaiter?.();
    });
  });
  worker.postMessage({ type: 'listen', port, host } satisfies HostMessage);
  let actual: number;
  try {
    actual = await listening;
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  return {
    port: actual,
    connections: () => sockets.size,
    stopAccepting() {
      if (!exited) worker.postMessage({ type: 'stopAccepting' } satisfies HostMessage);
    },
    async close(graceMs) {
      if (exited) return;
      outbox.flush();
      await new Promise<void>((resolve) => {
        closedWaiter = resolve;
        worker.postMessage({ type: 'close', graceMs } satisfies HostMessage);
      });
      closeAll();
      await worker.terminate();
    },
  };
}
