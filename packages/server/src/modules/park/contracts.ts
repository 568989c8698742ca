// The seams between the parts of closed-park management (issue 8):
// - position adapters (src/positions: JT/T 808 TCP, OsmAnd HTTP) normalise every report into a PositionReport, the
//   position pipeline stores it durably (vehicle_positions) and only then acknowledges it to the terminal, then hands
//   the stored positions to the PositionSink (the rule engine and the live hub);
// - the gate processor (modules/park/gate-*) turns spooled gate events into passes and visits and raises `gate` alarms;
// - the rule engine evaluates positions against geofences and appointments and raises position alarms;
// - both raise and clear alarms through ParkAlarms (implemented in modules/safety/park-alarms.ts over the shared
//   safety_alarms table, so vehicle and gate alarms have the same lifecycle, escalation and live push as sensor alarms).
import type { GateFindingCode, PositionProtocol, PositionRule } from '@zoneops/shared';
import type { DbOrTx } from '../../platform/database.ts';

/** One position as every adapter reports it (WGS-84, UTC). */
export interface PositionReport {
  protocol: PositionProtocol;
  /** The terminal's identifier: JT/T 808 phone number (leading zeros stripped) or OsmAnd device id. */
  identifier: string;
  /** Device time, ms since epoch (UTC). */
  ts: number;
  lat: number;
  lon: number;
  speedKmh: number | null;
  course: number | null;
  altitudeM: number | null;
  accuracyM: number | null;
  /** JT/T 808 alarm flags and status bits (0 otherwise). */
  alarmFlags: number;
  status: number;
}

/** A position once durable, with the terminal and vehicle it belongs to. */
export interface StoredPosition extends PositionReport {
  terminalId: string;
  vehicleId: string | null;
  receivedAt: number;
  /** Flags set by the platform's plausibility checks (e.g. 'jump'). */
  flags: readonly string[];
}

/** Where durable positions go (the rule engine, the live hub). Called in commit order. */
export interface PositionSink {
  onPositions(positions: readonly StoredPosition[]): Promise<void> | void;
}

/** The key of an open closed-park alarm: one open alarm per plate and rule. */
export interface ParkAlarmKey {
  plate: string;
  rule: 'gate' | PositionRule;
}

export interface ParkAlarmRaise extends ParkAlarmKey {
  level: 'red' | 'orange' | 'yellow' | 'blue';
  at: Date;
  vehicleId: string | null;
  /** Destination enterprise of the appointment, if any (its users see and are told about the alarm). */
  enterpriseId: string | null;
  checkpointId?: string | null;
  geofenceId?: string | null;
  appointmentId?: string | null;
  lat?: number | null;
  lon?: number | null;
  /** The measured value (speed km/h, minutes stopped, minutes past the window, …) and its limit. */
  value?: number | null;
  threshold?: number | null;
  /** Gate alarms: the failed checks. */
  findings?: readonly { code: GateFindingCode; message: string }[];
}

/**
 * Raising and clearing closed-park alarms. A raise while an alarm of the same plate and rule is open updates it
 * (occurrences + 1, level and peak), as the alarm engine does for sensors; a clear notes cleared_at (closing stays a
 * person's act). Both write alarm events and pg_notify in the caller's transaction when one is given.
 */
export interface ParkAlarms {
  raise(r: ParkAlarmRaise, tx?: DbOrTx): Promise<{ alarmId: string; created: boolean }>;
  clear(key: ParkAlarmKey, at: Date, tx?: DbOrTx): Promise<boolean>;
  /** Open (not closed) alarm keys with whether they are cleared, to rebuild rule state after a restart. */
  openKeys(): Promise<{ plate: string; rule: string; cleared: boolean }[]>;
}
