// Who the demo seeds act as: a demo user's id, and its principal as a signed-in session carries it (roles,
// permissions, data scope), so that the seeds write through the services like a person would.
import { eq } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { toPrincipal } from '../../platform/auth/principal.service.ts';
import type { Deps } from '../../platform/deps.ts';
import { users } from '../schema.ts';

export async function demoUserId(db: Deps['db'], username: string): Promise<string> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`demo user ${username} missing`);
  return u.id;
}

export async function demoPrincipalById(db: Deps['db'], userId: string): Promise<Principal> {
  const row = await authRepository.findPrincipalByUserId(db, userId);
  if (!row) throw new Error(`demo user ${userId} has no principal`);
  return toPrincipal(row, 'session');
}

export const demoPrincipal = async (db: Deps['db'], username: string): Promise<Principal> => demoPrincipalById(db, await demoUserId(db, username));
