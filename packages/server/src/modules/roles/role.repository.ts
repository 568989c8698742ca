import { asc, count, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { roles, userRoles } from '../../db/schema.ts';

export type RoleRow = typeof roles.$inferSelect;

export const roleRepository = {
  findAll(db: DbOrTx) {
    return db
      .select({ role: roles, userCount: sql<number>`(select count(*) from user_roles ur where ur.role_id = ${roles.id})`.mapWith(Number) })
      .from(roles)
      .orderBy(asc(roles.builtin), asc(roles.code));
  },
  async findById(db: DbOrTx, id: string): Promise<RoleRow | undefined> {
    const [row] = await db.select().from(roles).where(eq(roles.id, id));
    return row;
  },
  async findByCode(db: DbOrTx, code: string): Promise<RoleRow | undefined> {
    const [row] = await db.select().from(roles).where(eq(roles.code, code));
    return row;
  },
  async insert(db: DbOrTx, values: typeof roles.$inferInsert): Promise<RoleRow> {
    const [row] = await db.insert(roles).values(values).returning();
    return row!;
  },
  async update(db: DbOrTx, id: string, set: Partial<typeof roles.$inferInsert>): Promise<RoleRow> {
    const [row] = await db.update(roles).set(set).where(eq(roles.id, id)).returning();
    return row!;
  },
  remove(db: DbOrTx, id: string) {
    return db.delete(roles).where(eq(roles.id, id));
  },
  async countUsers(db: DbOrTx, id: string): Promise<number> {
    const [r] = await db.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, id));
    return r?.n ?? 0;
  },
  /** Users who would hold more than one administrator class if this role had `permissions` (checked in JS). */
  findPermissionsOfUsersWithRole(db: DbOrTx, id: string): Promise<{ userId: string; permissions: string[] }[]> {
    return queryRows<{ userId: string; permissions: string[] }>(
      db,
      sql`
      select ur.user_id as "userId", coalesce(array_agg(distinct p) filter (where p is not null), '{}') as permissions
      from user_roles ur
      left join user_roles other on other.user_id = ur.user_id and other.role_id <> ur.role_id
      left join roles r on r.id = other.role_id
      left join lateral unnest(r.permissions) p on true
      where ur.role_id = ${id}
      group by ur.user_id`,
    );
  },
};
