// Users: listed within the caller's data scope, created and edited only inside it; roles are assigned by the
// security administrator alone, and never across administrator classes.
import type { z } from 'zod';
import { adminClassesOf, parseSort, type User, type userCreateSchema, type userListQuery, type userUpdateSchema } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { maskRows } from '../../platform/access/masking.ts';
import { scopeTemplate, unitInScope, visibleCondition } from '../../platform/access/scope.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { generatePassword, hashPassword } from '../../platform/auth/password.ts';
import { iso, limitOffset, toPage } from '../../platform/lists.ts';
import { unitRepository } from '../units/unit.repository.ts';
import { userRepository, type UserListRow, type UserSortField } from './user.repository.ts';

export const DEFAULT_ROLE = 'staff';

function toUser(row: UserListRow): User {
  return {
    ...row,
    status: row.status as User['status'],
    lockedUntil: iso(row.lockedUntil),
    lastLoginAt: iso(row.lastLoginAt),
    createdAt: row.createdAt.toISOString(),
  };
}

const visible = (p: Principal) => visibleCondition('user', p, userRepository.scopeColumns);

export function createUserService({ db, audit, clock }: Deps) {
  async function requireUnitInScope(p: Principal, unitId: string) {
    const unit = await unitRepository.findById(db, unitId);
    if (!unit) throw new AppError('VALIDATION_FAILED', 'unit not found', [{ path: 'body.unitId', message: 'unit not found' }]);
    if (!unitInScope(p, unit.id, unit.path)) throw new AppError('FORBIDDEN', 'the unit is outside your data scope');
  }

  async function getVisible(p: Principal, id: string): Promise<UserListRow> {
    const row = await userRepository.findListRowById(db, id, visible(p));
    if (!row) throw notFound('user');
    return row;
  }

  async function checkRoles(roleIds: string[]) {
    const found = await userRepository.findRolesByIds(db, roleIds);
    if (found.length !== new Set(roleIds).size) throw new AppError('VALIDATION_FAILED', 'unknown role', [{ path: 'body.roleIds', message: 'unknown role' }]);
    const classes = adminClassesOf(found.flatMap((r) => r.permissions));
    if (classes.length > 1) throw new AppError('ADMIN_SEPARATION', `one user cannot hold the ${classes.join(' and ')} administrator duties`, classes);
  }

  const present = (p: Principal, rows: UserListRow[]) => maskRows(rows.map(toUser), { phone: ['phone'] }, p);

  return {
    async list(p: Principal, q: z.infer<typeof userListQuery>) {
      const { limit, offset } = limitOffset(q);
      const sort = parseSort(q.sort, 'username') as { field: UserSortField; desc: boolean };
      const filter = { q: q.q, unitId: q.unitId, includeSubunits: q.includeSubunits === 'true', status: q.status, roleId: q.roleId };
      const scope = scopeTemplate('user', p, userRepository.scopeColumns) ?? { fallback: visible(p) };
      const { rows, total } = await userRepository.findPage(db, filter, scope, sort, limit, offset);
      return toPage(present(p, rows), total, q);
    },

    async get(p: Principal, id: string): Promise<User> {
      return present(p, [await getVisible(p, id)])[0]!;
    },

    async create(ctx: RequestContext, p: Principal, input: z.infer<typeof userCreateSchema>) {
      await requireUnitInScope(p, input.unitId);
      if (input.roleIds && !p.permissions.has('roles.assign')) throw new AppError('FORBIDDEN', 'only the security administrator assigns roles');
      const roleIds = input.roleIds ?? [(await userRepository.findRoleByCode(db, DEFAULT_ROLE))?.id].filter((x): x is string => !!x);
      await checkRoles(roleIds);
      if (await userRepository.usernameExists(db, input.username)) {
        throw new AppError('USERNAME_TAKEN', 'this username is taken', [{ path: 'body.username', message: 'this username is taken' }]);
      }
      const initialPassword = generatePassword();
      const passwordHash = await hashPassword(initialPassword);
      const { roleIds: _ignored, ...fields } = input;
      const id = await db.transaction(async (tx) => {
        const row = await userRepository.insert(tx, { ...fields, passwordHash, mustChangePassword: true, createdBy: p.userId, passwordChangedAt: clock.now() });
        await userRepository.replaceRoles(tx, row.id, roleIds);
        await audit.record(tx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, diff: diffOf(null, { ...row, roleIds }) });
        return row.id;
      });
      return { user: await this.get(p, id), initialPassword };
    },

    async update(ctx: RequestContext, p: Principal, id: string, input: z.infer<typeof userUpdateSchema>): Promise<User> {
      await getVisible(p, id);
      if (input.unitId) await requireUnitInScope(p, input.unitId);
      const before = await userRepository.findById(db, id);
      if (!before) throw notFound('user');
      await db.transaction(async (tx) => {
        const after = await userRepository.update(tx, id, { ...input, updatedAt: clock.now() });
        if (input.status === 'disabled') await authRepository.deleteSessionsOfUser(tx, id);
        await audit.record(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, diff: diffOf(before, after) });
      });
      return this.get(p, id);
    },

    async setRoles(ctx: RequestContext, p: Principal, id: string, roleIds: string[]): Promise<User> {
      if (id === p.userId) throw new AppError('FORBIDDEN', 'you cannot change your own roles');
      await getVisible(p, id);
      await checkRoles(roleIds);
      const before = (await userRepository.findRoleIds(db, id)).map((r) => r.roleId).sort();
      await db.transaction(async (tx) => {
        await userRepository.replaceRoles(tx, id, roleIds);
        // Sessions carry no cached rights, but a role change should take effect with a fresh sign-in anyway.
        await authRepository.deleteSessionsOfUser(tx, id);
        await audit.record(tx, ctx, {
          action: 'user.roles',
          entityType: 'user',
          entityId: id,
          diff: { changed: { roleIds: { from: before, to: [...roleIds].sort() } } },
        });
      });
      return this.get(p, id);
    },

    async resetPassword(ctx: RequestContext, p: Principal, id: string) {
      await getVisible(p, id);
      const initialPassword = generatePassword();
      const passwordHash = await hashPassword(initialPassword);
      await db.transaction(async (tx) => {
        await userRepository.update(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: clock.now(), updatedAt: clock.now() });
        await authRepository.deleteSessionsOfUser(tx, id);
        await audit.record(tx, ctx, { action: 'user.resetPassword', entityType: 'user', entityId: id });
      });
      return { initialPassword };
    },

    async unlock(ctx: RequestContext, p: Principal, id: string): Promise<User> {
      await getVisible(p, id);
      await db.transaction(async (tx) => {
        await userRepository.update(tx, id, { failedAttempts: 0, lockedUntil: null });
        await audit.record(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id });
      });
      return this.get(p, id);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
