// Closed-park management (issue 8): the position ingest's status (this instance's JT/T 808 and OsmAnd listeners,
// connections, authenticated terminals, rates, write queue and rejections by reason).
import { z } from 'zod';

const isoTs = z.iso.datetime({ offset: true });

/** Why a JT/T 808 frame or message, an OsmAnd request, or a position was refused (counted per sender and reason). */
export const positionRejectReasons = [
  // JT/T 808 frames
  'badCheckCode',
  'badEscape',
  'truncated',
  'oversize',
  /** The body is longer than the header declares. */
  'badLength',
  /** Bytes outside any 0x7e-delimited frame. */
  'garbage',
  'malformed',
  // terminals
  'notRegistered',
  'notAuthenticated',
  'badAuthCode',
  'revoked',
  /** An OsmAnd id that is no terminal. */
  'unknownTerminal',
  /** A registration whose plate is not GBK. */
  'badGbk',
  // positions
  'zeroPosition',
  'outOfRange',
  'badTimestamp',
  'outOfWindow',
  // OsmAnd requests
  'badNumber',
  'badShape',
  'malformedJson',
  'tooLarge',
  // the platform
  'overloaded',
  'writeFailed',
  'slowClient',
] as const;
export type PositionRejectReason = (typeof positionRejectReasons)[number];

export const positionStatusSchema = z.object({
  /** POSITIONS: this instance runs the position listeners. */
  enabled: z.boolean(),
  startedAt: isoTs.nullable(),
  at: isoTs,
  listeners: z.object({
    /** Null while the listener is off (not started, or its port is held by another program). */
    jt808: z.object({ port: z.number().int().nullable(), connections: z.number().int(), authenticated: z.number().int() }),
    osmand: z.object({ port: z.number().int().nullable(), connections: z.number().int(), path: z.string() }),
  }),
  terminals: z.object({ loaded: z.number().int(), loadedAt: isoTs.nullable() }),
  counters: z.object({
    /** Positions stored (new rows). */
    accepted: z.number().int(),
    /** Positions already stored (same terminal and time): acknowledged, not stored again. */
    duplicates: z.number().int(),
    /** Stored positions flagged as an impossible jump. */
    jumps: z.number().int(),
    rejected: z.number().int(),
    acceptedPerSecond: z.number(),
    batches: z.number().int(),
    writeFailures: z.number().int(),
    queueDepth: z.number().int(),
    lastFlushMs: z.number().nullable(),
    lastFlushRows: z.number().int(),
    /** JT/T 808 frames read, and messages answered "not supported". */
    frames: z.number().int(),
    unsupported: z.number().int(),
    /** Vehicles (or unbound terminals) with a latest position in memory. */
    latest: z.number().int(),
  }),
  rejectedByReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type PositionStatus = z.infer<typeof positionStatusSchema>;
