// The contract between the assessment service and the automatic metrics (assessment-metrics.repository.ts): for one
// metric, the value of every participant as of the period's end, with the records it was computed from.
import type { MetricKey, ScoreInputs } from '@zoneops/shared';
import type { DbOrTx } from '../../platform/database.ts';

export interface MetricParticipant {
  participantId: string;
  /** A unit participant counts the records of its unit and of the units under it. */
  unitId: string | null;
  projectId: string | null;
}

export interface MetricPeriod {
  /** First and last calendar day (Asia/Shanghai) of the period. */
  start: string;
  end: string;
}

export interface MetricValue {
  /** null: no data (nothing was due, no plan). */
  value: number | null;
  inputs: ScoreInputs;
}

export interface MetricOptions {
  /** Minutes within which an alarm must be acknowledged (the escalation's first limit). */
  alarmAckMinutes: number;
}

export type ComputeMetric = (
  db: DbOrTx,
  metric: MetricKey,
  participants: readonly MetricParticipant[],
  period: MetricPeriod,
  opts: MetricOptions,
) => Promise<Map<string, MetricValue>>;
