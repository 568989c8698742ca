// SQL of assessments and competitions: schemes with their participants and panel, runs with their scores, results
// and appeals, the red flag history, and the few reads of other tables the rules need (unit paths for the own-unit
// rule, users with a permission for notifications, the zone's name for the bulletin).
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import {
  assessmentAppeals,
  assessmentPanelMembers,
  assessmentParticipants,
  assessmentResults,
  assessmentRuns,
  assessmentSchemes,
  assessmentScores,
  users,
} from '../../db/schema.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';

export type SchemeRow = typeof assessmentSchemes.$inferSelect;
export type RunRow = typeof assessmentRuns.$inferSelect & { schemeName: string };
export type AppealRow = typeof assessmentAppeals.$inferSelect & { participantName: string; filedByName: string; answeredByName: string | null };

export interface SchemeListRow extends SchemeRow {
  participantCount: number;
  lastRun: { id: string; period: string; status: string } | null;
}

export interface ParticipantRow {
  id: string;
  unitId: string | null;
  projectId: string | null;
  name: string;
  track: string | null;
  active: boolean;
}

export interface PanelRow {
  userId: string;
  name: string;
  unitId: string | null;
}

export interface ScoreRow {
  id: string;
  participantId: string;
  dimensionId: string;
  scorerId: string | null;
  scorerName: string | null;
  value: string | null;
  grade: string | null;
  points: string;
  comment: string | null;
  inputs: unknown;
  scoredAt: Date;
}

export interface ResultRow {
  participantId: string;
  track: string | null;
  total: string;
  rank: number;
  tied: boolean;
  redFlag: boolean;
}

export interface RedFlagRow {
  runId: string;
  schemeId: string;
  schemeName: string;
  period: string;
  track: string | null;
  participantId: string;
  name: string;
  total: string;
}

const runColumns = {
  id: assessmentRuns.id,
  schemeId: assessmentRuns.schemeId,
  period: assessmentRuns.period,
  periodStart: assessmentRuns.periodStart,
  periodEnd: assessmentRuns.periodEnd,
  status: assessmentRuns.status,
  definition: assessmentRuns.definition,
  computedAt: assessmentRuns.computedAt,
  publishedAt: assessmentRuns.publishedAt,
  publishedBy: assessmentRuns.publishedBy,
  appealEndsOn: assessmentRuns.appealEndsOn,
  lockedAt: assessmentRuns.lockedAt,
  lockedBy: assessmentRuns.lockedBy,
  highlights: assessmentRuns.highlights,
  createdAt: assessmentRuns.createdAt,
  updatedAt: assessmentRuns.updatedAt,
  createdBy: assessmentRuns.createdBy,
  schemeName: assessmentSchemes.name,
};

function appealSelect(db: DbOrTx, where: SQL) {
  return queryRows<AppealRow>(
    db,
    sql`select a.id, a.run_id as "runId", a.participant_id as "participantId", a.dimension_id as "dimensionId", a.reason,
          a.filed_by as "filedBy", fu.display_name as "filedByName", a.filed_at as "filedAt", a.status, a.answer,
          a.answered_by as "answeredBy", au.display_name as "answeredByName", a.answered_at as "answeredAt",
          a.points_before::text as "pointsBefore", a.points_after::text as "pointsAfter",
          coalesce(u.name, pr.name, '') as "participantName"
        from assessment_appeals a
        join assessment_participants p on p.id = a.participant_id
        left join units u on u.id = p.unit_id left join projects pr on pr.id = p.project_id
        left join users fu on fu.id = a.filed_by left join users au on au.id = a.answered_by
        where ${where}
        order by a.filed_at desc, a.id`,
  );
}

