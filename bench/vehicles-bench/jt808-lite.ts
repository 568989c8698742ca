// A minimal JT/T 808 terminal codec for the vehicles benchmark's load generator: builds the frames a terminal sends
// (0x0100 register, 0x0102 authenticate, 0x0002 heartbeat, 0x0200 location, 0x0704 batch) in the 2013 and 2019
// layouts, and splits and unescapes what the platform answers (0x8100 registration answer, 0x8001 general answer).
// Written for speed, not for completeness: the platform's own decoder is the one under test.
import iconv from 'iconv-lite';

export type Jt808Version = '2013' | '2019';

export const MSG = {
  terminalAnswer: 0x0001,
  heartbeat: 0x0002,
  register: 0x0100,
  authenticate: 0x0102,
  location: 0x0200,
  batchLocation: 0x0704,
  platformAnswer: 0x8001,
  registerAnswer: 0x8100,
} as const;

/** BCD of a phone number, left-padded with zeros to 12 (2013) or 20 (2019) digits. */
export function bcdPhone(phone: string, version: Jt808Version): Buffer {
  const digits = phone.padStart(version === '2019' ? 20 : 12, '0');
  const out = Buffer.allocUnsafe(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = ((digits.charCodeAt(2 * i) - 48) << 4) | (digits.charCodeAt(2 * i + 1) - 48);
  return out;
}

/** Escapes 0x7e / 0x7d and wraps in 0x7e; `raw` is header + body + check code. */
function wrap(raw: Buffer): Buffer {
  let extra = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i] === 0x7e || raw[i] === 0x7d) extra++;
  const out = Buffer.allocUnsafe(raw.length + extra + 2);
  out[0] = 0x7e;
  let j = 1;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x7e) {
      out[j++] = 0x7d;
      out[j++] = 0x02;
    } else if (b === 0x7d) {
      out[j++] = 0x7d;
      out[j++] = 0x01;
    } else out[j++] = b;
  }
  out[j] = 0x7e;
  return out;
}

/** One frame: header (2019: version flag and protocol version 1), body, XOR check code, escaped and delimited. */
export function frame(msgId: number, phoneBcd: Buffer, serial: number, body: Buffer, version: Jt808Version): Buffer {
  const v19 = version === '2019';
  const headerLen = v19 ? 17 : 12;
  const raw = Buffer.allocUnsafe(headerLen + body.length + 1);
  raw.writeUInt16BE(msgId, 0);
  raw.writeUInt16BE((body.length & 0x3ff) | (v19 ? 0x4000 : 0), 2);
  let o = 4;
  if (v19) raw[o++] = 1;
  phoneBcd.copy(raw, o);
  o += phoneBcd.length;
  raw.writeUInt16BE(serial & 0xffff, o);
  o += 2;
  body.copy(raw, o);
  o += body.length;
  let cs = 0;
  for (let i = 0; i < o; i++) cs ^= raw[i]!;
  raw[o] = cs;
  return wrap(raw);
}

function fixed(text: string, len: number): Buffer {
  const out = Buffer.alloc(len);
  Buffer.from(text, 'ascii').copy(out, 0, 0, len);
  return out;
}

/** 0x0100 body: province, city, manufacturer, model, terminal id, plate colour (2 = yellow), plate (GBK). */
export function registerBody(o: { terminalId: string; plate: string; version: Jt808Version }): Buffer {
  const v19 = o.version === '2019';
  const head = Buffer.alloc(4);
  head.writeUInt16BE(35, 0); // Fujian
  head.writeUInt16BE(600, 2);
  return Buffer.concat([
    head,
    fixed('BENCH', v19 ? 11 : 5),
    fixed('ZO-SIM', v19 ? 30 : 20),
    fixed(o.terminalId, v19 ? 30 : 7),
    Buffer.from([2]),
    iconv.encode(o.plate, 'gbk'),
  ]);
}

/** 0x0102 body: 2013 the auth code alone; 2019 its length, the code, IMEI (15) and software version (20). */
export function authBody(code: string, version: Jt808Version): Buffer {
  const c = Buffer.from(code, 'latin1');
  if (version === '2013') return c;
  return Buffer.concat([Buffer.from([c.length]), c, fixed('86000000000000', 15), fixed('bench-1.0', 20)]);
}

