// HJ 212-2017 over TCP for environmental stations (DOMAIN §10). Per connection the stream is split into frames
// (takeFrames), each frame checked (parseFrame: header, length, CRC16, terminator, size); the station is found by
// its MN and each factor code is the tag of one of its points (a34004 → the station's PM2.5 point).
// Which value is stored: CN 2011 (real-time data) its Rtd; CN 2051 / 2061 / 2031 (minute, hour, day data) the
// interval's Avg, at the frame's DataTime (the start of the interval, as stations send it). Values flagged other
// than N (normal) or T (over the instrument's range) — maintenance, calibration, fault, stopped — are not stored
// (counted as dataFlag): they would raise false alarms.
// The data response (CN 9014) is sent after the readings are committed, when the frame's Flag asks for one.
// Misbehaving peers: a bad frame is counted (per station when its MN is known, else per peer address) and the
// connection goes on; bytes outside any frame, or an endless unterminated frame, close that connection only; a
// connection that sends no complete frame for `idleMs`, or holds an unfinished frame for `partialMs`, is closed.
import { createServer, type Server, type Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { dataResponse, parseFrame, takeFrames, wantsResponse, type Hj212Frame, type Hj212Problem, type TelemetryWindow } from '@zoneops/shared';
import type { DeviceDef } from '../modules/safety/contracts.ts';
import type { Directory } from './directory.ts';
import type { Pipeline, PointReading } from './pipeline.ts';

export const HJ212_TIMEOUTS = {
  /** No complete frame for this long: the connection is closed (stations reconnect). */
  idleMs: 10 * 60_000,
  /** An unfinished frame for this long: the connection is closed. */
  partialMs: 30_000,
};

/** Data flags stored; others (M maintenance, C calibration, D fault, F stopped, S manual, B communication) are not. */
const STORED_FLAGS = new Set(['N', 'T']);

export interface Hj212Server {
  port: number;
  connections(): number;
  stopAccepting(): void;
  close(): Promise<void>;
}

export interface Hj212Parts {
  directory: Directory;
  pipeline: Pipeline;
  log: FastifyBaseLogger;
  now: () => number;
  window: TelemetryWindow;
  timeouts?: Partial<typeof HJ212_TIMEOUTS>;
}

export async function startHj212Server(port: number, host: string, parts: Hj212Parts): Promise<Hj212Server> {
  const timeouts = { ...HJ212_TIMEOUTS, ...parts.timeouts };
  const sockets = new Set<Socket>();
  let accepting = true;
  const server: Server = createServer((socket) => {
    if (!accepting) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    handleConnection(socket, parts, timeouts, () => accepting);
  });
  server.on('error', (err) => parts.log.error({ err }, 'HJ 212 listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    connections: () => sockets.size,
    stopAccepting() {
      accepting = false;
      server.close();
    },
    async close() {
      accepting = false;
      for (const s of sockets) s.end();
      await new Promise<void>((resolve) => setTimeout(resolve, 50).unref());
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

function handleConnection(socket: Socket, parts: Hj212Parts, timeouts: typeof HJ212_TIMEOUTS, accepting: () => boolean): void {
  const { directory, pipeline } = parts;
  const ip = `ip:${socket.remoteAddress ?? 'unknown'}`;
  let buffer = '';
  /** The station this connection spoke for last (rejections of unreadable frames are counted against it). */
  let station: DeviceDef | null = null;
  const senderKey = () => station?.id ?? ip;
  const reject = (reason: Parameters<Pipeline['reject']>[3], detail: string) => pipeline.reject(senderKey(), station?.id ?? null, 'hj212', reason, detail);

  let idle: NodeJS.Timeout | null = null;
  let partial: NodeJS.Timeout | null = null;
  const close = (reason: 'garbage' | 'slowClient' | null, detail: string) => {
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
  socket.on('error', () => undefined);
  socket.setEncoding('utf8');
  socket.setNoDelay(true);

  socket.on('data', (chunk: string) => {
    buffer += chunk;
    const { frames, rest, garbage } = takeFrames(buffer);
    buffer = rest;
    for (const raw of frames) handleFrame(raw);
    if (frames.length) armIdle();
    const junk = garbage.filter((g) => g.trim() !== '');
    if (junk.length) {
      close('garbage', `${junk.reduce((n, g) => n + g.length, 0)} bytes outside any frame: ${JSON.stringify(junk[0]!.slice(0, 40))}`);
      return;
    }
    if (buffer.length > 1) {
      partial ??= setTimeout(() => close('slowClient', `an unfinished frame for ${Math.round(timeouts.partialMs / 1000)} s`), timeouts.partialMs);
      partial.unref();
    } else if (partial) {
      clearTimeout(partial);
      partial = null;
    }
  });

  function handleFrame(raw: string): void {
    // A frame that lacks its CR LF runs into the next header: count it and read the next one on its own.
    let text = raw;
    for (let inner = text.indexOf('##', 2); inner > 0; inner = text.indexOf('##', 2)) {
      noteStation(text);
      reject('noTerminator', `a frame without CR LF before the next header: ${JSON.stringify(text.slice(0, 40))}`);
      text = text.slice(inner);
    }
    noteStation(text);
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      reject(parsed.problem satisfies Hj212Problem, parsed.detail);
      return;
    }
    if (!accepting()) return;
    const frame = parsed.frame;
    const s = directory.byMn(frame.mn);
    if (!s || s.revoked) {
      pipeline.reject(
        s?.id ?? `mn:${frame.mn.slice(0, 64)}`,
        s?.id ?? null,
        'hj212',
        s ? 'revokedToken' : 'unknownStation',
        s ? 'the station is revoked' : `MN ${frame.mn} from ${ip.slice(3)}`,
      );
      return;
    }
    station = s;
    if (!frame.kind) return; // not uploaded data (a notice, a login): nothing to store, nothing to answer
    const rows = readings(s, frame);
    pipeline.enqueue(s, rows, 'hj212', (err) => {
      if (err || !wantsResponse(frame) || socket.destroyed) return;
      socket.write(dataResponse(frame));
    });
  }

  /** Remembers the station of a frame by its MN (even one that fails its checks) so its problems count against it. */
  function noteStation(text: string): void {
    const mn = /MN=([^;&]{1,64});/.exec(text)?.[1];
    const s = mn ? directory.byMn(mn) : undefined;
    if (s) station = s;
  }

  function readings(s: DeviceDef, frame: Hj212Frame): PointReading[] {
    const rows: PointReading[] = [];
    const now = parts.now();
    const ts = frame.dataTime?.getTime() ?? null;
    if (ts === null) {
      pipeline.reject(s.id, s.id, 'hj212', 'badTimestamp', `CN ${frame.cn} without DataTime`);
      return rows;
    }
    if (ts > now + parts.window.futureMs || ts < now - parts.window.pastMs) {
      pipeline.reject(s.id, s.id, 'hj212', 'outOfWindow', `DataTime ${new Date(ts).toISOString()} is outside the accepted window`);
      return rows;
    }
    const tags = directory.tagsOf(s.id);
    const field = frame.kind === 'realtime' ? 'Rtd' : 'Avg';
    for (const [code, values] of Object.entries(frame.factors)) {
      const point = tags.get(code);
      if (!point) {
        pipeline.reject(s.id, s.id, 'hj212', 'badTag', `factor ${code} is not a point of ${s.name}`);
        continue;
      }
      if (values.Flag !== undefined && !STORED_FLAGS.has(values.Flag)) {
        pipeline.reject(s.id, s.id, 'hj212', 'dataFlag', `${code} flagged ${values.Flag}`);
        continue;
      }
      const value = values[field];
      if (value === undefined) {
        pipeline.reject(s.id, s.id, 'hj212', 'notNumeric', `${code} has no ${field} in CN ${frame.cn}`);
        continue;
      }
      rows.push({ point, ts, value });
    }
    return rows;
  }
}
