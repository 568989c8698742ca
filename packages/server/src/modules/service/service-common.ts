// What the enterprise service services share (DOMAIN §9): the record types, the Chinese labels of exports, the
// active pairing check, live units, the recipients of notices and the SQL of timestamps.
import type { RequestCategory, RequestKind, RequestRating, RequestStatus } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access/principal.ts';
import { visibleCondition } from '../../platform/access/scope.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import { AppError } from '../../platform/errors.ts';

export const REQUEST_ENTITY = 'serviceRequest';
export const PAIRING_ENTITY = 'servicePairing';
export const VISIT_ENTITY = 'serviceVisit';

export const categoryLabels: Record<RequestCategory, string> = {
  policy: '政策咨询',
  market: '市场开拓',
  land: '用地用房',
  finance: '融资信贷',
  talent: '人才用工',
  planning: '规划建设',
  utilities: '水电气暖',
  other: '其他',
};
export const kindLabels: Record<RequestKind, string> = { consultation: '咨询类', urgent: '紧急类', ordinary: '一般类' };
export const statusLabels: Record<RequestStatus, string> = {
  registered: '已登记',
  dispatched: '已分派',
  accepted: '已受理',
  answered: '已办结',
  reopened: '重新办理',
  closed: '已关闭',
};
export const ratingLabels: Record<RequestRating, string> = { satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意' };
export const roleLabels = { primary: '包联责任人', liaison: '联络员' } as const;

/** An instant as ISO 8601 in UTC, formatted by the database (both drivers answer the same text). */
export const isoSql = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A pairing in force on `day`. */
export const pairingActive = (alias: string, day: string) =>
  sql`${sql.raw(alias)}.deleted_at is null and ${sql.raw(alias)}.starts_on <= ${day}::date and (${sql.raw(alias)}.ends_on is null or ${sql.raw(alias)}.ends_on >= ${day}::date)`;

/** Whether the user is paired with the enterprise today. */
export async function isPaired(tx: DbOrTx, userId: string, enterpriseId: string, day: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    tx,
    sql`select 1 as one from service_pairings sp where sp.cadre_user_id = ${userId} and sp.enterprise_id = ${enterpriseId} and ${pairingActive('sp', day)} limit 1`,
  );
  return rows.length > 0;
}

/** The principal's data scope over a unit column (false when the scope names no units). */
export function scopeOver(p: Principal, unitColumn: SQL): SQL {
  return visibleCondition(`${REQUEST_ENTITY}Scope`, p, { unitId: unitColumn }) ?? sql`true`;
}

/** A unit requests can be sent to: it exists and is not deleted; otherwise 422 UNIT_GONE on `path`. */
export async function requireLiveUnit(tx: DbOrTx, unitId: string, path: string): Promise<{ id: string; name: string; path: string }> {
  const [u] = await queryRows<{ id: string; name: string; path: string; gone: boolean }>(
    tx,
    sql`select id, name, path, deleted_at is not null as gone from units where id = ${unitId}`,
  );
  if (!u || u.gone) {
    const message = u ? `the unit ${u.name} was deleted` : 'unknown unit';
    throw new AppError('UNIT_GONE', `${path}: ${message}`, [{ path, message }]);
  }
  return { id: u.id, name: u.name, path: u.path };
}

/** Active users holding a permission, anywhere (unitId null) or in one unit. */
export async function usersWith(tx: DbOrTx, permission: string, unitId: string | null = null): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select distinct u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
        where u.deleted_at is null and u.status = 'active' and ${permission} = any(r.permissions) ${unitId ? sql`and u.unit_id = ${unitId}` : sql``}`,
  );
  return rows.map((r) => r.id);
}

/** The active users of an enterprise (its portal accounts). */
export async function enterpriseUsers(tx: DbOrTx, enterpriseId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from users where enterprise_id = ${enterpriseId} and deleted_at is null and status = 'active'`,
  );
  return rows.map((r) => r.id);
}

/** One page of `select columns from … where … order by …` with the total (a page past the end still reports it). */
export async function pageOfRows<T>(
  db: DbOrTx,
  q: { columns: SQL; from: SQL; where: SQL[]; order: SQL; limit: number; offset: number },
): Promise<{ rows: T[]; total: number }> {
  const where = q.where.length ? sql.join(q.where, sql` and `) : sql`true`;
  const rows = await queryRows<T & { total: number }>(
    db,
    sql`select ${q.columns}, count(*) over ()::int as total from ${q.from} where ${where} order by ${q.order} limit ${q.limit} offset ${q.offset}`,
  );
  if (rows.length || q.offset === 0) return { rows, total: rows[0]?.total ?? 0 };
  const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${q.from} where ${where}`);
  return { rows, total: n!.n };
}

export async function requireEnterprise(tx: DbOrTx, enterpriseId: string, path: string): Promise<{ id: string; name: string }> {
  const [e] = await queryRows<{ id: string; name: string }>(tx, sql`select id, name from enterprises where id = ${enterpriseId} and deleted_at is null`);
  if (!e) throw new AppError('VALIDATION_FAILED', `${path}: unknown enterprise`, [{ path, message: 'unknown enterprise' }]);
  return e;
}
