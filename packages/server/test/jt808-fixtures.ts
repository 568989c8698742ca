// A tiny JT/T 808 terminal for tests, e2e and the benchmark: connect, register, authenticate, send locations and
// batches, read the platform's answers (matched by the answered serial number).
import { connect, type Socket } from 'node:net';
import {
  AnswerReader,
  buildAuthenticate,
  buildBatch,
  buildDeregister,
  buildHeartbeat,
  buildLocation,
  buildRegister,
  type LocationInput,
  type PlatformAnswer,
  type RegisterInput,
  type TerminalIdentity,
} from '../src/ingest/jt808/terminal.ts';

export type { LocationInput, PlatformAnswer, RegisterInput, TerminalIdentity };

export class Jt808TestTerminal {
  private readonly reader = new AnswerReader();
  private readonly answers: PlatformAnswer[] = [];
  private waiters: { match: (a: PlatformAnswer) => boolean; resolve: (a: PlatformAnswer) => void; reject: (e: Error) => void }[] = [];
  private serial = 0;
  authCode: string | null = null;
  closed = false;

  private constructor(
    readonly identity: TerminalIdentity,
    readonly socket: Socket,
  ) {
    socket.on('data', (chunk: Buffer) => {
      for (const a of this.reader.push(chunk)) {
        const i = this.waiters.findIndex((w) => w.match(a));
        if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(a);
        else this.answers.push(a);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w.reject(new Error('connection closed'));
    });
  }

  static connect(port: number, identity: TerminalIdentity, host = '127.0.0.1'): Promise<Jt808TestTerminal> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => {
        socket.off('error', reject);
        resolve(new Jt808TestTerminal(identity, socket));
      });
      socket.once('error', reject);
    });
  }

  nextSerial(): number {
    this.serial = (this.serial + 1) & 0xffff;
    return this.serial;
  }

  /** Writes raw bytes (a frame, part of one, or garbage). */
  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (err) => (err ? reject(err) : resolve())));
  }

  /** The answer to the message with this serial number (0x8001 or 0x8100), waiting for it. */
  answerTo(serial: number, timeoutMs = 10_000): Promise<PlatformAnswer> {
    const match = (a: PlatformAnswer) => (a.kind === 'general' || a.kind === 'register') && a.answerSerial === serial;
    const i = this.answers.findIndex(match);
    if (i >= 0) return Promise.resolve(this.answers.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no answer to serial ${serial}`));
      }, timeoutMs);
      const done = (a: PlatformAnswer) => {
        clearTimeout(timer);
        resolve(a);
      };
      this.waiters.push({
        match,
        resolve: done,
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  /** Sends a frame built for the next serial number and waits for its answer. */
  async request(build: (serial: number) => Buffer): Promise<PlatformAnswer> {
    const serial = this.nextSerial();
    await this.write(build(serial));
    return this.answerTo(serial);
  }

  async register(r: RegisterInput): Promise<Extract<PlatformAnswer, { kind: 'register' }>> {
    const a = await this.request((s) => buildRegister(this.identity, s, r));
    if (a.kind !== 'register') throw new Error(`unexpected answer ${JSON.stringify(a)}`);
    if (a.result === 0) this.authCode = a.authCode;
    return a;
  }

  async authenticate(code = this.authCode ?? ''): Promise<number> {
    const a = await this.request((s) => buildAuthenticate(this.identity, s, code));
    return a.kind === 'general' ? a.result : -1;
  }

  async heartbeat(): Promise<number> {
    const a = await this.request((s) => buildHeartbeat(this.identity, s));
    return a.kind === 'general' ? a.result : -1;
  }

  async location(l: LocationInput): Promise<number> {
    const a = await this.request((s) => buildLocation(this.identity, s, l));
    return a.kind === 'general' ? a.result : -1;
  }

  async batch(items: readonly LocationInput[], type = 0): Promise<number> {
    const a = await this.request((s) => buildBatch(this.identity, s, items, type));
    return a.kind === 'general' ? a.result : -1;
  }

  async deregister(): Promise<number> {
    const a = await this.request((s) => buildDeregister(this.identity, s));
    return a.kind === 'general' ? a.result : -1;
  }

  /** Register (when no auth code is known yet) and authenticate; throws unless both succeed. */
  async login(r: RegisterInput): Promise<void> {
    if (!this.authCode) {
      const reg = await this.register(r);
      if (reg.result !== 0) throw new Error(`registration refused: ${reg.result}`);
    }
    const auth = await this.authenticate();
    if (auth !== 0) throw new Error(`authentication refused: ${auth}`);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 200).unref();
    });
  }
}
