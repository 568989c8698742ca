// The JT/T 808 codec and frame splitter: every frame of the real-device capture is decoded, answered as unsupported,
// or rejected with a stated reason (those marked with a wrong check code as badCheckCode); encode/decode round trips
// (2013 and 2019 headers, escaping); frames reassembled across any chunking; fuzzing (fast-check): arbitrary bytes
// and mutated valid frames never make the splitter or the decoder throw, and the splitter's buffer stays bounded.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MSG,
  bcdTime,
  decodeAuthenticate,
  decodeBatch,
  decodeFrame,
  decodeGeneralAnswer,
  decodeLocation,
  decodeRegister,
  encodeFrame,
  escapeBytes,
  identifierOf,
  toBcdTime,
  unescapeBytes,
} from './codec.ts';
import { FrameSplitter } from './splitter.ts';
import { AnswerReader, buildAuthenticate, buildBatch, buildLocation, buildRegister, locationBody } from './terminal.ts';

const TSV = new URL('../../../test/fixtures/jt808/real-device-frames.tsv', import.meta.url);
const MAX_BODY = 4096;
const REASONS = new Set(['badCheckCode', 'badEscape', 'truncated', 'oversize', 'badLength', 'malformed', 'badGbk', 'badTimestamp', 'garbage']);

interface Capture {
  msgId: string;
  checkOk: boolean;
  asserted: string;
  hex: string;
}

