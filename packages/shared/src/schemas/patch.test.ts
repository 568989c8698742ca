// Every partial-update schema of the contract: an absent field stays absent (no default fills it in), so a PATCH
// that names one field changes only that field.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as shared from '../index.ts';
import { patchOf } from './common.ts';

const updateSchemas = Object.entries(shared).filter(([name, v]) => /UpdateSchema$/.test(name) && v instanceof z.ZodType) as [string, z.ZodType][];

describe('update schemas', () => {
  it('are found', () => expect(updateSchemas.length).toBeGreaterThanOrEqual(15));
  it.each(updateSchemas)('%s leaves out what the body leaves out', (_name, schema) => {
    expect(schema.parse({})).toEqual({});
  });
  it('patchOf drops defaults but keeps the checks', () => {
    const s = patchOf(z.object({ tags: z.array(z.string()).default([]), n: z.number().min(1).default(1), name: z.string() })).strict();
    expect(s.parse({})).toEqual({});
    expect(s.parse({ tags: ['a'] })).toEqual({ tags: ['a'] });
    expect(s.safeParse({ n: 0 }).success).toBe(false);
    expect(s.safeParse({ other: 1 }).success).toBe(false);
  });
});
