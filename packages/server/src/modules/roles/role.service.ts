// Roles: permissions from the catalogue, a data scope, and the separation of the three administrators.
import type { z } from 'zod';
import { adminClassesOf, isPermission, type Role, type roleCreateSchema, type roleUpdateSchema } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/context.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { roleRepository, type RoleRow } from './role.repository.ts';

function toRole(row: RoleRow, userCount: number): Role {
  return { ...row, dataScope: row.dataScope as Role['dataScope'], userCount };
}

function checkPermissions(perms: string[]): void {
  const unknown = perms.filter((p) => !isPermission(p));
  if (unknown.length) throw validationError(unknown.map((p) => ({ path: 'body.permissions', message: `unknown permission ${p}` })));
  const classes = adminClassesOf(perms);
  if (classes.length > 1) throw new AppError('ADMIN_SEPARATION', `a role cannot combine the ${classes.join(' and ')} administrator duties`, classes);
}

export function createRoleService({ db, audit, clock }: Deps) {
  return {
    async list(): Promise<Role[]> {
      return (await roleRepository.findAll(db)).map((r) => toRole(r.role, r.userCount));
    },

    async create(ctx: RequestContext, input: z.infer<typeof roleCreateSchema>): Promise<Role> {
      checkPermissions(input.permissions);
      if (await roleRepository.findByCode(db, input.code))
        throw new AppError('CONFLICT', 'a role with this code exists', [{ path: 'body.code', message: 'taken' }]);
      return db.transaction(async (tx) => {
        const row = await roleRepository.insert(tx, { ...input, permissions: [...new Set(input.permissions)], createdBy: ctx.actor?.userId });
        await audit.record(tx, ctx, { action: 'role.create', entityType: 'role', entityId: row.id, diff: diffOf(null, row) });
        return toRole(row, 0);
      });
    },

    async update(ctx: RequestContext, id: string, input: z.infer<typeof roleUpdateSchema>): Promise<Role> {
      const before = await roleRepository.findById(db, id);
      if (!before) throw notFound('role');
      if (input.permissions) {
        checkPermissions(input.permissions);
        // The change must not give any holder of this role a second administrator class through their other roles.
        for (const holder of await roleRepository.findPermissionsOfUsersWithRole(db, id)) {
          const classes = adminClassesOf([...holder.permissions, ...input.permissions]);
          if (classes.length > 1) throw new AppError('ADMIN_SEPARATION', `a holder of this role would combine the ${classes.join(' and ')} duties`, classes);
        }
      }
      return db.transaction(async (tx) => {
        const row = await roleRepository.update(tx, id, { ...input, updatedAt: clock.now() });
        await audit.record(tx, ctx, { action: 'role.update', entityType: 'role', entityId: id, diff: diffOf(before, row) });
        return toRole(row, await roleRepository.countUsers(tx, id));
      });
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      const before = await roleRepository.findById(db, id);
      if (!before) throw notFound('role');
      if (before.builtin) throw new AppError('ROLE_BUILTIN', 'built-in roles cannot be deleted');
      const holders = await roleRepository.countUsers(db, id);
      if (holders) throw new AppError('ROLE_IN_USE', `${holders} users still hold this role`, { users: holders });
      await db.transaction(async (tx) => {
        await roleRepository.remove(tx, id);
        await audit.record(tx, ctx, { action: 'role.delete', entityType: 'role', entityId: id, diff: diffOf(before, null) });
      });
    },
  };
}
