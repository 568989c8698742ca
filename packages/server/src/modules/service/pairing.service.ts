// Pairings (挂企, DOMAIN §9): a cadre ↔ an enterprise, many to many, with a role and a period; the list with visits
// counted; the bulk assignment from a spreadsheet (preview with every row's errors, then all or nothing) and the
// export. Visibility: scope all or service.manage everything; otherwise the caller's own pairings and those of cadres
// whose unit is in the data scope.
import { isoDate, parseSort, type Pairing, type pairingCreateSchema, type pairingListQuery, type pairingUpdateSchema } from '@zoneops/shared';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import { diffOf } from '../../platform/audit/chain.ts';
import { today as todayOf } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { queryRows, type DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { MAX_IMPORT_BYTES } from '../../platform/documents/index.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { likePattern, limitOffset, toPage } from '../../platform/lists.ts';
import { readSheet, writeSheet, type SheetColumn, type SheetSpec } from '../../platform/sheets.ts';
import { pageOfRows, PAIRING_ENTITY, requireEnterprise, roleLabels, scopeOver } from './service-common.ts';

type Role = 'primary' | 'liaison';

interface PairingRow extends Pairing {
  cadreUsername: string;
  enterpriseUscc: string;
}

/** One row of the assignment sheet, as written (every cell text; checked here, not by the reader). */
interface SheetRow {
  username?: string;
  enterprise?: string;
  role?: string;
  startsOn?: string;
  endsOn?: string;
}

const importColumns: SheetColumn<SheetRow>[] = [
  { key: 'username', header: '干部账号', headerEn: 'Cadre account', kind: 'text', width: 16 },
  { key: 'enterprise', header: '企业（信用代码或名称）', headerEn: 'Enterprise (credit code or name)', kind: 'text', width: 36 },
  { key: 'role', header: '角色（包联责任人/联络员）', headerEn: 'Role', kind: 'text', width: 22 },
  { key: 'startsOn', header: '开始日期', headerEn: 'Starts on', kind: 'text', width: 14 },
  { key: 'endsOn', header: '结束日期', headerEn: 'Ends on', kind: 'text', width: 14 },
];
const headerOf = (key: keyof SheetRow) => importColumns.find((c) => c.key === key)!.header;

let rowCounter = 0;
const importSpec: SheetSpec<SheetRow> = {
  id: 'service-pairings',
  version: 1,
  title: '干部挂企名单',
  sheetName: '挂企名单',
  columns: importColumns,
  schema: z.object({
    username: z.string().optional(),
    enterprise: z.string().optional(),
    role: z.string().optional(),
    startsOn: z.string().optional(),
    endsOn: z.string().optional(),
  }),
  // Every row is read back (duplicates are reported here, by cadre, enterprise and start).
  naturalKey: () => String(++rowCounter),
};

interface ExportRow {
  username: string;
  enterprise: string;
  role: string;
  startsOn: string;
  endsOn: string;
  cadreName: string;
  unitName: string;
  active: string;
  visits: number;
  lastVisitOn: string;
}
const exportSpec: SheetSpec<ExportRow> = {
  id: 'service-pairings',
  version: 1,
  title: '干部挂企名单',
  sheetName: '挂企名单',
  columns: [
    ...(importColumns as unknown as SheetColumn<ExportRow>[]),
    { key: 'cadreName', header: '干部姓名', kind: 'text', width: 10 },
    { key: 'unitName', header: '所在单位', kind: 'text', width: 18 },
    { key: 'active', header: '在期', kind: 'text', width: 6 },
    { key: 'visits', header: '走访次数', kind: 'integer', width: 8 },
    { key: 'lastVisitOn', header: '最近走访', kind: 'text', width: 12 },
  ],
  schema: z.any() as z.ZodType<ExportRow>,
  naturalKey: (r) => `${r.username}|${r.enterprise}|${r.startsOn}`,
};

const roleOf = (text: string | undefined): Role | undefined => {
  const t = (text ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (!t || t === roleLabels.primary || t === 'primary' || t === '责任人') return 'primary';
  if (t === roleLabels.liaison || t === 'liaison') return 'liaison';
  return undefined;
};

/** 2026-03-15, 2026/3/15, 2026.3.15, 2026年3月15日, 20260315 → 2026-03-15. */
function dayOf(text: string | undefined): string | undefined {
  const s = (text ?? '').normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isoDate.safeParse(day).success ? day : undefined;
}

const sortColumns: Record<string, SQL> = {
  enterpriseName: sql`e.name`,
  cadreName: sql`cu.display_name`,
  startsOn: sql`sp.starts_on`,
  lastVisitOn: sql`lv.last_on`,
};

export interface PlannedRow {
  row: number;
  username: string;
  enterprise: string;
  role: string;
  startsOn: string;
  endsOn: string | null;
  errors: { column: string; message: string }[];
  value?: { cadreUserId: string; enterpriseId: string; role: Role; startsOn: string; endsOn: string | null; exists: boolean };
}

export function createPairingService(deps: Deps) {
  const { db, audit, clock } = deps;
  const today = () => todayOf(clock);

  const visible = (p: Principal): SQL | undefined =>
    p.scope.all || p.permissions.has('service.manage') ? undefined : sql`(sp.cadre_user_id = ${p.userId} or ${scopeOver(p, sql`cu.unit_id`)})`;

  const columns = (day: string) => sql`sp.id, sp.cadre_user_id as "cadreUserId", cu.display_name as "cadreName", cu.username as "cadreUsername",
    un.name as "cadreUnitName", sp.enterprise_id as "enterpriseId", e.name as "enterpriseName", e.uscc as "enterpriseUscc", sp.role,
    sp.starts_on::text as "startsOn", sp.ends_on::text as "endsOn",
    (sp.starts_on <= ${day}::date and (sp.ends_on is null or sp.ends_on >= ${day}::date)) as active,
    coalesce(lv.n, 0)::int as visits, lv.last_on::text as "lastVisitOn"`;
  const from = sql`service_pairings sp join users cu on cu.id = sp.cadre_user_id join units un on un.id = cu.unit_id
    join enterprises e on e.id = sp.enterprise_id
    left join lateral (select count(*) as n, max(v.visited_on) as last_on from service_visits v
      where v.cadre_user_id = sp.cadre_user_id and v.enterprise_id = sp.enterprise_id and v.deleted_at is null) lv on true`;

  async function rows(p: Principal, q: Partial<z.output<typeof pairingListQuery>>, page?: { limit: number; offset: number }) {
    const day = today();
    const where: SQL[] = [sql`sp.deleted_at is null`];
    const v = visible(p);
    if (v) where.push(v);
    if (q.cadreUserId) where.push(sql`sp.cadre_user_id = ${q.cadreUserId}`);
    if (q.enterpriseId) where.push(sql`sp.enterprise_id = ${q.enterpriseId}`);
    if (q.unitId) where.push(sql`cu.unit_id in (select id from units where path like (select path from units where id = ${q.unitId}) || '%')`);
    if (q.active) {
      const active = sql`(sp.starts_on <= ${day}::date and (sp.ends_on is null or sp.ends_on >= ${day}::date))`;
      where.push(q.active === 'true' ? active : sql`not ${active}`);
    }
    if (q.notVisitedDays) where.push(sql`(lv.last_on is null or lv.last_on < ${day}::date - ${q.notVisitedDays}::int)`);
    if (q.q) where.push(sql`(e.name ilike ${likePattern(q.q)} or cu.display_name ilike ${likePattern(q.q)} or cu.username = ${q.q})`);
    const sort = parseSort(q.sort, 'enterpriseName');
    const order = sql`${sortColumns[sort.field]!} ${sort.desc ? sql`desc nulls last` : sql`asc nulls first`}, e.name, cu.display_name, sp.id`;
    const { limit, offset } = page ?? { limit: 50_000, offset: 0 };
    const { rows: list, total } = await pageOfRows<PairingRow>(db, { columns: columns(day), from, where, order, limit, offset });
    return { list, total };
  }

  const toPairing = (r: PairingRow): Pairing => ({
    id: r.id,
    cadreUserId: r.cadreUserId,
    cadreName: r.cadreName,
    cadreUnitName: r.cadreUnitName,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    role: r.role,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    active: r.active,
    visits: r.visits,
    lastVisitOn: r.lastVisitOn,
  });

  async function requireRow(tx: DbOrTx, id: string): Promise<PairingRow> {
    const [row] = await queryRows<PairingRow>(tx, sql`select ${columns(today())} from ${from} where sp.id = ${id} and sp.deleted_at is null`);
    if (!row) throw notFound('pairing');
    return row;
  }

  async function requireCadre(tx: DbOrTx, userId: string, path: string) {
    const [u] = await queryRows<{ id: string; enterpriseId: string | null }>(
      tx,
      sql`select id, enterprise_id as "enterpriseId" from users where id = ${userId} and deleted_at is null and status = 'active'`,
    );
    if (!u) throw validationError([{ path, message: 'unknown or disabled user' }]);
    if (u.enterpriseId) throw validationError([{ path, message: 'an enterprise user is not a cadre' }]);
  }

  async function exists(tx: DbOrTx, cadreUserId: string, enterpriseId: string, startsOn: string, exceptId?: string) {
    const found = await queryRows<{ id: string }>(
      tx,
      sql`select id from service_pairings where cadre_user_id = ${cadreUserId} and enterprise_id = ${enterpriseId} and starts_on = ${startsOn}::date
          and deleted_at is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    );
    return found.length > 0;
  }

  const pairingExists = () =>
    new AppError('PAIRING_EXISTS', 'this cadre is already paired with this enterprise from that day', [
      { path: 'body.startsOn', message: 'a pairing of this cadre and enterprise starting that day exists' },
    ]);

  /** Every row of an assignment sheet checked against the users, the enterprises and the existing pairings. */
  async function plan(buffer: Buffer): Promise<PlannedRow[]> {
    const read = await readSheet(importSpec, buffer, { maxBytes: MAX_IMPORT_BYTES, maxRows: 5000 });
    const parsed = read.rows.map((r) => ({ row: r.rowNumber, v: r.value }));
    const usernames = [...new Set(parsed.map((r) => r.v.username?.trim()).filter((x): x is string => !!x))];
    const keys = [...new Set(parsed.map((r) => r.v.enterprise?.normalize('NFKC').trim()).filter((x): x is string => !!x))];
    const users = new Map(
      (
        await queryRows<{ id: string; username: string; enterpriseId: string | null }>(
          db,
          sql`select id, username, enterprise_id as "enterpriseId" from users
              where username = any(${sql.param(usernames)}::text[]) and deleted_at is null and status = 'active'`,
        )
      ).map((u) => [u.username, u]),
    );
    const enterprises = await queryRows<{ id: string; name: string; uscc: string }>(
      db,
      sql`select id, name, uscc from enterprises where deleted_at is null
          and (uscc = any(${sql.param(keys.map((k) => k.toUpperCase()))}::text[]) or name = any(${sql.param(keys)}::text[]))`,
    );
    const existing = new Set(
      (
        await queryRows<{ key: string }>(
          db,
          sql`select cadre_user_id || '|' || enterprise_id || '|' || starts_on::text as key from service_pairings
              where deleted_at is null and cadre_user_id = any(${sql.param([...users.values()].map((u) => u.id))}::uuid[])`,
        )
      ).map((r) => r.key),
    );
    const firstRow = new Map<string, number>();
    const out: PlannedRow[] = parsed.map(({ row, v }) => {
      const errors: PlannedRow['errors'] = [];
      const fail = (key: keyof SheetRow, message: string) => errors.push({ column: headerOf(key), message });
      const username = v.username?.trim() ?? '';
      const enterpriseKey = v.enterprise?.normalize('NFKC').trim() ?? '';
      const user = users.get(username);
      if (!username) fail('username', '必填');
      else if (!user) fail('username', `账号 ${username} 不存在或已停用`);
      else if (user.enterpriseId) fail('username', `${username} 是企业用户，不能挂企`);
      let enterpriseId: string | undefined;
      if (!enterpriseKey) fail('enterprise', '必填');
      else {
        const byCode = enterprises.filter((e) => e.uscc === enterpriseKey.toUpperCase());
        const byName = enterprises.filter((e) => e.name === enterpriseKey);
        const hits = byCode.length ? byCode : byName;
        if (!hits.length) fail('enterprise', `企业「${enterpriseKey}」不在企业库中`);
        else if (hits.length > 1) fail('enterprise', `名称「${enterpriseKey}」对应多家企业，请填写统一社会信用代码`);
        else enterpriseId = hits[0]!.id;
      }
      const role = roleOf(v.role);
      if (!role) fail('role', `应为「${roleLabels.primary}」或「${roleLabels.liaison}」`);
      const startsOn = dayOf(v.startsOn);
      if (!v.startsOn?.trim()) fail('startsOn', '必填');
      else if (!startsOn) fail('startsOn', '应为日期，如 2026-03-15');
      const endsOn = v.endsOn?.trim() ? dayOf(v.endsOn) : null;
      if (endsOn === undefined) fail('endsOn', '应为日期，如 2026-12-31');
      else if (endsOn && startsOn && endsOn < startsOn) fail('endsOn', '结束日期早于开始日期');
      const result: PlannedRow = {
        row,
        username,
        enterprise: enterpriseKey,
        role: v.role?.trim() ?? '',
        startsOn: startsOn ?? v.startsOn?.trim() ?? '',
        endsOn: endsOn ?? v.endsOn?.trim() ?? null,
        errors,
      };
      if (!errors.length && user && enterpriseId && role && startsOn) {
        const key = `${user.id}|${enterpriseId}|${startsOn}`;
        const first = firstRow.get(key);
        if (first !== undefined) errors.push({ column: '', message: `与第 ${first} 行重复` });
        else {
          firstRow.set(key, row);
          result.value = { cadreUserId: user.id, enterpriseId, role, startsOn, endsOn: endsOn ?? null, exists: existing.has(key) };
        }
      }
      return result;
    });
    // Rows the reader could not take at all (a cell Excel itself broke) are listed with their errors.
    const seen = new Set(out.map((r) => r.row));
    for (const e of read.errors) {
      if (seen.has(e.rowNumber)) continue;
      out.push({
        row: e.rowNumber,
        username: '',
        enterprise: '',
        role: '',
        startsOn: '',
        endsOn: null,
        errors: [{ column: e.column ?? '', message: e.message }],
      });
      seen.add(e.rowNumber);
    }
    return out.sort((a, b) => a.row - b.row);
  }

  return {
    async list(p: Principal, q: z.output<typeof pairingListQuery>) {
      const { list, total } = await rows(p, q, limitOffset(q));
      return toPage(list.map(toPairing), total, q);
    },

    async create(ctx: RequestContext, p: Principal, input: z.infer<typeof pairingCreateSchema>) {
      const id = await db.transaction(async (tx) => {
        await requireCadre(tx, input.cadreUserId, 'body.cadreUserId');
        await requireEnterprise(tx, input.enterpriseId, 'body.enterpriseId');
        if (await exists(tx, input.cadreUserId, input.enterpriseId, input.startsOn)) throw pairingExists();
        const [row] = await queryRows<{ id: string }>(
          tx,
          sql`insert into service_pairings (cadre_user_id, enterprise_id, role, starts_on, ends_on, created_by)
              values (${input.cadreUserId}, ${input.enterpriseId}, ${input.role}, ${input.startsOn}, ${input.endsOn ?? null}, ${p.userId}) returning id`,
        );
        await audit.record(tx, ctx, { action: 'service.pairing.create', entityType: PAIRING_ENTITY, entityId: row!.id, diff: diffOf(null, input) });
        return row!.id;
      });
      return toPairing(await requireRow(db, id));
    },

    async update(ctx: RequestContext, _p: Principal, id: string, input: z.infer<typeof pairingUpdateSchema>) {
      await db.transaction(async (tx) => {
        const before = await requireRow(tx, id);
        const startsOn = input.startsOn ?? before.startsOn;
        const endsOn = input.endsOn === undefined ? before.endsOn : input.endsOn;
        if (endsOn && endsOn < startsOn) throw validationError([{ path: 'body.endsOn', message: 'the pairing ends before it starts' }]);
        if (startsOn !== before.startsOn && (await exists(tx, before.cadreUserId, before.enterpriseId, startsOn, id))) throw pairingExists();
        const role = input.role ?? before.role;
        await tx.execute(
          sql`update service_pairings set role = ${role}, starts_on = ${startsOn}, ends_on = ${endsOn}, updated_at = ${clock.now()} where id = ${id}`,
        );
        await audit.record(tx, ctx, {
          action: 'service.pairing.update',
          entityType: PAIRING_ENTITY,
          entityId: id,
          diff: diffOf({ role: before.role, startsOn: before.startsOn, endsOn: before.endsOn }, { role, startsOn, endsOn }),
        });
      });
      return toPairing(await requireRow(db, id));
    },

    async remove(ctx: RequestContext, _p: Principal, id: string) {
      await db.transaction(async (tx) => {
        const before = await requireRow(tx, id);
        await tx.execute(sql`update service_pairings set deleted_at = ${clock.now()} where id = ${id}`);
        await audit.record(tx, ctx, { action: 'service.pairing.delete', entityType: PAIRING_ENTITY, entityId: id, diff: diffOf(toPairing(before), null) });
      });
    },

    async template() {
      return { filename: '干部挂企名单-导入模板.xlsx', buffer: await writeSheet(importSpec, []) };
    },

    async preview(_p: Principal, buffer: Buffer) {
      const rowsPlanned = await plan(buffer);
      const valid = rowsPlanned.filter((r) => r.value);
      return {
        rows: rowsPlanned.map(({ value: _v, ...r }) => r),
        valid: valid.length,
        invalid: rowsPlanned.length - valid.length,
        unchanged: valid.filter((r) => r.value!.exists).length,
      };
    },

    /** All or nothing: any invalid row refuses the whole file; existing pairings are left alone. One audit record. */
    async importSheet(ctx: RequestContext, p: Principal, buffer: Buffer) {
      const planned = await plan(buffer);
      const bad = planned.filter((r) => !r.value);
      if (!planned.length) throw validationError([{ path: 'body', message: '文件中没有数据行' }]);
      if (bad.length) {
        throw new AppError(
          'VALIDATION_FAILED',
          `导入文件有 ${bad.length} 行错误，未导入任何数据`,
          bad.flatMap((r) => r.errors.map((e) => ({ path: `row${r.row}`, message: e.column ? `${e.column}：${e.message}` : e.message }))).slice(0, 200),
        );
      }
      const fresh = planned.filter((r) => !r.value!.exists).map((r) => r.value!);
      return db.transaction(async (tx) => {
        const created: { id: string; cadreUserId: string; enterpriseId: string; startsOn: string }[] = [];
        for (const v of fresh) {
          // Checked again inside the transaction: a pairing added meanwhile is left alone, not duplicated.
          if (await exists(tx, v.cadreUserId, v.enterpriseId, v.startsOn)) continue;
          const [row] = await queryRows<{ id: string }>(
            tx,
            sql`insert into service_pairings (cadre_user_id, enterprise_id, role, starts_on, ends_on, created_by)
                values (${v.cadreUserId}, ${v.enterpriseId}, ${v.role}, ${v.startsOn}, ${v.endsOn}, ${p.userId}) returning id`,
          );
          created.push({ id: row!.id, cadreUserId: v.cadreUserId, enterpriseId: v.enterpriseId, startsOn: v.startsOn });
        }
        const unchanged = planned.length - created.length;
        await audit.record(tx, ctx, { action: 'service.pairing.import', entityType: PAIRING_ENTITY, diff: { created, unchanged } });
        return { created: created.length, unchanged };
      });
    },

    async exportXlsx(ctx: RequestContext, p: Principal, q: z.output<typeof pairingListQuery>) {
      const { list } = await rows(p, q);
      const data: ExportRow[] = list.map((r) => ({
        username: r.cadreUsername,
        enterprise: r.enterpriseName,
        role: roleLabels[r.role],
        startsOn: r.startsOn,
        endsOn: r.endsOn ?? '',
        cadreName: r.cadreName,
        unitName: r.cadreUnitName,
        active: r.active ? '是' : '否',
        visits: r.visits,
        lastVisitOn: r.lastVisitOn ?? '',
      }));
      await audit.record(null, ctx, { action: 'service.pairing.export', entityType: PAIRING_ENTITY, diff: { rows: data.length } });
      return { filename: `干部挂企名单-${today()}.xlsx`, buffer: await writeSheet(exportSpec, data, { spareRows: 0 }) };
    },
  };
}

export type PairingService = ReturnType<typeof createPairingService>;
