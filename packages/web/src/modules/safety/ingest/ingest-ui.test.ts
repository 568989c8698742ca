import { describe, expect, it } from 'vitest';
import { senderLabel, topReasons } from './ingest-ui.ts';

describe('ingest page helpers', () => {
  it('names senders by device, unknown token, station code or address', () => {
    expect(senderLabel({ senderKey: 'a', deviceName: '1# 罐区采集器', deviceKind: 'device' })).toEqual({
      kind: 'device',
      name: '1# 罐区采集器',
      deviceKind: 'device',
    });
    expect(senderLabel({ senderKey: 'token:wxyz', deviceName: null, deviceKind: null })).toEqual({ kind: 'token', hint: 'wxyz' });
    expect(senderLabel({ senderKey: 'mn:8888', deviceName: null, deviceKind: null })).toEqual({ kind: 'mn', mn: '8888' });
    expect(senderLabel({ senderKey: 'ip:::ffff:10.0.0.7', deviceName: null, deviceKind: null })).toEqual({ kind: 'ip', ip: '10.0.0.7' });
    expect(senderLabel({ senderKey: 'odd', deviceName: null, deviceKind: null })).toEqual({ kind: 'raw', text: 'odd' });
  });

  it('lists the most frequent reasons first', () => {
    const s = {
      rejectedByReason: [
        { reason: 'badCrc' as const, count: 2 },
        { reason: 'badTag' as const, count: 9 },
        { reason: 'badShape' as const, count: 2 },
      ],
    };
    expect(topReasons(s, 2).map((r) => r.reason)).toEqual(['badTag', 'badCrc']);
  });
});
