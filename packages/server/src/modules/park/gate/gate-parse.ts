// Reading gate posts (issue 8, DOMAIN §11): Hikvision ISAPI pushes (multipart/form-data with an
// `EventNotificationAlert` XML part and JPEG parts, a plain XML body, or the AccessControllerEvent JSON, alone or as
// the JSON part of a multipart body) and the Hikvision platform's OnEventNotify JSON (event_mpc checkpoint passes,
// event_acs access control). Everything here is pure: a post becomes normalised events, images and the event types
// acknowledged without processing, or a GateParseError (answered 400 GATE_EVENT_INVALID, nothing stored).
import { createHash } from 'node:crypto';
import { normalizePlate, type GateSource, type PassDirection } from '@zoneops/shared';
import { DeviceXmlError, readDeviceXml } from './device-xml.ts';

/** An 18-character resident ID card number (17 digits and a digit or X). */
const ID_CARD = /^\d{17}[\dXx]$/;
/**
 * A card number as a person code: an ID-card-like number is personal data that would be shown unmasked as the code,
 * so it becomes 'card:' and the first 12 hex digits of its SHA-256 (stable, so the same card matches its visit).
 */
export function cardPersonCode(cardNo: string | null): string | null {
  if (cardNo === null) return null;
  return ID_CARD.test(cardNo) ? `card:${createHash('sha256').update(cardNo.toUpperCase()).digest('hex').slice(0, 12)}` : cardNo;
}

export class GateParseError extends Error {}

const fail = (message: string): never => {
  throw new GateParseError(message);
};

/** One event as spooled (gate_event_spool.payload). */
export interface GateEvent {
  source: GateSource;
  vendor: 'hikvisionIsapi' | 'hikvisionPlatform';
  /** Idempotency key: device + serial number (ISAPI) or eventId (platform). */
  dedupKey: string;
  /** Identifiers the device may be registered under (checkpoint_devices.serial_no), best first. */
  deviceKeys: string[];
  kind: 'vehicle' | 'person';
  /** ANPR, 5/75, 1157632001, 196893, … */
  eventType: string;
  /** false when the device itself refused (face authentication failed, a blacklist event). */
  allowedByDevice: boolean;
  plate: string | null;
  personCode: string | null;
  personName: string | null;
  /** Device time, ISO UTC. */
  deviceTime: string;
  /** The direction the event states, if any (the device's registered direction wins). */
  direction: PassDirection | null;
  /** 0–100. */
  confidence: number | null;
  /** What the sender sent (the XML text, or the event object). */
  raw: unknown;
}

export interface GateImagePart {
  name: string;
  data: Buffer;
}

export interface ParsedGatePost {
  events: GateEvent[];
  /** JPEG parts (ISAPI multipart), belonging to the single event of the post. */
  images: GateImagePart[];
  /** Parts sent as images that are not JPEG. */
  notJpeg: { name: string; bytes: number }[];
  /** Event types acknowledged without processing (heartbeats, door states…), with a sender key for counting. */
  unsupported: { senderKey: string; eventType: string }[];
}

// ---- helpers ---------------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
};
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};
const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

const TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Device times: ISO 8601 as Hikvision writes them (`2018-08-15T 15:53:47.000+08:00` with the stray space of the
 * vendor's examples too); a time without offset is China time (+08:00), as the devices are set.
 */
export function parseDeviceTime(value: unknown): string {
  const s = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
  const m = TIME.exec(s);
  if (!m) return fail(`unreadable time ${JSON.stringify(clip(String(value ?? '')))}`);
  let zone = m[3] ?? '+08:00';
  if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (!Number.isFinite(ms)) return fail(`unreadable time ${JSON.stringify(clip(s))}`);
  return new Date(ms).toISOString();
}

/** The plate as read, normalised; null when the camera read none (无车牌, 车牌, unknown). */
export function readPlate(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const p = normalizePlate(s);
  if (!p || p === '无车牌' || p === '车牌' || p === '未识别' || p === 'UNKNOWN' || p === '无') return null;
  return p.slice(0, 20);
}

export const isJpeg = (b: Buffer): boolean => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

// ---- multipart ---------------------------------------------------------------------------------------------------

export interface MultipartPart {
  name: string | null;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

const MAX_PARTS = 32;

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType);
  return m?.[1] ?? m?.[2] ?? fail('multipart without a boundary');
}

