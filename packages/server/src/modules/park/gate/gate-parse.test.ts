import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accessControllerEvent, anprMultipart, anprXml, jpegBytes, multipartBody, onEventNotifyAcs, onEventNotifyMpc } from '../../../../test/gate-fixtures.ts';
import { cardPersonCode, GateParseError, parseDeviceTime, parseIsapiPost, parseMultipart, parsePlatformPost, readPlate } from './gate-parse.ts';

describe('gate event parsing', () => {
  it('reads device times as Hikvision writes them (China time without offset, the stray space of the vendor examples)', () => {
    expect(parseDeviceTime('2018-08-15T 15:53:47.000+08:00')).toBe('2018-08-15T07:53:47.000Z');
    expect(parseDeviceTime('2026-11-23T09:00:00')).toBe('2026-11-23T01:00:00.000Z');
    expect(parseDeviceTime('2026-11-23T01:00:00Z')).toBe('2026-11-23T01:00:00.000Z');
    expect(() => parseDeviceTime('yesterday')).toThrow(GateParseError);
  });

  it('normalises plates and reads "no plate" as null', () => {
    expect(readPlate(' 闽a·12345 ')).toBe('闽A12345');
    expect(readPlate('无车牌')).toBeNull();
    expect(readPlate('')).toBeNull();
  });

  it('splits an ANPR multipart into its event and its JPEGs', () => {
    const { body, contentType } = anprMultipart({ plate: '闽E12345', uuid: 'u-1', confidence: 70, direction: 'reverse' });
    const parsed = parseIsapiPost(body, contentType, '10.0.0.1');
    expect(parsed.images.map((i) => i.name)).toEqual(['licensePlatePicture.jpg', 'detectionPicture.jpg']);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({
      source: 'isapiAnpr',
      dedupKey: 'isapi:44:19:b6:6f:2b:1c:anpr:u-1',
      deviceKeys: ['44:19:b6:6f:2b:1c', '10.20.1.64'],
      plate: '闽E12345',
      confidence: 70,
      direction: 'out',
      deviceTime: '2026-11-23T01:00:00.000Z',
    });
  });

  it('keeps a non-JPEG image part out, and reads a bare XML body', () => {
    const mp = multipartBody([
      { name: 'anpr.xml', contentType: 'application/xml', data: anprXml({ plate: '闽E12345' }) },
      { name: 'x.jpg', filename: 'x.jpg', contentType: 'image/jpeg', data: Buffer.from('not a jpeg') },
    ]);
    expect(parseIsapiPost(mp.body, mp.contentType, null).notJpeg).toEqual([{ name: 'x.jpg', bytes: 10 }]);
    expect(parseIsapiPost(Buffer.from(anprXml({ plate: '闽E12345' })), 'text/xml', null).events).toHaveLength(1);
  });

  it('refuses truncated multipart and parts without headers', () => {
    const { body, contentType } = anprMultipart({ plate: '闽E12345', images: [jpegBytes(500)] });
    expect(() => parseMultipart(body.subarray(0, body.length - 10), contentType)).toThrow(GateParseError);
    expect(() => parseMultipart(Buffer.from('--b\r\nno headers end'), 'multipart/form-data; boundary=b')).toThrow(GateParseError);
    expect(() => parseMultipart(body, 'multipart/form-data; boundary="other"')).toThrow(GateParseError);
  });

  it('reads a face pass (5/75) and acknowledges other access-controller events', () => {
    const ok = parseIsapiPost(Buffer.from(JSON.stringify(accessControllerEvent({ employeeNo: 'E1', serialNo: 7, cardReaderNo: 2 }))), 'application/json', null);
    expect(ok.events[0]).toMatchObject({
      kind: 'person',
      personCode: 'E1',
      dedupKey: 'isapi:a4:d5:c2:11:22:33:acs:7',
      direction: 'out',
      allowedByDevice: true,
    });
    const door = accessControllerEvent({ employeeNo: 'E1', serialNo: 8 });
    (door.AccessControllerEvent as Record<string, unknown>).subEventType = 21;
    const other = parseIsapiPost(Buffer.from(JSON.stringify(door)), 'application/json', null);
    expect(other.events).toHaveLength(0);
    expect(other.unsupported).toEqual([{ senderKey: 'dev:a4:d5:c2:11:22:33', eventType: 'isapi:acs:5/21' }]);
  });

  it('reads the platform OnEventNotify for checkpoint passes and face authentication', () => {
    const mpc = parsePlatformPost(
      Buffer.from(
        JSON.stringify(
          onEventNotifyMpc([
            { eventId: 'A', plate: '闽E12345', srcIndex: 's1' },
            { eventId: 'B', plate: '59SVN', srcIndex: 's1', eventType: 1157632002 },
          ]),
        ),
      ),
    );
    expect(mpc.events.map((e) => [e.dedupKey, e.plate, e.eventType])).toEqual([
      ['platform:A', '闽E12345', '1157632001'],
      ['platform:B', '59SVN', '1157632002'],
    ]);
    const acs = parsePlatformPost(Buffer.from(JSON.stringify(onEventNotifyAcs({ eventId: 'C', srcIndex: 'd1', personNo: '0', inOut: 0 }))));
    // without a person number the card number is the code; an ID card number (personal data) only as a hash
    const idCode = `card:${createHash('sha256').update('34262312210630421X').digest('hex').slice(0, 12)}`;
    expect(acs.events[0]).toMatchObject({ kind: 'person', personCode: idCode, personName: '李四', direction: 'out' });
    expect(JSON.stringify(acs.events[0]!.raw)).not.toContain('34262312210630421X');
    expect(cardPersonCode('34262312210630421x')).toBe(idCode);
    expect(cardPersonCode('A0012345')).toBe('A0012345');
    expect(cardPersonCode(null)).toBeNull();
    expect(() => parsePlatformPost(Buffer.from('{"method":"Other"}'))).toThrow(GateParseError);
  });
});
