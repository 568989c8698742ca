/** A base32 secret in groups of four for reading aloud and typing: "JBSW Y3DP EHPK 3PXP". */
export function groupSecret(secret: string, size = 4): string {
  const clean = secret.replace(/\s+/g, '').toUpperCase();
  return clean.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? '';
}