/** A multipart/form-data body (RFC 7578) read whole: every part with its headers, or GateParseError. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) fail('multipart: the boundary never appears');
  const parts: MultipartPart[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    else fail('multipart: a delimiter is not followed by a line break');
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) fail('multipart: a part has no end of headers');
    const headers = new Map<string, string>();
    for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      if (!line) continue;
      const i = line.indexOf(':');
      if (i <= 0) fail(`multipart: bad header line ${JSON.stringify(clip(line, 60))}`);
      headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    const end = body.indexOf(next, headerEnd + 4);
    if (end < 0) fail('multipart: a part is not closed by the boundary (truncated body?)');
    const disposition = headers.get('content-disposition') ?? '';
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: headers.get('content-type')?.toLowerCase() ?? null,
      data: body.subarray(headerEnd + 4, end),
    });
    if (parts.length > MAX_PARTS) fail(`multipart: more than ${MAX_PARTS} parts`);
    pos = end + 2;
  }
}

// ---- ISAPI XML -----------------------------------------------------------------------------------------------------

function parseXml(text: string): Obj {
  let doc: Obj;
  try {
    doc = readDeviceXml(text);
  } catch (err) {
    if (err instanceof DeviceXmlError) return fail(err.message);
    throw err;
  }
  const root = doc.EventNotificationAlert;
  if (!isObj(root)) fail('XML without an EventNotificationAlert');
  return root as Obj;
}

/** The identifiers an ISAPI device is known by: device id, MAC, IP. The first is its key in the dedup key. */
function isapiDeviceKeys(o: Obj): string[] {
  const mac = str(o.macAddress)?.toLowerCase() ?? null;
  const keys = [str(o.deviceID) ?? str(o.DeviceID) ?? str(o.serialNumber), mac, str(o.ipAddress) ?? str(o.ipv6Address)];
  return [...new Set(keys.filter((k): k is string => !!k).map((k) => k.slice(0, 100)))];
}

function isapiSenderKey(keys: string[], remote: string | null): string {
  return keys[0] ? `dev:${keys[0]}` : `ip:${remote ?? 'unknown'}`;
}

function anprDirection(v: unknown): PassDirection | null {
  const s = str(v)?.toLowerCase();
  if (s === 'forward' || s === 'in' || s === 'enter') return 'in';
  if (s === 'reverse' || s === 'out' || s === 'exit') return 'out';
  return null;
}

function asArray(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null || v === '' ? [] : [v];
}

function fromAlertXml(text: string, remote: string | null, out: ParsedGatePost): void {
  const root = parseXml(text);
  const keys = isapiDeviceKeys(root);
  const eventType = str(root.eventType) ?? 'unknown';
  const anpr = root.ANPR;
  if (!isObj(anpr) || !['anpr', 'vehicledetection', 'trafficdetection'].includes(eventType.toLowerCase())) {
    out.unsupported.push({ senderKey: isapiSenderKey(keys, remote), eventType: `isapi:${eventType}` });
    return;
  }
  if (!keys.length) fail('ANPR event without device id, MAC or IP address');
  const deviceTime = parseDeviceTime(root.dateTime);
  const plate = readPlate(anpr.licensePlate) ?? readPlate(anpr.originalLicensePlate);
  const pictures = asArray(isObj(anpr.pictureInfoList) ? anpr.pictureInfoList.pictureInfo : undefined).filter(isObj);
  const eventId = str(root.UUID) ?? str(pictures[0]?.pId) ?? `${str(root.channelID) ?? '1'}|${deviceTime}|${plate ?? '-'}`;
  const confidence = num(anpr.confidenceLevel);
  out.events.push({
    source: 'isapiAnpr',
    vendor: 'hikvisionIsapi',
    dedupKey: `isapi:${keys[0]}:anpr:${eventId}`.slice(0, 300),
    deviceKeys: keys,
    kind: 'vehicle',
    eventType: 'ANPR',
    allowedByDevice: true,
    plate,
    personCode: null,
    personName: null,
    deviceTime,
    direction: anprDirection(anpr.direction),
    confidence: confidence === null ? null : Math.max(0, Math.min(100, confidence)),
    raw: { xml: text.length > 65_536 ? text.slice(0, 65_536) : text },
  });
}

// ---- ISAPI AccessControllerEvent JSON ------------------------------------------------------------------------------

/** Face passes: major 5 (event) / minor 75 face authentication passed; minor 76 failed (a denied person pass). */
const ACS_PASSED = new Set([75]);
const ACS_FAILED = new Set([76]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return fail(`malformed JSON: ${(err as Error).message}`);
  }
}

