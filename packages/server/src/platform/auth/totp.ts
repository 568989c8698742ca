// TOTP second factor (RFC 6238, 30 s steps, ±1 step tolerance), on the platform clock.
import { authenticator } from 'otplib';
import type { Clock } from '../clock.ts';

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(username: string, secret: string): string {
  return authenticator.keyuri(username, 'ZoneOps', secret);
}

function at(clock: Clock) {
  return authenticator.clone({ epoch: clock.now().getTime(), window: 1 });
}

export function checkTotp(clock: Clock, secret: string, code: string): boolean {
  try {
    return at(clock).check(code, secret);
  } catch {
    return false;
  }
}

/** The current code (used by tests and the CLI helper, never sent to clients). */
export function currentTotp(clock: Clock, secret: string): string {
  return at(clock).generate(secret);
}
