// JT/T 808 (2011, 2013, 2019) frames: 0x7e delimiters, 0x7d escaping (0x7d 0x02 → 0x7e, 0x7d 0x01 → 0x7d), a
// header (message id, body properties: length 10 bits, encryption bits 10-12, subpackage bit 13, version flag bit 14 =
// 2019; the 2019 protocol version byte; the terminal phone number in BCD, 6 bytes or 10 in 2019; serial number;
// package count and index when subpackaged), the body, and an XOR check code over header and body.
// Decoding never throws: a frame is decoded or refused with one of the stated problems.
// Body decoders for what the platform reads (0x0100 register, 0x0102 authenticate, 0x0200 location, 0x0704 batch,
// 0x0001 terminal general answer) and encoders for what it answers (0x8001, 0x8100) and what terminals send (the
// terminal-side builders in terminal.ts use them).
import iconv from 'iconv-lite';

export const MSG = {
  terminalAnswer: 0x0001,
  heartbeat: 0x0002,
  deregister: 0x0003,
  register: 0x0100,
  authenticate: 0x0102,
  location: 0x0200,
  batch: 0x0704,
  platformAnswer: 0x8001,
  registerAnswer: 0x8100,
} as const;

/** 0x8001 results. */
export const RESULT = { ok: 0, failure: 1, badMessage: 2, unsupported: 3, alarmConfirmed: 4 } as const;
/** 0x8100 results. */
export const REGISTER_RESULT = { ok: 0, vehicleTaken: 1, noVehicle: 2, terminalTaken: 3, noTerminal: 4 } as const;

export type Jt808Version = '2011' | '2013' | '2019';

/** Why a frame is refused. */
export type Jt808Problem = 'badEscape' | 'badCheckCode' | 'truncated' | 'oversize' | 'badLength' | 'malformed';

export interface Jt808Header {
  msgId: number;
  bodyLength: number;
  /** Encryption bits (0 = none, 1 = RSA). */
  encryption: number;
  subpackage: boolean;
  /** True when bit 14 is set: the 2019 header (protocol version byte, 10-byte phone). */
  is2019: boolean;
  /** The 2019 protocol version byte (1 for the first 2019 revision); null before 2019. */
  protocolVersion: number | null;
  /** The phone number as BCD digits (12, or 20 in 2019), as sent. */
  phoneBcd: string;
  serial: number;
  packageCount: number | null;
  packageIndex: number | null;
}

export interface Jt808Frame {
  header: Jt808Header;
  body: Buffer;
}

export type DecodeResult =
  | { ok: true; frame: Jt808Frame }
  | {
      ok: false;
      problem: Jt808Problem;
      detail: string;
      msgId: number | null;
      phoneBcd: string | null;
      /** Known once the header could be read: enough to answer the frame. */
      serial?: number;
      is2019?: boolean;
    };

// ---- escaping and check code ----------------------------------------------------------------------------------

/** The bytes between the delimiters with 0x7d escapes undone, or null when an escape is invalid. */
export function unescapeBytes(inner: Uint8Array): Buffer | null {
  let escapes = 0;
  for (let i = 0; i < inner.length; i++) if (inner[i] === 0x7d) escapes++;
  if (escapes === 0) return Buffer.from(inner.buffer, inner.byteOffset, inner.length);
  const out = Buffer.allocUnsafe(inner.length - escapes);
  let o = 0;
  for (let i = 0; i < inner.length; i++) {
    const b = inner[i]!;
    if (b !== 0x7d) {
      out[o++] = b;
      continue;
    }
    const next = inner[++i];
    if (next === 0x02) out[o++] = 0x7e;
    else if (next === 0x01) out[o++] = 0x7d;
    else return null;
  }
  return out;
}

export function escapeBytes(raw: Uint8Array): Buffer {
  let extra = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i] === 0x7e || raw[i] === 0x7d) extra++;
  const out = Buffer.allocUnsafe(raw.length + extra);
  let o = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x7e) {
      out[o++] = 0x7d;
      out[o++] = 0x02;
    } else if (b === 0x7d) {
      out[o++] = 0x7d;
      out[o++] = 0x01;
    } else out[o++] = b;
  }
  return out;
}

export function checkCode(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

// ---- BCD ---------------------------------------------------------------------------------------------------------

export function bcdToString(buf: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length; i++) s += (buf[i]! >> 4).toString(16) + (buf[i]! & 0x0f).toString(16);
  return s;
}

/** Digits into BCD of `bytes` bytes, left-padded with zeros. */
export function stringToBcd(digits: string, bytes: number): Buffer {
  const d = digits
    .replace(/[^0-9a-fA-F]/g, '')
    .padStart(bytes * 2, '0')
    .slice(-bytes * 2);
  return Buffer.from(d, 'hex');
}

