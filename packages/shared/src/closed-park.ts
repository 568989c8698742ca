// Closed-park management (封闭化管理, DOMAIN §11, issue 8): the vocabulary shared by server and web — checkpoint
// kinds and what may pass them, vehicle categories, hazmat classes, geofence kinds, the rules on positions, and the
// Chinese plate check (GA 36: 7 characters, 8 for new-energy plates).

export const checkpointKinds = ['dedicated', 'general', 'unattended', 'emergency'] as const;
export type CheckpointKind = (typeof checkpointKinds)[number];

export const vehicleCategories = ['hazmat', 'hazardousWaste', 'cargo', 'ordinary', 'emergency'] as const;
export type VehicleCategory = (typeof vehicleCategories)[number];

/**
 * What may pass each checkpoint kind by default (a checkpoint may narrow or widen it): dedicated (专用) takes hazmat
 * and hazardous-waste vehicles only; general (综合) ordinary and general cargo; unattended (无人值守) ordinary
 * vehicles; emergency (应急) is normally closed and opens for police, fire, rescue and ambulance. Emergency vehicles
 * pass every checkpoint (24-hour closure exemption).
 */
export const defaultAllowedCategories: Record<CheckpointKind, readonly VehicleCategory[]> = {
  dedicated: ['hazmat', 'hazardousWaste', 'emergency'],
  general: ['cargo', 'ordinary', 'emergency'],
  unattended: ['ordinary', 'emergency'],
  emergency: ['emergency'],
};

export const laneDirections = ['in', 'out', 'both'] as const;
export const passDirections = ['in', 'out'] as const;
export type PassDirection = (typeof passDirections)[number];
export const vehicleBodies = ['tank', 'box', 'flatbed', 'other'] as const;
export const plateColors = ['blue', 'yellow', 'green', 'yellowGreen', 'white', 'black'] as const;
export const parkPersonKinds = ['driver', 'escort', 'staff', 'visitor'] as const;
export const accessListKinds = ['white', 'black'] as const;
export const accessSubjectKinds = ['vehicle', 'person'] as const;

/** GB 6944 hazmat classes and divisions. */
export const hazmatClasses = ['1', '2.1', '2.2', '2.3', '3', '4.1', '4.2', '4.3', '5.1', '5.2', '6.1', '6.2', '7', '8', '9'] as const;
export type HazmatClass = (typeof hazmatClasses)[number];

/** A cargo class is covered by a licensed class when equal or when the licence names the whole class ('2' ⊇ '2.1'). */
export function hazmatClassCovered(cargo: string, licensed: readonly string[]): boolean {
  return licensed.some((l) => l === cargo || (!l.includes('.') && cargo.split('.')[0] === l));
}

export const appointmentStatuses = ['submitted', 'enterpriseApproved', 'approved', 'rejected', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const geofenceKinds = ['boundary', 'restricted', 'route', 'parking', 'speedZone'] as const;
export type GeofenceKind = (typeof geofenceKinds)[number];

/** Rules evaluated on positions (alarms through the shared alarm engine, rule names as in safety_alarms.rule). */
export const positionRules = ['overspeed', 'offRoute', 'parkedOutside', 'overstay', 'restrictedArea', 'positionLost'] as const;
export type PositionRule = (typeof positionRules)[number];

/** Failed checks of a gate pass (the `gate` alarm carries them). */
export const gateFindingCodes = [
  'unknownVehicle',
  'noAppointment',
  'appointmentNotApproved',
  'outsideWindow',
  'blacklisted',
  'qualificationExpired',
  'licenceExpired',
  'categoryNotAllowed',
  'checkpointClosed',
  'lowConfidence',
] as const;
export type GateFindingCode = (typeof gateFindingCodes)[number];

export const gateSources = ['isapiAnpr', 'isapiAcs', 'platform'] as const;
export type GateSource = (typeof gateSources)[number];

export const positionProtocols = ['jt808', 'osmand'] as const;
export type PositionProtocol = (typeof positionProtocols)[number];

// ---- plates ----

/** Province abbreviations that open a civil plate. */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Letters on plates: I and O are never used. */
const L = 'A-HJ-NP-Z';
const ORDINARY = new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{4}[${L}0-9挂学警港澳]$`);
/**
 * New-energy plates (GA 36-2018): 8 characters; small cars have D/F (or the newer A–K except I) in the first place of
 * the serial followed by a letter or digit and 4 digits; large vehicles have 5 digits then D/F.
 */
const NEW_ENERGY_SMALL = new RegExp(`^[${PROVINCES}][${L}][A-HJK][${L}0-9][0-9]{4}$`);
const NEW_ENERGY_LARGE = new RegExp(`^[${PROVINCES}][${L}][0-9]{5}[DF]$`);
/** Emergency-service plates: 应急 (rescue) and the armed-police WJ form are accepted for the whitelist. */
const EMERGENCY = new RegExp(`^([${PROVINCES}][${L}][${L}0-9]{4}应急|WJ[${PROVINCES}]?[0-9]{4}[0-9XBTHJSD])$`);

export type PlateKind = 'ordinary' | 'newEnergy' | 'emergency';

/** Normalises a plate as read by a camera or typed by a person: trims, removes separators, upper-cases letters. */
export function normalizePlate(raw: string): string {
  return raw
    .trim()
    .replace(/[\s·•.\-_]/g, '')
    .toUpperCase();
}

/** The kind of a valid (normalised) plate, or null when it is not a Chinese civil plate. */
export function plateKind(plate: string): PlateKind | null {
  if (NEW_ENERGY_SMALL.test(plate) || NEW_ENERGY_LARGE.test(plate)) return 'newEnergy';
  if (ORDINARY.test(plate)) return 'ordinary';
  if (EMERGENCY.test(plate)) return 'emergency';
  return null;
}

export function isValidPlate(plate: string): boolean {
  return plateKind(plate) !== null;
}
