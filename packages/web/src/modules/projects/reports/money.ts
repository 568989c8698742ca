// Amounts of the report and list views beyond ../format.ts (formatWan): 万元 converted to 亿元 through integer
// hundredths (bigint), never through floats, the headline amount, and what the amount inputs accept.
// Unit-tested in money.test.ts.
import { centsToMoney, isMoney, moneyToCents } from '@zoneops/shared';
import { formatWan } from '../format.ts';

/** 万元 → 亿元 with two decimals, rounded half away from zero: "123456.00" → "12.35". */
export function wanToYi(s: string): string {
  const cents = moneyToCents(s);
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  // 1 亿元 = 10,000 万元 = 1,000,000 hundredths of 万元; keep hundredths of 亿元
  const yiCents = (a + 5_000n) / 10_000n;
  return centsToMoney(neg && yiCents > 0n ? -yiCents : yiCents);
}

export type AmountUnit = 'yi' | 'wan';

/**
 * A headline amount: 亿元 from 1 亿 (10,000 万元) on, else 万元; the value with separators.
 * `unit` forces one of them.
 */
export function headlineAmount(s: string, unit?: AmountUnit): { value: string; unit: AmountUnit } {
  const cents = moneyToCents(s);
  const abs = cents < 0n ? -cents : cents;
  const u: AmountUnit = unit ?? (abs >= 1_000_000n ? 'yi' : 'wan');
  return { value: formatWan(u === 'yi' ? wanToYi(s) : s), unit: u };
}

/** What the amount inputs accept: not negative, at most 14 integer digits and two decimals; separators are ignored. */
export function parseMoneyInput(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.replace(/[,，\s]/g, '');
  if (s === '' || s.startsWith('-') || !isMoney(s)) return null;
  return centsToMoney(moneyToCents(s));
}
