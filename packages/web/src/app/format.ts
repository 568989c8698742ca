// Times are stored as UTC instants and always shown in the zone's own time (Asia/Shanghai), whatever the browser's.
export const ZONE_TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateTimeFormat.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-03-01 08:30:00" in Asia/Shanghai; an em dash for an empty or unreadable value. */
export function formatDateTime(value: string | number | Date | null | undefined, withSeconds = true): string {
  const d = toDate(value);
  if (!d) return '—';
  const p = parts(d);
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** The calendar date in Asia/Shanghai of an instant, as YYYY-MM-DD. */
export function formatDate(value: string | number | Date | null | undefined): string {
  const d = toDate(value);
  if (!d) return '—';
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The first instant of a Shanghai calendar day (YYYY-MM-DD) as a UTC ISO string. */
export function shanghaiDayStartIso(date: string): string {
  return new Date(`${date}T00:00:00.000+08:00`).toISOString();
}

/** The last millisecond of a Shanghai calendar day (YYYY-MM-DD) as a UTC ISO string. */
export function shanghaiDayEndIso(date: string): string {
  return new Date(`${date}T23:59:59.999+08:00`).toISOString();
}

/** Today's date in Asia/Shanghai (YYYY-MM-DD). */
export function shanghaiToday(now: Date = new Date()): string {
  return formatDate(now);
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/**
 * A figure with thousands separators and at most `maxDecimals` decimals (trailing zeros dropped): 90000 → "90,000",
 * 433.3333 → "433.33". By default a figure below 1 keeps three decimals so that small ratios stay readable
 * (0.18462 → "0.185"). An em dash for none.
 */
export function formatNumber(v: number | null | undefined, maxDecimals?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const digits = maxDecimals ?? (Math.abs(v) < 1 ? 3 : 2);
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    numberFormats.set(digits, f);
  }
  const text = f.format(v);
  return text === '-0' ? '0' : text;
}
