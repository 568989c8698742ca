// Registry rows for the ingest tests, written directly (the registry's own service is tested elsewhere): an
// enterprise, devices with tokens (stored as sha256, as the registry stores them), a gateway with its devices, an
// HJ 212 station with factor points. After writing, tests call app.safety.ingest.reload().
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { enterprises, monitoringPoints, safetyDevices } from '../src/db/schema.ts';
import { queryRows, type Db } from '../src/platform/database.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(18).toString('base64url');

export async function buildEnterprise(db: Db, name = `企业${randomUUID().slice(0, 6)}`) {
  const [row] = await db
    .insert(enterprises)
    .values({ name, uscc: `91350600${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}` })
    .returning();
  return row!;
}

export async function buildDevice(
  db: Db,
  o: { enterpriseId: string; kind?: 'device' | 'gateway' | 'station'; name?: string; gatewayId?: string; mn?: string; token?: string | null },
) {
  const token = o.token === undefined ? newToken() : o.token;
  const [row] = await db
    .insert(safetyDevices)
    .values({
      kind: o.kind ?? 'device',
      name: o.name ?? `设备${randomUUID().slice(0, 6)}`,
      enterpriseId: o.enterpriseId,
      gatewayId: o.gatewayId ?? null,
      mn: o.mn ?? null,
      tokenHash: token ? sha256(token) : null,
      tokenHint: token ? token.slice(-4) : null,
      tokenIssuedAt: token ? new Date() : null,
    })
    .returning();
  return { ...row!, token: token ?? '' };
}

export async function buildPoint(db: Db, o: { enterpriseId: string; deviceId: string; tag: string; unit?: string }) {
  const [row] = await db
    .insert(monitoringPoints)
    .values({ enterpriseId: o.enterpriseId, deviceId: o.deviceId, tag: o.tag, name: `点 ${o.tag}`, kind: 'other', unit: o.unit ?? 'm' })
    .returning();
  return row!;
}

/** A small park: a device (tags TT-1, LT-1), a gateway carrying tank-1 and tank-2 (tags PT-1 / PT-2), a station. */
export async function buildRegistry(db: Db, mn = `MN${randomUUID().replace(/-/g, '').slice(0, 12)}`) {
  const enterprise = await buildEnterprise(db);
  const e = enterprise.id;
  const device = await buildDevice(db, { enterpriseId: e, name: '1# 罐区采集器' });
  const tt = await buildPoint(db, { enterpriseId: e, deviceId: device.id, tag: 'TT-1', unit: '℃' });
  const lt = await buildPoint(db, { enterpriseId: e, deviceId: device.id, tag: 'LT-1' });
  const gateway = await buildDevice(db, { enterpriseId: e, kind: 'gateway', name: '罐区网关' });
  const tank1 = await buildDevice(db, { enterpriseId: e, name: 'tank-1', gatewayId: gateway.id, token: null });
  const tank2 = await buildDevice(db, { enterpriseId: e, name: 'tank-2', gatewayId: gateway.id, token: null });
  const pt1 = await buildPoint(db, { enterpriseId: e, deviceId: tank1.id, tag: 'PT-1', unit: 'MPa' });
  const pt2 = await buildPoint(db, { enterpriseId: e, deviceId: tank2.id, tag: 'PT-2', unit: 'MPa' });
  const station = await buildDevice(db, { enterpriseId: e, kind: 'station', name: '园区空气站', mn, token: null });
  const pm25 = await buildPoint(db, { enterpriseId: e, deviceId: station.id, tag: 'a34004', unit: 'μg/m³' });
  const so2 = await buildPoint(db, { enterpriseId: e, deviceId: station.id, tag: 'a21026', unit: 'μg/m³' });
  return { enterprise, device, tt, lt, gateway, tank1, tank2, pt1, pt2, station, pm25, so2, mn };
}
export type Registry = Awaited<ReturnType<typeof buildRegistry>>;

/** Readings of a point as [ms, value] in time order. */
export async function readingsOf(db: Db, pointId: string): Promise<[number, number][]> {
  const rows = await queryRows<{ ms: number; value: number }>(
    db,
    sql`select (extract(epoch from ts) * 1000)::float8 as ms, value from telemetry_readings where point_id = ${pointId} order by ts`,
  );
  return rows.map((r) => [r.ms, r.value]);
}

export async function rejectionCount(db: Db, reason: string, senderKey?: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(count), 0)::int as n from ingest_rejections where reason = ${reason} ${senderKey ? sql`and sender_key = ${senderKey}` : sql``}`,
  );
  return rows[0]!.n;
}
