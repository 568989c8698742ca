// OsmAnd / Traccar Client over HTTP, for phones and temporary terminals issued at the gate. Two forms:
// - query (GET or POST, parameters in the URL or an urlencoded body): id (or deviceid), lat, lon, timestamp (unix
//   seconds, milliseconds, or ISO 8601), speed (knots), bearing (or heading), altitude, accuracy, batt;
// - JSON (Traccar Client 9+): {"device_id", "location": {"timestamp", "coords": {latitude, longitude, speed (m/s),
//   heading, altitude, accuracy}, "battery": {"level"}}}, or "locations": [...], or an array of such objects.
// Served on its own port (config.ports.osmand: what phone apps configured for Traccar expect) and at /api/osmand on
// the main port. Only known, non-revoked terminals (position_terminals protocol 'osmand', created by the registry)
// are accepted; the 200 is sent once the positions are committed; bad input → 400 with the reason.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { PositionRejectReason } from './tallies.ts';

export const OSMAND_MAX_BYTES = 256 * 1024;
const KNOT_KMH = 1.852;
/** Positions per request. */
const MAX_LOCATIONS = 1_000;

export interface OsmandReport {
  id: string;
  ts: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  altitudeM: number | null;
  accuracyM: number | null;
}

export type OsmandParse = { ok: true; reports: OsmandReport[] } | { ok: false; reason: PositionRejectReason; detail: string; id: string | null };

type Params = Record<string, string | undefined>;

/** A number, null when absent or empty, NaN when it is not a number. */
function num(v: unknown): number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return Number.NaN;
  const s = v.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number.NaN;
  return Number(s);
}

/** Unix seconds, milliseconds (above 1e11) or an ISO 8601 string → ms; NaN when unreadable. */
export function parseTimestamp(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? (Math.abs(v) > 1e11 ? v : v * 1000) : Number.NaN;
  if (typeof v !== 'string' || v.trim() === '') return Number.NaN;
  const n = num(v);
  if (n !== null && !Number.isNaN(n)) return Math.abs(n) > 1e11 ? n : n * 1000;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v.trim())) return Number.NaN;
  return Date.parse(v.trim());
}

function fromQuery(p: Params): OsmandParse {
  const id = (p.id ?? p.deviceid ?? '').trim();
  if (!id) return { ok: false, reason: 'badShape', detail: 'no id', id: null };
  if (id.length > 100) return { ok: false, reason: 'badShape', detail: 'id longer than 100 characters', id: null };
  const lat = num(p.lat);
  const lon = num(p.lon);
  if (lat === null || lon === null) return { ok: false, reason: 'badShape', detail: 'lat and lon are required', id };
  const speed = num(p.speed);
  const course = num(p.bearing ?? p.heading);
  const altitude = num(p.altitude);
  const accuracy = num(p.accuracy);
  for (const [k, v] of Object.entries({ lat, lon, speed, bearing: course, altitude, accuracy })) {
    if (v !== null && !Number.isFinite(v))
      return { ok: false, reason: 'badNumber', detail: `${k}=${String(p[k] ?? p.heading).slice(0, 40)} is not a number`, id };
  }
  const ts = p.timestamp === undefined || p.timestamp === '' ? Number.NaN : parseTimestamp(p.timestamp);
  if (Number.isNaN(ts))
    return { ok: false, reason: 'badTimestamp', detail: `timestamp ${JSON.stringify(p.timestamp ?? null)} is not unix seconds or ISO 8601`, id };
  return {
    ok: true,
    reports: [
      {
        id,
        ts,
        lat: lat!,
        lon: lon!,
        speedKmh: speed === null || speed < 0 ? null : speed * KNOT_KMH,
        course: course === null || course < 0 ? null : course,
        altitudeM: altitude,
        accuracyM: accuracy,
      },
    ],
  };
}

