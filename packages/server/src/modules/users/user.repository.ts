import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { prepared, preparedOnce, type DbOrTx } from '../../platform/database.ts';
import type { ScopeTemplate } from '../../platform/access/scope.ts';
import { likePattern } from '../../platform/lists.ts';
import { roles, units, userRoles, users } from '../../db/schema.ts';

export interface UserFilter {
  q?: string | undefined;
  unitId?: string | undefined;
  includeSubunits?: boolean;
  status?: string | undefined;
  roleId?: string | undefined;
}

const sortColumns = {
  username: users.username,
  displayName: users.displayName,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
} as const;
export type UserSortField = keyof typeof sortColumns;

const roleList = sql<
  { id: string; code: string; name: string }[]
>`coalesce((select json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name) order by r.code)
  from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = ${users.id}), '[]'::json)`;

const listColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  unitName: units.name,
  position: users.position,
  phone: users.phone,
  email: users.email,
  status: users.status,
  enterpriseId: users.enterpriseId,
  totpEnabled: users.totpEnabled,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  roles: roleList,
};
export interface UserListRow {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  status: string;
  enterpriseId: string | null;
  totpEnabled: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: { id: string; code: string; name: string }[];
}

type Bind = (name: string, value: unknown) => unknown;
const inline: Bind = (_name, value) => value;
const placeholder: Bind = (name) => sql.placeholder(name);

// The filter; `bind` inlines values or leaves named placeholders for a statement prepared once per shape.
function where(f: UserFilter, visible: SQL | undefined, bind: Bind = inline): SQL | undefined {
  return and(
    isNull(users.deletedAt),
    visible,
    f.unitId
      ? f.includeSubunits
        ? sql`${users.unitId} in (select id from units where path like (select path from units where id = ${bind('unitId', f.unitId)}) || '%')`
        : sql`${users.unitId} = ${bind('unitId', f.unitId)}`
      : undefined,
    f.status ? sql`${users.status} = ${bind('status', f.status)}` : undefined,
    f.roleId ? sql`exists (select 1 from user_roles ur where ur.user_id = ${users.id} and ur.role_id = ${bind('roleId', f.roleId)})` : undefined,
    f.q ? or(ilike(users.username, bind('q', likePattern(f.q)) as string), ilike(users.displayName, bind('q', likePattern(f.q)) as string)) : undefined,
  );
}

export const userRepository = {
  scopeColumns: { unitId: users.unitId, createdBy: users.createdBy, selfId: users.id },
  /** A page of users. With a scope template the statement is built once per filter shape and only bound after. */
  async findPage(
    db: DbOrTx,
    f: UserFilter,
    scope: ScopeTemplate | { fallback: SQL | undefined },
    sort: { field: UserSortField; desc: boolean },
    limit: number,
    offset: number,
  ) {
    const col = sortColumns[sort.field];
    // The total as an uncorrelated sub-select: with the partial index on (unit_id, created_at) it is an index-only
    // count, and the page itself reads only its twenty rows (count(*) over() made PostgreSQL read every match).
    const build = (visible: SQL | undefined, bind: Bind) =>
      db
        .select({ ...listColumns, total: sql<number>`(select count(*) from ${users} where ${where(f, visible, bind)})`.mapWith(Number) })
        .from(users)
        .innerJoin(units, eq(units.id, users.unitId))
        .where(where(f, visible, bind))
        .orderBy(sort.desc ? sql`${col} desc nulls last` : asc(col), asc(users.id))
        .limit(bind('limit', limit) as number)
        .offset(bind('offset', offset) as number);
    let rows;
    if ('key' in scope) {
      const shape = ['users', sort.field, sort.desc, !!f.q, f.unitId ? (f.includeSubunits ? 'tree' : 'unit') : '', !!f.status, !!f.roleId, scope.key].join('|');
      const values = { ...scope.values, unitId: f.unitId, status: f.status, roleId: f.roleId, q: f.q ? likePattern(f.q) : undefined, limit, offset };
      rows = await preparedOnce(db, shape, () => build(scope.condition, placeholder), values);
    } else {
      rows = await prepared(build(scope.fallback, inline));
    }
    return { rows: rows as (UserListRow & { total: number })[], total: rows[0]?.total ?? 0 };
  },
  async findListRowById(db: DbOrTx, id: string, visible: SQL | undefined): Promise<UserListRow | undefined> {
    const [row] = await db
      .select(listColumns)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.id, id), where({}, visible)));
    return row as UserListRow | undefined;
  },
  async findById(db: DbOrTx, id: string) {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, id), isNull(users.deletedAt)));
    return row;
  },
  async usernameExists(db: DbOrTx, username: string): Promise<boolean> {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
    return !!row;
  },
  async insert(db: DbOrTx, values: typeof users.$inferInsert) {
    const [row] = await db.insert(users).values(values).returning();
    return row!;
  },
  async update(db: DbOrTx, id: string, set: Partial<typeof users.$inferInsert>) {
    const [row] = await db.update(users).set(set).where(eq(users.id, id)).returning();
    return row!;
  },
  findRoleIds(db: DbOrTx, userId: string) {
    return db.select({ roleId: userRoles.roleId }).from(userRoles).where(eq(userRoles.userId, userId));
  },
  async replaceRoles(db: DbOrTx, userId: string, roleIds: string[]) {
    await db.delete(userRoles).where(eq(userRoles.userId, userId));
    if (roleIds.length) await db.insert(userRoles).values(roleIds.map((roleId) => ({ userId, roleId })));
  },
  findRolesByIds(db: DbOrTx, ids: string[]) {
    return ids.length ? db.select().from(roles).where(inArray(roles.id, ids)) : Promise.resolve([]);
  },
  async findRoleByCode(db: DbOrTx, code: string) {
    const [row] = await db.select().from(roles).where(eq(roles.code, code));
    return row;
  },
};
