// HJ 212-2017 (污染物在线监控（监测）系统数据传输标准), the protocol of environmental monitoring stations (DOMAIN §10):
// a frame is `##` + the data segment's length in 4 decimal digits + the data segment + its CRC16 in 4 hex digits +
// CRLF. The data segment is `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;CP=&&…&&`; CP holds `DataTime=yyyyMMddHHmmss` and per
// factor `a34004-Rtd=34.2,a34004-Flag=N`. Pure functions: the TCP server frames the stream with `takeFrames`, checks
// and reads each with `parseFrame`, and answers with `dataResponse` when the station asks for one (Flag bit 0).

/** The CRC of HJ 212-2017 appendix: CRC-16 over the data segment's bytes, register 0xFFFF, poly 0xA001, high byte in. */
export function hj212Crc(segment: string | Uint8Array): string {
  const bytes = typeof segment === 'string' ? new TextEncoder().encode(segment) : segment;
  let reg = 0xffff;
  for (const b of bytes) {
    reg = (reg >> 8) ^ b;
    for (let j = 0; j < 8; j++) {
      const carry = reg & 1;
      reg >>= 1;
      if (carry) reg ^= 0xa001;
    }
  }
  return reg.toString(16).toUpperCase().padStart(4, '0');
}

/** The data segment's length may not exceed this (4 digits; the standard limits a segment to 1,024 bytes). */
export const HJ212_MAX_SEGMENT = 1024;

/** Command numbers (CN) of uploaded data. */
export const hj212DataCommands = { 2011: 'realtime', 2051: 'minute', 2061: 'hour', 2031: 'day' } as const;
export type Hj212DataKind = (typeof hj212DataCommands)[keyof typeof hj212DataCommands];

/** Well-known factor codes (air: ST 22; surface water: ST 32). */
export const hj212Factors: Record<string, { zh: string; en: string; unit: string }> = {
  a34004: { zh: 'PM2.5', en: 'PM2.5', unit: 'μg/m³' },
  a34002: { zh: 'PM10', en: 'PM10', unit: 'μg/m³' },
  a21026: { zh: '二氧化硫', en: 'SO₂', unit: 'μg/m³' },
  a21004: { zh: '二氧化氮', en: 'NO₂', unit: 'μg/m³' },
  a21005: { zh: '一氧化碳', en: 'CO', unit: 'mg/m³' },
  a05024: { zh: '臭氧', en: 'O₃', unit: 'μg/m³' },
  w01018: { zh: '化学需氧量', en: 'COD', unit: 'mg/L' },
  w21003: { zh: '氨氮', en: 'Ammonia nitrogen', unit: 'mg/L' },
  w21011: { zh: '总磷', en: 'Total phosphorus', unit: 'mg/L' },
  w21001: { zh: '总氮', en: 'Total nitrogen', unit: 'mg/L' },
};

export type Hj212Problem = 'noHeader' | 'badLength' | 'tooLong' | 'badCrc' | 'noTerminator' | 'malformed';

/** One factor's values in a data frame: Rtd (real time), Avg, Min, Max, Cou (cumulative), and the data flag. */
export interface Hj212FactorValues {
  Rtd?: number;
  Avg?: number;
  Min?: number;
  Max?: number;
  Cou?: number;
  Flag?: string;
}

export interface Hj212Frame {
  /** Request number: yyyyMMddHHmmssSSS. */
  qn: string | null;
  st: string;
  cn: string;
  pw: string | null;
  mn: string;
  /** Flag: bit 0 = the station asks for a response; the version in bits 2–7. */
  flag: number;
  /** The data time (CP DataTime) as an instant: station clocks are Beijing time. */
  dataTime: Date | null;
  kind: Hj212DataKind | null;
  factors: Record<string, Hj212FactorValues>;
  /** CP fields that are not per-factor (RtdInterval=30, …). */
  cp: Record<string, string>;
  segment: string;
}

export type Hj212Result = { ok: true; frame: Hj212Frame } | { ok: false; problem: Hj212Problem; detail: string };

const fail = (problem: Hj212Problem, detail: string): Hj212Result => ({ ok: false, problem, detail });

/** Beijing time yyyyMMddHHmmss → instant, or null when it is not a real date. */
export function hj212Time(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  const at = new Date(Date.UTC(y!, mo! - 1, d!, h! - 8, mi!, se!));
  const back = new Date(at.getTime() + 8 * 3_600_000);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h) return null;
  return at;
}

/** Reads `k=v;k=v` (the segment) or `k=v,k=v;…` (CP) into pairs; a part without `=` is malformed. */
function pairs(text: string, separators: RegExp): [string, string][] | null {
  const out: [string, string][] = [];
  for (const part of text.split(separators)) {
    if (part === '') continue;
    const i = part.indexOf('=');
    if (i <= 0) return null;
    out.push([part.slice(0, i), part.slice(i + 1)]);
  }
  return out;
}

