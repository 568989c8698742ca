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

/** The form field of a detail path: the server names body fields "body.title"; the form knows them as "title". */
export function fieldPath(path: string): string {
  return path.replace(/^body(\.|$)/, '');
}

function groupByPath(details: unknown[], message: (d: Detail) => string): FieldError[] {
  const byPath = new Map<string, string[]>();
  for (const d of details) {
    if (!isDetail(d)) continue;
    const path = fieldPath(d.path);
    if (path === '') continue;
    const list = byPath.get(path) ?? [];
    list.push(message(d));
    byPath.set(path, list);
  }
  return [...byPath].map(([path, errors]) => ({
    name: path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
    errors,
  }));
}

/** Field errors of a VALIDATION_FAILED error, grouped by path; [] for any other error or a detail without a path. */
export function validationFieldErrors(err: unknown): FieldError[] {
  if (!isApiError(err, 'VALIDATION_FAILED') || !Array.isArray(err.details)) return [];
  return groupByPath(err.details, (d) => d.message);
}

/**
 * Field errors of a rule error that names its field (LEDGER_CODE_TAKEN, DEADLINE_BEFORE_ASSIGNMENT: details
 * [{path: 'body.code', …}]), each shown with the translated text of the error; [] for VALIDATION_FAILED and others.
 */
export function codedFieldErrors(err: unknown, text: string): FieldError[] {
  if (!isApiError(err) || err.code === 'VALIDATION_FAILED' || !Array.isArray(err.details)) return [];
  return groupByPath(err.details, () => text);
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
