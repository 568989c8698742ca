// Visits (走访, DOMAIN §9): a cadre's visit to a paired enterprise with the people, topics and notes, photos as
// attachments of 'serviceVisit', and the requests raised during it, filed in the visit's transaction.
import { parseSort, shanghaiDay, type visitCreateSchema, type visitListQuery } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { forbidden, notFound, validationError } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import type { RequestService } from './request.service.ts';
import { isPaired, pageOfRows, requireEnterprise, scopeOver, VISIT_ENTITY } from './service-common.ts';

interface VisitRow {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  cadreUserId: string;
  cadreName: string;
  visitedOn: string;
  people: string;
  topics: string;
  notes: string | null;
  photoCount: number;
  requests: { id: string; code: string; title: string; status: string }[];
}

export function createVisitService(deps: Deps, requests: RequestService) {
  const { db, audit, clock } = deps;

  /** Scope all or service.manage: every visit; otherwise the caller's own and those of cadres in the data scope. */
  const visible = (p: Principal): SQL | undefined =>
    p.scope.all || p.permissions.has('service.manage') ? undefined : sql`(v.cadre_user_id = ${p.userId} or ${scopeOver(p, sql`cu.unit_id`)})`;

  const columns = sql`v.id, v.enterprise_id as "enterpriseId", e.name as "enterpriseName", v.cadre_user_id as "cadreUserId",
    cu.display_name as "cadreName", v.visited_on::text as "visitedOn", v.people, v.topics, v.notes,
    (select count(*)::int from attachments a where a.entity_type = ${VISIT_ENTITY} and a.entity_id = v.id and a.deleted_at is null) as "photoCount",
    coalesce((select json_agg(json_build_object('id', r.id, 'code', i.code, 'title', r.title, 'status', r.status) order by i.seq)
      from service_requests r join ledger_items i on i.id = r.item_id where r.visit_id = v.id), '[]'::json) as requests`;
  const from = sql`service_visits v join enterprises e on e.id = v.enterprise_id join users cu on cu.id = v.cadre_user_id`;

  async function find(p: Principal | null, id: string): Promise<VisitRow | undefined> {
    const v = p ? visible(p) : undefined;
    const [row] = await queryRows<VisitRow>(db, sql`select ${columns} from ${from} where v.id = ${id} and v.deleted_at is null ${v ? sql`and ${v}` : sql``}`);
    return row;
  }

  const toVisit = ({ total: _t, ...r }: VisitRow & { total?: number }) => r;

  return {
    async list(p: Principal, q: z.output<typeof visitListQuery>) {
      const where: SQL[] = [sql`v.deleted_at is null`];
      const v = visible(p);
      if (v) where.push(v);
      if (q.enterpriseId) where.push(sql`v.enterprise_id = ${q.enterpriseId}`);
      if (q.cadreUserId) where.push(sql`v.cadre_user_id = ${q.cadreUserId}`);
      if (q.from) where.push(sql`v.visited_on >= ${q.from}::date`);
      if (q.to) where.push(sql`v.visited_on <= ${q.to}::date`);
      if (q.q) where.push(sql`(e.name ilike ${likePattern(q.q)} or v.topics ilike ${likePattern(q.q)} or cu.display_name ilike ${likePattern(q.q)})`);
      const sort = parseSort(q.sort, '-visitedOn');
      const { limit, offset } = limitOffset(q);
      const order = sql`v.visited_on ${sort.desc ? sql`desc` : sql`asc`}, v.created_at desc, v.id`;
      const { rows, total } = await pageOfRows<VisitRow>(db, { columns, from, where, order, limit, offset });
      return toPage(rows.map(toVisit), total, q);
    },

    async get(p: Principal, id: string) {
      const row = await find(p, id);
      if (!row) throw notFound('visit');
      return toVisit(row);
    },

    /** The visit and the requests raised during it, in one transaction; the cadre must be paired with the enterprise. */
    async create(ctx: RequestContext, p: Principal, input: z.output<typeof visitCreateSchema>) {
      const day = shanghaiDay(clock.now());
      if (input.visitedOn > day) throw validationError([{ path: 'body.visitedOn', message: 'in the future' }]);
      if (!p.permissions.has('service.manage') && !(await isPaired(db, p.userId, input.enterpriseId, day))) {
        throw forbidden('you log visits to the enterprises you are paired with');
      }
      const id = await db.transaction(async (tx) => {
        await requireEnterprise(tx, input.enterpriseId, 'body.enterpriseId');
        const [row] = await queryRows<{ id: string }>(
          tx,
          sql`insert into service_visits (enterprise_id, cadre_user_id, visited_on, people, topics, notes, created_by)
              values (${input.enterpriseId}, ${p.userId}, ${input.visitedOn}, ${input.people}, ${input.topics}, ${input.notes ?? null}, ${p.userId})
              returning id`,
        );
        const visitId = row!.id;
        const requestIds: string[] = [];
        for (const r of input.requests) {
          requestIds.push(await requests.fileTx(tx, ctx, p, { ...r, enterpriseId: input.enterpriseId, filedVia: 'visit', visitId }));
        }
        const { requests: _r, ...visit } = input;
        await audit.record(tx, ctx, {
          action: 'service.visit.create',
          entityType: VISIT_ENTITY,
          entityId: visitId,
          diff: { ...diffOf(null, visit), requestIds },
        });
        return visitId;
      });
      return toVisit((await find(null, id))!);
    },

    /** For the attachments: may the principal see the visit, and add or remove its photos (its cadre, a manager)? */
    canRead: async (p: Principal, id: string) => !!(await find(p, id)),
    canWrite: async (p: Principal, id: string) => {
      const row = await find(p, id);
      return !!row && (row.cadreUserId === p.userId || p.permissions.has('service.manage'));
    },
  };
}

export type VisitService = ReturnType<typeof createVisitService>;