/** The terminal identifier of a phone number: its digits without leading zeros ("0" when all are zeros). */
export function identifierOf(phoneBcd: string): string {
  const s = phoneBcd.toLowerCase().replace(/^0+/, '');
  return s === '' ? '0' : s;
}

// ---- frames ------------------------------------------------------------------------------------------------------

const hexHead = (b: Uint8Array, n = 16) => Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, n)).toString('hex');

/**
 * Decodes the bytes between two 0x7e delimiters (escaped, without the delimiters). `maxBody` bounds the body length
 * (after unescaping).
 */
export function decodeFrame(inner: Uint8Array, maxBody: number): DecodeResult {
  const raw = unescapeBytes(inner);
  if (!raw) return { ok: false, problem: 'badEscape', detail: `0x7d not followed by 0x01 or 0x02: ${hexHead(inner)}…`, msgId: null, phoneBcd: null };
  if (raw.length < 13) {
    return {
      ok: false,
      problem: 'truncated',
      detail: `${raw.length} bytes: shorter than any header (${hexHead(raw)})`,
      msgId: raw.length >= 2 ? raw.readUInt16BE(0) : null,
      phoneBcd: null,
    };
  }
  const msgId = raw.readUInt16BE(0);
  const props = raw.readUInt16BE(2);
  const bodyLength = props & 0x03ff;
  const encryption = (props >> 10) & 0x07;
  const subpackage = (props & 0x2000) !== 0;
  const is2019 = (props & 0x4000) !== 0;
  let p = 4;
  let protocolVersion: number | null = null;
  if (is2019) protocolVersion = raw[p++]!;
  const phoneLen = is2019 ? 10 : 6;
  const headerLen = p + phoneLen + 2 + (subpackage ? 4 : 0);
  if (raw.length < headerLen + 1) {
    return {
      ok: false,
      problem: 'truncated',
      detail: `${raw.length} bytes: shorter than the ${headerLen}-byte header of message 0x${hex4(msgId)}`,
      msgId,
      phoneBcd: null,
    };
  }
  const phoneBcd = bcdToString(raw, p, phoneLen);
  const serial = raw.readUInt16BE(p + phoneLen);
  const fail = (problem: Jt808Problem, detail: string): DecodeResult => ({ ok: false, problem, detail, msgId, phoneBcd, serial, is2019 });
  const expected = checkCode(raw, 0, raw.length - 1);
  const given = raw[raw.length - 1]!;
  if (expected !== given) return fail('badCheckCode', `check code 0x${hex2(given)}, computed 0x${hex2(expected)} (message 0x${hex4(msgId)})`);
  p += phoneLen + 2;
  let packageCount: number | null = null;
  let packageIndex: number | null = null;
  if (subpackage) {
    packageCount = raw.readUInt16BE(p);
    packageIndex = raw.readUInt16BE(p + 2);
    p += 4;
  }
  const actual = raw.length - 1 - p;
  if (bodyLength > maxBody || actual > maxBody) return fail('oversize', `body of ${Math.max(bodyLength, actual)} bytes over the limit of ${maxBody}`);
  if (actual < bodyLength) return fail('truncated', `body of ${actual} bytes, header declares ${bodyLength} (message 0x${hex4(msgId)})`);
  if (actual > bodyLength) return fail('badLength', `body of ${actual} bytes, header declares ${bodyLength} (message 0x${hex4(msgId)})`);
  return {
    ok: true,
    frame: {
      header: { msgId, bodyLength, encryption, subpackage, is2019, protocolVersion, phoneBcd, serial, packageCount, packageIndex },
      body: raw.subarray(p, raw.length - 1),
    },
  };
}

export interface EncodeInput {
  msgId: number;
  /** Phone digits (padded to 12, or 20 in 2019). */
  phone: string;
  serial: number;
  body?: Uint8Array;
  /** The 2019 header (version flag, protocol version byte, 10-byte phone). */
  is2019?: boolean;
  protocolVersion?: number;
}

/** A whole frame: delimiters, escaped header + body + check code. */
export function encodeFrame(m: EncodeInput): Buffer {
  const body = m.body ?? Buffer.alloc(0);
  const is2019 = m.is2019 ?? false;
  const head = Buffer.alloc(is2019 ? 17 : 12);
  head.writeUInt16BE(m.msgId & 0xffff, 0);
  head.writeUInt16BE((body.length & 0x03ff) | (is2019 ? 0x4000 : 0), 2);
  let p = 4;
  if (is2019) head[p++] = m.protocolVersion ?? 1;
  const phone = stringToBcd(m.phone, is2019 ? 10 : 6);
  phone.copy(head, p);
  p += phone.length;
  head.writeUInt16BE(m.serial & 0xffff, p);
  const raw = Buffer.concat([head, body, Buffer.alloc(1)]);
  raw[raw.length - 1] = checkCode(raw, 0, raw.length - 1);
  return Buffer.concat([DELIM, escapeBytes(raw), DELIM]);
}

