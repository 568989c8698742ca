// 招商组团 / 专班 (DOMAIN §5): teams with their unit, leader and members. The leader is always a member with the role
// 'leader'; members are replaced as a whole when given. Names are unique (409 CONFLICT on body.name).
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Team, teamCreateSchema, teamUpdateSchema } from '@zoneops/shared';
import { promotionTeamMembers, promotionTeams } from '../../db/schema.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { knownIds, unknownIssues } from './refs.ts';

export const TEAM_ENTITY = 'promotionTeam';

type Member = { userId: string; role: 'leader' | 'member' };

export function createTeamService(deps: Deps) {
  const { db, audit, clock } = deps;

  async function read(tx: DbOrTx, where: ReturnType<typeof sql>): Promise<Team[]> {
    const rows = await queryRows<Team>(
      tx,
      sql`select t.id, t.name, t.unit_id as "unitId", un.name as "unitName", t.leader_user_id as "leaderUserId", lu.display_name as "leaderName",
        t.active, coalesce((select json_agg(json_build_object('userId', m.user_id, 'displayName', u.display_name, 'role', m.role)
          order by m.role = 'leader' desc, u.display_name) from promotion_team_members m join users u on u.id = m.user_id where m.team_id = t.id), '[]') as members
        from promotion_teams t left join units un on un.id = t.unit_id left join users lu on lu.id = t.leader_user_id
        where ${where} order by t.active desc, t.name`,
    );
    return rows;
  }

  /** The members as stored: the leader first with the role 'leader', everyone once (else a 400 on the repeated entry). */
  function membersOf(leaderUserId: string | null, members: readonly { userId: string; role?: 'leader' | 'member' }[]): Member[] {
    const seen = new Set<string>();
    const issues = members.flatMap((m, i) => {
      if (seen.has(m.userId)) return [{ path: `body.members.${i}.userId`, message: 'listed twice' }];
      seen.add(m.userId);
      return [];
    });
    if (issues.length) throw validationError(issues);
    const out: Member[] = members.filter((m) => m.userId !== leaderUserId).map((m) => ({ userId: m.userId, role: 'member' }));
    return leaderUserId ? [{ userId: leaderUserId, role: 'leader' }, ...out] : out;
  }

  async function check(
    input: { unitId?: string | null; leaderUserId?: string | null; members?: readonly { userId: string }[] },
    name?: string,
    exceptId?: string,
  ) {
    const userIds = [...(input.leaderUserId ? [input.leaderUserId] : []), ...(input.members ?? []).map((m) => m.userId)];
    const [users, units] = await Promise.all([knownIds(db, 'users', userIds), knownIds(db, 'units', input.unitId ? [input.unitId] : [])]);
    const issues = [
      ...unknownIssues(units, 'body.unitId', input.unitId, 'unknown unit'),
      ...unknownIssues(users, 'body.leaderUserId', input.leaderUserId, 'unknown or disabled user'),
      ...(input.members ?? []).flatMap((m, i) => unknownIssues(users, `body.members.${i}.userId`, m.userId, 'unknown or disabled user')),
    ];
    if (issues.length) throw validationError(issues);
    if (name) {
      const [dup] = await queryRows<{ id: string }>(
        db,
        sql`select id from promotion_teams where name = ${name} ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
      );
      if (dup) throw new AppError('CONFLICT', `a team named ${name} exists`, [{ path: 'body.name', message: 'taken' }]);
    }
  }

  /** A unique violation on the name that slipped past the check (a concurrent create). */
  const nameTaken = (err: unknown) =>
    err instanceof Error && /promotion_teams_name/.test(`${err.message} ${(err as { constraint?: string }).constraint ?? ''}`)
      ? new AppError('CONFLICT', 'a team with this name exists', [{ path: 'body.name', message: 'taken' }])
      : err;

  async function replaceMembers(tx: DbOrTx, teamId: string, members: Member[]) {
    await tx.execute(sql`delete from promotion_team_members where team_id = ${teamId}`);
    if (members.length) await tx.insert(promotionTeamMembers).values(members.map((m) => ({ teamId, userId: m.userId, role: m.role })));
  }

  return {
    list: (all: boolean) => read(db, all ? sql`true` : sql`t.active`),

    async get(id: string): Promise<Team> {
      const [t] = await read(db, sql`t.id = ${id}`);
      if (!t) throw notFound('team');
      return t;
    },

    async create(ctx: RequestContext, p: Principal, input: z.output<typeof teamCreateSchema>): Promise<string> {
      if (!p.permissions.has('promotion.manage')) throw forbidden('you may not manage teams');
      await check(input, input.name);
      const leader = input.leaderUserId ?? input.members.find((m) => m.role === 'leader')?.userId ?? null;
      const members = membersOf(leader, input.members);
      return db
        .transaction(async (tx) => {
          const [row] = await tx
            .insert(promotionTeams)
            .values({ name: input.name, unitId: input.unitId ?? null, leaderUserId: leader, createdBy: p.userId })
            .returning({ id: promotionTeams.id });
          await replaceMembers(tx, row!.id, members);
          await audit.record(tx, ctx, {
            action: 'promotion.team.create',
            entityType: TEAM_ENTITY,
            entityId: row!.id,
            diff: { name: input.name, unitId: input.unitId ?? null, leaderUserId: leader, members },
          });
          return row!.id;
        })
        .catch((err: unknown) => {
          throw nameTaken(err);
        });
    },

    async update(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof teamUpdateSchema>): Promise<void> {
      if (!p.permissions.has('promotion.manage')) throw forbidden('you may not manage teams');
      const before = await this.get(id);
      await check(input, input.name, id);
      const leader = input.leaderUserId !== undefined ? input.leaderUserId : before.leaderUserId;
      const given = input.members ?? before.members.map((m) => ({ userId: m.userId, role: m.role }));
      // a former leader stays on as a member when the leader changes and the members are not given
      const members = membersOf(leader, input.members ? given : given.map((m) => ({ ...m, role: 'member' as const })));
      const after = {
        name: input.name ?? before.name,
        unitId: input.unitId !== undefined ? input.unitId : before.unitId,
        leaderUserId: leader,
        active: input.active ?? before.active,
      };
      await db
        .transaction(async (tx) => {
          await tx.execute(sql`update promotion_teams set name = ${after.name}, unit_id = ${after.unitId}, leader_user_id = ${after.leaderUserId},
            active = ${after.active}, updated_at = ${clock.now()} where id = ${id}`);
          await replaceMembers(tx, id, members);
          await audit.record(tx, ctx, {
            action: 'promotion.team.update',
            entityType: TEAM_ENTITY,
            entityId: id,
            diff: {
              before: {
                name: before.name,
                unitId: before.unitId,
                leaderUserId: before.leaderUserId,
                active: before.active,
                members: before.members.map((m) => m.userId),
              },
              after: { ...after, members: members.map((m) => m.userId) },
            },
          });
        })
        .catch((err: unknown) => {
          throw nameTaken(err);
        });
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