export const assessmentRepository = {
  // ---- schemes ----
  listSchemes(db: DbOrTx): Promise<SchemeListRow[]> {
    return queryRows<SchemeListRow>(
      db,
      sql`select s.id, s.name, s.name_en as "nameEn", s.description, s.period_kind as "periodKind", s.participant_kind as "participantKind",
            s.tracks, s.red_flag_top_n as "redFlagTopN", s.appeal_working_days as "appealWorkingDays", s.dimensions, s.active,
            s.created_at as "createdAt", s.updated_at as "updatedAt", s.created_by as "createdBy", s.deleted_at as "deletedAt",
            (select count(*) from assessment_participants p where p.scheme_id = s.id and p.active)::int as "participantCount",
            (select json_build_object('id', r.id, 'period', r.period, 'status', r.status) from assessment_runs r
              where r.scheme_id = s.id order by r.period_end desc, r.created_at desc limit 1) as "lastRun"
          from assessment_schemes s where s.deleted_at is null
          order by s.active desc, s.name, s.id`,
    );
  },
  async findScheme(db: DbOrTx, id: string): Promise<SchemeRow | undefined> {
    const [row] = await db
      .select()
      .from(assessmentSchemes)
      .where(and(eq(assessmentSchemes.id, id), isNull(assessmentSchemes.deletedAt)));
    return row;
  },
  async lockScheme(tx: DbOrTx, id: string): Promise<SchemeRow | undefined> {
    const [row] = await tx
      .select()
      .from(assessmentSchemes)
      .where(and(eq(assessmentSchemes.id, id), isNull(assessmentSchemes.deletedAt)))
      .for('update');
    return row;
  },
  async insertScheme(tx: DbOrTx, values: typeof assessmentSchemes.$inferInsert): Promise<SchemeRow> {
    const [row] = await tx.insert(assessmentSchemes).values(values).returning();
    return row!;
  },
  async updateScheme(tx: DbOrTx, id: string, set: Partial<typeof assessmentSchemes.$inferInsert>): Promise<SchemeRow> {
    const [row] = await tx.update(assessmentSchemes).set(set).where(eq(assessmentSchemes.id, id)).returning();
    return row!;
  },

  /** A scheme's participants with the unit's or the project's name, by track and name. */
  participants(db: DbOrTx, schemeId: string, activeOnly: boolean): Promise<ParticipantRow[]> {
    return queryRows<ParticipantRow>(
      db,
      sql`select p.id, p.unit_id as "unitId", p.project_id as "projectId", coalesce(u.name, pr.name, '') as name, p.track, p.active
          from assessment_participants p left join units u on u.id = p.unit_id left join projects pr on pr.id = p.project_id
          where p.scheme_id = ${schemeId} ${activeOnly ? sql`and p.active` : sql``}
          order by p.track nulls first, coalesce(u.sort, 0), coalesce(u.name, pr.name), p.id`,
    );
  },
  async insertParticipants(tx: DbOrTx, rows: (typeof assessmentParticipants.$inferInsert)[]): Promise<void> {
    if (rows.length) await tx.insert(assessmentParticipants).values(rows);
  },
  async updateParticipant(tx: DbOrTx, id: string, set: { track: string | null; active: boolean; updatedAt: Date }): Promise<void> {
    await tx.update(assessmentParticipants).set(set).where(eq(assessmentParticipants.id, id));
  },

  panel(db: DbOrTx, schemeId: string): Promise<PanelRow[]> {
    return queryRows<PanelRow>(
      db,
      sql`select m.user_id as "userId", u.display_name as name, u.unit_id as "unitId"
          from assessment_panel_members m join users u on u.id = m.user_id
          where m.scheme_id = ${schemeId} order by u.display_name, u.id`,
    );
  },
  async replacePanel(tx: DbOrTx, schemeId: string, userIds: readonly string[]): Promise<void> {
    await tx.delete(assessmentPanelMembers).where(eq(assessmentPanelMembers.schemeId, schemeId));
    if (userIds.length) await tx.insert(assessmentPanelMembers).values(userIds.map((userId) => ({ schemeId, userId })));
  },

  // ---- references ----
  /** Live units among `ids`: name and path. */
  async units(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { name: string; path: string }>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ id: string; name: string; path: string }>(
      db,
      sql`select id, name, path from units where id = any(${sql.param([...ids])}::uuid[]) and deleted_at is null`,
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path }]));
  },
  /** Live projects among `ids`: name and the path of their lead unit. */
  async projects(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { name: string; path: string }>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ id: string; name: string; path: string }>(
      db,
      sql`select p.id, p.name, u.path from projects p join units u on u.id = p.lead_unit_id
          where p.id = any(${sql.param([...ids])}::uuid[]) and p.deleted_at is null`,
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, path: r.path }]));
  },
  /** Active users among `ids`: name, unit and the unit's path. */
  async activeUsers(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { name: string; unitId: string; unitPath: string }>> {
    if (!ids.length) return new Map();
    const rows = await queryRows<{ id: string; name: string; unitId: string; unitPath: string }>(
      db,
      sql`select u.id, u.display_name as name, u.unit_id as "unitId", un.path as "unitPath" from users u join units un on un.id = u.unit_id
          where u.id = any(${sql.param([...ids])}::uuid[]) and u.deleted_at is null and u.status = 'active'`,
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, unitId: r.unitId, unitPath: r.unitPath }]));
  },
  /** Active users holding `permission` whose unit is one of the subtrees (unit paths) given. */
  async usersWithPermissionUnder(db: DbOrTx, paths: readonly string[], permission: string): Promise<string[]> {
    if (!paths.length) return [];
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select distinct u.id from users u join units un on un.id = u.unit_id join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where u.deleted_at is null and u.status = 'active' and ${permission} = any(r.permissions)
            and un.path like any(${sql.param(paths.map((p) => `${p}%`))}::text[])`,
    );
    return rows.map((r) => r.id);
  },
  /** The zone's name: the economy module's own region ('zone'), else the root unit of kind administration. */
  async zoneNames(db: DbOrTx): Promise<{ region: string | null; committee: string | null }> {
    const [row] = await queryRows<{ region: string | null; committee: string | null }>(
      db,
      sql`select (select name from economy_regions where kind = 'zone' and active order by sort, name limit 1) as region,
                 (select name from units where parent_id is null and kind = 'administration' and deleted_at is null order by sort, name limit 1) as committee`,
    );
    return row ?? { region: null, committee: null };
  },

  // ---- runs ----
  async findRun(db: DbOrTx, id: string): Promise<RunRow | undefined> {
    const [row] = await db
      .select(runColumns)
      .from(assessmentRuns)
      .innerJoin(assessmentSchemes, eq(assessmentSchemes.id, assessmentRuns.schemeId))
      .where(eq(assessmentRuns.id, id));
    return row;
  },
  /** Locks the run for the rest of the transaction (serialises scoring, publication, appeals and the lock). */
  async lockRun(tx: DbOrTx, id: string): Promise<RunRow | undefined> {
    const [row] = await tx
      .select(runColumns)
      .from(assessmentRuns)
      .innerJoin(assessmentSchemes, eq(assessmentSchemes.id, assessmentRuns.schemeId))
      .where(eq(assessmentRuns.id, id))
      .for('update', { of: assessmentRuns });
    return row;
  },
  async findRunByPeriod(db: DbOrTx, schemeId: string, period: string): Promise<{ id: string } | undefined> {
    const [row] = await db
      .select({ id: assessmentRuns.id })
      .from(assessmentRuns)
      .where(and(eq(assessmentRuns.schemeId, schemeId), eq(assessmentRuns.period, period)));
    return row;
  },
  listRuns(db: DbOrTx, schemeId: string | undefined) {
    return db
      .select({
        id: assessmentRuns.id,
        schemeId: assessmentRuns.schemeId,
        schemeName: assessmentSchemes.name,
        period: assessmentRuns.period,
        status: assessmentRuns.status,
        publishedAt: assessmentRuns.publishedAt,
        lockedAt: assessmentRuns.lockedAt,
      })
      .from(assessmentRuns)
      .innerJoin(assessmentSchemes, eq(assessmentSchemes.id, assessmentRuns.schemeId))
      .where(schemeId ? eq(assessmentRuns.schemeId, schemeId) : undefined)
      .orderBy(desc(assessmentRuns.periodEnd), asc(assessmentSchemes.name), asc(assessmentRuns.id));
  },
  async insertRun(tx: DbOrTx, values: typeof assessmentRuns.$inferInsert): Promise<string> {
    const [row] = await tx.insert(assessmentRuns).values(values).returning({ id: assessmentRuns.id });
    return row!.id;
  },
  async updateRun(tx: DbOrTx, id: string, set: Partial<typeof assessmentRuns.$inferInsert>): Promise<void> {
    await tx.update(assessmentRuns).set(set).where(eq(assessmentRuns.id, id));
  },

  // ---- scores ----
  /** The scores of a run (or of one participant, or given by one scorer), automatic and panel, with the scorer's name. */
  scores(db: DbOrTx, runId: string, participantId?: string, scorerId?: string): Promise<ScoreRow[]> {
    return db
      .select({
        id: assessmentScores.id,
        participantId: assessmentScores.participantId,
        dimensionId: assessmentScores.dimensionId,
        scorerId: assessmentScores.scorerId,
        scorerName: users.displayName,
        value: assessmentScores.value,
        grade: assessmentScores.grade,
        points: assessmentScores.points,
        comment: assessmentScores.comment,
        inputs: assessmentScores.inputs,
        scoredAt: assessmentScores.scoredAt,
      })
      .from(assessmentScores)
      .leftJoin(users, eq(users.id, assessmentScores.scorerId))
      .where(
        and(
          eq(assessmentScores.runId, runId),
          participantId ? eq(assessmentScores.participantId, participantId) : undefined,
          scorerId ? eq(assessmentScores.scorerId, scorerId) : undefined,
        ),
      )
      .orderBy(asc(assessmentScores.participantId), asc(assessmentScores.dimensionId), asc(assessmentScores.scoredAt), asc(assessmentScores.id));
  },
  async insertScores(tx: DbOrTx, rows: (typeof assessmentScores.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(assessmentScores).values(rows.slice(i, i + 500));
  },
  /** Removes the automatic scores (computed, scorer null) of a run. */
  async deleteAutoScores(tx: DbOrTx, runId: string): Promise<void> {
    await tx.delete(assessmentScores).where(and(eq(assessmentScores.runId, runId), isNull(assessmentScores.scorerId)));
  },
  /** One panel member's score of a participant on a dimension: inserted or replaced. */
  async upsertPanelScore(
    tx: DbOrTx,
    values: {
      runId: string;
      participantId: string;
      dimensionId: string;
      scorerId: string;
      grade: string | null;
      points: string;
      comment: string;
      scoredAt: Date;
    },
  ): Promise<void> {
    await tx
      .insert(assessmentScores)
      .values({ ...values, updatedBy: values.scorerId })
      .onConflictDoUpdate({
        target: [assessmentScores.runId, assessmentScores.participantId, assessmentScores.dimensionId, assessmentScores.scorerId],
        set: { grade: values.grade, points: values.points, comment: values.comment, scoredAt: values.scoredAt, updatedBy: values.scorerId },
      });
  },
  async updateScore(tx: DbOrTx, id: string, set: { points: string; comment: string; updatedBy: string }): Promise<void> {
    await tx.update(assessmentScores).set(set).where(eq(assessmentScores.id, id));
  },

  // ---- results ----
  async replaceResults(
    tx: DbOrTx,
    runId: string,
    rows: { participantId: string; track: string | null; total: number; rank: number; tied: boolean; redFlag: boolean }[],
  ) {
    await tx.delete(assessmentResults).where(eq(assessmentResults.runId, runId));
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(assessmentResults).values(rows.slice(i, i + 500).map((r) => ({ ...r, runId, total: r.total.toFixed(2) })));
    }
  },
  results(db: DbOrTx, runId: string): Promise<ResultRow[]> {
    return db
      .select({
        participantId: assessmentResults.participantId,
        track: assessmentResults.track,
        total: assessmentResults.total,
        rank: assessmentResults.rank,
        tied: assessmentResults.tied,
        redFlag: assessmentResults.redFlag,
      })
      .from(assessmentResults)
      .where(eq(assessmentResults.runId, runId))
      .orderBy(sql`${assessmentResults.track} nulls first`, asc(assessmentResults.rank), asc(assessmentResults.participantId));
  },
  /** Red flag holders of locked runs (the name as the run recorded it), newest period first. */
  redFlags(db: DbOrTx, schemeId: string | undefined): Promise<RedFlagRow[]> {
    return queryRows<RedFlagRow>(
      db,
      sql`select r.id as "runId", r.scheme_id as "schemeId", s.name as "schemeName", r.period, res.track, res.participant_id as "participantId",
            coalesce((select e->>'name' from jsonb_array_elements(r.definition->'participants') e where e->>'id' = res.participant_id::text), '') as name,
            res.total::text as total
          from assessment_results res join assessment_runs r on r.id = res.run_id join assessment_schemes s on s.id = r.scheme_id
          where res.red_flag and r.status = 'locked' ${schemeId ? sql`and r.scheme_id = ${schemeId}` : sql``}
          order by r.period_end desc, s.name, res.track nulls first, res.rank, name`,
    );
  },

  // ---- appeals ----
  appeals(db: DbOrTx, runId: string): Promise<AppealRow[]> {
    return appealSelect(db, sql`a.run_id = ${runId}`);
  },
  async findAppeal(db: DbOrTx, id: string): Promise<AppealRow | undefined> {
    const [row] = await appealSelect(db, sql`a.id = ${id}`);
    return row;
  },
  async insertAppeal(tx: DbOrTx, values: typeof assessmentAppeals.$inferInsert): Promise<string> {
    const [row] = await tx.insert(assessmentAppeals).values(values).returning({ id: assessmentAppeals.id });
    return row!.id;
  },
  async updateAppeal(tx: DbOrTx, id: string, set: Partial<typeof assessmentAppeals.$inferInsert>): Promise<void> {
    await tx.update(assessmentAppeals).set(set).where(eq(assessmentAppeals.id, id));
  },
  async countOpenAppeals(db: DbOrTx, runId: string, where?: { participantId: string; dimensionId: string }): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from assessment_appeals where run_id = ${runId} and status = 'open'
          ${where ? sql`and participant_id = ${where.participantId} and dimension_id = ${where.dimensionId}` : sql``}`,
    );
    return Number(row?.n ?? 0);
  },
};
