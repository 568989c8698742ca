// The diff of an audit entry: {before, after} when the server recorded both sides, anything else shown as is.

export interface DiffSides {
  before?: unknown;
  after?: unknown;
  /** other keys recorded beside before/after, or the whole value when it has neither */
  rest?: unknown;
}

export function splitDiff(diff: unknown): DiffSides | null {
  if (diff === null || diff === undefined) return null;
  if (typeof diff !== 'object' || Array.isArray(diff)) return { rest: diff };
  const { before, after, ...rest } = diff as Record<string, unknown>;
  if (before === undefined && after === undefined) return Object.keys(rest).length ? { rest } : null;
  return { before, after, rest: Object.keys(rest).length ? rest : undefined };
}

/** Keys whose value differs between before and after (top level), for highlighting. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

export function prettyJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}
