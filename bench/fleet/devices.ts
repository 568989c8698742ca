// Who the fleet speaks for: MQTT senders (a device with its own token, or a gateway naming its devices in each
// payload) and HJ 212 stations. From the demo seed's file (DATA_DIR/demo-devices.json, written by
// packages/server/src/db/seed/demo-safety.ts, whose header documents it) or from a list a benchmark builds.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_DEVICES_FILE, type DemoDevicesFile, type DemoFilePoint } from '../../packages/server/src/db/seed/demo-safety.ts';

export type FleetPoint = DemoFilePoint;

/** A device as it appears in payloads: its name (gateway payloads) and its points (tags). */
export interface FleetDevice {
  name: string;
  points: FleetPoint[];
}

/** One MQTT connection. A `device` publishes its own points on the device topic; a `gateway` publishes for `devices`. */
export interface FleetSender {
  kind: 'device' | 'gateway';
  name: string;
  /** The access token: the MQTT user name. */
  token: string;
  devices: FleetDevice[];
}

export interface FleetStation {
  name: string;
  mn: string;
  /** HJ 212 system code: 22 air quality, 32 surface water. */
  st: string;
  pw: string;
  factors: FleetPoint[];
}

/** The demo file's path: DATA_DIR (default ./data) joined with demo-devices.json. */
export function defaultDevicesFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? 'data', DEMO_DEVICES_FILE);
}

export function loadDemoDevices(path: string): DemoDevicesFile {
  if (!existsSync(path)) {
    throw new Error(`no device file at ${path}: start the platform once with the demo seed (npm start writes DATA_DIR/${DEMO_DEVICES_FILE}), or pass --file`);
  }
  const file = JSON.parse(readFileSync(path, 'utf8')) as DemoDevicesFile;
  if (file.version !== 1 || !Array.isArray(file.devices) || !Array.isArray(file.stations)) throw new Error(`${path} is not a version 1 demo device file`);
  return file;
}

/**
 * The MQTT senders of the demo file. `gateway` (default): one connection per gateway and per direct device.
 * `device`: one per device, a gateway's devices each on its own connection with the gateway's token (as a gateway
 * with a single device), for many sockets from the same registry.
 */
export function sendersOf(file: DemoDevicesFile, connections: 'gateway' | 'device' = 'gateway'): FleetSender[] {
  return file.devices.flatMap((d): FleetSender[] => {
    if (d.kind === 'device') return [{ kind: 'device', name: d.name, token: d.token, devices: [{ name: d.name, points: d.points }] }];
    const children = (d.children ?? []).filter((c) => c.points.length);
    if (connections === 'device') return children.map((c) => ({ kind: 'gateway', name: c.name, token: d.token, devices: [c] }));
    return [{ kind: 'gateway', name: d.name, token: d.token, devices: children }];
  });
}

export function stationsOf(file: DemoDevicesFile): FleetStation[] {
  return file.stations.map((s) => ({ name: s.name, mn: s.mn, st: s.st, pw: s.pw, factors: s.factors }));
}