const DELIM = Buffer.from([0x7e]);

// ---- strings -----------------------------------------------------------------------------------------------------

/** GBK text (zero bytes and trailing blanks removed), or null when it does not decode. */
export function decodeGbk(bytes: Uint8Array): string | null {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20)) end--;
  let start = 0;
  while (start < end && bytes[start] === 0) start++;
  if (start === end) return '';
  const s = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start), 'gbk');
  if (s.includes('\ufffd')) return null;
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u0000/g, '').trim();
}

export function encodeGbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}

/** ASCII field of fixed width (zero bytes and blanks trimmed). */
function ascii(b: Buffer, start: number, length: number): string {
  return (
    b
      .subarray(start, start + length)
      .toString('latin1')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\uffff]/g, '')
      .trim()
  );
}

// ---- bodies the platform reads ---------------------------------------------------------------------------------

export interface RegisterBody {
  version: Jt808Version;
  province: number;
  city: number;
  manufacturer: string;
  model: string;
  terminalId: string;
  plateColor: number;
  /** GBK-decoded plate (or VIN when plateColor is 0); null when it did not decode. */
  plate: string | null;
}

export type BodyResult<T> = { ok: true; value: T } | { ok: false; problem: 'truncated' | 'badGbk' | 'badTimestamp' | 'malformed'; detail: string };

/**
 * 0x0100. 2019 headers: manufacturer 11, model 30, terminal id 30; otherwise 2013 (5, 20, 7) when the body is long
 * enough, else 2011 (5, 8, 7).
 */
export function decodeRegister(body: Buffer, is2019: boolean): BodyResult<RegisterBody> {
  const layout = is2019
    ? { v: '2019' as const, m: 11, mo: 30, t: 30 }
    : body.length >= 37
      ? { v: '2013' as const, m: 5, mo: 20, t: 7 }
      : { v: '2011' as const, m: 5, mo: 8, t: 7 };
  const fixed = 4 + layout.m + layout.mo + layout.t + 1;
  if (body.length < fixed) return { ok: false, problem: 'truncated', detail: `registration body of ${body.length} bytes, at least ${fixed} expected` };
  let p = 4;
  const manufacturer = ascii(body, p, layout.m);
  p += layout.m;
  const model = ascii(body, p, layout.mo);
  p += layout.mo;
  const terminalId = ascii(body, p, layout.t);
  p += layout.t;
  const plateColor = body[p++]!;
  const plate = decodeGbk(body.subarray(p));
  if (plate === null) return { ok: false, problem: 'badGbk', detail: `plate bytes ${body.subarray(p).toString('hex').slice(0, 40)} are not GBK` };
  return {
    ok: true,
    value: { version: layout.v, province: body.readUInt16BE(0), city: body.readUInt16BE(2), manufacturer, model, terminalId, plateColor, plate },
  };
}

export interface AuthenticateBody {
  authCode: string;
  imei: string | null;
  softwareVersion: string | null;
}

/** 0x0102: the auth code (the whole body before 2019; 2019: length byte, code, IMEI 15, software version 20). */
export function decodeAuthenticate(body: Buffer, is2019: boolean): BodyResult<AuthenticateBody> {
  if (!is2019) return { ok: true, value: { authCode: ascii(body, 0, body.length), imei: null, softwareVersion: null } };
  if (body.length < 1) return { ok: false, problem: 'truncated', detail: 'empty authentication body' };
  const n = body[0]!;
  if (body.length < 1 + n) return { ok: false, problem: 'truncated', detail: `auth code of ${n} bytes in a ${body.length}-byte body` };
  const authCode = ascii(body, 1, n);
  const imei = body.length >= 1 + n + 15 ? ascii(body, 1 + n, 15) : null;
  const softwareVersion = body.length >= 1 + n + 35 ? ascii(body, 1 + n + 15, 20) : null;
  return { ok: true, value: { authCode, imei, softwareVersion } };
}

export interface LocationBody {
  alarm: number;
  status: number;
  /** WGS-84 degrees, signed (south and west negative). */
  lat: number;
  lon: number;
  altitudeM: number;
  speedKmh: number;
  course: number;
  /** UTC ms (the terminal reports GMT+8). */
  ts: number;
}

export const STATUS = { fixed: 0x02, south: 0x04, west: 0x08 } as const;

const GMT8 = 8 * 3_600_000;

