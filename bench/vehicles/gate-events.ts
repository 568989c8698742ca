// Gate events as Hikvision devices and the Hikvision platform send them (DOMAIN §11, ../shared/testdata/gate-events):
// - ISAPI ANPR: multipart/form-data with an `EventNotificationAlert` XML part and JPEG parts (plate and scene);
// - ISAPI face pass: `AccessControllerEvent` JSON, major 5 / minor 75 (face authentication passed), reader 1 in / 2 out;
// - platform OnEventNotify: `event_mpc` checkpoint pass 1157632001 (正常过车) and `event_acs` face authentication 196893.
// Device times are China time (+08:00), as the devices are set.
import { randomUUID } from 'node:crypto';

/** China time ISO 8601 with offset, as Hikvision writes it. */
export function chinaTime(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '')}+08:00`;
}

/**
 * A small valid baseline JPEG (8 × 8 mid-grey: one DC-only block), padded with a comment segment to `bytes`, so
 * that image handling (size limits, storage) sees a real JPEG of a realistic size.
 */
export function demoJpeg(bytes = 2048, note = 'zoneops demo'): Buffer {
  const seg = (marker: number, body: number[] | Buffer) => {
    const b = Buffer.from(body);
    return Buffer.concat([Buffer.from([0xff, marker, (b.length + 2) >> 8, (b.length + 2) & 0xff]), b]);
  };
  const dqt = seg(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof = seg(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
  const huff = (cls: number) => seg(0xc4, [cls << 4, 1, ...new Array<number>(15).fill(0), 0]);
  const sos = seg(0xda, [1, 1, 0x00, 0, 63, 0]);
  const head = Buffer.concat([Buffer.from([0xff, 0xd8]), dqt, sof, huff(0), huff(1), sos]);
  // scan: DC category 0 ('0'), AC end of block ('0'), padded with ones
  const tail = Buffer.from([0x3f, 0xff, 0xd9]);
  const room = Math.max(0, Math.min(65_533, bytes - head.length - tail.length - 4));
  const text = Buffer.alloc(room, 0x20);
  Buffer.from(note).copy(text);
  const com = seg(0xfe, text);
  // the comment goes before the frame header, where a decoder expects it
  return Buffer.concat([Buffer.from([0xff, 0xd8]), com, head.subarray(2), tail]);
}

export interface AnprInput {
  serialNo: string;
  ip: string;
  plate: string;
  at: number;
  direction: 'in' | 'out';
  confidence?: number;
  plateColor?: 'blue' | 'yellow' | 'green' | 'white';
  vehicleType?: 'truck' | 'vehicle' | 'SUVMPV' | 'van';
  imageBytes?: number;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An ANPR push: the body and its content type (multipart/form-data; boundary=…). */
export function anprMultipart(e: AnprInput): { body: Buffer; contentType: string } {
  const uuid = randomUUID();
  const abs = chinaTime(e.at)
    .replace(/[-T:.]/g, '')
    .slice(0, 17);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<ipAddress>${e.ip}</ipAddress>
<portNo>80</portNo>
<protocol>HTTP</protocol>
<macAddress>${macOf(e.serialNo)}</macAddress>
<channelID>1</channelID>
<dateTime>${chinaTime(e.at)}</dateTime>
<activePostCount>1</activePostCount>
<eventType>ANPR</eventType>
<eventState>active</eventState>
<eventDescription>ANPR</eventDescription>
<deviceID>${xmlEscape(e.serialNo)}</deviceID>
<ANPR>
<country>CHN</country>
<licensePlate>${xmlEscape(e.plate)}</licensePlate>
<line>1</line>
<direction>${e.direction === 'in' ? 'forward' : 'reverse'}</direction>
<confidenceLevel>${e.confidence ?? 97}</confidenceLevel>
<plateType>${e.plateColor === 'yellow' ? 'yellowPlate' : 'unknown'}</plateType>
<plateColor>${e.plateColor ?? 'blue'}</plateColor>
<licenseBright>0</licenseBright>
<vehicleType>${e.vehicleType ?? 'vehicle'}</vehicleType>
<pictureInfoList>
<pictureInfo><fileName>licensePlatePicture.jpg</fileName><type>licensePlatePicture</type><dataType>0</dataType><picRecogMode>1</picRecogMode><absTime>${abs}</absTime><pId>${uuid}-1</pId></pictureInfo>
<pictureInfo><fileName>detectionPicture.jpg</fileName><type>detectionPicture</type><dataType>0</dataType><picRecogMode>1</picRecogMode><absTime>${abs}</absTime><pId>${uuid}-2</pId></pictureInfo>
</pictureInfoList>
</ANPR>
<UUID>${uuid}</UUID>
</EventNotificationAlert>
`;
  const boundary = `----HikBoundary${uuid.replace(/-/g, '').slice(0, 16)}`;
  const part = (headers: string, data: Buffer) => Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), data, Buffer.from('\r\n')]);
  const body = Buffer.concat([
    part('Content-Disposition: form-data; name="anpr.xml"; filename="anpr.xml"\r\nContent-Type: text/xml', Buffer.from(xml, 'utf8')),
    part(
      'Content-Disposition: form-data; name="licensePlatePicture.jpg"; filename="licensePlatePicture.jpg"\r\nContent-Type: image/jpeg',
      demoJpeg(2048, e.plate),
    ),
    part(
      'Content-Disposition: form-data; name="detectionPicture.jpg"; filename="detectionPicture.jpg"\r\nContent-Type: image/jpeg',
      demoJpeg(e.imageBytes ?? 24_000, e.plate),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface FacePassInput {
  serialNo: string;
  ip: string;
  personCode: string;
  name: string;
  at: number;
  direction: 'in' | 'out';
  serial: number;
}

/** An ISAPI AccessControllerEvent JSON body (face authentication passed: major 5, minor 75). */
export function acsJson(e: FacePassInput): Buffer {
  return Buffer.from(
    JSON.stringify({
      ipAddress: e.ip,
      portNo: 80,
      protocol: 'HTTP',
      macAddress: macOf(e.serialNo),
      channelID: 1,
      dateTime: chinaTime(e.at),
      activePostCount: 1,
      eventType: 'AccessControllerEvent',
      eventState: 'active',
      eventDescription: 'Access Controller Event',
      deviceID: e.serialNo,
      AccessControllerEvent: {
        deviceName: 'Face Recognition Terminal',
        majorEventType: 5,
        subEventType: 75,
        name: e.name,
        cardReaderKind: 1,
        cardReaderNo: e.direction === 'in' ? 1 : 2,
        verifyNo: e.serial,
        employeeNoString: e.personCode,
        serialNo: e.serial,
        userType: 'normal',
        currentVerifyMode: 'cardOrFace',
        frontSerialNo: e.serial - 1,
        attendanceStatus: 'undefined',
        label: '',
        statusValue: 0,
        mask: 'no',
        similarity: 92,
        picturesNumber: 0,
        purePwdVerifyEnable: true,
      },
    }),
  );
}

export interface PlatformPassInput {
  srcIndex: string;
  checkpointName: string;
  plate: string;
  at: number;
  speed?: number;
}

/** OnEventNotify event_mpc 1157632001 (正常过车). */
export function platformMpc(e: PlatformPassInput): Buffer {
  const eventId = randomUUID().toUpperCase();
  return Buffer.from(
    JSON.stringify({
      method: 'OnEventNotify',
      params: {
        sendTime: chinaTime(e.at + 400),
        ability: 'event_mpc',
        events: [
          {
            eventId,
            srcIndex: e.srcIndex,
            srcType: 'crossing',
            eventType: 1157632001,
            status: 0,
            timeout: 0,
            happenTime: chinaTime(e.at),
            data: {
              eventIndex: eventId,
              plateNo: e.plate,
              plateType: '02TypePersonalized',
              plateTypeName: '02式个性化车',
              vehicleType: 'truck',
              vehicleTypeName: '货车',
              crossTime: chinaTime(e.at),
              speed: e.speed ?? 12,
              monitorName: e.checkpointName,
              illegalType: 0,
              mixedName: e.checkpointName,
              mixedType: 1,
              mixedId: randomUUID(),
              monitorIndexCode: e.srcIndex,
            },
          },
        ],
      },
    }),
  );
}

export interface PlatformFaceInput {
  srcIndex: string;
  personCode: string;
  name: string;
  at: number;
  direction: 'in' | 'out';
  seq: number;
}

/** OnEventNotify event_acs 196893 (人脸认证通过). */
export function platformAcs(e: PlatformFaceInput): Buffer {
  return Buffer.from(
    JSON.stringify({
      method: 'OnEventNotify',
      params: {
        sendTime: chinaTime(e.at + 300),
        ability: 'event_acs',
        events: [
          {
            eventId: randomUUID().replace(/-/g, '').slice(0, 32),
            eventType: 196893,
            happenTime: chinaTime(e.at),
            srcIndex: e.srcIndex,
            srcName: '人员通道门禁点',
            srcType: 'door',
            status: 0,
            timeout: 0,
            data: {
              ExtEventCode: 196893,
              ExtEventInOut: e.direction === 'in' ? 1 : 0,
              ExtEventPersonNo: e.personCode,
              ExtEventCardNo: '',
              ExtEventDoorID: 1,
              ExtEventReaderID: e.direction === 'in' ? 1 : 2,
              ExtEventReaderKind: 0,
              ExtEventType: 0,
              ExtEventIdentityCardInfo: { Name: e.name },
              ExtReceiveTime: String(e.at * 1000),
              Seq: e.seq,
              UserType: 1,
            },
          },
        ],
      },
    }),
  );
}

/** A stable, locally administered MAC address for a device serial number. */
function macOf(serial: string): string {
  let h = 2166136261;
  for (const c of serial) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const b = [0x02, 0x4b, (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
