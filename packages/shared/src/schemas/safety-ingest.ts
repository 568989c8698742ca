// Safety monitoring ingestion (issue 7): answers of the ingest administration (listeners, counters, rejections), of
// the HTTP telemetry endpoint, and of the MQTT authentication / authorisation endpoints an external broker calls
// (EMQX 5 HTTP authenticator and authorizer).
import { z } from 'zod';
import { idSchema, listQuery, pageOf } from './common.ts';
import { ingestChannels } from './safety.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * Why a message, a reading or a connection was refused (counted per sender and reason). The telemetry problems of
 * telemetry.ts, the HJ 212 frame problems of hj212.ts, and those of the ingest path itself.
 */
export const ingestRejectReasons = [
  // payloads (telemetry.ts)
  'tooLarge',
  'malformedJson',
  'badShape',
  'badTimestamp',
  'outOfWindow',
  'notNumeric',
  /** A tag that is not valid, or not a point of the device. */
  'badTag',
  // senders
  'unknownToken',
  'revokedToken',
  /** A gateway named a device it does not carry. */
  'unknownDevice',
  /** An HJ 212 frame from an MN that is no registered station. */
  'unknownStation',
  /** A publish to a topic other than the telemetry topic of the sender's kind, or a subscription. */
  'badTopic',
  // HJ 212 frames (hj212.ts)
  'noHeader',
  'badLength',
  'tooLong',
  'badCrc',
  'noTerminator',
  'malformed',
  /** Bytes outside any frame: the connection is closed. */
  'garbage',
  /** An HJ 212 value whose data flag is not N (normal) or T (over range): maintenance, calibration, fault … */
  'dataFlag',
  // connections
  /** No CONNECT in time, no complete frame in time, an idle connection. */
  'slowClient',
] as const;
export type IngestRejectReason = (typeof ingestRejectReasons)[number];

// ---- status --------------------------------------------------------------------------------------------------------

/** This instance's ingest path: its listeners, counters since start, and the write queue. */
export const ingestStatusSchema = z.object({
  instanceId: z.string(),
  /** INGEST: this instance accepts readings. */
  enabled: z.boolean(),
  /** When the listeners were opened; null when they are not (HTTP ingestion works regardless). */
  startedAt: isoDateTime.nullable(),
  at: isoDateTime,
  listeners: z.object({
    mqtt: z.object({
      /** embedded: the Aedes broker in this process; external: a shared subscription on MQTT_URL. */
      mode: z.enum(['embedded', 'external', 'off']),
      port: z.number().int().nullable(),
      /** The external broker's address without credentials. */
      url: z.string().nullable(),
      /** Listening (embedded) or subscribed (external). */
      live: z.boolean(),
      /** Connected device and gateway connections (embedded only). */
      clients: z.number().int(),
    }),
    hj212: z.object({ port: z.number().int().nullable(), connections: z.number().int() }),
    http: z.object({ enabled: z.boolean() }),
  }),
  counters: z.object({
    /** Readings stored (new rows). */
    accepted: z.number().int(),
    /** Readings already stored (same point and timestamp): acknowledged, not stored again. */
    duplicates: z.number().int(),
    /** Rejections of every reason. */
    rejected: z.number().int(),
    /** Readings stored per second over the last 10 seconds. */
    acceptedPerSecond: z.number(),
    /** Multi-row writes done. */
    batches: z.number().int(),
    /** Writes that failed (their messages were not acknowledged). */
    writeFailures: z.number().int(),
    /** Readings waiting to be written (collecting, queued and in flight). */
    queueDepth: z.number().int(),
    lastFlushMs: z.number().nullable(),
    lastFlushRows: z.number().int(),
    lastFlushAt: isoDateTime.nullable(),
  }),
  rejectedByReason: z.array(z.object({ reason: z.enum(ingestRejectReasons), count: z.number().int() })),
  directory: z.object({ devices: z.number().int(), points: z.number().int(), loadedAt: isoDateTime.nullable() }),
});
export type IngestStatus = z.infer<typeof ingestStatusSchema>;

// ---- rejections ----------------------------------------------------------------------------------------------------

export const ingestRejectionListQuery = listQuery(['lastAt', 'firstAt', 'count', 'reason'], {
  channel: z.enum(ingestChannels).optional(),
  reason: z.enum(ingestRejectReasons).optional(),
  deviceId: idSchema.optional(),
});
export type IngestRejectionListQuery = z.infer<typeof ingestRejectionListQuery>;

/** Rejections of one sender for one reason (counted across instances). */
export const ingestRejectionSchema = z.object({
  /** The device id, `token:<last 4>` for an unknown token, `mn:<code>` for an unknown station, `ip:<address>`. */
  senderKey: z.string(),
  deviceId: idSchema.nullable(),
  deviceName: z.string().nullable(),
  deviceKind: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  channel: z.enum(ingestChannels),
  reason: z.enum(ingestRejectReasons),
  count: z.number().int(),
  firstAt: isoDateTime,
  lastAt: isoDateTime,
  lastDetail: z.string().nullable(),
});
export type IngestRejection = z.infer<typeof ingestRejectionSchema>;
export const ingestRejectionPage = pageOf(ingestRejectionSchema);

// ---- HTTP telemetry ------------------------------------------------------------------------------------------------

/** The answer to `POST /api/v1/{token}/telemetry` (and the gateway form), sent once the readings are durable. */
export const telemetryResultSchema = z.object({
  /** Readings stored. */
  accepted: z.number().int(),
  /** Readings that were already stored (same point and timestamp). */
  duplicates: z.number().int(),
  rejected: z.array(
    z.object({
      /** The device name of a gateway payload; null for a device's own payload. */
      device: z.string().nullable(),
      tag: z.string().optional(),
      problem: z.enum(ingestRejectReasons),
      detail: z.string(),
    }),
  ),
});
export type TelemetryResult = z.infer<typeof telemetryResultSchema>;

// ---- external broker (EMQX HTTP authenticator / authorizer) --------------------------------------------------------

/** What EMQX's HTTP authenticator posts (its body template; other fields are ignored). */
export const mqttAuthRequestSchema = z.object({
  username: z.string().max(512).default(''),
  password: z.string().max(512).optional(),
  clientid: z.string().max(256).optional(),
});
export const mqttAuthResultSchema = z.object({ result: z.enum(['allow', 'deny', 'ignore']), is_superuser: z.boolean() });

/** What EMQX's HTTP authorizer posts: may this user publish or subscribe to this topic? */
export const mqttAclRequestSchema = z.object({
  username: z.string().max(512).default(''),
  clientid: z.string().max(256).optional(),
  topic: z.string().max(1024),
  action: z.string().max(20),
});
export const mqttAclResultSchema = z.object({ result: z.enum(['allow', 'deny', 'ignore']) });
