// All SQL of sign-in and sessions.
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../database.ts';
import { apiTokens, loginLog, passwordHistory, sessions, units, users } from '../../db/schema.ts';
import type { RoleGrant } from '../access/principal.ts';

export interface PrincipalRow {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  enterpriseId: string | null;
  status: string;
  totpEnabled: boolean;
  grants: RoleGrant[];
  // Present for session look-ups:
  sessionId?: string;
  state?: string;
  csrfToken?: string;
  lastSeenAt?: Date;
  policy?: unknown;
  /** Derived from policy when the session is looked up. */
  idleTimeoutMs?: number;
}

// One round trip per authenticated request: session, user, unit, roles and the security policy together,
// as a prepared statement (planned once per connection).
const grants = sql<RoleGrant[]>`coalesce((select json_agg(json_build_object('code', r.code, 'permissions', r.permissions, 'scope', r.data_scope,
    'units', r.scope_unit_ids, 'totp', r.require_totp))
  from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = ${users.id}), '[]'::json)`;
const principalColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  unitName: units.name,
  unitPath: units.path,
  enterpriseId: users.enterpriseId,
  status: users.status,
  totpEnabled: users.totpEnabled,
  grants,
};

// Built once per database handle: building a Drizzle query costs more CPU than running it, and these two run
// on every authenticated request. Named, so PostgreSQL also plans them once per connection.
function buildStatements(db: DbOrTx) {
  return {
    bySession: db
      .select({
        ...principalColumns,
        sessionId: sessions.id,
        state: sessions.state,
        csrfToken: sessions.csrfToken,
        lastSeenAt: sessions.lastSeenAt,
        policy: sql<unknown>`(select value from settings where key = 'security.policy')`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(sessions.id, sql.placeholder('sessionId')), isNull(users.deletedAt)))
      .prepare('zo_principal_by_session'),
    byUserId: db
      .select(principalColumns)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.id, sql.placeholder('userId')), isNull(users.deletedAt)))
      .prepare('zo_principal_by_user'),
  };
}
const statements = new WeakMap<DbOrTx, ReturnType<typeof buildStatements>>();
function statementsOf(db: DbOrTx) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = buildStatements(db)));
  return s;
}

export const authRepository = {
  async findPrincipalBySession(db: DbOrTx, sessionId: string): Promise<PrincipalRow | undefined> {
    const [row] = await statementsOf(db).bySession.execute({ sessionId });
    return row;
  },

  async findPrincipalByUserId(db: DbOrTx, userId: string): Promise<PrincipalRow | undefined> {
    const [row] = await statementsOf(db).byUserId.execute({ userId });
    return row;
  },

  async findUserByUsername(db: DbOrTx, username: string) {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.username, username), isNull(users.deletedAt)));
    return row;
  },

  async findUserById(db: DbOrTx, id: string) {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, id), isNull(users.deletedAt)));
    return row;
  },

  updateUser(db: DbOrTx, id: string, set: Partial<typeof users.$inferInsert>) {
    return db.update(users).set(set).where(eq(users.id, id));
  },

  /** Counts a failure and locks when the limit is reached, in one statement (no lost updates between instances). */
  async recordFailure(db: DbOrTx, id: string, maxFailures: number, lockUntil: Date) {
    const [row] = await db
      .update(users)
      .set({
        failedAttempts: sql`${users.failedAttempts} + 1`,
        lockedUntil: sql`case when ${users.failedAttempts} + 1 >= ${maxFailures} then ${lockUntil}::timestamptz else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, id))
      .returning({ failedAttempts: users.failedAttempts, lockedUntil: users.lockedUntil });
    return row!;
  },

  insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
    return db.insert(sessions).values(values);
  },
  updateSession(db: DbOrTx, id: string, set: Partial<typeof sessions.$inferInsert>) {
    return db.update(sessions).set(set).where(eq(sessions.id, id));
  },
  deleteSession(db: DbOrTx, id: string) {
    return db.delete(sessions).where(eq(sessions.id, id));
  },
  deleteSessionsOfUser(db: DbOrTx, userId: string, exceptId?: string) {
    return db.delete(sessions).where(and(eq(sessions.userId, userId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined));
  },
  deleteIdleSessions(db: DbOrTx, before: Date) {
    return db.delete(sessions).where(lt(sessions.lastSeenAt, before));
  },

  insertLogin(db: DbOrTx, values: typeof loginLog.$inferInsert) {
    return db.insert(loginLog).values(values);
  },

  findPasswordHistory(db: DbOrTx, userId: string, limit: number) {
    return db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, userId))
      .orderBy(desc(passwordHistory.createdAt))
      .limit(limit);
  },
  insertPasswordHistory(db: DbOrTx, userId: string, hash: string, at: Date) {
    return db.insert(passwordHistory).values({ userId, passwordHash: hash, createdAt: at });
  },

  async findApiToken(db: DbOrTx, tokenHash: string) {
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
    return row;
  },
  touchApiToken(db: DbOrTx, id: string, at: Date) {
    return db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
  },
};
