import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { likePattern } from '../../platform/lists.ts';
import { enterprises } from '../../db/schema.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;

export interface EnterpriseFilter {
  q?: string | undefined;
  status?: string | undefined;
  industry?: string | undefined;
  tag?: string | undefined;
  streetId?: string | undefined;
}

const sortColumns = { name: enterprises.name, createdAt: enterprises.createdAt, status: enterprises.status } as const;
export type EnterpriseSortField = keyof typeof sortColumns;

function where(f: EnterpriseFilter, visible: SQL | undefined) {
  return and(
    isNull(enterprises.deletedAt),
    visible,
    f.status ? eq(enterprises.status, f.status) : undefined,
    f.industry ? eq(enterprises.industry, f.industry) : undefined,
    f.tag ? sql`${f.tag} = any(${enterprises.tags})` : undefined,
    f.streetId ? eq(enterprises.streetId, f.streetId) : undefined,
    // Free text matches the name and the full credit code only (a partial code could probe masked values).
    f.q ? or(ilike(enterprises.name, likePattern(f.q)), eq(enterprises.uscc, f.q.toUpperCase())) : undefined,
  );
}

export const enterpriseRepository = {
  async findPage(
    db: DbOrTx,
    f: EnterpriseFilter,
    visible: SQL | undefined,
    sort: { field: EnterpriseSortField; desc: boolean },
    limit: number,
    offset: number,
  ) {
    const col = sortColumns[sort.field];
    const rows = await db
      .select({ row: enterprises, total: sql<number>`count(*) over()`.mapWith(Number) })
      .from(enterprises)
      .where(where(f, visible))
      .orderBy(sort.desc ? desc(col) : asc(col), asc(enterprises.id))
      .limit(limit)
      .offset(offset);
    return { rows: rows.map((r) => r.row), total: rows[0]?.total ?? 0 };
  },
  async findById(db: DbOrTx, id: string, visible?: SQL): Promise<EnterpriseRow | undefined> {
    const [row] = await db
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.id, id), where({}, visible)));
    return row;
  },
  async findByUscc(db: DbOrTx, uscc: string): Promise<EnterpriseRow | undefined> {
    const [row] = await db
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.uscc, uscc), isNull(enterprises.deletedAt)));
    return row;
  },
  async insert(db: DbOrTx, values: typeof enterprises.$inferInsert): Promise<EnterpriseRow> {
    const [row] = await db.insert(enterprises).values(values).returning();
    return row!;
  },
  async update(db: DbOrTx, id: string, set: Partial<typeof enterprises.$inferInsert>): Promise<EnterpriseRow> {
    const [row] = await db.update(enterprises).set(set).where(eq(enterprises.id, id)).returning();
    return row!;
  },
  countBy(db: DbOrTx, key: 'industry' | 'status' | 'tag', visible: SQL | undefined): Promise<{ key: string; count: number }[]> {
    const expr =
      key === 'industry' ? sql`coalesce(${enterprises.industry}, '')` : key === 'status' ? sql`${enterprises.status}` : sql`unnest(${enterprises.tags})`;
    return queryRows<{ key: string; count: number }>(
      db,
      sql`select k as key, count(*)::int as count from (select ${expr} as k from enterprises where ${where({}, visible)}) s group by k order by count desc`,
    );
  },
  findAllPoints(db: DbOrTx) {
    return db
      .select({ id: enterprises.id, name: enterprises.name, lng: enterprises.lng, lat: enterprises.lat, industry: enterprises.industry })
      .from(enterprises)
      .where(and(isNull(enterprises.deletedAt), sql`${enterprises.lng} is not null`));
  },
};
