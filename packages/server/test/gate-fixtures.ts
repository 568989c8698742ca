// Gate event fixtures in the vendors' real formats (DOMAIN §11, ../shared/testdata/gate-events/): Hikvision ISAPI
// ANPR as multipart/form-data (an EventNotificationAlert XML part, then JPEG parts named as the camera names them),
// the ISAPI AccessControllerEvent JSON of face terminals (major 5 / minor 75), and the Hikvision platform's
// OnEventNotify JSON (event_mpc checkpoint passes, event_acs access control). Used by the gate tests, the bench and
// the e2e helpers: every builder is pure and deterministic unless told otherwise.

/** A small but well-formed baseline JPEG (SOI, APP0/JFIF, padding comment, EOI) of about `bytes` bytes. */
export function jpegBytes(bytes = 2048, fill = 0x41): Buffer {
  const soi = Buffer.from([0xff, 0xd8]);
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const eoi = Buffer.from([0xff, 0xd9]);
  const chunks: Buffer[] = [soi, app0];
  let left = Math.max(0, bytes - soi.length - app0.length - eoi.length);
  // COM segments (at most 65,533 bytes of payload each) pad the image to the asked size.
  while (left > 4) {
    const n = Math.min(left - 4, 65_533);
    const seg = Buffer.alloc(n + 4, fill);
    seg[0] = 0xff;
    seg[1] = 0xfe;
    seg.writeUInt16BE(n + 2, 2);
    chunks.push(seg);
    left -= n + 4;
  }
  chunks.push(eoi);
  return Buffer.concat(chunks);
}

export interface AnprOptions {
  plate: string;
  /** Device time as the camera writes it (China time). */
  dateTime?: string;
  macAddress?: string;
  ipAddress?: string;
  channelID?: number;
  confidence?: number;
  /** forward | reverse | unknown */
  direction?: string;
  /** The event's UUID (the camera's unique id of this event; the dedup key with the device). */
  uuid?: string;
  plateColor?: string;
  pictures?: string[];
}

/** The EventNotificationAlert XML an ISAPI ANPR camera (e.g. iDS-TCM203) pushes. */
export function anprXml(o: AnprOptions): string {
  const pictures = o.pictures ?? ['licensePlatePicture.jpg', 'detectionPicture.jpg'];
  const dt = o.dateTime ?? '2026-11-23T09:00:00+08:00';
  const abs = dt.replace(/[-:T]/g, '').slice(0, 14) + '000';
  return `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<ipAddress>${o.ipAddress ?? '10.20.1.64'}</ipAddress>
<portNo>80</portNo>
<protocol>HTTP</protocol>
<macAddress>${o.macAddress ?? '44:19:b6:6f:2b:1c'}</macAddress>
<channelID>${o.channelID ?? 1}</channelID>
<dateTime>${dt}</dateTime>
<activePostCount>1</activePostCount>
<eventType>ANPR</eventType>
<eventState>active</eventState>
<eventDescription>ANPR</eventDescription>
<channelName>卡口入口</channelName>
<ANPR>
<country>3</country>
<licensePlate>${o.plate}</licensePlate>
<line>1</line>
<direction>${o.direction ?? 'forward'}</direction>
<confidenceLevel>${o.confidence ?? 96}</confidenceLevel>
<plateType>92TypeCivil</plateType>
<plateColor>${o.plateColor ?? 'yellow'}</plateColor>
<licenseBright>0</licenseBright>
<dangmark>yes</dangmark>
<twoWheelVehicle>no</twoWheelVehicle>
<threeWheelVehicle>no</threeWheelVehicle>
<plateCharBelieve>99,98,97,96,99,98,97</plateCharBelieve>
<speedLimit>0</speedLimit>
<illegalInfo>
<illegalCode>0</illegalCode>
<illegalName>no illegal</illegalName>
<illegalDescription>no illegal</illegalDescription>
</illegalInfo>
<vehicleType>vehicle</vehicleType>
<detectDir>8</detectDir>
<detectType>0</detectType>
<alarmDataType>0</alarmDataType>
<vehicleInfo>
<index>1</index>
<vehicleType>1</vehicleType>
<colorDepth>2</colorDepth>
<color>white</color>
<length>0</length>
<vehicleLogoRecog>0</vehicleLogoRecog>
<vehileSubLogoRecog>0</vehileSubLogoRecog>
<vehileModel>0</vehileModel>
</vehicleInfo>
<pictureInfoList>
${pictures
  .map(
    (name, i) => `<pictureInfo>
<fileName>${name}</fileName>
<type>${name.replace(/\.jpg$/, '')}</type>
<dataType>0</dataType>
<picRecogMode>1</picRecogMode>
<absTime>${abs}</absTime>
<pId>${(o.uuid ?? 'p').slice(0, 20)}-${i}</pId>
</pictureInfo>`,
  )
  .join('\n')}
</pictureInfoList>
<originalLicensePlate>${o.plate}</originalLicensePlate>
<CRIndex>1</CRIndex>
<vehicleListName>otherList</vehicleListName>
<plateSize>0</plateSize>
</ANPR>
<UUID>${o.uuid ?? 'c1b0a9e2-4f5d-4c63-9d1e-0a7f7e3b2c11'}</UUID>
<picNum>${pictures.length}</picNum>
<monitoringSiteID></monitoringSiteID>
<isDataRetransmission>false</isDataRetransmission>
</EventNotificationAlert>
`;
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer | string;
}

