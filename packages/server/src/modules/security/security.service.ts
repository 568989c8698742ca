// The security administrator's tools: the password policy and API tokens for machine clients.
import { isPermission, type PasswordPolicy } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { randomToken, sha256 } from '../../platform/auth/tokens.ts';
import { iso } from '../../platform/lists.ts';
import { settingsRepository } from '../../platform/settings.repository.ts';
import { apiTokenRepository } from './api-token.repository.ts';

type TokenRow = Awaited<ReturnType<typeof apiTokenRepository.findById>> & object;
const toToken = (t: TokenRow, username: string) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  userId: t.userId,
  username,
  createdAt: t.createdAt.toISOString(),
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
  lastUsedAt: iso(t.lastUsedAt),
});

export function createSecurityService({ db, audit, clock }: Deps) {
  return {
    policy: () => settingsRepository.findPasswordPolicy(db),
    async savePolicy(ctx: RequestContext, policy: PasswordPolicy) {
      const before = await settingsRepository.findPasswordPolicy(db);
      await db.transaction(async (tx) => {
        await settingsRepository.savePasswordPolicy(tx, policy);
        await audit.record(tx, ctx, {
          action: 'security.policy.update',
          entityType: 'settings',
          entityId: 'security.policy',
          diff: diffOf({ ...before }, { ...policy }),
        });
      });
      return policy;
    },
    async tokens() {
      return (await apiTokenRepository.findAll(db)).map((r) => toToken(r.token, r.username));
    },
    async createToken(ctx: RequestContext, input: { name: string; userId: string; scopes: string[]; expiresAt?: string | null | undefined }) {
      const bad = input.scopes.filter((s) => !isPermission(s));
      if (bad.length) throw validationError(bad.map((s) => ({ path: 'body.scopes', message: `unknown permission ${s}` })));
      const owner = await authRepository.findUserById(db, input.userId);
      if (!owner) throw new AppError('VALIDATION_FAILED', 'user not found', [{ path: 'body.userId', message: 'user not found' }]);
      const secret = `zo_${randomToken(30)}`;
      return db.transaction(async (tx) => {
        const row = await apiTokenRepository.insert(tx, {
          name: input.name,
          userId: input.userId,
          scopes: input.scopes,
          prefix: secret.slice(0, 10),
          tokenHash: sha256(secret),
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          createdBy: ctx.actor?.userId,
        });
        await audit.record(tx, ctx, { action: 'apiToken.create', entityType: 'apiToken', entityId: row.id, diff: diffOf(null, row) });
        return { token: toToken(row, owner.username), secret };
      });
    },
    async revokeToken(ctx: RequestContext, id: string) {
      const before = await apiTokenRepository.findById(db, id);
      if (!before) throw notFound('API token');
      await db.transaction(async (tx) => {
        await apiTokenRepository.revoke(tx, id, clock.now());
        await audit.record(tx, ctx, { action: 'apiToken.revoke', entityType: 'apiToken', entityId: id });
      });
    },
  };
}
