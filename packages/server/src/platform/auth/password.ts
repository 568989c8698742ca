// Password hashing (argon2id, OWASP parameters) and the checks of the password policy.
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

const options = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random password: verifying against it costs as much as against a real one, so a missing user
// answers as slowly as a wrong password.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(generatePassword());
  return dummy;
}

const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?'];

/** A random password that satisfies the default policy (all four classes), for initial and reset passwords. */
export function generatePassword(length = 12): string {
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  const all = sets.join('');
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
