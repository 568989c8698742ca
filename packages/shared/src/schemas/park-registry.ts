// Closed-park registry (issue 8, DOMAIN §11): request and answer schemas of checkpoints (卡口) with lanes and
// devices, carriers with their transport licence, vehicles, people (drivers, escorts, staff, visitors), the white and
// black lists, and the position terminals bound to vehicles; plus the expiry state of licences, certificates and
// qualifications (valid / expiring within 30 days / expired), computed the same way on server and web.
import { z } from 'zod';
import {
  accessListKinds,
  accessSubjectKinds,
  checkpointKinds,
  laneDirections,
  parkPersonKinds,
  passDirections,
  plateColors,
  positionProtocols,
  vehicleBodies,
  vehicleCategories,
} from '../closed-park.ts';
import { idSchema, isoDate, listQuery, pageOf, patchOf, plainText, requiredText } from './common.ts';

const optionalText = (max: number) => plainText(max).nullish();
const datetime = z.iso.datetime({ offset: true });
const boolFilter = z.enum(['true', 'false']).optional();

// ---- expiry ---------------------------------------------------------------------------------------------------

/** Days before expiry from which a licence, certificate or qualification is shown as expiring. */
export const EXPIRING_DAYS = 30;
export const expiryStates = ['valid', 'expiring', 'expired'] as const;
export type ExpiryState = (typeof expiryStates)[number];