function captures(): Capture[] {
  const lines = readFileSync(TSV, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  return lines.slice(1).map((l) => {
    const [msgId, ok, , asserted, hex] = l.split('\t');
    return { msgId: msgId!, checkOk: ok === 'yes', asserted: asserted ?? '', hex: hex!.trim() };
  });
}

type Outcome =
  { kind: 'decoded'; msgId: number; detail?: unknown } | { kind: 'unsupported'; msgId: number } | { kind: 'rejected'; reason: string; detail: string };

/** What the server does with a frame, short of the terminal's state: decoded, unsupported, or rejected (reason). */
function classify(inner: Buffer): Outcome {
  const d = decodeFrame(inner, MAX_BODY);
  if (!d.ok) return { kind: 'rejected', reason: d.problem, detail: d.detail };
  const { header: h, body } = d.frame;
  if (h.subpackage || h.encryption) return { kind: 'unsupported', msgId: h.msgId };
  const body1 = (r: { ok: true; value: unknown } | { ok: false; problem: string; detail: string }): Outcome =>
    r.ok ? { kind: 'decoded', msgId: h.msgId, detail: r.value } : { kind: 'rejected', reason: r.problem, detail: r.detail };
  switch (h.msgId) {
    case MSG.register:
      return body1(decodeRegister(body, h.is2019));
    case MSG.authenticate:
      return body1(decodeAuthenticate(body, h.is2019));
    case MSG.location:
      return body1(decodeLocation(body));
    case MSG.batch: {
      const b = decodeBatch(body);
      if (!b.ok) return { kind: 'rejected', reason: b.problem, detail: b.detail };
      return { kind: 'decoded', msgId: h.msgId, detail: b.value.items.map((i) => (i.ok ? i.value : i.problem)) };
    }
    case MSG.terminalAnswer:
      return body1(decodeGeneralAnswer(body));
    case MSG.heartbeat:
    case MSG.deregister:
      return { kind: 'decoded', msgId: h.msgId };
    default:
      return { kind: 'unsupported', msgId: h.msgId };
  }
}

function outcomesOf(hex: string): Outcome[] {
  const s = new FrameSplitter(MAX_BODY * 2 + 64);
  const out: Outcome[] = [];
  for (const e of s.push(Buffer.from(hex, 'hex'))) {
    if (e.kind === 'frame') out.push(classify(e.inner));
    else if (e.kind === 'garbage') out.push({ kind: 'rejected', reason: 'garbage', detail: `${e.bytes} bytes outside any frame` });
    else out.push({ kind: 'rejected', reason: 'oversize', detail: `${e.bytes} bytes` });
  }
  return out;
}

describe('real-device frames (Traccar test vectors)', () => {
  const all = captures();

  it('holds the capture', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((c) => !c.checkOk)).toHaveLength(9);
  });

  it('decodes, answers as unsupported, or rejects with a stated reason every frame, never throwing', () => {
    const tally: Record<string, number> = {};
    for (const c of all) {
      const outcomes = outcomesOf(c.hex);
      expect(outcomes.length, c.hex).toBeGreaterThan(0);
      const first = outcomes[0]!;
      for (const o of outcomes) {
        if (o.kind === 'rejected') {
          expect(REASONS, `${c.msgId}: ${o.reason}`).toContain(o.reason);
          expect(o.detail).not.toBe('');
        }
      }
      const key = first.kind === 'rejected' ? `rejected:${first.reason}` : first.kind;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    // Most of the capture is standard and decodes. The rejected ones with a right check code are vendor frames with a
    // raw 0x7e or a bare 0x7d inside (their check code then fails or the escape is invalid), and vendor extensions
    // (0x5501/0x5502, 0x0900) whose declared body length does not match the standard header.
    expect(tally).toEqual({
      decoded: 77,
      unsupported: 13,
      'rejected:badCheckCode': 12,
      'rejected:truncated': 6,
      'rejected:badEscape': 3,
      'rejected:garbage': 1,
    });
  });

  it('rejects the frames marked with a wrong check code as badCheckCode', () => {
    for (const c of all.filter((x) => !x.checkOk)) {
      const outcomes = outcomesOf(c.hex);
      if (!c.hex.startsWith('7e')) {
        // One row is no JT/T 808 frame at all (no 0x7e delimiter): bytes outside any frame.
        expect(outcomes.map((o) => o.kind === 'rejected' && o.reason)).toEqual(['garbage']);
        continue;
      }
      expect(outcomes[0], c.hex).toMatchObject({ kind: 'rejected', reason: 'badCheckCode' });
    }
  });

  it('reads the registrations of 2011, 2013 and 2019 terminals with their GBK plates', () => {
    const regs = all
      .filter((c) => c.msgId === '0100')
      .map((c) => outcomesOf(c.hex)[0]!)
      .filter((o) => o.kind === 'decoded')
      .map((o) => o.detail as { version: string; plate: string; model: string });
    expect(regs.map((r) => r.version).sort()).toEqual(expect.arrayContaining(['2011', '2013', '2019']));
    expect(regs.map((r) => r.plate)).toEqual(expect.arrayContaining(['粤B88888', '苏BA6860']));
  });

  it('reads a location with its coordinates, speed, course and time (GMT+8 → UTC)', () => {
    const c = all.find((x) => x.hex.startsWith('7e02000048051160004464000d'))!;
    const o = outcomesOf(c.hex)[0]!;
    expect(o).toMatchObject({ kind: 'decoded', detail: { lat: 22.64483, lon: 114.02938, ts: Date.UTC(2020, 7, 7, 10, 7, 22) } });
  });
});

