// A minimal MQTT 3.1.1 publisher for the ingest benchmark: CONNECT (user name = token), PUBLISH at QoS 1 with
// packet ids, PUBACK counting, DISCONNECT. Written on a raw socket so that a generator process can hold thousands of
// connections and send tens of thousands of messages a second without its own cost hiding the platform's.
import { connect as netConnect, type Socket } from 'node:net';

export interface LiteOptions {
  host: string;
  port: number;
  clientId: string;
  username?: string;
  /** Seconds; 0 = no keep-alive (the benchmark's connections are never idle long). */
  keepalive?: number;
  connectTimeoutMs?: number;
}

function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(2 + b.length);
  out.writeUInt16BE(b.length, 0);
  b.copy(out, 2);
  return out;
}

function connectPacket(o: LiteOptions): Buffer {
  const flags = 0x02 | (o.username !== undefined ? 0x80 : 0);
  const variable = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, flags, (o.keepalive ?? 0) >> 8, (o.keepalive ?? 0) & 0xff]);
  const payload = Buffer.concat([str(o.clientId), ...(o.username !== undefined ? [str(o.username)] : [])]);
  const rest = Buffer.concat([variable, payload]);
  return Buffer.concat([Buffer.from([0x10, ...varint(rest.length)]), rest]);
}

/** One connection. `inflight` maps packet ids to the publish time (ms); acked/published count messages. */
export class MqttLite {
  published = 0;
  acked = 0;
  /** Messages acknowledged more than once or for an unknown id (should stay 0). */
  strayAcks = 0;
  closed = false;
  readonly inflight = new Map<number, number>();
  onAck: ((sentAt: number) => void) | undefined;
  onClose: (() => void) | undefined;
  private nextId = 1;
  private buf: Buffer = Buffer.alloc(0);
  private readonly topics = new Map<string, Buffer>();

  private constructor(private readonly socket: Socket) {}

  static connect(o: LiteOptions): Promise<MqttLite> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: o.host, port: o.port });
      socket.setNoDelay(true);
      const client = new MqttLite(socket);
      let settled = false;
      const timer = setTimeout(() => fail(new Error(`CONNACK timeout (${o.clientId})`)), o.connectTimeoutMs ?? 15_000);
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(e);
      };
      socket.once('error', fail);
      socket.once('connect', () => socket.write(connectPacket(o)));
      socket.on('close', () => {
        client.closed = true;
        if (!settled) fail(new Error(`closed before CONNACK (${o.clientId})`));
        else client.onClose?.();
      });
      client.onConnack = (rc) => {
        if (settled) return;
        if (rc !== 0) return fail(new Error(`CONNACK ${rc} (${o.clientId})`));
        settled = true;
        clearTimeout(timer);
        socket.removeListener('error', fail);
        socket.on('error', () => undefined);
        resolve(client);
      };
      socket.on('data', (chunk: Buffer) => client.read(chunk));
    });
  }

  private onConnack: (rc: number) => void = () => undefined;

  private read(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      if (this.buf.length - pos < 2) break;
      const type = this.buf[pos]! >> 4;
      let len = 0;
      let mul = 1;
      let i = pos + 1;
      let complete = false;
      for (; i < this.buf.length && i < pos + 5; i++) {
        const b = this.buf[i]!;
        len += (b & 0x7f) * mul;
        mul *= 128;
        if (!(b & 0x80)) {
          complete = true;
          i++;
          break;
        }
      }
      if (!complete || this.buf.length - i < len) break;
      if (type === 2) this.onConnack(this.buf[i + 1]!);
      else if (type === 4) {
        const id = this.buf.readUInt16BE(i);
        const sentAt = this.inflight.get(id);
        if (sentAt === undefined) this.strayAcks++;
        else {
          this.inflight.delete(id);
          this.acked++;
          this.onAck?.(sentAt);
        }
      }
      pos = i + len;
    }
    this.buf = pos >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(pos);
  }

  /** Publishes at QoS 1; returns false (and sends nothing) when the connection is closed or 65,535 are in flight. */
  publish(topic: string, payload: string | Buffer, now = Date.now()): boolean {
    if (this.closed || this.inflight.size >= 65_000) return false;
    let t = this.topics.get(topic);
    if (!t) {
      t = str(topic);
      this.topics.set(topic, t);
    }
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    let id = this.nextId;
    while (this.inflight.has(id)) id = id === 65_535 ? 1 : id + 1;
    this.nextId = id === 65_535 ? 1 : id + 1;
    const remaining = t.length + 2 + body.length;
    const head = varint(remaining);
    const packet = Buffer.allocUnsafe(1 + head.length + remaining);
    packet[0] = 0x32;
    for (let k = 0; k < head.length; k++) packet[1 + k] = head[k]!;
    let o = 1 + head.length;
    t.copy(packet, o);
    o += t.length;
    packet.writeUInt16BE(id, o);
    body.copy(packet, o + 2);
    this.inflight.set(id, now);
    this.published++;
    this.socket.write(packet);
    return true;
  }

  end(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end(Buffer.from([0xe0, 0x00]));
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 2000).unref();
    });
  }
}
