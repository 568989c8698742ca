import { describe, expect, it } from 'vitest';
import { buildFrame, dataResponse, hj212Crc, hj212Time, parseFrame, takeFrames, wantsResponse } from './hj212.ts';

// The example of HJ 212-2017 itself (its appendix): length 0101, CRC 1C80.
const STANDARD_SEGMENT = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';
const STANDARD_FRAME = `##0101${STANDARD_SEGMENT}1C80\r\n`;

const AIR =
  'QN=20261123093000123;ST=22;CN=2011;PW=123456;MN=GL0001AQ0000000000000001;Flag=5;' +
  'CP=&&DataTime=20261123093000;a34004-Rtd=34.2,a34004-Flag=N;a34002-Rtd=61,a34002-Flag=N;a21026-Rtd=8.5,a21026-Flag=N&&';

describe('HJ 212-2017 frames', () => {
  it('computes the CRC of the standard’s own example', () => {
    expect(hj212Crc(STANDARD_SEGMENT)).toBe('1C80');
    expect(buildFrame(STANDARD_SEGMENT)).toBe(STANDARD_FRAME);
  });

  it('reads the standard’s example: its fields, the CP parameters, the response flag', () => {
    const r = parseFrame(STANDARD_FRAME);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frame).toMatchObject({ qn: '20160801085857223', st: '32', cn: '1062', pw: '100000', mn: '010000A8900016F000169DC0', flag: 5, kind: null });
    expect(r.frame.cp).toEqual({ RtdInterval: '30' });
    expect(wantsResponse(r.frame)).toBe(true);
  });

  it('reads real-time air data: the data time in Beijing time and each factor’s value and flag', () => {
    const r = parseFrame(buildFrame(AIR));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frame.kind).toBe('realtime');
    expect(r.frame.dataTime?.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(r.frame.factors).toEqual({ a34004: { Rtd: 34.2, Flag: 'N' }, a34002: { Rtd: 61, Flag: 'N' }, a21026: { Rtd: 8.5, Flag: 'N' } });
  });

  it('reads minute, hour and day data with their statistics', () => {
    for (const [cn, kind] of [
      ['2051', 'minute'],
      ['2061', 'hour'],
      ['2031', 'day'],
    ] as const) {
      const seg = `QN=20261123100000000;ST=32;CN=${cn};PW=1;MN=W1;Flag=4;CP=&&DataTime=20261123090000;w01018-Avg=18.2,w01018-Min=15,w01018-Max=21.4,w01018-Cou=3.6,w01018-Flag=N&&`;
      const r = parseFrame(buildFrame(seg));
      expect(r.ok && r.frame.kind).toBe(kind);
      expect(r.ok && r.frame.factors.w01018).toEqual({ Avg: 18.2, Min: 15, Max: 21.4, Cou: 3.6, Flag: 'N' });
      expect(r.ok && wantsResponse(r.frame)).toBe(false);
    }
  });

  it('refuses a bad CRC, a wrong length, a missing terminator or header, an oversized or malformed segment', () => {
    const good = buildFrame(AIR);
    const badCrc = good.slice(0, -6) + (good.slice(-6, -2) === '0000' ? '0001' : '0000') + '\r\n';
    expect(parseFrame(badCrc)).toMatchObject({ ok: false, problem: 'badCrc' });
    expect(parseFrame(good.replace(/^##\d{4}/, '##0999'))).toMatchObject({ ok: false, problem: 'badLength' });
    expect(parseFrame(good.replace(/^##\d{4}/, '##12a4'))).toMatchObject({ ok: false, problem: 'badLength' });
    expect(parseFrame(good.slice(0, -2))).toMatchObject({ ok: false, problem: 'noTerminator' });
    expect(parseFrame(good.slice(2))).toMatchObject({ ok: false, problem: 'noHeader' });
    expect(parseFrame(`##2000${'x'.repeat(2000)}0000\r\n`)).toMatchObject({ ok: false, problem: 'tooLong' });
    expect(parseFrame(buildFrame('QN=1;ST=22;CN=2011;MN=X;CP=&&a34004-Rtd=abc&&'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(parseFrame(buildFrame('QN=1;ST=22;CN=2011;MN=X;CP=&&a34004-Rtd=NaN&&'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(parseFrame(buildFrame('QN=1;ST=22;CN=2011;CP=&&&&'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(parseFrame(buildFrame('QN=1;ST=22;CN=2011;MN=X;CP=&&DataTime=20261131120000&&'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(parseFrame(buildFrame('QN=1;ST=22;CN=2011;MN=X;CP=a'))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('answers a frame that asks for it with a valid data response', () => {
    const r = parseFrame(buildFrame(AIR));
    if (!r.ok) throw new Error('parse');
    const answer = parseFrame(dataResponse(r.frame));
    expect(answer).toMatchObject({ ok: true, frame: { qn: '20261123093000123', st: '91', cn: '9014', mn: 'GL0001AQ0000000000000001' } });
  });

  it('checks dates strictly in Beijing time', () => {
    expect(hj212Time('20260229120000')).toBeNull();
    expect(hj212Time('20261123000000')?.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(hj212Time('2026112300000')).toBeNull();
  });

  it('frames a TCP stream: garbage skipped, frames split, an unfinished tail kept, an endless tail dropped', () => {
    const a = buildFrame(AIR);
    const b = STANDARD_FRAME;
    const { frames, rest, garbage } = takeFrames(`noise${a}${b}${a.slice(0, 20)}`);
    expect(frames).toEqual([a, b]);
    expect(garbage).toEqual(['noise']);
    expect(rest).toBe(a.slice(0, 20));
    expect(takeFrames(rest + a.slice(20)).frames).toEqual([a]);
    expect(takeFrames('abc#')).toEqual({ frames: [], rest: '#', garbage: ['abc'] });
    const endless = takeFrames(`##0100${'x'.repeat(2000)}`);
    expect(endless.rest).toBe('');
    expect(endless.garbage).toHaveLength(1);
  });
});
