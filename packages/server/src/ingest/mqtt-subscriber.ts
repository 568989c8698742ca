// Production mode (MQTT_URL): devices connect to an external broker (Mosquitto, EMQX) and the platform takes their
// messages with an MQTT 5 shared subscription, so that several instances split the stream:
//   $share/<group>/zoneops/+/v1/devices/me/telemetry and $share/<group>/zoneops/+/v1/gateway/telemetry
// where the `+` level is the device's token (EMQX adds it with the listener mountpoint `zoneops/${username}/`; with
// Mosquitto the vendor publishes to the full topic).
// A QoS 1 message is acknowledged to the broker only once its readings are committed. mqtt.js calls
// customHandleAcks for one incoming packet at a time and waits for its callback before reading the next, so waiting
// there would take one message per write; instead customHandleAcks hands the message to the pipeline and answers at
// once, and the PUBACK mqtt.js then sends is held back (its `_sendPacket` is wrapped for PUBACKs of held messages)
// until the write commits. If the write fails the PUBACK is never sent and the connection is dropped, so the broker
// delivers the message again (the session is persistent: clean start off, expiry SESSION_EXPIRY_S). A graceful stop
// unsubscribes, writes what it took, acknowledges it and ends the session.
import mqtt, { type MqttClient } from 'mqtt';
import type { FastifyBaseLogger } from 'fastify';
import { DEVICE_TELEMETRY_TOPIC, GATEWAY_TELEMETRY_TOPIC } from '@zoneops/shared';
import type { Directory } from './directory.ts';
import type { Intake, TelemetryKind } from './intake.ts';
import { OverloadedError } from './pipeline.ts';

/** How long the broker keeps this instance's session (and its unacknowledged messages) after a crash. */
const SESSION_EXPIRY_S = 300;
/** Messages the broker may have in flight to this instance (a gateway batch of 150 readings × 1,000 fits the queue). */
const RECEIVE_MAXIMUM = 1000;
/** How soon a message held by a full queue is offered again. */
const OVERLOAD_RETRY_MS = 50;
const TOPIC_PREFIX = 'zoneops/';

export interface ExternalSubscription {
  /** The broker's address without credentials. */
  url: string;
  live(): boolean;
  close(): Promise<void>;
}

export interface SubscriberParts {
  directory: Directory;
  intake: Intake;
  log: FastifyBaseLogger;
  shareGroup: string;
  clientId: string;
  /** Writes what was taken and resolves when it is committed (between unsubscribing and disconnecting). */
  flush: () => Promise<void>;
}

export function subscriptionTopics(group: string): string[] {
  return [`$share/${group}/${TOPIC_PREFIX}+/${DEVICE_TELEMETRY_TOPIC}`, `$share/${group}/${TOPIC_PREFIX}+/${GATEWAY_TELEMETRY_TOPIC}`];
}

/** `zoneops/<token>/v1/...` → token and kind, or null. */
export function parseTopic(topic: string): { token: string; kind: TelemetryKind | null } | null {
  if (!topic.startsWith(TOPIC_PREFIX)) return null;
  const slash = topic.indexOf('/', TOPIC_PREFIX.length);
  if (slash < 0) return null;
  const rest = topic.slice(slash + 1);
  return {
    token: topic.slice(TOPIC_PREFIX.length, slash),
    kind: rest === DEVICE_TELEMETRY_TOPIC ? 'device' : rest === GATEWAY_TELEMETRY_TOPIC ? 'gateway' : null,
  };
}

export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return 'mqtt://?';
  }
}

interface Held {
  generation: number;
  done: boolean;
  failed: boolean;
  send: (() => void) | null;
}

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

