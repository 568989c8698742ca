// `npm run simulate -- vehicles`: the demo park's vehicles live. Reads the park's part of the device file the demo
// seed writes (DATA_DIR/demo-devices.json, key `park`, see packages/server/src/db/seed/demo-park.ts), drives the JT/T
// 808 terminals and phones of the vehicles in the park along their routes (one speeds in a speed zone, one leaves its
// route, one parks outside a lot), and posts gate events now and then. Prints a line every 10 s; Ctrl-C stops.
import type { DemoDevicesFileWithPark, DemoParkSection, DemoParkTerminal } from '../../packages/server/src/db/seed/demo-park.ts';
import { Drive, zonesOf, type DriveZones } from './drive.ts';
import { GatePoster, type GateStats } from './gate-poster.ts';
import { Jt808Fleet, type Jt808Stats, type SimTerminal } from './jt808-fleet.ts';
import { PhoneFleet, type PhoneStats, type SimPhone } from './phones.ts';

export { Drive, zonesOf } from './drive.ts';
export { Jt808Fleet } from './jt808-fleet.ts';
export { PhoneFleet } from './phones.ts';
export { GatePoster } from './gate-poster.ts';
export * from './gate-events.ts';

export interface VehiclesOptions {
  file: DemoDevicesFileWithPark;
  /** Positions this many times as often (default 1: every 5 s for terminals, 10 s for phones); gate events too. */
  rate: number;
  /** Stop after this many seconds (0: until Ctrl-C). */
  duration: number;
  /** host:port of the JT/T 808 server, or 'off'. */
  jt808: string | undefined;
  /** Base URL of the OsmAnd endpoint, or 'off'. */
  osmand: string | undefined;
  /** Base URL of the platform for gate events, or 'off'. */
  gate: string | undefined;
  gateToken: string | undefined;
  /** At most this many JT/T 808 terminals (default: every one in the park). */
  terminals: number | undefined;
}

function hostPort(text: string, fallbackPort: number): { host: string; port: number } {
  const i = text.lastIndexOf(':');
  if (i < 0) return { host: text || 'localhost', port: fallbackPort };
  return { host: text.slice(0, i) || 'localhost', port: Number(text.slice(i + 1)) || fallbackPort };
}

export function parkOf(file: DemoDevicesFileWithPark, path: string): DemoParkSection {
  if (!file.park || file.park.version !== 1 || !Array.isArray(file.park.terminals)) {
    throw new Error(`${path} has no closed-park part: start the platform once with the demo seed (npm start), which adds it`);
  }
  return file.park;
}

/** A demo terminal's drive along its path from its last seeded position; seeded by its identifier, the same every run. */
export function driveOf(t: DemoParkTerminal, zones: DriveZones): Drive {
  const seed = [...t.identifier].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);
  return new Drive(t.path!, t.role, zones, seed, t.last);
}

/** A demo JT/T 808 terminal as the fleet simulates it. */
export function simTerminalOf(t: DemoParkTerminal, zones: DriveZones): SimTerminal {
  return {
    identifier: t.identifier,
    authCode: t.authCode,
    version: t.version === '2019' ? '2019' : '2013',
    plate: t.plate ?? '',
    plateColor: t.plateColor,
    drive: driveOf(t, zones),
  };
}

/** A demo phone as the OsmAnd simulator drives it. */
export const simPhoneOf = (t: DemoParkTerminal, zones: DriveZones): SimPhone => ({ id: t.identifier, drive: driveOf(t, zones) });

