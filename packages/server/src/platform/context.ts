// What a service needs to know about the call it serves: who, from where, and whether the write was audited.
import type { Principal } from './access/principal.ts';

export interface RequestContext {
  actor: Principal | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  /** Set when a service recorded the write itself (with its diff); otherwise the audit hook records the outcome. */
  audited: boolean;
  /** The record was written inside a transaction, which an error may have rolled back. */
  auditedInTx?: boolean;
}

export function systemContext(requestId = 'system'): RequestContext {
  return { actor: null, ip: null, userAgent: null, requestId, audited: false };
}