export interface Fix {
  /** Device time, ms since epoch (whole seconds are sent). */
  ts: number;
  lat: number;
  lon: number;
  speedKmh: number;
  course: number;
  alarm?: number;
}

const BCD = (n: number) => ((Math.floor(n / 10) % 10) << 4) | (n % 10);

/** 0x0200 body (28 bytes, no additional items): alarm, status (ACC on, located), lat, lon, altitude, speed, course, BCD time GMT+8. */
export function locationBody(f: Fix, out: Buffer = Buffer.allocUnsafe(28), at = 0): Buffer {
  out.writeUInt32BE(f.alarm ?? 0, at);
  out.writeUInt32BE(0x3, at + 4);
  out.writeUInt32BE(Math.round(f.lat * 1e6), at + 8);
  out.writeUInt32BE(Math.round(f.lon * 1e6), at + 12);
  out.writeUInt16BE(12, at + 16);
  out.writeUInt16BE(Math.round(f.speedKmh * 10), at + 18);
  out.writeUInt16BE(Math.round(f.course) % 360, at + 20);
  const d = new Date(Math.floor(f.ts / 1000) * 1000 + 8 * 3_600_000);
  out[at + 22] = BCD(d.getUTCFullYear() % 100);
  out[at + 23] = BCD(d.getUTCMonth() + 1);
  out[at + 24] = BCD(d.getUTCDate());
  out[at + 25] = BCD(d.getUTCHours());
  out[at + 26] = BCD(d.getUTCMinutes());
  out[at + 27] = BCD(d.getUTCSeconds());
  return out;
}

/** 0x0704 body: count, type 0 (normal), then each location body with its length. */
export function batchBody(fixes: readonly Fix[]): Buffer {
  const out = Buffer.allocUnsafe(3 + fixes.length * 30);
  out.writeUInt16BE(fixes.length, 0);
  out[2] = 0;
  let o = 3;
  for (const f of fixes) {
    out.writeUInt16BE(28, o);
    locationBody(f, out, o + 2);
    o += 30;
  }
  return out;
}

export interface Incoming {
  msgId: number;
  serial: number;
  body: Buffer;
}

/** Splits a TCP stream into frames (across chunks), unescapes them and checks the check code. */
export class FrameSplitter {
  private pending: Buffer | null = null;
  badFrames = 0;

  push(chunk: Buffer, onFrame: (m: Incoming) => void): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let start = buf.indexOf(0x7e);
    while (start >= 0) {
      const end = buf.indexOf(0x7e, start + 1);
      if (end < 0) {
        this.pending = buf.subarray(start);
        return;
      }
      if (end === start + 1) {
        start = end; // two delimiters in a row: the second opens the next frame
        continue;
      }
      const m = this.decode(buf.subarray(start + 1, end));
      if (m) onFrame(m);
      else this.badFrames++;
      start = buf.indexOf(0x7e, end + 1);
    }
  }

  private decode(esc: Buffer): Incoming | null {
    const raw = Buffer.allocUnsafe(esc.length);
    let n = 0;
    for (let i = 0; i < esc.length; i++) {
      const b = esc[i]!;
      if (b === 0x7d) {
        const next = esc[++i];
        raw[n++] = next === 0x02 ? 0x7e : 0x7d;
      } else raw[n++] = b;
    }
    if (n < 13) return null;
    let cs = 0;
    for (let i = 0; i < n - 1; i++) cs ^= raw[i]!;
    if (cs !== raw[n - 1]) return null;
    const props = raw.readUInt16BE(2);
    const v19 = (props & 0x4000) !== 0;
    const headerLen = (v19 ? 17 : 12) + (props & 0x2000 ? 4 : 0);
    const len = props & 0x3ff;
    if (headerLen + len + 1 > n) return null;
    return { msgId: raw.readUInt16BE(0), serial: raw.readUInt16BE(headerLen - 2 - (props & 0x2000 ? 4 : 0)), body: raw.subarray(headerLen, headerLen + len) };
  }
}
