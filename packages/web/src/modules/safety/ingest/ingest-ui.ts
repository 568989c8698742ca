// Pure helpers of the ingest page: how a rejection's sender is named, and the status cards' figures.
import type { ingestRejectionSchema, ingestStatusSchema } from '@zoneops/shared';
import type { Output } from '../../../app/contract.ts';

export type IngestStatus = Output<typeof ingestStatusSchema>;
export type IngestRejection = Output<typeof ingestRejectionSchema>;

/** How often the status is read again (ms). */
export const STATUS_REFRESH_MS = 3_000;

export type SenderLabel =
  | { kind: 'device'; name: string; deviceKind: string | null }
  | { kind: 'token'; hint: string }
  | { kind: 'mn'; mn: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'raw'; text: string };

/** The sender of a rejection: a registered device by its name, otherwise what the sender key says. */
export function senderLabel(r: Pick<IngestRejection, 'senderKey' | 'deviceName' | 'deviceKind'>): SenderLabel {
  if (r.deviceName) return { kind: 'device', name: r.deviceName, deviceKind: r.deviceKind };
  const i = r.senderKey.indexOf(':');
  const prefix = i > 0 ? r.senderKey.slice(0, i) : '';
  const rest = r.senderKey.slice(i + 1);
  if (prefix === 'token') return { kind: 'token', hint: rest };
  if (prefix === 'mn') return { kind: 'mn', mn: rest };
  if (prefix === 'ip') return { kind: 'ip', ip: rest.replace(/^::ffff:/, '') };
  return { kind: 'raw', text: r.senderKey };
}

/** The most frequent rejection reasons first, at most `n`. */
export function topReasons(s: Pick<IngestStatus, 'rejectedByReason'>, n = 5): IngestStatus['rejectedByReason'] {
  return [...s.rejectedByReason].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, n);
}
