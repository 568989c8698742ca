// Geofences (电子围栏, issue 8): the park boundary, restricted areas, designated hazmat routes (a corridor of width_m
// around a line), hazmat parking lots and speed zones, and the settings of the rules on positions. Every write is
// checked (geometry and the fields of its kind: GEOFENCE_INVALID with the path of the bad part), audited in its
// transaction and announced with {kind:'park', what:'geofences'} so every instance's rule engine reloads.
import {
  bboxOf,
  defaultParkRuleSettings,
  geofenceIssues,
  parkRuleSettingsSchema,
  parseSort,
  type Geofence,
  type GeofenceGeometry,
  type GeofenceListQuery,
  type ParkRuleSettings,
  type geofenceCreateSchema,
  type geofenceUpdateSchema,
} from '@zoneops/shared';
import type { z } from 'zod';
import type { Principal } from '../../platform/access/principal.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { limitOffset, toPage } from '../../platform/lists.ts';
import { settingStore } from '../../platform/setting-store.ts';
import { exportListSheet, type SheetColumn } from '../../platform/sheets.ts';
import type { SafetyEvents } from '../safety/safety-events.ts';
import { geofenceRepository as repo, type GeofenceRow } from './geofence.repository.ts';

export const GEOFENCE_ENTITY = 'geofence';
export const RULE_SETTINGS_KEY = 'park.rules';

const kindLabels: Record<string, string> = {
  boundary: '园区边界',
  restricted: '禁入区域',
  route: '危化品专用路线',
  parking: '危化品停车场',
  speedZone: '限速区域',
};

interface ExportRow {
  name: string;
  kind: string;
  geometryType: string;
  positions: number;
  widthM: number | null;
  speedLimitKmh: number | null;
  capacity: number | null;
  active: string;
  geometry: string;
}
const exportColumns: SheetColumn<ExportRow>[] = [
  { key: 'name', header: '名称', headerEn: 'Name', kind: 'text', width: 24 },
  { key: 'kind', header: '类型', headerEn: 'Kind', kind: 'text', width: 14 },
  { key: 'geometryType', header: '图形', headerEn: 'Geometry type', kind: 'text', width: 12 },
  { key: 'positions', header: '顶点数', headerEn: 'Positions', kind: 'integer', width: 8 },
  { key: 'widthM', header: '通道宽度(米)', headerEn: 'Width (m)', kind: 'integer', width: 12 },
  { key: 'speedLimitKmh', header: '限速(km/h)', headerEn: 'Speed limit (km/h)', kind: 'integer', width: 12 },
  { key: 'capacity', header: '车位数', headerEn: 'Capacity', kind: 'integer', width: 8 },
  { key: 'active', header: '启用', headerEn: 'Active', kind: 'text', width: 8 },
  { key: 'geometry', header: 'GeoJSON', headerEn: 'GeoJSON', kind: 'text', width: 60 },
];

