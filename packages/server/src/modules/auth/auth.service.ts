// Sign-in with lockout, second factor, forced password change and TOTP enrolment; password changes with policy
// and history. Every attempt goes to the login log and the audit trail.
import { passwordProblems, type Me } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { menusOf, toPrincipal } from '../../platform/auth/principal.service.ts';
import { randomToken, sha256 } from '../../platform/auth/tokens.ts';
import { checkTotp, newTotpSecret, totpUri } from '../../platform/auth/totp.ts';
import { hit } from '../../platform/rate-limit.ts';
import { settingsRepository } from '../../platform/settings.repository.ts';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

export function createAuthService(deps: Deps) {
  const { db, clock, audit, secrets } = deps;
  // TOTP seeds are stored sealed (AES-GCM); a missing or unreadable seed checks as wrong.
  const seedOf = (stored: string | null): string => {
    try {
      return stored ? secrets.open(stored) : '';
    } catch {
      return '';
    }
  };

  async function fail(ctx: RequestContext, username: string, userId: string | null, err: AppError): Promise<never> {
    await authRepository.insertLogin(db, { at: clock.now(), username, userId, success: false, reason: err.code, ip: ctx.ip, userAgent: ctx.userAgent });
    await audit.record(null, ctx, {
      action: 'auth.login',
      entityType: 'user',
      entityId: userId ?? undefined,
      username,
      userId: userId ?? undefined,
      result: 'failure',
      resultCode: err.code,
    });
    throw err;
  }

  async function me(p: Principal): Promise<Me> {
    const user = await authRepository.findUserById(db, p.userId);
    const policy = await settingsRepository.findPasswordPolicy(db);
    const expires = user && policy.maxAgeDays > 0 ? new Date(user.passwordChangedAt.getTime() + policy.maxAgeDays * 86_400_000).toISOString() : null;
    return {
      id: p.userId,
      username: p.username,
      displayName: p.displayName,
      unitId: p.unitId,
      unitName: p.unitName,
      enterpriseId: p.enterpriseId,
      roles: p.roles,
      permissions: [...p.permissions].sort(),
      menus: p.sessionState === 'full' ? menusOf(p) : [],
      sessionState: p.sessionState,
      totpEnabled: user?.totpEnabled ?? false,
      passwordExpiresAt: expires,
      csrfToken: p.csrfToken ?? '',
      idleTimeoutMinutes: policy.idleTimeoutMinutes,
    };
  }

  async function reloadPrincipal(p: Principal, state: Principal['sessionState']): Promise<Principal> {
    const row = await authRepository.findPrincipalByUserId(db, p.userId);
    if (!row) throw new AppError('UNAUTHENTICATED', 'not signed in');
    return { ...toPrincipal(row, p.via), sessionId: p.sessionId, csrfToken: p.csrfToken, sessionState: state };
  }

  return {
    me,

    async login(ctx: RequestContext, input: LoginInput): Promise<{ cookie: string; me: Me }> {
      const now = clock.now();
      const username = input.username.toLowerCase();
      if ((await hit(db, `login:${ctx.ip ?? '-'}`, now, 60_000)) > deps.config.loginRateLimit) {
        return fail(ctx, username, null, new AppError('RATE_LIMITED', 'too many sign-in attempts; wait a minute'));
      }
      const policy = await settingsRepository.findPasswordPolicy(db);
      const user = await authRepository.findUserByUsername(db, username);
      if (!user) {
        await verifyPassword(await dummyHash(), input.password);
        return fail(ctx, username, null, new AppError('INVALID_CREDENTIALS', 'wrong username or password'));
      }
      if (user.status !== 'active') return fail(ctx, username, user.id, new AppError('ACCOUNT_DISABLED', 'this account is disabled'));
      if (user.lockedUntil && user.lockedUntil > now) {
        return fail(
          ctx,
          username,
          user.id,
          new AppError('ACCOUNT_LOCKED', 'account locked after repeated failures', { lockedUntil: user.lockedUntil.toISOString() }),
        );
      }
      if (user.lockedUntil) await authRepository.updateUser(db, user.id, { failedAttempts: 0, lockedUntil: null });

      const wrong = async (err: AppError) => {
        const r = await authRepository.recordFailure(db, user.id, policy.maxFailures, new Date(now.getTime() + policy.lockoutMinutes * 60_000));
        if (r.lockedUntil && r.lockedUntil > now) {
          return fail(
            ctx,
            username,
            user.id,
            new AppError('ACCOUNT_LOCKED', 'account locked after repeated failures', { lockedUntil: r.lockedUntil.toISOString() }),
          );
        }
        return fail(ctx, username, user.id, new AppError(err.code, err.message, { remainingAttempts: Math.max(0, policy.maxFailures - r.failedAttempts) }));
      };
      if (!(await verifyPassword(user.passwordHash, input.password))) return wrong(new AppError('INVALID_CREDENTIALS', 'wrong username or password'));
      if (user.totpEnabled) {
        if (!input.totp) return fail(ctx, username, user.id, new AppError('TOTP_REQUIRED', 'enter the code from your authenticator app'));
        if (!checkTotp(clock, seedOf(user.totpSecret), input.totp)) return wrong(new AppError('TOTP_INVALID', 'wrong authenticator code'));
      }

      const row = await authRepository.findPrincipalByUserId(db, user.id);
      if (!row) return fail(ctx, username, user.id, new AppError('INVALID_CREDENTIALS', 'wrong username or password'));
      const expired = policy.maxAgeDays > 0 && now.getTime() - user.passwordChangedAt.getTime() > policy.maxAgeDays * 86_400_000;
      const requireTotp = row.grants.some((g) => g.totp);
      const state = user.mustChangePassword || expired ? 'passwordChange' : requireTotp && !user.totpEnabled ? 'totpEnrolment' : 'full';
      const cookie = randomToken();
      const csrfToken = randomToken(24);
      const sessionId = sha256(cookie);
      await db.transaction(async (tx) => {
        await authRepository.updateUser(tx, user.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now });
        await authRepository.insertSession(tx, {
          id: sessionId,
          userId: user.id,
          state,
          csrfToken,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          createdAt: now,
          lastSeenAt: now,
        });
        await authRepository.insertLogin(tx, {
          at: now,
          username,
          userId: user.id,
          success: true,
          reason: state === 'full' ? null : state,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        });
        ctx.actor = { ...toPrincipal(row, 'session'), sessionId, csrfToken, sessionState: state };
        await audit.record(tx, ctx, { action: 'auth.login', entityType: 'user', entityId: user.id, diff: { sessionState: state } });
      });
      return { cookie, me: await me(ctx.actor!) };
    },

    async logout(ctx: RequestContext, p: Principal): Promise<void> {
      if (!p.sessionId) return;
      await db.transaction(async (tx) => {
        await authRepository.deleteSession(tx, p.sessionId!);
        await audit.record(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: p.userId });
      });
    },

    async changePassword(ctx: RequestContext, p: Principal, current: string, next: string): Promise<Me> {
      const user = await authRepository.findUserById(db, p.userId);
      if (!user || !(await verifyPassword(user.passwordHash, current))) throw new AppError('INVALID_CREDENTIALS', 'the current password is wrong');
      const policy = await settingsRepository.findPasswordPolicy(db);
      const problems = passwordProblems(next, policy, user.username);
      if (problems.length) throw new AppError('PASSWORD_POLICY', 'the new password does not meet the policy', problems);
      const recent = [user.passwordHash, ...(await authRepository.findPasswordHistory(db, user.id, policy.historyCount)).map((h) => h.hash)];
      for (const h of recent.slice(0, Math.max(1, policy.historyCount))) {
        if (await verifyPassword(h, next)) throw new AppError('PASSWORD_REUSED', `the new password must differ from the last ${policy.historyCount}`);
      }
      const now = clock.now();
      const hash = await hashPassword(next);
      const state = p.requireTotp && !user.totpEnabled ? 'totpEnrolment' : 'full';
      await db.transaction(async (tx) => {
        await authRepository.insertPasswordHistory(tx, user.id, user.passwordHash, now);
        await authRepository.updateUser(tx, user.id, { passwordHash: hash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now });
        await authRepository.deleteSessionsOfUser(tx, user.id, p.sessionId ?? undefined);
        if (p.sessionId) await authRepository.updateSession(tx, p.sessionId, { state });
        await audit.record(tx, ctx, { action: 'auth.password.change', entityType: 'user', entityId: user.id });
      });
      return me(await reloadPrincipal(p, state));
    },

    async setupTotp(ctx: RequestContext, p: Principal) {
      const secret = newTotpSecret();
      await db.transaction(async (tx) => {
        await authRepository.updateUser(tx, p.userId, { totpSecret: secrets.seal(secret), totpEnabled: false });
        await audit.record(tx, ctx, { action: 'auth.totp.setup', entityType: 'user', entityId: p.userId });
      });
      return { secret, otpauthUrl: totpUri(p.username, secret) };
    },

    async enableTotp(ctx: RequestContext, p: Principal, code: string): Promise<Me> {
      const user = await authRepository.findUserById(db, p.userId);
      if (!user?.totpSecret) throw new AppError('CONFLICT', 'start the two-factor setup first');
      if (!checkTotp(clock, seedOf(user.totpSecret), code)) throw new AppError('TOTP_INVALID', 'wrong authenticator code');
      await db.transaction(async (tx) => {
        await authRepository.updateUser(tx, p.userId, { totpEnabled: true });
        if (p.sessionId) await authRepository.updateSession(tx, p.sessionId, { state: 'full' });
        await audit.record(tx, ctx, { action: 'auth.totp.enable', entityType: 'user', entityId: p.userId });
      });
      return me(await reloadPrincipal(p, p.sessionState === 'totpEnrolment' ? 'full' : p.sessionState));
    },

    async disableTotp(ctx: RequestContext, p: Principal, code: string): Promise<Me> {
      if (p.requireTotp) throw new AppError('FORBIDDEN', 'your role requires two-factor authentication');
      const user = await authRepository.findUserById(db, p.userId);
      if (!user?.totpEnabled || !checkTotp(clock, seedOf(user.totpSecret), code)) throw new AppError('TOTP_INVALID', 'wrong authenticator code');
      await db.transaction(async (tx) => {
        await authRepository.updateUser(tx, p.userId, { totpEnabled: false, totpSecret: null });
        await audit.record(tx, ctx, { action: 'auth.totp.disable', entityType: 'user', entityId: p.userId });
      });
      return me(await reloadPrincipal(p, p.sessionState));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