function fromAcsJson(o: Obj, remote: string | null, out: ParsedGatePost): void {
  const keys = isapiDeviceKeys(o);
  const ev = o.AccessControllerEvent;
  const eventType = str(o.eventType) ?? 'unknown';
  if (!isObj(ev)) {
    out.unsupported.push({ senderKey: isapiSenderKey(keys, remote), eventType: `isapi:${eventType}` });
    return;
  }
  const major = num(ev.majorEventType);
  const minor = num(ev.subEventType);
  if (major !== 5 || minor === null || !(ACS_PASSED.has(minor) || ACS_FAILED.has(minor))) {
    out.unsupported.push({ senderKey: isapiSenderKey(keys, remote), eventType: `isapi:acs:${major ?? '?'}/${minor ?? '?'}` });
    return;
  }
  if (!keys.length) fail('AccessControllerEvent without device id, MAC or IP address');
  const deviceTime = parseDeviceTime(o.dateTime);
  const personCode = str(ev.employeeNoString) ?? str(ev.employeeNo) ?? cardPersonCode(str(ev.cardNo));
  const serialNo = str(ev.serialNo) ?? `${deviceTime}|${personCode ?? '-'}|${minor}`;
  const reader = num(ev.cardReaderNo);
  const similarity = num(ev.similarity) ?? num(ev.faceSimilarity);
  out.events.push({
    source: 'isapiAcs',
    vendor: 'hikvisionIsapi',
    dedupKey: `isapi:${keys[0]}:acs:${serialNo}`.slice(0, 300),
    deviceKeys: keys,
    kind: 'person',
    eventType: `5/${minor}`,
    allowedByDevice: ACS_PASSED.has(minor),
    plate: null,
    personCode: personCode?.slice(0, 64) ?? null,
    personName: str(ev.name)?.slice(0, 100) ?? null,
    deviceTime,
    // Hikvision's convention: reader 1 is the entry reader, 2 the exit reader (the registered direction wins).
    direction: reader === 2 ? 'out' : reader === 1 ? 'in' : null,
    confidence: similarity === null ? null : Math.max(0, Math.min(100, similarity <= 1 ? similarity * 100 : similarity)),
    raw: o,
  });
}

// ---- platform OnEventNotify ----------------------------------------------------------------------------------------

/** event_mpc: 正常过车, 黑名单, 超速, 逆行, 违停 — every one is a vehicle crossing the checkpoint. */
const MPC_TYPES = new Set([1157632001, 1157632002, 1157632003, 1157632004, 1157632005]);
/** event_acs: authentication passed (face 196893 and the other "…通过" codes of 附录D.2.1.1). */
const ACS_PLATFORM_PASSED = new Set([
  196893, 196885, 196886, 196887, 196888, 196889, 196890, 196891, 196892, 196897, 197127, 197162, 198914, 198915, 196874, 196875, 196883, 196884, 198918,
  198921,
]);
/** event_acs refusals that are a person turned away at a door: face authentication / recognition failed, blacklist. */
const ACS_PLATFORM_FAILED = new Set([197151, 197160, 197889]);

function platformDirection(v: unknown): PassDirection | null {
  const s = str(v)?.toLowerCase();
  if (s === 'in' || s === 'enter' || s === '1') return 'in';
  if (s === 'out' || s === 'exit' || s === '2') return 'out';
  return null;
}

function fromPlatform(doc: unknown, out: ParsedGatePost): void {
  if (!isObj(doc) || doc.method !== 'OnEventNotify' || !isObj(doc.params)) fail('not an OnEventNotify message');
  const params = (doc as Obj).params as Obj;
  const ability = str(params.ability) ?? '';
  if (!Array.isArray(params.events)) fail('OnEventNotify without events');
  const events = params.events as unknown[];
  if (events.length > 500) fail('more than 500 events in one message');
  for (const e of events) {
    if (!isObj(e)) fail('an event is not an object');
    const ev = e as Obj;
    const eventId = str(ev.eventId) ?? fail('an event without eventId');
    const eventType = num(ev.eventType) ?? fail(`event ${eventId}: no numeric eventType`);
    const srcIndex = str(ev.srcIndex);
    const data = isObj(ev.data) ? ev.data : {};
    const keys = [srcIndex, str(ev.srcParentIndex) ?? str(ev.srcParentIdex), str(data.monitorIndexCode)]
      .filter((k): k is string => !!k)
      .map((k) => k.slice(0, 100));
    const senderKey = keys[0] ? `platform:${keys[0]}` : 'platform';
    const base = { vendor: 'hikvisionPlatform' as const, source: 'platform' as const, dedupKey: `platform:${eventId.slice(0, 100)}`, deviceKeys: keys };
    if (ability === 'event_mpc' && MPC_TYPES.has(eventType)) {
      if (!keys.length) fail(`event ${eventId}: no srcIndex`);
      out.events.push({
        ...base,
        kind: 'vehicle',
        eventType: String(eventType),
        allowedByDevice: true,
        plate: readPlate(data.plateNo),
        personCode: null,
        personName: null,
        deviceTime: parseDeviceTime(data.crossTime ?? ev.happenTime),
        direction: platformDirection(data.direction ?? data.directionIndex ?? data.vehicleDirection),
        confidence: null,
        raw: ev,
      });
    } else if (ability === 'event_acs' && (ACS_PLATFORM_PASSED.has(eventType) || ACS_PLATFORM_FAILED.has(eventType))) {
      if (!keys.length) fail(`event ${eventId}: no srcIndex`);
      const personNo = str(data.ExtEventPersonNo);
      const cardNo = str(data.ExtEventCardNo);
      const cardCode = cardPersonCode(cardNo);
      const card = isObj(data.ExtEventIdentityCardInfo) ? data.ExtEventIdentityCardInfo : {};
      const inOut = num(data.ExtEventInOut);
      out.events.push({
        ...base,
        kind: 'person',
        eventType: String(eventType),
        allowedByDevice: ACS_PLATFORM_PASSED.has(eventType),
        plate: null,
        personCode: (personNo && personNo !== '0' ? personNo : cardCode)?.slice(0, 64) ?? null,
        personName: str(card.Name)?.slice(0, 100) ?? null,
        deviceTime: parseDeviceTime(ev.happenTime),
        direction: inOut === 1 ? 'in' : inOut === 0 ? 'out' : null,
        confidence: null,
        // The identity card's number, address and birth date are not kept (the name is, on the pass), nor an ID card
        // number read as the card number.
        raw: {
          ...ev,
          data: {
            ...data,
            ...(cardNo !== cardCode ? { ExtEventCardNo: cardCode } : {}),
            ExtEventIdentityCardInfo: card.Name ? { Name: card.Name } : undefined,
          },
        },
      });
    } else {
      out.unsupported.push({ senderKey, eventType: `${ability || 'unknown'}:${eventType}` });
    }
  }
}

