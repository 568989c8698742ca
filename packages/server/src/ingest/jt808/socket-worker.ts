// The JT/T 808 socket thread (socket-host.ts starts it): it owns the TCP listener and the connections and does only
// their system calls — accept, read, write, end, destroy. Thousands of terminals sending a frame a second cost the
// platform's main thread mostly these calls (every answer is its own write); here they do not delay an alarm or a
// gate answer. What arrives within one turn of this thread's event loop goes to the main thread as one message (opens,
// data chunks and closes in order, the bytes in one transferred buffer); the main thread answers likewise.
import { createServer, type Server, type Socket } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { HOST_OP, TurnBatch, WORKER_OP, type HostMessage, type WorkerMessage } from './socket-protocol.ts';

const port = parentPort!;
const sockets = new Map<number, Socket>();
let nextId = 0;
let accepting = true;
let server: Server | null = null;

// ---- to the main thread, once per turn (the addresses of the turn's opens beside the ops) ----
let addresses: string[] = [];
const out = new TurnBatch((ops, buf) => {
  const msg: WorkerMessage = { type: 'io', ops, addresses, buf };
  addresses = [];
  port.postMessage(msg, [buf]);
});

function onConnection(socket: Socket): void {
  if (!accepting) {
    socket.destroy();
    return;
  }
  const id = ++nextId;
  sockets.set(id, socket);
  socket.setNoDelay(true);
  out.op(WORKER_OP.open, id, addresses.length);
  addresses.push(socket.remoteAddress ?? '');
  socket.on('data', (chunk: Buffer) => out.data(WORKER_OP.data, id, chunk));
  socket.on('error', () => undefined);
  socket.once('close', () => {
    sockets.delete(id);
    out.op(WORKER_OP.close, id);
  });
}

port.on('message', (m: HostMessage) => {
  switch (m.type) {
    case 'listen': {
      server = createServer(onConnection);
      server.once('error', (err: NodeJS.ErrnoException) =>
        port.postMessage({ type: 'listenError', code: err.code ?? 'ERROR', message: err.message } satisfies WorkerMessage),
      );
      server.listen(m.port, m.host, () => {
        const a = server!.address();
        server!.on('error', () => undefined);
        port.postMessage({ type: 'listening', port: typeof a === 'object' && a ? a.port : m.port } satisfies WorkerMessage);
      });
      return;
    }
    case 'io': {
      const data = Buffer.from(m.buf);
      const o = m.ops;
      for (let i = 0; i < o.length;) {
        const op = o[i]!;
        const s = sockets.get(o[i + 1]!);
        if (op === HOST_OP.write) {
          if (s && !s.destroyed && s.writable) s.write(data.subarray(o[i + 2]!, o[i + 2]! + o[i + 3]!));
          i += 4;
          continue;
        }
        if (s) {
          if (op === HOST_OP.end) s.end();
          else if (op === HOST_OP.destroy) s.destroy();
          else if (op === HOST_OP.pause) s.pause();
        }
        i += 2;
      }
      return;
    }
    case 'stopAccepting': {
      accepting = false;
      for (const s of sockets.values()) s.pause();
      if (server?.listening) server.close();
      return;
    }
    case 'close': {
      accepting = false;
      for (const s of sockets.values()) s.pause();
      for (const s of sockets.values()) s.end();
      setTimeout(() => {
        for (const s of sockets.values()) s.destroy();
        const done = () => port.postMessage({ type: 'closed' } satisfies WorkerMessage);
        if (server?.listening) server.close(done);
        else done();
      }, m.graceMs);
      return;
    }
  }
});
