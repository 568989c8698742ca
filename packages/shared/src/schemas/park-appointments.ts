// Entry appointments (预约入园, issue 8, DOMAIN §11): a hazmat vehicle's carrier, vehicle, driver, escort, cargo
// lines, electronic waybill, destination enterprise, route and time window; approved by the destination enterprise
// and then the park. The code (shown as a QR code) is what the gate reads.
import { z } from 'zod';
import { appointmentStatuses, hazmatClasses, vehicleCategories } from '../closed-park.ts';
import { idSchema, isoDate, listQuery, pageOf, plainText, requiredText } from './common.ts';
import { expiryStates } from './park-registry.ts';

const datetime = z.iso.datetime({ offset: true });

/** The longest time window of one appointment. */
export const APPOINTMENT_MAX_WINDOW_HOURS = 24;
/** Appointment codes: 8 characters without the ambiguous 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
export const APPOINTMENT_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const APPOINTMENT_CODE_LENGTH = 8;

export const cargoUnits = ['t', 'kg', 'm3', 'L'] as const;

export const cargoLineSchema = z
  .object({
    /** UN number: 4 digits. */
    unNumber: z.string().regex(/^\d{4}$/, 'a UN number has 4 digits'),
    name: requiredText(100),
    hazmatClass: z.enum(hazmatClasses),
    quantity: z.number().positive('more than 0').max(1_000_000).refine(Number.isFinite, 'not a finite number'),
    unit: z.enum(cargoUnits),
  })
  .strict();
export type CargoLine = z.infer<typeof cargoLineSchema>;

export const appointmentCreateSchema = z
  .object({
    carrierId: idSchema,
    vehicleId: idSchema,
    driverId: idSchema,
    escortId: idSchema.nullish(),
    cargo: z.array(cargoLineSchema).min(1, 'at least one cargo line').max(20),
    /** 电子运单 number. */
    waybillNo: requiredText(50),
    /** The destination enterprise; an enterprise user's own by default (and only). */
    enterpriseId: idSchema.nullish(),
    /** A geofence of kind route. */
    routeId: idSchema.nullish(),
    windowStart: datetime,
    windowEnd: datetime,
  })
  .strict();
export type AppointmentCreate = z.input<typeof appointmentCreateSchema>;

export const appointmentRejectSchema = z.object({ reason: requiredText(500) }).strict();
export const appointmentCancelSchema = z.object({ reason: plainText(500).nullish() }).strict();

/** What the caller may do now. */
export const appointmentCanSchema = z.object({
  enterpriseApprove: z.boolean(),
  approve: z.boolean(),
  reject: z.boolean(),
  cancel: z.boolean(),
});

export const appointmentSchema = z.object({
  id: idSchema,
  code: z.string(),
  status: z.enum(appointmentStatuses),
  carrierId: idSchema,
  carrierName: z.string(),
  vehicleId: idSchema,
  plate: z.string(),
  vehicleCategory: z.enum(vehicleCategories),
  driverId: idSchema,
  /** Names and phones masked without field.personName / field.phone. */
  driverName: z.string(),
  driverPhone: z.string().nullable(),
  driverQualificationState: z.enum(expiryStates).nullable(),
  escortId: idSchema.nullable(),
  escortName: z.string().nullable(),
  escortPhone: z.string().nullable(),
  cargo: z.array(z.object({ unNumber: z.string(), name: z.string(), hazmatClass: z.string(), quantity: z.number(), unit: z.string() })),
  waybillNo: z.string(),
  enterpriseId: idSchema,
  enterpriseName: z.string(),
  routeId: idSchema.nullable(),
  routeName: z.string().nullable(),
  windowStart: datetime,
  windowEnd: datetime,
  enterpriseApprovedAt: datetime.nullable(),
  enterpriseApprovedByName: z.string().nullable(),
  parkApprovedAt: datetime.nullable(),
  parkApprovedByName: z.string().nullable(),
  rejectedAt: datetime.nullable(),
  rejectedByName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: datetime,
  createdByName: z.string().nullable(),
  updatedAt: datetime,
  can: appointmentCanSchema,
});
export type EntryAppointment = z.infer<typeof appointmentSchema>;

export const appointmentHistorySchema = z.object({
  at: datetime,
  /** create | enterpriseApprove | approve | reject | cancel */
  action: z.string(),
  byName: z.string().nullable(),
  reason: z.string().nullable(),
});
export const appointmentDetailSchema = appointmentSchema.extend({ history: z.array(appointmentHistorySchema) });
export type EntryAppointmentDetail = z.infer<typeof appointmentDetailSchema>;

export const appointmentListQuery = listQuery(['windowStart', 'createdAt', 'plate', 'status', 'enterpriseName'], {
  status: z.enum(appointmentStatuses).optional(),
  /** Windows that overlap [from, to] (calendar days, Asia/Shanghai). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  plate: plainText(20).optional(),
  enterpriseId: idSchema.optional(),
  carrierId: idSchema.optional(),
});
export const appointmentPage = pageOf(appointmentSchema);

/** What the create form offers: carriers, and with a carrier its vehicles, drivers and escorts; routes; enterprises. */
export const appointmentOptionsQuery = z.object({ carrierId: idSchema.optional() }).strict();
export const appointmentOptionsSchema = z.object({
  carriers: z.array(z.object({ id: idSchema, name: z.string(), licenceState: z.enum(expiryStates).nullable() })),
  vehicles: z.array(
    z.object({
      id: idSchema,
      plate: z.string(),
      category: z.enum(vehicleCategories),
      hazmatClasses: z.array(z.string()),
      certState: z.enum(expiryStates).nullable(),
    }),
  ),
  drivers: z.array(
    z.object({ id: idSchema, name: z.string(), qualificationExpiresOn: z.string().nullable(), qualificationState: z.enum(expiryStates).nullable() }),
  ),
  escorts: z.array(
    z.object({ id: idSchema, name: z.string(), qualificationExpiresOn: z.string().nullable(), qualificationState: z.enum(expiryStates).nullable() }),
  ),
  routes: z.array(z.object({ id: idSchema, name: z.string() })),
  /** The destinations the caller may choose (an enterprise user: its own). */
  enterprises: z.array(z.object({ id: idSchema, name: z.string() })),
});
export type AppointmentOptions = z.infer<typeof appointmentOptionsSchema>;
