// Turns a session cookie or an API token into a Principal, enforcing idle timeout and token validity.
import { menusFor, type SessionState } from '@zoneops/shared';
import type { Clock } from '../clock.ts';
import type { Db } from '../database.ts';
import { AppError } from '../errors.ts';
import { mergePermissions, resolveScope, type Principal } from '../access/principal.ts';
import { parsePolicy } from '../settings.repository.ts';
import { authRepository, type PrincipalRow } from './auth.repository.ts';
import { sha256 } from './tokens.ts';

const TOUCH_AFTER_MS = 60_000;

export function toPrincipal(row: PrincipalRow, via: 'session' | 'token', limitTo?: readonly string[]): Principal {
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    unitName: row.unitName,
    unitPath: row.unitPath,
    enterpriseId: row.enterpriseId,
    roles: row.grants.map((g) => g.code),
    permissions: mergePermissions(row.grants, limitTo),
    scope: resolveScope(row.grants, row.unitId, row.unitPath),
    via,
    sessionId: row.sessionId ?? null,
    sessionState: (row.state as SessionState | undefined) ?? 'full',
    csrfToken: row.csrfToken ?? null,
    totpEnabled: row.totpEnabled,
    requireTotp: row.grants.some((g) => g.totp),
  };
}

export function menusOf(p: Principal) {
  return menusFor(p.permissions);
}

/**
 * Signed-in principals of this instance, kept for a few seconds. Safe across instances because it is used only
 * while the instance listens to zoneops_auth, which triggers on sessions, users, roles, units and settings notify
 * on every change (migration 0003); writes through this instance also clear it at once.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { row: PrincipalRow; at: number }>();
  private live = false;
  constructor(
    private readonly ttlMs = 5_000,
    private readonly max = 10_000,
  ) {}
  get(sessionId: string): PrincipalRow | undefined {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    if (performance.now() - e.at > this.ttlMs) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return e.row;
  }
  set(sessionId: string, row: PrincipalRow): void {
    if (!this.live) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { row, at: performance.now() });
  }
  delete(sessionId: string): void {
    this.entries.delete(sessionId);
  }
  clear(): void {
    this.entries.clear();
  }
  setLive(live: boolean): void {
    this.live = live;
    this.entries.clear();
  }
}

export async function principalFromSession(db: Db, clock: Clock, cookieValue: string, cache?: PrincipalCache): Promise<Principal> {
  const sessionId = sha256(cookieValue);
  let row = cache?.get(sessionId);
  if (!row) {
    row = await authRepository.findPrincipalBySession(db, sessionId);
    if (!row) throw new AppError('UNAUTHENTICATED', 'not signed in');
    // Parsed once per look-up, not on every request served from the cache.
    row.idleTimeoutMs = parsePolicy(row.policy).idleTimeoutMinutes * 60_000;
    cache?.set(sessionId, row);
  }
  const now = clock.now();
  const idleMs = row.idleTimeoutMs!;
  const idle = now.getTime() - row.lastSeenAt!.getTime();
  if (idle > idleMs || row.status !== 'active') {
    cache?.delete(sessionId);
    await authRepository.deleteSession(db, sessionId);
    throw new AppError('SESSION_EXPIRED', 'the session has expired; please sign in again');
  }
  if (idle > TOUCH_AFTER_MS) {
    await authRepository.updateSession(db, sessionId, { lastSeenAt: now });
    row.lastSeenAt = now;
  }
  return toPrincipal(row, 'session');
}

export async function principalFromToken(db: Db, clock: Clock, secret: string): Promise<Principal> {
  const token = await authRepository.findApiToken(db, sha256(secret));
  const now = clock.now();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
    throw new AppError('UNAUTHENTICATED', 'invalid, revoked or expired API token');
  }
  const row = await authRepository.findPrincipalByUserId(db, token.userId);
  if (!row || row.status !== 'active') throw new AppError('UNAUTHENTICATED', 'the token owner is disabled');
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_AFTER_MS) await authRepository.touchApiToken(db, token.id, now);
  // A token can do at most what its owner can, narrowed to its scopes.
  return toPrincipal(row, 'token', token.scopes);
}
