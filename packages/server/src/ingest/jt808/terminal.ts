// Terminal-side JT/T 808 messages: what a vehicle terminal sends (register, authenticate, heartbeat, location, batch,
// deregister, general answer) and a reader of what the platform answers. Used by the tests, the simulator and the
// benchmark; each builder returns one whole frame (delimiters, escaping, check code).
import {
  MSG,
  decodeFrame,
  decodeGeneralAnswer,
  decodeRegisterAnswer,
  encodeFrame,
  encodeGbk,
  generalAnswerBody,
  toBcdTime,
  STATUS,
  type Jt808Frame,
  type Jt808Version,
} from './codec.ts';
import { FrameSplitter } from './splitter.ts';

export interface TerminalIdentity {
  /** Phone number digits (up to 12, or 20 in 2019). */
  phone: string;
  version: Jt808Version;
}

export interface RegisterInput {
  plate: string;
  /** 1 blue, 2 yellow, 3 black, 4 white, 9 other; 0 = no plate (VIN in the plate field). */
  plateColor?: number;
  province?: number;
  city?: number;
  manufacturer?: string;
  model?: string;
  terminalId?: string;
}

export interface LocationInput {
  /** WGS-84 degrees (negative: south / west). */
  lat: number;
  lon: number;
  /** Device time (UTC ms or Date); sent as GMT+8 BCD. */
  time: number | Date;
  speedKmh?: number;
  course?: number;
  altitudeM?: number;
  alarm?: number;
  /** Status bits; the fixed bit and the south/west bits are set from the coordinates unless given. */
  status?: number;
}

const header = (t: TerminalIdentity, msgId: number, serial: number, body: Buffer) =>
  encodeFrame({ msgId, phone: t.phone, serial, body, is2019: t.version === '2019', protocolVersion: 1 });

function fixed(text: string, width: number): Buffer {
  const b = Buffer.alloc(width);
  Buffer.from(text, 'latin1').copy(b, 0, 0, width);
  return b;
}

export function buildRegister(t: TerminalIdentity, serial: number, r: RegisterInput): Buffer {
  const w = t.version === '2019' ? { m: 11, mo: 30, t: 30 } : t.version === '2013' ? { m: 5, mo: 20, t: 7 } : { m: 5, mo: 8, t: 7 };
  const head = Buffer.alloc(4);
  head.writeUInt16BE(r.province ?? 32, 0);
  head.writeUInt16BE(r.city ?? 1100, 2);
  const body = Buffer.concat([
    head,
    fixed(r.manufacturer ?? 'ZOSIM', w.m),
    fixed(r.model ?? 'SIM-808', w.mo),
    fixed(r.terminalId ?? t.phone.slice(-7), w.t),
    Buffer.from([r.plateColor ?? 2]),
    encodeGbk(r.plate),
  ]);
  return header(t, MSG.register, serial, body);
}

export function buildAuthenticate(t: TerminalIdentity, serial: number, authCode: string, extra: { imei?: string; softwareVersion?: string } = {}): Buffer {
  const code = Buffer.from(authCode, 'latin1');
  const body =
    t.version === '2019'
      ? Buffer.concat([Buffer.from([code.length]), code, fixed(extra.imei ?? '860000000000000', 15), fixed(extra.softwareVersion ?? '1.0.0', 20)])
      : code;
  return header(t, MSG.authenticate, serial, body);
}

export function buildHeartbeat(t: TerminalIdentity, serial: number): Buffer {
  return header(t, MSG.heartbeat, serial, Buffer.alloc(0));
}

export function buildDeregister(t: TerminalIdentity, serial: number): Buffer {
  return header(t, MSG.deregister, serial, Buffer.alloc(0));
}

/** A terminal's general answer (0x0001) to a platform message. */
export function buildTerminalAnswer(t: TerminalIdentity, serial: number, answerSerial: number, answerMsgId: number, result = 0): Buffer {
  return header(t, MSG.terminalAnswer, serial, generalAnswerBody(answerSerial, answerMsgId, result));
}

/** The 28-byte basic location information (plus one mileage item, as most terminals send). */
export function locationBody(l: LocationInput): Buffer {
  const b = Buffer.alloc(28 + 6);
  const status = l.status ?? STATUS.fixed | (l.lat < 0 ? STATUS.south : 0) | (l.lon < 0 ? STATUS.west : 0);
  b.writeUInt32BE((l.alarm ?? 0) >>> 0, 0);
  b.writeUInt32BE(status >>> 0, 4);
  b.writeUInt32BE(Math.round(Math.abs(l.lat) * 1e6), 8);
  b.writeUInt32BE(Math.round(Math.abs(l.lon) * 1e6), 12);
  b.writeInt16BE(Math.round(l.altitudeM ?? 0), 16);
  b.writeUInt16BE(Math.round((l.speedKmh ?? 0) * 10), 18);
  b.writeUInt16BE(Math.round(l.course ?? 0), 20);
  toBcdTime(typeof l.time === 'number' ? l.time : l.time.getTime()).copy(b, 22);
  // Additional item 0x01 mileage (4 bytes, 0.1 km): ignored by the platform, present to exercise the parser.
  b[28] = 0x01;
  b[29] = 4;
  b.writeUInt32BE(12345, 30);
  return b;
}

export function buildLocation(t: TerminalIdentity, serial: number, l: LocationInput): Buffer {
  return header(t, MSG.location, serial, locationBody(l));
}

/** 0x0704 with `type` 0 (normal) or 1 (blind-area supplement). At most about 25 items fit the 1023-byte body. */
export function buildBatch(t: TerminalIdentity, serial: number, items: readonly LocationInput[], type = 0): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(3);
  head.writeUInt16BE(items.length, 0);
  head[2] = type;
  parts.push(head);
  for (const l of items) {
    const body = locationBody(l);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(body.length, 0);
    parts.push(len, body);
  }
  return header(t, MSG.batch, serial, Buffer.concat(parts));
}

/** What the platform answered. */
export type PlatformAnswer =
  | { kind: 'general'; serial: number; answerSerial: number; answerMsgId: number; result: number }
  | { kind: 'register'; serial: number; answerSerial: number; result: number; authCode: string | null }
  | { kind: 'other'; msgId: number; serial: number; frame: Jt808Frame };

/** Reads platform answers from a stream of chunks (a terminal's socket). */
export class AnswerReader {
  private readonly splitter = new FrameSplitter(8192);

  push(chunk: Buffer): PlatformAnswer[] {
    const out: PlatformAnswer[] = [];
    for (const e of this.splitter.push(chunk)) {
      if (e.kind !== 'frame') continue;
      const d = decodeFrame(e.inner, 4096);
      if (!d.ok) continue;
      const { header: h, body } = d.frame;
      if (h.msgId === MSG.platformAnswer) {
        const a = decodeGeneralAnswer(body);
        if (a.ok) out.push({ kind: 'general', serial: h.serial, answerSerial: a.value.serial, answerMsgId: a.value.msgId, result: a.value.result });
      } else if (h.msgId === MSG.registerAnswer) {
        const a = decodeRegisterAnswer(body);
        if (a.ok) out.push({ kind: 'register', serial: h.serial, answerSerial: a.value.serial, result: a.value.result, authCode: a.value.authCode });
      } else out.push({ kind: 'other', msgId: h.msgId, serial: h.serial, frame: d.frame });
    }
    return out;
  }
}
