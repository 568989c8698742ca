// Suppression windows (检维修 / 开停车报备): an enterprise files a maintenance or start-up window for all its points, a
// hazard source's, or listed points; no alarm is raised for them while it lasts. Enterprise users holding
// safety.handle file and cancel windows of their own enterprise; safety.manage files for any enterprise it sees.
// Every write is audited and sent as a registry event, so every instance's alarm engine reloads its windows.
import { parseSort, type safetySuppressionCreateSchema, type safetySuppressionListQuery } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import type { AlarmEngine } from './alarm-engine.ts';
import { alarmRepository as repo, suppressionStateSql } from './alarm.repository.ts';
import { safetyVisibleCondition } from './safety-access.ts';
import type { SafetyEvents } from './safety-events.ts';

export const SUPPRESSION_ENTITY = 'safetySuppression';

export function createSuppressionService(deps: Deps, events: SafetyEvents, engine: AlarmEngine) {
  const { db, clock, audit } = deps;

  /** Enterprise users act for their own enterprise; others need safety.manage. */
  function requireMayFile(p: Principal, enterpriseId: string) {
    if (p.enterpriseId ? p.enterpriseId !== enterpriseId || !p.permissions.has('safety.handle') : !p.permissions.has('safety.manage'))
      throw forbidden(p.enterpriseId ? 'enterprise users file windows of their own enterprise' : 'filing a window for an enterprise needs safety.manage');
  }

  return {
    async list(p: Principal, q: z.output<typeof safetySuppressionListQuery>) {
      const now = clock.now();
      const where: SQL[] = [];
      const visible = safetyVisibleCondition(p, sql`s.enterprise_id`);
      if (visible) where.push(visible);
      if (q.enterpriseId) where.push(sql`s.enterprise_id = ${q.enterpriseId}`);
      if (q.state) where.push(sql`${suppressionStateSql(now)} = ${q.state}`);
      const sort = parseSort(q.sort, '-startsAt');
      const order = sql`${sort.field === 'endsAt' ? sql`s.ends_at` : sql`s.starts_at`} ${sort.desc ? sql`desc` : sql`asc`}, s.id`;
      const { limit, offset } = limitOffset(q);
      const { rows, total } = await repo.suppressionPage(db, where, order, limit, offset, now);
      return toPage(rows, total, q);
    },

    async create(ctx: RequestContext, p: Principal, body: z.output<typeof safetySuppressionCreateSchema>) {
      const enterpriseId = body.enterpriseId ?? p.enterpriseId;
      if (!enterpriseId) throw validationError([{ path: 'body.enterpriseId', message: 'required: the enterprise of the window' }]);
      requireMayFile(p, enterpriseId);
      if (!(await repo.enterprise(db, enterpriseId, safetyVisibleCondition(p, sql`e.id`)))) {
        throw validationError([{ path: 'body.enterpriseId', message: 'unknown enterprise' }]);
      }
      const majorHazardId = body.majorHazardId ?? null;
      if (majorHazardId) {
        const source = await repo.majorHazard(db, majorHazardId);
        if (!source || source.enterpriseId !== enterpriseId)
          throw validationError([{ path: 'body.majorHazardId', message: 'not a hazard source of this enterprise' }]);
      }
      const pointIds = [...new Set(body.pointIds)];
      if (pointIds.length) {
        const found = new Map((await repo.points(db, pointIds)).map((r) => [r.id, r]));
        const bad = pointIds.findIndex((id) => {
          const pt = found.get(id);
          return !pt || pt.enterpriseId !== enterpriseId || (majorHazardId !== null && pt.majorHazardId !== majorHazardId);
        });
        if (bad >= 0) throw validationError([{ path: `body.pointIds.${bad}`, message: 'not a point of this enterprise (or hazard source)' }]);
      }
      const now = clock.now();
      const startsAt = new Date(body.startsAt);
      const endsAt = new Date(body.endsAt);
      if (endsAt <= now) throw validationError([{ path: 'body.endsAt', message: 'the window is already over' }]);
      const id = await db.transaction(async (tx) => {
        const id = await repo.insertSuppression(tx, {
          enterpriseId,
          majorHazardId,
          pointIds,
          kind: body.kind,
          startsAt,
          endsAt,
          reason: body.reason,
          createdBy: p.userId,
          now,
        });
        await audit.record(tx, ctx, {
          action: 'safety.suppression.create',
          entityType: SUPPRESSION_ENTITY,
          entityId: id,
          diff: { enterpriseId, majorHazardId, pointIds, kind: body.kind, startsAt: body.startsAt, endsAt: body.endsAt, reason: body.reason },
        });
        await events.notify(tx, { kind: 'registry' });
        return id;
      });
      await engine.reloadWindows();
      return this.get(p, id);
    },

    async get(p: Principal, id: string) {
      const where = [sql`s.id = ${id}`];
      const visible = safetyVisibleCondition(p, sql`s.enterprise_id`);
      if (visible) where.push(visible);
      const { rows } = await repo.suppressionPage(db, where, sql`s.id`, 1, 0, clock.now());
      if (!rows[0]) throw notFound('suppression window');
      return rows[0];
    },

    /** Ends a window early (or withdraws one not yet started). */
    async cancel(ctx: RequestContext, p: Principal, id: string, note: string | null) {
      const row = await repo.findSuppression(db, id, safetyVisibleCondition(p, sql`s.enterprise_id`));
      if (!row) throw notFound('suppression window');
      requireMayFile(p, row.enterpriseId);
      const now = clock.now();
      if (row.cancelled || row.endsAt <= now)
        throw new AppError('TRANSITION_NOT_ALLOWED', row.cancelled ? 'the window is already cancelled' : 'the window is already over');
      await db.transaction(async (tx) => {
        await repo.cancelSuppression(tx, id, now);
        await audit.record(tx, ctx, {
          action: 'safety.suppression.cancel',
          entityType: SUPPRESSION_ENTITY,
          entityId: id,
          diff: { cancelledAt: now.toISOString(), note },
        });
        await events.notify(tx, { kind: 'registry' });
      });
      await engine.reloadWindows();
      return this.get(p, id);
    },
  };
}

export type SuppressionService = ReturnType<typeof createSuppressionService>;