// ---- entry points --------------------------------------------------------------------------------------------------

const empty = (): ParsedGatePost => ({ events: [], images: [], notJpeg: [], unsupported: [] });

function firstChar(b: Buffer): string {
  let i = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return i < b.length ? String.fromCharCode(b[i]!) : '';
}

function fromJsonOrXml(text: string, remote: string | null, out: ParsedGatePost, hint: 'xml' | 'json' | null): void {
  const t = text.replace(/^\uFEFF/, '').trim();
  const kind = hint ?? (t.startsWith('<') ? 'xml' : t.startsWith('{') ? 'json' : null);
  if (kind === 'xml') return fromAlertXml(t, remote, out);
  if (kind === 'json') {
    const doc = parseJson(t);
    if (!isObj(doc)) return void fail('the JSON is not an object');
    return fromAcsJson(doc as Obj, remote, out);
  }
  fail('the body is neither XML nor JSON');
}

/** An ISAPI push: multipart (an XML or JSON event part and JPEG parts), or a bare XML or JSON body. */
export function parseIsapiPost(body: Buffer, contentType: string | undefined, remote: string | null): ParsedGatePost {
  const out = empty();
  if (!body.length) fail('empty body');
  const ct = (contentType ?? '').toLowerCase();
  if (ct.startsWith('multipart/')) {
    const parts = parseMultipart(body, contentType!);
    let eventPart: { text: string; hint: 'xml' | 'json' | null } | null = null;
    for (const p of parts) {
      const name = (p.filename ?? p.name ?? '').toLowerCase();
      const type = p.contentType ?? '';
      const looksImage = type.startsWith('image/') || /\.(jpe?g|png|bmp)$/.test(name) || isJpeg(p.data);
      if (looksImage) {
        if (isJpeg(p.data)) out.images.push({ name: (p.filename ?? p.name ?? 'image.jpg').slice(0, 100), data: p.data });
        else out.notJpeg.push({ name: (p.filename ?? p.name ?? 'image').slice(0, 100), bytes: p.data.length });
        continue;
      }
      const hint = type.includes('xml') || name.endsWith('.xml') ? 'xml' : type.includes('json') || name.endsWith('.json') ? 'json' : null;
      const first = firstChar(p.data);
      if (hint || first === '<' || first === '{') {
        if (eventPart) fail('multipart with more than one event part');
        eventPart = { text: p.data.toString('utf8'), hint };
      }
    }
    if (!eventPart) fail('multipart without an XML or JSON event part');
    fromJsonOrXml(eventPart!.text, remote, out, eventPart!.hint);
    return out;
  }
  const hint = ct.includes('xml') ? 'xml' : ct.includes('json') ? 'json' : null;
  fromJsonOrXml(body.toString('utf8'), remote, out, hint);
  return out;
}

/** The platform's OnEventNotify (JSON). */
export function parsePlatformPost(body: Buffer): ParsedGatePost {
  const out = empty();
  if (!body.length) fail('empty body');
  fromPlatform(parseJson(body.toString('utf8').replace(/^\uFEFF/, '')), out);
  return out;
}
