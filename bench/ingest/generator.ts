// Load generator of the ingest benchmark, run as a child process (child_process.fork) so that its CPU is not the
// platform's: it holds MQTT connections (bench/ingest/mqtt-lite.ts) and publishes at QoS 1 what the parent asks,
// counting PUBACKs. Commands arrive over IPC ({id, cmd, …}); each is answered with {id, …}; excursions (scenario a)
// are reported as they are published ({type: 'excursion', key, at}).
import { MqttLite } from './mqtt-lite.ts';

export interface GenClient {
  clientId: string;
  username?: string;
  topic: string;
  /** Device name (park, single) or the gateway's device names (gateway). */
  name: string;
  devices?: string[];
}

export interface GenStats {
  published: number;
  acked: number;
  readingsPublished: number;
  readingsAcked: number;
  inflight: number;
  /** Messages not sent because the connection had its bound of messages in flight (back-pressure). */
  skipped: number;
  strayAcks: number;
  disconnects: number;
  /** Publish → PUBACK, ms. */
  ackP50: number;
  ackP99: number;
  ackMax: number;
  /** This process's CPU over the phase, % of one core. */
  cpuPct: number;
  ms: number;
}

type Command =
  | { id: number; cmd: 'connect'; host: string; port: number; clients: GenClient[]; staggerMs: number; keepalive?: number }
  | {
      id: number;
      cmd: 'park';
      startAt: number;
      seconds: number;
      tags: string[];
      excursions: { name: string; tag: string; atMs: number; value: number }[];
    }
  | { id: number; cmd: 'gateway'; startAt: number; seconds: number; tags: string[]; inflight: number; budget?: number }
  | { id: number; cmd: 'budget'; readings: number }
  | { id: number; cmd: 'single'; startAt: number; seconds: number; tags: string[]; rate: number; inflight: number }
  | { id: number; cmd: 'stats' }
  | { id: number; cmd: 'drain'; timeoutMs: number }
  | { id: number; cmd: 'end' };

let clients: MqttLite[] = [];
let specs: GenClient[] = [];
let disconnects = 0;
let readingsPerAck: number[] = []; // per client: readings per message of the current phase (constant per phase)
let phase = { published0: 0, acked0: 0, readingsPublished: 0, skipped: 0, started: 0, cpu: process.cpuUsage() };
let latencies = new Float64Array(1 << 16);
let nLat = 0;
let budget = Number.POSITIVE_INFINITY;

const reply = (msg: object) => process.send!(msg);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordLatency(ms: number): void {
  if (nLat === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[nLat++] = ms;
}

function resetPhase(readingsPerMessage: number): void {
  readingsPerAck = clients.map(() => readingsPerMessage);
  phase = {
    published0: clients.reduce((s, c) => s + c.published, 0),
    acked0: clients.reduce((s, c) => s + c.acked, 0),
    readingsPublished: 0,
    skipped: 0,
    started: Date.now(),
    cpu: process.cpuUsage(),
  };
  nLat = 0;
}

function stats(): GenStats {
  const published = clients.reduce((s, c) => s + c.published, 0) - phase.published0;
  const acked = clients.reduce((s, c) => s + c.acked, 0) - phase.acked0;
  const sorted = latencies.slice(0, nLat).sort();
  const q = (p: number) => (nLat ? Math.round(sorted[Math.min(nLat - 1, Math.floor(p * nLat))]! * 10) / 10 : 0);
  const cpu = process.cpuUsage(phase.cpu);
  const ms = Date.now() - phase.started;
  const perMessage = readingsPerAck[0] ?? 0;
  return {
    published,
    acked,
    readingsPublished: phase.readingsPublished,
    readingsAcked: acked * perMessage,
    inflight: clients.reduce((s, c) => s + c.inflight.size, 0),
    skipped: phase.skipped,
    strayAcks: clients.reduce((s, c) => s + c.strayAcks, 0),
    disconnects,
    ackP50: q(0.5),
    ackP99: q(0.99),
    ackMax: nLat ? Math.round(sorted[nLat - 1]! * 10) / 10 : 0,
    cpuPct: ms > 0 ? Math.round(((cpu.user + cpu.system) / 1000 / ms) * 1000) / 10 : 0,
    ms,
  };
}

const value = () => Math.round((40 + Math.random() * 20) * 100) / 100;

/** Waits until `at` (epoch ms), then calls step(elapsed ms) every `everyMs` until `seconds` have passed. */
async function paced(at: number, seconds: number, everyMs: number, step: (elapsed: number) => void): Promise<void> {
  if (at > Date.now()) await sleep(at - Date.now());
  const end = at + seconds * 1000;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = Date.now();
      step(Math.min(now, end) - at);
      if (now >= end) {
        clearInterval(timer);
        resolve();
      }
    }, everyMs);
  });
}

