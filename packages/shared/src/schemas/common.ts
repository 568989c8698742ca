// One list convention for every module: page, pageSize, sort (field or -field), q (free text), filters.
import { z } from 'zod';

export const idSchema = z.uuid();
export const idParams = z.object({ id: idSchema }).strict();
export const isoDate = z.iso.date();

export const okResponse = z.object({ ok: z.literal(true) });

/** Builds a list query schema whose sort accepts only the given fields, with module-specific filters. */
export function listQuery<const F extends readonly [string, ...string[]], S extends z.ZodRawShape>(sortFields: F, filters: S) {
  const sortValues = sortFields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z
    .object({
      page: z.coerce.number().int().min(1).max(100000).default(1),
      pageSize: z.coerce.number().int().min(1).max(500).default(20),
      sort: z.enum(sortValues).optional(),
      q: z.string().trim().max(100).optional(),
      ...filters,
    })
    .strict();
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Splits "-name" into {field: 'name', desc: true}. */
export function parseSort(sort: string | undefined, fallback: string): { field: string; desc: boolean } {
  const s = sort ?? fallback;
  return s.startsWith('-') ? { field: s.slice(1), desc: true } : { field: s, desc: false };
}

/** Free text: no control characters; HTML is kept as text and escaped by the client on display. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), { message: 'control characters are not allowed' });
export const requiredText = (max: number) => plainText(max).pipe(z.string().min(1));

export const phoneSchema = z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'not a phone number');

/**
 * The schema of a partial update (PATCH): every field optional and none defaulted. `.partial()` alone keeps the
 * fields' defaults (zod 4 applies a default under optional), so an edit that leaves out `members` or `focus` would
 * reset them; here an absent field stays absent and means "unchanged".
 */
export function patchOf<T extends z.ZodObject>(schema: T) {
  const partial = schema.partial();
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(partial.shape as Record<string, z.ZodType>)) {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    if (inner instanceof z.ZodDefault) shape[key] = (inner.removeDefault() as z.ZodType).optional();
  }
  return partial.extend(shape) as unknown as ReturnType<T['partial']>;
}
