// The JT/T 808 socket thread (socket-worker.ts) and its host (socket-host.ts) over real TCP: connections appear on the
// main thread with their address, bytes arrive in order across many small writes, answers reach the client in order,
// a connection the host destroys is closed for the client, a client that leaves is reported closed, a port in use is
// refused with EADDRINUSE, and close() ends every connection and stops the thread.
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startSocketHost, type HostedSocket, type SocketHost } from './socket-host.ts';

const log = { error: () => undefined, warn: () => undefined } as unknown as FastifyBaseLogger;

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function client(port: number): Promise<{ socket: Socket; received: () => Buffer; closed: () => boolean }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  let closed = false;
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  return { socket, received: () => Buffer.concat(chunks), closed: () => closed };
}

describe('JT/T 808 socket thread', () => {
  let host: SocketHost | null = null;
  afterEach(async () => {
    await host?.close(10);
    host = null;
  });

  it('hands connections, bytes and closes to the main thread and writes answers back in order', async () => {
    const conns: HostedSocket[] = [];
    const data = new Map<HostedSocket, Buffer[]>();
    const closed = new Set<HostedSocket>();
    host = await startSocketHost(
      0,
      '127.0.0.1',
      (s) => {
        conns.push(s);
        data.set(s, []);
        s.on('data', (b: Buffer) => data.get(s)!.push(Buffer.from(b)));
        s.once('close', () => closed.add(s));
      },
      log,
    );
    expect(host.port).toBeGreaterThan(0);
    const a = await client(host.port);
    const b = await client(host.port);
    await until(() => conns.length === 2 && host!.connections() === 2);
    expect(conns[0]!.remoteAddress).toBe('127.0.0.1');

    // 500 small writes arrive whole and in order
    const sent = Buffer.from(Array.from({ length: 500 }, (_, i) => i % 251));
    for (let i = 0; i < sent.length; i += 7) a.socket.write(sent.subarray(i, i + 7));
    await until(() => Buffer.concat(data.get(conns[0]!)!).length === sent.length);
    expect(Buffer.concat(data.get(conns[0]!)!).equals(sent)).toBe(true);
    expect(data.get(conns[1]!)).toEqual([]);

    // answers of one turn and of later turns reach the right client in order
    for (let i = 0; i < 10; i++) conns[1]!.write(Buffer.from([i]));
    await new Promise((r) => setImmediate(r));
    conns[1]!.write(Buffer.from([10, 11]));
    await until(() => b.received().length === 12);
    expect([...b.received()]).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(a.received().length).toBe(0);

    // destroyed by the host: the client sees the close, the host its own close event
    conns[1]!.destroy();
    expect(conns[1]!.destroyed).toBe(true);
    expect(conns[1]!.writable).toBe(false);
    await until(() => b.closed() && closed.has(conns[1]!));
    expect(host.connections()).toBe(1);

    // the client leaves
    a.socket.end();
    await until(() => closed.has(conns[0]!));
    expect(host.connections()).toBe(0);
  });

  it('close() ends every connection and stops accepting', async () => {
    const conns: HostedSocket[] = [];
    host = await startSocketHost(0, '127.0.0.1', (s) => conns.push(s), log);
    const port = host.port;
    const a = await client(port);
    await until(() => conns.length === 1);
    let hostClosed = false;
    conns[0]!.once('close', () => (hostClosed = true));
    await host.close(10);
    host = null;
    await until(() => a.closed());
    expect(hostClosed).toBe(true);
    const late = connect(port, '127.0.0.1');
    const [err] = (await once(late, 'error')) as [NodeJS.ErrnoException];
    expect(err.code).toBe('ECONNREFUSED');
  });

  it('refuses a port in use with EADDRINUSE (so the caller can say which setting to change)', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startSocketHost(port, '127.0.0.1', () => undefined, log)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      blocker.close();
    }
  });
});
