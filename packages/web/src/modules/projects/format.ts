// Figures of the project pages: amounts in 万元 as the exact strings the API sends ("12345678.5" → "12,345,678.50"),
// formatted digit by digit so that no amount goes through a float, and percentages with one decimal.

const AMOUNT = /^(-?)(\d+)(?:\.(\d*))?$/;

/**
 * An amount in 万元 with thousands separators and two decimals. Works on the digits (any length, no float), rounds a
 * third decimal half up; an empty value is an em dash and anything that is not a number is shown as it is.
 */
export function formatWan(s: string | null | undefined): string {
  if (s === null || s === undefined || s.trim() === '') return '—';
  const m = AMOUNT.exec(s.trim().replace(/,/g, ''));
  if (!m) return s;
  const [, sign = '', intRaw = '0', fracRaw = ''] = m;
  let digits = (intRaw.replace(/^0+(?=\d)/, '') + (fracRaw + '000').slice(0, 3)).split('').map(Number);
  // round the third decimal away, carrying through the digits
  const roundUp = (digits.pop() ?? 0) >= 5;
  if (roundUp) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i < 0) digits = [1, ...digits];
    else digits[i] = (digits[i] ?? 0) + 1;
  }
  const text = digits.join('');
  const int = text.slice(0, -2);
  const frac = text.slice(-2);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const zero = /^[0,]*$/.test(grouped) && frac === '00';
  return `${zero ? '' : sign}${grouped}.${frac}`;
}

/** A percentage with one decimal ("87.5%"), or an em dash when there is none. */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined || !Number.isFinite(p) ? '—' : `${p.toFixed(1)}%`;
}

/** A percentage for a progress bar: 0…100, whatever the figure (a project beyond its plan shows a full bar). */
export function barPercent(p: number | null | undefined): number {
  if (p === null || p === undefined || !Number.isFinite(p)) return 0;
  return Math.max(0, Math.min(100, p));
}