/** The state of a document expiring on `expiresOn` (ISO day, the last valid day) seen on `today`; null without a date. */
export function expiryState(expiresOn: string | null | undefined, today: string): ExpiryState | null {
  if (!expiresOn) return null;
  if (expiresOn < today) return 'expired';
  const t = new Date(`${today}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + EXPIRING_DAYS);
  return expiresOn <= t.toISOString().slice(0, 10) ? 'expiring' : 'valid';
}
const expiryOut = z.enum(expiryStates).nullable();

// ---- checkpoints and their devices --------------------------------------------------------------------------------

export const gateDeviceKinds = ['anpr', 'face', 'accessControl'] as const;
export const gateDeviceVendors = ['hikvisionIsapi', 'hikvisionPlatform'] as const;

export const laneSchema = z.object({ code: requiredText(20), name: requiredText(50), direction: z.enum(laneDirections) }).strict();
export type Lane = z.infer<typeof laneSchema>;

const uniqueLanes = (lanes: readonly { code: string }[] | undefined) => !lanes || new Set(lanes.map((l) => l.code)).size === lanes.length;

const checkpointFields = {
  code: requiredText(30),
  name: requiredText(100),
  kind: z.enum(checkpointKinds),
  lanes: z.array(laneSchema).max(50).refine(uniqueLanes, 'lane codes must be unique').default([]),
  /** Default: what the kind lets pass (defaultAllowedCategories). */
  allowedCategories: z.array(z.enum(vehicleCategories)).max(vehicleCategories.length).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  /** Default: open, except emergency checkpoints (normally closed). */
  open: z.boolean().nullish(),
};
export const parkCheckpointCreateSchema = z.object(checkpointFields).strict();
export const parkCheckpointUpdateSchema = patchOf(z.object(checkpointFields).strict());
export type ParkCheckpointCreate = z.input<typeof parkCheckpointCreateSchema>;

const gateDeviceFields = {
  checkpointId: idSchema,
  laneCode: optionalText(20),
  kind: z.enum(gateDeviceKinds),
  vendor: z.enum(gateDeviceVendors).default('hikvisionIsapi'),
  /** Serial number / MAC / IP (ISAPI) or the platform's resource index code; unique per vendor. */
  serialNo: requiredText(64),
  direction: z.enum(passDirections),
  name: requiredText(100),
  enabled: z.boolean().default(true),
};
export const gateDeviceCreateSchema = z.object(gateDeviceFields).strict();
export const gateDeviceUpdateSchema = patchOf(z.object(gateDeviceFields).omit({ checkpointId: true }).strict());
export type GateDeviceCreate = z.input<typeof gateDeviceCreateSchema>;

export const gateDeviceSchema = z.object({
  id: idSchema,
  checkpointId: idSchema,
  laneCode: z.string().nullable(),
  kind: z.enum(gateDeviceKinds),
  vendor: z.enum(gateDeviceVendors),
  serialNo: z.string(),
  direction: z.enum(passDirections),
  name: z.string(),
  enabled: z.boolean(),
  lastEventAt: datetime.nullable(),
  createdAt: datetime,
  updatedAt: datetime,
});
export type GateDevice = z.infer<typeof gateDeviceSchema>;

export const parkCheckpointSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  kind: z.enum(checkpointKinds),
  lanes: z.array(z.object({ code: z.string(), name: z.string(), direction: z.enum(laneDirections) })),
  allowedCategories: z.array(z.enum(vehicleCategories)),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  open: z.boolean(),
  devices: z.array(gateDeviceSchema),
  createdAt: datetime,
  updatedAt: datetime,
});
export type ParkCheckpoint = z.infer<typeof parkCheckpointSchema>;
export const parkCheckpointListQuery = listQuery(['code', 'name', 'kind', 'updatedAt'], {
  kind: z.enum(checkpointKinds).optional(),
  open: boolFilter,
});
export const parkCheckpointPage = pageOf(parkCheckpointSchema);

// ---- carriers ---------------------------------------------------------------------------------------------------

/** A phone as typed, or the masked form the caller was shown (kept as stored when sent back unchanged). */
const maskablePhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3}\*{4}\d{4}|\*{1,12}\d{4})$/, 'not a phone number');

const carrierFields = {
  name: requiredText(200),
  uscc: optionalText(18),
  /** 道路运输经营许可证 number (unique). */
  licenceNo: requiredText(50),
  licenceExpiresOn: isoDate.nullish(),
  contactName: optionalText(50),
  contactPhone: maskablePhone.nullish(),
  address: optionalText(200),
};
export const carrierCreateSchema = z.object(carrierFields).strict();
export const carrierUpdateSchema = patchOf(z.object(carrierFields).strict());
export type CarrierCreate = z.input<typeof carrierCreateSchema>;

export const carrierSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Masked without field.uscc. */
  uscc: z.string().nullable(),
  licenceNo: z.string(),
  licenceExpiresOn: z.string().nullable(),
  licenceState: expiryOut,
  /** Masked without field.personName / field.phone. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  vehicles: z.number().int(),
  people: z.number().int(),
  createdAt: datetime,
  updatedAt: datetime,
});
export type Carrier = z.infer<typeof carrierSchema>;
export const carrierListQuery = listQuery(['name', 'licenceNo', 'licenceExpiresOn', 'updatedAt'], {
  licenceState: z.enum(expiryStates).optional(),
});
export const carrierPage = pageOf(carrierSchema);

// ---- vehicles ---------------------------------------------------------------------------------------------------

export const plateKinds = ['ordinary', 'newEnergy', 'emergency'] as const;
/** What a vehicle may be licensed for: a class or division, or a whole class ('2' covers 2.1–2.3; hazmatClassCovered). */
export const licensedHazmatClasses = [
  '1',
  '2',
  '2.1',
  '2.2',
  '2.3',
  '3',
  '4',
  '4.1',
  '4.2',
  '4.3',
  '5',
  '5.1',
  '5.2',
  '6',
  '6.1',
  '6.2',
  '7',
  '8',
  '9',
] as const;

const vehicleFields = {
  /** Normalised (normalizePlate) and checked by the server: PLATE_INVALID, PLATE_TAKEN. */
  plate: requiredText(20),
  plateColor: z.enum(plateColors).default('yellow'),
  carrierId: idSchema.nullish(),
  category: z.enum(vehicleCategories),
  body: z.enum(vehicleBodies).default('other'),
  hazmatClasses: z
    .array(z.enum(licensedHazmatClasses))
    .max(licensedHazmatClasses.length)
    .refine((a) => new Set(a).size === a.length, 'classes must not repeat')
    .default([]),
  transportCertNo: optionalText(50),
  transportCertExpiresOn: isoDate.nullish(),
  /** The enterprise whose own fleet the vehicle is. */
  enterpriseId: idSchema.nullish(),
};
export const parkVehicleCreateSchema = z.object(vehicleFields).strict();
export const parkVehicleUpdateSchema = patchOf(z.object(vehicleFields).strict());
export type ParkVehicleCreate = z.input<typeof parkVehicleCreateSchema>;

export const parkVehicleSchema = z.object({
  id: idSchema,
  plate: z.string(),
  plateKind: z.enum(plateKinds).nullable(),
  plateColor: z.enum(plateColors),
  carrierId: idSchema.nullable(),
  carrierName: z.string().nullable(),
  category: z.enum(vehicleCategories),
  body: z.enum(vehicleBodies),
  hazmatClasses: z.array(z.string()),
  transportCertNo: z.string().nullable(),
  transportCertExpiresOn: z.string().nullable(),
  certState: expiryOut,
  enterpriseId: idSchema.nullable(),
  enterpriseName: z.string().nullable(),
  /** Identifiers of the active terminals bound to it. */
  terminals: z.array(z.object({ id: idSchema, protocol: z.enum(positionProtocols), identifier: z.string() })),
  createdAt: datetime,
  updatedAt: datetime,
});
export type ParkVehicle = z.infer<typeof parkVehicleSchema>;
export const parkVehicleListQuery = listQuery(['plate', 'category', 'carrierName', 'transportCertExpiresOn', 'updatedAt'], {
  carrierId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  category: z.enum(vehicleCategories).optional(),
  hazmatClass: z.enum(licensedHazmatClasses).optional(),
  certState: z.enum(expiryStates).optional(),
});
export const parkVehiclePage = pageOf(parkVehicleSchema);

// ---- people -----------------------------------------------------------------------------------------------------

/** Drivers and escorts carry a qualification certificate (从业资格证) with an expiry date. */
export const qualifiedKinds = ['driver', 'escort'] as const;

const personFields = {
  kind: z.enum(parkPersonKinds),
  name: requiredText(50),
  /** Identity card number; a masked value sent back unchanged keeps the stored one. */
  idNumber: z
    .string()
    .trim()
    .regex(/^([0-9A-Za-z]{6,20}|[0-9A-Za-z]{4}\*+[0-9A-Za-z]{4})$/, 'not an identity number')
    .nullish(),
  phone: maskablePhone.nullish(),
  carrierId: idSchema.nullish(),
  enterpriseId: idSchema.nullish(),
  qualificationNo: optionalText(50),
  qualificationExpiresOn: isoDate.nullish(),
  /** The number face terminals and the platform use (employeeNoString / personId); unique. */
  personCode: optionalText(50),
};
export const parkPersonCreateSchema = z.object(personFields).strict();
export const parkPersonUpdateSchema = patchOf(z.object(personFields).strict());
export type ParkPersonCreate = z.input<typeof parkPersonCreateSchema>;

export const parkPersonSchema = z.object({
  id: idSchema,
  kind: z.enum(parkPersonKinds),
  /** Masked without field.personName. */
  name: z.string(),
  /** Masked (like a credit code) without field.uscc. */
  idNumber: z.string().nullable(),
  /** Masked without field.phone. */
  phone: z.string().nullable(),
  carrierId: idSchema.nullable(),
  carrierName: z.string().nullable(),
  enterpriseId: idSchema.nullable(),
  enterpriseName: z.string().nullable(),
  qualificationNo: z.string().nullable(),
  qualificationExpiresOn: z.string().nullable(),
  qualificationState: expiryOut,
  personCode: z.string().nullable(),
  createdAt: datetime,
  updatedAt: datetime,
});
export type ParkPerson = z.infer<typeof parkPersonSchema>;
export const parkPersonListQuery = listQuery(['name', 'kind', 'carrierName', 'qualificationExpiresOn', 'updatedAt'], {
  kind: z.enum(parkPersonKinds).optional(),
  carrierId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  qualificationState: z.enum(expiryStates).optional(),
});
export const parkPersonPage = pageOf(parkPersonSchema);

// ---- white and black lists ----------------------------------------------------------------------------------------

export const accessListCreateSchema = z
  .object({
    list: z.enum(accessListKinds),
    subjectKind: z.enum(accessSubjectKinds),
    /** Vehicles: the plate (normalised and checked). */
    plate: optionalText(20),
    /** People: the registered person. */
    personId: idSchema.nullish(),
    reason: requiredText(200),
    /** Default: now. */
    validFrom: datetime.nullish(),
    /** Open-ended when absent. */
    validTo: datetime.nullish(),
  })
  .strict();
export const accessListUpdateSchema = z.object({ reason: requiredText(200).optional(), validFrom: datetime.optional(), validTo: datetime.nullish() }).strict();
export type AccessListCreate = z.input<typeof accessListCreateSchema>;

export const accessListEntrySchema = z.object({
  id: idSchema,
  list: z.enum(accessListKinds),
  subjectKind: z.enum(accessSubjectKinds),
  plate: z.string().nullable(),
  personId: idSchema.nullable(),
  /** Masked without field.personName. */
  personName: z.string().nullable(),
  reason: z.string(),
  validFrom: datetime,
  validTo: datetime.nullable(),
  revokedAt: datetime.nullable(),
  /** Now within the validity and not revoked. */
  effective: z.boolean(),
  createdAt: datetime,
  updatedAt: datetime,
});
export type AccessListEntry = z.infer<typeof accessListEntrySchema>;
export const accessListQuery = listQuery(['validFrom', 'validTo', 'plate', 'createdAt'], {
  list: z.enum(accessListKinds).optional(),
  subjectKind: z.enum(accessSubjectKinds).optional(),
  effective: boolFilter,
});
export const accessListPage = pageOf(accessListEntrySchema);

// ---- position terminals -------------------------------------------------------------------------------------------

export const positionTerminalSchema = z.object({
  id: idSchema,
  protocol: z.enum(positionProtocols),
  identifier: z.string(),
  vehicleId: idSchema.nullable(),
  plate: z.string().nullable(),
  registeredPlate: z.string().nullable(),
  protocolVersion: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  registeredAt: datetime.nullable(),
  lastSeenAt: datetime.nullable(),
  revokedAt: datetime.nullable(),
  createdAt: datetime,
  updatedAt: datetime,
});
export type PositionTerminal = z.infer<typeof positionTerminalSchema>;
export const positionTerminalListQuery = listQuery(['identifier', 'plate', 'lastSeenAt', 'createdAt'], {
  protocol: z.enum(positionProtocols).optional(),
  bound: boolFilter,
  revoked: boolFilter,
  vehicleId: idSchema.optional(),
});
export const positionTerminalPage = pageOf(positionTerminalSchema);
/** An OsmAnd / Traccar Client phone issued at the gate: its device id, bound to a vehicle at once. */
export const osmandTerminalCreateSchema = z
  .object({
    identifier: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z_.-]{1,64}$/, 'letters, digits, _ . - (up to 64)'),
    vehicleId: idSchema,
  })
  .strict();
export const terminalBindSchema = z.object({ vehicleId: idSchema }).strict();
