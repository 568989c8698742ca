// Pure helpers of the registry pages: colours of levels and device states, the range and thresholds of a point as
// one line, the point rule's problems per form field (the same rule the server applies), the field a conflict
// answer names, a device's label behind its gateway, and the import preview's errors per row.
import { pointRuleProblems, type DeviceKind, type DeviceStatus, type ImportError, type PointRuleProblem, type PointRuleValues } from '@zoneops/shared';
import { isApiError } from '../../../app/api.ts';
import { formatNumber } from '../../../app/format.ts';

/** 一级 (most severe) red … 四级 blue. */
export const levelColours: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };
/** antd Badge statuses of the device states. */
export const statusBadges: Record<DeviceStatus, 'success' | 'error' | 'default' | 'warning'> = {
  online: 'success',
  offline: 'error',
  never: 'default',
  revoked: 'warning',
};
export const deviceKindColours: Record<DeviceKind, string> = { device: 'blue', gateway: 'purple', station: 'cyan' };

const num = (v: number | null | undefined) => formatNumber(v, 4);

/** "0 – 20 m", or an em dash when neither end is set. */
export function rangeText(p: { rangeLow: number | null; rangeHigh: number | null; unit: string }): string {
  if (p.rangeLow === null && p.rangeHigh === null) return '—';
  return `${p.rangeLow === null ? '' : num(p.rangeLow)} – ${p.rangeHigh === null ? '' : num(p.rangeHigh)} ${p.unit}`.trim();
}

/** "LL 1 · L 2 · H 16 · HH 18" (only those set), or an em dash. */
export function thresholdText(p: { ll: number | null; l: number | null; h: number | null; hh: number | null }): string {
  const parts = (
    [
      ['LL', p.ll],
      ['L', p.l],
      ['H', p.h],
      ['HH', p.hh],
    ] as const
  )
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${num(v)}`);
  return parts.length ? parts.join(' · ') : '—';
}

/** A form's number value: what InputNumber gives (null or undefined when empty). */
const val = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The point rule's problems of the form's values, by the field they belong to. */
export function pointFieldProblems(values: Partial<Record<keyof PointRuleValues, unknown>>): Map<string, PointRuleProblem> {
  const v: PointRuleValues = {
    rangeLow: val(values.rangeLow),
    rangeHigh: val(values.rangeHigh),
    ll: val(values.ll),
    l: val(values.l),
    h: val(values.h),
    hh: val(values.hh),
  };
  const out = new Map<string, PointRuleProblem>();
  for (const p of pointRuleProblems(v)) if (!out.has(p.field)) out.set(p.field, p);
  return out;
}

/** The form field a conflict answer names ({details: [{path: 'body.code'}]} → 'code'), or null. */
export function conflictField(err: unknown): string | null {
  if (!isApiError(err, 'CONFLICT') || !Array.isArray(err.details)) return null;
  const first = err.details[0] as { path?: unknown } | undefined;
  return typeof first?.path === 'string' && first.path.startsWith('body.') ? first.path.slice(5) : null;
}

/** A device as the gateway payload and the import name it: gateway/device behind a gateway. */
export const deviceLabel = (d: { name: string | null; gatewayName: string | null }) => (d.gatewayName ? `${d.gatewayName}/${d.name ?? ''}` : (d.name ?? ''));

/** The preview's errors grouped by row. */
export function errorsByRow(errors: readonly ImportError[]): Map<number, ImportError[]> {
  const out = new Map<number, ImportError[]>();
  for (const e of errors) out.set(e.rowNumber, [...(out.get(e.rowNumber) ?? []), e]);
  return out;
}

/** Whether a device holds a token of its own (rotation and revocation apply). */
export const holdsToken = (d: { kind: DeviceKind; gatewayId: string | null }) => d.kind !== 'station' && d.gatewayId === null;