/** Checks and reads one complete frame (header to CRLF). */
export function parseFrame(raw: string): Hj212Result {
  if (!raw.startsWith('##')) return fail('noHeader', 'a frame starts with ##');
  if (!raw.endsWith('\r\n')) return fail('noTerminator', 'a frame ends with CR LF');
  const lengthText = raw.slice(2, 6);
  if (!/^\d{4}$/.test(lengthText)) return fail('badLength', `length "${lengthText}" is not 4 digits`);
  const length = Number(lengthText);
  if (length > HJ212_MAX_SEGMENT) return fail('tooLong', `segment of ${length} bytes (at most ${HJ212_MAX_SEGMENT})`);
  const body = raw.slice(6, -2);
  const bytes = new TextEncoder().encode(body);
  if (bytes.length !== length + 4) return fail('badLength', `declared ${length} bytes, found ${bytes.length - 4}`);
  const segmentBytes = bytes.subarray(0, length);
  const segment = new TextDecoder().decode(segmentBytes);
  const crc = new TextDecoder().decode(bytes.subarray(length)).toUpperCase();
  const expected = hj212Crc(segmentBytes);
  if (crc !== expected) return fail('badCrc', `CRC ${crc}, expected ${expected}`);
  return readSegment(segment);
}

function readSegment(segment: string): Hj212Result {
  const cpStart = segment.indexOf('CP=&&');
  if (cpStart < 0 || !segment.endsWith('&&')) return fail('malformed', 'no CP=&&…&&');
  const head = pairs(segment.slice(0, cpStart), /;/);
  if (!head) return fail('malformed', 'a field without "="');
  const fields = new Map(head);
  const mn = fields.get('MN');
  const st = fields.get('ST');
  const cn = fields.get('CN');
  if (!mn || !st || !cn) return fail('malformed', 'MN, ST and CN are required');
  const cpText = segment.slice(cpStart + 5, -2);
  const cpPairs = pairs(cpText, /[;,]/);
  if (!cpPairs) return fail('malformed', 'a CP field without "="');
  const factors: Record<string, Hj212FactorValues> = {};
  const cp: Record<string, string> = {};
  for (const [key, value] of cpPairs) {
    const m = /^([a-z]\d{5}|[a-zA-Z]\w*?)-(Rtd|Avg|Min|Max|Cou|Flag)$/.exec(key);
    if (!m) {
      cp[key] = value;
      continue;
    }
    const [, code, field] = m as unknown as [string, string, keyof Hj212FactorValues];
    const f = (factors[code] ??= {});
    if (field === 'Flag') f.Flag = value;
    else {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) return fail('malformed', `${key}=${value} is not a number`);
      f[field] = n;
    }
  }
  const dataTime = cp.DataTime !== undefined ? hj212Time(cp.DataTime) : null;
  if (cp.DataTime !== undefined && !dataTime) return fail('malformed', `DataTime=${cp.DataTime} is not a date`);
  const flag = fields.has('Flag') ? Number(fields.get('Flag')) : 0;
  if (!Number.isInteger(flag) || flag < 0 || flag > 255) return fail('malformed', `Flag=${fields.get('Flag')}`);
  return {
    ok: true,
    frame: {
      qn: fields.get('QN') ?? null,
      st,
      cn,
      pw: fields.get('PW') ?? null,
      mn,
      flag,
      dataTime,
      kind: hj212DataCommands[Number(cn) as keyof typeof hj212DataCommands] ?? null,
      factors,
      cp,
      segment,
    },
  };
}

/** Wraps a data segment into a frame with its length and CRC. */
export function buildFrame(segment: string): string {
  const length = new TextEncoder().encode(segment).length;
  if (length > 9999) throw new Error('an HJ 212 segment is at most 9999 bytes');
  return `##${String(length).padStart(4, '0')}${segment}${hj212Crc(segment)}\r\n`;
}

/** Whether the station asked for an answer (Flag bit 0, "A"). */
export const wantsResponse = (frame: Pick<Hj212Frame, 'flag'>) => (frame.flag & 1) === 1;

/** The data response (数据应答, CN=9014) to an uploaded frame: same QN, MN and PW; ST=91 (system interaction). */
export function dataResponse(frame: Pick<Hj212Frame, 'qn' | 'mn' | 'pw' | 'cn'>): string {
  return buildFrame(`QN=${frame.qn ?? ''};ST=91;CN=9014;PW=${frame.pw ?? ''};MN=${frame.mn};Flag=4;CP=&&&&`);
}

/**
 * Splits a TCP stream into frames: whatever precedes `##` is garbage, a frame ends with CRLF. Returns the complete
 * frames, the unfinished tail to keep, and the garbage skipped. A tail longer than a frame can be is garbage too,
 * so a client that never sends CRLF cannot make the buffer grow.
 */
export function takeFrames(buffer: string): { frames: string[]; rest: string; garbage: string[] } {
  const frames: string[] = [];
  const garbage: string[] = [];
  let at = 0;
  const maxFrame = 2 + 4 + HJ212_MAX_SEGMENT + 4 + 2;
  for (;;) {
    const start = buffer.indexOf('##', at);
    if (start < 0) {
      const tail = buffer.slice(at);
      // keep a lone trailing '#' (the start of the next header)
      const keep = tail.endsWith('#') ? '#' : '';
      const junk = tail.slice(0, tail.length - keep.length);
      if (junk) garbage.push(junk);
      return { frames, rest: keep, garbage };
    }
    if (start > at) garbage.push(buffer.slice(at, start));
    const end = buffer.indexOf('\r\n', start);
    if (end < 0) {
      const rest = buffer.slice(start);
      if (rest.length > maxFrame) {
        garbage.push(rest);
        return { frames, rest: '', garbage };
      }
      return { frames, rest, garbage };
    }
    frames.push(buffer.slice(start, end + 2));
    at = end + 2;
  }
}
