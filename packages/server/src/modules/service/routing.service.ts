// The routing table (each request category → the unit that handles it) and the reply templates per category. A
// route whose unit was deleted since stays listed with unitGone: its requests wait for a manual dispatch.
import { requestCategories, type RequestCategory, type replyTemplateInputSchema, type routesSaveSchema } from '@zoneops/shared';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { requireLiveUnit } from './service-common.ts';

interface RouteRow {
  category: RequestCategory;
  unitId: string;
  unitName: string;
  unitGone: boolean;
}

interface TemplateRow {
  id: string;
  category: RequestCategory;
  title: string;
  body: string;
  active: boolean;
}

const templateColumns = sql`id, category, title, body, active`;

/** The live unit a category is routed to, or null (no route, or its unit was deleted). */
export async function routeOf(tx: DbOrTx, category: RequestCategory): Promise<string | null> {
  const [r] = await queryRows<{ unitId: string }>(
    tx,
    sql`select r.unit_id as "unitId" from service_routes r join units u on u.id = r.unit_id where r.category = ${category} and u.deleted_at is null`,
  );
  return r?.unitId ?? null;
}

export function createRoutingService(deps: Deps) {
  const { db, audit, clock } = deps;

  const routes = async (tx: DbOrTx = db) => {
    const rows = await queryRows<RouteRow>(
      tx,
      sql`select r.category, r.unit_id as "unitId", u.name as "unitName", u.deleted_at is not null as "unitGone"
          from service_routes r join units u on u.id = r.unit_id`,
    );
    return { routes: rows.sort((a, b) => requestCategories.indexOf(a.category) - requestCategories.indexOf(b.category)) };
  };

  async function requireTemplate(tx: DbOrTx, id: string): Promise<TemplateRow> {
    const [t] = await queryRows<TemplateRow>(tx, sql`select ${templateColumns} from service_reply_templates where id = ${id}`);
    if (!t) throw notFound('reply template');
    return t;
  }

  return {
    routes: () => routes(),

    /** Replaces the table: the categories listed go to their units, the others have no route (manual dispatch). */
    async saveRoutes(ctx: RequestContext, p: Principal, input: z.infer<typeof routesSaveSchema>) {
      const seen = new Map<string, number>();
      input.routes.forEach((r, i) => {
        if (seen.has(r.category)) throw validationError([{ path: `body.routes.${i}.category`, message: `${r.category} is listed twice` }]);
        seen.set(r.category, i);
      });
      return db.transaction(async (tx) => {
        for (const [i, r] of input.routes.entries()) await requireLiveUnit(tx, r.unitId, `body.routes.${i}.unitId`);
        const before = await routes(tx);
        await tx.execute(sql`delete from service_routes`);
        const now = clock.now();
        for (const r of input.routes) {
          await tx.execute(
            sql`insert into service_routes (category, unit_id, updated_at, updated_by) values (${r.category}, ${r.unitId}, ${now}, ${p.userId})`,
          );
        }
        const after = await routes(tx);
        const map = (x: { routes: RouteRow[] }) => Object.fromEntries(x.routes.map((r) => [r.category, r.unitId]));
        await audit.record(tx, ctx, { action: 'service.routes.save', entityType: 'serviceRoutes', diff: diffOf(map(before), map(after)) });
        return after;
      });
    },

    async templates(category?: RequestCategory) {
      return queryRows<TemplateRow>(
        db,
        sql`select ${templateColumns} from service_reply_templates ${category ? sql`where category = ${category}` : sql``} order by category, title`,
      );
    },

    async createTemplate(ctx: RequestContext, p: Principal, input: z.infer<typeof replyTemplateInputSchema>) {
      return db.transaction(async (tx) => {
        const [row] = await queryRows<TemplateRow>(
          tx,
          sql`insert into service_reply_templates (category, title, body, active, created_by)
              values (${input.category}, ${input.title}, ${input.body}, ${input.active}, ${p.userId}) returning ${templateColumns}`,
        );
        await audit.record(tx, ctx, {
          action: 'service.template.create',
          entityType: 'serviceReplyTemplate',
          entityId: row!.id,
          diff: diffOf(null, { ...row! }),
        });
        return row!;
      });
    },

    async updateTemplate(ctx: RequestContext, _p: Principal, id: string, input: z.infer<typeof replyTemplateInputSchema>) {
      return db.transaction(async (tx) => {
        const before = await requireTemplate(tx, id);
        const [row] = await queryRows<TemplateRow>(
          tx,
          sql`update service_reply_templates set category = ${input.category}, title = ${input.title}, body = ${input.body}, active = ${input.active},
              updated_at = ${clock.now()} where id = ${id} returning ${templateColumns}`,
        );
        await audit.record(tx, ctx, {
          action: 'service.template.update',
          entityType: 'serviceReplyTemplate',
          entityId: id,
          diff: diffOf({ ...before }, { ...row! }),
        });
        return row!;
      });
    },

    requireTemplate,
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
