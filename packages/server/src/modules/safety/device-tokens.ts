// Access tokens of devices and gateways (the MQTT user name, or the HTTP telemetry credential): random base62 with a
// recognisable prefix, shown once; only the sha256 (hex of the whole token, prefix included) and the last four
// characters are stored. The ingest path looks a sender up by deviceTokenHash(token).
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../platform/auth/tokens.ts';

export const DEVICE_TOKEN_PREFIX = 'zsd_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 32 base62 characters: about 190 bits. */
const LENGTH = 32;

/** A new token: prefix + 32 base62 characters, without modulo bias. */
export function newDeviceToken(): string {
  let out = '';
  while (out.length < LENGTH) {
    for (const b of randomBytes(LENGTH * 2)) {
      // 248 = 4 × 62: bytes at or above it would favour the first characters
      if (b < 248) out += ALPHABET[b % 62];
      if (out.length === LENGTH) break;
    }
  }
  return DEVICE_TOKEN_PREFIX + out;
}

export function deviceTokenHash(token: string): string {
  return sha256(token);
}

export function deviceTokenHint(token: string): string {
  return token.slice(-4);
}

/** The stored columns of a fresh token. */
export function issueDeviceToken(now: Date): { token: string; tokenHash: string; tokenHint: string; tokenIssuedAt: Date } {
  const token = newDeviceToken();
  return { token, tokenHash: deviceTokenHash(token), tokenHint: deviceTokenHint(token), tokenIssuedAt: now };
}