function fromJson(value: unknown): OsmandParse {
  const out: OsmandReport[] = [];
  const objects = Array.isArray(value) ? value : [value];
  if (objects.length > MAX_LOCATIONS) return { ok: false, reason: 'tooLarge', detail: `more than ${MAX_LOCATIONS} locations`, id: null };
  let lastId: string | null = null;
  for (const o of objects) {
    if (!o || typeof o !== 'object') return { ok: false, reason: 'badShape', detail: 'not an object', id: lastId };
    const obj = o as Record<string, unknown>;
    const rawId = obj.device_id ?? obj.deviceId ?? obj.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).trim() : '';
    if (!id || id.length > 100) return { ok: false, reason: 'badShape', detail: 'no device_id', id: null };
    lastId = id;
    const locations = Array.isArray(obj.locations) ? (obj.locations as unknown[]) : obj.location !== undefined ? [obj.location] : [];
    if (!locations.length) return { ok: false, reason: 'badShape', detail: 'no location', id };
    if (out.length + locations.length > MAX_LOCATIONS) return { ok: false, reason: 'tooLarge', detail: `more than ${MAX_LOCATIONS} locations`, id };
    for (const l of locations) {
      if (!l || typeof l !== 'object') return { ok: false, reason: 'badShape', detail: 'location is not an object', id };
      const loc = l as Record<string, unknown>;
      const coords = (loc.coords ?? {}) as Record<string, unknown>;
      if (typeof coords !== 'object') return { ok: false, reason: 'badShape', detail: 'coords is not an object', id };
      const vals = {
        latitude: coords.latitude,
        longitude: coords.longitude,
        speed: coords.speed,
        heading: coords.heading,
        altitude: coords.altitude,
        accuracy: coords.accuracy,
      };
      const n: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(vals)) {
        const x = typeof v === 'string' ? num(v) : v === undefined || v === null ? null : typeof v === 'number' ? v : Number.NaN;
        if (x !== null && !Number.isFinite(x)) return { ok: false, reason: 'badNumber', detail: `${k} ${JSON.stringify(v)?.slice(0, 40)} is not a number`, id };
        n[k] = x;
      }
      if (n.latitude === null || n.longitude === null)
        return { ok: false, reason: 'badShape', detail: 'coords.latitude and coords.longitude are required', id };
      const ts = parseTimestamp(loc.timestamp);
      if (Number.isNaN(ts))
        return {
          ok: false,
          reason: 'badTimestamp',
          detail: `timestamp ${JSON.stringify(loc.timestamp ?? null)?.slice(0, 40)} is not ISO 8601 or unix time`,
          id,
        };
      out.push({
        id,
        ts,
        lat: n.latitude!,
        lon: n.longitude!,
        speedKmh: n.speed === null || n.speed! < 0 ? null : n.speed! * 3.6,
        course: n.heading === null || n.heading! < 0 ? null : n.heading!,
        altitudeM: n.altitude!,
        accuracyM: n.accuracy!,
      });
    }
  }
  // One request, one device: a batch naming several devices is refused (each device posts its own).
  if (new Set(out.map((r) => r.id)).size > 1) return { ok: false, reason: 'badShape', detail: 'one request names several devices', id: lastId };
  return { ok: true, reports: out };
}

/** Parses a request of either form. `query` is the URL's parameters; `body` the raw body (may be empty). */
export function parseOsmand(query: Params, body: Buffer | null, contentType: string | undefined): OsmandParse {
  const text = body && body.length ? body.toString('utf8').trim() : '';
  if (text && (text.startsWith('{') || text.startsWith('[') || (contentType ?? '').includes('json'))) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'malformedJson', detail: `not JSON: ${JSON.stringify(text.slice(0, 40))}`, id: query.id ?? null };
    }
    return fromJson(value);
  }
  const params: Params = { ...query };
  if (text) for (const [k, v] of new URLSearchParams(text)) params[k] ??= v;
  return fromQuery(params);
}

export interface OsmandAnswer {
  status: number;
  body: string;
}

export type OsmandHandler = (query: Params, body: Buffer | null, contentType: string | undefined, peer: string) => Promise<OsmandAnswer>;

export interface OsmandServer {
  port: number;
  connections(): number;
  stopAccepting(): void;
  close(): Promise<void>;
}

/** The OsmAnd listener on its own port: any path, GET or POST, bodies up to OSMAND_MAX_BYTES. */
export async function startOsmandServer(port: number, host: string, handle: OsmandHandler, log: FastifyBaseLogger): Promise<OsmandServer> {
  let accepting = true;
  const reply = (res: ServerResponse, a: OsmandAnswer) => {
    if (res.headersSent) return;
    res.writeHead(a.status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(a.body) });
    res.end(a.body);
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!accepting) return reply(res, { status: 503, body: 'stopping' });
    if (req.method !== 'GET' && req.method !== 'POST') return reply(res, { status: 405, body: 'GET or POST' });
    const url = new URL(req.url ?? '/', 'http://osmand.local');
    const query: Params = {};
    for (const [k, v] of url.searchParams) query[k] ??= v;
    const parts: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > OSMAND_MAX_BYTES) tooLarge = true;
      else parts.push(c);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      const peer = `ip:${req.socket.remoteAddress ?? 'unknown'}`;
      const body = tooLarge ? null : Buffer.concat(parts);
      const run = tooLarge ? Promise.resolve({ status: 413, body: 'tooLarge' }) : handle(query, body, req.headers['content-type'], peer);
      run.then(
        (a) => reply(res, a),
        (err: unknown) => {
          log.error({ err }, 'OsmAnd request failed');
          reply(res, { status: 500, body: 'internal error' });
        },
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('error', (err) => log.error({ err }, 'OsmAnd listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  let open = 0;
  server.on('connection', (s) => {
    open++;
    s.once('close', () => open--);
  });
  return {
    port: typeof address === 'object' && address ? address.port : port,
    connections: () => open,
    stopAccepting() {
      accepting = false;
    },
    async close() {
      accepting = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
