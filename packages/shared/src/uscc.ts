// Unified social credit code (统一社会信用代码), GB 32100-2015.
// 18 characters from a 31-character alphabet; the last one is a check character over the first 17.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character for the first 17 characters, or null when they use a foreign character. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Completes 17 characters into a valid code (used by the demo seed and factories). */
export function completeUscc(first17: string): string {
  const check = usccCheckChar(first17);
  if (check === null) throw new Error(`not a USCC prefix: ${first17}`);
  return first17 + check;
}
