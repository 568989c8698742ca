// Password policy of 等保 level 3 (DOMAIN §14). Defaults are configurable by the security administrator.
import { z } from 'zod';

export const passwordPolicySchema = z
  .object({
    minLength: z.number().int().min(8).max(64),
    minClasses: z.number().int().min(1).max(4),
    maxAgeDays: z.number().int().min(0).max(365),
    historyCount: z.number().int().min(0).max(24),
    maxFailures: z.number().int().min(1).max(20),
    lockoutMinutes: z.number().int().min(1).max(1440),
    idleTimeoutMinutes: z.number().int().min(1).max(480),
  })
  .strict();
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export const defaultPasswordPolicy: PasswordPolicy = {
  minLength: 8,
  minClasses: 3,
  maxAgeDays: 90,
  historyCount: 5,
  maxFailures: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
};

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Problems with a new password under the policy, as stable codes (empty when it is acceptable). */
export function passwordProblems(password: string, policy: PasswordPolicy, username?: string): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minLength) problems.push('PASSWORD_TOO_SHORT');
  if (characterClasses(password) < policy.minClasses) problems.push('PASSWORD_TOO_SIMPLE');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('PASSWORD_CONTAINS_USERNAME');
  return problems;
}
