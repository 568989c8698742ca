// Field masking on the server, applied to API answers and exports alike.
import { maskers, type MaskedField } from '@zoneops/shared';
import type { Principal } from './principal.ts';

const permissionFor: Record<MaskedField, string> = {
  phone: 'field.phone',
  uscc: 'field.uscc',
  personName: 'field.personName',
};

export type MaskPlan<T> = Partial<Record<MaskedField, (keyof T)[]>>;

/** Masks the planned fields of each row the principal may not see in clear. */
export function maskRows<T extends object>(rows: T[], plan: MaskPlan<T>, p: Principal): T[] {
  const active = (Object.keys(plan) as MaskedField[]).filter((f) => !p.permissions.has(permissionFor[f]));
  if (!active.length) return rows;
  return rows.map((row) => {
    const copy = { ...row } as Record<string, unknown>;
    for (const f of active) {
      for (const key of plan[f] ?? []) copy[key as string] = maskers[f](copy[key as string] as string | null);
    }
    return copy as T;
  });
}
