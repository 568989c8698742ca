// The seams between the parts of safety monitoring: the ingest path (src/ingest) resolves senders and points through
// a directory, stores readings, then hands the durable readings to the alarm engine; the alarm engine writes alarms
// and announces them (SafetyEvents); the live hub pushes them to browsers.
import type { PointThresholds } from '@zoneops/shared';
import type { DeviceKind } from '@zoneops/shared';

/** A monitoring point as the ingest path and the alarm engine need it (loaded once, reloaded on registry events). */
export interface PointDef {
  id: string;
  enterpriseId: string;
  majorHazardId: string | null;
  deviceId: string | null;
  tag: string;
  name: string;
  unit: string;
  thresholds: PointThresholds;
  deadband: number;
  minDurationMs: number;
  rateLimitPerMin: number | null;
  expectedIntervalMs: number;
  staleAfterIntervals: number;
  enabled: boolean;
}

/** A sender: a device with its own token, a gateway, or an HJ 212 station. */
export interface DeviceDef {
  id: string;
  kind: DeviceKind;
  name: string;
  enterpriseId: string;
  gatewayId: string | null;
  mn: string | null;
  revoked: boolean;
  expectedIntervalMs: number;
}

/** A reading that is durable (written and committed), with its point. */
export interface StoredReading {
  point: PointDef;
  ts: number;
  value: number;
}

/** Where durable readings go next (the alarm engine). Called in commit order; readings of one point in ts order. */
export interface ReadingSink {
  onReadings(readings: readonly StoredReading[]): Promise<void>;
  /** A device (or gateway, or station) was heard from at this time (offline alarms clear). */
  onDeviceSeen(deviceId: string, at: number): void;
}

/** The newest value per point, kept in memory by the ingest path (the live feed and the map read it). */
export interface LatestValues {
  get(pointId: string): { ts: number; value: number } | undefined;
}
