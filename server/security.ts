import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe secret with `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return hash('sha256', value, 'hex'); // one-shot: half the cost of createHash on every request
}

/** Compares secrets in constant time so a wrong QR key leaks nothing about the right one. */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