async function handle(m: Command): Promise<void> {
  switch (m.cmd) {
    case 'connect': {
      const t0 = Date.now();
      specs = m.clients;
      const errors: string[] = [];
      const pending: Promise<void>[] = [];
      clients = new Array<MqttLite>(m.clients.length);
      for (let i = 0; i < m.clients.length; i++) {
        const c = m.clients[i]!;
        pending.push(
          MqttLite.connect({
            host: m.host,
            port: m.port,
            clientId: c.clientId,
            username: c.username,
            keepalive: m.keepalive ?? 0,
            connectTimeoutMs: 60_000,
          }).then(
            (client) => {
              client.onAck = (sentAt) => recordLatency(Date.now() - sentAt);
              client.onClose = () => disconnects++;
              clients[i] = client;
            },
            (e: Error) => {
              errors.push(e.message);
            },
          ),
        );
        if (m.staggerMs > 0) await sleep(m.staggerMs);
      }
      await Promise.all(pending);
      // Connections that failed are dropped (the parent reports them); clients and specs stay aligned.
      const ok = clients.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
      specs = ok.map((i) => m.clients[i]!);
      clients = ok.map((i) => clients[i]!);
      reply({ id: m.id, ok: clients.length, failed: errors.length, errors: errors.slice(0, 5), ms: Date.now() - t0 });
      return;
    }
    case 'park': {
      // Every device publishes {ts, values: {t1, t2, t3}} once a second, the devices spread evenly over the second.
      resetPhase(m.tags.length);
      const n = clients.length;
      const pending = new Map<number, { tag: string; atMs: number; value: number }[]>();
      const index = new Map(specs.map((s, i) => [s.name, i]));
      for (const e of m.excursions) {
        const i = index.get(e.name);
        if (i !== undefined) pending.set(i, [...(pending.get(i) ?? []), e]);
      }
      let sent = 0;
      await paced(m.startAt, m.seconds, 5, (elapsed) => {
        const due = Math.floor((elapsed / 1000) * n);
        for (; sent < due; sent++) {
          const i = sent % n;
          const client = clients[i]!;
          const values: Record<string, number> = {};
          for (const tag of m.tags) values[tag] = value();
          const now = Date.now();
          const exc = pending.get(i);
          const hit: string[] = [];
          if (exc) {
            for (const e of exc.filter((x) => x.atMs <= elapsed)) {
              values[e.tag] = e.value;
              hit.push(e.tag);
            }
            const rest = exc.filter((x) => x.atMs > elapsed);
            if (rest.length) pending.set(i, rest);
            else pending.delete(i);
          }
          if (client.publish(specs[i]!.topic, JSON.stringify({ ts: now, values }), now)) {
            phase.readingsPublished += m.tags.length;
            for (const tag of hit) reply({ type: 'excursion', key: `${specs[i]!.name}/${tag}`, at: now });
          } else phase.skipped++;
        }
      });
      reply({ id: m.id, ...stats() });
      return;
    }
    case 'gateway': {
      // Each gateway publishes {"<device>": [{ts, values}], …} for its devices, keeping at most `inflight` messages
      // unacknowledged; with an external broker (which acknowledges at once) the parent also grants a budget of
      // readings from what the platform has stored.
      const perMessage = (specs[0]?.devices?.length ?? 0) * m.tags.length;
      resetPhase(perMessage);
      budget = m.budget ?? Number.POSITIVE_INFINITY;
      const lastTs = clients.map(() => 0);
      const end = m.startAt + m.seconds * 1000;
      let done = false;
      const pump = (i: number) => {
        const client = clients[i]!;
        const spec = specs[i]!;
        while (!done && client.inflight.size < m.inflight && phase.readingsPublished + perMessage <= budget) {
          const now = Date.now();
          const ts = Math.max(now, lastTs[i]! + 1);
          lastTs[i] = ts;
          let payload = '{';
          for (let d = 0; d < spec.devices!.length; d++) {
            payload += `${d ? ',' : ''}"${spec.devices![d]}":[{"ts":${ts},"values":{`;
            for (let t = 0; t < m.tags.length; t++) payload += `${t ? ',' : ''}"${m.tags[t]}":${value()}`;
            payload += '}}]';
          }
          payload += '}';
          if (!client.publish(spec.topic, payload, now)) break;
          phase.readingsPublished += perMessage;
        }
      };
      if (m.startAt > Date.now()) await sleep(m.startAt - Date.now());
      clients.forEach((c, i) => {
        c.onAck = (sentAt) => {
          recordLatency(Date.now() - sentAt);
          if (!done) pump(i);
        };
        pump(i);
      });
      const topUp = setInterval(() => clients.forEach((_, i) => pump(i)), 5);
      await sleep(Math.max(0, end - Date.now()));
      done = true;
      clearInterval(topUp);
      clients.forEach((c) => (c.onAck = (sentAt) => recordLatency(Date.now() - sentAt)));
      reply({ id: m.id, ...stats() });
      return;
    }
    case 'budget':
      budget = m.readings;
      return;
    case 'single': {
      // Devices publish one value per message ({ts, values: {tN}}), `rate` messages a second in all, round robin,
      // each device at most `inflight` messages unacknowledged (beyond: skipped, counted as back-pressure).
      resetPhase(1);
      const n = clients.length;
      const lastTs = clients.map(() => 0);
      const tagOf = clients.map(() => 0);
      let sent = 0;
      await paced(m.startAt, m.seconds, 5, (elapsed) => {
        const due = Math.floor((elapsed / 1000) * m.rate);
        for (; sent < due; sent++) {
          const i = sent % n;
          const client = clients[i]!;
          if (client.inflight.size >= m.inflight) {
            phase.skipped++;
            continue;
          }
          const now = Date.now();
          const ts = Math.max(now, lastTs[i]! + 1);
          lastTs[i] = ts;
          const tag = m.tags[tagOf[i]!]!;
          tagOf[i] = (tagOf[i]! + 1) % m.tags.length;
          if (client.publish(specs[i]!.topic, `{"ts":${ts},"values":{"${tag}":${value()}}}`, now)) phase.readingsPublished++;
          else phase.skipped++;
        }
      });
      reply({ id: m.id, ...stats() });
      return;
    }
    case 'stats':
      reply({ id: m.id, ...stats() });
      return;
    case 'drain': {
      const until = Date.now() + m.timeoutMs;
      while (Date.now() < until && clients.some((c) => c.inflight.size > 0 && !c.closed)) await sleep(20);
      reply({ id: m.id, ...stats() });
      return;
    }
    case 'end':
      await Promise.all(clients.map((c) => c.end()));
      reply({ id: m.id, ended: true });
      setTimeout(() => process.exit(0), 50);
      return;
  }
}

process.on('message', (m: Command) => {
  handle(m).catch((e: unknown) => reply({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
});
process.on('disconnect', () => process.exit(0));
