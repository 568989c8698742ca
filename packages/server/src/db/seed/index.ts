// Seeds: the base (built-in roles, dictionaries, calendar, policy) on every start, idempotently; the demo zone once.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { defaultCheckpointTemplate, defaultMilestoneTemplate, defaultPasswordPolicy } from '@zoneops/shared';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import {
  calendarDays,
  checkpointTemplates,
  milestoneTemplates,
  dictItems,
  dictTypes,
  enterprises,
  geoFeatures,
  roles,
  settings,
  units,
  userRoles,
  users,
} from '../schema.ts';
import { seedCalendar } from './calendar.ts';
import { buildDemoZone } from './demo-data.ts';
import { seedDictionaries } from './dictionaries.ts';
import { seedEconomyCatalogue } from './economy-catalogue.ts';
import { builtinRoles } from './roles.ts';

const DEMO_MARK = 'demo.seeded';

const SEEDED_PERMISSIONS = 'seed.rolePermissions';

export async function seedBase(db: DbOrTx): Promise<void> {
  // Built-in roles are created once; permissions that a later release adds to a built-in role are granted once,
  // so that an administrator's later removal of one sticks (the record of what was granted is in settings).
  const [seededRow] = await db.select().from(settings).where(eq(settings.key, SEEDED_PERMISSIONS));
  const seeded = (seededRow?.value ?? null) as Record<string, string[]> | null;
  for (const r of builtinRoles) {
    const created = await db
      .insert(roles)
      .values({ code: r.code, name: r.name, nameEn: r.nameEn, builtin: true, permissions: r.permissions, dataScope: r.dataScope })
      .onConflictDoNothing({ target: roles.code })
      .returning({ id: roles.id });
    if (created.length) continue;
    // Installs from before this record existed had the foundation's permissions: everything but the ledger's.
    const before = seeded?.[r.code] ?? r.permissions.filter((p) => !p.startsWith('ledger.') && p !== 'meetings.manage');
    const added = r.permissions.filter((p) => !before.includes(p));
    if (added.length) {
      await db
        .update(roles)
        .set({ permissions: sql`array(select distinct unnest(${roles.permissions} || ${sql.param(added)}::text[]) order by 1)` })
        .where(eq(roles.code, r.code));
    }
  }
  const granted = Object.fromEntries(builtinRoles.map((r) => [r.code, r.permissions]));
  await db
    .insert(settings)
    .values({ key: SEEDED_PERMISSIONS, value: granted })
    .onConflictDoUpdate({ target: settings.key, set: { value: granted } });
  await db.insert(checkpointTemplates).values(defaultCheckpointTemplate).onConflictDoNothing({ target: checkpointTemplates.code });
  await db.insert(milestoneTemplates).values(defaultMilestoneTemplate).onConflictDoNothing({ target: milestoneTemplates.code });
  for (const d of seedDictionaries) {
    await db.insert(dictTypes).values({ code: d.code, name: d.name, nameEn: d.nameEn }).onConflictDoNothing();
    await db
      .insert(dictItems)
      .values(d.items.map((it, i) => ({ typeCode: d.code, code: it.code, label: it.label, labelEn: it.labelEn, parentCode: it.parentCode ?? null, sort: i })))
      .onConflictDoNothing();
  }
  await db.insert(calendarDays).values(seedCalendar).onConflictDoNothing();
  await db.insert(settings).values({ key: 'security.policy', value: defaultPasswordPolicy }).onConflictDoNothing();
  await seedEconomyCatalogue(db);
}

export async function isDemoSeeded(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select().from(settings).where(eq(settings.key, DEMO_MARK));
  return !!row;
}

export interface DemoSeedResult {
  logins: { username: string; roles: string[]; displayName: string }[];
}

/** Loads the demo zone (units, ~60 users, ~200 enterprises, map layers). Every demo user must change `password` at first sign-in. */
export async function seedDemo(db: Db, password: string): Promise<DemoSeedResult> {
  const zone = buildDemoZone();
  const unitIds = new Map<string, { id: string; path: string }>();
  const pending = [...zone.units];
  // Parents before children, whatever the order of the list.
  while (pending.length) {
    const i = pending.findIndex((u) => !u.parentKey || unitIds.has(u.parentKey));
    if (i < 0) throw new Error('demo units contain a cycle or a missing parent');
    const u = pending.splice(i, 1)[0]!;
    const id = randomUUID();
    const parent = u.parentKey ? unitIds.get(u.parentKey)! : undefined;
    unitIds.set(u.key, { id, path: `${parent?.path ?? '/'}${id}/` });
  }
  const roleRows = await db.select({ id: roles.id, code: roles.code }).from(roles);
  const roleId = new Map(roleRows.map((r) => [r.code, r.id]));
  const hashes = await Promise.all(zone.users.map(() => hashPassword(password)));

  await db.transaction(async (tx) => {
    await tx.insert(units).values(
      zone.units.map((u) => ({
        id: unitIds.get(u.key)!.id,
        parentId: u.parentKey ? unitIds.get(u.parentKey)!.id : null,
        name: u.name,
        nameEn: u.nameEn,
        kind: u.kind,
        code: u.code,
        sort: u.sort,
        path: unitIds.get(u.key)!.path,
      })),
    );
    const enterpriseIds = zone.enterprises.map(() => randomUUID());
    for (let i = 0; i < zone.enterprises.length; i += 100) {
      await tx.insert(enterprises).values(
        zone.enterprises.slice(i, i + 100).map((e, j) => {
          const { streetKey, ...rest } = e;
          return { ...rest, id: enterpriseIds[i + j]!, streetId: unitIds.get(streetKey)?.id ?? null };
        }),
      );
    }
    const userIds = zone.users.map(() => randomUUID());
    await tx.insert(users).values(
      zone.users.map((u, i) => ({
        id: userIds[i]!,
        username: u.username,
        displayName: u.displayName,
        unitId: unitIds.get(u.unitKey)!.id,
        position: u.position,
        phone: u.phone,
        email: u.email,
        enterpriseId: u.enterpriseIndex === undefined ? null : enterpriseIds[u.enterpriseIndex]!,
        passwordHash: hashes[i]!,
        mustChangePassword: true,
      })),
    );
    await tx.insert(userRoles).values(zone.users.flatMap((u, i) => u.roles.map((code) => ({ userId: userIds[i]!, roleId: roleId.get(code)! }))));
    await tx.insert(geoFeatures).values(zone.geo.map((g) => ({ kind: g.kind, name: g.name, geometry: g.geometry, properties: g.properties })));
    await tx.insert(dictTypes).values({ code: 'position', name: '职务', nameEn: 'Position' }).onConflictDoNothing();
    await tx
      .insert(dictItems)
      .values(zone.positions.map((p, i) => ({ typeCode: 'position', code: `p${String(i + 1).padStart(2, '0')}`, label: p, sort: i })))
      .onConflictDoNothing();
    await tx
      .insert(settings)
      .values({ key: DEMO_MARK, value: { zone: zone.zoneName } })
      .onConflictDoNothing();
  });
  return {
    logins: zone.users.filter((u) => u.fixed).map((u) => ({ username: u.username, roles: u.roles, displayName: u.displayName })),
  };
}
