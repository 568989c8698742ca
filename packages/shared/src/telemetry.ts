// Telemetry payloads of the de-facto MQTT convention (DOMAIN §10), the same over HTTP: a device publishes to
// `v1/devices/me/telemetry` `{"ts": <ms>, "values": {"<tag>": <number>}}`, an array of those, or a bare values
// object (stamped with the arrival time); a gateway publishes to `v1/gateway/telemetry`
// `{"<device name>": [{"ts": …, "values": {…}}]}`. Pure functions: a payload becomes readings or a refusal with its
// reason (counted per device); one bad value refuses nothing else of the message but is reported.

export const DEVICE_TELEMETRY_TOPIC = 'v1/devices/me/telemetry';
export const GATEWAY_TELEMETRY_TOPIC = 'v1/gateway/telemetry';

/** The largest payload accepted (bytes). */
export const MAX_TELEMETRY_BYTES = 256 * 1024;

export interface Reading {
  /** The device name (gateway payloads) or null (a device's own topic). */
  device: string | null;
  tag: string;
  ts: number;
  value: number;
}

export type TelemetryProblem = 'tooLarge' | 'malformedJson' | 'badShape' | 'badTimestamp' | 'outOfWindow' | 'notNumeric' | 'badTag';

export interface TelemetryRejection {
  problem: TelemetryProblem;
  device: string | null;
  tag?: string;
  detail: string;
}

export interface TelemetryWindow {
  /** How far into the future a timestamp may lie (clock drift), ms. */
  futureMs: number;
  /** How far into the past (buffered data from an outage), ms. */
  pastMs: number;
}
export const defaultTelemetryWindow: TelemetryWindow = { futureMs: 5 * 60_000, pastMs: 7 * 86_400_000 };

export interface ParsedTelemetry {
  readings: Reading[];
  rejected: TelemetryRejection[];
}

const TAG = /^[\w.\-/:]{1,64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as a number: numbers and numeric strings ("12.5"); booleans as 1/0; anything else (NaN, text) refused. */
function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

function entries(device: string | null, item: unknown, now: number, window: TelemetryWindow, out: ParsedTelemetry): void {
  if (!isObject(item)) {
    out.rejected.push({ problem: 'badShape', device, detail: 'an entry is an object' });
    return;
  }
  let ts = now;
  let values: Record<string, unknown> = item;
  if ('values' in item) {
    if (!isObject(item.values)) {
      out.rejected.push({ problem: 'badShape', device, detail: '"values" is an object of tag → number' });
      return;
    }
    values = item.values;
    if ('ts' in item) {
      const t = item.ts;
      if (typeof t !== 'number' || !Number.isInteger(t) || t <= 0) {
        out.rejected.push({ problem: 'badTimestamp', device, detail: `"ts" is milliseconds since 1970 (got ${JSON.stringify(t)})` });
        return;
      }
      if (t > now + window.futureMs || t < now - window.pastMs) {
        out.rejected.push({ problem: 'outOfWindow', device, detail: `ts ${new Date(t).toISOString()} is outside the accepted window` });
        return;
      }
      ts = t;
    }
  } else if ('ts' in item) {
    out.rejected.push({ problem: 'badShape', device, detail: '"ts" without "values"' });
    return;
  }
  for (const [tag, raw] of Object.entries(values)) {
    if (!TAG.test(tag)) {
      out.rejected.push({ problem: 'badTag', device, tag, detail: 'a tag is 1–64 letters, digits or . _ - / :' });
      continue;
    }
    const value = numeric(raw);
    if (value === null) {
      out.rejected.push({ problem: 'notNumeric', device, tag, detail: `${JSON.stringify(raw)} is not a number` });
      continue;
    }
    out.readings.push({ device, tag, ts, value });
  }
}

/** The readings of a device's payload (its own topic: the device is known from its token). */
export function parseDeviceTelemetry(payload: string | Uint8Array, now: number, window: TelemetryWindow = defaultTelemetryWindow): ParsedTelemetry {
  const out: ParsedTelemetry = { readings: [], rejected: [] };
  const json = decode(payload, null, out);
  if (json === undefined) return out;
  for (const item of Array.isArray(json) ? json : [json]) entries(null, item, now, window, out);
  return out;
}

/** The readings of a gateway's payload, per device name. */
export function parseGatewayTelemetry(payload: string | Uint8Array, now: number, window: TelemetryWindow = defaultTelemetryWindow): ParsedTelemetry {
  const out: ParsedTelemetry = { readings: [], rejected: [] };
  const json = decode(payload, null, out);
  if (json === undefined) return out;
  if (!isObject(json)) {
    out.rejected.push({ problem: 'badShape', device: null, detail: 'a gateway payload is {"<device>": [{"ts": …, "values": {…}}]}' });
    return out;
  }
  for (const [device, list] of Object.entries(json)) {
    if (device === '' || device.length > 128) {
      out.rejected.push({ problem: 'badShape', device, detail: 'a device name is 1–128 characters' });
      continue;
    }
    for (const item of Array.isArray(list) ? list : [list]) entries(device, item, now, window, out);
  }
  return out;
}

function decode(payload: string | Uint8Array, device: string | null, out: ParsedTelemetry): unknown {
  const size = typeof payload === 'string' ? new TextEncoder().encode(payload).length : payload.length;
  if (size > MAX_TELEMETRY_BYTES) {
    out.rejected.push({ problem: 'tooLarge', device, detail: `${size} bytes (at most ${MAX_TELEMETRY_BYTES})` });
    return undefined;
  }
  try {
    return JSON.parse(typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload)) as unknown;
  } catch {
    out.rejected.push({ problem: 'malformedJson', device, detail: 'the payload is not JSON (UTF-8)' });
    return undefined;
  }
}

/** Duplicates within one batch (same device, tag and timestamp): the first is kept, as the store keeps the first. */
export function dedupeReadings(readings: readonly Reading[]): Reading[] {
  const seen = new Set<string>();
  return readings.filter((r) => {
    const key = `${r.device ?? ''}\u0000${r.tag}\u0000${r.ts}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
