// Key-value settings edited in the product (password policy …), with defaults when unset.
import { eq, sql } from 'drizzle-orm';
import { defaultPasswordPolicy, passwordPolicySchema, type PasswordPolicy } from '@zoneops/shared';
import type { DbOrTx } from './database.ts';
import { settings } from '../db/schema.ts';

export const SECURITY_POLICY_KEY = 'security.policy';

export const settingsRepository = {
  /** A setting read through its schema; the default when unset or no longer valid. */
  async find<T>(db: DbOrTx, key: string, schema: { safeParse(v: unknown): { success: boolean; data?: T } }, fallback: T): Promise<T> {
    const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
    if (row === undefined) return fallback;
    const parsed = schema.safeParse(row.value);
    return parsed.success ? (parsed.data as T) : fallback;
  },
  async save(db: DbOrTx, key: string, value: unknown): Promise<void> {
    await db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
  },
  async findPasswordPolicy(db: DbOrTx): Promise<PasswordPolicy> {
    const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECURITY_POLICY_KEY));
    return parsePolicy(row?.value);
  },
  async savePasswordPolicy(db: DbOrTx, policy: PasswordPolicy): Promise<void> {
    await db
      .insert(settings)
      .values({ key: SECURITY_POLICY_KEY, value: policy })
      .onConflictDoUpdate({ target: settings.key, set: { value: policy, updatedAt: sql`now()` } });
  },
};

export function parsePolicy(value: unknown): PasswordPolicy {
  const parsed = passwordPolicySchema.safeParse({ ...defaultPasswordPolicy, ...(value as object | undefined) });
  return parsed.success ? parsed.data : defaultPasswordPolicy;
}
