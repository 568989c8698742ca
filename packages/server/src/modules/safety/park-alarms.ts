// Closed-park alarms (issue 8) over the shared safety_alarms table: see ParkAlarms in modules/park/contracts.ts.
// One open alarm per plate and rule (the unique open-alarm index, with null point and device). A raise while one is
// open updates it: occurrences + 1, the level in place (a levelChanged event), the peak the largest value, and a
// cleared alarm holds again (a returned event). A clear notes cleared_at (a cleared event); closing stays a person's
// act through the alarm lifecycle (alarm.service.ts), so gate and vehicle alarms are acknowledged, handled, closed,
// escalated and pushed live like sensor alarms. Each change writes its alarm event and its pg_notify in the caller's
// transaction when one is given (so the alarm commits with the pass that caused it), else on its own.
//
// One round trip in the usual cases: a new alarm (insert, raised event, notice) and a clear (update, cleared event,
// notice) are one statement each, atomic by themselves (alarm.repository.ts). Race safety: the insert yields to an
// open alarm on the unique index (on conflict do nothing); then, in a transaction, the open alarm is locked
// (select … for update) and updated, with its event and notice.
import type { SafetyAlarmEventKind } from '@zoneops/shared';
import type { DbOrTx } from '../../platform/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { ParkAlarmKey, ParkAlarmRaise, ParkAlarms } from '../park/contracts.ts';
import { alarmRepository as repo, type ParkRaiseRow } from './alarm.repository.ts';

/** Attempts at insert-or-update before giving up (each lost race means another transaction committed the alarm). */
const ATTEMPTS = 3;

export function createParkAlarms(deps: Deps): ParkAlarms {
  const { db, clock } = deps;

  /** Runs in the caller's transaction when given, else in a transaction of its own. */
  const inTx = <T>(tx: DbOrTx | undefined, work: (tx: DbOrTx) => Promise<T>): Promise<T> => (tx ? work(tx) : db.transaction(work));

  return {
    async raise(r: ParkAlarmRaise, tx?: DbOrTx) {
      const row: ParkRaiseRow = {
        plate: r.plate,
        rule: r.rule,
        level: r.level,
        at: r.at,
        vehicleId: r.vehicleId,
        enterpriseId: r.enterpriseId,
        checkpointId: r.checkpointId ?? null,
        geofenceId: r.geofenceId ?? null,
        appointmentId: r.appointmentId ?? null,
        lat: r.lat ?? null,
        lon: r.lon ?? null,
        value: r.value ?? null,
        threshold: r.threshold ?? null,
        detail: r.findings?.length ? { findings: r.findings.map((f) => ({ code: f.code, message: f.message })) } : null,
      };
      // the findings read in the timeline too (the raised or returned event's note)
      const note = r.findings?.length ? r.findings.map((f) => f.message).join('；') : null;
      const now = clock.now();
      // Mostly a new alarm: one statement (the unique open-alarm index refuses it when one is open).
      const id = await repo.insertPark(tx ?? db, row, now, note);
      if (id) return { alarmId: id, created: true };
      return inTx(tx, async (t) => {
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const open = await repo.lockOpenPark(t, r.plate, r.rule);
          if (open) {
            await repo.updatePark(t, open.id, row, now);
            const kind: SafetyAlarmEventKind | null = open.cleared ? 'returned' : open.level !== r.level ? 'levelChanged' : null;
            const event = kind ? { alarmId: open.id, at: r.at, kind, level: r.level, value: row.value, note } : null;
            await repo.announce(t, open.id, kind ?? 'occurred', event);
            return { alarmId: open.id, created: false };
          }
          // the open alarm was closed meanwhile: a new one
          const again = await repo.insertPark(t, row, now, note);
          if (again) return { alarmId: again, created: true };
        }
        throw new Error(`park alarm ${r.plate}/${r.rule}: the open alarm kept changing`);
      });
    },

    async clear(key: ParkAlarmKey, at: Date, tx?: DbOrTx) {
      return repo.clearPark(tx ?? db, key.plate, key.rule, at, clock.now());
    },

    openKeys: () => repo.openParkKeys(db),
  };
}
