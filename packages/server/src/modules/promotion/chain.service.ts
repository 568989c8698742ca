// 产业链 (DOMAIN §5): chains → segments (a tree by parent, upstream → downstream by position) → companies on a
// segment, zone enterprises or target companies (possibly followed as leads), 链主 marked. A segment with no zone
// enterprise is a gap (缺失环节): its targets are the list to go after. Writes are promotion.manage; chains and
// segments are deleted softly, a segment only when nothing hangs on it (409 CONFLICT); companies are removed.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ChainDetail,
  Chain,
  chainCreateSchema,
  chainUpdateSchema,
  segmentCompanySchemaIn,
  segmentCreateSchema,
  segmentUpdateSchema,
  LeadStage,
} from '@zoneops/shared';
import { chainSegmentCompanies, chainSegments, industryChains } from '../../db/schema.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/errors.ts';
import type { LeadService } from './lead.service.ts';
import { knownIds, unknownIssues } from './refs.ts';

export const CHAIN_ENTITY = 'industryChain';
export const SEGMENT_ENTITY = 'chainSegment';

type SegmentRow = { id: string; chainId: string; parentId: string | null; name: string; position: number; description: string | null; leadCount: number };
type CompanyRow = {
  id: string;
  segmentId: string;
  kind: 'zone' | 'target';
  enterpriseId: string | null;
  name: string;
  leadId: string | null;
  leadCode: string | null;
  leadStage: LeadStage | null;
  chainLeader: boolean;
  note: string | null;
};

