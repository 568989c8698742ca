// From a sender's payload to queued readings, the same for MQTT (embedded or external broker) and HTTP: the token
// names the sender, the shared hand-written parsers (no zod on this path) read the payload, tags become points of
// the device (or of the gateway's device named in the payload), and everything refused is counted per sender and
// reason. One unknown tag refuses that reading only.
import { parseDeviceTelemetry, parseGatewayTelemetry, type IngestChannel, type IngestRejectReason, type TelemetryWindow } from '@zoneops/shared';
import type { DeviceDef } from '../modules/safety/contracts.ts';
import type { Directory } from './directory.ts';
import type { Pipeline, PointReading, SubmitResult } from './pipeline.ts';

export interface IntakeRejection {
  device: string | null;
  tag?: string;
  problem: IngestRejectReason;
  detail: string;
}

export interface IntakeResult extends SubmitResult {
  rejected: IntakeRejection[];
}

export type IntakeAck = (err: Error | null, result?: IntakeResult) => void;

export type TelemetryKind = 'device' | 'gateway';

/** How an unknown token is named in the rejection counters: never the token itself. */
export const tokenKey = (token: string) => `token:${token.slice(-4)}`;

export class Intake {
  constructor(
    private readonly directory: Directory,
    private readonly pipeline: Pipeline,
    private readonly now: () => number,
    private readonly window: TelemetryWindow,
  ) {}

  /**
   * The sender of a token, or null (an unknown or revoked token is counted). The directory must be loaded
   * (`directory.ready()`).
   */
  sender(token: string, channel: IngestChannel): DeviceDef | null {
    const d = token ? this.directory.byToken(token) : undefined;
    if (!d) {
      this.pipeline.reject(tokenKey(token), null, channel, 'unknownToken', 'no device or gateway has this token');
      return null;
    }
    if (d.revoked) {
      this.pipeline.reject(d.id, d.id, channel, 'revokedToken', 'the token was revoked');
      return null;
    }
    return d;
  }

  /** The sender as the directory knows it now (a reload may have revoked or removed it since it connected). */
  current(id: string): DeviceDef | null {
    const d = this.directory.byId(id);
    return d && !d.revoked ? d : null;
  }

  /** A payload of a device's own topic or a gateway's topic: readings queued, refusals counted. */
  accept(sender: DeviceDef, kind: TelemetryKind, payload: string | Uint8Array, channel: IngestChannel, ack: IntakeAck): void {
    if (kind === 'gateway' && sender.kind !== 'gateway') {
      const detail = `a ${sender.kind} publishes to its own telemetry topic, not the gateway topic`;
      this.pipeline.reject(sender.id, sender.id, channel, 'badTopic', detail);
      ack(null, { accepted: 0, duplicates: 0, rejected: [{ device: null, problem: 'badTopic', detail }] });
      return;
    }
    const now = this.now();
    const parsed = kind === 'device' ? parseDeviceTelemetry(payload, now, this.window) : parseGatewayTelemetry(payload, now, this.window);
    const rejected: IntakeRejection[] = [];
    for (const r of parsed.rejected) {
      const child = r.device !== null ? this.directory.child(sender.id, r.device) : undefined;
      const who = child ?? sender;
      this.pipeline.reject(who.id, who.id, channel, r.problem, describe(r.device, r.tag, r.detail));
      rejected.push(
        r.tag !== undefined
          ? { device: r.device, tag: r.tag, problem: r.problem, detail: r.detail }
          : { device: r.device, problem: r.problem, detail: r.detail },
      );
    }
    const rows: PointReading[] = [];
    const readings = parsed.readings;
    let lastName: string | null = null;
    let device: DeviceDef | null = kind === 'device' ? sender : null;
    let tags = kind === 'device' ? this.directory.tagsOf(sender.id) : null;
    let refusedNames: Set<string> | null = null;
    for (let i = 0; i < readings.length; i++) {
      const r = readings[i]!;
      if (kind === 'gateway' && r.device !== lastName) {
        lastName = r.device;
        const child = this.directory.child(sender.id, r.device!);
        device = child && !child.revoked ? child : null;
        tags = device ? this.directory.tagsOf(device.id) : null;
        if (!device && !refusedNames?.has(r.device!)) {
          (refusedNames ??= new Set()).add(r.device!);
          const problem: IngestRejectReason = child ? 'revokedToken' : 'unknownDevice';
          const detail = child ? `device "${r.device}" is revoked` : `the gateway carries no device named "${r.device}"`;
          this.pipeline.reject(child?.id ?? sender.id, child?.id ?? sender.id, channel, problem, detail);
          rejected.push({ device: r.device, problem, detail });
        }
      }
      if (!tags) continue;
      const point = tags.get(r.tag);
      if (!point) {
        const detail = `"${r.tag}" is not a point of ${device!.name}`;
        this.pipeline.reject(device!.id, device!.id, channel, 'badTag', detail);
        rejected.push({ device: r.device, tag: r.tag, problem: 'badTag', detail });
        continue;
      }
      rows.push({ point, ts: r.ts, value: r.value });
    }
    this.pipeline.enqueue(sender, rows, channel, (err, result) => (err ? ack(err) : ack(null, { ...result!, rejected })));
  }
}

const describe = (device: string | null, tag: string | undefined, detail: string) =>
  device !== null ? `${device}${tag !== undefined ? `/${tag}` : ''}: ${detail}` : tag !== undefined ? `${tag}: ${detail}` : detail;
