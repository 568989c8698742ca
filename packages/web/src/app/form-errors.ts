// Maps the server's VALIDATION_FAILED details ([{path: 'field.sub', message}]) onto antd form fields.
import { isApiError } from './api.ts';

export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

interface Detail {
  path: string;
  message: string;
}

function isDetail(d: unknown): d is Detail {
  return !!d && typeof d === 'object' && typeof (d as Detail).path === 'string' && typeof (d as Detail).message === 'string';
}

/** Field errors of a VALIDATION_FAILED error, grouped by path; [] for any other error or a detail without a path. */
export function validationFieldErrors(err: unknown): FieldError[] {
  if (!isApiError(err, 'VALIDATION_FAILED') || !Array.isArray(err.details)) return [];
  const byPath = new Map<string, string[]>();
  for (const d of err.details) {
    if (!isDetail(d) || d.path === '') continue;
    const list = byPath.get(d.path) ?? [];
    list.push(d.message);
    byPath.set(d.path, list);
  }
  return [...byPath].map(([path, errors]) => ({
    name: path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
    errors,
  }));
}

/** Only the fields whose value differs from the initial one (PATCH bodies; masked values are never sent back). */
export function changedFields<T extends object>(values: T, initial: Partial<Record<keyof T, unknown>>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (JSON.stringify(values[key] ?? null) !== JSON.stringify(initial[key] ?? null)) out[key] = values[key];
  }
  return out;
}

/** Empty strings from inputs become null, as the schemas expect for optional text. */
export function blankToNull<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  return out as T;
}