export function createChainService(deps: Deps, leads: LeadService) {
  const { db, audit, clock } = deps;

  const manage = (p: Principal) => {
    if (!p.permissions.has('promotion.manage')) throw forbidden('industry chains are managed with promotion.manage');
  };

  const gapOf = (segment: SQL) => sql`not exists (select 1 from chain_segment_companies x where x.segment_id = ${segment} and x.kind = 'zone')`;

  async function chains(where: SQL): Promise<Chain[]> {
    return queryRows<Chain>(
      db,
      sql`select c.id, c.name, c.description, c.chief_user_id as "chiefUserId", u.display_name as "chiefName", c.sort,
        count(s.id)::int as "segmentCount", (count(s.id) filter (where ${gapOf(sql`s.id`)}))::int as "gapCount",
        (select count(distinct x.enterprise_id) from chain_segment_companies x join chain_segments s2 on s2.id = x.segment_id
          where s2.chain_id = c.id and s2.deleted_at is null and x.kind = 'zone')::int as "zoneEnterpriseCount",
        (select count(*) from chain_segment_companies x join chain_segments s2 on s2.id = x.segment_id
          where s2.chain_id = c.id and s2.deleted_at is null and x.kind = 'target')::int as "targetCount"
        from industry_chains c left join users u on u.id = c.chief_user_id left join chain_segments s on s.chain_id = c.id and s.deleted_at is null
        where c.deleted_at is null and ${where} group by c.id, u.display_name order by c.sort, c.name`,
    );
  }

  async function detail(id: string): Promise<ChainDetail> {
    const [chain] = await chains(sql`c.id = ${id}`);
    if (!chain) throw notFound('chain');
    const [segments, companies] = await Promise.all([
      queryRows<SegmentRow>(
        db,
        sql`select s.id, s.chain_id as "chainId", s.parent_id as "parentId", s.name, s.position, s.description,
          (select count(*) from promotion_leads l where l.chain_segment_id = s.id and l.deleted_at is null and l.outcome = 'active')::int as "leadCount"
          from chain_segments s where s.chain_id = ${id} and s.deleted_at is null order by s.position, s.name, s.id`,
      ),
      queryRows<CompanyRow>(
        db,
        sql`select x.id, x.segment_id as "segmentId", x.kind, x.enterprise_id as "enterpriseId",
          coalesce(e.name, x.name, l.company, '') as name, x.lead_id as "leadId", l.code as "leadCode", l.stage as "leadStage",
          x.chain_leader as "chainLeader", x.note
          from chain_segment_companies x join chain_segments s on s.id = x.segment_id
          left join enterprises e on e.id = x.enterprise_id left join promotion_leads l on l.id = x.lead_id and l.deleted_at is null
          where s.chain_id = ${id} and s.deleted_at is null order by x.chain_leader desc, x.kind, x.created_at, x.id`,
      ),
    ]);
    return {
      ...chain,
      segments: segments.map((s) => {
        const own = companies.filter((c) => c.segmentId === s.id);
        return { ...s, gap: !own.some((c) => c.kind === 'zone'), companies: own };
      }),
    };
  }

  async function requireSegment(id: string) {
    const [s] = await queryRows<{ id: string; chainId: string; parentId: string | null; name: string; position: number; description: string | null }>(
      db,
      sql`select s.id, s.chain_id as "chainId", s.parent_id as "parentId", s.name, s.position, s.description from chain_segments s
        join industry_chains c on c.id = s.chain_id where s.id = ${id} and s.deleted_at is null and c.deleted_at is null`,
    );
    if (!s) throw notFound('segment');
    return s;
  }

  /** The parent must be a live segment of the same chain, and (for an existing segment) not itself or below it. */
  async function checkParent(chainId: string, parentId: string | null | undefined, selfId?: string) {
    if (!parentId) return;
    const up = await queryRows<{ id: string; chainId: string }>(
      db,
      sql`with recursive up(id, chain_id, parent_id, depth) as (
          select id, chain_id, parent_id, 0 from chain_segments where id = ${parentId} and deleted_at is null
          union all select s.id, s.chain_id, s.parent_id, up.depth + 1 from chain_segments s join up on s.id = up.parent_id where up.depth < 100)
        select id, chain_id as "chainId" from up`,
    );
    if (!up.length || up[0]!.chainId !== chainId) throw validationError([{ path: 'body.parentId', message: 'not a segment of this chain' }]);
    if (selfId && up.some((s) => s.id === selfId)) throw validationError([{ path: 'body.parentId', message: 'a segment cannot sit below itself' }]);
  }

  async function checkChain(input: { name?: string; chiefUserId?: string | null }, exceptId?: string) {
    const users = await knownIds(db, 'users', [input.chiefUserId]);
    const issues = unknownIssues(users, 'body.chiefUserId', input.chiefUserId, 'unknown or disabled user');
    if (issues.length) throw validationError(issues);
    if (input.name) {
      const [dup] = await queryRows<{ id: string }>(
        db,
        sql`select id from industry_chains where name = ${input.name} ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
      );
      if (dup) throw new AppError('CONFLICT', `a chain named ${input.name} exists`, [{ path: 'body.name', message: 'taken' }]);
    }
  }

  async function checkCompany(p: Principal, input: z.output<typeof segmentCompanySchemaIn>) {
    const [enterprises, visible] = await Promise.all([knownIds(db, 'enterprises', [input.enterpriseId]), leads.refs(p, input.leadId ? [input.leadId] : [])]);
    const issues = [
      ...unknownIssues(enterprises, 'body.enterpriseId', input.enterpriseId, 'unknown enterprise'),
      ...(input.leadId && !visible.has(input.leadId) ? [{ path: 'body.leadId', message: 'unknown lead' }] : []),
    ];
    if (issues.length) throw validationError(issues);
  }

  const companyValues = (input: z.output<typeof segmentCompanySchemaIn>) => ({
    kind: input.kind,
    enterpriseId: input.kind === 'zone' ? (input.enterpriseId ?? null) : null,
    name: input.name ?? null,
    leadId: input.leadId ?? null,
    chainLeader: input.chainLeader,
    note: input.note ?? null,
  });

  async function requireCompany(id: string) {
    const [c] = await queryRows<{ id: string; segmentId: string; chainId: string }>(
      db,
      sql`select x.id, x.segment_id as "segmentId", s.chain_id as "chainId" from chain_segment_companies x join chain_segments s on s.id = x.segment_id
        where x.id = ${id} and s.deleted_at is null`,
    );
    if (!c) throw notFound('segment company');
    return c;
  }

  return {
    list: () => chains(sql`true`),
    detail,

    async createChain(ctx: RequestContext, p: Principal, input: z.output<typeof chainCreateSchema>): Promise<string> {
      manage(p);
      await checkChain(input);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(industryChains)
          .values({ ...input, description: input.description ?? null, chiefUserId: input.chiefUserId ?? null, createdBy: p.userId })
          .returning({ id: industryChains.id });
        await audit.record(tx, ctx, { action: 'promotion.chain.create', entityType: CHAIN_ENTITY, entityId: row!.id, diff: input });
        return row!.id;
      });
    },

    async updateChain(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof chainUpdateSchema>): Promise<void> {
      manage(p);
      const before = await detail(id);
      await checkChain(input, id);
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      await db.transaction(async (tx) => {
        await tx
          .update(industryChains)
          .set({ ...changes, updatedAt: clock.now() })
          .where(sql`id = ${id}`);
        await audit.record(tx, ctx, {
          action: 'promotion.chain.update',
          entityType: CHAIN_ENTITY,
          entityId: id,
          diff: Object.fromEntries(Object.keys(changes).map((k) => [k, { before: (before as Record<string, unknown>)[k] ?? null, after: changes[k] }])),
        });
      });
    },

    /** Soft-deletes the chain with its segments (companies stay attached to the deleted segments). */
    async deleteChain(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      manage(p);
      const before = await detail(id);
      await db.transaction(async (tx) => {
        const now = clock.now();
        await tx.execute(sql`update chain_segments set deleted_at = ${now}, updated_at = ${now} where chain_id = ${id} and deleted_at is null`);
        await tx.execute(sql`update industry_chains set deleted_at = ${now}, updated_at = ${now} where id = ${id}`);
        await audit.record(tx, ctx, {
          action: 'promotion.chain.delete',
          entityType: CHAIN_ENTITY,
          entityId: id,
          diff: { name: before.name, segments: before.segments.length },
        });
      });
    },

    async createSegment(ctx: RequestContext, p: Principal, chainId: string, input: z.output<typeof segmentCreateSchema>): Promise<string> {
      manage(p);
      await detail(chainId);
      await checkParent(chainId, input.parentId);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(chainSegments)
          .values({
            chainId,
            name: input.name,
            parentId: input.parentId ?? null,
            position: input.position,
            description: input.description ?? null,
            createdBy: p.userId,
          })
          .returning({ id: chainSegments.id });
        await audit.record(tx, ctx, { action: 'promotion.segment.create', entityType: SEGMENT_ENTITY, entityId: row!.id, diff: { chainId, ...input } });
        return row!.id;
      });
    },

    /** Answers the chain's id. */
    async updateSegment(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof segmentUpdateSchema>): Promise<string> {
      manage(p);
      const before = await requireSegment(id);
      if (input.parentId !== undefined) await checkParent(before.chainId, input.parentId, id);
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      await db.transaction(async (tx) => {
        await tx
          .update(chainSegments)
          .set({ ...changes, updatedAt: clock.now() })
          .where(sql`id = ${id}`);
        await audit.record(tx, ctx, {
          action: 'promotion.segment.update',
          entityType: SEGMENT_ENTITY,
          entityId: id,
          diff: Object.fromEntries(Object.keys(changes).map((k) => [k, { before: (before as Record<string, unknown>)[k] ?? null, after: changes[k] }])),
        });
      });
      return before.chainId;
    },

    /** Answers the chain's id; refused while companies or child segments hang on it. */
    async deleteSegment(ctx: RequestContext, p: Principal, id: string): Promise<string> {
      manage(p);
      const before = await requireSegment(id);
      const [uses] = await queryRows<{ companies: number; children: number }>(
        db,
        sql`select (select count(*) from chain_segment_companies where segment_id = ${id})::int as companies,
          (select count(*) from chain_segments where parent_id = ${id} and deleted_at is null)::int as children`,
      );
      if (uses!.companies || uses!.children)
        throw new AppError('CONFLICT', `the segment has ${uses!.companies} companies and ${uses!.children} child segments; move or remove them first`, [
          { path: 'params.id', message: 'in use' },
        ]);
      await db.transaction(async (tx) => {
        await tx.execute(sql`update chain_segments set deleted_at = ${clock.now()}, updated_at = ${clock.now()} where id = ${id}`);
        await audit.record(tx, ctx, { action: 'promotion.segment.delete', entityType: SEGMENT_ENTITY, entityId: id, diff: { name: before.name } });
      });
      return before.chainId;
    },

    /** Answers the chain's id. */
    async addCompany(ctx: RequestContext, p: Principal, segmentId: string, input: z.output<typeof segmentCompanySchemaIn>): Promise<string> {
      manage(p);
      const segment = await requireSegment(segmentId);
      await checkCompany(p, input);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(chainSegmentCompanies)
          .values({ segmentId, ...companyValues(input), createdBy: p.userId })
          .returning({ id: chainSegmentCompanies.id });
        await audit.record(tx, ctx, {
          action: 'promotion.segmentCompany.create',
          entityType: SEGMENT_ENTITY,
          entityId: segmentId,
          diff: { id: row!.id, ...input },
        });
      });
      return segment.chainId;
    },

    /** Replaces a company's fields (the whole segmentCompanySchemaIn); answers the chain's id. */
    async updateCompany(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof segmentCompanySchemaIn>): Promise<string> {
      manage(p);
      const company = await requireCompany(id);
      await checkCompany(p, input);
      await db.transaction(async (tx) => {
        await tx
          .update(chainSegmentCompanies)
          .set({ ...companyValues(input), updatedAt: clock.now() })
          .where(sql`id = ${id}`);
        await audit.record(tx, ctx, {
          action: 'promotion.segmentCompany.update',
          entityType: SEGMENT_ENTITY,
          entityId: company.segmentId,
          diff: { id, ...input },
        });
      });
      return company.chainId;
    },

    /** Answers the chain's id. */
    async removeCompany(ctx: RequestContext, p: Principal, id: string): Promise<string> {
      manage(p);
      const company = await requireCompany(id);
      await db.transaction(async (tx) => {
        await tx.execute(sql`delete from chain_segment_companies where id = ${id}`);
        await audit.record(tx, ctx, { action: 'promotion.segmentCompany.delete', entityType: SEGMENT_ENTITY, entityId: company.segmentId, diff: { id } });
      });
      return company.chainId;
    },
  };
}

export type ChainService = ReturnType<typeof createChainService>;
