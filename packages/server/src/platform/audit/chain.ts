// The audit trail's hash chain: each record carries the hash of the previous one, so an altered,
// inserted or removed record breaks the chain at a point that verification can name.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ChainedFields {
  at: Date;
  userId: string | null;
  username: string | null;
  unitId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  diff: unknown;
  ip: string | null;
  requestId: string | null;
  result: string;
  resultCode: string | null;
}

export function recordHash(prevHash: string, f: ChainedFields): string {
  const payload = canonicalJson([
    prevHash,
    f.at.toISOString(),
    f.userId,
    f.username,
    f.unitId,
    f.action,
    f.entityType,
    f.entityId,
    f.diff ?? null,
    f.ip,
    f.requestId,
    f.result,
    f.resultCode,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'totpSecret', 'secret', 'tokenHash', 'csrfToken', 'currentPassword', 'newPassword']);

function scrub(v: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  if (!v) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (SECRET_KEYS.has(k)) out[k] = '[redacted]';
    else out[k] = val instanceof Date ? val.toISOString() : val;
  }
  return out;
}

/** The before/after difference of a write: changed fields only, secrets redacted (but a changed secret is shown as changed). */
export function diffOf(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined) {
  const b = scrub(before);
  const a = scrub(after);
  if (!before || !after || !b || !a) return { before: b ?? null, after: a ?? null };
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (k === 'updatedAt') continue;
    if (canonicalJson(before[k]) !== canonicalJson(after[k])) changed[k] = { from: b[k] ?? null, to: a[k] ?? null };
  }
  return { changed };
}