/** BCD YYMMDDhhmmss in GMT+8 → UTC ms, or null when it is no valid time. */
export function bcdTime(b: Buffer, p: number): number | null {
  const d: number[] = [];
  for (let i = 0; i < 6; i++) {
    const v = b[p + i]!;
    const hi = v >> 4;
    const lo = v & 0x0f;
    if (hi > 9 || lo > 9) return null;
    d.push(hi * 10 + lo);
  }
  const [yy, mo, dd, hh, mi, ss] = d as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59) return null;
  const ms = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss);
  if (new Date(ms).getUTCDate() !== dd) return null;
  return ms - GMT8;
}

export function toBcdTime(utcMs: number): Buffer {
  const t = new Date(utcMs + GMT8);
  const two = (n: number) => String(n).padStart(2, '0');
  return Buffer.from(
    two(t.getUTCFullYear() % 100) + two(t.getUTCMonth() + 1) + two(t.getUTCDate()) + two(t.getUTCHours()) + two(t.getUTCMinutes()) + two(t.getUTCSeconds()),
    'hex',
  );
}

/** 0x0200 (and one item of 0x0704): the 28-byte basic information; additional items are tolerated and ignored. */
export function decodeLocation(body: Buffer): BodyResult<LocationBody> {
  if (body.length < 28) return { ok: false, problem: 'truncated', detail: `location of ${body.length} bytes, at least 28 expected` };
  const alarm = body.readUInt32BE(0);
  const status = body.readUInt32BE(4);
  const latAbs = body.readUInt32BE(8) / 1e6;
  const lonAbs = body.readUInt32BE(12) / 1e6;
  const ts = bcdTime(body, 22);
  if (ts === null) return { ok: false, problem: 'badTimestamp', detail: `time ${body.subarray(22, 28).toString('hex')} is no valid BCD time` };
  return {
    ok: true,
    value: {
      alarm,
      status,
      lat: status & STATUS.south ? -latAbs : latAbs,
      lon: status & STATUS.west ? -lonAbs : lonAbs,
      altitudeM: body.readInt16BE(16),
      speedKmh: body.readUInt16BE(18) / 10,
      course: body.readUInt16BE(20),
      ts,
    },
  };
}

export interface BatchBody {
  /** 0 normal batch, 1 blind-area supplement. */
  type: number;
  items: BodyResult<LocationBody>[];
}

/** 0x0704: count, type, then length-prefixed location items. */
export function decodeBatch(body: Buffer): BodyResult<BatchBody> {
  if (body.length < 3) return { ok: false, problem: 'truncated', detail: `batch of ${body.length} bytes` };
  const count = body.readUInt16BE(0);
  const type = body[2]!;
  const items: BodyResult<LocationBody>[] = [];
  let p = 3;
  for (let i = 0; i < count; i++) {
    if (p + 2 > body.length) return { ok: false, problem: 'truncated', detail: `batch declares ${count} items, ${i} present` };
    const n = body.readUInt16BE(p);
    p += 2;
    if (p + n > body.length) return { ok: false, problem: 'truncated', detail: `batch item ${i + 1} of ${n} bytes runs past the body` };
    items.push(decodeLocation(body.subarray(p, p + n)));
    p += n;
  }
  return { ok: true, value: { type, items } };
}

export interface GeneralAnswer {
  serial: number;
  msgId: number;
  result: number;
}

/** 0x0001 and 0x8001 (answer serial, answer message id, result). */
export function decodeGeneralAnswer(body: Buffer): BodyResult<GeneralAnswer> {
  if (body.length < 5) return { ok: false, problem: 'truncated', detail: `general answer of ${body.length} bytes` };
  return { ok: true, value: { serial: body.readUInt16BE(0), msgId: body.readUInt16BE(2), result: body[4]! } };
}

export interface RegisterAnswer {
  serial: number;
  result: number;
  authCode: string | null;
}

export function decodeRegisterAnswer(body: Buffer): BodyResult<RegisterAnswer> {
  if (body.length < 3) return { ok: false, problem: 'truncated', detail: `registration answer of ${body.length} bytes` };
  const result = body[2]!;
  return { ok: true, value: { serial: body.readUInt16BE(0), result, authCode: result === 0 ? ascii(body, 3, body.length - 3) : null } };
}

// ---- bodies the platform sends ---------------------------------------------------------------------------------

export function generalAnswerBody(serial: number, msgId: number, result: number): Buffer {
  const b = Buffer.alloc(5);
  b.writeUInt16BE(serial & 0xffff, 0);
  b.writeUInt16BE(msgId & 0xffff, 2);
  b[4] = result;
  return b;
}

export function registerAnswerBody(serial: number, result: number, authCode: string | null): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt16BE(serial & 0xffff, 0);
  head[2] = result;
  return result === 0 && authCode ? Buffer.concat([head, Buffer.from(authCode, 'latin1')]) : head;
}

export const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const hex2 = (n: number) => n.toString(16).padStart(2, '0');