/** A multipart/form-data body as the camera sends it (CRLF line breaks, a closing delimiter). */
export function multipartBody(parts: readonly MultipartPart[], boundary = 'MIME_boundary_zoneops_7d1f'): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n` +
          `Content-Type: ${p.contentType}\r\nContent-Length: ${Buffer.byteLength(p.data)}\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** An ANPR push: the XML part (anpr.xml) and one JPEG part per picture (licensePlatePicture.jpg, detectionPicture.jpg). */
export function anprMultipart(o: AnprOptions & { images?: Buffer[] }): { body: Buffer; contentType: string } {
  const pictures = o.pictures ?? ['licensePlatePicture.jpg', 'detectionPicture.jpg'];
  const images = o.images ?? pictures.map((_, i) => jpegBytes(1024 + i * 512, 0x41 + i));
  return multipartBody([
    { name: 'anpr.xml', filename: 'anpr.xml', contentType: 'text/xml', data: anprXml({ ...o, pictures }) },
    ...images.map((data, i) => ({ name: pictures[i] ?? `picture${i}.jpg`, filename: pictures[i] ?? `picture${i}.jpg`, contentType: 'image/jpeg', data })),
  ]);
}

export interface AcsOptions {
  employeeNo: string;
  name?: string;
  serialNo: number;
  dateTime?: string;
  macAddress?: string;
  ipAddress?: string;
  deviceID?: string;
  /** 75 face authentication passed (default), 76 failed. */
  subEventType?: number;
  /** 1 entry reader, 2 exit reader. */
  cardReaderNo?: number;
}

/** The ISAPI AccessControllerEvent JSON a face terminal (e.g. DS-K1T671) pushes for a face pass. */
export function accessControllerEvent(o: AcsOptions): Record<string, unknown> {
  return {
    ipAddress: o.ipAddress ?? '10.20.1.80',
    portNo: 80,
    protocol: 'HTTP',
    macAddress: o.macAddress ?? 'a4:d5:c2:11:22:33',
    channelID: 1,
    dateTime: o.dateTime ?? '2026-11-23T09:05:00+08:00',
    activePostCount: 1,
    eventType: 'AccessControllerEvent',
    eventState: 'active',
    eventDescription: 'Access Controller Event',
    ...(o.deviceID ? { deviceID: o.deviceID } : {}),
    AccessControllerEvent: {
      deviceName: '人脸门禁',
      majorEventType: 5,
      subEventType: o.subEventType ?? 75,
      name: o.name ?? '张三',
      cardReaderKind: 1,
      cardReaderNo: o.cardReaderNo ?? 1,
      verifyNo: 150,
      employeeNoString: o.employeeNo,
      serialNo: o.serialNo,
      userType: 'normal',
      currentVerifyMode: 'cardOrFaceOrFp',
      frontSerialNo: o.serialNo - 1,
      attendanceStatus: 'undefined',
      label: '',
      statusValue: 0,
      mask: 'no',
      purePwdVerifyEnable: true,
      picturesNumber: 1,
    },
  };
}

export interface MpcOptions {
  eventId: string;
  plate: string;
  srcIndex: string;
  /** Device time of the crossing (ISO 8601 with offset, as the platform sends it). */
  crossTime?: string;
  /** 1157632001 正常过车 (default) … 1157632005 违停. */
  eventType?: number;
  /** A direction field, when the platform is configured to send one. */
  direction?: string;
}