describe('encode / decode', () => {
  it('round-trips 2013 and 2019 frames, escaping 0x7e and 0x7d', () => {
    for (const is2019 of [false, true]) {
      const body = Buffer.from([0x7e, 0x7d, 0x01, 0x02, 0x7e, 0x00]);
      const frame = encodeFrame({ msgId: 0x0900, phone: is2019 ? '18612345678' : '013912345678', serial: 0x7e7d, body, is2019 });
      expect(frame[0]).toBe(0x7e);
      expect(frame[frame.length - 1]).toBe(0x7e);
      expect(frame.subarray(1, -1).includes(0x7e)).toBe(false);
      const d = decodeFrame(frame.subarray(1, -1), MAX_BODY);
      expect(d.ok).toBe(true);
      if (!d.ok) return;
      expect(d.frame.header).toMatchObject({ msgId: 0x0900, serial: 0x7e7d, is2019, bodyLength: 6 });
      expect(identifierOf(d.frame.header.phoneBcd)).toBe(is2019 ? '18612345678' : '13912345678');
      expect([...d.frame.body]).toEqual([...body]);
    }
  });

  it('round-trips locations, south and west by the status bits, and batches', () => {
    const t = Date.UTC(2026, 10, 23, 1, 2, 3);
    const b = decodeLocation(locationBody({ lat: -23.404078, lon: -46.853176, time: t, speedKmh: 88.8, course: 181, altitudeM: -5, alarm: 0x80000001 }));
    expect(b).toEqual({
      ok: true,
      value: { alarm: 0x80000001, status: 0x0e, lat: -23.404078, lon: -46.853176, altitudeM: -5, speedKmh: 88.8, course: 181, ts: t },
    });
    const frame = buildBatch({ phone: '1', version: '2013' }, 1, [
      { lat: 31, lon: 120, time: t },
      { lat: 31.1, lon: 120.1, time: t + 1000 },
    ]);
    const d = decodeFrame(frame.subarray(1, -1), MAX_BODY);
    expect(d.ok && decodeBatch(d.frame.body)).toMatchObject({
      ok: true,
      value: {
        type: 0,
        items: [
          { ok: true, value: { lat: 31 } },
          { ok: true, value: { lat: 31.1, ts: t + 1000 } },
        ],
      },
    });
  });

  it('reads BCD times and refuses invalid ones', () => {
    expect(bcdTime(toBcdTime(Date.UTC(2026, 0, 31, 16, 0, 0)), 0)).toBe(Date.UTC(2026, 0, 31, 16, 0, 0));
    expect(bcdTime(Buffer.from('260230120000', 'hex'), 0)).toBeNull();
    expect(bcdTime(Buffer.from('2613011200aa', 'hex'), 0)).toBeNull();
    expect(decodeLocation(Buffer.alloc(28))).toMatchObject({ ok: false, problem: 'badTimestamp' });
  });

  it('reads registrations and authentications of each version', () => {
    for (const version of ['2011', '2013', '2019'] as const) {
      const f = buildRegister({ phone: '13912345678', version }, 1, { plate: '苏E12345', model: 'M1' });
      const d = decodeFrame(f.subarray(1, -1), MAX_BODY);
      expect(d.ok && decodeRegister(d.frame.body, d.frame.header.is2019)).toMatchObject({ ok: true, value: { version, plate: '苏E12345', model: 'M1' } });
      const a = buildAuthenticate({ phone: '13912345678', version }, 2, 'ABC123');
      const da = decodeFrame(a.subarray(1, -1), MAX_BODY);
      expect(da.ok && decodeAuthenticate(da.frame.body, da.frame.header.is2019)).toMatchObject({ ok: true, value: { authCode: 'ABC123' } });
    }
  });

  it('refuses bad escapes, truncated frames and bodies over the limit', () => {
    expect(unescapeBytes(Buffer.from([1, 0x7d, 0x03]))).toBeNull();
    expect(unescapeBytes(Buffer.from([1, 0x7d]))).toBeNull();
    expect([...unescapeBytes(escapeBytes(Buffer.from([0x7e, 0x7d, 5])))!]).toEqual([0x7e, 0x7d, 5]);
    const f = buildLocation({ phone: '1', version: '2013' }, 1, { lat: 31, lon: 120, time: 0 });
    expect(decodeFrame(f.subarray(1, 10), MAX_BODY)).toMatchObject({ ok: false, problem: 'truncated' });
    expect(decodeFrame(f.subarray(1, -1), 16)).toMatchObject({ ok: false, problem: 'oversize' });
  });
});