export async function runVehicles(o: VehiclesOptions, path: string): Promise<void> {
  const park = parkOf(o.file, path);
  const zones = zonesOf(park.geofences);
  const driving = park.terminals.filter((t) => t.inPark && t.path && t.path.length > 1);
  // the scenario vehicles first, so that --terminals keeps them
  const order = (r: string | null) => (r === 'speeding' || r === 'offRoute' || r === 'parkedOutside' ? 0 : 1);
  const jtTerms = driving
    .filter((t) => t.protocol === 'jt808')
    .sort((a, b) => order(a.role) - order(b.role))
    .slice(0, o.terminals ?? Infinity);
  const phones = driving.filter((t) => t.protocol === 'osmand');

  const jtTarget = o.jt808 ?? `localhost:${park.jt808.port}`;
  const fleet =
    jtTarget === 'off' || !jtTerms.length
      ? null
      : new Jt808Fleet({
          ...hostPort(jtTarget, park.jt808.port),
          intervalMs: 5000 / o.rate,
          terminals: jtTerms.map((t) => simTerminalOf(t, zones)),
        });
  const osmandUrl = (o.osmand ?? `http://localhost:${park.osmand.port}`).replace(/\/+$/, '');
  const phoneFleet =
    osmandUrl === 'off' || !phones.length
      ? null
      : new PhoneFleet(
          osmandUrl,
          phones.map((t) => simPhoneOf(t, zones)),
          10_000 / o.rate,
        );
  const gateUrl = (o.gate ?? park.gate.baseUrl).replace(/\/+$/, '');
  const token = o.gateToken ?? park.gate.token;
  const gate = gateUrl === 'off' || !token ? null : new GatePoster(gateUrl, token, park, 20_000 / o.rate);

  const roles = jtTerms.filter((t) => t.role && t.role !== 'overstay').map((t) => `${t.plate} ${t.role}`);
  console.log(
    [
      `Demo vehicles of the closed park: ${jtTerms.length} JT/T 808 terminals (${jtTerms.filter((t) => t.version === '2019').length} speaking 2019) → ${fleet ? jtTarget : 'off'}`,
      `  ${phones.length} phones (OsmAnd) → ${phoneFleet ? osmandUrl : 'off'}; gate events → ${gate ? `${gateUrl}/api/gate/…` : token ? 'off' : 'off (no gate token in the file: pass --gate-token)'}`,
      `  scenarios: ${roles.join(', ') || 'none'}`,
      '  Ctrl-C stops.',
    ].join('\n'),
  );

  const started = Date.now();
  const line = (f: Jt808Stats | null, p: PhoneStats | null, g: GateStats | null) => {
    const t = Math.round((Date.now() - started) / 1000);
    const clock = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
    const parts = [
      f
        ? `JT/T 808 ${f.authenticated}/${f.terminals} up, positions sent ${f.sent}, acknowledged ${f.acked}${f.refused ? `, refused ${f.refused}` : ''}, heartbeats ${f.heartbeats}` +
          (f.registered ? `, registered ${f.registered}` : '') +
          (f.reconnects ? `, reconnects ${f.reconnects}` : '')
        : null,
      p ? `phones sent ${p.sent}, acknowledged ${p.acked}${p.refused ? `, refused ${p.refused}` : ''}` : null,
      g ? `gate posted ${g.posted} (stored ${g.stored}, in ${g.entries} / out ${g.exits}${g.refused ? `, refused ${g.refused}` : ''})` : null,
    ].filter(Boolean);
    const err = f?.lastError ?? p?.lastError ?? g?.lastError;
    return `[${clock}] ${parts.join('; ')}${err ? `\n    last error: ${err}` : ''}`;
  };

  fleet?.start();
  phoneFleet?.start();
  gate?.start();
  const report = setInterval(() => console.log(line(fleet?.snapshot() ?? null, phoneFleet?.snapshot() ?? null, gate?.snapshot() ?? null)), 10_000);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (why: string) => {
      if (stopping) return;
      stopping = true;
      clearInterval(report);
      console.log(`${why}: stopping…`);
      const [f, p, g] = await Promise.all([fleet?.stop() ?? null, phoneFleet?.stop() ?? null, gate?.stop() ?? null]);
      console.log(line(f, p, g));
      resolve();
    };
    process.on('SIGINT', () => void stop('interrupted'));
    process.on('SIGTERM', () => void stop('terminated'));
    if (o.duration > 0) setTimeout(() => void stop(`${o.duration} s elapsed`), o.duration * 1000);
  });
}