function toGeofence(r: GeofenceRow): Geofence {
  const geometry = r.geometry as GeofenceGeometry;
  return {
    id: r.id,
    kind: r.kind as Geofence['kind'],
    name: r.name,
    geometry,
    widthM: r.widthM,
    speedLimitKmh: r.speedLimitKmh,
    capacity: r.capacity,
    active: r.active,
    bbox: bboxOf(geometry),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const positionsOf = (g: GeofenceGeometry) => (g.type === 'LineString' ? g.coordinates.length : g.coordinates.reduce((n, r) => n + r.length, 0));

function check(v: Parameters<typeof geofenceIssues>[0]): void {
  const issues = geofenceIssues(v).map((i) => ({ path: `body.${i.path}`, message: i.message }));
  if (issues.length) throw new AppError('GEOFENCE_INVALID', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

const requireManager = (p: Principal) => {
  if (!p.permissions.has('park.manage')) throw forbidden('geofences are managed with park.manage');
};

/** Positions kept as numbers [lon, lat] (an altitude, if given, is dropped). */
function cleanGeometry(g: { type: 'Polygon' | 'LineString'; coordinates: unknown[] }): GeofenceGeometry {
  const pos = (p: unknown) => [(p as number[])[0]!, (p as number[])[1]!] as [number, number];
  return g.type === 'LineString'
    ? { type: 'LineString', coordinates: g.coordinates.map(pos) }
    : { type: 'Polygon', coordinates: g.coordinates.map((r) => (r as unknown[]).map(pos)) };
}

export function createGeofenceService(deps: Deps, events: SafetyEvents) {
  const { db, audit, clock } = deps;
  const settings = settingStore(deps, RULE_SETTINGS_KEY, parkRuleSettingsSchema, defaultParkRuleSettings, 'park.manage');

  async function listRows(q: GeofenceListQuery, paged: boolean) {
    const { limit, offset } = paged ? limitOffset(q) : { limit: 50_000, offset: 0 };
    return repo.page(db, { kind: q.kind, active: q.active, q: q.q, sort: parseSort(q.sort, 'kind'), limit, offset });
  }

  return {
    settings,

    async list(_p: Principal, q: GeofenceListQuery) {
      const { rows, total } = await listRows(q, true);
      return toPage(rows.map(toGeofence), total, q);
    },

    async get(_p: Principal, id: string): Promise<Geofence> {
      const row = await repo.find(db, id);
      if (!row) throw notFound('geofence');
      return toGeofence(row);
    },

    async create(ctx: RequestContext, p: Principal, input: z.output<typeof geofenceCreateSchema>): Promise<Geofence> {
      requireManager(p);
      check(input);
      const values = {
        kind: input.kind,
        name: input.name,
        geometry: cleanGeometry(input.geometry),
        widthM: input.widthM ?? null,
        speedLimitKmh: input.speedLimitKmh ?? null,
        capacity: input.capacity ?? null,
        active: input.active,
      };
      const row = await db.transaction(async (tx) => {
        const row = await repo.insert(tx, { ...values, now: clock.now() });
        await audit.record(tx, ctx, { action: 'park.geofence.create', entityType: GEOFENCE_ENTITY, entityId: row.id, diff: { before: null, after: values } });
        await events.notify(tx, { kind: 'park', what: 'geofences' });
        return row;
      });
      return toGeofence(row);
    },

    async update(ctx: RequestContext, p: Principal, id: string, input: z.output<typeof geofenceUpdateSchema>): Promise<Geofence> {
      requireManager(p);
      const row = await db.transaction(async (tx) => {
        const old = await repo.find(tx, id);
        if (!old) throw notFound('geofence');
        const fields = {
          widthM: input.widthM === undefined ? old.widthM : input.widthM,
          speedLimitKmh: input.speedLimitKmh === undefined ? old.speedLimitKmh : input.speedLimitKmh,
          capacity: input.capacity === undefined ? old.capacity : input.capacity,
        };
        check({ kind: old.kind as Geofence['kind'], ...fields, geometry: input.geometry ?? old.geometry });
        const merged = {
          name: input.name ?? old.name,
          geometry: input.geometry ? cleanGeometry(input.geometry) : (old.geometry as GeofenceGeometry),
          ...fields,
          active: input.active ?? old.active,
        };
        const row = await repo.update(tx, id, { ...merged, now: clock.now() });
        const before = {
          name: old.name,
          geometry: old.geometry,
          widthM: old.widthM,
          speedLimitKmh: old.speedLimitKmh,
          capacity: old.capacity,
          active: old.active,
        };
        await audit.record(tx, ctx, { action: 'park.geofence.update', entityType: GEOFENCE_ENTITY, entityId: id, diff: { before, after: merged } });
        await events.notify(tx, { kind: 'park', what: 'geofences' });
        return row;
      });
      return toGeofence(row);
    },

    /** Soft delete; a route still named by an appointment not yet over is refused (APPOINTMENT_STATE). */
    async remove(ctx: RequestContext, p: Principal, id: string): Promise<void> {
      requireManager(p);
      await db.transaction(async (tx) => {
        const old = await repo.find(tx, id);
        if (!old) throw notFound('geofence');
        const now = clock.now();
        if (old.kind === 'route' && (await repo.appointmentsOnRoute(tx, id, now)) > 0)
          throw new AppError('APPOINTMENT_STATE', 'appointments not yet over use this route: deactivate it or change their route first');
        await repo.remove(tx, id, now);
        await audit.record(tx, ctx, {
          action: 'park.geofence.delete',
          entityType: GEOFENCE_ENTITY,
          entityId: id,
          diff: { before: { kind: old.kind, name: old.name } },
        });
        await events.notify(tx, { kind: 'park', what: 'geofences' });
      });
    },

    async exportXlsx(ctx: RequestContext, _p: Principal, q: GeofenceListQuery) {
      const { rows } = await listRows(q, false);
      const data: ExportRow[] = rows.map((r) => {
        const g = r.geometry as GeofenceGeometry;
        return {
          name: r.name,
          kind: kindLabels[r.kind] ?? r.kind,
          geometryType: g.type,
          positions: positionsOf(g),
          widthM: r.widthM,
          speedLimitKmh: r.speedLimitKmh,
          capacity: r.capacity,
          active: r.active ? '是' : '否',
          geometry: JSON.stringify(g),
        };
      });
      const day = clock.now().toISOString().slice(0, 10);
      return exportListSheet(audit, ctx, { id: 'park-geofences', title: '电子围栏', columns: exportColumns, naturalKey: (r) => `${r.kind}:${r.name}` }, data, {
        action: 'park.geofence.export',
        entityType: GEOFENCE_ENTITY,
        query: q,
        filename: `电子围栏-${day}.xlsx`,
      });
    },

    getSettings: (): Promise<ParkRuleSettings> => settings.get(),

    async saveSettings(ctx: RequestContext, p: Principal, value: ParkRuleSettings): Promise<ParkRuleSettings> {
      const saved = await settings.save(ctx, p, value);
      // the rule engines reload their settings with the geofences
      await events.notify(db, { kind: 'park', what: 'geofences' });
      return saved;
    },
  };
}

export type GeofenceService = ReturnType<typeof createGeofenceService>;