/** The platform's OnEventNotify for a checkpoint pass (附录D.3.2.2, ability event_mpc). */
export function onEventNotifyMpc(events: MpcOptions | MpcOptions[]): Record<string, unknown> {
  const list = Array.isArray(events) ? events : [events];
  return {
    method: 'OnEventNotify',
    params: {
      ability: 'event_mpc',
      events: list.map((o) => {
        const cross = o.crossTime ?? '2026-11-23T09:00:00.000+08:00';
        return {
          data: {
            eventIndex: `${o.eventId}-idx`,
            plateNo: o.plate,
            plateType: '02TypePersonalized',
            plateTypeName: '02式个性化车',
            vehicleType: 'unknown',
            vehicleTypeName: '未知',
            crossTime: cross,
            speed: 12,
            monitorId: '96c789da-f8f5-11e8-9bc8-73abf201b993',
            monitorName: '危化品专用卡口',
            illegalType: 0,
            mixedName: '点位6061',
            mixedType: 1,
            mixedId: '30ca3b68-f8f6-11e8-b19e-63232968a336',
            monitorIndexCode: `${o.srcIndex}-monitor`,
            picUrl: {
              platePicUrl: '/pic?=d9eia31i002-c64bf8--f2a57ea5636672d1=pe4m54107bb-20s4950z9f2cd=',
              vehiclePicUrl: '/pic?=d9eia31i002-c64bf8--f2a57ea5636672d1=pe4m54107bb-20s4950z9f2ce=',
            },
            imageIndexCode: 'b1cded2b-2fbc-4255-aa9d-45162bfa23dd',
            ...(o.direction !== undefined ? { direction: o.direction } : {}),
          },
          eventId: o.eventId,
          srcIndex: o.srcIndex,
          srcType: 'vehiclepass',
          eventType: o.eventType ?? 1157632001,
          status: 0,
          timeout: 0,
          happenTime: cross,
        };
      }),
      sendTime: '2026-11-23T09:00:01.000+08:00',
    },
  };
}

export interface AcsPlatformOptions {
  eventId: string;
  srcIndex: string;
  personNo: string;
  name?: string;
  /** 196893 人脸认证通过 (default). */
  eventType?: number;
  /** 1 in, 0 out. */
  inOut?: number;
  happenTime?: string;
}

/** The platform's OnEventNotify for access control (附录D.2.1.2, ability event_acs). */
export function onEventNotifyAcs(o: AcsPlatformOptions): Record<string, unknown> {
  const type = o.eventType ?? 196893;
  return {
    method: 'OnEventNotify',
    params: {
      ability: 'event_acs',
      events: [
        {
          data: {
            ExtAccessChannel: 0,
            ExtEventAlarmInID: 0,
            ExtEventAlarmOutID: 0,
            ExtEventCardNo: '34262312210630421X',
            ExtEventCaseID: 0,
            ExtEventCode: type,
            ExtEventCustomerNumInfo: { AccessChannel: 0, EntryTimes: 0, ExitTimes: 0, TotalTimes: 0 },
            ExtEventDoorID: 2,
            ExtEventIdentityCardInfo: { Name: o.name ?? '李四', Nation: 1, Sex: 1, TermOfValidity: 0 },
            ExtEventInOut: o.inOut ?? 1,
            ExtEventLocalControllerID: 0,
            ExtEventMainDevID: 1,
            ExtEventPersonNo: o.personNo,
            ExtEventPictureURL: '/pic?=d6=i689z060ds886-105ff8--25cbc48dfb877ieb1*=ids1*=idp1*=*d4i5t=pe4m681914160*e-7ei517d0',
            ExtEventReaderID: 0,
            ExtEventReaderKind: 0,
            ExtEventReportChannel: 0,
            ExtEventRoleID: 1,
            ExtEventSubDevID: 0,
            ExtEventSwipNum: 0,
            ExtEventType: 0,
            ExtEventVerifyID: 0,
            ExtEventWhiteListNo: 0,
            ExtReceiveTime: '1558576265810791',
            Seq: 475,
            UserType: 0,
            svrIndexCode: 'b1cded2b-2fbc-4255-aa9d-45162bfa23dd',
          },
          eventId: o.eventId,
          eventType: type,
          happenTime: o.happenTime ?? '2026-11-23T09:10:00.000+08:00',
          srcIndex: o.srcIndex,
          srcName: '2604_zhy_门2',
          srcParentIndex: '1c4bedc887954edbade674adfeb4dfcd',
          srcType: 'door',
          status: 0,
          timeout: 0,
        },
      ],
      sendTime: '2026-11-23T09:10:01.000+08:00',
    },
  };
}