export async function startSubscriber(url: string, parts: SubscriberParts): Promise<ExternalSubscription> {
  const { directory, intake, log } = parts;
  await directory.ready();
  const held = new Map<number, Held>();
  let generation = 0;
  let subscribed = false;
  let stopping = false;

  const client: MqttClient = mqtt.connect(url, {
    protocolVersion: 5,
    clientId: parts.clientId,
    clean: false,
    properties: { sessionExpiryInterval: SESSION_EXPIRY_S, receiveMaximum: RECEIVE_MAXIMUM },
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    keepalive: 30,
    resubscribe: false,
    customHandleAcks: (topic, message, packet, done) => {
      if (stopping && !subscribed) return done(new Error('stopping'));
      const parsed = parseTopic(topic);
      const sender = parsed ? intake.sender(parsed.token, 'mqtt') : null;
      if (!parsed || !sender) return done(0);
      if (!parsed.kind) {
        // Not reachable through our subscriptions; acknowledged and dropped.
        return done(0);
      }
      const id = packet.messageId!;
      const entry: Held = { generation, done: false, failed: false, send: null };
      held.set(id, entry);
      const kind = parsed.kind;
      const attempt = () =>
        intake.accept(sender, kind, message, 'mqtt', (err) => {
          if (held.get(id) !== entry) return;
          // A full queue holds the message (and its PUBACK) until the writes catch up: the broker's in-flight window
          // (receiveMaximum) bounds what waits, and nothing is refused for being early.
          if (err instanceof OverloadedError) {
            setTimeout(attempt, OVERLOAD_RETRY_MS).unref();
            return;
          }
          if (err) {
            entry.failed = true;
            held.delete(id);
            log.warn({ err: err.message }, 'MQTT message not acknowledged: reconnecting so the broker delivers it again');
            client.stream?.destroy();
            return;
          }
          entry.done = true;
          if (entry.send) {
            held.delete(id);
            entry.send();
          }
        });
      attempt();
      done(0);
    },
  });

  // PUBACKs of held messages wait for their write (see the header).
  const c = client as unknown as { _sendPacket: SendPacket };
  const original = c._sendPacket.bind(client) as SendPacket;
  c._sendPacket = (packet, cb, ...rest) => {
    if (packet.cmd === 'puback' && packet.messageId !== undefined) {
      const entry = held.get(packet.messageId);
      if (entry && !entry.done) {
        const gen = entry.generation;
        entry.send = () => {
          if (gen === generation && client.connected) original(packet, undefined, ...rest);
        };
        cb?.();
        return;
      }
      if (entry) held.delete(packet.messageId);
    }
    original(packet, cb, ...rest);
  };

  // QoS 0 messages: no acknowledgement to wait for.
  client.on('message', (topic, message, packet) => {
    if (packet.qos !== 0 || stopping) return;
    const parsed = parseTopic(topic);
    const sender = parsed?.kind ? intake.sender(parsed.token, 'mqtt') : null;
    if (parsed?.kind && sender) intake.accept(sender, parsed.kind, message, 'mqtt', () => undefined);
  });
  client.on('connect', () => {
    if (stopping) return;
    client.subscribe(subscriptionTopics(parts.shareGroup), { qos: 1 }, (err) => {
      if (err) log.error({ err }, 'MQTT shared subscription failed');
      else subscribed = true;
    });
  });
  client.on('close', () => {
    generation++;
    subscribed = false;
    held.clear();
  });
  client.on('error', (err) => log.warn({ err: err.message }, 'MQTT subscriber error'));

  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      log.warn({ url: publicUrl(url) }, 'MQTT broker not reachable yet: the subscriber keeps trying');
      resolve();
    }, 5_000);
    timer.unref();
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });

  return {
    url: publicUrl(url),
    live: () => client.connected && subscribed,
    async close() {
      stopping = true;
      if (client.connected) {
        await client.unsubscribeAsync(subscriptionTopics(parts.shareGroup)).catch(() => undefined);
      }
      subscribed = false;
      await parts.flush();
      await client.endAsync(false, { properties: { sessionExpiryInterval: 0 } }).catch(() => undefined);
    },
  };
}