describe('frame splitter', () => {
  const frames = [
    buildLocation({ phone: '13912345678', version: '2013' }, 1, { lat: 31, lon: 120, time: 0 }),
    buildRegister({ phone: '18612345678', version: '2019' }, 2, { plate: '粤B88888' }),
    buildBatch({ phone: '13912345678', version: '2013' }, 3, [{ lat: 31, lon: 120, time: 0, speedKmh: 12.6 }]),
  ];
  const stream = Buffer.concat(frames);

  it('reassembles frames across any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const s = new FrameSplitter(4096);
        const got: string[] = [];
        let prev = 0;
        for (const p of [...points, stream.length]) {
          for (const e of s.push(stream.subarray(prev, p))) if (e.kind === 'frame') got.push(e.inner.toString('hex'));
          prev = p;
        }
        expect(got).toEqual(frames.map((f) => f.subarray(1, -1).toString('hex')));
      }),
    );
  });

  it('drops an oversize frame and resynchronises on the next delimiter, holding no more than its bound', () => {
    const s = new FrameSplitter(64);
    const events = [...s.push(Buffer.concat([Buffer.from([0x7e]), Buffer.alloc(100, 1)])), ...s.push(Buffer.alloc(100, 2))];
    expect(s.buffered).toBeLessThanOrEqual(64);
    events.push(...s.push(Buffer.concat([Buffer.from([3, 0x7e]), frames[0]!])));
    expect(events.map((e) => e.kind)).toEqual(['oversize', 'frame']);
  });

  it('reads platform answers for terminals', () => {
    const r = new AnswerReader();
    const ans = encodeFrame({ msgId: MSG.platformAnswer, phone: '1', serial: 9, body: Buffer.from([0, 5, 0x02, 0x00, 0]) });
    expect(r.push(ans)).toEqual([{ kind: 'general', serial: 9, answerSerial: 5, answerMsgId: 0x0200, result: 0 }]);
  });
});

describe('fuzzing (fast-check)', () => {
  const valid = [
    buildLocation({ phone: '13912345678', version: '2013' }, 1, { lat: 31, lon: 120, time: 0, alarm: 0x7e7d }),
    buildRegister({ phone: '18612345678', version: '2019' }, 2, { plate: '粤B88888' }),
    buildBatch({ phone: '13912345678', version: '2011' }, 3, [{ lat: 31, lon: 120, time: 0 }]),
    buildAuthenticate({ phone: '18612345678', version: '2019' }, 4, 'CODE'),
    ...captures()
      .slice(0, 30)
      .map((c) => Buffer.from(c.hex, 'hex')),
  ];

  const run = (bytes: Buffer, chunk: number) => {
    const s = new FrameSplitter(1024);
    let n = 0;
    for (let i = 0; i < bytes.length; i += chunk) {
      for (const e of s.push(bytes.subarray(i, i + chunk))) {
        n++;
        if (e.kind === 'frame') classify(e.inner);
      }
      expect(s.buffered).toBeLessThanOrEqual(1024);
    }
    return n;
  };

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 700 }), (bytes, chunk) => {
        run(Buffer.from(bytes), chunk);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary bytes rich in delimiters and escapes', () => {
    const byte = fc.oneof(fc.constant(0x7e), fc.constant(0x7d), fc.constant(0x01), fc.constant(0x02), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 2000 }), fc.integer({ min: 1, max: 300 }), (bytes, chunk) => {
        run(Buffer.from(bytes), chunk);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated valid frames', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat({ max: 40 }),
        fc.integer({ min: 1, max: 64 }),
        (frame, edits, cut, chunk) => {
          const b = Buffer.from(frame);
          for (const [at, v] of edits) b[at % b.length] = v;
          run(b.subarray(0, Math.max(1, b.length - cut)), chunk);
          run(Buffer.concat([b, frame]), chunk);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('decodes what it encodes (round trip of arbitrary messages)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.stringMatching(/^[0-9]{1,12}$/),
        fc.integer({ min: 0, max: 0xffff }),
        fc.uint8Array({ maxLength: 1023 }),
        fc.boolean(),
        (msgId, phone, serial, body, is2019) => {
          const f = encodeFrame({ msgId, phone, serial, body, is2019 });
          const s = new FrameSplitter(4096);
          const events = s.push(f);
          expect(events).toHaveLength(1);
          const d = decodeFrame((events[0] as { inner: Buffer }).inner, 4096);
          expect(d.ok).toBe(true);
          if (!d.ok) return;
          expect(d.frame.header).toMatchObject({ msgId, serial, is2019 });
          expect(identifierOf(d.frame.header.phoneBcd)).toBe(identifierOf(phone));
          expect(Buffer.from(d.frame.body).equals(Buffer.from(body))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
