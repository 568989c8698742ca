// Closed-park management (issue 8): gate events turned into passes (通行记录), visits (in-park counts), the gate
// token devices post with, and the gate's rejection counts.
import { z } from 'zod';
import { accessSubjectKinds, gateFindingCodes, gateSources, passDirections, vehicleCategories } from '../closed-park.ts';
import { idSchema, listQuery, pageOf } from './common.ts';

const isoDateTime = z.iso.datetime({ offset: true });

export const gatePassKinds = ['vehicle', 'person'] as const;
export type GatePassKind = (typeof gatePassKinds)[number];
/** allowed; denied (blacklisted, or refused by the device); flagged (let through but failing a check). */
export const gatePassResults = ['allowed', 'denied', 'flagged'] as const;
export type GatePassResult = (typeof gatePassResults)[number];

/** The findings of a pass: the failed checks, and `unknownDevice` when the event came from an unregistered device. */
export const gatePassFindingCodes = [...gateFindingCodes, 'unknownDevice'] as const;
export type GatePassFindingCode = (typeof gatePassFindingCodes)[number];

export const gateFindingSchema = z.object({ code: z.enum(gatePassFindingCodes), message: z.string() });
export type GateFinding = z.infer<typeof gateFindingSchema>;

/** Why a gate post or one of its events was refused, or counted without being processed. */
export const gateRejectReasons = [
  /** The token in the path is not the gate token. */
  'unknownToken',
  /** Broken multipart, XML or JSON, or an event without what a pass needs. */
  'invalid',
  /** The request is over GATE_MAX_BYTES. */
  'tooLarge',
  /** An image over GATE_MAX_IMAGE_BYTES, or not a JPEG: dropped, the event kept. */
  'imageDropped',
  /** An event already received (same device and serial number, or same eventId): acknowledged, not processed again. */
  'duplicate',
  /** An event type that is no pass (heartbeats, door states…): acknowledged, not processed. */
  'unsupportedEvent',
] as const;
export type GateRejectReason = (typeof gateRejectReasons)[number];

// ---- passes ----

export const gatePassSchema = z.object({
  id: idSchema,
  source: z.enum(gateSources),
  kind: z.enum(gatePassKinds),
  result: z.enum(gatePassResults),
  direction: z.enum(passDirections),
  plate: z.string().nullable(),
  vehicleId: idSchema.nullable(),
  vehicleCategory: z.enum(vehicleCategories).nullable(),
  personId: idSchema.nullable(),
  personCode: z.string().nullable(),
  /** Masked without field.personName. */
  personName: z.string().nullable(),
  checkpointId: idSchema.nullable(),
  checkpointName: z.string().nullable(),
  deviceId: idSchema.nullable(),
  deviceName: z.string().nullable(),
  laneCode: z.string().nullable(),
  deviceTime: isoDateTime,
  receivedAt: isoDateTime,
  /** 0–100: plate recognition or face similarity. */
  confidence: z.number().nullable(),
  /** Images stored with the pass: fetch /api/park/passes/{id}/images/{index}. */
  imageCount: z.number().int(),
  /** Images the device sent that were dropped (over GATE_MAX_IMAGE_BYTES or not JPEG). */
  imagesDropped: z.number().int(),
  appointmentId: idSchema.nullable(),
  appointmentCode: z.string().nullable(),
  visitId: idSchema.nullable(),
  findings: z.array(gateFindingSchema),
});
export type GatePass = z.infer<typeof gatePassSchema>;

export const gatePassSortFields = ['deviceTime', 'receivedAt', 'plate', 'result'] as const;
export const gatePassListQuery = listQuery(gatePassSortFields, {
  /** Device time on or after (ISO date-time). */
  from: isoDateTime.optional(),
  /** Device time before (ISO date-time). */
  to: isoDateTime.optional(),
  checkpointId: idSchema.optional(),
  kind: z.enum(gatePassKinds).optional(),
  result: z.enum(gatePassResults).optional(),
  direction: z.enum(passDirections).optional(),
  /** Plate contains (normalised). */
  plate: z.string().trim().max(20).optional(),
  /** Only passes with findings. */
  flagged: z.enum(['true', 'false']).optional(),
});
export type GatePassListQuery = z.infer<typeof gatePassListQuery>;
export const gatePassPage = pageOf(gatePassSchema);

