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
