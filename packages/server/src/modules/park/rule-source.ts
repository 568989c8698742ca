// What the rule engine reads (issue 8): the active geofences, the vehicles with their plates, the approved
// appointments not yet over (and those of open visits), the open vehicle visits, the vehicles with a bound terminal
// and the rule settings — all at once, on start and on every closed-park change; the last stored position of a few
// vehicles for the position-lost rule. A seam so the engine can be driven without a database in unit tests.
import { defaultParkRuleSettings, parkRuleSettingsSchema, type ParkRuleSettings } from '@zoneops/shared';
import type { Deps } from '../../platform/deps.ts';
import { settingStore } from '../../platform/setting-store.ts';
import { geofenceRepository as repo, type GeofenceRow } from './geofence.repository.ts';
import { RULE_SETTINGS_KEY } from './geofence.service.ts';

export interface RuleData {
  settings: ParkRuleSettings;
  geofences: Pick<GeofenceRow, 'id' | 'kind' | 'geometry' | 'widthM' | 'speedLimitKmh'>[];
  vehicles: { id: string; plate: string; enterpriseId: string | null }[];
  appointments: { id: string; vehicleId: string; enterpriseId: string; routeId: string | null; status: string; windowStart: Date; windowEnd: Date }[];
  visits: { id: string; vehicleId: string | null; plate: string | null; appointmentId: string | null; enteredAt: Date }[];
  /** Vehicles with a terminal bound (not revoked). */
  bound: string[];
}

export interface RuleSource {
  load(now: Date): Promise<RuleData>;
  lastPositions(vehicleIds: readonly string[]): Promise<Map<string, number>>;
}

/** Appointments whose window ended more than this long ago are not loaded (an open visit's always is). */
const APPOINTMENT_HORIZON_MS = 86_400_000;

export function createRuleSource(deps: Deps): RuleSource {
  const { db } = deps;
  const settings = settingStore(deps, RULE_SETTINGS_KEY, parkRuleSettingsSchema, defaultParkRuleSettings, 'park.manage');
  return {
    async load(now) {
      const [s, geofences, vehicles, appointments, visits, bound] = await Promise.all([
        settings.get(),
        repo.activeGeofences(db),
        repo.vehicles(db),
        repo.appointments(db, new Date(now.getTime() - APPOINTMENT_HORIZON_MS)),
        repo.openVisits(db),
        repo.boundVehicles(db),
      ]);
      return { settings: s, geofences, vehicles, appointments, visits, bound };
    },
    lastPositions: (ids) => repo.lastPositions(db, ids),
  };
}