export const gatePassImageParams = z.object({ id: idSchema, index: z.coerce.number().int().min(0).max(31) }).strict();

/** A pass with its raw event (as spooled) for diagnosis. */
export const gatePassDetailSchema = gatePassSchema.extend({
  eventType: z.string().nullable(),
  droppedImages: z.array(z.object({ name: z.string(), reason: z.enum(['tooLarge', 'notJpeg']), bytes: z.number().int() })),
});
export type GatePassDetail = z.infer<typeof gatePassDetailSchema>;

// ---- visits and counts ----

export const parkVisitSchema = z.object({
  id: idSchema,
  subjectKind: z.enum(accessSubjectKinds),
  plate: z.string().nullable(),
  vehicleId: idSchema.nullable(),
  vehicleCategory: z.enum(vehicleCategories).nullable(),
  personId: idSchema.nullable(),
  personCode: z.string().nullable(),
  /** Masked without field.personName. */
  personName: z.string().nullable(),
  appointmentId: idSchema.nullable(),
  appointmentCode: z.string().nullable(),
  enteredAt: isoDateTime,
  exitedAt: isoDateTime.nullable(),
  entryCheckpointName: z.string().nullable(),
  exitCheckpointName: z.string().nullable(),
});
export type ParkVisit = z.infer<typeof parkVisitSchema>;

export const parkVisitListQuery = listQuery(['enteredAt', 'exitedAt'], {
  kind: z.enum(accessSubjectKinds).optional(),
  /** true (default): only those still in the park. */
  open: z.enum(['true', 'false']).optional(),
  plate: z.string().trim().max(20).optional(),
});
export type ParkVisitListQuery = z.infer<typeof parkVisitListQuery>;
export const parkVisitPage = pageOf(parkVisitSchema);

/** Who is in the park now (open visits). `unregistered` counts vehicles the registry does not know. */
export const parkCountsSchema = z.object({
  at: isoDateTime,
  vehicles: z.number().int(),
  vehiclesByCategory: z.array(z.object({ category: z.enum([...vehicleCategories, 'unregistered']), count: z.number().int() })),
  people: z.number().int(),
});
export type ParkCounts = z.infer<typeof parkCountsSchema>;

// ---- gate token and intake ----

/** The gate token's state (the token itself is shown once, when issued). */
export const gateTokenStatusSchema = z.object({
  configured: z.boolean(),
  /** Last four characters. */
  hint: z.string().nullable(),
  issuedAt: isoDateTime.nullable(),
});
export type GateTokenStatus = z.infer<typeof gateTokenStatusSchema>;

export const gateTokenIssuedSchema = z.object({
  token: z.string(),
  /** Where devices post ISAPI events (ANPR multipart, XML, AccessControllerEvent JSON) and the platform OnEventNotify. */
  isapiPath: z.string(),
  platformPath: z.string(),
  issuedAt: isoDateTime,
});
export type GateTokenIssued = z.infer<typeof gateTokenIssuedSchema>;

/** The answer to a device or the platform: 200 once every event is durable (or was already). */
export const gateIntakeResultSchema = z.object({
  ok: z.literal(true),
  /** Events spooled now. */
  stored: z.number().int(),
  /** Events already received before. */
  duplicates: z.number().int(),
  /** Event types acknowledged without processing. */
  unsupported: z.number().int(),
});
export type GateIntakeResult = z.infer<typeof gateIntakeResultSchema>;

export const gateRejectionSchema = z.object({
  senderKey: z.string(),
  reason: z.enum(gateRejectReasons),
  count: z.number().int(),
  firstAt: isoDateTime,
  lastAt: isoDateTime,
  lastDetail: z.string().nullable(),
});
export const gateRejectionListQuery = listQuery(['lastAt', 'count'], { reason: z.enum(gateRejectReasons).optional() });
export type GateRejectionListQuery = z.infer<typeof gateRejectionListQuery>;
export const gateRejectionPage = pageOf(gateRejectionSchema);
