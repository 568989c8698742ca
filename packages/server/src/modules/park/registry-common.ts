// What the closed-park registry's services share: expiry filters, sort orders, the masked contact data (and keeping a
// masked value sent back unchanged), the plate check, the write guard and the export helper.
import { maskPersonName, maskPhone, maskUscc, normalizePlate, parseSort, plateKind, type ExpiryState, EXPIRING_DAYS } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { AppError, forbidden, validationError } from '../../platform/errors.ts';
import { EXPORT_LIMIT } from '../../platform/excel.ts';

export const CHECKPOINT_ENTITY = 'parkCheckpoint';
export const GATE_DEVICE_ENTITY = 'parkGateDevice';
export const CARRIER_ENTITY = 'parkCarrier';
export const VEHICLE_ENTITY = 'parkVehicle';
export const PERSON_ENTITY = 'parkPerson';
export const ACCESS_LIST_ENTITY = 'parkAccessList';
export const TERMINAL_ENTITY = 'positionTerminal';

/** The registry is the park's: an enterprise user may not change it (even holding park.manage). */
export function requireParkSide(p: Principal): void {
  if (p.enterpriseId) throw forbidden('the closed-park registry is kept by the park: an enterprise user may not change it');
}

/** The ISO day `days` after `day`. */
export function addDays(day: string, days: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** The SQL condition of an expiry state on a date column. */
export function expiryCondition(col: SQL, state: ExpiryState, today: string): SQL {
  const soon = addDays(today, EXPIRING_DAYS);
  if (state === 'expired') return sql`${col} < ${today}::date`;
  if (state === 'expiring') return sql`${col} >= ${today}::date and ${col} <= ${soon}::date`;
  return sql`${col} > ${soon}::date`;
}

/** `order by` from a list query's sort, with a stable tie-breaker. */
export function orderBy(sort: string | undefined, fallback: string, columns: Record<string, SQL>, tie: SQL): SQL {
  const s = parseSort(sort, fallback);
  const col = columns[s.field] ?? columns[parseSort(undefined, fallback).field]!;
  return sql`${col} ${s.desc ? sql`desc nulls last` : sql`asc nulls last`}, ${tie}`;
}

/** The normalised plate, or PLATE_INVALID on the given path. */
export function checkedPlate(raw: string, path: string): string {
  const plate = normalizePlate(raw);
  if (!plateKind(plate)) {
    const message = `${raw} is not a Chinese plate (7 characters, 8 for new-energy plates)`;
    throw new AppError('PLATE_INVALID', message, [{ path, message }]);
  }
  return plate;
}

export const conflict = (
  code: 'PLATE_TAKEN' | 'CHECKPOINT_CODE_TAKEN' | 'GATE_DEVICE_TAKEN' | 'CARRIER_LICENCE_TAKEN' | 'PERSON_CODE_TAKEN' | 'TERMINAL_TAKEN',
  path: string,
  message: string,
) => new AppError(code, message, [{ path, message }]);

const maskOf = { phone: maskPhone, uscc: maskUscc, personName: maskPersonName } as const;

/**
 * A contact value as sent: a masked value equal to the mask of the stored one keeps the stored value (the form sends
 * back what it was shown); any other text with '*' is refused, so a mask is never stored.
 */
export function unmasked(
  sent: string | null | undefined,
  stored: string | null | undefined,
  kind: keyof typeof maskOf,
  path: string,
  issues: { path: string; message: string }[],
): string | null | undefined {
  if (sent === undefined || sent === null || !sent.includes('*')) return sent;
  if (stored && maskOf[kind](stored) === sent) return stored;
  issues.push({ path, message: 'type the whole value (a masked value cannot be stored)' });
  return sent;
}

export function throwIssues(issues: { path: string; message: string }[]): void {
  if (issues.length) throw validationError(issues);
}

/** All rows of a list for an export, refused beyond what an export holds. */
export async function exportRows<R>(fetch: (page: { limit: number; offset: number }) => Promise<{ rows: R[]; total: number }>): Promise<R[]> {
  const { rows, total } = await fetch({ limit: EXPORT_LIMIT, offset: 0 });
  if (total > EXPORT_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', `${total} rows are more than an export holds (${EXPORT_LIMIT}); narrow the filters`);
  return rows;
}

export const expiryLabels: Record<ExpiryState, string> = { valid: '有效', expiring: '即将到期', expired: '已过期' };
