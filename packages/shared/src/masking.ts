// Field masking for users who lack the right to see contact data (DOMAIN §14).
// The same functions serve the API responses and the exports.

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (phone.length >= 11) return phone.slice(0, 3) + '****' + phone.slice(-4);
  if (phone.length > 4) return '*'.repeat(phone.length - 4) + phone.slice(-4);
  return '*'.repeat(phone.length);
}

export function maskUscc(code: string | null | undefined): string | null {
  if (!code) return code ?? null;
  return code.slice(0, 4) + '*'.repeat(Math.max(0, code.length - 8)) + code.slice(-4);
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜, John Smith → J*** S**** */
export function maskPersonName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  if (/^[\p{Script=Han}·]+$/u.test(name)) {
    const chars = [...name];
    if (chars.length <= 2) return chars[0] + '*';
    return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
  }
  return name
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : w[0] + '*'.repeat(w.length - 1)))
    .join(' ');
}

export type MaskedField = 'phone' | 'uscc' | 'personName';

export const maskers: Record<MaskedField, (v: string | null | undefined) => string | null> = {
  phone: maskPhone,
  uscc: maskUscc,
  personName: maskPersonName,
};
