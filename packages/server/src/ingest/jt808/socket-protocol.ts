// Messages between the JT/T 808 socket thread (socket-worker.ts) and the main thread (socket-host.ts). Batches are
// flat number arrays (cheap to copy between threads) over one transferred byte buffer.

/** Worker → host ops: [open, id, addressIndex] | [data, id, offset, length] | [close, id]. */
export const WORKER_OP = { open: 1, data: 2, close: 3 } as const;
/** Host → worker ops: [write, id, offset, length] | [end, id] | [destroy, id] | [pause, id]. */
export const HOST_OP = { write: 1, end: 2, destroy: 3, pause: 4 } as const;

export type WorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'listenError'; code: string; message: string }
  | { type: 'io'; ops: number[]; addresses: string[]; buf: ArrayBuffer }
  | { type: 'closed' };

export type HostMessage =
  | { type: 'listen'; port: number; host: string }
  | { type: 'io'; ops: number[]; buf: ArrayBuffer }
  | { type: 'stopAccepting' }
  | { type: 'close'; graceMs: number };

/**
 * One turn's ops and bytes in one direction: ops are pushed as they happen and sent together on the next turn of the
 * event loop (setImmediate) as { ops, buf }, the bytes copied into one buffer that is transferred, not cloned.
 */
export class TurnBatch {
  private ops: number[] = [];
  private chunks: Buffer[] = [];
  private bytes = 0;
  private scheduled = false;

  constructor(private readonly send: (ops: number[], buf: ArrayBuffer) => void) {}

  /** An op without bytes ([op, id, ...args]). */
  op(...values: number[]): void {
    for (const v of values) this.ops.push(v);
    this.schedule();
  }

  /** An op carrying bytes: [op, id, offset, length], the bytes at that offset of the message's buffer. */
  data(op: number, id: number, chunk: Buffer): void {
    this.ops.push(op, id, this.bytes, chunk.length);
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends what is collected now. */
  flush(): void {
    this.scheduled = false;
    if (!this.ops.length) return;
    const buf = new ArrayBuffer(this.bytes);
    const view = new Uint8Array(buf);
    let at = 0;
    for (const c of this.chunks) {
      view.set(c, at);
      at += c.length;
    }
    const ops = this.ops;
    this.ops = [];
    this.chunks = [];
    this.bytes = 0;
    this.send(ops, buf);
  }
}
